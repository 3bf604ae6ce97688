"""Contribution calculator: what an employer pays and deducts each month (SOCSO, EIS, Lindung 24/7).

* SOCSO (Act 4): Category 1 (Invalidity + Employment Injury) for an employee under the notice age limit (60; 55
  before 2013) who was first insured before the first-contribution limit (55; 50 before 2013), else Category 2
  (Employment Injury only, employer pays).  A foreign worker is Category 1 only from 1 July 2024.  Amounts come from
  the band table in force on the date (``wages.band_table``), never from the percentages.
* EIS (Act 800): employer and employee amounts from the EIS table in force; excluded under 18, from 60, when no
  EIS contribution was payable before 57, and for foreign workers.
* Lindung 24/7 (A1788, non-employment injury): employee-only contribution of the phase in force (phases and table
  are provisional).

``contributions(...)`` is a pure function returning a :class:`ContributionResult`; the ``faedah contributions``
subcommand is :mod:`estimator.cli.contributions`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from estimator.engine.dates import age_on
from estimator.engine.i18n import Text, tr
from estimator.engine.money import ZERO, num, rm
from estimator.engine.rules import RuleNotInForce, RulePack, default_rules
from estimator.engine.trace import StepTrace, Trace, fill
from estimator.law.context import rules_info
from estimator.model.case import MAX_WAGE, MIN_WORKING_AGE, SCHEME_START, CaseError, Problem
from estimator.model.record import Money
from estimator.model.result import RulesInfo, Step, Warning

MAX_AGE = 100
LATEST_DATE = date(2099, 12, 31)

Status = Literal["due", "excluded", "not_in_force", "no_table", "no_wage"]


class ContributionLine(BaseModel):
    """One contribution (SOCSO, EIS or Lindung 24/7) for the month."""

    code: Literal["SOCSO", "EIS", "LINDUNG"]
    title: Text
    status: Status
    reason: Text  # the category and why, or why nothing is due
    category: Literal[1, 2] | None = None
    phase: int | None = None
    band_item: int | None = None
    band: str = ""
    assumed_wage: Money | None = None
    employer: Money = ZERO
    employee: Money = ZERO
    total: Money = ZERO
    table: str = ""
    source: str = ""  # the table's source (rule-pack value) and, for a band, the row's source
    confidence: str = ""
    provisional: bool = False
    step_id: str = ""


class ContributionResult(BaseModel):
    format: Literal["faedah-contributions"] = "faedah-contributions"
    version: Literal[1] = 1
    wage: Money
    date: date
    age: int
    age_at_first_contribution: int | None
    foreign: bool
    invalidity_pensioner: bool
    socso: ContributionLine
    eis: ContributionLine
    lindung: ContributionLine
    employer_total: Money
    employee_total: Money
    total: Money
    socso_lindung_total: (
        Money  # SOCSO + Lindung: the total of the Act 4 Third Schedule row (as printed in A1788)
    )
    notes: list[Text] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    provisional: bool = False
    provisional_notes: list[Text] = Field(default_factory=list)
    rules: RulesInfo
    disclaimer: Text

    @property
    def lines(self) -> list[ContributionLine]:
        return [self.socso, self.eis, self.lindung]


# ----------------------------------------------------------------------------------------------- input checks


def input_problems(wage: Any, on: Any, age: Any, age_at_first_contribution: Any = None) -> list[Problem]:
    """Field-level problems of the calculator's input (fields: wage, date, age, age_at_first_contribution)."""
    p: list[Problem] = []

    def add(field: str, code: str, key: str, **kw: object) -> None:
        p.append(Problem(field=field, code=code, message=tr(key, **kw)))

    if not isinstance(wage, Decimal) or not wage.is_finite():
        add("wage", "number", "err.number")
    elif wage < 0:
        add("wage", "min", "err.min", ge="0")
    elif wage > MAX_WAGE:
        add("wage", "max", "err.max", le=f"{MAX_WAGE:,.0f}")
    elif wage != wage.quantize(Decimal("0.01")):
        add("wage", "decimal_places", "err.decimal_places", decimal_places=2)
    if not isinstance(on, date):
        add("date", "date", "err.date")
    elif not (SCHEME_START <= on <= LATEST_DATE):
        add(
            "date",
            "date_range",
            "con.err.date_range",
            first=SCHEME_START.isoformat(),
            last=LATEST_DATE.isoformat(),
        )
    age_ok = isinstance(age, int) and not isinstance(age, bool)
    if not age_ok:
        add("age", "int", "err.int")
    elif not (MIN_WORKING_AGE <= age <= MAX_AGE):
        add("age", "age_range", "con.err.age_range", low=MIN_WORKING_AGE, high=MAX_AGE)
    if age_at_first_contribution is not None:
        first = age_at_first_contribution
        if not isinstance(first, int) or isinstance(first, bool):
            add("age_at_first_contribution", "int", "err.int")
        elif first < MIN_WORKING_AGE:
            add(
                "age_at_first_contribution",
                "age_range",
                "con.err.age_range",
                low=MIN_WORKING_AGE,
                high=MAX_AGE,
            )
        elif age_ok and first > age:
            add("age_at_first_contribution", "first_after_age", "con.err.first_after_age")
    return p


