"""The batch runners. Workers build their Pipeline (and load the spaCy model) once per process.

A worker can die under a document (the kernel's OOM killer, `kill -9`): the batches it took with
it run again, alone, and a batch that kills its worker again runs one document at a time, so only
the document that kills it fails (E803; a rerun tries it again).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from detente.errors import DetenteError, Errors
from detente.records import ErrorRecord, IngestFailure, RawDocument, Result
from detente.settings import Settings

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

Item = RawDocument | IngestFailure
Batch = list[Item]
InFlight = tuple[Batch, Future[list[Result]]]  # a batch and the pool's future for its results
# Batches in flight per worker: one running, one queued, so no worker waits for the reader.
IN_FLIGHT_PER_WORKER = 2
PARENT_CHECK_SECONDS = 0.5
CGROUP_CPU_MAX = "/sys/fs/cgroup/cpu.max"
_CPU_MAX = re.compile(r"([0-9]{1,18}) ([0-9]{1,18})")
KILLED_ON_DASK = "distributed.KilledWorker: every Dask worker that ran it died"


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """Everything a worker needs to build the same Pipeline as the caller (picklable)."""

    settings: Settings
    keep_raw: bool = False
    published: str | None = None
    date_from_name: bool = False  # --date-from-name
    dictionaries: tuple[str, ...] = ()  # user actor dictionaries (--dictionary)


_pipelines: dict[PipelineOptions, Pipeline] = {}


def process_batch(batch: Batch, options: PipelineOptions) -> list[Result]:
    """Run one batch through this process's Pipeline, built (model loaded) on first use."""
    from detente.pipeline import Pipeline

    pipeline = _pipelines.get(options)
    if pipeline is None:
        pipeline = Pipeline(
            options.settings,
            keep_raw=options.keep_raw,
            published=options.published,
            date_from_name=options.date_from_name,
            dictionaries=options.dictionaries,
        )
        _pipelines[options] = pipeline
    return list(pipeline.run(batch))


def _pipelines_built() -> int:
    return len(_pipelines)


def killed_result(item: Item, cause: str) -> Result:
    """The failure of a document whose worker died running it, even when run alone. It carries
    no content hash, so a rerun tries the document again: the death may have been the machine's
    lack of memory at the time rather than the document's."""
    message = Errors.E803.format(path=item.source.key, cause=cause)
    return Result(id=None, source=item.source, errors=[ErrorRecord("worker", message)])


def isolate(
    batch: Batch, outcome: list[Result] | str, attempt: Callable[[Batch], list[Result] | str]
) -> list[Result]:
    """`batch`'s results, given the `outcome` of running it: its results, or how its worker died.
    A batch that killed its worker runs again one document at a time (`attempt` runs one and
    returns its outcome), and a document that kills its worker alone is recorded as failed."""
    if not isinstance(outcome, str):
        return outcome
    if len(batch) == 1:
        return [killed_result(batch[0], outcome)]
    return [result for item in batch for result in isolate([item], attempt([item]), attempt)]


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
        self._pool = self._start_pool()

    def _start_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )

    def run(self, batches: Iterator[Batch]) -> Iterator[list[Result]]:
        limit = self.workers * IN_FLIGHT_PER_WORKER
        pending: deque[InFlight] = deque()
        for batch in batches:
            pending.append((batch, self._submit(batch)))
            while len(pending) >= limit:
                yield from self._collect(pending)
        while pending:
            yield from self._collect(pending)

    def _submit(self, batch: Batch) -> Future[list[Result]]:
        try:
            return self._pool.submit(process_batch, batch, self.options)
        except BrokenProcessPool as exc:  # a worker died since the last collection
            failed: Future[list[Result]] = Future()
            failed.set_exception(exc)
            return failed

    def _collect(self, pending: deque[InFlight]) -> Iterator[list[Result]]:
        """The oldest batch when order matters, else whichever batches are done."""
        futures = [future for _, future in pending]
        wait(futures[:1] if self.ordered else futures, return_when=FIRST_COMPLETED)
        if any(_broken(future) for future in futures):
            yield from self._recover(pending)
        elif self.ordered:
            yield pending.popleft()[1].result()
        else:
            for item in [item for item in pending if item[1].done()]:
                pending.remove(item)
                yield item[1].result()

    def _recover(self, pending: deque[InFlight]) -> Iterator[list[Result]]:
        """A worker died, and the pool failed every batch it held: those that had finished keep
        their results, the others run again in a new pool, one at a time (in input order)."""
        wait([future for _, future in pending])
        self._restart()
        while pending:
            batch, future = pending.popleft()
            yield self._alone(batch) if _broken(future) else future.result()

    def _alone(self, batch: Batch) -> list[Result]:
        """`batch` with nothing else in the pool, so a death is its own; when it kills its worker,
        its documents one at a time, and a document that does is recorded as failed."""
        return isolate(batch, self._attempt(batch), self._attempt)

    def _attempt(self, batch: Batch) -> list[Result] | str:
        """`batch`'s results, run with nothing else in the pool; or, when its worker died, how
        (the pool restarted)."""
        future = self._submit(batch)
        wait([future])
        if not _broken(future):
            return future.result()
        return self._restart()

    def _restart(self) -> str:
        """A new pool for a broken one; how the broken one's worker died."""
        # The pool keeps its processes in a private field, read only to explain the failure.
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        # A broken pool fails its futures before it reaps its processes: wait until it has.
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._start_pool()
        return _death_of(processes)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _broken(future: Future[list[Result]]) -> bool:
    return future.done() and isinstance(future.exception(), BrokenProcessPool)


