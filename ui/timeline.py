"""A timeline chart of each payee's monthly amount over the years (QPainter; no QtCharts).

It draws the periods of the core's schedule as they are: each period's amount per payee, from its start to its
end (open-ended periods run a few years past the last dated change, with an arrow).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from .crash import guarded

PALETTE = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
]
OPEN_YEARS = 5


@dataclass
class Segment:
    start: date
    end: date | None
    amount: Decimal


@dataclass
class Series:
    label: str
    color: str
    segments: list[Segment]


def _num(d: date) -> float:
    return d.year + (d.timetuple().tm_yday - 1) / 366.0


class TimelineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline_chart")
        self.series: list[Series] = []
        self.title = ""
        self.empty_text = ""
        self.axis_label = "RM"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 90, fm.height() * 22)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 50, fm.height() * 14)

    def set_data(self, series: list[Series], title: str, empty_text: str, description: str) -> None:
        self.series = series
        self.title = title
        self.empty_text = empty_text
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.update()

    def _range(self) -> tuple[float, float, float]:
        starts = [s.start for ser in self.series for s in ser.segments]
        ends = [s.end for ser in self.series for s in ser.segments if s.end is not None]
        x0 = _num(min(starts))
        dated = max(ends + starts)
        x1 = _num(dated) + (
            OPEN_YEARS if any(s.end is None for ser in self.series for s in ser.segments) else 0.5
        )
        ymax = max(float(s.amount) for ser in self.series for s in ser.segments)
        return x0, max(x1, x0 + 1), ymax

    @staticmethod
    def _nice_step(span: float, target: int) -> float:
        raw = span / max(target, 1)
        mag = 10 ** int(f"{raw:e}".split("e")[1])
        for m in (1, 2, 2.5, 5, 10):
            if raw <= m * mag:
                return m * mag
        return 10 * mag

    @guarded(defer=True)
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        fm = QFontMetrics(self.font())
        lh = fm.height()
        text_pen = QPen(pal.text().color())
        p.setPen(text_pen)
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(0, 4, self.width(), lh + 4), Qt.AlignmentFlag.AlignHCenter, self.title)
        p.setFont(self.font())
        if not self.series or not any(s.segments for s in self.series):
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        x0, x1, ymax = self._range()
        ystep = self._nice_step(ymax * 1.1, 5)
        ytop = ystep * (int(ymax * 1.1 / ystep) + 1)
        left = fm.horizontalAdvance(f"RM{ytop:,.0f}") + 16
        legend_w = min(max(fm.horizontalAdvance(s.label) for s in self.series) + 40, self.width() // 3)
        right = self.width() - legend_w - 12
        top = lh * 2 + 8
        bottom = self.height() - lh * 2 - 6
        if right - left < 40 or bottom - top < 40:
            return
        plot = QRectF(left, top, right - left, bottom - top)

        def px(x: float) -> float:
            return plot.left() + (x - x0) / (x1 - x0) * plot.width()

        def py(y: float) -> float:
            return plot.bottom() - y / ytop * plot.height()

        grid = QPen(QColor(200, 200, 200))
        grid.setStyle(Qt.PenStyle.DotLine)
        y = 0.0
        while y <= ytop + 1e-9:
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), py(y)), QPointF(plot.right(), py(y)))
            p.setPen(text_pen)
            label = f"RM{y:,.0f}"
            p.drawText(
                QRectF(0, py(y) - lh / 2, left - 6, lh),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            y += ystep
        years = int(x1) - int(x0) + 1
        ystep_years = max(
            1, int(self._nice_step(years, max(2, int(plot.width() // (fm.horizontalAdvance("0000") * 2)))))
        )
        year = int(x0) + (1 if x0 > int(x0) else 0)
        while year <= x1:
            if year % ystep_years == 0:
                p.setPen(grid)
                p.drawLine(QPointF(px(year), plot.top()), QPointF(px(year), plot.bottom()))
                p.setPen(text_pen)
                p.drawText(
                    QRectF(px(year) - 40, plot.bottom() + 4, 80, lh), Qt.AlignmentFlag.AlignHCenter, str(year)
                )
            year += 1
        p.setPen(QPen(pal.text().color(), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())

        n = len(self.series)
        for k, ser in enumerate(self.series):
            shift = (k - (n - 1) / 2) * 3.0  # equal amounts stay visible side by side
            pen = QPen(QColor(ser.color), 2.5)
            if k == 0 and ser.label.startswith("Σ"):
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            prev: QPointF | None = None
            for seg in ser.segments:
                xa = px(_num(seg.start))
                xb = px(_num(seg.end) if seg.end is not None else x1)
                yy = py(float(seg.amount)) - shift
                if prev is not None and abs(prev.x() - xa) < 3:
                    p.drawLine(prev, QPointF(xa, yy))
                p.drawLine(QPointF(xa, yy), QPointF(xb, yy))
                prev = QPointF(xb, yy)
                if seg.end is None:
                    p.setBrush(QColor(ser.color))
                    p.drawPolygon(QPolygonF([QPointF(xb, yy - 4), QPointF(xb + 7, yy), QPointF(xb, yy + 4)]))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                elif prev is not None:
                    nxt = [s for s in ser.segments if s.start > seg.start]
                    if not nxt or (_num(nxt[0].start) - _num(seg.end)) > 0.01:
                        p.drawLine(QPointF(xb, yy), QPointF(xb, py(0)))
                        prev = None
        # legend
        lx = right + 18
        ly = top
        for ser in self.series:
            p.setPen(QPen(QColor(ser.color), 3))
            p.drawLine(QPointF(lx, ly + lh / 2), QPointF(lx + 18, ly + lh / 2))
            p.setPen(text_pen)
            p.drawText(
                QRectF(lx + 24, ly, legend_w - 28, lh),
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(ser.label, Qt.TextElideMode.ElideRight, int(legend_w - 28)),
            )
            ly += lh + 4
        p.setPen(text_pen)
        p.drawText(
            QRectF(plot.left(), plot.bottom() + lh + 6, plot.width(), lh),
            Qt.AlignmentFlag.AlignHCenter,
            self.axis_label,
        )
        p.end()
