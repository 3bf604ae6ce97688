"""A light table cell: plain text blocks wrapped at spaces, drawn without paragraph markup.

Most cells of the summary are a figure, a date or a label (in one or two languages).  Parsing each as a
reportlab ``Paragraph`` costs most of the build time, and plain text cannot be misread as markup, so these
cells are drawn directly; user-typed names still go through escaped paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

from estimator.render.pdf.fonts import BOLD, REGULAR, SHAPED, font_runs, shaped
from estimator.render.pdf.ink import fill, origin, plain_out

DAGGER_COLOR = colors.HexColor("#b42318")
DAGGER = "\u2020"


@lru_cache(maxsize=16384)
def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text``, its Han and Tamil letters measured in their own faces (remembered per text, face
    and size: the same labels, figures and dates recur in every table)."""
    if text.isascii():
        return float(stringWidth(text, font, size))  # float-ok: a layout measure in points
    width = sum(stringWidth(run, face, size) for run, face in font_runs(text, font))
    return float(width)  # float-ok: a layout measure in points


def text_out(text_object: object, text: str, font: str, size: float) -> str:
    """Write ``text`` at the text cursor, switching faces for Han and Tamil (Tamil shaped); returns the last face."""
    face = font
    for run, face in font_runs(text, font):
        if face in SHAPED:
            text_object.setFont(face, size)  # type: ignore[attr-defined]
            text_object.textOut(shaped(run, face, size))  # type: ignore[attr-defined]
        else:
            plain_out(text_object, run, face, size)
    return face


@dataclass(frozen=True)
class Block:
    text: str
    font: str = REGULAR
    size: float = 8.0
    color: colors.Color = colors.black
    mark: bool = False  # a provisional dagger after the block's text


@lru_cache(maxsize=64)
def _dagger_width(size: float) -> float:
    return float(stringWidth(" " + DAGGER, BOLD, size))  # float-ok: a layout measure in points


class TextCell(Flowable):  # type: ignore[misc]
    """Blocks of plain text, one under the other, each wrapped to the cell width."""

    def __init__(
        self,
        blocks: list[Block],
        align: str = "LEFT",
        leading: float = 1.27,
        space_before: float = 0,
        space_after: float = 0,
    ) -> None:
        super().__init__()
        self.blocks = [b for b in blocks if b.text or b.mark]
        self.align = align
        self.leading = leading
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._for_width: float | None = None
        self._lines: list[tuple[str, float, Block, bool]] = []
        self._height = 0.0

    def _layout(self, width: float) -> None:
        if self._for_width == width:
            return
        lines: list[tuple[str, float, Block, bool]] = []
        for block in self.blocks:
            dag_w = _dagger_width(block.size) if block.mark else 0.0
            parts = (
                _split(block.text, block.font, block.size, max(width - dag_w, 10))
                if block.text
                else [("", 0.0)]
            )
            for i, (part, part_w) in enumerate(parts):
                lines.append((part, part_w, block, block.mark and i == len(parts) - 1))
        self._lines = lines
        self._height = sum(b.size * self.leading for _, _, b, _ in lines)
        self._for_width = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self._layout(availWidth)
        self.width = availWidth
        return availWidth, self._height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        """Draw straight at (x, y): one text object, no graphics-state push or translation per cell."""
        text = canvas.beginText()
        self.draw_into(text, self._hAlignAdjust(x, _sW), y)
        canvas.drawText(text)

    def draw_into(self, text: object, x: float, y: float) -> None:
        """Write the cell's lines into the open text object ``text``, the cell's bottom left at (x, y)."""
        top = y + self._height
        align, leading = self.align, self.leading
        for line, line_w, block, mark in self._lines:
            size = block.size
            baseline = top - size * 0.98
            top -= size * leading
            if not line and not mark:
                continue
            if align == "RIGHT":
                left = x + self.width - line_w - (_dagger_width(size) if mark else 0.0)
            elif align == "CENTER":
                left = x + (self.width - line_w - (_dagger_width(size) if mark else 0.0)) / 2
            else:
                left = x
            origin(text, left, baseline)
            fill(text, block.color)
            if line.isascii():
                plain_out(text, line, block.font, size)
            else:
                text_out(text, line, block.font, size)
            if mark:
                fill(text, DAGGER_COLOR)
                plain_out(text, " " + DAGGER, BOLD, size)

    def draw(self) -> None:
        self.drawOn(self.canv, 0, 0)


