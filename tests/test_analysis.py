"""Measures, communities, profiles and their triples, on small graphs with hand-checked numbers.

Hand-checked graphs (as networkx's own TestDegreeCentrality): a path a-b-c-d,
a star with four leaves, and two triangles joined by a bridge. Every measure
is checked on both backends, which must agree. Store tests use real on-disk
stores built from hand-made extractions.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import OWL
from typer.testing import CliRunner

from citygraph import analysis
from citygraph.analysis import (
    analyze,
    analyze_graph,
    analyze_projection,
    betweenness,
    canonical,
    communities,
    eigenvector,
    last_run,
    name_by_domains,
    place_measures,
    results_to_graph,
)
from citygraph.cli import app
from citygraph.model import Agreement, Article, Evidence, Extraction, PartialDate, Place, PlaceKind
from citygraph.network import (
    AgreementRecord,
    Filters,
    NetworkError,
    build_cooperation_graph,
    materialised_edges,
    select_analysis_rq,
)
from citygraph.rdf import mint_place_iri
from citygraph.store import ontology_dir, open_store
from citygraph.vocab import DOMAIN
from citygraph.vocab_analysis import ANALYSIS_GRAPH, ANALYSIS_IRI, CGA
from fixtures_backend import all_extractions, fixture_store, ingest

BACKENDS = ["networkx", "igraph"]


def graph(edges: list[tuple[str, str]], weights: dict | None = None) -> nx.Graph:
    G = nx.Graph()
    for u, v in edges:
        G.add_edge(u, v, weight=(weights or {}).get((u, v), 1))
    return G


PATH = graph([("a", "b"), ("b", "c"), ("c", "d")])
STAR = graph([("hub", leaf) for leaf in "wxyz"])
BRIDGED = graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("d", "f")])


# ---- Hand-checked measures, both backends ----


@pytest.mark.parametrize("backend", BACKENDS)
def test_path(backend: str) -> None:
    result = analyze_projection(PATH, backend=backend)
    s = result.scores
    assert [s[n]["degree"] for n in "abcd"] == [1, 2, 2, 1]
    # b lies on a-c and a-d: 2 of the C(3,2)=3 pairs it could be between.
    assert [s[n]["betweenness"] for n in "abcd"] == pytest.approx([0, 2 / 3, 2 / 3, 0])
    assert all(s[n]["clustering"] == 0 for n in "abcd")
    assert result.diameter == 3 and result.density == pytest.approx(0.5) and result.components == 1
    # Eigenvector of a path of 4: (1, phi, phi, 1) normalised, phi the golden ratio.
    phi = (1 + math.sqrt(5)) / 2
    norm = math.sqrt(2 + 2 * phi * phi)
    assert [s[n]["eigenvector"] for n in "abcd"] == pytest.approx([1 / norm, phi / norm, phi / norm, 1 / norm],
                                                                  abs=1e-4)
    assert sum(s[n]["pagerank"] for n in "abcd") == pytest.approx(1)
    assert s["a"]["pagerank"] == pytest.approx(s["d"]["pagerank"])
    assert s["a"]["pagerank"] < s["b"]["pagerank"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_star(backend: str) -> None:
    result = analyze_projection(STAR, backend=backend)
    s = result.scores
    assert s["hub"]["degree"] == 4 and s["hub"]["betweenness"] == pytest.approx(1.0)
    assert all(s[leaf]["betweenness"] == 0 for leaf in "wxyz")
    # Leading eigenvector of K1,4: hub sqrt(4) times a leaf; unit norm gives 1/sqrt(2) and 1/sqrt(8).
    assert s["hub"]["eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-4)
    assert s["w"]["eigenvector"] == pytest.approx(1 / math.sqrt(8), abs=1e-4)
    assert result.diameter == 2 and result.density == pytest.approx(0.4)
    # PageRank of a star: the hub gets (1-d)/5 + d * (all leaves' rank).
    leaf = s["w"]["pagerank"]
    assert s["hub"]["pagerank"] == pytest.approx(0.15 / 5 + 0.85 * 4 * leaf, abs=1e-5)


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_triangles_joined_by_a_bridge(backend: str) -> None:
    result = analyze_projection(BRIDGED, backend=backend)
    s = result.scores
    # c is between {a, b} and {d, e, f}: 6 of the C(5,2) = 10 pairs.
    assert s["c"]["betweenness"] == pytest.approx(0.6) and s["d"]["betweenness"] == pytest.approx(0.6)
    assert s["a"]["betweenness"] == 0
    assert s["a"]["clustering"] == 1 and s["c"]["clustering"] == pytest.approx(1 / 3)
    assert result.diameter == 3 and result.density == pytest.approx(7 / 15)
    assert [c.members for c in result.communities] == [["a", "b", "c"], ["d", "e", "f"]]
    # Two communities of 3 edges each out of 7 plus the bridge: Q = 2 * (3/7 - (7/14)^2) = 5/14.
    assert result.modularity == pytest.approx(5 / 14)
    assert result.community_of["a"] == 1 and result.community_of["f"] == 2


@pytest.mark.parametrize("G", [PATH, STAR, BRIDGED, nx.les_miserables_graph()])
def test_backends_agree(G: nx.Graph) -> None:
    nx_result = analyze_projection(G, backend="networkx")
    ig_result = analyze_projection(G, backend="igraph")
    for node, scores in nx_result.scores.items():
        for measure, value in scores.items():
            assert ig_result.scores[node][measure] == pytest.approx(value, abs=1e-5), (node, measure)


def test_sampled_betweenness_is_seeded_and_the_same_on_both_backends() -> None:
    G = nx.relabel_nodes(nx.barabasi_albert_graph(300, 2, seed=3), lambda n: f"n{n:03d}")
    exact, pivots = betweenness(G, backend="igraph")
    assert pivots is None
    a, k = betweenness(G, backend="networkx", exact_max_nodes=100, sample=60, seed=5)
    b, _ = betweenness(G, backend="igraph", exact_max_nodes=100, sample=60, seed=5)
    assert k == 60
    assert all(a[n] == pytest.approx(b[n], abs=1e-9) for n in G)
    c, _ = betweenness(G, backend="igraph", exact_max_nodes=100, sample=60, seed=5)
    assert c == b
    top_exact = sorted(G, key=lambda n: -exact[n])[:5]
    top_sampled = sorted(G, key=lambda n: -b[n])[:10]
    assert set(top_exact[:3]) <= set(top_sampled)  # an estimate, but it finds the bridges


def test_eigenvector_falls_back_when_power_iteration_does_not_converge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "EIGENVECTOR_MAX_ITER", 1)
    values, method = eigenvector(BRIDGED, backend="networkx")
    assert method == "arpack"
    assert values["c"] == pytest.approx(eigenvector(BRIDGED, backend="igraph")[0]["c"], abs=1e-5)
    assert eigenvector(nx.empty_graph(3), backend="igraph")[1] == "no edges"


def test_leiden_needs_igraph_and_unknown_choices_are_errors() -> None:
    assert [sorted(c) for c in communities(BRIDGED, method="leiden", backend="igraph")] == [["a", "b", "c"],
                                                                                           ["d", "e", "f"]]
    with pytest.raises(NetworkError, match="igraph"):
        communities(BRIDGED, method="leiden", backend="networkx")
    with pytest.raises(NetworkError, match="method"):
        communities(BRIDGED, method="girvan")
    with pytest.raises(NetworkError, match="backend"):
        analyze_projection(BRIDGED, backend="graph-tool")


# ---- Communities do not depend on ingest order ----


def _clustered_graph(seed: int) -> nx.Graph:
    """Four planted groups of ten with a few edges between: enough ties for order to matter unsorted."""
    rng = random.Random(seed)
    G = nx.planted_partition_graph(4, 10, 0.5, 0.05, seed=seed)
    G = nx.relabel_nodes(G, lambda n: f"https://example.org/place/{n:02d}")
    for u, v in G.edges():
        G.edges[u, v]["weight"] = rng.choice([1, 1, 2])
    return G


@pytest.mark.parametrize("backend", BACKENDS)
def test_communities_ignore_node_and_edge_order(backend: str) -> None:
    G = _clustered_graph(1)
    expected = communities(G, backend=backend, seed=3)
    for shuffle in range(5):
        rng = random.Random(shuffle)
        nodes, edges = list(G.nodes), list(G.edges(data=True))
        rng.shuffle(nodes)
        rng.shuffle(edges)
        H = nx.Graph()
        H.add_nodes_from(nodes)
        H.add_edges_from((v, u, d) if rng.random() < 0.5 else (u, v, d) for u, v, d in edges)
        assert communities(H, backend=backend, seed=3) == expected
    assert list(canonical(G)) == sorted(G)


def _place(name: str) -> Place:
    return Place(key=f"X-ID-{name}", name=name.capitalize(), kind=PlaceKind.CITY, country="ID", linked=False)


def _cooperation(article_id: str, a: str, b: str, domains: list[str], year: int | None = 2020) -> Extraction:
    text = f"{a} and {b} signed a memorandum of understanding on {', '.join(domains) or 'cooperation'}."
    parties = [_place(a), _place(b)]
    agreement = Agreement(parties=parties, domains=domains, date=PartialDate(year) if year else None,
                          evidence=[Evidence(text, 0, len(text))])
    return Extraction(Article(id=article_id, text=text, lang="en"), "en", places=parties, agreements=[agreement])


def _clustered_extractions() -> list[Extraction]:
    G = _clustered_graph(2)
    names = {n: f"p{n[-2:]}" for n in G}
    return [_cooperation(f"art-{i:03d}", names[u], names[v], ["tourism"] if int(u[-2:]) < 20 else ["education"])
            for i, (u, v) in enumerate(sorted(G.edges()))]


@pytest.mark.parametrize("backend", BACKENDS)
def test_seeded_louvain_gives_the_same_communities_under_two_ingest_orders(tmp_path: Path, backend: str) -> None:
    extractions = _clustered_extractions()
    shuffled = list(extractions)
    random.Random(9).shuffle(shuffled)
    found = []
    for name, order in (("forward", extractions), ("shuffled", shuffled)):
        with open_store(str(tmp_path / name)) as store:
            ingest(store, order)
            result = analyze(store, backend=backend, seed=11)
            found.append(([c.members for c in result.network.communities], place_measures(store)))
    assert found[0] == found[1]
    assert len(found[0][0]) >= 2


# ---- Profiles and names ----


def test_community_profiles_and_names_come_from_their_agreements() -> None:
    records = {
        "t1": AgreementRecord("t1", ("a", "b"), domains=("culture", "tourism")),
        "t2": AgreementRecord("t2", ("b", "c"), domains=("tourism",)),
        "t3": AgreementRecord("t3", ("a", "c"), domains=("tourism",)),
        "e1": AgreementRecord("e1", ("d", "e"), domains=("education",)),
        "e2": AgreementRecord("e2", ("e", "f"), domains=("education", "health")),
        "e3": AgreementRecord("e3", ("d", "f"), domains=("education",)),
        "x": AgreementRecord("x", ("c", "d"), domains=()),
    }
    G = build_cooperation_graph(records, {})
    result = analyze_graph(G, backend="networkx", seed=1)
    first, second = result.network.communities
    assert first.members == ["a", "b", "c"] and first.agreements == 4  # t1-t3 and the bridge x
    assert first.counts == {"tourism": 3, "culture": 1} and first.profile["tourism"] == pytest.approx(0.75)
    assert first.name == "tourism & culture" and second.name == "education & health"
    # Profile clusters: places that cooperate on the same things, whoever their partners.
    clusters = {c.name: c.members for c in result.clusters}
    assert clusters["tourism & culture"] == ["a", "b", "c"]
    assert clusters["education & health"] == ["d", "e", "f"]
    assert set(result.projections) == {"cooperation", "domain/culture", "domain/education", "domain/health",
                                       "domain/tourism"}


def test_names_by_domains() -> None:
    assert name_by_domains({}) == "no domain"
    assert name_by_domains({"tourism": 9, "culture": 1}) == "tourism"  # culture is under the 20% share
    assert name_by_domains({"b": 2, "a": 2, "c": 2}) == "a & b"


# ---- Results in the store ----


def _tourism_path_store(path: Path):  # noqa: ANN202
    """Tourism along a-b-c-d, education on b-e: betweenness in tourism is b = c = 2/3."""
    extractions = [
        _cooperation("t1", "alpha", "bravo", ["tourism"], 2015),
        _cooperation("t2", "bravo", "charlie", ["tourism"], 2017),
        _cooperation("t3", "charlie", "delta", ["tourism", "culture"], 2019),
        _cooperation("e1", "bravo", "echo", ["education"], None),
    ]
    store = open_store(str(path))
    ingest(store, extractions)
    return store


def test_top_places_by_betweenness_in_one_domain_by_sparql(tmp_path: Path) -> None:
    with _tourism_path_store(tmp_path / "store") as store:
        analyze(store)
        rows = select_analysis_rq(store, "top_places", domain=DOMAIN["tourism"])
        edu = select_analysis_rq(store, "top_places", domain=DOMAIN["education"])
    assert [(r["name"], round(r["betweenness"], 4)) for r in rows] == [
        ("Bravo", 0.6667), ("Charlie", 0.6667), ("Alpha", 0.0), ("Delta", 0.0)]
    assert {r["name"] for r in edu} == {"Bravo", "Echo"}


def test_a_run_replaces_the_previous_one_and_records_its_parameters(tmp_path: Path) -> None:
    with _tourism_path_store(tmp_path / "store") as store:
        analyze(store, seed=1)
        analyze(store, Filters(domains=("tourism",), since=2016, countries=("id",)), seed=7, method="leiden")
        runs = select_analysis_rq(store, "run")
        run = last_run(store)
        graph_quads = list(store.inner.quads_for_pattern(None, None, None, _ox_graph()))
        measures = place_measures(store)
    assert len({r["run"] for r in runs}) == 1
    assert run["seed"] == 7 and run["method"] == "leiden" and run["backend"] == "igraph"
    assert run["filterDomain"] == [str(DOMAIN["tourism"])] and run["filterSince"] == [2016]
    assert run["filterCountry"] == ["ID"] and run["startedAtTime"] <= run["endedAtTime"]
    assert "http://www.w3.org/ns/prov#Activity" in run["type"]
    # With the filters, only Bravo-Charlie (2017) and Charlie-Delta (2019) remain.
    assert set(measures) == {str(mint_place_iri(_place(n))) for n in ("bravo", "charlie", "delta")}
    subjects = {str(q.subject) for q in graph_quads}
    assert not any("alpha" in s.lower() for s in subjects)


def _ox_graph():  # noqa: ANN202
    import pyoxigraph as ox

    return ox.NamedNode(str(ANALYSIS_GRAPH))


def test_cooperation_edges_are_materialised(tmp_path: Path) -> None:
    with _tourism_path_store(tmp_path / "store") as store:
        result = analyze(store)
        edges = materialised_edges(store)
    assert len(edges) == result.graph.number_of_edges() == 4
    bravo_charlie = next(e for e in edges if {e["source"], e["target"]} == {
        str(mint_place_iri(_place("bravo"))), str(mint_place_iri(_place("charlie")))})
    assert bravo_charlie == {**bravo_charlie, "weight": 1, "first_year": 2017, "dominant_domain": "tourism"}


def test_results_use_only_defined_terms_and_are_valid_rdf(tmp_path: Path) -> None:
    with fixture_store(tmp_path / "store") as store:
        result = analyze(store, write=False)
    graph = results_to_graph(result)
    used = {t for triple in graph for t in triple if str(t).startswith(ANALYSIS_IRI)}
    defined = {getattr(CGA, name) for name in CGA.__annotations__}
    assert used <= defined
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert len(again) == len(graph)
    assert (None, RDFS.label, Literal("culture & education")) in graph


def test_ontology_file_and_python_terms_agree() -> None:
    ontology = Graph().parse(Path(str(ontology_dir())) / "analysis.ttl", format="turtle")
    terms = {s for s in ontology.subjects() if str(s).startswith(ANALYSIS_IRI)}
    assert terms == {getattr(CGA, name) for name in CGA.__annotations__}
    for term in terms:
        langs = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"en", "id"} <= langs, term
        assert ontology.value(term, RDFS.comment) is not None and ontology.value(term, RDFS.isDefinedBy), term
        types = set(ontology.objects(term, RDF.type))
        if types & {OWL.ObjectProperty, OWL.DatatypeProperty}:
            assert ontology.value(term, RDFS.domain) and ontology.value(term, RDFS.range), term
        else:
            assert OWL.Class in types and ontology.value(term, RDFS.subClassOf), term


@pytest.mark.parametrize("name", ["place_measures", "top_places", "edges", "run"])
def test_each_query_says_what_it_returns_and_who_uses_it(tmp_path: Path, name: str) -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "citygraph" / "queries" / "analysis" / f"{name}.rq"
    text = path.read_text("utf-8")
    assert text.startswith(f"# analysis/{name}.rq:") and ("Used by" in text or "example" in text)
    with _tourism_path_store(tmp_path / "store") as store:
        assert select_analysis_rq(store, name) == []  # nothing before the first analyze
        analyze(store)
        assert select_analysis_rq(store, name)
    with pytest.raises(NetworkError):
        select_analysis_rq(store, "../stats")


# ---- The CLI ----


def invoke(*args: str):  # noqa: ANN201
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_cli_analyze_then_list_cities_has_the_measures(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    with fixture_store(Path(store)):
        pass
    before = json.loads(invoke("list", "cities", "--store", store, "--format", "json").stdout)
    assert all("pagerank" not in row for row in before)
    summary = json.loads(invoke("analyze", "--store", store, "--format", "json", "--seed", "3").stdout)
    assert summary["projections"][0] == {**summary["projections"][0], "projection": "cooperation", "places": 5,
                                         "edges": 3, "components": 2, "diameter": 2}
    assert summary["seed"] == 3 and summary["communities"][0]["name"] == "culture & education"
    rows = {r["name"]: r for r in json.loads(invoke("list", "cities", "--store", store, "--format", "json").stdout)}
    assert rows["Bandung"]["degree"] == 2 and rows["Bandung"]["betweenness"] == pytest.approx(1 / 6)
    assert rows["Bandung"]["community"] == 1 and rows["Bogor"]["community"] == 2
    assert sum(r["pagerank"] for r in rows.values() if r["pagerank"] is not None) == pytest.approx(1)
    table = invoke("analyze", "--store", store, "--domain", "culture", "--kind", "city")
    assert "projections" in table.stdout and "largest communities" in table.stdout


def test_cli_export_graph_formats_and_filters(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    with fixture_store(Path(store)):
        pass
    graphml = invoke("export", "--store", store, "--format", "graphml", "--since", "2016").stdout
    H = nx.parse_graphml(graphml)
    assert H.number_of_edges() == 2 and all("pagerank" in d for _, d in H.nodes(data=True))
    invoke("export", "--store", store, "--format", "gexf", "-o", str(tmp_path / "net.gexf"))
    assert nx.read_gexf(tmp_path / "net.gexf").number_of_nodes() == 5
    invoke("export", "--store", store, "--format", "csv", "-o", str(tmp_path / "net.csv"))
    assert (tmp_path / "net.nodes.csv").read_text("utf-8").startswith("id,name,")
    bad = CliRunner().invoke(app, ["export", "--store", store, "--format", "csv"])
    assert bad.exit_code == 2
    bad = CliRunner().invoke(app, ["export", "--store", store, "--format", "trig", "--domain", "tourism"])
    assert bad.exit_code == 2
    bad = CliRunner().invoke(app, ["analyze", "--store", store, "--since", "2020", "--until", "2010"])
    assert bad.exit_code == 2
    assert invoke("export", "--store", store, "--format", "nquads").stdout.count("graph/article/") > 10


def test_every_measure_is_computed_for_every_place() -> None:
    result = analyze_graph(build_cooperation_graph(
        {f"a{i}": AgreementRecord(f"a{i}", tuple(sorted(pair))) for i, pair in
         enumerate(itertools.combinations("abcde", 2))}, {}))
    assert all(set(s) == set(analysis.MEASURES) for s in result.network.scores.values())
    assert all_extractions()  # the shared fixtures stay importable for the store tests above
