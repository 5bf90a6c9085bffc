"""Properties of the product rules over generated ledgers (hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.ledger import Instalment, Ledger, Loan
from rules.overdue import overdue_summary, penalty
from rules.relief import PLAN_TERMS, monthly_payment, plan_quote

cents = st.integers(min_value=0, max_value=5_000_000).map(lambda c: Decimal(c) / 100)
TODAY = date(2026, 11, 20)


@st.composite
def instalments(draw, loan_id="L1"):
    rows = []
    for seq in range(1, draw(st.integers(min_value=1, max_value=12)) + 1):
        principal, interest = draw(cents), draw(cents)
        paid_p = draw(st.integers(min_value=0, max_value=int(principal * 100))) / Decimal(100)
        paid_i = draw(st.integers(min_value=0, max_value=int(interest * 100))) / Decimal(100)
        due = TODAY + timedelta(days=draw(st.integers(min_value=-400, max_value=400)))
        rows.append(Instalment(loan_id, seq, due, principal, interest, paid_p, paid_i))
    return tuple(rows)


@settings(max_examples=300, deadline=None)
@given(instalments())
def test_totals_are_sums_of_non_negative_parts(rows):
    summary = overdue_summary(
        Ledger("X", loans=(Loan("L1", "消费贷", Decimal("1"), Decimal("0.18"), 12, TODAY, rows),)), TODAY
    )
    parts = [i for loan in summary.loans for i in loan.instalments]
    assert all(min(i.unpaid_principal, i.unpaid_interest, i.penalty) >= 0 and i.days_overdue > 0 for i in parts)
    assert summary.total == sum((i.unpaid_principal + i.unpaid_interest + i.penalty for i in parts), Decimal("0"))
    assert summary.total >= 0 and summary.penalty == sum((i.penalty for i in parts), Decimal("0"))


@settings(max_examples=300, deadline=None)
@given(cents, st.integers(min_value=0, max_value=2000), st.integers(min_value=1, max_value=365))
def test_penalty_grows_with_days(unpaid, days, more):
    assert Decimal("0") <= penalty(unpaid, days) <= penalty(unpaid, days + more)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10_000_000).map(lambda c: Decimal(c) / 100), st.sampled_from(PLAN_TERMS))
def test_quotes_repay_the_restructured_amount(amount, months):
    quote = plan_quote(amount, months, TODAY)
    if amount >= 1:  # below a yuan, rounding to the cent can eat a payment: such quotes are not offered
        assert quote.repays
    if quote.repays:
        assert quote.monthly > 0 and quote.total_repaid >= amount
    # The rounded monthly payment is within half a cent of the exact annuity.
    exact = amount * Decimal("0.01") / (1 - Decimal("1.01") ** -months)
    assert abs(quote.monthly - exact) <= Decimal("0.005")
    assert quote.monthly == monthly_payment(amount, months)
    assert len(quote.due_dates()) == months and quote.due_dates()[0] == quote.first_due
