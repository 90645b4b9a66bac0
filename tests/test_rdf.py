"""Extraction -> triples: IRIs, typing, provenance, and text that survives anything."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import RDF, XSD, BNode, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, SDO

from citygraph.model import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Instrument,
    PartialDate,
    Person,
    Place,
    PlaceKind,
    Role,
)
from citygraph.rdf import (
    agreement_iris,
    article_graph_iri,
    article_id_from_graph,
    article_iri,
    date_literal,
    extraction_to_graph,
    mint_agreement_iri,
    mint_forum_iri,
    mint_person_iri,
    mint_place_iri,
    mint_post_iri,
    slugify,
)
from citygraph.vocab import CG, INSTRUMENT
from fixtures_backend import (
    BOGOR,
    SEOUL,
    bogor_seoul_extraction,
    english_extraction,
    kyoto_yearless_extraction,
    seoul_report_extraction,
)

R = "https://w3id.org/citygraph/resource/"
NASTY = 'He said "no" \'\'\' > } { \\ \\u0041 <tag>\r\nline two\ttab 🎉 ñ 日本'


def test_place_iris_follow_their_key() -> None:
    assert mint_place_iri(BOGOR) == URIRef(R + "place/ID-32.71")
    assert mint_place_iri("GN-1835848") == URIRef(R + "place/GN-1835848")
    assert mint_place_iri("ISO2-JP-26") == URIRef(R + "place/ISO2-JP-26")
    odd = mint_place_iri("X-JP-a b/c>d\"é")
    assert odd == URIRef(R + "place/X-JP-a%20b%2Fc%3Ed%22%C3%A9")


def test_person_forum_and_post_iris_are_normalised() -> None:
    assert mint_person_iri("Bima Arya Sugiarto") == URIRef(R + "person/bima-arya-sugiarto")
    assert mint_person_iri("José  Müller") == mint_person_iri("jose muller")
    assert slugify("박원순") == "박원순"  # Hangul stays syllables, not jamo
    assert slugify("???").startswith("h-")
    assert slugify("???") == slugify("???") != slugify("!!!")
    assert mint_forum_iri("World Cities Summit 2018") == URIRef(R + "forum/world-cities-summit-2018")
    assert mint_post_iri(Role.MAYOR, BOGOR) == URIRef(R + "post/mayor/ID-32.71")
    embassy = mint_post_iri(Role.AMBASSADOR, of_body="KBRI Tokyo")
    assert embassy == URIRef(R + "post/ambassador/body/kbri-tokyo")
    assert mint_post_iri(Role.MINISTER) == URIRef(R + "post/minister")


def test_article_graph_iri_round_trips_any_id() -> None:
    for article_id in ["dev-003", "000_2d6a8a213c43a204", "a/b c%20\"d\">", NASTY]:
        iri = article_graph_iri(article_id)
        assert str(iri).startswith(R + "graph/article/")
        assert " " not in iri and ">" not in iri and "\n" not in iri
        assert article_id_from_graph(str(iri)) == article_id
    assert article_id_from_graph(R + "graph/ontology") is None


def test_agreement_iri_is_content_based_and_order_free() -> None:
    a = Agreement([BOGOR, SEOUL], Instrument.LETTER_OF_INTENT, date=PartialDate(2016, 6, 8))
    b = Agreement([SEOUL, BOGOR], Instrument.LETTER_OF_INTENT, date=PartialDate(2016, 6, 8),
                  domains=["tourism"], sister_city=True)
    assert mint_agreement_iri(a) == mint_agreement_iri(b)
    assert str(mint_agreement_iri(a)).startswith(R + "agreement/")
    assert len(str(mint_agreement_iri(a)).rsplit("/", 1)[1]) == 16
    assert mint_agreement_iri(a) != mint_agreement_iri(replace(a, instrument=Instrument.UNSPECIFIED))
    assert mint_agreement_iri(a) != mint_agreement_iri(replace(a, date=None))
    # the same agreement read from two articles is one node
    first = agreement_iris(bogor_seoul_extraction().agreements)
    second = agreement_iris(seoul_report_extraction().agreements)
    assert first == second


def test_colliding_agreements_in_one_article_get_ordinals() -> None:
    a = Agreement([BOGOR, SEOUL], Instrument.UNSPECIFIED)
    iris = agreement_iris([a, replace(a, domains=["culture"]), a])
    assert iris[0] == mint_agreement_iri(a)
    assert iris[1] == URIRef(str(iris[0]) + "-2")
    assert iris[2] == URIRef(str(iris[0]) + "-3")


def test_graph_is_deterministic_and_named_after_the_article() -> None:
    g1 = extraction_to_graph(bogor_seoul_extraction())
    g2 = extraction_to_graph(bogor_seoul_extraction())
    assert set(g1) == set(g2)
    assert isomorphic(g1, g2)
    assert g1.identifier == article_graph_iri("dev-003")
    assert not any(isinstance(term, BNode) for triple in g1 for term in triple)


@pytest.mark.parametrize(
    ("date", "datatype"),
    [
        (PartialDate(2016, 6, 8), XSD.date),
        (PartialDate(2019, 3), XSD.gYearMonth),
        (PartialDate(2015), XSD.gYear),
        (PartialDate(None, 8, 14), XSD.gMonthDay),
    ],
)
def test_dates_are_typed_by_precision(date: PartialDate, datatype: URIRef) -> None:
    literal = date_literal(date)
    assert literal.datatype == datatype
    assert str(literal) == date.iso()


def test_dates_reach_the_graph_typed() -> None:
    graph = extraction_to_graph(kyoto_yearless_extraction())
    types = {lit.datatype for lit in graph.objects(None, CG.date)}
    assert types == {XSD.gYear, XSD.gMonthDay}
    graph = extraction_to_graph(english_extraction())
    assert {lit.datatype for lit in graph.objects(None, CG.date)} == {XSD.gYearMonth}


def test_provenance_links_every_fact_to_article_and_sentence() -> None:
    extraction = bogor_seoul_extraction()
    graph = extraction_to_graph(extraction)
    article = article_iri("dev-003")
    assert (article, CG.articleId, Literal("dev-003")) in graph
    agreement = mint_agreement_iri(extraction.agreements[0])
    assert (agreement, PROV.wasDerivedFrom, article) in graph
    for fact in graph.subjects(CG.attestation, None):
        assert (fact, PROV.wasDerivedFrom, article) in graph
    (attestation,) = graph.objects(agreement, CG.attestation)
    evidence = extraction.agreements[0].evidence[0]
    assert (attestation, RDF.type, CG.Attestation) in graph
    assert (attestation, PROV.wasDerivedFrom, article) in graph
    assert graph.value(attestation, CG.evidenceText) == Literal(evidence.sentence)
    assert graph.value(attestation, CG.startOffset).toPython() == evidence.start
    assert graph.value(attestation, CG.endOffset).toPython() == evidence.end
    assert extraction.article.text[evidence.start:evidence.end] == evidence.sentence
    assert graph.value(agreement, CG.instrument) == INSTRUMENT.letter_of_intent
    assert graph.value(agreement, CG.sisterCity) == Literal(False)


def test_linked_places_are_same_as_geonames_and_wikidata() -> None:
    graph = extraction_to_graph(bogor_seoul_extraction())
    bogor = mint_place_iri(BOGOR)
    same = set(graph.objects(bogor, OWL.sameAs))
    assert same == {URIRef("https://sws.geonames.org/1648473/"), URIRef("http://www.wikidata.org/entity/Q10413")}
    assert set(graph.objects(bogor, SDO.sameAs)) == same
    assert graph.value(bogor, CG.kemendagriCode) == Literal("32.71")
    assert graph.value(bogor, CG.linked) == Literal(True)
    assert (bogor, RDF.type, CG.City) in graph and (bogor, RDF.type, CG.Place) in graph


def test_metacharacters_are_literal_terms_not_syntax() -> None:
    place = Place(key="X-ID-" + NASTY, name=NASTY, kind=PlaceKind.CITY, country="ID", linked=False)
    person = Person(NASTY, Role.OFFICIAL, of_place=place, evidence=Evidence(NASTY, 0, len(NASTY)))
    agreement = Agreement([place, BOGOR], evidence=[Evidence(NASTY, 0, len(NASTY))], signatories=[person])
    extraction = Extraction(Article(id=NASTY, text=NASTY, title=NASTY), "en", agreements=[agreement])
    graph = extraction_to_graph(extraction)
    assert Literal(NASTY) in set(graph.objects(None, CG.evidenceText))
    assert graph.value(mint_place_iri(place), CG.name) == Literal(NASTY)
    reparsed = type(graph)().parse(data=graph.serialize(format="nt"), format="nt")
    assert isomorphic(graph, reparsed)
