"""Contribution calculator: golden rows D18, D19, P14, P15, categories, EIS exclusions, Lindung 24/7 phases,
band edges, bad input and the ``faedah contributions`` command."""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal

import pytest

from estimator import CaseError
from estimator.cli.contributions import run_contributions
from estimator.cli.main import main
from estimator.engine.rules import default_rules
from estimator.law.contributions import ContributionResult, contributions

D = Decimal


def calc(wage: str, on: str, age: int, **kw: object) -> ContributionResult:
    return contributions(D(wage), date.fromisoformat(on), age, **kw)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------------- golden rows


def test_d18_wage_2000_category_1_with_eis() -> None:
    r = calc("2000.00", "2025-11-01", 35)
    assert (r.socso.category, r.socso.employer, r.socso.employee) == (1, D("34.15"), D("9.75"))
    assert (r.eis.status, r.eis.employer, r.eis.employee) == ("due", D("3.90"), D("3.90"))
    assert r.lindung.status == "not_in_force"
    assert (r.employer_total, r.employee_total, r.total) == (D("38.05"), D("13.65"), D("51.70"))
    assert not r.provisional  # verified table rows only


def test_d18_with_lindung_phase_1() -> None:
    r = calc("2000.00", "2026-11-01", 35)
    assert (r.lindung.status, r.lindung.phase, r.lindung.employee, r.lindung.employer) == (
        "due",
        1,
        D("14.65"),
        D("0"),
    )
    assert (r.employer_total, r.employee_total) == (D("38.05"), D("28.30"))
    assert r.provisional and r.lindung.provisional and not r.socso.provisional


def test_d19_age_60_category_2_without_eis() -> None:
    r = calc("2000.00", "2025-11-01", 60)
    assert (r.socso.category, r.socso.employer, r.socso.employee, r.socso.total) == (
        2,
        D("24.40"),
        D("0"),
        D("24.40"),
    )
    assert r.eis.status == "excluded" and r.eis.total == 0
    assert "60" in r.eis.reason["en"]
    assert r.total == D("24.40")


@pytest.mark.parametrize("wage", ["5900.01", "6000.00", "6000.01", "15000.00"])
def test_p14_top_band(wage: str) -> None:
    r = calc(wage, "2025-01-01", 40)
    assert (r.socso.employer, r.socso.employee, r.socso.total) == (D("104.15"), D("29.75"), D("133.90"))
    assert r.eis.employer == D("11.90") and r.eis.employee == D("11.90")


@pytest.mark.parametrize(
    ("on", "cat1", "cat2"),
    [
        ("2026-06-01", "178.55", "119.05"),
        ("2028-06-01", "193.40", "133.90"),
        ("2031-06-01", "208.30", "148.80"),
    ],
)
def test_p15_statutory_rows_with_lindung(on: str, cat1: str, cat2: str) -> None:
    assert calc("6000.00", on, 40).socso_lindung_total == D(cat1)
    assert calc("6000.00", on, 62).socso_lindung_total == D(cat2)


# ----------------------------------------------------------------------------------------------- boundaries


@pytest.mark.parametrize(
    ("on", "status", "phase", "amount"),
    [
        ("2026-05-31", "not_in_force", None, "0"),
        ("2026-06-01", "due", 1, "14.65"),
        ("2028-05-31", "due", 1, "14.65"),
        ("2028-06-01", "due", 2, "19.50"),
        ("2031-05-31", "due", 2, "19.50"),
        ("2031-06-01", "due", 3, "24.40"),
    ],
)
def test_lindung_phase_boundaries(on: str, status: str, phase: int | None, amount: str) -> None:
    line = calc("2000.00", on, 30).lindung
    assert (line.status, line.phase, line.employee) == (status, phase, D(amount))
    # in force from 1 June 2026 (reported); the contribution rows are derived, so a due line stays provisional
    assert line.provisional == (status == "due")


def test_wage_exactly_on_a_band_edge() -> None:
    edge, above = calc("2000.00", "2025-11-01", 35), calc("2000.01", "2025-11-01", 35)
    assert (edge.socso.band_item, edge.socso.employer, edge.eis.employee) == (24, D("34.15"), D("3.90"))
    assert (above.socso.band_item, above.socso.employer, above.socso.employee, above.eis.employee) == (
        25,
        D("35.85"),
        D("10.25"),
        D("4.10"),
    )


@pytest.mark.parametrize(
    ("on", "age", "first", "category"),
    [
        ("2025-11-01", 59, None, 1),
        ("2025-11-01", 60, None, 2),
        ("2025-11-01", 58, 54, 1),
        ("2025-11-01", 58, 55, 2),
        ("2012-12-31", 54, None, 1),  # before 2013 the limits were 55 and 50
        ("2012-12-31", 55, None, 2),
        ("2012-12-31", 52, 49, 1),
        ("2012-12-31", 52, 50, 2),
        ("2013-01-01", 55, 49, 1),
    ],
)
def test_category_by_age_and_date(on: str, age: int, first: int | None, category: int) -> None:
    r = calc("2000.00", on, age, age_at_first_contribution=first)
    assert r.socso.category == category
    expected = (D("34.15"), D("9.75")) if category == 1 else (D("24.40"), D("0"))
    assert (r.socso.employer, r.socso.employee) == expected


def test_unknown_first_contribution_age_is_assumed_and_said() -> None:
    r = calc("2000.00", "2025-11-01", 57)
    assert r.socso.category == 1
    assert any("not given" in n["en"] for n in r.notes)


