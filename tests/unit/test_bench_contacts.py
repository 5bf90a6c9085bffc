"""The contact planning bench's generated store (bench/contacts.py, issue #19): deterministic, inside
the product's rules, with the variety it claims, and planned the same whatever the batch size."""

import os
from collections import Counter
from datetime import datetime, time, timedelta
from random import Random

import pytest

from bench import contacts
from tests.conftest import POSTGRES_URL


def _rows(borrowers: int, seed: int = contacts.SEED):
    rng, rows = Random(seed), {table: [] for table in contacts.COLUMNS}
    for i in range(1, borrowers + 1):
        contacts.generate_borrower(rng, i, contacts.DAY, rows)
    return rows


@pytest.fixture(scope="module")
def rows():
    return _rows(3000)


def test_the_same_seed_gives_the_same_store_and_a_smaller_one_is_its_first_part(rows):
    assert _rows(3000) == rows
    small = _rows(300)
    for table, found in small.items():  # borrower by borrower, so the first 300 borrowers' rows come first
        assert rows[table][: len(found)] == found, table
    assert len(small["borrowers"]) == 300
    assert _rows(300, seed=20)["loans"] != small["loans"]


def test_every_row_fits_its_columns_and_the_rules(rows):
    for table, found in rows.items():
        assert all(len(r) == len(contacts.COLUMNS[table]) for r in found), table
    loans = Counter(r[1] for r in rows["loans"])
    assert set(loans.values()) <= {1, 2} and len(loans) == 3000
    terms = {r[0]: r[5] for r in rows["loans"]}
    assert min(terms.values()) >= 6 and max(terms.values()) <= 24
    per_loan = Counter(r[0] for r in rows["instalments"])
    assert per_loan == Counter(terms)
    phones = [r[2] for r in rows["borrowers"]] + [r[3] for r in rows["emergency_contacts"]]
    assert len(set(phones)) == len(phones)
    openids = [r[4] for r in rows["borrowers"] if r[4]] + [r[0] for r in rows["wechat_bindings"]]
    assert len(set(openids)) == len(openids)
    assert len({r[1] for r in rows["plans"] if r[3] == "active"}) == sum(r[3] == "active" for r in rows["plans"])
    for _, start, end, channel, _, _ in rows["contact_preferences"]:
        assert channel in (None, "sms", "call", "email")
        if start:
            assert "08:00" <= start < end <= "21:00"
    since = datetime.combine(contacts.DAY - timedelta(days=60), time(0))
    for r in rows["contact_log"]:
        assert since <= r[1] < datetime.combine(contacts.DAY + timedelta(days=1), time(0))
        assert time(8) <= r[1].time() <= time(21)


def test_the_store_holds_the_variety_it_claims(rows):
    def share(found):
        return len(set(found)) / 3000

    assert 0.25 < share(r[0] for r in rows["contact_preferences"]) < 0.35
    assert 0.25 < share([r[0] for r in rows["borrowers"] if r[4]] + [r[1] for r in rows["wechat_bindings"]]) < 0.35
    assert 0.15 < share(r[0] for r in rows["contact_log"] if r[1].date() >= contacts.DAY - timedelta(days=8)) < 0.25
    assert 0.03 < share(r[1] for r in rows["promises"] if r[5] == "open") < 0.07
    assert 0.01 < share(r[1] for r in rows["complaints"] if r[10] == "open") < 0.035
    assert 0.04 < share(r[1] for r in rows["plans"] if r[3] == "active") < 0.09
    assert any(r[8] for r in rows["instalments"])  # restructured into a plan
    assert rows["extension_items"] and any(r[5] for r in rows["emergency_contacts"])  # withdrawn


def test_a_generated_store_is_planned_the_same_whatever_the_batch():
    from sqlalchemy.engine import make_url

    server = make_url(POSTGRES_URL).set(database="postgres").render_as_string(hide_password=False)
    name = f"huankuan_test_bench_contacts_{os.getpid()}"
    try:
        made = contacts.generate(name, 400, server=server)
        assert made["rows"]["borrowers"] == 400
        url = contacts.database_url(name, server)
        by_50 = contacts.plan_store(url, contacts.DAY, 50)
        by_1000 = contacts.plan_store(url, contacts.DAY, 1000)
        assert by_50["borrowers"] == by_1000["borrowers"] == 400
        assert by_50["by_channel"] == by_1000["by_channel"]
        assert {"sms", "call"} <= set(by_50["by_channel"]) and by_50["contacts"] > 0
    finally:
        contacts._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', server)
