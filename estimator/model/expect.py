"""Golden cases: a case with the figures it must give (MINIMAL STAND-IN; the full version replaces it at merge).

Format: ``{"format": "faedah-golden", "version": 1, "name", "source", "note", "today"?, "case": {...},
"expect": {"benefits.TDB.daily_rate": "52.00", ...}}``.  A dotted path walks the result's JSON form;
``benefits.<CODE>`` picks the benefit with that code, ``[i]`` indexes a list; leaves are compared as JSON strings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_INDEX = re.compile(r"^(?P<name>[^\[\]]*)(?P<index>(\[\d+\])*)$")
_MISSING = object()


def load_golden(path: Path) -> dict[str, Any]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != "faedah-golden" or data.get("version") != 1:
        raise ValueError(f"{Path(path).name}: not a faedah-golden case (format/version)")
    if not isinstance(data.get("case"), dict) or not isinstance(data.get("expect"), dict):
        raise ValueError(f"{Path(path).name}: needs 'case' and 'expect' objects")
    return data


def _step(node: Any, name: str) -> Any:
    if isinstance(node, dict):
        return node.get(name, _MISSING)
    if isinstance(node, list):  # benefits.<CODE>: the element whose "code" is that name
        for item in node:
            if isinstance(item, dict) and item.get("code") == name:
                return item
    return _MISSING


def _walk(root: Any, path: str) -> Any:
    node = root
    for part in path.split("."):
        match = _INDEX.match(part)
        if match is None:
            return _MISSING
        if match["name"]:
            node = _step(node, match["name"])
        for index in re.findall(r"\[(\d+)\]", match["index"]):
            if not isinstance(node, list) or int(index) >= len(node):
                return _MISSING
            node = node[int(index)]
        if node is _MISSING:
            return _MISSING
    return node


def _leaf(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def failures(result: Any, expect: dict[str, Any]) -> list[str]:
    """One line per expected figure the result does not give."""
    data = json.loads(result.model_dump_json()) if hasattr(result, "model_dump_json") else result
    out: list[str] = []
    for path, wanted in expect.items():
        got = _walk(data, path)
        if got is _MISSING:
            out.append(f"{path}: missing (expected {_leaf(wanted)})")
        elif _leaf(got) != _leaf(wanted):
            out.append(f"{path}: {_leaf(got)} (expected {_leaf(wanted)})")
    return out
