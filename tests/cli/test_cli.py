"""The real `nextround` console script: what a person types and what they get back."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.cli_harness import SCRIPT, Cli


def test_help_lists_every_record_command_without_touching_a_database(tmp_path: Path) -> None:
    import subprocess

    env = {"NEXTROUND_DATA_DIR": str(tmp_path / "never"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(SCRIPT), "--help"], env=env, capture_output=True, text=True)
    assert result.returncode == 0
    for command in (
        "opportunity",
        "round",
        "interviewer",
        "question",
        "feedback",
        "story",
        "export",
        "import",
        "serve",
        "init",
    ):
        assert f"  {command} " in result.stdout
    assert not (tmp_path / "never").exists()


def test_the_first_command_creates_and_migrates_the_database(tmp_path: Path) -> None:
    import subprocess

    data = tmp_path / "fresh"
    env = {"NEXTROUND_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [str(SCRIPT), "opportunity", "list", "--json"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert (data / "nextround.sqlite3").exists()


def test_editing_the_job_description_from_a_file_works_in_a_fresh_process(tmp_path: Path) -> None:
    import subprocess

    env = {"NEXTROUND_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    jd = tmp_path / "job.txt"
    jd.write_text("Senior Analyst\n\nMust have\n- SQL\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True)

    made = run("opportunity", "add", "--company", "Acme", "--role", "Analyst", "--json")
    assert made.returncode == 0, made.stderr
    edited = run("opportunity", "edit", str(json.loads(made.stdout)["id"]), "--jd-file", str(jd))
    assert edited.returncode == 0, edited.stderr
    assert "Traceback" not in edited.stderr and "Updated opportunity" in edited.stdout


def test_a_person_records_a_debrief_and_the_next_rounds_panel(cli: Cli) -> None:
    jd = cli.data_dir.parent / "job.txt"
    jd.write_text("Senior Analyst\n\nMust have\n- SQL\n- Stakeholder management\n")
    opp = cli.json(
        "opportunity",
        "add",
        "--company",
        "Acme",
        "--role",
        "Senior Analyst",
        "--jd-file",
        str(jd),
        "--stage",
        "interviewing",
    )
    assert opp["jd_source_name"] == "job.txt"
    assert "Stakeholder management" in opp["job_description"]

    first = cli.json(
        "round",
        "add",
        str(opp["id"]),
        "--number",
        "1",
        "--date",
        "2026-11-17T10:00+00:00",
        "--status",
        "done",
    )
    person = cli.json(
        "interviewer",
        "add",
        str(first["id"]),
        "--name",
        "Priya Shah",
        "--title",
        "Analytics Manager",
        "--role",
        "hiring-manager",
    )
    question = cli.json(
        "question",
        "add",
        str(first["id"]),
        "--text",
        "Tell me about a difficult stakeholder.",
        "--answer",
        "No outcome given",
        "--rating",
        "2",
        "--reaction",
        "negative",
        "--interviewer",
        str(person["id"]),
    )
    assert (question["self_rating"], question["reaction"]) == (2, "negative")
    feedback = cli.json(
        "feedback",
        "add",
        str(first["id"]),
        "--text",
        "Felt you lacked experience managing stakeholders.",
        "--source",
        "consultant",
    )
    assert feedback["round_id"] == first["id"]

    second = cli.json(
        "round",
        "add",
        str(opp["id"]),
        "--date",
        "2026-12-03T10:00+00:00",
        "--format",
        "video",
        "--purpose",
        "delve-deeper",
    )
    assert second["number"] == 2
    for name in ("Tom Okafor", "Dana Levi"):
        cli.json("interviewer", "add", str(second["id"]), "--name", name)
    panel = cli.json("interviewer", "list", str(second["id"]))
    assert [p["name"] for p in panel] == ["Tom Okafor", "Dana Levi"]

    story = cli.json(
        "story",
        "add",
        "--title",
        "Churn model",
        "--situation",
        "Churn rose",
        "--task",
        "Find why",
        "--action",
        "I built a model",
        "--result",
        "-12%",
        "--skill",
        "SQL",
        "--skill",
        "leadership",
    )
    assert story["skills"] == ["SQL", "leadership"]


def test_list_prints_a_table_for_people(cli: Cli) -> None:
    cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    result = cli("opportunity", "list")
    assert result.code == 0
    assert "Acme" in result.out
    assert "Company" in result.out


def test_show_edit_and_delete_work_by_id(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    edited = cli.json("opportunity", "edit", str(opp["id"]), "--stage", "offer")
    assert edited["stage"] == "offer"
    assert cli.json("opportunity", "show", str(opp["id"]))["stage"] == "offer"
    gone = cli.json("opportunity", "delete", str(opp["id"]), "--yes")
    assert gone == {"deleted": "opportunity", "id": opp["id"]}
    assert cli.json("opportunity", "list") == []


def test_delete_asks_first_and_keeps_the_record_when_refused(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    result = cli("opportunity", "delete", str(opp["id"]), input="n\n")
    assert result.code == 1
    assert len(cli.json("opportunity", "list")) == 1


def test_bad_input_gets_one_line_and_exit_code_one(cli: Cli) -> None:
    cases = [
        (("opportunity", "show", "42"), "No opportunity with id 42."),
        (("opportunity", "add", "--role", "Analyst"), "Missing option --company"),
        (("round", "add", "7"), "No opportunity with id 7."),
        (
            ("opportunity", "add", "--company", "A", "--role", "B", "--stage", "dreaming"),
            "'dreaming' is not one of",
        ),
        (("opportunity", "show", "abc"), "'abc' is not a valid integer"),
        (("frobnicate",), "No such command 'frobnicate'"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.code == 1, args
        assert message in result.err, (args, result.err)
        assert "Traceback" not in result.err
        assert len(result.err.strip().splitlines()) == 1, result.err


def test_a_rating_out_of_range_names_the_field(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")
    rnd = cli.json("round", "add", str(opp["id"]))
    result = cli("question", "add", str(rnd["id"]), "--text", "Why?", "--rating", "9")
    assert result.code == 1
    assert "self rating" in result.err
    assert cli.json("question", "list") == []


def test_a_binary_job_description_file_is_refused(cli: Cli) -> None:
    junk = cli.data_dir.parent / "job.txt"
    junk.write_bytes(b"\x00\x01\x02binary\xff" * 100)
    result = cli("opportunity", "add", "--company", "A", "--role", "B", "--jd-file", str(junk))
    assert result.code == 1
    assert "job.txt" in result.err
    assert cli.json("opportunity", "list") == []


def test_export_then_import_into_an_empty_database_round_trips(cli: Cli, tmp_path: Path) -> None:
    opp = cli.json(
        "opportunity",
        "add",
        "--company",
        "Acme",
        "--role",
        "Analyst",
        "--consultant-name",
        "Zoë Brontë",
    )
    rnd = cli.json("round", "add", str(opp["id"]), "--date", "2026-12-03T10:00+01:00")
    cli.json("interviewer", "add", str(rnd["id"]), "--name", "Tom", "--years-at-company", "2.5")
    cli.json(
        "offer", "add", "--opportunity", str(opp["id"]), "--salary", "55000.50", "--currency", "EUR"
    )
    first = tmp_path / "first.json"
    assert cli("export", "--output", str(first)).code == 0

    import shutil

    fresh_dir = tmp_path / "other"
    fresh = Cli(dict(cli.env), fresh_dir)
    if "NEXTROUND_DATABASE_URL" in cli.env:
        # PostgreSQL: empty the same database first, as a person restoring onto a new server.
        for record in json.loads(first.read_text())["opportunities"]:
            cli.json("opportunity", "delete", str(record["id"]), "--yes")
        for offer in cli.json("offer", "list"):
            cli.json("offer", "delete", str(offer["id"]), "--yes")
    else:
        fresh.env["NEXTROUND_DATA_DIR"] = str(fresh_dir)
        shutil.rmtree(fresh_dir, ignore_errors=True)
    restored = fresh.json("import", str(first))
    assert restored["restored"]["opportunities"] == 1
    second = tmp_path / "second.json"
    assert fresh("export", "--output", str(second)).code == 0
    assert json.loads(first.read_text()) == json.loads(second.read_text())
    assert "Zoë Brontë" in first.read_text(encoding="utf-8")


def test_importing_a_malformed_backup_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "nextround-backup", "format_version": 1, "opportunities": [{}]}')
    result = cli("import", str(bad))
    assert result.code == 1
    assert "opportunities[0]" in result.err
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "nextround-backup", "format_version": 7}')
    result = cli("import", str(newer))
    assert result.code == 1
    assert "newer nextround" in result.err
    assert cli.json("opportunity", "list") == []


def test_serve_refuses_to_listen_beyond_this_machine_in_local_mode(cli: Cli) -> None:
    started = time.monotonic()
    result = cli("serve", "--host", "0.0.0.0", "--port", "8799", timeout=20)
    assert result.code == 1
    assert "only listens on this machine" in result.err
    assert time.monotonic() - started < 20


def test_a_bad_setting_stops_the_command_with_its_name(cli: Cli) -> None:
    cli.env["NEXTROUND_MODE"] = "cloud"
    result = cli("opportunity", "list")
    assert result.code == 1
    assert "NEXTROUND_MODE must be 'local' or 'server'" in result.err
