"""Invariants that hold for any input (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core_helpers import benefit, case, run

wages = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20000"), places=2)
events = st.dates(min_value=date(2014, 1, 1), max_value=date(2026, 11, 1))
fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(w1=wages, w2=wages, event=events, lec=st.integers(min_value=1, max_value=100))
def test_more_wage_never_lowers_a_benefit(w1: Decimal, w2: Decimal, event: date, lec: int) -> None:
    lo, hi = sorted((w1, w2))
    a = run(
        case(
            event=event.isoformat(),
            wage=f"{lo:.2f}",
            medical_leave_days=6,
            loss_of_earning_capacity_percent=str(lec),
        )
    )
    b = run(
        case(
            event=event.isoformat(),
            wage=f"{hi:.2f}",
            medical_leave_days=6,
            loss_of_earning_capacity_percent=str(lec),
        )
    )
    assert benefit(a, "TDB").daily_rate <= benefit(b, "TDB").daily_rate
    assert benefit(a, "PDB").daily_rate <= benefit(b, "PDB").daily_rate
    assert benefit(a, "PDB").options[0].lump_sum <= benefit(b, "PDB").options[0].lump_sum


@fast
@given(w=st.lists(wages, min_size=1, max_size=6), event=events, days=st.integers(min_value=4, max_value=400))
def test_caps_and_minima_hold_and_totals_reconcile(w: list[Decimal], event: date, days: int) -> None:
    r = run(
        case(
            event=event.isoformat(),
            wage=[f"{x:.2f}" for x in w],
            n=len(w),
            medical_leave_days=days,
            loss_of_earning_capacity_percent="100",
        )
    )
    tdb, pdb = benefit(r, "TDB"), benefit(r, "PDB")
    cap_aw = Decimal("5950") if event >= date(2024, 10, 1) else Decimal("4950")
    if event < date(2022, 9, 1):
        cap_aw = Decimal("3950")
    assert Decimal("30.00") <= tdb.daily_rate <= (Decimal("0.8") * cap_aw / 30).quantize(Decimal("0.01"))
    assert Decimal("30.00") <= pdb.daily_rate <= (Decimal("0.9") * cap_aw / 30).quantize(Decimal("0.01"))
    assert tdb.total == tdb.daily_rate * tdb.days
    assert pdb.monthly_amount == pdb.daily_rate * 30
    opt = pdb.options[0]
    assert opt.commuted_daily_rate + opt.remaining_daily_rate == pdb.daily_rate


relationships = st.sampled_from(["spouse", "child", "parent", "sibling", "grandparent"])


@st.composite
def dependant(draw: st.DrawFn) -> dict:
    rel = draw(relationships)
    if rel == "spouse":
        born = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(2000, 1, 1)))
    elif rel in ("parent", "grandparent"):
        born = draw(st.dates(min_value=date(1920, 1, 1), max_value=date(1980, 1, 1)))
    else:
        born = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2024, 12, 31)))
    return {
        "relationship": rel,
        "date_of_birth": born.isoformat(),
        "in_higher_education": draw(st.booleans()),
        "disabled": draw(st.booleans()),
        "married": draw(st.booleans()) if rel in ("child", "sibling") else False,
    }


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deps=st.lists(dependant(), min_size=1, max_size=8), wage=wages)
def test_shares_never_exceed_the_whole(deps: list[dict], wage: Decimal) -> None:
    parents = [d for d in deps if d["relationship"] == "parent"][:2]
    grandparents = [d for d in deps if d["relationship"] == "grandparent"][:4]
    deps = [d for d in deps if d["relationship"] not in ("parent", "grandparent")] + parents + grandparents
    r = run(
        case(
            event="2025-03-10",
            wage=f"{wage:.2f}",
            outcome="death",
            date_of_birth="1981-01-01",
            dependants=deps,
        )
    )
    b = benefit(r, "DEPENDANTS")
    if b is None:
        return
    previous_end = None
    for period in b.schedule:
        shares = sum((Fraction(p.share) for p in period.payees), Fraction(0))
        assert shares <= 1
        assert period.daily_total == sum(p.daily_rate for p in period.payees)
        # largest remainder (docs/decisions.md 3): the rounded parts never pass the whole
        assert period.daily_total <= b.daily_rate
        assert period.monthly_total == period.daily_total * 30
        if previous_end is not None:
            assert period.start == previous_end + timedelta(days=1)
        previous_end = period.end
    for p in b.payees:
        assert p.ends_on is None or p.ends_on >= date(2025, 3, 10)
