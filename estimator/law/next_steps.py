"""What a claimant does next: per benefit the documents to bring and the deadline counted from the case dates.

The facts (documents, how a deadline is counted, sources) are the rule pack's ``next_steps.json``, per scheme:
SKSPS and SKSSR have their own entries (no employer, payslip or Borang 34), each deadline from the scheme's own Act.
The length of a counted deadline is the pack rule the entry names (``ei.claim_period_months``,
``sksps.claim_limit_months`` ...), read through the scheme's rule view, so an office pack that changes it changes
the date.  :func:`next_steps_for` returns the records a Result carries; what does not depend on the case (the
documents, the place to claim) is built once per rule pack and scheme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from estimator.engine.dates import add_months
from estimator.engine.i18n import LANGS, Text
from estimator.engine.rules import RuleNotInForce, RulePack, RulePackError
from estimator.engine.rules.next_steps import ClaimSteps, NextStepsPack, load_next_steps
from estimator.engine.rules.view import RuleView
from estimator.engine.trace import Trace, malaysian_date
from estimator.model.case import Case
from estimator.model.result import TDB, BenefitRecord, NextStep

GENERAL = "GENERAL"


def last_leave_day(case: Case, benefits: Sequence[BenefitRecord]) -> date:
    """The last day of temporary disablement: the TDB's last day, else the last day of the leave typed."""
    for b in benefits:
        if isinstance(b, TDB):
            return b.last_day
    return case.event_date + timedelta(days=max(case.medical_leave_days - 1, 0))


def _claim_months(steps: ClaimSteps, case: Case, rules: RuleView | RulePack | None) -> int:
    """The months of the deadline: the scheme's own rule (read through its view), else the file's count."""
    if rules is not None and steps.deadline_rule:
        try:
            return int(Trace(rules).step("next_steps", case.event_date).rule(steps.deadline_rule))
        except (RulePackError, RuleNotInForce, LookupError):
            pass
    return steps.deadline_count


def deadline_of(
    steps: ClaimSteps,
    case: Case,
    benefits: Sequence[BenefitRecord],
    rules: RuleView | RulePack | None = None,
) -> date | None:
    if steps.deadline_kind == "months_after_last_leave_day":
        return add_months(last_leave_day(case, benefits), _claim_months(steps, case, rules))
    if steps.deadline_kind == "months_after_event":
        return add_months(case.event_date, _claim_months(steps, case, rules))
    if steps.deadline_kind == "days_after_event":
        return case.event_date + timedelta(days=steps.deadline_count)
    return None


def _with_date(template: Text, when: date | None) -> Text:
    if when is None:
        return dict(template)
    return {lang: template[lang].replace("{date}", malaysian_date(when)) for lang in LANGS}


@dataclass(frozen=True)
class _Static:
    """What a scheme's next steps are without the case: its entries and the closing "where" record."""

    entries: dict[str, ClaimSteps]
    general: NextStep


def _static(facts: NextStepsPack, scheme: str) -> _Static:
    entries, where = facts.for_scheme(scheme)
    general = NextStep(
        code=GENERAL,
        title={"en": "Where", "ms": "Di mana"},
        documents=[where.text, facts.hotline.text],
        timing={lang: "" for lang in LANGS},
        source=f"{where.source}; {facts.hotline.source}",
        confidence=where.confidence,
        weak=where.weak or facts.hotline.weak,
    )
    return _Static(entries, general)


def _static_for(facts: NextStepsPack, scheme: str, rules: RuleView | RulePack | None) -> _Static:
    """Built once per rule pack for the bundled facts (a file given to :func:`next_steps_for` is used fresh)."""
    pack = rules.pack if isinstance(rules, RuleView) else rules
    if pack is None:
        return _static(facts, scheme)
    key = ("next_steps", scheme)
    hit: _Static | None = pack.use_cache.get(key)
    if hit is None:
        hit = _static(facts, scheme)
        pack.use_cache[key] = hit
    return hit


def next_steps_for(
    case: Case,
    benefits: Sequence[BenefitRecord],
    rules: RuleView | RulePack | None = None,
    pack: NextStepsPack | None = None,
) -> list[NextStep]:
    """One record per benefit the scheme's entries know (in the benefits' order, once per code), then where."""
    facts = pack or load_next_steps()
    static = _static(facts, case.scheme) if pack is not None else _static_for(facts, case.scheme, rules)
    out: list[NextStep] = []
    seen: set[str] = set()
    for b in benefits:
        steps = static.entries.get(b.code)
        if steps is None or b.code in seen:
            continue
        seen.add(b.code)
        documents = list(steps.documents)
        if case.incident_type == "commuting_accident":
            documents += steps.commuting_documents
        when = deadline_of(steps, case, benefits, rules)
        out.append(
            NextStep(
                code=b.code,
                title=b.title,
                documents=documents,
                deadline=when,
                timing=_with_date(steps.deadline_text, when),
                source=steps.source,
                confidence=steps.confidence,
                weak=steps.weak,
            )
        )
    if benefits:  # where to claim and the hotline, whatever the benefit (even one the pack has no steps for)
        out.append(static.general)
    return out
