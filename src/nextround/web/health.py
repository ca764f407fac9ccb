"""`/health`: is the database reachable and up to date? JSON, no login, no user data."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from nextround.services import operations


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    report = operations.health()
    return JsonResponse(report.as_dict(), status=200 if report.ok else 503)
