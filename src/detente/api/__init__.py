"""The REST API and the web dashboard: one FastAPI app over a detente database.

    create_app(db, token=None) → FastAPI     JSON under /api, the dashboard at /, /openapi.json,
                                             Swagger UI at /docs

Every JSON route calls `detente.explore`, the query module the CLI uses too. The dashboard is
static HTML, CSS and ES modules with Vega-Lite and Swagger UI vendored under static/vendor/: no
CDN, no build step, a strict Content-Security-Policy on every response.
"""

from __future__ import annotations

from detente.api.app import create_app

__all__ = ["create_app"]
