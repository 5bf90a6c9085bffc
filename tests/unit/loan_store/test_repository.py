"""The loan store on SQLite and PostgreSQL: schema, seeding, exact money, handoffs, guards."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from loan_store.seed import seed
from tests.conftest import table_counts


def test_seed_loads_every_row_of_the_fixture(store, fixture_data):
    borrowers = fixture_data["borrowers"]
    counts = table_counts(store)
    assert counts["borrowers"] == len(borrowers) == 6
    assert counts["loans"] == sum(len(b.get("loans", [])) for b in borrowers) == 7
    assert counts["instalments"] == sum(len(l["instalments"]) for b in borrowers for l in b.get("loans", [])) == 84
    assert counts["emergency_contacts"] == sum(len(b["emergency_contacts"]) for b in borrowers) == 7
    assert counts["contact_log"] == sum(len(b.get("contact_log", [])) for b in borrowers) == 16
    assert counts["plans"] == 1 and counts["plan_instalments"] == 6


def test_seeding_again_leaves_a_filled_store_alone(store):
    assert seed(store) is False
    assert table_counts(store)["borrowers"] == 6


def test_money_round_trips_exactly(store):
    ledger = store.ledger("B001")
    eighth = next(i for i in ledger.loans[0].instalments if i.seq == 8)
    assert eighth.principal == Decimal("1021.23") and isinstance(eighth.principal, Decimal)
    assert ledger.loans[0].annual_rate == Decimal("0.180000")


def test_money_is_stored_without_floats(store):
    with store.session() as s:
        raw = s.execute(text("SELECT principal FROM instalments WHERE loan_id='L1001' AND seq=8")).scalar_one()
    assert not isinstance(raw, float)
    assert Decimal(str(raw)) == Decimal("1021.23")


def test_borrower_lookup_by_phone_and_unknown(store):
    assert store.borrower_by_phone("13800138001").id == "B001"
    assert store.borrower_by_phone("13800000000") is None
    assert store.borrower("B999") is None
    assert store.ledger("B999") is None


def test_the_borrower_read_by_id_is_the_one_the_orm_finds_by_phone(store, fixture_data):
    """`borrower()` runs a statement built once on a plain connection; `borrower_by_phone` goes
    through the ORM: the same profile for every fixture borrower."""
    for row in fixture_data["borrowers"]:
        found = store.borrower(row["id"])
        assert found == store.borrower_by_phone(row["phone"])
        assert (found.id, found.name, found.phone) == (row["id"], row["name"], row["phone"])


def test_handoff_is_stored_once_per_open_conversation(store):
    now = datetime(2026, 11, 20, 2, 0)
    first = store.create_handoff("conv-1", None, "未验证身份的访客", now)
    again = store.create_handoff("conv-1", "B001", "已验证借款人 B001", now)
    assert first.reference == again.reference and first.reference.startswith("H20261120")
    (row,) = store.handoffs("conv-1")
    assert (row.borrower_id, row.summary, row.status) == ("B001", "已验证借款人 B001", "open")


def test_what_the_borrower_said_with_each_request_is_kept_on_the_open_ticket(store):
    """A summary made again (a second request) replaced the first one's words; a note added after the
    request went nowhere. Each is kept once, in order; none is added where no ticket is open."""
    now = datetime(2026, 11, 20, 2, 0)
    assert store.add_handoff_note("conv-2", "下午2点后方便") is None
    store.create_handoff("conv-2", "B001", "已验证借款人 B001；本人留言：我想一次性了结", now)
    store.create_handoff("conv-2", "B001", "已验证借款人 B001；此前询问：check_overdue", now)
    store.create_handoff("conv-2", "B001", "已验证借款人 B001；此前询问：check_overdue；本人留言：我想一次性了结", now)
    ticket = store.add_handoff_note("conv-2", "下午2点后方便")
    assert ticket.summary == "已验证借款人 B001；此前询问：check_overdue；本人留言：我想一次性了结／下午2点后方便"
    (row,) = store.handoffs("conv-2")
    assert row.summary == ticket.summary


def test_failed_codes_lock_after_five_and_the_lock_expires(store):
    now = datetime(2026, 11, 20, 2, 0)
    lock = now + timedelta(minutes=30)
    for expected in range(1, 5):
        assert store.record_failed_code("digest", 5, lock, now) == (expected, None)
    assert store.record_failed_code("digest", 5, lock, now) == (5, lock)
    later = lock + timedelta(seconds=1)
    assert store.record_failed_code("digest", 5, later + timedelta(minutes=30), later) == (1, None)


def test_a_code_can_be_used_only_once(store):
    now = datetime(2026, 11, 20, 2, 0)
    challenge = store.save_challenge("p", "B001", "c", now, now + timedelta(minutes=5))
    assert store.mark_challenge_used(challenge, now) is True
    assert store.mark_challenge_used(challenge, now) is False


@pytest.mark.parametrize("hostile", ["'; DROP TABLE borrowers; --", "B001' OR '1'='1", "<script>", ""])
def test_hostile_lookups_change_nothing(store, hostile):
    before = table_counts(store)
    assert store.borrower(hostile) is None
    assert store.borrower_by_phone(hostile) is None
    assert table_counts(store) == before


def test_openid_binding(store):
    assert store.borrower_by_openid("oWX0001zhangwei").id == "B001"
    assert store.borrower_by_openid("oWXnew") is None
    assert store.bind_openid("B003", "oWXnew") is True
    assert store.borrower_by_openid("oWXnew").id == "B003"
    assert store.bind_openid("B001", "oWXnew") is False  # held by another borrower
    assert store.bind_openid("B003", "oWXnew") is True  # binding again is harmless


def test_the_ledger_read_from_rows_is_the_ledger_of_the_orm_objects(store, fixture_data):
    """`ledger()` reads plain rows in two queries; every borrower's ledger is the one built from the
    ORM objects the writes lock and read (`ledger_of`), before and after a plan is stored."""
    from datetime import date

    from loan_store.borrowers import borrower_with_ledger, ledger_of

    def by_orm(borrower_id):
        with store.session() as s:
            row = borrower_with_ledger(s, borrower_id)
            return ledger_of(row) if row is not None else None

    ids = [b["id"] for b in fixture_data["borrowers"]]
    for borrower_id in ids + ["B999"]:
        assert store.ledger(borrower_id) == by_orm(borrower_id)
    assert store.ledger("B999") is None
    as_of = date.fromisoformat(str(fixture_data["as_of"]))
    assert store.accept_plan(
        "B001", 6, Decimal("3363.24"), as_of, "ledger-rows:plan:6", datetime(2026, 11, 20, 10)
    ).plan
    after = store.ledger("B001")
    assert after == by_orm("B001")
    assert [len(p.instalments) for p in after.plans] == [6]
    assert {i.plan_id for loan in after.loans for i in loan.instalments if i.paid_on is None} >= {after.plans[0].id}
    assert (
        sum(len(loan.instalments) for loan in after.loans)
        == sum(len(loan.instalments) for loan in by_orm("B001").loans)
        > 0
    )


def test_a_reference_carries_the_borrowers_day_not_the_utc_one(store):
    """A handoff at 03:10 in Beijing (19:10 UTC the day before) was numbered H20261119…, beside a
    plan of the same minute numbered P20261120…."""
    late = store.create_handoff("conv-night", None, "未验证身份的访客", datetime(2026, 11, 19, 19, 10))
    assert late.reference.startswith("H20261120")
