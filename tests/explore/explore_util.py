"""Stored records with known values for the explore tests: Results built from the records
(no spaCy), written through the real store, then read back through `detente.explore`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from detente.records import (
    Actor,
    ActorKind,
    Article,
    Driver,
    Event,
    EventActor,
    Plover,
    Quote,
    Result,
    Source,
    Span,
    Speaker,
    sha256_hex,
)
from detente.store import Store, open_store


@dataclass
class DocumentBuilder:
    """A document written sentence by sentence; each record's spans point into its text."""

    id: str
    published: str | None
    title: str | None = None
    text: str = ""
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def _write(self, *pieces: str) -> list[Span]:
        """Append a sentence made of `pieces`; the span of each piece."""
        if self.text:
            self.text += " "
        spans = []
        for piece in pieces:
            start = len(self.text)
            self.text += piece
            spans.append(Span(start, len(self.text), piece))
        return spans

    def actor(
        self,
        name: str,
        code: str | None,
        kind: ActorKind = "state",
        *,
        mentions: int = 1,
        role: str | None = None,
        organization: str | None = None,
    ) -> str:
        actor_id = f"A{len(self.actors) + 1}"
        spans = [self._write(name, " was named.")[0] for _ in range(mentions)]
        self.actors.append(
            Actor(
                id=actor_id,
                name=name,
                kind=kind,
                mentions=spans,
                role=role,
                organization=organization,
                code=code,
                country=code[:3] if code else None,
                sector=(code[3:] or None) if code else None,
                rule=f"dictionary {code}",
            )
        )
        return actor_id

    def quote(
        self, speaker: str | None, content: str, *, mention: str, name: str | None = None
    ) -> str:
        """A direct quote of `speaker` (an actor id, or None and `name`): “content” MENTION said."""
        quote_id = f"Q{len(self.quotes) + 1}"
        actor = self._actor(speaker) if speaker else None
        _, content_span, _, mention_span, _, cue_span, _ = self._write(
            "“", content, "” ", mention, " ", "said", "."
        )
        self.quotes.append(
            Quote(
                id=quote_id,
                type="direct",
                content=content_span,
                cue=cue_span,
                speaker=Speaker(
                    actor=speaker,
                    name=actor.name if actor else name or mention,
                    mention=mention_span,
                    resolution="explicit",
                ),
                confidence=0.9,
                rule="direct-quote",
            )
        )
        return quote_id

    def event(
        self,
        source: str,
        target: str | None,
        *,
        cameo: str,
        goldstein: float,
        quad_class: int,
        plover: str | None = None,
        context: tuple[str, ...] = (),
        date: str | None = None,
        event_id: str | None = None,
        negated: bool = False,
        hypothetical: bool = False,
        future: bool = False,
        historical: bool = False,
        drivers: tuple[Driver, ...] = (),
    ) -> str:
        event_id = event_id or f"E{len(self.events) + 1}"
        source_actor = self._actor(source)
        target_actor = self._actor(target) if target else None
        words = [source_actor.name, f" did {cameo}"]
        if target_actor:
            words += [" to ", target_actor.name]
        (evidence,) = self._write("".join(words) + ".")
        self.events.append(
            Event(
                id=event_id,
                source=_side(source_actor),
                target=_side(target_actor) if target_actor else None,
                plover=Plover(plover, None, context) if plover else None,
                cameo=cameo,
                goldstein=goldstein,
                intensity=None,
                quad_class=quad_class,
                evidence=evidence,
                sentence=0,
                rule=f"test pattern {cameo}",
                confidence=0.8,
                date=date,
                negated=negated,
                hypothetical=hypothetical,
                future=future,
                historical=historical,
                drivers=drivers,
            )
        )
        return event_id

    def paragraph(self, text: str) -> None:
        """Append words that hold no record (what makes near duplicates near)."""
        self._write(text)

    def _actor(self, actor_id: str) -> Actor:
        return next(actor for actor in self.actors if actor.id == actor_id)

    def result(self) -> Result:
        return Result(
            id=self.id,
            source=Source(path=f"{self.id}.txt", format="text"),
            article=Article(
                text=self.text, title=self.title, published=self.published, language="en"
            ),
            actors=self.actors,
            quotes=self.quotes,
            events=self.events,
            content_hash=sha256_hex(self.text),
        )


def _side(actor: Actor) -> EventActor:
    return EventActor(actor=actor.id, name=actor.name, code=actor.code, text=actor.name)


@contextmanager
def filled(db: str, results: Sequence[Result]) -> Iterator[Store]:
    """`db` with `results` written, opened read-only as `detente query` opens it."""
    with open_store(db) as store:
        store.write(list(results))
    with open_store(db, read_only=True) as store:
        yield store


