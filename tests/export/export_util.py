"""Stored documents for the export tests, built from the records (no spaCy), and the export
command on a Typer app of its own (the main app's wiring is the lead's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import typer

from detente.cli.export import export
from detente.records import (
    Actor,
    Article,
    Driver,
    Entity,
    Event,
    EventActor,
    Location,
    Plover,
    Quote,
    Result,
    Source,
    Span,
    Speaker,
    document_id,
    sha256_hex,
)
from detente.store import open_store

HEADING = "Russia and NATO"
LEAD = "Russia's envoy Alexander Grushko said NATO had chosen confrontation."
BODY = (
    f"{HEADING}\n\n{LEAD}\n\n"
    'NATO ended all cooperation with Russia in Brussels on April 1. "We will not\tmeet," '
    "Grushko said.\n\nThe US government and its businesses agreed to help Ukraine in May."
)
PUBLISHED = "2014-12-03"
URL = "https://example.org/russia-nato"
UNDATED_BODY = "Moscow criticised the alliance.\n\nThe alliance said nothing."


def span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span.of(text, start, start + len(words))


def side(actor: Actor, text: str) -> EventActor:
    return EventActor(actor.id, actor.name, actor.code, text)


def event(
    event_id: str,
    evidence: Span,
    source: Actor,
    target: Actor | None,
    cameo: str,
    goldstein: float,
    quad_class: int,
    plover: Plover | None = None,
    **details: Any,
) -> Event:
    return Event(
        id=event_id,
        source=side(source, source.name),
        target=side(target, target.name) if target else None,
        plover=plover,
        cameo=cameo,
        goldstein=goldstein,
        intensity=details.pop("intensity", None),
        quad_class=quad_class,
        evidence=evidence,
        sentence=details.pop("sentence", 1),
        rule=details.pop("rule", "test.rule"),
        confidence=0.7,
        **details,
    )


def rbth_like() -> Result:
    """A document with a statement, a historical sanction (with the drivers of its coding), a
    negated rejection and an agreement with a month-only date; a heading before the lead
    paragraph."""
    text = BODY
    grushko = Actor(
        "A1",
        "Alexander Grushko",
        "person",
        [span(text, "Alexander Grushko"), span(text, "Grushko", text.index("We will"))],
        role="envoy to NATO",
        organization="Russia",
        code="RUSGOV",
        country="RUS",
        sector="GOV",
        rule="dictionary",
    )
    nato = Actor("A2", "NATO", "organization", [span(text, "NATO")], code="IGOWSTNAT")
    russia = Actor("A3", "Russia", "state", [span(text, "Russia", 20)], code="RUS")
    usa = Actor("A4", "US government", "organization", [span(text, "US government")])
    usa.code = "USAGOVBUSGOV"
    ukraine = Actor("A5", "Ukraine", "state", [span(text, "Ukraine")], code="UKR")
    quote = Quote(
        "Q1",
        "direct",
        span(text, "We will not\tmeet,"),
        span(text, "said", text.index("We will")),
        Speaker(
            "A1", "Alexander Grushko", span(text, "Grushko", text.index("We will")), "explicit"
        ),
        0.9,
        "direct.after",
    )
    events = [
        event("E1", span(text, LEAD), grushko, nato, "012", -0.4, 1, quote=None),
        event(
            "E2",
            span(text, "NATO ended all cooperation with Russia"),
            nato,
            russia,
            "161",
            -4.0,
            4,
            Plover("SANCTION", "withdraw", ("diplomatic",)),
            intensity=-6.0,
            date="2014-04-01",
            date_text="April 1",
            location=Location("Brussels", "BEL", 50.85045, 4.34878),
            historical=True,
            drivers=(Driver("ended", 0.82), Driver("vote type:SANCTION", 0.41)),
        ),
        event(
            "E3",
            span(text, '"We will not\tmeet," Grushko said.'),
            grushko,
            nato,
            "125",
            -5.0,
            3,
            Plover("REJECT", "meet", ("diplomatic",)),
            intensity=-2.0,
            negated=True,
            quote="Q1",
        ),
        event(
            "E4",
            span(text, "The US government and its businesses agreed to help Ukraine"),
            usa,
            ukraine,
            "0311",
            5.2,
            1,
            Plover("AGREE", None, ("economic", "diplomatic")),
            intensity=2.5,
            date="2014-05",
            date_text="May",
            location=Location("Ukraine", "UKR"),
        ),
    ]
    return result(
        "rbth-like.txt",
        text,
        published=PUBLISHED,
        url=URL,
        actors=[grushko, nato, russia, usa, ukraine],
        quotes=[quote],
        events=events,
        entities=[Entity(span(text, "Brussels"), "GPE"), Entity(span(text, "Ukraine"), "GPE")],
        headings=[span(text, HEADING)],
    )


def undated() -> Result:
    """A document with no publication date and an event with no date of its own."""
    text = UNDATED_BODY
    moscow = Actor("A1", "Moscow", "state", [span(text, "Moscow")], code="RUSGOV")
    alliance = Actor("A2", "NATO", "organization", [span(text, "the alliance")], code="IGOWSTNAT")
    criticism = event(
        "E1",
        span(text, "Moscow criticised the alliance."),
        moscow,
        alliance,
        "111",
        -2.0,
        3,
        Plover("ACCUSE", None, ()),
        sentence=0,
    )
    return result("undated.txt", text, actors=[moscow, alliance], events=[criticism])


def result(
    path: str,
    text: str,
    *,
    published: str | None = None,
    url: str | None = None,
    actors: list[Actor],
    quotes: list[Quote] | None = None,
    events: list[Event],
    entities: list[Entity] | None = None,
    headings: list[Span] | None = None,
) -> Result:
    return Result(
        id=document_id(None, text),
        source=Source(path=path, format="text", url=url),
        article=Article(
            text=text,
            title=f"Title of {path}",
            publisher="Example News",
            published=published,
            language="en",
            headings=headings or [],
        ),
        sentences=[Span.of(text, 0, len(text))],
        entities=entities or [],
        actors=actors,
        quotes=quotes or [],
        events=events,
        content_hash=sha256_hex(text),
    )


def write_database(db: Path | str, results: list[Result] | None = None) -> None:
    with open_store(db) as store:
        store.write(results if results is not None else [rbth_like(), undated()])


def stored_documents(db: Path | str) -> list[dict[str, Any]]:
    with open_store(db, read_only=True) as store:
        return list(store.documents())


def stored_events(db: Path | str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(document, event) for every stored event."""
    return [(doc, ev) for doc in stored_documents(db) for ev in doc["events"]]


