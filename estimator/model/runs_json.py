"""The result's JSON where it is bulky: a long history's runs of months, written without a record per run.

A 40-year history whose wage changes every month is 480 runs, most of a result's JSON.  Each run is written as
pydantic writes it (the same field order, the same indent, money by the same function, plain texts as they are);
its band part (wage, band, assumed wage, table) is written once for the runs of the same wage and band (a few
thousand kept).
:meth:`Result.to_json` serialises the rest of the result with pydantic and puts the runs in their place; a run with
a text JSON would escape, or a field of another type, is left to pydantic with all the others.  The text is byte
for byte what pydantic alone writes (``tests/test_result_json.py`` checks it on every history it generates).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from estimator.model.record import _M, money_json

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

_SAFE: set[str] = set()  # texts seen to need no escaping in JSON (months, band labels, table names)
# the band parts written (a history and the next estimate repeat their wages): their values -> their lines
_PARTS: dict[tuple[Any, ...], str] = {}
_PARTS_KEPT = 4096


def _safe(text: Any) -> bool:
    """``text`` is a str JSON writes as it is (no quote, backslash or control character); remembered."""
    if type(text) is str and text.isprintable() and '"' not in text and "\\" not in text:
        if len(_SAFE) < 65536:
            _SAFE.add(text)
        return True
    return False


def _part(d: dict[str, Any]) -> str | None:
    """A run's band part (its wage, band, assumed wage and table) as pydantic writes it inside the result (6 spaces
    deep), or None when a text needs escaping or a field is of another type."""
    band_item, band, table = d["band_item"], d["band"], d["table"]
    if (
        type(band_item) is not int
        or (band not in _SAFE and not _safe(band))
        or (table not in _SAFE and not _safe(table))
    ):
        return None
    return (
        f'      "wage": "{money_json(d["wage"])}",\n      "band_item": {band_item},\n      "band": "{band}",\n'
        f'      "assumed_wage": "{money_json(d["assumed_wage"])}",\n      "table": "{table}",\n'
    )


def runs_json(runs: Sequence[_M]) -> list[str] | None:
    """The runs as the items of the result's ``wage_months`` list (indent 2, without the brackets; pieces to join,
    a comma between runs), or None when one of them is not a plain run (pydantic then writes them all).  A band
    part is kept for the runs of the same wage and band (a history repeats its wages)."""
    out: list[str] = []
    append = out.append
    parts, safe, size = _PARTS, _SAFE, len(FIELDS)
    for run in runs:
        d = run.__dict__
        first, last, months = d["first"], d["last"], d["months"]
        in_window, provisional = d["in_window"], d["provisional"]
        if (
            len(d) != size
            or type(months) is not int
            or (first not in safe and not _safe(first))
            or (last not in safe and not _safe(last))
            or (in_window is not True and in_window is not False)
            or (provisional is not True and provisional is not False)
        ):
            return None
        wage = d["wage"]
        key = (wage, d["band_item"], d["band"], d["assumed_wage"], d["table"])
        part = parts.get(key) if wage else None  # (a zero wage may be -0: never taken from another run)
        if part is None:
            part = _part(d)
            if part is None:
                return None
            if len(parts) > _PARTS_KEPT:
                parts.clear()
            parts[key] = part
        append(
            f'    {{\n      "first": "{first}",\n      "last": "{last}",\n      "months": {months},\n{part}'
            f'      "in_window": {"true" if in_window else "false"},\n'
            f'      "provisional": {"true" if provisional else "false"}\n    }},\n'
        )
    if out:
        out[-1] = out[-1][:-2]  # (no comma after the last)
    return out
