"""Batch import: read articles, extract, map to RDF, replace each article's graph.

One function a script or the CLI calls. Articles stream through one at a time,
so memory stays flat however large the input; each article's graph is
replaced in its own transaction, so an interrupted run leaves every article
either fully in or fully absent, and re-running completes it.

After the last article the whole store is consolidated once
(:func:`citygraph.consolidate.consolidate`): agreement nodes that several
articles report differently are linked to one canonical node and every
agreement gets its corroboration counts, in one more transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from citygraph.consolidate import ConsolidationSummary, consolidate
from citygraph.errors import SourceError
from citygraph.extract.gazetteer import Gazetteer
from citygraph.extract.pipeline import extract
from citygraph.model import Article, Extraction
from citygraph.rdf import extraction_to_graph
from citygraph.sources import read_articles
from citygraph.store import Store

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What one ingest run did."""

    articles: int = 0
    agreements: int = 0
    people: int = 0
    forums: int = 0
    places: int = 0
    triples_written: int = 0
    errors: list[str] = field(default_factory=list)
    #: The consolidation run after the articles: store-wide, not only this run's articles.
    consolidation: ConsolidationSummary = field(default_factory=ConsolidationSummary)

    def as_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "agreements": self.agreements, "people": self.people,
                "forums": self.forums, "places": self.places, "triples": self.triples_written,
                "errors": len(self.errors)}


def ingest(paths: Iterable[str | Path], store: Store, *, lang: str | None = None,
           on_article: Callable[[Article, Extraction], None] | None = None,
           on_error: Callable[[SourceError], None] | None = None) -> IngestSummary:
    """Ingest every article under ``paths`` into ``store``.

    Bad inputs are reported through ``on_error`` (and kept in the summary) and
    skipped; everything else goes on. ``lang`` forces a language ("id", "en");
    None or "auto" detects it per article. Ends by consolidating the whole
    store, so the consolidation graph always matches what ``ingest`` wrote.
    """
    summary = IngestSummary()
    gazetteer = Gazetteer.default()
    forced = None if lang in (None, "auto") else lang
    for item in read_articles(paths, lang=forced):
        if isinstance(item, SourceError):
            summary.errors.append(str(item))
            if on_error is not None:
                on_error(item)
            continue
        extraction = extract(item, gazetteer=gazetteer)
        graph = extraction_to_graph(extraction)
        store.replace_article(item.id, graph)
        summary.articles += 1
        summary.agreements += len(extraction.agreements)
        summary.people += len(extraction.people)
        summary.forums += len(extraction.forums)
        summary.places += len(extraction.places)
        summary.triples_written += len(graph)
        if on_article is not None:
            on_article(item, extraction)
    summary.consolidation = consolidate(store)
    return summary
