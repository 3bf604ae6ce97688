"""The claimant's paper, read back from the PDF text (pypdf) for every sample in en, ms and both.

Page 1 gives every benefit's amount; "What to do next" follows within the first two pages with the deadlines
counted from the case dates; no ISO date is printed in the claimant's part; the office's part starts on a new
page (page 2 or 3 at the latest).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import pypdf
import pytest

from estimator import estimate, parse_case
from estimator.engine.trace import malaysian_date
from estimator.law.next_steps import next_steps_for
from estimator.model.case import Case
from estimator.model.result import Result
from estimator.present import present_result
from estimator.render.pdf import pdf_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p.stem for p in (ROOT / "samples").glob("*.json"))
LANGS = ("en", "ms", "both")
ON = date(2026, 1, 5)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
OFFICE_HEADINGS = ("For the office: how this was calculated", "Untuk pejabat: bagaimana ini dikira")
NEXT_HEADINGS = ("What to do next", "Langkah seterusnya")
AMOUNT = re.compile(r"RM[\d,]+\.\d\d")


def flat(text: str) -> str:
    return " ".join(text.split())


@cache
def sample(name: str) -> tuple[Result, Case]:
    case = parse_case(json.loads((ROOT / "samples" / f"{name}.json").read_text(encoding="utf-8")))
    return estimate(case), case


@cache
def pages(name: str, lang: str) -> list[str]:
    result, case = sample(name)
    data = pdf_bytes(
        result,
        case,
        lang=lang,
        office_name="PERKESO Pejabat Kuala Lumpur",
        office_address="Menara PERKESO, 281 Jalan Ampang\n50538 Kuala Lumpur",
        generated_on=ON,
    )
    return [flat(p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def office_page(texts: list[str]) -> int:
    """The 1-based page where the office's part starts."""
    for number, text in enumerate(texts, start=1):
        if any(h in text for h in OFFICE_HEADINGS):
            return number
    raise AssertionError("no office part")


CASES = [(name, lang) for name in SAMPLES for lang in LANGS]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_every_amount_on_page_one(name: str, lang: str) -> None:
    result, _ = sample(name)
    first = pages(name, lang)[0]
    for view in present_result(result).money_benefits:
        for amount in AMOUNT.findall(view.headline["en"]):
            assert amount in first, (view.code, amount)
        assert AMOUNT.findall(view.answer[0]["en"])[0] in first
    primary = "ms" if lang == "both" else lang
    assert flat(result.disclaimer[primary])[:60] in first  # the disclaimer stays on page 1


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_next_steps_and_deadline_within_two_pages(name: str, lang: str) -> None:
    result, case = sample(name)
    claimant = " ".join(pages(name, lang)[:2])
    assert any(h in claimant for h in NEXT_HEADINGS)
    for step in next_steps_for(case, result.benefits):
        if step.deadline is not None:
            assert malaysian_date(step.deadline) in claimant


def test_a_deadline_is_counted_from_the_last_day_of_leave() -> None:
    result, case = sample("pdb_partial_commuting")
    deadlines = {s.code: s.deadline for s in next_steps_for(case, result.benefits)}
    assert deadlines["TDB"] == deadlines["PDB"] == date(2026, 4, 13)  # leave ends 13/04/2025
    assert "13/04/2026" in " ".join(pages("pdb_partial_commuting", "en")[:2])


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_office_part_on_a_new_page_and_no_iso_dates_before_it(name: str, lang: str) -> None:
    texts = pages(name, lang)
    start = office_page(texts)
    assert 2 <= start <= 3
    claimant = " ".join(texts[: start - 1])
    assert not ISO.findall(claimant)
    assert not any(h in claimant for h in OFFICE_HEADINGS)
    # the page where the office's part starts begins with it (nothing of the claimant's part is carried over)
    body = texts[start - 1]
    heading_at = min(body.find(h) for h in OFFICE_HEADINGS if h in body)
    assert not any(h in body[:heading_at] for h in NEXT_HEADINGS)


def test_header_says_prepared_by_the_office_and_no_empty_reference() -> None:
    first = pages("tdb_work_accident", "en")[0]
    assert "Prepared by PERKESO Pejabat Kuala Lumpur" in first
    assert "not given" not in first


@pytest.mark.parametrize("lang", LANGS)
def test_chinese_and_tamil_names_print_as_text(lang: str) -> None:
    data = json.loads((ROOT / "samples" / "death_four_dependants.json").read_text(encoding="utf-8"))
    data["claimant_name"] = "陈亚九 Tan Ah Kow"
    data["dependants"][1]["name"] = "முருகன் Murugan"
    case = parse_case(data)
    pdf = pdf_bytes(estimate(case), case, lang=lang, generated_on=ON)
    first = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or ""
    assert "陈亚九" in first
    assert "முருகன்" in first  # shaped (HarfBuzz), and still read back as its letters


