"""Run test files under Wine's Windows Python, one pytest process per file, and read each result from its JUnit
XML report (under Wine, pytest's closing line can be lost at exit, and a crash of one process must not hide the
other files).  Called by scripts/test-windows.sh; standard library only, runs on the Linux host.

    python3 scripts/wine/run_suite.py --wine WINE --python PYTHON_EXE --out DIR [--jobs N] FILE...

Each file runs as ``WINE PYTHON_EXE -m pytest FILE --junitxml=...`` with its standard streams piped (Wine's
Python cannot open them on a regular file) and stdin from /dev/null.  A file whose process ends without a report
(a crash) is run once more; the output of a file that failed is printed.  Prints one line per file and a closing
``windows (Python X): N passed, N failed, N skipped`` line; exits 1 when a test failed or a file gave no report.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FileResult:
    name: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    report: bool = False
    failures: list[str] = field(default_factory=list)
    output: str = ""


def read_report(path: Path) -> FileResult | None:
    """Counts and failed test ids from a pytest JUnit XML report; None when absent or cut short."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    result = FileResult(name=path.stem, report=True)
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    for suite in suites:
        for case in suite.iter("testcase"):
            test_id = f"{case.get('classname', '')}::{case.get('name', '')}"
            if case.find("failure") is not None or case.find("error") is not None:
                result.failed += 1
                result.failures.append(test_id)
            elif case.find("skipped") is not None:
                result.skipped += 1
            else:
                result.passed += 1
    return result


def _drain(stream: object, sink: list[str]) -> None:
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        sink.append(line)


def run_file(args: argparse.Namespace, test_file: str) -> FileResult:
    report = Path(args.out) / (Path(test_file).stem + ".xml")
    cmd = [
        *args.wine,
        args.python,
        "-m",
        "pytest",
        f"--junitxml={report}",
        test_file,
        *args.pytest_args,
    ]
    for attempt in (1, 2):
        report.unlink(missing_ok=True)
        start = time.monotonic()
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,  # its own process group: stray children are ended with it
        )
        lines: list[str] = []
        reader = threading.Thread(target=_drain, args=(proc.stdout, lines), daemon=True)
        reader.start()
        try:
            proc.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            lines.append(f"\n[run_suite] {test_file}: no end after {args.timeout} s, stopped\n")
        # a child left behind (a subprocess the test started) would hold the pipe open: end the group
        reader.join(timeout=10)
        if proc.poll() is None or reader.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            reader.join(timeout=5)
        found = read_report(report)
        result = found or FileResult(name=Path(test_file).stem)
        result.name = test_file
        result.seconds = time.monotonic() - start
        result.output = "".join(lines)
        if found is not None or attempt == 2:
            return result
        print(f"  {test_file}: no report (exit {proc.returncode}); running it once more", flush=True)
    raise AssertionError("unreachable")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wine", required=True, help="the wine command (split on spaces)")
    parser.add_argument("--python", required=True, help="python.exe (a Linux path; Wine maps it)")
    parser.add_argument("--out", required=True, help="folder for the JUnit XML reports")
    parser.add_argument("--label", default="windows")
    parser.add_argument("--jobs", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    parser.add_argument("--timeout", type=int, default=1800, help="seconds for one test file")
    parser.add_argument("--pytest-arg", dest="pytest_args", action="append", default=[])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    args.wine = args.wine.split()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    results: list[FileResult] = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for result in pool.map(lambda f: run_file(args, f), args.files):
            results.append(result)
            state = "ok" if result.report and not result.failed else "FAIL"
            detail = (
                f"{result.passed} passed, {result.failed} failed, {result.skipped} skipped"
                if result.report
                else "NO REPORT (the process died)"
            )
            print(f"  {state:4}  {result.name}: {detail} ({result.seconds:.0f} s)", flush=True)
    bad = [r for r in results if r.failed or not r.report]
    for result in bad:
        print(f"\n---- {result.name} (output, last 60 lines)")
        print("".join(result.output.splitlines(keepends=True)[-60:]), end="")
        for test_id in result.failures:
            print(f"FAILED {test_id}")
    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results) + sum(1 for r in results if not r.report)
    skipped = sum(r.skipped for r in results)
    print(f"\n{args.label}: {len(results)} files in {time.monotonic() - start:.0f} s")
    print(f"{args.label}: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
