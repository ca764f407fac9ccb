"""Read a spoken answer (wav, webm/opus, ogg, mp3, m4a) into 16 kHz mono samples, and its pauses.

Decoding happens in memory with PyAV (installed with the `voice` extra); nothing is written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MAX_AUDIO_BYTES = 50 * 1024 * 1024
MAX_AUDIO_SECONDS = 10 * 60
SAMPLE_RATE = 16_000
# Quieter than -60 dBFS at its loudest, a recording holds no speech (a muted or missing microphone).
SILENT_PEAK = 10 ** (-60 / 20)
# Pauses are read from 20 ms frames. A frame is quiet when it is 25 dB under the loud speech (the
# 95th percentile frame) or within 10 dB of the room's noise (the 10th percentile frame),
# whichever is lower; anything under -65 dBFS is quiet.
# Project heuristic: digital silence (espeak-ng) and a noisy room both give the pauses said.
FRAME_SECONDS = 0.02
QUIET_BELOW_SPEECH_DB = 25.0
QUIET_ABOVE_NOISE_DB = 10.0
QUIET_FLOOR = 10 ** (-65 / 20)
# A burst of sound shorter than this (a click, a breath) is not the voice starting.
MIN_VOICED_SECONDS = 0.1
EXTENSIONS = ("wav", "webm", "ogg", "opus", "mp3", "m4a", "mp4", "aac", "flac")


class AudioError(ValueError):
    """A recording that cannot be used, with a one-line reason naming it."""


@dataclass(frozen=True, eq=False)
class Audio:
    """A decoded recording: 16 kHz mono float32 samples in -1..1."""

    samples: npt.NDArray[np.float32]
    codec: str
    container: str

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def _size_said(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_audio(data: bytes, name: str = "the recording") -> Audio:
    """Decode a recording, refusing what is empty, not audio, too long, too big or silent."""
    import av
    import numpy as np

    if not data:
        raise AudioError(f"{name} is empty: nothing was recorded")
    if len(data) > MAX_AUDIO_BYTES:
        raise AudioError(
            f"{name} is {_size_said(len(data))}; the most is {_size_said(MAX_AUDIO_BYTES)}"
        )
    try:
        container = av.open(io.BytesIO(data), mode="r", metadata_errors="ignore")
    except (av.FFmpegError, ValueError, OSError):
        raise AudioError(
            f"{name} is not a recording nextround can read (wav, webm, ogg, mp3 or m4a)"
        ) from None
    with container:
        streams = container.streams.audio
        if not streams:
            raise AudioError(f"{name} has no sound in it (no audio stream)")
        stream = streams[0]
        codec = stream.codec_context.name if stream.codec_context else "unknown"
        declared = _declared_seconds(container, stream)
        if declared is not None and declared > MAX_AUDIO_SECONDS + 1:
            raise AudioError(f"{name} is {_minutes(declared)} long; the most is 10 minutes")
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        chunks: list[Any] = []
        total = 0
        limit = (MAX_AUDIO_SECONDS + 1) * SAMPLE_RATE
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    array = out.to_ndarray().reshape(-1)
                    chunks.append(array)
                    total += len(array)
                if total > limit:
                    raise AudioError(f"{name} is longer than 10 minutes; the most is 10 minutes")
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
        except (av.FFmpegError, ValueError):
            if not chunks:
                raise AudioError(
                    f"{name} uses a codec{'' if codec == 'unknown' else f' ({codec})'} that "
                    "cannot be decoded here: record it as wav, webm/opus, ogg, mp3 or m4a"
                ) from None
            # A recording cut short (a browser tab closed mid-write) keeps what was decoded.
    if not chunks:
        raise AudioError(f"{name} holds no sound (0 seconds of audio)")
    samples = (np.concatenate(chunks).astype(np.float32) / 32768.0).astype(np.float32)
    if len(samples) < SAMPLE_RATE // 2:
        raise AudioError(f"{name} is under half a second long: nothing to hear")
    if float(np.max(np.abs(samples))) < SILENT_PEAK:
        raise AudioError(f"{name} is silent: check that the microphone is on and not muted")
    return Audio(samples, codec, container.format.name)


def read_audio_file(path: Path) -> Audio:
    """Decode a recording on disk, naming the file in any error."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AudioError(f"{path} cannot be read ({exc.strerror})") from None
    if size > MAX_AUDIO_BYTES:
        raise AudioError(f"{path} is {_size_said(size)}; the most is {_size_said(MAX_AUDIO_BYTES)}")
    return read_audio(path.read_bytes(), str(path))


def _declared_seconds(container: Any, stream: Any) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / 1_000_000
    return None


def _minutes(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def quiet_stretches(audio: Audio, min_seconds: float) -> list[tuple[float, float]]:
    """Stretches of the recording at least `min_seconds` long with no voice, in seconds."""
    import numpy as np

    frame = round(FRAME_SECONDS * SAMPLE_RATE)
    count = len(audio.samples) // frame
    if count == 0:
        return []
    frames = audio.samples[: count * frame].reshape(count, frame)
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    speech = float(np.percentile(rms, 95))
    noise = float(np.percentile(rms, 10))
    threshold = max(
        QUIET_FLOOR,
        min(
            speech * 10 ** (-QUIET_BELOW_SPEECH_DB / 20),
            noise * 10 ** (QUIET_ABOVE_NOISE_DB / 20),
        ),
    )
    quiet = (rms < threshold).tolist()
    # A click or a breath under 0.1 s inside a silence does not end it.
    blip = round(MIN_VOICED_SECONDS / FRAME_SECONDS)
    index = 0
    while index < count:
        if quiet[index]:
            index += 1
            continue
        end = index
        while end < count and not quiet[end]:
            end += 1
        if index > 0 and end < count and end - index < blip:
            quiet[index:end] = [True] * (end - index)
        index = end
    found: list[tuple[float, float]] = []
    start: int | None = None
    for index, is_quiet in enumerate([*quiet, False]):
        if is_quiet and start is None:
            start = index
        elif not is_quiet and start is not None:
            if (index - start) * FRAME_SECONDS >= min_seconds:
                found.append((start * FRAME_SECONDS, index * FRAME_SECONDS))
            start = None
    return found


def voiced_span(audio: Audio) -> tuple[float, float] | None:
    """The first and last moment of voice (a run of 0.1 s or more above the quiet level)."""
    quiet = quiet_stretches(audio, 0.0)
    seconds = audio.seconds
    voiced: list[tuple[float, float]] = []
    cursor = 0.0
    for start, end in quiet:
        if start - cursor >= MIN_VOICED_SECONDS:
            voiced.append((cursor, start))
        cursor = end
    if seconds - cursor >= MIN_VOICED_SECONDS:
        voiced.append((cursor, seconds))
    if not voiced:
        return None
    return round(voiced[0][0], 2), round(voiced[-1][1], 2)
