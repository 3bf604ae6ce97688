"""The calculation record: the one result that the screen, the PDF, the CLI's JSON and the saved case render.

Every figure points at the :class:`Step` that produced it; every step lists its formula, the numbers put in,
the rule-pack parameters it used (value, effective date, source, confidence) and its rounding.  Money is
``Decimal`` in Python and a two-decimal string in JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    BeforeValidator,
    Field,
    SerializeAsAny,
)

from estimator.engine.i18n import Text
from estimator.model.record import (
    _M,
    Money,
    Number,
    Sen,
    _new,
    _set,
    record_fields,
    set_extra,
    set_fields_set,
    set_private,
)
from estimator.model.runs_json import FIELDS as RUN_FIELDS
from estimator.model.runs_json import INDENT, runs_json


class ParamUse(_M):
    key: str
    value: str
    effective_from: date
    source: str
    confidence: str
    provisional: bool
    description: Text
    note: str = ""
    note_ms: str = ""

    @property
    def note_text(self) -> Text:
        return {"en": self.note, "ms": self.note_ms or self.note}


DEFERRED_TEXTS = frozenset({"title", "formula", "substituted"})
PENDING = "_texts"  # the key of a step's unfilled texts in its __dict__: a function that returns them


class _Filled(_M):
    """A record whose texts may be filled later: serialising fills them first."""

    def fill_texts(self) -> None:
        raise NotImplementedError

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        self.fill_texts()
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        self.fill_texts()
        return super().model_dump_json(**kwargs)


class Step(_Filled):
    """One step of the explanation: its title, formula, the formula with the numbers put in, the result, the
    rule values used and the rounding."""

    # The trace may leave title, formula and substituted unfilled (the template keys and the values, checked
    # when the step was closed): they are filled on first read and before any serialisation, so the record
    # reads and serialises the same whether or not they were.

    id: str
    title: Text
    formula: Text
    substituted: Text  # the formula with the numbers put in, and its result
    result: Text
    inputs: dict[str, str] = Field(default_factory=dict)
    params: list[ParamUse] = Field(default_factory=list)
    rounding: Text | None = None
    provisional: bool = False
    note: Text | None = None

    @classmethod
    def deferred(cls, texts: Callable[[], dict[str, Text]], values: dict[str, Any]) -> Step:
        """A step of ``values`` whose title, formula and substituted line ``texts()`` gives when first needed."""
        data = _STEP_BASE.copy()  # the other fields in their order, with their defaults
        data.update(values)
        if "inputs" not in values:
            data["inputs"] = {}
        if "params" not in values:
            data["params"] = []
        data[PENDING] = texts
        step = _new(cls)
        _set(step, "__dict__", data)
        set_fields_set(step, record_fields(cls))
        set_extra(step, None)
        set_private(step, None)
        return step

    def fill_texts(self) -> None:
        """Fill the texts left for later (nothing to do when they are there)."""
        data = self.__dict__
        pending = data.pop(PENDING, None)
        if pending is not None:
            # in the fields' order, as a step made filled (the JSON lists them in this order): the id, the texts,
            # then the others (in their order already)
            filled = {"id": data.pop("id")}
            filled.update(pending())
            filled.update(data)
            _set(self, "__dict__", filled)

    if not TYPE_CHECKING:  # mypy keeps checking the attribute names

        def __getattr__(self, name: str) -> Any:
            if name in DEFERRED_TEXTS and PENDING in self.__dict__:
                self.fill_texts()
                return self.__dict__[name]
            return super().__getattr__(name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Step):
            self.fill_texts()
            other.fill_texts()
        return super().__eq__(other)


# a deferred step's fields before its values are put in: every field but the texts, in the fields' order (inputs
# and params are always made afresh)
_STEP_BASE: dict[str, Any] = {
    name: info.default if info.default_factory is None else None
    for name, info in Step.model_fields.items()
    if name not in DEFERRED_TEXTS
}


class WageMonthInfo(_M):
    month: str
    wage: Money
    band_item: int
    band: str
    assumed_wage: Money
    table: str
    in_window: bool
    provisional: bool


class WageRun(_M):
    """Consecutive listed months with the same wage, band, assumed wage, table and flags, as one record (from
    ``first`` to ``last``, ``months`` months), however long the history."""

    first: str  # YYYY-MM, the run's first month
    last: str  # YYYY-MM, its last month (= first for a run of one month)
    months: int  # how many months: last - first + 1 (no month is missing inside a run)
    wage: Money
    band_item: int
    band: str
    assumed_wage: Money
    table: str
    in_window: bool
    provisional: bool

    def expand(self) -> list[WageMonthInfo]:
        """The run's months, oldest first."""
        fields = {k: v for k, v in self.__dict__.items() if k in _MONTH_FIELDS}
        start = _month_number(self.first)
        return [
            WageMonthInfo.model_construct(month=_month_text(start + k), **fields) for k in range(self.months)
        ]


