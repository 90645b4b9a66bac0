"""Officials: a title of office, the unit it belongs to, and a name.

Three shapes cover most news writing in both languages:

* title, unit, name: "Wali Kota Bogor Bima Arya Sugiarto", "Kepala Biro Tata
  Pemerintahan Setda DIY, Drs. Haryanta", "Lord Mayor Graham Quirk";
* place, title, name (English): "Bogor Mayor Bima Arya", "Rio de Janeiro mayor
  Eduardo Paes", "Environment Secretary Liz Truss";
* name, title, body (English apposition): "Stewart Young, leader of Cumbria
  County Council".

Honorifics and degrees are stripped from names; a bare surname ("Walikota
Matsui") is folded into the full name met elsewhere in the article.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field, replace

from citygraph.extract.lang import Language
from citygraph.extract.places import ROLE_KIND, PlaceMention
from citygraph.extract.text import Sentence, is_abbreviation, is_word_char
from citygraph.model import Evidence, Person, Place, PlaceKind, Role

_TOKEN = re.compile(r"\(|\)|,|[\w][\w'’\-]*(?:\.[\w]+)*\.?|[^\w\s]")
_CONNECTORS = frozenset({"yang", "juga", "untuk", "dan", "of", "the", "for", "at", "and", "on", "se", "to"})
_NAME_PARTICLES = frozenset({"bin", "binti", "van", "von", "de", "da", "der", "den", "del", "al", "el", "le", "la",
                             "ter", "ten", "dos", "das", "du", "dei", "della", "y"})
_ORG_BEFORE_PLACE = re.compile(r"\b(?:KBRI|KJRI|embassy|consulate|Kedutaan|Konsulat|Sekber|Setda)\b", re.I)


@dataclass
class PersonMention:
    """A person found in one sentence, before merging across the article."""

    name: str
    role: Role
    sentence: int
    start: int  # of the whole mention (title included), article offsets
    end: int
    name_start: int
    of_place: Place | None = None
    of_body: str | None = None
    acting: bool = False
    former: bool = False
    title: str | None = None
    represented: bool = False  # "... signed on behalf of Mayor X": X did not sign


def find_people(text: str, sentences: list[Sentence], places: list[PlaceMention], lang: Language,
                dateline_place: Place | None) -> list[PersonMention]:
    """Every official named with a title, in text order."""
    by_start = {m.start: m for m in places}
    # Places by where they end, and by sentence, and the names already found by where they start: each
    # title looked through every place of the article, and every person found, before (quadratic).
    by_end = _places_by_end(places)
    by_sentence: dict[int, list[PlaceMention]] = {}
    for pm in places:
        by_sentence.setdefault(pm.sentence, []).append(pm)
    found: list[PersonMention] = []
    name_starts: set[int] = set()
    for sentence in sentences:
        if sentence.title:
            continue  # headlines are in title case: every word looks like a name
        s = sentence.text
        context = _Context(by_end, by_sentence.get(sentence.index, []))
        for m in [*lang.title_regex.finditer(s), *_glossed_titles(s, lang)]:
            mention = _read_person(text, sentence, m, by_start, places, lang, dateline_place, context)
            if mention is not None and mention.name_start not in name_starts:
                found.append(mention)
                name_starts.add(mention.name_start)
    return found


#: How far before a title (in characters) the patterns that end at it are tried. Each of them matches
#: a few words ("Environment Secretary", "Stewart Young, the leader of", "on behalf of"); tried on all
#: of the sentence before every title, they made a long sentence quadratic.
LOOKBACK = 200


@dataclass
class _Context:
    """What :func:`_read_person` reads of the article around one sentence, indexed."""

    places_by_end: dict[int, list[tuple[int, PlaceMention]]]
    sentence_places: list[PlaceMention]
    portfolio_starts: dict[int, int] = field(default_factory=dict)


def _lookback(end: int) -> int:
    return max(0, end - LOOKBACK)


# Patterns that end right before a title (searched with pos and endpos, so ``$`` is the title's start).
_SECRETARY_OF = re.compile(r"\b[A-Z]\w+\s*$")  # "Environment Secretary"
_APPOSITION_BEFORE = re.compile(
    r"([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-.]*){0,4}),\s+(?:the\s+|a\s+)?(?:[a-z]+\s+)?$")  # "Stewart Young, leader"
_ORG_BEFORE = re.compile(r"[A-Z][\w\-]*[A-Z\d][\w\-]*\s+(?:[a-z]+\s+)?$")  # "UN-Habitat regional"


def _lower_tail(s: str, end: int) -> str:
    """``s[:end].lower()``, or its last LOOKBACK characters behind a NUL that ``^`` cannot match at."""
    lo = _lookback(end)
    return s[lo:end].lower() if lo == 0 else "\x00" + s[lo:end].lower()


@functools.cache
def _prefix_at_end(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``prefixes`` (lower case) as a word at the end: "acting", "former", "ex-"."""
    if not prefixes:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:^|\s)(?:{'|'.join(re.escape(p) for p in prefixes)})\s*$")


