"""Early settlement (PRODUCT_TERMS "Early settlement"): what it takes to repay a loan in full today.

settlement = the loan's overdue total
           + the unpaid principal of every instalment that is not overdue
           + the interest of the loan's next instalment that is not overdue, accrued by day:
             interest × (today − previous due date) ÷ (its due date − previous due date), rounded,
             where the previous due date is the loan's start date for the first instalment.
No interest of any later instalment, no fee. A quote is valid for the day it is given; a loan
under an active plan is not quoted (a human is offered instead), and what an active plan still
asks for is named beside the quote — never silently left out of "everything I owe".
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Optional, Tuple

from rules.ledger import Instalment, Ledger, Loan
from rules.money import ZERO, round_cents
from rules.overdue import is_overdue, loan_overdue


class NotQuoted(str, Enum):
    UNDER_PLAN = "under_plan"  # the loan has instalments restructured into an active plan
    SETTLED = "settled"  # nothing left to repay


@dataclass(frozen=True)
class AccruedInterest:
    seq: int
    interest: Decimal  # the instalment's interest (what is still unpaid of it)
    days_elapsed: int  # from the previous due date (or the loan's start) to today
    days_in_period: int  # from the previous due date to this instalment's due date
    amount: Decimal  # interest × days_elapsed ÷ days_in_period, rounded


@dataclass(frozen=True)
class LoanSettlement:
    loan_id: str
    product: str
    quoted_on: date
    overdue_total: Decimal = ZERO
    future_principal: Decimal = ZERO
    accrued: Optional[AccruedInterest] = None
    not_quoted: Optional[NotQuoted] = None
    # Penalty of the days before an extension, on instalments now not yet due: still owed
    # (PRODUCT_TERMS "Extension": penalty for the days already passed stays).
    carried_penalty: Decimal = ZERO

    @property
    def accrued_interest(self) -> Decimal:
        return self.accrued.amount if self.accrued else ZERO

    @property
    def total(self) -> Decimal:
        return self.overdue_total + self.future_principal + self.accrued_interest + self.carried_penalty


@dataclass(frozen=True)
class PlanLeft:
    """An active plan's unpaid instalments: not quoted for settlement, but not forgotten either."""

    plan_id: str
    instalments_left: int
    amount_left: Decimal


@dataclass(frozen=True)
class Settlement:
    quoted_on: date
    loans: Tuple[LoanSettlement, ...]
    plans: Tuple[PlanLeft, ...] = ()

    @property
    def quoted(self) -> Tuple[LoanSettlement, ...]:
        return tuple(loan for loan in self.loans if loan.not_quoted is None)

    @property
    def total(self) -> Decimal:
        """What settling every quoted loan takes today."""
        return sum((loan.total for loan in self.quoted), ZERO)


def _accrued(loan: Loan, upcoming: Instalment, today: date) -> AccruedInterest:
    earlier = [i.due_date for i in loan.instalments if i.due_date < upcoming.due_date]
    previous = max(earlier) if earlier else loan.start_date
    period = (upcoming.due_date - previous).days
    elapsed = min(max((today - previous).days, 0), period)
    unpaid = max(upcoming.unpaid_interest, ZERO)
    amount = round_cents(unpaid * elapsed / period) if period > 0 else unpaid
    return AccruedInterest(upcoming.seq, unpaid, elapsed, period, amount)


def loan_settlement(loan: Loan, today: date, active_plan_ids: frozenset = frozenset()) -> LoanSettlement:
    if any(i.plan_id is not None and i.plan_id in active_plan_ids for i in loan.instalments):
        return LoanSettlement(loan.id, loan.product, today, not_quoted=NotQuoted.UNDER_PLAN)
    overdue = loan_overdue(loan, today).total
    future = sorted(
        (
            i
            for i in loan.instalments
            if i.plan_id is None and not is_overdue(i, today) and not i.is_settled and i.due_date >= today
        ),
        key=lambda i: i.due_date,
    )
    if overdue <= ZERO and not future:
        return LoanSettlement(loan.id, loan.product, today, not_quoted=NotQuoted.SETTLED)
    principal = sum((max(i.unpaid_principal, ZERO) for i in future), ZERO)
    accrued = _accrued(loan, future[0], today) if future else None
    carried = sum((i.penalty_carried for i in future), ZERO)
    return LoanSettlement(loan.id, loan.product, today, overdue, principal, accrued, carried_penalty=carried)


def settlement(ledger: Ledger, today: date) -> Settlement:
    """Every loan of the borrower: its settlement today, or why it is not quoted."""
    plans = ledger.active_plans()
    active = frozenset(p.id for p in plans)
    left = tuple(
        PlanLeft(p.id, len(unpaid), sum((i.amount for i in unpaid), ZERO))
        for p in plans
        for unpaid in [[i for i in p.instalments if i.paid_on is None]]
        if unpaid
    )
    return Settlement(today, tuple(loan_settlement(loan, today, active) for loan in ledger.loans), left)
