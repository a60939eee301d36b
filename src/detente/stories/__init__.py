"""Near-duplicate stories: MinHash signatures of a document's clean body, with LSH band keys.

At ingest every document joins a story. Its body is normalised (casefolded, words only: runs of
``\\w``, digits kept), cut into word ``SHINGLE``-grams, and summarised by a MinHash signature of
``NUM_PERM`` 32-bit values (datasketch, ``affine32`` scheme, fixed seed: the same text gives the
same signature in every process and on every machine). The signature is split into ``BANDS``
bands of ``ROWS`` values; each band gives one key (:func:`band_keys`). The store keeps the keys
of every document, and a new document's candidates are the stored documents that share at least
one key with it. :func:`best_match` then picks the most similar candidate whose estimated Jaccard
similarity reaches ``SIMILAR``; the new document joins that candidate's story, or starts its own.

Everything here is pure: no store, no state. ``detente eval stories`` measures it
(:mod:`detente.stories.evaluate`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "SEED",
    "SHINGLE",
    "SIMILAR",
    "STORIES_RULE",
    "Match",
    "Signature",
    "band_keys",
    "best_match",
    "candidate_probability",
    "decode",
    "encode",
    "shingles",
    "signature",
    "similarity",
]

#: Number of MinHash permutations (the signature length).
NUM_PERM = 128
#: Seed of the MinHash permutations. Changing it changes every signature and band key.
SEED = 1
#: Words per shingle. Texts shorter than this are one shingle of all their words.
SHINGLE = 3
#: The threshold on the estimated Jaccard similarity of two signatures: a document joins the
#: story of its most similar earlier document when the similarity is at least this. Tuned with
#: `detente eval stories --split tune` (README, "Near-duplicate stories"): distinct same-topic
#: articles stay below 0.13 (PolNeAR, word 3-shingles), while a copy with 10 % of its words edited
#: sits near 0.55 and its first half near 0.5; 0.3 keeps both a wide margin and the half.
SIMILAR = 0.3
#: LSH banding: BANDS bands of ROWS signature values each (BANDS * ROWS == NUM_PERM). Two
#: documents of Jaccard similarity s share at least one band key with probability
#: 1 - (1 - s**ROWS)**BANDS (:func:`candidate_probability`). With 64 x 2 that is 0.9976 at
#: s = SIMILAR = 0.3 (false-negative probability 0.0024), 0.99999999 at 0.5; 32 x 4 would give
#: only 0.23 at 0.3. A pair of unrelated same-topic articles (s ~ 0.02) is a candidate with
#: probability ~ 0.025; candidates only cost a similarity computation (precision is decided by
#: SIMILAR, not by the bands).
BANDS = 64
ROWS = 2
#: Names the method and its parameters in evidence; bump it when signatures or keys change
#: (minhash-2: band keys became 64-bit integers).
STORIES_RULE = f"minhash-2:w{SHINGLE}:p{NUM_PERM}:b{BANDS}x{ROWS}:s{SIMILAR:.2f}"

_WORD = re.compile(r"\w+")
_SCHEME = "affine32"
_MAX = np.uint32(0xFFFFFFFF)
_KEY_BYTES = 8  # a band key is a 64-bit integer: the band index, then hash bits
_BAND_BITS = max(1, (BANDS - 1).bit_length())
_HASH_BITS = 64 - _BAND_BITS

assert BANDS * ROWS == NUM_PERM


@dataclass(frozen=True, eq=False)
class Signature:
    """A MinHash signature: ``NUM_PERM`` uint32 values (read-only).

    A text without words has a signature of no shingles (every value at the maximum): it has no
    band keys and its similarity to anything, itself included, is 0.
    """

    hashvalues: npt.NDArray[np.uint32]

    def __post_init__(self) -> None:
        values = np.array(self.hashvalues, dtype=np.uint32, copy=True)
        if values.shape != (NUM_PERM,):
            raise ValueError(f"a signature has {NUM_PERM} values, got shape {values.shape}")
        values.setflags(write=False)
        object.__setattr__(self, "hashvalues", values)

    @property
    def empty(self) -> bool:
        """True for the signature of a text without words."""
        return bool(np.all(self.hashvalues == _MAX))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Signature):
            return NotImplemented
        return bool(np.array_equal(self.hashvalues, other.hashvalues))

    def __hash__(self) -> int:
        return hash(self.hashvalues.tobytes())

    def __repr__(self) -> str:
        return f"Signature({encode(self)[:16]}…)"


@dataclass(frozen=True)
class Match:
    """The stored document a new one is a near duplicate of, and that document's story."""

    story: str
    document_id: str
    similarity: float


