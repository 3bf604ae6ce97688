"""Strict numbers and dates for the case file: what a field accepts before its range checks apply."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic_core import PydanticCustomError

# Strict numbers and dates: ASCII digits only (no Arabic-Indic or fullwidth digits, no "1_000", no sign, no
# exponent in text), never a boolean; dates only as YYYY-MM-DD (never a timestamp).  JSON numbers decoded by
# ``strict_json_loads`` (int, Decimal) pass as they are; the range checks of each field then apply.
_ASCII_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)  # a minus is kept: the range check names it
_NOT_FINITE = re.compile(r"[+-]?(?:nan|snan|inf|infinity)", re.ASCII | re.IGNORECASE)
_ASCII_COUNT = re.compile(r"[0-9]+", re.ASCII)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def strict_amount(value: Any) -> Any:
    """An amount (money, percent): an int, a finite Decimal, or text of ASCII digits with one optional point."""
    if isinstance(value, bool | float):  # float-ok: refused, never used
        raise PydanticCustomError("decimal_type", "not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise PydanticCustomError("finite_number", "not finite")
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ASCII_AMOUNT.fullmatch(text):
            return Decimal(text)
        if _NOT_FINITE.fullmatch(text):
            raise PydanticCustomError("finite_number", "not finite")
        raise PydanticCustomError("decimal_parsing", "not a plain number")
    raise PydanticCustomError("decimal_type", "not a number")


def strict_count(value: Any) -> Any:
    """A count of days: an int (not a boolean), an integral Decimal or float, or text of ASCII digits."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):  # float-ok: a count from code, never money
        value = Decimal(repr(value)) if value == value and abs(value) != float("inf") else None  # float-ok
    if isinstance(value, Decimal) and value.is_finite():
        if value == value.to_integral_value():
            return int(value)
        raise PydanticCustomError("int_from_float", "not a whole number")
    if isinstance(value, str) and _ASCII_COUNT.fullmatch(value.strip()):
        return int(value.strip())
    raise PydanticCustomError("int_parsing", "not a whole number")


def strict_date(value: Any) -> Any:
    """A date: a ``date`` object or text ``YYYY-MM-DD`` (ASCII digits); never a number or a date-time."""
    if value is None or (isinstance(value, date) and type(value) is date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    raise PydanticCustomError("date_parsing", "not a date")


_PLAIN_MONTH = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])", re.ASCII)
_PLAIN_WAGE = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?", re.ASCII)


def _plain_wage(wage: Any, most: Decimal) -> Decimal | None:
    """A wage that certainly passes the model's checks unchanged (0..``most``, at most 2 places), else None."""
    kind = type(wage)
    if kind is str:
        amount = Decimal(wage) if _PLAIN_WAGE.fullmatch(wage) else None
    elif kind is Decimal:
        finite = wage.is_finite() and wage.as_tuple().exponent >= -2
        amount = wage if finite and wage >= 0 else None
    elif kind is int:
        amount = Decimal(wage) if wage >= 0 else None
    else:
        return None
    return amount if amount is not None and amount <= most else None


def prebuilt_months(entries: list[Any], model: type[Any], most: Decimal) -> list[Any]:
    """The wage history with every plain entry (``{"month": "YYYY-MM", "wage": ...}``, nothing to strip, a wage
    the model accepts as it is) already built as ``model`` in one pass; every other entry stays as it is and goes
    through the model's own validation (the same errors, at the same place)."""
    new = object.__new__
    put = object.__setattr__
    plain_month = _PLAIN_MONTH.fullmatch
    plain_text = _PLAIN_WAGE.fullmatch
    out: list[Any] = []
    for entry in entries:
        if type(entry) is dict and len(entry) == 2:
            month = entry.get("month")
            if type(month) is str and plain_month(month):
                wage = entry.get("wage")
                if type(wage) is str:  # the usual entry: text, checked here without a call
                    amount = Decimal(wage) if plain_text(wage) else None
                    amount = amount if amount is not None and amount <= most else None
                else:
                    amount = _plain_wage(wage, most)
                if amount is not None:
                    built = new(model)
                    put(built, "__dict__", {"month": month, "wage": amount})
                    put(built, "__pydantic_fields_set__", {"month", "wage"})
                    put(built, "__pydantic_extra__", None)
                    put(built, "__pydantic_private__", None)
                    out.append(built)
                    continue
        out.append(entry)
    return out
