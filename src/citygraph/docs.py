"""The ontology reference: HTML pages generated from ``ontology/*.ttl``, and the model as a diagram.

``make docs`` (``python -m citygraph.docs docs/ontology``) writes one page per
OWL ontology file: ``index.html`` for ``citygraph.ttl`` (with the concept
schemes of ``domains.ttl`` and the SHACL shapes of ``shapes.ttl``), and
``<stem>.html`` for any other (``analysis.html``). The output depends on the
Turtle files only (no dates, sorted everywhere), so a rebuild of unchanged
files gives the same bytes and a test can hold the committed pages to it.

Why not pyLODE: 3.4.1, the current release, fails on import (it looks for its
own pyproject.toml); 3.3.x runs but fuses our two labels into one heading
("agreementkerja sama") and makes anchors from labels with numeric suffixes
("forum1"). Here every term's anchor is its IRI's fragment (``#Agreement``,
``#party``), so ``https://w3id.org/citygraph/ontology#party``, redirected to
this page, lands on the definition; both labels are shown side by side. The
page needs no script and no network (one inline style sheet).

:func:`model_edges` and :func:`mermaid_diagram` give the model as a picture:
classes, their datatype properties, and object properties as arrows between
classes. The README embeds the Mermaid text (GitHub draws it) and notebook 1
draws the edges with NetworkX.
"""

from __future__ import annotations

import argparse
import html
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import rdflib
from rdflib import OWL, RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SH, SKOS

from citygraph.store import ontology_dir
from citygraph.vocab import PREFIXES

#: Files that are not OWL ontologies of their own: documented on the main page.
CONCEPTS_FILE = "domains.ttl"
SHAPES_FILE = "shapes.ttl"
MAIN_FILE = "citygraph.ttl"

_EXTRA_PREFIXES = {
    "dcterms": str(DCTERMS),
    "sh": str(SH),
    "cga": "https://w3id.org/citygraph/analysis#",
    "cgsh": "https://w3id.org/citygraph/shapes#",
}
#: Links of the model made with reused vocabularies (PROV-O, ORG), which
#: citygraph.ttl uses but does not declare; drawn in the diagram so that the
#: provenance and the officials are not missing from the picture.
REUSED_EDGES = (
    ("Agreement", "prov:wasDerivedFrom", "Article"),
    ("Attestation", "prov:wasDerivedFrom", "Article"),
    ("Person", "org:holds", "Post"),
    ("Post", "org:postIn", "Place"),
    ("ReferenceTie", "prov:wasGeneratedBy", "ReferenceImport"),
)
_KINDS = (
    ("class", "Classes", (OWL.Class, RDFS.Class)),
    ("object", "Object properties", (OWL.ObjectProperty,)),
    ("datatype", "Datatype properties", (OWL.DatatypeProperty,)),
    ("annotation", "Annotation properties", (OWL.AnnotationProperty,)),
)


# ---- Reading the ontology ----


@dataclass
class Term:
    """One class or property, with what the page says about it."""

    iri: str
    local: str  # the IRI's fragment: the anchor
    kind: str  # class, object, datatype, annotation
    labels: dict[str, str]
    comment: str
    supers: list[str] = field(default_factory=list)  # rendered HTML
    domain: str = ""
    range: str = ""
    disjoint: list[str] = field(default_factory=list)
    characteristics: list[str] = field(default_factory=list)
    subs: list[str] = field(default_factory=list)
    in_domain_of: list[str] = field(default_factory=list)
    in_range_of: list[str] = field(default_factory=list)


@dataclass
class Concept:
    anchor: str
    iri: str
    notation: str
    labels: dict[str, str]


@dataclass
class Scheme:
    anchor: str
    iri: str
    labels: dict[str, str]
    comment: str
    concepts: list[Concept]


@dataclass
class Constraint:
    path: str
    rule: str
    message: str


