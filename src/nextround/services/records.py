"""The use cases of each kind of record: opportunities, rounds, people, debriefs, offers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from nextround.coach import words
from nextround.services import money, times
from nextround.services.base import Resource
from nextround.services.errors import InvalidInput
from nextround.store import models as m

# Where a new opportunity starts unless told otherwise: nextround is for the rounds after the
# first, so a job is recorded once a first round is booked or done ("Jobs with a first round
# booked or done" on the board); a second round then moves it to Called back.
NEW_STAGE = m.Stage.INTERVIEWING


class Opportunities(Resource[m.Opportunity]):
    model = m.Opportunity
    label = "opportunity"
    fields = (
        "company",
        "role",
        "job_description",
        "jd_source_name",
        "stage",
        "location",
        "url",
        "dress_code",
        "consultant_name",
        "consultant_company",
        "consultant_email",
        "consultant_phone",
        "notes",
    )

    def apply(
        self, owner: User, obj: m.Opportunity, values: Mapping[str, Any], creating: bool
    ) -> None:
        if creating and not values.get("stage"):
            values = {**values, "stage": NEW_STAGE}
        super().apply(owner, obj, values, creating)

    def list_by_stage(self, owner: User, stage: str | None) -> list[m.Opportunity]:
        qs = self.queryset(owner)
        if stage:
            if stage not in m.Stage.values:
                raise InvalidInput.one(
                    "stage", f"{stage!r} is not one of {', '.join(m.Stage.values)}"
                )
            qs = qs.filter(stage=stage)
        return list(qs)

    def delete(self, owner: User, pk: int) -> None:
        """Delete an opportunity and its records; the sample takes the story it made too."""
        obj = self.owned(owner, pk)
        with transaction.atomic():
            obj.delete()
            others = m.Opportunity.objects.filter(owner_id=obj.owner_id, is_sample=True)
            if obj.is_sample and not others.exists():
                m.Story.objects.filter(owner_id=obj.owner_id, is_sample=True).delete()


class _UnderOpportunity:
    def parent(self, owner: User, parent_id: int) -> m.Opportunity:
        return opportunities.get(owner, parent_id)


class _UnderRound:
    def parent(self, owner: User, parent_id: int) -> m.Round:
        return rounds.get(owner, parent_id)


class Rounds(_UnderOpportunity, Resource[m.Round]):
    model = m.Round
    label = "round"
    parent_field = "opportunity"
    fields = (
        "number",
        "scheduled_at",
        "timezone",
        "duration_minutes",
        "format",
        "kind",
        "purpose",
        "location",
        "link",
        "status",
        "outcome",
        "news_expected_on",
        "impressed",
        "fell_flat",
        "notes",
    )

    def queryset(self, owner: User) -> models.QuerySet[m.Round]:
        return super().queryset(owner).select_related("opportunity")

    def create(self, owner: User, parent_id: int | None = None, **values: Any) -> m.Round:
        with transaction.atomic():
            obj = super().create(owner, parent_id, **values)
            stage_from_rounds(obj.opportunity)
        return obj

    def update(self, owner: User, pk: int, **changes: Any) -> m.Round:
        with transaction.atomic():
            obj = super().update(owner, pk, **changes)
            stage_from_rounds(obj.opportunity)
        return obj

    def apply(self, owner: User, obj: m.Round, values: Mapping[str, Any], creating: bool) -> None:
        values = dict(values)
        has_when = "scheduled_at" in values
        when = values.pop("scheduled_at", None) if has_when else obj.scheduled_at
        zone = values.pop("timezone", None)
        super().apply(owner, obj, values, creating)
        zone_name = obj.timezone if zone is None else str(zone)
        if when is None or when == "":
            obj.scheduled_at = None
            obj.timezone = times.check_zone(zone_name) if zone_name else ""
        else:
            obj.scheduled_at, obj.timezone = times.resolve(when, zone_name)
        if creating and not obj.number:
            obj.number = self.next_number(obj.opportunity)

    def delete(self, owner: User, pk: int) -> None:
        """Delete a round; the stage its number brought (Called back, say) goes with it."""
        obj = self.owned(owner, pk)
        with transaction.atomic():
            obj.delete()
            stage_after_delete(obj.opportunity)

    def next_number(self, opportunity: m.Opportunity) -> int:
        """The number the next round of this opportunity takes: one after the highest."""
        highest = (
            m.Round.objects.filter(opportunity=opportunity)
            .aggregate(n=models.Max("number"))
            .get("n")
        )
        return int(highest or 0) + 1

    def save(self, obj: m.Round) -> None:
        # Named beside the Number field, not as a clash of the whole form.
        taken = m.Round.objects.filter(opportunity_id=obj.opportunity_id, number=obj.number)
        if obj.number and taken.exclude(pk=obj.pk).exists():
            free = self.next_number(obj.opportunity)
            raise InvalidInput.one(
                "number",
                "This opportunity already has a round with this number. "
                f"Round {obj.number} is taken: the next number free is {free}.",
                self.label,
            )
        super().save(obj)


def stage_from_rounds(opp: m.Opportunity) -> None:
    """Applied becomes Interviewing once a round exists, and Called back once a second does.

    Only the stages a new opportunity starts in move, and only forward: an offer, a decision
    or a stage the candidate set later than the rounds suggest is left as it is.
    """
    if opp.stage not in (m.Stage.APPLIED, m.Stage.INTERVIEWING):
        return
    highest = (
        m.Round.objects.filter(opportunity=opp)
        .exclude(status=m.RoundStatus.CANCELLED)
        .aggregate(n=models.Max("number"))["n"]
    )
    stage = m.Stage.CALLBACK if (highest or 0) >= 2 else m.Stage.INTERVIEWING if highest else None
    if stage is not None and stage != opp.stage:
        opp.stage = stage
        opp.save(update_fields=["stage"])


def _stage_of_rounds(opp: m.Opportunity) -> m.Stage:
    highest = (
        (
            m.Round.objects.filter(opportunity=opp)
            .exclude(status=m.RoundStatus.CANCELLED)
            .aggregate(n=models.Max("number"))["n"]
        )
        or 0
    )
    if highest >= 2:
        return m.Stage.CALLBACK
    return m.Stage.INTERVIEWING if highest else m.Stage.APPLIED


# The stages rounds set, in order: a deleted round can take one back, never any other.
_BY_ROUNDS = (m.Stage.APPLIED, m.Stage.INTERVIEWING, m.Stage.CALLBACK)


def stage_after_delete(opp: m.Opportunity) -> None:
    """After a round is deleted, a stage the rounds set steps back to what those left give."""
    if opp.stage not in _BY_ROUNDS[1:]:
        return
    stage = _stage_of_rounds(opp)
    if _BY_ROUNDS.index(stage) < _BY_ROUNDS.index(m.Stage(opp.stage)):
        opp.stage = stage
        opp.save(update_fields=["stage"])


class Interviewers(_UnderOpportunity, Resource[m.Interviewer]):
    model = m.Interviewer
    label = "interviewer"
    parent_field = "opportunity"
    fields = (
        "name",
        "title",
        "role",
        "seniority",
        "team",
        "email",
        "years_at_company",
        "earlier_employers",
        "research_notes",
        "links",
    )
    list_fields = ("earlier_employers", "links")
    url_list_fields = ("links",)

    def add_to_round(self, owner: User, round_id: int, **values: Any) -> m.Interviewer:
        """A person on a round's panel, kept with the opportunity for later rounds.

        Someone already met in this process (the same name, titles aside) is the same person:
        they are put on this panel too, with any detail they lacked filled in, so the brief
        knows them and the notes say "again".
        """
        round_ = rounds.get(owner, round_id)
        with transaction.atomic():
            person = self._known(owner, round_.opportunity_id, values)
            if person is None:
                person = self.create(owner, round_.opportunity_id, **values)
            else:
                blanks = {
                    k: v
                    for k, v in values.items()
                    if v and k in self.fields and not getattr(person, k)
                }
                if blanks:
                    person = self.update(owner, person.pk, **blanks)
            m.RoundInterviewer.objects.get_or_create(owner=owner, round=round_, interviewer=person)
            _panel_kind(round_)
        return person

    def _known(
        self, owner: User, opportunity_id: int, values: Mapping[str, Any]
    ) -> m.Interviewer | None:
        key = words.person_key(str(values.get("name") or ""))
        if not key:
            return None
        people = self.queryset(owner).filter(opportunity_id=opportunity_id).order_by("id")
        return next((p for p in people if words.person_key(p.name) == key), None)

    def link(self, owner: User, round_id: int, interviewer_id: int) -> m.Interviewer:
        """Put someone already known from this opportunity on another round's panel."""
        round_ = rounds.get(owner, round_id)
        person = self.get(owner, interviewer_id)
        if person.opportunity_id != round_.opportunity_id:
            raise InvalidInput.one(
                "interviewer", f"{person.name} belongs to another opportunity", "panel"
            )
        with transaction.atomic():
            m.RoundInterviewer.objects.get_or_create(owner=owner, round=round_, interviewer=person)
            _panel_kind(round_)
        return person

    def unlink(self, owner: User, round_id: int, interviewer_id: int) -> None:
        round_ = rounds.get(owner, round_id)
        m.RoundInterviewer.objects.filter(
            owner=owner, round=round_, interviewer_id=interviewer_id
        ).delete()

    def of_round(self, owner: User, round_id: int) -> list[m.Interviewer]:
        round_ = rounds.get(owner, round_id)
        return list(self.queryset(owner).filter(rounds=round_).order_by("id"))


