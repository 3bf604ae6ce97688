"""The claim process facts of the rule pack (``next_steps.json``): documents, deadlines, where to claim.

Each benefit's entry lists the documents to bring (bilingual), how its deadline is counted and the source of
those facts with its confidence; a weak source (INFERRED and the like) is shown to the claimant as such.
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
DeadlineKind = Literal["months_after_last_leave_day", "days_after_event", "as_soon_as_possible", "none"]
DEADLINE_KINDS: tuple[str, ...] = (
    "months_after_last_leave_day",
    "days_after_event",
    "as_soon_as_possible",
    "none",
)


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

    @property
    def weak(self) -> bool:
        return self.confidence in PROVISIONAL_CONFIDENCES


@dataclass(frozen=True)
class NextStepsPack:
    where: Fact
    hotline: Fact
    benefits: dict[str, ClaimSteps] = field(default_factory=dict)


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


def _claim_steps(code: str, raw: Any) -> ClaimSteps:
    key = f"benefits.{code}"
    if not isinstance(raw, dict):
        raise RulePackError(FILE, key, "must be an object")
    deadline = raw.get("deadline")
    if not isinstance(deadline, dict) or deadline.get("kind") not in DEADLINE_KINDS:
        raise RulePackError(FILE, f"{key}.deadline", f"kind must be one of {', '.join(DEADLINE_KINDS)}")
    kind: DeadlineKind = deadline["kind"]
    count = 0
    if kind == "months_after_last_leave_day":
        count = whole(FILE, f"{key}.deadline.months", deadline.get("months"))
    elif kind == "days_after_event":
        count = whole(FILE, f"{key}.deadline.days", deadline.get("days"))
    if kind in ("months_after_last_leave_day", "days_after_event") and not 1 <= count <= 120 * 31:
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
    )


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
    )


def load_next_steps(path: Path | None = None) -> NextStepsPack:
    """The claim process facts of ``path`` (default: the bundled pack's ``next_steps.json``)."""
    if path is None:
        return _bundled()
    return parse_next_steps(read_json(path, "next_steps"))


@lru_cache(maxsize=1)
def _bundled() -> NextStepsPack:
    return parse_next_steps(read_json(resources_dir() / "rules" / FILE, "next_steps"))
