"""Terms of the analysis results: measures, communities, clusters, analysis runs.

Kept apart from :mod:`citygraph.vocab` (and ``ontology/citygraph.ttl``) because
analysis results are derived data with a life of their own: they live in one
named graph (:data:`ANALYSIS_GRAPH`) that each ``citygraph analyze`` replaces
whole, and their vocabulary can change without touching what the extractor
writes. ``CGA`` mirrors ``ontology/analysis.ttl``; ``tests/test_analysis.py``
checks the two agree in both directions, and ``_fail = True`` makes a typo
such as ``CGA.betweeness`` fail at once.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from citygraph.defaults import BASE_IRI, RESOURCE_IRI

#: Namespace of the analysis terms (prefix ``cga``).
ANALYSIS_IRI = BASE_IRI + "analysis#"
#: The one named graph holding the latest analysis run and its results.
ANALYSIS_GRAPH = URIRef(RESOURCE_IRI + "graph/analysis")
#: Where analysis resources (runs, projections, scores, communities) are minted.
ANALYSIS_RESOURCE = RESOURCE_IRI + "analysis/"


class CGA(DefinedNamespace):
    """citygraph analysis terms (``https://w3id.org/citygraph/analysis#``)."""

    _NS = Namespace(ANALYSIS_IRI)
    _fail = True

    # Classes
    AnalysisRun: URIRef
    Projection: URIRef
    CooperationNetwork: URIRef
    DomainNetwork: URIRef
    PlaceDomainNetwork: URIRef
    PlaceScore: URIRef
    Community: URIRef
    ProfileCluster: URIRef
    DomainShare: URIRef
    Cooperation: URIRef

    # Runs: parameters and filters
    method: URIRef
    backend: URIRef
    seed: URIRef
    resolution: URIRef
    exactBetweennessMaxNodes: URIRef
    betweennessSampleSize: URIRef
    softwareVersion: URIRef
    filterDomain: URIRef
    filterSince: URIRef
    filterUntil: URIRef
    filterCountry: URIRef
    filterKind: URIRef
    filterStatus: URIRef

    # Projections: whole-graph measures
    domain: URIRef
    nodeCount: URIRef
    edgeCount: URIRef
    agreementCount: URIRef
    density: URIRef
    componentCount: URIRef
    diameter: URIRef
    betweennessPivots: URIRef
    eigenvectorMethod: URIRef
    modularity: URIRef

    # Place scores
    place: URIRef
    projection: URIRef
    degree: URIRef
    weightedDegree: URIRef
    betweenness: URIRef
    eigenvector: URIRef
    pagerank: URIRef
    clustering: URIRef
    component: URIRef
    community: URIRef
    profileCluster: URIRef

    # Communities and clusters
    number: URIRef
    member: URIRef
    size: URIRef
    domainShare: URIRef
    share: URIRef

    # Materialised cooperation edges
    between: URIRef
    weight: URIRef
    agreement: URIRef
    year: URIRef
    firstYear: URIRef
    dominantDomain: URIRef


#: Prefixes for the analysis graph (added to the store's own when serialising).
ANALYSIS_PREFIXES: dict[str, str] = {"cga": ANALYSIS_IRI}
