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
RocksDB's lock allows one writer.

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
import os
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
import rdflib
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.namespace import SDO

from citygraph.defaults import DEFAULT_STORE, STORE_ENV
from citygraph.errors import QueryError, StoreError
from citygraph.rdf import article_graph_iri, article_id_from_graph
from citygraph.vocab import ARTICLE_GRAPH_PREFIX, ONTOLOGY_GRAPH, PREFIXES

MEMORY = ":memory:"

#: The ontology files loaded into the store's ontology graph (shapes.ttl is not data).
ONTOLOGY_FILES = ("citygraph.ttl", "domains.ttl", "analysis.ttl")

#: Placeholder for the staging graph in queries/replace_graph.ru; each replace uses a fresh one.
_STAGING = ox.NamedNode("urn:citygraph:staging")
_STAGING_PREFIX = "urn:citygraph:staging:"
_STAGED_FOR = ox.NamedNode("urn:citygraph:stagedFor")
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


# ---- The store ----


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
        iri = str(name)
        if iri.startswith(ARTICLE_GRAPH_PREFIX) or iri == str(ONTOLOGY_GRAPH) or iri.startswith(_STAGING_PREFIX):
            raise ValueError(f"{iri} is written by its own method, not replace_graph")
        target = ox.NamedNode(iri)
        self._replace_graph(target, [ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in triples])

    def remove_article(self, article_id: str) -> None:
        """Delete an article's graph (one transaction); no error if it is absent."""
        self._guarded(self._writable().remove_graph, ox.NamedNode(str(article_graph_iri(article_id))))

    def _replace_graph(self, target: ox.NamedNode, quads: list[ox.Quad]) -> None:
        store = self._writable()
        if not quads:
            self._guarded(store.remove_graph, target)
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
        with self._write_lock:
            self._guarded(store.extend, staged)
            self._guarded(store.update, update)

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

    def article_ids(self) -> list[str]:
        """Ids of the articles in the store, as given at ingest, sorted."""
        graphs = self.inner.named_graphs()
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
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            return self.inner.query(
                sparql,
                use_default_graph_as_union=True,
                prefixes=PREFIXES,
                substitutions=substitutions or None,
            )
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except RuntimeError as e:  # e.g. a substitution for a variable the query does not project
            raise QueryError(str(e)) from e
        except OSError as e:
            raise StoreError(f"store {self.location}: {e}") from e

    def select_rq(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        """Run ``queries/{name}.rq`` and return its rows as dicts of Python values (None if unbound)."""
        solutions = self.query(read_rq(name), bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError(f"query {name!r} is not a SELECT query")
        names = [v.value for v in solutions.variables]
        return [{n: to_python(solution[n]) for n in names} for solution in solutions]

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.inner)

    def triple_count(self) -> int:
        """Number of quads in the store (every graph, the ontology graph included)."""
        return len(self.inner)

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
        for quad in self.inner:
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
        for quad in self.inner.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            graph.add(_triple(quad))
        return graph

    def union_graph(self, *, articles_only: bool = True) -> rdflib.Graph:
        """The union of the article graphs (or of every graph) as one rdflib Graph."""
        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for quad in self.inner:
            name = quad.graph_name
            if articles_only and not (
                isinstance(name, ox.NamedNode) and name.value.startswith(ARTICLE_GRAPH_PREFIX)
            ):
                continue
            graph.add(_triple(quad))
        return graph


# ---- Opening ----


def resolve_location(location: str | os.PathLike[str] | None) -> str:
    """``location``, else ``$CITYGRAPH_STORE``, else ``./citygraph-store``."""
    if location is not None and str(location):
        return str(location)
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``location``.

    A directory path is an embedded on-disk store; ``":memory:"`` an in-memory
    one. Opened for writing, the store gets the current ontology graph and loses
    any staging left by a crash. Raises :class:`StoreError` for a remote URL
    (not supported yet), a store another process holds, or a path that is not
    a store.
    """
    where = resolve_location(location)
    if where.startswith(("http://", "https://")):
        raise StoreError(f"remote stores are not supported yet: {where}; use a directory")
    try:
        if where == MEMORY:
            inner = ox.Store()
        elif read_only:
            if not Path(where).is_dir():
                raise StoreError(f"no store at {where}; ingest something first")
            inner = ox.Store.read_only(where)
        else:
            Path(where).mkdir(parents=True, exist_ok=True)
            inner = ox.Store(where)
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreError(f"store {where} is in use by another process; wait for it to finish") from e
        raise StoreError(f"cannot open store {where}: {e}") from e
    store = Store(inner, location=where, read_only=read_only and where != MEMORY)
    if not store.read_only:
        store._remove_stale_staging()
        store.ensure_ontology()
    return store


def iter_article_graphs(store: Store) -> Iterable[tuple[str, rdflib.Graph]]:
    """Each article id with its graph, in id order (for exports and checks)."""
    for article_id in store.article_ids():
        yield article_id, store.graph_of(article_id)
