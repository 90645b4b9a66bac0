# replace_graph.ru: move the staged quads into their target graph, atomically.
#
# Used by store.Store.replace_article (and for the ontology graph). The store
# first writes the new quads into a fresh staging graph
# urn:citygraph:staging:<uuid hex>, with one control triple
#   <staging> <urn:citygraph:stagedFor> <target graph> ,
# and puts that staging IRI in place of the placeholder <urn:citygraph:staging>
# below. This request then, in ONE transaction (Oxigraph runs a whole update
# request in one), deletes the target graph's quads, copies the staged quads
# in and drops the staging graph. No data and no article-derived IRI is
# pasted in: the target is found through the control triple.

DELETE { GRAPH ?target { ?s ?p ?o } }
WHERE {
  GRAPH <urn:citygraph:staging> { <urn:citygraph:staging> <urn:citygraph:stagedFor> ?target }
  GRAPH ?target { ?s ?p ?o }
} ;

INSERT { GRAPH ?target { ?s ?p ?o } }
WHERE {
  GRAPH <urn:citygraph:staging> {
    <urn:citygraph:staging> <urn:citygraph:stagedFor> ?target .
    ?s ?p ?o .
    FILTER (?p != <urn:citygraph:stagedFor>)
  }
} ;

DROP SILENT GRAPH <urn:citygraph:staging>
