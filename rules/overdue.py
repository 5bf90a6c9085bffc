"""Overdue status, days overdue, penalty interest and overdue totals (PRODUCT_TERMS)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import List, Optional, Tuple

from rules.ledger import Instalment, Ledger, Loan, Plan, PlanInstalment
from rules.money import ZERO, round_cents

PENALTY_DAILY_RATE = Decimal("0.0005")


def is_overdue(instalment: Instalment, today: date) -> bool:
    """Due before today with principal or interest unpaid; a restructured one is the plan's."""
    return instalment.plan_id is None and instalment.due_date < today and not instalment.is_settled


def days_overdue(instalment: Instalment, today: date) -> int:
    return (today - instalment.due_date).days if is_overdue(instalment, today) else 0


def penalty(unpaid_principal: Decimal, days: int) -> Decimal:
    """unpaid_principal × 0.05% × days, rounded half-up per instalment."""
    if days <= 0 or unpaid_principal <= 0:
        return ZERO
    return round_cents(unpaid_principal * PENALTY_DAILY_RATE * days)


@dataclass(frozen=True)
class OverdueInstalment:
    loan_id: str
    seq: int
    due_date: date
    days_overdue: int
    unpaid_principal: Decimal
    unpaid_interest: Decimal
    penalty: Decimal
    # What the instalment was, and what of it was paid (and when): why it is less than the others.
    due: Decimal = ZERO
    paid: Decimal = ZERO
    paid_on: Optional[date] = None
    # After an extension: the penalty of the days before it (kept), and the days of new penalty
    # (from the moved due date or the extension's day, whichever is later), not the days overdue.
    carried: Decimal = ZERO
    penalty_days: Optional[int] = None

    @property
    def total(self) -> Decimal:
        return self.unpaid_principal + self.unpaid_interest + self.penalty


@dataclass(frozen=True)
class LoanOverdue:
    loan_id: str
    product: str
    instalments: Tuple[OverdueInstalment, ...]

    @property
    def total(self) -> Decimal:
        return sum((i.total for i in self.instalments), ZERO)

    @property
    def penalty(self) -> Decimal:
        return sum((i.penalty for i in self.instalments), ZERO)


@dataclass(frozen=True)
class NextDue:
    """The next payment that falls due on or after today, of a loan or of a plan."""

    due_date: date
    amount: Decimal
    loan_id: Optional[str] = None
    plan_id: Optional[str] = None
    seq: int = 0


@dataclass(frozen=True)
class OverdueSummary:
    borrower_id: str
    today: date
    loans: Tuple[LoanOverdue, ...]
    next_due: Tuple[NextDue, ...]

    @property
    def total(self) -> Decimal:
        return sum((loan.total for loan in self.loans), ZERO)

    @property
    def penalty(self) -> Decimal:
        return sum((loan.penalty for loan in self.loans), ZERO)

    @property
    def days_overdue(self) -> int:
        return max((i.days_overdue for loan in self.loans for i in loan.instalments), default=0)

    @property
    def instalment_count(self) -> int:
        return sum(len(loan.instalments) for loan in self.loans)

    @property
    def is_overdue(self) -> bool:
        return self.instalment_count > 0


def penalty_days(instalment: Instalment, today: date) -> int:
    """Days of new penalty: from the due date, or after an extension from penalty_since."""
    if not is_overdue(instalment, today):
        return 0
    since = max(instalment.due_date, instalment.penalty_since or instalment.due_date)
    return max((today - since).days, 0)


def overdue_instalment(instalment: Instalment, today: date) -> OverdueInstalment:
    return OverdueInstalment(
        loan_id=instalment.loan_id,
        seq=instalment.seq,
        due_date=instalment.due_date,
        days_overdue=days_overdue(instalment, today),
        unpaid_principal=instalment.unpaid_principal,
        unpaid_interest=instalment.unpaid_interest,
        penalty=instalment.penalty_carried + penalty(instalment.unpaid_principal, penalty_days(instalment, today)),
        carried=instalment.penalty_carried or ZERO,
        penalty_days=penalty_days(instalment, today),
        due=instalment.principal + instalment.interest,
        paid=instalment.paid_principal + instalment.paid_interest,
        paid_on=instalment.paid_on,
    )


