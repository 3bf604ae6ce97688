"""Reading a CSV input (a payroll) as strictly as a case file is read.

* The file goes through :func:`estimator.engine.safeio.read_regular_file`: a FIFO, device or folder is refused at
  once, and no more than ``MAX_CSV_BYTES`` are read whatever the file system says (``/dev/zero``, a sparse file).
* UTF-8 only (a BOM is allowed); at most ``MAX_CSV_ROWS`` data rows and ``MAX_CELL`` characters a cell.
* The header names each column once: a column named twice, a column the reader does not know, or a required
  column missing refuses the whole file, naming the column.
* A row with more or fewer cells than the header is reported (row number and counts), never shifted.
* Numbers are plain ASCII digits (:func:`ascii_amount`, :func:`ascii_whole`): ``1500,00``, ``1.500,00``,
  ``1_000``, ``1e3``, Arabic-Indic or fullwidth digits are refused, never guessed at.

Every refusal is a :class:`~estimator.model.case.CaseError` whose problems name the file, the row and the column
in both languages.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from estimator.engine.i18n import tr
from estimator.model.case import CaseError, Problem
from estimator.model.casefile import read_case_bytes

MAX_CSV_BYTES = 20_000_000
MAX_CSV_ROWS = 100_000
MAX_CELL = 1_000

_AMOUNT = re.compile(r"(?:[0-9]{1,9}|[0-9]{1,3}(?:,[0-9]{3}){1,2})(?:\.[0-9]{1,2})?", re.ASCII)
_WHOLE = re.compile(r"[0-9]{1,3}", re.ASCII)
_YES = ("1", "yes", "y", "true", "ya")
_NO = ("", "0", "no", "n", "false", "tidak", "t")


def _refuse(field_name: str, code: str, key: str, **kw: object) -> CaseError:
    return CaseError([Problem(field=field_name, code=code, message=tr(key, **kw))])


@dataclass
class CsvRow:
    number: int  # the row's line number in the file (the header is row 1)
    cells: dict[str, str]
    problem: Problem | None = None  # a row whose cells do not match the header


@dataclass
class CsvTable:
    columns: list[str]
    rows: list[CsvRow] = field(default_factory=list)


def read_csv_text(path: Path | str, what: str = "--csv") -> str:
    """The text of the CSV file ``path`` (a regular UTF-8 file of at most ``MAX_CSV_BYTES``)."""
    try:
        raw = read_case_bytes(path, MAX_CSV_BYTES)
    except CaseError as exc:
        problem = exc.problems[0]
        if problem.code == "too_large":
            raise _refuse(
                what, "too_large", "many.err.csv_too_large", path=str(path), limit="20 MB"
            ) from None
        if problem.code == "not_found":
            raise _refuse(what, "not_found", "many.err.csv_missing", path=str(path)) from None
        if problem.code == "not_regular":
            raise _refuse(what, "not_regular", "many.err.csv_not_regular", path=str(path)) from None
        raise CaseError([Problem(field=what, code=problem.code, message=problem.message)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(what, "encoding", "many.err.csv_not_utf8", path=str(path)) from None


def parse_csv(
    text: str, required: tuple[str, ...], optional: tuple[str, ...] = (), what: str = "--csv"
) -> CsvTable:
    """The header and rows of a CSV text (see the module docstring); blank lines are skipped."""
    lines = text.splitlines()
    if len(lines) > MAX_CSV_ROWS + 1 and sum(1 for line in lines if line.strip()) > MAX_CSV_ROWS + 1:
        raise _refuse(what, "too_many_rows", "many.err.csv_too_many_rows", limit=f"{MAX_CSV_ROWS:,}")
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise _refuse(what, "empty", "many.err.csv_empty", columns=", ".join(required))
        columns = [name.strip().lower() for name in header]
        _check_header(columns, required, optional, what)
        table = CsvTable(columns=columns)
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            table.rows.append(_row(reader.line_num, columns, cells))
    except csv.Error:
        raise _refuse(
            what, "csv", "many.err.csv_broken", row=reader.line_num, limit=f"{MAX_CELL:,}"
        ) from None
    return table


def _check_header(
    columns: list[str], required: tuple[str, ...], optional: tuple[str, ...], what: str
) -> None:
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise _refuse(what, "duplicate_column", "many.err.csv_duplicate_column", column=name)
        seen.add(name)
        if name not in required and name not in optional:
            raise _refuse(
                what,
                "unknown_column",
                "many.err.csv_unknown_column",
                column=name[:60],
                known=", ".join(required + optional),
            )
    missing = [name for name in required if name not in seen]
    if missing:
        raise _refuse(
            what,
            "missing_column",
            "many.err.csv_missing_column",
            missing=", ".join(missing),
            columns=", ".join(required),
        )


def _row(number: int, columns: list[str], cells: list[str]) -> CsvRow:
    if len(cells) != len(columns):
        problem = Problem(
            field=f"row {number}",
            code="ragged",
            message=tr("many.err.csv_ragged", cells=len(cells), columns=len(columns)),
        )
        return CsvRow(number=number, cells=dict(zip(columns, cells, strict=False)), problem=problem)
    for name, cell in zip(columns, cells, strict=True):
        if len(cell) > MAX_CELL:
            problem = Problem(
                field=f"row {number}, column {name}",
                code="too_long",
                message=tr("many.err.csv_cell_too_long", limit=f"{MAX_CELL:,}"),
            )
            return CsvRow(number=number, cells={}, problem=problem)
    return CsvRow(number=number, cells=dict(zip(columns, cells, strict=True)))


class BadCell(ValueError):
    """A cell that is not what its column holds; ``key`` is the catalogue message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def ascii_amount(text: str) -> Decimal:
    """An amount in RM written with ASCII digits, an optional dot and one or two sen digits, optionally with
    thousands commas (``1,500.00``); anything else raises :class:`BadCell`."""
    t = text.strip()
    if not _AMOUNT.fullmatch(t):
        raise BadCell("many.err.csv_amount")
    return Decimal(t.replace(",", ""))


def ascii_whole(text: str) -> int:
    """A whole number of at most three ASCII digits (an age); anything else raises :class:`BadCell`."""
    t = text.strip()
    if not _WHOLE.fullmatch(t):
        raise BadCell("many.err.csv_whole")
    return int(t)


def yes_no(text: str) -> bool:
    """``yes``/``no`` (also 1/0, y/n, true/false, ya/tidak, or empty for no); anything else raises."""
    t = text.strip().lower()
    if t in _YES:
        return True
    if t in _NO:
        return False
    raise BadCell("many.err.csv_yes_no")
