"""The few borrower-facing lines that are composed from figures (the rest live in domain.yml)."""
from typing import Iterable

from rules.calendar import chinese_date
from rules.money import yuan
from rules.overdue import LoanOverdue, NextDue, OverdueInstalment


def instalment_line(row: OverdueInstalment) -> str:
    return (
        f"· 第{row.seq}期（应还日{chinese_date(row.due_date)}，已逾期{row.days_overdue}天）："
        f"本金 {yuan(row.unpaid_principal)} 元 + 利息 {yuan(row.unpaid_interest)} 元 + "
        f"罚息 {yuan(row.penalty)} 元 = {yuan(row.total)} 元"
    )


def loan_block(loan: LoanOverdue) -> str:
    lines = [f"借款 {loan.loan_id}（{loan.product}），逾期 {yuan(loan.total)} 元："]
    lines += [instalment_line(row) for row in loan.instalments]
    return "\n".join(lines)


def next_due_line(due: NextDue) -> str:
    what = f"分期计划 {due.plan_id} 第{due.seq}期" if due.plan_id else f"借款 {due.loan_id} 第{due.seq}期"
    return f"· {chinese_date(due.due_date)}：{yuan(due.amount)} 元（{what}）"


def next_due_block(title: str, dues: Iterable[NextDue]) -> str:
    return "\n".join([title] + [next_due_line(d) for d in dues])


def penalty_line(row: OverdueInstalment) -> str:
    return (
        f"· 借款 {row.loan_id} 第{row.seq}期：{yuan(row.unpaid_principal)} 元 × 0.05% × "
        f"{row.days_overdue} 天 = {yuan(row.penalty)} 元"
    )
