"""OWL RL reasoning (owlrl) over the ontology plus a fixture graph finds no inconsistency.

The fixture is what a researcher's store holds: the articles of
fixtures_backend, their consolidation graph and an imported sister-city file.
Under OWL RL the domains and ranges of our properties type every node, the
sub-class and sub-property axioms reach schema.org, PROV-O and ORG, and
owl:disjointWith (cg:ReferenceTie vs cg:Agreement) is checked: an
inconsistency shows as an owl:Nothing member or an error message that owlrl
adds to the graph. The negative tests prove the check can fail.
"""

from __future__ import annotations

import owlrl
import pytest
import rdflib
from rdflib import OWL, RDF, XSD, URIRef
from rdflib.namespace import PROV, SDO

from citygraph.consolidate import consolidate
from citygraph.reference import import_sister_cities
from citygraph.store import ONTOLOGY_FILES, open_store
from citygraph.validate import ontology_graph
from citygraph.vocab import CG
from fixtures_backend import all_extractions, ingest

#: owlrl records inconsistencies as resources of this type (owlrl.Closure).
ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
ERROR_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")

REFERENCE_CSV = """\
id_qid,id_label,id_code,partner_qid,partner_label,partner_geonames_id,partner_country,reciprocal
Q10393,Bogor,32.71,Q8684,Seoul,1835848,KR,yes
Q10389,Bandung,32.73,,Mihara,,JP,no
Q10389,Bandung,32.73,Q2773,Braunschweig,2945024,DE,yes
"""


def closure(data: rdflib.Graph) -> rdflib.Graph:
    """The ontology (citygraph.ttl, domains.ttl, analysis.ttl) plus ``data``, expanded under OWL RL."""
    graph = rdflib.Graph()
    graph += ontology_graph()
    graph += data
    # improved_datatypes=False: owlrl's own converters reject valid xsd:gMonthDay ("--08-14", which
    # agreements dated without a year carry) and its restore step leaves that converter installed in
    # rdflib for the rest of the process, breaking every later test that reads such a literal.
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, improved_datatypes=False).expand(graph)
    return graph


def inconsistencies(graph: rdflib.Graph) -> list[str]:
    errors = [str(graph.value(e, ERROR_TEXT)) for e in graph.subjects(RDF.type, ERROR)]
    nothing = [f"{s} is owl:Nothing" for s in graph.subjects(RDF.type, OWL.Nothing)]
    return sorted(errors + nothing)


@pytest.fixture(scope="module")
def reasoned(tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    folder = tmp_path_factory.mktemp("owl")
    (folder / "ties.csv").write_text(REFERENCE_CSV, encoding="utf-8")
    with open_store(str(folder / "store")) as store:
        ingest(store, all_extractions())
        consolidate(store)
        import_sister_cities(store, folder / "ties.csv")
        data = store.union_graph(articles_only=False)
    return closure(data)


def test_reasoning_leaves_rdflib_reading_partial_dates(reasoned: rdflib.Graph) -> None:
    """Regression: owlrl's improved datatypes left rdflib taking "--08-14"^^xsd:gMonthDay for ill-typed,
    so SHACL's sh:datatype failed on agreements without a year in every later test of the run."""
    assert rdflib.Literal("--08-14", datatype=XSD.gMonthDay).ill_typed is not True


def test_ontology_files_are_the_ones_the_store_loads() -> None:
    assert ONTOLOGY_FILES == ("citygraph.ttl", "domains.ttl", "analysis.ttl")


def test_ontology_plus_fixture_is_consistent(reasoned: rdflib.Graph) -> None:
    assert inconsistencies(reasoned) == []


def test_reasoning_reaches_the_standard_vocabularies(reasoned: rdflib.Graph) -> None:
    """What OWL RL adds is what the ontology's comments promise (a sample of each kind of axiom)."""
    bogor = URIRef("https://w3id.org/citygraph/resource/place/ID-32.71")
    assert (bogor, RDF.type, SDO.Place) in reasoned  # cg:City -> cg:Place -> schema:Place
    agreements = set(reasoned.subjects(RDF.type, CG.Agreement))
    assert agreements and all((a, RDF.type, PROV.Entity) in reasoned for a in agreements)
    ties = set(reasoned.subjects(RDF.type, CG.ReferenceTie))
    assert len(ties) == 3
    assert ties.isdisjoint(agreements)
    # cg:twinnedPlace refines schema:participant, but never makes a tie a party of an agreement
    tie = next(iter(ties))
    assert any(True for _ in reasoned.objects(tie, SDO.participant))
    assert not any(True for _ in reasoned.objects(tie, CG.party))


def test_a_node_both_tie_and_agreement_is_inconsistent() -> None:
    node = URIRef("https://w3id.org/citygraph/resource/x")
    data = rdflib.Graph()
    data.add((node, RDF.type, CG.ReferenceTie))
    data.add((node, RDF.type, CG.Agreement))
    assert inconsistencies(closure(data)) != []


def test_party_on_a_tie_makes_it_an_agreement_and_so_inconsistent() -> None:
    """Why ties use cg:twinnedPlace: cg:party's domain would make them agreements."""
    node = URIRef("https://w3id.org/citygraph/resource/x")
    data = rdflib.Graph()
    data.add((node, RDF.type, CG.ReferenceTie))
    data.add((node, CG.party, URIRef("https://w3id.org/citygraph/resource/place/ID-32.71")))
    assert inconsistencies(closure(data)) != []
