"""Rows for ``citygraph list``: the JSON contract ``../shared/tools/score.py`` reads.

Each kind is read with a few whole-store SELECTs (``queries/*.rq``), mostly
the attribute table of ``attributes.rq``, and grouped here in Python: no
GROUP_CONCAT, so no separator can collide with a name, every value keeps its
exact text, and the cost stays linear in the number of article graphs. The union of the article graphs can
hold several values for one field when articles disagree (a place's name, an
agreement's status); each is reduced by a fixed rule so the output is
deterministic:

* names and other strings: the smallest value (code point order);
* ``status``: the most advanced (planned < signed < renewed);
* ``sister_city`` and ``acting``: true if any source says so;
* ``linked``: false if any source says so.

Every row carries ``sources``: ``[{article, evidence, start, end}]``, the
article id as given at ingest and the sentence the fact was read from.

Place rows (``cities``) also carry ``degree``, ``betweenness``, ``pagerank``
and ``community`` from the analysis graph once ``citygraph analyze`` has run
(:func:`citygraph.analysis.add_place_measures`): the keys are absent before
the first run, and null for places the latest run did not see (filtered out,
or ingested since).

Agreements are listed one row per *consolidated* agreement: the nodes the
consolidation graph links with ``cg:sameAgreementAs`` (see consolidate.py)
are one row, whose ``id`` is the canonical node and whose fields merge all
its nodes: ``sources``, ``domains``, ``signatories`` the union; ``date`` the
most precise date compatible with all of them (``2016-06-08`` from
``2016-06-08`` and ``--06-08``); ``instrument`` the named one if any;
``status``, ``sister_city``, ``forum`` by the rules above; ``corroboration``
``{articles, outlets, languages}`` from the graph. When the graph is absent
or stale (articles written without ``ingest``) the same grouping is computed
in memory, so a read-only listing is always right.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib import URIRef
from rdflib.namespace import ORG

from citygraph.consolidate import (
    STATUS_RANK,
    UNSPECIFIED,
    Consolidation,
    Report,
    current_consolidation,
    join_dates,
    parse_date,
)
from citygraph.consolidate import corroboration as count_corroboration
from citygraph.store import Store
from citygraph.vocab import CG, DOMAIN, INSTRUMENT, PLACE_KIND, ROLE, STATUS, concept_code

KINDS = ("agreements", "people", "forums", "cities")

_STATUS_RANK = STATUS_RANK


def list_rows(store: Store, kind: str, *, unlinked_only: bool = False) -> list[dict[str, Any]]:
    """Rows of one kind (agreements, people, forums, cities), JSON-serialisable, in a stable order.

    ``unlinked_only`` keeps only places the gazetteer did not know (cities only). City rows gain
    ``degree``, ``betweenness``, ``pagerank`` and ``community`` once an analysis has run (see above).
    """
    if kind == "agreements":
        return _agreements(store)
    if kind == "people":
        return _people(store)
    if kind == "forums":
        return _forums(store)
    if kind == "cities":
        from citygraph.analysis import add_place_measures  # here: networkx is only needed for places

        rows = _cities(store)
        return add_place_measures(store, [r for r in rows if r["linked"] is False] if unlinked_only else rows)
    raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")


def stats(store: Store) -> dict[str, int]:
    """Counts of articles, agreements, places, people, forums, and quads (``triples``).

    ``agreements`` counts consolidated agreements (canonical nodes), as
    ``list agreements`` has rows.
    """
    row = store.select_rq("stats")[0]
    counts = {key: int(row[key] or 0) for key in ("articles", "agreements", "places", "people", "forums")}
    if counts["agreements"]:
        iris = [r["agreement"] for r in store.select_rq("agreement_iris")]
        counts["agreements"] = len(_consolidation(store, iris))
    counts["triples"] = store.triple_count()
    return counts


# ---- Reading ----


Attributes = dict[str, dict[str, list[Any]]]


def _attributes(store: Store, cls: URIRef) -> Attributes:
    """``{subject: {property IRI: [distinct values]}}`` for every instance of ``cls`` (see attributes.rq).

    Lists, not sets, and interned strings: most properties have one value, a
    set costs four times a one-item list, and a big store repeats the same
    few IRIs millions of times (listing 93,010 agreements took 2.2 GB so).
    """
    table: Attributes = {}
    for row in store.iter_rq("attributes", **{"class": cls}):
        properties = table.setdefault(_interned(row["subject"]), {})
        prop, value = _interned(row["property"]), _interned(row["value"])
        found = properties.get(prop)
        if found is None:
            properties[prop] = [value]
        elif value not in found:
            found.append(value)
    return table


def _interned(value: Any) -> Any:
    """``value``, interned if it is a string: one copy of each IRI however many rows repeat it."""
    return sys.intern(value) if type(value) is str else value


def _names(store: Store) -> dict[str, str]:
    """The name of every named node; the smallest when articles disagree."""
    names: dict[str, str] = {}
    for row in store.iter_rq("names"):
        node, name = row["node"], row["name"]
        if node not in names or name < names[node]:
            names[node] = name
    return names


def _first(values: Iterable[Any]) -> Any:
    """The smallest non-None value, or None."""
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _codes(values: Iterable[Any], scheme: Any) -> list[str]:
    return sorted(c for c in (concept_code(str(v), scheme) for v in values) if c)


def _sources(store: Store, fact_class: URIRef) -> dict[str, list[dict[str, Any]]]:
    """Attestations of every fact of ``fact_class``, by fact IRI, sorted and without repeats."""
    by_fact: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for row in store.iter_rq("sources", factClass=fact_class):
        by_fact[_interned(row["fact"])].add((_interned(row["article"]), row["start"], row["end"], row["evidence"]))
    return {
        fact: [
            {"article": article, "evidence": evidence, "start": start, "end": end}
            for article, start, end, evidence in sorted(items, key=_source_order)
        ]
        for fact, items in by_fact.items()
    }


def _source_order(item: tuple[Any, ...]) -> tuple[Any, ...]:
    article, start, end, evidence = item
    return (article, -1 if start is None else start, -1 if end is None else end, evidence or "")


# ---- Places ----


def _places(store: Store) -> dict[str, dict[str, Any]]:
    """Every place by IRI, one value per field."""
    places = {}
    for iri, values in _attributes(store, CG.Place).items():
        linked = values.get(str(CG.linked), set())
        places[iri] = {
            "name": _first(values.get(str(CG.name), ())),
            "kind": _first(_codes(values.get(str(CG.placeKind), ()), PLACE_KIND)),
            "country": _first(values.get(str(CG.countryCode), ())),
            "linked": (False not in linked) if linked else None,
            "geonames": _first(values.get(str(CG.geonamesId), ())),
            "wikidata": _first(values.get(str(CG.wikidataId), ())),
            "kemendagri": _first(values.get(str(CG.kemendagriCode), ())),
            "lat": _first(values.get(str(CG.latitude), ())),
            "lon": _first(values.get(str(CG.longitude), ())),
        }
    return places


def _party(iri: str, place: dict[str, Any] | None, names: dict[str, str]) -> dict[str, Any]:
    place = place or {}
    return {
        "name": place.get("name") or names.get(iri),
        "country": place.get("country"),
        "kind": place.get("kind"),
        "id": iri,
        "geonames": place.get("geonames"),
        "wikidata": place.get("wikidata"),
        "kemendagri": place.get("kemendagri"),
    }


def _cities(store: Store) -> list[dict[str, Any]]:
    places = _places(store)
    counts = {row["place"]: int(row["agreements"]) for row in store.select_rq("place_agreements")}
    sources: dict[str, set[str]] = defaultdict(set)
    for row in store.iter_rq("place_sources"):
        sources[row["place"]].add(row["article"])
    rows = [
        {
            "id": iri,
            **place,
            "agreements": counts.get(iri, 0),
            "sources": [{"article": a, "evidence": None} for a in sorted(sources[iri])],
        }
        for iri, place in places.items()
    ]
    return sorted(rows, key=lambda r: (r["name"] or "", r["country"] or "", r["id"]))


# ---- Agreements ----


def _consolidation(store: Store, agreement_iris: Iterable[str]) -> dict[str, tuple[list[str], dict[str, int]]]:
    """``{canonical IRI: (member IRIs, corroboration)}`` covering every one of ``agreement_iris``.

    From the consolidation graph when it is current, else computed (see
    consolidate.current_consolidation); a node neither covers (not possible
    unless the graph changes between the two reads) is a row of its own.
    """
    iris = set(agreement_iris)
    consolidation: Consolidation = current_consolidation(store, iris)
    groups = {
        g.canonical: (list(g.members), g.corroboration.as_dict())
        for g in consolidation.groups
        if g.canonical in iris
    }
    covered = {m for members, _ in groups.values() for m in members}
    for iri in iris - covered:
        groups[iri] = ([iri], {})
    return groups


def _merged_date(values: Iterable[Any]) -> str | None:
    """The most precise date compatible with every value (parts joined), as its lexical form."""
    joined = join_dates(parse_date(str(v)) for v in values if v is not None)
    return joined.iso() if joined is not None else None


def _agreements(store: Store) -> list[dict[str, Any]]:
    places = _places(store)
    names = _names(store)
    sources = _sources(store, CG.Agreement)
    table = _attributes(store, CG.Agreement)
    rows = []
    for iri, (members, corroboration) in _consolidation(store, table).items():
        values: dict[str, set[Any]] = defaultdict(set)
        for member in members:
            for prop, found in table.get(member, {}).items():
                values[prop].update(found)

        def get(prop: URIRef, values: dict[str, set[Any]] = values) -> set[Any]:
            return values.get(str(prop), set())

        parties = [_party(p, places.get(p), names) for p in get(CG.party)]
        parties.sort(key=lambda p: (p["name"] or "", p["id"]))
        statuses = _codes(get(CG.status), STATUS)
        instruments = _codes(get(CG.instrument), INSTRUMENT)
        named = [i for i in instruments if i != UNSPECIFIED]
        forums = sorted(names.get(f, f) for f in get(CG.forum))
        items = {(s["article"], s["start"], s["end"], s["evidence"]) for m in members for s in sources.get(m, [])}
        row_sources = [
            {"article": article, "evidence": evidence, "start": start, "end": end}
            for article, start, end, evidence in sorted(items, key=_source_order)
        ]
        if not corroboration:  # a node the consolidation did not cover: counted from its sources alone
            corroboration = count_corroboration(Report(s["article"]) for s in row_sources).as_dict()
        rows.append(
            {
                "id": iri,
                "parties": parties,
                "instrument": named[0] if named else _first(instruments),
                "sister_city": True in get(CG.sisterCity),
                "status": max(statuses, key=lambda s: (_STATUS_RANK.get(s, -1), s)) if statuses else None,
                "date": _merged_date(get(CG.date)),
                "forum": forums[0] if forums else None,
                "domains": _codes(get(CG.domain), DOMAIN),
                "signatories": sorted({names.get(p, p) for p in get(CG.signatory)}),
                "sources": row_sources,
                "corroboration": corroboration,
            }
        )
    rows.sort(key=_agreement_order)
    return rows


# ---- People and forums ----


def _people(store: Store) -> list[dict[str, Any]]:
    names = _names(store)
    posts = _attributes(store, CG.Post)
    sources = _sources(store, CG.Appointment)
    rows = []
    for iri, values in _attributes(store, CG.Appointment).items():
        person = _first(values.get(str(CG.holder), ()))
        post = posts.get(_first(values.get(str(CG.office), ())) or "", {})
        of = sorted(names[n] for n in post.get(str(ORG.postIn), ()) if n in names)
        rows.append(
            {
                "id": iri,
                "person": person,
                "name": names.get(person) if person else None,
                "role": _first(_codes(post.get(str(CG.role), ()) or values.get(str(CG.role), ()), ROLE)),
                "of": of[0] if of else None,
                "acting": True in values.get(str(CG.acting), ()),
                "former": True in values.get(str(CG.former), ()),
                "sources": sources.get(iri, []),
            }
        )
    return sorted(rows, key=lambda r: (r["name"] or "", r["role"] or "", r["of"] or "", r["id"]))


def _forums(store: Store) -> list[dict[str, Any]]:
    names = _names(store)
    sources = _sources(store, CG.Forum)
    rows = []
    for iri, values in _attributes(store, CG.Forum).items():
        city = _first(values.get(str(CG.city), ()))
        rows.append(
            {
                "id": iri,
                "name": _first(values.get(str(CG.name), ())),
                "acronym": _first(values.get(str(CG.acronym), ())),
                "city": names.get(city) if city else None,
                "city_id": city,
                "sources": sources.get(iri, []),
            }
        )
    return sorted(rows, key=lambda r: (r["name"] or "", r["id"]))


def _agreement_order(row: dict[str, Any]) -> tuple[Any, ...]:
    return ([p["name"] or "" for p in row["parties"]], row["date"] or "", row["instrument"] or "", row["id"])
