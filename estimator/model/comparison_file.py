"""The comparison file: labelled scenarios (whole case files) saved together.

``{"format": "faedah-comparison", "version": 1, "scenarios": [{"label": "20%", "case": {<case file>}}, ...]}``
with one to four scenarios.  Written atomically (:mod:`estimator.model.fileio`, the old file kept as
``.bak``); read strictly: the same size limit, UTF-8 and number rules as a case file, unknown keys refused, and
each scenario's case validated as a case file is.  A problem names the scenario: ``scenarios[1].case.<field>``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from estimator.engine.i18n import tr
from estimator.engine.rules import RulePack
from estimator.model.case import (
    MAX_CASE_BYTES,
    Case,
    CaseError,
    Problem,
    case_to_dict,
    decode_case_bytes,
    parse_case,
)
from estimator.model.casefile import injury_ids, read_case_bytes
from estimator.model.fileio import atomic_write_text

COMPARISON_FORMAT = "faedah-comparison"
COMPARISON_VERSION = 1
MAX_SCENARIOS = 4
MAX_LABEL = 40
MAX_COMPARISON_BYTES = MAX_CASE_BYTES  # four real case files are a few kB each


def _problem(field: str, code: str, en: str, ms: str) -> Problem:
    return Problem(field=field, code=code, message={"en": en, "ms": ms})


def is_comparison(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == COMPARISON_FORMAT


def parse_comparison(
    data: Any, rules: RulePack | None = None, today: date | None = None
) -> list[tuple[str, Case]]:
    """Validate a decoded comparison document: the labelled cases, or :class:`CaseError` naming the scenario."""
    if not isinstance(data, dict):
        raise CaseError([Problem(field="", code="not_object", message=tr("err.not_object"))])
    if data.get("format") != COMPARISON_FORMAT:
        raise CaseError([_problem("format", "format", "not a comparison file", "bukan fail perbandingan")])
    version = data.get("version")
    if version != COMPARISON_VERSION or isinstance(version, bool):
        raise CaseError(
            [
                _problem(
                    "version",
                    "version",
                    f"comparison file version {version!r} is not supported",
                    f"versi fail perbandingan {version!r} tidak disokong",
                )
            ]
        )
    unknown = sorted(set(data) - {"format", "version", "scenarios"})
    if unknown:
        raise CaseError([_problem(k, "unknown", "unknown key", "kunci tidak dikenali") for k in unknown])
    scenarios = data.get("scenarios")
    if not isinstance(scenarios, list) or not 1 <= len(scenarios) <= MAX_SCENARIOS:
        raise CaseError(
            [
                _problem(
                    "scenarios",
                    "count",
                    f"needs 1 to {MAX_SCENARIOS} scenarios",
                    f"perlu 1 hingga {MAX_SCENARIOS} senario",
                )
            ]
        )
    ids = injury_ids(rules)
    out: list[tuple[str, Case]] = []
    problems: list[Problem] = []
    for i, item in enumerate(scenarios):
        where = f"scenarios[{i}]"
        if not isinstance(item, dict) or set(item) - {"label", "case"} or "case" not in item:
            problems.append(
                _problem(
                    where, "scenario", "each scenario is {label, case}", "setiap senario ialah {label, case}"
                )
            )
            continue
        label = item.get("label", "")
        if not isinstance(label, str) or len(label) > MAX_LABEL:
            problems.append(
                _problem(
                    f"{where}.label",
                    "label",
                    f"a label is text of at most {MAX_LABEL} characters",
                    f"label ialah teks paling banyak {MAX_LABEL} aksara",
                )
            )
            continue
        try:
            out.append((label or chr(ord("A") + i), parse_case(item["case"], today=today, injury_ids=ids)))
        except CaseError as exc:
            for p in exc.problems:
                field = f"{where}.case.{p.field}" if p.field else f"{where}.case"
                problems.append(Problem(field=field, code=p.code, message=p.message))
    if problems:
        raise CaseError(problems)
    return out


def read_comparison_file(
    path: Path | str, rules: RulePack | None = None, today: date | None = None
) -> list[tuple[str, Case]]:
    raw = read_case_bytes(path, MAX_COMPARISON_BYTES)  # a regular file only, never a FIFO or a device
    return parse_comparison(decode_comparison_bytes(raw), rules=rules, today=today)


def decode_comparison_bytes(raw: bytes) -> Any:
    """Strict JSON, as a case file: Decimal numbers, no NaN, UTF-8, within the size limit."""
    return decode_case_bytes(raw)


def comparison_to_json(scenarios: list[tuple[str, Case]]) -> str:
    document = {
        "format": COMPARISON_FORMAT,
        "version": COMPARISON_VERSION,
        "scenarios": [{"label": label, "case": case_to_dict(case)} for label, case in scenarios],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_comparison_file(path: Path | str, scenarios: list[tuple[str, Case]]) -> Path:
    if not 1 <= len(scenarios) <= MAX_SCENARIOS:
        raise ValueError(f"a comparison file holds 1 to {MAX_SCENARIOS} scenarios")
    return atomic_write_text(path, comparison_to_json(scenarios))
