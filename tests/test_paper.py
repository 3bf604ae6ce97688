"""The claimant's paper, read back from the PDF text (pypdf) for every sample in en, ms and both.

Page 1 gives every benefit's amount; "What to do next" follows within the first two pages with the deadlines
counted from the case dates; no ISO date is printed in the claimant's part; the office's part starts on a new
page (page 2 or 3 at the latest).
"""

from __future__ import annotations

import html
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
    """Every benefit's amount is on page 1 (its story, or the amounts at a glance when the stories are long);
    the disclaimer stays on the claimant's pages."""
    result, _ = sample(name)
    texts = pages(name, lang)
    first = texts[0]
    for view in present_result(result).money_benefits:
        for amount in AMOUNT.findall(view.headline["en"]):
            assert amount in first, (view.code, amount)
    primary = "ms" if lang == "both" else lang
    claimant = " ".join(texts[: office_page(texts) - 1])
    assert flat(result.disclaimer[primary])[:60] in claimant


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_next_steps_and_deadline_on_the_claimants_pages(name: str, lang: str) -> None:
    result, case = sample(name)
    texts = pages(name, lang)
    claimant = " ".join(texts[: office_page(texts) - 1])
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
    assert 2 <= start <= (3 if lang != "both" else 5)
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


def test_screen_answer_card_matches_page_one() -> None:
    from ui.results.html import benefits_html

    result, case = sample("death_four_dependants")
    view = present_result(result.model_copy(update={"next_steps": next_steps_for(case, result.benefits)}))
    screen = html.unescape(flat(benefits_html(view)))
    texts = pages("death_four_dependants", "en")
    claimant = " ".join(texts[: office_page(texts) - 1])
    assert screen.index("Your answer") < screen.index("Dependants")
    for b in view.money_benefits:
        for line in b.answer:  # the same story, line by line, on the screen and on paper
            text = flat(line["en"]).removeprefix("\u2013 ")
            assert text in screen and text in claimant, text
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


# ------------------------------------------------------------------------------------------ issue 23, point by point
FRAME = (60.0, 785.0)  # points: the body frame of an A4 page (the running head and the footer are outside)


def sized_text(data: bytes, last_page: int) -> list[tuple[float, str]]:
    """(size in points, text) of every piece of text in the body of pages 1..last_page."""
    out: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and FRAME[0] < y < FRAME[1]:
            out.append((round(size * (tm[3] * cm[3] or 1), 1), text.strip()))

    for page in pypdf.PdfReader(io.BytesIO(data)).pages[:last_page]:
        page.extract_text(visitor_text=visit)
    return out


def claimant_pdf(name: str, lang: str, **options: object) -> tuple[bytes, int]:
    result, case = sample(name)
    data = pdf_bytes(result, case, lang=lang, generated_on=ON, office_name="PERKESO Kuala Lumpur", **options)  # type: ignore[arg-type]
    texts = [flat(p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(data)).pages]
    return data, office_page(texts) - 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("large", "body", "answer"), [(False, 11, 14), (True, 14, 16)])
@pytest.mark.parametrize("name", ("death_four_dependants", "pdb_partial_commuting"))
def test_point1_claimant_type_sizes(name: str, lang: str, large: bool, body: float, answer: float) -> None:
    data, last = claimant_pdf(name, lang, large_print=large)
    pieces = sized_text(data, last)
    assert min(size for size, _ in pieces) >= body, sorted(pieces)[:3]
    result, _ = sample(name)
    amounts = AMOUNT.findall(present_result(result).money_benefits[0].answer[0]["en"])
    assert all(size >= answer for size, text in pieces if amounts[0] in text)


def test_point1_large_print_from_the_cli(tmp_path: Path) -> None:
    from estimator.cli.main import main

    out = tmp_path / "large.pdf"
    args = ["estimate", str(ROOT / "samples" / "tdb_work_accident.json"), "--pdf", str(out)]
    assert main([*args, "--large-print", "--claimant-only"]) == 0
    assert min(size for size, _ in sized_text(out.read_bytes(), 9)) >= 14


def test_point2_each_payee_each_period_and_why() -> None:
    result, _ = sample("death_four_dependants")
    lines = [flat(line["en"]) for line in present_result(result).benefits[0].answer]
    story = " ".join(lines)
    assert "RM1,245.00 † a month from 03/11/2025, until 13/02/2029." in story
    assert "RM1,600.80 † a month from 14/02/2029, when Aiman's share ends, until 29/10/2036." in story
    assert "RM2,241.00 † a month from 30/10/2036, when Aisyah's share ends, with no end date" in story
    assert "RM1,494.00 † a month from 30/10/2036" in story  # a child's share rises too
    texts = pages("death_four_dependants", "en")
    claimant = " ".join(texts[: office_page(texts) - 1])
    for line in lines:
        assert line.removeprefix("\u2013 ") in claimant
    funeral = [b for b in present_result(result).benefits if b.code == "FUNERAL"][0].answer
    assert "first to the widow or widower: Nor Aini binti Hassan" in funeral[1]["en"]


