"""The case: what the clerk enters.  Versioned JSON (``{"format": "faedah-case", "version": 1, ...}``).

The CLI reads it, the app saves and opens it: one format.  Validation turns every problem into a
:class:`Problem` naming the field (``monthly_wages[2].wage``) with a message in English and Bahasa Malaysia.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from estimator.engine.dates import add_months, age_on, month_index
from estimator.engine.i18n import Text, tr
from estimator.engine.safeio import MAX_JSON_DEPTH, DuplicateKey, TooDeep, json_depth, strict_json_loads
from estimator.model.strict import prebuilt_months, strict_amount, strict_count, strict_date

CASE_FORMAT = "faedah-case"
CASE_VERSION = 1
MAX_CASE_BYTES = 1_000_000
SCHEME_START = date(1971, 1, 1)
MAX_WAGE = Decimal("1000000")
MAX_HISTORY_MONTHS = 600  # fifty years: longer than a working life

Scheme = Literal["employment_injury", "non_employment_injury", "invalidity", "self_employment", "housewives"]
IncidentType = Literal[
    "work_accident",
    "commuting_accident",
    "emergency_accident",
    "occupational_disease",
    "non_work_accident",
    "illness",
    "self_employment_accident",  # Act 789 s.3: in the course of the self-employment activity
    "self_employment_travel",  # Act 789 s.3: "while travelling for the purpose of his self-employment activity"
    "domestic_injury",  # Act 838 s.3: in the course of managing her household
    "morbid_condition",  # Act 838 s.32: invalidity by reason of a specific morbid condition
]
Outcome = Literal["injury", "death", "invalidity"]
Relationship = Literal["spouse", "child", "parent", "sibling", "grandparent"]

INCIDENTS_BY_SCHEME: dict[str, tuple[str, ...]] = {
    "employment_injury": (
        "work_accident",
        "commuting_accident",
        "emergency_accident",
        "occupational_disease",
    ),
    "non_employment_injury": ("non_work_accident",),
    "invalidity": ("illness",),
    "self_employment": ("self_employment_accident", "self_employment_travel", "occupational_disease"),
    "housewives": ("domestic_injury", "morbid_condition"),
}
OUTCOMES_BY_SCHEME: dict[str, tuple[str, ...]] = {
    "employment_injury": ("injury", "death"),
    "non_employment_injury": ("injury", "death"),
    "invalidity": ("invalidity", "death"),
    "self_employment": ("injury", "death"),
    "housewives": ("injury", "invalidity", "death"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=False)


MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"  # ASCII digits only (\d would take any script)


class WageMonth(_Strict):
    month: str = Field(pattern=MONTH_PATTERN)
    wage: Decimal = Field(ge=0, le=MAX_WAGE, decimal_places=2)

    _wage_strict = field_validator("wage", mode="before")(strict_amount)


class Dependant(_Strict):
    relationship: Relationship
    date_of_birth: date
    name: str = Field(default="", max_length=120)
    in_higher_education: bool = False
    education_ends_on: date | None = None
    disabled: bool = False
    married: bool = False
    remarried_on: date | None = None  # a widower's survivors' pension under Act 838 ends at remarriage

    _dates_strict = field_validator("date_of_birth", "education_ends_on", mode="before")(strict_date)


class Case(_Strict):
    format: Literal["faedah-case"] = "faedah-case"
    version: Literal[1] = 1
    scheme: Scheme
    incident_type: IncidentType
    outcome: Outcome
    event_date: date
    date_of_birth: date
    claimant_name: str = Field(default="", max_length=120)
    ic_number: str = Field(default="", max_length=20)
    case_reference: str = Field(default="", max_length=40)
    monthly_wages: list[WageMonth] = Field(default_factory=list, max_length=MAX_HISTORY_MONTHS)
    first_contribution_month: str | None = Field(default=None, pattern=MONTH_PATTERN)
    medical_leave_days: int = Field(default=0, ge=0, le=3650)
    days_worked_with_wages: int = Field(default=0, ge=0, le=3650)
    loss_of_earning_capacity_percent: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)
    injuries: list[str] = Field(default_factory=list, max_length=20)
    needs_constant_attendance: bool = False
    funeral_expenses: Decimal | None = Field(default=None, ge=0, le=MAX_WAGE, decimal_places=2)
    dependants: list[Dependant] = Field(default_factory=list, max_length=30)
    claim_date: date | None = None
    similar_worker_monthly_wage: Decimal | None = Field(default=None, ge=0, le=MAX_WAGE, decimal_places=2)
    police_report_made: bool | None = None
    accident_outside_malaysia: bool = False
    caused_by_disease: bool = False
    covered_by_self_employment_scheme: bool = False
    covered_by_housewives_scheme: bool = False
    receiving_invalidity_pension: bool = (
        False  # death of an invalidity pensioner (survivors' pension = the pension)
    )
    foreign_worker: bool = False
    sksps_plan: int | None = Field(default=None, ge=1, le=4)  # Act 789: the plan of the contribution in force
    contribution_paid_on: date | None = None  # Act 789 / 838: the day the contribution of the period was paid
    notes: str = Field(default="", max_length=4000)
    meta: dict[str, Any] = Field(default_factory=dict)  # free-form data of the app (not validated)

    @field_validator("first_contribution_month", mode="before")
    @classmethod
    def _empty_month(cls, v: Any) -> Any:
        return None if v == "" else v

    @field_validator("injuries", mode="before")
    @classmethod
    def _injury_codes(cls, v: Any) -> Any:
        """An injury code typed without its leading zero or in small letters (``s1``) is the schedule's ``S01``."""
        if not isinstance(v, list):
            return v
        return [_injury_code(i) if isinstance(i, str) else i for i in v]

    _amounts_strict = field_validator(
        "loss_of_earning_capacity_percent", "funeral_expenses", "similar_worker_monthly_wage", mode="before"
    )(lambda v: None if v is None else strict_amount(v))
    _counts_strict = field_validator("medical_leave_days", "days_worked_with_wages", mode="before")(
        strict_count
    )
    _dates_strict = field_validator("event_date", "date_of_birth", "claim_date", mode="before")(strict_date)

    def age_on(self, on: date) -> int:
        return age_on(self.date_of_birth, on)


