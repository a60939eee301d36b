"""The phrase index's window bound: the longest phrase after each first word."""

from __future__ import annotations

from detente.actors.dictionary import ActorDictionary, read_table

TABLE = """\
actor\tRUSSIA\tstate\tRUS\tRussia | Russian Federation | Russian Federation Council
actor\tNATO\torganization\tIGOWSTNAT\tNATO | North Atlantic Treaty Organization
"""


def test_longest_phrase_after_its_first_word() -> None:
    dictionary = ActorDictionary()
    dictionary.add(read_table(TABLE, path="<test>", source="test"))
    assert dictionary.longest_after == {
        "russian": len("russian federation council"),
        "north": len("north atlantic treaty organization"),
    }
    assert dictionary.max_chars == len("north atlantic treaty organization")
    assert dictionary.lookup("the russian federation") is None
    assert dictionary.lookup("Russian  Federation") is not None
