"""Each scheme declared with its rules (law/registry.py), one way to read a rule, and the schemes' own law."""

from __future__ import annotations

import ast
import json
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from estimator.engine.rules import default_rules, load_pack, seal_pack
from estimator.engine.rules.view import RuleNotDeclared, RuleScope, RuleView
from estimator.engine.trace import Trace
from estimator.law.estimate import estimate
from estimator.law.registry import SCHEMES, SCOPES
from estimator.model.case import parse_case
from estimator.model.result import Result

ROOT = Path(__file__).resolve().parents[1]
LAW = ROOT / "estimator" / "law"
SAMPLES = ROOT / "samples"

# reading the pack other than through a step (``s.rule`` / ``s.value``): the calls and names that do it
FORBIDDEN_CALLS = {"lookup", "substitute", "at", "param", "rule_key"}
# a form's list, not a law's read (the injuries offered on the disablement page)
ALLOWED = {("injuries.py", "at"), ("injuries.py", "param")}


def _law_files() -> list[Path]:
    return sorted(LAW.rglob("*.py"))


def _bad_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in FORBIDDEN_CALLS and (path.name, name) not in ALLOWED:
                found.append(f"{path.name}:{node.lineno} .{name}(...)")
            if name == "table" and len(node.args) == 2:  # RulePack.table(key, on)
                found.append(f"{path.name}:{node.lineno} .table(key, on)")
        if isinstance(node, ast.Attribute) and node.attr in ("parameters", "substitutes"):
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("estimator.law"):
            found += [
                f"{path.name}:{node.lineno} private import {a.name}" for a in node.names if a.name[0] == "_"
            ]
    text = path.read_text(encoding="utf-8")
    if re.search(r"\"lindung\" if|prefix = \"(lindung|ei|sksps|sksr)\"", text):
        found.append(f"{path.name}: a key built from the scheme")
    return found


def test_law_reads_rules_only_through_a_step() -> None:
    """law/ and estimate.py read a rule only with ``s.rule(key)`` (the scheme's view), no other path."""
    bad = [hit for path in _law_files() for hit in _bad_reads(path)]
    assert not bad, "\n".join(bad)


def test_the_checker_finds_the_old_paths(tmp_path: Path) -> None:
    sample = tmp_path / "old.py"
    sample.write_text(
        "from estimator.law.pdb import _loss\n"
        "x = ctx.trace.lookup('ei.x', on)\n"
        "y = ctx.rules.at('ei.y', on)\n"
        "prefix = \"lindung\" if a else 'ei'\n",
        encoding="utf-8",
    )
    assert len(_bad_reads(sample)) == 4


def test_no_scheme_state_or_law_key_in_the_trace() -> None:
    source = (ROOT / "estimator" / "engine" / "trace.py").read_text(encoding="utf-8")
    assert not re.search(r"def substitute|\.substitutes?\b", source)
    assert not re.search(
        r"\"(ei|wages|dependants|sksps|sksr|lindung|invalidity|contributions)\.[a-z_]+\"", source
    )
    assert not hasattr(Trace, "lookup")


def test_every_scheme_is_declared_with_its_rules() -> None:
    pack = default_rules()
    for scheme, _outcome in SCHEMES:
        scope = SCOPES[scheme]
        assert scope.act.get("en") and scope.act.get("ms")
        for target in scope.own.values():
            assert target in pack.parameters, f"{scheme}: {target}"
        for key, reason in (scope.inherited or {}).items():
            assert key in pack.parameters, f"{scheme}: {key}"
            assert len(reason) > 15 and "\n" not in reason, f"{scheme}: {key} needs its one-line reason"
            assert not key.startswith(scope.namespaces), f"{scheme}: {key} is its own, not inherited"


def test_an_undeclared_rule_is_refused_not_read_from_act_4() -> None:
    view = RuleView(default_rules(), SCOPES["self_employment"])
    with pytest.raises(RuleNotDeclared, match="ei.claim_period_months"):
        view.read("ei.claim_period_months", date(2025, 1, 1))
    toy = RuleView(default_rules(), RuleScope(name="toy", namespaces=("sksr.",), inherited={}))
    assert toy.read("sksr.end_age", date(2025, 1, 1))[0].value == 55
    with pytest.raises(RuleNotDeclared):
        toy.read("ei.funeral_max", date(2025, 1, 1))


def _sample(name: str, **changes: Any) -> Any:
    data = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    data.update(changes)
    return parse_case(data, today=date(2045, 1, 1))


def test_the_explanation_says_which_act_an_inherited_value_comes_from() -> None:
    result = estimate(_sample("sksps_hawker_death"))
    uses = {p.key: p for s in result.steps for p in s.params}
    spouse = uses["dependants.share_spouse"]
    assert "Act 789" in spouse.note and "para 5(a)" in spouse.note
    assert "Akta 789" in spouse.note_ms
    assert "sksps.ptd_rate_percent" in uses and "ei.ptd_rate_percent" not in uses
    employees = estimate(_sample("death_four_dependants"))
    share = next(p for s in employees.steps for p in s.params if p.key == "dependants.share_spouse")
    assert "Act 789" not in share.note  # Act 4's own value says nothing of another Act