_HAN_CHAR = re.compile("[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_WHOLE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}|\d{2}/\d{4}|RM[\d,]+(?:\.\d+)?|\d[\d,]*\.\d+"
)  # dates, months, amounts


def _words(para: str) -> list[str]:
    """The units a line may break between: words at spaces; each Han letter on its own (Chinese has no spaces)."""
    if para.isascii() or _HAN_CHAR.search(para) is None:
        return para.split(" ")
    out: list[str] = []
    for word in para.split(" "):
        parts = [p for p in re.split(f"({_HAN_CHAR.pattern})", word) if p]
        if len(parts) > 1:
            out += [parts[0], *(f"\x00{p}" for p in parts[1:])]  # \x00: no space before this unit
        else:
            out.append(word)
    return out


def _cut(word: str, font: str, size: float, width: float) -> list[str]:
    """An overlong word cut to fit, at a soft character if there is one; a date or an amount is never cut."""
    if _WHOLE.search(word) or len(word) < 2:
        return [word]
    out: list[str] = []
    while len(word) > 1 and text_width(word, font, size) > width:
        cut = len(word) - 1
        while cut > 1 and text_width(word[:cut], font, size) > width:
            cut -= 1
        soft = max(word.rfind(c, 0, cut) for c in "/-_.,?&=")
        if soft >= cut // 2:
            cut = soft + 1
        out.append(word[:cut])
        word = word[cut:]
    return [*out, word]


@lru_cache(maxsize=8192)
def _split(text: str, font: str, size: float, width: float) -> tuple[tuple[str, float], ...]:
    """Lines of ``text`` (explicit newlines kept) wrapped between words, with their widths, each word measured
    in the face that draws it; dates and amounts never break across lines (remembered per text, face, size and
    width, like the widths)."""
    out: list[tuple[str, float]] = []
    for para in text.split("\n"):
        if text_width(para, font, size) <= width:
            out.append((para, text_width(para, font, size)))
            continue
        line = ""
        for unit in _words(para):
            glued = unit.startswith("\x00")
            word = unit.lstrip("\x00")
            candidate = (line + word if glued else f"{line} {word}") if line else word
            if text_width(candidate, font, size) <= width or not line:
                line = candidate
            else:
                out.append((line, text_width(line, font, size)))
                line = word
            if text_width(line, font, size) > width:
                *full, line = _cut(line, font, size, width)
                out += [(part, text_width(part, font, size)) for part in full]
        out.append((line, text_width(line, font, size)))
    return tuple(out)


class RunLine(Flowable):  # type: ignore[misc]
    """A heading: runs of text in their own font, size and colour on one line (wrapped as plain text if long)."""

    def __init__(
        self,
        runs: list[Block],
        space_before: float = 0,
        space_after: float = 0,
        keep_with_next: bool = True,
        leading: float = 1.25,
    ) -> None:
        super().__init__()
        self.runs = [r for r in runs if r.text]
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keepWithNext = keep_with_next
        self.leading = leading
        self._size = max((r.size for r in self.runs), default=8.0)
        self._widths = [text_width(r.text, r.font, r.size) for r in self.runs]
        self._fallback: TextCell | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self.width = availWidth
        if sum(self._widths) <= availWidth:
            self._fallback = None
            return availWidth, self._size * self.leading
        first = self.runs[0]
        joined = Block("".join(r.text for r in self.runs), first.font, first.size, first.color)
        self._fallback = TextCell([joined], leading=self.leading)
        return self._fallback.wrap(availWidth, availHeight)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        x = self._hAlignAdjust(x, _sW)
        if self._fallback is not None:
            self._fallback.drawOn(canvas, x, y)
            return
        text = canvas.beginText()
        origin(text, x, y + self._size * (self.leading - 0.98))
        for run in self.runs:
            fill(text, run.color)
            text_out(text, run.text, run.font, run.size)
        canvas.drawText(text)

    def draw(self) -> None:
        self.drawOn(self.canv, 0, 0)


