"""The working of the printed summary: every step of the explanation, then the notes and the disclaimer."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, TableStyle

from estimator.engine.i18n import Text
from estimator.present import StepView
from estimator.present.format import label
from estimator.present.result import table_hashes
from estimator.render.pdf.builder import LABEL, SEC, WIDTH, BuilderBase
from estimator.render.pdf.cells import Block
from estimator.render.pdf.cells import SummaryTable as Table
from estimator.render.pdf.fonts import BOLD, REGULAR
from estimator.render.pdf.styles import GRID, INK, LIGHT, NAVY, RED, kv_table_style
from estimator.render.pdf.text import app_version, day


class Explanation(BuilderBase):
    # ------------------------------------------------------------------------------------------ steps
    def steps(self) -> list[Flowable]:
        if not self.view.steps:
            return []
        self.rules_shown: dict[tuple[str, str], int] = {}  # a rule's first step: later steps refer to it
        out: list[Flowable] = [
            CondPageBreak(70 * mm),
            *self.h2("sec_steps"),
            self.para(self.lx.k("steps_hint"), "small", 7),
        ]
        out += [self.step_block(step) for step in self.view.steps]
        return out

    def step_block(self, step: StepView) -> Flowable:
        lx, T = self.lx, self.tc
        prefix = [Block(label("step_n", n=step.number)[lx.primary] + "  ", BOLD, 9.5, SEC)]
        rows: list[tuple[Flowable, Flowable]] = []
        for row in step.labelled():
            if row.label == label("numbers"):
                value = T("\n".join(lx.plain(row.value).split("; ")), size=7.5)
            elif row.kind == "amount":
                value = T(lx.plain(row.value), bold=True, mark=row.provisional)
            elif row.label == label("formula"):
                value = T(row.value)
            else:
                value = T(row.value, size=7.5)
            rows.append((self.label(row.label), value))
        shown = getattr(self, "rules_shown", {})
        new_rules = [r for r in step.rules if (r.key, r.value) not in shown]
        again = [(r, shown[(r.key, r.value)]) for r in step.rules if (r.key, r.value) in shown]
        for rule in new_rules:
            shown[(rule.key, rule.value)] = step.number
        if again:
            said: Text = {
                lang: "; ".join(
                    f"{r.description.get(lang) or r.description['en']} ({label('step_n', n=n)[lang]})"
                    for r, n in again
                )
                for lang in ("en", "ms")
            }
            rows.append((self.label(label("rules_as_before")), T(said, size=7.3)))
        block: list[Flowable] = [
            self.h3(step.title, step.provisional, prefix=prefix),
            self.kv(rows, label_w=36 * mm),
        ]
        if new_rules:
            heads = ["col_rule", "col_value", "col_effective", "col_source", "col_confidence"]
            data: list[list[Flowable | str]] = [[self.head(label(h)) for h in heads]]
            for rule in new_rules:
                note = [Block(lx.plain(rule.note), REGULAR, 6.3, SEC)] if rule.note else []
                data.append(
                    [
                        T(rule.description, size=7.3, sec_size=6.6),
                        T(rule.value, size=7.5, mark=rule.provisional, extra=note),
                        T(rule.effective_from, size=7.5),
                        T(rule.source, size=6.6, color=LABEL),
                        T(
                            rule.confidence,
                            size=7,
                            bold=rule.provisional,
                            color=RED if rule.provisional else INK,
                        ),
                    ]
                )
            block += [Spacer(1, 2), self.grid(data, [52 * mm, 30 * mm, 20 * mm, WIDTH - 124 * mm, 22 * mm])]
        block.append(Spacer(1, 3))
        return KeepTogether(block)

    # ------------------------------------------------------------------------------------------ notes
    def notes(self) -> list[Flowable]:
        lx, view = self.lx, self.view
        out: list[Flowable] = [CondPageBreak(50 * mm), *self.h2("sec_notes")]
        if view.provisional_notes:
            out.append(self.h3(label("provisional_notes"), prefix=[Block("\u2020 ", BOLD, 9.5, RED)]))
            data = [
                [self.tc(f"\u2020 {i}", bold=True, color=RED), self.tc(note, size=7.8)]
                for i, note in enumerate(view.provisional_notes, start=1)
            ]
            t = Table(data, colWidths=[10 * mm, WIDTH - 10 * mm], hAlign="LEFT")
            t.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.35, GRID),
                    ]
                )
            )
            out.append(t)
        important: list[Flowable] = [
            self.p(f"<b>{lx.ki('disclaimer_title')}</b>", "body"),
            self.para(view.disclaimer),
        ]
        if "1-300-22-8000" not in " ".join(view.disclaimer.values()):
            important.append(self.para(lx.k("where_to_claim")))
        box = Table([[important]], colWidths=[WIDTH])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1, NAVY),
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        rules = self.r.rules
        rows = [
            (
                self.label(label("rule_pack")),
                self.tc(label("rule_pack_line", name=rules.name, version=rules.version, origin=rules.origin)),
            ),
            (self.label("sha256"), self.tc(rules.sha256, size=7.5)),
            (self.label("app_version"), self.tc(lx.k("app_version_line", version=app_version()))),
        ]
        for name, sha in table_hashes(self.r):
            rows.append((self.label("commutation_table"), self.tc(f"{name}\nSHA-256 {sha or '—'}", size=7.5)))
        claim = self.case.claim_date
        rows.append((self.label("claim_date"), self.tc(day(claim) if claim else lx.k("not_entered"))))
        if self.case.ic_number.strip() and not self.o.mask_ic:
            rows.append((self.label("ic_number"), self.tc(lx.k("ic_unmasked_office"), bold=True, color=RED)))
        officer = [
            (self.label("officer"), self.tc("")),
            (self.label("officer_date"), self.tc("")),
        ]
        sign = Table(
            [[a, b] for a, b in officer], colWidths=[36 * mm, WIDTH - 36 * mm], rowHeights=[14 * mm, 8 * mm]
        )
        sign.setStyle(kv_table_style(2))
        out += [
            Spacer(1, 8),
            KeepTogether([box]),
            Spacer(1, 6),
            KeepTogether([self.kv(rows, label_w=36 * mm), Spacer(1, 6), sign]),
            Spacer(1, 4),
            self.para(lx.k("prepared_by"), "tiny", 6.5),
        ]
        return out
