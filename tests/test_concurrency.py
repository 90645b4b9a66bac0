"""Two processes and one embedded store: one writer at a time, readers keep working.

RocksDB lets one process open the store for writing. A second writer fails at
once with a message saying so, or, with ``open_store(wait=SECONDS)`` (the
CLI's ``--wait``), waits for the first to finish. Readers open read-only,
which takes no lock: while an ingest runs they see the store as it was when
they opened it, every article whole (checked here against each article's
graph from an uninterrupted run), and ``list`` works.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from citygraph.cli import app
from citygraph.errors import StoreError
from citygraph.ingest import ingest
from citygraph.model import Article
from citygraph.rdf import article_graph_iri
from citygraph.sources import read_articles
from citygraph.store import open_store

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "data" / "articles", REPO / "tests" / "data" / "corpus2"]

HOLD = """
import sys, time
from citygraph.store import open_store
with open_store(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""

INGEST = """
import sys
from citygraph.ingest import ingest
from citygraph.store import open_store

if __name__ == "__main__":
    with open_store(sys.argv[2], wait=float(sys.argv[3])) as store:
        print("open", flush=True)
        ingest([sys.argv[1]], store, workers=2, batch_size=2,
               on_article=lambda article, extraction: print("stored", article.id, flush=True))
    print("done", flush=True)
"""


def python(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO)


def wait_for(process: subprocess.Popen[str], word: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(word):
            return
    raise AssertionError(f"no {word!r} line: {process.communicate()[1][-2000:]}")


def close(process: subprocess.Popen[str], timeout: float = 120) -> tuple[str, str]:
    out, err = process.communicate(timeout=timeout)
    return out, err


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, frozenset[ox.Quad]]]:
    """Sixty articles as JSON Lines, and each one's graph from an uninterrupted run."""
    folder = tmp_path_factory.mktemp("concurrency")
    base = [a for a in read_articles(SOURCES) if isinstance(a, Article)]
    source = folder / "articles.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for i in range(60):
            a = base[i % len(base)]
            out.write(json.dumps({"id": f"c{i:03d}", "text": a.text, "title": a.title, "url": a.url, "lang": a.lang,
                                  "published": a.published.isoformat() if a.published else None}) + "\n")
    with open_store(folder / "reference") as store:
        ingest([source], store)
        graphs = {i: frozenset(store.inner.quads_for_pattern(None, None, None,
                                                             ox.NamedNode(str(article_graph_iri(i)))))
                  for i in store.article_ids()}
    return source, graphs


def test_a_second_writer_fails_at_once_with_a_clear_message(tmp_path: Path) -> None:
    location = tmp_path / "store"
    holder = python(HOLD, location, 30)
    try:
        wait_for(holder, "held")
        started = time.monotonic()
        with pytest.raises(StoreError) as caught:
            open_store(location)
        assert time.monotonic() - started < 5
        assert str(caught.value) == f"store {location} is in use by another process; wait for it to finish"
    finally:
        holder.kill()
        close(holder)


def test_a_second_writer_can_wait_for_the_first(tmp_path: Path) -> None:
    location = tmp_path / "store"
    holder = python(HOLD, location, 1.5)
    wait_for(holder, "held")
    started = time.monotonic()
    with open_store(location, wait=60) as store:
        waited = time.monotonic() - started
        assert store.article_ids() == []
    assert 0.5 < waited < 30
    close(holder)
    assert holder.returncode == 0


def test_waiting_has_a_limit(tmp_path: Path) -> None:
    location = tmp_path / "store"
    holder = python(HOLD, location, 30)
    try:
        wait_for(holder, "held")
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"still in use by another process after waiting 0\.8 s"):
            open_store(location, wait=0.8)
        assert 0.7 < time.monotonic() - started < 10
    finally:
        holder.kill()
        close(holder)


def test_two_ingests_at_once_the_second_waits_and_both_complete(tmp_path: Path, corpus) -> None:
    source, graphs = corpus
    half = tmp_path / "second.jsonl"
    lines = source.read_text("utf-8").splitlines(keepends=True)
    half.write_text("".join(line.replace('"id": "c', '"id": "second-c') for line in lines[:10]), "utf-8")
    location = tmp_path / "store"
    first = python(INGEST, source, location, 0)
    wait_for(first, "open")
    second = python(INGEST, half, location, 120)
    _, err = close(first)
    assert first.returncode == 0, err[-2000:]
    out, err = close(second)
    assert second.returncode == 0, err[-2000:]
    assert out.splitlines()[0] == "open"
    with open_store(location, read_only=True) as store:
        ids = store.article_ids()
    assert set(ids) == set(graphs) | {f"second-c{i:03d}" for i in range(10)}