# ----------------------------------------------------------------------------------------------- problems


class Problem(BaseModel):
    field: str
    code: str
    message: Text

    def line(self, lang: str = "en") -> str:
        return f"{self.field or '(case)'}: {self.message.get(lang) or self.message['en']}"


class CaseError(Exception):
    """Invalid input; ``problems`` names every field at fault."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.line() for p in problems))
        self.problems = problems


_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,59}$")


_INJURY_CODE = re.compile(r"[Ss]\s*0*([1-9][0-9]?)")


def _injury_code(raw: str) -> str:
    m = _INJURY_CODE.fullmatch(raw.strip())
    return f"S{int(m.group(1)):02d}" if m else raw


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = str(part)
        if not _PLAIN_KEY.match(name):  # an unknown key from a damaged file: quoted, one line, short
            name = json.dumps(name[:40] + ("…" if len(name) > 40 else ""), ensure_ascii=True)
        out += ("." if out else "") + name
    return out


_PYDANTIC_KEYS = {
    "missing": "err.missing",
    "extra_forbidden": "err.unknown_field",
    "literal_error": "err.choice",
    "date_from_datetime_parsing": "err.date",
    "date_parsing": "err.date",
    "date_type": "err.date",
    "decimal_parsing": "err.number",
    "decimal_type": "err.number",
    "decimal_max_places": "err.decimal_places",
    "decimal_max_digits": "err.number",
    "int_parsing": "err.int",
    "int_type": "err.int",
    "int_from_float": "err.int",
    "bool_parsing": "err.bool",
    "bool_type": "err.bool",
    "greater_than_equal": "err.min",
    "less_than_equal": "err.max",
    "string_pattern_mismatch": "err.month",
    "string_type": "err.text",
    "too_long": "err.too_long",
    "list_type": "err.list",
    "model_type": "err.object",
    "dict_type": "err.object",
    "string_too_long": "err.text_too_long",
    "finite_number": "err.number",
    "date_from_datetime_inexact": "err.date",
    "date_future": "err.date",
    "date_past": "err.date",
    "decimal_whole_digits": "err.number",
    "int_parsing_size": "err.int",
    "model_attributes_type": "err.object",
    "string_unicode": "rel.err.text_unicode",
}


def problems_from_validation(exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        kind = err["type"]
        ctx = err.get("ctx") or {}
        key = _PYDANTIC_KEYS.get(kind, "err.invalid")
        args = {k: str(v) for k, v in ctx.items()}
        if kind == "literal_error":
            args["expected"] = str(ctx.get("expected", ""))
        msg = tr(key, **args)
        if key == "err.invalid":  # a kind of error not in the catalog: a generic text, in both languages
            msg = tr("err.invalid")
        out.append(Problem(field=_loc(tuple(err["loc"])), code=kind, message=msg))
    return out


# ----------------------------------------------------------------------------------------------- checks


MIN_SPOUSE_AGE = 16
MIN_WORKING_AGE = 13


def check_case(case: Case, today: date | None = None, injury_ids: set[str] | None = None) -> list[Problem]:
    """Consistency checks beyond the types; ``today`` only guards against dates in the future."""
    today = today or date.today()
    p: list[Problem] = []

    def add(field: str, code: str, key: str, **kw: object) -> None:
        p.append(Problem(field=field, code=code, message=tr(key, **kw)))

    if case.incident_type not in INCIDENTS_BY_SCHEME[case.scheme]:
        add("incident_type", "incident_scheme", "err.incident_scheme")
    if case.outcome not in OUTCOMES_BY_SCHEME[case.scheme]:
        add("outcome", "outcome_scheme", "err.outcome_scheme")
    housewife_living = case.scheme == "housewives" and case.outcome != "death"
    if housewife_living and (case.incident_type == "morbid_condition") != (case.outcome == "invalidity"):
        add("outcome", "outcome_scheme", "err.outcome_scheme")
    if case.event_date > today:
        add("event_date", "future", "err.future_date")
    if case.event_date < SCHEME_START:
        add("event_date", "before_scheme", "err.before_scheme", date=SCHEME_START.isoformat())
    if case.date_of_birth >= case.event_date:
        add("date_of_birth", "born_after_event", "err.born_after_event")
    elif age_on(case.date_of_birth, case.event_date) > 100:
        add("date_of_birth", "too_old", "err.too_old")
    elif age_on(case.date_of_birth, case.event_date) < MIN_WORKING_AGE:
        add("date_of_birth", "too_young", "err.too_young", age=MIN_WORKING_AGE)
    if case.claim_date is not None and case.claim_date < case.event_date:
        add("claim_date", "claim_before_event", "err.claim_before_event")

    event_idx = case.event_date.year * 12 + case.event_date.month - 1
    earliest_work_idx = (case.date_of_birth.year + MIN_WORKING_AGE) * 12 + case.date_of_birth.month - 1
    seen: dict[str, int] = {}
    indexes = [month_index(wm.month) for wm in case.monthly_wages]
    for i, (wm, idx) in enumerate(zip(case.monthly_wages, indexes, strict=True)):
        if wm.month in seen:
            add(f"monthly_wages[{i}].month", "duplicate_month", "err.duplicate_month", month=wm.month)
        seen[wm.month] = i
        if idx > event_idx:
            add(f"monthly_wages[{i}].month", "month_after_event", "err.month_after_event", month=wm.month)
        elif idx < earliest_work_idx:
            add(
                f"monthly_wages[{i}].month",
                "month_before_working_age",
                "err.month_before_working_age",
                month=wm.month,
            )
    if case.first_contribution_month is not None:
        fidx = month_index(case.first_contribution_month)
        if fidx > event_idx:
            add(
                "first_contribution_month",
                "month_after_event",
                "err.month_after_event",
                month=case.first_contribution_month,
            )
        elif fidx < earliest_work_idx:
            add(
                "first_contribution_month",
                "month_before_working_age",
                "err.month_before_working_age",
                month=case.first_contribution_month,
            )
        elif indexes and fidx > min(indexes):
            add("first_contribution_month", "after_history", "err.first_month_after_history")
    if case.days_worked_with_wages > case.medical_leave_days:
        add("days_worked_with_wages", "worked_more_than_leave", "err.worked_more_than_leave")
    if injury_ids is not None:
        for i, inj in enumerate(case.injuries):
            if inj not in injury_ids:
                shown = inj if _PLAIN_KEY.match(inj) else json.dumps(inj[:20], ensure_ascii=True)
                add(f"injuries[{i}]", "unknown_injury", "err.unknown_injury", id=shown)
    if len(set(case.injuries)) != len(case.injuries):
        add("injuries", "duplicate_injury", "err.duplicate_injury")

    claimant_age = age_on(case.date_of_birth, case.event_date) if case.date_of_birth < case.event_date else 0
    for i, dep in enumerate(case.dependants):
        f = f"dependants[{i}]"
        latest_birth = case.event_date
        if dep.relationship == "child" and case.event_date.year < date.max.year:  # an absurd event date is
            latest_birth = add_months(case.event_date, 10)  # reported above; never overflow the calendar
        if dep.date_of_birth > latest_birth:
            add(f"{f}.date_of_birth", "born_after_event", "err.dependant_born_after_event")
            continue
        dep_age = age_on(dep.date_of_birth, case.event_date) if dep.date_of_birth <= case.event_date else 0
        if dep_age > 120:
            add(f"{f}.date_of_birth", "too_old", "err.too_old")
        if dep.relationship == "spouse" and dep_age < MIN_SPOUSE_AGE:
            add(f"{f}.date_of_birth", "spouse_too_young", "err.spouse_too_young", age=MIN_SPOUSE_AGE)
        if dep.relationship in ("parent", "grandparent") and dep.date_of_birth >= case.date_of_birth:
            add(f"{f}.date_of_birth", "parent_younger", "err.parent_younger")
        if dep.relationship == "child" and claimant_age and dep.date_of_birth <= case.date_of_birth:
            add(f"{f}.date_of_birth", "child_older", "err.child_older")
        if dep.education_ends_on is not None and dep.education_ends_on <= dep.date_of_birth:
            add(f"{f}.education_ends_on", "education_before_birth", "err.education_before_birth")
        elif dep.education_ends_on is not None and age_on(dep.date_of_birth, dep.education_ends_on) >= 40:
            add(f"{f}.education_ends_on", "education_too_late", "rel.err.education_too_late", age=40)
    if sum(1 for d in case.dependants if d.relationship == "parent") > 2:
        add("dependants", "too_many_parents", "err.too_many_parents")
    if sum(1 for d in case.dependants if d.relationship == "grandparent") > 4:
        add("dependants", "too_many_grandparents", "err.too_many_grandparents")
    return p


# ----------------------------------------------------------------------------------------------- parsing


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older case file up to the current version (version 0: the pre-release format)."""
    version = data.get("version")
    if version == 0:
        data = dict(data)
        wages = data.get("wages")
        if isinstance(wages, dict) and "monthly_wages" not in data:  # anything else stays, and is reported
            del data["wages"]
            data["monthly_wages"] = [{"month": m, "wage": w} for m, w in sorted(wages.items())]
        if "lec_percent" in data and "loss_of_earning_capacity_percent" not in data:
            data["loss_of_earning_capacity_percent"] = data.pop("lec_percent")
        data["version"] = 1
    return data


