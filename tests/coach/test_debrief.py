"""Debrief analysis: the best evidence about each answer decides whether to reinforce or counter."""

from __future__ import annotations

from nextround.coach.debrief import (
    AskedText,
    FeedbackText,
    analyse_debrief,
    clean_topic,
    find_remarks,
)
from nextround.coach.evidence import RequirementText

REQUIREMENTS = [
    RequirementText(1, "Strong SQL and experience with Python for analysis"),
    RequirementText(2, "Experience managing stakeholders across several departments"),
]
FEEDBACK = FeedbackText(
    7,
    1,
    "They liked your SQL depth but felt you lacked experience managing stakeholders.",
    "consultant",
)


def close(pairs: dict[tuple[str, str], float]):  # type: ignore[no-untyped-def]
    """A stand-in for the sentence-embedding cosine: given pairs by a word of each, else 0."""

    def score(a: str, b: str) -> float:
        for (x, y), value in pairs.items():
            if (x in a and y in b) or (x in b and y in a):
                return value
        return 0.0

    return score


def test_a_concern_is_extracted_from_free_text_and_linked_to_its_requirement() -> None:
    remarks = find_remarks(FEEDBACK, REQUIREMENTS)
    concern = next(r for r in remarks if r.kind == "concern")
    assert concern.topic == "managing stakeholders"
    assert concern.requirement_id == 2
    assert FEEDBACK.text[concern.span.start : concern.span.end].startswith("felt you lacked")
    praise = next(r for r in remarks if r.kind == "praise")
    assert praise.topic == "your SQL depth"


def test_other_phrasings_of_concern_are_found() -> None:
    texts = {
        "The panel was not convinced about your leadership of large teams.": "leadership",
        "Some concerns about your commercial awareness.": "commercial awareness",
        "They would have liked more detail on budgeting.": "budgeting",
        "There is a slight question mark over your experience of budgets.": "budgets",
        "They have some reservations about your people management.": "people management",
        # Hedged: a softened wish is still a doubt, never praise.
        "He'd perhaps have liked to hear a little more about how you'd handle consultants.": (
            "how you'd handle consultants"
        ),
        # Advice to prepare names a gap; "before you see Helen" says when, not what.
        "I'd also brush up on the NHS financial framework before you see Helen.": (
            "NHS financial framework"
        ),
        "The team would love to understand a bit more about how you partner with engineering.": (
            "how you partner with engineering"
        ),
        "You come from a bigger org, so it'd be worth showing you're comfortable being hands-on.": (
            "being comfortable being hands-on"
        ),
    }
    for text, topic in texts.items():
        remarks = find_remarks(FeedbackText(1, 1, text))
        assert [r.kind for r in remarks] == ["concern"], text
        assert topic in remarks[0].topic, (text, remarks[0].topic)


def test_an_answer_that_did_not_land_is_a_doubt_about_that_answer_not_a_topic() -> None:
    for text in (
        "The funding question didn't land as well as it could.",
        "She did say the tech debt answer left a small question mark.",
    ):
        remarks = find_remarks(FeedbackText(1, 1, text))
        assert [(r.kind, r.topic) for r in remarks] == [("concern", "")], text
        assert remarks[0].quote == text.rstrip(".")


def test_a_gap_named_with_advice_is_a_doubt_and_a_focus_area() -> None:
    text = (
        "Kerry said you haven't held a budget yet, which isn't a deal-breaker, but be ready to "
        "talk about how you'd get on top of the establishment and the bank spend."
    )
    remarks = find_remarks(FeedbackText(1, 1, text, "consultant"))
    assert [(r.kind, r.topic) for r in remarks] == [
        ("concern", "holding a budget"),
        ("focus", "how you'd get on top of the establishment and the bank spend"),
    ]


def test_the_employers_own_worry_is_what_the_round_is_about_not_a_doubt() -> None:
    text = "The retention figures on 7B are the thing everyone is worried about."
    remarks = find_remarks(FeedbackText(1, 1, text, "consultant"))
    assert [(r.kind, r.topic) for r in remarks] == [("focus", "")]


def test_wanting_to_be_sure_of_something_is_a_focus_area_not_praise() -> None:
    text = "Angela and David will want to be confident you're ready to step up to running the ward."
    remarks = find_remarks(FeedbackText(1, 1, text, "consultant"))
    assert [(r.kind, r.topic) for r in remarks] == [
        ("focus", "being ready to step up to running the ward")
    ]
    # Two people in one clause: the quote keeps both names.
    assert remarks[0].quote == text.rstrip(".")


