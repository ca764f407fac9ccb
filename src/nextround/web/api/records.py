"""List, read, create, change and delete each record kind, scoped to the caller by the services."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from nextround.services import records as r
from nextround.services.base import Resource
from nextround.web.api import schemas
from nextround.web.api.app import ERRORS, api, user_of
from nextround.web.api.schemas import PathId

# (url name, tag, resource, parent url name or None)
KINDS: list[tuple[str, str, Resource[Any], str | None]] = [
    ("opportunities", "opportunities", r.opportunities, None),
    ("rounds", "rounds", r.rounds, "opportunities"),
    ("interviewers", "interviewers", r.interviewers, "opportunities"),
    ("requirements", "requirements", r.requirements, "opportunities"),
    ("questions", "asked questions", r.asked_questions, "rounds"),
    ("feedback", "feedback", r.feedback, "rounds"),
    ("stories", "stories", r.stories, None),
    ("offers", "offers", r.offers, None),
]


def _prefix(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _register(name: str, tag: str, resource: Resource[Any], parent: str | None) -> None:
    In = schemas.input_schema(resource, _prefix(name))
    Out = schemas.output_schema(resource, _prefix(name))
    router = Router(tags=[tag])
    label = resource.label

    def dump(obj: Any) -> dict[str, Any]:
        return schemas.as_dict(resource, obj)

    def values(payload: Schema) -> dict[str, Any]:
        return payload.model_dump(exclude_unset=True)

    if parent is None:

        @router.get(
            f"/{name}",
            response={200: list[Out], **ERRORS},  # type: ignore[valid-type]
            summary=f"List {tag}",
            operation_id=f"list_{name}",
        )
        def list_all(request: HttpRequest) -> Any:
            return [dump(o) for o in resource.list(user_of(request))]

        @router.post(
            f"/{name}",
            response={201: Out, **ERRORS},
            summary=f"Add {label}",
            operation_id=f"add_{name}",
        )
        def create_top(request: HttpRequest, payload: In) -> Any:  # type: ignore[valid-type]
            return 201, dump(resource.create(user_of(request), **values(payload)))

    else:

        @router.get(
            f"/{parent}/{{parent_id}}/{name}",
            response={200: list[Out], **ERRORS},  # type: ignore[valid-type]
            summary=f"List the {tag} of one of {parent}",
            operation_id=f"list_{name}",
        )
        def list_under(request: HttpRequest, parent_id: PathId) -> Any:
            return [dump(o) for o in resource.list(user_of(request), parent_id)]

        @router.post(
            f"/{parent}/{{parent_id}}/{name}",
            response={201: Out, **ERRORS},
            summary=f"Add {label}",
            operation_id=f"add_{name}",
        )
        def create_under(
            request: HttpRequest,
            payload: In,  # type: ignore[valid-type]
            parent_id: PathId,
        ) -> Any:
            return 201, dump(resource.create(user_of(request), parent_id, **values(payload)))

    @router.get(
        f"/{name}/{{pk}}",
        response={200: Out, **ERRORS},
        summary=f"Read {label}",
        operation_id=f"read_{name}",
    )
    def read(request: HttpRequest, pk: PathId) -> Any:
        return dump(resource.get(user_of(request), pk))

    @router.patch(
        f"/{name}/{{pk}}",
        response={200: Out, **ERRORS},
        summary=f"Change {label}",
        operation_id=f"change_{name}",
    )
    def change(
        request: HttpRequest,
        payload: In,  # type: ignore[valid-type]
        pk: PathId,
    ) -> Any:
        return dump(resource.update(user_of(request), pk, **values(payload)))

    @router.delete(
        f"/{name}/{{pk}}",
        response={204: None, **ERRORS},
        summary=f"Delete {label}",
        operation_id=f"delete_{name}",
    )
    def remove(request: HttpRequest, pk: PathId) -> Any:
        resource.delete(user_of(request), pk)
        return 204, None

    api.add_router("/", router)


for _kind in KINDS:
    _register(*_kind)
