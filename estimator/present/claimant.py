"""What a claimant should know beyond the amounts: how it is paid, what to tell PERKESO, and what to do if they
disagree.  Chosen from the benefits of the Result (no benefit code is tested by a renderer); the same sections
print on the claimant's paper, the screen's answer card and the CLI text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from estimator.engine.i18n import Text
from estimator.model.result import (
    CAA,
    PDB,
    TDB,
    BenefitRecord,
    Dependants,
    Funeral,
    InvalidityGrant,
    InvalidityPension,
    Payee,
    Result,
    SurvivorsPension,
)
from estimator.model.result_schemes import DisablementLumpSum, HousewifeSurvivors, MorbidAllowance
from estimator.present.answer import lump_only
from estimator.present.format import label

_MONTHLY = (PDB, CAA, Dependants, SurvivorsPension, InvalidityPension, HousewifeSurvivors, MorbidAllowance)
_ONCE = (TDB, Funeral, InvalidityGrant, DisablementLumpSum)
_SHARED = (Dependants, SurvivorsPension, HousewifeSurvivors)
_MEDICAL_BOARD = (PDB, InvalidityPension, InvalidityGrant, DisablementLumpSum, MorbidAllowance)
_OWN_INCOME = (TDB, PDB, InvalidityPension, MorbidAllowance)


@dataclass(frozen=True)
class InfoSection:
    title: Text
    lines: list[Text]


def _payees(benefits: Sequence[BenefitRecord]) -> list[Payee]:
    out: list[Payee] = []
    for b in benefits:
        if isinstance(b, _SHARED):
            out += b.payees
    return out


def _remarriage_ends_share(payees: list[Payee]) -> bool:
    """Whether a widow's or widower's share ends on remarriage (the schedule's words say so)."""
    for p in payees:
        words = (p.end_reason.get("en") or "").lower()
        if p.relationship == "spouse" and "remarr" in words and "even on remarr" not in words:
            return True
    return False


def _lump_only(b: BenefitRecord) -> bool:
    return isinstance(b, PDB) and lump_only(b)


def claimant_info(result: Result) -> list[InfoSection]:
    """How it is paid; what to tell PERKESO; if you disagree (empty when nothing is paid)."""
    benefits = [b for b in result.benefits if isinstance(b, (*_MONTHLY, *_ONCE))]
    if not benefits:
        return []
    paid: list[Text] = []
    if any(isinstance(b, _MONTHLY) and not _lump_only(b) for b in benefits):
        paid.append(label("info.paid_monthly"))
    if any(isinstance(b, _ONCE) or _lump_only(b) for b in benefits):
        paid.append(label("info.paid_once"))
    if any(isinstance(b, PDB) and b.options and not _lump_only(b) for b in benefits):
        paid.append(label("info.paid_choice"))

    tell: list[Text] = []
    payees = _payees(benefits)
    if any(p.relationship == "child" for p in payees):
        tell.append(label("info.tell_child"))
    if _remarriage_ends_share(payees):
        tell.append(label("info.tell_remarry"))
    if payees:
        tell.append(label("info.tell_death"))
    if any(isinstance(b, _OWN_INCOME) for b in benefits):
        tell.append(label("info.tell_work"))

    disagree: list[Text] = []
    if any(isinstance(b, _MEDICAL_BOARD) for b in benefits):
        disagree.append(label("info.appeal_medical"))
    disagree.append(label("info.appeal_other"))
    return [
        InfoSection(label("info.paid_title"), paid),
        InfoSection(label("info.tell_title"), tell),
        InfoSection(label("info.disagree_title"), disagree),
    ]
