"""Competency queries (queries/examples/*.rq): each documents itself and answers its question.

Every example runs on one small fixture graph whose answers were worked out
by hand (see :func:`research_extractions` and :data:`REFERENCE_CSV`): the
articles of fixtures_backend plus one about Surabaya, consolidated, and a
four-row sister-city reference file. Each test names the rows it expects,
so a query that silently drops or doubles a row fails.

What the fixture holds (signed or renewed unless said):

* Bogor - Seoul, letter of intent, 2016-06-08, smart_city + transport, at the
  International Forum on Urban Policy (Seoul); signed by Bima Arya Sugiarto
  and Park Won-soon; reported by dev-003 (id) and en-002 (en), two outlets;
* Bandung - Mihara (unlinked), sister-city MoU renewed 2019-03, culture +
  education, signed by Yana Mulyana;
* Bandung - Kyoto (prefecture), joint declaration 2015; and a plan --08-14;
* Surabaya - Seoul, sister-city MoU 2017-03-15, smart_city + economy_trade, at
  the World Cities Summit (Singapore), signed by Tri Rismaharini and Park Won-soon;
* Surabaya - Busan, a sister-city plan (tourism), never signed;
* reference: Bogor - Seoul, Bandung - Mihara, Bandung - Braunschweig,
  Bogor - Shenzhen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

from citygraph.consolidate import consolidate
from citygraph.errors import QueryError
from citygraph.examples import (
    Example,
    ExampleError,
    example_path,
    example_text,
    list_examples,
    parse_binding,
    parse_header,
    run_example,
)
from citygraph.model import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Forum,
    Instrument,
    PartialDate,
    Person,
    Place,
    PlaceKind,
    Role,
    Status,
)
from citygraph.rdf import mint_agreement_iri, mint_place_iri
from citygraph.reference import import_sister_cities
from citygraph.sparql import QueryResult
from citygraph.store import Store, open_store
from fixtures_backend import BANDUNG, KYOTO, SEOUL, all_extractions, bogor_seoul_extraction, ingest
from fixtures_backend import MIHARA as MIHARA_PLACE

SURABAYA = Place(key="ID-35.78", name="Surabaya", kind=PlaceKind.CITY, country="ID", kemendagri="35.78")
BUSAN = Place(key="GN-1838524", name="Busan", kind=PlaceKind.CITY, country="KR", geonames="1838524")
SINGAPORE = Place(key="GN-1880252", name="Singapore", kind=PlaceKind.CITY, country="SG", geonames="1880252")

#: The reference file: two ties the news reports (one through an unlinked
#: partner, Mihara, matched by its X- key), two it does not.
REFERENCE_CSV = """\
id_qid,id_label,id_code,id_note,partner_qid,partner_label,partner_code,partner_iso_3166_2,\
partner_geonames_id,partner_geonames_name,partner_country,partner_country_source,reciprocal
Q10393,Bogor,32.71,,Q8684,Seoul,,,1835848,Seoul,KR,geonames_label_match,yes
Q10389,Bandung,32.73,,,Mihara,,,,,JP,manual,no
Q10389,Bandung,32.73,,Q2773,Braunschweig,,,2945024,Braunschweig,DE,geonames_label_match,yes
Q10393,Bogor,32.71,,Q15174,Shenzhen,,,1795565,Shenzhen,CN,geonames_label_match,yes
"""


def surabaya_extraction(article_id: str = "sby-001") -> Extraction:
    """Surabaya signs an MoU with Seoul at a summit in Singapore, and plans a sister city with Busan."""
    first = ("Wali Kota Surabaya Tri Rismaharini dan Wali Kota Seoul Park Won-soon menandatangani nota "
             "kesepahaman kota cerdas dan perdagangan di World Cities Summit, Singapura, 15 Maret 2017.")
    second = "Surabaya juga berencana menjalin kerja sama kota bersaudara dengan Busan di bidang pariwisata."
    text = f"{first} {second}"
    e1 = Evidence(first, 0, len(first))
    e2 = Evidence(second, len(first) + 1, len(text))
    risma = Person("Tri Rismaharini", Role.MAYOR, of_place=SURABAYA, title="Wali Kota", evidence=e1)
    park = Person("Park Won-soon", Role.MAYOR, of_place=SEOUL, title="Wali Kota", evidence=e1)
    summit = Forum("World Cities Summit", city=SINGAPORE, acronym="WCS", evidence=e1)
    mou = Agreement(
        parties=[SURABAYA, SEOUL], instrument=Instrument.MEMORANDUM_OF_UNDERSTANDING, sister_city=True,
        date=PartialDate(2017, 3, 15), forum=summit, domains=["smart_city", "economy_trade"],
        signatories=[risma, park], evidence=[e1],
    )
    plan = Agreement(parties=[SURABAYA, BUSAN], sister_city=True, status=Status.PLANNED,
                     domains=["tourism"], evidence=[e2])
    article = Article(id=article_id, text=text, title="Surabaya dan Seoul teken MoU", lang="id",
                      url="https://surabaya.example/berita/1", published=dt.date(2017, 3, 16))
    return Extraction(article, "id", places=[SURABAYA, SEOUL, BUSAN, SINGAPORE], people=[risma, park],
                      forums=[summit], agreements=[mou, plan])


def research_extractions() -> list[Extraction]:
    return [*all_extractions(), surabaya_extraction()]


def build_research_store(store: Store, reference_csv: Path) -> None:
    """Articles in, consolidated, reference file imported: what a researcher's store holds."""
    ingest(store, research_extractions())
    consolidate(store)
    import_sister_cities(store, reference_csv)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("examples")
    reference = folder / "ties.csv"
    reference.write_text(REFERENCE_CSV, encoding="utf-8")
    with open_store(str(folder / "store")) as opened:
        build_research_store(opened, reference)
        yield opened


