"""`detente extract`: the output contract on the example article, the shared pages and bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from cli_util import run_cli
from detente.cli import EXIT_FATAL, EXIT_USAGE

pytestmark = pytest.mark.model

CONTRACT_KEYS = {
    "id", "source", "title", "subtitle", "authors", "publisher", "published", "language", "text",
    "headings", "removed", "sentences", "entities", "actors", "quotes", "events", "errors",
}  # fmt: skip


def all_spans(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span of the contract: headings, sentences, entities and the evidence of records."""
    spans = doc["headings"] + doc["sentences"] + doc["entities"]
    for actor in doc["actors"]:
        spans += actor["mentions"]
    for quote in doc["quotes"]:
        spans += [quote["content"], quote["cue"], quote["speaker"]["mention"]]
    spans += [event["evidence"] for event in doc["events"]]
    return [span for span in spans if span is not None]


def assert_spans_hold(doc: dict[str, Any]) -> None:
    text = doc["text"]
    for span in all_spans(doc):
        assert text[span["start"] : span["end"]] == span["text"], span


def test_cli_extract_example_article_is_the_gold_clean_text(
    capsys: pytest.CaptureFixture[str], example_path: Path, example_text: str, gold: dict[str, Any]
) -> None:
    run = run_cli(capsys, "extract", str(example_path), "--published", "2014-12-03")
    assert run.code == 0, run.err
    doc = json.loads(run.out)
    assert set(doc) == CONTRACT_KEYS
    assert doc["title"] == gold["title"]
    assert doc["subtitle"] == gold["subtitle"]
    assert doc["text"] == example_text[254:6075]
    assert doc["text"].startswith(gold["body"]["first_sentence"]["text"])
    assert doc["text"].endswith(gold["body"]["last_sentence"]["text"] + "”")
    assert [h["text"] for h in doc["headings"]] == ["Far from normal relations"]
    removed = {r["text"] for r in doc["removed"]}
    for span in gold["boilerplate"]:
        assert any(span["text"] in r for r in removed), span["text"]
    assert all(r["reason"] for r in doc["removed"])
    assert doc["published"] == "2014-12-03"
    assert doc["language"] == "en"
    assert doc["source"] == {"path": str(example_path), "url": None, "format": "text"}
    assert doc["errors"] == []
    assert len(doc["quotes"]) >= 20 and len(doc["events"]) >= 11
    codes = {actor["name"]: actor["code"] for actor in doc["actors"]}
    assert codes["NATO"] == "IGOWSTNAT" and codes["Alexander Grushko"] == "RUSGOV"
    for record in doc["quotes"] + doc["events"] + doc["actors"]:
        assert record["rule"], record  # every record says what produced it
    assert len(doc["id"]) == 16
    assert_spans_hold(doc)
    sentences = [s["text"] for s in doc["sentences"]]
    assert gold["body"]["first_sentence"]["text"] in sentences
    assert "Far from normal relations" in sentences  # a heading is never glued into a sentence
    entities = {(e["text"], e["label"]) for e in doc["entities"]}
    assert {("Brussels", "GPE"), ("Alexander Grushko", "PERSON")} <= entities


def test_cli_extract_raw_keeps_the_input_byte_for_byte(
    capsys: pytest.CaptureFixture[str], example_path: Path, example_text: str
) -> None:
    run = run_cli(capsys, "extract", "--raw", str(example_path))
    assert run.code == 0, run.err
    doc = json.loads(run.out)
    assert doc["text"] == example_text
    assert doc["removed"] == [] and doc["headings"] == []
    assert_spans_hold(doc)
    # offsets index the input file itself
    grushko = next(e for e in doc["entities"] if e["text"] == "Alexander Grushko")
    assert example_text[grushko["start"] : grushko["end"]] == "Alexander Grushko"


def test_cli_extract_spans_hold_on_every_shared_example(
    capsys: pytest.CaptureFixture[str], zyte_dir: Path, example_path: Path
) -> None:
    run = run_cli(capsys, "extract", "--format", "jsonl", str(example_path), str(zyte_dir / "html"))
    docs = [json.loads(line) for line in run.out.splitlines()]
    assert len(docs) == 62
    ok = [d for d in docs if not d["errors"]]
    assert len(ok) >= 60
    assert run.code == len(docs) - len(ok)
    for doc in ok:
        assert set(doc) == CONTRACT_KEYS
        # five pages are in other languages: their text only, no English reading of it
        assert bool(doc["sentences"]) is (doc["language"] == "en"), doc["source"]
        assert_spans_hold(doc)
    assert sum(doc["language"] != "en" for doc in ok) == 5


