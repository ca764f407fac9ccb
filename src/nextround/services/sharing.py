"""A candidate shares one opportunity with a coach or consultant as viewer or commenter."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from nextround.services import access
from nextround.services.errors import InvalidInput, NotFound
from nextround.services.records import opportunities
from nextround.services.users import LOCAL_USERNAME
from nextround.store import models as m


class NoAccount(InvalidInput):
    """No active account has this username (the web's share form answers as if shared)."""


@dataclass(frozen=True)
class ShareRow:
    id: int
    opportunity_id: int
    grantee: str
    role: str
    role_label: str
    created_at: dt.datetime


@dataclass(frozen=True)
class SharedOpportunity:
    id: int
    company: str
    role: str
    stage: str
    shared_by: str
    access: str


@dataclass(frozen=True)
class SharePanel:
    """What the opportunity page shows about sharing: your role and, for the owner, the shares."""

    opportunity_id: int
    my_role: str
    owner_name: str
    shares: list[ShareRow]
    roles: list[tuple[str, str]]

    @property
    def is_owner(self) -> bool:
        return self.my_role == "owner"


def _row(share: m.Share) -> ShareRow:
    return ShareRow(
        int(share.pk),
        share.opportunity_id,
        share.grantee.username,
        share.role,
        m.ShareRole(share.role).label,
        share.created_at,
    )


def _own_opportunity(owner: User, opportunity_id: int) -> m.Opportunity:
    opp = opportunities.get(owner, opportunity_id)
    if opp.owner_id != owner.pk:
        raise access.Forbidden("opportunity", opportunity_id)
    return opp


def share(owner: User, opportunity_id: int, username: str, role: str = "viewer") -> ShareRow:
    """Share (or change the role of a share of) one of the owner's opportunities."""
    opp = _own_opportunity(owner, opportunity_id)
    if role not in m.ShareRole.values:
        raise InvalidInput.one("role", f"must be one of {', '.join(m.ShareRole.values)}", "share")
    name = username.strip()
    grantee = (
        User.objects.filter(username__iexact=name, is_active=True)
        .exclude(username=LOCAL_USERNAME)
        .first()
    )
    if grantee is None or not name:
        raise NoAccount.one("username", f"no account named {name!r}", "share")
    if grantee.pk == owner.pk:
        raise InvalidInput.one("username", "you already own this opportunity", "share")
    try:
        with transaction.atomic():
            row, _ = m.Share.objects.update_or_create(
                opportunity=opp, grantee=grantee, defaults={"owner": owner, "role": role}
            )
    except IntegrityError as exc:
        raise InvalidInput.one("__all__", f"could not share ({exc})", "share") from None
    return _row(row)


@dataclass(frozen=True)
class ShareAsked:
    """What anyone sharing by username is told: the same whether or not the account exists."""

    opportunity_id: int
    username: str
    role: str
    message: str


def ask_to_share(
    owner: User, opportunity_id: int, username: str, role: str = "viewer"
) -> ShareAsked:
    """Share with a username if it has an account here, and say so in words that do not tell.

    The list of shares (the owner's own) is where the owner sees who now has access.
    """
    name = username.strip()
    if not name:
        raise InvalidInput.one("username", "type the username of the person to share with")
    # An unknown username is answered as a share is, so that no one learns which exist.
    with contextlib.suppress(NoAccount):
        share(owner, opportunity_id, name, role)
    message = f"Shared with {name} if they have an account here (check the list of shares)."
    return ShareAsked(opportunity_id, name, role, message)


def revoke(owner: User, share_id: int) -> int:
    """End a share; returns the opportunity's id."""
    row = m.Share.objects.filter(pk=share_id, owner=owner).first()
    if row is None:
        raise NotFound("share", share_id)
    opportunity_id = row.opportunity_id
    row.delete()
    return opportunity_id


def leave(grantee: User, opportunity_id: int) -> None:
    """A coach stops seeing an opportunity shared with them."""
    # The share is the candidate's record, but its grantee may always end it.
    with access.acting_as(None):
        deleted, _ = m.Share.objects.filter(opportunity_id=opportunity_id, grantee=grantee).delete()
    if not deleted:
        raise NotFound("share", opportunity_id)


def shares_of(owner: User, opportunity_id: int) -> list[ShareRow]:
    opp = _own_opportunity(owner, opportunity_id)
    return [_row(s) for s in m.Share.objects.filter(opportunity=opp).select_related("grantee")]


def panel(user: User, opportunity_id: int) -> SharePanel:
    opp = opportunities.get(user, opportunity_id)
    role = access.role_on(user, opp.pk) or "viewer"
    shares = (
        [_row(s) for s in m.Share.objects.filter(opportunity=opp).select_related("grantee")]
        if role == "owner"
        else []
    )
    owner_name = User.objects.filter(pk=opp.owner_id).values_list("username", flat=True).first()
    return SharePanel(int(opp.pk), role, owner_name or "", shares, list(m.ShareRole.choices))


def shared_with_me(user: User, limit: int | None = None) -> list[SharedOpportunity]:
    """Opportunities others shared with `user`, most recently changed first (one query)."""
    rows = (
        m.Share.objects.filter(grantee=user)
        .select_related("opportunity", "owner")
        .order_by("-opportunity__updated_at", "id")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        SharedOpportunity(
            s.opportunity_id,
            s.opportunity.company,
            s.opportunity.role,
            m.Stage(s.opportunity.stage).label,
            s.owner.username,
            s.role,
        )
        for s in rows
    ]
