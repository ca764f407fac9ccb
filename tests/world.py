"""A small, realistic world of one candidate's interviews, made through the services in one line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nextround.services import records as r
from nextround.store import models as m

JOB_DESCRIPTION = """Senior Data Analyst, Customer Insights

You will turn customer data into decisions for the product and marketing teams.

Must have
- Strong SQL and experience with Python for analysis
- Experience managing stakeholders across several departments
- Clear written and spoken communication

Nice to have
- Airflow or another scheduler
- Experience in retail or e-commerce
"""


@dataclass
class World:
    """Two opportunities: Acme with a debriefed first round and a planned second; Globex applied."""

    user: Any
    acme: m.Opportunity
    globex: m.Opportunity
    round1: m.Round
    round2: m.Round
    priya: m.Interviewer
    tom: m.Interviewer
    dana: m.Interviewer
    weak_question: m.AskedQuestion
    strong_question: m.AskedQuestion
    feedback: m.Feedback
    story: m.Story


def opportunity(user: Any, **values: Any) -> m.Opportunity:
    values.setdefault("company", "Initech")
    values.setdefault("role", "Analyst")
    return r.opportunities.create(user, **values)


def make_world(user: Any) -> World:
    acme = opportunity(
        user,
        company="Acme Retail",
        role="Senior Data Analyst",
        job_description=JOB_DESCRIPTION,
        stage="interviewing",
        consultant_name="Sam Reid",
        consultant_email="sam@talentbridge.example",
    )
    globex = opportunity(user, company="Globex", role="Insights Lead", stage="applied")
    round1 = r.rounds.create(
        user,
        acme.pk,
        scheduled_at="2026-11-17T10:00",
        timezone="Europe/London",
        duration_minutes=45,
        format="video",
        purpose="screening",
        status="done",
        outcome="passed",
        impressed="The churn dashboard story landed well.",
        fell_flat="My answer on stakeholder conflict was vague.",
    )
    priya = r.interviewers.add_to_round(
        user, round1.pk, name="Priya Shah", title="Analytics Manager", role="hiring-manager"
    )
    weak = r.asked_questions.create(
        user,
        round1.pk,
        text="Tell me about a time you handled a difficult stakeholder.",
        answer_note="Talked about the marketing team, but no outcome.",
        self_rating=2,
        reaction="negative",
        interviewer_id=priya.pk,
    )
    strong = r.asked_questions.create(
        user,
        round1.pk,
        text="Walk me through an analysis you are proud of.",
        answer_note="Churn model that cut cancellations by 12%.",
        self_rating=4,
        reaction="positive",
        interviewer_id=priya.pk,
    )
    fb = r.feedback.create(
        user,
        round1.pk,
        source="consultant",
        sender="Sam Reid",
        text="They liked your SQL depth but felt you lacked experience managing stakeholders.",
        received_on="2026-11-19",
    )
    round2 = r.rounds.create(
        user,
        acme.pk,
        scheduled_at="2026-12-03T14:00",
        timezone="Europe/London",
        format="on-site",
        kind="panel",
        purpose="second-opinion",
    )
    tom = r.interviewers.add_to_round(
        user,
        round2.pk,
        name="Tom Okafor",
        title="Head of Data",
        role="senior-executive",
        seniority="director",
        years_at_company="3.5",
        earlier_employers=["Initech", "Globex"],
    )
    dana = r.interviewers.add_to_round(
        user, round2.pk, name="Dana Levi", title="Data Engineer", role="team-member"
    )
    r.requirements.create(user, acme.pk, text="Strong SQL", kind="must")
    r.requirements.create(user, acme.pk, text="Airflow", kind="nice")
    story = r.stories.create(
        user,
        title="Churn dashboard",
        situation="Cancellations were rising and nobody knew why.",
        task="Find the drivers within a month.",
        action="I built a churn model in Python and a dashboard for the retention team.",
        result="Cancellations fell by 12% in a quarter.",
        skills=["SQL", "Python", "stakeholder management"],
    )
    return World(user, acme, globex, round1, round2, priya, tom, dana, weak, strong, fb, story)
