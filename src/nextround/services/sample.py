"""A sample opportunity to explore on first run: realistic, clearly labelled, easy to delete."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nextround.services import records as r
from nextround.services import times
from nextround.store import models as m

SAMPLE_COMPANY = "Northwind Logistics (sample)"

JOB_DESCRIPTION = """## Operations Analyst

Northwind moves fresh food from 40 suppliers to 300 shops every night. You will find where the
network loses time and money, and help the operations team fix it.

## What you will do
- Build weekly reports on delivery times, waste and cost per drop
- Run root-cause analyses when service levels slip
- Work with depot managers, buyers and finance to agree improvement plans

## Must have
- Strong Excel and SQL
- Experience presenting findings to senior managers
- Managing stakeholders with competing priorities

## Nice to have
- Experience with Power BI or Tableau
- Knowledge of warehouse or transport operations
"""


def has_sample(owner: User) -> bool:
    return m.Opportunity.objects.filter(owner=owner, is_sample=True).exists()


def _weekday(day: dt.date, step: int) -> dt.date:
    """The day itself if it is a weekday, else the nearest weekday in the direction of step."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return day


def _at(day: dt.date, hour: int) -> dt.datetime:
    # A local time: the rounds service reads it in the round's zone.
    return dt.datetime.combine(day, dt.time(hour, 0))


@transaction.atomic
def create_sample(owner: User, zone: str | None = None) -> m.Opportunity:
    """The sample opportunity with a debriefed first round and a planned second; made once.

    Its rounds are at 10:00 on weekdays in the given zone (this machine's by default): the
    first a week ago, the second next week.
    """
    existing = m.Opportunity.objects.filter(owner=owner, is_sample=True).first()
    if existing is not None:
        return existing
    zone_name = zone or times.local_zone_name()
    today = timezone.now().astimezone(times.zone(zone_name)).date()
    first_day = _weekday(today - dt.timedelta(days=6), -1)
    heard_on = min(_weekday(first_day + dt.timedelta(days=2), 1), today)
    second_day = _weekday(today + dt.timedelta(days=5), 1)
    opp = r.opportunities.create(
        owner,
        company=SAMPLE_COMPANY,
        role="Operations Analyst",
        stage="interviewing",
        location="Leeds (hybrid)",
        dress_code="smart-casual",
        job_description=JOB_DESCRIPTION,
        consultant_name="Maya Brooks",
        consultant_company="Harbour Recruitment",
        consultant_email="maya.brooks@harbour-recruitment.example",
        notes="A sample to explore: delete it whenever you like.",
    )
    m.Opportunity.objects.filter(pk=opp.pk).update(is_sample=True)
    opp.is_sample = True
    first = r.rounds.create(
        owner,
        opp.pk,
        scheduled_at=_at(first_day, 10),
        timezone=zone_name,
        duration_minutes=30,
        format="phone",
        purpose="shortlist",
        status="done",
        outcome="passed",
        impressed="The waste-reduction example: she asked for the numbers twice.",
        fell_flat="I rambled on the question about a disagreement with a manager.",
    )
    hr = r.interviewers.add_to_round(
        owner, first.pk, name="Sam Patel", title="Talent Partner", role="hr", seniority="mid"
    )
    questions = [
        ("Why do you want to work in logistics?", "Talked about my supermarket job.", 3, "neutral"),
        (
            "Tell me about a time you used data to cut costs.",
            "Waste dashboard at my last job, cut write-offs by 18% in a quarter.",
            5,
            "positive",
        ),
        (
            "Describe a disagreement with a manager and how you handled it.",
            "Went round in circles, no clear outcome.",
            2,
            "negative",
        ),
        ("What is your notice period?", "One month.", 4, "neutral"),
    ]
    for text, note, rating, reaction in questions:
        r.asked_questions.create(
            owner,
            first.pk,
            text=text,
            answer_note=note,
            self_rating=rating,
            reaction=reaction,
            interviewer_id=hr.pk,
        )
    r.feedback.create(
        owner,
        first.pk,
        source="consultant",
        sender="Maya Brooks",
        received_on=heard_on,
        text=(
            "They loved the waste-reduction example and your SQL. The hiring manager wants to "
            "see more evidence that you can handle senior stakeholders who disagree with you."
        ),
    )
    # The first round's thank-you note went the same afternoon, as it would have: the sample's
    # week starts with nothing overdue.
    from nextround.services import followups

    sent_at, _ = times.resolve(_at(first_day, 16), zone_name)
    for thanks in followups.draft(owner, first.pk):
        followups.mark_sent(owner, thanks.pk, when=sent_at)
    second = r.rounds.create(
        owner,
        opp.pk,
        scheduled_at=_at(second_day, 10),
        timezone=zone_name,
        duration_minutes=60,
        format="on-site",
        kind="panel",
        purpose="delve-deeper",
        location="Northwind House, 12 Canal Wharf, Leeds",
    )
    r.interviewers.add_to_round(
        owner,
        second.pk,
        name="Dr Helen Okoro",
        title="Head of Operations",
        role="hiring-manager",
        seniority="director",
        years_at_company="6",
        earlier_employers=["Ocado", "DHL"],
        research_notes="Led the move to overnight picking in 2022; speaks often about waste.",
    )
    r.interviewers.add_to_round(
        owner,
        second.pk,
        name="Tom Reyes",
        title="Senior Analyst",
        role="team-member",
        seniority="senior",
    )
    for text, kind in [
        ("Strong Excel and SQL", "must"),
        ("Presenting findings to senior managers", "must"),
        ("Managing stakeholders with competing priorities", "must"),
        ("Power BI or Tableau", "nice"),
    ]:
        r.requirements.create(owner, opp.pk, text=text, kind=kind)
    if not m.Story.objects.filter(owner=owner, is_sample=True).exists():
        story = r.stories.create(
            owner,
            title="Sample: cutting fresh-food waste",
            situation="Write-offs of fresh food at our 20 stores had risen for three quarters.",
            task="Find the main causes and propose changes within six weeks.",
            action="I joined till data to delivery records in SQL, built a dashboard by store "
            "and category, and ran weekly reviews with the store managers.",
            result="Write-offs fell 18% in the next quarter, saving about £240,000 a year.",
            skills=["SQL", "Excel", "data analysis", "stakeholder management"],
            metrics="-18% write-offs; £240k a year",
        )
        m.Story.objects.filter(pk=story.pk).update(is_sample=True)
    return opp
