"""The date and MyKad parsing the app uses (estimator.model.date_input)."""

from __future__ import annotations

from datetime import date

import pytest

from estimator.model.date_input import ic_birth_date, ic_contradicts, normalise_day_text, parse_day_text


@pytest.mark.parametrize(
    "text", ["10/06/2025", "10-06-2025", "10.06.2025", "10062025", "2025-06-10", " 10/6/2025 "]
)
def test_day_forms(text: str) -> None:
    assert parse_day_text(text) == date(2025, 6, 10)


def test_short_forms_and_refusals() -> None:
    assert parse_day_text("1/6/2025") == date(2025, 6, 1)
    for bad in ("31/02/2025", "12/03/19902500", "2025", "", "abc", "1006202"):
        assert parse_day_text(bad) is None
    assert normalise_day_text("10062025") == "2025-06-10"
    assert normalise_day_text("nonsense") == "nonsense"


def test_mykad_birth_date() -> None:
    assert ic_birth_date("900402-14-5678", date(2025, 6, 10)) == date(1990, 4, 2)
    assert ic_birth_date("040515105432", date(2025, 6, 10)) == date(2004, 5, 15)
    assert ic_birth_date("250701-10-1234", date(2025, 6, 10)) == date(1925, 7, 1)  # born before the event
    assert ic_birth_date("901302-14-5678") is None
    assert ic_birth_date("12345") is None
    assert ic_contradicts("900402-14-5678", date(1990, 4, 3))
    assert not ic_contradicts("900402-14-5678", date(1990, 4, 2))
    assert not ic_contradicts("", date(1990, 4, 2))
