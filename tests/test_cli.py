"""The ``citygraph`` command line, end to end on real on-disk stores.

Commands run in-process through Typer's CliRunner (stdout and stderr kept
apart, as the CLI promises: data on stdout, messages on stderr); three tests
run a real ``python -m citygraph`` process: the installed entry point, and a
second process meeting a store that this one holds open.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import typer.main
from rdflib.compare import to_isomorphic
from typer.testing import CliRunner

from citygraph.cli import app
from citygraph.store import ONTOLOGY_GRAPH, Store, article_graph_iri, open_store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "articles"
FIXTURES = REPO / "tests" / "data" / "articles"
SAMPLE_IDS = {json.loads(line)["id"] for line in (SAMPLES / "gold.jsonl").read_text("utf-8").splitlines()}
COMMANDS = {"ingest", "query", "list", "export", "validate", "stats"}

# The vocabulary of ../shared/corpus/README.md, which the JSON contract uses.
INSTRUMENTS = {"letter_of_intent", "memorandum_of_understanding", "cooperation_agreement",
               "joint_declaration", "unspecified"}
STATUSES = {"signed", "planned", "renewed"}
KINDS = {"city", "regency", "province", "country", "organisation"}
DATE_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")

# A sentence naming a place no gazetteer knows: an unlinked city.
UNLINKED_TEXT = ("Pemerintah Kota Bogor dan Kota Zarnovia menandatangani nota kesepahaman kerja sama "
                 "pendidikan, Senin (3/2/2020). Wali Kota Zarnovia Piet Kalman hadir.\n")
PARTY_QUERY = "PREFIX cg: <https://w3id.org/citygraph/ontology#>\n"


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), input=input, env=env)


def ok(*args: str, **kwargs):
    result = invoke(*args, **kwargs)
    assert result.exit_code == 0, result.output
    return result


def out_json(*args: str, **kwargs):
    """The parsed JSON a successful command printed."""
    return json.loads(ok(*args, **kwargs).stdout)


def out_csv(*args: str) -> list[list[str]]:
    """The CSV rows a successful command printed."""
    return list(csv.reader(io.StringIO(ok(*args).stdout)))


def squeezed(text: str) -> str:
    """``text`` without any whitespace.

    The CLI's stderr console wraps messages at 80 columns off a terminal,
    sometimes eating the space at the break, so messages are compared squeezed
    (see the report: a message should stay on one line).
    """
    return "".join(text.split())


def canonical(store: Store) -> dict[str, rdflib.Graph]:
    """Every named graph of the store in canonical form, for "the same dataset" checks."""
    dataset = store.to_dataset()
    return {str(graph.identifier): to_isomorphic(graph) for graph in dataset.graphs() if len(graph)}


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The ten sample articles ingested once through the CLI; read-only commands share it."""
    location = str(tmp_path_factory.mktemp("samples") / "store")
    ok("ingest", str(SAMPLES), "--store", location)
    return location


@pytest.fixture(scope="module")
def agreements(sample_store: str) -> list[dict]:
    return json.loads(ok("list", "agreements", "--format", "json", "--store", sample_store).stdout)


# ---- help ----


def test_every_command_is_there_and_has_help() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert COMMANDS <= set(commands)
    for name in commands:
        result = ok(name, "--help")
        assert "Usage" in result.stdout and name in result.stdout
        assert commands[name].help, f"{name} has no help text"
    assert "ingest" in ok("--help").stdout


# ---- ingest, stats, list ----


def test_stats_counts_the_sample(sample_store: str, agreements: list[dict]) -> None:
    counts = json.loads(ok("stats", "--format", "json", "--store", sample_store).stdout)
    assert counts["articles"] == len(SAMPLE_IDS) == 10
    assert counts["agreements"] == len(agreements) > 0
    assert counts["places"] > 0 and counts["people"] > 0 and counts["forums"] > 0
    with open_store(sample_store, read_only=True) as store:
        assert counts["triples"] == store.triple_count()
        assert set(store.article_ids()) == SAMPLE_IDS

    rows = list(csv.reader(io.StringIO(ok("stats", "--format", "csv", "--store", sample_store).stdout)))
    assert rows[0] == ["what", "count"] and dict(rows[1:])["articles"] == "10"
    table = ok("stats", "--store", sample_store).stdout
    assert "articles" in table and "triples" in table


