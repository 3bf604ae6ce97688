"""Many cases at once.

``faedah estimate --batch DIR|FILES --csv OUT.csv [--pdf-dir DIR]``: one CSV row per case file (file, claimant
reference, scheme, each benefit's daily, monthly, lump sum and total, provisional, problems); an invalid file
gets a row with its problems and the batch carries on; the invalid files are listed on stderr at the end (exit 2
if there were any).  Two worker processes share the work.

``faedah contributions --csv PAYROLL.csv [--date YYYY-MM] [--out OUT.csv]``: rows of ``employee_reference, wage,
age`` (optional ``age_at_first_contribution``, ``foreign``, ``invalidity_pensioner``) -> each row's SOCSO, EIS
and Lindung 24/7 amounts for the employer and the employee, and a totals row.

A progress bar is drawn on stderr only when it is a terminal.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from estimator.model.benefits import batch_codes
from estimator.model.fileio import atomic_write_text

BENEFIT_CODES = batch_codes()  # from the model: every benefit paid in money has its columns
FIGURES = ("daily", "monthly", "lump_sum", "total")
CSV_HEADER = (
    ["file", "claimant_reference", "scheme"]
    + [f"{code.lower()}_{figure}" for code in BENEFIT_CODES for figure in FIGURES]
    + ["provisional", "problems"]
)


class Progress:
    def __init__(self, total: int, stream: Any = None) -> None:
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.shown = bool(getattr(self.stream, "isatty", lambda: False)()) and total > 0

    def step(self, count: int = 1) -> None:
        self.done += count
        if self.shown and (self.done == self.total or self.done % 50 == 0):
            width = 30
            filled = width * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


def case_files(sources: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for source in sources:
        path = Path(source)
        out.extend(
            sorted(p for p in path.iterdir() if p.suffix.lower() == ".json") if path.is_dir() else [path]
        )
    return out


def _money(value: Any) -> str:
    return "" if value is None else f"{value:.2f}"


def case_row(path: str, pdf_dir: str | None = None) -> list[str]:
    """The CSV row of one case file (problems in the last column when it is invalid)."""
    from estimator.law.estimate import estimate
    from estimator.model.case import CaseError
    from estimator.model.casefile import read_case_file

    try:
        case = read_case_file(path)
    except CaseError as exc:
        problems = "; ".join(p.line("en") for p in exc.problems)
        return [path, "", ""] + [""] * (len(BENEFIT_CODES) * len(FIGURES)) + ["", problems]
    result = estimate(case)
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
    cells.extend(["yes" if result.provisional else "no", problems])
    if pdf_dir:
        from estimator.render.pdf import write_pdf

        write_pdf(result, case, str(Path(pdf_dir) / (Path(path).stem + ".pdf")), lang="en")
    return cells


def _rows_of(job: tuple[list[str], str | None]) -> list[list[str]]:
    paths, pdf_dir = job
    return [case_row(p, pdf_dir) for p in paths]


def batch_rows(paths: list[Path], pdf_dir: str | None = None, workers: int = 2) -> Iterator[list[str]]:
    """Rows in the order of ``paths``; ``workers`` processes (1: in this process)."""
    texts = [str(p) for p in paths]
    chunk = 200
    jobs = [(texts[i : i + chunk], pdf_dir) for i in range(0, len(texts), chunk)]
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield from _rows_of(job)
        return
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        for rows in pool.imap(_rows_of, jobs):
            yield from rows


def write_batch_csv(
    paths: list[Path], out: str, pdf_dir: str | None = None, workers: int = 2
) -> list[list[str]]:
    """Write the batch CSV atomically; returns the rows of the invalid files."""
    progress = Progress(len(paths))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    invalid = []
    for row in batch_rows(paths, pdf_dir, workers):
        writer.writerow(row)
        if row[-1] and not row[2]:
            invalid.append(row)
        progress.step()
    atomic_write_text(out, buffer.getvalue())
    return invalid


def run_batch(args: argparse.Namespace) -> int:
    sources = list(args.batch) + ([args.case] if args.case else [])
    if not args.csv:
        print("--batch needs --csv OUT.csv", file=sys.stderr)
        return 2
    if args.pdf_dir:
        Path(args.pdf_dir).mkdir(parents=True, exist_ok=True)
    paths = case_files(sources)
    workers = max(1, min(2, os.cpu_count() or 1))
    invalid = write_batch_csv(paths, args.csv, args.pdf_dir, workers)
    for row in invalid:
        print(f"{row[0]}: {row[-1]}", file=sys.stderr)
    print(f"{len(paths)} cases, {len(invalid)} invalid -> {args.csv}", file=sys.stderr)
    return 2 if invalid else 0


# ------------------------------------------------------------------------------------------- payroll CSV

PAYROLL_COLUMNS = ("employee_reference", "wage", "age")
PAYROLL_OUT = [
    "employee_reference",
    "wage",
    "age",
    "socso_employer",
    "socso_employee",
    "eis_employer",
    "eis_employee",
    "lindung_employer",
    "lindung_employee",
    "employer_total",
    "employee_total",
    "total",
    "problems",
]


def _flag(text: str | None) -> bool:
    return (text or "").strip().lower() in ("1", "yes", "y", "true", "ya")


def payroll_rows(text: str, on: date) -> list[list[str]]:
    """Contribution rows (and a final totals row) for a payroll CSV's text."""
    from estimator.law.contributions import contributions, input_problems

    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in PAYROLL_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(
            f"payroll CSV needs the columns {', '.join(PAYROLL_COLUMNS)} (missing {', '.join(missing)})"
        )
    rows: list[list[str]] = []
    sums = [Decimal("0.00")] * 9
    for record in reader:
        reference = (record.get("employee_reference") or "").strip()
        try:
            wage = Decimal((record.get("wage") or "").strip().replace(",", ""))
            age = int((record.get("age") or "").strip())
            first_text = (record.get("age_at_first_contribution") or "").strip()
            first = int(first_text) if first_text else None
        except (InvalidOperation, ValueError):
            rows.append(
                [reference, record.get("wage") or "", record.get("age") or ""]
                + [""] * 9
                + ["wage or age is not a number"]
            )
            continue
        problems = input_problems(wage, on, age, first)
        if problems:
            rows.append(
                [reference, f"{wage}", f"{age}"] + [""] * 9 + ["; ".join(p.line("en") for p in problems)]
            )
            continue
        r = contributions(
            wage,
            on,
            age,
            first,
            foreign=_flag(record.get("foreign")),
            invalidity_pensioner=_flag(record.get("invalidity_pensioner")),
        )
        amounts = [
            r.socso.employer,
            r.socso.employee,
            r.eis.employer,
            r.eis.employee,
            r.lindung.employer,
            r.lindung.employee,
            r.employer_total,
            r.employee_total,
            r.total,
        ]
        sums = [a + b for a, b in zip(sums, amounts, strict=True)]
        rows.append([reference, f"{r.wage:.2f}", f"{age}"] + [f"{a:.2f}" for a in amounts] + [""])
    rows.append(["TOTAL", "", ""] + [f"{a:.2f}" for a in sums] + [""])
    return rows


