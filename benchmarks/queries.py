"""Time every competency query (``citygraph query --example NAME``) on an existing store.

The figures users meet: ``benchmarks/ingest.py`` times three fixed queries
as the store grows, this script the shipped examples on one store (e.g. one
that ``ingest.py --keep DIR`` left). Each example runs in its own process,
store opened read-only, so a query that runs away is killed at ``--timeout``
and reported as such instead of stalling the benchmark; the first run is
reported apart (cold caches) from the median of the others.

    .venv/bin/python benchmarks/ingest.py --n 10000 --workers 2 --keep /tmp/stores
    .venv/bin/python benchmarks/queries.py /tmp/stores/store-10000-2 --runs 3 --timeout 300
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run_one(location: str, name: str, runs: int) -> dict:
    """In this process: open the store read-only and run ``name`` ``runs`` times."""
    from citygraph.examples import run_example
    from citygraph.store import open_store

    times, rows = [], 0
    with open_store(location, read_only=True) as store:
        for _ in range(runs):
            started = time.perf_counter()
            result = run_example(store, name)
            times.append(time.perf_counter() - started)
            rows = len(result.rows)
    return {"first_ms": times[0] * 1000, "median_ms": statistics.median(times[1:] or times) * 1000, "rows": rows}


def measure(location: Path, name: str, runs: int, timeout: float) -> dict:
    command = [sys.executable, __file__, str(location), "--run-one", name, "--runs", str(runs)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": True}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="an on-disk citygraph store")
    parser.add_argument("--runs", type=int, default=3, help="runs per query (default 3; the first is cold)")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds after which a query's process is killed (default 300)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="these examples only")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.run_one:
        print(json.dumps(run_one(str(args.store), args.run_one, args.runs)))
        return 0
    if not args.store.is_dir():
        parser.error(f"{args.store} is not a store directory")

    from citygraph.examples import list_examples
    from citygraph.store import open_store

    with open_store(args.store, read_only=True) as store:
        quads = store.triple_count()
    names = args.only or [example.name for example in list_examples()]
    print(f"competency queries on {args.store} ({quads:,} quads), {args.runs} runs each, "
          f"timeout {args.timeout:g} s", flush=True)
    results = {}
    width = max(map(len, names))
    print(f"| {'example':<{width}} | first ms | median ms |    rows |")
    print(f"|{'-' * (width + 2)}|---------:|----------:|--------:|")
    for name in names:
        r = results[name] = measure(args.store, name, args.runs, args.timeout)
        if "timeout" in r:
            cells = (f"> {args.timeout:g} s", "-", "-")
        elif "error" in r:
            cells = ("error", "-", r["error"][:60])
        else:
            cells = (f"{r['first_ms']:,.0f}", f"{r['median_ms']:,.0f}", f"{r['rows']:,}")
        print(f"| {name:<{width}} | {cells[0]:>8} | {cells[1]:>9} | {cells[2]:>7} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"store": str(args.store), "quads": quads, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
