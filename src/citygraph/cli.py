"""The ``citygraph`` command: a thin Typer layer over the library.

Each command parses its options, calls one library function and prints. Data
goes to stdout; messages and progress to stderr, so ``... --format json | jq``
works. Exit codes: 0 done, 1 input or data at fault (unreadable file, SHACL
violations, store in use), 2 bad command line or malformed query.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from citygraph import __version__
from citygraph.defaults import STORE_ENV
from citygraph.errors import CitygraphError, QueryError, StoreError

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
                 help="Store directory (embedded Oxigraph, default ./citygraph-store) "
                      "or an http(s):// SPARQL endpoint."),
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
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


#: Export formats that write the cooperation network (with measures) rather than RDF.
GRAPH_EXPORTS = {ExportFormat.graphml, ExportFormat.gexf, ExportFormat.csv}


class PlaceKindChoice(str, Enum):
    city = "city"
    regency = "regency"
    province = "province"
    country = "country"
    organisation = "organisation"


class StatusChoice(str, Enum):
    signed = "signed"
    planned = "planned"
    renewed = "renewed"


class Method(str, Enum):
    louvain = "louvain"
    leiden = "leiden"


class Backend(str, Enum):
    auto = "auto"
    igraph = "igraph"
    networkx = "networkx"


class SizeMeasure(str, Enum):
    pagerank = "pagerank"
    betweenness = "betweenness"
    eigenvector = "eigenvector"
    degree = "degree"
    weighted_degree = "weighted_degree"
    clustering = "clustering"
    agreements = "agreements"


class View(str, Enum):
    network = "network"
    bipartite = "bipartite"


class Layout(str, Enum):
    force = "force"
    geo = "geo"


# Filters shared by analyze, viz and export (network.Filters).
DomainOption = Annotated[list[str] | None, typer.Option("--domain", help="Only agreements in this domain code "
                                                        "(repeatable), e.g. tourism.")]
SinceOption = Annotated[int | None, typer.Option("--since", help="Only agreements dated in or after this year.")]
UntilOption = Annotated[int | None, typer.Option("--until", help="Only agreements dated in or before this year.")]
CountryOption = Annotated[list[str] | None, typer.Option("--country", help="Only agreements with a party in this "
                                                         "country, ISO alpha-2 (repeatable); partners abroad stay.")]
KindOption = Annotated[list[PlaceKindChoice] | None, typer.Option("--kind", help="Only places of this kind "
                                                                  "(repeatable); --kind city: city-to-city.")]
StatusOption = Annotated[list[StatusChoice] | None, typer.Option("--status", help="Only agreements with this "
                                                                 "status (repeatable).")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of community detection and betweenness sampling.")]


def _fail(error: Exception, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {_escape(str(error))}")
    return typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _filters(domain: list[str] | None, since: int | None, until: int | None, country: list[str] | None,
             kind: list[PlaceKindChoice] | None, status: list[StatusChoice] | None):  # noqa: ANN202
    from citygraph.network import Filters, NetworkError

    try:
        return Filters(domains=tuple(domain or ()), since=since, until=until, countries=tuple(country or ()),
                       kinds=tuple(k.value for k in kind or ()), statuses=tuple(s.value for s in status or ()))
    except NetworkError as e:  # contradictory filters: a bad command line
        raise _fail(e, 2) from e


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
    workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Extraction processes; one writer batches into the store.")] = 1,
    wait: Annotated[float, typer.Option("--wait", min=0,
                                        help="Seconds to wait for a store another process is writing.")] = 0.0,
    engine: Annotated[str, typer.Option("--engine", help="local, or dask: extraction on a Dask cluster.")]
    = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://host:8786); none starts a local cluster.")] = None,
    bulk: Annotated[bool, typer.Option("--bulk", help="Write new articles with the bulk loader: faster into an "
                                       "empty store; a reader may see half an article meanwhile.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Skip articles already in the store (re-running an "
                                         "interrupted import of the same input).")] = False,
    shards: Annotated[Path | None, typer.Option(
        "--shards", help="Folder for the N-Quads shards of --engine dask (default: next to the store).")] = None,
) -> None:
    """Read articles (.txt .html .jsonl .csv), extract cooperation and store it as RDF.

    Re-ingesting an article replaces its facts. Bad files are reported and
    skipped; the exit code is 1 if any input failed.
    """
    from citygraph.ingest import ingest as run_ingest
    from citygraph.sources import count_inputs
    from citygraph.store import open_store

    if engine not in ("local", "dask"):
        raise _fail(ValueError(f"unknown engine {engine!r}: use local or dask"), 2)
    total = count_inputs(paths)
    show = not quiet and err.is_terminal
    if engine == "dask":
        from citygraph.distributed import ingest_on_cluster
        from citygraph.store import resolve_location

        folder = shards or Path(f"{resolve_location(location)}-shards")
        try:
            with open_store(location, wait=wait) as store:
                summary = ingest_on_cluster(paths, store, folder, scheduler=scheduler, workers=max(workers, 2),
                                            bulk=bulk,
                                            lang=None if lang is Lang.auto else lang.value,
                                            on_error=lambda e: err.print(f"[yellow]skipped[/yellow] {_escape(str(e))}"))
                triples = store.triple_count()
        except CitygraphError as e:
            raise _fail(e) from e
        if not quiet:
            err.print("ingested " + ", ".join(f"{k} {v}" for k, v in {**summary.as_dict(), "triples": triples}.items()))
        if summary.errors:
            raise typer.Exit(1)
        return
    try:
        with open_store(location, wait=wait) as store, Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err, disable=not show, transient=True,
        ) as progress:
            task = progress.add_task("ingesting", total=total)

            def on_article(article, extraction) -> None:  # noqa: ANN001
                progress.advance(task)

            def on_error(error) -> None:  # noqa: ANN001
                progress.advance(task)
                err.print(f"[yellow]skipped[/yellow] {_escape(str(error))}")

            consolidating: list[Any] = []

            def on_consolidation(done: int, total: int) -> None:
                if not consolidating:
                    consolidating.append(progress.add_task("consolidating (party sets)", total=total))
                progress.update(consolidating[0], completed=done)

            summary = run_ingest(paths, store, lang=lang.value, on_article=on_article, on_error=on_error,
                                 workers=workers, bulk=bulk, resume=resume,
                                 on_skip=lambda article: progress.advance(task),
                                 on_consolidation=on_consolidation)
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
    example: Annotated[str | None, typer.Option(
        "--example", "-e", help="Run a competency query by name instead (see --list-examples).")] = None,
    list_examples: Annotated[bool, typer.Option(
        "--list-examples", help="List the competency queries (name and question) and exit.")] = False,
    bind: Annotated[list[str] | None, typer.Option(
        "--bind", help="NAME=VALUE for a variable the --example projects (repeatable); "
                       "an http(s):// value is an IRI, anything else a string.")] = None,
) -> None:
    """Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE over the store, or one of the competency queries.

    ``json`` is the standard SPARQL 1.1 Query Results JSON. Every format but
    the table is streamed as the store answers, so a large answer needs no
    memory of its size. A malformed query prints the parser's message and
    exits with 2. ``--example NAME`` runs ``queries/examples/NAME.rq``;
    ``--list-examples`` lists them.
    """
    from citygraph.examples import example_answer, parse_binding
    from citygraph.examples import list_examples as example_catalogue
    from citygraph.output import write_table
    from citygraph.sparql import query_result, read_query, write_results
    from citygraph.store import open_store

    if list_examples:
        catalogue = example_catalogue()
        if fmt is QueryFormat.json:
            typer.echo(json.dumps([{"name": e.name, "question": e.title, "description": e.description}
                                   for e in catalogue], ensure_ascii=False, indent=2))
        else:
            write_table(["name", "question"], [[e.name, e.title] for e in catalogue])
        return
    if (sparql is None) == (example is None):
        raise _fail(ValueError("give a query, a .rq file or --example NAME (not both)"), 2)
    if bind and example is None:
        raise _fail(ValueError("--bind goes with --example"), 2)
    try:
        bindings = dict(parse_binding(item) for item in bind or [])
        with open_store(location, read_only=True) as store:
            if example is not None:
                answer = example_answer(store, example, **bindings)
            else:
                answer = store.query(read_query(Path(sparql) if sparql.endswith((".rq", ".sparql")) else sparql))
            if fmt is QueryFormat.table:  # a table needs every row for its widths
                result = query_result(answer)
                write_table(result.variables, result.rows)
                return
            # any other format is streamed: an answer of millions of rows is never held in memory
            try:
                write_results(answer, fmt.value, sys.stdout.buffer)
            except ValueError as e:
                raise _fail(e, 2) from e
            except BrokenPipeError:  # "citygraph query ... | head": the reader has what it wanted
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, RuntimeError) as e:  # the store failed under the read, half the answer written
                raise _fail(StoreError(f"store {store.location}: {e}; the output is incomplete")) from e
    except QueryError as e:
        raise _fail(e, 2) from e
    except CitygraphError as e:
        raise _fail(e) from e


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
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="RDF serialisation, or graphml|gexf|csv for "
                                              "the cooperation network with its measures.")] = ExportFormat.trig,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout; csv: "
                                                "<stem>.nodes.csv and <stem>.edges.csv, -o needed).")] = None,
    domain: DomainOption = None, since: SinceOption = None, until: UntilOption = None,
    country: CountryOption = None, kind: KindOption = None, status: StatusOption = None,
    seed: SeedOption = 42,
) -> None:
    """Write the whole graph (turtle: the union; trig, nquads: one named graph per article), or the
    cooperation network as graphml, gexf or csv with every measure as an attribute (filters apply)."""
    from citygraph.store import open_store

    if fmt in GRAPH_EXPORTS:
        _export_network(location, fmt, output, _filters(domain, since, until, country, kind, status), seed)
        return
    if any((domain, since, until, country, kind, status)):
        raise _fail(ValueError("filters apply to graphml, gexf and csv exports only"), 2)
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


def _export_network(location: str | None, fmt: ExportFormat, output: Path | None, filters, seed: int) -> None:  # noqa: ANN001
    import tempfile

    from citygraph.analysis import export_network
    from citygraph.store import open_store

    if fmt is ExportFormat.csv and output is None:
        raise _fail(ValueError("csv writes two files (nodes, edges): give -o PATH"), 2)
    try:
        with open_store(location, read_only=True) as store:
            if output is not None:
                written = export_network(store, fmt.value, output, filters, seed=seed)
                err.print("wrote " + ", ".join(written))
                return
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / f"network.{fmt.value}"
                export_network(store, fmt.value, target, filters, seed=seed)
                sys.stdout.buffer.write(target.read_bytes())
                sys.stdout.flush()
    except CitygraphError as e:
        raise _fail(e) from e


@app.command()
def analyze(
    location: StoreOption = None,
    domain: DomainOption = None, since: SinceOption = None, until: UntilOption = None,
    country: CountryOption = None, kind: KindOption = None, status: StatusOption = None,
    method: Annotated[Method, typer.Option("--method", help="Community detection.")] = Method.louvain,
    seed: SeedOption = 42,
    resolution: Annotated[float, typer.Option("--resolution", help="Modularity resolution (larger: smaller "
                                              "communities).")] = 1.0,
    backend: Annotated[Backend, typer.Option("--backend", help="igraph (fast) or networkx (reference).")]
    = Backend.auto,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="How to print the summary.")] = ListFormat.table,
) -> None:
    """Measure the cooperation network (centralities, communities, domain profiles) and store the results.

    The results replace the analysis graph of the store: query them with SPARQL
    (vocabulary in ontology/analysis.ttl) or see them in `list cities --format json`.
    """
    from citygraph.analysis import analyze as run_analysis
    from citygraph.analysis import summarise
    from citygraph.output import write_table
    from citygraph.store import open_store

    try:
        filters = _filters(domain, since, until, country, kind, status)
        with open_store(location) as store:
            summary = summarise(run_analysis(store, filters, method=method.value, seed=seed, resolution=resolution,
                                             backend=backend.value))
    except CitygraphError as e:
        raise _fail(e) from e
    if fmt is ListFormat.json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    rows = summary["projections"]
    columns = list(rows[0]) if rows else ["projection"]
    shown = ["projection", "places", "edges", "agreements", "components", "diameter", "communities", "modularity"]
    if fmt is ListFormat.csv:
        from citygraph.output import write_rows

        write_rows(rows, "csv", columns=columns)
        return
    write_table(shown, [[str(r[c]) for c in shown] for r in rows], title="projections")
    write_table(["number", "name", "size", "agreements"],
                [[str(c["number"]), c["name"], str(c["size"]), str(c["agreements"])] for c in summary["communities"]],
                title="largest communities")
    err.print(f"analysed in {summary['seconds']} s with {summary['backend']}; results in the analysis graph")


@app.command()
def viz(
    location: StoreOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("network.html"),
    size: Annotated[SizeMeasure, typer.Option("--size", help="Measure that sizes the nodes.")] = SizeMeasure.pagerank,
    place: Annotated[str | None, typer.Option("--place", help="Only this place's neighbourhood (name, key or "
                                              "IRI).")] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Hops around --place.")] = 1,
    view: Annotated[View, typer.Option("--view", help="network, or bipartite: places and domains.")] = View.network,
    layout: Annotated[Layout, typer.Option("--layout", help="force, or geo: places at their coordinates.")]
    = Layout.force,
    title: Annotated[str | None, typer.Option("--title", help="Page title.")] = None,
    domain: DomainOption = None, since: SinceOption = None, until: UntilOption = None,
    country: CountryOption = None, kind: KindOption = None, status: StatusOption = None,
    seed: SeedOption = 42,
) -> None:
    """Write an interactive page of the cooperation network: one HTML file that works offline."""
    from citygraph.store import open_store
    from citygraph.viz import PageOptions, write_page

    try:
        filters = _filters(domain, since, until, country, kind, status)
        options = PageOptions(size=size.value, view=view.value, layout=layout.value, place=place, depth=depth,
                              title=title, seed=seed)
        with open_store(location, read_only=True) as store:
            counts = write_page(store, output, filters, options)
    except CitygraphError as e:
        raise _fail(e) from e
    err.print(f"wrote {output}: {counts['nodes']} nodes, {counts['edges']} edges, {counts['agreements']} agreements")


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
def consolidate(
    location: StoreOption = None,
    full: Annotated[bool, typer.Option(
        "--full", help="Rebuild the whole consolidation graph, not only the party sets left pending.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Finish the consolidation a killed ingest left pending, or rebuild it with --full.

    ``ingest`` consolidates what it touches by itself. Run this after an
    ingest was killed (the next ingest would also finish it), or with
    ``--full`` after articles were written or removed by other means.
    """
    from citygraph.consolidate import consolidate as rebuild
    from citygraph.consolidate import consolidate_pending
    from citygraph.store import open_store

    show = not quiet and err.is_terminal
    try:
        with open_store(location) as store, Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err, disable=not show, transient=True,
        ) as progress:
            task = progress.add_task("consolidating (party sets)", total=None)

            def on_progress(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            run = rebuild if full else consolidate_pending
            summary = run(store, on_progress=on_progress)
    except CitygraphError as e:
        raise _fail(e) from e
    if not quiet:
        err.print("consolidated " + ", ".join(f"{k} {v}" for k, v in summary.as_dict().items()))


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


@app.command()
def serve(
    location: StoreOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port to listen on.")] = 8000,
    allow_update: Annotated[bool, typer.Option(
        "--allow-update", help="Accept SPARQL updates and POST /ingest from clients sending the bearer token "
                               "in $CITYGRAPH_TOKEN (read-only without it).")] = False,
    time_limit: Annotated[float | None, typer.Option(
        "--time-limit", min=0.1, help="Seconds a query or page may take before it is stopped (default 30).")]
    = None,
    max_rows: Annotated[int | None, typer.Option(
        "--max-rows", min=1, help="Rows a query answer holds at most; a longer one is cut and says so in "
                                  "X-Result-Truncated (default 10000).")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Query workers (default: the CPU count, at least 2).")] = None,
    refresh: Annotated[float | None, typer.Option(
        "--refresh", min=0, help="Read-only: reopen the store at most this often (seconds) to see other "
                                 "processes' ingests; 0 never (default 60).")] = None,
) -> None:
    """Serve the store: a SPARQL 1.1 endpoint at /sparql and web pages (overview, network, agreements, places,
    query editor), read-only unless --allow-update.

    Every request leaves one JSON line on stderr (the access log). Stop with Ctrl-C.
    """
    import logging
    import os

    import uvicorn

    from citygraph import web
    from citygraph.store import MEMORY, resolve_location

    where = resolve_location(location)
    if allow_update and not os.environ.get(web.TOKEN_ENV):
        raise _fail(ValueError(f"--allow-update needs a bearer token: set {web.TOKEN_ENV}"), 2)
    if (not allow_update and where != MEMORY and not where.startswith(("http://", "https://"))
            and not Path(where).is_dir()):
        raise _fail(FileNotFoundError(f"no store at {where}; ingest something first"))
    settings = {k: v for k, v in {"time_limit": time_limit, "max_rows": max_rows, "workers": workers,
                                  "refresh": refresh}.items() if v is not None}
    try:
        application = web.create_app(where, allow_update=allow_update, **settings)
    except ValueError as e:
        raise _fail(e, 2) from e
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name, level in (("citygraph.access", logging.INFO), ("citygraph", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
    # On Ctrl-C, requests still waiting for a query get 5 s before they are cancelled (their workers killed).
    server = uvicorn.Server(uvicorn.Config(application, host=host, port=port, access_log=False, log_level="info",
                                           lifespan="on", server_header=False, timeout_graceful_shutdown=5))
    server.run()
    if not server.started:
        problem = getattr(application.state, "startup_error", None)
        raise _fail(problem or RuntimeError(f"the server did not start on {host}:{port}"))


import_app = typer.Typer(
    help="Add structured reference data (sister-city lists) to the graph, linked to the same places.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@import_app.command("sister-cities")
def import_sister_cities_cmd(
    path: Annotated[Path, typer.Argument(help="CSV file with the columns of ../shared/data/sister_cities_id.csv "
                                              "(id_label, id_code, partner_label, partner_country, ...).")],
    location: StoreOption = None,
    licence: Annotated[str, typer.Option("--licence", help="IRI of the file's licence.")]
    = "https://creativecommons.org/publicdomain/zero/1.0/",
    name: Annotated[str | None, typer.Option("--name", help="Name of the import, default sister-cities-<file "
                                                            "stem>; importing under one name again replaces it.")]
    = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Import sister-city ties from a CSV file into a named graph of their own, with their provenance.

    The places get the IRIs the extractor mints (Kemendagri code, GeoNames id,
    ISO 3166-2), so the ties join the news in SPARQL (query --example
    reference_ties_not_in_news). Re-importing replaces the file's ties. A bad
    file is refused whole: one line per problem, exit 1.
    """
    from citygraph.reference import ReferenceDataError, import_sister_cities
    from citygraph.store import open_store

    try:
        with open_store(location) as store:
            summary = import_sister_cities(store, path, name=name, licence=licence)
    except ReferenceDataError as e:
        for problem in e.problems:
            err.print(f"[red]error:[/red] {_escape(problem)}")
        raise typer.Exit(1) from e
    except CitygraphError as e:
        raise _fail(e) from e
    for note in summary.notes:
        err.print(f"[yellow]note[/yellow] {_escape(note)}")
    if not quiet:
        counts = {k: v for k, v in summary.as_dict().items() if k not in ("source", "graph")}
        err.print(f"imported {summary.source}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
                  + f" into {summary.graph}")


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
