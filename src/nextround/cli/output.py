"""Printing records: rich tables for people, JSON for programs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click


def _plain(obj: Any) -> dict[str, Any]:
    from nextround.store.serialize import record_to_dict

    return record_to_dict(obj)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


# Column names as a person says them; any other column is its name in words.
HEADINGS = {
    "id": "ID",
    "opportunity_id": "Opportunity",
    "round_id": "Round",
    "interviewer_id": "Interviewer",
    "requirement_id": "Requirement",
    "story_id": "Story",
    "self_rating": "My rating",
    "scheduled_at": "When",
    "updated_at": "Last changed",
    "created_at": "Added",
    "question_text": "Question",
    "answer_text": "Answer",
    "answer_note": "My answer",
    "seconds_taken": "Seconds",
    "due_at": "Due",
    "sent_at": "Sent",
    "closed_at": "Closed",
    "is_current_job": "Current job",
    "is_sample": "Sample",
    "jd_source_name": "Job description file",
    "job_description": "Job description",
    "duration_minutes": "Minutes",
    "news_expected_on": "News expected by",
    "received_on": "Received",
    "research_notes": "Research",
    "years_at_company": "Years at the company",
    "calendar_uid": "Calendar invite ID",
    "calendar_sequence": "Calendar invite version",
    "timezone": "Time zone",
    "url": "Job advert link",
    "link": "Video link",
}


def heading(column: str) -> str:
    """A column's heading in plain words: "opportunity_id" is "Opportunity"."""
    return HEADINGS.get(column) or column.replace("_", " ").capitalize()


def _cell(value: Any, width: int = 60) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _console() -> Any:
    from rich.console import Console

    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def record(obj: Any, as_json: bool, message: str | None) -> None:
    data = _plain(obj)
    if as_json:
        emit_json(data)
        return
    from rich.table import Table

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in data.items():
        if value in ("", None, [], {}):
            continue
        table.add_row(heading(key), _cell(value, 400))
    console = _console()
    if message:
        console.print(message)
    console.print(table)


def records(objs: Iterable[Any], columns: Sequence[str], as_json: bool, empty: str) -> None:
    rows = [_plain(o) for o in objs]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(empty)
        return
    from rich.table import Table

    table = Table(*[heading(c) for c in columns])
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    _console().print(table)


def done(data: dict[str, Any], as_json: bool, message: str) -> None:
    if as_json:
        emit_json(data)
    else:
        click.echo(message)
