"""The answer a claimant reads first: one plain sentence per figure (how much, how often, from when, until when).

``answer_for`` turns a benefit record into its sentences; :func:`estimator.present.present` puts them on the
benefit's view as ``answer``, so the paper's first page, the screen's answer card and the CLI's text say the same
thing.  A shared pension tells each payee's whole story, one line per amount (from when, until when, why it
changes); a provisional figure carries its † and a plain line says what is uncertain and which way it could move.

Line conventions (every renderer draws them as they are): a line that starts with :data:`SUB` is a detail of the
line above (a payee's period); a line that starts with ``†`` is the note of a provisional figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from estimator.engine.i18n import LANGS, Text
from estimator.model.result import (
    CAA,
    PDB,
    TDB,
    BenefitRecord,
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
from estimator.model.result_schemes import DisablementLumpSum, HousewifeSurvivors, MorbidAllowance
from estimator.present.format import day, label, local_dates, money, number, percent
from estimator.present.uncertain import uncertain_lines

SUB = "\u2013 "  # a detail line (a payee's period)
DAGGER_MARK = " \u2020"  # after a provisional figure


def _join(*parts: Text) -> Text:
    return {lang: " ".join(p[lang] for p in parts if p[lang]) for lang in LANGS}


def _blank() -> Text:
    return {lang: "" for lang in LANGS}


def _mark(b: BenefitRecord) -> str:
    return DAGGER_MARK if b.provisional else ""


def _pension_start(result: Result) -> date:
    """The first day of a pension after leave: the day after the temporary disablement benefit ends."""
    for b in result.benefits:
        if isinstance(b, TDB):
            return b.last_day + timedelta(days=1)
    return result.event_date


def _tdb(b: TDB, result: Result) -> list[Text]:
    return [
        label(
            "answer.tdb",
            amount=money(b.total)["en"] + _mark(b),
            days=b.days,
            first=day(b.first_day)["en"],
            last=day(b.last_day)["en"],
        )
    ]


def _break_even(age: Decimal | None) -> Text:
    if age is None:
        return label("answer.no_break_even")
    return label("answer.break_even", age=number(age.to_integral_value())["en"])


COMPULSORY_LUMP_UP_TO = 20  # percent: a loss this small is paid as one lump sum (the options say which)


def lump_only(b: PDB) -> bool:
    """Whether the law pays this permanent disablement benefit as one lump sum (no monthly payments)."""
    whole = any(o.monthly_amount == 0 and o.kind == "lump_sum" for o in b.options)
    return whole and b.loss_of_earning_capacity_percent <= COMPULSORY_LUMP_UP_TO


def _pdb(b: PDB, result: Result) -> list[Text]:
    start = day(_pension_start(result))["en"]
    lec = percent(b.loss_of_earning_capacity_percent)["en"]
    mark = _mark(b)
    out: list[Text] = []
    if lump_only(b):
        o = next(o for o in b.options if o.monthly_amount == 0 and o.kind == "lump_sum")
        out.append(label("answer.pdb_lump", amount=money(o.lump_sum)["en"] + mark, lec=lec))
        out.append(label("answer.pdb_lump_why", monthly=money(b.monthly_amount)["en"], start=start))
        return out
    out.append(label("answer.pdb_monthly", amount=money(b.monthly_amount)["en"] + mark, start=start, lec=lec))
    for o in b.options:
        if o.monthly_amount == 0:
            lump = label("answer.lump_option", lump=money(o.lump_sum)["en"] + mark)
        else:
            lump = label(
                "answer.commute_option",
                lump=money(o.lump_sum)["en"] + mark,
                monthly=money(o.monthly_amount)["en"] + mark,
            )
        out.append(_join(lump, _break_even(o.break_even_age)))
    return out


def _caa(b: CAA, result: Result) -> list[Text]:
    return [label("answer.caa", amount=money(b.monthly_amount)["en"] + _mark(b))]


# ---------------------------------------------------------------------------------------------- shared pensions
def _name(p: Payee) -> Text:
    return {lang: p.name for lang in LANGS} if p.name else label("dep_unnamed", n=p.index + 1)


def _who(p: Payee) -> Text:
    name, rel = _name(p), label(f"rel.{p.relationship}")
    return {lang: f"{name[lang]} ({rel[lang].lower()})" for lang in LANGS}


def _end_reason(p: Payee) -> Text:
    """Why a payee's share ends, as a clause: dates written DD/MM/YYYY, no closing full stop."""
    text = local_dates(p.end_reason)
    out: Text = {}
    for lang in LANGS:
        value = (text.get(lang) or "").strip().rstrip(".")
        out[lang] = value[:1].lower() + value[1:] if value else ""
    return out


