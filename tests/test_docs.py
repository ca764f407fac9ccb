"""The docs that tests keep honest: the reference matches the code, every setting is written up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_cli_and_settings_reference_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_command_is_in_the_reference() -> None:
    from nextround.cli.main import cli

    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"`nextround {name}`" in reference
        for sub in getattr(command, "commands", {}):
            assert f"`nextround {name} {sub}`" in reference


def test_every_setting_is_in_the_readme_or_the_settings_page() -> None:
    from nextround.config import SETTINGS

    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.env_name}`" in text


def test_the_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme
    assert "make test" in readme