def test_point3_deadlines_judged_against_the_date_prepared() -> None:
    result, case = sample("pdb_partial_commuting")
    with_steps = result.model_copy(update={"next_steps": next_steps_for(case, result.benefits)})
    assert all(s.status is None for s in present_result(with_steps).next_steps)  # no date, no judgement
    late = pdf_bytes(result, case, generated_on=date(2026, 12, 2), claimant_only=True)
    text = flat(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(late)).pages))
    assert "passed on 13/04/2026: claim at once. PERKESO may still accept a late claim with reasons" in text
    assert "(not stated in an official source we could read: ask PERKESO)" in text  # a weak source says so
    assert "98 days left, counted from the date of this paper (05/01/2026)" in " ".join(
        pages("pdb_partial_commuting", "en")[:2]
    )
    from estimator.engine.i18n import tr

    assert "last day to claim" in tr("warn.claim_late", date="x", months=12)["en"]


def test_point4_dagger_on_each_figure_with_a_plain_line_also_claimant_only() -> None:
    result, case = sample("pdb_partial_commuting")
    answer = present_result(result).money_benefits[1].answer
    assert "RM823.50 \u2020" in answer[0]["en"]
    notes = [line for line in answer if line["en"].startswith("\u2020")]
    assert len(notes) == 2 and all("could be" in n["en"] and "mungkin" in n["ms"] for n in notes)
    for note in notes:
        assert not re.search(r"INFERRED|open question|\.md|seed|True", note["en"] + note["ms"])
    alone = pdf_bytes(result, case, generated_on=ON, claimant_only=True)
    text = flat(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(alone)).pages))
    assert flat(notes[0]["en"]) in text and "notes at the end" not in text


def test_point5_how_it_is_paid_what_to_tell_and_if_you_disagree() -> None:
    death = " ".join(pages("death_four_dependants", "en")[:2])
    assert "How it is paid" in death and "What to tell PERKESO" in death and "If you disagree" in death
    assert "marries, finishes the first degree" in death
    assert "remarries" not in death  # the widow keeps her share on remarriage (Act 4 since 2005)
    injury = " ".join(pages("pdb_partial_commuting", "ms")[:2])
    assert "Lembaga Rayuan Perubatan" in injury and "tanya PERKESO" in injury
    assert "Apabila anda kembali bekerja" in injury
    lump = " ".join(pages("pdb_lump_sum", "en")[:2])
    assert "Monthly payments go into" not in lump  # a lump sum only: no monthly payment is described


def test_point6_office_part_dates_sources_version_hash_officer_privacy() -> None:
    texts = pages("death_four_dependants", "en")
    office = " ".join(texts[office_page(texts) - 1 :])
    assert not ISO.findall(office) and not re.search(r"\b20\d\d-(0[1-9]|1[0-2])\b", office)
    for internal in ("sources-2026", "seed", "perkeso-rules", ".md", "3008f32e"):
        assert internal not in office, internal
    assert "Faedah 0." in office and "Date of the claim" in office and "Officer (name, signature)" in office
    assert "23/09/1984" not in office and "09/1984" in office  # a dependant's birth date masked like the IC
    result, case = sample("pdb_partial_commuting")
    manifest = json.loads((ROOT / "resources" / "rules" / "manifest.json").read_text(encoding="utf-8"))
    commuting = flat(" ".join(pages("pdb_partial_commuting", "en")))
    assert manifest["files"]["commutation_provisional.json"] in commuting
    unmasked = pdf_bytes(result, case, generated_on=ON, mask_ic=False)
    text = flat(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(unmasked)).pages))
    assert "shown in full" in text and "printed in full on this paper" in text


def test_point6_tone_of_page_one_and_footers() -> None:
    for name in ("sksr_domestic_injury", "lindung_non_work", "death_four_dependants"):
        texts = pages(name, "en")
        claimant = " ".join(texts[: office_page(texts) - 1])
        assert not re.search(r"\((?:s\.|Act \d)", claimant), name
        assert "SHA-256" not in claimant and "committing" not in claimant
        office = " ".join(texts[office_page(texts) - 1 :])
        assert office.count("SHA-256") <= 2  # the rule pack's and the commutation table's, once
        assert "in kind or on application In kind or on application" not in office
        assert "01/01/1971" not in office


