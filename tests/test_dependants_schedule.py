"""The dependants' schedule: periods x relationship groups, largest-remainder rounding (docs/decisions.md 3), the
Act 4 table without a widow or child (decision 2), remarriage before and after 1 May 2005, the scheme's own labels.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estimator.law.shares import allocate, common_shares, schedule_groups
from tests.core_helpers import benefit, case, run

FEW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RELS = ("spouse", "child", "parent", "sibling", "grandparent")


@st.composite
def share_groups(draw: st.DrawFn) -> list[tuple[str, int, int, list[int]]]:
    """Up to five relationship groups with any share and 1-12 payees each, indexes in a shuffled listing order."""
    sizes = draw(st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=5))
    listing = draw(st.permutations(range(sum(sizes))))
    out, at = [], 0
    for k, size in enumerate(sizes):
        num = draw(st.integers(min_value=1, max_value=9))
        den = draw(st.integers(min_value=num, max_value=40))
        out.append((RELS[k], num, den, sorted(listing[at : at + size])))
        at += size
    return out


@FEW
@given(wanted=share_groups(), whole=st.integers(min_value=0, max_value=50_000), per_day=st.booleans())
def test_rounded_parts_never_pass_the_whole(
    wanted: list[tuple[str, int, int, list[int]]], whole: int, per_day: bool
) -> None:
    shares = common_shares(wanted)
    exact = [Fraction(whole * g.numerator, shares.denominator) for g in shares.groups]
    total_share = sum(
        (Fraction(g.numerator, shares.denominator) * len(g.indexes) for g in shares.groups), Fraction(0)
    )
    assert total_share <= 1
    parts: dict[int, int] = {}
    for group, (floor, up), amount in zip(shares.groups, allocate(whole, shares), exact, strict=True):
        assert floor == int(amount)
        chosen = set(group.indexes[:up]) if isinstance(up, int) else up
        for i in group.indexes:
            parts[i] = floor + (i in chosen)
    assert sorted(parts) == sorted(i for g in shares.groups for i in g.indexes)
    # the parts make the exact total rounded half-up: never more than the whole, the whole itself when the
    # shares are all of it
    assert sum(parts.values()) == int(whole * total_share + Fraction(1, 2))
    assert sum(parts.values()) <= whole
    if total_share == 1:
        assert sum(parts.values()) == whole
    # each part is its exact amount rounded down or up, never further
    for group, amount in zip(shares.groups, exact, strict=True):
        assert all(int(amount) <= parts[i] <= int(amount) + 1 for i in group.indexes)
    # ties go to the payee listed first: a payee with an extra sen is never listed after one without it
    # whose remainder is the same or larger
    rest = {i: (exact[k] - int(exact[k])) for k, g in enumerate(shares.groups) for i in g.indexes}
    floor_of = {i: int(exact[k]) for k, g in enumerate(shares.groups) for i in g.indexes}
    for i, part in parts.items():
        if part > floor_of[i]:
            for j, other in parts.items():
                if other == floor_of[j]:
                    assert rest[j] < rest[i] or (rest[j] == rest[i] and j > i)
    # the records: groups per relationship (at most two pieces each), totals the sum of their parts
    groups, daily_total, monthly_total, _ = schedule_groups(whole, shares, per_day, 30)
    assert len(groups) <= 4 * len(shares.groups)
    assert daily_total == sum(int(g.daily_rate * 100) * len(g.indexes) for g in groups)
    assert monthly_total == sum(int(g.monthly_amount * 100) * len(g.indexes) for g in groups)
    if per_day:
        assert daily_total <= whole and monthly_total == daily_total * 30
    else:
        assert monthly_total <= whole and daily_total * 30 <= whole + 15


def test_ties_between_groups_go_to_the_payee_listed_first() -> None:
    # two groups with the same share: 3 payees x 1/3 of 1.00 each = 0.333..., one sen missing
    shares = common_shares([("child", 1, 3, [2]), ("parent", 1, 3, [0, 1])])
    parts = allocate(100, shares)
    assert parts == [(33, set()), (33, {0})]


@st.composite
def dependant(draw: st.DrawFn) -> dict[str, Any]:
    rel = draw(st.sampled_from(RELS))
    lowest, highest = {
        "spouse": (date(1950, 1, 1), date(2000, 1, 1)),
        "parent": (date(1920, 1, 1), date(1965, 1, 1)),
        "grandparent": (date(1920, 1, 1), date(1950, 1, 1)),
    }.get(rel, (date(1999, 1, 1), date(2019, 5, 31)))
    born = draw(st.dates(min_value=lowest, max_value=highest))
    return {"relationship": rel, "date_of_birth": born.isoformat(), "disabled": draw(st.booleans())}


def _plausible(deps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most two parents and four grandparents (the case is refused otherwise)."""
    parents = [d for d in deps if d["relationship"] == "parent"][:2]
    grandparents = [d for d in deps if d["relationship"] == "grandparent"][:4]
    return [d for d in deps if d["relationship"] not in ("parent", "grandparent")] + parents + grandparents


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    deps=st.lists(dependant(), min_size=1, max_size=30),
    wage=st.decimals(min_value=Decimal("100"), max_value=Decimal("20000"), places=2),
    scheme_death=st.sampled_from(["2019-06-01", "2025-03-10"]),
)
def test_each_period_total_stays_within_the_rate_and_the_cap(
    deps: list[dict[str, Any]], wage: Decimal, scheme_death: str
) -> None:
    r = run(
        case(
            event=scheme_death,
            wage=f"{wage:.2f}",
            outcome="death",
            date_of_birth="1981-01-01",
            dependants=_plausible(deps),
        )
    )
    b = benefit(r, "DEPENDANTS")
    if b is None:
        return
    cap = Decimal("178.50") if scheme_death >= "2024-10-01" else Decimal("148.50")  # 90% of the top AW / 30
    assert b.daily_rate <= cap
    previous_end = None
    for period in b.schedule:
        assert period.daily_total <= b.daily_rate
        assert period.monthly_total == period.daily_total * 30
        assert period.daily_total == sum(p.daily_rate for p in period.payees)
        indexes = [p.index for p in period.payees]
        assert indexes == sorted(set(indexes))
        # periods x relationships: at most two pieces (an extra sen or not) per relationship
        assert len(period.groups) <= 2 * len({g.relationship for g in period.groups})
        if previous_end is not None:
            assert period.start == previous_end + timedelta(days=1)
        previous_end = period.end
    assert b.monthly_amount == b.schedule[0].monthly_total


