"""The result's JSON where it is bulky: a long history's runs of months, written without a record per run.

A 40-year history whose wage changes every month is 480 runs, most of a result's JSON.  A run's band part (its
wage, band, assumed wage and table) is the same for every run of that wage and band: it is serialised once, by
pydantic itself, and kept; each run puts its own fields (its months, whether averaged, whether provisional)
around it.  :meth:`Result.to_json` serialises the rest of the result with pydantic and puts the runs in their
place, so the text is byte for byte what pydantic alone writes (``tests/test_result_json.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from estimator.model.record import _M

INDENT = 2  # the one indent written here (another falls back to pydantic alone)
FIELDS = (
    "first",
    "last",
    "months",
    "wage",
    "band_item",
    "band",
    "assumed_wage",
    "table",
    "in_window",
    "provisional",
)
_BAND = FIELDS[3:8]  # the part shared by the runs of one wage and band

# a band part (its values) -> its lines as they stand inside the result (6 spaces deep), each ending in a newline
_PARTS: dict[tuple[Any, ...], str] = {}
_SAFE: set[str] = set()  # month texts seen to need no escaping in JSON


def _part(run: _M, key: tuple[Any, ...]) -> str:
    """The band part of ``run`` as pydantic writes it, moved to the depth of a run inside the result."""
    lines = run.model_dump_json(indent=INDENT).split("\n")
    names = [line.split('"', 2)[1] for line in lines[1:-1]]
    if tuple(names) != FIELDS:  # (a record of another shape: not written here)
        raise ValueError("a run's fields are not the record's")
    part = "".join(f"    {line}\n" for line in lines[1 + 3 : 1 + 8])
    if len(_PARTS) > 4096:
        _PARTS.clear()
    _PARTS[key] = part
    return part


def _safe_month(text: Any) -> bool:
    """``text`` is a month text JSON takes as it is (digits and a dash); remembered."""
    if isinstance(text, str) and text.replace("-", "").isdigit() and text.isascii():
        if len(_SAFE) < 65536:
            _SAFE.add(text)
        return True
    return False


def runs_json(runs: Sequence[_M]) -> list[str] | None:
    """The runs as the items of the result's ``wage_months`` list (indent 2, without the brackets; pieces to join,
    a comma between runs), or None when one of them is not a plain run (pydantic then writes them all)."""
    out: list[str] = []
    append = out.append
    parts, safe, size = _PARTS, _SAFE, len(FIELDS)
    for run in runs:
        d = run.__dict__
        first, last, months, in_window, provisional = (
            d["first"],
            d["last"],
            d["months"],
            d["in_window"],
            d["provisional"],
        )
        if (
            len(d) != size
            or type(months) is not int
            or (first not in safe and not _safe_month(first))
            or (last not in safe and not _safe_month(last))
            or (in_window is not True and in_window is not False)
            or (provisional is not True and provisional is not False)
        ):
            return None
        wage = d["wage"]
        key = (wage, d["band_item"], d["band"], d["assumed_wage"], d["table"])
        part = parts.get(key) if wage else None  # (a zero wage may be -0: never taken from another run)
        if part is None:
            try:
                part = _part(run, key)
            except ValueError:
                return None
        append(
            f'    {{\n      "first": "{first}",\n      "last": "{last}",\n      "months": {months},\n{part}'
            f'      "in_window": {"true" if in_window else "false"},\n'
            f'      "provisional": {"true" if provisional else "false"}\n    }},\n'
        )
    if out:
        out[-1] = out[-1][:-2]  # (no comma after the last)
    return out
