"""Batch import: read articles, extract, map to RDF, write each article's graph.

One function a script or the CLI calls, :func:`ingest`. Three stages:

* **reading** (:func:`citygraph.sources.read_articles`) streams articles one at
  a time, so memory stays flat however large the input;
* **extraction** (:func:`extract_article`: extraction, the article's graph,
  serialised as N-Quads) runs in this process or, with ``workers=N``, in N
  worker processes, each loading the gazetteer once. At most
  ``N * WORKER_PREFETCH`` chunks of ``WORKER_CHUNK_SIZE`` articles are in
  flight, and results come back in input order;
* **writing** happens here only, the single writer: batches of
  ``batch_size`` articles go to :meth:`Store.write_article_nquads`, where an
  article new to the store is loaded in one transaction, a changed one is
  replaced in one transaction (staging graph plus one SPARQL update), and one
  stored exactly so is checked, not rewritten. So an interrupted run (even
  ``kill -9``) leaves every article either fully in or fully absent, and
  re-running completes it (``resume=True`` skips the stored articles without
  extracting them again). With ``bulk=True`` a batch of new articles is one
  call of the bulk loader, guarded by a pending graph that the next writable
  open undoes if the load was cut short. The store is flushed every
  ``FLUSH_EVERY_ARTICLES`` articles, which keeps RocksDB's log short.

The store ends the same whatever ``workers`` and ``batch_size`` are: results
are written in input order and an article given twice keeps its last version,
as one-by-one replaces would.

Consolidation (:mod:`citygraph.consolidate`: agreement nodes that several
articles report differently are linked to one canonical node, and every
agreement gets its corroboration counts) is incremental: before each batch
is written, the party sets of its agreements (and of the stored graphs it
replaces) are marked pending in one transaction; after the last article
those party sets alone are regrouped, a chunk at a time. A daily import of a
few hundred articles into a store of a million regroups what they touch, and
memory does not grow with the store. A run killed before its end leaves the
marks, and the next ingest finishes the regrouping.

Bounded time per article: extraction of one article that runs longer than
``time_limit`` seconds (:data:`~citygraph.defaults.MAX_EXTRACT_SECONDS`) is
stopped by a timer signal and the article is reported as an error and skipped.
Worker processes always have the guard; in this process it needs the main
thread of a platform with ``signal.setitimer`` (POSIX) and no timer already
set; otherwise it is off, and a warning says so.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from citygraph.consolidate import ConsolidationSummary, consolidate_pending, keys_of_articles, mark_pending
from citygraph.defaults import (
    BULK_BATCH_SIZE,
    FLUSH_EVERY_ARTICLES,
    INGEST_BATCH_SIZE,
    MAX_EXTRACT_SECONDS,
    WORKER_CHUNK_SIZE,
    WORKER_PREFETCH,
)
from citygraph.errors import SourceError
from citygraph.extract.gazetteer import Gazetteer
from citygraph.extract.pipeline import extract
from citygraph.model import Article, Extraction
from citygraph.rdf import article_graph_iri, extraction_to_graph, parties_key
from citygraph.sources import read_articles
from citygraph.store import Store, WriteCounts, to_ox

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What one ingest run did."""

    articles: int = 0
    agreements: int = 0
    people: int = 0
    forums: int = 0
    places: int = 0
    triples_written: int = 0
    errors: list[str] = field(default_factory=list)
    #: The consolidation run after the articles: store-wide, not only this run's articles.
    consolidation: ConsolidationSummary = field(default_factory=ConsolidationSummary)
    #: Articles added, replaced, or found already stored exactly so.
    written: WriteCounts = field(default_factory=WriteCounts)
    #: Articles not read again because they were stored already (``resume=True``).
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "agreements": self.agreements, "people": self.people,
                "forums": self.forums, "places": self.places, "triples": self.triples_written,
                "errors": len(self.errors)}


@dataclass(frozen=True)
class ExtractedArticle:
    """One article read into its graph: what a worker hands the writer.

    ``nquads`` is the article's graph as N-Quads, every quad in the article's
    named graph: bytes travel between processes cheaply (a tenth of the cost
    of pickling terms) and are parsed by Oxigraph's own parser, never by us.
    """

    article: Article
    extraction: Extraction
    nquads: bytes
    triples: int


def extract_article(article: Article, *, gazetteer: Gazetteer | None = None) -> ExtractedArticle:
    """Extract one article and serialise its graph (pure: the same article gives the same bytes)."""
    extraction, quads = article_quads(article, gazetteer=gazetteer)
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return ExtractedArticle(article, extraction, nquads, len(quads))


