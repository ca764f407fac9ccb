"""Forms that turn what a person typed into values for a service, and show its errors in place."""

from __future__ import annotations

import datetime as dt
import secrets
from functools import lru_cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from nextround.services import dates, records, times
from nextround.services.errors import InvalidInput
from nextround.store import models as m
from nextround.web.forms_documents import FILE_HELP, DocumentField, keep_files

LINES_HELP = "One per line."


class DateBox(forms.DateInput):
    """The browser's date box, given its value as it reads it (2026-12-08) whatever the locale:
    a value in the locale's form (08/12/2026) shows as empty, and Save then clears the date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeBox(forms.DateTimeInput):
    """The browser's date-and-time box, given its value as it reads it (2026-12-08T14:00)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _shown_as_typed(form: forms.BaseForm) -> None:
    """A refused date box shows what was typed as text: the browser's box cannot show a day
    that is not in the calendar (2026-02-30) and would look empty beside its error."""
    for name in form.errors:
        field = form.fields.get(name)
        if field is None or not isinstance(field.widget, DateBox | DateTimeBox):
            continue
        sent = str(form[name].value() or "")
        try:
            dt.datetime.strptime(sent, str(field.widget.format))
        except ValueError:
            field.widget.input_type = "text"


def not_a_day(value: object, with_time: bool = False) -> str:
    """Why a typed date (or date and time) is refused, naming what was typed."""
    text = str(value).strip()
    example = "2026-12-08 14:00" if with_time else "2026-12-08"
    what = "date and time" if with_time else "date"
    said = dates.refused_day(text)
    return said or f"\u201c{text}\u201d is not a {what}: give one such as {example}."


class DayField(forms.DateField):
    """A date whose refusal says plainly what is wrong with the day typed."""

    def to_python(self, value: Any) -> dt.date | None:
        try:
            return super().to_python(value)
        except ValidationError as exc:
            if exc.code != "invalid":
                raise
            raise ValidationError(not_a_day(value), code="invalid") from None


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
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", DayField)
    return field.formfield(**kwargs)


class ServiceMeta:
    formfield_callback = _formfield


# The hidden field of a create form that makes sending it twice save it once.
ONCE = "once"
DJANGO_EMPTY = "---------"


def focus_first_error(form: forms.BaseForm, first_focus: str = "") -> None:
    """The page shown again after a refusal opens on the first field named in it."""
    for field in form.fields.values():
        field.widget.attrs.pop("autofocus", None)
    refused = next((name for name in form.fields if name in form.errors), None)
    if refused is None:
        refused = first_focus or None
    if refused is not None:
        form.fields[refused].widget.attrs["autofocus"] = True


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    """A ModelForm used only to read and show values: saving always goes through a service."""

    # What an empty choice says in each select, instead of Django's "---------".
    empty_labels: dict[str, str] = {}
    # A create form carries a one-time token: sent again (Back then Save, a double click) it
    # finds what the first sending saved instead of saving a copy.
    one_time = True
    # The field a page with this form alone opens on, when no field was refused.
    first_focus = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = self.empty_labels.get(name, "Choose\u2026")
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DJANGO_EMPTY:
                    field.empty_label = label
            elif isinstance(field, forms.ChoiceField):
                choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
                if choices and choices[0][0] in ("", None) and choices[0][1] == DJANGO_EMPTY:
                    field.choices = [("", label), *choices[1:]]
        if self.one_time and self.instance.pk is None:
            self.fields[ONCE] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=secrets.token_urlsafe(18)
            )

    template_name = "nextround/forms/div.html"

    def values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values.pop(ONCE, None)
        return values

    def same_words(self, fields: dict[str, list[str]]) -> dict[str, list[str]]:
        """What was sent, as compared with an earlier sending to tell a repeat (Back, Save)."""
        return fields

    def token(self) -> str:
        """The one-time token sent with the form ("" for an edit)."""
        return str(self.cleaned_data.get(ONCE) or "")[:64] if ONCE in self.fields else ""

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            target = field if field in self.fields else None
            if field.endswith("_id") and field[:-3] in self.fields:
                target = field[:-3]
            for message in messages:
                self.add_error(target, message)
        self.focus_first_error()
        keep_files(self)
        _shown_as_typed(self)

    def full_clean(self) -> None:
        super().full_clean()
        self.focus_first_error()
        keep_files(self)
        _shown_as_typed(self)

    def focus_first_error(self) -> None:
        focus_first_error(self, self.first_focus)


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
        if self.instance.pk is None and not (kwargs.get("initial") or {}).get("stage"):
            # Where the service starts a new opportunity, not the model's "Applied".
            self.initial["stage"] = records.NEW_STAGE
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


ZoneChoices = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


def zone_choices() -> ZoneChoices:
    """Every place's time zone by region, each named by its place and its clocks today:
    ("Europe", (("Europe/London", "London, Britain (UK) \u2014 UTC+00:00"), ...))."""
    return _zone_choices(dt.date.today())


@lru_cache(maxsize=2)
def _zone_choices(day: dt.date) -> ZoneChoices:
    # Named on the day shown: an offset changes with summer time.
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    grouped: dict[str, list[tuple[str, str]]] = {}
    for place in times.places():
        alone = place.country in ("", place.city)  # "Andorra", not "Andorra, Andorra"
        where = place.city if alone else f"{place.city}, {place.country}"
        label = f"{where} \u2014 {times.offset_words(place.name, noon)}"
        grouped.setdefault(place.region, []).append((place.name, label))
    groups = [(region, tuple(grouped[region])) for region in times.REGIONS if region in grouped]
    return (("Universal", (("UTC", "UTC"),)), *groups)


