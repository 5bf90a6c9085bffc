"""Instalment plans, extensions and promises: quotes to the cent, eligibility edges, stored once."""

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from rules.overdue import overdue_summary
from rules.relief import (
    extension_eligibility,
    plan_eligibility,
    promise_problem,
    quote_for_budget,
)
from tests.conftest import table_counts

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 2, 0)


def independent_monthly(amount: Decimal, months: int) -> Decimal:
    """PRODUCT_TERMS' formula with the standard library's decimal, written out again here."""
    r = Decimal("0.01")
    value = amount * r / (1 - (1 + r) ** -months)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("borrower_id", ["B001", "B002", "B005"])
def test_every_quote_of_every_eligible_borrower(sqlite_store, borrower_id):
    eligibility = plan_eligibility(sqlite_store.ledger(borrower_id), AS_OF)
    assert eligibility.eligible
    total = eligibility.summary.total
    assert [(q.months, q.monthly, q.total_repaid, q.first_due) for q in eligibility.quotes] == [
        (n, independent_monthly(total, n), independent_monthly(total, n) * n, date(2026, 12, 20)) for n in (3, 6, 12)
    ]


def test_b001_quotes_written_out(sqlite_store):
    quotes = plan_eligibility(sqlite_store.ledger("B001"), AS_OF).quotes
    assert [(q.months, str(q.monthly), str(q.total_repaid)) for q in quotes] == [
        (3, "1143.58", "3430.74"),
        (6, "580.32", "3481.92"),
        (12, "298.82", "3585.84"),
    ]


@pytest.mark.parametrize(
    "borrower_id, reason",
    [("B003", "nothing_overdue"), ("B004", "too_long_overdue"), ("B006", "active_plan")],
)
def test_ineligible_borrowers_and_why(sqlite_store, borrower_id, reason):
    eligibility = plan_eligibility(sqlite_store.ledger(borrower_id), AS_OF)
    assert (eligibility.eligible, eligibility.reason) == (False, reason)
    if reason == "active_plan":
        assert eligibility.active_plan.id == "P6001"
        assert eligibility.active_plan.next_payment().due_date == date(2026, 12, 1)


def test_plan_at_exactly_180_and_181_days(sqlite_store):
    ledger = sqlite_store.ledger("B001")
    day_180 = date(2026, 9, 10) + timedelta(days=180)
    assert overdue_summary(ledger, day_180).days_overdue == 180
    assert plan_eligibility(ledger, day_180).eligible
    assert plan_eligibility(ledger, day_180 + timedelta(days=1)).reason == "too_long_overdue"


def test_budget_picks_the_shortest_fitting_term(sqlite_store):
    quotes = plan_eligibility(sqlite_store.ledger("B001"), AS_OF).quotes
    assert quote_for_budget(quotes, Decimal("800")).months == 6
    assert quote_for_budget(quotes, Decimal("1500")).months == 3
    assert quote_for_budget(quotes, Decimal("298.82")).months == 12
    assert quote_for_budget(quotes, Decimal("200")) is None


def test_accepting_a_plan_stores_it_once_and_stops_penalty(store):
    total = Decimal("3363.24")
    first = store.accept_plan("B001", 6, total, AS_OF, "conv-1:plan:6:3363.24", NOW)
    again = store.accept_plan("B001", 6, total, AS_OF, "conv-1:plan:6:3363.24", NOW)
    assert first.plan is not None and again.repeated and again.plan.id == first.plan.id
    plan = first.plan
    assert (plan.status, plan.months, plan.monthly, plan.first_due, plan.restructured_amount) == (
        "active",
        6,
        Decimal("580.32"),
        date(2026, 12, 20),
        total,
    )
    assert plan.restructured == (("L1001", 8), ("L1001", 9), ("L1001", 10))
    assert table_counts(store)["plans"] == 2  # B006's and this one
    # The restructured instalments no longer accrue penalty and are no longer overdue.
    later = overdue_summary(store.ledger("B001"), AS_OF + timedelta(days=30))
    assert [(r.loan_id, r.seq) for loan in later.loans for r in loan.instalments] == [("L1001", 11)]
    assert later.next_due[0].plan_id == plan.id and later.next_due[0].amount == Decimal("580.32")
    # Another conversation cannot add a second active plan.
    other = store.accept_plan("B001", 3, total, AS_OF, "conv-2:plan:3:3363.24", NOW)
    assert other.plan is None and other.refused == "active_plan"


def test_a_changed_figure_refuses_the_old_quote(store):
    outcome = store.accept_plan("B001", 6, Decimal("3363.24"), AS_OF + timedelta(days=1), "k", NOW)
    assert outcome.refused == "quote_changed" and outcome.plan is None
    assert table_counts(store)["plans"] == 1


