"""``ingest`` with worker processes and batched writes: the same store, whatever the settings.

Worker counts, batch sizes and the bulk loader must not change the resulting
store (compared quad for quad: article graphs have no blank nodes and the
ontology's are numbered in parse order, so equal stores have equal quad
sets); an article given twice keeps its last version; re-ingesting rewrites
nothing; the input is never read far ahead of the writer; one pathological
article is stopped by the time limit and the run goes on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from citygraph.errors import SourceError
from citygraph.ingest import ExtractedArticle, extract_stream, ingest
from citygraph.model import Article
from citygraph.sources import read_articles
from citygraph.store import Store, WriteCounts, open_store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "articles"
CORPUS2 = REPO / "tests" / "data" / "corpus2"
FIXTURES = REPO / "tests" / "data" / "articles"  # includes unreadable files: errors in the stream
INPUTS = [SAMPLES, CORPUS2, FIXTURES]


def quads(store: Store) -> set[ox.Quad]:
    return set(store.quads())


def run(location: Path, paths: list[Path] | list[str], **options) -> tuple[set[ox.Quad], object, list[str]]:
    seen: list[str] = []
    with open_store(location) as store:
        summary = ingest(paths, store, on_article=lambda article, extraction: seen.append(article.id), **options)
        return quads(store), summary, seen


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[ox.Quad], object, list[str]]:
    """One process, one article at a time: what every other setting must reproduce."""
    return run(tmp_path_factory.mktemp("reference") / "store", INPUTS, workers=1, batch_size=1)


@pytest.mark.parametrize(("workers", "batch_size", "bulk"), [(2, 5, False), (2, 256, True), (1, 7, True)])
def test_the_store_is_the_same_whatever_the_workers_batches_and_loader(
        tmp_path: Path, reference, workers: int, batch_size: int, bulk: bool) -> None:
    expected, expected_summary, expected_order = reference
    got, summary, order = run(tmp_path / "store", INPUTS, workers=workers, batch_size=batch_size, bulk=bulk)
    assert got == expected
    assert summary.as_dict() == expected_summary.as_dict()
    assert summary.errors == expected_summary.errors  # same errors, same order
    assert order == expected_order  # on_article in input order
    assert summary.written == WriteCounts(added=len(set(order)))
    with open_store(tmp_path / "store", read_only=True) as store:
        assert store.leftovers() == []


def test_reingesting_rewrites_nothing_and_changes_nothing(tmp_path: Path, reference) -> None:
    expected, _, order = reference
    location = tmp_path / "store"
    run(location, INPUTS, workers=2)
    got, summary, _ = run(location, INPUTS, workers=2)
    assert got == expected
    assert summary.written == WriteCounts(unchanged=len(set(order)))


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def _records(limit: int | None = None) -> list[dict]:
    articles = [a for a in read_articles([SAMPLES, CORPUS2]) if isinstance(a, Article)][:limit]
    return [{"id": a.id, "text": a.text, "title": a.title, "url": a.url, "lang": a.lang,
             "published": a.published.isoformat() if a.published else None} for a in articles]


def test_resume_skips_what_is_stored_and_completes_the_rest(tmp_path: Path, reference) -> None:
    expected, _, order = reference
    location = tmp_path / "store"
    run(location, [SAMPLES])
    skipped: list[str] = []
    with open_store(location) as store:
        summary = ingest(INPUTS, store, workers=2, resume=True, on_skip=lambda article: skipped.append(article.id))
        assert quads(store) == expected
    stored_first = [a.id for a in read_articles([SAMPLES]) if isinstance(a, Article)]
    assert skipped == stored_first and summary.skipped == len(stored_first)
    assert summary.articles == len(order) - len(stored_first)


def test_an_article_given_twice_keeps_its_last_version_in_one_batch_or_two(tmp_path: Path) -> None:
    records = _records(6)
    first, second = dict(records[0]), dict(records[1])
    second["id"] = first["id"]  # the same id again, with another text
    source = _jsonl(tmp_path / "twice.jsonl", [first, *records[2:], second])
    only_last = _jsonl(tmp_path / "last.jsonl", [*records[2:], second])
    expected, _, _ = run(tmp_path / "expected", [only_last], batch_size=1)
    for workers, batch_size in ((1, 1), (1, 256), (2, 3)):
        got, summary, order = run(tmp_path / f"got-{workers}-{batch_size}", [source],
                                  workers=workers, batch_size=batch_size)
        assert got == expected, (workers, batch_size)
        assert order.count(first["id"]) == 2 and summary.articles == len(records)


def test_a_changed_article_is_replaced_whole(tmp_path: Path) -> None:
    records = _records(4)
    location = tmp_path / "store"
    run(location, [_jsonl(tmp_path / "v1.jsonl", records)])
    changed = [dict(r) for r in records]
    changed[0]["text"] = records[1]["text"]
    _, summary, _ = run(location, [_jsonl(tmp_path / "v2.jsonl", changed)], workers=2)
    assert summary.written == WriteCounts(replaced=1, unchanged=3)
    expected, _, _ = run(tmp_path / "fresh", [tmp_path / "v2.jsonl"])
    with open_store(location) as store:
        assert quads(store) == expected


def test_on_article_runs_once_the_article_is_stored(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        stored_when_called = []

        def check(article, extraction) -> None:  # noqa: ANN001
            stored_when_called.append(article.id in store.article_ids())

        ingest([SAMPLES], store, workers=2, batch_size=3, on_article=check)
    assert stored_when_called and all(stored_when_called)


def test_the_input_is_never_read_far_ahead(tmp_path: Path) -> None:
    """Memory stays flat: the pool holds a bounded number of articles, however long the input."""
    article = next(a for a in read_articles([SAMPLES]) if isinstance(a, Article))
    pulled = 0

    def endless() -> Iterator[Article]:
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield Article(id=f"a{i}", text=article.text, lang=article.lang)

    stream = extract_stream(endless(), workers=2)
    ahead = []
    for consumed, item in enumerate(stream, 1):
        assert isinstance(item, ExtractedArticle)
        ahead.append(pulled - consumed)
        if consumed == 200:
            break
    stream.close()
    assert max(ahead) <= 2 * 4 * 16 + 16 + 1  # workers * prefetch * chunk, one chunk being filled
    assert pulled < 500


# The timer's exception may land in a gc callback (hypothesis installs one), where the
# interpreter reports it as unraisable and goes on; ingest then still counts the article over time.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("workers", [1, 2])
def test_a_pathological_article_is_stopped_by_the_time_limit(tmp_path: Path, workers: int) -> None:
    """200,000 characters of place names without a full stop take seconds to extract; the guard skips it.

    (Extraction is linear in the text since the patterns were bounded, so a
    slow article is a long, dense one, no longer one huge word.)
    """
    records = _records(3)
    slow = {"id": "slow", "text": "Kota Bogor dan Kota Surabaya " * 8000, "lang": "id"}
    source = _jsonl(tmp_path / "slow.jsonl", [records[0], slow, *records[1:]])
    errors: list[SourceError] = []
    started = time.perf_counter()
    with open_store(tmp_path / "store") as store:
        summary = ingest([source], store, workers=workers, time_limit=0.5, on_error=errors.append)
        assert store.article_ids() == sorted(r["id"] for r in records)
    assert time.perf_counter() - started < 30
    assert [e.location for e in errors] == [f"{source}:2"]
    assert "extraction took over 0.5 s" in errors[0].reason
    assert summary.articles == 3 and len(summary.errors) == 1


def test_bad_settings_are_refused(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        for options in ({"workers": 0}, {"batch_size": 0}):
            with pytest.raises(ValueError, match="at least 1"):
                ingest([SAMPLES], store, **options)
