"""The ingest command's scale options: --workers and --engine dask give the same store."""

from __future__ import annotations

from pathlib import Path

from rdflib.compare import to_isomorphic
from typer.testing import CliRunner

from citygraph.cli import app
from citygraph.store import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def _dataset(location: Path):
    with open_store(str(location), read_only=True) as store:
        return {name: to_isomorphic(graph) for name, graph in
                ((aid, store.graph_of(aid)) for aid in store.article_ids())}


def test_workers_and_dask_give_the_single_process_store(tmp_path: Path) -> None:
    runner = CliRunner()
    single, parallel, cluster = tmp_path / "one", tmp_path / "two", tmp_path / "dask"
    for where, extra in ((single, []), (parallel, ["--workers", "2"]),
                         (cluster, ["--engine", "dask", "--shards", str(tmp_path / "shards")])):
        result = runner.invoke(app, ["ingest", str(SAMPLES), "--store", str(where), "-q", *extra])
        assert result.exit_code == 0, result.output
    expected = _dataset(single)
    assert len(expected) == 10
    assert _dataset(parallel) == expected
    assert _dataset(cluster) == expected


def test_an_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--store", str(tmp_path / "s"), "--engine", "spark"])
    assert result.exit_code == 2
    assert "unknown engine" in result.output
