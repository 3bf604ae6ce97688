"""The parts of a Result that are not benefits, presented once for every renderer.

The facts (event, age, average wages), the wage months table, the reasons a benefit is not payable, the warnings,
the explanation steps, the provisional notes, the rule pack line and the disclaimer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from estimator.engine.i18n import LANGS, Text, same
from estimator.engine.paths import resources_dir
from estimator.model.result import Result, Step, WageRun, runs_of
from estimator.present.claimant import InfoSection, claimant_info
from estimator.present.format import (
    day,
    label,
    local_dates,
    money,
    month,
    public_source,
    readable,
    without_internal,
)
from estimator.present.view import BenefitView, Row, Table, present_all

GROUP_MONTHS_OVER = 12  # a longer wage history is shown with runs of identical months merged


@dataclass(frozen=True)
class RuleUse:
    description: Text
    key: str
    value: str
    effective_from: Text
    source: str
    confidence: str
    provisional: bool
    note: Text | None


@dataclass(frozen=True)
class StepView:
    number: int
    id: str
    title: Text
    formula: Text
    substituted: Text
    result: Text
    rules: list[RuleUse]
    inputs: dict[str, str]
    rounding: Text | None
    note: Text | None
    provisional: bool
    used_by: list[Text]  # titles of the benefits whose figures this step explains

    def labelled(self) -> list[Row]:
        """The step's lines as labelled rows: formula, numbers, result, rounding, note, used for."""
        rows = [
            Row(label("formula"), self.formula),
            Row(label("numbers"), self.substituted),
            Row(label("result"), self.result, "amount", self.provisional),
        ]
        if self.rounding:
            rows.append(Row(label("rounding"), self.rounding))
        if self.note:
            rows.append(Row(label("note"), self.note, "note"))
        if self.used_by:
            rows.append(
                Row(label("used_by"), {lang: "; ".join(u[lang] for u in self.used_by) for lang in LANGS})
            )
        return rows


@dataclass(frozen=True)
class NextStepView:
    """One benefit's "what to do next": its title, the documents, the deadline in words, a weak-source remark."""

    title: Text
    documents: list[Text]
    timing: Text
    weak: Text | None
    general: bool  # where to claim and the hotline, not a benefit
    deadline: date | None = None  # the last day to claim, when the law counts one
    status: Text | None = None  # the deadline judged against the date prepared: passed, or the days left
    passed: bool = False


def deadline_status(deadline: date, prepared_on: date) -> tuple[Text, bool]:
    """The deadline against the date the paper or screen is prepared: passed (claim at once), or the days left.

    The late-claim sentence is not from an official source we could read: it says so."""
    if prepared_on > deadline:
        return label("deadline_passed", date=day(deadline)["en"]), True
    left = (deadline - prepared_on).days
    if left == 0:
        return label("deadline_today", date=day(deadline)["en"]), False
    return label("deadline_days_left", n=left, date=day(prepared_on)["en"]), False


def next_step_views(result: Result, prepared_on: date | None = None) -> list[NextStepView]:
    """One view a benefit; benefits claimed together (the same deadline in the same words) share one.

    ``prepared_on``: the date prepared (an input: the CLI and the app pass today); with it, each deadline says
    whether it has passed or how many days are left."""
    views = _step_views(result)
    if prepared_on is None:
        return views
    out = []
    for v in views:
        if v.deadline is None:
            out.append(v)
            continue
        status, passed = deadline_status(v.deadline, prepared_on)
        out.append(replace(v, status=status, passed=passed))
    return out


def _step_views(result: Result) -> list[NextStepView]:
    views: list[NextStepView] = []
    for s in result.next_steps:
        general = s.code == "GENERAL"
        weak = label("next_weak") if s.weak and not general else None
        last = views[-1] if views else None
        if last is not None and not general and not last.general and last.timing == s.timing:
            documents = last.documents + [d for d in s.documents if d not in last.documents]
            title: Text = {lang: f"{last.title[lang]}; {s.title[lang]}" for lang in LANGS}
            views[-1] = NextStepView(title, documents, last.timing, last.weak or weak, False, last.deadline)
            continue
        views.append(
            NextStepView(
                title=label("next_where") if general else s.title,
                documents=list(s.documents),
                timing=s.timing,
                weak=weak,
                general=general,
                deadline=s.deadline,
            )
        )
    return views


