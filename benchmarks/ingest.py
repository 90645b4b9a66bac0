"""Ingest throughput, store size, query times and start-up cost, on synthetic articles.

Builds N articles from the ten samples in data/articles (round robin, so the
mix of languages and of positive and negative articles is the sample's own):
each copy gets a new id, its cities and regencies swapped for others of the
same kind and country, its years and days shifted, and its domain words
rotated, so no two articles are the same text. Then it prints:

* articles/s for extraction alone (``citygraph.extract.pipeline.extract``);
* articles/s end to end (``citygraph.ingest.ingest`` into a fresh on-disk store);
* the store's quad count and size on disk;
* the time of three typical SPARQL queries over the result;
* the wall time of ``citygraph --help`` and of a one-article ingest, each a
  new process (start-up cost).

Figures are printed, never asserted. Deterministic for a given --n and --seed
(the texts, not the timings). Run from the repository root:

    .venv/bin/python benchmarks/ingest.py --n 1000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from citygraph.extract.gazetteer import Gazetteer
from citygraph.extract.pipeline import extract
from citygraph.ingest import ingest
from citygraph.model import Article
from citygraph.sources import read_articles
from citygraph.store import open_store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "articles"

# Stand-ins by (kind, country): real places the gazetteer knows, so the copies
# still report cooperation between places it can link.
STAND_INS: dict[tuple[str, str], list[str]] = {
    ("city", "ID"): ["Bogor", "Bandung", "Medan", "Malang", "Surabaya", "Balikpapan", "Kupang", "Ambon",
                     "Palembang", "Yogyakarta", "Makassar", "Padang", "Pontianak", "Manado", "Denpasar"],
    ("regency", "ID"): ["Sleman", "Bantul", "Klaten", "Gresik", "Sidoarjo", "Jember", "Banyuwangi"],
    ("city", "JP"): ["Yokohama", "Osaka", "Kobe", "Nagoya", "Kitakyushu"],
    ("city", "DE"): ["Hildesheim", "Freiburg", "Bremen", "Hamburg"],
    ("city", "MY"): ["Kuching", "Seremban", "Ipoh"],
    ("city", "PH"): ["Davao", "Iloilo"],
    ("city", "KR"): ["Hwaseong", "Suwon", "Busan", "Incheon"],
}
# Domain words rotated among themselves, per language.
DOMAIN_WORDS = {
    "id": ["pariwisata", "pendidikan", "kesehatan", "perdagangan", "kebudayaan", "pertanian"],
    "en": ["tourism", "education", "health", "trade", "culture", "agriculture"],
}
YEAR_RE = re.compile(r"\b20[12]\d\b")
DAY_RE = re.compile(r"\((\d{1,2})/(\d{1,2})")

QUERIES = {
    "agreements per place": """
        SELECT ?place ?name (COUNT(DISTINCT ?agreement) AS ?agreements) WHERE {
          { SELECT DISTINCT ?agreement ?place WHERE { ?agreement cg:party ?place } }
          { SELECT DISTINCT ?place ?name WHERE { ?place a cg:Place ; cg:name ?name } }
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


# ---- synthetic articles ----


def load_samples() -> list[dict]:
    """The sample articles as raw records (noise kept), each with its gold parties."""
    gold = {g["id"]: g for g in map(json.loads, (SAMPLES / "gold.jsonl").read_text("utf-8").splitlines())}
    records = []
    for article_id, g in gold.items():
        path = SAMPLES / g["file"]
        if path.suffix == ".jsonl":
            lines = path.read_text("utf-8").splitlines()
            record = next(r for r in map(json.loads, lines) if r["id"] == article_id)
        else:
            record = {"id": article_id, "lang": g["lang"], "text": path.read_text("utf-8")}
        parties = [(p["name"], p["kind"], p["country"]) for a in g["agreements"] for p in a["parties"]]
        records.append({**record, "parties": sorted(set(parties))})
    return records


def _swap_words(text: str, mapping: dict[str, str]) -> str:
    """Replace whole words (as written, or in capitals as in datelines) in one pass."""
    if not mapping:
        return text
    table = {**mapping, **{k.upper(): v.upper() for k, v in mapping.items()}}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: table[m.group(1)], text)


