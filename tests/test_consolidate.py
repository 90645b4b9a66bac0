"""consolidate: one agreement however many articles report it, and its corroboration as data.

Hand-built extractions (as in fixtures_backend) in real on-disk stores:
reports of the Bogor-Seoul letter of intent that differ in date precision,
instrument and status, ingested in different orders, removed, re-ingested.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import PROV

from citygraph.consolidate import (
    AgreementNode,
    DateParts,
    Report,
    compatible,
    consolidate,
    dates_agree,
    group_agreements,
    join_dates,
    parse_date,
    read_consolidation,
)
from citygraph.ingest import ingest as ingest_paths
from citygraph.listing import list_rows, stats
from citygraph.model import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Instrument,
    PartialDate,
    Status,
)
from citygraph.rdf import extraction_to_graph
from citygraph.store import Store, open_store, read_rq
from citygraph.validate import validate_graph, validate_store
from citygraph.vocab import CG, CONSOLIDATION_ACTIVITY, CONSOLIDATION_GRAPH
from fixtures_backend import BANDUNG, BOGOR, SEOUL, english_extraction, sorted_quads

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "articles"
CONSOLIDATION = str(CONSOLIDATION_GRAPH)


JUNE_8 = PartialDate(2016, 6, 8)


def report(article_id: str, *, date: PartialDate | None = JUNE_8,
           instrument: Instrument = Instrument.LETTER_OF_INTENT, status: Status = Status.SIGNED,
           url: str | None = None, lang: str = "id", domains: tuple[str, ...] = ("smart_city",),
           parties: tuple = (BOGOR, SEOUL)) -> Extraction:
    """One article reporting one Bogor-Seoul agreement, as the extractor would hand it over."""
    text = f"Bogor dan Seoul menandatangani kerja sama ({article_id})."
    evidence = Evidence(text, 0, len(text))
    agreement = Agreement(parties=list(parties), instrument=instrument, status=status, date=date,
                          domains=list(domains), evidence=[evidence])
    article = Article(id=article_id, text=text, url=url, lang=lang)
    return Extraction(article, lang, places=list(parties), agreements=[agreement])


#: The pair of the brief: the same LoI, one with the full date, one with day and month only.
FULL = report("a-full", url="https://a.example/x", lang="id", domains=("smart_city",))
YEARLESS = report("b-yearless", date=PartialDate(None, 6, 8), url="https://b.example/y", lang="en",
                  domains=("transport",))


def write(store: Store, extractions: list[Extraction], *, each: bool = False) -> None:
    """Replace each article's graph, then consolidate (after each article if ``each``), as ``ingest`` does."""
    for extraction in extractions:
        store.replace_article(extraction.article.id, extraction_to_graph(extraction))
        if each:
            consolidate(store)
    consolidate(store)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "store")) as store:
        yield store


def agreements(store: Store) -> list[dict]:
    return list_rows(store, "agreements")


def consolidation_triples(store: Store) -> set[tuple[str, str, object]]:
    return {(r["subject"], r["property"], r["value"]) for r in store.select_rq("consolidation")}


def canonical(store: Store) -> dict[str, rdflib.Graph]:
    """Every named graph in canonical form: "the same dataset" up to blank node names."""
    dataset = store.to_dataset()
    return {str(g.identifier): to_isomorphic(g) for g in dataset.graphs() if len(g)}


# ---- the same agreement, reported differently ----


def test_full_and_yearless_date_are_one_agreement_with_two_sources(store: Store) -> None:
    write(store, [FULL, YEARLESS])
    (row,) = agreements(store)
    assert [s["article"] for s in row["sources"]] == ["a-full", "b-yearless"]
    assert row["corroboration"] == {"articles": 2, "outlets": 2, "languages": 2}
    assert row["date"] == "2016-06-08"  # the most precise compatible date
    assert row["instrument"] == "letter_of_intent"
    assert row["domains"] == ["smart_city", "transport"]  # the union
    # the row is the canonical node: the smaller of the two IRIs
    iris = sorted(r["agreement"] for r in store.select_rq("agreement_iris"))
    assert len(iris) == 2 and row["id"] == iris[0]
    triples = consolidation_triples(store)
    assert (iris[1], str(CG.sameAgreementAs), iris[0]) in triples
    assert (iris[0], str(CG.corroboratingArticles), 2) in triples
    assert not any(s == iris[1] and p.startswith(str(CG.corroboratingArticles)) for s, p, _ in triples)
    assert stats(store)["agreements"] == 1


