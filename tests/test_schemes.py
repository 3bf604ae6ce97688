"""The Self-Employment (SKSPS, Act 789) and Housewives' (SKSSR, Act 838) schemes through the shared machinery:
the contribution of each plan, the samples on every output, and the case file's new keys."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from estimator import estimate, parse_case
from estimator.cli.main import main
from estimator.law.schemes import laws_for
from estimator.law.sksps_contributions import plan_contribution
from estimator.model.case import case_to_dict
from estimator.model.casefile import injury_ids
from estimator.present import present_all

ROOT = Path(__file__).resolve().parent.parent
PLANS_CSV = Path("/work/shared/reference/tables/sksps_plans.csv")
PLANS = {  # tables/sksps_plans.csv (manfaat.mof.gov.my), copied so the test runs without shared/
    1: ("1050.00", "13.10", "157.20"),
    2: ("1550.00", "19.40", "232.80"),
    3: ("2950.00", "36.90", "442.80"),
    4: ("3950.00", "49.40", "592.80"),
}
SAMPLES = sorted((ROOT / "samples").glob("sks*.json"))


def test_the_copied_plan_table_matches_the_reference() -> None:
    if not PLANS_CSV.exists():
        pytest.skip("shared reference not here")
    with PLANS_CSV.open(encoding="utf-8") as handle:
        rows = {int(r["plan"]): r for r in csv.DictReader(handle)}
    for plan, (earning, monthly, yearly) in PLANS.items():
        row = rows[plan]
        assert Decimal(row["insured_monthly_earning_RM"]) == Decimal(earning)
        assert Decimal(row["monthly_contribution_RM"]) == Decimal(monthly)
        assert Decimal(row["annual_contribution_RM"]) == Decimal(yearly)


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_plan_contribution(plan: int) -> None:
    result = plan_contribution(plan, date(2025, 6, 1))
    earning, monthly, yearly = PLANS[plan]
    assert f"{result.insured_monthly_earning:.2f}" == earning
    assert f"{result.monthly_contribution:.2f}" == monthly
    assert f"{result.yearly_contribution:.2f}" == yearly
    assert result.confidence == "VERBATIM"


def test_contributions_cli_sksps_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contributions", "--sksps-plan", "4", "--date", "2025-06-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["monthly_contribution"] == "49.40" and data["yearly_contribution"] == "592.80"
    assert main(["contributions", "--sksps-plan", "1", "--date", "2025-06-01"]) == 0
    assert "RM157.20 a year" in capsys.readouterr().out
    assert main(["contributions", "--sksps-plan", "1", "--date", "2016-01-01"]) == 2  # before the scheme


def test_the_wage_contributions_are_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contributions", "--wage", "2000", "--date", "2025-11-01", "--age", "35", "--json"]) == 0
    assert "faedah-sksps-contribution" not in capsys.readouterr().out


def test_the_schemes_are_registered() -> None:
    for scheme, outcomes in (
        ("self_employment", ("injury", "death")),
        ("housewives", ("injury", "invalidity", "death")),
    ):
        for outcome in outcomes:
            assert laws_for(scheme, outcome), (scheme, outcome)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_on_every_output(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON, the text, the PDF and the presentation: no renderer knows these schemes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    case = parse_case(data, today=date(2045, 1, 1), injury_ids=injury_ids())
    saved = case_to_dict(case)  # the new keys round-trip
    assert parse_case(saved, today=date(2045, 1, 1)) == case
    assert saved["contribution_paid_on"] == data["contribution_paid_on"]
    assert saved.get("sksps_plan") == data.get("sksps_plan")
    result = estimate(case)
    assert result.benefits and not [n for n in result.not_payable if n.code in ("SKSPS", "SKSSR", "RULES")]
    views = present_all(result)
    assert {v.code for v in views} == {b.code for b in result.benefits}
    pdf = tmp_path / "out.pdf"
    assert main(["estimate", str(path), "--pdf", str(pdf)]) == 0
    text = capsys.readouterr().out
    assert pdf.read_bytes().startswith(b"%PDF")
    assert ("Act 789" in text) if case.scheme == "self_employment" else ("Act 838" in text)
    assert main(["estimate", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scheme"] == case.scheme


def test_first_pages_are_in_docs() -> None:
    for path in SAMPLES:
        assert (ROOT / "docs" / "samples" / f"{path.stem}-en-p1.png").exists(), path.stem


def test_sksps_reads_act_789s_rules_not_act_4s() -> None:
    case = parse_case(
        json.loads((ROOT / "samples" / "sksps_rider_tdb_pdb.json").read_text(encoding="utf-8")),
        today=date(2045, 1, 1),
    )
    result = estimate(case)
    keys = {p.key for s in result.steps for p in s.params}
    assert {"sksps.tdb_rate_percent", "sksps.ptd_rate_percent", "sksps.min_daily_rate"} <= keys
    assert not keys & {"ei.tdb_rate_percent", "ei.ptd_rate_percent", "ei.min_daily_rate"}


def test_a_housewife_case_needs_the_matching_outcome() -> None:
    from estimator import CaseError

    data = {
        "format": "faedah-case",
        "version": 1,
        "scheme": "housewives",
        "incident_type": "domestic_injury",
        "outcome": "invalidity",
        "event_date": "2025-06-10",
        "date_of_birth": "1985-03-01",
    }
    with pytest.raises(CaseError):
        parse_case(data, today=date(2045, 1, 1))
