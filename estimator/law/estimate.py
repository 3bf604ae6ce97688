"""estimate(case) -> Result: the single entry point of the calculation core."""

from __future__ import annotations

from estimator.engine.dates import age_on
from estimator.engine.i18n import tr
from estimator.engine.money import sen
from estimator.engine.rules import ORIGIN_BUNDLED, RuleNotInForce, RulePack, default_rules
from estimator.engine.trace import Trace
from estimator.law.context import Ctx, NothingMorePayable, rules_info
from estimator.law.next_steps import next_steps_for
from estimator.law.schemes import laws_for
from estimator.model.case import Case
from estimator.model.result import BenefitRecord, Result


def estimate(case: Case, rules: RulePack | None = None) -> Result:
    """Every benefit the case is entitled to, with the explanation record.  ``case`` must be validated."""
    rules = rules or default_rules()
    trace = Trace(rules, defer_texts=True)  # the Result fills the steps' texts when they are read
    ctx = Ctx(
        case=case,
        rules=rules,
        trace=trace,
        age=age_on(case.date_of_birth, case.event_date),
        wages=sorted((w.month, w.wage) for w in case.monthly_wages),
    )
    benefits: list[BenefitRecord] = []
    try:
        for law in laws_for(case.scheme, case.outcome):
            paid = law(ctx)
            if isinstance(paid, list):
                benefits.extend(paid)
            elif paid is not None:
                benefits.append(paid)
    except NothingMorePayable:
        pass
    except RuleNotInForce as exc:
        trace.refuse("RULES", tr("refuse.no_rule_for", key=exc.key, date=exc.on.isoformat()))
        benefits = []
    if rules.origin != ORIGIN_BUNDLED:  # every output says when the figures come from an office's own pack
        trace.warn(
            "RULE_PACK_OFFICE",
            tr(
                "rules.office_pack_differs",
                version=rules.version,
                name=rules.name,
                count=rules.differs_from_published,
            ),
        )
    for notice in rules.notices:
        trace.warn("RULE_PACK", tr("warn.rule_pack_notice", notice=notice))
    avg = ctx.average_monthly_wage
    used_steps = [sid for b in benefits for sid in b.step_ids]
    provisional = any(b.provisional for b in benefits) or trace.provisional(used_steps)
    divisor = rules.at("wages.days_divisor", case.event_date).value
    return Result(
        scheme=case.scheme,
        incident_type=case.incident_type,
        outcome=case.outcome,
        event_date=case.event_date,
        age_at_event=ctx.age,
        average_assumed_monthly_wage=sen(avg) if avg is not None else None,
        average_assumed_daily_wage=sen(avg / divisor)
        if avg is not None and case.scheme != "invalidity"
        else None,
        wage_months=ctx.wage_months,
        benefits=benefits,
        not_payable=trace.not_payable,
        warnings=trace.warnings,
        steps=trace.steps,
        provisional=provisional,
        provisional_notes=trace.provisional_notes if provisional else [],
        rules=rules_info(rules),
        disclaimer=tr("disclaimer"),
        next_steps=next_steps_for(case, benefits, rules),
    )
