"""The presenters of the benefits the Acts grant: each declares its headline, rows and tables once."""

from __future__ import annotations

from collections.abc import Sequence

from estimator.engine.i18n import Text, same
from estimator.model.result import (
    CAA,
    PDB,
    TDB,
    Dependants,
    Funeral,
    Info,
    InvalidityGrant,
    InvalidityPension,
    Payee,
    Result,
    SchedulePeriod,
    SurvivorsPension,
)
from estimator.present.format import day, label, local_dates, money, number, percent, yes_no
from estimator.present.view import BenefitView, Row, Segment, Series, Table, presenter


def _amount(key: str, value: Text, provisional: bool = False, step_id: str | None = None) -> Row:
    return Row(label(key), value, "amount", provisional, step_id)


def _detail(key: str, value: Text, step_id: str | None = None) -> Row:
    return Row(label(key), value, "detail", step_id=step_id)


def _first_step(b: object) -> str | None:
    ids: list[str] = getattr(b, "step_ids", [])
    return ids[-1] if ids else None


@presenter(TDB)
def _tdb(b: TDB, result: Result) -> BenefitView:
    step = _first_step(b)
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.once_days", amount=money(b.total)["en"], days=b.days),
        rows=[
            _detail("daily_rate", money(b.daily_rate), step),
            _detail("days_paid", number(b.days)),
            _detail("period", label("from_to", first=day(b.first_day)["en"], last=day(b.last_day)["en"])),
            _amount("total", money(b.total), b.provisional, step),
        ],
        summary=[
            label(
                "for_days",
                rate=money(b.daily_rate)["en"],
                days=b.days,
                first=day(b.first_day)["en"],
                last=day(b.last_day)["en"],
            )
        ],
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
    )


def _break_even(age: object) -> Text:
    from decimal import Decimal

    if isinstance(age, Decimal):
        return label("age_n", age=number(age)["en"])
    return label("break_even_none")


@presenter(PDB)
def _pdb(b: PDB, result: Result) -> BenefitView:
    rows = [
        _detail("lec", percent(b.loss_of_earning_capacity_percent)),
        _detail("ptd_daily_rate", money(b.ptd_daily_rate)),
        _detail("daily_rate", money(b.daily_rate), _first_step(b)),
        _amount("monthly_30", money(b.monthly_amount), b.provisional, _first_step(b)),
        _detail(
            "monthly_28_31", same(f"{money(b.monthly_amount_28)['en']} / {money(b.monthly_amount_31)['en']}")
        ),
        _detail("total_disablement", yes_no(b.total_disablement)),
    ]
    summary = [label("daily_monthly", daily=money(b.daily_rate)["en"])]
    tables: list[Table] = []
    step_ids = list(b.step_ids)
    for o in b.options:
        be = _break_even(o.break_even_age)
        values = {lang: "" for lang in ("en", "ms")}
        key = "option_line_lump" if o.monthly_amount == 0 else "option_line"
        line = {
            lang: label(
                key, lump=money(o.lump_sum)["en"], monthly=money(o.monthly_amount)["en"], break_even=be[lang]
            )[lang]
            for lang in values
        }
        rows.append(Row(label(f"opt.{o.kind}"), line, "option", o.provisional, o.step_id))
        option_key = "or_lump" if o.monthly_amount == 0 else "or_option"
        summary.append(
            {
                lang: label(
                    option_key,
                    option=label(f"opt.{o.kind}")[lang],
                    lump=money(o.lump_sum)["en"],
                    monthly=money(o.monthly_amount)["en"],
                )[lang]
                for lang in values
            }
        )
        if o.step_id not in step_ids:
            step_ids.append(o.step_id)
    if b.options:
        tables.append(_options_table(b))
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.a_month", amount=money(b.monthly_amount)["en"]),
        rows=rows,
        tables=tables,
        summary=summary,
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=step_ids,
    )


