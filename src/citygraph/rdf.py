"""Extraction -> triples, and the only place citygraph mints IRIs.

Every triple read from one article goes into that article's graph
(:func:`article_graph_iri`); the store replaces the graph as a whole on
re-import, which is what makes ingest idempotent and lets an improved
extractor retract facts.

Provenance, in short:

* the article is a ``cg:Article`` node with its id, url, title, date, language;
* each fact node (agreement, appointment = person in a post, forum) is
  ``prov:wasDerivedFrom`` the article and has one ``cg:attestation`` per
  evidence sentence: a ``cg:Attestation`` with the text and its offsets;
* descriptions of places, people and posts carry no attestation of their own:
  they are context of the facts, and which articles mention them is the set of
  graphs they occur in.

IRIs are minted from content, never from counters over the whole store, so the
same place, person or agreement read from two articles is one node and two
runs mint the same IRIs. Every literal is an rdflib term; nothing is pasted into
strings, so any text (quotes, ``>``, backslashes, newlines, emoji) survives.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote, unquote

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import ORG, OWL, PROV, SDO

from citygraph.defaults import RESOURCE_IRI
from citygraph.model import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Forum,
    PartialDate,
    Person,
    Place,
    PlaceKind,
    Role,
)
from citygraph.vocab import (
    ARTICLE_GRAPH_PREFIX,
    CG,
    DOMAIN,
    GEONAMES,
    INSTRUMENT,
    PLACE_KIND,
    PREFIXES,
    ROLE,
    STATUS,
    WIKIDATA,
)

_PLACE_CLASS = {
    PlaceKind.CITY: CG.City,
    PlaceKind.REGENCY: CG.Regency,
    PlaceKind.PROVINCE: CG.Province,
    PlaceKind.COUNTRY: CG.Country,
    PlaceKind.ORGANISATION: CG.Organisation,
}

#: XSD datatype by the shape of :meth:`PartialDate.iso`.
_DATE_TYPES = (
    (re.compile(r"^--\d{2}-\d{2}$"), XSD.gMonthDay),
    (re.compile(r"^-?\d{4,}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^-?\d{4,}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^-?\d{4,}$"), XSD.gYear),
)


# ---- IRIs ----


def _segment(text: str) -> str:
    """Percent-encode one path segment (``/`` included) so any key stays one segment."""
    return quote(text, safe="")


def slugify(name: str) -> str:
    """Lowercase, accents folded, runs of anything but letters and digits -> ``-``.

    Non-Latin scripts are kept (recomposed to NFC, so Hangul stays syllables);
    a name of punctuation only falls back to a short hash so it still gets an IRI.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    folded = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    slug = re.sub(r"[\W_]+", "-", folded.casefold()).strip("-")
    return slug or "h-" + _digest(name)[:12]


def _digest(*parts: object) -> str:
    """SHA-1 of a JSON list: unambiguous however the parts are spelled."""
    payload = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{RESOURCE_IRI}article/{_segment(article_id)}")


def article_graph_iri(article_id: str) -> URIRef:
    """The named graph holding every triple read from one article."""
    return URIRef(ARTICLE_GRAPH_PREFIX + _segment(article_id))


def article_id_from_graph(graph_iri: str) -> str | None:
    """Inverse of :func:`article_graph_iri`; None for graphs that are not an article's."""
    if not graph_iri.startswith(ARTICLE_GRAPH_PREFIX):
        return None
    return unquote(graph_iri[len(ARTICLE_GRAPH_PREFIX):])


def mint_place_iri(place: Place | str) -> URIRef:
    """``resource/place/{key}``; accepts a :class:`Place` or its key."""
    key = place if isinstance(place, str) else place.key
    return URIRef(f"{RESOURCE_IRI}place/{_segment(key)}")


def mint_person_iri(name: str) -> URIRef:
    return URIRef(f"{RESOURCE_IRI}person/{_segment(slugify(name))}")


def mint_body_iri(name: str) -> URIRef:
    return URIRef(f"{RESOURCE_IRI}body/{_segment(slugify(name))}")


def _post_tail(role: Role, of_place: Place | None, of_body: str | None) -> str:
    tail = _segment(role.value)
    if of_place is not None:
        return f"{tail}/{_segment(of_place.key)}"
    if of_body:
        return f"{tail}/body/{_segment(slugify(of_body))}"
    return tail


def mint_post_iri(role: Role, of_place: Place | None = None, of_body: str | None = None) -> URIRef:
    """``resource/post/{role}/{place key}``, ``.../{role}/body/{slug}`` or ``.../{role}``."""
    return URIRef(f"{RESOURCE_IRI}post/{_post_tail(role, of_place, of_body)}")


def mint_appointment_iri(person: Person) -> URIRef:
    """One node per person and post: ``resource/appointment/{person slug}/{post tail}``."""
    tail = _post_tail(person.role, person.of_place, person.of_body)
    return URIRef(f"{RESOURCE_IRI}appointment/{_segment(slugify(person.name))}/{tail}")


