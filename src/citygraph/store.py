"""Open a store and keep one named graph per article in it.

pyoxigraph is used directly (measured 2-13x faster than oxrdflib at 1M
triples); rdflib stays the model and serialisation API, so graphs come in and
go out as rdflib objects and the conversion lives here.

:func:`open_store` takes a directory (embedded on-disk Oxigraph, created if
missing), ``":memory:"`` (tests) or, later, an ``http(s)://`` SPARQL endpoint.
:class:`Store` is the seam: a remote implementation only needs the same
methods.

Atomic replace
--------------
pyoxigraph 0.5 offers no multi-operation transaction in Python: ``extend``,
``remove_graph``, ``load`` and ``update`` are each transactional on their own.
``update`` runs a whole SPARQL Update request, all its operations, in one
transaction. So :meth:`Store.replace_article` stages the new quads in a
private graph (``extend``: one transaction; the article graph is untouched)
and then runs the fixed request ``queries/replace_graph.ru`` that deletes the
old article graph, copies the staged quads in and drops the staging graph: one
transaction, so readers see the old graph or the new one, never a mix. No
data is pasted into SPARQL: the request finds its target graph through a
control triple in the staging graph; the only text substituted is the
staging graph's own IRI (``urn:citygraph:staging:<uuid hex>``), fresh for
each call. A crash between the two steps leaves only a staging graph behind,
which the next writable open removes. (Rejected: ``DROP GRAPH ...; INSERT
DATA {...}`` built from serialised triples, i.e. data pasted into SPARQL; and
``remove_graph`` followed by ``extend``, two transactions with a window where
the article is missing.)
Within one process, writes are serialised by a lock; across processes
RocksDB's lock allows one writer. ``open_store(..., wait=SECONDS)`` retries a
held store until it is free or the time is up.

Batches
-------
:meth:`Store.write_articles` and :meth:`Store.write_article_nquads` write many
articles at once (``ingest`` uses the latter). An article new to the store is
loaded in one transaction, with no staging (a third of the writes of a
replace); an article stored exactly so is left alone (a re-run after an
interruption re-checks, it does not rewrite); a changed one takes the staging
route above. Each article is its own transaction: Oxigraph writes no faster
in bigger ones (measured), and readers then see articles arrive one by one.
With ``bulk=True`` the new articles go through Oxigraph's bulk loader
instead, which is not transactional: a *pending* graph naming their graphs is
written first (one transaction) and removed after the load (one
transaction), and a writable open removes every graph a pending graph names,
so a crash leaves no half article once the store is next opened for writing
(a reader opening before that may see one).

Readers while a writer works
----------------------------
``open_store(path, read_only=True)`` opens while another process writes
(RocksDB's read-only mode takes no lock) and sees the committed state at the
moment it opened: whole articles only, as of then (a staging graph of a
replace in progress may show in the union; its quads are the new article's).
pyoxigraph calls this undefined behaviour, and it does race: RocksDB opens
table files lazily and the writer's compaction may delete one first (2 to 3
opens in 100 during an ingest, measured). So a read-only open, and a whole
read (``article_ids``, ``select_rq``, ``query`` up to its first result...),
that meets a vanished file is run again on a fresh open, a newer snapshot
(:meth:`Store._read`); ``tests/test_concurrency.py`` checks readers during a
real ingest. Opening replays the writer's log, so ``ingest`` flushes every
few hundred articles to keep that log, and a reader's opening time, short.

Union default graph
-------------------
Queries see all graphs as one default graph, but Oxigraph 0.5 evaluates that
union as a bag: a triple stated in N article graphs matches N times (fixed
upstream after 0.5, oxigraph issue #1919). Use DISTINCT, COUNT(DISTINCT ...)
or one property pattern per subquery, as ``queries/*.rq`` do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import pyoxigraph as ox
import rdflib
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.namespace import SDO

from citygraph.defaults import DEFAULT_STORE, STORE_ENV
from citygraph.errors import QueryError, StoreError
from citygraph.rdf import article_graph_iri, article_id_from_graph
from citygraph.vocab import ARTICLE_GRAPH_PREFIX, ONTOLOGY_GRAPH, PREFIXES

log = logging.getLogger(__name__)

MEMORY = ":memory:"

_T = TypeVar("_T")

#: The ontology files loaded into the store's ontology graph (shapes.ttl is not data).
ONTOLOGY_FILES = ("citygraph.ttl", "domains.ttl", "analysis.ttl")

#: Placeholder for the staging graph in queries/replace_graph.ru; each replace uses a fresh one.
_STAGING = ox.NamedNode("urn:citygraph:staging")
_STAGING_PREFIX = "urn:citygraph:staging:"
_STAGED_FOR = ox.NamedNode("urn:citygraph:stagedFor")
#: A bulk write's pending graph (``urn:citygraph:pending:<uuid hex>``) names,
#: through this property, each article graph the write is creating.
_PENDING_PREFIX = "urn:citygraph:pending:"
_PENDING_FOR = ox.NamedNode("urn:citygraph:pendingGraph")
#: How long open_store(wait=...) sleeps between attempts at most (seconds).
_WAIT_STEP = 0.5
_ONTOLOGY = ox.NamedNode(str(ONTOLOGY_GRAPH))
_SHA256 = ox.NamedNode(str(SDO.sha256))

_RQ_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_XSD_STRING = str(XSD.string)
_INTEGER_TYPES = {
    str(XSD[t])
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {str(XSD.double), str(XSD.float), str(XSD.decimal)}

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


# ---- Locating packaged files ----


def ontology_dir() -> Traversable:
    """``ontology/``: packaged as ``citygraph/_ontology`` in a wheel, else the repository's folder."""
    packaged = resources.files("citygraph") / "_ontology"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "ontology"


