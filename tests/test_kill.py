"""``kill -9`` an ingest for real, then check the store: every article whole or absent.

A driver script runs :func:`citygraph.ingest.ingest` in a subprocess (its own
session, so its worker processes die with it) and prints one line per article
*after* the article is stored: the side channel that tells the test when to
strike, since the store itself is locked by the writer. After the kill:

* opened read-only (as a reader would see it, before any repair), every
  article graph present equals the reference's, an uninterrupted run's
  (except with the bulk loader, whose half articles a writable open removes);
* opened for writing, nothing is left of the interrupted write (no staging or
  pending graph) and every article graph present is whole;
* re-running the ingest (in full, or with ``resume=True``, which skips the
  articles already stored) makes the store equal to the reference, quad for
  quad.

The same is done during a re-import of changed texts: each article is then
either its old graph or its new one, never a mix.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from citygraph.ingest import ingest
from citygraph.model import Article
from citygraph.rdf import article_graph_iri
from citygraph.sources import read_articles
from citygraph.store import _PENDING_FOR, _PENDING_PREFIX, Store, open_store

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "data" / "articles", REPO / "tests" / "data" / "corpus2"]
ARTICLES = 120
STRIKE_AFTER = 30

DRIVER = """
import json, sys
from citygraph.ingest import ingest
from citygraph.store import open_store

def main():
    source, location, workers, batch_size, bulk, resume = sys.argv[1:7]
    with open_store(location) as store:
        print("open", flush=True)
        ingest([source], store, workers=int(workers), batch_size=int(batch_size), bulk=bulk == "1",
               resume=resume == "1",
               on_article=lambda article, extraction: print("stored", json.dumps(article.id), flush=True))
    print("done", flush=True)

if __name__ == "__main__":
    main()
