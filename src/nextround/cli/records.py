"""add, list, show, edit and delete for every kind of record, built from cli.spec."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from nextround.cli.spec import SPECS, Opt, RecordSpec


class DecimalType(click.ParamType):  # type: ignore[type-arg]
    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            self.fail(f"{value!r} is not a number", param, ctx)


def _param_type(opt: Opt) -> click.ParamType:  # type: ignore[type-arg]
    if opt.type == "int":
        return click.INT
    if opt.type == "decimal":
        return DecimalType()
    if opt.type == "choice":
        return click.Choice(opt.choices)
    if opt.type == "file":
        return click.Path(exists=True, dir_okay=False, path_type=Path)
    return click.STRING


def _options(spec: RecordSpec, for_edit: bool) -> list[click.Option]:
    params = []
    for opt in spec.options:
        name = opt.flag.lstrip("-").replace("-", "_")
        if opt.type == "bool":
            off = "--not-" + opt.flag.lstrip("-") if not opt.flag.startswith("--not") else ""
            decls = [f"{opt.flag}/{off}", name]
            params.append(click.Option(decls, default=None, help=opt.help))
            continue
        help_text = opt.help
        if opt.required and not for_edit:
            help_text = help_text.removesuffix(".") + " (required)."
        params.append(
            click.Option(
                [opt.flag, name],
                type=_param_type(opt),
                multiple=opt.type == "list",
                default=None,
                help=help_text,
            )
        )
    params.append(click.Option(["--json", "as_json"], is_flag=True, help="Print JSON."))
    return params


def _read_text_file(path: Path) -> str:
    # The document reader checks the size (and the kind) before reading anything.
    from nextround.services.documents import read_job_description

    return read_job_description(path)


def _values(spec: RecordSpec, kwargs: dict[str, Any], creating: bool) -> dict[str, Any]:
    """The record fields to set from the options given on the command line."""
    values: dict[str, Any] = {}
    for opt in spec.options:
        name = opt.flag.lstrip("-").replace("-", "_")
        given = kwargs.get(name)
        if given is None or (opt.type == "list" and not given):
            if creating and opt.required:
                raise click.UsageError(f"Missing option {opt.flag}.")
            continue
        if opt.type == "file":
            values[opt.field] = _read_text_file(given)
            values["jd_source_name"] = given.name
        elif opt.type == "list":
            values[opt.field] = list(given)
        else:
            values[opt.field] = given
    return values


def _service(spec: RecordSpec) -> Any:
    from nextround.services import records

    return getattr(records, spec.service)


def owner() -> Any:
    """The user a command acts for, after starting Django and bringing the database up to date."""
    from nextround import bootstrap

    bootstrap.setup()
    from nextround.services.users import current_cli_user

    return current_cli_user()


def build_group(spec: RecordSpec) -> click.Group:
    group = click.Group(spec.command, help=spec.help)
    parent_arg = spec.parent

    def add(**kwargs: Any) -> None:
        from nextround.cli import output

        user = owner()
        values = _values(spec, kwargs, creating=True)
        service = _service(spec)
        if parent_arg:
            parent_id = kwargs[parent_arg.lower()]
            obj = getattr(service, spec.add_method)(user, parent_id, **values)
        else:
            obj = service.create(user, **values)
        output.record(obj, kwargs["as_json"], f"Added {spec.label} {obj.pk}.")

    add_params: list[click.Parameter] = []
    if parent_arg:
        add_params.append(click.Argument([parent_arg.lower()], type=click.INT, metavar=parent_arg))
    add_params.extend(_options(spec, for_edit=False))
    group.add_command(
        click.Command(
            "add",
            callback=add,
            params=add_params,
            help=f"Add {spec.a}.",
        )
    )

    def list_(**kwargs: Any) -> None:
        from nextround.cli import output

        user = owner()
        service = _service(spec)
        parent_id = kwargs.get("parent_id")
        if spec.command == "opportunity":
            rows = service.list_by_stage(user, kwargs.get("stage"))
        elif spec.command == "interviewer" and parent_id is not None:
            rows = service.of_round(user, parent_id)
        else:
            rows = service.list(user, parent_id)
        hint = spec.empty_hint.format(parent=parent_id) if spec.empty_hint else ""
        empty = f"No {spec.plural} yet." + (f" {hint}" if hint else "")
        output.records(rows, spec.columns, kwargs["as_json"], empty)

    list_params: list[click.Parameter] = []
    if parent_arg:
        list_params.append(
            click.Argument(["parent_id"], type=click.INT, required=False, metavar=f"[{parent_arg}]")
        )
    if spec.command == "opportunity":
        list_params.append(
            click.Option(["--stage"], type=click.Choice(_stage_choices()), help="Only this stage.")
        )
    list_params.append(click.Option(["--json", "as_json"], is_flag=True, help="Print JSON."))
    group.add_command(
        click.Command("list", callback=list_, params=list_params, help=f"List your {spec.plural}.")
    )

    def show(record_id: int, as_json: bool) -> None:
        from nextround.cli import output

        user = owner()
        output.record(_service(spec).get(user, record_id), as_json, None)

    group.add_command(
        click.Command(
            "show",
            callback=show,
            params=[
                click.Argument(["record_id"], type=click.INT, metavar="ID"),
                click.Option(["--json", "as_json"], is_flag=True, help="Print JSON."),
            ],
            help=f"Show {spec.a}.",
        )
    )

    def edit(record_id: int, **kwargs: Any) -> None:
        from nextround.cli import output

        user = owner()  # before the values: reading a file needs the app set up
        values = _values(spec, kwargs, creating=False)
        if not values:
            raise click.UsageError("Give at least one option to change.")
        obj = _service(spec).update(user, record_id, **values)
        output.record(obj, kwargs["as_json"], f"Updated {spec.label} {obj.pk}.")

    group.add_command(
        click.Command(
            "edit",
            callback=edit,
            params=[
                click.Argument(["record_id"], type=click.INT, metavar="ID"),
                *_options(spec, for_edit=True),
            ],
            help=f"Change fields of {spec.a}.",
        )
    )

    def delete(record_id: int, yes: bool, as_json: bool) -> None:
        from nextround.cli import output

        user = owner()
        service = _service(spec)
        obj = service.get(user, record_id)
        if not yes:
            click.confirm(f"Delete {spec.label} {record_id} ({obj})?", abort=True)
        service.delete(user, record_id)
        output.done(
            {"deleted": spec.label, "id": record_id}, as_json, f"Deleted {spec.label} {record_id}."
        )

    group.add_command(
        click.Command(
            "delete",
            callback=delete,
            params=[
                click.Argument(["record_id"], type=click.INT, metavar="ID"),
                click.Option(["--yes", "-y"], is_flag=True, help="Do not ask to confirm."),
                click.Option(["--json", "as_json"], is_flag=True, help="Print JSON."),
            ],
            help=f"Delete {spec.a}" + (f" and {spec.deletes}." if spec.deletes else "."),
        )
    )
    return group


def _stage_choices() -> tuple[str, ...]:
    from nextround import vocab

    return vocab.STAGES


def register(cli: click.Group) -> None:
    for spec in SPECS:
        cli.add_command(build_group(spec))
