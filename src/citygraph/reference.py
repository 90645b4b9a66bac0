"""Import authoritative sister-city data, linked to the places the news names.

News tells when and in which fields two cities cooperate, but only when a
journalist wrote about it; reference lists (Wikidata P190 "twinned
administrative body", a ministry register) tell which ties exist, but nothing
more. :func:`import_sister_cities` reads such a list from a CSV file and
writes every tie into the graph as a ``cg:ReferenceTie`` between the *same*
place IRIs the extractor mints, so SPARQL can join the two sources:
ties the reference lists but no article reports, ties the news reports that
the reference lacks, and the dates and domains news adds to a bare listed tie
(``queries/examples/reference_*.rq``, ``news_ties_not_in_reference.rq``).

The file format
---------------
UTF-8 CSV (a byte-order mark is allowed) with a header row; the columns of
``../shared/data/sister_cities_id.csv`` (Wikidata P190 as of 2016, CC0).
Columns are found by name, in any order; unknown columns are ignored.

Required columns (a value may be empty where said):

``id_label``
    name of the Indonesian side as the source gives it (non-empty).
``id_code``
    its Kemendagri code (``32.73``, ``31``), a key of the gazetteer. May be
    empty when the source cannot say which unit it means (the two
    "Yogyakarta" items): the side then becomes an unlinked place
    (``X-ID-<slug of id_label>``) that ``citygraph list cities --unlinked``
    shows for curation.
``partner_label``
    name of the partner as the source gives it (non-empty; often German in
    the 2016 crawl: "Mailand", "Präfektur Tokio").
``partner_country``
    ISO 3166-1 alpha-2 code of the partner's country. May be empty only when
    the partner is linked through one of the id columns below; when it is
    given it must agree with the gazetteer.

Optional columns:

``partner_geonames_id``, ``partner_code``, ``partner_iso_3166_2``
    the partner's GeoNames id, Kemendagri code (an Indonesian partner) or
    ISO 3166-2 code (a first-level division); the first one given and known
    to the gazetteer names the place (``GN-``, ``ID-``, ``ISO2-`` keys).
``partner_geonames_name``
    GeoNames' name of the partner, used for an unlinked partner (a better
    match for the news than a German label).
``id_qid``, ``partner_qid``
    Wikidata items (``Q…``); added to a place that the gazetteer gives no QID.
``reciprocal``
    ``yes``/``no`` (or ``true``/``false``): listed on both items or one.
``id_kind``, ``partner_kind``
    ``city``, ``regency``, ``province``, ``country`` or ``organisation``, for a
    place the gazetteer does not know (default ``city``; a division named by
    ``partner_iso_3166_2`` defaults to ``province``).
``id_note``, ``partner_country_source``
    read by people, not by the import.

A bad file is refused whole, before anything is written, with one line per
problem naming the file and line (:class:`ReferenceDataError`), e.g.
``ties.csv:7: partner_geonames_id 'x12' is not a GeoNames id (digits)``.

What is written
---------------
One named graph per imported file, ``resource/graph/reference/<name>``
(``name`` defaults to ``sister-cities-<file stem>``), replaced in one
transaction on every import, so importing twice equals importing once and a
corrected file retracts what it no longer lists. It holds:

* one ``cg:ReferenceTie`` per unordered pair of places (rows naming the same
  pair are one tie, with each row's ``cg:sourceLine``), with
  ``cg:twinnedPlace`` ×2, ``cg:reciprocal``, ``rdfs:label``,
  ``prov:wasDerivedFrom`` the file and ``prov:wasGeneratedBy`` the import;
* the places, described exactly as an article describes them (the gazetteer's
  name, kind, codes, coordinates; :func:`citygraph.rdf.extraction_to_graph`
  writes them), plus a QID the gazetteer lacks;
* the file as a ``prov:Entity`` (``schema:name``, ``schema:sha256``,
  ``dcterms:license``, ``dcterms:source``) and the ``cg:ReferenceImport``
  activity that ``prov:used`` it, with ``cg:tieCount``. No time stamp, as in
  the consolidation graph: the same file always gives the very same graph.

Ties are not agreements (``cg:ReferenceTie`` is disjoint with
``cg:Agreement``): they stay out of ``list agreements``, the consolidation and
the agreement shapes. Their places are ordinary ``cg:Place`` nodes, so a place
only the reference names is listed by ``list cities`` (with no sources and
no agreements).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO

from citygraph.errors import CitygraphError
from citygraph.extract.gazetteer import Gazetteer
from citygraph.model import Article, Extraction, Place, PlaceKind
from citygraph.rdf import article_iri, extraction_to_graph, mint_place_iri, slugify
from citygraph.store import Store
from citygraph.vocab import CG, PREFIXES, REFERENCE_GRAPH_PREFIX, RES

log = logging.getLogger(__name__)

#: Columns a sister-city file must have (values may be empty where the module docstring says).
REQUIRED_COLUMNS = ("id_label", "id_code", "partner_label", "partner_country")
#: Columns read when present.
OPTIONAL_COLUMNS = (
    "id_qid", "id_kind", "id_note",
    "partner_qid", "partner_kind", "partner_code", "partner_iso_3166_2", "partner_geonames_id",
    "partner_geonames_name", "partner_country_source", "reciprocal",
)

#: The licence assumed when none is given: the documented format is a Wikidata
#: extract, and Wikidata's data are CC0.
CC0 = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
#: What the documented format lists: Wikidata property P190, "twinned administrative body".
WIKIDATA_P190 = URIRef("http://www.wikidata.org/entity/P190")

_KEMENDAGRI = re.compile(r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$")
_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_KINDS = {kind.value: kind for kind in PlaceKind}
#: A dummy article id: place descriptions are borrowed from rdf.extraction_to_graph.
_PLACES_ONLY = "urn:citygraph:reference-places"


class ReferenceDataError(CitygraphError):
    """A reference file cannot be imported; nothing was written.

    ``problems`` holds one line per problem (``file:line: what is wrong``), in
    file order; the message is the first, with how many more there are.
    """

    def __init__(self, problems: list[str]) -> None:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)
        self.problems = problems


@dataclass
class ImportSummary:
    """What one :func:`import_sister_cities` run wrote."""

    source: str  # the file name
    graph: str  # the named graph's IRI
    rows: int = 0  # data rows read
    ties: int = 0  # distinct ties written (pairs of places)
    duplicates: int = 0  # rows naming a pair an earlier row named
    places: int = 0  # distinct places
    unlinked: list[str] = field(default_factory=list)  # keys of places the gazetteer did not know
    triples: int = 0  # written to the graph
    #: Things worth a look that did not stop the import (one line each, naming the file),
    #: e.g. a place the rows give two Wikidata items: the CLI prints them on stderr.
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "graph": self.graph, "rows": self.rows, "ties": self.ties,
                "duplicates": self.duplicates, "places": self.places, "unlinked": len(self.unlinked),
                "triples": self.triples}


@dataclass
class Tie:
    """One pair of places as the file lists it, over all rows that name it."""

    places: tuple[Place, Place]
    lines: list[int] = field(default_factory=list)
    reciprocal: set[bool] = field(default_factory=set)


# ---- IRIs ----
#
# Minted here, from content only (the name of the import and the place keys),
# so a re-import mints the same IRIs. Reference data have no other writer;
# should another module need them, these belong in rdf.py.


def reference_name(path: str | Path) -> str:
    """The default name of an import: ``sister-cities-<slug of the file stem>``."""
    return f"sister-cities-{slugify(Path(path).stem)}"


def reference_graph_iri(name: str) -> URIRef:
    """``resource/graph/reference/{name}``: the named graph one imported file owns."""
    return URIRef(REFERENCE_GRAPH_PREFIX + quote(name, safe=""))


def reference_source_iri(name: str) -> URIRef:
    return URIRef(f"{RES}reference/{quote(name, safe='')}")


def reference_activity_iri(name: str) -> URIRef:
    return URIRef(f"{RES}activity/reference-import/{quote(name, safe='')}")


def mint_tie_iri(name: str, keys: Iterable[str]) -> URIRef:
    """``resource/reference-tie/{name}/{sha1 of the sorted place keys, 16 hex}``."""
    payload = json.dumps(sorted(keys), ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return URIRef(f"{RES}reference-tie/{quote(name, safe='')}/{digest}")


# ---- Reading the file ----


class _Reader:
    """Resolves rows to places, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path, gazetteer: Gazetteer, data: bytes | None = None) -> None:
        self.path = path
        self.data = data
        self.gazetteer = gazetteer
        self.problems: list[str] = []
        self.qids: dict[str, set[str]] = {}  # place key -> QIDs the rows give it

    def problem(self, line: int | None, message: str) -> None:
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        self.problems.append(f"{where}: {message}")

    def rows(self) -> list[tuple[int, dict[str, str]]]:
        """``(line, row)`` for every non-blank data row, values stripped."""
        try:
            data = self.path.read_bytes() if self.data is None else self.data
            text = data.decode("utf-8-sig")
        except OSError as e:
            self.problem(None, f"cannot read the file: {e.strerror or e}")
            return []
        except UnicodeDecodeError as e:
            self.problem(None, f"not UTF-8 text (byte {e.start}); save it as UTF-8 CSV")
            return []
        reader = csv.reader(text.splitlines(keepends=True))
        try:
            header = [h.strip() for h in next(reader, [])]
        except csv.Error as e:
            self.problem(1, f"not CSV: {e}")
            return []
        if not any(header):
            self.problem(None, "empty file; expected a header row with " + ", ".join(REQUIRED_COLUMNS))
            return []
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            self.problem(1, f"missing column(s) {', '.join(missing)}; the header has {', '.join(header)}")
            return []
        rows = []
        try:
            for values in reader:
                line = reader.line_num
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(header):
                    self.problem(line, f"{len(values)} fields but the header has {len(header)}")
                    continue
                values = values + [""] * (len(header) - len(values))
                rows.append((line, {h: v.strip() for h, v in zip(header, values, strict=True) if h}))
        except csv.Error as e:
            self.problem(reader.line_num, f"not CSV: {e}")
        return rows

    # -- places --

    def _kind(self, line: int, row: dict[str, str], column: str, default: PlaceKind) -> PlaceKind:
        value = row.get(column, "").lower()
        if not value:
            return default
        if value not in _KINDS:
            self.problem(line, f"{column} {value!r} is not one of {', '.join(_KINDS)}")
            return default
        return _KINDS[value]

    def _qid(self, line: int, row: dict[str, str], column: str) -> str | None:
        value = row.get(column, "")
        if value and not _QID.match(value):
            self.problem(line, f"{column} {value!r} is not a Wikidata item (Q followed by digits)")
            return None
        return value or None

    def _kemendagri(self, line: int, column: str, code: str) -> Place | None:
        if not _KEMENDAGRI.match(code):
            self.problem(line, f"{column} {code!r} is not a Kemendagri code (e.g. 32.73)")
            return None
        place = self.gazetteer.get(f"ID-{code}")
        if place is None:
            self.problem(line, f"{column} {code!r} is not a Kemendagri code the gazetteer knows")
        return place

    def indonesian_side(self, line: int, row: dict[str, str]) -> Place | None:
        label, code = row["id_label"], row["id_code"]
        if not label:
            self.problem(line, "id_label is empty")
            return None
        qid = self._qid(line, row, "id_qid")
        kind = self._kind(line, row, "id_kind", PlaceKind.CITY)
        place = self._kemendagri(line, "id_code", code) if code else self.gazetteer.unlinked(label, kind, "ID")
        return self._with_qid(place, qid)

    def partner(self, line: int, row: dict[str, str]) -> Place | None:
        label = row["partner_label"]
        if not label:
            self.problem(line, "partner_label is empty")
            return None
        qid = self._qid(line, row, "partner_qid")
        country = row["partner_country"].upper()
        if country and not _COUNTRY.match(country):
            self.problem(line, f"partner_country {row['partner_country']!r} is not an ISO 3166-1 alpha-2 code")
            return None
        geonames = row.get("partner_geonames_id", "")
        code = row.get("partner_code", "")
        division = row.get("partner_iso_3166_2", "").upper()
        kind = self._kind(line, row, "partner_kind", PlaceKind.PROVINCE if division else PlaceKind.CITY)
        place: Place | None = None
        fallback_name = row.get("partner_geonames_name") or label
        if geonames:
            if not geonames.isdigit():
                self.problem(line, f"partner_geonames_id {geonames!r} is not a GeoNames id (digits)")
                return None
            place = self.gazetteer.get(f"GN-{geonames}")
        if place is None and code:
            place = self._kemendagri(line, "partner_code", code)
            if place is None:
                return None
        if place is None and division:
            if not _ISO_3166_2.match(division):
                self.problem(line, f"partner_iso_3166_2 {division!r} is not an ISO 3166-2 code (e.g. JP-26)")
                return None
            place = self.gazetteer.get(f"ISO2-{division}")
        if place is not None:
            if country and place.country and place.country != country:
                self.problem(line, f"partner_country {country} disagrees with the gazetteer's {place.country} "
                                   f"for {place.key} ({place.name})")
                return None
            return self._with_qid(place, qid)
        # Unknown to the gazetteer: an unlinked place, keyed as the extractor keys one.
        country = country or (division[:2] if division else "")
        if not country:
            self.problem(line, f"partner {label!r} is not in the gazetteer, so partner_country is needed")
            return None
        place = self.gazetteer.unlinked(fallback_name, kind, country)
        place = replace(place, geonames=geonames or None, iso3166_2=division or None)
        return self._with_qid(place, qid)

    def _with_qid(self, place: Place | None, qid: str | None) -> Place | None:
        if place is not None and qid:
            self.qids.setdefault(place.key, set()).add(qid)
        return place

    def reciprocal(self, line: int, row: dict[str, str]) -> bool | None:
        value = row.get("reciprocal", "").lower()
        if not value:
            return None
        if value in _YES:
            return True
        if value in _NO:
            return False
        self.problem(line, f"reciprocal {row['reciprocal']!r} is not yes or no")
        return None


