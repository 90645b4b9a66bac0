"""Measures, communities and domain profiles of the cooperation network; results -> triples.

What is computed
----------------
For the cooperation network (:func:`citygraph.network.cooperation_graph`) and
for each domain's subgraph: per place degree, weighted degree, betweenness,
eigenvector centrality, PageRank, clustering coefficient and component; per
graph density, components, the diameter of the largest component and the
modularity of its communities. Communities (Louvain or Leiden, seeded) carry
a domain profile (the share of each domain among their agreements) and are
named by their top domains. Profile clusters group places that cooperate on
the same things: communities of the place-domain bipartite graph.

Determinism
-----------
Every graph is first rebuilt with its nodes and edges in sorted order
(:func:`canonical`): NetworkX's Louvain visits nodes in a seeded shuffle *of
the graph's node order*, and igraph numbers vertices in insertion order, so
without this the communities would change with the order articles were
ingested. Random parts (community detection, betweenness pivots) take
``seed``; igraph's generator is swapped for a seeded ``random.Random`` for
the duration of a call and restored after.

Scale (figures in ``benchmarks/analysis.py``)
---------------------------------------------
``backend="igraph"`` (the default) runs PageRank, eigenvector, clustering,
betweenness and Louvain/Leiden in C: 10-100x faster than NetworkX at 10k-50k
places. NetworkX stays as the reference (tests compare the two) and as the
fallback. Exact betweenness costs one BFS per place: measured 4.7 s at 10k
places and 264 s at 50k with igraph, so past :data:`EXACT_BETWEENNESS_MAX_NODES`
it is estimated from :data:`BETWEENNESS_SAMPLE` seeded source places (4.6 s
at 50k), with NetworkX's estimator and the same pivots on both backends. The
diameter uses NetworkX's bounding algorithm (``usebounds=True``), exact and
6 s at 50k places where igraph's all-pairs BFS took 77 s.

Results in the store
--------------------
:func:`results_to_graph` turns a run into triples of the vocabulary in
``ontology/analysis.ttl`` and :func:`write_results` writes them as the one
named graph :data:`~citygraph.vocab_analysis.ANALYSIS_GRAPH`, replaced
atomically, so the store always holds exactly the latest run. Analysis IRIs
are minted here (``resource/analysis/...``), the counterpart of ``rdf.py``
for derived data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import math
import random
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from citygraph import __version__
from citygraph.network import (
    Filters,
    NetworkError,
    bipartite_graph,
    cooperation_graph,
    domain_graph,
    domains_of,
    select_analysis_rq,
)
from citygraph.store import Store
from citygraph.vocab import DOMAIN, PLACE_KIND, PREFIXES, STATUS
from citygraph.vocab_analysis import ANALYSIS_GRAPH, ANALYSIS_PREFIXES, ANALYSIS_RESOURCE, CGA

log = logging.getLogger(__name__)

#: Past this many places betweenness is estimated from a sample (exact: 4.7 s at 10k places with igraph).
EXACT_BETWEENNESS_MAX_NODES: Final = 5_000
#: Source places of the betweenness estimate (4.6 s at 50k places with igraph).
BETWEENNESS_SAMPLE: Final = 500
#: Power iterations NetworkX gets for eigenvector centrality before the fallback.
EIGENVECTOR_MAX_ITER: Final = 1_000
PAGERANK_ALPHA: Final = 0.85
DEFAULT_SEED: Final = 42
BACKENDS: Final = ("igraph", "networkx")
METHODS: Final = ("louvain", "leiden")
#: How many domains name a community (those with at least MIN_NAME_SHARE of its domain mentions).
NAME_DOMAINS: Final = 2
MIN_NAME_SHARE: Final = 0.2
MEASURES: Final = ("degree", "weighted_degree", "betweenness", "eigenvector", "pagerank", "clustering", "component")


# ---- Records ----


@dataclass
class Community:
    """A community (or profile cluster): its number, members and domain profile.

    ``number`` ranks by size (1 is the largest; ties by smallest member IRI).
    ``counts`` is agreements per domain over the agreements with a member as
    party; ``profile`` the same as shares of all domain mentions; ``name``
    its top domains ("tourism & culture"), or "no domain".
    """

    number: int
    members: list[str]
    agreements: int
    counts: dict[str, int]
    profile: dict[str, float]
    name: str


@dataclass
class ProjectionResult:
    """Measures of one projection: the whole network (``domain`` None) or one domain's subgraph."""

    key: str
    domain: str | None
    nodes: int
    edges: int
    agreements: int
    density: float
    components: int
    diameter: int
    modularity: float
    eigenvector_method: str
    betweenness_pivots: int | None
    scores: dict[str, dict[str, float | int]]
    communities: list[Community]
    community_of: dict[str, int]


