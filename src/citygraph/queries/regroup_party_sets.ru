# regroup_party_sets.ru: replace the consolidation of some party sets, atomically.
#
# Used by consolidate.regroup. The caller writes a fresh staging graph
# urn:citygraph:staging:<uuid hex> (put by the store in place of the
# placeholder <urn:citygraph:staging>) holding
#   <staging> <urn:citygraph:touchedKey> "key"   for each party set regrouped,
#   the new consolidation triples of those party sets (corroboration counts
#   and cg:partiesKey on canonical nodes, cg:sameAgreementAs on the others).
# This request, ONE transaction, deletes what the consolidation graph said of
# those party sets (every triple of a canonical node carrying one of the keys,
# and every cg:sameAgreementAs pointing at one), clears their cg:pendingKey,
# copies the new triples in and drops the staging graph. No data is pasted in.

PREFIX cg: <https://w3id.org/citygraph/ontology#>

DELETE { GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> { ?member cg:sameAgreementAs ?canonical } }
WHERE {
  GRAPH <urn:citygraph:staging> { <urn:citygraph:staging> <urn:citygraph:touchedKey> ?key }
  GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> {
    ?canonical cg:partiesKey ?key .
    ?member cg:sameAgreementAs ?canonical .
  }
} ;

DELETE { GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> { ?canonical ?p ?o } }
WHERE {
  GRAPH <urn:citygraph:staging> { <urn:citygraph:staging> <urn:citygraph:touchedKey> ?key }
  GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> {
    ?canonical cg:partiesKey ?key .
    ?canonical ?p ?o .
  }
} ;

DELETE { GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> {
    <https://w3id.org/citygraph/resource/activity/consolidation> cg:pendingKey ?key } }
WHERE {
  GRAPH <urn:citygraph:staging> { <urn:citygraph:staging> <urn:citygraph:touchedKey> ?key }
} ;

INSERT { GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> { ?s ?p ?o } }
WHERE {
  GRAPH <urn:citygraph:staging> {
    ?s ?p ?o .
    FILTER (?p != <urn:citygraph:touchedKey>)
  }
} ;

DROP SILENT GRAPH <urn:citygraph:staging>