def mint_forum_iri(name: str) -> URIRef:
    return URIRef(f"{RESOURCE_IRI}forum/{_segment(slugify(name))}")


def agreement_digest(agreement: Agreement) -> str:
    """Content hash of what identifies an agreement across articles.

    Sorted party keys, instrument and date: two articles reporting the same
    signing produce the same digest, so the agreement is one node with two
    sources. Status, domains and the rest may differ between reports and are
    asserted by each.
    """
    keys = sorted({p.key for p in agreement.parties})
    date = agreement.date.iso() if agreement.date else ""
    return _digest(keys, agreement.instrument.value, date)[:16]


def parties_key(agreement: Agreement) -> str:
    """Content hash of the agreement's party set alone (16 hex digits), stated as ``cg:partiesKey``.

    Only nodes with equal party sets can be one agreement (see
    citygraph.consolidate), so this key finds, through the store's indexes,
    every node an ingest could regroup: consolidation then reads the party
    sets an ingest touched instead of every agreement in the store.
    """
    return _digest(sorted({p.key for p in agreement.parties}))[:16]


def mint_agreement_iri(agreement: Agreement, ordinal: int = 1) -> URIRef:
    """``resource/agreement/{sha1[:16]}``; ``-{ordinal}`` marks the 2nd, 3rd... collision in one article."""
    suffix = "" if ordinal == 1 else f"-{ordinal}"
    return URIRef(f"{RESOURCE_IRI}agreement/{agreement_digest(agreement)}{suffix}")


def mint_attestation_iri(article_id: str, evidence: Evidence | None) -> URIRef:
    """One node per article and evidence span, shared by every fact read from that sentence.

    Without evidence the attestation stands for the article as a whole
    (``.../attestation/{article}/article``).
    """
    if evidence is None:
        return URIRef(f"{RESOURCE_IRI}attestation/{_segment(article_id)}/article")
    digest = _digest(evidence.start, evidence.end, evidence.sentence)[:16]
    return URIRef(f"{RESOURCE_IRI}attestation/{_segment(article_id)}/{digest}")


def date_literal(date: PartialDate) -> Literal:
    """Typed by precision: xsd:date, xsd:gYearMonth, xsd:gYear or xsd:gMonthDay."""
    text = date.iso()
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(text):
            return Literal(text, datatype=datatype)
    raise ValueError(f"no XSD type fits the date {text!r}")  # unreachable for PartialDate.iso()


# ---- Graph building ----


