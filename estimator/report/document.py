"""The claimant's summary as reportlab flowables, built from a Result and its Case (nothing is recomputed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..case import Case
from ..i18n import Text
from ..money import pct
from ..record import (
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
)
from .chart import timeline_drawing
from .fonts import REGULAR
from .styles import (
    AMBER_BG,
    AMBER_LINE,
    DAGGER,
    GRID,
    LIGHT,
    NAVY,
    RED,
    RED_BG,
    grid_table,
    kv_table_style,
    styles,
)
from .text import SECONDARY_COLOR, Lx, day, esc, money, num_text

WIDTH = 178 * mm  # A4 less 16 mm margins


def mask_ic(ic: str) -> str:
    """``820511-01-2468`` -> ``******-**-2468``: every letter or digit but the last four becomes ``*``."""
    ic = ic.strip()
    if not ic:
        return ""
    keep = 4
    alnum = sum(1 for c in ic if c.isalnum())
    if alnum <= keep:
        return "*" * len(ic)
    out: list[str] = []
    seen = 0
    for c in ic:
        if c.isalnum():
            seen += 1
            out.append(c if seen > alnum - keep else "*")
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
            for sid in b.step_ids:
                self.step_users.setdefault(sid, []).append(b.title)
        for b in result.benefits:
            if isinstance(b, PDB):
                for opt in b.options:
                    self.step_users.setdefault(opt.step_id, [])
                    if b.title not in self.step_users[opt.step_id]:
                        self.step_users[opt.step_id].append(b.title)

    # ------------------------------------------------------------------------------------------ helpers
    def p(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, getattr(self.s, style))

    def dag(self, provisional: bool) -> str:
        return f" {DAGGER}" if provisional else ""

    def h2(self, key: str) -> list[Flowable]:
        parts = self.lx._parts(self.lx.k(key))
        markup = esc(parts[0])
        if len(parts) > 1:
            markup += f'<font name="{REGULAR}" color="{SECONDARY_COLOR}" size="10"> / {esc(parts[1])}</font>'
        return [self.p(markup, "h2"),
                HRFlowable(width="100%", thickness=1.2, color=NAVY, spaceBefore=0, spaceAfter=5)]

    def h3(self, markup: str) -> Paragraph:
        return self.p(markup, "h3")

    def h3_text(self, text: Text, provisional: bool = False) -> Paragraph:
        parts = self.lx._parts(text)
        markup = esc(parts[0])
        if len(parts) > 1:
            markup += f'<font name="{REGULAR}" color="{SECONDARY_COLOR}" size="8.5"> / {esc(parts[1])}</font>'
        return self.h3(markup + self.dag(provisional))

    def label(self, key: str, **args: object) -> Paragraph:
        return self.p(self.lx.km(key, size=6.8, **args), "label")

    def head(self, key: str, right: bool = False) -> Paragraph:
        text = self.lx.k(key)
        parts = self.lx._parts(text)
        markup = esc(parts[0])
        if len(parts) > 1:
            markup += f'<br/><font name="{REGULAR}" size="6.5" color="#d5deea">{esc(parts[1])}</font>'
        return self.p(markup, "head_r" if right else "head")

    def cell(self, markup: str, style: str = "cell") -> Paragraph:
        return self.p(markup, style)

    def kv(self, rows: Sequence[tuple[Flowable, Flowable]], four: bool = False, label_w: float = 62 * mm) -> Table:
        if four:
            data: list[list[Flowable | str]] = []
            for i in range(0, len(rows), 2):
                pair = list(rows[i:i + 2])
                row: list[Flowable | str] = [pair[0][0], pair[0][1]]
                row += [pair[1][0], pair[1][1]] if len(pair) > 1 else ["", ""]
                data.append(row)
            widths = [36 * mm, 53 * mm, 36 * mm, 53 * mm]
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(kv_table_style(4))
        else:
            t = Table([list(r) for r in rows], colWidths=[label_w, WIDTH - label_w], hAlign="LEFT")
            t.setStyle(kv_table_style(2))
        return t

    def grid(self, data: list[list[Flowable | str]], widths: Sequence[float], extra: Sequence[tuple[object, ...]] = (),
             header_rows: int = 1, zebra: bool = True) -> Table:
        t = Table(data, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
        t.setStyle(TableStyle([*grid_table(header_rows, zebra), *extra]))
        return t

    def text_block(self, text: Text | None, style: str = "body") -> Paragraph:
        return self.p(self.lx.m(text, size=7.5 if style == "body" else None), style)

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return "—"
        return self.lx.ki("yes" if value else "no")

    def payee_name(self, index: int, payees: Sequence[Payee] = ()) -> str:
        """Plain name of a dependant (from the case, or the payee), or "Dependant n"."""
        name = ""
        for p in payees:
            if p.index == index and p.name:
                name = p.name
        if not name and 0 <= index < len(self.case.dependants):
            name = self.case.dependants[index].name
        return name or self.lx.plain(self.lx.k("dep_unnamed", n=index + 1))

    def steps_ref(self, step_ids: Sequence[str]) -> str:
        nums = [str(self.step_no[s]) for s in step_ids if s in self.step_no]
        if not nums:
            return ""
        return self.lx.inline({lang: ", ".join(self.lx.k("step_n", n=n)[lang] for n in nums)
                               for lang in ("en", "ms")})

    # ------------------------------------------------------------------------------------------ story
    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        out += self.header()
        out += self.person()
        out += self.summary()
        out += self.inputs()
        out += self.details()
        out += self.steps()
        out += self.notes()
        return out

    # ------------------------------------------------------------------------------------------ header
    def header(self) -> list[Flowable]:
        office_lines = _text_lines(self.o.office_name)
        address_lines = _text_lines(self.o.office_address)
        left: list[Flowable] = []
        if office_lines:
            left.append(self.p("<b>" + "<br/>".join(esc(x) for x in office_lines) + "</b>", "office"))
        else:
            left.append(self.p("<b>" + self.lx.m(self.lx.k("office_default")) + "</b>", "office"))
        if address_lines:
            left.append(self.p("<br/>".join(esc(x) for x in address_lines), "small"))
        ref = self.case.case_reference.strip()
        meta = (f'{self.lx.ki("generated_on")}: <b>{esc(day(self.generated_on))}</b><br/>'
                f'{self.lx.ki("case_reference")}: <b>{esc(ref) if ref else self.lx.ki("none")}</b>')
        right: list[Flowable] = [
            self.p(self.lx.m(self.lx.k("doc_title"), size=11), "title"),
            Spacer(1, 2),
            self.p(f'<para alignment="right">{self.lx.inline(self.lx.k("doc_subtitle"))}</para>', "small"),
            self.p(f'<para alignment="right">{meta}</para>', "body"),
        ]
        top = Table([[left, right]], colWidths=[WIDTH * 0.45, WIDTH * 0.55])
        top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        banner_lines = [f"<b>{self.lx.inline(self.lx.k('estimate_banner'), sep='  /  ')}</b>"]
        if self.r.provisional:
            banner_lines.append(f'<font name="{REGULAR}" size="8">{DAGGER} '
                                f'{self.lx.m(self.lx.k("provisional_banner"), size=7.5)}</font>')
        banner = Table([[self.p("<br/>".join(banner_lines), "banner")]], colWidths=[WIDTH])
        banner.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), AMBER_BG),
                                    ("LINEBEFORE", (0, 0), (0, -1), 3, AMBER_LINE),
                                    ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
        return [top, HRFlowable(width="100%", thickness=2, color=NAVY, spaceBefore=6, spaceAfter=6), banner]

    # ------------------------------------------------------------------------------------------ person
    def person(self) -> list[Flowable]:
        c, r, lx = self.case, self.r, self.lx
        name = c.claimant_name.strip()
        ic = c.ic_number.strip()
        if ic and self.o.mask_ic:
            ic_markup = f'{esc(mask_ic(ic))} <font size="7" color="{SECONDARY_COLOR}">{lx.ki("ic_masked")}</font>'
        else:
            ic_markup = esc(ic) if ic else "—"
        rows: list[tuple[Flowable, Flowable]] = [
            (self.label("insured_person"), self.cell(f"<b>{esc(name)}</b>" if name else "—")),
            (self.label("ic_number"), self.cell(ic_markup)),
            (self.label("date_of_birth"), self.cell(esc(day(c.date_of_birth)))),
            (self.label("age_at_event"), self.cell(lx.ki("years", n=r.age_at_event))),
            (self.label("scheme"), self.cell(lx.m(lx.k(f"scheme.{r.scheme}"), size=7))),
            (self.label("incident"), self.cell(lx.m(lx.k(f"incident.{r.incident_type}"), size=7))),
            (self.label("event_date"), self.cell(f"<b>{esc(day(r.event_date))}</b>")),
            (self.label("outcome"), self.cell(lx.m(lx.k(f"outcome.{r.outcome}"), size=7))),
        ]
        return [*self.h2("sec_person"), self.kv(rows, four=True)]

    # ------------------------------------------------------------------------------------------ summary
    def _per(self, key: str) -> str:
        return f'<br/><font size="7" color="{SECONDARY_COLOR}">{self.lx.ki(key)}</font>'

    def benefit_summary(self, b: object) -> tuple[str, str]:
        """(amount markup, how-paid markup) of one benefit."""
        lx = self.lx
        if isinstance(b, TDB):
            return (money(b.total), lx.m(lx.k("for_days", rate=money(b.daily_rate), days=b.days,
                                                 first=day(b.first_day), last=day(b.last_day)), size=7))
        if isinstance(b, PDB):
            how = lx.m(lx.k("daily_monthly", daily=money(b.daily_rate)), size=7)
            for opt in b.options:
                how += "<br/>" + lx.inline(lx.k("or_option", option=lx.plain(lx.k(f"opt.{opt.kind}"), sep=" / "),
                                                 lump=money(opt.lump_sum), monthly=money(opt.monthly_amount)))
                how += self.dag(opt.provisional)
            return money(b.monthly_amount) + self._per("per_month"), how
        if isinstance(b, CAA):
            return money(b.monthly_amount) + self._per("per_month"), lx.m(lx.k("monthly_while"), size=7)
        if isinstance(b, Dependants):
            return (money(b.monthly_amount) + self._per("per_month"),
                    lx.m(lx.k("shared_by", daily=money(b.daily_rate), n=len(b.payees)), size=7))
        if isinstance(b, Funeral):
            how = lx.m(lx.k("one_payment"), size=7)
            if b.expenses is not None:
                how += "<br/>" + lx.inline(lx.k("funeral_how", expenses=money(b.expenses), cap=money(b.cap)))
            return money(b.total), how
        if isinstance(b, InvalidityPension):
            return (money(b.monthly_amount) + self._per("per_month"),
                    lx.m(lx.k("pension_how", rate=pct(b.rate_percent), amw=money(b.average_monthly_wage)), size=7))
        if isinstance(b, InvalidityGrant):
            return money(b.total), lx.m(lx.k("one_payment"), size=7)
        if isinstance(b, SurvivorsPension):
            how = lx.m(lx.k("pension_how", rate=pct(b.rate_percent), amw=money(b.average_monthly_wage)), size=7)
            if b.payees:
                how += "<br/>" + lx.inline(lx.k("shared_n", n=len(b.payees)))
            return money(b.monthly_amount) + self._per("per_month"), how
        if isinstance(b, Info):
            return "—", lx.m(lx.k("on_application"), size=7)
        return "—", ""

    def summary(self) -> list[Flowable]:
        out = self.h2("sec_summary")
        if self.r.benefits:
            data: list[list[Flowable | str]] = [[self.head("col_benefit"), self.head("col_amount", right=True),
                                                 self.head("col_how_paid")]]
            for b in self.r.benefits:
                amount, how = self.benefit_summary(b)
                amount_markup = amount
                if amount != "—":
                    figure, _, per = amount.partition("<br/>")
                    amount_markup = f"<b>{figure}</b>{self.dag(b.provisional)}" + (f"<br/>{per}" if per else "")
                data.append([self.cell(f"<b>{self.lx.m(b.title, size=7)}</b>"),
                             self.cell(amount_markup, "cell_r"), self.cell(how)])
            out.append(self.grid(data, [62 * mm, 36 * mm, WIDTH - 98 * mm]))
            if any(b.provisional for b in self.r.benefits) or self.r.provisional:
                out.append(Spacer(1, 2))
                out.append(self.p(self.lx.m(self.lx.k("provisional_mark_legend"), size=6.8).replace(
                    "\u2020", DAGGER, 1), "small"))
        else:
            out.append(self.p(self.lx.km("no_benefits"), "body"))
        if self.r.not_payable:
            rows = [[self.cell(f'<font color="#b42318"><b>\u2715</b></font>'),
                     self.cell(self.lx.m(n.reason, size=7))] for n in self.r.not_payable]
            out.append(self.h3(self.lx.ki("sec_not_payable")))
            out.append(self._note_box(rows, RED_BG, RED))
        if self.r.warnings:
            rows = [[self.cell("<b>!</b>" if w.severity == "warning" else "i"),
                     self.cell(self.lx.m(w.message, size=7))] for w in self.r.warnings]
            out.append(self.h3(self.lx.ki("sec_warnings")))
            out.append(self._note_box(rows, AMBER_BG, AMBER_LINE))
        return out

    def _note_box(self, rows: list[list[Flowable | str]], bg: colors.Color, line: colors.Color) -> Table:
        t = Table(rows, colWidths=[8 * mm, WIDTH - 8 * mm], hAlign="LEFT")
        t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), bg), ("LINEBEFORE", (0, 0), (0, -1), 2.5, line),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                               ("LINEBELOW", (0, 0), (-1, -2), 0.35, colors.white)]))
        return t

    # ------------------------------------------------------------------------------------------ inputs
    def inputs(self) -> list[Flowable]:
        c, lx = self.case, self.lx
        out = self.h2("sec_inputs")
        rows: list[tuple[Flowable, Flowable]] = [(self.label("event_date"), self.cell(esc(day(c.event_date))))]
        if c.claim_date:
            rows.append((self.label("claim_date"), self.cell(esc(day(c.claim_date)))))
        if c.outcome == "injury" or c.medical_leave_days:
            rows.append((self.label("medical_leave_days"), self.cell(str(c.medical_leave_days))))
            rows.append((self.label("days_worked"), self.cell(str(c.days_worked_with_wages))))
        if c.loss_of_earning_capacity_percent is not None:
            rows.append((self.label("lec"), self.cell(esc(pct(c.loss_of_earning_capacity_percent)))))
        if c.injuries:
            rows.append((self.label("injuries"), self.cell(esc(", ".join(c.injuries)))))
        if c.needs_constant_attendance:
            rows.append((self.label("constant_attendance"), self.cell(self.yes_no(True))))
        if c.funeral_expenses is not None:
            rows.append((self.label("funeral_expenses"), self.cell(money(c.funeral_expenses))))
        if c.first_contribution_month:
            rows.append((self.label("first_contribution"), self.cell(esc(c.first_contribution_month))))
        if c.similar_worker_monthly_wage is not None:
            rows.append((self.label("similar_worker"), self.cell(money(c.similar_worker_monthly_wage))))
        if c.police_report_made is not None:
            rows.append((self.label("police_report"), self.cell(self.yes_no(c.police_report_made))))
        out.append(self.kv(rows, four=True))

        # wages
        out.append(self.h3(lx.ki("wages")))
        months = self.r.wage_months
        if months:
            out.append(self.p(lx.m(lx.k("wages_hint"), size=6.8), "small"))
            data: list[list[Flowable | str]] = [[
                self.head("col_month"), self.head("col_wage", True), self.head("col_band_item", True),
                self.head("col_band"), self.head("col_assumed", True), self.head("col_table"),
                self.head("col_used")]]
            for wm in months:
                data.append([self.cell(esc(wm.month)), self.cell(money(wm.wage), "cell_r"),
                             self.cell(str(wm.band_item), "cell_r"), self.cell(esc(wm.band)),
                             self.cell(f"<b>{money(wm.assumed_wage)}</b>{self.dag(wm.provisional)}", "cell_r"),
                             self.cell(esc(wm.table)),
                             self.cell('<font color="#1e7b4a"><b>\u2713</b></font>' if wm.in_window else "")])
            out.append(self.grid(data, [20 * mm, 26 * mm, 16 * mm, 40 * mm, 30 * mm, 30 * mm, 16 * mm]))
        else:
            out.append(self.p(lx.km("no_wages"), "small"))
        avg_rows: list[tuple[Flowable, Flowable]] = []
        if self.r.average_assumed_monthly_wage is not None:
            avg_rows.append((self.label("avg_monthly"),
                             self.cell(f"<b>{money(self.r.average_assumed_monthly_wage)}</b>")))
        if self.r.average_assumed_daily_wage is not None:
            avg_rows.append((self.label("avg_daily"),
                             self.cell(f"<b>{money(self.r.average_assumed_daily_wage)}</b>")))
        if avg_rows:
            out.append(Spacer(1, 4))
            out.append(self.kv(avg_rows, four=True))

        if c.dependants:
            out.append(self.h3(lx.ki("dependants")))
            data = [[self.head("col_name"), self.head("col_relationship"), self.head("col_dob"),
                     self.head("col_details")]]
            for i, d in enumerate(c.dependants):
                details: list[Text] = []
                if d.in_higher_education:
                    details.append(lx.k("dep_higher_education"))
                if d.education_ends_on:
                    details.append(lx.k("dep_education_ends", date=day(d.education_ends_on)))
                if d.disabled:
                    details.append(lx.k("dep_disabled"))
                if d.married:
                    details.append(lx.k("dep_married"))
                detail = "<br/>".join(lx.inline(x) for x in details)
                data.append([self.cell(esc(d.name) if d.name else lx.ki("dep_unnamed", n=i + 1)),
                             self.cell(lx.m(lx.k(f"rel.{d.relationship}"), size=7)),
                             self.cell(esc(day(d.date_of_birth))), self.cell(detail)])
            out.append(self.grid(data, [62 * mm, 32 * mm, 24 * mm, WIDTH - 118 * mm]))
        return out

    # ------------------------------------------------------------------------------------------ details
    def details(self) -> list[Flowable]:
        if not self.r.benefits:
            return []
        out: list[Flowable] = [CondPageBreak(60 * mm), *self.h2("sec_details")]
        for b in self.r.benefits:
            block: list[Flowable] = [self.h3_text(b.title, b.provisional)]
            block += self.benefit_detail(b)
            for note in b.notes:
                block.append(self.p(self.lx.m(note, size=7), "small"))
            ref = self.steps_ref(b.step_ids)
            if ref:
                block.append(self.p(f'{self.lx.ki("how_calculated_ref")}: {ref}', "tiny"))
            out.append(KeepTogether(block[:3]) if len(block) >= 3 else KeepTogether(block))
            out += block[3:]
        return out

    def benefit_detail(self, b: object) -> list[Flowable]:
        lx = self.lx
        L, C = self.label, self.cell
        if isinstance(b, TDB):
            rows = [(L("daily_rate"), C(f"<b>{money(b.daily_rate)}</b>")), (L("days_paid"), C(str(b.days))),
                    (L("period"), C(lx.ki("from_to", first=day(b.first_day), last=day(b.last_day)))),
                    (L("total"), C(f"<b>{money(b.total)}</b>{self.dag(b.provisional)}"))]
            return [self.kv(rows, four=True)]
        if isinstance(b, PDB):
            rows = [(L("lec"), C(f"<b>{esc(pct(b.loss_of_earning_capacity_percent))}</b>")),
                    (L("ptd_daily_rate"), C(money(b.ptd_daily_rate))),
                    (L("daily_rate"), C(f"<b>{money(b.daily_rate)}</b>")),
                    (L("monthly_30"), C(f"<b>{money(b.monthly_amount)}</b>{self.dag(b.provisional)}")),
                    (L("monthly_28_31"), C(f"{money(b.monthly_amount_28)} / {money(b.monthly_amount_31)}")),
                    (L("total_disablement"), C(self.yes_no(b.total_disablement)))]
            out: list[Flowable] = [self.kv(rows, four=True)]
            if b.options:
                out += self.options_table(b)
            return out
        if isinstance(b, CAA):
            return [self.kv([(L("monthly_amount"), C(f"<b>{money(b.monthly_amount)}</b>{self.dag(b.provisional)}"))],
                            four=True)]
        if isinstance(b, Dependants):
            rows = [(L("daily_rate"), C(f"<b>{money(b.daily_rate)}</b>")),
                    (L("monthly_30"), C(f"<b>{money(b.monthly_amount)}</b>{self.dag(b.provisional)}"))]
            return [self.kv(rows, four=True), *self.payees_block(b.payees, b.schedule)]
        if isinstance(b, Funeral):
            rows = [(L("total"), C(f"<b>{money(b.total)}</b>{self.dag(b.provisional)}")), (L("cap"), C(money(b.cap)))]
            if b.expenses is not None:
                rows.append((L("expenses"), C(money(b.expenses))))
            return [self.kv(rows, four=True)]
        if isinstance(b, InvalidityPension):
            rows = [(L("average_monthly_wage"), C(money(b.average_monthly_wage))),
                    (L("rate_percent"), C(esc(pct(b.rate_percent)))),
                    (L("monthly_amount"), C(f"<b>{money(b.monthly_amount)}</b>{self.dag(b.provisional)}")),
                    (L("daily_rate_31"), C(money(b.daily_rate))),
                    (L("qualifying"), C(lx.inline(lx.k(f"qualifying.{b.qualifying}")))),
                    (L("contributions"), C(str(b.contributions)))]
            return [self.kv(rows, four=True)]
        if isinstance(b, InvalidityGrant):
            rows = [(L("contributions_paid"), C(money(b.contributions_paid))), (L("interest"), C(money(b.interest))),
                    (L("total"), C(f"<b>{money(b.total)}</b>{self.dag(b.provisional)}"))]
            return [self.kv(rows, four=True)]
        if isinstance(b, SurvivorsPension):
            rows = [(L("average_monthly_wage"), C(money(b.average_monthly_wage))),
                    (L("rate_percent"), C(esc(pct(b.rate_percent)))),
                    (L("monthly_amount"), C(f"<b>{money(b.monthly_amount)}</b>{self.dag(b.provisional)}")),
                    (L("qualifying"), C(lx.inline(lx.k(f"qualifying.{b.qualifying}"))))]
            return [self.kv(rows, four=True), *self.payees_block(b.payees, b.schedule)]
        if isinstance(b, Info):
            paras: list[Flowable] = [self.p(f"\u2022 {lx.m(cond, size=7)}", "body") for cond in b.conditions]
            return paras
        return []

    def options_table(self, b: PDB) -> list[Flowable]:
        lx = self.lx
        opts: list[CommutationOption] = list(b.options)
        n = len(opts) + 1
        first_w = 46 * mm
        col_w = (WIDTH - first_w) / n
        header: list[Flowable | str] = [self.head("commutation"), self.head("opt_monthly_only", True)]
        header += [self.p(f'{self.lx.km("opt." + o.kind, size=6.5).replace(SECONDARY_COLOR, "#d5deea")}'
                          f'{" " + DAGGER.replace("#b42318", "#ffb4a8") if o.provisional else ""}', "head_r")
                   for o in opts]
        R = "cell_r"

        def row(key: str, base: str, values: list[str], bold: bool = False) -> list[Flowable | str]:
            style = "cell_rb" if bold else R
            return [self.label(key), self.cell(base, style), *[self.cell(v, style) for v in values]]

        data: list[list[Flowable | str]] = [
            header,
            row("opt_row_lump", "—", [money(o.lump_sum) + self.dag(o.provisional) for o in opts], bold=True),
            row("opt_row_monthly", money(b.monthly_amount) + self.dag(b.provisional),
                [money(o.monthly_amount) + self.dag(o.provisional) for o in opts], bold=True),
            row("opt_row_daily", money(b.daily_rate),
                [f"{money(o.commuted_daily_rate)} / {money(o.remaining_daily_rate)}" for o in opts]),
            row("opt_row_factor", "—", [f"{lx.ki('age_n', age=o.age)}, {esc(num_text(o.factor))}" for o in opts]),
            row("opt_row_break_even", "—",
                [lx.ki("age_n", age=num_text(o.break_even_age)) if o.break_even_age is not None
                 else lx.ki("break_even_none") for o in opts]),
        ]
        method_row: list[Flowable | str] = [self.label("opt_row_method"), self.cell("")]
        method_row += [self.p(lx.m(o.method, size=6.5) + (f'<br/>{self.steps_ref([o.step_id])}'
                                                          if o.step_id in self.step_no else ""), "tiny")
                       for o in opts]
        data.append(method_row)
        extra = [("BACKGROUND", (0, 1), (0, -1), LIGHT), ("LINEBEFORE", (1, 0), (-1, -1), 0.35, GRID)]
        t = self.grid(data, [first_w] + [col_w] * n, extra=extra, zebra=False)
        return [Spacer(1, 5), self.p(lx.m(lx.k("commutation_hint"), size=6.8), "small"), t]

    def payees_block(self, payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> list[Flowable]:
        lx = self.lx
        out: list[Flowable] = []
        if payees:
            out.append(self.h3(lx.ki("split")))
            data: list[list[Flowable | str]] = [[
                self.head("col_name"), self.head("col_share", True), self.head("col_daily", True),
                self.head("col_monthly", True), self.head("col_from"), self.head("col_until"),
                self.head("col_why_ends")]]
            for p in payees:
                name = esc(self.payee_name(p.index, payees))
                rel = lx.inline(lx.k(f"rel.{p.relationship}"))
                data.append([
                    self.cell(f"<b>{name}</b><br/><font size=\"7\" color=\"{SECONDARY_COLOR}\">{rel}</font>"),
                    self.cell(f"{esc(p.share)}<br/><font size=\"7\" color=\"{SECONDARY_COLOR}\">"
                              f"{esc(pct(p.share_percent))}</font>", "cell_r"),
                    self.cell(money(p.daily_rate), "cell_r"),
                    self.cell(f"<b>{money(p.monthly_amount)}</b>", "cell_r"),
                    self.cell(esc(day(p.starts_on))),
                    self.cell(esc(day(p.ends_on)) if p.ends_on else lx.m(lx.k("open_ended"), size=7)),
                    self.cell(lx.m(p.end_reason, size=7))])
            out.append(self.grid(data, [42 * mm, 16 * mm, 18 * mm, 22 * mm, 20.5 * mm, 20.5 * mm,
                                        WIDTH - 139 * mm]))
        if schedule:
            out += self.schedule_table(payees, schedule)
            out += self.chart(payees, schedule)
        return out

    def schedule_table(self, payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> list[Flowable]:
        lx = self.lx
        order: list[int] = []
        for period in schedule:
            for pp in period.payees:
                if pp.index not in order:
                    order.append(pp.index)
        wide = len(order) <= 5
        head: list[Flowable | str] = [self.head("col_from"), self.head("col_until")]
        if wide:
            head += [self.p(f"<b>{esc(self.payee_name(i, payees))}</b>", "head_r") for i in order]
        else:
            head.append(self.head("col_share"))
        head += [self.head("col_total_monthly", True), self.head("col_why")]
        data: list[list[Flowable | str]] = [head]
        for period in schedule:
            row: list[Flowable | str] = [self.cell(esc(day(period.start))),
                                         self.cell(esc(day(period.end)) if period.end
                                                   else lx.m(lx.k("open_ended"), size=7))]
            by_index = {pp.index: pp for pp in period.payees}
            if wide:
                for i in order:
                    pp = by_index.get(i)
                    row.append(self.cell(
                        f"{money(pp.monthly_amount)}<br/><font size=\"6.8\" color=\"{SECONDARY_COLOR}\">"
                        f"{esc(pp.share)}</font>" if pp else f'<font color="{SECONDARY_COLOR}">—</font>', "cell_r"))
            else:
                lines = [f"{esc(self.payee_name(pp.index, payees))}: {money(pp.monthly_amount)} ({esc(pp.share)})"
                         for pp in period.payees]
                row.append(self.cell("<br/>".join(lines)))
            row += [self.cell(f"<b>{money(period.monthly_total)}</b>", "cell_r"),
                    self.cell(lx.m(period.reason, size=6.8))]
            data.append(row)
        dcol = 20.5 * mm
        fixed = 2 * dcol + 22 * mm
        if wide:
            why = 34 * mm
            each = (WIDTH - fixed - why) / len(order)
            widths = [dcol, dcol] + [each] * len(order) + [22 * mm, why]
        else:
            widths = [dcol, dcol, WIDTH - fixed - 40 * mm, 22 * mm, 40 * mm]
        return [self.h3(lx.ki("schedule")), self.p(lx.m(lx.k("schedule_hint"), size=6.8), "small"),
                self.grid(data, widths)]

    def chart(self, payees: Sequence[Payee], schedule: Sequence[SchedulePeriod]) -> list[Flowable]:
        labels: dict[int, str] = {}
        for period in schedule:
            for pp in period.payees:
                labels[pp.index] = self.payee_name(pp.index, payees)
        drawing = timeline_drawing(schedule, labels, self.lx.kp("col_total_monthly"), WIDTH, 62 * mm)
        if drawing is None:
            return []
        caption = self.p(f"<b>{self.lx.ki('chart_title')}</b>", "small")
        foot: list[Flowable] = []
        if schedule[-1].end is None:
            foot = [self.p(self.lx.m(self.lx.k("chart_open"), size=6.5), "tiny")]
        return [KeepTogether([Spacer(1, 6), caption, drawing, *foot])]

    # ------------------------------------------------------------------------------------------ steps
    def steps(self) -> list[Flowable]:
        if not self.r.steps:
            return []
        out: list[Flowable] = [CondPageBreak(70 * mm), *self.h2("sec_steps"),
                               self.p(self.lx.m(self.lx.k("steps_hint"), size=7), "small")]
        for n, step in enumerate(self.r.steps, start=1):
            out.append(self.step_block(n, step))
        return out

    def step_block(self, n: int, step: Step) -> Flowable:
        lx = self.lx
        parts = lx._parts(step.title)
        title = f'<font color="{SECONDARY_COLOR}">{lx.ki("step_n", n=n)}</font>  {esc(parts[0])}'
        if len(parts) > 1:
            title += f'<font name="{REGULAR}" color="{SECONDARY_COLOR}" size="8.5"> / {esc(parts[1])}</font>'
        title += self.dag(step.provisional)
        L, C = self.label, self.cell
        rows: list[tuple[Flowable, Flowable]] = [
            (L("formula"), C(lx.m(step.formula, size=7))),
            (L("numbers"), C(esc(step.substituted), "mono")),
            (L("result"), C(f"<b>{esc(step.result)}</b>{self.dag(step.provisional)}")),
        ]
        if step.rounding:
            rows.append((L("rounding"), C(lx.m(step.rounding, size=7))))
        if step.note:
            rows.append((L("note"), C(lx.m(step.note, size=7))))
        users = self.step_users.get(step.id, [])
        if users:
            rows.append((L("used_by"), C("; ".join(lx.inline(u) for u in users))))
        block: list[Flowable] = [self.p(title, "h3"), self.kv(rows, label_w=40 * mm)]
        if step.params:
            data: list[list[Flowable | str]] = [[self.head("col_rule"), self.head("col_value"),
                                                 self.head("col_effective"), self.head("col_source"),
                                                 self.head("col_confidence")]]
            for prm in step.params:
                desc = lx.m(prm.description, size=6.5)
                desc += f'<br/><font size="6.3" color="{SECONDARY_COLOR}">{esc(prm.key)}</font>'
                value = esc(prm.value) + self.dag(prm.provisional)
                if prm.note:
                    value += f'<br/><font size="6.3" color="{SECONDARY_COLOR}">{esc(prm.note)}</font>'
                conf = esc(prm.confidence)
                if prm.provisional:
                    conf = f'<font color="#b42318"><b>{conf}</b></font>'
                data.append([self.p(desc, "cell"), self.p(value, "cell"), self.p(esc(day(prm.effective_from)), "cell"),
                             self.p(esc(prm.source), "tiny"), self.p(conf, "cell")])
            block.append(Spacer(1, 2))
            block.append(self.grid(data, [50 * mm, 30 * mm, 22 * mm, WIDTH - 124 * mm, 22 * mm],
                                   extra=[("FONTSIZE", (0, 0), (-1, -1), 7)]))
        block.append(Spacer(1, 3))
        return KeepTogether(block)

    # ------------------------------------------------------------------------------------------ notes
    def notes(self) -> list[Flowable]:
        lx = self.lx
        out: list[Flowable] = [CondPageBreak(50 * mm), *self.h2("sec_notes")]
        if self.r.provisional_notes:
            out.append(self.h3(f"{DAGGER} {lx.ki('provisional_notes')}"))
            data = [[self.cell(f"{DAGGER} {i}"), self.cell(lx.m(note, size=7))]
                    for i, note in enumerate(self.r.provisional_notes, start=1)]
            t = Table(data, colWidths=[10 * mm, WIDTH - 10 * mm], hAlign="LEFT")
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.35, GRID)]))
            out.append(t)
        important = [self.p(f"<b>{lx.ki('disclaimer_title')}</b>", "body"),
                     self.text_block(self.r.disclaimer),
                     self.text_block(lx.k("where_to_claim"))]
        box = Table([[important]], colWidths=[WIDTH])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, NAVY), ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                                 ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
        out += [Spacer(1, 8), KeepTogether([box])]
        rules = self.r.rules
        rows = [(self.label("rule_pack"), self.cell(lx.ki("rule_pack_line", name=rules.name, version=rules.version,
                                                          origin=rules.origin))),
                (self.label("sha256"), self.cell(esc(rules.sha256), "mono"))]
        out += [Spacer(1, 6), self.kv(rows), Spacer(1, 4), self.p(lx.m(lx.k("prepared_by"), size=6.5), "tiny")]
        return out
