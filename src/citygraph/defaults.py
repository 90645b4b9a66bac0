"""Constants in one place: base IRIs, default paths, thresholds."""

from __future__ import annotations

from typing import Final

BASE_IRI: Final = "https://w3id.org/citygraph/"
ONTOLOGY_IRI: Final = BASE_IRI + "ontology#"
RESOURCE_IRI: Final = BASE_IRI + "resource/"

DEFAULT_STORE: Final = "citygraph-store"
STORE_ENV: Final = "CITYGRAPH_STORE"

#: Articles longer than this (characters) are cut before extraction, so one
#: pathological input cannot stall a batch import.
MAX_ARTICLE_CHARS: Final = 200_000
