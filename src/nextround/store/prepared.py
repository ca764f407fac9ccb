"""Queries the ORM compiles once and runs again with new values.

Turning a queryset into SQL costs the ORM far more than an indexed read costs the database: the
board and the week ran some twenty short queries a page and spent most of their time compiling
them. A `Prepared` query is built by the ORM as usual (so it stays portable and keeps the rules
written as querysets), compiled once a process for each database, and then run with the new
values of its parameters.

Where each parameter lands among the SQL's parameters is learnt, not assumed: the query is built
twice with two sets of stand-in values, and the plan is kept only if the SQL is the same text
both times, every position that changed holds exactly one parameter's stand-in (adapted for the
database as the ORM adapts it) and nothing else changed. A query that fails the check, or that
the ORM finds empty, runs through the ORM as before: slower, never different.

A plan holds SQL, never rows: every run reads the database, so no write can leave it stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet
from django.db.models.expressions import ColPairs
from django.db.models.sql.compiler import SQLCompiler

# A parameter is one value, or a tuple of ids (for an IN); a tuple's length is part of the plan.
Param = int | str | dt.datetime | dt.date | tuple[int, ...]
_Scalar = int | str | dt.datetime | dt.date


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]  # the first compilation's, stand-ins included
    slots: tuple[tuple[int, int], ...]  # (position among the SQL's parameters, scalar index)
    columns: tuple[Any, ...]  # the selected expressions, for the database's converters


def _flat(values: Sequence[Param]) -> list[_Scalar]:
    flat: list[_Scalar] = []
    for v in values:
        if isinstance(v, tuple):
            flat.extend(v)
        else:
            flat.append(v)
    return flat


def _shape(values: Sequence[Param]) -> tuple[object, ...]:
    return tuple(len(v) if isinstance(v, tuple) else type(v) for v in values)


def _stand_in_id(k: int, variant: int) -> int:
    return -1_000_000_000 - (2 * k + variant)


def _stand_in(value: _Scalar, k: int, variant: int) -> _Scalar:
    """A value of the same kind that no real record or clock will give."""
    tag = 2 * k + variant
    if isinstance(value, bool):
        raise TypeError("a Prepared parameter cannot be a bool")
    if isinstance(value, int):
        return _stand_in_id(k, variant)
    if isinstance(value, str):
        return f"\x1fparam-{tag}"
    if isinstance(value, dt.datetime):
        base = dt.datetime(1901, 1, 1, tzinfo=dt.UTC)
        return base + dt.timedelta(days=tag, microseconds=tag + 1)
    return dt.date(1901, 1, 1) + dt.timedelta(days=tag)


def _stand_ins(values: Sequence[Param], variant: int) -> list[Param]:
    out: list[Param] = []
    k = 0
    for v in values:
        if isinstance(v, tuple):
            out.append(tuple(_stand_in_id(k + i, variant) for i in range(len(v))))
            k += len(v)
        else:
            out.append(_stand_in(v, k, variant))
            k += 1
    return out


def _adapt(value: _Scalar, like: object, connection: BaseDatabaseWrapper) -> object:
    """The value as the ORM hands it to the database driver (`like` is a stand-in it adapted)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    # Some drivers get ints wrapped in a type of their own (psycopg's Int8 and the like).
    wrap: Callable[[_Scalar], object] = type(like)
    return wrap(value)


class Prepared:
    """A values_list() query that `build(*params)` makes, compiled once per database."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet[Any, Any]]) -> None:
        self.model = model
        self.build = build
        self._plans: dict[tuple[object, ...], _Plan | None] = {}

    def rows(self, *values: Param) -> list[tuple[Any, ...]]:
        """The rows of the query built from these values, as list(build(*values)) gives them."""
        plan, connection = self._plan_for(values)
        if plan is None:
            return list(self.build(*values))
        flat = _flat(values)
        params = list(plan.params)
        for pos, k in plan.slots:
            params[pos] = _adapt(flat[k], plan.params[pos], connection)
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        return _converted(rows, plan.columns, connection)

    def is_prepared(self, *values: Param) -> bool:
        """Whether queries of these parameters' shape run from a compiled plan (for tests)."""
        return self._plan_for(values)[0] is not None

    def _plan_for(self, values: Sequence[Param]) -> tuple[_Plan | None, BaseDatabaseWrapper]:
        alias = router.db_for_read(self.model) or DEFAULT_DB_ALIAS
        connection = connections[alias]
        key = (alias, connection.vendor, _shape(values))
        if key not in self._plans:
            self._plans[key] = self._plan(values, alias, connection)
        return self._plans[key], connection

    def _plan(
        self, values: Sequence[Param], alias: str, connection: BaseDatabaseWrapper
    ) -> _Plan | None:
        compiled = []
        for variant in (0, 1):
            stand_ins = _stand_ins(values, variant)
            qs = self.build(*stand_ins)
            if qs.db != alias:
                return None
            compiler = qs.query.get_compiler(using=alias)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                return None
            adapted = [_adapt(v, v, connection) for v in _flat(stand_ins)]
            compiled.append((sql, tuple(params), adapted, compiler))
        (sql, params_a, adapted_a, compiler), (sql_b, params_b, adapted_b, _) = compiled
        if sql != sql_b or len(params_a) != len(params_b) or not _plain_columns(compiler):
            return None
        slots = []
        for pos, (a, b) in enumerate(zip(params_a, params_b, strict=True)):
            if _same(a, b):
                if any(_same(a, s) for s in adapted_a):
                    return None  # a stand-in that did not move with its parameter
                continue
            ks = [k for k, s in enumerate(adapted_a) if _same(a, s)]
            if len(ks) != 1 or not _same(b, adapted_b[ks[0]]):
                return None  # a value derived from a parameter, or a constant that moved
            slots.append((pos, ks[0]))
        columns = tuple(s[0] for s in compiler.select[: compiler.col_count])
        return _Plan(sql, params_a, tuple(slots), columns)


def _same(a: object, b: object) -> bool:
    """The same value of the same kind (an int the driver wraps is still an int)."""
    if isinstance(a, int) and isinstance(b, int):
        return not isinstance(a, bool) and not isinstance(b, bool) and a == b
    return type(a) is type(b) and a == b


def _plain_columns(compiler: SQLCompiler) -> bool:
    """One value a column, in the order asked for (what values_list() gives)."""
    if compiler.col_count is None or compiler.query.extra_select:
        return False
    return not any(isinstance(s[0], ColPairs) for s in compiler.select)


def _converted(
    rows: list[tuple[Any, ...]], columns: tuple[Any, ...], connection: BaseDatabaseWrapper
) -> list[tuple[Any, ...]]:
    """The rows with each column read back as the ORM reads it (dates from SQLite's text...)."""
    converters = []
    for i, column in enumerate(columns):
        convs = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if convs:
            converters.append((i, convs, column))
    if not converters:
        return [tuple(r) for r in rows]
    out = []
    for row in rows:
        values = list(row)
        for i, convs, column in converters:
            value = values[i]
            for convert in convs:
                value = convert(value, column, connection)
            values[i] = value
        out.append(tuple(values))
    return out