def test_extension_eligibility_edges(sqlite_store):
    b002 = sqlite_store.ledger("B002")
    assert extension_eligibility(b002, AS_OF, None).eligible
    assert extension_eligibility(b002, AS_OF, AS_OF - timedelta(days=364)).reason == "recent_extension"
    assert extension_eligibility(b002, AS_OF, AS_OF - timedelta(days=365)).eligible
    assert extension_eligibility(b002, date(2026, 12, 15), None).eligible  # exactly 30 days
    assert extension_eligibility(b002, date(2026, 12, 16), None).reason == "too_long_overdue"  # 31 days
    assert extension_eligibility(sqlite_store.ledger("B001"), AS_OF, None).reason == "too_long_overdue"
    assert extension_eligibility(sqlite_store.ledger("B006"), AS_OF, None).reason == "active_plan"
    assert extension_eligibility(sqlite_store.ledger("B003"), AS_OF, None).reason == "nothing_overdue"


def test_extension_moves_every_overdue_due_date_and_keeps_the_penalty(store):
    outcome = store.grant_extension("B002", 7, AS_OF, "conv-1:ext:7", NOW)
    assert outcome.extension.moves == (("L2001", 5, date(2026, 11, 15), date(2026, 11, 22), Decimal("1.37")),)
    assert store.grant_extension("B002", 7, AS_OF, "conv-1:ext:7", NOW).repeated
    assert store.grant_extension("B002", 15, AS_OF, "conv-2:ext:15", NOW).refused == "recent_extension"
    today = overdue_summary(store.ledger("B002"), AS_OF)
    assert not today.is_overdue
    assert (today.next_due[0].due_date, today.next_due[0].amount) == (date(2026, 11, 22), Decimal("573.03"))
    # Unpaid past the new date, penalty starts again from it, on top of what was kept.
    (row,) = overdue_summary(store.ledger("B002"), date(2026, 11, 25)).loans[0].instalments
    assert (row.days_overdue, row.penalty) == (3, Decimal("1.37") + Decimal("0.82"))


@pytest.mark.parametrize(
    "days_ahead, problem",
    [(0, None), (14, None), (15, "too_far"), (-1, "past")],
)
def test_promise_dates(days_ahead, problem):
    assert promise_problem(Decimal("500"), AS_OF + timedelta(days=days_ahead), AS_OF) == problem


def test_promise_needs_an_amount_and_a_date():
    assert promise_problem(None, AS_OF, AS_OF) == "no_amount"
    assert promise_problem(Decimal("0"), AS_OF, AS_OF) == "no_amount"
    assert promise_problem(Decimal("10"), None, AS_OF) == "no_date"


def test_promise_is_stored_once(store):
    first = store.record_promise("B001", Decimal("500.00"), date(2026, 11, 27), AS_OF, "conv:promise", NOW)
    again = store.record_promise("B001", Decimal("500.00"), date(2026, 11, 27), AS_OF, "conv:promise", NOW)
    assert again.repeated and again.promise.id == first.promise.id
    (stored,) = store.promises("B001")
    assert (stored.amount, stored.pay_on, stored.status) == (Decimal("500.00"), date(2026, 11, 27), "open")
    assert store.record_promise("B001", Decimal("500"), date(2026, 12, 5), AS_OF, "k2", NOW).refused == "too_far"


def test_a_new_promise_replaces_the_running_one_and_keeps_it(store):
    """能改成月底还吗: the second promise changes the first, which stays stored as replaced (and no
    longer pauses contact); a promise whose day has passed is not touched; nor another borrower's."""
    lapsed = store.record_promise("B001", Decimal("100.00"), date(2026, 11, 19), date(2026, 11, 10), "k0", NOW)
    other = store.record_promise("B005", Decimal("300.00"), date(2026, 11, 25), AS_OF, "k-other", NOW)
    first = store.record_promise("B001", Decimal("500.00"), date(2026, 11, 27), AS_OF, "k1", NOW)
    assert first.replaced == ()
    second = store.record_promise("B001", Decimal("3363.24"), date(2026, 11, 30), AS_OF, "k2", NOW)
    assert [p.id for p in second.replaced] == [first.promise.id]
    assert [(p.id, p.status) for p in store.promises("B001")] == [
        (lapsed.promise.id, "open"),
        (first.promise.id, "replaced"),
        (second.promise.id, "open"),
    ]
    assert [p.status for p in store.promises("B005")] == ["open"] and other.replaced == ()
    repeated = store.record_promise("B001", Decimal("3363.24"), date(2026, 11, 30), AS_OF, "k2", NOW)
    assert repeated.repeated and repeated.replaced == ()


def test_a_tiny_amount_is_not_split_into_zero_payments():
    from rules.ledger import Instalment, Ledger, Loan

    inst = Instalment("L1", 1, date(2026, 11, 10), Decimal("0.01"), Decimal("0"), Decimal("0"), Decimal("0"))
    ledger = Ledger("X", loans=(Loan("L1", "消费贷", Decimal("1"), Decimal("0.18"), 1, date(2026, 10, 10), (inst,)),))
    eligibility = plan_eligibility(ledger, AS_OF)
    assert (eligibility.eligible, eligibility.reason) == (False, "amount_too_small")