def test_coordinated_doubts_become_separate_concerns_and_a_deeper_dive_a_focus_area() -> None:
    text = (
        "Good news: they would like to see you again. They weren't convinced you have handled "
        "on-call incidents for production pipelines, and they would like to hear more about how "
        "you mentor junior engineers. Dana will also want to go deeper into orchestration."
    )
    remarks = find_remarks(FeedbackText(1, 1, text, "consultant"))
    assert [(r.kind, r.topic) for r in remarks] == [
        ("concern", "handling on-call incidents for production pipelines"),
        ("concern", "how you mentor junior engineers"),
        ("focus", "orchestration"),
    ]


def test_the_invitation_itself_is_not_praise() -> None:
    remarks = find_remarks(FeedbackText(1, 1, "Good news: they would like to see you again!"))
    assert remarks == []


def test_a_topic_that_cannot_be_said_cleanly_is_left_empty_and_the_quote_kept() -> None:
    assert clean_topic("you have handled incidents") == "handling incidents"
    assert clean_topic("they said it was fine but I think") == ""
    remark = find_remarks(FeedbackText(1, 1, "They were not sure it was what they wanted."))[0]
    assert remark.topic == "" and remark.label == "“They were not sure it was what they wanted”"


def test_weak_answers_are_countered_and_strong_ones_reinforced() -> None:
    weak = AskedText(1, 1, "Tell me about a difficult stakeholder.", "vague", 2, "negative")
    strong = AskedText(
        2, 1, "Walk me through an analysis you are proud of.", "churn", 4, "positive"
    )
    similar = close({("managing stakeholders", "stakeholder"): 0.6})
    result = analyse_debrief([weak, strong], [FEEDBACK], REQUIREMENTS, similar)
    assert [p.question_id for p in result.counter] == [1]
    assert [p.question_id for p in result.reinforce] == [2]
    assert "lacked experience managing stakeholders" in result.counter[0].why
    assert result.counter[0].decided_by == "feedback"


def test_a_negative_reaction_outweighs_a_high_self_rating() -> None:
    q = AskedText(3, 1, "How do you prioritise your work?", "fine", 5, "negative")
    result = analyse_debrief([q], [])
    assert result.counter[0].overruled_self_rating
    assert "counts for more than your own" in result.counter[0].why


def test_feedback_outweighs_a_high_self_rating_on_the_same_topic() -> None:
    q = AskedText(4, 1, "Tell me about working with stakeholders.", "great", 5, "unknown")
    similar = close({("managing stakeholders", "stakeholders"): 0.55})
    result = analyse_debrief([q], [FEEDBACK], REQUIREMENTS, similar)
    assert [p.question_id for p in result.counter] == [4]


def test_praise_outweighs_a_low_self_rating() -> None:
    q = AskedText(5, 1, "How deep is your SQL?", "unsure", 2, "unknown")
    fb = FeedbackText(8, 1, "They were impressed with your SQL depth and your SQL tuning.")
    result = analyse_debrief([q], [fb], similarity=close({("SQL", "SQL"): 0.7}))
    assert [p.question_id for p in result.reinforce] == [5]


def test_praise_of_another_answer_sharing_one_word_does_not_reinforce_a_weak_one() -> None:
    weak = AskedText(
        1, 1, "How do you handle data quality issues?", "rambled, no example", 2, "unknown"
    )
    strong = AskedText(2, 1, "Tell me about your SQL tuning work.", "cut query time", 4, "positive")
    fb = FeedbackText(3, 1, "They were impressed by the quality of your SQL tuning example.")
    similar = close({("SQL tuning", "SQL tuning"): 0.7, ("quality of your SQL", "quality"): 0.3})
    result = analyse_debrief(
        [weak, strong], [fb], similarity=similar, notes=[(1, "", "the data quality answer")]
    )
    assert [p.question_id for p in result.counter] == [1]
    assert [p.question_id for p in result.reinforce] == [2]
    assert "impressed" not in result.counter[0].why


def test_without_meaning_one_shared_word_never_ties_a_remark_to_an_answer() -> None:
    q = AskedText(1, 1, "Why do you want to work here?", "liked the mission", 3, "unknown")
    fb = FeedbackText(2, 1, "They liked how you want to keep learning.")
    assert analyse_debrief([q], [fb]).reinforce == ()


