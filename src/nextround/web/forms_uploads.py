"""The invite (.ics) and email (.eml) upload forms: a refusal is named beside its field, and a
file read well is kept (or asked for again) when the page comes back."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from django import forms

from nextround.services import invites
from nextround.web.forms_documents import KeepingFileInput

# A file kept through a refusal travels base64-encoded in a hidden field, inside Django's
# limit on a request's form fields (5 MB): a larger one is asked for again instead.
MAX_KEPT_BYTES = 2_000_000
MAX_KEPT_CHARS = 4 * (MAX_KEPT_BYTES // 3 + 1)

# The ids of the fields, by whether the invite form is the one on a round's page: the
# opportunity page and the round page each have their own.
INVITE_IDS = {False: "invite-%s", True: "invite-%s-round"}
EMAIL_IDS = "email-%s"


@dataclass(frozen=True)
class Upload:
    """The bytes of a chosen file and its name, as sent or as kept from the last sending."""

    data: bytes
    name: str


class KeptUploadInput(KeepingFileInput):
    """An invite or email file kept as its bytes, base64-encoded, within the size kept."""

    marker = "data"

    def parts(self, kept: Upload) -> list[tuple[str, str]]:
        return [("data", base64.b64encode(kept.data).decode("ascii")), ("name", kept.name)]

    def restore(self, parts: dict[str, str]) -> Upload | None:
        encoded, name = parts.get("data", ""), parts.get("name", "")
        if not encoded or not name or len(encoded) > MAX_KEPT_CHARS:
            return None
        try:
            return Upload(base64.b64decode(encoded, validate=True), name[:255])
        except (binascii.Error, ValueError):
            return None


class UploadField(forms.FileField):
    """A file field whose clean value is an Upload, refused beside the field when too large."""

    def __init__(self, *, max_bytes: int, accept: str, **kwargs: Any) -> None:
        self.max_bytes = max_bytes
        kwargs.setdefault("allow_empty_file", True)  # the reader says what is wrong with it
        kwargs.setdefault("widget", KeptUploadInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, Upload):
            return data
        upload = super().clean(data, initial)
        if not upload:
            return None
        name = upload.name or "upload"
        if upload.size is not None and upload.size > self.max_bytes:
            raise forms.ValidationError(
                f"{name}: the file is too large ({upload.size / 1_000_000:.1f} MB; "
                f"the limit is {self.max_bytes / 1_000_000:.1f} MB)"
            )
        return Upload(upload.read(), name)


class UploadForm(forms.Form):
    """A form with a file: refusals named beside their fields, the first one focused."""

    template_name = "nextround/forms/div.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def upload(self) -> Upload | None:
        value = self.cleaned_data.get("file")
        return value if isinstance(value, Upload) else None

    def refuse(self, field: str, message: str) -> None:
        """Name a refusal from the service beside its field."""
        self.add_error(field, message)
        self.settle()

    def full_clean(self) -> None:
        super().full_clean()
        self.settle()

    def settle(self) -> None:
        """Focus the first refused field; keep the file if it was read well, else ask again."""
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)
        refused = next((name for name in self.fields if name in self.errors), None)
        if refused is not None:
            self.fields[refused].widget.attrs["autofocus"] = True
        widget = self.fields["file"].widget
        assert isinstance(widget, KeptUploadInput)
        widget.kept, widget.again = None, False
        if not self.is_bound or not self.errors:
            return
        sent = "file" in self.files or bool(self.data.get("file-kept-data"))
        chosen = self.upload() if hasattr(self, "cleaned_data") else None
        if "file" not in self.errors and chosen is not None and len(chosen.data) <= MAX_KEPT_BYTES:
            widget.kept = chosen
        else:
            widget.again = sent


class InviteForm(UploadForm):
    file = UploadField(
        label="Invite (.ics)",
        max_bytes=invites.MAX_INVITE_BYTES,
        accept=".ics,text/calendar",
        error_messages={"required": "Choose an .ics file to import."},
    )
    anyway = forms.BooleanField(
        label="Import even if the invite looks wrong (no attendees, not UTF-8, no start time)",
        required=False,
    )


class EmailForm(UploadForm):
    file = UploadField(
        label="Email file (.eml)",
        max_bytes=invites.MAX_EMAIL_BYTES,
        accept=".eml,message/rfc822",
        required=False,
    )
    text = forms.CharField(
        label="Or paste the email",
        required=False,
        max_length=invites.MAX_EMAIL_BYTES,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="From:, Date: and Subject: lines at the top are kept as the sender and date.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("file", "Choose an .eml file, or paste the email below.")
        return data