def test_list_agreements_json_follows_the_contract(agreements: list[dict]) -> None:
    assert agreements
    for row in agreements:
        assert len(row["parties"]) >= 2
        for party in row["parties"]:
            assert isinstance(party["name"], str) and party["name"]
            assert re.fullmatch(r"[A-Z]{2}", party["country"]), party
            assert party["kind"] in KINDS
            assert party["id"].startswith("https://")
        assert row["instrument"] in INSTRUMENTS
        assert isinstance(row["sister_city"], bool)
        assert row["status"] in STATUSES
        assert row["date"] is None or DATE_RE.match(row["date"]), row["date"]
        assert row["forum"] is None or isinstance(row["forum"], str)
        assert isinstance(row["domains"], list) and all(isinstance(d, str) for d in row["domains"])
        assert isinstance(row["signatories"], list) and all(isinstance(s, str) for s in row["signatories"])
        assert row["sources"]
        for source in row["sources"]:
            assert source["article"] in SAMPLE_IDS
            assert isinstance(source["evidence"], str) and source["evidence"]
    # Every positive sample article yields an agreement; the negative one none.
    attested = {s["article"] for row in agreements for s in row["sources"]}
    assert "news-semarang-demak-banjir" not in attested
    assert {"makassar-yokohama-loi", "padang-hildesheim-perpanjangan", "solo-raya-pks"} <= attested


def test_list_agreements_reads_the_padang_hildesheim_renewal(agreements: list[dict]) -> None:
    rows = [r for r in agreements if {p["name"] for p in r["parties"]} == {"Padang", "Hildesheim"}]
    assert len(rows) == 1, agreements
    row = rows[0]
    assert {(p["name"], p["country"], p["kind"]) for p in row["parties"]} == {
        ("Padang", "ID", "city"), ("Hildesheim", "DE", "city")}
    assert (row["instrument"], row["sister_city"], row["status"]) == ("memorandum_of_understanding", True,
                                                                     "renewed")
    assert {s["article"] for s in row["sources"]} == {"padang-hildesheim-perpanjangan"}


def test_list_agreements_csv_and_table_carry_the_same_rows(sample_store: str, agreements: list[dict]) -> None:
    rows = list(csv.DictReader(io.StringIO(ok("list", "agreements", "--format", "csv",
                                              "--store", sample_store).stdout)))
    assert len(rows) == len(agreements)
    assert {"parties", "instrument", "status", "date", "sources"} <= set(rows[0])
    assert [r["parties"] for r in rows] == ["; ".join(p["name"] for p in a["parties"]) for a in agreements]
    assert [r["status"] for r in rows] == [a["status"] for a in agreements]

    table = ok("list", "agreements", "--format", "table", "--store", sample_store).stdout
    for word in ("parties", "status", "Hildesheim", "Yokohama", "renewed", "planned"):
        assert word in table


def test_list_people_forums_cities(sample_store: str) -> None:
    people = json.loads(ok("list", "people", "--format", "json", "--store", sample_store).stdout)
    assert people
    for row in people:
        assert {"name", "role", "of", "sources"} <= set(row)
        assert all(s["article"] in SAMPLE_IDS for s in row["sources"])
    assert {"name": "Andi Rahmat Pallawa", "role": "mayor", "of": "Makassar"}.items() <= next(
        p for p in people if p["name"] == "Andi Rahmat Pallawa").items()

    forums = json.loads(ok("list", "forums", "--format", "json", "--store", sample_store).stdout)
    assert forums and all({"name", "city", "sources"} <= set(f) for f in forums)
    assert all(f["sources"][0]["article"] == "makassar-yokohama-loi" for f in forums)

    cities = json.loads(ok("list", "cities", "--format", "json", "--store", sample_store).stdout)
    by_name = {c["name"]: c for c in cities}
    assert by_name["Hildesheim"]["country"] == "DE" and by_name["Hildesheim"]["linked"] is True
    assert by_name["Hildesheim"]["agreements"] >= 1

    for kind in ("people", "forums", "cities"):
        rows = out_csv("list", kind, "--format", "csv", "--store", sample_store)
        assert "name" in rows[0] and len(rows) > 1
        assert "name" in ok("list", kind, "--store", sample_store).stdout


