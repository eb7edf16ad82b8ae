"""The register's tables as SQLAlchemy Core sees them (the latest version; DDL is in migrations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC instant: TIMESTAMPTZ on PostgreSQL, ISO 8601 text on SQLite.

    SQLite keeps the text the first register version wrote (`2026-02-01T02:00:00.000000+00:00`),
    which sorts and compares in time order because every value is UTC in one format.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.Text())
        return dialect.type_descriptor(sa.DateTime(timezone=True))

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("register times must be timezone-aware")
        value = value.astimezone(dt.UTC)
        return value.isoformat(timespec="microseconds") if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        assert isinstance(value, dt.datetime)
        return value.astimezone(dt.UTC)


_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

issue = sa.Table(
    "issue",
    metadata,
    sa.Column("id", _ID, primary_key=True, autoincrement=True),
    sa.Column("issued_at", UTCDateTime, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("interview", sa.Text, nullable=False),
    sa.Column("case_number", sa.Text, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("document_date", sa.Date, nullable=False),
    sa.Column("statute_snapshot", sa.Text, nullable=False),
    sa.Column("answers_hash", sa.Text, nullable=False),
    sa.Column("answers_json", sa.Text, nullable=False),
    sa.Column("office_json", sa.Text, nullable=False),
    # version 2
    sa.Column("db_role", sa.Text, nullable=False),
    sa.Column("host", sa.Text, nullable=False),
    sa.Column("uid", sa.Text),
)

issued_file = sa.Table(
    "issued_file",
    metadata,
    sa.Column("issue_id", _ID, sa.ForeignKey("issue.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("template", sa.Text, nullable=False),
    sa.Column("template_hash", sa.Text, nullable=False),
    sa.Column("format", sa.Text, nullable=False),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False),
)

event = sa.Table(
    "event",
    metadata,
    sa.Column("id", _ID, primary_key=True, autoincrement=True),
    sa.Column("uid", sa.Text),
    sa.Column("issue_id", _ID, sa.ForeignKey("issue.id"), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("event_date", sa.Date, nullable=False),
    sa.Column("recorded_at", UTCDateTime, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("db_role", sa.Text, nullable=False),
    sa.Column("host", sa.Text, nullable=False),
    sa.Column("voids", _ID, sa.ForeignKey("event.id")),
)

deadline = sa.Table(
    "deadline",
    metadata,
    sa.Column("id", _ID, primary_key=True, autoincrement=True),
    sa.Column("issue_id", _ID, sa.ForeignKey("issue.id"), nullable=False),
    sa.Column("generation", _ID, nullable=False),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("case_number", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("starts_on", sa.Date),
    sa.Column("nominal", sa.Date),
    sa.Column("started_by", sa.Text, nullable=False),
    sa.Column("waiting_for", sa.Text, nullable=False),
    sa.Column("closed_by", _ID, sa.ForeignKey("event.id")),
    # version 3
    sa.Column("variant", sa.Text, nullable=False),
)