def _portfolio_start(s: str, end: int, memo: dict[int, int | None]) -> int | None:
    """Where ``re.search(r"(?:\\b[A-Z][\\w'’\\-]*\\s+(?:and\\s+)?)+$", s[:end])`` would start, or None.

    "Environment Secretary", "Multicultural and Ethnic Affairs Minister": the capitalised words before a
    title. The regex tries every start of the sentence before it, and "Mayor Mayor Mayor ..." makes each
    try run to the title: quadratic at one title, cubic over all. This reads the words backwards, one
    at a time, and ``memo`` (one per sentence) keeps where the run ending at each word begins.
    """
    path: list[tuple[int, int]] = []
    pos = end
    while True:
        if pos in memo:
            inner = memo[pos]
            break
        unit = _portfolio_word_ending_at(s, pos)
        if unit is None:
            inner = memo[pos] = None
            break
        start, extendable = unit
        path.append((pos, start))
        if not extendable:
            inner = None
            break
        pos = start
    for at, start in reversed(path):
        inner = inner if inner is not None else start
        memo[at] = inner
    return memo[end] if path else inner


def _portfolio_word_ending_at(s: str, end: int) -> tuple[int, bool] | None:
    """The leftmost start of ``\\b[A-Z][\\w'’\\-]*\\s+(?:and\\s+)?`` ending at ``end``, and whether another
    such word may end where it starts; None if none ends there."""
    j = end
    while j > 0 and s[j - 1].isspace():
        j -= 1
    if j == end:
        return None
    if j >= 4 and s[j - 3:j] == "and" and s[j - 4].isspace():
        j -= 3
        while j > 0 and s[j - 1].isspace():
            j -= 1
    k = j
    while k > 0 and (s[k - 1] in "'’-" or is_word_char(s[k - 1])):
        k -= 1
    # \b before the capital: the word's first character, or one after an apostrophe or a hyphen
    start = next((q for q in range(k, j) if "A" <= s[q] <= "Z" and (q == k or s[q - 1] in "'’-")), None)
    if start is None:
        return None
    return start, start == k and k > 0 and s[k - 1].isspace()


class _Gloss:
    """A foreign title glossed in brackets: "Oberbürgermeister (walikota) Hildesheim ..." reads as the gloss."""

    def __init__(self, start: int, end: int, title: str) -> None:
        self._start, self._end, self._title = start, end, title

    def group(self, *_: object) -> str:
        return self._title

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


#: A word, then a gloss in brackets. The word is matched whole (possessively, from its first character) and
#: the capital the gloss's word starts at is found by hand: ``[A-Z][\w\-]+\s+\(`` tried at every capital of
#: a long word ("AAAA...") rescans the rest of it each time, quadratic in its length.
_GLOSSED = re.compile(r"(?<![\w\-])([\w\-]++)\s+\(\s*([^()]{3,30}?)\s*\)")


def _glossed_titles(s: str, lang: Language) -> list[_Gloss]:
    found = []
    for m in _GLOSSED.finditer(s):
        word = m.group(1)
        # the first capital with at least one word character after it: where [A-Z][\w\-]+ would start
        first = next((i for i in range(len(word) - 1) if "A" <= word[i] <= "Z"), None)
        if first is None:
            continue
        start = m.start() + first
        title = lang.title_regex.fullmatch(m.group(2))
        if title is not None and not lang.title_regex.match(s, start):
            found.append(_Gloss(start, m.end(), m.group(2)))
    return found


def _tokens(s: str, pos: int, limit: int = 40) -> list[tuple[int, int, str]]:
    # (the first ``limit`` only: all of the sentence's tokens at each title made a long sentence quadratic)
    return [(t.start(), t.end(), t.group()) for t in itertools.islice(_TOKEN.finditer(s, pos), limit)]


