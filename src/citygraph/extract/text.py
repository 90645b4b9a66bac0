"""Sentences with their offsets, the dateline, and small span helpers.

Every span is a pair of character offsets into ``Article.text``, so each fact
can point back at the exact sentence it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Abbreviations after which a full stop does not end a sentence (lower case, no dot).
_ABBREVIATIONS = frozenset("""
    dr drs dra ir h hj prof st mr mrs ms jl no kab prov kec kel tgl hlm vol dkk dll dsb
    msi mt se sh mh mm spd ssos skom bpk sdr gen lt col capt cr rev jr sr inc ltd co corp
    approx est dept univ ave vs etc al u s e plt pj plh pjs gov sen rep pres sgt hon rt amb ret purn
    brig maj adm cdr drh pref prov dist jan feb mar apr jun jul aug sep sept oct nov dec
    muh moh moch mochd mohd mhd abd ach dg dt tgk
    """.split())
# (the last line: abbreviated parts of Indonesian and Malay names, "Muh. Fadli", "Moh. Yusuf", "Abd. Rahman",
# "Syamsul Bahri Dg. Nompo" (Daeng), "Syahrial Dt. Bagindo" (Datuk), "Tgk. Ahmad" (Teungku))

#: A run of stops is matched from its first character only, and possessively: tried at every stop of
#: "......" the pattern rescanned the rest of the run each time (quadratic); no match can start inside a
#: run that fails at its start, since it would end at the same place.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)]*+\s+|\n\s*\n|\n(?=\S)")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article; ``title`` marks the headline line of a text file."""

    index: int
    start: int
    end: int
    text: str
    title: bool = False


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets.

    Line breaks always end a sentence (scraped news puts captions and headlines on
    their own lines); full stops do unless they follow an abbreviation, an initial
    ("T. Dzulmi") or sit inside a number ("14.00", "7.000").
    """
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if "." in match.group() and _protected(text, start, match.start(), match.end()):
            continue
        _append(sentences, text, start, match.start() + len(match.group().rstrip()))
        start = end
    _append(sentences, text, start, len(text))
    return _mark_title(sentences, text)


def _protected(text: str, start: int, stop: int, next_pos: int) -> bool:
    """True when the full stop ending ``text[start:stop]`` belongs to an abbreviation or initial."""
    last = last_word(text, stop, start).lower()
    if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
        return True
    following = text[next_pos:next_pos + 1]
    return bool(following) and following.islower()


def is_abbreviation(word: str) -> bool:
    """Is ``word`` (its dot included or not) one whose full stop ends no sentence, as "Muh." or "Dr."?"""
    return word.rstrip(".").lower() in _ABBREVIATIONS


def is_word_char(c: str) -> bool:
    """Does ``c`` match ``\\w`` (Unicode letters, digits, the underscore)?"""
    return c.isalnum() or c == "_"


def last_word(text: str, end: int, start: int = 0, extra: str = "’'") -> str:
    r"""The run of word characters (and ``extra``) ending at ``end``, not reaching before ``start``.

    What ``re.findall(r"[\w’']+$", text[start:end])`` finds, read backwards from ``end``: the regex tries
    every start of the slice, and the slice itself is copied, so asked at each of the many stops of a
    long sentence it is quadratic; this reads only the word. (As ``$`` does, a final line break is skipped.)
    """
    if end > start and text[end - 1] == "\n":
        end -= 1
    i = end
    while i > start and (text[i - 1] in extra or is_word_char(text[i - 1])):
        i -= 1
    return text[i:end]


def word_before(text: str, end: int, start: int = 0, extra: str = "", space: bool = True) -> tuple[int, int] | None:
    """Where ``re.search(r"([\\w<extra>]+)\\s+$", text[start:end])`` finds its word, read backwards.

    The span (in ``text``) of the last word of ``text[start:end]`` when only blanks follow it (at least
    one, unless ``space`` is False: ``\\s*``), else None. Costs the length of the word and the blanks, not
    of everything before them, as the regex on a prefix does.
    """
    i = end
    while i > start and text[i - 1].isspace():
        i -= 1
    if space and i == end:
        return None
    j = i
    while j > start and (text[j - 1] in extra or is_word_char(text[j - 1])):
        j -= 1
    return (j, i) if j < i else None


def char_before(text: str, end: int, start: int = 0) -> str:
    """The last character of ``text[start:end]`` that is not blank ("" if none), read backwards."""
    i = end
    while i > start and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i > start else ""


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    lead = len(raw) - len(raw.lstrip())
    begin = start + lead
    sentences.append(Sentence(len(sentences), begin, begin + len(stripped), stripped))


def _mark_title(sentences: list[Sentence], text: str) -> list[Sentence]:
    """The first line is a headline when it is short, unpunctuated and stands alone."""
    if not sentences:
        return sentences
    first = sentences[0]
    after = text[first.end:first.end + 2]
    if (len(first.text) < 160 and not first.text.endswith((".", "!", "?", "”", '"'))
            and (after.startswith("\n") or first.end == len(text)) and len(sentences) > 1):
        sentences[0] = Sentence(first.index, first.start, first.end, first.text, title=True)
    return sentences


#: "JAKARTA -", "SIDOARJO (suarajatim) -", "KUPANG, kupangnews -", "medcom.id, Bogor:".
_DATELINE = re.compile(
    r"^\s*(?:(?P<caps>[A-Z][A-Z .'’]{2,40}?)(?:\s*\([^)]{1,40}\))?(?:,\s*[\w.\- ]{1,40}?)?\s*[-–—]\s+"
    r"|[\w.\-]{2,30}\.(?:id|com|co\.id|net|org),\s*(?P<mixed>[A-Z][\w .]{1,40}?)\s*[:\-–—]\s+"
    r"|(?P<mixed2>[A-Z][\w ]{1,40}?),\s*[\w.\-]{2,30}\.(?:id|com|co\.id|net|org)\s*[-–—:]\s+)"
)


@dataclass(frozen=True)
class Dateline:
    """The place a story was filed from, and where the dateline ends."""

    place_name: str
    start: int
    end: int


def find_dateline(sentence: Sentence) -> Dateline | None:
    """Read the dateline at the start of a sentence, if any."""
    match = _DATELINE.match(sentence.text)
    if not match:
        return None
    name = (match.group("caps") or match.group("mixed") or match.group("mixed2") or "").strip(" ,")
    if not name:
        return None
    offset = sentence.text.find(name)
    return Dateline(name, sentence.start + offset, sentence.start + match.end())


def is_capitalised(word: str) -> bool:
    """True for "Bogor", "DKI", "C40", "Won-Soon"; False for "di", "kerja"."""
    return bool(word) and (word[0].isupper() or word[0].isdigit())


WORD = re.compile(r"[\w][\w'’\-.]*[\w]|[\w]", re.UNICODE)
