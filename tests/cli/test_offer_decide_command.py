"""nextround offer decide --accept: says what else it closes, asks, and keeps what you --keep."""

from __future__ import annotations

from tests.cli_harness import Cli


def test_accepting_asks_then_withdraws_from_the_others_except_those_kept(cli: Cli) -> None:
    chosen = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")["id"]
    kept = cli.json("opportunity", "add", "--company", "Globex", "--role", "Lead")["id"]
    left = cli.json("opportunity", "add", "--company", "Initech", "--role", "Analyst")["id"]
    offer = cli.json("offer", "add", "--opportunity", str(chosen))["id"]
    refused = cli("offer", "decide", str(offer), "--accept")
    assert refused.code == 1
    assert "Accepting Analyst at Acme also closes:" in refused.err
    assert "Lead at Globex" in refused.err and "Analyst at Initech" in refused.err
    assert cli.json("offer", "show", str(offer))["decision"] == "pending"
    done = cli.json("offer", "decide", str(offer), "--accept", "--keep", str(kept), "--yes")
    assert done["withdrawn"] == ["Analyst at Initech"]
    assert cli.json("opportunity", "show", str(left))["stage"] == "withdrawn"
    assert cli.json("opportunity", "show", str(kept))["stage"] == "interviewing"
