"""Scenarios side by side: ``compare([(label, case), ...]) -> Comparison`` and ``pdb_curve(case)``.

A claimant's real questions are comparisons ("what if the Medical Board says 25% instead of 20%?", "should I
commute?", "what if my employer's wage figure is corrected?").  Each scenario is a labelled, validated
:class:`~estimator.model.case.Case`; :func:`compare` runs the real law (:func:`estimate`) on each and returns a
:class:`Comparison`:

``Comparison.scenarios[i]`` (:class:`Scenario`)
    ``label``, ``case``, ``result`` (the :class:`Result`, exactly what ``faedah estimate --json`` gives),
    ``benefits`` (:class:`BenefitFigures`, one per benefit with an amount, in the result's order),
    ``totals`` / ``totals_commuted`` (:class:`Totals`: received by age 60, by age 70 and by life expectancy;
    ``totals_commuted`` is ``None`` unless some benefit can be commuted), ``life_expectancy_age`` (the age
    the claimant is expected to reach, from the rule pack; ``None`` if the pack cannot tell) and ``series`` /
    ``series_commuted`` (cumulative payments at each birthday: ``list[SeriesPoint(age, total)]``, for a chart).

``BenefitFigures``
    ``code``, ``title``, ``daily_rate``, ``monthly_amount`` (paid each 30-day month if nothing is commuted;
    ``0.00`` for a PDB of 20% or less, which is all paid as a lump sum), ``paid_once`` (TDB, funeral, grant),
    ``lump_sum`` (the PDB lump sum: compulsory up to 20%, optional commutation above), ``commutation``
    (``"compulsory"``, ``"optional"`` or ``None``), ``commuted_daily_rate``, ``monthly_if_commuted``,
    ``break_even_age`` (the age at which the monthly payments given up overtake the lump sum), ``totals``,
    ``totals_commuted``, ``provisional``.

``Comparison.differences``
    ``list[Difference(path, values)]``: every path (``case.<field>``, ``benefits.<CODE>.<figure>``,
    ``benefits.<CODE>.totals.by_60``, ``totals.by_life_expectancy``, ``result.provisional`` ...) whose value
    differs between scenarios, with one value per scenario (a string, or ``None`` where absent).

Totals count whole months from the event date (a pension for life, CAA, the invalidity pension) or along the
dated schedule (dependants, survivors), plus what is paid once; ages are the insured person's.  Money is
``Decimal``; ``Comparison.model_dump(mode="json")`` gives two-decimal strings.

``pdb_curve(case) -> list[CurvePoint(lec_percent, monthly, lump_sum)]`` runs the real law for the claimant at
every loss of earning capacity from 0 to 100% (and just above the 20% threshold, 20.01%): ``monthly`` is the
pension without commuting (``0.00`` up to 20%), ``lump_sum`` the compulsory lump sum up to 20% and the optional
commutation above.  :func:`compare_results` builds the comparison from results already computed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any

from estimator.engine.dates import add_months, add_years
from estimator.engine.money import ZERO, sen
from estimator.engine.rules import RulePack, RulePackError, default_rules
from estimator.engine.trace import Trace
from estimator.law.estimate import estimate
from estimator.model.case import Case
from estimator.model.comparison import (
    BenefitFigures,
    Comparison,
    CurvePoint,
    Difference,
    Scenario,
    SeriesPoint,
    Totals,
)
from estimator.model.result import PDB, BenefitRecord, Result, SchedulePeriod
from estimator.model.result_schemes import DisablementLumpSum

MAX_SCENARIOS = 4
HORIZON_AGES = (60, 70)
DAYS_A_MONTH = 365.25 / 12  # float-ok: the provisional table's own convention (life expectancy only)


# --------------------------------------------------------------------------------------------- life expectancy


def remaining_life_expectancy(rules: RulePack, on: date, age: int) -> Decimal | None:
    """Years of life remaining at ``age``, read from the rule pack (``None`` when it cannot tell).

    A pack parameter ``ei.life_expectancy`` (``{age: years}``, DOSM) is used when present; otherwise the
    figures are read back from the provisional commutation table, which is an annuity-certain over the DOSM
    remaining life expectancy at the table's stated interest rate (an official table states no rate: None).
    """
    reader = Trace(rules).step("compare.life", on)  # never closed: no figure of a result is explained here
    try:
        table: dict[Any, Any] | None = reader.rule("ei.life_expectancy")
    except RulePackError:  # the pack has no life table: read it back from the commutation table
        table = None
    if table is not None:
        years = {int(k): Decimal(str(v)) for k, v in table.items()}
        ages = sorted(years)
        if age <= ages[0]:
            return years[ages[0]]
        if age >= ages[-1]:
            return years[ages[-1]]
        below = max(a for a in ages if a <= age)
        above = min(a for a in ages if a >= age)
        if below == above:
            return years[below]
        share = Decimal(age - below) / Decimal(above - below)
        return (years[below] + (years[above] - years[below]) * share).quantize(Decimal("0.1"))
    commutation = reader.rule("ei.commutation_table")
    rate = getattr(commutation, "interest_rate_percent", None)
    if rate is None:
        return None
    factor = float(commutation.factor(age))  # float-ok: actuarial inversion, not money
    monthly_rate = (1 + float(rate) / 100) ** (1 / 12) - 1  # float-ok
    left = 1 - factor * monthly_rate / DAYS_A_MONTH  # float-ok
    if left <= 0:
        return None
    months = -math.log(left) / math.log(1 + monthly_rate)  # float-ok
    return Decimal(str(round(months / 12, 1)))


# --------------------------------------------------------------------------------------------------- totals


def _months_between(start: date, end: date) -> int:
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _scheduled(schedule: list[SchedulePeriod], horizon: date) -> Decimal:
    total = ZERO
    for period in schedule:
        end = horizon if period.end is None else min(period.end, horizon)
        total += period.monthly_total * _months_between(period.start, end)
    return total


class _Plan:
    """How one benefit pays: once, monthly from the event, or along a dated schedule."""

    def __init__(self, once: Decimal, monthly: Decimal, start: date, schedule: list[SchedulePeriod]) -> None:
        self.once, self.monthly, self.start, self.schedule = once, monthly, start, schedule

    def received_by(self, horizon: date) -> Decimal:
        if self.schedule:
            return self.once + _scheduled(self.schedule, horizon)
        return self.once + self.monthly * _months_between(self.start, horizon)


class _Horizons:
    def __init__(self, case: Case, result: Result, life_years: Decimal | None) -> None:
        self.by_60 = add_years(case.date_of_birth, 60)
        self.by_70 = add_years(case.date_of_birth, 70)
        self.life: date | None = None
        self.life_age: Decimal | None = None
        if life_years is not None:
            self.life = add_months(case.event_date, int(life_years * 12))
            self.life_age = Decimal(result.age_at_event) + life_years

    def totals(self, plans: Sequence[_Plan]) -> Totals:
        def by(horizon: date) -> Decimal:
            return sen(sum((p.received_by(horizon) for p in plans), ZERO))

        return Totals(
            by_60=by(self.by_60),
            by_70=by(self.by_70),
            by_life_expectancy=by(self.life) if self.life is not None else None,
        )


def _plans(benefit: BenefitRecord, event: date) -> tuple[_Plan, _Plan | None, dict[str, Any]]:
    """The plan without commuting, the plan with commuting (None: nothing to commute) and the figures."""
    figures: dict[str, Any] = {}
    daily = _amount(benefit, "daily_rate")
    monthly = _amount(benefit, "monthly_amount")
    schedule: list[SchedulePeriod] = list(getattr(benefit, "schedule", []) or [])
    if daily is not None:
        figures["daily_rate"] = daily
    if isinstance(benefit, PDB) and benefit.options:
        option = benefit.options[0]
        figures["lump_sum"] = option.lump_sum
        figures["commuted_daily_rate"] = option.commuted_daily_rate
        figures["break_even_age"] = option.break_even_age
        if option.kind == "lump_sum":
            figures["commutation"] = "compulsory"
            figures["monthly_amount"] = option.monthly_amount
            return _Plan(option.lump_sum, ZERO, event, []), None, figures
        figures["commutation"] = "optional"
        figures["monthly_amount"] = benefit.monthly_amount
        figures["monthly_if_commuted"] = option.monthly_amount
        plain = _Plan(ZERO, benefit.monthly_amount, event, [])
        return plain, _Plan(option.lump_sum, option.monthly_amount, event, []), figures
    once = _amount(benefit, "total")
    if monthly is not None:
        figures["monthly_amount"] = monthly
    if once is not None and not schedule:
        figures["paid_once"] = once
        return _Plan(once, ZERO, event, []), None, figures
    return _Plan(ZERO, monthly or ZERO, event, schedule), None, figures


def _amount(benefit: BenefitRecord, name: str) -> Any:
    """A money field the record type declares in ``amounts`` (``None`` when it declares no such field)."""
    return getattr(benefit, name) if name in type(benefit).amounts else None


def _has_amount(benefit: BenefitRecord) -> bool:
    return any(getattr(benefit, name) is not None for name in type(benefit).amounts)


def _series(case: Case, result: Result, plans: Sequence[_Plan], last_age: int) -> list[SeriesPoint]:
    """Cumulative payments at each birthday: what is paid once, plus whole months from the event."""
    flat_plans = [p for p in plans if not p.schedule]
    scheduled = [p for p in plans if p.schedule]
    once = sum((p.once for p in flat_plans), ZERO)
    monthly = sum((p.monthly for p in flat_plans), ZERO)
    born, event = case.date_of_birth, case.event_date
    offset = (born.year - event.year) * 12 + born.month - event.month - (1 if born.day < event.day else 0)
    points = []
    for age in range(result.age_at_event, last_age + 1):
        total = once + monthly * max(12 * age + offset, 0)
        if scheduled:
            horizon = max(add_years(born, age), event)
            for plan in scheduled:
                total += plan.received_by(horizon)
        points.append(SeriesPoint(age, total))
    return points


def scenario_of(label: str, case: Case, result: Result, rules: RulePack | None = None) -> Scenario:
    """One scenario's figures from its case and the result ``estimate`` gave for it."""
    rules = rules or default_rules()
    life_years = remaining_life_expectancy(rules, case.event_date, result.age_at_event)
    horizons = _Horizons(case, result, life_years)
    figures: list[BenefitFigures] = []
    plain_plans: list[_Plan] = []
    commuted_plans: list[_Plan] = []
    any_commutable = False
    for benefit in result.benefits:
        if not _has_amount(benefit):
            continue
        plain, commuted, values = _plans(benefit, case.event_date)
        plain_plans.append(plain)
        commuted_plans.append(commuted or plain)
        any_commutable = any_commutable or commuted is not None
        figures.append(
            BenefitFigures(
                code=benefit.code,
                title=benefit.title,
                totals=horizons.totals([plain]),
                totals_commuted=horizons.totals([commuted]) if commuted is not None else None,
                provisional=benefit.provisional,
                **values,
            )
        )
    last_age = max(70, math.ceil(horizons.life_age) if horizons.life_age is not None else 0)
    return Scenario(
        label=label,
        case=case,
        result=result,
        benefits=figures,
        life_expectancy_age=horizons.life_age,
        totals=horizons.totals(plain_plans),
        totals_commuted=horizons.totals(commuted_plans) if any_commutable else None,
        series=_series(case, result, plain_plans, last_age),
        series_commuted=_series(case, result, commuted_plans, last_age) if any_commutable else None,
    )


