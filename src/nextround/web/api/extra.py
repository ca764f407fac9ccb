"""API routes beyond plain records: who am I, practice analysis, sharing and background jobs."""

from __future__ import annotations

import base64
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.params import functions as params

from nextround.services import jobs, practice, sharing
from nextround.web.api.app import ERRORS, ErrorOut, api, error, user_of
from nextround.web.api.schemas import Id, PathId, Text

router = Router()

# A job's id is a UUID; anything else is no one's job (404, not a validation error).
JobId = Annotated[str, params.Path(..., min_length=1, max_length=64)]


class MeOut(Schema):
    id: int
    username: str


@router.get("/me", response={200: MeOut, **ERRORS}, tags=["account"], operation_id="me")
def me(request: HttpRequest) -> Any:
    user = user_of(request)
    return {"id": user.pk, "username": user.username}


class AnswerIn(Schema):
    question: Text = Field(..., min_length=1, max_length=2000)
    answer: Text = Field(..., max_length=20000)
    opportunity_id: Id | None = None


class PracticeIn(AnswerIn):
    round_id: Id | None = None
    seconds_taken: int | None = Field(None, ge=0, le=86400)


class AnalysisOut(Schema):
    question: str
    question_type: str
    competencies: list[str]
    overall: int | None
    analysis: dict[str, Any]
    attempt_id: int | None
    earlier_attempts: int


def _analysis(feedback: practice.Feedback) -> dict[str, Any]:
    return {
        "question": feedback.question,
        "question_type": feedback.question_type,
        "competencies": list(feedback.competencies),
        "overall": feedback.overall,
        "analysis": feedback.analysis,
        "attempt_id": feedback.attempt_id,
        "earlier_attempts": feedback.earlier_attempts,
    }


@router.post(
    "/practice/analyse",
    response={200: AnalysisOut, **ERRORS},
    tags=["practice"],
    operation_id="analyse_answer",
    summary="Instant feedback on an answer (nothing is kept)",
)
def analyse(request: HttpRequest, payload: AnswerIn) -> Any:
    return _analysis(
        practice.analyse(user_of(request), payload.question, payload.answer, payload.opportunity_id)
    )


@router.post(
    "/practice/attempts",
    response={201: AnalysisOut, **ERRORS},
    tags=["practice"],
    operation_id="practise",
    summary="Analyse an answer and keep it as a practice attempt",
)
def practise(request: HttpRequest, payload: PracticeIn) -> Any:
    feedback = practice.practise(
        user_of(request),
        payload.question,
        payload.answer,
        seconds_taken=payload.seconds_taken,
        round_id=payload.round_id,
        opportunity_id=payload.opportunity_id,
    )
    return 201, _analysis(feedback)


class ShareIn(Schema):
    username: Text = Field(..., min_length=1, max_length=150)
    role: str = Field("viewer", pattern="^(viewer|commenter)$")


class ShareOut(Schema):
    id: int
    opportunity_id: int
    grantee: str
    role: str


class ShareAskedOut(Schema):
    opportunity_id: int
    username: str
    role: str
    message: str


class SharedOut(Schema):
    id: int
    company: str
    role: str
    stage: str
    shared_by: str
    access: str


@router.get(
    "/opportunities/{pk}/shares",
    response={200: list[ShareOut], **ERRORS},
    tags=["sharing"],
    operation_id="list_shares",
)
def list_shares(request: HttpRequest, pk: PathId) -> Any:
    return [vars(s) for s in sharing.shares_of(user_of(request), pk)]


@router.post(
    "/opportunities/{pk}/shares",
    response={202: ShareAskedOut, **ERRORS},
    tags=["sharing"],
    operation_id="share_opportunity",
    summary="Share with a username if it has an account here",
    description=(
        "The answer is the same whether or not the username has an account, so that no one "
        "learns which do; the list of shares says who now has access."
    ),
)
def share(request: HttpRequest, payload: ShareIn, pk: PathId) -> Any:
    return 202, vars(sharing.ask_to_share(user_of(request), pk, payload.username, payload.role))


@router.delete(
    "/shares/{pk}", response={204: None, **ERRORS}, tags=["sharing"], operation_id="revoke_share"
)
def revoke(request: HttpRequest, pk: PathId) -> Any:
    sharing.revoke(user_of(request), pk)
    return 204, None


@router.get(
    "/shared", response={200: list[SharedOut], **ERRORS}, tags=["sharing"], operation_id="shared"
)
def shared(request: HttpRequest) -> Any:
    return [vars(s) for s in sharing.shared_with_me(user_of(request))]


def _job_kinds(schema: dict[str, Any]) -> None:
    # The kinds open to API clients, read when the schema is made (they register at import).
    schema["enum"] = jobs.kinds(api_only=True)


class JobIn(Schema):
    kind: str = Field(..., min_length=1, max_length=50, json_schema_extra=_job_kinds)
    params: dict[str, Any] = {}


class JobOut(Schema):
    id: str
    kind: str
    status: str
    error: str
    result_name: str


class JobResultOut(Schema):
    name: str
    data_base64: str


def _job(view: jobs.JobView) -> dict[str, Any]:
    return {
        "id": view.id,
        "kind": view.kind,
        "status": view.status,
        "error": view.error,
        "result_name": view.result_name,
    }


@router.post(
    "/jobs",
    response={202: JobOut, **ERRORS, 429: ErrorOut},
    tags=["jobs"],
    operation_id="enqueue_job",
    summary="Queue heavy work (batch-analysis, brief-pdf) for `nextround worker`",
    description=f"Each account may have {jobs.MAX_WAITING} jobs waiting at once (then 429).",
)
def enqueue(request: HttpRequest, payload: JobIn) -> Any:
    try:
        return 202, _job(jobs.submit(user_of(request), payload.kind, payload.params))
    except jobs.QueueFull as exc:
        return error(request, 429, str(exc), exc.errors)


@router.get("/jobs/{pk}", response={200: JobOut, **ERRORS}, tags=["jobs"], operation_id="job")
def job(request: HttpRequest, pk: JobId) -> Any:
    return _job(jobs.status(user_of(request), pk))


@router.get(
    "/jobs/{pk}/result",
    response={200: JobResultOut, **ERRORS},
    tags=["jobs"],
    operation_id="job_result",
)
def job_result(request: HttpRequest, pk: JobId) -> Any:
    output = jobs.result(user_of(request), pk)
    return {"name": output.name, "data_base64": base64.b64encode(output.data).decode("ascii")}


api.add_router("/", router)
