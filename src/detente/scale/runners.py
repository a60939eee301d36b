"""The batch runners. Workers build their Pipeline (and load the spaCy model) once per process."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from detente.errors import DetenteError, Errors
from detente.records import IngestFailure, RawDocument, Result
from detente.settings import Settings

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

Item = RawDocument | IngestFailure
Batch = list[Item]
# Batches in flight per worker: one running, one queued, so no worker waits for the reader.
IN_FLIGHT_PER_WORKER = 2
PARENT_CHECK_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """Everything a worker needs to build the same Pipeline as the caller (picklable)."""

    settings: Settings
    keep_raw: bool = False
    published: str | None = None
    dictionaries: tuple[str, ...] = ()  # user actor dictionaries (--dictionary)


_pipelines: dict[PipelineOptions, Pipeline] = {}


def process_batch(batch: Batch, options: PipelineOptions) -> list[Result]:
    """Run one batch through this process's Pipeline, built (model loaded) on first use."""
    from detente.pipeline import Pipeline

    pipeline = _pipelines.get(options)
    if pipeline is None:
        pipeline = Pipeline(
            options.settings, keep_raw=options.keep_raw, published=options.published
        )
        _pipelines[options] = pipeline
    return list(pipeline.run(batch))


def _pipelines_built() -> int:
    return len(_pipelines)


def batched(items: Iterable[Item], size: int) -> Iterator[Batch]:
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch


class BatchRunner(Protocol):
    def run(self, batches: Iterator[Batch]) -> Iterator[list[Result]]: ...

    def close(self) -> None: ...


class InlineRunner:
    """In this process: the fast path for small inputs and the reference for the others."""

    def __init__(self, options: PipelineOptions) -> None:
        self.options = options

    def run(self, batches: Iterator[Batch]) -> Iterator[list[Result]]:
        for batch in batches:
            yield process_batch(batch, self.options)

    def close(self) -> None:
        pass


def _init_worker(parent: int) -> None:
    # Ctrl-C is the parent's to handle: it stops reading, keeps what was committed, and ends us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed with SIGKILL cannot end us, and the pool's pipes do not close while the
    # other workers hold them: watch for the parent's death ourselves.
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


class ProcessPoolRunner:
    """A local pool of worker processes (spawned: no model state is inherited by fork)."""

    def __init__(self, options: PipelineOptions, workers: int, *, ordered: bool = False) -> None:
        self.options = options
        self.workers = workers
        self.ordered = ordered
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )

    def run(self, batches: Iterator[Batch]) -> Iterator[list[Result]]:
        limit = self.workers * IN_FLIGHT_PER_WORKER
        pending: deque[Future[list[Result]]] = deque()
        for batch in batches:
            pending.append(self._pool.submit(process_batch, batch, self.options))
            while len(pending) >= limit:
                yield from self._collect(pending)
        while pending:
            yield from self._collect(pending)

    def _collect(self, pending: deque[Future[list[Result]]]) -> Iterator[list[Result]]:
        """The oldest batch when order matters, else whichever batches are done."""
        if self.ordered:
            yield pending.popleft().result()
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            pending.remove(future)
            yield future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class DaskRunner:
    """Batches as Dask tasks: a local cluster of `workers` processes, or an existing scheduler."""

    def __init__(
        self,
        options: PipelineOptions,
        *,
        workers: int | None = None,
        scheduler: str | None = None,
        ordered: bool = False,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise DetenteError(Errors.E801) from exc
        self.options = options
        self.ordered = ordered
        self._cluster: Any = None
        if scheduler is not None:
            try:
                self._client: Any = Client(scheduler, set_as_default=False, timeout=10)
            except (OSError, TimeoutError) as exc:
                raise DetenteError(Errors.E802.format(address=scheduler, detail=exc)) from exc
        else:
            self._cluster = LocalCluster(
                n_workers=workers or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
                silence_logs=True,
            )
            self._client = Client(self._cluster, set_as_default=False)
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    def run(self, batches: Iterator[Batch]) -> Iterator[list[Result]]:
        from distributed import as_completed

        limit = self.workers * IN_FLIGHT_PER_WORKER
        if self.ordered:
            pending: deque[Any] = deque()
            for batch in batches:
                pending.append(self._submit(batch))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
            return
        completed = as_completed(loop=self._client.loop)  # our client is not the default one
        in_flight = 0
        for batch in batches:
            completed.add(self._submit(batch))
            in_flight += 1
            if in_flight >= limit:
                yield next(completed).result()
                in_flight -= 1
        for future in completed:
            yield future.result()

    def models_loaded(self) -> dict[str, int]:
        """Pipelines built on each worker: one each, however many batches it ran."""
        counts: dict[str, int] = self._client.run(_pipelines_built)
        return counts

    def _submit(self, batch: Batch) -> Any:
        return self._client.submit(process_batch, batch, self.options, pure=False)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def choose_runner(
    options: PipelineOptions,
    batches: Iterator[Batch],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    ordered: bool = False,
) -> tuple[BatchRunner, Iterator[Batch]]:
    """Dask when asked; else a process pool sized to the cores, unless the whole input fits in
    one batch, where starting workers would cost more than it saves."""
    if scheduler is not None or workers is not None:
        return DaskRunner(options, workers=workers, scheduler=scheduler, ordered=ordered), batches
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    head = [b for b in (first, second) if b is not None]
    stream = _chain(head, batches)
    cores = os.cpu_count() or 1
    if second is None or cores < 2:
        return InlineRunner(options), stream
    return ProcessPoolRunner(options, cores, ordered=ordered), stream


def _chain(head: list[Batch], rest: Iterator[Batch]) -> Iterator[Batch]:
    yield from head
    yield from rest
