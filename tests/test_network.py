"""Projections of the store as NetworkX graphs: pairs and weights, filters, views, exports.

Real on-disk stores in tmp_path built from the hand-made extractions of
fixtures_backend (Bogor-Seoul reported twice, Bandung-Mihara, two
Bandung-Kyoto agreements, one dated only by day and month).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import networkx as nx
import pytest

from citygraph.consolidate import consolidate
from citygraph.model import Agreement, Article, Evidence, Extraction, Instrument, PartialDate
from citygraph.network import (
    Filters,
    NetworkError,
    bipartite_graph,
    build_cooperation_graph,
    cooperation_graph,
    domain_graph,
    find_place,
    neighbourhood,
    read_agreements,
    write_graph,
)
from citygraph.rdf import mint_place_iri
from citygraph.store import open_store, read_rq
from fixtures_backend import (
    BANDUNG,
    BOGOR,
    KYOTO,
    MIHARA,
    SEOUL,
    all_extractions,
    bogor_seoul_extraction,
    fixture_store,
    ingest,
)

B, S, BD, K, M = (str(mint_place_iri(p)) for p in (BOGOR, SEOUL, BANDUNG, KYOTO, MIHARA))


@pytest.fixture
def G(tmp_path: Path) -> nx.Graph:
    with fixture_store(tmp_path / "store") as store:
        return cooperation_graph(store, with_sources=True, with_labels=True)


def pairs(G: nx.Graph) -> dict[frozenset[str], int]:
    return {frozenset((u, v)): w for u, v, w in G.edges(data="weight")}


def test_one_edge_per_pair_weighted_by_agreements(G: nx.Graph) -> None:
    # Bogor-Seoul is one agreement however many articles report it; Bandung-Kyoto are two.
    assert pairs(G) == {frozenset((B, S)): 1, frozenset((BD, K)): 2, frozenset((BD, M)): 1}
    assert set(G) == {B, S, BD, K, M}  # places named only in the negative article are no nodes
    edge = G.edges[BD, M]
    assert edge["years"] == [2019] and edge["first_year"] == 2019
    assert edge["domains"] == {"culture": 1, "education": 1} and edge["dominant_domain"] == "culture"
    assert edge["sister_city"] is True
    assert G.edges[BD, K]["years"] == [2015]  # the --08-14 agreement has no year
    assert G.nodes[BD]["name"] == "Bandung" and G.nodes[BD]["kind"] == "city" and G.nodes[BD]["agreements"] == 3
    assert G.nodes[B]["lat"] == pytest.approx(-6.59444)
    assert G.graph["domain_labels"]["tourism"]


def test_agreements_carry_their_sources_for_tooltips(G: nx.Graph) -> None:
    (iri,) = G.edges[B, S]["agreements"]
    sources = G.graph["agreements"][iri]["sources"]
    assert {s["article"] for s in sources} == {"dev-003", "en-002"}
    assert any(s["url"] == "https://example.org/berita/bogor-seoul?id=1&x=2" for s in sources)
    assert all(s["evidence"] for s in sources)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(domains=("culture",)), {frozenset((BD, M)): 1}),
        (Filters(domains=("smart_city", "culture")), {frozenset((B, S)): 1, frozenset((BD, M)): 1}),
        (Filters(since=2016), {frozenset((B, S)): 1, frozenset((BD, M)): 1}),
        (Filters(until=2015), {frozenset((BD, K)): 1}),  # the undated one is left out
        (Filters(since=2016, until=2016), {frozenset((B, S)): 1}),
        (Filters(countries=("kr",)), {frozenset((B, S)): 1}),  # the Korean partner's Indonesian partner stays
        (Filters(countries=("ID",)), {frozenset((B, S)): 1, frozenset((BD, K)): 2, frozenset((BD, M)): 1}),
        (Filters(statuses=("planned",)), {frozenset((BD, K)): 1}),
        (Filters(statuses=("renewed", "signed")), {frozenset((B, S)): 1, frozenset((BD, K)): 1,
                                                   frozenset((BD, M)): 1}),
    ],
)
def test_filters(G: nx.Graph, tmp_path: Path, filters: Filters, expected: dict) -> None:
    with fixture_store(tmp_path / "filtered") as store:
        assert pairs(cooperation_graph(store, filters)) == expected


def test_kind_filter_keeps_city_to_city_cooperation(tmp_path: Path) -> None:
    with fixture_store(tmp_path / "store") as store:
        H = cooperation_graph(store, Filters(kinds=("city",)))
    # Kyoto is a province: its agreements lose their only other party; Bandung stays (Mihara).
    assert K not in H and pairs(H) == {frozenset((B, S)): 1, frozenset((BD, M)): 1}
    assert H.graph["filters"]["kinds"] == ["city"]


def test_filters_are_normalised_and_checked() -> None:
    assert Filters(countries=("id", "KR", "ID")).countries == ("ID", "KR")
    assert Filters().empty and not Filters(since=2000).empty
    with pytest.raises(NetworkError, match="after"):
        Filters(since=2020, until=2010)


def test_projection_does_not_depend_on_ingest_order(tmp_path: Path) -> None:
    extractions = all_extractions()
    with open_store(str(tmp_path / "a")) as a:
        ingest(a, extractions)
        Ga = cooperation_graph(a)
    with open_store(str(tmp_path / "b")) as b:
        ingest(b, list(reversed(extractions)))
        Gb = cooperation_graph(b)
    assert list(Ga.nodes(data=True)) == list(Gb.nodes(data=True))
    assert list(Ga.edges(data=True)) == list(Gb.edges(data=True))
    assert list(Ga) == sorted(Ga)


def test_consolidated_reports_are_one_agreement(tmp_path: Path) -> None:
    """A second article gives the Bogor-Seoul letter without its year: consolidation joins the two nodes."""
    text = "Bogor and Seoul signed a cooperation on 8 June."
    vague = Extraction(
        Article(id="vague-1", text=text, lang="en", published=dt.date(2016, 6, 9)), "en", places=[BOGOR, SEOUL],
        agreements=[Agreement(parties=[BOGOR, SEOUL], instrument=Instrument.UNSPECIFIED,
                              date=PartialDate(None, 6, 8), domains=["tourism"],
                              evidence=[Evidence(text, 0, len(text))])])
    with open_store(str(tmp_path / "store")) as store:
        ingest(store, [bogor_seoul_extraction(), vague])
        assert len(read_agreements(store)) == 2
        consolidate(store)
        records = read_agreements(store)
        H = cooperation_graph(store, with_sources=True)
    assert len(records) == 1
    (record,) = records.values()
    assert record.date == "2016-06-08" and record.year == 2016 and record.instrument == "letter_of_intent"
    assert set(record.domains) == {"smart_city", "transport", "tourism"}
    assert pairs(H) == {frozenset((B, S)): 1}
    assert {s["article"] for s in H.graph["agreements"][record.id]["sources"]} == {"dev-003", "vague-1"}


def test_domain_graph_recounts_on_one_domains_agreements(G: nx.Graph) -> None:
    H = domain_graph(G, "smart_city")
    assert pairs(H) == {frozenset((B, S)): 1}
    assert H.graph["filters"]["domains"] == ["smart_city"]
    assert H.nodes[B]["domains"] == {"smart_city": 1, "transport": 1}


def test_bipartite_graph_links_places_to_their_domains(G: nx.Graph) -> None:
    Bp = bipartite_graph(G)
    domain = "https://w3id.org/citygraph/concept/domain/culture"
    assert Bp.nodes[domain]["type"] == "domain" and Bp.nodes[domain]["bipartite"] == 1
    assert set(Bp[domain]) == {BD, M} and Bp.edges[BD, domain]["weight"] == 1
    assert Bp.nodes[K]["bipartite"] == 0 and Bp.degree(K) == 0  # Kyoto's agreements name no domain
    assert nx.is_bipartite(Bp)


def test_neighbourhood_by_name_key_or_iri(G: nx.Graph) -> None:
    assert set(neighbourhood(G, "bandung", 1)) == {BD, K, M}
    assert set(neighbourhood(G, "ISO2-JP-26", 0)) == {K}
    H = neighbourhood(G, BD, 2)
    assert H.graph["centre"] == BD and set(H.graph["agreements"]) == {a for *_, ids in H.edges(data="agreements")
                                                                      for a in ids}


def test_an_ambiguous_or_unknown_place_is_an_error_that_says_what_to_do() -> None:
    G = nx.Graph()
    G.add_node("p/city", name="Bandung", kind="city", country="ID")
    G.add_node("p/regency", name="Bandung", kind="regency", country="ID")
    with pytest.raises(NetworkError, match="names 2 places.*--kind"):
        find_place(G, "Bandung")
    with pytest.raises(NetworkError, match="no place named"):
        find_place(G, "Atlantis")


def test_build_is_pure_and_keeps_one_party_agreements_as_isolated_nodes() -> None:
    from citygraph.network import AgreementRecord

    records = {"a1": AgreementRecord("a1", ("x",)), "a2": AgreementRecord("a2", ("x", "y", "z"), year=2020)}
    H = build_cooperation_graph(records, {})
    assert pairs(H) == {frozenset(("x", "y")): 1, frozenset(("x", "z")): 1, frozenset(("y", "z")): 1}
    assert H.nodes["x"]["agreements"] == 2


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_open_in_networkx_with_flat_attributes(G: nx.Graph, tmp_path: Path, fmt: str) -> None:
    (path,) = write_graph(G, fmt, tmp_path / f"net.{fmt}")
    H = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert H.number_of_edges() == 3
    data = H.nodes[BD]
    assert data.get("name", data.get("label")) == "Bandung"
    assert int(H.edges[BD, K]["weight"]) == 2


def test_csv_writes_a_nodes_and_an_edges_table(G: nx.Graph, tmp_path: Path) -> None:
    nodes_path, edges_path = write_graph(G, "csv", tmp_path / "net.csv")
    assert nodes_path.endswith("net.nodes.csv") and edges_path.endswith("net.edges.csv")
    nodes = list(csv.DictReader(Path(nodes_path).read_text("utf-8").splitlines()))
    edges = list(csv.DictReader(Path(edges_path).read_text("utf-8").splitlines()))
    assert {n["name"] for n in nodes} == {"Bogor", "Seoul", "Bandung", "Kyoto", "Mihara"}
    row = next(e for e in edges if {e["source_name"], e["target_name"]} == {"Bandung", "Mihara"})
    assert row["weight"] == "1" and row["domains"] == "culture:1; education:1" and row["first_year"] == "2019"


@pytest.mark.parametrize("name", ["network_parties", "network_facets", "network_places", "network_sources",
                                  "network_domain_labels", "network_same_agreement"])
def test_each_query_says_what_it_returns_and_who_uses_it(name: str) -> None:
    text = read_rq(name)
    assert text.startswith(f"# {name}.rq:") and "Used by" in text
