"""A citygraph store on a remote SPARQL 1.1 server (Oxigraph, Virtuoso, QLever, Fuseki...).

:class:`RemoteStore` has the methods of :class:`citygraph.store.Store` that
the commands use, so ``ingest``, ``query``, ``list``, ``analyze``, ``viz``,
``export``, ``stats`` and ``serve`` work unchanged against an endpoint: the
path for a graph that outgrows one laptop, or one that a team shares.

Protocols
---------
* **Reading**: SPARQL 1.1 Query over HTTP (``POST application/sparql-query``).
  Solutions come back as SPARQL Results JSON (bulk reads of quads as TSV) and
  are parsed by pyoxigraph into the very objects an embedded store returns
  (``QuerySolutions``, ``QueryBoolean``; a list of ``Triple`` for CONSTRUCT and
  DESCRIBE), so callers cannot tell the two apart.
* **Writing an article or a derived graph**: Graph Store Protocol ``PUT
  ?graph=IRI`` with the graph as N-Triples serialised by pyoxigraph (``DELETE``
  when it is empty): Oxigraph replaces the graph in one transaction, so a
  reader sees the old graph or the new one. No data is ever pasted into
  SPARQL text; IRIs travel as URL parameters or N-Triples bodies.
* **SPARQL Update** (``citygraph serve --allow-update``): passed through to
  the update endpoint as ``application/sparql-update``.

Endpoints
---------
The location is the query endpoint. The update and Graph Store endpoints
follow Oxigraph's layout when the URL is a server root (``http://host:7878``)
or ends with ``/query`` (``/update``, ``/store`` beside it); otherwise
updates go to the same URL and there is no Graph Store endpoint, so writes
are refused until ``CITYGRAPH_GRAPH_STORE_URL`` names one (Virtuoso:
``/sparql-graph-crud``; Fuseki: ``/DATASET/data``). ``CITYGRAPH_UPDATE_URL``
overrides the update endpoint, ``CITYGRAPH_REMOTE_TOKEN`` adds
``Authorization: Bearer ...`` to every request.

What the server must do
-----------------------
Queries see every named graph as the default graph, as the embedded store
runs them: ``oxigraph serve --union-default-graph`` (Virtuoso and QLever
query the union by default). A store opened for writing checks this once it
holds data, and refuses, saying so, when the default graph is empty while
named graphs are not. Writes are atomic per graph (the Graph Store PUT), not
per batch: an interrupted ingest leaves whole articles, and re-running
completes it, but a batch of new articles is not one transaction as it is in
the embedded store. Counts (:meth:`RemoteStore.triple_count`) cover the named
graphs, which is where citygraph writes everything.

HTTP client: httpx, for its pooled keep-alive connections shared safely
between threads (the web server's workers call one store), its separate
connect and read timeouts, and one client API for sync and async code.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
import rdflib
from rdflib import BNode, URIRef

from citygraph import __version__
from citygraph.errors import QueryError, StoreError
from citygraph.rdf import article_graph_iri, article_id_from_graph
from citygraph.store import (
    EXPORT_FORMATS,
    ONTOLOGY_FILES,
    WriteCounts,
    new_staging_graph,
    ontology_dir,
    read_rq,
    solution_rows,
    to_ox,
    to_rdflib,
    with_staging,
)
from citygraph.vocab import ARTICLE_GRAPH_PREFIX, ONTOLOGY_GRAPH, PREFIXES

#: Environment variables that complete a remote location.
UPDATE_URL_ENV = "CITYGRAPH_UPDATE_URL"
GRAPH_STORE_URL_ENV = "CITYGRAPH_GRAPH_STORE_URL"
TOKEN_ENV = "CITYGRAPH_REMOTE_TOKEN"

#: Seconds to wait for a connection, and for a remote answer.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 300.0

_RESULTS_JSON = "application/sparql-results+json"
_RESULTS_TSV = "text/tab-separated-values"
_N_TRIPLES = "application/n-triples"
#: What a query asks for: results JSON for SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE.
_QUERY_ACCEPT = f"{_RESULTS_JSON}, {_N_TRIPLES};q=0.9"
_RESULT_TYPES = {
    _RESULTS_JSON: ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    _RESULTS_TSV: ox.QueryResultsFormat.TSV,
    "text/csv": ox.QueryResultsFormat.CSV,
}
_GRAPH_TYPES = {
    _N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}

# The few queries this module runs itself (over any server, so plain SPARQL 1.1).
#: Every named graph (``GRAPH ?g {}`` matches each graph of the dataset once).
_NAMED_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { } }"
#: Quads of the named graphs: exports, datasets, unions (``?g`` may be bound).
_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
#: Quads in named graphs, the store's size.
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: The ontology graph's stamp (``?g`` bound to the ontology graph).
_STAMP = "SELECT ?g ?stamp WHERE { GRAPH ?g { ?g <https://schema.org/sha256> ?stamp } }"
#: Whether the default graph shows the named graphs' triples (see the module notes).
_ANY_DEFAULT = "ASK { ?s ?p ?o }"
_ANY_NAMED = "ASK { GRAPH ?g { ?s ?p ?o } }"

#: Graphs that have their own writer (replace_graph refuses them).
_PRIVATE_PREFIX = "urn:citygraph:"
_STAGING_PREFIX = "urn:citygraph:staging:"


def endpoints(location: str) -> tuple[str, str, str | None]:
    """The query, update and Graph Store URLs for a location (see the module notes).

    >>> endpoints("http://127.0.0.1:7878")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
    >>> endpoints("https://example.org/sparql")
    ('https://example.org/sparql', 'https://example.org/sparql', None)
    """
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"not an http(s) endpoint URL: {location!r}")
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, new_path, parts.query, ""))

    if not path:
        query, update, store = at("/query"), at("/update"), at("/store")
    elif path.endswith("/query"):
        base = path[: -len("/query")]
        query, update, store = at(path), at(base + "/update"), at(base + "/store")
    else:
        query, update, store = at(path), at(path), None
    return (query, os.environ.get(UPDATE_URL_ENV) or update,
            os.environ.get(GRAPH_STORE_URL_ENV) or store)


class RemoteStore:
    """A citygraph store behind a SPARQL 1.1 Query/Update and Graph Store endpoint.

    Same methods as :class:`citygraph.store.Store`; use :func:`open_remote`
    (or ``open_store("http://...")``), preferably as a context manager.
    Thread-safe: one pooled HTTP client serves every thread.
    """

    def __init__(self, location: str, *, read_only: bool = False, update_url: str | None = None,
                 graph_store_url: str | None = None, token: str | None = None,
                 timeout: float = READ_TIMEOUT, transport: httpx.BaseTransport | None = None) -> None:
        query, update, store = endpoints(location)
        self.location = location
        self.read_only = read_only
        self.query_url = query
        self.update_url = update_url or update
        self.graph_store_url = graph_store_url or store
        token = token if token is not None else os.environ.get(TOKEN_ENV)
        headers = {"User-Agent": f"citygraph/{__version__}"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client: httpx.Client | None = httpx.Client(
            headers=headers, timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT), transport=transport,
        )

    # -- life cycle --

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections. Safe to call twice."""
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def inner(self) -> ox.Store:
        raise StoreError(f"store {self.location} is remote: it has no embedded pyoxigraph store")

    def flush(self) -> None:
        """Nothing to do: the server persists each request."""

    def leftovers(self) -> list[str]:
        """Staging graphs in the store: what a consolidation cut short left (article writes use none)."""
        return sorted(g for g in self._named_graphs() if g.startswith(_STAGING_PREFIX))

    # -- HTTP --

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        if self._client is None:
            raise StoreError(f"store {self.location} is closed")
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as e:
            raise StoreError(f"store {self.location} did not answer in time ({type(e).__name__})") from e
        except httpx.HTTPError as e:
            raise StoreError(f"cannot reach store {self.location}: {e}") from e

    def _failed(self, response: httpx.Response, what: str) -> StoreError:
        text = response.text.strip()[:500]
        return StoreError(f"store {self.location}: {what} failed with HTTP {response.status_code}: {text}")

    # -- writing --

    def _writable(self) -> str:
        if self.read_only:
            raise StoreError(f"store {self.location} was opened read-only")
        if not self.graph_store_url:
            raise StoreError(f"store {self.location}: writing needs a Graph Store Protocol endpoint; set "
                             f"{GRAPH_STORE_URL_ENV} (Oxigraph: <server>/store, Fuseki: <dataset>/data, "
                             "Virtuoso: <server>/sparql-graph-crud)")
        return self.graph_store_url

    def _put_graph(self, iri: str, triples: Sequence[ox.Triple]) -> None:
        """Replace one graph (Graph Store PUT, one transaction on Oxigraph); an empty graph is deleted."""
        url = self._writable()
        if not triples:
            self._delete_graph(iri)
            return
        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
        response = self._request("PUT", url, params={"graph": iri}, content=body,
                                 headers={"Content-Type": f"{_N_TRIPLES}; charset=utf-8"})
        if response.status_code not in (200, 201, 204):
            raise self._failed(response, f"writing graph <{iri}>")

    def _delete_graph(self, iri: str) -> None:
        response = self._request("DELETE", self._writable(), params={"graph": iri})
        if response.status_code not in (200, 202, 204, 404):
            raise self._failed(response, f"deleting graph <{iri}>")

    def replace_article(self, article_id: str, graph: rdflib.Graph) -> None:
        """Rewrite one article's named graph (one Graph Store PUT); the graph's own identifier is ignored."""
        target = str(article_graph_iri(article_id))
        self._put_graph(target, [_ox_triple(s, p, o) for s, p, o in graph])

    def replace_graph(self, name: str | URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Rewrite one derived named graph (consolidation, analysis, reference data) in one PUT."""
        iri = self._derived(name, staging_ok=False)
        self._put_graph(iri, [_ox_triple(s, p, o) for s, p, o in triples])

    def add_to_graph(self, name: str | URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Add triples to a derived or staging graph (one Graph Store POST, which merges)."""
        iri = self._derived(name)
        body = ox.serialize([_ox_triple(s, p, o) for s, p, o in triples], format=ox.RdfFormat.N_TRIPLES)
        if not body:
            return
        response = self._request("POST", self._writable(), params={"graph": iri}, content=body,
                                 headers={"Content-Type": f"{_N_TRIPLES}; charset=utf-8"})
        if response.status_code not in (200, 201, 204):
            raise self._failed(response, f"adding to graph <{iri}>")

    def remove_graph(self, name: str | URIRef) -> None:
        """Delete a derived or staging graph; no error if it is absent."""
        self._delete_graph(self._derived(name))

    @staticmethod
    def new_staging_graph() -> str:
        """A fresh staging graph IRI, as :meth:`citygraph.store.Store.new_staging_graph`."""
        return new_staging_graph()

    def select_staged(self, name: str, staging: str) -> list[dict[str, Any]]:
        """:meth:`select_rq` of a query that reads a staging graph (``<urn:citygraph:staging>`` in its text)."""
        return list(solution_rows(self.query(with_staging(read_rq(name), staging)), name))

    def update_staged(self, name: str, staging: str) -> None:
        """Run ``queries/{name}.ru`` with ``<urn:citygraph:staging>`` standing for ``staging`` (one request)."""
        self.update(with_staging(read_rq(f"{name}.ru"), staging))

    def update_rq(self, name: str) -> None:
        """Run ``queries/{name}.ru``, a fixed update request, on the update endpoint."""
        self.update(read_rq(f"{name}.ru"))

    @staticmethod
    def _derived(name: str | URIRef, *, staging_ok: bool = True) -> str:
        """The IRI of a graph citygraph derives (or a staging graph, if ``staging_ok``); others are refused."""
        iri = str(name)
        if iri.startswith(_STAGING_PREFIX) and staging_ok:
            return iri
        if iri.startswith(ARTICLE_GRAPH_PREFIX) or iri == str(ONTOLOGY_GRAPH) or iri.startswith(_PRIVATE_PREFIX):
            raise ValueError(f"{iri} is written by its own method, not as a derived graph")
        return iri

    def remove_article(self, article_id: str) -> None:
        """Delete an article's graph; no error if it is absent."""
        self._delete_graph(str(article_graph_iri(article_id)))

    def write_articles(self, articles: Iterable[tuple[str, Iterable[Any]]], *, bulk: bool = False) -> WriteCounts:
        """Write many articles' graphs, each in one PUT; the result is as if each were replaced in turn.

        As :meth:`citygraph.store.Store.write_articles`: an id given twice keeps
        its last graph, a stored graph that is unchanged is not written.
        ``bulk`` changes nothing here (every write is one request per graph).
        """
        latest: dict[str, list[ox.Triple]] = {}
        for article_id, triples in articles:
            latest.pop(article_id, None)
            latest[article_id] = [_as_triple(item) for item in triples]
        return self._write(latest)

    def write_article_nquads(self, articles: Iterable[tuple[str, bytes]], *, bulk: bool = False) -> WriteCounts:
        """:meth:`write_articles` for graphs serialised as N-Quads, every quad in the article's graph."""
        latest: dict[str, list[ox.Triple]] = {}
        for article_id, payload in articles:
            target = ox.NamedNode(str(article_graph_iri(article_id)))
            quads = list(ox.parse(payload, ox.RdfFormat.N_QUADS))
            if any(q.graph_name != target for q in quads):
                raise ValueError(f"N-Quads for {target.value} hold quads of another graph")
            latest.pop(article_id, None)
            latest[article_id] = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        return self._write(latest)

    def write_article_shard(self, article_ids: Sequence[str], path: str | os.PathLike[str], *,
                            bulk: bool = False) -> WriteCounts:
        """Write the articles of one N-Quads file (a shard of ``citygraph.distributed``)."""
        targets = {ox.NamedNode(str(article_graph_iri(i))): i for i in article_ids}
        by_id: dict[str, list[ox.Triple]] = {i: [] for i in article_ids}
        for quad in ox.parse(path=Path(path), format=ox.RdfFormat.N_QUADS):
            article_id = targets.get(quad.graph_name)  # type: ignore[call-overload]
            if article_id is None:
                raise ValueError(f"{path}: a quad in {quad.graph_name}, which is no article the shard lists")
            by_id[article_id].append(ox.Triple(quad.subject, quad.predicate, quad.object))
        return self._write(by_id)

    def _write(self, latest: Mapping[str, list[ox.Triple]]) -> WriteCounts:
        self._writable()
        stored = set(self._named_graphs())
        counts = WriteCounts()
        for article_id, triples in latest.items():
            iri = str(article_graph_iri(article_id))
            if iri not in stored:
                if triples:
                    self._put_graph(iri, triples)
                    counts.added += 1
                else:
                    counts.unchanged += 1
            elif _unchanged(self._graph_triples(iri), triples):
                counts.unchanged += 1
            else:
                self._put_graph(iri, triples)
                counts.replaced += 1
        return counts

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request on the update endpoint (for ``citygraph serve --allow-update``).

        Raises :class:`QueryError` with the server's message when it refuses
        the request as malformed (HTTP 400).
        """
        if self.read_only:
            raise StoreError(f"store {self.location} was opened read-only")
        response = self._request("POST", self.update_url, content=sparql.encode("utf-8"),
                                 headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        if response.status_code == 400:
            raise QueryError(response.text.strip())
        if response.status_code >= 300:
            raise self._failed(response, "the update")

    def ensure_ontology(self) -> bool:
        """Write the ontology graph if the files changed (its ``schema:sha256`` stamp differs).

        Returns True if it (re)wrote it.
        """
        self._writable()
        folder = ontology_dir()
        blobs = [(name, (folder / name).read_bytes()) for name in ONTOLOGY_FILES]
        digest = hashlib.sha256()
        for name, blob in blobs:
            digest.update(name.encode() + b"\0" + blob + b"\0")
        stamp = ox.Literal(digest.hexdigest())
        ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
        rows = self.query(_STAMP, {"g": ontology})
        if [row["stamp"] for row in rows] == [stamp]:
            return False
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for name, blob in blobs
                   for q in ox.parse(blob, ox.RdfFormat.TURTLE, base_iri=f"file:///ontology/{name}")]
        triples.append(ox.Triple(ontology, ox.NamedNode("https://schema.org/sha256"), stamp))
        self._put_graph(ontology.value, triples)
        return True

    # -- reading --

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        """Run a SPARQL query over the union of all graphs, on the server.

        citygraph's prefixes are declared in front of the text (on its first
        line, so the server's error positions keep their line numbers; the
        query's own declarations win). ``bindings`` become one trailing
        ``VALUES`` clause with each term written by pyoxigraph, the way
        rdflib's SPARQLStore passes ``initBindings``: it filters the solutions
        as the embedded store's substitution does, but a blank node cannot be
        bound and a query that already ends with ``VALUES`` takes none.
        Returns ``QuerySolutions``, ``QueryBoolean`` or a list of ``Triple``.
        """
        text = _with_prefixes(sparql) + _values_clause(bindings)
        response = self._request("POST", self.query_url, content=text.encode("utf-8"), headers={
            "Content-Type": "application/sparql-query; charset=utf-8", "Accept": _QUERY_ACCEPT})
        if response.status_code == 400:
            raise QueryError(response.text.strip() or "the server refused the query (HTTP 400)")
        if response.status_code != 200:
            raise self._failed(response, "the query")
        media = _media_type(response)
        try:
            if media in _RESULT_TYPES:
                return ox.parse_query_results(response.content, _RESULT_TYPES[media])
            if media in _GRAPH_TYPES:
                return [ox.Triple(q.subject, q.predicate, q.object)
                        for q in ox.parse(response.content, _GRAPH_TYPES[media])]
        except SyntaxError as e:
            raise StoreError(f"store {self.location} sent an unreadable {media} answer: {e}") from e
        raise StoreError(f"store {self.location} answered a query with {media or 'no content type'}")

    def iter_rq(self, name: str, **bindings: Any) -> Iterator[dict[str, Any]]:
        """:meth:`select_rq`'s rows one at a time (the embedded store's interface; the answer of a server
        arrives whole anyway)."""
        return iter(self.select_rq(name, **bindings))

    def select_rq(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        """Run ``queries/{name}.rq`` and return its rows as dicts of Python values (None if unbound)."""
        return list(solution_rows(self.query(read_rq(name), bindings), name))

    def _named_graphs(self) -> list[str]:
        return [row["g"].value for row in self.query(_NAMED_GRAPHS) if isinstance(row["g"], ox.NamedNode)]

    def has_article(self, article_id: str) -> bool:
        """Whether the article's graph is in the store (whole: each graph is written by one PUT).

        One ASK (``queries/has_graph.rq``) with the graph IRI bound through
        :func:`_values_clause`, as :meth:`citygraph.store.Store.has_article`
        asks ``contains_named_graph``: what ``ingest --resume`` calls per article.
        """
        target = ox.NamedNode(str(article_graph_iri(article_id)))
        answer = self.query(read_rq("has_graph"), {"graph": target})
        if not isinstance(answer, ox.QueryBoolean):
            raise StoreError(f"store {self.location} answered an ASK query with {type(answer).__name__}")
        return bool(answer)

    def article_ids(self) -> list[str]:
        """Ids of the articles in the store, as given at ingest, sorted."""
        ids = (article_id_from_graph(g) for g in self._named_graphs())
        return sorted(i for i in ids if i is not None)

    def triple_count(self) -> int:
        """Number of quads in the named graphs (where citygraph writes everything)."""
        rows = list(self.query(_COUNT))
        return int(rows[0]["n"].value) if rows else 0

    def _select_quads(self, graph: str | None = None) -> list[ox.Quad]:
        """Quads of every named graph (or of one), read as TSV results: compact and lossless."""
        text = _with_prefixes(_QUADS) + _values_clause({"g": ox.NamedNode(graph)} if graph else None)
        response = self._request("POST", self.query_url, content=text.encode("utf-8"), headers={
            "Content-Type": "application/sparql-query; charset=utf-8", "Accept": _RESULTS_TSV})
        if response.status_code != 200:
            raise self._failed(response, "reading quads")
        media = _media_type(response)
        if media not in _RESULT_TYPES:
            raise StoreError(f"store {self.location} answered with {media or 'no content type'}")
        solutions = ox.parse_query_results(response.content, _RESULT_TYPES[media])
        return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in solutions]

    def _graph_triples(self, iri: str) -> list[ox.Triple]:
        """One graph's triples: a Graph Store GET where there is an endpoint, else a query."""
        if self.graph_store_url:
            response = self._request("GET", self.graph_store_url, params={"graph": iri},
                                     headers={"Accept": _N_TRIPLES})
            if response.status_code == 404:
                return []
            if response.status_code != 200:
                raise self._failed(response, f"reading graph <{iri}>")
            media = _media_type(response)
            return [ox.Triple(q.subject, q.predicate, q.object)
                    for q in ox.parse(response.content, _GRAPH_TYPES.get(media, ox.RdfFormat.N_TRIPLES))]
        return [ox.Triple(q.subject, q.predicate, q.object) for q in self._select_quads(iri)]

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._select_quads())

    def graph_of(self, article_id: str) -> rdflib.Graph:
        """One article's graph as an rdflib Graph."""
        name = article_graph_iri(article_id)
        graph = rdflib.Graph(identifier=name)
        for triple in self._graph_triples(str(name)):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return graph

    def union_graph(self, *, articles_only: bool = True) -> rdflib.Graph:
        """The union of the article graphs (or of every graph) as one rdflib Graph."""
        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for quad in self._select_quads():
            name = quad.graph_name
            if articles_only and not (isinstance(name, ox.NamedNode) and name.value.startswith(ARTICLE_GRAPH_PREFIX)):
                continue
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return graph

    def to_dataset(self) -> rdflib.Dataset:
        """Every named graph as an rdflib Dataset (for rdflib tools: compare, serialise, pySHACL)."""
        dataset = rdflib.Dataset()
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace)
        graphs: dict[str, rdflib.Graph] = {}
        batch: list[tuple[Any, Any, Any, rdflib.Graph]] = []
        for quad in self._select_quads():
            key = quad.graph_name.value  # type: ignore[union-attr]
            if key not in graphs:
                graphs[key] = dataset.graph(to_rdflib(quad.graph_name))
            batch.append((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), graphs[key]))
        dataset.addN(batch)
        return dataset

    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the store to ``out`` as :meth:`citygraph.store.Store.export` does."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        if fmt == "turtle":
            triples = self.query(read_rq("union"))
            ox.serialize(triples, out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
            return
        quads = self._select_quads()
        if fmt == "trig":
            ox.serialize(quads, out, ox.RdfFormat.TRIG, prefixes=PREFIXES)
        else:
            ox.serialize(quads, out, EXPORT_FORMATS[fmt])

    # -- checks --

    def check_union_default_graph(self) -> None:
        """Refuse a server whose default graph is not the union of its named graphs (see the module notes)."""
        if not bool(self.query(_ANY_DEFAULT)) and bool(self.query(_ANY_NAMED)):
            raise StoreError(
                f"store {self.location}: its default graph is not the union of its named graphs, which citygraph's "
                "queries need; start Oxigraph with `oxigraph serve --union-default-graph` (Virtuoso and QLever "
                "query the union by default)")


def open_remote(location: str, *, read_only: bool = False, **options: Any) -> RemoteStore:
    """Open a remote store; a writable one gets the current ontology graph, as an embedded store does.

    Raises :class:`StoreError` when the server cannot be reached, or its default
    graph is not the union of its named graphs (checked once it holds data).
    """
    store = RemoteStore(location, read_only=read_only, **options)
    try:
        if not read_only:
            store.ensure_ontology()
        store.check_union_default_graph()
    except BaseException:
        store.close()
        raise
    return store


# ---- helpers ----


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _with_prefixes(sparql: str) -> str:
    """citygraph's prefixes declared on the query's first line (line numbers of errors stay right)."""
    return "".join(f"PREFIX {prefix}: <{iri}> " for prefix, iri in PREFIXES.items()) + sparql


def _values_clause(bindings: Mapping[str, Any] | None) -> str:
    """A trailing ``VALUES (?a ?b) { (term term) }`` with each term serialised by pyoxigraph."""
    if not bindings:
        return ""
    names, terms = [], []
    for name, value in bindings.items():
        term = value if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode) else to_ox(value)
        if isinstance(term, ox.BlankNode) or isinstance(value, BNode):
            raise QueryError(f"cannot bind ?{name} to a blank node on a remote store")
        if not name.isidentifier():
            raise QueryError(f"not a variable name: {name!r}")
        names.append(f"?{name}")
        terms.append(str(term))
    return f"\nVALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}\n"


def _ox_triple(s: Any, p: Any, o: Any) -> ox.Triple:
    return ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]


def _as_triple(item: Any) -> ox.Triple:
    if isinstance(item, ox.Quad | ox.Triple):
        return ox.Triple(item.subject, item.predicate, item.object)
    s, p, o = item
    return _ox_triple(s, p, o)


def _unchanged(stored: Iterable[ox.Triple], triples: Sequence[ox.Triple]) -> bool:
    """True when the stored graph holds exactly ``triples`` (never with blank nodes, whose labels differ)."""
    new = set(triples)
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in new):
        return False
    return set(stored) == new
