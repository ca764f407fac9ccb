"""Spoken answers: transcribed offline with fillers kept, delivery from the audio, nothing kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.voice_clips import ESPEAK, plain_words, speak, tone_free_silence, word_error_rate

pytest.importorskip("faster_whisper", reason="the voice extra is not installed")

from nextround import config
from nextround.services import jobs, voice
from nextround.services.errors import InvalidInput, NotFound
from nextround.store import models as m

QUESTION = "Tell me about a time you led a team through a difficult change."
SAID = (
    "Um, in my last role I led a small team of engineers through a move to a new billing "
    'system. <break time="2500ms"/> Uh, the hardest part was getting the finance team to '
    "agree on the date, so I ran weekly reviews with them and we went live on time."
)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if ESPEAK is None:
        from tests.conftest import require

        require("espeak-ng")
    return speak(SAID, tmp_path_factory.mktemp("voice") / "answer.wav")


@pytest.fixture(scope="module")
def heard(clip: Path) -> voice.Transcription:
    # The model loads once per test process; each test of this module reads this transcription.
    # No question: classifying one reads the database, which a module fixture may not.
    return voice.transcribe(voice.decode(clip.read_bytes(), "answer.wav"))


def _voice_files() -> list[Path]:
    folder = config.data_dir() / "voice"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_it_transcribes_a_spoken_answer_close_to_what_was_said(heard: voice.Transcription) -> None:
    assert word_error_rate(SAID.replace("Um,", "").replace("Uh,", ""), heard.transcript) <= 0.25
    assert heard.model == "tiny.en"


def test_it_keeps_the_fillers_and_says_when_they_came(heard: voice.Transcription) -> None:
    found = [f.text.lower().strip(",") for f in heard.delivery.fillers]
    assert any(word.startswith(("um", "uh")) for word in found)
    assert heard.delivery.fillers[0].time < 1.0


def test_it_finds_the_long_pause_after_the_words_before_it(heard: voice.Transcription) -> None:
    (pause,) = heard.delivery.pauses
    assert pause.seconds == pytest.approx(2.5, abs=0.3)
    assert pause.after.lower().strip(".,") == "system"
    assert pause.part == "opening" or pause.part == "middle"


def test_words_a_minute_are_the_words_over_the_time_spoken(heard: voice.Transcription) -> None:
    delivery = heard.delivery
    expected = 60 * len(plain_words(SAID)) / delivery.speaking_seconds
    assert delivery.words_per_minute == pytest.approx(expected, rel=0.1)
    assert delivery.time_to_first_word is not None
    assert delivery.time_to_first_word < 0.5


def test_a_recording_gets_the_usual_feedback_and_nothing_is_kept(
    user: Any, clip: Path, heard: voice.Transcription, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(voice, "transcribe", lambda audio, question: heard)
    result = voice.analyse_recording(user, QUESTION, clip.read_bytes(), "answer.wav")
    data = result.to_dict()
    assert data["transcript"] == heard.transcript
    assert data["summary"]
    assert data["delivery"]["words_per_minute"] == heard.delivery.words_per_minute
    assert any(i["aspect"] == "delivery" for i in data["insights"])
    assert data["recording"] == ""
    assert m.PracticeAttempt.objects.count() == 0
    assert _voice_files() == []


def test_a_kept_recording_is_kept_with_its_attempt(
    user: Any, clip: Path, heard: voice.Transcription, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nextround.services import practice

    monkeypatch.setattr(voice, "transcribe", lambda audio, question: heard)
    result = voice.analyse_recording(user, QUESTION, clip.read_bytes(), "answer.wav", keep=True)
    assert voice.recording_path(user, result.recording).read_bytes() == clip.read_bytes()
    saved = practice.practise(user, QUESTION, result.transcription.transcript)
    assert saved.attempt_id is not None
    voice.attach(user, saved.attempt_id, json.dumps(result.delivery.to_dict()), result.recording)
    stored = m.PracticeAttempt.objects.get(pk=saved.attempt_id).analysis["voice"]
    assert stored["recording"] == result.recording
    assert stored["transcript"] == heard.transcript
    voice.delete_recording(user, result.recording)
    assert _voice_files() == []


def test_deleting_an_attempt_deletes_its_kept_recording(
    user: Any, clip: Path, heard: voice.Transcription, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nextround.services import practice
    from nextround.services import records as r

    monkeypatch.setattr(voice, "transcribe", lambda audio, question: heard)
    result = voice.analyse_recording(user, QUESTION, clip.read_bytes(), "answer.wav", keep=True)
    saved = practice.practise(user, QUESTION, result.transcription.transcript)
    assert saved.attempt_id is not None
    voice.attach(user, saved.attempt_id, json.dumps(result.delivery.to_dict()), result.recording)
    assert voice.recording_path(user, result.recording).is_file()
    r.attempts.delete(user, saved.attempt_id)
    assert _voice_files() == []


def test_another_candidate_cannot_read_a_kept_recording(
    user: Any,
    other_user: Any,
    clip: Path,
    heard: voice.Transcription,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(voice, "transcribe", lambda audio, question: heard)
    result = voice.analyse_recording(user, QUESTION, clip.read_bytes(), "answer.wav", keep=True)
    with pytest.raises(NotFound):
        voice.recording_path(other_user, result.recording)
    with pytest.raises(NotFound):
        voice.recording_path(user, "../../secret.wav")
    voice.delete_recording(user, result.recording)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"typed, not spoken\n" * 50, "not a recording nextround can read"),
        (b"\0" * (50 * 1024 * 1024 + 1), "the most is 50.0 MB"),
    ],
)
def test_bad_recordings_are_refused_by_name_and_nothing_is_stored(
    user: Any, data: bytes, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        voice.analyse_recording(user, QUESTION, data, "answer.webm", keep=True)
    assert message in caught.value.errors["audio"][0]
    assert "answer.webm" in caught.value.errors["audio"][0]
    assert m.PracticeAttempt.objects.count() == 0
    assert jobs.count(user) == 0
    assert _voice_files() == []


def test_a_silent_recording_is_refused(user: Any, tmp_path: Path) -> None:
    silent = tone_free_silence(tmp_path / "quiet.wav", 2).read_bytes()
    with pytest.raises(InvalidInput, match="silent"):
        voice.analyse_recording(user, QUESTION, silent, "quiet.wav")


def test_a_recording_needs_its_question(user: Any, clip: Path) -> None:
    with pytest.raises(InvalidInput, match="type the question"):
        voice.analyse_recording(user, "  ", clip.read_bytes())


def test_a_model_folder_that_is_not_a_model_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEXTROUND_VOICE_MODEL", str(tmp_path))
    with pytest.raises(voice.VoiceUnavailable, match=r"no model\.bin"):
        voice.model_dir()


def test_the_worker_transcribes_a_queued_recording_and_drops_the_audio(
    user: Any, clip: Path, heard: voice.Transcription, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(voice, "transcribe", lambda audio, question: heard)
    job = voice.enqueue(user, QUESTION, clip.read_bytes(), "answer.wav")
    assert voice.job_result(user, job.id) == (jobs.status(user, job.id), None)
    assert len(_voice_files()) == 1
    jobs.run_one()
    view, data = voice.job_result(user, job.id)
    assert view.status == jobs.DONE
    assert data is not None
    assert data["transcript"] == heard.transcript
    assert _voice_files() == []


def test_each_candidate_has_a_limit_on_recordings_waiting(user: Any, clip: Path) -> None:
    for _ in range(voice.MAX_WAITING):
        voice.enqueue(user, QUESTION, clip.read_bytes(), "answer.wav")
    with pytest.raises(InvalidInput, match="still being transcribed"):
        voice.enqueue(user, QUESTION, clip.read_bytes(), "answer.wav")
    assert jobs.count(user, voice.JOB_KIND, waiting=True) == voice.MAX_WAITING
    for path in _voice_files():
        path.unlink()


def test_a_bad_recording_is_refused_before_it_is_queued(user: Any) -> None:
    with pytest.raises(InvalidInput, match="is empty"):
        voice.enqueue(user, QUESTION, b"", "answer.wav")
    assert jobs.count(user) == 0
    assert _voice_files() == []


def test_each_candidate_has_a_daily_limit_on_recordings(user: Any, clip: Path) -> None:
    from django_tasks_db.models import DBTaskResult

    for _ in range(voice.MAX_RECORDINGS_PER_DAY):
        done = jobs.run_job.enqueue(owner_id=user.pk, kind=voice.JOB_KIND, params={})
        DBTaskResult.objects.filter(pk=done.id).update(status="SUCCESSFUL")
    with pytest.raises(InvalidInput, match="recordings today, the most a day"):
        voice.enqueue(user, QUESTION, clip.read_bytes(), "answer.wav")
    assert _voice_files() == []


def test_an_export_carries_the_transcript_and_figures_not_the_audio(
    user: Any, clip: Path, heard: voice.Transcription, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from nextround.services import backup

    monkeypatch.setattr(voice, "transcribe", lambda audio, question: heard)
    result = voice.analyse_recording(user, QUESTION, clip.read_bytes(), "answer.wav", keep=True)
    voice.save(user, result)
    out = io.StringIO()
    backup.export_to(user, out)
    exported = out.getvalue()
    attempt = json.loads(exported)["practice_attempts"][0]
    assert attempt["answer_text"] == heard.transcript
    assert attempt["analysis"]["voice"]["words_per_minute"] == heard.delivery.words_per_minute
    assert "RIFF" not in exported
    assert len(exported) < len(clip.read_bytes())
    voice.delete_recording(user, result.recording)
