"""SPARQL results -> NetworkX graphs: the projections every analysis and page is drawn from.

The store is read only through ``queries/network_*.rq``: a few single-pattern
SELECTs (agreement parties, agreement facets, place attributes) whose rows are
grouped here. Grouping rows in Python rather than joining in SPARQL is a
measured choice: Oxigraph 0.5 evaluates the union default graph as a bag, so
the pair join ``?a cg:party ?x, ?y`` multiplies every copy of every triple,
while linear scans stay fast at a million triples (``benchmarks/analysis.py``).

Projections
-----------
* :func:`cooperation_graph`: places as nodes, one edge per pair of places that
  are parties to at least one agreement, ``weight`` = number of agreements;
  edges carry the agreements' ids, years, domains and instruments; the graph
  carries every agreement record in ``G.graph["agreements"]``.
* :func:`domain_graph`: the same restricted to the agreements of one domain.
* :func:`bipartite_graph`: places and domains, weighted by agreements.
* :func:`neighbourhood`: one place and the places within ``depth`` hops.

Filters (:class:`Filters`) are the same for analyze, viz and export and are
applied to agreements before they become edges, so a filtered projection is
exactly the network of the agreements that pass.

Node ids are place IRIs (strings) and nodes and edges are added in sorted
order, so every projection of the same data is the same graph whatever order
the articles were ingested in (NetworkX's Louvain depends on node order).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from importlib import resources
from itertools import combinations
from typing import Any

import networkx as nx

from citygraph.errors import CitygraphError
from citygraph.store import Store, to_python
from citygraph.vocab import CG, DOMAIN, INSTRUMENT, PLACE_KIND, STATUS, concept_code

#: Resolution order of an agreement's status when articles disagree (listing.py's rule).
_STATUS_RANK = {"planned": 0, "signed": 1, "renewed": 2}


class NetworkError(CitygraphError):
    """A projection cannot be built as asked (an unknown or ambiguous place, a bad filter)."""


@dataclass(frozen=True)
class Filters:
    """Which agreements and places a projection keeps; empty fields keep everything.

    * ``domains``: agreements naming any of these domain codes;
    * ``since`` / ``until``: agreements dated within these years (inclusive);
      with either set, undated agreements are left out;
    * ``countries``: agreements with a party in any of these countries (ISO
      alpha-2); the foreign partners stay, so "Indonesia's cooperation" keeps
      its partners abroad;
    * ``kinds``: only places of these kinds count as parties (``city`` gives
      city-to-city cooperation), applied before the country test;
    * ``statuses``: agreements whose status (the most advanced one the
      articles report) is one of these.
    """

    domains: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Sorted, deduplicated and normalised, so equal filters compare and record equal.
        object.__setattr__(self, "domains", tuple(sorted(set(self.domains))))
        object.__setattr__(self, "countries", tuple(sorted({c.upper() for c in self.countries})))
        object.__setattr__(self, "kinds", tuple(sorted(set(self.kinds))))
        object.__setattr__(self, "statuses", tuple(sorted(set(self.statuses))))
        if self.since is not None and self.until is not None and self.since > self.until:
            raise NetworkError(f"--since {self.since} is after --until {self.until}")

    @property
    def empty(self) -> bool:
        return self == Filters()

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly: lists and ints, for graph attributes and exports."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def keeps(self, agreement: AgreementRecord, places: Mapping[str, Mapping[str, Any]]) -> AgreementRecord | None:
        """The agreement as this filter sees it (parties of the wanted kinds), or None if it is left out."""
        if self.domains and not set(self.domains) & set(agreement.domains):
            return None
        if self.since is not None or self.until is not None:
            if agreement.year is None:
                return None
            if self.since is not None and agreement.year < self.since:
                return None
            if self.until is not None and agreement.year > self.until:
                return None
        if self.statuses and agreement.status not in self.statuses:
            return None
        parties = agreement.parties
        if self.kinds:
            parties = tuple(p for p in parties if places.get(p, {}).get("kind") in self.kinds)
            if not parties:
                return None
        if self.countries and not any(places.get(p, {}).get("country") in self.countries for p in parties):
            return None
        return agreement if parties == agreement.parties else replace(agreement, parties=parties)


@dataclass(frozen=True)
class AgreementRecord:
    """One agreement as the network sees it: parties, date, and what filters and colours use.

    ``date`` is the smallest date the articles give (lexical, any precision);
    ``year`` is its year, None when undated or when only day and month are known.
    """

    id: str
    parties: tuple[str, ...]
    date: str | None = None
    year: int | None = None
    domains: tuple[str, ...] = ()
    status: str | None = None
    instrument: str | None = None
    sister_city: bool = False
    sources: tuple[dict[str, Any], ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["parties"] = list(self.parties)
        data["domains"] = list(self.domains)
        data["sources"] = [dict(s) for s in self.sources]
        return data


# ---- Reading the store ----


def select_analysis_rq(store: Store, name: str, **bindings: Any) -> list[dict[str, Any]]:
    """Run ``queries/analysis/{name}.rq`` (queries over the analysis graph) like :meth:`Store.select_rq`.

    A folder of their own because they answer only after ``citygraph analyze``:
    the top-level queries each answer on any ingested store.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise NetworkError(f"not a query name: {name!r}")
    path = resources.files("citygraph") / "queries" / "analysis" / f"{name}.rq"
    if not path.is_file():
        raise NetworkError(f"no query named {name!r} in citygraph/queries/analysis")
    solutions = store.query(path.read_text(encoding="utf-8"), bindings)
    names = [v.value for v in solutions.variables]
    return [{n: to_python(solution[n]) for n in names} for solution in solutions]