def _office_pack(tmp_path: Path, key: str, value: Any) -> Any:
    folder = tmp_path / "pack"
    shutil.copytree(ROOT / "resources" / "rules", folder)
    path = folder / ("parameters_sksps.json" if key.startswith("sksps.") else "parameters_ei.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parameters"][key]["values"][-1]["value"] = value
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    seal_pack(folder)
    return load_pack(folder)


def _figures(result: Result) -> dict[str, Any]:
    """Every figure of a result (the rule pack's own description left out)."""
    data = json.loads(result.model_dump_json())
    data.pop("rules")
    data.pop("steps")  # the explanation restates the figures; they are compared through the records
    return data


def _diff(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in _diff(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _diff(x, y, f"{path}[{i}]")]
    return [] if a == b else [path]


def test_an_office_pack_changing_an_sksps_value_changes_every_figure_using_it_and_nothing_else(
    tmp_path: Path,
) -> None:
    office = _office_pack(tmp_path, "sksps.days_divisor", 31)
    bundled = default_rules()
    case = _sample("sksps_rider_tdb_pdb")
    before, after = estimate(case, bundled), estimate(case, office)
    changed = _diff(_figures(before), _figures(after))
    # the daily earning (1/31 of the plan's), and every daily rate, total and monthly amount built on it
    assert ".average_assumed_daily_wage" in changed
    assert before.average_assumed_daily_wage is not None and after.average_assumed_daily_wage is not None
    assert after.average_assumed_daily_wage < before.average_assumed_daily_wage
    for code in ("TDB", "PDB"):
        b, a = before.benefit(code), after.benefit(code)
        assert b is not None and a is not None
        assert a.daily_rate < b.daily_rate
    assert ".average_assumed_monthly_wage" not in changed  # the plan's monthly earning does not use it
    divisor_step = next(s for s in after.steps if s.id == "tdb.daily")
    assert any(p.key == "sksps.days_divisor" and p.value == "31" for p in divisor_step.params)
    # the employees' schemes do not read it: their results are the same figure for figure
    for name in ("death_four_dependants", "pdb_partial_commuting", "lindung_non_work"):
        employees = _sample(name)
        assert not _diff(_figures(estimate(employees, bundled)), _figures(estimate(employees, office)))


def test_the_employees_divisor_is_not_read_for_sksps(tmp_path: Path) -> None:
    office = _office_pack(tmp_path, "wages.days_divisor", 31)
    case = _sample("sksps_rider_tdb_pdb")
    assert not _diff(_figures(estimate(case, default_rules())), _figures(estimate(case, office)))


def test_the_claim_deadline_follows_the_schemes_own_rule(tmp_path: Path) -> None:
    office = _office_pack(tmp_path, "sksps.claim_limit_months", 60)
    case = _sample("sksps_rider_tdb_pdb")
    steps = {s.code: s.deadline for s in estimate(case, office).next_steps}
    assert steps["TDB"] == date(case.event_date.year + 5, case.event_date.month, case.event_date.day)


# ----------------------------------------------------------------------------------- the schemes' own law


def test_sksr_injury_outside_malaysia_is_refused() -> None:
    result = estimate(_sample("sksr_domestic_injury", accident_outside_malaysia=True))
    assert not result.benefits
    assert any("s.20(3)" in r.reason["en"] for r in result.not_payable)


def test_sksps_without_the_contribution_date_is_provisional_in_the_result() -> None:
    case = _sample("sksps_rider_tdb_pdb", contribution_paid_on=None)
    result = estimate(case)
    assert result.provisional and result.benefits
    assert all(b.provisional for b in result.benefits if b.step_ids)
    assert any("contribution" in n["en"].lower() for n in result.provisional_notes)
    assert not estimate(_sample("sksps_rider_tdb_pdb")).benefit("TDB").provisional  # type: ignore[union-attr]


def test_sksps_has_its_own_limit_not_the_employees_claim_period() -> None:
    result = estimate(_sample("sksps_rider_tdb_pdb"))
    codes = {w.code for w in result.warnings}
    assert "SKSPS_CLAIM_LIMIT" in codes and "CLAIM_PERIOD" not in codes
    for step in result.next_steps:
        text = " ".join(d["en"] for d in step.documents) + step.timing["en"]
        assert "employer" not in text.lower() and "payslip" not in text.lower() and "Borang 34" not in text
    tdb = next(s for s in result.next_steps if s.code == "TDB")
    assert "s.14(3)" in tdb.source and tdb.deadline is not None
    assert (
        tdb.deadline.year - result.event_date.year
    ) * 12 + tdb.deadline.month - result.event_date.month == 72


def test_sksps_funeral_deadline_is_three_months_from_the_death() -> None:
    result = estimate(_sample("sksps_hawker_death"))
    funeral = next(s for s in result.next_steps if s.code == "FUNERAL")
    assert (
        funeral.deadline is not None
        and "s.20" in funeral.source
        and "3 months after the death" in funeral.timing["en"]
    )
    months = (
        (funeral.deadline.year - result.event_date.year) * 12
        + funeral.deadline.month
        - result.event_date.month
    )
    assert months == 3 and funeral.deadline.day == result.event_date.day
    assert "dependants" in funeral.timing["en"]


def test_sksr_claim_deadline_is_twelve_months_from_the_injury() -> None:
    result = estimate(_sample("sksr_domestic_injury"))
    lump = next(s for s in result.next_steps if s.code == "PDB_LUMP_SUM")
    assert lump.deadline == replace_year(result.event_date, 1)
    assert "s.20(2)(a)" in lump.source
    where = next(s for s in result.next_steps if s.code == "GENERAL")
    assert "employer" not in " ".join(d["en"] for d in where.documents)


def replace_year(d: date, years: int) -> date:
    return d.replace(year=d.year + years)


def test_housewife_funeral_expenses_are_kept() -> None:
    result = estimate(_sample("sksr_survivors", funeral_expenses="1500.00"))
    funeral = result.benefit("FUNERAL")
    assert funeral is not None and str(funeral.expenses) == "1500.00"


def test_employees_funeral_and_dependants_next_steps_say_what_the_law_says() -> None:
    result = estimate(_sample("death_four_dependants"))
    steps = {s.code: s for s in result.next_steps}
    assert "widow, widower or a dependant first" in steps["FUNERAL"].timing["en"]
    assert "date of death" in steps["DEPENDANTS"].timing["en"]


def test_sksr_injury_schedule_and_sksps_children_share_are_the_acts_own_text() -> None:
    result = estimate(
        _sample("sksr_domestic_injury", injuries=["S10"], loss_of_earning_capacity_percent=None)
    )
    uses = {p.key: p for s in result.steps for p in s.params}
    assert uses["sksr.injury_schedule"].confidence == "VERBATIM"
    assert "ei.injury_schedule" not in uses
    pack = default_rules()
    assert not pack.at("sksps.dependants_share_children_no_spouse", date(2025, 1, 1)).provisional


def test_rm2950_top_band_of_the_rm3000_era_is_confirmed() -> None:
    table = default_rules().at("wages.band_table", date(2012, 1, 1)).value
    assert not table.band_for(__import__("decimal").Decimal("2950")).provisional
    assert not table.band_for(__import__("decimal").Decimal("5000")).provisional


def test_lindung_refusal_has_no_provisional_start_date() -> None:
    case = _sample("lindung_non_work", event_date="2026-05-31", monthly_wages=[])
    result = estimate(case)
    reason = " ".join(r.reason["en"] for r in result.not_payable)
    assert "01/06/2026" in reason or "2026-06-01" in reason
    assert "provisional" not in reason


@pytest.mark.parametrize("typed", ["S1", "s1", "S01", " s 01 "])
def test_an_injury_code_without_its_leading_zero_is_understood(typed: str) -> None:
    case = _sample("sksr_domestic_injury", injuries=[typed], loss_of_earning_capacity_percent=None)
    assert case.injuries == ["S01"]


def test_an_unknown_injury_code_names_the_right_form() -> None:
    from estimator.model.case import CaseError

    ids = {i for i in default_rules().at("ei.injury_schedule", date(2025, 1, 1)).value}
    data = json.loads((SAMPLES / "sksr_domestic_injury.json").read_text(encoding="utf-8"))
    data.update(injuries=["X9"], loss_of_earning_capacity_percent=None)
    with pytest.raises(CaseError) as err:
        parse_case(data, today=date(2045, 1, 1), injury_ids=ids)
    assert "S01" in str(err.value.problems[0].message["en"])


# ------------------------------------------------------------------------------ decision 3 (docs/decisions.md)


def test_a_rule_not_in_force_refuses_only_the_benefits_that_need_it() -> None:
    pack = default_rules()
    funeral = pack.parameters["ei.funeral_max"]
    first = funeral.values[0].start
    case = _sample("death_four_dependants")
    # a pack whose funeral maximum starts after the death: the dependants' benefit is still paid
    late = replace(funeral.values[0], start=date(2026, 1, 1))
    funeral_param = replace(funeral, values=[late], _starts=[])
    changed = replace(pack, parameters={**pack.parameters, "ei.funeral_max": funeral_param}, use_cache={})
    result = estimate(case, changed)
    assert result.benefit("DEPENDANTS") is not None
    assert result.benefit("FUNERAL") is None
    assert any(r.code == "RULES" and "ei.funeral_max" in r.reason["en"] for r in result.not_payable)
    assert first < case.event_date
