"""Dependants' benefit (Act 4 s.15(1) and the Fourth Schedule): who is paid after a death, in what share, and
until when.

Shares (rule pack ``dependants.*``): a widow/widower 3/5 (several widows share it equally) and each child 2/5,
all scaled down proportionally when together they exceed the whole; with no widow/widower the children share 3/5;
with no widow/widower or child: parents 4/10 (shared), brothers/sisters 3/10 (shared), grandparents 4/10 (shared,
only where the parents have died).  A child is paid until ``dependants.child_age_limit`` (longer in higher
education, for life if incapable of self-support), a brother or sister until ``dependants.sibling_age_limit``.
Whenever a payee's entitlement ends the shares of those still entitled are worked out again, so the schedule is
a list of periods.  The survivors' pension of the Invalidity Scheme is shared by the same schedule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from estimator.engine.dates import add_years, age_on
from estimator.engine.i18n import LANGS, Text, tr
from estimator.engine.money import ZERO, fraction_text, num, rm, sen
from estimator.engine.trace import StepTrace, fill, malaysian_date
from estimator.law.context import Ctx
from estimator.law.rates import daily_rate
from estimator.law.wages import basis_of
from estimator.model.case import Dependant
from estimator.model.result import Dependants, Payee, PeriodPayee, SchedulePeriod

GROUP_A = ("spouse", "child")
GROUP_B_SHARES = {
    "parent": "dependants.share_parents",
    "sibling": "dependants.share_siblings",
    "grandparent": "dependants.share_grandparents",
}
PERCENT_PLACES = Decimal("0.01")


def ordinal_en(n: int) -> str:
    """21st, 22nd, 23rd, 24th, 11th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def relationship_word(relationship: str) -> Text:
    """The relationship as a word inside a sentence (lower case, both languages)."""
    word = tr(f"rel.{relationship}")
    return {lang: word[lang].lower() for lang in LANGS}


def _who(dep: Dependant) -> Text:
    return {lang: dep.name for lang in LANGS} if dep.name else relationship_word(dep.relationship)


@dataclass
class Candidate:
    index: int
    dep: Dependant
    ends_on: date | None  # last day of entitlement; None = for life / while incapable of self-support
    end_reason: Text
    who: Text


def _end_of_entitlement(s: StepTrace, dep: Dependant, on: date) -> tuple[date | None, Text, Text | None]:
    """Last day of entitlement, why, and the reason for refusing (married, past the age limit)."""
    rel = dep.relationship
    if rel == "spouse":
        return None, tr("dep.end.spouse"), None
    if rel in ("parent", "grandparent"):
        return None, tr("dep.end.life"), None
    if dep.married:
        refuse = tr("dep.refuse.married")
        return None, refuse, refuse
    if rel == "child" and dep.disabled:
        return None, tr("dep.end.disabled"), None
    limit = s.rule("dependants.child_age_limit" if rel == "child" else "dependants.sibling_age_limit")
    end = add_years(dep.date_of_birth, limit) - timedelta(days=1)
    reason = tr("dep.end.age", age=limit, ordinal=ordinal_en(limit))
    if rel == "child" and dep.in_higher_education:
        if dep.education_ends_on is not None:
            education_end = dep.education_ends_on
        else:
            education_age = s.rule("dependants.higher_education_end_age")
            education_end = add_years(dep.date_of_birth, education_age) - timedelta(days=1)
        if education_end > end:
            end = education_end
            reason = tr("dep.end.degree", date=education_end.isoformat())
    if end < on:
        return end, reason, tr("dep.refuse.too_old", age=age_on(dep.date_of_birth, on))
    return end, reason, None


def _eligibility(ctx: Ctx, on: date) -> list[Candidate]:
    s = ctx.step("dependants.eligibility", on)
    s.rule("dependants.child_age_limit")
    s.rule("dependants.sibling_age_limit")
    out: list[Candidate] = []
    assumed_education = False
    lines: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for i, dep in enumerate(ctx.case.dependants):
        who = _who(dep)
        end, reason, refuse = _end_of_entitlement(s, dep, on)
        assumed_education = assumed_education or (
            dep.relationship == "child"
            and dep.in_higher_education
            and dep.education_ends_on is None
            and not (dep.married or dep.disabled)
        )
        word = relationship_word(dep.relationship)
        shown = "—" if refuse is not None else (malaysian_date(end) if end else "∞")
        for lang in LANGS:
            lines[lang].append(f"#{i + 1} {word[lang]}: {shown}")
        if refuse is not None:
            named = {lang: dep.name for lang in LANGS} if dep.name else tr(f"rel.{dep.relationship}")
            ctx.trace.refuse(
                f"DEPENDANT_{i + 1}",
                fill("dep.refuse", who=named, reason_en=refuse["en"], reason_ms=refuse["ms"]),
            )
            continue
        out.append(Candidate(i, dep, end, reason, who))
    s.done(
        "dep_eligibility",
        str(len(out)),
        note=tr("dep.education_assumed") if assumed_education else None,
        lines={lang: "; ".join(lines[lang]) for lang in LANGS},
    )
    return out