def _year(date: str | None) -> int | None:
    """The year of a lexical date (``2016-06-08``, ``2016-06``, ``2016``); None for ``--06-08``."""
    if not date or date.startswith("--"):
        return None
    head = date.split("-")[0] if not date.startswith("-") else "-" + date[1:].split("-")[0]
    try:
        return int(head)
    except ValueError:
        return None


def read_agreements(store: Store) -> dict[str, AgreementRecord]:
    """Every agreement that has a party, by IRI, from linear scans (parties; date, domains, status...).

    Nodes that consolidation joined (``cg:sameAgreementAs``) are folded into
    their canonical node, so a pair's weight counts agreements, not reports:
    parties and domains are the union, the date the most precise one given,
    the status the most advanced, the instrument a named one over
    ``unspecified``.
    """
    canonical = {row["member"]: row["canonical"] for row in store.select_rq("network_same_agreement")}
    parties: dict[str, set[str]] = defaultdict(set)
    for row in store.select_rq("network_parties"):
        parties[canonical.get(row["agreement"], row["agreement"])].add(row["place"])
    facets: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    for row in store.select_rq("network_facets"):
        facets[canonical.get(row["agreement"], row["agreement"])][row["property"]].add(row["value"])
    records = {}
    for iri in sorted(parties):
        values = facets.get(iri, {})
        # Most precise first (2016-06-08 before 2016-06 before --06-08), then smallest.
        dates = sorted((str(d) for d in values.get(str(CG.date), ())),
                       key=lambda d: (_year(d) is None, -len(d), d))
        statuses = [c for c in (concept_code(str(v), STATUS) for v in values.get(str(CG.status), ())) if c]
        instruments = sorted((c for c in (concept_code(str(v), INSTRUMENT) for v in values.get(str(CG.instrument), ()))
                              if c), key=lambda c: (c == "unspecified", c))
        years = [y for y in (_year(d) for d in dates) if y is not None]
        records[iri] = AgreementRecord(
            id=iri,
            parties=tuple(sorted(parties[iri])),
            date=dates[0] if dates else None,
            year=years[0] if years else None,
            domains=tuple(sorted(c for c in (concept_code(str(v), DOMAIN) for v in values.get(str(CG.domain), ()))
                                 if c)),
            status=max(statuses, key=lambda s: (_STATUS_RANK.get(s, -1), s)) if statuses else None,
            instrument=instruments[0] if instruments else None,
            sister_city=True in values.get(str(CG.sisterCity), set()),
        )
    return records


_PLACE_FIELDS = {
    str(CG.name): "name", str(CG.countryCode): "country", str(CG.latitude): "lat",
    str(CG.longitude): "lon", str(CG.placeKey): "key", str(CG.linked): "linked",
}


