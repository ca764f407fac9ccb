"""The board's cards, rendered quickly: Stage menus built once per stage, paths reversed once."""

from __future__ import annotations

from functools import cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import dateformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from nextround.services.board import Card
from nextround.store import models as m

register = template.Library()


# The card's own form: a plain post that works without JavaScript; htmx sends it in place.
MOVE_FORM = (
    '<form method="post" action="{url}" class="board-move" hx-post="{url}" hx-target="#board" '
    'hx-swap="outerHTML"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">{column}'
    '<label for="move-{id}">Stage<span class="visually-hidden"> of {name}</span></label>'
    '<select id="move-{id}" name="stage">{options}</select>'
    '<button type="submit">Move<span class="visually-hidden"> {name}</span></button></form>'
)


@register.simple_tag(takes_context=True)
def move_form(context: template.Context, card: Card, column: str = "") -> SafeString:
    """The Stage menu and Move button of a card (built in Python: a board has sixty)."""
    hidden = format_html('<input type="hidden" name="column" value="{}">', column) if column else ""
    return format_html(
        MOVE_FORM,
        url=path_to(card.id, "opportunity-stage"),
        csrf=str(context.get("csrf_token", "")),
        column=hidden,
        id=card.id,
        name=card.name,
        options=_options(card.stage),
    )


_CARD = (
    '<li class="board-card" id="card-{id}" data-card="{id}">'
    '<h4 class="board-card-title"><a href="{link}">{role}</a></h4>'
    '<p class="board-card-company">{company}</p>{next}{due}{move}</li>'
)
_NEXT = '<p class="board-card-next"><a href="{link}">Round {number}</a>: {when}</p>'
_WHEN = '{day} · <span class="countdown">{countdown}</span>'
_DUE = '<li class="due-{kind}{late}">{text}{badge}</li>'
_LINKED = '<a href="{}">{}</a>'
_OVERDUE = mark_safe(' <span class="badge overdue">Overdue</span>')


@register.simple_tag(takes_context=True)
def board_card(context: template.Context, card: Card, column: str = "") -> SafeString:
    """One card of the board: its job, the next round, what is due and its Stage menu (built in
    Python: a board has sixty cards, and the template language would spend most of the page's
    time on them)."""
    n = card.next_round
    following = ""
    if n is not None:
        when: str | SafeString = "date not set yet"
        if n.starts_at is not None:
            day = dateformat.format(n.starts_at, "D j M, H:i")
            when = format_html(_WHEN, day=day, countdown=n.countdown)
        following = format_html(
            _NEXT, link=path_to(n.round_id, "round"), number=n.number, when=when
        )
    due = ""
    if card.due:
        items = []
        for d in card.due:
            text: str | SafeString
            if d.kind == "offer":
                text = format_html(_LINKED, _offers_path(get_script_prefix()), d.text)
            elif d.round_id:
                text = format_html(_LINKED, path_to(d.round_id, "followups"), d.text)
            else:
                text = d.text
            items.append(
                format_html(
                    _DUE,
                    kind=d.kind,
                    late=" overdue" if d.overdue else "",
                    text=text,
                    badge=_OVERDUE if d.overdue else "",
                )
            )
        due = format_html('<ul class="board-card-due">{}</ul>', mark_safe("".join(items)))
    return format_html(
        _CARD,
        id=card.id,
        link=path_to(card.id, "opportunity"),
        role=card.role,
        company=card.company,
        next=following,
        due=due,
        move=move_form(context, card, column),
    )


@cache
def _offers_path(prefix: str) -> str:
    return reverse("offers")


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
