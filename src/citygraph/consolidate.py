"""Cross-article consolidation: one agreement, however many articles report it.

Agreement IRIs are minted from content (sorted parties, instrument, date; see
:func:`citygraph.rdf.agreement_digest`), so articles that report one signing
the same way share one node. Articles that report it *differently* (one gives
``2016-06-08``, another ``--06-08`` without the year or only ``2016-06``, one
names the letter of intent, another just "a cooperation") make several nodes.
:func:`consolidate` reads every agreement node (``queries/agreement_reports.rq``),
groups the nodes that are one agreement and rewrites the consolidation graph
(:data:`citygraph.vocab.CONSOLIDATION_GRAPH`) in one transaction:

* ``member cg:sameAgreementAs canonical`` for every node of a group but its
  canonical node, the lexicographically smallest IRI of the group;
* on every canonical node (a group of one included) ``cg:corroboratingArticles``,
  ``cg:corroboratingOutlets`` and ``cg:corroboratingLanguages``;
* the ``cg:Consolidation`` activity (also a ``prov:Activity``): ``prov:used``
  every article in the store, ``cg:agreementCount`` groups; the graph is
  ``prov:wasGeneratedBy`` it. No time stamp, so the same data give the very
  same graph.

The article graphs are never touched: each keeps what its article said, and
the consolidation can be recomputed, or ignored, at any time. ``ingest`` runs
it after every batch; code that writes articles with
:meth:`Store.replace_article` directly should call :func:`consolidate` after.

When two nodes are one agreement
--------------------------------
Two nodes are *compatible* when

1. their party sets are equal;
2. their instruments are equal, or one of them is ``unspecified``;
3. their dates agree on every part both give (year, month, day): ``--06-08``
   fits ``2016-06-08``, ``2016`` fits ``2016-06``; a missing date fits any;
4. both or neither are planned (a node's status is the most advanced any of
   its articles gives, planned < signed < renewed): a plan never merges with a
   fact;
5. no article reports both: an article listing two agreements between the
   same parties says they are two (the extractor has already merged what one
   article says about one agreement).

Compatibility is not transitive (an ``unspecified`` report fits a letter of
intent and an MoU alike), so grouping follows a fixed rule:

* **ambiguous nodes stay alone.** A node compatible with two nodes that are
  not compatible with each other is attached to neither: no agreement is
  credited with a report that may be about another one. (Rejected: attaching
  it to the group of the smallest IRI, which is deterministic but arbitrary,
  and inflates one agreement's corroboration with a coin toss.)
* **the rest are grouped by compatibility** (connected components). With the
  ambiguous nodes out, every component is a clique: if ``a``-``b``-``c`` were a
  path with ``a`` and ``c`` incompatible, ``b`` would have been ambiguous. So
  all nodes of a group are pairwise compatible and the group has one
  consistent instrument, date and plan/fact status.

The rule depends only on the set of nodes and what they say, never on the
order in which articles were ingested or rows returned; every collection is
sorted before it is written.

Corroboration
-------------
Counted over the union of the articles of a group's nodes: **articles**,
distinct ids; **outlets**, the host of each article's ``cg:url`` (lower case,
a leading ``www.`` dropped, no port), and an article without a URL with a
host counts as an outlet of its own (nothing says two URL-less articles come
from one outlet, and its id is no outlet name); **languages**, distinct
``cg:language`` tags (case-folded); an article without one adds none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any
from urllib.parse import urlsplit

import rdflib
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import PROV

from citygraph.model import Instrument, Status
from citygraph.rdf import article_iri
from citygraph.store import Store
from citygraph.vocab import (
    CG,
    CONSOLIDATION_ACTIVITY,
    CONSOLIDATION_GRAPH,
    INSTRUMENT,
    PREFIXES,
    STATUS,
    concept_code,
)

#: planned < signed < renewed: the order of "most advanced".
STATUS_RANK: Mapping[str, int] = {Status.PLANNED.value: 0, Status.SIGNED.value: 1, Status.RENEWED.value: 2}
UNSPECIFIED = Instrument.UNSPECIFIED.value

_DATE_FORMS = (
    (re.compile(r"^--(\d{2})-(\d{2})$"), ("month", "day")),
    (re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})$"), ("year", "month", "day")),
    (re.compile(r"^(-?\d{4,})-(\d{2})$"), ("year", "month")),
    (re.compile(r"^(-?\d{4,})$"), ("year",)),
)


# ---- Dates of any precision ----


@dataclass(frozen=True)
class DateParts:
    """A date as the parts it gives; ``opaque`` holds a lexical form none of the four XSD shapes fits."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    opaque: str | None = None

    def precision(self) -> int:
        return sum(x is not None for x in (self.year, self.month, self.day))

    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``--MM-DD`` (what rdf.py writes)."""
        if self.opaque is not None:
            return self.opaque
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


def parse_date(text: str) -> DateParts:
    """Parts of an xsd:date, gYearMonth, gYear or gMonthDay lexical form; anything else is opaque."""
    for pattern, names in _DATE_FORMS:
        match = pattern.match(text)
        if match:
            return DateParts(**{n: int(v) for n, v in zip(names, match.groups(), strict=True)})
    return DateParts(opaque=text)


def dates_agree(a: DateParts | None, b: DateParts | None) -> bool:
    """True when no part both give differs (a missing date agrees with any)."""
    if a is None or b is None:
        return True
    if a.opaque is not None or b.opaque is not None:
        return a == b
    return all(x is None or y is None or x == y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))


def join_dates(dates: Iterable[DateParts]) -> DateParts | None:
    """The most precise date compatible with all of ``dates`` (each part from whichever gives it).

    When they do not all agree (which a group never contains), the most
    precise of them, ties broken by the smallest lexical form.
    """
    items = sorted(set(dates), key=lambda d: (-d.precision(), d.iso()))
    if not items:
        return None
    if any(not dates_agree(a, b) for a, b in combinations(items, 2)):
        return items[0]

    def part(name: str) -> int | None:
        return next((getattr(d, name) for d in items if getattr(d, name) is not None), None)

    return DateParts(part("year"), part("month"), part("day"))


# ---- What one node says ----


@dataclass(frozen=True)
class Report:
    """An article reporting an agreement node."""

    article: str
    url: str | None = None
    language: str | None = None

    @property
    def outlet(self) -> str:
        """The host of the URL (``news.example``); without one, a key of the article's own."""
        host = _host(self.url)
        return host if host else f"article:{self.article}"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") and len(host) > 4 else host


