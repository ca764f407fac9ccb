from django.urls import URLPattern, path, register_converter
from django.views.generic import RedirectView

from nextround.web.server_urls import patterns as server_patterns
from nextround.web.views import dashboard, opportunities, practice, rounds, stories, welcome
from nextround.web.views import documents as document_views
from nextround.web.views import errors as error_views
from nextround.web.views import followups as followup_views
from nextround.web.views import identity as identity_views
from nextround.web.views import offers as offer_views
from nextround.web.views import profile as profile_views


class SectionConverter:
    """The lists of the round page that can be added to and edited in place."""

    regex = "questions|feedback|asks|people"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SectionConverter, "section")
SECTION = "<section:section>"

urlpatterns: list[URLPattern] = [
    path("", dashboard.dashboard, name="dashboard"),
    path("search/", dashboard.search, name="search"),
    path("welcome/", welcome.welcome, name="welcome"),
    path("welcome/sample/", welcome.create_sample, name="welcome-sample"),
    path("opportunities/new/", opportunities.new, name="opportunity-new"),
    path("opportunities/<int:pk>/", opportunities.detail, name="opportunity"),
    path("opportunities/<int:pk>/edit/", opportunities.edit, name="opportunity-edit"),
    path("opportunities/<int:pk>/delete/", opportunities.delete, name="opportunity-delete"),
    path(
        "opportunities/<int:pk>/requirements/",
        opportunities.add_requirement,
        name="requirement-add",
    ),
    path(
        "requirements/<int:pk>/delete/",
        opportunities.delete_requirement,
        name="requirement-delete",
    ),
    path("opportunities/<int:opportunity_pk>/rounds/new/", rounds.new, name="round-new"),
    path("rounds/<int:pk>/", rounds.detail, name="round"),
    path("rounds/<int:pk>/edit/", rounds.edit, name="round-edit"),
    path("rounds/<int:pk>/impressions/", rounds.impressions, name="round-impressions"),
    path("rounds/<int:pk>/delete/", rounds.delete, name="round-delete"),
    path("rounds/<int:pk>/link/", rounds.link_person, name="round-link"),
    path("rounds/<int:pk>/unlink/<int:person_pk>/", rounds.unlink_person, name="round-unlink"),
    path(f"rounds/<int:pk>/{SECTION}/", rounds.add_item, name="round-item-add"),
    path(f"items/{SECTION}/<int:item_pk>/edit/", rounds.edit_item, name="item-edit"),
    path(f"items/{SECTION}/<int:item_pk>/delete/", rounds.delete_item, name="item-delete"),
    path("asks/<int:item_pk>/toggle/", rounds.toggle_ask, name="ask-toggle"),
    path("practice/", practice.page, name="practice"),
    path("practice/answer/", practice.answer, name="practice-answer"),
    path("practice/voice/", practice.voice_upload, name="practice-voice"),
    path("practice/voice/<str:job_id>/", practice.voice_job, name="practice-voice-job"),
    path("stories/", stories.index, name="stories"),
    path("stories/new/", stories.new, name="story-new"),
    path("stories/<int:pk>/edit/", stories.edit, name="story-edit"),
    # The address people guess for a story: a story has no page of its own but its form.
    path("stories/<int:pk>/", RedirectView.as_view(pattern_name="story-edit"), name="story"),
    path("stories/<int:pk>/delete/", stories.delete, name="story-delete"),
    # documents in
    path("cv/import/", document_views.cv_page, name="cv-import"),
    path("cv/import/confirm/", document_views.cv_confirm, name="cv-import-confirm"),
    path("rounds/<int:pk>/profile/", document_views.profile_page, name="profile-import"),
    path(
        "rounds/<int:pk>/profile/confirm/",
        document_views.profile_confirm,
        name="profile-import-confirm",
    ),
    # follow up and decide
    path("rounds/<int:pk>/follow-up/", followup_views.page, name="followups"),
    path("rounds/<int:pk>/follow-up/draft/", followup_views.draft, name="followup-draft"),
    path("follow-ups/<int:item_pk>/edit/", followup_views.edit, name="followup-edit"),
    path("follow-ups/<int:item_pk>/sent/", followup_views.sent, name="followup-sent"),
    path("follow-ups/<int:item_pk>/draft.eml", followup_views.eml, name="followup-eml"),
    path("opportunities/<int:pk>/invite/", followup_views.import_invite, name="invite-import"),
    path(
        "rounds/<int:round_pk>/invite/",
        followup_views.import_invite_round,
        name="invite-import-round",
    ),
    path("rounds/<int:pk>/email/", followup_views.import_feedback, name="feedback-import"),
    path("rounds/<int:pk>/who-is-you/", identity_views.page, name="who-is-you"),
    path("offers/", offer_views.page, name="offers"),
    path("offers/matrix/", offer_views.update_matrix, name="offers-matrix"),
    path("offers/<int:pk>/edit/", offer_views.edit, name="offer-edit"),
    path("offers/<int:pk>/script/", offer_views.script, name="offer-script"),
    path("offers/<int:pk>/decide/", offer_views.decide, name="offer-decide"),
    path("offers/<int:pk>/accept/", offer_views.accept, name="offer-accept"),
    path("rounds/<int:pk>/done/", rounds.mark_done, name="round-done"),
    path("profile/", profile_views.page, name="profile"),
    path("favicon.ico", error_views.favicon, name="favicon"),
]

