"""The claimant's PDF summary: content (text extracted with pypdf), languages, escaping, masking, atomic writes."""

from __future__ import annotations

import errno
import io
import json
import os
from datetime import date
from pathlib import Path

import pypdf
import pytest

from estimator import estimate, parse_case
from estimator.engine.money import rm
from estimator.engine.trace import malaysian_date
from estimator.model.case import Case, Dependant
from estimator.model.fileio import WriteError
from estimator.model.result import Dependants, Funeral, Result
from estimator.render.pdf import mask_ic, pdf_bytes, write_pdf

from .report_helpers import death_case, death_result, injury_case, injury_result

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ON = date(2026, 1, 5)

# Pages of each sample's summary (A4). They follow the core's record: a change in the steps or texts of a
# sample's Result can change them; check the PNGs (python3 scripts/render_samples.py) and update.
GOLDEN_PAGES = {  # the claimant's part (at most 2 pages in en and ms), then the office's part from a new page
    ("death_four_dependants", "en"): 8,
    ("death_four_dependants", "ms"): 8,
    ("death_four_dependants", "both"): 12,
    ("invalidity_pension", "en"): 7,
    ("invalidity_pension", "both"): 11,
    ("lindung_non_work", "en"): 9,
    ("pdb_lump_sum", "en"): 9,
    ("pdb_partial_commuting", "en"): 9,
    ("tdb_work_accident", "en"): 4,
}


