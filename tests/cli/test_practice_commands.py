"""`nextround analyze` and `nextround practice` through the real console script."""

from __future__ import annotations

import json

from tests.cli_harness import Cli, Result

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


VAGUE_WE = (
    "We had a problem with the marketing team. We set up a weekly meeting and we built a new "
    "dashboard, and we improved the reporting for everyone involved."
)


def test_analyze_lists_the_likely_follow_ups(cli: Cli) -> None:
    result = cli("analyze", "-q", QUESTION, "-a", VAGUE_WE)
    assert result.code == 0, result.err
    assert "Likely follow-ups:" in result.out
    data = cli.json("analyze", "-q", QUESTION, "-a", VAGUE_WE, "--lexical")
    kinds = [f["kind"] for f in data["follow_ups"]]
    assert "ownership" in kinds and len(kinds) <= 2


def test_analyze_can_answer_a_follow_up_to_a_saved_attempt(cli: Cli) -> None:
    first = cli.json("analyze", "-q", QUESTION, "-a", VAGUE_WE, "--save")
    follow = first["follow_ups"][0]["text"]
    second = cli.json(
        "analyze",
        "-q",
        follow,
        "-a",
        "I ran the meetings myself.",
        "--follow-up-of",
        str(first["attempt_id"]),
    )
    assert second["attempt_id"] and second["follow_up_of"]["attempt_id"] == first["attempt_id"]
    missing = cli("analyze", "-q", follow, "-a", "Text.", "--follow-up-of", "9999")
    assert missing.code == 1 and "9999" in missing.err and "Traceback" not in missing.err


