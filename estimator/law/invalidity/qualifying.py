"""Who the Invalidity Scheme covers and who has qualified (Act 4 s.14, s.15(1)(d)-(e), s.17, s.17A).

* Age conditions (Act A1445, limits in force on the event date): the first contribution before 55 (50 before
  2013), and the notice of invalidity, or death, before 60 (55 before 2013).  A deceased invalidity pensioner is
  not subject to them.
* Qualifying conditions, s.17 (notice) and s.17A (death, "month of death" for "month of notice"): **full** = at
  least 24 contributions in the 40 consecutive months before the month of the event, or contributions in at least
  2/3 of the complete months since contributions first became payable (at least 24); **reduced** = 1/3 of those
  months (at least 24).
"""

from __future__ import annotations

from fractions import Fraction

from estimator.engine.dates import age_on, month_from_index, month_index
from estimator.engine.i18n import Text, tr
from estimator.engine.trace import fill
from estimator.law.context import Ctx, NothingMorePayable
from estimator.law.facts import History, Qualifying, QualifyingKind, Test
from estimator.law.invalidity import history
from estimator.law.wages import month_start


def is_death(ctx: Ctx) -> bool:
    return ctx.case.outcome == "death"


def is_pensioner(ctx: Ctx) -> bool:
    """A deceased invalidity pensioner: the survivors' pension equals the pension (no age or qualifying test)."""
    return is_death(ctx) and bool(getattr(ctx.case, "receiving_invalidity_pension", False))


def main_code(ctx: Ctx) -> str:
    return "SURVIVORS_PENSION" if is_death(ctx) else "INVALIDITY_PENSION"


