"""A benefit cannot be half-added: every benefit record type of the model has every part it needs.

For each :class:`BenefitRecord` type (read from the model: ``estimator.model.benefits``) and each code it carries:
a golden case or sample that pays it, a presenter, an answer sentence in both languages, its catalogue title in
both languages, a next-steps entry for every scheme that pays it (or an explicit opt-out with its reason), its
place in the result schema and, when it is paid in money, its batch CSV columns.  docs/ARCHITECTURE.md
("Adding a benefit") lists the files these come from.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import ClassVar, Literal

import pytest

from estimator.cli.batch import CSV_HEADER, FIGURES
from estimator.cli.schema import schema
from estimator.engine.i18n import catalog
from estimator.engine.rules.next_steps import load_next_steps
from estimator.law.estimate import estimate
from estimator.model.benefits import batch_codes, benefit_types, codes_of
from estimator.model.case import parse_case
from estimator.model.expect import load_golden
from estimator.model.record import Money
from estimator.model.result import BenefitRecord, Result
from estimator.present.view import present

ROOT = Path(__file__).resolve().parents[1]


@cache
def paid() -> dict[str, list[tuple[str, BenefitRecord, Result]]]:
    """Every benefit code paid by a golden case or a sample: (scheme, record, result)."""
    found: dict[str, list[tuple[str, BenefitRecord, Result]]] = {}
    cases = [load_golden(p) for p in sorted((ROOT / "tests" / "golden").rglob("*.json"))]
    inputs = [(g.case, g.today) for g in cases]
    inputs += [
        (json.loads(p.read_text(encoding="utf-8")), None) for p in sorted((ROOT / "samples").glob("*.json"))
    ]
    for data, today in inputs:
        try:
            case = parse_case(data, today=today)
        except Exception:  # noqa: BLE001 - a golden case of refused input pays nothing
            continue
        result = estimate(case)
        for b in result.benefits:
            found.setdefault(b.code, []).append((case.scheme, b, result))
    return found


@cache
def result_schema_kinds() -> set[str]:
    return set(schema("result")["$defs"])


def checklist(cls: type[BenefitRecord], code: str) -> list[str]:
    """What ``code`` of the record type ``cls`` lacks (empty when the benefit is complete)."""
    missing: list[str] = []
    examples = paid().get(code, [])
    titles = [record.title for _, record, _ in examples[:1]] or [catalog().get(f"benefit.{code}") or {}]
    if not all((t.get(lang) or "").strip() for t in titles for lang in ("en", "ms")):
        missing.append(f"catalogue title (benefit.{code}) in en and ms (resources/i18n)")
    if cls.__name__ not in result_schema_kinds():
        missing.append("result schema (estimator/cli/schema.py: a record of estimator.model)")
    if cls.amounts:
        columns = {f"{code.lower()}_{figure}" for figure in FIGURES}
        if not columns <= set(CSV_HEADER) or code not in batch_codes():
            missing.append("batch CSV columns (amounts declared on the record: estimator/model/benefits.py)")
        if not all(name in cls.model_fields for name in cls.amounts):
            missing.append("declared amounts that are fields of the record")
    facts = load_next_steps()
    if not examples:
        missing.append("a golden case that pays it (tests/golden)")
    for scheme in sorted({s for s, _, _ in examples}):
        entries, _ = facts.for_scheme(scheme)
        if code not in entries and code not in facts.without_steps:
            missing.append(f"next steps for {scheme} (resources/rules/next_steps.json, or without_steps)")
    for _, record, result in examples[:1]:
        try:
            view = present(record, result)
        except LookupError:
            missing.append("presenter (estimator/present)")
            continue
        if not view.answer or not all(view.answer[0].get(lang) for lang in ("en", "ms")):
            missing.append("answer sentence in en and ms (estimator/present/answer.py)")
    return missing


ALL = [(cls, code) for cls in benefit_types() for code in codes_of(cls)]


@pytest.mark.parametrize(("cls", "code"), ALL, ids=[code for _, code in ALL])
def test_every_benefit_is_complete(cls: type[BenefitRecord], code: str) -> None:
    assert not checklist(cls, code), f"{code} lacks: " + "; ".join(checklist(cls, code))


def test_every_code_is_one_types() -> None:
    codes = [code for _, code in ALL]
    assert len(codes) == len(set(codes))
    assert set(batch_codes()) == {code for cls, code in ALL if cls.amounts}


class Toy(BenefitRecord):
    """A benefit added to the model and nowhere else."""

    code: Literal["TOY_BENEFIT"] = "TOY_BENEFIT"
    total: Money
    amounts: ClassVar[tuple[str, ...]] = ("total",)


def test_the_checklist_finds_a_half_added_benefit() -> None:
    missing = " | ".join(checklist(Toy, "TOY_BENEFIT"))
    for part in ("catalogue title", "result schema", "batch CSV columns", "golden case"):
        assert part in missing


def test_the_checklist_finds_a_missing_next_step(monkeypatch: pytest.MonkeyPatch) -> None:
    facts = load_next_steps()
    entries = {code: steps for code, steps in facts.benefits.items() if code != "TDB"}
    monkeypatch.setattr(sys.modules[__name__], "load_next_steps", lambda: replace(facts, benefits=entries))
    tdb_type = next(cls for cls, code in ALL if code == "TDB")
    assert any("next steps for employment_injury" in m for m in checklist(tdb_type, "TDB"))