def test_invalidity_pensioner_back_at_work_is_category_2() -> None:
    assert calc("2000.00", "2025-11-01", 45, invalidity_pensioner=True).socso.category == 2


def test_foreign_worker_category_changes_on_1_july_2024() -> None:
    before = calc("2000.00", "2024-06-30", 30, foreign=True)
    on_day = calc("2000.00", "2024-07-01", 30, foreign=True)
    assert (before.socso.category, before.socso.total) == (2, D("24.40"))
    assert (on_day.socso.category, on_day.socso.total) == (1, D("43.90"))
    assert before.eis.status == on_day.eis.status == "excluded"
    assert "foreign" in on_day.eis.reason["en"]


@pytest.mark.parametrize(
    ("age", "first", "on", "status"),
    [
        (17, None, "2025-11-01", "excluded"),
        (18, None, "2025-11-01", "due"),
        (59, None, "2025-11-01", "due"),
        (58, 57, "2025-11-01", "excluded"),  # first insured at 57
        (58, 30, "2025-11-01", "due"),
        (58, 56, "2025-11-01", "due"),
        (59, 20, "2018-06-01", "excluded"),  # already 58 when EIS began in 2018
        (40, None, "2017-12-31", "not_in_force"),
        (40, None, "2020-01-01", "due"),  # the RM4,000-ceiling EIS table of 2018
    ],
)
def test_eis_exclusions(age: int, first: int | None, on: str, status: str) -> None:
    assert calc("2000.00", on, age, age_at_first_contribution=first).eis.status == status


def test_zero_wage_means_no_contribution() -> None:
    r = calc("0", "2026-11-01", 35)
    assert {line.status for line in r.lines} == {"no_wage"}
    assert r.total == 0


def test_older_ceiling_uses_the_table_in_force() -> None:
    r = calc("5000.00", "2015-01-01", 40)
    assert r.socso.table == "wage_bands_2008-06.csv"
    assert (r.socso.employer, r.socso.employee) == (D("51.65"), D("14.75"))  # capped at RM3,000
    assert r.socso.confidence == default_rules().at("wages.band_table", date(2015, 1, 1)).confidence


def test_steps_list_the_rule_values() -> None:
    r = calc("2000.00", "2026-11-01", 35)
    keys = {p.key for s in r.steps for p in s.params}
    assert {
        "wages.band_table",
        "contributions.eis_table",
        "contributions.lindung_table",
        "lindung.phase",
        "invalidity.age_limit_notice",
    } <= keys
    assert all(p.source for s in r.steps for p in s.params)


# ----------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"wage": D("-1")}, "wage"),
        ({"wage": D("2000.005")}, "wage"),
        ({"wage": D("2000000")}, "wage"),
        ({"age": 5}, "age"),
        ({"age": 30, "age_at_first_contribution": 31}, "age_at_first_contribution"),
        ({"on": date(1960, 1, 1)}, "date"),
    ],
)
def test_bad_input_names_the_field(kw: dict, field: str) -> None:
    args = {"wage": D("2000"), "on": date(2025, 1, 1), "age": 30, **kw}
    with pytest.raises(CaseError) as e:
        contributions(**args)
    assert [p.field for p in e.value.problems] == [field]
    assert all(p.message["en"] and p.message["ms"] for p in e.value.problems)


# ----------------------------------------------------------------------------------------------- CLI


def test_cli_readable_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contributions", "--wage", "2000", "--date", "2026-11-01", "--age", "35"]) == 0
    out = capsys.readouterr().out
    assert "SOCSO, Category 1" in out and "34.15" in out and "9.75" in out and "14.65" in out
    assert "(P)" in out and "provisional" in out


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contributions", "--wage", "2000.00", "--date", "2025-11-01", "--age", "62", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "faedah-contributions"
    assert data["socso"]["category"] == 2 and data["socso"]["employer"] == "24.40"
    assert data["eis"]["status"] == "excluded" and data["total"] == "24.40"
    assert data["rules"]["sha256"]


def test_cli_in_malay(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "contributions",
                "--wage",
                "2000",
                "--date",
                "2025-11-01",
                "--age",
                "30",
                "--foreign",
                "--age-at-first-contribution",
                "25",
                "--lang",
                "ms",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "PERKESO, Kategori 1" in out and "Dikecualikan" in out


@pytest.mark.parametrize(
    ("argv", "prefix"),
    [
        (["--wage", "abc", "--date", "2025-11-01", "--age", "30"], "--wage:"),
        (["--wage", "-5", "--date", "2025-11-01", "--age", "30"], "--wage:"),
        (["--wage", "2000", "--date", "2025-13-01", "--age", "30"], "--date:"),
        (["--wage", "2000", "--date", "2025-11-01", "--age", "thirty"], "--age:"),
        (
            ["--wage", "2000", "--date", "2025-11-01", "--age", "30", "--age-at-first-contribution", "40"],
            "--age-at-first-contribution:",
        ),
    ],
)
def test_cli_bad_input_exit_2_one_line_per_field(
    argv: list[str], prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contributions", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(prefix)
    assert "Traceback" not in err[0]


def test_handler_directly_with_a_namespace(capsys: pytest.CaptureFixture[str]) -> None:
    ns = argparse.Namespace(
        wage="1,500",
        date="2025-11-01",
        age="25",
        age_at_first_contribution=None,
        foreign=False,
        invalidity_pensioner=False,
        json=False,
        lang="both",
    )
    assert run_contributions(ns) == 0
    out = capsys.readouterr().out
    assert "Employer" in out and "Majikan" in out