class _Builder:
    """Accumulates one article's triples; a class only to share the graph and article IRI."""

    def __init__(self, extraction: Extraction) -> None:
        self.article = extraction.article
        self.article_node = article_iri(self.article.id)
        self.graph = Graph(identifier=article_graph_iri(self.article.id))
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)

    def add(self, subject: URIRef, predicate: URIRef, value: object) -> None:
        """Add one triple, skipping None; plain Python values become typed literals."""
        if value is None:
            return
        obj = value if isinstance(value, URIRef | Literal) else Literal(value)
        self.graph.add((subject, predicate, obj))

    # -- nodes --

    def article_node_triples(self, lang: str) -> None:
        article: Article = self.article
        node = self.article_node
        self.add(node, RDF.type, CG.Article)
        self.add(node, CG.articleId, Literal(article.id))
        self.add(node, CG.title, article.title)
        if article.url:
            self.add(node, CG.url, Literal(article.url, datatype=XSD.anyURI))
        if article.published:
            self.add(node, CG.published, Literal(article.published.isoformat(), datatype=XSD.date))
        self.add(node, CG.language, lang or article.lang)

    def place(self, place: Place) -> URIRef:
        node = mint_place_iri(place)
        self.add(node, RDF.type, CG.Place)
        self.add(node, RDF.type, _PLACE_CLASS[place.kind])
        self.add(node, CG.placeKey, Literal(place.key))
        self.add(node, CG.name, Literal(place.name))
        self.add(node, CG.placeKind, PLACE_KIND[place.kind.value])
        self.add(node, CG.linked, Literal(bool(place.linked)))
        self.add(node, CG.countryCode, place.country)
        self.add(node, CG.kemendagriCode, place.kemendagri)
        self.add(node, CG.subdivisionCode, place.iso3166_2)
        self.add(node, CG.latitude, None if place.lat is None else Literal(float(place.lat)))
        self.add(node, CG.longitude, None if place.lon is None else Literal(float(place.lon)))
        if place.parent:
            self.add(node, CG.partOf, mint_place_iri(place.parent))
        if place.geonames:
            self.add(node, CG.geonamesId, Literal(str(place.geonames)))
            self._same_as(node, GEONAMES[f"{_segment(str(place.geonames))}/"])
        if place.wikidata:
            self.add(node, CG.wikidataId, Literal(str(place.wikidata)))
            self._same_as(node, WIKIDATA[_segment(str(place.wikidata))])
        return node

    def _same_as(self, node: URIRef, other: URIRef) -> None:
        self.add(node, OWL.sameAs, other)
        self.add(node, SDO.sameAs, other)

    def attest(self, fact: URIRef, evidence: Iterable[Evidence | None]) -> None:
        """Derive ``fact`` from the article, with one attestation per evidence sentence."""
        self.add(fact, PROV.wasDerivedFrom, self.article_node)
        for item in evidence:
            node = mint_attestation_iri(self.article.id, item)
            self.add(fact, CG.attestation, node)
            self.add(node, RDF.type, CG.Attestation)
            self.add(node, RDF.type, PROV.Entity)
            self.add(node, PROV.wasDerivedFrom, self.article_node)
            if item is not None:
                self.add(node, CG.evidenceText, Literal(item.sentence))
                self.add(node, CG.startOffset, Literal(int(item.start)))
                self.add(node, CG.endOffset, Literal(int(item.end)))

    def person(self, person: Person, fallback: Iterable[Evidence] = ()) -> URIRef:
        """Person, post and the appointment linking them; returns the person node."""
        node = mint_person_iri(person.name)
        self.add(node, RDF.type, CG.Person)
        self.add(node, CG.name, Literal(person.name))
        post = mint_post_iri(person.role, person.of_place, person.of_body)
        self.add(post, RDF.type, CG.Post)
        self.add(post, CG.role, ROLE[person.role.value])
        if person.of_place is not None:
            self.add(post, ORG.postIn, self.place(person.of_place))
        elif person.of_body:
            body = mint_body_iri(person.of_body)
            self.add(body, RDF.type, CG.Body)
            self.add(body, CG.name, Literal(person.of_body))
            self.add(post, ORG.postIn, body)
        self.add(node, ORG.holds, post)
        self.add(post, ORG.heldBy, node)
        appointment = mint_appointment_iri(person)
        self.add(appointment, RDF.type, CG.Appointment)
        self.add(appointment, CG.holder, node)
        self.add(appointment, CG.office, post)
        self.add(appointment, CG.role, ROLE[person.role.value])
        self.add(appointment, CG.acting, Literal(bool(person.acting)))
        self.add(appointment, CG.former, Literal(bool(person.former)))
        self.add(appointment, CG.officeTitle, person.title)
        self.attest(appointment, _evidence_of(person.evidence, fallback))
        return node

    def forum(self, forum: Forum, fallback: Iterable[Evidence] = ()) -> URIRef:
        node = mint_forum_iri(forum.name)
        self.add(node, RDF.type, CG.Forum)
        self.add(node, CG.name, Literal(forum.name))
        self.add(node, CG.acronym, forum.acronym)
        if forum.city is not None:
            self.add(node, CG.city, self.place(forum.city))
        self.attest(node, _evidence_of(forum.evidence, fallback))
        return node

    def agreement(self, agreement: Agreement, node: URIRef) -> None:
        self.add(node, RDF.type, CG.Agreement)
        for party in agreement.parties:
            self.add(node, CG.party, self.place(party))
        self.add(node, CG.instrument, INSTRUMENT[agreement.instrument.value])
        self.add(node, CG.status, STATUS[agreement.status.value])
        self.add(node, CG.sisterCity, Literal(bool(agreement.sister_city)))
        self.add(node, CG.partiesKey, Literal(parties_key(agreement)))
        if agreement.date is not None:
            self.add(node, CG.date, date_literal(agreement.date))
        # A forum or signatory seen only through the agreement is attested by its sentences.
        if agreement.forum is not None:
            self.add(node, CG.forum, self.forum(agreement.forum, agreement.evidence))
        for code in agreement.domains:
            self.add(node, CG.domain, DOMAIN[_segment(code)])
        for signatory in agreement.signatories:
            self.add(node, CG.signatory, self.person(signatory, agreement.evidence))
        self.attest(node, agreement.evidence or [None])


def _evidence_of(evidence: Evidence | None, fallback: Iterable[Evidence]) -> list[Evidence | None]:
    if evidence is not None:
        return [evidence]
    return list(fallback) or [None]


def agreement_iris(agreements: list[Agreement]) -> list[URIRef]:
    """IRIs for one article's agreements; a repeated digest gets ``-2``, ``-3``... in order."""
    seen: dict[str, int] = {}
    iris = []
    for agreement in agreements:
        digest = agreement_digest(agreement)
        seen[digest] = seen.get(digest, 0) + 1
        iris.append(mint_agreement_iri(agreement, seen[digest]))
    return iris


def extraction_to_graph(extraction: Extraction) -> Graph:
    """All triples read from one article, in a graph named :func:`article_graph_iri`.

    Places, people and forums the extractor listed are described even when no
    agreement uses them; those reached only through an agreement are described
    too, so the article's graph is self-contained.
    """
    builder = _Builder(extraction)
    builder.article_node_triples(extraction.lang)
    for place in extraction.places:
        builder.place(place)
    for person in extraction.people:
        builder.person(person)
    for forum in extraction.forums:
        builder.forum(forum)
    for agreement, node in zip(extraction.agreements, agreement_iris(extraction.agreements), strict=True):
        builder.agreement(agreement, node)
    return builder.graph
