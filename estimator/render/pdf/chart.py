"""Timeline chart: each payee's monthly amount over the years (from a view's series).

Drawn with plain shapes (axes, grid, one step line per payee, a dashed total line and a legend) written
straight as PDF path and text operators (the strokes reportlab's graphics would write, without building and
validating a shape tree); the amounts are the schedule's own figures, only converted to drawing coordinates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from estimator.engine.i18n import Text
from estimator.present import Segment, Series
from estimator.render.pdf.cells import text_out, text_width
from estimator.render.pdf.fonts import REGULAR
from estimator.render.pdf.ink import fill, origin

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
    if text_width(text, REGULAR, size) <= width:
        return text
    while text and text_width(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text + "…"


class Chart(Flowable):  # type: ignore[misc]
    """A drawing of stroked lines and labels (``width`` x ``height`` points), drawn in the order added, the
    labels over the lines."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self._strokes: list[tuple[list[float], colors.Color, float, list[float] | None]] = []
        self._labels: list[tuple[float, float, str, float, colors.Color, str]] = []

    def line(
        self, points: list[float], color: colors.Color, width: float, dash: list[float] | None = None
    ) -> None:
        """A line through ``points`` (x0, y0, x1, y1, ...)."""
        self._strokes.append((points, color, width, dash))

    def label(
        self, x: float, y: float, text: str, size: float, color: colors.Color, anchor: str = "start"
    ) -> None:
        """``text`` on the baseline y; ``anchor``: "start", "middle" or "end" at x."""
        self._labels.append((x, y, text, size, color, anchor))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        code: list[str] = ["0 J 0 j"]  # butt caps, mitred joins: reportlab's defaults for shapes
        state: tuple[Any, ...] = (None, None, None)
        for points, color, width, dash in self._strokes:
            if state[0] is not color:
                code.append(f"{fp_str(color.red, color.green, color.blue)} RG")
            if state[1] != width:
                code.append(f"{fp_str(width)} w")
            if state[2] != (dash or []):
                code.append(f"[{fp_str(*dash) if dash else ''}] 0 d")
            state = (color, width, dash or [])
            path = " ".join(f"{fp_str(points[i], points[i + 1])} l" for i in range(2, len(points), 2))
            code.append(f"n {fp_str(points[0], points[1])} m {path} S")
        canvas._code.extend(code)
        text = canvas.beginText()
        for x, y, label, size, color, anchor in self._labels:
            if anchor != "start":
                shift = text_width(label, REGULAR, size)
                x -= shift if anchor == "end" else shift / 2
            origin(text, x, y)
            fill(text, color)
            text_out(text, label, REGULAR, size)
        canvas.drawText(text)


def timeline_drawing(
    series: Sequence[Series], label_of: Callable[[Text], str], width: float, height: float
) -> Chart | None:
    """A step chart of each series' amount over time (the total series dashed); ``label_of`` names a line."""
    lines = [s for s in series if not s.total and s.segments]
    totals_series = [s for s in series if s.total and s.segments]
    segments = [seg for s in series for seg in s.segments]
    if not lines or not segments:
        return None
    x0 = min(_year(seg.start) for seg in segments)
    ends = [_year(seg.end + ONE_DAY) for seg in segments if seg.end is not None]
    open_starts = [_year(seg.start) for seg in segments if seg.end is None]
    x_end = max([max(open_starts) + OPEN_YEARS, *ends]) if open_starts else max(ends or [x0 + 1])
    x_end = max(x_end, x0 + 1)

    def span(seg: Segment) -> tuple[float, float]:
        # a segment's end is its last day: draw it up to the next day, where the next one starts
        return _year(seg.start), (_year(seg.end + ONE_DAY) if seg.end is not None else x_end)

    def points(s: Series) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for seg in s.segments:
            a, b = span(seg)
            y = float(seg.amount)  # float-ok: a chart coordinate, not money
            pts += [(a, y), (b, y)]
        return pts

    # drawing coordinates only: the figures themselves are printed in the tables beside the chart
    paths = [points(s) for s in lines]
    totals = points(totals_series[0]) if totals_series else []
    entries: list[tuple[colors.Color, str, list[float] | None]] = [
        (PALETTE[i % len(PALETTE)], label_of(s.label), None) for i, s in enumerate(lines)
    ]
    if totals_series:
        entries.append((TOTAL_COLOR, label_of(totals_series[0].label), [3, 2]))
    per_row = 3
    legend_h = 11 * ((len(entries) + per_row - 1) // per_row) + 4

    px, py = 40.0, 16.0 + legend_h
    pw, ph = width - px - 10, height - py - 14
    top = max(y for pts in [*paths, totals] for _, y in pts)  # float-ok: the chart's scale
    step = _nice_step(top)
    y_max = step * (int(top // step) + 1)

    def sx(v: float) -> float:
        return px + (v - x0) / (x_end - x0) * pw

    def sy(v: float) -> float:
        return py + v / y_max * ph

    d = Chart(width, height)
    # grid and y labels
    value = 0.0
    while value <= y_max + 1e-9:
        y = sy(value)
        if value > 0:
            d.line([px, y, px + pw, y], GRIDLINE, 0.5)
        d.label(px - 4, y - 2.5, f"{value:,.0f}", 7, TEXT, "end")
        value += step
    d.label(px - 4, py + ph + 7, "RM", 7, MUTED, "end")
    # x axis with a tick and label for each year (every 2/5/10 years on long spans)
    first_year, last_year = int(x0) + 1, int(x_end)
    years = max(1, last_year - first_year)
    every = 1 if years <= 12 else 2 if years <= 24 else 5 if years <= 60 else 10
    for year in range(first_year, last_year + 1):
        if (year - first_year) % every:
            continue
        x = sx(year)
        d.line([x, py, x, py - 3], AXIS, 0.5)
        d.label(x, py - 11, str(year), 7, TEXT, "middle")
    d.line([px, py, px + pw, py], AXIS, 0.8)
    d.line([px, py, px, py + ph], AXIS, 0.8)

    # the lines: a line another payee's line would hide (same amount at the same time) is drawn wider
    # underneath it, so equal amounts show as nested lines of each colour
    if totals:
        d.line([c for x, y in totals for c in (sx(x), sy(y))], TOTAL_COLOR, 1, [3, 2])
    n = len(paths)
    for i, pts in enumerate(paths):
        covered = sum(1 for j in range(i + 1, n) if _overlaps(pts, paths[j]))
        # separate pieces where a payee is not paid in between
        pieces: list[list[float]] = [[]]
        for k in range(0, len(pts), 2):
            (a, ya), (b, _) = pts[k], pts[k + 1]
            if pieces[-1] and abs(pieces[-1][-2] - sx(a)) > 0.01:
                pieces.append([])
            pieces[-1] += [sx(a), sy(ya), sx(b), sy(ya)]
        for piece in pieces:
            d.line(piece, PALETTE[i % len(PALETTE)], 2 + 1.8 * covered)

    # legend
    col_w = pw / per_row
    for k, (color, text, dash) in enumerate(entries):
        r, c = divmod(k, per_row)
        x = px + c * col_w
        y = legend_h - 8 - r * 11
        d.line([x, y + 2.5, x + 16, y + 2.5], color, 1 if dash else 2.5, dash)
        d.label(x + 20, y, _clip(text, col_w - 24, 7.5), 7.5, TEXT)
    return d
