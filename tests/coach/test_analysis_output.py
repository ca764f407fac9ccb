"""The JSON form of an analysis, its scores and the word list file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nextround.coach.analysis import AnswerContext, analyze_answer
from nextround.coach.insight import Insight, Span
from nextround.coach.wordlists import WORDLISTS_PATH, WordListError, load_wordlists

CONFLICT = "Tell me about a time you resolved a conflict with a colleague."
ANSWER = (
    "Last spring a colleague and I disagreed about whether to delay a product launch. "
    "I asked her to list the risks she saw, I checked each one against our test results and I "
    "proposed launching to 10% of users first. "
    "As a result we launched on time, with no incidents."
)


def test_to_dict_is_json_with_a_format_version() -> None:
    analysis = analyze_answer(CONFLICT, ANSWER, AnswerContext(job_terms=("launch",)))
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["format_version"] == 1
    assert set(data) == {
        "format_version",
        "question_type",
        "word_count",
        "analysed_words",
        "speaking_seconds",
        "star",
        "scores",
        "overall",
        "insights",
        "summary",
        "next_steps",
        "progress",
    }
    assert data["word_count"] == 50
    assert data["speaking_seconds"] == {"low": 19, "high": 23}  # 50 words at 160 and 130 wpm
    assert data["star"][0] == {"start": 0, "end": 80, "label": "situation"}
    first = data["insights"][0]
    assert set(first) == {"aspect", "level", "message", "spans", "code", "confidence"}


def test_the_overall_score_of_a_plain_answer_is_the_visible_mean_of_the_aspects() -> None:
    answer = (
        "Last spring a colleague and I disagreed about the release date for our billing app. I "
        "asked for a short meeting, I listed the three risks on one page and I offered to ship "
        "the smaller version first. As a result we shipped on 4 May and cut support tickets by 30%."
    )
    analysis = analyze_answer(CONFLICT, answer)
    scores = [s.score for s in analysis.scores]
    assert analysis.overall == round(sum(scores) / len(scores))
    data = analysis.to_dict()
    assert data["overall"] == {
        "score": analysis.overall,
        "mean": analysis.overall,
        "mean_of": [s.aspect for s in analysis.scores],
        "confidence": "high",
        "note": "",
    }
    assert f"Overall {analysis.overall}/100, the mean of {len(scores)} aspects" in analysis.summary


def test_talking_yourself_down_costs_more_than_any_aspect_shows() -> None:
    plain = (
        "Last spring a colleague and I disagreed about the release date for our billing app. I "
        "asked for a short meeting, I listed the three risks on one page and I offered to ship "
        "the smaller version first. As a result we shipped on 4 May and cut support tickets by 30%."
    )
    doubting = "I'm not very good at conflict, to be honest. " + plain
    assert analyze_answer(CONFLICT, doubting).overall < analyze_answer(CONFLICT, plain).overall - 10


def test_every_score_gives_its_reasons() -> None:
    analysis = analyze_answer(CONFLICT, ANSWER)
    assert {s.aspect for s in analysis.scores} >= {
        "relevance",
        "structure",
        "specificity",
        "ownership",
        "delivery",
        "length",
    }
    assert all(s.reasons and 0 <= s.score <= 100 for s in analysis.scores)


def test_there_are_at_most_three_next_steps() -> None:
    analysis = analyze_answer(CONFLICT, "We did it together and it was fine.")
    assert 1 <= len(analysis.next_steps) <= 3
    assert len(set(analysis.next_steps)) == len(analysis.next_steps)


def test_insights_and_spans_serialise_plainly() -> None:
    insight = Insight("delivery", "fix", "Two fillers.", (Span(0, 2), Span(5, 7)))
    assert insight.to_dict() == {
        "aspect": "delivery",
        "level": "fix",
        "message": "Two fillers.",
        "spans": [{"start": 0, "end": 2}, {"start": 5, "end": 7}],
        "code": "",
        "confidence": 1.0,
    }


def test_a_backwards_span_is_refused() -> None:
    with pytest.raises(ValueError, match=r"bad span 5\.\.2"):
        Span(5, 2)


def test_a_malformed_word_list_names_the_file_and_key(tmp_path: Path) -> None:
    raw = json.loads(WORDLISTS_PATH.read_text(encoding="utf-8"))
    raw["hedges"] = ["maybe", 3]
    path = tmp_path / "wordlists.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(WordListError, match=r"wordlists\.json: key 'hedges' holds 3"):
        load_wordlists(path)


def test_a_word_list_missing_a_key_names_it(tmp_path: Path) -> None:
    raw = json.loads(WORDLISTS_PATH.read_text(encoding="utf-8"))
    del raw["cliches"]
    path = tmp_path / "wordlists.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(WordListError, match="key 'cliches' is missing"):
        load_wordlists(path)


def test_a_word_list_that_is_not_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / "wordlists.json"
    path.write_text("{\n  'fillers': [}", encoding="utf-8")
    with pytest.raises(WordListError, match=r"not valid JSON \(line 2"):
        load_wordlists(path)


def test_the_packaged_word_lists_load() -> None:
    lists = load_wordlists()
    assert "um" in lists.sets["fillers"]
    assert lists.patterns["hedges"].search("Well, I guess so")
