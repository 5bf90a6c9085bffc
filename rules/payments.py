"""Payments the ledger has received, most recent first: what the borrower paid, when, for what."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import List, Optional

from rules.ledger import Ledger

# PRODUCT_TERMS is silent on posting; this is the lender's service statement the assistant gives.
POSTING_NOTE = "通过App还款或自动扣款，一般当天入账；如果刚刚还款，系统更新可能需要一点时间，最迟下一个工作日显示。"


@dataclass(frozen=True)
class Payment:
    paid_on: date
    amount: Decimal
    loan_id: str
    seq: int  # the instalment of the loan (or of the plan) it paid
    plan_id: Optional[str] = None


def payments_received(ledger: Ledger, limit: Optional[int] = None) -> List[Payment]:
    """Every instalment payment the ledger shows, most recent first (ties: loan, then instalment)."""
    found: List[Payment] = []
    for loan in ledger.loans:
        for row in loan.instalments:
            paid = row.paid_principal + row.paid_interest
            if row.paid_on is not None and paid > 0:
                found.append(Payment(row.paid_on, paid, loan.id, row.seq))
    for plan in ledger.plans:
        for row in plan.instalments:
            if row.paid_on is not None:
                found.append(Payment(row.paid_on, row.amount, plan.id, row.seq, plan.id))
    found.sort(key=lambda p: (-p.paid_on.toordinal(), p.loan_id, p.seq))
    return found[:limit] if limit is not None else found