@lru_cache(maxsize=64)
def read_rq(name: str) -> str:
    """The text of ``queries/{name}.rq`` (or ``.ru`` for an update)."""
    stem, _, suffix = name.partition(".")
    if not _RQ_NAME.match(stem) or suffix not in ("", "rq", "ru"):
        raise QueryError(f"not a query name: {name!r}")
    path = resources.files("citygraph") / "queries" / f"{stem}.{suffix or 'rq'}"
    if not path.is_file():
        raise QueryError(f"no query named {name!r} in citygraph/queries")
    return path.read_text(encoding="utf-8")


def new_staging_graph() -> str:
    """A fresh staging graph IRI (``urn:citygraph:staging:<uuid hex>``), dropped by the update that uses it.

    One left by a crash is removed at the next writable open of an embedded store.
    """
    return _STAGING_PREFIX + uuid.uuid4().hex


def with_staging(text: str, staging: str) -> str:
    """A query or update text with the placeholder ``<urn:citygraph:staging>`` replaced by ``staging``.

    The only text ever put into a request: our own staging IRI, a fixed
    prefix and 32 hex digits, checked here; everything article-derived
    reaches the request as data in that graph.
    """
    if not re.fullmatch(re.escape(_STAGING_PREFIX) + "[0-9a-f]{32}", staging):
        raise ValueError(f"not a staging graph IRI: {staging!r}")
    return text.replace(str(_STAGING), f"<{staging}>")


# ---- Term conversion (rdflib <-> pyoxigraph <-> Python) ----


def to_ox(term: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term, a pyoxigraph term or a plain Python value as a pyoxigraph term."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, bool | int | float | str):
        return ox.Literal(term)
    if isinstance(term, dt.date):
        return ox.Literal(term.isoformat(), datatype=ox.NamedNode(str(XSD.date)))
    raise TypeError(f"cannot use {term!r} as an RDF term")


def to_rdflib(term: Any) -> rdflib.term.Node:
    """A pyoxigraph term as an rdflib term (xsd:string literals become plain, as rdflib builds them)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to rdflib")


def _triple(quad: ox.Quad) -> tuple[Any, Any, Any]:
    return to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


def to_python(term: Any) -> str | int | float | bool | None:
    """A query value as JSON-friendly Python: IRIs and strings as str, numbers and booleans typed.

    Dates of every precision stay their lexical form (``"2016-06"``), which is
    what the list JSON wants.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == str(XSD.boolean):
            return term.value in ("true", "1")
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
        return term.value
    return str(term)


def solution_rows(solutions: Any, name: str) -> Iterator[dict[str, Any]]:
    """The rows of a SELECT answer as dicts of Python values (None if unbound), one at a time.

    Raises QueryError (on the first row asked for) when ``solutions`` is not a
    SELECT's answer: ``name`` says which query it was.
    """
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"query {name!r} is not a SELECT query")
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {n: to_python(solution[n]) for n in names}


# ---- The store ----


