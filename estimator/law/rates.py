"""The daily rate shared by the cash benefits (Act 4 Fourth Schedule para 1; A1788 s.18 for Lindung 24/7).

rate% (TDB, or PTD for permanent disablement and the dependants' benefit) × average assumed monthly wage /
``wages.days_divisor``, rounded to the sen, and at least ``ei.min_daily_rate`` (Fourth Schedule para 3) where the scheme pays it
(``ei.min_daily_rate_applies``: Act 4's own; Lindung 24/7's is provisional).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from estimator.engine.i18n import tr
from estimator.engine.money import num, rm, sen
from estimator.law.context import Ctx
from estimator.law.facts import WageBasis

HUNDRED = Decimal(100)
RateKind = Literal["tdb", "ptd", "dep"]
RATE_KEYS: dict[
    RateKind, str
] = {  # the scheme's declaration maps these to its own rate (Lindung 24/7, Act 789)
    "tdb": "ei.tdb_rate_percent",
    "ptd": "ei.ptd_rate_percent",
    "dep": "ei.ptd_rate_percent",
}


def daily_rate(ctx: Ctx, basis: WageBasis, kind: RateKind) -> Decimal:
    """Step ``<kind>.daily``: the daily rate of the benefit on the wage basis."""
    assert basis.average_monthly is not None
    s = ctx.step(f"{kind}.daily")
    rate = s.rule(RATE_KEYS[kind])
    divisor = s.rule("wages.days_divisor")
    minimum = s.rule("ei.min_daily_rate")
    exact: Decimal = rate * basis.average_monthly / HUNDRED / divisor
    computed = sen(exact)
    below = False
    note = None
    if computed < minimum:
        # whether the scheme pays the minimum, and how sure that is (Lindung 24/7: applied, not confirmed); a
        # provisional answer explains itself in the step's note
        applies = s.value("ei.min_daily_rate_applies")
        below = bool(applies.value)
        if below and applies.provisional and applies.note:
            ctx.trace.custom_notes.add(applies.key)
            note = {"en": applies.note, "ms": applies.note_ms or applies.note}
        elif below:
            note = tr("note.minimum_applied", minimum=num(minimum))
    daily: Decimal = minimum if below else computed
    s.provisional_input(basis.provisional)
    s.done(
        f"{kind}_daily",
        rm(daily),
        subst="daily_rate_minimum" if below else "daily_rate",
        inputs={"average_assumed_monthly_wage": num(basis.average_monthly, 4)},
        rounding="final_daily",
        note=note,
        rate=rate,
        wage=basis.average_monthly,
        divisor=divisor,
        exact=exact,
        computed=computed,
        minimum=minimum,
        daily=daily,
    )
    return daily