# ----------------------------------------------------------------------------------------------- calculation


def _category(
    s: StepTrace,
    age: int,
    first_age: int | None,
    foreign: bool,
    pensioner: bool,
    notes: list[Text],
) -> tuple[Literal[1, 2], Text]:
    """Act 4 s.6 and the First Schedule: Category 1 (both schemes) or Category 2 (employment injury only)."""
    limit_first: int = s.rule("invalidity.age_limit_first_contribution")
    limit_age: int = s.rule("invalidity.age_limit_notice")
    if foreign and not s.rule("contributions.foreign_invalidity_cover"):
        return 2, tr("con.cat2_foreign")
    if pensioner:
        return 2, tr("con.cat2_pensioner")
    if age >= limit_age:
        return 2, fill("con.cat2_age", limit=limit_age)
    if first_age is not None and first_age >= limit_first:
        return 2, fill("con.cat2_first", first=first_age, limit=limit_first)
    if first_age is None and age >= limit_first:
        notes.append(fill("con.note_first_assumed", limit=limit_first))
    return 1, fill("con.cat1", limit_age=limit_age, limit_first=limit_first)


def _socso(
    trace: Trace,
    wage: Decimal,
    on: date,
    age: int,
    first_age: int | None,
    foreign: bool,
    pensioner: bool,
    notes: list[Text],
) -> ContributionLine:
    s = trace.step("con.socso", on)
    cat, why = _category(s, age, first_age, foreign, pensioner, notes)
    tv = s.value("wages.band_table")
    band = tv.value.band_for(wage)
    employer, employee = (band.cat1_employer, band.cat1_employee) if cat == 1 else (band.cat2_employer, ZERO)
    split = (
        fill("con.socso.cat1", employer=employer, employee=employee, total=employer + employee)
        if cat == 1
        else fill("con.socso.cat2", employer=employer)
    )
    step = s.done(
        "con_socso",
        rm(employer + employee),
        inputs={"wage": num(wage), "age": str(age)},
        note=why,
        category=cat,
        wage=wage,
        item=band.item,
        band=band.label(),
        split=split,
    )
    return ContributionLine(
        code="SOCSO",
        title=tr("con.title.socso", category=cat),
        status="due",
        reason=why,
        category=cat,
        band_item=band.item,
        band=band.label(),
        assumed_wage=band.assumed_wage,
        employer=employer,
        employee=employee,
        total=employer + employee,
        table=tv.value.name,
        source=f"{tv.source}; row: {band.source}",
        confidence=tv.confidence,
        provisional=step.provisional,
        step_id=step.id,
    )


def _label(band: Any) -> str:
    if band.upper is None:
        return f"> RM{band.lower:,.2f}"
    return f"RM{band.lower:,.2f} – RM{band.upper:,.2f}"


