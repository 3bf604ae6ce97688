"""The app's bridge to the calculation core, imported after the window shows (start-up stays fast).

Nothing here computes a benefit: it only calls the core's public API and keeps the loaded rule pack.  The core's
modules are imported inside the methods (pydantic and the rule pack load only when first needed); their types are
imported for annotations only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimator.engine.i18n import Text

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from estimator.engine.rules import Injury, RulePack
    from estimator.law.wages import WagePreview
    from estimator.model.case import Case
    from estimator.model.fileio import FileStamp
    from estimator.model.result import Result, WageMonthInfo


class CoreUnavailable(Exception):
    """The core (or a part of it) cannot be used: the message says why, in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.get("en", ""))
        self.message = message


class Core:
    def __init__(self) -> None:
        self.rules: RulePack | None = None
        self.error: Text | None = None
        self._injury_ids: set[str] | None = None
        self._injuries: list[Injury] | None = None
        self._stamps: dict[Path, FileStamp] = {}  # what each case file held when it was opened or saved here

    @property
    def ready(self) -> bool:
        return self.rules is not None

    def load(self) -> bool:
        """Import the core and load the rule pack; on failure ``error`` holds the message."""
        if self.rules is not None:
            return True
        from estimator.engine.rules import RulePackError, default_rules
        from estimator.law.selftest import install_pack_verifier

        from .text import T

        try:
            install_pack_verifier()  # an office rule pack is self-tested before it is put in force
            self.rules = default_rules()
        except RulePackError as exc:
            self.error = T("ui.core.rules_error", file=exc.file, key=exc.key, reason=exc.message)
            return False
        except Exception as exc:  # never let a damaged pack stop the app from starting
            self.error = T("ui.core.rules_error", file="", key="", reason=f"{type(exc).__name__}: {exc}")
            return False
        return True

    def pack(self) -> RulePack:
        """The loaded rule pack (call only when ``ready``)."""
        if self.rules is None:
            raise RuntimeError("the rule pack is not loaded yet")
        return self.rules

    # -- what the forms offer
    def incident_types(self) -> list[tuple[str, str]]:
        """Every incident type with its scheme, in the order the incident page lists them."""
        from estimator.model.case import incident_types

        return incident_types()

    def outcomes(self, scheme: str) -> tuple[str, ...]:
        from estimator.model.case import outcomes_of

        return outcomes_of(scheme)

    def relationships(self) -> tuple[str, ...]:
        from estimator.model.case import relationships

        return relationships()

    # -- validation
    def injury_ids(self) -> set[str]:
        if self._injury_ids is None:
            self._injury_ids = {i.id for i in self.injuries()}
        return self._injury_ids

    def parse(self, data: dict[str, Any]) -> Case:
        """A validated Case (raises estimator.model.case.CaseError with the problems)."""
        from estimator.model.case import parse_case

        return parse_case(data, injury_ids=self.injury_ids() if self.ready else None)

    def case_to_dict(self, case: Case) -> dict[str, Any]:
        from estimator.model.case import case_to_dict

        return case_to_dict(case)

    # -- the estimate
    def estimate(self, case: Case) -> Result:
        try:
            from estimator import estimate
        except ImportError:
            from .text import T

            raise CoreUnavailable(T("ui.core.no_estimate")) from None
        return estimate(case, self.pack())

    # -- wages page
    def wage_window(self, event_date: date) -> list[str]:
        """The months whose wages count for an employment injury on ``event_date`` (the pack's window length)."""
        from estimator.law.wages import window_months

        return window_months(event_date, self.pack().at("wages.window_months", event_date).value)

    def preview(self, event_date: date, wages: list[tuple[str, Decimal]]) -> WagePreview:
        from estimator.law.wages import preview

        return preview(self.pack(), event_date, wages)

    def band_month(self, month: str, wage: Decimal) -> WageMonthInfo:
        """One month's band and assumed wage (the table in force in that month)."""
        from estimator.law.wages import describe_month

        return describe_month(self.pack(), month, wage)

    # -- disability page
    def injuries(self) -> list[Injury]:
        """The schedule of injuries: Injury(id, part, group{en,ms}, description{en,ms}, percent)."""
        if self._injuries is None:
            from estimator.law.injuries import injury_list

            self._injuries = list(injury_list(self.pack()))
        return self._injuries

    def combine(self, ids: list[str], on: date) -> tuple[Decimal, bool]:
        """Combined % of several scheduled injuries, and whether that is a total disablement."""
        from decimal import Decimal

        from estimator.law.injuries import combine_injuries

        percent, total = combine_injuries(self.pack(), ids, on)
        return Decimal(percent), bool(total)

    # -- files
    def read_case(self, path: Path) -> Case:
        """The case in ``path``; its stamp is kept so that a save can tell whether the file changed meanwhile."""
        from estimator.model.casefile import open_case_file

        case, stamp = open_case_file(path, self.rules)
        self._stamps[Path(path).resolve()] = stamp
        return case

    def write_case(self, path: Path, case: Case, overwrite_changed: bool = False) -> Path:
        """Save; raises ChangedOnDisk when another program changed the file since it was opened or saved here."""
        from estimator.model.casefile import write_case_file
        from estimator.model.fileio import stamp_file

        key = Path(path).resolve()
        out = write_case_file(path, case, expected=self._stamps.get(key), overwrite_changed=overwrite_changed)
        stamp = stamp_file(out)
        if stamp is not None:
            self._stamps[key] = stamp
        return out
