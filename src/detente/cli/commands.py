"""The commands. Heavy imports (spaCy, DuckDB) happen inside them so `--help` stays fast."""

from __future__ import annotations

import datetime
import json
import shlex
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any, Protocol, TextIO

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
)
from rich.table import Table
from rich.text import Text

from detente.cli import (
    EXIT_INTERRUPTED,
    app,
    err_console,
    eval_app,
    failure_exit_code,
    print_error,
)
from detente.cli.export import export
from detente.cli.info import info
from detente.cli.options import (
    AllowPrivateOption,
    DbOption,
    DictionaryOption,
    JsonOption,
    check_dictionaries,
)
from detente.cli.query import query_app
from detente.cli.serve import serve
from detente.dates import check_published
from detente.errors import DetenteError, Errors, StoreError
from detente.records import IngestFailure, RawDocument, Result
from detente.scale import PipelineOptions
from detente.settings import Settings

if TYPE_CHECKING:
    from detente.recode import RecodeBatch
    from detente.store import Store, StoreStats
    from detente.store.base import Outcome

console = Console()

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (recursive), http(s) URLs or - for stdin; .gz is read."
    ),
]
RawOption = Annotated[
    bool, typer.Option("--raw", help="Keep the input text byte-for-byte as the body (no cleaning).")
]


def _valid_published(value: str | None) -> str | None:
    try:
        return check_published(value)
    except DetenteError as exc:
        raise typer.BadParameter(str(exc)) from None


PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date YYYY-MM-DD for all inputs (relative dates resolve against it).",
        metavar="DATE",
        callback=_valid_published,
    ),
]
DateFromNameOption = Annotated[
    bool,
    typer.Option(
        "--date-from-name",
        help="Take a publication date written in the file name (wash-post_2016-01-20_….txt) "
        "when the document gives none.",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Run on a local Dask cluster of N worker processes (default: a local process pool "
        "sized to the usable cores, or this process for one core or one batch).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Run on an existing Dask cluster.", metavar="tcp://HOST:PORT"),
]


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


@app.command()
def extract(
    paths: Paths,
    raw: RawOption = False,
    published: PublishedOption = None,
    date_from_name: DateFromNameOption = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            help="json: one indented object for one document, an array for several; "
            "jsonl: one object per line.",
        ),
    ] = OutputFormat.json,
    dictionary: DictionaryOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Print the output contract (docs/CONTRACT.md) for each document, in input order."""
    from detente.ingest import iter_documents

    settings = Settings.from_env()
    options = _options(settings, raw, published, dictionary, date_from_name=date_from_name)
    items = iter_documents(paths, settings, allow_private=allow_private)
    with _running(options, items, workers, scheduler, ordered=True) as batches:
        results = (result for batch in batches for result in batch)
        failed = 0
        out = sys.stdout
        if output_format is OutputFormat.jsonl:
            for result in results:
                failed += not result.ok
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            failed = _write_json(results, out)
        out.flush()
    raise typer.Exit(failure_exit_code(failed))


def _options(
    settings: Settings,
    raw: bool,
    published: str | None,
    dictionaries: list[Path] | None,
    *,
    date_from_name: bool = False,
) -> PipelineOptions:
    """What every worker builds its Pipeline from. The user's dictionaries are read here first,
    once, so that a bad one stops the run (E43x/E44x) before any worker starts."""
    check_dictionaries(dictionaries)
    return PipelineOptions(
        settings,
        keep_raw=raw,
        published=published,
        date_from_name=date_from_name,
        dictionaries=tuple(str(path) for path in dictionaries or ()),
    )


@contextmanager
def _running(
    options: PipelineOptions,
    items: Iterable[RawDocument | IngestFailure],
    workers: int | None,
    scheduler: str | None,
    *,
    ordered: bool,
) -> Iterator[Iterator[list[Result]]]:
    """Results batch by batch from the runner the options call for; workers stop on exit."""
    from detente.scale import batched, choose_runner

    runner, batches = choose_runner(
        options,
        batched(items, options.settings.batch_size),
        workers=workers,
        scheduler=scheduler,
        ordered=ordered,
    )
    try:
        yield runner.run(batches)
    finally:
        runner.close()


def _write_json(results: Iterator[Result], out: TextIO) -> int:
    """One object for a single document, else a JSON array, streamed one document at a time."""
    write = out.write
    first = next(results, None)
    if first is None:
        write("[]\n")
        return 0
    second = next(results, None)
    if second is None:
        write(json.dumps(first.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return int(not first.ok)
    failed = 0
    write("[\n")
    for index, result in enumerate(_chain(first, second, results)):
        failed += not result.ok
        write(
            ("" if index == 0 else ",\n")
            + json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
        )
    write("\n]\n")
    return failed


def _chain(first: Result, second: Result, rest: Iterator[Result]) -> Iterator[Result]:
    yield first
    yield second
    yield from rest


def _shown(db: str) -> str:
    """The database as it may be printed: a URL's password is masked."""
    from detente.store.url import redact

    return redact(db)