def _options_table(b: PDB) -> Table:
    """The monthly payments beside each option (what is paid now, then each month, and the break-even age)."""
    opts = b.options
    dash = same("—")
    rows: list[list[Text]] = [
        [label("opt_row_lump"), dash, *[money(o.lump_sum) for o in opts]],
        [label("opt_row_monthly"), money(b.monthly_amount), *[money(o.monthly_amount) for o in opts]],
        [
            label("opt_row_daily"),
            money(b.daily_rate),
            *[
                same(f"{money(o.commuted_daily_rate)['en']} / {money(o.remaining_daily_rate)['en']}")
                for o in opts
            ],
        ],
        [
            label("opt_row_factor"),
            dash,
            *[
                {
                    lang: f"{label('age_n', age=o.age)[lang]}; {number(o.factor)['en']}"
                    for lang in ("en", "ms")
                }
                for o in opts
            ],
        ],
        [label("opt_row_break_even"), dash, *[_break_even(o.break_even_age) for o in opts]],
        [label("opt_row_method"), same(""), *[o.method for o in opts]],
    ]
    marked = {(0, 2 + i) for i, o in enumerate(opts) if o.provisional}
    marked |= {(1, 2 + i) for i, o in enumerate(opts) if o.provisional}
    if b.provisional:
        marked.add((1, 1))
    return Table(
        title=label("commutation"),
        columns=[same(""), label("opt_monthly_only"), *[label(f"take.{o.kind}") for o in opts]],
        rows=rows,
        numeric=frozenset(range(1, 2 + len(opts))),
        marked=frozenset(marked),
        hint=label("commutation_hint"),
    )


@presenter(CAA)
def _caa(b: CAA, result: Result) -> BenefitView:
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.a_month", amount=money(b.monthly_amount)["en"]),
        rows=[_amount("monthly_amount", money(b.monthly_amount), b.provisional, _first_step(b))],
        summary=[label("monthly_while")],
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
    )


def payee_name(payees: Sequence[Payee], index: int) -> Text:
    """The name typed for a payee, or "Dependant n"."""
    name = next((p.name for p in payees if p.index == index and p.name), "")
    return same(name) if name else label("dep_unnamed", n=index + 1)


def _payees_table(payees: Sequence[Payee]) -> Table:
    rows = [
        [
            payee_name(payees, p.index),
            label(f"rel.{p.relationship}"),
            same(f"{p.share} ({percent(p.share_percent)['en']})"),
            money(p.daily_rate),
            money(p.monthly_amount),
            day(p.starts_on),
            day(p.ends_on),
            local_dates(p.end_reason),
        ]
        for p in payees
    ]
    columns = [
        "col_name",
        "col_relationship",
        "col_share",
        "col_daily",
        "col_monthly",
        "col_from",
        "col_until",
    ]
    return Table(
        title=label("split"),
        columns=[*[label(c) for c in columns], label("col_why_ends")],
        rows=rows,
        numeric=frozenset({2, 3, 4}),
    )


WIDE_SCHEDULE = 5  # up to this many payees, the schedule has a column for each


def _groups_cell(payees: Sequence[Payee], period: SchedulePeriod) -> Text:
    """A narrow schedule's cell: one part per relationship group ("Child × 29: RM123.45 (2/13)")."""
    parts: dict[str, list[str]] = {"en": [], "ms": []}
    for group in period.groups:
        amount = money(group.monthly_amount)["en"]
        if len(group.indexes) == 1:
            who = payee_name(payees, group.indexes[0])
        else:
            rel = label(f"rel.{group.relationship}")
            who = {lang: f"{rel[lang]} × {len(group.indexes)}" for lang in ("en", "ms")}
        for lang in ("en", "ms"):
            parts[lang].append(f"{who[lang]}: {amount} ({group.share})")
    return {lang: "; ".join(parts[lang]) for lang in ("en", "ms")}


