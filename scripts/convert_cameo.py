"""Convert PETRARCH's CAMEO.2.0 verb dictionary into detente's data/events/cameo_verbs.tsv.

    python scripts/convert_cameo.py ../shared/data/events/petrarch2/CAMEO.2.0.txt \
        src/detente/data/events/cameo_verbs.tsv

What changes: each verb and pattern gets a short stable id (`cameo.V…`, `cameo.P…`) that
`Event.rule` names; comments and the verb transformations are left out (the transformation "a says
b attacks = a accuses b" is built into the coder). Verbs are matched on spaCy lemmas; PETRARCH's
listed irregular forms are kept for when the lemmatizer is off. The
patterns keep PETRARCH's notation, lower-cased. The MIT notice travels with the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

from detente.events.dictionary import (
    BlockEntry,
    Entry,
    PatternEntry,
    VerbEntry,
    read_entries,
    write_tsv,
)

HEADER = """\
# CAMEO verb dictionary for detente, converted from PETRARCH-2's CAMEO.2.0.txt by
# scripts/convert_cameo.py. Copyright (c) 2015 Open Event Data Alliance, MIT License
# (see NOTICE.md).
#
# One entry a line, tab-separated:
#   synset   &NAME     word | word | ...       words a pattern's &NAME stands for; a word ending
#                                               in _ gets no plural form
#   block    NAME      code                    a verb block and its default code
#   verb     id        block  form  [code]  [inflections]
#                                               a verb (base form); +rule_out / wire_+tap mark the
#                                               word that is the verb in a multi-word verb; the
#                                               irregular forms, used when spaCy's lemma is off
#   pattern  id        block  code  pattern    "pre-verb words * post-verb words": (prep noun) is a
#                                               prepositional phrase, {a b} a noun phrase, &NAME a
#                                               synset; $ + ^ % mark roles and are ignored here
# Codes: CAMEO codes; "042:043" codes the source→target event 042 and the target→source event
# 043; "---" means the verb or pattern codes no event.
"""


def renumber(entries: list[Entry]) -> list[Entry]:
    """Short ids in file order: cameo.V0001 for verbs, cameo.P0001 for patterns."""
    out: list[Entry] = []
    verbs = patterns = 0
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        if isinstance(entry, VerbEntry):
            if (entry.block, entry.form) in seen:
                continue
            seen.add((entry.block, entry.form))
            verbs += 1
            entry = VerbEntry(
                f"cameo.V{verbs:04d}", entry.block, entry.form, entry.code, entry.inflections
            )
        elif isinstance(entry, PatternEntry):
            patterns += 1
            entry = PatternEntry(f"cameo.P{patterns:04d}", entry.block, entry.code, entry.text)
        elif isinstance(entry, BlockEntry) and not entry.name:
            continue
        out.append(entry)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = Path(argv[1]), Path(argv[2])
    entries = renumber(read_entries(source))
    lines = [HEADER.rstrip("\n"), *write_tsv(entries)]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{target}: {sum(isinstance(e, VerbEntry) for e in entries)} verbs, "
        f"{sum(isinstance(e, PatternEntry) for e in entries)} patterns"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
