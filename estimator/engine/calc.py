"""TRANSITIONAL: the old recorder API (use -> pending -> step) written on top of :class:`Trace`.

Law modules are being moved to :class:`estimator.engine.trace.StepTrace`; this shim goes when the last one has.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from estimator.engine.i18n import Text, same, tr
from estimator.engine.rules import Value
from estimator.engine.trace import Trace, param_use
from estimator.model.result import ParamUse, Step


class Recorder:
    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.rules = trace.rules
        self._pending: list[ParamUse] = []

    @property
    def steps(self) -> list[Step]:
        return self.trace.steps

    @property
    def custom_notes(self) -> set[str]:
        return self.trace.custom_notes

    def use(self, key: str, on: date) -> Any:
        return self.value(key, on).value

    def value(self, key: str, on: date) -> Value:
        v = self.rules.at(key, on)
        self._pending.append(param_use(self.rules, v))
        return v

    def note_provisional(self, key: str, message: Text) -> None:
        self.trace.note_provisional(key, message)

    def step(
        self,
        step_id: str,
        title: Text,
        formula: Text,
        substituted: str,
        result: str,
        inputs: dict[str, str] | None = None,
        rounding: Text | None = None,
        note: Text | None = None,
        provisional: bool = False,
        extra_params: list[ParamUse] | None = None,
    ) -> Step:
        params = self._pending + list(extra_params or [])
        self._pending = []
        unique: dict[tuple[str, date], ParamUse] = {}
        for p in params:
            unique.setdefault((p.key, p.effective_from), p)
        return self.trace.add_step(
            step_id,
            title=title,
            formula=formula,
            substituted=same(substituted),
            result=same(result),
            inputs=inputs or {},
            params=list(unique.values()),
            rounding=rounding,
            note=note,
            provisional=provisional,
        )

    def discard_pending(self) -> None:
        self._pending = []

    def warn(self, code: str, message: Text, severity: Literal["info", "warning"] = "warning") -> None:
        self.trace.warn(code, message, severity)

    def refuse(self, code: str, reason: Text) -> None:
        self.trace.refuse(code, reason)


def formula(key: str) -> Text:
    return tr(f"formula.{key}")


def title(key: str, **kw: object) -> Text:
    return tr(f"step.{key}", **kw)


def plain(value: str) -> Text:
    return same(value)
