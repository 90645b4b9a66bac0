"""Hand-built extractions and stores shared by the backend tests.

Imported explicitly (``from fixtures_backend import ...``; pytest puts
``tests/`` on sys.path); ``tests/conftest.py`` belongs to another part of the
project, so each test module declares its own small pytest fixtures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from citygraph.model import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Forum,
    Instrument,
    PartialDate,
    Person,
    Place,
    PlaceKind,
    Role,
    Status,
)
from citygraph.rdf import extraction_to_graph
from citygraph.store import Store, open_store

BOGOR = Place(
    key="ID-32.71", name="Bogor", kind=PlaceKind.CITY, country="ID", kemendagri="32.71",
    geonames="1648473", wikidata="Q10413", lat=-6.59444, lon=106.78917, parent="ID-32",
)
SEOUL = Place(
    key="GN-1835848", name="Seoul", kind=PlaceKind.CITY, country="KR", geonames="1835848",
    wikidata="Q8684", lat=37.566, lon=126.9784,
)
BANDUNG = Place(key="ID-32.73", name="Bandung", kind=PlaceKind.CITY, country="ID", kemendagri="32.73")
MIHARA = Place(key="X-JP-mihara", name="Mihara", kind=PlaceKind.CITY, country="JP", linked=False)
KYOTO = Place(key="ISO2-JP-26", name="Kyoto", kind=PlaceKind.PROVINCE, country="JP", iso3166_2="JP-26")

ID_TEXT = (
    "Wali Kota Bogor Bima Arya Sugiarto dan Wali Kota Seoul Park Won-soon menandatangani "
    "surat pernyataan minat (letter of intent) kerja sama smart city di Seoul, Rabu (8/6/2016). "
    "Penandatanganan berlangsung di sela International Forum on Urban Policy for the SDGs."
)


def _span(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def bogor_seoul_extraction(article_id: str = "dev-003", *, status: Status = Status.SIGNED) -> Extraction:
    """The Indonesian example: Bogor and Seoul sign a letter of intent on smart city."""
    text = ID_TEXT
    first = text.split(". ")[0] + "."
    ev = _span(text, first)
    forum_ev = _span(text, text.split(". ", 1)[1])
    bima = Person("Bima Arya Sugiarto", Role.MAYOR, of_place=BOGOR, title="Wali Kota", evidence=ev)
    park = Person("Park Won-soon", Role.MAYOR, of_place=SEOUL, title="Wali Kota", evidence=ev)
    forum = Forum("International Forum on Urban Policy for the SDGs", city=SEOUL, evidence=forum_ev)
    article = Article(
        id=article_id, text=text, title="Bogor dan Seoul teken LoI smart city",
        url="https://example.org/berita/bogor-seoul?id=1&x=2", published=dt.date(2016, 6, 9), lang="id",
    )
    agreement = Agreement(
        parties=[BOGOR, SEOUL], instrument=Instrument.LETTER_OF_INTENT, status=status,
        date=PartialDate(2016, 6, 8), forum=forum, domains=["smart_city", "transport"],
        signatories=[bima, park], evidence=[ev],
    )
    return Extraction(article, "id", places=[BOGOR, SEOUL], people=[bima, park], forums=[forum],
                      agreements=[agreement])


def english_extraction(article_id: str = "en-001") -> Extraction:
    """An English article: Bandung renews a sister-city MoU with Mihara; a year-month date."""
    text = (
        "Bandung and the Japanese city of Mihara renewed their sister city memorandum of "
        "understanding in March 2019, said acting mayor Yana Mulyana."
    )
    ev = Evidence(text, 0, len(text))
    yana = Person("Yana Mulyana", Role.MAYOR, of_place=BANDUNG, acting=True, title="acting mayor",
                  evidence=ev)
    agreement = Agreement(
        parties=[MIHARA, BANDUNG], instrument=Instrument.MEMORANDUM_OF_UNDERSTANDING, sister_city=True,
        status=Status.RENEWED, date=PartialDate(2019, 3), domains=["culture", "education"],
        signatories=[yana], evidence=[ev],
    )
    article = Article(id=article_id, text=text, title="Bandung, Mihara renew ties", lang="en")
    return Extraction(article, "en", places=[BANDUNG, MIHARA], people=[yana], agreements=[agreement])


def negative_extraction(article_id: str = "neg-001") -> Extraction:
    """An article that names cities but reports no cooperation."""
    text = "Hujan deras mengguyur Kota Bogor dan Bandung sepanjang hari Minggu."
    return Extraction(Article(id=article_id, text=text, lang="id"), "id", places=[BOGOR, BANDUNG])


def seoul_report_extraction(article_id: str = "en-002") -> Extraction:
    """A second article reporting the Bogor-Seoul letter of intent (same agreement, other source)."""
    text = "Seoul and Bogor signed a letter of intent on smart cities on 8 June 2016."
    ev = Evidence(text, 0, len(text))
    agreement = Agreement(
        parties=[SEOUL, BOGOR], instrument=Instrument.LETTER_OF_INTENT, date=PartialDate(2016, 6, 8),
        domains=["smart_city"], evidence=[ev],
    )
    article = Article(id=article_id, text=text, lang="en", url="https://example.com/seoul-bogor")
    return Extraction(article, "en", places=[SEOUL, BOGOR], agreements=[agreement])


def kyoto_yearless_extraction(article_id: str = "yr-001") -> Extraction:
    """Dates of the two remaining precisions: a year only and a month-day only."""
    text = "Bandung and Kyoto signed a joint declaration in 2015. They met again on 14 August."
    e1 = _span(text, "Bandung and Kyoto signed a joint declaration in 2015.")
    e2 = _span(text, "They met again on 14 August.")
    a1 = Agreement(parties=[BANDUNG, KYOTO], instrument=Instrument.JOINT_DECLARATION,
                   date=PartialDate(2015), evidence=[e1])
    a2 = Agreement(parties=[BANDUNG, KYOTO], instrument=Instrument.UNSPECIFIED, status=Status.PLANNED,
                   date=PartialDate(None, 8, 14), evidence=[e2])
    return Extraction(Article(id=article_id, text=text, lang="en"), "en",
                      places=[BANDUNG, KYOTO], agreements=[a1, a2])


def all_extractions() -> list[Extraction]:
    return [
        bogor_seoul_extraction(), english_extraction(), negative_extraction(),
        seoul_report_extraction(), kyoto_yearless_extraction(),
    ]


def ingest(store: Store, extractions: list[Extraction]) -> None:
    for extraction in extractions:
        store.replace_article(extraction.article.id, extraction_to_graph(extraction))


@contextmanager
def fixture_store(path: Path, extractions: list[Extraction] | None = None) -> Iterator[Store]:
    """An on-disk store at ``path`` holding ``extractions`` (default :func:`all_extractions`)."""
    with open_store(str(path)) as store:
        ingest(store, all_extractions() if extractions is None else extractions)
        yield store


def sorted_quads(store: Store) -> list[str]:
    """The store's quads as sorted N-Quads lines: a canonical form when there are no blank nodes."""
    return sorted(str(q) for q in store.quads())
