"""``citygraph serve``: a SPARQL 1.1 Protocol endpoint and web pages over one store.

:func:`create_app` builds the FastAPI application; ``citygraph serve`` runs it
with uvicorn. Everything reads the same store as the other commands (a
directory, ``:memory:`` or an ``http(s)://`` remote store).

Endpoints
---------
* ``/sparql``: SPARQL 1.1 Protocol. Queries by ``GET ?query=``, by ``POST``
  form (``query=``) and by ``POST application/sparql-query``; results by
  content negotiation (``Accept``, or a ``format`` parameter that SPARQLWrapper
  and browsers send): SPARQL Results JSON, XML, CSV, TSV for SELECT and ASK;
  Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT and DESCRIBE. A malformed
  query is a 400 whose text is the parser's message. Updates (``POST`` form
  ``update=`` or ``application/sparql-update``) only with updates enabled.
* ``/ingest`` (``POST``): articles as JSON Lines, JSON, CSV, or one text or
  HTML article with ``?id=``; the summary as JSON. Updates only.
* Pages: ``/`` (what the graph holds), ``/network`` (the interactive network of
  ``citygraph viz``), ``/agreements`` (a sortable, filterable table with
  sources), ``/places/{id}`` (one place), ``/query`` (YASGUI, vendored in
  ``static/``, preloaded with the competency queries). ``/openapi.json``
  describes it all; ``/health`` says the server is up.

Updates
-------
Read-only unless ``allow_update`` and a token (``CITYGRAPH_TOKEN``): updates
then need ``Authorization: Bearer <token>``. Refusals change nothing: 403
while updates are disabled, 401 without the right token. Writes go through
one writer thread, one at a time, without the query time limit (an update
cannot be interrupted safely); bodies are limited in size instead
(:data:`MAX_UPDATE_BYTES`, :data:`MAX_INGEST_BYTES`). The per-article
extraction time limit of ``ingest`` needs the main thread, so here it is off;
``MAX_ARTICLE_CHARS`` still bounds each article. An update's ``WHERE`` sees
the store's own default graph (empty: citygraph writes named graphs only),
not the union queries see: name graphs with ``GRAPH``.

Limits and how they are enforced
--------------------------------
pyoxigraph cannot cancel a running query, so every read (query or page) runs
in a worker:

* **embedded store** (a directory): a pool of worker *processes*, each with
  the store open read-only (RocksDB read-only opens take no lock, so they
  coexist with the writer). A request past the time limit gets a 503 at once
  and its worker is killed and replaced: the query really stops, and the
  other workers go on serving. After a write the workers reopen the store
  before their next task; a read-only server reopens snapshots older than
  ``refresh`` seconds, so ingests by other processes show up.
* **remote or in-memory store**: worker *threads* sharing the store. The
  client gets its 503 at the time limit, but the thread runs on until its
  answer comes (remote: the HTTP read timeout, set to the time limit; also
  set the server's own, e.g. ``oxigraph serve --timeout-s``).

The time limit counts from the request's arrival, waiting for a free worker
included. The result-size limit: at most ``max_rows`` solutions (or triples)
are read; a result cut there is answered with its first ``max_rows`` rows and
the headers ``X-Result-Truncated: true`` and ``X-SPARQL-MaxRows: <limit>``
(Virtuoso's name for the same cap). Every request leaves one JSON line on the
``citygraph.access`` logger.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import hmac
import itertools
import json
import logging
import multiprocessing
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Final
from urllib.parse import parse_qs, quote

import jinja2
import pyoxigraph as ox
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from citygraph import __version__
from citygraph.errors import CitygraphError, QueryError, StoreError
from citygraph.vocab import PREFIXES

log = logging.getLogger(__name__)
access_log = logging.getLogger("citygraph.access")

#: Seconds a read (query or page) may take, waiting for a worker included.
DEFAULT_TIME_LIMIT: Final = 30.0
#: Solutions (or triples) a query answer holds at most.
DEFAULT_MAX_ROWS: Final = 10_000
#: Query workers (processes for an embedded store, threads otherwise).
DEFAULT_WORKERS: Final = max(2, os.cpu_count() or 2)
#: A read-only server reopens worker snapshots older than this (seconds; 0: never).
DEFAULT_REFRESH: Final = 60.0
#: Environment variable holding the bearer token that updates need.
TOKEN_ENV: Final = "CITYGRAPH_TOKEN"
#: Largest query, update and ingest bodies (bytes).
MAX_QUERY_BYTES: Final = 1_000_000
MAX_UPDATE_BYTES: Final = 10_000_000
MAX_INGEST_BYTES: Final = 50_000_000
#: Seconds a new worker process may take to open the store.
WORKER_START_SECONDS: Final = 120.0
#: Rows of the overview's lists.
LATEST_AGREEMENTS: Final = 10
TOP_PLACES: Final = 10

#: Media types offered for SELECT and ASK results (first: the default) and for graphs.
RESULT_MEDIA: Final = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA: Final = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/ld+json": "jsonld", "application/json": "jsonld",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml",
}
_RESULT_TYPES = {"json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
                 "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                 "csv": ("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV),
                 "tsv": ("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV)}
_GRAPH_TYPES = {"turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
                "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
                "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML)}
#: ``format=`` values (SPARQLWrapper sends them beside Accept), by result kind.
_FORMAT_NAMES = {
    "results": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples", "nt": "ntriples",
              "n-triples": "ntriples", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
              "xml": "rdfxml", "rdfxml": "rdfxml", "rdf+xml": "rdfxml"},
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
_JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"}

#: Content-Security-Policy of our pages: nothing from elsewhere; YASGUI sets inline styles.
PAGE_CSP: Final = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                   "font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
                   "base-uri 'none'; form-action 'self'; object-src 'none'")


# ---- Errors ----


class HTTPProblem(Exception):
    """An error answered with ``status`` and a one-line text (the API) or an error page (the pages)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


