"""estimate(case) -> Result: the single entry point of the calculation core."""

from __future__ import annotations

from decimal import Decimal

from estimator.engine.dates import age_on
from estimator.engine.i18n import tr
from estimator.engine.money import sen
from estimator.engine.rules import ORIGIN_BUNDLED, RuleNotInForce, RulePack, default_rules
from estimator.engine.rules.office import pack_disclaimer
from estimator.engine.rules.view import RuleView
from estimator.engine.trace import Trace
from estimator.law.context import Ctx, NothingMorePayable, rules_info
from estimator.law.next_steps import next_steps_for
from estimator.law.registry import is_gate, scope_of
from estimator.law.schemes import laws_for
from estimator.model.case import Case
from estimator.model.result import BenefitRecord, Result


def _in_order(wages: list[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    wages.sort()  # (a case lists them in order: the sort only checks)
    return wages


def estimate(case: Case, rules: RulePack | None = None) -> Result:
    """Every benefit the case is entitled to, with the explanation record.  ``case`` must be validated."""
    rules = rules or default_rules()
    view = RuleView(rules, scope_of(case.scheme))  # the scheme's rules, each looked up once for this case
    trace = Trace(view, defer_texts=True)  # the Result fills the steps' texts when they are read
    ctx = Ctx(
        case=case,
        rules=view,
        trace=trace,
        age=age_on(case.date_of_birth, case.event_date),
        wages=_in_order([(w.month, w.wage) for w in case.monthly_wages]),
    )
    benefits: list[BenefitRecord] = []
    for law in laws_for(case.scheme, case.outcome):
        try:
            paid = law(ctx)
        except NothingMorePayable:
            break
        except RuleNotInForce as exc:
            # docs/decisions.md (3): a rule not in force on the event date refuses only what needs it; a law
            # every later one builds on (coverage, the wage basis) ends the estimate
            trace.refuse("RULES", tr("refuse.no_rule_for", key=exc.key, date=exc.on.isoformat()))
            if is_gate(law):
                break
            continue
        if isinstance(paid, list):
            benefits.extend(paid)
        elif paid is not None:
            benefits.append(paid)
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
    provisional = (
        any(b.provisional for b in benefits)
        or trace.provisional(used_steps)
        or (
            ctx.unchecked_coverage and bool(benefits)
        )  # SKSPS/SKSSR without the day the contribution was paid
    )
    # the assumed average daily wage of the wage basis (Act 4 Part II, Act 789 Second Sch para 1); a scheme whose laws
    # set no wage basis (the invalidity pension's average monthly wage, Act 838's fixed sums) has none
    basis = ctx.wage_basis
    daily_basis = basis is not None and basis.average_monthly is not None
    divisor = ctx.step("wages.daily").rule("wages.days_divisor") if avg is not None and daily_basis else None
    return Result(
        scheme=case.scheme,
        incident_type=case.incident_type,
        outcome=case.outcome,
        event_date=case.event_date,
        age_at_event=ctx.age,
        average_assumed_monthly_wage=sen(avg) if avg is not None else None,
        average_assumed_daily_wage=sen(avg / divisor) if avg is not None and divisor is not None else None,
        wage_months=ctx.wage_months,
        benefits=benefits,
        not_payable=trace.not_payable,
        warnings=trace.warnings,
        steps=trace.steps,
        provisional=provisional,
        provisional_notes=trace.provisional_notes if provisional else [],
        rules=rules_info(rules),
        disclaimer=pack_disclaimer(rules),
        next_steps=next_steps_for(case, benefits, view),
    )