@dataclass
class WriteCounts:
    """What one :meth:`Store.write_articles` call did, by article."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    def __iadd__(self, other: WriteCounts) -> WriteCounts:
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        return self


class Store:
    """A citygraph store: one named graph per article plus the ontology graph.

    Use :func:`open_store`, preferably as a context manager. Queries see the
    union of all graphs as their default graph.
    """

    def __init__(self, inner: ox.Store, *, location: str, read_only: bool = False) -> None:
        self._inner: ox.Store | None = inner
        self.location = location
        self.read_only = read_only
        self._write_lock = threading.Lock()

    # -- life cycle --

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (and with it the on-disk lock). Safe to call twice."""
        if self._inner is not None:
            if not self.read_only and self.location != MEMORY:
                self._inner.flush()
            self._inner = None

    @property
    def inner(self) -> ox.Store:
        """The pyoxigraph store, for code that needs an API this class does not wrap."""
        if self._inner is None:
            raise StoreError(f"store {self.location} is closed")
        return self._inner

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"store {self.location} was opened read-only")
        return self.inner

    # -- writing --

    def replace_article(self, article_id: str, graph: rdflib.Graph) -> None:
        """Rewrite one article's named graph in a single transaction.

        Dropping and rewriting, not diffing, keeps re-import idempotent and lets
        an improved extractor retract facts it no longer finds. The graph's own
        identifier is ignored: the target is always :func:`article_graph_iri`.
        """
        target = ox.NamedNode(str(article_graph_iri(article_id)))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in graph]
        self._replace_graph(target, quads)

    def replace_graph(self, name: str | URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Rewrite one derived named graph (e.g. the consolidation graph) in a single transaction.

        The same staging mechanism as :meth:`replace_article`: readers see the
        old graph or the new one, never a mix. Article graphs and the ontology
        graph have their own writers and are refused (ValueError).
        """
        target = self._derived(name)
        self._replace_graph(target, [ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in triples])

    def add_to_graph(self, name: str | URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Add triples to a derived graph or a staging graph (one transaction); refused as replace_graph refuses."""
        target = self._derived(name, staging_ok=True)
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in triples]
        if quads:
            with self._write_lock:
                self._guarded(self._writable().extend, quads)

    def remove_graph(self, name: str | URIRef) -> None:
        """Delete a derived or staging graph (one transaction); no error if it is absent."""
        target = self._derived(name, staging_ok=True)
        with self._write_lock:
            self._guarded(self._writable().remove_graph, target)

    @staticmethod
    def new_staging_graph() -> str:
        """A fresh staging graph IRI (see the module-level :func:`new_staging_graph`)."""
        return new_staging_graph()

    def select_staged(self, name: str, staging: str) -> list[dict[str, Any]]:
        """:meth:`select_rq` of a query that reads a staging graph, named ``<urn:citygraph:staging>`` in its text."""
        return self._select(with_staging(read_rq(name), staging), name)

    def update_staged(self, name: str, staging: str) -> None:
        """Run ``queries/{name}.ru``, in one transaction, with ``<urn:citygraph:staging>`` standing for ``staging``."""
        update = with_staging(read_rq(f"{name}.ru"), staging)
        with self._write_lock:
            self._guarded(self._writable().update, update)

    def update_rq(self, name: str) -> None:
        """Run ``queries/{name}.ru`` (a fixed update request, nothing pasted in) in one transaction."""
        with self._write_lock:
            self._guarded(self._writable().update, read_rq(f"{name}.ru"))

    def _derived(self, name: str | URIRef, *, staging_ok: bool = False) -> ox.NamedNode:
        iri = str(name)
        if iri.startswith(_STAGING_PREFIX) and staging_ok:
            return ox.NamedNode(iri)
        if iri.startswith(ARTICLE_GRAPH_PREFIX) or iri == str(ONTOLOGY_GRAPH) or iri.startswith(_STAGING_PREFIX):
            raise ValueError(f"{iri} is written by its own method, not as a derived graph")
        return ox.NamedNode(iri)

    def remove_article(self, article_id: str) -> None:
        """Delete an article's graph (one transaction); no error if it is absent."""
        self._guarded(self._writable().remove_graph, ox.NamedNode(str(article_graph_iri(article_id))))

    def _replace_graph(self, target: ox.NamedNode, quads: list[ox.Quad]) -> None:
        with self._write_lock:
            self._replace_graph_locked(target, quads)

    def write_articles(self, articles: Iterable[tuple[str, Iterable[Any]]], *, bulk: bool = False) -> WriteCounts:
        """Write many articles' graphs, each all-or-nothing; the result is as if each were replaced in turn.

        ``articles`` holds ``(article_id, triples)`` pairs; a triple is a
        pyoxigraph ``Triple`` or ``Quad`` (its graph is ignored) or a tuple of
        three terms :func:`to_ox` accepts. An id given twice keeps its last
        graph, as two replaces in a row would. An article new to the store is
        added in one transaction (``bulk=True``: all new ones through the bulk
        loader, guarded by a pending graph, see the module notes); a stored
        article whose graph is unchanged is not written; a changed one is
        replaced in one transaction, through a staging graph.
        """
        latest: dict[str, _Pending] = {}
        for article_id, triples in articles:
            target = ox.NamedNode(str(article_graph_iri(article_id)))
            latest.pop(article_id, None)  # re-inserted last: the later copy wins and keeps its place
            latest[article_id] = _Pending(target, quads=[_as_quad(item, target) for item in triples])
        return self._write(latest, bulk)

    def write_article_nquads(self, articles: Iterable[tuple[str, bytes]], *, bulk: bool = False) -> WriteCounts:
        """:meth:`write_articles` for graphs already serialised as N-Quads (what ingest's workers send).

        Each payload must hold the article's graph with every quad in
        :func:`article_graph_iri` of its id, as
        :func:`citygraph.ingest.extract_article` makes it; a payload for a
        stored article is parsed and checked (ValueError), a new article's is
        handed to Oxigraph's loader unread, which is what makes this path fast.
        With ``bulk=True`` the new articles' payloads are given to the bulk
        loader as one N-Quads input: N-Quads has no prefixes, base or other
        document state, so whole serialisations one after the other are
        exactly the union of their quads (no data is pasted into syntax).
        """
        latest: dict[str, _Pending] = {}
        for article_id, payload in articles:
            target = ox.NamedNode(str(article_graph_iri(article_id)))
            latest.pop(article_id, None)
            latest[article_id] = _Pending(target, nquads=payload)
        return self._write(latest, bulk)

    def write_article_shard(self, article_ids: Sequence[str], path: str | os.PathLike[str], *,
                            bulk: bool = False) -> WriteCounts:
        """Write the articles of one N-Quads file (a shard of ``citygraph.distributed``).

        ``article_ids`` names every article the file holds, in order; each quad
        must be in the graph of one of them (checked unless bulk loading, see
        below). With ``bulk=True`` and none of the articles in the store yet,
        the file goes to the bulk loader whole, under a pending graph naming
        their graphs (see the module notes); otherwise it is parsed and
        written as :meth:`write_articles` would.
        """
        store = self._writable()
        targets = [ox.NamedNode(str(article_graph_iri(i))) for i in article_ids]
        if bulk and len(set(article_ids)) == len(article_ids) and not any(
            self._guarded(store.contains_named_graph, t) for t in targets
        ):
            with self._write_lock:
                marker = ox.NamedNode(_PENDING_PREFIX + uuid.uuid4().hex)
                self._guarded(store.extend, [ox.Quad(marker, _PENDING_FOR, t, marker) for t in targets])
                self._guarded(_bulk_load_path, store, Path(path))
                self._guarded(store.remove_graph, marker)
            return WriteCounts(added=len(targets))
        by_graph: dict[ox.NamedNode, list[ox.Quad]] = {t: [] for t in targets}
        for quad in ox.parse(path=Path(path), format=ox.RdfFormat.N_QUADS):
            bucket = by_graph.get(quad.graph_name)  # type: ignore[call-overload]
            if bucket is None:
                raise ValueError(f"{path}: a quad in {quad.graph_name}, which is no article the shard lists")
            bucket.append(quad)
        return self.write_articles((i, by_graph[t]) for i, t in zip(article_ids, targets, strict=True))

    def _write(self, latest: Mapping[str, _Pending], bulk: bool) -> WriteCounts:
        store = self._writable()
        counts = WriteCounts()
        fresh: list[_Pending] = []
        with self._write_lock:
            for pending in latest.values():
                target = pending.target
                if not self._guarded(store.contains_named_graph, target):
                    if pending.empty():
                        counts.unchanged += 1
                        continue
                    counts.added += 1
                    if bulk:
                        fresh.append(pending)
                    elif pending.nquads is not None:
                        self._guarded(store.load, pending.nquads, ox.RdfFormat.N_QUADS)
                    else:
                        self._guarded(store.extend, pending.parsed())
                    continue
                quads = pending.parsed()
                if _unchanged(self._guarded(store.quads_for_pattern, None, None, None, target), quads):
                    counts.unchanged += 1
                else:
                    self._replace_graph_locked(target, quads)
                    counts.replaced += 1
            if fresh:
                self._bulk_add(fresh)
        return counts

    def _bulk_add(self, fresh: Sequence[_Pending]) -> None:
        """Bulk-load articles absent from the store, under a pending graph naming them (write lock held)."""
        store = self._writable()
        marker = ox.NamedNode(_PENDING_PREFIX + uuid.uuid4().hex)
        self._guarded(store.extend, [ox.Quad(marker, _PENDING_FOR, p.target, marker) for p in fresh])
        payloads = [p.nquads for p in fresh if p.nquads is not None]
        if payloads:
            self._guarded(_bulk_load_bytes, store, b"".join(payloads))
        parsed = [q for p in fresh if p.nquads is None for q in p.parsed()]
        if parsed:
            self._guarded(store.bulk_extend, parsed)
        self._guarded(store.remove_graph, marker)

    def flush(self) -> None:
        """Write memory buffers to disk; keeps the write-ahead log, and readers' opening time, short."""
        if self.location != MEMORY:
            self._guarded(self._writable().flush)

    def _replace_graph_locked(self, target: ox.NamedNode, quads: list[ox.Quad]) -> None:
        store = self._writable()
        if not quads:
            self._guarded(store.remove_graph, target)
            return
        if not self._guarded(store.contains_named_graph, target):
            # Nothing to replace: one extend is one transaction, a third of the writes of staging.
            self._guarded(store.extend, quads)
            return
        # A fresh staging graph per call: reusing one name would leave RocksDB
        # scanning an ever longer run of deletion tombstones (measured: ingest
        # time per article grew linearly with the number of articles).
        staging = ox.NamedNode(_STAGING_PREFIX + uuid.uuid4().hex)
        staged = [ox.Quad(q.subject, q.predicate, q.object, staging) for q in quads]
        staged.append(ox.Quad(staging, _STAGED_FOR, target, staging))
        # The only text put into the request: our own staging IRI, hex digits,
        # in its N-Triples form. Article-derived IRIs reach it as data.
        update = read_rq("replace_graph.ru").replace(str(_STAGING), str(staging))
        self._guarded(store.extend, staged)
        self._guarded(store.update, update)

    def _repair_pending(self) -> None:
        """Remove what a bulk write interrupted by a crash left: every graph a pending graph names.

        Those graphs were absent before the write (only new articles are bulk
        loaded), so removing them restores the state before it; the run that
        was interrupted adds them again when re-run.
        """
        store = self._writable()
        for graph in list(store.named_graphs()):
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(_PENDING_PREFIX):
                for quad in list(store.quads_for_pattern(graph, _PENDING_FOR, None, graph)):
                    if isinstance(quad.object, ox.NamedNode):
                        self._guarded(store.remove_graph, quad.object)
                self._guarded(store.remove_graph, graph)

    def leftovers(self) -> list[str]:
        """Staging and pending graphs in the store: what an interrupted write left (empty after a writable open)."""
        return sorted(
            g.value for g in self.inner.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith((_STAGING_PREFIX, _PENDING_PREFIX))
        )


    def _remove_stale_staging(self) -> None:
        """Drop staging graphs a crash left between the two steps of a replace."""
        store = self._writable()
        for graph in list(store.named_graphs()):
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(_STAGING_PREFIX):
                self._guarded(store.remove_graph, graph)

    def _guarded(self, operation: Any, *args: Any) -> Any:
        try:
            return operation(*args)
        except OSError as e:
            raise StoreError(f"store {self.location}: {e}") from e

    def ensure_ontology(self) -> bool:
        """Load citygraph.ttl and domains.ttl into the ontology graph if they changed.

        Cheap when nothing changed: one hash of two small files compared with
        the ``schema:sha256`` the graph carries. Returns True if it (re)loaded.
        """
        store = self._writable()
        folder = ontology_dir()
        blobs = [(name, (folder / name).read_bytes()) for name in ONTOLOGY_FILES]
        digest = hashlib.sha256()
        for name, blob in blobs:
            digest.update(name.encode() + b"\0" + blob + b"\0")
        stamp = ox.Literal(digest.hexdigest())
        current = [q.object for q in store.quads_for_pattern(_ONTOLOGY, _SHA256, None, _ONTOLOGY)]
        if current == [stamp]:
            return False
        quads = []
        blank: dict[str, ox.BlankNode] = {}

        def stable(term: Any) -> Any:
            """Blank nodes numbered in parse order, so every store holds the very same quads."""
            if isinstance(term, ox.BlankNode):
                return blank.setdefault(term.value, ox.BlankNode(f"ontology{len(blank)}"))
            return term

        for name, blob in blobs:
            for quad in ox.parse(blob, ox.RdfFormat.TURTLE, base_iri=f"file:///ontology/{name}"):
                quads.append(ox.Quad(stable(quad.subject), quad.predicate, stable(quad.object), _ONTOLOGY))
        quads.append(ox.Quad(_ONTOLOGY, _SHA256, stamp, _ONTOLOGY))
        self._replace_graph(_ONTOLOGY, quads)
        return True

    # -- reading --

    def _read(self, operation: Callable[[ox.Store], _T]) -> _T:
        """Run a whole read; on a read-only store a writer's compaction raced, reopen and run it again.

        RocksDB's read-only mode opens table files lazily, and a writer in
        another process may delete one (compaction) between the reader's open
        and its use. The read is then retried on a fresh open (a newer
        snapshot, every article still whole), a few times; what cannot be
        retried (an iteration already handed to the caller) raises StoreError.
        """
        for attempt in range(_READ_ONLY_ATTEMPTS):
            try:
                return operation(self.inner)
            except (OSError, RuntimeError) as e:
                if not _raced(e):
                    if isinstance(e, OSError):
                        raise StoreError(f"store {self.location}: {e}") from e
                    raise
                if not self.read_only or self.location == MEMORY or attempt == _READ_ONLY_ATTEMPTS - 1:
                    raise StoreError(f"store {self.location}: {e}; open it again") from e
                log.info("store %s changed under a read (%s); reading again", self.location, e)
                self._inner = _open_read_only(self.location)
        raise AssertionError("unreachable")  # pragma: no cover

    def has_article(self, article_id: str) -> bool:
        """Whether the article's graph is in the store (whole: every write of it is atomic)."""
        target = ox.NamedNode(str(article_graph_iri(article_id)))
        return self._read(lambda inner: inner.contains_named_graph(target))

    def article_ids(self) -> list[str]:
        """Ids of the articles in the store, as given at ingest, sorted."""
        graphs = self._read(lambda inner: list(inner.named_graphs()))
        ids = (article_id_from_graph(g.value) for g in graphs if isinstance(g, ox.NamedNode))
        return sorted(i for i in ids if i is not None)

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        """Run a SPARQL query over the union of all graphs.

        ``bindings`` maps variable names to values (rdflib or pyoxigraph terms,
        or Python str/int/float/bool/date); they are substituted through the
        API, never pasted into the text. A bound variable must be projected
        (Oxigraph's rule for substitutions). Returns pyoxigraph's
        ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.
        """
        return self._read(lambda inner: self._query_on(inner, sparql, bindings))

    def _query_on(self, inner: ox.Store, sparql: str, bindings: Mapping[str, Any] | None) -> Any:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            return inner.query(
                sparql,
                use_default_graph_as_union=True,
                prefixes=PREFIXES,
                substitutions=substitutions or None,
            )
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except RuntimeError as e:  # e.g. a substitution for a variable the query does not project
            if _raced(e):  # storage, not the query: left to _read
                raise
            raise QueryError(str(e)) from e

    def select_rq(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        """Run ``queries/{name}.rq`` and return its rows as dicts of Python values (None if unbound)."""
        return self._select(read_rq(name), name, bindings)

    def iter_rq(self, name: str, **bindings: Any) -> Iterator[dict[str, Any]]:
        """The rows of ``queries/{name}.rq`` one at a time, as :meth:`select_rq` gives them in a list.

        For readers of large answers (``citygraph list`` on a big store): the
        caller keeps what it needs of each row and no list of every row is
        built beside it. A writer's compaction racing the read is retried
        only before the first row; after it, the read fails with StoreError.
        """
        solutions = self._read(lambda inner: self._query_on(inner, read_rq(name), bindings))
        try:
            yield from solution_rows(solutions, name)
        except (OSError, RuntimeError) as e:
            raise StoreError(f"store {self.location}: {e}; read it again") from e

    def _select(self, text: str, name: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._read(lambda inner: list(solution_rows(self._query_on(inner, text, bindings), name)))

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.inner)

    def triple_count(self) -> int:
        """Number of quads in the store (every graph, the ontology graph included)."""
        return self._read(len)

    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the store to ``out``: ``trig``, ``nquads`` and ``jsonld`` keep the graphs,
        ``turtle`` writes their union (each distinct triple once)."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        try:
            if fmt == "turtle":
                triples = self.inner.query(read_rq("union"), use_default_graph_as_union=True)
                ox.serialize(triples, out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
            elif fmt == "trig":
                self.inner.dump(out, ox.RdfFormat.TRIG, prefixes=PREFIXES)
            else:
                self.inner.dump(out, EXPORT_FORMATS[fmt])
        except OSError as e:
            raise StoreError(f"store {self.location}: {e}") from e

    def to_dataset(self) -> rdflib.Dataset:
        """Every graph as an rdflib Dataset (for rdflib tools: compare, serialise, pySHACL)."""
        dataset = rdflib.Dataset()
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace)
        graphs: dict[str, rdflib.Graph] = {}
        batch: list[tuple[Any, Any, Any, rdflib.Graph]] = []
        for quad in self._read(list):
            name = quad.graph_name
            key = name.value if isinstance(name, ox.NamedNode | ox.BlankNode) else ""
            if key not in graphs:
                graphs[key] = dataset.graph(to_rdflib(name)) if key else dataset.default_graph
            batch.append((*_triple(quad), graphs[key]))
        dataset.addN(batch)
        return dataset

    def graph_of(self, article_id: str) -> rdflib.Graph:
        """One article's graph as an rdflib Graph."""
        name = article_graph_iri(article_id)
        graph = rdflib.Graph(identifier=name)
        pattern = ox.NamedNode(str(name))
        for quad in self._read(lambda inner: list(inner.quads_for_pattern(None, None, None, pattern))):
            graph.add(_triple(quad))
        return graph

    def union_graph(self, *, articles_only: bool = True) -> rdflib.Graph:
        """The union of the article graphs (or of every graph) as one rdflib Graph."""
        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for quad in self._read(list):
            name = quad.graph_name
            if articles_only and not (
                isinstance(name, ox.NamedNode) and name.value.startswith(ARTICLE_GRAPH_PREFIX)
            ):
                continue
            graph.add(_triple(quad))
        return graph

def _as_quad(item: Any, target: ox.NamedNode) -> ox.Quad:
    """A triple-like item as a quad in ``target``."""
    if isinstance(item, ox.Quad | ox.Triple):
        return ox.Quad(item.subject, item.predicate, item.object, target)
    s, p, o = item
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), target)  # type: ignore[arg-type]


