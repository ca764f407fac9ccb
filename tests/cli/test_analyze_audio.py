"""`nextround analyze --audio`: a spoken answer transcribed, measured and fed back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_harness import Cli
from tests.voice_clips import ESPEAK, encode, speak, word_error_rate

pytest.importorskip("faster_whisper", reason="the voice extra is not installed")

QUESTION = "Tell me about a time you handled a difficult stakeholder."
SAID = (
    "Um, our finance director did not trust the reports my team sent each month. "
    "I rebuilt the pipeline and met her every week until she signed off the new numbers."
)


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if ESPEAK is None:
        from tests.conftest import require

        require("espeak-ng")
    folder = tmp_path_factory.mktemp("cli-voice")
    return encode(speak(SAID, folder / "answer.wav"), folder / "answer.webm", "libopus", "webm")


def test_analyze_audio_json_has_the_transcript_delivery_and_feedback(
    cli: Cli, spoken: Path
) -> None:
    data = cli.json("analyze", "-q", QUESTION, "--audio", str(spoken), "--json")
    assert word_error_rate(SAID.replace("Um,", ""), data["transcript"]) <= 0.25
    delivery = data["delivery"]
    assert 120 <= delivery["words_per_minute"] <= 200
    assert delivery["pauses"] == []
    assert {"fillers", "parts", "time_to_first_word", "target"} <= delivery.keys()
    assert {s["aspect"] for s in data["scores"]} >= {"delivery", "length"}
    assert data["attempt_id"] is None


def test_analyze_audio_prints_the_transcript_then_the_feedback(cli: Cli, spoken: Path) -> None:
    result = cli("analyze", "-q", QUESTION, "--audio", str(spoken))
    assert result.code == 0, result.err
    assert result.out.index("Transcript:") < result.out.index("words a minute")
    assert "Next:" in result.out


def test_analyze_audio_save_keeps_the_transcript_as_an_attempt(cli: Cli, spoken: Path) -> None:
    data = cli.json("analyze", "-q", QUESTION, "--audio", str(spoken), "--save", "--json")
    assert isinstance(data["attempt_id"], int)
    assert data["recording"] == ""
    assert not (cli.data_dir / "voice").exists()


def test_analyze_audio_refuses_a_file_that_is_not_audio(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "answer.mp3"
    notes.write_text("I typed this answer instead of saying it.\n" * 20)
    result = cli("analyze", "-q", QUESTION, "--audio", str(notes))
    assert result.code == 1
    assert f"{notes} is not a recording nextround can read" in result.err
    assert "Traceback" not in result.err


def test_analyze_takes_one_kind_of_answer(cli: Cli, spoken: Path) -> None:
    result = cli("analyze", "-q", QUESTION, "--audio", str(spoken), "--answer", "typed too")
    assert result.code != 0
    assert "exactly one of --answer or --answer-file, or --audio" in result.err


def test_practice_answers_a_round_from_a_folder_of_recordings(
    cli: Cli, spoken: Path, tmp_path: Path
) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Data Engineer")
    first = cli.json("round", "add", str(opp["id"]), "--status", "done")
    cli.json("question", "add", str(first["id"]), "--text", QUESTION, "--rating", "1")
    second = cli.json("round", "add", str(opp["id"]))
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "1-answer.webm").write_bytes(spoken.read_bytes())
    (folder / "2-notes.wav").write_bytes(b"typed, not spoken\n" * 50)
    (folder / "readme.txt").write_text("not a recording")
    result = cli("practice", str(second["id"]), "--count", "3", "--recordings", str(folder))
    assert result.code == 0, result.err
    assert "answered by 1-answer.webm" in result.out and "Transcript:" in result.out
    assert "Skipped 2-notes.wav:" in result.out
    assert "1 question(s) had no recording" in result.out
    saved = cli.json("attempt", "list")
    assert len(saved) == 1 and saved[0]["round_id"] == second["id"]
    assert word_error_rate(SAID.replace("Um,", ""), saved[0]["answer_text"]) <= 0.25
    assert saved[0]["analysis"]["voice"]["words_per_minute"] > 0


def test_practice_refuses_a_folder_with_no_recordings(cli: Cli, tmp_path: Path) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    round_ = cli.json("round", "add", str(opp["id"]))
    result = cli("practice", str(round_["id"]), "--recordings", str(tmp_path))
    assert result.code != 0 and "has no recordings" in result.err
