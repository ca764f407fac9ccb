"""The evidence map: stories ranked for each requirement with why, gaps and idle stories."""

from __future__ import annotations

from nextround.coach.evidence import RequirementText, StoryText, map_evidence, rank_stories

CHURN = StoryText(
    1,
    "Churn dashboard",
    situation="Cancellations were rising.",
    action="I built a churn model in Python and a dashboard for the retention team.",
    result="Cancellations fell by 12%.",
    skills=("SQL", "Python"),
)
STAKEHOLDERS = StoryText(
    2,
    "Finance sign-off",
    situation="The finance director doubted our revenue numbers.",
    action="I met her stakeholders weekly and agreed one definition with each department.",
    result="Disputes fell from five days to one.",
    skills=("stakeholder management",),
)
BAKING = StoryText(3, "Village fete cake stall", action="Baked 40 cakes.", skills=("baking",))
SQL = RequirementText(10, "Strong SQL and Python")
PEOPLE = RequirementText(11, "Experience managing stakeholders across departments")
AIRFLOW = RequirementText(12, "Airflow or another scheduler", "nice")


def test_it_ranks_the_story_that_fits_first_and_says_why() -> None:
    result = map_evidence([SQL, PEOPLE], [CHURN, STAKEHOLDERS, BAKING])
    sql_row, people_row = result.rows
    assert sql_row.best is not None and sql_row.best.title == "Churn dashboard"
    assert sql_row.best.reason.startswith("You tagged it “SQL”")
    assert people_row.best is not None and people_row.best.title == "Finance sign-off"
    assert "stakeholder" in people_row.best.reason.lower()


def test_requirements_without_a_story_are_gaps_and_idle_stories_are_listed() -> None:
    result = map_evidence([SQL, AIRFLOW], [CHURN, BAKING])
    assert [g.text for g in result.gaps] == ["Airflow or another scheduler"]
    assert [s.title for s in result.unused] == ["Village fete cake stall"]


def test_a_story_the_candidate_linked_comes_first_whatever_its_words() -> None:
    result = map_evidence([AIRFLOW], [CHURN, BAKING], links=[(12, 3)], notes={(12, 3): "joke"})
    best = result.rows[0].best
    assert best is not None and best.linked and best.title == "Village fete cake stall"
    assert best.reason == "You linked it: “joke”"
    assert not result.gaps


def test_a_semantic_scorer_can_be_plugged_in_and_its_number_is_never_shown() -> None:
    def similar(a: str, b: str) -> float:
        return 0.95 if "scheduler" in a and "cake" in b.lower() else 0.0

    result = map_evidence([AIRFLOW], [CHURN, BAKING], similarity=similar)
    best = result.rows[0].best
    assert best is not None and best.title == "Village fete cake stall"
    assert best.reason == "What you did is close to what this asks for."
    assert not any(ch.isdigit() for ch in best.reason)


def test_one_common_word_in_common_never_backs_a_requirement() -> None:
    charity = StoryText(
        4, "Charity 10k", task="I signed up to run a 10k for the hospice.", action="I trained."
    )
    support = StoryText(5, "Support for student nurses", action="I buddied two students.")
    career = RequirementText(20, "A long run of delivery in a regulated setting")
    als = RequirementText(21, "ALS (Advanced Life Support) certification")
    result = map_evidence([career, als], [charity, support])
    assert [g.id for g in result.gaps] == [20, 21]
    assert all(not row.maybe for row in result.rows)


def test_below_the_bar_a_story_is_only_offered_to_check_and_the_requirement_stays_a_gap() -> None:
    def similar(a: str, b: str) -> float:
        return 0.28 if "stakeholders" in a and "finance" in b.lower() else 0.0

    untagged = StoryText(
        2, "Finance sign-off", action="I met the finance director and other stakeholders weekly."
    )
    result = map_evidence([PEOPLE], [untagged, BAKING], similarity=similar)
    row = result.rows[0]
    assert row.best is None and result.gaps == (PEOPLE,)
    assert [m.title for m in row.maybe] == ["Finance sign-off"]
    # Close in meaning alone, with none of the requirement's words in what was done: not
    # offered at all, since any story of the same field would be.
    wordless = StoryText(3, "Finance sign-off", action="I met the finance director weekly.")
    assert map_evidence([PEOPLE], [wordless], similarity=similar).rows[0].maybe == ()


