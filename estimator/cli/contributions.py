"""The ``faedah contributions`` subcommand: the contribution calculator (:mod:`estimator.law.contributions`) on
the command line, with its readable report."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from datetime import date
from decimal import Decimal
from typing import Any

from estimator.engine.i18n import pick, tr
from estimator.engine.money import rm
from estimator.engine.rules import RulePack, RulePackError
from estimator.law.contributions import ContributionResult, contributions, input_problems
from estimator.model.case import CaseError, Problem
from estimator.model.csvfile import BadCell, ascii_amount


def register_cli(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``contributions`` subcommand to an argparse subparsers object; its handler is ``args.func``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "contributions",
        help="monthly SOCSO, EIS and Lindung 24/7 contributions for a wage",
        description="SOCSO (Category 1 or 2), EIS and Lindung 24/7 contributions for one month's wage, from the "
        "tables in force on the date. Caruman PERKESO, SIP dan Lindung 24/7 bagi gaji sebulan.",
    )
    p.add_argument("--wage", required=True, help="monthly wage in RM, e.g. 2000 or 2000.00")
    p.add_argument(
        "--date", required=True, help="date of the wage month, YYYY-MM-DD (chooses the tables in force)"
    )
    p.add_argument("--age", required=True, help="the employee's age in whole years on that date")
    p.add_argument(
        "--age-at-first-contribution",
        dest="age_at_first_contribution",
        default=None,
        help="age when the employee was first insured (decides Category 1 or 2 from 55; EIS from 57)",
    )
    p.add_argument(
        "--foreign", action="store_true", help="a foreign worker (no EIS; Category 1 from 1 Jul 2024)"
    )
    p.add_argument(
        "--invalidity-pensioner",
        dest="invalidity_pensioner",
        action="store_true",
        help="receives an invalidity pension and is back at work (Category 2)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument(
        "--lang",
        choices=["en", "ms", "both"],
        default=argparse.SUPPRESS,
        help="language of the readable output (default en)",
    )
    p.set_defaults(func=run_contributions)
    return p


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_INT = re.compile(r"-?[0-9]{1,5}", re.ASCII)


def _parse_int(text: str | None) -> int | None | str:
    """A whole number in ASCII digits (``²``, ``٣`` or ``3_0`` are not numbers here)."""
    if text is None:
        return None
    t = text.strip()
    return int(t) if _INT.fullmatch(t) else "bad"


def strict_date(text: str) -> date | None:
    """A date written ``YYYY-MM-DD`` in ASCII digits (not ``20261101``, which ``fromisoformat`` takes)."""
    t = text.strip()
    if not _ISO_DATE.fullmatch(t):
        return None
    try:
        return date.fromisoformat(t)
    except ValueError:
        return None


def parse_cli_args(args: argparse.Namespace) -> tuple[dict[str, Any], list[Problem]]:
    """The calculator's keyword arguments from the parsed command line, or the problems (field = option)."""
    problems: list[Problem] = []
    wage: Any = None
    if args.wage is not None:
        text = str(args.wage).strip()
        with contextlib.suppress(BadCell):
            wage = -ascii_amount(text[1:]) if text.startswith("-") else ascii_amount(text)
    on: Any = strict_date(str(args.date)) if args.date is not None else None
    age = _parse_int(args.age)
    first = _parse_int(args.age_at_first_contribution)
    for field, value, key in (
        ("wage", wage, "err.number"),
        ("date", on, "err.date"),
        ("age", age, "err.int"),
        ("age_at_first_contribution", first, "err.int"),
    ):
        if getattr(args, field, None) is None and field != "age_at_first_contribution":
            problems.append(Problem(field=field, code="missing", message=tr("err.missing")))  # not given
        elif value == "bad" or (value is None and field != "age_at_first_contribution"):
            problems.append(Problem(field=field, code="parse", message=tr(key)))
    if not problems:
        problems = input_problems(wage, on, age, first)
    kwargs = {
        "wage": wage,
        "on": on,
        "age": age,
        "age_at_first_contribution": first,
        "foreign": bool(args.foreign),
        "invalidity_pensioner": bool(getattr(args, "invalidity_pensioner", False)),
    }
    return kwargs, problems


