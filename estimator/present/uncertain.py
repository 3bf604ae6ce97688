"""What is uncertain behind a provisional figure, in one plain line each: which value and which way it could move.

The lines are the presentation catalogue's ``present.uncertain.<rule key>`` (one for each value of the rule pack
that is not confirmed by an official source); a value without its own line gets the general one.  No rule
references, confidence codes or file names: the office's part lists those.
"""

from __future__ import annotations

from estimator.engine.i18n import LANGS, Text, catalog
from estimator.model.result import BenefitRecord, Result
from estimator.present.format import label

GENERAL = "general"


def uncertain_keys(benefit: BenefitRecord, result: Result) -> list[str]:
    """The keys of the unconfirmed rule values behind ``benefit``'s figures, each once, in working order."""
    wanted = set(benefit.step_ids)
    keys: list[str] = []
    for step in result.steps:
        if step.id not in wanted:
            continue
        for use in step.params:
            if use.provisional and use.key not in keys:
                keys.append(use.key)
    return keys


def uncertain_lines(benefit: BenefitRecord, result: Result) -> list[Text]:
    """``† what is uncertain; which way the figure could move`` for each unconfirmed value (at least one)."""
    known = catalog()
    keys = [k for k in uncertain_keys(benefit, result) if f"present.uncertain.{k}" in known]
    lines = [label(f"uncertain.{k}") for k in keys] or [label(f"uncertain.{GENERAL}")]
    out: list[Text] = []
    for line in lines:
        marked: Text = {lang: f"\u2020 {line[lang]}" for lang in LANGS}
        if marked not in out:
            out.append(marked)
    return out
