"""A small line chart drawn with QPainter (no QtCharts): lines on a left and an optional right money axis,
vertical markers and marked points.  Used by the comparison view (cumulative payments over age) and the
what-if chart (the PDB across the loss of earning capacity).  Coordinates are plotting floats, not money.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..crash import guarded
from ..timeline import PALETTE


@dataclass
class Line:
    label: str
    color: str
    points: list[tuple[float, float]]  # float-ok: plotting coordinates
    dashed: bool = False
    right_axis: bool = False
    in_legend: bool = True


@dataclass
class Marker:
    x: float  # float-ok: plotting coordinate
    label: str
    color: str = "#7f7f7f"


@dataclass
class Dot:
    x: float  # float-ok
    y: float  # float-ok
    label: str
    color: str
    right_axis: bool = False


@dataclass
class ChartData:
    title: str = ""
    x_label: str = ""
    empty_text: str = ""
    lines: list[Line] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    x_suffix: str = ""


def nice_step(span: float, target: int) -> float:  # float-ok
    raw = max(span, 1e-9) / max(target, 1)
    magnitude = 10 ** int(f"{raw:e}".split("e")[1])
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def money_tick(value: float) -> str:  # float-ok
    if value >= 1_000_000:
        return f"RM{value / 1_000_000:,.1f}m"
    if value >= 10_000:
        return f"RM{value / 1000:,.0f}k"
    return f"RM{value:,.0f}"


class LineChart(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None, lines_high: int = 16) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.data = ChartData()
        self.lines_high = lines_high
        self.min_lines = max(8, lines_high // 2)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 80, fm.height() * self.lines_high)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 40, fm.height() * self.min_lines)

    def set_data(self, data: ChartData, description: str = "") -> None:
        self.data = data
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(description)
        self.update()

    @staticmethod
    def color(index: int) -> str:
        return PALETTE[index % len(PALETTE)]

    @guarded(defer=True)
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        fm = QFontMetrics(self.font())
        lh = fm.height()
        text_pen = QPen(pal.text().color())
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text_pen)
        data = self.data
        p.drawText(QRectF(0, 2, self.width(), lh + 2), Qt.AlignmentFlag.AlignHCenter, data.title)
        p.setFont(self.font())
        points = [pt for line in data.lines for pt in line.points]
        if not points:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, data.empty_text)
            return
        x0 = min(x for x, _ in points)
        x1 = max(max(x for x, _ in points), x0 + 1)

        legend = [line for line in data.lines if line.in_legend]
        legend_rows = (len(legend) + 1) // 2
        top = lh * 2 + 4
        bottom = self.height() - lh * (2 + legend_rows) - 8
        ticks = max(2, min(5, int((bottom - top) // (lh * 1.6))))

        def top_of(right: bool) -> tuple[float, float]:  # float-ok
            values = [y for line in data.lines if line.right_axis == right for _, y in line.points]
            high = max(values + [1.0])
            step = nice_step(high * 1.05, ticks)
            return step * (int(high * 1.05 / step) + 1), step

        left_top, left_step = top_of(False)
        has_right = any(line.right_axis for line in data.lines)
        right_top, right_step = top_of(True) if has_right else (left_top, left_step)
        left = fm.horizontalAdvance(money_tick(left_top)) + 12
        right_margin = fm.horizontalAdvance(money_tick(right_top)) + 12 if has_right else 12
        plot = QRectF(left, top, self.width() - left - right_margin, bottom - top)
        if plot.width() < 40 or plot.height() < 30:
            return

        def px(x: float) -> float:  # float-ok
            return plot.left() + (x - x0) / (x1 - x0) * plot.width()

        def py(y: float, right: bool = False) -> float:  # float-ok
            return plot.bottom() - y / (right_top if right else left_top) * plot.height()

        grid = QPen(QColor(205, 205, 205))
        grid.setStyle(Qt.PenStyle.DotLine)
        y = 0.0
        while y <= left_top + 1e-9:
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), py(y)), QPointF(plot.right(), py(y)))
            p.setPen(text_pen)
            p.drawText(
                QRectF(0, py(y) - lh / 2, left - 4, lh),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                money_tick(y),
            )
            y += left_step
        if has_right:
            y = 0.0
            while y <= right_top + 1e-9:
                p.drawText(
                    QRectF(plot.right() + 4, py(y, True) - lh / 2, right_margin - 4, lh),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    money_tick(y),
                )
                y += right_step
        x_step = nice_step(x1 - x0, max(2, int(plot.width() // (fm.horizontalAdvance("0000") * 2))))
        x = x_step * int(x0 / x_step + 0.999)
        while x <= x1 + 1e-9:
            p.setPen(grid)
            p.drawLine(QPointF(px(x), plot.top()), QPointF(px(x), plot.bottom()))
            p.setPen(text_pen)
            p.drawText(
                QRectF(px(x) - 30, plot.bottom() + 2, 60, lh),
                Qt.AlignmentFlag.AlignHCenter,
                f"{x:g}{data.x_suffix}",
            )
            x += x_step
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        for marker in data.markers:
            pen = QPen(QColor(marker.color), 1.5)
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(px(marker.x), plot.top()), QPointF(px(marker.x), plot.bottom()))
            width = fm.horizontalAdvance(marker.label) + 8
            x = px(marker.x) + 4 if px(marker.x) + width < plot.right() else px(marker.x) - width
            p.drawText(QRectF(x, plot.top(), width, lh), marker.label)
        for k, line in enumerate(data.lines):
            pen = QPen(QColor(line.color), 2.2)
            if line.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            shift = (k % 4) * 1.5  # equal lines stay visible side by side
            p.drawPolyline(
                QPolygonF([QPointF(px(x), py(y, line.right_axis) - shift) for x, y in line.points])
            )
        for dot in data.dots:
            p.setPen(QPen(QColor(dot.color), 2))
            p.setBrush(QColor(dot.color))
            centre = QPointF(px(dot.x), py(dot.y, dot.right_axis))
            p.drawEllipse(centre, 4.5, 4.5)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(text_pen)
            p.drawText(QRectF(centre.x() + 7, centre.y() - lh, plot.width() / 2, lh), dot.label)
        p.setPen(text_pen)
        p.drawText(
            QRectF(plot.left(), plot.bottom() + lh + 2, plot.width(), lh),
            Qt.AlignmentFlag.AlignHCenter,
            data.x_label,
        )
        column = plot.width() / 2
        for i, line in enumerate(legend):
            lx = plot.left() + (i % 2) * column
            ly = plot.bottom() + lh * (2 + i // 2) + 4
            pen = QPen(QColor(line.color), 3)
            if line.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(lx, ly + lh / 2), QPointF(lx + 22, ly + lh / 2))
            p.setPen(text_pen)
            p.drawText(
                QRectF(lx + 28, ly, column - 32, lh),
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(line.label, Qt.TextElideMode.ElideRight, int(column - 32)),
            )
