"""Import a CV (preview, then confirm) and fill in an interviewer from their profile."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nextround.services import cv_import, profile_import
from nextround.services.errors import InvalidInput
from nextround.services.records import interviewers, rounds
from nextround.web.forms_documents import (
    ConfirmCvForm,
    ConfirmProfileForm,
    CvUploadForm,
    ProfileUploadForm,
    capped_uploads,
)
from nextround.web.views.common import found, owner


@capped_uploads
def cv_page(request: HttpRequest) -> HttpResponse:
    """The CV form; a valid upload or paste shows the preview, and nothing is saved yet."""
    form = CvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text, name = form.document_text()
        try:
            preview = cv_import.preview_text(owner(request), text, name)
        except InvalidInput as exc:
            form.add_error("text", " ".join(exc.errors.get("text", [str(exc)])))
        else:
            return render(request, "nextround/cv_preview.html", {"preview": preview})
    status = 400 if form.is_bound else 200
    return render(request, "nextround/cv_import.html", {"form": form}, status=status)


@require_POST
def cv_confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmCvForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The CV preview was incomplete; please choose the file again.")
        return redirect("cv-import")
    data = form.cleaned_data
    try:
        result = cv_import.import_text(
            owner(request), data["text"], data["source_name"], set(data["drafts"])
        )
    except InvalidInput as exc:
        messages.error(request, str(exc))
        return redirect("cv-import")
    messages.success(
        request,
        f"Imported {result.preview.source_name}: {len(result.created)} story drafts added, "
        f"{len(result.skills_added)} skills added to your profile. Complete what each draft "
        "marks 'To complete'.",
    )
    return redirect("stories")


@capped_uploads
def profile_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload or paste an interviewer's profile; a valid one shows what would change."""
    user = owner(request)
    r = found(lambda: rounds.get(user, pk))
    people = interviewers.list(user, r.opportunity_id)
    form = ProfileUploadForm(request.POST or None, request.FILES or None, people=people)
    if request.method == "POST" and form.is_valid():
        text, name = form.document_text()
        person = form.cleaned_data.get("interviewer")
        try:
            facts = profile_import.facts_from_text(text, name)
            planned = profile_import.plan(user, pk, facts, person.pk if person else None)
        except InvalidInput as exc:
            for field, problems in exc.errors.items():
                form.add_error(field if field in form.fields else "file", " ".join(problems))
        else:
            confirm = ConfirmProfileForm(
                initial={
                    "text": facts.text,
                    "source_name": name,
                    "interviewer": person.pk if person else None,
                }
            )
            context = {"plan": planned, "r": r, "confirm": confirm}
            return render(request, "nextround/profile_import_preview.html", context)
    status = 400 if form.is_bound else 200
    context = {"form": form, "r": r}
    return render(request, "nextround/profile_import.html", context, status=status)


@require_POST
def profile_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = owner(request)
    found(lambda: rounds.get(user, pk))
    form = ConfirmProfileForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The profile preview was incomplete; please try again.")
        return redirect("profile-import", pk=pk)
    data = form.cleaned_data
    try:
        facts = profile_import.facts_from_text(data["text"], data["source_name"])
        result = found(lambda: profile_import.apply_facts(user, pk, facts, data["interviewer"]))
    except InvalidInput as exc:
        messages.error(request, str(exc))
        return redirect("profile-import", pk=pk)
    verb = "Added" if result.created else "Updated"
    messages.success(request, f"{verb} {result.interviewer.name} from their profile.")
    return redirect("round", pk=pk)
