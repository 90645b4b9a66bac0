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

#: An article whose extraction takes longer than this (seconds) is skipped
#: with an error naming it, so a pathological text cannot stall a batch. A
#: long real article (200,000 characters of news) takes about 4 s.
MAX_EXTRACT_SECONDS: Final = 30.0

#: Articles ``ingest`` hands the store at a time. Each article is still its own
#: transaction (measured: Oxigraph writes no faster in bigger transactions),
#: so a batch only sets how often progress callbacks run...
INGEST_BATCH_SIZE: Final = 32
#: ... except with the bulk loader, where a batch is one load (measured: 1.9 ms
#: of CPU per article in batches of 64, 1.2 ms in batches of 1,024).
BULK_BATCH_SIZE: Final = 1024
#: Articles handed to a worker process at a time (``ingest --workers N``).
WORKER_CHUNK_SIZE: Final = 16
#: Chunks in flight per worker; bounds memory however large the input.
WORKER_PREFETCH: Final = 4
#: ``ingest`` flushes the store every this many articles (checked after each
#: batch). Without it RocksDB keeps every write in its log until the store is
#: closed (measured: 590 MB of log for 5,000 articles, 60 MB with a flush every
#: 250, at no cost in speed), and a reader opening the store replays that log
#: (15 s for 3,000 articles' worth).
FLUSH_EVERY_ARTICLES: Final = 250

#: Articles per N-Quads shard (one Dask task each) in ``citygraph.distributed``.
SHARD_SIZE: Final = 500
