from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nextround.services import pages
from nextround.web.views.common import owner


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "nextround/dashboard.html", {"page": pages.dashboard(owner(request))})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    results = pages.search(owner(request), query)
    return render(request, "nextround/search.html", {"query": query, "results": results})
