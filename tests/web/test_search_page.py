"""The search page, read as HTML: what is found, how it is marked, and where each link goes."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.services import records as r
from tests.world import World, opportunity


def soup(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def hits(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(kind label, title) of each result, in order."""
    return [
        (li.select_one(".badge").get_text(), li.find("a").get_text())  # type: ignore[union-attr]
        for li in page.select("li.search-hit")
    ]


def test_a_person_is_found_by_name_and_linked_to_their_opportunity(
    client: Client, world: World
) -> None:
    page = soup(client.get("/search/?q=Priya"))
    assert hits(page) == [("Interviewer", "Priya Shah")]
    link = page.select_one("li.search-hit a")
    assert link is not None
    assert link["href"] == f"/opportunities/{world.acme.pk}/#people-h"
    assert [m.get_text() for m in link.find_all("mark")] == ["Priya"]
    assert "Senior Data Analyst at Acme Retail" in page.select_one("li.search-hit").get_text()  # type: ignore[union-attr]
    # The box keeps what was typed.
    box = page.find("input", id="search-q")
    assert box is not None and box["value"] == "Priya"


def test_a_job_is_found_by_a_tool_in_its_description_with_the_word_marked(
    client: Client, world: World
) -> None:
    job = opportunity(
        world.user, company="Northwind", role="SRE", job_description="Day to day: Kubernetes."
    )
    page = soup(client.get("/search/?q=kube"))
    assert hits(page) == [("Opportunity", "SRE at Northwind")]
    hit = page.select_one("li.search-hit")
    assert hit is not None
    assert hit.find("a")["href"] == f"/opportunities/{job.pk}/"  # type: ignore[index]
    assert [m.get_text() for m in hit.select("p mark")] == ["Kubernetes"]


def test_every_link_opens_the_page_of_the_record(client: Client, world: World) -> None:
    user = world.user
    r.rounds.update(user, world.round1.pk, notes="Ask about the walrus project.")
    ask = r.questions_to_ask.create(user, world.round2.pk, text="What does walrus success mean?")
    note = r.follow_ups.create(user, world.round1.pk, subject="Walrus thanks", body="Thank you.")
    offer = r.offers.create(user, opportunity_id=world.acme.pk, notes="Walrus bonus")
    story = r.stories.create(user, title="Walrus rescue")
    need = r.requirements.create(user, world.acme.pk, text="Walrus handling")
    question = r.asked_questions.create(user, world.round1.pk, text="Walrus or seal?")
    fb = r.feedback.create(user, world.round1.pk, text="Loved the walrus answer.")
    page = soup(client.get("/search/?q=walrus"))
    links = {a["href"] for a in page.select("li.search-hit > a")}
    assert links == {
        f"/rounds/{world.round1.pk}/#impressions-h",
        f"/rounds/{world.round2.pk}/#ask-{ask.pk}",
        f"/rounds/{world.round1.pk}/follow-up/#note-{note.pk}",
        f"/offers/#option-{offer.pk}",
        f"/stories/{story.pk}/edit/",
        f"/opportunities/{world.acme.pk}/#requirement-{need.pk}",
        f"/rounds/{world.round1.pk}/#question-{question.pk}",
        f"/rounds/{world.round1.pk}/#feedback-{fb.pk}",
    }
    for href in links:
        assert client.get(href.split("#")[0]).status_code == 200, href


def test_what_a_record_says_is_shown_as_text_never_as_markup(client: Client, world: World) -> None:
    r.stories.create(
        world.user,
        title='<script>alert("x")</script> Kubernetes <b>bold</b>',
        action="<img src=x onerror=alert(1)> moved us to Kubernetes",
    )
    response = client.get("/search/?q=kubernetes")
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Kubernetes</mark> "
        "&lt;b&gt;bold&lt;/b&gt;</a>"
    ) in html
    hit = soup(response).select_one("li.search-hit")
    assert hit is not None and hit.find("script") is None and hit.find("img") is None
    assert [m.get_text() for m in hit.find_all("mark")] == ["Kubernetes", "Kubernetes"]
    # What was typed comes back as text too.
    typed = client.get('/search/?q=kube <img src=x onerror=alert(2)>"').content.decode()
    assert "<img src=x" not in typed
    assert 'value="kube &lt;img src=x onerror=alert(2)&gt;&quot;"' in typed