@dataclass
class ReadTies:
    """What :func:`read_ties` found in a file."""

    ties: list[Tie]
    qids: dict[str, str]  # place key -> the one Wikidata item the rows give it
    rows: int
    notes: list[str]


def read_ties(path: str | Path, gazetteer: Gazetteer | None = None, *, data: bytes | None = None) -> ReadTies:
    """The ties of a sister-city file, the QID to add to each place, the number of data rows, notes.

    ``data`` is the file's content when the caller has read it already
    (``path`` then only names it in messages). Raises
    :class:`ReferenceDataError` listing every problem when any row is bad.
    """
    reader = _Reader(Path(path), gazetteer or Gazetteer.default(), data)
    rows = reader.rows()
    ties: dict[tuple[str, str], Tie] = {}
    for line, row in rows:
        ours = reader.indonesian_side(line, row)
        theirs = reader.partner(line, row)
        reciprocal = reader.reciprocal(line, row)
        if ours is None or theirs is None:
            continue
        if ours.key == theirs.key:
            reader.problem(line, f"both sides are {ours.key} ({ours.name}); a tie needs two places")
            continue
        pair = tuple(sorted((ours, theirs), key=lambda p: p.key))
        key = (pair[0].key, pair[1].key)
        tie = ties.setdefault(key, Tie((pair[0], pair[1])))
        tie.lines.append(line)
        if reciprocal is not None:
            tie.reciprocal.add(reciprocal)
    if reader.problems:
        raise ReferenceDataError(reader.problems)
    qids, notes = {}, []
    for key, found in sorted(reader.qids.items()):
        if len(found) == 1:
            qids[key] = next(iter(found))
        else:
            notes.append(f"{path}: the rows give {key} several Wikidata items ({', '.join(sorted(found))}); "
                         "none is added")
            log.info(notes[-1])
    return ReadTies([ties[k] for k in sorted(ties)], qids, len(rows), notes)


