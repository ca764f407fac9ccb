"""`nextround interviewer import --text` on pasted profiles in real shapes, and on bad input."""

from __future__ import annotations

import subprocess

import pytest

from tests.cli_harness import SCRIPT, Cli
from tests.formats.profile_shapes import BY_NAME


def round_of(cli: Cli) -> int:
    opp = cli.json("opportunity", "add", "--company", "Tallyho", "--role", "Engineering Manager")
    return int(cli.json("round", "add", str(opp["id"]))["id"])


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]


def test_a_pasted_profile_fills_in_every_field(cli: Cli) -> None:
    round_id = round_of(cli)
    text = BY_NAME["one_line_roles"].text
    result = cli("interviewer", "import", str(round_id), "--text", text)
    assert result.code == 0, result.err
    [person] = cli.json("interviewer", "list", str(round_id))
    assert person["name"] == "Priya Natarajan"
    assert person["title"] == "VP Engineering"
    assert (person["role"], person["seniority"]) == ("senior-executive", "executive")
    assert person["earlier_employers"] == ["Monzo", "Sky"]
    assert float(person["years_at_company"]) >= 2.2  # from Sep 2022 to today
    notes = person["research_notes"]
    assert "before that Monzo (2018–2022) and Sky (2014–2018)." in notes
    assert 'Paper: “I co-authored "Boring Deploys", a paper on progressive delivery' in notes
    assert "About: “I lead 60 engineers across payments and lending at Tallyho." in notes


def test_a_role_and_seniority_the_candidate_chose_are_kept(cli: Cli) -> None:
    round_id = round_of(cli)
    opp_id = cli.json("round", "show", str(round_id))["opportunity_id"]
    cli.json(
        "interviewer", "add", str(opp_id), "--name", "Priya Natarajan",
        "--role", "hiring-manager", "--seniority", "director",
    )  # fmt: skip
    data = cli(
        "interviewer", "import", str(round_id), "--text", "-", "--json",
        input=BY_NAME["one_line_roles"].text,
    ).json()  # fmt: skip
    assert data["created"] is False
    assert (data["role"], data["seniority"]) == ("hiring-manager", "director")
    assert data["title"] == "VP Engineering"


@pytest.mark.parametrize(
    ("stdin", "words"),
    [
        (b"", "the profile text is empty"),
        (b"  \n\t\n ", "the profile text is empty"),
        (b"x" * 300_000, "over the 200,000 limit"),
        (bytes(range(256)) * 40, "not readable text"),
        (b"Priya Natarajan\x00\x00\x00VP Engineering", "not readable text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 20, "not readable text"),
        (b"a" * 1_100_000, "over 1 MB"),
        (bytes(range(128, 256)) * 40, "not readable text"),
    ],
    ids=["empty", "blank", "huge", "binary", "nul", "png", "over-1-mb", "high-bytes"],
)
def test_bad_pasted_text_gives_one_clear_line_and_changes_nothing(
    cli: Cli, stdin: bytes, words: str
) -> None:
    round_id = round_of(cli)
    before = cli.json("interviewer", "list")
    proc = subprocess.run(
        [str(SCRIPT), "interviewer", "import", str(round_id), "--text", "-"],
        env=cli.env,
        input=stdin,
        capture_output=True,
        timeout=60,
    )
    assert_one_line_error(proc.returncode, proc.stderr.decode(), words)
    assert cli.json("interviewer", "list") == before


def test_text_piped_from_a_file_in_another_encoding_is_read(cli: Cli) -> None:
    round_id = round_of(cli)
    latin1 = "Zoë Brontë\nHead of Talent at Quillfield\n".encode("cp1252")
    proc = subprocess.run(
        [str(SCRIPT), "interviewer", "import", str(round_id), "--text", "-"],
        env=cli.env,
        input=latin1,
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    [person] = cli.json("interviewer", "list", str(round_id))
    assert (person["name"], person["title"]) == ("Zoë Brontë", "Head of Talent")
    assert (person["role"], person["seniority"]) == ("other", "director")


def test_a_binary_file_with_a_text_name_is_refused_clearly(cli: Cli) -> None:
    round_id = round_of(cli)
    path = cli.data_dir.parent / "profile.txt"
    path.write_bytes(bytes(range(256)) * 40)
    result = cli("interviewer", "import", str(round_id), str(path))
    assert_one_line_error(result.code, result.err, "profile.txt")
    assert cli.json("interviewer", "list") == []