def _death(deps: list[dict[str, Any]], event: str = "2025-03-10", **extra: Any) -> Any:
    return run(
        case(
            event=event, wage="3000.00", outcome="death", date_of_birth="1985-03-01", dependants=deps, **extra
        )
    )


def test_one_explanation_step_with_a_line_per_period_and_relationship() -> None:
    deps = [{"relationship": "spouse", "date_of_birth": "1987-01-01"}]
    deps += [
        {"relationship": "child", "date_of_birth": f"{2005 + k % 19}-0{1 + k % 9}-1{k % 9}"}
        for k in range(29)
    ]
    r = _death(deps)
    b = benefit(r, "DEPENDANTS")
    steps = [s for s in r.steps if s.id.startswith("dependants.schedule")]
    assert [s.id for s in steps] == ["dependants.schedule"]
    assert not [s for s in r.steps if ".period." in s.id]
    lines = steps[0].substituted["en"].split("\n")
    assert len(lines) == len(b.schedule)
    assert "× child: 2/" in lines[0] and "1 × widow/widower" in lines[0]
    assert all(len(p.groups) <= 4 for p in b.schedule)
    assert "dependants.schedule" in b.step_ids


def test_widow_remarried_before_1_may_2005_loses_the_share_and_the_children_take_three_fifths() -> None:
    deps = [
        {"relationship": "spouse", "date_of_birth": "1972-01-01", "remarried_on": "2005-04-30"},
        {"relationship": "child", "date_of_birth": "1995-01-01"},
    ]
    b = benefit(_death(deps, event="2004-07-15"), "DEPENDANTS")
    assert b.payees[0].ends_on == date(2005, 4, 29)
    assert [g.share for g in b.schedule[1].groups] == ["3/5"]
    on_the_day = [dict(deps[0], remarried_on="2005-05-01"), deps[1]]
    b = benefit(_death(on_the_day, event="2004-07-15"), "DEPENDANTS")
    assert b.payees[0].ends_on is None
    assert b.schedule[1].groups[0].relationship == "spouse"


def test_a_remarriage_before_the_death_under_the_old_rule_is_refused() -> None:
    deps = [
        {"relationship": "spouse", "date_of_birth": "1972-01-01", "remarried_on": "2004-07-01"},
        {"relationship": "child", "date_of_birth": "1995-01-01"},
    ]
    r = _death(deps, event="2004-07-15")
    assert "DEPENDANT_1" in [n.code for n in r.not_payable]
    assert benefit(r, "DEPENDANTS").payees[0].share == "3/5"


def test_act_789_widow_during_life_and_siblings_one_group_at_a_time() -> None:
    sksps = {"scheme": "self_employment", "incident_type": "self_employment_accident", "sksps_plan": 3}
    sksps["contribution_paid_on"] = "2025-01-05"
    deps = [{"relationship": "spouse", "date_of_birth": "1986-01-01"}]
    r = run(case(event="2025-06-10", outcome="death", date_of_birth="1985-03-01", dependants=deps, **sksps))
    assert benefit(r, "DEPENDANTS").payees[0].end_reason["en"].startswith("During life (Act 789")
    others = [
        {"relationship": "parent", "date_of_birth": "1955-01-01"},
        {"relationship": "sibling", "date_of_birth": "2010-01-01"},
    ]
    r = run(case(event="2025-06-10", outcome="death", date_of_birth="1985-03-01", dependants=others, **sksps))
    assert [p.relationship for p in benefit(r, "DEPENDANTS").payees] == ["parent"]
    assert "DEPENDANT_2" in [n.code for n in r.not_payable]


def test_act_4_widow_label_and_no_rounding_blamed_for_a_share() -> None:
    r = _death([{"relationship": "spouse", "date_of_birth": "1987-01-01"}])
    b = benefit(r, "DEPENDANTS")
    assert b.payees[0].end_reason["en"] == "For life, even on remarriage (from 1 May 2005)."
    text = " ".join(n["en"] for n in b.notes)
    assert "rounded" not in text
    assert "add up to less than the whole" in text