def run_payroll(args: argparse.Namespace) -> int:
    month = args.date or date.today().strftime("%Y-%m")
    try:
        on = date.fromisoformat(month + "-01" if len(month) == 7 else month)
        text = Path(args.csv).read_text(encoding="utf-8-sig")
        rows = payroll_rows(text, on)
    except (ValueError, OSError) as exc:
        print(f"--csv: {exc}", file=sys.stderr)
        return 2
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PAYROLL_OUT)
    writer.writerows(rows)
    if args.out:
        atomic_write_text(args.out, buffer.getvalue())
        print(f"{len(rows) - 1} employees -> {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(buffer.getvalue())
    return 2 if any(row[-1] for row in rows) else 0


def register(estimate_parser: argparse.ArgumentParser, sub: Any) -> None:
    """``estimate --batch/--csv/--pdf-dir`` and ``contributions --csv/--out`` (the single-wage flags become
    optional when ``--csv`` is given)."""
    estimate_parser.add_argument(
        "--batch", nargs="+", default=[], metavar="DIR|FILE", help="many case files at once"
    )
    estimate_parser.add_argument("--csv", metavar="OUT.csv", help="with --batch: one row per case")
    estimate_parser.add_argument(
        "--pdf-dir", metavar="DIR", help="with --batch: a PDF per case in this folder"
    )
    contributions_parser = sub.choices.get("contributions")
    if contributions_parser is None:
        return
    contributions_parser.add_argument(
        "--csv", metavar="PAYROLL.csv", help="a payroll: employee_reference, wage, age"
    )
    contributions_parser.add_argument(
        "--out", metavar="OUT.csv", help="with --csv: write here (default: stdout)"
    )
    single = contributions_parser.get_default("func")
    for action in contributions_parser._actions:  # noqa: SLF001 - the single-wage flags are optional with --csv
        if action.dest in ("wage", "date", "age"):
            action.required = False

    def dispatch(args: argparse.Namespace) -> int:
        if args.csv:
            return run_payroll(args)
        return int(single(args))

    contributions_parser.set_defaults(func=dispatch)
