# count_agreements.ru: set cg:agreementCount on the consolidation activity to
# the number of canonical nodes (each states cg:corroboratingArticles once).
#
# Used by consolidate.consolidate_pending after the last regroup of a run: the
# count is of the whole store, so it is taken once, not per party set.

PREFIX cg: <https://w3id.org/citygraph/ontology#>

DELETE { GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> {
    <https://w3id.org/citygraph/resource/activity/consolidation> cg:agreementCount ?old } }
WHERE { GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> {
    <https://w3id.org/citygraph/resource/activity/consolidation> cg:agreementCount ?old } } ;

INSERT { GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> {
    <https://w3id.org/citygraph/resource/activity/consolidation> cg:agreementCount ?n } }
WHERE {
  SELECT (COUNT(?canonical) AS ?n)
  WHERE { GRAPH <https://w3id.org/citygraph/resource/graph/consolidation> { ?canonical cg:corroboratingArticles ?count } }
}
