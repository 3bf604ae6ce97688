"""Faedah calculation core: PERKESO / SOCSO benefit estimates (pure Python; no Qt)."""

from __future__ import annotations

from .case import Case, CaseError, Problem, case_to_dict, case_to_json, parse_case
from .casefile import read_case_file, write_case_file
from .engine import estimate
from .record import Result
from .rules import RulePack, RulePackError, default_rules, load_rules

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
