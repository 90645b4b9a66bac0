"""Remote stores: citygraph against a real Oxigraph server (``oxigraph serve``) on 127.0.0.1.

The server is the ``oxigraph`` binary from PyPI's ``oxigraph`` package (the
dev extra), started here on a free port with ``--union-default-graph``. The
same articles go into it and into an embedded store; list, query, stats,
analyze and export must agree. Skipped where the binary is missing, failing
instead on CI (``CI`` set), where the dev extra installs it.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

import citygraph.store
from citygraph.analysis import analyze, summarise
from citygraph.cli import app as cli_app
from citygraph.errors import QueryError, StoreError
from citygraph.ingest import ingest
from citygraph.listing import list_rows, stats
from citygraph.rdf import article_graph_iri, extraction_to_graph
from citygraph.remote import GRAPH_STORE_URL_ENV, UPDATE_URL_ENV, RemoteStore, endpoints, open_remote
from citygraph.sparql import run_query
from citygraph.store import open_store
from citygraph.vocab import CG
from fixtures_backend import bogor_seoul_extraction, english_extraction

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        reason = "no oxigraph binary (pip install -e '.[dev]' installs it from PyPI's oxigraph package)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_oxigraph(folder: Path, *, union: bool = True, timeout: int | None = None,
                   ) -> tuple[subprocess.Popen[bytes], str]:
    """``oxigraph serve`` on 127.0.0.1 and a free port, once it answers; (process, base URL)."""
    binary = _oxigraph()
    options = (["--union-default-graph"] if union else []) + (["--timeout-s", str(timeout)] if timeout else [])
    for _ in range(5):  # the port is picked, freed and then bound by the server: retry on a lost race
        port = _free_port()
        command = [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}", *options]
        process = subprocess.Popen(command,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2, trust_env=False).status_code == 200:
                    return process, url
            except httpx.HTTPError:
                time.sleep(0.05)
        stop(process)
    raise RuntimeError("oxigraph serve did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr is not None:
        process.stderr.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    try:
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def both(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """The sample articles ingested into the remote store and into an embedded one, then analysed."""
    with open_remote(server) as remote, open_store(str(tmp_path_factory.mktemp("embedded") / "store")) as local:
        for store in (remote, local):
            summary = ingest([ARTICLES], store)
            assert summary.errors == [] and summary.articles == 10
        yield remote, local


# ---- same answers as the embedded store ----


def test_list_and_stats_agree(both: tuple[Any, Any]) -> None:
    remote, local = both
    for kind in ("agreements", "people", "forums", "cities"):
        assert list_rows(remote, kind) == list_rows(local, kind), kind
    assert stats(remote) == stats(local)
    assert remote.article_ids() == local.article_ids() and len(remote.article_ids()) == 10
    assert remote.triple_count() == local.triple_count()


def test_queries_agree(both: tuple[Any, Any]) -> None:
    remote, local = both
    for text in ("SELECT ?a ?p WHERE { ?a a cg:Agreement ; cg:party ?p } ORDER BY ?a ?p",
                 "ASK { ?a a cg:Agreement }",
                 "CONSTRUCT { ?a cg:party ?p } WHERE { ?a cg:party ?p }"):
        mine, theirs = run_query(remote, text), run_query(local, text)
        assert mine.kind == theirs.kind
        assert sorted(mine.rows, key=str) == sorted(theirs.rows, key=str) and mine.rows
        for fmt in (("json", "csv") if mine.kind != "graph" else ("ntriples",)):
            if mine.kind == "graph":
                assert sorted(mine.serialize(fmt).splitlines()) == sorted(theirs.serialize(fmt).splitlines())
            else:
                assert mine.serialize(fmt) == theirs.serialize(fmt)
    # bindings: a trailing VALUES on the server, a substitution in the embedded store
    assert remote.select_rq("attributes", **{"class": CG.Forum}) == local.select_rq("attributes", **{"class": CG.Forum})


def test_analyze_agrees_and_writes_its_graph(both: tuple[Any, Any]) -> None:
    remote, local = both
    mine, theirs = summarise(analyze(remote)), summarise(analyze(local))
    for key in ("projections", "communities", "profile_clusters"):
        assert mine[key] == theirs[key], key
    from citygraph.analysis import add_place_measures

    cities_remote = add_place_measures(remote, list_rows(remote, "cities"))
    cities_local = add_place_measures(local, list_rows(local, "cities"))
    assert cities_remote == cities_local and any(c.get("pagerank") for c in cities_remote)


def test_export_keeps_every_article_graph(both: tuple[Any, Any]) -> None:
    remote, local = both

    def article_quads(store: Any) -> set[str]:
        out = io.BytesIO()
        store.export("nquads", out)
        return {line for line in out.getvalue().decode().splitlines() if "/graph/article/" in line}

    assert article_quads(remote) == article_quads(local)
    article = local.article_ids()[0]
    assert set(remote.graph_of(article)) == set(local.graph_of(article))
    turtle = io.BytesIO()
    remote.export("turtle", turtle)
    assert b"cg:Agreement" in turtle.getvalue()


def test_reingest_rewrites_nothing(both: tuple[Any, Any]) -> None:
    remote, _ = both
    before = remote.triple_count()
    summary = ingest([ARTICLES], remote)
    assert summary.written.unchanged == 10 and summary.written.added == summary.written.replaced == 0
    assert remote.triple_count() == before


# ---- writing ----


def test_replace_and_remove_one_article(server: str) -> None:
    with open_remote(server) as store:
        store.replace_article("remote-1", extraction_to_graph(bogor_seoul_extraction("remote-1")))
        assert "remote-1" in store.article_ids()
        first = set(store.graph_of("remote-1"))
        store.replace_article("remote-1", extraction_to_graph(english_extraction("remote-1")))
        second = set(store.graph_of("remote-1"))
        assert first and second and first != second
        assert any("Mihara" in str(t) for t in second) and not any("Seoul" in str(t) for t in second)
        store.remove_article("remote-1")
        store.remove_article("remote-1")  # absent: no error
        assert "remote-1" not in store.article_ids()
        assert len(store.graph_of("remote-1")) == 0


def test_read_only_remote_refuses_writes(server: str) -> None:
    with RemoteStore(server, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.replace_article("x", extraction_to_graph(english_extraction("x")))
        with pytest.raises(StoreError, match="read-only"):
            store.update("DROP ALL")


def test_update_and_malformed_query(server: str) -> None:
    with open_remote(server) as store:
        store.update("INSERT DATA { GRAPH <urn:test:remote> { <urn:a> <urn:b> 'c' } }")
        assert bool(store.query("ASK { GRAPH <urn:test:remote> { <urn:a> <urn:b> 'c' } }"))
        store.update("DROP GRAPH <urn:test:remote>")
        with pytest.raises(QueryError, match="error"):
            store.query("SELECT ?x WHERE { ?x ")
        with pytest.raises(QueryError):
            store.update("INSERT DATA {")
        with pytest.raises(ValueError):
            store.replace_graph(str(article_graph_iri("x")), [])


# ---- what the server must be ----


def test_a_server_without_union_default_graph_is_refused(tmp_path: Path) -> None:
    process, url = start_oxigraph(tmp_path / "db", union=False)
    try:
        with pytest.raises(StoreError, match="--union-default-graph"):
            open_remote(url)
    finally:
        stop(process)


def test_unreachable_and_not_a_url() -> None:
    port = _free_port()
    with pytest.raises(StoreError, match="cannot reach"):
        open_remote(f"http://127.0.0.1:{port}", read_only=True)
    with pytest.raises(StoreError, match="not an http"):
        RemoteStore("ftp://example.org/sparql")


def test_endpoints_follow_oxigraph_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert endpoints("http://h:7878/") == ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    assert endpoints("http://h/ds/query") == ("http://h/ds/query", "http://h/ds/update", "http://h/ds/store")
    assert endpoints("http://h/sparql") == ("http://h/sparql", "http://h/sparql", None)
    monkeypatch.setenv(GRAPH_STORE_URL_ENV, "http://h/sparql-graph-crud")
    monkeypatch.setenv(UPDATE_URL_ENV, "http://h/update")
    assert endpoints("http://h/sparql") == ("http://h/sparql", "http://h/update", "http://h/sparql-graph-crud")
    monkeypatch.delenv(GRAPH_STORE_URL_ENV)
    with RemoteStore("http://127.0.0.1:9/sparql") as store, pytest.raises(StoreError, match=GRAPH_STORE_URL_ENV):
        store.remove_article("x")


# ---- commands and the server over a remote store ----


def _dispatching(location: Any = None, *, read_only: bool = False, wait: float = 0.0) -> Any:
    """``open_store`` with the http(s) dispatch proposed for store.py (see README, Remote stores)."""
    where = citygraph.store.resolve_location(location)
    if where.startswith(("http://", "https://")):
        return open_remote(where, read_only=read_only)
    return _ORIGINAL_OPEN(location, read_only=read_only, wait=wait)


_ORIGINAL_OPEN = citygraph.store.open_store


def test_commands_work_against_a_remote_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    process, url = start_oxigraph(tmp_path / "db")
    try:
        monkeypatch.setattr(citygraph.store, "open_store", _dispatching)
        runner = CliRunner()
        local = str(tmp_path / "local")
        for where in (url, local):
            result = runner.invoke(cli_app, ["ingest", str(ARTICLES), "--store", where, "--quiet"])
            assert result.exit_code == 0, result.output
        outputs = {}
        for where in (url, local):
            listed = runner.invoke(cli_app, ["list", "agreements", "--format", "json", "--store", where])
            query = runner.invoke(cli_app, ["query", "--example", "agreements_per_year", "--format", "csv",
                                            "--store", where])
            analysed = runner.invoke(cli_app, ["analyze", "--format", "json", "--store", where])
            assert listed.exit_code == query.exit_code == analysed.exit_code == 0, (listed.output, analysed.output)
            summary = json.loads(analysed.stdout)
            outputs[where] = (json.loads(listed.stdout), query.stdout, summary["projections"], summary["communities"])
        assert outputs[url] == outputs[local]
        viz = runner.invoke(cli_app, ["viz", "--store", url, "-o", str(tmp_path / "net.html")])
        assert viz.exit_code == 0 and (tmp_path / "net.html").stat().st_size > 10_000
    finally:
        stop(process)


def test_serve_over_a_remote_store(server: str, both: tuple[Any, Any]) -> None:
    from citygraph.web import create_app
    from test_web import running

    token = "remote-token"
    with running(create_app(server, allow_update=True, token=token, workers=2)) as base, \
            httpx.Client(timeout=60, trust_env=False) as client:
        response = client.get(f"{base}/sparql", params={"query": "SELECT (COUNT(DISTINCT ?a) AS ?n) "
                                                                   "WHERE { ?a a cg:Agreement }"})
        assert response.status_code == 200 and int(response.json()["results"]["bindings"][0]["n"]["value"]) > 0
        assert "Latest agreements" in client.get(f"{base}/").text
        ingested = client.post(f"{base}/ingest", headers={"Authorization": f"Bearer {token}"}, json={
            "id": "via-serve", "lang": "en",
            "text": "Bandung and Mihara renewed their sister city memorandum of understanding in March 2019."})
        assert ingested.status_code == 200 and ingested.json()["articles"] == 1
    remote, _ = both
    assert "via-serve" in remote.article_ids()
    remote.remove_article("via-serve")
    assert "via-serve" not in remote.article_ids()


def test_serve_over_a_remote_store_answers_at_the_time_limit(tmp_path: Path) -> None:
    from citygraph.web import create_app
    from test_web import SLOW, running

    process, url = start_oxigraph(tmp_path / "db", timeout=3)  # the remote's own limit ends its query
    try:
        with open_remote(url):  # writes the ontology graph: enough triples for SLOW to take minutes
            pass
        with running(create_app(url, time_limit=1.0, workers=2)) as base, \
                httpx.Client(timeout=60, trust_env=False) as client:
            started = time.monotonic()
            outcome: dict[str, Any] = {}
            thread = threading.Thread(target=lambda: outcome.update(
                slow=client.get(f"{base}/sparql", params={"query": SLOW})))
            thread.start()
            time.sleep(0.2)
            fast = client.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"})
            thread.join()
            assert fast.status_code == 200 and fast.json()["boolean"] is True
            assert outcome["slow"].status_code == 503 and "time limit of 1 s" in outcome["slow"].text
            assert time.monotonic() - started < 3
    finally:
        stop(process)


def test_docstring_examples() -> None:
    import doctest

    import citygraph.remote

    assert doctest.testmod(citygraph.remote).failed == 0
