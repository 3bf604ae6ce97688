"""Command line: ``faedah estimate CASE.json [--json] [--pdf OUT.pdf --lang en|ms|both]``,
``faedah contributions ...`` and ``faedah rules``.

Exit codes: 0 success; 2 invalid input (one line per problem, naming the field); 1 a file could not be written or
the rule pack is unusable; 3 an unexpected internal error (reported in one line, never a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from estimator.engine.i18n import pick
from estimator.model.case import CaseError


def _lang_default() -> str:
    lang = os.environ.get("FAEDAH_LANG", "en")
    return lang if lang in ("en", "ms", "both") else "en"


def _print_problems(problems: list, lang: str) -> None:  # type: ignore[type-arg]
    shown = "ms" if lang == "ms" else "en"
    for p in problems:
        _say(p.line(shown))


def _say(line: str) -> None:
    """One line on stderr; a closed or broken stderr is no reason to fail (the PDF still gets written)."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        stream.write(line + "\n")
        stream.flush()


def _emit(text: str) -> bool:
    """The summary on stdout; False when stdout is closed or the reader went away (nothing else changes)."""
    stream = sys.stdout
    if stream is None:
        return False
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):  # EBADF, EPIPE (BrokenPipeError), a closed file object
        _silence_stdout()
        return False
    return True


def _silence_stdout() -> None:
    """Point a dead stdout at the null device so the interpreter's final flush cannot fail or print."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    with contextlib.suppress(Exception):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process


def _estimate_usage(args: argparse.Namespace) -> str:
    """What is wrong with the options of ``faedah estimate`` ('' when they make sense together)."""
    batch = bool(getattr(args, "batch", None))
    if not batch and not args.case:
        return "faedah estimate: give the case file: faedah estimate CASE.json (or --batch FOLDER|FILE...)"
    for option, value in (
        ("--csv", getattr(args, "csv", None)),
        ("--pdf-dir", getattr(args, "pdf_dir", None)),
    ):
        if value and not batch:
            return (
                f"faedah estimate: {option} works with --batch only (one case: use --pdf OUT.pdf or --json)"
            )
    if args.claimant_only and not args.pdf and not batch:
        return "faedah estimate: --claimant-only is for the PDF: add --pdf OUT.pdf"
    return ""


def _text_stream(stream: object) -> None:
    """Text redirected to a file or a pipe is UTF-8 whatever the code page (Windows' cp1252 would turn "×" into
    "?"); a console keeps its own encoding, and a character it cannot show is replaced, never a crash."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        interactive = bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        interactive = False
    with contextlib.suppress(Exception):
        if interactive:
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="replace")