# ---- Writing the graph ----


def _place_triples(places: list[Place]) -> Graph:
    """The places described exactly as an article's graph describes them.

    Borrowed from :func:`citygraph.rdf.extraction_to_graph` on a place-only
    extraction (less its dummy article node), so the two descriptions cannot
    drift apart.
    """
    graph = extraction_to_graph(Extraction(Article(id=_PLACES_ONLY, text=""), "", places=places))
    graph.remove((article_iri(_PLACES_ONLY), None, None))
    return graph


def sister_cities_graph(
    ties: list[Tie], qids: dict[str, str], *, name: str, file_name: str, sha256: str,
    licence: URIRef, origin: URIRef | None,
) -> Graph:
    """The reference graph of one import (see the module docstring)."""
    graph = Graph(identifier=reference_graph_iri(name))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    source, activity = reference_source_iri(name), reference_activity_iri(name)
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, RDF.type, SDO.Dataset))
    graph.add((source, SDO.name, Literal(file_name)))
    graph.add((source, SDO.sha256, Literal(sha256)))
    graph.add((source, DCTERMS.license, licence))
    if origin is not None:
        graph.add((source, DCTERMS.source, origin))
    graph.add((activity, RDF.type, CG.ReferenceImport))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.used, source))
    graph.add((activity, CG.tieCount, Literal(len(ties), datatype=XSD.integer)))
    graph.add((graph.identifier, PROV.wasGeneratedBy, activity))
    places: dict[str, Place] = {}
    for tie in ties:
        for place in tie.places:
            places[place.key] = place
        node = mint_tie_iri(name, (p.key for p in tie.places))
        graph.add((node, RDF.type, CG.ReferenceTie))
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, RDFS.label, Literal(" – ".join(sorted(p.name for p in tie.places)))))
        for place in tie.places:
            graph.add((node, CG.twinnedPlace, mint_place_iri(place)))
        if tie.reciprocal:
            graph.add((node, CG.reciprocal, Literal(True in tie.reciprocal)))
        for line in tie.lines:
            graph.add((node, CG.sourceLine, Literal(line, datatype=XSD.integer)))
        graph.add((node, PROV.wasDerivedFrom, source))
        graph.add((node, PROV.wasGeneratedBy, activity))
    described = [
        replace(place, wikidata=qids[key]) if key in qids and not place.wikidata else place
        for key, place in sorted(places.items())
    ]
    graph += _place_triples(described)
    return graph