def test_list_cities_unlinked(sample_store: str, store_path: Path) -> None:
    # Every place in the sample is in the gazetteer.
    assert out_json("list", "cities", "--unlinked", "--format", "json", "--store", sample_store) == []

    ok("ingest", "-", "--store", str(store_path), input=UNLINKED_TEXT)
    unlinked = out_json("list", "cities", "--unlinked", "--format", "json", "--store", str(store_path))
    assert [(c["name"], c["linked"], c["geonames"]) for c in unlinked] == [("Zarnovia", False, None)]
    assert unlinked[0]["sources"][0]["article"] == "stdin"
    every = json.loads(ok("list", "cities", "--format", "json", "--store", str(store_path)).stdout)
    assert {c["name"] for c in every} > {"Zarnovia"}


def test_list_unknown_kind_is_a_usage_error(sample_store: str) -> None:
    result = invoke("list", "treaties", "--store", sample_store)
    assert result.exit_code == 2, result.output


# ---- query ----

SELECT_PARTIES = PARTY_QUERY + (
    "SELECT DISTINCT ?agreement ?name WHERE { ?agreement a cg:Agreement ; cg:party ?p . ?p cg:name ?name } "
    "ORDER BY ?name ?agreement"
)


def test_query_select_json_is_sparql_results_json(sample_store: str, agreements: list[dict]) -> None:
    data = json.loads(ok("query", SELECT_PARTIES, "--format", "json", "--store", sample_store).stdout)
    assert data["head"]["vars"] == ["agreement", "name"]
    bindings = data["results"]["bindings"]
    assert bindings
    assert all(b["agreement"]["type"] == "uri" and b["name"]["type"] == "literal" for b in bindings)
    expected = sorted({(a["id"], p["name"]) for a in agreements for p in a["parties"]})
    assert sorted((b["agreement"]["value"], b["name"]["value"]) for b in bindings) == expected


def test_query_select_table_csv_tsv_agree(sample_store: str) -> None:
    data = json.loads(ok("query", SELECT_PARTIES, "--format", "json", "--store", sample_store).stdout)
    expected = [[b["agreement"]["value"], b["name"]["value"]] for b in data["results"]["bindings"]]

    rows = list(csv.reader(io.StringIO(ok("query", SELECT_PARTIES, "--format", "csv",
                                          "--store", sample_store).stdout)))
    assert rows[0] == ["agreement", "name"] and rows[1:] == expected

    lines = ok("query", SELECT_PARTIES, "--format", "tsv", "--store", sample_store).stdout.splitlines()
    assert lines[0] == "?agreement\t?name"
    assert [line.split("\t") for line in lines[1:]] == [[f"<{a}>", json.dumps(n, ensure_ascii=False)]
                                                        for a, n in expected]

    table = ok("query", SELECT_PARTIES, "--store", sample_store).stdout
    assert "agreement" in table and "Hildesheim" in table


def test_query_ask(sample_store: str) -> None:
    yes = PARTY_QUERY + "ASK { ?a a cg:Agreement ; cg:sisterCity true }"
    no = PARTY_QUERY + 'ASK { ?p cg:name "Atlantis" }'
    assert json.loads(ok("query", yes, "--format", "json", "--store", sample_store).stdout) == {
        "head": {}, "boolean": True}
    assert json.loads(ok("query", no, "--format", "json", "--store", sample_store).stdout)["boolean"] is False
    assert "true" in ok("query", yes, "--store", sample_store).stdout


