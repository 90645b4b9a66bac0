"""English names of cooperation instruments (regular expressions)."""

from __future__ import annotations

from citygraph.model import Instrument

INSTRUMENT_PATTERNS: dict[Instrument, tuple[str, ...]] = {
    Instrument.LETTER_OF_INTENT: (r"letters? of intent", r"letters? of interest", r"lois?"),
    Instrument.MEMORANDUM_OF_UNDERSTANDING: (
        r"memorand(?:um|a) of understanding", r"memorandum", r"mous?", r"m\.o\.u\.",
    ),
    Instrument.COOPERATION_AGREEMENT: (
        r"cooperation agreements?", r"co-operation agreements?", r"partnership agreements?",
    ),
    Instrument.JOINT_DECLARATION: (r"joint declarations?", r"joint statements?", r"joint communiqu[eé]"),
}

#: An instrument in the plural: one agreement per partner ("signed memoranda with two cities").
PLURAL_PATTERNS: tuple[str, ...] = (
    r"memoranda", r"mous", r"memorandums", r"letters of intent", r"lois", r"agreements",
    r"cooperation agreements", r"separate (?:agreements|memoranda)",
)

#: "with three cities at once": one government's agreements with several partners, reported together.
PARTNER_COUNT: tuple[str, ...] = (
    r"(?:two|three|four|five|six|several) (?:\w+ )?(?:cities|municipalities|regions|provinces|partners|governments)",
)

#: "the three MoUs", "both agreements": a reference to several agreements at once.
PLURAL_REFERENCE: tuple[str, ...] = (
    r"(?:the|all|both) (?:two |three |four |five )?(?:memoranda|mous|agreements|letters|documents)",
)

#: Words for an agreement of any kind: a cooperation agreement unless the text
#: names the instrument more precisely elsewhere ("renewed their sister city
#: agreement, signing a fresh memorandum of understanding").
GENERIC_PATTERNS: tuple[str, ...] = (
    r"sister ?city agreements?", r"agreements?", r"accords?", r"pacts?", r"deal",
)