def test_point7_comparison_paper_like_the_others() -> None:
    from estimator.law.compare import compare
    from estimator.model.casefile import read_case_file
    from estimator.render.pdf.compare import comparison_pdf_bytes

    folder = ROOT / "tests" / "golden" / "compare"
    cases = [(p.stem, read_case_file(p)) for p in sorted(folder.glob("lec_*.case"))]
    comparison = compare(cases)
    data = comparison_pdf_bytes(comparison, "ms", prepared_on=ON, labels_given=False)
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = flat(" ".join(p.extract_text() or "" for p in reader.pages))
    for expected in (
        "Perbandingan senario",
        "Tarikh disediakan: 05/01/2026",
        "BUKAN KEPUTUSAN PERKESO",
        "Halaman 1 daripada",
        "Senario A",
        "\u2020",
        "semuanya (20% atau kurang)",
    ):
        assert expected in text, expected
    assert "lec_20" not in text and "RM0.00" not in text and "all of it" not in text
    info = reader.metadata
    assert info is not None and info.title == "Perbandingan senario" and "Faedah" in str(info.producer)
    named = flat(
        pypdf.PdfReader(io.BytesIO(comparison_pdf_bytes(comparison, "en", ON))).pages[0].extract_text()
    )
    assert "lec_20" in named  # labels the user gave are kept


def test_point8_names_in_their_script_everywhere_and_dates_never_split() -> None:
    from estimator.render.pdf.cells import _split
    from estimator.render.pdf.fonts import REGULAR, register_fonts

    data = json.loads((ROOT / "samples" / "death_four_dependants.json").read_text(encoding="utf-8"))
    data["claimant_name"] = "陈亚九陈亚九陈亚九 Tan Ah Kow"
    data["dependants"][1]["name"] = "முருகன் Murugan"
    case = parse_case(data)
    pdf = pdf_bytes(estimate(case), case, lang="en", generated_on=ON)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    second = reader.pages[1]
    assert "陈亚九" in (second.extract_text() or "")  # the running head of page 2 on
    fonts = {str(f.get("/BaseFont")) for f in second["/Resources"]["/Font"].values()}  # type: ignore[union-attr]
    assert any("DroidSans" in f or "Han" in f for f in fonts), fonts
    for number, page in enumerate(reader.pages):
        for line in (page.extract_text() or "").splitlines():
            assert not re.search(r"\d{2}/$|\d{2}/\d{2}/$", line.strip()), line  # "until 13/02/" + "2029"
            if number < 2:  # the claimant's pages (the office's charts label an axis "RM")
                assert not re.search(r"RM[\d,]*$", line.strip()), line
    register_fonts()
    for width in (30, 45, 60):
        lines = [text for text, _ in _split("until 13/02/2029 RM1,600.80 a month", REGULAR, 9, width)]
        assert "13/02/2029" in lines and "RM1,600.80" in lines


def test_glossary_avoid_list_holds_in_every_catalogue() -> None:
    """Screen (ui*.json), paper (report.json, present.json), text and core (core*.json, law_*.json) and the
    comparison's own texts: no Malay form the glossary avoids; 'sementara' is kept for temporary only."""
    from estimator.present import compare as compare_texts
    from estimator.present.glossary import avoided_forms

    found = []
    for path in sorted((ROOT / "resources" / "i18n").glob("*.json")):
        if path.name == "glossary.json":
            continue
        for key, entry in json.loads(path.read_text(encoding="utf-8")).items():
            if not key.startswith("_") and isinstance(entry, dict):
                found += [(path.name, key, form) for form in avoided_forms(entry["en"], entry["ms"])]
    texts = [v for v in vars(compare_texts).values() if isinstance(v, list | dict)]
    pairs = [t for group in texts for t in (group if isinstance(group, list) else [group])]
    for pair in pairs:
        text = pair[1] if isinstance(pair, tuple) else pair
        if isinstance(text, dict) and "ms" in text:
            found += [("present/compare.py", text["en"], f) for f in avoided_forms(text["en"], text["ms"])]
    next_steps = json.loads((ROOT / "resources" / "rules" / "next_steps.json").read_text(encoding="utf-8"))

    def texts_of(node: object) -> list[dict[str, str]]:
        if isinstance(node, dict):
            if isinstance(node.get("ms"), str) and isinstance(node.get("en"), str):
                return [node]
            return [t for v in node.values() for t in texts_of(v)]
        return [t for v in node for t in texts_of(v)] if isinstance(node, list) else []

    for text in texts_of(next_steps):  # the rule pack's claimant texts (documents, deadlines)
        found += [("next_steps.json", text["en"], f) for f in avoided_forms(text["en"], text["ms"])]
    assert not found
    assert avoided_forms("Some figures are provisional", "Angka ini sementara") == ["sementara"]
    assert avoided_forms("Temporary disablement benefit", "Faedah Hilang Upaya Sementara") == []
    assert avoided_forms("x", "pengkomutan") == [] and avoided_forms("x", "dikomut") == ["dikomut"]
