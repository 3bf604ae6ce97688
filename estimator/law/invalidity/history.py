"""The contribution history of the Invalidity Scheme (Act 4 s.17, s.20(2)): which months count.

The case's ``monthly_wages`` is the history: each month listed with a wage above zero is a contribution paid;
months not listed, and months with a zero wage, are months without a contribution.  ``first_contribution_month``
(optional) is when contributions first became payable when that is earlier than the first month listed.  Only the
months before the month of the event (the notice of invalidity, or death) count (s.17: "preceding the month").
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from estimator.engine.dates import month_from_index, month_index, month_of
from estimator.engine.money import ZERO
from estimator.engine.trace import fill
from estimator.law.context import Ctx
from estimator.law.facts import History
from estimator.law.wages import bander_of
from estimator.model.case import Case
from estimator.model.result import WageRun


def history_of(case: Case, wages: list[tuple[str, Decimal]] | None = None) -> History:
    listed = wages if wages is not None else [(w.month, w.wage) for w in case.monthly_wages]
    event_month = month_of(case.event_date)
    paid = [m for m, w in listed if w > ZERO]  # (a Decimal: no int to convert at each month)
    paid.sort()  # (already in order when it is ctx.wages: the sort only checks)
    cut = bisect_left(paid, event_month)
    before, ignored = paid[:cut], paid[cut:]
    first = case.first_contribution_month
    if before and (first is None or first > before[0]):
        first = before[0]
    return History(
        event_month=event_month, contributions=before, wages=dict(listed), first_month=first, ignored=ignored
    )


# ----------------------------------------------------------------------------------------------- runs


def mark_averaged(runs: list[WageRun], first: str, last: str) -> list[WageRun]:
    """The banded history with ``in_window`` set for the months averaged: those from ``first`` to ``last`` with
    a wage above zero (the last contributions are every such month).  A run across either end is split.  The
    runs are in month order: those ending before ``first`` are kept as they are, without a look."""
    keep = len(runs)
    while keep and runs[keep - 1].last >= first:
        keep -= 1
    out: list[WageRun] = runs[:keep]
    for run in runs[keep:]:
        if run.first > last or run.wage <= ZERO or run.in_window:
            out.append(run)
            continue
        if first <= run.first and run.last <= last:
            out.append(WageRun.of({**run.__dict__, "in_window": True}))
            continue
        lo, hi = max(run.first, first), min(run.last, last)
        if run.first < lo:
            out.append(_piece(run, run.first, _month_before(lo), False))
        out.append(_piece(run, lo, hi, True))
        if hi < run.last:
            out.append(_piece(run, _month_after(hi), run.last, False))
    return out


def _piece(run: WageRun, first: str, last: str, in_window: bool) -> WageRun:
    months = month_index(last) - month_index(first) + 1
    return WageRun.of(
        {**run.__dict__, "first": first, "last": last, "months": months, "in_window": in_window}
    )


def _month_before(month: str) -> str:
    return month_from_index(month_index(month) - 1)


def _month_after(month: str) -> str:
    return month_from_index(month_index(month) + 1)


# ----------------------------------------------------------------------------------------------- the law


def contribution_history(ctx: Ctx) -> None:
    """Read the history (left in ``ctx.history``), warn about months that do not count, band every month."""
    hist = history_of(ctx.case, ctx.wages)
    ctx.history = hist
    if hist.ignored:
        ctx.trace.warn(
            "inv.months_ignored",
            fill("inv.warn.months_ignored", months=", ".join(hist.ignored), event=hist.event_month),
            severity="info",
        )
    first_listed = hist.contributions[0] if hist.contributions else None
    payable_from = ctx.case.first_contribution_month
    if payable_from and first_listed and payable_from < first_listed:
        ctx.trace.warn(
            "inv.history_gap", fill("inv.warn.history_gap", first=payable_from, listed=first_listed)
        )
    ctx.wage_months = bander_of(ctx).runs(ctx.wages)
    ctx.average_monthly_wage = None


def fact(ctx: Ctx) -> History:
    """The history :func:`contribution_history` left on ``ctx`` (the first law of every invalidity list)."""
    assert ctx.history is not None
    return ctx.history
