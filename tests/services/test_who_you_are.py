"""Who you are: an invite never lists the candidate as their own interviewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nextround.services import identity, invites, profile
from nextround.services import records as r
from nextround.services.errors import InvalidInput, NotFound
from nextround.store import models as m

DATA = Path(__file__).resolve().parents[1] / "formats" / "data" / "invites"


def ics(
    summary: str,
    attendees: list[tuple[str, str]],
    organiser: tuple[str, str] | None = None,
    uid: str = "final-round-42@corvid.example",
    sequence: int = 0,
) -> bytes:
    """An invite as Outlook or Google would send it to the candidate."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Corvid Systems//Calendar//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        "DTSTAMP:20261101T090000Z",
        "DTSTART:20261112T140000Z",
        "DTEND:20261112T150000Z",
        f"SUMMARY:{summary}",
    ]
    if organiser:
        lines.append(f"ORGANIZER;CN={organiser[0]}:mailto:{organiser[1]}")
    for name, address in attendees:
        cn = f';CN="{name}"' if name else ""
        lines.append(f"ATTENDEE;ROLE=REQ-PARTICIPANT{cn}:mailto:{address}")
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


PRIYA = ("Priya Raman", "priya.raman@fastmail.example")
OWEN = ("Owen Blake", "owen.blake@corvid.example")
LENA = ("Lena Fischer", "lena.fischer@corvid.example")
HANNAH = ("Hannah Cole", "hannah@talentbridge.example")


@pytest.fixture
def corvid(user: Any) -> m.Opportunity:
    return r.opportunities.create(user, company="Corvid Systems", role="Data Lead")


def panel(user: Any, round_: m.Round) -> list[str]:
    return sorted(p.name for p in r.interviewers.of_round(user, round_.pk))


def test_your_profile_name_leaves_you_out_even_at_an_address_it_does_not_know(
    user: Any, corvid: m.Opportunity
) -> None:
    profile.update(user, full_name="Priya Raman")
    data = ics("Final interview", [OWEN, ("Raman, Priya", "p.raman@gmail.example")], OWEN)
    result = invites.import_invite(user, corvid.pk, data)
    assert panel(user, result.round) == ["Owen Blake"]
    assert result.you is None
    assert "Priya" not in result.message


def test_with_no_profile_the_attendee_named_in_the_title_is_taken_to_be_you(
    user: Any, corvid: m.Opportunity
) -> None:
    data = ics("Final interview: Priya Raman / Data Lead", [OWEN, LENA, PRIYA], OWEN)
    result = invites.import_invite(user, corvid.pk, data)
    assert panel(user, result.round) == ["Lena Fischer", "Owen Blake"]
    assert result.you == identity.Guess(
        "Priya Raman", "priya.raman@fastmail.example", "the attendee named in the invite's title"
    )
    assert result.message.endswith(
        "Took Priya Raman to be you (the attendee named in the invite's title)."
    )
    assert not m.Interviewer.objects.filter(name="Priya Raman").exists()


def test_with_no_profile_the_one_invited_from_outside_while_the_others_organise_is_you(
    user: Any, corvid: m.Opportunity
) -> None:
    data = ics("Second interview", [OWEN, LENA, ("", "priya.raman@fastmail.example")], OWEN)
    result = invites.import_invite(user, corvid.pk, data)
    assert panel(user, result.round) == ["Lena Fischer", "Owen Blake"]
    assert result.you is not None
    assert result.you.reason == "the only attendee invited from outside corvid.example"
    assert "Took Priya Raman to be you" in result.message


def test_a_name_after_with_in_the_title_is_someone_you_meet_not_you(
    user: Any, corvid: m.Opportunity
) -> None:
    data = ics("Interview with Lena Fischer", [LENA, PRIYA], OWEN)
    result = invites.import_invite(user, corvid.pk, data)
    assert result.you is not None and result.you.name == "Priya Raman"
    assert panel(user, result.round) == ["Lena Fischer", "Owen Blake"]


def test_when_the_rules_disagree_nobody_is_taken_and_the_message_says_so(
    user: Any, corvid: m.Opportunity
) -> None:
    # The title names Lena; the one invited from outside is Priya: too unsure to leave anyone out.
    data = ics("Lena Fischer - final round", [LENA, PRIYA], OWEN)
    result = invites.import_invite(user, corvid.pk, data)
    assert result.you is None and result.unsure
    assert panel(user, result.round) == ["Lena Fischer", "Owen Blake", "Priya Raman"]
    assert "Could not tell which attendee is you" in result.message


def test_reimporting_after_saving_a_profile_removes_you_and_the_round_is_one_to_one_again(
    user: Any, corvid: m.Opportunity
) -> None:
    r.opportunities.update(user, corvid.pk, consultant_email="")
    # Two people from outside the organiser's domain and no names in the title: nobody is left out.
    data = ics("Final interview", [OWEN, PRIYA, HANNAH], OWEN)
    first = invites.import_invite(user, corvid.pk, data)
    assert first.unsure or first.you is None
    assert "Priya Raman" in panel(user, first.round)
    profile.update(user, email="priya.raman@fastmail.example")
    again = invites.import_invite(user, corvid.pk, ics("Final interview", [OWEN, PRIYA], OWEN))
    assert again.removed == ["Priya Raman"]
    assert panel(user, again.round) == ["Hannah Cole", "Owen Blake"]
    assert "Removed Priya Raman from the interviewers: your profile says that is you." in (
        again.message
    )
    assert not m.Interviewer.objects.filter(name="Priya Raman").exists()


