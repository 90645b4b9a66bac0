"""Cooperation domains named in a sentence (``citygraph.extract.domains``).

Cue words per language, the longest cue wins ("ekonomi kreatif" is creative
economy, not economy), names are masked, and one typo in a long word is
forgiven. The pipeline passes every language, the article's own first.
"""

from __future__ import annotations

import pytest

from citygraph.extract.domains import find_domains
from citygraph.extract.lang import load


def _domains(sentence: str, first: str = "id", masked: list[tuple[int, int]] | None = None) -> list[str]:
    other = "en" if first == "id" else "id"
    return find_domains(sentence, [load(first), load(other)], masked or [])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kerja sama meliputi kota cerdas dan transportasi publik.", ["smart_city", "transport"]),
        ("Kedua kota sepakat meningkatkan perdagangan dan investasi.", ["economy_trade"]),
        ("Fokusnya pada pengembangan UMKM dan kerajinan tangan.", ["creative_economy"]),
        ("Kerja sama di bidang pariwisata dan kebudayaan.", ["tourism", "culture"]),
        ("Pemkot menawarkan beasiswa bagi mahasiswa berprestasi.", ["education"]),
        ("Program pelatihan aparatur untuk peningkatan kapasitas SDM.", ["human_resources"]),
        ("Kerja sama bidang kesehatan, termasuk pengelolaan rumah sakit.", ["health"]),
        ("Kedua pihak bekerja sama dalam pengelolaan sampah dan ruang terbuka hijau.", ["environment"]),
        ("Proyek air bersih dan sanitasi menjadi prioritas.", ["water_sanitation"]),
        ("Ruang lingkupnya mencakup tata ruang dan infrastruktur.", ["urban_planning"]),
        ("Kerja sama peningkatan pelayanan publik dan tata kelola.", ["governance"]),
        ("Kedua daerah berbagi pengalaman penanggulangan bencana.", ["disaster_management"]),
        ("Bidang pertanian dan perikanan juga dibahas.", ["agriculture_food"]),
        ("Kerja sama riset dan inovasi antarkampus.", ["science_technology"]),
        ("Pertukaran pemuda dan olahraga akan digelar tahun depan.", ["youth_sports"]),
        ("Program kesejahteraan sosial bagi warga lanjut usia.", ["social_welfare"]),
        ("Kerja sama di sektor energi terbarukan.", ["energy"]),
        ("Satpol PP kedua kota bertukar pengalaman menjaga ketertiban.", ["security"]),
    ],
)
def test_id_cue_words(sentence: str, expected: list[str]) -> None:
    assert _domains(sentence, "id") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The partnership covers smart city solutions and public transport.", ["smart_city", "transport"]),
        ("Both sides want to boost trade and investment.", ["economy_trade"]),
        ("The deal supports the creative economy and small businesses.", ["creative_economy"]),
        ("They will cooperate on tourism and cultural exchanges.", ["tourism", "culture"]),
        ("The agreement offers scholarships to students from both cities.", ["education"]),
        ("It includes capacity building and training for civil servants.", ["human_resources"]),
        ("Cooperation in healthcare and hospital management.", ["health"]),
        ("The cities will work together on waste management and green spaces.", ["environment"]),
        ("Projects on wastewater and sanitation are planned.", ["water_sanitation"]),
        ("The memorandum covers urban planning and housing.", ["urban_planning"]),
        ("Officials will share experience in disaster management.", ["disaster_management"]),
        ("Exchanges in agriculture and fisheries were discussed.", ["agriculture_food"]),
        ("Joint research and innovation programmes.", ["science_technology"]),
        ("A youth and sports exchange is planned.", ["youth_sports"]),
        ("Renewable energy projects were also on the table.", ["energy"]),
    ],
)
def test_en_cue_words(sentence: str, expected: list[str]) -> None:
    assert _domains(sentence, "en") == expected


def test_id_creative_economy_is_not_economy() -> None:
    assert _domains("Kerja sama di bidang ekonomi kreatif.", "id") == ["creative_economy"]


def test_en_creative_economy_is_not_economy() -> None:
    assert _domains("The cities will cooperate on the creative economy.", "en") == ["creative_economy"]


def test_id_both_economy_and_creative_economy_when_both_are_named() -> None:
    assert _domains("Kerja sama bidang ekonomi, perdagangan dan ekonomi kreatif.", "id") == [
        "economy_trade", "creative_economy"]