@dataclass
class AnalysisResult:
    """One analysis run: parameters, filters, times, projections, profile clusters, and the graph analysed."""

    method: str
    backend: str
    seed: int
    resolution: float
    filters: Filters
    started: dt.datetime
    ended: dt.datetime
    projections: dict[str, ProjectionResult]
    clusters: list[Community]
    cluster_of: dict[str, int]
    graph: nx.Graph = field(repr=False)
    exact_betweenness_max_nodes: int = EXACT_BETWEENNESS_MAX_NODES
    betweenness_sample: int = BETWEENNESS_SAMPLE

    @property
    def network(self) -> ProjectionResult:
        """The whole (filtered) cooperation network's results."""
        return self.projections["cooperation"]


# ---- Graph preparation ----


def canonical(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with nodes and edges inserted in sorted order (weights kept), so order-dependent
    algorithms give the same answer however the graph was built."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    H.add_weighted_edges_from(sorted((min(u, v), max(u, v), d.get("weight", 1)) for u, v, d in G.edges(data=True)))
    return H


def resolve_backend(backend: str) -> str:
    """``auto`` -> igraph when importable, else networkx; anything else must be a known backend."""
    if backend == "auto":
        try:
            import igraph  # noqa: F401
        except ImportError:
            return "networkx"
        return "igraph"
    if backend not in BACKENDS:
        raise NetworkError(f"unknown backend {backend!r}; use auto, {', '.join(BACKENDS)}")
    return backend


class _IGraph:
    """``G`` (canonical) as an igraph Graph with a vertex index: vertex i is ``nodes[i]``."""

    def __init__(self, G: nx.Graph) -> None:
        import igraph

        self.nodes = list(G)
        index = {n: i for i, n in enumerate(self.nodes)}
        edges = [(index[u], index[v]) for u, v in G.edges()]
        self.graph = igraph.Graph(n=len(self.nodes), edges=edges)
        self.weights = [float(w) for _, _, w in G.edges(data="weight", default=1)]

    def as_dict(self, values: list[float]) -> dict[str, float]:
        return dict(zip(self.nodes, values, strict=True))


@contextlib.contextmanager
def _igraph_seeded(seed: int) -> Iterator[None]:
    """igraph draws from Python's ``random`` module; give it a seeded generator of its own meanwhile."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


# ---- Measures ----


def _pivots(G: nx.Graph, seed: int, sample: int) -> list[str]:
    """NetworkX's own pivot draw (``random.Random(seed).sample(list(G), k)``), so both backends agree."""
    return random.Random(seed).sample(list(G), min(sample, len(G)))


def betweenness(G: nx.Graph, *, backend: str = "auto", seed: int = DEFAULT_SEED,
                exact_max_nodes: int = EXACT_BETWEENNESS_MAX_NODES,
                sample: int = BETWEENNESS_SAMPLE) -> tuple[dict[str, float], int | None]:
    """Normalised betweenness (hops, unweighted) and the number of pivots (None when exact).

    Past ``exact_max_nodes`` places it is NetworkX's estimator from ``sample``
    seeded source places (``betweenness_centrality(k=..., seed=...)``); the
    igraph backend computes the same estimate from the same pivots.
    """
    G = canonical(G)
    n = len(G)
    pivots = _pivots(G, seed, sample) if n > exact_max_nodes else None
    if resolve_backend(backend) == "networkx":
        if pivots is None:
            return nx.betweenness_centrality(G), None
        return nx.betweenness_centrality(G, k=len(pivots), seed=seed), len(pivots)
    ig = _IGraph(G)
    if n < 3:
        return dict.fromkeys(G, 0.0), None if pivots is None else len(pivots)
    if pivots is None:
        raw = ig.graph.betweenness(directed=False)
        return ig.as_dict([b * 2 / ((n - 1) * (n - 2)) for b in raw]), None
    index = {v: i for i, v in enumerate(ig.nodes)}
    raw = ig.graph.betweenness(directed=False, sources=[index[p] for p in pivots])
    k, chosen = len(pivots), set(pivots)
    # igraph halves the ordered-pair sums of an undirected graph; NetworkX's _rescale
    # (endpoints=False, sampled) divides sources by (k-1)(n-2) and the rest by k(n-2).
    values = [2 * b / (((k - 1) if v in chosen else k) * (n - 2)) if (k > 1 or v not in chosen) else 0.0
              for v, b in zip(ig.nodes, raw, strict=True)]
    return ig.as_dict(values), k


def eigenvector(G: nx.Graph, *, backend: str = "auto") -> tuple[dict[str, float], str]:
    """Weighted eigenvector centrality with unit Euclidean norm, and how it was obtained.

    NetworkX: power iteration, then ARPACK if it does not converge, then
    degree centrality as the last fallback ("degree fallback"). igraph:
    ARPACK. A graph without edges has no leading eigenvector: all zeros.
    """
    G = canonical(G)
    if G.number_of_edges() == 0:
        return dict.fromkeys(G, 0.0), "no edges"
    if resolve_backend(backend) == "networkx":
        try:
            return (nx.eigenvector_centrality(G, max_iter=EIGENVECTOR_MAX_ITER, tol=1e-10, weight="weight"),
                    "power iteration")
        except nx.PowerIterationFailedConvergence:
            log.info("eigenvector power iteration did not converge; trying ARPACK")
        try:
            return nx.eigenvector_centrality_numpy(G, weight="weight"), "arpack"
        except (nx.NetworkXException, ArithmeticError, ValueError) as e:
            log.info("ARPACK failed (%s); eigenvector falls back to degree", e)
        return _unit(dict(G.degree(weight="weight"))), "degree fallback"
    ig = _IGraph(G)
    with warnings.catch_warnings():
        # igraph warns that a disconnected graph's minor components get zeros: documented, expected.
        warnings.simplefilter("ignore", RuntimeWarning)
        values = ig.graph.eigenvector_centrality(weights=ig.weights)
    # ARPACK leaves round-off (1e-17) where the exact value is 0: minor components, leaves far away.
    return _unit(ig.as_dict([abs(v) if abs(v) > 1e-12 else 0.0 for v in values])), "arpack"


def _unit(values: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in values.values()))
    return {k: (v / norm if norm else 0.0) for k, v in values.items()}


