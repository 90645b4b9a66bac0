"""Ingest throughput, memory, store size and query times as the input grows.

For each size N (``--n``, default 1000 and 10000) it writes N synthetic
articles (``benchmarks/synthetic.py``: the development corpus's mix of
languages and of positive and negative articles) to a JSON Lines file, then,
for each worker count (``--workers``, default 1 and 2), ingests the file into
a fresh on-disk store in a **new process** and measures there:

* articles/s end to end (``citygraph.ingest.ingest``: reading, extraction,
  writing, consolidation), and the time of the consolidation alone;
* peak RSS of the writing process and of the largest worker process;
* the store's quad count and size on disk after closing (and how much of it
  is RocksDB's write-ahead log);
* the median of three runs of three typical SPARQL queries on the result,
  store reopened read-only.

Then it prints one table row per run and, for each worker count, how each
figure grew from one size to the next. A last table gives start-up cost: the
wall time of ``citygraph --help`` and of a one-article ingest, each a new
process. Figures are printed, never asserted. The texts are deterministic
for a given N and ``--seed``; the timings are not. Run from the repository
root:

    .venv/bin/python benchmarks/ingest.py                       # 1k and 10k, 1 and 2 workers
    .venv/bin/python benchmarks/ingest.py --n 100000 --workers 2
    .venv/bin/python benchmarks/ingest.py --n 10000 --workers 2 --bulk
    .venv/bin/python benchmarks/ingest.py --report small.json big.json   # tables of runs made apart
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "articles" / "makassar-yokohama-loi.txt"

QUERIES = {
    # One property pattern per subquery: Oxigraph 0.5 evaluates the union of the article graphs as a
    # bag, so "?place a cg:Place ; cg:name ?name" joins every article's copy of a place with every
    # other's (k^2 rows for a place k articles mention): 21 s at 10,000 articles, against 0.13 s here.
    "agreements per place": """
        SELECT ?place ?name (COUNT(DISTINCT ?agreement) AS ?agreements) WHERE {
          { SELECT DISTINCT ?agreement ?place WHERE { ?agreement cg:party ?place } }
          { SELECT DISTINCT ?place WHERE { ?place a cg:Place } }
          { SELECT DISTINCT ?place ?name WHERE { ?place cg:name ?name } }
        } GROUP BY ?place ?name ORDER BY DESC(?agreements) ?name""",
    "sister-city ties per country": """
        SELECT ?country (COUNT(DISTINCT ?agreement) AS ?ties) WHERE {
          { SELECT DISTINCT ?agreement WHERE { ?agreement cg:sisterCity true } }
          { SELECT DISTINCT ?agreement ?place WHERE { ?agreement cg:party ?place } }
          { SELECT DISTINCT ?place ?country WHERE { ?place cg:countryCode ?country } }
        } GROUP BY ?country ORDER BY DESC(?ties)""",
    "agreements with their sources": """
        SELECT ?agreement ?article ?evidence WHERE {
          ?agreement cg:attestation ?attestation .
          FILTER EXISTS { ?agreement a cg:Agreement }
          ?attestation prov:wasDerivedFrom ?node .
          ?node cg:articleId ?article .
          OPTIONAL { ?attestation cg:evidenceText ?evidence }
        }""",
}
QUERY_KEYS = ("q1", "q2", "q3")


# ---- one run, in its own process ----


def size_on_disk(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def run_one(source: Path, location: Path, workers: int, bulk: bool, append: Path | None = None) -> dict:
    """Ingest ``source`` into a new store at ``location`` (then ``append`` into it); the figures as a dict."""
    import citygraph.ingest as ingest_module
    from citygraph.store import open_store

    consolidation = {"s": 0.0, "rss_before_mb": 0.0, "party_sets": 0}
    consolidate = ingest_module.consolidate_pending

    def timed_consolidate(store, **options):  # noqa: ANN001, ANN003, ANN202
        consolidation["rss_before_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        try:
            summary = consolidate(store, **options)
            consolidation["party_sets"] = summary.party_sets
            return summary
        finally:
            consolidation["s"] = time.perf_counter() - started

    ingest_module.consolidate_pending = timed_consolidate
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with open_store(location) as store:
        summary = ingest_module.ingest([source], store, workers=workers, bulk=bulk)
        quads = store.triple_count()
    elapsed = time.perf_counter() - started
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    writer_rss, worker_rss = own.ru_maxrss, children.ru_maxrss
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    load_after = os.getloadavg()[0]
    first = dict(consolidation)
    appended: dict = {}
    if append is not None:  # a day's news into the store just built: what incremental consolidation costs
        started = time.perf_counter()
        with open_store(location) as store:
            more = ingest_module.ingest([append], store, workers=workers)
        appended = {"articles": more.articles, "seconds": time.perf_counter() - started,
                    "consolidation_s": consolidation["s"], "party_sets": consolidation["party_sets"]}
    disk, wal = size_on_disk(location), size_on_disk(location, "*.log")
    timings = {}
    with open_store(location, read_only=True) as store:
        for key, query in zip(QUERY_KEYS, QUERIES.values(), strict=True):
            runs = []
            for _ in range(3):
                began = time.perf_counter()
                rows = sum(1 for _ in store.query(query))
                runs.append(time.perf_counter() - began)
            timings[key] = (statistics.median(runs), rows)
    return {
        "articles": summary.articles, "errors": len(summary.errors), "agreements": summary.agreements,
        "seconds": elapsed, "consolidation_s": first["s"], "party_sets": first["party_sets"], "quads": quads,
        "cpu_ms_per_article": cpu * 1000 / max(summary.articles, 1), "load": [load_before, load_after],
        "writer_rss_mb": writer_rss / 1024, "writer_rss_before_consolidation_mb": first["rss_before_mb"],
        "append": appended,
        "worker_rss_mb": worker_rss / 1024 if workers > 1 else 0.0,
        "disk_mb": disk / 1e6, "wal_mb": wal / 1e6,
        "queries": {k: {"ms": s * 1000, "rows": n} for k, (s, n) in timings.items()},
    }


# ---- the driver ----


def citygraph_command() -> list[str]:
    script = Path(sys.executable).parent / "citygraph"
    return [str(script)] if script.exists() else [sys.executable, "-m", "citygraph"]


def wall(command: list[str], runs: int = 3) -> float:
    """Median wall time of ``command`` over ``runs`` runs; a failure stops the benchmark."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return statistics.median(times)


