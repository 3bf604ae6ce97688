"""Faedah benchmark runner: ``python bench/run.py [--quick] [--n N] [--only PARTS] [--with-build]``.

Every figure is a ratio Faedah / reference where a reference exists, both measured side by side in the same
run (alternating runs, medians), against the bare programs in ``bench/reference/`` (our own: a 5-page QWizard,
a 3-page reportlab report, a Decimal month-by-month schedule, and the wizard's frozen spec), so the benchmark
runs on any clone:

1. start-up    ``python -m ui`` (offscreen, ``QUIT_AFTER_SHOW=1``) vs ``reference_wizard.py``; target <= 1.2x
               (wall and CPU time), and, for information, until every page is built (``QUIT_AFTER_SHOW=pages``)
2. estimate    ``estimator.estimate()`` on samples/death_four_dependants.json, in-process, CPU time per call
               (target < 1 ms), and ``estimate()`` followed by ``to_json()`` (target <= 0.5 ms: an estimate is
               for reading), vs ``reference_calc.schedule()`` over 480 months; plus
               ``import estimator.law.estimate`` beside ``import pydantic`` (fresh interpreters, ``-X importtime``)
3. scaling     estimate() on a death case with 1 and with 30 dependants and on an invalidity case with a
               480-month history (a different wage every month: the worst case for runs of months), then
               estimate()+to_json() of 30 dependants, 480 months and 480 months with a raise a year (target
               <= 2 ms each, ratio to the same 480-month schedule); a scaling table (dependants 1/4/10/20/30,
               months 24/120/240/480) whose ratio is the cost of one more dependant (month) at the top over
               that at the bottom (linear: <= 1.5x); ``parse_case`` alone, for reference
3b. wizard     the wizard's real ``revalidate()`` (built offscreen, loaded with each sample, the 30-dependant
               case and the 480-month history; what a keystroke runs, the live preview excepted: it waits for
               a pause), target <= 2 ms each
4. pdf         ``estimator.render.pdf.write_pdf()`` vs ``reference_report.build()``, in-process; target <= 3x
5. build       du of dist/faedah vs the bare wizard frozen the same way (``bench/reference/reference_wizard.spec``),
               target <= 1.1x, and the built start-up ratio (target <= 1.3x); only if both builds exist
               (``--with-build`` makes them). ``--quick`` (3 runs, 50 calls) skips this part and the next.
6. windows     the Windows folder and MSI that ``packaging/build-windows`` leaves in dist-windows/ (or
               $FAEDAH_WINDOWS_DIST): folder <= 90 MB, installer <= 40 MB; only if that build exists

A part whose code is not there yet prints ``skipped: reason``. ``--write-doc`` puts the output into
docs/benchmarks.md between the ``bench:begin`` / ``bench:end`` markers.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REF_DIR = ROOT / "bench" / "reference"
HEAVY_CASE = ROOT / "samples" / "death_four_dependants.json"
INVALIDITY_CASE = ROOT / "samples" / "invalidity_pension.json"
PARTS = ("startup", "estimate", "scaling", "wizard", "pdf", "build", "windows", "compare")
QUICK_SKIPS = ("build", "windows")
SCHEDULE_MONTHS = 480
MIB = 2**20
EXE = ".exe" if sys.platform.startswith("win") else ""


@dataclass
class Row:
    name: str
    ours: str
    ref: str
    ratio: float | None
    target: str
    ok: bool | None

    def verdict(self) -> str:
        return "" if self.ok is None else ("ok" if self.ok else "OVER")


class Skip(Exception):
    """A part cannot run yet (its code or build is missing)."""


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def fmt_s(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.3f} ms"
    return f"{seconds * 1000:.0f} ms"


def alternate(
    a: Callable[[], float], b: Callable[[], float], n: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Run a and b alternately (a first on even rounds, b first on odd ones); return both lists of times."""
    for _ in range(warmup):
        a()
        b()
    ta: list[float] = []
    tb: list[float] = []
    for i in range(n):
        if i % 2 == 0:
            ta.append(a())
            tb.append(b())
        else:
            tb.append(b())
            ta.append(a())
    return ta, tb


