"""Network analysis at scale: igraph against plain NetworkX, and edge lists from the store.

Part 1, the measures. Synthetic cooperation networks of 1k, 10k and 50k
places (preferential attachment, two partners per new place, 1-3 agreements
per pair, seeded), each measure timed on both backends of
``citygraph.analysis`` and the ratio NetworkX / igraph printed. Betweenness
is exact up to ``EXACT_BETWEENNESS_MAX_NODES`` places and estimated from
``BETWEENNESS_SAMPLE`` seeded pivots past it (the same pivots on both
backends); the exact igraph time is printed too where it is affordable, as
the measurement behind that limit.

Part 2, the edge list. A store of synthetic articles (one agreement each
between two of a pool of places, about 40 triples per article; 25k articles
make about a million triples), then the cooperation edge list three ways:
the pair join over reified agreements in SPARQL, citygraph's linear scans
grouped in Python (``network.read_agreements``), and the lookup of the edges
``analyze`` materialised in the analysis graph.

Figures are printed, never asserted. Run from the repository root:

    .venv/bin/python benchmarks/analysis.py                       # both parts, default sizes
    .venv/bin/python benchmarks/analysis.py --sizes 1000,10000 --articles 5000
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from citygraph import analysis
from citygraph.model import Agreement, Article, Evidence, Extraction, PartialDate, Place, PlaceKind
from citygraph.network import cooperation_graph, materialised_edges, read_agreements
from citygraph.rdf import extraction_to_graph
from citygraph.store import open_store

DOMAINS = ["tourism", "education", "culture", "health", "economy_trade", "environment", "transport", "smart_city"]

PAIR_JOIN = """
PREFIX cg: <https://w3id.org/citygraph/ontology#>
SELECT ?a ?b (COUNT(DISTINCT ?agreement) AS ?weight)
WHERE { ?agreement cg:party ?a, ?b . FILTER (STR(?a) < STR(?b)) }
GROUP BY ?a ?b
"""


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def synthetic_network(n: int, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.relabel_nodes(G, lambda i: f"https://w3id.org/citygraph/resource/place/X-ID-p{i:06d}")
    for u, v in G.edges():
        G.edges[u, v]["weight"] = rng.choice((1, 1, 1, 2, 3))
    return G


def bench_measures(sizes: list[int], seed: int, exact_limit: int) -> None:
    print("## Measures: seconds on each backend, ratio NetworkX / igraph")
    print(f"(betweenness exact up to {analysis.EXACT_BETWEENNESS_MAX_NODES} places, "
          f"then {analysis.BETWEENNESS_SAMPLE} seeded pivots)\n")
    print(f"{'places':>7} {'edges':>7}  {'measure':<22} {'networkx':>9} {'igraph':>9} {'ratio':>7}")
    warm = analysis.canonical(synthetic_network(50, seed))  # imports and first-call set-up out of the figures
    for backend in ("networkx", "igraph"):
        analysis.analyze_projection(warm, backend=backend)
    for n in sizes:
        G = analysis.canonical(synthetic_network(n, seed))
        steps: list[tuple[str, Callable[[str], Any]]] = [
            ("pagerank", lambda b, G=G: analysis.pagerank(G, backend=b)),
            ("eigenvector", lambda b, G=G: analysis.eigenvector(G, backend=b)),
            ("clustering", lambda b, G=G: analysis.clustering(G, backend=b)),
            ("louvain", lambda b, G=G: analysis.communities(G, backend=b, seed=seed)),
            ("betweenness", lambda b, G=G: analysis.betweenness(G, backend=b, seed=seed)),
        ]
        totals = {"networkx": 0.0, "igraph": 0.0}
        for name, step in steps:
            times = {}
            for backend in ("networkx", "igraph"):
                times[backend], _ = timed(lambda step=step, backend=backend: step(backend))
                totals[backend] += times[backend]
            label = name + (" (sampled)" if name == "betweenness" and n > analysis.EXACT_BETWEENNESS_MAX_NODES
                            else "")
            print(f"{n:>7} {G.number_of_edges():>7}  {label:<22} {times['networkx']:>9.3f} {times['igraph']:>9.3f} "
                  f"{times['networkx'] / max(times['igraph'], 1e-9):>7.1f}", flush=True)
        seconds, _ = timed(lambda G=G: analysis.diameter(G))
        print(f"{n:>7} {G.number_of_edges():>7}  {'diameter (bounds)':<22} {seconds:>9.3f} {'-':>9} {'-':>7}")
        if n <= exact_limit:
            seconds, _ = timed(lambda G=G, n=n: analysis.betweenness(G, backend="igraph", exact_max_nodes=n))
            print(f"{n:>7} {G.number_of_edges():>7}  {'betweenness exact':<22} {'-':>9} {seconds:>9.3f} {'-':>7}")
        print(f"{n:>7} {G.number_of_edges():>7}  {'all of the above':<22} {totals['networkx']:>9.3f} "
              f"{totals['igraph']:>9.3f} {totals['networkx'] / max(totals['igraph'], 1e-9):>7.1f}", flush=True)
        seconds, result = timed(lambda G=G: analysis.analyze_projection(G, backend="igraph", seed=seed))
        print(f"{n:>7} {G.number_of_edges():>7}  {'analyze_projection':<22} {'-':>9} {seconds:>9.3f} {'-':>7}\n",
              flush=True)


def synthetic_articles(count: int, places: int, seed: int) -> list[Extraction]:
    rng = random.Random(seed)
    pool = [Place(key=f"X-ID-p{i:05d}", name=f"Place {i}", kind=PlaceKind.CITY, country="ID", linked=False)
            for i in range(places)]
    extractions = []
    for i in range(count):
        a, b = rng.sample(pool[: max(2, int(places * (0.2 + 0.8 * i / count)))], 2)
        text = f"{a.name} and {b.name} signed a memorandum of understanding ({i})."
        agreement = Agreement(parties=[a, b], domains=rng.sample(DOMAINS, rng.choice((1, 2))),
                              date=PartialDate(rng.randint(2000, 2024)), evidence=[Evidence(text, 0, len(text))])
        extractions.append(Extraction(Article(id=f"syn-{i:06d}", text=text, lang="en"), "en", places=[a, b],
                                      agreements=[agreement]))
    return extractions


def bench_edge_lists(articles: int, seed: int) -> None:
    print("## Edge list from the store\n")
    folder = Path(tempfile.mkdtemp(prefix="citygraph-bench-"))
    try:
        with open_store(str(folder / "store")) as store:
            seconds, _ = timed(lambda: [store.replace_article(e.article.id, extraction_to_graph(e))
                                        for e in synthetic_articles(articles, max(50, articles // 5), seed)])
            print(f"stored {articles} articles, {store.triple_count()} quads in {seconds:.1f} s")
            join_s, rows = timed(lambda: list(store.query(PAIR_JOIN)))
            scan_s, _ = timed(lambda: read_agreements(store))
            graph_s, G = timed(lambda: cooperation_graph(store))
            analyze_s, _ = timed(lambda: analysis.analyze(store, seed=seed))
            lookup_s, edges = timed(lambda: materialised_edges(store))
            print(f"pairs: {len(rows)} from the join, {G.number_of_edges()} in the projection, "
                  f"{len(edges)} materialised")
            print(f"{'pair join over reified agreements (SPARQL)':<48} {join_s:>8.3f} s")
            print(f"{'linear scans grouped in Python (read_agreements)':<48} {scan_s:>8.3f} s")
            print(f"{'cooperation_graph (scans + places + NetworkX)':<48} {graph_s:>8.3f} s")
            print(f"{'lookup of materialised edges':<48} {lookup_s:>8.3f} s")
            print(f"{'analyze (all projections, write back)':<48} {analyze_s:>8.3f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="places per synthetic network")
    parser.add_argument("--articles", type=int, default=25_000, help="articles in the store (0: skip part 2)")
    parser.add_argument("--exact-limit", type=int, default=10_000,
                        help="also time exact igraph betweenness up to this many places")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if sizes:
        bench_measures(sizes, args.seed, args.exact_limit)
    if args.articles:
        bench_edge_lists(args.articles, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