def _read_person(text: str, sentence: Sentence, m: re.Match[str], by_start: dict[int, PlaceMention],
                 places: list[PlaceMention], lang: Language, dateline_place: Place | None,
                 context: _Context | None = None) -> PersonMention | None:
    s, base = sentence.text, sentence.start
    if context is None:
        context = _Context(_places_by_end(places), [pm for pm in places if pm.sentence == sentence.index])
    title = m.group()
    key = re.sub(r"\s+", " ", title.lower())
    role = lang.titles.get(key)
    if role is None:
        return None
    # the patterns that end at the title are tried on its last LOOKBACK characters (s[:m.start()] before)
    lookback = _lookback(m.start())
    place_before = _place_ending_at(text, base + m.start(), context.places_by_end, sentence.start)
    if lang.code == "en" and key == "secretary" and _SECRETARY_OF.search(s, lookback, m.start()):
        role = Role.MINISTER
    portfolio_start = _portfolio_start(s, m.start(), context.portfolio_starts) if lang.code == "en" else None
    # name, title of body (apposition before the title)
    appos = _APPOSITION_BEFORE.search(s, lookback, m.start())
    tokens = _tokens(s, m.end())
    if tokens and tokens[0][2] == "." and tokens[0][0] == m.end():
        tokens = tokens[1:]  # an abbreviated title: "Gov. I Made Suardana", "Lt. Gov. X"
    unit_places: list[PlaceMention] = []
    unit_words: list[str] = []
    name_tokens: list[tuple[int, int, str]] = []
    envoy = role in (Role.AMBASSADOR, Role.CONSUL)
    comma_name = _after_comma_name(s, tokens, by_start, base, lang, envoy, lower_ok=not s[m.start()].isupper())
    if place_before is not None and not envoy and comma_name is None:
        # "Iloilo City Mayor Ramon Villanueva": the office is named before the title, the name follows it,
        # even where its words are also place names; "Vice Mayor for Economic Affairs Park Ji-hoon"
        skip = (_portfolio_end(tokens, 0, lang) or 0) if tokens and tokens[0][2].lower() in _PORTFOLIO_LINKS else 0
        unit_words.extend(t[2] for t in tokens[:skip])
        name_tokens = _read_name(tokens[skip:], {}, base, lang, s)
    elif comma_name is not None:
        unit_tokens, name_tokens = comma_name
        for a, _b, w in unit_tokens:
            pm = by_start.get(base + a)
            if pm is not None:
                unit_places.append(pm)
            unit_words.append(w)
    else:
        i = 0
        while i < len(tokens):
            a, b, w = tokens[i]
            pm = by_start.get(base + a)
            if pm is not None and role not in (Role.AMBASSADOR, Role.CONSUL) and (
                    unit_places or place_before is not None or _name_not_place(
                    pm, tokens, by_start, base, lang, s)) and _capitalised_next(tokens, pm.end - base, by_start,
                                                                                 base, lang, s):
                pm = None  # "Davao City Mayor Ramon Villareal", "Mayor Linda Carroway": this starts the name
            if pm is not None:
                unit_places.append(pm)
                unit_words.append(pm.surface)
                i = _skip_to(tokens, pm.end - base)
                continue
            if w == "(":
                j = next((k for k in range(i, min(i + 8, len(tokens))) if tokens[k][2] == ")"), None)
                if j is None:
                    break
                i = j + 1
                continue
            low = w.lower().rstrip(".")
            if role in (Role.AMBASSADOR, Role.CONSUL) and low in _ENVOY_LINKS:
                unit_words.append(w)  # "Konsul Jenderal Filipina di Manado", "Ambassador to Japan"
                i += 1
                continue
            portfolio_end = _portfolio_end(tokens, i, lang) if low in _PORTFOLIO_LINKS else None
            if portfolio_end is not None:
                unit_words.extend(t[2] for t in tokens[i:portfolio_end])  # "Minister for Multicultural Affairs"
                i = portfolio_end
                continue
            nested = lang.title_regex.match(s, a)
            if nested and not name_tokens:
                unit_words.append(nested.group())  # "Asisten Pemerintahan Sekda DKI ...": one office
                i = _skip_to(tokens, nested.end())
                continue
            if low in lang.title_words or (w.isupper() and len(w) > 1 and i < 3 and not name_tokens
                                            and key in lang.head_titles):
                unit_words.append(w)
                i += 1
                continue
            if w[0].isupper() or low in lang.honorifics:
                name_tokens = _read_name(tokens[i:], by_start, base, lang, s)
            break
    if appos and not m.group()[0].isupper() and lang.code == "en" and comma_name is None:
        return _appositive(text, sentence, m, appos, role, context.sentence_places, lang)
    if not name_tokens and appos and lang.code == "en" and key in ("leader", "head", "chairman", "chair",
                                                                      "director", "charge d'affaires",
                                                                      "chargé d'affaires"):
        return _appositive(text, sentence, m, appos, role, context.sentence_places, lang)
    if not name_tokens:
        return None
    org_before = _ORG_BEFORE.search(s, lookback, m.start())  # "UN-Habitat regional"
    if not s[m.start()].isupper() and comma_name is None and place_before is None and not (
            (org_before or lang.code == "en") and len(name_tokens) >= 2):
        return None  # a lower-case title needs a full name after it: "by alderman Marieke Bos"
    name = _clean_name(name_tokens, lang)
    if not name:
        return None
    # "Plt. Wali Kota ...", and in English "Acting Jakarta Governor ...": the prefix may precede the place
    zone_end = m.start() if place_before is None else place_before.start - base
    zones = (_lower_tail(s, m.start()), _lower_tail(s, zone_end))
    acting = any(_prefix_at_end(lang.acting).search(z) for z in zones)
    former = any(_prefix_at_end(lang.former).search(z) for z in zones)
    if not unit_places and place_before is None and lang.code == "en":
        # "Mayor Haryanto Wibisono of Yogyakarta": the office's place after the name
        after_name = re.match(r"\s+of\s+(?:the\s+)?", s[name_tokens[-1][1]:])
        if after_name:
            later = by_start.get(base + name_tokens[-1][1] + after_name.end())
            if later is not None:
                unit_places.append(later)
                unit_words.append(later.surface)
    if role in (Role.AMBASSADOR, Role.CONSUL):
        of_place, of_body = _mission(unit_places, unit_words, place_before, lang)
    else:
        of_place, of_body = _office(role, unit_places, unit_words, place_before, context.sentence_places, sentence,
                                    base + m.start(), dateline_place)
    if role is Role.HEAD_OF_STATE and (of_body or (of_place is not None and of_place.kind is not PlaceKind.COUNTRY)):
        role = Role.OFFICIAL  # "the president of Tawau Municipal Council" heads a council, not a state
    represented = bool(lang.represented.search(s, lookback, m.start()))
    if represented and not unit_places and place_before is None:
        # "Deputy Mayor Irwan Lie signed on behalf of Mayor Lie Mei Hua": the same office's holder
        deputy = [p for p in context.sentence_places
                  if sentence.start <= p.start < base + m.start() and p.title_role is not None]
        if deputy:
            of_place, of_body = deputy[-1].place, None
    start = base + (portfolio_start if portfolio_start is not None and place_before is None else m.start())
    return PersonMention(name, role, sentence.index, start, base + name_tokens[-1][1],
                         base + name_tokens[0][0], of_place, of_body, acting, former, title, represented)


