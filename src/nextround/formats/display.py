"""Stored text as it is shown, never as it is kept: a fragment of a job advert starts a line."""

from __future__ import annotations

import re

# A first word in small letters alone: "manage", "e-commerce"; not "iOS", "eBay" or "5+".
_PLAIN_FIRST_WORD = re.compile(r"[a-z][a-z'’-]*(?![^\s,.;:!?)/])")


def first_capital(text: str) -> str:
    """A requirement or duty read from an advert ("manage a team of 5") shown as an item of
    its own: "Manage a team of 5". A word spelt with capitals inside is left as written."""
    start = len(text) - len(text.lstrip())
    if not _PLAIN_FIRST_WORD.match(text, start):
        return text
    return text[:start] + text[start].upper() + text[start + 1 :]
