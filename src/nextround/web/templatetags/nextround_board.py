"""The board's Stage menus: the same eight options on every card, built once per stage."""

from __future__ import annotations

from functools import cache

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from nextround.store import models as m

register = template.Library()


@register.simple_tag
def stage_options(selected: str) -> SafeString:
    """The <option>s of every stage, the card's own selected."""
    return _options(selected)


@cache
def _options(selected: str) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (s.value, mark_safe(" selected") if s.value == selected else "", s.label)
            for s in m.Stage
        ),
    )