class TimeLimitExceeded(HTTPProblem):
    def __init__(self, seconds: float) -> None:
        super().__init__(503, f"stopped: the query took longer than the server's time limit of {seconds:g} s; "
                              "narrow it (LIMIT, a more selective pattern) or ask the operator for a longer limit",
                         {"Retry-After": "1"})


class Busy(HTTPProblem):
    def __init__(self, seconds: float) -> None:
        super().__init__(503, f"every query worker stayed busy for {seconds:g} s; try again", {"Retry-After": "1"})


class NotAcceptable(QueryError):
    """No result format the client accepts (406)."""


def _problem(kind: str, message: str) -> HTTPProblem:
    """The HTTP answer to an error a task raised (by its class name, since it may come from another process)."""
    if kind == "NotAcceptable":
        return HTTPProblem(406, message)
    if kind in ("QueryError", "ExampleError"):
        return HTTPProblem(400, message)
    if kind == "NetworkError":
        return HTTPProblem(400, message)
    if kind == "StoreError":
        return HTTPProblem(503, message)
    if kind in ("SourceError", "ValueError"):
        return HTTPProblem(400, message)
    return HTTPProblem(500, f"internal error: {message}")


# ---- Content negotiation ----


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as (media range, q) pairs, in header order; an absent header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def negotiate(accept: list[tuple[str, float]], offered: Mapping[str, str]) -> str | None:
    """The format name of the offered media type the client prefers, or None (406).

    Each offered type takes the q of the most specific range matching it;
    ties go to the server's order (the first offered type is the default).
    """
    best: tuple[float, int, str] | None = None
    for order, (media, name) in enumerate(offered.items()):
        kind = media.split("/")[0] + "/*"
        matches = [(3 if r == media else 2 if r == kind else 1, q) for r, q in accept if r in (media, kind, "*/*")]
        if not matches:
            continue
        q = max(matches)[1]
        if q > 0 and (best is None or (q, -order) > (best[0], -best[1])):
            best = (q, order, name)
    return best[2] if best else None


def _choose(kind: str, accept: list[tuple[str, float]], fmt: str | None) -> str:
    offered = RESULT_MEDIA if kind == "results" else GRAPH_MEDIA
    if fmt:
        named = _FORMAT_NAMES[kind].get(fmt.lower()) or offered.get(fmt.lower())
        if named:
            return named
    chosen = negotiate(accept, offered)
    if chosen is None:
        raise NotAcceptable(f"no acceptable format; this query's results come as {', '.join(offered)}")
    return chosen


# ---- Tasks: run with a store, in a worker process or thread ----


@dataclass(frozen=True)
class Answer:
    """One query's serialised answer."""

    body: bytes
    media_type: str
    kind: str
    rows: int
    truncated: bool