# ---------------------------------------------------------------------------------------------- differences


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value)  # money carries two places already; a percentage or an age as entered
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False) if value else "[]"
    return str(value)


_FIGURES = ("daily_rate", "monthly_amount", "paid_once", "lump_sum", "commutation", "commuted_daily_rate")
_FIGURES_MORE = ("monthly_if_commuted", "break_even_age", "provisional")


def _totals(flat: dict[str, str | None], prefix: str, totals: Totals | None) -> None:
    for key in ("by_60", "by_70", "by_life_expectancy"):
        flat[f"{prefix}.{key}"] = _text(getattr(totals, key)) if totals is not None else None


def flatten(scenario: Scenario) -> dict[str, str | None]:
    """Every comparable value of a scenario by its path (the paths of ``Comparison.differences``)."""
    flat: dict[str, str | None] = {}
    for key, value in scenario.case.model_dump(mode="json", exclude={"meta", "format", "version"}).items():
        flat[f"case.{key}"] = _text(value)
    result = scenario.result
    flat["result.provisional"] = _text(result.provisional)
    flat["result.average_assumed_monthly_wage"] = _text(result.average_assumed_monthly_wage)
    flat["result.not_payable"] = _text([n.code for n in result.not_payable])
    for figures in scenario.benefits:
        for key in _FIGURES + _FIGURES_MORE:
            flat[f"benefits.{figures.code}.{key}"] = _text(getattr(figures, key))
        _totals(flat, f"benefits.{figures.code}.totals", figures.totals)
        _totals(flat, f"benefits.{figures.code}.totals_commuted", figures.totals_commuted)
    _totals(flat, "totals", scenario.totals)
    _totals(flat, "totals_commuted", scenario.totals_commuted)
    flat["life_expectancy_age"] = _text(scenario.life_expectancy_age)
    return flat


