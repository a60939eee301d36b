"""Evaluation on PETRARCH records: its unit tests with the PETR.Validate toy dictionaries, and
news records with the selected coder and the bundled dictionaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_util import run_cli
from detente.errors import EvalError
from detente.events.evaluate import (
    PetrRecord,
    PetrReport,
    TypeScore,
    _score_petr,
    read_petr_records,
)
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


def _coded(source: str, target: str, cameo: str) -> Event:
    def side(code: str) -> EventActor | None:
        return EventActor(actor="A", name=code, code=code, text=code) if code != "---" else None

    return Event(
        id="E1", source=side(source), target=side(target), plover=None, cameo=cameo,
        goldstein=0.0, intensity=None, quad_class=0, evidence=Span(0, 0, ""), sentence=0,
        rule="test", confidence=1.0,
    )  # fmt: skip


def test_per_root_figures_and_confusions() -> None:
    report = PetrReport()
    restored = PetrRecord("T-01", "DEMO", None, "", (("ARN", "GON", "064"), ("GON", "ARN", "064")))
    _score_petr(report, restored, [_coded("ARN", "GON", "064"), _coded("GON", "ARN", "111")])
    _score_petr(report, PetrRecord("T-02", "DEMO", None, "", ()), [])
    _score_petr(report, PetrRecord("T-03", "DEMO", None, "", (("GON", "ARN", "042"),)), [])
    fought = PetrRecord("T-04", "DEMO", None, "", (("ARN", "GON", "173"),))
    _score_petr(report, fought, [_coded("ARN", "GON", "190")])
    assert (report.reproduced, report.expected, report.extra) == (2, 5, 2)
    assert report.tally.scores() == [
        TypeScore("04", gold=1, predicted=0, precision=0.0, recall=0.0, f1=0.0),
        TypeScore("06", gold=2, predicted=1, precision=1.0, recall=0.5, f1=2 / 3),
        TypeScore("11", gold=0, predicted=1, precision=0.0, recall=0.0, f1=0.0),
        TypeScore("17", gold=1, predicted=0, precision=0.0, recall=0.0, f1=0.0),
        TypeScore("19", gold=0, predicted=1, precision=0.0, recall=0.0, f1=0.0),
        TypeScore("none", gold=1, predicted=2, precision=0.5, recall=1.0, f1=2 / 3),
    ]
    # an expected root nothing codes against each coded root nothing expects, else "none"
    assert report.to_dict()["confusions"] == [
        {"gold": "04", "predicted": "none", "count": 1},
        {"gold": "17", "predicted": "19", "count": 1},
        {"gold": "none", "predicted": "11", "count": 1},
    ]


def test_triples_count_the_cameo_root_and_each_side_s_country() -> None:
    report = PetrReport()
    shelled = PetrRecord("N-01", "NEWS", None, "", (("ISRMIL", "PSE", "190"),))
    _score_petr(report, shelled, [_coded("ISR", "PSE", "195"), _coded("PSE", "ISR", "190")])
    _score_petr(report, PetrRecord("N-02", "NEWS", None, "", (("CHN", "USA", "112"),)), [])
    # neither coding is reproduced, but ISR → PSE by root 19 is the expected triple
    assert (report.reproduced, report.triples_right) == (0, 1)
    assert report.to_dict()["triple_precision"] == 0.5
    assert report.to_dict()["triple_recall"] == 0.5
    assert report.to_dict()["triple_f1"] == 0.5


NEWS_RECORDS = """\
<Validation><Sentences>
<Sentence date="20150105" id="N-01" category="NEWS" sentence="true">
<EventCoding sourcecode="TURMIL" targetcode="IRQ" eventcode="195"></EventCoding>
<Text>Turkish jets bombed Kurdish militant positions in northern Iraq, Iraqi officials said.</Text>
</Sentence>
<Sentence date="20150106" id="N-02" category="NEWS" sentence="true">
<EventCoding sourcecode="CHN" targetcode="USA" eventcode="112"></EventCoding>
<Text>China accused the United States of meddling in its internal affairs.</Text>
</Sentence>
<Sentence date="20150107" id="N-03" category="NEWS" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Temperatures in Nairobi reached 30 degrees on Wednesday.</Text>
</Sentence>
</Sentences></Validation>
"""


@pytest.mark.model
def test_news_records_without_dictionaries_are_coded_as_the_pipeline_codes_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "news.xml"
    path.write_text(NEWS_RECORDS, encoding="utf-8")
    run = run_cli(capsys, "eval", "events", "--petr", str(path), "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["coder"] == "learned"
    # the jets are coded TUR, not TURMIL: not reproduced, but the triple (19, TUR, IRQ) is right
    assert (report["reproduced"], report["expected"], report["extra"]) == (2, 3, 1)
    assert report["triple_f1"] == 1.0


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
    # measured 81.5% (309/379) on 2026-12-04; the goal is 80%
    assert report.share >= 0.8
    table = report.to_table()
    assert table.row_count >= 10


@pytest.mark.model
@pytest.mark.slow
def test_petr_per_root_and_confusions_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    folder = shared_path("data", "events", "petrarch2")
    args = ["eval", "events", "--petr", str(folder / "PETR.UnitTest.records.xml")]
    for kind in ("actors", "agents", "verbs"):
        args += ["--dictionary", str(folder / f"PETR.Validate.{kind}.txt")]
    run = run_cli(capsys, *args, "--limit", "40", "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    rows, confusions = report["per_type"], report["confusions"]
    assert report["records"] == 40
    assert sum(row["gold"] for row in rows) == report["expected"]
    found = {row["type"]: round(row["recall"] * row["gold"]) for row in rows}
    assert sum(found.values()) == report["reproduced"]
    # every coding is reproduced or extra; a record rightly without events is reproduced too
    coded = sum(row["predicted"] for row in rows if row["type"] != "none")
    assert coded + found.get("none", 0) == report["reproduced"] + report["extra"]
    assert all(len(row["type"]) == 2 or row["type"] == "none" for row in rows)
    assert len(confusions) <= 10 and all(c["gold"] != c["predicted"] for c in confusions)

    table = run_cli(capsys, *args, "--limit", "40")
    assert table.code == 0 and "by CAMEO root" in table.out
