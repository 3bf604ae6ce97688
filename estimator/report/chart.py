"""Timeline chart: each payee's monthly amount over the years (reportlab graphics, from the schedule)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from ..record import SchedulePeriod
from .fonts import REGULAR

PALETTE = [colors.HexColor(c) for c in ("#1f5aa6", "#c8611d", "#2e8b57", "#8e3a9d", "#b8860b", "#c0392b",
                                        "#16808a", "#6b4f2a", "#d35e9b", "#4d4d4d")]
TOTAL_COLOR = colors.HexColor("#9aa5b1")
OPEN_YEARS = 5  # how far an open-ended period is drawn past the last change


def _year(d: date) -> float:
    start = date(d.year, 1, 1).toordinal()
    length = date(d.year + 1, 1, 1).toordinal() - start
    return d.year + (d.toordinal() - start) / length


def timeline_drawing(schedule: Sequence[SchedulePeriod], labels: dict[int, str], total_label: str,
                     width: float, height: float) -> Drawing | None:
    """A step chart of each payee's monthly amount; ``labels`` maps a payee index to its legend text."""
    if not schedule:
        return None
    x0 = _year(schedule[0].start)
    ends = [_year(p.end) for p in schedule if p.end is not None]
    last_start = _year(schedule[-1].start)
    x_end = max([last_start + OPEN_YEARS, *ends]) if schedule[-1].end is None else max(ends or [x0 + 1])
    x_end = max(x_end, x0 + 1)

    order: list[int] = []
    for period in schedule:
        for payee in period.payees:
            if payee.index not in order:
                order.append(payee.index)

    series: list[list[tuple[float, float]]] = []
    for idx in order:
        pts: list[tuple[float, float]] = []
        for period in schedule:
            pay = next((p for p in period.payees if p.index == idx), None)
            if pay is None:
                continue
            a = _year(period.start)
            b = _year(period.end) if period.end is not None else x_end
            amount = float(pay.monthly_amount)  # drawing coordinates only; the figures are in the tables
            pts += [(a, amount), (b, amount)]
        series.append(pts)
    totals: list[tuple[float, float]] = []
    for period in schedule:
        a = _year(period.start)
        b = _year(period.end) if period.end is not None else x_end
        totals += [(a, float(period.monthly_total)), (b, float(period.monthly_total))]

    # legend: a short line of each colour and the payee's name, three to a row
    entries = [(PALETTE[i % len(PALETTE)], labels.get(idx, str(idx + 1)), None) for i, idx in enumerate(order)]
    entries.append((TOTAL_COLOR, total_label, [3, 2]))
    per_row = 3
    rows = (len(entries) + per_row - 1) // per_row
    legend_h = 11 * rows + 4
    d = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 44, 18 + legend_h
    plot.width, plot.height = width - 56, height - plot.y - 8
    plot.data = [*series, totals]
    n = len(series)
    for i in range(n):
        plot.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        # a line that another payee's line would hide (same amount, same time) is drawn wider underneath it,
        # so equal amounts show as nested lines of each colour
        covered = sum(1 for j in range(i + 1, n) if _overlaps(series[i], series[j]))
        plot.lines[i].strokeWidth = 2 + 1.8 * covered
    plot.lines[n].strokeColor = TOTAL_COLOR
    plot.lines[n].strokeWidth = 1
    plot.lines[n].strokeDashArray = [3, 2]
    top = max(float(p.monthly_total) for p in schedule)
    step = _nice_step(top)
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = step * (int(top // step) + 1)
    plot.yValueAxis.valueStep = step
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    plot.xValueAxis.valueMin = x0
    plot.xValueAxis.valueMax = x_end
    first_year, last_year = int(x0) + 1, int(x_end)
    span = max(1, last_year - first_year)
    every = 1 if span <= 12 else 2 if span <= 24 else 5 if span <= 60 else 10
    plot.xValueAxis.valueSteps = [y for y in range(first_year, last_year + 1) if (y - first_year) % every == 0]
    plot.xValueAxis.labelTextFormat = lambda v: f"{v:.0f}"
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = 7
        axis.strokeColor = colors.HexColor("#8a96a3")
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#e3e8ee")
    plot.yValueAxis.gridStrokeWidth = 0.5
    d.add(plot)
    d.add(String(plot.x - 40, plot.y + plot.height + 2, "RM", fontName=REGULAR, fontSize=7,
                 fillColor=colors.HexColor("#5f6b7a")))
    col_w = plot.width / per_row
    for k, (color, text, dash) in enumerate(entries):
        r, c = divmod(k, per_row)
        x = plot.x + c * col_w
        y = legend_h - 8 - r * 11
        d.add(Line(x, y + 2.5, x + 16, y + 2.5, strokeColor=color, strokeWidth=1 if dash else 2.5,
                   strokeDashArray=dash))
        d.add(String(x + 20, y, _clip(text, col_w - 24), fontName=REGULAR, fontSize=7.5,
                     fillColor=colors.HexColor("#1c2430")))
    return d


def _overlaps(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Do two step lines share a horizontal piece (same amount over an overlapping time)?"""
    for (a0, ya), (a1, _) in zip(a[::2], a[1::2], strict=True):
        for (b0, yb), (b1, _) in zip(b[::2], b[1::2], strict=True):
            if ya == yb and min(a1, b1) > max(a0, b0):
                return True
    return False


def _clip(text: str, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, REGULAR, 7.5) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, 7.5) > width:
        text = text[:-1]
    return text + "…"


def _nice_step(top: float) -> float:
    if top <= 0:
        return 100.0
    raw = top / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * magnitude:
            return mult * magnitude
    return 10 * magnitude
