"""Who you are in the terminal: `nextround init` asks, imports leave you out, people come off."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

from tests.cli_harness import SCRIPT, Cli
from tests.services.test_who_you_are import LENA, OWEN, PRIYA, ics


class Terminal:
    """`nextround` run on a pseudo-terminal, as a person at a keyboard runs it."""

    def __init__(self, cli: Cli, *args: str) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [str(SCRIPT), *args], env=cli.env, stdin=slave, stdout=slave, stderr=slave
        )
        os.close(slave)
        self.seen = ""

    def read_until(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"never saw {text!r}; the screen shows:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the program ended and closed the terminal
                    chunk = b""
                if not chunk:
                    assert text in self.seen, f"ended without {text!r}:\n{self.seen}"
                self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return self.seen

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def finish(self) -> int:
        code = self.proc.wait(timeout=30)
        os.close(self.master)
        return code


def test_init_asks_your_name_and_email_and_asks_again_for_a_bad_address(cli: Cli) -> None:
    term = Terminal(cli, "init")
    term.read_until("Your name")
    term.type("Priya Raman")
    term.read_until("Your email")
    term.type("priya at home")
    term.read_until("is not an email address")
    term.type("priya.raman@fastmail.example")
    screen = term.read_until("You are Priya Raman (priya.raman@fastmail.example).")
    assert term.finish() == 0
    assert "nextround is ready:" in screen
    shown = cli.json("profile", "show")
    assert (shown["full_name"], shown["email"]) == ("Priya Raman", "priya.raman@fastmail.example")


def test_init_can_be_skipped_and_says_how_to_say_who_you_are_later(cli: Cli) -> None:
    term = Terminal(cli, "init")
    term.read_until("Your name")
    term.type("")
    term.read_until("Your email")
    term.type("")
    term.read_until("Say who you are any time: nextround profile set --name NAME --email EMAIL.")
    assert term.finish() == 0
    assert cli.json("profile", "show")["full_name"] == ""


def test_init_takes_name_and_email_as_options_and_asks_nothing_without_a_terminal(
    cli: Cli,
) -> None:
    quiet = cli("init")
    assert quiet.code == 0 and "Your name" not in quiet.out
    done = cli.json("init", "--name", "Priya Raman", "--email", "priya.raman@fastmail.example")
    assert done["profile"] == {"full_name": "Priya Raman", "email": "priya.raman@fastmail.example"}
    bad = cli("init", "--email", "not-an-address")
    assert bad.code == 1 and "not an email address" in bad.err


def test_an_import_says_who_it_took_to_be_you_and_how_to_change_it(
    cli: Cli, tmp_path: Path
) -> None:
    opp = cli.json("opportunity", "add", "--company", "Corvid Systems", "--role", "Data Lead")
    invite = tmp_path / "final.ics"
    invite.write_bytes(ics("Final interview: Priya Raman / Data Lead", [OWEN, LENA, PRIYA], OWEN))
    result = cli("round", "import-invite", str(opp["id"]), str(invite))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    took = "Took Priya Raman to be you (the attendee named in the invite's title)."
    assert lines[0].endswith(took)
    round_id = cli.json("round", "list", str(opp["id"]))[0]["id"]
    assert lines[1] == (
        "To change it: if Priya Raman is an interviewer, nextround interviewer add "
        f"{round_id} --name 'Priya Raman' --email priya.raman@fastmail.example"
    )
    assert lines[2] == (
        "If that is you, keep it for later invites: nextround profile set --name 'Priya Raman' "
        "--email priya.raman@fastmail.example"
    )
    again = cli.json("round", "import-invite", str(opp["id"]), str(invite))
    assert again["you"]["name"] == "Priya Raman"
    names = sorted(p["name"] for p in cli.json("interviewer", "list", str(round_id)))
    assert names == ["Lena Fischer", "Owen Blake"]


def test_a_person_comes_off_a_round_and_can_be_deleted(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Corvid Systems", "--role", "Data Lead")
    first = cli.json("round", "add", str(opp["id"]))
    lena = cli.json("interviewer", "add", str(first["id"]), "--name", "Lena Fischer")
    off = cli("unlink", str(first["id"]), str(lena["id"]))
    assert off.code == 0
    assert off.out.strip() == f"Lena Fischer is not on round {first['id']}'s panel."
    assert cli.json("interviewer", "list", str(first["id"])) == []
    gone = cli("interviewer", "delete", str(lena["id"]), "--yes")
    assert gone.code == 0
    assert cli.json("interviewer", "list") == []
