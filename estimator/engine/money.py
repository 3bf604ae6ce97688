"""Money helpers. Money is always ``Decimal``; rounding happens only at named steps."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def dec(value: object) -> Decimal:
    """Convert an int, str, Decimal or Fraction to Decimal (never a float)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (bool, float)):
        raise TypeError("money must not be a float or bool")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", ""))
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    raise TypeError(f"cannot convert {type(value).__name__} to Decimal")


def sen(value: Decimal) -> Decimal:
    """Round to the sen, half-up (the default rounding of every money figure)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def frac_of(value: Decimal, share: Fraction) -> Decimal:
    """Exact share of an amount (no rounding)."""
    return value * Decimal(share.numerator) / Decimal(share.denominator)


def rm(value: Decimal) -> str:
    """RM1,234.56 style figure used in explanations."""
    return f"RM{value:,.2f}"


def num(value: Decimal, places: int = 2) -> str:
    return f"{value:,.{places}f}"


def pct(value: Decimal) -> str:
    """A percentage without useless trailing zeros: 80, 20.01, 33.5."""
    text = f"{value.normalize():f}"
    return f"{text}%"


def fraction_text(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"