_ENVOY_LINKS = frozenset({"di", "in", "untuk", "to", "at"})
_PORTFOLIO_LINKS = frozenset({"for", "of", "bidang", "urusan"})


def _portfolio_end(tokens, i: int, lang: Language) -> int | None:
    """After "for"/"of"/"bidang", where the portfolio ends and the name begins.

    The portfolio is a run of capitalised words, with "and" and commas inside ("Minister of Land,
    Infrastructure, Transport and Tourism Takashi Yamada"); the name is what follows its last office
    word ("Economic Affairs Park Ji-hoon"), else the run's last two words ("Multicultural Interests
    Paul Kerr"): a name of two words is what the scorer and readers need at least.
    """
    j = i + 1
    last = None
    capitalised: list[int] = []
    while j < len(tokens):
        word = tokens[j][2]
        if word[:1].isupper():
            capitalised.append(j)
            if word.lower() in lang.title_words:
                last = j
        elif word not in (",", "and", "dan", "&") or not (j + 1 < len(tokens) and tokens[j + 1][2][:1].isupper()):
            break
        j += 1
    if last is not None and sum(1 for k in capitalised if k > last) >= 2:
        return last + 1
    if len(capitalised) >= 4:
        return capitalised[-2]
    return None


def _name_not_place(pm: PlaceMention, tokens, by_start, base: int, lang: Language, s: str) -> bool:
    """"Mayor Linda Carroway": a one-word foreign place right after a title, followed by a single
    capitalised word, is a given name (read as a place it would leave a one-word name, which foreign
    officials rarely have; Indonesian officials often do, so Indonesian places keep their reading)."""
    if " " in pm.surface or pm.place.country == "ID" or pm.place.kind is not PlaceKind.CITY:
        return False
    k = _skip_to(tokens, pm.end - base)
    run = 0
    while k < len(tokens) and (tokens[k][2][:1].isupper() or tokens[k][2].lower() in _NAME_PARTICLES) and not (
            lang.title_regex.match(s, tokens[k][0])):
        run += 1  # "Almere Marieke van den Berg": particles belong to the name
        k += 1
    return run == 1


