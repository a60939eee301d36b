from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DictionaryError
from detente.quotes import bundled_paths, load_lexicon


def test_bundled_lexicon_has_speech_and_belief_verbs_apart() -> None:
    lexicon = load_lexicon()
    assert lexicon.is_speech("say", "said")
    assert lexicon.is_speech("tell", "told")
    assert not lexicon.is_speech("believe", "believes")
    assert lexicon.is_belief("believe", "believes")
    # "think" is in quote_verb_list.txt but listed as belief: belief wins.
    assert not lexicon.is_speech("think", "thinks")
    # excluded noisy entries of quote_verb_list.txt
    assert not lexicon.is_speech("release", "released")
    assert ("according", "to") in lexicon.source_frames
    assert "opinion" in lexicon.opinion_nouns


def test_bundled_files_ship_the_mit_notice() -> None:
    folder = bundled_paths()[0].parent
    assert (folder / "LICENSE.quote_verb_list").is_file()
    assert "MIT License" in (folder / "LICENSE.quote_verb_list").read_text(encoding="utf-8")


def test_user_files_extend_the_bundled_lexicon(tmp_path: Path) -> None:
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("# our verbs\nharrumph\nOpine  # trailing comment\n", encoding="utf-8")
    frames = tmp_path / "frames.toml"
    frames.write_text('[frames]\nsource = ["as quoted by"]\n', encoding="utf-8")
    lexicon = load_lexicon([*bundled_paths(), verbs, frames])
    assert lexicon.is_speech("harrumph", "harrumphed")
    assert lexicon.is_speech("opine", "opine")
    assert lexicon.is_speech("say", "say")
    assert ("as", "quoted", "by") in lexicon.source_frames


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bad.toml", "[verbs\nspeech = 1", "E410"),
        ("unknown.toml", '[verbs]\nshout = ["yell"]\n', "E411"),
        ("flat.toml", 'speech = "say"\n', "E411"),
        ("type.toml", "[verbs]\nspeech = 3\n", "E412"),
        ("words.csv", "say\n", "E414"),
    ],
)
def test_bad_lexicon_files_raise_coded_errors(
    tmp_path: Path, name: str, content: str, code: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as raised:
        load_lexicon([path])
    assert raised.value.code == code
    assert str(path) in str(raised.value)


def test_missing_lexicon_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match=r"^\[E413\] .*nothere\.txt: no such lexicon file"):
        load_lexicon([tmp_path / "nothere.txt"])
