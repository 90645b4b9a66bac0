"""list_rows: the JSON contract score.py reads, one row per fact with all its sources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from citygraph.analysis import analyze, place_measures
from citygraph.listing import KINDS, list_rows, stats
from citygraph.model import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Forum,
    Instrument,
    Person,
    Place,
    PlaceKind,
    Role,
    Status,
)
from citygraph.network import Filters
from citygraph.store import Store
from fixtures_backend import (
    BOGOR,
    all_extractions,
    bogor_seoul_extraction,
    english_extraction,
    fixture_store,
    ingest,
    seoul_report_extraction,
)

NASTY = 'He said "no" \'\'\' > } { \\ \\u0041 <x>\r\nline two\ttab 🎉 ñ 日本 ; DROP ALL'

PARTY_KEYS = {"name", "country", "kind", "id", "geonames", "wikidata", "kemendagri"}
AGREEMENT_KEYS = {"id", "parties", "instrument", "sister_city", "status", "date", "forum", "domains",
                  "signatories", "sources", "corroboration"}
VOCAB = {
    "instrument": {"letter_of_intent", "memorandum_of_understanding", "cooperation_agreement",
                   "joint_declaration", "unspecified"},
    "status": {"signed", "planned", "renewed"},
    "kind": {"city", "regency", "province", "country", "organisation"},
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with fixture_store(tmp_path / "store") as store:
        yield store


def by_article(rows: list[dict]) -> dict[str, list[dict]]:
    """What score.py does with the rows."""
    out: dict[str, list[dict]] = {}
    for row in rows:
        for article in {s["article"] for s in row["sources"]}:
            out.setdefault(article, []).append(row)
    return out


def test_agreement_rows_match_the_contract(store: Store) -> None:
    rows = list_rows(store, "agreements")
    json.dumps(rows)  # serialisable as is
    assert len(rows) == 4
    for row in rows:
        assert AGREEMENT_KEYS <= set(row)
        assert len(row["parties"]) >= 2
        for party in row["parties"]:
            assert set(party) == PARTY_KEYS
            assert party["kind"] in VOCAB["kind"]
            assert len(party["country"]) == 2
        assert row["instrument"] in VOCAB["instrument"]
        assert row["status"] in VOCAB["status"]
        assert isinstance(row["sister_city"], bool)
        assert all(set(s) >= {"article", "evidence"} for s in row["sources"])
        # consolidation added outlets and languages; "articles" keeps its meaning
        assert set(row["corroboration"]) == {"articles", "outlets", "languages"}
        assert row["corroboration"]["articles"] == len({s["article"] for s in row["sources"]})
    bogor = by_article(rows)["dev-003"]
    assert len(bogor) == 1
    # the gold example of ../shared/corpus/README.md, field by field
    row = bogor[0]
    assert [{k: p[k] for k in ("name", "country", "kind")} for p in row["parties"]] == [
        {"name": "Bogor", "country": "ID", "kind": "city"},
        {"name": "Seoul", "country": "KR", "kind": "city"},
    ]
    assert row["instrument"] == "letter_of_intent"
    assert row["sister_city"] is False
    assert row["status"] == "signed"
    assert row["date"] == "2016-06-08"
    assert row["forum"] == "International Forum on Urban Policy for the SDGs"
    assert row["domains"] == ["smart_city", "transport"]
    assert row["signatories"] == ["Bima Arya Sugiarto", "Park Won-soon"]
    assert row["parties"][0]["kemendagri"] == "32.71" and row["parties"][1]["geonames"] == "1835848"


def test_same_agreement_from_two_articles_is_one_row_with_two_sources(store: Store) -> None:
    rows = [r for r in list_rows(store, "agreements") if r["date"] == "2016-06-08"]
    assert len(rows) == 1
    sources = rows[0]["sources"]
    assert [s["article"] for s in sources] == ["dev-003", "en-002"]
    assert sources[1]["evidence"] == seoul_report_extraction().article.text
    assert rows[0]["corroboration"] == {"articles": 2, "outlets": 2, "languages": 2}
    # the union keeps what either article said
    assert rows[0]["domains"] == ["smart_city", "transport"]


def test_four_date_precisions_come_out_as_iso(store: Store) -> None:
    dates = sorted(r["date"] for r in list_rows(store, "agreements"))
    assert dates == ["--08-14", "2015", "2016-06-08", "2019-03"]


def test_people_forums_and_cities(store: Store) -> None:
    people = list_rows(store, "people")
    json.dumps(people)
    assert [(p["name"], p["role"], p["of"], p["acting"]) for p in people] == [
        ("Bima Arya Sugiarto", "mayor", "Bogor", False),
        ("Park Won-soon", "mayor", "Seoul", False),
        ("Yana Mulyana", "mayor", "Bandung", True),
    ]
    assert all(p["sources"] and {"article", "evidence"} <= set(p["sources"][0]) for p in people)

    forums = list_rows(store, "forums")
    forum = "International Forum on Urban Policy for the SDGs"
    assert [(f["name"], f["city"]) for f in forums] == [(forum, "Seoul")]
    assert forums[0]["sources"][0]["article"] == "dev-003"
    assert forums[0]["sources"][0]["evidence"].startswith("Penandatanganan")

    cities = list_rows(store, "cities")
    json.dumps(cities)
    keys = {"id", "name", "kind", "country", "linked", "geonames", "wikidata", "kemendagri", "lat", "lon",
            "agreements", "sources"}
    assert all(set(c) == keys for c in cities)
    by_name = {c["name"]: c for c in cities}
    assert by_name["Bandung"]["agreements"] == 3
    assert by_name["Bogor"]["lat"] == pytest.approx(-6.59444)
    assert [s["article"] for s in by_name["Bogor"]["sources"]] == ["dev-003", "en-002", "neg-001"]
    unlinked = list_rows(store, "cities", unlinked_only=True)
    assert [(c["name"], c["linked"]) for c in unlinked] == [("Mihara", False)]


def test_negative_article_yields_no_agreement(store: Store) -> None:
    assert "neg-001" not in by_article(list_rows(store, "agreements"))


def test_rows_do_not_depend_on_ingest_order(tmp_path: Path, store: Store) -> None:
    with fixture_store(tmp_path / "other", list(reversed(all_extractions()))) as other:
        for kind in KINDS:
            assert list_rows(store, kind) == list_rows(other, kind)


def test_disagreeing_sources_are_reduced_deterministically(tmp_path: Path) -> None:
    planned = bogor_seoul_extraction("a-planned", status=Status.PLANNED)
    report = seoul_report_extraction()
    sister = replace(report, agreements=[replace(report.agreements[0], sister_city=True)])
    with fixture_store(tmp_path / "s", [planned, sister, bogor_seoul_extraction()]) as store:
        (row,) = list_rows(store, "agreements")
        assert row["status"] == "signed"  # the furthest any source got
        assert row["sister_city"] is True  # any source saying so
        # three articles, two of them from example.org in Indonesian
        assert row["corroboration"] == {"articles": 3, "outlets": 2, "languages": 2}


def test_metacharacters_round_trip_through_store_and_listing(tmp_path: Path) -> None:
    text = f"{NASTY} Kota {NASTY} and Bogor sign. End."
    ev = Evidence(text, 0, len(text))
    place = Place(key=f"X-ID-{NASTY}", name=NASTY, kind=PlaceKind.CITY, country="ID", linked=False)
    person = Person(NASTY, Role.MAYOR, of_place=place, evidence=ev)
    forum = Forum(NASTY, city=place, evidence=ev)
    agreement = Agreement([place, BOGOR], Instrument.COOPERATION_AGREEMENT, forum=forum, signatories=[person],
                          evidence=[ev])
    article = Article(id=f"id {NASTY}", text=text, title=NASTY, url="https://x.test/?a=\"b\"&c=<d>")
    extraction = Extraction(article, "id", places=[place, BOGOR], people=[person], forums=[forum],
                            agreements=[agreement])
    with fixture_store(tmp_path / "s", [extraction]) as store:
        assert store.article_ids() == [f"id {NASTY}"]
        (row,) = list_rows(store, "agreements")
        assert NASTY in [p["name"] for p in row["parties"]]
        assert row["forum"] == NASTY and row["signatories"] == [NASTY]
        assert row["sources"] == [{"article": f"id {NASTY}", "evidence": text, "start": 0, "end": len(text)}]
        (person_row,) = list_rows(store, "people")
        assert (person_row["name"], person_row["of"]) == (NASTY, NASTY)
        (forum_row,) = list_rows(store, "forums")
        assert (forum_row["name"], forum_row["city"]) == (NASTY, NASTY)
        assert json.loads(json.dumps(row, ensure_ascii=False)) == row
    with fixture_store(tmp_path / "s", []) as store:  # reopened from disk
        (row,) = list_rows(store, "agreements")
        assert row["sources"][0]["evidence"] == text


def test_stats_counts(store: Store) -> None:
    counts = stats(store)
    assert counts == {"articles": 5, "agreements": 4, "places": 5, "people": 3, "forums": 1,
                      "triples": store.triple_count()}


def test_unknown_kind(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        list_rows(store, "mayors")


def test_an_article_dropping_a_fact_removes_its_source_only(tmp_path: Path) -> None:
    with fixture_store(tmp_path / "s", [bogor_seoul_extraction(), seoul_report_extraction()]) as store:
        ingest(store, [replace(seoul_report_extraction(), agreements=[])])
        (row,) = list_rows(store, "agreements")
        assert [s["article"] for s in row["sources"]] == ["dev-003"]
        ingest(store, [replace(bogor_seoul_extraction(), agreements=[])])
        assert list_rows(store, "agreements") == []
        ingest(store, [english_extraction()])
        assert len(list_rows(store, "agreements")) == 1


MEASURE_KEYS = {"degree", "betweenness", "pagerank", "community"}


def test_city_rows_gain_the_measures_of_the_latest_analysis(store: Store) -> None:
    """Absent before the first analyze, from the analysis graph after it, null for places the run did not see."""
    assert all(not MEASURE_KEYS & set(row) for row in list_rows(store, "cities"))
    analyze(store, seed=3)
    rows = list_rows(store, "cities")
    json.dumps(rows)
    measures = place_measures(store)
    assert all(MEASURE_KEYS <= set(row) for row in rows) and len(measures) == len(rows) == 5
    assert all({k: row[k] for k in MEASURE_KEYS} == measures[row["id"]] for row in rows)
    by_name = {row["name"]: row for row in rows}
    assert by_name["Bandung"]["degree"] == 2 and by_name["Bandung"]["betweenness"] == pytest.approx(1 / 6)
    assert by_name["Bandung"]["community"] == 1 and by_name["Bogor"]["community"] == 2
    assert sum(row["pagerank"] for row in rows) == pytest.approx(1)
    (mihara,) = list_rows(store, "cities", unlinked_only=True)
    assert mihara == by_name["Mihara"]
    assert all(not MEASURE_KEYS & set(row) for kind in ("agreements", "people", "forums")
               for row in list_rows(store, kind))

    analyze(store, Filters(since=2016))  # a run that sees only part of the network replaces the first
    rows = list_rows(store, "cities")
    seen = place_measures(store)
    assert 0 < len(seen) < len(rows)
    for row in rows:
        assert MEASURE_KEYS <= set(row)
        if row["id"] in seen:
            assert isinstance(row["degree"], int) and row["community"] is not None
        else:
            assert all(row[k] is None for k in MEASURE_KEYS)