def _capitalised_next(tokens, end: int, by_start, base: int, lang: Language | None = None, s: str = "") -> bool:
    """Is the token after ``end`` a capitalised word that is neither a place nor a title?"""
    k = _skip_to(tokens, end)
    if k >= len(tokens) or not tokens[k][2][:1].isupper() or base + tokens[k][0] in by_start:
        return False
    return not (lang is not None and lang.title_regex.match(s, tokens[k][0]))


def _skip_to(tokens: list[tuple[int, int, str]], end: int) -> int:
    """The index of the first token starting at or after ``end`` (tokens are in text order)."""
    return bisect.bisect_left(tokens, end, key=lambda t: t[0])


def _after_comma_name(s: str, tokens, by_start, base: int, lang: Language, envoy: bool = False,
                      lower_ok: bool = False):
    """"<title> <unit words>, <Name>": the unit runs to the comma, the name follows it."""
    depth = 0
    for i, (a, _b, w) in enumerate(tokens[:18]):
        if w in ("(", ")"):
            depth += 1 if w == "(" else -1
            continue
        if depth > 0:
            continue  # "(walikota)", "(KUAI)": a gloss or an acronym inside the title
        if w == ",":
            following = by_start.get(base + tokens[i + 1][0]) if i + 1 < len(tokens) else None
            if following is not None and following.place.kind in (PlaceKind.COUNTRY, PlaceKind.PROVINCE):
                continue  # "Walikota Hue, Vietnam, Nguyen Van Phuong": a qualifier, the name comes later
            name = _read_name(tokens[i + 1:], by_start, base, lang, s)
            after = next((k + 1 for k, t in enumerate(tokens) if name and t[0] == name[-1][0]), len(tokens))
            nxt = tokens[after][2].lower() if after < len(tokens) else ""
            listed = i + 1 < len(tokens) and tokens[i + 1][2].isupper() and len(tokens[i + 1][2]) <= 6
            if (not name and listed) or (name and (nxt in ("dan", "and", "serta", "&") or (
                    after < len(tokens) and base + tokens[after][0] in by_start))):
                continue  # "Kepala Dinas Koperasi, UKM dan Perindustrian Jepara, Ir. X": a list in the post
            if name and not _clean_name(name, lang):
                continue  # "Minister of Land, Infrastructure, Transport and Tourism X": portfolio words
            return (tokens[:i], name) if name else None
        if i and lang.title_regex.match(s, a) and tokens[i - 1][2].lower() not in ("juga", "also", "sekaligus"):
            return None  # "... dan Duta Besar Turki, Mehmet ...": another person's title begins
        if w in ("(", ")") or w[0].isupper() or w.lower() in _CONNECTORS and w.islower():
            continue
        if envoy and w.lower() in _ENVOY_LINKS:
            continue  # "Konsul Jenderal Filipina di Manado, Maria ..."
        if lower_ok and w.islower() and i < 12:
            continue  # "the head of communication and informatics, Nurhidayah Baso"
        if base + a in by_start:
            continue
        return None
    return None


