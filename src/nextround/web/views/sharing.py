"""Share an opportunity with a coach or consultant, revoke it, and see what others shared."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nextround.services import sharing
from nextround.services.errors import InvalidInput
from nextround.store.models import ShareRole
from nextround.web.views.common import found, owner


class ShareForm(forms.Form):
    username = forms.CharField(label="Their username", max_length=150)
    role = forms.ChoiceField(label="They may", choices=ShareRole.choices)


def index(request: HttpRequest) -> HttpResponse:
    """Opportunities other people shared with you."""
    rows = sharing.shared_with_me(owner(request))
    return render(request, "nextround/share_list.html", {"rows": rows})


@require_POST
def add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ShareForm(request.POST)
    panel = found(lambda: sharing.panel(owner(request), pk))
    if form.is_valid():
        data = form.cleaned_data
        try:
            asked = found(
                lambda: sharing.ask_to_share(owner(request), pk, data["username"], data["role"])
            )
        except InvalidInput as exc:
            for field, texts in exc.errors.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
        else:
            messages.success(request, asked.message)
            return redirect(reverse("opportunity", kwargs={"pk": pk}) + "#sharing")
    return render(request, "nextround/share_form.html", {"form": form, "panel": panel}, status=400)


@require_POST
def revoke(request: HttpRequest, share_pk: int) -> HttpResponse:
    opportunity_id = found(lambda: sharing.revoke(owner(request), share_pk))
    return redirect(reverse("opportunity", kwargs={"pk": opportunity_id}) + "#sharing")


@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    found(lambda: sharing.leave(owner(request), pk))
    return redirect("shared")
