"""Commutation of the permanent disablement benefit (Act 4 Fourth Schedule; mirrored in Act 789 s.29).

* Loss of earning capacity up to ``ei.lump_sum_max_lec_percent``: the whole benefit may be paid as a lump sum.
* Above it: ``ei.commutable_fraction`` of the daily rate may be commuted; the rest is paid monthly for life.

The lump sum is the commuted daily rate × the factor of ``ei.commutation_table`` for the age at the event.  The
break-even age is the age at which the monthly amounts given up add up to the lump sum.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

from estimator.engine.i18n import LANGS, Text, tr
from estimator.engine.money import ZERO, num, rm, sen
from estimator.engine.trace import fill
from estimator.law.context import Ctx
from estimator.model.result import CommutationOption

MONTHS_A_YEAR = 12
BREAK_EVEN_PLACES = Decimal("0.1")
NOTHING: Text = {lang: "" for lang in LANGS}


def options(ctx: Ctx, daily: Decimal, lec: Decimal) -> list[CommutationOption]:
    """The option open to the insured person at ``lec`` % (step ``pdb.option.<kind>``)."""
    age = ctx.age
    limit = ctx.step("pdb.option").rule("ei.lump_sum_max_lec_percent")
    kind: Literal["lump_sum", "commutation"] = "lump_sum" if lec <= limit else "commutation"
    s = ctx.step(f"pdb.option.{kind}")
    threshold = s.rule("ei.lump_sum_max_lec_percent")
    fraction: Fraction = s.rule("ei.commutable_fraction")
    table = s.rule("ei.commutation_table")
    month_days = s.rule("ei.monthly_days")
    factor = table.factor(age)
    full_monthly = sen(daily * month_days)
    if kind == "lump_sum":
        commuted, remaining = daily, ZERO
    else:
        commuted = sen(daily * Decimal(fraction.numerator) / Decimal(fraction.denominator))
        remaining = daily - commuted
    lump = sen(commuted * factor)
    monthly_after = sen(remaining * month_days)
    gap = full_monthly - monthly_after
    break_even = (
        (Decimal(age) + lump / (gap * MONTHS_A_YEAR)).quantize(BREAK_EVEN_PLACES) if gap > 0 else None
    )
    method = table.method
    ctx.trace.custom_notes.add(s.value("ei.commutation_table").key)  # its footnote is the one written below
    step = s.done(
        f"pdb_option_{kind}",
        rm(lump),
        inputs={"age": str(age), "factor": num(factor), "daily_rate": num(daily)},
        rounding="lump_sum",
        note=tr("note.commutation_method", method_en=method["en"], method_ms=method["ms"]),
        lec=lec,
        threshold=threshold,
        fraction=fraction,
        remaining_fraction=1 - fraction,
        daily=daily,
        commuted=commuted,
        factor=factor,
        age=age,
        lump=lump,
        monthly=monthly_after,
        break_even=NOTHING
        if break_even is None
        else fill("commutation.break_even", age=age, lump=lump, gap=gap, break_even=break_even),
    )
    if table.provisional:
        ctx.trace.note_provisional(
            "commutation", tr("prov.commutation", method_en=method["en"], method_ms=method["ms"])
        )
    return [
        CommutationOption(
            kind=kind,
            lump_sum=lump,
            monthly_amount=monthly_after,
            alternative_monthly_amount=full_monthly,
            commuted_daily_rate=commuted,
            remaining_daily_rate=remaining,
            age=age,
            factor=factor,
            break_even_age=break_even,
            provisional=step.provisional,
            method=method,
            step_id=step.id,
        )
    ]
