"""The board's cards and the week's items, rendered quickly: Stage menus built once per stage,
paths reversed once, and HTML put together in Python."""

from __future__ import annotations

import html
from functools import cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import dateformat
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from nextround.services.board import Card
from nextround.services.week import AgendaDay
from nextround.store import models as m

register = template.Library()


def _escape(value: object) -> str:
    """What conditional_escape gives, without its lazy-string wrapper (a page calls it often)."""
    if type(value) is int:
        return str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _html(format_string: str, **values: object) -> SafeString:
    """format_html, for the few formats of this module."""
    return mark_safe(format_string.format(**{k: _escape(v) for k, v in values.items()}))


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
    hidden = _html('<input type="hidden" name="column" value="{c}">', c=column) if column else ""
    return _html(
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
_LINKED = '<a href="{link}">{text}</a>'
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
            when = _html(_WHEN, day=day, countdown=n.countdown)
        following = _html(_NEXT, link=path_to(n.round_id, "round"), number=n.number, when=when)
    due = ""
    if card.due:
        items = []
        for d in card.due:
            text: str | SafeString
            if d.kind == "offer":
                text = _html(_LINKED, link=_offers_path(get_script_prefix()), text=d.text)
            elif d.round_id:
                text = _html(_LINKED, link=path_to(d.round_id, "followups"), text=d.text)
            else:
                text = d.text
            items.append(
                _html(
                    _DUE,
                    kind=d.kind,
                    late=" overdue" if d.overdue else "",
                    text=text,
                    badge=_OVERDUE if d.overdue else "",
                )
            )
        due = mark_safe(f'<ul class="board-card-due">{"".join(items)}</ul>')
    return _html(
        _CARD,
        id=card.id,
        link=path_to(card.id, "opportunity"),
        role=card.role,
        company=card.company,
        next=following,
        due=due,
        move=move_form(context, card, column),
    )


@register.simple_tag(takes_context=True)
def board_cards(context: template.Context, cards: list[Card], column: str = "") -> SafeString:
    """The cards of a column, laid out as the template's loop over them was (one tag for the
    column rather than one a card: each tag costs the template language as much again)."""
    return mark_safe(
        "".join(f"\n        {board_card(context, card, column)}\n      " for card in cards)
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


# Laid out as the template's loop over the items was, so the page reads the same.
_ITEM = (
    '\n    <li class="agenda-{kind}{late}">\n      {at}\n      {link}\n      {due}\n    </li>\n  '
)
_AT = '<span class="agenda-time">{at}</span>'
_DUE_ON = '<span class="muted">due {day}</span>'


@register.simple_tag
def agenda_items(day: AgendaDay) -> SafeString:
    """The <li>s of one day of the week (built in Python, as the cards are: a week shows forty)."""
    overdue = day.label == "Overdue"
    out = []
    for item in day.items:
        if item.kind == "round":
            assert item.round_id is not None
            link = path_to(item.round_id, "round")
        elif item.kind == "offer":
            link = _offers_path(get_script_prefix())
        elif item.round_id:
            link = path_to(item.round_id, "followups")
        else:
            link = path_to(item.opportunity_id, "opportunity")
        out.append(
            _html(
                _ITEM,
                kind=item.kind,
                late=" overdue" if item.overdue else "",
                at=_html(_AT, at=dateformat.format(item.at, "H:i")) if item.at else "",
                link=_html(_LINKED, link=link, text=item.text),
                due=_html(_DUE_ON, day=dateformat.format(item.day, "D j M")) if overdue else "",
            )
        )
    return mark_safe("".join(out))
