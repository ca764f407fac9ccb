"""Enumerate every page route and API operation with concrete ids from the seeded world."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

PERSONAS = ("owner", "viewer", "commenter", "stranger", "anonymous")
SECTIONS = {"questions": "question", "feedback": "feedback", "asks": "ask", "people": "priya"}

# Which seeded record a route's id stands for, by the route's first word.
BY_PREFIX = {
    "opportunities": "acme",
    "requirements": "requirement",
    "rounds": "round1",
    "stories": "story",
    "asks": "ask",
    "follow-ups": "follow_up",
    "offers": "offer",
    "shares": "share",
    "shared": "acme",
    "questions": "question",
    "feedback": "feedback",
    "interviewers": "priya",
    "jobs": "acme",
    "checklist": "checklist",
    "evidence": "evidence",
}
# Route parameters whose meaning does not follow from the route's first word.
BY_NAME = {
    "person_pk": "priya",
    "opportunity_pk": "acme",
    "round_pk": "round1",
    "requirement_pk": "requirement",
    "evidence_pk": "evidence",
    # No voice transcription is seeded: an id that is no one's job.
    "job_id": "acme",
}
TEXT = {"token": "1-not-a-token", "fmt": "md", "key": "plan-route"}


def page_routes() -> list[str]:
    """Every route of the site (pages and API), from Django's resolver."""
    import django
    from django.urls import URLPattern, URLResolver, get_resolver

    django.setup()

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    return sorted(set(walk(get_resolver().url_patterns, "")))


def fill(route: str, ids: dict[str, int]) -> list[str]:
    """Concrete paths for a route (one per section for section routes)."""
    sections = list(SECTIONS) if "<section:section>" in route else [""]
    paths = []
    for section in sections:
        path = route.replace("<section:section>", section)
        first = path.split("/")[1] if path.startswith("api/") else path.split("/")[0]

        def value(match: re.Match[str], section: str = section, first: str = first) -> str:
            name = match.group(1)
            if name in TEXT:
                return TEXT[name]
            if name in BY_NAME:
                return str(ids[BY_NAME[name]])
            if name == "item_pk" and section:
                return str(ids[SECTIONS[section]])
            return str(ids[BY_PREFIX[first]])

        path = re.sub(r"<(?:\w+:)?(\w+)>", value, path)
        paths.append("/" + path)
    return paths
