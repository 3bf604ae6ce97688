"""The CLI contract and case-file validation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from estimator import CaseError, case_to_dict, parse_case, read_case_file, write_case_file
from estimator.cli.main import main
from tests.conftest import ROOT, SAMPLES
from tests.core_helpers import FAR_FUTURE, case


def _write(tmp_path: Path, data: object, name: str = "case.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def test_estimate_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["estimate", str(SAMPLES / "death_four_dependants.json"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in (
        "average_assumed_monthly_wage",
        "average_assumed_daily_wage",
        "benefits",
        "not_payable",
        "warnings",
        "steps",
        "provisional",
        "rules",
    ):
        assert key in out
    assert set(out["rules"]) >= {"version", "sha256"}
    dep = next(b for b in out["benefits"] if b["code"] == "DEPENDANTS")
    assert dep["daily_rate"] == "124.50"
    assert {"relationship", "date_of_birth", "share", "daily_rate", "ends_on"} <= set(dep["payees"][0])
    funeral = next(b for b in out["benefits"] if b["code"] == "FUNERAL")
    assert funeral["total"] == "3000.00"


def test_estimate_pdb_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["estimate", str(SAMPLES / "pdb_partial_commuting.json"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    pdb = next(b for b in out["benefits"] if b["code"] == "PDB")
    assert {"daily_rate", "monthly_amount", "loss_of_earning_capacity_percent", "options"} <= set(pdb)
    assert {"kind", "lump_sum", "monthly_amount", "provisional"} <= set(pdb["options"][0])
    tdb = next(b for b in out["benefits"] if b["code"] == "TDB")
    assert {"daily_rate", "days", "total"} <= set(tdb)
    assert out["provisional"] is True


def test_readable_summary_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["estimate", str(SAMPLES / "tdb_work_accident.json"), "--lang", "both"]) == 0
    out = capsys.readouterr().out
    assert "Temporary disablement benefit" in out and "Faedah hilang upaya sementara" in out
    assert "RM520.00" in out and "not PERKESO's decision" in out


def test_invalid_input_exit_2_with_field_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = case(medical_leave_days=-1, loss_of_earning_capacity_percent="120")
    data["dependants"] = [{"relationship": "cousin", "date_of_birth": "2000-01-01"}]
    data["monthly_wages"][0]["wage"] = "-5"
    assert main(["estimate", str(_write(tmp_path, data))]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    fields = {line.split(":")[0] for line in err}
    assert {
        "medical_leave_days",
        "loss_of_earning_capacity_percent",
        "dependants[0].relationship",
        "monthly_wages[0].wage",
    } <= fields
    assert "Traceback" not in "\n".join(err)


def test_messages_in_malay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = case()
    data["date_of_birth"] = "2030-01-01"
    assert main(["estimate", str(_write(tmp_path, data)), "--lang", "ms"]) == 2
    assert "Tarikh lahir mesti sebelum tarikh kejadian" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"format": "faedah-case", "version": 1,', "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b'{"format": "faedah-case", "version": 9}', "newer Faedah"),
        (b'{"format": "other"}', "Not a Faedah case file"),
    ],
)
def test_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: str) -> None:
    p = tmp_path / "bad.json"
    p.write_bytes(content)
    assert main(["estimate", str(p)]) == 2
    assert code in capsys.readouterr().err


def test_oversized_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "big.json"
    p.write_bytes(b" " * 1_100_000)
    assert main(["estimate", str(p)]) == 2
    assert "too large" in capsys.readouterr().err


def test_semantic_checks() -> None:
    bad = case(event="2025-06-10")
    bad["dependants"] = [
        {"relationship": "spouse", "date_of_birth": "2020-01-01"},
        {"relationship": "parent", "date_of_birth": "1990-01-01"},
    ]
    bad["monthly_wages"].append({"month": "2025-07", "wage": "100.00"})
    bad["days_worked_with_wages"] = 3
    with pytest.raises(CaseError) as err:
        parse_case(bad, today=FAR_FUTURE)
    fields = {p.field: p.code for p in err.value.problems}
    assert fields["dependants[0].date_of_birth"] == "spouse_too_young"
    assert fields["dependants[1].date_of_birth"] == "parent_younger"
    assert fields["monthly_wages[6].month"] == "month_after_event"
    assert fields["days_worked_with_wages"] == "worked_more_than_leave"


def test_future_date_before_scheme_and_absurd_history() -> None:
    from datetime import date

    with pytest.raises(CaseError) as err:
        parse_case(case(event="2031-01-01"), today=date(2026, 11, 22))
    assert err.value.problems[0].code == "future"
    with pytest.raises(CaseError) as err:
        parse_case(case(event="1969-05-01", date_of_birth="1940-01-01"), today=FAR_FUTURE)
    assert "before_scheme" in {p.code for p in err.value.problems}
    long = case(event="2025-06-10", date_of_birth="1985-03-01", n=601)
    with pytest.raises(CaseError) as err:
        parse_case(long, today=FAR_FUTURE)
    assert {p.field for p in err.value.problems} == {"monthly_wages"}


def test_older_version_is_migrated() -> None:
    old = {
        "format": "faedah-case",
        "version": 0,
        "scheme": "employment_injury",
        "incident_type": "work_accident",
        "outcome": "injury",
        "event_date": "2025-06-10",
        "date_of_birth": "1985-03-01",
        "wages": {"2025-05": "2000.00", "2025-04": "2000.00"},
        "lec_percent": "12",
    }
    c = parse_case(old, today=FAR_FUTURE)
    assert c.version == 1 and [w.month for w in c.monthly_wages] == ["2025-04", "2025-05"]
    assert str(c.loss_of_earning_capacity_percent) == "12"


def test_round_trip_and_atomic_write(tmp_path: Path) -> None:
    c = read_case_file(SAMPLES / "death_four_dependants.json")
    target = tmp_path / "saved.json"
    write_case_file(target, c)
    write_case_file(target, c)
    assert (tmp_path / "saved.json.bak").exists()
    again = read_case_file(target)
    assert case_to_dict(again) == case_to_dict(c)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_json_floats_never_become_money_floats(tmp_path: Path) -> None:
    data = case()
    data["monthly_wages"][0]["wage"] = 2000.1  # a JSON number, not a string
    raw = json.dumps(data).encode()
    from estimator.model.case import decode_case_bytes

    doc = decode_case_bytes(raw)
    c = parse_case(doc, today=FAR_FUTURE)
    assert str(c.monthly_wages[0].wage) == "2000.1"


def test_estimator_does_not_import_qt() -> None:
    code = (
        "import sys, estimator, estimator.cli.main, estimator.law.estimate, estimator.law.injuries, estimator.render.text; "
        "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6','ui'))]; print(bad); "
        "sys.exit(1 if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "sha256" in out and "version" in out


def test_sixteen_dependants_with_long_names_and_a_long_address_still_print(tmp_path: Path) -> None:
    """Once a reportlab LayoutError (CLI exit 3, app "could not be prepared"); now the page is shrunk to fit."""
    import json as _json

    from estimator.cli.main import main as cli_main

    doc = _json.loads((ROOT / "samples" / "death_four_dependants.json").read_text(encoding="utf-8"))
    long_name = "W" * 120
    doc["claimant_name"] = long_name
    doc["dependants"] = [{"relationship": "spouse", "date_of_birth": "1984-01-01", "name": long_name}] + [
        {"relationship": "child", "date_of_birth": "2010-01-01", "name": long_name, "disabled": True}
        for _ in range(15)
    ]
    src = tmp_path / "case.json"
    src.write_text(_json.dumps(doc), encoding="utf-8")
    out = tmp_path / "o.pdf"
    address = "Tingkat 3, Wisma PERKESO\n" * 200
    assert cli_main(["estimate", str(src), "--pdf", str(out), "--office-address", address]) == 0
    assert out.read_bytes().startswith(b"%PDF")