def dyad_corpus() -> list[Result]:
    """Russia (RUS, RUSGOV, RUSMIL) and NATO (IGOWSTNAT, IGOWSTNATMIL) over four months, and
    events of other dyads. Expected values are worked out in test_explore_dyads.py."""
    d1 = DocumentBuilder("d1", "2014-12-03", "Brussels talks end in discord")
    russia, nato = d1.actor("Russia", "RUS"), d1.actor("NATO", "IGOWSTNAT", "organization")
    grushko = d1.actor("Alexander Grushko", "RUSGOV", "person")
    army = d1.actor("Russian army", "RUSMIL", "group")
    d1.event(grushko, nato, cameo="111", goldstein=-2.0, quad_class=3, plover="ACCUSE")
    d1.event(army, nato, cameo="150", goldstein=-7.2, quad_class=4, plover="MOBILIZE")
    d1.event(
        nato,
        russia,
        cameo="163",
        goldstein=-8.0,
        quad_class=4,
        plover="SANCTION",
        context=("economic", "diplomatic"),
        historical=True,
        drivers=(Driver("sanctions", 0.82), Driver("vote type:SANCTION", 0.41)),
    )

    d2 = DocumentBuilder("d2", "2014-12-10", "A thaw")
    russia, nato = d2.actor("Russia", "RUS"), d2.actor("NATO", "IGOWSTNAT", "organization")
    grushko = d2.actor("Alexander Grushko", "RUSGOV", "person")
    command = d2.actor("NATO military command", "IGOWSTNATMIL", "organization")
    d2.event(russia, nato, cameo="036", goldstein=4.0, quad_class=1, plover="CONSULT", future=True)
    d2.event(
        grushko,
        command,
        cameo="057",
        goldstein=8.0,
        quad_class=1,
        plover="AGREE",
        hypothetical=True,
    )

    d3 = DocumentBuilder("d3", "2015-02-20", "Cooperation")
    russia, nato = d3.actor("Russia", "RUS"), d3.actor("NATO", "IGOWSTNAT", "organization")
    d3.event(russia, nato, cameo="061", goldstein=7.0, quad_class=2, plover="COOPERATE")

    d4 = DocumentBuilder("d4", None, "Undated")
    russia, nato = d4.actor("Russia", "RUS"), d4.actor("NATO", "IGOWSTNAT", "organization")
    d4.event(
        russia,
        nato,
        cameo="130",
        goldstein=-5.0,
        quad_class=3,
        plover="THREATEN",
        date="2015-03-05",
        negated=True,
    )
    d4.event(russia, nato, cameo="120", goldstein=-4.0, quad_class=3, plover="REJECT")

    d5 = DocumentBuilder("d5", "2015-02-20", "Elsewhere")
    usa, china = d5.actor("United States", "USA"), d5.actor("China", "CHN")
    ministry = d5.actor("Russian ministry", "RUSGOV", "organization")
    ukraine, kremlin = d5.actor("Ukraine", "UKR"), d5.actor("Kremlin", "RUSGOV", "organization")
    d5.event(usa, china, cameo="042", goldstein=1.9, quad_class=1, plover="CONSULT")
    d5.event(ministry, ukraine, cameo="190", goldstein=-10.0, quad_class=4, plover="ASSAULT")
    d5.event(ministry, kremlin, cameo="043", goldstein=2.8, quad_class=1, plover="CONSULT")
    d5.event(ministry, None, cameo="010", goldstein=0.0, quad_class=1, event_id="E10")
    return [doc.result() for doc in (d1, d2, d3, d4, d5)]


def actor_corpus() -> list[Result]:
    """Two documents; the counts they give are worked out in test_explore_actors.py."""
    a = DocumentBuilder("a", "2014-12-03", "Discord")
    russia = a.actor("Russia", "RUS", mentions=3)
    nato = a.actor("NATO", "IGOWSTNAT", "organization", mentions=2)
    grushko = a.actor("Alexander Grushko", "RUSGOV", "person", mentions=2)
    army = a.actor("Russian army", "RUSMIL", "group", mentions=1)
    a.quote(grushko, "NATO is not ready for dialogue.", mention="Grushko")
    a.quote(nato, "The alliance stays open.", mention="NATO")
    a.event(grushko, nato, cameo="111", goldstein=-2.0, quad_class=3, plover="ACCUSE")
    a.event(army, nato, cameo="150", goldstein=-7.2, quad_class=4, plover="MOBILIZE")
    a.event(nato, russia, cameo="163", goldstein=-8.0, quad_class=4, plover="SANCTION")
    a.event(grushko, army, cameo="043", goldstein=1.0, quad_class=1, plover="CONSULT")

    b = DocumentBuilder("b", "2015-01-10", "Conflict")
    russia = b.actor("Russia", "RUS", mentions=1)
    moscow = b.actor("Moscow", "RUS", mentions=1)
    ukraine = b.actor("Ukraine", "UKR", mentions=2)
    nato = b.actor("NATO", "IGOWSTNAT", "organization", mentions=0)
    diplomat = b.actor("a diplomat", None, "person", mentions=1)
    b.quote(ukraine, "We will defend our land.", mention="Kyiv")
    b.quote(diplomat, "Nobody wants this.", mention="a diplomat")
    b.event(russia, ukraine, cameo="190", goldstein=-9.0, quad_class=4, plover="ASSAULT")
    b.event(moscow, ukraine, cameo="120", goldstein=-4.0, quad_class=3, plover="REJECT")
    b.event(ukraine, nato, cameo="031", goldstein=3.0, quad_class=1, plover="AGREE")
    b.event(russia, None, cameo="010", goldstein=0.0, quad_class=1)
    return [a.result(), b.result()]


