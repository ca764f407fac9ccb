"""Answer aloud on the practice page: upload, transcript and delivery back, nothing kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from nextround import config
from nextround.store import models as m
from tests.voice_clips import ESPEAK, speak, word_error_rate

pytest.importorskip("faster_whisper", reason="the voice extra is not installed")

QUESTION = "Tell me about a time you handled a difficult stakeholder."
SAID = (
    "Um, our marketing director disputed the churn figures. I met her every week "
    "and we agreed one definition before the board review."
)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if ESPEAK is None:
        from tests.conftest import require

        require("espeak-ng")
    return speak(SAID, tmp_path_factory.mktemp("web-voice") / "answer.wav").read_bytes()


def _upload(client: Client, data: bytes, name: str = "answer.webm", **extra: str) -> Any:
    audio = SimpleUploadedFile(name, data, content_type="audio/webm")
    return client.post("/practice/voice/", {"audio": audio, "question": QUESTION, **extra})


def _voice_files() -> list[Path]:
    folder = config.data_dir() / "voice"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_the_practice_page_offers_answering_aloud_and_allows_the_microphone(user: Any) -> None:
    response = Client().get("/practice/")
    page = BeautifulSoup(response.content, "html.parser")
    box = page.select_one("[data-voice]")
    assert box is not None
    assert box.select_one("[data-voice-start]").get_text() == "Answer aloud"  # type: ignore[union-attr]
    assert box.select_one("[data-voice-read]") is not None
    assert box.select_one("meter[data-voice-level]") is not None
    assert "microphone=(self)" in response["Permissions-Policy"]
    assert "media-src 'self' blob:" in response["Content-Security-Policy"]


def test_other_pages_keep_the_microphone_shut(user: Any) -> None:
    assert "microphone=()" in Client().get("/")["Permissions-Policy"]


def test_an_upload_comes_back_as_a_transcript_with_its_delivery(user: Any, clip: bytes) -> None:
    response = _upload(Client(), clip, "answer.wav")
    assert response.status_code == 200, response.content
    data = response.json()
    assert word_error_rate(SAID.replace("Um,", ""), data["transcript"]) <= 0.25
    assert data["recording"] == ""
    html = BeautifulSoup(data["html"], "html.parser")
    assert "words a minute" in html.select_one("[data-figure=words_per_minute]").get_text()  # type: ignore[union-attr]
    assert m.PracticeAttempt.objects.count() == 0
    assert _voice_files() == []


def test_the_corrected_transcript_gets_feedback_and_keeps_the_delivery(
    user: Any, clip: bytes
) -> None:
    data = _upload(Client(), clip, "answer.wav", keep="1").json()
    assert len(_voice_files()) == 1
    corrected = data["transcript"] + " The board adopted it."
    response = Client(headers={"HX-Request": "true"}).post(
        "/practice/answer/",
        {
            "question": QUESTION,
            "answer": corrected,
            "voice_delivery": json.dumps(data["delivery"]),
            "voice_recording": data["recording"],
        },
    )
    assert response.status_code == 200
    attempt = m.PracticeAttempt.objects.get()
    assert attempt.answer_text == corrected
    assert attempt.analysis["voice"]["recording"] == data["recording"]
    assert attempt.analysis["voice"]["words_per_minute"] == data["delivery"]["words_per_minute"]
    for path in _voice_files():
        path.unlink()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"I typed this.\n" * 30, "is not a recording nextround can read"),
        (b"\0" * 1000, "not a recording"),
    ],
)
def test_a_bad_upload_is_refused_plainly_and_nothing_is_stored(
    user: Any, data: bytes, message: str
) -> None:
    response = _upload(Client(), data, keep="1")
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert m.PracticeAttempt.objects.count() == 0
    assert _voice_files() == []


def test_an_upload_with_no_file_is_refused(user: Any) -> None:
    response = Client().post("/practice/voice/", {"question": QUESTION})
    assert response.status_code == 400
    assert response.json()["error"] == "No recording was sent."


@override_settings(LOCAL_MODE=False)
def test_in_server_mode_the_worker_transcribes_and_the_page_polls(user: Any, clip: bytes) -> None:
    from nextround.services import jobs

    client = Client()
    client.force_login(user)
    queued = _upload(client, clip, "answer.wav")
    assert queued.status_code == 202
    poll = queued.json()["poll"]
    assert client.get(poll).json() == {"status": "queued"}
    jobs.run_one()
    done = client.get(poll).json()
    assert done["status"] == "done"
    assert word_error_rate(SAID.replace("Um,", ""), done["transcript"]) <= 0.25
    assert _voice_files() == []


def test_an_upload_over_fifty_megabytes_is_refused_before_it_is_read(user: Any) -> None:
    response = _upload(Client(), b"\0" * (50 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert response.json()["error"] == "The recording is over 50 MB."
    assert _voice_files() == []


def test_without_a_model_the_page_says_so_and_typing_still_works(
    user: Any, clip: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEXTROUND_VOICE_MODEL", str(tmp_path))
    response = _upload(Client(), clip, "answer.wav")
    assert response.status_code == 503
    assert "no model.bin" in response.json()["error"]
    typed = Client().post("/practice/answer/", {"question": QUESTION, "answer": SAID})
    assert typed.status_code == 200
    assert m.PracticeAttempt.objects.count() == 1
