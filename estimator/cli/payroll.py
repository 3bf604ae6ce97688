"""``faedah contributions --csv PAYROLL.csv [--date YYYY-MM] [--out OUT.csv] [--lang en|ms]``.

A payroll CSV has the columns ``employee_reference, wage, age`` and, optionally, ``age_at_first_contribution``
(decides Category 1 or 2 from 55 and EIS from 57), ``foreign`` and ``invalidity_pensioner`` (yes/no); see
``samples/payroll.csv``.  Each row gets its SOCSO, EIS and Lindung 24/7 amounts for the employer and the employee,
and a totals row ends the file.  The file is read strictly (:mod:`estimator.model.csvfile`): a column named twice,
an unknown column, a row with too many or too few cells, or a number that is not plain ASCII digits is refused,
naming the row and the column, never guessed at.  A row with a problem is listed with the problem and left out of
the totals (exit 2).  ``--out`` is written through the safe writer (never over the payroll itself), UTF-8 with a
BOM for Excel, cells neutralised against formulas.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from estimator.engine.i18n import pick, tr
from estimator.model.case import CaseError, Problem
from estimator.model.csvfile import (
    BadCell,
    CsvRow,
    ascii_amount,
    ascii_whole,
    parse_csv,
    read_csv_text,
    yes_no,
)
from estimator.model.fileio import (
    atomic_write_bytes,
    check_target,
    csv_bytes,
    csv_text,
    remove_stale_temp_files,
)

PAYROLL_COLUMNS = ("employee_reference", "wage", "age")
PAYROLL_OPTIONAL = ("age_at_first_contribution", "foreign", "invalidity_pensioner")
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
_AMOUNTS = 9


def _lang(args: argparse.Namespace) -> str:
    return "ms" if getattr(args, "lang", "en") == "ms" else "en"


def _problem_row(row: CsvRow, problems: str) -> list[str]:
    cells = row.cells
    return (
        [cells.get("employee_reference", ""), cells.get("wage", ""), cells.get("age", "")]
        + [""] * _AMOUNTS
        + [problems]
    )


def _cell(row: CsvRow, column: str, parse: Any, lang: str) -> Any:
    text = row.cells.get(column, "")
    try:
        return parse(text)
    except BadCell as exc:
        raise _RowProblem(
            f"row {row.number}, column {column}: {pick(tr(exc.key, value=text[:40]), lang)}"
        ) from None


class _RowProblem(Exception):
    pass


def _one_row(row: CsvRow, on: date, lang: str) -> tuple[list[str], list[Decimal] | None]:
    from estimator.law.contributions import contributions, input_problems

    if row.problem is not None:
        return _problem_row(row, f"{row.problem.field}: {pick(row.problem.message, lang)}"), None
    try:
        wage = _cell(row, "wage", ascii_amount, lang)
        age = _cell(row, "age", ascii_whole, lang)
        first_text = row.cells.get("age_at_first_contribution", "").strip()
        first = _cell(row, "age_at_first_contribution", ascii_whole, lang) if first_text else None
        foreign = _cell(row, "foreign", yes_no, lang)
        pensioner = _cell(row, "invalidity_pensioner", yes_no, lang)
    except _RowProblem as exc:
        return _problem_row(row, str(exc)), None
    problems = input_problems(wage, on, age, first)
    if problems:
        text = "; ".join(f"row {row.number}, column {p.field}: {pick(p.message, lang)}" for p in problems)
        return _problem_row(row, text), None
    r = contributions(wage, on, age, first, foreign=foreign, invalidity_pensioner=pensioner)
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
    reference = row.cells.get("employee_reference", "").strip()
    return [reference, f"{r.wage:.2f}", f"{age}"] + [f"{a:.2f}" for a in amounts] + [""], amounts


def payroll_rows(text: str, on: date, lang: str = "en") -> list[list[str]]:
    """Contribution rows (and a final totals row) for a payroll CSV's text; CaseError for a broken file."""
    from estimator.cli.batch_pool import Progress

    table = parse_csv(text, PAYROLL_COLUMNS, PAYROLL_OPTIONAL)
    rows: list[list[str]] = []
    sums = [Decimal("0.00")] * _AMOUNTS
    progress = Progress(len(table.rows))  # drawn on a terminal only
    for row in table.rows:
        progress.step()
        cells, amounts = _one_row(row, on, lang)
        rows.append(cells)
        if amounts is not None:
            sums = [a + b for a, b in zip(sums, amounts, strict=True)]
    rows.append(["TOTAL", "", ""] + [f"{a:.2f}" for a in sums] + [""])
    return rows


_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?", re.ASCII)


def payroll_month(text: str | None) -> date:
    """The date of ``--date`` (``YYYY-MM`` or ``YYYY-MM-DD``, ASCII digits; default this month), within the
    contribution tables' range."""
    from estimator.law.contributions import input_problems

    if text is None:
        on = date.today().replace(day=1)
    else:
        t = text.strip()
        try:
            if not _MONTH.fullmatch(t):
                raise ValueError(t)
            on = date.fromisoformat(t + "-01" if len(t) == 7 else t)
        except ValueError:
            raise CaseError(
                [Problem(field="--date", code="date", message=tr("many.err.payroll_date"))]
            ) from None
    problems = [p for p in input_problems(Decimal("0"), on, 30) if p.field == "date"]
    if problems:
        raise CaseError([p.model_copy(update={"field": "--date"}) for p in problems])
    return on


def run_payroll(args: argparse.Namespace) -> int:
    lang = _lang(args)
    try:
        on = payroll_month(args.date)
        if args.out:
            check_target(args.out, protect=[args.csv])
        rows = payroll_rows(read_csv_text(args.csv), on, lang)
    except CaseError as exc:
        for p in exc.problems:
            print(p.line(lang), file=sys.stderr)
        return 2
    if args.out:
        remove_stale_temp_files([Path(args.out).parent])
        atomic_write_bytes(args.out, csv_bytes(PAYROLL_OUT, rows), backup=False, protect=[args.csv])
        print(f"{len(rows) - 1} employees -> {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(csv_text(PAYROLL_OUT, rows))
    return 2 if any(row[-1] for row in rows) else 0


def register(sub: Any) -> None:
    """``contributions --csv/--out`` (the single-wage flags become optional when ``--csv`` is given)."""
    parser = sub.choices.get("contributions")
    if parser is None:  # pragma: no cover - the subcommand is always there
        return
    parser.add_argument(
        "--csv",
        metavar="PAYROLL.csv",
        help="a payroll: employee_reference, wage, age (optional age_at_first_contribution, foreign, "
        "invalidity_pensioner); see samples/payroll.csv",
    )
    parser.add_argument("--out", metavar="OUT.csv", help="with --csv: write here (default: stdout)")
    single = parser.get_default("func")
    for action in parser._actions:  # noqa: SLF001 - the single-wage flags are optional with --csv
        if action.dest in ("wage", "date", "age"):
            action.required = False

    def dispatch(args: argparse.Namespace) -> int:
        if args.csv:
            return run_payroll(args)
        return int(single(args))

    parser.set_defaults(func=dispatch)
