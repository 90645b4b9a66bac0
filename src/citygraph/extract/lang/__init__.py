"""Language data, one sub-package per language (``lang/<code>/``), as spaCy does.

:func:`load` compiles one language's word lists into regular expressions once;
the extractor only sees :class:`Language`. Adding a language means adding a
``lang/<code>/`` package with the same modules and its tests, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from citygraph.model import Instrument, Role


def _alternation(patterns: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any pattern at word boundaries, longest first."""
    ordered = sorted(set(patterns), key=len, reverse=True)
    body = "|".join(p.replace(" ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Language:
    """A language's cues, compiled."""

    code: str
    cooperation: re.Pattern[str]
    sister: re.Pattern[str]
    signing: re.Pattern[str]
    planned: re.Pattern[str]
    past_process: re.Pattern[str]
    renewed: re.Pattern[str]
    tie: re.Pattern[str]
    since: re.Pattern[str]
    negation: re.Pattern[str]
    wish: re.Pattern[str]
    speech: re.Pattern[str]
    cancelled: re.Pattern[str]
    own_country: dict[str, str]
    anaphora: re.Pattern[str]
    continuation: re.Pattern[str]
    subject_before: re.Pattern[str]
    list_intro: re.Pattern[str]
    locative: re.Pattern[str]
    locative_skip: frozenset[str]
    witness: re.Pattern[str]
    witness_verbs: re.Pattern[str]
    represented: re.Pattern[str]
    gov_before: re.Pattern[str]
    counterpart_before: re.Pattern[str]
    gov_after: re.Pattern[str]
    party_before: frozenset[str]
    agent_before: frozenset[str]
    of_heads: frozenset[str]
    instruments: tuple[tuple[Instrument, re.Pattern[str]], ...]
    generic_instrument: re.Pattern[str]
    plural_instrument: re.Pattern[str]
    plural_reference: re.Pattern[str]
    partner_count: re.Pattern[str]
    original: re.Pattern[str]
    first_names: frozenset[str]
    domains: tuple[tuple[str, re.Pattern[str]], ...]
    titles: dict[str, Role]
    title_regex: re.Pattern[str]
    head_titles: frozenset[str]
    acting: tuple[str, ...]
    former: tuple[str, ...]
    honorifics: frozenset[str]
    degrees: frozenset[str]
    title_words: frozenset[str]
    sentence_openers: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    relative_years: dict[str, int]
    relative_months: dict[str, int]
    past_markers: tuple[str, ...]
    deadline_prefixes: tuple[str, ...]
    forum_heads: frozenset[str]
    forum_intro: frozenset[str]
    venue_words: tuple[str, ...]
    stop_words: frozenset[str]
    module: ModuleType


def available() -> list[str]:
    """Codes of the languages that have a ``lang/<code>/`` package."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg)


@cache
def load(code: str) -> Language:
    """Compile the word lists of language ``code`` (``id``, ``en``, ...)."""
    try:
        mod = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError as e:
        raise ValueError(f"no language data for {code!r}; available: {', '.join(available())}") from e
    c, r = mod.cues, mod.roles
    titles = dict(r.TITLES)
    return Language(
        code=code,
        cooperation=_alternation(c.COOPERATION),
        sister=_alternation(c.SISTER),
        signing=_alternation(c.SIGNING),
        planned=_alternation(c.PLANNED),
        # "after (three years of) negotiations": a plan word of a process, put in the past by the words before
        past_process=re.compile(
            rf"(?<![\w-])(?:{'|'.join(c.AFTER)})\s+(?:[\w'’-]+\s+){{0,4}}(?:{'|'.join(c.PROCESS_PLANS)})$",
            re.IGNORECASE),
        renewed=_alternation(c.RENEWED),
        tie=_alternation(c.TIE),
        since=_alternation(c.SINCE),
        negation=_alternation(c.NEGATION),
        wish=_alternation(c.WISH),
        speech=_alternation(c.SPEECH),
        cancelled=_alternation(c.CANCELLED),
        own_country=dict(r.OWN_COUNTRY),
        anaphora=_alternation(c.ANAPHORA),
        continuation=re.compile(
            rf"^\W*(?:{'|'.join(sorted(c.CONTINUATION_STARTS, key=len, reverse=True))})\b", re.IGNORECASE
        ),
        # a pronoun right before the verb ("He then signed", "In 2015 it signed"): the agent is unnamed
        subject_before=re.compile(
            rf"(?<![\w-])(?:{'|'.join(sorted(c.CONTINUATION_STARTS, key=len, reverse=True))})\s+(?:\w+\s+)?$",
            re.IGNORECASE),
        list_intro=_alternation(c.LIST_INTRO),
        locative=_alternation(c.LOCATIVE),
        locative_skip=frozenset(c.LOCATIVE_SKIP),
        witness=_alternation(r.WITNESS_CUES),
        witness_verbs=_alternation(r.WITNESS_VERBS),
        represented=re.compile(rf"(?:{'|'.join(r.REPRESENTED)})(?:\s+the)?\s*$", re.IGNORECASE),
        gov_before=re.compile(rf"(?:{'|'.join(c.GOVERNMENT_BEFORE)})\s*$", re.IGNORECASE),
        counterpart_before=re.compile(rf"(?<![\w-])(?:{'|'.join(c.COUNTERPART_BEFORE)})\s+$", re.IGNORECASE),
        gov_after=re.compile(rf"^\s*(?:{'|'.join(c.GOVERNMENT_AFTER)})\b", re.IGNORECASE),
        party_before=frozenset(c.PARTY_BEFORE),
        agent_before=frozenset(c.AGENT_BEFORE),
        of_heads=frozenset(c.OF_HEADS),
        instruments=tuple((inst, _alternation(p)) for inst, p in mod.instruments.INSTRUMENT_PATTERNS.items()),
        generic_instrument=_alternation(mod.instruments.GENERIC_PATTERNS),
        plural_instrument=_alternation(mod.instruments.PLURAL_PATTERNS),
        plural_reference=_alternation(mod.instruments.PLURAL_REFERENCE),
        partner_count=_alternation(mod.instruments.PARTNER_COUNT),
        original=_alternation(c.ORIGINAL),
        first_names=frozenset(getattr(mod.gazetteer_stop, "FIRST_NAMES", frozenset())),
        domains=tuple((code_, _alternation(p)) for code_, p in mod.domains.DOMAIN_CUES.items()),
        titles=titles,
        title_regex=_alternation([re.escape(t).replace("\\ ", " ") for t in titles]),
        head_titles=frozenset(r.HEAD_TITLES),
        acting=tuple(r.ACTING_PREFIXES),
        former=tuple(r.FORMER_PREFIXES),
        honorifics=frozenset(r.HONORIFICS),
        degrees=frozenset(r.DEGREES),
        title_words=frozenset(r.TITLE_WORDS),
        sentence_openers=frozenset(c.SENTENCE_OPENERS),
        months=dict(mod.months.MONTHS),
        weekdays=dict(mod.months.WEEKDAYS),
        relative_days=dict(mod.months.RELATIVE_DAYS),
        relative_years=dict(mod.months.RELATIVE_YEARS),
        relative_months=dict(mod.months.RELATIVE_MONTHS),
        past_markers=tuple(mod.months.PAST_MARKERS),
        deadline_prefixes=tuple(mod.months.DEADLINE_PREFIXES),
        forum_heads=frozenset(mod.forums.FORUM_HEADS),
        forum_intro=frozenset(mod.forums.FORUM_INTRO),
        venue_words=tuple(mod.forums.VENUE_WORDS),
        stop_words=frozenset(mod.words.STOP_WORDS),
        module=mod,
    )


def detect(text: str, candidates: list[str] | None = None) -> str:
    """Guess the language of ``text`` by counting each language's function words."""
    tokens = re.findall(r"[a-z]+", text[:5000].lower())
    best, best_score = "id", -1
    for code in candidates or available():
        stop = load(code).stop_words
        score = sum(1 for t in tokens if t in stop)
        if score > best_score:
            best, best_score = code, score
    return best