def test_nothing_to_go_on_gives_an_empty_debrief() -> None:
    assert analyse_debrief([], []).is_empty
    unrated = AskedText(6, 1, "Any questions?", "", None, "unknown")
    assert analyse_debrief([unrated], [FeedbackText(9, 1, "   ")]).is_empty


def test_two_nouns_joined_by_and_stay_in_one_clause_while_a_named_person_starts_one() -> None:
    text = (
        "He loved the Valentine's service story and said your grip on labour and GP was "
        "better than most candidates he's seen, and Priya felt your costing was thin."
    )
    remarks = find_remarks(FeedbackText(8, 1, text, "consultant"))
    quotes = [r.quote for r in remarks]
    assert any("grip on labour and GP was better" in q for q in quotes)
    assert not any(q.endswith("grip on labour") for q in quotes)
    assert any(r.kind == "concern" and "costing" in r.quote for r in remarks)


def test_a_wrapped_email_body_is_read_as_whole_sentences_with_topics_in_good_english() -> None:
    text = (
        "There were a couple of doubts though: she wasn't sure you had enough experience of\n"
        "standing up to operations managers and she felt your answer on the stock count was a\n"
        "bit light on the detail of how you valued WIP. Two more: she isn't sure you're\n"
        "commercial enough to own payroll, and she wondered whether you'd be tough enough with\n"
        "heads of department. She also liked that you knew Epicor. She thought your answer\n"
        "about a tutor was more about being nice than holding them to account."
    )
    remarks = find_remarks(FeedbackText(9, 1, text, "consultant"))
    topics = {r.topic for r in remarks}
    assert "your experience of standing up to operations managers" in topics
    assert "being commercial enough to own payroll" in topics
    assert "being tough enough with heads of department" in topics
    assert "knowing Epicor" in topics
    assert any(r.quote.endswith("how you valued WIP") for r in remarks)
    soft = next(r for r in remarks if "being nice" in r.quote)
    assert soft.kind == "concern" and soft.topic == ""
    for r in remarks:  # spans still point at the stored text
        assert " ".join(text[r.span.start : r.span.end].split()).startswith(r.quote[:20])
    assert not any(
        w.endswith("ing") and w in ("enoughing", "commercialing", "bing")
        for t in topics
        for w in t.split()
    )


def test_own_notes_that_both_touch_an_answer_count_only_where_one_is_clearly_closer() -> None:
    tutor = AskedText(1, 1, "One of your tutors isn't doing registers: what do you do?", "", 2)
    impressed = "She liked my tutor programme ideas."
    fell_flat = "The tutor answer was too soft on holding them to account."

    def near(a: str, b: str) -> float:
        both = f"{a} {b}"
        if "registers" not in both:
            return 0.0
        return 0.6 if "too soft" in both else 0.45

    debrief = analyse_debrief([tutor], [], (), near, notes=[(1, impressed, fell_flat)])
    assert [p.question_id for p in debrief.counter] == [1] and not debrief.reinforce
    assert "fell flat" in debrief.counter[0].why and "went down well" not in debrief.counter[0].why

    def alike(a: str, b: str) -> float:
        return 0.5 if "registers" in f"{a} {b}" else 0.0

    unsure = analyse_debrief([tutor], [], (), alike, notes=[(1, impressed, fell_flat)])
    assert all("noted" not in p.why for p in (*unsure.counter, *unsure.reinforce))


def test_how_an_answer_was_told_is_a_concern_about_that_answer() -> None:
    for text in (
        "Hannah said you were a bit long-winded on the GP question.",
        "They felt you rambled when talking about the budget.",
        "Honestly you waffled on the stakeholder question.",
    ):
        remarks = find_remarks(FeedbackText(1, 1, text))
        assert [r.kind for r in remarks] == ["concern"], text
    asked = [
        AskedText(1, 1, "How would you build relationships with GP practices?", "PCN pathway"),
        AskedText(2, 1, "Tell me about a clinical service you have grown.", "Pharmacy First"),
    ]
    feedback = [FeedbackText(1, 1, "You were a bit long-winded on the GP practices question.")]
    debrief = analyse_debrief(asked, feedback)
    assert [p.question_id for p in debrief.counter] == [1]


def test_the_candidates_own_worry_answered_by_the_feedback_is_no_concern() -> None:
    text = (
        "She also mentioned the Snowflake cost work; even though you felt you rambled, she "
        "thought the 30% saving was a great example."
    )
    kinds = [r.kind for r in find_remarks(FeedbackText(1, 1, text))]
    assert "concern" not in kinds and "praise" in kinds


