"""Regression tests: each case was a wrong extraction found by tests written from the guidelines.

Sentences are written for the tests (not taken from any corpus); each group is
named after the behaviour it pins down.
"""
import datetime as dt

import pytest

from citygraph.extract.pipeline import extract
from citygraph.extract.text import split_sentences
from citygraph.model import Article, PlaceKind, Role


def X(text, lang, published=None):
    return extract(Article(id="t1", text=text, published=published, lang=lang))


def person(e, name):
    found = [p for p in e.people if p.name == name]
    assert found, [(p.name, p.role.value, p.of_name) for p in e.people]
    return found[0]


def parties(a):
    return {p.name for p in a.parties}


def pairs(e):
    return sorted(tuple(sorted(parties(a))) for a in e.agreements)


# text
@pytest.mark.parametrize("text", [
    "Acara dibuka oleh Pj. Bupati Bekasi Hendra Gunawan.",
    "Surat itu diteken Plt. Wali Kota Medan Andi Saputra.",
    "Rapat dipimpin Plh. Sekda Kota Bogor Ade Suryana.",
    "The delegation met Gov. Hendra Wijaya and Sen. Mark Lowe.",
])
def test_text_title_abbreviations_do_not_split(text):
    assert [s.text for s in split_sentences(text)] == [text]


# people id
@pytest.mark.parametrize(("text", "lang", "names"), [
    ("Bupati Luwu Muh. Arsyad Lallo dan Wali Kota Palopo Moh. Ridwan Hamid meneken MoU itu.", "id",
     ["Moh. Ridwan Hamid", "Muh. Arsyad Lallo"]),
    ("Wakil Bupati Tanah Datar Irwan Dt. Rajo Api menyambut Bupati Takalar Andi Basri Dg. Tika.", "id",
     ["Andi Basri Dg. Tika", "Irwan Dt. Rajo Api"]),
    ("Wali Kota Banda Aceh Tgk. Hasan Basri dan Wali Kota Langsa Abd. Rauf Daud hadir.", "id",
     ["Abd. Rauf Daud", "Tgk. Hasan Basri"]),
    ("North Sumatra Deputy Governor Drs H. Rahmat Siregar met Penang Chief Minister Chow Kon Yeow.", "en",
     ["Chow Kon Yeow", "Rahmat Siregar"]),
    ("Bandung Mayor Ir. Dadang Supriatna signed the letter.", "en", ["Dadang Supriatna"]),
])
def test_abbreviated_name_parts_stay_in_the_name(text, lang, names):
    """Indonesian and Malay names abbreviate parts ("Muh.", "Dg." for Daeng, "Dt." for Datuk): their stop
    neither ends the sentence nor the name; an Indonesian honorific in English copy is not part of it."""
    assert [s.text for s in split_sentences(text)] == [text]
    assert sorted(p.name for p in X(text, lang).people) == names


@pytest.mark.parametrize(("text", "name"), [
    ("Plt. Wali Kota Medan Andi Saputra menandatangani surat itu.", "Andi Saputra"),
    ("Pj. Bupati Bekasi Hendra Gunawan meninjau lokasi.", "Hendra Gunawan"),
])
def test_id_acting_with_dot(text, name):
    assert person(X(text, "id"), name).acting


def test_id_ambassador_serves_his_own_country():
    p = person(X("Duta Besar RI untuk Jepang, Arif Nugroho, turut hadir dalam pertemuan itu.", "id"), "Arif Nugroho")
    assert p.of_name == "Indonesia"


# people en
def test_en_ambassador_to():
    p = person(X("Indonesian Ambassador to Japan Arif Nugroho attended the signing.", "en"), "Arif Nugroho")
    assert p.role is Role.AMBASSADOR


def test_en_ambassador_to_apposition():
    p = person(X("Indonesia's Ambassador to Japan, Arif Nugroho, attended the signing.", "en"), "Arif Nugroho")
    assert p.role is Role.AMBASSADOR


def test_en_regent_picks_the_regency():
    e = X("Bogor Regent Rina Kartikasari met Bogor Mayor Dedi Prasetyo on Monday.", "en")
    assert person(e, "Rina Kartikasari").of_place.kind is PlaceKind.REGENCY


def test_en_acting_before_place_title():
    assert person(X("Acting Jakarta Governor Hendra Wijaya attended.", "en"), "Hendra Wijaya").acting