def parse_case(data: Any, today: date | None = None, injury_ids: set[str] | None = None) -> Case:
    """Validate a decoded case document; raises :class:`CaseError` with every problem found."""
    if not isinstance(data, dict):
        raise CaseError([Problem(field="", code="not_object", message=tr("err.not_object"))])
    if json_depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:  # the app's own document as a file: one limit
        raise CaseError([_too_deep()])
    if len(json.dumps(data, default=str, ensure_ascii=False)) > MAX_CASE_BYTES:
        raise CaseError([_too_large()])
    if data.get("format") != CASE_FORMAT:
        raise CaseError([Problem(field="format", code="format", message=tr("err.format"))])
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise CaseError([Problem(field="version", code="version", message=tr("err.version"))])
    if version > CASE_VERSION:
        raise CaseError(
            [
                Problem(
                    field="version",
                    code="newer_version",
                    message=tr("err.newer_version", version=version, supported=CASE_VERSION),
                )
            ]
        )
    if version < 0:
        raise CaseError([Problem(field="version", code="version", message=tr("err.version"))])
    data = _migrate(data)
    wages = data.get("monthly_wages")
    if type(wages) is list and len(wages) <= MAX_HISTORY_MONTHS:  # one pass over the plain entries
        data = dict(data, monthly_wages=prebuilt_months(wages, WageMonth, MAX_WAGE))
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(problems_from_validation(exc)) from None
    problems = check_case(case, today=today, injury_ids=injury_ids)
    if problems:
        raise CaseError(problems)
    return case


