"""Shared test set-up: a real loan store seeded from the fixture, on SQLite and on PostgreSQL."""

import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FIXTURE = ROOT / "loan_store" / "seed" / "loan_store.yml"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TEST_SECRET = "unit-test-secret-0123456789abcdef"

os.environ.setdefault("ASSISTANT_JWT_SECRET", TEST_SECRET)
# The servers the tests start are development ones (demo pages), unless a test says otherwise.
os.environ.setdefault("ASSISTANT_ENV", "development")


@pytest.fixture(scope="session")
def fixture_data():
    with open(PROJECT_FIXTURE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _seeded_store(url):
    from loan_store.repository import LoanStore
    from loan_store.seed import seed

    store = LoanStore(url)
    seed(store, reset=True)
    return store


@pytest.fixture(scope="session")
def postgres_url():
    """A database of this test run's own on the test server, so parallel runs never collide."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(POSTGRES_URL)
    name = f"huankuan_test_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A freshly seeded store on each backend the product supports."""
    url = (
        f"sqlite:///{tmp_path}/loan_store.db" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    )
    store = _seeded_store(url)
    yield store
    store.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path):
    store = _seeded_store(f"sqlite:///{tmp_path}/loan_store.db")
    yield store
    store.engine.dispose()


def table_counts(store) -> dict:
    """Rows per table of a loan store (a reader only the tests need)."""
    from sqlalchemy import func, select

    from loan_store import models

    with store.session() as s:
        return {
            table.name: s.execute(select(func.count()).select_from(table)).scalar_one()
            for table in models.Base.metadata.sorted_tables
        }
