"""English news, end to end: ``extract(article)`` on sentences written for the test.

The same behaviours as ``tests/lang/id``, in English news style: the place
before the title ("Surabaya Mayor ..."), appositions ("..., leader of Leeds
City Council"), "on Friday, December 2, 2016", "witnessed by". Places are
real, people and events invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citygraph.extract.pipeline import extract
from citygraph.model import Article, Extraction, Instrument, PlaceKind, Role, Status


def _extract(text: str, published: dt.date | None = None) -> Extraction:
    return extract(Article(id="t1", text=text, published=published, lang="en"))


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


@pytest.mark.parametrize(
    ("text", "name", "role", "of", "kind"),
    [
        ("Surabaya Mayor Siti Rahmawati welcomed the delegation.", "Siti Rahmawati", Role.MAYOR, "Surabaya",
         PlaceKind.CITY),
        ("Banyuwangi Regent Yusuf Hidayat opened the festival.", "Yusuf Hidayat", Role.REGENT, "Banyuwangi",
         PlaceKind.REGENCY),
        ("East Java Governor Hartono Wijaya attended the ceremony.", "Hartono Wijaya", Role.GOVERNOR,
         "Jawa Timur", PlaceKind.PROVINCE),
        ("Brisbane Lord Mayor Graham Sutcliffe led the delegation.", "Graham Sutcliffe", Role.MAYOR,
         "Brisbane", PlaceKind.CITY),
        ("Semarang Deputy Mayor Dewi Anggraini spoke to reporters.", "Dewi Anggraini", Role.DEPUTY_MAYOR,
         "Semarang", PlaceKind.CITY),
    ],
)
def test_place_title_name(text: str, name: str, role: Role, of: str, kind: PlaceKind) -> None:
    p = _person(_extract(text), name)
    assert p.role is role
    assert p.of_place is not None and (p.of_place.name, p.of_place.kind) == (of, kind)


def test_honorifics_and_degrees_are_stripped() -> None:
    p = _person(_extract("Bristol Mayor Dr. Helen Marsh, PhD opened the meeting."), "Helen Marsh")
    assert p.role is Role.MAYOR


def test_the_mayor_of_x() -> None:
    e = _extract("The delegation was received by the Mayor of Bristol, Helen Marsh.")
    p = _person(e, "Helen Marsh")
    assert p.role is Role.MAYOR
    assert p.of_place is not None and p.of_place.name == "Bristol"


def test_lord_mayor_without_place() -> None:
    e = _extract("Lord Mayor Graham Sutcliffe welcomed the guests.")
    assert _person(e, "Graham Sutcliffe").role is Role.MAYOR


def test_leader_of_city_council() -> None:
    e = _extract("Peter Gallagher, leader of Leeds City Council, said the visit was a success.")
    p = _person(e, "Peter Gallagher")
    assert p.role is Role.OFFICIAL
    assert p.of_name is not None and "Leeds" in p.of_name


def test_foreign_secretary_is_a_minister() -> None:
    e = _extract("Foreign Secretary Margaret Holloway welcomed the agreement.")
    assert _person(e, "Margaret Holloway").role is Role.MINISTER



@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Acting Mayor Andi Saputra signed the letter.", "Andi Saputra", Role.MAYOR),
        ("The document was signed by acting Governor Lukman Hakim.", "Lukman Hakim", Role.GOVERNOR),
    ],
)
def test_acting_officials(text: str, name: str, role: Role) -> None:
    p = _person(_extract(text), name)
    assert p.role is role and p.acting


def test_former_official() -> None:
    p = _person(_extract("The event was also attended by former Mayor Rahman Hakim."), "Rahman Hakim")
    assert p.role is Role.MAYOR and p.former



def test_bare_surname_later_merges_into_the_full_name() -> None:
    e = _extract("Kitakyushu Mayor Kenji Morimoto arrived in Surabaya on Monday. "
                 "Mayor Morimoto said the visit was important.")
    assert [p.name for p in e.people] == ["Kenji Morimoto"]


@pytest.mark.parametrize(
    "text",
    [
        "Persib coach Robert Hartmann praised his players after the match in Bandung.",
        "Journalist Budi Santosa wrote a book about Malang.",
    ],
)
def test_non_officials_are_not_people(text: str) -> None:
    assert _extract(text).people == []


# -- places ----------------------------------------------------------------------


def test_japanese_city_in_prefecture() -> None:
    e = _extract("Semarang signed a sister city agreement with the Japanese city of Kawasaki in Kanagawa "
                 "Prefecture on Monday.", dt.date(2018, 3, 13))
    a = _only(e)
    assert _parties(a) == {"Semarang", "Kawasaki"}
    kawasaki = next(p for p in a.parties if p.name == "Kawasaki")
    assert kawasaki.kind is PlaceKind.CITY and kawasaki.country == "JP"


def test_country_after_a_city_is_a_qualifier_not_a_party() -> None:
    e = _extract("The City of Surabaya signed a memorandum of understanding with Xiamen, China, on Tuesday.",
                 dt.date(2016, 4, 6))
    assert _parties(_only(e)) == {"Surabaya", "Xiamen"}


def test_location_is_not_a_party() -> None:
    e = _extract("Bandung Mayor Ridwan Hakim and Kazan Mayor Ilsur Galiev signed a memorandum of "
                 "understanding "
                 "in Moscow on Wednesday.", dt.date(2016, 6, 9))
    assert _parties(_only(e)) == {"Bandung", "Kazan"}


def test_place_in_an_organisation_name_is_not_a_party() -> None:
    e = _extract("The Indonesian Embassy in Tokyo hosted the signing of a memorandum of "
                 "understanding between "
                 "the City of Bogor and the City of Sakai.")
    assert _parties(_only(e)) == {"Bogor", "Sakai"}


def test_city_of_prefix() -> None:
    places = _extract("The City of Adelaide hosted the meeting.").places
    assert any(p.name == "Adelaide" and p.kind is PlaceKind.CITY for p in places)


# -- forums ----------------------------------------------------------------------



def test_summit_is_a_forum() -> None:
    e = _extract("The mayors met on the sidelines of the Asia Pacific Cities Summit, which opened on Monday.")
    assert [f.name for f in e.forums] == ["Asia Pacific Cities Summit"]


def test_acronym_later_is_the_same_forum() -> None:
    e = _extract("The deal was signed at the Urban Resilience Forum (URF) in Bangkok. "
                 "More than 40 cities attended the URF Forum this year.")
    assert len(e.forums) == 1
    assert e.forums[0].acronym == "URF"


def test_venue_is_not_a_forum() -> None:
    e = _extract("The ceremony took place at the Brisbane Convention Centre and dinner at the Hilton Hotel.")
    assert e.forums == []


# -- agreements: instrument, status, sister city -----------------------------------


@pytest.mark.parametrize(
    ("phrase", "instrument"),
    [
        ("a letter of intent", Instrument.LETTER_OF_INTENT),
        ("a memorandum of understanding (MoU)", Instrument.MEMORANDUM_OF_UNDERSTANDING),
        ("a cooperation agreement", Instrument.COOPERATION_AGREEMENT),
        ("a joint declaration", Instrument.JOINT_DECLARATION),
    ],
)
def test_instrument(phrase: str, instrument: Instrument) -> None:
    e = _extract(f"The City of Semarang and the City of Brisbane signed {phrase} on Friday, "
                 f"December 2, 2016.")
    a = _only(e)
    assert a.instrument is instrument
    assert a.status is Status.SIGNED
    assert a.date is not None and a.date.iso() == "2016-12-02"


def test_unspecified_instrument_for_a_stated_tie() -> None:
    a = _only(_extract("Bandung and Suwon have been sister cities since 1997."))
    assert a.instrument is Instrument.UNSPECIFIED
    assert a.sister_city and a.status is Status.SIGNED
    assert a.date is not None and a.date.iso() == "1997"


@pytest.mark.parametrize(
    "sentence",
    [
        "The City of Denpasar will sign a memorandum of understanding with the City of Perth next month.",
        "Denpasar plans to establish a partnership with the City of Perth in tourism.",
        "The City of Denpasar and the City of Perth are expected to sign a cooperation agreement.",
    ],
)
def test_planned(sentence: str) -> None:
    assert _only(_extract(sentence)).status is Status.PLANNED


def test_renewed() -> None:
    e = _extract("Surabaya and Kitakyushu renewed their memorandum of understanding on environmental "
                 "cooperation for another five years.")
    a = _only(e)
    assert a.status is Status.RENEWED
    assert a.instrument is Instrument.MEMORANDUM_OF_UNDERSTANDING


@pytest.mark.parametrize("cue", ["sister city", "twin city", "friendship city"])
def test_sister_city_cues(cue: str) -> None:
    e = _extract(f"The City of Pontianak and the City of Kuching signed a {cue} agreement.")
    assert _only(e).sister_city


def test_sister_province() -> None:
    e = _extract("Central Java and Fujian Province signed a sister province agreement on Monday.")
    a = _only(e)
    assert a.sister_city
    assert _parties(a) == {"Jawa Tengah", "Fujian"}


def test_cooperation_without_sister_wording_is_not_sister_city() -> None:
    e = _extract("The City of Balikpapan and the City of Samarinda signed a cooperation agreement "
                 "on clean water.")
    assert not _only(e).sister_city


# -- agreements: parties -------------------------------------------------------------


def test_one_city_with_three_partners_gives_three_agreements() -> None:
    e = _extract(
        "The City of Makassar signed a memorandum of understanding with Guangzhou on Monday.\n"
        "A day later, Makassar signed a cooperation agreement with the City of Gyeongju.\n"
        "Makassar also signed a letter of intent with the City of Darwin.",
        dt.date(2016, 7, 8))
    assert sorted(tuple(sorted(_parties(a))) for a in e.agreements) == [
        ("Darwin", "Makassar"), ("Guangzhou", "Makassar"), ("Gyeongju", "Makassar")]


def test_list_of_sister_cities_gives_one_agreement_per_partner() -> None:
    e = _extract("Bandung has sister cities including Suwon, Fort Worth and Braunschweig.")
    assert sorted(tuple(sorted(_parties(a))) for a in e.agreements) == [
        ("Bandung", "Braunschweig"), ("Bandung", "Fort Worth"), ("Bandung", "Suwon")]
    assert all(a.sister_city and a.status is Status.SIGNED for a in e.agreements)


def test_three_governments_signing_one_agreement() -> None:
    e = _extract("The cities of Yogyakarta, Sleman and Bantul signed a cooperation agreement on waste "
                 "management on Tuesday.", dt.date(2017, 3, 15))
    a = _only(e)
    assert _parties(a) == {"Yogyakarta", "Sleman", "Bantul"}


def test_mou_and_later_follow_up_agreement_are_two_agreements() -> None:
    e = _extract(
        "Surabaya and Kitakyushu signed a cooperation agreement on the environment on Monday, March "
        "12, 2018.\n"
        "The agreement follows up on a memorandum of understanding the two cities signed in October 2012.")
    by_instrument = {a.instrument: a for a in e.agreements}
    assert len(e.agreements) == 2
    assert by_instrument[Instrument.COOPERATION_AGREEMENT].date.iso() == "2018-03-12"
    assert by_instrument[Instrument.MEMORANDUM_OF_UNDERSTANDING].date.iso() == "2012-10"




def test_domains_from_a_scope_sentence() -> None:
    e = _extract(
        "The City of Medan and the City of Chengdu signed a memorandum of understanding on Thursday.\n"
        "The agreement covers tourism, education and waste management.", dt.date(2017, 8, 4))
    assert _only(e).domains == sorted(["tourism", "education", "environment"])


def test_domain_word_in_a_forum_name_does_not_count() -> None:
    e = _extract(
        "The City of Bogor and the City of Seoul signed a memorandum of understanding at the Asia Tourism "
        "Summit.\nThe agreement covers public transport.")
    assert _only(e).domains == ["transport"]


def test_last_weekday_resolved_from_publication_date() -> None:
    e = _extract("The City of Semarang and the City of Brisbane signed a memorandum of understanding last "
                 "Tuesday.", dt.date(2016, 6, 9))
    assert _only(e).date.iso() == "2016-06-07"


def test_deadline_year_is_not_the_signing_date() -> None:
    e = _extract("Semarang and Brisbane signed a memorandum of understanding to cut carbon "
                 "emissions by 2030.",
                 dt.date(2019, 5, 2))
    assert _only(e).date is None


def test_headline_alone_does_not_make_an_agreement() -> None:
    e = _extract("Bogor and Seoul Sign Smart City Deal\n\nResidents are invited to the exhibition.")
    assert e.agreements == []


def test_parties_and_signatories_from_appositions() -> None:
    e = _extract("The Mayor of Bristol, Helen Marsh, and the Mayor of Bordeaux, Pierre Laval, "
                 "signed a twinning "
                 "agreement.")
    a = _only(e)
    assert _parties(a) == {"Bristol", "Bordeaux"}
    assert a.sister_city
    assert [p.name for p in a.signatories] == ["Helen Marsh", "Pierre Laval"]


def test_signatories_named_before_a_witness_phrase() -> None:
    e = _extract("Malang Mayor Sutrisno Adi and Hamamatsu Mayor Kenta Ishikawa signed the memorandum in the "
                 "presence of Governor Hartono Wijaya.")
    a = _only(e)
    assert {p.name for p in a.signatories} == {"Sutrisno Adi", "Kenta Ishikawa"}


def test_date_from_a_follow_up_sentence() -> None:
    e = _extract(
        "The City of Bogor and the City of Seoul signed a letter of intent on smart city cooperation.\n"
        "The signing took place at City Hall on Wednesday (8/6).", dt.date(2016, 6, 9))
    a = _only(e)
    assert a.date is not None and a.date.iso() == "2016-06-08"
    assert a.domains == ["smart_city"]


def test_dateline_place_is_not_a_party() -> None:
    e = _extract("SURABAYA - Malang and Hamamatsu signed a memorandum of understanding yesterday.",
                 dt.date(2016, 9, 5))
    a = _only(e)
    assert _parties(a) == {"Malang", "Hamamatsu"}
    assert a.date.iso() == "2016-09-04"


def test_city_suffix_and_year() -> None:
    e = _extract("Kitakyushu City and Surabaya City signed a green sister city agreement in 2012.")
    a = _only(e)
    assert _parties(a) == {"Kitakyushu", "Surabaya"}
    assert a.sister_city and a.date.iso() == "2012"


def test_renewed_by_extension() -> None:
    a = _only(_extract("Surabaya and Busan extended their sister city agreement for five more years."))
    assert a.status is Status.RENEWED and a.sister_city


def test_deputy_governor_of_x_apposition() -> None:
    p = _person(_extract("The Deputy Governor of Bali, Made Suarta, welcomed the guests."), "Made Suarta")
    assert p.role is Role.DEPUTY_GOVERNOR
    assert p.of_place is not None and p.of_place.name == "Bali"


def test_creative_economy_scope() -> None:
    e = _extract("The City of Bandung and the City of Seoul signed a memorandum on the creative economy.")
    assert _only(e).domains == ["creative_economy"]


def test_two_partners_in_successive_sentences() -> None:
    e = _extract("Surabaya and Busan signed a memorandum of understanding on Monday (5/9). Surabaya "
                 "also signed "
                 "a memorandum of understanding with Kitakyushu.", dt.date(2016, 9, 5))
    by_partner = {frozenset(_parties(a)): a for a in e.agreements}
    assert set(by_partner) == {frozenset({"Surabaya", "Busan"}), frozenset({"Surabaya", "Kitakyushu"})}
    assert by_partner[frozenset({"Surabaya", "Busan"})].date.iso() == "2016-09-05"


# -- negatives ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a flood
        ("Floods submerged hundreds of homes in Bekasi and Bogor on Wednesday. Bekasi Mayor Hendra Susilo "
        "visited the shelters with Bogor Regent Nani Suryani."),
        # a football match
        "Persib Bandung beat Arema Malang 2-1 on Saturday. Relations between the two clubs remain good.",
        # a study tour
        ("Padang Mayor Irwan Fikri led a study visit to Surabaya to learn about waste management. "
        "There are no plans for a memorandum of understanding between the two cities."),
        # a park
        "Cimahi Mayor Rudi Setiawan opened a new city park on Sunday. The park was built with city funds.",
        # a visit with no agreement
        ("The cities discussed ways to cooperate, but no agreement was signed during the visit of "
         "Bogor Mayor "
        "Dedi Prasetyo to Seoul."),
        # an anniversary of diplomatic relations between two countries
        ("Indonesia and Japan celebrated 60 years of diplomatic relations with a cultural festival "
        "in Jakarta."),
    ],
)
def test_no_agreement(text: str) -> None:
    assert _extract(text, dt.date(2016, 6, 9)).agreements == []


# -- evidence -------------------------------------------------------------------------


def test_every_agreement_points_at_its_sentences() -> None:
    e = _extract(
        "Makassar and Guangzhou sign agreement\n\n"
        "MAKASSAR - The City of Makassar and the City of Guangzhou signed a memorandum of understanding on "
        "Monday. The agreement covers tourism and trade.\n"
        "Makassar also has sister cities including Gyeongju and Darwin.", dt.date(2016, 7, 5))
    assert len(e.agreements) == 3
    _evidence_ok(e)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Makassar is in talks with Davao City over a twinning arrangement covering fisheries and trade.",
         Status.PLANNED),
        ("Darwin and Ambon are preparing a sister city agreement.", Status.PLANNED),
        ("Darwin and Ambon are finalising an MoU on tourism.", Status.PLANNED),
        # a participle after a signing is no plan
        ("Darwin and Ambon signed an MoU on tourism, finalising two years of work.", Status.SIGNED),
    ],
)
def test_talks_and_drafts_are_plans(sentence: str, status: Status) -> None:
    assert _only(_extract(sentence)).status is status


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # negotiations that came before the signing are over
        ("After negotiations, Darwin and Ambon signed a sister city agreement.", Status.SIGNED),
        ("Following three years of talks, Darwin and Ambon signed a sister city agreement.", Status.SIGNED),
        # "after" before something else leaves the plan a plan
        ("After the visit, Darwin and Ambon will sign a sister city agreement.", Status.PLANNED),
        ("Darwin and Ambon will sign a sister city agreement after the negotiations.", Status.PLANNED),
    ],
)
def test_after_negotiations_is_past(sentence: str, status: Status) -> None:
    assert _only(_extract(sentence)).status is status


@pytest.mark.parametrize(
    "sentence",
    [
        "An MoU was signed by Darwin and Ambon on 5 March 2019.",
        "The MoU was renewed by Darwin and Ambon on 5 March 2019.",
    ],
)
def test_passive_agents_are_parties(sentence: str) -> None:
    assert _parties(_only(_extract(sentence))) == {"Darwin", "Ambon"}


def test_by_elsewhere_makes_no_party() -> None:
    a = _only(_extract("At a forum hosted by Seoul, Bandung and Suwon signed a letter of intent."))
    assert _parties(a) == {"Bandung", "Suwon"}


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        # the date of what a renewal renews is not the renewal's
        ("Darwin and Ambon renewed their sister city agreement, a relationship that began in 1988.", None),
        ("Darwin and Ambon renewed the MoU, first signed in 2014, on 5 March 2019.", "2019-03-05"),
        ("Darwin and Ambon renewed their sister city agreement in 2019.", "2019"),
        ("The mayors of Bogor and Saint-Omer renewed their twin city pact, which dates back to 2009.", None),
        # a tie stated as a fact is dated by its start
        ("Bogor and Saint-Omer have a twin city relationship that dates back to 2009.", "2009"),
    ],
)
def test_a_renewal_is_not_dated_by_its_origin(sentence: str, date: str | None) -> None:
    found = _only(_extract(sentence)).date
    assert (found.iso() if found else None) == date


@pytest.mark.parametrize(
    "sentence",
    [
        # a plural possessive before a place is no organisation's name
        "Indonesia's Makassar and the Philippines' Davao City have agreed to become sister cities.",
        # "from" after "counterpart" names the other party, not where someone came from
        "Tangerang Mayor Arief Wismansyah signed a letter of intent with his counterpart from Changwon.",
    ],
)
def test_possessives_and_counterparts_name_parties(sentence: str) -> None:
    assert len(_parties(_only(_extract(sentence)))) == 2


def test_from_elsewhere_still_locates() -> None:
    a = _only(_extract("Tangerang signed a letter of intent with Suwon, after the mayor flew in from Changwon."))
    assert _parties(a) == {"Tangerang", "Suwon"}


def test_the_between_a_locative_and_its_place_leaves_it_a_venue() -> None:
    a = _only(_extract("Bandung and Suwon signed the MoU in the City of Darwin."))
    assert _parties(a) == {"Bandung", "Suwon"}
