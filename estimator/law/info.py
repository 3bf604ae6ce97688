"""Benefits in kind, described rather than computed, and the notes on the kind of accident.

* Medical benefit (Act 4 s.15(1)): treatment until recovery.
* Physical and vocational rehabilitation (Act 4 s.15(1)): on the Medical Board's recommendation.
* Education benefit (a loan; Act 4 s.57A, DR38/1996): for a dependant child after a death, or while permanent
  disablement is paid.
* Return to Work programme (PERKESO).
* A commuting accident needs a police report and an unbroken journey; an occupational disease must be in the Fifth
  Schedule.
"""

from __future__ import annotations

from estimator.engine.i18n import tr
from estimator.law.context import Ctx
from estimator.model.result import Info


def _info(code: str, key: str) -> Info:
    return Info(code=code, title=tr(f"benefit.{code}"), conditions=[tr(key)])  # type: ignore[arg-type,unused-ignore]


def incident_notes(ctx: Ctx) -> None:
    """What the kind of employment injury asks of the claim (warnings only)."""
    trace, kind = ctx.trace, ctx.case.incident_type
    if kind == "commuting_accident":
        if ctx.case.police_report_made is False:
            trace.warn("POLICE_REPORT", tr("warn.police_report_missing"))
        else:
            trace.warn("POLICE_REPORT", tr("warn.police_report"), severity="info")
        trace.warn("COMMUTING_DEVIATION", tr("warn.commuting_deviation"), severity="info")
    if kind == "occupational_disease":
        trace.warn("OCCUPATIONAL_DISEASE", tr("warn.occupational_disease"), severity="info")


def medical(ctx: Ctx) -> Info:
    return _info("MEDICAL", "info.medical")


def rehabilitation(ctx: Ctx) -> Info | None:
    """Offered with a permanent disablement benefit."""
    return _info("REHABILITATION", "info.rehabilitation") if ctx.pdb is not None else None


def education_with_pdb(ctx: Ctx) -> Info | None:
    return _info("EDUCATION", "info.education_pdb") if ctx.pdb is not None else None


def education_after_death(ctx: Ctx) -> Info:
    return _info("EDUCATION", "info.education")


def return_to_work(ctx: Ctx) -> Info:
    return _info("RETURN_TO_WORK", "info.return_to_work")