def _eis(
    trace: Trace, wage: Decimal, on: date, age: int, first_age: int | None, foreign: bool, notes: list[Text]
) -> ContributionLine:
    """Act 800 s.18 and the First Schedule: employer and employee amounts from the EIS table in force."""
    s = trace.step("con.eis", on)

    def out(status: Status, reason: Text, subst: Text | None = None, **kw: Any) -> ContributionLine:
        step = s.done(
            "con_eis", rm(kw.get("total", ZERO)), subst="con_reason", note=reason, reason=subst or reason
        )
        return ContributionLine(
            code="EIS",
            title=tr("con.title.eis"),
            status=status,
            reason=reason,
            provisional=step.provisional,
            step_id=step.id,
            **kw,
        )

    try:
        trace.step("con.eis.table", on).rule("contributions.eis_table")  # in force? (recorded when used)
        has_table = True
    except RuleNotInForce:
        has_table = False
        start: date = s.rule("contributions.eis_start")
        if on < start:
            return out("not_in_force", fill("con.eis_before_start", start=start))
    if foreign and not s.rule("contributions.eis_foreign_covered"):
        return out("excluded", tr("con.eis_foreign"))
    min_age: int = s.rule("contributions.eis_min_age")
    max_age: int = s.rule("contributions.eis_max_age")
    if age < min_age:
        return out("excluded", fill("con.eis_young", limit=min_age))
    if age >= max_age:
        return out("excluded", fill("con.eis_old", limit=max_age))
    late: int = s.rule("contributions.eis_late_entry_age")
    if age >= late:
        if first_age is None:
            notes.append(fill("con.note_eis_late_assumed", limit=late))
        else:
            # EIS contributions first became payable at the later of the first insurance and the start of EIS
            eis_start: date = s.rule("contributions.eis_start")
            first_eis_age = max(first_age, age - age_on(eis_start, on))
            if first_eis_age >= late:
                return out("excluded", fill("con.eis_late", limit=late, first=first_eis_age))
    if not has_table:
        return out("no_table", fill("con.eis_no_table", date=on))
    tv = s.value("contributions.eis_table")
    band = tv.value.band_for(wage)
    return out(
        "due",
        fill("con.eis_due", low=min_age, high=max_age),
        subst=fill(
            "con.eis.band",
            wage=wage,
            item=band.item,
            band=_label(band),
            employer=band.employer,
            employee=band.employee,
            total=band.total,
        ),
        band_item=band.item,
        band=_label(band),
        employer=band.employer,
        employee=band.employee,
        total=band.total,
        table=tv.value.name,
        source=f"{tv.source}; row: {band.source}",
        confidence=tv.confidence,
    )


def _lindung_not_due(s: StepTrace, reason: Text, status: Status, phase: int | None) -> ContributionLine:
    step = s.done("con_lindung", rm(ZERO), subst="con_reason", note=reason, reason=reason)
    return ContributionLine(
        code="LINDUNG",
        title=tr("con.title.lindung"),
        status=status,
        reason=reason,
        phase=phase,
        provisional=step.provisional,
        step_id=step.id,
    )


def _lindung(trace: Trace, wage: Decimal, on: date) -> ContributionLine:
    """Act A1788 (non-employment injury): the employee's contribution of the phase in force (provisional)."""
    s = trace.step("con.lindung", on)
    try:
        trace.step("con.lindung.phase", on).rule("lindung.phase")
    except RuleNotInForce:
        start: date = s.rule("lindung.start_date")
        return _lindung_not_due(s, fill("con.lindung_not_yet", start=start), "not_in_force", None)
    phase: int = s.rule("lindung.phase")
    try:
        tv = s.value("contributions.lindung_table")
    except RuleNotInForce:
        return _lindung_not_due(s, fill("con.lindung_no_table", date=on), "no_table", phase)
    band = tv.value.band_for(wage)
    amount: Decimal = getattr(band, f"phase{phase}")
    reason = fill("con.lindung_due", phase=phase)
    step = s.done(
        "con_lindung",
        rm(amount),
        note=reason,
        wage=wage,
        item=band.item,
        band=_label(band),
        phase=phase,
        amount=amount,
    )
    return ContributionLine(
        code="LINDUNG",
        title=tr("con.title.lindung"),
        status="due",
        reason=reason,
        phase=phase,
        band_item=band.item,
        band=_label(band),
        assumed_wage=band.assumed_wage,
        employee=amount,
        total=amount,
        table=tv.value.name,
        source=f"{tv.source}; row: {band.source}",
        confidence=tv.confidence,
        provisional=step.provisional,
        step_id=step.id,
    )