def _panel_kind(round_: m.Round) -> None:
    """A round left at the default "one to one" becomes a panel once two people are on it."""
    if round_.kind == m.RoundKind.ONE_TO_ONE and round_.panel.count() >= 2:
        round_.kind = m.RoundKind.PANEL
        round_.save(update_fields=["kind"])


def _check_interviewer(
    owner: User, obj: Any, values: Mapping[str, Any], opportunity_id: int
) -> None:
    """An interviewer named on a record must be one of the same opportunity's people."""
    interviewer_id = values.get("interviewer_id")
    if interviewer_id is None:
        return
    person = interviewers.get(owner, int(interviewer_id))
    if person.opportunity_id != opportunity_id:
        raise InvalidInput.one("interviewer", f"{person.name} belongs to another opportunity")


class AskedQuestions(_UnderRound, Resource[m.AskedQuestion]):
    model = m.AskedQuestion
    label = "asked question"
    parent_field = "round"
    fields = ("text", "answer_note", "self_rating", "reaction", "follow_up", "interviewer_id")

    def apply(
        self,
        owner: User,
        obj: m.AskedQuestion,
        values: Mapping[str, Any],
        creating: bool,
    ) -> None:
        _check_interviewer(owner, obj, values, obj.round.opportunity_id)
        super().apply(owner, obj, values, creating)