def import_sister_cities(
    store: Store, path: str | Path, *, name: str | None = None, licence: str | URIRef = CC0,
    origin: str | URIRef | None = WIKIDATA_P190, gazetteer: Gazetteer | None = None,
) -> ImportSummary:
    """Import a sister-city CSV file into its own named graph, replacing an earlier import of it.

    ``name`` names the import (default :func:`reference_name`: the file stem);
    importing a file under the same name again replaces its ties in one
    transaction, so re-import is idempotent and corrections retract. ``licence``
    and ``origin`` (an IRI each; ``origin=None`` to omit it) describe where the
    file comes from; the defaults fit the documented Wikidata P190 extract.

    Raises :class:`ReferenceDataError` (nothing written) when the file is bad.
    """
    file = Path(path)
    name = name or reference_name(file)
    try:
        data = file.read_bytes()
    except OSError as e:
        raise ReferenceDataError([f"{file}: cannot read the file: {e.strerror or e}"]) from e
    found = read_ties(file, gazetteer, data=data)
    ties = found.ties
    graph = sister_cities_graph(
        ties, found.qids, name=name, file_name=file.name, sha256=hashlib.sha256(data).hexdigest(),
        licence=URIRef(str(licence)), origin=None if origin is None else URIRef(str(origin)),
    )
    store.replace_graph(graph.identifier, graph)
    places = {p.key: p for tie in ties for p in tie.places}
    return ImportSummary(
        source=file.name,
        graph=str(graph.identifier),
        rows=found.rows,
        ties=len(ties),
        duplicates=sum(len(t.lines) - 1 for t in ties),
        places=len(places),
        unlinked=sorted(k for k, p in places.items() if not p.linked),
        triples=len(graph),
        notes=found.notes,
    )