def _nothing(
    trace: Trace, on: date, code: Literal["SOCSO", "EIS", "LINDUNG"], title_key: str, **kw: Any
) -> ContributionLine:
    reason = tr("con.no_wage")
    title = tr(f"con.title.{title_key}", **kw)
    step = trace.step(f"con.{code.lower()}", on).done(
        "con_no_wage", rm(ZERO), subst="con_reason", title=title, note=reason, reason=reason
    )
    return ContributionLine(code=code, title=title, status="no_wage", reason=reason, step_id=step.id)


def contributions(
    wage: Decimal,
    on: date,
    age: int,
    age_at_first_contribution: int | None = None,
    foreign: bool = False,
    rules: RulePack | None = None,
    invalidity_pensioner: bool = False,
) -> ContributionResult:
    """SOCSO, EIS and Lindung 24/7 contributions for one month's wage on ``on``.

    Raises :class:`CaseError` (fields ``wage``, ``date``, ``age``, ``age_at_first_contribution``) on bad input.
    """
    problems = input_problems(wage, on, age, age_at_first_contribution)
    if problems:
        raise CaseError(problems)
    pack = rules or default_rules()
    trace = Trace(pack)
    notes: list[Text] = []
    if wage == 0:
        socso = _nothing(trace, on, "SOCSO", "socso", category="-")
        eis = _nothing(trace, on, "EIS", "eis")
        lindung = _nothing(trace, on, "LINDUNG", "lindung")
    else:
        socso = _socso(trace, wage, on, age, age_at_first_contribution, foreign, invalidity_pensioner, notes)
        eis = _eis(trace, wage, on, age, age_at_first_contribution, foreign, notes)
        lindung = _lindung(trace, wage, on)
    employer = socso.employer + eis.employer + lindung.employer
    employee = socso.employee + eis.employee + lindung.employee
    if lindung.status == "due":
        notes.append(tr("con.note_lindung_both_categories"))
    if foreign and lindung.status == "due":
        notes.append(tr("con.note_lindung_foreign"))
    trace.step("con.total", on).done(
        "con_total",
        rm(employer + employee),
        socso_employer=socso.employer,
        eis_employer=eis.employer,
        employer=employer,
        socso_employee=socso.employee,
        eis_employee=eis.employee,
        lindung_employee=lindung.employee,
        employee=employee,
    )
    # the result is provisional when an amount due depends on a provisional value; a line that is not due
    # (e.g. Lindung 24/7 before its provisional start date) keeps its own flag
    provisional = any(line.provisional for line in (socso, eis, lindung) if line.status == "due")
    return ContributionResult(
        wage=wage,
        date=on,
        age=age,
        age_at_first_contribution=age_at_first_contribution,
        foreign=foreign,
        invalidity_pensioner=invalidity_pensioner,
        socso=socso,
        eis=eis,
        lindung=lindung,
        employer_total=employer,
        employee_total=employee,
        total=employer + employee,
        socso_lindung_total=socso.total + lindung.total,
        notes=notes,
        warnings=trace.warnings,
        steps=trace.steps,
        provisional=provisional,
        provisional_notes=trace.provisional_notes,
        rules=rules_info(pack),
        disclaimer=tr("con.disclaimer"),
    )