def test_domains_in_order_of_first_mention_without_repeats() -> None:
    assert _domains("Pariwisata, pendidikan, dan sekali lagi pariwisata.", "id") == ["tourism", "education"]


def test_masked_names_do_not_count() -> None:
    sentence = "Penandatanganan dilakukan di sela Indonesia Smart City Forum di Jakarta."
    at = sentence.index("Indonesia Smart City Forum")
    assert _domains(sentence, "id", [(at, at + len("Indonesia Smart City Forum"))]) == []
    sentence = "The mayors met at the Asia Tourism Summit."
    at = sentence.index("Asia Tourism Summit")
    assert _domains(sentence, "en", [(at, at + len("Asia Tourism Summit"))]) == []


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Kerja sama bidang pendidkan dan budaya.", "id", ["education", "culture"]),
        ("Ruang lingkupnya termasuk kesehatn masyarakat.", "id", ["health"]),
        ("Kerja sama di bidang pariwsata.", "id", ["tourism"]),
        ("The deal also covers infrastucture.", "en", ["urban_planning"]),
        ("They will share experience on sanitaton.", "en", ["water_sanitation"]),
    ],
)
def test_one_typo_in_a_long_cue_still_counts(sentence: str, lang: str, expected: list[str]) -> None:
    assert _domains(sentence, lang) == expected


@pytest.mark.parametrize("sentence", ["Bus berangkat dari pasar.", "Kami makan di sini."])
def test_short_words_are_not_fuzzy_matched(sentence: str) -> None:
    # "sini" is one edit from "seni" but too short to be a typo worth forgiving
    assert "culture" not in _domains(sentence, "id")


def test_words_inside_other_words_do_not_count() -> None:
    # "seni" inside "kesenjangan", "bus" inside "business" / "bisnis"
    assert "culture" not in _domains("Kesenjangan antarwilayah masih tinggi.", "id")
    assert "transport" not in _domains("Business leaders joined the trip.", "en")


def test_no_domain_in_a_sentence_without_cues() -> None:
    assert _domains("Wali Kota tiba di bandara pukul 09.00 WIB.", "id") == []
    assert _domains("The mayor arrived at the airport on Monday.", "en") == []


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Kedua kota akan bertukar dosen dan siswa politeknik.", "id", ["education"]),
        ("Kerja sama meliputi vaksinasi, klinik keliling dan perbaikan gizi.", "id", ["health"]),
        ("Program daur ulang plastik dan penghijauan bantaran sungai.", "id", ["environment"]),
        ("Mereka membahas rencana induk penataan kota dan kawasan kumuh.", "id", ["urban_planning"]),
        ("Pembangkit listrik tenaga surya dan panas bumi.", "id", ["energy"]),
        ("Pelatihan petani padi dan hortikultura.", "id", ["human_resources", "agriculture_food"]),
        ("The pact covers vocational colleges and curriculum design.", "en", ["education"]),
        ("Farmers will share rice and dairy know-how.", "en", ["agriculture_food"]),
        ("Both cities will exchange firefighters and search and rescue teams.", "en", ["disaster_management"]),
        ("They agreed on geothermal power plants and biogas.", "en", ["energy"]),
        ("Plans include a light rail line and toll roads.", "en", ["transport"]),
    ],
)
def test_field_words_name_their_domain(sentence: str, lang: str, expected: list[str]) -> None:
    assert _domains(sentence, lang) == expected


@pytest.mark.parametrize(
    ("sentence", "lang", "absent"),
    [
        # one edit from a cue, but another word: the fuzzy match must not take them
        ("The view from the hill was stunning.", "en", "health"),
        ("He sent his greetings to the people of Osaka.", "en", "environment"),
        ("Kompetisi itu diikuti pelajar dari dua kota.", "id", "human_resources"),
        ("Pelayanan kepada warga terus ditingkatkan.", "id", "transport"),
        # who a service is for is no field of its own
        ("Layanan kesehatan bagi lansia akan diperluas.", "id", "social_welfare"),
        # an itinerary names places, not fields
        ("The delegation flew home from the airport by the harbour.", "en", "transport"),
    ],
)
def test_near_misses_and_itineraries_name_no_domain(sentence: str, lang: str, absent: str) -> None:
    assert absent not in _domains(sentence, lang)
