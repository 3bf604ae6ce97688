"""Sharing a whole amount among payees by relationship: integer shares and the largest-remainder rounding.

A period's payees fall into relationship groups (the widow(er)s, the children, ...); every payee of a group has the
same share.  Shares are integers over one common denominator (no ``Fraction`` in the loop), money is integer sen
inside the loop and ``Decimal`` in the records, and the work is per group, not per payee, except for the lists of
payee indexes themselves.

Rounding (docs/decisions.md 3): the total paid in a period is the exact total rounded to the sen (half-up), never
more than the whole; each payee gets the exact part rounded down, and the sen still missing go one at a time to the
largest remainders, ties to the payee listed first.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal
from math import gcd, lcm

from estimator.model.result import ScheduleGroup

HUNDRED = 100
_SHARE_TEXTS: dict[tuple[int, int], str] = {}  # (numerator, denominator) -> "n/d" in lowest terms


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
        key = (group.numerator, self.denominator)
        shown = _SHARE_TEXTS.get(key)
        if shown is None:
            g = gcd(*key)
            if len(_SHARE_TEXTS) > 4096:
                _SHARE_TEXTS.clear()
            shown = _SHARE_TEXTS[key] = f"{key[0] // g}/{key[1] // g}"
        return shown

    def percent(self, group: Group) -> Decimal:
        """Each payee's share in per cent, to two places (half-up)."""
        hundredths = (group.numerator * HUNDRED * HUNDRED * 2 + self.denominator) // (2 * self.denominator)
        return Decimal(hundredths).scaleb(-2)


def common_shares(wanted: list[tuple[str, int, int, list[int]]]) -> Shares:
    """Each group's share (``relationship``, each payee's share as numerator and denominator, payee indexes) over
    one common denominator, scaled down proportionally when together they exceed the whole."""
    denominator = lcm(*[d for _, _, d, _ in wanted]) if wanted else 1
    groups: list[Group] = []
    total = 0
    for rel, n, d, indexes in wanted:
        numerator = n * (denominator // d)
        groups.append(Group(rel, numerator, indexes))
        total += numerator * len(indexes)
    if total > denominator:
        return Shares(groups, total, True)
    return Shares(groups, denominator, False)


def to_sen(amount: Decimal) -> int:
    """A money figure already rounded to the sen, as an integer number of sen."""
    return int(amount.scaleb(2))


# the amounts already made (a schedule repeats its parts period after period)
_FROM_SEN: dict[int, Decimal] = {}


def from_sen(sen: int) -> Decimal:
    found = _FROM_SEN.get(sen)
    if found is None:
        if len(_FROM_SEN) > 4096:
            _FROM_SEN.clear()
        found = _FROM_SEN[sen] = Decimal(sen).scaleb(-2)
    return found


def allocate(whole: int, shares: Shares, divisor: int = 1) -> list[tuple[int, int | set[int]]]:
    """Each group's part in sen of ``whole / divisor`` (sen), rounded down, and who of the group receives one
    sen more: the first ``n`` payees listed (an int), or, where groups tie, a set of payee indexes.  The parts sum
    to the exact total rounded half-up to the sen, never more than the whole; the sen missing go to the largest
    remainders, ties to the payee listed first."""
    den = shares.denominator * divisor
    groups = shares.groups
    sizes = [len(g.indexes) for g in groups]
    floors: list[int] = []
    remainders: list[int] = []
    exact_total = given_total = 0
    for g, size in zip(groups, sizes, strict=True):
        floor, remainder = divmod(whole * g.numerator, den)
        floors.append(floor)
        remainders.append(remainder)
        exact_total += g.numerator * size
        given_total += floor * size
    missing = (2 * whole * exact_total + den) // (2 * den) - given_total
    up: list[int | set[int]] = [0] * len(groups)
    if missing <= 0:
        return list(zip(floors, up, strict=True))
    if len(groups) == 1:  # (the payees listed first)
        return [(floors[0], min(missing, sizes[0]))]
    order = sorted(range(len(groups)), key=lambda k: (-remainders[k], groups[k].indexes[0]))
    k = 0
    while missing > 0 and k < len(order):
        tied = [order[k]]
        while k + len(tied) < len(order) and remainders[order[k + len(tied)]] == remainders[order[k]]:
            tied.append(order[k + len(tied)])
        k += len(tied)
        if len(tied) == 1:  # the payees of the group listed first
            up[tied[0]] = given = min(missing, sizes[tied[0]])
            missing -= given
            continue
        # groups with the same remainder: the payees listed first, whichever their group
        picked = set(sorted(i for t in tied for i in groups[t].indexes)[:missing])
        missing -= len(picked)
        for t in tied:
            up[t] = {i for i in groups[t].indexes if i in picked}
    return list(zip(floors, up, strict=True))


def _pieces(
    indexes: list[int], first: int | set[int], second: int | set[int]
) -> list[tuple[int, int, list[int]]]:
    """The payees of a group by the extra sen they receive (0 or 1 in each allocation), in the order listed."""
    if isinstance(first, int) and isinstance(second, int):
        if first == second:  # (a daily schedule: one allocation)
            if first == 0:
                return [(0, 0, indexes)]
            if first >= len(indexes):
                return [(1, 1, indexes)]
            return [(1, 1, indexes[:first]), (0, 0, indexes[first:])]
        cuts = sorted({0, first, second, len(indexes)})
        return [
            (int(lo < first), int(lo < second), indexes[lo:hi])
            for lo, hi in itertools.pairwise(cuts)
            if hi > lo
        ]
    parts: dict[tuple[int, int], list[int]] = {}
    for position, i in enumerate(indexes):
        key = tuple(int(position < u) if isinstance(u, int) else int(i in u) for u in (first, second))
        parts.setdefault((key[0], key[1]), []).append(i)
    return [(a, b, ix) for (a, b), ix in parts.items()]


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
    make = ScheduleGroup.of
    for group, (floor, up), (day_floor, day_up) in zip(shares.groups, first, daily_parts, strict=True):
        share = shares.text(group)
        everyone = group.indexes
        pieces = [(0, 0, everyone)] if up == 0 and day_up == 0 else _pieces(everyone, up, day_up)
        for more, day_more, indexes in pieces:
            amount = floor + more
            if per_day:
                daily, monthly = amount, amount * monthly_days
            else:
                daily, monthly = day_floor + day_more, amount
            count = len(indexes)
            daily_total += daily * count
            monthly_total += monthly * count
            explained.append(
                (
                    group if indexes is everyone else Group(group.relationship, group.numerator, indexes),
                    amount,
                )
            )
            groups.append(
                make(
                    {
                        "relationship": group.relationship,
                        "share": share,
                        "daily_rate": from_sen(daily),
                        "monthly_amount": from_sen(monthly),
                        "indexes": indexes,
                    }
                )
            )
    return groups, daily_total, monthly_total, explained
