"""Friendly pages for unknown addresses and ids, server errors and CSRF failures; the favicon."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

# Pages a shorter address may land on, and how to name them: each answers a plain GET.
NEAREST_PAGES = {
    "opportunity": "the opportunity",
    "round": "the round",
    "brief": "the round's brief",
    "evidence": "the evidence map",
    "stories": "your stories",
    "practice": "practice",
    "offers": "your offers",
    "calendar": "the calendar",
    "profile": "your profile",
}
FAVICON = Path(__file__).resolve().parent.parent / "static" / "nextround" / "favicon.ico"


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # An unknown address carries Django's list of every route it tried: never show that.
    known = exception is not None and not isinstance(exception, Resolver404) and str(exception)
    context = {
        "message": str(exception) if known else "There is no page at this address.",
        "unknown_address": not known,
        "nearest": nearest_page(request.path) if not known else None,
    }
    return render(request, "nextround/errors/404.html", context, status=404)


def nearest_page(path: str) -> tuple[str, str] | None:
    """The closest real page above an unknown address: /opportunities/2/ for /opportunities/2/x/."""
    parts = [p for p in path.split("/") if p]
    for end in range(len(parts) - 1, 0, -1):
        candidate = "/" + "/".join(parts[:end]) + "/"
        try:
            name = resolve(candidate).url_name
        except Resolver404:
            continue
        if name in NEAREST_PAGES:
            return candidate, NEAREST_PAGES[name]
    return None


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "nextround/errors/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "nextround/errors/csrf.html", {"reason": reason}, status=403)


def favicon(request: HttpRequest) -> FileResponse:
    """The app's icon where browsers, bookmarks and feed readers look for it without a page."""
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
