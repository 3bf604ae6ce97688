"""Dates and MyKad numbers as a counter clerk types them (no Qt: the app and the CLI share these).

``parse_day_text`` accepts the Malaysian day-first forms (10/06/2025, 10-06-2025, 10.06.2025, 1/6/2025, the
digits alone 10062025) and ISO 2025-06-10.  ``ic_birth_date`` reads the date of birth out of a 12-digit MyKad
number (YYMMDD-PB-###G), choosing the century that makes the person born before a reference day.
"""

from __future__ import annotations

import re
from datetime import date

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", re.ASCII)
_ISO = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$", re.ASCII)
_DIGITS = re.compile(r"^\d{8}$", re.ASCII)
_IC = re.compile(r"^(\d{6})-?(\d{2})-?(\d{4})$", re.ASCII)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_day_text(text: str) -> date | None:
    """A date typed in any accepted form; None when the text is not one (or not a real day)."""
    compact = text.strip().replace(" ", "")
    match = _DAY_FIRST.match(compact)
    if match:
        return _make(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    match = _ISO.match(compact)
    if match:
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if _DIGITS.match(compact):
        return _make(int(compact[4:]), int(compact[2:4]), int(compact[:2]))
    return None


def normalise_day_text(text: str) -> str:
    """An accepted date as ISO ``YYYY-MM-DD``; any other text unchanged (for the case check to refuse)."""
    day = parse_day_text(text)
    return day.isoformat() if day is not None else text.strip()


def ic_digits(text: str) -> str | None:
    """The 12 digits of a MyKad number (dashes and spaces optional); None when it is not one."""
    match = _IC.match(text.strip().replace(" ", ""))
    return "".join(match.groups()) if match else None


def ic_birth_date(text: str, before: date | None = None) -> date | None:
    """The date of birth a MyKad number encodes (YYMMDD); the century that puts it on or before ``before``.

    None when the text is not a MyKad number or its first six digits are not a real date.
    """
    digits = ic_digits(text)
    if digits is None:
        return None
    year2, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    limit = before or date.today()
    for century in (2000, 1900):
        born = _make(century + year2, month, day)
        if born is not None and born <= limit:
            return born
    return None


def ic_contradicts(ic_text: str, birth: date | None, before: date | None = None) -> bool:
    """True when a MyKad number and a date of birth both given disagree."""
    from_ic = ic_birth_date(ic_text, before)
    return from_ic is not None and birth is not None and from_ic != birth


__all__ = ["ic_birth_date", "ic_contradicts", "ic_digits", "normalise_day_text", "parse_day_text"]