@dataclass
class Shape:
    anchor: str
    target: str
    comment: str
    message: str
    constraints: list[Constraint]


@dataclass
class Page:
    """Everything one HTML page shows."""

    file: str
    iri: str
    namespace: str
    labels: dict[str, str]
    comment: str
    version: str
    licence: str
    imports: list[str]
    terms: dict[str, list[Term]]
    schemes: list[Scheme] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    diagram: str = ""
    model: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # class, links, attributes


class _Namer:
    """Renders IRIs and class expressions as HTML: our terms as in-page links, others as CURIEs."""

    def __init__(self, graph: rdflib.Graph, namespace: str) -> None:
        self.graph = graph
        self.namespace = namespace
        self.prefixes = sorted({**PREFIXES, **_EXTRA_PREFIXES}.items(), key=lambda kv: -len(kv[1]))

    def curie(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def link(self, node: rdflib.term.Node) -> str:
        if isinstance(node, BNode):
            return self._expression(node)
        iri = str(node)
        text = html.escape(self.curie(iri))
        if iri.startswith(self.namespace):
            return f'<a href="#{html.escape(iri[len(self.namespace):])}"><code>{text}</code></a>'
        return f'<a href="{html.escape(iri)}"><code>{text}</code></a>'

    def _expression(self, node: BNode) -> str:
        for operator, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
            members = self.graph.value(node, operator)
            if members is not None:
                return word.join(self.link(m) for m in Collection(self.graph, members))
        return "<em>(an anonymous class)</em>"

    def links(self, nodes: Iterable[rdflib.term.Node]) -> list[str]:
        return [self.link(n) for n in sorted(nodes, key=str)]


def _labels(graph: rdflib.Graph, node: rdflib.term.Node, predicate: URIRef = RDFS.label) -> dict[str, str]:
    found: dict[str, str] = {}
    for label in sorted(graph.objects(node, predicate), key=str):
        if isinstance(label, Literal):
            found.setdefault(label.language or "", str(label))
    return found


def _comment(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    comments = _labels(graph, node, RDFS.comment)
    return comments.get("en") or next(iter(comments.values()), "")


def read_terms(graph: rdflib.Graph, ontology: URIRef, namespace: str) -> dict[str, list[Term]]:
    """The ontology's classes and properties by kind, sorted by local name."""
    namer = _Namer(graph, namespace)
    terms: dict[str, list[Term]] = {kind: [] for kind, _, _ in _KINDS}
    ours = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(namespace)}, key=str)
    by_iri: dict[str, Term] = {}
    for node in ours:
        types = set(graph.objects(node, RDF.type))
        kind = next((k for k, _, classes in _KINDS if types & set(classes)), None)
        if kind is None:
            continue
        term = Term(
            iri=str(node), local=str(node)[len(namespace):], kind=kind, labels=_labels(graph, node),
            comment=_comment(graph, node),
            supers=namer.links(graph.objects(node, RDFS.subPropertyOf if kind != "class" else RDFS.subClassOf)),
            domain=" ; ".join(namer.links(graph.objects(node, RDFS.domain))),
            range=" ; ".join(namer.links(graph.objects(node, RDFS.range))),
            disjoint=namer.links(graph.objects(node, OWL.disjointWith)),
            characteristics=sorted(
                namer.curie(str(t)).split(":", 1)[1] for t in types
                if t in (OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.TransitiveProperty,
                         OWL.SymmetricProperty)
            ),
        )
        terms[kind].append(term)
        by_iri[term.iri] = term
    for term in by_iri.values():
        node = URIRef(term.iri)
        for parent in graph.objects(node, RDFS.subClassOf):
            if str(parent) in by_iri:
                by_iri[str(parent)].subs.append(namer.link(node))
        for predicate, attribute in ((RDFS.domain, "in_domain_of"), (RDFS.range, "in_range_of")):
            for value in graph.objects(node, predicate):
                for cls in _members(graph, value):
                    if str(cls) in by_iri:
                        getattr(by_iri[str(cls)], attribute).append(namer.link(node))
    for term in by_iri.values():
        term.subs.sort()
        term.in_domain_of.sort()
        term.in_range_of.sort()
    return terms


