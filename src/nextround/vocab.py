"""The values of every choice, as plain data the CLI can show without loading Django."""

from __future__ import annotations

# The coach's bank of questions to ask is keyed by the same roles: one list for both.
from nextround.coach.bank import INTERVIEWER_ROLES as INTERVIEWER_ROLES

STAGES = (
    "applied",
    "interviewing",
    "callback",
    "offer",
    "accepted",
    "declined",
    "rejected",
    "withdrawn",
)
DRESS_CODES = ("unknown", "formal", "business", "smart-casual", "casual")
ROUND_FORMATS = ("video", "phone", "on-site")
ROUND_KINDS = ("one-to-one", "panel", "meet-the-team", "tour", "presentation", "assessment")
ROUND_PURPOSES = (
    "unknown",
    "screening",
    "shortlist",
    "second-opinion",
    "delve-deeper",
    "test-commitment",
    "meet-the-team",
    "final",
)
ROUND_STATUSES = ("planned", "done", "cancelled", "postponed")
ROUND_OUTCOMES = ("pending", "passed", "offer", "rejected", "withdrew")
SENIORITIES = ("unknown", "junior", "mid", "senior", "manager", "director", "executive")
REACTIONS = ("unknown", "positive", "neutral", "negative")
FEEDBACK_SOURCES = ("interviewer", "consultant", "hr", "other")
REQUIREMENT_KINDS = ("must", "nice", "duty")
FOLLOW_UP_KINDS = ("thank-you", "chaser", "consultant")
DECISIONS = ("pending", "negotiating", "accepted", "declined")
