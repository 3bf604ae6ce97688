"""The wage history's one-pass path (plain entries built directly) gives what the model's own validation gives."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from estimator.model.case import MAX_WAGE, CaseError, WageMonth, parse_case
from estimator.model.strict import prebuilt_months

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "invalidity_pension.json"

ENTRIES: list[Any] = [
    {"month": "2024-01", "wage": "1500.00"},
    {"month": "2024-02", "wage": "1500.5"},
    {"month": "2024-03", "wage": 1500},
    {"month": "2024-04", "wage": Decimal("1500.25")},
    {"month": "2024-05", "wage": Decimal("1E+3")},
    {"month": " 2024-06 ", "wage": " 1500.00 "},  # stripped by the model, not by the one-pass path
    {"month": "2024-07", "wage": "0"},
    {"month": "2024-08", "wage": "1000000.00"},
]


def test_plain_entries_equal_the_validated_ones() -> None:
    built = prebuilt_months(ENTRIES, WageMonth, MAX_WAGE)
    for entry, item in zip(ENTRIES, built, strict=True):
        validated = WageMonth.model_validate(entry)
        model = item if isinstance(item, WageMonth) else WageMonth.model_validate(item)
        assert model == validated
        assert model.model_dump_json() == validated.model_dump_json()
        assert model.model_fields_set == validated.model_fields_set
    assert not isinstance(built[5], WageMonth)  # left to the model


@pytest.mark.parametrize(
    "wage",
    [
        "-1.00",
        "1.001",
        "1e3",
        "1000000.01",
        "١٥٠٠",
        True,
        1.5,
        None,
        Decimal("NaN"),
        Decimal("1.001"),
        -1,
        "1_000",
    ],
)
def test_entries_not_plain_keep_the_models_errors(wage: Any) -> None:
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    history = document["monthly_wages"]
    history[1] = {"month": history[1]["month"], "wage": wage}
    with pytest.raises(CaseError) as raised:
        parse_case(document)
    assert [p.field for p in raised.value.problems] == ["monthly_wages[1].wage"]
    assert not isinstance(prebuilt_months(history, WageMonth, MAX_WAGE)[1], WageMonth)


def test_extra_keys_and_bad_months_are_left_to_the_model() -> None:
    entries: list[Any] = [
        {"month": "2024-13", "wage": "1.00"},
        {"month": "2024-01", "wage": "1.00", "note": "x"},
        {"month": "2024-01"},
        ["2024-01", "1.00"],
    ]
    assert prebuilt_months(entries, WageMonth, MAX_WAGE) == entries
