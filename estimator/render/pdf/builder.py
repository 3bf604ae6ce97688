"""The building blocks of the printed summary: cells, headings, key-value and grid tables in the chosen language(s).

Texts from the Result and the catalogues are drawn as plain text (:class:`TextCell`) or, where markup is needed,
escaped with :func:`esc` first; user-typed text (names, IC, reference, office) is always escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, TableStyle

from estimator.engine.i18n import LANGS, Text
from estimator.model.case import Case
from estimator.model.result import Result
from estimator.present import ResultView, present_result
from estimator.present.format import label, local_date_text
from estimator.render.pdf.cells import Block, RunLine, TextCell
from estimator.render.pdf.cells import SummaryTable as Table
from estimator.render.pdf.fonts import BOLD, REGULAR
from estimator.render.pdf.styles import (
    DAGGER,
    INK,
    LARGE_PRINT,
    NAVY,
    NORMAL_PRINT,
    RED,
    ClaimantSizes,
    grid_table,
    kv_table_style,
    styles,
)
from estimator.render.pdf.text import SECONDARY_COLOR, Lx

WIDTH = 178 * mm  # A4 less 16 mm margins
SEC = colors.HexColor(SECONDARY_COLOR)
HEAD_SEC = colors.HexColor("#d5deea")
LABEL = colors.HexColor("#4f5b69")


@dataclass
class ReportOptions:
    lang: str = "en"
    office_name: str = ""
    office_address: str = ""
    mask_ic: bool = True
    generated_on: date | None = None
    claimant_only: bool = False  # the claimant's part alone (no office appendix)
    large_print: bool = False  # the claimant's pages at 14 pt and more


class BuilderBase:
    """The state of one summary being built and the cells and tables every section draws with."""

    def __init__(self, result: Result, case: Case, options: ReportOptions) -> None:
        self.r = result
        self.case = case
        self.o = options
        self.lx = Lx(options.lang)
        self.s = styles()
        self.generated_on = options.generated_on or date.today()
        self.view: ResultView = present_result(result, self.generated_on)
        self.z: ClaimantSizes = LARGE_PRINT if options.large_print else NORMAL_PRINT

    def text_of(self, key_or_text: str | Text, **args: object) -> Text:
        """A report catalogue key (``report.<key>``) or a presentation text, as it is."""
        return self.lx.k(key_or_text, **args) if isinstance(key_or_text, str) else key_or_text

    def p(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, getattr(self.s, style))

    def dag(self, provisional: bool) -> str:
        return f" {DAGGER}" if provisional else ""

    def parts(self, text: Text | str | None) -> list[str]:
        if text is None:
            return [""]
        if isinstance(text, str):
            return [local_date_text(text)]
        return [local_date_text(part) for part in self.lx._parts(text)] or [""]

    def tc(
        self,
        text: Text | str | None,
        *,
        bold: bool = False,
        right: bool = False,
        size: float = 8,
        color: colors.Color = INK,
        mark: bool = False,
        sec_size: float | None = None,
        sec_color: colors.Color = SEC,
        extra: Sequence[Block] = (),
    ) -> TextCell:
        """A plain-text cell: the primary language, the other one below (smaller, grey) in "both"."""
        parts = self.parts(text)
        blocks = [Block(parts[0], BOLD if bold else REGULAR, size, color, mark)]
        if len(parts) > 1:
            blocks.append(Block(parts[1], REGULAR, sec_size or size - 1, sec_color))
        return TextCell([*blocks, *extra], align="RIGHT" if right else "LEFT")

    def small_block(self, text: Text | str, size: float = 7) -> Block:
        """One line in both languages ("sebulan / a month") as a small grey block."""
        plain = text if isinstance(text, str) else self.lx.plain(text)
        return Block(plain, REGULAR, size, SEC)

    def label(self, key: str | Text, **args: object) -> TextCell:
        return self.tc(self.text_of(key, **args), size=7.8, color=LABEL, sec_size=6.8)

    def head(self, key: str | Text, right: bool = False) -> TextCell:
        return self.tc(
            self.text_of(key),
            bold=True,
            right=right,
            size=7.5,
            color=colors.white,
            sec_size=6.5,
            sec_color=HEAD_SEC,
        )

    def h2(self, key: str | Text) -> list[Flowable]:
        parts = self.parts(self.text_of(key))
        runs = [Block(parts[0], BOLD, 11.5, NAVY)]
        if len(parts) > 1:
            runs.append(Block(f" / {parts[1]}", REGULAR, 10, SEC))
        rule = HRFlowable(width="100%", thickness=1.2, color=NAVY, spaceBefore=1, spaceAfter=5)
        rule.keepWithNext = 1
        return [RunLine(runs, space_before=9, space_after=1), rule]

    def h3(self, text: Text, provisional: bool = False, prefix: Sequence[Block] = ()) -> RunLine:
        parts = self.parts(text)
        runs = [*prefix, Block(parts[0], BOLD, 9.5, NAVY)]
        if len(parts) > 1:
            runs.append(Block(f" / {parts[1]}", REGULAR, 8.5, SEC))
        if provisional:
            runs.append(Block(" \u2020", BOLD, 9.5, RED))
        return RunLine(runs, space_before=7, space_after=3)

    def kv(
        self, rows: Sequence[tuple[Flowable, Flowable]], four: bool = False, label_w: float = 62 * mm
    ) -> Table:
        if four:
            data: list[list[Flowable | str]] = []
            for i in range(0, len(rows), 2):
                pair = list(rows[i : i + 2])
                row: list[Flowable | str] = [pair[0][0], pair[0][1]]
                row += [pair[1][0], pair[1][1]] if len(pair) > 1 else ["", ""]
                data.append(row)
            t = Table(data, colWidths=[36 * mm, 53 * mm, 36 * mm, 53 * mm], hAlign="LEFT")
            t.setStyle(kv_table_style(4))
        else:
            t = Table([list(r) for r in rows], colWidths=[label_w, WIDTH - label_w], hAlign="LEFT")
            t.setStyle(kv_table_style(2))
        return t

    def grid(
        self,
        data: list[list[Flowable | str]],
        widths: Sequence[float],
        extra: Sequence[tuple[object, ...]] = (),
        header_rows: int = 1,
        zebra: bool = True,
    ) -> Table:
        t = Table(data, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
        t.setStyle(TableStyle([*grid_table(header_rows, zebra), *extra]))
        return t

    def para(self, text: Text | str | None, style: str = "body", size: float = 7.5) -> TextCell:
        """A plain-text paragraph: the primary language, the other one below in grey and ``size`` points."""
        main_size, color, after = {
            "body": (8.5, INK, 3.0),
            "small": (7.5, SEC, 2.0),
            "tiny": (6.8, SEC, 0.0),
        }[style]
        parts = self.parts(text)
        blocks = [Block(parts[0], REGULAR, main_size, color)]
        if len(parts) > 1:
            blocks.append(Block(parts[1], REGULAR, size, SEC))
        return TextCell(blocks, space_after=after)

    def steps_ref(self, step_ids: Sequence[str]) -> str:
        """ "How it was calculated: Step 3, Step 4" for the steps of a figure."""
        numbers = [n for _, n, _ in self.view.step_titles(step_ids)]
        if not numbers:
            return ""
        head = self.lx.plain(self.lx.k("how_calculated_ref"))
        names: Text = {lang: ", ".join(label("step_n", n=n)[lang] for n in numbers) for lang in LANGS}
        return f"{head}: {self.lx.plain(names)}"

    def legend(self) -> Paragraph:
        markup = self.lx.m(self.lx.k("provisional_mark_legend"), size=6.8)
        return self.p(markup.replace("\u2020", DAGGER, 1), "small")

    def name_cell(
        self, name: str, sub: Text | str | None = None, bold: bool = True, size: float = 8
    ) -> TextCell:
        """A user-typed name, drawn as plain text (never read as markup: ``A & <B>`` prints as typed)."""
        blocks = [Block(name, BOLD if bold else REGULAR, size, INK)]
        if sub:
            blocks.append(self.small_block(sub))
        return TextCell(blocks)