def test_year_month_and_month_day_join_into_a_full_date(store: Store) -> None:
    write(store, [report("a", date=PartialDate(2016, 6)), report("b", date=PartialDate(None, 6, 8))])
    (row,) = agreements(store)
    assert row["date"] == "2016-06-08"


def test_unspecified_instrument_merges_with_the_named_one(store: Store) -> None:
    vague = report("c-vague", instrument=Instrument.UNSPECIFIED, date=None, url="https://a.example/z")
    write(store, [FULL, vague])
    (row,) = agreements(store)
    assert row["instrument"] == "letter_of_intent"
    assert row["date"] == "2016-06-08"
    # two articles, one outlet (a.example twice), one language
    assert row["corroboration"] == {"articles": 2, "outlets": 1, "languages": 1}


def test_a_plan_and_a_signing_of_the_same_parties_stay_two(store: Store) -> None:
    plan = report("p-plan", status=Status.PLANNED, date=PartialDate(2016, 6), instrument=Instrument.UNSPECIFIED)
    write(store, [FULL, plan])
    rows = agreements(store)
    assert sorted(r["status"] for r in rows) == ["planned", "signed"]
    assert all(r["corroboration"]["articles"] == 1 for r in rows)
    assert not any(p == str(CG.sameAgreementAs) for _, p, _ in consolidation_triples(store))


@pytest.mark.parametrize("other", [PartialDate(2016, 7), PartialDate(None, 6, 9), PartialDate(2017)])
def test_incompatible_dates_stay_two(store: Store, other: PartialDate) -> None:
    write(store, [FULL, report("d-other", date=other)])
    assert len(agreements(store)) == 2
    assert stats(store)["agreements"] == 2


def test_different_named_instruments_stay_two(store: Store) -> None:
    write(store, [FULL, report("e-mou", instrument=Instrument.MEMORANDUM_OF_UNDERSTANDING)])
    assert sorted(r["instrument"] for r in agreements(store)) == ["letter_of_intent", "memorandum_of_understanding"]


def test_different_party_sets_stay_two(store: Store) -> None:
    write(store, [FULL, report("f-three", parties=(BOGOR, SEOUL, BANDUNG))])
    assert len(agreements(store)) == 2


def test_an_unspecified_report_fitting_two_agreements_is_attached_to_neither(store: Store) -> None:
    mou = report("g-mou", instrument=Instrument.MEMORANDUM_OF_UNDERSTANDING, url="https://c.example/1")
    vague = report("h-vague", instrument=Instrument.UNSPECIFIED, date=PartialDate(2016))
    write(store, [FULL, mou, vague])
    rows = agreements(store)
    assert sorted(r["instrument"] for r in rows) == ["letter_of_intent", "memorandum_of_understanding", "unspecified"]
    assert all(r["corroboration"]["articles"] == 1 for r in rows)
    assert consolidate(store).ambiguous == 1


def test_two_agreements_of_one_article_are_never_merged(store: Store) -> None:
    both = report("i-both")
    vague = Agreement(parties=[BOGOR, SEOUL], instrument=Instrument.UNSPECIFIED, evidence=[])
    both.agreements.append(vague)
    write(store, [both])
    assert len(agreements(store)) == 2


# ---- determinism, idempotence, removal ----


