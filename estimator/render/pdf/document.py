"""The claimant's summary as reportlab flowables, built from a Result's presentation and its Case.

Nothing is recomputed: the benefit sections draw each benefit's view (:mod:`estimator.present`), the working
draws the explanation steps.  The sections live in :mod:`.sections` and :mod:`.explanation`; the cells and
tables they draw with in :mod:`.builder`.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, TableStyle

from estimator.engine.i18n import LANGS, Text
from estimator.engine.money import pct
from estimator.present.format import label
from estimator.render.pdf.builder import LABEL, WIDTH, ReportOptions
from estimator.render.pdf.cells import Block
from estimator.render.pdf.cells import SummaryTable as Table
from estimator.render.pdf.claimant import ClaimantPart
from estimator.render.pdf.explanation import Explanation
from estimator.render.pdf.fonts import BOLD
from estimator.render.pdf.sections import BenefitSections
from estimator.render.pdf.styles import DAGGER, NAVY, RED, banner_style, kv_table_style
from estimator.render.pdf.text import day, esc, money, nobr

__all__ = ["ReportOptions", "SummaryBuilder", "mask_ic"]


def mask_ic(ic: str) -> str:
    """``820511-01-2468`` -> ``******-**-2468``: every letter or digit but the last four becomes ``*``.

    Idempotent: a ``*`` counts as a masked character, so masking a masked IC changes nothing.  The first six
    digits are the date of birth: with the IC masked, the summary must print the birth month and year only
    (docs/reliability.md, "Privacy on paper").
    """
    ic = ic.strip()
    if not ic:
        return ""
    keep = 4
    maskable = sum(1 for c in ic if c.isalnum() or c == "*")
    out: list[str] = []
    seen = 0
    for c in ic:
        if c.isalnum() or c == "*":
            seen += 1
            out.append(c if seen > maskable - keep and maskable > keep else "*")
        else:
            out.append(c)
    return "".join(out)


def _text_lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace("\r", "\n").split("\n") if line.strip()]


class SummaryBuilder(ClaimantPart, BenefitSections, Explanation):
    """The claimant's part (header, person, the answer, what to do next), then on a new page the office's part
    (the summary table, the figures used, each benefit in detail, the working and the notes)."""

    # ------------------------------------------------------------------------------------------ story
    def story(self) -> list[Flowable]:
        claimant = [*self.header(), *self.person(), *self.claimant_part()]
        if self.o.claimant_only:
            return claimant
        return [
            *claimant,
            *self.office_start(),
            *self.summary(),
            *self.inputs(),
            *self.details(),
            *self.steps(),
            *self.notes(),
        ]

    # ------------------------------------------------------------------------------------------ header
    def sized(self, markup: str, style: str, size: float, **kw: object) -> Paragraph:
        """A paragraph of the claimant's pages at ``size`` points (the style's look otherwise)."""
        base = getattr(self.s, style)
        return Paragraph(
            markup, ParagraphStyle(f"{style}-{size}", base, fontSize=size, leading=size * 1.25, **kw)
        )

    def header(self) -> list[Flowable]:
        lx, z = self.lx, self.z
        office_lines = _text_lines(self.o.office_name)
        address_lines = _text_lines(self.o.office_address)
        left: list[Flowable] = []
        if office_lines:  # "Prepared by <office>": the office's name once, in bold
            office = " ".join(office_lines)
            prepared = esc(
                lx.plain({lang: label("prepared_by_office", office=office)[lang] for lang in LANGS})
            )
            left.append(self.sized(prepared.replace(esc(office), f"<b>{esc(office)}</b>"), "office", z.body))
        else:
            left.append(self.sized("<b>" + lx.m(lx.k("office_default")) + "</b>", "office", z.body))
        if address_lines:
            left.append(self.sized("<br/>".join(esc(x) for x in address_lines), "small", z.body))
        ref = self.case.case_reference.strip()
        meta = f"{lx.ki('generated_on')}: <b>{nobr(day(self.generated_on))}</b>"
        if ref:
            meta += f"<br/>{lx.ki('case_reference')}: <b>{esc(ref)}</b>"
        right: list[Flowable] = [
            self.p(lx.m(lx.k("doc_title"), size=max(11, z.body)), "title"),
            Spacer(1, 2),
            self.sized(f'<para alignment="right">{meta}</para>', "body", z.body),
        ]
        top = Table([[left, right]], colWidths=[WIDTH * 0.45, WIDTH * 0.55])
        top.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        banner_lines = [f"<b>{lx.inline(lx.k('estimate_banner'), sep='  /  ')}</b>"]
        if self.r.provisional:
            banner_lines.append(f"{DAGGER} {lx.m(lx.k('provisional_banner'))}")
        banner = Table([[self.sized("<br/>".join(banner_lines), "banner", z.body)]], colWidths=[WIDTH])
        banner.setStyle(banner_style())
        rule = HRFlowable(width="100%", thickness=2, color=NAVY, spaceBefore=4, spaceAfter=4)
        return [top, rule, banner]

    # ------------------------------------------------------------------------------------------ person
    def person(self) -> list[Flowable]:
        """Who and what, in a few lines at the claimant's type size (masked IC and birth month unless unmasked)."""
        c, r, lx, z = self.case, self.r, self.lx, self.z
        name = c.claimant_name.strip()
        ic = c.ic_number.strip()
        # with the IC masked, the full date of birth would give its first six digits away: month and year only
        born = self.birth(c.date_of_birth) if ic else day(c.date_of_birth)
        if ic and self.o.mask_ic:
            ic_cell: Flowable = self.tc(
                mask_ic(ic), size=z.body, extra=[self.small_block(lx.k("ic_masked"), z.body)]
            )
        elif ic:
            warn = Block(lx.plain(lx.k("ic_unmasked")), BOLD, z.body, RED)
            ic_cell = self.tc(ic, size=z.body, extra=[warn])
        else:
            ic_cell = self.tc("—", size=z.body)

        def lab(key: str | Text) -> Flowable:
            return self.tc(self.text_of(key), size=z.body, color=LABEL, sec_size=z.body)

        def val(text: Text | str, bold: bool = False) -> Flowable:
            return self.tc(text, size=z.body, bold=bold, sec_size=z.body)

        what: Text = {
            lang: f"{label(f'scheme.{r.scheme}')[lang]}: {label(f'incident.{r.incident_type}')[lang].lower()}"
            f" \u2014 {label(f'outcome.{r.outcome}')[lang].lower()}"
            for lang in ("en", "ms")
        }
        data: list[list[Flowable | str]] = [
            [lab("insured_person"), self.name_cell(name, size=z.body) if name else val("—")]
            + [lab("ic_number"), ic_cell],
            [lab("date_of_birth"), val(born), lab(label("event_date")), val(day(r.event_date), bold=True)],
            [lab("scheme"), val(what), "", ""],  # the scheme, the incident and the outcome on one line
        ]
        label_w = (29 if not self.o.large_print else 38) * mm  # a label word must not be cut
        t = Table(data, colWidths=[label_w, 89 * mm - label_w, label_w, 89 * mm - label_w], hAlign="LEFT")
        t.setStyle(kv_table_style(4))
        t.setStyle(TableStyle([("SPAN", (1, 2), (3, 2)), ("BACKGROUND", (2, 2), (2, 2), colors.white)]))
        return [Spacer(1, 4), t]

    def birth(self, born: date) -> str:
        """A date of birth as printed: with the IC masked, month and year only (MM/YYYY), for every person."""
        return f"{born.month:02d}/{born.year:04d}" if self.o.mask_ic else day(born)

    # ------------------------------------------------------------------------------------------ inputs
    def inputs(self) -> list[Flowable]:
        c, lx = self.case, self.lx
        out = self.h2("sec_inputs")
        L, T = self.label, self.tc
        rows: list[tuple[Flowable, Flowable]] = []
        rows.append((L("claim_date"), T(day(c.claim_date) if c.claim_date else lx.k("not_entered"))))
        if c.outcome == "injury" or c.medical_leave_days:
            rows.append((L("medical_leave_days"), T(str(c.medical_leave_days))))
            rows.append((L("days_worked"), T(str(c.days_worked_with_wages))))
        if c.loss_of_earning_capacity_percent is not None:
            rows.append((L(label("lec")), T(pct(c.loss_of_earning_capacity_percent))))
        if c.injuries:
            rows.append((L("injuries"), T(", ".join(c.injuries))))
        if c.needs_constant_attendance:
            rows.append((L("constant_attendance"), self.tc(label("yes"))))
        if c.funeral_expenses is not None:
            rows.append((L("funeral_expenses"), T(money(c.funeral_expenses))))
        if c.first_contribution_month:
            rows.append((L("first_contribution"), T(c.first_contribution_month)))
        if c.similar_worker_monthly_wage is not None:
            rows.append((L("similar_worker"), T(money(c.similar_worker_monthly_wage))))
        if c.police_report_made is not None:
            rows.append((L("police_report"), self.tc(label("yes" if c.police_report_made else "no"))))
        if rows:
            out.append(self.kv(rows, four=True))

        if self.view.wages is not None:
            out += self.view_table(self.view.wages)
        else:
            out += [self.h3(label("wages")), self.para(label("no_wages"), "small")]
        avg_rows: list[tuple[Flowable, Flowable]] = []
        if self.r.average_assumed_monthly_wage is not None:
            avg_rows.append(
                (L(label("avg_monthly")), T(money(self.r.average_assumed_monthly_wage), bold=True))
            )
        if self.r.average_assumed_daily_wage is not None:
            avg_rows.append((L(label("avg_daily")), T(money(self.r.average_assumed_daily_wage), bold=True)))
        if avg_rows:
            out += [Spacer(1, 4), self.kv(avg_rows, four=True)]

        if c.dependants:
            out.append(self.h3(lx.k("dependants")))
            data: list[list[Flowable | str]] = [
                [
                    self.head(label("col_name")),
                    self.head(label("col_relationship")),
                    self.head("col_dob"),
                    self.head("col_details"),
                ]
            ]
            for i, d in enumerate(c.dependants):
                details: list[Text | str] = []
                if d.in_higher_education:
                    details.append(lx.k("dep_higher_education"))
                if d.education_ends_on:
                    details.append(lx.k("dep_education_ends", date=day(d.education_ends_on)))
                if d.disabled:
                    details.append(lx.k("dep_disabled"))
                if d.married:
                    details.append(lx.k("dep_married"))
                name = d.name or self.lx.plain(label("dep_unnamed", n=i + 1))
                data.append(
                    [
                        self.name_cell(name, bold=False),
                        T(label(f"rel.{d.relationship}")),
                        T(self.birth(d.date_of_birth)),
                        self.lines_cell(details),
                    ]
                )
            out.append(self.grid(data, [60 * mm, 32 * mm, 24 * mm, WIDTH - 116 * mm]))
        return out
