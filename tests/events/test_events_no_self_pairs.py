"""Real news (PolNeAR texts, read from ../shared): no event pairs an actor with itself, and no
act is coded twice."""

from __future__ import annotations

import pytest
from events_util import model

from detente.actors import code_actors, load_actor_dictionary
from detente.events import selected_coder
from detente.quotes import attribute_quotes
from shared_data import shared_path

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_no_self_pairs_and_no_event_twice_on_real_news() -> None:
    folder = shared_path("data", "quotes", "polnear-train", "text")
    coder, dictionary = selected_coder(), load_actor_dictionary()
    events = []
    # 21 articles from every outlet and month, and two where a statement was coded from its
    # cue and again from its quote, both starting at "he"
    twins = ["west-journal_2016-07-27_clinton-campaign-manager-laughs-.txt",
             "wash-post_2016-03-18_why-obama-s-high-court-pick-migh.txt"]  # fmt: skip
    for path in [*sorted(folder.glob("*.txt"))[::40], *(folder / name for name in twins)]:
        doc = model()(path.read_text(encoding="utf-8"))
        quotes = attribute_quotes(doc)
        found = code_actors(doc, dictionary, speakers=quotes.speakers)
        coded = coder.code(doc, found, quotes=quotes.quotes)
        keys = [
            (e.cameo, e.source and e.source.actor, e.target and e.target.actor, e.evidence.start)
            for e in coded
        ]
        assert len(keys) == len(set(keys)), path.name
        events += [(e, {a.id: a for a in found.actors}) for e in coded]
    paired = [(e, actors) for e, actors in events if e.source and e.target]
    assert len(paired) >= 15
    for event, actors in paired:
        assert event.source is not None and event.target is not None
        if event.source.actor == event.target.actor:  # only a meeting among an actor's members
            assert event.cameo.startswith("04") and actors[event.source.actor].kind != "person"
