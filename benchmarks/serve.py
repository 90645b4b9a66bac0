"""Throughput and latency of ``citygraph serve`` on loopback, with 1 and 8 concurrent clients.

Builds (or reuses, ``--store``) a store of the development corpus multiplied
synthetically (``benchmarks/synthetic.py``: the 20 dev articles varied with
other places, years and domains; the samples when ../shared is absent) to
about a million quads, starts the real server (``python -m citygraph serve``
in its own process, uvicorn on 127.0.0.1 and a free port), and for each of
three typical queries runs 1 and then 8 client threads, each sending the
query again and again over one keep-alive connection (``POST
application/sparql-query``, SPARQL Results JSON) for ``--seconds``. Prints
queries per second and the p50 and p99 latency. Figures are printed, never
asserted; the clients share the machine's cores with the server.

    .venv/bin/python benchmarks/serve.py                         # ~1M quads, 10 s per run
    .venv/bin/python benchmarks/serve.py --store /tmp/bench-store --seconds 20
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

QUERIES = {
    # The front page's kind of question: an aggregate over every agreement (DISTINCT first: Oxigraph
    # 0.5's union default graph is a bag, see store.py).
    "agreements per domain": """
        SELECT ?code (COUNT(?agreement) AS ?agreements) WHERE {
          { SELECT DISTINCT ?agreement ?domain WHERE { ?agreement cg:domain ?domain } }
          ?domain skos:notation ?code .
        } GROUP BY ?code ORDER BY DESC(?agreements)""",
    # A place page's kind of question: a selective lookup.
    "one place's partners": """
        SELECT DISTINCT ?partner ?name WHERE {
          ?place cg:name "Geelong" .
          ?agreement cg:party ?place , ?partner .
          FILTER (?partner != ?place)
          ?partner cg:name ?name .
        } ORDER BY ?name""",
    # A table page's kind of question: a page of agreements with their sources.
    "agreements with sources, 100": """
        SELECT ?agreement ?article ?evidence WHERE {
          ?agreement a cg:Agreement ; cg:attestation ?attestation .
          ?attestation cg:evidenceText ?evidence ; prov:wasDerivedFrom ?node .
          ?node cg:articleId ?article .
        } LIMIT 100""",
}


def build_store(location: Path, articles: int, workers: int) -> None:
    from synthetic import generate, template_source

    from citygraph.ingest import ingest
    from citygraph.store import open_store

    source = location.parent / "articles.jsonl"
    with source.open("w", encoding="utf-8") as out:
        import json

        for record in generate(articles):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    started = time.monotonic()
    with open_store(str(location)) as store:
        summary = ingest([source], store, workers=workers)
        quads = store.triple_count()
    source.unlink()
    print(f"built the store: {summary.articles:,} synthetic articles from the {template_source()} templates, "
          f"{quads:,} quads, {time.monotonic() - started:.0f} s", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(location: Path, workers: int, time_limit: float) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "citygraph", "serve", "--store", str(location), "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers), "--time-limit", str(time_limit)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited; run the command by hand to see why: " + " ".join(command))
        try:
            if httpx.get(f"{url}/health", timeout=2, trust_env=False).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start in 120 s")


def run(url: str, text: str, clients: int, seconds: float) -> dict[str, float]:
    """``clients`` threads sending ``text`` for ``seconds``; queries/s, p50 and p99 in milliseconds."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}

    def client() -> None:
        nonlocal failures
        mine: list[float] = []
        bad = 0
        with httpx.Client(timeout=300, trust_env=False) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = http.post(f"{url}/sparql", content=text.encode(), headers=headers)
                elapsed = time.perf_counter() - started
                if response.status_code == 200:
                    mine.append(elapsed)
                else:
                    bad += 1
        with lock:
            latencies.extend(mine)
            failures += bad

    began = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [0.0] * 99
    return {"n": len(latencies), "qps": len(latencies) / wall, "p50": cuts[49] * 1000, "p99": cuts[98] * 1000,
            "failures": failures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="store to use, built there first if absent (default: a "
                                                   "temporary one, deleted at the end)")
    parser.add_argument("--articles", type=int, default=6000, help="synthetic articles to build the store from "
                                                                    "(default 6000: ~1M quads from the dev corpus)")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per measurement (default 10)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8], help="concurrent clients (default 1 8)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="server query workers (default: the CPU count)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="citygraph-bench-") as folder:
        location = args.store or Path(folder) / "store"
        if not location.is_dir():
            location.parent.mkdir(parents=True, exist_ok=True)
            build_store(location, args.articles, workers=min(2, os.cpu_count() or 1))
        process, url = start_server(location, args.workers, time_limit=300)
        try:
            with httpx.Client(timeout=300, trust_env=False) as http:
                quads = http.get(f"{url}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g "
                                                          "{ ?s ?p ?o } }"}).json()
            count = int(quads["results"]["bindings"][0]["n"]["value"])
            print(f"store: {count:,} quads; server: {args.workers} query worker processes; "
                  f"{os.cpu_count()} CPU cores shared with the clients; {args.seconds:g} s per run\n")
            print(f"{'query':<32} {'clients':>7} {'queries':>8} {'q/s':>8} {'p50 ms':>9} {'p99 ms':>9} {'errors':>6}")
            for name, text in QUERIES.items():
                run(url, text, 1, 0.5)  # warm the workers' caches
                for clients in args.clients:
                    r = run(url, text, clients, args.seconds)
                    print(f"{name:<32} {clients:>7} {r['n']:>8} {r['qps']:>8.1f} {r['p50']:>9.1f} "
                          f"{r['p99']:>9.1f} {r['failures']:>6}", flush=True)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
