"""The shared test world, and the real console script and server for CLI and browser tests."""

from __future__ import annotations

import os

import pytest

from tests.world import World, make_world

pytest_plugins = ["tests.cli_harness"]


def require(what: str) -> None:
    """Skip a test whose service is missing here; in CI the same is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available on this machine")


@pytest.fixture
def user(db: None) -> object:
    from nextround.services.users import local_user

    return local_user()


@pytest.fixture
def other_user(db: None) -> object:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("mallory", password="not-used-here-1")


@pytest.fixture
def world(user: object) -> World:
    return make_world(user)
