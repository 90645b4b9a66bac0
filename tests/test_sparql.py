"""Ad-hoc queries and the .rq files: every query runs on a fixture store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import rdflib

from citygraph.consolidate import consolidate
from citygraph.errors import QueryError
from citygraph.sparql import read_query, run_query
from citygraph.store import Store, read_rq
from citygraph.vocab import CG
from fixtures_backend import fixture_store

QUERIES = sorted(p.name for p in resources.files("citygraph").joinpath("queries").iterdir()
                 if p.name.endswith(".rq"))


#: Right to return nothing once ingest has consolidated: every agreement has a cg:partiesKey, no party set is pending.
NONE_ON_AN_INGESTED_STORE = {"agreement_reports_keyless.rq", "pending_keys.rq"}
#: Read a staging graph of party-set keys (consolidate.regroup).
STAGED = {"agreement_reports_keyed.rq"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with fixture_store(tmp_path_factory.mktemp("sparql") / "store") as store:
        # as `ingest` leaves it: consolidation.rq and single_source_agreements.rq read that graph
        consolidate(store)
        yield store


@pytest.mark.parametrize("name", QUERIES)
def test_every_rq_file_documents_itself_and_runs(store: Store, name: str) -> None:
    text = read_rq(name)
    assert text.startswith(f"# {name}:"), "each query opens with a comment naming what it returns"
    if name == "union.rq":
        assert len(list(store.query(text))) > 100
    elif name == "has_graph.rq":  # an ASK, with the graph bound
        graph = rdflib.URIRef(store.select_rq("article_party_keys")[0]["graph"])
        assert bool(store.query(text, {"graph": graph})) is True
        assert bool(store.query(text, {"graph": rdflib.URIRef("urn:citygraph:absent")})) is False
    elif name in NONE_ON_AN_INGESTED_STORE:
        assert store.select_rq(name[:-3]) == []
    elif name in STAGED:
        staging = store.new_staging_graph()
        keys = [r["key"] for r in store.select_rq("party_keys")]
        store.add_to_graph(staging, [(rdflib.URIRef(staging), rdflib.URIRef("urn:citygraph:touchedKey"),
                                      rdflib.Literal(k)) for k in keys])
        try:
            rows = store.select_staged(name[:-3], staging)
        finally:
            store.remove_graph(staging)
        assert {r["key"] for r in rows} == set(keys)
        assert {r["agreement"] for r in rows} == {r["agreement"] for r in store.select_rq("agreement_reports")}
    else:
        rows = store.select_rq(name[:-3])
        assert rows, f"{name} returned nothing on the fixture store"
        json.dumps(rows)


def test_bindings_narrow_a_query(store: Store) -> None:
    everything = store.select_rq("attributes")
    forums = store.select_rq("attributes", **{"class": CG.Forum})
    assert 0 < len(forums) < len(everything)
    assert {row["class"] for row in forums} == {str(CG.Forum)}


def test_select_result_has_table_and_standard_serialisations(store: Store) -> None:
    result = run_query(store, "SELECT ?name WHERE { ?p a cg:Place ; cg:name ?name } ORDER BY ?name")
    assert result.kind == "select" and result.variables == ["name"]
    names = [row[0] for row in result.rows]
    assert "Bogor" in names and all(isinstance(n, str) for n in names)
    parsed = json.loads(result.serialize("json"))
    assert parsed["head"]["vars"] == ["name"]
    assert [b["name"]["value"] for b in parsed["results"]["bindings"]] == names
    rows = list(csv.reader(io.StringIO(result.serialize("csv").decode())))
    assert rows[0] == ["name"] and [r[0] for r in rows[1:]] == names
    tsv = result.serialize("tsv").decode().splitlines()
    assert tsv[0] == "?name" and tsv[1] == f'"{names[0]}"'
    assert b"<sparql" in result.serialize("xml")
    with pytest.raises(ValueError, match="not 'turtle'"):
        result.serialize("turtle")


def test_unbound_cells_are_none(store: Store) -> None:
    result = run_query(store, "SELECT ?p ?gn WHERE { ?p a cg:Place OPTIONAL { ?p cg:geonamesId ?gn } }")
    assert any(row[1] is None for row in result.rows)


def test_ask_construct_and_describe(store: Store) -> None:
    ask = run_query(store, "ASK { ?a a cg:Agreement }")
    assert ask.kind == "ask" and ask.boolean is True and ask.rows == [("true",)]
    assert json.loads(ask.serialize("json"))["boolean"] is True
    assert run_query(store, "ASK { ?a a cg:Nothing }").boolean is False

    construct = run_query(store, "CONSTRUCT { ?a cg:party ?p } WHERE { ?a cg:party ?p }")
    assert construct.kind == "graph" and construct.variables == ["subject", "predicate", "object"]
    graph = rdflib.Graph().parse(data=construct.serialize("turtle"), format="turtle")
    assert len(graph) == 8
    nt = rdflib.Graph().parse(data=construct.serialize("ntriples"), format="nt")
    assert len(nt) == 8
    with pytest.raises(ValueError, match="graph result"):
        construct.serialize("csv")

    describe = run_query(store, "DESCRIBE <https://w3id.org/citygraph/resource/place/ID-32.71>")
    assert describe.kind == "graph" and len(describe.rows) > 5


def test_queries_from_files(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a cg:Agreement }", encoding="utf-8")
    assert read_query(str(path)).startswith("SELECT")
    assert run_query(store, path).rows == [("4",)]
    assert read_query("ASK {}") == "ASK {}"
    with pytest.raises(QueryError, match="no query file"):
        read_query(tmp_path / "missing.rq")


def test_syntax_errors_carry_the_parser_message(store: Store) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(store, "SELECT ?x WHERE { ?x ?y }")
    message = str(caught.value)
    assert message.startswith("error at 1:")
    with pytest.raises(QueryError, match="error at"):
        run_query(store, "SELECT ?x WHERE { ?x nope:y ?z }")
