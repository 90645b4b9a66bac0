"""Sentences and datelines (``citygraph.extract.text``), in both languages.

Every sentence here is written for the test: the splitter must know the
language's habits (abbreviated honorifics, initials, dotted times and
thousands, headlines on their own line), not any particular article.
"""

from __future__ import annotations

import pytest

from citygraph.extract.text import Sentence, find_dateline, split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


# -- abbreviations, initials, numbers do not end a sentence ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Acara itu dihadiri Kepala Bappeda Drs. H. Sri Mulyono dan jajarannya.",
        "Wali Kota Medan T. Dzulmi Hasibuan membuka pameran di Jl. Merdeka No. 12, Medan.",
        "Rapat dimulai pukul 14.00 WIB di aula kantor gubernur.",
        "Jaringan itu kini beranggotakan lebih dari 7.000 kota di seluruh dunia.",
        "Prof. Dr. Ir. Bambang Hartono, M.Si hadir mewakili universitas.",
    ],
)
def test_id_abbreviations_and_numbers_do_not_split(text: str) -> None:
    assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "The delegation was led by Dr. Helen Marsh and Mr. J. R. Whitfield of the council.",
        "The ceremony began at 10.30 in the town hall on St. George Street.",
        "The network now counts more than 1.200 member cities, said Prof. Alan Reid.",
    ],
)
def test_en_abbreviations_and_numbers_do_not_split(text: str) -> None:
    assert _texts(text) == [text]


def test_id_full_stops_split_sentences_and_keep_offsets() -> None:
    text = ("Pemkot Bandung menerima tamu dari Suwon. Mereka membahas transportasi. Pertemuan "
            "berlangsung hangat.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Pemkot Bandung menerima tamu dari Suwon.",
        "Mereka membahas transportasi.",
        "Pertemuan berlangsung hangat.",
    ]
    for s in sentences:
        assert text[s.start:s.end] == s.text
    assert [s.index for s in sentences] == [0, 1, 2]


def test_en_full_stops_split_sentences_and_keep_offsets() -> None:
    text = "The mayor arrived on Monday. She met the governor! Did they sign? Not yet."
    sentences = split_sentences(text)
    assert len(sentences) == 4
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_line_breaks_end_sentences() -> None:
    text = "Foto: Wali Kota saat penandatanganan\nKerja sama itu berlaku lima tahun."
    assert _texts(text) == ["Foto: Wali Kota saat penandatanganan", "Kerja sama itu berlaku lima tahun."]


# -- headlines ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        ("Makassar dan Guangzhou Teken Nota Kesepahaman Pariwisata\n\nMAKASSAR - Pemerintah Kota "
         "Makassar resmi "
        "menjalin kerja sama dengan Guangzhou."),
        "Brisbane and Semarang renew sister city ties\n\nBRISBANE - The two cities renewed their agreement.",
    ],
)
def test_short_unpunctuated_first_line_before_blank_line_is_a_title(text: str) -> None:
    sentences = split_sentences(text)
    assert sentences[0].title is True
    assert all(not s.title for s in sentences[1:])


@pytest.mark.parametrize(
    "text",
    [
        "Pemkot Makassar menjalin kerja sama dengan Guangzhou.\n\nKerja sama itu meliputi pariwisata.",
        "The two cities signed an agreement.\n\nIt covers tourism.",
    ],
)
def test_punctuated_first_sentence_is_not_a_title(text: str) -> None:
    assert split_sentences(text)[0].title is False


def test_a_single_line_is_not_a_title() -> None:
    assert split_sentences("Bandung dan Suwon")[0].title is False


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


# -- datelines -----------------------------------------------------------------


def _dateline(text: str):
    return find_dateline(Sentence(0, 0, len(text), text))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("BANDUNG - Pemerintah Kota Bandung menandatangani nota kesepahaman.", "BANDUNG"),
        ("SURABAYA, suarasby - Wali Kota Surabaya menerima delegasi Busan.", "SURABAYA"),
        ("medcom.id, Bogor: Pemerintah Kota Bogor menjalin kerja sama dengan Seoul.", "Bogor"),
        ("PETALING JAYA - Majlis Bandaraya Petaling Jaya menerima kunjungan.", "PETALING JAYA"),
        ("SIDOARJO (suarajatim) - Bupati Sidoarjo meresmikan taman.", "SIDOARJO"),
        ("JAKARTA (Reuters) - The governor of Jakarta signed a deal with Seoul.", "JAKARTA"),
    ],
)
def test_dateline_place(text: str, place: str) -> None:
    dateline = _dateline(text)
    assert dateline is not None
    assert dateline.place_name == place
    assert text[dateline.start:dateline.start + len(place)] == place
    # the dateline ends where the story begins
    assert text[dateline.end:][0].isalpha()


@pytest.mark.parametrize(
    "text",
    [
        "Pemerintah Kota Bandung menandatangani nota kesepahaman - katanya - pekan lalu.",
        "The mayor said the deal - the first of its kind - was signed on Monday.",
    ],
)
def test_ordinary_sentence_has_no_dateline(text: str) -> None:
    assert _dateline(text) is None
