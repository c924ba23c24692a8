"""The ``kg`` command: option parsing and printing over the :mod:`kg` library.

Exit codes: 0 success, 1 failure (bad inputs, violations, store errors),
2 usage errors (unknown query, bad parameter, bad option). Errors are one line
on stderr; a user's mistake never shows a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.endpoint import GRAPH_STORE_ENV, UPDATE_ENV, is_endpoint, server_for
from kg.errors import KGError, UsageError, printable
from kg.namespaces import STORE_ENV, default_model, default_store
from kg.stdout import emit, write_stdout

FORMAT_CHOICES = click.Choice(["table", "csv", "tsv", "json"], case_sensitive=False)


class _Group(click.Group):
    """Turns library errors into one-line click errors with the right exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as err:
            exc = click.ClickException(printable(str(err)))
            exc.exit_code = err.exit_code
            raise exc from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_path",
    envvar=STORE_ENV,
    help=f"Store directory, or a SPARQL endpoint URL (env {STORE_ENV}; default ./kg-store).",
)
@click.option(
    "--update-url",
    envvar=UPDATE_ENV,
    help=f"A SPARQL server's update endpoint, if not derived (env {UPDATE_ENV}).",
)
@click.option(
    "--graph-store-url",
    envvar=GRAPH_STORE_ENV,
    help="With a SPARQL server as the store: its Graph Store endpoint, if not derived "
    f"(env {GRAPH_STORE_ENV}).",
)
@click.version_option(package_name="powkg")
@click.pass_context
def cli(
    ctx: click.Context,
    store_path: str | None,
    update_url: str | None,
    graph_store_url: str | None,
) -> None:
    """powkg: prisoner-exchange news -> an RDF knowledge graph you can query with SPARQL."""
    if store_path and is_endpoint(store_path):
        try:
            ctx.obj = server_for(store_path, update_url, graph_store_url)
        except KGError as err:
            raise click.UsageError(printable(str(err))) from None
    else:
        ctx.obj = Path(store_path) if store_path else default_store()


def _open(ctx: click.Context, *, read_only: bool = True, create: bool = False):
    from kg.store import open_store

    return open_store(ctx.obj, read_only=read_only, create=create)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--model", default=None, help="Installed spaCy pipeline (env KG_MODEL).")