def sample(name: str) -> tuple[Result, Case]:
    case = parse_case(json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8")))
    return estimate(case), case


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text, len(reader.pages)


def flat(text: str) -> str:
    """Whitespace-normalised text (wrapped lines joined)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def death() -> tuple[Result, Case]:
    return sample("death_four_dependants")


@pytest.fixture(scope="module")
def death_en(death: tuple[Result, Case]) -> tuple[str, int]:
    result, case = death
    return pdf_text(pdf_bytes(result, case, lang="en", office_name="PERKESO Kuala Lumpur", generated_on=ON))


# ------------------------------------------------------------------------------------------------ content


def test_key_figures_of_the_death_case(death: tuple[Result, Case], death_en: tuple[str, int]) -> None:
    result, case = death
    text, pages = death_en
    flat_text = flat(text)
    assert "Benefit estimate summary" in text
    assert case.claimant_name in flat_text
    assert "PERKESO Kuala Lumpur" in text
    assert "05/01/2026" in text  # dates read DD/MM/YYYY
    dep = result.benefit("DEPENDANTS")
    assert isinstance(dep, Dependants)
    assert rm(dep.monthly_amount) in text and rm(dep.daily_rate) in text
    for payee in dep.payees:
        assert payee.name in flat_text
        assert rm(payee.monthly_amount) in text
    for period in dep.schedule:
        assert rm(period.monthly_total) in text
        assert malaysian_date(period.start) in text
    funeral = result.benefit("FUNERAL")
    assert isinstance(funeral, Funeral) and rm(funeral.total) in text
    for wm in result.months():  # months read MM/YYYY
        year, month = wm.month.split("-")
        assert f"{month}/{year}" in text and wm.month not in text and rm(wm.assumed_wage) in text
    assert result.average_assumed_monthly_wage is not None
    assert rm(result.average_assumed_monthly_wage) in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_every_step_is_explained_with_its_rules(
    death: tuple[Result, Case], death_en: tuple[str, int]
) -> None:
    result, _ = death
    flat_text = flat(death_en[0])
    for n, step in enumerate(result.steps, start=1):
        assert f"Step {n} {step.title['en']}" in flat_text
        assert flat(step.result["en"]) in flat_text
        for prm in step.params:  # each rule once, in the first step that uses it; a value held since the
            # scheme began says so rather than "in force from 01/01/1971"
            if prm.effective_from.year > 1971:
                assert malaysian_date(prm.effective_from) in flat_text
            assert prm.confidence in flat_text
    assert "01/01/1971" not in flat_text and "since the scheme began" in flat_text


def test_disclaimer_rules_and_hotline(death: tuple[Result, Case], death_en: tuple[str, int]) -> None:
    result, _ = death
    flat_text = flat(death_en[0])
    assert "not PERKESO's decision" in flat_text
    assert "1-300-22-8000" in flat_text
    assert result.rules.version in flat_text
    assert result.rules.sha256 in flat_text


def test_provisional_figures_are_marked_with_the_reason(
    death: tuple[Result, Case], death_en: tuple[str, int]
) -> None:
    result, _ = death
    assert result.provisional and result.provisional_notes
    flat_text = flat(death_en[0])
    assert "\u2020" in flat_text
    assert "Why some figures are provisional" in flat_text
    for note in result.provisional_notes:
        assert flat(note["en"])[:60] in flat_text


def test_no_provisional_mark_when_nothing_is_provisional() -> None:
    result, case = sample("tdb_work_accident")
    assert not result.provisional
    text, _ = pdf_text(pdf_bytes(result, case, generated_on=ON))
    assert "\u2020" not in text


def test_ic_is_masked_by_default_and_shown_on_request(
    death: tuple[Result, Case], death_en: tuple[str, int]
) -> None:
    result, case = death
    text = death_en[0]
    assert "******-**-2468" in text
    assert case.ic_number not in text
    shown, _ = pdf_text(pdf_bytes(result, case, mask_ic=False, generated_on=ON))
    assert case.ic_number in shown


def test_mask_ic_keeps_the_last_four_and_the_separators() -> None:
    assert mask_ic("820511-01-2468") == "******-**-2468"
    assert mask_ic("A1234567") == "****4567"
    assert mask_ic(" 123 ") == "***"
    assert mask_ic("") == ""


def test_malay_summary(death: tuple[Result, Case]) -> None:
    result, case = death
    text, pages = pdf_text(pdf_bytes(result, case, lang="ms", generated_on=ON))
    flat_text = flat(text)
    assert "Ringkasan anggaran faedah" in text
    assert f"Halaman 1 daripada {pages}" in text
    assert "Cara pengiraan dibuat" in text
    assert "Benefit estimate summary" not in text
    assert result.steps[0].title["ms"] in flat_text
    assert result.disclaimer["ms"][:50] in flat_text


def test_both_languages(death: tuple[Result, Case]) -> None:
    result, case = death
    text, pages = pdf_text(pdf_bytes(result, case, lang="both", generated_on=ON))
    flat_text = flat(text)
    assert "Ringkasan anggaran faedah" in text and "Benefit estimate summary" in text
    assert f"Halaman 1 daripada {pages} / Page 1 of {pages}" in text
    assert result.disclaimer["ms"][:50] in flat_text and result.disclaimer["en"][:50] in flat_text
    assert "Tanggungan" in text and "Dependants" in text


def test_unknown_language_is_refused(death: tuple[Result, Case]) -> None:
    result, case = death
    with pytest.raises(ValueError):
        pdf_bytes(result, case, lang="fr")


@pytest.mark.parametrize(("name", "lang"), sorted(GOLDEN_PAGES))
def test_golden_page_counts(name: str, lang: str) -> None:
    result, case = sample(name)
    _, pages = pdf_text(
        pdf_bytes(
            result,
            case,
            lang=lang,
            office_name="PERKESO Kuala Lumpur",
            office_address="Menara PERKESO\n50538 Kuala Lumpur",
            generated_on=ON,
        )
    )
    assert pages == GOLDEN_PAGES[(name, lang)]


def test_same_input_gives_the_same_bytes(death: tuple[Result, Case]) -> None:
    result, case = death
    assert pdf_bytes(result, case, generated_on=ON) == pdf_bytes(result, case, generated_on=ON)


def test_reportlab_settings_are_left_as_they_were(
    death: tuple[Result, Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build's own settings (no ASCII85, Flate at its fastest level) end with the build, also when it fails."""
    from reportlab import rl_config
    from reportlab.pdfbase.pdfdoc import PDFZCompress
    from reportlab.platypus import BaseDocTemplate

    a85 = rl_config.useA85
    result, case = death
    pdf_bytes(result, case, generated_on=ON)
    assert "encode" not in vars(PDFZCompress) and rl_config.useA85 == a85

    def boom(*_: object, **__: object) -> None:
        assert (
            "encode" in vars(PDFZCompress) and not rl_config.useA85
        )  # the build's settings, during the build
        raise RuntimeError("layout failed")

    monkeypatch.setattr(BaseDocTemplate, "build", boom)
    with pytest.raises(RuntimeError):
        pdf_bytes(result, case, generated_on=ON)
    assert "encode" not in vars(PDFZCompress) and rl_config.useA85 == a85


def test_documents_built_at_once_in_two_threads_are_the_ones_built_alone(death: tuple[Result, Case]) -> None:
    """The text written straight as PDF operators is remembered per document: a summary and a comparison built
    at the same time (the comparison takes no build lock) each keep their own fonts' letter codes."""
    from concurrent.futures import ThreadPoolExecutor

    from estimator.law.compare import compare
    from estimator.model.casefile import read_case_file
    from estimator.render.pdf.compare import comparison_pdf_bytes

    folder = Path(__file__).resolve().parent / "golden" / "compare"
    comparison = compare([(p.stem, read_case_file(p)) for p in sorted(folder.glob("lec_*.case"))])
    result, case = death

    def summary() -> bytes:
        return pdf_bytes(result, case, lang="both", generated_on=ON)

    def paper() -> bytes:
        return comparison_pdf_bytes(comparison, "ms", prepared_on=ON)

    def texts(data: bytes) -> list[str]:  # the letters each page reads (a letter code mixed up reads wrong)
        return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]

    alone = (texts(summary()), texts(paper()))
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(3):
            together = pool.submit(summary), pool.submit(paper)
            assert (texts(together[0].result()), texts(together[1].result())) == alone


