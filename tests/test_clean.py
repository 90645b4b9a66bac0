"""clean_text: what it drops, what it must keep, and that it is safe on any input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citygraph.clean import clean_text, is_noise_line
from citygraph.extract.lang.en import noise as en_noise
from citygraph.extract.lang.id import noise as id_noise

ARTICLES = Path(__file__).parent / "data" / "articles"


def _read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


# --- the fixtures -------------------------------------------------------------


def test_seed_like_article_keeps_each_sentence_once():
    cleaned = clean_text(_read("id_repeated.txt"))
    for sentence in (
        "SURABAYA - Pemerintah Kota Surabaya dan Pemerintah Kota Busan, Korea Selatan, menandatangani",
        "Wali Kota Surabaya Rini Hartono mengatakan kerja sama ini membuka peluang",
        "“Kami ingin belajar tata kelola pelabuhan dari Busan,” kata Rini.",
    ):
        assert cleaned.count(sentence) == 1, sentence
    for noise in ("Foto:", "Baca juga", "Cek Berita", "Google News", "(ron/dwi)"):
        assert noise not in cleaned
    assert cleaned.splitlines() == [
        ("SURABAYA - Pemerintah Kota Surabaya dan Pemerintah Kota Busan, Korea Selatan, menandatangani "
        "nota kesepahaman kerja sama pengelolaan pelabuhan dan pariwisata, Kamis (14/3)."),
        ("Wali Kota Surabaya Rini Hartono mengatakan kerja sama ini membuka peluang pertukaran pegawai "
        "dan pelajar."),
        "“Kami ingin belajar tata kelola pelabuhan dari Busan,” kata Rini.",
    ]


def test_english_article_drops_furniture_and_near_repeat():
    cleaned = clean_text(_read("en_noisy.txt"))
    paragraphs = cleaned.split("\n\n")
    assert paragraphs[0] == "Perth and Kota Denpasar mark a decade as sister cities"
    assert paragraphs[1].startswith("PERTH - The City of Perth and the city of Denpasar")
    assert len(paragraphs) == 4
    assert cleaned.count("Lord Mayor Helen Carver said the two cities had exchanged") == 1
    for noise in ("Photo:", "READ MORE", "Advertisement", "Reporting by"):
        assert noise not in cleaned


# --- line rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Harga Cabai di Pasar Beringharjo Mulai Turun",
        "Baca Juga",
        "Baca juga : Lumpur Kembali Meluber",
        "» Baca juga: Berita lain",
        "Read also: Another story",
        "Read more",
        "READ MORE: Bandung named among most liveable cities",
        "Related: Train services suspended",
        "See also: Paris closes road",
        "Also read: Council approves bridge",
        "Foto: Gubernur bertukar cinderamata. (Foto: Humas)",
        "Foto : Walikota menunjukkan naskah PKS.",
        "(Foto: Dok. Humas)",
        "Photo: The mayor at the unveiling.",
        "Pictured: Rescue teams use boats.",
        "Picture: The Lord Mayor. (Supplied)",
        "ADVERTISEMENT",
        "Advertisement",
        "Advertorial",
        "Iklan",
        "- ADVERTISEMENT -",
        "SCROLL TO RESUME CONTENT",
        "Cek Berita dan Artikel yang lain di",
        "Cek Berita dan Artikel yang lain di Google News",
        "Google News",
        "(ron/dwi)",
        "(*)",
        "(adve/man)",
        "(kp/ern)",
        "(ADV)",
        "(UWA)",
        "(kp / ern)",
        "(Reporting by staff; editing by desk)",
        "Reporting by Jane Doe; Editing by John Roe",
        "Editor: Rina Wulandari",
    ],
)
def test_noise_lines_are_recognised(line):
    assert is_noise_line(line)
    assert clean_text(f"Kota Bogor menjalin kerja sama dengan Kota Seoul.\n{line}") == (
        "Kota Bogor menjalin kerja sama dengan Kota Seoul."
    )


@pytest.mark.parametrize(
    "line",
    [
        "JAKARTA - Pemerintah Provinsi DKI Jakarta memperpanjang MoU.",
        "medcom.id, Bogor: Pemerintah Kota Bogor menjalin kerja sama dengan Pemerintah Kota Seoul.",
        "Foto-foto kegiatan itu dipamerkan di balai kota.",
        "Foto bersama peserta forum dilakukan usai penandatanganan.",
        "Related to the agreement, the two councils will meet again in May.",
        "Read more widely, the pact covers trade and culture.",
        "Iklan layanan masyarakat tentang kerja sama itu dipasang di alun-alun.",
        "Advertisement revenue of the city rose.",
        "Reporting by the council shows both cities gained visitors.",
        "Editor senior itu hadir dalam penandatanganan.",
        "Baca juga dokumen lengkapnya di laman resmi pemkot, kata Rini.",
        "Pemerintah Kota Yogyakarta (DIY)",
        "SLEMAN, kabarsleman - Pemerintah Kabupaten Sleman memperpanjang PKS.",
    ],
)
def test_real_sentences_are_kept(line):
    assert not is_noise_line(line)
    assert clean_text(line) == line


def test_credit_after_last_sentence_is_cut_but_an_acronym_stays():
    assert clean_text("Kerja sama ini diteken Jumat. (ris/kun)") == "Kerja sama ini diteken Jumat."
    assert clean_text("Program ini didanai APBD. (*)") == "Program ini didanai APBD."
    kept = "Kerja sama itu disaksikan Gubernur DIY. (DIY)"
    assert clean_text(kept) == kept


# --- repeats ------------------------------------------------------------------


def test_exact_repeat_keeps_first_occurrence():
    first = "Kedua kota sepakat bekerja sama di bidang pendidikan."
    text = f"{first}\n\nWali kota hadir.\n\n{first.upper()}\n\nPenutup acara berlangsung meriah."
    assert clean_text(text) == f"{first}\n\nWali kota hadir.\n\nPenutup acara berlangsung meriah."


def test_near_repeat_without_its_last_clause_is_dropped():
    first = ("Di Kota Bekasi, air merendam sejumlah perumahan di Kecamatan Bekasi Timur dan Rawalumbu "
             "setelah Kali Bekasi meluap, kata wali kota.")
    second = "Di Kota Bekasi, air merendam sejumlah perumahan di Kecamatan Bekasi Timur dan Rawalumbu."
    assert clean_text(f"{first}\n\nParagraf lain yang berbeda sama sekali.\n\n{second}") == (
        f"{first}\n\nParagraf lain yang berbeda sama sekali."
    )


def test_short_repeated_lines_are_kept():
    text = "smart city\nParagraf pertama tentang kota cerdas.\nsmart city\nSelesai."
    assert clean_text(text) == text


def test_different_sentences_sharing_words_are_kept():
    text = (
        "Wali Kota Bogor menandatangani surat pernyataan minat dengan Wali Kota Seoul di Seoul.\n\n"
        "Wali Kota Bogor menandatangani nota kesepahaman dengan Wali Kota Depok di Bogor."
    )
    assert clean_text(text) == text


# --- normalisation --------------------------------------------------------------


def test_unicode_and_newlines_are_normalised():
    raw = "Kota\u00a0Bogor\u200b dan\u202fSeoul\r\nCafe\u0301 “kota cerdas”\u2028akhir\tkata  ini"
    assert clean_text(raw) == "Kota Bogor dan Seoul\nCafé “kota cerdas”\nakhir kata ini"


def test_blank_lines_collapse_and_ends_are_trimmed():
    assert clean_text("\n\n  Satu.  \n\n\n\nDua.\n\n\n") == "Satu.\n\nDua."


def test_empty_and_noise_only_texts_clean_to_nothing():
    assert clean_text("") == ""
    assert clean_text("ADVERTISEMENT\n\n(*)\nBaca juga: x") == ""


def test_language_argument_does_not_narrow_the_cues():
    text = "Kerja sama diteken.\nRead more: x\nBaca juga: y"
    assert clean_text(text, "id") == clean_text(text, "en") == "Kerja sama diteken."


# --- language data --------------------------------------------------------------


@pytest.mark.parametrize("module", [id_noise, en_noise], ids=["id", "en"])
def test_noise_lists_are_lower_case_and_unique(module):
    for name in ("READ_ALSO_PREFIXES", "CAPTION_PREFIXES", "ADVERT_MARKERS", "ADVERT_PREFIXES",
                 "CREDIT_PREFIXES"):
        words = getattr(module, name)
        assert words, name
        assert all(w == w.strip().lower() and w for w in words), name
        assert len(set(words)) == len(words), name


# --- properties -------------------------------------------------------------------

_ODD = st.sampled_from(
    ["\u00a0", "\u200b", "\ufeff", "\r", "\r\n", "\u2028", "\x00", "\ud800", "e\u0301", "“", "\t", "\n\n",
     "(a/b)", "Foto:", "Baca juga:", "ADVERTISEMENT"]
)
_TEXTS = st.lists(st.one_of(st.text(max_size=40), _ODD), max_size=30).map("".join)


@settings(max_examples=100, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_clean_text_is_total_and_idempotent(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert "\r" not in cleaned and "\u200b" not in cleaned and "\u00a0" not in cleaned
    assert cleaned == cleaned.strip("\n")
    cleaned.encode("utf-8")  # no lone surrogates left


@settings(max_examples=50, deadline=2000)
@given(st.lists(st.sampled_from(["Kota Bogor", "kerja sama", "Seoul", "dan", ".", "\n", "\n\n"]),
                max_size=200).map(" ".join))
def test_clean_text_never_adds_words(text):
    cleaned_words = clean_text(text).split()
    source_words = text.split()
    assert len(cleaned_words) <= len(source_words)


def test_huge_input_is_cleaned_in_bounded_time():
    paragraph = "Pemerintah Kota Bogor dan Kota Seoul memperluas kerja sama bidang transportasi. "
    text = (paragraph * 2500) + "\n" + "\n\n".join(f"Paragraf nomor {i} berbeda." for i in range(5000))
    started = time.perf_counter()
    cleaned = clean_text(text)
    assert time.perf_counter() - started < 5
    assert cleaned.startswith("Pemerintah Kota Bogor")
    assert "Paragraf nomor 4999 berbeda." in cleaned