def _said(text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.topic) for r in find_remarks(FeedbackText(1, 1, text, "consultant"))]


def test_each_doubt_and_each_judgement_in_a_sentence_is_its_own_remark() -> None:
    # A second doubt after "and <Name> had", a second praise after "and thought".
    assert _said(
        "They weren't convinced you have run a conference centre of this size, and Omar had "
        "reservations about how you would hire chefs in a rural area."
    ) == [
        ("concern", "running a conference centre of this size"),
        ("concern", "how you would hire chefs in a rural area"),
    ]
    assert _said("They loved your budget story and thought your handover answer was spot on.") == [
        ("praise", "your budget story"),
        ("praise", "your handover answer"),
    ]
    # "said very little about" is a doubt, and so is what follows a first one with "and they felt".
    said = _said(
        "The panel weren't convinced by your plan for the lab, and they felt your answer said "
        "very little about how you would check what pupils had learned."
    )
    assert said == [
        ("concern", "your plan for the lab"),
        ("concern", "how you would check what pupils had learned"),
    ]


def test_a_judgement_after_the_cue_is_no_topic_and_the_answer_is_named_by_what_it_was_on() -> None:
    # Never "and a bit worrying" as the topic of a doubt.
    assert _said(
        "They felt your answer on handling a rising waiting list was vague and a bit odd."
    ) == [("concern", "handling a rising waiting list")]
    # Top praise ("one of the best she has heard") is praise.
    assert _said("Gemma said your audit example was one of the best she has heard.") == [
        ("praise", "your audit example")
    ]


def test_a_note_that_names_several_answers_is_read_clause_by_clause() -> None:
    disclosure = AskedText(
        1, 1, "A pupil tells you something worrying in a practical. What do you do?", "", 4
    )
    fell_flat = (
        "My answer on a colleague's underperformance sounded soft; I also ran over time on the "
        "curriculum question."
    )
    impressed = "The results story went well; the disclosure answer landed well."

    def near(a: str, b: str) -> float:
        both = f"{a} {b}"
        if "worrying" not in both:
            return 0.0
        # Whole, the fell-flat note reads closer than the note that names this answer; clause
        # by clause, only "the disclosure answer landed well" is about it.
        if "soft;" in both:
            return 0.65
        if "went well;" in both:
            return 0.45
        return 0.6 if "disclosure" in both else 0.1

    debrief = analyse_debrief([disclosure], [], (), near, notes=[(1, impressed, fell_flat)])
    assert [p.question_id for p in debrief.reinforce] == [1]
    assert "fell flat" not in debrief.reinforce[0].why
    assert "went down well" in debrief.reinforce[0].why


def test_a_topic_keeps_the_article_it_was_written_with() -> None:
    from nextround.coach.debrief import clean_topic

    # "about NHS financial framework" is not English.
    assert clean_topic("the NHS financial framework before you see Helen") == (
        "the NHS financial framework"
    )
    assert clean_topic("any experience of the Care Act") == "the Care Act"
    # No article where none was written, nor before a clause or an -ing form.
    assert clean_topic("stakeholder management") == "stakeholder management"
    assert clean_topic("the handling of complaints") == "handling of complaints"


def test_a_fell_flat_note_counts_only_for_the_answer_each_clause_is_about() -> None:
    # "Existing buildings" is close in meaning to the complex-structure answer too; the clause
    # is closer still to the answer it names, so the praised answer never "fell flat".
    structure = AskedText(
        1, 1, "Walk me through the most complex structure you have designed.",
        "Cabot Street transfer structure over a retained basement.", 5, "positive",
    )  # fmt: skip
    existing = AskedText(
        2, 1, "What experience do you have of assessing existing buildings?",
        "Mostly new build.", 2, "negative",
    )  # fmt: skip
    similar = close({("existing buildings", "existing buildings"): 0.8,
                     ("existing buildings", "retained basement"): 0.55})  # fmt: skip
    notes = [(1, "Rachel asked about the Cabot Street transfer structure twice.",
              "My answer on existing buildings: I had no masonry example ready.")]  # fmt: skip
    result = analyse_debrief([structure, existing], [], (), similar, notes=notes)
    praised = next(p for p in result.reinforce if p.question_id == 1)
    assert "fell flat" not in praised.why
    assert "you noted it fell flat" in next(p for p in result.counter if p.question_id == 2).why


