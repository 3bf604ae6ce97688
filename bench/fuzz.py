"""Fuzz the core and the CLI with generated and mutated case files (hypothesis-driven).

Usage::

    python3 bench/fuzz.py --cases 10000 [--seed 7] [--subprocess 20] [--pdf-every 100] [--no-cli]

Every input goes through

* the core: ``decode_case_bytes`` -> ``parse_case`` -> ``estimate`` -> JSON dump -> ``render_text`` (and, for a
  valid case, a save / re-open round trip through ``write_case_file`` / ``read_case_file``; every
  ``--pdf-every``-th result is also rendered as a PDF);
* the CLI, in-process (``estimator.cli.main.main`` on a temporary file), and a handful of cases as a real subprocess.

The only outcomes allowed are a result or a validation error (``CaseError`` / exit code 2, one line per problem
naming the field).  Anything else is counted as a bug, with its reproducer written to ``--out`` (default
``bench/fuzz-failures/``), and the script exits 1.

Inputs come from three sources (all drawn by hypothesis): plausible cases generated from scratch, the sample
cases in ``samples/`` (and generated cases) with 1-5 structural mutations (dropped keys, swapped types, extreme
numbers, random unicode, unknown keys, absurd dates, long or duplicated lists), and byte-level damage of the
serialised file (truncation, flipped bytes, binary noise, other encodings, deep nesting, oversize files).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from estimator.engine.rules import RulePack, load_rules  # noqa: E402
from estimator.law.estimate import estimate  # noqa: E402
from estimator.model.case import (  # noqa: E402
    INCIDENTS_BY_SCHEME,
    MAX_CASE_BYTES,
    OUTCOMES_BY_SCHEME,
    Case,
    CaseError,
    case_to_dict,
    decode_case_bytes,
    parse_case,
)
from estimator.model.casefile import injury_ids, read_case_file, write_case_file  # noqa: E402
from estimator.render.text import render_text  # noqa: E402

SAMPLES = ROOT / "samples"
SCHEMES = tuple(INCIDENTS_BY_SCHEME)
INCIDENTS = tuple(sorted({i for v in INCIDENTS_BY_SCHEME.values() for i in v}))
OUTCOMES = tuple(sorted({o for v in OUTCOMES_BY_SCHEME.values() for o in v}))
RELATIONSHIPS = ("spouse", "child", "parent", "sibling", "grandparent")
CLI_ARGS: tuple[tuple[str, ...], ...] = (
    ("--json",),
    ("--lang", "ms"),
    ("--lang", "both", "--brief"),
    ("--lang", "en"),
)
_SEGMENT = r'([A-Za-z_]\w*|"(?:[^"\\]|\\.)*")'
FIELD = re.compile(rf"^({_SEGMENT}(\[\d+\])*(\.{_SEGMENT}(\[\d+\])*)*)?$")
PROBLEM_LINE = re.compile(rf"^(\(case\)|{_SEGMENT}(\[\d+\])*(\.{_SEGMENT}(\[\d+\])*)*): \S")


def load_samples() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.json"))]


# ----------------------------------------------------------------------------------------------- generation


def _iso(d: date) -> str:
    return d.isoformat()


def _month(idx: int) -> str:
    y, m = divmod(idx, 12)
    return f"{y:04d}-{m + 1:02d}"


def _money(data: st.DataObject, lo: str = "0", hi: str = "1000000") -> Any:
    value = data.draw(
        st.one_of(
            st.sampled_from(
                [
                    "0.00",
                    "1.00",
                    "1500.00",
                    "2000.00",
                    "3000.00",
                    "4950.00",
                    "5000.00",
                    "6000.00",
                    "6000.01",
                    "12000.00",
                    "999999.99",
                    "1000000.00",
                ]
            ),
            st.decimals(
                min_value=Decimal(lo), max_value=Decimal(hi), places=2, allow_nan=False, allow_infinity=False
            ),
        )
    )
    value = Decimal(value)
    as_number = data.draw(st.integers(0, 9)) == 0
    return value if as_number else f"{value:.2f}"


def draw_plausible_case(data: st.DataObject, today: date) -> dict[str, Any]:
    """A case a clerk might enter: consistent scheme / incident / outcome, sensible dates (mostly)."""
    scheme = data.draw(st.sampled_from(SCHEMES))
    incident = data.draw(st.sampled_from(INCIDENTS_BY_SCHEME[scheme]))
    outcome = data.draw(st.sampled_from(OUTCOMES_BY_SCHEME[scheme]))
    event = data.draw(
        st.one_of(
            st.dates(date(1971, 1, 1), today),
            st.dates(date(2015, 1, 1), today),
            st.dates(date(2024, 6, 1), today),
        )
    )
    age = data.draw(st.one_of(st.integers(13, 100), st.integers(18, 65)))
    born = date(max(1, event.year - age), 1, 1) + timedelta(days=data.draw(st.integers(0, 364)))
    doc: dict[str, Any] = {
        "format": "faedah-case",
        "version": 1,
        "scheme": scheme,
        "incident_type": incident,
        "outcome": outcome,
        "event_date": _iso(event),
        "date_of_birth": _iso(born),
    }
    event_idx = event.year * 12 + event.month - 1
    n = data.draw(st.one_of(st.integers(0, 14), st.integers(0, 120), st.just(600)))
    gap = data.draw(st.integers(0, 3))
    earliest = (born.year + 13) * 12 + born.month
    if data.draw(st.integers(0, 9)):  # mostly a history the claimant could have worked
        n = max(0, min(n, event_idx - gap - earliest))
    start = event_idx - gap - n
    style = data.draw(st.sampled_from(["same", "random", "ramp"]))
    base = _money(data)
    wages = []
    for k in range(n):
        if style == "same":
            w: Any = base
        elif style == "ramp":
            w = f"{Decimal(str(base)) * (k + 1) / max(n, 1):.2f}"
        else:
            w = _money(data) if k < 24 else base
        wages.append({"month": _month(start + k), "wage": w})
    doc["monthly_wages"] = wages
    opt = data.draw(st.integers(0, 2**16 - 1))  # one bit per optional field

    def on(bit: int) -> bool:
        return bool(opt >> bit & 1)

    if on(0):
        doc["first_contribution_month"] = _month(max(start - data.draw(st.integers(0, 240)), earliest))
    if on(1):
        mld = data.draw(st.one_of(st.integers(0, 60), st.integers(0, 3650)))
        doc["medical_leave_days"] = mld
        if on(2):
            doc["days_worked_with_wages"] = data.draw(st.integers(0, mld))
    if on(3):
        doc["loss_of_earning_capacity_percent"] = data.draw(
            st.one_of(
                st.sampled_from(["0", "1", "19.99", "20", "20.01", "30", "50", "90", "100"]),
                st.decimals(0, 100, places=2).map(str),
            )
        )
    if on(4):
        doc["injuries"] = data.draw(st.lists(st.sampled_from(sorted(_INJURY_IDS)), max_size=5, unique=True))
    if on(5):
        doc["needs_constant_attendance"] = data.draw(st.booleans())
    if on(6):
        doc["funeral_expenses"] = _money(data, hi="20000")
    if on(7):
        count = data.draw(st.integers(0, 8)) if data.draw(st.integers(0, 9)) else 16
        doc["dependants"] = [draw_dependant(data, event, born) for _ in range(count)]
    if on(8):
        doc["claim_date"] = _iso(min(today, event + timedelta(days=data.draw(st.integers(0, 4000)))))
    if on(9):
        doc["similar_worker_monthly_wage"] = _money(data)
    if on(10):
        doc["police_report_made"] = data.draw(st.sampled_from([True, False, None]))
    for bit, key in (
        (11, "accident_outside_malaysia"),
        (12, "caused_by_disease"),
        (13, "covered_by_self_employment_scheme"),
        (14, "covered_by_housewives_scheme"),
    ):
        if on(bit):
            doc[key] = data.draw(st.booleans())
    for name, info in Case.model_fields.items():  # flags added to the case later are fuzzed too
        if info.annotation is bool and name not in doc and data.draw(st.integers(0, 3)) == 0:
            doc[name] = data.draw(st.booleans())
    if on(15):
        doc["claimant_name"] = draw_name(data, 40)
        doc["ic_number"] = data.draw(st.from_regex(r"\A\d{6}-\d{2}-\d{4}\Z"))
        doc["notes"] = data.draw(st.text(max_size=200))
        doc["meta"] = {"page": data.draw(st.integers(0, 9))}
    return doc


# Long names in any script (up to the 120-character limit, often without a break point): every valid case must
# print, and such names once made a table row taller than a page (reportlab LayoutError).
LONG_NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=60, max_size=120
).map(str.strip)


def draw_name(data: st.DataObject, short: int) -> str:
    if data.draw(st.integers(0, 3)) == 0:
        return data.draw(LONG_NAME)
    return data.draw(st.text(max_size=short))


def draw_dependant(data: st.DataObject, event: date, born: date) -> dict[str, Any]:
    rel = data.draw(st.sampled_from(RELATIONSHIPS))
    if rel == "child":
        lo, hi = (
            max(born + timedelta(days=365 * 14), event - timedelta(days=365 * 30)),
            event + timedelta(days=250),
        )
    elif rel in ("parent", "grandparent"):
        lo, hi = born - timedelta(days=365 * 70), born - timedelta(days=365 * 14)
    elif rel == "spouse":
        lo, hi = event - timedelta(days=365 * 80), event - timedelta(days=365 * 16)
    else:
        lo, hi = event - timedelta(days=365 * 40), event
    lo = max(lo, date(1, 1, 1))
    hi = max(lo, min(hi, date(9999, 1, 1)))
    dob = data.draw(st.dates(lo, hi))
    dep: dict[str, Any] = {"relationship": rel, "date_of_birth": _iso(dob)}
    flags = data.draw(st.integers(0, 31))
    if flags & 1:
        dep["name"] = draw_name(data, 30)
    if flags & 2:
        dep["in_higher_education"] = True
        if flags & 4:
            end = dob + timedelta(days=data.draw(st.integers(1, 365 * 40)))
            dep["education_ends_on"] = _iso(end if data.draw(st.integers(0, 19)) else date(9999, 12, 31))
    if flags & 8:
        dep["disabled"] = True
    if flags & 16:
        dep["married"] = data.draw(st.booleans())
    return dep


_INJURY_IDS: set[str] = set()

# JSON values of every type, for swapped types and random content
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.integers(-5, 5),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "NaN",
            "Infinity",
            "-0",
            "1e9999",
            "-1e-9999",
            "0E-999999",
            "2025-02-30",
            "9999-12-31",
            "0001-01-01",
            "2025-13",
            "١٢٣",
            "\u0000",
            "\ud800",
            "12,000.00",
            "RM 2000",
            "true",
            "null",
            "1_000",
        ]
    ),
)
ANY_JSON = st.recursive(
    _scalar,
    lambda kids: st.one_of(
        st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=8,
)
EXTREME_NUMBERS = st.one_of(
    st.sampled_from(
        [
            0,
            -1,
            -0.01,
            10**20,
            -(10**20),
            2**63,
            1e308,
            "1e9999",
            "-1e9999",
            "999999.999",
            "1000000.01",
            "0.001",
            "1E+2",
            "1e-2",
            "100.001",
            "-0.00",
            "0.0000000000001",
            "3650",
            "3651",
            "100",
            "100.01",
            "-100",
        ]
    ),
    st.integers(-(10**12), 10**12),
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=3),
)
ODD_DATES = st.one_of(
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(_iso),
    st.sampled_from(
        [
            "1970-12-31",
            "1971-01-01",
            "2999-01-01",
            "9999-12-31",
            "0001-01-01",
            "2024-02-29",
            "2023-02-29",
            "2025-06-10T10:00:00",
            "2025-06-10T10:00:00+08:00",
            "10/06/2025",
            "20250610",
            "2025-6-1",
            "",
            "today",
        ]
    ),
    st.integers(-(10**10), 10**10),
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        doc = doc[p]
    return doc


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(doc, path[:-1])[path[-1]] = value
    return doc


def mutate(data: st.DataObject, doc: Any) -> tuple[Any, str]:
    """One structural mutation of a decoded case document; returns (document, name of the mutation)."""
    paths = _paths(doc)
    kind = data.draw(
        st.sampled_from(
            [
                "drop",
                "swap_type",
                "extreme_number",
                "unicode",
                "unknown_key",
                "odd_date",
                "list",
                "enum",
                "version",
                "injury",
                "replace_root",
            ]
        )
    )
    path = data.draw(st.sampled_from(paths[1:] if len(paths) > 1 else paths))
    if kind == "drop":
        if path:
            parent = _get(doc, path[:-1])
            del parent[path[-1]]
    elif kind == "swap_type":
        doc = _set(doc, path, data.draw(ANY_JSON))
    elif kind == "extreme_number":
        doc = _set(doc, path, data.draw(EXTREME_NUMBERS))
    elif kind == "unicode":
        doc = _set(
            doc,
            path,
            data.draw(
                st.one_of(
                    st.text(), st.text(alphabet=st.characters(codec=None), max_size=30), st.just("\ud800x")
                )
            ),
        )
    elif kind == "unknown_key":
        dicts = [p for p in paths if isinstance(_get(doc, p), dict)] or [()]
        target = _get(doc, data.draw(st.sampled_from(dicts)))
        if isinstance(target, dict):
            target[
                data.draw(
                    st.one_of(
                        st.text(max_size=12),
                        st.sampled_from(["wages", "lec_percent", "Scheme", "event_date ", "extra"]),
                    )
                )
            ] = data.draw(ANY_JSON)
    elif kind == "odd_date":
        dates = [
            p
            for p in paths
            if p and isinstance(p[-1], str) and ("date" in p[-1] or "_on" in p[-1] or p[-1] == "month")
        ] or [path]
        doc = _set(doc, data.draw(st.sampled_from(dates)), data.draw(ODD_DATES))
    elif kind == "list":
        lists = [p for p in paths if isinstance(_get(doc, p), list)]
        if lists:
            lp = data.draw(st.sampled_from(lists))
            lst = _get(doc, lp)
            op = data.draw(st.sampled_from(["clear", "duplicate", "reverse", "grow", "pop"]))
            if op == "clear":
                lst.clear()
            elif op == "duplicate" and lst:
                lst.append(copy.deepcopy(lst[data.draw(st.integers(0, len(lst) - 1))]))
            elif op == "reverse":
                lst.reverse()
            elif op == "grow" and lst:
                times = data.draw(st.sampled_from([2, 10, 50, 700]))
                lst.extend(copy.deepcopy(lst[-1]) for _ in range(min(times, 700)))
            elif op == "pop" and lst:
                lst.pop(data.draw(st.integers(0, len(lst) - 1)))
    elif kind == "enum" and isinstance(doc, dict):
        key = data.draw(st.sampled_from(["scheme", "incident_type", "outcome"]))
        doc[key] = data.draw(st.sampled_from([*SCHEMES, *INCIDENTS, *OUTCOMES, "Employment_Injury", ""]))
        dependants = doc.get("dependants")
        for d in dependants if isinstance(dependants, list) else []:
            if isinstance(d, dict) and data.draw(st.integers(0, 3)) == 0:
                d["relationship"] = data.draw(st.sampled_from([*RELATIONSHIPS, "cousin", "Spouse"]))
    elif kind == "version" and isinstance(doc, dict):
        doc["version"] = data.draw(st.sampled_from([0, 1, 2, 99, -1, "1", 1.0, True, None, 10**40]))
        if doc["version"] == 0 and data.draw(st.booleans()):
            wages = doc.pop("monthly_wages", None)
            if isinstance(wages, list):
                doc["wages"] = {str(w.get("month")): w.get("wage") for w in wages if isinstance(w, dict)}
            if "loss_of_earning_capacity_percent" in doc:
                doc["lec_percent"] = doc.pop("loss_of_earning_capacity_percent")
    elif kind == "injury" and isinstance(doc, dict):
        doc["injuries"] = data.draw(
            st.lists(st.one_of(st.sampled_from(sorted(_INJURY_IDS)), st.text(max_size=5)), max_size=25)
        )
    elif kind == "replace_root":
        doc = data.draw(st.one_of(ANY_JSON, st.just([]), st.just("faedah-case")))
    return doc, kind


def _deep(depth: int) -> bytes:
    return b'{"format": "faedah-case", "version": 1, "meta": ' + b"[" * depth + b"]" * depth + b"}"


def damage_bytes(data: st.DataObject, raw: bytes) -> tuple[bytes, str]:
    kind = data.draw(
        st.sampled_from(
            [
                "truncate",
                "flip",
                "insert_binary",
                "bom",
                "utf16",
                "latin1",
                "deep",
                "oversize",
                "empty",
                "random_bytes",
                "nul",
                "trailing",
            ]
        )
    )
    if kind == "truncate":
        raw = raw[: data.draw(st.integers(0, max(0, len(raw) - 1)))]
    elif kind == "flip" and raw:
        b = bytearray(raw)
        for _ in range(data.draw(st.integers(1, 8))):
            i = data.draw(st.integers(0, len(b) - 1))
            b[i] = data.draw(st.integers(0, 255))
        raw = bytes(b)
    elif kind == "insert_binary":
        i = data.draw(st.integers(0, len(raw)))
        raw = raw[:i] + data.draw(st.binary(min_size=1, max_size=16)) + raw[i:]
    elif kind == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif kind == "utf16":
        raw = raw.decode("utf-8", "replace").encode(
            data.draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32"]))
        )
    elif kind == "latin1":
        raw = raw.decode("utf-8", "replace").replace("a", "\u00e9").encode("latin-1", "replace")
    elif kind == "deep":
        raw = _deep(data.draw(st.sampled_from([50, 900, 1100, 5000, 100_000])))
    elif kind == "oversize":
        raw = raw + b" " * (MAX_CASE_BYTES + 1 - len(raw) + data.draw(st.integers(0, 10)))
    elif kind == "empty":
        raw = data.draw(st.sampled_from([b"", b" ", b"\n", b"null", b"0", b'""', b"{}", b"[]"]))
    elif kind == "random_bytes":
        raw = data.draw(st.binary(max_size=200))
    elif kind == "nul":
        raw = raw.replace(b",", b",\x00", 1)
    elif kind == "trailing":
        raw = raw + data.draw(st.sampled_from([b"}", b",", b"\x00", b"{}", b"\n\n"]))
    return raw, kind


def draw_input(data: st.DataObject, samples: list[dict[str, Any]], today: date) -> tuple[bytes, str]:
    """One case file (bytes) and a label of how it was made."""
    source = data.draw(
        st.sampled_from(
            [
                "plausible",
                "plausible",
                "plausible",
                "mutated_sample",
                "mutated_sample",
                "mutated_plausible",
                "mutated_sample",
                "bytes",
            ]
        )
    )
    if source == "plausible":
        doc: Any = draw_plausible_case(data, today)
        label = "plausible"
    else:
        if source == "mutated_plausible" or data.draw(st.integers(0, 4)) == 0:
            doc = draw_plausible_case(data, today)
        else:
            doc = copy.deepcopy(data.draw(st.sampled_from(samples)))
        kinds = []
        if source != "bytes":
            for _ in range(data.draw(st.integers(1, 5))):
                doc, k = mutate(data, doc)
                kinds.append(k)
        label = "mutated:" + "+".join(kinds) if kinds else "bytes"
    raw = json.dumps(
        doc,
        ensure_ascii=data.draw(st.booleans()),
        indent=data.draw(st.sampled_from([None, 1, 2])),
        default=str,
    ).encode("utf-8", "surrogatepass")
    if source == "bytes":
        raw, k = damage_bytes(data, raw)
        label = f"bytes:{k}"
    return raw, label


# ----------------------------------------------------------------------------------------------- checking


class _Enough(BaseException):  # noqa: N818 - not an error: stops hypothesis once enough distinct cases ran
    pass


class FuzzBug(Exception):
    """An outcome that is neither a result nor a validation error."""


@dataclass
class Checker:
    rules: RulePack
    workdir: Path
    pdf_every: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    problem_codes: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    cli: Counter[str] = field(default_factory=Counter)
    pdfs: int = 0
    results: int = 0

    def __post_init__(self) -> None:
        self.injury_ids = injury_ids(self.rules)

    def core(self, raw: bytes, lang: str = "en") -> tuple[str, int]:
        """The core path; returns ("result", 0) or ("case_error", number of problems); raises on a bug."""
        try:
            doc = decode_case_bytes(raw)
            case = parse_case(doc, injury_ids=self.injury_ids)
        except CaseError as exc:
            if not exc.problems:
                raise FuzzBug("CaseError without problems") from exc
            for p in exc.problems:
                self.problem_codes[p.code] += 1
                if not FIELD.match(p.field):
                    raise FuzzBug(f"problem field is not a clean field path: {p.field!r}") from exc
                for lg in ("en", "ms"):
                    if not p.message.get(lg) or p.message[lg].startswith(("err.", "rel.err.")):
                        raise FuzzBug(f"problem {p.field}/{p.code} has no {lg} text") from exc
            return "case_error", len(exc.problems)
        result = estimate(case, self.rules)
        dumped = result.model_dump_json()
        json.loads(dumped)
        json.dumps(result.model_dump(mode="json"))
        render_text(result, lang, explain=True)
        render_text(result, "both", explain=False)
        # nothing lost: a valid case saved and opened again is the same case
        target = self.workdir / "roundtrip.json"
        write_case_file(target, case)
        again = read_case_file(target, rules=self.rules)
        if case_to_dict(again) != case_to_dict(case):
            raise FuzzBug("the case changed after a save and re-open")
        self.results += 1
        if self.pdf_every and self.results % self.pdf_every == 0:
            from estimator.render.pdf import pdf_bytes

            pdf = pdf_bytes(result, case, lang=("en", "ms", "both")[self.pdfs % 3])
            if not pdf.startswith(b"%PDF"):
                raise FuzzBug("the PDF is not a PDF")
            self.pdfs += 1
        return "result", 0

    def run_cli(self, raw: bytes, args: tuple[str, ...]) -> tuple[int, str, str]:
        from estimator.cli.main import main

        path = self.workdir / "case.json"
        path.write_bytes(raw)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(["estimate", str(path), *args])
            except SystemExit as exc:  # argparse
                rc = int(exc.code or 0)
        return rc, out.getvalue(), err.getvalue()

    def check_cli(self, raw: bytes, args: tuple[str, ...], core: tuple[str, int] | None) -> str:
        rc, out, err = self.run_cli(raw, args)
        check_cli_output(rc, out, err, args, core)
        return f"exit {rc}"


def check_cli_output(
    rc: int, out: str, err: str, args: tuple[str, ...], core: tuple[str, int] | None
) -> None:
    if "Traceback" in out + err:
        raise FuzzBug(f"traceback printed (exit {rc})")
    if rc not in (0, 2):
        raise FuzzBug(f"CLI exit {rc}: {err.strip()[:300]}")
    if core is not None:
        expected = 0 if core[0] == "result" else 2
        if rc != expected:
            raise FuzzBug(f"CLI exit {rc} but the core gave {core[0]}")
    if rc == 2:
        lines = err.strip().splitlines()
        if not lines or not all(PROBLEM_LINE.match(line) for line in lines):
            raise FuzzBug(f"exit 2 without one 'field: message' line per problem: {err[:300]!r}")
        if core is not None and len(lines) != core[1]:
            raise FuzzBug(f"exit 2 printed {len(lines)} lines for {core[1]} problems")
    elif "--json" in args:
        json.loads(out)
    elif not out.strip():
        raise FuzzBug("exit 0 with an empty summary")


def run_subprocess(raw: bytes, workdir: Path, args: tuple[str, ...]) -> tuple[int, str, str]:
    path = workdir / "sub-case.json"
    path.write_bytes(raw)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "estimator.cli", "estimate", str(path), *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=120,
    )
    return proc.returncode, proc.stdout, proc.stderr


# ----------------------------------------------------------------------------------------------- the run


@dataclass
class Bug:
    label: str
    where: str
    error: str
    trace: str
    raw: bytes

    @property
    def signature(self) -> str:
        return f"{self.where}: {self.error.splitlines()[0][:120]}"


@dataclass
class Report:
    cases: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    core: Counter[str] = field(default_factory=Counter)
    cli: Counter[str] = field(default_factory=Counter)
    sub: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    problem_codes: Counter[str] = field(default_factory=Counter)
    pdfs: int = 0
    bugs: list[Bug] = field(default_factory=list)

    def text(self) -> str:
        lines = [
            f"cases tried: {self.cases} distinct inputs (and {self.duplicates} repeats drawn and skipped)",
            f"time: {self.seconds:.1f} s ({1000 * self.seconds / max(self.cases, 1):.1f} ms per case, "
            f"slowest {1000 * self.slowest:.0f} ms)",
            "core outcomes:",
        ]
        lines += [f"  {k}: {v}" for k, v in sorted(self.core.items())]
        lines.append("CLI outcomes (in-process):")
        lines += [f"  {k}: {v}" for k, v in sorted(self.cli.items())]
        if self.sub:
            lines.append("CLI outcomes (subprocess):")
            lines += [f"  {k}: {v}" for k, v in sorted(self.sub.items())]
        lines.append(f"PDFs built: {self.pdfs}")
        lines.append("inputs by source:")
        by_source = Counter(
            k.split(":")[0] + (":" + k.split(":")[1] if k.startswith("bytes") else "")
            for k in self.labels.elements()
        )
        lines += [f"  {k}: {v}" for k, v in sorted(by_source.items())]
        lines.append("validation problems by code (top 25):")
        lines += [f"  {k}: {v}" for k, v in self.problem_codes.most_common(25)]
        sigs = Counter(b.signature for b in self.bugs)
        lines.append(f"bugs: {len(self.bugs)} ({len(sigs)} distinct)")
        lines += [f"  {v} x {k}" for k, v in sigs.most_common()]
        return "\n".join(lines)


def run(
    cases: int,
    seed: int = 0,
    cli: bool = True,
    subprocess_cases: int = 0,
    pdf_every: int = 0,
    out: Path | None = None,
    progress: bool = False,
) -> Report:
    """Feed ``cases`` generated inputs to the core (and the CLI); returns the report (bugs included)."""
    report = Report()
    samples = load_samples()
    rules = load_rules()
    _INJURY_IDS.update(injury_ids(rules))
    today = date.today()
    seen: set[str] = set()
    sub_every = max(1, cases // subprocess_cases) if subprocess_cases else 0
    with tempfile.TemporaryDirectory(prefix="faedah-fuzz-") as tmp:
        checker = Checker(rules=rules, workdir=Path(tmp), pdf_every=pdf_every)

        def record(label: str, where: str, exc: BaseException, raw: bytes) -> None:
            tb = "".join(traceback.format_exception(exc))
            report.bugs.append(Bug(label, where, f"{type(exc).__name__}: {exc}", tb, raw))
            report.core["bug"] += where == "core"

        @settings(
            max_examples=cases * 3,  # hypothesis repeats some inputs: those are skipped, not counted
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        )
        @hypothesis_seed(seed)
        @given(st.data())
        def one(data: st.DataObject) -> None:
            raw, label = draw_input(data, samples, today)
            digest = hashlib.sha1(raw).hexdigest()
            if digest in seen:
                report.duplicates += 1
                return
            seen.add(digest)
            i = report.cases
            report.cases += 1
            report.labels[label] += 1
            t0 = time.perf_counter()
            lang = ("en", "ms")[i % 2]
            core: tuple[str, int] | None = None
            try:
                core = checker.core(raw, lang)
                report.core[core[0]] += 1
            except Exception as exc:  # noqa: BLE001 - this is what we are looking for
                record(label, "core", exc, raw)
            if cli:
                args = CLI_ARGS[i % len(CLI_ARGS)]
                try:
                    report.cli[checker.check_cli(raw, args, core)] += 1
                except Exception as exc:  # noqa: BLE001
                    report.cli["bug"] += 1
                    record(label, "cli " + " ".join(args), exc, raw)
            if sub_every and i % sub_every == 0:
                args = CLI_ARGS[(i // sub_every) % len(CLI_ARGS)]
                try:
                    rc, so, se = run_subprocess(raw, Path(tmp), args)
                    check_cli_output(rc, so, se, args, core)
                    report.sub[f"exit {rc}"] += 1
                except Exception as exc:  # noqa: BLE001
                    report.sub["bug"] += 1
                    record(label, "subprocess " + " ".join(args), exc, raw)
            report.slowest = max(report.slowest, time.perf_counter() - t0)
            if report.cases >= cases:
                raise _Enough
            if progress and report.cases % 500 == 0:
                print(f"  ... {report.cases} cases, {len(report.bugs)} bugs", file=sys.stderr, flush=True)

        t_start = time.perf_counter()
        with contextlib.suppress(_Enough):
            one()
        report.seconds = time.perf_counter() - t_start
        report.pdfs = checker.pdfs
        report.problem_codes = checker.problem_codes
    if out is not None and report.bugs:
        out.mkdir(parents=True, exist_ok=True)
        firsts: dict[str, Bug] = {}
        for b in report.bugs:
            firsts.setdefault(b.signature, b)
        for n, b in enumerate(firsts.values()):
            (out / f"bug-{n:03d}.json").write_bytes(b.raw)
            (out / f"bug-{n:03d}.txt").write_text(f"{b.label}\n{b.where}\n\n{b.trace}", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-cli", action="store_true", help="only the core (no in-process CLI)")
    ap.add_argument(
        "--subprocess", type=int, default=20, help="how many cases also go through a real subprocess"
    )
    ap.add_argument(
        "--pdf-every", type=int, default=100, help="render every N-th valid case as a PDF (0: never)"
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=ROOT / "bench" / "fuzz-failures",
        help="folder for the reproducers of bugs found",
    )
    args = ap.parse_args(argv)
    report = run(
        args.cases,
        seed=args.seed,
        cli=not args.no_cli,
        subprocess_cases=args.subprocess,
        pdf_every=args.pdf_every,
        out=args.out,
        progress=True,
    )
    print(report.text())
    if report.bugs:
        print(f"reproducers: {args.out}")
    return 1 if report.bugs else 0


if __name__ == "__main__":
    sys.exit(main())