@dataclass
class RunTally:
    """What one ingest run did, for the summary table."""

    seen: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    failed_before: int = 0  # skipped: stored as failures by an earlier run, not retried
    words: int = 0
    removed: int = 0
    linked: int = 0
    actors: int = 0
    quotes: int = 0
    events: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def processed(self) -> int:
        """Documents through the pipeline in this run: what its rate counts."""
        return self.stored + self.failed

    @property
    def done(self) -> int:
        """Input items finished with, processed or skipped: what the progress bar counts."""
        return self.processed + self.skipped + self.failed_before


def documents_per_second(documents: int, seconds: float) -> float:
    """A run's rate, the same in its progress bar and its summary: documents over the whole
    run's wall time so far (model loading included)."""
    return documents / seconds if seconds > 0 else 0.0


def _run_seconds(task: Task) -> float:
    """Seconds since the run began: the task's `started`, a time.perf_counter() reading taken
    where the summary's clock starts."""
    return time.perf_counter() - float(task.fields["started"])


class RateColumn(ProgressColumn):
    """The run's rate as its summary computes it. Rich's own speed averages the updates of the
    last 30 s, which arrive a batch at a time, and so disagrees with the summary."""

    def render(self, task: Task) -> Text:
        processed = int(task.fields["processed"])
        if not processed:
            return Text("… docs/s", style="cyan")
        rate = documents_per_second(processed, _run_seconds(task))
        return Text(f"{rate:,.1f} docs/s", style="cyan")


class CountColumn(ProgressColumn):
    """Documents done, of how many when the inputs could be counted. Until the first batch comes
    back (the model loads first) it says so, not "0 documents"."""

    def render(self, task: Task) -> Text:
        if not task.completed:
            return Text("first batch…")
        total = "" if task.total is None else f"/{task.total:,.0f}"
        return Text(f"{task.completed:,.0f}{total} documents")


class RemainingColumn(ProgressColumn):
    """Time left at the pace since the first documents were done (empty without a total): what
    came before, loading the model, does not recur."""

    def __init__(self) -> None:
        super().__init__()
        self._first: dict[TaskID, tuple[float, float]] = {}  # when it first showed, and how many

    def render(self, task: Task) -> Text:
        if task.total is None or not task.completed:
            return Text("")
        now = time.perf_counter()
        first_at, first_done = self._first.setdefault(task.id, (now, task.completed))
        if task.completed <= first_done:
            return Text("ETA …", style="progress.remaining")
        pace = (now - first_at) / (task.completed - first_done)
        return Text(
            f"ETA {_clock((task.total - task.completed) * pace)}", style="progress.remaining"
        )


class ElapsedColumn(ProgressColumn):
    """Time since the run began, on the rate's clock."""

    def render(self, task: Task) -> Text:
        return Text(_clock(_run_seconds(task)), style="progress.elapsed")


def _clock(seconds: float) -> str:
    return str(datetime.timedelta(seconds=max(int(seconds), 0)))