def run_cluster(source: Path, location: Path, workers: int) -> dict:
    """Extract ``source`` on a LocalCluster of ``workers`` processes into shards, then load them twice:
    transactionally into one new store and with the bulk loader into another."""
    from citygraph.distributed import dask_client, extract_to_shards, load_shards
    from citygraph.store import open_store

    shards = location.with_name(location.name + ".shards")
    with dask_client(workers=workers) as client:
        started = time.perf_counter()
        extracted = extract_to_shards([source], shards, client)
        extract_s = time.perf_counter() - started
    result = {"articles": extracted.articles, "extract_s": extract_s, "shards_mb": size_on_disk(shards) / 1e6}
    for mode, bulk in (("load", False), ("bulk", True)):
        target = location.with_name(f"{location.name}-{mode}")
        started = time.perf_counter()
        with open_store(target) as store:
            summary = load_shards(shards, store, bulk=bulk)
        result[f"{mode}_s"] = time.perf_counter() - started
        result[f"{mode}_store_mb"] = size_on_disk(target) / 1e6
        result["agreements"] = summary.agreements
        shutil.rmtree(target, ignore_errors=True)
    shutil.rmtree(shards, ignore_errors=True)
    return result


def measure(source: Path, location: Path, workers: int, bulk: bool, engine: str = "local",
            append: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--run-one", str(source), str(location), "--workers", str(workers),
               "--engine", engine]
    if bulk:
        command.append("--bulk")
    if append is not None:
        command += ["--append-file", str(append)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}): {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("| " + " | ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) + " |")


HEADER = ["n", "workers", "art/s", "total s", "CPU ms/art", "consol. s", "RSS writer MB (ingest/peak)",
          "RSS worker MB", "quads", "store MB", "WAL MB", "q1 ms", "q2 ms", "q3 ms", "append: art/s", "consol. s"]
GROWTH_HEADER = ["sizes", "workers", "s/article", "CPU/article", "consol.", "RSS writer ingest", "RSS writer peak",
                 "RSS worker", "quads", "store", "q1", "q2", "q3"]


def row(n: int, workers: int, r: dict) -> list[str]:
    q = r["queries"]
    return [f"{n:,}", str(workers), f"{r['articles'] / r['seconds']:.1f}", f"{r['seconds']:.1f}",
            f"{r['cpu_ms_per_article']:.1f}", f"{r['consolidation_s']:.2f}",
            f"{r['writer_rss_before_consolidation_mb']:.0f} / {r['writer_rss_mb']:.0f}",
            f"{r['worker_rss_mb']:.0f}" if workers > 1 else "-", f"{r['quads']:,}", f"{r['disk_mb']:.1f}",
            f"{r['wal_mb']:.1f}", f"{q['q1']['ms']:.1f}", f"{q['q2']['ms']:.1f}", f"{q['q3']['ms']:.1f}",
            *((f"{a['articles'] / a['seconds']:.1f}", f"{a['consolidation_s']:.2f}") if (a := r.get("append"))
              else ("-", "-"))]


def growth(results: dict[tuple[int, int], dict], sizes: list[int], worker_counts: list[int]) -> list[list[str]]:
    """Ratio of each figure between consecutive sizes, per worker count (time per article, not rate)."""
    rows = []
    for workers in worker_counts:
        measured = [n for n in sizes if (n, workers) in results]
        for small, big in zip(measured, measured[1:], strict=False):
            a, b = results[(small, workers)], results[(big, workers)]

            def ratio(key: str, x: dict = a, y: dict = b) -> str:
                return f"x{y[key] / x[key]:.2f}" if x[key] else "-"

            per_article = (b["seconds"] / b["articles"]) / (a["seconds"] / a["articles"])
            qa, qb = a["queries"], b["queries"]
            rows.append([
                f"{small:,} -> {big:,} (x{big / small:g})", str(workers), f"x{per_article:.2f}",
                ratio("cpu_ms_per_article"), ratio("consolidation_s"), ratio("writer_rss_before_consolidation_mb"),
                ratio("writer_rss_mb"), ratio("worker_rss_mb") if workers > 1 else "-", ratio("quads"),
                ratio("disk_mb"), *(f"x{qb[k]['ms'] / qa[k]['ms']:.2f}" for k in QUERY_KEYS),
            ])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="input sizes (default 1000 10000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the variations (default 0)")
    parser.add_argument("--bulk", action="store_true", help="write new articles with the bulk loader")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="dask: extract on a LocalCluster into shards, then time loading them")
    parser.add_argument("--append", type=int, default=500,
                        help="then ingest this many new articles into each store built (default 500; 0: no)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep every store built in DIR (store-N-WORKERS), e.g. to profile queries on it")
    parser.add_argument("--append-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                        help="print the tables of earlier runs' --json files (merged) and exit")
    parser.add_argument("--run-one", nargs=2, metavar=("SOURCE", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.report:  # tables from earlier runs, e.g. 1k and 10k in one run, 100k in another
        results = load(args.report)
        report(results, sorted({n for n, _ in results}), sorted({w for _, w in results}))
        return 0
    if args.run_one:
        source, location = map(Path, args.run_one)
        if args.engine == "dask":
            print(json.dumps(run_cluster(source, location, args.workers[0])))
        else:
            print(json.dumps(run_one(source, location, args.workers[0], args.bulk, args.append_file)))
        return 0

    sys.path.insert(0, str(Path(__file__).parent))
    import synthetic

    sizes, worker_counts = sorted(args.n), args.workers
    templates = synthetic.load_templates()
    positives = sum(t["positive"] for t in templates)
    langs = {lang: sum(t["lang"] == lang for t in templates) for lang in ("id", "en")}
    print(f"citygraph ingest benchmark: seed {args.seed}, templates: {synthetic.template_source()} "
          f"({len(templates)} articles: {langs['id']} Indonesian, {langs['en']} English; {positives} positive)"
          f"{', bulk loader' if args.bulk else ''}{', Dask LocalCluster' if args.engine == 'dask' else ''}",
          flush=True)
    results: dict[tuple[int, int], dict] = {}
    with tempfile.TemporaryDirectory(prefix="citygraph-bench-") as tmp:
        folder = Path(tmp)
        for n in sizes:
            source = folder / f"synthetic-{n}.jsonl"
            megabytes = synthetic.write_jsonl(source, n, args.seed, templates) / 1e6
            append = None
            if args.append and args.engine == "local":  # the next records of the same stream: new ids
                append = folder / f"append-{n}.jsonl"
                with append.open("w", encoding="utf-8") as out:
                    for record in itertools.islice(synthetic.generate(n + args.append, args.seed, templates), n, None):
                        out.write(json.dumps(record, ensure_ascii=False) + "\n")
            for workers in worker_counts:
                location = folder / f"store-{n}-{workers}"
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    location = args.keep / location.name
                    if location.exists():
                        raise SystemExit(f"{location} exists: --keep never overwrites a store")
                result = measure(source, location, workers, args.bulk, args.engine, append)
                if not args.keep:
                    shutil.rmtree(location, ignore_errors=True)
                results[(n, workers)] = result
                if args.json:  # after every run, so an interrupted benchmark keeps what it measured
                    save(args.json, results)
                if args.engine == "local":
                    print(f"  n={n:,} ({megabytes:.1f} MB of JSON Lines) workers={workers}: "
                          f"{result['articles'] / result['seconds']:.1f} art/s, {result['agreements']:,} agreements,"
                          f" {result['errors']} errors; load average {result['load'][0]:.1f} before, "
                          f"{result['load'][1]:.1f} after", flush=True)
                else:
                    print(f"  n={n:,} workers={workers}: extraction {result['extract_s']:.1f} s", flush=True)
            source.unlink()
            if append is not None:
                append.unlink()
        if args.engine == "local":
            one_store = folder / "one-store"
            command = citygraph_command()
            help_s = wall([*command, "--help"])
            one_s = wall([*command, "ingest", str(SAMPLE), "--quiet", "--store", str(one_store)])

    if args.engine == "dask":
        print("\nextraction on the cluster into N-Quads shards, then loading the shards here: transactionally, "
              "and with the bulk loader (each into a new store; consolidation included)\n")
        print_table(["n", "workers", "extract s", "art/s", "shards MB", "load s", "art/s", "bulk load s", "art/s"],
                    [[f"{n:,}", str(w), f"{r['extract_s']:.1f}", f"{r['articles'] / r['extract_s']:.1f}",
                      f"{r['shards_mb']:.1f}", f"{r['load_s']:.1f}", f"{r['articles'] / r['load_s']:.1f}",
                      f"{r['bulk_s']:.1f}", f"{r['articles'] / r['bulk_s']:.1f}"]
                     for (n, w), r in results.items()])
        return 0
    report(results, sizes, worker_counts)
    print(f"\nstart-up (new process, median of 3): citygraph --help {help_s:.2f} s; "
          f"ingest one article {one_s:.2f} s")
    return 0


def save(path: Path, results: dict[tuple[int, int], dict]) -> None:
    path.write_text(json.dumps({f"{n}/{w}": r for (n, w), r in sorted(results.items())}, indent=1), "utf-8")


def load(paths: list[Path]) -> dict[tuple[int, int], dict]:
    """The results of earlier runs (``--json`` files), merged; a later file wins for the same size and workers."""
    results: dict[tuple[int, int], dict] = {}
    for path in paths:
        for key, value in json.loads(path.read_text("utf-8")).items():
            n, workers = map(int, key.split("/"))
            results[(n, workers)] = value
    return dict(sorted(results.items()))


def report(results: dict[tuple[int, int], dict], sizes: list[int], worker_counts: list[int]) -> None:
    print("\nq1 = agreements per place, q2 = sister-city ties per country, q3 = agreements with their sources "
          "(median of 3, store reopened read-only); RSS = peak resident memory, of the writer before the "
          "consolidation and overall; append = ingesting the next articles of the stream into the store "
          "just built (its consolidation regroups only what they touch); "
          "CPU = user + system time of the writer and its workers per article "
          "(wall time depends on what else the machine runs)\n")
    print_table(HEADER, [row(n, w, r) for (n, w), r in results.items()])
    grown = growth(results, sizes, worker_counts)
    if grown:
        print("\ngrowth from one size to the next (time per article, not rate; x1.00 = flat)\n")
        print_table(GROWTH_HEADER, grown)


if __name__ == "__main__":
    sys.exit(main())
