"""Uploads of documents: a size cap while the request is read, and the forms that take them."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, cast, get_args

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from nextround.formats.documents import Document, Kind
from nextround.services import documents
from nextround.services.errors import ServiceError
from nextround.store import models as m

MAX_UPLOAD_BYTES = documents.MAX_DOCUMENT_BYTES
MAX_PASTE_CHARS = 400_000
FILE_HELP = "PDF, Word (.docx), saved web page (.html) or text (.txt, .md); up to 20 MB."


class CappedUpload(SimpleUploadedFile):
    """An uploaded file kept in memory; one over the cap keeps its size and none of its bytes."""

    def __init__(self, name: str, content: bytes, size: int, content_type: str) -> None:
        super().__init__(name, content, content_type)
        self.size = size
        self.over_limit = size > MAX_UPLOAD_BYTES


class CappedUploadHandler(FileUploadHandler):
    """Reads each uploaded file into memory up to the cap, then only counts what is left."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer: io.BytesIO | None = io.BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.buffer is not None:
            if self.received > MAX_UPLOAD_BYTES:
                self.buffer = None  # over the cap: let the memory go, keep counting
            else:
                self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile[bytes]:
        content = self.buffer.getvalue() if self.buffer is not None else b""
        return CappedUpload(
            self.file_name or "upload",
            content,
            self.received,
            self.content_type or "application/octet-stream",
        )


def capped_uploads(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Read the view's uploads with the cap; CSRF is checked after the handlers are set."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.upload_handlers = [CappedUploadHandler(request)]
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapped)


KINDS = frozenset(get_args(Kind))


@dataclass(frozen=True)
class KeptFile:
    """A file read when the form was last sent, sent back as its text so it is not chosen again."""

    text: str
    name: str
    kind: Kind


class KeepingFileInput(forms.FileInput):
    """A file input that, after a refusal elsewhere on the form, keeps the file already read.

    A browser cannot fill in a file input again, so what was read travels in hidden fields
    beside it ("<name>-kept-<part>"), and a line says so; a refused file asks to be chosen
    again. Subclasses say which parts are kept and how they are read back.
    """

    template_name = "nextround/forms/document_input.html"
    # The hidden part whose presence means a file is kept.
    marker = "name"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.kept: Any = None
        self.again = False

    def parts(self, kept: Any) -> list[tuple[str, str]]:
        """The hidden parts that carry `kept` through the next sending."""
        raise NotImplementedError

    def restore(self, parts: dict[str, str]) -> Any:
        """The kept file read back from its hidden parts, or None when they are unusable."""
        raise NotImplementedError

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        upload = super().value_from_datadict(data, files, name)
        if upload:
            return upload
        prefix = f"{name}-kept-"
        parts = {k[len(prefix) :]: v for k, v in data.items() if k.startswith(prefix)}
        return (self.restore(parts) if parts else None) or upload

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return super().value_omitted_from_data(data, files, name) and not data.get(
            f"{name}-kept-{self.marker}"
        )

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["kept"], widget["again"] = self.kept, self.again
        if self.kept is not None:
            widget["kept_fields"] = self.parts(self.kept)
            # The kept file stands for the choice: the empty input must not block sending.
            widget["attrs"].pop("required", None)
        return context


class DocumentInput(KeepingFileInput):
    """A job description or CV file kept as the text read from it."""

    marker = "text"

    def parts(self, kept: KeptFile) -> list[tuple[str, str]]:
        return [("text", kept.text), ("name", kept.name), ("kind", kept.kind)]

    def restore(self, parts: dict[str, str]) -> KeptFile | None:
        text, name, kind = parts.get("text", ""), parts.get("name", ""), parts.get("kind", "")
        if text and name and kind in KINDS and len(text) <= MAX_PASTE_CHARS:
            return KeptFile(text, name[:255], cast(Kind, kind))
        return None


class DocumentField(forms.FileField):
    """A file field whose clean value is the document read from the upload, as Markdown."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_empty_file", True)
        kwargs.setdefault("help_text", FILE_HELP)
        kwargs.setdefault("widget", DocumentInput(attrs={"accept": documents.ACCEPT_ATTRIBUTE}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, KeptFile):
            return Document(data.text, data.kind, None, ()), data.name
        upload = super().clean(data, initial)
        if not upload:
            return None
        return read_upload(upload)


def keep_files(form: forms.BaseForm) -> None:
    """After a refusal, keep each file that was read well, and ask again for one that was not."""
    for name, field in form.fields.items():
        widget = field.widget
        if not isinstance(field, DocumentField) or not isinstance(widget, DocumentInput):
            continue
        widget.kept, widget.again = None, False
        if not form.is_bound or not form.errors:
            continue
        sent = name in form.files or bool(form.data.get(f"{name}-kept-text"))
        chosen = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if name in form.errors:
            widget.again = sent
        elif chosen:
            document, file_name = chosen
            if len(document.text) <= MAX_PASTE_CHARS:
                widget.kept = KeptFile(document.text, file_name, document.kind)
            else:
                widget.again = True


def read_upload(upload: UploadedFile[bytes]) -> tuple[Document, str]:
    """The document in an upload and its file name, or a ValidationError with the reader's line."""
    name = upload.name or "upload"
    if getattr(upload, "over_limit", False):
        raise forms.ValidationError(documents.too_big_message(name, upload.size or 0))
    try:
        data = upload.read()
        return documents.read_upload(data, name), name
    except ServiceError as exc:
        raise forms.ValidationError(str(exc)) from None


class PasteField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_PASTE_CHARS)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        super().__init__(**kwargs)


class FileOrPasteForm(forms.Form):
    """One document, given either as a file or as pasted text."""

    template_name = "nextround/forms/div.html"
    file = DocumentField(label="File")
    text = PasteField(label="Or paste the text")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        keep_files(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("file", "Choose a file, or paste the text below.")
        return data

    def document_text(self) -> tuple[str, str]:
        """The text to read and where it came from (a file name, or empty for pasted text)."""
        upload = self.cleaned_data.get("file")
        if upload:
            document, name = upload
            return document.text, name
        return self.cleaned_data["text"], ""


class CvUploadForm(FileOrPasteForm):
    file = DocumentField(label="Your CV")
    text = PasteField(label="Or paste your CV")


class ProfileUploadForm(FileOrPasteForm):
    file = DocumentField(
        label="Profile file",
        help_text="A profile page saved as PDF (\u201cSave to PDF\u201d), or a saved web page.",
    )
    text = PasteField(label="Or paste the profile text")
    interviewer = forms.ModelChoiceField(
        queryset=m.Interviewer.objects.none(),
        required=False,
        label="Whose profile",
        empty_label="Find by name, or add a new interviewer",
    )

    def __init__(self, *args: Any, people: list[m.Interviewer] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["interviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = m.Interviewer.objects.filter(pk__in=[p.pk for p in people or []])


class ConfirmCvForm(forms.Form):
    """The text read at preview time, sent back with the drafts chosen to import."""

    text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_PASTE_CHARS)
    source_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    drafts = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args: Any, numbers: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["drafts"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(n, str(n)) for n in numbers or range(1, 1001)]


class ConfirmProfileForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_PASTE_CHARS)
    source_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    interviewer = forms.IntegerField(widget=forms.HiddenInput, required=False)
