"""Story drafts from CVs in four shapes, field by field: a real result, or honestly none."""

from __future__ import annotations

import pytest

from nextround.formats.cv import StoryDraft, parse_cv, short_title
from nextround.formats.documents import read_document
from tests.formats.cv_shapes import Cv, Draft, cv, cvs

CASES = [(c.name, i) for c in cvs() for i in range(len(c.drafts))]


def drafts(shape: Cv) -> tuple[StoryDraft, ...]:
    if shape.filename == "pasted text":
        text = shape.data.decode()
    else:
        text = read_document(shape.data, shape.filename).text
    return parse_cv(text).story_drafts


def pair(name: str, index: int) -> tuple[StoryDraft, Draft]:
    shape = cv(name)
    found = drafts(shape)
    assert len(found) == len(shape.drafts)
    return found[index], shape.drafts[index]


@pytest.mark.parametrize(("name", "index"), CASES)
def test_each_draft_has_its_title(name: str, index: int) -> None:
    got, expected = pair(name, index)
    assert got.title == expected.title


@pytest.mark.parametrize(("name", "index"), CASES)
def test_each_draft_has_its_action(name: str, index: int) -> None:
    got, expected = pair(name, index)
    assert got.action == expected.action


@pytest.mark.parametrize(("name", "index"), CASES)
def test_each_draft_has_its_result(name: str, index: int) -> None:
    got, expected = pair(name, index)
    assert got.result == expected.result


@pytest.mark.parametrize(("name", "index"), CASES)
def test_each_draft_has_its_figures_and_says_what_is_left(name: str, index: int) -> None:
    got, expected = pair(name, index)
    assert (got.metrics, got.needs) == (expected.metrics, expected.needs)


@pytest.mark.parametrize("shape", cvs(), ids=lambda c: c.name)
def test_no_draft_repeats_its_action_as_its_result(shape: Cv) -> None:
    for draft in drafts(shape):
        assert draft.action != draft.result
        assert draft.action or draft.result


@pytest.mark.parametrize("shape", cvs(), ids=lambda c: c.name)
def test_a_bullet_with_a_figure_never_leaves_the_result_to_complete(shape: Cv) -> None:
    for draft in drafts(shape):
        if draft.metrics:
            assert draft.result and "result" not in draft.needs


@pytest.mark.parametrize("shape", cvs(), ids=lambda c: c.name)
def test_titles_hold_no_ellipsis_and_end_on_a_whole_word(shape: Cv) -> None:
    for draft in drafts(shape):
        assert "…" not in draft.title and "..." not in draft.title
        assert len(draft.title) <= 60
        assert draft.title.split()[-1].lower() not in {"the", "a", "to", "of", "and", "with"}


def test_a_long_bullet_is_cut_at_a_word_without_an_ellipsis() -> None:
    bullet = (
        "Designed and ran the company's first structured hiring programme for graduate engineers "
        "across four offices"
    )
    title = short_title(bullet)
    assert title == "Designed and ran the company's first structured hiring"
    assert bullet.startswith(title)


def test_an_ellipsis_in_the_cv_itself_does_not_reach_the_title() -> None:
    assert short_title("Rebuilt the billing… system for 40 clinics") == (
        "Rebuilt the billing system for 40 clinics"
    )
