"""Indonesian (and English loan) names of cooperation instruments.

Patterns are regular expressions matched case-insensitively at word
boundaries. Loan words are listed here too: Indonesian news writes "MoU" and
"Letter of Intent" as often as "nota kesepahaman".
"""

from __future__ import annotations

from citygraph.model import Instrument

INSTRUMENT_PATTERNS: dict[Instrument, tuple[str, ...]] = {
    Instrument.LETTER_OF_INTENT: (
        r"letter of intent", r"letter of interest", r"loi", r"surat pernyataan (?:minat|kehendak)",
        r"surat minat", r"pernyataan kehendak",
    ),
    Instrument.MEMORANDUM_OF_UNDERSTANDING: (
        r"memorandum of understanding", r"memorandum saling pengertian", r"mou", r"mo[uU]s",
        r"nota kesepahaman", r"nota kesepakatan", r"naskah kesepahaman", r"kesepahaman bersama",
    ),
    Instrument.COOPERATION_AGREEMENT: (
        r"perjanjian kerja ?sama", r"pks", r"perjanjian", r"cooperation agreement",
        r"kesepakatan kerja ?sama",
    ),
    Instrument.JOINT_DECLARATION: (
        r"deklarasi bersama", r"pernyataan bersama", r"joint declaration", r"joint statement",
        r"deklarasi",
    ),
}

#: An instrument in the plural (Indonesian rarely marks it): "sejumlah MoU", "tiga MoU".
PLURAL_PATTERNS: tuple[str, ...] = (
    r"(?:dua|tiga|empat|lima|sejumlah|beberapa) (?:mou|nota kesepahaman|perjanjian|pks|loi)",
    r"masing-masing",
)

#: "dengan tiga kota sekaligus": one government's agreements with several partners, reported together.
PARTNER_COUNT: tuple[str, ...] = (
    r"(?:dua|tiga|empat|lima|enam|beberapa|sejumlah) (?:kota|daerah|kabupaten|provinsi|mitra|pemerintah)",
)

#: "Ketiga MoU", "kedua perjanjian": a reference to several agreements at once.
PLURAL_REFERENCE: tuple[str, ...] = (
    r"(?:kedua|ketiga|keempat|kelima|seluruh|semua) (?:mou|nota kesepahaman|perjanjian|pks|loi|naskah|dokumen)",
)

#: Words for an agreement of any kind (see the en module).
GENERIC_PATTERNS: tuple[str, ...] = (r"sister ?city agreements?", r"agreements?")
