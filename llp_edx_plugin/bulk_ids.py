"""Many ids in one query parameter: ``field__in=ids_in(ids)`` (bulk issuing reads per chunk of learners, P1).

``field__in=[...]`` sends one parameter per id: with 500 ids, building, converting and planning that query
costs several times what the query itself does. On PostgreSQL the ids go as ONE array parameter instead
(``IN (SELECT unnest(%s))``); other databases get the plain list.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL


def ids_in(ids: Iterable[int]) -> "RawSQL | list[int]":
    """The right-hand side of an ``__in`` lookup on integer ids, as one parameter where the database allows."""
    values = [int(value) for value in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [values])
    return values