def shingles(text: str, *, size: int = SHINGLE) -> list[str]:
    """The word ``size``-grams of ``text`` after normalisation, in order (duplicates kept).

    A text of fewer than ``size`` words (but at least one) is one shingle of all its words; a text
    without words has none.
    """
    words = _WORD.findall(text.casefold())
    if not words:
        return []
    if len(words) <= size:
        return [" ".join(words)]
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


@cache
def _permutations() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """datasketch's seeded permutations, made once. datasketch (and the scipy it imports, half
    a second) loads here, not with the module: reading a database never signs a text."""
    from datasketch import MinHash

    template = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME)
    return template.permutations


def signature(text: str, *, size: int = SHINGLE) -> Signature:
    """The MinHash signature of ``text``'s normalised word shingles."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, scheme=_SCHEME, permutations=_permutations())
    grams = shingles(text, size=size)
    if grams:
        minhash.update_batch([gram.encode("utf-8") for gram in set(grams)])
    return Signature(minhash.hashvalues)


def band_keys(sig: Signature) -> list[int]:
    """One LSH key per band, a signed 64-bit integer (a BIGINT column): the band index in the top
    ``_BAND_BITS`` bits, then the top bits of a BLAKE2b hash of the band's values
    (little-endian). Keys of different bands never collide. Stable across processes; ``[]`` for
    an empty text.
    """
    if sig.empty:
        return []
    data = sig.hashvalues.astype("<u4").tobytes()
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(data[band * width : (band + 1) * width], digest_size=_KEY_BYTES)
        key = (band << _HASH_BITS) | (int.from_bytes(digest.digest(), "little") >> _BAND_BITS)
        keys.append(key - (1 << 64) if key >= 1 << 63 else key)
    return keys


def similarity(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity: the share of equal values (0 if either is empty)."""
    if a.empty or b.empty:
        return 0.0
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


def candidate_probability(s: float, *, bands: int = BANDS, rows: int = ROWS) -> float:
    """The probability that two documents of Jaccard similarity ``s`` share a band key."""
    return float(1.0 - (1.0 - s**rows) ** bands)


def encode(sig: Signature) -> str:
    """Compact ASCII for a VARCHAR column: base64 of the little-endian uint32 values (684 chars)."""
    return base64.b64encode(sig.hashvalues.astype("<u4").tobytes()).decode("ascii")


def decode(text: str) -> Signature:
    """The signature :func:`encode` wrote. Raises ValueError on anything else."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, AttributeError) as error:
        raise ValueError(f"not an encoded signature: {error}") from None
    if len(data) != NUM_PERM * 4:
        raise ValueError(f"not an encoded signature: {len(data)} bytes, expected {NUM_PERM * 4}")
    return Signature(np.frombuffer(data, dtype="<u4").astype(np.uint32))


def best_match(sig: Signature, candidates: Iterable[tuple[str, str, Signature]]) -> Match | None:
    """The candidate ``(document_id, story, signature)`` most similar to ``sig``, if at least
    ``SIMILAR``; ties go to the smallest document id. None when no candidate reaches ``SIMILAR``.
    """
    return _best_match(sig, candidates, SIMILAR)


def _best_match(
    sig: Signature, candidates: Iterable[tuple[str, str, Signature]], threshold: float
) -> Match | None:
    best: Match | None = None
    if sig.empty:
        return None
    for document_id, story, other in candidates:
        score = similarity(sig, other)
        if score < threshold:
            continue
        if (
            best is None
            or score > best.similarity
            or (score == best.similarity and document_id < best.document_id)
        ):
            best = Match(story=story, document_id=document_id, similarity=score)
    return best
