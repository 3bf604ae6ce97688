"""Who is paid after a death, in what share, and until when: the dated schedule of payees.

Shares (rule pack ``dependants.*``): a widow/widower 3/5 (several widows share it equally) and each child 2/5,
all scaled down proportionally when together they exceed the whole; with no widow/widower the children share 3/5;
with no widow/widower or child: parents 4/10 (shared), brothers/sisters 3/10 (shared), grandparents 4/10 (shared,
only where the parents have died).  Whenever a payee's entitlement ends the shares of those still entitled are
worked out again, so the schedule is a list of periods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from estimator.engine.calc import Recorder, formula, title
from estimator.engine.i18n import Text, tr
from estimator.engine.money import ZERO, fraction_text, num, rm, sen
from estimator.model.case import Case, Dependant, add_years, age_on
from estimator.model.result import Payee, PeriodPayee, SchedulePeriod

GROUP_A = ("spouse", "child")


@dataclass
class Candidate:
    index: int
    dep: Dependant
    ends_on: date | None  # last day of entitlement; None = for life / while incapable of self-support
    end_reason: Text


def _eligibility(rec: Recorder, case: Case, on: date) -> list[Candidate]:
    child_limit = rec.use("dependants.child_age_limit", on)
    sibling_limit = rec.use("dependants.sibling_age_limit", on)
    out: list[Candidate] = []
    uses_education_assumption = False
    lines: list[str] = []
    for i, dep in enumerate(case.dependants):
        who = dep.name or tr(f"rel.{dep.relationship}")["en"]
        rel = dep.relationship
        end: date | None = None
        reason: Text
        refuse: Text | None = None
        if rel == "spouse":
            reason = tr("dep.end.spouse")
        elif rel in ("parent", "grandparent"):
            reason = tr("dep.end.life")
        elif rel == "child":
            if dep.married:
                refuse = tr("dep.refuse.married")
                reason = refuse
            elif dep.disabled:
                reason = tr("dep.end.disabled")
            else:
                end = add_years(dep.date_of_birth, child_limit) - timedelta(days=1)
                reason = tr("dep.end.age", age=child_limit)
                if dep.in_higher_education:
                    if dep.education_ends_on is not None:
                        edu_end = dep.education_ends_on
                    else:
                        edu_age = rec.use("dependants.higher_education_end_age", on)
                        uses_education_assumption = True
                        edu_end = add_years(dep.date_of_birth, edu_age) - timedelta(days=1)
                    if edu_end > end:
                        end = edu_end
                        reason = tr("dep.end.degree", date=edu_end.isoformat())
        else:  # sibling
            if dep.married:
                refuse = tr("dep.refuse.married")
                reason = refuse
            else:
                end = add_years(dep.date_of_birth, sibling_limit) - timedelta(days=1)
                reason = tr("dep.end.age", age=sibling_limit)
        if refuse is None and end is not None and end < on:
            refuse = tr("dep.refuse.too_old", age=age_on(dep.date_of_birth, on))
        if refuse is not None:
            rec.refuse(
                f"DEPENDANT_{i + 1}",
                tr("dep.refuse", who=who, reason_en=refuse["en"], reason_ms=refuse["ms"]),
            )
            lines.append(f"#{i + 1} {rel}: —")
            continue
        out.append(Candidate(i, dep, end, reason))
        lines.append(f"#{i + 1} {rel}: {end.isoformat() if end else '∞'}")
    rec.step(
        "dependants.eligibility",
        title("dep_eligibility"),
        formula("dep_eligibility"),
        "; ".join(lines),
        str(len(out)),
        note=tr("dep.education_assumed") if uses_education_assumption else None,
    )
    return out


def _shares(rec: Recorder, active: list[Candidate], first_class: str, on: date) -> dict[int, Fraction]:
    raw: dict[int, Fraction] = {}
    if first_class == "A":
        spouses = [c for c in active if c.dep.relationship == "spouse"]
        children = [c for c in active if c.dep.relationship == "child"]
        if spouses:
            s_share = rec.use("dependants.share_spouse", on)
            for c in spouses:
                raw[c.index] = s_share / len(spouses)
            if children:
                c_share = rec.use("dependants.share_child", on)
                for c in children:
                    raw[c.index] = c_share
        elif children:
            total_children = rec.use("dependants.share_children_no_spouse", on)
            for c in children:
                raw[c.index] = total_children / len(children)
    else:
        groups = {
            "parent": "dependants.share_parents",
            "sibling": "dependants.share_siblings",
            "grandparent": "dependants.share_grandparents",
        }
        for rel, key in groups.items():
            members = [c for c in active if c.dep.relationship == rel]
            if members:
                share = rec.use(key, on)
                for c in members:
                    raw[c.index] = share / len(members)
    total = sum(raw.values(), Fraction(0))
    if total > 1:
        raw = {k: v / total for k, v in raw.items()}
    return raw


def dependants_schedule(
    rec: Recorder,
    case: Case,
    whole: Decimal,
    *,
    per: Literal["day", "month"],
    on: date,
    step_prefix: str = "dependants",
) -> tuple[list[Payee], list[SchedulePeriod], list[str]]:
    """Payees, the dated schedule of periods, and the ids of the steps that explain them.

    ``whole`` is the daily rate (``per="day"``) or the monthly pension (``per="month"``) shared among the payees.
    """
    first_step = len(rec.steps)
    monthly_days = rec.use("ei.monthly_days", on)
    rec.discard_pending()
    candidates = _eligibility(rec, case, on)
    if not candidates:
        return [], [], [s.id for s in rec.steps[first_step:]]
    has_a = any(c.dep.relationship in GROUP_A for c in candidates)
    if has_a:
        candidates = [c for c in candidates if c.dep.relationship in GROUP_A]
    else:
        if any(c.dep.relationship == "parent" for c in candidates):
            dropped = [c for c in candidates if c.dep.relationship == "grandparent"]
            for c in dropped:
                who = c.dep.name or tr("rel.grandparent")["en"]
                rec.refuse(f"DEPENDANT_{c.index + 1}", tr("dep.refuse.grandparent_with_parent", who=who))
            candidates = [c for c in candidates if c.dep.relationship != "grandparent"]
    first_class = "A" if has_a else "B"

    def amounts(share: Fraction) -> tuple[Decimal, Decimal]:
        exact = whole * Decimal(share.numerator) / Decimal(share.denominator)
        if per == "day":
            daily = sen(exact)
            return daily, sen(daily * monthly_days)
        monthly = sen(exact)
        return sen(monthly / monthly_days), monthly

    periods: list[SchedulePeriod] = []
    payees: dict[int, Payee] = {}
    start = on
    reason = tr("dep.period.first")
    active = list(candidates)
    n = 1
    while active:
        shares = _shares(rec, active, first_class, on)
        ends = [c.ends_on for c in active if c.ends_on is not None]
        end = min(ends) if ends else None
        rows: list[PeriodPayee] = []
        lines: list[str] = []
        for c in active:
            share = shares.get(c.index, Fraction(0))
            daily, monthly = amounts(share)
            rows.append(
                PeriodPayee.model_construct(
                    index=c.index, share=fraction_text(share), daily_rate=daily, monthly_amount=monthly
                )
            )
            who = c.dep.name or c.dep.relationship
            lines.append(
                f"{who}: {fraction_text(share)} × {num(whole)} = {num(daily if per == 'day' else monthly)}"
            )
            if c.index not in payees:
                payees[c.index] = Payee.model_construct(
                    index=c.index,
                    relationship=c.dep.relationship,
                    name=c.dep.name,
                    date_of_birth=c.dep.date_of_birth,
                    share=fraction_text(share),
                    share_percent=(Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
                        Decimal("0.01")
                    ),
                    daily_rate=daily,
                    monthly_amount=monthly,
                    starts_on=start,
                    ends_on=c.ends_on,
                    end_reason=c.end_reason,
                )
        daily_total = sum((r.daily_rate for r in rows), ZERO)
        monthly_total = sum((r.monthly_amount for r in rows), ZERO)
        raw_total = sum(shares.values(), Fraction(0))
        scaled_note = None
        if first_class == "A" and len(active) > 1:
            scaled_note = tr("dep.scaled_note")
        s = rec.step(
            f"{step_prefix}.period.{n}",
            title("dep_period", n=n, start=start.isoformat(), end=end.isoformat() if end else "…"),
            formula("dep_share_per_day" if per == "day" else "dep_share_per_month"),
            "; ".join(lines) + f" | Σ = {num(daily_total if per == 'day' else monthly_total)}",
            rm(daily_total if per == "day" else monthly_total),
            inputs={"whole": num(whole), "shares_total": fraction_text(raw_total)},
            rounding=tr("rounding.each_payee"),
            note=scaled_note,
        )
        periods.append(
            SchedulePeriod.model_construct(
                start=start,
                end=end,
                daily_total=daily_total,
                monthly_total=monthly_total,
                payees=rows,
                reason=reason,
            )
        )
        if end is None:
            break
        ended = [c for c in active if c.ends_on == end]
        names = ", ".join(c.dep.name or tr(f"rel.{c.dep.relationship}")["en"] for c in ended)
        reason = tr("dep.period.after_end", who=names, date=end.isoformat())
        active = [c for c in active if c.ends_on is None or c.ends_on > end]
        start = end + timedelta(days=1)
        n += 1
        _ = s
    return [payees[k] for k in sorted(payees)], periods, [s.id for s in rec.steps[first_step:]]
