"""Who is asking (local user or signed-in account), security headers, and one log line a request."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from nextround.services import access
from nextround.services.errors import NotFound

Handler = Callable[[HttpRequest], HttpResponse]

log = logging.getLogger("nextround.request")

# Every script, style, image and font comes from this site; no inline code, no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Paths anyone may open in server mode without signing in (the API checks its own auth).
PUBLIC_PREFIXES = (
    "/account/login/",
    "/account/signup/",
    "/account/reset/",
    "/static/",
    "/health",
    "/api/",
    "/feeds/",  # a calendar feed's address is its own key (views/calendar.py)
    "/favicon.ico",
)
# Pages whose forms change records: a coach a record was shared with does not get them.
EDIT_FORM_SUFFIXES = ("-edit", "-new")
EDIT_FORM_NAMES = frozenset({"profile-import", "round-impressions"})


class LocalUserMiddleware:
    """Local mode has one person and no login: every request is theirs."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LOCAL_MODE:
            from nextround.services.users import local_user

            request.user = local_user()
        return self.get_response(request)


class LoginRequiredMiddleware:
    """Server mode: every page but sign-in, sign-up, static files and health needs an account."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Every request starts with no acting user and ends by restoring that, so whoever the
        # API's token authentication names in one request never acts in the next one.
        pk = request.user.pk if request.user.is_authenticated else None
        with access.acting_as(None if settings.LOCAL_MODE or pk is None else int(pk)):
            return self._answer(request)

    def _answer(self, request: HttpRequest) -> HttpResponse:
        if settings.LOCAL_MODE or request.user.is_authenticated:
            # Every write in this request is checked against this user (services/access.py).
            return self.get_response(request)
        if request.path.startswith(PUBLIC_PREFIXES):
            return self.get_response(request)
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=401)
            response["HX-Redirect"] = settings.LOGIN_URL_PATH
            return response
        return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")


class ServiceErrorMiddleware:
    """Edit forms show only the user's own records; a foreign record is a 404, never a 500."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code in (404, 405)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            # Paths and methods the API does not have answer in the API's own error shape.
            code = "not_found" if response.status_code == 404 else "method_not_allowed"
            message = "No such API path." if code == "not_found" else "Method not allowed."
            body = {"error": {"code": code, "message": message, "fields": {}}}
            return JsonResponse(body, status=response.status_code)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        name = request.resolver_match.url_name if request.resolver_match else None
        if name and (name.endswith(EDIT_FORM_SUFFIXES) or name in EDIT_FORM_NAMES):
            with access.own_records_only():
                try:
                    return view(request, *args, **kwargs)
                except NotFound as exc:
                    return self.process_exception(request, exc)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            from nextround.web.views.errors import not_found

            return not_found(request, Http404(str(exception)))
        return None


class SecurityHeadersMiddleware:
    """The Content-Security-Policy and the headers Django's SecurityMiddleware leaves out."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("X-Frame-Options", "DENY")
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        user = getattr(request, "user", None)  # static files answer before authentication
        if not settings.LOCAL_MODE and user is not None and user.is_authenticated:
            # Pages hold personal data: no shared or browser cache keeps them.
            response.setdefault("Cache-Control", "private, no-store")
        return response


class RequestLogMiddleware:
    """One structured line a request: method, route, status, time; no address, user or query."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        if request.path.startswith("/static/"):
            return response
        match = getattr(request, "resolver_match", None)
        route = match.route if match else "unmatched"
        ms = round((time.perf_counter() - started) * 1000, 1)
        log.info(
            "%s /%s %s %sms",
            request.method,
            route,
            response.status_code,
            ms,
            extra={
                "method": request.method,
                # The route pattern, not the path: ids and search words stay out of the log.
                "route": route,
                "status": response.status_code,
                "ms": ms,
            },
        )
        return response
