"""Golden cases from worked_examples_and_acceptance_tests.csv (P and D rows) and boundary cases of our own."""

from __future__ import annotations

import pytest

from tests.core_helpers import D, benefit, case, refused, run

# ----------------------------------------------------------------------------------------------- published caps


@pytest.mark.parametrize(
    ("row", "event", "wage", "code", "expected"),
    [
        ("P1 TDB max, RM4,000 ceiling", "2019-05-10", "9000.00", "TDB", "105.33"),
        ("P3 TDB max, RM3,000 ceiling", "2013-05-10", "9000.00", "TDB", "78.67"),
        ("P5 TDB max, RM2,000 ceiling", "2002-05-10", "9000.00", "TDB", "52.00"),
        ("D3 TDB max, RM6,000 ceiling", "2025-05-10", "8000.00", "TDB", "158.67"),
        ("TDB max, RM5,000 ceiling", "2023-05-10", "9000.00", "TDB", "132.00"),
    ],
)
def test_published_tdb_maxima(row: str, event: str, wage: str, code: str, expected: str) -> None:
    r = run(case(event=event, wage=wage, medical_leave_days=7))
    assert benefit(r, code).daily_rate == D(expected), row


@pytest.mark.parametrize(
    ("row", "event", "wage", "expected"),
    [
        ("P2 PDB max, AW 3,950", "2019-05-10", "9000.00", "118.50"),
        ("P4 PDB max, AW 2,950", "2013-05-10", "9000.00", "88.50"),
        ("PDB max 2022-2024, AW 4,950", "2023-05-10", "9000.00", "148.50"),
        ("PDB max now, AW 5,950", "2025-05-10", "9000.00", "178.50"),
    ],
)
def test_published_ptd_maxima(row: str, event: str, wage: str, expected: str) -> None:
    r = run(case(event=event, wage=wage, loss_of_earning_capacity_percent="100"))
    pdb = benefit(r, "PDB")
    assert pdb.ptd_daily_rate == D(expected), row
    assert pdb.daily_rate == D(expected)
    assert pdb.total_disablement


def test_p6_minimum_rate_and_d4() -> None:
    r = run(case(wage="900.00", medical_leave_days=5))
    tdb = benefit(r, "TDB")
    assert r.average_assumed_monthly_wage == D("850.00")
    assert tdb.daily_rate == D("30.00")  # 0.8 x 850 / 30 = 22.67 -> minimum
    assert tdb.total == D("150.00")
    assert "minimum" in r.step("tdb.daily").note["en"]


def test_minimum_daily_rate_changed_on_1_january_2014() -> None:
    before = run(case(event="2013-12-31", wage="300.00", medical_leave_days=5))
    on_day = run(case(event="2014-01-01", wage="300.00", medical_leave_days=5))
    assert benefit(before, "TDB").daily_rate == D("10.00")
    assert benefit(on_day, "TDB").daily_rate == D("30.00")


# ----------------------------------------------------------------------------------------------- D rows


def test_d1_tdb() -> None:
    r = run(case(wage="2000.00", medical_leave_days=10))
    tdb = benefit(r, "TDB")
    assert r.average_assumed_daily_wage == D("65.00")
    assert (tdb.daily_rate, tdb.days, tdb.total) == (D("52.00"), 10, D("520.00"))
    assert tdb.step_ids[-2:] == ["tdb.daily", "tdb.total"]
    assert not tdb.provisional  # item 24 is verbatim


def test_d2_mixed_bands() -> None:
    r = run(case(wage=["2000.00"] * 3 + ["2100.00"] * 3, medical_leave_days=10))
    tdb = benefit(r, "TDB")
    assert r.average_assumed_daily_wage == D("66.67")
    assert tdb.daily_rate == D("53.33")
    assert tdb.total == D("533.30")


def test_d3_wage_above_ceiling() -> None:
    tdb = benefit(run(case(wage="8000.00", medical_leave_days=7)), "TDB")
    assert (tdb.daily_rate, tdb.total) == (D("158.67"), D("1110.69"))


