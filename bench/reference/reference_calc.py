"""The bare reference for a calculation: a month-by-month Decimal schedule (a pension indexed yearly, paid
over ``months`` months), the kind of loop estimate() runs, without rules, validation or explanation.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def schedule(monthly: Decimal, months: int, yearly_rise_pct: Decimal) -> list[tuple[int, Decimal]]:
    """(month number, amount paid that month), the amount rising by ``yearly_rise_pct`` every 12 months."""
    rise = 1 + yearly_rise_pct / 100
    paid: list[tuple[int, Decimal]] = []
    amount = monthly
    for month in range(months):
        if month and month % 12 == 0:
            amount = (amount * rise).quantize(CENT, rounding=ROUND_HALF_UP)
        paid.append((month + 1, amount))
    return paid
