"""Hot-path ``values()`` queries compiled once per database connection, then run with new parameter values.

Building and compiling a queryset costs more CPU than the database spends answering it on the video handler's
path (about 0.7 ms against 0.1 ms per query, DESIGN.md §8 P4). The ORM still writes the SQL and its value
converters, once: ``build`` makes the queryset with sentinel parameter values, whose positions in the compiled
parameters are then replaced on each run. Rows come back as ``values()`` gives them (converted, by name).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

__all__ = ["CompiledValues"]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    positions: dict[str, tuple[int, ...]]
    names: tuple[str, ...]
    converters: dict
    compiler: Any


class CompiledValues:
    """``CompiledValues(lambda key, user: Model.objects.filter(...).values(...), key="sentinel", user=-1)``;
    ``.rows(key=..., user=...)`` runs it. Values are passed as the database takes them (a course key as text).

    Each sentinel must appear among the compiled parameters and no two may be equal; a queryset using
    ``select_for_update`` is compiled and run inside ``transaction.atomic`` (as the ORM requires).
    """

    def __init__(self, build: Callable[..., QuerySet], **sentinels: Any):
        if len(set(map(repr, sentinels.values()))) != len(sentinels):
            raise ValueError("Sentinel values must differ from each other.")
        self._build = build
        self._sentinels = sentinels
        self._by_connection: dict[Any, _Compiled] = {}

    def _compile(self, connection) -> _Compiled:
        query = self._build(**self._sentinels).query
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        positions = {
            name: tuple(i for i, param in enumerate(params) if type(param) is type(value) and param == value)
            for name, value in self._sentinels.items()
        }
        if not all(positions.values()):
            raise ValueError(f"A sentinel is missing from the compiled parameters: {positions}")
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        names = (*query.extra_select, *query.values_select, *query.annotation_select)
        return _Compiled(sql, tuple(params), positions, names, compiler.get_converters(fields), compiler)

    def rows(self, **values: Any) -> list[dict[str, Any]]:
        """The rows for these parameter values (one query)."""
        connection = connections[DEFAULT_DB_ALIAS]
        compiled = self._by_connection.get(connection)
        if compiled is None:
            compiled = self._by_connection[connection] = self._compile(connection)
        params = list(compiled.params)
        for name, value in values.items():
            for index in compiled.positions[name]:
                params[index] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [dict(zip(compiled.names, row, strict=True)) for row in rows]
