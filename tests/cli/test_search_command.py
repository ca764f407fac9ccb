"""`nextround search`: the real console script finds records by their words."""

from __future__ import annotations

from tests.cli_harness import Cli


def _world(cli: Cli) -> dict[str, int]:
    opp = cli.json(
        "opportunity",
        "add",
        "--company",
        "Northwind",
        "--role",
        "Platform Engineer",
        "--jd",
        "We run everything on Kubernetes.",
    )
    rnd = cli.json("round", "add", str(opp["id"]))
    person = cli.json("interviewer", "add", str(rnd["id"]), "--name", "Renée Ødegård")
    return {"opportunity": opp["id"], "round": rnd["id"], "person": person["id"]}


def test_search_finds_a_person_and_a_job_by_a_tool_in_its_description(cli: Cli) -> None:
    ids = _world(cli)
    found = cli.json("search", "renee")
    assert [(h["kind"], h["id"]) for h in found["results"]] == [("person", ids["person"])]
    assert found["results"][0]["matched"] == ["Renée"]
    plain = cli("search", "kube")
    assert plain.code == 0, plain.err
    assert "Platform Engineer at Northwind" in plain.out
    assert f"(opportunity {ids['opportunity']})" in plain.out
    assert "Kubernetes" in plain.out


def test_search_narrows_to_a_kind_and_explains_a_query_with_no_words(cli: Cli) -> None:
    _world(cli)
    assert cli.json("search", "kube", "--kind", "person")["results"] == []
    bad = cli("search", '"*"')
    assert bad.code == 1
    assert bad.err.strip() == 'Error: “"*"” has no letters or numbers to search for.'
    wrong = cli("search", "kube", "--kind", "cats")
    assert wrong.code == 1 and "'cats' is not one of" in wrong.err
    assert cli("search", "zzzz").out.strip() == "Nothing matches “zzzz”."
