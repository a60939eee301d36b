"""POST /api/documents: refused without the right token, stores a posted article with it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_client import TestClient

from detente.api import create_app
from detente.settings import Settings

TOKEN = "s3cret-token-for-tests"
ARTICLE = (
    "Russia's envoy to NATO, Alexander Grushko, said on Tuesday that NATO had suspended all "
    "practical cooperation with Russia.\n\n"
    '"NATO is not willing to enter into an equal partnership with Russia," Grushko said.\n\n'
    "Moscow accused NATO of expanding its military presence in Eastern Europe.\n"
)
LIMIT = 2_000  # bytes of text, for the size tests


@pytest.fixture(scope="module")
def writable(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app with a token, on a copy of the examples (its POSTs must not change the others')."""
    db = tmp_path_factory.mktemp("post") / "copy.duckdb"
    shutil.copyfile(examples_db, db)
    settings = Settings.from_env(max_input_bytes=LIMIT)
    with TestClient(create_app(str(db), token=TOKEN, settings=settings)) as test_client:
        yield test_client


def post(client: TestClient, body: dict[str, Any], token: str | None = TOKEN) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/api/documents", json=body, headers=headers)


def test_read_only_server_refuses_posts(client: TestClient) -> None:
    response = post(client, {"text": ARTICLE})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("[E942] this server is read-only")


def test_post_without_token_is_401(writable: TestClient) -> None:
    response = post(writable, {"text": ARTICLE}, token=None)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["detail"].startswith("[E943]")