@dataclass
class AgreementNode:
    """One agreement node as the article graphs describe it (several values where articles differ)."""

    iri: str
    parties: set[str] = field(default_factory=set)
    instruments: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    reports: dict[str, Report] = field(default_factory=dict)

    @property
    def instrument(self) -> str:
        """The named instrument (the smallest code if, against the IRI scheme, there are two), else unspecified."""
        named = sorted(self.instruments - {UNSPECIFIED})
        return named[0] if named else UNSPECIFIED

    @property
    def status(self) -> str | None:
        """The most advanced status any article gives."""
        return most_advanced(self.statuses)

    @property
    def planned(self) -> bool:
        return self.status == Status.PLANNED.value

    @property
    def date(self) -> DateParts | None:
        return join_dates(parse_date(d) for d in self.dates)


def most_advanced(statuses: Iterable[str]) -> str | None:
    """planned < signed < renewed; unknown codes rank lowest, ties by code."""
    present = sorted(set(statuses))
    return max(present, key=lambda s: (STATUS_RANK.get(s, -1), s)) if present else None


def compatible(a: AgreementNode, b: AgreementNode) -> bool:
    """Can ``a`` and ``b`` be one agreement? (rules 1-5 of the module docstring)"""
    if a.parties != b.parties or a.planned != b.planned:
        return False
    return _fits(_Profile.of(a), _Profile.of(b))


@dataclass(frozen=True)
class _Profile:
    """What rules 2, 3 and 5 compare, computed once per node."""

    instrument: str
    date: DateParts | None
    articles: frozenset[str]

    @classmethod
    def of(cls, node: AgreementNode) -> _Profile:
        return cls(node.instrument, node.date, frozenset(node.reports))


def _fits(a: _Profile, b: _Profile) -> bool:
    if UNSPECIFIED not in (a.instrument, b.instrument) and a.instrument != b.instrument:
        return False
    if not dates_agree(a.date, b.date):
        return False
    return a.articles.isdisjoint(b.articles)


