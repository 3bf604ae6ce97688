"""Contribution calculator: what an employer pays and deducts each month (SOCSO, EIS, Lindung 24/7).

* SOCSO (Act 4): Category 1 (Invalidity + Employment Injury) for an employee under the notice age limit (60; 55
  before 2013) who was first insured before the first-contribution limit (55; 50 before 2013), else Category 2
  (Employment Injury only, employer pays).  A foreign worker is Category 1 only from 1 July 2024.  Amounts come from
  the band table in force on the date (``wages.band_table``), never from the percentages.
* EIS (Act 800): employer and employee amounts from the EIS table in force; excluded under 18, from 60, when no
  EIS contribution was payable before 57, and for foreign workers.
* Lindung 24/7 (A1788, non-employment injury): employee-only contribution of the phase in force (phases and table
  are provisional).

``contributions(...)`` is a pure function returning a :class:`ContributionResult`; ``register_cli`` /
``run_contributions`` give the ``faedah contributions`` subcommand.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, Field

from estimator.engine.calc import Recorder, formula, title
from estimator.engine.i18n import Text, pick, tr
from estimator.engine.money import ZERO, num, rm
from estimator.engine.rules import RuleNotInForce, RulePack, RulePackError, default_rules
from estimator.engine.trace import Trace
from estimator.model.case import MAX_WAGE, MIN_WORKING_AGE, SCHEME_START, CaseError, Problem, age_on
from estimator.model.result import Money, RulesInfo, Step, Warning

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


def _maybe(rec: Recorder, key: str, on: date) -> Any | None:
    """The value in force on ``on`` (recorded for the next step), or None when none is in force yet."""
    try:
        return rec.use(key, on)
    except RuleNotInForce:
        return None


def _category(
    rec: Recorder,
    on: date,
    age: int,
    first_age: int | None,
    foreign: bool,
    pensioner: bool,
    notes: list[Text],
) -> tuple[Literal[1, 2], Text]:
    limit_first = rec.use("invalidity.age_limit_first_contribution", on)
    limit_age = rec.use("invalidity.age_limit_notice", on)
    if foreign and not rec.use("contributions.foreign_invalidity_cover", on):
        return 2, tr("con.cat2_foreign")
    if pensioner:
        return 2, tr("con.cat2_pensioner")
    if age >= limit_age:
        return 2, tr("con.cat2_age", limit=limit_age)
    if first_age is not None and first_age >= limit_first:
        return 2, tr("con.cat2_first", first=first_age, limit=limit_first)
    if first_age is None and age >= limit_first:
        notes.append(tr("con.note_first_assumed", limit=limit_first))
    return 1, tr("con.cat1", limit_age=limit_age, limit_first=limit_first)


def _socso(
    rec: Recorder,
    wage: Decimal,
    on: date,
    age: int,
    first_age: int | None,
    foreign: bool,
    pensioner: bool,
    notes: list[Text],
) -> ContributionLine:
    cat, why = _category(rec, on, age, first_age, foreign, pensioner, notes)
    tv = rec.value("wages.band_table", on)
    band = tv.value.band_for(wage)
    employer, employee = (band.cat1_employer, band.cat1_employee) if cat == 1 else (band.cat2_employer, ZERO)
    sub = f"{rm(wage)} → #{band.item} ({band.label()}); " + (
        f"Category 1: {num(employer)} + {num(employee)} = {num(employer + employee)}"
        if cat == 1
        else f"Category 2: employer {num(employer)}"
    )
    s = rec.step(
        "con.socso",
        title("con_socso", category=cat),
        formula("con_socso"),
        sub,
        rm(employer + employee),
        inputs={"wage": num(wage), "age": str(age)},
        note=why,
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
        provisional=s.provisional,
        step_id=s.id,
    )


def _label(band: Any) -> str:
    if band.upper is None:
        return f"> RM{band.lower:,.2f}"
    return f"RM{band.lower:,.2f} – RM{band.upper:,.2f}"


def rules_value(rec: Recorder, key: str, on: date) -> Any:
    """The rule value in force (without recording it)."""
    return rec.rules.at(key, on)


def _eis(
    rec: Recorder, wage: Decimal, on: date, age: int, first_age: int | None, foreign: bool, notes: list[Text]
) -> ContributionLine:
    def out(status: Status, reason: Text, sub: str | None = None, **kw: Any) -> ContributionLine:
        s = rec.step(
            "con.eis",
            title("con_eis"),
            formula("con_eis"),
            sub or pick(reason, "en"),
            rm(kw.get("total", ZERO)),
            note=reason,
        )
        return ContributionLine(
            code="EIS",
            title=tr("con.title.eis"),
            status=status,
            reason=reason,
            provisional=s.provisional,
            step_id=s.id,
            **kw,
        )

    try:
        tv = rules_value(rec, "contributions.eis_table", on)
    except RuleNotInForce:
        tv = None
        start = rec.use("contributions.eis_start", on)
        if on < start:
            return out("not_in_force", tr("con.eis_before_start", start=start.isoformat()))
    if foreign and not rec.use("contributions.eis_foreign_covered", on):
        return out("excluded", tr("con.eis_foreign"))
    min_age = rec.use("contributions.eis_min_age", on)
    max_age = rec.use("contributions.eis_max_age", on)
    if age < min_age:
        return out("excluded", tr("con.eis_young", limit=min_age))
    if age >= max_age:
        return out("excluded", tr("con.eis_old", limit=max_age))
    late = rec.use("contributions.eis_late_entry_age", on)
    if age >= late:
        if first_age is None:
            notes.append(tr("con.note_eis_late_assumed", limit=late))
        else:
            # EIS contributions first became payable at the later of the first insurance and the start of EIS
            eis_start = rec.use("contributions.eis_start", on)
            first_eis_age = max(first_age, age - age_on(eis_start, on))
            if first_eis_age >= late:
                return out("excluded", tr("con.eis_late", limit=late, first=first_eis_age))
    if tv is None:
        return out("no_table", tr("con.eis_no_table", date=on.isoformat()))
    rec.value("contributions.eis_table", on)
    band = tv.value.band_for(wage)
    return out(
        "due",
        tr("con.eis_due", low=min_age, high=max_age),
        band_item=band.item,
        band=_label(band),
        employer=band.employer,
        employee=band.employee,
        total=band.total,
        table=tv.value.name,
        source=f"{tv.source}; row: {band.source}",
        confidence=tv.confidence,
        sub=f"{rm(wage)} → #{band.item} ({_label(band)}): {num(band.employer)} + {num(band.employee)}"
        f" = {num(band.total)}",
    )


def _lindung_not_due(rec: Recorder, reason: Text, status: Status, phase: int | None) -> ContributionLine:
    s = rec.step(
        "con.lindung", title("con_lindung"), formula("con_lindung"), pick(reason, "en"), rm(ZERO), note=reason
    )
    return ContributionLine(
        code="LINDUNG",
        title=tr("con.title.lindung"),
        status=status,
        reason=reason,
        phase=phase,
        provisional=s.provisional,
        step_id=s.id,
    )


def _lindung(rec: Recorder, wage: Decimal, on: date) -> ContributionLine:
    phase = _maybe(rec, "lindung.phase", on)
    if phase is None:
        rec.discard_pending()
        start = rec.value("lindung.start_date", on).value
        return _lindung_not_due(rec, tr("con.lindung_not_yet", start=start.isoformat()), "not_in_force", None)
    try:
        tv = rec.value("contributions.lindung_table", on)
    except RuleNotInForce:
        return _lindung_not_due(rec, tr("con.lindung_no_table", date=on.isoformat()), "no_table", phase)
    band = tv.value.band_for(wage)
    amount: Decimal = getattr(band, f"phase{phase}")
    reason = tr("con.lindung_due", phase=phase)
    s = rec.step(
        "con.lindung",
        title("con_lindung"),
        formula("con_lindung"),
        f"{rm(wage)} → #{band.item} ({_label(band)}), phase {phase}: employee {num(amount)}",
        rm(amount),
        note=reason,
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
        provisional=s.provisional,
        step_id=s.id,
    )


def _nothing(
    rec: Recorder, code: Literal["SOCSO", "EIS", "LINDUNG"], title_key: str, **kw: Any
) -> ContributionLine:
    reason = tr("con.no_wage")
    s = rec.step(
        f"con.{code.lower()}",
        tr(f"con.title.{title_key}", **kw),
        formula("con_no_wage"),
        pick(reason, "en"),
        rm(ZERO),
        note=reason,
    )
    return ContributionLine(
        code=code, title=tr(f"con.title.{title_key}", **kw), status="no_wage", reason=reason, step_id=s.id
    )


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
    rec = Recorder(Trace(pack))
    notes: list[Text] = []
    if wage == 0:
        socso = _nothing(rec, "SOCSO", "socso", category="-")
        eis = _nothing(rec, "EIS", "eis")
        lindung = _nothing(rec, "LINDUNG", "lindung")
    else:
        socso = _socso(rec, wage, on, age, age_at_first_contribution, foreign, invalidity_pensioner, notes)
        eis = _eis(rec, wage, on, age, age_at_first_contribution, foreign, notes)
        lindung = _lindung(rec, wage, on)
    employer = socso.employer + eis.employer + lindung.employer
    employee = socso.employee + eis.employee + lindung.employee
    if lindung.status == "due":
        notes.append(tr("con.note_lindung_both_categories"))
    if foreign and lindung.status == "due":
        notes.append(tr("con.note_lindung_foreign"))
    rec.step(
        "con.total",
        title("con_total"),
        formula("con_total"),
        f"employer {num(socso.employer)} + {num(eis.employer)} = {num(employer)}; "
        f"employee {num(socso.employee)} + {num(eis.employee)} + {num(lindung.employee)} = {num(employee)}",
        rm(employer + employee),
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
        warnings=rec.trace.warnings,
        steps=rec.steps,
        provisional=provisional,
        provisional_notes=rec.trace.provisional_notes,
        rules=RulesInfo(version=pack.version, sha256=pack.sha256, name=pack.name, origin=pack.origin),
        disclaimer=tr("con.disclaimer"),
    )


# ----------------------------------------------------------------------------------------------- CLI


def register_cli(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``contributions`` subcommand to an argparse subparsers object; its handler is ``args.func``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "contributions",
        help="monthly SOCSO, EIS and Lindung 24/7 contributions for a wage",
        description="SOCSO (Category 1 or 2), EIS and Lindung 24/7 contributions for one month's wage, from the "
        "tables in force on the date. Caruman PERKESO, SIP dan Lindung 24/7 bagi gaji sebulan.",
    )
    p.add_argument("--wage", required=True, help="monthly wage in RM, e.g. 2000 or 2000.00")
    p.add_argument(
        "--date", required=True, help="date of the wage month, YYYY-MM-DD (chooses the tables in force)"
    )
    p.add_argument("--age", required=True, help="the employee's age in whole years on that date")
    p.add_argument(
        "--age-at-first-contribution",
        dest="age_at_first_contribution",
        default=None,
        help="age when the employee was first insured (decides Category 1 or 2 from 55; EIS from 57)",
    )
    p.add_argument(
        "--foreign", action="store_true", help="a foreign worker (no EIS; Category 1 from 1 Jul 2024)"
    )
    p.add_argument(
        "--invalidity-pensioner",
        dest="invalidity_pensioner",
        action="store_true",
        help="receives an invalidity pension and is back at work (Category 2)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument(
        "--lang",
        choices=["en", "ms", "both"],
        default=argparse.SUPPRESS,
        help="language of the readable output (default en)",
    )
    p.set_defaults(func=run_contributions)
    return p


def _parse_int(text: str | None) -> int | None | str:
    if text is None:
        return None
    t = text.strip()
    if t.lstrip("-").isdigit() and len(t) < 6:
        return int(t)
    return "bad"


def parse_cli_args(args: argparse.Namespace) -> tuple[dict[str, Any], list[Problem]]:
    """The calculator's keyword arguments from the parsed command line, or the problems (field = option)."""
    problems: list[Problem] = []
    try:
        wage: Any = Decimal(str(args.wage).strip().replace(",", ""))
    except InvalidOperation:
        wage = None
    try:
        on: Any = date.fromisoformat(str(args.date).strip())
    except ValueError:
        on = None
    age = _parse_int(args.age)
    first = _parse_int(args.age_at_first_contribution)
    for field, value, key in (
        ("wage", wage, "err.number"),
        ("date", on, "err.date"),
        ("age", age, "err.int"),
        ("age_at_first_contribution", first, "err.int"),
    ):
        if value == "bad" or (value is None and field != "age_at_first_contribution"):
            problems.append(Problem(field=field, code="parse", message=tr(key)))
    if not problems:
        problems = input_problems(wage, on, age, first)
    kwargs = {
        "wage": wage,
        "on": on,
        "age": age,
        "age_at_first_contribution": first,
        "foreign": bool(args.foreign),
        "invalidity_pensioner": bool(getattr(args, "invalidity_pensioner", False)),
    }
    return kwargs, problems


