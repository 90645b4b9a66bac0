"""Dates in news text (``citygraph.extract.dates``): what a sentence says, resolved
against the publication date, in both languages.

Indonesian news writes "Rabu (8/6)", "Jumat, 02/09/2016", "pertengahan
September 2012"; English news "on Friday, December 2, 2016", "last Tuesday".
The weekday, when given, must agree with the resolved date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citygraph.extract.dates import best_date, find_dates, resolve
from citygraph.extract.lang import load
from citygraph.model import PartialDate


def _date(sentence: str, lang: str, published: dt.date | None = None) -> str | None:
    found = best_date(find_dates(sentence, load(lang)), published)
    return found.iso() if found else None


# -- Indonesian --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Nota kesepahaman diteken di Balai Kota, Rabu (8/6).", dt.date(2016, 6, 9), "2016-06-08"),
        ("Nota kesepahaman diteken di Balai Kota, Rabu (8/6).", None, "--06-08"),
        ("Penandatanganan dilakukan Jumat, 02/09/2016, di Surabaya.", None, "2016-09-02"),
        ("Penandatanganan dilakukan Jumat, 02/09/2016, di Surabaya.", dt.date(2019, 1, 1), "2016-09-02"),
        ("Kedua kota meneken perjanjian pada 19 Desember 2014 di Makassar.", None, "2014-12-19"),
        ("Kesepakatan itu ditandatangani pada 5 Agustus 2015.", dt.date(2015, 8, 6), "2015-08-05"),
        ("MoU diteken pada pertengahan September 2012 di Kitakyushu.", None, "2012-09"),
        ("Surat pernyataan minat ditandatangani pada April 2010.", None, "2010-04"),
        ("Nota kesepahaman ditandatangani pada Mei tahun 2019.", None, "2019-05"),
        ("Hubungan kota kembar itu dirintis sejak 1998.", None, "1998"),
        ("Wali Kota menandatangani kesepakatan itu kemarin.", dt.date(2018, 3, 1), "2018-02-28"),
        ("Perjanjian ditandatangani hari ini di Denpasar.", dt.date(2018, 3, 1), "2018-03-01"),
        ("Nota kesepahaman ditandatangani Jum'at (3/8) di Bandung.", dt.date(2018, 8, 4), "2018-08-03"),
    ],
)
def test_id_dates(sentence: str, published: dt.date | None, expected: str) -> None:
    assert _date(sentence, "id", published) == expected


def test_id_relative_day_without_publication_date_is_unknown() -> None:
    assert _date("Wali Kota menandatangani kesepakatan itu kemarin.", "id", None) is None


def test_id_day_month_takes_the_latest_year_not_after_publication() -> None:
    # published in January: "(20/12)" is last December, not the coming one
    assert _date("Kesepakatan diteken Selasa (20/12).", "id", dt.date(2017, 1, 5)) == "2016-12-20"


def test_id_weekday_chooses_the_latest_past_year_that_matches() -> None:
    # 3 August 2017 was a Thursday, 3 August 2016 a Wednesday
    assert _date("MoU diteken Kamis (3/8).", "id", dt.date(2017, 9, 1)) == "2017-08-03"
    assert _date("MoU diteken Rabu (3/8).", "id", dt.date(2017, 9, 1)) == "2016-08-03"


def test_id_weekday_that_matches_no_recent_year_leaves_the_year_out() -> None:
    # 3 August was a Friday in 2018, a Thursday in 2017: neither is a Monday
    assert _date("MoU diteken Senin (3/8).", "id", dt.date(2018, 9, 1)) == "--08-03"


def test_id_past_weekday() -> None:
    # 9 June 2016 was a Thursday; "Selasa lalu" is 7 June
    assert _date("Kerja sama itu diteken Selasa lalu.", "id", dt.date(2016, 6, 9)) == "2016-06-07"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kedua kota menargetkan 100 ribu wisatawan hingga 2030.",
        "Program itu ditargetkan rampung paling lambat 2025.",
        "Kerja sama berlaku sampai 31 Desember 2020.",
    ],
)
def test_id_deadlines_are_not_signing_dates(sentence: str) -> None:
    assert _date(sentence, "id", dt.date(2016, 6, 9)) is None
    assert any(m.deadline for m in find_dates(sentence, load("id")))


def test_id_signing_date_wins_over_a_deadline_in_the_same_sentence() -> None:
    sentence = "MoU yang diteken 12 Maret 2018 itu menargetkan kota bebas sampah hingga 2025."
    assert _date(sentence, "id", None) == "2018-03-12"


def test_id_weekday_is_attached_to_the_date_after_it() -> None:
    (mention,) = find_dates("Penandatanganan berlangsung Rabu (8/6) di Seoul.", load("id"))
    assert (mention.weekday, mention.month, mention.day) == (2, 6, 8)


def test_id_numbers_that_are_not_dates() -> None:
    assert _date("Skor akhir 3-1 dan 7.000 penonton hadir.", "id", dt.date(2016, 6, 9)) is None
    assert _date("Anggarannya Rp 2.500 miliar.", "id", None) is None


# -- English ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("The mayors signed the agreement on Friday, December 2, 2016.", None, "2016-12-02"),
        ("The memorandum was signed on 14 March 2019 in Leeds.", None, "2019-03-14"),
        ("The two cities signed a letter of intent last Tuesday.", dt.date(2016, 6, 9), "2016-06-07"),
        ("The pact was signed on Friday (27/11) at city hall.", dt.date(2015, 11, 28), "2015-11-27"),
        ("The pact was signed on Friday (27/11) at city hall.", None, "--11-27"),
        ("The councils first signed a friendship agreement in April 2016.", None, "2016-04"),
        ("The sister city relationship was established in 1987.", None, "1987"),
        ("The mayor signed the deal yesterday.", dt.date(2020, 3, 1), "2020-02-29"),
        ("The agreement was signed on Sept. 3, 2018.", None, "2018-09-03"),
    ],
)
def test_en_dates(sentence: str, published: dt.date | None, expected: str) -> None:
    assert _date(sentence, "en", published) == expected


def test_en_last_weekday_on_the_same_weekday_is_a_week_before() -> None:
    # published on a Tuesday: "last Tuesday" is seven days earlier
    assert _date("They signed it last Tuesday.", "en", dt.date(2016, 6, 7)) == "2016-05-31"


@pytest.mark.parametrize(
    "sentence",
    [
        "The cities aim to halve their emissions by 2030.",
        "The plan runs until 2025.",
        "The programme should be finished before December 2022.",
    ],
)
def test_en_deadlines_are_not_signing_dates(sentence: str) -> None:
    assert _date(sentence, "en", dt.date(2016, 6, 9)) is None


# -- resolve -------------------------------------------------------------------


def test_resolve_keeps_what_the_text_gives() -> None:
    (mention,) = find_dates("pada April 2010", load("id"))
    assert resolve(mention, dt.date(2016, 1, 1)) == PartialDate(2010, 4, None)


def test_resolve_bare_weekday_without_past_marker_is_unknown() -> None:
    mentions = find_dates("The council meets on Wednesday.", load("en"))
    assert all(resolve(m, None) is None for m in mentions)


def test_partial_date_iso_round_trip() -> None:
    for iso in ("2016-06-08", "2012-09", "1998", "--06-08"):
        assert PartialDate.parse_iso(iso).iso() == iso
