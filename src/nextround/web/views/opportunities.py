from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nextround.services import evidence_map, pages
from nextround.services.records import opportunities, requirements
from nextround.store import models as m
from nextround.web.forms import OpportunityForm, RequirementForm
from nextround.web.forms_documents import capped_uploads
from nextround.web.forms_uploads import INVITE_IDS, InviteForm
from nextround.web.views.common import found, is_htmx, owner, save


class _Saving:
    """Saves the form's opportunity and keeps what reading its requirements found, to say it."""

    def __init__(self, request: HttpRequest, pk: int | None) -> None:
        self.request, self.pk = request, pk
        self.read: evidence_map.ExtractResult | None = None

    def __call__(self, values: dict[str, Any]) -> m.Opportunity:
        saved = evidence_map.save_opportunity(owner(self.request), self.pk, values)
        self.read = saved.requirements
        return saved.opportunity

    def tell(self, form: OpportunityForm) -> None:
        """Say what was read from an uploaded job description, and the requirements found."""
        for note in form.upload_notes:
            messages.info(self.request, note)
        if self.read is not None:
            messages.info(self.request, evidence_map.said(self.read))


@capped_uploads
def new(request: HttpRequest) -> HttpResponse:
    form = OpportunityForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        saving = _Saving(request, None)
        opp = save(form, saving, request)
        if opp is not None:
            saving.tell(form)
            return redirect("opportunity", pk=opp.pk)
    return render(request, "nextround/opportunity_form.html", {"form": form, "opportunity": None})


@capped_uploads
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    opp = found(lambda: opportunities.get(owner(request), pk))
    form = OpportunityForm(request.POST or None, request.FILES or None, instance=opp)
    if request.method == "POST":
        saving = _Saving(request, pk)
        if save(form, saving) is not None:
            saving.tell(form)
            return redirect("opportunity", pk=pk)
    return render(request, "nextround/opportunity_form.html", {"form": form, "opportunity": opp})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return page_response(request, pk)


def page_response(
    request: HttpRequest, pk: int, invite_form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    """The opportunity page; after a refused invite, with its form open and the refusal in it."""
    page = found(lambda: pages.opportunity_page(owner(request), pk))
    context = {
        "page": page,
        "requirement_form": RequirementForm(),
        "invite_form": invite_form or InviteForm(auto_id=INVITE_IDS[False]),
    }
    return render(request, "nextround/opportunity.html", context, status=status)


@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    opp = found(lambda: opportunities.owned(owner(request), pk))
    found(lambda: opportunities.delete(owner(request), pk))
    if opp.is_sample:
        messages.success(request, "Deleted the sample opportunity, with its sample story.")
    else:
        messages.success(request, f"Deleted {opp}, with its rounds and notes.")
    return redirect("dashboard")


@require_POST
def add_requirement(request: HttpRequest, pk: int) -> HttpResponse:
    form = RequirementForm(request.POST)
    found(lambda: opportunities.get(owner(request), pk))
    created = save(form, lambda v: requirements.create(owner(request), pk, **v), request)
    if is_htmx(request) or created is None:
        page = pages.opportunity_page(owner(request), pk)
        return render(
            request,
            "nextround/partials/requirements.html",
            {"page": page, "requirement_form": RequirementForm() if created else form},
            status=200 if created or is_htmx(request) else 400,
        )
    return redirect("opportunity", pk=pk)


@require_POST
def delete_requirement(request: HttpRequest, pk: int) -> HttpResponse:
    req = found(lambda: requirements.get(owner(request), pk))
    requirements.delete(owner(request), pk)
    if is_htmx(request):
        return HttpResponse("")
    return redirect("opportunity", pk=req.opportunity_id)