STOLTENBERG_QUOTE = (
    "The alliance will keep its doors open, will defend every ally, will talk with Moscow when "
    "Moscow is ready, and NATO stays committed to dialogue over the coming months and years."
)


def quote_corpus() -> list[Result]:
    """Five quotes in two documents (and one event, for the article view)."""
    q1 = DocumentBuilder("q1", "2014-12-03", "Barely on speaking terms")
    grushko = q1.actor(
        "Alexander Grushko", "RUSGOV", "person", role="envoy to NATO", organization="Russia"
    )
    stoltenberg = q1.actor(
        "Jens Stoltenberg", "IGOWSTNAT", "person", role="Secretary General", organization="NATO"
    )
    q1.quote(grushko, "NATO expansion is a threat, and NATO must stop it.", mention="Grushko")
    q1.quote(stoltenberg, STOLTENBERG_QUOTE, mention="Stoltenberg")
    q1.event(
        grushko,
        stoltenberg,
        cameo="128",
        goldstein=-4.0,
        quad_class=3,
        plover="REJECT",
        drivers=(Driver("rejects", 0.82), Driver("expansion threat", 0.41)),
    )

    q2 = DocumentBuilder("q2", "2015-01-10", "Frozen")
    lukyanov = q2.actor(
        "Fyodor Lukyanov",
        "RUSNGO",
        "person",
        role="chairman",
        organization="Council on Foreign and Defense Policy",
    )
    grushko = q2.actor(
        "Alexander Grushko", "RUSGOV", "person", role="envoy to NATO", organization="Russia"
    )
    q2.quote(lukyanov, "Relations between Russia and the West will stay frozen.", mention="he")
    q2.quote(grushko, "We will respond to any deployment near our borders.", mention="Grushko")
    q2.quote(None, "The talks were useful.", mention="diplomats", name="Russian diplomats")
    return [q1.result(), q2.result()]


SUMMIT = (
    "Russia's envoy accused the alliance of choosing confrontation over dialogue in a speech on "
    "Wednesday, saying that the expansion of its forces along the eastern flank left Moscow "
    "little room for the talks both sides had planned before the summit in Wales next year."
)
DRILLS = (
    "Moscow rejected the plan for new exercises near its western border in a note sent to every "
    "allied capital, which its foreign ministry published in full on its website along with a "
    "map of the areas where it says allied aircraft have flown too close to its airspace."
)


def story_corpus() -> list[Result]:
    """Near duplicates: three variants of one story (2014-12-03; each with RUSGOV → IGOWSTNAT
    111, −2.0, reported twice in s2) and two of an undated one (each RUS → IGOWSTNAT 120,
    −4.0), and a report of its own (2014-12-10, RUS → IGOWSTNAT 061, +7.0). Expected values in
    test_explore_stories.py."""
    results = []
    for number, (before, edit) in enumerate(
        [
            ("", ()),
            ("World | Europe", ("on Wednesday", "this week")),
            ("Home", ("Moscow", "Russia")),
        ]
    ):
        doc = DocumentBuilder(f"s{number}", "2014-12-03", f"Headline {number}")
        if before:
            doc.paragraph(before)
        doc.paragraph(SUMMIT.replace(*edit) if edit else SUMMIT)
        grushko = doc.actor("Alexander Grushko", "RUSGOV", "person")
        nato = doc.actor("NATO", "IGOWSTNAT", "organization")
        doc.event(grushko, nato, cameo="111", goldstein=-2.0, quad_class=3, plover="ACCUSE")
        if number == 1:
            doc.event(grushko, nato, cameo="111", goldstein=-2.0, quad_class=3, plover="ACCUSE")
        results.append(doc.result())
    for number, after in enumerate(["", "Subscribe to our newsletter."]):
        doc = DocumentBuilder(f"u{number}", None, "Drills")
        doc.paragraph(DRILLS)
        russia, nato = doc.actor("Russia", "RUS"), doc.actor("NATO", "IGOWSTNAT", "organization")
        doc.event(russia, nato, cameo="120", goldstein=-4.0, quad_class=3, plover="REJECT")
        if after:
            doc.paragraph(after)
        results.append(doc.result())
    alone = DocumentBuilder("t", "2014-12-10", "Cooperation")
    russia, nato = alone.actor("Russia", "RUS"), alone.actor("NATO", "IGOWSTNAT", "organization")
    alone.event(russia, nato, cameo="061", goldstein=7.0, quad_class=2, plover="COOPERATE")
    results.append(alone.result())
    return results