@click.option(
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Worker processes for parsing.",
)
@click.option("--offline", is_flag=True, help="Fetch nothing: URLs and feed items are skipped.")
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[str, ...], model: str | None, jobs: int, offline: bool
) -> None:
    """Extract facts from files, folders, URLs, feeds and WARC crawls; one graph per article.

    PATHS are .txt/.md, .jsonl, .html, .rss/.atom/.xml feeds, .warc(.gz) crawls, folders,
    or http(s) URLs (a page or a feed). Idempotent: unchanged articles are skipped; a
    changed article replaces its own graph.
    """
    from kg.inputs import Inputs
    from kg.web.fetch import Fetcher

    inputs = Inputs(list(paths), Fetcher(offline=offline))
    with _open(ctx, read_only=False, create=True) as store:
        report = _ingest_with_progress(inputs, store, model or default_model(), jobs)
    for problem in report.problems:
        click.echo(f"error: {printable(str(problem))}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    rebuilt = f" ({report.reextracted} re-extracted: newer extractor)" if report.reextracted else ""
    emit(
        f"{report.articles} articles: {report.added} added, {report.replaced} replaced{rebuilt}, "
        f"{report.unchanged} unchanged; {len(report.problems)} not ingested"
    )
    if report.problems:
        ctx.exit(1)


def _ingest_with_progress(inputs, store, model: str, jobs: int):
    """Extract and store with a progress bar on stderr (stdout stays the summary).

    The bar counts input bytes: the local files' sizes are known at the start,
    fetched pages add theirs as they arrive.
    """
    from kg.extract import Extractor
    from kg.ingest import ingest as run

    extractor = Extractor(model)
    with click.progressbar(length=inputs.total, label="ingesting", file=sys.stderr) as bar:

        def advance(_item) -> None:
            bar.length = max(inputs.total, 1)
            bar.update(inputs.done - bar.pos)

        return run(inputs, store, extractor, jobs=jobs, model=model, on_article=advance)


def _bounds_options(func):
    """--timeout, --max-memory and --allow-service: how far a query may go (kg.bounded)."""
    from kg.bounded import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

    options = [
        click.option(
            "--timeout",
            default=DEFAULT_TIMEOUT,
            show_default=True,
            type=click.FloatRange(min=0),
            help="Stop a query after this many seconds (0: never).",
        ),
        click.option(
            "--max-memory",
            default=DEFAULT_MEMORY_MB,
            show_default=True,
            type=click.IntRange(min=0),
            help="Memory a query may use, in MB (0: no limit).",
        ),
        click.option(
            "--allow-service",
            "allow_service",
            multiple=True,
            metavar="HOST",
            help="Let SERVICE call this host (repeatable); refused otherwise.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _limits(timeout: float, max_memory: int):
    from kg.bounded import Limits

    return Limits(timeout=timeout or None, memory_mb=max_memory or None)


def _hosts(allow_service: tuple[str, ...]) -> frozenset[str]:
    return frozenset(host.lower() for host in allow_service)


def _format_option(func):
    return click.option(
        "--format",
        "-f",
        "fmt",
        default="table",
        show_default=True,
        help="table, csv, tsv or json for SELECT/ASK; any RDF format for CONSTRUCT/DESCRIBE.",
    )(func)


@cli.command()
@click.argument("name", required=False)
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A parameter (repeatable)."
)
@click.option("--list", "list_", is_flag=True, help="Describe the saved queries and parameters.")
@click.option(
    "--queries",
    "directory",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of .rq files to use instead of the shipped queries/.",
)
@_format_option
@_bounds_options
@click.pass_context
def query(
    ctx: click.Context,
    name: str | None,
    params: tuple[str, ...],
    list_: bool,
    directory: Path | None,
    fmt: str,
    timeout: float,
    max_memory: int,
    allow_service: tuple[str, ...],
) -> None:
    """Run the saved query NAME from queries/ (see --list); parameters are typed RDF terms."""
    from kg import queries
    from kg.namespaces import QUERIES_DIR
    from kg.output import render

    directory = directory or QUERIES_DIR
    if list_ or not name:
        chosen = [queries.get(name, directory)] if name else queries.load_all(directory).values()
        emit(_describe_queries(chosen), nl=False)
        return
    saved = queries.get(name, directory)
    values = queries.parse_assignments(params)
    limits, hosts = _limits(timeout, max_memory), _hosts(allow_service)
    with _open(ctx) as store:
        result = queries.run(saved, values, store, limits=limits, allowed_services=hosts)
    emit(render(result, fmt), nl=False)


def _describe_queries(saved) -> str:
    import textwrap

    lines = []
    for q in saved:
        lines.append(q.name)
        lines.append(textwrap.fill(q.summary, 79, initial_indent="    ", subsequent_indent="    "))
        lines.extend(
            textwrap.fill(
                f"--param {p.describe()}", 79, initial_indent="    ", subsequent_indent="        "
            )
            for p in q.params
        )
    return "\n".join(lines) + "\n"


@cli.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.File("r", encoding="utf-8"), help="Read the query.")
@_format_option
@_bounds_options
@click.pass_context
def sparql(
    ctx: click.Context,
    text: str | None,
    file,
    fmt: str,
    timeout: float,
    max_memory: int,
    allow_service: tuple[str, ...],
) -> None:
    """Run an ad-hoc SPARQL query over every statement, once each (GRAPH ?g: per article).

    The query runs in its own process, stopped at --timeout or --max-memory.
    """
    if bool(text) == bool(file):
        raise click.UsageError("give the query as an argument or with --file, not both")
    from kg import bounded
    from kg.namespaces import PREFIXES
    from kg.output import from_result, render

    result = bounded.run(
        ctx.obj,
        text or file.read(),
        prefixes=PREFIXES,
        limits=_limits(timeout, max_memory),
        allowed_services=_hosts(allow_service),
    )
    emit(render(from_result(result), fmt), nl=False)


@cli.command()
@click.option(
    "--format",
    "-f",
    "fmt",
    default="trig",
    show_default=True,
    help="turtle, trig, nquads, ntriples, jsonld (or rdfxml).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file, whole or not at all (default: stdout).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Also write into a device or FIFO, through a symbolic link, or over a read-only file.",
)
@click.pass_context
def dump(ctx: click.Context, fmt: str, output: Path | None, force: bool) -> None:
    """Write the whole graph for sharing as linked data (TriG keeps the article graphs)."""
    from kg.files import write_whole
    from kg.output import dump_store, rdf_format_name

    rdf_format_name(fmt)
    with _open(ctx) as store:
        if output is None:
            write_stdout(lambda out: dump_store(store, fmt, out))
            return
        with write_whole(output, force=force) as handle:
            dump_store(store, fmt, handle)


@cli.command()
@click.pass_context
def stats(ctx: click.Context) -> None:
    """Count articles, quads, distinct triples and each kind of fact in the store."""
    from kg.stats import counts

    with _open(ctx) as store:
        table = "".join(f"{name:<14}{value:>8}\n" for name, value in counts(store).items())
    emit(table, nl=False)


@cli.command()
@click.argument("article")
@click.pass_context
def remove(ctx: click.Context, article: str) -> None:
    """Drop one article (by IRI, URL or file name) and only what it asserted."""
    from kg.ingest import remove as run

    with _open(ctx, read_only=False) as store:
        iri = run(store, article)
    if iri is None:
        raise KGError(f"no article {article!r} in {ctx.obj}")
    emit(f"removed {iri}")


@cli.command()
@click.argument("article")
@click.pass_context
def text(ctx: click.Context, article: str) -> None:
    """Print ARTICLE's text exactly as analysed (by IRI, URL or file name).

    Evidence offsets (oa:start, oa:end) index this text.
    """
    from kg.ingest import article_text

    with _open(ctx) as store:
        found = article_text(store, article)
    if found is None:
        raise KGError(f"no article {article!r} in {ctx.obj}")
    emit(found, nl=False)


@cli.command()
@click.argument("dumps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def merge(ctx: click.Context, dumps: tuple[Path, ...]) -> None:
    """Merge the article graphs of other powkg stores' TriG/N-Quads dumps, whole ones only.

    Each graph is checked against the size and text hash its dump records; one that is
    partial or not an article graph is refused. The rest go in in one transaction.
    """
    from kg.merge import merge_dumps

    with _open(ctx, read_only=False) as store:
        report = merge_dumps(store, dumps)
    for problem in report.problems:
        click.echo(f"error: {printable(str(problem))}", err=True)
    emit(
        f"{report.merged} article graphs merged, {report.unchanged} unchanged; "
        f"{len(report.problems)} refused"
    )
    if report.problems:
        ctx.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the shards and the manifest (a rerun skips shards already there).",
)
@click.option(
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Local Dask worker processes.",
)
@click.option("--scheduler", metavar="ADDRESS", help="A Dask scheduler (tcp://host:8786).")
@click.option(
    "--shard-size",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="Articles per shard (one Dask task each).",
)
@click.option("--model", default=None, help="Installed spaCy pipeline (env KG_MODEL).")
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[str, ...],
    out: Path,
    jobs: int,
    scheduler: str | None,
    shard_size: int,
    model: str | None,
) -> None:
    """Run only the language work, on Dask workers, into N-Quads shards for 'kg load'."""
    from kg.shards import extract as run

    with click.progressbar(length=1, label="extracting", file=sys.stderr) as bar:

        def start(total: int) -> None:
            bar.length = max(total, 1)

        report = run(
            list(paths),
            out,
            jobs=jobs,
            scheduler=scheduler,
            model=model,
            partition_size=shard_size,
            on_shard=lambda _name: bar.update(1),
            on_start=start,
        )
    for problem in report.problems:
        click.echo(f"error: {printable(str(problem))}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    emit(
        f"{report.articles} articles in {report.shards} shards: {report.extracted} extracted, "
        f"{report.skipped} already done; {len(report.problems)} not extracted"
    )
    if report.problems:
        ctx.exit(1)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def load(ctx: click.Context, directory: Path) -> None:
    """Load the shards 'kg extract' wrote into the store, then link articles once."""
    from kg.shards import load as run

    with _open(ctx, read_only=False, create=True) as store:
        report = run(store, directory)
    for problem in report.problems:
        click.echo(f"error: {printable(str(problem))}", err=True)
    emit(
        f"{report.loaded} article graphs loaded, {report.unchanged} unchanged; "
        f"{len(report.problems)} refused"
    )
    if report.problems:
        ctx.exit(1)