def _cmd_estimate(args: argparse.Namespace) -> int:
    from estimator.engine.rules import load_rules
    from estimator.law.estimate import estimate
    from estimator.model.casefile import read_case_file
    from estimator.model.fileio import check_target, check_unchanged, remove_stale_temp_files, stamp_file

    usage = _estimate_usage(args)
    if usage:
        _say(usage)
        return 2
    if args.batch:
        from estimator.cli.batch import run_batch

        return run_batch(args)
    pdf_path = Path(args.pdf) if args.pdf else None
    remove_stale_temp_files([Path(args.case).parent] + ([pdf_path.parent] if pdf_path else []))
    before = None
    if pdf_path is not None:  # refuse an unsafe target (a device, the case file itself) before any work
        check_target(pdf_path, protect=[args.case])
        before = stamp_file(pdf_path)
    rules = load_rules(
        Path(args.rules) if args.rules else None, Path(args.commutation) if args.commutation else None
    )
    case = read_case_file(args.case, rules=rules)
    result = estimate(case, rules)
    if args.json:
        _emit(result.model_dump_json(indent=2) + "\n")
    else:
        from estimator.render.text import render_text

        # the date prepared is today, read here at the boundary (deadlines are judged against it)
        _emit(render_text(result, args.lang, explain=not args.brief, prepared_on=date.today()))
    if pdf_path is not None:
        from estimator.render.pdf import write_pdf

        if before is not None:  # another program wrote the PDF meanwhile: never overwrite it silently
            check_unchanged(pdf_path, before, "rel.err.changed_on_disk_cli")
        out = write_pdf(
            result,
            case,
            pdf_path,
            lang=args.lang,
            office_name=args.office_name,
            office_address=args.office_address,
            mask_ic=not args.unmask_ic,
            claimant_only=args.claimant_only,
            large_print=args.large_print,
            generated_on=date.today(),
            protect=[args.case],
        )
        _say(f"PDF: {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from estimator.cli.limits import MAX_OFFICE_ADDRESS, MAX_OFFICE_NAME, bounded_text

    parser = argparse.ArgumentParser(
        prog="faedah",
        description="Estimate PERKESO / SOCSO benefits (offline). An estimate, not PERKESO's decision.",
    )
    from estimator import __version__

    parser.add_argument("--version", action="version", version=f"faedah {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    est = sub.add_parser("estimate", help="estimate the benefits of a case file")
    est.add_argument("case", nargs="?", help="case file (JSON, format faedah-case)")
    est.add_argument("--json", action="store_true", help="print the result as JSON")
    est.add_argument(
        "--lang",
        choices=("en", "ms", "both"),
        default=_lang_default(),
        help="language of the summary, the messages and the PDF",
    )
    est.add_argument("--pdf", metavar="OUT.pdf", help="also write the claimant's summary as a PDF")
    est.add_argument("--unmask-ic", action="store_true", help="print the full IC number on the PDF")
    est.add_argument(
        "--claimant-only",
        action="store_true",
        help="print the claimant's part alone (the answer and what to do next), without the office's working",
    )
    est.add_argument(
        "--large-print",
        action="store_true",
        help="print the claimant's pages of the PDF in large type (14 pt and more)",
    )
    est.add_argument(
        "--office-name",
        default="",
        type=bounded_text(MAX_OFFICE_NAME),
        help=f"office name for the PDF header (at most {MAX_OFFICE_NAME} characters)",
    )
    est.add_argument(
        "--office-address",
        default="",
        type=bounded_text(MAX_OFFICE_ADDRESS),
        help=f"office address for the PDF header (at most {MAX_OFFICE_ADDRESS} characters)",
    )
    est.add_argument("--brief", action="store_true", help="leave the explanation out of the text summary")
    est.add_argument("--rules", metavar="DIR", help="use this rule pack folder")
    est.add_argument("--commutation", metavar="FILE", help="use this commutation table (JSON)")
    est.set_defaults(func=_cmd_estimate)
    from estimator.cli.rules import add_rules_parser
    from estimator.law.selftest import install_pack_verifier

    add_rules_parser(sub)
    install_pack_verifier()  # office rule packs are self-tested before they are put in force
    try:
        from estimator.cli.contributions import register_cli
    except ImportError:  # pragma: no cover - during development only
        pass
    else:
        register_cli(sub)
    from estimator.cli.schema import register_cli as register_schema_cli

    register_schema_cli(sub)
    from estimator.cli import batch, compare  # faedah compare; estimate --batch; contributions --csv

    compare.register(sub, _lang_default())
    batch.register(est, sub)
    from estimator.cli import sksps_contributions  # contributions --sksps-plan N

    sksps_contributions.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from estimator.engine.rules import RulePackError
    from estimator.model.fileio import WriteError

    for stream in (sys.stdout, sys.stderr):
        _text_stream(stream)
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", _lang_default())
    shown = "ms" if lang == "ms" else "en"
    try:
        return int(args.func(args))
    except CaseError as exc:
        _print_problems(exc.problems, lang)
        return 2
    except WriteError as exc:
        _say(pick(exc.message, shown))
        return 1
    except RulePackError as exc:
        _say(f"rule pack: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as exc:  # never a traceback for the user
        _say(f"internal error: {type(exc).__name__}: {exc}")
        return 3


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "build_parser", "json"]