class FeedbackItems(_UnderRound, Resource[m.Feedback]):
    model = m.Feedback
    label = "feedback"
    parent_field = "round"
    fields = ("source", "sender", "text", "received_on")


class Stories(Resource[m.Story]):
    model = m.Story
    label = "story"
    fields = ("title", "situation", "task", "action", "result", "skills", "metrics")
    list_fields = ("skills",)


class Requirements(_UnderOpportunity, Resource[m.Requirement]):
    model = m.Requirement
    label = "requirement"
    parent_field = "opportunity"
    fields = ("text", "kind")


class EvidenceLinks(Resource[m.Evidence]):
    model = m.Evidence
    label = "evidence"
    parent_field = "requirement"
    fields = ("story_id", "note")

    def parent(self, owner: User, parent_id: int) -> m.Requirement:
        return requirements.get(owner, parent_id)

    def apply(
        self, owner: User, obj: m.Evidence, values: Mapping[str, Any], creating: bool
    ) -> None:
        if "story_id" in values:
            stories.get(owner, int(values["story_id"]))
        super().apply(owner, obj, values, creating)


class Attempts(Resource[m.PracticeAttempt]):
    model = m.PracticeAttempt
    label = "practice attempt"
    fields = (
        "opportunity_id",
        "round_id",
        "question_text",
        "answer_text",
        "seconds_taken",
        "analysis",
    )

    def apply(
        self,
        owner: User,
        obj: m.PracticeAttempt,
        values: Mapping[str, Any],
        creating: bool,
    ) -> None:
        values = dict(values)
        if values.get("round_id") is not None:
            round_ = rounds.get(owner, int(values["round_id"]))
            values.setdefault("opportunity_id", round_.opportunity_id)
        if values.get("opportunity_id") is not None:
            opportunities.get(owner, int(values["opportunity_id"]))
        if "analysis" in values and not isinstance(values["analysis"], dict):
            raise InvalidInput.one("analysis", "must be a JSON object", self.label)
        super().apply(owner, obj, values, creating)


