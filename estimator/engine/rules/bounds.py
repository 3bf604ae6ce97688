"""Plausibility bounds of every parameter a rule pack may hold.

This table is part of the program, not of the office-replaceable pack: an office pack cannot loosen it.  A value
outside its bounds is refused at load with the file and key named, so nothing the loader accepts can crash or hang
an estimate (a window of 1e9 months, a divisor of 0, a minimum of 1E+30 RM a day are all refused here).  The
bounds are also plausible for the law: a benefit rate under 40% of the wage (the lowest any Act has set is Lindung
24/7's first phase, 48%) or a funeral benefit under RM500 is a typing error, not a law, and is refused even when the
office's own acceptance cases do not exercise it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from estimator.engine.rules.model import RulePackError

TABLE_KINDS = ("band_table", "eis_table", "lindung_table", "injury_schedule", "commutation_table")


@dataclass(frozen=True)
class Bound:
    kind: str  # decimal | percent | money | int | share | bool | date | text | one of TABLE_KINDS
    unit: str
    low: Any = None  # inclusive; None: no bound of that side beyond the kind's own
    high: Any = None
    choices: tuple[str, ...] = ()  # a text value: the words the law knows (empty: any text)

    def describe(self) -> str:
        if self.choices:
            return f"{self.kind} one of {', '.join(self.choices)}"
        if self.low is None and self.high is None:
            return self.kind
        return f"{self.kind} {self.low}..{self.high} {self.unit}".strip()


def _d(text: str) -> Decimal:
    return Decimal(text)


ONE = Fraction(1)
# how the dependants' benefit is shared with no widow/widower or child (law/dependants.py), and how long a widow's
# or widower's share lasts
OTHERS_TABLES = ("act4_table", "one_group_at_a_time")
SPOUSE_ENDS = ("remarriage_as_dated", "during_life")

PARAMETER_BOUNDS: dict[str, Bound] = {
    # wages
    "wages.band_table": Bound("band_table", "table"),
    "wages.window_months": Bound("int", "months", 1, 24),
    "wages.days_divisor": Bound("int", "days", 28, 31),
    # employment injury
    "ei.tdb_rate_percent": Bound("percent", "percent", _d("40"), _d("100")),
    "ei.ptd_rate_percent": Bound("percent", "percent", _d("40"), _d("100")),
    "ei.min_daily_rate": Bound("money", "RM/day", _d("0"), _d("300")),
    "ei.min_daily_rate_applies": Bound("bool", ""),
    "ei.pdb_minimum_before_lec": Bound("bool", ""),
    "ei.tdb_min_mc_days": Bound("int", "days", 1, 30),
    "ei.claim_period_months": Bound("int", "months", 1, 120),
    "ei.lump_sum_max_lec_percent": Bound("percent", "percent", _d("0"), _d("100")),
    "ei.commutable_fraction": Bound("share", "share", Fraction(0), ONE),
    "ei.commutation_table": Bound("commutation_table", "table"),
    "ei.monthly_days": Bound("int", "days", 28, 31),
    "ei.caa_monthly": Bound("money", "RM/month", _d("100"), _d("5000")),
    "ei.funeral_max": Bound("money", "RM", _d("500"), _d("20000")),
    "ei.injury_schedule": Bound("injury_schedule", "table"),
    # dependants
    "dependants.share_spouse": Bound("share", "share", Fraction(0), ONE),
    "dependants.share_child": Bound("share", "share", Fraction(0), ONE),
    "dependants.share_children_no_spouse": Bound("share", "share", Fraction(0), ONE),
    "dependants.share_parents": Bound("share", "share", Fraction(0), ONE),
    "dependants.share_siblings": Bound("share", "share", Fraction(0), ONE),
    "dependants.share_grandparents": Bound("share", "share", Fraction(0), ONE),
    "dependants.child_age_limit": Bound("int", "years", 15, 30),
    "dependants.sibling_age_limit": Bound("int", "years", 15, 30),
    "dependants.higher_education_end_age": Bound("int", "years", 18, 35),
    "dependants.spouse_paid_after_remarriage": Bound("bool", ""),
    "dependants.spouse_end": Bound("text", "", choices=SPOUSE_ENDS),
    "dependants.others_table": Bound("text", "", choices=OTHERS_TABLES),
    # invalidity
    "invalidity.age_limit_first_contribution": Bound("int", "years", 40, 70),
    "invalidity.age_limit_notice": Bound("int", "years", 40, 75),
    "invalidity.qualifying_window_months": Bound("int", "months", 1, 240),
    "invalidity.qualifying_window_contributions": Bound("int", "contributions", 1, 240),
    "invalidity.full_fraction": Bound("share", "share", Fraction(0), ONE),
    "invalidity.reduced_fraction": Bound("share", "share", Fraction(0), ONE),
    "invalidity.min_contributions": Bound("int", "contributions", 1, 240),
    "invalidity.base_rate_percent": Bound("percent", "percent", _d("1"), _d("100")),
    "invalidity.rate_free_contributions": Bound("int", "contributions", 0, 600),
    "invalidity.rate_step_contributions": Bound("int", "contributions", 1, 120),
    "invalidity.rate_step_percent": Bound("percent", "percent", _d("0"), _d("10")),
    "invalidity.max_rate_percent": Bound("percent", "percent", _d("1"), _d("100")),
    "invalidity.reduced_rate_percent": Bound("percent", "percent", _d("1"), _d("100")),
    "invalidity.survivors_reduced_rate_percent": Bound("percent", "percent", _d("1"), _d("100")),
    "invalidity.average_wage_contributions": Bound("int", "contributions", 1, 120),
    "invalidity.min_average_monthly_wage": Bound("money", "RM/month", _d("0"), _d("20000")),
    "invalidity.min_pension": Bound("money", "RM/month", _d("0"), _d("10000")),
    "invalidity.grant_interest_percent": Bound("percent", "percent a year", _d("0"), _d("20")),
    "invalidity.caa_percent_of_pension": Bound("percent", "percent", _d("0"), _d("100")),
    # contributions
    "contributions.eis_table": Bound("eis_table", "table"),
    "contributions.eis_start": Bound("date", "date", date(2017, 1, 1), date(2030, 12, 31)),
    "contributions.eis_min_age": Bound("int", "years", 14, 25),
    "contributions.eis_max_age": Bound("int", "years", 50, 75),
    "contributions.eis_late_entry_age": Bound("int", "years", 40, 75),
    "contributions.eis_foreign_covered": Bound("bool", ""),
    "contributions.foreign_invalidity_cover": Bound("bool", ""),
    "contributions.lindung_table": Bound("lindung_table", "table"),
    # Lindung 24/7
    "lindung.start_date": Bound("date", "date", date(2020, 1, 1), date(2040, 12, 31)),
    "lindung.phase": Bound("int", "phase", 1, 3),
    "lindung.tdb_rate_percent": Bound("percent", "percent", _d("40"), _d("100")),
    "lindung.ptd_rate_percent": Bound("percent", "percent", _d("40"), _d("100")),
    "lindung.min_daily_rate_applies": Bound("bool", ""),
    # Self-Employment Social Security Scheme (Act 789)
    "sksps.start_date": Bound("date", "date", date(2010, 1, 1), date(2040, 12, 31)),
    **{
        f"sksps.plan{n}_{what}": Bound("money", "RM/month", _d("0"), high)
        for n in range(1, 5)
        for what, high in (("insured_monthly_earning", _d("20000")), ("monthly_contribution", _d("1000")))
    },
    "sksps.coverage_months": Bound("int", "months", 1, 24),
    "sksps.days_divisor": Bound("int", "days", 28, 31),
    "sksps.tdb_rate_percent": Bound("percent", "percent", _d("40"), _d("100")),
    "sksps.ptd_rate_percent": Bound("percent", "percent", _d("40"), _d("100")),
    "sksps.min_daily_rate": Bound("money", "RM/day", _d("0"), _d("300")),
    "sksps.tdb_min_mc_days": Bound("int", "days", 1, 30),
    "sksps.lump_sum_max_lec_percent": Bound("percent", "percent", _d("0"), _d("100")),
    "sksps.commutable_fraction": Bound("share", "share", Fraction(0), ONE),
    "sksps.caa_monthly": Bound("money", "RM/month", _d("100"), _d("5000")),
    "sksps.funeral_max": Bound("money", "RM", _d("500"), _d("20000")),
    "sksps.dependants_share_siblings": Bound("share", "share", Fraction(0), ONE),
    "sksps.dependants_share_children_no_spouse": Bound("share", "share", Fraction(0), ONE),
    "sksps.dependants_spouse_end": Bound("text", "", choices=SPOUSE_ENDS),
    "sksps.dependants_others_table": Bound("text", "", choices=OTHERS_TABLES),
    "sksps.claim_limit_months": Bound("int", "months", 1, 240),
    "sksps.funeral_claim_months": Bound("int", "months", 1, 60),
    # Housewives' Social Security Scheme (Act 838)
    "sksr.start_date": Bound("date", "date", date(2015, 1, 1), date(2040, 12, 31)),
    "sksr.presumed_monthly_income": Bound("money", "RM/month", _d("0"), _d("10000")),
    "sksr.yearly_contribution": Bound("money", "RM/year", _d("0"), _d("5000")),
    "sksr.contribution_period_months": Bound("int", "months", 1, 24),
    "sksr.invalidity_coverage_months": Bound("int", "months", 1, 60),
    "sksr.end_age": Bound("int", "years", 40, 75),
    "sksr.pdb_max_sum": Bound("money", "RM", _d("0"), _d("1000000")),
    "sksr.morbid_allowance_percent": Bound("percent", "percent", _d("1"), _d("100")),
    "sksr.survivors_percent": Bound("percent", "percent", _d("1"), _d("100")),
    "sksr.share_widower": Bound("share", "share", Fraction(0), ONE),
    "sksr.share_child": Bound("share", "share", Fraction(0), ONE),
    "sksr.share_children_no_widower": Bound("share", "share", Fraction(0), ONE),
    "sksr.share_parents": Bound("share", "share", Fraction(0), ONE),
    "sksr.widower_end_age": Bound("int", "years", 40, 75),
    "sksr.parent_end_age": Bound("int", "years", 40, 75),
    "sksr.child_age_limit": Bound("int", "years", 15, 30),
    "sksr.disabled_child_end_age": Bound("int", "years", 40, 75),
    "sksr.funeral_amount": Bound("money", "RM", _d("500"), _d("20000")),
    "sksr.caa_monthly": Bound("money", "RM/month", _d("100"), _d("5000")),
    "sksr.esrf_aid_monthly": Bound("money", "RM/month", _d("0"), _d("5000")),
    "sksr.rehabilitation_max": Bound("money", "RM", _d("0"), _d("1000000")),
    "sksr.dialysis_monthly": Bound("money", "RM/month", _d("0"), _d("5000")),
    "sksr.injury_schedule": Bound("injury_schedule", "table"),
    "sksr.injury_claim_months": Bound("int", "months", 1, 60),
    "sksr.invalidity_claim_months": Bound("int", "months", 1, 120),
}

MAX_VALUES_PER_PARAMETER = 100

# tables
MAX_TABLE_ROWS = 2000
MAX_BAND_MONEY = Decimal("100000")  # no band edge or assumed wage above RM100,000 a month
MAX_SOCSO_TOTAL_SHARE = Decimal("0.05")  # SOCSO category 1 total is 2.25%: never more than 5% of the wage
MAX_EIS_TOTAL_SHARE = Decimal("0.01")  # EIS total is 0.4%
MAX_LINDUNG_SHARE = Decimal("0.03")  # Lindung 24/7 employee share is at most 1.25%
MIN_COMMUTATION_AGE, MAX_COMMUTATION_AGE = 0, 110
# RM1 a day for life has a present value of at most 365.25 x 40 years (1.0% a year over ~85 years)
MIN_COMMUTATION_FACTOR, MAX_COMMUTATION_FACTOR = Decimal("1"), Decimal("15000")
MIN_INTEREST_PERCENT, MAX_INTEREST_PERCENT = Decimal("0"), Decimal("20")


def bound_for(file: str, key: str) -> Bound:
    try:
        return PARAMETER_BOUNDS[key]
    except KeyError:
        raise RulePackError(
            file, key, "not a parameter Faedah knows (it has no plausibility bounds, so it is refused)"
        ) from None


def check_kind(file: str, key: str, declared: str) -> Bound:
    bound = bound_for(file, key)
    if declared != bound.kind:
        raise RulePackError(file, key, f"kind must be {bound.kind!r}, got {declared!r}")
    return bound


def check_value(file: str, key: str, bound: Bound, value: Any) -> None:
    """Refuse a scalar value outside its bounds (tables are checked by their loaders)."""
    if bound.choices and value not in bound.choices:
        raise RulePackError(file, key, f"{value!r} is not one of {', '.join(bound.choices)}")
    if bound.low is None and bound.high is None:
        return
    if (bound.low is not None and value < bound.low) or (bound.high is not None and value > bound.high):
        raise RulePackError(
            file,
            key,
            f"{value} is outside the plausible range {bound.low}..{bound.high} {bound.unit}".rstrip(),
        )
    if bound.kind == "share" and value == 0:
        raise RulePackError(file, key, "a share must be above 0")
