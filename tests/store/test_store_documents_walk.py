"""`Store.documents()` reads the table a page at a time, in one snapshot: the same documents in
the same order (created_at, then id) as one statement sorting the whole table, on DuckDB (walked
by key, a statement a page) and PostgreSQL (one statement, a server-side cursor)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from store_util import Backend, succeeded

from detente.store import duckdb_store, open_store, sql_store
from detente.store.duckdb_store import DuckDBStore
from detente.store.rows import CONTRACT_DOCUMENT_COLUMNS, CONTRACT_SOURCE_COLUMNS, contract_dict
from detente.store.sql_store import SqlStore

PAGE = 3
# What documents() ran before it walked by key: the whole table sorted in one statement.
WHOLE_TABLE = f"""
    SELECT {", ".join("d." + name for name in CONTRACT_DOCUMENT_COLUMNS)},
           {", ".join("s." + name for name in CONTRACT_SOURCE_COLUMNS)}
    FROM documents d LEFT JOIN sources s ON s.source_key = d.source_key
    ORDER BY d.created_at, d.id
"""


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql_store, "FETCH_ROWS", PAGE)
    monkeypatch.setattr(duckdb_store, "FETCH_ROWS", PAGE)


def fill(store: SqlStore, batches: int = 4, size: int = 5, name: str = "doc") -> None:
    """`batches` writes of `size` documents: the documents of one write share a created_at."""
    for batch in range(batches):
        store.write(
            [
                succeeded(f"{name}-{batch}-{n}.txt", f"Body of {name} {batch} number {n}.")
                for n in range(size)
            ]
        )


@contextmanager
def recorded(store: DuckDBStore, statements: list[list[Any]]) -> Iterator[None]:
    """Records the parameters of every statement DuckDB's documents() runs."""
    snapshot = store._snapshot

    @contextmanager
    def spied() -> Iterator[Any]:
        with snapshot() as fetch:

            def fetched(sql: str, parameters: Any) -> Any:
                statements.append(list(parameters))
                return fetch(sql, parameters)

            yield fetched

    store._snapshot = spied
    try:
        yield
    finally:
        del store._snapshot


def test_same_documents_in_the_same_order_as_one_sorted_statement(backend: Backend) -> None:
    with open_store(backend.db) as store:
        assert isinstance(store, SqlStore)
        fill(store)
        expected = [contract_dict(row) for row in store.query(WHOLE_TABLE)]
        walked = list(store.documents())
    assert len(expected) == 20
    assert walked == expected


def test_duckdb_walks_by_key_a_page_a_statement(duckdb_backend: Backend) -> None:
    with open_store(duckdb_backend.db) as store:
        assert isinstance(store, DuckDBStore)
        fill(store)
        expected = [contract_dict(row) for row in store.query(WHOLE_TABLE)]
        statements: list[list[Any]] = []
        with recorded(store, statements):
            assert list(store.documents()) == expected
    # ⌈20 / 3⌉ full or partial pages: the first by size alone, each next after the last key
    assert len(statements) == 7
    assert statements[0] == [PAGE]
    for parameters, previous in zip(statements[1:], range(PAGE, 20, PAGE), strict=True):
        _, document_id, size = parameters
        assert size == PAGE
        assert document_id == expected[previous - 1]["id"]


def test_ties_on_created_at_are_broken_by_id_across_pages(backend: Backend) -> None:
    with open_store(backend.db) as store:
        assert isinstance(store, SqlStore)
        fill(store, batches=1, size=8)  # one created_at for all: pages split inside the tie
        ids = [document["id"] for document in store.documents()]
        ((distinct,),) = store.query("SELECT count(DISTINCT created_at) FROM documents")
    assert distinct == 1
    assert ids == sorted(ids)
    assert len(ids) == 8


@pytest.mark.parametrize("limit", [0, 1, PAGE, PAGE + 1, 2 * PAGE, 19, 20, 25])
def test_limit_stops_the_walk(backend: Backend, limit: int) -> None:
    with open_store(backend.db) as store:
        assert isinstance(store, SqlStore)
        fill(store)
        everything = [document["id"] for document in store.documents()]
        assert [document["id"] for document in store.documents(limit=limit)] == everything[:limit]


def test_the_walk_reads_one_snapshot(backend: Backend) -> None:
    """Documents written while an export walks the table are not in it (nor half of them)."""
    with open_store(backend.db) as store:
        assert isinstance(store, SqlStore)
        fill(store, batches=2)
        before = [document["id"] for document in store.documents()]
        walk = store.documents()
        first = next(walk)
        fill(store, batches=1, size=4, name="new")  # later created_at: they would come last
        rest = [document["id"] for document in walk]
        assert [first["id"], *rest] == before
        assert len(list(store.documents())) == len(before) + 4


def test_a_walk_left_early_ends_its_transaction(backend: Backend) -> None:
    with open_store(backend.db) as store:
        assert isinstance(store, SqlStore)
        fill(store, batches=1)
        walk = store.documents()
        next(walk)
        walk.close()  # what an export stopped halfway does; a writer must not wait for it
        fill(store, batches=1, name="new")
        assert len(list(store.documents())) == 10
