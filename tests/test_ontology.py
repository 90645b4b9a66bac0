"""The ontology files: they parse, every term is documented, codes match the corpus and model."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH, SKOS

from citygraph.defaults import ONTOLOGY_IRI
from citygraph.model import Instrument, PlaceKind, Role, Status
from citygraph.store import ontology_dir
from citygraph.vocab import (
    CG,
    DOMAIN,
    DOMAIN_SCHEME,
    INSTRUMENT_SCHEME,
    PLACE_KIND_SCHEME,
    ROLE_SCHEME,
    STATUS_SCHEME,
)

ONTOLOGY = Path(str(ontology_dir()))
SHARED_README = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "README.md"


def parse(name: str) -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY / name, format="turtle")
    return graph


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse("citygraph.ttl")


@pytest.fixture(scope="module")
def concepts() -> Graph:
    return parse("domains.ttl")


def cg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI)}


@pytest.mark.parametrize("name", ["citygraph.ttl", "domains.ttl", "shapes.ttl"])
def test_file_parses_and_has_a_versioned_header(name: str) -> None:
    assert len(parse(name)) > 10
    head = (ONTOLOGY / name).read_text(encoding="utf-8").splitlines()[:5]
    assert any("Version" in line for line in head), head


def test_every_term_is_labelled_in_english_and_indonesian_and_commented(ontology: Graph) -> None:
    terms = cg_terms(ontology)
    assert len(terms) > 40
    for term in terms:
        langs = {label.language for label in ontology.objects(term, RDFS.label) if isinstance(label, Literal)}
        assert {"en", "id"} <= langs, f"{term} lacks an @en or @id label"
        assert ontology.value(term, RDFS.comment) is not None, f"{term} lacks rdfs:comment"
        assert ontology.value(term, RDFS.isDefinedBy) is not None, f"{term} lacks rdfs:isDefinedBy"


def test_properties_have_domain_and_range_and_classes_refine_standards(ontology: Graph) -> None:
    for term in cg_terms(ontology):
        types = set(ontology.objects(term, RDF.type))
        if types & {OWL.ObjectProperty, OWL.DatatypeProperty}:
            assert ontology.value(term, RDFS.domain) is not None, term
            assert ontology.value(term, RDFS.range) is not None, term
        else:
            assert OWL.Class in types, term
            assert ontology.value(term, RDFS.subClassOf) is not None, f"{term} refines nothing"


def test_python_namespace_and_ontology_agree(ontology: Graph) -> None:
    python_terms = {URIRef(ONTOLOGY_IRI + name) for name in CG.__annotations__}
    assert python_terms == cg_terms(ontology)


def test_defined_namespace_fails_on_typos() -> None:
    assert CG.sisterCity == URIRef(ONTOLOGY_IRI + "sisterCity")
    with pytest.raises(AttributeError):
        CG.sistercity  # noqa: B018


def test_concepts_have_notation_matching_iri_and_two_labels(concepts: Graph) -> None:
    all_concepts = set(concepts.subjects(RDF.type, SKOS.Concept))
    assert len(all_concepts) == 21 + 5 + 3 + 12 + 5
    for concept in all_concepts:
        notation = concepts.value(concept, SKOS.notation)
        assert notation is not None and str(concept).endswith("/" + str(notation)), concept
        langs = {label.language for label in concepts.objects(concept, SKOS.prefLabel)}
        assert langs == {"en", "id"}, concept
        scheme = concepts.value(concept, SKOS.inScheme)
        assert (scheme, RDF.type, SKOS.ConceptScheme) in concepts


@pytest.mark.parametrize(
    ("scheme", "enum"),
    [
        (INSTRUMENT_SCHEME, Instrument),
        (STATUS_SCHEME, Status),
        (ROLE_SCHEME, Role),
        (PLACE_KIND_SCHEME, PlaceKind),
    ],
)
def test_schemes_match_the_model_enums(concepts: Graph, scheme: URIRef, enum: type) -> None:
    notations = {str(concepts.value(c, SKOS.notation)) for c in concepts.subjects(SKOS.inScheme, scheme)}
    assert notations == {member.value for member in enum}


def readme_domain_codes() -> list[str]:
    """The code column of the domain table in ../shared/corpus/README.md."""
    text = SHARED_README.read_text(encoding="utf-8")
    section = text.split("## Cooperation domains", 1)[1]
    codes = re.findall(r"^\| ([a-z_]+) \|", section, flags=re.MULTILINE)
    return [code for code in codes if code != "code"]  # the header row


@pytest.mark.shared
def test_domains_are_exactly_the_corpus_codes(concepts: Graph) -> None:
    if not SHARED_README.is_file():
        if os.environ.get("CITYGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(f"{SHARED_README} is missing and CITYGRAPH_REQUIRE_SHARED=1")
        pytest.skip(f"needs ../shared (no {SHARED_README}); set CITYGRAPH_REQUIRE_SHARED=1 to fail instead")
    codes = readme_domain_codes()
    assert len(codes) == 21
    members = concepts.subjects(SKOS.inScheme, DOMAIN_SCHEME)
    notations = sorted(str(concepts.value(c, SKOS.notation)) for c in members)
    assert notations == sorted(codes)
    for code in codes:
        assert (DOMAIN[code], RDF.type, SKOS.Concept) in concepts


def test_every_shape_and_property_shape_has_a_message() -> None:
    shapes = parse("shapes.ttl")
    targeted = set(shapes.subjects(SH.targetClass, None))
    assert {CG.Agreement, CG.Place, CG.Person, CG.Attestation} <= set(shapes.objects(None, SH.targetClass))
    for shape in targeted:
        assert shapes.value(shape, SH.message) is not None, shape
        for prop in shapes.objects(shape, SH.property):
            assert shapes.value(prop, SH.message) is not None, f"{shape}: a property shape lacks sh:message"
