"""`nextround cv import` on real CVs: honest drafts, and repeats left out and said."""

from __future__ import annotations

from pathlib import Path

from tests.cli_harness import Cli
from tests.formats.cv_shapes import cv


def test_a_repeated_achievement_is_shown_and_left_out(cli: Cli, tmp_path: Path) -> None:
    shape = cv("markdown")
    path = tmp_path / shape.filename
    path.write_bytes(shape.data)
    dry = cli("cv", "import", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert "(like draft 1; left out)" in " ".join(dry.out.split())
    done = cli("cv", "import", str(path))
    assert done.code == 0, done.err
    assert "2 story drafts created (0 already saved, 1 left out as like one of your stories" in (
        " ".join(done.out.split())
    )
    stories = cli.json("story", "list")
    assert sorted(s["title"] for s in stories) == [
        "Designed the event pipeline that now carries 2 billion",
        "Halved cloud spend to £40k a month",
    ]
    full = cli.json("story", "show", str(stories[0]["id"]))
    assert full["action"] != full["result"]


def test_a_pdf_cv_saves_each_draft_with_what_is_left_to_write(cli: Cli, tmp_path: Path) -> None:
    shape = cv("pdf")
    path = tmp_path / shape.filename
    path.write_bytes(shape.data)
    data = cli.json("cv", "import", str(path))
    assert len(data["stories_created"]) == 5
    shown = [cli.json("story", "show", str(i)) for i in data["stories_created"]]
    by_title = {s["title"]: s for s in shown}
    led = by_title["Led the migration of 120 services to Kubernetes"]
    assert led["result"] == "Led the migration of 120 services to Kubernetes"
    assert led["action"].startswith("To complete: your action")
    runbooks = by_title["Wrote the incident runbooks used by every on-call engineer"]
    assert runbooks["result"].startswith("To complete: the result")
