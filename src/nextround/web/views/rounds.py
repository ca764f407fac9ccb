"""The round page: plan, debrief question by question, feedback, people and questions to ask."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nextround.services import pages, round_state
from nextround.services.base import Resource
from nextround.services.errors import InvalidInput
from nextround.services.records import (
    asked_questions,
    feedback,
    interviewers,
    opportunities,
    questions_to_ask,
    rounds,
)
from nextround.web import forms
from nextround.web.forms_uploads import EMAIL_IDS, INVITE_IDS, EmailForm, InviteForm
from nextround.web.views.common import found, is_htmx, owner, save


@dataclass(frozen=True)
class Section:
    """One list on the round page that can grow and shrink in place."""

    name: str
    form: type[forms.ServiceForm]
    service: Resource[Any]
    needs_people: bool = False


SECTIONS = {
    "questions": Section("questions", forms.AskedQuestionForm, asked_questions, True),
    "feedback": Section("feedback", forms.FeedbackForm, feedback),
    "asks": Section("asks", forms.QuestionToAskForm, questions_to_ask, True),
    "people": Section("people", forms.InterviewerForm, interviewers),
}


# The id of each item on the page, before its pk: "question-12".
ITEM_IDS = {"questions": "question", "feedback": "feedback", "asks": "ask", "people": "person"}


def _form(section: Section, page: pages.RoundPage, data: Any = None) -> forms.ServiceForm:
    # Four forms share the page: their ids must differ so each label finds its own field.
    auto_id = f"id_{section.name}_%s"
    if section.needs_people:
        # "Asked by" and "For" offer the people on this round only.
        return section.form(data, people=page.panel, auto_id=auto_id)
    return section.form(data, auto_id=auto_id)


def _context(
    page: pages.RoundPage,
    added: tuple[str, int] | None = None,
    bound: dict[str, Any] | None = None,
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "page": page,
        "r": page.round,
        "state": round_state.state_of(page.round),
        # The item just added, to take the focus: {"section": "questions", "pk": 12}.
        "added": {"section": added[0], "pk": added[1]} if added else None,
    }
    bound = bound or {}
    for section in SECTIONS.values():
        context[f"{section.name}_form"] = bound.get(section.name) or _form(section, page)
    context["invite_form"] = bound.get("invite") or InviteForm(auto_id=INVITE_IDS[True])
    context["email_form"] = bound.get("email") or EmailForm(auto_id=EMAIL_IDS)
    return context


def _people_menus_out_of_band(context: dict[str, Any]) -> None:
    """A person just added joins the "For" and "Asked by" menus too, without a reload."""
    context["people_menus"] = True
    for name in ("asks", "questions"):
        context[f"{name}_form"].fields["interviewer"].widget.attrs["hx-swap-oob"] = "true"


# What each list's item is called in a message.
ITEM_WORDS = {
    "questions": "the question",
    "feedback": "the feedback",
    "asks": "the question to ask",
}


def _saved(section: str, item: Any) -> str:
    return f"Saved {item.name if section == 'people' else ITEM_WORDS[section]}."


def _deleted(section: str, item: Any) -> str:
    if section == "people":
        return f"Deleted {item.name}, with the notes and questions for them."
    return f"Removed {ITEM_WORDS[section]}."


def _added(request: HttpRequest) -> tuple[str, int] | None:
    """The item named by ?added=questions-12 after an add without JavaScript."""
    section, _, pk = request.GET.get("added", "").partition("-")
    return (section, int(pk)) if section in SECTIONS and pk.isdigit() else None


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = found(lambda: pages.round_page(owner(request), pk))
    return render(request, "nextround/round.html", _context(page, _added(request)))


def page_response(
    request: HttpRequest, pk: int, bound: dict[str, Any], status: int = 400
) -> HttpResponse:
    """The round page again with a refused form (an invite, an email) open and named in place."""
    page = found(lambda: pages.round_page(owner(request), pk))
    return render(request, "nextround/round.html", _context(page, bound=bound), status=status)


@require_POST
def mark_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The round took place: the page turns to the debrief."""
    r = found(lambda: round_state.mark_done(owner(request), pk))
    messages.success(request, f"Round {r.number} marked done: debrief it below.")
    early = round_state.done_early(r)
    if early:
        messages.warning(request, early)
    return redirect(reverse("round", kwargs={"pk": pk}) + "#debrief")


def new(request: HttpRequest, opportunity_pk: int) -> HttpResponse:
    opp = found(lambda: opportunities.get(owner(request), opportunity_pk))
    form = forms.RoundForm(request.POST or None, initial={"number": rounds.next_number(opp)})
    if request.method == "POST":
        created = save(form, lambda v: rounds.create(owner(request), opportunity_pk, **v), request)
        if created is not None:
            return redirect("round", pk=created.pk)
    return render(request, "nextround/round_form.html", {"form": form, "opportunity": opp})


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    r = found(lambda: rounds.get(owner(request), pk))
    form = forms.RoundForm(request.POST or None, instance=r)
    if request.method == "POST":
        saved = save(form, lambda v: rounds.update(owner(request), pk, **v))
        if saved is not None:
            messages.success(request, f"Saved round {saved.number}.")
            return redirect("round", pk=pk)
    return render(
        request, "nextround/round_form.html", {"form": form, "opportunity": r.opportunity, "r": r}
    )