def _members(graph: rdflib.Graph, node: rdflib.term.Node) -> list[rdflib.term.Node]:
    """A class, or the members of a union given as a blank node."""
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        return list(Collection(graph, union)) if union is not None else []
    return [node]


def read_schemes(graph: rdflib.Graph) -> list[Scheme]:
    """The SKOS concept schemes of domains.ttl with their concepts, sorted by notation."""
    schemes = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        slug = str(scheme).rstrip("/").rsplit("/", 1)[-1]
        concepts = [
            Concept(
                anchor=f"{slug}-{graph.value(c, SKOS.notation)}", iri=str(c),
                notation=str(graph.value(c, SKOS.notation)), labels=_labels(graph, c, SKOS.prefLabel),
            )
            for c in graph.subjects(SKOS.inScheme, scheme)
        ]
        concepts.sort(key=lambda c: c.notation)
        schemes.append(Scheme(anchor=f"scheme-{slug}", iri=str(scheme), labels=_labels(graph, scheme, SKOS.prefLabel),
                              comment=_comment(graph, scheme), concepts=concepts))
    return schemes


_RULES = (
    (SH.minCount, "at least {}"), (SH.maxCount, "at most {}"), (SH["class"], "each a {}"),
    (SH.datatype, "each a {}"), (SH.node, "each conforms to {}"), (SH.hasValue, "includes {}"),
    (SH.pattern, "matches <code>{}</code>"), (SH.minInclusive, "≥ {}"), (SH.maxInclusive, "≤ {}"),
    (SH.nodeKind, "each a {}"),
)


def read_shapes(graph: rdflib.Graph, namespace: str) -> list[Shape]:
    """The SHACL node shapes, each with its target and property constraints in words."""
    namer = _Namer(graph, namespace)
    shapes = []
    for shape in sorted(graph.subjects(RDF.type, SH.NodeShape), key=str):
        targets = [
            f"{word} {namer.link(t)}"
            for predicate, word in ((SH.targetClass, "every"), (SH.targetSubjectsOf, "every subject of"),
                                    (SH.targetObjectsOf, "every object of"), (SH.targetNode, "the node"))
            for t in sorted(graph.objects(shape, predicate), key=str)
        ]
        constraints = []
        for prop in graph.objects(shape, SH.property):
            path = graph.value(prop, SH.path)
            if isinstance(path, BNode):
                path_text = " / ".join(namer.link(p) for p in Collection(graph, path))
            else:
                path_text = namer.link(path) if path is not None else ""
            rules = []
            for predicate, template in _RULES:
                for value in sorted(graph.objects(prop, predicate), key=str):
                    text = html.escape(str(value)) if isinstance(value, Literal) else namer.link(value)
                    rules.append(template.format(text))
            if (prop, SH["or"], None) in graph:
                rules.append("one of several forms")
            if (prop, SH["not"], None) in graph:
                rules.append("not of a forbidden form")
            message = _labels(graph, prop, SH.message)
            constraints.append(Constraint(path_text, ", ".join(rules), message.get("en", "")))
        constraints.sort(key=lambda c: (c.path, c.rule))
        local = str(shape).rsplit("#", 1)[-1]
        shapes.append(Shape(anchor=f"shape-{local}", target=", ".join(targets) or "(used through sh:node)",
                            comment=_comment(graph, shape), message=_labels(graph, shape, SH.message).get("en", ""),
                            constraints=constraints))
    return shapes


# ---- The model as a picture ----