def read_table(path: Path, fmt: str) -> pd.DataFrame:
    """An export read back the way users read it; codes kept as strings."""
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    text_columns = {
        "cameo": str,
        "cameo_root": str,
        "EventCode": str,
        "EventBaseCode": str,
        "EventRootCode": str,
    }
    return pd.read_csv(path, sep="," if fmt == "csv" else "\t", dtype=text_columns)


def export_app() -> typer.Typer:
    app = typer.Typer()
    app.command()(export)
    return app


STORY_PARAGRAPHS = (
    "Russia's envoy to NATO, Alexander Grushko, accused the alliance of choosing confrontation "
    "over dialogue in a speech in Moscow on Wednesday, saying that the expansion of its forces "
    "along the eastern flank left Moscow little room for the talks both sides had planned.",
    "NATO ended all cooperation with Russia in Brussels on April 1, after the annexation of "
    "Crimea, and has since kept only the channels of its council open to the Russian mission, "
    "which meets there rarely and without an agenda agreed in advance.",
    "Diplomats in Brussels expect no change before the summit in Wales next year, when the "
    "allies will review the plans for their rapid reaction force and the money each of them "
    "spends on defence, which most of them have cut over the last decade.",
)
# The words each variant edits, as a republisher might.
STORY_EDITS = (
    (),
    (("in a speech in Moscow", "in a Moscow speech"), ("expect no change", "see no change")),
    (("on Wednesday", "this week"), ("most of them have cut", "most have cut")),
)
STORY_FRAMES = (  # boilerplate before and after, headline, publisher, URL
    ("", "", "Grushko: NATO chose confrontation", "Example News", "https://example.org/a"),
    (
        "World | Europe | Russia",
        "Subscribe to our newsletter for the day's news.",
        "Russia accuses NATO",
        "Other Wire",
        "https://wire.example/russia-nato-1",
    ),
    (
        "Home > News",
        "© Example News. All rights reserved.",
        "Moscow's envoy blames the alliance",
        "EXAMPLE NEWS",  # the first one's publisher, in capitals
        "https://www.example.org/b?id=3",
    ),
)
STORY_PUBLISHED = "2014-12-03"


