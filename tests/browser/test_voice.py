"""A candidate answers aloud in real Chromium, its microphone fed a WAV spoken by espeak-ng."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ARGS, CHROMIUM, Shots
from tests.conftest import require
from tests.voice_clips import ESPEAK, speak, word_error_rate

pytestmark = pytest.mark.browser

QUESTION = "Tell me about a time you handled a difficult stakeholder."
SAID = (
    "Um, our finance director did not trust the monthly reports. "
    "I met her every week and we agreed one definition before the board review."
)


@pytest.fixture(scope="module")
def microphone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if ESPEAK is None:
        require("espeak-ng")
    # A second of quiet first: the recorder starts a moment after the fake device does.
    text = f'<break time="1000ms"/>{SAID}<break time="3000ms"/>'
    return speak(text, tmp_path_factory.mktemp("microphone") / "answer.wav")


@pytest.fixture(scope="module")
def voice_browser(microphone: Path, playwright: Any) -> Iterator[Any]:
    pytest.importorskip("faster_whisper", reason="the voice extra is not installed")
    fake_microphone = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={microphone}%noloop",
        "--autoplay-policy=no-user-gesture-required",
    ]
    launched = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=ARGS + fake_microphone
    )
    yield launched
    launched.close()


@pytest.fixture
def phone(voice_browser: Any, app_server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = voice_browser.new_context(
        viewport={"width": 375, "height": 800}, color_scheme="dark", has_touch=True
    )
    context.grant_permissions(["microphone"], origin=app_server)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        Shots(tab, request.node.name)("failure")
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_a_candidate_answers_aloud_corrects_the_transcript_and_gets_feedback(
    phone: Any, app_server: str, request: pytest.FixtureRequest
) -> None:
    shots = Shots(phone, request.node.name)
    phone.goto(app_server + "/practice/?q=" + QUESTION.replace(" ", "+"))
    box = phone.locator("[data-voice]")
    expect(box).to_be_visible()
    shots("before-recording")

    phone.get_by_role("button", name="Read the question aloud").click()
    said = phone.locator("[data-voice-status]").inner_text()
    assert said.startswith(("Reading the question aloud", "This system has no voice"))

    # Keyboard only: focus the button, Enter to start, Enter on Stop (focus moves to it).
    phone.get_by_role("button", name="Answer aloud").focus()
    phone.keyboard.press("Enter")
    stop = phone.get_by_role("button", name="Stop and transcribe")
    expect(stop).to_be_focused()
    expect(phone.locator("[data-voice-status]")).to_contain_text("Recording")
    expect(phone.locator("[data-voice-timer]")).to_contain_text("0:03", timeout=10_000)
    assert float(phone.locator("[data-voice-level]").get_attribute("value") or 0) >= 0
    shots("recording")
    phone.wait_for_timeout(10_000)
    assert stop.is_enabled()
    phone.keyboard.press("Enter")

    expect(phone.locator("[data-voice-status]")).to_contain_text("answer box", timeout=90_000)
    answer = phone.get_by_label("Answer", exact=True)
    transcript = answer.input_value()
    assert word_error_rate(SAID.replace("Um,", ""), transcript) <= 0.3, transcript
    expect(answer).to_be_focused()
    figures = phone.locator(".voice-delivery")
    expect(figures.locator("[data-figure=words_per_minute]")).to_contain_text("words a minute")
    expect(phone.locator("audio[data-voice-playback]")).to_be_visible()
    # Phone width in dark mode: nothing runs off the side of the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    shots("transcript")

    answer.fill(transcript + " The board adopted it and the disputes stopped.")
    phone.get_by_role("button", name="Get feedback").click()
    feedback = phone.locator("#feedback .feedback")
    feedback.wait_for()
    expect(feedback).to_contain_text("delivery")
    shots("feedback")