def decode_case_bytes(raw: bytes) -> Any:
    """Bytes of a case file -> JSON document (numbers with a fraction become Decimal, never float)."""
    if len(raw) > MAX_CASE_BYTES:
        raise CaseError([_too_large()])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseError([Problem(field="", code="not_utf8", message=tr("err.not_utf8"))]) from None
    try:
        return strict_json_loads(text, max_depth=MAX_JSON_DEPTH)
    except DuplicateKey as exc:
        shown = exc.key if _PLAIN_KEY.match(exc.key) else json.dumps(exc.key[:40], ensure_ascii=True)
        msg = tr("rel.err.duplicate_key", key=shown)
        raise CaseError([Problem(field=_loc((exc.key,)), code="duplicate_key", message=msg)]) from None
    except TooDeep:
        raise CaseError([_too_deep()]) from None
    except (ValueError, RecursionError) as exc:  # RecursionError: nested deeper than any case file
        line = getattr(exc, "lineno", None)
        msg = tr("err.bad_json", line=line) if line else tr("rel.err.bad_json")
        raise CaseError([Problem(field="", code="bad_json", message=msg)]) from None


def _too_large() -> Problem:
    return Problem(
        field="", code="too_large", message=tr("err.too_large", limit=f"{MAX_CASE_BYTES // 1000} kB")
    )