_MONTH_FIELDS = frozenset({"wage", "band_item", "band", "assumed_wage", "table", "in_window", "provisional"})
if tuple(WageRun.model_fields) != RUN_FIELDS:  # runs_json writes a run's fields in this order
    raise TypeError("WageRun's fields are not the ones runs_json writes")


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _month_text(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def runs_of(months: list[WageMonthInfo]) -> list[WageRun]:
    """``months`` (oldest first) as runs: a month joins the run before it when it is the next calendar month
    and every other field is the same."""
    runs: list[WageRun] = []
    last_number = -2
    for m in months:
        number = _month_number(m.month)
        if runs and number == last_number + 1:
            run = runs[-1]
            here, there = m.__dict__, run.__dict__
            if all(here[k] == there[k] for k in _MONTH_FIELDS):
                there["last"] = m.month
                there["months"] += 1
                last_number = number
                continue
        values = {k: v for k, v in m.__dict__.items() if k in _MONTH_FIELDS}
        runs.append(WageRun.model_construct(first=m.month, last=m.month, months=1, **values))
        last_number = number
    return runs


def _as_runs(value: Any) -> Any:
    """``wage_months`` given as months (records or their JSON, as results made before runs had it) -> runs."""
    if isinstance(value, list) and value:
        head = value[0]
        if isinstance(head, WageMonthInfo) or (isinstance(head, dict) and "month" in head):
            months = [m if isinstance(m, WageMonthInfo) else WageMonthInfo.model_validate(m) for m in value]
            return runs_of(months)
    return value


class CommutationOption(_M):
    kind: Literal["lump_sum", "commutation"]
    lump_sum: Money
    monthly_amount: Money  # paid monthly after taking this option (30-day month)
    alternative_monthly_amount: Money  # paid monthly without commuting
    commuted_daily_rate: Money
    remaining_daily_rate: Money
    age: int
    factor: Number
    break_even_age: Number | None  # age at which monthly payments overtake the lump sum
    provisional: bool
    method: Text
    step_id: str


class Payee(_M):
    index: int  # position in the case's dependants list
    relationship: str
    name: str = ""
    date_of_birth: date
    share: str  # fraction of the daily rate while everybody listed is paid, e.g. "3/7"
    share_percent: Number
    daily_rate: Sen
    monthly_amount: Sen
    starts_on: date
    ends_on: date | None  # None: for life / while incapable of self-support
    end_reason: Text


class PeriodPayee(_M):
    """One payee's part of a period (derived from the period's groups; not stored in the JSON)."""

    index: int
    share: str
    daily_rate: Sen
    monthly_amount: Sen


class ScheduleGroup(_M):
    """The payees of one relationship paid the same amount in a period: each one's share and figures."""

    relationship: str
    share: str  # each payee's share of the whole, e.g. "2/7"
    daily_rate: Sen  # each payee's
    monthly_amount: Sen  # each payee's
    indexes: list[int]  # the payees (positions in the case's dependants list), in the order listed


class SchedulePeriod(_M):
    start: date
    end: date | None  # last day of the period; None: open-ended
    daily_total: Sen  # never more than the whole daily rate (largest remainder: docs/decisions.md 3)
    monthly_total: Sen  # never more than the whole monthly amount
    groups: list[ScheduleGroup]
    reason: Text  # why this period starts (first payment, a payee's entitlement ended)

    @property
    def payees(self) -> list[PeriodPayee]:
        """Each payee's part, in the order listed (derived from the groups)."""
        rows = [
            PeriodPayee.model_construct(
                index=i, share=g.share, daily_rate=g.daily_rate, monthly_amount=g.monthly_amount
            )
            for g in self.groups
            for i in g.indexes
        ]
        rows.sort(key=lambda p: p.index)
        return rows


class BenefitRecord(_M):
    """What every benefit of a Result has; a benefit's own figures are the fields of its subclass.

    A new benefit is a subclass with a unique ``code`` (a Literal), a law module that builds it and a presenter
    (``estimator.present``) that declares its rows: no renderer changes.
    """

    code: str
    title: Text
    provisional: bool = False
    step_ids: list[str] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    # the money fields a comparison and a batch's columns read, among "daily_rate", "monthly_amount" and "total"
    # (a benefit with none is described, not paid: estimator.model.benefits)
    amounts: ClassVar[tuple[str, ...]] = ()


class TDB(BenefitRecord):
    code: Literal["TDB"] = "TDB"
    amounts: ClassVar[tuple[str, ...]] = ("daily_rate", "total")
    daily_rate: Money
    days: int
    total: Money
    first_day: date
    last_day: date


class PDB(BenefitRecord):
    code: Literal["PDB"] = "PDB"
    amounts: ClassVar[tuple[str, ...]] = ("daily_rate", "monthly_amount")
    daily_rate: Money
    ptd_daily_rate: Money
    monthly_amount: Money  # 30-day month
    monthly_amount_28: Money
    monthly_amount_31: Money
    loss_of_earning_capacity_percent: Number
    total_disablement: bool
    options: list[CommutationOption]


class CAA(BenefitRecord):
    code: Literal["CAA"] = "CAA"
    amounts: ClassVar[tuple[str, ...]] = ("monthly_amount",)
    monthly_amount: Money


class Dependants(BenefitRecord):
    code: Literal["DEPENDANTS"] = "DEPENDANTS"
    amounts: ClassVar[tuple[str, ...]] = ("daily_rate", "monthly_amount")
    daily_rate: Money  # the whole daily rate shared among the payees
    monthly_amount: Money  # paid to all payees together in the first period (= sum of their monthly amounts)
    payees: list[Payee]
    schedule: list[SchedulePeriod]


class Funeral(BenefitRecord):
    code: Literal["FUNERAL"] = "FUNERAL"
    amounts: ClassVar[tuple[str, ...]] = ("total",)
    total: Money
    cap: Money
    expenses: Money | None


class InvalidityPension(BenefitRecord):
    code: Literal["INVALIDITY_PENSION"] = "INVALIDITY_PENSION"
    amounts: ClassVar[tuple[str, ...]] = ("daily_rate", "monthly_amount")
    rate_percent: Number
    monthly_amount: Money
    daily_rate: Money  # for part months: monthly / days in the notice month
    average_monthly_wage: Money
    qualifying: Literal["full", "reduced"]
    contributions: int


class InvalidityGrant(BenefitRecord):
    code: Literal["INVALIDITY_GRANT"] = "INVALIDITY_GRANT"
    amounts: ClassVar[tuple[str, ...]] = ("total",)
    total: Money
    contributions_paid: Money
    interest: Money


class SurvivorsPension(BenefitRecord):
    code: Literal["SURVIVORS_PENSION"] = "SURVIVORS_PENSION"
    amounts: ClassVar[tuple[str, ...]] = ("monthly_amount",)
    rate_percent: Number
    monthly_amount: Money
    average_monthly_wage: Money
    qualifying: Literal["full", "reduced"]
    payees: list[Payee]
    schedule: list[SchedulePeriod]


class Info(BenefitRecord):
    """A benefit in kind or on application (medical, rehabilitation, education): conditions, no amount."""

    code: Literal["MEDICAL", "REHABILITATION", "EDUCATION", "RETURN_TO_WORK"]
    conditions: list[Text]


class NotPayable(_M):
    code: str
    reason: Text


class Warning(_M):
    code: str
    message: Text
    severity: Literal["info", "warning"] = "warning"


class RulesInfo(_M):
    version: str
    sha256: str
    name: str
    origin: str
    differs_from_published: int = 0  # dated values that differ from the published (bundled) pack


class NextStep(_M):
    """What to do to claim one benefit: the documents, the deadline (computed from the case dates), the source.

    ``code`` is the benefit's code; the entry with code ``"GENERAL"`` holds where to claim and the hotline.
    """

    code: str
    title: Text
    documents: list[Text] = Field(default_factory=list)
    deadline: date | None = None  # the last day to claim, when the law counts one
    timing: Text  # the deadline or timing in words (dates DD/MM/YYYY)
    source: str
    confidence: str
    weak: bool = False  # the source is weak: the claimant is told to check


class Result(_Filled):
    format: Literal["faedah-result"] = "faedah-result"
    version: Literal[1] = 1
    scheme: str
    incident_type: str
    outcome: str
    event_date: date
    age_at_event: int
    average_assumed_monthly_wage: Money | None
    average_assumed_daily_wage: Money | None  # shown to the sen; the rates use the unrounded value
    # the listed months, banded, as runs of identical months (``months()`` lists them one by one)
    wage_months: Annotated[list[WageRun], BeforeValidator(_as_runs)] = Field(default_factory=list)
    benefits: list[SerializeAsAny[BenefitRecord]] = Field(default_factory=list)
    not_payable: list[NotPayable] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    provisional: bool = False
    provisional_notes: list[Text] = Field(
        default_factory=list
    )  # footnotes: which values are provisional, why
    rules: RulesInfo
    disclaimer: Text
    # what to do next, per benefit, then GENERAL; left out of the JSON while empty (results made before it)
    next_steps: list[NextStep] = Field(default_factory=list, exclude_if=lambda steps: not steps)

    def fill_texts(self) -> None:
        """Fill the steps' texts left for later (serialising does it first)."""
        for step in self.steps:
            if PENDING in step.__dict__:
                step.fill_texts()

    def months(self) -> list[WageMonthInfo]:
        """Every listed month, banded, oldest first (the runs of ``wage_months`` expanded)."""
        return [m for run in self.wage_months for m in run.expand()]

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def benefit(self, code: str) -> BenefitRecord | None:
        for b in self.benefits:
            if b.code == code:
                return b
        return None

    def to_json(self, indent: int | None = 2) -> str:
        """The result's JSON; a long history's runs are written by :func:`runs_json` (the same text, faster)."""
        if indent != INDENT or len(self.wage_months) < _MANY_RUNS:
            self.fill_texts()  # (what model_dump_json does, without its wrapper)
            return self.__pydantic_serializer__.to_json(self, indent=indent).decode()
        runs = runs_json(self.wage_months)
        if runs is None:
            return self.model_dump_json(indent=indent)
        rest = self.model_copy(update={"wage_months": []}).model_dump_json(indent=indent)
        # the field's line at the top level (a newline inside a text is written as \n: this is the only one)
        at = rest.index(_EMPTY_RUNS)
        # one join: the text is long (a copy less)
        return "".join(
            (rest[:at], '\n  "wage_months": [\n', *runs, "\n  ],\n", rest[at + len(_EMPTY_RUNS) :])
        )


_MANY_RUNS = 16  # fewer runs are written by pydantic alone
_EMPTY_RUNS = '\n  "wage_months": [],\n'
