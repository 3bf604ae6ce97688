"""A contribution history pasted as text: a spreadsheet's month/wage columns or a PERKESO/ASSIST statement.

Each line holds a month (05/2025, 5-2025, 2025-05, May 2025, Mei 2025) and then the wage (2500, 2,500.00,
RM 2,500.00), separated by tabs, commas, semicolons or spaces; anything after the wage (the contribution paid)
is ignored.  Lines with no digits at all (headings) are skipped; any other line that cannot be read is reported
by its number, so that the clerk sees what was left out before accepting the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS_MS = ("jan", "feb", "mac", "apr", "mei", "jun", "jul", "ogo", "sep", "okt", "nov", "dis")
_MONTH = (
    r"(?P<m_first>\d{1,2})[/.\-](?P<y_last>\d{4})"
    r"|(?P<y_first>\d{4})[/.\-](?P<m_last>\d{1,2})"
    r"|(?P<name>[A-Za-z]{3,9})\.?[\s\-/]+(?P<y_named>\d{4})"
)
_WAGE = r"(?:RM\s*)?(?P<wage>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)"
_LINE = re.compile(rf"^\s*(?:{_MONTH})\s*[\t,;\s]\s*{_WAGE}(?![\d/])", re.IGNORECASE | re.ASCII)


@dataclass(frozen=True)
class PastedHistory:
    """What a paste gave: the rows read (month 'YYYY-MM', wage) and the lines not read (number, text)."""

    rows: list[tuple[str, Decimal]] = field(default_factory=list)
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    duplicate_lines: list[tuple[int, str]] = field(default_factory=list)


def _month_number(name: str) -> int | None:
    prefix = name[:3].lower()
    for names in (MONTHS_EN, MONTHS_MS):
        if prefix in names:
            return names.index(prefix) + 1
    return None


def parse_line(line: str) -> tuple[str, Decimal] | None:
    """One line as (month 'YYYY-MM', wage); None when it is not a month followed by a wage."""
    match = _LINE.match(line)
    if match is None:
        return None
    if match.group("m_first"):
        month, year = int(match.group("m_first")), int(match.group("y_last"))
    elif match.group("y_first"):
        month, year = int(match.group("m_last")), int(match.group("y_first"))
    else:
        number = _month_number(match.group("name"))
        if number is None:
            return None
        month, year = number, int(match.group("y_named"))
    if not 1 <= month <= 12 or not 1900 <= year <= 2999:
        return None
    try:
        wage = Decimal(match.group("wage").replace(",", ""))
    except InvalidOperation:
        return None
    return f"{year:04d}-{month:02d}", wage


def parse_history(text: str) -> PastedHistory:
    """Every line of a pasted history; the first line for a month wins (later ones are reported)."""
    rows: dict[str, Decimal] = {}
    bad: list[tuple[int, str]] = []
    duplicates: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or not any(ch.isdigit() for ch in line):
            continue  # a blank line or a heading
        parsed = parse_line(line)
        if parsed is None:
            bad.append((number, line))
        elif parsed[0] in rows:
            duplicates.append((number, line))
        else:
            rows[parsed[0]] = parsed[1]
    return PastedHistory(sorted(rows.items()), bad, duplicates)


__all__ = ["PastedHistory", "parse_history", "parse_line"]