def loan_overdue(loan: Loan, today: date) -> LoanOverdue:
    rows = tuple(
        overdue_instalment(i, today) for i in sorted(loan.instalments, key=lambda i: i.seq) if is_overdue(i, today)
    )
    return LoanOverdue(loan_id=loan.id, product=loan.product, instalments=rows)


def _next_loan_dues(loan: Loan, today: date) -> List[NextDue]:
    """Every instalment due on the loan's next payment day (after an extension an overdue one can
    fall on the day the next is due: both are owed that day)."""
    upcoming = [i for i in loan.instalments if i.plan_id is None and i.due_date >= today and not i.is_settled]
    if not upcoming:
        return []
    day = min(i.due_date for i in upcoming)
    return [
        NextDue(
            due_date=i.due_date,
            amount=i.unpaid_principal + i.unpaid_interest + i.penalty_carried,
            loan_id=loan.id,
            seq=i.seq,
        )
        for i in sorted(upcoming, key=lambda i: i.seq)
        if i.due_date == day
    ]


def _next_plan_due(plan: Plan, today: date) -> Optional[NextDue]:
    upcoming: List[PlanInstalment] = [i for i in plan.instalments if i.paid_on is None and i.due_date >= today]
    if not plan.is_active or not upcoming:
        return None
    first = min(upcoming, key=lambda i: i.due_date)
    return NextDue(due_date=first.due_date, amount=first.amount, plan_id=plan.id, seq=first.seq)


def overdue_summary(ledger: Ledger, today: date) -> OverdueSummary:
    """Everything a borrower owes that is overdue today, and what falls due next."""
    loans = tuple(summary for summary in (loan_overdue(loan, today) for loan in ledger.loans) if summary.instalments)
    next_due = [d for loan in ledger.loans for d in _next_loan_dues(loan, today)]
    next_due += [d for d in (_next_plan_due(plan, today) for plan in ledger.plans) if d]
    return OverdueSummary(
        borrower_id=ledger.borrower_id,
        today=today,
        loans=loans,
        next_due=tuple(sorted(next_due, key=lambda d: d.due_date)),
    )


def overdue_on(ledger, today: date, later: date) -> Decimal:
    """What is overdue today, with its penalty counted to a later day (an instalment that falls due
    in between is not part of it: "all of it" meant what is overdue now)."""
    summary = overdue_summary(ledger, later)
    return sum((i.total for loan in summary.loans for i in loan.instalments if i.due_date < today), ZERO)


def dues_between(ledger, first: date, last: date) -> List[NextDue]:
    """Every payment not yet overdue that falls due from `first` to `last`: loans' own instalments
    (not those taken into a plan) and active plans' instalments, by date."""
    dues = [
        NextDue(
            due_date=i.due_date,
            amount=i.unpaid_principal + i.unpaid_interest + i.penalty_carried,
            loan_id=loan.id,
            seq=i.seq,
        )
        for loan in ledger.loans
        for i in loan.instalments
        if i.plan_id is None and not i.is_settled and first <= i.due_date <= last
    ]
    dues += [
        NextDue(due_date=i.due_date, amount=i.amount, plan_id=plan.id, seq=i.seq)
        for plan in ledger.plans
        if plan.is_active
        for i in plan.instalments
        if i.paid_on is None and first <= i.due_date <= last
    ]
    return sorted(dues, key=lambda d: (d.due_date, d.seq))


def first_due_per_source(summary: OverdueSummary):
    """The next payment day of each loan and plan, earliest first, with every instalment due that
    day (after an extension an overdue instalment can fall on the day the next one is due)."""
    first, dues = {}, []
    for due in summary.next_due:
        source = due.plan_id or due.loan_id
        if first.setdefault(source, due.due_date) == due.due_date:
            dues.append(due)
    return dues
