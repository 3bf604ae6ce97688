"""Write the README's figures (test count, suite time, benchmark table) into its marked block.

    python scripts/readme_figures.py [--quick] [--no-suite]

The block sits between ``<!-- figures:begin ... -->`` and ``<!-- figures:end -->`` in README.md; nothing else
is touched. Figures are measured here, on this machine: the test count from ``pytest --collect-only``, the
suite's wall time from a real headless run (``--no-suite`` keeps the count only), and the table printed by
``bench/run.py`` (``--quick``: its quick mode). Run it with the project's environment (``.venv/bin/python``).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = re.compile(r"<!-- figures:begin[^>]*-->")
END = "<!-- figures:end -->"


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def test_count() -> int:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"(\d+) tests? collected", proc.stdout)
    if match is not None:
        return int(match.group(1))
    # with pyproject's -q plus this -q, pytest prints one "path: count" line per file instead
    per_file = re.findall(r"^tests/\S+\.py: (\d+)$", proc.stdout, flags=re.M)
    if not per_file:
        raise SystemExit(f"readme_figures: no test count in pytest's output:\n{proc.stdout[-500:]}")
    return sum(int(count) for count in per_file)


def suite_seconds() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q"], cwd=ROOT, env=_env(), check=True, capture_output=True
    )
    return time.perf_counter() - start


def bench_table(quick: bool) -> str:
    args = [sys.executable, "bench/run.py", *(["--quick"] if quick else [])]
    proc = subprocess.run(args, cwd=ROOT, env=_env(), capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def block(count: int, seconds: float | None, table: str) -> str:
    timing = f", {seconds / 60:.1f} minutes headless" if seconds is not None else ""
    return "\n".join(
        [
            f"Last measured {date.today().isoformat()} on {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}: **{count} tests**{timing}.",
            "",
            "```",
            table,
            "```",
        ]
    )


def replace_block(text: str, body: str) -> str:
    begin = BEGIN.search(text)
    if begin is None or END not in text[begin.end() :]:
        raise SystemExit(
            "readme_figures: README.md has no <!-- figures:begin --> / <!-- figures:end --> block"
        )
    end = text.index(END, begin.end())
    return text[: begin.end()] + "\n" + body + "\n" + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="bench/run.py --quick")
    parser.add_argument("--no-suite", action="store_true", help="count the tests but do not time a full run")
    opts = parser.parse_args(argv)
    count = test_count()
    seconds = None if opts.no_suite else suite_seconds()
    table = bench_table(opts.quick)
    README.write_text(
        replace_block(README.read_text(encoding="utf-8"), block(count, seconds, table)), encoding="utf-8"
    )
    print(f"README.md: {count} tests" + (f", {seconds:.0f} s" if seconds is not None else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
