"""Dates in news text: absolute, partial, and relative to the publication date.

Indonesian news writes "Rabu (8/6)", "Jumat, 02/09/2016", "19 Desember 2014",
"pertengahan September 2012", "kemarin"; English "on Friday, December 2, 2016",
"last Tuesday", "on Friday (27/11)". Each is read into a :class:`DateMention`
with its precision; :func:`resolve` fills what the text leaves out from the
publication date and the weekday.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from citygraph.extract.lang import Language
from citygraph.model import PartialDate


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative_days: int | None = None
    relative_years: int | None = None
    relative_months: int | None = None
    past_weekday: bool = False
    deadline: bool = False

    @property
    def precision(self) -> int:
        """3 for a day, 2 for a month, 1 for a year, 0 for a weekday or relative word only."""
        if self.day is not None or self.relative_days is not None or self.past_weekday:
            return 3
        if self.weekday is not None:
            return 1  # a bare weekday: less sure than a month named in full
        if self.month is not None or self.relative_months is not None:
            return 2
        if self.year is not None or self.relative_years is not None:
            return 1
        return 0


def _words(options: dict[str, int]) -> str:
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(options, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    numeric: re.Pattern[str]
    day_month_year: re.Pattern[str]
    month_day_year: re.Pattern[str]
    month_year: re.Pattern[str]
    year: re.Pattern[str]
    weekday: re.Pattern[str]
    relative_day: re.Pattern[str]
    relative_year: re.Pattern[str]
    relative_month: re.Pattern[str]
    deadline: re.Pattern[str]


_CACHE: dict[str, _Patterns] = {}


def _patterns(lang: Language) -> _Patterns:
    if lang.code in _CACHE:
        return _CACHE[lang.code]
    months, weekdays = _words(lang.months), _words(lang.weekdays)
    past = "|".join(lang.past_markers)
    patterns = _Patterns(
        numeric=re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])"),
        day_month_year=re.compile(rf"\b(\d{{1,2}})(?:-\d{{1,2}})?\s+({months})\.?(?:,?\s+(\d{{4}}))?\b", re.I),
        month_day_year=re.compile(rf"\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I),
        month_year=re.compile(rf"\b({months})\.?\s+(?:(?:tahun|of)\s+)?(\d{{4}})\b", re.I),
        year=re.compile(r"(?<![\d/.,])(19[5-9]\d|20\d\d)(?![\d/])"),
        weekday=re.compile(rf"(?:\b({past})\s+)?\b({weekdays})\b(?:\s+({past})\b)?", re.I),
        relative_day=re.compile(rf"\b({_words(lang.relative_days)})\b", re.I),
        relative_year=re.compile(rf"\b({_words(lang.relative_years)})\b", re.I),
        relative_month=re.compile(rf"\b({_words(lang.relative_months)})\b", re.I),
        # one pattern for every prefix, compiled once (was one re.search per prefix and per date)
        deadline=re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in lang.deadline_prefixes)})\s*$"),
    )
    _CACHE[lang.code] = patterns
    return patterns


def find_dates(sentence: str, lang: Language) -> list[DateMention]:
    """Every date expression in ``sentence``, most precise first within overlaps."""
    p = _patterns(lang)
    found: list[DateMention] = []
    # the characters already read as a date: a mention is taken when it overlaps none (checking each
    # earlier mention instead is quadratic in a sentence of thousands of numbers)
    taken = bytearray(len(sentence) + 1)

    def add(m: DateMention) -> None:
        if taken.find(1, m.start, m.end) < 0:
            found.append(m)
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)

    def deadline(start: int) -> bool:
        before = sentence[max(0, start - 20):start].lower()
        return bool(lang.deadline_prefixes) and p.deadline.search(before) is not None

    for m in p.numeric.finditer(sentence):
        day, month = int(m.group(1)), int(m.group(2))
        year = _year(m.group(3))
        if 1 <= day <= 31 and 1 <= month <= 12:
            add(DateMention(m.start(), m.end(), year, month, day, deadline=deadline(m.start())))
    for m in p.day_month_year.finditer(sentence):
        day = int(m.group(1))
        if 1 <= day <= 31:
            add(DateMention(m.start(), m.end(), _year(m.group(3)), lang.months[_key(m.group(2))], day,
                            deadline=deadline(m.start())))
    for m in p.month_day_year.finditer(sentence):
        day = int(m.group(2))
        if 1 <= day <= 31 and not (m.group(3) is None and _key(m.group(1)) in ("may", "mar", "jan")):
            add(DateMention(m.start(), m.end(), _year(m.group(3)), lang.months[_key(m.group(1))], day,
                            deadline=deadline(m.start())))
    for m in p.month_year.finditer(sentence):
        add(DateMention(m.start(), m.end(), int(m.group(2)), lang.months[_key(m.group(1))],
                        deadline=deadline(m.start())))
    for m in p.year.finditer(sentence):
        add(DateMention(m.start(), m.end(), int(m.group(1)), deadline=deadline(m.start())))
    for m in p.relative_day.finditer(sentence):
        add(DateMention(m.start(), m.end(), relative_days=lang.relative_days[_key(m.group(1))]))
    for m in p.relative_month.finditer(sentence):
        add(DateMention(m.start(), m.end(), relative_months=lang.relative_months[_key(m.group(1))]))
    for m in p.relative_year.finditer(sentence):
        add(DateMention(m.start(), m.end(), relative_years=lang.relative_years[_key(m.group(1))]))
    weekday_marks = [
        DateMention(m.start(), m.end(), weekday=lang.weekdays[_key(m.group(2))],
                    past_weekday=bool(m.group(1) or m.group(3)))
        for m in p.weekday.finditer(sentence)
    ]
    # a weekday right before a date ("Rabu (8/6)", "Friday, December 2") qualifies it; the weekdays are
    # found by where they end (they do not overlap, so the first in text order has the smallest end)
    merged: list[DateMention] = []
    by_end = {w.end: i for i, w in enumerate(weekday_marks)}
    used: set[int] = set()
    for mention in sorted(found, key=lambda d: d.start):
        index = next((by_end[e] for e in range(mention.start - 3, mention.start + 1)
                      if e in by_end and by_end[e] not in used), None)
        if index is not None:
            used.add(index)
            weekday = weekday_marks[index]
            mention = DateMention(weekday.start, mention.end, mention.year, mention.month, mention.day,
                                  weekday.weekday, mention.relative_days, mention.relative_years,
                                  deadline=mention.deadline)
        merged.append(mention)
    merged.extend(w for i, w in enumerate(weekday_marks) if i not in used)  # "on Tuesday": resolved later
    return sorted(merged, key=lambda d: d.start)


def _key(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().rstrip("."))


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def resolve(mention: DateMention, published: dt.date | None) -> PartialDate | None:
    """Turn a mention into a date, using the publication date for what is missing.

    A day and month without a year take the latest year that puts the date on or
    before publication (news reports the past); the weekday, when given, must then
    agree, else the year is left out rather than guessed. A bare weekday with
    "last"/"lalu" is the latest such day before publication.
    """
    if mention.relative_days is not None:
        if published is None:
            return None
        day = published + dt.timedelta(days=mention.relative_days)
        return PartialDate(day.year, day.month, day.day)
    if mention.relative_years is not None:
        return PartialDate(published.year + mention.relative_years) if published else None
    if mention.relative_months is not None:
        if published is None:
            return None
        index = published.year * 12 + published.month - 1 + mention.relative_months
        return PartialDate(index // 12, index % 12 + 1)
    if mention.day is None and mention.month is None and mention.weekday is not None:
        # "last Tuesday" is the one before publication; a bare "on Monday" may be the day itself
        if published is None:
            return None
        delta = (published.weekday() - mention.weekday) % 7
        if mention.past_weekday and delta == 0:
            delta = 7
        day = published - dt.timedelta(days=delta)
        return PartialDate(day.year, day.month, day.day)
    if mention.month is None and mention.year is None:
        return None
    if mention.year is not None and mention.month is not None and mention.day is not None:
        try:
            dt.date(mention.year, mention.month, mention.day)
        except ValueError:
            return None  # "31/2/2016": not a day of the calendar, never an xsd:date
    if mention.year is not None or mention.day is None:
        return PartialDate(mention.year, mention.month, mention.day) if mention.year else None
    # day and month, no year
    if published is None:
        try:
            dt.date(2000, mention.month, mention.day)  # type: ignore[arg-type]  (a leap year: 29/2 exists)
        except ValueError:
            return None
        return PartialDate(None, mention.month, mention.day)
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, mention.month, mention.day)  # type: ignore[arg-type]
        except ValueError:
            continue
        if candidate <= published + dt.timedelta(days=1):
            if mention.weekday is None or candidate.weekday() == mention.weekday:
                return PartialDate(year, mention.month, mention.day)
    return PartialDate(None, mention.month, mention.day)


def best_date(mentions: list[DateMention], published: dt.date | None,
              near: int | None = None) -> PartialDate | None:
    """The most precise resolvable date, ties broken by closeness to ``near``."""
    scored = []
    for m in mentions:
        if m.deadline:
            continue
        date = resolve(m, published)
        if date is None:
            continue
        distance = abs(m.start - near) if near is not None else m.start
        relative = (m.relative_days is not None or m.relative_years is not None or m.relative_months is not None
                    or m.past_weekday)
        scored.append((-m.precision, relative and m.year is None, distance, date))
    if not scored:
        return None
    scored.sort(key=lambda t: (t[0], t[1], t[2]))
    return scored[0][3]
