"""A rule pack an office can trust: implausible or tampered packs are refused with the reason, and none of them
can crash or hang an estimate; a changed pack needs its own version; the difference from the published pack is
visible; provisional marks cannot be removed by relabelling."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from estimator.cli.main import main
from estimator.engine.paths import resources_dir
from estimator.engine.rules import (
    RulePackError,
    load_bundled,
    load_pack,
    load_rules,
    seal_pack,
    set_pack_verifier,
)
from estimator.law.estimate import estimate
from estimator.law.selftest import install_pack_verifier
from estimator.model.case import parse_case

BUNDLED = resources_dir() / "rules"
SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.json"))
Mutation = Callable[[Path], None]


@pytest.fixture(autouse=True)
def _pack_self_test() -> Iterator[None]:
    install_pack_verifier()
    yield
    set_pack_verifier(None)


def _office_copy(tmp_path: Path, version: str = "office-2027.1") -> Path:
    dest = tmp_path / "rules"
    shutil.copytree(BUNDLED, dest)
    _edit(dest / "manifest.json", lambda d: d.update(version=version))
    return dest


def _edit(path: Path, fn: Callable[[Any], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _value(file: str, key: str, value: Any, index: int = 0) -> Mutation:
    def mutate(folder: Path) -> None:
        _edit(folder / file, lambda d: d["parameters"][key]["values"][index].update(value=value))

    return mutate


def _raw(file: str, old: str, new: str) -> Mutation:
    def mutate(folder: Path) -> None:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def _commutation_factor(folder: Path) -> None:
    _edit(folder / "commutation_provisional.json", lambda d: d["rows"][0].__setitem__(1, "1000000000"))


def _duplicate_parameter(folder: Path) -> None:
    path = folder / "parameters_ei.json"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split('"parameters": {', 1)
    extra = '"wages.days_divisor": {"kind": "int", "values": [{"value": 1, "from": "1971-01-01", "source": "x", "confidence": "VERBATIM"}]},'
    path.write_text(head + '"parameters": {' + extra + rest, encoding="utf-8")


def _eis_contribution(folder: Path) -> None:
    path = folder / "eis_2024-10.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[-1].split(",")
    cells[3:6] = ["500.00", "500.00", "1000.00"]
    lines[-1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _no_acceptance(folder: Path) -> None:
    shutil.rmtree(folder / "acceptance")


# (kind of damage, mutation, reseal the manifest?, a fragment of the refusal)
CASES: list[tuple[str, Mutation, bool, str]] = [
    ("divisor 0", _value("parameters_ei.json", "wages.days_divisor", 0), True, "outside the plausible range"),
    (
        "divisor -30",
        _value("parameters_ei.json", "wages.days_divisor", -30),
        True,
        "outside the plausible range",
    ),
    (
        "window 1e9",
        _value("parameters_ei.json", "wages.window_months", 1_000_000_000),
        True,
        "plausible range",
    ),
    ("window float 1e9", _raw("parameters_ei.json", '"value": 6,', '"value": 1e9,'), True, "whole number"),
    ("minimum 1E+30", _value("parameters_ei.json", "ei.min_daily_rate", "1E+30"), True, "plausible number"),
    (
        "funeral RM1m",
        _value("parameters_ei.json", "ei.funeral_max", "1000000.00", 2),
        True,
        "plausible range",
    ),
    ("commutation 1e9", _commutation_factor, True, "actuarial range"),
    ("duplicate parameter", _duplicate_parameter, True, "given twice"),
    (
        "unknown parameter",
        _raw("parameters_ei.json", '"wages.window_months"', '"wages.windows"'),
        True,
        "not a parameter",
    ),
    ("kind changed", _raw("parameters_ei.json", '"kind": "int"', '"kind": "decimal"'), True, "kind must be"),
    ("edited after sealing", _value("parameters_ei.json", "ei.funeral_max", "2500.00", 2), False, "sha256"),
    ("phase 7", _value("parameters_lindung.json", "lindung.phase", 7), True, "plausible range"),
    ("EIS RM1,000", _eis_contribution, True, "implausibly high"),
    ("NaN", _raw("parameters_ei.json", '"value": 6,', '"value": NaN,'), True, "not a number a rule pack"),
    (
        "huge integer",
        _raw("parameters_ei.json", '"value": 6,', '"value": ' + "9" * 5000 + ","),
        True,
        "usable JSON",
    ),
    ("no acceptance cases", _no_acceptance, True, "no acceptance cases"),
    ("fails its own case", _value("parameters_ei.json", "ei.tdb_rate_percent", "70"), True, "self-test"),
    ("spouse share 0", _value("parameters_ei.json", "dependants.share_spouse", "0"), True, "share"),
]


@pytest.mark.parametrize(("kind", "mutate", "reseal", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_implausible_or_tampered_office_pack_is_refused_and_estimates_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, mutate: Mutation, reseal: bool, fragment: str
) -> None:
    office = _office_copy(tmp_path)
    mutate(office)
    if reseal:
        try:
            seal_pack(office)
        except RulePackError as exc:  # refused while sealing already: the loader says the same
            assert fragment in str(exc), str(exc)
    monkeypatch.setenv("FAEDAH_RULES_DIR", str(office))
    pack = load_rules()
    assert pack.origin == "bundled", kind
    assert pack.notices and "office rule pack refused" in pack.notices[0]
    assert fragment in pack.notices[0], pack.notices[0]
    for sample in SAMPLES:  # none of them crashes an estimate
        estimate(parse_case(json.loads(sample.read_text(encoding="utf-8"))), pack)
    assert main(["estimate", str(SAMPLES[0]), "--brief"]) == 0


def test_same_version_with_changed_content_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = _office_copy(tmp_path, version=load_bundled().version)
    _value("parameters_ei.json", "ei.ptd_rate_percent", "99")(office)
    seal_pack(office)
    monkeypatch.setenv("FAEDAH_RULES_DIR", str(office))
    pack = load_rules()
    assert pack.origin == "bundled"
    assert "a changed pack needs its own version" in pack.notices[0]


def test_a_changed_value_says_so_and_is_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    office = _office_copy(tmp_path)
    _value("parameters_ei.json", "ei.caa_monthly", "600.00")(office)
    seal_pack(office)
    monkeypatch.setenv("FAEDAH_RULES_DIR", str(office))
    pack = load_rules()
    assert pack.origin == "office" and pack.differs_from_published == 1, pack.notices
    value = pack.at("ei.caa_monthly", date(2025, 1, 1))
    assert value.source.startswith("office rule pack office-2027.1, changed from the published pack")


def test_relabelled_commutation_table_stays_provisional(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    relabelled = tmp_path / "commutation.json"
    shutil.copyfile(BUNDLED / "commutation_provisional.json", relabelled)
    _edit(relabelled, lambda d: d.update(provisional=False, confidence="VERBATIM", source="official"))
    monkeypatch.setenv("FAEDAH_COMMUTATION_FILE", str(relabelled))
    pack = load_rules()
    value = pack.at("ei.commutation_table", date(2025, 1, 1))
    assert value.provisional and value.value.provisional
    assert pack.sha256 != load_bundled().sha256  # the metadata is part of the fingerprint


def test_office_commutation_file_with_huge_factors_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "commutation.json"
    shutil.copyfile(BUNDLED / "commutation_provisional.json", bad)
    _edit(bad, lambda d: d["rows"][0].__setitem__(1, "1e9"))
    monkeypatch.setenv("FAEDAH_COMMUTATION_FILE", str(bad))
    pack = load_rules()
    assert "actuarial range" in pack.notices[0]
    assert pack.at("ei.commutation_table", date(2025, 1, 1)).value.file == "commutation_provisional.json"


def test_provisional_false_cannot_remove_an_inferred_mark(tmp_path: Path) -> None:
    office = _office_copy(tmp_path)
    _edit(
        office / "parameters_ei.json",
        lambda d: d["parameters"]["ei.injury_schedule"]["values"][0].update(provisional=False),
    )
    seal_pack(office)
    assert load_pack(office).at("ei.injury_schedule", date(2025, 1, 1)).provisional


def test_verdict_is_cached_by_sha256(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    office = _office_copy(tmp_path)
    seal_pack(office)
    monkeypatch.setenv("FAEDAH_RULES_DIR", str(office))
    assert load_rules().origin == "office"
    set_pack_verifier(None)  # without the estimator the cached verdict still holds
    assert load_rules().origin == "office"


def test_rules_diff_lists_three_changed_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office = _office_copy(tmp_path)
    _value("parameters_ei.json", "ei.ptd_rate_percent", "95")(office)
    _value("parameters_ei.json", "ei.funeral_max", "3500.00", 2)(office)
    _value("parameters_lindung.json", "lindung.tdb_rate_percent", "50")(office)
    seal_pack(office)
    assert main(["rules", "--diff", str(office)]) == 0
    out = capsys.readouterr().out
    assert "3 values differ" in out
    assert "ei.ptd_rate_percent\t1971-01-01\t90 VERBATIM -> 95 VERBATIM" in out
    assert "ei.funeral_max\t2024-06-01\t3000.00 VERBATIM -> 3500.00 VERBATIM" in out
    assert "lindung.tdb_rate_percent\t2026-06-01" in out


def test_rules_check_names_the_real_origin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office = _office_copy(tmp_path)
    seal_pack(office)
    assert main(["rules", "--check", str(office)]) == 0
    out = capsys.readouterr().out
    assert f"office pack in {office}" in out and "bundled" not in out.splitlines()[1]


def test_bundled_pack_is_sealed_and_passes_its_own_self_test() -> None:
    from estimator.engine.rules import run_self_test
    from estimator.law.selftest import pack_self_test_tools

    pack = load_pack(BUNDLED)
    assert run_self_test(pack, pack_self_test_tools()) == []


def test_every_provisional_value_says_why() -> None:
    for param in load_pack(BUNDLED).parameters.values():
        for value in param.values:
            if value.provisional:
                assert value.note, f"{param.key} from {value.start} is provisional without a note"