def read_places(store: Store, only: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Attributes of places by IRI (``only`` those, when given): name, kind, country, lat, lon, key, linked.

    Where articles disagree the smallest value wins (``linked``: False wins), as in listing.py.
    """
    wanted = set(only) if only is not None else None
    values: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    for row in store.select_rq("network_places"):
        if wanted is None or row["place"] in wanted:
            values[row["place"]][row["property"]].add(row["value"])
    places = {}
    for iri, props in values.items():
        if str(CG.placeKind) not in props and str(CG.placeKey) not in props:
            continue  # a person or forum: cg:name only
        place: dict[str, Any] = {"name": None, "kind": None, "country": None, "lat": None, "lon": None,
                                 "key": None, "linked": None}
        for prop, field_name in _PLACE_FIELDS.items():
            present = [v for v in props.get(prop, ()) if v is not None]
            if present:
                place[field_name] = (False not in present) if field_name == "linked" else min(present)
        kinds = sorted(c for c in (concept_code(str(v), PLACE_KIND) for v in props.get(str(CG.placeKind), ())) if c)
        place["kind"] = kinds[0] if kinds else None
        places[iri] = place
    return places


def attach_sources(store: Store, agreements: dict[str, AgreementRecord]) -> dict[str, AgreementRecord]:
    """The agreements with their sources (article id, title, url, published, evidence), for tooltips.

    Sources of consolidated member nodes go to their canonical agreement.
    """
    canonical = {row["member"]: row["canonical"] for row in store.select_rq("network_same_agreement")}
    found: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for row in store.select_rq("network_sources"):
        iri = canonical.get(row["agreement"], row["agreement"])
        if iri in agreements:
            found[iri].add(
                (row["article"], row["title"], row["url"], row["published"], row["evidence"]))
    keys = ("article", "title", "url", "published", "evidence")
    return {
        iri: replace(record, sources=tuple(
            dict(zip(keys, item, strict=True)) for item in sorted(found.get(iri, ()), key=lambda t: tuple(
                "" if x is None else str(x) for x in t))))
        for iri, record in agreements.items()
    }


def domain_labels(store: Store) -> dict[str, str]:
    """English label of every domain code (``tourism`` -> ``tourism``, ``smart_city`` -> ``smart city, ...``)."""
    return {str(row["code"]): str(row["label"]) for row in store.select_rq("network_domain_labels")}


# ---- Building projections ----


def build_cooperation_graph(agreements: Mapping[str, AgreementRecord], places: Mapping[str, Mapping[str, Any]],
                            filters: Filters = Filters()) -> nx.Graph:
    """The place-to-place cooperation network of the agreements that pass ``filters`` (pure: no store).

    Nodes: every party of a kept agreement (a party of a one-party agreement is
    an isolated node), with the place's attributes, ``agreements`` (how many
    kept agreements it is party to) and ``domains`` (agreements per domain
    code: its domain profile). Edges: ``weight`` (agreements), ``agreements``
    (ids), ``years`` and ``first_year``, ``domains`` (agreements per domain),
    ``dominant_domain`` (most agreements; ties: smallest code),
    ``instruments``, ``sister_city``.
    """
    kept = [a for a in (filters.keeps(record, places) for record in agreements.values()) if a is not None]
    kept.sort(key=lambda a: a.id)
    node_agreements: dict[str, list[AgreementRecord]] = defaultdict(list)
    pair_agreements: dict[tuple[str, str], list[AgreementRecord]] = defaultdict(list)
    for agreement in kept:
        for party in agreement.parties:
            node_agreements[party].append(agreement)
        for pair in combinations(agreement.parties, 2):  # parties are sorted, so pair is (min, max)
            pair_agreements[pair].append(agreement)
    G = nx.Graph(kind="cooperation", filters=filters.as_dict(),
                 agreements={a.id: a.as_dict() for a in kept})
    for node in sorted(node_agreements):
        place = dict(places.get(node, {}))
        place.setdefault("name", None)
        records = node_agreements[node]
        G.add_node(node, **place, agreements=len(records),
                   domains=dict(sorted(Counter(d for a in records for d in a.domains).items())))
    for (u, v) in sorted(pair_agreements):
        records = pair_agreements[(u, v)]
        domains = Counter(d for a in records for d in a.domains)
        years = sorted({a.year for a in records if a.year is not None})
        G.add_edge(
            u, v,
            weight=len(records),
            agreements=[a.id for a in records],
            years=years,
            first_year=years[0] if years else None,
            domains=dict(sorted(domains.items())),
            dominant_domain=min(domains, key=lambda d: (-domains[d], d)) if domains else None,
            instruments=dict(sorted(Counter(a.instrument for a in records if a.instrument).items())),
            sister_city=any(a.sister_city for a in records),
        )
    return G


def cooperation_graph(store: Store, filters: Filters = Filters(), *, with_sources: bool = False,
                      with_labels: bool = False) -> nx.Graph:
    """The cooperation network read from ``store`` (see :func:`build_cooperation_graph`).

    ``with_sources`` adds each agreement's articles and evidence to
    ``G.graph["agreements"]`` (for tooltips); ``with_labels`` puts the domain
    labels in ``G.graph["domain_labels"]``.
    """
    agreements = read_agreements(store)
    if with_sources:
        agreements = attach_sources(store, agreements)
    parties = {p for a in agreements.values() for p in a.parties}
    G = build_cooperation_graph(agreements, read_places(store, parties), filters)
    if with_labels:
        G.graph["domain_labels"] = domain_labels(store)
    return G


def domain_graph(G: nx.Graph, domain: str) -> nx.Graph:
    """The cooperation network of the agreements of one domain, rebuilt from ``G``'s own records.

    Weights, years and profiles are recounted on those agreements only; the
    filters recorded in the graph gain the domain. No store access.
    """
    records = {iri: _record(data) for iri, data in G.graph.get("agreements", {}).items()}
    places = {n: {k: v for k, v in data.items() if k not in ("agreements", "domains")}
              for n, data in G.nodes(data=True)}
    # The records in G already passed G's filters (and carry only kept parties); only the domain is new.
    H = build_cooperation_graph(records, places, Filters(domains=(domain,)))
    H.graph["filters"] = {**G.graph.get("filters", {}), "domains": [domain]}
    for key in ("domain_labels",):
        if key in G.graph:
            H.graph[key] = G.graph[key]
    return H


def _record(data: Mapping[str, Any]) -> AgreementRecord:
    return AgreementRecord(
        id=data["id"], parties=tuple(data["parties"]), date=data.get("date"), year=data.get("year"),
        domains=tuple(data.get("domains", ())), status=data.get("status"), instrument=data.get("instrument"),
        sister_city=bool(data.get("sister_city")), sources=tuple(data.get("sources", ())),
    )


def domains_of(G: nx.Graph) -> list[str]:
    """The domain codes named by the agreements of ``G``, sorted."""
    return sorted({d for a in G.graph.get("agreements", {}).values() for d in a.get("domains", ())})


def bipartite_graph(G: nx.Graph, labels: Mapping[str, str] | None = None) -> nx.Graph:
    """Places and domains: an edge place-domain weighted by the place's agreements in that domain.

    Built from a cooperation network ``G`` (so it has the same filters). Domain
    nodes are the domain concept IRIs, with ``bipartite=1``, ``type="domain"``,
    ``code`` and ``name`` (the label); place nodes keep their attributes with
    ``bipartite=0``, ``type="place"``. Places whose agreements name no domain
    stay as isolated nodes.
    """
    labels = labels if labels is not None else G.graph.get("domain_labels", {})
    B = nx.Graph(kind="place-domain", filters=G.graph.get("filters", {}),
                 agreements=G.graph.get("agreements", {}), domain_labels=dict(labels))
    codes = domains_of(G)
    for code in codes:
        B.add_node(str(DOMAIN[code]), bipartite=1, type="domain", code=code, name=labels.get(code, code))
    for node in sorted(G):
        B.add_node(node, **G.nodes[node], bipartite=0, type="place")
    for node in sorted(G):
        for code, count in sorted(G.nodes[node].get("domains", {}).items()):
            B.add_edge(node, str(DOMAIN[code]), weight=count, domain=code)
    return B


def find_place(G: nx.Graph, place: str) -> str:
    """The node named by ``place``: its IRI, its gazetteer key, or its name (case-insensitive).

    Raises :class:`NetworkError` when nothing matches or a name is shared by
    several places (Bandung the city and Bandung the regency): the message
    lists them, so the user can give the id or narrow with ``--kind``.
    """
    if place in G:
        return place
    by_key = [n for n, data in G.nodes(data=True) if data.get("key") == place]
    if len(by_key) == 1:
        return by_key[0]
    wanted = place.casefold().strip()
    matches = sorted(n for n, data in G.nodes(data=True) if str(data.get("name") or "").casefold() == wanted)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NetworkError(f"no place named {place!r} in this network; `citygraph list cities` shows the names")
    options = "; ".join(f"{G.nodes[n].get('name')} ({G.nodes[n].get('kind')}, {G.nodes[n].get('country')}) {n}"
                        for n in matches)
    raise NetworkError(f"{place!r} names {len(matches)} places: {options}; give the id or add --kind")


def neighbourhood(G: nx.Graph, place: str, depth: int = 1) -> nx.Graph:
    """The subgraph of the places within ``depth`` hops of ``place`` (see :func:`find_place`).

    The graph keeps only the agreement records its edges use; ``G.graph["centre"]`` names the place.
    """
    if depth < 0:
        raise NetworkError(f"depth must be 0 or more, not {depth}")
    centre = find_place(G, place)
    H = nx.ego_graph(G, centre, radius=depth).copy()
    used = {a for _, _, ids in H.edges(data="agreements") for a in ids}
    used |= {iri for iri, a in G.graph.get("agreements", {}).items() if a["parties"] == [centre]}
    H.graph = {**G.graph, "agreements": {iri: a for iri, a in G.graph.get("agreements", {}).items() if iri in used},
               "centre": centre, "depth": depth}
    return H


def materialised_edges(store: Store) -> list[dict[str, Any]]:
    """The cooperation edges the latest ``analyze`` wrote (source, target, weight, first_year, dominant domain).

    A lookup in the analysis graph: milliseconds where the edge list over
    reified agreements takes a join over every article graph. Empty before
    the first analyze. The rows reflect the store as it was at that run.
    """
    rows = select_analysis_rq(store, "edges")
    return sorted(
        ({"source": r["source"], "target": r["target"], "weight": r["weight"], "first_year": r["firstYear"],
          "dominant_domain": concept_code(r["dominant"], DOMAIN) if r["dominant"] else None} for r in rows),
        key=lambda r: (r["source"], r["target"]),
    )


# ---- Writing projections for other tools ----

#: Formats :func:`write_graph` writes.
GRAPH_FORMATS = ("graphml", "gexf", "csv")


def _flat(value: Any) -> str | int | float | bool | None:
    """A scalar GraphML/GEXF/CSV can hold: lists joined with "; ", counters as "code:n; ...", None kept."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return "; ".join(f"{k}:{v}" for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in value)
    return str(value)


