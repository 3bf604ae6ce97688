"""The recorder every benefit calculation writes to: steps, the parameters used, provisional flags, warnings."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from estimator.engine.i18n import Text, same, tr
from estimator.engine.rules import RulePack, Value
from estimator.model.result import NotPayable, ParamUse, Step, Warning


def param_use(pack: RulePack, v: Value) -> ParamUse:
    """The record of a rule value (cached: a value's record never changes)."""
    ck = (v.key, v.start, v.provisional)
    hit: ParamUse | None = pack.use_cache.get(ck)
    if hit is not None:
        return hit
    param = pack.param(v.key)
    raw = v.raw
    if hasattr(v.value, "name") and param.kind.endswith("table"):
        raw = f"{v.raw} ({v.value.name})" if v.raw != v.value.name else v.raw
    use = ParamUse.model_construct(
        key=v.key,
        value=raw,
        effective_from=v.start,
        source=v.source,
        confidence=v.confidence,
        provisional=v.provisional,
        description=param.description,
        note=v.note,
        note_ms=v.note_ms,
    )
    pack.use_cache[ck] = use
    return use


class Recorder:
    """Collects the calculation record of one estimate.

    ``use(key, on)`` reads a rule value in force on ``on`` and remembers it for the next ``step(...)``, so that a
    step lists exactly the parameters it used; a step is provisional when any of them (or an input flagged
    ``provisional=True``) is.
    """

    def __init__(self, rules: RulePack) -> None:
        self.rules = rules
        self.steps: list[Step] = []
        self.warnings: list[Warning] = []
        self.not_payable: list[NotPayable] = []
        self.provisional_notes: list[Text] = []
        self._pending: list[ParamUse] = []
        self._seen_notes: set[str] = set()
        self._ids: set[str] = set()
        self.custom_notes: set[str] = {"ei.commutation_table"}  # keys whose footnote a benefit writes itself

    # -- rules
    def use(self, key: str, on: date) -> Any:
        v = self.rules.at(key, on)
        self._pending.append(param_use(self.rules, v))
        return v.value

    def value(self, key: str, on: date) -> Value:
        v = self.rules.at(key, on)
        self._pending.append(param_use(self.rules, v))
        return v

    def note_provisional(self, key: str, message: Text) -> None:
        if key not in self._seen_notes:
            self._seen_notes.add(key)
            self.provisional_notes.append(message)

    # -- steps
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
        # keep one entry per parameter value
        unique: dict[tuple[str, date], ParamUse] = {}
        for p in params:
            unique.setdefault((p.key, p.effective_from), p)
        params = list(unique.values())
        prov = provisional or any(p.provisional for p in params)
        for p in params:
            note_key = f"param:{p.key}:{p.effective_from}"
            if p.provisional and p.key not in self.custom_notes and note_key not in self._seen_notes:
                self.note_provisional(
                    note_key,
                    tr(
                        "prov.param",
                        description_en=p.description["en"],
                        description_ms=p.description["ms"],
                        value=p.value,
                        date=p.effective_from.isoformat(),
                        confidence=p.confidence,
                        source=p.source,
                        note_en=f"; {p.note}" if p.note else "",
                        note_ms=f"; {p.note_ms or p.note}" if p.note else "",
                    ),
                )
        sid = step_id
        n = 2
        while sid in self._ids:
            sid = f"{step_id}.{n}"
            n += 1
        self._ids.add(sid)
        s = Step.model_construct(
            id=sid,
            title=title,
            formula=formula,
            substituted=substituted,
            result=result,
            inputs=inputs or {},
            params=params,
            rounding=rounding,
            provisional=prov,
            note=note,
        )
        self.steps.append(s)
        return s

    def discard_pending(self) -> None:
        self._pending = []

    # -- outcomes
    def warn(self, code: str, message: Text, severity: Literal["info", "warning"] = "warning") -> None:
        self.warnings.append(Warning(code=code, message=message, severity=severity))

    def refuse(self, code: str, reason: Text) -> None:
        self.not_payable.append(NotPayable(code=code, reason=reason))


def formula(key: str) -> Text:
    return tr(f"formula.{key}")


def title(key: str, **kw: object) -> Text:
    return tr(f"step.{key}", **kw)


def plain(value: str) -> Text:
    return same(value)