def _term_json(term: Any) -> dict[str, Any]:
    """One term in SPARQL 1.1 Results JSON."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def task_query(store: Any, text: str, accept: list[tuple[str, float]], fmt: str | None, max_rows: int) -> Answer:
    """Run a query and serialise at most ``max_rows`` solutions or triples in the negotiated format."""
    result = store.query(text)
    if isinstance(result, ox.QueryBoolean):
        name = _choose("results", accept, fmt)
        media, fmt_ox = _RESULT_TYPES[name]
        return Answer(result.serialize(format=fmt_ox), media, "ask", 1, False)
    if isinstance(result, ox.QuerySolutions):
        name = _choose("results", accept, fmt)
        variables = [v.value for v in result.variables]
        bindings = []
        truncated = False
        for number, solution in enumerate(result):
            if number >= max_rows:
                truncated = True
                break
            bindings.append({v: _term_json(solution[v]) for v in variables if solution[v] is not None})
        payload = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                             ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        media, fmt_ox = _RESULT_TYPES[name]
        if name != "json":
            payload = ox.parse_query_results(payload, ox.QueryResultsFormat.JSON).serialize(format=fmt_ox)
        return Answer(payload, media, "select", len(bindings), truncated)
    name = _choose("graph", accept, fmt)
    triples = list(itertools.islice(result, max_rows + 1))
    truncated = len(triples) > max_rows
    triples = triples[:max_rows]
    media, fmt_ox = _GRAPH_TYPES[name]
    prefixes = PREFIXES if name in ("turtle", "jsonld", "rdfxml") else None
    return Answer(ox.serialize(triples, format=fmt_ox, prefixes=prefixes), media, "graph", len(triples), truncated)


@dataclass(frozen=True)
class Catalogue:
    """What the pages list, read in one task: every agreement and place (``list`` rows), counts, the last run.

    One whole-store read serves the front page, the agreements table and every
    place page until the store changes; the pages select from it in the server.
    """

    agreements: list[dict[str, Any]]
    places: list[dict[str, Any]]
    counts: dict[str, int]
    run: dict[str, Any] | None


def task_catalogue(store: Any) -> Catalogue:
    from citygraph.analysis import add_place_measures, last_run
    from citygraph.listing import list_rows

    agreements = list_rows(store, "agreements")
    places = add_place_measures(store, list_rows(store, "cities"))
    row = store.select_rq("stats")[0]
    counts = {key: int(row[key] or 0) for key in ("articles", "places", "people", "forums")}
    # One row per consolidated agreement, as `citygraph stats` counts them.
    counts = {"articles": counts["articles"], "agreements": len(agreements), "places": counts["places"],
              "people": counts["people"], "forums": counts["forums"], "triples": store.triple_count()}
    return Catalogue(agreements, places, counts, last_run(store))


def overview(catalogue: Catalogue) -> dict[str, Any]:
    """The front page: counts, the latest dated agreements, the places with most agreements, the last run."""
    dated = sorted((a for a in catalogue.agreements if a["date"] and not a["date"].startswith("--")),
                   key=lambda a: (a["date"], a["id"]), reverse=True)
    places = sorted((p for p in catalogue.places if p["agreements"]),
                    key=lambda p: (-p["agreements"], p["name"] or "", p["id"]))
    return {"counts": catalogue.counts, "latest": dated[:LATEST_AGREEMENTS], "places": places[:TOP_PLACES],
            "run": catalogue.run}


def place_page(catalogue: Catalogue, iri: str) -> dict[str, Any] | None:
    """One place: its row (with measures once analyze has run), its agreements and partners; None if unknown."""
    place = next((p for p in catalogue.places if p["id"] == iri), None)
    if place is None:
        return None
    agreements = [a for a in catalogue.agreements if any(p["id"] == iri for p in a["parties"])]
    partners: dict[str, dict[str, Any]] = {}
    for agreement in agreements:
        for party in agreement["parties"]:
            if party["id"] != iri:
                entry = partners.setdefault(party["id"], {**party, "agreements": 0})
                entry["agreements"] += 1
    ranked = sorted(partners.values(), key=lambda p: (-p["agreements"], p["name"] or "", p["id"]))
    return {"place": place, "agreements": agreements, "partners": ranked}


def task_network(store: Any, options: dict[str, Any], filters: dict[str, Any]) -> str:
    """The HTML of ``citygraph viz`` for these options and filters (see :func:`citygraph.viz.write_page`)."""
    from citygraph.analysis import analyze_graph
    from citygraph.network import Filters, cooperation_graph
    from citygraph.viz import PageOptions, page_graph, render_page

    page = PageOptions(**options)
    page.check()
    chosen = Filters(**filters)
    G = cooperation_graph(store, chosen, with_sources=True, with_labels=True)
    result = analyze_graph(G, method=page.method, backend=page.backend, seed=page.seed, per_domain=False,
                           filters=chosen)
    return render_page(page_graph(G, result, page), result, page)


def task_update(store: Any, text: str) -> None:
    """Run a SPARQL Update (the writer's task)."""
    update = getattr(store, "update", None)
    if update is not None:  # a remote store
        update(text)
        return
    try:
        store.inner.update(text)
    except SyntaxError as e:
        raise QueryError(str(e)) from e
    except OSError as e:
        raise StoreError(f"store {store.location}: {e}") from e
    store.flush()


def task_ingest(store: Any, body: bytes, filename: str, lang: str) -> dict[str, Any]:
    """Ingest one uploaded file (the writer's task): the summary, with one line per input error."""
    from citygraph.ingest import ingest

    with tempfile.TemporaryDirectory(prefix="citygraph-ingest-") as folder:
        path = Path(folder) / filename
        path.write_bytes(body)
        summary = ingest([path], store, lang=lang, workers=1, time_limit=None)
    store.flush()
    errors = [e.replace(str(path), filename) for e in summary.errors]
    return {**summary.as_dict(), "errors": errors,
            "written": {"added": summary.written.added, "replaced": summary.written.replaced,
                        "unchanged": summary.written.unchanged}}


# ---- Workers ----


def _die_with(parent: int) -> None:
    """End this worker when the server process ends, even killed (a query cannot be interrupted otherwise).

    Linux: the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``);
    elsewhere a thread watches the parent's pid (it runs whenever the query
    releases the GIL, which pyoxigraph does while evaluating).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # died before the line above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_main(conn: Any, location: str, generation: Any, refresh: float, parent: int) -> None:
    """A query worker process: the store open read-only, tasks in, answers out, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    from citygraph.store import open_store

    def fresh() -> Any:
        return open_store(location, read_only=True)

    try:
        store = fresh()
    except CitygraphError as e:
        conn.send(("error", type(e).__name__, str(e)))
        return
    seen, opened = generation.value, time.monotonic()
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            break
        if request is None:
            break
        task, args = request
        try:
            if generation.value != seen or (refresh and time.monotonic() - opened > refresh):
                store.close()
                store = fresh()
                seen, opened = generation.value, time.monotonic()
            try:
                reply: tuple[Any, ...] = ("ok", task(store, *args))
            except (OSError, RuntimeError, StoreError):  # a writer compacted under the snapshot: reopen once
                store.close()
                store = fresh()
                seen, opened = generation.value, time.monotonic()
                reply = ("ok", task(store, *args))
        except Exception as e:  # every error goes back to the server, named
            if not isinstance(e, CitygraphError | ValueError):
                log.exception("task %s failed", getattr(task, "__name__", task))
            reply = ("error", type(e).__name__, str(e))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            break
    store.close()


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context: Any, location: str, generation: Any, refresh: float) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, location, generation, refresh, os.getpid()),
                                       name="citygraph-query-worker", daemon=True)
        self.process.start()
        child.close()

    async def receive(self, timeout: float) -> Any:
        """The next message, or TimeoutError; EOFError if the process died."""
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
        try:
            await asyncio.wait_for(readable, timeout)
        finally:
            loop.remove_reader(fd)
        return await loop.run_in_executor(None, self.conn.recv)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class ProcessReaders:
    """Reads of an embedded store in worker processes, each stopped at the time limit by killing it."""

    def __init__(self, location: str, workers: int, refresh: float) -> None:
        self.location = location
        self.size = workers
        self.refresh = refresh
        self._context = multiprocessing.get_context("spawn")
        self.generation = self._context.Value("q", 0, lock=False)
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._pending: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        workers = [self._spawn() for _ in range(self.size)]
        replies = await asyncio.gather(*(w.receive(WORKER_START_SECONDS) for w in workers), return_exceptions=True)
        for worker, reply in zip(workers, replies, strict=True):
            if isinstance(reply, tuple) and reply[0] == "ready":
                self._idle.put_nowait(worker)
                continue
            for w in workers:
                w.kill()
            if isinstance(reply, tuple):
                raise StoreError(reply[2])
            raise StoreError(f"a query worker could not open {self.location}: {reply!r}")

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.location, self.generation, self.refresh)
        self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self._all.discard(worker)

        async def respawn() -> None:
            fresh = self._spawn()
            try:
                reply = await fresh.receive(WORKER_START_SECONDS)
            except (TimeoutError, EOFError, OSError) as e:
                reply = ("error", type(e).__name__, str(e))
            if reply[0] == "ready":
                self._idle.put_nowait(fresh)
            else:
                log.error("a replacement query worker failed to start: %s", reply[-1])
                fresh.kill()
                self._all.discard(fresh)

        task = asyncio.get_running_loop().create_task(respawn())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def run(self, task: Callable[..., Any], args: tuple[Any, ...], time_limit: float, started: float) -> Any:
        remaining = time_limit - (time.monotonic() - started)
        try:
            worker = await asyncio.wait_for(self._idle.get(), max(remaining, 0.001))
        except TimeoutError as e:
            raise Busy(time_limit) from e
        try:
            worker.conn.send((task, args))
            reply = await worker.receive(max(time_limit - (time.monotonic() - started), 0.001))
        except TimeoutError as e:
            self._replace(worker)
            raise TimeLimitExceeded(time_limit) from e
        except (EOFError, OSError) as e:
            self._replace(worker)
            raise HTTPProblem(500, "a query worker died; the query was not answered") from e
        except BaseException:  # cancelled: the worker's answer would come too late for anyone
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        if reply[0] == "ok":
            return reply[1]
        raise _problem(reply[1], reply[2])

    def changed(self) -> None:
        """The store was written: workers reopen it before their next task."""
        self.generation.value += 1

    async def stop(self) -> None:
        for task in list(self._pending):
            task.cancel()
        for worker in list(self._all):
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + 3
        for worker in list(self._all):
            worker.process.join(timeout=max(deadline - time.monotonic(), 0))
            worker.kill()
        self._all.clear()


