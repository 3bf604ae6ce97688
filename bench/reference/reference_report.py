"""The bare reference for the PDF export: a 3-page reportlab report (a title, a table per page, a paragraph).

    python bench/reference/reference_report.py OUT.pdf

``build(path)`` is what bench/run.py times beside ``estimator.render.pdf.write_pdf()``.
"""

from __future__ import annotations

import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROWS_PER_PAGE = 30


def _table(page_number: int) -> Table:
    rows = [["Item", "Date", "Amount (RM)"]]
    for i in range(ROWS_PER_PAGE):
        rows.append([f"Line {page_number}.{i + 1}", f"2026-{(i % 12) + 1:02d}-01", f"{1000 + 17 * i}.00"])
    table = Table(rows, colWidths=(200, 120, 120))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("ALIGN", (2, 1), (2, -1), "RIGHT"),
            ]
        )
    )
    return table


def build(path: str) -> None:
    styles = getSampleStyleSheet()
    story: list[object] = []
    for page_number in (1, 2, 3):
        story.append(Paragraph(f"Reference report, page {page_number}", styles["Title"]))
        story.append(
            Paragraph("A plain paragraph of text that explains the table below. " * 4, styles["Normal"])
        )
        story.append(Spacer(1, 12))
        story.append(_table(page_number))
        if page_number < 3:
            story.append(PageBreak())
    SimpleDocTemplate(path, pagesize=A4).build(story)  # type: ignore[arg-type]


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "reference.pdf")