def impressions(request: HttpRequest, pk: int) -> HttpResponse:
    """A small form for what impressed and what fell flat, opened on the first of the two."""
    r = found(lambda: rounds.get(owner(request), pk))
    form = forms.ImpressionsForm(request.POST or None, instance=r)
    saving = request.method == "POST"
    if saving and save(form, lambda v: rounds.update(owner(request), pk, **v)) is not None:
        messages.success(request, "Saved what impressed and what fell flat.")
        return redirect(reverse("round", kwargs={"pk": pk}) + "#impressions-h")
    return render(request, "nextround/round_impressions.html", {"form": form, "r": r})


@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    r = found(lambda: rounds.get(owner(request), pk))
    rounds.delete(owner(request), pk)
    opp = opportunities.get(owner(request), r.opportunity_id)
    messages.success(
        request, f"Deleted round {r.number}. The stage is now {opp.get_stage_display()}."
    )
    return redirect("opportunity", pk=r.opportunity_id)


@require_POST
def add_item(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """Add a question, feedback, person or question to ask; htmx swaps in the new list."""
    spec = SECTIONS[section]
    page = found(lambda: pages.round_page(owner(request), pk))
    form = _form(spec, page, request.POST)
    if spec.name == "people":
        created = save(form, lambda v: interviewers.add_to_round(owner(request), pk, **v), request)
    else:
        created = save(form, lambda v: spec.service.create(owner(request), pk, **v), request)
    if created is None:
        # Keep what was typed, with the errors beside the fields.
        status = 200 if is_htmx(request) else 400
        template = f"nextround/partials/{spec.name}.html" if is_htmx(request) else None
        context = _context(page, bound={spec.name: form})
        if template:
            return render(request, template, context, status=status)
        return render(request, "nextround/round.html", context, status=status)
    # The focus goes to the new item: its id is the page's anchor, and it is marked autofocus.
    if is_htmx(request):
        page = pages.round_page(owner(request), pk)
        context = _context(page, (spec.name, created.pk))
        if spec.name == "people":
            _people_menus_out_of_band(context)
        return render(request, f"nextround/partials/{spec.name}.html", context)
    anchor = f"{ITEM_IDS[spec.name]}-{created.pk}"
    url = reverse("round", kwargs={"pk": pk})
    return redirect(f"{url}?added={spec.name}-{created.pk}#{anchor}")


@require_POST
def delete_item(request: HttpRequest, section: str, item_pk: int) -> HttpResponse:
    spec = SECTIONS[section]
    item = found(lambda: spec.service.get(owner(request), item_pk))
    if spec.name == "people":
        round_pk = int(request.POST.get("round", "0") or 0)
        interviewers.delete(owner(request), item_pk)
    else:
        round_pk = item.round_id
        spec.service.delete(owner(request), item_pk)
    if is_htmx(request):
        return HttpResponse("")
    messages.success(request, _deleted(spec.name, item))
    if not round_pk:
        return redirect("opportunity", pk=item.opportunity_id)
    return redirect(reverse("round", kwargs={"pk": round_pk}) + f"#{spec.name}")


def edit_item(request: HttpRequest, section: str, item_pk: int) -> HttpResponse:
    """A page of its own to change one question, feedback, person or question to ask."""
    spec = SECTIONS[section]
    item = found(lambda: spec.service.get(owner(request), item_pk))
    round_pk = int(request.GET.get("round") or request.POST.get("round") or 0)
    if spec.name != "people":
        round_pk = item.round_id
    page = found(lambda: pages.round_page(owner(request), round_pk)) if round_pk else None
    people = list(page.panel) if page else []
    current = getattr(item, "interviewer", None) if spec.needs_people else None
    if current is not None and current not in people:
        people.append(current)  # keep who it was, even if they are no longer on the round
    kwargs: dict[str, Any] = {"instance": item}
    if spec.needs_people:
        kwargs["people"] = people
    if spec.name in ("questions", "asks") and item.interviewer_id:
        kwargs["initial"] = {"interviewer": item.interviewer_id}
    form = spec.form(request.POST or None, **kwargs)
    saved = None
    if request.method == "POST":
        saved = save(form, lambda v: spec.service.update(owner(request), item_pk, **v))
    if saved is not None:
        messages.success(request, _saved(spec.name, saved))
        if round_pk:
            return redirect(reverse("round", kwargs={"pk": round_pk}) + f"#{spec.name}")
        return redirect("opportunity", pk=item.opportunity_id)
    return render(
        request,
        "nextround/item_form.html",
        {"form": form, "section": spec.name, "item": item, "round_pk": round_pk, "page": page},
    )


@require_POST
def link_person(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        person_pk = int(request.POST.get("interviewer", ""))
    except ValueError:
        person_pk = 0
    with contextlib.suppress(InvalidInput):
        person = found(lambda: interviewers.link(owner(request), pk, person_pk))
        messages.success(request, f"{person.name} is on this round too.")
    return redirect(reverse("round", kwargs={"pk": pk}) + "#people")


@require_POST
def unlink_person(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    person = found(lambda: interviewers.get(owner(request), person_pk))
    found(lambda: interviewers.unlink(owner(request), pk, person_pk))
    messages.success(request, f"{person.name} is no longer on this round (kept on the others).")
    return redirect(reverse("round", kwargs={"pk": pk}) + "#people")


@require_POST
def toggle_ask(request: HttpRequest, item_pk: int) -> HttpResponse:
    ask = found(lambda: questions_to_ask.get(owner(request), item_pk))
    questions_to_ask.update(owner(request), item_pk, asked=not ask.asked)
    if is_htmx(request):
        page = pages.round_page(owner(request), ask.round_id or 0)
        context = {**_context(page), "toggled": ask.pk}
        return render(request, "nextround/partials/asks.html", context)
    url = reverse("round", kwargs={"pk": ask.round_id})
    return redirect(f"{url}?added=asks-{ask.pk}#ask-{ask.pk}")
