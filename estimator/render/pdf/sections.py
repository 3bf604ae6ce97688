"""The benefit sections of the printed summary: the summary table and each benefit in detail, from its view."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, TableStyle

from estimator.engine.i18n import Text
from estimator.present import BenefitView, Row, Table
from estimator.present.format import label
from estimator.render.pdf.builder import HEAD_SEC, SEC, WIDTH, BuilderBase
from estimator.render.pdf.cells import Block, TextCell
from estimator.render.pdf.cells import SummaryTable as GridTable
from estimator.render.pdf.chart import timeline_drawing
from estimator.render.pdf.fonts import BOLD, REGULAR
from estimator.render.pdf.styles import AMBER_BG, AMBER_LINE, GRID, INK, LIGHT, NAVY, RED, RED_BG

MIN_COLUMN = 18 * mm
SHORT_COLUMN = 32 * mm  # a column of figures or dates narrower than this is never wrapped
LONG_COLUMN = 90 * mm
NARROWEST = 14 * mm
PAD = 9.0  # the cell padding of the grid tables, points
MARK = 7.0  # the width of a provisional mark, points


class BenefitSections(BuilderBase):
    # ------------------------------------------------------------------------------------------ summary
    def lines_cell(self, lines: Sequence[Text | str]) -> TextCell:
        blocks: list[Block] = []
        for i, line in enumerate(lines):
            parts = self.parts(line)
            blocks.append(Block(parts[0], REGULAR, 8 if i == 0 else 7.5, INK))
            if len(parts) > 1:
                blocks.append(Block(parts[1], REGULAR, 7, SEC))
        return TextCell(blocks)

    def summary(self) -> list[Flowable]:
        view = self.view
        out = self.h2("sec_summary")
        if view.benefits:
            data: list[list[Flowable | str]] = [
                [self.head("col_benefit"), self.head("col_amount", right=True), self.head("col_how_paid")]
            ]
            for b in view.benefits:
                options = [
                    {lang: f"{r.label[lang]}: {r.value[lang]}" for lang in r.label}
                    for r in b.rows
                    if r.kind == "option"
                ]
                amount = self.tc(
                    b.headline, bold=not b.in_kind, size=8.5 if not b.in_kind else 8, mark=b.provisional
                )
                how = [x for x in [*b.summary, *options] if _folded(x) != _folded(b.headline)]
                data.append([self.tc(b.title, bold=True), amount, self.lines_cell(how) if how else ""])
            out.append(self.grid(data, [56 * mm, 46 * mm, WIDTH - 102 * mm]))
            if view.provisional:
                out += [Spacer(1, 2), self.legend()]
        else:
            out.append(self.para(self.text_of(label("no_benefits"))))
        if view.not_payable:
            rows = [[self.tc("\u2715", bold=True, color=RED), self.tc(reason)] for reason in view.not_payable]
            out += [self.h3(label("not_payable")), self.note_box(rows, RED_BG, RED)]
        if view.warnings:
            rows = [
                [self.tc("!" if severity == "warning" else "i", bold=True), self.tc(message)]
                for severity, message in view.warnings
            ]
            out += [self.h3(label("warnings")), self.note_box(rows, AMBER_BG, AMBER_LINE)]
        return out

    def note_box(self, rows: Sequence[Sequence[Flowable]], bg: colors.Color, line: colors.Color) -> GridTable:
        t = GridTable([list(r) for r in rows], colWidths=[8 * mm, WIDTH - 8 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), bg),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, line),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("LEFTPADDING", (0, 0), (0, -1), 7),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.white),
                ]
            )
        )
        return t

    # ------------------------------------------------------------------------------------------ details
    def details(self) -> list[Flowable]:
        if not self.view.benefits:
            return []
        out: list[Flowable] = [CondPageBreak(60 * mm), *self.h2("sec_details")]
        for b in self.view.benefits:
            block: list[Flowable] = [self.h3(b.title, b.provisional), *self.benefit_detail(b)]
            block += [self.para(note, "small", 6.8) for note in b.notes]
            ref = self.steps_ref(b.step_ids)
            if ref:
                block.append(self.para(ref, "tiny"))
            head, rest = block[:2], block[2:]
            out.append(KeepTogether(head))
            out += rest
        return out

    def row_value(self, row: Row) -> TextCell:
        return self.tc(row.value, bold=row.kind == "amount", mark=row.provisional)

    def benefit_detail(self, b: BenefitView) -> list[Flowable]:
        figures = [r for r in b.rows if r.kind in ("amount", "detail")]
        out: list[Flowable] = []
        if figures:
            out.append(self.kv([(self.label(r.label), self.row_value(r)) for r in figures], four=True))
        conditions = [r for r in b.rows if r.kind == "note"]
        if conditions:
            out.append(self.bullets(conditions))
        elif not figures:
            out.append(self.para(b.headline, "small", 6.8))
        if b.tables and not b.series:
            out += [Spacer(1, 5)]
        for table in b.tables:
            out += self.view_table(table)
        if b.series:
            out += self.chart(b)
        return out

    def bullets(self, rows: Sequence[Row]) -> GridTable:
        data = [
            [
                self.tc("\u2022", bold=True, color=NAVY),
                self.tc(r.value if not r.label.get("en") else _joined(r)),
            ]
            for r in rows
        ]
        t = GridTable(data, colWidths=[5 * mm, WIDTH - 5 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return t

    def cell_width(self, text: Text, marked: bool = False) -> float:
        """The width of a cell's longest line (points), its provisional mark included."""
        lines = [line for part in self.parts(text) for line in part.split("\n")]
        return max((stringWidth(line, REGULAR, 7.6) for line in lines), default=0.0) + (
            MARK if marked else 0.0
        )

    def column_widths(self, table: Table) -> list[float]:
        """Short columns (figures, dates) at their natural width; the long ones share what is left."""
        natural: list[float] = []
        for i, col in enumerate(table.columns):
            head = max((stringWidth(w, BOLD, 7.5) for p in self.parts(col) for w in p.split()), default=0.0)
            cells = [self.cell_width(row[i], (r, i) in table.marked) for r, row in enumerate(table.rows)]
            natural.append(max(NARROWEST, max([head, *cells]) + PAD))
        short = [i for i, w in enumerate(natural) if w <= SHORT_COLUMN]
        long = [i for i in range(len(natural)) if i not in short]
        rest = WIDTH - sum(natural[i] for i in short)
        if not long or rest < MIN_COLUMN * len(long):
            scale = WIDTH / sum(natural)
            return [w * scale for w in natural]
        share = sum(min(natural[i], LONG_COLUMN) for i in long)
        return [
            natural[i] if i in short else rest * min(natural[i], LONG_COLUMN) / share
            for i in range(len(natural))
        ]

    def view_table(self, table: Table) -> list[Flowable]:
        widths = self.column_widths(table)
        header: list[Flowable | str] = [
            self.tc(
                col,
                bold=True,
                right=i in table.numeric,
                size=7.5,
                color=colors.white,
                sec_size=6.5,
                sec_color=HEAD_SEC,
            )
            for i, col in enumerate(table.columns)
        ]
        data: list[list[Flowable | str]] = [header]
        for r, row in enumerate(table.rows):
            cells: list[Flowable | str] = []
            for i, cell in enumerate(row):
                mark = (r, i) in table.marked
                # a figure is aligned right; a long text in a column of figures (a method) reads from the left
                right = i in table.numeric and self.cell_width(cell, mark) + PAD <= widths[i]
                cells.append(self.tc(cell, right=right, size=7.6, sec_size=6.6, mark=mark))
            data.append(cells)
        intro: list[Flowable] = [self.h3(table.title)]
        if table.hint:
            intro.append(self.para(table.hint, "small", 6.8))
        extra = [("LINEBEFORE", (1, 0), (-1, -1), 0.35, GRID), ("BACKGROUND", (0, 1), (0, -1), LIGHT)]
        grid = self.grid(data, widths, extra=extra)
        return [KeepTogether([*intro, grid])] if len(table.rows) <= 8 else [*intro, grid]

    def chart(self, b: BenefitView) -> list[Flowable]:
        drawing = timeline_drawing(b.series, self.lx.plain, WIDTH, 62 * mm)
        if drawing is None:
            return []
        parts: list[Flowable] = [
            Spacer(1, 6),
            self.tc(self.lx.plain(self.lx.k("chart_title")), bold=True, size=7.5, color=SEC),
            drawing,
        ]
        if any(s.segments and s.segments[-1].end is None for s in b.series):
            parts.append(self.para(self.lx.k("chart_open"), "tiny", 6.5))
        return [KeepTogether(parts)]


def _joined(row: Row) -> Text:
    return {lang: f"{row.label[lang]}: {row.value[lang]}" for lang in row.value}


def _folded(text: Text) -> str:
    return " ".join(text.get("en", "").casefold().split())
