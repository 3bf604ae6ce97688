"""Dependants' benefit (Act 4 s.15(1) and the Fourth Schedule): who is paid after a death, in what share, and
until when.

Shares (rule pack ``dependants.*``): a widow/widower 3/5 (several widows share it equally) and each child 2/5,
all scaled down proportionally when together they exceed the whole; with no widow/widower the children share 3/5.
With no widow/widower or child (docs/decisions.md 2, provisional): parents 4/10 (shared), each unmarried brother
or sister under 21 3/10, grandparents 4/10 (shared) only where no parent is living, scaled down like the others
when together they exceed the whole.  Act 789 (SKSPS) keeps its own Second Schedule para 8: parents, else
brothers and sisters, else grandparents, one group at a time (docs/decisions.md 2).  Which of the two a scheme
follows is its rule ``dependants.others_table`` (Act 789's own: ``sksps.dependants_others_table``), never its name.

A child is paid until ``dependants.child_age_limit`` (longer in higher education, for life if incapable of
self-support), a brother or sister until ``dependants.sibling_age_limit``.  A widow/widower is paid for life; before
1 May 2005 (Act 4 as amended by DR22/2004) her share ended on remarriage (``dependants.spouse_paid_after_remarriage``
on the date of the remarriage); under Act 789 she is paid "during life" (``dependants.spouse_end``).  Whenever a payee's entitlement ends the shares of those still entitled are worked
out again, so the schedule is a list of periods, each a few relationship groups.  The rounded parts never add up to
more than the whole (largest remainder, docs/decisions.md 3).  The survivors' pension of the Invalidity Scheme is
shared by the same schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from estimator.engine.dates import add_years, age_on
from estimator.engine.i18n import LANGS, Text, tr
from estimator.engine.money import num, rm
from estimator.engine.trace import StepTrace, fill, malaysian_date, positional
from estimator.law.context import Ctx
from estimator.law.rates import daily_rate
from estimator.law.shares import common_shares, from_sen, schedule_groups, to_sen
from estimator.law.wages import basis_of
from estimator.model.case import Dependant
from estimator.model.result import Dependants, Payee, SchedulePeriod

GROUP_A = ("spouse", "child")
# the values of the schemes' rules (bounds: estimator.engine.rules.bounds)
DURING_LIFE = "during_life"  # dependants.spouse_end: Act 789 Second Sch para 5(a)
ACT4_TABLE = "act4_table"  # dependants.others_table: PERKESO's table under Act 4 (docs/decisions.md 2)


def ordinal_en(n: int) -> str:
    """21st, 22nd, 23rd, 24th, 11th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@lru_cache(maxsize=64)
def relationship_word(relationship: str) -> Text:
    """The relationship as a word inside a sentence (lower case, both languages; one dict per relationship:
    read only)."""
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


def _spouse_end(s: StepTrace, dep: Dependant, on: date) -> tuple[date | None, Text, Text | None]:
    """Act 789: during life.  Act 4: for life, but a remarriage before 1 May 2005 ended the share."""
    if s.rule("dependants.spouse_end") == DURING_LIFE:
        return None, tr("dep.end.spouse_789"), None
    if dep.remarried_on is None:
        return None, tr("dep.end.spouse"), None
    if s.rule("dependants.spouse_paid_after_remarriage", max(dep.remarried_on, on)):
        return None, tr("dep.end.spouse"), None
    when = malaysian_date(dep.remarried_on)
    if dep.remarried_on <= on:
        refuse = fill("dep.refuse.remarried", date=when)
        return None, refuse, refuse
    return dep.remarried_on - timedelta(days=1), fill("dep.end.remarried", date=when), None


