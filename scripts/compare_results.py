"""Before/after comparison of every sample and golden case's result.

    python scripts/compare_results.py --save DIR       # write each result's JSON (as `faedah estimate --json`)
    python scripts/compare_results.py --against DIR    # run again, print each difference, exit 1 if any

The comparison ignores the steps' texts (title, formula, substituted, result, rounding, note), the parameters'
description and notes, and compares only the number of provisional notes; steps are compared by id (their order
is ignored), benefits, not_payable and warnings by code (their orders are compared separately).  Everything else
is compared.  The wage months are compared one by one (a result that lists them as runs is expanded), so a
result saved before the runs compares with one after.  ``--ignore-texts`` also ignores every other bilingual text ({"en", "ms"}); ``--ignore PATH``
ignores a path and everything under it (e.g. ``--ignore rules.sha256``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# the bundled rule pack, never an office override beside the source tree (unless asked for explicitly)
os.environ.setdefault("FAEDAH_RULES_DIR", str(ROOT / ".no-office-rules"))
os.environ.setdefault("FAEDAH_COMMUTATION_FILE", str(ROOT / ".no-office-commutation.json"))

from estimator import estimate, parse_case  # noqa: E402
from estimator.model.case import decode_case_bytes  # noqa: E402
from estimator.model.casefile import injury_ids  # noqa: E402
from estimator.model.expect import load_golden  # noqa: E402

FAR_FUTURE = date(2045, 1, 1)  # samples are validated as of a day after every event date
STEP_TEXTS = ("title", "formula", "substituted", "result", "rounding", "note")
PARAM_TEXTS = ("description", "note", "note_ms")
ABSENT = "(absent)"


def cases() -> dict[str, tuple[dict[str, Any], date]]:
    """name -> (case document, today): samples/*.json and tests/golden/**/*.json."""
    found: dict[str, tuple[dict[str, Any], date]] = {}
    for path in sorted((ROOT / "samples").glob("*.json")):
        found[f"samples/{path.stem}"] = (decode_case_bytes(path.read_bytes()), FAR_FUTURE)
    golden_root = ROOT / "tests" / "golden"
    for path in sorted(golden_root.rglob("*.json")):
        golden = load_golden(path)
        name = "golden/" + path.relative_to(golden_root).with_suffix("").as_posix()
        found[name] = (golden.case, golden.today or date.today())
    return found


def result_json(data: dict[str, Any], today: date) -> Any:
    case = parse_case(data, today=today, injury_ids=injury_ids())
    return estimate(case).model_dump(mode="json")


def _named(records: list[Any], name_of: Any) -> dict[str, Any]:
    """A list of records as a dict by name (a repeated name gets #2, #3...)."""
    out: dict[str, Any] = {}
    for record in records:
        name = str(name_of(record))
        key, n = name, 1
        while key in out:
            n += 1
            key = f"{name}#{n}"
        out[key] = record
    return out


def _param_key(param: dict[str, Any]) -> str:
    return f"{param.get('key')}@{param.get('effective_from')}"


def _code(record: dict[str, Any]) -> str:
    return str(record.get("code"))


def normalise(result: Any) -> Any:
    """The result as it is compared: texts of steps dropped, lists of named records as dicts."""
    data = dict(result)
    steps = {}
    for step in data.get("steps", []):
        kept = {k: v for k, v in step.items() if k not in STEP_TEXTS}
        params = [{k: v for k, v in p.items() if k not in PARAM_TEXTS} for p in kept.get("params", [])]
        kept["params"] = _named(sorted(params, key=_param_key), _param_key)
        steps[step["id"]] = kept
    data["steps"] = steps
    data["wage_months"] = _months(data.get("wage_months", []))
    data["provisional_notes"] = len(data.get("provisional_notes", []))
    for field in ("benefits", "not_payable", "warnings"):
        records = data.get(field, [])
        data[f"{field} (order)"] = [r.get("code") for r in records]
        data[field] = _named(records, _code)
    return data


def _months(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The wage months one by one, whether saved as months or as runs (``first``, ``last``, ``months``)."""
    out: list[dict[str, Any]] = []
    for record in records:
        if "first" not in record:
            out.append(record)
            continue
        fields = {k: v for k, v in record.items() if k not in ("first", "last", "months")}
        year, number = (int(part) for part in str(record["first"]).split("-"))
        start = year * 12 + number - 1
        for k in range(int(record["months"])):
            month = f"{(start + k) // 12:04d}-{(start + k) % 12 + 1:02d}"
            out.append({"month": month, **fields})
    return out


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"en", "ms"}


def differences(before: Any, after: Any, path: str, ignore: tuple[str, ...], texts: bool) -> list[str]:
    if any(path == p or path.startswith((p + ".", p + "[")) for p in ignore):
        return []
    if not texts and (_is_text(before) or _is_text(after)):
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[str] = []
        for key in list(before) + [k for k in after if k not in before]:
            sub = f"{path}[{key}]" if "." in str(key) or "@" in str(key) else f"{path}.{key}"
            out += differences(
                before.get(key, ABSENT), after.get(key, ABSENT), sub.lstrip("."), ignore, texts
            )
        return out
    if isinstance(before, list) and isinstance(after, list) and before and after:
        out = []
        for i in range(max(len(before), len(after))):
            out += differences(
                before[i] if i < len(before) else ABSENT,
                after[i] if i < len(after) else ABSENT,
                f"{path}[{i}]",
                ignore,
                texts,
            )
        return out
    if before != after:
        return [f"{path}: {_shown(before)} -> {_shown(after)}"]
    return []


def _shown(value: Any) -> str:
    if value == ABSENT or isinstance(value, str):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def save(folder: Path) -> int:
    found = cases()
    for name, (data, today) in found.items():
        target = folder / f"{name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(result_json(data, today), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"saved {len(found)} results to {folder}")
    return 0


def against(folder: Path, ignore: tuple[str, ...], texts: bool) -> int:
    current = cases()
    saved = {p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.json")}
    found = 0
    for name in sorted(set(current) | saved):
        if name not in current:
            print(f"{name}: saved before, no longer a case here")
            found += 1
            continue
        if name not in saved:
            print(f"{name}: a new case, nothing saved to compare with")
            continue
        before = json.loads((folder / f"{name}.json").read_text("utf-8"))
        after = result_json(*current[name])
        lines = differences(normalise(before), normalise(after), "", ignore, texts)
        for line in lines:
            print(f"{name}: {line}")
        found += len(lines)
    print(f"{len(current)} cases compared with {folder}: {found} difference(s)")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, metavar="DIR", help="write every result's JSON to DIR")
    mode.add_argument("--against", type=Path, metavar="DIR", help="compare with the results saved in DIR")
    parser.add_argument("--ignore", action="append", default=[], metavar="PATH", help="a path not compared")
    parser.add_argument("--ignore-texts", action="store_true", help="ignore every bilingual text too")
    args = parser.parse_args(argv)
    if args.save:
        return save(args.save)
    return against(args.against, tuple(args.ignore), texts=not args.ignore_texts)


if __name__ == "__main__":
    sys.exit(main())
