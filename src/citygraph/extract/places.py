"""Place mentions in context: which place is meant, and what part it plays.

The gazetteer finds names; this module decides, from the words around each
name, which candidate is meant (a title before it, a qualifier after it, an
earlier mention of the same name) and whether the place can be a party to an
agreement, or is only a location ("di Moskow"), a qualifier ("Seoul, Korea
Selatan"), part of an organisation's name ("Persib Bandung", "KBRI Tokyo") or
the dateline.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from citygraph.extract.gazetteer import Gazetteer, normalise
from citygraph.extract.lang import Language
from citygraph.extract.text import Dateline, Sentence, is_word_char
from citygraph.model import Place, PlaceKind, Role

_RANK = {PlaceKind.CITY: 1, PlaceKind.REGENCY: 1, PlaceKind.ORGANISATION: 1, PlaceKind.PROVINCE: 2,
         PlaceKind.COUNTRY: 3}

#: The kind of government each role heads, to choose between homonyms.
ROLE_KIND: dict[Role, PlaceKind] = {
    Role.MAYOR: PlaceKind.CITY, Role.DEPUTY_MAYOR: PlaceKind.CITY,
    Role.REGENT: PlaceKind.REGENCY, Role.DEPUTY_REGENT: PlaceKind.REGENCY,
    Role.GOVERNOR: PlaceKind.PROVINCE, Role.DEPUTY_GOVERNOR: PlaceKind.PROVINCE,
    Role.HEAD_OF_STATE: PlaceKind.COUNTRY, Role.AMBASSADOR: PlaceKind.COUNTRY,
}

_GOV_BEFORE = re.compile(
    r"(?:pemerintah(?:an)?(?:\s+republik)?|government\s+of(?:\s+the)?|republik|republic\s+of)\s*$", re.I)
#: "the capital of Central Java province", "ibu kota Provinsi Shandong": a description, not a party.
_CAPITAL_OF = re.compile(
    r"(?:capital\s+of(?:\s+the)?(?:\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?['’]s)?|ibu\s?kota(?:\s+provinsi)?)\s+$", re.I)
_GOV_PREFIX = re.compile(r"(?:pemerintah|pemkot|pemkab|pemprov|pemko|pemda|government)\b", re.I)
_UNKNOWN_PREFIXED = re.compile(
    r"\b(?P<prefix>Pemerintah Kota|Pemerintah Kabupaten|Pemerintah Provinsi|Pemkot|Pemko|Pemkab|Pemprov|"
    r"Kota|Kabupaten|Provinsi|Prefektur)\s+(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})")
_PREFIX_KIND = {
    "pemerintah kota": PlaceKind.CITY, "pemkot": PlaceKind.CITY, "pemko": PlaceKind.CITY, "kota": PlaceKind.CITY,
    "pemerintah kabupaten": PlaceKind.REGENCY, "pemkab": PlaceKind.REGENCY, "kabupaten": PlaceKind.REGENCY,
    "pemerintah provinsi": PlaceKind.PROVINCE, "pemprov": PlaceKind.PROVINCE, "provinsi": PlaceKind.PROVINCE,
    "prefektur": PlaceKind.PROVINCE,
}
_GENERIC_WORDS = frozenset("kota kabupaten provinsi daerah pemerintah the city".split())


@dataclass
class PlaceMention:
    """One mention of a place in the article, resolved, with its part in the sentence."""

    start: int
    end: int
    surface: str
    place: Place
    sentence: int
    candidates: list[Place] = field(default_factory=list)
    qualifier: bool = False  # "Korea Selatan" in "Seoul, Korea Selatan"
    locative: bool = False  # "di Moskow", "in Tokyo"
    organisation: bool = False  # "Persib Bandung", "KBRI Tokyo"
    government: bool = False  # "Pemerintah Kota Seoul", "Government of ..."
    dateline: bool = False
    title_role: Role | None = None  # the title right before it ("Wali Kota Bogor")
    party_position: bool = True  # after a conjunction, "dengan", "with", "the city of", or a sentence start
    title_only: bool = False  # "Kantor Gubernur Sumatera Utara": an office named without its holder

    @property
    def party_eligible(self) -> bool:
        """Can this mention be a party? Countries only when named as a government."""
        if self.qualifier or self.locative or self.organisation or self.dateline or not self.party_position:
            return False
        return self.place.kind is not PlaceKind.COUNTRY or self.government


def find_place_mentions(text: str, sentences: list[Sentence], lang: Language, gazetteer: Gazetteer,
                        dateline: Dateline | None) -> list[PlaceMention]:
    """Find, resolve and classify every place mention of the article."""
    raw = sorted(gazetteer.find_mentions(text), key=lambda m: m.start)
    # "Kota-Kota Warisan Dunia": a reduplicated kind word is a plural ("cities"), not a place
    spans = [(m.start, m.end, m.surface, m.kind_hint, list(m.candidates)) for m in raw
             if m.candidates and not re.fullmatch(r"(\w+)-\1", m.surface, re.IGNORECASE)]
    spans += _unknown_prefixed(text, spans, gazetteer)
    spans += _cued_short_names(text, spans, lang, gazetteer)
    spans.sort(key=lambda s: s[0])
    mentions = _resolve_spans(text, spans, sentences, lang, gazetteer, dateline)
    acronyms = _acronym_spans(text, mentions)
    if acronyms:
        spans = sorted(spans + acronyms, key=lambda s: s[0])
        mentions = _resolve_spans(text, spans, sentences, lang, gazetteer, dateline)
    _mark_qualifiers(text, mentions)
    _resolve_blends(mentions)
    return mentions


#: "Kuching South City Council (MBKS)", "Republik Demokratik Timor Leste (RDTL)".
_ACRONYM_AFTER = re.compile(
    r"^(?:\s+(?:City|Municipal|Town|District|County)\s+Council)?\s*\(\s*([A-Z][A-Za-z]{1,9})\s*\)")


#: Every word that may be a use of an acronym of :data:`_ACRONYM_AFTER`: what
#: ``(?<![\w(])ACRONYM(?![\w)])`` finds for each, found in one pass.
_ACRONYM_USE = re.compile(r"(?<![\w(])[A-Z][A-Za-z]{1,9}(?![\w)])")


class _Overlaps:
    """Which of some fixed spans a span overlaps, in log time: ``not (b <= s or a >= e)`` for any (s, e)."""

    def __init__(self, spans) -> None:
        pairs = sorted((s, e) for s, e, *_ in spans)
        self._starts = [s for s, _e in pairs]
        self._max_end = list(itertools.accumulate((e for _s, e in pairs), max))

    def __call__(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self._starts, b)  # the spans that start before b; does one end after a?
        return k > 0 and self._max_end[k - 1] > a


def _acronym_spans(text: str, mentions: list[PlaceMention]) -> list:
    """Later uses of an acronym a place was introduced with ("... (MBKS)", then "MBKS is twinned ...")."""
    found = []
    # Linear in the text, however many acronyms and uses: the characters already taken are marked (not
    # compared with every span taken), the words that may be acronyms are listed once (not searched
    # for again with each acronym), and an acronym is not looked for again after a later introduction
    # (every use after it was taken, or refused, the first time).
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    uses: dict[str, list[tuple[int, int]]] | None = None
    searched_after: dict[str, int] = {}
    for mention in mentions:
        m = _ACRONYM_AFTER.match(text[mention.end:mention.end + 60])
        if not m:
            continue
        acronym = m.group(1)
        if searched_after.get(acronym, len(text) + 1) <= mention.end:
            continue
        searched_after[acronym] = mention.end
        if uses is None:
            uses = {}
            for use in _ACRONYM_USE.finditer(text):
                uses.setdefault(use.group(), []).append(use.span())
        for a, b in uses.get(acronym, ()):
            if a > mention.end and taken.find(1, a, b) < 0:
                found.append((a, b, acronym, None, [mention.place]))
                taken[a:b] = b"\x01" * (b - a)
    return found


def _resolve_spans(text: str, spans: list, sentences: list[Sentence], lang: Language, gazetteer: Gazetteer,
                   dateline: Dateline | None) -> list[PlaceMention]:
    """Resolve and classify each span (see the module docstring)."""
    mentions: list[PlaceMention] = []
    seen: dict[str, Place] = {}
    sentence_of = _sentence_index(sentences)
    sentence_starts = [s.start for s in sentences]
    for i, (start, end, surface, kind_hint, candidates) in enumerate(spans):
        start, surface, kind_hint = _after_title(text, start, end, surface, kind_hint, lang)
        council = re.match(r"((?:\s+[A-Z][\w'’\-]+){1,2})(?=\s+(?:City|Municipal|Town|District) Council\b)",
                           text[end:end + 60])
        if council and candidates and kind_hint is None:
            # "Kuching South City Council": the council's name is the place's name
            end, surface, candidates = _longer_name(text, start, end, surface, PlaceKind.CITY, candidates, lang,
                                                    gazetteer, run=council.group(1))
        elif candidates and _title_before(text, start, lang) is None and (
                kind_hint is not None or lang.gov_before.search(text[max(0, start - 40):start])):
            end, surface, candidates = _longer_name(text, start, end, surface, kind_hint or candidates[0].kind,
                                                    candidates, lang, gazetteer)
        role = _title_before(text, start, lang) or _title_after(text, end, lang)
        qualifier_place = _qualifier_after(text, end, spans[i + 1:i + 3])  # (not spans[i + 1:]: M * M copies)
        place = _choose(surface, kind_hint, candidates, role, qualifier_place, seen)
        seen.setdefault(normalise(_bare(surface)), place)
        seen.setdefault(normalise(place.name), place)
        mention = PlaceMention(start, end, surface, place, sentence_of(start), candidates, title_role=role)
        mention.government = bool(_GOV_PREFIX.match(surface) or _GOV_BEFORE.search(text[max(0, start - 30):start])
                                  or lang.gov_before.search(text[max(0, start - 40):start])
                                  or lang.gov_after.match(text[end:end + 40]))
        # "the Japanese city of Kisarazu", "Kabupaten Sidoarjo": a kind word names a government
        kind_worded = kind_hint is not None or surface[:1].islower()
        mention.party_position = mention.government or kind_worded or _party_position(text, start, sentences, lang,
                                                                                     sentence_starts)
        mention.dateline = dateline is not None and dateline.start <= start < dateline.end
        mention.locative = _locative_before(text, start, lang) and role is None
        if lang.counterpart_before.search(text, max(0, start - 40), start):
            mention.locative, mention.party_position = False, True  # "his counterpart from Changwon"
        mention.qualifier = bool(_CAPITAL_OF.search(text[max(0, start - 25):start]))
        mention.organisation = role is None and not mention.government and not kind_worded and _organisation_around(
            text, start, end, lang)
        mentions.append(mention)
    return mentions


def _resolve_blends(mentions: list[PlaceMention]) -> None:
    """An unlinked short form made of the first letters of each word of a place named in the same
    article is that place: "Tobasa" for Toba Samosir, "Tangsel" for Tangerang Selatan."""
    # Each distinct place once, its words normalised once: comparing every mention with every other one
    # re-normalised the names M * M times. Equal places give equal answers, so the first of them stands for all.
    named = [(place, words, sum(len(w) for w in words)) for place in dict.fromkeys(m.place for m in mentions)
             if len(place.name.split()) > 1 for words in [normalise(place.name).split()]]
    budget = _BLEND_BUDGET
    answers: dict[tuple[str, str], Place | None] = {}
    for mention in mentions:
        if mention.place.linked:
            continue
        short = normalise(mention.place.name).replace(" ", "")
        asked = (short, mention.place.key)
        if asked not in answers:
            answers[asked] = None
            for place, words, letters in named:
                budget -= 1
                if budget < 0:
                    return  # thousands of distinct unlinked names: no article reads so; stop rather than go quadratic
                if place.key != mention.place.key and _could_blend(short, words, letters) and _is_blend(short, words):
                    answers[asked] = place
                    break
        if answers[asked] is not None:
            mention.place = answers[asked]


#: How many (short form, place) pairs _resolve_blends compares at most: a long article has some
#: dozens of unlinked names and of places; 200 KB of made-up "Kota X Y" names would have 10^8.
_BLEND_BUDGET = 20_000


def _could_blend(short: str, words: list[str], letters: int) -> bool:
    """A cheap necessary condition for :func:`_is_blend`: one letter at least, and at most all (``letters``),
    of each word."""
    if not words:
        return not short
    return short[:1] == words[0][:1] and len(words) <= len(short) <= letters


def _is_blend(short: str, words: list[str]) -> bool:
    """Is ``short`` made of a non-empty prefix of each word, in order?"""
    if not words:
        return not short
    first, rest = words[0], words[1:]
    for k in range(min(len(first), len(short)), 0, -1):
        if short[:k] == first[:k] and _is_blend(short[k:], rest):
            return True
    return False


def _after_title(text: str, start: int, end: int, surface: str, kind_hint: PlaceKind | None, lang: Language
                 ) -> tuple[int, str, PlaceKind | None]:
    """"Wali Kota Bogor": the gazetteer reads "Kota Bogor", but "Kota" belongs to the title."""
    window_start = max(0, start - 20)
    for m in lang.title_regex.finditer(text, window_start, end):
        if m.start() < start < m.end():
            new_start = m.end() + len(text[m.end():end]) - len(text[m.end():end].lstrip())
            if new_start < end:
                return new_start, text[new_start:end], None
    return start, surface, kind_hint


def _longer_name(text: str, start: int, end: int, surface: str, kind: PlaceKind, candidates: list[Place],
                 lang: Language, gazetteer: Gazetteer, run: str | None = None) -> tuple[int, str, list[Place]]:
    """"Kabupaten Toba Samosir": after a kind word the name runs on past the part the gazetteer knows.

    The longer name is looked up again; a name the gazetteer does not know
    becomes an unlinked place rather than being cut to a shorter, wrong one.
    """
    match = re.match(re.escape(run) if run else r"(\s+[A-Z][\w'’\-]+){1,2}", text[end:end + 40])
    if not match:
        return end, surface, candidates
    words = match.group().split()
    for word in words:
        low = word.lower()
        if (low in lang.title_words or low in lang.stop_words or lang.title_regex.fullmatch(word)
                or low in lang.months or low in lang.weekdays or low in lang.sentence_openers):
            return end, surface, candidates
    longer = surface + match.group()
    found = [p for p in gazetteer.lookup(longer) if p.kind is kind]
    if found:
        return end + match.end(), longer, found
    rank = _RANK.get(kind, 0)
    for mention in gazetteer.find_mentions(match.group().strip()):
        if any(_RANK.get(c.kind, 0) > rank for c in mention.candidates):
            return end, surface, candidates  # "Kota Bandung Jawa Barat": a place and its province
    bare = " ".join((_bare(surface) + match.group()).split())
    return end + match.end(), longer, [gazetteer.unlinked(bare, kind, candidates[0].country)]


def _sentence_index(sentences: list[Sentence]):
    starts = [s.start for s in sentences]

    def index(pos: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    return index


def _bare(surface: str) -> str:
    words = surface.split()
    while len(words) > 1 and words[0].lower() in _GENERIC_WORDS | {"pemkot", "pemkab", "pemprov", "pemko"}:
        words = words[1:]
    return " ".join(words)


def _cued_short_names(text: str, known: list, lang: Language, gazetteer: Gazetteer) -> list:
    """Names too short to trust alone ("Hue", "Lae") when the context says they are places.

    The gazetteer only accepts a bare three-letter name with a kind word; a title of office
    before it ("Walikota Hue", "Mayor of Lae") or its country right after it ("Lae in Papua New
    Guinea", "Hue, Vietnam") is as good a cue.
    """
    # (spans compared through an index, not one by one: thousands of names made this quadratic)
    overlaps_known = _Overlaps(known)
    by_start: dict[int, list] = {}
    for span in known:
        by_start.setdefault(span[0], []).append(span)
    found = []
    found_end = -1  # what this finds comes in text order: a new word overlaps one only if it ends after it

    for m in re.finditer(r"\b([A-Z][a-zà-ỹ]{2})\b", text):
        a, b = m.span(1)
        if overlaps_known(a, b) or found_end > a:
            continue
        before = text[max(0, a - 40):a]
        titled = (re.search(rf"(?:{lang.title_regex.pattern})\s+(?:of\s+)?$", before, re.IGNORECASE)
                  or lang.title_regex.match(text, b + 1))  # "Walikota Hue", "Mayor of Lae", "Lae Mayor"
        after = re.match(r"(?:,\s*|\s+in\s+(?:the\s+)?)", text[b:b + 12])
        country = None
        if after:
            start_next = b + after.end()
            country = next((c for _s, _e, _surf, _k, cands in by_start.get(start_next, ()) if cands
                            for c in cands[:1] if c.kind in (PlaceKind.COUNTRY, PlaceKind.PROVINCE)), None)
        if not titled and country is None:
            continue
        code = country.country if country is not None else None
        candidates = [p for p in gazetteer.lookup(m.group(1)) if p.kind is PlaceKind.CITY
                      and (code is None or p.country == code)]
        if candidates:
            found.append((a, b, m.group(1), None, candidates))
            found_end = b
    return found


def _unknown_prefixed(text: str, known: list, gazetteer: Gazetteer) -> list:
    """"Kota X" / "Provinsi X" with X unknown to the gazetteer still names a place (unlinked)."""
    found = []
    overlaps_known = _Overlaps(known)  # (not compared with each known span: quadratic)
    for m in _UNKNOWN_PREFIXED.finditer(text):
        a, b = m.start(), m.end()
        before = re.search(r"(\S+)\s+$", text[max(0, a - 30):a])
        if before and before.group(1)[0].isupper() and not _GOV_PREFIX.match(before.group(1)):
            continue  # "Kebijakan Kota Menuju ...": inside a longer name
        if a and (text[a - 1].isalpha() or text[a - 1] == "-"):
            continue  # "Kota-Kota Warisan Dunia": "cities of", a plural, not a city's name
        if m.group("name").split()[0].lower() in ("menuju", "dan", "yang", "di", "the"):
            continue
        if overlaps_known(a, b):
            continue
        kind = _PREFIX_KIND[re.sub(r"\s+", " ", m.group("prefix").lower())]
        name = m.group("name")
        place = gazetteer.unlinked(name, kind, "ID" if m.group("prefix") != "Prefektur" else None)
        found.append((a, b, m.group(), kind, [place]))
    return found


def _title_before(text: str, start: int, lang: Language) -> Role | None:
    """The role of a title that ends right before the mention ("Wali Kota Bogor")."""
    before = text[max(0, start - 60):start]
    best: Role | None = None
    for m in lang.title_regex.finditer(before):
        gap = before[m.end():]
        words = re.findall(r"[\w\-]+", gap)
        if all(w.lower() in lang.title_words for w in words) and not re.search(r"[,.;:()]", gap):
            best = lang.titles.get(re.sub(r"\s+", " ", m.group().lower()))
    return best


def _title_after(text: str, end: int, lang: Language) -> Role | None:
    """English puts the place first: "Bogor Regent ...", "Kyoto Governor ..."."""
    m = re.match(r"(?:['’]s)?\s+", text[end:end + 4])
    if not m:
        return None
    title = lang.title_regex.match(text, end + m.end())
    return lang.titles.get(re.sub(r"\s+", " ", title.group().lower())) if title else None


#: (The blanks are taken possessively: none of what follows them is a blank, and two greedy runs of
#: blanks side by side split a long gap of blanks every way, quadratic in its length.)
_QUALIFIER_GAP = re.compile(
    r"\s*+(?:\([^()]{1,20}\))?\s*+(?:,|\bin\b|\bdi\b)\s*+(?:(?:in\s+)?the\s+)?(?:[A-Z][\w\-]*\s+)?"
    r"(?:(?:state|province|prefecture|region|county|negara bagian|provinsi)\s+of\s+)?")


def _qualifier_after(text: str, end: int, following: list) -> Place | None:
    """A higher-level place right after (", Jepang", " in Chiba Prefecture", " (DBKK), Sabah")."""
    for start, _e, _s, _k, candidates in following[:2]:
        gap = text[end:start]
        if _QUALIFIER_GAP.fullmatch(gap):
            return candidates[0] if candidates else None
        break
    return None


def _choose(surface: str, kind_hint: PlaceKind | None, candidates: list[Place], role: Role | None,
            qualifier: Place | None, seen: dict[str, Place]) -> Place:
    """Pick the candidate the context points to; the gazetteer's order breaks ties."""
    pool = list(candidates)
    if kind_hint is not None:
        pool = [c for c in pool if c.kind is kind_hint] or pool
    wanted = ROLE_KIND.get(role) if role else None
    if wanted is not None and kind_hint is None:
        pool = [c for c in pool if c.kind is wanted] or pool
    if qualifier is not None and _RANK.get(qualifier.kind, 0) > 1:
        country = qualifier.country or (qualifier.key[4:6] if qualifier.key.startswith("ISO-") else None)
        narrowed = [c for c in pool if c.country == country and c.key != qualifier.key]
        pool = narrowed or pool
    previous = seen.get(normalise(_bare(surface)))
    if previous is not None and kind_hint is None and wanted is None and previous in candidates:
        return previous
    return pool[0]


def _venue_before_comma(before: str, lang: Language) -> bool:
    """Does ``before`` end with "<locative> <a venue's name>," ("at Grand City Convention Center,")?"""
    clause = re.split(r"[.;:()]", before)[-1]
    tail = clause.rstrip()[:-1] if clause.rstrip().endswith(",") else clause
    words = re.findall(r"[\w'’\-]+", tail)[-8:]
    for i, word in enumerate(words):
        if lang.locative.fullmatch(word):
            venue = " ".join(words[i + 1:]).lower()
            return any(re.search(rf"\b{re.escape(v)}\b", venue) for v in lang.venue_words)
    return False


def _is_word_or_apostrophe(c: str) -> bool:
    return c in "'’" or is_word_char(c)


def _party_position(text: str, start: int, sentences: list[Sentence], lang: Language,
                    starts: list[int] | None = None) -> bool:
    """Is the word before the mention one after which a government can be a party?

    Conjunctions, "dengan"/"with", list intros, kind words and the sentence start
    qualify; a content word does not: in "penyeberangan Ketapang-Gilimanuk" or
    "on the edge of Jakarta" the place only describes something else.
    """
    # Read backwards from the mention, as far as the two words before it: the sentence's text before
    # it, copied and searched at each mention, made a long sentence quadratic.
    at = bisect.bisect_right(starts, start) if starts is not None else None
    sentence_start = (starts[at - 1] if at else 0) if starts is not None else max(
        (s.start for s in sentences if s.start <= start), default=0)
    end = start
    while end > sentence_start and text[end - 1].isspace():
        end -= 1
    if end == sentence_start:
        return True
    if text[end - 1] in ",()-–—:;\"“”'/&":
        return True
    if text[end - 2:end] in ("'s", "’s") and end - 2 >= sentence_start:
        i = end - 2  # "Japan's Okinawa Prefecture": [A-Z][\w\-]*['’]s at the end
        while i > sentence_start and (text[i - 1] == "-" or is_word_char(text[i - 1])):
            i -= 1
            if "A" <= text[i] <= "Z":
                return True
    # the last two words: where the second to last begins (or the sentence does), then as before
    from_ = end
    for _ in range(2):
        while from_ > sentence_start and not _is_word_or_apostrophe(text[from_ - 1]):
            from_ -= 1
        while from_ > sentence_start and _is_word_or_apostrophe(text[from_ - 1]):
            from_ -= 1
    words = re.findall(r"[\w'’]+", text[from_:end].lower())
    if not words:
        return True
    last = words[-1]
    if last == "of":
        return len(words) > 1 and words[-2] in lang.of_heads
    if last in lang.agent_before:  # "was signed by Darwin and Ambon"
        return len(words) > 1 and bool(lang.signing.fullmatch(words[-2]) or lang.renewed.fullmatch(words[-2]))
    # "... menjelaskan DIY juga memiliki ...", "said that Bandung ...": reported speech starts a clause
    return last in lang.party_before or bool(lang.speech.fullmatch(last)) or last in ("bahwa", "that")


def _locative_before(text: str, start: int, lang: Language) -> bool:
    """Is the mention the place where something happens ("di Moskow", "di Balai Kota Jinan")?"""
    before = text[max(0, start - 80):start]
    words = re.findall(r"[\w'’\-]+|[,.;:()]", before)
    skipped = 0
    for word in reversed(words):
        if lang.locative.fullmatch(word):
            return True
        if word == ",":
            return _venue_before_comma(before, lang)  # "di Auditorium Gubernuran, Padang": the venue's city
        if word.lower() in lang.locative_skip:
            continue  # "in the City of Darwin"
        if word[0].isupper() and skipped < 6 and word.lower() not in lang.title_words:
            skipped += 1  # venue words: "di Balai Kota", "at Darwin's Civic"
            continue
        if word.lower() in lang.venue_words:
            skipped += 1
            continue
        return False
    return False


def _starts_sentence(text: str, pos: int) -> bool:
    """``re.search(r"(?:^|[.!?\\n]\\s*|[“\\"]\\s*)$", text[:pos])``, read backwards from ``pos``.

    The regex on the article's whole text before each mention made the article quadratic.
    """
    i, newline = pos, False
    while i > 0 and text[i - 1].isspace():
        i -= 1
        newline = newline or text[i] == "\n"
    return pos == 0 or newline or (i > 0 and text[i - 1] in '.!?“"')


def _organisation_around(text: str, start: int, end: int, lang: Language) -> bool:
    """Part of an organisation's name: a capitalised non-title word right before or after."""
    before = re.search(r"([\w'’\-]+)\s+$", text[max(0, start - 40):start])
    if before and not lang.gov_before.search(text[max(0, start - 40):start]):
        word = before.group(1)
        sentence_start = _starts_sentence(text, before.start() + max(0, start - 40))
        if (word[0].isupper() and word.lower() not in lang.sentence_openers and not re.search(r"['’]s?$", word)
                and not lang.title_regex.fullmatch(word) and word.lower() not in lang.title_words
                and not sentence_start and not word.isdigit()):
            return True
    after = re.match(r"\s+([A-Z][\w'’\-]+)", text[end:end + 40])
    if after and not lang.gov_after.match(text[end:end + 40]):
        word = after.group(1)
        if (not lang.title_regex.fullmatch(word) and word.lower() not in lang.title_words
                and word.lower() not in lang.stop_words and word.lower() not in ("dan", "and", "serta")):
            return True
    return False


#: ", the capital of the Indonesian province of", ", a fast-growing satellite city of": an apposition
#: describing the place before it; places inside it only describe.
_APPOSITION = re.compile(r"\s*,\s+(?:the|a|an|sebuah|yang)\s[^,.;:()\"“”]*$", re.I)
#: "The East Java city of Malang", "the far north Queensland city of Cairns": a region used as an adjective.
_REGION_BEFORE_KIND = re.compile(r"^\s+(?:city|town|regency|municipality|port city|island city)\s+of\b", re.I)


def _mark_qualifiers(text: str, mentions: list[PlaceMention]) -> None:
    """"Seoul, Korea Selatan": the higher-level place right after another only qualifies it."""
    for mention in mentions:
        after = text[mention.end:mention.end + 30]
        if _REGION_BEFORE_KIND.match(after) or (re.search(r"\s(?:city|town|regency)$", mention.surface)
                                                and re.match(r"\s+of\b", after)):
            mention.qualifier = True  # "The East Java city of Malang"
    for previous, mention in zip(mentions, mentions[1:], strict=False):
        gap = text[previous.end:mention.start]
        if _APPOSITION.fullmatch(gap) and not mention.government:
            mention.qualifier = True  # "Depok, a fast-growing satellite city of Jakarta"
            continue
        if not _QUALIFIER_GAP.fullmatch(gap):
            continue
        if _RANK.get(mention.place.kind, 0) > _RANK.get(previous.place.kind, 0) and not mention.government:
            mention.qualifier = True
        elif previous.qualifier and mention.place.kind is PlaceKind.COUNTRY:
            mention.qualifier = True  # "Hamamatsu, Prefektur Shizuoka, Jepang"
