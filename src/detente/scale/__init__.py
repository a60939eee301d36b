"""Running the pipeline over many documents: in this process, a local process pool, or Dask.

Every runner takes a stream of input batches and yields lists of Results; the caller (the CLI)
stays the only writer to the store, so each result reaches it exactly once, and reruns skip what
the store already holds. Memory is bounded: at most a few batches are in flight per worker.
"""

from detente.scale.runners import (
    BatchRunner,
    DaskRunner,
    InlineRunner,
    PipelineOptions,
    ProcessPoolRunner,
    batched,
    choose_runner,
    process_batch,
    usable_cores,
)

__all__ = [
    "BatchRunner",
    "DaskRunner",
    "InlineRunner",
    "PipelineOptions",
    "ProcessPoolRunner",
    "batched",
    "choose_runner",
    "process_batch",
    "usable_cores",
]
