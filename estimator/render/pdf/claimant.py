"""The claimant's part of the printed summary: the answer, what to do next, how it is paid, what to tell PERKESO,
if you disagree, and a compact disclaimer.

Clear print: every text of these pages is at least 11 pt (the answer's lines 14 pt; 14 pt and 16 pt in large
print, :data:`~estimator.render.pdf.styles.LARGE_PRINT`), the other language too in "both".  It comes first and
fits in two pages in English or Malay at normal size; the office's part starts on a new page after it.  Every
text is the presentation's (:mod:`estimator.present`): the screen's answer card says the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from estimator.engine.i18n import LANGS, Text
from estimator.present import BenefitView
from estimator.present.answer import SUB
from estimator.present.format import label, local_dates, without_references
from estimator.present.glossary import answer_texts, glossary_line, terms_used
from estimator.render.pdf.builder import SEC, WIDTH, BuilderBase
from estimator.render.pdf.cells import Block, RunLine, TextCell
from estimator.render.pdf.cells import SummaryTable as Table
from estimator.render.pdf.fonts import BOLD, REGULAR
from estimator.render.pdf.styles import AMBER_BG, AMBER_LINE, INK, LIGHT, NAVY, RED, RED_BG

BULLET = "\u2022"
_HOTLINE = "1-300-22-8000"
IN_SHORT_OVER = 6  # answer lines over which the amounts are repeated at a glance
DAGGER_TEXT = "\u2020"


class ClaimantPart(BuilderBase):
    def claimant_part(self) -> list[Flowable]:
        # the disclaimer right under the answer: it stays on page 1 whatever follows
        return [
            *self.answer(),
            *self.short_disclaimer(),
            *self.warning_notes(),
            *self.next_steps(),
            *self.info(),
            *self.words(),
        ]

    # ------------------------------------------------------------------------------------------ text
    def ct(
        self,
        text: Text | str | None,
        *,
        size: float | None = None,
        bold: bool = False,
        color: colors.Color = INK,
        right: bool = False,
    ) -> TextCell:
        """A claimant's text: the primary language, the other one below at the same size (grey) in "both"."""
        size = size or self.z.body
        return self.tc(text, bold=bold, size=size, color=color, sec_size=size, right=right)

    def ch2(self, key: str | Text) -> list[Flowable]:
        """A heading of the claimant's pages."""
        parts = self.parts(self.text_of(key))
        runs = [Block(parts[0], BOLD, self.z.heading, NAVY)]
        if len(parts) > 1:
            runs.append(Block(f" / {parts[1]}", REGULAR, self.z.heading - 2, SEC))
        return [RunLine(runs, space_before=self.z.body * 0.7, space_after=3)]

    def ch3(self, text: Text) -> RunLine:
        parts = self.parts(text)
        runs = [Block(parts[0], BOLD, self.z.title, NAVY)]
        if len(parts) > 1:
            runs.append(Block(f" / {parts[1]}", REGULAR, self.z.body, SEC))
        return RunLine(runs, space_before=self.z.body * 0.6, space_after=2)

    # ------------------------------------------------------------------------------------------ glossary
    def words(self) -> list[Flowable]:
        """The scheme's words the answer uses, explained (the same glossary as the screen and the CLI)."""
        used = terms_used(answer_texts(self.view))
        if not used:
            return []
        block: list[Flowable] = [*self.ch2(label("words_title"))]
        block += [self.ct(glossary_line(t)) for t in used]
        return [KeepTogether(block)]

    # ------------------------------------------------------------------------------------------ answer
    def answer_line(self, line: Text, first: bool) -> tuple[TextCell, bool]:
        """A line of the answer and whether it is a detail (indented)."""
        en = line.get("en", "")
        if en.startswith(DAGGER_TEXT):
            return self.ct(line, color=RED), False
        if en.startswith(SUB):
            plain = {lang: value.removeprefix(SUB) for lang, value in line.items()}
            return self.ct(plain, size=self.z.detail), True
        return self.ct(line, size=self.z.answer, bold=first or en.endswith(":")), False

    def answer_block(self, b: BenefitView) -> list[Flowable]:
        """The benefit's name, then its lines (a table that may split between pages, never before line 2)."""
        lines = b.answer or [b.headline]
        cells: list[list[Flowable | str]] = []
        whole: list[int] = []  # rows whose text spans both columns (not a detail line)
        for i, line in enumerate(lines):
            cell, detail = self.answer_line(line, i == 0)
            if detail:
                cells.append(["", self.ct(SUB.strip(), size=self.z.detail), cell])
            else:
                cells.append(["", cell, ""])
                whole.append(i)
        # the first two lines stay with the benefit's name; the rest may go on to the next page
        head = self.answer_table(cells[:2], [r for r in whole if r < 2])
        rest = self.answer_table(cells[2:], [r - 2 for r in whole if r >= 2])
        return [KeepTogether([self.ch3(b.title), head]), *([rest] if rest else []), Spacer(1, 4)]

    def answer_table(self, cells: list[list[Flowable | str]], whole: list[int]) -> Table | None:
        if not cells:
            return None
        t = Table(cells, colWidths=[4 * mm, 6 * mm, WIDTH - 10 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    *(("SPAN", (1, r), (2, r)) for r in whole),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, NAVY),
                ]
            )
        )
        return t

    def in_short(self) -> list[Flowable]:
        """Every amount at a glance, before each benefit's whole story (two or more benefits whose stories are
        long: a later amount could otherwise fall off page 1)."""
        money = self.view.money_benefits
        lines = sum(len(b.answer) for b in money) * len(self.lx.langs)  # "both" prints each line twice
        if len(money) < 2 or lines <= IN_SHORT_OVER:
            return []
        rows = [
            [self.ct(b.title, bold=True, color=NAVY), self.ct(b.headline, size=self.z.answer, bold=True)]
            for b in money
        ]
        t = Table(rows, colWidths=[WIDTH * 0.36, WIDTH * 0.64], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return [t, Spacer(1, 2)]

    def answer(self) -> list[Flowable]:
        view = self.view
        out = [*self.ch2(label("answer_title")), *self.in_short()]
        for b in view.money_benefits:
            out += self.answer_block(b)
        if not view.benefits:
            out.append(self.ct(label("no_benefits")))
        services = view.in_kind_benefits
        if services:
            names: Text = {lang: ", ".join(b.title[lang] for b in services) for lang in LANGS}
            out.append(self.ct(_services(names)))
        if view.not_payable:
            rows = [
                [self.ct("\u2715", bold=True, color=RED), self.ct(without_references(local_dates(r)))]
                for r in view.not_payable
            ]
            out += [self.ch3(label("not_payable")), self.box(rows, RED_BG, RED)]
        return out

    def warning_notes(self) -> list[Flowable]:
        """The warnings of the estimate (the conditions and remarks for the office are in its part)."""
        warnings = [message for severity, message in self.view.warnings if severity == "warning"]
        if not warnings:
            return []
        rows = [[self.ct("!", bold=True), self.ct(without_references(local_dates(m)))] for m in warnings]
        return [Spacer(1, 3), self.box(rows, AMBER_BG, AMBER_LINE)]

    def box(self, rows: Sequence[Sequence[Flowable | str]], bg: object, line: object) -> Table:
        t = Table([list(r) for r in rows], colWidths=[7 * mm, WIDTH - 7 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), bg),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, line),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("LEFTPADDING", (0, 0), (0, -1), 5),
                ]
            )
        )
        return t

    # ------------------------------------------------------------------------------------------ next steps
    def bullet_rows(self, rows: list[list[Flowable | str]], title: bool = True) -> Table:
        t = Table(rows, colWidths=[6 * mm, WIDTH - 6 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    *([("SPAN", (0, 0), (-1, 0))] if title else []),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return t

    def next_steps(self) -> list[Flowable]:
        steps = self.view.next_steps
        if not steps:
            return []
        heading = self.ch2(label("next_title"))
        hotline_said = _HOTLINE in " ".join(self.view.disclaimer.values())
        out: list[Flowable] = []
        for step in steps:
            rows: list[list[Flowable | str]] = [[self.ct(step.title, bold=True, color=NAVY), ""]]
            if step.timing.get("en"):
                rows.append([self.ct("\u25b6", bold=True, color=NAVY), self.ct(step.timing, bold=True)])
            if step.status:
                color = RED if step.passed else NAVY
                rows.append(["", self.ct(step.status, bold=step.passed, color=color)])
            if step.documents and not step.general:
                bring = label("next_bring")
                if step.weak:  # "Bring (from an older or unofficial source: check with PERKESO):"
                    weak = step.weak
                    bring = {lang: f"{bring[lang].rstrip(':')} {weak[lang]}:" for lang in LANGS}
                rows.append(["", self.ct(bring)])
            for document in step.documents:
                if step.general and _HOTLINE in document.get("en", "") and hotline_said:
                    continue  # the disclaimer under the answer gives the hotline already
                rows.append([self.ct(BULLET, color=NAVY), self.ct(document)])
            if step.weak and not step.documents:
                rows.append(["", self.ct(step.weak, color=SEC)])
            # the title, the deadline and its status stay together (with the heading); the documents may flow on
            keep = 1 + bool(step.timing.get("en")) + bool(step.status)
            head = [*(heading if not out else []), self.bullet_rows(rows[:keep])]
            out.append(KeepTogether(head))
            if rows[keep:]:
                out.append(self.bullet_rows(rows[keep:], title=False))
            out.append(Spacer(1, 3))
        return out

    # ------------------------------------------------------------------------------------------ good to know
    def info(self) -> list[Flowable]:
        """How it is paid, what to tell PERKESO, if you disagree."""
        out: list[Flowable] = []
        for section in self.view.info:
            rows: list[list[Flowable | str]] = [[self.ct(section.title, bold=True, color=NAVY), ""]]
            rows += [[self.ct(BULLET, color=NAVY), self.ct(line)] for line in section.lines]
            out.append(KeepTogether([self.bullet_rows(rows[:2])]))
            if rows[2:]:
                out.append(self.bullet_rows(rows[2:], title=False))
            out.append(Spacer(1, 3))
        return out

    # ------------------------------------------------------------------------------------------ disclaimer
    def short_disclaimer(self) -> list[Flowable]:
        cell = self.ct(self.view.disclaimer)
        box = Table([[cell]], colWidths=[WIDTH])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, NAVY),
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return [Spacer(1, 4), KeepTogether([box])]

    # ------------------------------------------------------------------------------------------ office part
    def office_start(self) -> list[Flowable]:
        """The page break and the heading of the office's part."""
        return [PageBreak(), *self.h2(label("office_title")), self.para(label("office_hint"), "small")]


def _services(names: Text) -> Text:
    return {lang: label("answer_services", names=names[lang])[lang] for lang in LANGS}
