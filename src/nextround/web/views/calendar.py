"""Calendar files to download, and the private address a calendar app subscribes to."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from nextround.services import calendar
from nextround.services.errors import NotFound
from nextround.web.views.common import found, owner

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@require_GET
def page(request: HttpRequest) -> HttpResponse:
    feed = calendar.feed(owner(request))
    url = ""
    if feed is not None:
        url = request.build_absolute_uri(reverse("calendar-feed", args=[feed.token]))
    context = {
        "feed": feed,
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1] if url else "",
        "local_address": request.get_host().split(":")[0] in ("127.0.0.1", "localhost", "[::1]"),
    }
    return render(request, "nextround/calendar.html", context)


def _download(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def everything(request: HttpRequest) -> HttpResponse:
    user = owner(request)
    return _download(calendar.everything(user).data, calendar.file_name(user))


def _nothing(request: HttpRequest, message: str, back: str, back_words: str) -> HttpResponse:
    """Said instead of a calendar file with no event in it, which a calendar app takes silently."""
    context = {"message": message, "back": back, "back_words": back_words}
    return render(request, "nextround/calendar_empty.html", context, status=404)


@require_GET
def for_opportunity(request: HttpRequest, pk: int) -> HttpResponse:
    user = owner(request)
    result = found(lambda: calendar.export(user, pk))
    if not result.events:
        return _nothing(
            request,
            "No rounds to add to a calendar yet: give a round its date and time, and it comes "
            "with its reminders.",
            reverse("opportunity", args=[pk]),
            "Back to the opportunity",
        )
    return _download(result.data, calendar.file_name(user, opportunity_id=pk))


@require_GET
def for_round(request: HttpRequest, pk: int) -> HttpResponse:
    user = owner(request)
    result = found(lambda: calendar.export(user, round_id=pk))
    if not result.events:
        return _nothing(
            request,
            "This round has no date yet: set its date and time, then add it to your calendar.",
            reverse("round-edit", args=[pk]),
            "Set the date and time",
        )
    return _download(result.data, calendar.file_name(user, round_id=pk))


@require_POST
def renew(request: HttpRequest) -> HttpResponse:
    made = calendar.feed(owner(request)) is None
    calendar.renew_feed(owner(request))
    if made:
        messages.success(request, "Your calendar address is ready: add it to your calendar app.")
    else:
        messages.success(
            request,
            "The old address no longer works. Subscribe to the new one below, and remove the "
            "old calendar from your apps.",
        )
    return redirect(reverse("calendar") + "#subscribe")


@require_POST
def stop(request: HttpRequest) -> HttpResponse:
    if calendar.stop_feed(owner(request)):
        messages.success(request, "Your calendar address is off: apps can no longer read it.")
    return redirect(reverse("calendar") + "#subscribe")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """What a calendar app polls: no session, the address is the key; reading writes nothing."""
    try:
        result = calendar.feed_calendar(token)
    except NotFound:
        raise Http404("No calendar at this address: it may have been replaced.") from None
    response = HttpResponse(result.data, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = 'inline; filename="nextround.ics"'
    # Personal data: apps may keep it, shared caches may not; search engines never list it.
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
