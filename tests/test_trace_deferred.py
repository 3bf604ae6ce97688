"""The trace keeps a step's texts as data (template keys and values) and fills them when a renderer reads them
or the result is serialised (issue 22 point 4); what filling could refuse is refused while estimating."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from estimator import estimate, read_case_file
from estimator.engine.i18n import tr
from estimator.engine.rules import default_rules
from estimator.engine.trace import Later, Trace, fill, fill_rows, fills_later, positional
from estimator.model.result import PENDING, Result

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.json"))
ON = date(2025, 6, 10)


def _fresh(path: Path) -> Result:
    return estimate(read_case_file(path))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_texts_read_or_not_the_result_is_the_same(path: Path) -> None:
    lazy = _fresh(path)
    assert any(PENDING in s.__dict__ for s in lazy.steps)  # estimate() left the texts for later
    read = _fresh(path)
    for step in read.steps:  # a renderer reads every text first
        assert step.title["en"] and step.title["ms"] and step.formula["ms"] and step.substituted["en"]
    assert all(PENDING not in s.__dict__ for s in read.steps)
    assert lazy.to_json() == read.to_json()
    assert lazy.model_dump(mode="json") == json.loads(read.to_json())
    assert _fresh(path) == read  # equal whether or not its texts were filled


def test_a_step_filled_later_says_what_a_step_filled_at_once_says() -> None:
    now, later = Trace(default_rules()), Trace(default_rules(), defer_texts=True)
    for trace in (now, later):
        trace.step("caa", ON).done("caa", "RM500.00", amount=Decimal("500"))
    eager, deferred = now.steps[0], later.steps[0]
    assert PENDING not in eager.__dict__ and PENDING in deferred.__dict__
    assert deferred.model_dump() == eager.model_dump()
    assert deferred.substituted == {"en": "RM500.00", "ms": "RM500.00"}


def test_what_filling_could_refuse_is_refused_while_estimating() -> None:
    trace = Trace(default_rules(), defer_texts=True)
    with pytest.raises(KeyError, match="no catalogue entry"):
        trace.step("x", ON).done("no_such_template", "1")
    with pytest.raises(KeyError, match="amount"):
        trace.step("x", ON).done("caa", "1")  # {amount:rm} has no value
    with pytest.raises(InvalidOperation):
        trace.step("x", ON).done("caa", "1", amount="not a number")  # filled at once: refused here
    trace.step("caa", ON).done("caa", "1", amount=5)  # an int is a number: filled later
    assert trace.steps[0].substituted["en"] == "RM5.00"


def test_a_later_value_is_made_once_when_the_texts_are_filled() -> None:
    made: list[int] = []

    def lines(n: int) -> dict[str, str]:
        made.append(n)
        return {"en": f"{n} lines", "ms": f"{n} baris"}

    trace = Trace(default_rules(), defer_texts=True)
    trace.step("wages.bands", ON).done("wages_bands", "x", lines=Later(lines, 3))
    assert made == []  # nothing written while estimating
    assert trace.steps[0].substituted == {"en": "3 lines", "ms": "3 baris"}
    assert made == [3]
    with pytest.raises(KeyError):
        fills_later(("no_such_template",), {})


# -- the fast ways of filling (lines by the hundred): the same text as a fill by name


def test_a_positional_template_writes_what_the_named_one_writes() -> None:
    names = ("count", "who", "share", "whole", "amount")
    values = {"count": 29, "who": "{child}", "share": "2/61", "whole": "1,234.56", "amount": "40.47"}
    pattern = positional("dep.schedule.group", names)
    for lang in ("en", "ms"):
        assert pattern[lang].format(*(values[n] for n in names)) == tr("dep.schedule.group", **values)[lang]
    with pytest.raises(KeyError):
        positional("dep.schedule.group", ("count", "who"))  # a field the caller does not give
    with pytest.raises(KeyError):
        positional("no.such.entry", names)


def test_rows_filled_together_read_as_rows_filled_one_by_one() -> None:
    wage, assumed = Decimal("2000.00"), Decimal("1950.00")
    rows = [
        {
            "month": f"2024-{m:02d}",
            "wage": wage if m % 2 else Decimal("2100"),
            "item": 25,
            "table": "t",
            "assumed": assumed,
        }
        for m in range(1, 13)
    ]
    assert fill_rows("inv.amw.run", rows) == [fill("inv.amw.run", **row) for row in rows]
    # a text the same in both languages is made once: still one text per language
    assert all(set(line) == {"en", "ms"} for line in fill_rows("inv.amw.run", rows))
