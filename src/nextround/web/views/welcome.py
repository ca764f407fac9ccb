"""The first-run page: who you are, what nextround does, and a sample opportunity to explore."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nextround.services import profile as profiles
from nextround.services import sample
from nextround.services.errors import InvalidInput
from nextround.web.forms import focus_first_error
from nextround.web.views.common import owner


class WhoForm(forms.Form):
    """Your name and email: both may be left empty and given later in your profile."""

    template_name = "nextround/forms/div.html"
    full_name = forms.CharField(
        label="Your name",
        max_length=200,
        required=False,
        help_text="It signs your thank-you notes.",
    )
    email = forms.EmailField(
        label="Your email",
        required=False,
        help_text="Invites sent to it never list you as your own interviewer.",
    )

    def full_clean(self) -> None:
        super().full_clean()
        focus_first_error(self)


# Set when the welcome page has been shown in this browser: from then on the dashboard opens
# on the (empty) board rather than sending the person back here. Only a cookie: a read
# stores nothing.
WELCOMED_COOKIE = "nextround_welcomed"
WELCOMED_FOR = 365 * 24 * 3600


def has_seen_welcome(request: HttpRequest) -> bool:
    return request.COOKIES.get(WELCOMED_COOKIE) == str(owner(request).pk)


def welcome(request: HttpRequest) -> HttpResponse:
    user = owner(request)
    profile = profiles.get(user)
    form = WhoForm(request.POST or None, label_suffix="")
    if request.method == "POST" and form.is_valid():
        name, email = form.cleaned_data["full_name"].strip(), form.cleaned_data["email"]
        try:
            if name or email:
                profiles.update(user, full_name=name or None, email=email or None)
                messages.success(request, "Saved: nextround knows who you are.")
        except InvalidInput as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(reverse("welcome") + "#start")
    context = {
        "has_sample": sample.has_sample(user),
        "profile": profile,
        "who_form": form,
        "ask_who": not (profile.full_name or profile.email) or form.is_bound,
    }
    response = render(
        request, "nextround/welcome.html", context, status=400 if form.is_bound else 200
    )
    response.set_cookie(
        WELCOMED_COOKIE,
        str(user.pk),
        max_age=WELCOMED_FOR,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_POST
def create_sample(request: HttpRequest) -> HttpResponse:
    opp = sample.create_sample(owner(request))
    return redirect("opportunity", pk=opp.pk)
