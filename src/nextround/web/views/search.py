"""The search page: every kind of record, best first, with the matched words marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from nextround.services import search as service
from nextround.web.views.common import is_htmx, owner


@dataclass(frozen=True)
class Row:
    hit: service.Hit
    href: str


def href(hit: service.Hit) -> str:
    """The page that shows the record found, at the record where the page has an anchor."""
    pk, opp, rnd = hit.object_id, hit.opportunity_id, hit.round_id
    if hit.kind == "opportunity":
        return reverse("opportunity", args=[pk])
    if hit.kind == "requirement" and opp:
        return reverse("opportunity", args=[opp]) + f"#requirement-{pk}"
    if hit.kind == "person" and opp:
        return reverse("opportunity", args=[opp]) + "#people-h"
    if hit.kind == "round":
        return reverse("round", args=[pk]) + "#impressions-h"
    if hit.kind in ("question", "feedback", "ask") and rnd:
        return reverse("round", args=[rnd]) + f"#{hit.kind}-{pk}"
    if hit.kind == "ask" and opp:
        return reverse("opportunity", args=[opp]) + "#people-h"
    if hit.kind == "follow-up" and rnd:
        return reverse("followups", args=[rnd]) + f"#note-{pk}"
    if hit.kind == "offer":
        return reverse("offers") + f"#option-{pk}"
    if hit.kind == "story":
        return reverse("story-edit", args=[pk])
    return reverse("dashboard")


def _rows(hits: tuple[service.Hit, ...]) -> list[Row]:
    return [Row(h, href(h)) for h in hits]


def search(request: HttpRequest) -> HttpResponse:
    """GET ?q=words[&kind=person]: the page, or for htmx the results alone as you type.

    Records close in meaning come from a second request (?part=meaning), made once the word
    results are shown, so that typing never waits for the sentence model.
    """
    user = owner(request)
    text, kind = request.GET.get("q", ""), request.GET.get("kind", "")[:40]
    meaning = request.GET.get("part") == "meaning"
    if meaning and is_htmx(request):
        close = _rows(service.close_in_meaning(user, text, kind=kind))
        return render(request, "nextround/partials/search_meaning.html", {"close": close})
    results = service.search(user, text, kind=kind)
    context: dict[str, Any] = {
        "query": results.query,
        "results": results,
        "rows": _rows(results.hits),
        "offer_meaning": service.offers_meaning(results) and not meaning,
    }
    if meaning:  # asked for without JavaScript: the whole page with them
        context["close"] = _rows(service.close_in_meaning(user, text, kind=kind))
        context["meaning_asked"] = True
    if is_htmx(request):
        return render(request, "nextround/partials/search_results.html", context)
    return render(request, "nextround/search.html", context)
