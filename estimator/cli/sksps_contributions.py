"""``faedah contributions --sksps-plan N --date YYYY-MM-DD``: the SKSPS plan's monthly and yearly contribution."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from estimator.cli.contributions import strict_date
from estimator.engine.i18n import pick, tr
from estimator.engine.money import rm
from estimator.engine.rules import RuleNotInForce
from estimator.law.sksps_contributions import PLANS, plan_contribution


def _plan(text: str) -> int:
    """A plan number in ASCII digits (``int`` would take ``٣`` or ``３`` for 3)."""
    t = text.strip()
    if not (t.isascii() and t.isdigit() and len(t) == 1):
        raise argparse.ArgumentTypeError(pick(tr("many.err.plan"), "en"))
    return int(t)


def register(sub: Any) -> None:
    """Add ``--sksps-plan`` to the contributions subcommand (the wage and age are then not asked)."""
    parser = sub.choices.get("contributions")
    if parser is None:  # pragma: no cover - the subcommand is always there
        return
    parser.add_argument(
        "--sksps-plan",
        dest="sksps_plan",
        type=_plan,
        choices=PLANS,
        default=None,
        help="a self-employed person's SKSPS plan (Act 789): its monthly and yearly contribution",
    )
    for action in parser._actions:  # noqa: SLF001 - the wage flags are optional for a plan
        if action.dest in ("wage", "age"):
            action.required = False
    employed = parser.get_default("func")

    def dispatch(args: argparse.Namespace) -> int:
        if getattr(args, "sksps_plan", None) is None:
            return int(employed(args))
        return run_plan(args)

    parser.set_defaults(func=dispatch)


def run_plan(args: argparse.Namespace) -> int:
    on = strict_date(str(args.date)) if args.date else date.today()
    if on is None:
        print(f"--date: {pick(tr('many.err.date'), 'en')}", file=sys.stderr)
        return 2
    try:
        result = plan_contribution(args.sksps_plan, on)
    except RuleNotInForce:
        print(
            f"--date: no SKSPS plan in force on {on.isoformat()} (the scheme began in 2017)", file=sys.stderr
        )
        return 2
    if args.json:
        print(result.model_dump_json(indent=2))
        return 0
    print(
        f"SKSPS plan {result.plan} (Act 789) on {on.isoformat()}\n"
        f"  insured monthly earning  {rm(result.insured_monthly_earning)}"
        f" (daily {rm(result.insured_daily_earning)})\n"
        f"  contribution             {rm(result.monthly_contribution)} a month,"
        f" {rm(result.yearly_contribution)} a year\n"
        f"  source: {result.source} [{result.confidence}]"
    )
    return 0
