"""Check a graph against ``ontology/shapes.ttl`` with pySHACL.

The data graph is the union of the article graphs plus citygraph.ttl and
domains.ttl, so shapes can check coded values against their SKOS scheme
(``skos:inScheme``) and ``sh:class`` sees the subclasses of ``cg:Place``.
The ontology is added to the data by us, not passed as pySHACL's
``ont_graph``: pySHACL mixes in only class axioms from that graph, not the
concepts' ``skos:inScheme``. No inference is run: rdf.py asserts every type
the shapes need, which keeps validation fast and predictable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from citygraph.store import ONTOLOGY_FILES, Store, ontology_dir


@dataclass
class ValidationReport:
    """``conforms`` and one line per violation: ``focus node: message [path] (value)``, sorted."""

    conforms: bool
    violations: list[str] = field(default_factory=list)
    text: str = ""


@lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    """``ontology/shapes.ttl``, parsed once per process."""
    graph = rdflib.Graph()
    graph.parse(data=(ontology_dir() / "shapes.ttl").read_bytes(), format="turtle")
    return graph


@lru_cache(maxsize=1)
def ontology_graph() -> rdflib.Graph:
    """``citygraph.ttl`` and ``domains.ttl`` as one graph, parsed once per process."""
    graph = rdflib.Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(data=(ontology_dir() / name).read_bytes(), format="turtle")
    return graph


def validate_graph(data: rdflib.Graph, *, inplace: bool = False) -> ValidationReport:
    """Validate one rdflib graph against the shapes.

    The ontology is added to ``data`` first: to a copy, or to ``data`` itself
    when ``inplace`` (for a throw-away graph, saving the copy).
    """
    target = data if inplace else _copy(data)
    target += ontology_graph()
    conforms, results, text = shacl_validate(
        target,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        inplace=True,
    )
    return ValidationReport(bool(conforms), _violations(results), str(text))


def validate_store(store: Store) -> ValidationReport:
    """Validate the union of every graph: the articles' and the derived ones (consolidation, analysis)."""
    return validate_graph(store.union_graph(articles_only=False), inplace=True)


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    copy = rdflib.Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def _violations(results: rdflib.Graph) -> list[str]:
    lines = []
    # Only the report's own results: nested sh:detail results repeat them at the inner node.
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        line = f"{focus}: {message or 'constraint violated'}"
        if path is not None and not isinstance(path, rdflib.BNode):
            line += f" [{path}]"
        if value is not None:
            line += f" ({value!r})" if isinstance(value, rdflib.Literal) else f" ({value})"
        lines.append(line)
    return sorted(lines)
