from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nextround.services import board, sharing
from nextround.web.views.board import page_number
from nextround.web.views.common import owner
from nextround.web.views.search import search as search  # the /search/ page

# The dashboard lists this many opportunities others shared; /shared/ lists them all.
SHARED_ON_DASHBOARD = 6


def dashboard(request: HttpRequest) -> HttpResponse:
    """The board, or with ?stage= one of its columns in full, page by page."""
    user = owner(request)
    shared = sharing.shared_with_me(user, limit=SHARED_ON_DASHBOARD + 1)
    focus = request.GET.get("stage", "")[:40]
    return render(
        request,
        "nextround/dashboard.html",
        {
            "board": board.board(user, focus=focus, page=page_number(request)),
            "shared": shared[:SHARED_ON_DASHBOARD],
            "more_shared": len(shared) > SHARED_ON_DASHBOARD,
        },
    )