def vary(sample: dict, index: int, rng: random.Random) -> dict:
    """One synthetic copy of ``sample``."""
    places = {}
    for name, kind, country in sample["parties"]:
        pool = [p for p in STAND_INS.get((kind, country), []) if p != name and p not in places.values()]
        if pool:
            places[name] = rng.choice(pool)
    words = DOMAIN_WORDS.get(sample.get("lang") or "id", DOMAIN_WORDS["id"])
    shift = rng.randrange(1, len(words))
    rotated = {w: words[(i + shift) % len(words)] for i, w in enumerate(words)}
    text = _swap_words(sample["text"], places)
    text = re.sub(r"\b(" + "|".join(words) + r")\b", lambda m: rotated[m.group(1)], text)
    years = rng.randrange(-4, 5)
    text = YEAR_RE.sub(lambda m: str(int(m.group()) + years), text)
    day = rng.randrange(1, 29)
    text = DAY_RE.sub(lambda m: f"({day}/{m.group(2)}", text)
    record = {"id": f"syn-{index:06d}-{sample['id']}", "lang": sample.get("lang"), "text": text}
    if sample.get("title"):
        record["title"] = _swap_words(sample["title"], places)
    if sample.get("published"):
        record["published"] = YEAR_RE.sub(lambda m: str(int(m.group()) + years), sample["published"])
    return record


def build(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    samples = load_samples()
    return [vary(samples[i % len(samples)], i, rng) for i in range(n)]


# ---- measuring ----


def seconds(action) -> float:  # noqa: ANN001
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def size_on_disk(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


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


def table(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"\n{title}")
    print("-" * (width + 20))
    for key, value in rows:
        print(f"{key:<{width}}  {value:>16}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of synthetic articles (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the variations (default 0)")
    args = parser.parse_args()

    records = build(args.n, args.seed)
    langs = {lang: sum(r["lang"] == lang for r in records) for lang in ("id", "en")}
    with tempfile.TemporaryDirectory(prefix="citygraph-bench-") as tmp:
        folder = Path(tmp)
        source = folder / "synthetic.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        articles = [a for a in read_articles([source]) if isinstance(a, Article)]
        assert len(articles) == len(records), "a synthetic article could not be read"

        gazetteer = Gazetteer.default()
        found = []
        extract_s = seconds(lambda: found.extend(extract(a, gazetteer=gazetteer) for a in articles))
        positives = sum(bool(x.agreements) for x in found)

        location = folder / "store"
        with open_store(location) as store:
            summary = None

            def run() -> None:
                nonlocal summary
                summary = ingest([source], store)

            ingest_s = seconds(run)
            assert summary is not None and not summary.errors, summary
            quads = store.triple_count()
            timed = []
            for name, query in QUERIES.items():
                rows: list = []
                elapsed = seconds(lambda q=query, rows=rows: rows.extend(store.query(q)))
                timed.append((name, elapsed, len(rows)))
        disk, wal = size_on_disk(location), size_on_disk(location, "*.log")

        one = folder / "one.txt"
        shutil.copy(SAMPLES / "makassar-yokohama-loi.txt", one)
        command = citygraph_command()
        help_s = wall([*command, "--help"])
        one_s = wall([*command, "ingest", str(one), "--quiet", "--store", str(folder / "one-store")])

    print(f"citygraph ingest benchmark: n={args.n} seed={args.seed} "
          f"({langs['id']} Indonesian, {langs['en']} English; {positives} with an agreement found)")
    table("throughput", [
        ("extraction alone", f"{args.n / extract_s:,.1f} art/s"),
        ("end to end (ingest)", f"{args.n / ingest_s:,.1f} art/s"),
        ("extraction time", f"{extract_s:.2f} s"),
        ("ingest time", f"{ingest_s:.2f} s"),
    ])
    table("store", [
        ("articles", f"{summary.articles:,}"),
        ("agreements found", f"{summary.agreements:,}"),
        ("quads", f"{quads:,}"),
        ("size on disk", f"{disk / 1e6:,.1f} MB"),
        ("of which RocksDB WAL", f"{wal / 1e6:,.1f} MB"),
    ])
    table("queries (ms, rows)", [(name, f"{s * 1000:,.1f} ms {n:>6,}") for name, s, n in timed])
    table("start-up (new process, median of 3)", [
        ("citygraph --help", f"{help_s:.2f} s"),
        ("ingest one article", f"{one_s:.2f} s"),
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main())
