"""Many cases at once.

``faedah estimate --batch DIR|FILES --csv OUT.csv [--pdf-dir DIR] [--workers N] [--rules DIR] [--lang L]``: one
CSV row per case file (file, claimant reference, scheme, each benefit's daily, monthly, lump sum and total,
provisional, problems, the PDF written, the rule pack's version and origin); an invalid file gets a row with its
problems and the batch carries on; the invalid files are listed on stderr at the end (exit 2 if there were any).

* The rule pack is resolved once, here, and handed to the workers (:mod:`estimator.cli.batch_pool`).
* Case files are read as ``faedah estimate`` reads one (regular files only, a byte cap); a name that is not
  valid UTF-8 gets a row saying so.  At most ``MAX_BATCH_FILES`` files.
* Outputs go through :mod:`estimator.model.fileio`: no input is overwritten, the CSV is written atomically
  (UTF-8 with a BOM, cells neutralised against formulas), two cases with the same file name in two folders get
  two PDFs, and temporary files a killed run left are removed first.
* A batch always ends with a CSV of every row it finished (Ctrl-C: exit 130; a worker lost: exit 1).
* One worker below 4 CPU cores (a second one never helped on 2), else two; ``--workers N`` chooses.

The payroll CSV (``faedah contributions --csv``) is :mod:`estimator.cli.payroll`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from estimator.cli.batch_pool import Progress
from estimator.engine.i18n import Text, pick, tr
from estimator.model.benefits import batch_codes
from estimator.model.fileio import (
    WriteError,
    atomic_write_bytes,
    check_target,
    csv_bytes,
    remove_stale_temp_files,
)

BENEFIT_CODES = batch_codes()  # from the model: every benefit paid in money has its columns
FIGURES = ("daily", "monthly", "lump_sum", "total")
BENEFIT_COLUMNS = [f"{code.lower()}_{figure}" for code in BENEFIT_CODES for figure in FIGURES]
CSV_HEADER = (
    ["file", "claimant_reference", "scheme"]
    + BENEFIT_COLUMNS
    + ["provisional", "problems", "pdf", "rules_version", "rules_origin"]
)
PROBLEMS = CSV_HEADER.index("problems")
MAX_BATCH_FILES = 20_000
MAX_WORKERS = 8
CHUNK = 50


class BatchRefused(Exception):
    """The batch cannot start (an argument at fault); exit 2 with the message."""

    def __init__(self, message: Text) -> None:
        super().__init__(message["en"])
        self.message = message


def shown_name(path: str) -> str:
    """``path`` as text that can be written anywhere (a name that is not UTF-8 gets replacement marks)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def case_files(sources: Iterable[str]) -> list[Path]:
    """The case files of the sources: each folder's ``*.json`` entries (sorted), each file as given."""
    out: list[Path] = []
    for source in sources:
        path = Path(source)
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name) if path.is_dir() else None
        except OSError:  # a name too long, no permission: the row of the path itself says why
            entries = None
        if entries is None:
            out.append(path)
            continue
        out.extend(Path(e.path) for e in entries if e.name.lower().endswith(".json"))
        if len(out) > MAX_BATCH_FILES:
            break
    if len(out) > MAX_BATCH_FILES:
        raise BatchRefused(tr("many.err.batch_too_many", limit=f"{MAX_BATCH_FILES:,}"))
    return out


def pdf_names(paths: list[Path], pdf_dir: Path) -> list[Path]:
    """One PDF per case, never two with the same name (``x.pdf``, ``x-2.pdf``, ...; case-blind, as on Windows)."""
    real_dir = os.path.realpath(pdf_dir)
    taken = {p.name.lower() for p in paths if os.path.realpath(p.parent) == real_dir}  # never over an input
    out = []
    for path in paths:
        stem = shown_name(path.stem)[:100] or "case"
        name, n = f"{stem}.pdf", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.pdf"
        taken.add(name.lower())
        out.append(pdf_dir / name)
    return out


def _money(value: Any) -> str:
    return "" if value is None else f"{value:.2f}"


def _say(message: Text, lang: str) -> str:
    return pick(message, "ms" if lang == "ms" else "en")


def _use(context: dict[str, Any]) -> None:
    """The rule pack, language and PDF header every row of this batch uses."""
    _CONTEXT.clear()
    _CONTEXT.update(context)


