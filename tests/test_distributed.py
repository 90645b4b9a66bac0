"""Extraction on a Dask cluster: the store must be the one a single process builds.

A ``LocalCluster`` of two worker *processes* (the real thing: spawned
interpreters that import citygraph and load the gazetteer themselves) is
started once for the module and reached through its scheduler address, the
way ``citygraph ingest --engine dask --scheduler ADDRESS`` reaches a real one.
Stores are compared quad for quad (no blank nodes in article graphs; the
ontology's are numbered in parse order).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

pytest.importorskip("distributed", reason="the cluster extra is not installed: pip install -e '.[cluster]'")

from distributed import LocalCluster  # noqa: E402

from citygraph.distributed import (  # noqa: E402
    DONE,
    ClusterError,
    dask_client,
    extract_to_shards,
    ingest_on_cluster,
    load_shards,
)
from citygraph.ingest import ingest  # noqa: E402
from citygraph.store import WriteCounts, open_store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
INPUTS = [REPO / "data" / "articles", REPO / "tests" / "data" / "corpus2", REPO / "tests" / "data" / "articles"]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory):
    with open_store(tmp_path_factory.mktemp("single") / "store") as store:
        summary = ingest(INPUTS, store)
        return set(store.quads()), summary


def quads(location: Path) -> set[ox.Quad]:
    with open_store(location, read_only=True) as store:
        return set(store.quads())


@pytest.mark.parametrize("bulk", [False, True], ids=["transactional", "bulk-loaded"])
def test_the_cluster_builds_the_single_process_store(tmp_path: Path, scheduler: str, reference, bulk: bool) -> None:
    expected, expected_summary = reference
    errors = []
    with open_store(tmp_path / "store") as store:
        summary = ingest_on_cluster(INPUTS, store, tmp_path / "shards", scheduler=scheduler, shard_size=5,
                                    bulk=bulk, on_error=errors.append)
    assert quads(tmp_path / "store") == expected
    assert summary.as_dict() == expected_summary.as_dict()
    assert summary.errors == expected_summary.errors == [str(e) for e in errors]
    shards = sorted(p.name for p in (tmp_path / "shards").glob("part-*.nq"))
    assert len(shards) == json.loads((tmp_path / "shards" / DONE).read_text())["shards"] > 2


def test_an_interrupted_extraction_resumes_and_reloading_changes_nothing(tmp_path: Path, scheduler: str,
                                                                         reference) -> None:
    expected, _ = reference
    shards = tmp_path / "shards"
    with dask_client(scheduler) as client:
        first = extract_to_shards(INPUTS, shards, client, shard_size=4)
        (shards / "part-000002.json").unlink()  # as if the run had died before this shard was written
        (shards / DONE).unlink()
        with open_store(tmp_path / "store") as store, pytest.raises(ClusterError, match="no complete set"):
            load_shards(shards, store)
        again = extract_to_shards(INPUTS, shards, client, shard_size=4)
    assert first.computed == first.shards and again.computed == 1 and again.shards == first.shards
    with open_store(tmp_path / "store") as store:
        loaded = load_shards(shards, store)
        reloaded = load_shards(shards, store)
    assert loaded.written.added == reloaded.written.unchanged > 0 and reloaded.written.added == 0
    assert quads(tmp_path / "store") == expected


def test_shards_of_a_longer_earlier_input_are_not_loaded(tmp_path: Path, scheduler: str) -> None:
    shards = tmp_path / "shards"
    with dask_client(scheduler) as client:
        extract_to_shards(INPUTS, shards, client, shard_size=3)
        short = extract_to_shards([INPUTS[0]], shards, client, shard_size=3)
    assert sorted(p.name for p in shards.glob("part-*.nq")) == [f"part-{i:06d}.nq" for i in range(short.shards)]
    with open_store(tmp_path / "store") as store:
        load_shards(shards, store)
    with open_store(tmp_path / "single") as store:
        ingest([INPUTS[0]], store)
    assert quads(tmp_path / "store") == quads(tmp_path / "single")


def test_an_article_repeated_in_a_partition_keeps_its_last_version(tmp_path: Path, scheduler: str) -> None:
    lines = (REPO / "tests" / "data" / "corpus2" / "batch.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()][:3]
    records.append({**records[1], "id": records[0]["id"]})  # record 0 again, with record 1's text
    source = tmp_path / "twice.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    with open_store(tmp_path / "cluster") as store:
        summary = ingest_on_cluster([source], store, tmp_path / "shards", scheduler=scheduler, shard_size=10)
    with open_store(tmp_path / "single") as store:
        ingest([source], store)
    assert quads(tmp_path / "cluster") == quads(tmp_path / "single")
    assert summary.articles == 4 and summary.written == WriteCounts(added=3)


def test_a_local_cluster_of_threads_works_too(tmp_path: Path, reference) -> None:
    """processes=False: what a notebook on a laptop may prefer (same code path, no new interpreters)."""
    expected, _ = reference
    with open_store(tmp_path / "store") as store:
        ingest_on_cluster(INPUTS, store, tmp_path / "shards", workers=2, processes=False, shard_size=8)
    assert quads(tmp_path / "store") == expected


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store, pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        ingest_on_cluster(INPUTS, store, tmp_path / "shards", scheduler="tcp://127.0.0.1:9", connect_timeout=1)
    shutil.rmtree(tmp_path / "shards", ignore_errors=True)
