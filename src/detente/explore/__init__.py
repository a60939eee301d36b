"""Queries over stored records, one set for the CLI (`detente query`), the REST API and the
dashboard: dyad series, top actors and dyads, an actor's profile, the actor network, quote
search, event listing, the article view, and the overview (corpus summary, places of events).

Every function takes an open `Store` first and keyword arguments after; actor arguments are code
patterns matched by prefix ("RUS" matches RUS, RUSGOV, RUSMIL). The SQL runs unchanged on DuckDB
and PostgreSQL and aggregates in the database. Bad arguments raise ExploreError (E900–E911).
Dyad series, top dyads and the network count events once per story by default (`count`: see
detente.explore.merge); the listings list every report.
"""

from detente.explore.actors import actor_network, top_actors, top_dyads
from detente.explore.documents import document_view
from detente.explore.dyads import dyad_series
from detente.explore.events import list_events
from detente.explore.overview import corpus_summary, top_places
from detente.explore.profile import actor_profile
from detente.explore.quotes import search_quotes
from detente.explore.results import (
    ActorCount,
    ActorPeriod,
    ActorProfile,
    Count,
    DocumentView,
    DyadCount,
    DyadPoint,
    DyadSeries,
    EventRow,
    Highlight,
    Network,
    NetworkEdge,
    NetworkNode,
    Page,
    Partner,
    Period,
    PlaceCount,
    QuoteHit,
    Summary,
)

__all__ = [
    "ActorCount",
    "ActorPeriod",
    "ActorProfile",
    "Count",
    "DocumentView",
    "DyadCount",
    "DyadPoint",
    "DyadSeries",
    "EventRow",
    "Highlight",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "Page",
    "Partner",
    "Period",
    "PlaceCount",
    "QuoteHit",
    "Summary",
    "actor_network",
    "actor_profile",
    "corpus_summary",
    "document_view",
    "dyad_series",
    "list_events",
    "search_quotes",
    "top_actors",
    "top_dyads",
    "top_places",
]
