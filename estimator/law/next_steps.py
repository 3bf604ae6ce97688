"""What a claimant does next: per benefit the documents to bring and the deadline counted from the case dates.

The facts (documents, how a deadline is counted, sources) are the rule pack's ``next_steps.json``; the claim
period of the temporary and permanent disablement benefits is the pack's ``ei.claim_period_months``, counted
from the last day of medical leave.  :func:`next_steps_for` returns the records a Result carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from estimator.engine.dates import add_months
from estimator.engine.i18n import LANGS, Text
from estimator.engine.rules import RuleNotInForce, RulePack, RulePackError
from estimator.engine.rules.next_steps import ClaimSteps, NextStepsPack, load_next_steps
from estimator.engine.trace import malaysian_date
from estimator.model.case import Case
from estimator.model.result import TDB, BenefitRecord, NextStep

GENERAL = "GENERAL"
CLAIM_PERIOD_KEY = "ei.claim_period_months"


def last_leave_day(case: Case, benefits: Sequence[BenefitRecord]) -> date:
    """The last day of temporary disablement: the TDB's last day, else the last day of the leave typed."""
    for b in benefits:
        if isinstance(b, TDB):
            return b.last_day
    return case.event_date + timedelta(days=max(case.medical_leave_days - 1, 0))


def _claim_months(steps: ClaimSteps, case: Case, rules: RulePack | None) -> int:
    if rules is not None:
        try:
            return int(rules.at(CLAIM_PERIOD_KEY, case.event_date).value)
        except (RulePackError, RuleNotInForce):
            pass
    return steps.deadline_count


def deadline_of(
    steps: ClaimSteps, case: Case, benefits: Sequence[BenefitRecord], rules: RulePack | None = None
) -> date | None:
    if steps.deadline_kind == "months_after_last_leave_day":
        return add_months(last_leave_day(case, benefits), _claim_months(steps, case, rules))
    if steps.deadline_kind == "days_after_event":
        return case.event_date + timedelta(days=steps.deadline_count)
    return None


def _with_date(template: Text, when: date | None) -> Text:
    if when is None:
        return dict(template)
    return {lang: template[lang].replace("{date}", malaysian_date(when)) for lang in LANGS}


def next_steps_for(
    case: Case,
    benefits: Sequence[BenefitRecord],
    rules: RulePack | None = None,
    pack: NextStepsPack | None = None,
) -> list[NextStep]:
    """One record per benefit the pack knows (in the benefits' order, once per code), then where to claim."""
    facts = pack or load_next_steps()
    out: list[NextStep] = []
    seen: set[str] = set()
    for b in benefits:
        steps = facts.benefits.get(b.code)
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
        out.append(
            NextStep(
                code=GENERAL,
                title={"en": "Where", "ms": "Di mana"},
                documents=[facts.where.text, facts.hotline.text],
                timing={lang: "" for lang in LANGS},
                source=f"{facts.where.source}; {facts.hotline.source}",
                confidence=facts.where.confidence,
                weak=facts.where.weak or facts.hotline.weak,
            )
        )
    return out