def _progress(command: str) -> Progress:
    """The progress bar of a run over documents; its task takes `started` and `processed`."""
    return Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{command}[/bold]"),
        BarColumn(),
        CountColumn(),
        RateColumn(),
        RemainingColumn(),
        ElapsedColumn(),
        console=err_console,
        transient=True,
    )


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories (recursive), http(s) URLs or - for stdin; .gz is read. "
            "With --retry-failed and no PATH: the files of the stored failures."
        ),
    ] = None,
    db: DbOption = None,
    raw: RawOption = False,
    published: PublishedOption = None,
    date_from_name: DateFromNameOption = False,
    dictionary: DictionaryOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed",
            help="Process again the input units an earlier run stored as failures (they are "
            "skipped otherwise).",
        ),
    ] = False,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Process documents into the database; a rerun skips what is already stored."""
    from detente.ingest import count_documents, iter_documents
    from detente.store import open_store

    if not paths and not retry_failed:
        raise typer.BadParameter("give at least one PATH (or --retry-failed)", param_hint="PATH")
    settings = Settings.from_env(db=db)
    options = _options(settings, raw, published, dictionary, date_from_name=date_from_name)
    tally = RunTally()
    started = time.perf_counter()
    with open_store(settings.db) as store, _stop_on_interrupt() as stop:
        inputs = paths or _failed_paths(store, tally)
        total = count_documents(inputs)
        progress = _progress("ingest")
        task = progress.add_task("ingest", total=total, started=started, processed=0)

        def show() -> None:
            # a count taken before reading can fall short (a file grew): the bar never overflows
            grown = None if total is None else max(total, tally.done)
            progress.update(task, completed=tally.done, total=grown, processed=tally.processed)

        items = iter_documents(inputs, settings, allow_private=allow_private)
        todo = _skip_done(items, store.outcome, tally, stop, retry_failed, on_skip=show)
        try:
            with progress, _running(options, todo, workers, scheduler, ordered=False) as batches:
                for results in batches:
                    _commit(store, results, tally)
                    show()
        except KeyboardInterrupt:
            stop.set()  # the second Ctrl-C: batches in flight are dropped, commits are complete
        if stop.is_set():
            print_error(
                f"interrupted: {tally.stored} documents stored in this run; "
                "run the same command again to finish"
            )
            raise typer.Exit(EXIT_INTERRUPTED)
        totals = store.stats()
    elapsed = time.perf_counter() - started
    console.print(_summary_table(tally, totals, settings.db, elapsed))
    if totals.documents:
        console.print(_next_steps(settings.db), soft_wrap=True, highlight=False, markup=False)
    for message in tally.messages:  # one line each: a path in it can be copied whole
        err_console.print(Text(message, style="yellow"), soft_wrap=True)
    if tally.failed_before:
        err_console.print(
            Text(
                f"{tally.failed_before:,} documents failed in an earlier run and were skipped; "
                "`detente stats` lists the stored failures, and the same command with "
                "--retry-failed tries them again",
                style="yellow",
            )
        )
    # A rerun reports the failures it skipped too: the same input gives the same exit code.
    raise typer.Exit(failure_exit_code(tally.failed + tally.failed_before))


def _failed_paths(store: Store, tally: RunTally) -> list[str]:
    """The files behind the stored failures, for `--retry-failed` without PATH. A fetched page
    has no file: `detente watch` retries its failures on its next poll, a URL given to ingest
    is retried by naming it again (with --retry-failed); stdin cannot be read again."""
    from detente.ingest import STDIN_NAME

    paths = dict.fromkeys(
        record["path"] for record in store.error_records() if record["path"] is not None
    )
    readable = [path for path in paths if path != STDIN_NAME and Path(path).exists()]
    gone = [path for path in paths if path not in readable]
    if gone:
        tally.messages.append(
            f"{len(gone):,} stored failures cannot be retried from here (their input is gone "
            f"or was stdin), the first: {gone[0]}"
        )
    return readable


def _skip_done(
    items: Iterable[RawDocument | IngestFailure],
    outcome: Callable[[str, str], Outcome | None],
    tally: RunTally,
    stop: threading.Event,
    retry_failed: bool = False,
    *,
    on_skip: Callable[[], None],
) -> Iterator[RawDocument | IngestFailure]:
    """The input units still to process: new or changed ones, and stored failures when
    retrying; an input that cannot be read (IngestFailure) is always tried again. `on_skip` is
    called after each unit left out (a rerun of a large corpus skips for a while)."""
    for item in items:
        if stop.is_set():
            return
        tally.seen += 1
        if isinstance(item, RawDocument):
            found = outcome(item.source.key, item.content_hash)
            if found == "stored":
                tally.skipped += 1
                on_skip()
                continue
            if found == "failed" and not retry_failed:
                tally.failed_before += 1
                on_skip()
                continue
        yield item


@contextmanager
def _stop_on_interrupt() -> Iterator[threading.Event]:
    """The first Ctrl-C stops reading new input and lets the batches in flight finish and commit;
    a second one stops at once (the open transaction is rolled back)."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        err_console.print("stopping after the batches in progress; Ctrl-C again to stop now")

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _commit(store: Store, batch: list[Result], tally: RunTally) -> None:
    if not batch:
        return
    summary = store.write(batch)
    tally.linked += summary.linked
    tally.messages.extend(
        f"{renamed.rsplit('~', 1)[0]!r}: another file's document already has this id; this one is "
        f"stored as {renamed!r}"
        for renamed in summary.renamed
    )
    for result in batch:
        if result.ok and result.article is not None:
            tally.stored += 1
            tally.words += len(result.article.text.split())
            tally.removed += len(result.article.removed)
            tally.actors += len(result.actors)
            tally.quotes += len(result.quotes)
            tally.events += len(result.events)
        else:
            tally.failed += 1
            tally.messages.extend(e.message for e in result.errors)


