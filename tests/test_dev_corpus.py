"""The dev corpus of ../shared, read in place: ingest, validate, re-ingest, the two seeds.

The seeds are compared with their gold using ../shared/tools/score.py's own
normalisation (place keys, person and forum matching, partial dates),
imported from that file rather than copied, so this test and the scorer
cannot drift apart.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from rdflib.compare import to_isomorphic

from citygraph.ingest import ingest
from citygraph.listing import list_rows
from citygraph.store import Store, open_store
from citygraph.validate import validate_store

pytestmark = pytest.mark.shared

SEEDS = ("000_2d6a8a213c43a204", "002_c1c0a7b2e543c607")


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "dev"


@pytest.fixture(scope="module")
def gold(corpus: Path) -> dict[str, dict]:
    lines = (corpus / "gold.jsonl").read_text("utf-8").splitlines()
    return {record["id"]: record for record in map(json.loads, filter(str.strip, lines))}


@pytest.fixture(scope="module")
def files(corpus: Path, gold: dict[str, dict]) -> list[Path]:
    paths = sorted({(corpus / record["file"]).resolve() for record in gold.values()})
    missing = [p for p in paths if not p.is_file()]
    assert not missing, f"gold.jsonl names files that are not there: {missing}"
    return paths


@pytest.fixture(scope="module")
def score(shared_dir: Path) -> ModuleType:
    """../shared/tools/score.py as a module."""
    spec = importlib.util.spec_from_file_location("citygraph_shared_score", shared_dir / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory, files: list[Path]):
    with open_store(tmp_path_factory.mktemp("dev") / "store") as store:
        summary = ingest(files, store)
        assert summary.errors == []
        yield store


def canonical(store: Store) -> dict[str, object]:
    return {str(g.identifier): to_isomorphic(g) for g in store.to_dataset().graphs() if len(g)}


def test_every_gold_article_is_ingested(dev_store: Store, gold: dict[str, dict]) -> None:
    assert set(dev_store.article_ids()) == set(gold)
    assert {"../../seeds/" + s + ".txt" for s in SEEDS} <= {g["file"] for g in gold.values()}


def test_dev_corpus_conforms_to_the_shapes(dev_store: Store) -> None:
    report = validate_store(dev_store)
    assert report.violations == []
    assert report.conforms


def test_reingesting_the_dev_corpus_changes_nothing(dev_store: Store, files: list[Path]) -> None:
    count, before = dev_store.triple_count(), canonical(dev_store)
    summary = ingest(files, dev_store)
    assert summary.errors == []
    assert dev_store.triple_count() == count
    assert canonical(dev_store) == before


@pytest.mark.parametrize("article_id", SEEDS)
def test_seed_matches_its_gold(dev_store: Store, gold: dict[str, dict], score: ModuleType,
                               article_id: str) -> None:
    expected = gold[article_id]
    gold_agreements = expected["agreements"]
    predicted = score.by_article(list_rows(dev_store, "agreements")).get(article_id, [])
    resolve = score.party_resolver(expected)

    def names(agreement: dict) -> list[str]:
        return [p["name"] for p in agreement["parties"]]

    pairs_got = score.pairs_of(map(names, predicted), resolve)
    assert pairs_got == score.pairs_of(map(names, gold_agreements), resolve)
    assert len(predicted) == len(gold_agreements), predicted

    def overlap(g: dict, p: dict) -> float:
        a, b = {resolve(n) for n in names(g)}, {resolve(n) for n in names(p)}
        return len(a & b) / len(a | b)

    matched = score.match_greedy(gold_agreements, predicted, overlap)
    assert len(matched) == len(gold_agreements)
    for gi, pi in matched:
        want, got = gold_agreements[gi], predicted[pi]
        assert {resolve(n) for n in names(got)} == {resolve(n) for n in names(want)}
        assert got["instrument"] == want["instrument"]
        assert got["sister_city"] == want["sister_city"]
        assert got["status"] == want["status"]
        assert score.same_date(got["date"], want["date"]), (got["date"], want["date"])
        if want["forum"]:
            forum_names = [want["forum"], *want.get("forum_aliases", [])]
            assert score.same_forum(got["forum"], forum_names), got["forum"]
        else:
            assert got["forum"] is None
        pairs = score.match_greedy(want["signatories"], got["signatories"],
                                   lambda x, y: 1.0 if score.same_person(x, y) else 0.0)
        assert len(pairs) == len(want["signatories"]) == len(got["signatories"]), got["signatories"]
