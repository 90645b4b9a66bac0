"""``citygraph serve``: the SPARQL 1.1 endpoint and the pages, on a real uvicorn server on 127.0.0.1.

Each server runs in a thread of the test process on a port the OS picked,
over a real on-disk store, with its query workers in their own processes;
clients are SPARQLWrapper (what researchers use) and plain HTTP (httpx).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import multiprocessing
import socket
import threading
import time
import xml.dom.minidom
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import rdflib
import uvicorn
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from typer.testing import CliRunner

from citygraph.analysis import analyze
from citygraph.cli import app as cli_app
from citygraph.consolidate import consolidate
from citygraph.rdf import mint_place_iri
from citygraph.store import open_store
from citygraph.web import create_app, federated, negotiate, parse_accept
from fixtures_backend import BANDUNG, SEOUL, all_extractions, fixture_store
from test_viz import EVIL_EVIDENCE, EVIL_NAME, evil_extraction

TOKEN = "test-token-5f1c"
AGREEMENTS = "SELECT DISTINCT ?a WHERE { ?a a cg:Agreement } ORDER BY ?a"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: Three-way cross product of every triple: runs for minutes on any store.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CONSTRUCT = "CONSTRUCT { ?a cg:party ?p } WHERE { ?a a cg:Agreement ; cg:party ?p }"
TIME_LIMIT = 4.0
WORKERS = 2


# ---- servers ----


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on 127.0.0.1 and a free port; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def build_store(path: Path) -> Path:
    """The fixture articles (and the one with hostile text), consolidated and analysed."""
    with fixture_store(path, [*all_extractions(), evil_extraction()]) as store:
        consolidate(store)
        analyze(store)
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "store")


@pytest.fixture(scope="module")
def base(store_dir: Path) -> Iterator[str]:
    """A read-only server (the default), with a short time limit."""
    with running(create_app(str(store_dir), time_limit=TIME_LIMIT, workers=WORKERS)) as url:
        yield url


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server with updates on (token TOKEN) and a small row limit, over a store of its own."""
    path = build_store(tmp_path_factory.mktemp("web-rw") / "store")
    with running(create_app(str(path), allow_update=True, token=TOKEN, max_rows=5, workers=WORKERS)) as url:
        yield url, path


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=60, trust_env=False) as http:
        yield http


