"""RSS and Atom feeds: one document per entry, with link, title, date and authors."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from ingest_util import assert_one_line, collect, collect_bytes, document_of, message_of

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- generated -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>World News</title><link>https://news.example.org/</link>
<item><title>Leaders meet in Geneva</title><link>https://news.example.org/geneva</link>
<guid>https://news.example.org/?p=1</guid><pubDate>Tue, 03 Jun 2025 14:20:00 GMT</pubDate>
<dc:creator>Anna Petrova</dc:creator><description>Short teaser.</description>
<content:encoded><![CDATA[<p>The two presidents met in <b>Geneva</b> on Tuesday.</p>]]>
</content:encoded>
</item>
<item><title>Talks resume</title><link>https://news.example.org/talks</link>
<description>Negotiators resumed talks in Vienna.</description>
<pubDate>Wed, 04 Jun 2025 09:00:00 GMT</pubDate></item>
<item><title>Headline only</title><link>https://news.example.org/headline</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Diplomacy</title><id>urn:feed</id>
<updated>2025-06-05T10:00:00Z</updated>
<entry><title>Envoy named</title><id>urn:uuid:1225c695</id>
<link href="https://d.example.org/envoy"/><published>2025-06-04T22:00:00Z</published>
<updated>2025-06-05T10:00:00Z</updated>
<author><name>John Smith</name></author><author><name>Jane Roe</name></author>
<content type="html">&lt;p&gt;The ministry named a new envoy to Moscow.&lt;/p&gt;</content></entry>
<entry><title>Summary only</title><id>urn:uuid:2</id><updated>2025-06-06T10:00:00Z</updated>
<summary>Посол встретился с министром.</summary></entry>
</feed>""".encode()


def test_ingest_rss_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_bytes(RSS)
    geneva, talks, empty = collect([path])
    geneva_doc = document_of(geneva)
    assert geneva_doc.content == "<p>The two presidents met in <b>Geneva</b> on Tuesday.</p>"
    assert geneva_doc.kind == "html"
    assert geneva_doc.title == "Leaders meet in Geneva"
    assert geneva_doc.url == geneva_doc.source.url == "https://news.example.org/geneva"
    assert geneva_doc.published == "2025-06-03"
    assert geneva_doc.authors == ["Anna Petrova"]
    assert geneva_doc.metadata == {"feed_title": "World News"}
    assert (geneva_doc.source.format, geneva_doc.source.locator) == (
        "feed",
        "https://news.example.org/?p=1",
    )
    talks_doc = document_of(talks)
    assert (talks_doc.kind, talks_doc.content) == ("text", "Negotiators resumed talks in Vienna.")
    assert talks_doc.source.locator == "https://news.example.org/talks"  # no guid: the link
    assert talks_doc.published == "2025-06-04"
    assert message_of(empty) == (
        f"[E102] {path}#https://news.example.org/headline: empty input, nothing to extract"
    )


def test_ingest_atom_entries_become_documents() -> None:
    envoy, summary = (document_of(item) for item in collect_bytes(ATOM, "diplomacy.atom"))
    assert envoy.content == "<p>The ministry named a new envoy to Moscow.</p>"
    assert envoy.kind == "html"
    assert envoy.authors == ["John Smith", "Jane Roe"]
    assert envoy.published == "2025-06-04"  # published wins over updated
    assert envoy.source.locator == "urn:uuid:1225c695"
    assert (summary.kind, summary.content) == ("text", "Посол встретился с министром.")
    assert summary.published == "2025-06-06"  # from updated
    assert summary.url is None  # an urn id is not a web link
    assert summary.source.key == "diplomacy.atom#urn:uuid:2"


@pytest.mark.parametrize("name", ["feed.xml", "feed", "feed.xml.gz"])
def test_ingest_feed_is_sniffed_from_xml_or_no_extension(name: str) -> None:
    data = gzip.compress(RSS) if name.endswith(".gz") else RSS
    items = collect_bytes(data, name)
    assert [item.source.format for item in items] == ["feed"] * 3


def test_ingest_feed_repeated_ids_keep_keys_unique() -> None:
    item = b"<item><guid>same</guid><description>Body.</description></item>"
    feed = b"<rss version='2.0'><channel><title>t</title>" + item * 3 + b"</channel></rss>"
    keys = [entry.source.key for entry in collect_bytes(feed, "f.rss")]
    assert keys == ["f.rss#same", "f.rss#entry 2", "f.rss#entry 3"]


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"<rss version='2.0'><channel><title>Empty</title></channel></rss>", "(no entries)"),
        (b"<feed><<<>>>", "not well-formed"),
    ],
)
def test_ingest_feed_without_entries_is_e110(data: bytes, detail: str) -> None:
    items = collect_bytes(data, "bad.rss")
    assert len(items) == 1
    message = message_of(items[0])
    assert_one_line(message, "E110")
    assert message.startswith("[E110] bad.rss: unreadable feed (") and detail in message
