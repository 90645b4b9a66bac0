"""Forums, summits and conferences: capitalised names around an event head word.

"Indonesia Smart City Forum (ISFC)", "Forum Internasional Kebijakan Kota ...",
"sidang ketiga Komite Persiapan Habitat III (PrepCom3)", "konferensi Habitat
III", "the C40 Mayors Summit". The head word may end the name (English) or
start it (Indonesian); a lower-case head before a capitalised name
("konferensi Habitat III") names the event too. Venues ("Convention Center")
are not events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citygraph.extract.lang import Language
from citygraph.extract.places import PlaceMention
from citygraph.extract.text import Sentence, word_before
from citygraph.model import Place, PlaceKind

_WORD = re.compile(r"\(\s*[\w\-]+\s*\)|[\w][\w'’\-]*")
#: Lower-case words that may sit inside an event's name; "in"/"di" never do: what follows is its city.
_LINKS = frozenset({"for", "on", "of", "the", "and", "dan", "untuk", "tentang", "menuju", "de"})


@dataclass
class ForumMention:
    name: str
    start: int
    end: int
    sentence: int
    acronym: str | None = None
    city: Place | None = None
    aliases: tuple[str, ...] = ()


def find_forums(sentences: list[Sentence], places: list[PlaceMention], lang: Language) -> list[ForumMention]:
    """Every named event in the article, merged by name or acronym."""
    found: list[ForumMention] = []
    dates = frozenset(lang.weekdays) | frozenset(lang.months)
    by_sentence: dict[int, list[PlaceMention]] = {}  # (each event looked through every place: quadratic)
    for pm in places:
        by_sentence.setdefault(pm.sentence, []).append(pm)
    for sentence in sentences:
        previous: ForumMention | None = None
        for run in _capitalised_runs(sentence.text, dates):
            forum = _as_forum(run, sentence, lang)
            if forum is None:
                continue
            forum.city = _forum_city(forum, by_sentence.get(sentence.index, []), sentence)
            gap = sentence.text[previous.end - sentence.start:forum.start - sentence.start] if previous else ""
            if previous is not None and gap.strip() == "(":
                previous.aliases += (forum.name,)  # a translation in brackets: one event
                continue
            _add(found, forum)
            previous = forum
    return found


def _capitalised_runs(s: str, dates: frozenset[str] = frozenset()) -> list[tuple[int, int, list[tuple[int, int, str]]]]:
    """Maximal runs of capitalised words, allowing linking words and "(ACRONYM)" inside."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(s)]
    runs = []
    i = 0
    while i < len(words):
        if not _cap(words[i][2]):
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            nxt = words[j + 1][2]
            gap = s[words[j][1]:words[j + 1][0]]
            if gap.strip() not in ("", "-"):
                break
            if _cap(nxt) or nxt.startswith("("):
                j += 1
            elif (nxt.lower() in _LINKS and j + 2 < len(words) and _cap(words[j + 2][2])
                  and words[j + 2][2].lower() not in dates):
                j += 1
            else:
                break
        runs.append((words[i][0], words[j][1], words[i:j + 1]))
        i = j + 1
    return runs


def _cap(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and any(c.isalpha() for c in word)))


def _as_forum(run, sentence: Sentence, lang: Language) -> ForumMention | None:
    start, end, words = run
    s = sentence.text
    plain = [w for _a, _b, w in words if not w.startswith("(")]
    lowered = [w.lower() for w in plain]
    heads = [i for i, w in enumerate(lowered) if w in lang.forum_heads]
    intro = word_before(s, start)  # the word before the run (not re.search(r"(\w+)\s+$", s[:start]): quadratic)
    intro_word = s[intro[0]:intro[1]].lower() if intro else ""
    if not heads and intro_word not in lang.forum_intro:
        return None
    text = s[start:end]
    dateline = re.match(r"[A-Z][A-Z .']{2,}\s+[-–—]\s+", text)
    if dateline:  # "SURABAYA - Forum ...": the dateline is not part of the name
        start += dateline.end()
        text = s[start:end]
        words = [w for w in words if w[0] >= start]
        plain = [w for _a, _b, w in words if not w.startswith("(")]
        heads = [i for i, w in enumerate(w.lower() for w in plain) if w in lang.forum_heads]
    ordinal = re.match(r"\d+(?:st|nd|rd|th|\.)?\s+|ke-\d+\s+", text)
    if ordinal:  # "the 14th Chief Ministers and Governors' Forum" is that forum
        start += ordinal.end()
        text = s[start:end]
    if any(v in text.lower() for v in lang.venue_words):
        return None
    acronym = None
    paren = re.search(r"\(\s*([\w\-]+)\s*\)", text)
    if paren:
        acronym = paren.group(1)
        head_before = word_before(text, paren.start(), space=False)
        if head_before and text[head_before[0]:head_before[1]].lower() in lang.forum_heads or paren.end() == len(text):
            end = start + paren.start()  # "Joint Border Committee (JBC) RI - RDTL": the name ends at its acronym
            text = text[:paren.start()].strip()
    # trailing "(ACRONYM)" right after the run
    after = re.match(r"\s*\(\s*([A-Za-z0-9\-]{2,15})\s*\)", s[end:])
    if after and acronym is None:
        acronym = after.group(1)
    if len(text.split()) < 2 and not heads:
        return None
    if heads and len(plain) == 1:
        return None  # "Forum" alone
    if heads and heads[0] == 0 and len(plain) == 2 and plain[1].isupper() and acronym is None:
        acronym = plain[1]  # "ISFC Forum" handled by the acronym merge
    caps = [w for w in plain if w.isupper() and len(w) > 1 and w.lower() not in lang.forum_heads]
    if acronym is None and caps and len(caps) == 1 and len(plain) <= 3:
        acronym = caps[0]  # "ISFC Forum", "Kegiatan ISFC Forum": the acronym names the event
    aliases = ()
    if intro_word in lang.forum_intro and not heads:
        aliases = (f"{s[intro[0]:intro[1]]} {text}",)
    return ForumMention(text, sentence.start + start, sentence.start + end, sentence.index, acronym, None, aliases)


def _forum_city(forum: ForumMention, places: list[PlaceMention], sentence: Sentence) -> Place | None:
    """The city where the event took place: the first city after it, else one "in/di" before it."""
    in_sentence = [pm for pm in places if pm.sentence == sentence.index and pm.place.kind is PlaceKind.CITY]
    after = [pm for pm in in_sentence if pm.start >= forum.end]
    if after:
        return after[0].place
    before = [pm for pm in in_sentence if pm.end <= forum.start and pm.locative]
    return before[-1].place if before else None


def _add(found: list[ForumMention], forum: ForumMention) -> None:
    for other in found:
        same_acronym = forum.acronym and forum.acronym in (other.acronym, other.name.split()[0])
        a, b = forum.name.lower(), other.name.lower()
        prefix = a.startswith(b + " ") or b.startswith(a + " ")  # a headline shortens the name
        if a == b or same_acronym or prefix or (
                other.acronym and forum.name.split()[0] == other.acronym):
            if len(forum.name) > len(other.name) and (not same_acronym or prefix):
                other.name = forum.name
            other.acronym = other.acronym or forum.acronym
            other.city = other.city or forum.city
            return
    if len(found) < MAX_FORUMS:
        found.append(forum)


#: At most this many events are read from one article: each event found is compared with every one
#: before it, so thousands (made-up input) made the article quadratic. A news article names a few.
MAX_FORUMS = 100
