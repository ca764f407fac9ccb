"""The JSON API under /api/ (OpenAPI schema at /api/openapi.json, docs at /api/docs)."""

from nextround.web.api import extra, records  # noqa: F401  (registers the routes)
from nextround.web.api.app import api

__all__ = ["api"]
