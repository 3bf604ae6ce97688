"""The comparison on paper: one page with the scenarios side by side (the rows of
:func:`estimator.present.compare.comparison_table`, differing rows shaded), then each scenario's working for the
office (every step: its title and the formula with the numbers put in).  en, ms or both."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from estimator.engine.i18n import Text
from estimator.model.comparison import Comparison
from estimator.model.fileio import atomic_write_bytes
from estimator.present.compare import comparison_table
from estimator.render.pdf.fonts import register_fonts
from estimator.render.pdf.styles import AMBER_BG, GRID, INK, LIGHT, NAVY


def _say(text: Text, lang: str) -> str:
    if lang == "both":
        en, ms = text.get("en", ""), text.get("ms", text.get("en", ""))
        return en if en == ms else f"{en} / {ms}"
    return text.get(lang, text.get("en", ""))


def comparison_pdf_bytes(comparison: Comparison, lang: str = "en") -> bytes:
    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=8, leading=10, textColor=INK)
    small = ParagraphStyle("small", parent=body, fontSize=7, leading=9)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=14, leading=17, textColor=NAVY)
    sub = ParagraphStyle("sub", parent=body, fontName=bold, fontSize=10, leading=13, textColor=NAVY)
    table = comparison_table(comparison)
    title = {"en": "Comparing scenarios", "ms": "Perbandingan senario"}
    story: list = [Paragraph(escape(_say(title, lang)), heading), Spacer(1, 4 * mm)]  # type: ignore[type-arg]
    data = [[""] + [Paragraph(f"<b>{escape(label)}</b>", body) for label in table.labels]]
    style = [
        ("FONT", (0, 0), (-1, -1), regular, 8),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for i, row in enumerate(table.rows, start=1):
        label = escape(_say(row.label, lang))
        data.append([Paragraph(f"<b>{label}</b>" if row.kind != "detail" else label, small), *row.values])
        if row.kind == "heading":
            style.append(("BACKGROUND", (0, i), (-1, i), LIGHT))
        elif row.differs:
            style.append(("BACKGROUND", (1, i), (-1, i), AMBER_BG))
        if row.kind == "total":
            style.append(("FONT", (1, i), (-1, i), bold, 8))
    width = A4[0] - 30 * mm
    first = 62 * mm
    columns = [first] + [(width - first) / max(len(table.labels), 1)] * len(table.labels)
    grid = Table(data, colWidths=columns, repeatRows=1)
    grid.setStyle(TableStyle(style))
    story += [grid, Spacer(1, 3 * mm), Paragraph(escape(_say(table.footnote, lang)), small)]
    marked = {
        "en": "Shaded: the figure differs between scenarios.",
        "ms": "Berlorek: angka berbeza antara senario.",
    }
    story.append(Paragraph(escape(_say(marked, lang)), small))
    for scenario in comparison.scenarios:
        story.append(PageBreak())
        working = {
            "en": f"Working (office): {scenario.label}",
            "ms": f"Pengiraan (pejabat): {scenario.label}",
        }
        story.append(Paragraph(escape(_say(working, lang)), sub))
        for step in scenario.result.steps:
            story.append(Paragraph(f"<b>{escape(_say(step.title, lang))}</b>", small))
            story.append(Paragraph(escape(_say(step.substituted, lang)), small))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_say(title, "en"),
        invariant=1,
    )
    doc.build(story)
    return buffer.getvalue()


def write_comparison_pdf(comparison: Comparison, path: str | Path, lang: str = "en") -> Path:
    return atomic_write_bytes(path, comparison_pdf_bytes(comparison, lang), backup=False)  # derived: no .bak
