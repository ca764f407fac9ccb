"""Remove checklist steps a sharee's read stored in someone else's round.

Reading a shared brief used to store its checklist steps as the reader's rows inside the
owner's round; those rows then blocked the owner from deleting the round. The checklist is now
computed on read, so these rows carry nothing of value.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models import F


def remove_foreign_steps(apps: Any, schema_editor: Any) -> None:
    item = apps.get_model("nextround", "ChecklistItem")
    item.objects.exclude(owner_id=F("round__owner_id")).delete()


class Migration(migrations.Migration):
    dependencies = [("nextround", "0003_requirement_duties")]

    operations = [migrations.RunPython(remove_foreign_steps, migrations.RunPython.noop)]
