"""The rule pack: validation at load, dated lookups, office overrides, provenance."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from estimator.engine.paths import accepted_office_pack_dir, resources_dir
from estimator.engine.rules import (
    RuleNotInForce,
    RulePackError,
    load_commutation_table,
    load_pack,
    load_rules,
)

BUNDLED = resources_dir() / "rules"


@pytest.fixture(autouse=True)
def _pack_self_test() -> Iterator[None]:
    """Office packs are self-tested with the estimator (as the CLI and the app do)."""
    from estimator.engine.rules import set_pack_verifier
    from estimator.law.selftest import install_pack_verifier

    install_pack_verifier()
    yield
    set_pack_verifier(None)


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "rules"
    shutil.copytree(BUNDLED, dest)
    return dest


def _edit_json(path: Path, fn) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_bundled_pack_loads_with_version_and_sha256() -> None:
    pack = load_pack(BUNDLED)
    assert pack.version and len(pack.sha256) == 64
    assert pack.at("ei.funeral_max", date(2024, 5, 31)).value == Decimal("2000.00")
    assert pack.at("ei.funeral_max", date(2024, 6, 1)).value == Decimal("3000.00")
    with pytest.raises(RuleNotInForce):
        pack.at("lindung.tdb_rate_percent", date(2026, 5, 31))


def test_every_value_has_source_and_confidence_and_provisional_flag() -> None:
    pack = load_pack(BUNDLED)
    for param in pack.parameters.values():
        for v in param.values:
            assert v.source
            assert v.confidence
            if v.confidence in ("INFERRED", "NOT FOUND", "CONFLICT"):
                assert v.provisional, v.key


def test_band_tables_cover_each_ceiling() -> None:
    pack = load_pack(BUNDLED)
    for on, ceiling, max_aw in [
        (date(2010, 1, 1), 3000, 2950),
        (date(2020, 1, 1), 4000, 3950),
        (date(2023, 1, 1), 5000, 4950),
        (date(2025, 1, 1), 6000, 5950),
    ]:
        table = pack.table("wages.band_table", on)
        assert table.ceiling == ceiling
        assert table.max_assumed_wage == max_aw


def test_sha256_changes_when_a_file_changes(pack_copy: Path) -> None:
    before = load_pack(pack_copy).sha256
    _edit_json(pack_copy / "manifest.json", lambda d: d.update(version="local-1"))
    assert load_pack(pack_copy).sha256 != before


@pytest.mark.parametrize(
    ("file", "mutate", "key"),
    [
        (
            "parameters_ei.json",
            lambda d: d["parameters"]["ei.funeral_max"]["values"].reverse(),
            "ei.funeral_max",
        ),
        (
            "parameters_ei.json",
            lambda d: d["parameters"]["dependants.share_spouse"]["values"][0].update(value="6/5"),
            "dependants.share_spouse",
        ),
        (
            "parameters_ei.json",
            lambda d: d["parameters"]["ei.tdb_rate_percent"]["values"][0].update(value="180"),
            "ei.tdb_rate_percent",
        ),
        ("parameters_ei.json", lambda d: d["parameters"].pop("ei.caa_monthly"), "ei.caa_monthly"),
        (
            "parameters_ei.json",
            lambda d: d["parameters"]["ei.min_daily_rate"]["values"][0].update(confidence="MAYBE"),
            "ei.min_daily_rate",
        ),
        (
            "parameters_ei.json",
            lambda d: d["parameters"]["ei.caa_monthly"]["values"][0].pop("source"),
            "ei.caa_monthly",
        ),
    ],
)
def test_damaged_pack_names_file_and_key(pack_copy: Path, file: str, mutate, key: str) -> None:  # type: ignore[no-untyped-def]
    _edit_json(pack_copy / file, mutate)
    with pytest.raises(RulePackError) as err:
        load_pack(pack_copy)
    assert key in err.value.key or key in str(err.value)
    assert err.value.file in (file, "manifest.json", "parameters")


def test_band_gap_and_falling_assumed_wage_are_refused(pack_copy: Path) -> None:
    path = pack_copy / "wage_bands_2024-10.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    del lines[30]  # a gap between two bands
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_pack(pack_copy)
    assert err.value.file == "wage_bands_2024-10.csv" and "contiguous" in err.value.message


def test_bad_json_is_refused_with_file_name(pack_copy: Path) -> None:
    (pack_copy / "parameters_lindung.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_pack(pack_copy)
    assert err.value.file == "parameters_lindung.json"


def test_office_pack_is_used_and_a_damaged_one_keeps_the_bundled(
    pack_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_json(pack_copy / "manifest.json", lambda d: d.update(version="office-7"))
    monkeypatch.setenv("FAEDAH_RULES_DIR", str(pack_copy))
    pack = load_rules()
    assert (pack.version, pack.origin) == ("office-7", "office")
    (pack_copy / "parameters_ei.json").write_text("[]", encoding="utf-8")
    pack = load_rules()  # the damaged pack is refused; the last accepted copy of office-7 stays in force
    assert (pack.version, pack.origin) == ("office-7", "office (last accepted copy)")
    assert pack.notices and "parameters_ei.json" in pack.notices[0]
    shutil.rmtree(accepted_office_pack_dir())
    pack = load_rules()  # no accepted copy: the bundled pack
    assert pack.origin == "bundled"


def test_official_commutation_table_replaces_the_provisional_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    official = tmp_path / "commutation.json"
    official.write_text(
        json.dumps(
            {
                "name": "Official table (test)",
                "unit": "per_rm1_daily_rate",
                "source": "ESS (General) Regulations 1971",
                "confidence": "VERBATIM",
                "method": "official",
                "rows": [[15, "5000"], [60, "2500"], [100, "500"]],
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("FAEDAH_COMMUTATION_FILE", str(official))
    pack = load_rules()
    table = pack.table("ei.commutation_table", date(2025, 1, 1))
    assert table.name == "Official table (test)" and not table.provisional
    assert table.factor(30) == Decimal("5000")
    from estimator import estimate, parse_case
    from tests.core_helpers import FAR_FUTURE, benefit, case

    r = estimate(
        parse_case(case(wage="2000.00", loss_of_earning_capacity_percent="10"), today=FAR_FUTURE), pack
    )
    opt = benefit(r, "PDB").options[0]
    assert opt.factor == Decimal("5000") and not opt.provisional


def test_commutation_table_validation(tmp_path: Path) -> None:
    bad = tmp_path / "c.json"
    bad.write_text(
        json.dumps(
            {
                "name": "x",
                "unit": "per_rm1_daily_rate",
                "source": "s",
                "confidence": "VERBATIM",
                "method": "m",
                "rows": [[20, "100"], [30, "200"]],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(RulePackError) as err:
        load_commutation_table(bad)
    assert "rows[1]" in err.value.key
