"""The comparison on paper, built like the summary: the header with the date prepared, the estimate banner,
the scenarios side by side (the rows of :func:`estimator.present.compare.comparison_table`, differing rows
shaded, provisional figures marked †), "page x of y" and clean metadata; then each scenario's working for the
office (every step: its title and the formula with the numbers put in).  en, ms or both.

Scenarios are labelled as the user named them, else "Scenario A", "Scenario B" (never by file name)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, TableStyle

from estimator.engine.i18n import Text
from estimator.model.comparison import Comparison, Scenario
from estimator.model.fileio import atomic_write_bytes
from estimator.present.compare import NONE, ZERO, CompareRow, comparison_table
from estimator.present.result import clean_note
from estimator.render.pdf.canvas import MARGIN_X, PageDecor, a4_document, make_canvas
from estimator.render.pdf.cells import Block, RunLine, TextCell
from estimator.render.pdf.cells import SummaryTable as Table
from estimator.render.pdf.fonts import BOLD, REGULAR, register_fonts
from estimator.render.pdf.styles import AMBER_BG, GRID, INK, LIGHT, NAVY, RED, banner_style
from estimator.render.pdf.text import Lx, app_version, day

WIDTH = A4[0] - 2 * MARGIN_X
BANNER_INK = colors.HexColor("#7a4b00")
_DEFAULT_LABEL = re.compile(r"^(?:Scenario|Senario) ([A-D])$")
_TITLE: Text = {"en": "Comparing scenarios", "ms": "Perbandingan senario"}
_SHADED: Text = {
    "en": "Shaded: the figure differs between scenarios. † a figure that may change (see each scenario's notes).",
    "ms": "Berlorek: angka berbeza antara senario. † angka yang belum muktamad (lihat nota setiap senario).",
}
_PROVISIONAL: Text = {
    "en": "Figures marked † may change: what is not yet confirmed is listed after each scenario's working.",
    "ms": "Angka bertanda † belum muktamad: perkara yang belum disahkan disenaraikan selepas pengiraan setiap senario.",
}
_WORKING: Text = {"en": "Working (office): {label}", "ms": "Pengiraan (pejabat): {label}"}


def scenario_label(label: str, lx: Lx) -> str:
    """The user's label as typed; a default "Scenario A" in the paper's language(s)."""
    found = _DEFAULT_LABEL.match(label.strip())
    if found is None:
        return label.strip()
    return lx.plain({"en": f"Scenario {found.group(1)}", "ms": f"Senario {found.group(1)}"})


def _provisional(row: CompareRow, scenario: Scenario) -> bool:
    """Whether the scenario's figure on this row rests on an unconfirmed rule."""
    parts = row.path.split(".")
    if parts[0] == "benefits" and len(parts) > 1:
        return any(b.code == parts[1] and b.provisional for b in scenario.result.benefits)
    if parts[0].startswith("totals"):
        return scenario.result.provisional
    return False


def _cell(text: str, lx: Lx, *, bold: bool = False, right: bool = False, mark: bool = False) -> TextCell:
    return TextCell(
        [Block(text, BOLD if bold else REGULAR, 8, INK, mark)], align="RIGHT" if right else "LEFT"
    )


def _header(lx: Lx, prepared: date, provisional: bool) -> list[Flowable]:
    title = RunLine([Block(lx.plain(_TITLE), BOLD, 15, NAVY)], space_after=2)
    meta = TextCell([Block(f"{lx.kp('generated_on')}: {day(prepared)}", REGULAR, 9, INK)], space_after=4)
    lines = [Block(lx.kp("estimate_banner"), BOLD, 9, BANNER_INK)]
    if provisional:
        lines.append(Block(f"\u2020 {lx.plain(_PROVISIONAL)}", REGULAR, 8.5, RED))
    banner = Table([[TextCell(lines)]], colWidths=[WIDTH])
    banner.setStyle(banner_style())
    return [title, meta, banner, Spacer(1, 4 * mm)]


def _labels(comparison: Comparison, lx: Lx, given: bool) -> list[str]:
    """The user's labels as typed, else "Scenario A", "Scenario B" in the paper's language(s)."""
    if given:
        return [scenario_label(s.label, lx) for s in comparison.scenarios]
    return [scenario_label(f"Scenario {chr(ord('A') + i)}", lx) for i in range(len(comparison.scenarios))]


