"""Traced rule reads: every rule value a figure uses is recorded with the step that explains the figure.

A law module opens a step, reads the rule values it needs through that step and closes it with the template of
its explanation and the numbers that fill it::

    s = trace.step("<benefit>.daily", on=case.event_date)
    rate = s.rule("<rate key>")                   # recorded: value, effective date, source, confidence
    daily = sen(rate * wage / 100 / s.rule("<divisor key>"))
    s.done("<template>", rm(daily), rate=rate, wage=wage, divisor=..., daily=daily)

``s.rule`` is the one way a law reads a rule: the trace's :class:`~estimator.engine.rules.view.RuleView` resolves
the key for the scheme (its own rule, or an inherited Act 4 rule, as the scheme declares) and looks each (key,
date) up once per estimate.  A read that explains no figure (a guard) is made through a step that is never closed.

``done`` takes the title, the formula and the substituted line from the bilingual catalogue (``step.<t>``,
``formula.<t>``, ``subst.<t>``) and fills them with the values (see :func:`fill` for the format specs), so the
Malay explanation is wholly Malay.  A step that is never closed leaves no trace: there is nothing to discard.
A step is provisional when any value it read is (or when it is told so with :meth:`StepTrace.provisional_input`).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache, partial
from typing import Any, Literal

from estimator.engine.i18n import LANGS, Lang, Text, catalog, tr
from estimator.engine.money import fraction_text, num, pct, rm
from estimator.engine.rules import RulePack, Value
from estimator.engine.rules.view import RuleView
from estimator.model.result import NotPayable, ParamUse, Step, Warning


def malaysian_date(d: date) -> str:
    """DD/MM/YYYY, the form Malaysian readers expect."""
    shown = _SHOWN_DATES.get(d)
    if shown is None:
        if len(_SHOWN_DATES) > 8192:
            _SHOWN_DATES.clear()
        shown = _SHOWN_DATES[d] = f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
    return shown


_SHOWN_DATES: dict[date, str] = {}  # the dates already shown (a schedule shows its dates again and again)


def _plain_value(value: Any) -> str:
    return format(value)


def _spec_formatter(spec: str) -> Callable[[Any], str]:
    """The function that formats a value for one template spec (chosen once, when the template is parsed).

    ``{x:n}`` 1,234.56 · ``{x:n4}`` four places · ``{x:rm}`` RM1,234.56 · ``{x:pct}`` 80% · ``{x:frac}`` 1/5 ·
    ``{x:date}`` 15/03/2025; any other spec is Python's own.
    """
    if spec == "n" or (spec.startswith("n") and spec[1:].isdigit()):
        places = int(spec[1:] or 2)
        return lambda value: num(value if type(value) is Decimal else Decimal(value), places)
    if spec == "rm":
        return lambda value: rm(value if type(value) is Decimal else Decimal(value))
    if spec == "pct":
        return lambda value: pct(value if type(value) is Decimal else Decimal(value))
    if spec == "frac":
        return lambda value: fraction_text(value) if isinstance(value, Fraction) else str(value)
    if spec == "date":
        return lambda value: malaysian_date(value) if isinstance(value, date) else str(value)
    if not spec:
        return _plain_value
    return lambda value: format(value, spec)


# a parsed template: (literal text, field name or None, its spec, its formatter)
Parsed = tuple[tuple[str, str | None, str, Callable[[Any], str]], ...]


@lru_cache(maxsize=4096)
def _parsed(key: str) -> tuple[tuple[Lang, Parsed], ...]:
    entry = catalog().get(key)
    if entry is None:
        raise KeyError(f"no catalogue entry {key!r}")
    return tuple(
        (
            lang,
            tuple(
                (literal, name, spec or "", _spec_formatter(spec or ""))
                for literal, name, spec, _conversion in string.Formatter().parse(entry[lang])
            ),
        )
        for lang in LANGS
    )


class Later:
    """A template value made only when the text is filled: ``make(*args)`` gives a :data:`Text` (lines listing
    many months, say).  Whoever makes one checks first that ``make`` cannot fail with ``args``."""

    __slots__ = ("args", "make")

    def __init__(self, make: Callable[..., Text], *args: Any) -> None:
        self.make = make
        self.args = args

    def __call__(self) -> Text:
        return self.make(*self.args)


def template_names(key: str) -> frozenset[str]:
    """The values the catalogue entry ``key`` names, in either language (KeyError without the entry)."""
    return _names(key)


@lru_cache(maxsize=1024)
def _names(key: str) -> frozenset[str]:
    return frozenset(name for _lang, parts in _parsed(key) for _l, name, _s, _f in parts if name is not None)


def fill(key: str, /, **values: Any) -> Text:
    """The catalogue entry ``key`` in both languages, filled with ``values``; a :data:`Text` value is taken in
    the template's language."""
    return _fill(key, values, {})


