from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nextround.services import board, sharing
from nextround.services import profile as profiles
from nextround.web.views.board import page_number
from nextround.web.views.common import owner
from nextround.web.views.search import search as search  # the /search/ page
from nextround.web.views.welcome import has_seen_welcome

# The dashboard lists this many opportunities others shared; /shared/ lists them all.
SHARED_ON_DASHBOARD = 6


def dashboard(request: HttpRequest) -> HttpResponse:
    """The board, or with ?stage= one of its columns in full, page by page.

    On a first run (nothing recorded, no profile) it is the welcome page that opens first.
    """
    user = owner(request)
    shared = sharing.shared_with_me(user, limit=SHARED_ON_DASHBOARD + 1)
    focus = request.GET.get("stage", "")[:40]
    view = board.board(user, focus=focus, page=page_number(request))
    if (
        view.is_empty
        and not shared
        and not has_seen_welcome(request)
        and not profiles.is_stored(user)
    ):
        return redirect("welcome")
    return render(
        request,
        "nextround/dashboard.html",
        {
            "board": view,
            "shared": shared[:SHARED_ON_DASHBOARD],
            "more_shared": len(shared) > SHARED_ON_DASHBOARD,
        },
    )
