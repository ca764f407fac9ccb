"""CV imports save honest drafts, and a draft like a story you have is flagged, not added twice."""

from __future__ import annotations

from typing import Any

import pytest

from nextround.formats.documents import read_document
from nextround.services import cv_import
from nextround.services import records as r
from nextround.services.cv_import import TO_COMPLETE, is_to_complete
from nextround.store import models as m
from tests.formats.cv_shapes import Cv, cv, cvs


def preview(user: Any, shape: Cv) -> cv_import.CvPreview:
    if shape.filename == "pasted text":
        return cv_import.preview_text(user, shape.data.decode())
    return cv_import.preview_document(
        user, read_document(shape.data, shape.filename), shape.filename
    )


@pytest.mark.parametrize("shape", cvs(), ids=lambda c: c.name)
def test_each_saved_story_has_the_drafts_parts_and_marks_the_rest_to_complete(
    user: Any, shape: Cv
) -> None:
    shown = preview(user, shape)
    result = cv_import.import_text(user, shown.text, shape.filename)
    stories = {s.pk: s for s in m.Story.objects.filter(owner=user)}
    made = [stories[pk] for pk in result.created]
    expected = [d for d in shape.drafts if not (shape.name == "markdown" and d is shape.drafts[2])]
    assert [s.title for s in made] == [d.title for d in expected]
    for story, draft in zip(made, expected, strict=True):
        assert story.action == (
            draft.action or f"{TO_COMPLETE} your action: what did you do, step by step?"
        )
        assert story.result == (
            draft.result or f"{TO_COMPLETE} the result: what changed, ideally with a figure?"
        )
        assert story.action != story.result
        assert "…" not in story.title
        assert is_to_complete(story.situation) and is_to_complete(story.task)


def test_a_draft_like_a_saved_story_is_flagged_and_left_out_unless_ticked(user: Any) -> None:
    r.stories.create(user, title="Cut fraud losses by 32 percent", action="I rebuilt the model.")
    shown = preview(user, cv("pasted_text"))
    first = shown.drafts[0]
    assert (first.title, first.exists, first.like) == (
        "Cut fraud losses by 32%",
        False,
        "Cut fraud losses by 32 percent",
    )
    assert first.flagged and first not in shown.new_drafts
    # The command line imports what is not flagged and says what it left out.
    result = cv_import.import_text(user, shown.text)
    assert result.like_existing == ("Cut fraud losses by 32%",)
    assert not m.Story.objects.filter(title="Cut fraud losses by 32%").exists()
    # Ticked in the review, it is added: the candidate chose it.
    again = cv_import.import_text(user, shown.text, chosen={1})
    assert len(again.created) == 1
    assert m.Story.objects.filter(title="Cut fraud losses by 32%").count() == 1


def test_a_story_that_holds_the_achievement_in_its_situation_is_the_same_story(
    user: Any,
) -> None:
    r.stories.create(
        user,
        title="Metrics layer",
        situation="Built a self-serve metrics layer in dbt, saving analysts 10 hours a week.",
    )
    shown = preview(user, cv("pasted_text"))
    assert shown.drafts[1].like == "Metrics layer"


def test_a_title_an_earlier_import_cut_with_an_ellipsis_still_matches(user: Any) -> None:
    r.stories.create(user, title="Designed the event pipeline that now carries 2 billion…")
    shown = preview(user, cv("markdown"))
    assert shown.drafts[1].like == "Designed the event pipeline that now carries 2 billion…"


def test_the_same_achievement_twice_in_one_cv_is_flagged_as_the_earlier_draft(
    user: Any,
) -> None:
    shown = preview(user, cv("markdown"))
    assert [d.like for d in shown.drafts] == ["", "", "draft 1"]
    result = cv_import.import_text(user, shown.text)
    titles = list(m.Story.objects.filter(owner=user).values_list("title", flat=True))
    assert titles.count("Halved cloud spend to £40k a month") == 1
    assert result.like_existing == ("Halved cloud spend to £40k a month",)


def test_different_achievements_are_not_taken_for_each_other(user: Any) -> None:
    r.stories.create(user, title="Cut onboarding time by 40%", result="Onboarding took 3 days.")
    shown = preview(user, cv("pasted_text"))
    assert [d.like for d in shown.drafts] == ["", "", "", "", ""]


def test_importing_the_same_cv_twice_adds_nothing_the_second_time(user: Any) -> None:
    text = cv("pdf")
    shown = preview(user, text)
    first = cv_import.import_text(user, shown.text)
    second = cv_import.import_text(user, shown.text)
    assert len(first.created) == 5 and second.created == ()
    assert m.Story.objects.filter(owner=user).count() == 5