def payee_line(p: Payee) -> Text:
    """One payee in one line (name, relationship, amount, from, until): the short form."""
    if p.ends_on is None:
        tail = label("answer.payee_open", amount=money(p.monthly_amount)["en"], start=day(p.starts_on)["en"])
    else:
        tail = label(
            "answer.payee_until",
            amount=money(p.monthly_amount)["en"],
            start=day(p.starts_on)["en"],
            until=day(p.ends_on)["en"],
        )
    who, reason = _who(p), _end_reason(p)
    return {
        lang: f"{who[lang]}: {tail[lang]}" + (f" ({reason[lang]})" if reason[lang] else "") for lang in LANGS
    }


Segment = tuple[date, int, date | None, Decimal]  # first day, index of its period, last day, monthly amount


def _segments(payee: Payee, schedule: Sequence[SchedulePeriod]) -> list[Segment]:
    """The payee's payments, periods of the same amount joined; without a schedule, the payee's own dates."""
    out: list[Segment] = []
    for at, period in enumerate(schedule):
        share = next((pp for pp in period.payees if pp.index == payee.index), None)
        if share is None:
            continue
        if out and out[-1][3] == share.monthly_amount:
            out[-1] = (out[-1][0], out[-1][1], period.end, share.monthly_amount)
        else:
            out.append((period.start, at, period.end, share.monthly_amount))
    return out or [(payee.starts_on, -1, payee.ends_on, payee.monthly_amount)]


def _change_reason(at: int, schedule: Sequence[SchedulePeriod], names: dict[int, Text]) -> Text:
    """Why the amounts change at period ``at``: whose share ended the day before (else the schedule's words)."""
    if at <= 0:
        return _blank()
    before = {pp.index for pp in schedule[at - 1].payees}
    now = {pp.index for pp in schedule[at].payees}
    gone = [names[i] for i in sorted(before - now) if i in names]
    if gone:
        joiner = label("answer.and")
        who = {lang: joiner[lang].join(g[lang] for g in gone) for lang in LANGS}
        return {lang: label("answer.when_share_ends", who=who[lang])[lang] for lang in LANGS}
    reason = local_dates(schedule[at].reason)
    return {lang: (reason.get(lang) or "").strip().rstrip(".") for lang in LANGS}


def _payee_story(
    payee: Payee, schedule: Sequence[SchedulePeriod], names: dict[int, Text], mark: str
) -> list[Text]:
    """The payee's story: one line when the amount never changes, else the name, then one line per amount
    (from when, until when, why it changes)."""
    segments = _segments(payee, schedule)
    lines: list[Text] = []
    for i, (start, at, end, amount) in enumerate(segments):
        why = _change_reason(at, schedule, names) if i else _blank()
        line: Text = {}
        for lang in LANGS:
            args = {"start": day(start)["en"], "amount": money(amount)["en"] + mark, "why": why[lang]}
            line[lang] = label("answer.period_from_why" if why[lang] else "answer.period_from", **args)[lang]
        tail = (
            label("answer.period_open") if end is None else label("answer.period_until", until=day(end)["en"])
        )
        reason = _end_reason(payee) if i == len(segments) - 1 else _blank()
        for lang in LANGS:
            line[lang] += tail[lang] + (f" \u2014 {reason[lang]}" if reason[lang] else "") + "."
        lines.append(line)
    who = _who(payee)
    if len(lines) == 1:  # "Aiman (child): from 03/11/2025: RM830.10 a month, until ..."
        return [{lang: f"{who[lang]}: {lines[0][lang]}" for lang in LANGS}]
    return [
        {lang: f"{who[lang]}:" for lang in LANGS},
        *({lang: SUB + v for lang, v in ln.items()} for ln in lines),
    ]


