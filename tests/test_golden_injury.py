"""Golden cases from worked_examples_and_acceptance_tests.csv (P and D rows) and boundary cases of our own."""

from __future__ import annotations

from tests.core_helpers import D, benefit, case, run

# ----------------------------------------------------------------------------------------------- published caps


def test_p6_minimum_rate_and_d4() -> None:
    r = run(case(wage="900.00", medical_leave_days=5))
    tdb = benefit(r, "TDB")
    assert r.average_assumed_monthly_wage == D("850.00")
    assert tdb.daily_rate == D("30.00")  # 0.8 x 850 / 30 = 22.67 -> minimum
    assert tdb.total == D("150.00")
    assert "minimum" in r.step("tdb.daily").note["en"]


# ----------------------------------------------------------------------------------------------- D rows


def test_break_even_age_reconciles_with_the_option() -> None:
    pdb = benefit(run(case(wage="3100.00", loss_of_earning_capacity_percent="30")), "PDB")
    opt = pdb.options[0]
    gap = opt.alternative_monthly_amount - opt.monthly_amount
    years = (opt.break_even_age - opt.age) * 12 * gap
    assert abs(years - opt.lump_sum) <= gap * 12 * D("0.05")


def test_lump_sum_calibration_against_published_case_p10() -> None:
    """A 21-year-old got RM64,745 plus RM1,430 a month; the provisional table must be within a few per cent."""
    # RM1,430 a month is 4/5 of the daily rate x 30 -> daily rate 59.58
    r = run(
        case(
            event="2025-03-15",
            wage="2100.00",
            date_of_birth="2003-06-01",
            loss_of_earning_capacity_percent="67",
        )
    )
    opt = benefit(r, "PDB").options[0]
    assert opt.age == 21
    lump_for_p10 = D("59.58") / 5 * opt.factor
    assert abs(lump_for_p10 / D("64745") - 1) < D("0.05")


def test_medical_board_percentage_wins_over_the_schedule() -> None:
    r = run(case(injuries=["S11"], loss_of_earning_capacity_percent="35"))
    assert benefit(r, "PDB").loss_of_earning_capacity_percent == D("35")
    assert "30%" in r.step("pdb.lec").note["en"]


# ----------------------------------------------------------------------------------------------- band edges, windows


def test_uncertain_start_date_makes_only_nearby_months_provisional() -> None:
    r = run(case(event="2023-01-20", wage="4500.00", medical_leave_days=5))  # Jul-Dec 2022
    # the RM5,000 ceiling's start (1 September 2022) is now sourced: nothing provisional
    assert not benefit(r, "TDB").provisional and not r.provisional_notes


def test_months_outside_the_window_and_gaps() -> None:
    data = case(event="2025-06-10", medical_leave_days=5)
    data["monthly_wages"] = [
        {"month": "2024-01", "wage": "9000.00"},  # outside the window: ignored
        {"month": "2025-03", "wage": "2000.00"},
        {"month": "2025-05", "wage": "3000.00"},
    ]
    r = run(data)
    assert r.average_assumed_monthly_wage == D("2450.00")  # (1950 + 2950) / 2
    assert "2024-12" in r.step("wages.average").note["en"]


# ----------------------------------------------------------------------------------------------- Lindung 24/7


def test_every_step_parameter_has_a_source_and_date() -> None:
    r = run(case(wage="3100.00", injuries=["S11"], medical_leave_days=8))
    for step in r.steps:
        for p in step.params:
            assert p.source and p.effective_from and p.confidence
    used = {p.key for s in r.steps for p in s.params}
    assert {
        "ei.tdb_rate_percent",
        "ei.ptd_rate_percent",
        "ei.min_daily_rate",
        "wages.band_table",
        "ei.commutation_table",
    } <= used
