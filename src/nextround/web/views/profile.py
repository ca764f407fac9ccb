"""The profile page: the name that signs notes, addresses, and decision criteria."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nextround.services import profile as profiles
from nextround.services.errors import InvalidInput
from nextround.web.views.common import owner


class ProfileForm(forms.Form):
    template_name = "nextround/forms/div.html"
    full_name = forms.CharField(label="Full name", max_length=200, required=False)
    email = forms.EmailField(label="Email", required=False)
    other_emails = forms.CharField(
        label="Other email addresses",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line: invites sent to these are recognised as yours.",
    )
    new_criterion = forms.CharField(label="Add a criterion", max_length=80, required=False)
    new_weight = forms.FloatField(label="Its weight", min_value=0, max_value=100, required=False)


def page(request: HttpRequest) -> HttpResponse:
    user = owner(request)
    profile = profiles.get(user)
    criteria = profiles.criteria_views(user)
    initial = {
        "full_name": profile.full_name,
        "email": profile.email,
        "other_emails": "\n".join(profile.other_emails),
    }
    form = ProfileForm(request.POST or None, initial=initial, label_suffix="")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        weights = {
            c.key: request.POST.get(f"weight-{c.key}", c.weight)
            for c in criteria
            if f"weight-{c.key}" in request.POST
        }
        labels: dict[str, str] = {}
        if data["new_criterion"].strip():
            key = profiles.slug(data["new_criterion"])
            weights[key] = data["new_weight"] if data["new_weight"] is not None else 1
            labels[key] = data["new_criterion"].strip()
        try:
            profiles.update(
                user,
                full_name=data["full_name"],
                email=data["email"],
                other_emails=data["other_emails"],
                weights={k: profiles.parse_criteria([f"{k}={v}"])[k] for k, v in weights.items()},
                labels=labels,
                remove=request.POST.getlist("remove"),
            )
        except InvalidInput as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Profile saved.")
            return redirect("profile")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "nextround/profile_page.html",
        {"form": form, "criteria": criteria},
        status=status,
    )
