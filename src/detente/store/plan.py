"""Deciding, for a batch of successful Results, which documents to insert, replace or link to.

The rules, in order, for a Result with document id X, body hash H, from input unit K:

1. a document X is stored (or earlier in the batch):
   - with another body hash, from another file or URL: a different document that reuses the id
     (two JSONL files both numbering their records from 1): it becomes X~B, B the first 8 hex
     digits of its body hash, and these rules start again with that id;
   - with another body hash: the content behind id X changed, replace it in place;
   - stored from K itself: a rerun, replace it in place (same text, fresh annotations);
   - stored from another unit: the same body seen again, link K to it and keep its text;
2. else a document with body hash H is stored: link K to it ("identical bodies stored once");
3. else insert a new document X.

Keeping the first unit's text (rule 1, third case) makes a rerun of the same batch idempotent:
bodies equal up to case and whitespace do not overwrite each other in turn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from detente.records import Result, document_id
from detente.store.rows import Row, document_row, source_row, storable


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: str
    body_hash: str
    source_key: str  # the input unit its stored text came from
    origin: str  # that unit's file or URL


@dataclass(slots=True)
class BatchPlan:
    documents: dict[str, Row] = field(default_factory=dict)  # id → row to insert or replace
    links: list[Row] = field(default_factory=list)  # one `sources` row per Result
    inserted: int = 0
    updated: int = 0
    linked: int = 0
    renamed: list[str] = field(default_factory=list)  # ids given as X, stored as X~B (rule 1)


def identify(result: Result) -> tuple[str, str]:
    """(document id, body hash) of a successful Result."""
    if result.article is None:
        raise ValueError(f"{result.source.key}: a failed Result has no document")
    return storable(document_id(result.id, result.article.text)), result.body_hash or ""


def plan_documents(results: Sequence[Result], stored: Iterable[StoredDocument]) -> BatchPlan:
    """Apply the module's rules to `results` in order, given the stored documents they touch."""
    known = {document.id: document for document in stored}
    by_hash: dict[str, str] = {}
    for document in sorted(known.values(), key=lambda d: d.id):
        by_hash.setdefault(document.body_hash, document.id)
    plan = BatchPlan()
    for result in results:
        doc_id, body_hash = identify(result)
        key = storable(result.source.key)
        origin = storable(result.source.path or result.source.url) or key
        current = known.get(doc_id)
        if current is not None and current.body_hash != body_hash and current.origin != origin:
            doc_id = f"{doc_id}~{body_hash[:8]}"
            plan.renamed.append(doc_id)
            current = known.get(doc_id)
        target = doc_id
        if current is None and body_hash in by_hash:
            target = by_hash[body_hash]
            plan.linked += 1
        elif current is not None and current.body_hash == body_hash and current.source_key != key:
            plan.linked += 1
        else:
            if current is None:
                plan.inserted += 1
            else:
                plan.updated += 1
                if by_hash.get(current.body_hash) == doc_id:
                    del by_hash[current.body_hash]  # that body is no longer behind this id
            plan.documents[doc_id] = document_row(result, doc_id, body_hash)
            known[doc_id] = StoredDocument(doc_id, body_hash, key, origin)
            by_hash.setdefault(body_hash, doc_id)
        plan.links.append(source_row(result, target))
    return plan