# round brief and evidence map
from nextround.web.views import brief as brief_views  # noqa: E402

urlpatterns += [
    path("rounds/<int:pk>/brief/", brief_views.page, name="brief"),
    path("rounds/<int:pk>/brief.<str:fmt>", brief_views.download, name="brief-download"),
    path("rounds/<int:pk>/night-before/", brief_views.night_before, name="brief-night"),
    path("rounds/<int:pk>/night-before.pdf", brief_views.night_before_pdf, name="brief-night-pdf"),
    path("rounds/<int:pk>/pdf/", brief_views.pdf_page, name="brief-pdf"),
    path("rounds/<int:pk>/pdf/prepare/", brief_views.pdf_prepare, name="brief-pdf-prepare"),
    path("checklist/<int:item_pk>/tick/", brief_views.tick, name="checklist-tick"),
    path(
        "rounds/<int:pk>/checklist/<slug:key>/tick/",
        brief_views.tick_step,
        name="checklist-step-tick",
    ),
    path("opportunities/<int:pk>/evidence/", brief_views.evidence, name="evidence"),
    path("opportunities/<int:pk>/extract/", brief_views.extract, name="requirement-extract"),
    path("requirements/<int:requirement_pk>/link/", brief_views.link, name="evidence-link"),
    path("evidence/<int:evidence_pk>/unlink/", brief_views.unlink, name="evidence-unlink"),
]

# the board and the calendar
from nextround.web.views import board as board_views  # noqa: E402
from nextround.web.views import calendar as calendar_views  # noqa: E402

urlpatterns += [
    path("opportunities/<int:pk>/stage/", board_views.move, name="opportunity-stage"),
    path("calendar/", calendar_views.page, name="calendar"),
    path("calendar.ics", calendar_views.everything, name="calendar-download"),
    path(
        "opportunities/<int:pk>/calendar.ics",
        calendar_views.for_opportunity,
        name="opportunity-calendar",
    ),
    path("rounds/<int:pk>/calendar.ics", calendar_views.for_round, name="round-calendar"),
    path("calendar/address/", calendar_views.renew, name="calendar-feed-renew"),
    path("calendar/address/off/", calendar_views.stop, name="calendar-feed-stop"),
    # Read by calendar apps without a session: the address itself is the key.
    path("feeds/calendar/<str:token>.ics", calendar_views.feed, name="calendar-feed"),
]

# server mode: accounts, sharing, JSON API, health
urlpatterns += server_patterns

handler404 = "nextround.web.views.errors.not_found"
handler500 = "nextround.web.views.errors.server_error"
