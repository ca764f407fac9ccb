"""The offers page: record offers, the weighted decision matrix, the reply script, decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from nextround.services import offers
from nextround.services.errors import ServiceError
from nextround.services.records import offers as offer_records
from nextround.store import models as m
from nextround.web.forms import ServiceForm, ServiceMeta
from nextround.web.views.common import found, owner, save


class OfferForm(ServiceForm):
    opportunity = forms.ModelChoiceField(
        queryset=m.Opportunity.objects.none(), required=False, label="Opportunity"
    )

    class Meta(ServiceMeta):
        model = m.Offer
        fields = [
            "opportunity",
            "is_current_job",
            "label",
            "salary",
            "currency",
            "bonus",
            "equity",
            "benefits",
            "start_date",
            "deadline",
            "notes",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "benefits": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"is_current_job": "This is my current job"}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["opportunity"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = m.Opportunity.objects.filter(owner=user)

    def values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        chosen = values.pop("opportunity", None)
        values["opportunity_id"] = chosen.pk if chosen else None
        return values


def _ratings(request: HttpRequest) -> dict[int, dict[str, str]]:
    found_: dict[int, dict[str, str]] = {}
    for name in request.POST:
        parts = name.split("-", 2)
        if len(parts) == 3 and parts[0] == "rating" and parts[1].isdigit():
            found_.setdefault(int(parts[1]), {})[parts[2]] = request.POST.get(name, "")
    return found_


def page(request: HttpRequest) -> HttpResponse:
    user = owner(request)
    form = OfferForm(request.POST or None, user=user)
    if request.method == "POST":
        created = save(form, lambda v: offer_records.create(user, **v))
        if created is not None:
            messages.success(request, f"Recorded {offers.label(created)}.")
            return redirect("offers")
    matrix = offers.compare(user)
    status = 400 if form.errors else 200
    context = {"matrix": matrix, "form": form, "declined": offers.declined(user)}
    return render(request, "nextround/offer_page.html", context, status=status)


@require_POST
def update_matrix(request: HttpRequest) -> HttpResponse:
    weights = {
        k.removeprefix("weight-"): request.POST.get(k, "")
        for k in request.POST
        if k.startswith("weight-")
    }
    try:
        found(lambda: offers.save_matrix(owner(request), weights, _ratings(request)))
    except ServiceError as exc:
        messages.error(request, f"Nothing saved: {exc}")
    else:
        messages.success(request, "Matrix updated.")
    return redirect("offers")


def script(request: HttpRequest, pk: int) -> HttpResponse:
    reply_by = None
    raw = request.GET.get("reply_by", "")
    error = ""
    try:
        reply_by = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        error = f"{raw!r} is not a date: choose a day in the date box."
    reason = request.GET.get("reason", "") or "family"
    try:
        result = found(lambda: offers.script(owner(request), pk, reply_by, reason))
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("offers")
    return render(request, "nextround/offer_script.html", {"s": result, "error": error})


def _ids(request: HttpRequest, name: str) -> list[int]:
    return [int(v) for v in request.POST.getlist(name) if v.isdigit()]


@require_safe
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Before accepting: the other offers to decline and the processes to withdraw from."""
    try:
        around = found(lambda: offers.elsewhere(owner(request), pk))
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("offers")
    return render(request, "nextround/offer_accept.html", {"e": around})


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    choice = request.POST.get("decision")
    if choice not in ("accept", "decline"):
        messages.error(request, "Choose accept or decline.")
        return redirect("offers")
    decline = withdraw = None
    try:
        if choice == "accept" and request.POST.get("confirmed"):
            decline, withdraw = _ids(request, "decline"), _ids(request, "withdraw")
        elif choice == "accept" and not found(lambda: offers.elsewhere(owner(request), pk)).empty:
            return redirect("offer-accept", pk=pk)
        result = found(
            lambda: offers.decide(
                owner(request), pk, choice == "accept", decline=decline, withdraw=withdraw
            )
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, result.message)
    return redirect("offers")