def test_ingest_order_does_not_matter(tmp_path: Path) -> None:
    articles = [FULL, YEARLESS, report("c-vague", instrument=Instrument.UNSPECIFIED, date=None),
                report("g-mou", instrument=Instrument.MEMORANDUM_OF_UNDERSTANDING),
                report("p-plan", status=Status.PLANNED, date=None), english_extraction()]
    shuffled = articles[:]
    random.Random(7).shuffle(shuffled)
    with open_store(str(tmp_path / "one")) as one, open_store(str(tmp_path / "two")) as two:
        write(one, articles, each=True)
        write(two, list(reversed(articles)))
        assert CONSOLIDATION in canonical(one)
        assert canonical(one) == canonical(two)
        assert sorted_quads(one) == sorted_quads(two)  # byte for byte: no run ids, no time stamps
        assert agreements(one) == agreements(two)
    with open_store(str(tmp_path / "three")) as three, open_store(str(tmp_path / "one"), read_only=True) as one:
        write(three, shuffled, each=True)
        assert canonical(three) == canonical(one)


def test_reingesting_leaves_the_store_unchanged(store: Store) -> None:
    write(store, [FULL, YEARLESS, english_extraction()])
    count, before, quads = store.triple_count(), canonical(store), sorted_quads(store)
    write(store, [YEARLESS, english_extraction(), FULL])
    assert store.triple_count() == count
    assert canonical(store) == before
    assert sorted_quads(store) == quads


def test_removing_an_article_and_reconsolidating_splits_the_group(store: Store) -> None:
    write(store, [FULL, YEARLESS])
    assert len(agreements(store)) == 1
    store.remove_article("a-full")
    consolidate(store)
    (row,) = agreements(store)
    assert [s["article"] for s in row["sources"]] == ["b-yearless"]
    assert row["date"] == "--06-08"
    assert not any(p == str(CG.sameAgreementAs) for _, p, _ in consolidation_triples(store))


def test_an_article_that_makes_a_plan_a_fact_joins_and_its_removal_splits(store: Store) -> None:
    planned = report("j-plan", status=Status.PLANNED)  # LoI 2016-06-08, planned
    vague = report("k-vague", instrument=Instrument.UNSPECIFIED, date=PartialDate(2016))  # signed
    write(store, [planned, vague])
    assert len(agreements(store)) == 2  # a plan never merges with a fact
    write(store, [FULL])  # the same node as j-plan, now also reported signed
    (row,) = agreements(store)
    assert row["status"] == "signed" and row["corroboration"]["articles"] == 3
    store.remove_article("a-full")
    consolidate(store)
    assert sorted(r["status"] for r in agreements(store)) == ["planned", "signed"]


def test_a_stale_or_missing_graph_is_recomputed_by_the_listing(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "fresh")) as fresh:
        write(fresh, [FULL, YEARLESS, english_extraction()])
        expected = agreements(fresh)
    with open_store(str(tmp_path / "raw")) as raw:  # articles written, never consolidated
        for extraction in [FULL, YEARLESS, english_extraction()]:
            raw.replace_article(extraction.article.id, extraction_to_graph(extraction))
        assert read_consolidation(raw) is None
        assert agreements(raw) == expected
        assert stats(raw)["agreements"] == 2
        consolidate(raw)
        raw.remove_article(FULL.article.id)  # the graph is now stale: it still links a-full's node
        (bogor,) = [r for r in agreements(raw) if r["parties"][0]["name"] == "Bogor"]
        assert [s["article"] for s in bogor["sources"]] == ["b-yearless"]
        assert bogor["corroboration"] == {"articles": 1, "outlets": 1, "languages": 1}