@dataclass(frozen=True)
class ResultView:
    facts: list[Row]  # the event, the age, the average wages
    wages: Table | None  # None: no wage months
    benefits: list[BenefitView]
    not_payable: list[Text]
    warnings: list[tuple[Literal["info", "warning"], Text]]
    steps: list[StepView]
    provisional: bool
    provisional_notes: list[Text]
    rule_pack: Row
    disclaimer: Text
    step_numbers: dict[str, int] = field(default_factory=dict)
    next_steps: list[NextStepView] = field(default_factory=list)
    info: list[InfoSection] = field(default_factory=list)  # how it is paid, what to tell, if you disagree

    @property
    def money_benefits(self) -> list[BenefitView]:
        return [b for b in self.benefits if not b.in_kind]

    @property
    def in_kind_benefits(self) -> list[BenefitView]:
        return [b for b in self.benefits if b.in_kind]

    def step_titles(self, step_ids: Sequence[str]) -> list[tuple[str, int, Text]]:
        """(id, number, title) of the steps that exist, in the order given."""
        by_id = {s.id: s for s in self.steps}
        return [(s, by_id[s].number, by_id[s].title) for s in step_ids if s in by_id]


def _month_runs(runs: Sequence[WageRun]) -> list[WageRun]:
    """Each month of ``runs`` as a run of its own (a short history is shown month by month)."""
    return [single for run in runs for m in run.expand() for single in runs_of([m])]


def wage_table(runs: Sequence[WageRun]) -> Table | None:
    if not runs:
        return None
    total = sum(run.months for run in runs)
    shown = list(runs) if total > GROUP_MONTHS_OVER else _month_runs(runs)
    rows: list[list[Text]] = []
    marked: set[tuple[int, int]] = set()
    for r, wm in enumerate(shown):
        when = (
            month(wm.first)
            if wm.months == 1
            else label("month_range", first=month(wm.first)["en"], last=month(wm.last)["en"], n=wm.months)
        )
        rows.append(
            [
                when,
                money(wm.wage),
                same(str(wm.band_item)),
                same(wm.band),
                money(wm.assumed_wage),
                table_name(wm.table),
                same("\u2713" if wm.in_window else ""),
            ]
        )
        if wm.provisional:
            marked.add((r, 4))
    keys = ["col_month", "col_wage", "col_band_item", "col_band", "col_assumed", "col_table", "col_used"]
    hint = label("wages_hint")
    if len(shown) < total:
        hint = {lang: f"{hint[lang]} {label('wages_grouped')[lang]}" for lang in LANGS}
    return Table(
        title=label("wages"),
        columns=[label(k) for k in keys],
        rows=rows,
        numeric=frozenset({1, 2, 4}),
        marked=frozenset(marked),
        hint=hint,
    )


_TABLE_FROM = re.compile(r"(\d{4})-(\d{2})")
SCHEME_START = date(1971, 1, 1)  # a value "in force from" here has held since the scheme began


def table_name(file_name: str) -> Text:
    """A wage band table as an officer knows it: "PERKESO table from 10/2024" (not its file name)."""
    found = _TABLE_FROM.search(file_name)
    if found is None:
        return same(file_name)
    return label("band_table_from", month=f"{found.group(2)}/{found.group(1)}")


def effective(on: date) -> Text:
    """The date a value took effect; a value that has held since the scheme began says so."""
    return label("since_scheme_start") if on <= SCHEME_START else day(on)


def clean_note(note: Text) -> Text:
    """A provisional note of the core for the office's part: dates DD/MM/YYYY, no "from 01/01/1971", public
    sources only."""
    out: Text = {}
    for lang, value in local_dates(note).items():
        value = re.sub(r"\((?:from|mulai) 01/01/1971; ", "(", value)
        head, sep, source = value.partition("; source: ")
        if not sep:
            head, sep, source = value.partition("; sumber: ")
        head = without_internal(head)
        out[lang] = f"{head}{sep}{public_source(source.rstrip('.'))}." if sep else head
    return out