def _end_of_entitlement(
    s: StepTrace, dep: Dependant, on: date, limits: dict[str, int]
) -> tuple[date | None, Text, Text | None]:
    """Last day of entitlement, why, and the reason for refusing (married, past the age limit)."""
    rel = dep.relationship
    if rel == "spouse":
        return _spouse_end(s, dep, on)
    if rel in ("parent", "grandparent"):
        return None, tr("dep.end.life"), None
    if dep.married:
        refuse = tr("dep.refuse.married")
        return None, refuse, refuse
    if rel == "child" and dep.disabled:
        return None, tr("dep.end.disabled"), None
    limit = limits[rel]
    end = add_years(dep.date_of_birth, limit) - timedelta(days=1)
    reason = _age_reason(limit)
    if rel == "child" and dep.in_higher_education:
        if dep.education_ends_on is not None:
            education_end = dep.education_ends_on
        else:
            if "education" not in limits:
                limits["education"] = s.rule("dependants.higher_education_end_age")
            education_age = limits["education"]
            education_end = add_years(dep.date_of_birth, education_age) - timedelta(days=1)
        if education_end > end:
            end = education_end
            reason = tr("dep.end.degree", date=education_end.isoformat())
    if end < on:
        return end, reason, tr("dep.refuse.too_old", age=age_on(dep.date_of_birth, on))
    return end, reason, None


@lru_cache(maxsize=64)
def _age_reason(limit: int) -> Text:
    """Why a child's or a sibling's entitlement ends at ``limit`` (one dict per age: read only)."""
    return tr("dep.end.age", age=limit, ordinal=ordinal_en(limit))


def _eligibility(ctx: Ctx, on: date) -> list[Candidate]:
    s = ctx.step("dependants.eligibility", on)
    limits: dict[str, int] = {
        "child": s.rule("dependants.child_age_limit"),
        "sibling": s.rule("dependants.sibling_age_limit"),
    }
    out: list[Candidate] = []
    assumed_education = False
    lines: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for i, dep in enumerate(ctx.case.dependants):
        who = _who(dep)
        end, reason, refuse = _end_of_entitlement(s, dep, on, limits)
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


def _refuse_all(ctx: Ctx, candidates: list[Candidate], relationship: str, key: str) -> None:
    for c in candidates:
        if c.dep.relationship == relationship:
            who = c.dep.name or tr(f"rel.{relationship}")["en"]
            ctx.trace.refuse(f"DEPENDANT_{c.index + 1}", tr(key, who=who))


def _paid(ctx: Ctx, s: StepTrace, candidates: list[Candidate]) -> tuple[list[Candidate], str | None]:
    """Those paid at the death, and (when there is no widow/widower or child) the scheme's table for the others."""
    rels = {c.dep.relationship for c in candidates}
    if rels & set(GROUP_A):
        return [c for c in candidates if c.dep.relationship in GROUP_A], None
    table = s.value("dependants.others_table")
    if table.value != ACT4_TABLE:
        # Act 789 Second Sch para 8: parents, else brothers and sisters, else grandparents (docs/decisions.md 2)
        if "parent" in rels:
            _refuse_all(ctx, candidates, "sibling", "dep.refuse.sibling_with_parent")
            _refuse_all(ctx, candidates, "grandparent", "dep.refuse.grandparent_with_parent")
            return [c for c in candidates if c.dep.relationship == "parent"], table.value
        if "sibling" in rels:
            _refuse_all(ctx, candidates, "grandparent", "dep.refuse.grandparent_with_sibling")
            return [c for c in candidates if c.dep.relationship == "sibling"], table.value
        return candidates, table.value
    # Act 4, PERKESO's table (docs/decisions.md 2): parents and brothers/sisters; grandparents where no parent lives;
    # provisional (the rule's confidence), with the law's own footnote instead of the rule's
    ctx.trace.custom_notes.add(table.key)
    ctx.trace.note_provisional("dependants.act4_others", tr("note.dependants_act4_others"))
    if "parent" in rels:
        _refuse_all(ctx, candidates, "grandparent", "dep.refuse.grandparent_with_parent")
        return [c for c in candidates if c.dep.relationship != "grandparent"], table.value
    return candidates, table.value


