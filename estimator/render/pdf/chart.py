"""Timeline chart: each payee's monthly amount over the years (reportlab graphics, from the schedule).

Drawn with plain shapes (axes, grid, one step line per payee, a dashed total line and a legend); the amounts
are the schedule's own figures, only converted to drawing coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.graphics.shapes import Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from estimator.model.result import SchedulePeriod
from estimator.render.pdf.fonts import REGULAR

PALETTE = [
    colors.HexColor(c)
    for c in (
        "#1f5aa6",
        "#c8611d",
        "#2e8b57",
        "#8e3a9d",
        "#b8860b",
        "#c0392b",
        "#16808a",
        "#6b4f2a",
        "#d35e9b",
        "#4d4d4d",
    )
]
TOTAL_COLOR = colors.HexColor("#8a96a3")
AXIS = colors.HexColor("#8a96a3")
GRIDLINE = colors.HexColor("#e3e8ee")
TEXT = colors.HexColor("#1c2430")
MUTED = colors.HexColor("#5f6b7a")
ONE_DAY = timedelta(days=1)
OPEN_YEARS = 5  # how far an open-ended last period is drawn past its start


def _year(d: date) -> float:
    start = date(d.year, 1, 1).toordinal()
    length = date(d.year + 1, 1, 1).toordinal() - start
    return d.year + (d.toordinal() - start) / length


def _nice_step(top: float) -> float:
    if top <= 0:
        return 100.0
    raw = top / 5
    magnitude = 1.0
    while magnitude * 10 <= raw:
        magnitude *= 10
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * magnitude:
            return mult * magnitude
    return 10 * magnitude


def _overlaps(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Do two step lines share a horizontal piece (same amount over an overlapping time)?"""
    for (a0, ya), (a1, _) in zip(a[::2], a[1::2], strict=True):
        for (b0, yb), (b1, _) in zip(b[::2], b[1::2], strict=True):
            if ya == yb and min(a1, b1) > max(a0, b0):
                return True
    return False


def _clip(text: str, width: float, size: float) -> str:
    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text + "…"


