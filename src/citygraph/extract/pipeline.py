"""Article -> Extraction: sentences, mentions, relation assembly.

The steps, each in its own module: sentences and dateline (``text``), place
mentions resolved in context (``places`` over ``gazetteer``), officials
(``people``), events (``forums``), dates (``dates``), domains (``domains``),
then agreements (``agreements``). Everything is a pure function of the article,
so re-extracting gives the same result.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace

from citygraph.defaults import MAX_ARTICLE_CHARS
from citygraph.extract import lang as languages
from citygraph.extract.agreements import SentenceFacts, assemble, read_sentence
from citygraph.extract.dates import find_dates
from citygraph.extract.domains import find_domains
from citygraph.extract.forums import ForumMention, find_forums
from citygraph.extract.gazetteer import Gazetteer
from citygraph.extract.people import PersonMention, find_people, merge_people, to_person
from citygraph.extract.places import PlaceMention, find_place_mentions
from citygraph.extract.text import Sentence, char_before, find_dateline, split_sentences, word_before
from citygraph.model import Agreement, Article, Evidence, Extraction, Forum, Place


def extract(article: Article, *, gazetteer: Gazetteer | None = None) -> Extraction:
    """Read one article into an :class:`Extraction` (places, people, forums, agreements)."""
    gazetteer = gazetteer or Gazetteer.default()
    text = article.text[:MAX_ARTICLE_CHARS]
    code = article.lang if article.lang in languages.available() else languages.detect(text)
    lang = languages.load(code)
    domain_langs = [lang] + [languages.load(c) for c in languages.available() if c != code]
    sentences = split_sentences(text)
    body_start = next((s for s in sentences if not s.title), None)
    dateline = find_dateline(body_start) if body_start else None
    places = find_place_mentions(text, sentences, lang, gazetteer, dateline)
    dateline_place = next((pm.place for pm in places if pm.dateline), None)
    found_people = find_people(text, sentences, places, lang, dateline_place)
    in_name = _Within((p.name_start, p.end) for p in found_people)
    name_words = {w for p in found_people for w in p.name.split() if len(w) > 2}
    places = [pm for pm in places
              if not in_name(pm.start)  # "Mayor Ramon Villareal"
              and not (pm.surface in name_words and not pm.government)]  # later "Rizal said ..."
    people = merge_people(found_people)
    offices = {(p.sentence, p.of_place.key) for p in found_people if p.of_place is not None}
    for pm in places:
        if pm.title_role is not None and (pm.sentence, pm.place.key) not in offices:
            pm.title_only = True  # "di Kantor Gubernur Sumatera Utara": the office, no holder named
    # Indonesian news names events in English too ("Border Liaison Meeting"): both languages' heads
    forum_lang = replace(lang, forum_heads=frozenset().union(*(lg.forum_heads for lg in domain_langs)),
                         venue_words=tuple(dict.fromkeys(w for lg in domain_langs for w in lg.venue_words)))
    forums = find_forums(sentences, places, forum_lang)

    facts: list[SentenceFacts] = []
    places_by_sentence: dict[int, list[PlaceMention]] = {}  # (not every place at every sentence: quadratic)
    for pm in places:
        places_by_sentence.setdefault(pm.sentence, []).append(pm)
    people_by_sentence = _people_by_sentence(people, sentences, text)
    forums_by_sentence = _forums_by_sentence(forums, sentences, text)
    for sentence in sentences:
        in_sentence = places_by_sentence.get(sentence.index, [])
        people_here = people_by_sentence[sentence.index]
        forums_here = forums_by_sentence[sentence.index]
        masked = _name_spans(sentence, people_here, forums_here, in_sentence)
        dates = find_dates(sentence.text, lang)
        domains = find_domains(sentence.text, domain_langs, masked)
        sentence_facts = read_sentence(sentence, in_sentence, people_here, forums_here, dates, domains, lang)
        sentence_facts.continues_paragraph = bool(facts) and "\n" not in text[facts[-1].sentence.end:sentence.start]
        facts.append(sentence_facts)
    drafts = assemble(facts, article.published)

    def evidence(index: int) -> Evidence:
        s = sentences[index]
        return Evidence(s.text, s.start, s.end)

    forum_records = {id(f): Forum(f.name, f.city, f.acronym, evidence(f.sentence)) for f in forums}
    person_records = {id(p): to_person(p, evidence(p.sentence)) for p in people}
    agreements = [
        Agreement(
            parties=d.parties, instrument=d.instrument, sister_city=d.sister, status=d.status, date=d.date,
            forum=forum_records.get(id(d.forum)) if d.forum else None, domains=sorted(d.domains),
            signatories=[person_records[id(p)] if id(p) in person_records else to_person(p, evidence(p.sentence))
                         for p in d.signatories],
            evidence=[evidence(i) for i in sorted(d.sentences)],
        )
        for d in drafts
    ]
    return Extraction(
        article=article,
        lang=code,
        places=_unique_places(places),
        people=list(person_records.values()),
        forums=list(forum_records.values()),
        agreements=agreements,
    )


class _Within:
    """Is a position inside one of some spans (``a <= pos < b``)? In log time: an article names thousands of
    people at most, but checking every place against every name was quadratic."""

    def __init__(self, spans) -> None:
        pairs = sorted(spans)
        self._starts = [a for a, _b in pairs]
        self._max_end = list(itertools.accumulate((b for _a, b in pairs), max))

    def __call__(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos)  # the spans starting at or before pos: does one end after?
        return k > 0 and self._max_end[k - 1] > pos


def _people_by_sentence(people: list[PersonMention], sentences: list[Sentence], text: str) -> list[list]:
    """The people each sentence names: whose mention is in it, or who are named again in it, by their
    full name or by their surname alone (:func:`_bare_mention`), in the order of ``people``.

    Asking each sentence about each person went through the article once per person and sentence:
    quadratic when both are many. Here each person's name is searched for in the text once, and the
    words that may be a surname are listed once. (A sentence's text is ``text[start:end]`` and the
    characters around it are blanks, so a name, or a word, found in the text is found in the sentence.)
    """
    out: list[list] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    words: dict[str, list[int]] | None = None
    surnames: dict[str, dict[int, int]] = {}

    def sentence_at(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        return k if k >= 0 and pos < sentences[k].end else None

    for person in people:
        found: dict[int, object] = {}
        own = sentence_at(person.start)
        if own is not None:
            found[own] = person
        surname = person.name.split()[-1]
        skip = {own, person.sentence}
        at = text.find(person.name)
        while at >= 0:
            k = sentence_at(at)
            if k is not None and k not in found and k not in skip and at + len(person.name) <= sentences[k].end:
                found[k] = at - sentences[k].start + len(person.name) - len(surname)
            at = text.find(person.name, at + 1)
        if len(surname) > 3:
            if surname not in surnames:
                if _SURNAME_WORD.fullmatch(surname):
                    if words is None:
                        words = {}
                        for m in _SURNAME_WORD.finditer(text):
                            words.setdefault(m.group(), []).append(m.start())
                    surnames[surname] = _bare_mentions(text, sentences, sentence_at, words.get(surname, ()))
                else:  # a surname with a dot: the sentences one by one, as before
                    surnames[surname] = {s.index: at for s in sentences
                                         if (at := _bare_mention(s.text, surname)) is not None}
            for k, offset in surnames[surname].items():
                if k not in found and k not in skip:
                    found[k] = offset
        for k in sorted(found):
            item = found[k]
            if isinstance(item, int):
                s = sentences[k]
                item = replace(person, start=s.start + item, end=s.start + item + len(surname),
                               name_start=s.start + item)
            out[k].append(item)
    return out


#: What ``(?<![\w'’-])SURNAME(?![\w'’-])`` finds, when a surname is made of such characters: a whole word.
_SURNAME_WORD = re.compile(r"[\w'’-]+")


def _bare_mentions(text: str, sentences: list[Sentence], sentence_at, positions) -> dict[int, int]:
    """:func:`_bare_mention` in every sentence, given where the surname stands as a word in the text."""
    found: dict[int, int] = {}
    for at in positions:
        k = sentence_at(at)
        if k is None or k in found:
            continue
        s = sentences[k]
        before = word_before(text, at, s.start, extra="'’-")
        if before and text[before[0]].isupper() and char_before(text, before[0], s.start) not in tuple('.!?"“:'):
            continue
        found[k] = at - s.start
    return found


def _forums_by_sentence(forums: list[ForumMention], sentences: list[Sentence], text: str) -> list[list]:
    """The forums each sentence mentions: where each was found, and any sentence holding one of its names
    (each name searched for in the text once, not in each sentence)."""
    out: list[list] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for forum in forums:
        hit = {forum.sentence}
        names = [forum.name, *(a for a in forum.aliases)] + ([forum.acronym] if forum.acronym else [])
        for name in names:
            if not name:
                continue
            at = text.find(name)
            while at >= 0:
                k = bisect.bisect_right(starts, at) - 1
                if k >= 0 and at + len(name) <= sentences[k].end:
                    hit.add(k)
                at = text.find(name, at + 1)
        for k in sorted(hit):
            if 0 <= k < len(sentences):
                out[k].append(forum)
    return out


def _bare_mention(text: str, surname: str) -> int | None:
    """Where a known person is named again by surname alone ("kata Risma", "Bima said"), if anywhere.

    Not inside a longer name: "Aula Raja Inal Siregar" is a hall, not Mr Siregar.
    """
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", text):
        # the word before, and the character before it, read backwards: regexes anchored at the end of
        # text[:m.start()] cost the whole prefix at each mention (quadratic in a long sentence)
        before = word_before(text, m.start(), extra="'’-")
        if before and text[before[0]].isupper() and char_before(text, before[0]) not in tuple('.!?"“:'):
            continue
        return m.start()
    return None


def _name_spans(sentence: Sentence, people, forums, places: list[PlaceMention]) -> list[tuple[int, int]]:
    """Spans of names in the sentence, masked before looking for domain cues."""
    base = sentence.start
    spans = []
    for p in people:
        if sentence.start <= p.start < sentence.end:
            spans.append((p.start - base, p.end - base))
    for f in forums:
        for name in [f.name, *f.aliases]:
            at = sentence.text.find(name)
            if at >= 0:
                spans.append((at, at + len(name)))
    return spans


def _unique_places(mentions: list[PlaceMention]) -> list[Place]:
    seen: dict[str, Place] = {}
    for pm in mentions:
        seen.setdefault(pm.place.key, pm.place)
    return list(seen.values())


__all__ = ["extract"]