CLI_FIELDS = {
    "wage": "--wage",
    "date": "--date",
    "age": "--age",
    "age_at_first_contribution": "--age-at-first-contribution",
}


def _write(text: str, stream: Any) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:
        enc = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(enc, errors="replace").decode(enc, errors="replace"))


def run_contributions(args: argparse.Namespace, rules: RulePack | None = None) -> int:
    """Handler of ``faedah contributions``: 0 on success, 2 on bad input (one line per field), 1 if no rules."""
    lang = getattr(args, "lang", None) or os.environ.get("FAEDAH_LANG", "en")
    if lang not in ("en", "ms", "both"):
        lang = "en"
    kwargs, problems = parse_cli_args(args)
    if problems:
        for pr in problems:
            msg = pick(pr.message, "ms" if lang == "ms" else "en")
            _write(f"{CLI_FIELDS.get(pr.field, pr.field)}: {msg}\n", sys.stderr)
        return 2
    try:
        result = contributions(rules=rules, **kwargs)
    except CaseError as exc:  # pragma: no cover - input_problems already ran
        for pr in exc.problems:
            _write(f"{CLI_FIELDS.get(pr.field, pr.field)}: {pick(pr.message, 'en')}\n", sys.stderr)
        return 2
    except RulePackError as exc:
        _write(f"rules: {exc}\n", sys.stderr)
        return 1
    if args.json:
        _write(result.model_dump_json(indent=2) + "\n", sys.stdout)
    else:
        langs = ["en", "ms"] if lang == "both" else [lang]
        _write("\n\n".join(format_result(result, lg) for lg in langs), sys.stdout)
    return 0


