"""The API object, its authentication and its one error shape.

Every error is `{"error": {"code": ..., "message": ..., "fields": {...}}}` with a status from the
documented set: 400 bad request, 401 not signed in, 403 read-only share, 404 unknown or not
yours, 413 body too large, 422 invalid input, 429 too many requests, 503 unavailable.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from nextround import __version__
from nextround.services import access, accounts
from nextround.services.access import Forbidden
from nextround.services.errors import InvalidInput, NotFound, ServiceError

log = logging.getLogger("nextround.api")


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: ErrorBody


ERROR_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_input",
    429: "throttled",
    500: "server_error",
    503: "unavailable",
}
# The errors every operation may answer with; each route adds these to its responses.
ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


class BearerToken(HttpBearer):
    """`Authorization: Bearer nrt_...`, a token made by `nextround user token`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        reading = request.method in ("GET", "HEAD", "OPTIONS")
        user = accounts.user_for_token(token, writing=not reading)
        if user is not None:
            request.user = user
            access.set_actor(int(user.pk))
        return user


class Session(APIKeyCookie):
    """The browser's signed-in session (or local mode's one user); writes need the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request):
            return None
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


api = NinjaAPI(
    title="nextround API",
    version=__version__,
    description=(
        "Opportunities, rounds, interviewers, asked questions, feedback, stories, requirements, "
        "offers, sharing and practice analysis. Authenticate with `Authorization: Bearer <token>` "
        "(`nextround user token USERNAME`) or a signed-in browser session. Every error is "
        '`{"error": {"code", "message", "fields"}}`.'
    ),
    auth=[BearerToken(), Session()],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def error(request: HttpRequest, status: int, message: str, fields: Any = None) -> HttpResponse:
    body = {"code": ERROR_CODES.get(status, "error"), "message": message, "fields": fields or {}}
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(Forbidden)
def _forbidden(request: HttpRequest, exc: Forbidden) -> HttpResponse:
    return error(request, 403, str(exc))


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return error(request, 404, str(exc))


@api.exception_handler(Http404)
def _http404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "Not found.")


@api.exception_handler(InvalidInput)
def _invalid(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    return error(request, 422, str(exc), exc.errors)


@api.exception_handler(ServiceError)
def _service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return error(request, 400, str(exc))


@api.exception_handler(NinjaValidationError)
def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for item in exc.errors:
        location = [str(p) for p in item.get("loc", ()) if p not in ("body", "payload")]
        fields.setdefault(".".join(location) or "__all__", []).append(str(item.get("msg", "")))
    return error(request, 422, "The request does not match the schema.", fields)


@api.exception_handler(AuthenticationError)
def _auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error(request, 401, "Sign in, or send Authorization: Bearer <token>.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error(request, exc.status_code, str(exc))


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000
    return error(request, 413, f"The request body is too large (the limit is {limit:.0f} MB).")


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("api error", extra={"event": type(exc).__name__})
    return error(request, 500, "Something went wrong on the server.")


def user_of(request: HttpRequest) -> User:
    auth = getattr(request, "auth", None)
    user = auth if isinstance(auth, User) else request.user
    assert isinstance(user, User)
    return user