class ThreadReaders:
    """Reads of a remote or in-memory store in threads; past the time limit the client is answered, the
    thread runs on until its store call returns."""

    def __init__(self, store: Any, workers: int) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citygraph-query")
        self._slots = asyncio.Semaphore(workers)

    async def start(self) -> None:
        return None

    async def run(self, task: Callable[..., Any], args: tuple[Any, ...], time_limit: float, started: float) -> Any:
        remaining = time_limit - (time.monotonic() - started)
        try:
            await asyncio.wait_for(self._slots.acquire(), max(remaining, 0.001))
        except TimeoutError as e:
            raise Busy(time_limit) from e
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, lambda: task(self.store, *args))
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return await asyncio.wait_for(asyncio.shield(future),
                                          max(time_limit - (time.monotonic() - started), 0.001))
        except TimeoutError as e:
            raise TimeLimitExceeded(time_limit) from e
        except HTTPProblem:
            raise
        except Exception as e:
            raise _problem(type(e).__name__, str(e)) from e

    def changed(self) -> None:
        return None

    async def stop(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class Writer:
    """The one thread that writes (updates, ingests), one task at a time."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citygraph-writer")

    async def run(self, task: Callable[..., Any], *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, lambda: task(self.store, *args))
        except HTTPProblem:
            raise
        except Exception as e:
            raise _problem(type(e).__name__, str(e)) from e

    def stop(self) -> None:
        self._executor.shutdown(wait=True)


# ---- The application ----


@dataclass
class ServeSettings:
    """How :func:`create_app` serves a store."""

    location: str
    allow_update: bool = False
    token: str | None = None
    time_limit: float = DEFAULT_TIME_LIMIT
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = DEFAULT_WORKERS
    refresh: float = DEFAULT_REFRESH
    cors: bool = True

    def check(self) -> None:
        if self.time_limit <= 0 or self.max_rows < 1 or self.workers < 1 or self.refresh < 0:
            raise ValueError("time_limit must be > 0, max_rows and workers >= 1, refresh >= 0")
        if self.allow_update and not self.token:
            raise ValueError(f"updates need a bearer token: set {TOKEN_ENV}")


@dataclass
class _State:
    settings: ServeSettings
    readers: Any = None
    writer: Writer | None = None
    stores: list[Any] = field(default_factory=list)
    cache: dict[Any, tuple[int, float, Any]] = field(default_factory=dict)
    computing: dict[Any, asyncio.Future[Any]] = field(default_factory=dict)
    generation: int = 0

    async def read(self, task: Callable[..., Any], *args: Any, started: float | None = None) -> Any:
        return await self.readers.run(task, args, self.settings.time_limit,
                                      time.monotonic() if started is None else started)

    async def cached(self, key: Any, task: Callable[..., Any], *args: Any) -> Any:
        """A page's data: reused until the server writes, or for ``refresh`` seconds (others may write);
        concurrent requests for the same data wait for one computation."""
        hit = self.cache.get(key)
        ttl = self.settings.refresh or float("inf")
        if hit is not None and hit[0] == self.generation and time.monotonic() - hit[1] < ttl:
            return hit[2]
        running = self.computing.get(key)
        if running is not None:
            return await asyncio.shield(running)
        generation = self.generation
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.computing[key] = future
        try:
            value = await self.read(task, *args)
        except BaseException as e:
            if isinstance(e, Exception):
                future.set_exception(e)
                future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            else:  # cancelled (shutting down): the others are cancelled too
                future.cancel()
            raise
        finally:
            del self.computing[key]
        future.set_result(value)
        if generation == self.generation:
            self.cache[key] = (generation, time.monotonic(), value)
        return value

    async def write(self, task: Callable[..., Any], *args: Any) -> Any:
        if self.writer is None:
            raise HTTPProblem(403, "updates are disabled")
        try:
            return await self.writer.run(task, *args)
        finally:
            self.generation += 1
            self.cache.clear()
            self.readers.changed()


async def _open(state: _State) -> None:
    """Open the store the way the settings say: writer first (it may create the store), then readers."""
    from citygraph.store import MEMORY, open_store, resolve_location

    settings = state.settings
    where = resolve_location(settings.location)
    settings.location = where
    if where.startswith(("http://", "https://")):
        from citygraph.remote import open_remote

        if settings.allow_update:  # its own client: writes (a big graph's PUT) may take longer than reads
            writer = await asyncio.to_thread(open_remote, where)
            state.stores.append(writer)
            state.writer = Writer(writer)
        # Reads give up at the time limit (the HTTP read timeout), so their threads do not pile up.
        store = await asyncio.to_thread(open_remote, where, read_only=True, timeout=settings.time_limit + 1)
        state.stores.append(store)
        state.readers = ThreadReaders(store, settings.workers)
        return
    if where == MEMORY:
        store = open_store(where)
        state.stores.append(store)
        state.readers = ThreadReaders(store, settings.workers)
        state.writer = Writer(store) if settings.allow_update else None
        return
    if settings.allow_update:
        store = await asyncio.to_thread(open_store, where)
        state.stores.append(store)
        state.writer = Writer(store)
    elif not Path(where).is_dir():
        raise StoreError(f"no store at {where}; ingest something first")
    state.readers = ProcessReaders(where, settings.workers, 0.0 if settings.allow_update else settings.refresh)
    await state.readers.start()


async def _close(state: _State) -> None:
    if state.readers is not None:
        await state.readers.stop()
    if state.writer is not None:
        state.writer.stop()
    for store in state.stores:
        store.close()


def create_app(store_location: str | None = None, *, allow_update: bool = False, token: str | None = None,
               time_limit: float = DEFAULT_TIME_LIMIT, max_rows: int = DEFAULT_MAX_ROWS,
               workers: int = DEFAULT_WORKERS, refresh: float = DEFAULT_REFRESH, cors: bool = True) -> FastAPI:
    """The FastAPI application serving ``store_location`` (a directory, ``:memory:`` or an ``http(s)://`` URL;
    None: ``$CITYGRAPH_STORE`` or ``./citygraph-store``).

    The store is opened when the application starts (uvicorn's lifespan), so
    a missing store or a bad remote fails the start, not the first request.
    ``token`` defaults to ``$CITYGRAPH_TOKEN``; ``allow_update`` without one
    is a ValueError. See the module notes for the limits.
    """
    settings = ServeSettings(store_location or "", allow_update=allow_update,
                             token=token if token is not None else os.environ.get(TOKEN_ENV),
                             time_limit=time_limit, max_rows=max_rows, workers=workers, refresh=refresh, cors=cors)
    settings.check()
    state = _State(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            try:
                await _open(state)
            except Exception as e:
                app.state.startup_error = e  # for the CLI's one-line message
                raise
            yield
        finally:
            await _close(state)

    app = FastAPI(
        title="citygraph", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        description="A SPARQL 1.1 Protocol endpoint and web pages over a citygraph store: cooperation between "
                    "cities read from the news, one named graph per article; queries see their union.",
    )
    app.state.citygraph = state
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    if cors:
        app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "Accept"],
                           expose_headers=["X-Result-Truncated", "X-SPARQL-MaxRows"])
    app.add_middleware(AccessLog)
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    templates = _templates()

    @app.exception_handler(HTTPProblem)
    async def problem_handler(request: Request, problem: HTTPProblem) -> Response:
        request.state.log["error"] = problem.message[:300]
        if request.url.path in ("/sparql", "/ingest") or "text/html" not in request.headers.get("accept", ""):
            return Response(problem.message + "\n", status_code=problem.status, media_type="text/plain",
                            headers=problem.headers)
        html = templates.get_template("error.html.j2").render(status=problem.status, message=problem.message,
                                                              **_page_globals())
        return HTMLResponse(html, status_code=problem.status, headers={**problem.headers, **_page_headers()})

    _add_sparql_routes(app, state)
    _add_page_routes(app, state, templates)
    return app


# ---- SPARQL Protocol ----

_QUERY_BODY_DOC = {
    "requestBody": {
        "description": "A query (``query=``) or an update (``update=``, needs a token) as a form, or the text "
                       "itself as application/sparql-query or application/sparql-update.",
        "content": {
            "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                "query": {"type": "string"}, "update": {"type": "string"}}}},
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
        },
    },
}
_QUERY_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The results: SELECT and ASK as SPARQL Results JSON, XML, CSV or TSV; CONSTRUCT and "
                         "DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML (Accept or format=). "
                         "X-Result-Truncated: true when cut at the row limit.",
          "content": {m: {} for m in dict.fromkeys([*RESULT_MEDIA, *GRAPH_MEDIA])}},
    204: {"description": "An update was applied."},
    400: {"description": "Malformed query or update: the parser's message.", "content": {"text/plain": {}}},
    401: {"description": "An update without the right bearer token."},
    403: {"description": "An update while updates are disabled."},
    406: {"description": "No acceptable result format."},
    503: {"description": "Stopped at the time limit, or every worker busy."},
}


def _add_sparql_routes(app: FastAPI, state: _State) -> None:
    settings = state.settings

    @app.get("/sparql", tags=["SPARQL"], summary="SPARQL 1.1 query by GET", responses=_QUERY_RESPONSES,
             response_class=Response)
    async def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(description="The SPARQL query.")] = None,
        fmt: Annotated[str | None, Query(alias="format", description="json, xml, csv, tsv, turtle, ntriples, "
                                         "jsonld: overrides Accept.")] = None,
        default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri",
                                                             description="Not supported: the default graph is "
                                                                         "the union of all graphs.")] = None,
        named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri",
                                                           description="Not supported.")] = None,
    ) -> Response:
        started = time.monotonic()
        if query is None:
            if "update" in request.query_params:
                raise HTTPProblem(400, "an update must be POSTed (SPARQL 1.1 Protocol)")
            if "text/html" in request.headers.get("accept", ""):
                return RedirectResponse("/query", status_code=303)
            raise HTTPProblem(400, "missing query parameter: /sparql?query=SELECT...")
        _check_dataset(default_graph_uri, named_graph_uri)
        if len(request.query_params.getlist("query")) > 1:
            raise HTTPProblem(400, "give one query parameter, not several")
        return await _answer(request, state, query, fmt, started)

    @app.post("/sparql", tags=["SPARQL"], summary="SPARQL 1.1 query or update by POST", responses=_QUERY_RESPONSES,
              response_class=Response, openapi_extra=_QUERY_BODY_DOC)
    async def sparql_post(request: Request) -> Response:
        started = time.monotonic()
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        params = request.query_params
        fmt = params.get("format")
        if media == "application/x-www-form-urlencoded":
            form = parse_qs((await _body(request, MAX_UPDATE_BYTES)).decode("utf-8", "replace"),
                            keep_blank_values=True)
            queries, updates = form.get("query", []), form.get("update", [])
            if len(queries) + len(updates) != 1:
                raise HTTPProblem(400, "give exactly one query= or update= parameter")
            fmt = (form.get("format") or [fmt])[0]
            if updates:
                return await _update(request, state, updates[0])
            _check_dataset(form.get("default-graph-uri"), form.get("named-graph-uri"))
            return await _answer(request, state, queries[0], fmt, started)
        if media == "application/sparql-query":
            _check_dataset(params.getlist("default-graph-uri"), params.getlist("named-graph-uri"))
            text = (await _body(request, MAX_QUERY_BYTES)).decode("utf-8", "replace")
            return await _answer(request, state, text, fmt, started)
        if media == "application/sparql-update":
            _authorise(request, settings)
            text = (await _body(request, MAX_UPDATE_BYTES)).decode("utf-8", "replace")
            return await _update(request, state, text)
        raise HTTPProblem(415, "POST a form (query= or update=), application/sparql-query or "
                               "application/sparql-update")

    @app.post("/ingest", tags=["Updates"], summary="Ingest articles (needs updates enabled and the token)",
              openapi_extra={"requestBody": {"content": {
                  "application/x-ndjson": {"schema": {"type": "string"}, "description": "JSON Lines, one article "
                                           "per line: id, text, optional title, url, published, lang"},
                  "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                  "text/csv": {"schema": {"type": "string"}},
                  "text/plain": {"schema": {"type": "string"}, "description": "one article; give ?id="},
                  "text/html": {"schema": {"type": "string"}, "description": "one article; give ?id="}}}},
              responses={200: {"description": "What was ingested, with one line per input error."},
                         400: {"description": "Nothing could be read."}, 401: {}, 403: {}, 413: {}, 415: {}})
    async def ingest_post(
        request: Request,
        article_id: Annotated[str | None, Query(alias="id", description="The id of a text or HTML article.")]
        = None,
        lang: Annotated[str, Query(description="id, en or auto.")] = "auto",
    ) -> JSONResponse:
        _authorise(request, settings)
        if lang not in ("id", "en", "auto"):
            raise HTTPProblem(400, f"lang must be id, en or auto, not {lang!r}")
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request, MAX_INGEST_BYTES)
        filename = _upload_name(media, article_id)
        if media == "application/json":
            body = _json_to_jsonl(body)
        summary = await state.write(task_ingest, body, filename, lang)
        request.state.log.update(articles=summary["articles"], errors=len(summary["errors"]))
        status = 400 if summary["errors"] and not summary["articles"] else 200
        return JSONResponse(summary, status_code=status)

    @app.get("/health", tags=["Pages"], summary="The server is up")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "updates": settings.allow_update,
                "time_limit": settings.time_limit, "max_rows": settings.max_rows}


_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_REMOTE_KEYWORD = re.compile(r"(?<![\w?$:.-])(SERVICE|LOAD)(?![\w:.-])", re.IGNORECASE)


def federated(text: str) -> str | None:
    """``SERVICE`` or ``LOAD`` if the request uses it (outside strings, IRIs and comments), else None.

    Oxigraph would fetch from the host such a request names, so a public
    endpoint would fetch for anyone from anywhere, the server's own network
    included; the endpoint refuses both.

    >>> federated("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    'SERVICE'
    >>> federated('SELECT ?service WHERE { ?s <http://x/LOAD> "SERVICE" } # LOAD')
    """
    found = _REMOTE_KEYWORD.search(_TOKENS.sub(" ", text))
    return found.group(1).upper() if found else None


def _check_dataset(default: list[str] | None, named: list[str] | None) -> None:
    if any(default or ()) or any(named or ()):
        raise HTTPProblem(400, "default-graph-uri and named-graph-uri are not supported: the default graph is the "
                               "union of every graph; use GRAPH <...> { } in the query")


async def _body(request: Request, limit: int) -> bytes:
    size = request.headers.get("content-length")
    if size is not None and size.isdigit() and int(size) > limit:
        raise HTTPProblem(413, f"the body is larger than {limit} bytes")
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise HTTPProblem(413, f"the body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _answer(request: Request, state: _State, text: str, fmt: str | None, started: float) -> Response:
    if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
        raise HTTPProblem(413, f"the query is longer than {MAX_QUERY_BYTES} bytes")
    refused = federated(text)
    if refused:
        raise HTTPProblem(400, f"{refused} is disabled on this endpoint: it would make the server fetch from "
                               "other hosts")
    accept = parse_accept(request.headers.get("accept"))
    answer: Answer = await state.read(task_query, text, accept, fmt, state.settings.max_rows, started=started)
    headers = {}
    if answer.truncated:
        headers = {"X-Result-Truncated": "true", "X-SPARQL-MaxRows": str(state.settings.max_rows)}
    request.state.log.update(kind=answer.kind, rows=answer.rows, truncated=answer.truncated)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


async def _update(request: Request, state: _State, text: str) -> Response:
    _authorise(request, state.settings)
    refused = federated(text)
    if refused:
        raise HTTPProblem(400, f"{refused} is disabled on this endpoint: it would make the server fetch from "
                               "other hosts; POST articles to /ingest instead")
    await state.write(task_update, text)
    request.state.log["kind"] = "update"
    return Response(status_code=204)


def _authorise(request: Request, settings: ServeSettings) -> None:
    """Updates need ``--allow-update`` (else 403) and ``Authorization: Bearer <token>`` (else 401)."""
    if not settings.allow_update or not settings.token:
        raise HTTPProblem(403, "updates are disabled on this server (citygraph serve --allow-update, with "
                               f"{TOKEN_ENV} set, enables them)")
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise HTTPProblem(401, "updates need Authorization: Bearer <token>",
                          {"WWW-Authenticate": 'Bearer realm="citygraph"'})
    if not hmac.compare_digest(credentials.strip().encode(), settings.token.encode()):
        raise HTTPProblem(401, "wrong token", {"WWW-Authenticate": 'Bearer realm="citygraph", error="invalid_token"'})


def _upload_name(media: str, article_id: str | None) -> str:
    """The file name an upload is ingested under (its suffix chooses the reader; a text's stem is its id)."""
    if media in _JSONL_TYPES or media == "application/json":
        return "upload.jsonl"
    if media == "text/csv":
        return "upload.csv"
    if media in ("text/plain", "text/html"):
        if not article_id or not _SAFE_ID.match(article_id):
            raise HTTPProblem(400, "a text or HTML article needs ?id= (letters, digits, '.', '_', '-')")
        return article_id + (".txt" if media == "text/plain" else ".html")
    raise HTTPProblem(415, "POST JSON Lines (application/x-ndjson), JSON, CSV, or text/plain or text/html with ?id=")


def _json_to_jsonl(body: bytes) -> bytes:
    try:
        data = json.loads(body)
    except ValueError as e:
        raise HTTPProblem(400, f"not JSON: {e}") from e
    records = data if isinstance(data, list) else [data]
    if not all(isinstance(r, dict) for r in records):
        raise HTTPProblem(400, "JSON must be one article object or an array of them")
    return b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records)


# ---- Pages ----


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("citygraph") / name))


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_package_dir("templates"))),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["place_url"] = place_url
    return env


