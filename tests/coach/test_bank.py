"""The question bank and the questions-to-ask bank: content, validation, ranking and selection."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from nextround.coach.bank import (
    COMPETENCIES,
    FIELDS,
    INTERVIEWER_ROLES,
    QUESTION_TYPES,
    ROUND_KINDS,
    ROUND_PURPOSES,
    BankError,
    bank_for,
    field_questions,
    load_asks,
    load_asks_file,
    load_bank,
    load_bank_file,
    load_phrasings,
    load_phrasings_file,
    questions_to_ask,
    select_practice_questions,
    suits,
)


def good_question(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "q-one",
        "text": "Why do you want this job?",
        "type": "motivation",
        "competencies": ["motivation"],
        "looking_for": "A specific reason tied to the role.",
        "probes": ["Why now?", "What else are you considering?"],
        "rounds": [],
        "fields": [],
        "kinds": [],
    }
    item.update(changes)
    return item


def good_ask(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "a-one",
        "text": "What is the next step?",
        "roles": ["hr"],
        "purposes": [],
        "why": "Makes the timeline clear.",
    }
    item.update(changes)
    return item


def write(tmp_path: Path, key: str, items: list[Any]) -> Path:
    path = tmp_path / f"{key}.json"
    path.write_text(json.dumps({"format_version": 1, key: items}), encoding="utf-8")
    return path


def bank_error(tmp_path: Path, *items: Any) -> str:
    with pytest.raises(BankError) as caught:
        load_bank_file(write(tmp_path, "questions", list(items)))
    return str(caught.value)


def test_the_bank_has_at_least_250_questions_and_15_of_every_type() -> None:
    bank = load_bank()
    counts = Counter(q.type for q in bank)
    assert len(bank) >= 250
    assert set(counts) == set(QUESTION_TYPES)
    assert min(counts.values()) >= 15


def test_every_competency_in_the_vocabulary_is_used_by_some_question() -> None:
    used = {c for q in load_bank() for c in q.competencies}
    assert used == set(COMPETENCIES)


def test_technical_questions_cover_several_fields_not_only_software() -> None:
    texts = " ".join(q.text.lower() for q in load_bank() if q.type == "technical")
    for field_word in ("cash flow", "patient", "pupil", "campaign", "warehouse", "sales", "data"):
        assert field_word in texts


def test_the_bank_holds_the_classic_second_round_questions() -> None:
    texts = {q.text for q in load_bank() if q.type == "second-round"}
    assert "What have you thought about since we last met?" in texts
    assert "Why should we choose you over the other candidates?" in texts
    assert "What would you do in your first 90 days?" in texts


def test_every_question_has_two_to_four_probes_and_known_rounds() -> None:
    for question in load_bank():
        assert 2 <= len(question.probes) <= 4, question.id
        assert set(question.rounds) <= set(ROUND_PURPOSES), question.id


def test_the_bank_is_loaded_once() -> None:
    assert load_bank() is load_bank()
    assert load_asks() is load_asks()


def test_the_asks_bank_has_at_least_80_questions_for_every_role() -> None:
    asks = load_asks()
    assert len(asks) >= 80
    assert {role for a in asks for role in a.roles} == set(INTERVIEWER_ROLES)


def test_the_asks_bank_includes_the_essential_questions() -> None:
    ids = {a.id for a in load_asks()}
    assert {"hm-what-you-like", "exec-goals-progress", "next-step-timing"} <= ids
    assert {"co-first-round-feedback", "co-next-format"} <= ids


def test_it_rejects_a_bank_entry_with_an_unknown_type(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(type="riddle"))
    assert "questions.json" in message
    assert "'q-one'" in message
    assert "'type'" in message
    assert "riddle" in message


def test_it_rejects_a_presumption_with_an_unknown_source_or_no_words(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(presumes={"source": "rumour", "any": ["quiet"]}))
    assert "'q-one'" in message and "'presumes'" in message and "rumour" in message
    message = bank_error(tmp_path, good_question(presumes={"source": "feedback", "any": []}))
    assert "'presumes'" in message and "non-empty" in message


def test_a_presumption_holds_only_where_its_words_are_on_record(tmp_path: Path) -> None:
    item = good_question(presumes={"source": "feedback", "any": ["quiet", "didn't say much"]})
    (question,) = load_bank_file(write(tmp_path, "questions", [item]))
    assert question.presumes is not None and question.presumes.source == "feedback"
    assert question.presumes.holds(["Martin felt you were a bit quiet at the start."])
    assert question.presumes.holds(["She said you didn’t say much about the budget."])
    assert not question.presumes.holds(["He liked your CVR detail; the pace was disquieting."])
    assert not question.presumes.holds([])


def test_it_rejects_a_bank_entry_with_an_unknown_competency(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(competencies=["motivation", "juggling"]))
    assert "'competencies'" in message
    assert "juggling" in message


def test_it_rejects_a_duplicate_id_and_names_the_second_item(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(), good_question(text="Another one?"))
    assert "item 1" in message
    assert "duplicate id" in message


def test_it_rejects_a_missing_field(tmp_path: Path) -> None:
    item = good_question()
    del item["looking_for"]
    message = bank_error(tmp_path, item)
    assert "'looking_for'" in message
    assert "missing" in message


def test_it_rejects_an_empty_text(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(), good_question(id="q-two", text="  "))
    assert "item 1 ('q-two')" in message
    assert "'text'" in message
    assert "empty" in message


def test_it_rejects_an_item_without_an_id_by_its_index(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(), good_question(id=""))
    assert "item 1" in message
    assert "'id'" in message


def test_it_rejects_too_few_probes(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(probes=["Why?"]))
    assert "'probes'" in message


def test_it_rejects_an_unknown_round_purpose(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(rounds=["tea-break"]))
    assert "'rounds'" in message
    assert "tea-break" in message


def test_it_rejects_a_file_that_is_not_json_and_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format_version": 1,\n "questions": [,]}', encoding="utf-8")
    with pytest.raises(BankError, match=r"broken\.json: line 2"):
        load_bank_file(path)


def test_it_rejects_a_file_of_another_format_version(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format_version": 0, "questions": []}), encoding="utf-8")
    with pytest.raises(BankError, match="format_version"):
        load_bank_file(path)


def test_it_loads_a_valid_bank_file(tmp_path: Path) -> None:
    (question,) = load_bank_file(write(tmp_path, "questions", [good_question()]))
    assert question.id == "q-one"
    assert question.probes == ("Why now?", "What else are you considering?")


def test_it_rejects_an_ask_with_an_unknown_role(tmp_path: Path) -> None:
    with pytest.raises(BankError) as caught:
        load_asks_file(write(tmp_path, "asks", [good_ask(roles=["janitor"])]))
    assert "'a-one'" in str(caught.value)
    assert "'roles'" in str(caught.value)


def test_it_rejects_an_ask_without_a_why(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="'why'"):
        load_asks_file(write(tmp_path, "asks", [good_ask(why="")]))


def test_a_bank_error_is_a_value_error() -> None:
    assert issubclass(BankError, ValueError)


@pytest.mark.parametrize("role", INTERVIEWER_ROLES)
def test_questions_to_ask_puts_questions_for_the_role_first(role: str) -> None:
    asks = questions_to_ask(role, None, 5)
    assert len(asks) == 5
    assert all(role in a.roles for a in asks)


def test_questions_to_ask_prefers_questions_written_for_the_purpose() -> None:
    asks = questions_to_ask("team-member", "meet-the-team", 3)
    assert all("meet-the-team" in a.purposes for a in asks)


def test_questions_to_ask_gives_a_consultant_feedback_and_format_questions() -> None:
    ids = [a.id for a in questions_to_ask("consultant", None, 4)]
    assert "co-first-round-feedback" in ids
    assert "co-next-format" in ids


def test_questions_to_ask_respects_the_limit_and_fills_from_other_roles() -> None:
    assert questions_to_ask("hr", "final", 0) == []
    asks = questions_to_ask("other", None, 30)
    assert len(asks) == 30
    assert "other" in asks[0].roles


def test_questions_to_ask_rejects_an_unknown_role_or_purpose() -> None:
    with pytest.raises(ValueError, match="interviewer role"):
        questions_to_ask("astronaut", None, 3)
    with pytest.raises(ValueError, match="round purpose"):
        questions_to_ask("hr", "picnic", 3)


def test_practice_selection_is_the_same_for_the_same_seed() -> None:
    first = select_practice_questions(["conflict"], None, 10, seed=7)
    again = select_practice_questions(["conflict"], None, 10, seed=7)
    other = select_practice_questions(["conflict"], None, 10, seed=8)
    assert [q.id for q in first] == [q.id for q in again]
    assert [q.id for q in first] != [q.id for q in other]


def test_practice_selection_leans_toward_weak_competencies_but_stays_mixed() -> None:
    chosen = select_practice_questions(["conflict", "influence"], None, 10, seed=3)
    weak = [q for q in chosen if {"conflict", "influence"} & set(q.competencies)]
    assert len(chosen) == 10
    assert len({q.id for q in chosen}) == 10
    assert 5 <= len(weak) <= 8
    assert len({q.type for q in chosen}) >= 3


def test_practice_selection_is_weighted_across_many_seeds() -> None:
    bank = load_bank()
    base_rate = sum("resilience" in q.competencies for q in bank) / len(bank)
    picks = [
        q for seed in range(40) for q in select_practice_questions(["resilience"], None, 8, seed)
    ]
    rate = sum("resilience" in q.competencies for q in picks) / len(picks)
    assert rate > 3 * base_rate


def test_practice_selection_keeps_to_the_types_and_exclusions() -> None:
    excluded = {q.id for q in load_bank() if q.type == "tricky"}
    chosen = select_practice_questions([], ["tricky", "second-round"], 12, 1, excluded)
    assert {q.type for q in chosen} <= {"tricky", "second-round"}
    assert not excluded & {q.id for q in chosen}


def test_practice_selection_returns_what_there_is_when_asked_for_too_many() -> None:
    # With no field known, only the questions for any field are drawn.
    salary = [q for q in load_bank() if q.type == "salary-notice" and not q.fields]
    chosen = select_practice_questions(["integrity"], ["salary-notice"], 500, 2)
    assert sorted(q.id for q in chosen) == sorted(q.id for q in salary)


def test_practice_selection_rejects_unknown_competencies_and_types() -> None:
    with pytest.raises(ValueError, match="competency"):
        select_practice_questions(["juggling"], None, 3, 1)
    with pytest.raises(ValueError, match="question type"):
        select_practice_questions([], ["riddle"], 3, 1)


def test_the_phrasings_that_train_the_classifier_cover_every_type_apart_from_the_bank() -> None:
    phrasings = load_phrasings()
    counts = Counter(p.type for p in phrasings)
    assert len(phrasings) >= 900
    assert min(counts[qtype] for qtype in QUESTION_TYPES) >= 60
    bank = {q.text.lower() for q in load_bank()}
    assert len({p.text.lower() for p in phrasings} & bank) <= 3


def test_a_phrasing_with_an_unknown_type_or_competency_is_refused_by_its_index(
    tmp_path: Path,
) -> None:
    good = {"text": "Notice period?", "type": "salary-notice", "competencies": ["commitment"]}
    path = write(tmp_path, "phrasings", [good, {**good, "type": "smalltalk"}])
    with pytest.raises(BankError, match=r"item 1, field 'type': unknown type 'smalltalk'"):
        load_phrasings_file(path)
    path = write(tmp_path, "phrasings", [{**good, "competencies": ["charm"]}])
    with pytest.raises(BankError, match=r"item 0, field 'competencies': unknown value 'charm'"):
        load_phrasings_file(path)
    assert load_phrasings_file(write(tmp_path, "phrasings", [good]))[0].type == "salary-notice"


def test_it_rejects_an_unknown_field_or_round_kind(tmp_path: Path) -> None:
    message = bank_error(tmp_path, good_question(fields=["astrology"]))
    assert "'fields'" in message and "astrology" in message
    message = bank_error(tmp_path, good_question(kinds=["picnic"]))
    assert "'kinds'" in message and "picnic" in message
    item = good_question()
    del item["fields"]
    assert "'fields'" in bank_error(tmp_path, item) and "missing" in bank_error(tmp_path, item)


def test_an_ask_may_leave_out_fields_and_may_name_only_known_ones(tmp_path: Path) -> None:
    (ask,) = load_asks_file(write(tmp_path, "asks", [good_ask()]))
    assert ask.fields == ()
    with pytest.raises(BankError, match=r"'fields': unknown value 'astrology'"):
        load_asks_file(write(tmp_path, "asks", [good_ask(fields=["astrology"])]))


def test_every_field_has_fifteen_questions_of_its_own_with_probes_and_several_types() -> None:
    for field in FIELDS:
        own = [q for q in load_bank() if q.fields == (field,)]
        assert len(own) >= 15, field
        assert len({q.type for q in own}) >= 3, field
        assert all(2 <= len(q.probes) <= 4 and q.looking_for for q in own), field


def test_the_field_questions_cover_what_interviewers_in_that_field_ask() -> None:
    def texts(field: str) -> str:
        own = [q for q in load_bank() if field in q.fields]
        return " ".join(f"{q.text} {q.looking_for}".lower() for q in own)

    assert all(w in texts("nursing") for w in ("news2", "medication error", "nurse in charge"))
    assert all(w in texts("nursing") for w in ("safeguard", "healthcare assistant", "relative"))
    assert all(w in texts("marketing") for w in ("budget", "portfolio", "campaign", "brand"))
    assert all(w in texts("teaching") for w in ("behaviour", "safeguard", "understood", "send"))
    assert "sales pipeline" in texts("sales") and "code" in texts("software")


def test_questions_of_one_field_are_never_general() -> None:
    general = {q.text for q in bank_for()}
    assert "How do you build and manage a sales pipeline?" not in general
    assert "How do you prevent the spread of infection on a ward?" not in general
    assert "What do you look for when reviewing someone else's code?" not in general
    assert "How many tennis balls would it take to fill this meeting room?" not in general
    assert "Why do you want to work for us?" in general


def test_the_bank_for_a_field_has_its_own_and_general_questions_but_no_other_fields() -> None:
    data = {q.id for q in bank_for("data")}
    assert {"tech-code-review", "tech-sql-index", "why-this-company"} <= data
    assert "fit-in-room" not in data  # no estimation puzzles for data roles
    assert not {"tech-sales-pipeline", "tech-nursing-infection"} & data
    nursing = {q.id for q in bank_for("nursing")}
    assert "tech-nursing-infection" in nursing
    assert not {"tech-code-review", "fit-in-room", "mkt-budget-allocation"} & nursing


def test_a_question_that_assumes_a_set_up_is_kept_for_that_kind_of_round() -> None:
    presentation = "Talk us through the presentation you have prepared."
    tour = "What did you make of the tour this morning?"
    assert presentation not in {q.text for q in bank_for()}
    assert presentation not in {q.text for q in bank_for(None, "panel")}
    assert presentation in {q.text for q in bank_for(None, "presentation")}
    assert tour in {q.text for q in bank_for(None, "tour")}
    assert set(ROUND_KINDS) >= {k for q in load_bank() for k in q.kinds}


@pytest.mark.parametrize("field", [None, *FIELDS])
def test_practice_never_draws_another_field_s_question(field: str | None) -> None:
    for seed in range(5):
        for kind in (None, "one-to-one"):
            chosen = select_practice_questions(["analysis"], None, 12, seed, field=field, kind=kind)
            assert len(chosen) == 12
            assert all(suits(q, field, kind) for q in chosen)
            assert all(not q.kinds for q in chosen)


def test_practice_for_a_field_draws_some_of_the_field_s_own_questions() -> None:
    picks = [q for s in range(20) for q in select_practice_questions([], None, 10, s, field="law")]
    share = sum("law" in q.fields for q in picks) / len(picks)
    assert 0.1 <= share <= 0.4


def test_field_questions_come_from_the_field_with_the_purpose_first() -> None:
    picks = field_questions("nursing", "delve-deeper", 6, seed=1)
    assert len(picks) == 6
    assert all("nursing" in q.fields for q in picks)
    for_purpose = [q for q in load_bank() if "nursing" in q.fields and "delve-deeper" in q.rounds]
    assert {q.id for q in picks} <= {q.id for q in for_purpose}
    assert [q.id for q in picks] == [q.id for q in field_questions("nursing", "delve-deeper", 6, 1)]
    assert field_questions(None, "final", 5, 1) == []


def test_field_questions_keep_to_the_kind_types_and_exclusions() -> None:
    picks = field_questions("teaching", None, 40, seed=2, kind="panel")
    assert picks and all(not q.kinds or "panel" in q.kinds for q in picks)
    assert "teach-observation-feedback" not in {q.id for q in picks}
    technical = field_questions("sales", None, 40, 3, types=["technical"], exclude_ids={"x"})
    assert technical and {q.type for q in technical} == {"technical"}


def test_selection_rejects_an_unknown_field_or_kind() -> None:
    with pytest.raises(ValueError, match="field"):
        select_practice_questions([], None, 3, 1, field="astrology")
    with pytest.raises(ValueError, match="round kind"):
        field_questions("law", None, 3, 1, kind="picnic")
    with pytest.raises(ValueError, match="field"):
        questions_to_ask("hr", None, 3, field="astrology")


@pytest.mark.parametrize("field", [None, *FIELDS])
def test_questions_to_ask_never_give_another_field_s_question(field: str | None) -> None:
    for role in INTERVIEWER_ROLES:
        asks = questions_to_ask(role, "delve-deeper", 200, field)
        assert all(not a.fields or a.fields == (field,) for a in asks)


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_has_its_own_question_to_ask_each_main_interviewer(field: str) -> None:
    for role in ("hiring-manager", "senior-executive", "team-member", "technical", "hr"):
        first = questions_to_ask(role, None, 3, field)
        assert any(field in a.fields for a in first), (field, role)


def test_a_nurse_asks_a_ward_manager_about_staffing_and_not_about_code() -> None:
    texts = [a.text for a in questions_to_ask("hiring-manager", "delve-deeper", 5, "nursing")]
    assert any("staffing" in t for t in texts)
    general = [a.text for a in questions_to_ask("hiring-manager", "delve-deeper", 200)]
    assert not any("staffing levels" in t for t in general)


def test_a_question_to_ask_may_only_hold_the_employer_slot() -> None:
    from nextround.coach.bank import BankError, parse_asks

    ask = {"id": "x", "text": "How is the {team} doing?", "roles": ["hr"], "purposes": []}
    ask["why"] = "Rapport."
    with pytest.raises(BankError, match=r"unknown slot \{team\}"):
        parse_asks({"format_version": 1, "asks": [ask]}, "asks.json")
    ok = {**ask, "text": "How has the {organisation} changed?"}
    (template,) = parse_asks({"format_version": 1, "asks": [ok]}, "asks.json")
    assert template.said("firm") == ("How has the firm changed?", "Rapport.")