def timeline_drawing(
    schedule: Sequence[SchedulePeriod], labels: dict[int, str], total_label: str, width: float, height: float
) -> Drawing | None:
    """A step chart of each payee's monthly amount; ``labels`` maps a payee index to its legend text."""
    if not schedule:
        return None
    x0 = _year(schedule[0].start)
    ends = [_year(p.end + ONE_DAY) for p in schedule if p.end is not None]
    if schedule[-1].end is None:
        x_end = max([_year(schedule[-1].start) + OPEN_YEARS, *ends])
    else:
        x_end = max(ends or [x0 + 1])
    x_end = max(x_end, x0 + 1)

    order: list[int] = []
    for period in schedule:
        for payee in period.payees:
            if payee.index not in order:
                order.append(payee.index)

    def span(period: SchedulePeriod) -> tuple[float, float]:
        # a period's end is its last day: draw it up to the next day, where the next period starts
        return _year(period.start), (_year(period.end + ONE_DAY) if period.end is not None else x_end)

    # drawing coordinates only: the figures themselves are printed in the tables beside the chart
    series: list[list[tuple[float, float]]] = []
    for idx in order:
        pts: list[tuple[float, float]] = []
        for period in schedule:
            pay = next((p for p in period.payees if p.index == idx), None)
            if pay is not None:
                a, b = span(period)
                y = float(pay.monthly_amount)  # float-ok: a chart coordinate, not money
                pts += [(a, y), (b, y)]
        series.append(pts)
    totals: list[tuple[float, float]] = []
    for period in schedule:
        a, b = span(period)
        y_total = float(period.monthly_total)  # float-ok: a chart coordinate, not money
        totals += [(a, y_total), (b, y_total)]

    entries: list[tuple[colors.Color, str, list[float] | None]] = [
        (PALETTE[i % len(PALETTE)], labels.get(idx, str(idx + 1)), None) for i, idx in enumerate(order)
    ]
    entries.append((TOTAL_COLOR, total_label, [3, 2]))
    per_row = 3
    legend_h = 11 * ((len(entries) + per_row - 1) // per_row) + 4

    px, py = 40.0, 16.0 + legend_h
    pw, ph = width - px - 10, height - py - 14
    top = max(float(p.monthly_total) for p in schedule)  # float-ok: the chart's scale
    step = _nice_step(top)
    y_max = step * (int(top // step) + 1)

    def sx(v: float) -> float:
        return px + (v - x0) / (x_end - x0) * pw

    def sy(v: float) -> float:
        return py + v / y_max * ph

    d = Drawing(width, height)
    # grid and y labels
    value = 0.0
    while value <= y_max + 1e-9:
        y = sy(value)
        if value > 0:
            d.add(Line(px, y, px + pw, y, strokeColor=GRIDLINE, strokeWidth=0.5))
        d.add(
            String(
                px - 4,
                y - 2.5,
                f"{value:,.0f}",
                fontName=REGULAR,
                fontSize=7,
                fillColor=TEXT,
                textAnchor="end",
            )
        )
        value += step
    d.add(String(px - 4, py + ph + 7, "RM", fontName=REGULAR, fontSize=7, fillColor=MUTED, textAnchor="end"))
    # x axis with a tick and label for each year (every 2/5/10 years on long spans)
    first_year, last_year = int(x0) + 1, int(x_end)
    years = max(1, last_year - first_year)
    every = 1 if years <= 12 else 2 if years <= 24 else 5 if years <= 60 else 10
    for year in range(first_year, last_year + 1):
        if (year - first_year) % every:
            continue
        x = sx(year)
        d.add(Line(x, py, x, py - 3, strokeColor=AXIS, strokeWidth=0.5))
        d.add(
            String(x, py - 11, str(year), fontName=REGULAR, fontSize=7, fillColor=TEXT, textAnchor="middle")
        )
    d.add(Line(px, py, px + pw, py, strokeColor=AXIS, strokeWidth=0.8))
    d.add(Line(px, py, px, py + ph, strokeColor=AXIS, strokeWidth=0.8))

    # the lines: a line another payee's line would hide (same amount at the same time) is drawn wider
    # underneath it, so equal amounts show as nested lines of each colour
    d.add(
        PolyLine(
            [c for x, y in totals for c in (sx(x), sy(y))],
            strokeColor=TOTAL_COLOR,
            strokeWidth=1,
            strokeDashArray=[3, 2],
        )
    )
    n = len(series)
    for i, pts in enumerate(series):
        covered = sum(1 for j in range(i + 1, n) if _overlaps(pts, series[j]))
        # separate pieces where a payee is not paid in between
        pieces: list[list[float]] = [[]]
        for k in range(0, len(pts), 2):
            (a, ya), (b, _) = pts[k], pts[k + 1]
            if pieces[-1] and abs(pieces[-1][-2] - sx(a)) > 0.01:
                pieces.append([])
            pieces[-1] += [sx(a), sy(ya), sx(b), sy(ya)]
        for piece in pieces:
            d.add(
                PolyLine(
                    piece,
                    strokeColor=PALETTE[i % len(PALETTE)],
                    strokeWidth=2 + 1.8 * covered,
                    strokeLineJoin=0,
                )
            )

    # legend
    col_w = pw / per_row
    for k, (color, text, dash) in enumerate(entries):
        r, c = divmod(k, per_row)
        x = px + c * col_w
        y = legend_h - 8 - r * 11
        d.add(
            Line(
                x,
                y + 2.5,
                x + 16,
                y + 2.5,
                strokeColor=color,
                strokeWidth=1 if dash else 2.5,
                strokeDashArray=dash,
            )
        )
        d.add(String(x + 20, y, _clip(text, col_w - 24, 7.5), fontName=REGULAR, fontSize=7.5, fillColor=TEXT))
    return d
