"""Wage basis of the employment-injury benefits (Act 4 Fourth Schedule para 4 and 4A).

Each month's wage falls in a band of the assumed-monthly-wage table in force in that month (para 4).  The
benefits use the average of the assumed wages of the contribution months in the ``wages.window_months`` months
before the month of the accident; the assumed average daily wage is that average / ``wages.days_divisor``.  With no
contribution yet, the wage of a person in similar work with the same employer or in the same locality is banded
instead (para 4A).  Only the final daily rate of a benefit is rounded to the sen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from estimator.engine.dates import month_from_index
from estimator.engine.i18n import LANGS, Text, tr
from estimator.engine.money import ZERO, num, rm, sen
from estimator.engine.rules import PROVISIONAL_CONFIDENCES, RulePack, Value
from estimator.engine.trace import Later, StepTrace, Trace, positional, template_names
from estimator.law.context import Ctx, NothingMorePayable
from estimator.law.facts import WageBasis
from estimator.model.record import record_fields, set_extra, set_fields_set, set_private
from estimator.model.result import WageMonthInfo, WageRun


def month_start(month: str) -> date:
    y, m = month.split("-")
    return date(int(y), int(m), 1)


# ----------------------------------------------------------------------------------------------- banding

BANDER = "wages.bander"  # what the bander works out once per rule pack, kept with the pack


class MonthBander:
    """Bands months with the wage table in force in each month.

    The table is looked up again only when a month crosses the start of another table (or the end of a value's
    provisional dating); a wage's band is found by bisection in its table.  Kept with the pack: each band's fields
    as the result shows them (item, label, assumed wage, table, provisional), worked out once per table, and the
    band of each wage seen, at most a few thousand per table (a history and the next keystroke repeat their
    wages; a batch of any size keeps no more).  One bander serves every law of an estimate (:func:`bander_of`),
    so the tables are not read again for the average or the grant.
    """

    KEY = "wages.band_table"

    def __init__(self, reader: StepTrace) -> None:
        """``reader``: a step never closed, through which the tables are read (the one rule-read path)."""
        self.reader = reader
        self._table: Value | None = None
        self._from = ""
        self._until: str | None = ""
        store = reader.pack_cache()
        cache = store.get(BANDER)
        if cache is None:
            changes = sorted({_first_month_from(d) for d in reader.changes(self.KEY)})
            cache = store[BANDER] = (changes, {})
        self._changes: list[str] = cache[0]
        # per table (by id: the pack keeps its tables) and provisional mark: each band's shown fields, by band,
        # and the band of each wage seen (a history and the next keystroke's repeat their wages; bounded)
        self._shown: dict[tuple[int, bool], tuple[dict[int, _Band], dict[Decimal, _Band]]] = cache[1]

    def table(self, month: str) -> Value:
        """The table value in force on the first day of ``month``."""
        current = self._table
        if current is None or month < self._from or (self._until is not None and month >= self._until):
            current = self.reader.value(self.KEY, month_start(month))
            self._table = current
            self._from = max((c for c in self._changes if c <= month), default="")
            self._until = next((c for c in self._changes if c > month), None)
        return current

    def bands(self, tv: Value) -> tuple[dict[int, _Band], dict[Decimal, _Band]]:
        """The shown fields of each band of the table value ``tv``, by the band (its id), and by the wages seen."""
        key = (id(tv.value), tv.provisional)
        shown = self._shown.get(key)
        if shown is None:
            table = tv.value
            by_band: dict[int, _Band] = {
                id(band): (
                    band.item,
                    band.label(),
                    band.assumed_wage,
                    table.name,
                    band.provisional or tv.provisional,
                    {
                        "first": "",
                        "last": "",
                        "months": 1,
                        "wage": None,
                        "band_item": band.item,
                        "band": band.label(),
                        "assumed_wage": band.assumed_wage,
                        "table": table.name,
                        "in_window": False,
                        "provisional": band.provisional or tv.provisional,
                    },
                )
                for band in table.rows
            }
            shown = self._shown[key] = (by_band, {})
        return shown

    def band_fields(self, month: str, wage: Decimal) -> _Band:
        """The band of ``wage`` in ``month`` as the result shows it (see ``_Band``)."""
        tv = self.table(month)
        return self.bands(tv)[0][id(tv.value.band_for(wage))]

    def describe(self, month: str, wage: Decimal, in_window: bool = False) -> WageMonthInfo:
        """One month banded with the table in force on its first day."""
        item, label, assumed, table, provisional, _ = self.band_fields(month, wage)
        return WageMonthInfo.of(
            {
                "month": month,
                "wage": wage,
                "band_item": item,
                "band": label,
                "assumed_wage": assumed,
                "table": table,
                "in_window": in_window,
                "provisional": provisional,
            }
        )

    def runs(self, wages: list[tuple[str, Decimal]], window: tuple[str, str] | None = None) -> list[WageRun]:
        """``wages`` (oldest first) banded, as runs of identical consecutive months; ``in_window`` for the
        months from ``window[0]`` to ``window[1]`` with a wage above zero.

        A month joins the run before it when it is the next month, its wage is the run's and ``in_window``
        agrees, and its band's shown fields are the run's (the same table: the same band; another table: compared)."""
        runs: list[WageRun] = []
        append = runs.append
        # each run a record as WageRun.of makes it, inline (a history may hold hundreds)
        every, new, set_dict = record_fields(WageRun), object.__new__, object.__setattr__
        run: dict[str, Any] = {}
        run_wage: Decimal | None = None
        run_band: _Band | None = None
        run_tv: Value | None = None
        inside_run = False
        after = ""  # the month after the current run's last month
        lo, hi = window if window is not None else ("~", "")
        nexts = _NEXT
        tv = self._table
        since, until = self._from, self._until or "~"
        by_band, by_wage = self.bands(tv) if tv is not None else ({}, {})
        for month, wage in wages:
            if tv is None or month < since or month >= until:
                tv = self.table(month)
                since, until = self._from, self._until or "~"
                by_band, by_wage = self.bands(tv)
            inside = lo <= month <= hi and wage > ZERO
            if month == after and inside is inside_run and wage == run_wage:
                if tv is run_tv:
                    run["last"] = month
                    run["months"] += 1
                    after = nexts.get(month) or _next_month(month)
                    continue
                band = by_wage.get(wage) or _band_of(tv, wage, by_band, by_wage)
                if band == run_band:  # (another table value, the same band shown)
                    run["last"] = month
                    run["months"] += 1
                    run_tv = tv
                    after = nexts.get(month) or _next_month(month)
                    continue
            else:
                band = by_wage.get(wage) or _band_of(tv, wage, by_band, by_wage)
            run = band[5].copy()  # the band's fields, in the record's order
            run["first"] = run["last"] = month
            run["wage"] = wage
            run["in_window"] = inside
            record = new(WageRun)
            set_dict(record, "__dict__", run)
            set_fields_set(record, every)
            set_extra(record, None)
            set_private(record, None)
            append(record)
            run_wage, run_band, run_tv, inside_run = wage, band, tv, inside
            after = nexts.get(month) or _next_month(month)
        return runs


def _band_of(tv: Value, wage: Decimal, by_band: dict[int, _Band], by_wage: dict[Decimal, _Band]) -> _Band:
    """The band of ``wage`` in the table value ``tv`` (bisection), remembered for the wage (at most a few thousand
    wages per table: a batch of any size keeps no more)."""
    band = by_band[id(tv.value.band_for(wage))]
    if len(by_wage) > _WAGES_KEPT:
        by_wage.clear()
    by_wage[wage] = band
    return band


_WAGES_KEPT = 4096
# a band as the result shows it: (item, label, assumed wage, table, provisional, a run's fields in their order)
_Band = tuple[int, str, Decimal, str, bool, dict[str, Any]]


def bander_of(ctx: Ctx) -> MonthBander:
    """The estimate's one MonthBander."""
    bander = ctx.kept.get(BANDER)
    if not isinstance(bander, MonthBander):
        bander = ctx.kept[BANDER] = MonthBander(ctx.step("wages.months"))
    return bander


