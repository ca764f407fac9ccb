"""Values every template can read."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from nextround import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    return {"version": __version__, "local_mode": settings.LOCAL_MODE}
