"""`{% share_panel opportunity_id %}`: the sharing section of an opportunity page."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from nextround.services import sharing
from nextround.web.views.sharing import ShareForm

register = template.Library()


@register.inclusion_tag("nextround/share_panel.html", takes_context=True)
def share_panel(context: template.Context, opportunity_id: int) -> dict[str, Any]:
    request = context["request"]
    if settings.LOCAL_MODE:
        return {"local_mode": True}
    return {
        "local_mode": False,
        "panel": sharing.panel(request.user, int(opportunity_id)),
        "form": ShareForm(),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
