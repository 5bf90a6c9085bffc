"""Product rules against every fixture borrower on the fixture's as_of day.

The expected figures are computed here from the fixture file itself, independently of the rules
module and the store, and a few are also written out as the literal figures the brief names.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from rules.ledger import Instalment, Ledger, Loan
from rules.overdue import overdue_summary, penalty

AS_OF = date(2026, 11, 20)


def independent_figures(borrower, as_of):
    """Per PRODUCT_TERMS, straight from the YAML: (total, max days, count of overdue instalments)."""
    total, days_max, count = Decimal("0"), 0, 0
    for loan in borrower.get("loans", []):
        for inst in loan["instalments"]:
            due = inst["due_date"] if isinstance(inst["due_date"], date) else date.fromisoformat(inst["due_date"])
            unpaid_p = Decimal(inst["principal"]) - Decimal(inst["paid_principal"])
            unpaid_i = Decimal(inst["interest"]) - Decimal(inst["paid_interest"])
            if due < as_of and (unpaid_p > 0 or unpaid_i > 0):
                days = (as_of - due).days
                pen = (unpaid_p * Decimal("0.0005") * days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                total += unpaid_p + unpaid_i + pen
                days_max = max(days_max, days)
                count += 1
    return total, days_max, count


@pytest.mark.parametrize("borrower_id", ["B001", "B002", "B003", "B004", "B005", "B006"])
def test_every_fixture_borrower_matches_an_independent_computation(store, fixture_data, borrower_id):
    borrower = next(b for b in fixture_data["borrowers"] if b["id"] == borrower_id)
    as_of = fixture_data["as_of"]
    summary = overdue_summary(store.ledger(borrower_id), as_of)
    assert (summary.total, summary.days_overdue, summary.instalment_count) == independent_figures(borrower, as_of)


@pytest.mark.parametrize(
    "borrower_id, total, days, count",
    [
        ("B001", "3363.24", 71, 3),
        ("B002", "573.03", 5, 1),
        ("B003", "0.00", 0, 0),
        ("B004", "7620.01", 214, 7),
        ("B005", "1629.42", 43, 3),
        ("B006", "0.00", 0, 0),
    ],
)
def test_fixture_figures_written_out(store, borrower_id, total, days, count):
    summary = overdue_summary(store.ledger(borrower_id), AS_OF)
    assert summary.total == Decimal(total)
    assert summary.days_overdue == days
    assert summary.instalment_count == count


def test_b001_breakdown_per_instalment(sqlite_store):
    rows = [
        (r.seq, r.days_overdue, r.unpaid_principal, r.unpaid_interest, r.penalty, r.total)
        for loan in overdue_summary(sqlite_store.ledger("B001"), AS_OF).loans
        for r in loan.instalments
    ]
    assert rows == [
        (8, 71, Decimal("1021.23"), Decimal("78.93"), Decimal("36.25"), Decimal("1136.41")),
        (9, 41, Decimal("1036.55"), Decimal("63.61"), Decimal("21.25"), Decimal("1121.41")),
        (10, 10, Decimal("1052.10"), Decimal("48.06"), Decimal("5.26"), Decimal("1105.42")),
    ]


def test_partly_paid_instalment_accrues_penalty_on_unpaid_principal_only(sqlite_store):
    (row,) = overdue_summary(sqlite_store.ledger("B002"), AS_OF).loans[0].instalments
    assert (row.unpaid_principal, row.unpaid_interest, row.penalty) == (
        Decimal("549.43"),
        Decimal("22.23"),
        Decimal("1.37"),
    )


def test_instalment_due_today_is_not_overdue(sqlite_store):
    # B004's 22nd instalment falls due on as_of itself.
    summary = overdue_summary(sqlite_store.ledger("B004"), AS_OF)
    assert [r.seq for r in summary.loans[0].instalments] == [15, 16, 17, 18, 19, 20, 21]
    assert summary.next_due[0].due_date == AS_OF and summary.next_due[0].amount == Decimal("1033.62")


def test_current_borrower_gets_next_due_of_loan_and_plan(sqlite_store):
    summary = overdue_summary(sqlite_store.ledger("B006"), AS_OF)
    assert not summary.is_overdue
    assert [(d.due_date, d.amount, d.loan_id, d.plan_id) for d in summary.next_due[:2]] == [
        (date(2026, 11, 25), Decimal("916.80"), "L6001", None),
        (date(2026, 12, 1), Decimal("310.59"), None, "P6001"),
    ]


def test_figures_move_with_today(sqlite_store):
    # One day later B001's three instalments each accrue one more day.
    later = overdue_summary(sqlite_store.ledger("B001"), date(2026, 11, 21))
    assert later.days_overdue == 72
    assert later.total == Decimal("3364.80")


def test_penalty_rounds_half_up_per_instalment():
    assert penalty(Decimal("1.00"), 10) == Decimal("0.01")  # 0.005 → 0.01
    assert penalty(Decimal("0.99"), 10) == Decimal("0.00")  # 0.00495 → 0.00
    assert penalty(Decimal("1000.00"), 0) == Decimal("0.00")


def test_restructured_instalments_stop_accruing():
    inst = Instalment(
        "L1", 1, date(2026, 9, 10), Decimal("100"), Decimal("5"), Decimal("0"), Decimal("0"), plan_id="P1"
    )
    ledger = Ledger("X", loans=(Loan("L1", "消费贷", Decimal("100"), Decimal("0.18"), 1, date(2026, 8, 10), (inst,)),))
    assert overdue_summary(ledger, AS_OF).total == Decimal("0")


def test_assistant_today_is_read_from_the_environment(monkeypatch):
    from rules.calendar import today

    monkeypatch.setenv("ASSISTANT_TODAY", "2026-11-20")
    assert today() == AS_OF
    monkeypatch.setenv("ASSISTANT_TODAY", "20/11/2026")
    with pytest.raises(ValueError, match="ISO date"):
        today()


def test_now_is_on_the_pinned_day_at_the_present_time_of_day(monkeypatch):
    """A complaint filed in a demo pinned to 2026-11-20 is filed on 2026-11-20 (its reference and
    due time too), at the time of day it really is in Beijing."""
    from datetime import datetime, timezone

    from rules.calendar import beijing_time, utc_now

    monkeypatch.delenv("ASSISTANT_TODAY", raising=False)
    real = utc_now()
    assert abs((real - datetime.now(timezone.utc).replace(tzinfo=None)).total_seconds()) < 5
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-11-20")
    pinned = beijing_time(utc_now())
    assert pinned.date() == AS_OF
    assert (
        abs((pinned - pinned.replace(hour=beijing_time(real).hour, minute=beijing_time(real).minute)).total_seconds())
        < 120
    )
