"""Search everything: one index table of each record's words, filled from the records there.

SQLite indexes the words in an FTS5 table kept in step by triggers on the index table (never on
the records' tables, which Django rebuilds when their columns change, dropping any trigger);
PostgreSQL in a generated tsvector column (the title weighted above the body) with a GIN index.
"""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FTS = "nextround_search_fts"
TABLE = "nextround_searchentry"

SQLITE = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        title_words, body_words, content='{TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, title_words, body_words)
        VALUES (new.id, new.title_words, new.body_words);
    END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_words, body_words)
        VALUES ('delete', old.id, old.title_words, old.body_words);
    END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_words, body_words)
        VALUES ('delete', old.id, old.title_words, old.body_words);
        INSERT INTO {FTS}(rowid, title_words, body_words)
        VALUES (new.id, new.title_words, new.body_words);
    END""",
]
SQLITE_BACK = [
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TABLE IF EXISTS {FTS}",
]
POSTGRESQL = [
    f"""ALTER TABLE {TABLE} ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_words), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_words), 'B')) STORED""",
    f"CREATE INDEX nextround_search_document ON {TABLE} USING GIN (document)",
]
POSTGRESQL_BACK = [
    "DROP INDEX IF EXISTS nextround_search_document",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS document",
]


def _run(schema_editor: Any, statements: dict[str, list[str]]) -> None:
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def create_index(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRESQL})


def drop_index(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"sqlite": SQLITE_BACK, "postgresql": POSTGRESQL_BACK})


def fill_index(apps: Any, schema_editor: Any) -> None:
    from nextround.services import search_index

    search_index.rebuild(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("nextround", "0007_sample_marks_and_form_tokens"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                ("object_id", models.BigIntegerField()),
                ("title", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("title_words", models.TextField(blank=True)),
                ("body_words", models.TextField(blank=True)),
                (
                    "opportunity",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="nextround.opportunity",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="nextround.round",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "search entries",
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_once")
                ],
            },
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(fill_index, migrations.RunPython.noop),
    ]
