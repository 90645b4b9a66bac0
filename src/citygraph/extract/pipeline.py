"""Article -> Extraction: sentences, mentions, relation assembly.

The steps, each in its own module: sentences and dateline (``text``), place
mentions resolved in context (``places`` over ``gazetteer``), officials
(``people``), events (``forums``), dates (``dates``), domains (``domains``),
then agreements (``agreements``). Everything is a pure function of the article,
so re-extracting gives the same result.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citygraph.defaults import MAX_ARTICLE_CHARS
from citygraph.extract import lang as languages
from citygraph.extract.agreements import SentenceFacts, assemble, read_sentence
from citygraph.extract.dates import find_dates
from citygraph.extract.domains import find_domains
from citygraph.extract.forums import ForumMention, find_forums
from citygraph.extract.gazetteer import Gazetteer
from citygraph.extract.people import find_people, merge_people, to_person
from citygraph.extract.places import PlaceMention, find_place_mentions
from citygraph.extract.text import Sentence, find_dateline, split_sentences
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
    names = [(p.name_start, p.end) for p in found_people]
    name_words = {w for p in found_people for w in p.name.split() if len(w) > 2}
    places = [pm for pm in places
              if not any(a <= pm.start < b for a, b in names)  # "Mayor Ramon Villareal"
              and not (pm.surface in name_words and not pm.government)]  # later "Rizal said ..."
    people = merge_people(found_people)
    for pm in places:
        if pm.title_role is not None and not any(
                p.sentence == pm.sentence and p.of_place is not None and p.of_place.key == pm.place.key
                for p in found_people):
            pm.title_only = True  # "di Kantor Gubernur Sumatera Utara": the office, no holder named
    # Indonesian news names events in English too ("Border Liaison Meeting"): both languages' heads
    forum_lang = replace(lang, forum_heads=frozenset().union(*(lg.forum_heads for lg in domain_langs)),
                         venue_words=tuple(dict.fromkeys(w for lg in domain_langs for w in lg.venue_words)))
    forums = find_forums(sentences, places, forum_lang)

    facts: list[SentenceFacts] = []
    for sentence in sentences:
        in_sentence = [pm for pm in places if pm.sentence == sentence.index]
        people_here = [p for p in _people_in(people, sentence)]
        forums_here = [f for f in forums if _mentions_forum(sentence, f)]
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


def _people_in(people, sentence: Sentence):
    """People whose mention, or any later mention of their name, is in the sentence."""
    for person in people:
        if sentence.start <= person.start < sentence.end:
            yield person
        elif person.sentence != sentence.index:
            surname = person.name.split()[-1]
            full = sentence.text.find(person.name)
            offset = full + len(person.name) - len(surname) if full >= 0 else (
                _bare_mention(sentence.text, surname) if len(surname) > 3 else None)
            if offset is not None:
                yield replace(person, start=sentence.start + offset, end=sentence.start + offset + len(surname),
                              name_start=sentence.start + offset)


def _bare_mention(text: str, surname: str) -> int | None:
    """Where a known person is named again by surname alone ("kata Risma", "Bima said"), if anywhere.

    Not inside a longer name: "Aula Raja Inal Siregar" is a hall, not Mr Siregar.
    """
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", text):
        before = re.search(r"([\w'’-]+)\s+$", text[:m.start()])
        if before and before.group(1)[0].isupper() and not re.search(r"[.!?\"“:]\s*$", text[:before.start()]):
            continue
        return m.start()
    return None


def _mentions_forum(sentence: Sentence, forum: ForumMention) -> bool:
    if forum.sentence == sentence.index:
        return True
    names = [forum.name, *(a for a in forum.aliases)] + ([forum.acronym] if forum.acronym else [])
    return any(n and n in sentence.text for n in names)


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
