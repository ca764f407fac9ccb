"""The records nextround keeps: one model per word of DESIGN.md."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class OwnedModel(models.Model):
    """Base of every record: an owner and when it was created and last changed."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Plain defaults rather than auto_now, so that a backup restores its timestamps exactly.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)


class Stage(models.TextChoices):
    APPLIED = "applied", "Applied"
    INTERVIEWING = "interviewing", "Interviewing"
    CALLBACK = "callback", "Called back"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class DressCode(models.TextChoices):
    UNKNOWN = "unknown", "Not known yet"
    FORMAL = "formal", "Formal (suit)"
    BUSINESS = "business", "Business"
    SMART_CASUAL = "smart-casual", "Smart casual"
    CASUAL = "casual", "Casual"


class Opportunity(OwnedModel):
    company = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    job_description = models.TextField(blank=True)
    jd_source_name = models.CharField("job description file", max_length=255, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.APPLIED)
    location = models.CharField(max_length=200, blank=True)
    url = models.URLField("job advert link", max_length=500, blank=True)
    dress_code = models.CharField(
        max_length=20, choices=DressCode.choices, default=DressCode.UNKNOWN
    )
    consultant_name = models.CharField(max_length=200, blank=True)
    consultant_company = models.CharField(max_length=200, blank=True)
    consultant_email = models.EmailField(max_length=254, blank=True)
    consultant_phone = models.CharField(max_length=50, blank=True)
    notes = models.TextField(blank=True)
    is_sample = models.BooleanField(
        default=False, help_text="Made by nextround to explore; deleting it deletes what it made."
    )

    class Meta:
        verbose_name_plural = "opportunities"
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "stage", "-updated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="opportunity_stage_valid"
            ),
            models.CheckConstraint(condition=~Q(company=""), name="opportunity_company_set"),
            models.CheckConstraint(condition=~Q(role=""), name="opportunity_role_set"),
        ]

    def __str__(self) -> str:
        return f"{self.role} at {self.company}"


class RoundFormat(models.TextChoices):
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    ON_SITE = "on-site", "On site"


class RoundKind(models.TextChoices):
    ONE_TO_ONE = "one-to-one", "One to one"
    PANEL = "panel", "Panel"
    MEET_THE_TEAM = "meet-the-team", "Meet the team"
    TOUR = "tour", "Tour"
    PRESENTATION = "presentation", "Presentation"
    ASSESSMENT = "assessment", "Assessment"


class RoundPurpose(models.TextChoices):
    UNKNOWN = "unknown", "Not known yet"
    SCREENING = "screening", "First screening"
    SHORTLIST = "shortlist", "Shortlist"
    SECOND_OPINION = "second-opinion", "Second opinion by a senior decision-maker"
    DELVE_DEEPER = "delve-deeper", "Delve deeper"
    TEST_COMMITMENT = "test-commitment", "Test commitment"
    MEET_THE_TEAM = "meet-the-team", "Meet the team"
    FINAL = "final", "Final decision"


class RoundStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


class RoundOutcome(models.TextChoices):
    PENDING = "pending", "Waiting to hear"
    PASSED = "passed", "Through to the next step"
    OFFER = "offer", "Offer"
    REJECTED = "rejected", "Not taken forward"
    WITHDREW = "withdrew", "I withdrew"