def test_d5_three_days_is_not_payable_but_four_is() -> None:
    r3 = run(case(medical_leave_days=3))
    r4 = run(case(medical_leave_days=4))
    assert benefit(r3, "TDB") is None and "TDB" in refused(r3)
    assert benefit(r4, "TDB").total == D("208.00")


def test_days_worked_with_wages_are_not_paid() -> None:
    tdb = benefit(run(case(medical_leave_days=10, days_worked_with_wages=3)), "TDB")
    assert tdb.days == 7 and tdb.total == D("364.00")


def test_d6_partial_disablement_thumb() -> None:
    r = run(case(wage="3100.00", injuries=["S11"]))
    pdb = benefit(r, "PDB")
    assert pdb.ptd_daily_rate == D("91.50")
    assert pdb.loss_of_earning_capacity_percent == D("30")
    assert pdb.daily_rate == D("27.45")
    assert pdb.monthly_amount == D("823.50")
    (opt,) = pdb.options
    assert opt.kind == "commutation"
    assert opt.commuted_daily_rate == D("5.49")
    assert opt.remaining_daily_rate == D("21.96")
    assert opt.monthly_amount == D("658.80")
    assert opt.alternative_monthly_amount == D("823.50")
    assert opt.provisional  # the commutation table is provisional
    assert pdb.provisional


def test_lec_20_is_a_lump_sum_and_20_01_is_a_commutation() -> None:
    at20 = benefit(run(case(wage="3100.00", loss_of_earning_capacity_percent="20")), "PDB")
    above = benefit(run(case(wage="3100.00", loss_of_earning_capacity_percent="20.01")), "PDB")
    assert at20.options[0].kind == "lump_sum"
    assert at20.options[0].monthly_amount == D("0.00")
    assert at20.daily_rate == D("18.30")
    assert above.options[0].kind == "commutation"
    assert above.daily_rate == D("18.31")  # 91.50 x 20.01% = 18.309
    assert above.options[0].commuted_daily_rate == D("3.66")


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


def test_schedule_injuries_combine_and_cap_at_total() -> None:
    pdb = benefit(run(case(injuries=["S07", "S22"])), "PDB")  # 90 + 90
    assert pdb.total_disablement and pdb.loss_of_earning_capacity_percent == D("100")
    part_one = benefit(run(case(injuries=["S05"])), "PDB")  # very severe facial disfigurement (Part I)
    assert part_one.total_disablement


def test_medical_board_percentage_wins_over_the_schedule() -> None:
    r = run(case(injuries=["S11"], loss_of_earning_capacity_percent="35"))
    assert benefit(r, "PDB").loss_of_earning_capacity_percent == D("35")
    assert "30%" in r.step("pdb.lec").note["en"]


def test_caa_only_with_total_disablement() -> None:
    total = run(case(loss_of_earning_capacity_percent="100", needs_constant_attendance=True))
    partial = run(case(loss_of_earning_capacity_percent="60", needs_constant_attendance=True))
    assert benefit(total, "CAA").monthly_amount == D("500.00")
    assert benefit(partial, "CAA") is None and "CAA" in refused(partial)


# ----------------------------------------------------------------------------------------------- band edges, windows


def test_wage_exactly_on_a_band_edge_belongs_to_the_lower_band() -> None:
    on_edge = run(case(wage="2000.00", medical_leave_days=4))
    above = run(case(wage="2000.01", medical_leave_days=4))
    assert on_edge.wage_months[0].band_item == 24 and on_edge.average_assumed_monthly_wage == D("1950.00")
    assert above.wage_months[0].band_item == 25 and above.average_assumed_monthly_wage == D("2050.00")


def test_six_month_window_straddling_the_october_2024_ceiling_change() -> None:
    r = run(case(event="2025-01-15", wage="7000.00", medical_leave_days=5))
    aws = [m.assumed_wage for m in r.wage_months]
    assert aws == [D("4950")] * 3 + [D("5950")] * 3  # Jul-Sep 2024 RM5,000 ceiling; Oct-Dec RM6,000
    tables = {m.table for m in r.wage_months}
    assert tables == {"wage_bands_2022-09.csv", "wage_bands_2024-10.csv"}
    assert r.average_assumed_monthly_wage == D("5450.00")
    assert benefit(r, "TDB").daily_rate == D("145.33")
    assert len(r.step("wages.bands").params) == 2  # both tables are cited
    assert not benefit(r, "TDB").provisional  # the RM5,000 table's uncertain start (2022) does not touch 2024


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


