"""The schedule of injuries (Act 4 Second Schedule): Part I is permanent total disablement, Part II a listed %."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from estimator.engine.money import ZERO
from estimator.engine.rules import Injury, RulePack

HUNDRED = Decimal(100)


def injury_list(rules: RulePack, on: date | None = None) -> list[Injury]:
    """The scheduled injuries in force on ``on`` (default: the latest), for a form's list (not a law's read)."""
    param = rules.param("ei.injury_schedule")
    table = param.at(on).value if on else param.values[-1].value
    return list(table.values())


def combine_injuries(rules: RulePack, ids: list[str], on: date | None = None) -> tuple[Decimal, bool]:
    """Combined % of several scheduled injuries, for a form (a law reads the schedule through its step)."""
    return combine({i.id: i for i in injury_list(rules, on)}, ids)


def combine(schedule: Mapping[str, Injury], ids: list[str]) -> tuple[Decimal, bool]:
    """Combined % of several scheduled injuries (at most 100); ``True`` when it is a permanent total disablement."""
    total = sum((schedule[i].percent for i in ids if i in schedule), ZERO)
    return min(total, HUNDRED), total >= HUNDRED
