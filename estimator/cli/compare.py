"""``faedah compare A.json B.json [C.json D.json] [--json] [--pdf OUT.pdf] [--lang en|ms|both]``.

Two to four case files, or one comparison file (``faedah-comparison``).  ``--json`` prints
``{"scenarios": [{"file", "label", "result"}], "differences": [{"path", "values"}]}`` where each ``result`` is
exactly what ``faedah estimate --json`` gives for that case.  An invalid scenario: exit 2, its problems named
``<file>: <field>: <message>``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from estimator.engine.i18n import pick
from estimator.model.case import Case, CaseError, Problem


def _load(paths: list[str], rules: Any) -> list[tuple[str, str, Case]]:
    """(file, label, case) for each scenario; CaseError with the file named in every problem."""
    from estimator.model.case import decode_case_bytes
    from estimator.model.casefile import read_case_bytes, read_case_file
    from estimator.model.comparison_file import is_comparison, parse_comparison

    if len(paths) == 1:
        try:  # a FIFO, a device or a huge file is refused at once, as for a case file
            data = decode_case_bytes(read_case_bytes(paths[0]))
        except CaseError as exc:
            raise _named(paths[0], exc) from None
        if is_comparison(data):
            try:
                scenarios = parse_comparison(data, rules=rules)
            except CaseError as exc:
                raise _named(paths[0], exc) from None
            return [(paths[0], label, case) for label, case in scenarios]
    if not 2 <= len(paths) <= 4:
        raise CaseError(
            [
                Problem(
                    field="",
                    code="count",
                    message={
                        "en": "compare needs 2 to 4 case files or one comparison file",
                        "ms": "perbandingan perlu 2 hingga 4 fail kes atau satu fail perbandingan",
                    },
                )
            ]
        )
    out = []
    for path_text in paths:
        try:
            case = read_case_file(path_text, rules=rules)
        except CaseError as exc:
            raise _named(path_text, exc) from None
        out.append((path_text, Path(path_text).stem, case))
    return out


def _named(file: str, exc: CaseError) -> CaseError:
    return CaseError(
        [
            Problem(field=f"{file}: {p.field}" if p.field else file, code=p.code, message=p.message)
            for p in exc.problems
        ]
    )


def comparison_json(files: list[str], comparison: Any) -> dict[str, Any]:
    return {
        "scenarios": [
            {"file": file, "label": s.label, "result": s.result.model_dump(mode="json")}
            for file, s in zip(files, comparison.scenarios, strict=True)
        ],
        "differences": [{"path": d.path, "values": d.values} for d in comparison.differences],
    }


def _text(comparison: Any, lang: str) -> str:
    from dataclasses import replace

    from estimator.present.compare import comparison_table

    table = comparison_table(comparison)
    shown = "ms" if lang == "ms" else "en"
    for at, row in enumerate(table.rows):  # word values (not figures) in the language shown
        if row.texts:
            table.rows[at] = replace(row, values=[pick(t, shown) for t in row.texts])
    widths = [max(len(pick(row.label, shown)) for row in table.rows)] + [
        max(len(s.label), *(len(row.values[i]) for row in table.rows))
        for i, s in enumerate(comparison.scenarios)
    ]
    lines = [
        "  ".join(
            [" " * widths[0]]
            + [s.label.rjust(w) for s, w in zip(comparison.scenarios, widths[1:], strict=True)]
        )
    ]
    for row in table.rows:
        mark = " *" if row.differs else ""
        cells = [v.rjust(w) for v, w in zip(row.values, widths[1:], strict=True)]
        lines.append("  ".join([pick(row.label, shown).ljust(widths[0]), *cells]) + mark)
    lines.append("")
    lines.append(pick(table.footnote, shown))
    return "\n".join(lines) + "\n"


def run_compare(args: argparse.Namespace) -> int:
    from estimator.engine.rules import load_rules
    from estimator.law.compare import compare
    from estimator.model.fileio import atomic_write_bytes, check_target, remove_stale_temp_files

    files = list(args.files)
    if (
        args.pdf
    ):  # never over one of the files compared, a device or a read-only file; checked before any work
        check_target(args.pdf, protect=files)
        remove_stale_temp_files([Path(args.pdf).parent])
    rules = load_rules(Path(args.rules) if args.rules else None, None)
    loaded = _load(files, rules)
    comparison = compare([(label, case) for _, label, case in loaded], rules)
    if args.json:
        _emit(json.dumps(comparison_json([f for f, _, _ in loaded], comparison), indent=2) + "\n")
    else:
        _emit(_text(comparison, args.lang))
    if args.pdf:  # a closed stdout does not stop the PDF
        from datetime import date

        from estimator.render.pdf.compare import comparison_pdf_bytes

        # case files carry no label: the paper says "Scenario A", not a file name
        data = comparison_pdf_bytes(comparison, args.lang, date.today(), len(files) == 1)
        out = atomic_write_bytes(args.pdf, data, backup=False, protect=files)  # derived: no .bak
        with contextlib.suppress(OSError, ValueError):
            print(f"PDF: {out}", file=sys.stderr)
    return 0


def _emit(text: str) -> None:
    """The comparison on stdout; a closed stdout or a reader gone away does not stop the PDF."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        with contextlib.suppress(OSError):  # the interpreter's last flush must not fail either
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)
        with contextlib.suppress(Exception):
            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process


def register(sub: Any, lang_default: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "compare", help="compare 2 to 4 scenarios (case files, or one comparison file) side by side"
    )
    parser.add_argument(
        "files", nargs="+", metavar="CASE.json", help="2-4 case files, or one comparison file"
    )
    parser.add_argument("--json", action="store_true", help="print the results and their differences as JSON")
    parser.add_argument("--pdf", metavar="OUT.pdf", help="also write the comparison on paper")
    parser.add_argument("--lang", choices=("en", "ms", "both"), default=lang_default)
    parser.add_argument("--rules", metavar="DIR", help="use this rule pack folder")
    parser.set_defaults(func=run_compare)
    return parser