CLI_FIELDS = {
    "wage": "--wage",
    "date": "--date",
    "age": "--age",
    "age_at_first_contribution": "--age-at-first-contribution",
}


def _write(text: str, stream: Any) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:
        enc = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(enc, errors="replace").decode(enc, errors="replace"))


def run_contributions(args: argparse.Namespace, rules: RulePack | None = None) -> int:
    """Handler of ``faedah contributions``: 0 on success, 2 on bad input (one line per field), 1 if no rules."""
    lang = getattr(args, "lang", None) or os.environ.get("FAEDAH_LANG", "en")
    if lang not in ("en", "ms", "both"):
        lang = "en"
    kwargs, problems = parse_cli_args(args)
    if problems:
        for pr in problems:
            msg = pick(pr.message, "ms" if lang == "ms" else "en")
            _write(f"{CLI_FIELDS.get(pr.field, pr.field)}: {msg}\n", sys.stderr)
        return 2
    try:
        result = contributions(rules=rules, **kwargs)
    except CaseError as exc:  # pragma: no cover - input_problems already ran
        for pr in exc.problems:
            _write(f"{CLI_FIELDS.get(pr.field, pr.field)}: {pick(pr.message, 'en')}\n", sys.stderr)
        return 2
    except RulePackError as exc:
        _write(f"rules: {exc}\n", sys.stderr)
        return 1
    if args.json:
        _write(result.model_dump_json(indent=2) + "\n", sys.stdout)
    else:
        langs = ["en", "ms"] if lang == "both" else [lang]
        _write("\n\n".join(format_result(result, lg) for lg in langs), sys.stdout)
    return 0


def _money_col(v: Decimal) -> str:
    return f"{v:>12,.2f}"


def format_result(r: ContributionResult, lang: str = "en") -> str:
    """The readable report of a contribution result in one language."""

    def t(key: str, **kw: object) -> str:
        return pick(tr(key, **kw), lang)

    out = [t("con.out.heading"), t("con.out.inputs", wage=rm(r.wage), date=r.date.isoformat(), age=r.age)]
    if r.age_at_first_contribution is not None:
        out[-1] += t("con.out.first", first=r.age_at_first_contribution)
    if r.foreign:
        out[-1] += t("con.out.foreign")
    out.append("")
    head = f"{'':<34}{t('con.out.employer'):>12}{t('con.out.employee'):>12}{t('con.out.total'):>12}"
    out.append(head)
    for line in r.lines:
        label = pick(line.title, lang) + (" (P)" if line.provisional else "")
        if line.status == "due":
            out.append(
                f"{label:<34}{_money_col(line.employer)}{_money_col(line.employee)}{_money_col(line.total)}"
            )
        else:
            out.append(f"{label:<34}{'-':>12}{'-':>12}{'-':>12}")
    out.append(
        f"{t('con.out.total_row'):<34}{_money_col(r.employer_total)}{_money_col(r.employee_total)}"
        f"{_money_col(r.total)}"
    )
    out.append("")
    for line in r.lines:
        text = f"{pick(line.title, lang)}: {pick(line.reason, lang)}"
        if line.band_item is not None:
            text += "\n    " + t(
                "con.out.band",
                item=line.band_item,
                band=line.band,
                table=line.table,
                confidence=line.confidence,
            )
            if line.assumed_wage is not None and line.code != "EIS":
                text += t("con.out.assumed", aw=rm(line.assumed_wage))
        out.append(text)
    if r.lindung.status == "due":
        out.append(t("con.out.statutory_total", total=rm(r.socso_lindung_total)))
    for note in r.notes:
        out.append("* " + pick(note, lang))
    if any(line.provisional for line in r.lines):
        out.append("")
        out.append(t("con.out.provisional"))
        for note in r.provisional_notes:
            out.append("  - " + pick(note, lang))
    out.append("")
    out.append(t("con.out.rules", version=r.rules.version, sha=r.rules.sha256[:12], origin=r.rules.origin))
    out.append(pick(r.disclaimer, lang))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m estimator.cli.contributions --wage ...`` (the same as ``faedah contributions ...``)."""
    parser = argparse.ArgumentParser(prog="faedah")
    sub = parser.add_subparsers(dest="command", required=True)
    register_cli(sub)
    args = parser.parse_args(["contributions", *(sys.argv[1:] if argv is None else argv)])
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
