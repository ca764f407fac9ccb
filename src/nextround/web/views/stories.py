from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nextround.services.records import stories
from nextround.web.forms import StoryForm
from nextround.web.views.common import found, owner, save


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "nextround/stories.html", {"stories": stories.list(owner(request))})


def new(request: HttpRequest) -> HttpResponse:
    form = StoryForm(request.POST or None)
    if request.method == "POST":
        created = save(form, lambda v: stories.create(owner(request), **v), request)
        if created is not None:
            messages.success(request, f"Saved your story “{created.title}”.")
            return redirect("stories")
    return render(request, "nextround/story_form.html", {"form": form, "story": None})


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    story = found(lambda: stories.get(owner(request), pk))
    form = StoryForm(request.POST or None, instance=story)
    if request.method == "POST":
        saved = save(form, lambda v: stories.update(owner(request), pk, **v))
        if saved is not None:
            messages.success(request, f"Saved your story “{saved.title}”.")
            return redirect("stories")
    return render(request, "nextround/story_form.html", {"form": form, "story": story})


@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    found(lambda: stories.delete(owner(request), pk))
    return redirect("stories")
