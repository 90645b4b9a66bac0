"""The ontology reference (citygraph.docs, `make docs`): built from ontology/*.ttl, anchored by IRI fragment.

Builds the pages into tmp_path and reads them back with the standard HTML
parser: every term of citygraph.ttl has an anchor equal to its IRI's
fragment, with both labels and its comment; the concept schemes and the
shapes are there; the build is byte-for-byte repeatable, and the committed
pages in docs/ontology/ are what a build gives today.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from citygraph.defaults import ONTOLOGY_IRI
from citygraph.docs import build_docs, main, mermaid_diagram, model_edges, model_table
from citygraph.store import ontology_dir

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = Path(str(ontology_dir()))
COMMITTED = REPO / "docs" / "ontology"
#: The anchors a reader of the README's model follows first.
MAIN_ANCHORS = [
    "Agreement", "Place", "City", "Article", "Attestation", "Person", "Post", "Forum", "ReferenceTie",
    "ReferenceImport", "Consolidation", "party", "signatory", "instrument", "status", "date", "domain", "forum",
    "attestation", "evidenceText", "sisterCity", "sameAgreementAs", "twinnedPlace", "placeKey",
]


class _Anchors(HTMLParser):
    """Every id in a page, and the text of each section.term by its id."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.sections: dict[str, str] = {}
        self._open: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "section":
            self._open.append(values.get("id") or "")
            self.sections[self._open[-1]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.sections[self._open[-1]] += data


def parse(path: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build_docs(out)
    return out


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "citygraph.ttl")


def test_one_page_per_owl_ontology_index_first(tmp_path: Path) -> None:
    pages = build_docs(tmp_path)
    assert pages[0].name == "index.html"
    assert {p.name for p in pages} == {"index.html"} | {
        f"{p.stem}.html" for p in ONTOLOGY.glob("*.ttl") if p.name not in ("citygraph.ttl", "domains.ttl", "shapes.ttl")
    }


def test_main_anchors_exist_and_are_unique(built: Path) -> None:
    page = parse(built / "index.html")
    assert len(page.ids) == len(set(page.ids)), "duplicate anchors"
    missing = [a for a in MAIN_ANCHORS if a not in page.ids]
    assert not missing, missing
    for anchor in ("ontology", "model", "class-terms", "object-terms", "datatype-terms", "schemes", "shapes"):
        assert anchor in page.ids


def test_every_term_is_anchored_by_its_fragment_with_both_labels_and_comment(built: Path,
                                                                               ontology: rdflib.Graph) -> None:
    page = parse(built / "index.html")
    terms = {s for s in ontology.subjects(RDF.type, None)
             if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI)}
    assert len(terms) > 60
    for term in terms:
        fragment = str(term)[len(ONTOLOGY_IRI):]
        text = page.sections.get(fragment)
        assert text is not None, f"no section #{fragment}"
        for label in ontology.objects(term, RDFS.label):
            assert isinstance(label, Literal)
            assert str(label) in text, (fragment, label)
        comment = str(ontology.value(term, RDFS.comment))
        assert " ".join(comment.split()) in " ".join(text.split()), fragment


def test_term_sections_say_domain_range_and_hierarchy(built: Path) -> None:
    html_text = (built / "index.html").read_text(encoding="utf-8")
    twinned = parse(built / "index.html").sections["twinnedPlace"]
    assert "Domain" in twinned and "cg:ReferenceTie" in twinned and "cg:Place" in twinned
    tie = parse(built / "index.html").sections["ReferenceTie"]
    assert "Disjoint with" in tie and "cg:Agreement" in tie
    # a union domain is spelled out, and our terms link inside the page
    assert re.search(r'<a href="#Place"><code>cg:Place</code></a> or <a href="#Body">', html_text)
    assert 'href="http://www.w3.org/ns/prov#Entity"' in html_text


def test_concepts_and_shapes_are_documented(built: Path) -> None:
    page = parse(built / "index.html")
    concepts = rdflib.Graph().parse(ONTOLOGY / "domains.ttl")
    for concept in concepts.subjects(RDF.type, SKOS.Concept):
        scheme = str(concepts.value(concept, SKOS.inScheme)).rsplit("/", 1)[-1]
        assert f"{scheme}-{concepts.value(concept, SKOS.notation)}" in page.ids
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    for shape in shapes.subjects(RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#NodeShape")):
        assert f"shape-{str(shape).rsplit('#', 1)[-1]}" in page.ids
    assert "a reference tie names exactly two distinct places" in page.sections["shape-ReferenceTieShape"]


def test_the_build_is_repeatable(built: Path, tmp_path: Path) -> None:
    again = build_docs(tmp_path)
    for page in again:
        assert page.read_bytes() == (built / page.name).read_bytes(), page.name


def test_committed_pages_are_current(built: Path) -> None:
    """docs/ontology/ is committed so the README's link works without a build; it must match the .ttl files."""
    for page in sorted(built.glob("*.html")):
        committed = COMMITTED / page.name
        assert committed.is_file(), f"{committed} is missing: run `make docs`"
        assert committed.read_bytes() == page.read_bytes(), f"{committed} is stale: run `make docs`"


def test_main_writes_where_told(tmp_path: Path) -> None:
    main([str(tmp_path / "out")])
    assert (tmp_path / "out" / "index.html").is_file()


def test_model_edges_and_diagram_follow_the_ontology(ontology: rdflib.Graph) -> None:
    edges = model_edges(ontology, ONTOLOGY_IRI)
    assert ("Agreement", "party", "Place") in edges
    assert ("ReferenceTie", "twinnedPlace", "Place") in edges
    assert ("Forum", "name", "string") in edges  # one edge per member of a union domain
    assert ("Agreement", "date", "date|gYearMonth|gYear|gMonthDay") in edges
    diagram = mermaid_diagram()
    assert diagram.startswith("classDiagram\n")
    assert "  Agreement --> Place : party\n" in diagram
    assert "  Place <|-- City\n" in diagram
    assert "  Agreement --> Article : wasDerivedFrom (prov)\n" in diagram
    assert all(line.count(":") <= 1 for line in diagram.splitlines()), "Mermaid refuses a colon in a label"
    assert "    sisterCity boolean\n" in diagram
    small = mermaid_diagram(attributes=False)
    assert "sisterCity" not in small and "  Agreement --> Place : party\n" in small
    classes = {c for c, _, _ in model_table(ontology, ONTOLOGY_IRI)}
    assert classes == {str(c)[len(ONTOLOGY_IRI):] for c in ontology.subjects(RDF.type, OWL.Class)
                       if str(c).startswith(ONTOLOGY_IRI)}


def test_readme_links_the_reference_and_shows_the_current_diagram() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    if "```mermaid" not in readme:
        pytest.skip("the README has no model diagram yet (paste mermaid_diagram(attributes=False) into it)")
    assert "docs/ontology/index.html" in readme
    block = readme.split("```mermaid\n", 1)[1].split("```", 1)[0]
    expected = mermaid_diagram(attributes=False)
    assert block == expected, "the README's diagram is stale: paste citygraph.docs.mermaid_diagram(attributes=False)"