class _Pending:
    """One article's graph waiting to be written: N-Quads bytes, quads, or both once parsed."""

    __slots__ = ("target", "nquads", "quads")

    def __init__(self, target: ox.NamedNode, *, nquads: bytes | None = None,
                 quads: list[ox.Quad] | None = None) -> None:
        self.target = target
        self.nquads = nquads
        self.quads = quads

    def empty(self) -> bool:
        return not self.nquads.strip() if self.nquads is not None else not self.quads

    def parsed(self) -> list[ox.Quad]:
        if self.quads is None:
            quads = list(ox.parse(self.nquads or b"", ox.RdfFormat.N_QUADS))
            if any(q.graph_name != self.target for q in quads):
                raise ValueError(f"N-Quads for {self.target.value} hold quads of another graph")
            self.quads = quads
        return self.quads


def _bulk_load_bytes(store: ox.Store, data: bytes) -> None:
    store.bulk_load(data, ox.RdfFormat.N_QUADS)


def _bulk_load_path(store: ox.Store, path: Path) -> None:
    store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)


def _unchanged(stored: Iterable[ox.Quad], quads: Sequence[ox.Quad]) -> bool:
    """True when the stored graph holds exactly ``quads`` (never for blank nodes, whose labels may differ)."""
    new = set(quads)
    if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in new):
        return False
    old = set()
    for quad in stored:
        if quad not in new:
            return False
        old.add(quad)
    return old == new


