"""The Invalidity Scheme (Skim Keilatan, Act 4 Part III, "invalidity pension scheme"), law by law.

The registry (:mod:`estimator.law.registry`) walks :data:`INVALIDITY_LAWS` for a notice of invalidity and
:data:`DEATH_LAWS` for a death from any cause not connected with employment; each law reads what the earlier ones
left on ``ctx`` (the history, the qualifying period, the pension).  The functions of the submodules are
imported from them (``from estimator.law.invalidity.pension import pension``): the package names the modules.

* :mod:`.history`: the contribution history (the months that count).
* :mod:`.qualifying`: the age conditions and the full / reduced qualifying periods (s.17, s.17A).
* :mod:`.pension`: the average monthly wage, the rate, the monthly pension and its per-day rate (s.19, s.20).
* :mod:`.grant`: the invalidity grant when not qualifying.
* :mod:`.attendance`: the constant attendance allowance and the benefits in kind.
* :mod:`.survivors`: the survivors' pension and the funeral benefit.
"""

from __future__ import annotations

from estimator.law.context import Law
from estimator.law.facts import History, PensionCalc, Qualifying
from estimator.law.invalidity.attendance import constant_attendance, education, rehabilitation_and_education
from estimator.law.invalidity.grant import invalidity_grant
from estimator.law.invalidity.history import contribution_history, history_of
from estimator.law.invalidity.pension import invalidity_pension
from estimator.law.invalidity.qualifying import age_conditions, qualifying_conditions
from estimator.law.invalidity.survivors import funeral, survivors_pension

INVALIDITY_LAWS: tuple[Law, ...] = (
    contribution_history,
    age_conditions,
    qualifying_conditions,
    invalidity_grant,  # in place of the pension when not qualifying
    invalidity_pension,
    constant_attendance,
    rehabilitation_and_education,
)
DEATH_LAWS: tuple[Law, ...] = (
    contribution_history,
    age_conditions,
    qualifying_conditions,
    survivors_pension,
    funeral,
    education,
)

__all__ = [
    "DEATH_LAWS",
    "INVALIDITY_LAWS",
    "History",
    "PensionCalc",
    "Qualifying",
    "history_of",
]
