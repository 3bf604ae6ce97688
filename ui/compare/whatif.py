"""What if: the PDB (monthly and lump sum) across 0-100% loss of earning capacity for this claimant.

The curve is the real law (:func:`estimator.law.compare.pdb_curve`) for the case being edited, computed again
only when something other than the percentage changes.  A scheme that pays both (Act 4: a lump sum at 20% or
less, a pension above) has both lines and the 20% marker; one that pays a lump sum only (SKSSR) or a pension
only has its one line, against the %, and no marker.  The case's own percentage is a point on its line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ..text import t
from .chart import ChartData, Dot, Line, LineChart, Marker

if TYPE_CHECKING:
    from estimator.law.compare import CurvePoint
    from estimator.model.case import Case

    from ..core import Core

THRESHOLD = Decimal(20)
DELAY_MS = 400


class WhatIfChart(LineChart):
    def __init__(
        self, core: Core, current_case: Callable[[], Case | None], parent: QWidget | None = None
    ) -> None:
        super().__init__("whatif_chart", parent, lines_high=11)
        self.min_lines = 12
        self.core = core
        self.current_case = current_case
        self.percent_text = ""
        self.curve: list[CurvePoint] = []
        self._curve_for: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.refresh)

    def schedule(self, percent_text: str = "") -> None:
        self.percent_text = percent_text
        self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        case = self.current_case() if self.core.ready else None
        if case is not None and case.scheme != "invalidity":
            key = json.dumps(
                case.model_dump(mode="json", exclude={"loss_of_earning_capacity_percent", "injuries"}),
                sort_keys=True,
            )
            if key != self._curve_for:
                from estimator.law.compare import pdb_curve

                try:
                    self.curve = pdb_curve(case, self.core.pack())
                except Exception:  # an estimate the law refuses: no curve, the page says why
                    self.curve = []
                self._curve_for = key
        elif case is None and self._curve_for is None:
            self.curve = []
        self.set_data(self.chart_data(), t("ui.whatif.description"))

    def current_percent(self) -> Decimal | None:
        text = self.percent_text.strip().rstrip("%").strip()
        case = self.current_case()
        if not text and case is not None:
            return case.loss_of_earning_capacity_percent
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        return value if value.is_finite() and 0 <= value <= 100 else None

    def chart_data(self) -> ChartData:
        data = ChartData(
            title=t("ui.whatif.title"), x_label="", empty_text=t("ui.whatif.empty"), x_suffix="%"
        )
        if not self.curve:
            return data
        monthly_color, lump_color = self.color(0), self.color(1)
        # what the scheme pays: a monthly pension, a lump sum, or both (Act 4 at 20%: the marker goes there)
        has_monthly = any(c.monthly > 0 for c in self.curve)
        has_lump = any(c.lump_sum > 0 for c in self.curve)
        both = has_monthly and has_lump
        if not (has_monthly or has_lump):
            data.empty_text = t("ui.whatif.no_amounts")
        if has_monthly:
            data.lines.append(
                Line(
                    t("ui.whatif.monthly" if both else "ui.whatif.monthly_only"),
                    monthly_color,
                    [(float(c.lec_percent), float(c.monthly)) for c in self.curve],  # float-ok: plot
                )
            )
        if has_lump:
            data.lines.append(
                Line(
                    t("ui.whatif.lump" if both else "ui.whatif.lump_only"),
                    lump_color,
                    [(float(c.lec_percent), float(c.lump_sum)) for c in self.curve],  # float-ok: plot
                    dashed=both,
                    right_axis=both,
                )
            )
        if both:
            data.markers = [Marker(float(THRESHOLD), t("ui.whatif.threshold"), "#d62728")]  # float-ok
        percent = self.current_percent()
        if percent is not None and (has_monthly or has_lump):
            monthly, lump = interpolate(self.curve, percent)
            label = t("ui.whatif.current", percent=f"{percent.normalize():f}")
            on_lump = has_lump and (percent <= THRESHOLD or not has_monthly)
            if on_lump:
                data.dots = [Dot(float(percent), float(lump), label, lump_color, right_axis=both)]  # float-ok
            else:
                data.dots = [Dot(float(percent), float(monthly), label, monthly_color)]  # float-ok
        return data


def interpolate(curve: list[CurvePoint], percent: Decimal) -> tuple[Decimal, Decimal]:
    """The curve's monthly amount and lump sum at ``percent`` (straight between its points)."""
    below = max((c for c in curve if c.lec_percent <= percent), key=lambda c: c.lec_percent, default=curve[0])
    above = min(
        (c for c in curve if c.lec_percent >= percent), key=lambda c: c.lec_percent, default=curve[-1]
    )
    if above.lec_percent == below.lec_percent:
        return below.monthly, below.lump_sum
    share = (percent - below.lec_percent) / (above.lec_percent - below.lec_percent)
    return (
        below.monthly + (above.monthly - below.monthly) * share,
        below.lump_sum + (above.lump_sum - below.lump_sum) * share,
    )
