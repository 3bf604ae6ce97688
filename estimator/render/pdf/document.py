"""The claimant's summary as reportlab flowables, built from a Result and its Case (nothing is recomputed).

Texts from the Result and the catalogs are drawn as plain text (:class:`TextCell`) or, where markup is
needed, escaped with :func:`esc` first; user-typed text (names, IC, reference, office) is always escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from estimator.engine.i18n import Text
from estimator.engine.money import pct
from estimator.model.case import Case, month_index
from estimator.model.result import (
    CAA,
    PDB,
    TDB,
    CommutationOption,
    Dependants,
    Funeral,
    Info,
    InvalidityGrant,
    InvalidityPension,
    Payee,
    Result,
    SchedulePeriod,
    Step,
    SurvivorsPension,
    WageMonthInfo,
)
from estimator.render.pdf.cells import Block, RunLine, TextCell
from estimator.render.pdf.cells import SummaryTable as Table
from estimator.render.pdf.chart import timeline_drawing
from estimator.render.pdf.fonts import BOLD, REGULAR
from estimator.render.pdf.styles import (
    AMBER_BG,
    AMBER_LINE,
    DAGGER,
    GREEN,
    GRID,
    INK,
    LIGHT,
    NAVY,
    RED,
    RED_BG,
    grid_table,
    kv_table_style,
    styles,
)
from estimator.render.pdf.text import SECONDARY_COLOR, Lx, day, esc, money, num_text

WIDTH = 178 * mm  # A4 less 16 mm margins
SEC = colors.HexColor(SECONDARY_COLOR)
HEAD_SEC = colors.HexColor("#d5deea")
LABEL = colors.HexColor("#4f5b69")


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


@dataclass
class ReportOptions:
    lang: str = "en"
    office_name: str = ""
    office_address: str = ""
    mask_ic: bool = True
    generated_on: date | None = None


GROUP_MONTHS_OVER = 12  # a longer wage history is shown with runs of identical months merged


def group_months(months: Sequence[WageMonthInfo]) -> list[list[WageMonthInfo]]:
    """Runs of consecutive months with the same wage, band, assumed wage, table and flags."""
    groups: list[list[WageMonthInfo]] = []
    for wm in months:
        if groups:
            last = groups[-1][-1]
            same = (
                last.wage,
                last.band_item,
                last.band,
                last.assumed_wage,
                last.table,
                last.in_window,
                last.provisional,
            ) == (wm.wage, wm.band_item, wm.band, wm.assumed_wage, wm.table, wm.in_window, wm.provisional)
            if same and month_index(wm.month) == month_index(last.month) + 1:
                groups[-1].append(wm)
                continue
        groups.append([wm])
    return groups


def _text_lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace("\r", "\n").split("\n") if line.strip()]


class SummaryBuilder:
    def __init__(self, result: Result, case: Case, options: ReportOptions) -> None:
        self.r = result
        self.case = case
        self.o = options
        self.lx = Lx(options.lang)
        self.s = styles()
        self.generated_on = options.generated_on or date.today()
        self.step_no = {s.id: n for n, s in enumerate(result.steps, start=1)}
        self.step_users: dict[str, list[Text]] = {}
        for b in result.benefits:
            ids = list(b.step_ids)
            if isinstance(b, PDB):
                ids += [o.step_id for o in b.options]
            for sid in ids:
                users = self.step_users.setdefault(sid, [])
                if b.title not in users:
                    users.append(b.title)

    # ------------------------------------------------------------------------------------------ helpers
    def p(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, getattr(self.s, style))

    def dag(self, provisional: bool) -> str:
        return f" {DAGGER}" if provisional else ""

    def parts(self, text: Text | str | None) -> list[str]:
        if text is None:
            return [""]
        if isinstance(text, str):
            return [text]
        return self.lx._parts(text) or [""]

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

    def label(self, key: str, **args: object) -> TextCell:
        return self.tc(self.lx.k(key, **args), size=7.8, color=LABEL, sec_size=6.8)

    def head(self, key: str, right: bool = False) -> TextCell:
        return self.tc(
            self.lx.k(key),
            bold=True,
            right=right,
            size=7.5,
            color=colors.white,
            sec_size=6.5,
            sec_color=HEAD_SEC,
        )

    def h2(self, key: str) -> list[Flowable]:
        parts = self.parts(self.lx.k(key))
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

    def yes_no(self, value: bool | None) -> TextCell:
        return self.tc("—" if value is None else self.lx.k("yes" if value else "no"))

    def name_cell(self, name: str, sub: Text | str | None = None, bold: bool = True) -> TextCell:
        """A user-typed name, drawn as plain text (never read as markup: ``A & <B>`` prints as typed)."""
        blocks = [Block(name, BOLD if bold else REGULAR, 8, INK)]
        if sub:
            blocks.append(self.small_block(sub))
        return TextCell(blocks)

    def payee_name(self, index: int, payees: Sequence[Payee] = ()) -> str:
        """Plain name of a dependant (from the payee or the case), or "Dependant n"."""
        name = next((p.name for p in payees if p.index == index and p.name), "")
        if not name and 0 <= index < len(self.case.dependants):
            name = self.case.dependants[index].name
        return name or self.lx.kp("dep_unnamed", n=index + 1)

    def steps_ref(self, step_ids: Sequence[str]) -> str:
        nums = [str(self.step_no[s]) for s in step_ids if s in self.step_no]
        if not nums:
            return ""
        label = self.lx.plain(self.lx.k("how_calculated_ref"))
        steps = self.lx.plain(
            {lang: ", ".join(self.lx.k("step_n", n=n)[lang] for n in nums) for lang in ("en", "ms")}
        )
        return f"{label}: {steps}"

    # ------------------------------------------------------------------------------------------ story
    def story(self) -> list[Flowable]:
        return [
            *self.header(),
            *self.person(),
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
        ref = self.case.case_reference.strip()
        meta = (
            f"{lx.ki('generated_on')}: <b>{esc(day(self.generated_on))}</b><br/>"
            f"{lx.ki('case_reference')}: <b>{esc(ref) if ref else lx.ki('none')}</b>"
        )
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
        if ic and self.o.mask_ic:
            ic_cell: Flowable = self.tc(mask_ic(ic), extra=[self.small_block(lx.k("ic_masked"), 6.8)])
        else:
            ic_cell = self.tc(ic or "—")
        rows: list[tuple[Flowable, Flowable]] = [
            (self.label("insured_person"), self.name_cell(name) if name else self.tc("—")),
            (self.label("ic_number"), ic_cell),
            (self.label("date_of_birth"), self.tc(day(c.date_of_birth))),
            (self.label("age_at_event"), self.tc(lx.plain(lx.k("years", n=r.age_at_event)))),
            (self.label("scheme"), self.tc(lx.k(f"scheme.{r.scheme}"))),
            (self.label("incident"), self.tc(lx.k(f"incident.{r.incident_type}"))),
            (self.label("event_date"), self.tc(day(r.event_date), bold=True)),
            (self.label("outcome"), self.tc(lx.k(f"outcome.{r.outcome}"))),
        ]
        return [*self.h2("sec_person"), self.kv(rows, four=True)]

    # ------------------------------------------------------------------------------------------ summary
    def benefit_summary(self, b: object) -> tuple[str, Text | None, list[Text | str]]:
        """(amount, "a month"-like unit or None, lines of how it is paid) of one benefit."""
        k = self.lx.k
        per_month = k("per_month")
        if isinstance(b, TDB):
            return (
                money(b.total),
                None,
                [
                    k(
                        "for_days",
                        rate=money(b.daily_rate),
                        days=b.days,
                        first=day(b.first_day),
                        last=day(b.last_day),
                    )
                ],
            )
        if isinstance(b, PDB):
            how: list[Text | str] = [k("daily_monthly", daily=money(b.daily_rate))]
            for opt in b.options:
                key = "or_lump" if opt.monthly_amount == 0 else "or_option"
                option = self.lx.plain(k(f"opt.{opt.kind}"))
                how.append(k(key, option=option, lump=money(opt.lump_sum), monthly=money(opt.monthly_amount)))
            return money(b.monthly_amount), per_month, how
        if isinstance(b, CAA):
            return money(b.monthly_amount), per_month, [k("monthly_while")]
        if isinstance(b, Dependants):
            return (
                money(b.monthly_amount),
                per_month,
                [k("shared_by", daily=money(b.daily_rate), n=len(b.payees))],
            )
        if isinstance(b, Funeral):
            how = [k("one_payment")]
            if b.expenses is not None:
                how.append(k("funeral_how", expenses=money(b.expenses), cap=money(b.cap)))
            return money(b.total), None, how
        if isinstance(b, InvalidityPension):
            return (
                money(b.monthly_amount),
                per_month,
                [k("pension_how", rate=pct(b.rate_percent), amw=money(b.average_monthly_wage))],
            )
        if isinstance(b, InvalidityGrant):
            return money(b.total), None, [k("one_payment")]
        if isinstance(b, SurvivorsPension):
            how = [k("pension_how", rate=pct(b.rate_percent), amw=money(b.average_monthly_wage))]
            if b.payees:
                how.append(k("shared_n", n=len(b.payees)))
            return money(b.monthly_amount), per_month, how
        if isinstance(b, Info):
            return "—", None, [k("on_application")]
        return "—", None, []

    def how_cell(self, lines: list[Text | str]) -> TextCell:
        blocks: list[Block] = []
        for i, line in enumerate(lines):
            parts = self.parts(line)
            blocks.append(Block(parts[0], REGULAR, 8 if i == 0 else 7.5, INK))
            if len(parts) > 1:
                blocks.append(Block(parts[1], REGULAR, 7, SEC))
        return TextCell(blocks)

    def summary(self) -> list[Flowable]:
        out = self.h2("sec_summary")
        if self.r.benefits:
            data: list[list[Flowable | str]] = [
                [self.head("col_benefit"), self.head("col_amount", right=True), self.head("col_how_paid")]
            ]
            for b in self.r.benefits:
                amount, unit, how = self.benefit_summary(b)
                if amount == "—":
                    amount_cell = self.tc("—", right=True)
                else:
                    extra = [self.small_block(unit)] if unit else []
                    amount_cell = self.tc(
                        amount, bold=True, right=True, size=8.5, mark=b.provisional, extra=extra
                    )
                data.append([self.tc(b.title, bold=True), amount_cell, self.how_cell(how)])
            out.append(self.grid(data, [60 * mm, 34 * mm, WIDTH - 94 * mm]))
            if self.r.provisional or any(b.provisional for b in self.r.benefits):
                out.append(Spacer(1, 2))
                out.append(
                    self.p(
                        self.lx.m(self.lx.k("provisional_mark_legend"), size=6.8).replace(
                            "\u2020", DAGGER, 1
                        ),
                        "small",
                    )
                )
        else:
            out.append(self.para(self.lx.k("no_benefits")))
        if self.r.not_payable:
            rows = [[self.tc("\u2715", bold=True, color=RED), self.tc(n.reason)] for n in self.r.not_payable]
            out += [self.h3(self.lx.k("sec_not_payable")), self._note_box(rows, RED_BG, RED)]
        if self.r.warnings:
            rows = [
                [self.tc("!" if w.severity == "warning" else "i", bold=True), self.tc(w.message)]
                for w in self.r.warnings
            ]
            out += [self.h3(self.lx.k("sec_warnings")), self._note_box(rows, AMBER_BG, AMBER_LINE)]
        return out

    def _note_box(self, rows: Sequence[Sequence[Flowable]], bg: colors.Color, line: colors.Color) -> Table:
        t = Table([list(r) for r in rows], colWidths=[8 * mm, WIDTH - 8 * mm], hAlign="LEFT")
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
            rows.append((L("lec"), T(pct(c.loss_of_earning_capacity_percent))))
        if c.injuries:
            rows.append((L("injuries"), T(", ".join(c.injuries))))
        if c.needs_constant_attendance:
            rows.append((L("constant_attendance"), self.yes_no(True)))
        if c.funeral_expenses is not None:
            rows.append((L("funeral_expenses"), T(money(c.funeral_expenses))))
        if c.first_contribution_month:
            rows.append((L("first_contribution"), T(c.first_contribution_month)))
        if c.similar_worker_monthly_wage is not None:
            rows.append((L("similar_worker"), T(money(c.similar_worker_monthly_wage))))
        if c.police_report_made is not None:
            rows.append((L("police_report"), self.yes_no(c.police_report_made)))
        if rows:
            out.append(self.kv(rows, four=True))

        out.append(self.h3(lx.k("wages")))
        months = self.r.wage_months
        if months:
            out.append(self.para(lx.k("wages_hint"), "small", 6.8))
            data: list[list[Flowable | str]] = [
                [
                    self.head("col_month"),
                    self.head("col_wage", True),
                    self.head("col_band_item", True),
                    self.head("col_band"),
                    self.head("col_assumed", True),
                    self.head("col_table"),
                    self.head("col_used"),
                ]
            ]
            groups = group_months(months) if len(months) > GROUP_MONTHS_OVER else [[wm] for wm in months]
            if len(groups) < len(months):
                out.append(self.para(lx.k("wages_grouped"), "small", 6.8))
            for group in groups:
                wm = group[0]
                if len(group) == 1:
                    when = T(wm.month)
                else:
                    when = T(
                        f"{wm.month} \u2013 {group[-1].month}",
                        size=7.5,
                        extra=[self.small_block(lx.k("n_months", n=len(group)), 6.6)],
                    )
                data.append(
                    [
                        when,
                        T(money(wm.wage), right=True),
                        T(str(wm.band_item), right=True),
                        T(wm.band),
                        T(money(wm.assumed_wage), bold=True, right=True, mark=wm.provisional),
                        T(wm.table, size=6.6),
                        T("\u2713" if wm.in_window else "", bold=True, color=GREEN),
                    ]
                )
            month_w = 28 * mm if len(groups) < len(months) else 20 * mm
            widths = [month_w, 22 * mm, 12 * mm, WIDTH - month_w - 108 * mm, 27 * mm, 34 * mm, 13 * mm]
            out.append(self.grid(data, widths))
        else:
            out.append(self.para(lx.k("no_wages"), "small"))
        avg_rows: list[tuple[Flowable, Flowable]] = []
        if self.r.average_assumed_monthly_wage is not None:
            avg_rows.append((L("avg_monthly"), T(money(self.r.average_assumed_monthly_wage), bold=True)))
        if self.r.average_assumed_daily_wage is not None:
            avg_rows.append((L("avg_daily"), T(money(self.r.average_assumed_daily_wage), bold=True)))
        if avg_rows:
            out += [Spacer(1, 4), self.kv(avg_rows, four=True)]

        if c.dependants:
            out.append(self.h3(lx.k("dependants")))
            data = [
                [
                    self.head("col_name"),
                    self.head("col_relationship"),
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
                name = d.name or lx.kp("dep_unnamed", n=i + 1)
                data.append(
                    [
                        self.name_cell(name, bold=False),
                        T(lx.k(f"rel.{d.relationship}")),
                        T(day(d.date_of_birth)),
                        self.how_cell(details),
                    ]
                )
            out.append(self.grid(data, [60 * mm, 32 * mm, 24 * mm, WIDTH - 116 * mm]))
        return out

    # ------------------------------------------------------------------------------------------ details
    def details(self) -> list[Flowable]:
        if not self.r.benefits:
            return []
        out: list[Flowable] = [CondPageBreak(60 * mm), *self.h2("sec_details")]
        for b in self.r.benefits:
            block: list[Flowable] = [self.h3(b.title, b.provisional), *self.benefit_detail(b)]
            for note in b.notes:
                block.append(self.para(note, "small", 6.8))
            ref = self.steps_ref(b.step_ids)
            if ref:
                block.append(self.para(ref, "tiny"))
            head, rest = block[:2], block[2:]
            out.append(KeepTogether(head))
            out += rest
        return out

    def money_cell(self, value: Decimal, provisional: bool = False, bold: bool = True) -> TextCell:
        return self.tc(money(value), bold=bold, mark=provisional)

    def benefit_detail(self, b: object) -> list[Flowable]:
        lx, L, T, M = self.lx, self.label, self.tc, self.money_cell
        if isinstance(b, TDB):
            rows = [
                (L("daily_rate"), M(b.daily_rate)),
                (L("days_paid"), T(str(b.days))),
                (L("period"), T(lx.k("from_to", first=day(b.first_day), last=day(b.last_day)))),
                (L("total"), M(b.total, b.provisional)),
            ]
            return [self.kv(rows, four=True)]
        if isinstance(b, PDB):
            rows = [
                (L("lec"), T(pct(b.loss_of_earning_capacity_percent), bold=True)),
                (L("ptd_daily_rate"), M(b.ptd_daily_rate, bold=False)),
                (L("daily_rate"), M(b.daily_rate)),
                (L("monthly_30"), M(b.monthly_amount, b.provisional)),
                (L("monthly_28_31"), T(f"{money(b.monthly_amount_28)} / {money(b.monthly_amount_31)}")),
                (L("total_disablement"), self.yes_no(b.total_disablement)),
            ]
            out: list[Flowable] = [self.kv(rows, four=True)]
            if b.options:
                out += self.options_table(b)
            return out
        if isinstance(b, CAA):
            return [self.kv([(L("monthly_amount"), M(b.monthly_amount, b.provisional))], four=True)]
        if isinstance(b, Dependants):
            rows = [(L("daily_rate"), M(b.daily_rate)), (L("monthly_30"), M(b.monthly_amount, b.provisional))]
            return [self.kv(rows, four=True), *self.payees_block(b.payees, b.schedule)]
        if isinstance(b, Funeral):
            rows = [(L("total"), M(b.total, b.provisional)), (L("cap"), M(b.cap, bold=False))]
            if b.expenses is not None:
                rows.append((L("expenses"), M(b.expenses, bold=False)))
            return [self.kv(rows, four=True)]
        if isinstance(b, InvalidityPension):
            rows = [
                (L("average_monthly_wage"), M(b.average_monthly_wage, bold=False)),
                (L("rate_percent"), T(pct(b.rate_percent))),
                (L("monthly_amount"), M(b.monthly_amount, b.provisional)),
                (L("daily_rate_31"), M(b.daily_rate, bold=False)),
                (L("qualifying"), T(lx.k(f"qualifying.{b.qualifying}"))),
                (L("contributions"), T(str(b.contributions))),
            ]
            return [self.kv(rows, four=True)]
        if isinstance(b, InvalidityGrant):
            rows = [
                (L("contributions_paid"), M(b.contributions_paid, bold=False)),
                (L("interest"), M(b.interest, bold=False)),
                (L("total"), M(b.total, b.provisional)),
            ]
            return [self.kv(rows, four=True)]
        if isinstance(b, SurvivorsPension):
            rows = [
                (L("average_monthly_wage"), M(b.average_monthly_wage, bold=False)),
                (L("rate_percent"), T(pct(b.rate_percent))),
                (L("monthly_amount"), M(b.monthly_amount, b.provisional)),
                (L("qualifying"), T(lx.k(f"qualifying.{b.qualifying}"))),
            ]
            return [self.kv(rows, four=True), *self.payees_block(b.payees, b.schedule)]
        if isinstance(b, Info):
            if not b.conditions:
                return [self.para(lx.k("on_application"), "small", 6.8)]
            rows2 = [[T("\u2022", bold=True, color=NAVY), T(cond)] for cond in b.conditions]
            t = Table(rows2, colWidths=[5 * mm, WIDTH - 5 * mm], hAlign="LEFT")
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
            return [t]
        return []

    def options_table(self, b: PDB) -> list[Flowable]:
        lx, T = self.lx, self.tc
        opts: list[CommutationOption] = list(b.options)
        n = len(opts) + 1
        first_w = 46 * mm
        col_w = (WIDTH - first_w) / n
        header: list[Flowable | str] = [self.head("commutation"), self.head("opt_monthly_only", True)]
        header += [
            self.tc(
                lx.k(f"opt.{o.kind}"),
                bold=True,
                right=True,
                size=7.5,
                color=colors.white,
                sec_size=6.5,
                sec_color=HEAD_SEC,
            )
            for o in opts
        ]

        def row(
            key: str, base: str, values: list[tuple[str, bool]], bold: bool = False, base_mark: bool = False
        ) -> list[Flowable | str]:
            return [
                self.label(key),
                T(base, right=True, bold=bold, mark=base_mark),
                *[T(v, right=True, bold=bold, mark=m) for v, m in values],
            ]

        data: list[list[Flowable | str]] = [
            header,
            row("opt_row_lump", "—", [(money(o.lump_sum), o.provisional) for o in opts], bold=True),
            row(
                "opt_row_monthly",
                money(b.monthly_amount),
                [(money(o.monthly_amount), o.provisional) for o in opts],
                bold=True,
                base_mark=b.provisional,
            ),
            row(
                "opt_row_daily",
                money(b.daily_rate),
                [(f"{money(o.commuted_daily_rate)} / {money(o.remaining_daily_rate)}", False) for o in opts],
            ),
            row(
                "opt_row_factor",
                "—",
                [(f"{lx.plain(lx.k('age_n', age=o.age))}; {num_text(o.factor)}", False) for o in opts],
            ),
            row(
                "opt_row_break_even",
                "—",
                [
                    (
                        lx.plain(lx.k("age_n", age=num_text(o.break_even_age)))
                        if o.break_even_age is not None
                        else lx.plain(lx.k("break_even_none")),
                        False,
                    )
                    for o in opts
                ],
            ),
        ]
        method_row: list[Flowable | str] = [self.label("opt_row_method"), T("")]
        for o in opts:
            ref = self.steps_ref([o.step_id])
            method_row.append(
                self.tc(
                    o.method, size=6.8, sec_size=6.3, extra=[Block(ref, REGULAR, 6.3, SEC)] if ref else []
                )
            )
        data.append(method_row)
        extra = [("BACKGROUND", (0, 1), (0, -1), LIGHT), ("LINEBEFORE", (1, 0), (-1, -1), 0.35, GRID)]
        t = self.grid(data, [first_w] + [col_w] * n, extra=extra, zebra=False)
        return [Spacer(1, 5), KeepTogether([self.para(lx.k("commutation_hint"), "small", 6.8), t])]

    def payees_block(self, payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> list[Flowable]:
        lx, T = self.lx, self.tc
        out: list[Flowable] = []
        if payees:
            out.append(self.h3(lx.k("split")))
            data: list[list[Flowable | str]] = [
                [
                    self.head("col_name"),
                    self.head("col_share", True),
                    self.head("col_daily", True),
                    self.head("col_monthly", True),
                    self.head("col_from"),
                    self.head("col_until"),
                    self.head("col_why_ends"),
                ]
            ]
            for p in payees:
                data.append(
                    [
                        self.name_cell(self.payee_name(p.index, payees), lx.k(f"rel.{p.relationship}")),
                        T(p.share, right=True, extra=[Block(pct(p.share_percent), REGULAR, 7, SEC)]),
                        T(money(p.daily_rate), right=True),
                        T(money(p.monthly_amount), bold=True, right=True),
                        T(day(p.starts_on)),
                        T(day(p.ends_on)) if p.ends_on else T(lx.k("open_ended"), size=7.5),
                        T(p.end_reason, size=7.5, sec_size=6.8),
                    ]
                )
            out.append(
                self.grid(data, [40 * mm, 15 * mm, 18 * mm, 22 * mm, 20.5 * mm, 20.5 * mm, WIDTH - 136 * mm])
            )
        if schedule:
            out += self.schedule_table(payees, schedule)
            out += self.chart(payees, schedule)
        return out

    def schedule_table(self, payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> list[Flowable]:
        lx, T = self.lx, self.tc
        order: list[int] = []
        for period in schedule:
            for pp in period.payees:
                if pp.index not in order:
                    order.append(pp.index)
        wide = len(order) <= 5
        head: list[Flowable | str] = [self.head("col_from"), self.head("col_until")]
        if wide:
            head += [
                self.tc(self.payee_name(i, payees), bold=True, right=True, size=7.5, color=colors.white)
                for i in order
            ]
        else:
            head.append(self.head("col_share"))
        head += [self.head("col_total_monthly", True), self.head("col_why")]
        data: list[list[Flowable | str]] = [head]
        for period in schedule:
            row: list[Flowable | str] = [
                T(day(period.start)),
                T(day(period.end)) if period.end else T(lx.k("open_ended"), size=7.5),
            ]
            by_index = {pp.index: pp for pp in period.payees}
            if wide:
                for i in order:
                    share = by_index.get(i)
                    row.append(
                        T(
                            money(share.monthly_amount),
                            right=True,
                            size=7.6,
                            extra=[Block(share.share, REGULAR, 6.6, SEC)],
                        )
                        if share
                        else T("—", right=True, color=SEC)
                    )
            else:
                lines = [
                    f"{self.payee_name(pp.index, payees)}: {money(pp.monthly_amount)} ({pp.share})"
                    for pp in period.payees
                ]
                row.append(T("\n".join(lines), size=7.5))
            row += [
                T(money(period.monthly_total), bold=True, right=True),
                T(period.reason, size=7.3, sec_size=6.6),
            ]
            data.append(row)
        dcol = 20.5 * mm
        fixed = 2 * dcol + 22 * mm
        if wide:
            why = 31 * mm
            each = (WIDTH - fixed - why) / len(order)
            widths = [dcol, dcol] + [each] * len(order) + [22 * mm, why]
        else:
            widths = [dcol, dcol, WIDTH - fixed - 40 * mm, 22 * mm, 40 * mm]
        return [
            self.h3(lx.k("schedule")),
            self.para(lx.k("schedule_hint"), "small", 6.8),
            self.grid(data, widths),
        ]

    def chart(self, payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> list[Flowable]:
        labels = {pp.index: self.payee_name(pp.index, payees) for period in schedule for pp in period.payees}
        drawing = timeline_drawing(schedule, labels, self.lx.kp("col_total_monthly"), WIDTH, 62 * mm)
        if drawing is None:
            return []
        parts: list[Flowable] = [
            Spacer(1, 6),
            self.tc(self.lx.plain(self.lx.k("chart_title")), bold=True, size=7.5, color=SEC),
            drawing,
        ]
        if schedule[-1].end is None:
            parts.append(self.para(self.lx.k("chart_open"), "tiny", 6.5))
        return [KeepTogether(parts)]

    # ------------------------------------------------------------------------------------------ steps
    def steps(self) -> list[Flowable]:
        if not self.r.steps:
            return []
        out: list[Flowable] = [
            CondPageBreak(70 * mm),
            *self.h2("sec_steps"),
            self.para(self.lx.k("steps_hint"), "small", 7),
        ]
        for n, step in enumerate(self.r.steps, start=1):
            out.append(self.step_block(n, step))
        return out

    def step_block(self, n: int, step: Step) -> Flowable:
        lx, L, T = self.lx, self.label, self.tc
        prefix = [Block(lx.k("step_n", n=n)[lx.primary] + "  ", BOLD, 9.5, SEC)]
        rows: list[tuple[Flowable, Flowable]] = [
            (L("formula"), T(step.formula)),
            (L("numbers"), T("\n".join(self.lx.plain(step.substituted).split("; ")), size=7.5)),
            (L("result"), T(self.lx.plain(step.result), bold=True, mark=step.provisional)),
        ]
        if step.rounding:
            rows.append((L("rounding"), T(step.rounding, size=7.5)))
        if step.note:
            rows.append((L("note"), T(step.note, size=7.5)))
        users = self.step_users.get(step.id, [])
        if users:
            rows.append((L("used_by"), T("; ".join(lx.plain(u) for u in users), size=7.5)))
        block: list[Flowable] = [
            self.h3(step.title, step.provisional, prefix=prefix),
            self.kv(rows, label_w=36 * mm),
        ]
        if step.params:
            data: list[list[Flowable | str]] = [
                [
                    self.head("col_rule"),
                    self.head("col_value"),
                    self.head("col_effective"),
                    self.head("col_source"),
                    self.head("col_confidence"),
                ]
            ]
            for prm in step.params:
                data.append(
                    [
                        T(prm.description, size=7.3, sec_size=6.6),
                        T(
                            prm.value,
                            size=7.5,
                            mark=prm.provisional,
                            extra=[Block(self.lx.plain(prm.note_text), REGULAR, 6.3, SEC)]
                            if prm.note
                            else [],
                        ),
                        T(day(prm.effective_from), size=7.5),
                        T(prm.source, size=6.6, color=LABEL),
                        T(
                            prm.confidence,
                            size=7,
                            bold=prm.provisional,
                            color=RED if prm.provisional else INK,
                        ),
                    ]
                )
            block += [Spacer(1, 2), self.grid(data, [52 * mm, 30 * mm, 20 * mm, WIDTH - 124 * mm, 22 * mm])]
        block.append(Spacer(1, 3))
        return KeepTogether(block)

    # ------------------------------------------------------------------------------------------ notes
    def notes(self) -> list[Flowable]:
        lx = self.lx
        out: list[Flowable] = [CondPageBreak(50 * mm), *self.h2("sec_notes")]
        if self.r.provisional_notes:
            out.append(self.h3(lx.k("provisional_notes"), prefix=[Block("\u2020 ", BOLD, 9.5, RED)]))
            data = [
                [self.tc(f"\u2020 {i}", bold=True, color=RED), self.tc(note, size=7.8)]
                for i, note in enumerate(self.r.provisional_notes, start=1)
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
            self.para(self.r.disclaimer),
        ]
        if "1-300-22-8000" not in " ".join(self.r.disclaimer.values()):
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
                self.label("rule_pack"),
                self.tc(lx.k("rule_pack_line", name=rules.name, version=rules.version, origin=rules.origin)),
            ),
            (self.label("sha256"), self.tc(rules.sha256, size=7.5)),
        ]
        out += [
            Spacer(1, 8),
            KeepTogether([box]),
            Spacer(1, 6),
            self.kv(rows, label_w=36 * mm),
            Spacer(1, 4),
            self.para(lx.k("prepared_by"), "tiny", 6.5),
        ]
        return out
