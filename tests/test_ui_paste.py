"""Parsing a pasted contribution history (estimator.model.paste)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from estimator.model.paste import parse_history, parse_line


@pytest.mark.parametrize(
    "line",
    [
        "05/2025\t2500",
        "5/2025, 2,500.00",
        "2025-05 2500.00",
        "May 2025\tRM 2,500.00",
        "Mei 2025;2500",
        "MEI-2025  2,500.00  17.50",
        "05.2025,2500",
    ],
)
def test_line_forms(line: str) -> None:
    assert parse_line(line) == ("2025-05", Decimal("2500"))  # 2500.00 == 2500 as a Decimal


def test_history_with_headings_bad_and_duplicate_lines() -> None:
    text = "Bulan\tGaji\n05/2025\t2500\n06/2025\tabc\n\n13/2025\t100\n05/2025\t9999\nJun 2025\t2,600.00\n"
    pasted = parse_history(text)
    assert pasted.rows == [("2025-05", Decimal("2500")), ("2025-06", Decimal("2600.00"))]
    assert [n for n, _line in pasted.bad_lines] == [3, 5]
    assert [n for n, _line in pasted.duplicate_lines] == [6]


def test_a_hundred_and_twenty_months() -> None:
    lines = [f"{(i % 12) + 1:02d}/{2015 + i // 12}\t{3000 + i}.00" for i in range(120)]
    pasted = parse_history("\n".join(lines))
    assert len(pasted.rows) == 120 and not pasted.bad_lines
    assert pasted.rows[0] == ("2015-01", Decimal("3000.00"))
    assert pasted.rows[-1] == ("2024-12", Decimal("3119.00"))
