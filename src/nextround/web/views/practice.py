"""The practice page: a question, a visible timer, an answer box, and feedback tied to the words."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nextround.services import practice, records
from nextround.services.errors import InvalidInput
from nextround.web.views.common import found, is_htmx, owner

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
    return render(
        request,
        "nextround/practice.html",
        _context(request, round_id, question=question, picked=picked),
    )


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
    return render(request, "nextround/practice.html", context, status=status)
