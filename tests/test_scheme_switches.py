"""No law switches on a scheme's name: what differs between the Acts is a declared rule (issue 20).

The dependants' table with no widow/widower or child, how long a widow's share lasts, whether the minimum daily
rate is paid and whether a scheme has an average daily wage were ``case.scheme == "..."`` tests in law code; each
is now a rule of the pack (read with ``s.rule``, the scheme's own key mapped in ``law/registry.py``) or follows
from the laws a scheme declares.
"""

from __future__ import annotations

import ast
import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from estimator.engine.rules import RulePackError, default_rules, load_pack, seal_pack
from estimator.law.estimate import estimate
from estimator.law.registry import SCHEMES
from estimator.model.case import Case, parse_case
from estimator.model.result import Result, Step

ROOT = Path(__file__).resolve().parents[1]
LAW = ROOT / "estimator" / "law"
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
# where a scheme's name may be written: the registry declares the schemes
ALLOWED_FILES = {"registry.py"}
OUTCOMES = {"injury", "death", "invalidity"}


def _scheme_switches(path: Path, schemes: set[str]) -> list[str]:
    """Comparisons of ``.scheme`` (to anything), ``match`` on it, and a scheme's name written as a value."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    found: list[str] = []

    def is_scheme(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "scheme"

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(is_scheme(n) for n in [node.left, *node.comparators]):
            found.append(f"{path.name}:{node.lineno} compares .scheme")
        if isinstance(node, ast.Match) and is_scheme(node.subject):
            found.append(f"{path.name}:{node.lineno} match on .scheme")
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value in schemes - OUTCOMES
            and id(node) not in docstrings
        ):
            found.append(f"{path.name}:{node.lineno} the scheme name {node.value!r}")
    return found


def _schemes() -> set[str]:
    return {scheme for scheme, _ in SCHEMES}


def test_no_law_switches_on_the_scheme_name() -> None:
    """Only law/registry.py names a scheme; every other law reads what differs as a declared rule."""
    bad = [
        hit
        for path in sorted(LAW.rglob("*.py"))
        if path.name not in ALLOWED_FILES
        for hit in _scheme_switches(path, _schemes())
    ]
    assert not bad, "\n".join(bad)


def test_the_switch_checker_finds_each_form(tmp_path: Path) -> None:
    sample = tmp_path / "old.py"
    sample.write_text(
        '"""A docstring may name self_employment."""\n'
        'ACT_789 = "self_employment"\n'
        "a = ctx.case.scheme == ACT_789\n"
        'b = case.scheme != "invalidity"\n'
        'c = case.scheme in ("housewives", "x")\n'
        "match case.scheme:\n"
        "    case _:\n"
        "        pass\n",
        encoding="utf-8",
    )
    found = _scheme_switches(sample, _schemes())
    assert len(found) == 6, found  # the constant, three comparisons ("housewives" twice), the match


# ---------------------------------------------------------------------------------------------- the rules


def _sample(name: str, **changes: Any) -> Case:
    data = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    data.update(changes)
    return parse_case(data, today=date(2045, 1, 1))


def _golden(group: str, name: str) -> Case:
    data = json.loads((GOLDEN / group / f"{name}.json").read_text(encoding="utf-8"))
    return parse_case(data["case"], today=date(2045, 1, 1))


def _step(result: Result, step_id: str) -> Step:
    return next(s for s in result.steps if s.id == step_id)


def _use(step: Step, key: str) -> Any:
    return next(p for p in step.params if p.key == key)


def _office_pack(tmp_path: Path, file: str, key: str, value: Any) -> Any:
    folder = tmp_path / "pack"
    shutil.copytree(ROOT / "resources" / "rules", folder)
    path = folder / file
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parameters"][key]["values"][-1]["value"] = value
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    seal_pack(folder)
    return load_pack(folder)


def test_the_dependants_tables_are_each_acts_own_rule() -> None:
    sksps = estimate(_golden("sksps", "death_siblings_four_tenths"))
    table = _use(_step(sksps, "dependants.schedule"), "sksps.dependants_others_table")
    assert table.value == "one_group_at_a_time" and "Act 789" in table.source and "para 8" in table.source
    assert not table.provisional and not _step(sksps, "dependants.schedule").provisional
    employees = estimate(_golden("death", "act4_parent_sibling_grandparent"))
    table = _use(_step(employees, "dependants.schedule"), "dependants.others_table")
    assert table.value == "act4_table" and table.provisional and "PERKESO" in table.source
    assert _step(employees, "dependants.schedule").provisional and employees.provisional
    # the law's own footnote, not the rule's generic one
    assert not any("act4_table" in n["en"] for n in employees.provisional_notes)
    assert any("Fifth Schedule" in n["en"] for n in employees.provisional_notes)


def test_the_spouses_end_is_each_acts_own_rule() -> None:
    sksps = estimate(_sample("sksps_hawker_death"))
    end = _use(_step(sksps, "dependants.eligibility"), "sksps.dependants_spouse_end")
    assert end.value == "during_life" and "Act 789" in end.source
    widow = next(p for p in sksps.benefit("DEPENDANTS").payees if p.relationship == "spouse")  # type: ignore[union-attr]
    assert "Act 789" in widow.end_reason["en"]
    employees = estimate(_sample("death_four_dependants"))
    end = _use(_step(employees, "dependants.eligibility"), "dependants.spouse_end")
    assert end.value == "remarriage_as_dated" and "Act 4" in end.source


def test_an_office_pack_giving_sksps_the_act4_table_changes_the_sksps_siblings_only(tmp_path: Path) -> None:
    """The table is read as the scheme's rule: changed in the pack, the SKSPS siblings are paid each 4/10."""
    office = _office_pack(tmp_path, "parameters_sksps.json", "sksps.dependants_others_table", "act4_table")
    case = _golden("sksps", "death_siblings_four_tenths")
    before, after = estimate(case), estimate(case, office)
    rates = [p.daily_rate for p in after.benefit("DEPENDANTS").payees]  # type: ignore[union-attr]
    assert [p.daily_rate for p in before.benefit("DEPENDANTS").payees] == [Decimal("17.70")] * 2  # type: ignore[union-attr]
    assert rates == [Decimal("35.40")] * 2  # 4/10 of 88.50 each: together 8/10, not above the whole
    employees = _golden("death", "act4_parent_sibling_grandparent")
    assert estimate(employees).benefit("DEPENDANTS") == estimate(employees, office).benefit("DEPENDANTS")