def _read_name(tokens, by_start, base: int, lang: Language, s: str) -> list[tuple[int, int, str]]:
    """Tokens of a personal name, honorifics skipped; empty if what follows is no name."""
    out: list[tuple[int, int, str]] = []
    depth = 0
    for a, b, w in tokens:
        if not out and (w == "(" or depth):
            depth += {"(": 1, ")": -1}.get(w, 0)
            continue  # "Lt. Gen. (ret.) Baharuddin Siregar"
        bare = w.rstrip(".").lower().replace(".", "")
        if not out and (bare in lang.acting or w.lower() in lang.acting or bare in lang.former):
            return []  # "Plt. Wali Kota ...": the next person's title begins
        if not out and bare in lang.honorifics:
            continue
        if base + a in by_start and not out and not _capitalised_next(tokens, by_start[base + a].end - base,
                                                                      by_start, base, lang, s):
            return []  # a place, not a name
        if w in (",", "(", ")", "/") or not w[0].isalnum():
            break
        if not out and bare in lang.degrees:
            continue
        if w[0].isupper():
            if lang.title_regex.match(s, a) or w.lower() in lang.months or w.lower() in lang.weekdays:
                break
            out.append((a, b, w))
        elif w.lower() in _NAME_PARTICLES and out:
            out.append((a, b, w))
        else:
            break
        if len(out) >= 6:
            break
    while out and (out[-1][2].lower() in _NAME_PARTICLES
                   or out[-1][2].rstrip(".").lower().replace(".", "") in lang.degrees):
        out.pop()
    if len(out) == 1 and out[0][2].isupper() and len(out[0][2]) <= 6:
        return []  # "Konsul Jenderal RDTL": an acronym, not a name
    return out


def _clean_name(tokens: list[tuple[int, int, str]], lang: Language) -> str:
    words = [w for _a, _b, w in tokens]
    while words and words[0].rstrip(".").lower().replace(".", "") in lang.honorifics:
        words.pop(0)
    while words and words[-1].rstrip(".").lower().replace(".", "") in lang.degrees:
        words.pop()
    # a sentence's full stop is no part of the name; an abbreviation's is ("Muh. Fadli Sattar")
    words = [w[:-1] if w.endswith(".") and len(w) > 2 and not is_abbreviation(w) else w for w in words]
    content = [w for w in words if len(w.rstrip(".")) > 1 and w.lower() not in lang.title_words]
    if not content:
        return ""
    return " ".join(words)


def _places_by_end(places: list[PlaceMention]) -> dict[int, list[tuple[int, PlaceMention]]]:
    by_end: dict[int, list[tuple[int, PlaceMention]]] = {}
    for i, pm in enumerate(places):
        by_end.setdefault(pm.end, []).append((i, pm))
    return by_end


def _place_ending_at(text: str, pos: int, places_by_end: dict[int, list[tuple[int, PlaceMention]]],
                     floor: int) -> PlaceMention | None:
    """A place right before a title, in the same sentence: "Bogor Mayor", "Indonesia's Minister".

    The first, in the article's order, of the places that end at most three characters before ``pos``.
    """
    near = sorted((i, pm) for end in range(pos - 3, pos + 1) for i, pm in places_by_end.get(end, ()))
    for _i, pm in near:
        if floor <= pm.start and re.fullmatch(r"(?:['’]s)?\s*", text[pm.end:pos]):
            return pm
    return None


def _mission(unit_places: list[PlaceMention], unit_words: list[str], place_before: PlaceMention | None,
             lang: Language) -> tuple[Place | None, str | None]:
    """An envoy serves the country that sends them: "Duta Besar RI untuk Jepang" is Indonesia's."""
    if place_before is not None:
        return place_before.place, None
    lowered = [w.lower() for w in unit_words]
    cut = next((i for i, w in enumerate(lowered) if w in ("untuk", "to", "for", "di", "in")), len(lowered))
    senders = [pm for pm in unit_places if pm.surface in unit_words[:cut]]
    if senders:
        return senders[0].place, None
    for word in lowered[:cut]:
        if word in lang.own_country:
            from citygraph.extract.gazetteer import Gazetteer

            return Gazetteer.default().country(lang.own_country[word]), None
    return None, None


def _office(role: Role, unit_places: list[PlaceMention], unit_words: list[str],
            place_before: PlaceMention | None, places: list[PlaceMention], sentence: Sentence, title_pos: int,
            dateline_place: Place | None) -> tuple[Place | None, str | None]:
    """The government or body the office belongs to."""
    if unit_places:
        first = unit_places[0]
        words_before = " ".join(unit_words[: unit_words.index(first.surface)]) if first.surface in unit_words else ""
        if _ORG_BEFORE_PLACE.search(words_before):
            org = re.search(r"\b(KBRI|KJRI|Sekber|Kedutaan Besar|Konsulat Jenderal)\b", words_before)
            if org and org.group(1).upper() in ("KBRI", "KJRI"):
                return None, f"{org.group(1)} {first.place.name}"
        return first.place, None
    if place_before is not None:
        return place_before.place, None
    body = " ".join(w for w in unit_words if w not in ("(", ")")).strip()
    if body and any(w[0].isupper() for w in unit_words):
        return None, body
    wanted = ROLE_KIND.get(role)
    if wanted is None:
        return None, None
    if dateline_place is not None and dateline_place.kind is wanted:
        return dateline_place, None
    earlier = [pm for pm in places if pm.sentence == sentence.index and pm.end <= title_pos
               and pm.place.kind is wanted]
    if earlier:
        return earlier[-1].place, None
    return None, None