def test_no_contribution_uses_a_similar_worker_or_refuses() -> None:
    data = case(medical_leave_days=5)
    data["monthly_wages"] = []
    assert "WAGES" in refused(run(data))
    data["similar_worker_monthly_wage"] = "2000.00"
    r = run(data)
    assert benefit(r, "TDB").daily_rate == D("52.00")
    assert r.step("wages.similar")


# ----------------------------------------------------------------------------------------------- death


def _death(deps: list[dict], wage: str = "3000.00", **kw: object) -> object:
    return run(case(event="2025-03-10", wage=wage, outcome="death", dependants=deps, **kw))


def test_d12_widow_and_two_children_scaled() -> None:
    deps = [
        {"relationship": "spouse", "date_of_birth": "1987-01-01"},
        {"relationship": "child", "date_of_birth": "2012-01-01"},
        {"relationship": "child", "date_of_birth": "2014-01-01"},
    ]
    b = benefit(_death(deps), "DEPENDANTS")
    assert b.daily_rate == D("88.50")
    assert [p.daily_rate for p in b.payees] == [D("37.93"), D("25.29"), D("25.29")]
    assert [p.share for p in b.payees] == ["3/7", "2/7", "2/7"]
    first = b.schedule[0]
    assert first.daily_total == sum(p.daily_rate for p in first.payees)  # totals reconcile with their parts
    # the elder child turns 21 on 2033-01-01: the widow 3/5 and the other child 2/5 fill the whole exactly
    assert b.schedule[0].end.isoformat() == "2032-12-31"
    assert [p.share for p in b.schedule[1].payees] == ["3/5", "2/5"]
    assert b.schedule[1].daily_total == D("88.50")
    assert [p.share for p in b.schedule[2].payees] == ["3/5"]
    assert b.schedule[2].end is None


def test_d13_two_children_no_widow() -> None:
    deps = [
        {"relationship": "child", "date_of_birth": "2012-01-01"},
        {"relationship": "child", "date_of_birth": "2014-01-01"},
    ]
    b = benefit(_death(deps), "DEPENDANTS")
    assert [p.daily_rate for p in b.payees] == [D("26.55"), D("26.55")]
    assert [p.share for p in b.schedule[1].payees] == ["3/5"]  # the remaining child takes the 3/5 alone


def test_d14_both_parents() -> None:
    deps = [
        {"relationship": "parent", "date_of_birth": "1955-01-01"},
        {"relationship": "parent", "date_of_birth": "1957-01-01"},
    ]
    b = benefit(_death(deps), "DEPENDANTS")
    assert [p.daily_rate for p in b.payees] == [D("17.70"), D("17.70")]
    assert all(p.ends_on is None for p in b.payees)


def test_siblings_and_grandparents() -> None:
    deps = [
        {"relationship": "parent", "date_of_birth": "1955-01-01"},
        {"relationship": "sibling", "date_of_birth": "2010-01-01"},
        {"relationship": "grandparent", "date_of_birth": "1930-01-01"},
    ]
    r = _death(deps)
    b = benefit(r, "DEPENDANTS")
    assert [(p.relationship, p.share) for p in b.payees] == [("parent", "2/5"), ("sibling", "3/10")]
    assert "DEPENDANT_3" in refused(r)  # grandparents only where the parents have died
    only_gp = benefit(
        _death(
            [
                {"relationship": "grandparent", "date_of_birth": "1930-01-01"},
                {"relationship": "grandparent", "date_of_birth": "1932-01-01"},
            ]
        ),
        "DEPENDANTS",
    )
    assert [p.daily_rate for p in only_gp.payees] == [D("17.70"), D("17.70")]


def test_spouse_and_children_exclude_parents() -> None:
    deps = [
        {"relationship": "spouse", "date_of_birth": "1987-01-01"},
        {"relationship": "parent", "date_of_birth": "1955-01-01"},
    ]
    b = benefit(_death(deps), "DEPENDANTS")
    assert [p.relationship for p in b.payees] == ["spouse"]
    assert b.payees[0].daily_rate == D("53.10")  # 3/5 of 88.50


