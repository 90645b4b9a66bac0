"""Extraction on a Dask cluster; the store loaded on this machine from N-Quads shards.

When one machine's cores are not enough, extraction (95 % of an ingest's
work) runs on a Dask cluster and the single embedded store is loaded from
its output. Two steps, each usable on its own:

1. :func:`extract_to_shards` reads the input *here* (streaming, as
   ``ingest`` does), cuts it into partitions of ``shard_size`` articles and
   submits one task per partition; each task extracts its articles and
   returns their graphs as one N-Quads document, every article's quads in its
   own named graph. The results are written here as ``part-NNNNNN.nq`` with a
   manifest ``part-NNNNNN.json`` (the partition's article ids, in order, and
   its counts). Files are written under a temporary name and renamed,
   manifest last, so a shard with a manifest is complete; ``shards.json``,
   written at the very end, says the set is. A re-run skips every partition
   whose manifest lists the same articles, so an interrupted run resumes. At
   most two partitions per worker thread are in flight, so memory here stays
   flat however large the input.
2. :func:`load_shards` writes the shards into a store in partition order,
   each article all-or-nothing (:meth:`Store.write_article_shard`), marking
   first the party sets each shard touches (listed in its manifest), then
   regroups those, as ``ingest`` does. Loading into an empty store can use the bulk loader
   (``bulk=True``).

:func:`ingest_on_cluster` runs both. The store it produces is the one
:func:`citygraph.ingest.ingest` would, whatever the number of workers or the
order tasks finish in: shards are named by partition, loaded in that order,
an article repeated in the input keeps its last version, and consolidation
depends only on the data.

Why Dask and not Spark: the work is pure-Python functions over Python
objects, which Dask schedules as they are (no JVM, no serialisation through
Arrow or Py4J), it installs from PyPI with ``pip install citygraph[cluster]``,
``LocalCluster`` runs the same code in tests, and a real cluster is a
scheduler and ``dask worker`` processes (by hand, SSH, SLURM through
dask-jobqueue, Kubernetes).

Limits: the per-article time limit of ``ingest`` needs a process's main
thread, and Dask runs tasks in worker threads, so it does not apply here;
the length cap on articles (``MAX_ARTICLE_CHARS``) does. The embedded store
is written by one process, so loading, not extraction, bounds the speed of a
big cluster (see the README).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from citygraph.consolidate import consolidate, consolidate_pending, keys_of_articles, mark_pending
from citygraph.defaults import SHARD_SIZE
from citygraph.errors import CitygraphError, SourceError
from citygraph.ingest import IngestSummary, article_quads
from citygraph.model import Article
from citygraph.rdf import parties_key
from citygraph.sources import read_articles
from citygraph.store import Store

log = logging.getLogger(__name__)

#: Shard file names: ``part-000000.nq`` and its manifest ``part-000000.json``.
SHARD_PREFIX = "part-"
#: Written last by extract_to_shards: the number of shards of a complete set.
DONE = "shards.json"
#: Partitions in flight per worker thread.
IN_FLIGHT_PER_THREAD = 2


class ClusterError(CitygraphError):
    """Dask is missing, or the scheduler cannot be reached."""


@dataclass
class ShardSummary:
    """What :func:`extract_to_shards` did."""

    shards: int = 0
    #: Shards computed in this run (the rest were already there).
    computed: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)


# ---- the task, run on a worker ----


def extract_partition(articles: list[Article]) -> dict[str, Any]:
    """Extract a partition's articles into one N-Quads document (runs on a Dask worker).

    An article given twice keeps its last version (the earlier one is
    dropped, as a later replace would have dropped it). Returns the document,
    the ids it holds in order and the counts for the summary.
    """
    last = {article.id: index for index, article in enumerate(articles)}
    quads: list[ox.Quad] = []
    ids: list[str] = []
    keys: set[str] = set()
    counts = {"articles": len(articles), "agreements": 0, "people": 0, "forums": 0, "places": 0, "triples": 0}
    for index, article in enumerate(articles):
        extraction, article_graph = article_quads(article)
        counts["agreements"] += len(extraction.agreements)
        counts["people"] += len(extraction.people)
        counts["forums"] += len(extraction.forums)
        counts["places"] += len(extraction.places)
        counts["triples"] += len(article_graph)
        if last[article.id] == index:
            ids.append(article.id)
            quads.extend(article_graph)
            keys.update(parties_key(agreement) for agreement in extraction.agreements)
    return {"ids": ids, "counts": counts, "keys": sorted(keys),
            "nquads": ox.serialize(quads, format=ox.RdfFormat.N_QUADS)}


# ---- extraction on the cluster ----


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int = 2, processes: bool = True,
                connect_timeout: float = 20) -> Iterator[Any]:
    """A Dask client: to the scheduler at ``scheduler`` (``tcp://host:8786``), else on a new LocalCluster.

    Connecting gives up after ``connect_timeout`` seconds (ClusterError).
    The LocalCluster has ``workers`` workers of one thread each (extraction is
    pure Python: threads would share one core), in processes unless
    ``processes=False``; it is closed on exit.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise ClusterError("Dask is not installed: pip install 'citygraph[cluster]'") from e
    if scheduler:
        try:
            client = Client(scheduler, timeout=f"{connect_timeout}s")
        except (OSError, TimeoutError) as e:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        yield client


def extract_to_shards(paths: Iterable[str | Path], shard_dir: str | Path, client: Any, *,
                      lang: str | None = None, shard_size: int = SHARD_SIZE,
                      on_error: Callable[[SourceError], None] | None = None,
                      on_shard: Callable[[int, int], None] | None = None) -> ShardSummary:
    """Extract every article under ``paths`` on ``client``'s cluster into N-Quads shards in ``shard_dir``.

    Reading errors are reported through ``on_error`` as they are met;
    ``on_shard(index, articles)`` is called as each shard is written (or found
    already written). Returns what was done; shards are not loaded (see
    :func:`load_shards`).
    """
    from distributed import as_completed

    if shard_size < 1:
        raise ValueError(f"shard_size must be at least 1, not {shard_size}")
    folder = Path(shard_dir)
    folder.mkdir(parents=True, exist_ok=True)
    forced = None if lang in (None, "auto") else lang
    summary = ShardSummary()
    limit = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_THREAD
    running = as_completed()
    submitted: dict[str, tuple[int, list[str]]] = {}

    def finish(future: Any) -> None:
        index, inputs = submitted.pop(future.key)
        result = future.result()
        _write_shard(folder, index, inputs, result)
        future.release()
        summary.computed += 1
        _count(summary, index, result, on_shard)

    def error(item: SourceError) -> None:
        summary.errors.append(str(item))
        if on_error is not None:
            on_error(item)

    _clear_done_marker(folder)
    for index, partition in enumerate(_partitions(read_articles(paths, lang=forced), shard_size, error)):
        summary.shards += 1
        inputs = [article.id for article in partition]
        done = _read_manifest(folder, index)
        if done is not None and done.get("input") == inputs:
            _count(summary, index, done, on_shard)
            continue
        future = client.submit(extract_partition, partition, pure=False)
        submitted[future.key] = (index, inputs)
        running.add(future)
        while running.count() >= limit:
            finish(next(running))
    for future in running:
        finish(future)
    _finish_shards(folder, summary.shards)
    return summary


def _count(summary: ShardSummary, index: int, result: dict[str, Any],
           on_shard: Callable[[int, int], None] | None) -> None:
    summary.articles += result["counts"]["articles"]
    if on_shard is not None:
        on_shard(index, result["counts"]["articles"])


def _partitions(items: Iterable[Article | SourceError], size: int,
                on_error: Callable[[SourceError], None]) -> Iterator[list[Article]]:
    partition: list[Article] = []
    for item in items:
        if isinstance(item, SourceError):
            on_error(item)
            continue
        partition.append(item)
        if len(partition) >= size:
            yield partition
            partition = []
    if partition:
        yield partition


def _shard_paths(folder: Path, index: int) -> tuple[Path, Path]:
    stem = folder / f"{SHARD_PREFIX}{index:06d}"
    return stem.with_suffix(".nq"), stem.with_suffix(".json")


def _write_shard(folder: Path, index: int, inputs: list[str], result: dict[str, Any]) -> None:
    """The N-Quads then the manifest, each written aside and renamed: a manifest means a whole shard."""
    data, manifest = _shard_paths(folder, index)
    _write_atomically(data, result["nquads"])
    meta = {"input": inputs, "ids": result["ids"], "counts": result["counts"], "keys": result["keys"]}
    _write_atomically(manifest, json.dumps(meta, ensure_ascii=False).encode("utf-8"))


def _clear_done_marker(folder: Path) -> None:
    (folder / DONE).unlink(missing_ok=True)


def _finish_shards(folder: Path, shards: int) -> None:
    """Remove shards past the last partition (left by an earlier, longer input), then mark the set complete."""
    for path in folder.glob(f"{SHARD_PREFIX}[0-9]*.*"):
        stem = path.name[len(SHARD_PREFIX):].split(".", 1)[0]
        if stem.isdigit() and int(stem) >= shards:
            path.unlink()
    _write_atomically(folder / DONE, json.dumps({"shards": shards}).encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def _read_manifest(folder: Path, index: int) -> dict[str, Any] | None:
    data, manifest = _shard_paths(folder, index)
    if not (manifest.is_file() and data.is_file()):
        return None
    try:
        meta = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


# ---- loading ----


def load_shards(shard_dir: str | Path, store: Store, *, bulk: bool = False,
                on_shard: Callable[[int, int], None] | None = None) -> IngestSummary:
    """Write every shard of ``shard_dir`` into ``store``, in partition order, then regroup what they touched.

    Each article is all-or-nothing; re-loading the same shards leaves the
    store unchanged. ``bulk=True`` bulk-loads a shard none of whose articles
    is stored yet (fastest into an empty store; see
    :meth:`Store.write_article_shard`). Raises :class:`ClusterError` when the
    folder holds no shard.
    """
    folder = Path(shard_dir)
    try:
        shards = int(json.loads((folder / DONE).read_text("utf-8"))["shards"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ClusterError(f"{folder} holds no complete set of shards ({DONE} is missing or unreadable); "
                           "run or finish the extraction first") from e
    summary = IngestSummary()
    incremental = True
    for index in range(shards):
        meta = _read_manifest(folder, index)
        data, manifest = _shard_paths(folder, index)
        if meta is None:
            raise ClusterError(f"{manifest}: unreadable manifest, or its .nq is missing; re-run the extraction")
        if "keys" in meta:  # as ingest does: mark the party sets the shard touches before writing it
            mark_pending(store, set(meta["keys"]) | keys_of_articles(store, meta["ids"]), meta["ids"])
        else:  # a manifest written before party-set keys: rebuild the consolidation at the end
            incremental = False
        summary.written += store.write_article_shard(meta["ids"], data, bulk=bulk)
        counts = meta["counts"]
        summary.articles += counts["articles"]
        summary.agreements += counts["agreements"]
        summary.people += counts["people"]
        summary.forums += counts["forums"]
        summary.places += counts["places"]
        summary.triples_written += counts["triples"]
        if on_shard is not None:
            on_shard(index, counts["articles"])
    store.flush()
    summary.consolidation = consolidate_pending(store) if incremental else consolidate(store)
    return summary


def ingest_on_cluster(paths: Iterable[str | Path], store: Store, shard_dir: str | Path, *,
                      scheduler: str | None = None, workers: int = 2, processes: bool = True,
                      connect_timeout: float = 20,
                      lang: str | None = None, shard_size: int = SHARD_SIZE, bulk: bool = False,
                      on_error: Callable[[SourceError], None] | None = None,
                      on_shard: Callable[[int, int], None] | None = None) -> IngestSummary:
    """``ingest`` with extraction on Dask: :func:`extract_to_shards` then :func:`load_shards`.

    ``scheduler`` is the address of a running Dask scheduler; None starts a
    LocalCluster of ``workers`` processes (threads with ``processes=False``)
    for the run. The shards stay in ``shard_dir`` (re-running resumes from
    them); delete it when the store is loaded. Reading errors go to
    ``on_error`` and into the summary.
    """
    with dask_client(scheduler, workers=workers, processes=processes, connect_timeout=connect_timeout) as client:
        extracted = extract_to_shards(paths, shard_dir, client, lang=lang, shard_size=shard_size,
                                      on_error=on_error, on_shard=on_shard)
    summary = load_shards(shard_dir, store, bulk=bulk)
    summary.errors = list(extracted.errors)
    return summary
