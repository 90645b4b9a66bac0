"""Records passed between the steps: Article in, Extraction out.

``sources`` produces :class:`Article`; ``extract`` turns one into an
:class:`Extraction`; ``rdf`` maps that to triples. None of these records knows
about RDF or stores, so each step can be tested on its own.

The string values of the enums are the vocabulary of
``../shared/corpus/README.md`` and of the ``list --format json`` contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class PlaceKind(str, Enum):
    CITY = "city"
    REGENCY = "regency"
    PROVINCE = "province"  # also a foreign first-level division (state, prefecture, do)
    COUNTRY = "country"
    ORGANISATION = "organisation"


class Role(str, Enum):
    MAYOR = "mayor"
    DEPUTY_MAYOR = "deputy_mayor"
    REGENT = "regent"
    DEPUTY_REGENT = "deputy_regent"
    GOVERNOR = "governor"
    DEPUTY_GOVERNOR = "deputy_governor"
    MINISTER = "minister"
    HEAD_OF_STATE = "head_of_state"
    AMBASSADOR = "ambassador"
    CONSUL = "consul"
    SECRETARY = "secretary"
    OFFICIAL = "official"


class Instrument(str, Enum):
    LETTER_OF_INTENT = "letter_of_intent"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"
    COOPERATION_AGREEMENT = "cooperation_agreement"
    JOINT_DECLARATION = "joint_declaration"
    UNSPECIFIED = "unspecified"


class Status(str, Enum):
    SIGNED = "signed"
    PLANNED = "planned"
    RENEWED = "renewed"


@dataclass(frozen=True)
class Article:
    """One news article, cleaned, ready for extraction.

    ``text`` is the cleaned body; every character offset elsewhere refers to it.
    ``source`` names where it came from (``path`` or ``path:line``) for messages.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    lang: str | None = None  # "id", "en", or None when unknown (the extractor guesses)
    source: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, and where it sits in ``Article.text``."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class PartialDate:
    """A date the text may give only in part (no year, or no day)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``--MM-DD`` (XSD's lexical forms)."""
        if self.year is None:
            if self.month is not None and self.day is not None:
                return f"--{self.month:02d}-{self.day:02d}"
            raise ValueError(f"a date needs a year, or a month and a day: {self!r}")
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Inverse of :meth:`iso`."""
        if text.startswith("--"):
            month, day = text[2:].split("-")
            return cls(None, int(month), int(day))
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Place:
    """A government or territory, linked to the gazetteer where possible.

    ``key`` is the stable identifier the IRI is minted from: ``ID-32.71``
    (Kemendagri code), ``GN-1835848`` (GeoNames), ``ISO-KR`` (country),
    ``ISO2-JP-26`` (first-level division) or ``X-<country>-<slug>`` for a place
    the gazetteer does not know (``linked`` is then False).
    """

    key: str
    name: str
    kind: PlaceKind
    country: str | None = None
    linked: bool = True
    kemendagri: str | None = None
    geonames: str | None = None
    wikidata: str | None = None
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None  # key of the province / country it lies in


@dataclass(frozen=True)
class Person:
    """A named official and the office they hold in this article.

    ``of_place`` is the government they serve where it is a place; ``of_body``
    names another body ("KBRI Tokyo", "Sekber Kartamantul") where it is not.
    """

    name: str
    role: Role
    of_place: Place | None = None
    of_body: str | None = None
    acting: bool = False  # Plt., Pj., acting
    former: bool = False
    title: str | None = None  # the office as the text words it ("Wali Kota", "Lord Mayor")
    evidence: Evidence | None = None

    @property
    def of_name(self) -> str | None:
        return self.of_place.name if self.of_place else self.of_body


@dataclass(frozen=True)
class Forum:
    """A conference, forum or summit named in the text."""

    name: str
    city: Place | None = None
    acronym: str | None = None
    evidence: Evidence | None = None


@dataclass
class Agreement:
    """Cooperation between two or more governments reported by the article."""

    parties: list[Place]
    instrument: Instrument = Instrument.UNSPECIFIED
    sister_city: bool = False
    status: Status = Status.SIGNED
    date: PartialDate | None = None
    forum: Forum | None = None
    domains: list[str] = field(default_factory=list)
    signatories: list[Person] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything read from one article."""

    article: Article
    lang: str
    places: list[Place] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    forums: list[Forum] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