class Round(OwnedModel):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    scheduled_at = models.DateTimeField(null=True, blank=True)
    timezone = models.CharField(max_length=64, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    format = models.CharField(max_length=20, choices=RoundFormat.choices, default=RoundFormat.VIDEO)
    kind = models.CharField(max_length=20, choices=RoundKind.choices, default=RoundKind.ONE_TO_ONE)
    purpose = models.CharField(
        max_length=20, choices=RoundPurpose.choices, default=RoundPurpose.UNKNOWN
    )
    location = models.CharField("location or address", max_length=300, blank=True)
    link = models.URLField("video link", max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=RoundStatus.choices, default=RoundStatus.PLANNED
    )
    outcome = models.CharField(
        max_length=20, choices=RoundOutcome.choices, default=RoundOutcome.PENDING
    )
    news_expected_on = models.DateField("news expected by", null=True, blank=True)
    calendar_uid = models.CharField("calendar invite id", max_length=300, blank=True)
    calendar_sequence = models.IntegerField(default=0)
    impressed = models.TextField("what seemed to impress", blank=True)
    fell_flat = models.TextField("what fell flat", blank=True)
    notes = models.TextField(blank=True)
    interviewers: models.ManyToManyField[Interviewer, RoundInterviewer] = models.ManyToManyField(
        "Interviewer", through="RoundInterviewer", related_name="rounds"
    )

    class Meta:
        ordering = ["opportunity_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "number"],
                name="round_number_unique",
                violation_error_message="This opportunity already has a round with this number.",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive"),
            models.CheckConstraint(condition=Q(format__in=RoundFormat.values), name="round_format"),
            models.CheckConstraint(condition=Q(kind__in=RoundKind.values), name="round_kind"),
            models.CheckConstraint(
                condition=Q(purpose__in=RoundPurpose.values), name="round_purpose"
            ),
            models.CheckConstraint(condition=Q(status__in=RoundStatus.values), name="round_status"),
            models.CheckConstraint(
                condition=Q(outcome__in=RoundOutcome.values), name="round_outcome"
            ),
        ]
        indexes = [models.Index(fields=["owner", "scheduled_at"])]

    def __str__(self) -> str:
        return f"Round {self.number}"


class Seniority(models.TextChoices):
    UNKNOWN = "unknown", "Not known"
    JUNIOR = "junior", "Junior"
    MID = "mid", "Mid-level"
    SENIOR = "senior", "Senior"
    MANAGER = "manager", "Manager"
    DIRECTOR = "director", "Director"
    EXECUTIVE = "executive", "Executive"


class InterviewerRole(models.TextChoices):
    HIRING_MANAGER = "hiring-manager", "Hiring manager"
    SENIOR_EXECUTIVE = "senior-executive", "Senior executive"
    HR = "hr", "HR / people team"
    TEAM_MEMBER = "team-member", "Team member"
    TECHNICAL = "technical", "Technical specialist"
    CONSULTANT = "consultant", "Recruitment consultant"
    OTHER = "other", "Other"


class Interviewer(OwnedModel):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="interviewers"
    )
    name = models.CharField(max_length=200)
    title = models.CharField("job title", max_length=200, blank=True)
    role = models.CharField(
        "role in the process",
        max_length=20,
        choices=InterviewerRole.choices,
        default=InterviewerRole.OTHER,
    )
    seniority = models.CharField(
        max_length=20, choices=Seniority.choices, default=Seniority.UNKNOWN
    )
    team = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    years_at_company = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    earlier_employers = models.JSONField(default=list, blank=True)
    research_notes = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["opportunity_id", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="interviewer_name_set"),
            models.CheckConstraint(condition=Q(role__in=InterviewerRole.values), name="iv_role"),
            models.CheckConstraint(
                condition=Q(seniority__in=Seniority.values), name="iv_seniority"
            ),
            models.CheckConstraint(
                condition=Q(years_at_company__isnull=True) | Q(years_at_company__gte=0),
                name="iv_years_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoundInterviewer(OwnedModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="panel")
    interviewer = models.ForeignKey(Interviewer, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["round_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "interviewer"], name="round_interviewer_once")
        ]

    def __str__(self) -> str:
        return f"{self.interviewer_id} on round {self.round_id}"


class Reaction(models.TextChoices):
    UNKNOWN = "unknown", "Not sure"
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"


class AskedQuestion(OwnedModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    interviewer = models.ForeignKey(
        Interviewer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField("question")
    answer_note = models.TextField("what I answered", blank=True)
    self_rating = models.PositiveSmallIntegerField(
        "self-rating (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    reaction = models.CharField(
        "interviewer reaction", max_length=20, choices=Reaction.choices, default=Reaction.UNKNOWN
    )
    follow_up = models.TextField("follow-up asked", blank=True)

    class Meta:
        ordering = ["round_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="question_text_set"),
            models.CheckConstraint(
                condition=Q(self_rating__isnull=True) | Q(self_rating__gte=1, self_rating__lte=5),
                name="question_rating_1_to_5",
            ),
            models.CheckConstraint(condition=Q(reaction__in=Reaction.values), name="q_reaction"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class FeedbackSource(models.TextChoices):
    INTERVIEWER = "interviewer", "Interviewer"
    CONSULTANT = "consultant", "Recruitment consultant"
    HR = "hr", "HR / people team"
    OTHER = "other", "Other"


class Feedback(OwnedModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="feedback")
    source = models.CharField(
        max_length=20, choices=FeedbackSource.choices, default=FeedbackSource.OTHER
    )
    sender = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    received_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["round_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="feedback_text_set"),
            models.CheckConstraint(
                condition=Q(source__in=FeedbackSource.values), name="feedback_source"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Story(OwnedModel):
    title = models.CharField(max_length=200)
    situation = models.TextField(blank=True)
    task = models.TextField(blank=True)
    action = models.TextField(blank=True)
    result = models.TextField(blank=True)
    skills = models.JSONField(default=list, blank=True)
    metrics = models.TextField(blank=True)
    # Made with the sample opportunity: offered only to it, and deleted with it.
    is_sample = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["title", "id"]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="story_title_set")]

    def __str__(self) -> str:
        return self.title


class RequirementKind(models.TextChoices):
    MUST = "must", "Must have"
    NICE = "nice", "Nice to have"
    DUTY = "duty", "What the job involves"


class Requirement(OwnedModel):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="requirements"
    )
    text = models.CharField(max_length=500)
    kind = models.CharField(
        max_length=10, choices=RequirementKind.choices, default=RequirementKind.MUST
    )
    stories = models.ManyToManyField(Story, through="Evidence", related_name="requirements")

    class Meta:
        ordering = ["opportunity_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="requirement_text_set"),
            models.CheckConstraint(
                condition=Q(kind__in=RequirementKind.values), name="requirement_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Evidence(OwnedModel):
    """A story that backs a requirement, linked by the candidate."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["requirement_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "story"], name="evidence_once")
        ]

    def __str__(self) -> str:
        return f"story {self.story_id} backs requirement {self.requirement_id}"


class PracticeAttempt(OwnedModel):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, null=True, blank=True, related_name="attempts"
    )
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="attempts"
    )
    question_text = models.TextField("question")
    answer_text = models.TextField("answer", blank=True)
    seconds_taken = models.PositiveIntegerField(null=True, blank=True)
    analysis = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(question_text=""), name="attempt_question_set")
        ]

    def __str__(self) -> str:
        return self.question_text[:80]


class QuestionToAsk(OwnedModel):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="asks"
    )
    interviewer = models.ForeignKey(
        Interviewer, on_delete=models.CASCADE, null=True, blank=True, related_name="asks"
    )
    text = models.TextField("question")
    asked = models.BooleanField(default=False)
    answer_note = models.TextField("what they said", blank=True)

    class Meta:
        verbose_name = "question to ask"
        verbose_name_plural = "questions to ask"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="ask_text_set"),
            models.CheckConstraint(
                condition=Q(round__isnull=False) | Q(interviewer__isnull=False),
                name="ask_has_round_or_interviewer",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUpKind(models.TextChoices):
    THANK_YOU = "thank-you", "Thank-you note"
    CHASER = "chaser", "Chaser"
    CONSULTANT = "consultant", "Note to the consultant"


class FollowUp(OwnedModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="follow_ups")
    interviewer = models.ForeignKey(
        Interviewer, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(
        max_length=20, choices=FollowUpKind.choices, default=FollowUpKind.THANK_YOU
    )
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="No longer needed, e.g. after a decision elsewhere."
    )
    edited_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person changed its words: drafting keeps them."
    )

    class Meta:
        verbose_name = "follow-up"
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FollowUpKind.values), name="followup_kind")
        ]
        indexes = [models.Index(fields=["owner", "sent_at", "due_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for round {self.round_id}"


class Decision(models.TextChoices):
    PENDING = "pending", "Still deciding"
    NEGOTIATING = "negotiating", "Negotiating"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Offer(OwnedModel):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, null=True, blank=True, related_name="offers"
    )
    is_current_job = models.BooleanField(
        default=False, help_text="The job I have now, kept for comparison."
    )
    label = models.CharField(max_length=200, blank=True)
    salary = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, blank=True)
    bonus = models.CharField(max_length=200, blank=True)
    equity = models.CharField(max_length=200, blank=True)
    benefits = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    deadline = models.DateField("reply by", null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    ratings = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opportunity__isnull=False) | Q(is_current_job=True),
                name="offer_has_opportunity_or_is_current_job",
            ),
            models.CheckConstraint(
                condition=Q(salary__isnull=True) | Q(salary__gte=0), name="offer_salary_positive"
            ),
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values), name="offer_decision"
            ),
        ]

    def __str__(self) -> str:
        return self.label or ("Current job" if self.is_current_job else f"Offer {self.pk}")


class Profile(OwnedModel):
    """The candidate: name and addresses for notes and invites, skills, and decision criteria."""

    full_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    other_emails = models.JSONField(default=list, blank=True)
    headline = models.CharField(max_length=300, blank=True)
    skills = models.JSONField(default=list, blank=True)
    cv_text = models.TextField(blank=True)
    decision_criteria = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="one_profile_per_owner")]

    def __str__(self) -> str:
        return self.full_name or f"Profile {self.pk}"


class ChecklistItem(OwnedModel):
    """One step of a round's countdown checklist, ticked off by the candidate."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="checklist")
    key = models.CharField(max_length=100)
    label = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["round_id", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="checklist_key_once_per_round")
        ]

    def __str__(self) -> str:
        return self.label


class ShareRole(models.TextChoices):
    VIEWER = "viewer", "Viewer (can read)"
    COMMENTER = "commenter", "Commenter (can add feedback and notes)"


class Share(OwnedModel):
    """An opportunity shared by its owner with a coach or consultant."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="shares")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shared_with_me"
    )
    role = models.CharField(max_length=20, choices=ShareRole.choices, default=ShareRole.VIEWER)

    class Meta:
        ordering = ["opportunity_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "grantee"], name="share_once"),
            models.CheckConstraint(condition=Q(role__in=ShareRole.values), name="share_role"),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity_id} shared with {self.grantee_id} as {self.role}"


class ApiToken(OwnedModel):
    """A token for the JSON API; only its hash is stored."""

    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=128, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class SignupInvite(OwnedModel):
    """An invitation to create an account when sign-up is invite-only; only its hash is stored."""

    email = models.EmailField(max_length=254, blank=True)
    token_hash = models.CharField(max_length=128, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.email or f"Invite {self.pk}"


class CalendarFeed(OwnedModel):
    """The private address calendar apps poll for the owner's rounds and reminders.

    Only a random key is kept: the address's secret is derived from it with the server's
    secret key, so a copy of the database alone opens no one's calendar.
    """

    key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="one_calendar_feed_per_owner")
        ]

    def __str__(self) -> str:
        return f"Calendar feed {self.pk}"


class FormSubmission(OwnedModel):
    """A create form's one-time token, spent by the record it made (a repeat finds that record).

    The digest of what was sent is part of the key: sending the same form again with other
    words in it is a new record, never a lost one.
    """

    token = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)
    model_label = models.CharField(max_length=100)
    object_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "token", "digest"], name="form_submission_once"
            )
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.model_label} {self.object_id}"


class LoginAttempt(models.Model):
    """A failed sign-in, kept briefly to slow down password guessing across app processes."""

    key = models.CharField(max_length=300, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.key


class Embedding(models.Model):
    """A cached sentence embedding of a text, keyed by the model and the text's hash."""

    model_id = models.CharField(max_length=200)
    text_hash = models.CharField(max_length=64)
    dimensions = models.PositiveIntegerField()
    vector = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model_id", "text_hash"], name="embedding_once")
        ]

    def __str__(self) -> str:
        return f"{self.model_id}:{self.text_hash[:12]}"


class SearchEntry(models.Model):
    """One record's text for search, kept in step with it by services/search_index.py.

    SQLite indexes `title_words` and `body_words` in an FTS5 table beside this one (triggers
    keep it in step); PostgreSQL in a `document` tsvector column computed from them, with a GIN
    index. Both are made by the migration, not declared here.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Who may read the entry: its owner, and the users its opportunity is shared with.
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
