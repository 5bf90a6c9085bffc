"""What each contact says: plain facts and the ways forward, never a threat (tests/unit/test_no_threats.py
reads these too). An emergency contact is only asked to pass on a message; nothing about a debt."""

from datetime import date, timedelta
from decimal import Decimal

from rules.calendar import chinese_date
from rules.contact_plan import COLLECTION, DUE_REMINDER, LOCATE, OVERDUE_NOTICE, REMINDER_DAYS_BEFORE
from rules.ledger import Ledger
from rules.money import ZERO, yuan
from rules.overdue import overdue_summary


def due_amount(ledger: Ledger, day: date) -> Decimal:
    loans = sum(
        (
            row.principal + row.interest - row.paid_principal - row.paid_interest
            for loan in ledger.loans
            for row in loan.instalments
            if row.plan_id is None and row.due_date == day and not row.is_settled
        ),
        ZERO,
    )
    plans = sum(
        (
            row.amount
            for plan in ledger.plans
            if plan.is_active
            for row in plan.instalments
            if row.paid_on is None and row.due_date == day
        ),
        ZERO,
    )
    return loans + plans


def message(purpose: str, ledger: Ledger, day: date, lender: str, contact_name: str = "") -> str:
    if purpose == DUE_REMINDER:
        due = day + timedelta(days=REMINDER_DAYS_BEFORE)
        return (
            f"【{lender}】您好，您有一笔 {yuan(due_amount(ledger, due))} 元的还款将于{chinese_date(due)}到期，"
            "请通过App或官方渠道按时还款。如已还款请忽略。"
        )
    if purpose in (OVERDUE_NOTICE, COLLECTION):
        summary = overdue_summary(ledger, day)
        return (
            f"【{lender}】您好，截至{chinese_date(day)}，您的借款逾期应还 {yuan(summary.total)} 元。"
            "请尽快通过官方渠道还款；如有困难，可在App里的“还款助手”申请分期、延期或登记还款日期。"
        )
    if purpose == LOCATE:
        return f"您好，这里是{lender}客服。麻烦您转告{contact_name or '借款人'}方便时回电或在App里联系我们，谢谢。"
    raise ValueError(f"no text for purpose {purpose}")