def _shares(s: StepTrace, first_class: str, counts: Counter[str]) -> dict[str, Fraction]:
    """Each payee's share by relationship, scaled down when together they exceed the whole."""
    each: dict[str, Fraction] = {}
    if first_class == "A":
        if counts["spouse"]:
            each["spouse"] = s.rule("dependants.share_spouse") / counts["spouse"]
            if counts["child"]:
                each["child"] = s.rule("dependants.share_child")
        elif counts["child"]:
            each["child"] = s.rule("dependants.share_children_no_spouse") / counts["child"]
    else:
        for rel, key in GROUP_B_SHARES.items():
            if counts[rel]:
                each[rel] = s.rule(key) / counts[rel]
    total = sum((share * counts[rel] for rel, share in each.items()), Fraction(0))
    if total > 1:
        each = {rel: share / total for rel, share in each.items()}
    return each


def dependants_schedule(
    ctx: Ctx,
    whole: Decimal,
    *,
    per: Literal["day", "month"],
    on: date,
    step_prefix: str = "dependants",
) -> tuple[list[Payee], list[SchedulePeriod], list[str]]:
    """Payees, the dated schedule of periods, and the ids of the steps that explain them.

    ``whole`` is the daily rate (``per="day"``) or the monthly pension (``per="month"``) shared among the payees.
    """
    monthly_days = ctx.step(f"{step_prefix}.days", on).rule("ei.monthly_days")
    with ctx.trace.collect() as ids:
        candidates = _eligibility(ctx, on)
        if not candidates:
            return [], [], ids
        has_a = any(c.dep.relationship in GROUP_A for c in candidates)
        if has_a:
            candidates = [c for c in candidates if c.dep.relationship in GROUP_A]
        elif any(c.dep.relationship == "parent" for c in candidates):
            # one group at a time: parents, else brothers and sisters, else grandparents (docs/decisions.md, 2)
            for c in candidates:
                if c.dep.relationship in ("grandparent", "sibling"):
                    ctx.trace.refuse(
                        f"DEPENDANT_{c.index + 1}",
                        tr(
                            f"dep.refuse.{c.dep.relationship}_with_parent",
                            who=c.dep.name or tr(f"rel.{c.dep.relationship}")["en"],
                        ),
                    )
            candidates = [c for c in candidates if c.dep.relationship == "parent"]
        elif any(c.dep.relationship == "sibling" for c in candidates):
            for c in candidates:
                if c.dep.relationship == "grandparent":
                    ctx.trace.refuse(
                        f"DEPENDANT_{c.index + 1}",
                        tr(
                            "dep.refuse.grandparent_with_sibling",
                            who=c.dep.name or tr("rel.grandparent")["en"],
                        ),
                    )
            candidates = [c for c in candidates if c.dep.relationship == "sibling"]
        payees, periods = _periods(
            ctx, candidates, "A" if has_a else "B", whole, per, on, monthly_days, step_prefix
        )
    return payees, periods, ids


