"""Every CLI help string reads as plain English: right articles, no mass noun counted, no gaps."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest

from tests.cli_harness import Cli

# Said with a consonant sound although spelt with a vowel, and the reverse.
CONSONANT_SOUND = ("one", "once", "uni", "use", "usu", "eu")
VOWEL_SOUND = ("hour", "honest", "heir")
# Letters whose names start with a vowel sound, for abbreviations: "an SQL", "a PDF".
VOWEL_LETTERS = set("AEFHILMNORSX")
MASS_NOUNS = ("feedback", "evidence", "advice", "information", "research")


def _help_strings() -> Iterator[tuple[str, str]]:
    from nextround.cli.main import cli

    def walk(command: click.Command, path: str) -> Iterator[tuple[str, str]]:
        yield path, command.help or ""
        yield path + " (short)", command.get_short_help_str(200)
        for param in command.params:
            if isinstance(param, click.Option):
                yield f"{path} {param.opts[0]}", param.help or ""
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                yield from walk(sub, f"{path} {name}")

    yield from walk(cli, "nextround")


HELP = list(_help_strings())


def _expected_article(word: str) -> str:
    bare = word.strip(".,;:()'\"`")
    if len(bare) > 1 and bare.isupper() and bare.isalpha():
        return "an" if bare[0] in VOWEL_LETTERS else "a"
    lower = bare.lower()
    if lower.startswith(VOWEL_SOUND):
        return "an"
    if lower.startswith(CONSONANT_SOUND):
        return "a"
    return "an" if lower[:1] in set("aeiou") else "a"


def test_every_command_and_option_has_help() -> None:
    missing = [where for where, text in HELP if not text.strip() or text.strip() == "None"]
    assert not missing


@pytest.mark.parametrize(("where", "text"), HELP, ids=[w for w, _ in HELP])
def test_each_help_string_has_the_right_articles(where: str, text: str) -> None:
    for article, word in re.findall(r"\b(a|an|A|An)\s+([\w'.-]+)", text):
        assert article.lower() == _expected_article(word), f"{where}: {article} {word}"
    # "an evidence link" counts links; "an evidence" counts what cannot be counted.
    counted = re.search(
        rf"\b(a|an|one)\s+({'|'.join(MASS_NOUNS)})\b(?!\s+links?\b)", text, re.IGNORECASE
    )
    assert counted is None, f"{where}: {counted.group(0) if counted else ''}"
    assert not re.search(r"\.\s*\(required\)", text), where
    assert " records." not in text, where


def test_the_record_commands_say_an_before_a_vowel_and_no_article_before_feedback() -> None:
    helps = dict(HELP)
    assert helps["nextround question add"] == "Add an asked question."
    assert helps["nextround interviewer edit"] == "Change fields of an interviewer."
    assert helps["nextround feedback add"] == "Add a piece of feedback."
    assert helps["nextround evidence show"] == "Show an evidence link."
    assert helps["nextround story list"] == "List your stories."
    assert helps["nextround feedback delete"] == "Delete a piece of feedback."
    assert helps["nextround evidence add --story"] == "ID of the story (required)."


def test_the_article_rule_knows_abbreviations_and_the_sound_of_a_word() -> None:
    from nextround.cli.spec import with_article

    assert with_article("asked question") == "an asked question"
    assert with_article("user") == "a user"
    assert with_article("one-off call") == "a one-off call"
    assert with_article("hour") == "an hour"
    assert with_article("story") == "a story"


def test_list_tables_have_plain_headings(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    cli.json("round", "add", str(opp["id"]), "--date", "2026-12-03T10:00+00:00")
    opportunities = cli("opportunity", "list").out
    assert "Last changed" in opportunities
    assert "updated at" not in opportunities
    rounds = cli("round", "list").out
    assert "Opportunity" in rounds and "When" in rounds
    assert "opportunity id" not in rounds and "scheduled at" not in rounds
    shown = cli("round", "show", "1").out
    assert "Time zone" in shown and "Opportunity" in shown
