"""Extraction time grows about linearly with the article, however odd the article.

Every shape below once made :func:`extract` quadratic or worse: a regex retried from every
start of a long token or run ("aaaa...", "....."), a regex anchored at the end of everything
before each mention or title, every mention compared with every other one. Two kinds of check:

* where the work is Python's, it is counted, not timed: the number of function calls
  (cProfile's count, the same on every run) for an article four times as long must be about
  four times as many, where a loop over pairs makes it sixteen;
* where the work is inside the regex engine, which no counter sees, the time is measured
  (``time.process_time``) at two sizes: four times the text must take less than ten times as
  long (quadratic is sixteen), and the larger size well under a few seconds (it took minutes).
  A timer aborts a run that goes on for long, so a regression fails rather than hangs.

The helpers that replace a regex on a prefix with reading backwards are checked against
the regex they replace, on random strings.
"""

from __future__ import annotations

import cProfile
import pstats
import random
import re
import signal
import time
from contextlib import contextmanager

import pytest

from citygraph.extract.gazetteer import Gazetteer
from citygraph.extract.people import _portfolio_start
from citygraph.extract.pipeline import extract
from citygraph.extract.places import _QUALIFIER_GAP, _starts_sentence
from citygraph.extract.text import char_before, last_word, split_sentences, word_before
from citygraph.model import Article


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _made_up(n: int, make) -> str:
    """Sentences of made-up names until ``n`` characters (the same ones on every run)."""
    rnd = random.Random(3)

    def name() -> str:
        return rnd.choice("BCDFGHKLMNPRSTW") + "".join(rnd.choice("aeiou") + rnd.choice("bdgklmnprst")
                                                      for _ in range(rnd.randint(1, 3)))

    out: list[str] = []
    size = 0
    while size < n:
        out.append(make(name))
        size += len(out[-1])
    return "".join(out)[:n]


#: Shapes whose cost was inside a regex: (text of n characters, language, n). Each n is large enough
#: that the quadratic term dominated: at 4n the old code took seconds to minutes, this takes < 1 s.
REGEX_SHAPES = {
    "one long token": (lambda n: _repeat("a", n), None, 5_000),  # _POSSESSIVE searched from every start
    "one long capitalised token": (lambda n: _repeat("A", n), None, 5_000),  # the glossed-title regex
    "full stops": (lambda n: _repeat(".", n), None, 5_000),  # the sentence end: [.!?]+ from every stop
    "abbreviations": (lambda n: _repeat("dr. ", n), None, 8_000),  # the last word of an ever longer chunk
    "a place again and again": (lambda n: _repeat("Bogor ", n), None, 6_000),  # regexes on all before each place
    "a surname again and again": (
        lambda n: "Wali Kota Bogor Bima Arya hadir. " + _repeat("kata Arya ", n), None, 8_000),
    "a sentence without a full stop": (lambda n: _repeat(
        "Kota Bogor dan kota Surabaya menandatangani nota kesepahaman kerja sama di bidang pendidikan ", n),
        None, 12_000),
    "blanks between places": (  # two runs of blanks side by side in _QUALIFIER_GAP
        lambda n: "Kota Bogor" + " " * (n // 2) + ", Jepang" + " " * (n // 2) + "Tokyo", None, 5_000),
    "capitalised words before titles": (lambda n: _repeat("Environment Secretary ", n), "en", 6_000),
}

#: Shapes whose cost was in Python loops over pairs: (text of n characters, language, n). The calls
#: are counted exactly, so a small n shows the quadratic term at once.
LOOP_SHAPES = {
    "years": (lambda n: _repeat("2016 ", n), None, 2_000),  # each date compared with every date taken
    "titles": (lambda n: _repeat("Mayor ", n), "en", 1_000),  # every token of the sentence at each title
    "an acronym used again and again": (
        lambda n: "Kuching South City Council (MBKS) signed. " + _repeat("MBKS ", n), None, 1_000),
    "mayors of made-up cities": (lambda n: _made_up(
        n, lambda name: f"The Mayor of {name()} City signed a memorandum of understanding with {name()} City. "),
        "en", 2_000),
    "agreements with made-up cities": (lambda n: _made_up(
        n, lambda name: f"Kota Bogor dan Kota {name()} menandatangani MoU kerja sama. "), None, 2_000),
    "made-up events": (lambda n: _made_up(n, lambda name: f"Acara {name()} {name()} Forum dibuka. "), None, 1_500),
}


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    Gazetteer.default()
    for code in ("id", "en"):  # compile every language's patterns before anything is measured
        extract(Article(id="warm", text="Kota Bogor dan Kota Surabaya menandatangani MoU pada 2016.", lang=code))


@contextmanager
def _deadline(seconds: int):
    """Fail, rather than hang, when a run goes on far longer than a linear one could."""
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - not on Windows
        yield
        return

    def stop(signum, frame):
        raise TimeoutError(f"extraction still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _seconds(text: str, lang: str | None) -> float:
    start = time.process_time()
    extract(Article(id="t", text=text, lang=lang))
    return time.process_time() - start


def _calls(text: str, lang: str | None) -> int:
    profile = cProfile.Profile()
    profile.enable()
    try:
        extract(Article(id="t", text=text, lang=lang))
    finally:
        profile.disable()
    return pstats.Stats(profile).total_calls


@pytest.mark.parametrize("shape", list(REGEX_SHAPES))
def test_regex_time_grows_linearly(shape: str) -> None:
    make, lang, n = REGEX_SHAPES[shape]
    with _deadline(30):
        small = _seconds(make(n), lang)
        large = _seconds(make(4 * n), lang)
    assert large < 5.0, f"{shape}: {4 * n} characters took {large:.2f} s"
    # 0.02 s: below that the clock's resolution and start-up costs decide the ratio
    assert large < 10 * max(small, 0.02), f"{shape}: {small:.3f} s, then {large:.3f} s for 4x the text"


@pytest.mark.parametrize("shape", list(LOOP_SHAPES))
def test_work_grows_linearly(shape: str) -> None:
    make, lang, n = LOOP_SHAPES[shape]
    with _deadline(60):
        small = _calls(make(n), lang)
        large = _calls(make(4 * n), lang)
    assert large < 6 * small, f"{shape}: {small} calls, then {large} for 4x the text"


def test_one_huge_token_of_a_megabyte_is_read_quickly() -> None:
    text = _repeat("kerjasama", 1_000_000)  # cut to MAX_ARTICLE_CHARS, as every article is
    with _deadline(30):
        seconds = _seconds(text, None)
    assert seconds < 5.0


# The helpers that read backwards from a position give what the regex on the prefix gave.

_PIECES = ["A", "Bo", "and", "And", " ", "  ", "\n", "x", "'", "’", "-", "é", "É", "_", "1", ",", ".", '"', "“",
           "!", "Z", "an", "d", "(", ")", "di", "in", "the", "\t"]


def _random_strings(seed: int, count: int):
    rnd = random.Random(seed)
    for _ in range(count):
        s = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 9)))
        yield s, rnd.randint(0, len(s))


