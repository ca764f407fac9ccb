"""The brief page (with its checklist), downloads, and the evidence map of an opportunity."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from nextround.services import brief as service
from nextround.services import brief_pdf, evidence_map
from nextround.services.errors import InvalidInput, ServiceError
from nextround.web.views.common import found, is_htmx, owner

TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
}


def page(request: HttpRequest, pk: int) -> HttpResponse:
    view = found(lambda: service.build(owner(request), pk))
    # The hints on what is missing link the pages they name (the files give the commands).
    links = {
        "the Stories page": reverse("stories"),
        "the opportunity page": reverse("opportunity", kwargs={"pk": view.opportunity_id}),
        "the round page": reverse("round", kwargs={"pk": pk}),
    }
    # The body is built from escaped text by the brief renderer.
    body = mark_safe(service.html_body(view, links))
    own = service.owns_round(owner(request), pk)
    return render(request, "nextround/brief.html", {"view": view, "body": body, "own": own})


def night_before(request: HttpRequest, pk: int) -> HttpResponse:
    """One page for the night before: the five to rehearse, the doubts, where, when and who."""
    view = found(lambda: service.build(owner(request), pk))
    body = mark_safe(service.night_before_body(view))  # built from escaped text
    return render(request, "nextround/night_before.html", {"view": view, "body": body})


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _pdf(request: HttpRequest, pk: int, night_before: bool) -> HttpResponse:
    """Local mode renders the PDF now; server mode serves the one the worker made, if ready."""
    view = found(lambda: service.build(owner(request), pk))
    if not settings.LOCAL_MODE:
        made = brief_pdf.prepared(owner(request), view, night_before)
        if made is None:
            kind = "night-before" if night_before else "brief"
            return redirect(reverse("brief-pdf", kwargs={"pk": pk}) + f"#{kind}")
        return _file(made.data, "pdf", made.name)
    try:
        content = service.render(view, "pdf", night_before=night_before)
    except ServiceError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _file(content, "pdf", brief_pdf.filename(view, night_before))


def night_before_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, pk, night_before=True)


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in TYPES:
        raise Http404(f"No brief format {fmt!r}.")
    if fmt == "pdf":
        return _pdf(request, pk, night_before=False)
    view = found(lambda: service.build(owner(request), pk))
    try:
        content = service.render(view, fmt)
    except ServiceError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _file(content, fmt, f"round-{view.data['round']['number']}-brief.{fmt}")


@require_safe
def pdf_page(request: HttpRequest, pk: int) -> HttpResponse:
    """How the round's PDFs are getting on: prepare one, wait for it, download it."""
    view = found(lambda: service.build(owner(request), pk))
    states = brief_pdf.states(owner(request), view)
    refresh = any(s.waiting for s in states)
    context = {"view": view, "states": states, "refresh": refresh}
    return render(request, "nextround/brief_pdf.html", context)


@require_POST
def pdf_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the worker for a PDF of the brief (or of the night-before page)."""
    night_before = request.POST.get("kind") == "night-before"
    try:
        found(lambda: brief_pdf.prepare(owner(request), pk, night_before))
    except InvalidInput as exc:
        messages.error(request, " ".join(t for texts in exc.errors.values() for t in texts))
    kind = "night-before" if night_before else "brief"
    return redirect(reverse("brief-pdf", kwargs={"pk": pk}) + f"#{kind}")


def _ticked(request: HttpRequest, round_id: int, key: str) -> HttpResponse:
    """The checklist again, the focus staying on the step just ticked (never left on <body>)."""
    if is_htmx(request):
        view = service.build(owner(request), round_id)
        context = {"view": view, "own": True, "ticked": key}
        return render(request, "nextround/partials/brief_checklist.html", context)
    return redirect(reverse("brief", kwargs={"pk": round_id}) + f"#step-{key}")


@require_POST
def tick(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = found(lambda: service.tick_by_pk(owner(request), item_pk))
    return _ticked(request, item.round_id, item.key)


@require_POST
def tick_step(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Tick a step by its key (the owner's first tick stores the round's steps)."""
    try:
        found(lambda: service.tick(owner(request), pk, key))
    except InvalidInput as exc:
        raise Http404(str(exc)) from None
    return _ticked(request, pk, key)


def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    view = found(lambda: evidence_map.evidence_view(owner(request), pk))
    return render(request, "nextround/evidence.html", {"view": view})


def _evidence_done(request: HttpRequest, opportunity_pk: int) -> HttpResponse:
    if is_htmx(request):
        view = evidence_map.evidence_view(owner(request), opportunity_pk)
        return render(request, "nextround/partials/evidence_map.html", {"view": view})
    return redirect(reverse("evidence", kwargs={"pk": opportunity_pk}))


@require_POST
def link(request: HttpRequest, requirement_pk: int) -> HttpResponse:
    from nextround.services.records import requirements

    req = found(lambda: requirements.get(owner(request), requirement_pk))
    try:
        story_pk = int(request.POST.get("story", ""))
        found(
            lambda: evidence_map.link(
                owner(request), requirement_pk, story_pk, request.POST.get("note", "")
            )
        )
    except (ValueError, InvalidInput):
        messages.error(request, "Choose one of your stories to link.")
    return _evidence_done(request, req.opportunity_id)


@require_POST
def unlink(request: HttpRequest, evidence_pk: int) -> HttpResponse:
    gone = found(lambda: evidence_map.unlink(owner(request), evidence_pk))
    from nextround.services.records import requirements

    req = requirements.get(owner(request), gone.requirement_id)
    return _evidence_done(request, req.opportunity_id)


@require_POST
def extract(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        result = found(lambda: evidence_map.extract(owner(request), pk))
    except InvalidInput as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, evidence_map.said(result))
    return redirect(reverse("opportunity", kwargs={"pk": pk}) + "#requirements")