def _grid(comparison: Comparison, lx: Lx, labels: list[str]) -> Table:
    table = comparison_table(comparison)
    scenarios = comparison.scenarios
    data: list[list[Flowable | str]] = [[""] + [_cell(x, lx, bold=True, right=True) for x in labels]]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for i, row in enumerate(table.rows, start=1):
        name = TextCell([Block(lx.plain(row.label), BOLD if row.kind != "detail" else REGULAR, 7.5, INK)])
        cells: list[Flowable | str] = [name]
        for j, value in enumerate(row.values):
            shown = lx.plain(row.texts[j]) if row.texts else (NONE if value == ZERO else value)
            mark = value not in ("", NONE) and _provisional(row, scenarios[j])
            cells.append(_cell(shown, lx, bold=row.kind == "total", right=True, mark=mark))
        data.append(cells)
        if row.kind == "heading":
            style.append(("BACKGROUND", (0, i), (-1, i), LIGHT))
        elif row.differs:
            style.append(("BACKGROUND", (1, i), (-1, i), AMBER_BG))
    first = 62 * mm
    columns = [first] + [(WIDTH - first) / max(len(labels), 1)] * len(labels)
    grid = Table(data, colWidths=columns, repeatRows=1, hAlign="LEFT")
    grid.setStyle(TableStyle(style))
    return grid


def comparison_pdf_bytes(
    comparison: Comparison, lang: str = "en", prepared_on: date | None = None, labels_given: bool = True
) -> bytes:
    """The comparison as PDF bytes; ``prepared_on``: the date prepared (the caller passes today);
    ``labels_given``: the scenarios' labels are the user's (else they are file names: "Scenario A" is printed)."""
    register_fonts()
    lx = Lx(lang)
    labels = _labels(comparison, lx, labels_given)
    prepared = prepared_on or date.today()
    provisional = any(s.result.provisional for s in comparison.scenarios)
    table = comparison_table(comparison)
    story: list[Flowable] = [
        *_header(lx, prepared, provisional),
        _grid(comparison, lx, labels),
        Spacer(1, 3 * mm),
    ]
    small = [Block(lx.plain(table.footnote), REGULAR, 7.5, INK), Block(lx.plain(_SHADED), REGULAR, 7.5, INK)]
    story.append(TextCell(small))
    for scenario, name in zip(comparison.scenarios, labels, strict=True):
        story += [PageBreak(), RunLine([Block(lx.plain(_working(name)), BOLD, 11, NAVY)], space_after=4)]
        for step in scenario.result.steps:
            story.append(TextCell([Block(lx.plain(step.title), BOLD, 7.5, INK)], space_before=3))
            story.append(TextCell([Block(lx.plain(step.substituted), REGULAR, 7.3, INK)]))
        for note in scenario.result.provisional_notes:
            story.append(
                TextCell([Block(f"\u2020 {lx.plain(clean_note(note))}", REGULAR, 7.3, RED)], space_before=3)
            )
    decor = PageDecor(
        lx=lx,
        running_head=lx.plain(_TITLE),
        office=lx.kp("office_default"),
        footer_left=lx.kp("footer_estimate"),
        footer_left2=f"Faedah {app_version()}",
        pdf_date=f"D:{prepared:%Y%m%d}000000",
    )
    buffer = io.BytesIO()
    doc = a4_document(buffer, lx, title=lx.plain(_TITLE), author="Faedah", subject=lx.plain(_TITLE))
    doc.build(story, canvasmaker=make_canvas(decor))
    return buffer.getvalue()


def _working(name: str) -> Text:
    return {lang: text.format(label=name) for lang, text in _WORKING.items()}


def write_comparison_pdf(
    comparison: Comparison,
    path: str | Path,
    lang: str = "en",
    prepared_on: date | None = None,
    labels_given: bool = True,
) -> Path:
    return atomic_write_bytes(
        path, comparison_pdf_bytes(comparison, lang, prepared_on, labels_given), backup=False
    )  # derived: no .bak
