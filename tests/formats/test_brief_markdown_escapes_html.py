"""brief.md carries no HTML from user text: rendered as Markdown, it has no tags of its own."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from nextround.services import brief
from nextround.services import records as r
from tests.world import World

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '<a href="javascript:alert(3)">x</a>',
    "<!-- hidden -->",
    "<details open><summary>s</summary></details>",
    "&lt;b&gt;entity&lt;/b&gt;",
    "<http://evil.example/>",
]
ATTACK = " ".join(PAYLOADS)
ALLOWED = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "table", "thead", "tbody"}
ALLOWED |= {"tr", "th", "td", "code", "br", "input", "hr"}


def test_html_in_every_user_field_stays_text_in_brief_md(world: World) -> None:
    user = world.user
    short = PAYLOADS[0]
    r.opportunities.update(user, world.acme.pk, company="Acme " + short, role=PAYLOADS[2])
    r.interviewers.update(user, world.priya.pk, name="Priya " + short, title=PAYLOADS[1])
    r.interviewers.update(user, world.tom.pk, name="Tom <b>bold</b>")
    r.asked_questions.update(user, world.weak_question.pk, text=ATTACK, answer_note=ATTACK)
    r.feedback.update(user, world.feedback.pk, text="They doubted my SQL. " + ATTACK)
    r.stories.update(user, world.story.pk, title=ATTACK, action=ATTACK)
    r.rounds.update(user, world.round2.pk, notes=ATTACK)
    r.questions_to_ask.create(user, world.round2.pk, text=ATTACK)
    view = brief.build(user, world.round2.pk, dt.date(2026, 11, 20))
    for text in (
        brief.render(view, "md").decode(),
        brief.render(view, "md", night_before=True).decode(),
    ):
        assert "&lt;img src=x onerror=alert(1)&gt;" in text  # the payload is there, as text
        # No angle bracket at all: renderers of the original syntax (Python-Markdown,
        # Markdown.pl) pass a backslash-escaped tag through as HTML.
        assert "<" not in text and ">" not in text
        html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
        tags = {t.name for t in BeautifulSoup(html, "html.parser").find_all(True)}
        assert tags <= ALLOWED, sorted(tags - ALLOWED)
        soup = BeautifulSoup(html, "html.parser")
        assert not any(t.attrs.get("href") for t in soup.find_all("a"))
        assert "<!--" not in html