def yasgui_assets() -> dict[str, str]:
    """The vendored YASGUI files by kind (``js``, ``css``, ``licence``) and its ``version``."""
    folder = _package_dir("static")
    scripts = sorted(folder.glob("yasgui-*.min.js"))
    if len(scripts) != 1:
        raise StoreError(f"expected one yasgui-<version>.min.js in {folder}, found {len(scripts)}; "
                         "run scripts/vendor_yasgui.sh")
    version = scripts[0].name[len("yasgui-"):-len(".min.js")]
    return {"version": version, "js": f"yasgui-{version}.min.js", "css": f"yasgui-{version}.min.css",
            "licence": f"yasgui-{version}.LICENSE.txt"}


def place_url(iri: str | None) -> str:
    """``/places/{key}`` for a place IRI minted by citygraph (the key percent-encoded as in the IRI)."""
    from citygraph.defaults import RESOURCE_IRI

    prefix = RESOURCE_IRI + "place/"
    if not iri or not iri.startswith(prefix):
        return "/places/" + quote(iri or "", safe="")
    return "/places/" + iri[len(prefix):]


def _page_globals() -> dict[str, Any]:
    return {"version": __version__}


def _page_headers() -> dict[str, str]:
    return {"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer"}


def _add_page_routes(app: FastAPI, state: _State, templates: jinja2.Environment) -> None:
    from citygraph.defaults import RESOURCE_IRI

    async def page(name: str, **context: Any) -> HTMLResponse:
        # Rendered in a thread: the table of a million-quad store is 7 MB of HTML, half a second of work.
        template = templates.get_template(name)
        html = await asyncio.to_thread(template.render, **context, **_page_globals())
        return HTMLResponse(html, headers=_page_headers())

    @app.get("/", tags=["Pages"], summary="What the graph holds", response_class=HTMLResponse)
    async def front() -> HTMLResponse:
        catalogue = await state.cached("catalogue", task_catalogue)
        return await page("index.html.j2", **overview(catalogue), updates=state.settings.allow_update)

    @app.get("/agreements", tags=["Pages"], summary="Every agreement, sortable and filterable, with sources",
             response_class=HTMLResponse)
    async def agreements() -> HTMLResponse:
        rows = (await state.cached("catalogue", task_catalogue)).agreements
        domains = sorted({d for a in rows for d in a["domains"]})
        statuses = sorted({a["status"] for a in rows if a["status"]})
        countries = sorted({p["country"] for a in rows for p in a["parties"] if p["country"]})
        return await page("agreements.html.j2", agreements=rows, domains=domains, statuses=statuses,
                          countries=countries)

    @app.get("/places/{key}", tags=["Pages"], summary="One place: agreements, partners, measures, neighbourhood",
             response_class=HTMLResponse)
    async def place(key: str) -> HTMLResponse:
        iri = RESOURCE_IRI + "place/" + quote(key, safe="")
        data = place_page(await state.cached("catalogue", task_catalogue), iri)
        if data is None:
            raise HTTPProblem(404, f"no place {key!r} in the graph")
        return await page("place.html.j2", **data, network_url=f"/network?place={quote(iri, safe='')}&depth=1")

    @app.get("/network", tags=["Pages"], summary="The interactive cooperation network (as citygraph viz)",
             response_class=HTMLResponse)
    async def network(
        place: Annotated[str | None, Query(description="Only this place's neighbourhood (name, key or IRI).")]
        = None,
        depth: Annotated[int, Query(ge=0, le=5)] = 1,
        size: Annotated[str, Query(description="Measure that sizes the nodes.")] = "pagerank",
        view: Annotated[str, Query(description="network or bipartite.")] = "network",
        layout: Annotated[str, Query(description="force or geo.")] = "force",
        domain: Annotated[list[str] | None, Query()] = None,
        country: Annotated[list[str] | None, Query()] = None,
        since: Annotated[int | None, Query()] = None,
        until: Annotated[int | None, Query()] = None,
    ) -> HTMLResponse:
        options = {"place": place, "depth": depth, "size": size, "view": view, "layout": layout}
        filters = {"domains": tuple(domain or ()), "countries": tuple(country or ()), "since": since, "until": until}
        key = ("network", json.dumps([options, filters], sort_keys=True, default=list))
        html = await state.cached(key, task_network, options, filters)
        # The page carries its own Content-Security-Policy (in line only, nothing from anywhere).
        return HTMLResponse(html, headers={"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})

    @app.get("/query", tags=["Pages"], summary="YASGUI, the SPARQL editor, with the competency queries",
             response_class=HTMLResponse)
    async def query_page() -> HTMLResponse:
        from citygraph.examples import example_text, list_examples

        examples = [{"name": e.name, "title": e.title, "query": example_text(e.name)} for e in list_examples()]
        return await page("query.html.j2", examples=examples, yasgui=yasgui_assets())


# ---- Access log ----


class AccessLog:
    """One JSON line per request on the ``citygraph.access`` logger: when, who, what, status, size, time.

    Handlers add fields through ``request.state.log`` (the query kind, rows,
    truncation, articles ingested, the error).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        extra: dict[str, Any] = {}
        scope.setdefault("state", {})["log"] = extra
        status, size = 500, 0

        async def sending(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client")
            record = {
                "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "client": client[0] if client else None,
                "method": scope["method"], "path": scope["path"], "status": status, "bytes": size,
                "ms": round((time.monotonic() - started) * 1000, 1), **extra,
            }
            access_log.info(json.dumps(record, ensure_ascii=False, default=str))