def test_cli_extract_bad_inputs_become_error_records_and_the_batch_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = "Officials from both countries met in Geneva on Monday to discuss the ceasefire. " * 5
    (tmp_path / "a_good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "d_truncated.txt.gz").write_bytes(gzip.compress(good.encode())[:40])
    (tmp_path / "e_feed.jsonl").write_text(
        json.dumps({"id": "x1", "text": good}) + "\n{not json\n", encoding="utf-8"
    )
    (tmp_path / "f_noarticle.html").write_text(
        "<html><head><title>Login</title></head><body><form><input name=u></form></body></html>",
        encoding="utf-8",
    )
    run = run_cli(capsys, "extract", "--format", "jsonl", str(tmp_path))
    docs = [json.loads(line) for line in run.out.splitlines()]
    failed = [d for d in docs if d["errors"]]
    assert len(docs) == 7
    assert [d["id"] for d in docs if not d["errors"]][1] == "x1"
    codes = sorted(d["errors"][0]["message"][:6] for d in failed)
    assert codes == ["[E102]", "[E103]", "[E106]", "[E107]", "[E201]"]
    assert run.code == 5  # the exit code is the number of failed documents
    assert "Traceback" not in run.out + run.err
    for doc in failed:
        assert set(doc) == {"id", "source", "errors"}
        assert "\n" not in doc["errors"][0]["message"]


def test_cli_extract_several_documents_as_a_json_array(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(
            f"Report {name}: the foreign ministers met in Vienna and agreed on talks.", "utf-8"
        )
    run = run_cli(capsys, "extract", str(tmp_path))
    docs = json.loads(run.out)
    assert isinstance(docs, list) and len(docs) == 2
    assert run.code == 0


def test_cli_extract_codes_english_and_keeps_other_languages_uncoded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    german = tmp_path / "de.txt"
    german.write_text(
        "Die Außenminister Russlands und der Ukraine sagten am Montag in Berlin, sie würden die "
        "Gespräche über die umstrittene Grenze im nächsten Monat wieder aufnehmen.",
        encoding="utf-8",
    )
    english = tmp_path / "en.txt"
    english.write_text(
        "The foreign ministers of Russia and Ukraine said on Monday in Berlin that they would "
        "resume talks on the disputed border next month.",
        encoding="utf-8",
    )
    run = run_cli(capsys, "extract", str(german), str(english))
    assert run.code == 0, run.err
    de, en = json.loads(run.out)
    # the German text is kept, with its language, and read by no English model or stage
    assert de["language"] == "de" and de["text"].startswith("Die Außenminister")
    assert de["errors"] == []
    assert (de["sentences"], de["actors"], de["quotes"], de["events"]) == ([], [], [], [])
    assert en["language"] == "en" and en["sentences"] and en["actors"]


def test_cli_extract_rejects_a_bad_published_date(
    capsys: pytest.CaptureFixture[str], example_path: Path
) -> None:
    run = run_cli(capsys, "extract", str(example_path), "--published", "3 Dec 2014")
    assert run.code == EXIT_USAGE
    assert "[E204]" in run.err and "Traceback" not in run.err


def test_cli_extract_missing_path_is_an_error_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run = run_cli(capsys, "extract", str(tmp_path / "nope.txt"))
    doc = json.loads(run.out)
    assert doc["errors"][0]["message"].startswith("[E101]")
    assert run.code == 1


def test_cli_extract_unknown_model_is_a_clear_fatal_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, example_path: Path
) -> None:
    monkeypatch.setenv("DETENTE_SPACY_MODEL", "en_core_web_missing")
    run = run_cli(capsys, "extract", str(example_path))
    assert run.code == EXIT_FATAL
    assert "[E301] spaCy model 'en_core_web_missing' is not installed" in run.err
    assert "Traceback" not in run.err
