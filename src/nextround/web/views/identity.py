"""Who in an invite is you: keep the guess, put the person on the round, or pick someone else."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from nextround.services import identity, pages
from nextround.services.errors import InvalidInput
from nextround.services.invites import InviteImport
from nextround.services.records import rounds
from nextround.web.views.common import found, owner


def change_url(round_pk: int, guess: identity.Guess | None) -> str:
    url = reverse("who-is-you", kwargs={"pk": round_pk})
    if guess is None:
        return url
    return url + "?" + urlencode({"name": guess.name, "email": guess.email})


def import_message(result: InviteImport) -> str | SafeString:
    """The import message, with a link to change who was taken to be you."""
    if result.you is None and not result.unsure:
        return result.message
    link = change_url(result.round.pk, result.you)
    label = "change" if result.you is not None else "say which"
    return format_html('{} <a href="{}">{}</a>.', result.message.rstrip(".") + " —", link, label)


def _guess(data: dict[str, str]) -> identity.Guess | None:
    name = " ".join(data.get("name", "").split())[:200]
    email = data.get("email", "").strip()[:254]
    return identity.Guess(name, email, "") if name else None


def page(request: HttpRequest, pk: int) -> HttpResponse:
    user = owner(request)
    found(lambda: rounds.owned(user, pk))  # only the candidate says who they are
    view = pages.round_page(user, pk)
    source = request.POST if request.method == "POST" else request.GET
    guess = _guess({k: str(source.get(k, "")) for k in ("name", "email")})
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "mine" and guess is not None:
                identity.confirm(user, guess.name, guess.email)
                messages.success(
                    request,
                    f"Saved to your profile: invites naming {guess.name} leave you out.",
                )
            elif action == "not-me" and guess is not None:
                person = identity.not_me(user, pk, guess.name, guess.email)
                messages.success(request, f"Added {person.name} to round {view.round.number}.")
            elif action == "this-one":
                chosen = int(request.POST.get("interviewer", "0") or 0)
                name = found(lambda: identity.this_is_me(user, pk, chosen, guess))
                messages.success(
                    request, f"Saved {name} as you in your profile, and off the interviewers."
                )
            else:
                messages.error(request, "Choose one of the answers below.")
                return redirect(change_url(pk, guess))
        except InvalidInput as exc:
            messages.error(request, str(exc))
            return redirect(change_url(pk, guess))
        return redirect(reverse("round", kwargs={"pk": pk}) + "#people")
    return render(
        request, "nextround/who_is_you.html", {"page": view, "r": view.round, "guess": guess}
    )
