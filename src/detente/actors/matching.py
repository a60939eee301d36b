"""Find dictionary phrases in a parsed document: longest match first, left to right.

Each token gets the key `normalize_phrase` would give its text; a candidate phrase is the run
of keys from token i to token j joined as written (a space where the text has whitespace, none
where it has not, so "NATO's", "Ki-moon" and "U.N." compare as written). Runs stop at sentence
starts and whitespace tokens and never exceed the longest dictionary phrase, so the work is
linear in the document's length: one dict lookup per (start, length) pair. One exception to
"longest first": a sector phrase whose last word modifies a noun after it ("main opposition" in
"the main opposition parties") gives way to a sector phrase starting inside it that ends on that
noun ("opposition parties").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from detente.actors.dictionary import ActorDictionary, initials_fit
from detente.actors.entries import Entry, normalize_phrase

# initials of at least four letters ("LTTE", "MILF") seldom name anything but their organisation
_UNAMBIGUOUS_INITIALS = 4


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens [start, end) of the document name `entry`."""

    start: int
    end: int
    entry: Entry


def find_matches(doc: Doc, dictionary: ActorDictionary) -> list[Match]:
    tokens = list(doc)  # indexing a Doc builds a Token each time: do it once
    keys = [normalize_phrase(t.text) if not t.is_space else "" for t in tokens]
    starts = [bool(t.is_sent_start) for t in tokens]
    punct = [t.is_punct for t in tokens]
    # "us", "who", "it" in lower case are words, not US, WHO or Italy's IT: one such word alone
    # never matches (Phoenix phrases are all in capitals, so case cannot tell them apart)
    lower = [t.text.islower() for t in tokens]
    weak = [t.is_stop and lower[i] for i, t in enumerate(tokens)]
    # In a text written with capitals, a name is too: Phoenix's "ORGANIZATION" (Tanzim), "YOUTH",
    # "MALE" (the Maldives' capital) and "Poles" are not named in "the organization", "youth
    # groups", "male voters" or "the poles". Text in lower case only (some corpora) keeps them.
    cased = not all(lower[i] for i, t in enumerate(tokens) if t.is_alpha)
    offsets: list[int] = []
    parts: list[str] = []
    position = 0
    for token, key in zip(tokens, keys, strict=True):
        offsets.append(position)
        parts.append(key)
        position += len(key)
        if token.whitespace_:
            parts.append(" ")
            position += 1
    joined = "".join(parts)
    index, longest_after = dictionary.index, dictionary.longest_after
    initialisms = dictionary.initialisms
    redefined = _defined_otherwise(keys, joined, offsets, dictionary)

    def longest_at(i: int) -> Match | None:
        """The longest dictionary phrase starting at token i."""
        # A phrase found here either lies inside the word (up to the next space) starting here,
        # or, with a space in it, has that word as its first word: it is no longer than this.
        space = joined.find(" ", offsets[i])
        word = joined[offsets[i] : space if space >= 0 else len(joined)]
        longest = max(len(word), longest_after.get(word, 0))
        best: Match | None = None
        j = i
        uncapitalised = True  # every word of tokens[i..j] in lower case
        while j < n and keys[j] and (j == i or not starts[j]):
            end_char = offsets[j] + len(keys[j])
            if end_char - offsets[i] > longest:
                break
            uncapitalised = uncapitalised and lower[j]
            key = joined[offsets[i] : end_char]
            entry = index.get(key)
            if (
                entry is not None
                and (j > i or not weak[i])
                and not (cased and uncapitalised and entry.type == "actor")
                and (
                    key not in initialisms
                    or (key not in redefined and _written_as_initials(tokens, i, j + 1))
                )
            ):
                best = Match(i, j + 1, entry)
            j += 1
        return best

    matches: list[Match] = []
    i, n = 0, len(tokens)
    while i < n:
        if not keys[i] or punct[i]:
            i += 1
            continue
        best = longest_at(i)
        if best is not None and best.entry.type == "agent":
            head = _modified_after(tokens[best.end - 1], best.end)
            if head is not None:
                # "main opposition" is a sector phrase, but in "the main opposition parties" it
                # modifies the noun after it: a sector phrase starting inside it that ends on
                # that noun ("opposition parties") names the group
                best = next(
                    (
                        later
                        for k in range(best.start + 1, best.end)
                        if keys[k]
                        and (later := longest_at(k)) is not None
                        and later.entry.type == "agent"
                        and later.end == head + 1
                    ),
                    best,
                )
        if best is not None:
            matches.append(best)
            i = best.end
        else:
            i += 1
    if not initialisms:
        return matches

    def initials(match: Match) -> str | None:
        end = match.end - 1
        key = joined[offsets[match.start] : offsets[end] + len(keys[end])]
        return key if key in initialisms else None

    # three letters name many things ("IRA" is also a retirement account): they name the
    # dictionary's organisation only in a document that also names it in full
    found = [(m, initials(m)) for m in matches]
    spelled = {id(m.entry) for m, letters in found if letters is None}
    return [
        m
        for m, letters in found
        if letters is None
        or len(letters.replace("-", "")) >= _UNAMBIGUOUS_INITIALS
        or id(m.entry) in spelled
    ]


def _defined_otherwise(
    keys: list[str], joined: str, offsets: list[int], dictionary: ActorDictionary
) -> set[str]:
    """Initials the document spells out as another name than the dictionary's: "the Iran
    Sanctions Act, or ISA" is no Bangladeshi rebel group (ISA, Islamic Shashantantra Andolon),
    there or anywhere else in the document. `keys` are the tokens' keys, `joined` the document
    as the matcher reads it, `offsets` where each token's key starts in it."""
    found: set[str] = set()
    initialisms = dictionary.initialisms
    if initialisms.isdisjoint(keys):
        return found
    for m in (m for m, key in enumerate(keys) if key in initialisms):
        if m < 2 or keys[m - 1] not in ("(", "or"):
            continue
        key = keys[m]
        # the name before "(" or before ", or"
        last = m - 3 if keys[m - 1] == "or" and keys[m - 2] == "," else m - 2
        letters = key.replace("-", "")
        words = [k for k in range(max(0, last - 2 * len(letters)), last + 1) if keys[k].isalpha()]
        for n in range(len(letters), len(words) + 1):
            first = words[-n]
            if keys[first][0] == letters[0] and initials_fit(
                letters, [keys[k] for k in words[-n:]]
            ):
                name = joined[offsets[first] : offsets[last] + len(keys[last])]
                if dictionary.index.get(name) is not dictionary.index[key]:
                    found.add(key)
                break
    return found


def _written_as_initials(tokens: list[Token], start: int, end: int) -> bool:
    """Whether tokens [start, end) are written in capitals ("LTTE", "CPN-M") amid words that
    are not: in a headline of capitals ("LET HIM IN", "TURKEY CAR BOMB") any word is."""
    if not all(t.text.isupper() for t in tokens[start:end] if t.is_alpha):
        return False
    sentence = tokens[start].sent
    for step, edge in ((-1, start - 1), (1, end)):
        k = edge
        while sentence.start <= k < sentence.end and not tokens[k].is_alpha:
            k += step
        if sentence.start <= k < sentence.end and len(tokens[k]) > 1 and tokens[k].text.isupper():
            return False
    return True


def _modified_after(last: Token, end: int) -> int | None:
    """The index of the word after a phrase that the phrase's last word modifies (as a compound
    or an adjective), if any: the phrase is then part of a longer noun phrase."""
    if last.dep_ in ("compound", "amod") and last.head.i >= end:
        return last.head.i
    return None
