"""Synthetic news articles for load tests, written as JSON Lines, streamed.

Templates are real annotated articles: the development corpus
(``../shared/corpus/dev``, 20 articles: 14 Indonesian, 6 English, 16 reporting
an agreement, 4 reporting none) when it is there, else the project's own
samples (``data/articles`` and ``tests/data/corpus2``). Article ``i`` is a
variation of template ``i mod len(templates)``, so any run keeps the
templates' mix of languages and of positive and negative articles. Each copy
gets

* a new id (``syn-000042-dev-003``);
* other parties: each party the gold names is swapped, everywhere in the text
  and title, for another place of the same kind and country that the
  gazetteer knows by one unambiguous name (Indonesian cities and regencies,
  foreign cities of 150,000 people or more), so an archive of 100,000
  articles reports many different pairs, as a real one does;
* its years shifted by -4..+4 (publication date too) and the day of
  ``(8/6)``-style dates redrawn;
* its domain words rotated (pariwisata -> pendidikan ...).

Deterministic for a given ``n`` and ``seed``. Records are produced one at a
time, so writing a million of them takes no memory to speak of:

    .venv/bin/python benchmarks/synthetic.py --n 100000 -o /tmp/syn.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from citygraph.extract.gazetteer import Gazetteer, normalise
from citygraph.model import PlaceKind

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus" / "dev"
FALLBACK = (REPO / "data" / "articles", REPO / "tests" / "data" / "corpus2")

#: Foreign cities below this population are not used as stand-ins (small
#: places are often homonyms, and news rarely pairs them).
MIN_FOREIGN_POPULATION = 150_000
# Domain words rotated among themselves, per language.
DOMAIN_WORDS = {
    "id": ["pariwisata", "pendidikan", "kesehatan", "perdagangan", "kebudayaan", "pertanian"],
    "en": ["tourism", "education", "health", "trade", "culture", "agriculture"],
}
YEAR_RE = re.compile(r"\b20[12]\d\b")
DAY_RE = re.compile(r"\((\d{1,2})/(\d{1,2})")
NAME_RE = re.compile(r"^[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?$")


def template_source() -> str:
    """``dev`` when the development corpus is beside the repository, else ``samples``."""
    return "dev" if (DEV / "gold.jsonl").is_file() else "samples"


def load_templates(source: str | None = None) -> list[dict]:
    """The template articles as raw records (noise kept), each with its gold parties, in gold order."""
    folders = [DEV] if (source or template_source()) == "dev" else list(FALLBACK)
    records = []
    for folder in folders:
        gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
        for g in gold:
            path = (folder / g["file"]).resolve()
            if path.suffix == ".jsonl":
                lines = path.read_text("utf-8").splitlines()
                record = next(r for r in map(json.loads, filter(str.strip, lines)) if r["id"] == g["id"])
            else:
                record = {"id": g["id"], "lang": g["lang"], "text": path.read_text("utf-8")}
                if g.get("published"):
                    record["published"] = g["published"]
            parties = {(p["name"], p["kind"], p["country"]) for a in g["agreements"] for p in a["parties"]}
            records.append({**record, "lang": record.get("lang") or g["lang"], "parties": sorted(parties),
                            "positive": bool(g["agreements"])})
    return records


def stand_in_pools(gazetteer: Gazetteer | None = None) -> dict[tuple[str, str], list[str]]:
    """Place names by (kind, country) that the gazetteer resolves to exactly one place."""
    gazetteer = gazetteer or Gazetteer.default()
    pools: dict[tuple[str, str], list[str]] = {}
    for key in gazetteer.keys():
        place = gazetteer.get(key)
        if place is None or not place.country or place.kind not in (PlaceKind.CITY, PlaceKind.REGENCY):
            continue
        if not NAME_RE.match(place.name) or len(gazetteer.entries(normalise(place.name))) != 1:
            continue
        if place.country != "ID" and gazetteer.population(key) < MIN_FOREIGN_POPULATION:
            continue
        pools.setdefault((place.kind.value, place.country), []).append(place.name)
    return {k: sorted(v) for k, v in pools.items()}


def _swap_words(text: str, mapping: dict[str, str]) -> str:
    """Replace whole words (as written, or in capitals as in datelines) in one pass."""
    if not mapping:
        return text
    table = {**mapping, **{k.upper(): v.upper() for k, v in mapping.items()}}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: table[m.group(1)], text)


def vary(template: dict, index: int, rng: random.Random, pools: dict[tuple[str, str], list[str]]) -> dict:
    """One synthetic copy of ``template``."""
    places: dict[str, str] = {}
    for name, kind, country in template["parties"]:
        pool = pools.get((kind, country), [])
        if len(pool) > 2:
            choice = rng.choice(pool)
            while choice == name or choice in places.values():
                choice = rng.choice(pool)
            places[name] = choice
    lang = template.get("lang") or "id"
    words = DOMAIN_WORDS.get(lang, DOMAIN_WORDS["id"])
    shift = rng.randrange(1, len(words))
    rotated = {w: words[(i + shift) % len(words)] for i, w in enumerate(words)}
    text = _swap_words(template["text"], places)
    text = re.sub(r"\b(" + "|".join(words) + r")\b", lambda m: rotated[m.group(1)], text)
    years = rng.randrange(-4, 5)
    text = YEAR_RE.sub(lambda m: str(int(m.group()) + years), text)
    day = rng.randrange(1, 29)
    text = DAY_RE.sub(lambda m: f"({day}/{m.group(2)}", text)
    record = {"id": f"syn-{index:06d}-{template['id']}", "lang": lang, "text": text}
    if template.get("title"):
        record["title"] = _swap_words(template["title"], places)
    if template.get("url"):
        record["url"] = f"{template['url'].rstrip('/')}-{index}"
    if template.get("published"):
        record["published"] = YEAR_RE.sub(lambda m: str(int(m.group()) + years), template["published"])
    return record


def generate(n: int, seed: int = 0, templates: list[dict] | None = None) -> Iterator[dict]:
    """``n`` synthetic records, one at a time."""
    rng = random.Random(seed)
    templates = templates or load_templates()
    pools = stand_in_pools()
    for i in range(n):
        yield vary(templates[i % len(templates)], i, rng, pools)


def write_jsonl(path: str | Path, n: int, seed: int = 0, templates: list[dict] | None = None) -> int:
    """Write ``n`` records to ``path``; returns the number of bytes written."""
    size = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in generate(n, seed, templates):
            size += out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the variations (default 0)")
    parser.add_argument("--templates", choices=("dev", "samples"), default=None,
                        help="template corpus (default: dev when ../shared is there, else samples)")
    parser.add_argument("-o", "--output", required=True, help="the JSON Lines file to write")
    args = parser.parse_args()
    size = write_jsonl(args.output, args.n, args.seed, load_templates(args.templates))
    print(f"wrote {args.n} articles, {size / 1e6:.1f} MB, to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
