"""Sharing a whole amount among payees by relationship: integer shares and the largest-remainder rounding.

A period's payees fall into relationship groups (the widow(er)s, the children, ...); every payee of a group has the
same share.  Shares are integers over one common denominator (no ``Fraction`` in the loop), money is integer sen
inside the loop and ``Decimal`` in the records, and the work is per group, not per payee, except for the lists of
payee indexes themselves.

Rounding (docs/decisions.md 7): the total paid in a period is the exact total rounded to the sen (half-up), never
more than the whole; each payee gets the exact part rounded down, and the sen still missing go one at a time to the
largest remainders, ties to the payee listed first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from math import gcd, lcm

from estimator.model.result import ScheduleGroup

HUNDRED = 100


@dataclass(slots=True)
class Group:
    """The payees of one relationship in a period, each with ``numerator / denominator`` of the whole."""

    relationship: str
    numerator: int
    indexes: list[int]  # in the order listed


@dataclass(slots=True)
class Shares:
    groups: list[Group]
    denominator: int
    scaled: bool  # the wanted shares passed the whole and were scaled down proportionally

    def text(self, group: Group) -> str:
        g = gcd(group.numerator, self.denominator)
        return f"{group.numerator // g}/{self.denominator // g}"

    def total_text(self) -> str:
        total = sum(g.numerator * len(g.indexes) for g in self.groups)
        g = gcd(total, self.denominator) or 1
        return f"{total // g}/{self.denominator // g}"

    def percent(self, group: Group) -> Decimal:
        """Each payee's share in per cent, to two places (half-up)."""
        hundredths = (group.numerator * HUNDRED * HUNDRED * 2 + self.denominator) // (2 * self.denominator)
        return Decimal(hundredths).scaleb(-2)


def common_shares(wanted: list[tuple[str, int, int, list[int]]]) -> Shares:
    """Each group's share (``relationship``, each payee's share as numerator and denominator, payee indexes) over
    one common denominator, scaled down proportionally when together they exceed the whole."""
    denominator = lcm(*(d for _, _, d, _ in wanted)) if wanted else 1
    groups = [Group(rel, n * (denominator // d), indexes) for rel, n, d, indexes in wanted]
    total = sum(g.numerator * len(g.indexes) for g in groups)
    if total > denominator:
        return Shares(groups, total, True)
    return Shares(groups, denominator, False)


def to_sen(amount: Decimal) -> int:
    """A money figure already rounded to the sen, as an integer number of sen."""
    return int(amount.scaleb(2))


def from_sen(sen: int) -> Decimal:
    return Decimal(sen).scaleb(-2)


def allocate(whole: int, shares: Shares, divisor: int = 1) -> list[tuple[int, set[int]]]:
    """Each group's part in sen of ``whole / divisor`` (sen), rounded down, and the payees of the group who
    receive one sen more.  The parts sum to the exact total rounded half-up to the sen, never more than the
    whole; the sen missing go to the largest remainders, ties to the payee listed first."""
    den = shares.denominator * divisor
    groups = shares.groups
    exact_total = whole * sum(g.numerator * len(g.indexes) for g in groups)
    target = (2 * exact_total + den) // (2 * den)
    floors = [divmod(whole * g.numerator, den) for g in groups]
    missing = target - sum(f * len(g.indexes) for g, (f, _) in zip(groups, floors, strict=True))
    up: list[set[int]] = [set() for _ in groups]
    order = sorted(range(len(groups)), key=lambda k: (-floors[k][1], groups[k].indexes[0]))
    k = 0
    while missing > 0 and k < len(order):
        tied = [order[k]]
        while k + len(tied) < len(order) and floors[order[k + len(tied)]][1] == floors[order[k]][1]:
            tied.append(order[k + len(tied)])
        k += len(tied)
        # within a group (and across groups with the same remainder) the payees listed first
        if len(tied) == 1:
            chosen = groups[tied[0]].indexes[:missing]
        else:
            chosen = sorted(i for t in tied for i in groups[t].indexes)[:missing]
        missing -= len(chosen)
        picked = set(chosen)
        for t in tied:
            up[t] = {i for i in groups[t].indexes if i in picked}
    return [(floor, extra) for (floor, _), extra in zip(floors, up, strict=True)]


def _split(indexes: list[int], *ups: set[int]) -> list[tuple[tuple[bool, ...], list[int]]]:
    """The payees of a group by which extra sen they receive, in the order listed."""
    parts: dict[tuple[bool, ...], list[int]] = {}
    for i in indexes:
        parts.setdefault(tuple(i in u for u in ups), []).append(i)
    return list(parts.items())


def schedule_groups(
    whole: int, shares: Shares, per_day: bool, monthly_days: int
) -> tuple[list[ScheduleGroup], int, int, list[tuple[Group, int]]]:
    """The period's groups, its daily and monthly totals in sen, and each (sub)group with the amount that
    explains it (the daily part when ``per_day``, else the monthly part).

    Per day: the daily parts are allocated and a month is ``monthly_days`` of them.  Per month: the monthly
    parts are allocated, and the daily figures (a month / ``monthly_days``) are allocated the same way, so
    neither total passes its whole."""
    first = allocate(whole, shares)
    daily_parts = first if per_day else allocate(whole, shares, monthly_days)
    groups: list[ScheduleGroup] = []
    explained: list[tuple[Group, int]] = []
    daily_total = monthly_total = 0
    for group, (floor, up), (day_floor, day_up) in zip(shares.groups, first, daily_parts, strict=True):
        if not up and not day_up:
            pieces = [((False, False), group.indexes)]
        else:
            pieces = [((a, b), ix) for (a, b), ix in _split(group.indexes, up, day_up)]
        for (more, day_more), indexes in pieces:
            amount = floor + more
            if per_day:
                daily, monthly = amount, amount * monthly_days
            else:
                daily, monthly = day_floor + day_more, amount
            count = len(indexes)
            daily_total += daily * count
            monthly_total += monthly * count
            sub = group if len(indexes) == len(group.indexes) else Group(group.relationship, group.numerator, indexes)
            explained.append((sub, amount))
            groups.append(
                ScheduleGroup.model_construct(
                    relationship=group.relationship,
                    share=shares.text(group),
                    daily_rate=from_sen(daily),
                    monthly_amount=from_sen(monthly),
                    indexes=indexes,
                )
            )
    return groups, daily_total, monthly_total, explained