class QuestionsToAsk(_UnderRound, Resource[m.QuestionToAsk]):
    model = m.QuestionToAsk
    label = "question to ask"
    parent_field = "round"
    fields = ("text", "asked", "answer_note", "interviewer_id")

    def apply(
        self,
        owner: User,
        obj: m.QuestionToAsk,
        values: Mapping[str, Any],
        creating: bool,
    ) -> None:
        if obj.round is not None:
            _check_interviewer(owner, obj, values, obj.round.opportunity_id)
        super().apply(owner, obj, values, creating)


class FollowUps(_UnderRound, Resource[m.FollowUp]):
    model = m.FollowUp
    label = "follow-up"
    parent_field = "round"
    fields = ("kind", "interviewer_id", "subject", "body", "due_at", "sent_at")

    def apply(
        self, owner: User, obj: m.FollowUp, values: Mapping[str, Any], creating: bool
    ) -> None:
        _check_interviewer(owner, obj, values, obj.round.opportunity_id)
        values = dict(values)
        for name in ("due_at", "sent_at"):
            if isinstance(values.get(name), str):
                values[name] = times.resolve(values[name], "")[0]
        before = (obj.subject, obj.body)
        super().apply(owner, obj, values, creating)
        # Words the person changed are theirs: drafting the notes again keeps them.
        if not creating and (obj.subject, obj.body) != before:
            obj.edited_at = timezone.now()


class Offers(Resource[m.Offer]):
    model = m.Offer
    label = "offer"
    fields = (
        "opportunity_id",
        "is_current_job",
        "label",
        "salary",
        "currency",
        "bonus",
        "equity",
        "benefits",
        "start_date",
        "deadline",
        "decision",
        "ratings",
        "notes",
    )

    def apply(self, owner: User, obj: m.Offer, values: Mapping[str, Any], creating: bool) -> None:
        values = dict(values)
        if values.get("opportunity_id") is not None:
            opportunities.get(owner, int(values["opportunity_id"]))
        if isinstance(values.get("currency"), str):
            values["currency"] = money.code(values["currency"], money.default_currency(owner))
        ratings = values.get("ratings")
        if ratings is not None and not (
            isinstance(ratings, dict)
            and all(isinstance(k, str) and isinstance(v, int | float) for k, v in ratings.items())
        ):
            raise InvalidInput.one("ratings", "must map each criterion to a number", self.label)
        super().apply(owner, obj, values, creating)
        if not obj.opportunity_id and not obj.is_current_job:
            raise InvalidInput.one(
                "opportunity", "an offer needs an opportunity, or mark it as the current job"
            )


opportunities = Opportunities()
rounds = Rounds()
interviewers = Interviewers()
asked_questions = AskedQuestions()
feedback = FeedbackItems()
stories = Stories()
requirements = Requirements()
evidence = EvidenceLinks()
attempts = Attempts()
questions_to_ask = QuestionsToAsk()
follow_ups = FollowUps()
offers = Offers()


# A recording the candidate chose to keep goes with its attempt: deleting the attempt (or the
# account) deletes the file too, whichever path deleted the row.
_RECORDING = re.compile(r"[0-9a-f]{32}\.[a-z0-9]{2,5}")


@receiver(post_delete, sender=m.PracticeAttempt)
def _drop_recording(sender: type[m.PracticeAttempt], instance: m.PracticeAttempt, **_: Any) -> None:
    voice = (instance.analysis or {}).get("voice") if isinstance(instance.analysis, dict) else None
    token = voice.get("recording") if isinstance(voice, dict) else None
    if isinstance(token, str) and _RECORDING.fullmatch(token):
        from nextround import config

        path = config.data_dir() / "voice" / "recordings" / str(instance.owner_id) / token
        path.unlink(missing_ok=True)