def test_a_second_ingest_without_wait_fails_and_the_first_is_unharmed(tmp_path: Path, corpus) -> None:
    source, graphs = corpus
    location = tmp_path / "store"
    first = python(INGEST, source, location, 0)
    wait_for(first, "open")
    second = subprocess.run([sys.executable, "-m", "citygraph", "ingest", str(source), "--store", str(location)],
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    assert second.returncode == 1
    assert "in use by another process" in second.stderr and "Traceback" not in second.stderr
    _, err = close(first)
    assert first.returncode == 0, err[-2000:]
    with open_store(location, read_only=True) as store:
        assert store.article_ids() == sorted(graphs)


def test_readers_keep_working_while_an_ingest_runs(tmp_path: Path, corpus) -> None:
    source, graphs = corpus
    location = tmp_path / "store"
    writer = python(INGEST, source, location, 0)
    wait_for(writer, "open")
    snapshots = []
    runner = CliRunner()
    try:
        while writer.poll() is None:
            with open_store(location, read_only=True) as store:
                present = store.article_ids()
                for article_id in present:
                    name = ox.NamedNode(str(article_graph_iri(article_id)))
                    assert frozenset(store.inner.quads_for_pattern(None, None, None, name)) == graphs[article_id]
                assert [g for g in store.leftovers() if "pending" in g] == []
            listed = runner.invoke(app, ["list", "agreements", "--format", "json", "--store", str(location)])
            assert listed.exit_code == 0, listed.output
            assert isinstance(json.loads(listed.stdout), list)
            snapshots.append(len(present))
    finally:
        _, err = close(writer)
    assert writer.returncode == 0, err[-2000:]
    assert len(snapshots) >= 2, "the ingest finished before a reader could look"
    assert snapshots == sorted(snapshots)  # each reader sees at least what the one before saw
    with open_store(location, read_only=True) as store:
        assert store.article_ids() == sorted(graphs)


# ---- a reader racing a writer's compaction, made deterministic ----

RACED = ("IO error: No such file or directory: While open a file for random read: "
         "store/000044.sst: No such file or directory")


class Flaky:
    """A pyoxigraph store whose next reads fail as they do when a writer's compaction removed a file."""

    def __init__(self, inner: ox.Store, failures: int) -> None:
        self.inner, self.failures = inner, failures

    def _fail(self) -> None:
        if self.failures:
            self.failures -= 1
            raise OSError(RACED)

    def named_graphs(self):  # noqa: ANN201
        self._fail()
        return self.inner.named_graphs()

    def query(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        if self.failures:
            self.failures -= 1
            raise RuntimeError("Corruption: " + RACED)
        return self.inner.query(*args, **kwargs)


def test_a_read_that_races_a_compaction_is_read_again(tmp_path: Path) -> None:
    location = tmp_path / "store"
    with open_store(location) as store:
        ingest(SOURCES[:1], store)
        ids, stats = store.article_ids(), store.select_rq("stats")
    with open_store(location, read_only=True) as store:
        store._inner = Flaky(store.inner, 1)
        assert store.article_ids() == ids
        store._inner = Flaky(store.inner, 1)
        assert store.select_rq("stats") == stats
    with open_store(location) as store:  # a writer's own files never vanish: no retry, a clear error
        store._inner = Flaky(store.inner, 1)
        with pytest.raises(StoreError, match="No such file"):
            store.article_ids()
        store._inner = store._inner.inner


def test_a_read_only_open_that_races_a_compaction_is_tried_again(tmp_path: Path) -> None:
    from citygraph.store import _open_read_only

    location = tmp_path / "store"
    with open_store(location):
        pass
    attempts = []

    def opener(where: str) -> ox.Store:
        attempts.append(where)
        if len(attempts) < 3:
            raise RuntimeError("Corruption: " + RACED + " The file MANIFEST-000005 may be corrupted.")
        return ox.Store.read_only(where)

    assert len(_open_read_only(str(location), opener)) > 0 and len(attempts) == 3

    def broken(where: str) -> ox.Store:
        raise OSError("IO error: permission denied")

    with pytest.raises(OSError, match="permission denied"):
        _open_read_only(str(location), broken)
