"""Story drafts from earlier CV imports: no "…" in their titles, no action repeated as the result.

Only drafts never edited are touched: their situation still holds the "To complete:" prompt that
names the CV, and (for the second fix) their action and result are the same words.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

TO_COMPLETE = "To complete:"
FROM_CV = "(from your CV"
ACTION_PROMPT = "To complete: your action: what did you do, step by step?"
DANGLING = re.compile(
    r"(?:\s+(?:a|an|the|and|or|of|to|for|with|in|on|at|by|from|into|across|its|their|our|"
    r"that|which|as|per|via))+$",
    re.IGNORECASE,
)


def plain_title(title: str) -> str:
    cut = " ".join(title.replace("…", " ").split())
    return DANGLING.sub("", cut).rstrip(" ,;:-–—(") or cut or title


def forwards(apps: Any, schema_editor: Any) -> None:
    story = apps.get_model("nextround", "Story")
    drafts = story.objects.filter(situation__startswith=TO_COMPLETE, situation__contains=FROM_CV)
    for draft in drafts.iterator():
        changed = []
        if "…" in draft.title:
            draft.title = plain_title(draft.title)[:200]
            changed.append("title")
        if draft.action and draft.action.strip() == draft.result.strip():
            draft.action = ACTION_PROMPT
            changed.append("action")
        if changed:
            draft.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("nextround", "0008_search_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
