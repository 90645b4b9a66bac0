"""Why citygraph talks to Oxigraph through pyoxigraph, not through rdflib.

Builds one graph from the sample articles, multiplied with fresh article ids
until it holds about ``--triples`` triples, loads it into

* pyoxigraph's own Store (what citygraph uses),
* rdflib's Dataset on oxrdflib's Oxigraph store (rdflib API, Oxigraph engine),
* rdflib's in-memory Dataset (pure Python; only up to ``--memory-limit``),

and times three typical queries on each. Figures are printed, never asserted.
oxrdflib is not a dependency of citygraph: ``pip install oxrdflib`` to include it.

    python benchmarks/store_backends.py --triples 200000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import rdflib

from citygraph.extract.pipeline import extract
from citygraph.rdf import article_graph_iri, extraction_to_graph
from citygraph.sources import read_articles

ROOT = Path(__file__).resolve().parents[1]

QUERIES = {
    "agreements per place": """
        PREFIX cg: <https://w3id.org/citygraph/ontology#>
        PREFIX schema: <https://schema.org/>
        SELECT ?name (COUNT(DISTINCT ?a) AS ?n) WHERE {
          GRAPH ?g { ?a a cg:Agreement ; cg:party ?p . ?p schema:name ?name }
        } GROUP BY ?name ORDER BY DESC(?n) LIMIT 20""",
    "sister-city pairs": """
        PREFIX cg: <https://w3id.org/citygraph/ontology#>
        SELECT DISTINCT ?x ?y WHERE {
          GRAPH ?g { ?a cg:sisterCity true ; cg:party ?x, ?y . FILTER(STR(?x) < STR(?y)) }
        }""",
    "agreements with evidence": """
        PREFIX cg: <https://w3id.org/citygraph/ontology#>
        SELECT ?a ?text WHERE {
          GRAPH ?g { ?a a cg:Agreement ; cg:attestation ?t . ?t cg:evidenceText ?text }
        } LIMIT 1000""",
}


def build_quads(target: int) -> list[tuple[rdflib.term.Node, ...]]:
    articles = [a for a in read_articles([ROOT / "data" / "articles"]) if not isinstance(a, Exception)]
    graphs = [(a, extraction_to_graph(extract(a))) for a in articles]
    quads: list[tuple[rdflib.term.Node, ...]] = []
    copy = 0
    while len(quads) < target:
        for article, _graph in graphs:
            clone = replace(article, id=f"{article.id}-{copy}")
            graph = extraction_to_graph(extract(clone))
            name = article_graph_iri(clone.id)
            quads.extend((s, p, o, name) for s, p, o in graph)
        copy += 1
    return quads


def timed(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=200_000)
    ap.add_argument("--memory-limit", type=int, default=50_000, help="largest size tried in rdflib's memory store")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    quads = build_quads(args.triples)
    print(f"{len(quads):,} quads")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = ox.Store(str(Path(tmp) / "ox"))
        store.bulk_extend(ox.Quad(*(_ox(t) for t in q)) for q in quads)
        results["pyoxigraph"] = {name: timed(lambda q=q: list(store.query(q)), args.repeat)
                                 for name, q in QUERIES.items()}
        try:
            import oxrdflib  # noqa: F401
        except ImportError:
            print("oxrdflib not installed: pip install oxrdflib to compare it", file=sys.stderr)
        else:
            dataset = rdflib.Dataset(store="Oxigraph")
            dataset.open(str(Path(tmp) / "oxrdflib"), create=True)
            dataset.addN(quads)
            results["oxrdflib"] = {name: timed(lambda q=q: list(dataset.query(q)), args.repeat)
                                   for name, q in QUERIES.items()}
        if len(quads) <= args.memory_limit:
            memory = rdflib.Dataset()
            memory.addN(quads)
            results["rdflib memory"] = {name: timed(lambda q=q: list(memory.query(q)), 1)
                                        for name, q in QUERIES.items()}
        else:
            print(f"rdflib memory store skipped above {args.memory_limit:,} quads (--memory-limit)")
    names = list(results)
    print(f"\n{'query':<28}" + "".join(f"{n:>16}" for n in names))
    for query in QUERIES:
        print(f"{query:<28}" + "".join(f"{results[n][query] * 1000:>14.1f}ms" for n in names))
    if "oxrdflib" in results:
        ratios = [results["oxrdflib"][q] / results["pyoxigraph"][q] for q in QUERIES]
        print(f"\noxrdflib / pyoxigraph: {min(ratios):.1f}x to {max(ratios):.1f}x")
    return 0


def _ox(term):  # noqa: ANN001, ANN202
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


if __name__ == "__main__":
    sys.exit(main())
