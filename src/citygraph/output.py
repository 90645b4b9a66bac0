"""One writer for every listing: a rich table, CSV or JSON on stdout.

Nested values (parties, sources) are kept whole in JSON, the contract other
tools read; in a table or CSV they are flattened to readable text.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

#: Columns shown in a table per listing (JSON always has every field).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "agreements": ("parties", "instrument", "sister_city", "status", "date", "forum", "domains",
                   "signatories", "sources"),
    "people": ("name", "role", "of", "acting", "sources"),
    "forums": ("name", "city", "sources"),
    "cities": ("name", "kind", "country", "linked", "geonames", "wikidata", "kemendagri", "agreements"),
}


def flatten(value: Any) -> str:
    """A cell's text: lists joined with "; ", places and sources by name or article."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        for key in ("name", "article"):
            if key in value:
                return str(value[key])
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        seen: list[str] = []
        for item in value:
            text = flatten(item)
            if text not in seen:
                seen.append(text)
        return "; ".join(seen)
    return str(value)


def write_rows(rows: list[dict[str, Any]], fmt: str, *, columns: Sequence[str] | None = None,
               stream: TextIO | None = None) -> None:
    """Write ``rows`` as ``table``, ``csv`` or ``json`` to ``stream`` (stdout)."""
    out = stream or sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([flatten(row.get(c)) for c in cols])
        out.write(buffer.getvalue())
        return
    if fmt == "table":
        write_table(cols, [[flatten(row.get(c)) for c in cols] for row in rows], stream=out)
        return
    raise ValueError(f"unknown format {fmt!r}")


def write_table(columns: Sequence[str], rows: Sequence[Sequence[str | None]], *, stream: TextIO | None = None,
                title: str | None = None) -> None:
    """A rich table; plain text when stdout is not a terminal."""
    console = Console(file=stream or sys.stdout, soft_wrap=False, width=200 if stream else None)
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(str(column), overflow="fold")
    for row in rows:
        # Text, not str: article text such as "[bold]" must never be read as rich markup
        table.add_row(*[Text("" if cell is None else str(cell)) for cell in row])
    console.print(table)
