"""SQLite as ``settings/base.py`` configures it, on Django before 5.1 (Open edX Sumac and Teak run Django 4.2).

Django 5.1 added the SQLite options ``transaction_mode`` and ``init_command``; on 4.2 they would reach
``sqlite3.connect()`` and fail. This backend reads them itself, so the embedded default behaves the same under
concurrency on both releases (docs/decisions/0020-sqlite-under-concurrency.md): every transaction begins with
``BEGIN IMMEDIATE`` and the PRAGMAs run on every new connection.
"""

from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's SQLite backend with the 5.1 options ``transaction_mode`` and ``init_command``."""

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        self.llp_transaction_mode = params.pop("transaction_mode", None)
        self.llp_init_command = params.pop("init_command", None)
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        for statement in (self.llp_init_command or "").split(";"):
            if statement.strip():
                connection.execute(statement)
        return connection

    def _start_transaction_under_autocommit(self) -> None:
        mode = getattr(self, "llp_transaction_mode", None)
        self.cursor().execute(f"BEGIN {mode}" if mode else "BEGIN")
