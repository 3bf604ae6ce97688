"""The estimator's side of the rule pack self-test: an office pack is put in force only when its own acceptance
cases give their expected figures and every bundled sample estimates (see ``estimator.engine.rules.selftest``).

The engine cannot import the law, so the law hands it these tools with :func:`install_pack_verifier`; the CLI and
the app call it before loading the rules.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from estimator.engine.paths import samples_dir
from estimator.engine.rules import RulePack, SelfTestTools, set_pack_verifier
from estimator.law.estimate import estimate
from estimator.law.injuries import injury_list
from estimator.model.case import parse_case
from estimator.model.expect import failures, load_golden
from estimator.model.result import Result


def _estimate_case(data: Any, pack: RulePack, today: date | None) -> Result:
    injury_ids = {i.id for i in injury_list(pack)}
    return estimate(parse_case(data, today=today, injury_ids=injury_ids), pack)


def _golden_as_dict(path: Path) -> dict[str, Any]:
    return load_golden(path).model_dump(mode="json")


def pack_self_test_tools() -> SelfTestTools:
    samples = sorted(samples_dir().glob("*.json")) if samples_dir().is_dir() else []
    return SelfTestTools(
        estimate_case=_estimate_case, failures=failures, load_golden=_golden_as_dict, samples=samples
    )


def install_pack_verifier() -> None:
    """Let office rule packs be self-tested (and so put in force) in this process."""
    set_pack_verifier(pack_self_test_tools())
