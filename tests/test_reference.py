"""reference: sister-city CSV files imported as cg:ReferenceTie, joined with the news on place IRIs.

Real on-disk stores, the real gazetteer, CSV files written per test; the
project's sample articles (data/articles) for the join with what the real
extractor reads; ../shared/data/sister_cities_id.csv where it is present.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import DCTERMS, PROV, SDO

from citygraph.consolidate import consolidate
from citygraph.errors import CitygraphError
from citygraph.examples import run_example
from citygraph.extract.gazetteer import Gazetteer
from citygraph.ingest import ingest as ingest_paths
from citygraph.listing import list_rows, stats
from citygraph.model import PlaceKind
from citygraph.rdf import mint_place_iri
from citygraph.reference import (
    CC0,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ReferenceDataError,
    import_sister_cities,
    mint_tie_iri,
    reference_activity_iri,
    reference_graph_iri,
    reference_name,
    reference_source_iri,
)
from citygraph.store import Store, open_store
from citygraph.validate import validate_graph, validate_store
from citygraph.vocab import CG, REFERENCE_GRAPH_PREFIX
from fixtures_backend import all_extractions, ingest, sorted_quads

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "articles"
HEADER = ",".join(
    ["id_qid", "id_label", "id_code", "id_note", "partner_qid", "partner_label", "partner_code",
     "partner_iso_3166_2", "partner_geonames_id", "partner_geonames_name", "partner_country",
     "partner_country_source", "reciprocal"]
)
#: Rows in the shape of ../shared/data/sister_cities_id.csv: a GeoNames partner, a division,
#: an Indonesian partner, a partner the gazetteer does not know, an Indonesian side without a code.
ROWS = [
    "Q7253,Padang,13.71,,Q3185,Hildesheim,,,2904789,Hildesheim,DE,geonames_label_match,yes",
    "Q3630,Jakarta,31,,Q1490,Präfektur Tokio,,JP-13,,,JP,manual,yes",
    "Q14499,Samarinda,64.72,,Q14634,Makassar,73.71,,,,ID,indonesia,yes",
    "Q7253,Padang,13.71,,Q803986,Bait Lahiya,,,,,PS,manual,no",
    "Q7568,Yogyakarta,,ambiguous label,Q586,Bonn,,,2946447,Bonn,DE,geonames_label_match,yes",
]


def write_csv(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def graph_of(store: Store, iri: URIRef) -> rdflib.Graph:
    """One named graph of the store as an rdflib Graph."""
    dataset = store.to_dataset()
    return dataset.graph(iri)


@pytest.fixture
def ties_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "ties.csv", ROWS)


# ---- What an import writes ----


def test_ties_link_the_places_the_extractor_mints(store_path: Path, ties_csv: Path) -> None:
    with open_store(str(store_path)) as store:
        summary = import_sister_cities(store, ties_csv)
        graph = graph_of(store, reference_graph_iri("sister-cities-ties"))
    assert summary.as_dict() == {
        "source": "ties.csv", "graph": REFERENCE_GRAPH_PREFIX + "sister-cities-ties", "rows": 5, "ties": 5,
        "duplicates": 0, "places": 9, "unlinked": 2, "triples": len(graph),
    }
    assert summary.unlinked == ["X-ID-yogyakarta", "X-PS-bait-lahiya"]
    pairs = {
        frozenset(str(p).rsplit("/", 1)[1] for p in graph.objects(tie, CG.twinnedPlace))
        for tie in graph.subjects(RDF.type, CG.ReferenceTie)
    }
    assert pairs == {
        frozenset({"ID-13.71", "GN-2904789"}), frozenset({"ID-31", "ISO2-JP-13"}),
        frozenset({"ID-64.72", "ID-73.71"}), frozenset({"ID-13.71", "X-PS-bait-lahiya"}),
        frozenset({"X-ID-yogyakarta", "GN-2946447"}),
    }
    # Places are described as an article describes them: the gazetteer's name, kind and codes.
    padang = mint_place_iri("ID-13.71")
    assert graph.value(padang, CG.name) == Literal("Padang")
    assert graph.value(padang, CG.kemendagriCode) == Literal("13.71")
    assert (mint_place_iri("ISO2-JP-13"), RDF.type, CG.Province) in graph
    # A QID the gazetteer lacks comes from the file; an unlinked place stays unlinked.
    bait_lahiya = mint_place_iri("X-PS-bait-lahiya")
    assert graph.value(bait_lahiya, CG.wikidataId) == Literal("Q803986")
    assert graph.value(bait_lahiya, CG.linked) == Literal(False)
    assert graph.value(bait_lahiya, CG.countryCode) == Literal("PS")


def test_place_descriptions_equal_the_extractors(store_path: Path, tmp_path: Path) -> None:
    """Padang and Hildesheim read from a sample article and listed in a file: one description, not two."""
    with open_store(str(store_path)) as store:
        ingest_paths([SAMPLES / "padang-hildesheim-perpanjangan.txt"], store)
        import_sister_cities(store, write_csv(tmp_path / "ties.csv", ROWS[:1]))
        dataset = store.to_dataset()
    article = dataset.graph(URIRef("https://w3id.org/citygraph/resource/graph/article/padang-hildesheim-perpanjangan"))
    reference = dataset.graph(reference_graph_iri("sister-cities-ties"))
    for key in ("ID-13.71", "GN-2904789"):
        node = mint_place_iri(key)
        assert set(article.predicate_objects(node)) == set(reference.predicate_objects(node)), key


def test_provenance_names_the_file_its_hash_and_licence_and_no_time(store_path: Path, ties_csv: Path) -> None:
    with open_store(str(store_path)) as store:
        import_sister_cities(store, ties_csv)
        graph = graph_of(store, reference_graph_iri("sister-cities-ties"))
    source, activity = reference_source_iri("sister-cities-ties"), reference_activity_iri("sister-cities-ties")
    assert graph.value(source, SDO.name) == Literal("ties.csv")
    assert graph.value(source, SDO.sha256) == Literal(hashlib.sha256(ties_csv.read_bytes()).hexdigest())
    assert graph.value(source, DCTERMS.license) == CC0
    assert (activity, RDF.type, CG.ReferenceImport) in graph
    assert (activity, PROV.used, source) in graph
    assert graph.value(activity, CG.tieCount) == Literal(5, datatype=XSD.integer)
    assert (reference_graph_iri("sister-cities-ties"), PROV.wasGeneratedBy, activity) in graph
    tie = mint_tie_iri("sister-cities-ties", ["ID-13.71", "GN-2904789"])
    assert graph.value(tie, PROV.wasDerivedFrom) == source
    assert graph.value(tie, PROV.wasGeneratedBy) == activity
    assert graph.value(tie, CG.sourceLine) == Literal(2, datatype=XSD.integer)
    assert graph.value(tie, CG.reciprocal) == Literal(True)
    assert str(graph.value(tie, rdflib.RDFS.label)) == "Hildesheim – Padang"
    time_types = {XSD.dateTime, XSD.date, XSD.dateTimeStamp}
    assert not [o for o in graph.objects() if isinstance(o, Literal) and o.datatype in time_types]


def test_licence_origin_and_name_can_be_given(store_path: Path, ties_csv: Path) -> None:
    licence = "https://creativecommons.org/licenses/by/4.0/"
    with open_store(str(store_path)) as store:
        summary = import_sister_cities(store, ties_csv, name="kemendagri-2024", licence=licence, origin=None)
        graph = graph_of(store, URIRef(summary.graph))
    source = reference_source_iri("kemendagri-2024")
    assert summary.graph == REFERENCE_GRAPH_PREFIX + "kemendagri-2024"
    assert graph.value(source, DCTERMS.license) == URIRef(licence)
    assert graph.value(source, DCTERMS.source) is None


def test_reimport_is_idempotent_and_a_corrected_file_retracts(store_path: Path, ties_csv: Path) -> None:
    with open_store(str(store_path)) as store:
        import_sister_cities(store, ties_csv)
        once = sorted_quads(store)
        import_sister_cities(store, ties_csv)
        assert sorted_quads(store) == once
        write_csv(ties_csv, ROWS[:2])
        summary = import_sister_cities(store, ties_csv)
        graph = graph_of(store, URIRef(summary.graph))
        assert summary.ties == 2
        assert len(set(graph.subjects(RDF.type, CG.ReferenceTie))) == 2
        assert (None, None, mint_place_iri("X-PS-bait-lahiya")) not in graph


def test_two_files_are_two_graphs(store_path: Path, tmp_path: Path) -> None:
    with open_store(str(store_path)) as store:
        first = import_sister_cities(store, write_csv(tmp_path / "a.csv", ROWS[:2]))
        second = import_sister_cities(store, write_csv(tmp_path / "b.csv", ROWS[2:]))
        graphs = {str(g.identifier) for g in store.to_dataset().graphs()}
    assert {first.graph, second.graph} <= graphs
    assert first.graph != second.graph
    assert reference_name(tmp_path / "Sister Cities 2016.csv") == "sister-cities-sister-cities-2016"


def test_rows_naming_one_pair_are_one_tie(store_path: Path, tmp_path: Path) -> None:
    rows = [
        "Q7568,Yogyakarta,,ambiguous,Q120730,Präfektur Kyōto,,JP-26,,,JP,manual,no",
        "Q3741,Yogyakarta,,ambiguous,Q120730,Präfektur Kyōto,,JP-26,,,JP,manual,yes",
    ]
    with open_store(str(store_path)) as store:
        summary = import_sister_cities(store, write_csv(tmp_path / "dup.csv", rows))
        graph = graph_of(store, URIRef(summary.graph))
    assert (summary.rows, summary.ties, summary.duplicates) == (2, 1, 1)
    tie = next(graph.subjects(RDF.type, CG.ReferenceTie))
    assert sorted(int(o) for o in graph.objects(tie, CG.sourceLine)) == [2, 3]
    assert graph.value(tie, CG.reciprocal) == Literal(True)  # listed both ways by one of the rows
    # Two items for one unlinked place: which is right is unknown, so neither is added, and a note says so.
    assert graph.value(mint_place_iri("X-ID-yogyakarta"), CG.wikidataId) is None
    note = f"{tmp_path / 'dup.csv'}: the rows give X-ID-yogyakarta several Wikidata items (Q3741, Q7568); none is added"
    assert summary.notes == [note]


def test_unknown_ids_fall_back_to_unlinked_places_keyed_like_the_extractors(
    store_path: Path, tmp_path: Path,
) -> None:
    rows = [  # a GeoNames id and a division the gazetteer does not hold
        "Q10389,Bandung,32.73,,,Mihara,,,99999999,Mihara,JP,manual,yes",
        "Q10389,Bandung,32.73,,,Nowhere Region,,ZZ-99,,,,manual,yes",
    ]
    with open_store(str(store_path)) as store:
        summary = import_sister_cities(store, write_csv(tmp_path / "u.csv", rows))
    gazetteer = Gazetteer.default()
    assert summary.unlinked == sorted([gazetteer.unlinked("Mihara", PlaceKind.CITY, "JP").key,
                                       gazetteer.unlinked("Nowhere Region", PlaceKind.PROVINCE, "ZZ").key])


# ---- Ties are not agreements ----


def test_ties_stay_out_of_agreements_consolidation_and_validate(store_path: Path, ties_csv: Path) -> None:
    with open_store(str(store_path)) as store:
        ingest(store, all_extractions())
        consolidate(store)
        before = (list_rows(store, "agreements"), stats(store)["agreements"])
        import_sister_cities(store, ties_csv)
        consolidate(store)
        assert (list_rows(store, "agreements"), stats(store)["agreements"]) == before
        report = validate_store(store)
        cities = {row["id"] for row in list_rows(store, "cities")}
    assert report.conforms, "\n".join(report.violations)
    assert str(mint_place_iri("X-PS-bait-lahiya")) in cities  # a place the reference alone names is a place


def test_a_tie_reported_by_a_sample_article_gets_its_date_and_domains(store_path: Path, tmp_path: Path) -> None:
    """The real extractor on data/articles, joined with a listed tie through the place IRIs."""
    with open_store(str(store_path)) as store:
        ingest_paths([SAMPLES], store)
        import_sister_cities(store, write_csv(tmp_path / "ties.csv", ROWS[:2]))
        enriched = run_example(store, "reference_ties_enriched_by_news")
        listed_only = run_example(store, "reference_ties_not_in_news")
    found = {row[2]: row for row in enriched.rows}  # by ?placeName
    assert set(found) == {"Padang"}
    padang = dict(zip(enriched.variables, found["Padang"], strict=True))
    assert padang["partnerName"] == "Hildesheim"
    assert padang["date"] == "2019-11-07"
    assert "education" in padang["domains"].split()
    assert [row[2:5] for row in listed_only.rows] == [("Jakarta", str(mint_place_iri("ISO2-JP-13")), "Tokyo")]


# ---- SHACL shapes for reference data ----

SHAPES_PREFIXES = """
@prefix cg:     <https://w3id.org/citygraph/ontology#> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix res:    <https://w3id.org/citygraph/resource/> .
@prefix kind:   <https://w3id.org/citygraph/concept/place-kind/> .
"""

GOOD_REFERENCE = SHAPES_PREFIXES + """
res:bogor a cg:Place, cg:City ; cg:name "Bogor" ; cg:placeKind kind:city .
res:seoul a cg:Place, cg:City ; cg:name "Seoul" ; cg:placeKind kind:city .
res:file a prov:Entity ; schema:name "ties.csv" ;
    schema:sha256 "0000000000000000000000000000000000000000000000000000000000000000" ;
    dct:license <https://creativecommons.org/publicdomain/zero/1.0/> .