def test_ingest_consolidates_at_the_end(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s")) as store:
        summary = ingest_paths([SAMPLES], store)
        assert summary.consolidation.agreements == len(agreements(store)) > 0
        assert summary.consolidation.nodes >= summary.consolidation.agreements
        consolidation = read_consolidation(store)
        assert consolidation is not None
        assert consolidation.covers([r["agreement"] for r in store.select_rq("agreement_iris")], store.article_ids())
        before = sorted_quads(store)
        ingest_paths([SAMPLES], store)
        assert sorted_quads(store) == before


# ---- the graph, its shapes and the example query ----


def test_the_activity_records_what_it_used_and_found(store: Store) -> None:
    write(store, [FULL, YEARLESS, english_extraction()])
    graph = rdflib.Graph()
    for s, p, o in consolidation_triples(store):
        graph.add((URIRef(s), URIRef(p), URIRef(o) if isinstance(o, str) and o.startswith("http") else Literal(o)))
    activity = CONSOLIDATION_ACTIVITY
    assert {CG.Consolidation, PROV.Activity} <= set(graph.objects(activity, RDF.type))
    assert graph.value(activity, CG.agreementCount).toPython() == 2
    assert len(set(graph.objects(activity, PROV.used))) == 3
    assert (CONSOLIDATION_GRAPH, PROV.wasGeneratedBy, activity) in graph
    assert graph.value(activity, PROV.endedAtTime) is None
    typed = store.query(f"SELECT ?n WHERE {{ GRAPH <{CONSOLIDATION}> {{ ?a cg:corroboratingArticles ?n }} }}")
    assert {s["n"].datatype.value for s in typed} == {str(XSD.integer)}


def test_the_consolidated_store_conforms_to_the_shapes(store: Store) -> None:
    mou = report("g-mou", instrument=Instrument.MEMORANDUM_OF_UNDERSTANDING)
    renewed = report("l-renewed", status=Status.RENEWED, url="https://d.example/r")  # same node as FULL
    write(store, [FULL, YEARLESS, renewed, mou, report("h-vague", instrument=Instrument.UNSPECIFIED),
                  english_extraction()])
    report_articles = validate_store(store)
    assert report_articles.conforms, "\n".join(report_articles.violations)
    # the article graphs and the consolidation graph together
    report_all = validate_graph(store.union_graph(articles_only=False), inplace=True)
    assert report_all.conforms, "\n".join(report_all.violations)


CONSOLIDATION_PREFIXES = """
@prefix cg:   <https://w3id.org/citygraph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix res:  <https://w3id.org/citygraph/resource/> .
@prefix instrument: <https://w3id.org/citygraph/concept/instrument/> .
@prefix status: <https://w3id.org/citygraph/concept/status/> .
"""

GOOD_CONSOLIDATION = CONSOLIDATION_PREFIXES + """
res:article-1 a cg:Article ; cg:articleId "a1" .
res:att-1 a cg:Attestation ; prov:wasDerivedFrom res:article-1 ; cg:evidenceText "Signed." .
res:bogor a cg:Place ; cg:name "Bogor" ; cg:placeKind <https://w3id.org/citygraph/concept/place-kind/city> .
res:seoul a cg:Place ; cg:name "Seoul" ; cg:placeKind <https://w3id.org/citygraph/concept/place-kind/city> .
res:ag-1 a cg:Agreement ; cg:party res:bogor, res:seoul ; cg:instrument instrument:letter_of_intent ;
    cg:status status:signed ; cg:sisterCity false ; cg:attestation res:att-1 ; prov:wasDerivedFrom res:article-1 .
res:ag-2 a cg:Agreement ; cg:party res:bogor, res:seoul ; cg:instrument instrument:unspecified ;
    cg:status status:signed ; cg:sisterCity false ; cg:attestation res:att-1 ; prov:wasDerivedFrom res:article-1 .
res:ag-2 cg:sameAgreementAs res:ag-1 .
res:ag-1 cg:corroboratingArticles 2 ; cg:corroboratingOutlets 1 ; cg:corroboratingLanguages 1 .
res:activity a cg:Consolidation, prov:Activity ; cg:agreementCount 1 .
"""


def test_hand_written_consolidation_conforms() -> None:
    result = validate_graph(rdflib.Graph().parse(data=GOOD_CONSOLIDATION, format="turtle"))
    assert result.conforms, "\n".join(result.violations)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("cg:corroboratingArticles 2", "cg:corroboratingArticles 0", "corroborating articles"),
        ("cg:corroboratingArticles 2", 'cg:corroboratingArticles "2"', "corroborating articles"),
        ("cg:corroboratingOutlets 1", "cg:corroboratingOutlets 1, 2", "corroborating outlets"),
        ("cg:corroboratingLanguages 1", "cg:corroboratingLanguages -1", "corroborating languages"),
        ("res:ag-2 cg:sameAgreementAs res:ag-1 .", "res:ag-2 cg:sameAgreementAs res:bogor .",
         "same as at most one canonical agreement"),
        ("res:ag-2 cg:sameAgreementAs res:ag-1 .",
         "res:ag-2 cg:sameAgreementAs res:ag-1 . res:ag-1 cg:sameAgreementAs res:ag-3 . res:ag-3 a cg:Agreement .",
         "never at another member"),
        ("res:ag-2 cg:sameAgreementAs res:ag-1 .",
         "res:ag-2 cg:sameAgreementAs res:ag-1 ; cg:corroboratingArticles 1 .", "only the canonical agreement"),
        ("cg:agreementCount 1 .", "prov:used res:article-1 .", "exactly one cg:agreementCount"),
        ("a cg:Consolidation, prov:Activity", "a cg:Consolidation", "a prov:Activity"),
    ],
)
def test_bad_consolidations_are_rejected_with_their_message(old: str, new: str, message: str) -> None:
    assert old in GOOD_CONSOLIDATION
    result = validate_graph(rdflib.Graph().parse(data=GOOD_CONSOLIDATION.replace(old, new, 1), format="turtle"))
    assert not result.conforms
    assert any(message in v for v in result.violations), result.violations