def _periods(
    ctx: Ctx,
    candidates: list[Candidate],
    first_class: str,
    whole: Decimal,
    per: Literal["day", "month"],
    on: date,
    monthly_days: int,
    step_prefix: str,
) -> tuple[list[Payee], list[SchedulePeriod]]:
    periods: list[SchedulePeriod] = []
    payees: dict[int, Payee] = {}
    whole_text = num(whole)
    start = on
    reason = tr("dep.period.first")
    active = list(candidates)
    n = 1
    while active:
        ends = [c.ends_on for c in active if c.ends_on is not None]
        end = min(ends) if ends else None
        s = ctx.step(f"{step_prefix}.period.{n}", on)
        counts: Counter[str] = Counter(c.dep.relationship for c in active)
        shares = _shares(s, first_class, counts)
        # one amount per relationship: every payee of a relationship has the same share
        figures: dict[str, tuple[str, Decimal, Decimal, str]] = {}
        for rel, share in shares.items():
            exact = whole * share.numerator / share.denominator
            if per == "day":
                daily = sen(exact)
                monthly = sen(daily * monthly_days)
            else:
                monthly = sen(exact)
                daily = sen(monthly / monthly_days)
            share_text = fraction_text(share)
            figures[rel] = (
                share_text,
                daily,
                monthly,
                f"{share_text} × {whole_text} = {num(daily if per == 'day' else monthly)}",
            )
        rows: list[PeriodPayee] = []
        lines: dict[str, list[str]] = {lang: [] for lang in LANGS}
        daily_total = monthly_total = ZERO
        for c in active:
            share_text, daily, monthly, line = figures[c.dep.relationship]
            daily_total += daily
            monthly_total += monthly
            rows.append(
                PeriodPayee.model_construct(
                    index=c.index, share=share_text, daily_rate=daily, monthly_amount=monthly
                )
            )
            for lang in LANGS:
                lines[lang].append(f"{c.who[lang]}: {line}")
            if c.index not in payees:
                share = shares[c.dep.relationship]
                payees[c.index] = Payee.model_construct(
                    index=c.index,
                    relationship=c.dep.relationship,
                    name=c.dep.name,
                    date_of_birth=c.dep.date_of_birth,
                    share=share_text,
                    share_percent=(Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
                        PERCENT_PLACES
                    ),
                    daily_rate=daily,
                    monthly_amount=monthly,
                    starts_on=start,
                    ends_on=c.ends_on,
                    end_reason=c.end_reason,
                )
        shares_total = sum((share * counts[rel] for rel, share in shares.items()), Fraction(0))
        total = daily_total if per == "day" else monthly_total
        s.done(
            "dep_share_per_day" if per == "day" else "dep_share_per_month",
            rm(total),
            subst="dep_period",
            title=tr(
                "step.dep_period", n=n, start=malaysian_date(start), end=malaysian_date(end) if end else "…"
            ),
            inputs={"whole": whole_text, "shares_total": fraction_text(shares_total)},
            rounding="each_payee",
            note=tr("dep.scaled_note") if first_class == "A" and len(active) > 1 else None,
            lines={lang: "; ".join(lines[lang]) for lang in LANGS},
            total=total,
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
        ended = [c.who for c in active if c.ends_on == end]
        reason = _recomputed_after(ended, end)
        active = [c for c in active if c.ends_on is None or c.ends_on > end]
        start = end + timedelta(days=1)
        n += 1
    return [payees[k] for k in sorted(payees)], periods


def _recomputed_after(ended: list[Text], end: date) -> Text:
    """Why a period starts: whose entitlement ended (``str.format``: this runs once a period)."""
    template = tr("dep.period.after_end")
    return {
        lang: template[lang].format(who=", ".join(w[lang] for w in ended), date=end.isoformat())
        for lang in LANGS
    }


def dependants_benefit(ctx: Ctx) -> Dependants | None:
    """The law of a death: the whole daily rate (PTD rate) shared among the dependants."""
    basis = basis_of(ctx)
    if basis is None:
        return None
    case = ctx.case
    if not case.dependants:
        ctx.trace.refuse("DEPENDANTS", tr("refuse.no_dependants"))
        return None
    with ctx.trace.collect() as ids:
        daily = daily_rate(ctx, basis, "dep")
        payees, schedule, _ = dependants_schedule(ctx, daily, per="day", on=case.event_date)
    if not payees:
        ctx.trace.refuse("DEPENDANTS", tr("refuse.no_eligible_dependants"))
        return None
    step_ids = basis.step_ids + ids
    notes = [tr("note.dependants_recomputed")]
    first = schedule[0]
    if first.daily_total != daily:
        notes.append(tr("note.dependants_rounding", whole=num(daily), parts=num(first.daily_total)))
    return Dependants(
        title=tr("benefit.DEPENDANTS"),
        daily_rate=daily,
        monthly_amount=first.monthly_total,  # what the payees receive together at first: the sum of the parts
        payees=payees,
        schedule=schedule,
        step_ids=step_ids,
        provisional=ctx.trace.provisional(step_ids),
        notes=notes,
    )
