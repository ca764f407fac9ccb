"""Saving the opportunity's Edit form re-reads requirements only when the job description changed,
never brings back one the user removed, and says counts that add up."""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.store import models as m

JD = (
    "Senior Product Manager, Payments\n\n"
    "What you will do\n"
    "- Own the payouts roadmap\n"
    "- Work with engineering on reconciliation\n\n"
    "What you will bring\n"
    "- 5+ years of product management\n"
    "- Strong SQL\n"
    "- Experience running A/B tests and pricing experiments is a plus\n"
)
AB_TESTS = "Experience running A/B tests and pricing experiments is a plus"


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def _soup(response: Any) -> Any:
    return BeautifulSoup(response.content, "html.parser")


def _as_a_browser_sends(client: Client, path: str) -> dict[str, str]:
    """The edit form as shown, sent back unchanged the way a browser sends it (CRLF lines)."""
    form = _soup(client.get(path)).find("form", class_="form")
    data = {
        i["name"]: i.get("value", "")
        for i in form.find_all("input")
        if i.get("name") and i.get("type") != "file"
    }
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True) or select.find("option")
        data[select["name"]] = chosen["value"]
    for area in form.find_all("textarea"):
        data[area["name"]] = area.get_text().removeprefix("\n").replace("\n", "\r\n")
    return data


def _texts(opp: m.Opportunity) -> list[str]:
    rows = m.Requirement.objects.filter(opportunity=opp).order_by("id")
    return list(rows.values_list("text", flat=True))


def _flashes(response: Any) -> list[str]:
    return [li.get_text(" ", strip=True) for li in _soup(response).select(".messages p")]


def _new(client: Client) -> m.Opportunity:
    client.post(
        "/opportunities/new/",
        {
            "company": "Lumen Pay",
            "role": "PM",
            "stage": "interviewing",
            "dress_code": "unknown",
            "job_description": JD,
        },
        follow=True,
    )
    return m.Opportunity.objects.get(company="Lumen Pay")


def _remove(client: Client, opp: m.Opportunity, text: str) -> None:
    req = m.Requirement.objects.get(opportunity=opp, text=text)
    assert client.post(f"/requirements/{req.pk}/delete/").status_code in (200, 302)


def test_an_unchanged_save_reads_nothing_and_brings_back_nothing_removed(client: Client) -> None:
    opp = _new(client)
    assert AB_TESTS in _texts(opp)
    _remove(client, opp, AB_TESTS)
    client.post(f"/opportunities/{opp.pk}/requirements/", {"text": "A/B tests", "kind": "nice"})
    before = _texts(opp)
    path = f"/opportunities/{opp.pk}/edit/"
    response = client.post(path, _as_a_browser_sends(client, path), follow=True)
    assert response.status_code == 200
    assert _texts(opp) == before
    assert not any("Read " in f for f in _flashes(response))


def test_a_changed_description_adds_only_what_is_new_to_it(client: Client) -> None:
    opp = _new(client)
    _remove(client, opp, AB_TESTS)
    before = _texts(opp)
    path = f"/opportunities/{opp.pk}/edit/"
    data = _as_a_browser_sends(client, path)
    data["job_description"] += "\r\n- Experience with Looker"
    response = client.post(path, data, follow=True)
    after = _texts(opp)
    assert AB_TESTS not in after
    assert after[: len(before)] == before
    assert [t for t in after if t not in before] == ["Experience with Looker"]
    (said,) = [f for f in _flashes(response) if f.startswith("Read ")]
    read, added, here, removed = (int(n) for n in re.findall(r"\d+", said))
    assert (added, removed) == (1, 1)
    assert read == added + here + removed, said


def test_extract_again_says_counts_that_add_up(client: Client) -> None:
    opp = _new(client)
    _remove(client, opp, AB_TESTS)
    client.post(f"/opportunities/{opp.pk}/requirements/", {"text": "A/B tests", "kind": "nice"})
    response = client.post(f"/opportunities/{opp.pk}/extract/", follow=True)
    (said,) = [f for f in _flashes(response) if f.startswith("Read ")]
    read, added, here = (int(n) for n in re.findall(r"\d+", said))
    assert (read, added) == (len(_texts(opp)) - 1, 1), said  # all but "A/B tests"
    assert read == added + here


def test_the_description_is_kept_with_plain_line_ends(client: Client) -> None:
    opp = _new(client)
    path = f"/opportunities/{opp.pk}/edit/"
    client.post(path, _as_a_browser_sends(client, path))
    assert "\r" not in m.Opportunity.objects.get(pk=opp.pk).job_description
