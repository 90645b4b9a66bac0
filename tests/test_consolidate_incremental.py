"""Incremental consolidation: an ingest regroups the party sets it touches, and ends where a full rebuild would.

Real on-disk stores, real ingests of the sample articles of data/articles,
in several runs: new articles, an article replaced by a version between
other parties (its old party set must lose its report), the same text under
a second id (a second report of one agreement), a run cut short between the
article writes and the regrouping. Each store must equal, quad for quad, a
store that ingested the final input at once and one rebuilt by
:func:`consolidate`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citygraph.consolidate import (
    KEY_CHUNK,
    consolidate,
    consolidate_pending,
    keys_of_articles,
    mark_pending,
    read_consolidation,
)
from citygraph.ingest import extract_article
from citygraph.ingest import ingest as ingest_paths
from citygraph.listing import list_rows
from citygraph.model import Article
from citygraph.rdf import parties_key
from citygraph.sources import read_articles
from citygraph.store import Store, open_store
from citygraph.vocab import CG, CONSOLIDATION_GRAPH
from fixtures_backend import sorted_quads

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "articles"


def samples() -> list[Article]:
    articles = [a for a in read_articles([SAMPLES]) if isinstance(a, Article)]
    assert len(articles) >= 8
    return articles


def with_agreements(articles: list[Article]) -> list[Article]:
    """The samples in which the extractor finds at least one agreement, by distinct party sets."""
    found, seen = [], set()
    for article in articles:
        keys = {parties_key(a) for a in extract_article(article).extraction.agreements}
        if keys and not keys & seen:
            found.append(article)
            seen |= keys
    assert len(found) >= 4, "the samples should give agreements between at least four party sets"
    return found


def jsonl(path: Path, articles: list[Article]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "text": a.text, "url": a.url, "lang": a.lang}) + "\n")
    return path


def renamed(article: Article, new_id: str, *, url: str | None = None) -> Article:
    return Article(id=new_id, text=article.text, url=url, lang=article.lang)


def consolidation_quads(store: Store) -> list[str]:
    return [q for q in sorted_quads(store) if str(CONSOLIDATION_GRAPH) in q]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    """Three runs of input and the final input as one file."""
    folder = tmp_path_factory.mktemp("runs")
    a, b, c, d = with_agreements(samples())[:4]
    rest = [x for x in samples() if x.id not in {a.id, b.id, c.id, d.id}]
    run1 = [a, b, c, *rest[:2]]
    # b's id now holds d's text: b's party set loses its only report, d's gains one.
    moved = Article(id=b.id, text=d.text, url="https://other.example/b", lang=d.lang)
    run2 = [moved, renamed(a, "a-again", url="https://second.example/a"), *rest[2:]]
    run3 = [renamed(c, "c-again"), d]
    final = [a, moved, c, *rest[:2], renamed(a, "a-again", url="https://second.example/a"), *rest[2:],
             renamed(c, "c-again"), d]
    paths = [jsonl(folder / f"run{i}.jsonl", run) for i, run in enumerate((run1, run2, run3), 1)]
    return paths, jsonl(folder / "final.jsonl", final)


@pytest.fixture(scope="module")
def reference(runs: tuple[list[Path], Path], tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The store after one ingest of the final input."""
    with open_store(str(tmp_path_factory.mktemp("ref") / "store")) as store:
        ingest_paths([runs[1]], store)
        assert read_consolidation(store) is not None
        return sorted_quads(store)