_BODY_AFTER = re.compile(r"\s+(?:of|at|in)\s+(?:the\s+)?([^,.;]+)")


def _appositive(text: str, sentence: Sentence, m: re.Match[str], appos: re.Match[str], role: Role,
                places: list[PlaceMention], lang: Language) -> PersonMention | None:
    """"Stewart Young, leader of Cumbria County Council": the name comes first."""
    base = sentence.start
    name = appos.group(1).strip()
    if any(pm.start == base + appos.start(1) and pm.end >= base + appos.end(1) for pm in places):
        return None  # "Paris, the capital of ...": a place, not a person
    body_match = _BODY_AFTER.match(sentence.text, m.end())  # (not on a copy of the rest of the sentence)
    body = body_match.group(1).strip() if body_match else None
    of_place = None
    if body:
        inside = [pm for pm in places if base + m.end() <= pm.start < base + m.end() + len(body_match.group(0))]
        if inside and inside[0].surface == body:
            of_place, body = inside[0].place, None
    words = name.split()
    if not 1 <= len(words) <= 5:
        return None
    return PersonMention(name, role, sentence.index, base + appos.start(1), base + m.end(), base + appos.start(1),
                         of_place, body, title=m.group())


def merge_people(mentions: list[PersonMention]) -> list[PersonMention]:
    """Fold "Walikota Matsui" into "Walikota Hiroshima Kazumi Matsui": one person, fullest name."""
    merged: list[PersonMention] = []
    # The first person merged so far whose name's words contain, or are contained in, the mention's: found
    # through every subset of each name's words (a name has a few), not by comparing with each person
    # merged so far (quadratic in an article naming thousands).
    exact: dict[frozenset[str], list[int]] = {}  # a merged person's words -> their indexes
    within: dict[frozenset[str], list[int]] = {}  # every subset of them -> the indexes
    long_names: list[int] = []  # the indexes of names of more words, compared one by one
    for mention in sorted(mentions, key=lambda p: -len(p.name.split())):
        tokens = _name_tokens(mention.name)
        index = None
        if tokens and len(tokens) <= _MAX_NAME_WORDS:
            hits = list(within.get(tokens, ()))
            for subset in _subsets(tokens):
                hits += exact.get(subset, ())
            hits += [i for i in long_names if tokens <= _name_tokens(merged[i].name)]
            index = min(hits, default=None)
        elif tokens:
            index = next((i for i, p in enumerate(merged) if tokens <= _name_tokens(p.name)
                          or _name_tokens(p.name) <= tokens), None)
        if index is None:
            words = _name_tokens(mention.name)
            exact.setdefault(words, []).append(len(merged))
            if len(words) <= _MAX_NAME_WORDS:
                for subset in _subsets(words):
                    within.setdefault(subset, []).append(len(merged))
            else:
                long_names.append(len(merged))
            merged.append(mention)
            continue
        match = merged[index]
        if match.of_place is None and match.of_body is None and (mention.of_place or mention.of_body):
            merged[index] = replace(match, of_place=mention.of_place, of_body=mention.of_body)
    return sorted(merged, key=lambda p: p.start)


#: Names with more words than this are compared one by one in :func:`merge_people` (2^words subsets).
_MAX_NAME_WORDS = 6


def _subsets(words: frozenset[str]) -> list[frozenset[str]]:
    items = sorted(words)
    return [frozenset(c) for r in range(len(items) + 1) for c in itertools.combinations(items, r)]


def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(t.lower() for t in re.findall(r"[\w'’\-]+", name) if len(t) > 1)


def to_person(mention: PersonMention, evidence: Evidence) -> Person:
    return Person(mention.name, mention.role, mention.of_place, mention.of_body, mention.acting, mention.former,
                  mention.title, evidence)


__all__ = ["PersonMention", "find_people", "merge_people", "to_person"]
