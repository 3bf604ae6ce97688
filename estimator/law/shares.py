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


def allocate(whole: int, shares: Shares, divisor: int = 1) -> list[tuple[Group, int, int]]:
    """Each payee's part in sen of ``whole / divisor`` (sen): ``(group, amount, how many of its payees)`` with a
    group split in two where only its first payees receive the extra sen.  The parts sum to the exact total
    rounded half-up to the sen, which is never more than the whole."""
    den = shares.denominator * divisor
    exact_total = whole * sum(g.numerator * len(g.indexes) for g in shares.groups)
    target = (2 * exact_total + den) // (2 * den)
    floors = [divmod(whole * g.numerator, den) for g in shares.groups]
    missing = target - sum(f * len(g.indexes) for g, (f, _) in zip(shares.groups, floors, strict=True))
    extra: dict[int, set[int] | int] = {}  # group position -> payee indexes with an extra sen, or a count
    order = sorted(range(len(shares.groups)), key=lambda k: (-floors[k][1], shares.groups[k].indexes[0]))
    k = 0
    while missing > 0 and k < len(order):
        remainder = floors[order[k]][1]
        tied = [order[k]]
        while k + len(tied) < len(order) and floors[order[k + len(tied)]][1] == remainder:
            tied.append(order[k + len(tied)])
        k += len(tied)
        if len(tied) == 1:
            count = min(missing, len(shares.groups[tied[0]].indexes))
            extra[tied[0]] = count
            missing -= count
            continue
        # equal remainders in different groups: the payees listed first, whichever their group
        chosen = sorted(i for t in tied for i in shares.groups[t].indexes)[:missing]
        missing -= len(chosen)
        picked = set(chosen)
        for t in tied:
            extra[t] = {i for i in shares.groups[t].indexes if i in picked}
    out: list[tuple[Group, int, int]] = []
    for position, (group, (floor, _)) in enumerate(zip(shares.groups, floors, strict=True)):
        given = extra.get(position, 0)
        if isinstance(given, set):
            if given and len(given) < len(group.indexes):
                up = [i for i in group.indexes if i in given]
                down = [i for i in group.indexes if i not in given]
                out.append((Group(group.relationship, group.numerator, up), floor + 1, len(up)))
                out.append((Group(group.relationship, group.numerator, down), floor, len(down)))
            else:
                out.append((group, floor + (1 if given else 0), len(group.indexes)))
            continue
        if 0 < given < len(group.indexes):
            up_group = Group(group.relationship, group.numerator, group.indexes[:given])
            down_group = Group(group.relationship, group.numerator, group.indexes[given:])
            out.append((up_group, floor + 1, given))
            out.append((down_group, floor, len(group.indexes) - given))
        else:
            out.append((group, floor + (1 if given else 0), len(group.indexes)))
    return out


def schedule_groups(
    whole: int, shares: Shares, per_day: bool, monthly_days: int
) -> tuple[list[ScheduleGroup], int, int, list[tuple[Group, int]]]:
    """The period's groups, its daily and monthly totals in sen, and each (sub)group with the amount that
    explains it (the daily part when ``per_day``, else the monthly part)."""
    groups: list[ScheduleGroup] = []
    explained: list[tuple[Group, int]] = []
    daily_total = monthly_total = 0
    for group, amount, count in allocate(whole, shares):
        if per_day:
            daily, monthly = amount, amount * monthly_days
        else:
            monthly = amount
            daily = (2 * amount + monthly_days) // (2 * monthly_days)
        daily_total += daily * count
        monthly_total += monthly * count
        explained.append((group, amount))
        groups.append(
            ScheduleGroup.model_construct(
                relationship=group.relationship,
                share=shares.text(group),
                daily_rate=from_sen(daily),
                monthly_amount=from_sen(monthly),
                indexes=group.indexes,
            )
        )
    return groups, daily_total, monthly_total, explained
