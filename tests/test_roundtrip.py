"""Text full of SPARQL, Turtle and N-Quads metacharacters goes in and comes out unchanged.

Quotes of every kind, ``>``, ``<``, braces, backslashes and escape-looking
sequences, newlines (in ids and titles), ``# @prefix ^^ _: ?x``, update
keywords and odd Unicode are put in article ids, titles, URLs and in the very
sentence an agreement is read from. After ``ingest`` (one process, and two
worker processes, whose graphs travel as N-Quads bytes) ``list`` gives every
evidence sentence and article id back character for character, a query with
a bound value finds each title, ``export`` re-parses to the same quads, and
the store holds no stray graph: nothing was ever built by pasting text into a
query or a document.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from citygraph.clean import clean_text
from citygraph.cli import app
from citygraph.ingest import ingest
from citygraph.store import open_store

NASTY = [
    'double " quote and \\" escaped and \\\\" doubled',
    "single ' quote and ''' triple and \"\"\" triple double",
    "angle > bracket < and <https://example.org/x> an IRI",
    "braces } { and } ; DROP ALL ; INSERT DATA { <a> <b> \"c\" } and DELETE WHERE { ?s ?p ?o }",
    "backslash \\ and \\n and \\u0041 and \\U0001F600 and \\t and C:\\path\\to",
    "turtle @prefix x: <y> and ^^xsd:string and _:b1 and ?x $y # not a comment",
    "odd unicode \u200b\u200d\u202e reversed\u202c é e\u0301 İ ß 𝔅 🏙️ 👩🏽‍💼 \U0010fffd",
    "percent %22 %3E %7D and ampersand &amp; &lt; and a tab\tinside",
]
PAIRS = [("Bogor", "Seoul"), ("Surabaya", "Kitakyushu"), ("Makassar", "Yokohama"), ("Bandung", "Suwon"),
         ("Medan", "Ichikawa"), ("Malang", "Busan"), ("Denpasar", "Incheon"), ("Padang", "Hildesheim")]
IDS = ['id "1" > } \\ \n x', "a/b#c?d=e&f%20g", "<not-an-iri>", "''' \"\"\" {}", "tab\there",
       "ünïcødé 🏙️", "_:b1", "?x ; DROP ALL"]


def records() -> list[dict]:
    rows = []
    for i, (nasty, (a, b), article_id) in enumerate(zip(NASTY, PAIRS, IDS, strict=True)):
        sentence = (f"Pemerintah Kota {a} dan Pemerintah Kota {b} menandatangani nota kesepahaman kerja sama "
                    f"pada Rabu ({i + 1}/6/2016) tentang {nasty}")
        rows.append({
            "id": article_id, "lang": "id", "published": "2016-06-30",
            "title": f"Judul {nasty}\nbaris kedua {i}", "url": f'https://example.org/{i}?q="{nasty[:10]}">',
            "text": sentence + "\n\nKerja sama meliputi bidang pendidikan.", "sentence": sentence,
        })
    return rows


def write_jsonl(path: Path) -> Path:
    path.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "sentence"}, ensure_ascii=False) + "\n"
                            for r in records()), "utf-8")
    return path


def cli(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module", params=[1, 2], ids=["one-process", "two-workers"])
def store_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("roundtrip")
    source = write_jsonl(folder / "nasty.jsonl")
    location = folder / "store"
    if request.param == 1:
        cli("ingest", str(source), "--store", str(location), "--quiet")
    else:
        with open_store(location) as store:
            summary = ingest([source], store, workers=2)
        assert not summary.errors
    return location


def test_ids_and_evidence_come_out_of_list_unchanged(store_dir: Path) -> None:
    """Unchanged but for the reader's documented cleaning (tabs to spaces, zero-width marks dropped)."""
    rows = json.loads(cli("list", "agreements", "--format", "json", "--store", str(store_dir)).stdout)
    evidence = {s["article"]: s["evidence"] for row in rows for s in row["sources"]}
    expected = {r["id"]: clean_text(r["sentence"], "id") for r in records()}
    assert evidence == expected
    for record in records():  # the metacharacters themselves are untouched by cleaning
        metachars = [c for c in record["sentence"] if c in "\"'<>{}\\#@^_?$;%&"]
        assert [c for c in evidence[record["id"]] if c in "\"'<>{}\\#@^_?$;%&"] == metachars
    with open_store(store_dir, read_only=True) as store:
        assert store.article_ids() == sorted(expected)


def test_titles_and_urls_are_found_by_bound_values(store_dir: Path) -> None:
    query = ("SELECT ?id ?title ?url WHERE { ?article cg:articleId ?id ; cg:title ?title ; cg:url ?url }")
    with open_store(store_dir, read_only=True) as store:
        for record in records():
            rows = list(store.query(query, {"id": record["id"]}))
            assert len(rows) == 1
            assert rows[0]["title"].value == " ".join(record["title"].split())  # titles are one line
            assert rows[0]["url"].value == record["url"]


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_export_reparses_to_the_same_quads(store_dir: Path, fmt: str) -> None:
    out = io.BytesIO()
    with open_store(store_dir, read_only=True) as store:
        store.export(fmt, out)
        stored = set(store.quads())
    parsed = set(ox.parse(out.getvalue(), ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG))
    assert parsed == stored


def test_no_stray_graph_or_triple_appeared(store_dir: Path) -> None:
    with open_store(store_dir, read_only=True) as store:
        graphs = {g.value for g in store.inner.named_graphs() if isinstance(g, ox.NamedNode)}
        assert store.leftovers() == []
        extra = {g for g in graphs if "/graph/article/" not in g}
        assert extra == {"https://w3id.org/citygraph/resource/graph/ontology",
                         "https://w3id.org/citygraph/resource/graph/consolidation"}
        subjects = {q.subject.value for q in store.quads() if isinstance(q.subject, ox.NamedNode)}
    assert not any(s in ("a", "https://example.org/x") or s.startswith("?") for s in subjects)
