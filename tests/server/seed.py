"""Run inside a server-mode process: make the accounts and the shared world the tests use."""

from __future__ import annotations

import json
import sys

PASSWORD = "correct horse battery staple 7"
PERSONAS = ("owner", "viewer", "commenter", "stranger")


def main() -> None:
    from nextround import bootstrap

    bootstrap.setup()
    from nextround.services import accounts, sharing
    from nextround.services import records as r
    from tests.world import make_world

    users = {name: accounts.add_user(name, PASSWORD, admin=name == "owner") for name in PERSONAS}
    world = make_world(users["owner"])
    sharing.share(users["owner"], world.acme.pk, "viewer", "viewer")
    share = sharing.share(users["owner"], world.acme.pk, "commenter", "commenter")
    ask = r.questions_to_ask.create(
        users["owner"], world.round2.pk, text="What does success look like?"
    )
    follow_up = r.follow_ups.create(
        users["owner"], world.round1.pk, kind="thank-you", subject="Thank you", body="Thanks."
    )
    offer = r.offers.create(users["owner"], opportunity_id=world.acme.pk, label="Acme offer")
    requirement = r.requirements.list(users["owner"], world.acme.pk)[0]
    evidence = r.evidence.list(users["owner"])
    if not evidence:
        evidence = [r.evidence.create(users["owner"], requirement.pk, story_id=world.story.pk)]
    from nextround.store import models as m

    item = m.ChecklistItem.objects.create(
        owner=users["owner"], round=world.round2, key="research", label="Read their report"
    )
    stranger_opp = r.opportunities.create(users["stranger"], company="Hooli", role="Analyst")
    ids = {
        "acme": world.acme.pk,
        "globex": world.globex.pk,
        "round1": world.round1.pk,
        "round2": world.round2.pk,
        "priya": world.priya.pk,
        "question": world.weak_question.pk,
        "feedback": world.feedback.pk,
        "story": world.story.pk,
        "ask": ask.pk,
        "follow_up": follow_up.pk,
        "offer": offer.pk,
        "requirement": requirement.pk,
        "share": share.id,
        "stranger_opp": stranger_opp.pk,
        "evidence": evidence[0].pk,
        "checklist": item.pk,
    }
    tokens = {name: accounts.create_token(user, "tests").token for name, user in users.items()}
    json.dump({"ids": ids, "tokens": tokens, "password": PASSWORD}, sys.stdout)


if __name__ == "__main__":
    main()