def read_agreements(store: Store) -> list[AgreementNode]:
    """Every agreement node with its parties, instrument, status, date and reports, sorted by IRI."""
    nodes: dict[str, AgreementNode] = {}
    for row in store.select_rq("agreement_reports"):
        iri = row["agreement"]
        node = nodes.get(iri) or nodes.setdefault(iri, AgreementNode(iri))
        if row["party"] is not None:
            node.parties.add(row["party"])
        if row["instrument"] is not None:
            node.instruments.add(concept_code(row["instrument"], INSTRUMENT) or row["instrument"])
        if row["status"] is not None:
            node.statuses.add(concept_code(row["status"], STATUS) or row["status"])
        if row["date"] is not None:
            node.dates.add(str(row["date"]))
        article = row["article"]
        if article is not None:
            seen = node.reports.get(article)
            url = _smallest(seen.url if seen else None, row["url"])
            language = _smallest(seen.language if seen else None, row["language"])
            node.reports[article] = Report(article, url, language)
    return [nodes[iri] for iri in sorted(nodes)]


def _smallest(a: Any, b: Any) -> Any:
    present = [str(v) for v in (a, b) if v is not None]
    return min(present) if present else None


# ---- Grouping ----


@dataclass(frozen=True)
class Corroboration:
    articles: int
    outlets: int
    languages: int

    def as_dict(self) -> dict[str, int]:
        """The ``corroboration`` object of ``list agreements``."""
        return {"articles": self.articles, "outlets": self.outlets, "languages": self.languages}


def corroboration(reports: Iterable[Report]) -> Corroboration:
    """Distinct articles, outlets and languages among ``reports``."""
    by_article = {r.article: r for r in reports}
    return Corroboration(
        articles=len(by_article),
        outlets=len({r.outlet for r in by_article.values()}),
        languages=len({r.language.casefold() for r in by_article.values() if r.language}),
    )


@dataclass(frozen=True)
class Group:
    """One agreement: its canonical node (the smallest IRI), every node (sorted) and its corroboration."""

    canonical: str
    members: tuple[str, ...]
    corroboration: Corroboration
    ambiguous: bool = False  # a node left alone because it fits two incompatible ones


def group_agreements(nodes: Iterable[AgreementNode]) -> list[Group]:
    """Group agreement nodes by the rule of the module docstring; sorted by canonical IRI.

    Pure and order independent: the same nodes, in any order, give the same groups.
    """
    partitions: dict[tuple[frozenset[str], bool], list[AgreementNode]] = defaultdict(list)
    for node in sorted(nodes, key=lambda n: n.iri):
        partitions[(frozenset(node.parties), node.planned)].append(node)
    groups = []
    for part in partitions.values():
        for members, ambiguous in _components(part):
            reports = [r for m in members for r in m.reports.values()]
            iris = tuple(sorted(m.iri for m in members))
            groups.append(Group(iris[0], iris, corroboration(reports), ambiguous))
    return sorted(groups, key=lambda g: g.canonical)


def _components(nodes: list[AgreementNode]) -> list[tuple[list[AgreementNode], bool]]:
    """Cliques of compatible nodes among ``nodes`` (all of one party set and plan/fact status),
    each with whether it is an ambiguous node left alone."""
    n = len(nodes)
    if n == 1:
        return [(nodes, False)]
    profiles = [_Profile.of(node) for node in nodes]
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for i, j in combinations(range(n), 2):
        if _fits(profiles[i], profiles[j]):
            neighbours[i].add(j)
            neighbours[j].add(i)
    ambiguous = {
        i for i in range(n)
        if any(y not in neighbours[x] for x, y in combinations(sorted(neighbours[i]), 2))
    }
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        if i in ambiguous:
            continue
        for j in neighbours[i]:
            if j not in ambiguous:
                parent[find(i)] = find(j)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        components[i if i in ambiguous else find(i)].append(i)
    return [([nodes[i] for i in members], members[0] in ambiguous) for members in components.values()]


# ---- The consolidation as data ----


@dataclass(frozen=True)
class Consolidation:
    """The groups of one consolidation and the article IRIs it read (``prov:used``)."""

    groups: tuple[Group, ...]
    used: frozenset[str]

    def canonical_of(self) -> dict[str, str]:
        """Every node's canonical IRI (a canonical node maps to itself)."""
        return {m: g.canonical for g in self.groups for m in g.members}

    def covers(self, agreement_iris: Iterable[str], article_ids: Iterable[str]) -> bool:
        """Whether this consolidation was made from exactly these agreement nodes and articles."""
        members = {m for g in self.groups for m in g.members}
        return members == set(agreement_iris) and self.used == {str(article_iri(a)) for a in article_ids}