def rows_of(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    data = response.json()
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def count(client: httpx.Client, url: str) -> int:
    return int(rows_of(client.get(f"{url}/sparql", params={"query": COUNT}))[0]["n"])


# ---- the protocol: methods ----


def test_get_post_form_and_post_body_give_the_same_answer(base: str, client: httpx.Client, store_dir: Path) -> None:
    by_get = rows_of(client.get(f"{base}/sparql", params={"query": AGREEMENTS}))
    by_form = rows_of(client.post(f"{base}/sparql", data={"query": AGREEMENTS}))
    by_body = rows_of(client.post(f"{base}/sparql", content=AGREEMENTS.encode(),
                                  headers={"Content-Type": "application/sparql-query"}))
    assert by_get == by_form == by_body and len(by_get) >= 4
    with open_store(str(store_dir), read_only=True) as store:
        direct = [{"a": s["a"].value} for s in store.query(AGREEMENTS)]
    assert by_get == direct


# SPARQLWrapper 2.0 parses RDF answers into an rdflib ConjunctiveGraph, which rdflib 7 deprecates.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_select_ask_and_construct_in_every_format(base: str) -> None:
    def wrapper(query: str, fmt: str, method: str = "GET") -> Any:
        sparql = SPARQLWrapper(f"{base}/sparql")
        sparql.setQuery(query)
        sparql.setReturnFormat(fmt)
        if method == "POST":
            sparql.setMethod(POST)
        elif method == "POSTDIRECTLY":
            sparql.setMethod(POST)
            sparql.setRequestMethod(POSTDIRECTLY)
        return sparql.queryAndConvert()

    select = "PREFIX cg: <https://w3id.org/citygraph/ontology#> " + AGREEMENTS
    expected = None
    for method in ("GET", "POST", "POSTDIRECTLY"):
        data = wrapper(select, JSON, method)
        values = [b["a"]["value"] for b in data["results"]["bindings"]]
        expected = expected or values
        assert values == expected
    document = wrapper(select, XML)
    assert isinstance(document, xml.dom.minidom.Document)
    assert [u.firstChild.data for u in document.getElementsByTagName("uri")] == expected
    table = list(csv.reader(io.StringIO(wrapper(select, CSV).decode("utf-8"))))
    assert table[0] == ["a"] and [r[0] for r in table[1:]] == expected
    tsv = wrapper(select, TSV).decode("utf-8").splitlines()
    assert tsv[0] == "?a" and tsv[1:] == [f"<{v}>" for v in expected]

    assert wrapper("ASK { ?s a <https://w3id.org/citygraph/ontology#Agreement> }", JSON)["boolean"] is True
    ask = wrapper("ASK { ?s a <urn:nothing> }", XML)
    assert ask.getElementsByTagName("boolean")[0].firstChild.data == "false"

    construct = "PREFIX cg: <https://w3id.org/citygraph/ontology#> " + CONSTRUCT
    turtle = rdflib.Graph().parse(data=wrapper(construct, TURTLE), format="turtle")
    rdfxml = wrapper(construct, XML)  # SPARQLWrapper asks for RDF/XML and parses it
    jsonld = wrapper(construct, JSONLD)
    assert len(turtle) > 4
    assert isomorphic(turtle, rdfxml)
    assert isomorphic(turtle, jsonld)


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_select_results_by_content_negotiation(base: str, client: httpx.Client, accept: str, media: str) -> None:
    response = client.get(f"{base}/sparql", params={"query": AGREEMENTS}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/csv":  # not parseable as RDF terms (lossy): read as a table
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["a"] and len(rows) >= 5
        return
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media]
    parsed = ox.parse_query_results(response.content, fmt)
    assert len([s["a"] for s in parsed]) >= 4


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("*/*", ox.RdfFormat.TURTLE),
])
def test_construct_results_by_content_negotiation(base: str, client: httpx.Client, accept: str,
                                                  fmt: ox.RdfFormat) -> None:
    def triples(body: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
        return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, fmt)}

    response = client.post(f"{base}/sparql", data={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    reference = client.post(f"{base}/sparql", data={"query": CONSTRUCT}, headers={"Accept": "application/n-triples"})
    expected = triples(reference.content, ox.RdfFormat.N_TRIPLES)
    assert len(expected) > 4 and triples(response.content, fmt) == expected


def test_format_parameter_and_unacceptable_types(base: str, client: httpx.Client) -> None:
    response = client.get(f"{base}/sparql", params={"query": AGREEMENTS, "format": "csv"},
                          headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/csv")
    refused = client.get(f"{base}/sparql", params={"query": AGREEMENTS}, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "application/sparql-results+json" in refused.text
    ask = client.get(f"{base}/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"})
    assert ask.status_code == 200 and ask.text.strip().endswith("true")


def test_malformed_query_is_a_400_with_the_parsers_message(base: str, client: httpx.Client) -> None:
    bad = "SELECT ?x WHERE { ?x ?y "
    with pytest.raises(SyntaxError) as parsed:
        ox.Store().query(bad)
    for response in (client.get(f"{base}/sparql", params={"query": bad}),
                     client.post(f"{base}/sparql", content=bad, headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == 400
        assert response.text.strip() == str(parsed.value)
    assert client.get(f"{base}/sparql").status_code == 400
    assert client.get(f"{base}/sparql", headers={"Accept": "text/html"}, follow_redirects=False).status_code == 303
    wrong = client.post(f"{base}/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert wrong.status_code == 415


def test_requests_that_would_fetch_from_elsewhere_are_refused(base: str, client: httpx.Client) -> None:
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = client.get(f"{base}/sparql", params={"query": service})
    assert response.status_code == 400 and "SERVICE is disabled" in response.text
    graphs = client.get(f"{base}/sparql", params={"query": AGREEMENTS, "default-graph-uri": "urn:x"})
    assert graphs.status_code == 400 and "not supported" in graphs.text
    assert federated('SELECT ?service WHERE { ?s <urn:SERVICE> "LOAD" } # SERVICE') is None
    assert federated("load <http://x/y.ttl>") == "LOAD"


def test_accept_parsing_and_negotiation() -> None:
    offered = {"application/sparql-results+json": "json", "text/csv": "csv"}
    assert negotiate(parse_accept(None), offered) == "json"
    assert negotiate(parse_accept("text/*;q=0.9, application/*;q=0.1"), offered) == "csv"
    assert negotiate(parse_accept("text/csv;q=0, */*"), offered) == "json"
    assert negotiate(parse_accept("image/png"), offered) is None


# ---- updates ----


def test_read_only_server_refuses_updates_and_changes_nothing(base: str, client: httpx.Client) -> None:
    before = count(client, base)
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for response in (
        client.post(f"{base}/sparql", data={"update": insert}),
        client.post(f"{base}/sparql", data={"update": insert}, headers=auth),
        client.post(f"{base}/sparql", content=insert, headers={"Content-Type": "application/sparql-update", **auth}),
        client.post(f"{base}/ingest", content=b'{"id": "x", "text": "Bogor dan Seoul."}\n',
                    headers={"Content-Type": "application/x-ndjson", **auth}),
    ):
        assert response.status_code == 403 and "updates are disabled" in response.text
    assert client.get(f"{base}/sparql", params={"update": insert}).status_code == 400
    assert count(client, base) == before


def test_updates_need_the_token(writable: tuple[str, Path], client: httpx.Client) -> None:
    url, _ = writable
    before = count(client, url)
    insert = "INSERT DATA { GRAPH <urn:test:upd> { <urn:a> <urn:b> 'c' } }"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = client.post(f"{url}/sparql", data={"update": insert}, headers=headers)
        assert response.status_code == 401 and "Bearer" in response.headers["www-authenticate"]
        response = client.post(f"{url}/ingest", content=b'{"id": "x", "text": "t"}\n',
                               headers={"Content-Type": "application/x-ndjson", **headers})
        assert response.status_code == 401
    assert count(client, url) == before

    ok = client.post(f"{url}/sparql", content=insert, headers={"Content-Type": "application/sparql-update",
                                                              "Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 204, ok.text
    assert count(client, url) == before + 1  # the workers see the write at once
    bad = client.post(f"{url}/sparql", data={"update": "INSERT DATA {"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 400 and "error" in bad.text.lower()
    load = client.post(f"{url}/sparql", data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert load.status_code == 400 and "LOAD is disabled" in load.text
    cleared = client.post(f"{url}/sparql", data={"update": "DROP GRAPH <urn:test:upd>"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert cleared.status_code == 204 and count(client, url) == before


def test_ingest_by_post(writable: tuple[str, Path], client: httpx.Client) -> None:
    url, _ = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = ("Wali Kota Surabaya Tri Rismaharini dan Wali Kota Kitakyushu menandatangani nota kesepahaman "
            "kerja sama lingkungan hidup di Surabaya, Senin (5/3/2018).")
    record = {"id": "post-1", "text": text, "lang": "id", "url": "https://example.org/post-1"}
    response = client.post(f"{url}/ingest", json=[record], headers=auth)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["articles"] == 1 and summary["errors"] == [] and summary["written"]["added"] == 1
    graph = "https://w3id.org/citygraph/resource/graph/article/post-1"
    ask = client.get(f"{url}/sparql", params={"query": f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    assert ask.json()["boolean"] is True
    again = client.post(f"{url}/ingest", content=text.encode(), params={"id": "post-1.txt-copy"},
                        headers={"Content-Type": "text/plain", **auth})
    assert again.status_code == 200 and again.json()["articles"] == 1
    bad_id = client.post(f"{url}/ingest", content=b"x", params={"id": "../etc"},
                         headers={"Content-Type": "text/plain", **auth})
    assert bad_id.status_code == 400
    broken = client.post(f"{url}/ingest", content=b'{"id": "b"}\n', headers={"Content-Type": "application/x-ndjson",
                                                                          **auth})
    assert broken.status_code == 400 and broken.json()["errors"]


def test_readers_are_answered_while_an_ingest_runs(writable: tuple[str, Path], client: httpx.Client) -> None:
    url, _ = writable
    records = [json.loads(line) for line in (Path(__file__).resolve().parents[1] / "data" / "articles" /
                                             "news.jsonl").read_text("utf-8").splitlines() if line.strip()]
    batch = [{**r, "id": f"{r['id']}-copy-{i}"} for i in range(30) for r in records]  # 150 articles
    outcome: dict[str, Any] = {}

    def ingest() -> None:
        with httpx.Client(timeout=300, trust_env=False) as own:
            outcome["response"] = own.post(f"{url}/ingest", json=batch,
                                           headers={"Authorization": f"Bearer {TOKEN}"})

    thread = threading.Thread(target=ingest)
    thread.start()
    time.sleep(0.3)
    latencies = []
    while thread.is_alive():
        started = time.monotonic()
        rows_of(client.get(f"{url}/sparql", params={"query": "SELECT ?x WHERE { VALUES ?x { 1 } }"}))
        latencies.append(time.monotonic() - started)
    thread.join()
    assert outcome["response"].status_code == 200 and outcome["response"].json()["articles"] == len(batch)
    assert len(latencies) >= 3 and max(latencies) < 2.0, latencies


def test_result_size_limit_cuts_and_says_so(writable: tuple[str, Path], client: httpx.Client) -> None:
    url, _ = writable
    response = client.get(f"{url}/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert len(rows_of(response)) == 5
    assert response.headers["x-result-truncated"] == "true" and response.headers["x-sparql-maxrows"] == "5"
    graph = client.get(f"{url}/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/n-triples"})
    assert len(graph.text.strip().splitlines()) == 5 and graph.headers["x-result-truncated"] == "true"
    small = client.get(f"{url}/sparql", params={"query": "SELECT ?x WHERE { VALUES ?x { 1 2 } }"})
    assert len(rows_of(small)) == 2 and "x-result-truncated" not in small.headers


# ---- the time limit ----


def _workers_alive() -> int:
    return sum(1 for p in multiprocessing.active_children() if p.name == "citygraph-query-worker")


def test_a_query_past_the_time_limit_is_stopped_while_others_are_served(base: str, client: httpx.Client) -> None:
    alive = _workers_alive()
    outcome: dict[str, Any] = {}

    def slow() -> None:
        started = time.monotonic()
        with httpx.Client(timeout=60, trust_env=False) as own:
            outcome["response"] = own.get(f"{base}/sparql", params={"query": SLOW})
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    served = []
    while thread.is_alive() and len(served) < 5:
        started = time.monotonic()
        response = client.get(f"{base}/sparql", params={"query": AGREEMENTS})
        served.append((response.status_code, time.monotonic() - started))
    thread.join()
    assert served and all(status == 200 and seconds < TIME_LIMIT / 2 for status, seconds in served), served
    response = outcome["response"]
    assert response.status_code == 503
    assert "time limit of 4 s" in response.text
    assert TIME_LIMIT - 0.5 < outcome["seconds"] < TIME_LIMIT + 4
    # The stuck worker was killed and replaced: the pool is whole again and serves.
    deadline = time.monotonic() + 30
    while _workers_alive() != alive and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _workers_alive() == alive
    assert rows_of(client.get(f"{base}/sparql", params={"query": AGREEMENTS}))


def test_a_read_only_server_sees_other_processes_writes(tmp_path: Path, client: httpx.Client) -> None:
    from citygraph.rdf import extraction_to_graph
    from fixtures_backend import english_extraction

    path = build_store(tmp_path / "store")
    with running(create_app(str(path), workers=1, refresh=0.5)) as url:
        before = count(client, url)
        with open_store(str(path)) as store:  # another writer, as `citygraph ingest` would be
            store.replace_article("late-1", extraction_to_graph(english_extraction("late-1")))
        time.sleep(0.7)
        assert count(client, url) > before


# ---- pages ----


def test_front_page_counts_and_latest_agreements(base: str, client: httpx.Client) -> None:
    page = client.get(f"{base}/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    assert "articles" in html and "Latest agreements" in html
    assert 'href="/places/ID-32.71"' in html  # Bogor, linked to its page


def test_agreements_table_escapes_article_text(base: str, client: httpx.Client) -> None:
    html = client.get(f"{base}/agreements").text
    assert "Seoul" in html and 'data-domains="smart_city' in html
    for raw in (EVIL_NAME, "<script>alert(1)</script>", "<img src=x"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert EVIL_EVIDENCE.split("<")[0] in html


def test_place_page(base: str, client: httpx.Client) -> None:
    key = str(mint_place_iri(BANDUNG)).rsplit("/", 1)[1]
    page = client.get(f"{base}/places/{key}")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Bandung" in html and "Mihara" in html and "Kyoto" in html
    assert 'id="measures"' in html  # analyze ran on the fixture store
    assert "/network?place=" in html
    assert client.get(f"{base}/places/ID-99.99", headers={"Accept": "text/html"}).status_code == 404
    seoul = str(mint_place_iri(SEOUL)).rsplit("/", 1)[1]
    assert "Bogor" in client.get(f"{base}/places/{seoul}").text


def test_network_page_and_its_neighbourhood(base: str, client: httpx.Client) -> None:
    whole = client.get(f"{base}/network")
    assert whole.status_code == 200 and 'id="citygraph-data"' in whole.text
    data = json.loads(whole.text.split('id="citygraph-data" type="application/json">')[1].split("</script>")[0])
    near = client.get(f"{base}/network", params={"place": str(mint_place_iri(SEOUL)), "depth": 1})
    near_data = json.loads(near.text.split('id="citygraph-data" type="application/json">')[1].split("</script>")[0])
    assert len(near_data["nodes"]) < len(data["nodes"])
    assert client.get(f"{base}/network", params={"size": "nonsense"}).status_code == 400


def test_query_page_ships_yasgui_and_the_examples(base: str, client: httpx.Client) -> None:
    from citygraph.examples import list_examples
    from citygraph.web import yasgui_assets

    html = client.get(f"{base}/query").text
    assets = yasgui_assets()
    assert f"/static/{assets['js']}" in html and f"/static/{assets['css']}" in html
    examples = json.loads(html.split('id="citygraph-examples" type="application/json">')[1].split("</script>")[0])
    assert [e["name"] for e in examples] == [e.name for e in list_examples()]
    script = client.get(f"{base}/static/{assets['js']}", headers={"Accept-Encoding": "gzip"})
    assert script.status_code == 200 and "Yasgui" in script.text
    assert script.headers.get("content-encoding") == "gzip"
    assert "MIT" in client.get(f"{base}/static/{assets['licence']}").text


def test_openapi_and_health(base: str, client: httpx.Client) -> None:
    spec = client.get(f"{base}/openapi.json").json()
    assert {"/sparql", "/ingest", "/", "/network", "/agreements", "/places/{key}", "/query"} <= set(spec["paths"])
    assert "application/sparql-query" in json.dumps(spec["paths"]["/sparql"]["post"])
    health = client.get(f"{base}/health").json()
    assert health["status"] == "ok" and health["updates"] is False and health["time_limit"] == TIME_LIMIT


def test_access_log_is_one_json_line_per_request(base: str, client: httpx.Client,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="citygraph.access"):
        client.get(f"{base}/sparql", params={"query": AGREEMENTS})
        client.get(f"{base}/sparql", params={"query": "SELECT WHERE"})
    records = [json.loads(r.getMessage()) for r in caplog.records if r.name == "citygraph.access"]
    ok = next(r for r in records if r["status"] == 200)
    assert ok["method"] == "GET" and ok["path"] == "/sparql" and ok["kind"] == "select" and ok["rows"] >= 4
    assert ok["client"] == "127.0.0.1" and ok["ms"] >= 0 and ok["bytes"] > 0
    bad = next(r for r in records if r["status"] == 400)
    assert "error" in bad


# ---- the command ----


def test_serve_command_checks_before_starting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.delenv("CITYGRAPH_TOKEN", raising=False)
    result = runner.invoke(cli_app, ["serve", "--store", str(tmp_path / "store"), "--allow-update"])
    assert result.exit_code == 2 and "CITYGRAPH_TOKEN" in result.output
    result = runner.invoke(cli_app, ["serve", "--store", str(tmp_path / "missing")])
    assert result.exit_code == 1 and "no store" in result.output
    help_text = runner.invoke(cli_app, ["serve", "--help"]).output
    assert "--allow-update" in help_text and "--time-limit" in help_text and "--max-rows" in help_text


def test_docstring_examples() -> None:
    import doctest

    import citygraph.web

    result = doctest.testmod(citygraph.web)
    assert result.attempted >= 2 and result.failed == 0


def test_page_data_is_read_once_for_concurrent_requests_and_again_after_a_write() -> None:
    import asyncio

    from citygraph.web import ServeSettings, _State, task_catalogue

    calls: list[Any] = []

    class Readers:
        async def run(self, task: Any, args: tuple[Any, ...], time_limit: float, started: float) -> int:
            calls.append(task)
            await asyncio.sleep(0.05)
            return len(calls)

        def changed(self) -> None:
            pass

    state = _State(ServeSettings("unused"), readers=Readers())

    async def scenario() -> tuple[list[int], int]:
        together = await asyncio.gather(*(state.cached("catalogue", task_catalogue) for _ in range(5)))
        state.generation += 1  # what a write does
        return together, await state.cached("catalogue", task_catalogue)

    together, after_write = asyncio.run(scenario())
    assert together == [1] * 5 and after_write == 2 and calls == [task_catalogue] * 2
