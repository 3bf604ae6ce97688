"""A light table cell: plain text blocks wrapped at spaces, drawn without paragraph markup.

Most cells of the summary are a figure, a date or a label (in one or two languages).  Parsing each as a
reportlab ``Paragraph`` costs most of the build time, and plain text cannot be misread as markup, so these
cells are drawn directly; user-typed names still go through escaped paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .fonts import BOLD, REGULAR

DAGGER_COLOR = colors.HexColor("#b42318")
DAGGER = "\u2020"


@dataclass(frozen=True)
class Block:
    text: str
    font: str = REGULAR
    size: float = 8.0
    color: colors.Color = colors.black
    mark: bool = False  # a provisional dagger after the block's text


class TextCell(Flowable):
    """Blocks of plain text, one under the other, each wrapped to the cell width."""

    def __init__(self, blocks: list[Block], align: str = "LEFT", leading: float = 1.27) -> None:
        super().__init__()
        self.blocks = [b for b in blocks if b.text or b.mark]
        self.align = align
        self.leading = leading
        self._for_width: float | None = None
        self._lines: list[tuple[str, Block, bool]] = []
        self._height = 0.0

    def _layout(self, width: float) -> None:
        if self._for_width == width:
            return
        lines: list[tuple[str, Block, bool]] = []
        for block in self.blocks:
            room = width - (stringWidth(" " + DAGGER, BOLD, block.size) if block.mark else 0)
            parts = _split(block.text, block.font, block.size, max(room, 10)) if block.text else [""]
            for i, part in enumerate(parts or [""]):
                lines.append((part, block, block.mark and i == len(parts) - 1))
        self._lines = lines
        self._height = sum(b.size * self.leading for _, b, _ in lines)
        self._for_width = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self._layout(availWidth)
        self.width = availWidth
        return availWidth, self._height

    def draw(self) -> None:
        canv = self.canv
        y = self._height
        for text, block, mark in self._lines:
            line_h = block.size * self.leading
            baseline = y - block.size * 0.98
            width = stringWidth(text, block.font, block.size)
            dag_w = stringWidth(" " + DAGGER, BOLD, block.size) if mark else 0.0
            if self.align == "RIGHT":
                x = self.width - width - dag_w
            elif self.align == "CENTER":
                x = (self.width - width - dag_w) / 2
            else:
                x = 0.0
            canv.setFont(block.font, block.size)
            canv.setFillColor(block.color)
            canv.drawString(x, baseline, text)
            if mark:
                canv.setFont(BOLD, block.size)
                canv.setFillColor(DAGGER_COLOR)
                canv.drawString(x + width, baseline, " " + DAGGER)
            y -= line_h


def _split(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` (explicit newlines kept) wrapped at spaces; a word wider than the cell is cut."""
    out: list[str] = []
    for para in text.split("\n"):
        for line in simpleSplit(para, font, size, width) or [""]:
            while stringWidth(line, font, size) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and stringWidth(line[:cut], font, size) > width:
                    cut -= 1
                soft = max(line.rfind(c, 0, cut) for c in "/-_.,?&=")
                if soft >= cut // 2:
                    cut = soft + 1
                out.append(line[:cut])
                line = line[cut:]
            out.append(line)
    return out
