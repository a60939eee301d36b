"""The OpenAPI schema lists every route, every route's real answer fits its schema, and /docs
shows it with Swagger UI from this server alone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from api_client import TestClient
from pydantic import TypeAdapter

from detente import __version__
from detente.api import schemas
from detente.explore.filters import CODE_PATTERN

EXPECTED_PATHS = {
    ("GET", "/api/stats"),
    ("GET", "/api/overview"),
    ("GET", "/api/places"),
    ("GET", "/api/actors"),
    ("GET", "/api/dyads"),
    ("GET", "/api/network"),
    ("GET", "/api/dyad"),
    ("GET", "/api/actor"),
    ("GET", "/api/events"),
    ("GET", "/api/events.csv"),
    ("GET", "/api/quotes"),
    ("GET", "/api/quotes.csv"),
    ("GET", "/api/documents/{document_id}"),
    ("POST", "/api/documents"),
}


def test_openapi_lists_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "detente"
    assert spec["info"]["version"] == __version__
    listed = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    assert listed == EXPECTED_PATHS


def test_openapi_documents_parameters_and_security(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    events = spec["paths"]["/api/events"]["get"]
    parameters = {p["name"]: p for p in events["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == 500
    source_pattern = parameters["source"]["schema"]["anyOf"][0]["pattern"]
    assert source_pattern == f"^{CODE_PATTERN.pattern}$"  # what detente.explore accepts
    post = spec["paths"]["/api/documents"]["post"]
    assert post["security"] == [{"HTTPBearer": []}]
    assert {"401", "403", "413", "422"} <= set(post["responses"])
    assert "PostedDocument" in spec["components"]["schemas"]


ASSET = re.compile(r'\b(?:src|href)="([^"]*)"')


def test_docs_load_only_this_server_s_assets(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assets = ASSET.findall(page.text)
    assert {"/static/vendor/swagger-ui-bundle.js", "/static/vendor/swagger-ui.css"} <= set(assets)
    for asset in assets:
        assert asset.startswith("/static/"), f"/docs loads {asset} from elsewhere"
        assert client.get(asset).status_code == 200, asset
    # no address of another site anywhere in the page or its own script (a CDN, the validator)
    script = client.get("/static/docs.js").text
    assert "//" not in page.text
    assert "validatorUrl: null" in script and "://" not in script
    assert client.get("/redoc").status_code == 404  # FastAPI's own pages use a CDN: off


ROUTE_MODELS: list[tuple[str, dict[str, Any], Any]] = [
    ("/api/stats", {}, schemas.StatsModel),
    ("/api/overview", {}, schemas.SummaryModel),
    ("/api/places", {"limit": 500}, schemas.PlacePageModel),
    ("/api/places", {"group": "country"}, schemas.PlacePageModel),
    ("/api/actors", {"limit": 500}, schemas.ActorPageModel),
    ("/api/actors", {"q": "rus"}, schemas.ActorPageModel),
    ("/api/dyads", {"limit": 500}, schemas.DyadPageModel),
    ("/api/network", {}, schemas.NetworkModel),
    (
        "/api/dyad",
        {"source": "RUS", "target": "IGOWSTNAT", "both": "true"},
        schemas.DyadSeriesModel,
    ),
    ("/api/actor", {"code": "RUS", "by": "week"}, schemas.ActorProfileModel),
    ("/api/events", {"limit": 500}, schemas.EventPageModel),
    ("/api/quotes", {"limit": 500}, schemas.QuotePageModel),
    ("/api/quotes", {"text": "NATO Russia"}, schemas.QuotePageModel),
]


@pytest.mark.parametrize(("path", "params", "model"), ROUTE_MODELS)
def test_answers_fit_their_schema(
    client: TestClient, path: str, params: dict[str, Any], model: Any
) -> None:
    body = client.get(path, params=params).json()
    assert body, f"{path} answered nothing to check"
    TypeAdapter(model).validate_python(body)  # extra keys are refused: no drift


def test_document_view_fits_its_schema(client: TestClient) -> None:
    event = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    body = client.get(f"/api/documents/{event['document_id']}").json()
    view = schemas.DocumentViewModel.model_validate(body)
    assert view.highlights
    assert len(view.events) == len({h.record_id for h in view.highlights if h.kind == "event"})
