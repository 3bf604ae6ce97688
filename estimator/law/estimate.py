"""estimate(case) -> Result: the single entry point of the calculation core."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from estimator.engine.calc import Recorder
from estimator.engine.i18n import tr
from estimator.engine.money import sen
from estimator.engine.rules import RuleNotInForce, RulePack, default_rules
from estimator.model.case import Case, age_on
from estimator.model.result import Result, RulesInfo, WageMonthInfo


@dataclass
class Ctx:
    case: Case
    rules: RulePack
    rec: Recorder
    age: int
    wages: list[tuple[str, Decimal]]
    average_monthly_wage: Decimal | None = None
    wage_months: list[WageMonthInfo] = field(default_factory=list)


def estimate(case: Case, rules: RulePack | None = None) -> Result:
    """Every benefit the case is entitled to, with the explanation record.  ``case`` must be validated."""
    rules = rules or default_rules()
    rec = Recorder(rules)
    ctx = Ctx(
        case=case,
        rules=rules,
        rec=rec,
        age=age_on(case.date_of_birth, case.event_date),
        wages=sorted((w.month, w.wage) for w in case.monthly_wages),
    )
    benefits: list[object]
    try:
        if case.scheme == "invalidity":
            from estimator.law.invalidity import invalidity_benefits

            benefits = list(invalidity_benefits(ctx))
        else:
            from estimator.law.injury import injury_benefits

            benefits = injury_benefits(ctx)
    except RuleNotInForce as exc:
        rec.refuse("RULES", tr("refuse.no_rule_for", key=exc.key, date=exc.on.isoformat()))
        benefits = []
    for notice in rules.notices:
        rec.warn("RULE_PACK", tr("warn.rule_pack_notice", notice=notice))
    avg = ctx.average_monthly_wage
    used_steps = {sid for b in benefits for sid in getattr(b, "step_ids", [])}
    provisional = any(getattr(b, "provisional", False) for b in benefits) or any(
        s.provisional for s in rec.steps if s.id in used_steps
    )
    return Result(
        scheme=case.scheme,
        incident_type=case.incident_type,
        outcome=case.outcome,
        event_date=case.event_date,
        age_at_event=ctx.age,
        average_assumed_monthly_wage=sen(avg) if avg is not None else None,
        average_assumed_daily_wage=sen(avg / 30) if avg is not None and case.scheme != "invalidity" else None,
        wage_months=ctx.wage_months,
        benefits=benefits,  # type: ignore[arg-type,unused-ignore]
        not_payable=rec.not_payable,
        warnings=rec.warnings,
        steps=rec.steps,
        provisional=provisional,
        provisional_notes=rec.provisional_notes if provisional else [],
        rules=RulesInfo(version=rules.version, sha256=rules.sha256, name=rules.name, origin=rules.origin),
        disclaimer=tr("disclaimer"),
    )
