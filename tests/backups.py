"""Backups for tests: one record of every kind, and an adversarial file that is still valid."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from nextround.services import backup
from nextround.store import models as m
from tests.world import World

HOSTILE_TEXT = (
    '<script>alert("x")</script> {{ 7*7 }} {% now "Y" %} ‮RTL‮ ​zero​width '
    "ﷺ 𝕏 👩🏽‍💻 \u0301\u0301\u0301 [link](javascript:alert(1)) ]]> -- ; DROP TABLE x; "
)


def every_kind(world: World) -> None:
    """Add to the world one record of each kind it lacks, so a backup holds every kind."""
    from nextround.services import sample

    user = world.user
    sample.create_sample(user)
    opp = world.acme
    round_ = m.Round.objects.filter(owner=user, opportunity=opp).first()
    assert round_ is not None
    story = m.Story.objects.filter(owner=user).first()
    assert story is not None
    requirement = m.Requirement.objects.create(owner=user, opportunity=opp, text="SQL")
    m.Evidence.objects.create(owner=user, requirement=requirement, story=story, note="Shows SQL")
    m.QuestionToAsk.objects.create(owner=user, round=round_, text="How is success measured?")
    m.FollowUp.objects.create(owner=user, round=round_, subject="Thank you", body="Thanks.")
    m.ChecklistItem.objects.get_or_create(
        owner=user, round=round_, key="research", defaults={"label": "Read their blog"}
    )
    m.Offer.objects.create(owner=user, opportunity=opp, label="Acme", salary=50000)
    m.Profile.objects.update_or_create(
        owner=user, defaults={"skills": ["SQL"], "other_emails": ["me@example.com"]}
    )
    m.PracticeAttempt.objects.create(
        owner=user,
        opportunity=opp,
        question_text="Tell me about a time you led a team.",
        answer_text="I led the migration.",
        analysis={"overall": {"score": 60}, "word_count": 4, "insights": []},
    )


def export(user: Any) -> dict[str, Any]:
    stream = io.StringIO()
    backup.export_to(user, stream)
    data: dict[str, Any] = json.loads(stream.getvalue())
    return data


def wipe() -> None:
    for _, model in reversed(backup.MODELS):
        model.objects.all().delete()


def adversarial(data: dict[str, Any]) -> dict[str, Any]:
    """Every text at its longest with markup, odd scripts and controls; edge dates and numbers."""
    for key, model in backup.MODELS:
        for record in data[key]:
            for field in model._meta.concrete_fields:
                name = field.attname
                if name not in record or field.is_relation or name in ("id", "owner_id"):
                    continue
                value = record[name]
                if field.choices or (model is m.ChecklistItem and name == "key"):
                    continue
                if name == "timezone":
                    record[name] = "Pacific/Kiritimati"
                elif isinstance(field, m.models.EmailField):
                    record[name] = "o'brien+x@example.com"
                elif isinstance(field, m.models.URLField):
                    record[name] = "https://example.com/?q=%3Cscript%3E&x=\"'"
                elif isinstance(field, m.models.CharField):
                    limit = field.max_length or 200
                    record[name] = (HOSTILE_TEXT * (limit // len(HOSTILE_TEXT) + 1))[:limit]
                elif isinstance(field, m.models.TextField):
                    record[name] = HOSTILE_TEXT * 20 + "\n\n- " + HOSTILE_TEXT
                elif isinstance(field, m.models.DateTimeField) and value is not None:
                    record[name] = "2199-12-31T23:59:59+14:00"
                elif isinstance(field, m.models.DateField) and value is not None:
                    record[name] = dt.date(1900, 1, 1).isoformat()
    for record in data["stories"]:
        record["skills"] = [HOSTILE_TEXT[:100]] * 500
    for record in data["interviewers"]:
        record["earlier_employers"] = [HOSTILE_TEXT] * 50
        record["links"] = ["javascript:alert(1)", HOSTILE_TEXT]
    for record in data["offers"]:
        record["ratings"] = {HOSTILE_TEXT[:200]: 10, "pay": 0}
        record["salary"] = "99.99"
    for record in data["profiles"]:
        record["decision_criteria"] = [
            {"key": HOSTILE_TEXT[:40], "label": HOSTILE_TEXT[:200], "weight": 0}
        ]
        record["other_emails"] = [HOSTILE_TEXT[:60]]
    for record in data["practice_attempts"]:
        record["analysis"] = {
            "overall": {"score": None},
            "word_count": None,
            "x": [[[[HOSTILE_TEXT]]]],
        }
    return data
