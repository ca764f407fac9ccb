"""Hostile files given to the real `nextround` commands: one line of error, nothing stored."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli_harness import Cli
from tests.formats import hostile
from tests.formats.hostile import Hostile


def write(cli: Cli, item: Hostile) -> Path:
    path = cli.data_dir.parent / item.filename
    path.write_bytes(item.data)
    return path


def state(cli: Cli) -> Any:
    """Every record the person has, as the full backup shows it."""
    result = cli("export")
    assert result.code == 0, result.err
    return json.loads(result.out)


def refused(result: Any, item: Hostile) -> None:
    assert result.code == 1, result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.err
    assert "Traceback" not in result.err
    assert item.filename in lines[0]
    assert re.search(item.refusal, lines[0], re.IGNORECASE), lines[0]


@pytest.fixture
def opportunity(cli: Cli) -> int:
    opp: int = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")["id"]
    return opp


# The upload pages take every hostile document; here, one of each way a document is stopped.
DOCUMENTS = [
    h
    for h in hostile.hostile("document")
    if h.name in ("pdf huge text run", "pdf double-deflated stream", "docx utf-16 laughs")
]


@pytest.mark.parametrize("item", DOCUMENTS, ids=lambda h: h.name)
def test_a_hostile_job_description_changes_nothing(
    cli: Cli, opportunity: int, item: Hostile
) -> None:
    path = write(cli, item)
    before = state(cli)
    refused(cli("opportunity", "jd", str(opportunity), str(path)), item)
    assert state(cli) == before


def test_a_hostile_cv_changes_nothing(cli: Cli) -> None:
    item = next(h for h in hostile.HOSTILE if h.name == "pdf huge text run")
    path = write(cli, item)
    before = state(cli)
    refused(cli("cv", "import", str(path)), item)
    assert state(cli) == before


@pytest.mark.parametrize("item", hostile.hostile("invite"), ids=lambda h: h.name)
def test_an_invite_with_thousands_of_attendees_changes_nothing(
    cli: Cli, opportunity: int, item: Hostile
) -> None:
    path = write(cli, item)
    before = state(cli)
    refused(cli("round", "import-invite", str(opportunity), str(path)), item)
    assert state(cli) == before


def test_an_email_nested_three_thousand_deep_changes_nothing(cli: Cli, opportunity: int) -> None:
    round_id = cli.json("round", "add", str(opportunity), "--number", "1")["id"]
    item = hostile.hostile("email")[0]
    path = write(cli, item)
    before = state(cli)
    refused(cli("feedback", "import", str(round_id), str(path)), item)
    assert state(cli) == before


def test_a_backup_nested_two_hundred_thousand_deep_changes_nothing(cli: Cli) -> None:
    item = hostile.hostile("backup")[0]
    path = write(cli, item)
    before = state(cli)
    refused(cli("import", str(path)), item)
    assert state(cli) == before