def test_letters_beyond_a_fonts_first_subset_read_back() -> None:
    """More than 256 different letters in one face: reportlab's second subset, beside the first subset's
    letters written from memory (names in Cyrillic, Greek and extended Latin letters)."""
    letters = [chr(c) for r in ((0x0410, 0x0450), (0x03B1, 0x03CA), (0x0100, 0x017F)) for c in range(*r)]
    words = ["".join(letters[i : i + 8]) for i in range(0, len(letters), 8)]
    names = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]  # 3 names of at most 107 letters
    case = death_case(names[0])
    result = death_result()
    for i, name in enumerate(names[1:], start=1):
        case.dependants[i] = case.dependants[i].model_copy(update={"name": name})
        result.benefits[0].payees[i].name = name  # type: ignore[union-attr]
    data = pdf_bytes(result, case, generated_on=ON)
    flat_text = flat(pdf_text(data)[0])
    for word in words:
        assert word in flat_text, word
    assert b"+1 " in data  # a font's second subset is used


# ------------------------------------------------------------------------------------------------ escaping


def test_user_text_prints_as_typed() -> None:
    case = death_case("A & <B> Ñoño Čeněk Đorđe").model_copy(update={"case_reference": "R&D <7>"})
    case.dependants[1] = Dependant(
        relationship="child", date_of_birth=date(2008, 2, 14), name="<i>Zoë</i> & co"
    )
    result = death_result()
    result.benefits[0].payees[1].name = "<i>Zoë</i> & co"  # type: ignore[union-attr]
    data = pdf_bytes(
        result,
        case,
        office_name="Pejabat <PERKESO> & Co",
        office_address="Jalan 1 & 2\n<Aras 3>",
        generated_on=ON,
    )
    text, _ = pdf_text(data)
    flat_text = flat(text)
    assert "A & <B> Ñoño Čeněk Đorđe" in flat_text
    assert "R&D <7>" in flat_text
    assert "<i>Zoë</i> & co" in flat_text
    assert "Pejabat <PERKESO> & Co" in flat_text
    assert "Jalan 1 & 2" in text and "<Aras 3>" in text


def test_a_long_unbroken_name_and_many_dependants_still_render() -> None:
    case = death_case("X" * 120)
    result = death_result()
    dep = result.benefits[0]
    extra = [
        dep.payees[1].model_copy(update={"index": 10 + i, "name": f"Anak {i}"})  # type: ignore[union-attr]
        for i in range(8)
    ]
    dep.payees += extra  # type: ignore[union-attr]
    first = dep.schedule[0]  # type: ignore[union-attr]
    first.groups[1].indexes += [payee.index for payee in extra]
    text, pages = pdf_text(pdf_bytes(result, case, generated_on=ON))
    assert "Anak 7" in text and pages >= 3


def test_every_kind_of_benefit_renders() -> None:
    text, _ = pdf_text(pdf_bytes(injury_result(), injury_case(), generated_on=ON))
    flat_text = flat(text)
    for figure in (
        "RM2,360.10",
        "RM796.50",
        "RM27,504.90",
        "RM637.20",
        "RM500.00",
        "RM1,475.00",
        "RM1,200.00",
    ):
        assert figure in flat_text
    assert "Lump-sum options" in flat_text and "age 53.4" in flat_text
    assert "Annuity over remaining life expectancy" in flat_text
    assert "Invalidity grant" in flat_text and "Survivors' pension" in flat_text


def test_a_result_without_benefits_says_so() -> None:
    result = death_result()
    result.benefits = []
    result.steps = []
    text, _ = pdf_text(pdf_bytes(result, death_case(), generated_on=ON))
    assert "No benefit is payable" in flat(text)


# ------------------------------------------------------------------------------------------------ writing


def test_write_pdf_writes_a_pdf(tmp_path: Path) -> None:
    out = write_pdf(injury_result(), injury_case(), tmp_path / "summary.pdf", lang="both", generated_on=ON)
    assert out == tmp_path / "summary.pdf"
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


def test_a_failed_build_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from estimator.render.pdf import document

    def boom(self: object) -> list[object]:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(document.SummaryBuilder, "story", boom)
    with pytest.raises(RuntimeError):
        write_pdf(injury_result(), injury_case(), tmp_path / "summary.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr("estimator.model.fileio.os.replace", refuse)
    with pytest.raises(WriteError) as info:
        write_pdf(injury_result(), injury_case(), target)
    assert info.value.message["en"] and info.value.message["ms"]
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


def test_a_folder_without_permission_gives_a_bilingual_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("estimator.model.fileio.tempfile.mkstemp", denied)
    with pytest.raises(WriteError) as info:
        write_pdf(injury_result(), injury_case(), tmp_path / "summary.pdf")
    message = info.value.message
    assert message["en"] != message["ms"] and str(tmp_path / "summary.pdf") in message["en"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs POSIX permissions and a non-root user",
)
def test_a_read_only_folder_gives_write_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError):
            write_pdf(injury_result(), injury_case(), folder / "summary.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