def _summary_table(tally: RunTally, totals: StoreStats, db: str, elapsed: float) -> Table:
    table = Table(title=f"detente ingest → {_shown(db)}", title_justify="left")
    table.add_column("")
    table.add_column("this run", justify="right")
    table.add_column("database", justify="right")
    rows: list[tuple[str, int, int | None]] = [
        ("documents", tally.stored, totals.documents),
        ("duplicates linked", tally.linked, totals.duplicates),
        ("already stored, skipped", tally.skipped, None),
        ("failed before, skipped", tally.failed_before, None),
        ("words", tally.words, totals.words),
        ("boilerplate removed", tally.removed, totals.removed),
        ("actors", tally.actors, totals.actors),
        ("quotes", tally.quotes, totals.quotes),
        ("events", tally.events, totals.events),
        ("errors", tally.failed, totals.errors),
    ]
    for name, run_value, db_value in rows:
        table.add_row(name, f"{run_value:,}", "" if db_value is None else f"{db_value:,}")
    rate = documents_per_second(tally.processed, elapsed)
    table.caption = f"{elapsed:.1f} s, {rate:.1f} documents/s"
    return table


# What a user does next with a filled database, and what each shows.
NEXT_STEPS = (
    ("serve", "the dashboard and REST API on http://127.0.0.1:8000/"),
    ("query dyads", "the actor pairs with the most events"),
    ("query quotes --text WORDS", "who said what"),
    ("export --format csv --out events.csv", "the events, a row each"),
)


def _next_steps(db: str) -> str:
    """The commands to type next on this database (`--db` unless it is the default), one a line
    and never wrapped, so that each can be copied whole; what each shows is a shell comment."""
    where = "" if db == Settings().db else f" --db {shlex.quote(_shown(db))}"
    commands = [f"detente {command}{where}" for command, _ in NEXT_STEPS]
    width = max(map(len, commands))
    lines = [
        f"  {command:<{width}}  # {what}"
        for command, (_, what) in zip(commands, NEXT_STEPS, strict=True)
    ]
    return "\n".join(["next:", *lines])


