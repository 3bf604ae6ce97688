"""Wage basis: each month's wage -> its band (table in force in that month) -> assumed monthly wage.

Employment injury benefits use the average of the assumed wages of the contribution months in the six months
before the month of the accident; the assumed average daily wage is that average / 30.  Only the final daily
rate of a benefit is rounded to the sen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from estimator.engine.calc import Recorder, formula, title
from estimator.engine.i18n import Text, tr
from estimator.engine.money import ZERO, num, rm, sen
from estimator.engine.rules import PROVISIONAL_CONFIDENCES, Band, RulePack, Value
from estimator.model.case import month_from_index, month_index
from estimator.model.result import WageMonthInfo


def month_start(month: str) -> date:
    y, m = month.split("-")
    return date(int(y), int(m), 1)


def band_month(rules: RulePack, month: str, wage: Decimal) -> tuple[Band, Value]:
    """The band of ``wage`` under the table in force on the first day of ``month``."""
    table_value = rules.at("wages.band_table", month_start(month))
    return table_value.value.band_for(wage), table_value


def describe_month(rules: RulePack, month: str, wage: Decimal, in_window: bool = False) -> WageMonthInfo:
    band, tv = band_month(rules, month, wage)
    return WageMonthInfo.model_construct(
        month=month,
        wage=wage,
        band_item=band.item,
        band=band.label(),
        assumed_wage=band.assumed_wage,
        table=tv.value.name,
        in_window=in_window,
        provisional=band.provisional or tv.provisional,
    )


def window_months(event_date: date, count: int) -> list[str]:
    """The ``count`` calendar months immediately preceding the month of ``event_date`` (oldest first)."""
    idx = event_date.year * 12 + event_date.month - 1
    return [month_from_index(i) for i in range(idx - count, idx)]


@dataclass
class WageBasis:
    months: list[WageMonthInfo] = field(default_factory=list)  # every listed month, banded
    used: list[WageMonthInfo] = field(default_factory=list)  # the contribution months that count
    average_monthly: Decimal | None = None  # exact
    step_ids: list[str] = field(default_factory=list)
    provisional: bool = False
    similar_worker: bool = False

    @property
    def average_daily_display(self) -> Decimal | None:
        return None if self.average_monthly is None else sen(self.average_monthly / 30)


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
    count = rules.at("wages.window_months", event_date).value
    divisor = rules.at("wages.days_divisor", event_date).value
    win = set(window_months(event_date, count))
    infos = [describe_month(rules, m, w, in_window=m in win) for m, w in sorted(wages)]
    used = [i for i in infos if i.in_window and i.wage > 0]
    avg = sum((i.assumed_wage for i in used), ZERO) / len(used) if used else None
    return WagePreview(
        months=infos,
        average_monthly=sen(avg) if avg is not None else None,
        average_daily=sen(avg / divisor) if avg is not None else None,
        used_months=len(used),
        window=sorted(win),
        provisional=any(i.provisional for i in used),
        message=None if used else tr("wages.no_months_in_window"),
    )


def injury_wage_basis(
    rec: Recorder, event_date: date, wages: list[tuple[str, Decimal]], similar_worker_wage: Decimal | None
) -> WageBasis:
    """Average assumed monthly wage for TDB / PDB / dependants' benefit, with its steps."""
    rules = rec.rules
    basis = WageBasis()
    count = rec.use("wages.window_months", event_date)
    rec.discard_pending()
    win = window_months(event_date, count)
    win_set = set(win)
    basis.months = [describe_month(rules, m, w, in_window=m in win_set) for m, w in sorted(wages)]
    basis.used = [i for i in basis.months if i.in_window and i.wage > 0]

    if not basis.used:
        if similar_worker_wage is None:
            return basis
        month = win[-1]
        band, tv = band_month(rules, month, similar_worker_wage)
        rec.value("wages.band_table", month_start(month))
        basis.similar_worker = True
        basis.average_monthly = band.assumed_wage
        prov = band.confidence in PROVISIONAL_CONFIDENCES
        s = rec.step(
            "wages.similar",
            title("wages_similar"),
            formula("wages_similar"),
            f"{rm(similar_worker_wage)} → #{band.item} ({band.label()}) → {rm(band.assumed_wage)}",
            rm(band.assumed_wage),
            inputs={"similar_worker_monthly_wage": num(similar_worker_wage)},
            provisional=prov,
            note=tr("wages.similar_note"),
        )
        basis.step_ids.append(s.id)
        basis.provisional = s.provisional
    else:
        # one step for the banding: the tables in force in each month, the band and assumed wage of each
        tables_seen: set[tuple[str, date]] = set()
        for info in basis.used:
            tv = rules.at("wages.band_table", month_start(info.month))
            if (tv.key, tv.start) not in tables_seen:
                tables_seen.add((tv.key, tv.start))
                rec.value("wages.band_table", month_start(info.month))
        lines = [
            f"{i.month}: {rm(i.wage)} → #{i.band_item} ({i.band}) → {rm(i.assumed_wage)}" for i in basis.used
        ]
        inferred = [i for i in basis.used if band_month(rules, i.month, i.wage)[0].provisional]
        note = None
        if inferred:
            items = ", ".join(sorted({str(i.band_item) for i in inferred}, key=int))
            note = tr("wages.inferred_band_note", items=items)
            rec.note_provisional(f"band:{items}", note)
        s1 = rec.step(
            "wages.bands",
            title("wages_bands"),
            formula("wages_bands"),
            "; ".join(lines),
            ", ".join(rm(i.assumed_wage) for i in basis.used),
            inputs={i.month: num(i.wage) for i in basis.used},
            provisional=bool(inferred),
            note=note,
        )
        total = sum((i.assumed_wage for i in basis.used), ZERO)
        avg = total / len(basis.used)
        basis.average_monthly = avg
        missing = [m for m in win if m not in {i.month for i in basis.used}]
        note2 = tr("wages.missing_months", months=", ".join(missing), n=len(basis.used)) if missing else None
        rec.use("wages.window_months", event_date)
        s2 = rec.step(
            "wages.average",
            title("wages_average"),
            formula("wages_average"),
            f"({' + '.join(num(i.assumed_wage) for i in basis.used)}) / {len(basis.used)} = {num(avg, 4)}",
            rm(sen(avg)),
            inputs={"window": f"{win[0]} – {win[-1]}"},
            rounding=tr("rounding.none_kept_exact"),
            provisional=s1.provisional,
            note=note2,
        )
        basis.step_ids += [s1.id, s2.id]
        basis.provisional = s1.provisional
    divisor = rec.use("wages.days_divisor", event_date)
    assert basis.average_monthly is not None
    s3 = rec.step(
        "wages.daily",
        title("wages_daily"),
        formula("wages_daily"),
        f"{num(basis.average_monthly, 4)} / {divisor} = {num(basis.average_monthly / divisor, 4)}",
        rm(sen(basis.average_monthly / divisor)),
        rounding=tr("rounding.display_only"),
        provisional=basis.provisional,
    )
    basis.step_ids.append(s3.id)
    return basis


def history_months(wages: list[tuple[str, Decimal]]) -> list[str]:
    return sorted(m for m, w in wages if w > 0)


def months_between(first: str, last: str) -> int:
    return month_index(last) - month_index(first) + 1