def test_fonts_are_bundled_and_subset_embedded() -> None:
    from estimator.render.pdf.fonts import drawable

    fonts = ROOT / "resources" / "fonts"
    for name in ("DroidSansFallbackFull.ttf", "NotoSansTamil-Regular.ttf", "LICENSE-NotoSansTamil.txt"):
        assert (fonts / name).is_file()
    assert drawable("陈亚九 முருகன் Ahmad bin Ali")
    assert not drawable("김민준")  # Hangul: no bundled face, so it must be refused, not printed as boxes
    data = json.loads((ROOT / "samples" / "tdb_work_accident.json").read_text(encoding="utf-8"))
    data["claimant_name"] = "陈亚九"
    case = parse_case(data)
    assert len(pdf_bytes(estimate(case), case, generated_on=ON)) < 400_000  # a subset, not the 4 MB face


def test_next_steps_file_is_validated(tmp_path: Path) -> None:
    from estimator.engine.rules import RulePackError
    from estimator.engine.rules.next_steps import load_next_steps

    good = json.loads((ROOT / "resources" / "rules" / "next_steps.json").read_text(encoding="utf-8"))
    assert load_next_steps().benefits["TDB"].deadline_count == 12
    bad = dict(good, benefits={"TDB": dict(good["benefits"]["TDB"], source="")})
    path = tmp_path / "next_steps.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(RulePackError, match="source"):
        load_next_steps(path)
    weak = load_next_steps().benefits["DEPENDANTS"]
    assert weak.weak  # the death-claim documents come from an older unofficial list: printed as such


GLOSSARY_SAMPLES = ("pdb_partial_commuting", "pdb_lump_sum", "invalidity_pension", "death_four_dependants")


@pytest.mark.parametrize("lang", ("en", "ms"))
@pytest.mark.parametrize("name", GLOSSARY_SAMPLES)
def test_screen_and_paper_print_the_same_glossary_terms(name: str, lang: str) -> None:
    """Every glossary term the answer uses is printed with the glossary's word on the screen and on paper."""
    from estimator.present.glossary import answer_texts, terms_used
    from ui import text as ui_text
    from ui.results.html import answer_card_html

    result, case = sample(name)
    view = present_result(result.model_copy(update={"next_steps": next_steps_for(case, result.benefits)}))
    used = terms_used(answer_texts(view))
    previous = ui_text.lang()
    ui_text.set_lang(lang)
    try:
        screen = flat(answer_card_html(view)).casefold()
    finally:
        ui_text.set_lang(previous)
    paper = " ".join(pages(name, lang)[:2]).casefold()
    for term in used:
        word = term.term[lang].casefold()
        assert word in screen and word in paper, (term.key, lang)


def test_no_catalogue_text_uses_a_form_the_glossary_avoids() -> None:
    from estimator.present.glossary import glossary

    for catalogue in ("present.json", "report.json"):
        data = json.loads((ROOT / "resources" / "i18n" / catalogue).read_text(encoding="utf-8"))
        malay = " ".join(v["ms"] for k, v in data.items() if not k.startswith("_")).casefold()
        for term in glossary():
            for form in term.avoid:
                assert not re.search(rf"\b{re.escape(form.casefold())}\b", malay), (catalogue, term.key, form)
    next_steps = (ROOT / "resources" / "rules" / "next_steps.json").read_text(encoding="utf-8").casefold()
    for term in glossary():
        assert not any(form.casefold() in next_steps for form in term.avoid), term.key
    assert all(term.source for term in glossary())


def test_screen_answer_card_matches_page_one() -> None:
    from ui.results.html import benefits_html

    result, case = sample("death_four_dependants")
    view = present_result(result.model_copy(update={"next_steps": next_steps_for(case, result.benefits)}))
    screen = flat(benefits_html(view))
    first = pages("death_four_dependants", "en")[0]
    assert screen.index("Your answer") < screen.index("Dependants")
    for b in view.money_benefits:
        assert flat(b.answer[0]["en"]) in screen and flat(b.answer[0]["en"]) in first
    assert "What to do next" in screen


def test_claimant_only_option_leaves_out_the_office_part() -> None:
    from reportlab.platypus import PageBreak

    from estimator.render.pdf.builder import ReportOptions
    from estimator.render.pdf.document import SummaryBuilder
    from estimator.render.pdf.fonts import register_fonts

    register_fonts()
    result, case = sample("pdb_partial_commuting")
    full = SummaryBuilder(result, case, ReportOptions()).story()
    alone = SummaryBuilder(result, case, ReportOptions(claimant_only=True)).story()
    assert any(isinstance(f, PageBreak) for f in full)
    assert not any(isinstance(f, PageBreak) for f in alone)
    assert len(alone) < len(full)


def test_the_claimant_part_alone(tmp_path: Path) -> None:
    """`faedah estimate CASE --pdf OUT --claimant-only`: the answer and the next steps, no office appendix."""
    from estimator.cli.main import main

    out = tmp_path / "claimant.pdf"
    assert (
        main(
            [
                "estimate",
                str(ROOT / "samples" / "death_four_dependants.json"),
                "--pdf",
                str(out),
                "--claimant-only",
            ]
        )
        == 0
    )
    text = " ".join(page.extract_text() or "" for page in pypdf.PdfReader(str(out)).pages)
    assert any(h in flat(text) for h in NEXT_HEADINGS)
    assert not any(h in flat(text) for h in OFFICE_HEADINGS)