def test_reading_backwards_agrees_with_the_regexes_it_replaces() -> None:
    for s, end in _random_strings(1, 10_000):
        start = end // 2
        found = re.findall(r"[\w’']+$", s[start:end])
        assert last_word(s, end, start) == (found[0] if found else ""), (s, start, end)
        for extra, pattern, space in (("", r"(\w+)\s+$", True), ("'’-", r"([\w'’-]+)\s+$", True),
                                      ("", r"(\w+)\s*$", False)):
            m = re.search(pattern, s[:end])
            assert word_before(s, end, extra=extra, space=space) == (m.span(1) if m else None), (s, end, pattern)
        assert (char_before(s, end) in tuple('.!?"“:')) == bool(re.search(r"[.!?\"“:]\s*$", s[:end])), (s, end)
        assert _starts_sentence(s, end) == bool(re.search(r"(?:^|[.!?\n]\s*|[“\"]\s*)$", s[:end])), (s, end)


def test_capitalised_words_before_a_title_agree_with_the_regex() -> None:
    portfolio = re.compile(r"(?:\b[A-Z][\w'’\-]*\s+(?:and\s+)?)+$")
    for s, end in _random_strings(2, 10_000):
        memo: dict[int, int | None] = {}
        for at in sorted({end, len(s), len(s) // 2}):  # one memo per sentence, asked at several titles
            m = portfolio.search(s[:at])
            assert _portfolio_start(s, at, memo) == (m.start() if m else None), (s, at)


def test_the_qualifier_gap_matches_as_before() -> None:
    before = re.compile(  # the pattern before its blanks were made possessive
        r"\s*(?:\([^()]{1,20}\))?\s*(?:,|\bin\b|\bdi\b)\s*(?:(?:in\s+)?the\s+)?(?:[A-Z][\w\-]*\s+)?"
        r"(?:(?:state|province|prefecture|region|county|negara bagian|provinsi)\s+of\s+)?")
    for s, _end in _random_strings(3, 10_000):
        assert bool(_QUALIFIER_GAP.fullmatch(s)) == bool(before.fullmatch(s)), s


def test_sentences_split_as_before_around_runs_of_stops() -> None:
    text = "Ia datang... Lalu pergi!? Dr. Budi hadir. Kota Bogor.\n\nJl. Sudirman no. 5. Selesai....  Ya."
    assert [s.text for s in split_sentences(text)] == [
        "Ia datang...", "Lalu pergi!?", "Dr. Budi hadir.", "Kota Bogor.", "Jl. Sudirman no. 5.", "Selesai....",
        "Ya."]
