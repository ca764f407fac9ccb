"""A backup that is adversarial but valid restores, and then every page renders without a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from nextround.services import backup
from nextround.store import models as m
from tests import backups
from tests.world import World

# Which record fills the id in each kind of address, by the path's first part.
ID_SOURCES: dict[str, type[m.OwnedModel]] = {
    "opportunities": m.Opportunity,
    "rounds": m.Round,
    "stories": m.Story,
    "offers": m.Offer,
    "follow-ups": m.FollowUp,
    "checklist": m.ChecklistItem,
    "requirements": m.Requirement,
    "evidence": m.Evidence,
    "asks": m.QuestionToAsk,
}
SECTIONS: dict[str, type[m.OwnedModel]] = {
    "questions": m.AskedQuestion,
    "feedback": m.Feedback,
    "asks": m.QuestionToAsk,
    "people": m.RoundInterviewer,
}
FORMATS = ("md", "html", "json", "pdf", "ics")


def routes(patterns: list[Any], prefix: str = "") -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            found.append(prefix + str(pattern.pattern))
    return found


def addresses(user: Any) -> list[str]:
    """Every address of the app with ids of restored records filled in."""
    out: set[str] = set()
    for route in routes(get_resolver().url_patterns):
        if route.startswith("^") or "(?P" in route or "static" in route:
            continue
        head = route.split("/", 1)[0]
        for section, section_model in SECTIONS.items():
            if "<section:section>" in route and section not in route:
                path = route.replace("<section:section>", section)
                model = section_model
            else:
                path, model = route, ID_SOURCES.get(head, m.Round)
            for fmt in FORMATS if "<str:fmt>" in path else ("",):
                filled = path.replace("<str:fmt>", fmt)
                pk = model._default_manager.filter(owner=user).order_by("pk").first()
                first = True

                def fill(match: re.Match[str], pk: Any = pk) -> str:
                    nonlocal first
                    name = match.group(1)
                    if first:
                        first = False
                        return str(pk.pk if pk else 1)
                    if name == "person_pk":
                        person = m.Interviewer.objects.filter(owner=user).first()
                        return str(person.pk if person else 1)
                    return "1"

                filled = re.sub(r"<int:(\w+)>", fill, filled)
                filled = re.sub(r"<(?:str|slug|path):\w+>", "x", filled)
                out.add("/" + filled)
            if "<section:section>" not in route:
                break
    return sorted(out)


@pytest.fixture
def restored(world: World) -> Any:
    backups.every_kind(world)
    data = backups.adversarial(backups.export(world.user))
    backups.wipe()
    counts = backup.restore(world.user, backup.check_header(data, "adversarial.json"))
    assert all(counts[key] for key, _ in backup.MODELS)
    return world.user


def test_every_page_renders_after_restoring_an_adversarial_but_valid_backup(restored: Any) -> None:
    client = Client(raise_request_exception=False)
    pages = addresses(restored)
    assert len(pages) > 40
    failures = []
    for page in pages:
        response = client.get(page)
        if response.status_code >= 500:
            failures.append(f"{page} -> {response.status_code}")
    assert failures == []


def test_the_restored_text_is_shown_escaped(restored: Any) -> None:
    opp = m.Opportunity.objects.filter(owner=restored).first()
    assert opp is not None
    page = Client().get(f"/opportunities/{opp.pk}/")
    assert page.status_code == 200
    assert b'<script>alert("x")</script>' not in page.content
    assert b"&lt;script&gt;" in page.content
