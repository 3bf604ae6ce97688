"""Golden cases as data: every tests/golden/<group>/<name>.json is a case and the figures its result must show.

The published P/D rows of worked_examples_and_acceptance_tests.csv and the boundary cases (band edges, day and
percentage thresholds, each rule-change date).  See estimator/model/expect.py for the format.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from estimator import estimate, parse_case
from estimator.model.casefile import injury_ids
from estimator.model.expect import GoldenCase, PathError, failures, load_golden, resolve, unresolved
from estimator.model.result import Result

GOLDEN = Path(__file__).resolve().parent / "golden"
FILES = sorted(GOLDEN.rglob("*.json"))


def _id(path: Path) -> str:
    return path.relative_to(GOLDEN).with_suffix("").as_posix()


def _run(golden: GoldenCase) -> Result:
    case = parse_case(golden.case, today=golden.today or date.today(), injury_ids=injury_ids())
    return estimate(case)


def test_there_are_golden_files() -> None:
    assert len(FILES) >= 40
    assert {p.parent.name for p in FILES} >= {"injury", "death", "lindung", "invalidity"}


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_golden_case(path: Path) -> None:
    golden = load_golden(path)
    problems = failures(_run(golden), golden.expect)
    assert not problems, f"{_id(path)} ({golden.source}):\n" + "\n".join(problems)


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_golden_file_is_well_formed(path: Path) -> None:
    """The case validates with the file's 'today', and every expected path leads somewhere in the result."""
    golden = load_golden(path)
    assert path.parent.parent == GOLDEN, "one folder level: tests/golden/<group>/<name>.json"
    assert golden.today is not None or date.fromisoformat(str(golden.case["event_date"])) <= date.today()
    assert not unresolved(_run(golden), golden.expect)


# ----------------------------------------------------------------------------------------------- the checker


def test_load_golden_refuses_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{"format": "faedah-golden", "version": 1, "name": "x", "source": "y", "case": {},'
        ' "expect": {"provisional": false}, "expected": {}}',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="expected"):
        load_golden(path)


def _result() -> Result:
    return _run(load_golden(GOLDEN / "injury" / "p6_d4_minimum_daily_rate.json"))


def test_failures_are_readable_lines() -> None:
    result = _result()
    assert failures(result, {"benefits.TDB.daily_rate": "30.00", "benefits.TDB.days": 5}) == []
    assert failures(result, {"benefits.TDB.daily_rate": "52.00"}) == [
        "benefits.TDB.daily_rate: expected 52.00, got 30.00"
    ]
    assert (
        failures(result, {"benefits.TDB.total": Decimal("150.00"), "provisional": result.provisional}) == []
    )
    shown = "true" if result.provisional else "false"
    assert failures(result, {"provisional": shown}) == [f'provisional: expected "{shown}", got {shown}']
    (missing,) = failures(result, {"benefits.PDB.daily_rate": "1.00"})
    assert missing.startswith("benefits.PDB.daily_rate: expected 1.00, but") and "'PDB'" in missing


def test_paths_select_by_code_id_and_index() -> None:
    document = _result().model_dump(mode="json")
    assert resolve(document, "benefits.TDB.daily_rate") == "30.00"
    assert resolve(document, "benefits[TDB].daily_rate") == "30.00"
    assert resolve(document, "steps[tdb.daily].id") == "tdb.daily"
    assert resolve(document, "wage_months[-1].last") == "2025-05"  # six months of one wage: one run
    with pytest.raises(PathError, match="outside"):
        resolve(document, "wage_months[1]")
    with pytest.raises(PathError, match="no field"):
        resolve(document, "benefits.TDB.weekly_rate")


def test_null_means_absent_and_lists_of_strings_are_codes() -> None:
    result = _result()
    assert failures(result, {"benefits.PDB": None, "wage_months[6]": None, "not_payable": []}) == []
    assert failures(result, {"benefits": ["MEDICAL", "TDB"]}) != []
    codes = sorted(b.code for b in result.benefits)
    assert failures(result, {"benefits": codes}) == []
    (present,) = failures(result, {"benefits.TDB": None})
    assert present.startswith('benefits.TDB: expected null, got {"code": "TDB"')
    assert unresolved(result, {"nothing.PDB": None}) != []