def pagerank(G: nx.Graph, *, backend: str = "auto") -> dict[str, float]:
    """PageRank (damping :data:`PAGERANK_ALPHA`) weighted by agreements; sums to 1."""
    G = canonical(G)
    if len(G) == 0:
        return {}
    if resolve_backend(backend) == "networkx":
        # A tighter tolerance than NetworkX's default (1e-6 * n in L1), so the reference matches igraph's PRPACK.
        return nx.pagerank(G, alpha=PAGERANK_ALPHA, weight="weight", tol=1e-10, max_iter=1000)
    ig = _IGraph(G)
    return ig.as_dict(ig.graph.pagerank(directed=False, damping=PAGERANK_ALPHA, weights=ig.weights or None))


def clustering(G: nx.Graph, *, backend: str = "auto") -> dict[str, float]:
    """Local clustering coefficient (unweighted); 0 for places with fewer than two partners."""
    G = canonical(G)
    if resolve_backend(backend) == "networkx":
        return {n: float(c) for n, c in nx.clustering(G).items()}
    ig = _IGraph(G)
    return ig.as_dict([float(c) for c in ig.graph.transitivity_local_undirected(mode="zero")])


def components(G: nx.Graph) -> list[list[str]]:
    """Connected components, largest first (ties: smallest member), members sorted."""
    return sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))


def diameter(G: nx.Graph) -> int:
    """Diameter in hops of the largest component (0 for an empty graph or a single place).

    NetworkX's bounding algorithm (``usebounds=True``): exact, and far faster
    than all-pairs BFS on sparse networks (6 s at 50k places, where igraph's
    exhaustive search took 77 s).
    """
    parts = components(G)
    if not parts or len(parts[0]) < 2:
        return 0
    return int(nx.diameter(canonical(G.subgraph(parts[0])), usebounds=True))


