"""Currencies as people type them: a code, a symbol (£, €) or a name, read as an ISO 4217 code."""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.contrib.auth.models import User

from nextround.services.errors import InvalidInput
from nextround.store import models as m

# Symbols and names that stand for one currency wherever they are written.
ONE_CURRENCY = {
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "₱": "PHP",
    "₫": "VND",
    "฿": "THB",
    "zł": "PLN",
    "us$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "r$": "BRL",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "pound sterling": "GBP",
    "pounds sterling": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "rupee": "INR",
    "rupees": "INR",
    "swiss franc": "CHF",
    "swiss francs": "CHF",
}
# Symbols several currencies share: the default currency decides when it is one of them.
SHARED = {
    "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"),
    "dollar": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD"),
    "dollars": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD"),
    "¥": ("JPY", "CNY"),
    "yen": ("JPY",),
    "yuan": ("CNY",),
    "kr": ("SEK", "NOK", "DKK", "ISK"),
    "fr": ("CHF",),
}

# The currency of a country, for the default read from this machine's locale or time zone.
BY_COUNTRY = {
    "GB": "GBP",
    "IM": "GBP",
    "JE": "GBP",
    "GG": "GBP",
    "US": "USD",
    "CA": "CAD",
    "AU": "AUD",
    "NZ": "NZD",
    "IE": "EUR",
    "DE": "EUR",
    "FR": "EUR",
    "ES": "EUR",
    "IT": "EUR",
    "NL": "EUR",
    "BE": "EUR",
    "AT": "EUR",
    "PT": "EUR",
    "FI": "EUR",
    "GR": "EUR",
    "LU": "EUR",
    "SK": "EUR",
    "SI": "EUR",
    "EE": "EUR",
    "LV": "EUR",
    "LT": "EUR",
    "MT": "EUR",
    "CY": "EUR",
    "HR": "EUR",
    "CH": "CHF",
    "SE": "SEK",
    "NO": "NOK",
    "DK": "DKK",
    "PL": "PLN",
    "CZ": "CZK",
    "HU": "HUF",
    "RO": "RON",
    "IN": "INR",
    "JP": "JPY",
    "CN": "CNY",
    "SG": "SGD",
    "HK": "HKD",
    "ZA": "ZAR",
    "BR": "BRL",
    "MX": "MXN",
    "AE": "AED",
    "IL": "ILS",
    "KR": "KRW",
    "NG": "NGN",
    "KE": "KES",
}

_CODE = re.compile(r"[A-Za-z]{3}")
_ZONE_TABLES = (Path("/usr/share/zoneinfo/zone.tab"), Path("/usr/share/zoneinfo/zone1970.tab"))


def code(typed: str, default: str = "", field: str = "currency") -> str:
    """The ISO code of what was typed ("£" is GBP); a shared symbol ("$") takes the default.

    Blank stays blank. Anything else is refused with a message that says what to type.
    """
    text = " ".join(typed.split())
    if not text:
        return ""
    if _CODE.fullmatch(text):
        return text.upper()
    key = text.lower()
    if key in ONE_CURRENCY:
        return ONE_CURRENCY[key]
    if key in SHARED:
        options = SHARED[key]
        if default.upper() in options:
            return default.upper()
        if len(options) == 1:
            return options[0]
        some = options[:3]
        raise InvalidInput.one(
            field,
            f"\u201c{text}\u201d stands for more than one currency: type its code, such as "
            f"{', '.join(some[:-1])} or {some[-1]}",
        )
    raise InvalidInput.one(
        field,
        f"\u201c{text[:20]}\u201d is not a currency nextround knows: type a three-letter code "
        "such as GBP, EUR or USD, or a symbol such as \u00a3 or \u20ac",
    )


def default_currency(owner: User) -> str:
    """The currency of the owner's latest offer, else the one of this machine's country."""
    latest = (
        m.Offer.objects.filter(owner=owner)
        .exclude(currency="")
        .order_by("-created_at", "-id")
        .values_list("currency", flat=True)
        .first()
    )
    return latest or machine_currency()


def machine_currency() -> str:
    """The currency of the country in this machine's locale (en_GB: GBP) or time zone."""
    for name in ("LC_ALL", "LC_MONETARY", "LANG"):
        value = os.environ.get(name, "")
        found = re.match(r"[a-z]{2,3}_([A-Z]{2})", value)
        if found and found.group(1) in BY_COUNTRY:
            return BY_COUNTRY[found.group(1)]
    from nextround.services import times

    return BY_COUNTRY.get(_country_of_zone(times.local_zone_name()), "")


def _country_of_zone(zone: str) -> str:
    for table in _ZONE_TABLES:
        try:
            lines = table.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            parts = line.split("\t")
            if len(parts) >= 3 and not line.startswith("#") and parts[2] == zone:
                return parts[0].split(",")[0]
    return ""
