"""The presenters of the Housewives' Social Security Scheme's own benefits (Act 838)."""

from __future__ import annotations

from estimator.model.result import Result
from estimator.model.result_schemes import DisablementLumpSum, HousewifeSurvivors, MorbidAllowance
from estimator.present.answer import payee_line
from estimator.present.benefits import _amount, _detail, _first_step, _payee_tables, _series
from estimator.present.format import day, label, money, percent
from estimator.present.view import BenefitView, presenter


@presenter(DisablementLumpSum)
def _lump_sum(b: DisablementLumpSum, result: Result) -> BenefitView:
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.once", amount=money(b.total)["en"]),
        rows=[
            _detail("lec", percent(b.loss_of_earning_capacity_percent)),
            _detail("sksr_maximum", money(b.maximum)),
            _amount("total", money(b.total), b.provisional, _first_step(b)),
        ],
        summary=[label("one_payment")],
        answer=[
            label(
                "answer.sksr_lump",
                amount=money(b.total)["en"],
                lec=percent(b.loss_of_earning_capacity_percent)["en"],
            )
        ],
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
    )


@presenter(MorbidAllowance)
def _morbid(b: MorbidAllowance, result: Result) -> BenefitView:
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.a_month", amount=money(b.monthly_amount)["en"]),
        rows=[
            _detail("sksr_presumed_income", money(b.presumed_monthly_income)),
            _detail("rate_percent", percent(b.rate_percent)),
            _amount("monthly_amount", money(b.monthly_amount), b.provisional, _first_step(b)),
            _detail(
                "sksr_period",
                {
                    lang: label("from_to", first=day(b.starts_on)[lang], last=day(b.ends_on)[lang])[lang]
                    for lang in ("en", "ms")
                },
            ),
        ],
        summary=[label("monthly_while")],
        answer=[
            label(
                "answer.morbid",
                amount=money(b.monthly_amount)["en"],
                start=day(b.starts_on)["en"],
                until=day(b.ends_on)["en"],
            )
        ],
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
    )


@presenter(HousewifeSurvivors)
def _survivors(b: HousewifeSurvivors, result: Result) -> BenefitView:
    return BenefitView(
        code=b.code,
        title=b.title,
        headline=label("headline.shared", amount=money(b.monthly_amount)["en"], n=len(b.payees)),
        rows=[
            _detail("sksr_presumed_income", money(b.presumed_monthly_income)),
            _detail("rate_percent", percent(b.rate_percent)),
            _amount("monthly_amount", money(b.monthly_amount), b.provisional, _first_step(b)),
        ],
        tables=_payee_tables(b.payees, b.schedule),
        summary=[label("shared_n", n=len(b.payees))],
        answer=[
            label("answer.survivors", amount=money(b.monthly_amount)["en"], n=len(b.payees)),
            *(payee_line(payee) for payee in b.payees),
        ],
        notes=list(b.notes),
        provisional=b.provisional,
        step_ids=list(b.step_ids),
        series=_series(b.payees, b.schedule),
    )