def model_edges(graph: rdflib.Graph, namespace: str) -> list[tuple[str, str, str]]:
    """``(domain class, property, range)`` for every object and datatype property, local names, sorted.

    A union domain gives one edge per member; a range outside the namespace is
    its CURIE's local part (``Concept``, ``string``); a union of datatypes reads
    ``date|gYearMonth|...``.
    """
    namer = _Namer(graph, namespace)
    edges = set()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            if not str(prop).startswith(namespace):
                continue
            ranges = [_short(namer, r, graph) for r in graph.objects(prop, RDFS.range)] or ["Thing"]
            for domain in graph.objects(prop, RDFS.domain):
                for cls in _members(graph, domain):
                    for target in ranges:
                        edges.add((_short(namer, cls, graph), str(prop)[len(namespace):], target))
    return sorted(edges)


def _short(namer: _Namer, node: rdflib.term.Node, graph: rdflib.Graph) -> str:
    if isinstance(node, BNode):
        return "|".join(_short(namer, m, graph) for m in _members_any(graph, node))
    return namer.curie(str(node)).split(":", 1)[-1]


def _members_any(graph: rdflib.Graph, node: BNode) -> list[rdflib.term.Node]:
    union = graph.value(node, OWL.unionOf)
    return list(Collection(graph, union)) if union is not None else []


def model_table(graph: rdflib.Graph, namespace: str) -> list[tuple[str, list[str], list[str]]]:
    """Per class of the ontology: its links (``property → class``) and its attributes (``property: type``)."""
    ours = {str(c)[len(namespace):] for c in graph.subjects(RDF.type, OWL.Class)
            if isinstance(c, URIRef) and str(c).startswith(namespace)}
    links: dict[str, list[str]] = defaultdict(list)
    attributes: dict[str, list[str]] = defaultdict(list)
    for domain, prop, target in model_edges(graph, namespace):
        if target in ours or target == "Concept":
            links[domain].append(f"{prop} → {target}")
        else:
            attributes[domain].append(f"{prop}: {target.replace('|', ' | ')}")
    for domain, prop, target in REUSED_EDGES:
        if domain in ours and target in ours:
            links[domain].append(f"{prop} → {target}")
    return [(cls, sorted(links[cls]), sorted(attributes[cls])) for cls in sorted(ours)]


def mermaid_diagram(graph: rdflib.Graph | None = None, namespace: str | None = None, *,
                    attributes: bool = True) -> str:
    """The model as a Mermaid class diagram: classes with datatype properties, arrows for the rest.

    Defaults to ``citygraph.ttl``. Classes are our own plus ``Concept`` (the SKOS
    concepts of domains.ttl); sub-class links within the ontology are drawn, and
    the :data:`REUSED_EDGES` whose ends are classes of this ontology.
    ``attributes=False`` leaves the datatype properties out: the small picture
    the README shows (the HTML reference lists them).
    """
    if graph is None or namespace is None:
        graph, ontology, namespace = _load(ontology_dir_path() / MAIN_FILE)
    ours = {str(c)[len(namespace):] for c in graph.subjects(RDF.type, OWL.Class)
            if isinstance(c, URIRef) and str(c).startswith(namespace)}
    boxes: dict[str, list[str]] = defaultdict(list)
    arrows = []
    for domain, prop, target in model_edges(graph, namespace):
        if target in ours or target == "Concept":
            arrows.append(f"  {domain} --> {target} : {prop}")
        else:
            boxes[domain].append(f"    {prop} {target.replace('|', ' or ')}")
    # Mermaid reads a colon in a relation label as a syntax error (mermaid-js issue 4488): prov:x -> "x (prov)"
    arrows += [f"  {d} --> {t} : {p.split(':')[1]} ({p.split(':')[0]})"
               for d, p, t in REUSED_EDGES if d in ours and t in ours]
    lines = ["classDiagram", "  direction LR"]
    for cls in sorted(ours | {"Concept"}):
        if attributes and boxes.get(cls):
            lines += [f"  class {cls} {{", *boxes[cls], "  }"]
        else:
            lines.append(f"  class {cls}")
    for child in sorted(set(graph.subjects(RDFS.subClassOf, None)), key=str):
        for parent in sorted(graph.objects(child, RDFS.subClassOf), key=str):
            if str(child).startswith(namespace) and str(parent).startswith(namespace):
                lines.append(f"  {str(parent)[len(namespace):]} <|-- {str(child)[len(namespace):]}")
    return "\n".join(lines + arrows) + "\n"


