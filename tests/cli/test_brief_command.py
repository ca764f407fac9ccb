"""`nextround brief`, `requirement extract`, `evidence map` and `checklist`, run for real."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli_harness import Cli

JD = "Data Analyst\n\nMust have\n- Strong SQL\n- Managing stakeholders\n\nNice to have\n- Airflow\n"


def setup(cli: Cli) -> tuple[int, int, int]:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst", "--jd", JD)
    one = cli.json("round", "add", str(opp["id"]), "--status", "done", "--date", "2030-01-05T10:00")
    cli.json(
        "question",
        "add",
        str(one["id"]),
        "--text",
        "Tell me about a difficult stakeholder.",
        "--rating",
        "2",
        "--reaction",
        "negative",
    )
    cli.json(
        "feedback",
        "add",
        str(one["id"]),
        "--text",
        "They liked your SQL but felt you lacked experience managing stakeholders.",
    )
    two = cli.json(
        "round",
        "add",
        str(opp["id"]),
        "--kind",
        "panel",
        "--purpose",
        "second-opinion",
        "--date",
        "2030-01-20T14:00",
        "--format",
        "on-site",
    )
    cli.json(
        "interviewer",
        "add",
        str(two["id"]),
        "--name",
        "Tom Okafor",
        "--role",
        "senior-executive",
        "--seniority",
        "director",
    )
    return opp["id"], one["id"], two["id"]


def test_requirement_extract_adds_them_and_a_second_run_adds_none(cli: Cli) -> None:
    opp, _, _ = setup(cli)
    first = cli.json("requirement", "extract", str(opp))
    assert [(q["text"], q["kind"]) for q in first["added"]] == [
        ("Strong SQL", "must"),
        ("Managing stakeholders", "must"),
        ("Airflow", "nice"),
    ]
    again = cli("requirement", "extract", str(opp))
    assert again.code == 0 and "0 added, 3 kept, 0 removed." in again.out


def test_brief_prints_markdown_with_what_to_counter(cli: Cli) -> None:
    opp, _, two = setup(cli)
    cli("requirement", "extract", str(opp))
    result = cli("brief", str(two))
    assert result.code == 0, result.err
    assert result.out.startswith("# Round 2 brief: Analyst at Acme")
    doubts = result.out.split("## Doubts to answer", 1)[1].split("## ", 1)[0]
    assert "**managing stakeholders**" in doubts
    assert "Tom Okafor" in result.out


def test_brief_writes_json_and_pdf_files(cli: Cli, tmp_path: Path) -> None:
    _, _, two = setup(cli)
    out = cli("brief", str(two), "--format", "json")
    assert '"schema": "nextround.brief"' in out.out
    pdf = tmp_path / "brief.pdf"
    result = cli("brief", str(two), "--format", "pdf", "--output", str(pdf))
    assert result.code == 0, result.err
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "INFO" not in result.err


def test_checklist_ticks_a_step_and_refuses_an_unknown_key(cli: Cli) -> None:
    _, _, two = setup(cli)
    steps = cli.json("checklist", str(two), "--tick", "plan-route")
    assert next(s for s in steps if s["key"] == "plan-route")["done"] is True
    bad = cli("checklist", str(two), "--tick", "fly-to-mars")
    assert bad.code == 1 and bad.err.startswith("Error: ") and "plan-route" in bad.err
    assert "Traceback" not in bad.err


def test_evidence_map_shows_gaps_and_suggestions(cli: Cli) -> None:
    opp, _, _ = setup(cli)
    cli("requirement", "extract", str(opp))
    cli.json(
        "story",
        "add",
        "--title",
        "Finance sign-off",
        "--action",
        "I met the finance stakeholders weekly and agreed the numbers.",
        "--skill",
        "stakeholder management",
    )
    data = cli.json("evidence", "map", str(opp))
    rows = {r["text"]: r for r in data["requirements"]}
    assert rows["Managing stakeholders"]["suggested"][0]["title"] == "Finance sign-off"
    assert "Airflow" in [g["text"] for g in data["gaps"]]
    # As text: plain words, as in the brief's table, never a similarity score.
    text = cli("evidence", "map", str(opp)).out
    assert "backs it     Finance sign-off" in text
    assert "gap: no story clearly shows this yet" in text
    assert not re.search(r"\b0\.\d\d\b", text)


def test_unknown_ids_and_missing_job_descriptions_give_one_line_errors(cli: Cli) -> None:
    for args in (("brief", "99"), ("evidence", "map", "99"), ("checklist", "99")):
        result = cli(*args)
        assert result.code == 1 and result.err.count("\n") == 1, result.err
    opp = cli.json("opportunity", "add", "--company", "Blank", "--role", "Clerk")
    result = cli("requirement", "extract", str(opp["id"]))
    assert result.code == 1 and f"nextround opportunity edit {opp['id']}" in result.err


def test_brief_night_before_prints_one_page_of_what_matters(cli: Cli) -> None:
    _, _, two = setup(cli)
    result = cli("brief", str(two), "--night-before")
    assert result.code == 0, result.err
    assert result.out.startswith("# The night before round 2: Analyst at Acme")
    assert "## Doubts to answer" in result.out and "## Where, when, who" in result.out
    assert "## Countdown checklist" not in result.out
    assert cli("brief", str(two), "--night-before", "--format", "json").code != 0


def test_an_empty_list_of_questions_to_ask_points_to_the_briefs_suggestions(cli: Cli) -> None:
    _, _, two = setup(cli)
    shown = cli("ask", "list", str(two))
    assert shown.code == 0
    assert (
        f"No questions to ask yet. The brief suggests questions for each interviewer "
        f"(nextround brief {two})" in shown.out
    )
