"""One stored document with what an article view highlights: actor mentions, quotes with their
cues and speakers, and event evidence, each with a label and the record's rule and codes."""

from __future__ import annotations

from typing import Any

from detente.explore.results import DocumentView, Highlight, HighlightKind
from detente.store import Store

MINUS = "\u2212"  # a typographic minus reads better than a hyphen in "(−4.0)"
EVENT_FLAGS = ("negated", "hypothetical", "future", "historical")
# Among highlights starting at the same place: the longer first, then by kind in this order.
KIND_ORDER: dict[HighlightKind, int] = {"quote": 0, "event": 1, "speaker": 2, "cue": 3, "actor": 4}


def document_view(store: Store, document_id: str) -> DocumentView | None:
    """The document `document_id` with its highlights, by start (longer first); None when the
    store has no such document. Highlight offsets index the document's `text`."""
    document = store.document(document_id)
    if document is None:
        return None
    highlights = [
        *_actor_highlights(document.get("actors") or []),
        *_quote_highlights(document.get("quotes") or []),
        *_event_highlights(document.get("events") or []),
    ]
    highlights.sort(key=lambda h: (h.start, -h.end, KIND_ORDER[h.kind], h.record_id))
    return DocumentView(document=document, highlights=highlights)


def _highlight(
    kind: HighlightKind,
    record_id: str,
    span: dict[str, Any],
    label: str,
    rule: str | None,
    codes: dict[str, Any],
) -> Highlight:
    return Highlight(kind, record_id, span["start"], span["end"], span["text"], label, rule, codes)


def _actor_highlights(actors: list[dict[str, Any]]) -> list[Highlight]:
    highlights: list[Highlight] = []
    for actor in actors:
        label = " ".join(part for part in (actor.get("code"), actor["name"]) if part)
        codes = {
            key: actor.get(key)
            for key in ("code", "country", "sector", "kind", "role", "organization")
        }
        highlights.extend(
            _highlight("actor", actor["id"], mention, label, actor.get("rule"), codes)
            for mention in actor.get("mentions") or []
        )
    return highlights


def _quote_highlights(quotes: list[dict[str, Any]]) -> list[Highlight]:
    highlights: list[Highlight] = []
    for quote in quotes:
        quote_id, speaker = quote["id"], quote.get("speaker") or {}
        name = speaker.get("name") or "unknown speaker"
        codes = {
            "type": quote.get("type"),
            "speaker": speaker.get("actor"),
            "resolution": speaker.get("resolution"),
            "confidence": quote.get("confidence"),
        }
        rule = quote.get("rule")
        highlights.append(
            _highlight("quote", quote_id, quote["content"], f"{quote_id} {name}", rule, codes)
        )
        if quote.get("cue"):
            highlights.append(
                _highlight("cue", quote_id, quote["cue"], f"{quote_id} cue", rule, codes)
            )
        if speaker.get("mention"):
            mention, label = speaker["mention"], f"{quote_id} speaker {name}"
            highlights.append(_highlight("speaker", quote_id, mention, label, rule, codes))
    return highlights


def _event_highlights(events: list[dict[str, Any]]) -> list[Highlight]:
    highlights: list[Highlight] = []
    for event in events:
        source, target = event.get("source") or {}, event.get("target") or {}
        plover = event.get("plover") or {}
        codes = {
            "source": source.get("code"),
            "source_name": source.get("name"),
            "target": target.get("code"),
            "target_name": target.get("name"),
            "cameo": event.get("cameo"),
            "plover_type": plover.get("type"),
            "plover_mode": plover.get("mode"),
            "quad_class": event.get("quad_class"),
            "goldstein": event.get("goldstein"),
            "date": event.get("date"),
            **{flag: event.get(flag) for flag in EVENT_FLAGS},
        }
        highlights.append(
            _highlight(
                "event",
                event["id"],
                event["evidence"],
                event_label(event),
                event.get("rule"),
                codes,
            )
        )
    return highlights


def event_label(event: dict[str, Any]) -> str:
    """ "E7 REJECT 128 (−4.0)": id, PLOVER type (when it has one), CAMEO code, Goldstein."""
    plover = event.get("plover") or {}
    parts = [event["id"], plover.get("type"), event.get("cameo")]
    goldstein = event.get("goldstein")
    if goldstein is not None:
        parts.append(f"({signed(goldstein)})")
    return " ".join(str(part) for part in parts if part)


def signed(value: float) -> str:
    """A score with its sign: +3.0, −4.0 (typographic minus), 0.0."""
    text = f"{value:+.1f}"
    if text in ("+0.0", "-0.0"):
        return "0.0"
    return text.replace("-", MINUS)
