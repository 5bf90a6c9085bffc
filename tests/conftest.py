"""Shared test set-up: a real loan store seeded from the fixture, on SQLite and on PostgreSQL."""

import os
import shutil
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


@pytest.fixture(scope="session")
def seeded_sqlite_file(tmp_path_factory):
    """The fixture seeded once into an SQLite file of this run's. Each test that needs a fresh
    SQLite store gets a copy of that file: the same bytes a seed writes (the seed reads nothing but
    the fixture), ~2 ms against ~270 ms a seed — the unit tests spent most of their time seeding."""
    path = tmp_path_factory.mktemp("seeded") / "loan_store.db"
    _seeded_store(f"sqlite:///{path}").engine.dispose()
    return path


def _fresh_sqlite_store(seeded_file, tmp_path):
    from loan_store.repository import LoanStore

    path = tmp_path / "loan_store.db"
    shutil.copyfile(seeded_file, path)
    return LoanStore(f"sqlite:///{path}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A freshly seeded store on each backend the product supports."""
    if request.param == "sqlite":
        store = _fresh_sqlite_store(request.getfixturevalue("seeded_sqlite_file"), tmp_path)
    else:
        store = _seeded_store(request.getfixturevalue("postgres_url"))
    yield store
    store.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path, seeded_sqlite_file):
    store = _fresh_sqlite_store(seeded_sqlite_file, tmp_path)
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
