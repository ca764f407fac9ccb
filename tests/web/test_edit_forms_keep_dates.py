"""Every edit form shows its dates as the browser's date boxes read them, so Save keeps them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings

from nextround.services import records as r
from nextround.store import models as m
from nextround.web import forms
from nextround.web.views.offers import OfferForm
from tests.world import World


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


@pytest.fixture
def dated(world: World) -> dict[str, Any]:
    """A round, a feedback and an offer with every date they can hold filled in."""
    r.rounds.update(world.user, world.round2.pk, news_expected_on="2026-12-14")
    offer = r.offers.create(
        world.user,
        opportunity_id=world.acme.pk,
        salary=52000,
        currency="GBP",
        start_date="2027-01-11",
        deadline="2030-01-20",
    )
    return {"round": world.round2, "feedback": world.feedback, "offer": offer}


def _stored(dated: dict[str, Any]) -> dict[str, Any]:
    round_ = m.Round.objects.get(pk=dated["round"].pk)
    feedback = m.Feedback.objects.get(pk=dated["feedback"].pk)
    offer = m.Offer.objects.get(pk=dated["offer"].pk)
    return {
        "round.scheduled_at": round_.scheduled_at,
        "round.timezone": round_.timezone,
        "round.news_expected_on": round_.news_expected_on,
        "feedback.received_on": feedback.received_on,
        "offer.start_date": offer.start_date,
        "offer.deadline": offer.deadline,
    }


# What a browser's date boxes accept as their value; any other value it shows and sends as "".
BOX_FORMATS = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "datetime-local": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"),
}


def _sent_value(box: Any) -> str:
    value = str(box.get("value", ""))
    pattern = BOX_FORMATS.get(str(box.get("type", "")))
    return value if pattern is None or pattern.fullmatch(value) else ""


def _form_data(page: BeautifulSoup) -> dict[str, str]:
    """What the browser sends back from the page's form when nothing is changed."""
    form = page.find("form", class_="form")
    assert form is not None
    data = {i["name"]: _sent_value(i) for i in form.find_all("input") if i.get("name")}
    data |= {t["name"]: t.get_text() for t in form.find_all("textarea")}
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    return data


def _edit_pages(dated: dict[str, Any]) -> list[str]:
    return [
        f"/rounds/{dated['round'].pk}/edit/",
        f"/items/feedback/{dated['feedback'].pk}/edit/",
        f"/offers/{dated['offer'].pk}/edit/",
    ]


@pytest.mark.parametrize("language", ["en-gb", "en-us", "de"])
def test_an_unchanged_save_of_each_edit_form_keeps_every_date(
    client: Client, dated: dict[str, Any], language: str
) -> None:
    before = _stored(dated)
    assert before["round.news_expected_on"] == dt.date(2026, 12, 14)
    assert before["offer.start_date"] == dt.date(2027, 1, 11)
    with override_settings(LANGUAGE_CODE=language):
        for url in _edit_pages(dated):
            page = soup(client.get(url))
            response = client.post(url, _form_data(page))
            assert response.status_code == 302, (url, response.content[:2000])
            assert _stored(dated) == before, url


@pytest.mark.parametrize("language", ["en-gb", "en-us", "de"])
def test_the_date_boxes_hold_the_value_in_the_browsers_own_format(
    client: Client, dated: dict[str, Any], language: str
) -> None:
    with override_settings(LANGUAGE_CODE=language):
        round_page = soup(client.get(f"/rounds/{dated['round'].pk}/edit/"))
        feedback_page = soup(client.get(f"/items/feedback/{dated['feedback'].pk}/edit/"))
        offer_page = soup(client.get(f"/offers/{dated['offer'].pk}/edit/"))
    shown = {
        "news_expected_on": round_page.find("input", attrs={"name": "news_expected_on"}),
        "scheduled_at": round_page.find("input", attrs={"name": "scheduled_at"}),
        "received_on": feedback_page.find("input", attrs={"name": "received_on"}),
        "start_date": offer_page.find("input", attrs={"name": "start_date"}),
        "deadline": offer_page.find("input", attrs={"name": "deadline"}),
    }
    values = {name: (box["type"], box["value"]) for name, box in shown.items()}
    assert values == {
        "news_expected_on": ("date", "2026-12-14"),
        "scheduled_at": ("datetime-local", "2026-12-03T14:00"),
        "received_on": ("date", "2026-11-19"),
        "start_date": ("date", "2027-01-11"),
        "deadline": ("date", "2030-01-20"),
    }


def test_a_refused_form_keeps_the_dates_as_they_were_sent(
    client: Client, dated: dict[str, Any]
) -> None:
    url = f"/offers/{dated['offer'].pk}/edit/"
    data = _form_data(soup(client.get(url))) | {"salary": "-5", "deadline": "2031-03-02"}
    page = soup(client.post(url, data))
    assert page.find("input", attrs={"name": "salary"})["value"] == "-5"
    assert page.find("input", attrs={"name": "deadline"})["value"] == "2031-03-02"
    assert page.find("input", attrs={"name": "start_date"})["value"] == "2027-01-11"
    assert m.Offer.objects.get(pk=dated["offer"].pk).deadline == dt.date(2030, 1, 20)


def _date_widgets() -> list[tuple[str, str, Any]]:
    """Every date or date-and-time box in the app's forms, named by form and field."""
    found = []
    classes = [forms.RoundForm, forms.FeedbackForm, OfferForm]
    for form_class in classes:
        for name, field in form_class.base_fields.items():
            if isinstance(field.widget, forms.forms.DateInput | forms.forms.DateTimeInput):
                found.append((form_class.__name__, name, field.widget))
    return found


def test_every_date_widget_is_one_of_the_browser_format_boxes() -> None:
    widgets = _date_widgets()
    assert {(form, name) for form, name, _ in widgets} == {
        ("RoundForm", "scheduled_at"),
        ("RoundForm", "news_expected_on"),
        ("FeedbackForm", "received_on"),
        ("OfferForm", "start_date"),
        ("OfferForm", "deadline"),
    }
    day, moment = dt.date(2026, 12, 8), dt.datetime(2026, 12, 8, 14, 5)
    with override_settings(LANGUAGE_CODE="en-gb"):
        for _, _, widget in widgets:
            assert isinstance(widget, forms.DateBox | forms.DateTimeBox)
            if isinstance(widget, forms.DateBox):
                assert widget.format_value(day) == "2026-12-08"
            else:
                assert widget.format_value(moment) == "2026-12-08T14:05"
