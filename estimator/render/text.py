"""A readable plain-text rendering of a Result (the CLI's default output)."""

from __future__ import annotations

from estimator.engine.i18n import pick, tr
from estimator.engine.money import rm
from estimator.model.result import (
    CAA,
    PDB,
    TDB,
    Dependants,
    Funeral,
    Info,
    InvalidityGrant,
    InvalidityPension,
    Result,
    SchedulePeriod,
    SurvivorsPension,
)

L = {
    "title": ("Faedah — PERKESO benefit estimate", "Faedah — anggaran faedah PERKESO"),
    "event": ("Event", "Kejadian"),
    "age": ("Age at the event", "Umur pada tarikh kejadian"),
    "avg_m": ("Average assumed monthly wage", "Purata gaji bulanan andaian"),
    "avg_d": ("Assumed average daily wage", "Purata gaji harian andaian"),
    "wages": ("Wage months", "Bulan gaji"),
    "benefits": ("Benefits", "Faedah"),
    "daily": ("daily rate", "kadar harian"),
    "days": ("days", "hari"),
    "total": ("total", "jumlah"),
    "monthly": ("monthly", "bulanan"),
    "lump": ("lump sum", "bayaran sekaligus"),
    "then": ("then monthly", "kemudian bulanan"),
    "instead": ("or, without commuting, monthly", "atau, tanpa komut, bulanan"),
    "break_even": ("break-even age", "umur pulang modal"),
    "payees": ("Payees", "Penerima"),
    "until": ("until", "sehingga"),
    "life": ("no end date", "tiada tarikh tamat"),
    "schedule": ("Schedule", "Jadual"),
    "not_payable": ("Not payable", "Tidak dibayar"),
    "warnings": ("Notes and warnings", "Catatan dan amaran"),
    "how": ("How this was calculated", "Cara pengiraan"),
    "rule": ("rule", "peraturan"),
    "provisional": ("PROVISIONAL", "SEMENTARA"),
    "prov_notes": ("Provisional values", "Nilai sementara"),
    "rules": ("Rule pack", "Pek peraturan"),
    "in_window": ("used", "diguna"),
    "lec": ("loss of earning capacity", "hilang keupayaan"),
    "rate": ("rate", "kadar"),
    "qualifying": ("qualifying", "kelayakan"),
    "contributions_paid": ("contributions paid", "caruman dibayar"),
    "interest": ("interest", "faedah"),
    "expenses": ("expenses", "perbelanjaan"),
    "cap": ("maximum", "maksimum"),
}


def _l(key: str, lang: str) -> str:
    en, ms = L[key]
    return ms if lang == "ms" else en


def _period(p: SchedulePeriod, lang: str, names: dict[int, str]) -> str:
    end = p.end.isoformat() if p.end else "…"
    parts = ", ".join(
        f"{names.get(x.index, '#' + str(x.index + 1))} {x.share} {rm(x.daily_rate)}/{_l('days', lang)[:3]} "
        f"({rm(x.monthly_amount)})"
        for x in p.payees
    )
    return f"    {p.start.isoformat()} – {end}: {rm(p.monthly_total)} {_l('monthly', lang)} [{parts}]"


