"""The people who use nextround: in local mode, one built-in local user."""

from __future__ import annotations

from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

LOCAL_USERNAME = "local"


@lru_cache(maxsize=1)
def _local_user_id() -> int:
    user, _ = get_user_model().objects.get_or_create(username=LOCAL_USERNAME)
    return int(user.pk)


def local_user() -> AbstractBaseUser:
    """The one user of local mode, made on first use."""
    model = get_user_model()
    try:
        return model.objects.get(pk=_local_user_id())
    except model.DoesNotExist:
        _local_user_id.cache_clear()
        return model.objects.get(pk=_local_user_id())


def current_cli_user() -> AbstractBaseUser:
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
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise ServiceError(f"NEXTROUND_CLI_USER: no user named {username!r}") from None