def test_a_text_rule_outside_its_words_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="one_group_at_a_time"):
        _office_pack(tmp_path, "parameters_ei.json", "dependants.others_table", "whatever")


def test_the_lindung_minimum_is_its_own_provisional_rule() -> None:
    low = [{"month": f"2026-{m:02d}", "wage": "600.00"} for m in range(3, 9)]
    lindung = estimate(_sample("lindung_non_work", monthly_wages=low))
    step = _step(lindung, "tdb.daily")
    applies = _use(step, "lindung.min_daily_rate_applies")
    assert applies.provisional and "A1788" in applies.source
    assert step.provisional and step.note is not None and "not confirmed" in step.note["en"]
    assert lindung.benefit("TDB").daily_rate == Decimal("30.00")  # type: ignore[union-attr]
    # the employees' minimum is Act 4's own, certain
    employees = estimate(_golden("injury", "p6_d4_minimum_daily_rate"))
    step = _step(employees, "tdb.daily")
    applies = _use(step, "ei.min_daily_rate_applies")
    assert not applies.provisional and "Act 4" in applies.source
    assert not step.provisional and step.note is not None and "minimum" in step.note["en"]


def test_a_scheme_without_a_wage_basis_has_no_average_daily_wage() -> None:
    assert estimate(_sample("invalidity_pension")).average_assumed_daily_wage is None
    assert estimate(_sample("sksr_domestic_injury")).average_assumed_daily_wage is None
    assert estimate(_sample("tdb_work_accident")).average_assumed_daily_wage is not None
    assert estimate(_sample("sksps_rider_tdb_pdb")).average_assumed_daily_wage is not None


def test_every_text_rule_of_the_pack_is_one_of_its_words() -> None:
    from estimator.engine.rules.bounds import PARAMETER_BOUNDS

    pack = default_rules()
    for key, bound in PARAMETER_BOUNDS.items():
        if bound.kind == "text":
            assert bound.choices, f"{key}: a text rule names the words the law knows"
            assert all(v.value in bound.choices for v in pack.param(key).values)