def render_text(result: Result, lang: str = "en", explain: bool = True) -> str:
    if lang == "both":
        return (
            render_text(result, "en", explain) + "\n" + "=" * 78 + "\n" + render_text(result, "ms", explain)
        )
    out: list[str] = []
    w = out.append
    prov = f" [{_l('provisional', lang)}]"
    w(_l("title", lang))
    w("=" * len(_l("title", lang)))
    w(
        f"{_l('event', lang)}: {result.scheme} / {result.incident_type} / {result.outcome}, {result.event_date.isoformat()}"
    )
    w(f"{_l('age', lang)}: {result.age_at_event}")
    if result.average_assumed_monthly_wage is not None:
        w(f"{_l('avg_m', lang)}: {rm(result.average_assumed_monthly_wage)}")
        if result.average_assumed_daily_wage is not None:
            w(f"{_l('avg_d', lang)}: {rm(result.average_assumed_daily_wage)}")
    if result.wage_months:
        w(f"\n{_l('wages', lang)}:")
        for m in result.wage_months[-24:]:
            mark = f" ({_l('in_window', lang)})" if m.in_window else ""
            w(
                f"  {m.month}  {rm(m.wage):>14}  item {m.band_item:>2}  → {rm(m.assumed_wage)}{mark}"
                f"{' †' if m.provisional else ''}"
            )
        if len(result.wage_months) > 24:
            w(f"  … ({len(result.wage_months) - 24} earlier months)")
    w(f"\n{_l('benefits', lang)}:")
    for b in result.benefits:
        head = f"* {pick(b.title, lang)}{prov if b.provisional else ''}"
        w(head)
        if isinstance(b, TDB):
            w(
                f"    {_l('daily', lang)} {rm(b.daily_rate)} × {b.days} {_l('days', lang)} = {rm(b.total)}"
                f"  ({b.first_day.isoformat()} – {b.last_day.isoformat()})"
            )
        elif isinstance(b, PDB):
            w(
                f"    {_l('lec', lang)} {b.loss_of_earning_capacity_percent.normalize():f}%: {_l('daily', lang)} "
                f"{rm(b.daily_rate)}, {_l('monthly', lang)} {rm(b.monthly_amount)} "
                f"(28–31: {rm(b.monthly_amount_28)} – {rm(b.monthly_amount_31)})"
            )
            for o in b.options:
                be = f", {_l('break_even', lang)} {o.break_even_age}" if o.break_even_age is not None else ""
                w(
                    f"    {o.kind}: {_l('lump', lang)} {rm(o.lump_sum)}, {_l('then', lang)} {rm(o.monthly_amount)}; "
                    f"{_l('instead', lang)} {rm(o.alternative_monthly_amount)}{be}{prov if o.provisional else ''}"
                )
        elif isinstance(b, CAA):
            w(f"    {_l('monthly', lang)} {rm(b.monthly_amount)}")
        elif isinstance(b, (Dependants, SurvivorsPension)):
            if isinstance(b, Dependants):
                w(
                    f"    {_l('daily', lang)} {rm(b.daily_rate)} ({_l('monthly', lang)} {rm(b.monthly_amount)})"
                )
            else:
                w(
                    f"    {_l('rate', lang)} {b.rate_percent.normalize():f}%, {_l('monthly', lang)} "
                    f"{rm(b.monthly_amount)} ({_l('qualifying', lang)}: {b.qualifying})"
                )
            names = {p.index: (p.name or pick(tr(f"rel.{p.relationship}"), lang)) for p in b.payees}
            w(f"    {_l('payees', lang)}:")
            for p in b.payees:
                until = f"{_l('until', lang)} {p.ends_on.isoformat()}" if p.ends_on else _l("life", lang)
                w(
                    f"      {names[p.index]} ({pick(tr(f'rel.{p.relationship}'), lang)}): {p.share} → "
                    f"{rm(p.daily_rate)}/{_l('days', lang)[:3]}, {rm(p.monthly_amount)} {_l('monthly', lang)}; {until}"
                )
            w(f"    {_l('schedule', lang)}:")
            for period in b.schedule:
                w(_period(period, lang, names))
        elif isinstance(b, Funeral):
            exp = rm(b.expenses) if b.expenses is not None else "—"
            w(f"    {rm(b.total)} ({_l('expenses', lang)} {exp}, {_l('cap', lang)} {rm(b.cap)})")
        elif isinstance(b, InvalidityPension):
            w(
                f"    {_l('rate', lang)} {b.rate_percent.normalize():f}%, {_l('monthly', lang)} {rm(b.monthly_amount)} "
                f"({_l('qualifying', lang)}: {b.qualifying}, {b.contributions})"
            )
        elif isinstance(b, InvalidityGrant):
            w(
                f"    {rm(b.total)} ({_l('contributions_paid', lang)} {rm(b.contributions_paid)} + "
                f"{_l('interest', lang)} {rm(b.interest)})"
            )
        elif isinstance(b, Info):
            for c in b.conditions:
                w(f"    {pick(c, lang)}")
        for n in b.notes:
            w(f"    – {pick(n, lang)}")
    if result.not_payable:
        w(f"\n{_l('not_payable', lang)}:")
        for np in result.not_payable:
            w(f"  {np.code}: {pick(np.reason, lang)}")
    if result.warnings:
        w(f"\n{_l('warnings', lang)}:")
        for wa in result.warnings:
            w(f"  [{wa.severity}] {pick(wa.message, lang)}")
    if explain and result.steps:
        w(f"\n{_l('how', lang)}:")
        for s in result.steps:
            w(f"  {s.id}: {pick(s.title, lang)}{prov if s.provisional else ''}")
            w(f"      {pick(s.formula, lang)}")
            w(f"      {pick(s.substituted, lang)}  ⇒ {pick(s.result, lang)}")
            for u in s.params:
                w(
                    f"      {_l('rule', lang)} {u.key} = {u.value} ({u.effective_from.isoformat()}; {u.confidence}; "
                    f"{u.source})"
                )
            if s.rounding:
                w(f"      {pick(s.rounding, lang)}")
            if s.note:
                w(f"      {pick(s.note, lang)}")
    if result.provisional_notes:
        w(f"\n{_l('prov_notes', lang)}:")
        for i, n in enumerate(result.provisional_notes, 1):
            w(f"  †{i} {pick(n, lang)}")
    w(
        f"\n{_l('rules', lang)}: {result.rules.name} {result.rules.version} ({result.rules.origin}), "
        f"sha256 {result.rules.sha256}"
    )
    w(pick(result.disclaimer, lang))
    return "\n".join(out) + "\n"
