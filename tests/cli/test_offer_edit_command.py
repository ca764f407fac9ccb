"""nextround offer edit: an offer changed after it is recorded, each refusal naming its field."""

from __future__ import annotations

from tests.cli_harness import Cli


def test_an_offer_is_changed_and_a_bad_value_is_named_and_left_unsaved(cli: Cli) -> None:
    opp = cli.json("opportunity", "add", "--company", "Acme", "--role", "Analyst")["id"]
    offer = cli.json("offer", "add", "--opportunity", str(opp), "--salary", "52000")["id"]
    edited = cli.json("offer", "edit", str(offer), "--salary", "56000", "--currency", "€")
    assert (edited["salary"], edited["currency"]) == ("56000", "EUR")
    for flag, value, said in [
        ("--salary", "-5", "salary: Ensure this value is greater than or equal to 0."),
        ("--deadline", "soon", "deadline: \u201csoon\u201d value has an invalid date format"),
        ("--currency", "$", "currency: \u201c$\u201d stands for more than one currency"),
    ]:
        refused = cli("offer", "edit", str(offer), flag, value)
        assert refused.code == 1, flag
        assert said in refused.err, refused.err
    shown = cli.json("offer", "show", str(offer))
    assert (shown["salary"], shown["currency"], shown["deadline"]) == ("56000.00", "EUR", None)
