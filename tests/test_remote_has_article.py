"""RemoteStore.has_article against a real ``oxigraph serve`` on 127.0.0.1 (no mocks).

The same answers as the embedded store's :meth:`citygraph.store.Store.has_article`,
for plain ids and for ids full of SPARQL and IRI syntax (quotes, ``>``,
backslashes, newlines, braces): the id reaches the server only as a bound
graph IRI, never as query text. The server comes from tests/test_remote.py's
helpers (skipped, or failed on CI, without the ``oxigraph`` binary).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import URIRef

from citygraph.remote import RemoteStore, open_remote
from citygraph.store import Store, open_store
from test_remote import start_oxigraph, stop

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ARTICLE = "https://w3id.org/citygraph/ontology#Article"

#: Ids that are stored, each with syntax a query built by pasting would trip on.
STORED = [
    "plain-001",
    'say "hi"',
    "it's",
    "a>b",
    "back\\slash",
    "two\nlines",
    "crlf\r\nend",
    'all "of\' > \\ \n them',
    "x> } } ASK { ?s ?p ?o",
    '"> } #',
    "Kota Bandung–Mihara ✓",
]
#: Ids that are not stored, each close to a stored one (a prefix, an escaped form, a different quote).
ABSENT = [
    "plain-002",
    "plain",
    'say "hi',
    "say 'hi'",
    "it\\'s",
    "a",
    "a%3Eb",
    "a\\>b",
    "back\\\\slash",
    "backslash",
    "two\\nlines",
    "two\n",
    "twolines",
    "crlf\nend",
    "x>",
    "",
]


def _triples(article_id: str) -> list[tuple[URIRef, URIRef, URIRef]]:
    """One triple: enough for the article's graph to exist."""
    return [(URIRef(f"urn:test:article:{len(article_id)}"), URIRef(_TYPE), URIRef(_ARTICLE))]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph-has-article") / "db")
    try:
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def stores(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RemoteStore, Store]]:
    """The remote store and an embedded one, both holding the graphs of STORED."""
    location = str(tmp_path_factory.mktemp("embedded-has-article") / "store")
    with open_remote(server) as remote, open_store(location) as local:
        for store in (remote, local):
            counts = store.write_articles((i, _triples(i)) for i in STORED)
            assert counts.added == len(STORED)
        yield remote, local


def test_true_for_stored_ids(stores: tuple[RemoteStore, Store]) -> None:
    remote, local = stores
    for article_id in STORED:
        assert remote.has_article(article_id) is True, repr(article_id)
        assert local.has_article(article_id) is True, repr(article_id)


def test_false_for_absent_ids(stores: tuple[RemoteStore, Store]) -> None:
    remote, local = stores
    assert not set(ABSENT) & set(STORED)
    for article_id in ABSENT:
        assert remote.has_article(article_id) is False, repr(article_id)
        assert local.has_article(article_id) is False, repr(article_id)


def test_agrees_with_article_ids(stores: tuple[RemoteStore, Store]) -> None:
    """Every id the store lists is one it has, and the odd ids come back as they were given."""
    remote, local = stores
    listed = remote.article_ids()
    assert listed == local.article_ids() and set(STORED) <= set(listed)
    assert all(remote.has_article(i) for i in listed)


def test_follows_writes_and_removals(server: str) -> None:
    with open_remote(server) as store:
        article_id = 'gone "soon" > \\ \n'
        assert store.has_article(article_id) is False
        store.write_articles([(article_id, _triples(article_id))])
        assert store.has_article(article_id) is True
        store.remove_article(article_id)
        assert store.has_article(article_id) is False


def test_read_only_store_answers(server: str, stores: tuple[RemoteStore, Store]) -> None:
    with RemoteStore(server, read_only=True) as store:
        assert store.has_article(STORED[1]) is True
        assert store.has_article(ABSENT[0]) is False

