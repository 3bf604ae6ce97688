"""Survivors' pension of the Housewives' Social Security Scheme (Act 838 s.36; Fourth Schedule).

The whole pension is ``sksr.survivors_percent`` (50%) of the presumed monthly income.  The widower takes 3/5 and
each child 2/5, all scaled down to the whole when together they exceed it; with no widower the children share 3/5;
with neither a widower nor a child at the death, the parents share 4/10.  The widower is paid until he remarries or
reaches 55, a child until marriage or 21 (a child incapable of self-support until 55; one studying for a first
degree may be continued to the end of the studies), a parent until 55.  Whenever a payee's entitlement ends, the
shares of those still entitled are worked out again.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from estimator.engine.dates import add_years
from estimator.engine.i18n import Text, tr
from estimator.engine.money import ZERO, fraction_text, rm, sen
from estimator.law.context import Ctx
from estimator.law.injuries import HUNDRED
from estimator.model.case import Dependant
from estimator.model.result import Payee, PeriodPayee, SchedulePeriod
from estimator.model.result_schemes import HousewifeSurvivors

MONTH_DAYS = 30  # the daily figure shown; the Act divides by the days of the month paid (Fourth Sch para 1)
ONE = Fraction(1)


def _end(ctx: Ctx, dep: Dependant, limits: dict[str, int]) -> tuple[date | None, Text] | Text:
    """The last day of entitlement and why, or the reason the dependant is not entitled."""
    on = ctx.case.event_date
    rel = dep.relationship
    if rel in ("sibling", "grandparent"):
        return tr("sksr.refuse.not_dependant")
    if rel == "child" and dep.married:
        return tr("dep.refuse.married")
    if rel == "spouse":
        if dep.remarried_on is not None and dep.remarried_on <= on:
            return tr("sksr.refuse.remarried")
        last = add_years(dep.date_of_birth, limits["widower"]) - timedelta(days=1)
        if dep.remarried_on is not None and dep.remarried_on - timedelta(days=1) < last:
            return dep.remarried_on - timedelta(days=1), tr("sksr.end.remarried")
        return (last, tr("sksr.end.age", age=limits["widower"])) if last >= on else tr("sksr.refuse.age")
    if rel == "parent":
        last = add_years(dep.date_of_birth, limits["parent"]) - timedelta(days=1)
        return (last, tr("sksr.end.age", age=limits["parent"])) if last >= on else tr("sksr.refuse.age")
    age = limits["disabled"] if dep.disabled else limits["child"]
    last = add_years(dep.date_of_birth, age) - timedelta(days=1)
    if dep.in_higher_education and dep.education_ends_on is not None and dep.education_ends_on > last:
        return dep.education_ends_on, tr("sksr.end.education")
    if last < on:
        return tr("sksr.refuse.age")
    return last, tr("sksr.end.disabled" if dep.disabled else "sksr.end.age", age=age)


def _shares(rules: dict[str, Fraction], present: Counter[str], first_class: str) -> dict[str, Fraction]:
    """Each payee's share of the whole pension, for the relationships still paid."""
    each: dict[str, Fraction] = {}
    if first_class == "parent":
        if present["parent"]:
            each["parent"] = rules["parents"] / present["parent"]
        return each
    if present["spouse"]:
        each["spouse"] = rules["widower"] / present["spouse"]
        if present["child"]:
            each["child"] = rules["child"]
        total = sum((each[r] * present[r] for r in each), Fraction(0))
        if total > ONE:
            each = {r: share / total for r, share in each.items()}
    elif present["child"]:
        each["child"] = rules["children"] / present["child"]
    return each


