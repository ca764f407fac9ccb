"""The people who use nextround: in local mode, one built-in local user."""

from __future__ import annotations

from functools import lru_cache

from django.contrib.auth.models import User

LOCAL_USERNAME = "local"


@lru_cache(maxsize=1)
def _local_user_id() -> int:
    user, _ = User.objects.get_or_create(username=LOCAL_USERNAME)
    return int(user.pk)


def local_user() -> User:
    """The one user of local mode, made on first use."""
    try:
        return User.objects.get(pk=_local_user_id())
    except User.DoesNotExist:
        _local_user_id.cache_clear()
        return User.objects.get(pk=_local_user_id())


def current_cli_user() -> User:
    """Whose data a CLI command works on: the local user in local mode, else NEXTROUND_CLI_USER."""
    from django.conf import settings

    if settings.LOCAL_MODE:
        return local_user()
    from nextround import config
    from nextround.services.errors import ServiceError

    username: str = config.read("CLI_USER")
    if not username:
        raise ServiceError("server mode: set NEXTROUND_CLI_USER to the user to act as")
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise ServiceError(f"NEXTROUND_CLI_USER: no user named {username!r}") from None


def find(username: str) -> User:
    """The account with this username (case-insensitive), or a clear error."""
    from nextround.services.errors import ServiceError

    user = User.objects.filter(username__iexact=username.strip()).first()
    if user is None:
        raise ServiceError(f"no user named {username!r}")
    return user