def test_child_end_dates_studying_disabled_married_too_old() -> None:
    deps = [
        {"relationship": "child", "date_of_birth": "2005-06-01", "in_higher_education": True},
        {
            "relationship": "child",
            "date_of_birth": "2006-06-01",
            "in_higher_education": True,
            "education_ends_on": "2028-08-31",
        },
        {"relationship": "child", "date_of_birth": "2010-06-01", "disabled": True},
        {"relationship": "child", "date_of_birth": "2009-06-01", "married": True},
        {"relationship": "child", "date_of_birth": "2000-06-01"},
    ]
    r = _death(deps)
    b = benefit(r, "DEPENDANTS")
    ends = {p.index: p.ends_on for p in b.payees}
    assert ends[0].isoformat() == "2029-05-31"  # assumed degree by the 24th birthday (provisional)
    assert ends[1].isoformat() == "2028-08-31"
    assert ends[2] is None
    assert {"DEPENDANT_4", "DEPENDANT_5"} <= refused(r)
    assert r.step("dependants.eligibility").provisional


def test_funeral_cap_changed_on_1_june_2024() -> None:
    deps = [{"relationship": "spouse", "date_of_birth": "1987-01-01"}]
    before = run(case(event="2024-05-31", outcome="death", dependants=deps, funeral_expenses="3500.00"))
    on_day = run(case(event="2024-06-01", outcome="death", dependants=deps, funeral_expenses="3500.00"))
    cheaper = run(case(event="2024-06-01", outcome="death", dependants=deps, funeral_expenses="1800.50"))
    assert benefit(before, "FUNERAL").total == D("2000.00")
    assert benefit(on_day, "FUNERAL").total == D("3000.00")
    assert benefit(cheaper, "FUNERAL").total == D("1800.50")


# ----------------------------------------------------------------------------------------------- Lindung 24/7


@pytest.mark.parametrize(
    ("event", "tdb", "ptd"),
    [
        ("2026-06-01", "95.20", "107.10"),
        ("2028-05-31", "95.20", "107.10"),
        ("2028-06-01", "126.93", "142.80"),
        ("2031-05-31", "126.93", "142.80"),
        ("2031-06-01", "158.67", "178.50"),
    ],
)
def test_d15_d16_lindung_phases(event: str, tdb: str, ptd: str) -> None:
    data = case(
        event=event,
        wage="6500.00",
        scheme="non_employment_injury",
        incident_type="non_work_accident",
        medical_leave_days=5,
        loss_of_earning_capacity_percent="100",
    )
    r = run(data)
    assert benefit(r, "TDB").daily_rate == D(tdb)
    assert benefit(r, "PDB").ptd_daily_rate == D(ptd)
    assert r.provisional  # the phase dates are provisional


def test_lindung_not_before_its_start_and_exclusions() -> None:
    base = {"scheme": "non_employment_injury", "incident_type": "non_work_accident", "medical_leave_days": 5}
    before = run(case(event="2026-05-31", **base))
    assert not [b for b in before.benefits if b.code == "TDB"] and "LINDUNG" in refused(before)
    for flag in (
        "accident_outside_malaysia",
        "caused_by_disease",
        "covered_by_self_employment_scheme",
        "covered_by_housewives_scheme",
    ):
        r = run(case(event="2026-07-01", **base, **{flag: True}))
        assert benefit(r, "TDB") is None and "LINDUNG" in refused(r), flag


def test_commuting_accident_notes_police_report() -> None:
    r = run(case(incident_type="commuting_accident", police_report_made=False, medical_leave_days=5))
    assert "POLICE_REPORT" in {w.code for w in r.warnings}
    assert benefit(r, "TDB") is not None


def test_claim_period_warning() -> None:
    on_time = run(case(medical_leave_days=10, claim_date="2026-06-19"))
    late = run(case(medical_leave_days=10, claim_date="2026-06-20"))
    assert "CLAIM_LATE" not in {w.code for w in on_time.warnings}
    assert "CLAIM_LATE" in {w.code for w in late.warnings}


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
