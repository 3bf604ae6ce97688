"""A light table cell: plain text blocks wrapped at spaces, drawn without paragraph markup.

Most cells of the summary are a figure, a date or a label (in one or two languages).  Parsing each as a
reportlab ``Paragraph`` costs most of the build time, and plain text cannot be misread as markup, so these
cells are drawn directly; user-typed names still go through escaped paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

from estimator.render.pdf.fonts import BOLD, REGULAR, SHAPED, font_runs, shaped

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
    face_now = font
    for run, face in font_runs(text, font):
        if face != face_now:
            text_object.setFont(face, size)  # type: ignore[attr-defined]
            face_now = face
        if face in SHAPED:
            text_object.textOut(shaped(run, face, size))  # type: ignore[attr-defined]
        else:
            text_object.textOut(run)  # type: ignore[attr-defined]
    return face_now


@dataclass(frozen=True)
class Block:
    text: str
    font: str = REGULAR
    size: float = 8.0
    color: colors.Color = colors.black
    mark: bool = False  # a provisional dagger after the block's text


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
            dag_w = stringWidth(" " + DAGGER, BOLD, block.size) if block.mark else 0.0
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
        x = self._hAlignAdjust(x, _sW)
        text = canvas.beginText()
        top = y + self._height
        font: tuple[str, float] | None = None
        color: object = None
        for line, line_w, block, mark in self._lines:
            baseline = top - block.size * 0.98
            top -= block.size * self.leading
            if not line and not mark:
                continue
            dag_w = stringWidth(" " + DAGGER, BOLD, block.size) if mark else 0.0
            if self.align == "RIGHT":
                left = x + self.width - line_w - dag_w
            elif self.align == "CENTER":
                left = x + (self.width - line_w - dag_w) / 2
            else:
                left = x
            text.setTextOrigin(left, baseline)
            if font != (block.font, block.size):
                font = (block.font, block.size)
                text.setFont(block.font, block.size)
            if color is not block.color:
                color = block.color
                text.setFillColor(block.color)
            last_face = text_out(text, line, block.font, block.size)
            if last_face != block.font:
                font = (last_face, block.size)
            if mark:
                text.setFont(BOLD, block.size)
                text.setFillColor(DAGGER_COLOR)
                text.textOut(" " + DAGGER)
                font, color = (BOLD, block.size), DAGGER_COLOR
        canvas.drawText(text)

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


def _split(text: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    """Lines of ``text`` (explicit newlines kept) wrapped between words, with their widths, each word measured
    in the face that draws it; dates and amounts never break across lines."""
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
    return out


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
        text.setTextOrigin(x, y + self._size * (self.leading - 0.98))
        for run in self.runs:
            text.setFont(run.font, run.size)
            text.setFillColor(run.color)
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
