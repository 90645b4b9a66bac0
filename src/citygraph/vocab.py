"""The citygraph vocabulary as Python names: our terms, concept schemes, reused namespaces.

``CG`` is a :class:`rdflib.namespace.DefinedNamespace` with ``_fail = True``, so a
typo such as ``CG.sistercity`` raises at import time of the caller's code path
instead of silently minting a term nobody defined. The list of terms here and
the OWL file ``ontology/citygraph.ttl`` must agree; ``tests/test_ontology.py``
checks both directions.

Concepts (domains, instruments, statuses, roles, place kinds) are SKOS concepts
defined in ``ontology/domains.ttl``; their IRIs end with the code used in the
JSON contract (``.../concept/instrument/letter_of_intent``), so the code can be
read back from an IRI without a join.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from citygraph.defaults import BASE_IRI, ONTOLOGY_IRI, RESOURCE_IRI

#: Where SKOS concepts live: ``{CONCEPT_IRI}{scheme}/{code}``.
CONCEPT_IRI = BASE_IRI + "concept/"

#: The named graph that holds citygraph.ttl and domains.ttl inside a store.
ONTOLOGY_GRAPH = URIRef(RESOURCE_IRI + "graph/ontology")
#: Prefix of every article's named graph.
ARTICLE_GRAPH_PREFIX = RESOURCE_IRI + "graph/article/"
#: The named graph citygraph.consolidate rewrites after every ingest: which
#: agreement nodes are one agreement (cg:sameAgreementAs), their corroboration
#: counts and the cg:Consolidation activity. Computed, so kept apart from the
#: article graphs (which hold only what an article says).
CONSOLIDATION_GRAPH = URIRef(RESOURCE_IRI + "graph/consolidation")
#: The cg:Consolidation activity node. One fixed IRI, not one per run: the
#: graph must be identical whenever the data are (no run ids, no timestamps).
CONSOLIDATION_ACTIVITY = URIRef(RESOURCE_IRI + "activity/consolidation")
#: Prefix of the named graphs citygraph.reference writes, one per imported
#: reference file (``graph/reference/sister-cities-{file stem}``): structured
#: data kept apart from what articles say, each replaced whole on re-import.
REFERENCE_GRAPH_PREFIX = RESOURCE_IRI + "graph/reference/"

GEONAMES = Namespace("https://sws.geonames.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
RES = Namespace(RESOURCE_IRI)

DOMAIN = Namespace(CONCEPT_IRI + "domain/")
INSTRUMENT = Namespace(CONCEPT_IRI + "instrument/")
STATUS = Namespace(CONCEPT_IRI + "status/")
ROLE = Namespace(CONCEPT_IRI + "role/")
PLACE_KIND = Namespace(CONCEPT_IRI + "place-kind/")

#: The concept schemes themselves (``skos:ConceptScheme`` resources).
DOMAIN_SCHEME = URIRef(CONCEPT_IRI + "domain")
INSTRUMENT_SCHEME = URIRef(CONCEPT_IRI + "instrument")
STATUS_SCHEME = URIRef(CONCEPT_IRI + "status")
ROLE_SCHEME = URIRef(CONCEPT_IRI + "role")
PLACE_KIND_SCHEME = URIRef(CONCEPT_IRI + "place-kind")


class CG(DefinedNamespace):
    """citygraph ontology terms (``https://w3id.org/citygraph/ontology#``)."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # Classes
    Place: URIRef
    City: URIRef
    Regency: URIRef
    Province: URIRef
    Country: URIRef
    Organisation: URIRef
    Body: URIRef
    Person: URIRef
    Post: URIRef
    Appointment: URIRef
    Forum: URIRef
    Agreement: URIRef
    Article: URIRef
    Attestation: URIRef
    Consolidation: URIRef
    ReferenceTie: URIRef
    ReferenceImport: URIRef

    # Names and identifiers
    name: URIRef
    placeKey: URIRef
    placeKind: URIRef
    countryCode: URIRef
    subdivisionCode: URIRef
    kemendagriCode: URIRef
    geonamesId: URIRef
    wikidataId: URIRef
    linked: URIRef
    latitude: URIRef
    longitude: URIRef
    partOf: URIRef

    # People and offices
    role: URIRef
    holder: URIRef
    office: URIRef
    officeTitle: URIRef
    acting: URIRef
    former: URIRef

    # Forums
    acronym: URIRef
    city: URIRef

    # Agreements
    party: URIRef
    signatory: URIRef
    instrument: URIRef
    status: URIRef
    sisterCity: URIRef
    partiesKey: URIRef
    date: URIRef
    forum: URIRef
    domain: URIRef

    # Provenance
    attestation: URIRef
    evidenceText: URIRef
    startOffset: URIRef
    endOffset: URIRef

    # Articles
    articleId: URIRef
    url: URIRef
    title: URIRef
    published: URIRef
    language: URIRef

    # Consolidation (computed across articles; citygraph.consolidate)
    sameAgreementAs: URIRef
    corroboratingArticles: URIRef
    corroboratingOutlets: URIRef
    corroboratingLanguages: URIRef
    agreementCount: URIRef
    pendingKey: URIRef

    # Reference data (imported from structured sources; citygraph.reference)
    twinnedPlace: URIRef
    reciprocal: URIRef
    sourceLine: URIRef
    tieCount: URIRef


#: Prefixes bound on every graph we build and offered to every query.
PREFIXES: dict[str, str] = {
    "cg": ONTOLOGY_IRI,
    "cga": "https://w3id.org/citygraph/analysis#",
    "res": RESOURCE_IRI,
    "domain": str(DOMAIN),
    "instrument": str(INSTRUMENT),
    "status": str(STATUS),
    "role": str(ROLE),
    "kind": str(PLACE_KIND),
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gn": str(GEONAMES),
    "wd": str(WIKIDATA),
}


def concept_code(iri: str, scheme: Namespace) -> str | None:
    """The code a concept IRI ends with (``letter_of_intent``), or None if it is not in ``scheme``."""
    prefix = str(scheme)
    return iri[len(prefix):] if iri.startswith(prefix) else None