def test_practice_asks_the_follow_ups_in_turn_and_saves_their_answers(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    first = cli.json("round", "add", str(opp["id"]), "--status", "done")
    cli.json("question", "add", str(first["id"]), "--text", QUESTION, "--rating", "1")
    second = cli.json("round", "add", str(opp["id"]))
    answers = VAGUE_WE + "\n\nI personally chaired every meeting and wrote the spec.\n\n\n"
    result = cli(
        "practice", str(second["id"]), "--count", "1", "--seed", "3", "--json", input=answers
    )
    assert result.code == 0, result.err
    assert "Follow-up: " in result.out
    saved = json.loads(result.out[result.out.index("[") :])
    assert len(saved) == 2
    assert saved[1]["follow_up_of"] == saved[0]["attempt_id"]


def test_semantic_status_says_which_model_is_used_and_prune_empties_a_stale_cache(
    cli: Cli,
) -> None:
    cli("analyze", "-q", QUESTION, "-a", VAGUE_WE, "--save")
    status = cli.json("semantic", "status", "--json")
    assert status["model_id"] == "all-MiniLM-L6-v2:onnx-int8"
    assert "relevance" in status["uses"]
    pruned = cli.json("semantic", "prune", "--json")
    assert pruned["removed"] >= 0
    assert cli.json("semantic", "status", "--json")["cached"] <= status["cached"]


def test_semantic_matching_can_be_turned_off(cli: Cli) -> None:
    cli.env["NEXTROUND_SEMANTIC"] = "off"
    result = cli("semantic", "status")
    assert result.code == 0, result.err
    assert "Semantic matching: off (turned off by NEXTROUND_SEMANTIC=off)" in result.out
    data = cli.json("analyze", "-q", QUESTION, "-a", VAGUE_WE)
    assert not any("semantic" in r for s in data["scores"] for r in s["reasons"])
    cli.env["NEXTROUND_SEMANTIC"] = "gpu"
    bad = cli("semantic", "status")
    assert bad.code == 1 and "NEXTROUND_SEMANTIC must be auto, onnx, torch or off" in bad.err


def test_classify_names_the_type_competencies_and_what_decided_them(cli: Cli) -> None:
    result = cli("classify", "What is your notice period?", "qwrtp zxvb")
    assert result.code == 0, result.err
    first, second = result.out.split("qwrtp zxvb")
    assert "type: salary-notice" in first
    assert 'because: cue "notice period" (salary-notice)' in first
    assert "not recognised as an interview question" in second


def test_classify_json_finds_neighbours_in_meaning_unless_told_not_to(cli: Cli) -> None:
    question = "How would you go about triaging a ward of twelve patients at handover?"
    data = cli.json("classify", "--json", question)
    (only,) = data["questions"]
    assert only["type"] == "technical"
    assert any(item.startswith('like "') for item in only["evidence"])
    lexical = cli.json("classify", "--json", "--lexical", question)
    assert not any(item.startswith('like "') for item in lexical["questions"][0]["evidence"])
    assert cli("classify").code != 0  # a question is required


def test_a_salary_question_answered_with_why_the_role_appeals_is_off_topic(cli: Cli) -> None:
    question = "What are your salary expectations?"
    appeal = (
        "What really draws me to this role is the product. I used your booking tool when I ran "
        "a small recruitment team and it halved the time we spent arranging interviews, so I'd "
        "love to sell something I have seen work."
    )
    missed = cli.json("analyze", "--question", question, "--answer", appeal)
    assert "off-topic" in {i["code"] for i in missed["insights"]}
    assert not [i for i in missed["insights"] if i["level"] == "good"]
    figure = (
        "I'm looking for a base of £32,000 to £35,000, with the usual commission on top, "
        "which is in line with what SDR roles at this level pay in London."
    )
    named = cli.json("analyze", "--question", question, "--answer", figure)
    assert "off-topic" not in {i["code"] for i in named["insights"]}


def test_analyze_counts_one_word_plainly_and_marks_no_change_without_an_arrow(cli: Cli) -> None:
    question = "Why do you want to manage operations at this depot?"
    one = cli("analyze", "-q", question, "-a", "Progression.")
    assert one.code == 0, one.err
    assert "1 word, under a second spoken" in one.out
    assert "1 words" not in one.out and "0-0 s" not in one.out
    assert "One word is not an answer yet" in one.out
    answer = (
        "I have run the night control room at Northgate for four years, and I want to manage "
        "the whole depot because I rebuilt its rota with the Unite rep and cut missed shifts "
        "from 30 to 8 a week."
    )
    cli("analyze", "-q", question, "-a", answer, "--save")
    again = cli("analyze", "-q", question, "-a", answer, "--save")
    assert again.code == 0, again.err
    assert "unchanged" in again.out
    assert "↓" not in again.out and "↑" not in again.out


def _two_rounds(cli: Cli) -> int:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    first = cli.json("round", "add", str(opp["id"]), "--status", "done")
    cli.json("question", "add", str(first["id"]), "--text", QUESTION, "--rating", "1")
    return int(cli.json("round", "add", str(opp["id"]))["id"])


def _saved(out: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(out[out.rindex("\n[") + 1 :])
    return found


def test_practice_an_empty_line_first_skips_the_question_and_an_answer_may_run_over_lines(
    cli: Cli,
) -> None:
    second = _two_rounds(cli)
    answers = "\nI met the marketing lead weekly.\nWe agreed one churn figure.\n\n\n"
    result = cli("practice", str(second), "-n", "2", "--seconds", "0", "--seed", "3", input=answers)
    assert result.code == 0, result.err
    first, rest = result.out.split("Question 2 of 2", 1)
    assert "Skipped." in first and "Skipped." not in rest
    assert "1 answer(s) saved as practice attempts; 1 question(s) skipped." in rest
    (saved,) = cli.json("attempt", "list")
    assert saved["answer_text"] == "I met the marketing lead weekly.\nWe agreed one churn figure."
    assert saved["question_text"] == rest.split("\n", 1)[0].removeprefix(": ")


def test_practice_an_empty_line_after_an_answer_moves_on_and_never_fills_a_follow_up(
    cli: Cli,
) -> None:
    second = _two_rounds(cli)
    answers = f"{VAGUE_WE}\n\n\nI kept a decision log and shared it every Friday.\n\n\n"
    result = cli(
        "practice",
        str(second),
        "-n",
        "2",
        "--seconds",
        "0",
        "--seed",
        "3",
        "--json",
        input=answers,
    )
    assert result.code == 0, result.err
    # Each follow-up asked got the empty line and was left; the next answer went to question 2.
    asked = result.out.count("Follow-up: ")
    assert asked >= 1 and result.out.count("Moved on.") == asked
    saved = _saved(result.out)
    assert [s["follow_up_of"] for s in saved] == [None, None]
    assert saved[0]["question"] == QUESTION


def test_practice_an_empty_line_moves_on_from_the_follow_ups_after_one_is_answered(
    cli: Cli,
) -> None:
    second = _two_rounds(cli)
    answers = f"{VAGUE_WE}\n\nI chaired every meeting myself.\n\n\nMy second answer.\n\n"
    result = cli(
        "practice",
        str(second),
        "-n",
        "2",
        "--seconds",
        "0",
        "--seed",
        "3",
        "--json",
        input=answers,
    )
    assert result.code == 0, result.err
    saved = _saved(result.out)
    assert len(saved) == 3
    assert saved[1]["follow_up_of"] == saved[0]["attempt_id"]
    assert saved[2]["follow_up_of"] is None


def test_practice_with_a_seed_asks_the_same_questions_again_after_answering(cli: Cli) -> None:
    second = _two_rounds(cli)
    args = ("practice", str(second), "-n", "4", "--seconds", "0", "--follow-ups", "0")

    def asked(result: Result) -> list[str]:
        assert result.code == 0, result.err
        return [line for line in result.out.splitlines() if line.startswith("Question ")]

    first = asked(cli(*args, "--seed", "5", input=""))
    answers = "".join(f"My answer number {n}, with the 12% it saved.\n\n" for n in range(4))
    answered = asked(cli(*args, "--seed", "5", input=answers))
    assert len(cli.json("attempt", "list")) == 4
    assert asked(cli(*args, "--seed", "5", input="")) == first == answered
    said = " ".join(cli("practice", "--help").out.split())
    assert "the answers you give never change them" in said
