"""`nextround opportunity jd`, `--jd-file`, `cv import` and `interviewer import` on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli_harness import Cli
from tests.formats import corpus

BAD_MESSAGES = {
    "scanned_pdf": "needs OCR, which nextround does not include",
    "encrypted_pdf": "the PDF is password-protected",
    "truncated_pdf": "damaged or truncated",
    "zip_bomb_docx": "looks like a zip bomb",
    "png_named_pdf": "not a PDF: it looks like a PNG image",
}


def write(cli: Cli, name: str) -> Path:
    return corpus.item(name).write(cli.data_dir.parent)


def state(cli: Cli) -> dict[str, Any]:
    """What is stored, as the commands show it, to check that a refusal changed nothing."""
    return {
        kind: cli.json(kind, "list") for kind in ("opportunity", "interviewer", "story", "round")
    }


def assert_one_line_error(result: Any, *words: str) -> None:
    assert result.code == 1, result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("name", ["jd_pdf", "jd_docx", "jd_html"])
def test_opportunity_add_reads_a_job_description_of_any_kind(cli: Cli, name: str) -> None:
    item = corpus.item(name)
    opp = cli.json(
        "opportunity", "add", "--company", "Larkspur", "--role", "Engineer",
        "--jd-file", str(write(cli, name)),
    )  # fmt: skip
    assert opp["jd_source_name"] == item.filename
    lines = opp["job_description"].splitlines()
    assert any(line.startswith("#") and "Must have" in line for line in lines)
    assert f"- {item.bullets[0]}" in lines


def test_opportunity_jd_replaces_the_job_description(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Larkspur", "--role", "Engineer")
    result = cli("opportunity", "jd", str(opp["id"]), str(write(cli, "jd_pdf")))
    assert result.code == 0, result.err
    assert "from senior-data-engineer.pdf (pdf, 3 pages) into opportunity" in result.out
    shown = cli.json("opportunity", "show", str(opp["id"]))
    assert corpus.JD_MUST[0] in shown["job_description"]
    again = cli.json("opportunity", "jd", str(opp["id"]), str(write(cli, "jd_french_pdf")))
    assert corpus.FR_TITLE in again["job_description"]
    assert corpus.JD_MUST[0] not in again["job_description"]
    assert again["jd_source_name"] == "responsable-produit.pdf"


def test_a_text_file_in_another_encoding_is_read_with_a_warning(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Stadtwerke", "--role", "Projektleitung")
    result = cli("opportunity", "jd", str(opp["id"]), str(write(cli, "jd_german_cp1252")))
    assert result.code == 0
    assert "Warning: projektleitung.txt: not UTF-8; decoded as Windows-1252" in result.err
    assert "Kühlungsborn" in cli.json("opportunity", "show", str(opp["id"]))["job_description"]


@pytest.mark.parametrize("name", sorted(BAD_MESSAGES))
def test_a_bad_job_description_changes_nothing(cli: Cli, name: str) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    path = write(cli, name)
    before = state(cli)
    result = cli("opportunity", "jd", str(opp["id"]), str(path))
    assert_one_line_error(result, path.name, BAD_MESSAGES[name])
    added = cli("opportunity", "add", "--company", "B", "--role", "C", "--jd-file", str(path))
    assert_one_line_error(added, path.name, BAD_MESSAGES[name])
    assert state(cli) == before


def test_a_100_mb_file_is_refused_before_it_is_read(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    huge = cli.data_dir.parent / "huge.pdf"
    with huge.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(100 * 1024 * 1024)  # sparse: the test does not write 100 MB
    before = state(cli)
    result = cli("opportunity", "jd", str(opp["id"]), str(huge), timeout=20)
    assert_one_line_error(result, "huge.pdf: the file is 100.0 MB, over the 20.0 MB limit")
    added = cli("opportunity", "add", "--company", "B", "--role", "C", "--jd-file", str(huge))
    assert_one_line_error(added, "huge.pdf: the file is 100.0 MB, over the 20.0 MB limit")
    cv = cli("cv", "import", str(huge))
    assert_one_line_error(cv, "huge.pdf: the file is 100.0 MB")
    assert state(cli) == before


def test_a_file_that_is_not_what_its_extension_says_is_named(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    fake = cli.data_dir.parent / "advert.docx"
    fake.write_text("Senior Analyst\nMust have SQL\n")
    result = cli("opportunity", "jd", str(opp["id"]), str(fake))
    assert_one_line_error(result, "advert.docx: not a Word .docx file: it looks like plain text")


def test_an_unknown_opportunity_is_named(cli: Cli) -> None:
    result = cli("opportunity", "jd", "42", str(write(cli, "jd_pdf")))
    assert_one_line_error(result, "No opportunity with id 42.")


# --- cv import -----------------------------------------------------------------------------------


def test_a_dry_run_shows_the_cv_and_saves_nothing(cli: Cli) -> None:
    before = state(cli)
    result = cli("cv", "import", str(write(cli, "cv_pdf")), "--dry-run")
    assert result.code == 0, result.err
    assert "Larkspur Analytics" in result.out and "Brightwater Bank" in result.out
    assert "Cut onboarding time by 40%" in result.out
    assert "Dry run: nothing was saved." in result.out
    data = cli.json("cv", "import", str(write(cli, "cv_pdf")), "--dry-run")
    assert data["dry_run"] is True
    assert data["skills"] == list(corpus.MAYA_SKILLS)
    assert [r["employer"] for r in data["roles"]][:2] == ["Larkspur Analytics", "Brightwater Bank"]
    assert all("situation" in d["needs"] for d in data["drafts"])
    assert state(cli) == before


def test_importing_a_cv_makes_story_drafts_once(cli: Cli) -> None:
    result = cli.json("cv", "import", str(write(cli, "cv_two_column_pdf")))
    assert result["skills"] == list(corpus.TOMAS_SKILLS)
    made = cli.json("story", "list")
    assert len(made) == len(result["stories_created"]) > 0
    story = cli.json("story", "show", str(result["stories_created"][0]))
    assert story["situation"].startswith("To complete:")
    assert story["task"].startswith("To complete:")
    again = cli("cv", "import", str(write(cli, "cv_two_column_docx")))
    assert again.code == 0
    assert "0 story drafts created" in again.out
    assert cli.json("story", "list") == made


@pytest.mark.parametrize("name", sorted(BAD_MESSAGES))
def test_a_bad_cv_file_changes_nothing(cli: Cli, name: str) -> None:
    before = state(cli)
    path = write(cli, name)
    assert_one_line_error(cli("cv", "import", str(path)), path.name, BAD_MESSAGES[name])
    assert_one_line_error(cli("cv", "import", str(path), "--dry-run"), BAD_MESSAGES[name])
    assert state(cli) == before


# --- interviewer import --------------------------------------------------------------------------


def round_of(cli: Cli) -> int:
    opp = cli.json("opportunity", "add", "--company", "Corvid Systems", "--role", "Analyst")
    return int(cli.json("round", "add", str(opp["id"]))["id"])


def test_a_profile_pdf_adds_the_interviewer_to_the_round(cli: Cli) -> None:
    round_id = round_of(cli)
    result = cli("interviewer", "import", str(round_id), str(write(cli, "profile_pdf")))
    assert result.code == 0, result.err
    assert "Added interviewer" in result.out and "Priya Raman" in result.out
    people = cli.json("interviewer", "list", str(round_id))
    assert [p["name"] for p in people] == ["Priya Raman"]
    person = people[0]
    assert person["title"] == "Head of Data"
    assert person["earlier_employers"] == ["Initech Analytics", "Globe Mutual Insurance"]
    assert float(person["years_at_company"]) >= 5.8
    assert "before that Initech Analytics" in person["research_notes"]


def test_pasted_text_updates_the_interviewer_named(cli: Cli) -> None:
    round_id = round_of(cli)
    opp_id = cli.json("round", "show", str(round_id))["opportunity_id"]
    someone = cli.json("interviewer", "add", str(opp_id), "--name", "P. Raman")
    data = cli(
        "interviewer", "import", str(round_id), "--interviewer", str(someone["id"]),
        "--text", "-", "--json", input=corpus.profile_text(),
    ).json()  # fmt: skip
    assert data["interviewer_id"] == someone["id"] and data["created"] is False
    assert data["title"] == "Head of Data"
    assert [p["name"] for p in cli.json("interviewer", "list", str(round_id))] == ["P. Raman"]


def test_interviewer_import_needs_exactly_one_source(cli: Cli) -> None:
    round_id = round_of(cli)
    neither = cli("interviewer", "import", str(round_id))
    assert_one_line_error(neither, "Give exactly one of FILE or --text.")
    both = cli(
        "interviewer", "import", str(round_id), str(write(cli, "profile_pdf")), "--text", "x"
    )
    assert_one_line_error(both, "Give exactly one of FILE or --text.")


def test_a_bad_profile_or_unknown_round_changes_nothing(cli: Cli) -> None:
    round_id = round_of(cli)
    before = state(cli)
    scanned = write(cli, "scanned_pdf")
    assert_one_line_error(cli("interviewer", "import", str(round_id), str(scanned)), "needs OCR")
    assert_one_line_error(
        cli("interviewer", "import", "999", str(write(cli, "profile_pdf"))),
        "No round with id 999.",
    )
    assert_one_line_error(
        cli("interviewer", "import", str(round_id), "--text", "Eggs\nMilk"),
        "is it a profile?",
    )
    assert state(cli) == before