class _ShareRules:
    """The pack's shares, each read once per schedule and only when a period needs it (a share that is not used
    must not mark the explanation provisional): (numerator, denominator)."""

    def __init__(self, s: StepTrace, others_table: str | None) -> None:
        self._step = s
        self._read: dict[str, tuple[int, int]] = {}
        # Act 4's table: each brother or sister has the share; Act 789 para 8: they share one amount
        self.siblings_shared = others_table not in (None, ACT4_TABLE)

    def _share(self, key: str) -> tuple[int, int]:
        found = self._read.get(key)
        if found is None:
            value = self._step.rule(key)
            found = self._read[key] = (value.numerator, value.denominator)
        return found

    def wanted(self, by_rel: dict[str, list[int]]) -> list[tuple[str, int, int, list[int]]]:
        """Each relationship's share for one payee (before any scaling down)."""
        out: list[tuple[str, int, int, list[int]]] = []
        spouses = "spouse" in by_rel
        for rel, indexes in by_rel.items():
            n = len(indexes)
            if rel == "child" and spouses:
                num_, den = self._share("dependants.share_child")
                out.append((rel, num_, den, indexes))
                continue
            if rel == "sibling" and not self.siblings_shared:
                n = 1
            num_, den = self._share(_SHARE_KEYS[rel])
            out.append((rel, num_, den * n, indexes))
        return out


_SHARE_KEYS = {
    "spouse": "dependants.share_spouse",
    "child": "dependants.share_children_no_spouse",
    "parent": "dependants.share_parents",
    "sibling": "dependants.share_siblings",
    "grandparent": "dependants.share_grandparents",
}


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
    payees, periods, ids, _ = _schedule(ctx, whole, per, on, step_prefix)
    return payees, periods, ids


def _schedule(
    ctx: Ctx, whole: Decimal, per: Literal["day", "month"], on: date, step_prefix: str
) -> tuple[list[Payee], list[SchedulePeriod], list[str], str | None]:
    """:func:`dependants_schedule` and the table the others were paid by (None: a widow/widower or child)."""
    with ctx.trace.collect() as ids:
        candidates = _eligibility(ctx, on)
        if not candidates:
            return [], [], ids, None
        s = ctx.step(f"{step_prefix}.schedule", on)
        paid, others_table = _paid(ctx, s, candidates)
        payees, periods = _periods(ctx, s, paid, others_table, whole, per, on)
    return payees, periods, ids, others_table


