"""The scenarios being compared: up to four labelled case documents, one of them open in the wizard.

The wizard edits one case document at a time; the session keeps the others.  Switching scenario stores the
wizard's document in the slot of the scenario it was editing and loads the other one
(:meth:`ui.wizard.CaseWizard.switch_case`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from estimator.law.compare import Comparison
    from estimator.model.case import Case, Problem

    from ..core import Core
    from ..wizard import CaseWizard

MAX_SCENARIOS = 4


def letter(index: int) -> str:
    return chr(ord("A") + index)


@dataclass
class ScenarioSlot:
    label: str
    document: dict[str, Any]


class CompareSession:
    def __init__(self, wizard: CaseWizard, core: Core) -> None:
        self.wizard = wizard
        self.core = core
        self.slots: list[ScenarioSlot] = []
        self.editing = 0

    # -- building
    def start_from_wizard(self) -> None:
        """The wizard's case becomes scenario A; B, a copy of it, is opened in the wizard."""
        document = self.wizard.collect()
        self.slots = [ScenarioSlot(letter(0), document), ScenarioSlot(letter(1), copy.deepcopy(document))]
        self.editing = 0
        self.edit(1)

    def start_from_cases(self, scenarios: list[tuple[str, Case]]) -> None:
        """A comparison file's scenarios; the wizard edits the first."""
        self.slots = [ScenarioSlot(label, self.core.case_to_dict(case)) for label, case in scenarios]
        self.editing = 0
        self.wizard.switch_case(copy.deepcopy(self.slots[0].document))

    def add(self) -> int:
        """A new scenario, a copy of the one being edited; the wizard keeps editing the one it has."""
        if len(self.slots) >= MAX_SCENARIOS:
            return -1
        self.store()
        index = len(self.slots)
        self.slots.append(ScenarioSlot(letter(index), copy.deepcopy(self.slots[self.editing].document)))
        return index

    def remove_last(self) -> None:
        if len(self.slots) <= 1:
            return
        if self.editing == len(self.slots) - 1:
            self.edit(len(self.slots) - 2)
        self.slots.pop()

    def set_label(self, index: int, label: str) -> None:
        self.slots[index].label = label.strip()[:40]

    # -- the wizard
    def store(self) -> None:
        """Keep the wizard's current document in the slot of the scenario it edits."""
        if self.slots:
            self.slots[self.editing].document = self.wizard.collect()

    def edit(self, index: int) -> None:
        self.store()
        if index != self.editing:
            self.wizard.switch_case(copy.deepcopy(self.slots[index].document))
            self.editing = index

    def label_of(self, index: int) -> str:
        return self.slots[index].label or letter(index)

    # -- the figures
    def cases(self) -> tuple[list[tuple[str, Case]], list[tuple[str, list[Problem]]]]:
        """The valid scenarios' (label, Case) and, for the others, their problems."""
        from estimator.model.case import CaseError

        self.store()
        valid: list[tuple[str, Case]] = []
        invalid: list[tuple[str, list[Problem]]] = []
        for i, slot in enumerate(self.slots):
            try:
                valid.append((self.label_of(i), self.core.parse(copy.deepcopy(slot.document))))
            except CaseError as exc:
                invalid.append((self.label_of(i), list(exc.problems)))
        return valid, invalid

    def comparison(self) -> tuple[Comparison | None, list[tuple[str, list[Problem]]]]:
        from estimator.law.compare import compare

        valid, invalid = self.cases()
        if not valid:
            return None, invalid
        return compare(valid, self.core.pack()), invalid
