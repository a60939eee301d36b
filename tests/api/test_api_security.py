"""Security headers on every response, no CDN and no HTML parsing of data in the dashboard's
code, vendored files as NOTICE lists them, and the Host check."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from api_client import TestClient

from detente.api import create_app
from detente.api.app import CONTENT_SECURITY_POLICY

REPO = Path(__file__).resolve().parents[2]
STATIC = files("detente.api").joinpath("static")
VIEWS = ("article.js", "dyad.js", "events.js", "quotes.js")
OUR_CODE = ["app.js", "api.js", "dom.js", *(f"views/{name}" for name in VIEWS)]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/static/app.js", 200),
        ("GET", "/static/vendor/vega-embed.min.js", 200),
        ("GET", "/static/no-such-file.js", 404),
        ("GET", "/api/stats", 200),
        ("GET", "/api/nothing", 404),
        ("GET", "/api/events?limit=0", 422),
        ("GET", "/api/documents/missing", 404),
        ("GET", "/openapi.json", 200),
        ("POST", "/api/documents", 403),
    ],
)
def test_every_response_has_the_security_headers(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path, json={"text": "x"} if method == "POST" else None)
    assert response.status_code == status
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_policy_allows_no_inline_code_or_eval() -> None:
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_scripts_and_styles_are_served_with_their_types(client: TestClient) -> None:
    for path in ("/static/app.js", "/static/views/dyad.js", "/static/vendor/vega.min.js"):
        assert "javascript" in client.get(path).headers["content-type"]
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    page = client.get("/")
    assert page.headers["content-type"].startswith("text/html")


def test_the_page_loads_only_its_own_files() -> None:
    html = STATIC.joinpath("index.html").read_text(encoding="utf-8")
    references = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert references
    assert all(ref.startswith("/static/") or ref.startswith("#/") for ref in references)
    assert "<script>" not in html  # every script is a file
    assert not re.search(r"\son\w+=", html)  # no inline handlers
    assert "style=" not in html


@pytest.mark.parametrize("name", [*OUR_CODE, "app.css"])
def test_our_code_uses_no_cdn_and_parses_no_html(name: str) -> None:
    source = STATIC.joinpath(name).read_text(encoding="utf-8")
    assert not re.search(r"https?://", source), f"{name} names a URL"
    code = re.sub(r"//.*$", "", re.sub(r"/\*.*?\*/", "", source, flags=re.S), flags=re.M)
    sinks = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(")
    for sink in sinks:
        assert sink not in code, f"{name} uses {sink}"


def test_vendored_files_match_their_notice() -> None:
    vendor = STATIC.joinpath("vendor")
    for name in (
        "vega.min.js",
        "vega-lite.min.js",
        "vega-embed.min.js",
        "swagger-ui-bundle.js",
        "swagger-ui.css",
        "countries-110m.json",
        "NOTICE",
        "NOTICE.swagger-ui-dist",
        "swagger-ui-bundle.js.LICENSE.txt",
    ):
        assert vendor.joinpath(name).is_file(), f"{name} is not in the package"
    for package in ("vega", "vega-lite", "vega-embed"):
        assert "Redistribution and use" in vendor.joinpath(f"LICENSE.{package}").read_text()
    assert "Apache License" in vendor.joinpath("LICENSE.swagger-ui-dist").read_text()
    assert "Permission to use, copy" in vendor.joinpath("LICENSE.world-atlas").read_text()
    assert "Natural Earth" in vendor.joinpath("THIRD_PARTY_LICENSES.txt").read_text()
    check = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "vendor_assets.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    notice = vendor.joinpath("NOTICE").read_text()
    for package, version in (
        ("vega", "6.4.0"),
        ("vega-lite", "6.5.0"),
        ("vega-embed", "7.3.0"),
        ("swagger-ui-dist", "5.35.0"),
        ("world-atlas", "2.0.2"),
    ):
        assert re.search(rf" {re.escape(package)} +{re.escape(version)} ", notice), package


def test_other_host_names_are_refused(examples_db: Path) -> None:
    app = create_app(str(examples_db), allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/stats").status_code == 200
        rebound = local.get("/api/stats", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400
        assert rebound.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