res:import a cg:ReferenceImport, prov:Activity ; prov:used res:file ; cg:tieCount 1 .
res:tie a cg:ReferenceTie ; cg:twinnedPlace res:bogor, res:seoul ; cg:reciprocal true ; cg:sourceLine 2 ;
    prov:wasDerivedFrom res:file ; prov:wasGeneratedBy res:import .
"""


def shacl(text: str) -> list[str]:
    return validate_graph(rdflib.Graph().parse(data=text, format="turtle")).violations


def test_a_well_formed_reference_graph_conforms() -> None:
    assert shacl(GOOD_REFERENCE) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("cg:twinnedPlace res:bogor, res:seoul", "cg:twinnedPlace res:bogor", "exactly two distinct places"),
        ("res:tie a cg:ReferenceTie", "res:tie a cg:ReferenceTie, cg:Agreement", "never also a cg:Agreement"),
        ("cg:sourceLine 2", "cg:sourceLine 1", "line(s) of its source file"),
        ("cg:reciprocal true", 'cg:reciprocal "yes"', "reciprocal is at most one xsd:boolean"),
        ("prov:wasDerivedFrom res:file ;", "", "prov:wasDerivedFrom its source file"),
        ("prov:used res:file ; cg:tieCount 1", "prov:used res:file", "exactly one cg:tieCount"),
        # the file's own shape is checked through the import (sh:node), which reports it
        ('schema:sha256 "0000', 'schema:sha256 "zz00', "with its name, SHA-256 and licence"),
        ("dct:license <https://creativecommons.org/publicdomain/zero/1.0/> .", ".", "with its name, SHA-256 and"),
    ],
    ids=["one place", "also an agreement", "header line", "boolean", "no source", "no count", "bad hash",
         "no licence"],
)
def test_malformed_reference_graphs_fail_with_their_message(old: str, new: str, message: str) -> None:
    assert old in GOOD_REFERENCE
    violations = shacl(GOOD_REFERENCE.replace(old, new))
    assert any(message in line for line in violations), violations


# ---- Bad input: one line per problem, naming file and line; nothing written ----


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (["Q1,Padang,13.71,,,Hildesheim,,,29x,,DE,,yes"], ":2: partner_geonames_id '29x' is not a GeoNames id"),
        (["Q1,Padang,99.99,,,Hildesheim,,,2904789,,DE,,yes"], ":2: id_code '99.99' is not a Kemendagri code the"),
        (["Q1,Padang,13-71,,,Hildesheim,,,2904789,,DE,,yes"], ":2: id_code '13-71' is not a Kemendagri code (e.g."),
        (["Q1,,13.71,,,Hildesheim,,,2904789,,DE,,yes"], ":2: id_label is empty"),
        (["Q1,Padang,13.71,,,,,,2904789,,DE,,yes"], ":2: partner_label is empty"),
        (["Q1,Padang,13.71,,,Hildesheim,,,2904789,,DE,,maybe"], ":2: reciprocal 'maybe' is not yes or no"),
        (["Q1,Padang,13.71,,,Hildesheim,,,2904789,,FR,,yes"], ":2: partner_country FR disagrees with the gazetteer"),
        (["Q1,Padang,13.71,,,Hildesheim,,,2904789,,Germany,,yes"], ":2: partner_country 'Germany' is not an ISO"),
        (["Q1,Padang,13.71,,,Somewhere,,,,,,,yes"], ":2: partner 'Somewhere' is not in the gazetteer, so partner_"),
        (["Q1,Padang,13.71,,,Padang,13.71,,,,ID,,yes"], ":2: both sides are ID-13.71 (Padang)"),
        (["x1,Padang,13.71,,,Hildesheim,,,2904789,,DE,,yes"], ":2: id_qid 'x1' is not a Wikidata item"),
        (["Q1,Padang,13.71,,,Kyoto,,JP26,,,JP,,yes"], ":2: partner_iso_3166_2 'JP26' is not an ISO 3166-2 code"),
        (["Q1,Padang,13.71,,,Hildesheim,,,2904789,,DE,,yes,extra"], ":2: 14 fields but the header has 13"),
    ],
    ids=["geonames", "unknown code", "malformed code", "no label", "no partner", "reciprocal",
         "country disagrees", "country name", "no country", "self tie", "qid", "iso 3166-2", "extra field"],
)
def test_bad_rows_are_refused_naming_file_and_line(tmp_path: Path, rows: list[str], expected: str) -> None:
    path = write_csv(tmp_path / "bad.csv", rows)
    with open_store(":memory:") as store, pytest.raises(ReferenceDataError) as caught:
        import_sister_cities(store, path)
    assert str(caught.value) == caught.value.problems[0]
    assert caught.value.problems[0].startswith(str(path) + expected)
    assert "\n" not in str(caught.value)


def test_every_problem_is_listed_and_nothing_is_written(store_path: Path, tmp_path: Path) -> None:
    rows = [ROWS[0], "Q1,Padang,13.71,,,Hildesheim,,,29x,,DE,,yes", ROWS[1], "Q1,,13.71,,,X,,,1,,DE,,no"]
    path = write_csv(tmp_path / "bad.csv", rows)
    with open_store(str(store_path)) as store:
        before = sorted_quads(store)
        with pytest.raises(ReferenceDataError) as caught:
            import_sister_cities(store, path)
        assert sorted_quads(store) == before
    assert [p.split(": ", 1)[0] for p in caught.value.problems] == [f"{path}:3", f"{path}:5"]
    assert str(caught.value).endswith("(and 1 more problems)")
    assert isinstance(caught.value, CitygraphError)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file; expected a header row with " + ", ".join(REQUIRED_COLUMNS)),
        (b"id_label,partner_label\nBogor,Seoul\n", ":1: missing column(s) id_code, partner_country; the header"),
        ("id_label,id_code\nBogor,32.71\n".encode("utf-16"), "not UTF-8 text"),
    ],
    ids=["empty", "missing columns", "not utf-8"],
)
def test_bad_files_are_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with open_store(":memory:") as store, pytest.raises(ReferenceDataError, match=None) as caught:
        import_sister_cities(store, path)
    assert str(caught.value).startswith(str(path)), caught.value
    assert expected in str(caught.value)


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with open_store(":memory:") as store, pytest.raises(ReferenceDataError, match="cannot read the file"):
        import_sister_cities(store, tmp_path / "absent.csv")


def test_byte_order_mark_blank_lines_reordered_and_unknown_columns_are_fine(tmp_path: Path) -> None:
    header = "partner_country,extra,partner_label,id_code,id_label,partner_geonames_id"
    text = "\ufeff" + header + "\n\nDE,?,Hildesheim,13.71,Padang,2904789\n\n"
    path = tmp_path / "bom.csv"
    path.write_text(text, encoding="utf-8")
    with open_store(":memory:") as store:
        summary = import_sister_cities(store, path)
    assert (summary.rows, summary.ties) == (1, 1)
    assert set(OPTIONAL_COLUMNS).isdisjoint(REQUIRED_COLUMNS)


# ---- The shared reference file ----


def test_the_shared_sister_city_file_imports_and_conforms(shared_dir: Path, store_path: Path) -> None:
    path = shared_dir / "data" / "sister_cities_id.csv"
    with open_store(str(store_path)) as store:
        summary = import_sister_cities(store, path)
        first = to_isomorphic(graph_of(store, URIRef(summary.graph)))
        again = import_sister_cities(store, path)
        assert to_isomorphic(graph_of(store, URIRef(again.graph))) == first
        report = validate_store(store)
    assert report.conforms, "\n".join(report.violations[:10])
    # 100 rows; the two "Yogyakarta" items both list Kyoto Prefecture, which makes one tie.
    assert (summary.rows, summary.ties, summary.duplicates) == (100, 99, 1)
    # Yogyakarta (no code), and five partners GeoNames' city list cannot resolve.
    assert summary.unlinked == [
        "X-DE-landkreis-hildesheim", "X-ID-yogyakarta", "X-KR-gangbuk-district", "X-PS-bait-lahiya",
        "X-SR-commewijne", "X-US-arlington-county",
    ]