@app.command()
def watch(
    feeds: Annotated[
        Path, typer.Argument(help="A text file of feed URLs, one a line (# comments).")
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h.", metavar="INTERVAL")
    ] = "15m",
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Poll RSS/Atom feeds, fetch the new articles they link to, and store them."""
    from detente.ingest.http import FetchPolicy, make_client
    from detente.scale import InlineRunner
    from detente.store import open_store
    from detente.watch import parse_interval, read_feed_list
    from detente.watch import watch as watch_feeds

    try:
        interval = parse_interval(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    settings = Settings.from_env(db=db)
    urls = read_feed_list(feeds)
    policy = FetchPolicy.from_settings(settings, allow_private=allow_private)
    runner = InlineRunner(PipelineOptions(settings))
    tally = RunTally()
    started = time.perf_counter()

    with open_store(settings.db) as store, make_client(policy) as client:

        def store_poll(items: list[RawDocument | IngestFailure]) -> None:
            before = (tally.stored, tally.failed)
            for results in runner.run(iter([items])):
                _commit(store, results, tally)
            err_console.print(
                f"{time.strftime('%H:%M:%S')} poll of {len(urls)} feeds: "
                f"{tally.stored - before[0]} new documents, {tally.failed - before[1]} errors"
            )
            for message in tally.messages:
                err_console.print(Text(message, style="yellow"), soft_wrap=True)
            tally.messages.clear()

        watch_feeds(
            urls,
            every=interval,
            iterations=1 if once else None,
            on_batch=store_poll,
            client=client,
            policy=policy,
            seen=store.has_source,
        )
        totals = store.stats()
    elapsed = time.perf_counter() - started
    console.print(_summary_table(tally, totals, settings.db, elapsed))
    raise typer.Exit(failure_exit_code(tally.failed))


@app.command()
def stats(db: DbOption = None, dictionary: DictionaryOption = None) -> None:
    """Print what the database holds, and how many documents are behind the current coder
    (coded with other dictionaries, rules or models: `detente recode` brings them up to date);
    give the --dictionary files you ingest and recode with."""
    from detente.recode import coder_version
    from detente.store import open_store

    check_dictionaries(dictionary)
    settings = Settings.from_env(db=db)
    coder = coder_version(settings, dictionary or ())
    with open_store(settings.db, read_only=True) as store:
        totals = store.stats(coder)
    table = Table(title=f"detente stats: {_shown(settings.db)}", title_justify="left")
    table.add_column("")
    table.add_column("count", justify="right")
    names = (
        "documents", "stories", "sources", "duplicates", "words", "removed", "actors", "quotes",
        "events",
    )  # fmt: skip
    for name in (*names, "errors"):
        table.add_row(name, f"{getattr(totals, name):,}")
    for source_format, count in sorted(totals.formats.items()):
        table.add_row(f"  from {source_format}", f"{count:,}")
    table.add_row("behind the coder", f"{totals.behind or 0:,}")
    table.caption = f"schema version {totals.schema_version}"
    console.print(table)
    console.print(f"coder: {coder}", soft_wrap=True, highlight=False)


@dataclass
class RecodeTally:
    """What one recode run did, for the summary line."""

    recoded: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0  # replaced or removed by another writer meanwhile
    messages: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.recoded + self.unchanged + self.failed + self.skipped

    def add(self, batch: RecodeBatch) -> None:
        self.recoded += batch.summary.recoded
        self.unchanged += batch.summary.unchanged
        self.failed += batch.summary.failed
        self.skipped += batch.summary.skipped
        self.messages.extend(batch.failures)


@app.command()
def recode(
    db: DbOption = None,
    dictionary: DictionaryOption = None,
    batch: Annotated[
        int | None,
        typer.Option(
            "--batch",
            min=1,
            max=10_000,
            help="Documents per batch: one model run, one transaction (default "
            "DETENTE_BATCH_SIZE, 32).",
            metavar="N",
        ),
    ] = None,
) -> None:
    """Re-code the stored documents with today's dictionaries, rules and models: quotes, actors
    and events again from each stored clean text (nothing is fetched or cleaned again). Only
    documents another coder made are done, a batch a transaction, so a rerun resumes; one that
    fails keeps its records."""
    from detente.pipeline import Pipeline
    from detente.recode import recode_stored
    from detente.store import is_postgres_url, open_store

    check_dictionaries(dictionary)
    settings = Settings.from_env(db=db, batch_size=batch)
    if not is_postgres_url(settings.db) and not Path(settings.db).is_file():
        # opening it for writing would create an empty database: nothing to recode in it
        raise StoreError(Errors.E711.format(db=settings.db))
    tally = RecodeTally()
    started = time.perf_counter()
    with open_store(settings.db) as store, _stop_on_interrupt() as stop:
        pipeline = Pipeline(settings, dictionaries=dictionary or ())  # the model loads on use
        behind = store.stats(pipeline.coder_version).behind
        progress = _progress("recode")
        try:
            with progress:
                task = progress.add_task("recode", total=behind, started=started, processed=0)
                for done in recode_stored(store, pipeline, stop=stop):
                    tally.add(done)
                    progress.update(task, completed=tally.done, processed=tally.done)
        except KeyboardInterrupt:
            stop.set()  # the second Ctrl-C: the batch in progress is rolled back
        if stop.is_set():
            print_error(
                f"interrupted: {tally.recoded + tally.unchanged} documents recoded in this run; "
                "run the same command again to finish"
            )
            raise typer.Exit(EXIT_INTERRUPTED)
    elapsed = time.perf_counter() - started
    console.print(
        f"detente recode → {_shown(settings.db)}: {tally.recoded:,} recoded, "
        f"{tally.unchanged:,} unchanged, {tally.failed:,} failed in {elapsed:.1f} s",
        soft_wrap=True,
    )
    console.print(f"coder: {pipeline.coder_version}", soft_wrap=True, highlight=False)
    for message in tally.messages:
        err_console.print(Text(message, style="yellow"), soft_wrap=True)
    if tally.skipped:
        err_console.print(
            Text(
                f"{tally.skipped:,} documents were replaced or removed by another writer while "
                "this ran, and were left to it",
                style="yellow",
            )
        )
    if tally.failed:
        err_console.print(
            Text(
                f"{tally.failed:,} documents keep the records they had; fix the cause above and "
                "run `detente recode` again to retry them",
                style="yellow",
            )
        )
    raise typer.Exit(failure_exit_code(tally.failed))


@eval_app.command("clean")
def eval_clean(
    zyte: Annotated[
        Path,
        typer.Option(
            "--zyte",
            help="Folder of the Zyte article-extraction benchmark: ground-truth.json + html/.",
            exists=True,
            file_okay=False,
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Body extraction against the benchmark's ground truth: shingle P/R/F1 and leak rate."""
    from detente.clean.evaluate import evaluate_zyte

    _print_report(evaluate_zyte(zyte), as_json)


LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help="Only the first N articles or sentences.")
]


