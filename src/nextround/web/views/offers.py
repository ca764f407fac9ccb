"""The offers page: record offers, the weighted decision matrix, the reply script, decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from nextround.services import decisions, money, offers
from nextround.services.errors import InvalidInput, ServiceError
from nextround.services.records import offers as offer_records
from nextround.store import models as m
from nextround.web.forms import DateBox, ServiceForm, ServiceMeta
from nextround.web.views.common import found, owner, save

# The choice in the Opportunity menu that records the job the person has now.
CURRENT_JOB = "current"
NO_CHOICE = "Choose the opportunity the offer is from, or your current job."


class OfferForm(ServiceForm):
    # One menu says what the offer is: an opportunity's, or the current job to weigh them against.
    opportunity = forms.ChoiceField(
        label="Opportunity",
        help_text="Or your current job, to weigh the offers against it.",
        error_messages={"required": NO_CHOICE, "invalid_choice": NO_CHOICE},
    )
    currency = forms.CharField(
        required=False,
        max_length=40,
        help_text="A code such as GBP or EUR, or a symbol such as \u00a3 or \u20ac.",
    )

    class Meta(ServiceMeta):
        model = m.Offer
        fields = [
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
            "start_date": DateBox(),
            "deadline": DateBox(),
            "benefits": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["opportunity"]
        assert isinstance(field, forms.ChoiceField)
        choices = [(str(o.pk), str(o)) for o in m.Opportunity.objects.filter(owner=user)]
        field.choices = [("", "Choose\u2026"), (CURRENT_JOB, "My current job"), *choices]
        # The field comes first, as the question the rest of the form answers.
        self.order_fields(["opportunity"])
        offer = self.instance
        if offer.pk is not None and not self.is_bound:
            self.initial["opportunity"] = (
                CURRENT_JOB if offer.is_current_job else str(offer.opportunity_id or "")
            )
        # The currency of the offers so far, else this machine's country's.
        self.default_currency = money.default_currency(user) if user is not None else ""
        if not self.is_bound and not self.initial.get("currency"):
            self.initial["currency"] = self.default_currency

    def clean_currency(self) -> str:
        try:
            return money.code(self.cleaned_data.get("currency") or "", self.default_currency)
        except InvalidInput as exc:
            raise forms.ValidationError(exc.errors["currency"]) from None

    def values(self) -> dict[str, Any]:
        values = super().values()
        chosen = str(values.pop("opportunity", "") or "")
        values["is_current_job"] = chosen == CURRENT_JOB
        values["opportunity_id"] = int(chosen) if chosen.isdigit() else None
        return values


def _ratings(request: HttpRequest) -> dict[int, dict[str, str]]:
    found_: dict[int, dict[str, str]] = {}
    for name in request.POST:
        parts = name.split("-", 2)
        if len(parts) == 3 and parts[0] == "rating" and parts[1].isdigit():
            found_.setdefault(int(parts[1]), {})[parts[2]] = request.POST.get(name, "")
    return found_


def _check_deadline(request: HttpRequest, offer: m.Offer) -> None:
    """A reply-by date already gone is saved, with a word to check it."""
    warning = offers.deadline_passed(offer)
    if warning:
        messages.warning(request, warning)


def page(request: HttpRequest) -> HttpResponse:
    user = owner(request)
    form = OfferForm(request.POST or None, user=user)
    if request.method == "POST":
        created = save(form, lambda v: offer_records.create(user, **v), request)
        if created is not None:
            messages.success(request, f"Recorded {offers.label(created)}.")
            _check_deadline(request, created)
            return redirect("offers")
    matrix = offers.compare(user)
    status = 400 if form.errors else 200
    context = {"matrix": matrix, "form": form, "declined": decisions.declined(user)}
    return render(request, "nextround/offer_page.html", context, status=status)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an offer as recorded; each refusal is named beside its field."""
    user = owner(request)
    offer = found(lambda: offer_records.owned(user, pk))
    form = OfferForm(request.POST or None, instance=offer, user=user)
    if request.method == "POST":
        saved = save(form, lambda v: offer_records.update(user, pk, **v))
        if saved is not None:
            messages.success(request, f"Saved {offers.label(saved)}.")
            _check_deadline(request, saved)
            return redirect(reverse("offers") + f"#offer-{pk}")
    context = {"form": form, "offer": offer, "name": offers.label(offer)}
    return render(request, "nextround/offer_form.html", context, status=400 if form.errors else 200)


@require_POST
def update_matrix(request: HttpRequest) -> HttpResponse:
    """Save the matrix; a value refused is shown again as typed, named beside its input."""
    user = owner(request)
    weights = {
        k.removeprefix("weight-"): request.POST.get(k, "")
        for k in request.POST
        if k.startswith("weight-")
    }
    result = found(lambda: offers.save_matrix(user, weights, _ratings(request)))
    if not result.errors:
        messages.success(request, result.message)
        return redirect("offers")
    context = {
        "matrix": offers.compare(user, result),
        "form": OfferForm(user=user),
        "declined": decisions.declined(user),
        "matrix_message": result.message,
    }
    return render(request, "nextround/offer_page.html", context, status=400)


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
        around = found(lambda: decisions.elsewhere(owner(request), pk))
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
    decline = withdraw = cancel = None
    try:
        if choice == "accept" and request.POST.get("confirmed"):
            decline, withdraw = _ids(request, "decline"), _ids(request, "withdraw")
            cancel = _ids(request, "cancel_round")
        elif (
            choice == "accept" and not found(lambda: decisions.elsewhere(owner(request), pk)).empty
        ):
            return redirect("offer-accept", pk=pk)
        result = found(
            lambda: decisions.decide(
                owner(request),
                pk,
                choice == "accept",
                decline=decline,
                withdraw=withdraw,
                cancel_rounds=cancel,
            )
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, result.message)
    return redirect("offers")
