"""Each scheme declared where it is registered: its laws, its own rules and the Act 4 rules it inherits.

``SCHEMES[(scheme, outcome)]`` is the ordered list of laws ``estimate`` walks; ``SCOPES[scheme]`` the scheme's rule
scope (:class:`~estimator.engine.rules.view.RuleScope`): the Act 4 names its laws read that are its own rules
(``own``), its own parameter namespace, and the reviewed list of the Act 4 rules it inherits, each with the one-line
legal reason.  A law of a scheme reading any other rule is an error (never a silent fall-back on Act 4); the
explanation of an inherited value says which Act it comes from and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from estimator.engine.rules.view import ACT4, RuleScope
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
SCOPES: dict[str, RuleScope] = {}


def register(scheme: str, outcome: str, laws: Sequence[Law], rules: RuleScope | None = None) -> None:
    SCHEMES[(scheme, outcome)] = tuple(laws)
    if rules is not None:
        SCOPES[scheme] = rules


def declare(scheme: str, rules: RuleScope, laws: Mapping[str, Sequence[Law]]) -> None:
    """A scheme: its rule scope and, per outcome ("injury", "death", "invalidity"), its laws in order."""
    for outcome, outcome_laws in laws.items():
        register(scheme, outcome, outcome_laws, rules)


def scope_of(scheme: str) -> RuleScope:
    """The rule scope of ``scheme`` (Act 4's own for a scheme declared without one, e.g. a test's toy)."""
    return SCOPES.get(scheme, ACT4)


# -- Employment Injury Scheme (Act 4 Part II) and Lindung 24/7 (Act 4 as amended by A1788)
_EMPLOYEES_INJURY: list[Law] = [
    wages.wage_basis,
    info.medical,
    wages.require_average,
    tdb.temporary_disablement,
    tdb.claim_period,
    pdb.permanent_disablement,
    caa.constant_attendance,
    info.rehabilitation,
    info.education_with_pdb,
    info.return_to_work,
]
_EMPLOYEES_DEATH: list[Law] = [
    wages.wage_basis,
    tdb.temporary_disablement_before_death,
    dependants.dependants_benefit,
    funeral.funeral,
    info.education_after_death,
]
declare(
    "employment_injury",
    RuleScope(name="employment_injury", act={"en": "Act 4", "ms": "Akta 4"}),
    {
        "injury": [info.incident_notes, *_EMPLOYEES_INJURY],
        "death": [info.incident_notes, *_EMPLOYEES_DEATH],
    },
)
# A1788 s.44C: the insured person gets the same benefits as for an employment injury, at the phase rates of the
# new Fourth Schedule para 1 (A1788 s.18); every other rule is Act 4's own (Lindung 24/7 is Act 4 itself).
declare(
    "non_employment_injury",
    RuleScope(
        name="non_employment_injury",
        act={"en": "Act 4 (A1788)", "ms": "Akta 4 (A1788)"},
        own={
            "ei.tdb_rate_percent": "lindung.tdb_rate_percent",
            "ei.ptd_rate_percent": "lindung.ptd_rate_percent",
            "ei.min_daily_rate_applies": "lindung.min_daily_rate_applies",  # s.44C: not restated (provisional)
        },
    ),
    {
        "injury": [lindung.coverage, *_EMPLOYEES_INJURY],
        "death": [lindung.coverage, *_EMPLOYEES_DEATH],
    },
)
# -- Invalidity Scheme (Act 4 Part III): the pension or the grant, then what follows from them
declare(
    "invalidity",
    RuleScope(name="invalidity", act={"en": "Act 4", "ms": "Akta 4"}),
    {"invalidity": INVALIDITY_LAWS, "death": DEATH_LAWS},
)

# -- Self-Employment Social Security Scheme (Act 789): Act 4's benefits on the plan's insured earning (Second Sch)
_ACT789_OWN = {  # the rule Act 4's laws read -> the rule of Act 789 that says it for this scheme
    "wages.days_divisor": "sksps.days_divisor",  # Second Sch para 1: one-thirtieth of the insured monthly earning
    "ei.tdb_rate_percent": "sksps.tdb_rate_percent",  # Second Sch para 2
    "ei.ptd_rate_percent": "sksps.ptd_rate_percent",  # Second Sch para 3
    "ei.min_daily_rate": "sksps.min_daily_rate",  # Act 789 has no minimum daily rate
    "ei.tdb_min_mc_days": "sksps.tdb_min_mc_days",  # s.17(2)
    "ei.lump_sum_max_lec_percent": "sksps.lump_sum_max_lec_percent",  # s.29(1)
    "ei.commutable_fraction": "sksps.commutable_fraction",  # s.29(2)
    "ei.caa_monthly": "sksps.caa_monthly",  # s.21
    "ei.funeral_max": "sksps.funeral_max",  # s.20
    "dependants.share_siblings": "sksps.dependants_share_siblings",  # Second Sch para 8: 4/10
    "dependants.share_children_no_spouse": "sksps.dependants_share_children_no_spouse",  # Second Sch para 7
    "dependants.spouse_end": "sksps.dependants_spouse_end",  # Second Sch para 5(a): during life
    "dependants.others_table": "sksps.dependants_others_table",  # Second Sch para 8: one group at a time
}
_ACT789_INHERITS = {  # reviewed: each Act 4 rule Act 789's benefits are computed with, and why
    "ei.injury_schedule": "s.18(3) refers to the Second Schedule of Act 4 for the scheduled injuries",
    "ei.pdb_minimum_before_lec": "s.18 computes partial disablement as Act 4 does (percentage of the PTD rate)",
    "ei.commutation_table": "s.29 commutes in the manner prescribed; no table of its own is published",
    "ei.monthly_days": "Second Sch: periodical payments are made monthly as under Act 4",
    "dependants.share_spouse": "Second Sch para 5(a) gives the widow or widower 3/5, as Act 4",
    "dependants.share_child": "Second Sch para 5(b) gives each child 2/5, as Act 4",
    "dependants.share_parents": "Second Sch para 8 gives the parents 4/10, as Act 4",
    "dependants.share_grandparents": "Second Sch para 8 gives the grandparents 4/10, as Act 4",
    "dependants.child_age_limit": "s.2 'dependant': a child under 21, as Act 4",
    "dependants.sibling_age_limit": "s.2 'dependant': siblings under 21, as Act 4",
    "dependants.higher_education_end_age": "s.2 'dependant': a child in higher education, as Act 4",
    "ei.min_daily_rate_applies": "Act 789 sets no floor (sksps.min_daily_rate RM0); a floor set applies as Act 4's",
}
declare(
    "self_employment",
    RuleScope(
        name="self_employment",
        act={"en": "Act 789", "ms": "Akta 789"},
        own=_ACT789_OWN,
        namespaces=("sksps.",),
        inherited=_ACT789_INHERITS,
    ),
    {
        "injury": [
            sksps.coverage,
            sksps.plan_basis,
            info.medical,
            tdb.temporary_disablement,
            pdb.permanent_disablement,
            caa.constant_attendance,
            info.rehabilitation,
            info.education_with_pdb,
        ],
        "death": [
            sksps.coverage,
            sksps.plan_basis,
            tdb.temporary_disablement_before_death,
            dependants.dependants_benefit,
            funeral.funeral,
            info.education_after_death,
        ],
    },
)

# -- Housewives' Social Security Scheme (Act 838): fixed sums on the presumed monthly income
declare(
    "housewives",
    RuleScope(
        name="housewives",
        act={"en": "Act 838", "ms": "Akta 838"},
        own={"ei.injury_schedule": "sksr.injury_schedule"},  # Act 838 Second Schedule, the Act's own text
        namespaces=("sksr.",),
        inherited={},
    ),
    {
        "injury": [
            sksr.coverage,
            info.medical,
            sksr.disablement_lump_sum,
            sksr.constant_attendance,
            sksr.aid_and_rehabilitation,
        ],
        "invalidity": [
            sksr.coverage,
            info.medical,
            sksr.morbid_allowance,
            sksr.constant_attendance,
            sksr.aid_and_rehabilitation,
        ],
        "death": [sksr.coverage, sksr_survivors.survivors_pension, sksr.funeral],
    },
)

# The laws every later law of their scheme builds on: a rule of theirs not in force ends the estimate
# (docs/decisions.md, 3); any other law's missing rule refuses only that law's benefits.
GATES: frozenset[Law] = frozenset(
    {
        lindung.coverage,
        sksps.coverage,
        sksps.plan_basis,
        sksr.coverage,
        wages.wage_basis,
        info.incident_notes,
        *INVALIDITY_LAWS[:3],  # the contribution history, the age conditions, the qualifying period
    }
)


def is_gate(law: Law) -> bool:
    return law in GATES
