"""Competency queries: the questions a researcher of city diplomacy asks, as SPARQL files.

Each question is one ``queries/examples/<name>.rq`` shipped with the package,
so ``citygraph query --example NAME`` works from any install and a notebook can
run the same file. The file's header comment is its documentation, read by
:func:`list_examples` (which is what ``--list-examples`` prints)::

    # <name>.rq: <the question, one line>
    #
    # <what the rows are, which choices the query makes, and why>
    #
    # Variables: <each projected variable and what it holds>

A header that does not follow this shape is an error (:class:`ExampleError`),
and ``tests/test_examples.py`` runs every file on a fixture graph and checks
its rows, so a question cannot be listed without an answer that is tested.

Values are passed as bindings (``run_example(store, "partners_by_year",
placeName="Bandung")``), never pasted into the text: a bound variable must be
one the query projects, and acts as a filter on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from citygraph.errors import QueryError
from citygraph.sparql import QueryResult, query_result
from citygraph.store import Store

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TITLE = re.compile(r"^# (?P<name>[a-z][a-z0-9_]*)\.rq: (?P<title>\S.*)$")


class ExampleError(QueryError):
    """No example of that name, or an example file whose header is malformed."""


@dataclass(frozen=True)
class Example:
    """One competency query: its name (the file stem), the question, and what it answers."""

    name: str
    title: str
    description: str


def _folder() -> Traversable:
    return resources.files("citygraph") / "queries" / "examples"


def example_path(name: str) -> Traversable:
    """The ``.rq`` file of the example ``name`` (a Traversable: a path in a checkout or a wheel)."""
    if not _NAME.match(name):
        raise ExampleError(f"not an example name: {name!r}; see `citygraph query --list-examples`")
    path = _folder() / f"{name}.rq"
    if not path.is_file():
        raise ExampleError(f"no example named {name!r}; see `citygraph query --list-examples`")
    return path


def example_text(name: str) -> str:
    """The SPARQL text of the example ``name``."""
    return example_path(name).read_text(encoding="utf-8")


def parse_header(name: str, text: str) -> Example:
    """The :class:`Example` a file's header comment describes.

    The first line names the file and asks the question; the comment lines up
    to the first line that is not a comment are the description, paragraphs
    kept (blank ``#`` lines separate them), lines within a paragraph joined.
    """
    lines = text.splitlines()
    first = _TITLE.match(lines[0]) if lines else None
    if first is None or first["name"] != name:
        raise ExampleError(f"{name}.rq: the first line must be '# {name}.rq: <the question>'")
    paragraphs: list[list[str]] = [[]]
    for line in lines[1:]:
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body:
            paragraphs[-1].append(body)
        elif paragraphs[-1]:
            paragraphs.append([])
    description = "\n\n".join(" ".join(p) for p in paragraphs if p)
    if not description:
        raise ExampleError(f"{name}.rq: the header needs a description after the question")
    return Example(name=name, title=first["title"], description=description)


def list_examples() -> list[Example]:
    """Every example, sorted by name, as its header describes it."""
    return list(_examples())


@lru_cache(maxsize=1)
def _examples() -> tuple[Example, ...]:
    names = sorted(p.name[:-3] for p in _folder().iterdir() if p.name.endswith(".rq"))
    return tuple(parse_header(name, example_text(name)) for name in names)


def example_answer(store: Store, name: str, **bindings: Any) -> Any:
    """Run one example and return the store's answer unread (``QuerySolutions`` for a SELECT), to stream it.

    Takes and raises what :func:`run_example` does.
    """
    answer = store.query(example_text(name), bindings)
    if bindings and not isinstance(answer, ox.QuerySolutions):
        raise ExampleError(f"example {name!r} is not a SELECT query; it takes no bindings")
    return answer


def run_example(store: Store, name: str, **bindings: Any) -> QueryResult:
    """Run one example over the store; ``bindings`` pre-bind projected variables.

    A binding is an rdflib or pyoxigraph term or a plain Python value (a str
    becomes a string literal: pass ``URIRef(...)`` for an IRI). Raises
    :class:`ExampleError` for an unknown name, :class:`QueryError` for a
    binding the query does not project.
    """
    return query_result(example_answer(store, name, **bindings))


def parse_binding(text: str) -> tuple[str, Any]:
    """``name=value`` from the command line: an ``http(s)://`` or ``urn:`` value is an IRI, else a string.

    For ``citygraph query --example NAME --bind place=https://…``.
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.match(name.lower()):
        raise ExampleError(f"a binding is NAME=VALUE, not {text!r}")
    if value.startswith(("http://", "https://", "urn:")):
        return name, URIRef(value)
    return name, value