def test_single_source_query_returns_the_single_source_agreements_with_evidence(store: Store) -> None:
    english = english_extraction()
    write(store, [FULL, YEARLESS, english])
    rows = store.select_rq("single_source_agreements")
    (bandung,) = [r for r in agreements(store) if r["parties"][0]["name"] == "Bandung"]
    assert [(r["agreement"], r["article"]) for r in rows] == [(bandung["id"], "en-001")]
    assert rows[0]["evidence"] == english.article.text
    assert (rows[0]["start"], rows[0]["end"]) == (0, len(english.article.text))
    assert read_rq("single_source_agreements").startswith("# single_source_agreements.rq:")
    # once a second article reports it, it is no longer single-source
    write(store, [report("m-bandung", parties=(BANDUNG, english.agreements[0].parties[0]), date=None,
                         instrument=Instrument.UNSPECIFIED, status=Status.RENEWED)])
    assert store.select_rq("single_source_agreements") == []


def test_replace_graph_refuses_the_graphs_that_have_their_own_writers(store: Store) -> None:
    for name in (str(extraction_to_graph(FULL).identifier), "https://w3id.org/citygraph/resource/graph/ontology"):
        with pytest.raises(ValueError, match="its own method"):
            store.replace_graph(name, [])


# ---- the grouping rule on its own ----


def node(iri: str, *, instrument: str = "letter_of_intent", date: str | None = None, status: str = "signed",
         articles: tuple[str, ...] = (), parties: tuple[str, ...] = ("p:bogor", "p:seoul")) -> AgreementNode:
    return AgreementNode(iri, set(parties), {instrument}, {status}, {date} if date else set(),
                         {a: Report(a) for a in (articles or (f"art-{iri}",))})


def test_dates_agree_part_by_part() -> None:
    assert dates_agree(parse_date("2016-06-08"), parse_date("--06-08"))
    assert dates_agree(parse_date("2016"), parse_date("--06-08"))
    assert dates_agree(parse_date("2016-06"), None)
    assert not dates_agree(parse_date("2016-06"), parse_date("--07-01"))
    assert not dates_agree(parse_date("2016"), parse_date("2017-01-01"))
    assert join_dates([parse_date("2016"), parse_date("--06-08")]) == DateParts(2016, 6, 8)
    assert parse_date("around 2016").opaque == "around 2016"
    assert not dates_agree(parse_date("around 2016"), parse_date("2016"))