def _too_deep() -> Problem:
    return Problem(field="", code="too_deep", message=tr("rel.err.too_deep", depth=MAX_JSON_DEPTH))


def case_to_json(case: Case) -> str:
    data = case_to_dict(case)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in the app's free-form meta: escape it, never fail to save
        text = json.dumps(data, indent=2, ensure_ascii=True) + "\n"
    return text


def case_to_dict(case: Case) -> dict[str, Any]:
    data = case.model_dump(mode="json", exclude_none=True)
    for wm in data.get("monthly_wages", []):
        wm["wage"] = f"{Decimal(wm['wage']):.2f}"
    for key in ("funeral_expenses", "similar_worker_monthly_wage"):
        if key in data:
            data[key] = f"{Decimal(data[key]):.2f}"
    if "loss_of_earning_capacity_percent" in data:
        data["loss_of_earning_capacity_percent"] = (
            f"{Decimal(data['loss_of_earning_capacity_percent']).normalize():f}"
        )
    return data


# ----------------------------------------------------------------------------------------------- choices
# What a form offers: the app lists these instead of keeping its own copy.


def incident_types() -> list[tuple[str, str]]:
    """Every incident type with the scheme it belongs to, in the order a form offers them."""
    return [(incident, scheme) for scheme, incidents in INCIDENTS_BY_SCHEME.items() for incident in incidents]


def outcomes_of(scheme: str) -> tuple[str, ...]:
    """The outcomes a case under ``scheme`` can have (the living claimant's first, then death)."""
    return OUTCOMES_BY_SCHEME.get(scheme, ())


def relationships() -> tuple[str, ...]:
    """The relationships a dependant can have to the insured person."""
    from typing import get_args

    return tuple(str(code) for code in get_args(Relationship))


def parse_month(text: str) -> int | None:
    """The month index (see :func:`month_index`) of a ``YYYY-MM`` text; None when the text is not one."""
    if re.fullmatch(MONTH_PATTERN, text) is None:
        return None
    return month_index(text)
