"""The search page: every kind of record, best first, with the matched words marked."""

from __future__ import annotations

from dataclasses import dataclass

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


def search(request: HttpRequest) -> HttpResponse:
    """GET ?q=words[&kind=person]: as a page, or only the results for htmx as you type."""
    results = service.search(
        owner(request), request.GET.get("q", ""), kind=request.GET.get("kind", "")[:40]
    )
    context = {
        "query": results.query,
        "results": results,
        "rows": [Row(h, href(h)) for h in results.hits],
        "close": [Row(h, href(h)) for h in results.close_in_meaning],
    }
    if is_htmx(request):
        return render(request, "nextround/partials/search_results.html", context)
    return render(request, "nextround/search.html", context)
