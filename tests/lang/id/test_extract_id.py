"""Indonesian news, end to end: ``extract(article)`` on sentences written for the test.

Each test states one habit of Indonesian reporting on cooperation between local
governments (titles before names, "Pemkot X", "Rabu (8/6)", "disaksikan",
"kota kembar") and what the annotation guidelines (../shared/corpus/README.md)
make of it. Places are real, people and events invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citygraph.extract.pipeline import extract
from citygraph.model import Article, Extraction, Instrument, PlaceKind, Role, Status


def _extract(text: str, published: dt.date | None = None) -> Extraction:
    return extract(Article(id="t1", text=text, published=published, lang="id"))


def _person(extraction: Extraction, name: str):
    found = [p for p in extraction.people if p.name == name]
    assert found, f"{name!r} not among {[p.name for p in extraction.people]}"
    return found[0]


def _parties(agreement) -> set[str]:
    return {p.name for p in agreement.parties}


def _only(extraction: Extraction):
    assert len(extraction.agreements) == 1, [_parties(a) for a in extraction.agreements]
    return extraction.agreements[0]


def _evidence_ok(extraction: Extraction) -> None:
    text = extraction.article.text
    for agreement in extraction.agreements:
        assert agreement.evidence
        for ev in agreement.evidence:
            assert text[ev.start:ev.end] == ev.sentence


# -- people --------------------------------------------------------------------


def test_mayor_with_honorifics_and_degrees_stripped() -> None:
    e = _extract("Wali Kota Bogor Dr. H. Ahmad Santoso, M.Si membuka acara itu di Balai Kota, Senin (4/3).")
    p = _person(e, "Ahmad Santoso")
    assert p.role is Role.MAYOR
    assert p.of_place is not None and p.of_place.name == "Bogor" and p.of_place.kind is PlaceKind.CITY


@pytest.mark.parametrize(
    ("text", "name", "role", "of", "kind"),
    [
        ("Bupati Sleman Drs. Hendra Wicaksono hadir dalam acara tersebut.", "Hendra Wicaksono", Role.REGENT,
         "Sleman", PlaceKind.REGENCY),
        ("Gubernur Jawa Tengah Bambang Sutrisno menyambut rombongan.", "Bambang Sutrisno", Role.GOVERNOR,
         "Jawa Tengah", PlaceKind.PROVINCE),
        ("Wakil Wali Kota Semarang Dewi Anggraini memimpin rapat.", "Dewi Anggraini", Role.DEPUTY_MAYOR,
         "Semarang", PlaceKind.CITY),
        ("Wakil Bupati Banyuwangi Yusuf Hidayat, S.Sos menerima tamu.", "Yusuf Hidayat", Role.DEPUTY_REGENT,
         "Banyuwangi", PlaceKind.REGENCY),
        ("Walikota Makassar Ir. Arman Tjokro menyampaikan sambutan.", "Arman Tjokro", Role.MAYOR,
         "Makassar", PlaceKind.CITY),
    ],
)
def test_title_place_name(text: str, name: str, role: Role, of: str, kind: PlaceKind) -> None:
    p = _person(_extract(text), name)
    assert p.role is role
    assert p.of_place is not None and (p.of_place.name, p.of_place.kind) == (of, kind)
    assert not p.acting and not p.former


def test_regional_secretary() -> None:
    p = _person(_extract("Sekda Kota Malang Wahyu Setiawan membacakan sambutan."), "Wahyu Setiawan")
    assert p.role is Role.SECRETARY
    assert p.of_place is not None and p.of_place.name == "Malang"


def test_head_of_agency_is_an_official() -> None:
    e = _extract("Kepala Dinas Pariwisata Kota Yogyakarta, Rudi Hartanto, menjelaskan program itu.")
    p = _person(e, "Rudi Hartanto")
    assert p.role is Role.OFFICIAL


def test_ambassador() -> None:
    e = _extract("Duta Besar RI untuk Jepang, Arif Nugroho, turut hadir dalam pertemuan itu.")
    assert _person(e, "Arif Nugroho").role is Role.AMBASSADOR


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Plt Gubernur Jawa Barat Lukman Hakim hadir.", "Lukman Hakim", Role.GOVERNOR),
        ("Acara dibuka Pj Bupati Bekasi Hendra Gunawan.", "Hendra Gunawan", Role.REGENT),
        ("Surat itu diteken Pelaksana Tugas Wali Kota Medan Andi Saputra.", "Andi Saputra", Role.MAYOR),
    ],
)
def test_acting_officials(text: str, name: str, role: Role) -> None:
    p = _person(_extract(text), name)
    assert p.role is role and p.acting


def test_former_official() -> None:
    p = _person(_extract("Acara itu juga dihadiri mantan Gubernur Jawa Timur Samsul Bahri."), "Samsul Bahri")
    assert p.role is Role.GOVERNOR and p.former and not p.acting


def test_regency_or_city_of_the_same_name_chosen_by_the_title() -> None:
    e = _extract("Bupati Bogor Rina Kartikasari bertemu Wali Kota Bogor Dedi Prasetyo di Cibinong.")
    regent, mayor = _person(e, "Rina Kartikasari"), _person(e, "Dedi Prasetyo")
    assert regent.of_place is not None and regent.of_place.kind is PlaceKind.REGENCY
    assert mayor.of_place is not None and mayor.of_place.kind is PlaceKind.CITY
    assert regent.of_place.name == mayor.of_place.name == "Bogor"


def test_bare_surname_later_merges_into_the_full_name() -> None:
    e = _extract("Wali Kota Kitakyushu Kenji Morimoto tiba di Surabaya. "
                 "Wali Kota Morimoto mengatakan kunjungan itu penting.")
    assert [p.name for p in e.people] == ["Kenji Morimoto"]


@pytest.mark.parametrize(
    "text",
    [
        "Pelatih Persib Bandung Robert Hartmann memuji permainan timnya.",
        "Wartawan senior Budi Santosa menulis buku tentang Kota Malang.",
    ],
)
def test_non_officials_are_not_people(text: str) -> None:
    assert _extract(text).people == []


# -- places ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Pemerintah Kota Makassar menggelar rapat.", "Makassar", PlaceKind.CITY),
        ("Pemkab Banyuwangi menggelar festival.", "Banyuwangi", PlaceKind.REGENCY),
        ("Pemprov Jawa Barat menyiapkan anggaran.", "Jawa Barat", PlaceKind.PROVINCE),
        ("Kabupaten Malang dilanda kekeringan.", "Malang", PlaceKind.REGENCY),
        ("Kota Malang menjadi tuan rumah.", "Malang", PlaceKind.CITY),
        ("Delegasi dari Prefektur Osaka tiba kemarin.", "Osaka", PlaceKind.PROVINCE),
    ],
)
def test_government_prefixes_give_the_kind(text: str, name: str, kind: PlaceKind) -> None:
    places = _extract(text).places
    assert any(p.name == name and p.kind is kind for p in places), places


def test_unknown_kota_is_still_a_place_unlinked() -> None:
    places = _extract("Pemerintah Kota Sukamaju Baru menggelar rapat.").places
    unknown = [p for p in places if not p.linked]
    assert unknown and unknown[0].kind is PlaceKind.CITY


def test_country_after_a_city_is_a_qualifier_not_a_party() -> None:
    e = _extract("Pemerintah Kota Surabaya menandatangani nota kesepahaman dengan Kota Xiamen, Tiongkok, "
                 "Selasa (5/4).", dt.date(2016, 4, 6))
    assert _parties(_only(e)) == {"Surabaya", "Xiamen"}


def test_location_is_not_a_party() -> None:
    e = _extract("Wali Kota Bandung Ridwan Hakim dan Wali Kota Kazan Ilsur Galiev menandatangani nota "
                 "kesepahaman di Moskow, Rabu (8/6).", dt.date(2016, 6, 9))
    assert _parties(_only(e)) == {"Bandung", "Kazan"}


def test_place_in_an_organisation_name_is_not_a_party() -> None:
    e = _extract("KBRI Tokyo memfasilitasi penandatanganan nota kesepahaman antara Pemerintah Kota Bogor "
                 "dan Pemerintah Kota Sakai, Jumat (10/6).", dt.date(2016, 6, 11))
    assert _parties(_only(e)) == {"Bogor", "Sakai"}


def test_football_club_names_are_not_parties() -> None:
    e = _extract("Persib Bandung dan Persija Jakarta sepakat menjalin kerja sama pembinaan pemain muda.")
    assert e.agreements == []


# -- forums ----------------------------------------------------------------------


def test_forum_with_acronym_and_city() -> None:
    e = _extract("Penandatanganan dilakukan di sela-sela Konferensi Kota Berkelanjutan Asia (KKBA) "
                 "di Kuala Lumpur, Malaysia.")
    assert len(e.forums) == 1
    forum = e.forums[0]
    assert forum.name == "Konferensi Kota Berkelanjutan Asia"
    assert forum.acronym == "KKBA"
    assert forum.city is not None and forum.city.name == "Kuala Lumpur"


def test_acronym_later_is_the_same_forum() -> None:
    e = _extract("Wali Kota hadir dalam Forum Ketahanan Kota Asia Pasifik (FKKAP) di Bangkok. "
                 "Pada FKKAP tahun ini, sebanyak 40 kota mengirim delegasi. "
                 "Kegiatan FKKAP Forum ditutup pada Jumat.")
    assert len(e.forums) == 1


def test_venue_is_not_a_forum() -> None:
    e = _extract("Penandatanganan berlangsung di Jakarta Convention Center dan jamuan di Hotel Grand Mulia.")
    assert e.forums == []


# -- agreements: instrument, status, sister city -----------------------------------


@pytest.mark.parametrize(
    ("phrase", "instrument"),
    [
        ("letter of intent (LoI)", Instrument.LETTER_OF_INTENT),
        ("surat pernyataan minat", Instrument.LETTER_OF_INTENT),
        ("nota kesepahaman", Instrument.MEMORANDUM_OF_UNDERSTANDING),
        ("MoU", Instrument.MEMORANDUM_OF_UNDERSTANDING),
        ("perjanjian kerja sama (PKS)", Instrument.COOPERATION_AGREEMENT),
        ("deklarasi bersama", Instrument.JOINT_DECLARATION),
    ],
)
def test_instrument(phrase: str, instrument: Instrument) -> None:
    e = _extract(f"Pemerintah Kota Semarang dan Pemerintah Kota Brisbane menandatangani {phrase} "
                 "di Balai Kota Semarang, Kamis (3/8).", dt.date(2017, 8, 4))
    a = _only(e)
    assert a.instrument is instrument
    assert a.status is Status.SIGNED
    assert a.date is not None and a.date.iso() == "2017-08-03"


def test_unspecified_instrument_for_a_stated_tie() -> None:
    e = _extract("Kota Bandung dan Kota Suwon telah lama menjalin hubungan kota kembar.")
    a = _only(e)
    assert a.instrument is Instrument.UNSPECIFIED
    assert a.sister_city and a.status is Status.SIGNED


@pytest.mark.parametrize(
    "sentence",
    [
        "Pemkot Denpasar akan menandatangani nota kesepahaman dengan Pemerintah Kota Mossel Bay bulan depan.",
        "Pemkot Denpasar berencana menjalin kerja sama dengan Pemerintah Kota Perth di bidang pariwisata.",
        "Rencana kerja sama antara Pemkot Denpasar dan Pemerintah Kota Perth dibahas dalam pertemuan itu.",
        # negotiating, finalising a draft, preparing the signing: nothing signed yet
        "Pemkot Denpasar dan Pemerintah Kota Perth masih menegosiasikan nota kesepahaman bidang pariwisata.",
        "Pemkot Denpasar dan Pemerintah Kota Perth tengah mematangkan draf nota kesepahaman pariwisata.",
        "Pemkot Denpasar mempersiapkan penandatanganan nota kesepahaman dengan Pemerintah Kota Perth.",
        "Pemkot Denpasar dan Pemerintah Kota Perth masih dalam tahap pembahasan nota kesepahaman pariwisata.",
    ],
)
def test_planned(sentence: str) -> None:
    assert _only(_extract(sentence)).status is Status.PLANNED


def test_renewed() -> None:
    e = _extract("Pemkot Surabaya dan Pemkot Kitakyushu memperpanjang nota kesepahaman kerja sama "
                 "lingkungan untuk lima tahun ke depan.")
    a = _only(e)
    assert a.status is Status.RENEWED
    assert a.instrument is Instrument.MEMORANDUM_OF_UNDERSTANDING


@pytest.mark.parametrize("cue", ["kota kembar", "kota bersaudara", "sister city"])
def test_sister_city_cues(cue: str) -> None:
    e = _extract(f"Pemerintah Kota Pontianak dan Pemerintah Kota Kuching menandatangani perjanjian {cue}.")
    assert _only(e).sister_city


def test_sister_province() -> None:
    e = _extract("Pemprov Jawa Tengah dan Pemerintah Provinsi Fujian meneken kesepakatan provinsi "
                 "bersaudara.")
    a = _only(e)
    assert a.sister_city
    assert _parties(a) == {"Jawa Tengah", "Fujian"}


def test_cooperation_without_sister_wording_is_not_sister_city() -> None:
    e = _extract("Pemkot Balikpapan dan Pemkot Samarinda menandatangani perjanjian kerja sama "
                 "pengelolaan air bersih.")
    assert not _only(e).sister_city


# -- agreements: parties -------------------------------------------------------------


def test_one_city_with_three_partners_gives_three_agreements() -> None:
    e = _extract(
        "Pemerintah Kota Makassar menandatangani nota kesepahaman dengan Pemerintah Kota Guangzhou, "
        "Senin (4/7).\n"
        "Sehari kemudian, Makassar meneken perjanjian kerja sama dengan Pemerintah Kota Gyeongju.\n"
        "Selain itu, Pemkot Makassar juga menandatangani letter of intent dengan Pemerintah Kota Darwin.",
        dt.date(2016, 7, 8))
    assert sorted(tuple(sorted(_parties(a))) for a in e.agreements) == [
        ("Darwin", "Makassar"), ("Guangzhou", "Makassar"), ("Gyeongju", "Makassar")]


def test_list_of_sister_cities_gives_one_agreement_per_partner() -> None:
    e = _extract("Kota Bandung memiliki kota kembar, di antaranya Suwon, Fort Worth dan Braunschweig.")
    assert sorted(tuple(sorted(_parties(a))) for a in e.agreements) == [
        ("Bandung", "Braunschweig"), ("Bandung", "Fort Worth"), ("Bandung", "Suwon")]
    assert all(a.sister_city and a.status is Status.SIGNED for a in e.agreements)
    assert all(a.instrument is Instrument.UNSPECIFIED and a.date is None for a in e.agreements)


def test_three_governments_signing_one_agreement() -> None:
    e = _extract("Pemkot Yogyakarta, Pemkab Sleman dan Pemkab Bantul menandatangani perjanjian kerja sama "
                 "pengelolaan sampah terpadu, Selasa (14/3).", dt.date(2017, 3, 15))
    a = _only(e)
    assert _parties(a) == {"Yogyakarta", "Sleman", "Bantul"}
    assert a.instrument is Instrument.COOPERATION_AGREEMENT


def test_mou_and_later_follow_up_agreement_are_two_agreements() -> None:
    e = _extract(
        "Pemkot Surabaya dan Pemkot Kitakyushu menandatangani perjanjian kerja sama di bidang lingkungan, "
        "Senin (12/3).\n"
        "Perjanjian tersebut merupakan tindak lanjut dari nota kesepahaman yang diteken kedua kota "
        "pada Oktober 2012.", dt.date(2018, 3, 13))
    by_instrument = {a.instrument: a for a in e.agreements}
    assert len(e.agreements) == 2
    assert by_instrument[Instrument.COOPERATION_AGREEMENT].date.iso() == "2018-03-12"
    assert by_instrument[Instrument.MEMORANDUM_OF_UNDERSTANDING].date.iso() == "2012-10"
    assert all(_parties(a) == {"Surabaya", "Kitakyushu"} for a in e.agreements)


def test_signatories_are_not_witnesses() -> None:
    e = _extract("Nota kesepahaman ditandatangani Wali Kota Malang Sutrisno Adi dan Wali Kota Hamamatsu "
                 "Kenta Ishikawa, disaksikan Gubernur Jawa Timur Hartono Wijaya.")
    a = _only(e)
    assert _parties(a) == {"Malang", "Hamamatsu"}
    assert {p.name for p in a.signatories} == {"Sutrisno Adi", "Kenta Ishikawa"}
    assert "Hartono Wijaya" in {p.name for p in e.people}


def test_date_and_forum_from_a_follow_up_sentence() -> None:
    e = _extract(
        "Pemerintah Kota Bogor dan Pemerintah Kota Seoul menandatangani letter of intent kerja sama "
        "kota cerdas.\n"
        "Penandatanganan dilakukan di sela-sela Forum Kebijakan Perkotaan Internasional di Seoul, "
        "Rabu (8/6).",
        dt.date(2016, 6, 9))
    a = _only(e)
    assert a.date is not None and a.date.iso() == "2016-06-08"
    assert a.forum is not None and a.forum.name == "Forum Kebijakan Perkotaan Internasional"
    assert a.forum.city is not None and a.forum.city.name == "Seoul"
    assert _parties(a) == {"Bogor", "Seoul"}


def test_domains_from_a_scope_sentence() -> None:
    e = _extract(
        "Pemkot Medan dan Pemerintah Kota Penang menandatangani nota kesepahaman, Kamis (3/8).\n"
        "Ruang lingkup kerja sama meliputi pariwisata, pendidikan dan pengelolaan sampah.",
        dt.date(2017, 8, 4))
    assert _only(e).domains == sorted(["tourism", "education", "environment"])


def test_domain_word_in_a_forum_or_office_name_does_not_count() -> None:
    e = _extract(
        "Pemkot Bogor dan Pemkot Seoul menandatangani nota kesepahaman di sela Indonesia Smart City Forum, "
        "disaksikan Kepala Dinas Pariwisata Kota Bogor, Agus Riyanto.\n"
        "Kerja sama tersebut meliputi bidang transportasi.")
    assert _only(e).domains == ["transport"]


def test_day_month_without_publication_date() -> None:
    e = _extract("Pemkot Denpasar dan Pemerintah Kota Xiamen meneken nota kesepahaman, Rabu (8/6).")
    assert _only(e).date.iso() == "--06-08"


def test_deadline_year_is_not_the_signing_date() -> None:
    e = _extract("Pemkot Semarang dan Pemkot Brisbane menandatangani nota kesepahaman untuk mengurangi "
                 "emisi karbon hingga 2030.", dt.date(2019, 5, 2))
    assert _only(e).date is None


def test_headline_alone_does_not_make_an_agreement() -> None:
    e = _extract("Bogor dan Seoul Teken Kerja Sama Kota Cerdas\n\nWali Kota berharap warga ikut mendukung.")
    assert e.agreements == []


def test_parties_from_the_signers_titles() -> None:
    e = _extract("Walikota Surabaya Tri Handayani dan Walikota Busan Kim Dong-hyun meneken LoI kerja sama "
                 "pelabuhan, Jumat, 02/09/2016.")
    a = _only(e)
    assert _parties(a) == {"Surabaya", "Busan"}
    assert a.instrument is Instrument.LETTER_OF_INTENT
    assert a.date.iso() == "2016-09-02"
    assert [p.name for p in a.signatories] == ["Tri Handayani", "Kim Dong-hyun"]


def test_signed_by_secretary_and_deputy_mayor() -> None:
    e = _extract("Pemkot Bogor dan Pemerintah Kota Seoul resmi bekerja sama. Kerja sama tersebut "
                 "ditandatangani "
                 "oleh Sekda Kota Bogor Ade Suryana dan Wakil Wali Kota Seoul Lee Jun-ho.")
    a = _only(e)
    assert _parties(a) == {"Bogor", "Seoul"}
    assert {p.name for p in a.signatories} == {"Ade Suryana", "Lee Jun-ho"}


def test_witnesses_named_before_the_signing() -> None:
    e = _extract("Bupati Sleman dan Bupati Bantul menyaksikan penandatanganan perjanjian kerja sama antara "
                 "Pemkot Yogyakarta dan Pemkab Kulon Progo.")
    assert _parties(_only(e)) == {"Yogyakarta", "Kulon Progo"}


def test_dateline_place_is_not_a_party() -> None:
    e = _extract("SURABAYA - Pemkot Malang dan Pemkot Hamamatsu menandatangani nota kesepahaman, kemarin.",
                 dt.date(2016, 9, 5))
    a = _only(e)
    assert _parties(a) == {"Malang", "Hamamatsu"}
    assert a.date.iso() == "2016-09-04"


def test_month_precision_date() -> None:
    e = _extract("Nota kesepahaman antara Pemkab Banyuwangi dan Pemerintah Kota Gyeongju diteken pada "
                 "pertengahan September 2012.")
    a = _only(e)
    assert _parties(a) == {"Banyuwangi", "Gyeongju"}
    assert a.date.iso() == "2012-09"


def test_existing_tie_since_a_year() -> None:
    a = _only(_extract("Hubungan kota kembar Kota Bandung dan Kota Suwon telah terjalin sejak 1997."))
    assert a.sister_city and a.status is Status.SIGNED and a.instrument is Instrument.UNSPECIFIED
    assert a.date.iso() == "1997"


def test_renewed_passive() -> None:
    e = _extract("Kerja sama kota kembar antara Pemkot Surabaya dan Pemkot Busan diperpanjang untuk "
                 "lima tahun.")
    a = _only(e)
    assert a.status is Status.RENEWED and a.sister_city


def test_sister_province_with_a_foreign_state() -> None:
    e = _extract("Pemerintah Provinsi Jawa Barat dan Pemerintah Negara Bagian Australia Selatan "
                 "menandatangani "
                 "perjanjian provinsi bersaudara.")
    a = _only(e)
    assert a.sister_city
    assert {p.kind for p in a.parties} == {PlaceKind.PROVINCE}
    assert {p.country for p in a.parties} == {"ID", "AU"}


def test_friendship_city_stated_before_the_signing() -> None:
    e = _extract("Kota Surabaya kini resmi memiliki kota persahabatan baru. Pemkot Surabaya dan "
                 "Pemerintah Kota "
                 "Liverpool menandatangani nota kesepahaman, Rabu (8/6).", dt.date(2016, 6, 9))
    a = _only(e)
    assert a.sister_city
    assert a.date.iso() == "2016-06-08"


def test_scope_from_later_sentences_about_the_agreement() -> None:
    e = _extract("Pemkot Surabaya dan Pemkot Busan menandatangani nota kesepahaman. Wali Kota Surabaya Tri "
                 "Handayani mengatakan kerja sama ini meliputi bidang kesehatan. Menurut Tri, kerja sama itu "
                 "juga mencakup pendidikan.")
    assert _only(e).domains == ["education", "health"]


def test_creative_economy_scope() -> None:
    e = _extract("Pemkot Bandung dan Pemkot Seoul menandatangani nota kesepahaman di bidang ekonomi kreatif.")
    assert _only(e).domains == ["creative_economy"]


def test_two_partners_in_successive_sentences() -> None:
    e = _extract("Pemkot Surabaya dan Pemkot Busan menandatangani nota kesepahaman pada Senin "
                 "(5/9). Selain itu, "
                 "Pemkot Surabaya juga menandatangani nota kesepahaman dengan Pemkot Kitakyushu.",
                 dt.date(2016, 9, 5))
    by_partner = {frozenset(_parties(a)): a for a in e.agreements}
    assert set(by_partner) == {frozenset({"Surabaya", "Busan"}), frozenset({"Surabaya", "Kitakyushu"})}
    assert by_partner[frozenset({"Surabaya", "Busan"})].date.iso() == "2016-09-05"
    assert by_partner[frozenset({"Surabaya", "Kitakyushu"})].date is None


def test_city_with_country_and_foreign_location() -> None:
    e = _extract("Pemkot Semarang menandatangani nota kesepahaman kota kembar dengan Kota Brisbane "
                 "di Australia.")
    assert _parties(_only(e)) == {"Semarang", "Brisbane"}


# -- negatives ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a flood
        ("BEKASI - Banjir merendam ratusan rumah di Kota Bekasi dan Kabupaten Bogor, Rabu (8/6). "
        "Wali Kota Bekasi Hendra Susilo meninjau lokasi pengungsian bersama Bupati Bogor Nani Suryani."),
        # a football match
        ("Persib Bandung mengalahkan Arema Malang 2-1 di Stadion Gelora Bandung Lautan Api, Sabtu (12/3). "
        "Hubungan kedua klub tetap baik meski pertandingan berlangsung panas."),
        # a study tour
        ("Wali Kota Padang Irwan Fikri melakukan kunjungan kerja ke Kota Surabaya untuk studi banding "
        "pengelolaan sampah. Belum ada rencana MoU antara kedua kota."),
        # a park
        ("Wali Kota Cimahi Rudi Setiawan meresmikan taman kota baru di Kota Cimahi, Minggu (6/3). "
        "Taman itu dibangun dengan anggaran daerah."),
        # a courtesy visit that only talks about opportunities
        ("Pemkot Surabaya menerima kunjungan delegasi Kota Busan. Dalam pertemuan itu kedua pihak membahas "
        "peluang kerja sama di bidang pendidikan."),
        # an anniversary of diplomatic relations between two countries
        "Indonesia dan Jepang merayakan 60 tahun hubungan diplomatik dengan pagelaran budaya di Jakarta.",
    ],
)
def test_no_agreement(text: str) -> None:
    assert _extract(text, dt.date(2016, 6, 9)).agreements == []


# -- evidence -------------------------------------------------------------------------


def test_every_agreement_points_at_its_sentences() -> None:
    e = _extract(
        "Makassar dan Guangzhou Teken Kerja Sama\n\n"
        "MAKASSAR - Pemerintah Kota Makassar dan Pemerintah Kota Guangzhou menandatangani nota kesepahaman, "
        "Senin (4/7). Kerja sama ini meliputi pariwisata dan perdagangan.\n"
        "Kota Makassar juga memiliki kota kembar, di antaranya Gyeongju dan Darwin.", dt.date(2016, 7, 5))
    assert len(e.agreements) == 3
    _evidence_ok(e)


@pytest.mark.parametrize(
    "sentence",
    [
        "Setelah perundingan panjang, Pemkot Denpasar dan Pemerintah Kota Perth menandatangani nota kesepahaman.",
        "Pemkot Denpasar dan Pemerintah Kota Perth menandatangani nota kesepahaman setelah mematangkan drafnya.",
        "Usai perundingan, Wali Kota Denpasar dan Wali Kota Perth menandatangani nota kesepahaman.",
        "Usai pembahasan, Wali Kota Denpasar dan Wali Kota Perth menandatangani nota kesepahaman pariwisata.",
    ],
)
def test_negotiations_before_a_signing_leave_it_signed(sentence: str) -> None:
    assert _only(_extract(sentence)).status is Status.SIGNED


def test_a_renewal_is_not_dated_by_its_origin() -> None:
    a = _only(_extract("Kota Semarang memperpanjang nota kesepahaman kota bersaudara dengan Brisbane, "
                       "yang pertama kali diteken pada 2002."))
    assert a.status is Status.RENEWED and a.date is None


def test_a_counterpart_from_a_place_is_a_party() -> None:
    a = _only(_extract("Wali Kota Tangerang Arief Wismansyah meneken letter of intent bersama mitranya dari Changwon."))
    assert _parties(a) == {"Tangerang", "Changwon"}


@pytest.mark.parametrize("title", ["Wali Kota", "Walikota"])
def test_both_spellings_of_wali_kota_name_a_party(title: str) -> None:
    a = _only(_extract(f"{title} Medan Bobby Nasution dan {title} Gwangju menandatangani kesepakatan kerja sama."))
    assert _parties(a) == {"Medan", "Gwangju"}


def test_an_english_lord_mayor_in_indonesian_copy() -> None:
    e = _extract("LoI itu ditandatangani Wali Kota Ambon Richard Louhenapessy dan Lord Mayor Darwin Kon Vatskalis.")
    assert _parties(_only(e)) == {"Ambon", "Darwin"}
    assert _person(e, "Kon Vatskalis").role is Role.MAYOR
