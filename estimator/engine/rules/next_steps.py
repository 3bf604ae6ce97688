"""The claim process facts of the rule pack (``next_steps.json``): documents, deadlines, where to claim.

Each benefit's entry lists the documents to bring (bilingual), how its deadline is counted (with the rule of the
pack that gives its length, read through the scheme's rule view) and the source of those facts with its confidence;
a weak source (INFERRED and the like) is shown to the claimant as such.  ``benefits`` are the employees' schemes'
(Act 4); ``schemes`` holds each other scheme's own entries (and where to claim), used instead: a scheme listed
there never gets an employees' item (an employer, a payslip, Borang 34).  ``without_steps`` names the benefits
that have nothing to claim, each with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from estimator.engine.i18n import Text
from estimator.engine.paths import resources_dir
from estimator.engine.rules.model import PROVISIONAL_CONFIDENCES, RulePackError
from estimator.engine.rules.readers import confidence, read_json, text, whole

FILE = "next_steps.json"
DeadlineKind = Literal[
    "months_after_last_leave_day", "months_after_event", "days_after_event", "as_soon_as_possible", "none"
]
DEADLINE_KINDS: tuple[str, ...] = (
    "months_after_last_leave_day",
    "months_after_event",
    "days_after_event",
    "as_soon_as_possible",
    "none",
)
COUNTED_KINDS = ("months_after_last_leave_day", "months_after_event", "days_after_event")


@dataclass(frozen=True)
class Fact:
    text: Text
    source: str
    confidence: str

    @property
    def weak(self) -> bool:
        return self.confidence in PROVISIONAL_CONFIDENCES


@dataclass(frozen=True)
class ClaimSteps:
    code: str
    documents: list[Text]
    commuting_documents: list[Text]
    deadline_kind: DeadlineKind
    deadline_count: int  # months or days; 0 when the kind has no count
    deadline_text: Text  # may hold {date}
    source: str
    confidence: str
    deadline_rule: str = ""  # the pack's rule giving the count (months), read for the scheme; "" : the count

    @property
    def weak(self) -> bool:
        return self.confidence in PROVISIONAL_CONFIDENCES


@dataclass(frozen=True)
class SchemeSteps:
    """A scheme's own claim process: its entries per benefit and where it is claimed."""

    benefits: dict[str, ClaimSteps]
    where: Fact | None = None


@dataclass(frozen=True)
class NextStepsPack:
    where: Fact
    hotline: Fact
    benefits: dict[str, ClaimSteps] = field(default_factory=dict)  # the employees' schemes (Act 4)
    schemes: dict[str, SchemeSteps] = field(default_factory=dict)
    without_steps: dict[str, str] = field(default_factory=dict)  # benefit code -> why nothing is claimed

    def for_scheme(self, scheme: str) -> tuple[dict[str, ClaimSteps], Fact]:
        """The entries and the place to claim of ``scheme``."""
        own = self.schemes.get(scheme)
        if own is None:
            return self.benefits, self.where
        return own.benefits, own.where or self.where


def _bilingual(key: str, raw: Any) -> Text:
    if not isinstance(raw, dict) or set(raw) != {"en", "ms"}:
        raise RulePackError(FILE, key, "must be {'en': ..., 'ms': ...}")
    out = {lang: text(FILE, key, raw[lang]).strip() for lang in ("en", "ms")}
    if not all(out.values()):
        raise RulePackError(FILE, key, "a text is empty")
    return out


def _fact(key: str, raw: Any) -> Fact:
    if not isinstance(raw, dict):
        raise RulePackError(FILE, key, "must be an object")
    return Fact(_bilingual(f"{key}.text", raw.get("text")), _source(key, raw), _confidence(key, raw))


def _source(key: str, raw: dict[str, Any]) -> str:
    source = text(FILE, f"{key}.source", raw.get("source", "")).strip()
    if not source:
        raise RulePackError(FILE, f"{key}.source", "every fact needs its source")
    return source


def _confidence(key: str, raw: dict[str, Any]) -> str:
    return confidence(FILE, f"{key}.confidence", str(raw.get("confidence", "")))


