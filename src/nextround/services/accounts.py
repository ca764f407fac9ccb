"""Accounts in server mode: add, sign in (throttled), sign up, passwords, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.http import base36_to_int, int_to_base36

from nextround.services.errors import InvalidInput, ServiceError
from nextround.services.users import LOCAL_USERNAME
from nextround.store import models as m

THROTTLE_WINDOW = dt.timedelta(minutes=15)
INVITE_LIFETIME = dt.timedelta(days=14)
USERNAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-@+")


class Throttled(ServiceError):
    """Too many failed sign-ins for this account or address."""


def digest(token: str) -> str:
    """How tokens are stored: only their SHA-256, so a copied database reveals none."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_username(username: str) -> str:
    name = username.strip()
    if not 3 <= len(name) <= 150:
        raise InvalidInput.one("username", "must be 3 to 150 characters")
    if not set(name.lower()) <= USERNAME_CHARS:
        raise InvalidInput.one("username", "may hold only letters, digits and . _ - @ +")
    if name.lower() == LOCAL_USERNAME:
        raise InvalidInput.one("username", f"{name!r} is reserved")
    if User.objects.filter(username__iexact=name).exists():
        raise InvalidInput.one("username", f"{name!r} is taken")
    return name


def _check_password(password: str, user: User | None = None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput({"password": list(exc.messages)}) from None


def add_user(username: str, password: str, email: str = "", admin: bool = False) -> User:
    """A new account; the password must pass the strength checks."""
    name = _check_username(username)
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput.one("email", f"{email!r} is not an e-mail address") from None
    _check_password(password, User(username=name, email=email))
    try:
        with transaction.atomic():
            return User.objects.create_user(
                name, email=email, password=password, is_staff=admin, is_superuser=admin
            )
    except IntegrityError:
        raise InvalidInput.one("username", f"{name!r} is taken") from None


def accounts() -> list[User]:
    return list(User.objects.exclude(username=LOCAL_USERNAME).order_by("username"))


# Sign-in throttling -------------------------------------------------------------------------


def _keys(username: str, address: str) -> list[str]:
    # Hashed, so that the table of failures holds no names or addresses in the clear.
    pair = username.strip().lower() + "\n" + address
    return [digest("pair:" + pair), digest("addr:" + address)]


def _failures(key: str, since: dt.datetime) -> int:
    return m.LoginAttempt.objects.filter(key=key, at__gte=since).count()


def sign_in(username: str, password: str, address: str) -> User:
    """The account for these credentials; too many recent failures refuse without checking.

    Failures count per (username, address), so nobody can lock another person out from
    elsewhere; one address also has a larger allowance over all usernames. Each attempt is
    recorded before its password is checked, so concurrent attempts count each other and no
    more passwords are checked than the limit allows.
    """
    now = timezone.now()
    keys = _keys(username, address)
    # One address may be a whole campus behind NAT: it gets ten times a pair's allowance.
    limits = (settings.LOGIN_ATTEMPTS, settings.LOGIN_ATTEMPTS * 10)
    since = now - THROTTLE_WINDOW
    if any(_failures(k, since) >= n for k, n in zip(keys, limits, strict=True)):
        raise Throttled("Too many failed sign-ins. Wait 15 minutes and try again.")
    mine = [m.LoginAttempt.objects.create(key=k, at=now).pk for k in keys]
    if any(_failures(k, since) > n for k, n in zip(keys, limits, strict=True)):
        # Another attempt took the last place between the check and the record.
        m.LoginAttempt.objects.filter(pk__in=mine).delete()
        raise Throttled("Too many failed sign-ins. Wait 15 minutes and try again.")
    user = authenticate(username=username.strip(), password=password)
    if not isinstance(user, User) or user.username == LOCAL_USERNAME:
        m.LoginAttempt.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()
        raise ServiceError("That username and password do not match an account.")
    m.LoginAttempt.objects.filter(Q(key=keys[0]) | Q(pk__in=mine)).delete()
    return user


# Sign-up ------------------------------------------------------------------------------------


def sign_up(
    username: str, password: str, email: str = "", invite: str = "", mode: str | None = None
) -> User:
    """A new account by the person themselves, as NEXTROUND_SIGNUP allows."""
    mode = mode or settings.SIGNUP
    if mode == "closed":
        raise ServiceError("Sign-up is closed here: ask the administrator for an account.")
    if mode == "open":
        return add_user(username, password, email)
    with transaction.atomic():
        found = (
            m.SignupInvite.objects.select_for_update()
            .filter(token_hash=digest(invite.strip()), used_at__isnull=True)
            .first()
        )
        if found is None or (found.expires_at and found.expires_at < timezone.now()):
            raise InvalidInput.one("invite", "this invite is unknown, used or expired")
        user = add_user(username, password, email or found.email)
        found.used_at = timezone.now()
        found.save(update_fields=["used_at"])
    return user


def invite(by: User, email: str = "") -> str:
    """A one-use invite token (shown once; only its hash is kept)."""
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput.one("email", f"{email!r} is not an e-mail address") from None
    token = secrets.token_urlsafe(24)
    m.SignupInvite.objects.create(
        owner=by,
        email=email,
        token_hash=digest(token),
        expires_at=timezone.now() + INVITE_LIFETIME,
    )
    return token


def administrator() -> User:
    """Who issues invites from the command line: the first administrator account."""
    admin = User.objects.filter(is_superuser=True).order_by("id").first()
    if admin is None:
        raise ServiceError("no administrator yet: add one with `nextround user add NAME --admin`")
    return admin


# Passwords ----------------------------------------------------------------------------------


def change_password(user: User, old: str, new: str) -> None:
    if not user.check_password(old):
        raise InvalidInput.one("old_password", "is not your current password")
    _check_password(new, user)
    user.set_password(new)
    user.save(update_fields=["password"])


def reset_token(user: User) -> str:
    """A token that sets a new password once; it stops working when the password changes."""
    return f"{int_to_base36(user.pk)}-{default_token_generator.make_token(user)}"


def reset_password(token: str, new: str) -> User:
    """Set a new password with a reset link; the link works once, even for concurrent uses."""
    uid, _, rest = token.partition("-")
    user = None
    try:
        user = User.objects.filter(pk=base36_to_int(uid)).first()
    except ValueError:
        user = None
    used = ServiceError("This reset link is unknown or used: ask the administrator for a new one.")
    if user is None or not default_token_generator.check_token(user, rest):
        raise used
    _check_password(new, user)
    old_hash = user.password
    user.set_password(new)
    # The token is bound to the old password hash: only the request that still finds it there
    # consumes the link (a conditional UPDATE, atomic on every database).
    if not User.objects.filter(pk=user.pk, password=old_hash).update(password=user.password):
        raise used
    return user


# API tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewToken:
    id: int
    name: str
    token: str


def create_token(user: User, name: str) -> NewToken:
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise InvalidInput.one("name", "must be 1 to 100 characters")
    token = "nrt_" + secrets.token_urlsafe(32)
    row = m.ApiToken.objects.create(owner=user, name=name, token_hash=digest(token))
    return NewToken(int(row.pk), name, token)


def user_for_token(token: str, writing: bool = True) -> User | None:
    """The account an API token belongs to, noting when it was last used to change something.

    A read (writing=False) notes nothing: no GET writes a row.
    """
    if not token.startswith("nrt_") or len(token) > 200:
        return None
    row = m.ApiToken.objects.select_related("owner").filter(token_hash=digest(token)).first()
    if row is None or not row.owner.is_active:
        return None
    now = timezone.now()
    if writing and (row.last_used_at is None or now - row.last_used_at > dt.timedelta(minutes=5)):
        m.ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.owner
