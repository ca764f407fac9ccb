"""Currencies as typed: codes, symbols and names read as ISO codes, a default from what is known."""

from __future__ import annotations

from typing import Any

import pytest

from nextround.services import money
from nextround.services import records as r
from nextround.services.errors import InvalidInput
from tests.world import World


@pytest.mark.parametrize(
    ("typed", "code"),
    [("£", "GBP"), ("€", "EUR"), (" gbp ", "GBP"), ("Pounds", "GBP"), ("US$", "USD"), ("", "")],
)
def test_symbols_codes_and_names_are_read_as_codes(typed: str, code: str) -> None:
    assert money.code(typed) == code


def test_a_dollar_sign_takes_the_default_dollar_or_asks_which(world: World) -> None:
    assert money.code("$", "CAD") == "CAD"
    assert money.code("$", "USD") == "USD"
    with pytest.raises(InvalidInput) as raised:
        money.code("$", "GBP")
    assert "more than one currency" in str(raised.value)
    assert "USD" in str(raised.value)


def test_an_unknown_currency_is_named_with_what_to_type() -> None:
    with pytest.raises(InvalidInput) as raised:
        money.code("bananas")
    assert raised.value.errors["currency"] == [
        "\u201cbananas\u201d is not a currency nextround knows: type a three-letter code such "
        "as GBP, EUR or USD, or a symbol such as \u00a3 or \u20ac"
    ]


def test_an_offer_takes_a_symbol_and_the_default_comes_from_earlier_offers(world: World) -> None:
    first = r.offers.create(world.user, opportunity_id=world.acme.pk, currency="£")
    assert first.currency == "GBP"
    assert money.default_currency(world.user) == "GBP"
    second = r.offers.create(world.user, opportunity_id=world.globex.pk, currency="€")
    assert second.currency == "EUR"
    assert money.default_currency(world.user) == "EUR"


def test_with_no_offers_the_default_is_this_machines_currency(
    user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MONETARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert money.default_currency(user) == "GBP"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert money.default_currency(user) == "EUR"
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("TZ", "America/Toronto")
    expected = "CAD" if money._country_of_zone("America/Toronto") else ""
    assert money.default_currency(user) == expected
