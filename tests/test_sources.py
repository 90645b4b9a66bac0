"""Readers: every input format, every error message, stdin, folders and limits."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citygraph.clean import clean_text
from citygraph.defaults import MAX_ARTICLE_CHARS
from citygraph.errors import SourceError
from citygraph.model import Article
from citygraph.sources import count_inputs, parse_published, read_articles

ARTICLES = Path(__file__).parent / "data" / "articles"


def _one(path: Path | str, **kwargs) -> Article | SourceError:
    results = list(read_articles([path], **kwargs))
    assert len(results) == 1, results
    return results[0]


def _summary(results) -> list[str]:
    """Article ids and error messages, in order."""
    return [r.id if isinstance(r, Article) else str(r) for r in results]


# --- plain text ---------------------------------------------------------------


def test_text_file_is_one_cleaned_article():
    path = ARTICLES / "id_repeated.txt"
    article = _one(path)
    assert isinstance(article, Article)
    assert article.id == "id_repeated"
    assert article.title is None and article.url is None and article.published is None
    assert article.lang is None
    assert article.source == str(path)
    assert article.text == clean_text(path.read_text(encoding="utf-8"))
    assert article.text.count("Wali Kota Surabaya Rini Hartono mengatakan") == 1
    assert "Foto:" not in article.text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("binary.txt", "binary file"),
        ("latin1.txt", "not UTF-8 text (invalid byte 0xe9 at offset 30)"),
        ("empty.txt", "empty article"),
    ],
)
def test_bad_text_files_are_reported(name, reason):
    error = _one(ARTICLES / name)
    assert isinstance(error, SourceError)
    assert str(error) == f"{ARTICLES / name}: {reason}"
    assert error.location == str(ARTICLES / name)
    assert error.reason == reason


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfKota Bogor dan Kota Seoul menjalin kerja sama.")
    article = _one(path)
    assert article.text == "Kota Bogor dan Kota Seoul menjalin kerja sama."


def test_noise_only_text_is_an_empty_article(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_text("ADVERTISEMENT\n\nBaca juga: Harga cabai turun\n(ron/dwi)\n", encoding="utf-8")
    assert str(_one(path)) == f"{path}: empty article"


def test_long_text_is_cut_with_a_warning(tmp_path, caplog):
    path = tmp_path / "long.txt"
    sentence = "Kota Bogor dan Kota Seoul memperluas kerja sama nomor {}.\n"
    with path.open("w", encoding="utf-8") as f:
        i = 0
        while f.tell() < MAX_ARTICLE_CHARS * 5:
            f.write(sentence.format(i))
            i += 1
    with caplog.at_level(logging.WARNING, logger="citygraph.sources"):
        article = _one(path)
    assert isinstance(article, Article)
    assert len(article.text) <= MAX_ARTICLE_CHARS
    assert article.text.startswith("Kota Bogor dan Kota Seoul memperluas kerja sama nomor 0.")
    assert any("cut" in r.getMessage() and str(path) in r.getMessage() for r in caplog.records)


# --- HTML ---------------------------------------------------------------------


def test_html_main_text_and_metadata():
    article = _one(ARTICLES / "page.html")
    assert isinstance(article, Article)
    assert article.id == "page"
    assert article.title == "Malang dan Tilburg Teken Surat Minat Kerja Sama"
    assert article.url == "https://example.org/berita/malang-tilburg"
    assert article.published == dt.date(2019, 10, 4)
    assert article.lang == "id"
    assert article.text.split("\n\n") == [
        "5 Oktober 2019",
        ("MALANG - Pemerintah Kota Malang dan Pemerintah Kota Tilburg, Belanda, menandatangani surat "
        "pernyataan minat kerja sama di bidang pendidikan dan ekonomi kreatif."),
        ("Wali Kota Malang Dewi Kartika mengatakan kerja sama itu dimulai dengan pertukaran guru.\n"
        "Program pertama berjalan tahun depan."),
        "Menurut Dewi, Tilburg dipilih karena sama-sama kota pelajar.",
    ]


def test_html_boilerplate_is_dropped():
    text = _one(ARTICLES / "page.html").text
    for boilerplate in ("dataLayer", "font-family", "Beranda", "Bagikan", "Foto:", "Pasang iklan",
                        "Berita Terkait", "Komentar", "Terpopuler", "Cari", "©", "Warta Contoh"):
        assert boilerplate not in text, boilerplate


def test_html_declared_legacy_charset_is_honoured():
    article = _one(ARTICLES / "legacy_charset.html")
    assert article.title == "Café diplomacy in Bandung"
    assert "met at a café on Tuesday" in article.text
    assert article.lang == "en"


def test_html_without_text_is_reported():
    assert str(_one(ARTICLES / "no_text.html")) == f"{ARTICLES / 'no_text.html'}: no text found"


def test_html_bad_published_meta_is_ignored(tmp_path, caplog):
    path = tmp_path / "p.htm"
    path.write_text(
        '<html><head><meta property="article:published_time" content="kemarin"></head>'
        "<body><p>Kota Medan dan Kota Penang membahas kerja sama.</p></body></html>",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="citygraph.sources"):
        article = _one(path)
    assert article.published is None
    assert article.text == "Kota Medan dan Kota Penang membahas kerja sama."
    assert "kemarin" in caplog.text


def test_deeply_nested_html_does_not_recurse(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 5000 + "<p>Kota Solo bekerja sama dengan Kota Montana.</p>" + "</div>" * 5000,
                    encoding="utf-8")
    assert _one(path).text == "Kota Solo bekerja sama dengan Kota Montana."


# --- JSON Lines -----------------------------------------------------------------


def test_jsonl_records_and_errors_in_order():
    path = ARTICLES / "batch.jsonl"
    results = list(read_articles([path]))
    assert _summary(results) == [
        "jl-01",
        "jl-02",
        f"{path}:4: malformed JSON (Expecting ',' delimiter: column 51)",
        f'{path}:5: missing "text"',
        f"{path}:6: bad \"published\" date: 'kemarin sore' (expected ISO 8601, e.g. 2016-06-09)",
        f"{path}:7: empty article",
        f"{path}:8: expected a JSON object, got an array",
        "jl-08",
    ]
    first, second, last = results[0], results[1], results[-1]
    assert first == Article(
        id="jl-01",
        text="SLEMAN - Pemerintah Kabupaten Sleman dan Pemerintah Kota Magelang menandatangani nota "
        "kesepahaman di bidang pariwisata.\n\nBupati Sleman Andi Pratama menyebut kerja sama ini "
        "menyasar wisata candi.",
        title="Kabupaten Sleman dan Kota Magelang teken MoU",
        url="https://example.org/jl-01",
        published=dt.date(2021, 2, 15),
        lang="id",
        source=f"{path}:1",
    )
    assert second.published == dt.date(2020, 6, 1)
    assert second.lang == "en"
    assert second.source == f"{path}:3"
    assert last.text == "Kota Manado dan Kota Davao memperluas kerja sama perikanan."


def test_jsonl_field_types_are_checked(tmp_path):
    path = tmp_path / "types.jsonl"
    lines = [
        {"id": 7, "text": "Kota Bogor dan Kota Seoul."},
        {"id": "a", "text": ["not", "a", "string"]},
        {"id": "", "text": "x y z"},
        {"id": "b", "text": "Kota Medan.", "title": 3},
        {"id": "c", "text": "Kota Medan.", "published": 20200101},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert _summary(read_articles([path])) == [
        "7",
        f'{path}:2: "text" must be a string, not an array',
        f'{path}:3: missing "id"',
        f'{path}:4: "title" must be a string, not a number',
        f"{path}:5: bad \"published\" date: 20200101 is not a string",
    ]


def test_jsonl_bad_bytes_spoil_only_their_line(tmp_path):
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "caf\xe9"}\n'
        b'{"id": "b", "text": "Kota Bogor."}\n'
        b'\x00\x01\x02\n'
    )
    assert _summary(read_articles([path])) == [
        f"{path}:1: not UTF-8 text (invalid byte 0xe9 at offset 24)",
        "b",
        f"{path}:3: binary data",
    ]


@settings(max_examples=60, deadline=2000)
@given(st.dictionaries(st.sampled_from(["id", "text", "title", "url", "published", "lang", "x"]),
                       st.one_of(st.text(max_size=60), st.integers(), st.none(),
                                 st.lists(st.text(max_size=3))),
                       max_size=7))
def test_jsonl_reader_survives_any_record(record):
    line = json.dumps(record).encode("utf-8") + b"\n"
    results = list(read_articles(["-"], stdin=io.BytesIO(b"{}\n" + line)))
    assert len(results) == 2
    assert isinstance(results[0], SourceError)
    result = results[1]
    assert isinstance(result, Article | SourceError)
    if isinstance(result, Article):
        assert result.text == clean_text(record["text"])
        assert result.source == "<stdin>:2"
    else:
        assert result.location == "<stdin>:2"


@settings(max_examples=60, deadline=2000)
@given(st.binary(max_size=300))
def test_jsonl_reader_survives_any_bytes(data):
    results = list(read_articles(["-"], stdin=io.BytesIO(b"{" + data)))
    assert all(isinstance(r, Article | SourceError) for r in results)


def test_jsonl_huge_line_is_read_in_bounded_time(tmp_path, caplog):
    path = tmp_path / "huge.jsonl"
    text = "Kota Bogor dan Kota Seoul menjalin kerja sama nomor 1. " * 40_000
    small = '{"id": "small", "text": "Kota Medan."}\n'
    path.write_text(json.dumps({"id": "big", "text": text}) + "\n" + small, encoding="utf-8")
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="citygraph.sources"):
        results = list(read_articles([path]))
    assert time.perf_counter() - started < 10
    assert _summary(results) == ["big", "small"]
    assert len(results[0].text) <= MAX_ARTICLE_CHARS
    assert "cut" in caplog.text


# --- CSV --------------------------------------------------------------------------


def test_csv_rows_and_errors():
    path = ARTICLES / "batch.csv"
    results = list(read_articles([path]))
    assert _summary(results) == ["csv-01", f'{path}:5: missing column "text"', "csv-03"]
    first, last = results[0], results[-1]
    assert first.title == "Kota Padang dan Hildesheim"
    assert first.published == dt.date(2018, 11, 20)
    assert first.lang == "id"
    assert first.source == f"{path}:2"
    assert first.text.split("\n\n") == [
        "PADANG - Pemerintah Kota Padang dan Kota Hildesheim, Jerman, memperpanjang kerja sama kota kembar.",
        "Wali Kota Padang Fajar Siregar menyebut bidang pendidikan vokasi menjadi prioritas.",
    ]
    assert last.url is None
    assert last.source == f"{path}:6"
    assert last.text == 'Kupang and Darwin agreed to study a "sister city" tie, officials said.'


def test_csv_header_without_required_column():
    path = ARTICLES / "missing_column.csv"
    assert _summary(read_articles([path])) == [f'{path}:1: missing column "text"']


def test_csv_large_field_and_bad_row(tmp_path):
    path = tmp_path / "big.csv"
    big = "Kota Bogor bekerja sama dengan Kota Seoul. " * 5000  # over csv's default 131072 limit
    path.write_bytes(
        b"id,text\n"
        + f'big,"{big}"\n'.encode()
        + b"bad,caf\xe9\n"
        + b"extra,a,b\n"
        + b"ok,Kota Medan.\n"
    )
    results = list(read_articles([path]))
    assert _summary(results) == [
        "big",
        f"{path}:3: not UTF-8 text (invalid byte 0xe9 at offset 7)",
        f"{path}:4: 3 fields but the header names 2",
        "ok",
    ]


# --- stdin ------------------------------------------------------------------------


def test_stdin_json_lines():
    data = b'\n  {"id": "s1", "text": "Kota Bogor.", "lang": "id"}\n{"id": "s2", "text": "Kota Seoul."}\n'
    results = list(read_articles(["-"], stdin=io.BytesIO(data)))
    assert _summary(results) == ["s1", "s2"]
    assert results[1].source == "<stdin>:3"


def test_stdin_plain_text():
    article = _one("-", stdin=io.BytesIO(b"\n\nKota Bogor dan Kota Seoul.\nFoto: x\n"))
    assert article == Article(id="stdin", text="Kota Bogor dan Kota Seoul.", source="<stdin>")


def test_stdin_from_sys(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Kota Ambon.\n"), encoding="utf-8"))
    assert _one("-").text == "Kota Ambon."


# --- languages --------------------------------------------------------------------


def test_lang_forces_or_keeps():
    path = ARTICLES / "batch.jsonl"
    ids_langs = {a.id: a.lang for a in read_articles([path]) if isinstance(a, Article)}
    assert ids_langs == {"jl-01": "id", "jl-02": "en", "jl-08": None}
    assert {a.lang for a in read_articles([path], lang="en") if isinstance(a, Article)} == {"en"}
    assert {a.id: a.lang for a in read_articles([path], lang="auto") if isinstance(a, Article)} == ids_langs


def test_bad_lang_argument_fails_before_reading():
    with pytest.raises(ValueError, match="lang must be one of"):
        read_articles(["does-not-exist"], lang="fr")


# --- paths and folders ------------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order():
    a = ARTICLES
    results = list(read_articles([a]))
    assert _summary(results)[:4] == [
        "csv-01", f'{a / "batch.csv"}:5: missing column "text"', "csv-03", "jl-01",
    ]
    ids = [r.id for r in results if isinstance(r, Article)]
    assert ids == ["csv-01", "csv-03", "jl-01", "jl-02", "jl-08", "en_noisy", "id_repeated",
                   "legacy_charset", "en_short", "page"]
    errors = [r.location for r in results if isinstance(r, SourceError)]
    assert str(a / "binary.txt") in errors and str(a / "no_text.html") in errors
    assert not any(".hidden" in loc or "notes.md" in loc or "README" in loc for loc in errors)


def test_folder_walk_skips_gold_annotations(tmp_path):
    (tmp_path / "a.txt").write_text("Kota Bogor.", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text('{"id": "a", "agreements": []}\n', encoding="utf-8")
    assert _summary(read_articles([tmp_path])) == ["a"]
    gold = tmp_path / "gold.jsonl"
    assert _summary(read_articles([gold])) == [f'{gold}:1: missing "text"']


def test_missing_and_unsupported_paths(tmp_path):
    other = tmp_path / "notes.md"
    other.write_text("x", encoding="utf-8")
    missing = tmp_path / "nope.txt"
    assert _summary(read_articles([missing, other])) == [
        f"{missing}: no such file or directory",
        f"{other}: unsupported file type (expected one of .txt .html .htm .jsonl .csv)",
    ]


def test_upper_case_suffix_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "A.TXT").write_text("Kota Bogor.", encoding="utf-8")
    assert _summary(read_articles([tmp_path])) == ["A"]
    assert list(read_articles([tmp_path / "empty"])) == []


def test_count_inputs(tmp_path):
    shutil.copy(ARTICLES / "batch.jsonl", tmp_path)
    shutil.copy(ARTICLES / "batch.csv", tmp_path)
    shutil.copy(ARTICLES / "page.html", tmp_path)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    # 9 jsonl lines (one blank), 6 csv lines after the header, 2 single files.
    assert count_inputs([tmp_path]) == 9 + 5 + 2
    assert count_inputs([tmp_path / "missing.txt"]) == 1
    assert count_inputs([tmp_path, "-"]) is None


def test_parse_published():
    assert parse_published("2016-06-09") == dt.date(2016, 6, 9)
    assert parse_published("2016-06-09T23:30:00+07:00") == dt.date(2016, 6, 9)
    assert parse_published("2016-06-09 10:00:00") == dt.date(2016, 6, 9)
    assert parse_published("2016-06-09T10:00:00Z") == dt.date(2016, 6, 9)
    assert parse_published("  ") is None
    assert parse_published(None) is None
    with pytest.raises(ValueError, match="09/06/2016"):
        parse_published("09/06/2016")


# --- the project's sample articles ----------------------------------------------

SAMPLES = Path(__file__).parents[1] / "data" / "articles"
DOMAINS = {
    "smart_city", "transport", "economy_trade", "creative_economy", "industry", "tourism", "culture",
    "education", "human_resources", "health", "environment", "water_sanitation", "urban_planning",
    "governance", "disaster_management", "agriculture_food", "science_technology", "youth_sports",
    "social_welfare", "energy", "security",
}


def test_sample_articles_read_cleanly_and_match_their_gold():
    results = list(read_articles([SAMPLES]))
    assert not [r for r in results if isinstance(r, SourceError)]
    articles = {a.id: a for a in results}
    gold = [json.loads(line) for line in (SAMPLES / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(g["id"] for g in gold) == sorted(articles)
    assert sum(1 for g in gold if not g["agreements"]) == 1  # exactly one negative article
    for g in gold:
        article = articles[g["id"]]
        assert (SAMPLES / g["file"]).is_file()
        assert article.source.startswith(str(SAMPLES / g["file"]))
        assert g["published"] == (article.published.isoformat() if article.published else None)
        for noise in ("Foto:", "Foto :", "Photo:", "Baca juga", "ADVERTISEMENT", "Advertisement"):
            assert noise not in article.text, (g["id"], noise)
        named = [p for a in g["agreements"] for p in a["parties"]] + g["people"]
        for thing in named:
            assert any(n in article.text for n in [thing["name"], *thing.get("aliases", [])]), thing
        for agreement in g["agreements"]:
            assert set(agreement["domains"]) <= DOMAINS
            for signatory in agreement["signatories"]:
                assert signatory in article.text


_MARKUP = st.sampled_from(
    ["<p>", "</p>", "<div class='share'>", "</div>", "<br>", "<script>", "</script>", "<article>",
     "<h1>", "</h1>", "<!--", "-->", "&nbsp;", "&amp;", "<nav>", "<time datetime='x'>"]
)


@settings(max_examples=50, deadline=2000)
@given(st.lists(st.one_of(st.text(max_size=30), _MARKUP), max_size=40).map("".join))
def test_html_reader_survives_any_markup(tmp_path_factory, markup):
    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(markup, encoding="utf-8", errors="surrogatepass")
    result = _one(path)
    assert isinstance(result, Article | SourceError)
    if isinstance(result, Article):
        assert result.text.strip()
