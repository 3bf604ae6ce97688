"""Page furniture: running header from page 2, footer with "page x of y" on every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from estimator.render.pdf.cells import text_out, text_width
from estimator.render.pdf.fonts import BOLD, REGULAR
from estimator.render.pdf.text import Lx

NAVY = colors.HexColor("#1f3a5f")
GREY = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#b8c2cf")
MARGIN_X = 16 * mm
TOP = 20 * mm
BOTTOM = 22 * mm
FRAME_HEIGHT = A4[1] - TOP - BOTTOM


def a4_document(
    out: Any, lx: Lx, *, title: str, author: str, subject: str, frame_class: type[Frame] = Frame
) -> BaseDocTemplate:
    """An A4 document of one page template: the body frame between the running head and the footer, and the
    metadata every Faedah PDF carries (``title``, ``author`` and ``subject`` as the caller gives them)."""
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="Faedah",
        producer="Faedah (reportlab)",
        lang="ms-MY" if lx.primary == "ms" else "en-MY",
        invariant=True,
    )
    frame = frame_class(
        MARGIN_X,
        BOTTOM,
        A4[0] - 2 * MARGIN_X,
        FRAME_HEIGHT,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


@dataclass
class PageDecor:
    lx: Lx
    running_head: str  # plain text
    office: str  # plain text
    footer_left: str  # plain text
    footer_left2: str  # plain text (second line)
    pdf_date: str = ""  # PDF info creation date, "D:YYYYMMDD000000" (the date prepared)


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so that it fits ``width`` points (Han and Tamil measured in their faces)."""
    if text_width(text, font, size) <= width:
        return text
    low, high = (
        0,
        len(text),
    )  # the longest prefix that fits with its ellipsis: a binary search, not a letter a try
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def _draw(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, right: bool = False) -> None:
    """``text`` at (x, y), each letter in the bundled face that has its script (a Tamil or Chinese name in the
    running head prints, not boxes); ``right``: x is the right end."""
    if right:
        x -= text_width(text, font, size)
    obj = canvas.beginText()
    obj.setTextOrigin(x, y)
    obj.setFont(font, size)
    text_out(obj, text, font, size)
    canvas.drawText(obj)


def make_canvas(decor: PageDecor) -> type[Canvas]:
    """A canvas class that holds its pages back until the end so each footer can say "page x of y"."""

    class SummaryCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            if decor.pdf_date:
                # the build is "invariant" (same bytes for the same input); date it with the date prepared
                self.setDateFormatter(lambda *_: decor.pdf_date)

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(self._pageNumber, total)
                super().showPage()
            super().save()

        def _decorate(self, page: int, total: int) -> None:
            width, height = A4
            usable = width - 2 * MARGIN_X
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            if page > 1:
                y = height - 12 * mm
                self.setFont(REGULAR, 7.5)
                self.setFillColor(GREY)
                office = _fit(self, decor.office, REGULAR, 7.5, usable * 0.4)
                _draw(self, width - MARGIN_X, y, office, REGULAR, 7.5, right=True)
                office_w = text_width(office, REGULAR, 7.5)
                head = _fit(self, decor.running_head, REGULAR, 7.5, usable - office_w - 6 * mm)
                _draw(self, MARGIN_X, y, head, REGULAR, 7.5)
                self.line(MARGIN_X, y - 2 * mm, width - MARGIN_X, y - 2 * mm)
            y = 12 * mm
            self.line(MARGIN_X, y + 4 * mm, width - MARGIN_X, y + 4 * mm)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(GREY)
            page_text = decor.lx.kp("page_x_of_y", page=page, pages=total)
            self.setFont(BOLD, 7.5)
            self.setFillColor(NAVY)
            self.drawRightString(width - MARGIN_X, y, page_text)
            page_w = self.stringWidth(page_text, BOLD, 7.5)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(GREY)
            room = usable - page_w - 6 * mm
            _draw(self, MARGIN_X, y, _fit(self, decor.footer_left, REGULAR, 7.5, room), REGULAR, 7.5)
            self.setFont(REGULAR, 6.5)
            self.drawString(MARGIN_X, y - 3.2 * mm, _fit(self, decor.footer_left2, REGULAR, 6.5, room))
            self.restoreState()

    return SummaryCanvas
