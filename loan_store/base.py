"""The loan store's engine and unit of work, which every part of the store shares."""

import os
import secrets
from contextlib import contextmanager
from datetime import date, datetime
from typing import Iterator, Optional

from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from loan_store import models
from rules.calendar import beijing_time

DEFAULT_URL = "sqlite:///var/loan_store.db"


def database_url() -> str:
    return os.environ.get("DATABASE_URL", "").strip() or DEFAULT_URL


def borrowers_key(borrower_id: str, request_key: str) -> str:
    """A request key belongs to the borrower it was made for: the same words in the same
    conversation from another borrower are another request."""
    return f"{borrower_id}|{request_key}"


def new_reference(prefix: str, day: date) -> str:
    """P20261120… : the day in the reference is the borrower's (Asia/Shanghai) day — a stored moment
    (UTC without a zone) is turned into it, so a ticket made at 03:00 in Beijing is not dated the day before."""
    if isinstance(day, datetime):
        day = beijing_time(day).date()
    return f"{prefix}{day:%Y%m%d}{secrets.token_hex(3).upper()}"


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            folder = os.path.dirname(url[len("sqlite:///") :])
            if folder:
                os.makedirs(folder, exist_ok=True)
        return create_engine(url, future=True, connect_args={"check_same_thread": False, "timeout": 30})
    return create_engine(url, future=True, pool_pre_ping=True)


class StoreBase:
    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url or database_url()
        self.engine = _make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def create_schema(self) -> None:
        models.Base.metadata.create_all(self.engine)
        # A store made before handoffs could be urgent gets the column.
        columns = {c["name"] for c in inspect(self.engine).get_columns("handoff_requests")}
        if "urgent" not in columns:
            with self.engine.begin() as connection:
                connection.execute(
                    sql_text("ALTER TABLE handoff_requests ADD COLUMN urgent BOOLEAN NOT NULL DEFAULT false")
                )
        # A store made before the contact engine gets the contact log's plan key (issue #19).
        if "plan_key" not in {c["name"] for c in inspect(self.engine).get_columns("contact_log")}:
            with self.engine.begin() as connection:
                connection.execute(sql_text("ALTER TABLE contact_log ADD COLUMN plan_key VARCHAR(200)"))
                connection.execute(sql_text("CREATE UNIQUE INDEX ix_contact_log_plan_key ON contact_log (plan_key)"))

    def drop_schema(self) -> None:
        models.Base.metadata.drop_all(self.engine)

    def is_empty(self) -> bool:
        with self.session() as s:
            return s.execute(select(func.count()).select_from(models.Borrower)).scalar_one() == 0
