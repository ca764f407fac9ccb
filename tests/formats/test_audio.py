"""Reading a spoken answer: every format a browser or phone records, every bad input refused."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.voice_clips import ESPEAK, encode, speak, tone_free_silence

pytest.importorskip("av", reason="the voice extra is not installed")

from nextround.formats.audio import (
    MAX_AUDIO_BYTES,
    AudioError,
    quiet_stretches,
    read_audio,
    read_audio_file,
    voiced_span,
)


def _wav(fmt_tag: int, data: bytes) -> bytes:
    fmt = struct.pack("<HHIIHH", fmt_tag, 1, 16000, 32000, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if ESPEAK is None:
        from tests.conftest import require

        require("espeak-ng")
    folder = tmp_path_factory.mktemp("audio")
    return speak('I led the team. <break time="2500ms"/> We shipped on time.', folder / "a.wav")


@pytest.mark.parametrize(
    ("codec", "suffix", "container"),
    [
        ("libopus", "webm", "webm"),
        ("libopus", "ogg", "ogg"),
        ("libmp3lame", "mp3", "mp3"),
        ("aac", "m4a", "ipod"),
    ],
)
def test_it_reads_what_browsers_and_phones_record(
    spoken: Path, tmp_path: Path, codec: str, suffix: str, container: str
) -> None:
    original = read_audio_file(spoken)
    other = read_audio_file(encode(spoken, tmp_path / f"a.{suffix}", codec, container))
    assert other.seconds == pytest.approx(original.seconds, abs=0.15)


def test_it_finds_a_long_pause_where_it_was_said(spoken: Path) -> None:
    audio = read_audio_file(spoken)
    pauses = quiet_stretches(audio, 2.0)
    assert len(pauses) == 1
    start, end = pauses[0]
    assert end - start == pytest.approx(2.5, abs=0.3)
    first, last = voiced_span(audio) or (0.0, 0.0)
    assert first < 0.3
    assert last > end


def test_it_refuses_an_empty_file() -> None:
    with pytest.raises(AudioError, match=r"answer\.wav is empty"):
        read_audio(b"", "answer.wav")


def test_it_refuses_text_that_is_not_audio() -> None:
    with pytest.raises(AudioError, match="not a recording nextround can read"):
        read_audio(b"This is my answer, typed, not spoken.\n" * 40, "answer.mp3")


def test_it_refuses_a_picture() -> None:
    png = bytes.fromhex("89504e470d0a1a0a") + b"\0" * 200
    with pytest.raises(AudioError, match="no sound in it"):
        read_audio(png, "photo.png")


def test_it_refuses_a_codec_it_cannot_decode() -> None:
    with pytest.raises(AudioError, match=r"codec.*cannot be decoded here"):
        read_audio(_wav(0x1234, b"\x01\x02" * 8000), "odd.wav")


def test_it_refuses_a_wav_with_no_samples() -> None:
    with pytest.raises(AudioError, match="holds no sound"):
        read_audio(_wav(1, b""), "blank.wav")


def test_it_refuses_silence(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="silent: check that the microphone"):
        read_audio_file(tone_free_silence(tmp_path / "quiet.wav", 3))


def test_it_refuses_more_than_ten_minutes(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="10 min 5 s long; the most is 10 minutes"):
        read_audio_file(tone_free_silence(tmp_path / "long.wav", 605))


def test_it_refuses_more_than_fifty_megabytes_before_decoding() -> None:
    with pytest.raises(AudioError, match=r"50\.0 MB; the most is 50\.0 MB"):
        read_audio(b"\0" * (MAX_AUDIO_BYTES + 1), "huge.wav")


def test_it_names_a_file_it_cannot_open(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="cannot be read"):
        read_audio_file(tmp_path / "missing.wav")


def test_it_finds_the_pause_in_a_noisy_room(spoken: Path, tmp_path: Path) -> None:
    import wave

    import numpy as np

    with wave.open(str(spoken)) as source:
        rate = source.getframerate()
        samples = np.frombuffer(source.readframes(source.getnframes()), dtype=np.int16)
    # Steady room noise at about -50 dBFS under the whole answer.
    noise = np.random.default_rng(7).normal(0, 32768 * 10 ** (-50 / 20), len(samples))
    noisy = np.clip(samples.astype(np.float64) + noise, -32768, 32767).astype(np.int16)
    path = tmp_path / "noisy.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(noisy.tobytes())
    (pause,) = quiet_stretches(read_audio_file(path), 2.0)
    assert pause[1] - pause[0] == pytest.approx(2.5, abs=0.3)