def test_query_construct_turtle(sample_store: str, agreements: list[dict]) -> None:
    query = PARTY_QUERY + "CONSTRUCT { ?a cg:party ?p } WHERE { ?a a cg:Agreement ; cg:party ?p }"
    out = ok("query", query, "--format", "turtle", "--store", sample_store).stdout
    graph = rdflib.Graph().parse(data=out, format="turtle")
    party = rdflib.URIRef("https://w3id.org/citygraph/ontology#party")
    assert set(graph) == {(rdflib.URIRef(a["id"]), party, rdflib.URIRef(p["id"]))
                          for a in agreements for p in a["parties"]}


def test_query_from_rq_file(sample_store: str, tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("# how many articles\n" + PARTY_QUERY
                    + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a cg:Article }\n", "utf-8")
    assert out_csv("query", str(path), "--format", "csv", "--store", sample_store) == [["n"], ["10"]]


def test_malformed_query_exits_2_with_the_parser_message(sample_store: str) -> None:
    bad = "SELECT ?x WHERE { ?x ?y }"
    with pytest.raises(SyntaxError) as parser:
        ox.Store().query(bad)
    result = invoke("query", bad, "--store", sample_store)
    assert result.exit_code == 2, result.output
    assert squeezed(str(parser.value)) in squeezed(result.stderr)
    assert "Traceback" not in result.output and result.stdout == ""
    assert isinstance(result.exception, SystemExit)


def test_query_in_a_format_its_kind_has_not_exits_2(sample_store: str) -> None:
    result = invoke("query", PARTY_QUERY + "ASK { ?a a cg:Agreement }", "--format", "turtle",
                    "--store", sample_store)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.stderr.startswith("error:")


@pytest.mark.parametrize(("query", "fmt"), [
    (SELECT_PARTIES, "csv"), (SELECT_PARTIES, "tsv"), (SELECT_PARTIES, "json"), (SELECT_PARTIES, "xml"),
    (PARTY_QUERY + "ASK { ?a a cg:Agreement }", "xml"),
    (PARTY_QUERY + "CONSTRUCT { ?a cg:party ?p } WHERE { ?a a cg:Agreement ; cg:party ?p }", "ntriples"),
])
def test_streamed_answers_are_the_materialised_ones(sample_store: str, query: str, fmt: str) -> None:
    """Every format but the table is streamed as the store answers; the bytes are those of the whole answer."""
    from citygraph.sparql import run_query

    with open_store(sample_store, read_only=True) as store:
        whole = run_query(store, query).serialize(fmt)
    streamed = ok("query", query, "--format", fmt, "--store", sample_store).stdout_bytes
    expected = whole if whole.endswith(b"\n") else whole + b"\n"
    if fmt == "ntriples":  # the same triples, in the store's order either way
        assert sorted(streamed.splitlines()) == sorted(expected.splitlines())
    else:
        assert streamed == expected


def test_a_bound_example_streams_its_rows(sample_store: str) -> None:
    from citygraph.examples import run_example

    with open_store(sample_store, read_only=True) as store:
        place = run_example(store, "most_connected_places").rows[0][0]
        expected = run_example(store, "agreement_sources").rows
    rows = out_csv("query", "--example", "most_connected_places", "--bind", f"place={place}",
                   "--format", "csv", "--store", sample_store)
    assert len(rows) == 2 and rows[1][0] == place
    everything = out_csv("query", "--example", "agreement_sources", "--format", "csv", "--store", sample_store)
    assert len(everything) - 1 == len(expected)


def test_a_reader_that_stops_early_ends_the_stream_quietly(sample_store: str) -> None:
    """``citygraph query ... | head``: the closed pipe ends the command with no traceback."""
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # far more rows than a pipe buffers
    proc = subprocess.Popen([sys.executable, "-m", "citygraph", "query", endless, "--format", "csv",
                             "--store", sample_store], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().startswith(b"a,b,c")
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_a_format_error_writes_no_partial_answer(sample_store: str) -> None:
    result = invoke("query", SELECT_PARTIES, "--format", "turtle", "--store", sample_store)
    assert result.exit_code == 2 and result.stdout == ""
    assert "SELECT result is written as csv, tsv, json, xml" in result.stderr


# ---- export, validate ----


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(("fmt", "rdflib_format"), [
    ("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_reparses_with_rdflib(sample_store: str, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    ok("export", "--format", fmt, "-o", str(out), "--store", sample_store)
    data = out.read_bytes()
    with open_store(sample_store, read_only=True) as store:
        if fmt == "turtle":
            graph = rdflib.Graph().parse(data=data, format=rdflib_format)
            assert len(graph) == len({(q.subject, q.predicate, q.object) for q in store.quads()}) > 0
            return
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=rdflib_format)
        assert len(list(dataset.quads((None, None, None, None)))) == store.triple_count() > 0
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {str(article_graph_iri(a)) for a in SAMPLE_IDS} | {str(ONTOLOGY_GRAPH)} <= names


def test_validate_sample_conforms(sample_store: str) -> None:
    result = ok("validate", "--store", sample_store)
    assert "0 violations" in result.stderr
    assert result.stdout == ""


# ---- bad input ----

# Each bad input, with what must follow its path in the message ("path[:line]: reason").
BAD_INPUTS = {
    "binary.txt": ": binary file",
    "latin1.txt": ": not UTF-8 text (invalid byte 0xe9",
    "empty.txt": ": empty article",
    "batch.jsonl": ":4: malformed JSON",
    "missing_column.csv": ':1: missing column "text"',
    "nested/notes.md": ": unsupported file type",
    "no_such_file.txt": ": no such file or directory",
}
GOOD_INPUTS = ["en_noisy.txt", "id_repeated.txt"]


def test_bad_inputs_are_named_skipped_and_the_rest_ingested(store_path: Path) -> None:
    paths = [str(FIXTURES / name) for name in [*GOOD_INPUTS, *BAD_INPUTS]]
    result = invoke("ingest", *paths, "--store", str(store_path))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    stderr = squeezed(result.stderr)
    for name, message in BAD_INPUTS.items():
        assert squeezed(f"skipped {FIXTURES / name}{message}") in stderr, (name, result.stderr)
    # The other bad lines of batch.jsonl are reported with their line numbers too.
    for line, reason in ((5, 'missing "text"'), (6, 'bad "published" date'), (7, "empty article"),
                         (8, "expected a JSON object")):
        assert squeezed(f"skipped {FIXTURES / 'batch.jsonl'}:{line}: {reason}") in stderr
    assert "errors11" in stderr
    with open_store(store_path, read_only=True) as store:
        assert store.article_ids() == sorted(["en_noisy", "id_repeated", "jl-01", "jl-02", "jl-08"])


def test_a_csv_row_without_text_is_skipped_by_line(store_path: Path) -> None:
    result = invoke("ingest", str(FIXTURES / "batch.csv"), "--store", str(store_path))
    assert result.exit_code == 1, result.output
    assert squeezed(f'{FIXTURES / "batch.csv"}:5: missing column "text"') in squeezed(result.stderr)
    with open_store(store_path, read_only=True) as store:
        assert store.article_ids() == ["csv-01", "csv-03"]


def test_all_good_input_exits_0(store_path: Path) -> None:
    result = ok("ingest", *(str(FIXTURES / name) for name in GOOD_INPUTS), "--store", str(store_path))
    assert "errors0" in squeezed(result.stderr)
    assert ok("ingest", str(FIXTURES / "en_noisy.txt"), "-q", "--store", str(store_path)).stderr == ""


# ---- stdin, language, store location ----


def test_ingest_stdin_jsonl(store_path: Path) -> None:
    record = {"id": "from-stdin", "lang": "en", "published": "2019-05-15",
              "text": "South Tangerang and Hwaseong signed a memorandum of understanding on smart city "
                      "cooperation on Wednesday (15/5/2019)."}
    ok("ingest", "-", "--store", str(store_path), input=json.dumps(record) + "\n")
    with open_store(store_path, read_only=True) as store:
        assert store.article_ids() == ["from-stdin"]
    rows = json.loads(ok("list", "agreements", "--format", "json", "--store", str(store_path)).stdout)
    assert [s["article"] for r in rows for s in r["sources"]] == ["from-stdin"]


def test_ingest_stdin_plain_text(store_path: Path) -> None:
    ok("ingest", "-", "--store", str(store_path), input=UNLINKED_TEXT)
    with open_store(store_path, read_only=True) as store:
        assert store.article_ids() == ["stdin"]
    rows = json.loads(ok("list", "agreements", "--format", "json", "--store", str(store_path)).stdout)
    assert [sorted(p["name"] for p in r["parties"]) for r in rows] == [["Bogor", "Zarnovia"]]


LANGUAGE_OF = PARTY_QUERY + 'SELECT ?lang WHERE { ?a cg:articleId "stdin" ; cg:language ?lang }'


def test_lang_option_forces_the_language(tmp_path: Path) -> None:
    detected, forced = str(tmp_path / "detected"), str(tmp_path / "forced")
    ok("ingest", "-", "--store", detected, input=UNLINKED_TEXT)
    ok("ingest", "-", "--lang", "en", "--store", forced, input=UNLINKED_TEXT)
    assert ok("query", LANGUAGE_OF, "-f", "csv", "--store", detected).stdout.split() == ["lang", "id"]
    assert ok("query", LANGUAGE_OF, "-f", "csv", "--store", forced).stdout.split() == ["lang", "en"]
    assert invoke("ingest", "-", "--lang", "fr", "--store", forced, input=UNLINKED_TEXT).exit_code == 2


def test_citygraph_store_env_is_the_default_store(store_path: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # so a fallback to ./citygraph-store would be seen, not pollute the repo
    env = {"CITYGRAPH_STORE": str(store_path)}
    ok("ingest", str(SAMPLES / "solo-raya-pks.txt"), env=env)
    assert store_path.is_dir() and not (tmp_path / "citygraph-store").exists()
    with open_store(store_path, read_only=True) as store:
        assert store.article_ids() == ["solo-raya-pks"]
    counts = json.loads(ok("stats", "--format", "json", env=env).stdout)
    assert counts["articles"] == 1
    # --store wins over the variable.
    other = tmp_path / "other"
    ok("ingest", str(SAMPLES / "pontianak-kuching-rencana.txt"), "--store", str(other), env=env)
    assert json.loads(ok("stats", "--format", "json", env=env).stdout)["articles"] == 1


# ---- idempotence ----


def test_reingesting_leaves_the_store_unchanged(store_path: Path) -> None:
    ok("ingest", str(SAMPLES), "--store", str(store_path))
    with open_store(store_path, read_only=True) as store:
        count, before = store.triple_count(), canonical(store)
    ok("ingest", str(SAMPLES), "--store", str(store_path))
    ok("ingest", str(SAMPLES / "news.jsonl"), "--store", str(store_path))
    with open_store(store_path, read_only=True) as store:
        assert store.triple_count() == count
        assert canonical(store) == before
    # an article graph each, the ontology and the consolidation graph
    assert len(before) == len(SAMPLE_IDS) + 2


# ---- real processes ----


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citygraph", *args], capture_output=True, text=True,
                          timeout=120, cwd=REPO)


def test_subprocess_ingest_and_list_json(store_path: Path) -> None:
    done = run_cli("ingest", str(SAMPLES / "makassar-yokohama-loi.txt"), "--store", str(store_path))
    assert done.returncode == 0, done.stderr
    listed = run_cli("list", "agreements", "--format", "json", "--store", str(store_path))
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [sorted(p["name"] for p in r["parties"]) for r in rows] == [["Makassar", "Yokohama"]]
    assert rows[0]["instrument"] == "letter_of_intent" and rows[0]["date"] == "2019-10-16"


@pytest.fixture
def held_store(store_path: Path) -> Iterator[Store]:
    with open_store(store_path) as store:
        yield store


def test_a_store_held_by_another_process_is_in_use(held_store: Store, store_path: Path) -> None:
    done = run_cli("ingest", str(SAMPLES / "solo-raya-pks.txt"), "--store", str(store_path))
    assert done.returncode == 1, done.stderr
    expected = f"error: store {store_path} is in use by another process; wait for it to finish"
    assert squeezed(done.stderr) == squeezed(expected), done.stderr
    assert held_store.article_ids() == []
