"""Bytes to text: the binary check and the decoding order.

Decoding order (the common case is the fast one): byte-order mark; a charset declared by the HTTP
header or, for HTML, in the first 4 KB (`<meta charset>`, `http-equiv`, `<?xml encoding>`) when
it decodes cleanly; UTF-8; charset_normalizer only when all of that fails.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

SNIFF_BYTES = 8 * 1024
DECLARATION_BYTES = 4 * 1024
# Real text in any ASCII-compatible encoding has almost no C0 control bytes besides whitespace
# and ESC (ISO-2022); more than this share in the first 8 KB is not text.
CONTROL_SHARE_LIMIT = 0.3

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Text in these is full of NUL bytes (the UTF-32 LE mark starts with the UTF-16 LE one).
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "ELF executable"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b") + b"\x7f"
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

_META_CHARSET = re.compile(rb"<meta\b[^<>]*?charset\s*=\s*[\"']?\s*([a-z0-9_.:+-]+)", re.I)
_XML_ENCODING = re.compile(rb"\A\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']([a-z0-9_.:+-]+)", re.I)
_CONTENT_TYPE_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([a-z0-9_.:+-]+)", re.I)

# Python codecs that a page may name but that are no charset: the escape codecs turn "\ud800"
# in the bytes into a lone surrogate, which no longer encodes as UTF-8; the others are for
# host names.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "punycode", "idna"})
# No real text has one: a str holds astral characters whole, so any surrogate is a lone one
# (UTF-7 can spell one, and would hand it on to the model and the store, which cannot encode it).
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Browsers read these labels as windows-1252 (WHATWG Encoding Standard); pages rely on it for
# curly quotes and dashes in 0x80-0x9F.
_DECLARED_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
# The most common legacy encoding of the web; charset_normalizer sometimes ties it with cp1250
# on Western text, where cp1250 would turn è into č.
_PREFERRED_ON_TIE = "cp1252"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def binary_reason(head: bytes) -> str | None:
    """Why these first bytes are not text, or None when they may be."""
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return f"{what} signature"
    if head.startswith(_WIDE_BOMS):
        return None
    sample = head[:SNIFF_BYTES]
    nul = sample.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at offset {nul}"
    controls = len(sample.translate(None, _NOT_CONTROL_BYTES))
    if sample and controls / len(sample) > CONTROL_SHARE_LIMIT:
        return f"{controls / len(sample):.0%} control characters in the first 8 KB"
    return None


def charset_from_content_type(value: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header."""
    match = _CONTENT_TYPE_CHARSET.search(value or "")
    return match.group(1) if match else None


def decode(data: bytes, *, declared: str | None = None, html: bool = False) -> Decoded | None:
    """The text of `data` and the encoding used, or None when nothing decodes it."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = _try_decode(data[len(bom) :], codec)
            if text is not None:
                return Decoded(text, codec)
    labels = [declared, _declared_in_markup(data)] if html else [declared]
    declared_codecs = [codec for codec in map(_codec_for_label, labels) if codec]
    for codec in [*declared_codecs, "utf-8"]:
        text = _try_decode(data, codec)
        if text is not None:
            return Decoded(text, codec)
    return _detect(data)


def _declared_in_markup(data: bytes) -> str | None:
    head = data[:DECLARATION_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec_for_label(label: str | None) -> str | None:
    """Python's codec name for a declared charset; None for unknown labels and for UTF-16/32,
    which a declaration readable as ASCII cannot truthfully claim (a real one has a BOM)."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")) or name in _NOT_CHARSETS:
        return None
    return _DECLARED_ALIASES.get(name, name)


def _try_decode(data: bytes, codec: str) -> str | None:
    """`data` in `codec`, or None when it does not decode to text without lone surrogates."""
    try:
        text = data.decode(codec)
    # LookupError: a bytes-to-bytes codec like "hex"; UnicodeError: punycode fails with the
    # base class, not UnicodeDecodeError
    except (UnicodeError, LookupError):
        return None
    return None if LONE_SURROGATE.search(text) else text


def _detect(data: bytes) -> Decoded | None:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    codec = best.encoding
    for match in matches:
        tied = match.chaos == best.chaos and match.coherence == best.coherence
        if tied and _PREFERRED_ON_TIE in match.could_be_from_charset:
            codec = _PREFERRED_ON_TIE
            break
    text = _try_decode(data, codec)  # the detector samples: check the whole input decodes
    return Decoded(text, codecs.lookup(codec).name) if text is not None else None
