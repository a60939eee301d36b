"""Our table format: reading, writing, errors, auto-detection and overriding the bundled data."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from detente.actors import load_actor_dictionary
from detente.actors.dictionary import (
    ActorDictionary,
    format_row,
    read_dictionary_file,
    read_table,
)
from detente.codes import DatedCode, code_at
from detente.errors import DictionaryError

TABLE = (
    "# my actors\n"
    "actor\tELBONIA\tstate\tELB\tElbonia | Elbonian | the Elbonian Republic\n"
    "actor\tZOG\tperson\tELBMIL@1990-01-01..2005-12-31 ELBGOV@2006-01-01.. ELBELI\t"
    "Marshal Zog | Zog\n"
    "agent\tGUARD\tgroup\t~MIL\tpalace guard | palace guards\n"
    "role\tCURATOR\tperson\t-\tcurator\n"
)


def test_rows_become_entries() -> None:
    elbonia, zog, guard, curator = read_table(TABLE, path="my.tsv", source="my")
    assert elbonia.phrases == ("Elbonia", "Elbonian", "the Elbonian Republic")
    assert zog.codes[1] == DatedCode("ELBGOV", datetime.date(2006, 1, 1))
    assert code_at(zog.codes, datetime.date(2014, 12, 3)) == "ELBGOV"
    assert guard.agent_code == ("MIL", False)
    assert curator.agent_code == ("", False)
    assert zog.rule == "dict:my:ZOG"


def test_a_name_and_its_bracketed_initials_each_name_the_entry() -> None:
    dictionary = ActorDictionary()
    dictionary.add(
        read_table(
            "actor\tELF\torganization\tELBREB\tElbonian Liberation Front (ELF)\n"
            "actor\tEPA\torganization\tELBREB\tElbonian People's Army (EPA)\n"
            "actor\tEF\torganization\tELBREB\tEast Front (Elbonia) | Free Army (FRA)\n",
            path="my.tsv",
            source="my",
        )
    )
    front = dictionary.lookup("Elbonian Liberation Front (ELF)")
    assert front is not None
    assert dictionary.lookup("Elbonian Liberation Front") is front
    assert dictionary.lookup("ELF") is front
    assert dictionary.initialisms == {"elf", "epa"}
    # a place that tells namesakes apart, and letters the words do not begin, are no initials
    assert dictionary.lookup("East Front") is None
    assert dictionary.lookup("FRA") is None


def test_initials_never_replace_a_phrase_of_their_own() -> None:
    dictionary = ActorDictionary()
    dictionary.add(read_table("actor\tEPA\torganization\tUSAGOV\tEPA\n", path="a", source="a"))
    dictionary.add(
        read_table(
            "actor\tEPA2\torganization\tELBREB\tElbonian People's Army (EPA)\n",
            path="b",
            source="b",
        )
    )
    found = dictionary.lookup("EPA")
    assert found is not None and found.name == "EPA"
    assert dictionary.initialisms == set()


def test_format_row_round_trips() -> None:
    entries = read_table(TABLE, path="my.tsv", source="my")
    again = read_table("\n".join(format_row(e) for e in entries), path="my.tsv", source="my")
    assert [(e.type, e.name, e.kind, e.codes, e.phrases) for e in again] == [
        (e.type, e.name, e.kind, e.codes, e.phrases) for e in entries
    ]


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("actor\tX\tstate\tELB\n", "E438"),
        ("person\tX\tstate\tELB\tX\n", "E439"),
        ("actor\tX\tcountry\tELB\tX\n", "E440"),
        ("actor\tX\tstate\tELB@2006-13-01..\tX\n", "E441"),
        ("actor\tX\tstate\telb\tX\n", "E441"),
        ("agent\tX\tgroup\tGOV\tX\n", "E441"),
        ("actor\tX\tstate\tELB\t | \n", "E442"),
    ],
)
def test_errors_name_file_and_line(row: str, code: str) -> None:
    with pytest.raises(DictionaryError) as caught:
        read_table("# header\n" + row, path="my.tsv", source="my")
    assert caught.value.code == code
    assert str(caught.value).startswith(f"[{code}] my.tsv:2:")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError) as caught:
        load_actor_dictionary([tmp_path / "nope.tsv"], bundled=False)
    assert caught.value.code == "E430"


def test_format_is_detected_from_the_content(tmp_path: Path) -> None:
    table = tmp_path / "mine.txt"
    table.write_text(TABLE, encoding="utf-8")
    tabari = tmp_path / "mine.actors"
    tabari.write_text("ELBONIA_ [ELB]\n+ELBONIAN\n", encoding="utf-8")
    agents = tmp_path / "mine.agents"
    agents.write_text("PALACE_GUARD [~MIL]\nCURATOR [~EDU]\n", encoding="utf-8")
    assert [e.type for e in read_dictionary_file(table)] == ["actor", "actor", "agent", "role"]
    assert [e.phrases for e in read_dictionary_file(tabari)] == [("ELBONIA", "ELBONIAN")]
    assert {e.type for e in read_dictionary_file(agents)} == {"agent"}


def test_user_files_override_the_bundled_data(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("actor\tMY_MOSCOW\tstate\tRUS\tMoscow\n", encoding="utf-8")
    bundled_only = load_actor_dictionary()
    both = load_actor_dictionary([mine])
    before, after = bundled_only.lookup("Moscow"), both.lookup("moscow")
    assert before is not None and before.type == "metonym"
    assert after is not None and after.name == "MY_MOSCOW" and after.source == "mine"


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("actor\tX\tstate\tELB\tÉlbonia\n".encode("latin-1"))
    with pytest.raises(DictionaryError) as caught:
        load_actor_dictionary([latin], bundled=False)
    assert caught.value.code == "E431"
    assert str(caught.value).startswith(f"[E431] {latin}: cannot read")