def rows(result: QueryResult, *columns: str) -> list[tuple[str | None, ...]]:
    """The result's rows restricted to ``columns``, in the query's order."""
    index = [result.variables.index(c) for c in columns]
    return [tuple(row[i] for i in index) for row in result.rows]


def place(p: Place) -> str:
    return str(mint_place_iri(p))


BOGOR_SEOUL = str(mint_agreement_iri(bogor_seoul_extraction().agreements[0]))
MIHARA = "https://w3id.org/citygraph/resource/place/X-JP-mihara"


# ---- The catalogue ----


def test_there_are_at_least_twelve_examples_each_documented() -> None:
    examples = list_examples()
    assert len(examples) >= 12
    names = [e.name for e in examples]
    assert names == sorted(names)
    for example in examples:
        assert example.title.endswith("?"), example
        assert "Variables:" in example.description, example
        assert example_path(example.name).is_file()


def test_every_example_is_tested_here() -> None:
    """Adding an .rq file without its expected rows fails, as a missing answer should."""
    tested = {name[len("test_"):] for name in globals() if name.startswith("test_")}
    untested = [e.name for e in list_examples() if e.name not in tested]
    assert not untested, f"write a test_<name> for {untested}"


def test_header_is_parsed_into_title_and_paragraphs() -> None:
    text = "# q.rq: Who?\n#\n# First line\n# goes on.\n#\n# Variables: ?x.\n\nSELECT ?x WHERE {}\n"
    assert parse_header("q", text) == Example("q", "Who?", "First line goes on.\n\nVariables: ?x.")


@pytest.mark.parametrize(
    "text",
    ["SELECT * WHERE {}\n", "# other.rq: Who?\n#\n# Text.\n", "# q.rq: Who?\n\nSELECT * WHERE {}\n"],
    ids=["no header", "wrong name", "no description"],
)
def test_malformed_headers_are_refused(text: str) -> None:
    with pytest.raises(ExampleError, match=r"q\.rq"):
        parse_header("q", text)


@pytest.mark.parametrize("name", ["no_such_example", "../queries/stats", "Stats"])
def test_unknown_names_are_refused(name: str) -> None:
    with pytest.raises(ExampleError, match="list-examples"):
        example_path(name)


def test_every_example_is_a_select_that_runs(store: Store) -> None:
    for example in list_examples():
        result = run_example(store, example.name)
        assert result.kind == "select", example.name
        assert example_text(example.name).lstrip().startswith("#")


def test_bindings_must_be_projected(store: Store) -> None:
    with pytest.raises(QueryError):
        run_example(store, "agreements_per_year", nothing=URIRef("urn:x"))


def test_parse_binding() -> None:
    assert parse_binding("place=https://w3id.org/x") == ("place", URIRef("https://w3id.org/x"))
    assert parse_binding("?placeName=Bandung") == ("placeName", "Bandung")
    with pytest.raises(ExampleError, match="NAME=VALUE"):
        parse_binding("Bandung")


