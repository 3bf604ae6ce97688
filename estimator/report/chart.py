"""Timeline chart: each payee's monthly amount over the years (reportlab graphics, from the schedule)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics.charts.legends import Legend
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

    legend_rows = len(order) + 1
    legend_h = 11 * ((legend_rows + 1) // 2) + 4
    d = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 44, 24 + legend_h
    plot.width, plot.height = width - 56, height - plot.y - 8
    plot.data = [*series, totals]
    for i in range(len(series)):
        plot.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        plot.lines[i].strokeWidth = 2
    plot.lines[len(series)].strokeColor = TOTAL_COLOR
    plot.lines[len(series)].strokeWidth = 1
    plot.lines[len(series)].strokeDashArray = [3, 2]
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
    if schedule[-1].end is None:
        # an open-ended last period: arrow-like marker at the right edge
        right = plot.x + plot.width
        d.add(Line(right, plot.y, right, plot.y + plot.height, strokeColor=colors.HexColor("#c5ccd4"),
                   strokeDashArray=[1, 2], strokeWidth=0.5))

    legend = Legend()
    legend.x, legend.y = 44, legend_h
    legend.fontName = REGULAR
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = (legend_rows + 1) // 2
    legend.deltax = (width - 56) / 2
    legend.dxTextSpace = 4
    legend.dx = 14
    legend.dy = 3
    legend.subCols.minWidth = (width - 56) / 2 - 24
    pairs = [(PALETTE[i % len(PALETTE)], labels.get(idx, str(idx + 1))) for i, idx in enumerate(order)]
    pairs.append((TOTAL_COLOR, total_label))
    legend.colorNamePairs = pairs
    d.add(legend)
    d.add(String(plot.x - 40, plot.y + plot.height + 2, "RM", fontName=REGULAR, fontSize=7,
                 fillColor=colors.HexColor("#5f6b7a")))
    return d


def _nice_step(top: float) -> float:
    if top <= 0:
        return 100.0
    raw = top / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * magnitude:
            return mult * magnitude
    return 10 * magnitude