def _periods(
    ctx: Ctx,
    s: StepTrace,
    candidates: list[Candidate],
    others_table: str | None,
    whole: Decimal,
    per: Literal["day", "month"],
    on: date,
) -> tuple[list[Payee], list[SchedulePeriod]]:
    """The periods (each a few relationship groups) and one explanation step (``s``) with a line per period and
    group."""
    monthly_days: int = s.rule("ei.monthly_days")
    rules = _ShareRules(s, others_table)
    whole_sen = to_sen(whole)
    whole_text = num(whole)
    # the lines' templates by position (a schedule writes them by the hundred)
    part = positional("dep.schedule.group", ("count", "who", "share", "whole", "amount"))
    period_line = positional("dep.schedule.period", ("n", "start", "end", "groups", "total"))
    after_end = positional("dep.period.after_end", ("who", "date"))
    periods: list[SchedulePeriod] = []
    payees: dict[int, Payee] = {}
    lines: dict[str, list[str]] = {lang: [] for lang in LANGS}
    words = {rel: relationship_word(rel) for rel in ("spouse", "child", "parent", "sibling", "grandparent")}
    words_in = {lang: {rel: word[lang] for rel, word in words.items()} for lang in LANGS}
    by_index = {c.index: c for c in candidates}
    start = on
    reason = tr("dep.period.first")
    # the payees still paid, by relationship (in the order listed), and who leaves on each end date
    paid: dict[str, list[int]] = {}
    leaving: dict[date, list[Candidate]] = {}
    for c in candidates:
        paid.setdefault(c.dep.relationship, []).append(c.index)
        if c.ends_on is not None:
            leaving.setdefault(c.ends_on, []).append(c)
    end_dates = sorted(leaving)
    scaled = False
    n = 1
    while paid:
        end = end_dates[n - 1] if n <= len(end_dates) else None
        shares = common_shares(rules.wanted({rel: list(indexes) for rel, indexes in paid.items()}))
        scaled = scaled or shares.scaled
        groups, daily_total, monthly_total, explained = schedule_groups(
            whole_sen, shares, per == "day", monthly_days
        )
        figures = [
            (len(group.indexes), group.relationship, record.share, _sen_text(amount))
            for record, (group, amount) in zip(groups, explained, strict=True)
        ]
        shown_start, shown_end = malaysian_date(start), malaysian_date(end) if end else "…"
        total_text = _sen_text(daily_total if per == "day" else monthly_total)
        for lang in LANGS:
            template, word = part[lang], words_in[lang]
            groups_text = "; ".join(
                [
                    template.format(k, word[rel], share, whole_text, amount)
                    for k, rel, share, amount in figures
                ]
            )
            lines[lang].append(period_line[lang].format(n, shown_start, shown_end, groups_text, total_text))
        if n == 1:
            for record, (group, _) in zip(groups, explained, strict=True):
                percent = shares.percent(group)
                for index in group.indexes:
                    c = by_index[index]
                    payees[index] = Payee.of(
                        {
                            "index": index,
                            "relationship": c.dep.relationship,
                            "name": c.dep.name,
                            "date_of_birth": c.dep.date_of_birth,
                            "share": record.share,
                            "share_percent": percent,
                            "daily_rate": record.daily_rate,
                            "monthly_amount": record.monthly_amount,
                            "starts_on": start,
                            "ends_on": c.ends_on,
                            "end_reason": c.end_reason,
                        }
                    )
        periods.append(
            SchedulePeriod.of(
                {
                    "start": start,
                    "end": end,
                    "daily_total": from_sen(daily_total),
                    "monthly_total": from_sen(monthly_total),
                    "groups": groups,
                    "reason": reason,
                }
            )
        )
        if end is None:
            break
        ended = leaving[end]
        iso = end.isoformat()
        reason = {
            lang: after_end[lang].format(", ".join([c.who[lang] for c in ended]), iso) for lang in LANGS
        }
        for c in ended:
            left = paid[c.dep.relationship]
            left.remove(c.index)
            if not left:
                del paid[c.dep.relationship]
        start = end + timedelta(days=1)
        n += 1
    first_total = periods[0].daily_total if per == "day" else periods[0].monthly_total
    s.done(
        "dep_schedule_day" if per == "day" else "dep_schedule_month",
        rm(first_total),
        subst="dep_schedule",
        title=tr("step.dep_schedule", count=len(periods)),
        inputs={"whole": whole_text},
        rounding="largest_remainder",
        note=tr("dep.scaled_note") if scaled else None,
        lines={lang: "\n".join(lines[lang]) for lang in LANGS},
    )
    return [payees[k] for k in sorted(payees)], periods


def _sen_text(sen: int) -> str:
    """An amount in sen as the explanation prints money (1,234.56), without a Decimal."""
    return f"{sen // 100:,}.{sen % 100:02d}"


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
        payees, schedule, _, others_table = _schedule(ctx, daily, "day", case.event_date, "dependants")
    if not payees:
        ctx.trace.refuse("DEPENDANTS", tr("refuse.no_eligible_dependants"))
        return None
    step_ids = basis.step_ids + ids
    notes = [tr("note.dependants_recomputed")]
    if others_table == ACT4_TABLE:
        notes.append(
            tr("note.dependants_act4_others")
        )  # why the benefit is provisional (docs/decisions.md 2)
    first = schedule[0]
    if first.daily_total < daily:
        # the shares of those paid do not use the whole rate (e.g. a widow alone: 3/5); not a rounding matter
        notes.append(tr("note.dependants_part_of_whole", whole=num(daily), parts=num(first.daily_total)))
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
