"""Property-based tests of the batch path on arbitrary input: no crash, no hang, clear errors.

Hypothesis feeds the readers truncated and arbitrary files, the date parser and
the extractor arbitrary text (odd Unicode, cue-word soup, long lines), and
checks the worker's serialisation round-trips whatever the text holds. Each
test has a deadline per example and a bounded number of examples, so the
module runs in seconds. (``test_sources.py`` and ``test_clean.py`` hold the
readers' and the cleaner's own properties; these add what a batch import of
a messy archive meets.)

Known limits, measured (``extract`` on 50,000 characters): one 50,000-letter
word 15 s, 50,000 full stops 32 s, initials "Dr. H. M. Ir." repeated 25 s,
digits 17 s; quadratic, so 200,000 characters (the cap) take minutes. The
generated texts here stay short; ``ingest``'s time limit stops the long ones
(``test_ingest_parallel.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from citygraph.clean import clean_text
from citygraph.defaults import MAX_ARTICLE_CHARS
from citygraph.errors import SourceError
from citygraph.extract import lang as languages
from citygraph.extract.dates import find_dates, resolve
from citygraph.extract.pipeline import extract
from citygraph.ingest import article_quads, extract_article
from citygraph.model import Article
from citygraph.rdf import date_literal, extraction_to_graph
from citygraph.sources import parse_published, read_articles
from citygraph.store import to_ox

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "articles"
FIXTURES = REPO / "tests" / "data" / "articles"
FILES = {
    "txt": SAMPLES / "makassar-yokohama-loi.txt",
    "jsonl": SAMPLES / "news.jsonl",
    "csv": FIXTURES / "batch.csv",
    "html": FIXTURES / "legacy_charset.html",
}

# Characters that trip text code: controls, marks, joiners, bidi, surrogate-free astral, line separators.
_ODD = st.sampled_from([
    "\u00a0", "\u200b", "\u200d", "\u2028", "\u2029", "\ufeff", "\u202e", "\u0301", "\x0b", "\x0c", "\x1c",
    "\x85", "\t", "\r\n", "\r", "\n\n", "ı", "İ", "ß", "ﬁ", "Ⅻ", "٣", "𝔅", "🏙️", "👩🏽‍💼", "\U0010fffd", "...", ". ",
])
_CUES = st.sampled_from([
    "Kota", "Kabupaten", "Pemerintah", "Wali Kota", "Bupati", "Gubernur", "Mayor", "City of", "Bogor", "Seoul",
    "Surabaya", "Kitakyushu", "Yokohama", "Makassar", "Jakarta", "Tokyo", "dan", "and", "menandatangani",
    "signed", "nota kesepahaman", "memorandum of understanding", "letter of intent", "kerja sama", "sister city",
    "kota kembar", "pariwisata", "education", "Forum", "Summit", "Rabu", "(8/6)", "(31/2/2016)", "2016",
    "Juni", "June 8", "kemarin", "last Tuesday", "Dr.", "H.", "S.T.", ",", ".", "\n", "-", "(", ")", '"',
])
_SOUP = st.lists(st.one_of(_CUES, _ODD, st.text(max_size=12)), max_size=80).map(" ".join)
_LONG_SOUP = st.lists(st.one_of(_CUES, _CUES, _ODD), min_size=200, max_size=1500).map(" ".join)
_TEXT = st.one_of(st.text(max_size=400), _SOUP, _LONG_SOUP)

_FAST = settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow])


# ---- readers ----


@_FAST
@given(kind=st.sampled_from(sorted(FILES)), cut=st.floats(min_value=0, max_value=1))
def test_a_file_cut_anywhere_reads_without_crashing(tmp_path_factory, kind: str, cut: float) -> None:
    data = FILES[kind].read_bytes()
    keep = int(len(data) * cut)
    path = tmp_path_factory.mktemp("cut") / f"cut.{kind}"
    path.write_bytes(data[:keep])
    results = list(read_articles([path]))
    assert all(isinstance(r, Article | SourceError) for r in results)
    for result in results:
        if isinstance(result, Article):
            assert result.text.strip() and len(result.text) <= MAX_ARTICLE_CHARS
        else:
            assert result.location.startswith(str(path)) and result.reason
    if kind == "jsonl":  # every complete line before the cut is still read, the same
        whole = data[:keep].count(b"\n")
        full = [r for r in read_articles([FILES[kind]]) if isinstance(r, Article)][:whole]
        assert [r for r in results if isinstance(r, Article)][:whole] == [
            Article(**{**a.__dict__, "source": a.source.replace(str(FILES[kind]), str(path))}) for a in full]


@_FAST
@given(kind=st.sampled_from(["txt", "csv", "jsonl", "html"]), data=st.binary(max_size=600))
def test_any_bytes_in_any_file_type_read_without_crashing(tmp_path_factory, kind: str, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"any.{kind}"
    path.write_bytes(data)
    results = list(read_articles([path]))
    assert all(isinstance(r, Article | SourceError) for r in results)
    if kind in ("txt", "html"):
        assert len(results) == 1


@_FAST
@given(text=st.lists(st.one_of(st.text(max_size=30), _ODD), max_size=40).map("".join))
def test_odd_unicode_survives_reading_and_cleaning(tmp_path_factory, text: str) -> None:
    assume("\x00" not in text)
    path = tmp_path_factory.mktemp("odd") / "odd.jsonl"
    path.write_text(json.dumps({"id": "odd", "text": text}) + "\n", "utf-8")
    (result,) = read_articles([path])
    if isinstance(result, Article):
        assert result.text == clean_text(text) and result.text.strip()
        result.text.encode("utf-8")
    elif not text.strip():
        assert result.reason == 'missing "text"'
    else:
        assert result.reason == "empty article" and not clean_text(text)


def test_one_huge_line_is_read_in_bounded_time_and_cut(tmp_path: Path) -> None:
    """Twenty million characters on one line, no newline anywhere: read in bounded memory and time."""
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(200):
            out.write("Kota Bogor dan Kota Seoul " * 4000)
    started = time.perf_counter()
    (article,) = read_articles([path])
    assert time.perf_counter() - started < 10
    assert isinstance(article, Article) and len(article.text) <= MAX_ARTICLE_CHARS


def test_a_truncated_utf8_character_at_the_cut_is_dropped_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(("é" * (MAX_ARTICLE_CHARS * 3)).encode("utf-8"))
    (article,) = read_articles([path])
    assert isinstance(article, Article) and set(article.text) == {"é"}


def test_stdin_cut_mid_line_gives_the_complete_lines() -> None:
    data = (SAMPLES / "news.jsonl").read_bytes()
    cut = data[: data.index(b"\n", len(data) // 2) + 10]
    results = list(read_articles(["-"], stdin=io.BytesIO(cut)))
    assert isinstance(results[-1], SourceError) and "malformed JSON" in results[-1].reason
    assert all(isinstance(r, Article) for r in results[:-1]) and results[:-1]


# ---- dates ----


@_FAST
@given(value=st.one_of(st.text(max_size=40), st.dates().map(str), st.datetimes().map(str)))
def test_publication_dates_parse_or_fail_clearly(value: str) -> None:
    try:
        parsed = parse_published(value)
    except ValueError as e:
        assert repr(value) in str(e) and "published" in str(e)
    else:
        assert parsed is None or isinstance(parsed, dt.date)


@_FAST
@given(text=_TEXT, code=st.sampled_from(["id", "en"]), published=st.one_of(st.none(), st.dates()))
def test_dates_are_found_in_bounds_and_resolve(text: str, code: str, published: dt.date | None) -> None:
    mentions = find_dates(text, languages.load(code))
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        date = resolve(mention, published)
        if date is not None:
            date.iso()  # always a lexical form (and a calendar day: the test below)


@settings(max_examples=30, deadline=2000)
@given(day=st.integers(1, 31), month=st.integers(1, 12), year=st.integers(2000, 2030))
@example(day=31, month=2, year=2016)
def test_only_calendar_dates_are_minted(day: int, month: int, year: int) -> None:
    for mention in find_dates(f"Rabu ({day}/{month}/{year})", languages.load("id")):
        date = resolve(mention, None)
        if date is not None and date.year and date.month and date.day:
            dt.date(date.year, date.month, date.day)  # raises for 31/2
            assert date_literal(date)


# ---- the extractor ----


@settings(max_examples=100, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, code=st.sampled_from(["id", "en", None]))
def test_the_extractor_survives_any_text_and_points_into_it(text: str, code: str | None) -> None:
    assume(text.strip())
    started = time.perf_counter()
    extraction = extract(Article(id="any", text=text, lang=code))
    assert time.perf_counter() - started < 5
    for agreement in extraction.agreements:
        assert len({p.key for p in agreement.parties}) >= 2
        for evidence in agreement.evidence:
            assert text[evidence.start:evidence.end] == evidence.sentence
    for person in extraction.people:
        if person.evidence is not None:
            assert text[person.evidence.start:person.evidence.end] == person.evidence.sentence


def test_long_real_text_is_extracted_in_bounded_time() -> None:
    """The samples repeated to the 200,000-character cap: about 4 s here, linear in the text."""
    text = "\n\n".join(a.text for a in read_articles([SAMPLES]) if isinstance(a, Article))
    text = (text * (MAX_ARTICLE_CHARS // len(text) + 1))[:MAX_ARTICLE_CHARS // 4]
    started = time.perf_counter()
    extraction = extract(Article(id="long", text=text, lang="id"))
    assert time.perf_counter() - started < 20
    assert extraction.agreements


# ---- the worker's serialisation ----


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_SOUP, _LONG_SOUP), title=st.one_of(st.none(), st.text(max_size=60)),
       article_id=st.text(min_size=1, max_size=30).filter(str.strip),
       url=st.one_of(st.none(), st.text(max_size=40).map(lambda s: "https://example.org/" + s)))
@example(text='Pemerintah Kota Bogor dan Kota Seoul menandatangani nota kesepahaman "}> \\ \n\'\'\'',
         title='"""} .', article_id="a>b\\c}", url='https://example.org/"x">')
def test_what_a_worker_sends_is_exactly_the_article_graph(text: str, title: str | None, article_id: str,
                                                          url: str | None) -> None:
    """N-Quads bytes between processes: parsing them gives the rdflib graph's triples, whatever the text."""
    assume(text.strip())
    article = Article(id=article_id, text=text, title=title, url=url, lang="id")
    sent = extract_article(article)
    received = {(q.subject, q.predicate, q.object) for q in ox.parse(sent.nquads, ox.RdfFormat.N_QUADS)}
    graph = extraction_to_graph(sent.extraction)
    assert received == {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph}
    assert sent.triples == len(graph) == len(article_quads(article)[1])