def test_no_stories_or_empty_text_give_empty_answers() -> None:
    assert map_evidence([SQL], []).gaps == (SQL,)
    assert rank_stories("", [CHURN]) == []
    assert map_evidence([], [CHURN]).unused == (CHURN,)


def test_a_registration_is_backed_only_by_a_story_that_names_it() -> None:
    def similar(a: str, b: str) -> float:
        return 0.5  # every story reads as close: only the rule on what is held decides

    nmc = RequirementText(30, "Current NMC registration")
    sepsis = StoryText(6, "Sepsis on Ward 7", action="I escalated using NEWS2.")
    renewal = StoryText(7, "Revalidation", action="I renewed my NMC registration early.")
    result = map_evidence([nmc], [sepsis, renewal], similarity=similar)
    assert [m.title for m in result.rows[0].matches] == ["Revalidation"]
    alone = map_evidence([nmc], [sepsis], similarity=similar)
    assert alone.gaps == (nmc,) and not alone.rows[0].maybe


def test_a_skill_the_candidate_tagged_that_the_requirement_names_backs_it() -> None:
    def similar(a: str, b: str) -> float:
        return 0.3 if "committee" in b.lower() else 0.2

    social = StoryText(8, "Chairing the pharmacy social committee", action="I ran the rota.")
    surgeons = StoryText(
        9, "Vascular surgeons", action="I changed their prescribing.", skills=("leading change",)
    )
    change = RequirementText(31, "Evidence of leading change and influencing senior staff")
    best = map_evidence([change], [social, surgeons], similarity=similar).rows[0].best
    assert best is not None and best.title == "Vascular surgeons"
    assert best.reason == "You tagged it “leading change”."


def test_one_common_word_tagged_on_a_story_does_not_vouch_for_it() -> None:
    def similar(a: str, b: str) -> float:
        return 0.2 if "bike" in b.lower() else 0.15  # far in meaning, above the tagged bar

    bike = StoryText(
        10, "Licensing my bike to a friend", action="I lent it.", skills=("licensing",)
    )
    sql = StoryText(11, "Reporting", action="I wrote the queries.", skills=("SQL",))
    licensing = RequirementText(32, "Knowledge of premises licensing and health and safety")
    queries = RequirementText(33, "Strong SQL")
    result = map_evidence([licensing, queries], [bike, sql], similarity=similar)
    assert result.rows[0].best is None and licensing in result.gaps
    # A named tool the candidate tagged still counts.
    assert result.rows[1].best is not None and result.rows[1].best.title == "Reporting"


def test_a_story_from_the_candidates_own_life_is_offered_to_check_never_as_backing() -> None:
    def similar(a: str, b: str) -> float:
        return 0.6 if "wedding" in b.lower() else 0.0

    brother = StoryText(12, "Organising my brother's wedding", action="I ran the day for 90.")
    banqueting = RequirementText(34, "Hands-on experience of weddings, conferences or banqueting")
    result = map_evidence([banqueting], [brother], similarity=similar)
    assert result.rows[0].best is None and banqueting in result.gaps
    assert [m.title for m in result.rows[0].maybe] == ["Organising my brother's wedding"]
    hotel = StoryText(13, "Weddings at the Grand", action="I ran 60 weddings a year.")
    assert map_evidence([banqueting], [hotel], similarity=similar).rows[0].best is not None