"""


def write_corpus(path: Path, *, rotate: int = 0) -> Path:
    """``ARTICLES`` articles made from the project's samples, each with its own id.

    ``rotate`` gives article i the text of article i + rotate: the same ids
    with other texts, for a re-import that changes every article.
    """
    base = [a for a in read_articles(SOURCES) if isinstance(a, Article)]
    records = []
    for i in range(ARTICLES):
        source = base[(i + rotate) % len(base)]
        records.append({"id": f"k{i:04d}-{base[i % len(base)].id}", "text": source.text, "title": source.title,
                        "url": source.url, "lang": source.lang,
                        "published": source.published.isoformat() if source.published else None})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def article_graphs(store: Store) -> dict[str, frozenset[ox.Quad]]:
    graphs = {}
    for article_id in store.article_ids():
        name = ox.NamedNode(str(article_graph_iri(article_id)))
        graphs[article_id] = frozenset(store.inner.quads_for_pattern(None, None, None, name))
    return graphs


def build_reference(folder: Path, source: Path) -> Path:
    location = folder / "store"
    with open_store(location) as store:
        ingest([source], store)
    return location


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("kill")
    old, new = write_corpus(folder / "old.jsonl"), write_corpus(folder / "new.jsonl", rotate=7)
    return {"old": old, "new": new,
            "old_store": build_reference(folder / "old", old), "new_store": build_reference(folder / "new", new)}


def read(location: Path) -> tuple[dict[str, frozenset[ox.Quad]], set[ox.Quad], list[str]]:
    with open_store(location, read_only=True) as store:
        return article_graphs(store), set(store.quads()), store.leftovers()


def driver_command(tmp_path: Path, source: Path, location: Path, workers: int, batch_size: int,
                   bulk: bool, resume: bool = False) -> list[str]:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, "utf-8")
    return [sys.executable, str(driver), str(source), str(location), str(workers), str(batch_size),
            "1" if bulk else "0", "1" if resume else "0"]


def start(tmp_path: Path, source: Path, location: Path, workers: int, batch_size: int,
          bulk: bool) -> tuple[subprocess.Popen[str], queue.Queue[str | None]]:
    process = subprocess.Popen(driver_command(tmp_path, source, location, workers, batch_size, bulk),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, cwd=REPO)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return process, lines


def strike(process: subprocess.Popen[str], lines: queue.Queue[str | None], after: int) -> list[str]:
    """Wait for ``after`` stored articles, then SIGKILL the driver and its workers; the ids it reported."""
    stored: list[str] = []
    while len(stored) < after:
        try:
            line = lines.get(timeout=120)
        except queue.Empty:
            break
        if line is None:
            break
        if line.startswith("stored "):
            stored.append(json.loads(line[len("stored "):]))
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    while lines.get(timeout=60) is not None:  # the pump has reached the end of the output
        pass
    assert process.stdout is not None and process.stderr is not None
    errors = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    assert len(stored) >= after, f"the ingest ended before {after} articles: {errors[-2000:]}"
    return stored


def finish(tmp_path: Path, source: Path, location: Path, workers: int, batch_size: int, bulk: bool,
           resume: bool = False) -> None:
    done = subprocess.run(driver_command(tmp_path, source, location, workers, batch_size, bulk, resume),
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.rstrip().endswith("done")


@pytest.mark.parametrize(("workers", "batch_size", "bulk", "resume"),
                         [(1, 4, False, False), (2, 8, False, True), (2, 16, True, False)],
                         ids=["one-process", "two-workers-resumed", "bulk-loader"])
def test_kill_during_a_first_import_then_rerun(tmp_path: Path, corpus: dict[str, Path], workers: int,
                                               batch_size: int, bulk: bool, resume: bool) -> None:
    location = tmp_path / "store"
    with open_store(corpus["old_store"], read_only=True) as store:
        reference, reference_quads = article_graphs(store), set(store.quads())

    process, lines = start(tmp_path, corpus["old"], location, workers, batch_size, bulk)
    stored = strike(process, lines, STRIKE_AFTER)

    seen, _, leftovers = read(location)
    assert set(stored) <= set(seen)  # what was reported stored is stored
    if not bulk:  # a reader sees whole articles only, before any repair
        assert leftovers == []
        for article_id, graph in seen.items():
            assert graph == reference[article_id], article_id
    with open_store(location) as store:  # the writable open repairs what a bulk load left
        assert store.leftovers() == []
        repaired = article_graphs(store)
    assert set(stored) <= set(repaired)
    for article_id, graph in repaired.items():
        assert graph == reference[article_id], article_id

    finish(tmp_path, corpus["old"], location, workers, batch_size, bulk, resume)
    graphs, everything, leftovers = read(location)
    assert leftovers == []
    assert graphs == reference
    assert everything == reference_quads  # consolidation and ontology graphs too


def test_kill_during_a_reimport_leaves_each_article_old_or_new(tmp_path: Path, corpus: dict[str, Path]) -> None:
    location = tmp_path / "store"
    shutil.copytree(corpus["old_store"], location)
    with open_store(corpus["old_store"], read_only=True) as store:
        old = article_graphs(store)
    with open_store(corpus["new_store"], read_only=True) as store:
        new, new_quads = article_graphs(store), set(store.quads())
    assert old.keys() == new.keys() and all(old[k] != new[k] for k in old)

    process, lines = start(tmp_path, corpus["new"], location, 2, 4, False)
    stored = strike(process, lines, STRIKE_AFTER)

    seen, _, _ = read(location)  # staging may remain here: it is not an article graph
    assert seen.keys() == old.keys()
    for article_id, graph in seen.items():
        assert graph in (old[article_id], new[article_id]), article_id
    for article_id in stored:
        assert seen[article_id] == new[article_id], article_id
    with open_store(location) as store:
        assert store.leftovers() == []

    finish(tmp_path, corpus["new"], location, 2, 4, False)
    graphs, everything, _ = read(location)
    assert graphs == new
    assert everything == new_quads


def test_a_bulk_write_interrupted_midway_is_undone_on_the_next_open(tmp_path: Path) -> None:
    """The repair itself, deterministically: a pending graph and a half-loaded article."""
    location = tmp_path / "store"
    with open_store(location) as store:
        ingest([SOURCES[0]], store)
        before = set(store.quads())
        half = ox.NamedNode(str(article_graph_iri("half")))
        marker = ox.NamedNode(_PENDING_PREFIX + "0123abcd")
        store.inner.extend([ox.Quad(marker, _PENDING_FOR, half, marker)])
        store.inner.bulk_extend([ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"),
                                         ox.Literal("half of an article"), half)])
    with open_store(location, read_only=True) as store:
        assert "half" in store.article_ids() and store.leftovers() == [marker.value]
    with open_store(location) as store:
        assert store.leftovers() == [] and "half" not in store.article_ids()
        assert set(store.quads()) == before
