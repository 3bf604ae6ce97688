"""The contribution history of the Invalidity Scheme (Act 4 s.17, s.20(2)): which months count.

The case's ``monthly_wages`` is the history: each month listed with a wage above zero is a contribution paid;
months not listed, and months with a zero wage, are months without a contribution.  ``first_contribution_month``
(optional) is when contributions first became payable when that is earlier than the first month listed.  Only the
months before the month of the event (the notice of invalidity, or death) count (s.17: "preceding the month").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from estimator.engine.dates import month_of
from estimator.engine.rules import Value
from estimator.engine.trace import StepTrace, fill
from estimator.law.context import Ctx
from estimator.law.wages import month_record, month_start
from estimator.model.case import Case
from estimator.model.result import WageMonthInfo


@dataclass
class History:
    """The contribution history as far as the event: which months count.

    Months are ``YYYY-MM`` strings, so their string order is their calendar order.
    """

    event_month: str
    contributions: list[str]  # months with a wage above zero before the event month, oldest first
    wages: dict[str, Decimal]  # every listed month -> wage
    first_month: (
        str | None
    )  # when contributions first became payable (case field, else the first contribution)
    ignored: list[str] = field(default_factory=list)  # listed months in or after the event month

    @property
    def total(self) -> int:
        return len(self.contributions)


def history_of(case: Case, wages: list[tuple[str, Decimal]] | None = None) -> History:
    listed = wages if wages is not None else [(w.month, w.wage) for w in case.monthly_wages]
    event_month = month_of(case.event_date)
    paid = sorted(m for m, w in listed if w > 0)
    before = [m for m in paid if m < event_month]
    ignored = paid[len(before) :]
    first = case.first_contribution_month
    if before and (first is None or first > before[0]):
        first = before[0]
    return History(
        event_month=event_month, contributions=before, wages=dict(listed), first_month=first, ignored=ignored
    )


# ----------------------------------------------------------------------------------------------- banding


class MonthBander:
    """Bands months with the wage table in force in each month, without repeating work per month.

    The table is looked up again only when a month crosses the start of another table (or the end of a value's
    provisional dating); each (table, wage, in window) is banded once and its record copied for the other months.
    """

    KEY = "wages.band_table"

    def __init__(self, reader: StepTrace) -> None:
        """``reader``: a step never closed, through which the tables are read (the averaging step records
        the tables of the months it averages)."""
        self.reader = reader
        changes = reader.changes(self.KEY)
        # the first month whose first day is on or after each change, as YYYY-MM (ordered like the months)
        self._changes = sorted({_first_month_from(d) for d in changes})
        self._table: Value | None = None
        self._from = ""
        self._until: str | None = ""
        self._protos: dict[tuple[int, bool, Decimal], WageMonthInfo] = {}

    def table(self, month: str) -> Value:
        """The table value in force on the first day of ``month``."""
        current = self._table
        if current is None or month < self._from or (self._until is not None and month >= self._until):
            current = self.reader.value(self.KEY, month_start(month))
            self._table = current
            self._from = max((c for c in self._changes if c <= month), default="")
            self._until = next((c for c in self._changes if c > month), None)
        return current

    def describe(self, month: str, wage: Decimal, in_window: bool = False) -> WageMonthInfo:
        """The same record as :func:`estimator.law.wages.describe_month`, built from a per-band prototype."""
        tv = self.table(month)
        ck = (id(tv), in_window, wage)
        proto = self._protos.get(ck)
        if proto is None:
            proto = month_record(tv, month, wage, in_window)
            self._protos[ck] = proto
            return proto
        return _copy_record(proto, {"month": month, "wage": wage})


def _first_month_from(day: date) -> str:
    """The first month that starts on or after ``day``."""
    if day.day == 1:
        return month_of(day)
    return month_of(date(day.year + day.month // 12, day.month % 12 + 1, 1))


def _copy_record(proto: WageMonthInfo, fields: dict[str, object]) -> WageMonthInfo:
    """``proto`` with ``fields`` changed, without validating again: what ``model_construct`` does, for a record
    already valid, at a third of its cost (which counts for a 40-year history).  Every field is set in the
    prototype, so its (unchanging) ``fields_set`` can be shared."""
    info = _new_record(WageMonthInfo)
    values = proto.__dict__.copy()
    values.update(fields)
    _set(info, "__dict__", values)
    _set(info, "__pydantic_fields_set__", proto.__pydantic_fields_set__)
    _set(info, "__pydantic_extra__", None)
    _set(info, "__pydantic_private__", None)
    return info


_new_record = WageMonthInfo.__new__
_set = object.__setattr__


def mark_averaged(months: list[WageMonthInfo], averaged: set[str]) -> list[WageMonthInfo]:
    """The banded history with ``in_window`` set for the months averaged."""
    return [_copy_record(m, {"in_window": True}) if m.month in averaged else m for m in months]


def describe_history(ctx: Ctx, averaged: set[str], bander: MonthBander | None = None) -> list[WageMonthInfo]:
    """Every listed month banded, oldest first (``ctx.wages`` is); ``in_window`` for the months averaged."""
    bander = bander or MonthBander(ctx.step("wages.months"))
    return [bander.describe(m, w, in_window=m in averaged) for m, w in ctx.wages]


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
    ctx.wage_months = describe_history(ctx, set())
    ctx.average_monthly_wage = None


def fact(ctx: Ctx) -> History:
    """The history :func:`contribution_history` left on ``ctx`` (the first law of every invalidity list)."""
    assert ctx.history is not None
    return ctx.history