# ---- Writing pages ----


def ontology_dir_path() -> Path:
    return Path(str(ontology_dir()))


def _load(path: Path) -> tuple[rdflib.Graph, URIRef, str]:
    graph = rdflib.Graph().parse(path, format="turtle")
    ontologies = sorted(graph.subjects(RDF.type, OWL.Ontology), key=str)
    if not ontologies:
        raise ValueError(f"{path}: no owl:Ontology")
    ontology = ontologies[0]
    namespace = next((str(ns) for _, ns in graph.namespaces() if str(ns) in (f"{ontology}#", f"{ontology}/")),
                     f"{ontology}#")
    return graph, URIRef(ontology), namespace


def read_page(path: Path, *, concepts: Path | None = None, shapes: Path | None = None) -> Page:
    """What the page of one ontology file shows (with concept schemes and shapes for the main one)."""
    graph, ontology, namespace = _load(path)
    namer = _Namer(graph, namespace)
    page = Page(
        file=path.name, iri=str(ontology), namespace=namespace, labels=_labels(graph, ontology),
        comment=_comment(graph, ontology), version=str(graph.value(ontology, OWL.versionInfo) or ""),
        licence=" ".join(namer.links(graph.objects(ontology, DCTERMS.license))),
        imports=namer.links(graph.objects(ontology, OWL.imports)),
        terms=read_terms(graph, ontology, namespace),
        diagram=mermaid_diagram(graph, namespace),
        model=model_table(graph, namespace),
    )
    if concepts is not None:
        page.schemes = read_schemes(rdflib.Graph().parse(concepts, format="turtle"))
    if shapes is not None:
        page.shapes = read_shapes(rdflib.Graph().parse(shapes, format="turtle"), namespace)
    return page


def page_name(path: Path) -> str:
    return "index.html" if path.name == MAIN_FILE else f"{path.stem}.html"


def render_page(page: Page, others: Sequence[tuple[str, str]] = ()) -> str:
    """The HTML of one page; ``others`` are (file name, title) of the sibling pages, for the header."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                     lstrip_blocks=True, keep_trailing_newline=True)
    return environment.from_string(_TEMPLATE).render(page=page, kinds=_KINDS, others=others)


def build_docs(out_dir: str | Path, source_dir: str | Path | None = None) -> list[Path]:
    """Write one page per OWL ontology file of ``source_dir`` (default ``ontology/``) into ``out_dir``.

    Returns the pages written, ``index.html`` first. Files without an
    owl:Ontology (domains.ttl, shapes.ttl) appear on the main page.
    """
    source = Path(source_dir) if source_dir is not None else ontology_dir_path()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = sorted((p for p in source.glob("*.ttl") if p.name not in (CONCEPTS_FILE, SHAPES_FILE)),
                   key=lambda p: (p.name != MAIN_FILE, p.name))
    pages = []
    for path in files:
        extra = {"concepts": source / CONCEPTS_FILE, "shapes": source / SHAPES_FILE} if path.name == MAIN_FILE else {}
        pages.append((path, read_page(path, **{k: v for k, v in extra.items() if v.is_file()})))
    titles = [(page_name(path), page.labels.get("en", path.stem)) for path, page in pages]
    written = []
    for path, page in pages:
        target = out / page_name(path)
        target.write_text(render_page(page, titles), encoding="utf-8")
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m citygraph.docs [OUT_DIR]``: what ``make docs`` runs (default docs/ontology)."""
    parser = argparse.ArgumentParser(prog="python -m citygraph.docs", description=main.__doc__)
    parser.add_argument("out", nargs="?", default="docs/ontology", help="folder to write the pages to")
    parser.add_argument("--source", default=None, help="folder of the .ttl files (default: ontology/)")
    args = parser.parse_args(argv)
    build_docs(args.out, args.source)