@cli.command()
@click.pass_context
def validate(ctx: click.Context) -> None:
    """Check the store against the ontology's SHACL shapes, and its merged view; exit 1 on any
    violation."""
    from kg.validate import validate_triples

    with _open(ctx) as store:
        stale = _stale_view(store)
        report = validate_triples(_every_triple(store))
    lines = [f"{v.severity}: {v.focus_node} {v.path or ''}: {v.message}" for v in report.violations]
    lines += [stale] if stale else []
    lines.append("conforms" if report.conforms else f"{len(report.violations)} violations")
    emit("\n".join(lines))
    if stale or not report.conforms:
        ctx.exit(1)


@cli.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check that the merged view holds exactly what the article graphs state; exit 1 if not."""
    with _open(ctx) as store:
        stale = _stale_view(store)
        size = store.merged_size()
    emit(stale or f"merged view: right ({size} triples)")
    if stale:
        ctx.exit(1)


def _every_triple(store):
    """The merged view and the named graphs' triples: a stale view is validated too."""
    seen = set(store.merged_triples())
    seen.update(quad.triple for quad in store.named_quads())
    return seen


def _stale_view(store) -> str | None:
    extra, missing = store.merged_view_drift()
    if not extra and not missing:
        return None
    return (
        f"merged view: stale ({extra} triples no graph states, {missing} missing); run 'kg repair'"
    )