# ---- One test per question, with the rows worked out by hand ----


def test_smart_city_foreign_partners(store: Store) -> None:
    result = run_example(store, "smart_city_foreign_partners")
    assert rows(result, "placeName", "partnerName", "country", "since", "agreements") == [
        ("Bogor", "Seoul", "KR", "2016", "1"),
        ("Surabaya", "Seoul", "KR", "2017", "1"),
    ]


def test_top_signatories(store: Store) -> None:
    result = run_example(store, "top_signatories")
    # Park Won-soon signed with Bogor and with Surabaya; the two reports of Bogor-Seoul count once.
    assert rows(result, "name", "agreements", "places") == [
        ("Park Won-soon", "2", "3"),
        ("Bima Arya Sugiarto", "1", "2"),
        ("Tri Rismaharini", "1", "2"),
        ("Yana Mulyana", "1", "2"),
    ]


def test_forum_agreements(store: Store) -> None:
    result = run_example(store, "forum_agreements")
    assert rows(result, "forumName", "cityName", "country", "agreements") == [
        ("International Forum on Urban Policy for the SDGs", "Seoul", "KR", "1"),
        ("World Cities Summit", "Singapore", "SG", "1"),
    ]
    assert rows(result, "city")[1] == (place(SINGAPORE),)


def test_partners_by_year(store: Store) -> None:
    everyone = run_example(store, "partners_by_year")
    assert len(everyone.rows) == 8  # each of the 4 signed pairs, from both sides
    # Bandung's partners: Kyoto (2015) and Mihara (2019); the Kyoto plan does not count.
    expected = [("2015", "Kyoto", "JP"), ("2019", "Mihara", "JP")]
    for binding in ({"place": URIRef(place(BANDUNG))}, {"placeName": "Bandung"}):
        result = run_example(store, "partners_by_year", **binding)
        assert rows(result, "year", "partnerName", "country") == expected, binding


def test_planned_never_signed(store: Store) -> None:
    # Surabaya-Busan is only planned; Bandung-Kyoto's plan is left out: they signed in 2015.
    result = run_example(store, "planned_never_signed")
    assert rows(result, "placeName", "partnerName", "date", "articles") == [("Busan", "Surabaya", None, "1")]


def plans_and_signings_extraction() -> Extraction:
    """Two plans, two signings: a signing among more parties covers a plan, one among fewer does not."""
    sentence = "Kota-kota itu berencana dan kemudian menandatangani kerja sama."
    evidence = Evidence(sentence, 0, len(sentence))

    def agreement(parties: list[Place], status: Status) -> Agreement:
        return Agreement(parties=parties, instrument=Instrument.MEMORANDUM_OF_UNDERSTANDING, status=status,
                         evidence=[evidence])

    article = Article(id="plans-001", text=sentence, title="Rencana", lang="id")
    return Extraction(article, "id", places=[SURABAYA, BUSAN, SEOUL, BANDUNG, MIHARA_PLACE, KYOTO], agreements=[
        agreement([SURABAYA, BUSAN], Status.PLANNED),          # covered by the three-party signing below
        agreement([SURABAYA, BUSAN, SEOUL], Status.SIGNED),
        agreement([BANDUNG, MIHARA_PLACE, KYOTO], Status.PLANNED),  # not covered: the signing lacks Kyoto
        agreement([BANDUNG, MIHARA_PLACE], Status.SIGNED),
    ])


