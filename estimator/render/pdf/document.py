"""The claimant's summary as reportlab flowables, built from a Result's presentation and its Case.

Nothing is recomputed: the benefit sections draw each benefit's view (:mod:`estimator.present`), the working
draws the explanation steps.  The sections live in :mod:`.sections` and :mod:`.explanation`; the cells and
tables they draw with in :mod:`.builder`.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer, TableStyle

from estimator.engine.i18n import Text
from estimator.engine.money import pct
from estimator.present.format import label
from estimator.render.pdf.builder import WIDTH, ReportOptions
from estimator.render.pdf.cells import SummaryTable as Table
from estimator.render.pdf.claimant import ClaimantPart
from estimator.render.pdf.explanation import Explanation
from estimator.render.pdf.fonts import REGULAR
from estimator.render.pdf.sections import BenefitSections
from estimator.render.pdf.styles import AMBER_BG, AMBER_LINE, DAGGER, NAVY
from estimator.render.pdf.text import day, esc, money

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
    def header(self) -> list[Flowable]:
        lx = self.lx
        office_lines = _text_lines(self.o.office_name)
        address_lines = _text_lines(self.o.office_address)
        left: list[Flowable] = []
        if office_lines:
            left.append(self.p("<b>" + "<br/>".join(esc(x) for x in office_lines) + "</b>", "office"))
        else:
            left.append(self.p("<b>" + lx.m(lx.k("office_default")) + "</b>", "office"))
        if address_lines:
            left.append(self.p("<br/>".join(esc(x) for x in address_lines), "small"))
        if office_lines:
            prepared = {
                lang: label("prepared_by_office", office=" ".join(office_lines))[lang]
                for lang in ("en", "ms")
            }
            left.append(self.p(esc(self.lx.plain(prepared)), "small"))
        ref = self.case.case_reference.strip()
        meta = f"{lx.ki('generated_on')}: <b>{esc(day(self.generated_on))}</b>"
        if ref:
            meta += f"<br/>{lx.ki('case_reference')}: <b>{esc(ref)}</b>"
        right: list[Flowable] = [
            self.p(lx.m(lx.k("doc_title"), size=11), "title"),
            Spacer(1, 2),
            self.p(f'<para alignment="right">{lx.inline(lx.k("doc_subtitle"))}</para>', "small"),
            self.p(f'<para alignment="right">{meta}</para>', "body"),
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
            banner_lines.append(
                f'<font name="{REGULAR}" size="8">{DAGGER} '
                f"{lx.m(lx.k('provisional_banner'), size=7.5)}</font>"
            )
        banner = Table([[self.p("<br/>".join(banner_lines), "banner")]], colWidths=[WIDTH])
        banner.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), AMBER_BG),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, AMBER_LINE),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return [top, HRFlowable(width="100%", thickness=2, color=NAVY, spaceBefore=6, spaceAfter=6), banner]

    # ------------------------------------------------------------------------------------------ person
    def person(self) -> list[Flowable]:
        c, r, lx = self.case, self.r, self.lx
        name = c.claimant_name.strip()
        ic = c.ic_number.strip()
        # with the IC masked, the full date of birth would give its first six digits away: month and year only
        born = day(c.date_of_birth)
        if ic and self.o.mask_ic:
            born = f"{c.date_of_birth.month:02d}/{c.date_of_birth.year:04d}"
            ic_cell: Flowable = self.tc(mask_ic(ic), extra=[self.small_block(lx.k("ic_masked"), 6.8)])
        else:
            ic_cell = self.tc(ic or "—")
        rows: list[tuple[Flowable, Flowable]] = [
            (self.label("insured_person"), self.name_cell(name) if name else self.tc("—")),
            (self.label("ic_number"), ic_cell),
            (self.label("date_of_birth"), self.tc(born)),
            (self.label(label("age_at_event")), self.tc(label("years", n=r.age_at_event))),
            (self.label("scheme"), self.tc(label(f"scheme.{r.scheme}"))),
            (self.label("incident"), self.tc(label(f"incident.{r.incident_type}"))),
            (self.label(label("event_date")), self.tc(day(r.event_date), bold=True)),
            (self.label("outcome"), self.tc(label(f"outcome.{r.outcome}"))),
        ]
        return [*self.h2("sec_person"), self.kv(rows, four=True)]

    # ------------------------------------------------------------------------------------------ inputs
    def inputs(self) -> list[Flowable]:
        c, lx = self.case, self.lx
        out = self.h2("sec_inputs")
        L, T = self.label, self.tc
        rows: list[tuple[Flowable, Flowable]] = []
        if c.claim_date:
            rows.append((L("claim_date"), T(day(c.claim_date))))
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
                        T(day(d.date_of_birth)),
                        self.lines_cell(details),
                    ]
                )
            out.append(self.grid(data, [60 * mm, 32 * mm, 24 * mm, WIDTH - 116 * mm]))
        return out
