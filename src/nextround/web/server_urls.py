"""URLs of server mode: accounts, sharing, the JSON API and the health check."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.views.generic import RedirectView

from nextround.web import health
from nextround.web.api import api
from nextround.web.views import accounts, sharing

patterns: list[Any] = [
    path("health", health.health, name="health"),
    path("account/login/", accounts.sign_in, name="account-login"),
    path("account/logout/", accounts.sign_out, name="account-logout"),
    path("account/signup/", accounts.sign_up, name="account-signup"),
    path("account/reset/<str:token>/", accounts.reset, name="account-reset"),
    path("account/", accounts.settings_page, name="account"),
    path("account/export/", accounts.export, name="account-export"),
    path("account/delete/", accounts.delete_account, name="account-delete"),
    path("shared/", sharing.index, name="shared"),
    path("shared/<int:pk>/leave/", sharing.leave, name="share-leave"),
    path("opportunities/<int:pk>/shares/", sharing.add, name="share-add"),
    path("shares/<int:share_pk>/revoke/", sharing.revoke, name="share-revoke"),
    # django-ninja serves its docs without the slash that people type after them.
    path("api/docs/", RedirectView.as_view(pattern_name="api:openapi-view"), name="api-docs-slash"),
    path("api/", api.urls),
]