def story_variant(number: int, *, repeat: bool = False) -> Result:
    """Variant `number` (0-2) of one story: other boilerplate, headline, publisher, URL and a
    few words; each reports Grushko's accusation (RUSGOV → IGOWSTNAT, 111) and the end of
    cooperation (IGOWSTNAT → RUS, 161, April 1); `repeat` reports the accusation twice."""
    before, after, title, publisher, url = STORY_FRAMES[number]
    paragraphs = list(STORY_PARAGRAPHS)
    for old, new in STORY_EDITS[number]:
        paragraphs = [paragraph.replace(old, new) for paragraph in paragraphs]
    if repeat:
        paragraphs.append("Grushko accused the alliance again later in the day.")
    text = "\n\n".join(part for part in (before, *paragraphs, after) if part)
    grushko = Actor("A1", "Alexander Grushko", "person", [span(text, "Alexander Grushko")])
    grushko.code = "RUSGOV"
    nato = Actor("A2", "NATO", "organization", [span(text, "NATO")], code="IGOWSTNAT")
    russia = Actor("A3", "Russia", "state", [span(text, "Russia", text.index("NATO ended"))])
    russia.code = "RUS"
    accusation = Plover("ACCUSE", None, ())
    events = [
        event(
            "E1",
            span(text, "Alexander Grushko, accused the alliance"),
            grushko,
            nato,
            "111",
            -2.0,
            3,
            accusation,
        ),
        event(
            "E2",
            span(text, "NATO ended all cooperation with Russia"),
            nato,
            russia,
            "161",
            -4.0,
            4,
            Plover("SANCTION", "withdraw", ()),
            date="2014-04-01",
            date_text="April 1",
        ),
    ]
    if repeat:
        events.append(
            event(
                "E3",
                span(text, "Grushko accused the alliance again"),
                grushko,
                nato,
                "111",
                -2.0,
                3,
                accusation,
            )
        )
    found = result(
        f"variant-{number}.html",
        text,
        published=STORY_PUBLISHED,
        url=url,
        actors=[grushko, nato, russia],
        events=events,
    )
    found.article.title = title
    found.article.publisher = publisher
    return found


def unrelated_report() -> Result:
    """Another article, published the same day, reporting an accusation of the same sides and
    code: another story, so another event."""
    text = (
        "Alexander Grushko accused the alliance of bad faith at a briefing for foreign "
        "journalists.\n\nThe ministry published a transcript of his remarks in the evening, "
        "along with a list of the exercises it says the allies held near the border."
    )
    grushko = Actor("A1", "Alexander Grushko", "person", [span(text, "Alexander Grushko")])
    grushko.code = "RUSGOV"
    nato = Actor("A2", "NATO", "organization", [span(text, "the alliance")], code="IGOWSTNAT")
    accusation = event(
        "E1",
        span(text, "Alexander Grushko accused the alliance of bad faith"),
        grushko,
        nato,
        "111",
        -2.0,
        3,
        Plover("ACCUSE", None, ()),
    )
    return result(
        "unrelated.txt",
        text,
        published=STORY_PUBLISHED,
        actors=[grushko, nato],
        events=[accusation],
    )


def story_corpus() -> list[Result]:
    """The three variants of one story (the second reporting the accusation twice), an
    unrelated report between them."""
    return [story_variant(0), unrelated_report(), story_variant(1, repeat=True), story_variant(2)]