# a compiled template: its fields (name, spec, formatter), each once, per language a str.format pattern naming them
# by position (the literal text's braces doubled), and that pattern when every language has the same (a formula
# with numbers put in, say: filled once for both)
Compiled = tuple[tuple[tuple[str, str, Callable[[Any], str]], ...], tuple[tuple[Lang, str], ...], str | None]


@lru_cache(maxsize=4096)
def _compiled(key: str) -> Compiled:
    fields: dict[tuple[str, str], int] = {}
    formatters: list[tuple[str, str, Callable[[Any], str]]] = []
    patterns: list[tuple[Lang, str]] = []
    for lang, parts in _parsed(key):
        chunks: list[str] = []
        for literal, name, spec, formatter in parts:
            chunks.append(literal.replace("{", "{{").replace("}", "}}"))
            if name is not None:
                at = fields.get((name, spec))
                if at is None:
                    at = fields[name, spec] = len(formatters)
                    formatters.append((name, spec, formatter))
                chunks.append(f"{{{at}}}")
        patterns.append((lang, "".join(chunks)))
    same = {pattern for _, pattern in patterns}
    return tuple(formatters), tuple(patterns), same.pop() if len(same) == 1 else None


def _fill(key: str, values: Mapping[str, Any], done: dict[tuple[str, str], Any]) -> Text:
    """:func:`fill`; ``done`` holds the values already formatted (by name and spec), for the templates of one
    step share them: each is formatted once, not once per language and template."""
    fields, patterns, single = _compiled(key)
    if not fields:  # a text without values (most formulas): made once
        return dict(_constant(key))
    shown: list[Any] = []
    per_language = False
    for name, spec, formatter in fields:
        value = values[name]
        if isinstance(value, Later):  # made once per fill of a step, whatever the templates naming it
            made = done.get((name, "\0later"))
            if made is None:
                made = done[name, "\0later"] = value()
            value = made
        if isinstance(value, dict):  # a Text: taken in each template's language
            per_language = True
            shown.append({lang: formatter(value.get(lang) or value.get("en", "")) for lang in LANGS})
            continue
        text = done.get((name, spec))
        if text is None:
            text = done[name, spec] = formatter(value)
        shown.append(text)
    if per_language:
        return {
            lang: pattern.format(*(v[lang] if isinstance(v, dict) else v for v in shown))
            for lang, pattern in patterns
        }
    if single is not None:
        return dict.fromkeys(LANGS, single.format(*shown))
    return {lang: pattern.format(*shown) for lang, pattern in patterns}


def fill_rows(key: str, rows: list[dict[str, Any]]) -> list[Text]:
    """The catalogue entry ``key`` filled once per row (lines listing many months, say): the template is read
    once and each value formatted once per spec for all the rows (the same object: rows listing the months of a
    history share their band's figures); the values are plain (no :data:`Text`)."""
    fields, patterns, single = _compiled(key)
    made: dict[tuple[str, int], str] = {}  # (spec, id of a value the rows hold: alive while this runs)
    out: list[Text] = []
    for row in rows:
        shown: list[str] = []
        for name, spec, formatter in fields:
            value = row[name]
            text = made.get((spec, id(value)))
            if text is None:
                text = made[spec, id(value)] = formatter(value)
            shown.append(text)
        if single is not None:
            out.append(dict.fromkeys(LANGS, single.format(*shown)))
        else:
            out.append({lang: pattern.format(*shown) for lang, pattern in patterns})
    return out


