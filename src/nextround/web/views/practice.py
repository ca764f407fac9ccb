"""The practice page: a question, a visible timer, an answer box, and feedback tied to the words."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from nextround.services import practice, records
from nextround.services.errors import InvalidInput, ServiceError
from nextround.web.middleware import CONTENT_SECURITY_POLICY
from nextround.web.views.common import found, is_htmx, owner

# The practice page records the microphone and plays the recording back from the browser's
# memory (a blob: address); every other page keeps both shut.
PRACTICE_PERMISSIONS = "camera=(), microphone=(self), geolocation=()"
PRACTICE_CSP = CONTENT_SECURITY_POLICY + "; media-src 'self' blob:"

CHART_WIDTH, CHART_HEIGHT = 160, 40


def sparkline(scores: list[int | None]) -> str:
    """SVG polyline points for scores 0-100, left to right."""
    values = [s for s in scores if s is not None]
    if len(values) < 2:
        return ""
    step = CHART_WIDTH / (len(values) - 1)
    return " ".join(
        f"{i * step:.1f},{CHART_HEIGHT - (v / 100) * CHART_HEIGHT:.1f}"
        for i, v in enumerate(values)
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _progress(user: Any) -> dict[str, Any]:
    histories = practice.history(user)
    return {
        "histories": [(h, sparkline([p.overall for p in h.points])) for h in histories[:12]],
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT},
    }


def _context(request: HttpRequest, round_id: int | None, **extra: Any) -> dict[str, Any]:
    user = owner(request)
    context: dict[str, Any] = {
        "round": found(lambda: records.rounds.get(user, round_id)) if round_id else None,
        "suggestions": practice.questions_for_round(user, round_id, 6) if round_id else [],
        **_progress(user),
        "limit": 120,
        "local_mode": settings.LOCAL_MODE,
    }
    context.update(extra)
    return context


def page(request: HttpRequest) -> HttpResponse:
    round_id = _int(request.GET.get("round"))
    question = request.GET.get("q", "")[: practice.MAX_QUESTION_CHARS]
    bank_id = request.GET.get("bank", "")
    picked = practice.bank_question(bank_id) if bank_id else None
    if picked is not None:
        question = picked.text
    response = render(
        request,
        "nextround/practice.html",
        _context(request, round_id, question=question, picked=picked),
    )
    return _allow_voice(response)


def _allow_voice(response: HttpResponse) -> HttpResponse:
    response["Permissions-Policy"] = PRACTICE_PERMISSIONS
    response["Content-Security-Policy"] = PRACTICE_CSP
    return response


def answer(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return page(request)
    round_id = _int(request.POST.get("round"))
    question = request.POST.get("question", "")
    text = request.POST.get("answer", "")
    seconds = _int(request.POST.get("seconds_taken"))
    parent = _int(request.POST.get("follow_up_of"))
    errors: dict[str, list[str]] = {}
    feedback = None
    if not text.strip():
        errors["answer"] = ["Type your answer first: feedback needs something to read."]
    else:
        try:
            feedback = found(
                lambda: practice.practise(
                    owner(request), question, text, seconds, round_id=round_id, follow_up_of=parent
                )
            )
        except InvalidInput as exc:
            errors = exc.errors
    if feedback is not None and feedback.attempt_id is not None:
        errors |= _attach_voice(request, feedback.attempt_id)
    status = 200 if feedback or is_htmx(request) else 400
    if is_htmx(request):
        extra: dict[str, Any] = {"feedback": feedback, "errors": errors}
        if feedback is not None:
            # The progress list is swapped in with the feedback, so it counts this attempt at once.
            extra |= _progress(owner(request))
        return render(request, "nextround/partials/practice_feedback.html", extra, status=status)
    context = _context(
        request, round_id, question=question, answer=text, feedback=feedback, errors=errors
    )
    return _allow_voice(render(request, "nextround/practice.html", context, status=status))


def _attach_voice(request: HttpRequest, attempt_id: int) -> dict[str, list[str]]:
    """A spoken answer's delivery, sent with its corrected transcript, kept with the attempt."""
    delivery = request.POST.get("voice_delivery", "")
    if not delivery:
        return {}
    from nextround.services import voice

    try:
        voice.attach(owner(request), attempt_id, delivery, request.POST.get("voice_recording", ""))
    except ServiceError as exc:
        return {"voice": [f"The delivery from the recording was not kept: {exc}"]}
    return {}


def _heard(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """What the page needs from a transcription: the transcript, the figures, their HTML."""
    from nextround.services import voice

    return {
        "status": "done",
        "transcript": data["transcript"],
        "recording": data["recording"],
        "delivery": data["delivery"],
        "html": render_to_string(
            "nextround/partials/practice_voice.html",
            {"delivery": data["delivery"], "pieces": voice.marked(data["delivery"])},
            request=request,
        ),
    }


def _voice_error(exc: ServiceError, status: int = 400) -> JsonResponse:
    if isinstance(exc, InvalidInput):
        message = " ".join(m for messages in exc.errors.values() for m in messages)
    else:
        message = str(exc)
    return JsonResponse({"status": "failed", "error": message}, status=status)


@require_POST
def voice_upload(request: HttpRequest) -> HttpResponse:
    """A recorded answer: transcribed now (local mode) or queued for the worker (server mode)."""
    from nextround.services import voice

    upload = request.FILES.get("audio")
    if upload is None:
        return JsonResponse({"status": "failed", "error": "No recording was sent."}, status=400)
    if upload.size is not None and upload.size > voice.MAX_UPLOAD_BYTES:
        limit = voice.MAX_UPLOAD_BYTES // 1024 // 1024
        return _voice_error(InvalidInput.one("audio", f"The recording is over {limit} MB."))
    data = upload.read()
    question = request.POST.get("question", "")
    keep = request.POST.get("keep") == "1"
    name = upload.name or "the recording"
    try:
        if settings.LOCAL_MODE:
            heard = voice.listen(owner(request), question, data, name, keep=keep)
            return JsonResponse(_heard(request, heard.to_dict()))
        job = voice.enqueue(owner(request), question, data, name, keep=keep)
    except voice.VoiceUnavailable as exc:
        return _voice_error(exc, 503)
    except ServiceError as exc:
        return _voice_error(exc)
    return JsonResponse(
        {"status": job.status, "poll": reverse("practice-voice-job", args=[job.id])}, status=202
    )


@require_GET
def voice_job(request: HttpRequest, job_id: str) -> HttpResponse:
    """How a queued transcription is getting on; once done, the same as a direct one."""
    from nextround.services import voice

    view, data = found(lambda: voice.job_result(owner(request), job_id))
    if view.status == "failed":
        return JsonResponse({"status": "failed", "error": view.error})
    if data is None:
        return JsonResponse({"status": view.status})
    return JsonResponse(_heard(request, data))
