"""Stored text as shown: a requirement read in small letters starts with a capital."""

from __future__ import annotations

import pytest

from nextround.formats.display import first_capital


@pytest.mark.parametrize(
    ("kept", "shown"),
    [
        ("manage a team of 5", "Manage a team of 5"),
        ("e-commerce experience", "E-commerce experience"),
        ("on-call.", "On-call."),
        ("Strong SQL", "Strong SQL"),
        ("iOS development", "iOS development"),
        ("eBay listings", "eBay listings"),
        ("5+ years of SQL", "5+ years of SQL"),
        ("“hands-on” leadership", "“hands-on” leadership"),
        ("", ""),
    ],
)
def test_only_a_first_word_in_small_letters_gets_a_capital(kept: str, shown: str) -> None:
    assert first_capital(kept) == shown
