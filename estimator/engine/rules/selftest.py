"""The self-test an office rule pack must pass before it is put in force.

A pack carries acceptance cases (``acceptance/*.json``, golden-case format: a case and the figures it must give).
The pack passes if every one of its cases gives the expected figures and every bundled sample case estimates
without error.  The estimating itself belongs to the law layer, above this package: it is handed in as
:class:`SelfTestTools` (see :func:`estimator.engine.rules.office.set_pack_verifier`), so no import runs upwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from estimator.engine.rules.fingerprint import acceptance_files
from estimator.engine.rules.model import RulePack
from estimator.engine.rules.readers import parse_json, read_text

# (case as a JSON object, the pack, "today" or None) -> the Result; raises on an invalid case
EstimateCase = Callable[[Any, RulePack, date | None], Any]


@dataclass(frozen=True)
class SelfTestTools:
    estimate_case: EstimateCase
    failures: Callable[[Any, dict[str, Any]], list[str]]  # estimator.model.expect.failures
    load_golden: Callable[[Path], dict[str, Any]]  # estimator.model.expect.load_golden
    samples: list[Path] = field(default_factory=list)  # bundled sample cases: each must estimate


def _today(golden: dict[str, Any]) -> date | None:
    raw = golden.get("today")
    return date.fromisoformat(raw) if isinstance(raw, str) else None


def run_self_test(pack: RulePack, tools: SelfTestTools) -> list[str]:
    """The reasons the pack fails its self-test (empty: it passes)."""
    reasons: list[str] = []
    names = acceptance_files(pack.folder)
    if not names:
        reasons.append("the pack carries no acceptance cases (acceptance/*.json)")
    for name in names:
        try:
            golden = tools.load_golden(pack.folder / name)
            result = tools.estimate_case(golden["case"], pack, _today(golden))
        except Exception as exc:  # any failure of a case is a reason to refuse the pack, never a crash
            reasons.append(f"{name}: the case cannot be estimated ({type(exc).__name__}: {exc})")
            continue
        reasons.extend(f"{name}: {line}" for line in tools.failures(result, golden["expect"]))
    for sample in tools.samples:
        try:
            data = parse_json(sample, "sample", read_text(sample, "sample"))
            tools.estimate_case(data, pack, None)
        except Exception as exc:  # as above: refuse, never crash
            reasons.append(f"sample {sample.name} cannot be estimated ({type(exc).__name__}: {exc})")
    return reasons
