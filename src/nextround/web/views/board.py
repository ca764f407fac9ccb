"""Moving a card on the board: a plain form post, or in place when htmx sends it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nextround.services import board
from nextround.services.errors import InvalidInput
from nextround.store import models as m
from nextround.web.views.common import found, is_htmx, owner

MAX_PAGE = 100_000


def page_number(request: HttpRequest) -> int:
    """The ?page= of a column shown in full; anything but a number is the first page."""
    text = request.GET.get("page", "1")
    return min(int(text), MAX_PAGE) if text.isdigit() else 1


def _back(column: str, pk: int | None = None) -> str:
    url = reverse("dashboard")
    if column:
        url += f"?stage={column}"
    return url + (f"#card-{pk}" if pk else "")


@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    user = owner(request)
    column = request.POST.get("column", "")
    column = column if column in m.Stage.values else ""
    stage = request.POST.get("stage", "")
    moved = None
    try:
        moved = found(lambda: board.move(user, pk, stage))
    except InvalidInput as exc:
        status = f"Not moved: {' '.join(exc.errors.get('stage', [str(exc)]))}."
    else:
        status = (
            f"Moved {moved.name} to {moved.label}."
            if moved.changed
            else f"{moved.name} is already in {moved.label}."
        )
    if is_htmx(request):
        context = {
            "board": board.board(user, focus=column, this_week=False),
            "status": status,
            "moved": moved.id if moved else None,
        }
        return render(request, "nextround/partials/board.html", context)
    if moved is None:
        messages.error(request, status)
        return redirect(_back(column, pk))
    messages.success(request, status)
    return redirect(_back(column, pk))