def test_an_answer_the_feedback_names_is_the_one_it_judges() -> None:
    parent = AskedText(1, 1, "Tell us about a difficult conversation with a parent.", "", 3, "")
    disclosure = AskedText(2, 1, "A student discloses something worrying. What do you do?", "", 4)
    said = FeedbackText(
        3, 1,
        "Your answer about the parent conversation also felt more about what you said than "
        "about what changed for the student.",
        "interviewer",
    )  # fmt: skip
    result = analyse_debrief([parent, disclosure], [said])
    assert [p.question_id for p in result.counter] == [1]
    assert "what changed for the student" in result.counter[0].why


def test_doubts_praise_and_focus_said_in_other_ways() -> None:
    text = (
        "Hannah really enjoyed the conversation. She said the turnaround of the Northway account "
        "was exactly what they're looking for. The main question mark is commercial ownership. "
        "Hannah wasn't sure I have been accountable for a number myself. She also felt my answer "
        "on upselling was a bit passive. Jonathan will want to go deeper into how I would "
        "forecast renewals. The students will also ask how you would make sure Year 10 feel "
        "listened to. We weren't convinced that you have led and held adults to account before."
    )
    remarks = find_remarks(FeedbackText(1, 1, text, "hr"))
    said = [(r.kind, r.topic) for r in remarks]
    assert ("praise", "the turnaround of the Northway account") in said
    assert not any("conversation" in t for k, t in said if k == "praise")  # a pleasantry
    assert ("concern", "commercial ownership") in said
    assert ("concern", "being accountable for a number yourself") in said
    assert any(r.kind == "concern" and "upselling" in r.quote for r in remarks)
    assert ("focus", "how you would forecast renewals") in said
    assert ("focus", "how you would make sure Year 10 feel listened to") in said
    assert ("concern", "leading and holding adults to account") in said


def test_praise_of_a_piece_of_work_is_no_verdict_on_an_answer_that_never_names_it() -> None:
    # The audit was never logged as an answer; the weak answer shares "IV", "oral" and "switch".
    weak = AskedText(
        1,
        1,
        "Tell me about a time you challenged a senior colleague about a prescribing decision.",
        "A consultant who refused to switch IV antibiotics to oral; I backed down",
        2,
        "unknown",
    )
    fb = FeedbackText(
        2,
        1,
        "The panel were impressed with your antimicrobial stewardship audit and the IV-to-oral "
        "switch results.",
        "consultant",
    )
    result = analyse_debrief(
        [weak], [fb], similarity=close({("IV", "IV"): 0.8}), notes=[(1, "", "the consultant one")]
    )
    assert result.reinforce == ()
    assert [p.question_id for p in result.counter] == [1]
    assert "impressed" not in result.counter[0].why
    # Logged, the audit answer is the one the praise is about.
    audit = AskedText(3, 1, "What audit work have you led?", "stewardship audit", 4, "unknown")
    result = analyse_debrief([weak, audit], [fb], similarity=close({("IV", "IV"): 0.8}))
    assert [p.question_id for p in result.reinforce] == [3]


def test_a_countered_answer_never_gives_praise_as_its_reason() -> None:
    q = AskedText(1, 1, "Tell me about your SQL tuning work.", "lost my thread", 2, "unknown")
    fb = FeedbackText(
        2, 1, "They liked your SQL tuning work. They felt your SQL tuning answer lacked numbers."
    )
    result = analyse_debrief([q], [fb], similarity=close({("SQL", "SQL"): 0.8}))
    assert [p.question_id for p in result.counter] == [1]
    assert "liked" not in result.counter[0].why


def test_a_topic_stops_where_a_new_clause_or_a_when_begins() -> None:
    said = {
        r.topic
        for text in (
            "Karen would like to hear more about your on-call readiness, you've not done many "
            "on-calls yet.",
            "Fiona will want to be sure you understand the hospice care model before the day.",
        )
        for r in find_remarks(FeedbackText(1, 1, text))
    }
    assert said == {"your on-call readiness", "your understanding of the hospice care model"}


def test_a_one_word_topic_that_says_nothing_on_its_own_is_quoted_instead() -> None:
    (remark,) = find_remarks(FeedbackText(1, 1, "She'd like more on scale."))
    assert remark.topic == "" and remark.label == "“She'd like more on scale”"


def test_being_hot_on_something_and_expecting_a_grilling_are_focus_areas() -> None:
    said = [
        (r.kind, r.topic)
        for r in find_remarks(
            FeedbackText(1, 1, "Graham is very hot on margin and yield so expect a grilling there.")
        )
    ]
    assert said == [("focus", "margin and yield")]