def test_grouping_is_order_independent_and_keeps_ambiguous_nodes_alone() -> None:
    nodes = [
        node("n:1", date="2016-06-08"),
        node("n:2", date="--06-08"),
        node("n:3", instrument="unspecified", date="2016"),  # fits n:1, n:2 and n:4
        node("n:4", instrument="memorandum_of_understanding", date="2016-06-08"),
        node("n:5", instrument="unspecified", date="2016-06", status="planned"),
        node("n:6", instrument="unspecified", status="planned"),
        node("n:7", date="2016-06-08", parties=("p:bogor", "p:tokyo")),
    ]
    expected = [(g.canonical, g.members, g.ambiguous) for g in group_agreements(nodes)]
    assert expected == [
        ("n:1", ("n:1", "n:2"), False),  # n:1 and n:2 fit each other and nothing that contradicts them
        ("n:3", ("n:3",), True),  # fits n:1 and n:4, which do not fit each other: attached to neither
        ("n:4", ("n:4",), False),
        ("n:5", ("n:5", "n:6"), False),  # plans merge with plans
        ("n:7", ("n:7",), False),  # other parties
    ]
    rng = random.Random(1)
    for _ in range(20):
        shuffled = nodes[:]
        rng.shuffle(shuffled)
        assert [(g.canonical, g.members, g.ambiguous) for g in group_agreements(shuffled)] == expected


_NODE_FIELDS = st.tuples(
    st.sampled_from(["letter_of_intent", "memorandum_of_understanding", "unspecified"]),
    st.sampled_from([None, "2016", "2017", "2016-06", "2016-06-08", "2016-07-01", "--06-08", "--07-01"]),
    st.sampled_from(["signed", "planned"]),
    st.sets(st.sampled_from(["a1", "a2", "a3", "a4", "a5", "a6"]), min_size=1, max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NODE_FIELDS, max_size=9))
def test_grouping_follows_the_rule_stated_pair_by_pair(fields: list[tuple]) -> None:
    """The grouping against the rule as the module states it, checked the slow way on random nodes:
    a node is ambiguous when two of its compatible nodes are not compatible with each other;
    the other nodes form groups that are cliques, and compatible non-ambiguous nodes share one."""
    nodes = [node(f"n:{i}", instrument=inst, date=date, status=status, articles=tuple(sorted(arts)))
             for i, (inst, date, status, arts) in enumerate(fields)]
    by_iri = {n.iri: n for n in nodes}
    fits = {(a.iri, b.iri): compatible(a, b) for a in nodes for b in nodes if a is not b}
    ambiguous = {
        n.iri for n in nodes
        if any(not fits[(x.iri, y.iri)] for x in nodes for y in nodes
               if x is not y and n not in (x, y) and fits[(n.iri, x.iri)] and fits[(n.iri, y.iri)])
    }
    groups = group_agreements(nodes)
    assert sorted(m for g in groups for m in g.members) == sorted(by_iri)
    group_of = {m: g for g in groups for m in g.members}
    for g in groups:
        assert all(g.ambiguous == (m in ambiguous) for m in g.members)
        assert not g.ambiguous or len(g.members) == 1
        assert all(fits[(a, b)] for a in g.members for b in g.members if a != b)
    for (a, b), fit in fits.items():
        if fit and a not in ambiguous and b not in ambiguous:
            assert group_of[a] is group_of[b]


def test_a_clear_group_forms_and_an_ambiguous_node_stays_out() -> None:
    nodes = [
        node("n:a", date="2016-06-08"),
        node("n:b", date="--06-08", instrument="unspecified"),  # fits n:a only
        node("n:c", instrument="memorandum_of_understanding", date="2017-07-01"),
        node("n:d", instrument="unspecified"),  # fits n:a, n:b and n:c; n:a and n:c do not fit
    ]
    groups = [(g.canonical, g.members, g.ambiguous) for g in group_agreements(nodes)]
    assert groups == [("n:a", ("n:a", "n:b"), False), ("n:c", ("n:c",), False), ("n:d", ("n:d",), True)]
    counted = group_agreements([node("n:x", articles=("a1", "a2")), node("n:y", date="2016", articles=("a3",))])
    assert [g.corroboration.articles for g in counted] == [3]
