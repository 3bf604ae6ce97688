"""Lindung 24/7, the non-employment injury scheme (Act 4 as amended by A1788).

* s.44A–s.44C: an accident outside employment is covered from the scheme's start date, in Malaysia only; the
  insured person gets the same benefits as for an employment injury.
* s.96B: a condition caused by disease is not a non-employment injury; an injury covered by the self-employment
  scheme (Act 789) or the housewives' scheme (Act 838) is excluded; s.96C: no double benefit across schemes.
* A1788 s.18 (new Fourth Schedule para 1): the daily rates are phased (``lindung.phase``, ``lindung.*_rate_percent``);
  the scheme's declaration in :mod:`estimator.law.registry` makes the shared laws read them.
"""

from __future__ import annotations

from datetime import date

from estimator.engine.i18n import tr
from estimator.engine.rules import RuleNotInForce
from estimator.engine.trace import fill
from estimator.law.context import Ctx, NothingMorePayable


def coverage(ctx: Ctx) -> None:
    """s.44A/s.96B: the accident date, place and cause; raises :class:`NothingMorePayable` when not covered."""
    case = ctx.case
    on = case.event_date
    s = ctx.step("lindung.coverage")
    try:
        start = s.rule("lindung.start_date")
    except RuleNotInForce:  # pragma: no cover - the start date parameter is dated 1971
        start = date.max
    if on < start:
        s.done("lindung_coverage", tr("common.not_covered"), subst="lindung_before_start", on=on, start=start)
        ctx.trace.refuse("LINDUNG", tr("refuse.lindung_before_start", date=start.isoformat()))
        raise NothingMorePayable
    exclusions = [
        (case.accident_outside_malaysia, "refuse.lindung_outside_malaysia"),
        (case.caused_by_disease, "refuse.lindung_disease"),
        (case.covered_by_self_employment_scheme, "refuse.lindung_self_employment"),
        (case.covered_by_housewives_scheme, "refuse.lindung_housewives"),
    ]
    hit = [key for flag, key in exclusions if flag]
    phase = s.rule("lindung.phase")
    s.done(
        "lindung_coverage",
        tr("common.not_covered") if hit else fill("lindung.phase_result", phase=phase),
        subst="lindung_excluded" if hit else "lindung_coverage",
        on=on,
        start=start,
        phase=phase,
        count=len(hit),
    )
    for key in hit:
        ctx.trace.refuse("LINDUNG", tr(key))
    if hit:
        raise NothingMorePayable
    ctx.trace.warn("LINDUNG_NO_DOUBLE", tr("warn.lindung_no_double"), severity="info")