_NEXT: dict[str, str] = {}  # YYYY-MM -> the month after it (a few thousand months at most: valid months only)


def _next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    after = _NEXT[month] = f"{y:04d}-{m + 1:02d}" if m < 12 else f"{y + 1:04d}-01"
    return after


def _first_month_from(day: date) -> str:
    """The first month that starts on or after ``day``."""
    if day.day == 1:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year + day.month // 12:04d}-{day.month % 12 + 1:02d}"


def window_months(event_date: date, count: int) -> list[str]:
    """The ``count`` calendar months immediately preceding the month of ``event_date`` (oldest first)."""
    idx = event_date.year * 12 + event_date.month - 1
    return [month_from_index(i) for i in range(idx - count, idx)]


def _counted_months(
    bander: MonthBander, window: list[str], wages: list[tuple[str, Decimal]]
) -> list[WageMonthInfo]:
    """Every listed month (in order) banded; ``in_window`` marks the contribution months that count (a wage above
    zero)."""
    win = set(window)
    return [bander.describe(m, w, in_window=m in win and w > ZERO) for m, w in wages]


@dataclass
class WagePreview:
    """What the wages page shows as the clerk types (no benefit is computed here)."""

    months: list[WageMonthInfo]
    average_monthly: Decimal | None
    average_daily: Decimal | None
    used_months: int
    window: list[str]
    provisional: bool
    message: Text | None = None


