"""Ad-hoc SPARQL for ``citygraph query``: run any SELECT, ASK, CONSTRUCT or DESCRIBE.

Written to a file format (CSV, TSV, JSON, XML; Turtle and the other RDF
formats for graphs), an answer is streamed by pyoxigraph's own serialisers
(:func:`write_results`), so its size is bounded by the disk, not the
memory. For a table, or for callers that want rows, the answer is
materialised once (:func:`run_query`): solutions are kept as SPARQL 1.1
Results JSON and re-read by pyoxigraph's parser, so every format is the
standard one and no value is re-escaped by hand.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from citygraph.errors import QueryError
from citygraph.store import Store
from citygraph.vocab import PREFIXES

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@dataclass
class QueryResult:
    """One query's answer.

    ``kind`` is ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT, DESCRIBE).
    ``variables`` and ``rows`` give a table for any kind: the projected
    variables of a SELECT, ``["ask"]`` for ASK, ``["subject", "predicate",
    "object"]`` for graphs; cells are the term's value (IRI, lexical form) or
    None when unbound.
    """

    kind: str
    variables: list[str]
    rows: list[tuple[str | None, ...]]
    _results_json: bytes | None = field(default=None, repr=False)
    _triples: list[ox.Triple] = field(default_factory=list, repr=False)

    @property
    def boolean(self) -> bool | None:
        return (self.rows[0][0] == "true") if self.kind == "ask" else None

    def serialize(self, fmt: str) -> bytes:
        """``csv``, ``tsv``, ``json``, ``xml`` for SELECT/ASK; ``turtle``, ``ntriples``, ``jsonld``,
        ``rdfxml`` for CONSTRUCT/DESCRIBE."""
        target = _format_for(self.kind, fmt)
        if self.kind == "graph":
            return ox.serialize(self._triples, format=target, prefixes=PREFIXES)
        if self._results_json is None:  # only a hand-built QueryResult lacks it
            raise ValueError("this result holds no solutions to serialise")
        if fmt == "json":
            return self._results_json
        parsed = ox.parse_query_results(self._results_json, ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=target)


def _format_for(kind: str, fmt: str) -> ox.QueryResultsFormat | ox.RdfFormat:
    """pyoxigraph's format for writing an answer of ``kind`` as ``fmt``; ValueError if it has none."""
    formats = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    if fmt not in formats:
        name = "graph" if kind == "graph" else kind.upper()
        raise ValueError(f"a {name} result is written as {', '.join(formats)}, not {fmt!r}")
    return formats[fmt]


def _kind(answer: Any) -> str:
    """``select``, ``ask`` or ``graph``: what a query's answer (as :meth:`Store.query` returns it) is."""
    if isinstance(answer, ox.QuerySolutions):
        return "select"
    return "ask" if isinstance(answer, ox.QueryBoolean) else "graph"


def write_results(result: Any, fmt: str, out: IO[bytes]) -> None:
    """Write a query's answer to ``out`` as Oxigraph reads it: no answer is held whole in memory.

    ``result`` is what :meth:`Store.query` returns (``QuerySolutions``,
    ``QueryBoolean``, ``QueryTriples``, or a list of triples from a remote
    store). A SELECT of a million rows written as CSV took gigabytes when it
    was first collected as rows; streamed, the output is written as it comes.
    Raises ValueError, before writing anything, for a format this kind of
    answer is not written in. The output ends with a line break.
    """
    kind = _kind(result)
    target = _format_for(kind, fmt)
    tail = _Tail(out)
    if kind == "graph":
        ox.serialize(result, tail, format=target, prefixes=PREFIXES)
    else:
        result.serialize(tail, format=target)
    if tail.last != b"\n":
        out.write(b"\n")
    out.flush()


class _Tail(io.RawIOBase):
    """A binary writer passing everything on to ``out`` and remembering the last byte written."""

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__()
        self._out, self.last = out, b""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        data = bytes(data)
        if data:
            self._out.write(data)
            self.last = data[-1:]
        return len(data)


def read_query(source: str | Path) -> str:
    """The query text: the file's content if ``source`` names an existing ``.rq``/``.sparql`` file,
    else ``source`` itself (an inline query)."""
    path = Path(source)
    if path.suffix in (".rq", ".sparql") and path.is_file():
        return path.read_text(encoding="utf-8")
    if isinstance(source, Path):
        raise QueryError(f"no query file {source}")
    return source


def cell_text(term: object) -> str | None:
    """A result term as table text: the IRI or lexical form, ``_:id`` for a blank node, None when unbound."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


def run_query(store: Store, text: str | Path) -> QueryResult:
    """Run a query (inline text or a ``.rq`` file) over the union of the store's graphs.

    Raises :class:`QueryError` with the parser's message when the query is malformed.
    """
    return query_result(store.query(read_query(text)))


def query_result(result: Any) -> QueryResult:
    """A query's answer (as :meth:`Store.query` returns it) read whole, as a :class:`QueryResult`."""
    if isinstance(result, ox.QueryBoolean):
        payload = result.serialize(format=ox.QueryResultsFormat.JSON)
        value = "true" if bool(result) else "false"
        return QueryResult("ask", ["ask"], [(value,)], _results_json=payload)
    if isinstance(result, ox.QuerySolutions):
        payload = result.serialize(format=ox.QueryResultsFormat.JSON)
        parsed = ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
        variables = [v.value for v in parsed.variables]
        rows = [tuple(cell_text(solution[v]) for v in variables) for solution in parsed]
        return QueryResult("select", variables, rows, _results_json=payload)
    triples = list(result)
    rows = [(cell_text(t.subject), cell_text(t.predicate), cell_text(t.object)) for t in triples]
    return QueryResult("graph", ["subject", "predicate", "object"], rows, _triples=triples)