def _shared(
    amount: Decimal, payees: Sequence[Payee], schedule: Sequence[SchedulePeriod], key: str, provisional: bool
) -> list[Text]:
    mark = DAGGER_MARK if provisional else ""
    out = [label(key, amount=money(amount)["en"] + mark, n=len(payees))]
    names = {p.index: _name(p) for p in payees}
    for p in payees:
        out += _payee_story(p, schedule, names, mark)
    return out


def _dependants(b: Dependants, result: Result) -> list[Text]:
    if not b.payees:
        return [label("answer.no_payees")]
    return _shared(b.monthly_amount, b.payees, b.schedule, "answer.dependants", b.provisional)


def _survivors(b: SurvivorsPension | HousewifeSurvivors, result: Result) -> list[Text]:
    if not b.payees:
        return [label("answer.pension", amount=money(b.monthly_amount)["en"] + _mark(b))]
    return _shared(b.monthly_amount, b.payees, b.schedule, "answer.survivors", b.provisional)


# ---------------------------------------------------------------------------------------------- funeral
def _spouse(result: Result) -> Payee | None:
    """The widow or widower among the payees of the result's pensions, if any."""
    for b in result.benefits:
        for p in getattr(b, "payees", None) or []:
            if isinstance(p, Payee) and p.relationship == "spouse":
                return p
    return None


def _funeral(b: Funeral, result: Result) -> list[Text]:
    out = [label("answer.funeral", amount=money(b.total)["en"] + _mark(b))]
    spouse = _spouse(result)
    if spouse is not None:
        out.append(label("answer.funeral_spouse", name=_name(spouse)["en"]))
    else:
        out.append(label("answer.funeral_order"))
    return out


# ---------------------------------------------------------------------------------------------- the others
def _invalidity_pension(b: InvalidityPension, result: Result) -> list[Text]:
    return [label("answer.invalidity_pension", amount=money(b.monthly_amount)["en"] + _mark(b))]


def _invalidity_grant(b: InvalidityGrant, result: Result) -> list[Text]:
    return [label("answer.once", amount=money(b.total)["en"] + _mark(b))]


def _sksr_lump(b: DisablementLumpSum, result: Result) -> list[Text]:
    lec = percent(b.loss_of_earning_capacity_percent)["en"]
    return [label("answer.sksr_lump", amount=money(b.total)["en"] + _mark(b), lec=lec)]


def _morbid(b: MorbidAllowance, result: Result) -> list[Text]:
    return [
        label(
            "answer.morbid",
            amount=money(b.monthly_amount)["en"] + _mark(b),
            start=day(b.starts_on)["en"],
            until=day(b.ends_on)["en"],
        )
    ]


def _info(b: Info, result: Result) -> list[Text]:
    return [label("answer.in_kind")]


_ANSWERS: dict[type[BenefitRecord], Callable[[BenefitRecord, Result], list[Text]]] = {
    TDB: _tdb,  # type: ignore[dict-item]
    PDB: _pdb,  # type: ignore[dict-item]
    CAA: _caa,  # type: ignore[dict-item]
    Dependants: _dependants,  # type: ignore[dict-item]
    SurvivorsPension: _survivors,  # type: ignore[dict-item]
    HousewifeSurvivors: _survivors,  # type: ignore[dict-item]
    Funeral: _funeral,  # type: ignore[dict-item]
    InvalidityPension: _invalidity_pension,  # type: ignore[dict-item]
    InvalidityGrant: _invalidity_grant,  # type: ignore[dict-item]
    DisablementLumpSum: _sksr_lump,  # type: ignore[dict-item]
    MorbidAllowance: _morbid,  # type: ignore[dict-item]
    Info: _info,  # type: ignore[dict-item]
}


def answer_for(benefit: BenefitRecord, result: Result) -> list[Text]:
    """The plain sentences of one benefit (empty for a benefit this module does not know); a provisional
    benefit ends with one ``†`` line per uncertain value: what is uncertain and which way it could move."""
    for cls in type(benefit).__mro__:
        fn = _ANSWERS.get(cls)
        if fn is not None:
            lines = fn(benefit, result)
            if benefit.provisional:
                lines += uncertain_lines(benefit, result)
            return lines
    return []
