"""A per-case view of the rule pack: the keys a scheme's law reads, resolved once and cached for the estimate.

The law of a scheme reads rules by the names the Act 4 laws use (``ei.tdb_rate_percent``, ``wages.days_divisor``
...).  A :class:`RuleScope` (declared with the scheme in :mod:`estimator.law.registry`) says, for one scheme, which
of those names are its own rules (``own``: the read name -> the scheme's key), which are its own namespace
(``namespaces``) and which Act 4 rules it inherits, each with its legal reason (``inherited``).  A scope with
``inherited=None`` is Act 4 itself: every key of the pack is its own.  Reading a key a scope does not declare is a
programming error (:class:`RuleNotDeclared`), so a scheme never falls back on Act 4 unseen.

A :class:`RuleView` is built once per estimate: each (key, date) is looked up in the pack once (and kept with the
pack for the next estimate of the same scheme), and its record (:class:`~estimator.model.result.ParamUse`, with the
Act it comes from) built once per pack.  The engine keeps no scheme
here: a scope is data the law gives it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from estimator.engine.rules.model import Parameter, RulePack, Value
from estimator.model.result import ParamUse


class RuleNotDeclared(LookupError):
    """A law read a rule its scheme does not declare (neither its own nor an inherited Act 4 rule)."""

    def __init__(self, scope: str, key: str) -> None:
        super().__init__(f"rule {key!r} is not declared for the scheme {scope!r} (law/registry.py)")
        self.scope = scope
        self.key = key


@dataclass(frozen=True)
class RuleScope:
    """Which rules a scheme reads: its own (renamed or in its namespace) and the Act 4 rules it inherits."""

    name: str  # the scheme
    act: Mapping[str, str] = field(default_factory=dict)  # the scheme's Act, {"en": ..., "ms": ...}
    own: Mapping[str, str] = field(default_factory=dict)  # the Act 4 name a law reads -> the scheme's own key
    namespaces: tuple[str, ...] = ()  # key prefixes that are the scheme's own ("sksps.")
    inherited: Mapping[str, str] | None = None  # Act 4 key -> the one-line legal reason; None: every key

    def resolve(self, key: str) -> tuple[str, str | None]:
        """The pack key read for ``key`` and, for an inherited Act 4 rule, the reason it applies."""
        mapped = self.own.get(key)
        if mapped is not None:
            return mapped, None
        if self.inherited is None or key.startswith(self.namespaces):
            return key, None
        reason = self.inherited.get(key)
        if reason is None:
            raise RuleNotDeclared(self.name, key)
        return key, reason


ACT4 = RuleScope(name="act4")  # every key as the pack holds it (Act 4 and its amendments)


def _record(pack: RulePack, v: Value, scope: RuleScope, reason: str | None) -> ParamUse:
    """The record of a value (cached on the pack: a value's record never changes)."""
    ck = (scope.name if reason else "", v.key, v.start, v.provisional)
    hit: ParamUse | None = pack.use_cache.get(ck)
    if hit is not None:
        return hit
    param = pack.param(v.key)
    raw = v.raw
    if hasattr(v.value, "name") and param.kind.endswith("table"):
        raw = f"{v.raw} ({v.value.name})" if v.raw != v.value.name else v.raw
    note, note_ms = v.note, v.note_ms
    if reason:  # say which Act the value comes from and why this scheme applies it
        act_en, act_ms = scope.act.get("en", scope.name), scope.act.get("ms", scope.name)
        extra_en = f"Act 4's rule, applied by {act_en}: {reason}"
        extra_ms = f"peraturan Akta 4, dipakai oleh {act_ms}: {reason}"
        note_ms = f"{note_ms or note}; {extra_ms}" if note else extra_ms
        note = f"{note}; {extra_en}" if note else extra_en
    use = ParamUse.model_construct(
        key=v.key,
        value=raw,
        effective_from=v.start,
        source=v.source,
        confidence=v.confidence,
        provisional=v.provisional,
        description=param.description,
        note=note,
        note_ms=note_ms,
    )
    pack.use_cache[ck] = use
    return use


MAX_CACHED_READS = 20_000  # (key, date) reads kept per pack and scheme: a batch of many dates starts afresh


class RuleView:
    """The rules of one scheme for one estimate: each (key, date) resolved and looked up once."""

    __slots__ = ("_cache", "_resolved", "pack", "scope")

    def __init__(self, pack: RulePack, scope: RuleScope = ACT4) -> None:
        self.pack = pack
        self.scope = scope
        # what this scheme's estimates read from this pack: (key, date) -> (value, record), and key -> (parameter,
        # reason); kept on the pack (cleared with it when an office pack is applied), bounded for long batches
        shared = pack.use_cache.get(("view", scope.name, id(scope)))
        if shared is None or len(shared[0]) > MAX_CACHED_READS:
            shared = pack.use_cache[("view", scope.name, id(scope))] = ({}, {})
        self._cache: dict[tuple[str, date], tuple[Value, ParamUse]] = shared[0]
        self._resolved: dict[str, tuple[Parameter, str | None]] = shared[1]

    def read(self, key: str, on: date) -> tuple[Value, ParamUse]:
        """The value of ``key`` in force on ``on`` and its record (raises RuleNotInForce, RuleNotDeclared)."""
        ck = (key, on)
        hit = self._cache.get(ck)
        if hit is None:
            found = self._resolved.get(key)
            if found is None:
                real, reason = self.scope.resolve(key)
                found = self._resolved[key] = (self.pack.param(real), reason)
            v = found[0].at(on)
            hit = (v, _record(self.pack, v, self.scope, found[1]))
            self._cache[ck] = hit
        return hit

    def changes(self, key: str) -> list[date]:
        """The dates on which the value of ``key`` (or its provisional mark) may change."""
        param = self.pack.param(self.scope.resolve(key)[0])
        out = {v.start for v in param.values}
        out |= {v.date_provisional_until for v in param.values if v.date_provisional_until is not None}
        return sorted(out)

    def value(self, key: str, on: date) -> Any:
        return self.read(key, on)[0].value
