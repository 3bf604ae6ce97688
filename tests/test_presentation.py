"""A new benefit needs a model class, a law, its registration and a presenter: no renderer changes.

A toy benefit ("TOY") is paid by a toy law registered for the tdb sample's scheme and outcome; its presenter
declares a headline and two rows; the text, the PDF and the results screen all show them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pypdf
import pytest

from estimator import estimate, read_case_file
from estimator.engine.i18n import same
from estimator.law import registry, schemes
from estimator.law.context import Ctx
from estimator.model.record import Money
from estimator.model.result import BenefitRecord, Result
from estimator.present import BenefitView, Row, present, presenter, unregister
from estimator.render.pdf import pdf_bytes
from estimator.render.text import render_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tdb_work_accident.json"


class ToyBenefit(BenefitRecord):
    code: Literal["TOY"] = "TOY"
    monthly_amount: Money
    weeks: int


def toy_law(ctx: Ctx) -> BenefitRecord:
    return ToyBenefit(
        title={"en": "Toy allowance", "ms": "Elaun mainan"}, monthly_amount=Decimal("123.45"), weeks=7
    )


def toy_view(b: ToyBenefit, result: Result) -> BenefitView:
    return BenefitView(
        code=b.code,
        title=b.title,
        headline={
            "en": f"RM{b.monthly_amount:,.2f} a toy month",
            "ms": f"RM{b.monthly_amount:,.2f} sebulan mainan",
        },
        rows=[
            Row({"en": "Toy weeks", "ms": "Minggu mainan"}, same(str(b.weeks))),
            Row({"en": "Toy monthly", "ms": "Bulanan mainan"}, same(f"RM{b.monthly_amount:,.2f}"), "amount"),
        ],
    )


@pytest.fixture
def toy_result(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Result, Any]]:
    case = read_case_file(SAMPLE)
    laws = schemes.laws_for(case.scheme, case.outcome)
    monkeypatch.setattr(registry, "SCHEMES", dict(registry.SCHEMES))  # restored after the test
    schemes.register(case.scheme, case.outcome, [*laws, toy_law])
    presenter(ToyBenefit)(toy_view)
    try:
        yield estimate(case), case
    finally:
        unregister(ToyBenefit)


def test_the_toy_benefit_is_estimated_and_presented(toy_result: tuple[Result, Any]) -> None:
    result, _ = toy_result
    toy = result.benefit("TOY")
    assert isinstance(toy, ToyBenefit)
    assert present(toy, result).headline["en"] == "RM123.45 a toy month"
    assert result.benefit("TDB") is not None  # the scheme's own laws still ran


def test_the_registry_is_restored() -> None:
    case = read_case_file(SAMPLE)
    assert estimate(case).benefit("TOY") is None


@pytest.mark.parametrize("lang", ["en", "ms"])
def test_text_shows_the_toy(toy_result: tuple[Result, Any], lang: str) -> None:
    text = render_text(toy_result[0], lang)
    if lang == "en":
        assert "Toy allowance" in text and "RM123.45 a toy month" in text
        assert "Toy weeks: 7" in text and "Toy monthly: RM123.45" in text
    else:
        assert "Elaun mainan" in text and "RM123.45 sebulan mainan" in text and "Minggu mainan: 7" in text


def test_pdf_shows_the_toy(toy_result: tuple[Result, Any]) -> None:
    result, case = toy_result
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(result, case)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Toy allowance" in text and "RM123.45 a toy month" in text
    assert "Toy weeks" in text and "Toy monthly" in text and "RM123.45" in text


def test_screen_shows_the_toy(toy_result: tuple[Result, Any], qapp: Any) -> None:
    from ui.results import ResultsView

    result, case = toy_result
    view = ResultsView()
    view.render(result, None, case)
    html = view.browser.toHtml()
    assert "Toy allowance" in html and "RM123.45 a toy month" in html
    assert "Toy weeks" in html and "Toy monthly" in html
    view.deleteLater()