def communities(G: nx.Graph, *, method: str = "louvain", backend: str = "auto", seed: int = DEFAULT_SEED,
                resolution: float = 1.0) -> list[list[str]]:
    """Weighted modularity communities, largest first (ties: smallest member), members sorted.

    Louvain on either backend, Leiden on igraph only. Seeded, and the graph is
    made canonical first, so the same network gives the same communities
    whatever order its places were added in.
    """
    if method not in METHODS:
        raise NetworkError(f"unknown community method {method!r}; use {', '.join(METHODS)}")
    G = canonical(G)
    if len(G) == 0:
        return []
    chosen = resolve_backend(backend)
    if chosen == "networkx":
        if method == "leiden":
            raise NetworkError("leiden needs the igraph backend (pip install igraph); use --method louvain")
        found = nx.community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed)
        groups = [sorted(c) for c in found]
    else:
        ig = _IGraph(G)
        weights = ig.weights if ig.weights else None
        with _igraph_seeded(seed):
            if method == "louvain":
                clusters = ig.graph.community_multilevel(weights=weights, resolution=resolution)
            else:
                clusters = ig.graph.community_leiden(objective_function="modularity", weights=weights,
                                                     resolution=resolution, n_iterations=-1)
        groups = [sorted(ig.nodes[i] for i in members) for members in clusters]
    return sorted((g for g in groups if g), key=lambda c: (-len(c), c[0]))


def modularity(G: nx.Graph, groups: list[list[str]], resolution: float = 1.0) -> float:
    """Weighted modularity of a partition (0 for a graph without edges)."""
    if G.number_of_edges() == 0:
        return 0.0
    return float(nx.community.modularity(G, groups, weight="weight", resolution=resolution))


# ---- Domain profiles ----


def _agreements_by_place(G: nx.Graph) -> dict[str, list[Mapping[str, Any]]]:
    by_place: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for record in G.graph.get("agreements", {}).values():
        for party in record["parties"]:
            by_place[party].append(record)
    return by_place


def domain_profile(G: nx.Graph, members: list[str],
                   by_place: Mapping[str, list[Mapping[str, Any]]] | None = None) -> tuple[int, dict[str, int]]:
    """How many agreements have a member as party, and how many of those name each domain."""
    by_place = by_place if by_place is not None else _agreements_by_place(G)
    seen: dict[str, Mapping[str, Any]] = {}
    for member in members:
        for record in by_place.get(member, ()):
            seen[record["id"]] = record
    counts = Counter(d for record in seen.values() for d in record["domains"])
    return len(seen), dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def name_by_domains(counts: Mapping[str, int]) -> str:
    """"tourism & culture": the codes of the top :data:`NAME_DOMAINS` domains with at least :data:`MIN_NAME_SHARE`."""
    total = sum(counts.values())
    if not total:
        return "no domain"
    ranked = sorted(counts, key=lambda d: (-counts[d], d))
    top = [d for d in ranked[:NAME_DOMAINS] if counts[d] / total >= MIN_NAME_SHARE] or ranked[:1]
    return " & ".join(top)


def _community_records(G: nx.Graph, groups: list[list[str]]) -> list[Community]:
    by_place = _agreements_by_place(G)
    result = []
    for number, members in enumerate(groups, start=1):
        agreements, counts = domain_profile(G, members, by_place)
        total = sum(counts.values())
        profile = {d: c / total for d, c in counts.items()} if total else {}
        result.append(Community(number, members, agreements, counts, profile, name_by_domains(counts)))
    return result


# ---- One projection, one run ----


