"""Spoken answers for the voice tests: espeak-ng says known text to a WAV, PyAV re-encodes it."""

from __future__ import annotations

import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

ESPEAK = shutil.which("espeak-ng")


def speak(text: str, path: Path, words_per_minute: int = 150) -> Path:
    """Say `text` (SSML allowed, e.g. <break time="2500ms"/>) into a WAV file."""
    assert ESPEAK is not None
    subprocess.run(
        [ESPEAK, "-m", "-s", str(words_per_minute), "-v", "en-us", "-w", str(path), text],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return path


def plain_words(text: str) -> list[str]:
    """The words of a text as a transcript is compared: SSML, case and punctuation dropped."""
    text = re.sub(r"<[^>]+>", " ", text)
    return re.findall(r"[a-z0-9']+", text.lower().replace("%", " percent"))


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance over the reference's length."""
    ref, hyp = plain_words(reference), plain_words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[len(hyp)] / max(1, len(ref))


def encode(wav: Path, out: Path, codec: str, container: str | None = None) -> Path:
    """Re-encode a WAV into another container and codec (opus in webm, mp3, aac in m4a...)."""
    import av

    rate = 48_000 if codec in ("libopus", "opus") else 44_100 if codec == "aac" else 22_050
    with av.open(str(wav)) as source, av.open(str(out), "w", format=container) as target:
        stream = target.add_stream(codec, rate=rate)
        stream.layout = "mono"  # type: ignore[union-attr]
        resampler = av.AudioResampler(
            format=stream.codec_context.codec.audio_formats[0].name,  # type: ignore[union-attr]
            layout="mono",
            rate=rate,
        )
        pts = 0
        for frame in source.decode(audio=0):
            for out_frame in resampler.resample(frame):
                out_frame.pts = pts
                out_frame.time_base = Fraction(1, rate)
                pts += out_frame.samples
                for packet in stream.encode(out_frame):  # type: ignore[union-attr]
                    target.mux(packet)
        for packet in stream.encode(None):  # type: ignore[union-attr]
            target.mux(packet)
    return out


def tone_free_silence(path: Path, seconds: float) -> Path:
    """A WAV of digital silence."""
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(b"\x00\x00" * int(16_000 * seconds))
    return path