def _texts(key: str, raw: Any) -> list[Text]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > 20:
        raise RulePackError(FILE, key, "must be a list of up to 20 texts")
    return [_bilingual(f"{key}[{i}]", item) for i, item in enumerate(raw)]


def _claim_steps(code: str, raw: Any, prefix: str = "benefits") -> ClaimSteps:
    key = f"{prefix}.{code}"
    if not isinstance(raw, dict):
        raise RulePackError(FILE, key, "must be an object")
    deadline = raw.get("deadline")
    if not isinstance(deadline, dict) or deadline.get("kind") not in DEADLINE_KINDS:
        raise RulePackError(FILE, f"{key}.deadline", f"kind must be one of {', '.join(DEADLINE_KINDS)}")
    kind: DeadlineKind = deadline["kind"]
    count = 0
    if kind in ("months_after_last_leave_day", "months_after_event"):
        count = whole(FILE, f"{key}.deadline.months", deadline.get("months"))
    elif kind == "days_after_event":
        count = whole(FILE, f"{key}.deadline.days", deadline.get("days"))
    rule = deadline.get("rule", "")
    if not isinstance(rule, str) or len(rule) > 80 or (rule and kind not in COUNTED_KINDS[:2]):
        raise RulePackError(FILE, f"{key}.deadline.rule", "a rule key (months), for a counted deadline only")
    if kind in COUNTED_KINDS and not 1 <= count <= 120 * 31:
        raise RulePackError(FILE, f"{key}.deadline", "the count is out of range")
    deadline_text = _bilingual(f"{key}.deadline_text", raw.get("deadline_text"))
    if count and not all("{date}" in v for v in deadline_text.values()):
        raise RulePackError(FILE, f"{key}.deadline_text", "a counted deadline's text must show {date}")
    return ClaimSteps(
        code=code,
        documents=_texts(f"{key}.documents", raw.get("documents")),
        commuting_documents=_texts(f"{key}.commuting_documents", raw.get("commuting_documents")),
        deadline_kind=kind,
        deadline_count=count,
        deadline_text=deadline_text,
        source=_source(key, raw),
        confidence=_confidence(key, raw),
        deadline_rule=rule,
    )


def _scheme_steps(scheme: str, raw: Any) -> SchemeSteps:
    key = f"schemes.{scheme}"
    if not isinstance(raw, dict) or not isinstance(raw.get("benefits"), dict):
        raise RulePackError(FILE, key, "must be an object with its benefits")
    where = raw.get("where")
    return SchemeSteps(
        benefits={
            code: _claim_steps(code, entry, f"{key}.benefits") for code, entry in raw["benefits"].items()
        },
        where=_fact(f"{key}.where", where) if where is not None else None,
    )


def _without_steps(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise RulePackError(FILE, "without_steps", "must map a benefit code to the reason it has no steps")
    return {code: text(FILE, f"without_steps.{code}", why) for code, why in raw.items()}


def parse_next_steps(data: Any) -> NextStepsPack:
    if not isinstance(data, dict) or data.get("format") != "faedah-next-steps" or data.get("version") != 1:
        raise RulePackError(FILE, "format", "not a Faedah next-steps file (faedah-next-steps, version 1)")
    benefits = data.get("benefits")
    if not isinstance(benefits, dict) or not benefits:
        raise RulePackError(FILE, "benefits", "must list the benefits")
    return NextStepsPack(
        where=_fact("where", data.get("where")),
        hotline=_fact("hotline", data.get("hotline")),
        benefits={code: _claim_steps(code, raw) for code, raw in benefits.items()},
        schemes={name: _scheme_steps(name, raw) for name, raw in (data.get("schemes") or {}).items()},
        without_steps=_without_steps(data.get("without_steps")),
    )


def load_next_steps(path: Path | None = None) -> NextStepsPack:
    """The claim process facts of ``path`` (default: the bundled pack's ``next_steps.json``)."""
    if path is None:
        return _bundled()
    return parse_next_steps(read_json(path, "next_steps"))


@lru_cache(maxsize=1)
def _bundled() -> NextStepsPack:
    return parse_next_steps(read_json(resources_dir() / "rules" / FILE, "next_steps"))