def table_hashes(result: Result) -> list[tuple[str, str]]:
    """(file, SHA-256) of the table files the working used (the commutation table), read from the bundled
    pack's manifest when the result was computed with it."""
    names = sorted(
        {
            u.value.split(" ", 1)[0]
            for st in result.steps
            for u in st.params
            if u.key == "ei.commutation_table" and u.value
        }
    )
    if not names:
        return []
    files: dict[str, str] = {}
    if result.rules.origin == "bundled":
        try:
            manifest = json.loads((resources_dir() / "rules" / "manifest.json").read_text(encoding="utf-8"))
            files = {str(k): str(v) for k, v in manifest.get("files", {}).items()}
        except (OSError, ValueError):
            files = {}
    return [(name, files.get(name, "")) for name in names]


def _step_view(number: int, s: Step, used_by: list[Text]) -> StepView:
    """A step as every renderer shows it: dates DD/MM/YYYY and months MM/YYYY (the core's texts may hold ISO
    dates), public sources only."""
    return StepView(
        number=number,
        id=s.id,
        title=readable(s.title),
        formula=readable(s.formula),
        substituted=readable(s.substituted),
        result=readable(s.result),
        rules=[
            RuleUse(
                description=u.description,
                key=u.key,
                value=readable(same(u.value))["en"],
                effective_from=effective(u.effective_from),
                source=public_source(u.source),
                confidence=u.confidence,
                provisional=u.provisional,
                note=u.note_text if u.note else None,
            )
            for u in s.params
        ],
        inputs=dict(s.inputs),
        rounding=readable(s.rounding) if s.rounding else None,
        note=readable(s.note) if s.note else None,
        provisional=s.provisional,
        used_by=used_by,
    )


def present_result(result: Result, prepared_on: date | None = None) -> ResultView:
    """The whole presentation; ``prepared_on`` (the date prepared, never read from the clock here) judges the
    claim deadlines."""
    benefits = present_all(result)
    users: dict[str, list[Text]] = {}
    for view in benefits:
        for sid in view.step_ids:
            titles = users.setdefault(sid, [])
            if view.title not in titles:
                titles.append(view.title)
    facts = [
        Row(
            label("event"),
            {
                lang: label(
                    "event_line",
                    scheme=label(f"scheme.{result.scheme}")[lang],
                    incident=label(f"incident.{result.incident_type}")[lang],
                    outcome=label(f"outcome.{result.outcome}")[lang],
                    date=day(result.event_date)["en"],
                )[lang]
                for lang in LANGS
            },
        ),
        Row(label("age_at_event"), label("years", n=result.age_at_event)),
    ]
    if result.average_assumed_monthly_wage is not None:
        facts.append(Row(label("avg_monthly"), money(result.average_assumed_monthly_wage), "amount"))
    if result.average_assumed_daily_wage is not None:
        facts.append(Row(label("avg_daily"), money(result.average_assumed_daily_wage), "amount"))
    rules = result.rules
    steps = [_step_view(n, s, users.get(s.id, [])) for n, s in enumerate(result.steps, start=1)]
    return ResultView(
        facts=facts,
        wages=wage_table(result.wage_months),
        benefits=benefits,
        not_payable=[np.reason for np in result.not_payable],
        warnings=[(w.severity, w.message) for w in result.warnings],
        steps=steps,
        provisional=result.provisional or any(b.provisional for b in benefits),
        provisional_notes=[clean_note(n) for n in result.provisional_notes],
        rule_pack=Row(
            label("rule_pack"),
            label(
                "rule_pack_full",
                name=rules.name,
                version=rules.version,
                origin=rules.origin,
                sha=rules.sha256,
            ),
        ),
        disclaimer=result.disclaimer,
        step_numbers={s.id: s.number for s in steps},
        next_steps=next_step_views(result, prepared_on),
        info=claimant_info(result),
    )