def _money_col(v: Decimal) -> str:
    return f"{v:>12,.2f}"


def format_result(r: ContributionResult, lang: str = "en") -> str:
    """The readable report of a contribution result in one language."""

    def t(key: str, **kw: object) -> str:
        return pick(tr(key, **kw), lang)

    out = [t("con.out.heading"), t("con.out.inputs", wage=rm(r.wage), date=r.date.isoformat(), age=r.age)]
    if r.age_at_first_contribution is not None:
        out[-1] += t("con.out.first", first=r.age_at_first_contribution)
    if r.foreign:
        out[-1] += t("con.out.foreign")
    out.append("")
    head = f"{'':<34}{t('con.out.employer'):>12}{t('con.out.employee'):>12}{t('con.out.total'):>12}"
    out.append(head)
    for line in r.lines:
        label = pick(line.title, lang) + (" (P)" if line.provisional else "")
        if line.status == "due":
            out.append(
                f"{label:<34}{_money_col(line.employer)}{_money_col(line.employee)}{_money_col(line.total)}"
            )
        else:
            out.append(f"{label:<34}{'-':>12}{'-':>12}{'-':>12}")
    out.append(
        f"{t('con.out.total_row'):<34}{_money_col(r.employer_total)}{_money_col(r.employee_total)}"
        f"{_money_col(r.total)}"
    )
    out.append("")
    for line in r.lines:
        text = f"{pick(line.title, lang)}: {pick(line.reason, lang)}"
        if line.band_item is not None:
            text += "\n    " + t(
                "con.out.band",
                item=line.band_item,
                band=line.band,
                table=line.table,
                confidence=line.confidence,
            )
            if line.assumed_wage is not None and line.code != "EIS":
                text += t("con.out.assumed", aw=rm(line.assumed_wage))
        out.append(text)
    if r.lindung.status == "due":
        out.append(t("con.out.statutory_total", total=rm(r.socso_lindung_total)))
    for note in r.notes:
        out.append("* " + pick(note, lang))
    if any(line.provisional for line in r.lines):
        out.append("")
        out.append(t("con.out.provisional"))
        for note in r.provisional_notes:
            out.append("  - " + pick(note, lang))
    out.append("")
    out.append(t("con.out.rules", version=r.rules.version, sha=r.rules.sha256[:12], origin=r.rules.origin))
    out.append(pick(r.disclaimer, lang))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m estimator.law.contributions --wage ...`` (the same as ``faedah contributions ...``)."""
    parser = argparse.ArgumentParser(prog="faedah")
    sub = parser.add_subparsers(dest="command", required=True)
    register_cli(sub)
    args = parser.parse_args(["contributions", *(sys.argv[1:] if argv is None else argv)])
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