@lru_cache(maxsize=256)
def positional(key: str, names: tuple[str, ...]) -> dict[Lang, str]:
    """The catalogue entry ``key`` per language as a ``str.format`` pattern taking the values of ``names`` by
    position (several times faster than by name, for lines written by the hundred).  Its fields are plain
    (Python's own format specs); KeyError for a missing entry or a field not in ``names``."""
    entry = catalog().get(key)
    if entry is None:
        raise KeyError(f"no catalogue entry {key!r}")
    out: dict[Lang, str] = {}
    for lang in LANGS:
        chunks: list[str] = []
        for literal, name, spec, conversion in string.Formatter().parse(entry[lang]):
            chunks.append(literal.replace("{", "{{").replace("}", "}}"))
            if name is not None:
                if name not in names:
                    raise KeyError(f"{key}: {{{name}}} is not one of {names}")
                chunks.append(
                    f"{{{names.index(name)}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                )
        out[lang] = "".join(chunks)
    return out


@lru_cache(maxsize=1024)
def _constant(key: str) -> Text:
    """A catalogue entry that names no value, as it reads (one dict per entry: callers get a copy)."""
    return {lang: pattern.format() for lang, pattern in _compiled(key)[1]}


# what each spec's formatter takes without fail: "num" a Decimal (finite) or an int; "any" every value
_SAFE_SPECS = {"": "any", "frac": "any", "date": "any", "rm": "num", "pct": "num"}


def _spec_kind(spec: str) -> str | None:
    if spec in _SAFE_SPECS:
        return _SAFE_SPECS[spec]
    if spec == "n" or (spec.startswith("n") and spec[1:].isdigit()):
        return "num"
    return None  # Python's own spec: it may refuse a value


@lru_cache(maxsize=4096)
def _needs(keys: tuple[str, ...]) -> tuple[tuple[str, str], ...] | None:
    """The values the templates ``keys`` read and what each must be for filling them later to be sure to
    work (``None``: a spec that could refuse some value: fill at once).  KeyError for a missing entry."""
    needs: dict[str, str] = {}
    for key in keys:
        for _lang, parts in _parsed(key):
            for _literal, name, spec, _formatter in parts:
                if name is None:
                    continue
                kind = _spec_kind(spec)
                if kind is None:
                    return None
                needs[name] = "num" if needs.get(name) == "num" else kind
    return tuple(needs.items())


def _fills_later(keys: tuple[str, ...], values: Mapping[str, Any]) -> bool:
    """Filling ``keys`` with ``values`` later cannot fail: every value they name is there (else KeyError, now),
    and of a type its format takes (a Text is taken in the template's language: "any" formats only)."""
    needs = _needs(keys)
    if needs is None:
        return False
    for name, kind in needs:
        if name not in values:
            raise KeyError(f"{keys}: no value for {{{name}}}")
        if kind == "num":
            value = values[name]
            if not (type(value) is int or (type(value) is Decimal and value.is_finite())):
                return False
    return True


@lru_cache(maxsize=1024)
def _step_keys(template: str, subst: str, title_from_template: bool) -> tuple[str, ...]:
    """The catalogue entries a step closed with ``template`` fills: its title (unless given), formula and line."""
    keys = (f"formula.{template}", f"subst.{subst}")
    return (f"step.{template}", *keys) if title_from_template else keys


def fills_later(keys: tuple[str, ...], values: Mapping[str, Any]) -> bool:
    """Whether the templates ``keys`` can be filled with ``values`` later without fail (KeyError now for a
    missing entry or value): what a :class:`Later` value checks before it is handed over."""
    return _fills_later(keys, values)


def _step_texts(title: Text | None, template: str, subst: str, values: dict[str, Any]) -> dict[str, Text]:
    """A closed step's title, formula and substituted line (filled when first read)."""
    done: dict[tuple[str, str], Any] = {}
    return {
        "title": title or _fill(f"step.{template}", values, done),
        "formula": _fill(f"formula.{template}", values, done),
        "substituted": _fill(f"subst.{subst}", values, done),
    }


def join_texts(parts: list[Text], sep: str = "; ") -> Text:
    return {lang: sep.join(p[lang] for p in parts) for lang in LANGS}


class StepTrace:
    """One step of the explanation being written: the rule values it reads are recorded as it reads them."""

    def __init__(self, trace: Trace, step_id: str, on: date) -> None:
        self._trace = trace
        self.step_id = step_id
        self.on = on
        self._uses: dict[tuple[str, date], ParamUse] = {}
        self._provisional = False

    def value(self, key: str, on: date | None = None) -> Value:
        """The rule value in force on ``on`` (default: the step's date), recorded.  ``key`` is read through
        the estimate's rule view: the scheme's own rule where it has one (see :mod:`estimator.engine.rules.view`)."""
        v, use = self._trace.rules.read(key, on or self.on)
        self._uses.setdefault((use.key, use.effective_from), use)
        return v

    def pack_cache(self) -> dict[Any, Any]:
        """A store kept with the rule pack (emptied when the pack changes) for work derived from its values and
        done once per pack, e.g. the wage bands; never a way to read a rule."""
        return self._trace.rules.pack.use_cache

    def changes(self, key: str) -> list[date]:
        """The dates on which the rule's value may change (to read it again only when a date crosses one)."""
        return self._trace.rules.changes(key)

    def rule(self, key: str, on: date | None = None) -> Any:
        """The value itself (a Decimal, int, date, Fraction or table), recorded."""
        return self.value(key, on).value

    def provisional_input(self, flag: bool = True) -> None:
        """A figure this step builds on is provisional (an earlier step's result, a provisional band)."""
        self._provisional = self._provisional or flag

    def done(
        self,
        template: str,
        result: Text | str,
        /,
        *,
        subst: str | None = None,
        title: Text | None = None,
        inputs: Mapping[str, str] | None = None,
        rounding: str | None = None,
        note: Text | None = None,
        **values: Any,
    ) -> Step:
        """Close the step: title ``step.<template>``, formula ``formula.<template>``, substituted line
        ``subst.<subst or template>`` filled with ``values``; ``rounding`` names a ``rounding.*`` entry.

        The three texts are filled when the step is first read or serialised (a renderer asks), not here: what
        filling could refuse (an entry missing, a value missing or of a type its format does not take) is
        checked here, and a step whose values could not be checked so is filled at once."""
        subst = subst or template
        later = self._trace.defer_texts and _fills_later(_step_keys(template, subst, title is None), values)
        texts = partial(_step_texts, title, template, subst, values)
        fields: dict[str, Any] = {
            "result": result if isinstance(result, dict) else dict.fromkeys(LANGS, result),
            "inputs": dict(inputs) if inputs else {},
            "params": list(self._uses.values()),
            "rounding": tr(f"rounding.{rounding}") if rounding else None,
            "provisional": self._provisional,
            "note": note,
        }
        if not later:
            fields.update(texts())
        return self._trace.add_step(self.step_id, fields, texts if later else None)


class Trace:
    """The record of one estimate: the steps, provisional footnotes, warnings and refusals."""

    def __init__(self, rules: RuleView | RulePack, defer_texts: bool = False) -> None:
        self.rules = rules if isinstance(rules, RuleView) else RuleView(rules)
        # the steps' texts are filled when first read or serialised (a Result fills them before serialising)
        self.defer_texts = defer_texts
        self.steps: list[Step] = []
        self.warnings: list[Warning] = []
        self.not_payable: list[NotPayable] = []
        self.provisional_notes: list[Text] = []
        self._by_id: dict[str, Step] = {}
        self._seen_notes: set[str] = set()
        self._collectors: list[list[str]] = []
        # keys whose footnote a law module writes itself (with more to say than the generic one)
        self.custom_notes: set[str] = set()

    # -- reading (through a step: every rule value is read with :meth:`StepTrace.rule`)
    def step(self, step_id: str, on: date) -> StepTrace:
        return StepTrace(self, step_id, on)

    # -- writing
    def add_step(
        self, step_id: str, fields: dict[str, Any], texts: Callable[[], dict[str, Text]] | None = None
    ) -> Step:
        """Record a step of ``fields`` (params and provisional among them; taken, not copied); ``texts`` (when
        given) fills its title, formula and substituted line later."""
        prov = fields["provisional"]
        for p in fields["params"]:
            if p.provisional:
                prov = True
                if p.key in self.custom_notes:
                    continue
                key = f"param:{p.key}:{p.effective_from}"
                if key in self._seen_notes:
                    continue  # already footnoted: not filled again
                self.note_provisional(key, self._param_note(key, p))
        fields["provisional"] = prov
        sid, n = step_id, 2
        while sid in self._by_id:
            sid, n = f"{step_id}.{n}", n + 1
        fields["id"] = sid
        s = Step.model_construct(**fields) if texts is None else Step.deferred(texts, fields)
        self.steps.append(s)
        self._by_id[sid] = s
        for ids in self._collectors:
            ids.append(sid)
        return s

    def _param_note(self, key: str, p: ParamUse) -> Text:
        """The footnote of a provisional rule value (one per value and pack: kept with the pack's records)."""
        store = self.rules.pack.use_cache
        hit = store.get(("note", key))
        if hit is None or hit[0] is not p:
            note = fill(
                "prov.param",
                description_en=p.description["en"],
                description_ms=p.description["ms"],
                value=p.value,
                date=p.effective_from,
                confidence=p.confidence,
                source=p.source,
                note_en=f"; {p.note}" if p.note else "",
                note_ms=f"; {p.note_ms or p.note}" if p.note else "",
            )
            hit = store["note", key] = (p, note)
        return dict(hit[1])

    @contextmanager
    def collect(self) -> Iterator[list[str]]:
        """The ids of the steps written inside the ``with`` block (a benefit's own steps)."""
        ids: list[str] = []
        self._collectors.append(ids)
        try:
            yield ids
        finally:
            self._collectors.remove(ids)

    def provisional(self, step_ids: list[str]) -> bool:
        return any(self._by_id[i].provisional for i in step_ids if i in self._by_id)

    def note_provisional(self, key: str, message: Text) -> None:
        if key not in self._seen_notes:
            self._seen_notes.add(key)
            self.provisional_notes.append(message)

    def warn(self, code: str, message: Text, severity: Literal["info", "warning"] = "warning") -> None:
        self.warnings.append(Warning(code=code, message=message, severity=severity))

    def refuse(self, code: str, reason: Text) -> None:
        self.not_payable.append(NotPayable(code=code, reason=reason))
