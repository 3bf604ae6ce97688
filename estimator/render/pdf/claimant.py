"""The claimant's part of the printed summary: the answer, what to do next and a compact disclaimer.

It comes first and fits in two pages; the office's part (how it was calculated) starts on a new page after it.
Every text is the presentation's (:mod:`estimator.present`): the screen's answer card says the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from estimator.engine.i18n import LANGS, Text
from estimator.present import BenefitView
from estimator.present.format import label, local_dates
from estimator.present.glossary import answer_texts, glossary_line, terms_used
from estimator.render.pdf.builder import WIDTH, BuilderBase
from estimator.render.pdf.cells import SummaryTable as Table
from estimator.render.pdf.cells import TextCell
from estimator.render.pdf.styles import AMBER_BG, AMBER_LINE, LIGHT, NAVY, RED, RED_BG

BULLET = "\u2022"


class ClaimantPart(BuilderBase):
    def claimant_part(self) -> list[Flowable]:
        # the disclaimer right under the answer: it stays on page 1 whatever follows
        return [
            *self.answer(),
            *self.short_disclaimer(),
            *self.warning_notes(),
            *self.next_steps(),
            *self.words(),
        ]

    # ------------------------------------------------------------------------------------------ glossary
    def words(self) -> list[Flowable]:
        """The scheme's words the answer uses, explained (the same glossary as the screen and the CLI)."""
        used = terms_used(answer_texts(self.view))
        if not used:
            return []
        block: list[Flowable] = [self.h3(label("words_title"))]
        block += [self.para(glossary_line(t), "small", 6.8) for t in used]
        return [KeepTogether(block)]

    # ------------------------------------------------------------------------------------------ answer
    def answer_block(self, b: BenefitView) -> Flowable:
        lines = b.answer or [b.headline]
        cells: list[list[Flowable | str]] = [[self.tc(b.title, bold=True, size=9.5, color=NAVY), ""]]
        for i, line in enumerate(lines):
            marked = line["en"].startswith("\u2020")
            first = i == 0
            cells.append(
                [
                    "",
                    self.tc(
                        line,
                        bold=first,
                        size=10 if first else 8.6,
                        color=RED if marked else self.s.body.textColor,
                        sec_size=8.5 if first else 7.6,
                    ),
                ]
            )
        t = Table(cells, colWidths=[4 * mm, WIDTH - 4 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("SPAN", (0, 0), (-1, 0)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBEFORE", (0, 1), (0, -1), 2.5, NAVY),
                ]
            )
        )
        return KeepTogether([t, Spacer(1, 4)])

    def answer(self) -> list[Flowable]:
        view = self.view
        out = self.h2(label("answer_title"))
        for b in view.money_benefits:
            out.append(self.answer_block(b))
        if not view.benefits:
            out.append(self.para(label("no_benefits")))
        services = view.in_kind_benefits
        if services:
            names: Text = {lang: ", ".join(b.title[lang] for b in services) for lang in LANGS}
            out.append(self.para(_services(names), "small"))
        if view.not_payable:
            rows = [
                [self.tc("\u2715", bold=True, color=RED), self.tc(local_dates(r))] for r in view.not_payable
            ]
            out += [self.h3(label("not_payable")), self.box(rows, RED_BG, RED)]
        return out

    def warning_notes(self) -> list[Flowable]:
        """The warnings and notes of the estimate, after the disclaimer (however many a scheme has)."""
        if not self.view.warnings:
            return []
        rows = [
            [self.tc("!" if severity == "warning" else "i", bold=True), self.tc(local_dates(message))]
            for severity, message in self.view.warnings
        ]
        return [Spacer(1, 3), self.box(rows, AMBER_BG, AMBER_LINE)]

    def box(self, rows: Sequence[Sequence[Flowable | str]], bg: object, line: object) -> Table:
        t = Table([list(r) for r in rows], colWidths=[6 * mm, WIDTH - 6 * mm], hAlign="LEFT")
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
    def next_steps(self) -> list[Flowable]:
        steps = self.view.next_steps
        if not steps:
            return []
        heading = self.h2(label("next_title"))
        out: list[Flowable] = []
        for step in steps:
            rows: list[list[Flowable | str]] = [[self.tc(step.title, bold=True, size=9, color=NAVY), ""]]
            if step.timing.get("en"):
                rows.append([self.tc("\u25b6", bold=True, color=NAVY), self.tc(step.timing, bold=True)])
            if step.documents and not step.general:
                rows.append(["", self.tc(label("next_bring"), size=7.8)])
            for document in step.documents:
                rows.append([self.tc(BULLET, color=NAVY), self.tc(document, size=7.8, sec_size=7)])
            if step.weak:
                rows.append(["", self.tc(step.weak, size=7, color=RED, sec_size=6.5)])
            t = Table(rows, colWidths=[5 * mm, WIDTH - 5 * mm], hAlign="LEFT")
            t.setStyle(
                TableStyle(
                    [
                        ("SPAN", (0, 0), (-1, 0)),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 0.8),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
                        ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ]
                )
            )
            out.append(
                KeepTogether([*heading, t, Spacer(1, 3)]) if not out else KeepTogether([t, Spacer(1, 3)])
            )
        return out

    # ------------------------------------------------------------------------------------------ disclaimer
    def short_disclaimer(self) -> list[Flowable]:
        cell: TextCell = self.para(self.view.disclaimer, "small", 6.8)
        box = Table([[cell]], colWidths=[WIDTH])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, NAVY),
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
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
