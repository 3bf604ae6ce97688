"""The app's bridge to the calculation core, imported after the window shows (start-up stays fast).

Nothing here computes a benefit: it only calls the core's public API and keeps the loaded rule pack.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any


class CoreUnavailable(Exception):
    """The core (or a part of it) cannot be used: the message says why, in both languages."""

    def __init__(self, message: dict[str, str]) -> None:
        super().__init__(message.get("en", ""))
        self.message = message


class Core:
    def __init__(self) -> None:
        self.rules: Any = None
        self.error: dict[str, str] | None = None
        self._injury_ids: set[str] | None = None
        self._injuries: list[Any] | None = None

    @property
    def ready(self) -> bool:
        return self.rules is not None

    def load(self) -> bool:
        """Import the core and load the rule pack; on failure ``error`` holds the message."""
        if self.rules is not None:
            return True
        from estimator.engine.rules import RulePackError, default_rules

        from .text import T

        try:
            self.rules = default_rules()
        except RulePackError as exc:
            self.error = T("ui.core.rules_error", file=exc.file, key=exc.key, reason=exc.message)
            return False
        except Exception as exc:  # never let a damaged pack stop the app from starting
            self.error = T("ui.core.rules_error", file="", key="", reason=f"{type(exc).__name__}: {exc}")
            return False
        return True

    # -- validation
    def injury_ids(self) -> set[str]:
        if self._injury_ids is None:
            self._injury_ids = {i.id for i in self.injuries()}
        return self._injury_ids

    def parse(self, data: dict[str, Any]) -> Any:
        """A validated Case (raises estimator.model.case.CaseError with the problems)."""
        from estimator.model.case import parse_case

        return parse_case(data, injury_ids=self.injury_ids() if self.ready else None)

    def case_to_dict(self, case: Any) -> dict[str, Any]:
        from estimator.model.case import case_to_dict

        return case_to_dict(case)

    # -- the estimate
    def estimate(self, case: Any) -> Any:
        try:
            from estimator import estimate
        except ImportError:
            from .text import T

            raise CoreUnavailable(T("ui.core.no_estimate")) from None
        return estimate(case, self.rules)

    # -- wages page
    def preview(self, event_date: date, wages: list[tuple[str, Decimal]]) -> Any:
        from estimator.law.wages import preview

        return preview(self.rules, event_date, wages)

    # -- disability page
    def injuries(self) -> list[Any]:
        """The schedule of injuries: Injury(id, part, group{en,ms}, description{en,ms}, percent)."""
        if self._injuries is None:
            try:
                from estimator.law.injuries import injury_list

                self._injuries = list(injury_list(self.rules))
            except ImportError:
                schedule = self.rules.param("ei.injury_schedule").values[-1].value
                self._injuries = list(schedule.values())
        return self._injuries

    def combine(self, ids: list[str], on: date) -> tuple[Decimal, bool] | None:
        """Combined % of several scheduled injuries (None when the core cannot tell yet)."""
        try:
            from estimator.law.injuries import combine_injuries
        except ImportError:
            return None
        percent, total = combine_injuries(self.rules, ids, on)
        return Decimal(percent), bool(total)

    # -- files
    def read_case(self, path: Path) -> Any:
        from estimator.model.casefile import read_case_file

        return read_case_file(path, self.rules)

    def write_case(self, path: Path, case: Any) -> Path:
        from estimator.model.casefile import write_case_file

        return write_case_file(path, case)
