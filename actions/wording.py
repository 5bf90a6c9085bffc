"""The few borrower-facing lines that are composed from figures (the rest live in domain.yml)."""
from datetime import date
from decimal import Decimal
from typing import Iterable, Sequence

from rules.calendar import chinese_date
from rules.money import yuan
from rules.overdue import LoanOverdue, NextDue, OverdueInstalment
from rules.relief import MovedDueDate, PlanQuote

WEEKDAYS = "一二三四五六日"


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


def full_date(day: date) -> str:
    """2026年11月27日（星期五）: the date written out in full, as a promise is confirmed."""
    return f"{chinese_date(day)}（星期{WEEKDAYS[day.weekday()]}）"


def quote_line(quote: PlanQuote) -> str:
    return (
        f"· 分{quote.months}期：每月 {yuan(quote.monthly)} 元，共还 {yuan(quote.total_repaid)} 元，"
        f"首期 {chinese_date(quote.first_due)}"
    )


def plan_quotes(amount: Decimal, quotes: Sequence[PlanQuote]) -> str:
    lines = [f"可以把您逾期应还的 {yuan(amount)} 元（含截至今天的罚息）协商分期还，月利率1%："]
    lines += [quote_line(q) for q in quotes]
    lines.append("请选择分几期，或者告诉我您每个月大概能还多少。这只是报价，您确认后才会办理。")
    return "\n".join(lines)


def plan_confirmation_question(quote: PlanQuote) -> str:
    return (
        f"您选择的方案：把 {yuan(quote.restructured_amount)} 元分{quote.months}期，每月还 {yuan(quote.monthly)} 元，"
        f"共还 {yuan(quote.total_repaid)} 元，首期还款日 {chinese_date(quote.first_due)}。确认办理吗？"
    )


def moved_line(move: MovedDueDate) -> str:
    return f"· 借款 {move.loan_id} 第{move.seq}期：{chinese_date(move.old_due)} → {chinese_date(move.new_due)}"


def extension_question(days: int, moves: Sequence[MovedDueDate]) -> str:
    lines = [f"延期{days}天后，这些还款日会顺延："]
    lines += [moved_line(m) for m in moves]
    kept = sum((m.penalty_carried for m in moves), Decimal("0"))
    lines.append(f"已经产生的罚息 {yuan(kept)} 元仍需支付。确认办理延期吗？")
    return "\n".join(lines)


def extension_granted(extension) -> str:
    lines = [f"延期已办理，编号 {extension.id}，延期{extension.days}天。新的还款日："]
    lines += [f"· 借款 {loan} 第{seq}期：{chinese_date(new)}（原 {chinese_date(old)}）" for loan, seq, old, new, _ in extension.moves]
    lines.append("请在新的还款日前还款；过了新的还款日仍未还，会重新开始计算罚息。")
    return "\n".join(lines)
