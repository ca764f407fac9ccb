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