def _schedule_table(payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> Table:
    seen: dict[int, None] = {}
    for period in schedule:
        for group in period.groups:
            seen.update(dict.fromkeys(group.indexes))
    order = list(seen)
    wide = len(order) <= WIDE_SCHEDULE
    columns = [label("col_from"), label("col_until")]
    columns += [payee_name(payees, i) for i in order] if wide else [label("col_paid_to")]
    columns += [label("col_total_monthly"), label("col_why")]
    rows: list[list[Text]] = []
    for period in schedule:
        by_index = {pp.index: pp for pp in period.payees}
        row = [day(period.start), day(period.end)]
        if wide:
            for i in order:
                share = by_index.get(i)
                row.append(
                    same(f"{money(share.monthly_amount)['en']}\n{share.share}") if share else same("—")
                )
        else:
            row.append(_groups_cell(payees, period))
        row += [money(period.monthly_total), local_dates(period.reason)]
        rows.append(row)
    first_figure, last_figure = 2, len(columns) - 2
    return Table(
        title=label("schedule"),
        columns=columns,
        rows=rows,
        numeric=frozenset(range(first_figure, last_figure + 1)) if wide else frozenset({last_figure}),
        hint=label("schedule_hint"),
    )


def _series(payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> list[Series]:
    """Each payee's monthly amount over time (one segment a period), then the total line."""
    per: dict[int, list[Segment]] = {}
    for period in schedule:
        for pp in period.payees:
            per.setdefault(pp.index, []).append(Segment(period.start, period.end, pp.monthly_amount))
    by_index = {p.index: p for p in payees}
    out = []
    for index, segments in per.items():
        payee = by_index.get(index)
        rel = label(f"rel.{payee.relationship}") if payee else same("")
        name = payee_name(payees, index)
        out.append(Series({lang: f"{name[lang]} ({rel[lang]})" for lang in ("en", "ms")}, segments))
    if out:
        total = [Segment(p.start, p.end, p.monthly_total) for p in schedule]
        out.append(Series(label("col_total_monthly"), total, total=True))
    return out


def _payee_tables(payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> list[Table]:
    tables = [_payees_table(payees)] if payees else []
    if schedule:
        tables.append(_schedule_table(payees, schedule))
    return tables


@presenter(Dependants)
def _dependants(b: Dependants, result: Result) -> BenefitView:
    step = _first_step(b)
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.shared", amount=money(b.monthly_amount)["en"], n=len(b.payees)),
        rows=[
            _detail("daily_rate", money(b.daily_rate), step),
            _amount("monthly_30", money(b.monthly_amount), b.provisional, step),
        ],
        tables=_payee_tables(b.payees, b.schedule),
        summary=[label("shared_by", daily=money(b.daily_rate)["en"], n=len(b.payees))],
        notes=list(b.notes) + ([] if b.payees else [label("no_payees")]),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
        series=_series(b.payees, b.schedule),
    )


@presenter(SurvivorsPension)
def _survivors(b: SurvivorsPension, result: Result) -> BenefitView:
    summary = [
        label("pension_how", rate=percent(b.rate_percent)["en"], amw=money(b.average_monthly_wage)["en"])
    ]
    if b.payees:
        summary.append(label("shared_n", n=len(b.payees)))
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.a_month", amount=money(b.monthly_amount)["en"]),
        rows=[
            _detail("average_monthly_wage", money(b.average_monthly_wage)),
            _detail("rate_percent", percent(b.rate_percent)),
            _amount("monthly_amount", money(b.monthly_amount), b.provisional, _first_step(b)),
            _detail("qualifying", label(f"qualifying.{b.qualifying}")),
        ],
        tables=_payee_tables(b.payees, b.schedule),
        summary=summary,
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
        series=_series(b.payees, b.schedule),
    )


@presenter(Funeral)
def _funeral(b: Funeral, result: Result) -> BenefitView:
    rows = [_amount("total", money(b.total), b.provisional, _first_step(b)), _detail("cap", money(b.cap))]
    summary = [label("one_payment")]
    if b.expenses is not None:
        rows.append(_detail("expenses", money(b.expenses)))
        summary.append(label("funeral_how", expenses=money(b.expenses)["en"], cap=money(b.cap)["en"]))
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.once", amount=money(b.total)["en"]),
        rows=rows,
        summary=summary,
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
    )


@presenter(InvalidityPension)
def _invalidity_pension(b: InvalidityPension, result: Result) -> BenefitView:
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.a_month", amount=money(b.monthly_amount)["en"]),
        rows=[
            _detail("average_monthly_wage", money(b.average_monthly_wage)),
            _detail("rate_percent", percent(b.rate_percent)),
            _amount("monthly_amount", money(b.monthly_amount), b.provisional, _first_step(b)),
            _detail("daily_rate_31", money(b.daily_rate)),
            _detail("qualifying", label(f"qualifying.{b.qualifying}")),
            _detail("contributions", number(b.contributions)),
        ],
        summary=[
            label("pension_how", rate=percent(b.rate_percent)["en"], amw=money(b.average_monthly_wage)["en"])
        ],
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
    )


@presenter(InvalidityGrant)
def _invalidity_grant(b: InvalidityGrant, result: Result) -> BenefitView:
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.once", amount=money(b.total)["en"]),
        rows=[
            _detail("contributions_paid", money(b.contributions_paid)),
            _detail("interest", money(b.interest)),
            _amount("total", money(b.total), b.provisional, _first_step(b)),
        ],
        summary=[label("one_payment")],
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
    )


@presenter(Info)
def _info(b: Info, result: Result) -> BenefitView:
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.in_kind"),
        rows=[Row(same(""), c, "note") for c in b.conditions],
        summary=[label("on_application")],
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
        in_kind=True,
    )