def test_a_round_that_was_a_panel_only_because_of_you_is_one_to_one_after_reimport(
    user: Any, corvid: m.Opportunity
) -> None:
    data = ics("Final interview", [PRIYA, HANNAH], OWEN)
    first = invites.import_invite(user, corvid.pk, data)
    first.round.refresh_from_db()
    assert first.round.kind == "panel"  # Owen, Priya and Hannah, as far as anyone could tell
    m.Interviewer.objects.filter(name="Hannah Cole").delete()
    profile.update(user, email="priya.raman@fastmail.example")
    again = invites.import_invite(user, corvid.pk, ics("Final interview", [PRIYA], OWEN))
    again.round.refresh_from_db()
    assert panel(user, again.round) == ["Owen Blake"]
    assert again.round.kind == "one-to-one"


def test_a_panel_chosen_by_hand_stays_a_panel(user: Any, corvid: m.Opportunity) -> None:
    round_ = r.rounds.create(user, corvid.pk, kind="panel", scheduled_at="2026-11-12T14:00Z")
    result = invites.import_invite(user, corvid.pk, ics("Final interview", [PRIYA], OWEN))
    assert result.round.pk == round_.pk
    result.round.refresh_from_db()
    assert result.round.kind == "panel"


def test_an_invite_with_two_interviewers_besides_you_is_a_panel(
    user: Any, corvid: m.Opportunity
) -> None:
    result = invites.import_invite(user, corvid.pk, ics("Second interview", [LENA, PRIYA], OWEN))
    result.round.refresh_from_db()
    assert result.round.kind == "panel"
    assert result.round.get_kind_display() == "Panel"


def test_a_second_interviewer_added_by_hand_makes_the_round_a_panel(
    user: Any, corvid: m.Opportunity
) -> None:
    round_ = r.rounds.create(user, corvid.pk)
    r.interviewers.add_to_round(user, round_.pk, name="Owen Blake")
    round_.refresh_from_db()
    assert round_.kind == "one-to-one"
    other = r.rounds.create(user, corvid.pk)
    lena = r.interviewers.add_to_round(user, other.pk, name="Lena Fischer")
    r.interviewers.link(user, round_.pk, lena.pk)
    round_.refresh_from_db()
    assert round_.kind == "panel"


def test_an_outlook_invite_with_your_profile_name_in_another_case_leaves_you_out(
    user: Any, corvid: m.Opportunity
) -> None:
    profile.update(user, full_name="alex morgan")
    result = invites.import_invite(user, corvid.pk, (DATA / "outlook_teams.ics").read_bytes())
    assert "Alex Morgan" not in panel(user, result.round)
    assert result.you is None


# Changing who was taken to be you -----------------------------------------------------------


def test_confirming_the_guess_keeps_the_name_and_address_as_yours(user: Any) -> None:
    identity.confirm(user, "Priya Raman", "priya.raman@fastmail.example")
    saved = profile.get(user)
    assert (saved.full_name, saved.email) == ("Priya Raman", "priya.raman@fastmail.example")
    identity.confirm(user, "P. Raman", "p.raman@gmail.example")
    saved = profile.get(user)
    assert saved.full_name == "Priya Raman"
    assert saved.other_emails == ["p.raman@gmail.example"]


def test_the_person_taken_to_be_you_can_be_put_on_the_round_after_all(
    user: Any, corvid: m.Opportunity
) -> None:
    result = invites.import_invite(user, corvid.pk, ics("Second interview", [LENA, PRIYA], OWEN))
    assert result.you is not None
    identity.not_me(user, result.round.pk, result.you.name, result.you.email)
    assert panel(user, result.round) == ["Lena Fischer", "Owen Blake", "Priya Raman"]
    assert m.Interviewer.objects.get(name="Priya Raman").email == result.you.email


def test_someone_else_on_the_round_can_be_you_and_the_guess_joins_the_panel(
    user: Any, corvid: m.Opportunity
) -> None:
    result = invites.import_invite(user, corvid.pk, ics("Second interview", [LENA, PRIYA], OWEN))
    lena = m.Interviewer.objects.get(name="Lena Fischer")
    removed = identity.this_is_me(user, result.round.pk, lena.pk, result.you)
    assert removed == "Lena Fischer"
    assert panel(user, result.round) == ["Owen Blake", "Priya Raman"]
    saved = profile.get(user)
    assert (saved.full_name, saved.email) == ("Lena Fischer", "lena.fischer@corvid.example")
    # The next import of the same invite knows who you are.
    again = invites.import_invite(
        user, corvid.pk, ics("Second interview", [LENA, PRIYA], OWEN, sequence=1)
    )
    assert again.you is None
    assert panel(user, again.round) == ["Owen Blake", "Priya Raman"]


def test_a_person_of_another_opportunity_cannot_be_taken_as_you(
    user: Any, corvid: m.Opportunity
) -> None:
    other = r.opportunities.create(user, company="Globex", role="Analyst")
    there = r.rounds.create(user, other.pk)
    person = r.interviewers.add_to_round(user, there.pk, name="Sam Ode")
    here = r.rounds.create(user, corvid.pk)
    with pytest.raises(InvalidInput, match="belongs to another opportunity"):
        identity.this_is_me(user, here.pk, person.pk)
    assert m.Interviewer.objects.filter(pk=person.pk).exists()
    assert profile.get(user).pk is None


def test_nobody_else_can_say_who_you_are_on_your_round(world: Any, other_user: Any) -> None:
    with pytest.raises(NotFound):
        identity.this_is_me(other_user, world.round1.pk, world.priya.pk)
    with pytest.raises(NotFound):
        identity.not_me(other_user, world.round1.pk, "Mallory Doe", "")
    assert m.Interviewer.objects.filter(pk=world.priya.pk).exists()
    assert not m.Interviewer.objects.filter(name="Mallory Doe").exists()