def clean_env(tmp: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("FAEDAH_RULES_DIR", "FAEDAH_COMMUTATION_FILE", "FAEDAH_RESOURCES"):
        env.pop(key, None)
    env["FAEDAH_CONFIG_DIR"] = str(tmp / "config")
    env["FAEDAH_DATA_DIR"] = str(tmp / "data")
    env.update(extra)
    return env


def timed_process(cmd: list[str], env: dict[str, str], cwd: Path, what: str) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
        took = time.perf_counter() - start
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise Skip(f"{what} failed (exit {proc.returncode}): {tail}")
        return took

    return run


# 1. start-up ---------------------------------------------------------------------------------------------


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far; NaN where unknown (Windows)."""
    try:
        import resource
    except ImportError:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_startup(ref_dir: Path, n: int, tmp: Path) -> list[Row]:
    """Until the window shows (``QUIT_AFTER_SHOW=1``): wall time, and the processes' CPU time (steadier on a
    busy machine); then, for information, until the pages after the incident page are built and styled too
    (``QUIT_AFTER_SHOW=pages``, the event loop's first turn). The children write their bytecode on the
    warm-up run (an installed app has it), so no timed run compiles the sources."""
    if not (ROOT / "ui" / "__main__.py").exists():
        raise Skip("ui/__main__.py is not there yet")
    env = clean_env(tmp, QT_QPA_PLATFORM="offscreen", QUIT_AFTER_SHOW="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cpu: dict[str, list[float]] = {"app": [], "ref": [], "pages": []}

    def with_cpu(key: str, run: Callable[[], float]) -> Callable[[], float]:
        def both() -> float:
            before = _children_cpu()
            took = run()
            cpu[key].append(_children_cpu() - before)
            return took

        return both

    app = with_cpu("app", timed_process([sys.executable, "-m", "ui"], env, ROOT, "python -m ui"))
    ref = with_cpu(
        "ref",
        timed_process(
            [sys.executable, str(ref_dir / "reference_wizard.py")], env, ref_dir, "reference_wizard.py"
        ),
    )
    pages = with_cpu(
        "pages",
        timed_process(
            [sys.executable, "-m", "ui"], {**env, "QUIT_AFTER_SHOW": "pages"}, ROOT, "python -m ui"
        ),
    )
    ta, tb = alternate(app, ref, n)
    tc = [pages() for _ in range(n)]
    ca, cb = (median(cpu[key][1:]) for key in ("app", "ref"))  # ([0] is the warm-up)
    cc = median(cpu["pages"])
    rows: list[Row] = []
    for name, ours, theirs, target in (
        ("start-up: python -m ui", median(ta), median(tb), 1.2),
        ("start-up: CPU time", ca, cb, 1.2),
        ("start-up: + every page built", median(tc), median(tb), None),
        ("start-up: + every page built, CPU", cc, cb, None),
    ):
        if not math.isnan(ours / theirs):  # (no CPU time where the platform does not tell it)
            ok = None if target is None else ours / theirs <= target
            rows.append(
                Row(name, fmt_s(ours), fmt_s(theirs), ours / theirs, f"<= {target}x" if target else "", ok)
            )
    return rows


# 2. estimate latency and import cost ---------------------------------------------------------------------


def _per_call(fn: Callable[[], Any]) -> Callable[[], float]:
    """The CPU time of one call (this process's: other programs on a busy machine count less)."""

    def run() -> float:
        start = time.process_time_ns()
        fn()
        return (time.process_time_ns() - start) / 1e9

    return run


def importtime(module: str, cwd: Path) -> Callable[[], float]:
    """Cumulative import time of ``module`` in a fresh interpreter, from ``python -X importtime``."""
    pattern = re.compile(r"import time:\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\S.*)$")

    def run() -> float:
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise Skip(f"import {module} failed: {tail}")
        for line in proc.stderr.splitlines():
            m = pattern.search(line)
            if m and m.group(3).strip() == module:
                return int(m.group(2)) / 1e6
        raise Skip(f"no -X importtime line for {module}")

    return run


def bench_estimate(ref_dir: Path, n: int, calls: int) -> list[Row]:
    try:
        from estimator import estimate, read_case_file
    except ImportError as exc:
        raise Skip(f"estimator is not importable yet ({exc})") from exc
    case = read_case_file(HEAVY_CASE)
    estimate(case)  # loads and caches the rule pack
    ours_f = _per_call(lambda: estimate(case))
    ref_f = _reference_schedule()
    ta, tb = alternate(ours_f, ref_f, calls, warmup=3)
    est, sch = median(ta), median(tb)
    rows = [
        Row(
            "estimate(): death, 4 dependants",
            fmt_s(est),
            fmt_s(sch) + " schedule",
            est / sch,
            "< 1 ms",
            est < 0.001,
        )
    ]
    ta, tb = alternate(_per_call(lambda: estimate(case).to_json()), ref_f, calls, warmup=3)
    est, sch = median(ta), median(tb)
    rows.append(
        Row(
            "estimate()+to_json(): death, 4 dependants",
            fmt_s(est),
            fmt_s(sch) + " schedule",
            est / sch,
            "<= 0.5 ms",
            est <= 0.0005,
        )
    )
    ia, ib = alternate(importtime("estimator.law.estimate", ROOT), importtime("pydantic", ROOT), n)
    rows.append(
        Row(
            "import estimator.law.estimate / pydantic",
            fmt_s(median(ia)),
            fmt_s(median(ib)),
            median(ia) / median(ib),
            "",
            None,
        )
    )
    return rows


# 3. scaling ---------------------------------------------------------------------------------------------


def _reference_schedule() -> Callable[[], float]:
    import reference_calc

    return _per_call(lambda: reference_calc.schedule(Decimal("1500.00"), SCHEDULE_MONTHS, Decimal("2")))


def _month_back(month: str, back: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + number - 1 - back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


DEPENDANT_SIZES = (1, 4, 10, 20, 30)
MONTH_SIZES = (24, 120, 240, 480)
LINEAR = 1.5  # the cost of one more dependant (month) at the top of the table over that at the bottom


def death_case(dependants: int) -> dict[str, Any]:
    """The four-dependant sample with the spouse and ``dependants - 1`` children (a valid case)."""
    death = json.loads(HEAVY_CASE.read_text(encoding="utf-8"))
    if dependants == 1:
        return dict(death, dependants=death["dependants"][:1])
    spouse = death["dependants"][0]
    children = [
        {
            "relationship": "child",
            "date_of_birth": f"{2006 + i % 18:04d}-{i % 12 + 1:02d}-15",
            "name": f"Child {i}",
        }
        for i in range(dependants - 1)
    ]
    return dict(death, dependants=[spouse, *children])


def invalidity_case(months: int, yearly: bool = False) -> dict[str, Any]:
    """The invalidity sample with a history of ``months`` months before the event: a different wage every
    month (the worst case for runs of identical months), or with ``yearly`` one raise a year."""
    invalidity = json.loads(INVALIDITY_CASE.read_text(encoding="utf-8"))
    last = invalidity["monthly_wages"][-1]["month"]
    history = [
        {
            "month": _month_back(last, back),
            "wage": f"{4000 - (back // 12) * 50}.00" if yearly else f"{2000 + (back % 40) * 25}.00",
        }
        for back in range(months - 1, -1, -1)
    ]
    return dict(invalidity, monthly_wages=history, first_contribution_month=history[0]["month"])


def scaling_cases() -> dict[str, dict[str, Any]]:
    """The documents the scaling rows estimate: built from the samples, valid cases of the sizes named."""
    return {
        "death, 1 dependant": death_case(1),
        "death, 30 dependants": death_case(30),
        "invalidity, 480 months": invalidity_case(SCHEDULE_MONTHS),
    }


def _estimate_and_json(document: dict[str, Any]) -> Callable[[], float]:
    from estimator import estimate, parse_case

    case = parse_case(document)
    estimate(case).to_json()
    return _per_call(lambda: estimate(case).to_json())


def bench_scaling(calls: int) -> list[Row]:
    try:
        from estimator import estimate, parse_case
    except ImportError as exc:
        raise Skip(f"estimator is not importable yet ({exc})") from exc
    rows = []
    for name, document in scaling_cases().items():
        case = parse_case(document)
        estimate(case)
        ta, tb = alternate(
            _per_call(lambda case=case: estimate(case)), _reference_schedule(), calls, warmup=3
        )
        ours, ref = median(ta), median(tb)
        rows.append(
            Row(
                f"estimate(): {name}",
                fmt_s(ours),
                fmt_s(ref) + " schedule",
                ours / ref,
                "<= 2 ms",
                ours <= 0.002,
            )
        )
    more = {
        "death, 30 dependants": death_case(30),
        "invalidity, 480 months": invalidity_case(SCHEDULE_MONTHS),
        "invalidity, 480 months, a raise a year": invalidity_case(SCHEDULE_MONTHS, yearly=True),
    }
    for name, document in more.items():
        ta, tb = alternate(_estimate_and_json(document), _reference_schedule(), calls, warmup=3)
        ours, ref = median(ta), median(tb)
        rows.append(
            Row(
                f"estimate()+to_json(): {name}",
                fmt_s(ours),
                fmt_s(ref) + " schedule",
                ours / ref,
                "<= 2 ms",
                ours <= 0.002,
            )
        )
    rows.append(_scaling_row("dependants", DEPENDANT_SIZES, death_case, calls))
    rows.append(_scaling_row("months", MONTH_SIZES, invalidity_case, calls))
    heavy = json.loads(HEAVY_CASE.read_text(encoding="utf-8"))
    parse_case(heavy)
    times = [_per_call(lambda: parse_case(heavy))() for _ in range(calls)]
    took = median(times)
    rows.append(Row("parse_case() alone (types + checks), 4 dependants", fmt_s(took), "-", None, "", None))
    return rows


def _scaling_row(what: str, sizes: Sequence[int], build: Callable[[int], dict[str, Any]], calls: int) -> Row:
    """estimate()+to_json() at each size, measured in turn; the ratio is the cost of one more unit at the top
    of the table over that at the bottom (1.0: linear; a quadratic cost grows with the size)."""
    runners = [_estimate_and_json(build(size)) for size in sizes]
    times: list[list[float]] = [[] for _ in sizes]
    for i in range(calls):
        order = range(len(sizes)) if i % 2 == 0 else reversed(range(len(sizes)))
        for k in order:
            times[k].append(runners[k]())
    took = [median(t) for t in times]
    first = (took[1] - took[0]) / (sizes[1] - sizes[0])
    last = (took[-1] - took[-2]) / (sizes[-1] - sizes[-2])
    growth = last / first if first > 0 else float("inf")
    shown = " / ".join(f"{t * 1000:.2f}" for t in took) + " ms"
    per = f"+{first * 1e6:.0f} us -> +{last * 1e6:.0f} us per {what[:-1]}"
    return Row(
        f"scaling, estimate()+to_json(): {what} {'/'.join(map(str, sizes))}",
        shown,
        per,
        growth,
        f"linear (<= {LINEAR}x)",
        growth <= LINEAR,
    )


# 3b. the wizard's revalidation ---------------------------------------------------------------------------


def bench_wizard(calls: int) -> list[Row]:
    """The wizard's real ``revalidate()`` (what a keystroke runs: collect every page, parse, show each page's
    problems), built offscreen with each sample and with the large cases of the scaling rows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from ui.core import Core
        from ui.wizard import CaseWizard
    except ImportError as exc:
        raise Skip(f"the wizard is not importable ({exc})") from exc
    app = QApplication.instance() or QApplication([])
    core = Core()
    if not core.load():
        raise Skip("the rule pack did not load")
    wizard = CaseWizard(core)
    documents = {
        f"sample {p.stem}": json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "samples").glob("*.json"))
    }
    documents["death, 30 dependants"] = death_case(30)
    documents["invalidity, 480 months"] = invalidity_case(SCHEDULE_MONTHS)
    took: dict[str, float] = {}
    for name, document in documents.items():
        wizard.load(document)
        app.processEvents()
        run = _per_call(wizard.revalidate)
        for _ in range(3):
            run()
        took[name] = median([run() for _ in range(max(calls // 5, 10))])
    wizard.deleteLater()
    app.processEvents()
    samples = {k: v for k, v in took.items() if k.startswith("sample ")}
    worst = max(samples, key=samples.__getitem__)

    def row(what: str, seconds: float) -> Row:
        return Row(
            f"revalidation per keystroke: revalidate(), {what}",
            fmt_s(seconds),
            "-",
            None,
            "<= 2 ms",
            seconds <= 0.002,
        )

    rows = [row(f"every sample (worst {worst[7:]})", samples[worst])]
    for name in ("sample death_four_dependants", "death, 30 dependants", "invalidity, 480 months"):
        rows.append(row(name, took[name]))
    return rows


# 2b. Comparison and batch ------------------------------------------------------------------------------


def bench_compare(n: int, calls: int, tmp: Path, batch_size: int = 10_000) -> list[Row]:
    """Building the comparison of four scenarios (results already computed), and a batch of case files to CSV
    on two worker processes (the files are generated in a temp dir)."""
    try:
        from estimator.cli.batch import write_batch_csv
        from estimator.law.compare import compare_results
        from estimator.law.estimate import estimate
        from estimator.model.casefile import read_case_file
    except ImportError as exc:
        raise Skip(f"compare is not importable yet ({exc})") from exc
    golden = ROOT / "tests" / "golden" / "compare"
    cases = [read_case_file(golden / f"{name}.case") for name in ("lec_20", "lec_20_01", "lec_25", "lec_25")]
    scenarios = [(f"S{i}", case, estimate(case)) for i, case in enumerate(cases)]
    compare_results(scenarios)
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        compare_results(scenarios)
        times.append(time.perf_counter() - start)
    built = median(times)
    rows = [Row("compare_results(): four scenarios", fmt_s(built), "", None, "< 5 ms", built < 0.005)]
    folder = tmp / "batch"
    folder.mkdir()
    template = json.loads((golden / "lec_25.case").read_text())
    for i in range(batch_size):
        template["case_reference"] = f"B{i:05d}"
        template["loss_of_earning_capacity_percent"] = str(i % 100 + 1)
        (folder / f"case{i:05d}.json").write_text(json.dumps(template))
    paths = sorted(folder.iterdir())
    start = time.perf_counter()
    write_batch_csv(paths, str(tmp / "batch.csv"), workers=2)
    took = time.perf_counter() - start
    rows.append(
        Row(
            f"estimate --batch: {batch_size} files to CSV, 2 workers",
            f"{fmt_s(took)} ({batch_size / took:.0f} cases/s)",
            "",
            None,
            "< 30 s",
            took < 30,
        )
    )
    return rows


# 3. PDF export -------------------------------------------------------------------------------------------


def _pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def bench_pdf(ref_dir: Path, n: int, tmp: Path) -> list[Row]:
    try:
        from estimator import estimate, read_case_file
        from estimator.render.pdf import write_pdf
    except ImportError as exc:
        raise Skip(f"estimator.render.pdf.write_pdf is not there yet ({exc})") from exc
    import reference_report

    case = read_case_file(HEAVY_CASE)
    result = estimate(case)
    ours_path, ref_path = tmp / "faedah.pdf", tmp / "reference.pdf"

    def ours() -> None:
        write_pdf(result, case, ours_path)

    def ref() -> None:
        reference_report.build(str(ref_path))

    ta, tb = alternate(_per_call(ours), _per_call(ref), n)
    if ours_path.read_bytes()[:5] != b"%PDF-":
        raise Skip("write_pdf did not write a PDF")
    ratio = median(ta) / median(tb)
    ours_s = f"{fmt_s(median(ta))} ({_pages(ours_path)} p)"
    ref_s = f"{fmt_s(median(tb))} ({_pages(ref_path)} p)"
    # the whole document for information: Faedah's summary has more pages than the reference (the target is per
    # page, below)
    rows = [Row("PDF export: write_pdf()", ours_s, ref_s, ratio, "", None)]
    per_page = (median(ta) / _pages(ours_path)) / (median(tb) / max(_pages(ref_path), 1))
    rows.append(
        Row(
            "PDF export per page",
            f"{fmt_s(median(ta) / _pages(ours_path))}/p",
            f"{fmt_s(median(tb) / max(_pages(ref_path), 1))}/p",
            per_page,
            "<= 2x",
            per_page <= 2,
        )
    )
    return rows + bench_print_size(ours_path.read_bytes())


def bench_print_size(pdf: bytes) -> list[Row]:
    """The page data the printer receives for one page of the summary (the largest page), at 600 dpi."""
    try:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui.printing import page_images, print_plan
    except ImportError as exc:
        raise Skip(f"ui.printing is not importable ({exc})") from exc
    out = []
    for gray in (False, True):
        dpi, gray = print_plan(600, gray)
        biggest = max(image.sizeInBytes() for image in page_images(pdf, dpi, [1, 2], gray=gray))
        what = "grey" if gray else "colour"
        out.append(
            Row(
                f"print: page data ({what}, {dpi:.0f} dpi)",
                f"{biggest / 1e6:.1f} MB/p",
                "",
                None,
                "<= 10 MB",
                biggest <= 10_000_000,
            )
        )
    return out


# 5. built bundle -----------------------------------------------------------------------------------------


def disk_usage(folder: Path) -> int:
    """Bytes used by a folder, like ``du -s`` (falls back to the sum of file sizes)."""
    try:
        out = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, timeout=60)
        if out.returncode == 0:
            return int(out.stdout.split()[0]) * 1024
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def bench_build(n: int, tmp: Path, dist: Path, ref_build: Path) -> list[Row]:
    app_exe = dist / f"faedah-gui{EXE}"
    ref_exe = ref_build / f"reference_wizard{EXE}"
    if not app_exe.exists():
        raise Skip(f"no build at {dist} (packaging/build, or --with-build)")
    if not ref_exe.exists():
        raise Skip(f"no reference build at {ref_build} (packaging/build --reference, or --with-build)")
    ours, ref = disk_usage(dist), disk_usage(ref_build)
    rows = [
        Row(
            "bundle size (du)",
            f"{ours / MIB:.1f} MiB",
            f"{ref / MIB:.1f} MiB",
            ours / ref,
            "<= 1.1x",
            ours <= 1.1 * ref,
        )
    ]
    env = clean_env(tmp, QT_QPA_PLATFORM="offscreen", QUIT_AFTER_SHOW="1")
    ta, tb = alternate(
        timed_process([str(app_exe)], env, tmp, "built faedah-gui"),
        timed_process([str(ref_exe)], env, tmp, "built reference_wizard"),
        n,
    )
    ratio = median(ta) / median(tb)
    rows.append(
        Row(
            "built start-up: faedah-gui", fmt_s(median(ta)), fmt_s(median(tb)), ratio, "<= 1.3x", ratio <= 1.3
        )
    )
    return rows


def bench_windows(folder: Path) -> list[Row]:
    """The Windows folder and its MSI as ``packaging/build-windows`` leaves them (PyInstaller under Wine): the
    folder <= 90 MB, the installer <= 40 MB (megabytes of 10^6 bytes)."""
    app = folder / "faedah"
    msis = sorted(folder.glob("faedah-*.msi"))
    if not (app / "faedah.exe").exists():
        raise Skip(f"no Windows build at {app} (packaging/build-windows)")
    size = sum(p.stat().st_size for p in app.rglob("*") if p.is_file())
    rows = [Row("Windows folder (files)", f"{size / 1e6:.2f} MB", "-", None, "<= 90 MB", size <= 90e6)]
    if msis:
        msi = msis[-1].stat().st_size
        rows.append(Row("Windows installer (MSI)", f"{msi / 1e6:.2f} MB", "-", None, "<= 40 MB", msi <= 40e6))
    return rows


# driver --------------------------------------------------------------------------------------------------


def render(rows: list[Row], skipped: list[tuple[str, str]], header: str) -> str:
    lines = [header, ""]
    widths = (40, 18, 20, 8, 10)
    title = ("part", "faedah", "reference", "ratio", "target")
    lines.append("  ".join(t.ljust(w) for t, w in zip(title, widths, strict=True)) + "  verdict")
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        cells = (r.name, r.ours, r.ref, ratio, r.target or "-")
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + r.verdict())
    for part, reason in skipped:
        lines.append(f"{part}: skipped: {reason}")
    return "\n".join(lines)


def write_doc(text: str, doc: Path) -> None:
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    block = f"{begin}\n```\n{text}\n```\n{end}"
    old = doc.read_text(encoding="utf-8") if doc.exists() else f"# Benchmarks\n\n{begin}\n{end}\n"
    if begin in old and end in old:
        new = old[: old.index(begin)] + block + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="runs per side for processes and PDFs (default 9; quick 3)")
    parser.add_argument("--calls", type=int, help="estimate() calls per side (default 300; quick 50)")
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs, no frozen build: a rough figure in seconds"
    )
    parser.add_argument("--only", help=f"comma-separated parts ({','.join(PARTS)}; default all)")
    parser.add_argument("--with-build", action="store_true", help="run packaging/build --reference first")
    parser.add_argument("--ref-dir", type=Path, default=DEFAULT_REF_DIR, help="the bare reference programs")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "faedah", help="the built Faedah folder")
    parser.add_argument(
        "--ref-build",
        type=Path,
        default=ROOT / "build" / "reference" / "dist" / "reference_wizard",
        help="the bare reference wizard frozen by packaging/build --reference",
    )
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    parser.add_argument("--write-doc", action="store_true", help="put the output into docs/benchmarks.md")
    args = parser.parse_args(argv)
    n = args.n or (3 if args.quick else 9)
    calls = args.calls or (50 if args.quick else 300)
    default_parts = [p for p in PARTS if not (args.quick and p in QUICK_SKIPS)]
    parts = [p.strip() for p in args.only.split(",") if p.strip()] if args.only else default_parts
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)}")
    ref_dir: Path = args.ref_dir.resolve()
    if not (ref_dir / "reference_wizard.py").exists():
        print(f"bench: reference programs not found in {ref_dir} (use --ref-dir)", file=sys.stderr)
        return 2
    sys.path[:0] = [str(ROOT), str(ref_dir)]

    if args.with_build:
        print("building (packaging/build --reference) ...", flush=True)
        proc = subprocess.run(["bash", str(ROOT / "packaging" / "build"), "--reference"], cwd=ROOT)
        if proc.returncode != 0:
            print(f"bench: the build failed (exit {proc.returncode})", file=sys.stderr)

    rows: list[Row] = []
    skipped: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="faedah-bench-") as name:
        tmp = Path(name)
        runners: dict[str, Callable[[], list[Row]]] = {
            "startup": lambda: bench_startup(ref_dir, n, tmp),
            "estimate": lambda: bench_estimate(ref_dir, n, calls),
            "scaling": lambda: bench_scaling(calls),
            "wizard": lambda: bench_wizard(calls),
            "pdf": lambda: bench_pdf(ref_dir, n, tmp),
            "build": lambda: bench_build(n, tmp, args.dist.resolve(), args.ref_build.resolve()),
            "windows": lambda: bench_windows(ROOT / os.environ.get("FAEDAH_WINDOWS_DIST", "dist-windows")),
            "compare": lambda: bench_compare(n, calls, tmp),
        }
        for part in parts:
            print(f"... {part}", file=sys.stderr, flush=True)
            try:
                rows += runners[part]()
            except Skip as exc:
                skipped.append((part, str(exc)))

    header = (
        f"Faedah benchmarks, {datetime.now():%Y-%m-%d %H:%M}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores; "
        f"medians of {n} alternating runs ({calls} calls for estimate())"
    )
    text = render(rows, skipped, header)
    print(text)
    if args.json:
        print(
            json.dumps(
                [r.__dict__ for r in rows] + [{"skipped": p, "reason": r} for p, r in skipped], indent=1
            )
        )
    if args.write_doc:
        write_doc(text, ROOT / "docs" / "benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