def test_a_story_below_the_size_the_job_asks_for_is_offered_to_check_never_as_backing() -> None:
    castleford = StoryText(
        4,
        "Final account on Castleford health centre",
        situation="A £8.2m NHS health centre where the final account was disputed.",
        action="I built the whole account and ran the weekly close-out meetings.",
        result="Agreed at £8.74m, recovering 90% of the loss and expense claimed.",
        skills=("final accounts",),
    )
    wakefield = StoryText(
        5,
        "Wakefield secondary school",
        action="I am commercial lead on the £14.3m school and will agree its final account.",
        skills=("final accounts",),
    )
    floor = RequirementText(20, "Experience of agreeing final accounts on projects over £10m")

    def close(a: str, b: str) -> float:
        return 0.6 if "final account" in b.lower() else 0.0

    row = map_evidence([floor], [castleford], similarity=close).rows[0]
    assert row.best is None
    assert [m.title for m in row.maybe] == ["Final account on Castleford health centre"]
    big = map_evidence([floor], [castleford, wakefield], similarity=close).rows[0]
    assert big.best is not None and big.best.title == "Wakefield secondary school"
    # The floor said after the amount is the same floor; an amount with no floor is not one.
    for said in ("£10m and above", "£10m or more", "£10m plus", "£10m and over"):
        after = RequirementText(21, f"Agreeing final accounts on projects of {said}")
        row = map_evidence([after], [castleford], similarity=close).rows[0]
        assert row.best is None, said
    plain = RequirementText(22, "Agreeing final accounts on projects of around £10m and schools")
    assert map_evidence([plain], [castleford], similarity=close).rows[0].best is not None


def test_close_in_meaning_with_one_shared_word_is_offered_to_check_never_as_backing() -> None:
    court = RequirementText(43, "Experience of giving evidence in care proceedings")
    assessment = StoryText(
        15,
        "Parenting assessment before proceedings",
        action="I completed the assessment and presented it at the legal planning meeting.",
        result="The mother engaged with the programme and proceedings were avoided.",
    )

    def near(a: str, b: str) -> float:
        return 0.5  # as close as a neighbouring piece of work reads

    row = map_evidence([court], [assessment], similarity=near).rows[0]
    assert row.best is None
    assert [m.title for m in row.maybe] == ["Parenting assessment before proceedings"]

    def same(a: str, b: str) -> float:
        return 0.7  # the same work in other words

    assert map_evidence([court], [assessment], similarity=same).rows[0].best is not None


def test_years_in_words_are_time_served_and_subject_knowledge_is_held() -> None:
    from nextround.coach.evidence import is_credential, is_tenure

    assert is_tenure("At least five years as a General Manager in a four-star hotel")
    assert not is_tenure("Experience of five-star service")
    assert is_credential("Secure subject knowledge across biology, chemistry and physics")
    assert is_credential("at least one science to A level")
    assert not is_credential("Good or better teaching and strong GCSE outcomes")


def test_a_thin_story_is_never_offered_as_backing_nor_to_check() -> None:
    from nextround.coach.evidence import RequirementText, StoryText, map_evidence, rank_stories

    thin = StoryText(
        1,
        "Tech debt",
        situation="Our payments service had a lot of tech debt.",
        action="I left it to the engineers to handle.",
        result="It was fine.",
        skills=("technical trade-offs",),
    )
    told = StoryText(
        2,
        "SCA rollout",
        action="I worked with engineering on the technical trade-offs of biometric confirmation.",
        result="Drop-off fell to 6%.",
        skills=("technical trade-offs",),
    )
    need = RequirementText(7, "Experience with technical trade-offs")
    assert [m.story_id for m in rank_stories(need.text, [thin, told], include_possible=True)] == [2]
    row = map_evidence([need], [thin]).rows[0]
    assert row.matches == () and row.maybe == ()
    # Linked by the candidate, it stays theirs.
    linked = map_evidence([need], [thin], links={(7, 1)}).rows[0]
    assert [m.story_id for m in linked.matches] == [1]


