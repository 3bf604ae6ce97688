"""Scenarios side by side (faedah compare), the comparison file, batches and the payroll CSV."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.engine.rules import default_rules
from estimator.law.compare import compare, pdb_curve
from estimator.model.casefile import read_case_file
from estimator.model.comparison_file import read_comparison_file, write_comparison_file

GOLDEN = Path(__file__).parent / "golden" / "compare"
FILES = [GOLDEN / "lec_20.case", GOLDEN / "lec_20_01.case", GOLDEN / "lec_25.case"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_compare_json_golden(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out, _ = _run(capsys, "compare", "lec_20.case", "lec_20_01.case", "lec_25.case", "--json")
    assert code == 0
    got = json.loads(out)
    # the golden file does not pin the pack's sha256 (a resealed pack must not break it): it says which pack
    expected = (
        (GOLDEN / "expected.compare").read_text().replace("BUNDLED_PACK_SHA256", default_rules().sha256)
    )
    assert got == json.loads(expected)
    for scenario in got["scenarios"]:  # each result is exactly what `faedah estimate --json` gives
        _, single, _ = _run(capsys, "estimate", scenario["file"], "--json")
        assert scenario["result"] == json.loads(single)
    paths = {d["path"]: d["values"] for d in got["differences"]}
    assert paths["benefits.PDB.monthly_amount"] == ["0.00", "549.30", "686.40"]
    assert paths["benefits.PDB.commutation"] == ["compulsory", "optional", "optional"]


def test_invalid_scenario_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "faedah-case", "version": 1}')
    code, _, err = _run(capsys, "compare", str(FILES[0]), str(bad))
    assert code == 2 and "bad.json" in err


def test_series_and_totals_agree() -> None:
    cases = [(p.stem, read_case_file(p)) for p in FILES]
    comparison = compare(cases)
    for scenario in comparison.scenarios:
        at_60 = next(point for point in scenario.series if point.age == 60)
        assert at_60.total == scenario.totals.by_60
    twenty, above = comparison.scenarios[0], comparison.scenarios[1]
    assert twenty.totals_commuted is None and above.totals_commuted is not None
    assert twenty.life_expectancy_age == Decimal("77.9")


def test_comparison_file_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = [(p.stem, read_case_file(p)) for p in FILES]
    path = write_comparison_file(tmp_path / "c.json", cases)
    assert json.loads(path.read_text())["format"] == "faedah-comparison"
    assert read_comparison_file(path) == cases
    code, out, _ = _run(capsys, "compare", str(path), "--json")
    assert code == 0 and [s["label"] for s in json.loads(out)["scenarios"]] == [p.stem for p in FILES]


def test_pdb_curve_shows_the_20_percent_cliff() -> None:
    curve = {point.lec_percent: point for point in pdb_curve(read_case_file(FILES[0]))}
    assert curve[Decimal("20")].monthly == Decimal("0.00")
    assert curve[Decimal("20.01")].monthly == Decimal("549.30")
    assert curve[Decimal("20")].lump_sum > curve[Decimal("20.01")].lump_sum


def test_pdf_has_every_monthly_amount_on_page_one(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from estimator.render.pdf.compare import write_comparison_pdf

    comparison = compare([(p.stem, read_case_file(p)) for p in FILES])
    out = write_comparison_pdf(comparison, tmp_path / "c.pdf", lang="both")
    page_one = PdfReader(str(out)).pages[0].extract_text()
    for scenario in comparison.scenarios:
        figures = scenario.figures("PDB")
        assert figures is not None and figures.monthly_amount is not None
        if figures.monthly_amount:  # a lump sum pays no month: "—", not a line of RM0.00 (issue 23)
            assert f"RM{figures.monthly_amount:,.2f}" in page_one
    assert "RM0.00" not in page_one


def test_batch_csv_carries_on_past_invalid_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    for p in FILES:
        (folder / f"{p.stem}.json").write_text(p.read_text())
    (folder / "broken.json").write_text("{")
    out = tmp_path / "out.csv"
    code, _, err = _run(capsys, "estimate", "--batch", str(folder), "--csv", str(out))
    assert code == 2 and "broken.json" in err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))  # Excel's BOM
    assert len(rows) == 4
    by_file = {Path(r["file"]).name: r for r in rows}
    assert by_file["lec_25.json"]["pdb_monthly"] == "686.40"
    assert by_file["lec_25.json"]["claimant_reference"] == "CMP-1"
    assert by_file["broken.json"]["problems"]


def test_payroll_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payroll = tmp_path / "payroll.csv"
    payroll.write_text("employee_reference,wage,age\nE1,3000,30\nE2,1500.50,58\nE3,abc,30\n")
    out = tmp_path / "out.csv"
    code, _, _ = _run(capsys, "contributions", "--csv", str(payroll), "--date", "2025-06", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))  # Excel's BOM
    assert code == 2  # E3 is not a number
    assert [r["employee_reference"] for r in rows] == ["E1", "E2", "E3", "TOTAL"]
    assert rows[0]["socso_employer"] and rows[2]["problems"]
    total = sum(Decimal(r["total"]) for r in rows[:2])
    assert Decimal(rows[-1]["total"]) == total


def test_sksr_curve_is_the_lump_sum_against_the_percent() -> None:
    """Act 838: the what-if curve is the lump sum (LEC% x RM30,000 presumed), no monthly amount and no 20% cliff."""
    case = read_case_file(Path(__file__).resolve().parent.parent / "samples" / "sksr_domestic_injury.json")
    curve = {point.lec_percent: point for point in pdb_curve(case)}
    assert curve[Decimal("20")].lump_sum == Decimal("6000.00")
    assert curve[Decimal("20.01")].lump_sum == Decimal("6003.00")
    assert all(point.monthly == 0 for point in curve.values())
