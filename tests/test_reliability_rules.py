"""Issue 7: a damaged rule pack or override file is refused naming the file and the key at fault, and the last
good pack (the bundled one) stays in force, with a notice that reaches the result.

tests/test_rules_pack.py covers reversed dates, bad shares, a bad percentage, a missing parameter, an unknown
confidence, a missing source, a band gap and invalid JSON; these are the other kinds of damage a pack copied by
USB stick or edited by hand can have.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from estimator import estimate, parse_case
from estimator.engine.paths import resources_dir
from estimator.engine.rules import RulePackError, load_pack, load_rules
from tests.core_helpers import FAR_FUTURE, case

BUNDLED = resources_dir() / "rules"
Mutation = Callable[[Path], None]


@pytest.fixture(autouse=True)
def _pack_self_test() -> Iterator[None]:
    """Office packs are self-tested with the estimator (as the CLI and the app do)."""
    from estimator.engine.rules import set_pack_verifier
    from estimator.law.selftest import install_pack_verifier

    install_pack_verifier()
    yield
    set_pack_verifier(None)


def _csv(name: str, row: int, fn: Callable[[list[str]], None]) -> Mutation:
    """Edit one data row (1 = first after the header) of a CSV table, cell by cell."""

    def m(folder: Path) -> None:
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines()
        cells = lines[row].split(",")
        fn(cells)
        lines[row] = ",".join(cells)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return m


def _cell(index: int, value: str) -> Callable[[list[str]], None]:
    def f(cells: list[str]) -> None:
        cells[index] = value

    return f


def _truncate(keep: int) -> Callable[[list[str]], None]:
    def f(cells: list[str]) -> None:
        del cells[keep:]

    return f


def _json(name: str, fn: Callable[[Any], None]) -> Mutation:
    def m(folder: Path) -> None:
        path = folder / name
        data = json.loads(path.read_text(encoding="utf-8"))
        fn(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    return m


def _value(key: str, **kw: Any) -> Mutation:
    return _json("parameters_ei.json", lambda d: d["parameters"][key]["values"][0].update(**kw))


def _spec(key: str, **kw: Any) -> Mutation:
    return _json("parameters_ei.json", lambda d: d["parameters"][key].update(**kw))


def _write(name: str, data: bytes) -> Mutation:
    def m(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return m


def _unlink(name: str) -> Mutation:
    return lambda folder: (folder / name).unlink()


BANDS = "wage_bands_2024-10.csv"

# (damage, mutation, file at fault, key at fault (a part of it))
DAMAGE: list[tuple[str, Mutation, str, str]] = [
    ("truncated CSV row", _csv(BANDS, 5, _truncate(4)), BANDS, "wages.band_table"),
    ("non-numeric cell", _csv(BANDS, 5, _cell(3, "abc")), BANDS, "wages.band_table"),
    ("empty cell", _csv(BANDS, 5, _cell(4, "")), BANDS, "wages.band_table"),
    ("reversed band", _csv(BANDS, 5, _cell(2, "1.00")), BANDS, "wages.band_table"),
    ("employer + employee != total", _csv(BANDS, 5, _cell(6, "9.99")), BANDS, "wages.band_table"),
    ("bad confidence in a table", _csv(BANDS, 5, _cell(9, "GUESS")), BANDS, "wages.band_table"),
    ("missing table file", _unlink("wage_bands_2022-09.csv"), "wage_bands_2022-09.csv", "wages.band_table"),
    ("missing parameter file", _unlink("parameters_lindung.json"), "parameters_lindung.json", "parameters"),
    (
        "huge table file",
        _write("injury_schedule.csv", b"id\n" + b"x" * 3_000_000),
        "injury_schedule.csv",
        "ei.injury_schedule",
    ),
    (
        "huge parameter file",
        _write("parameters_ei.json", b" " * 3_000_000),
        "parameters_ei.json",
        "parameters",
    ),
    (
        "binary table",
        _write("injury_schedule.csv", b"\xff\xfe\x00\x01" * 64),
        "injury_schedule.csv",
        "ei.injury_schedule",
    ),
    ("empty table", _write("eis_2024-10.csv", b""), "eis_2024-10.csv", "contributions.eis_table"),
    (
        "header only",
        _write("injury_schedule.csv", (BUNDLED / "injury_schedule.csv").read_bytes().splitlines()[0]),
        "injury_schedule.csv",
        "ei.injury_schedule",
    ),
    (
        "missing column",
        _csv("injury_schedule.csv", 0, _cell(6, "pct")),
        "injury_schedule.csv",
        "ei.injury_schedule",
    ),
    (
        "injury percent over 100",
        _csv("injury_schedule.csv", 1, _cell(6, "150")),
        "injury_schedule.csv",
        "ei.injury_schedule",
    ),
    (
        "duplicate injury id",
        _csv("injury_schedule.csv", 2, _cell(0, "S01")),
        "injury_schedule.csv",
        "ei.injury_schedule",
    ),
    ("value is a list", _value("ei.caa_monthly", value=[500]), "parameters_ei.json", "ei.caa_monthly"),
    (
        "date is a number",
        _value("ei.caa_monthly", **{"from": 20200101}),
        "parameters_ei.json",
        "ei.caa_monthly",
    ),
    (
        "impossible date",
        _value("ei.caa_monthly", **{"from": "2020-02-30"}),
        "parameters_ei.json",
        "ei.caa_monthly",
    ),
    (
        "whole number is text",
        _value("wages.window_months", value="six"),
        "parameters_ei.json",
        "wages.window_months",
    ),
    (
        "flag is text",
        _value("ei.pdb_minimum_before_lec", value="yes"),
        "parameters_ei.json",
        "ei.pdb_minimum_before_lec",
    ),
    ("negative money", _value("ei.caa_monthly", value="-500"), "parameters_ei.json", "ei.caa_monthly"),
    (
        "share divides by zero",
        _value("dependants.share_child", value="2/0"),
        "parameters_ei.json",
        "dependants.share_child",
    ),
    ("unknown kind", _spec("ei.caa_monthly", kind="money-ish"), "parameters_ei.json", "ei.caa_monthly"),
    (
        "values not a list",
        _spec("ei.caa_monthly", values={"value": 1}),
        "parameters_ei.json",
        "ei.caa_monthly",
    ),
    (
        "table outside the pack",
        _value("ei.injury_schedule", value="../injury_schedule.csv"),
        "parameters_ei.json",
        "ei.injury_schedule",
    ),
    (
        "parameters not an object",
        _json("parameters_ei.json", lambda d: d.update(parameters=[1])),
        "parameters_ei.json",
        "parameters",
    ),
    (
        "manifest not a pack",
        _json("manifest.json", lambda d: d.update(format="x")),
        "manifest.json",
        "format",
    ),
    (
        "manifest without files",
        _json("manifest.json", lambda d: d.update(parameter_files=[])),
        "manifest.json",
        "parameter_files",
    ),
    (
        "manifest truncated",
        _write("manifest.json", (BUNDLED / "manifest.json").read_bytes()[:40]),
        "manifest.json",
        "manifest",
    ),
]

# Damage the loader once let through, or turned into an error other than RulePackError (so that load_rules() with
# such an office pack raised instead of keeping the bundled pack, and the app could not start).
DAMAGE += [
    ("non-numeric item number", _csv(BANDS, 5, _cell(0, "x")), BANDS, "wages.band_table"),
    ("description is text", _spec("ei.caa_monthly", description="x"), "parameters_ei.json", "ei.caa_monthly"),
    ("kind is a list", _spec("ei.caa_monthly", kind=["money"]), "parameters_ei.json", "ei.caa_monthly"),
    (
        "file name is a number",
        _json("manifest.json", lambda d: d.update(parameter_files=[7])),
        "manifest.json",
        "parameter_files",
    ),
    ("NaN amount", _value("ei.caa_monthly", value="NaN"), "parameters_ei.json", "ei.caa_monthly"),
    ("infinite amount", _value("ei.caa_monthly", value="Infinity"), "parameters_ei.json", "ei.caa_monthly"),
    ("nested too deep", _write("manifest.json", b"[" * 100_000), "manifest.json", "manifest"),
]


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "rules"
    shutil.copytree(BUNDLED, dest)
    return dest


def _check_refused(folder: Path, file: str, key: str) -> RulePackError:
    with pytest.raises(RulePackError) as err:
        load_pack(folder)
    assert err.value.file == file, str(err.value)
    assert key in err.value.key, str(err.value)
    assert err.value.message
    return err.value


@pytest.mark.parametrize(("what", "mutate", "file", "key"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_damaged_pack_is_refused_naming_file_and_key(
    pack_copy: Path, what: str, mutate: Mutation, file: str, key: str
) -> None:
    mutate(pack_copy)
    _check_refused(pack_copy, file, key)


@pytest.mark.parametrize(("what", "mutate", "file", "key"), DAMAGE[::3], ids=[d[0] for d in DAMAGE[::3]])
def test_damaged_office_pack_keeps_the_bundled_pack(
    pack_copy: Path, monkeypatch: pytest.MonkeyPatch, what: str, mutate: Mutation, file: str, key: str
) -> None:
    good = load_pack(BUNDLED)
    mutate(pack_copy)
    monkeypatch.setenv("FAEDAH_RULES_DIR", str(pack_copy))
    pack = load_rules()
    assert pack.origin == "bundled" and pack.sha256 == good.sha256
    assert len(pack.notices) == 1 and file in pack.notices[0] and key in pack.notices[0]
    # the estimate still works, with the bundled pack, and says why
    result = estimate(parse_case(case(loss_of_earning_capacity_percent="20"), today=FAR_FUTURE), pack)
    assert result.rules.origin == "bundled" and result.benefits
    warnings = [w for w in result.warnings if w.code == "RULE_PACK"]
    assert warnings and file in warnings[0].message["en"] and file in warnings[0].message["ms"]


def test_cli_with_a_damaged_office_pack_still_estimates(
    pack_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from estimator.cli.main import main
    from tests.conftest import SAMPLES

    _csv(BANDS, 5, _cell(3, "abc"))(pack_copy)
    monkeypatch.setenv("FAEDAH_RULES_DIR", str(pack_copy))
    assert main(["estimate", str(SAMPLES / "tdb_work_accident.json"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rules"]["origin"] == "bundled"
    assert any(BANDS in w["message"]["en"] for w in out["warnings"])
    assert main(["rules"]) == 0
    assert f"notice: office rule pack refused: {BANDS}" in capsys.readouterr().out


def test_cli_refuses_a_damaged_pack_given_explicitly(
    pack_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from estimator.cli.main import main
    from tests.conftest import SAMPLES

    _unlink("wage_bands_2022-09.csv")(pack_copy)
    assert main(["estimate", str(SAMPLES / "tdb_work_accident.json"), "--rules", str(pack_copy)]) == 1
    err = capsys.readouterr().err
    assert "wage_bands_2022-09.csv" in err and "wages.band_table" in err and "Traceback" not in err
    assert main(["rules", "--check", str(pack_copy)]) == 1
    assert "wage_bands_2022-09.csv" in capsys.readouterr().err


# ----------------------------------------------------------------------------------------------- commutation


GOOD_TABLE = {
    "name": "Official (test)",
    "unit": "per_rm1_daily_rate",
    "source": "ESS (General) Regulations",
    "confidence": "VERBATIM",
    "method": "official",
    "rows": [[15, "5000"], [60, "2500"], [100, "500"]],
}

COMMUTATION_DAMAGE: list[tuple[str, bytes, str]] = [
    ("truncated", json.dumps(GOOD_TABLE).encode()[:-15], "ei.commutation_table"),
    ("binary", b"\x00\xff\xfe" * 10, "ei.commutation_table"),
    ("huge", b" " * 3_000_000, "ei.commutation_table"),
    ("not an object", b"[]", "ei.commutation_table"),
    ("missing rows", json.dumps({k: v for k, v in GOOD_TABLE.items() if k != "rows"}).encode(), "rows"),
    ("one row", json.dumps(dict(GOOD_TABLE, rows=[[15, "5000"]])).encode(), "rows"),
    ("age as text", json.dumps(dict(GOOD_TABLE, rows=[["15", "5000"], [60, "1"]])).encode(), "rows[0]"),
    ("factor as word", json.dumps(dict(GOOD_TABLE, rows=[[15, "many"], [60, "1"]])).encode(), "rows[0]"),
    ("zero factor", json.dumps(dict(GOOD_TABLE, rows=[[15, "5000"], [60, "0"]])).encode(), "rows[1]"),
    ("ages descending", json.dumps(dict(GOOD_TABLE, rows=[[60, "5000"], [15, "4000"]])).encode(), "rows[1]"),
    ("wrong unit", json.dumps(dict(GOOD_TABLE, unit="per_rm1_monthly")).encode(), "unit"),
    ("bad confidence", json.dumps(dict(GOOD_TABLE, confidence="SURE")).encode(), "confidence"),
    (
        "bad interest rate",
        json.dumps(dict(GOOD_TABLE, interest_rate_percent="six")).encode(),
        "interest_rate_percent",
    ),
]


@pytest.mark.parametrize(("what", "raw", "key"), COMMUTATION_DAMAGE, ids=[d[0] for d in COMMUTATION_DAMAGE])
def test_damaged_commutation_file_keeps_the_provisional_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, raw: bytes, key: str
) -> None:
    office = tmp_path / "commutation.json"
    office.write_bytes(raw)
    monkeypatch.setenv("FAEDAH_COMMUTATION_FILE", str(office))
    pack = load_rules()
    bundled = load_pack(BUNDLED)
    on = date(2025, 6, 10)
    assert pack.table("ei.commutation_table", on).factors == bundled.table("ei.commutation_table", on).factors
    assert len(pack.notices) == 1
    assert "commutation.json" in pack.notices[0] and key in pack.notices[0]


@pytest.mark.parametrize(
    ("what", "table"),
    [
        ("NaN factor", dict(GOOD_TABLE, rows=[[15, "NaN"], [60, "1"]])),
        ("method text not text", dict(GOOD_TABLE, method={"en": 5, "ms": 6})),
        ("nested too deep", None),
    ],
)
def test_commutation_damage_once_missed_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, table: dict[str, Any] | None
) -> None:
    office = tmp_path / "commutation.json"
    office.write_bytes(b"[" * 100_000 if table is None else json.dumps(table).encode())
    monkeypatch.setenv("FAEDAH_COMMUTATION_FILE", str(office))
    pack = load_rules()
    assert len(pack.notices) == 1 and "commutation.json" in pack.notices[0]
    on = date(2025, 6, 10)
    assert (
        pack.table("ei.commutation_table", on).factors
        == load_pack(BUNDLED).table("ei.commutation_table", on).factors
    )