@pytest.mark.parametrize("token", ["wrong", TOKEN + "x", TOKEN[:-1], "ünïcode"])
def test_post_with_a_wrong_token_is_403(writable: TestClient, token: str) -> None:
    response = writable.post(
        "/api/documents",
        json={"text": ARTICLE},
        headers={"Authorization": f"Bearer {token}".encode()},
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("[E944]")


def test_post_with_another_scheme_is_401(writable: TestClient) -> None:
    response = writable.post(
        "/api/documents", json={"text": ARTICLE}, headers={"Authorization": f"Basic {TOKEN}"}
    )
    assert response.status_code == 401


def test_post_stores_the_document_and_returns_its_records(writable: TestClient) -> None:
    before = writable.get("/api/stats").json()["documents"]
    response = post(
        writable,
        {
            "text": ARTICLE,
            "title": "Grushko on NATO",
            "url": "https://example.org/grushko",
            "published": "2014-04-02",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"id", "quotes", "events", "errors"}
    assert body["errors"] == []
    assert response.headers["location"] == f"/api/documents/{body['id']}"
    assert any("Grushko" in q["speaker"]["name"] for q in body["quotes"])
    assert body["events"], "the article has events"
    assert all(ARTICLE[e["evidence"]["start"] : e["evidence"]["end"]] for e in body["events"])
    assert writable.get("/api/stats").json()["documents"] == before + 1

    stored = writable.get(f"/api/documents/{body['id']}").json()
    assert stored["title"] == "Grushko on NATO"
    assert stored["published"] == "2014-04-02"
    assert stored["source"]["url"] == "https://example.org/grushko"
    assert [e["id"] for e in stored["events"]] == [e["id"] for e in body["events"]]
    listed = writable.get("/api/events", params={"document_id": body["id"]}).json()
    assert listed["total"] == len(body["events"])
    assert {e["day"] for e in listed["items"]} <= {
        "2014-04-02",
        *(e["date"] for e in body["events"]),
    }

    again = post(writable, {"text": ARTICLE, "url": "https://example.org/grushko"})
    assert again.status_code == 201
    assert again.json()["id"] == body["id"]
    assert writable.get("/api/stats").json()["documents"] == before + 1


def test_post_html(writable: TestClient) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n\n"))
    html = f"<html><head><title>T</title></head><body><article>{paragraphs}</article></body></html>"
    response = post(writable, {"html": html})
    assert response.status_code == 201, response.text
    assert response.json()["quotes"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({}, "[E946]"),
        ({"text": "   "}, "[E946]"),
        ({"text": ARTICLE, "url": "javascript:alert(1)"}, "[E948] invalid body field 'url'"),
        ({"text": ARTICLE, "published": "2014-13-45"}, "[E948] invalid body field 'published'"),
        ({"text": ARTICLE, "colour": "red"}, "[E948] invalid body field 'colour'"),
        ({"text": 42}, "[E948] invalid body field 'text'"),
    ],
)
def test_bad_bodies_are_422_with_a_coded_message(
    writable: TestClient, body: dict[str, Any], needle: str
) -> None:
    response = post(writable, body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(needle)


def test_body_that_is_not_json_is_422(writable: TestClient) -> None:
    response = writable.post(
        "/api/documents",
        content=b"{not json",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith(
        "[E950] the request body is not valid JSON (Expecting property name"
    )


def send(client: TestClient, body: bytes) -> Any:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    return client.post("/api/documents", content=body, headers=headers)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "(arrays or objects nested too deeply)"),
        (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "(arrays or objects nested too deeply)"),
        (b'{"text": "\xff\xfe NATO"}', "(byte 0xff is not UTF-8 at character 10)"),
        (b'{"text": "Moskva \xd0"}', "(byte 0xd0 is not UTF-8 at character 17)"),
        ("\ufeff".encode("utf-16") + b'{"text": "x"}', "(byte 0xff is not UTF-8"),
        (b'{"text": "x", ', "(Expecting property name enclosed in double quotes at character 14)"),
    ],
)
def test_a_body_that_does_not_parse_is_a_coded_422(
    client: TestClient, body: bytes, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A body nested 100,000 deep or not UTF-8 answered an uncoded 400 (FastAPI's). The body
    is parsed before the token is checked: the read-only server answers it too (and its body
    limit, unlike `writable`'s, lets 200 KB through)."""
    with caplog.at_level("DEBUG"):
        response = send(client, body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith(f"[E950] the request body is not valid JSON {reason}"), detail
    assert not [record for record in caplog.records if record.exc_info], "a traceback was logged"


def test_a_field_nested_deep_is_a_coded_422_without_its_input(writable: TestClient) -> None:
    """Nested less deep than the parser's limit it parses; the problem goes back without the
    input (encoding it recursed past Python's limit: a 500)."""
    response = send(
        writable,
        b'{"text": ' + b"[" * 900 + b"]" * 900 + b', "x": ' + b"[" * 900 + b"]" * 900 + b"}",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith(
        "[E948] invalid body field 'text': Input should be a valid string"
    )
    assert all("input" not in problem for problem in body["errors"])


def test_html_without_an_article_is_422_and_not_stored(writable: TestClient) -> None:
    before = writable.get("/api/stats").json()["documents"]
    response = post(writable, {"html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("[E20")
    assert writable.get("/api/stats").json()["documents"] == before


def test_text_over_the_size_limit_is_413(writable: TestClient) -> None:
    response = post(writable, {"text": "Russia warned NATO. " * 200})  # 4,000 bytes
    assert response.status_code == 413
    assert response.json()["detail"].startswith(
        "[E945] the posted text is 4.0 KB, over the 2.0 KB limit"
    )


def test_body_over_the_request_limit_is_refused_before_it_is_read(writable: TestClient) -> None:
    huge = "x" * (LIMIT * 7 + 65_536)
    response = post(writable, {"text": huge})
    assert response.status_code == 413
    assert response.json()["detail"].startswith("[E945] the posted body is")
    # a body sent in chunks, without Content-Length, is cut off as it arrives
    chunked = writable.post(
        "/api/documents",
        content=iter([b'{"text": "', b"x" * (LIMIT * 7 + 65_536), b'"}']),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert chunked.status_code == 413
    assert "more than" in chunked.json()["detail"]