def test_a_focus_on_that_is_about_what_came_before_it_in_the_sentence() -> None:
    text = (
        "She also mentioned the commute from Glasgow and the summer weekends, so it's worth "
        "being ready to talk about that."
    )
    (remark,) = find_remarks(FeedbackText(1, 1, text))
    assert remark.kind == "focus" and remark.topic == ""
    assert "the commute from Glasgow and the summer weekends" in remark.quote


def test_a_big_step_up_is_a_doubt_about_what_is_a_step_up() -> None:
    said = [
        (r.kind, r.topic)
        for text in (
            "Morag said the budget here is a big step up - you'd be managing four people.",
            "Managing a team of four would be a real step up.",
        )
        for r in find_remarks(FeedbackText(1, 1, text))
    ]
    assert said == [("concern", "the budget here"), ("concern", "managing a team of four")]


def test_praise_against_both_her_rating_and_her_note_decides_nothing() -> None:
    q = AskedText(
        1,
        1,
        "Explain the difference between the prevention duty and the relief duty.",
        "mixed them up",
        2,
        "unknown",
    )
    fb = FeedbackText(2, 1, "She felt your prevention example was excellent.", "hr")
    result = analyse_debrief(
        [q],
        [fb],
        similarity=close({("prevention", "prevention"): 0.8}),
        notes=[(1, "", "the prevention and relief duty answer, I mixed them up")],
    )
    assert result.reinforce == () and result.counter == ()
    # Without her own note, the praise still outweighs a low rating.
    alone = analyse_debrief([q], [fb], similarity=close({("prevention", "prevention"): 0.8}))
    assert [p.question_id for p in alone.reinforce] == [1]


def _said(text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.topic) for r in find_remarks(FeedbackText(1, 1, text))]


def test_the_person_they_need_after_praise_is_what_the_round_will_look_for() -> None:
    assert _said(
        "You've led KS3 which is great, but they need someone who has taken a department "
        "through an Ofsted deep dive."
    ) == [
        ("praise", "leading KS3"),
        ("focus", "taking a department through an Ofsted deep dive"),
    ]
    assert _said("The panel want someone who knows the Renters' Rights Act inside out.") == [
        ("focus", "knowing the Renters' Rights Act inside out")
    ]
    assert _said("They are looking for someone with experience of leading a merger.") == [
        ("focus", "leading a merger")
    ]


def test_a_stated_worry_and_the_question_after_its_colon_are_both_kept() -> None:
    assert _said(
        "Her worry is churn: she wants to know how you'd turn round an account that is about "
        "to leave."
    ) == [
        ("concern", "churn"),
        ("focus", "how you'd turn round an account that is about to leave"),
    ]
    assert _said("The one concern was that you have not run a tender.")[0][0] == "concern"


def test_the_detail_on_its_own_is_no_topic_and_the_doubt_is_quoted() -> None:
    [remark] = find_remarks(FeedbackText(1, 1, "You seemed unsure of the detail."))
    assert remark.kind == "concern" and remark.topic == ""
    assert remark.label == "“You seemed unsure of the detail”"


def test_a_step_not_yet_started_is_a_doubt_about_starting_it() -> None:
    assert _said(
        "We also noticed you haven't started the postgraduate diploma yet, so we'd like to "
        "talk about how you would approach that alongside the rotation."
    ) == [("concern", "starting the postgraduate diploma")]
    assert _said("They'd like to talk through how you would fund the MSc.") == [
        ("focus", "how you would fund the MSc")
    ]


def test_an_aside_on_the_doubt_just_made_is_not_a_doubt_of_its_own() -> None:
    assert _said(
        "She'd like to see more structure on prioritisation - the answer felt generic - and "
        "wants to be sure you can work with Compliance on safeguarding."
    ) == [
        ("concern", "structure on prioritisation"),
        ("focus", "working with Compliance on safeguarding"),
    ]
    # Said as a sentence of its own, it is kept (quoted).
    assert _said("They weren't sure about your budget experience. The answer felt generic.")[1] == (
        "concern",
        "",
    )


def test_unsure_you_had_and_questioned_how_are_two_doubts() -> None:
    assert _said(
        "The panel was unsure you had led whole-staff training, and questioned how you would "
        "manage a team of 15 teaching assistants."
    ) == [
        ("concern", "leading whole-staff training"),
        ("concern", "how you would manage a team of 15 teaching assistants"),
    ]