# ---- Opening ----


def resolve_location(location: str | os.PathLike[str] | None) -> str:
    """``location``, else ``$CITYGRAPH_STORE``, else ``./citygraph-store``."""
    if location is not None and str(location):
        return str(location)
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False,
               wait: float = 0.0) -> Store:
    """Open (creating if needed) the store at ``location``.

    A directory path is an embedded on-disk store; ``":memory:"`` an in-memory
    one. Opened for writing, the store gets the current ontology graph and loses
    any staging or half bulk write left by a crash. An ``http(s)://`` location
    is a remote SPARQL store (:func:`citygraph.remote.open_remote`). Raises
    :class:`StoreError` for a store another process holds or a path that is
    not a store.

    A store is held by one writing process at a time. With ``wait`` > 0 a
    held store is tried again (every half second at most) until it is free or
    ``wait`` seconds have passed. Read-only opens never wait: they do not need
    the lock (see the module notes on readers).
    """
    where = resolve_location(location)
    if where.startswith(("http://", "https://")):
        from citygraph.remote import open_remote  # here, not at the top: remote.py imports this module

        return open_remote(where, read_only=read_only)  # type: ignore[return-value]
    deadline = time.monotonic() + max(wait, 0.0)
    pause = 0.05
    while True:
        try:
            inner = _open_inner(where, read_only)
            break
        except _Locked as e:
            left = deadline - time.monotonic()
            if left <= 0:
                if wait > 0:
                    raise StoreError(f"store {where} is still in use by another process after waiting "
                                     f"{wait:g} s; try again when it has finished") from e.__cause__
                raise StoreError(f"store {where} is in use by another process; wait for it to finish") from e.__cause__
            time.sleep(min(pause, left))
            pause = min(pause * 2, _WAIT_STEP)
    store = Store(inner, location=where, read_only=read_only and where != MEMORY)
    if not store.read_only:
        store._repair_pending()
        store._remove_stale_staging()
        store.ensure_ontology()
    return store


