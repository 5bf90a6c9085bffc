"""Relief per PRODUCT_TERMS: instalment-plan quotes and eligibility, extensions, promises to pay."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext
from enum import Enum
from typing import List, Optional, Tuple

from rules.ledger import Ledger, Plan
from rules.money import ZERO, round_cents
from rules.overdue import OverdueSummary, overdue_summary

PLAN_TERMS = (3, 6, 12)
PLAN_MONTHLY_RATE = Decimal("0.01")
PLAN_MAX_DAYS_OVERDUE = 180
EXTENSION_CHOICES = (7, 15, 30)
EXTENSION_MAX_DAYS_OVERDUE = 30
EXTENSION_COOLDOWN_DAYS = 365
PROMISE_MAX_DAYS_AHEAD = 14


def add_months(day: date, months: int) -> date:
    """Same day of month `months` later, clamped to that month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Refusal(str, Enum):
    """Why a plan or an extension cannot be had (a str, so stored and logged values read as before)."""

    NOTHING_OVERDUE = "nothing_overdue"
    TOO_LONG_OVERDUE = "too_long_overdue"
    ACTIVE_PLAN = "active_plan"
    AMOUNT_TOO_SMALL = "amount_too_small"  # plans only: rounding would repay less than owed
    RECENT_EXTENSION = "recent_extension"  # extensions only
    # The store's, at the moment of writing: the borrower is not there, or the figures moved since
    # the quote the borrower confirmed.
    NO_BORROWER = "no_borrower"
    QUOTE_CHANGED = "quote_changed"


class PromiseProblem(str, Enum):
    """Why a promise cannot be stored as said."""

    NO_AMOUNT = "no_amount"
    NO_DATE = "no_date"
    PAST = "past"
    TOO_FAR = "too_far"


# Instalment plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanQuote:
    months: int
    restructured_amount: Decimal
    monthly: Decimal
    accepted_on: date

    @property
    def total_repaid(self) -> Decimal:
        return self.monthly * self.months

    @property
    def first_due(self) -> date:
        """One month after acceptance, same day of month, clamped to the month's end."""
        return add_months(self.accepted_on, 1)

    def due_dates(self) -> List[date]:
        return [add_months(self.accepted_on, k) for k in range(1, self.months + 1)]

    @property
    def repays(self) -> bool:
        """Rounding must not make a plan repay less than the restructured amount (tiny amounts)."""
        return self.monthly > 0 and self.total_repaid >= self.restructured_amount


def monthly_payment(amount: Decimal, months: int, rate: Decimal = PLAN_MONTHLY_RATE) -> Decimal:
    """monthly = A × r / (1 − (1 + r)^(−n)), rounded half-up to the cent."""
    with localcontext() as ctx:
        ctx.prec = 34
        factor = (Decimal(1) + rate) ** (-months)
        return round_cents(amount * rate / (Decimal(1) - factor))


def plan_quote(amount: Decimal, months: int, accepted_on: date) -> PlanQuote:
    return PlanQuote(months, amount, monthly_payment(amount, months), accepted_on)


@dataclass(frozen=True)
class PlanEligibility:
    eligible: bool
    reason: Optional[Refusal] = None
    summary: Optional[OverdueSummary] = None
    active_plan: Optional[Plan] = None
    quotes: Tuple[PlanQuote, ...] = ()


def plan_eligibility(ledger: Ledger, today: date) -> PlanEligibility:
    summary = overdue_summary(ledger, today)
    active = ledger.active_plans()
    if active:
        return PlanEligibility(False, Refusal.ACTIVE_PLAN, summary, active[0])
    if summary.total <= ZERO:
        return PlanEligibility(False, Refusal.NOTHING_OVERDUE, summary)
    if summary.days_overdue > PLAN_MAX_DAYS_OVERDUE:
        return PlanEligibility(False, Refusal.TOO_LONG_OVERDUE, summary)
    quotes = tuple(q for q in (plan_quote(summary.total, months, today) for months in PLAN_TERMS) if q.repays)
    if not quotes:
        return PlanEligibility(False, Refusal.AMOUNT_TOO_SMALL, summary)
    return PlanEligibility(True, None, summary, quotes=quotes)


def quote_for_budget(quotes: Tuple[PlanQuote, ...], monthly_budget: Decimal) -> Optional[PlanQuote]:
    """The shortest offered term whose monthly payment fits the budget, or None."""
    fitting = [q for q in quotes if q.monthly <= monthly_budget]
    return min(fitting, key=lambda q: q.months) if fitting else None


# Extension ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtensionEligibility:
    eligible: bool
    reason: Optional[Refusal] = None
    summary: Optional[OverdueSummary] = None
    last_granted_on: Optional[date] = None


def extension_eligibility(ledger: Ledger, today: date, last_extension_on: Optional[date]) -> ExtensionEligibility:
    summary = overdue_summary(ledger, today)
    if ledger.active_plans():
        return ExtensionEligibility(False, Refusal.ACTIVE_PLAN, summary)
    if last_extension_on is not None and (today - last_extension_on).days < EXTENSION_COOLDOWN_DAYS:
        return ExtensionEligibility(False, Refusal.RECENT_EXTENSION, summary, last_extension_on)
    if not summary.is_overdue:
        return ExtensionEligibility(False, Refusal.NOTHING_OVERDUE, summary)
    if summary.days_overdue > EXTENSION_MAX_DAYS_OVERDUE:
        return ExtensionEligibility(False, Refusal.TOO_LONG_OVERDUE, summary)
    return ExtensionEligibility(True, None, summary)


@dataclass(frozen=True)
class MovedDueDate:
    loan_id: str
    seq: int
    old_due: date
    new_due: date
    penalty_carried: Decimal


def extension_moves(summary: OverdueSummary, days: int) -> List[MovedDueDate]:
    """Every overdue instalment moves back by `days`; the penalty already accrued stays owed."""
    return [
        MovedDueDate(row.loan_id, row.seq, row.due_date, row.due_date + timedelta(days=days), row.penalty)
        for loan in summary.loans
        for row in loan.instalments
    ]


# Promise to pay -------------------------------------------------------------------------------


def promise_problem(amount: Optional[Decimal], pay_on: Optional[date], today: date) -> Optional[PromiseProblem]:
    """None when the promise can be stored; otherwise why not."""
    if amount is None or amount <= ZERO:
        return PromiseProblem.NO_AMOUNT
    if pay_on is None:
        return PromiseProblem.NO_DATE
    if pay_on < today:
        return PromiseProblem.PAST
    if (pay_on - today).days > PROMISE_MAX_DAYS_AHEAD:
        return PromiseProblem.TOO_FAR
    return None