def test_en_former_before_place_title():
    assert person(X("Former Bandung Mayor Rahman Hakim attended.", "en"), "Rahman Hakim").former


# forums en
def test_en_summit_in_city():
    e = X("The mayors met at the Asia Pacific Cities Summit in Brisbane.", "en")
    assert [f.name for f in e.forums] == ["Asia Pacific Cities Summit"]
    assert e.forums[0].city is not None and e.forums[0].city.name == "Brisbane"


def test_en_forum_from_follow_up_sentence():
    e = X("The City of Bogor and the City of Seoul signed a letter of intent on smart city cooperation.\n"
          "The signing took place on the sidelines of the International Urban Policy Forum in Seoul on "
          "Wednesday (8/6).", "en", dt.date(2016, 6, 9))
    (a,) = e.agreements
    assert a.forum.name == "International Urban Policy Forum"
    assert a.forum.city is not None and a.forum.city.name == "Seoul"


# agreements en witnesses
def test_en_witness_place_before_title_is_not_a_party():
    e = X("The memorandum was signed by Malang Mayor Sutrisno Adi and Hamamatsu Mayor Kenta Ishikawa, "
          "witnessed by East Java Governor Hartono Wijaya.", "en")
    (a,) = e.agreements
    assert parties(a) == {"Malang", "Hamamatsu"}


def test_en_witness_apposition_is_not_signatory_or_party():
    e = X("The memorandum was signed by the mayors of Malang and Hamamatsu, witnessed by the Governor of East "
          "Java, Hartono Wijaya.", "en")
    (a,) = e.agreements
    assert parties(a) == {"Malang", "Hamamatsu"}
    assert a.signatories == []


# agreements: wishes are no agreement
@pytest.mark.parametrize(("text", "lang"), [
    (("Wali Kota Bandung Ridwan Hakim berharap suatu hari kelak Kota Bandung bisa menjalin kerja sama dengan "
      "Kota Suwon."), "id"),
    ("Wali Kota Bandung Ridwan Hakim ingin Kota Bandung menjadi kota kembar Kota Suwon.", "id"),
    ("Bandung Mayor Ridwan Hakim said he hoped Bandung could one day become a sister city of Suwon.", "en"),
])
def test_wish_is_no_agreement(text, lang):
    assert X(text, lang).agreements == []


# agreements: sister-city lists without an intro word
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Kota Bandung memiliki kota kembar Suwon, Fort Worth dan Braunschweig.", "id",
     [("Bandung", "Braunschweig"), ("Bandung", "Fort Worth"), ("Bandung", "Suwon")]),
    ("Kota Bandung bersaudara dengan Kota Suwon dan Kota Fort Worth.", "id",
     [("Bandung", "Fort Worth"), ("Bandung", "Suwon")]),
    ("Leeds is twinned with Durban and Dortmund.", "en", [("Dortmund", "Leeds"), ("Durban", "Leeds")]),
])
def test_sister_list_without_intro_is_one_tie_per_partner(text, lang, expected):
    assert pairs(X(text, lang)) == expected


# agreements: existing tie and a new signed agreement
@pytest.mark.parametrize(("text", "lang"), [
    (("Kota Bandung dan Kota Suwon telah menjadi kota kembar sejak 1997. Kedua kota menandatangani perjanjian "
      "kerja sama baru di bidang pendidikan, Senin (5/9)."), "id"),
    (("Bandung and Suwon have been sister cities since 1997. On Monday the two cities signed a cooperation "
      "agreement on education."), "en"),
])
def test_old_tie_and_new_agreement_are_two(text, lang):
    e = X(text, lang, dt.date(2016, 9, 5))
    dates = sorted(a.date.iso() if a.date else "" for a in e.agreements)
    assert dates == ["1997", "2016-09-05"]


# agreements: a negation elsewhere in the sentence does not cancel a signing
@pytest.mark.parametrize(("text", "lang"), [
    ("Pemkot Surabaya dan Pemkot Busan menandatangani nota kesepahaman yang bukan kali pertama bagi kedua kota.",
     "id"),
    (("The City of Surabaya and the City of Busan signed a memorandum of understanding, not the first for "
      "either city."), "en"),
])
def test_unrelated_negation_keeps_the_agreement(text, lang):
    (a,) = X(text, lang).agreements
    assert parties(a) == {"Surabaya", "Busan"}
