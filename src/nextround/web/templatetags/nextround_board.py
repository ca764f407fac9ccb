"""The board's cards, rendered quickly: Stage menus built once per stage, paths reversed once."""

from __future__ import annotations

from functools import cache

from django import template
from django.urls import get_script_prefix, reverse
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


# A number no record id will be, replaced by the card's id in a path reversed once per route.
_MARK = 987654321012


@register.filter
def path_to(pk: int, name: str) -> str:
    """The path of route `name` for this id: {{ card.id|path_to:"opportunity" }}.

    Sixty cards would reverse some three hundred paths a render; each route is reversed once.
    """
    return _pattern(name, get_script_prefix()).replace(str(_MARK), str(int(pk)))


@cache
def _pattern(name: str, prefix: str) -> str:
    return reverse(name, args=[_MARK])