class SummaryTable(Table):  # type: ignore[misc]
    """A Table that remembers a layout that fitted, so a second wrap at the same width costs nothing.

    ``KeepTogether`` and the frame both wrap a table before it is drawn; the layout only depends on the width
    once the whole table fits the height offered.
    """

    _fitted: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        fitted = self._fitted
        if fitted is not None and fitted[0] == availWidth and fitted[2] <= availHeight:
            self.availWidth = availWidth
            return fitted[1], fitted[2]
        width, height = super().wrap(availWidth, availHeight)
        self._fitted = (availWidth, width, height) if height <= availHeight else None
        return width, height

    # Cells of plain text are measured and drawn here without reportlab's generic flowable path (a wrap per
    # cell through the canvas, a text object per cell): the cells of a table share one text object, written
    # before the table's lines as reportlab would.
    _ink: object = None

    def _listCellGeom(  # noqa: N802 (reportlab API)
        self,
        V: object,
        w: float,
        s: object,
        W: list[float] | None = None,
        H: list[float] | None = None,
        aH: float = 72000,
    ) -> tuple[float, float]:
        cell = _text_cell(V)
        avail = w - s.leftPadding - s.rightPadding if cell is not None else -1  # type: ignore[attr-defined]
        if cell is None or avail < 0:
            return super()._listCellGeom(V, w, s, W=W, H=H, aH=aH)  # type: ignore[no-any-return]
        cell.wrap(avail, aH)
        if W is not None:
            W.append(avail)
        if H is not None:
            H.append(cell._height)
        return avail, cell._height

    def _drawCell(
        self, cellval: object, cellstyle: Any, pos: tuple[float, float], size: tuple[float, float]
    ) -> None:  # noqa: N802
        cell = (
            cellval[0] if isinstance(cellval, tuple) and len(cellval) == 1 else cellval
        )  # reportlab's tuple
        style = cellstyle
        avail = size[0] - style.leftPadding - style.rightPadding
        if cellval == "" and not (style.href or style.destination):
            return  # an empty filler cell: reportlab would write an empty text object
        if type(cell) is not TextCell or avail < 0 or style.href or style.destination:
            self._flush_ink()
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if cell._for_width != avail:
            cell._layout(avail)
        cell.width = avail
        colpos, rowpos = pos
        height = cell._height
        if style.valign == "TOP":
            y = rowpos + size[1] - style.topPadding - height
        elif style.valign == "BOTTOM":
            y = rowpos + style.bottomPadding
        else:
            y = rowpos + (size[1] + style.bottomPadding - style.topPadding + height) / 2.0 - height
        if self._ink is None:
            self._ink = self.canv.beginText()
        cell.draw_into(self._ink, colpos + style.leftPadding, y)
        self._curcellstyle = None  # the text changed the fill colour: the next plain cell sets its own

    def _addCommand(self, cmd: tuple[Any, ...]) -> None:  # noqa: N802 (reportlab API)
        """A cell setting (alignment, padding) set on each cell of its range directly (reportlab's generic path
        costs a call and a chain of tests per cell)."""
        field = _CELL_FIELDS.get(cmd[0])
        if field is None or len(cmd) != 4 or isinstance(cmd[1][1], str) or isinstance(cmd[2][1], str):
            super()._addCommand(cmd)
            return
        sc, ec, sr, er = self.normCellRange(cmd[1][0], cmd[2][0], cmd[1][1], cmd[2][1])
        value = cmd[3]
        for row in self._cellStyles[sr : er + 1]:
            for style in row[sc : ec + 1]:
                setattr(style, field, value)

    def _flush_ink(self) -> None:
        if self._ink is not None:
            self.canv.drawText(self._ink)
            self._ink = None

    def _drawLines(self) -> None:  # noqa: N802 (reportlab API)
        self._flush_ink()
        super()._drawLines()


_CELL_FIELDS = {
    "VALIGN": "valign",
    "ALIGN": "alignment",
    "ALIGNMENT": "alignment",
    "LEFTPADDING": "leftPadding",
    "RIGHTPADDING": "rightPadding",
    "TOPPADDING": "topPadding",
    "BOTTOMPADDING": "bottomPadding",
}


def _text_cell(value: object) -> TextCell | None:
    """The plain text cell a table cell holds (alone), or None."""
    if isinstance(value, (list, tuple)) and len(value) == 1:  # reportlab keeps a cell's flowables in a tuple
        value = value[0]
    return value if type(value) is TextCell else None
