"""Forms that turn what a person typed into values for a service, and show its errors in place."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from nextround.services import records, times
from nextround.store import models as m
from nextround.web.forms_documents import FILE_HELP, DocumentField

LINES_HELP = "One per line."


class LinesField(forms.CharField):
    """A list edited as text, one item per line; the service splits and checks it."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value


def _formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ServiceMeta:
    formfield_callback = _formfield


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    """A ModelForm used only to read and show values: saving always goes through a service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    template_name = "nextround/forms/div.html"

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            target = field if field in self.fields else None
            if field.endswith("_id") and field[:-3] in self.fields:
                target = field[:-3]
            for message in messages:
                self.add_error(target, message)
        self.focus_first_error()

    def full_clean(self) -> None:
        super().full_clean()
        self.focus_first_error()

    def focus_first_error(self) -> None:
        """The page shown again after a refusal opens on the first field named in it."""
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)
        refused = next((name for name in self.fields if name in self.errors), None)
        if refused is not None:
            self.fields[refused].widget.attrs["autofocus"] = True


class OpportunityForm(ServiceForm):
    jd_file = DocumentField(
        label="Job description file",
        help_text=FILE_HELP + " Its text replaces the job description above.",
    )

    class Meta(ServiceMeta):
        model = m.Opportunity
        fields = [
            "company",
            "role",
            "stage",
            "job_description",
            "jd_file",
            "location",
            "url",
            "dress_code",
            "consultant_name",
            "consultant_company",
            "consultant_email",
            "consultant_phone",
            "notes",
        ]
        widgets = {
            "job_description": forms.Textarea(attrs={"rows": 10}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "job_description": "Paste the advert, or choose its file below; requirements are "
            "read from it."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What reading an uploaded file found, to show once the opportunity is saved.
        self.upload_notes: list[str] = []

    def values(self) -> dict[str, Any]:
        """The fields to save: an uploaded job description replaces the pasted one."""
        values = super().values()
        upload = values.pop("jd_file", None)
        if upload:
            document, name = upload
            values["job_description"] = document.text
            values["jd_source_name"] = name[:255]
            pages = f", {document.pages} page{'' if document.pages == 1 else 's'}"
            words = len(document.text.split())
            self.upload_notes = [
                f"Read {words:,} words from {name} ({document.kind}"
                f"{pages if document.pages else ''}).",
                *document.warnings,
            ]
        return values


class RoundForm(ServiceForm):
    scheduled_at = forms.CharField(
        label="Date and time",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    timezone = forms.CharField(
        label="Time zone",
        required=False,
        help_text="For example Europe/London or America/New_York.",
    )

    class Meta(ServiceMeta):
        model = m.Round
        # The same fields the rounds service accepts, in the same order.
        fields = list(records.rounds.fields)
        widgets = {
            "news_expected_on": forms.DateInput(attrs={"type": "date"}),
            "impressed": forms.Textarea(attrs={"rows": 3}),
            "fell_flat": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        instance: m.Round | None = kwargs.get("instance")
        if instance is not None and instance.scheduled_at and not self.is_bound:
            shown = times.in_zone(instance.scheduled_at, instance.timezone)
            self.initial["scheduled_at"] = shown.strftime("%Y-%m-%dT%H:%M")
        elif not self.initial.get("timezone"):
            self.initial["timezone"] = times.local_zone_name()

    def values(self) -> dict[str, Any]:
        values = super().values()
        if values.get("number") is None:
            values.pop("number", None)
        return values


class InterviewerForm(ServiceForm):
    earlier_employers = LinesField(required=False, help_text=LINES_HELP)
    links = LinesField(required=False, help_text="Web pages about them, one per line.")

    class Meta(ServiceMeta):
        model = m.Interviewer
        fields = [
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
        ]
        widgets = {"research_notes": forms.Textarea(attrs={"rows": 3})}


class AskedQuestionForm(ServiceForm):
    interviewer = forms.ModelChoiceField(
        queryset=m.Interviewer.objects.none(), required=False, label="Asked by"
    )
    self_rating = forms.TypedChoiceField(
        label="My rating",
        choices=[("", "—"), *[(str(i), str(i)) for i in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="1 poor to 5 strong.",
    )

    class Meta(ServiceMeta):
        model = m.AskedQuestion
        fields = ["text", "answer_note", "self_rating", "reaction", "follow_up", "interviewer"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "answer_note": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 1}),
        }

    def __init__(self, *args: Any, people: list[m.Interviewer] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        ids = [p.pk for p in people or []]
        field = self.fields["interviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = m.Interviewer.objects.filter(pk__in=ids)

    def values(self) -> dict[str, Any]:
        values = super().values()
        person = values.pop("interviewer", None)
        values["interviewer_id"] = person.pk if person else None
        return values


class FeedbackForm(ServiceForm):
    class Meta(ServiceMeta):
        model = m.Feedback
        fields = ["source", "sender", "received_on", "text"]
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 4}),
        }


class QuestionToAskForm(ServiceForm):
    interviewer = forms.ModelChoiceField(
        queryset=m.Interviewer.objects.none(), required=False, label="For"
    )

    class Meta(ServiceMeta):
        model = m.QuestionToAsk
        fields = ["text", "interviewer"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, people: list[m.Interviewer] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["interviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = m.Interviewer.objects.filter(pk__in=[p.pk for p in people or []])

    def values(self) -> dict[str, Any]:
        values = super().values()
        person = values.pop("interviewer", None)
        values["interviewer_id"] = person.pk if person else None
        return values


class StoryForm(ServiceForm):
    skills = LinesField(required=False, help_text="Skills this story shows, one per line.")

    class Meta(ServiceMeta):
        model = m.Story
        fields = ["title", "situation", "task", "action", "result", "metrics", "skills"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("situation", "task", "action", "result")
        } | {"metrics": forms.Textarea(attrs={"rows": 2})}


class RequirementForm(ServiceForm):
    class Meta(ServiceMeta):
        model = m.Requirement
        fields = ["text", "kind"]
        labels = {"text": "Requirement"}
