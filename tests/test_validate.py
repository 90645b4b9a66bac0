"""SHACL: the fixture graph conforms; hand-written bad graphs fail with their messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from citygraph.validate import validate_graph, validate_store
from fixtures_backend import fixture_store

PREFIXES = """
@prefix cg:   <https://w3id.org/citygraph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix res:  <https://w3id.org/citygraph/resource/> .
@prefix instrument: <https://w3id.org/citygraph/concept/instrument/> .
@prefix status: <https://w3id.org/citygraph/concept/status/> .
@prefix domain: <https://w3id.org/citygraph/concept/domain/> .
@prefix kind: <https://w3id.org/citygraph/concept/place-kind/> .
"""

GOOD = PREFIXES + """
res:article-1 a cg:Article ; cg:articleId "a1" .
res:att-1 a cg:Attestation ; prov:wasDerivedFrom res:article-1 ;
    cg:evidenceText "Bogor and Seoul signed." ; cg:startOffset 0 ; cg:endOffset 23 .
res:bogor a cg:Place, cg:City ; cg:name "Bogor" ; cg:placeKind kind:city ; cg:countryCode "ID" ;
    cg:kemendagriCode "32.71" .
res:seoul a cg:Place, cg:City ; cg:name "Seoul" ; cg:placeKind kind:city ; cg:countryCode "KR" .
res:ag a cg:Agreement ;
    cg:party res:bogor, res:seoul ;
    cg:instrument instrument:letter_of_intent ;
    cg:status status:signed ;
    cg:sisterCity false ;
    cg:date "2016-06-08"^^xsd:date ;
    cg:domain domain:smart_city ;
    cg:attestation res:att-1 ;
    prov:wasDerivedFrom res:article-1 .
"""


def graph(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="turtle")


def test_fixture_store_conforms(tmp_path: Path) -> None:
    with fixture_store(tmp_path / "s") as store:
        report = validate_store(store)
    assert report.conforms, "\n".join(report.violations)
    assert report.violations == []


def test_hand_written_good_graph_conforms() -> None:
    report = validate_graph(graph(GOOD))
    assert report.conforms, "\n".join(report.violations)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("cg:party res:bogor, res:seoul ;", "cg:party res:bogor ;", "at least two parties"),
        ("cg:instrument instrument:letter_of_intent ;", "", "exactly one instrument"),
        ("cg:instrument instrument:letter_of_intent ;", "cg:instrument instrument:treaty ;",
         "exactly one instrument"),
        ("cg:instrument instrument:letter_of_intent ;",
         "cg:instrument instrument:letter_of_intent, instrument:joint_declaration ;",
         "exactly one instrument"),
        ("cg:status status:signed ;", "", "at least one status"),
        ("cg:status status:signed ;", "cg:status status:signed, status:approved ;", "from the status scheme"),
        ("cg:sisterCity false ;", "", "sister-city flag"),
        ("cg:sisterCity false ;", 'cg:sisterCity false, "yes" ;', "sister-city flag"),
        ('"2016-06-08"^^xsd:date', '"8 June 2016"', "date must be"),
        ('"2016-06-08"^^xsd:date', '"2016-06-08T10:00:00"^^xsd:dateTime', "date must be"),
        ("cg:sisterCity false ;", 'cg:sisterCity "no" ;', "sister-city flag"),
        ("cg:domain domain:smart_city ;", "cg:domain domain:space_travel ;", "cooperation-domain scheme"),
        ("cg:attestation res:att-1 ;", "", "at least one attestation"),
        ('cg:evidenceText "Bogor and Seoul signed." ;', "", "evidence sentence"),
        ('res:bogor a cg:Place, cg:City ; cg:name "Bogor" ;', "res:bogor a cg:Place, cg:City ;",
         "a place needs a name"),
        ("cg:placeKind kind:city ; cg:countryCode \"ID\"", "cg:countryCode \"ID\"", "a place needs a kind"),
        ('cg:countryCode "KR"', 'cg:countryCode "Korea"', "ISO 3166-1 alpha-2"),
        ('cg:kemendagriCode "32.71"', "cg:kemendagriCode 32.71", "Kemendagri code"),
    ],
)
def test_bad_graphs_are_rejected_with_their_message(old: str, new: str, message: str) -> None:
    assert old in GOOD
    report = validate_graph(graph(GOOD.replace(old, new, 1)))
    assert not report.conforms
    assert any(message in v for v in report.violations), report.violations


def test_sources_may_disagree_on_status_and_sister_city() -> None:
    """Shapes 0.2.0: several articles reporting one agreement node may give it two statuses, two flags."""
    disagreeing = GOOD.replace("cg:status status:signed ;", "cg:status status:signed, status:renewed ;").replace(
        "cg:sisterCity false ;", "cg:sisterCity false, true ;")
    report = validate_graph(graph(disagreeing))
    assert report.conforms, "\n".join(report.violations)


def test_person_without_name_is_rejected() -> None:
    report = validate_graph(graph(GOOD + "\nres:someone a cg:Person .\n"))
    assert not report.conforms
    assert any("a person needs a name" in v for v in report.violations)


def test_validate_graph_leaves_its_input_alone() -> None:
    data = graph(GOOD)
    before = len(data)
    validate_graph(data)
    assert len(data) == before
