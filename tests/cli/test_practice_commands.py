"""`nextround analyze` and `nextround practice` through the real console script."""

from __future__ import annotations

from tests.cli_harness import Cli

QUESTION = "Tell me about a time you handled a difficult stakeholder."


def test_analyze_prints_points_tied_to_the_words(cli: Cli) -> None:
    result = cli(
        "analyze",
        "--question",
        QUESTION,
        "--answer",
        "We had an issue with marketing. I think we sort of fixed it, basically.",
    )
    assert result.code == 0, result.err
    assert "“I think”" in result.out and "“sort of”" in result.out
    assert "Next:" in result.out


def test_analyze_json_has_scores_and_spans(cli: Cli) -> None:
    answer = (
        "Our finance director was a difficult stakeholder who distrusted our reports. "
        "I rebuilt the pipeline in dbt and cut report build time by 40% in 3 months."
    )
    data = cli.json("analyze", "--question", QUESTION, "--answer", answer)
    assert data["format_version"] == 1
    assert {s["aspect"] for s in data["scores"]} >= {"specificity", "length"}
    spans = [answer[s["start"] : s["end"]] for i in data["insights"] for s in i["spans"]]
    assert "40%" in spans


def test_analyze_reads_an_answer_file_and_refuses_binary(cli: Cli) -> None:
    good = cli.data_dir.parent / "answer.txt"
    good.write_text("I led the project and delivered it two weeks early.")
    assert cli("analyze", "-q", QUESTION, "--answer-file", str(good)).code == 0
    junk = cli.data_dir.parent / "junk.bin"
    junk.write_bytes(b"\x00\xff" * 100)
    result = cli("analyze", "-q", QUESTION, "--answer-file", str(junk))
    assert result.code == 1 and "not a text file" in result.err


def test_analyze_needs_exactly_one_answer(cli: Cli) -> None:
    result = cli("analyze", "-q", QUESTION)
    assert result.code == 1 and "exactly one of --answer or --answer-file" in result.err


def test_practice_drills_a_round_and_saves_the_attempts(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    first = cli.json("round", "add", str(opp["id"]), "--status", "done")
    cli.json("question", "add", str(first["id"]), "--text", QUESTION, "--rating", "1")
    second = cli.json("round", "add", str(opp["id"]))
    answers = "I met the marketing lead weekly and we agreed one churn figure.\n\n\n"
    result = cli(
        "practice", str(second["id"]), "--count", "2", "--seed", "3", "--json", input=answers
    )
    assert result.code == 0, result.err
    assert f"Question 1 of 2: {QUESTION}" in result.out
    assert "went badly in round 1" in result.out
    saved = cli.json("attempt", "list")
    assert [a["question_text"] for a in saved] == [QUESTION]
    assert saved[0]["round_id"] == second["id"]