def article_quads(article: Article, *, gazetteer: Gazetteer | None = None) -> tuple[Extraction, list[ox.Quad]]:
    """The extraction of one article and its graph as quads, each in the article's named graph."""
    extraction = extract(article, gazetteer=gazetteer or Gazetteer.default())
    graph = extraction_to_graph(extraction)
    target = ox.NamedNode(str(article_graph_iri(article.id)))
    return extraction, [ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in graph]


def ingest(paths: Iterable[str | Path], store: Store, *, lang: str | None = None,
           on_article: Callable[[Article, Extraction], None] | None = None,
           on_error: Callable[[SourceError], None] | None = None,
           workers: int = 1, batch_size: int | None = None,
           time_limit: float | None = MAX_EXTRACT_SECONDS, bulk: bool = False,
           resume: bool = False, on_skip: Callable[[Article], None] | None = None,
           on_consolidation: Callable[[int, int], None] | None = None) -> IngestSummary:
    """Ingest every article under ``paths`` into ``store``.

    Bad inputs are reported through ``on_error`` (and kept in the summary) and
    skipped; everything else goes on. ``lang`` forces a language ("id", "en");
    None or "auto" detects it per article. Ends by regrouping the party sets
    its articles touched (and any a killed run left pending), so the
    consolidation graph matches what ``ingest`` wrote; ``on_consolidation(done,
    total)`` reports the progress of that in party sets.

    ``workers`` > 1 extracts in that many processes; ``batch_size`` articles
    are written at a time (default ``INGEST_BATCH_SIZE``, or
    ``BULK_BATCH_SIZE`` with ``bulk``). ``on_article`` is called once an article is in
    the store (after its batch is written), so a caller may take it as
    stored; ``on_error`` as soon as a bad input is met. ``time_limit``
    (seconds, None for none) bounds one article's extraction. ``bulk`` writes
    new articles through Oxigraph's bulk loader (see
    :meth:`Store.write_articles`): faster for a first import into an empty
    store, but a reader that opens while it runs may see half an article.
    ``resume`` skips, without extracting them again, the articles whose id is
    in the store already (``on_skip`` is called for each): for re-running an
    interrupted import of the same input, where the articles stored are
    whole and current. Without it every article is extracted again and
    written only where its graph changed.

    Raises:
        ValueError: ``workers`` or ``batch_size`` below 1, or a bad ``lang``.
    """
    if batch_size is None:
        batch_size = BULK_BATCH_SIZE if bulk else INGEST_BATCH_SIZE
    if workers < 1 or batch_size < 1:
        raise ValueError(f"workers and batch_size must be at least 1, not {workers} and {batch_size}")
    forced = None if lang in (None, "auto") else lang
    summary = IngestSummary()
    batch: list[ExtractedArticle] = []
    unflushed = 0

    def write() -> None:
        nonlocal batch, unflushed
        if not batch:
            return
        done, batch = batch, []
        ids = [x.article.id for x in done]
        touched = {parties_key(a) for x in done for a in x.extraction.agreements}
        mark_pending(store, touched | keys_of_articles(store, ids), ids)
        summary.written += store.write_article_nquads(((x.article.id, x.nquads) for x in done), bulk=bulk)
        for item in done:
            summary.articles += 1
            summary.agreements += len(item.extraction.agreements)
            summary.people += len(item.extraction.people)
            summary.forums += len(item.extraction.forums)
            summary.places += len(item.extraction.places)
            summary.triples_written += item.triples
            if on_article is not None:
                on_article(item.article, item.extraction)
        unflushed += len(done)
        if unflushed >= FLUSH_EVERY_ARTICLES:
            store.flush()
            unflushed = 0

    items: Iterable[Article | SourceError] = read_articles(paths, lang=forced)
    if resume:
        items = _unstored(items, store, summary, on_skip)
    results = extract_stream(items, workers=workers, time_limit=time_limit)
    with contextlib.closing(results):
        while True:
            try:
                item = next(results)
            except StopIteration:
                break
            except BaseException:
                write()  # what was extracted before the failure is stored, as one by one it would be
                raise
            if isinstance(item, SourceError):
                summary.errors.append(str(item))
                if on_error is not None:
                    on_error(item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                write()
    write()
    summary.consolidation = consolidate_pending(store, on_progress=on_consolidation)
    return summary


def _unstored(items: Iterable[Article | SourceError], store: Store, summary: IngestSummary,
              on_skip: Callable[[Article], None] | None) -> Iterator[Article | SourceError]:
    has_article = getattr(store, "has_article", None)
    if has_article is None:  # a store class without the lookup (an older remote one): ask once
        stored = set(store.article_ids())
        has_article = stored.__contains__
    for item in items:
        if isinstance(item, Article) and has_article(item.id):
            summary.skipped += 1
            if on_skip is not None:
                on_skip(item)
            continue
        yield item


# ---- extraction, here or in worker processes ----


def extract_stream(items: Iterable[Article | SourceError], *, workers: int = 1,
                   time_limit: float | None = MAX_EXTRACT_SECONDS) -> Iterator[ExtractedArticle | SourceError]:
    """Each article extracted, each error passed through, in input order.

    With ``workers`` > 1 the articles go to a process pool in chunks, with a
    bounded number in flight, so the input is never read far ahead. An
    article over ``time_limit`` comes out as a SourceError naming it.
    Closing the iterator early shuts the pool down.
    """
    if workers <= 1:
        with _local_guard(time_limit) as run:
            for item in items:
                yield item if isinstance(item, SourceError) else _unpack(run(item))
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(time_limit,))
    queue: deque[SourceError | Future[list[ExtractedArticle | _Failure]]] = deque()
    in_flight = 0
    limit = workers * WORKER_PREFETCH
    try:
        chunk: list[Article] = []
        for item in items:
            if isinstance(item, SourceError):
                if chunk:
                    queue.append(pool.submit(_extract_chunk, chunk))
                    in_flight, chunk = in_flight + 1, []
                queue.append(item)
            else:
                chunk.append(item)
                if len(chunk) >= WORKER_CHUNK_SIZE:
                    queue.append(pool.submit(_extract_chunk, chunk))
                    in_flight, chunk = in_flight + 1, []
            # Hand on what is ready at the head; wait only when too much is in flight.
            while queue and (isinstance(queue[0], SourceError) or queue[0].done() or in_flight > limit):
                head = queue.popleft()
                if isinstance(head, SourceError):
                    yield head
                else:
                    in_flight -= 1
                    yield from map(_unpack, head.result())
        if chunk:
            queue.append(pool.submit(_extract_chunk, chunk))
        while queue:
            head = queue.popleft()
            if isinstance(head, SourceError):
                yield head
            else:
                yield from map(_unpack, head.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class _Failure:
    """An article extraction gave up on (picklable, unlike SourceError)."""

    location: str
    reason: str


def _unpack(result: ExtractedArticle | _Failure) -> ExtractedArticle | SourceError:
    return SourceError(result.location, result.reason) if isinstance(result, _Failure) else result


class _Overtime(Exception):
    """Raised by the timer signal inside an article's extraction."""


_armed = False
#: Set when the timer fired: an exception raised where the interpreter swallows it
#: (a gc callback, a __del__) does not stop the extraction, so the flag is checked after.
_fired = False


def _on_alarm(signum: int, frame: Any) -> None:
    global _fired
    if _armed:
        _fired = True
        raise _Overtime


def _timed(article: Article, time_limit: float | None) -> ExtractedArticle | _Failure:
    """:func:`extract_article` under the timer (installed by the caller); overtime becomes a _Failure."""
    global _armed, _fired
    if not time_limit:
        return extract_article(article)
    try:
        _armed, _fired = True, False
        signal.setitimer(signal.ITIMER_REAL, time_limit)
        try:
            result = extract_article(article)
        finally:
            _armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
        if _fired:  # the timer's exception was swallowed somewhere: still over time
            raise _Overtime
        return result
    except _Overtime:
        return _Failure(article.source or article.id,
                        f"extraction took over {time_limit:g} s and was stopped; is this text an article?")


@contextlib.contextmanager
def _local_guard(time_limit: float | None) -> Iterator[Callable[[Article], ExtractedArticle | _Failure]]:
    """A function extracting one article here, under the time limit where this process can have it."""
    usable = (time_limit and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        if time_limit:
            log.warning("no time limit per article here (needs the main thread and a free interval timer)")
        yield lambda article: extract_article(article)
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        yield lambda article: _timed(article, time_limit)
    finally:
        signal.signal(signal.SIGALRM, previous)


_worker_time_limit: float | None = None


def _init_worker(time_limit: float | None) -> None:
    """Once per worker process: load the gazetteer, arm the timer handler, leave Ctrl-C to the parent."""
    global _worker_time_limit
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if time_limit and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_alarm)
        _worker_time_limit = time_limit
    Gazetteer.default()


def _extract_chunk(articles: list[Article]) -> list[ExtractedArticle | _Failure]:
    return [_timed(article, _worker_time_limit) for article in articles]
