"""What every view does the same way: whose data, htmx or not, and service errors on a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest

from nextround.services.errors import InvalidInput, NotFound
from nextround.web.forms import ServiceForm

T = TypeVar("T")


def owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def found(call: Callable[[], T]) -> T:
    """Run a service call; an unknown or foreign id becomes the friendly 404 page."""
    try:
        return call()
    except NotFound as exc:
        raise Http404(str(exc)) from None


def save(form: ServiceForm, action: Callable[[dict[str, Any]], T]) -> T | None:
    """Validate the form and run the service; on failure the form carries the errors."""
    if not form.is_valid():
        return None
    try:
        return action(form.values())
    except InvalidInput as exc:
        form.add_service_errors(exc.errors)
        return None
