"""The invalidity grant (Bantuan Ilat, Act 4 s.20(4); perkeso-rules.md 3.4): invalid but not qualifying.

"Equivalent to the contributions paid by employee and employer under the Invalidity Scheme with interest", one
payment.  Provisional: the invalidity part of each month is taken as the band's Category 1 total minus its
Category 2 amount, and PERKESO's interest rate is not published (``invalidity.grant_interest_percent``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from estimator.engine.dates import month_index
from estimator.engine.i18n import tr
from estimator.engine.money import ZERO, rm, sen
from estimator.engine.trace import fill, join_texts
from estimator.law.context import Ctx, NothingMorePayable
from estimator.law.facts import History
from estimator.law.invalidity import history
from estimator.law.wages import bander_of, month_start
from estimator.model.result import InvalidityGrant


def grant_of(ctx: Ctx, hist: History) -> InvalidityGrant | None:
    """The invalidity contributions (employer + employee) with interest: a provisional estimate."""
    if not hist.contributions:
        return None
    s = ctx.step("inv.grant")
    rate: Decimal = s.rule("invalidity.grant_interest_percent")
    growth = 1 + rate / 100
    ev = month_index(hist.event_month)
    paid = ZERO
    total = Decimal(0)
    groups: dict[tuple[str, int, Decimal], int] = {}
    parts: dict[tuple[int, Decimal], tuple[str, int, Decimal]] = {}
    bander = bander_of(ctx)
    tables_seen: set[date] = set()
    for month in hist.contributions:
        tv = bander.table(month)
        if tv.start not in tables_seen:
            tables_seen.add(tv.start)
            s.value("wages.band_table", month_start(month))
        wage = hist.wages[month]
        hit = parts.get((id(tv), wage))
        if hit is None:
            band = tv.value.band_for(wage)
            hit = (tv.value.name, band.item, band.cat1_total - band.cat2_employer)
            parts[(id(tv), wage)] = hit
        part = hit[2]
        months_before = ev - month_index(month)
        paid += part
        total += part * growth ** (Decimal(months_before) / 12)
        groups[hit] = groups.get(hit, 0) + 1
    total = sen(total)
    note = fill("inv.grant_assumption", rate=rate)
    ctx.trace.note_provisional("inv.grant", note)
    s.provisional_input()
    lines = [
        fill("inv.grant.group", count=n, part=part, item=item, table=table)
        for (table, item, part), n in groups.items()
    ]
    step = s.done(
        "inv_grant",
        rm(total),
        inputs={"contributions": str(hist.total)},
        rounding="inv_grant",
        note=note,
        groups=join_texts(lines),
        paid=paid,
        rate=rate,
        total=total,
    )
    notes = [note]
    if hist.total < 12:
        notes.append(tr("inv.grant_min_12"))
    return InvalidityGrant(
        title=tr("inv.title.grant"),
        total=total,
        contributions_paid=paid,
        interest=total - paid,
        provisional=True,
        step_ids=[*ctx.base_ids, step.id],
        notes=notes,
    )


def invalidity_grant(ctx: Ctx) -> InvalidityGrant | None:
    """In place of the pension when neither qualifying condition is met; then nothing more is payable."""
    q = ctx.qualifying
    assert q is not None
    if q.kind is not None:
        return None
    grant = grant_of(ctx, history.fact(ctx))
    if grant is None:
        ctx.trace.refuse("INVALIDITY_GRANT", tr("inv.refuse.grant_none"))
        raise NothingMorePayable
    return grant