def as_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison's figures as plain JSON data (money as two-decimal strings; results left out)."""

    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return _text(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    scenarios = []
    for s in comparison.scenarios:
        scenarios.append(
            {
                "label": s.label,
                "benefits": [plain(asdict(b)) for b in s.benefits],
                "life_expectancy_age": plain(s.life_expectancy_age),
                "totals": plain(asdict(s.totals)),
                "totals_commuted": plain(asdict(s.totals_commuted)) if s.totals_commuted else None,
                "series": plain(s.series),
                "series_commuted": plain(s.series_commuted),
            }
        )
    return {"scenarios": scenarios, "differences": [asdict(d) for d in comparison.differences]}


def differences(scenarios: Sequence[Scenario]) -> list[Difference]:
    flats = [flatten(s) for s in scenarios]
    paths: dict[str, None] = {}
    for flat in flats:
        paths.update(dict.fromkeys(flat))
    out = []
    for path in paths:
        values = [flat.get(path) for flat in flats]
        first = values[0]
        if any(v != first for v in values):
            out.append(Difference(path=path, values=values))
    return out


# -------------------------------------------------------------------------------------------------- the API


def compare_results(
    scenarios: Sequence[tuple[str, Case, Result]], rules: RulePack | None = None
) -> Comparison:
    """The comparison of scenarios whose results are already computed (the same as :func:`compare` gives)."""
    if not scenarios:
        raise ValueError("a comparison needs at least one scenario")
    if len(scenarios) > MAX_SCENARIOS:
        raise ValueError(f"at most {MAX_SCENARIOS} scenarios")
    rules = rules or default_rules()
    built = [scenario_of(label, case, result, rules) for label, case, result in scenarios]
    return Comparison(scenarios=built, differences=differences(built))


def compare(cases: Sequence[tuple[str, Case]], rules: RulePack | None = None) -> Comparison:
    """Run the law on each labelled case (validated) and compare the results: 1 to 4 scenarios."""
    rules = rules or default_rules()
    return compare_results([(label, case, estimate(case, rules)) for label, case in cases], rules)


def curve_percents() -> list[Decimal]:
    """0, 1, ..., 20, 20.01, 21, ..., 100: every whole percent and the first step above the 20% threshold."""
    points = [Decimal(p) for p in range(0, 101)]
    points.insert(21, Decimal("20.01"))
    return points


def pdb_curve(case: Case, rules: RulePack | None = None) -> list[CurvePoint]:
    """PDB monthly amount and lump sum at each loss of earning capacity for this claimant (the real law)."""
    rules = rules or default_rules()
    base = case.model_copy(update={"outcome": "injury", "injuries": []})
    points = []
    for lec in curve_percents():
        what_if = base.model_copy(update={"loss_of_earning_capacity_percent": lec})
        result = estimate(what_if, rules)
        pdb = result.benefit("PDB")
        monthly, lump = ZERO, ZERO
        once = result.benefit(
            "PDB_LUMP_SUM"
        )  # Act 838: a lump sum at every %, no monthly benefit, no 20% line
        if isinstance(once, DisablementLumpSum):
            lump = once.total
        if isinstance(pdb, PDB):
            monthly = pdb.monthly_amount
            if pdb.options:
                option = pdb.options[0]
                lump = option.lump_sum
                if option.kind == "lump_sum":
                    monthly = option.monthly_amount
        points.append(CurvePoint(lec, monthly, lump))
    return points


__all__ = [
    "BenefitFigures",
    "Comparison",
    "CurvePoint",
    "Difference",
    "Scenario",
    "SeriesPoint",
    "Totals",
    "as_dict",
    "compare",
    "compare_results",
    "curve_percents",
    "differences",
    "flatten",
    "pdb_curve",
    "remaining_life_expectancy",
    "scenario_of",
]
