"""The search page's one filter: an excerpt with its matched words in <mark>, all else escaped."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def marked(excerpt: Any) -> SafeString:
    """Every piece escaped; the pieces the query matched wrapped in <mark>."""
    if excerpt is None:
        return mark_safe("")
    html = "".join(
        f"<mark>{escape(text)}</mark>" if hit else str(escape(text)) for text, hit in excerpt.parts
    )
    before = "…" if excerpt.cut_before else ""
    after = "…" if excerpt.cut_after else ""
    return mark_safe(f"{before}{html}{after}")  # each piece is escaped above
