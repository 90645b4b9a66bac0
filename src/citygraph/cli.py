"""The ``citygraph`` command: a thin Typer layer over the library.

Each command parses its options, calls one library function and prints. Data
goes to stdout; messages and progress to stderr, so ``... --format json | jq``
works. Exit codes: 0 done, 1 input or data at fault (unreadable file, SHACL
violations, store in use), 2 bad command line or malformed query.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from citygraph import __version__
from citygraph.defaults import STORE_ENV
from citygraph.errors import CitygraphError, QueryError

app = typer.Typer(
    name="citygraph",
    help="Turn news about cooperation between cities into a knowledge graph you can query.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", envvar=STORE_ENV, show_envvar=True,
                 help="Store directory (embedded Oxigraph), default ./citygraph-store."),
]


class Lang(str, Enum):
    id = "id"
    en = "en"
    auto = "auto"


class Kind(str, Enum):
    agreements = "agreements"
    people = "people"
    forums = "forums"
    cities = "cities"


class ListFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"


def _fail(error: Exception, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {_escape(str(error))}")
    return typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"citygraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn news about cooperation between cities into a knowledge graph you can query."""


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive); - reads stdin.")],
    location: StoreOption = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Article language, or auto to detect it.")] = Lang.auto,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Read articles (.txt .html .jsonl .csv), extract cooperation and store it as RDF.

    Re-ingesting an article replaces its facts. Bad files are reported and
    skipped; the exit code is 1 if any input failed.
    """
    from citygraph.ingest import ingest as run_ingest
    from citygraph.sources import count_inputs
    from citygraph.store import open_store

    total = count_inputs(paths)
    show = not quiet and err.is_terminal
    try:
        with open_store(location) as store, Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err, disable=not show, transient=True,
        ) as progress:
            task = progress.add_task("ingesting", total=total)

            def on_article(article, extraction) -> None:  # noqa: ANN001
                progress.advance(task)

            def on_error(error) -> None:  # noqa: ANN001
                progress.advance(task)
                err.print(f"[yellow]skipped[/yellow] {_escape(str(error))}")

            summary = run_ingest(paths, store, lang=lang.value, on_article=on_article, on_error=on_error)
            triples = store.triple_count()
    except CitygraphError as e:
        raise _fail(e) from e
    if not quiet:
        counts = summary.as_dict()
        counts["triples"] = triples
        err.print("ingested " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query, or a .rq file.")] = None,
    location: StoreOption = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = QueryFormat.table,
) -> None:
    """Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE over the store.

    ``json`` is the standard SPARQL 1.1 Query Results JSON. A malformed query
    prints the parser's message and exits with 2.
    """
    from citygraph.output import write_table
    from citygraph.sparql import run_query
    from citygraph.store import open_store

    if sparql is None:
        raise _fail(ValueError("give a query or a .rq file"), 2)
    try:
        with open_store(location, read_only=True) as store:
            result = run_query(store, Path(sparql) if sparql.endswith((".rq", ".sparql")) else sparql)
    except QueryError as e:
        raise _fail(e, 2) from e
    except CitygraphError as e:
        raise _fail(e) from e
    if fmt is QueryFormat.table:
        write_table(result.variables, result.rows)
        return
    try:
        data = result.serialize(fmt.value)
    except ValueError as e:
        raise _fail(e, 2) from e
    sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
    sys.stdout.flush()


@app.command("list")
def list_cmd(
    kind: Annotated[Kind, typer.Argument(help="What to list.")],
    location: StoreOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    unlinked: Annotated[bool, typer.Option("--unlinked", help="Cities only: places the gazetteer did not know.")]
    = False,
) -> None:
    """List agreements, people, forums or cities, each row with its sources."""
    from citygraph.listing import list_rows
    from citygraph.output import TABLE_COLUMNS, write_rows
    from citygraph.store import open_store

    try:
        with open_store(location, read_only=True) as store:
            rows = list_rows(store, kind.value, unlinked_only=unlinked)
    except CitygraphError as e:
        raise _fail(e) from e
    write_rows(rows, fmt.value, columns=TABLE_COLUMNS[kind.value] if fmt is not ListFormat.json else None)


@app.command()
def export(
    location: StoreOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="RDF serialisation.")] = ExportFormat.trig,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
) -> None:
    """Write the whole graph (turtle: the union; trig, nquads: one named graph per article)."""
    from citygraph.store import open_store

    try:
        with open_store(location, read_only=True) as store:
            if output is None:
                store.export(fmt.value, sys.stdout.buffer)
                sys.stdout.flush()
            else:
                with output.open("wb") as handle:
                    store.export(fmt.value, handle)
                err.print(f"wrote {output}")
    except CitygraphError as e:
        raise _fail(e) from e


@app.command()
def validate(location: StoreOption = None) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl; exit 1 on any violation."""
    from citygraph.store import open_store
    from citygraph.validate import validate_store

    try:
        with open_store(location, read_only=True) as store:
            report = validate_store(store)
    except CitygraphError as e:
        raise _fail(e) from e
    for line in report.violations:
        typer.echo(line)
    if report.conforms:
        err.print("conforms: 0 violations")
        return
    err.print(f"[red]{len(report.violations)} violations[/red]")
    raise typer.Exit(1)


@app.command()
def stats(
    location: StoreOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """Count articles, agreements, places, people, forums and triples."""
    from citygraph.listing import stats as store_stats
    from citygraph.output import write_table
    from citygraph.store import open_store

    try:
        with open_store(location, read_only=True) as store:
            counts = store_stats(store)
    except CitygraphError as e:
        raise _fail(e) from e
    if fmt is ListFormat.json:
        typer.echo(json.dumps(counts))
    elif fmt is ListFormat.csv:
        typer.echo("what,count")
        for key, value in counts.items():
            typer.echo(f"{key},{value}")
    else:
        write_table(["what", "count"], [[k, str(v)] for k, v in counts.items()])


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