@eval_app.command("quotes")
def eval_quotes(
    polnear: Annotated[
        Path,
        typer.Option(
            "--polnear",
            help="A PolNeAR-format folder: text/*.txt and attributions/*.ann (brat).",
            exists=True,
            file_okay=False,
        ),
    ],
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Speech attributions against PolNeAR: source, content (exact, overlap) and cue F1."""
    from detente.quotes.evaluate import evaluate_polnear

    report = evaluate_polnear(polnear, limit=limit, model=Settings.from_env().spacy_model)
    _print_report(report, as_json)


@eval_app.command("events")
def eval_events(
    petr: Annotated[
        Path | None,
        typer.Option(
            "--petr",
            help=(
                "PETRARCH records (XML): its unit tests with its toy dictionaries (--dictionary, "
                "a verbs file among them) by the rule coder; news records without a verbs file "
                "by the selected coder with the bundled dictionaries."
            ),
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    dictionary: DictionaryOption = None,
    conflibert: Annotated[
        Path | None,
        typer.Option(
            "--conflibert",
            help="ConfliBERT CAMEO five-class TSV (sentence, label 0-4): per-class P/R/F1.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    plover: Annotated[
        Path | None,
        typer.Option(
            "--plover",
            help="PLOVER gold-standard sentences (JSON): per-type P/R/F1 and confusions.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    relevance: Annotated[
        Path | None,
        typer.Option(
            "--relevance",
            help="Sentences labelled event / none (TSV: label, page, sentence): the gate's P/R.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    roles: Annotated[
        Path | None,
        typer.Option(
            "--roles",
            help="ConfliBERT source / target spans (cameo_ner_train.txt: word and tag per line): "
            "how often the main event's source and target are the annotated ones.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    news: Annotated[
        Path | None,
        typer.Option(
            "--news",
            help="Sentences of news articles labelled by PLOVER type (TSV: file, start, end, "
            "label, note); give the articles' folder with --texts.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help="The folder of the articles --news labels.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Event coding against PETRARCH's unit tests (the rule coder, with PETRARCH's dictionaries),
    ConfliBERT's five classes and its source / target spans, the PLOVER gold standard, sentences
    labelled for relevance and/or news articles labelled by type (the coder DETENTE_EVENT_CODER
    selects): overall figures, per-type precision / recall / F1 and the most frequent
    confusions."""
    from detente.events.evaluate import (
        evaluate_conflibert,
        evaluate_news,
        evaluate_petr,
        evaluate_plover,
        evaluate_relevance,
        evaluate_roles,
    )

    if (news is None) != (texts is None):
        raise typer.BadParameter("--news and --texts go together")
    if (petr, conflibert, plover, relevance, roles, news) == (None,) * 6:
        raise typer.BadParameter(
            "give --petr RECORDS.xml, --conflibert FILE.tsv, --plover FILE, --relevance FILE, "
            "--roles FILE or --news FILE --texts DIR"
        )
    model = Settings.from_env().spacy_model
    if petr is not None:
        _print_report(
            evaluate_petr(petr, list(dictionary or ()), limit=limit, model=model), as_json
        )
    if conflibert is not None:
        _print_report(evaluate_conflibert(conflibert, limit=limit, model=model), as_json)
    if plover is not None:
        _print_report(evaluate_plover(plover, limit=limit, model=model), as_json)
    if relevance is not None:
        _print_report(evaluate_relevance(relevance, limit=limit, model=model), as_json)
    if roles is not None:
        _print_report(evaluate_roles(roles, limit=limit, model=model), as_json)
    if news is not None and texts is not None:
        _print_report(evaluate_news(news, texts, limit=limit, model=model), as_json)


@eval_app.command("stories")
def eval_stories(
    corpus: Annotated[
        Path,
        typer.Option(
            "--corpus",
            help="Folder of plain-text articles (*.txt, or a PolNeAR folder with text/).",
            exists=True,
            file_okay=False,
        ),
    ],
    seed: Annotated[int, typer.Option("--seed", help="Seed of the variants and order.")] = 0,
    split: Annotated[
        str,
        typer.Option("--split", help="Half of the articles: dev (held back), tune or all."),
    ] = "dev",
    shingle: Annotated[
        int | None, typer.Option("--shingle", min=1, help="Words per shingle (tuning).")
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", min=0.0, max=1.0, help="SIMILAR to report (tuning)."),
    ] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Near-duplicate stories: each article ingested with variants (boilerplate and headline,
    paragraphs moved, 10 % of words edited, first half, held-out style) among unrelated articles
    on the same topics, clustered incrementally as the store does: pairwise precision / recall /
    F1, recall per variant and the threshold curve."""
    from detente.stories import SHINGLE, SIMILAR
    from detente.stories.evaluate import SPLITS, evaluate_stories

    if split not in SPLITS:
        raise typer.BadParameter(f"--split is one of {', '.join(SPLITS)}, not {split!r}")
    report = evaluate_stories(
        corpus,
        split=split,
        seed=seed,
        limit=limit,
        shingle=SHINGLE if shingle is None else shingle,
        threshold=SIMILAR if threshold is None else threshold,
    )
    _print_report(report, as_json)


class _Report(Protocol):
    def to_dict(self) -> dict[str, Any]: ...

    def to_table(self) -> Table: ...


def _print_report(report: _Report, as_json: bool) -> None:
    if as_json:
        console.print_json(data=report.to_dict())
        return
    console.print(report.to_table())
    # a report whose per-type figures are a table of their own (PETR: by CAMEO root)
    type_table: Callable[[], Table] | None = getattr(report, "type_table", None)
    if type_table is not None:
        console.print(type_table())


# Commands defined in modules of their own (they import from detente.cli, not from here).
app.command()(export)
app.command()(info)
app.command()(serve)
app.add_typer(query_app, name="query")