def survivors_pension(ctx: Ctx) -> HousewifeSurvivors | None:
    case = ctx.case
    on = case.event_date
    s = ctx.step("sksr.survivors")
    income: Decimal = s.rule("sksr.presumed_monthly_income")
    rate: Decimal = s.rule("sksr.survivors_percent")
    limits = {
        "widower": s.rule("sksr.widower_end_age"),
        "parent": s.rule("sksr.parent_end_age"),
        "child": s.rule("sksr.child_age_limit"),
        "disabled": s.rule("sksr.disabled_child_end_age"),
    }
    share_rules = {
        "widower": s.rule("sksr.share_widower"),
        "child": s.rule("sksr.share_child"),
        "children": s.rule("sksr.share_children_no_widower"),
        "parents": s.rule("sksr.share_parents"),
    }
    whole = sen(income * rate / HUNDRED)
    step = s.done("sksr_survivors", rm(whole), income=income, rate=rate, whole=whole)
    entitled: list[tuple[int, Dependant, date | None, Text]] = []
    for index, dep in enumerate(case.dependants):
        found = _end(ctx, dep, limits)
        if isinstance(found, tuple):
            entitled.append((index, dep, found[0], found[1]))
        else:
            ctx.trace.refuse(f"DEPENDANT_{index + 1}", found)
    first_class = (
        "family" if any(d.relationship in ("spouse", "child") for _, d, _, _ in entitled) else "parent"
    )
    entitled = [e for e in entitled if (e[1].relationship == "parent") == (first_class == "parent")]
    if not entitled:
        ctx.trace.refuse("SURVIVORS", tr("sksr.refuse.no_survivors"))
        return None
    ends = sorted({end for _, _, end, _ in entitled if end is not None})
    starts = [on] + [end + timedelta(days=1) for end in ends]
    periods: list[SchedulePeriod] = []
    first: dict[int, Fraction] = {}
    for n, start in enumerate(starts):
        paid = [e for e in entitled if e[2] is None or e[2] >= start]
        if not paid:
            break
        each = _shares(share_rules, Counter(d.relationship for _, d, _, _ in paid), first_class)
        period_payees = []
        for index, dep, _, _ in paid:
            share = each.get(dep.relationship, Fraction(0))
            monthly = sen(whole * share.numerator / share.denominator)
            period_payees.append(
                PeriodPayee(
                    index=index,
                    share=fraction_text(share),
                    daily_rate=sen(monthly / MONTH_DAYS),
                    monthly_amount=monthly,
                )
            )
            if n == 0:
                first[index] = share
        monthly_total = sum((p.monthly_amount for p in period_payees), ZERO)
        periods.append(
            SchedulePeriod(
                start=start,
                end=ends[n] if n < len(ends) else None,
                daily_total=sen(monthly_total / MONTH_DAYS),
                monthly_total=monthly_total,
                payees=period_payees,
                reason=tr("sksr.period.first") if n == 0 else tr("sksr.period.recomputed"),
            )
        )
    payees = []
    for index, dep, end, reason in entitled:
        share = first[index]
        monthly = sen(whole * share.numerator / share.denominator)
        payees.append(
            Payee(
                index=index,
                relationship=dep.relationship,
                name=dep.name,
                date_of_birth=dep.date_of_birth,
                share=fraction_text(share),
                share_percent=(Decimal(share.numerator) * HUNDRED / share.denominator).quantize(
                    Decimal("0.01")
                ),
                daily_rate=sen(monthly / MONTH_DAYS),
                monthly_amount=monthly,
                starts_on=on,
                ends_on=end,
                end_reason=reason,
            )
        )
    step_ids = [step.id]
    notes = [tr("note.sksr_survivors_days")]
    # the Act gives the children 3/5 "if the widower dies"; that it does so when his pension ends is a reading
    widower_ends = [end for _, d, end, _ in entitled if d.relationship == "spouse" and end is not None]
    reading = any(
        d.relationship == "child" and (end is None or end > min(widower_ends))
        for _, d, end, _ in entitled
        if widower_ends
    )
    if reading:
        notes.append(tr("note.sksr_widower_ended"))
        ctx.trace.note_provisional("sksr.widower_ended", tr("note.sksr_widower_ended"))
    return HousewifeSurvivors(
        title=tr("benefit.SURVIVORS"),
        presumed_monthly_income=income,
        rate_percent=rate,
        monthly_amount=periods[0].monthly_total,
        payees=payees,
        schedule=periods,
        step_ids=step_ids,
        provisional=reading or ctx.trace.provisional(step_ids),
        notes=notes,
    )
