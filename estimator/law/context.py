"""What every law module is given: the case, the scheme's rule view, the trace, and what earlier laws found.

What one law leaves for a later one is a typed field of :class:`Ctx` (the wage basis, the TDB and PDB records, the
invalidity history, ...), never a loosely keyed dictionary.  Rule values are read only through a step
(``ctx.step(...).rule(key)``), which reads the scheme's rule view: see :mod:`estimator.engine.rules.view`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from estimator.engine.rules import RulePack
from estimator.engine.rules.view import RuleView
from estimator.engine.trace import StepTrace, Trace
from estimator.law.facts import History, PensionCalc, Qualifying, WageBasis
from estimator.model.case import Case
from estimator.model.result import PDB, TDB, BenefitRecord, RulesInfo, WageRun


@dataclass
class Ctx:
    case: Case
    rules: RuleView  # the scheme's rules for this estimate (read them through a step)
    trace: Trace
    age: int  # completed years on the event date
    wages: list[tuple[str, Decimal]]  # (YYYY-MM, wage), oldest first
    average_monthly_wage: Decimal | None = None  # exact; set by the wage basis
    wage_months: list[WageRun] = field(default_factory=list)  # the listed months banded, as runs
    # what one law leaves for a later one
    kept: dict[str, object] = field(
        default_factory=dict
    )  # a law's own working kept for the estimate (the bander)
    wage_basis: WageBasis | None = None  # the employees' wage basis, or the SKSPS plan's earning
    tdb: TDB | None = None  # the temporary disablement benefit paid (its last day starts the claim period)
    pdb: PDB | None = None  # the permanent disablement benefit paid
    unchecked_coverage: bool = False  # SKSPS/SKSSR: no day paid, so the coverage period is not checked
    sksr_disabled: bool = False  # SKSSR: a lump sum or a morbid allowance is paid (attendance may follow)
    history: History | None = None  # invalidity: the contribution history
    qualifying: Qualifying | None = None  # invalidity: the qualifying period met
    base_ids: list[str] = field(default_factory=list)  # invalidity: the steps every benefit builds on
    age_refused: bool = False  # invalidity: the pension is refused for age (the grant remains)
    pension: PensionCalc | None = None  # invalidity: the pension computed
    survivors_paid: bool = False  # invalidity: a survivors' pension is shared

    @property
    def permanent_total(self) -> bool:
        return self.pdb is not None and self.pdb.total_disablement

    def step(self, step_id: str, on: date | None = None) -> StepTrace:
        """Open a step of the explanation; rule values are read through it (default date: the event)."""
        return self.trace.step(step_id, on or self.case.event_date)


Law = Callable[[Ctx], BenefitRecord | list[BenefitRecord] | None]
"""A law: returns what it pays (or ``None``, having recorded why not)."""


class NothingMorePayable(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a law when no later law of the scheme can pay (the reason is already recorded)."""


def rules_info(pack: RulePack) -> RulesInfo:
    """What every result says of the rule pack it was computed with (built once per pack)."""
    # keyed by what is set on a pack after it was loaded (its origin, its differences from the published pack):
    # an office pack's self-test estimates before the pack is marked as the office's
    key = ("rules_info", pack.origin, pack.differs_from_published, pack.sha256)
    hit: RulesInfo | None = pack.use_cache.get(key)
    if hit is None:
        hit = RulesInfo(
            version=pack.version,
            sha256=pack.sha256,
            name=pack.name,
            origin=pack.origin,
            differs_from_published=pack.differs_from_published,
        )
        pack.use_cache[key] = hit
    return hit