_TEMPLATE = """\
{% macro heading(labels, fallback) -%}
{{ labels.get("en", fallback) }}{% if labels.get("id") %} <span class="id">/ {{ labels["id"] }}</span>{% endif %}
{%- endmacro %}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.labels.get("en", page.file) }}</title>
<!-- Generated by citygraph.docs from ontology/{{ page.file }}: do not edit; run `make docs`. -->
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 .id, h3 .id, td .id { color: #666; font-weight: normal; font-style: italic; }
section.term { border-top: 1px solid #ddd; padding-top: .5rem; margin-top: 1rem; }
table { border-collapse: collapse; } th, td { text-align: left; vertical-align: top; padding: .15rem .6rem .15rem 0; }
th { white-space: nowrap; color: #444; font-weight: 600; } code { font-size: .92em; }
pre { background: #f6f6f6; padding: .8rem; overflow-x: auto; font-size: .85em; }
nav a { margin-right: .6rem; } .toc { columns: 3; font-size: .92em; }
</style>
</head>
<body>
<nav>{% for name, title in others %}<a href="{{ name }}">{{ title }}</a>{% endfor %}</nav>
<h1 id="ontology">{{ heading(page.labels, page.file) }}</h1>
<table>
<tr><th>IRI</th><td><code>{{ page.iri }}</code></td></tr>
<tr><th>Namespace</th><td><code>{{ page.namespace }}</code></td></tr>
{% if page.version %}<tr><th>Version</th><td>{{ page.version }}</td></tr>{% endif %}
{% if page.licence %}<tr><th>Licence</th><td>{{ page.licence|safe }}</td></tr>{% endif %}
{% if page.imports %}<tr><th>Imports</th><td>{{ page.imports|join(", ")|safe }}</td></tr>{% endif %}
<tr><th>Source</th><td><code>ontology/{{ page.file }}</code></td></tr>
</table>
<p>{{ page.comment }}</p>

<h2 id="contents">Contents</h2>
<ul>
<li><a href="#model">The model</a></li>
{% for kind, title, _ in kinds if page.terms[kind] %}
<li><a href="#{{ kind }}-terms">{{ title }}</a> ({{ page.terms[kind]|length }})</li>
{% endfor %}
{% if page.schemes %}<li><a href="#schemes">Concept schemes</a> ({{ page.schemes|length }})</li>{% endif %}
{% if page.shapes %}<li><a href="#shapes">SHACL shapes</a> ({{ page.shapes|length }})</li>{% endif %}
</ul>
{% for kind, title, _ in kinds if page.terms[kind] %}
<p class="toc">{% for term in page.terms[kind] %}<a href="#{{ term.local }}">{{ term.local }}</a><br>{% endfor %}</p>
{% endfor %}

<h2 id="model">The model</h2>
<p>Each class with the links its properties make to other classes (object properties, and the PROV-O
and ORG links the model reuses) and its attributes (datatype properties with their types).</p>
<table>
<tr><th>class</th><th>links</th><th>attributes</th></tr>
{% for cls, links, attributes in page.model %}
<tr><td><a href="#{{ cls }}"><code>{{ cls }}</code></a></td>
<td>{{ links|join(", ") }}</td><td>{{ attributes|join(", ") }}</td></tr>
{% endfor %}
</table>
<details><summary>The same as a Mermaid class diagram (the README draws it)</summary>
<pre class="mermaid">{{ page.diagram }}</pre>
</details>
{% for kind, title, _ in kinds if page.terms[kind] %}

<h2 id="{{ kind }}-terms">{{ title }}</h2>
{% for term in page.terms[kind] %}
<section class="term" id="{{ term.local }}">
<h3>{{ heading(term.labels, term.local) }}</h3>
<table>
<tr><th>IRI</th><td><code>{{ term.iri }}</code></td></tr>
<tr><th>Labels</th><td>
{%- for lang, label in term.labels|dictsort -%}
&ldquo;{{ label }}&rdquo;@{{ lang }}{{ ", " if not loop.last }}
{%- endfor -%}
</td></tr>
<tr><th>Description</th><td>{{ term.comment }}</td></tr>
{% if term.supers %}<tr><th>{{ "Sub-class of" if kind == "class" else "Sub-property of" }}</th>
<td>{{ term.supers|join(", ")|safe }}</td></tr>{% endif %}
{% if term.subs %}<tr><th>Super-class of</th><td>{{ term.subs|join(", ")|safe }}</td></tr>{% endif %}
{% if term.disjoint %}<tr><th>Disjoint with</th><td>{{ term.disjoint|join(", ")|safe }}</td></tr>{% endif %}
{% if term.domain %}<tr><th>Domain</th><td>{{ term.domain|safe }}</td></tr>{% endif %}
{% if term.range %}<tr><th>Range</th><td>{{ term.range|safe }}</td></tr>{% endif %}
{% if term.characteristics %}<tr><th>Characteristics</th><td>{{ term.characteristics|join(", ") }}</td></tr>{% endif %}
{% if term.in_domain_of %}<tr><th>Properties</th><td>{{ term.in_domain_of|join(", ")|safe }}</td></tr>{% endif %}
{% if term.in_range_of %}<tr><th>Value of</th><td>{{ term.in_range_of|join(", ")|safe }}</td></tr>{% endif %}
</table>
</section>
{% endfor %}
{% endfor %}
{% if page.schemes %}

<h2 id="schemes">Concept schemes</h2>
<p>From <code>ontology/domains.ttl</code>: each concept's <code>skos:notation</code> is the code used in
<code>citygraph list --format json</code>; its IRI ends with it.</p>
{% for scheme in page.schemes %}
<section class="term" id="{{ scheme.anchor }}">
<h3>{{ heading(scheme.labels, scheme.iri) }}</h3>
<p><code>{{ scheme.iri }}</code>{% if scheme.comment %}: {{ scheme.comment }}{% endif %}</p>
<table>
<tr><th>code</th><th>English</th><th>Indonesian</th></tr>
{% for concept in scheme.concepts %}
<tr id="{{ concept.anchor }}"><td><code>{{ concept.notation }}</code></td>
<td>{{ concept.labels.get("en", "") }}</td><td class="id">{{ concept.labels.get("id", "") }}</td></tr>
{% endfor %}
</table>
</section>
{% endfor %}
{% endif %}
{% if page.shapes %}

<h2 id="shapes">SHACL shapes</h2>
<p>From <code>ontology/shapes.ttl</code>: what <code>citygraph validate</code> checks;
each message is what a violation prints.</p>
{% for shape in page.shapes %}
<section class="term" id="{{ shape.anchor }}">
<h3><code>{{ shape.anchor[6:] }}</code></h3>
<p>Applies to {{ shape.target|safe }}.{% if shape.comment %} {{ shape.comment }}{% endif %}</p>
{% if shape.constraints %}
<table>
<tr><th>path</th><th>constraint</th><th>message</th></tr>
{% for c in shape.constraints %}
<tr><td>{{ c.path|safe }}</td><td>{{ c.rule|safe }}</td><td>{{ c.message }}</td></tr>
{% endfor %}
</table>
{% endif %}
</section>
{% endfor %}
{% endif %}
</body>
</html>
"""


if __name__ == "__main__":
    main()
