"""Faedah calculation core: PERKESO / SOCSO benefit estimates (pure Python; no Qt).

The package is laid out as the law reads:

* ``estimator.engine``  the machinery: rule pack loader, traced parameter reads, money, dates, bilingual text
* ``estimator.model``   the case (input), the result (the calculation record), case files and atomic writes
* ``estimator.law``     one module per benefit, and the schemes as ordered lists of benefits
* ``estimator.present`` each benefit's labelled rows, shared by every renderer
* ``estimator.render``  the text summary and the PDF, from a Result and its presentation
* ``estimator.cli``     the ``faedah`` command

The names below are imported lazily (PEP 562), so ``import estimator.engine.i18n`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from estimator.engine.rules import RulePack, RulePackError, default_rules, load_rules
    from estimator.law.estimate import estimate
    from estimator.model.case import Case, CaseError, Problem, case_to_dict, case_to_json, parse_case
    from estimator.model.casefile import read_case_file, write_case_file
    from estimator.model.result import Result

_LAZY = {
    "Case": "estimator.model.case",
    "CaseError": "estimator.model.case",
    "Problem": "estimator.model.case",
    "case_to_dict": "estimator.model.case",
    "case_to_json": "estimator.model.case",
    "parse_case": "estimator.model.case",
    "read_case_file": "estimator.model.casefile",
    "write_case_file": "estimator.model.casefile",
    "estimate": "estimator.law.estimate",
    "Result": "estimator.model.result",
    "RulePack": "estimator.engine.rules",
    "RulePackError": "estimator.engine.rules",
    "default_rules": "estimator.engine.rules",
    "load_rules": "estimator.engine.rules",
}

__all__ = [
    "Case",
    "CaseError",
    "Problem",
    "Result",
    "RulePack",
    "RulePackError",
    "case_to_dict",
    "case_to_json",
    "default_rules",
    "estimate",
    "load_rules",
    "parse_case",
    "read_case_file",
    "write_case_file",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'estimator' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
