"""The runners give the same results as the in-process pipeline, each document exactly once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.ingest import iter_documents
from detente.records import Result
from detente.scale import (
    DaskRunner,
    InlineRunner,
    PipelineOptions,
    ProcessPoolRunner,
    batched,
    choose_runner,
    usable_cores,
)
from detente.settings import Settings

pytestmark = [pytest.mark.model, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]


def corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"doc{i:03d}.txt").write_text(
            f"Dispatch {i}. The foreign minister of country {i} met envoys in Vienna on Monday "
            "and both sides agreed to resume talks on the border dispute.",
            encoding="utf-8",
        )
    (folder / "broken.txt").write_bytes(b"")
    return folder


def summary(batches: list[list[Result]]) -> list[tuple[str, str | None, int, int]]:
    """Per document: source, id, sentence and entity counts (sorted: pools may reorder)."""
    rows = [
        (r.source.key, r.id, len(r.sentences), len(r.entities)) for batch in batches for r in batch
    ]
    return sorted(rows, key=lambda row: row[0])


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    folder = corpus(tmp_path_factory.mktemp("scale") / "corpus", 24)
    options = PipelineOptions(Settings(batch_size=4))
    inline = InlineRunner(options)
    expected = summary(list(inline.run(batched(iter_documents([folder]), 4))))
    assert len(expected) == 25
    return folder, expected


def test_scale_process_pool_matches_inline_in_order(reference: tuple[Path, list]) -> None:
    folder, expected = reference
    runner = ProcessPoolRunner(PipelineOptions(Settings(batch_size=4)), 2, ordered=True)
    try:
        batches = list(runner.run(batched(iter_documents([folder]), 4)))
    finally:
        runner.close()
    keys = [r.source.key for batch in batches for r in batch]
    assert keys == sorted(keys)  # ordered: input order kept
    assert summary(batches) == expected


def test_scale_dask_local_cluster_two_workers_each_load_the_model_once(
    reference: tuple[Path, list],
) -> None:
    folder, expected = reference
    runner = DaskRunner(PipelineOptions(Settings(batch_size=4)), workers=2)
    try:
        batches = list(runner.run(batched(iter_documents([folder]), 4)))
        loaded = runner.models_loaded()
    finally:
        runner.close()
    assert summary(batches) == expected  # every document exactly once
    assert len(loaded) == 2 and all(count <= 1 for count in loaded.values())
    assert sum(loaded.values()) >= 1


def test_scale_small_input_runs_in_process_and_large_input_in_a_pool(tmp_path: Path) -> None:
    if usable_cores() < 2:
        pytest.skip("one usable core: every input runs in process")
    folder = corpus(tmp_path / "corpus", 9)
    options = PipelineOptions(Settings(batch_size=16))
    runner, _ = choose_runner(options, batched(iter_documents([folder]), 16))
    assert isinstance(runner, InlineRunner)
    runner, stream = choose_runner(options, batched(iter_documents([folder]), 4))
    try:
        assert isinstance(runner, ProcessPoolRunner)
        assert sum(len(b) for b in stream) == 10  # the peeked batches are not lost
    finally:
        runner.close()


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity API")
def test_scale_one_allowed_core_runs_in_process_however_many_the_machine_has(
    tmp_path: Path,
) -> None:
    """Pinned to one core (`taskset -c 0 detente extract ...`), a pool of the machine's size
    would only add workers' start-up and contention: the input runs in this process."""
    folder = corpus(tmp_path / "corpus", 9)
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        assert usable_cores() == 1
        runner, stream = choose_runner(
            PipelineOptions(Settings(batch_size=4)), batched(iter_documents([folder]), 4)
        )
    finally:
        os.sched_setaffinity(0, allowed)
    assert isinstance(runner, InlineRunner)
    assert sum(len(b) for b in stream) == 10