def analyze_projection(G: nx.Graph, *, key: str = "cooperation", domain: str | None = None,
                       method: str = "louvain", backend: str = "auto", seed: int = DEFAULT_SEED,
                       resolution: float = 1.0, exact_max_nodes: int = EXACT_BETWEENNESS_MAX_NODES,
                       sample: int = BETWEENNESS_SAMPLE) -> ProjectionResult:
    """Every measure and the communities of one cooperation network (no store access)."""
    chosen = resolve_backend(backend)
    H = canonical(G)
    n = len(H)
    between, pivots = betweenness(H, backend=chosen, seed=seed, exact_max_nodes=exact_max_nodes, sample=sample)
    eigen, eigen_method = eigenvector(H, backend=chosen)
    rank = pagerank(H, backend=chosen)
    clust = clustering(H, backend=chosen)
    parts = components(H)
    component_of = {node: i for i, part in enumerate(parts, start=1) for node in part}
    groups = communities(H, method=method, backend=chosen, seed=seed, resolution=resolution)
    community_of = {node: i for i, group in enumerate(groups, start=1) for node in group}
    scores: dict[str, dict[str, float | int]] = {}
    for node in H:
        scores[node] = {
            "degree": H.degree(node),
            "weighted_degree": int(H.degree(node, weight="weight")),
            "betweenness": float(between[node]),
            "eigenvector": float(eigen[node]),
            "pagerank": float(rank[node]),
            "clustering": float(clust[node]),
            "component": component_of[node],
        }
    return ProjectionResult(
        key=key, domain=domain, nodes=n, edges=H.number_of_edges(),
        agreements=len(G.graph.get("agreements", {})),
        density=float(nx.density(H)) if n > 1 else 0.0,
        components=len(parts), diameter=diameter(H),
        modularity=modularity(H, groups, resolution), eigenvector_method=eigen_method,
        betweenness_pivots=pivots, scores=scores,
        communities=_community_records(G, groups), community_of=community_of,
    )


def profile_clusters(G: nx.Graph, *, method: str = "louvain", backend: str = "auto", seed: int = DEFAULT_SEED,
                     resolution: float = 1.0) -> list[Community]:
    """Places that cooperate on the same things: communities of the place-domain graph.

    Each cluster is a set of domains and the places whose agreements lean to
    them; its members are the places (places whose agreements name no domain
    are in no cluster), its name and profile come from those places'
    agreements.
    """
    B = bipartite_graph(G)
    B.remove_nodes_from([n for n in list(B) if B.degree(n) == 0])
    groups = communities(B, method=method, backend=backend, seed=seed, resolution=resolution)
    places = [sorted(n for n in group if B.nodes[n].get("type") == "place") for group in groups]
    places = sorted((p for p in places if p), key=lambda c: (-len(c), c[0]))
    return _community_records(G, places)


def analyze_graph(G: nx.Graph, *, method: str = "louvain", backend: str = "auto", seed: int = DEFAULT_SEED,
                  resolution: float = 1.0, per_domain: bool = True,
                  exact_max_nodes: int = EXACT_BETWEENNESS_MAX_NODES, sample: int = BETWEENNESS_SAMPLE,
                  filters: Filters | None = None) -> AnalysisResult:
    """The whole analysis of a cooperation network: the network, each domain's subgraph, profile clusters."""
    chosen = resolve_backend(backend)
    if method == "leiden" and chosen != "igraph":
        raise NetworkError("leiden needs the igraph backend (pip install igraph); use --method louvain")
    started = dt.datetime.now(dt.UTC)
    options = {"method": method, "backend": chosen, "seed": seed, "resolution": resolution,
               "exact_max_nodes": exact_max_nodes, "sample": sample}
    projections = {"cooperation": analyze_projection(G, key="cooperation", **options)}
    if per_domain:
        for code in domains_of(G):
            projections[f"domain/{code}"] = analyze_projection(domain_graph(G, code), key=f"domain/{code}",
                                                               domain=code, **options)
    clusters = profile_clusters(G, method=method, backend=chosen, seed=seed, resolution=resolution)
    return AnalysisResult(
        method=method, backend=chosen, seed=seed, resolution=resolution,
        filters=filters if filters is not None else Filters(), started=started, ended=dt.datetime.now(dt.UTC),
        projections=projections, clusters=clusters,
        cluster_of={m: c.number for c in clusters for m in c.members}, graph=G,
        exact_betweenness_max_nodes=exact_max_nodes, betweenness_sample=sample,
    )


def analyze(store: Store, filters: Filters | None = None, *, method: str = "louvain", backend: str = "auto",
            seed: int = DEFAULT_SEED, resolution: float = 1.0, per_domain: bool = True,
            write: bool = True) -> AnalysisResult:
    """Read the cooperation network from ``store``, analyse it and (by default) write the results back.

    The results replace the store's analysis graph in one transaction; the
    projection's edges are materialised there too (see :func:`results_to_graph`).
    """
    filters = filters if filters is not None else Filters()
    G = cooperation_graph(store, filters, with_labels=True)
    result = analyze_graph(G, method=method, backend=backend, seed=seed, resolution=resolution,
                           per_domain=per_domain, filters=filters)
    if write:
        write_results(store, result)
    return result