def preview(rules: RulePack, event_date: date, wages: list[tuple[str, Decimal]]) -> WagePreview:
    """Band every month and average the employment-injury window: the wages page's live figures."""
    reader = Trace(rules).step("wages.preview", event_date)  # Act 4's rules, through a step never closed
    count: int = reader.rule("wages.window_months")
    divisor = reader.rule("wages.days_divisor")
    window = window_months(event_date, count)
    infos = _counted_months(MonthBander(reader), window, sorted(wages))
    used = [i for i in infos if i.in_window]
    avg = sum((i.assumed_wage for i in used), ZERO) / len(used) if used else None
    return WagePreview(
        months=infos,
        average_monthly=sen(avg) if avg is not None else None,
        average_daily=sen(avg / divisor) if avg is not None else None,
        used_months=len(used),
        window=window,
        provisional=any(i.provisional for i in used),
        message=None if used else tr("wages.no_months_in_window"),
    )


def _similar_worker(ctx: Ctx, basis: WageBasis, month: str, wage: Decimal) -> None:
    """Para 4A: no contribution yet, so a similar worker's wage is banded (table of the last window month)."""
    s = ctx.step("wages.similar")
    table = s.rule("wages.band_table", month_start(month))
    band = table.band_for(wage)
    s.provisional_input(band.confidence in PROVISIONAL_CONFIDENCES)
    step = s.done(
        "wages_similar",
        rm(band.assumed_wage),
        inputs={"similar_worker_monthly_wage": num(wage)},
        note=tr("wages.similar_note"),
        wage=wage,
        item=band.item,
        band=band.label(),
        assumed=band.assumed_wage,
    )
    basis.similar_worker = True
    basis.average_monthly = band.assumed_wage
    basis.step_ids.append(step.id)
    basis.provisional = step.provisional


_BAND_LINE_VALUES = ("month", "wage", "item", "band", "assumed")
_BAND_LINE_NAMES = frozenset(_BAND_LINE_VALUES)


def _band_lines(used: list[WageMonthInfo]) -> Text:
    """One line a month averaged (str.format by position, the figures formatted once)."""
    line = positional("wages.band_line", _BAND_LINE_VALUES)
    shown = [(i.month, rm(i.wage), i.band_item, i.band, rm(i.assumed_wage)) for i in used]
    return {lang: "; ".join([line[lang].format(*values) for values in shown]) for lang in LANGS}


