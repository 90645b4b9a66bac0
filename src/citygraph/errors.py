"""The few exceptions citygraph raises on purpose.

The CLI turns each into one line on stderr and an exit code; anything else is a
bug and keeps its traceback.
"""

from __future__ import annotations


class CitygraphError(Exception):
    """Base of every error citygraph raises on purpose."""


class SourceError(CitygraphError):
    """An input file (or one line of it) cannot be read as an article.

    ``location`` names the file and, where it applies, the line, so the user
    can find the culprit: ``data/a.jsonl:12``.
    """

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


class StoreError(CitygraphError):
    """The store cannot be opened, read or written (locked, missing, corrupt)."""


class QueryError(CitygraphError):
    """A SPARQL query is malformed; the message is the parser's own."""


class ValidationError(CitygraphError):
    """The graph does not conform to the SHACL shapes."""
