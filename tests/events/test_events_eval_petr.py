"""Evaluation on PETRARCH's unit-test records with the PETR.Validate toy dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import EvalError
from detente.events.evaluate import PetrRecord, PetrReport, _score_petr, read_petr_records
from detente.records import Event, EventActor, Span
from shared_data import shared_path

TOY_RECORDS = """\
<Validation><Sentences>
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="064"></EventCoding>
<Text>
Arnor and Gondor restored ties.
</Text>
</Sentence>
<Sentence date="19950102" id="T-02" category="ERROR" sentence="true">
<EventCoding error="Nothing to code"></EventCoding>
<Text>Skipped.</Text>
</Sentence>
<Sentence date="nodate" id="T-03" category="DEMO" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_records_are_read_without_their_error_cases(tmp_path: Path) -> None:
    path = tmp_path / "records.xml"
    path.write_text(TOY_RECORDS, encoding="utf-8")
    first, nothing = read_petr_records(path)
    assert first.id == "T-01" and first.text == "Arnor and Gondor restored ties."
    assert first.expected == (("ARN", "GON", "064"), ("GON", "ARN", "064"))
    assert first.date is not None and first.date.isoformat() == "1995-01-01"
    assert nothing.expected == () and nothing.date is None


def test_scoring_counts_reproduced_codings_and_empty_records() -> None:
    report = PetrReport()
    record = PetrRecord("T-01", "DEMO", None, "", (("ARN", "GON", "064"), ("GON", "ARN", "064")))
    _score_petr(report, record, [])
    _score_petr(report, PetrRecord("T-03", "DEMO", None, "", ()), [])
    assert (report.reproduced, report.expected) == (1, 3)
    assert report.by_category == {"DEMO": [1, 3]}
    assert report.misses[0]["expected"] == "ARN GON 064"
    assert report.to_dict()["share"] == round(1 / 3, 4)


def test_scoring_reads_a_missing_actor_as_petrarchs_dashes() -> None:
    report = PetrReport()
    said = Event(
        id="E1",
        source=EventActor(actor="A1", name="Gondor", code="GON", text="Gondor"),
        target=None,
        plover=None,
        cameo="023",
        goldstein=0.4,
        intensity=None,
        quad_class=1,
        evidence=Span(0, 6, "Gondor"),
        sentence=0,
        rule="test",
        confidence=0.6,
    )
    _score_petr(report, PetrRecord("T-04", "COMMA", None, "", (("GON", "---", "023"),)), [said])
    assert (report.reproduced, report.expected, report.extra) == (1, 1, 0)


def test_unreadable_records(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<Validation><Sentence>", encoding="utf-8")
    with pytest.raises(EvalError) as raised:
        read_petr_records(path)
    assert raised.value.code == "E601"
    with pytest.raises(EvalError):
        read_petr_records(tmp_path / "missing.xml")


@pytest.mark.model
@pytest.mark.slow
def test_petr_unit_tests_with_the_toy_dictionaries_as_user_files() -> None:
    from detente.events.evaluate import evaluate_petr

    folder = shared_path("data", "events", "petrarch2")
    report = evaluate_petr(
        folder / "PETR.UnitTest.records.xml",
        [folder / f"PETR.Validate.{kind}.txt" for kind in ("actors", "agents", "verbs")],
    )
    assert report.records > 250
    # measured 81.0% (307/379) on 2026-11-27; the goal is 80%
    assert report.share >= 0.8
    table = report.to_table()
    assert table.row_count >= 10
