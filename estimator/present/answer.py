"""The answer a claimant reads first: one plain sentence per figure (how much, how often, from when, until when).

``answer_for`` turns a benefit record into its sentences; :func:`estimator.present.present` puts them on the
benefit's view as ``answer``, so the paper's first page and the screen's answer card say the same thing.
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
    SurvivorsPension,
)
from estimator.present.format import day, label, local_dates, money, number, percent


def _join(*parts: Text) -> Text:
    return {lang: " ".join(p[lang] for p in parts if p[lang]) for lang in LANGS}


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
            amount=money(b.total)["en"],
            days=b.days,
            first=day(b.first_day)["en"],
            last=day(b.last_day)["en"],
        )
    ]


def _break_even(age: Decimal | None) -> Text:
    if age is None:
        return label("answer.no_break_even")
    return label("answer.break_even", age=number(age.to_integral_value())["en"])


def _pdb(b: PDB, result: Result) -> list[Text]:
    start = day(_pension_start(result))["en"]
    lec = percent(b.loss_of_earning_capacity_percent)["en"]
    out: list[Text] = []
    lump_only = [o for o in b.options if o.monthly_amount == 0 and o.kind == "lump_sum"]
    if lump_only and b.loss_of_earning_capacity_percent <= 20:
        o = lump_only[0]
        out.append(label("answer.pdb_lump", amount=money(o.lump_sum)["en"], lec=lec))
        out.append(label("answer.pdb_lump_why", monthly=money(b.monthly_amount)["en"], start=start))
        return out
    out.append(label("answer.pdb_monthly", amount=money(b.monthly_amount)["en"], start=start, lec=lec))
    for o in b.options:
        if o.monthly_amount == 0:
            out.append(
                _join(
                    label("answer.lump_option", lump=money(o.lump_sum)["en"]), _break_even(o.break_even_age)
                )
            )
        else:
            out.append(
                _join(
                    label(
                        "answer.commute_option",
                        lump=money(o.lump_sum)["en"],
                        monthly=money(o.monthly_amount)["en"],
                    ),
                    _break_even(o.break_even_age),
                )
            )
    return out


def _caa(b: CAA, result: Result) -> list[Text]:
    return [label("answer.caa", amount=money(b.monthly_amount)["en"])]


def payee_line(p: Payee) -> Text:
    name = {lang: p.name for lang in LANGS} if p.name else label("dep_unnamed", n=p.index + 1)
    rel = label(f"rel.{p.relationship}")
    who = {lang: f"{name[lang]} ({rel[lang]})" for lang in LANGS}
    if p.ends_on is None:
        tail = label("answer.payee_open", amount=money(p.monthly_amount)["en"], start=day(p.starts_on)["en"])
    else:
        tail = label(
            "answer.payee_until",
            amount=money(p.monthly_amount)["en"],
            start=day(p.starts_on)["en"],
            until=day(p.ends_on)["en"],
        )
    end_reason = local_dates(p.end_reason)
    reason = {lang: f" ({end_reason[lang]})" if end_reason.get(lang) else "" for lang in LANGS}
    return {lang: f"{who[lang]}: {tail[lang]}{reason[lang]}" for lang in LANGS}


def _shared(amount: Decimal, payees: Sequence[Payee], key: str) -> list[Text]:
    out = [label(key, amount=money(amount)["en"], n=len(payees))]
    out += [payee_line(p) for p in payees]
    return out


def _dependants(b: Dependants, result: Result) -> list[Text]:
    if not b.payees:
        return [label("answer.no_payees")]
    return _shared(b.monthly_amount, b.payees, "answer.dependants")


def _survivors(b: SurvivorsPension, result: Result) -> list[Text]:
    if not b.payees:
        return [label("answer.pension", amount=money(b.monthly_amount)["en"])]
    return _shared(b.monthly_amount, b.payees, "answer.survivors")


def _funeral(b: Funeral, result: Result) -> list[Text]:
    return [label("answer.funeral", amount=money(b.total)["en"])]


def _invalidity_pension(b: InvalidityPension, result: Result) -> list[Text]:
    return [label("answer.invalidity_pension", amount=money(b.monthly_amount)["en"])]


def _invalidity_grant(b: InvalidityGrant, result: Result) -> list[Text]:
    return [label("answer.once", amount=money(b.total)["en"])]


def _info(b: Info, result: Result) -> list[Text]:
    return [label("answer.in_kind")]


_ANSWERS: dict[type[BenefitRecord], Callable[[BenefitRecord, Result], list[Text]]] = {
    TDB: _tdb,  # type: ignore[dict-item]
    PDB: _pdb,  # type: ignore[dict-item]
    CAA: _caa,  # type: ignore[dict-item]
    Dependants: _dependants,  # type: ignore[dict-item]
    SurvivorsPension: _survivors,  # type: ignore[dict-item]
    Funeral: _funeral,  # type: ignore[dict-item]
    InvalidityPension: _invalidity_pension,  # type: ignore[dict-item]
    InvalidityGrant: _invalidity_grant,  # type: ignore[dict-item]
    Info: _info,  # type: ignore[dict-item]
}


def answer_for(benefit: BenefitRecord, result: Result) -> list[Text]:
    """The plain sentences of one benefit (empty for a benefit this module does not know)."""
    for cls in type(benefit).__mro__:
        fn = _ANSWERS.get(cls)
        if fn is not None:
            lines = fn(benefit, result)
            if benefit.provisional:
                lines.append(label("answer.provisional"))
            return lines
    return []
