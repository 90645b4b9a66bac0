"""Cross-article consolidation: one agreement, however many articles report it.

Agreement IRIs are minted from content (sorted parties, instrument, date; see
:func:`citygraph.rdf.agreement_digest`), so articles that report one signing
the same way share one node. Articles that report it *differently* (one gives
``2016-06-08``, another ``--06-08`` without the year or only ``2016-06``, one
names the letter of intent, another just "a cooperation") make several nodes.
This module groups the nodes that are one agreement and writes the
consolidation graph (:data:`citygraph.vocab.CONSOLIDATION_GRAPH`):

* ``member cg:sameAgreementAs canonical`` for every node of a group but its
  canonical node, the lexicographically smallest IRI of the group;
* on every canonical node (a group of one included) ``cg:corroboratingArticles``,
  ``cg:corroboratingOutlets`` and ``cg:corroboratingLanguages``, and the
  ``cg:partiesKey`` of its party set;
* the ``cg:Consolidation`` activity (also a ``prov:Activity``): ``prov:used``
  every article ingested, ``cg:agreementCount`` groups; the graph is
  ``prov:wasGeneratedBy`` it. No time stamp, so the same data give the very
  same graph.

Only nodes between the same parties can be one agreement, so the work is
done a party set at a time (``cg:partiesKey``, stated on every agreement
node): ``ingest`` marks the party sets it touches (:func:`mark_pending`) and
regroups those alone at its end (:func:`consolidate_pending`), chunk by
chunk, each chunk in one transaction; :func:`consolidate` rebuilds the whole
graph the same way. Memory is bounded by a chunk, and a small ingest into a
big store costs what it touches. :func:`plan` computes the same groups in
memory, from every node at once (what a listing does when the graph is
stale).

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, astuple, dataclass, field, replace
from itertools import combinations
from typing import Any
from urllib.parse import urlsplit

import rdflib
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import PROV

from citygraph.model import Instrument, Status
from citygraph.rdf import article_graph_iri, article_iri
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
    keys: set[str] = field(default_factory=set)  # cg:partiesKey (one, unless hand-written otherwise)

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
    return nodes_from_rows(store.select_rq("agreement_reports"))


def nodes_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[AgreementNode]:
    """Agreement nodes from rows of ``agreement_reports.rq`` (or its keyed and keyless variants), sorted by IRI."""
    nodes: dict[str, AgreementNode] = {}
    for row in rows:
        iri = row["agreement"]
        node = nodes.get(iri) or nodes.setdefault(iri, AgreementNode(iri))
        if row.get("party") is not None:  # not read by the keyed query: the key stands for the parties
            node.parties.add(row["party"])
        if row["instrument"] is not None:
            node.instruments.add(concept_code(row["instrument"], INSTRUMENT) or row["instrument"])
        if row["status"] is not None:
            node.statuses.add(concept_code(row["status"], STATUS) or row["status"])
        if row["date"] is not None:
            node.dates.add(str(row["date"]))
        if row.get("key") is not None:
            node.keys.add(row["key"])
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
    Nodes are partitioned by party set: by its key (``cg:partiesKey``, a digest
    of the parties) when they carry one, which is all the keyed regroup reads.
    """
    partitions: dict[tuple[str, frozenset[str], bool], list[AgreementNode]] = defaultdict(list)
    for node in sorted(nodes, key=lambda n: n.iri):
        side = ("key", frozenset(node.keys), node.planned) if node.keys else \
            ("parties", frozenset(node.parties), node.planned)
        partitions[side].append(node)
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
    # i is ambiguous when its neighbours are not pairwise compatible: some x among them misses
    # another. Set inclusion per neighbour (in C) rather than a Python test per pair of neighbours,
    # which was cubic in a popular party set's nodes.
    ambiguous = {
        i for i in range(n)
        if any(not (neighbours[i] - {x}) <= neighbours[x] for x in neighbours[i])
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

    nodes: int = 0  # agreement nodes read (in the party sets regrouped)
    agreements: int = 0  # canonical agreements in the whole store, after the run
    merged: int = 0  # nodes folded into another (cg:sameAgreementAs)
    ambiguous: int = 0  # nodes left alone: they fit two incompatible ones
    triples: int = 0  # written to the consolidation graph
    party_sets: int = 0  # party sets regrouped (cg:partiesKey)

    def __add__(self, other: ConsolidationSummary) -> ConsolidationSummary:
        return ConsolidationSummary(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def plan(store: Store) -> Consolidation:
    """Compute the consolidation of the store's current article graphs, writing nothing."""
    groups = group_agreements(read_agreements(store))
    return Consolidation(tuple(groups), frozenset(str(article_iri(a)) for a in store.article_ids()))


def consolidation_graph(consolidation: Consolidation) -> rdflib.Graph:
    """The consolidation as triples, in a graph named :data:`CONSOLIDATION_GRAPH` (without cg:partiesKey)."""
    graph = rdflib.Graph(identifier=CONSOLIDATION_GRAPH)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in _activity_triples():
        graph.add(triple)
    graph.add((CONSOLIDATION_ACTIVITY, CG.agreementCount, Literal(len(consolidation.groups), datatype=XSD.integer)))
    for article in sorted(consolidation.used):
        graph.add((CONSOLIDATION_ACTIVITY, PROV.used, URIRef(article)))
    for group in consolidation.groups:
        for triple in group_triples(group):
            graph.add(triple)
    return graph


def _activity_triples() -> list[tuple[URIRef, URIRef, URIRef]]:
    activity = CONSOLIDATION_ACTIVITY
    return [(activity, RDF.type, CG.Consolidation), (activity, RDF.type, PROV.Activity),
            (CONSOLIDATION_GRAPH, PROV.wasGeneratedBy, activity)]


def group_triples(group: Group, key: str | None = None) -> list[tuple[URIRef, URIRef, Literal | URIRef]]:
    """What the consolidation graph says of one group: counts (and its party-set ``key``) on the canonical node."""
    canonical = URIRef(group.canonical)
    counts = group.corroboration
    triples: list[tuple[URIRef, URIRef, Literal | URIRef]] = [
        (canonical, CG.corroboratingArticles, Literal(counts.articles, datatype=XSD.integer)),
        (canonical, CG.corroboratingOutlets, Literal(counts.outlets, datatype=XSD.integer)),
        (canonical, CG.corroboratingLanguages, Literal(counts.languages, datatype=XSD.integer)),
    ]
    if key is not None:
        triples.append((canonical, CG.partiesKey, Literal(key)))
    triples.extend((URIRef(m), CG.sameAgreementAs, canonical) for m in group.members if m != group.canonical)
    return triples


# ---- Writing it: a party set at a time ----
#
# Only nodes between the same parties can be one agreement, so the groups of
# one party set (cg:partiesKey, stated on every agreement node) are computed
# from that party set's nodes alone. An ingest marks the keys it is about to
# touch as cg:pendingKey (before writing the articles, so that a killed run
# leaves them marked), then regroup() recomputes those party sets,
# KEY_CHUNK at a time, each chunk in one transaction that also clears its
# marks. Memory is bounded by a chunk, not by the store; an ingest of 1,000
# articles into a store of a million regroups what those articles touch.

#: Party sets regrouped per transaction.
KEY_CHUNK = 500
#: Chunks between flushes of the store during a regroup.
FLUSH_EVERY_CHUNKS = 10
#: Quads per transaction when marking a whole store pending.
MARK_CHUNK = 50_000
_TOUCHED = URIRef("urn:citygraph:touchedKey")


def mark_pending(store: Store, keys: Iterable[str], article_ids: Iterable[str] = ()) -> None:
    """Record, in one transaction, party sets to regroup and the articles the consolidation uses (``prov:used``).

    Called by ingest before it writes a batch: the keys of the batch's
    agreements and those of the stored graphs it replaces.
    """
    triples: list[tuple[URIRef, URIRef, Literal | URIRef]] = list(_activity_triples())
    triples += [(CONSOLIDATION_ACTIVITY, CG.pendingKey, Literal(k)) for k in sorted(set(keys))]
    triples += [(CONSOLIDATION_ACTIVITY, PROV.used, article_iri(a)) for a in sorted(set(article_ids))]
    store.add_to_graph(CONSOLIDATION_GRAPH, triples)


def keys_of_articles(store: Store, article_ids: Iterable[str]) -> set[str]:
    """The party-set keys of the agreements in the stored graphs of ``article_ids`` (absent ones have none)."""
    keys: set[str] = set()
    for article_id in article_ids:
        if store.has_article(article_id):
            graph = article_graph_iri(article_id)
            keys.update(row["key"] for row in store.select_rq("article_party_keys", graph=graph))
    return keys


def consolidate_pending(store: Store, *, on_progress: Callable[[int, int], None] | None = None) -> ConsolidationSummary:
    """Regroup every party set marked pending, then recount the agreements. What ``ingest`` runs at its end.

    ``on_progress(done, total)`` is called after each chunk of party sets.
    """
    keys = sorted({row["key"] for row in store.select_rq("pending_keys")})
    summary = ConsolidationSummary()
    for chunk, start in enumerate(range(0, len(keys), KEY_CHUNK), 1):
        summary += regroup(store, keys[start:start + KEY_CHUNK])
        if chunk % FLUSH_EVERY_CHUNKS == 0:
            store.flush()  # as ingest flushes: RocksDB's memtables would otherwise grow with the whole run
        if on_progress is not None:
            on_progress(min(start + KEY_CHUNK, len(keys)), len(keys))
    store.update_rq("count_agreements")
    return replace(summary, agreements=stored_agreement_count(store))


def regroup(store: Store, keys: Sequence[str]) -> ConsolidationSummary:
    """Recompute the groups of the party sets ``keys`` and replace them in the consolidation graph, atomically."""
    staging = store.new_staging_graph()
    store.add_to_graph(staging, [(URIRef(staging), _TOUCHED, Literal(k)) for k in keys])
    nodes = nodes_from_rows(store.select_staged("agreement_reports_keyed", staging))
    groups = group_agreements(nodes)
    key_of = {node.iri: min(node.keys) for node in nodes if node.keys}
    triples = [t for g in groups for t in group_triples(g, key_of.get(g.canonical))]
    store.add_to_graph(staging, triples)
    store.update_staged("regroup_party_sets", staging)
    return _summary(groups, party_sets=len(keys), triples=len(triples))


def stored_agreement_count(store: Store) -> int:
    """cg:agreementCount as the consolidation graph states it (0 without one)."""
    rows = store.select_rq("agreement_count")
    return int(rows[0]["count"]) if rows and rows[0]["count"] is not None else 0


def _summary(groups: Sequence[Group], *, party_sets: int = 0, triples: int = 0) -> ConsolidationSummary:
    return ConsolidationSummary(
        nodes=sum(len(g.members) for g in groups),
        agreements=len(groups),
        merged=sum(len(g.members) - 1 for g in groups),
        ambiguous=sum(g.ambiguous for g in groups),
        triples=triples,
        party_sets=party_sets,
    )


def consolidate(store: Store, *, on_progress: Callable[[int, int], None] | None = None) -> ConsolidationSummary:
    """Rebuild the whole consolidation graph from the store's article graphs, a party set at a time.

    Idempotent: the same article graphs give the same consolidation graph,
    whatever order they were ingested in, and a rerun changes nothing. Needed
    after articles are written or removed other than by ``ingest`` (which
    regroups only what it touches, :func:`consolidate_pending`). While it runs,
    readers see an incomplete graph, which :func:`read_consolidation` knows
    (pending keys) and the listings then recompute in memory.
    """
    store.remove_graph(CONSOLIDATION_GRAPH)
    keys = sorted(row["key"] for row in store.select_rq("party_keys"))
    articles = store.article_ids()
    for start in range(0, max(len(keys), len(articles), 1), MARK_CHUNK):
        mark_pending(store, keys[start:start + MARK_CHUNK], articles[start:start + MARK_CHUNK])
    # Nodes without a key (hand-written graphs) are grouped in memory, as a whole.
    keyless = group_agreements(nodes_from_rows(store.select_rq("agreement_reports_keyless")))
    keyless_triples = [t for g in keyless for t in group_triples(g)]
    store.add_to_graph(CONSOLIDATION_GRAPH, keyless_triples)
    summary = consolidate_pending(store, on_progress=on_progress)
    whole = _summary(keyless, triples=len(keyless_triples)) + summary
    return replace(whole, agreements=summary.agreements)


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
            if prop == str(CG.pendingKey):
                return None  # a regroup is under way, or was cut short: the graph is incomplete
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
