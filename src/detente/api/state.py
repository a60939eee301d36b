"""What the routes of one app share: its store, its token and, once built, its pipeline."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from detente.settings import Settings
from detente.store import Store

if TYPE_CHECKING:
    from detente.pipeline import Pipeline


@dataclass
class ApiState:
    db: str
    token: str | None  # None: read-only
    settings: Settings
    store: Store | None = None  # open while the app runs (its lifespan)
    pipeline: Pipeline | None = None  # built on the first POST: it loads the spaCy model
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def read_only(self) -> bool:
        return self.token is None


def api_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


def open_store_of(request: Request) -> Store:
    store = api_state(request).store
    if store is None:
        raise RuntimeError("the app's store is not open: run the app with its lifespan")
    return store


StoreDep = Annotated[Store, Depends(open_store_of)]
StateDep = Annotated[ApiState, Depends(api_state)]
