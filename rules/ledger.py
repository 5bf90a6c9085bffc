"""A borrower's ledger as the rules read it: loans, instalments and plans, as plain values."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import List, Optional, Tuple


@dataclass(frozen=True)
class Instalment:
    loan_id: str
    seq: int
    due_date: date
    principal: Decimal
    interest: Decimal
    paid_principal: Decimal
    paid_interest: Decimal
    paid_on: Optional[date] = None
    # Set when the instalment was restructured into a plan: it no longer accrues penalty.
    plan_id: Optional[str] = None
    # Set by an extension: penalty already accrued, and the day new penalty starts from.
    penalty_carried: Decimal = Decimal("0.00")
    penalty_since: Optional[date] = None

    @property
    def unpaid_principal(self) -> Decimal:
        return self.principal - self.paid_principal

    @property
    def unpaid_interest(self) -> Decimal:
        return self.interest - self.paid_interest

    @property
    def is_settled(self) -> bool:
        return self.unpaid_principal <= 0 and self.unpaid_interest <= 0


@dataclass(frozen=True)
class Loan:
    id: str
    product: str
    principal: Decimal
    annual_rate: Decimal
    term_months: int
    start_date: date
    instalments: Tuple[Instalment, ...] = ()


@dataclass(frozen=True)
class PlanInstalment:
    seq: int
    due_date: date
    amount: Decimal
    paid_on: Optional[date] = None


@dataclass(frozen=True)
class Plan:
    id: str
    status: str
    accepted_on: date
    restructured_amount: Decimal
    months: int
    instalments: Tuple[PlanInstalment, ...] = ()

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    def next_payment(self) -> Optional[PlanInstalment]:
        unpaid = [i for i in self.instalments if i.paid_on is None]
        return min(unpaid, key=lambda i: i.due_date) if unpaid else None


@dataclass(frozen=True)
class Ledger:
    borrower_id: str
    loans: Tuple[Loan, ...] = ()
    plans: Tuple[Plan, ...] = field(default_factory=tuple)

    def active_plans(self) -> List[Plan]:
        return [p for p in self.plans if p.is_active]