def annotate(G: nx.Graph, result: AnalysisResult, projection: str = "cooperation") -> nx.Graph:
    """``G`` with each node's measures, ``community``, ``community_name`` and ``profile_cluster`` set,
    in place (for viz and export); nodes the run did not see keep no measures."""
    scores = result.projections[projection]
    names = {c.number: c.name for c in scores.communities}
    cluster_names = {c.number: c.name for c in result.clusters}
    for node, data in G.nodes(data=True):
        if node in scores.scores:
            data.update(scores.scores[node])
        if node in scores.community_of:
            data["community"] = scores.community_of[node]
            data["community_name"] = names[scores.community_of[node]]
        if node in result.cluster_of:
            data["profile_cluster"] = result.cluster_of[node]
            data["profile_cluster_name"] = cluster_names[result.cluster_of[node]]
    return G


# ---- Results -> triples ----


def _tail(iri: str) -> str:
    """A path segment for a node IRI: the place key for citygraph places, else a short hash."""
    prefix = PREFIXES["res"] + "place/"
    if iri.startswith(prefix):
        return iri[len(prefix):]
    return "h-" + hashlib.sha1(iri.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def run_iri(started: dt.datetime) -> URIRef:
    return URIRef(f"{ANALYSIS_RESOURCE}run/{started.strftime('%Y%m%dT%H%M%S%fZ')}")


def projection_iri(key: str) -> URIRef:
    """``resource/analysis/projection/cooperation``, ``.../cooperation/domain/tourism``, ``.../place-domain``."""
    if key.startswith("domain/"):
        return URIRef(f"{ANALYSIS_RESOURCE}projection/cooperation/domain/{quote(key[7:], safe='')}")
    return URIRef(f"{ANALYSIS_RESOURCE}projection/{quote(key, safe='')}")


def edge_iri(u: str, v: str) -> URIRef:
    digest = hashlib.sha1(f"{min(u, v)}\n{max(u, v)}".encode(), usedforsecurity=False).hexdigest()[:16]
    return URIRef(f"{ANALYSIS_RESOURCE}cooperation/{digest}")


def _double(value: float) -> Literal:
    return Literal(float(value), datatype=XSD.double)


def _community_triples(add: Any, node: URIRef, community: Community) -> None:
    add(node, CGA.number, Literal(community.number))
    add(node, RDFS.label, Literal(community.name))
    add(node, CGA.size, Literal(len(community.members)))
    add(node, CGA.agreementCount, Literal(community.agreements))
    for member in community.members:
        add(node, CGA.member, URIRef(member))
    for code, count in community.counts.items():
        share = URIRef(f"{node}/domain/{quote(code, safe='')}")
        add(node, CGA.domainShare, share)
        add(share, RDF.type, CGA.DomainShare)
        add(share, CGA.domain, DOMAIN[code])
        add(share, CGA.agreementCount, Literal(count))
        add(share, CGA.share, _double(community.profile[code]))


def results_to_graph(result: AnalysisResult) -> Graph:
    """The run as triples: the PROV-O activity with its parameters and filters, one projection node per
    projection with its graph measures, one score node per place and projection, communities and profile
    clusters with their domain shares, and the cooperation edges materialised (pair, weight, agreements,
    years, first year, domains, dominant domain)."""
    graph = Graph(identifier=ANALYSIS_GRAPH)
    for prefix, namespace in {**PREFIXES, **ANALYSIS_PREFIXES}.items():
        graph.bind(prefix, namespace)
    triples: list[tuple[Any, Any, Any]] = []

    def add(s: Any, p: Any, o: Any) -> None:
        triples.append((s, p, o))

    run = run_iri(result.started)
    add(run, RDF.type, CGA.AnalysisRun)
    add(run, RDF.type, PROV.Activity)
    add(run, PROV.startedAtTime, Literal(result.started.isoformat(), datatype=XSD.dateTime))
    add(run, PROV.endedAtTime, Literal(result.ended.isoformat(), datatype=XSD.dateTime))
    add(run, CGA.method, Literal(result.method))
    add(run, CGA.backend, Literal(result.backend))
    add(run, CGA.seed, Literal(result.seed))
    add(run, CGA.resolution, _double(result.resolution))
    add(run, CGA.exactBetweennessMaxNodes, Literal(result.exact_betweenness_max_nodes))
    add(run, CGA.betweennessSampleSize, Literal(result.betweenness_sample))
    add(run, CGA.softwareVersion, Literal(__version__))
    filters = result.filters
    for code in filters.domains:
        add(run, CGA.filterDomain, DOMAIN[code])
    if filters.since is not None:
        add(run, CGA.filterSince, Literal(filters.since))
    if filters.until is not None:
        add(run, CGA.filterUntil, Literal(filters.until))
    for country in filters.countries:
        add(run, CGA.filterCountry, Literal(country))
    for kind in filters.kinds:
        add(run, CGA.filterKind, PLACE_KIND[kind])
    for status in filters.statuses:
        add(run, CGA.filterStatus, STATUS[status])

    for key, projection in result.projections.items():
        node = projection_iri(key)
        add(node, RDF.type, CGA.Projection)
        add(node, RDF.type, CGA.DomainNetwork if projection.domain else CGA.CooperationNetwork)
        add(node, PROV.wasGeneratedBy, run)
        if projection.domain:
            add(node, CGA.domain, DOMAIN[projection.domain])
        add(node, CGA.nodeCount, Literal(projection.nodes))
        add(node, CGA.edgeCount, Literal(projection.edges))
        add(node, CGA.agreementCount, Literal(projection.agreements))
        add(node, CGA.density, _double(projection.density))
        add(node, CGA.componentCount, Literal(projection.components))
        add(node, CGA.diameter, Literal(projection.diameter))
        add(node, CGA.modularity, _double(projection.modularity))
        add(node, CGA.eigenvectorMethod, Literal(projection.eigenvector_method))
        if projection.betweenness_pivots is not None:
            add(node, CGA.betweennessPivots, Literal(projection.betweenness_pivots))
        community_nodes = {}
        for community in projection.communities:
            cnode = URIRef(f"{node}/community/{community.number}")
            community_nodes[community.number] = cnode
            add(cnode, RDF.type, CGA.Community)
            add(cnode, CGA.projection, node)
            add(cnode, PROV.wasGeneratedBy, run)
            _community_triples(add, cnode, community)
        for place, scores in projection.scores.items():
            score = URIRef(f"{node}/place/{quote(_tail(place), safe='')}")
            add(score, RDF.type, CGA.PlaceScore)
            add(score, CGA.place, URIRef(place))
            add(score, CGA.projection, node)
            add(score, CGA.degree, Literal(int(scores["degree"])))
            add(score, CGA.weightedDegree, Literal(int(scores["weighted_degree"])))
            add(score, CGA.component, Literal(int(scores["component"])))
            for measure, term in (("betweenness", CGA.betweenness), ("eigenvector", CGA.eigenvector),
                                  ("pagerank", CGA.pagerank), ("clustering", CGA.clustering)):
                add(score, term, _double(scores[measure]))
            if place in projection.community_of:
                add(score, CGA.community, community_nodes[projection.community_of[place]])
            if key == "cooperation" and place in result.cluster_of:
                add(score, CGA.profileCluster, URIRef(f"{ANALYSIS_RESOURCE}profile-cluster/{result.cluster_of[place]}"))

    bipartite = projection_iri("place-domain")
    add(bipartite, RDF.type, CGA.Projection)
    add(bipartite, RDF.type, CGA.PlaceDomainNetwork)
    add(bipartite, PROV.wasGeneratedBy, run)
    for cluster in result.clusters:
        cnode = URIRef(f"{ANALYSIS_RESOURCE}profile-cluster/{cluster.number}")
        add(cnode, RDF.type, CGA.ProfileCluster)
        add(cnode, CGA.projection, bipartite)
        add(cnode, PROV.wasGeneratedBy, run)
        _community_triples(add, cnode, cluster)

    for u, v, data in result.graph.edges(data=True):
        edge = edge_iri(u, v)
        add(edge, RDF.type, CGA.Cooperation)
        add(edge, PROV.wasGeneratedBy, run)
        add(edge, CGA.between, URIRef(u))
        add(edge, CGA.between, URIRef(v))
        add(edge, CGA.weight, Literal(int(data["weight"])))
        for agreement in data.get("agreements", ()):
            add(edge, CGA.agreement, URIRef(agreement))
        for year in data.get("years", ()):
            add(edge, CGA.year, Literal(int(year)))
        if data.get("first_year") is not None:
            add(edge, CGA.firstYear, Literal(int(data["first_year"])))
        for code in data.get("domains", {}):
            add(edge, CGA.domain, DOMAIN[code])
        if data.get("dominant_domain"):
            add(edge, CGA.dominantDomain, DOMAIN[data["dominant_domain"]])
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def write_results(store: Store, result: AnalysisResult) -> int:
    """Replace the store's analysis graph with ``result`` in one transaction; returns the triple count."""
    graph = results_to_graph(result)
    store.replace_graph(str(ANALYSIS_GRAPH), graph)
    return len(graph)


# ---- Reading results back ----


def place_measures(store: Store) -> dict[str, dict[str, Any]]:
    """Each place's ``degree``, ``betweenness``, ``pagerank`` and ``community`` in the whole network of the
    latest run, by place IRI; empty before the first analyze (the fields of ``list cities --format json``)."""
    return {
        row["place"]: {"degree": row["degree"], "betweenness": row["betweenness"], "pagerank": row["pagerank"],
                       "community": row["community"]}
        for row in select_analysis_rq(store, "place_measures")
    }


def add_place_measures(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``list cities`` rows with ``degree``, ``betweenness``, ``pagerank``, ``community`` once analyze has run
    (None for places the run did not see); unchanged before."""
    measures = place_measures(store)
    if not measures:
        return rows
    empty = dict.fromkeys(("degree", "betweenness", "pagerank", "community"))
    return [{**row, **measures.get(row.get("id"), empty)} for row in rows]


def last_run(store: Store) -> dict[str, Any] | None:
    """The latest run's properties (local names -> value, lists where multi-valued), or None."""
    rows = select_analysis_rq(store, "run")
    if not rows:
        return None
    run: dict[str, Any] = {"id": rows[0]["run"]}
    for row in rows:
        name = str(row["property"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if name.startswith("filter") or name == "type":
            run.setdefault(name, []).append(row["value"])
        else:
            run[name] = row["value"]
    return run


def summarise(result: AnalysisResult, *, top: int = 5) -> dict[str, Any]:
    """A JSON-friendly digest of a run for the CLI: parameters, one row per projection, the largest
    communities and profile clusters with their names and domain profiles."""

    def community(c: Community) -> dict[str, Any]:
        return {"number": c.number, "name": c.name, "size": len(c.members), "agreements": c.agreements,
                "profile": {d: round(s, 3) for d, s in c.profile.items()}}

    return {
        "run": str(run_iri(result.started)),
        "method": result.method, "backend": result.backend, "seed": result.seed, "resolution": result.resolution,
        "filters": result.filters.as_dict(),
        "seconds": round((result.ended - result.started).total_seconds(), 3),
        "projections": [
            {"projection": key, "places": p.nodes, "edges": p.edges, "agreements": p.agreements,
             "density": round(p.density, 4), "components": p.components, "diameter": p.diameter,
             "communities": len(p.communities), "modularity": round(p.modularity, 4),
             "betweenness": "exact" if p.betweenness_pivots is None else f"sampled ({p.betweenness_pivots} pivots)",
             "eigenvector": p.eigenvector_method}
            for key, p in result.projections.items()
        ],
        "communities": [community(c) for c in result.network.communities[:top]],
        "profile_clusters": [community(c) for c in result.clusters[:top]],
    }


def export_network(store: Store, fmt: str, out: Any, filters: Filters | None = None, *,
                   backend: str = "auto", seed: int = DEFAULT_SEED, method: str = "louvain") -> list[str]:
    """Write the cooperation network with every measure as node attributes (``graphml``, ``gexf`` or ``csv``).

    Measures are computed afresh for exactly the filtered projection (the
    stored run may have had other filters). ``out`` is a path; for ``csv`` it
    names two files, ``<stem>.nodes.csv`` and ``<stem>.edges.csv``. Returns
    the paths written.
    """
    from citygraph.network import write_graph

    filters = filters if filters is not None else Filters()
    G = cooperation_graph(store, filters, with_labels=True)
    result = analyze_graph(G, method=method, backend=backend, seed=seed, per_domain=False, filters=filters)
    return write_graph(annotate(G, result), fmt, out)
