"""Follow-ups of a round (drafts, mailto links, .eml files, sent), and invites and emails in."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nextround.services import followups, invites
from nextround.services.errors import ServiceError
from nextround.services.records import follow_ups, rounds
from nextround.web.views import identity as identity_views
from nextround.web.views.common import found, owner


class NoteForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=300, required=False)
    body = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 10}))


def page(request: HttpRequest, pk: int) -> HttpResponse:
    view = found(lambda: followups.page(owner(request), pk))
    forms_by_id = {
        d.id: NoteForm(
            initial={"subject": d.follow_up.subject, "body": d.follow_up.body},
            auto_id=f"note-{d.id}-%s",
            label_suffix="",
        )
        for d in view.drafts
    }
    drafts = [(d, forms_by_id[d.id]) for d in view.drafts]
    return render(request, "nextround/followup_page.html", {"page": view, "drafts": drafts})


def _back(round_pk: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("followups", kwargs={"pk": round_pk}) + anchor)


@require_POST
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    kind = request.POST.get("kind", "thank-you")
    try:
        made = found(lambda: followups.draft_notes(owner(request), pk, kind))
    except ServiceError as exc:
        messages.error(request, f"Could not draft: {exc}")
    else:
        n = len(made.written)
        messages.success(request, f"Drafted {n} note{'s' if n != 1 else ''}.")
        for reason in made.skipped:
            messages.info(request, reason)
    return _back(pk)


@require_POST
def edit(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = found(lambda: follow_ups.get(owner(request), item_pk))
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            followups.edit(owner(request), item_pk, **form.cleaned_data)
            messages.success(request, "Note saved.")
        except ServiceError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "The note is empty: nothing was saved.")
    return _back(item.round_id, f"#note-{item_pk}")


@require_POST
def sent(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = found(lambda: followups.mark_sent(owner(request), item_pk))
    messages.success(request, "Marked sent.")
    return _back(item.round_id, f"#note-{item_pk}")


def eml(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = found(lambda: follow_ups.owned(owner(request), item_pk))  # drafts are the owner's
    try:
        name, data = followups.eml_draft(owner(request), item_pk)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return _back(item.round_id, f"#note-{item_pk}")
    response = HttpResponse(data, content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _upload(request: HttpRequest, limit: int) -> tuple[bytes, str] | None:
    upload = request.FILES.get("file")
    if upload is None:
        return None
    name = upload.name or "upload"
    if upload.size is not None and upload.size > limit:
        raise invites.FileProblem(
            f"{name}: the file is too large ({upload.size / 1_000_000:.1f} MB; "
            f"the limit is {limit / 1_000_000:.1f} MB)"
        )
    return upload.read(), name


@require_POST
def import_invite(request: HttpRequest, pk: int, round_pk: int | None = None) -> HttpResponse:
    """An .ics upload from the opportunity page (new round) or a round page (that round)."""
    user = owner(request)
    target = reverse("round", kwargs={"pk": round_pk}) if round_pk else None
    try:
        got = _upload(request, invites.MAX_INVITE_BYTES)
        if got is None:
            raise invites.FileProblem("choose an .ics file to import")
        data, name = got
        result = found(
            lambda: invites.import_invite(
                user, pk, data, name=name, round_id=round_pk, anyway="anyway" in request.POST
            )
        )
    except ServiceError as exc:
        messages.error(request, f"Invite not imported: {exc}")
        return redirect(target or reverse("opportunity", kwargs={"pk": pk}))
    messages.success(request, identity_views.import_message(result))
    for note in result.notes:
        messages.info(request, f"Note: {note}")
    return redirect("round", pk=result.round.pk)


@require_POST
def import_invite_round(request: HttpRequest, round_pk: int) -> HttpResponse:
    round_ = found(lambda: rounds.get(owner(request), round_pk))
    return import_invite(request, round_.opportunity_id, round_pk)


@require_POST
def import_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """Feedback from an uploaded .eml file or a pasted email."""
    user = owner(request)
    found(lambda: rounds.get(user, pk))
    text = request.POST.get("text", "")
    try:
        got = _upload(request, invites.MAX_EMAIL_BYTES)
        if got is not None:
            result = invites.import_email_file(user, pk, got[0], got[1])
        elif text.strip():
            result = invites.import_email_text(user, pk, text)
        else:
            raise invites.FileProblem("choose an .eml file or paste the email")
    except ServiceError as exc:
        messages.error(request, f"Email not imported: {exc}")
    else:
        messages.success(request, result.message)
    return redirect(reverse("round", kwargs={"pk": pk}) + "#feedback")
