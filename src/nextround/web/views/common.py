"""What every view does the same way: whose data, htmx or not, and service errors on a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest

from nextround.services import once
from nextround.services.errors import InvalidInput, NotFound
from nextround.web.forms import ONCE, ServiceForm

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


ALREADY_SAVED = "Already saved: this form was sent before, so nothing new was added."


def save(
    form: ServiceForm, action: Callable[[dict[str, Any]], T], request: HttpRequest | None = None
) -> T | None:
    """Validate the form and run the service; on failure the form carries the errors.

    Given the request, a create form's one-time token is spent: the same form sent again
    (Back then Save, a double click) returns what the first sending saved, and says so.
    """
    if not form.is_valid():
        return None
    try:
        token = form.token() if request is not None else ""
        if not token or request is None:
            return action(form.values())
        made, again = once.create_once(
            owner(request), token, _sent(request, form), lambda: action(form.values())
        )
        if again:
            messages.info(request, ALREADY_SAVED)
        return made
    except InvalidInput as exc:
        form.add_service_errors(exc.errors)
        return None


def _sent(request: HttpRequest, form: ServiceForm) -> str:
    """The digest of what the form sent where: its fields, and the name and size of each file.

    The token is left out, so the same words sent again from a form fetched anew (Back, with
    no page cache) are known for a repeat; the path keeps one round's question from matching
    the same words asked in another round.
    """
    skip = {"csrfmiddlewaretoken", ONCE}
    fields = {k: request.POST.getlist(k) for k in request.POST if k not in skip}
    fields["path:"] = [request.path]
    for name in request.FILES:
        for upload in request.FILES.getlist(name):
            fields.setdefault(f"file:{name}", []).extend([upload.name or "", str(upload.size)])
    return once.digest(form.same_words(fields))