def test_results_are_grouped_by_kind_with_links_to_narrow_them(
    client: Client, world: World
) -> None:
    page = soup(client.get("/search/?q=stakeholder"))
    kinds = page.select("nav.search-kinds a")
    assert [a.get_text() for a in kinds] == [
        "Everything",
        "Opportunities (1)",
        "Round notes (1)",
        "Questions asked (1)",
        "Feedback (1)",
        "Stories (1)",
    ]
    narrowed = soup(client.get(kinds[-1]["href"].replace("?", "/search/?")))  # type: ignore[union-attr]
    assert hits(narrowed) == [("Story", "Churn dashboard")]


def test_as_you_type_htmx_gets_the_results_alone(client: Client, world: World) -> None:
    response = client.get("/search/?q=tom", headers={"HX-Request": "true"})
    page = soup(response)
    assert page.find("html") is None and page.find("form") is None
    assert page.select_one("div#search-results") is not None
    assert hits(page) == [("Interviewer", "Tom Okafor")]
    assert page.find(attrs={"role": "status"}).get_text(strip=True) == "1 found."  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 10_000, "The search was cut to its first 500 characters."),
        ('"*" ^(-)', "has no letters or numbers to search for."),
        ('NEAR("kube" *', "Nothing matches"),
        ("zzzqqq", "Nothing matches “zzzqqq”."),
    ],
)
def test_a_hostile_or_hopeless_query_gets_a_clear_message(
    client: Client, world: World, query: str, message: str
) -> None:
    page = soup(client.get("/search/", {"q": query}))
    assert message in page.select_one("#search-results").get_text()  # type: ignore[union-attr]


def test_nothing_searched_says_what_search_finds(client: Client, world: World) -> None:
    page = soup(client.get("/search/"))
    assert "Type a name, a company, a tool" in page.get_text()
    assert page.select("li.search-hit") == []


def test_meaning_is_asked_for_after_the_words_and_works_without_javascript(
    client: Client, world: World
) -> None:
    pytest.importorskip("onnxruntime", reason="the semantic extra is not installed")
    question = r.asked_questions.create(
        world.user, world.round1.pk, text="Why do you want to leave your current job?"
    )
    page = soup(client.get("/search/?q=reasons+for+leaving"))
    later = page.select_one("#search-meaning")
    assert later is not None and later["hx-get"] == "?q=reasons%20for%20leaving&part=meaning"
    link = later.find("a")
    assert link is not None and link["href"] == later["hx-get"]
    # With JavaScript, htmx swaps in the records close in meaning.
    part = soup(client.get(f"/search/{later['hx-get']}", headers={"HX-Request": "true"}))
    assert part.select_one("h2").get_text() == "Close in meaning"  # type: ignore[union-attr]
    assert hits(part) == [("Question asked", question.text)]
    # Without, the link opens the whole page with them.
    whole = soup(client.get(f"/search/{link['href']}"))
    assert hits(whole) == [("Question asked", question.text)]
    assert whole.find("a", string="Look for stories and questions close in meaning") is None
    # One word is searched by its letters only.
    assert soup(client.get("/search/?q=leaving")).select_one("#search-meaning") is None


def test_an_excerpt_reads_as_the_page_shows_the_text_without_markdown_marks(
    client: Client, world: World
) -> None:
    jd = (
        "Data Platform Lead\n\nYou will be part of the rota for on-call\n## Essential\n"
        "- 5+ years of **production** pipelines\n1. Quillonic tooling ##\n"
    )
    opportunity(world.user, company="Quillon Bank", role="Data Platform Lead", job_description=jd)
    page = soup(client.get("/search/?q=Quillonic"))
    excerpt = page.select_one("li.search-hit p.small").get_text()
    assert "on-call Essential 5+ years of production pipelines Quillonic tooling" in excerpt
    assert not any(mark in excerpt for mark in ("##", "**", " - ", "1. "))