def test_planned_never_signed_asks_for_every_party_of_the_plan(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store")) as opened:
        ingest(opened, [plans_and_signings_extraction()])
        consolidate(opened)
        result = run_example(opened, "planned_never_signed")
    assert sorted(rows(result, "placeName", "partnerName")) == [
        ("Bandung", "Kyoto"), ("Bandung", "Mihara"), ("Kyoto", "Mihara"),
    ]


def test_sister_city_ties_per_country(store: Store) -> None:
    result = run_example(store, "sister_city_ties_per_country")
    assert rows(result, "country", "newsTies", "referenceTies") == [
        ("JP", "1", "1"),  # Bandung-Mihara: reported and listed
        ("KR", "1", "1"),  # Surabaya-Seoul reported; Bogor-Seoul listed (the news calls it a letter of intent)
        ("CN", "0", "1"),
        ("DE", "0", "1"),
    ]


def test_same_domains_not_partners(store: Store) -> None:
    result = run_example(store, "same_domains_not_partners")
    assert rows(result, "placeName", "otherName", "sharedDomains", "domains") == [
        ("Bogor", "Surabaya", "1", "smart_city"),
    ]


def test_agreement_sources(store: Store) -> None:
    result = run_example(store, "agreement_sources", agreement=URIRef(BOGOR_SEOUL))
    assert rows(result, "article", "language", "start") == [("dev-003", "id", "0"), ("en-002", "en", "0")]
    evidence = rows(result, "evidence")
    assert evidence[1] == ("Seoul and Bogor signed a letter of intent on smart cities on 8 June 2016.",)
    assert evidence[0][0].startswith("Wali Kota Bogor Bima Arya Sugiarto")
    everything = run_example(store, "agreement_sources")
    assert len(everything.rows) == 7  # every attestation of every agreement
    # Each (agreement, source) once: Bogor - Seoul's node is in two article graphs, which the bag union
    # of Oxigraph 0.5 repeats without the query's DISTINCTs; an article may back an agreement with
    # several sentences, so a source is an article and a sentence.
    assert len(set(map(tuple, everything.rows))) == len(everything.rows)
    sources = rows(everything, "agreement", "article", "evidence", "start")
    assert len(set(sources)) == len(sources)


def test_agreements_per_year(store: Store) -> None:
    result = run_example(store, "agreements_per_year")
    assert rows(result, "year", "agreements", "sisterCity") == [
        ("2015", "1", "0"), ("2016", "1", "0"), ("2017", "1", "1"), ("2019", "1", "1"),
    ]


#: agreements_per_domain.rq as it was before it matched inside GRAPH: the reference for its answers.
PLAIN_AGREEMENTS_PER_DOMAIN = """
PREFIX cg:     <https://w3id.org/citygraph/ontology#>
PREFIX skos:   <http://www.w3.org/2004/02/skos/core#>
PREFIX status: <https://w3id.org/citygraph/concept/status/>
SELECT ?domain ?code ?label ?labelId (COUNT(DISTINCT ?agreement) AS ?agreements)
WHERE {
  {
    SELECT DISTINCT ?agreement ?domain
    WHERE {
      ?node a cg:Agreement ; cg:domain ?domain .
      FILTER EXISTS { ?node cg:status ?status . FILTER (?status != status:planned) }
      OPTIONAL { ?node cg:sameAgreementAs ?canonical }
      BIND (COALESCE(?canonical, ?node) AS ?agreement)
    }
  }
  ?domain skos:notation ?code .
  OPTIONAL { ?domain skos:prefLabel ?label . FILTER (LANG(?label) = "en") }
  OPTIONAL { ?domain skos:prefLabel ?labelId . FILTER (LANG(?labelId) = "id") }
}
GROUP BY ?domain ?code ?label ?labelId
ORDER BY DESC(?agreements) ?code
"""

def test_agreements_per_domain(store: Store) -> None:
    result = run_example(store, "agreements_per_domain")
    assert rows(result, "code", "agreements") == [
        ("smart_city", "2"), ("culture", "1"), ("economy_trade", "1"), ("education", "1"), ("transport", "1"),
    ]
    assert rows(result, "label", "labelId")[0] == ("smart city, e-government, ICT", "kota cerdas, e-government, TIK")
    # One row per domain, though Bogor - Seoul (smart_city, transport) is typed and classified in two
    # article graphs (the union default graph is a bag in Oxigraph 0.5).
    assert len(set(map(tuple, result.rows))) == len(result.rows)
    assert len(set(rows(result, "domain"))) == len(result.rows)
    assert result.variables == ["domain", "code", "label", "labelId", "agreements"]
    # The same table as the plain formulation over the union (too slow on a big store, see the query).
    plain = store.query(PLAIN_AGREEMENTS_PER_DOMAIN)
    assert [[s[v] for v in plain.variables] for s in plain] == [
        [s[v] for v in plain.variables] for s in store.query(example_text("agreements_per_domain"))
    ]


def test_domains_by_year(store: Store) -> None:
    result = run_example(store, "domains_by_year")
    assert rows(result, "year", "code", "agreements") == [
        ("2016", "smart_city", "1"), ("2016", "transport", "1"),
        ("2017", "economy_trade", "1"), ("2017", "smart_city", "1"),
        ("2019", "culture", "1"), ("2019", "education", "1"),
    ]


def test_corroborated_agreements(store: Store) -> None:
    result = run_example(store, "corroborated_agreements")
    assert rows(result, "agreement", "date", "articles", "outlets", "languages") == [
        (BOGOR_SEOUL, "2016-06-08", "2", "2", "2"),
    ]
    assert set(result.rows[0][result.variables.index("parties")].split(" / ")) == {"Bogor", "Seoul"}


def test_unlinked_parties(store: Store) -> None:
    result = run_example(store, "unlinked_parties")
    assert rows(result, "place", "name", "country", "key", "agreements") == [
        (MIHARA, "Mihara", "JP", "X-JP-mihara", "1"),
    ]


def test_most_connected_places(store: Store) -> None:
    result = run_example(store, "most_connected_places")
    assert rows(result, "name", "partners", "agreements") == [
        ("Bandung", "2", "2"), ("Seoul", "2", "2"),
        ("Bogor", "1", "1"), ("Kyoto", "1", "1"), ("Mihara", "1", "1"), ("Surabaya", "1", "1"),
    ]


def test_instruments_by_country(store: Store) -> None:
    result = run_example(store, "instruments_by_country")
    assert rows(result, "country", "instrument", "agreements") == [
        ("JP", "joint_declaration", "1"), ("JP", "memorandum_of_understanding", "1"),
        ("KR", "letter_of_intent", "1"), ("KR", "memorandum_of_understanding", "1"),
    ]


# ---- The three joins of news and reference data ----


def test_reference_ties_not_in_news(store: Store) -> None:
    result = run_example(store, "reference_ties_not_in_news")
    assert rows(result, "placeName", "partnerName", "country", "reciprocal", "source") == [
        ("Bandung", "Braunschweig", "DE", "true", "ties.csv"),
        ("Bogor", "Shenzhen", "CN", "true", "ties.csv"),
    ]


def test_news_ties_not_in_reference(store: Store) -> None:
    result = run_example(store, "news_ties_not_in_reference")
    # Surabaya-Busan is a plan, so not a tie the news reports.
    assert rows(result, "placeName", "partnerName", "country", "agreements", "sisterCityAgreements",
                "firstYear") == [
        ("Bandung", "Kyoto", "JP", "1", "0", "2015"),
        ("Surabaya", "Seoul", "KR", "1", "1", "2017"),
    ]


def test_reference_ties_enriched_by_news(store: Store) -> None:
    result = run_example(store, "reference_ties_enriched_by_news")
    found = [(*row[:-1], set(row[-1].split())) for row in rows(
        result, "placeName", "partnerName", "statuses", "instruments", "date", "articles", "domains")]
    assert found == [
        ("Bandung", "Mihara", "renewed", "memorandum_of_understanding", "2019-03", "1", {"culture", "education"}),
        ("Bogor", "Seoul", "signed", "letter_of_intent", "2016-06-08", "2", {"smart_city", "transport"}),
    ]
    assert rows(result, "partner", "agreement")[1] == (place(SEOUL), BOGOR_SEOUL)


def test_joins_partition_the_pairs(store: Store) -> None:
    """Every listed tie is either reported or not; a reported pair is listed or not: no pair in two answers."""
    listed_only = {r[:2] for r in rows(run_example(store, "reference_ties_not_in_news"), "place", "partner")}
    enriched = {r[:2] for r in rows(run_example(store, "reference_ties_enriched_by_news"), "place", "partner")}
    news_only = {r[:2] for r in rows(run_example(store, "news_ties_not_in_reference"), "place", "partner")}
    assert listed_only.isdisjoint(enriched) and news_only.isdisjoint(enriched) and listed_only.isdisjoint(news_only)
    assert len(listed_only | enriched) == 4  # the four rows of the reference file


def test_without_reference_data_the_joins_are_empty_or_everything(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store")) as bare:
        ingest(bare, research_extractions())
        consolidate(bare)
        assert run_example(bare, "reference_ties_not_in_news").rows == []
        assert run_example(bare, "reference_ties_enriched_by_news").rows == []
        assert len(run_example(bare, "news_ties_not_in_reference").rows) == 4