@cli.command()
@click.pass_context
def repair(ctx: click.Context) -> None:
    """Rebuild the merged view (and the derived links and stories graphs) from the article
    graphs, in one go."""
    from kg.link import relink
    from kg.syndication import restory

    with _open(ctx, read_only=False) as store:
        extra, missing = store.merged_view_drift()
        store.rebuild_merged_view()
        relink(store)
        restory(store)
        size = store.merged_size()
    emit(f"merged view rebuilt: {size} triples ({extra} dropped, {missing} added)")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--writable", is_flag=True, help="Also accept SPARQL UPDATE at /update.")
@click.option(
    "--cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let pages from this origin (https://host[:port]) call the server (repeatable).",
)
@_bounds_options
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    writable: bool,
    cors: tuple[str, ...],
    timeout: float,
    max_memory: int,
    allow_service: tuple[str, ...],
) -> None:
    """Serve the store: a workbench at /, saved queries at /api/NAME, SPARQL at /query.

    The workbench lists the saved queries as forms, draws a timeline and shows the
    sentence behind every fact; /sparql is the SPARQL editor. Ctrl-C stops.

    Read-only unless --writable; queries see every statement once (GRAPH ?g: per
    article), and each update keeps that merged view right as it is applied. Only
    this server's own pages (and --cors origins) may call it.
    """
    from kg.serve import Options
    from kg.serve import serve as run

    if not isinstance(ctx.obj, Path):
        raise UsageError(f"{ctx.obj} is a SPARQL server already; kg serve serves a store directory")

    options = Options(
        host=host,
        port=port,
        writable=writable,
        timeout=timeout or None,
        memory_mb=max_memory or None,
        cors=cors,
        allowed_services=_hosts(allow_service),
    )
    mode = "read-write" if writable else "read-only"
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}"

    def ready() -> None:
        emit(printable(f"serving {ctx.obj} ({mode}) at {url}/  (SPARQL endpoint: {url}/query)"))

    def notice(message: str) -> None:
        click.echo(f"warning: {printable(message)}", err=True)

    run(ctx.obj, options, on_ready=ready, on_notice=notice)
    click.echo("stopped", err=True)


def main() -> None:
    cli(prog_name="kg")