def _worker_setup(context: dict[str, Any]) -> None:
    """In each worker process: the rule pack the parent resolved is also the one in force by default."""
    from estimator.engine.rules import set_default_rules

    set_default_rules(context["pack"])
    _use(context)


_CONTEXT: dict[str, Any] = {}


def _plain_row(shown: str, problems: str, pack: Any) -> list[str]:
    empty = [""] * len(BENEFIT_COLUMNS)
    return [shown, "", "", *empty, "", problems, "", pack.version, pack.origin]


def case_row(path: str, pdf: str | None) -> list[str]:
    """The CSV row of one case file; every failure becomes the row's problem (plain data, never raised)."""
    from estimator.model.case import CaseError

    context = _CONTEXT
    pack, lang = context["pack"], context["lang"]
    shown = shown_name(path)
    if shown != path:
        return _plain_row(shown, _say(tr("many.err.name_not_utf8"), lang), pack)
    try:
        return _estimated_row(path, pdf, context)
    except CaseError as exc:
        return _plain_row(
            shown, "; ".join(p.line("ms" if lang == "ms" else "en") for p in exc.problems), pack
        )
    except WriteError as exc:
        return _plain_row(shown, _say(exc.message, lang), pack)
    except Exception as exc:  # one case must never end the batch: its row says what went wrong
        return _plain_row(shown, f"internal error: {type(exc).__name__}: {exc}"[:500], pack)


def _estimated_row(path: str, pdf: str | None, context: dict[str, Any]) -> list[str]:
    from estimator.law.estimate import estimate
    from estimator.model.casefile import read_case_file

    pack = context["pack"]
    case = read_case_file(path, rules=pack)
    result = estimate(case, pack)
    cells = [path, case.case_reference, case.scheme]
    for code in BENEFIT_CODES:
        benefit = result.benefit(code)
        if benefit is None:
            cells.extend([""] * len(FIGURES))
            continue
        options = getattr(benefit, "options", None) or []
        lump = options[0].lump_sum if options else None
        cells.extend(
            [
                _money(getattr(benefit, "daily_rate", None)),
                _money(getattr(benefit, "monthly_amount", None)),
                _money(lump),
                _money(getattr(benefit, "total", None)),
            ]
        )
    problems = "; ".join(n.code for n in result.not_payable)
    written = ""
    if pdf:
        from estimator.render.pdf import write_pdf

        write_pdf(
            result,
            case,
            pdf,
            lang=context["lang"],
            office_name=context["office_name"],
            office_address=context["office_address"],
            mask_ic=context["mask_ic"],
            protect=[path],
        )
        written = pdf
    cells.extend(["yes" if result.provisional else "no", problems, written, pack.version, pack.origin])
    return cells


def default_workers() -> int:
    """One worker below 4 CPU cores (a second one only costs there), else two."""
    return 1 if (os.cpu_count() or 1) < 4 else 2


def batch_rows(
    jobs: list[list[tuple[str, str | None]]], context: dict[str, Any], workers: int, progress: Progress
) -> tuple[dict[tuple[int, int], list[str]], str]:
    """The finished rows by (job, position), and how the run ended ("" done, "interrupted", "lost")."""
    from estimator.cli.batch_pool import WorkersLost, run_jobs

    done: dict[tuple[int, int], list[str]] = {}
    try:
        if workers <= 1 or len(jobs) <= 1:
            _use(context)
            for index, job in enumerate(jobs):
                for position, item in enumerate(job):
                    done[index, position] = case_row(*item)
                    progress.step()
        else:
            for index, position, row in run_jobs(jobs, case_row, _worker_setup, context, workers):
                done[index, position] = row
                progress.step()
    except KeyboardInterrupt:
        return done, "interrupted"
    except WorkersLost:
        return done, "lost"
    return done, ""


def _prepare_pdf_dir(pdf_dir: str) -> Path:
    folder = Path(pdf_dir)
    try:
        if folder.exists() and not folder.is_dir():
            raise BatchRefused(tr("many.err.pdf_dir_not_folder", path=pdf_dir))
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(
            folder, tr("err.write_failed", path=pdf_dir, reason=exc.strerror or str(exc))
        ) from exc
    return folder


def run_batch(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "en")
    try:
        return _run_batch(args, lang)
    except BatchRefused as exc:
        print(_say(exc.message, lang), file=sys.stderr)
        return 2


