"""Helpers for the ingest tests: collecting a stream, building WARC files, sample texts."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.ingest import iter_documents, read_bytes
from detente.records import IngestFailure, RawDocument
from detente.settings import Settings

DEFAULTS = Settings()

RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров заявил в понедельник, что Москва готова к "
    "переговорам с Вашингтоном о стратегической стабильности, однако расширение НАТО на восток "
    "остаётся главным препятствием для улучшения отношений. По его словам, российская сторона "
    "неоднократно предупреждала западных партнёров о последствиях такого курса.\n"
)
FRENCH = (
    "Le ministre français des Affaires étrangères a déclaré mercredi que la France soutiendrait "
    "une résolution du Conseil de sécurité visant à prolonger la mission de l'ONU. « Nous devons "
    "agir ensemble », a-t-il souligné lors d'une conférence de presse à Genève, où il a rencontré "
    "son homologue allemand pour évoquer la coopération européenne en matière de défense.\n"
)
GERMAN = (
    "Die Bundesregierung hat am Donnerstag angekündigt, die Gespräche mit Moskau über die "
    "Rüstungskontrolle fortzusetzen. Außenministerin Baerbock äußerte sich zurückhaltend: Man "
    "müsse die Ergebnisse abwarten, bevor über weitere Schritte entschieden werde. Die Grünen "
    "fordern größere Unterstützung für die Ukraine und schärfere Maßnahmen gegen Russland.\n"
)
ENGLISH = (
    "The foreign ministers of Norway and Russia met in Kirkenes on Tuesday to discuss fishing "
    "quotas in the Barents Sea. “We agreed to keep talking,” the Norwegian minister said.\n"
)


def collect(
    paths: Iterable[str | Path], settings: Settings = DEFAULTS, *, stdin: BinaryIO | None = None
) -> list[RawDocument | IngestFailure]:
    return list(iter_documents(paths, settings, stdin=stdin))


def collect_bytes(
    data: bytes, name: str, settings: Settings = DEFAULTS
) -> list[RawDocument | IngestFailure]:
    return list(read_bytes(data, name=name, settings=settings))


def only_document(items: list[RawDocument | IngestFailure]) -> RawDocument:
    assert len(items) == 1, items
    assert isinstance(items[0], RawDocument), items[0]
    return items[0]


def only_failure(items: list[RawDocument | IngestFailure]) -> IngestFailure:
    assert len(items) == 1, items
    assert isinstance(items[0], IngestFailure), items[0]
    return items[0]


def document_of(item: RawDocument | IngestFailure) -> RawDocument:
    assert isinstance(item, RawDocument), item
    return item


def message_of(item: RawDocument | IngestFailure) -> str:
    assert isinstance(item, IngestFailure), item
    return item.message


def assert_one_line(message: str, code: str) -> None:
    assert message.startswith(f"[{code}] "), message
    assert "\n" not in message


def warc_bytes(
    responses: Iterable[tuple[str, str, bytes]],
    *,
    gzip: bool = False,
    with_request: bool = False,
    extra_headers: Iterable[tuple[str, str]] = (),
) -> tuple[bytes, list[str]]:
    """A WARC holding one response per (status, content type, payload); returns its bytes and
    the WARC-Record-ID of each response."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    ids = []
    for number, (status, content_type, payload) in enumerate(responses):
        url = f"https://news.example.org/article/{number}"
        if with_request:
            request_headers = StatusAndHeaders(
                f"GET /article/{number} HTTP/1.1",
                [("Host", "news.example.org")],
                is_http_request=True,
            )
            writer.write_record(
                writer.create_warc_record(url, "request", http_headers=request_headers)
            )
        headers = StatusAndHeaders(
            status, [("Content-Type", content_type), *extra_headers], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
        ids.append(record.rec_headers.get_header("WARC-Record-ID"))
    return buffer.getvalue(), ids


def warc_record(
    block: bytes,
    record_id: str,
    *,
    uri: str | None = "https://news.example.org/a",
    warc_type: str = "response",
) -> bytes:
    """One WARC record, written by hand so that it can be damaged: its WARC-Record-ID is
    <urn:uuid:{record_id}>, and it has no WARC-Target-URI when `uri` is None."""
    headers = [
        "WARC/1.0",
        f"WARC-Type: {warc_type}",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
        "WARC-Date: 2025-06-03T10:00:00Z",
        *([f"WARC-Target-URI: {uri}"] if uri else []),
        f"Content-Type: application/http; msgtype={warc_type}",
        f"Content-Length: {len(block)}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