def _average(ctx: Ctx, basis: WageBasis, window: list[str]) -> None:
    """Para 4: each counted month banded under its own table, then the average of the assumed wages."""
    s = ctx.step("wages.bands")
    inferred: set[int] = set()
    bander = bander_of(ctx)
    read: set[int] = set()
    for info in basis.used:
        table = bander.table(info.month)
        if id(table) not in read:  # each table in force in the months averaged recorded once, in month order
            read.add(id(table))
            s.value("wages.band_table", month_start(info.month))
        band = table.value.band_for(info.wage)
        if band.provisional:
            inferred.add(band.item)
    note = None
    if inferred:
        items = ", ".join(str(i) for i in sorted(inferred))
        note = tr("wages.inferred_band_note", items=items)
        ctx.trace.note_provisional(f"band:{items}", note)
    s.provisional_input(bool(inferred))
    if not template_names("wages.band_line") <= _BAND_LINE_NAMES:  # what writing the lines later needs
        raise KeyError("wages.band_line names a value the band lines do not give")
    bands = s.done(
        "wages_bands",
        ", ".join(rm(i.assumed_wage) for i in basis.used),
        inputs={i.month: num(i.wage) for i in basis.used},
        note=note,
        lines=Later(_band_lines, basis.used),
    )
    a = ctx.step("wages.average")
    count = a.rule("wages.window_months")
    average = sum((i.assumed_wage for i in basis.used), ZERO) / len(basis.used)
    counted = {i.month for i in basis.used}
    missing = [m for m in window if m not in counted]
    a.provisional_input(bands.provisional)
    avg_step = a.done(
        "wages_average",
        rm(sen(average)),
        inputs={"window": f"{window[0]} – {window[-1]}"},
        rounding="none_kept_exact",
        note=tr("wages.missing_months", months=", ".join(missing), n=len(basis.used)) if missing else None,
        window=count,
        terms=" + ".join(num(i.assumed_wage) for i in basis.used),
        count=len(basis.used),
        average=average,
    )
    basis.average_monthly = average
    basis.step_ids += [bands.id, avg_step.id]
    basis.provisional = bands.provisional


def wage_basis(ctx: Ctx) -> None:
    """The law that sets the wage basis: ``ctx.wage_basis``, the average and the banded months."""
    case = ctx.case
    on = case.event_date
    reader = ctx.step("wages.months")
    count: int = reader.rule("wages.window_months")
    window = window_months(on, count)
    bander = bander_of(ctx)
    win = set(window)  # the contribution months that count, banded (ctx.wages: in month order)
    basis = WageBasis(
        used=[bander.describe(m, w, in_window=True) for m, w in ctx.wages if m in win and w > ZERO]
    )
    if basis.used:
        _average(ctx, basis, window)
    elif case.similar_worker_monthly_wage is not None:
        _similar_worker(ctx, basis, window[-1], case.similar_worker_monthly_wage)
    ctx.wage_basis = basis
    ctx.wage_months = bander.runs(ctx.wages, (window[0], window[-1]))
    ctx.average_monthly_wage = basis.average_monthly
    if basis.average_monthly is None:
        ctx.trace.refuse("WAGES", tr("refuse.no_wages_in_window"))
        return
    s = ctx.step("wages.daily")
    divisor = s.rule("wages.days_divisor")
    daily = basis.average_monthly / divisor
    s.provisional_input(basis.provisional)
    step = s.done(
        "wages_daily",
        rm(sen(daily)),
        rounding="display_only",
        divisor=divisor,
        average=basis.average_monthly,
        daily=daily,
    )
    basis.step_ids.append(step.id)


def basis_of(ctx: Ctx) -> WageBasis | None:
    """The wage basis set by :func:`wage_basis`, or ``None`` when no average could be made."""
    basis = ctx.wage_basis
    return basis if basis is not None and basis.average_monthly is not None else None


def require_average(ctx: Ctx) -> None:
    """No later cash benefit is payable without an average wage (the refusal is already recorded)."""
    if basis_of(ctx) is None:
        raise NothingMorePayable
