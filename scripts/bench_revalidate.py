"""CPU time of the wizard's real revalidation per keystroke (issue 22 point 5), for every sample and a 480-month
invalidity history: one wage cell typed (the whole edit path: the row read again, ``revalidate()``, the status
bar) and ``revalidate()`` alone; medians of 30.

    QT_QPA_PLATFORM=offscreen python3 scripts/bench_revalidate.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

ROUNDS = 30


def history(months: int) -> dict[str, Any]:
    return {
        "format": "faedah-case",
        "version": 1,
        "scheme": "invalidity",
        "incident_type": "illness",
        "outcome": "invalidity",
        "event_date": "2025-06-10",
        "date_of_birth": "1970-04-02",
        "first_contribution_month": "1985-06",
        "monthly_wages": [
            {"month": f"{1985 + (i + 5) // 12}-{(i + 5) % 12 + 1:02d}", "wage": str(2000 + i)}
            for i in range(months)
        ],
    }


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000 if samples else float("nan")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.app import create_window

    win = create_window(["faedah"])
    win.show()
    win.finish_startup()
    wiz = win.wizard
    cases = {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.json"))
    }
    cases["history of 480 months"] = history(480)
    for name, data in cases.items():
        if data.get("format") != "faedah-case":
            continue
        wiz.load(data)
        edits: list[float] = []
        item = wiz.wages.table.item(0, 1)
        for k in range(ROUNDS if item is not None else 0):
            start = time.process_time()
            item.setText(str(2000 + k))  # itemChanged: the row read again, revalidate(), the status bar
            edits.append(time.process_time() - start)
        alone: list[float] = []
        for _ in range(ROUNDS):
            start = time.process_time()
            wiz.revalidate()
            alone.append(time.process_time() - start)
        print(f"{name:36s} wage typed {median_ms(edits):6.2f} ms   revalidate() {median_ms(alone):6.2f} ms")
    win.dirty = False
    win.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
