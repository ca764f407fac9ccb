"""Run inside a server-mode process: facts about the database for the tests to check."""

from __future__ import annotations

import json
import sys
from typing import Any


def owner_rows(user_id: int) -> dict[str, int]:
    """Rows in every table that still belong to (or name) this user."""
    from django.apps import apps
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session

    counts: dict[str, int] = {}
    for model in apps.get_app_config("nextround").get_models():
        names = {f.attname for f in model._meta.concrete_fields}
        for column in ("owner_id", "grantee_id"):
            if column in names:
                key = f"{model.__name__}.{column}"
                counts[key] = model._default_manager.filter(**{column: user_id}).count()
    counts["User"] = User.objects.filter(pk=user_id).count()
    counts["Session"] = sum(
        1
        for s in Session.objects.all()
        if str(s.get_decoded().get("_auth_user_id")) == str(user_id)
    )
    return counts


def integrity() -> dict[str, Any]:
    """The engine's own check (SQLite) and, on every engine, rows pointing at missing rows."""
    from django.apps import apps
    from django.db import connection
    from django.db.models import Exists, OuterRef

    report: dict[str, Any] = {"engine": connection.vendor, "orphans": {}}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            report["integrity_check"] = cursor.fetchone()[0]
            cursor.execute("PRAGMA foreign_key_check")
            report["foreign_key_check"] = len(cursor.fetchall())
    for model in apps.get_app_config("nextround").get_models():
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model is None:
                continue
            target = field.related_model._default_manager.filter(pk=OuterRef(field.attname))
            orphans = (
                model._default_manager.exclude(**{f"{field.attname}__isnull": True})
                .filter(~Exists(target))
                .count()
            )
            if orphans:
                report["orphans"][f"{model.__name__}.{field.attname}"] = orphans
    from nextround.store import models as m

    report["opportunities"] = m.Opportunity.objects.count()
    report["companies"] = sorted(m.Opportunity.objects.values_list("company", flat=True))
    return report


def main() -> None:
    from nextround import bootstrap

    bootstrap.setup()
    what = sys.argv[1]
    if what == "owner-rows":
        json.dump(owner_rows(int(sys.argv[2])), sys.stdout)
    elif what == "integrity":
        json.dump(integrity(), sys.stdout)


if __name__ == "__main__":
    main()
