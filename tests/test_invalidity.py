"""Invalidity Scheme: golden rows D7-D11 and P7, qualifying conditions, age limits, grant, CAA, survivors'
pension, funeral, and the boundaries around each rule."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from estimator import CaseError, parse_case
from estimator.cli.main import main
from estimator.engine.rules import default_rules
from estimator.engine.trace import Trace
from estimator.law.invalidity.history import history_of
from estimator.law.invalidity.pension import pension
from estimator.law.invalidity.qualifying import qualifying
from tests.core_helpers import FAR_FUTURE, D, benefit, refused, run
from tests.invalidity_helpers import (
    SPOUSE_AND_TWO_CHILDREN,
    before_event,
    inv_case,
    invalidity_benefits,
    make_ctx,
    month_add,
    months_run,
)

# ----------------------------------------------------------------------------------------------- golden rows


def test_d8_reduced_qualifying_only_pays_50_percent() -> None:
    # contributions payable since 2006-01 (240 complete months before 2026-01); 100 early + 20 recent = 120,
    # i.e. at least 1/3 but under 2/3, and only 20 in the last 40 months
    wages = months_run("2006-01", 100, "3000.00") + before_event(
        "2026-01-15", 20, ["3000.00"] * 8 + ["3100.00"] * 12
    )
    r = run(inv_case("2026-01-15", wages))
    p = benefit(r, "INVALIDITY_PENSION")
    assert p.qualifying == "reduced"
    assert p.contributions == 120
    assert p.average_monthly_wage == D("3000.00")  # 4 old months at 2,950 + 8 x 2,950 + 12 x 3,050
    assert p.rate_percent == D("50")
    assert p.monthly_amount == D("1500.00")
    note = r.step("inv.qualifying").note["en"]
    assert "Reduced" in note and "120 of 240" in note


def test_d9_amw_900_is_floored_to_1100() -> None:
    wages = before_event("2025-06-10", 60, ["900.00"] * 48 + ["1000.00"] * 12)  # AW 850 / 950 -> 900
    r = run(inv_case("2025-06-10", wages))
    p = benefit(r, "INVALIDITY_PENSION")
    step = r.step("inv.amw")
    assert "= 900.0000" in step.substituted["en"] and "minimum 1,100.00" in step.substituted["en"]
    assert "1,100.00" in step.note["en"]
    assert p.average_monthly_wage == D("1100.00")
    assert p.rate_percent == D("53")  # 50 + floor((60 - 24) / 12)
    assert p.monthly_amount == D("583.00")


def test_d7_to_d11_through_the_pension_function() -> None:
    rules = default_rules()
    on = date(2025, 6, 10)
    cases = [
        (D("3000"), 120, "full", "1740.00"),
        (D("3000"), 120, "reduced", "1500.00"),
        (D("1100"), 60, "full", "583.00"),
        (D("5950"), 204, "full", "3867.50"),
        (D("2000"), 35, "full", "1000.00"),
        (D("2000"), 36, "full", "1020.00"),
    ]
    for amw, n, kind, expected in cases:
        calc = pension(Trace(rules), on, amw, n, kind)  # type: ignore[arg-type]
        assert calc.monthly == D(expected), (amw, n, kind)


# ----------------------------------------------------------------------------------------------- qualifying


def test_23_contributions_do_not_qualify_24_do() -> None:
    r23 = run(inv_case("2025-06-10", before_event("2025-06-10", 23, "2000.00")))
    r24 = run(inv_case("2025-06-10", before_event("2025-06-10", 24, "2000.00")))
    assert benefit(r23, "INVALIDITY_PENSION") is None
    assert "INVALIDITY_PENSION" in refused(r23)
    reason = next(n.reason["en"] for n in r23.not_payable if n.code == "INVALIDITY_PENSION")
    assert "23 contributions in the 40 months" in reason and "need 24" in reason
    assert benefit(r23, "INVALIDITY_GRANT") is not None
    p = benefit(r24, "INVALIDITY_PENSION")
    assert p.qualifying == "full" and p.rate_percent == D("50")
    assert benefit(r24, "INVALIDITY_GRANT") is None


def _qualifying(data: dict) -> object:
    ctx = make_ctx(data)
    hist = history_of(ctx.case, ctx.wages)
    return qualifying(ctx, hist)


def test_exactly_two_thirds_of_the_months_is_full() -> None:
    # first contribution 2020-07, notice 2025-07: 60 complete months; only 20 of them in the last 40
    q40 = _qualifying(inv_case("2025-07-15", months_run("2020-07", 40, "2000.00")))
    q39 = _qualifying(inv_case("2025-07-15", months_run("2020-07", 39, "2000.00")))
    assert (q40.span_months, q40.span_count, q40.window_count) == (60, 40, 20)
    assert (q40.kind, q40.test) == ("full", "two_thirds")
    assert (q39.kind, q39.test) == ("reduced", "one_third")
    p = benefit(run(inv_case("2025-07-15", months_run("2020-07", 40, "2000.00"))), "INVALIDITY_PENSION")
    assert p.qualifying == "full" and p.rate_percent == D("51")  # 40 contributions: one step


def test_exactly_one_third_of_the_months_is_reduced() -> None:
    # first contribution 2018-01, notice 2025-07: 90 complete months, none in the last 40
    q30 = _qualifying(inv_case("2025-07-15", months_run("2018-01", 30, "2000.00")))
    q29 = _qualifying(inv_case("2025-07-15", months_run("2018-01", 29, "2000.00")))
    assert (q30.span_months, q30.window_count) == (90, 0)
    assert (q30.kind, q30.test) == ("reduced", "one_third")
    assert (q29.kind, q29.test) == (None, "none")
    r = run(inv_case("2025-07-15", months_run("2018-01", 29, "2000.00")))
    assert "INVALIDITY_PENSION" in refused(r) and benefit(r, "INVALIDITY_GRANT") is not None


def test_the_minimum_of_24_binds_the_share_tests() -> None:
    # 23 contributions in 30 months is above 2/3, but under the minimum of 24
    q = _qualifying(inv_case("2025-07-15", months_run("2022-12", 23, "2000.00")))
    assert q.kind is None
    assert q.full_needed == 24 and q.reduced_needed == 24


def test_first_contribution_month_extends_the_span() -> None:
    wages = months_run("2020-09", 40, "2000.00")  # to 2023-12: only 22 in the 40 months before 2025-07
    plain = _qualifying(inv_case("2025-07-15", wages))
    early = _qualifying(inv_case("2025-07-15", wages, first_contribution_month="2015-01"))
    assert (plain.window_count, plain.span_months) == (22, 58)
    assert (plain.kind, plain.test) == ("full", "two_thirds")  # 40 of 58 months
    assert early.span_months == 126 and early.kind is None  # 40 of 126 months is under 1/3


def test_wage_in_the_notice_month_is_ignored_with_a_note() -> None:
    wages = before_event("2025-06-10", 24, "2000.00") + [{"month": "2025-06", "wage": "9000.00"}]
    r = run(inv_case("2025-06-10", wages))
    p = benefit(r, "INVALIDITY_PENSION")
    assert p.contributions == 24 and p.average_monthly_wage == D("1950.00")
    assert any(w.code == "inv.months_ignored" and "2025-06" in w.message["en"] for w in r.warnings)


# ----------------------------------------------------------------------------------------------- dates and ages


@pytest.mark.parametrize(
    ("event", "dob", "payable"),
    [
        ("2025-06-10", "1965-06-11", True),  # 59
        ("2025-06-10", "1965-06-10", False),  # 60 on the day
        ("2012-12-31", "1958-01-01", True),  # 54, limit 55 before 2013
        ("2012-12-31", "1957-12-31", False),  # 55
        ("2013-01-01", "1957-12-31", True),  # 55, limit 60 from 2013
    ],
)
def test_age_limit_at_notice(event: str, dob: str, payable: bool) -> None:
    r = run(inv_case(event, before_event(event, 60, "2000.00"), dob=dob))
    assert (benefit(r, "INVALIDITY_PENSION") is not None) is payable
    if not payable:  # the age limit is a qualifying condition: the grant is paid instead (docs/decisions.md)
        assert "INVALIDITY_PENSION" in refused(r) and "INVALIDITY_GRANT" not in refused(r)
        assert benefit(r, "INVALIDITY_GRANT") is not None
        assert "before" in next(n.reason["en"] for n in r.not_payable if n.code == "INVALIDITY_PENSION")


@pytest.mark.parametrize(
    ("event", "dob", "first", "payable"),
    [
        ("2025-06-10", "1968-01-15", "2022-12", True),  # first contribution at 54
        ("2025-06-10", "1968-01-15", "2023-02", False),  # at 55
        ("2012-06-10", "1960-01-15", "2009-12", True),  # at 49, limit 50 before 2013
        ("2012-06-10", "1960-01-15", "2010-02", False),  # at 50
    ],
)
def test_age_limit_at_first_contribution(event: str, dob: str, first: str, payable: bool) -> None:
    n = (int(event[:4]) * 12 + int(event[5:7]) - 1) - (int(first[:4]) * 12 + int(first[5:7]) - 1)
    r = run(inv_case(event, months_run(first, n, "2000.00"), dob=dob))
    assert (benefit(r, "INVALIDITY_PENSION") is not None) is payable
    if not payable:
        reason = next(x.reason["en"] for x in r.not_payable if x.code == "INVALIDITY_PENSION")
        assert "first contribution" in reason


def test_per_day_rate_and_first_part_month() -> None:
    r = run(inv_case("2025-10-20", before_event("2025-10-20", 24, "2000.00")))
    p = benefit(r, "INVALIDITY_PENSION")
    assert p.monthly_amount == D("975.00")
    assert p.daily_rate == D("31.45")  # 975 / 31
    step = r.step("inv.daily")
    assert "12 days from 20/10/2025" in step.substituted["en"] and "= 377.42" in step.substituted["en"]
    assert "12 hari mulai 20/10/2025" in step.substituted["ms"]


# ----------------------------------------------------------------------------------------------- grant, CAA


def test_invalidity_grant_when_not_qualifying() -> None:
    r = run(inv_case("2026-10-15", before_event("2026-10-15", 20, "2000.00")))
    g = benefit(r, "INVALIDITY_GRANT")
    assert g.contributions_paid == D("390.00")  # 20 x (43.90 - 24.40)
    expected = sum(D("19.50") * (1 + D("0.025")) ** (D(k) / 12) for k in range(1, 21))
    assert g.total == expected.quantize(D("0.01"))
    assert g.interest == g.total - g.contributions_paid
    assert D("0") < g.interest < D("390.00") * D("0.025") * 2
    assert g.provisional and r.provisional
    assert any("interest" in n["en"] for n in r.provisional_notes)
    assert "INVALIDITY_PENSION" in refused(r)


def test_grant_notes_the_old_12_contribution_minimum() -> None:
    r = run(inv_case("2026-10-15", before_event("2026-10-15", 10, "2000.00")))
    g = benefit(r, "INVALIDITY_GRANT")
    assert any("12 monthly contributions" in n["en"] for n in g.notes)


# ----------------------------------------------------------------------------------------------- death


def _death(event: str = "2025-10-20", n: int = 60, **kw: object) -> dict:
    return inv_case(event, before_event(event, n, "2000.00"), outcome="death", **kw)


def test_survivors_pension_with_payees_and_end_dates() -> None:
    r = run(_death(dependants=SPOUSE_AND_TWO_CHILDREN, funeral_expenses="3500.00"))
    s = benefit(r, "SURVIVORS_PENSION")
    assert (s.rate_percent, s.monthly_amount, s.qualifying) == (D("53"), D("1033.50"), "full")
    assert [p.share for p in s.payees] == ["3/7", "2/7", "2/7"]
    # largest remainder (docs/decisions.md 3): the parts make 1,033.50 exactly
    assert [p.monthly_amount for p in s.payees] == [D("442.93"), D("295.29"), D("295.28")]
    assert s.payees[0].ends_on is None
    assert s.payees[1].ends_on == date(2031, 4, 30) and s.payees[2].ends_on == date(2036, 9, 19)
    assert [p.start for p in s.schedule] == [date(2025, 10, 20), date(2031, 5, 1), date(2036, 9, 20)]
    assert s.schedule[1].monthly_total <= s.monthly_amount
    assert s.schedule[-1].payees[0].monthly_amount == D("620.10")  # the widow's 3/5 alone
    assert s.provisional
    assert any("Eighth Schedule" in n["en"] for n in r.provisional_notes)
    f = benefit(r, "FUNERAL")
    assert (f.total, f.cap, f.expenses) == (D("3000.00"), D("3000.00"), D("3500.00"))
    assert benefit(r, "INVALIDITY_PENSION") is None and benefit(r, "INVALIDITY_GRANT") is None


def test_survivors_json_contract() -> None:
    r = run(_death(dependants=SPOUSE_AND_TWO_CHILDREN))
    data = json.loads(r.to_json())
    s = next(b for b in data["benefits"] if b["code"] == "SURVIVORS_PENSION")
    assert s["monthly_amount"] == "1033.50" and len(s["payees"]) == 3
    assert {"relationship", "date_of_birth", "share", "ends_on"} <= set(s["payees"][0])


def test_funeral_without_expenses_is_up_to_the_cap() -> None:
    f = benefit(run(_death()), "FUNERAL")
    assert f.expenses is None and f.total == D("3000.00")
    assert any("No expenses were entered" in n["en"] for n in f.notes)


def test_a_deceased_invalidity_pensioner_needs_no_age_or_qualifying_test() -> None:
    data = _death(
        dob="1960-01-01", n=20, dependants=[{"relationship": "spouse", "date_of_birth": "1962-01-01"}]
    )
    data["receiving_invalidity_pension"] = True
    case = parse_case(data, today=FAR_FUTURE)
    ctx = make_ctx(case)
    benefits = invalidity_benefits(ctx)
    codes = [b.code for b in benefits]
    assert "SURVIVORS_PENSION" in codes and "FUNERAL" in codes
    assert any(w.code == "surv.pensioner" for w in ctx.trace.warnings)


# ----------------------------------------------------------------------------------------------- record, ctx


def test_direct_call_sets_the_ctx_average_and_wage_months() -> None:
    ctx = make_ctx(inv_case("2025-06-10", before_event("2025-06-10", 30, "2000.00")))
    benefits = invalidity_benefits(ctx)
    assert [b.code for b in benefits][0] == "INVALIDITY_PENSION"
    assert ctx.average_monthly_wage == D("1950.00")
    months = [m for run in ctx.wage_months for m in run.expand()]
    assert len(months) == 30 and sum(m.in_window for m in months) == 24
    # one wage, two tables (2022-09 and 2024-10), split where the 24 averaged months start: three runs
    assert [(r.first, r.last, r.in_window) for r in ctx.wage_months] == [
        ("2022-12", "2023-05", False),
        ("2023-06", "2024-09", True),
        ("2024-10", "2025-05", True),
    ]
    ids = {s.id for s in ctx.trace.steps}
    assert {
        "inv.age",
        "inv.qualifying",
        "inv.amw_bands",
        "inv.amw",
        "inv.rate",
        "inv.pension",
        "inv.daily",
    } <= ids
    for b in benefits:
        assert set(b.step_ids) <= ids


def test_every_step_lists_its_rule_values_with_sources() -> None:
    r = run(inv_case("2025-06-10", before_event("2025-06-10", 60, "2000.00")))
    keys = {p.key for s in r.steps for p in s.params}
    assert {
        "invalidity.age_limit_notice",
        "invalidity.qualifying_window_months",
        "invalidity.min_pension",
        "invalidity.average_wage_contributions",
        "invalidity.min_average_monthly_wage",
        "invalidity.base_rate_percent",
        "wages.band_table",
    } <= keys
    for s in r.steps:
        for p in s.params:
            assert p.source and p.confidence


def test_texts_are_bilingual() -> None:
    r = run(_death(dependants=SPOUSE_AND_TWO_CHILDREN))
    for s in r.steps:
        assert s.title["ms"] and not s.title["en"].startswith(("step.", "inv."))
        assert not s.formula["en"].startswith("formula.")
    for b in r.benefits:
        assert b.title["ms"] and not b.title["en"].startswith("inv.")
    for n in r.not_payable:
        assert not n.reason["en"].startswith("inv.")


# ----------------------------------------------------------------------------------------------- invalid input


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_invalid_invalidity_input_exits_2_naming_the_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wages = before_event("2024-06-10", 24, "2000.00") + [{"month": "2024-08", "wage": "2000.00"}]
    wages[0]["wage"] = "-1.00"
    data = inv_case("2024-06-10", wages, dob="2024-07-01")
    assert main(["estimate", str(_write(tmp_path, data))]) == 2
    err = capsys.readouterr().err
    fields = {line.split(":")[0] for line in err.strip().splitlines()}
    assert "monthly_wages[0].wage" in fields
    assert "Traceback" not in err
    data = inv_case(
        "2024-06-10",
        before_event("2024-06-10", 24, "2000.00") + [{"month": "2024-08", "wage": "1"}],
        dob="1980-01-01",
    )
    data2 = inv_case("2024-06-10", before_event("2024-06-10", 24, "2000.00"), dob="2024-07-01")
    with pytest.raises(CaseError) as e1:
        parse_case(data, today=FAR_FUTURE)
    with pytest.raises(CaseError) as e2:
        parse_case(data2, today=FAR_FUTURE)
    assert "monthly_wages[24].month" in {p.field for p in e1.value.problems}
    assert "date_of_birth" in {p.field for p in e2.value.problems}


def test_first_contribution_month_after_the_notice_is_refused() -> None:
    with pytest.raises(CaseError) as e:
        parse_case(inv_case("2024-06-10", [], first_contribution_month="2024-09"), today=FAR_FUTURE)
    assert {p.field for p in e.value.problems} == {"first_contribution_month"}


def test_cli_summary_of_an_invalidity_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = inv_case("2025-06-10", before_event("2025-06-10", 60, "2000.00"))
    assert main(["estimate", str(_write(tmp_path, data)), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    p = next(b for b in out["benefits"] if b["code"] == "INVALIDITY_PENSION")
    assert (p["rate_percent"], p["monthly_amount"], p["qualifying"]) == ("53", "1033.50", "full")
    assert out["average_assumed_monthly_wage"] == "1950.00" and out["provisional"] is True


# ----------------------------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(
    amw=st.integers(min_value=0, max_value=5950),
    n=st.integers(min_value=24, max_value=400),
    extra=st.integers(min_value=0, max_value=60),
    reduced=st.booleans(),
    day=st.sampled_from([date(2019, 3, 1), date(2022, 12, 31), date(2023, 1, 1), date(2026, 5, 5)]),
)
def test_pension_bounds_and_monotonicity(amw: int, n: int, extra: int, reduced: bool, day: date) -> None:
    rules = default_rules()
    kind = "reduced" if reduced else "full"
    a = pension(Trace(rules), day, Decimal(amw), n, kind)  # type: ignore[arg-type]
    more_n = pension(Trace(rules), day, Decimal(amw), n + extra, kind)  # type: ignore[arg-type]
    more_w = pension(Trace(rules), day, Decimal(amw + extra), n, kind)  # type: ignore[arg-type]
    assert more_n.monthly >= a.monthly and more_w.monthly >= a.monthly
    assert D("50") <= a.rate_percent <= D("65")
    minimum = rules.at("invalidity.min_pension", day).value
    assert a.monthly >= minimum
    assert a.monthly <= max(minimum, (Decimal(amw) * D("0.65")).quantize(D("0.01")))


def test_history_month_helpers() -> None:
    assert month_add("2025-01", -1) == "2024-12"
    assert [w["month"] for w in before_event("2025-03-10", 3, "1.00")] == ["2024-12", "2025-01", "2025-02"]


@pytest.mark.parametrize(
    "data",
    [
        inv_case("2025-10-20", before_event("2025-10-20", 60, "2000.00"), needs_constant_attendance=True),
        inv_case("2025-06-10", before_event("2025-06-10", 20, "2000.00")),  # the grant
        inv_case(
            "2025-06-10",
            before_event("2025-06-10", 30, "900.00"),
            outcome="death",
            dependants=SPOUSE_AND_TWO_CHILDREN,
        ),
    ],
)
def test_the_malay_explanation_is_wholly_malay(data: dict) -> None:
    import re

    english = re.compile(
        r"\b(age|limit|need|needs|met|contributions?|days?|from|since|minimum of|reduced|full|employer|employee|with interest|a year|fixed amount)\b"
    )
    r = run(data)
    for s in r.steps:
        if not s.id.startswith(
            ("inv.", "surv.age", "surv.qualifying", "surv.amw", "surv.rate", "surv.pension")
        ):
            continue
        for field in (s.title, s.formula, s.substituted, s.result, s.note, s.rounding):
            if field:
                assert not english.search(field["ms"]), (s.id, field["ms"])
                assert not re.search(r"\d{4}-\d{2}-\d{2}", field["ms"]), (s.id, field["ms"])