@dataclass(frozen=True)
class ConsolidationSummary:
    """What one :func:`consolidate` run found."""

    nodes: int = 0  # agreement nodes read
    agreements: int = 0  # groups, i.e. canonical agreements
    merged: int = 0  # nodes folded into another (cg:sameAgreementAs)
    ambiguous: int = 0  # nodes left alone: they fit two incompatible ones
    triples: int = 0  # written to the consolidation graph

    def as_dict(self) -> dict[str, int]:
        return {"nodes": self.nodes, "agreements": self.agreements, "merged": self.merged,
                "ambiguous": self.ambiguous, "triples": self.triples}


def plan(store: Store) -> Consolidation:
    """Compute the consolidation of the store's current article graphs, writing nothing."""
    groups = group_agreements(read_agreements(store))
    return Consolidation(tuple(groups), frozenset(str(article_iri(a)) for a in store.article_ids()))


def consolidation_graph(consolidation: Consolidation) -> rdflib.Graph:
    """The consolidation as triples, in a graph named :data:`CONSOLIDATION_GRAPH`."""
    graph = rdflib.Graph(identifier=CONSOLIDATION_GRAPH)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    activity = CONSOLIDATION_ACTIVITY
    graph.add((activity, RDF.type, CG.Consolidation))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, CG.agreementCount, Literal(len(consolidation.groups), datatype=XSD.integer)))
    for article in sorted(consolidation.used):
        graph.add((activity, PROV.used, URIRef(article)))
    graph.add((CONSOLIDATION_GRAPH, PROV.wasGeneratedBy, activity))
    for group in consolidation.groups:
        canonical = URIRef(group.canonical)
        counts = group.corroboration
        graph.add((canonical, CG.corroboratingArticles, Literal(counts.articles, datatype=XSD.integer)))
        graph.add((canonical, CG.corroboratingOutlets, Literal(counts.outlets, datatype=XSD.integer)))
        graph.add((canonical, CG.corroboratingLanguages, Literal(counts.languages, datatype=XSD.integer)))
        for member in group.members:
            if member != group.canonical:
                graph.add((URIRef(member), CG.sameAgreementAs, canonical))
    return graph


def consolidate(store: Store) -> ConsolidationSummary:
    """Group the store's agreement nodes and rewrite the consolidation graph in one transaction.

    Idempotent: the same article graphs give the same consolidation graph,
    whatever order they were ingested in, and a rerun changes nothing.
    """
    consolidation = plan(store)
    graph = consolidation_graph(consolidation)
    store.replace_graph(CONSOLIDATION_GRAPH, graph)
    groups = consolidation.groups
    return ConsolidationSummary(
        nodes=sum(len(g.members) for g in groups),
        agreements=len(groups),
        merged=sum(len(g.members) - 1 for g in groups),
        ambiguous=sum(g.ambiguous for g in groups),
        triples=len(graph),
    )


# ---- Reading it back ----


def read_consolidation(store: Store) -> Consolidation | None:
    """The consolidation graph as :class:`Consolidation`, or None if it is absent or malformed."""
    links: dict[str, str] = {}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    used: set[str] = set()
    declared: int | None = None
    keys = {str(CG.corroboratingArticles): "articles", str(CG.corroboratingOutlets): "outlets",
            str(CG.corroboratingLanguages): "languages"}
    for row in store.select_rq("consolidation"):
        subject, prop, value = row["subject"], row["property"], row["value"]
        if subject == str(CONSOLIDATION_ACTIVITY):
            if prop == str(PROV.used):
                used.add(value)
            elif prop == str(CG.agreementCount):
                declared = int(value)
        elif prop == str(CG.sameAgreementAs):
            links[subject] = value
        elif prop in keys:
            counts[subject][keys[prop]] = int(value)
    if declared is None or declared != len(counts) or any(len(c) != 3 for c in counts.values()):
        return None
    members: dict[str, list[str]] = {canonical: [canonical] for canonical in counts}
    for member, canonical in links.items():
        if canonical not in members or member in counts:
            return None
        members[canonical].append(member)
    groups = tuple(
        Group(canonical, tuple(sorted(members[canonical])), Corroboration(**counts[canonical]))
        for canonical in sorted(counts)
    )
    return Consolidation(groups, frozenset(used))


def current_consolidation(store: Store, agreement_iris: Iterable[str]) -> Consolidation:
    """The stored consolidation if it matches the store's agreements and articles, else a fresh :func:`plan`.

    The graph goes stale when articles are written without ``ingest`` (e.g.
    :meth:`Store.replace_article` or :meth:`Store.remove_article` alone); a
    read-only listing then computes the same result in memory instead.
    """
    stored = read_consolidation(store)
    if stored is not None and stored.covers(agreement_iris, store.article_ids()):
        return stored
    return plan(store)
