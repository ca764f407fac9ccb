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
from nextround.services.records import follow_ups, opportunities, rounds
from nextround.web.forms_uploads import EMAIL_IDS, INVITE_IDS, EmailForm, InviteForm
from nextround.web.views import identity as identity_views
from nextround.web.views import opportunities as opportunity_views
from nextround.web.views import rounds as rounds_views
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


def _refused(request: HttpRequest, form: InviteForm, pk: int, round_pk: int | None) -> HttpResponse:
    """The page the invite was sent from, again, with the refusal beside its field."""
    if round_pk is not None:
        return rounds_views.page_response(request, round_pk, {"invite": form}, status=400)
    return opportunity_views.page_response(request, pk, invite_form=form, status=400)


@require_POST
def import_invite(request: HttpRequest, pk: int, round_pk: int | None = None) -> HttpResponse:
    """An .ics upload from the opportunity page (new round) or a round page (that round)."""
    user = owner(request)
    found(lambda: opportunities.get(user, pk))
    form = InviteForm(request.POST, request.FILES, auto_id=INVITE_IDS[round_pk is not None])
    upload = form.upload() if form.is_valid() else None
    if upload is None:
        return _refused(request, form, pk, round_pk)
    anyway = bool(form.cleaned_data["anyway"])
    try:
        result = found(
            lambda: invites.import_invite(
                user, pk, upload.data, name=upload.name, round_id=round_pk, anyway=anyway
            )
        )
    except invites.Doubtful as exc:
        # Only the "Import even if the invite looks wrong" box is missing.
        doubts = f"{upload.name}: " + "; ".join(exc.doubts)
        form.refuse("anyway", f"Not imported yet: {doubts}. Tick this box to import it anyway.")
        return _refused(request, form, pk, round_pk)
    except ServiceError as exc:
        form.refuse("file", f"Invite not imported: {exc}")
        return _refused(request, form, pk, round_pk)
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
    form = EmailForm(request.POST, request.FILES, auto_id=EMAIL_IDS)
    if form.is_valid():
        upload, text = form.upload(), form.cleaned_data["text"]
        try:
            if upload is not None:
                result = invites.import_email_file(user, pk, upload.data, upload.name)
            else:
                result = invites.import_email_text(user, pk, text)
        except ServiceError as exc:
            form.refuse("file" if upload is not None else "text", f"Email not imported: {exc}")
        else:
            messages.success(request, result.message)
            return redirect(reverse("round", kwargs={"pk": pk}) + "#feedback")
    return rounds_views.page_response(request, pk, {"email": form}, status=400)