def _death_of(processes: list[BaseProcess]) -> str:
    """How a worker of a broken pool ended: "killed by SIGKILL", "exit status 1"."""
    codes = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
    # The pool ends the workers that survive with SIGTERM: the dead one is the other code.
    code = next((c for c in codes if c != -signal.SIGTERM), codes[0] if codes else None)
    if code is None:
        return "it ended abruptly"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


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
                # the scheduler serves HTTP (health, metrics) whatever this says; None would try
                # port 8787 and warn when another cluster has it, so any free loopback port
                dashboard_address="127.0.0.1:0",
                host="127.0.0.1",
                silence_logs=True,
            )
            self._client = Client(self._cluster, set_as_default=False)
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    def run(self, batches: Iterator[Batch]) -> Iterator[list[Result]]:
        from distributed import as_completed

        limit = self.workers * IN_FLIGHT_PER_WORKER
        if self.ordered:
            pending: deque[tuple[Batch, Any]] = deque()
            for batch in batches:
                pending.append((batch, self._submit(batch)))
                if len(pending) >= limit:
                    yield self._result(*pending.popleft())
            while pending:
                yield self._result(*pending.popleft())
            return
        completed = as_completed(loop=self._client.loop)  # our client is not the default one
        in_flight: dict[str, Batch] = {}
        for batch in batches:
            future = self._submit(batch)
            in_flight[future.key] = batch
            completed.add(future)
            if len(in_flight) >= limit:
                future = next(completed)
                yield self._result(in_flight.pop(future.key), future)
        for future in completed:
            yield self._result(in_flight.pop(future.key), future)

    def _result(self, batch: Batch, future: Any) -> list[Result]:
        """The batch's results. The scheduler reruns a task whose worker died; one that killed
        every worker it ran on (KilledWorker) runs again one document at a time, and a document
        that still does is recorded as failed."""
        return isolate(batch, _outcome(future), lambda alone: _outcome(self._submit(alone)))

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


def _outcome(future: Any) -> list[Result] | str:
    """A Dask task's results, or KILLED_ON_DASK when every worker that ran it died."""
    from distributed import KilledWorker

    try:
        results: list[Result] = future.result()
    except KilledWorker:
        return KILLED_ON_DASK
    return results


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
    cores = usable_cores()
    if second is None or cores < 2:
        return InlineRunner(options), stream
    return ProcessPoolRunner(options, cores, ordered=ordered), stream


def usable_cores() -> int:
    """The processors this process may run on: its CPU affinity (`taskset`, a container's
    cpuset), further bounded by a cgroup v2 CPU quota (`docker --cpus`). `os.cpu_count()` counts
    the machine's, and a pool of that size on one allowed core runs slower than no pool."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows: no affinity API
        cores = os.cpu_count() or 1
    try:
        quota = cgroup_cpu_quota(Path(CGROUP_CPU_MAX).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        quota = None
    return max(1, min(cores, quota) if quota is not None else cores)


def cgroup_cpu_quota(cpu_max: str) -> int | None:
    """Whole processors a cgroup v2 `cpu.max` line ("QUOTA PERIOD", "max PERIOD" when unbounded)
    allows, rounded up; None when unbounded or unreadable. The file read is the process's own
    cgroup's only inside a cgroup namespace (a container), where the limit matters."""
    found = _CPU_MAX.fullmatch(cpu_max.strip())
    if found is None or int(found[2]) == 0:
        return None
    quota, period = int(found[1]), int(found[2])
    return max(1, -(-quota // period))


def _chain(head: list[Batch], rest: Iterator[Batch]) -> Iterator[Batch]:
    yield from head
    yield from rest