def write_batch_csv(
    paths: list[Path],
    out: str,
    pdf_dir: Path | None = None,
    workers: int = 1,
    context: dict[str, Any] | None = None,
) -> tuple[list[list[str]], str]:
    """Estimate ``paths`` (PDFs into ``pdf_dir``) and write the CSV ``out`` of every row finished; returns the
    rows as written and how the run ended ("" done, "interrupted", "lost").  ``context``: the rule pack, the
    language and the PDF header (default: the pack in force, English, no office header, masked IC)."""
    if context is None:
        from estimator.engine.rules import load_rules

        context = {
            "pack": load_rules(),
            "lang": "en",
            "office_name": "",
            "office_address": "",
            "mask_ic": True,
        }
    pdfs: list[Path | None] = list(pdf_names(paths, pdf_dir)) if pdf_dir else [None] * len(paths)
    items = [(str(p), str(pdf) if pdf else None) for p, pdf in zip(paths, pdfs, strict=True)]
    jobs = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    done, ending = batch_rows(jobs, context, workers, Progress(len(paths)))
    shown_rows = [[shown_name(row[0]), *row[1:]] for row in (done[key] for key in sorted(done))]
    atomic_write_bytes(out, csv_bytes(CSV_HEADER, shown_rows), backup=False, protect=paths)
    return shown_rows, ending


def _run_batch(args: argparse.Namespace, lang: str) -> int:
    from estimator.engine.rules import load_rules

    if not args.csv:
        raise BatchRefused(tr("many.err.batch_needs_csv"))
    workers = default_workers() if args.workers is None else args.workers
    if not 1 <= workers <= MAX_WORKERS:
        raise BatchRefused(tr("many.err.workers", limit=MAX_WORKERS))
    sources = list(args.batch) + ([args.case] if args.case else [])
    paths = case_files(sources)
    check_target(args.csv, protect=paths)  # never the CSV over a case file, a device or a read-only file
    pdf_dir = _prepare_pdf_dir(args.pdf_dir) if args.pdf_dir else None
    folders = {p.parent for p in paths} | {Path(args.csv).parent, *([pdf_dir] if pdf_dir else [])}
    remove_stale_temp_files(folders)  # what a killed run left beside the cases, the CSV and the PDFs
    pack = load_rules(
        Path(args.rules) if args.rules else None, Path(args.commutation) if args.commutation else None
    )
    context = {
        "pack": pack,
        "lang": lang,
        "office_name": args.office_name,
        "office_address": args.office_address,
        "mask_ic": not args.unmask_ic,
    }
    rows, ending = write_batch_csv(paths, args.csv, pdf_dir, workers, context)
    invalid = [row for row in rows if row[PROBLEMS] and not row[2]]
    for row in invalid:
        print(f"{row[0]}: {row[PROBLEMS]}", file=sys.stderr)
    print(f"{len(rows)} cases, {len(invalid)} invalid -> {args.csv}", file=sys.stderr)
    if ending:
        key = "many.err.batch_interrupted" if ending == "interrupted" else "many.err.batch_worker_lost"
        print(_say(tr(key, done=len(rows), total=len(paths), csv=args.csv), lang), file=sys.stderr)
        return 130 if ending == "interrupted" else 1
    return 2 if invalid else 0


def _workers(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        raise argparse.ArgumentTypeError(f"a whole number 1-{MAX_WORKERS}")
    return int(text)


def register(estimate_parser: argparse.ArgumentParser, sub: Any) -> None:
    """``estimate --batch/--csv/--pdf-dir/--workers`` and ``contributions --csv/--out``."""
    estimate_parser.add_argument(
        "--batch", nargs="+", default=[], metavar="DIR|FILE", help="many case files at once"
    )
    estimate_parser.add_argument("--csv", metavar="OUT.csv", help="with --batch: one row per case")
    estimate_parser.add_argument(
        "--pdf-dir", metavar="DIR", help="with --batch: a PDF per case in this folder"
    )
    estimate_parser.add_argument(
        "--workers",
        type=_workers,
        default=None,
        metavar="N",
        help="with --batch: worker processes (default 1 below 4 CPU cores, else 2)",
    )
    from estimator.cli.payroll import register as register_payroll

    register_payroll(sub)
