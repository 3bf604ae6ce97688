"""The benefit records of the Housewives' Social Security Scheme (Act 838) that no other scheme pays."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from estimator.model.record import Money, Number
from estimator.model.result import BenefitRecord, Payee, SchedulePeriod


class DisablementLumpSum(BenefitRecord):
    """Act 838 s.25-26: loss of capacity % x the Second Schedule's sum, once per contribution period."""

    code: Literal["PDB_LUMP_SUM"] = "PDB_LUMP_SUM"
    amounts: ClassVar[tuple[str, ...]] = ("total",)
    loss_of_earning_capacity_percent: Number
    maximum: Money
    total: Money


class MorbidAllowance(BenefitRecord):
    """Act 838 s.31-35: a monthly allowance for invalidity, a share of the presumed monthly income."""

    code: Literal["MORBID_ALLOWANCE"] = "MORBID_ALLOWANCE"
    amounts: ClassVar[tuple[str, ...]] = ("monthly_amount",)
    presumed_monthly_income: Money
    rate_percent: Number
    monthly_amount: Money
    starts_on: date
    ends_on: date  # the 55th birthday (s.34(1)(b)), unless the invalidity ceases first


class HousewifeSurvivors(BenefitRecord):
    """Act 838 s.36 and the Fourth Schedule: half the presumed monthly income shared by the survivors."""

    code: Literal["SURVIVORS"] = "SURVIVORS"
    amounts: ClassVar[tuple[str, ...]] = ("monthly_amount",)
    presumed_monthly_income: Money
    rate_percent: Number
    monthly_amount: Money  # the whole survivors' pension (shared)
    payees: list[Payee]
    schedule: list[SchedulePeriod]