def _ceil_share(share: Fraction, months: int) -> int:
    return -((-share.numerator * months) // share.denominator)


def _met(ok: bool) -> Text:
    return tr("inv.met" if ok else "inv.not_met")


def qualifying(ctx: Ctx, hist: History, death: bool = False) -> Qualifying:
    """The s.17 (notice) / s.17A (death) qualifying conditions, with their step."""
    s = ctx.step("surv.qualifying" if death else "inv.qualifying")
    n_window: int = s.rule("invalidity.qualifying_window_months")
    need_window: int = s.rule("invalidity.qualifying_window_contributions")
    full_share: Fraction = s.rule("invalidity.full_fraction")
    reduced_share: Fraction = s.rule("invalidity.reduced_fraction")
    minimum: int = s.rule("invalidity.min_contributions")
    ev = month_index(hist.event_month)
    window = [month_from_index(i) for i in range(ev - n_window, ev)]
    window_count = sum(1 for m in hist.contributions if m >= window[0])  # all are before the event month
    span = ev - month_index(hist.first_month) if hist.first_month else 0
    span_count = hist.total  # every counted contribution lies within the span
    full_needed = max(_ceil_share(full_share, span), minimum)
    reduced_needed = max(_ceil_share(reduced_share, span), minimum)
    kind: QualifyingKind | None
    test: Test
    if window_count >= need_window:
        kind, test = "full", "window"
    elif span_count >= full_needed:
        kind, test = "full", "two_thirds"
    elif span_count >= reduced_needed:
        kind, test = "reduced", "one_third"
    else:
        kind, test = None, "none"
    span_text = (
        fill(
            "inv.qual.span",
            first=hist.first_month,
            count=span_count,
            months=span,
            full_share=full_share,
            full_needed=full_needed,
            full_met=_met(span_count >= full_needed),
            reduced_share=reduced_share,
            reduced_needed=reduced_needed,
            reduced_met=_met(span_count >= reduced_needed),
            minimum=minimum,
        )
        if hist.first_month
        else tr("inv.qual.no_span")
    )
    note = fill(f"inv.qp.{test}", window=window_count, need=need_window, n=span_count, months=span)
    step = s.done(
        "inv_qualifying",
        tr(f"inv.qual.result.{kind or 'none'}"),
        title=tr("step.inv_qualifying_death" if death else "step.inv_qualifying"),
        inputs={
            "first_contribution_month": hist.first_month or "",
            "event_month": hist.event_month,
            "contributions": str(hist.total),
        },
        note=note,
        window_first=window[0],
        window_last=window[-1],
        window_count=window_count,
        window_needed=need_window,
        window_met=_met(window_count >= need_window),
        span=span_text,
    )
    return Qualifying(
        kind=kind,
        test=test,
        window=window,
        window_count=window_count,
        window_needed=need_window,
        span_months=span,
        span_first=hist.first_month,
        span_count=span_count,
        full_needed=full_needed,
        reduced_needed=reduced_needed,
        minimum=minimum,
        total=hist.total,
        note=note,
        step_id=step.id,
    )


# ----------------------------------------------------------------------------------------------- the laws


def age_conditions(ctx: Ctx) -> None:
    """Act 4 s.14 / A1445: the age limits in force on the event date; refuses everything when they fail."""
    hist = history.fact(ctx)
    death, pensioner = is_death(ctx), is_pensioner(ctx)
    s = ctx.step("surv.age" if death else "inv.age")
    limit_first: int = s.rule("invalidity.age_limit_first_contribution")
    limit_event: int = s.rule("invalidity.age_limit_notice")
    first_age = age_on(ctx.case.date_of_birth, month_start(hist.first_month)) if hist.first_month else None
    reason: Text | None = None
    if pensioner:
        reason = None
    elif ctx.age >= limit_event:
        key = "inv.refuse.age_death" if death else "inv.refuse.age_notice"
        reason = fill(key, age=ctx.age, limit=limit_event)
    elif first_age is not None and first_age >= limit_first:
        reason = fill("inv.refuse.age_first", age=first_age, limit=limit_first, month=hist.first_month)
    first_text = (
        fill("inv.age.first", age=first_age, month=hist.first_month, limit=limit_first)
        if first_age is not None
        else tr("inv.age.no_first")
    )
    step = s.done(
        "inv_age",
        "✓" if reason is None else "✗",
        inputs={"date_of_birth": ctx.case.date_of_birth.isoformat()},
        note=tr("inv.age_ok") if reason is None else reason,
        age=ctx.age,
        on=s.on,
        limit_event=limit_event,
        first=first_text,
        pensioner=tr("inv.age.pensioner") if pensioner else "",
    )
    ctx.base_ids = [step.id]
    if reason is not None:
        ctx.trace.refuse(main_code(ctx), reason)
        if death:
            ctx.trace.refuse("FUNERAL", tr("inv.refuse.funeral"))
            raise NothingMorePayable
        # a failed age condition is a failed qualifying condition: the grant is payable in place of the pension
        # (docs/decisions.md, decision 1)
        ctx.age_refused = True


def qualifying_conditions(ctx: Ctx) -> None:
    """Act 4 s.17 / s.17A: full or reduced qualifying period (left in ``ctx.qualifying``).

    Not qualifying refuses the pension; after a death nothing more is payable, after a notice the invalidity
    grant may be (see :mod:`.grant`).
    """
    hist = history.fact(ctx)
    death = is_death(ctx)
    q = qualifying(ctx, hist, death=death)
    ctx.base_ids = [*ctx.base_ids, q.step_id]
    if ctx.age_refused:  # the pension is already refused for age: only the grant remains
        q.kind = None
        ctx.qualifying = q
        return
    if q.kind is None and is_pensioner(ctx):
        q.kind = "full"
        ctx.trace.warn("surv.pensioner", tr("inv.warn.pensioner"))
    ctx.qualifying = q
    if q.kind is not None:
        return
    counts = fill(
        "inv.refuse.counts",
        window=q.window_count,
        need=q.window_needed,
        n=q.span_count,
        months=q.span_months,
        reduced=q.reduced_needed,
    )
    key = "inv.refuse.not_qualifying_death" if death else "inv.refuse.not_qualifying"
    ctx.trace.refuse(main_code(ctx), fill(key, counts_en=counts["en"], counts_ms=counts["ms"]))
    if death:
        ctx.trace.refuse("FUNERAL", tr("inv.refuse.funeral"))
        raise NothingMorePayable


def fact(ctx: Ctx) -> Qualifying:
    """The qualifying period :func:`qualifying_conditions` left on ``ctx``."""
    assert ctx.qualifying is not None
    return ctx.qualifying
