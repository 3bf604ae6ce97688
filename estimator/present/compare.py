"""How a comparison is shown: one table, a row per figure and a column per scenario, shared by the text, the
PDF page and the app.  ``comparison_table(comparison) -> CompareTable``; a row whose values differ between
scenarios has ``differs`` set (the renderers highlight it).  Values are formatted already (RM1,234.56)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from estimator.engine.i18n import Text
from estimator.model.comparison import BenefitFigures, Comparison, Totals


@dataclass(frozen=True)
class CompareRow:
    path: str  # the path of Comparison.differences this row shows
    label: Text
    values: list[str]  # one per scenario; "—" where the scenario has no such figure
    differs: bool
    kind: str = "detail"  # "heading" (a benefit's title), "detail", "total"
    texts: list[Text] | None = None  # the values in both languages, where they are words (not figures)


@dataclass(frozen=True)
class CompareTable:
    labels: list[str]
    rows: list[CompareRow]
    footnote: Text


NONE = "—"
ZERO = "RM0.00"


def money(value: Decimal | None) -> str:
    return NONE if value is None else f"RM{value:,.2f}"


_BENEFIT_ROWS: list[tuple[str, Text]] = [
    ("daily_rate", {"en": "Daily rate", "ms": "Kadar harian"}),
    ("monthly_amount", {"en": "Monthly (not commuting)", "ms": "Bulanan (tanpa pengkomutan)"}),
    ("paid_once", {"en": "Paid once", "ms": "Dibayar sekali"}),
    ("lump_sum", {"en": "Lump sum", "ms": "Bayaran sekali gus"}),
    ("commuted_daily_rate", {"en": "Daily rate commuted", "ms": "Kadar harian pengkomutan"}),
    ("monthly_if_commuted", {"en": "Monthly after commuting", "ms": "Bulanan selepas pengkomutan"}),
    ("break_even_age", {"en": "Break-even age", "ms": "Umur pulang modal"}),
]
_TOTAL_ROWS: list[tuple[str, Text]] = [
    ("by_60", {"en": "Received by age 60", "ms": "Diterima hingga umur 60"}),
    ("by_70", {"en": "Received by age 70", "ms": "Diterima hingga umur 70"}),
    ("by_life_expectancy", {"en": "Received by life expectancy", "ms": "Diterima hingga jangka hayat"}),
]
_COMMUTATION: dict[str | None, Text] = {
    "compulsory": {"en": "all of it (20% or less)", "ms": "semuanya (20% atau kurang)"},
    "optional": {"en": "one fifth, optional", "ms": "satu perlima, pilihan"},
    None: {"en": NONE, "ms": NONE},
}


def _figure(figures: BenefitFigures | None, key: str) -> str:
    if figures is None:
        return NONE
    value = getattr(figures, key)
    if key == "break_even_age":
        return NONE if value is None else f"{value}"
    return money(value)


def _total(totals: Totals | None, key: str) -> str:
    return NONE if totals is None else money(getattr(totals, key))


def comparison_table(comparison: Comparison) -> CompareTable:
    scenarios = comparison.scenarios
    differing = {d.path for d in comparison.differences}
    rows: list[CompareRow] = []
    inputs: list[tuple[str, Text]] = [
        (
            "case.loss_of_earning_capacity_percent",
            {"en": "Loss of earning capacity", "ms": "Hilang upaya mencari nafkah"},
        ),
        ("result.average_assumed_monthly_wage", {"en": "Average assumed wage", "ms": "Purata gaji andaian"}),
    ]
    for path, label in inputs:
        values = []
        for s in scenarios:
            if path.startswith("case."):
                lec = s.case.loss_of_earning_capacity_percent
                values.append(NONE if lec is None else f"{lec.normalize():f}%")
            else:
                values.append(money(s.result.average_assumed_monthly_wage))
        rows.append(CompareRow(path, label, values, path in differing))
    codes: dict[str, Text] = {}
    for s in scenarios:
        for b in s.benefits:
            codes.setdefault(b.code, b.title)
    for code, title in codes.items():
        found = [s.figures(code) for s in scenarios]
        rows.append(
            CompareRow(
                f"benefits.{code}",
                title,
                [NONE if f is None else "" for f in found],
                any(f is None for f in found),
                "heading",
            )
        )
        for key, label in _BENEFIT_ROWS:
            values = [_figure(f, key) for f in found]
            if all(v in (NONE, ZERO) for v in values):
                continue  # no line of zeros for a benefit that pays once
            path = f"benefits.{code}.{key}"
            rows.append(CompareRow(path, label, values, path in differing))
        if any(f is not None and f.commutation for f in found):
            path = f"benefits.{code}.commutation"
            label = {"en": "Commuted", "ms": "Pengkomutan"}
            texts = [_COMMUTATION[f.commutation if f else None] for f in found]
            rows.append(CompareRow(path, label, [t["en"] for t in texts], path in differing, texts=texts))
    for key, label in _TOTAL_ROWS:
        path = f"totals.{key}"
        rows.append(
            CompareRow(path, label, [_total(s.totals, key) for s in scenarios], path in differing, "total")
        )
    if any(s.totals_commuted is not None for s in scenarios):
        for key, label in _TOTAL_ROWS:
            path = f"totals_commuted.{key}"
            commuted_label = {"en": label["en"] + ", commuting", "ms": label["ms"] + ", dengan pengkomutan"}
            values = [_total(s.totals_commuted or s.totals, key) for s in scenarios]
            rows.append(CompareRow(path, commuted_label, values, path in differing, "total"))
    ages = [NONE if s.life_expectancy_age is None else f"{s.life_expectancy_age}" for s in scenarios]
    rows.append(
        CompareRow(
            "life_expectancy_age",
            {"en": "Life expectancy (age)", "ms": "Jangka hayat (umur)"},
            ages,
            "life_expectancy_age" in differing,
        )
    )
    footnote = {
        "en": "Totals count whole months from the event date; life expectancy from the rule pack's DOSM figures "
        "(the provisional commutation table). An estimate, not PERKESO's decision.",
        "ms": "Jumlah mengira bulan penuh dari tarikh kejadian; jangka hayat daripada angka DOSM dalam pek "
        "peraturan (jadual pengkomutan belum muktamad). Anggaran, bukan keputusan PERKESO.",
    }
    return CompareTable(labels=comparison.labels(), rows=rows, footnote=footnote)