class TimeZoneField(forms.ChoiceField):
    """A select of every place's time zone by region; any other zone the database knows (an old
    alias such as "US/Eastern", an offset such as +01:00) is accepted and kept as given."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": "\u201c%(value)s\u201d is not a time zone: choose one from "
                "the list."
            },
        )
        super().__init__(choices=zone_choices, **kwargs)

    def keep(self, name: str) -> None:
        """Offer a zone the list lacks (an offset such as +01:00, or an old name), first."""
        listed = {value for _, group in zone_choices() for value, _ in group}
        if not name or name in listed:
            return
        try:
            times.check_zone(name)
        except InvalidInput:
            return
        self.choices = [(name, f"{name} (as given)"), *zone_choices()]


class RoundForm(ServiceForm):
    scheduled_at = forms.CharField(
        label="Date and time",
        required=False,
        widget=DateTimeBox(),
    )
    timezone = TimeZoneField(
        label="Time zone",
        required=False,
        help_text="The zone the date and time are in; this machine's zone unless you change it.",
    )

    class Meta(ServiceMeta):
        model = m.Round
        # The same fields the rounds service accepts, in the same order.
        fields = list(records.rounds.fields)
        widgets = {
            "news_expected_on": DateBox(),
            "impressed": forms.Textarea(attrs={"rows": 3}),
            "fell_flat": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    # The number the new-round form offered: a number left as offered is "the next one".
    OFFERED = "number_offered"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        instance: m.Round | None = kwargs.get("instance")
        if instance is None and self.initial.get("number"):
            self.fields[self.OFFERED] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=self.initial["number"]
            )
        if instance is not None and instance.scheduled_at and not self.is_bound:
            shown = times.in_zone(instance.scheduled_at, instance.timezone)
            self.initial["scheduled_at"] = shown.strftime("%Y-%m-%dT%H:%M")
        if not self.initial.get("timezone"):
            # This machine's zone as the list names it ("Etc/UTC" is UTC, "GB" Europe/London).
            self.initial["timezone"] = times.listed_zone(times.local_zone_name())
        zone_field = self.fields["timezone"]
        assert isinstance(zone_field, TimeZoneField)
        given = self.data.get("timezone") if self.is_bound else self.initial.get("timezone")
        zone_field.keep(str(given or ""))

    def clean_scheduled_at(self) -> str:
        text = str(self.cleaned_data.get("scheduled_at") or "").strip()
        if text and not dates.refused_day(text):
            try:
                times.parse(text)
            except InvalidInput:
                pass
            else:
                return text
        if text:
            raise ValidationError(not_a_day(text, with_time=True))
        return text

    def values(self) -> dict[str, Any]:
        values = super().values()
        values.pop(self.OFFERED, None)
        if values.get("number") is None:
            values.pop("number", None)
        return values

    def same_words(self, fields: dict[str, list[str]]) -> dict[str, list[str]]:
        # Back fetches the form again offering the next number, one more than the first time:
        # a number left as offered is the same words, whatever the number.
        fields = dict(fields)
        offered = fields.pop(self.OFFERED, None)
        if offered is not None and fields.get("number") == offered:
            fields["number"] = [""]
        return fields


class ImpressionsForm(ServiceForm):
    """What impressed and what fell flat in a round: the two notes alone, not the whole round."""

    one_time = False
    first_focus = "impressed"

    class Meta(ServiceMeta):
        model = m.Round
        fields = ["impressed", "fell_flat"]
        labels = {"impressed": "What seemed to impress", "fell_flat": "What fell flat"}
        widgets = {
            "impressed": forms.Textarea(attrs={"rows": 4}),
            "fell_flat": forms.Textarea(attrs={"rows": 4}),
        }


# Said when a person is added with no role chosen: nobody is filed as "Other" unasked.
NO_ROLE = "Choose their role in the process: Other if none of these fits."


class InterviewerForm(ServiceForm):
    earlier_employers = LinesField(required=False, help_text=LINES_HELP)
    links = LinesField(required=False, help_text="Web pages about them, one per line.")
    role = forms.ChoiceField(
        label="Role in the process",
        choices=[("", "Choose a role\u2026"), *m.InterviewerRole.choices],
        error_messages={"required": NO_ROLE, "invalid_choice": NO_ROLE},
    )

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not (kwargs.get("initial") or {}).get("role"):
            # A new person starts with no role, not the model's "Other".
            self.initial["role"] = ""


class AskedQuestionForm(ServiceForm):
    empty_labels = {"interviewer": "Not noted"}
    interviewer = forms.ModelChoiceField(
        queryset=m.Interviewer.objects.none(), required=False, label="Asked by"
    )
    self_rating = forms.TypedChoiceField(
        label="My rating",
        choices=[("", "Not rated"), *[(str(i), str(i)) for i in range(1, 6)]],
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
            "received_on": DateBox(),
            "text": forms.Textarea(attrs={"rows": 4}),
        }


class QuestionToAskForm(ServiceForm):
    empty_labels = {"interviewer": "Anyone on the panel"}
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
