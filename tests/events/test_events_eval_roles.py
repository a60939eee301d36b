"""Who the roles pick, on ConfliBERT's source / target spans: the reader of its word-per-line file
(written cases and hypothesis), the figures through the real CLI, and a malformed file's coded
error."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_util import run_cli
from detente.errors import EvalError
from detente.events.evaluate import read_role_spans
from shared_data import shared_path


def _spans(path: Path) -> list[tuple[str, list[str], list[str]]]:
    return [
        (text, [text[a:b] for a, b in spans.sources], [text[a:b] for a, b in spans.targets])
        for text, spans in read_role_spans(path)
    ]


def test_words_join_into_the_sentence_and_tags_into_spans(tmp_path: Path) -> None:
    lines = [
        "Rebels B-S", "shelled B-R", "the B-T", "army I-T", "'s I-T", "base I-T", "( O",
        "near O", "Goma O", ") O", ", O", "officials O", "said O", ". O", "",
        "Kenya B-S", "and O", "Uganda B-S", "met B-R", ". O",
    ]  # fmt: skip
    path = tmp_path / "ner.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _spans(path) == [
        (
            "Rebels shelled the army's base (near Goma), officials said.",
            ["Rebels"],
            ["the army's base"],
        ),
        ("Kenya and Uganda met.", ["Kenya", "Uganda"], []),
    ]


def test_an_inside_tag_after_another_role_starts_a_span(tmp_path: Path) -> None:
    path = tmp_path / "ner.txt"
    path.write_text("Iran I-S\nIraq I-T\nclashed O\n", encoding="utf-8")
    assert _spans(path) == [("Iran Iraq clashed", ["Iran"], ["Iraq"])]


TAGS = ("O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R")


@given(
    st.lists(
        st.tuples(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), st.sampled_from(TAGS)),
        min_size=1,
        max_size=30,
    )
)
def test_each_run_of_a_role_is_one_span_of_its_words(words: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ner.txt"
        path.write_text("".join(f"{w} {t}\n" for w, t in words), encoding="utf-8")
        [(text, sources, targets)] = _spans(path)
    assert text == " ".join(w for w, _ in words)
    for role, found in (("S", sources), ("T", targets)):
        runs: list[list[str]] = []
        for index, (word, tag) in enumerate(words):
            if tag[2:] != role:
                continue
            continues = tag[0] == "I" and index > 0 and words[index - 1][1][2:] == role
            if continues:
                runs[-1].append(word)
            else:
                runs.append([word])
        assert found == [" ".join(run) for run in runs]


@pytest.mark.parametrize("line", ["Rebels B-SOURCE", "Rebels", " B-S", "Rebels\tB-S"])
def test_a_malformed_line_is_a_coded_error(tmp_path: Path, line: str) -> None:
    path = tmp_path / "ner.txt"
    path.write_text(f"Kenya B-S\n{line}\n", encoding="utf-8")
    with pytest.raises(EvalError) as raised:
        read_role_spans(path)
    assert raised.value.code == "E601" and "line 2" in str(raised.value)


def test_a_malformed_file_through_the_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "ner.txt"
    path.write_text("Kenya\n", encoding="utf-8")
    run = run_cli(capsys, "eval", "events", "--roles", str(path))
    assert run.code != 0 and "E601" in run.err + run.out
    assert "Traceback" not in run.err + run.out


@pytest.mark.model
@pytest.mark.parametrize(
    ("coder", "figures"),
    # (sentences without an event, sources found, targets found) of 20 sentences, each with both
    # spans; measured 2026-12-04 (learned 18, rule 17 and 14 before an event's sides were named
    # by a name rather than a pronoun of it and "government" was no person)
    [("learned", (1, 19, 19)), ("rule", (2, 18, 15))],
)
def test_role_figures_through_the_cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    coder: str,
    figures: tuple[int, int, int],
) -> None:
    monkeypatch.setenv("DETENTE_EVENT_CODER", coder)
    spans = str(shared_path("data", "events", "conflibert", "cameo_ner_train.txt"))
    arguments = ("eval", "events", "--roles", spans, "--limit", "20")
    run = run_cli(capsys, *arguments, "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert (report["coder"], report["sentences"]) == (coder, 20)
    assert (report["source"]["annotated"], report["target"]["annotated"]) == (20, 20)
    found = (report["uncoded"], report["source"]["found"], report["target"]["found"])
    assert found == figures
    assert report["source"]["share"] == round(figures[1] / 20, 4)
    table = run_cli(capsys, *arguments)
    assert table.code == 0 and "Roles (" in table.out and "annotated" in table.out
