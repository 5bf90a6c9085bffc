"""Early settlement (rules/settlement.py): every fixture borrower to the cent on the fixture's day,
and properties over generated loans."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.ledger import Instalment, Ledger, Loan, Plan
from rules.overdue import loan_overdue
from rules.settlement import NotQuoted, loan_settlement, settlement

AS_OF = date(2026, 11, 20)
D = Decimal


@pytest.mark.parametrize(
    "borrower, loans, total",
    [
        # loan, overdue total, future principal, (seq, interest, days elapsed, days in period, accrued), settlement
        ("B001", [("L1001", "3363.24", "2151.81", (11, "32.28", 10, 30, "10.76"), "5525.81")], "5525.81"),
        ("B002", [("L2001", "573.03", "860.46", (6, "11.19", 5, 30, "1.87"), "1435.36")], "1435.36"),
        ("B003", [("L3001", "0.00", "4782.34", (6, "47.82", 15, 30, "23.91"), "4806.25")], "4806.25"),
        # B004's next instalment is due today: not overdue, its whole period has run.
        ("B004", [("L4001", "7620.01", "2992.38", (22, "53.86", 31, 31, "53.86"), "10666.25")], "10666.25"),
        (
            "B005",
            [
                ("L5001", "532.46", "518.77", (6, "7.78", 23, 31, "5.77"), "1057.00"),
                ("L5002", "1096.96", "2100.15", (9, "26.25", 12, 30, "10.50"), "3207.61"),
            ],
            "4264.61",
        ),
        # B006's plan restructured another loan (L6000): L6001 is quoted.
        ("B006", [("L6001", "0.00", "2669.91", (10, "40.05", 26, 31, "33.59"), "2703.50")], "2703.50"),
    ],
)
def test_fixture_borrowers_to_the_cent(store, borrower, loans, total):
    result = settlement(store.ledger(borrower), AS_OF)
    got = [
        (
            loan.loan_id,
            str(loan.overdue_total),
            str(loan.future_principal),
            (
                loan.accrued.seq,
                str(loan.accrued.interest),
                loan.accrued.days_elapsed,
                loan.accrued.days_in_period,
                str(loan.accrued.amount),
            ),
            str(loan.total),
        )
        for loan in result.loans
    ]
    assert got == loans
    assert str(result.total) == total


def test_what_an_active_plan_still_asks_for_is_named_beside_the_quote(store):
    """B006's P6001 (restructured L6000, closed) has 3 of 6 instalments of 310.59 unpaid: not
    quoted, not in the total, but named — "everything I owe" is not silently short."""
    result = settlement(store.ledger("B006"), AS_OF)
    assert [(p.plan_id, p.instalments_left, str(p.amount_left)) for p in result.plans] == [("P6001", 3, "931.77")]
    assert str(result.total) == "2703.50"
    assert settlement(store.ledger("B005"), AS_OF).plans == ()


def _loan(instalments, plan_id=None):
    return Loan("L1", "消费贷", D("12000"), D("0.18"), 12, date(2026, 1, 15), tuple(instalments))


def test_a_loan_under_an_active_plan_is_not_quoted():
    rows = [Instalment("L1", 1, date(2026, 10, 15), D("900"), D("50"), D("0"), D("0"), plan_id="P1")]
    ledger = Ledger("X", (_loan(rows),), (Plan("P1", "active", date(2026, 10, 20), D("950"), 3),))
    (loan,) = settlement(ledger, AS_OF).loans
    assert loan.not_quoted is NotQuoted.UNDER_PLAN and loan.total == 0 and settlement(ledger, AS_OF).total == 0


def test_a_repaid_loan_is_not_quoted():
    rows = [Instalment("L1", 1, date(2026, 10, 15), D("900"), D("50"), D("900"), D("50"), date(2026, 10, 15))]
    assert loan_settlement(_loan(rows), AS_OF).not_quoted is NotQuoted.SETTLED


cents = st.integers(min_value=0, max_value=2_000_000).map(lambda c: Decimal(c) / 100)


@st.composite
def loans(draw):
    start = AS_OF - timedelta(days=draw(st.integers(min_value=1, max_value=400)))
    count = draw(st.integers(min_value=1, max_value=12))
    rows, due = [], start
    for seq in range(1, count + 1):
        due = due + timedelta(days=draw(st.integers(min_value=28, max_value=31)))
        principal, interest = draw(cents), draw(cents)
        paid_p = draw(st.integers(min_value=0, max_value=int(principal * 100))) / Decimal(100)
        paid_i = draw(st.integers(min_value=0, max_value=int(interest * 100))) / Decimal(100)
        rows.append(Instalment("L1", seq, due, principal, interest, paid_p, paid_i))
    return Loan("L1", "消费贷", D("1"), D("0.18"), count, start, tuple(rows))


@settings(max_examples=400, deadline=None)
@given(loans())
def test_settlement_is_between_the_overdue_total_and_everything_unpaid(loan):
    quote = loan_settlement(loan, AS_OF)
    overdue = loan_overdue(loan, AS_OF).total
    not_overdue = [i for i in loan.instalments if i.due_date >= AS_OF]
    ceiling = overdue + sum((i.unpaid_principal + i.unpaid_interest for i in not_overdue), D("0"))
    if quote.not_quoted is not None:
        assert quote.not_quoted is NotQuoted.SETTLED and overdue == 0
        return
    assert overdue <= quote.total <= ceiling
    assert quote.overdue_total == overdue
    if quote.accrued is not None:
        assert D("0") <= quote.accrued.amount <= quote.accrued.interest
        assert 0 <= quote.accrued.days_elapsed <= quote.accrued.days_in_period