def test_stories_alike_in_meaning_are_ordered_by_the_requirements_own_words_not_by_title() -> None:
    # Every story of one field reads close in meaning; the one that says what the duty is about
    # goes first and backs it, whatever its title's place in the alphabet.
    stories = [
        StoryText(1, "A health score rebuild", action="I rebuilt the health score model."),
        StoryText(2, "Board pack overhaul", action="I rewrote the monthly board pack."),
        StoryText(
            3,
            "Owning 35 renewals",
            action="I owned 35 renewals and built a renewal calendar.",
            result="33 of 35 renewed: 94% gross retention.",
        ),
    ]
    duty = RequirementText(1, "Own renewals against a net revenue retention target", "duty")
    evidence = map_evidence([duty], stories, similarity=lambda a, b: 0.9)
    (row,) = evidence.rows
    assert row.best is not None and row.best.story_id == 3
    assert evidence.gaps == ()


def test_a_tag_backs_a_requirement_only_where_the_story_shows_the_skill() -> None:
    def similar(a: str, b: str) -> float:
        return 0.3  # close enough with a tag, not on meaning alone

    exams = StoryText(
        13,
        "Standard costing",
        action="I passed the exams.",
        result="I passed all 4 papers first time in 2021.",
        skills=("standard costing",),
    )
    roll = StoryText(
        14,
        "Cost roll at Dalton Print",
        action="I ran the annual standard costing roll for 400 SKUs and explained each variance.",
        result="Unexplained variances fell from 14% to 4% of cost of sales.",
        skills=("standard costing",),
    )
    costing = RequirementText(34, "Strong understanding of standard costing and variances")
    best = map_evidence([costing], [exams, roll], similarity=similar).rows[0].best
    assert best is not None and best.title == "Cost roll at Dalton Print"
    alone = map_evidence([costing], [exams], similarity=similar).rows[0]
    assert alone.best is None


def test_years_or_a_language_get_no_story_to_check_and_one_offered_is_not_idle() -> None:
    def similar(a: str, b: str) -> float:
        return 0.28 if "customer" in a.lower() and "customer" in b.lower() else 0.0

    turnaround = StoryText(
        8,
        "Northway turnaround",
        action="I reset the customer relationship and ran account reviews with the CFO.",
    )
    years = RequirementText(40, "4+ years in customer success or account management")
    german = RequirementText(41, "Fluent German for customer calls")
    reviews = RequirementText(42, "Lead customer account reviews with finance directors", "duty")
    result = map_evidence([years, german, reviews], [turnaround, BAKING], similarity=similar)
    assert [row.maybe for row in result.rows[:2]] == [(), ()]
    assert [m.title for m in result.rows[2].maybe] == ["Northway turnaround"]
    # Offered to check against a requirement, it is not listed among the stories that back
    # nothing.
    assert [s.title for s in result.unused] == ["Village fete cake stall"]


def test_a_second_language_in_brackets_is_a_language() -> None:
    from nextround.coach.evidence import is_language

    assert is_language("A second European language (German or Dutch)")
    assert is_language("Another language would be an advantage")
    assert not is_language("Experience of language development in the early years")


def test_a_story_naming_none_of_the_tools_a_requirement_lists_is_not_offered_to_check() -> None:
    def similar(a: str, b: str) -> float:
        return 0.3 if "customer" in a.lower() and "customer" in b.lower() else 0.0

    hartwell = StoryText(
        14,
        "Saving Hartwell from churn",
        action="I rebuilt the customer success plan with their new operations director.",
        result="Usage rose to 92% and they renewed for two years.",
    )
    platform = RequirementText(
        50, "Experience using a customer success platform such as Gainsight or ChurnZero"
    )
    assert map_evidence([platform], [hartwell], similarity=similar).rows[0].maybe == ()
    named = StoryText(15, "Health scores", action="I set up customer health scores in Gainsight.")
    row = map_evidence([platform], [named], similarity=similar).rows[0]
    assert [m.title for m in (*row.matches, *row.maybe)] == ["Health scores"]