#: Attempts at a read-only open that races a writer's compaction (see _open_read_only).
_READ_ONLY_ATTEMPTS = 20


def _open_read_only(where: str, opener: Callable[[str], ox.Store] = ox.Store.read_only) -> ox.Store:
    """``Store.read_only``, tried again while a writer's compaction removes files under it.

    A read-only open lists the store's files, then opens them; a writer
    compacting meanwhile may delete one in between, and RocksDB reports
    "No such file" or "Corruption ... may be corrupted" (measured: 2 to 3 opens
    in 100 while an ingest runs). Nothing is wrong with the store: the next
    attempt reads the new file list.
    """
    pause = 0.02
    for attempt in range(_READ_ONLY_ATTEMPTS):
        try:
            return opener(where)
        except (OSError, RuntimeError) as e:
            if not _raced(e) or attempt == _READ_ONLY_ATTEMPTS - 1:
                if _raced(e):
                    raise StoreError(f"store {where} kept changing while it was opened (another process is "
                                     "writing it); try again") from e
                if isinstance(e, RuntimeError):
                    raise StoreError(f"cannot open store {where}: {e}") from e
                raise
            log.info("store %s changed while being opened (%s); opening again", where, e)
            time.sleep(pause)
            pause = min(pause * 2, _WAIT_STEP)
    raise AssertionError("unreachable")  # pragma: no cover


def _raced(error: Exception) -> bool:
    text = str(error)
    return "No such file or directory" in text or "Corruption" in text


class _Locked(Exception):
    """The on-disk store is held by another process (internal: open_store retries or says so)."""


def _open_inner(where: str, read_only: bool) -> ox.Store:
    try:
        if where == MEMORY:
            return ox.Store()
        if read_only:
            if not Path(where).is_dir():
                raise StoreError(f"no store at {where}; ingest something first")
            return _open_read_only(where)
        Path(where).mkdir(parents=True, exist_ok=True)
        return ox.Store(where)
    except OSError as e:
        if "lock" in str(e).lower():
            raise _Locked(str(e)) from e
        raise StoreError(f"cannot open store {where}: {e}") from e


def iter_article_graphs(store: Store) -> Iterable[tuple[str, rdflib.Graph]]:
    """Each article id with its graph, in id order (for exports and checks)."""
    for article_id in store.article_ids():
        yield article_id, store.graph_of(article_id)
