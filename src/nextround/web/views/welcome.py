"""The first-run page: what nextround does, and a sample opportunity to explore."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nextround.services import sample
from nextround.web.views.common import owner


def welcome(request: HttpRequest) -> HttpResponse:
    return render(
        request, "nextround/welcome.html", {"has_sample": sample.has_sample(owner(request))}
    )


@require_POST
def create_sample(request: HttpRequest) -> HttpResponse:
    opp = sample.create_sample(owner(request))
    return redirect("opportunity", pk=opp.pk)
