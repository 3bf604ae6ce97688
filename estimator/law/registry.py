"""Which laws make up each scheme: ``SCHEMES[(scheme, outcome)]`` is the ordered list ``estimate`` walks."""

from __future__ import annotations

from collections.abc import Sequence

from estimator.law import (
    caa,
    dependants,
    funeral,
    info,
    lindung,
    pdb,
    sksps,
    sksr,
    sksr_survivors,
    tdb,
    wages,
)
from estimator.law.context import Law
from estimator.law.invalidity import DEATH_LAWS, INVALIDITY_LAWS

SCHEMES: dict[tuple[str, str], tuple[Law, ...]] = {}


def register(scheme: str, outcome: str, laws: Sequence[Law]) -> None:
    SCHEMES[(scheme, outcome)] = tuple(laws)


# Employment Injury Scheme and Lindung 24/7: Lindung 24/7 pays the same benefits at its phase rates (A1788 s.44C)
_INJURY_COVER: dict[str, Law] = {
    "employment_injury": info.incident_notes,
    "non_employment_injury": lindung.coverage,
}
for _scheme, _cover in _INJURY_COVER.items():
    register(
        _scheme,
        "injury",
        [
            _cover,
            wages.wage_basis,
            info.medical,
            wages.require_average,
            tdb.temporary_disablement,
            pdb.permanent_disablement,
            caa.constant_attendance,
            info.rehabilitation,
            info.education_with_pdb,
            info.return_to_work,
        ],
    )
    register(
        _scheme,
        "death",
        [
            _cover,
            wages.wage_basis,
            tdb.temporary_disablement_before_death,
            dependants.dependants_benefit,
            funeral.funeral,
            info.education_after_death,
        ],
    )
# Invalidity Scheme (Act 4 Part III): the pension or the grant, then what follows from them
register("invalidity", "invalidity", INVALIDITY_LAWS)
register("invalidity", "death", DEATH_LAWS)
# Self-Employment Social Security Scheme (Act 789): Act 4's benefits on the plan's insured earning (Second Sch)
register(
    "self_employment",
    "injury",
    [
        sksps.coverage,
        sksps.plan_basis,
        info.medical,
        tdb.temporary_disablement,
        pdb.permanent_disablement,
        caa.constant_attendance,
        info.rehabilitation,
        info.education_with_pdb,
    ],
)
register(
    "self_employment",
    "death",
    [
        sksps.coverage,
        sksps.plan_basis,
        tdb.temporary_disablement_before_death,
        dependants.dependants_benefit,
        funeral.funeral,
        info.education_after_death,
    ],
)
# Housewives' Social Security Scheme (Act 838): fixed sums on the presumed monthly income
register(
    "housewives",
    "injury",
    [
        sksr.coverage,
        info.medical,
        sksr.disablement_lump_sum,
        sksr.constant_attendance,
        sksr.aid_and_rehabilitation,
    ],
)
register(
    "housewives",
    "invalidity",
    [
        sksr.coverage,
        info.medical,
        sksr.morbid_allowance,
        sksr.constant_attendance,
        sksr.aid_and_rehabilitation,
    ],
)
register("housewives", "death", [sksr.coverage, sksr_survivors.survivors_pension, sksr.funeral])
