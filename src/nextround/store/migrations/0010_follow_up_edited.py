"""A follow-up remembers when the person changed its words, so drafting again keeps them."""

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("nextround", "0009_cv_drafts_plain_titles"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="edited_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the person changed its words: drafting keeps them.",
                null=True,
            ),
        ),
    ]
