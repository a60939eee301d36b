"""The PETRARCH/TABARI reader, on snippets written for these tests and on PETR.Validate."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from detente.actors import load_actor_dictionary
from detente.actors.tabari import ReadReport, read_actors, read_actors_with_report, read_agents
from detente.codes import DatedCode, code_at
from detente.errors import DictionaryError
from shared_data import shared_path

ACTORS = """\
<!-- a test dictionary -->
ELBONIA_  [ELB]
+ELBONIAN
+NORTH_ELBONIA   # a comment
<!-- a comment over
     two lines -->
MARSHAL_ZOG_  ; legacy comment
+ZOG
\t[ELBMIL 900101-051231]
\t[ELBGOV >060101]
\t[ELBELI]

GRAND_VIZIER
HIGH_VIZIER
\t[ELBGOV < 19991231]
"""


def test_blocks_synonyms_and_codes() -> None:
    entries = read_actors(ACTORS, path="test.actors", source="Test")
    assert [e.name for e in entries] == ["ELBONIA", "MARSHAL_ZOG", "GRAND_VIZIER"]
    elbonia, zog, vizier = entries
    assert elbonia.phrases == ("ELBONIA", "ELBONIAN", "NORTH ELBONIA")
    assert elbonia.codes == (DatedCode("ELB"),)
    assert elbonia.kind == "state"
    assert zog.kind == "person"
    assert zog.codes[0] == DatedCode(
        "ELBMIL", datetime.date(1990, 1, 1), datetime.date(2005, 12, 31)
    )
    assert zog.codes[1] == DatedCode("ELBGOV", datetime.date(2006, 1, 1), None)
    assert code_at(zog.codes, datetime.date(2014, 1, 1)) == "ELBGOV"
    assert code_at(zog.codes, datetime.date(1995, 1, 1)) == "ELBMIL"
    # consecutive primary phrases share the codes that follow them
    assert vizier.phrases == ("GRAND VIZIER", "HIGH VIZIER")
    assert vizier.codes == (DatedCode("ELBGOV", None, datetime.date(1999, 12, 31)),)
    assert zog.rule == "dict:Test:MARSHAL_ZOG"


def test_a_bare_sector_is_of_no_country_unless_it_is_a_country_code() -> None:
    text = "FORMER_MINISTER_ZOG_\n\t[ELI]\nCOTE_D'IVOIRE_  [CIV]\n+IVORY_COAST_\n"
    zog, ivory_coast = read_actors(text, path="test.actors", source="Test")
    assert zog.codes == (DatedCode("---ELI"),)
    # CIV, a sector of civilians, is first Côte d'Ivoire's ISO code, as PETRARCH reads it
    assert ivory_coast.codes == (DatedCode("CIV"),) and ivory_coast.kind == "state"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ZOG\n\t[ELBGOV 990231-000101]\n", "E432"),  # no 31 February
        ("ZOG\n\t[ELBGOV 1999-2000]\n", "E432"),
        ("ZOG\n\t[950601-990815]\n", "E433"),  # dates without a code
        ("\t[ELBGOV]\nZOG\n", "E434"),
        ("+ZOG\n", "E434"),
        ("ZOG [ELBGOV\n", "E435"),
        ("<!-- never closed\nZOG [ELB]\n", "E443"),
    ],
)
def test_errors_in_a_user_file_name_the_line(text: str, code: str) -> None:
    with pytest.raises(DictionaryError) as caught:
        read_actors(text, path="my.actors.txt", source="my")
    assert caught.value.code == code
    assert str(caught.value).startswith(f"[{code}] my.actors.txt:")


def test_lenient_reading_skips_and_reports() -> None:
    report = ReadReport()
    text = "ZOG\n\t[ELBGOV 990231-000101]\n\t[ELB]\n"
    [zog] = read_actors_with_report(text, path="p", source="s", strict=False, report=report)
    assert zog.codes == (DatedCode("ELB"),)
    assert len(report.problems) == 1 and report.problems[0].startswith("[E432] p:2:")


def test_agents_plurals_and_markers() -> None:
    text = (
        "!PERSON! = MAN, MEN\n"
        "DIPLOMAT [~GOV]\n"
        "AUTHORITY [~GOV]\n"
        "POLICE {} [ ~COP]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n"
        "CONGRESS!PERSON! [~LEG]\n"
        "HUMAN_RIGHTS_BODY [NGO~]\n"
    )
    entries = {e.name: e for e in read_agents(text, path="a", source="A")}
    assert entries["DIPLOMAT"].phrases == ("DIPLOMAT", "DIPLOMATS")
    assert entries["AUTHORITY"].phrases == ("AUTHORITY", "AUTHORITIES")
    assert entries["POLICE"].phrases == ("POLICE",)
    assert entries["POLICE"].agent_code == ("COP", False)
    assert entries["ATTORNEY_GENERAL"].phrases == ("ATTORNEY GENERAL", "ATTORNEYS GENERAL")
    assert entries["CONGRESS!PERSON!"].phrases == ("CONGRESSMAN", "CONGRESSMEN")
    assert entries["HUMAN_RIGHTS_BODY"].agent_code == ("NGO", True)


@pytest.mark.parametrize(
    ("text", "code"),
    [("DIPLOMAT\n", "E436"), ("CONGRESS!PERSONS! [~LEG]\n", "E437"), ("X [~GOV\n", "E435")],
)
def test_agent_errors(text: str, code: str) -> None:
    with pytest.raises(DictionaryError) as caught:
        read_agents(text, path="my.agents.txt", source="my")
    assert caught.value.code == code


def test_petr_validate_files_load_as_user_dictionaries() -> None:
    folder = shared_path("data", "events", "petrarch2")
    actors = folder / "PETR.Validate.actors.txt"
    agents = folder / "PETR.Validate.agents.txt"
    dictionary = load_actor_dictionary([Path(actors), Path(agents)], bundled=False)
    gollum = dictionary.lookup("Slinker")
    assert gollum is not None and gollum.name == "GOLLUM"
    assert code_at(gollum.codes, datetime.date(1995, 1, 1)) == "HOB"
    assert code_at(gollum.codes, datetime.date(1998, 1, 1)) == "HOBGOV"
    assert code_at(gollum.codes, datetime.date(2001, 1, 1)) == "HOBREB"
    palestinian = dictionary.lookup("Palestinian")
    assert palestinian is not None and palestinian.codes == (DatedCode("PAL"),)
    geese = dictionary.lookup("golden geese")
    assert geese is not None and geese.agent_code == ("GGS", False)
    assert dictionary.lookup("Ministry of Silly Walks") is not None
    assert len(dictionary.of_type("actor")) > 100 and len(dictionary.of_type("agent")) > 80