def flat_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are scalars (None dropped), as Gephi and Cytoscape read them."""
    H = nx.Graph()
    H.graph["filters"] = "; ".join(f"{k}={_flat(v)}" for k, v in G.graph.get("filters", {}).items()
                                   if v not in (None, [], ()))
    H.graph["kind"] = str(G.graph.get("kind", "cooperation"))
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _flat(v) for k, v in data.items() if v is not None})
        H.nodes[node].setdefault("label", data.get("name") or node)
    for u, v, data in G.edges(data=True):
        H.add_edge(u, v, **{k: _flat(x) for k, x in data.items() if x is not None})
    return H


def write_graph(G: nx.Graph, fmt: str, path: Any) -> list[str]:
    """Write ``G`` as ``graphml``, ``gexf`` or ``csv`` (``<stem>.nodes.csv`` + ``<stem>.edges.csv``).

    Attributes are flattened (:func:`flat_graph`); returns the paths written.
    """
    import csv
    from pathlib import Path

    if fmt not in GRAPH_FORMATS:
        raise NetworkError(f"unknown graph format {fmt!r}; use {', '.join(GRAPH_FORMATS)}")
    H = flat_graph(G)
    target = Path(path)
    if fmt == "graphml":
        nx.write_graphml(H, target)  # default key ids: node and edge "agreements" differ in type
        return [str(target)]
    if fmt == "gexf":
        nx.write_gexf(H, target)
        return [str(target)]
    stem = target.with_suffix("") if target.suffix == ".csv" else target
    nodes_path = stem.with_name(stem.name + ".nodes.csv")
    edges_path = stem.with_name(stem.name + ".edges.csv")
    node_keys = sorted({k for _, d in H.nodes(data=True) for k in d} - {"label", "name"})
    with nodes_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", *node_keys])
        for node, data in H.nodes(data=True):
            writer.writerow([node, data.get("name", ""), *("" if data.get(k) is None else data[k] for k in node_keys)])
    edge_keys = sorted({k for _, _, d in H.edges(data=True) for k in d})
    with edges_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "source_name", "target_name", *edge_keys])
        for u, v, data in H.edges(data=True):
            writer.writerow([u, v, H.nodes[u].get("name", ""), H.nodes[v].get("name", ""),
                             *("" if data.get(k) is None else data[k] for k in edge_keys)])
    return [str(nodes_path), str(edges_path)]