def test_ingests_in_several_runs_end_where_one_ingest_ends(runs, reference, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store")) as store:
        for path in runs[0]:
            ingest_paths([path], store)
        assert sorted_quads(store) == reference
        assert read_consolidation(store) is not None


def test_a_full_rebuild_changes_nothing_after_incremental_runs(runs, reference, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store")) as store:
        for path in runs[0]:
            ingest_paths([path], store)
        summary = consolidate(store)
        assert sorted_quads(store) == reference
        assert summary.agreements == len(list_rows(store, "agreements"))


def test_an_ingest_regroups_only_the_party_sets_it_touches(runs, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store")) as store:
        ingest_paths([runs[0][0]], store)
        everything = consolidate(store).party_sets
        one = with_agreements(samples())[0]
        again = renamed(one, "one-more")
        summary = ingest_paths([jsonl(tmp_path / "one.jsonl", [again])], store)
        expected = {parties_key(a) for a in extract_article(again).extraction.agreements}
        assert summary.consolidation.party_sets == len(expected) < everything
        (row,) = [r for r in list_rows(store, "agreements") if "one-more" in {s["article"] for s in r["sources"]}]
        assert row["corroboration"]["articles"] == 2


def test_a_run_cut_before_regrouping_is_finished_by_the_next(runs, reference, tmp_path: Path) -> None:
    """What a kill -9 between the article writes and the regrouping leaves: marks, which the next run clears."""
    with open_store(str(tmp_path / "store")) as store:
        for path in runs[0][:2]:
            ingest_paths([path], store)
        cut = [a for a in read_articles([runs[0][2]]) if isinstance(a, Article)]
        extracted = [extract_article(a) for a in cut]
        ids = [x.article.id for x in extracted]
        keys = {parties_key(a) for x in extracted for a in x.extraction.agreements}
        mark_pending(store, keys | keys_of_articles(store, ids), ids)
        store.write_article_nquads((x.article.id, x.nquads) for x in extracted)
        assert read_consolidation(store) is None  # known incomplete: listings recompute in memory
        listed = list_rows(store, "agreements")
        consolidate_pending(store)
        assert sorted_quads(store) == reference
        assert list_rows(store, "agreements") == listed


def test_replacing_an_article_reads_the_keys_of_its_old_graph(runs, tmp_path: Path) -> None:
    a, b = with_agreements(samples())[:2]
    with open_store(str(tmp_path / "store")) as store:
        ingest_paths([jsonl(tmp_path / "a.jsonl", [a])], store)
        old = {parties_key(x) for x in extract_article(a).extraction.agreements}
        assert keys_of_articles(store, [a.id, "absent"]) == old
        ingest_paths([jsonl(tmp_path / "b.jsonl", [Article(id=a.id, text=b.text, lang=b.lang)])], store)
        new = {parties_key(x) for x in extract_article(b).extraction.agreements}
        assert keys_of_articles(store, [a.id]) == new
        stated = {r["value"] for r in store.select_rq("consolidation") if r["property"] == str(CG.partiesKey)}
        assert stated == new  # the old party set's group is gone with its only report


def test_many_party_sets_are_regrouped_in_chunks_with_the_same_result(tmp_path: Path, monkeypatch) -> None:
    import citygraph.consolidate as consolidation

    with open_store(str(tmp_path / "one")) as one, open_store(str(tmp_path / "two")) as two:
        ingest_paths([SAMPLES], one)
        monkeypatch.setattr(consolidation, "KEY_CHUNK", 1)
        ingest_paths([SAMPLES], two)
        assert KEY_CHUNK > 1
        assert sorted_quads(one) == sorted_quads(two)
        assert consolidation_quads(one)


def test_the_consolidate_command_finishes_pending_work_and_rebuilds(runs, reference, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from citygraph.cli import app

    location = tmp_path / "store"
    with open_store(str(location)) as store:
        for path in runs[0][:2]:
            ingest_paths([path], store)
        cut = [extract_article(a) for a in read_articles([runs[0][2]]) if isinstance(a, Article)]
        ids = [x.article.id for x in cut]
        keys = {parties_key(a) for x in cut for a in x.extraction.agreements} | keys_of_articles(store, ids)
        mark_pending(store, keys, ids)
        store.write_article_nquads((x.article.id, x.nquads) for x in cut)
    runner = CliRunner()
    done = runner.invoke(app, ["consolidate", "--store", str(location)])
    assert done.exit_code == 0, done.output
    assert f"party_sets {len(keys)}" in done.output
    with open_store(str(location), read_only=True) as store:
        assert sorted_quads(store) == reference
    full = runner.invoke(app, ["consolidate", "--full", "--store", str(location)])
    assert full.exit_code == 0, full.output
    with open_store(str(location), read_only=True) as store:
        assert sorted_quads(store) == reference
