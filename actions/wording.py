"""Borrower-facing lines composed from figures (fixed texts live in domain.yml)."""

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Dict, Iterable, List, Optional, Sequence

from nlu import signals
from parsing.contact_changes import ContactChange, ContactHours, WithdrawContact
from rules.calendar import beijing_time, chinese_date, today
from rules.contact_plan import DUE_REMINDER, REMINDER_DAYS_BEFORE
from rules.contact_policy import EMERGENCY_AFTER_DAYS, MAX_CALLS_A_DAY, NOT_MADE, UNREACHABLE_DAYS
from rules.figures import POLICY_FIGURES
from rules.money import yuan
from rules.overdue import (
    PENALTY_DAILY_RATE,
    LoanOverdue,
    NextDue,
    OverdueInstalment,
    OverdueSummary,
    dues_between,
    penalty,
)
from rules.payments import Payment
from rules.relief import (
    EXTENSION_MAX_DAYS_OVERDUE,
    PLAN_TERMS,
    PROMISE_MAX_DAYS_AHEAD,
    MovedDueDate,
    PlanQuote,
    Refusal,
    plan_quote,
)
from rules.service_hours import when_a_person_takes_over

WEEKDAYS = "一二三四五六日"


# Every figure of the policies comes from rules/ (rules/figures.py), as in domain.yml's responses.
PENALTY_RATE = POLICY_FIGURES["penalty_rate"]
PLAN_RATE = POLICY_FIGURES["plan_rate"]
CONTACT_HOURS = POLICY_FIGURES["contact_hours"]


def instalment_line(row: OverdueInstalment) -> str:
    return (
        f"· 第{row.seq}期（应还日{chinese_date(row.due_date)}，已逾期{row.days_overdue}天）："
        f"本金 {yuan(row.unpaid_principal)} 元 + 利息 {yuan(row.unpaid_interest)} 元 + "
        f"罚息 {yuan(row.penalty)} 元 = {yuan(row.total)} 元{part_paid(row)}"
    )


def part_paid(row: OverdueInstalment) -> str:
    """（本期应还 871.66 元，2026年11月16日已还 300.00 元）: why this instalment is less than the others."""
    if row.paid <= 0:
        return ""
    when = f"{chinese_date(row.paid_on)}" if row.paid_on else ""
    return f"（本期应还 {yuan(row.due)} 元，{when}已还 {yuan(row.paid)} 元）"


def why_amounts_differ(ledger, summary: OverdueSummary, split: bool = False) -> str:
    """Why one instalment is not like another: equal instalments (with `split`, what of the next is
    principal and what interest), then what changed each overdue one."""
    lines = ["每期应还的本金加利息按等额本息计算，同一笔借款每期基本一样（最后一期可能差几分的尾差）："]
    for loan in ledger.loans:
        amounts = sorted({i.principal + i.interest for i in loan.instalments})
        if not amounts:
            continue
        each = yuan(amounts[0]) if len(amounts) == 1 else f"{yuan(amounts[0])}–{yuan(amounts[-1])}"
        lines.append(f"· 借款 {loan.id}：每期 {each} 元")
        unpaid = sorted(
            (i for i in loan.instalments if not i.is_settled and i.plan_id is None), key=lambda i: i.due_date
        )
        if unpaid and split:
            # 为什么每期要还710.79 多出来的是什么钱: what is principal and what interest (only the rule came, h36a)
            i = unpaid[0]
            lines.append(
                f"  其中第{i.seq}期（{chinese_date(i.due_date)}）= 本金 {yuan(i.principal)} 元 + 利息 {yuan(i.interest)} 元；"
                f"利息按年利率 {(loan.annual_rate * 100).normalize():f}% 算，越往后利息越少、本金越多，每期合计不变。"
            )
    changed = []
    for row in (row for loan in summary.loans for row in loan.instalments):
        left = yuan(row.unpaid_principal + row.unpaid_interest)
        if row.paid > 0:
            when = chinese_date(row.paid_on) if row.paid_on else ""
            changed.append(
                f"· 借款 {row.loan_id} 第{row.seq}期原应还 {yuan(row.due)} 元，{when}已还 {yuan(row.paid)} 元，"
                f"剩 {left} 元，加罚息 {yuan(row.penalty)} 元 = {yuan(row.total)} 元"
            )
        elif row.penalty > 0:
            changed.append(
                f"· 借款 {row.loan_id} 第{row.seq}期 {left} 元，逾期加罚息 {yuan(row.penalty)} 元 = {yuan(row.total)} 元"
            )
    if changed:
        lines.append("金额不一样的是逾期的这几期：")
        lines += changed
    if ledger.active_plans():
        lines.append("分期计划的每期金额按分期的本金和月利率1%另算，和原借款的每期不同。")
    return "\n".join(lines)


def loan_block(loan: LoanOverdue) -> str:
    lines = [f"借款 {loan.loan_id}（{loan.product}），逾期 {yuan(loan.total)} 元："]
    lines += [instalment_line(row) for row in loan.instalments]
    return "\n".join(lines)


def instalment_named(due: NextDue) -> str:
    return f"分期计划 {due.plan_id} 第{due.seq}期" if due.plan_id else f"借款 {due.loan_id} 第{due.seq}期"


def next_due_line(due: NextDue) -> str:
    what = instalment_named(due)
    when = "（今天到期）" if due.due_date == today() else ""  # 今天有要还的吗: the date alone did not say it (h34a)
    return f"· {chinese_date(due.due_date)}{when}：{yuan(due.amount)} 元（{what}）"


IF_LATE = (
    f"如果到期没能全部还上，从第二天起，没还的本金每天按{POLICY_FIGURES['penalty_rate']}计罚息，没有其他费用。"
    f"到时可以登记{POLICY_FIGURES['promise_max_days']}天以内的还款承诺，或者看看能不能申请延期；现在想先商量，也可以转人工。"
)
# An extension already had this year (那我跟你们约12月1号还 行不, right after being told so: "看看能不能申请延期").
IF_LATE_AFTER_AN_EXTENSION = (
    f"如果到期没能全部还上，从第二天起，没还的本金每天按{POLICY_FIGURES['penalty_rate']}计罚息，没有其他费用。"
    f"到时可以登记{POLICY_FIGURES['promise_max_days']}天以内的还款承诺；您今年已经办过延期，不能再延期，现在想先商量，可以转人工。"
)
# Overdue again after this year's extension: what there is instead of a second one.
INSTEAD_OF_A_SECOND_EXTENSION = (
    f"可以登记{POLICY_FIGURES['promise_max_days']}天以内的还款承诺（比如说“25号还1000”），"
    "或者说“协商分期”看看能不能分期。"
)
# With a plan running no extension is possible (it was offered after "期间不能再申请延期").
IF_LATE_IN_A_PLAN = (
    f"如果到期没能全部还上，从第二天起，没还的本金每天按{POLICY_FIGURES['penalty_rate']}计罚息，没有其他费用。"
    f"到时可以登记{POLICY_FIGURES['promise_max_days']}天以内的还款承诺；分期期间不能再申请延期，现在想先商量，可以转人工。"
)


def next_due_block(title: str, dues: Iterable[NextDue]) -> str:
    dues = list(dues)
    lines = [title] + [next_due_line(d) for d in dues]
    days = {}
    for due in dues:
        days.setdefault(due.due_date, []).append(due.amount)
    for day, amounts in days.items():  # two instalments the same day: what that day asks in all
        if len(amounts) > 1:
            lines.append(f"{chinese_date(day)}合计应还 {yuan(sum(amounts, Decimal('0')))} 元。")
    return "\n".join(lines)


def penalty_line(row: OverdueInstalment) -> str:
    """The formula with the figures; after an extension, the new days' part and the part kept from
    before it, each shown (549.43 × 0.05% × 3 天 = 2.19 was the whole, h28a)."""
    days = row.days_overdue if row.penalty_days is None else row.penalty_days
    line = f"· 借款 {row.loan_id} 第{row.seq}期：{yuan(row.unpaid_principal)} 元 × {PENALTY_RATE} × {days} 天 = "
    if not row.carried:
        return line + f"{yuan(row.penalty)} 元"
    return (
        line
        + f"{yuan(row.penalty - row.carried)} 元，加上延期前已经产生的罚息 {yuan(row.carried)} 元，共 {yuan(row.penalty)} 元"
    )


def paid_towards(payment: Payment) -> str:
    """借款 L2001 第5期 / 分期计划 P6001 第1期: what a payment paid."""
    if payment.plan_id:
        return f"分期计划 {payment.plan_id} 第{payment.seq}期"
    return f"借款 {payment.loan_id} 第{payment.seq}期"


def payment_line(payment: Payment) -> str:
    return f"· {chinese_date(payment.paid_on)}：{yuan(payment.amount)} 元（{paid_towards(payment)}）"


def payments_block(payments: Sequence[Payment]) -> str:
    if not payments:
        return "我们的账上还没有收到您的还款记录。"
    return "\n".join(["我们最近收到的还款："] + [payment_line(p) for p in payments])


def no_extension_line(eligibility) -> str:
    """Why no extension, in one line (before a plan's quote, or at its confirmation)."""
    if eligibility.reason == Refusal.TOO_LONG_OVERDUE:
        return (
            f"延期只能在逾期不超过{EXTENSION_MAX_DAYS_OVERDUE}天时办理，您已逾期 {eligibility.summary.days_overdue} 天，"
            "办不了延期。"
        )
    if eligibility.reason == Refusal.RECENT_EXTENSION:
        return f"您在{chinese_date(eligibility.last_granted_on)}办过延期，一年内只能办一次，这次办不了延期。"
    if eligibility.reason == Refusal.ACTIVE_PLAN:
        return "您有进行中的分期方案，不能再办延期。"
    return "您目前没有逾期的款项，不需要延期。"


HARD_TIME_HEARD = "这段时间不容易，先照顾好自己。下面是您现在欠的钱和原因，最后有还不上时能办的办法。"


def claimed_against_received(
    claimed: Optional[Decimal], payments: Sequence[Payment], day: Optional[date] = None
) -> Optional[str]:
    """我上周在app上还了600 怎么还显示逾期, with 300.00 received: the difference said in so many words
    (one payment may be spread over instalments: a day's payments are one); with the day named (16号我还的是
    871.66 不是300), against what came that day — the same sum on another day is not it (h35b)."""
    if claimed is None:
        return None
    days: Dict[date, Decimal] = {}
    for p in payments:
        days[p.paid_on] = days.get(p.paid_on, Decimal("0")) + p.amount
    check = f"如果您付出去的确实是 {yuan(claimed)} 元，请保留付款截图或银行流水，转人工核实这笔钱的去向。"
    if day is not None:
        got = days.get(day)
        if got == claimed:
            return None
        if got is None:
            return f"您说{chinese_date(day)}还了 {yuan(claimed)} 元，我们的账上那天没有收到还款。{check}"
        return (
            f"您说{chinese_date(day)}还了 {yuan(claimed)} 元，我们那天收到的是 {yuan(got)} 元，"
            f"相差 {yuan(claimed - got)} 元。{check}"
        )
    if claimed in days.values() or any(p.amount == claimed for p in payments):
        return None
    if not payments:
        return f"您说还了 {yuan(claimed)} 元，我们的账上还没有收到这笔钱。{check}"
    day, amount = max(days.items())
    return (
        f"您说还了 {yuan(claimed)} 元，我们的账上没有这个金额的还款：最近一次是{chinese_date(day)}收到的 "
        f"{yuan(amount)} 元。{check}"
    )


def days_counted(summary, payments: Sequence[Payment]) -> str:
    """214天不可能 我哪有逾期这么久: where the days are counted from, and what the ledger received."""
    first = min((row for loan in summary.loans for row in loan.instalments), key=lambda r: (r.due_date, r.seq))
    said = (
        f"逾期天数从最早一期没还清的应还日算起：借款 {first.loan_id} 第{first.seq}期，应还日是{chinese_date(first.due_date)}，"
        f"到今天（{chinese_date(summary.today)}）是 {first.days_overdue} 天。"
    )
    if payments:
        latest = payments[0]
        said += f"我们账上最近一次收到您的还款是{chinese_date(latest.paid_on)}的 {yuan(latest.amount)} 元（{paid_towards(latest)}）。"
    else:
        said += "我们账上没有收到过您的还款。"
    return said + "如果您记得这一期已经还过，请保留付款截图或银行流水，转人工核实。"


def full_date(day: date) -> str:
    """2026年11月27日（星期五）: the date written out in full, as a promise is confirmed."""
    return f"{chinese_date(day)}（星期{WEEKDAYS[day.weekday()]}）"


def quote_line(quote: PlanQuote) -> str:
    return (
        f"· 分{quote.months}期：每月 {yuan(quote.monthly)} 元，共还 {yuan(quote.total_repaid)} 元，"
        f"首期 {chinese_date(quote.first_due)}"
    )


PAY_PART_FIRST = "如果先还一部分，到账后逾期总额会变少，分期按办理当天的逾期总额重新报价，到时再来办就行。"


def plan_quotes(amount: Decimal, quotes: Sequence[PlanQuote], loans: Sequence[str] = ()) -> str:
    lines = [f"可以把您逾期应还的 {yuan(amount)} 元（含截至今天的罚息）协商分期还，月利率{PLAN_RATE}："]
    lines += [quote_line(q) for q in quotes]
    if len(loans) > 1:  # a plan restructures every overdue instalment: no loan is split alone
        lines.append(f"协商分期会把您所有逾期的款项一起分期（借款 {'、'.join(loans)}），不能只分其中一笔。")
    lines.append("还没到期的各期不在分期里，仍按原来的还款日还；办理后，分期的这部分不再产生罚息。")
    lines.append("请选择分几期，或者告诉我您每个月大概能还多少。这只是报价，您确认后才会办理。")
    return "\n".join(lines)


def plan_confirmation_question(quote: PlanQuote) -> str:
    return (
        f"您选择的方案：把 {yuan(quote.restructured_amount)} 元分{quote.months}期，每月还 {yuan(quote.monthly)} 元，"
        f"共还 {yuan(quote.total_repaid)} 元，首期还款日 {chinese_date(quote.first_due)}。确认办理吗？"
    )


def moved_line(move: MovedDueDate) -> str:
    return f"· 借款 {move.loan_id} 第{move.seq}期：{chinese_date(move.old_due)} → {chinese_date(move.new_due)}"


def extension_question(days: int, moves: Sequence[MovedDueDate], total: Optional[Decimal] = None, beside=()) -> str:
    """The moved dates, what will be owed on them (15天的话到时候一共要还多少 罚息还会继续算吗 got the
    penalty formula only), and any instalment of its own that falls due by then."""
    lines = [f"延期{days}天后，这些还款日会顺延："]
    lines += [moved_line(m) for m in moves]
    kept = sum((m.penalty_carried for m in moves), Decimal("0"))
    if total is None:
        lines.append(f"已经产生的罚息 {yuan(kept)} 元仍需支付。确认办理延期吗？")
        return "\n".join(lines)
    lines.append(
        f"到新的还款日，这几期一共要还 {yuan(total)} 元（含已经产生的罚息 {yuan(kept)} 元）；延期期间不再产生新的罚息，"
        "过了新的还款日仍未还，才会重新开始计算。"
    )
    lines += [
        f"另外，{chinese_date(d.due_date)}还有一期按原来的日子到期：{yuan(d.amount)} 元（借款 {d.loan_id} 第{d.seq}期）。"
        for d in beside
    ]
    lines.append("确认办理延期吗？")
    return "\n".join(lines)


def extension_granted(extension) -> str:
    lines = [f"延期已办理，编号 {extension.id}，延期{extension.days}天。新的还款日："]
    lines += [
        f"· 借款 {loan} 第{seq}期：{chinese_date(new)}（原 {chinese_date(old)}）"
        for loan, seq, old, new, _ in extension.moves
    ]
    carried = sum((move[4] or Decimal("0") for move in extension.moves), Decimal("0"))
    if carried > 0:  # the penalty of the days before the extension is still owed, with the instalment
        lines.append(f"延期前已经产生的罚息共 {yuan(carried)} 元仍需支付，已计入新还款日的应还金额。")
    lines.append("请在新的还款日前还款；过了新的还款日仍未还，会重新开始计算罚息。")
    return "\n".join(lines)


# Collection conduct ------------------------------------------------------------------------------

CATEGORY_NAMES = {
    "abusive_language": "辱骂",
    "threats": "威胁恐吓",
    "third_party": "联系或告知第三方",
    "excessive_frequency": "联系过于频繁",
    "outside_hours": "非规定时间联系",
    "impersonation": "冒充公检法或律师",
    "other": "其他",
}
CHANNEL_NAMES = {"sms": "短信", "call": "电话", "email": "邮件"}
PURPOSE_NAMES = {
    "locate_borrower": "请对方转告您与我们联系",
    "overdue_reminder": "逾期提醒",
    "due_reminder": "到期提醒",
    "collection": "催收",
    "overdue_notice": "逾期通知",
}
BREACH_NAMES = {
    "outside_hours": f"不符合我们的联系时间规定（只在 {CONTACT_HOURS} 联系）",
    "too_many_calls": f"超过了每天最多{MAX_CALLS_A_DAY}次来电的规定",
    "emergency_contact_too_early": f"不符合紧急联系人规定（逾期满{EMERGENCY_AFTER_DAYS}天后才可联系）",
    "emergency_contact_while_reachable": (
        f"不符合紧急联系人规定（您此前{UNREACHABLE_DAYS}天内可以联系上，不应联系紧急联系人）"
    ),
    "unauthorised_contact": "联系了您没有授权的人，不符合我们的规定",
}


def moment(at) -> str:
    return f"{at.month}月{at.day}日 {at:%H:%M}"


def complaint_filed(ticket, repeated: bool) -> str:
    due = beijing_time(ticket.due_by)  # stored in UTC, told in Beijing time
    within = "2小时" if ticket.urgency == "urgent" else "24小时"
    head = "这条投诉我们已经收到过，" if repeated else "已为您登记投诉，"
    return (
        f"{head}工单号 {ticket.ticket}（类别：{CATEGORY_NAMES.get(ticket.category, ticket.category)}）。"
        f"我们会在{within}内答复您，最晚 {due.month}月{due.day}日 {due:%H:%M}。"
    )


def complaint_recorded(ticket) -> str:
    """What the ticket holds, as stored, so a wrong detail is seen and put right (补充：…)."""
    lines = ["登记的内容："]
    when = ticket.occurred or ""
    if when[:10].count("-") == 2:  # 2026-11-19 昨晚十点: the day it means, then the words
        try:
            day = date.fromisoformat(when[:10])
        except ValueError:
            day = None
        if day is not None:
            rest = when[10:].strip()
            when = chinese_date(day) + (f"（{rest}）" if rest else "")
    lines.append(f"· 时间：{when or '不详'}")
    lines.append(f"· 来电号码或工号：{ticket.caller or '不详'}")
    if ticket.others_contacted:
        lines.append(f"· 被联系的其他人：{ticket.others_contacted}")
    said = ticket.description if len(ticket.description) <= 80 else ticket.description[:80] + "……"
    lines.append(f"· 您说的经过：“{said}”")
    lines.append("有不对或要补充的，直接说“补充：……”，会加到这张工单里。")
    return "\n".join(lines)


def breach_lines(breaches) -> List[str]:
    lines = []
    for breach in breaches:
        contact = breach.contact
        what = "来电" if contact.channel == "call" else CHANNEL_NAMES.get(contact.channel, contact.channel)
        who = f"（联系的是 {contact.contact_name}）" if contact.to == "emergency_contact" else ""
        lines.append(f"· {moment(contact.at)} 的{what}{who}{BREACH_NAMES.get(breach.rule, breach.rule)}")
    return lines


def complaint_breaches(breaches) -> str:
    return "\n".join(["我们核对了您的联系记录，以下联系不符合规定，已附在工单里："] + breach_lines(breaches))


def history_breaches(breaches) -> str:
    """Told with the contact history: what in it broke our own rules, and the way to complain."""
    return "\n".join(
        ["您的联系记录里，以下联系不符合我们的规定："]
        + breach_lines(breaches)
        + ["这是我们的问题，很抱歉。可以说“投诉”登记，我们会核查处理并答复您。"]
    )


def contacts_in_period(label: str, start, end, log) -> str:
    """你们上周给我打了几次电话: how often, that week, by channel — and whose the other calls were not."""
    made = [c for c in log if c.outcome not in NOT_MADE and start <= c.at.date() <= end]
    mine = [c for c in made if c.to == "borrower"]
    counts = {channel: sum(1 for c in mine if c.channel == channel) for channel in ("call", "sms", "email")}
    span = (
        label
        if label[0].isdigit()
        else f"{label}（{start.month}月{start.day}日" + (f"到{end.month}月{end.day}日）" if end != start else "）")
    )
    line = f"{span}我们联系您：电话 {counts['call']} 次，短信 {counts['sms']} 条，邮件 {counts['email']} 封"
    others = [c for c in made if c.to != "borrower"]
    line += f"；联系您的紧急联系人 {len(others)} 次。" if others else "；没有联系过您的紧急联系人。"
    if not mine and others:
        # 可是你们昨天就打了周杰啊: the contact's call, not "nobody called you, whoever says so is not us" beside
        # it (h36b: read as a contradiction)
        line += "这段时间我们没有直接联系过您本人；如果有人自称我们给您本人打了电话，那不在我们的记录里，可以说“投诉”登记，我们会核查。"
    elif not mine:
        line += "这段时间我们没有联系过您。如果这段时间有人自称我们给您打了电话，那不在我们的记录里，可以说“投诉”登记，我们会核查。"
    return line


def contact_history(history, emergency, contacts) -> str:
    lines = ["您的联系记录："]
    for item in history:
        name = CHANNEL_NAMES.get(item.channel, item.channel)
        if item.count:
            lines.append(f"· {name}：共 {item.count} 次，最近一次 {item.last.at.year}年{moment(item.last.at)}")
        else:
            lines.append(f"· {name}：没有")
    relation = {c.name: c.relation for c in contacts}
    if emergency:
        lines.append("联系过您的紧急联系人：")
        for c in emergency:
            lines.append(
                f"· {c.at.year}年{moment(c.at)} 致电 {c.contact_name}（{relation.get(c.contact_name, '非您登记的联系人')}），"
                f"目的：{PURPOSE_NAMES.get(c.purpose, c.purpose)}"
            )
    else:
        lines.append("我们没有联系过您的紧急联系人。")
    return "\n".join(lines)


# 我收到短信说已移交法务 是你们发的吗 (DOMAIN §7: anti-fraud warnings; PRODUCT_TERMS: no impersonating
# courts or lawyers).
# What a caller claiming to be a lawyer, a court or the police is told (two answers say it).
NOT_AS_AUTHORITIES = "我们的人员不会自称律师、法院或警察，也不会说“抓人”这类话"
NOT_A_CRIME = "普通的借款逾期属于民事纠纷，不是刑事犯罪，不会因为还不上钱就被抓"
# 自称法院的人打电话说要立案抓我 是你们的人吗: a call, not a message — and no arrest for a debt.
CALLED_AS_A_COURT = (
    "我们的电话和短信只做还款提醒和逾期沟通，不会自称法院、律师或警察，也不会说“立案”“抓人”这类话。普通的借款逾期属于"
    "民事纠纷，不是刑事犯罪，不会因为还不上钱就被抓；真正的起诉由法院按法定程序送达文书。对方让您转账的话请不要转，"
    "可以说“投诉”登记，我们会核查；遇到诈骗可以报警（110）。"
)
A_CALL = re.compile(r"打电话|来电|电话里|打给我|打来")
LEGAL_NOTICE_CHECK = (
    "我们发给您的短信只有还款日前提醒和逾期通知，不会发“已移交法务”“律师函”“即将起诉”这类通知，也不会冒充法院、"
    "律师或警察。真正的起诉由法院送达，不会通过短信链接让您缴费。收到这类短信，请不要点里面的链接、不要打里面的电话、"
    "不要向任何个人账户转账；还款只走我们的App和官方渠道。如果短信说是我们发的，可以说“投诉”登记，我们会核查；"
    "遇到诈骗可以报警（110）。"
)
# 住院这段时间能不能别打电话: what can be set here, and a person for the rest (DOMAIN §7: illness goes
# to a trained human).
PAUSE_FOR_HARDSHIP = (
    "您先安心治疗。联系不能在这里完全停掉，但可以马上改成只发短信、不打电话，或者只在您方便的时段联系；"
    "住院期间暂缓联系、延后还款这类特殊安排，由人工客服按规定处理，我可以为您转人工。"
)


def our_messages(log, last: int = 5) -> str:
    """The messages and calls to the borrower in our log, latest first: what we did send."""
    ours = [c for c in log if c.to == "borrower" and c.outcome not in NOT_MADE]
    if not ours:
        return "我们的记录里没有给您发过短信或打过电话。"
    lines = ["我们的记录里最近联系您的是："]
    for c in sorted(ours, key=lambda c: c.at, reverse=True)[:last]:
        lines.append(
            f"· {c.at.year}年{moment(c.at)} {CHANNEL_NAMES.get(c.channel, c.channel)}（{PURPOSE_NAMES.get(c.purpose, c.purpose)}）"
        )
    return "\n".join(lines)


def contact_of_person(relation: str, listed, emergency, contacts) -> str:
    """The direct answer to 你们是不是给我妈打电话了, before the whole history."""
    if not listed:
        known = {c.name for c in contacts}
        others = list(dict.fromkeys(c.contact_name for c in emergency if c.contact_name not in known))
        if others:
            return (
                f"您登记的紧急联系人里没有您的{relation}，但记录里我们联系过不在您登记名单里的 {'、'.join(others)}，"
                "这不符合我们的规定，详情见下面。"
            )
        return f"您登记的紧急联系人里没有您的{relation}，我们的记录里也没有联系过登记名单以外的人。"
    lines = []
    for person in listed:
        calls = [c for c in emergency if c.contact_name == person.name]
        if calls:
            last = calls[-1]
            authorised_then = person.authorised_at(last.at)
            lines.append(
                f"我们联系过 {person.name}（{person.relation}）{len(calls)} 次，最近一次是 "
                f"{last.at.year}年{moment(last.at)}，目的是{PURPOSE_NAMES.get(last.purpose, last.purpose)}"
                + (
                    "。"
                    if person.authorized
                    else "；当时对方是您授权的联系人，您现在已经撤回授权，以后不会再联系对方。"
                    if authorised_then
                    else "；对方不是您授权的联系人，这样联系不符合我们的规定。"
                )
            )
        else:
            # (said flat, first, it read as not believing her, h36a)
            lines.append(
                f"我们的记录里没有联系过 {person.name}（{person.relation}）；如果有人以我们的名义联系了对方，"
                "那不在我们的记录里，您说的我们一样会登记核查。"
            )
    return "".join(lines)


PLANNED_CHANNELS = {"sms": "短信", "call": "电话", "email": "邮件", "wechat": "微信服务号消息"}
PLANNED_PURPOSES = {
    "due_reminder": "还款日前提醒",
    "overdue_notice": "逾期通知",
    "collection": "逾期沟通",
    "locate_borrower": "请对方转告您与我们联系",
}


def next_contact(planned, lookahead_days: int) -> str:
    """When the contact engine will next contact the borrower, as its plan stands today."""
    if planned is None:
        return f"按您现在的还款情况和设置，未来{lookahead_days}天内我们没有安排联系您。"
    when = f"{full_date(planned.at.date())} {planned.at:%H:%M} 前后"
    if planned.to == "emergency_contact":
        how = f"联系您授权的紧急联系人{planned.contact_name}（{PLANNED_PURPOSES['locate_borrower']}，绝不透露您的借款信息）"
    else:
        how = f"{PLANNED_CHANNELS.get(planned.channel, planned.channel)}（{PLANNED_PURPOSES.get(planned.purpose, '')}）"
    return (
        f"按您现在的还款情况和设置，我们下一次联系您预计在{when}，方式：{how}。联系只在 {CONTACT_HOURS} 之间"
        "（您设置了时段的，只在您的时段内）。还款、办理分期或延期、登记还款承诺后，这个安排会随之变化。"
    )


def contacts_since_promise(promise, log) -> str:
    """怎么登记了还款还有催收打电话: an open promise pauses every overdue contact until its day — and what
    our log has since it was made (a breach of our own rule, or nobody of ours)."""
    head = (
        f"您登记的还款承诺 {promise.id}（{chinese_date(promise.pay_on)}前还 {yuan(promise.amount)} 元）生效期间，"
        f"我们不会再为逾期给您打电话、发催收短信或邮件，直到{chinese_date(promise.pay_on)}。"
    )
    since = [
        c
        for c in log
        if c.outcome not in NOT_MADE
        and promise.promised_on <= c.at.date() <= promise.pay_on
        and c.purpose != DUE_REMINDER  # (the reminder before a due date is not chasing)
    ]
    if since:
        when = "、".join(
            f"{chinese_date(c.at.date())} {c.at:%H:%M} {CHANNEL_NAMES.get(c.channel, c.channel)}" for c in since[:3]
        )
        return (
            head
            + f"但我们的记录里，承诺之后还有联系：{when}。这不符合我们的规定，很抱歉；可以登记投诉，我们会核查处理。"
        )
    return (
        head
        + f"我们的记录里，从{chinese_date(promise.promised_on)}登记承诺起没有联系过您。如果有人以我们的名义打给您，"
        "那不在我们的记录里，可能不是我们的人，请不要向对方转账；可以登记投诉，我们会核查。"
    )


NOBODY_TOLD = "您的借款也不会跟您的家人、同事或任何其他人说。"


def not_among_contacts(relation: str) -> str:
    """别打给我老婆了, with no wife among the contacts: said so, nobody else offered."""
    return f"您登记的紧急联系人里没有您的{relation}，我们不会联系不在您名单里的人。"


def contacts_on_file(contacts) -> str:
    """她又不是我紧急联系人 你们哪来的号码: who is on file, that the borrower gave them, and the way out."""
    if not contacts:
        return "您在我们这里没有登记紧急联系人，我们也不会联系登记名单以外的人。"
    listed = "、".join(f"{c.name}（{c.relation}，{'已授权' if c.authorized else '未授权'}）" for c in contacts)
    authorised = [c for c in contacts if c.authorized and not c.refused]
    return (
        f"您登记的紧急联系人是 {listed}：是您申请借款时自己填写的，号码也来自您填写的资料，我们没有从别处获取。"
        + (
            f"如果不想让我们联系{authorised[0].name}，说“撤回{authorised[0].name}的授权”，马上生效。"
            if authorised
            else "没有授权的联系人我们不会联系。"
        )
        + "如果您确实没有填写过，请转人工核查。"
    )


def settings_changed(prefs, contacts) -> Optional[str]:
    """The contact settings that differ from the defaults, as one line of what the borrower set up."""
    parts = []
    if prefs.window_start:
        parts.append(f"只在 {prefs.window_start}–{prefs.window_end} 之间联系")
    if prefs.channel:
        parts.append(f"只用{CHANNEL_NAMES[prefs.channel]}")
    parts += [f"不再联系 {c.name}（{c.relation}）" for c in contacts if c.withdrawn_at is not None or c.refused]
    if prefs.reminders:
        parts.append("还款日前提醒已开启")
    return "· 联系设置：" + "；".join(parts) if parts else None


def contact_settings(prefs, contacts) -> str:
    lines = ["您的联系设置："]
    if prefs.window_start:
        lines.append(f"· 联系时段：只在 {prefs.window_start}–{prefs.window_end} 之间")
    else:
        lines.append(f"· 联系时段：{CONTACT_HOURS}（默认）")
    lines.append(
        f"· 联系方式：{'只用' + CHANNEL_NAMES[prefs.channel] if prefs.channel else '短信、电话和邮件（默认）'}"
    )
    for c in contacts:
        state = "本人已要求不再联系，不会联系" if c.refused else "已授权" if c.authorized else "未授权，不会联系"
        lines.append(f"· 紧急联系人 {c.name}（{c.relation}）：{state}")
    # The due-date reminder goes out under the contact rules either way; turning reminders on sends it
    # by WeChat to a borrower who bound the Official Account (rules/contact_plan.py).
    reminder = f"到期前{REMINDER_DAYS_BEFORE}天发一条提醒"
    lines.append(
        f"· 还款日前提醒：已开启（{reminder}；绑定了微信服务号的，发到微信）"
        if prefs.reminders
        else f"· 还款日前提醒：按联系规则{reminder}（{_REMINDER_BY.get(prefs.channel, '短信')}）"
    )
    return "\n".join(lines)


# 帮我把所有的联系方式都关了: not a setting there is, said plainly before what can be set.
NO_CONTACT_AT_ALL = (
    f"完全停止联系我们做不到：我们只按联系规则联系您——还款日前{REMINDER_DAYS_BEFORE}天一条提醒短信，逾期后才有催收的短信和电话"
    f"（只在 {CONTACT_HOURS} 之间，次数有上限；紧急联系人只在规定的情况下联系，而且只请对方转告您）。"
    "按时还款、还上逾期的款项，或者办理分期、延期后，联系会随之减少。下面这些可以由您来定："
)


def contact_control_choices(contacts) -> str:
    names = "、".join(f"{c.name}（{c.relation}）" for c in contacts if c.authorized) or "没有已授权的紧急联系人"
    return (
        "您可以：撤回某位紧急联系人的授权（目前已授权："
        + names
        + f"）；指定我们在 {CONTACT_HOURS} 之间的哪个时段联系您；"
        "或者只用短信、电话或邮件中的一种方式联系您。请告诉我您想怎么调整。"
    )


def contact_change_question(change: ContactChange) -> str:
    if isinstance(change, WithdrawContact):
        return f"您是要撤回 {change.name}（{change.relation}）的紧急联系人授权吗？撤回后我们不会再联系 {change.name}。"
    return f"{contact_change_item(change)}，对吗？"


def contact_change_item(change: ContactChange) -> str:
    """One change as a line of a list (and, for hours and a channel, the question's own words)."""
    if isinstance(change, WithdrawContact):
        return f"撤回 {change.name}（{change.relation}）的紧急联系人授权，之后不再联系 {change.name}"
    if isinstance(change, ContactHours):
        return f"以后只在每天 {change.start}–{change.end} 之间联系您"
    if change.channel == "any":
        return "联系方式恢复默认：短信、电话和邮件都可以"
    if change.channel == "call":  # what a written notice becomes is said before the yes, not found out later
        return f"以后只通过电话联系您（不发短信；{CALLS_ONLY_NOTICES}）"
    return f"以后只通过{CHANNEL_NAMES[change.channel]}联系您"


_REMINDER_BY = {"sms": "短信", "email": "邮件", "call": "您只要电话，提醒改用邮件"}


# A borrower who chose calls only: the notices a call cannot carry (before the due date, and on the
# first days overdue, when the rules allow no call) go by e-mail (rules/contact_plan.py).
CALLS_ONLY_NOTICES = "到期前提醒这类书面通知改用邮件发送"


def contact_changes_question(changes) -> str:
    """One change asked as it always was; several as a list to confirm together."""
    if len(changes) == 1:
        return contact_change_question(changes[0])
    lines = [f"{i}）{contact_change_item(c)}" for i, c in enumerate(changes, 1)]
    return "跟您确认这几项设置：\n" + "\n".join(lines) + "\n都确认吗？"


def contact_change_done(change: ContactChange) -> str:
    if isinstance(change, WithdrawContact):
        return (
            f"已撤回 {change.name} 的紧急联系人授权，之后的每一次联系都会按这个设置执行，我们不会再联系 {change.name}。"
        )
    if isinstance(change, ContactHours):
        return f"已设置：以后只在每天 {change.start}–{change.end} 之间联系您，对之后的每一次联系都生效。"
    if change.channel == "any":
        return "已设置：联系方式恢复默认，短信、电话和邮件都可以，对之后的每一次联系都生效。"
    if change.channel == "call":
        return f"已设置：以后只通过电话联系您，不发短信，{CALLS_ONLY_NOTICES}，对之后的每一次联系都生效。"
    return f"已设置：以后只通过{CHANNEL_NAMES[change.channel]}联系您，对之后的每一次联系都生效。"


def carried_penalty(instalments) -> str:
    """Penalty incurred before an extension: nothing is overdue, but it is still owed."""
    total = sum((i.penalty_carried for i in instalments), Decimal("0.00"))
    dues = "、".join(f"借款 {i.loan_id} 第{i.seq}期 {chinese_date(i.due_date)}" for i in instalments)
    return (
        f"您目前没有逾期，不会产生新的罚息。办理延期之前已经产生的罚息 {yuan(total)} 元仍需支付，"
        f"和延期后的那一期一起还（{dues}）。"
    )


def overdue_meaning(kind: str, summary, emergency_after: int, authorised: bool = True) -> str:
    if not summary.is_overdue:
        return "您目前没有逾期的款项，按时还款就不会产生新的罚息或新的逾期记录。"
    days = summary.days_overdue
    head = f"就您的情况：您目前最长已逾期 {days} 天，逾期应还共 {yuan(summary.total)} 元。"
    if kind == "credit":
        return (
            head
            + "逾期信息可能会按规定报送征信；还清之后，负面记录从还清之日起保留5年。尽早还款或办理分期，可以避免逾期继续延长。"
        )
    stage = (
        f"已经超过{emergency_after}天，但您现在没有授权的紧急联系人，我们不会联系您的任何亲友。"
        if days > emergency_after and not authorised
        else f"已经超过{emergency_after}天，按我们的规定，如果连续{UNREACHABLE_DAYS}天联系不上您，"
        "我们可能联系您授权的紧急联系人，但只请对方转告您与我们联系，不会透露欠款。"
        if days > emergency_after
        else f"还没有超过{emergency_after}天，我们不会联系您的紧急联系人。"
    )
    return head + stage + "罚息会按天继续计算，越早处理负担越小。"


# Early settlement, payment history, follow-ups (#17) ------------------------------------------------

NOT_QUOTED = {
    "under_plan": "这笔借款已经办理了协商分期，提前结清需要人工客服按分期方案核算，线上不直接报价。",
    "settled": "这笔借款已经全部还清，不需要结清。",
}


def settlement_block(loan, when: str = "今天") -> str:
    """One loan's settlement today (or on the day asked), itemised (rules/settlement.py)."""
    head = f"· 借款 {loan.loan_id}（{loan.product}）"
    if loan.not_quoted is not None:
        return f"{head}：{NOT_QUOTED[loan.not_quoted.value]}"
    lines = [f"{head}：{when}一次性结清需还 {yuan(loan.total)} 元", f"  逾期应还 {yuan(loan.overdue_total)} 元"]
    lines.append(f"  + 未到期本金 {yuan(loan.future_principal)} 元")
    if loan.carried_penalty > 0:
        lines.append(f"  + 延期前已产生的罚息 {yuan(loan.carried_penalty)} 元")
    if loan.accrued is not None:
        a = loan.accrued
        lines.append(
            f"  + 第{a.seq}期利息按天计 {yuan(a.amount)} 元（{yuan(a.interest)} 元 × {a.days_elapsed} 天 ÷ {a.days_in_period} 天）"
        )
    return "\n".join(lines)


def plan_left_block(plan) -> str:
    return (
        f"· 协商分期 {plan.plan_id}：还有 {plan.instalments_left} 期未还，共 {yuan(plan.amount_left)} 元。"
        "分期方案的提前结清需要人工客服按方案核算，线上不直接报价。"
    )


def settlement_lines(result, when: str = "今天") -> List[str]:
    """Every loan's settlement today, then what each active plan still asks for, then the total
    of what was quoted (saying that a plan is not in it)."""
    lines = [settlement_block(loan, when) for loan in result.loans] + [plan_left_block(p) for p in result.plans]
    if len(result.quoted) > 1:
        lines.append(f"全部结清合计 {yuan(result.total)} 元{'（不含协商分期）' if result.plans else ''}。")
    return lines


def settlement_answer(result, day_asked: Optional[date] = None) -> str:
    """Today's settlement — or, for a later day asked about, that day's, supposing nothing is paid
    before it."""
    if day_asked is None:
        head = f"按今天（{chinese_date(result.quoted_on)}）计算的提前结清金额，没有提前还款手续费，之后各期的利息不再收取："
        valid = "这个金额只在今天有效（明天会按天重新计算）。"
    else:
        head = (
            f"按{chinese_date(result.quoted_on)}那天计算的提前结清金额（假设在那之前不再还款），没有提前还款手续费，"
            "之后各期的利息不再收取："
        )
        valid = "这个金额只在那天有效；那之前还了款，或者换一天，金额都会变。"
    lines = [head] + settlement_lines(result, "今天" if day_asked is None else "那天")
    if result.quoted:  # nothing quoted (all under a plan, or repaid): no amount to be valid today
        lines.append(valid + "结清请在App“我的借款—提前结清”里操作，或者用官方还款渠道一次还清。")
    return "\n".join(lines)


def payment_history(payments: Sequence[Payment]) -> str:
    if not payments:
        return "我们的账上还没有收到您的还款记录。"
    total = sum((p.amount for p in payments), Decimal("0.00"))
    return "\n".join(
        [f"我们收到的您的还款（共 {len(payments)} 笔，{yuan(total)} 元，最近的在前）："]
        + [payment_line(p) for p in payments]
    )


def payments_in_period(name: str, first: date, last: date, payments: Sequence[Payment]) -> str:
    """上个月我还了多少 / 10月份还了几笔: what came in that period (it listed every payment ever), and
    the latest before it when nothing did."""
    span = f"{name}（{chinese_date(first)}到{chinese_date(last)}）" if first != last else name
    inside = [p for p in payments if first <= p.paid_on <= last]
    if inside:
        total = sum((p.amount for p in inside), Decimal("0.00"))
        return "\n".join(
            [f"{span}我们收到您的还款共 {len(inside)} 笔，{yuan(total)} 元："] + [payment_line(p) for p in inside]
        )
    before = [p for p in payments if p.paid_on < first]
    latest = f"在那之前最近的一笔是{chinese_date(before[0].paid_on)}的 {yuan(before[0].amount)} 元。" if before else ""
    after = [p for p in payments if p.paid_on > last]
    since = f"那之后，{chinese_date(after[-1].paid_on)}收到过 {yuan(after[-1].amount)} 元。" if after else ""
    return f"{span}我们的账上没有收到您的还款。" + latest + since


STATUS_NAMES = {"open": "处理中", "answered": "已答复", "closed": "已办结", "resolved": "已办结", "done": "已处理"}


def _beijing_minute(moment) -> str:
    local = beijing_time(moment)
    return f"{chinese_date(local.date())} {local:%H:%M}"


def complaint_status_line(ticket) -> str:
    filed = f"，提交于 {_beijing_minute(ticket.filed_at)}" if ticket.filed_at else ""
    return (
        f"· 投诉工单 {ticket.ticket}（{CATEGORY_NAMES.get(ticket.category, ticket.category)}{filed}）："
        f"{STATUS_NAMES.get(ticket.status, ticket.status)}，最晚 {_beijing_minute(ticket.due_by)} 前答复"
    )


HANDOFF_STATUS = {"withdrawn": "已由您撤回"}


def handoff_status_line(ticket) -> str:
    kind = "紧急人工服务" if ticket.urgent else "人工服务"
    head = f"· {kind}请求 {ticket.reference}（提交于 {_beijing_minute(ticket.created_at)}）："
    if ticket.status in HANDOFF_STATUS:  # a withdrawn request is not "will contact you" (it said both)
        return head + HANDOFF_STATUS[ticket.status]
    return head + f"{STATUS_NAMES.get(ticket.status, ticket.status)}，人工客服会在服务时间尽快联系您"


def plan_status_line(plan, row) -> str:
    """The plan as stored, and from the ledger's row what is left (还剩几期没还 每期多少 got the next
    instalment only)."""
    line = f"· 分期方案 {plan.id}：分{plan.months}期，每月 {yuan(plan.monthly)} 元"
    left = sorted((i for i in (row.instalments if row else ()) if i.paid_on is None), key=lambda i: i.due_date)
    if left:
        return line + (
            f"，还剩{len(left)}期未还，共 {yuan(sum((i.amount for i in left), Decimal('0')))} 元，"
            f"下一期 {chinese_date(left[0].due_date)} 应还 {yuan(left[0].amount)} 元"
        )
    return line + ("，各期都已还清" if row else "")


def extension_status_line(extension) -> str:
    new_dues = sorted({move[3] for move in extension.moves})
    dues = "、".join(chinese_date(d) for d in new_dues) or "无"
    return (
        f"· 延期 {extension.id}：{chinese_date(extension.granted_on)} 办理，延期{extension.days}天，新的还款日：{dues}"
    )


def promise_capped(said: Decimal, owed: Decimal, by: Optional[date] = None) -> str:
    """A promise of more than is overdue: the overdue total (by the promise's day, when there is one:
    instalments falling due before it in it) is what a promise covers."""
    when = f"到{chinese_date(by)}" if by else "您目前"
    return (
        f"{when}逾期应还共 {yuan(owed)} 元，比 {yuan(said)} 元少，还款承诺就按 {yuan(owed)} 元登记，还上就结清了逾期。"
        "如果想把还没到期的部分也一次还清，可以说“提前结清”，看今天的结清金额。"
    )


def promises_replaced(replaced) -> str:
    earlier = "；".join(f"{p.id}（{full_date(p.pay_on)} 还 {yuan(p.amount)} 元）" for p in replaced)
    return f"您之前的还款承诺 {earlier}已改为这一条，以新登记的日期和金额为准。"


def promises_covered(covered) -> str:
    earlier = "；".join(f"{p.id}（{full_date(p.pay_on)} 还 {yuan(p.amount)} 元）" for p in covered)
    return f"您之前的还款承诺 {earlier}由这个分期方案取代，不用再按承诺的日期还，按分期的还款日还就可以。"


def promise_status_line(promise, kept: bool, today_: date, extension=None) -> str:
    head = f"· 还款承诺 {promise.id}：{full_date(promise.pay_on)} 还 {yuan(promise.amount)} 元"
    if promise.status == "replaced":
        return head + "，已改为之后登记的承诺"
    if promise.status == "covered":
        return head + "，已由之后办理的协商分期取代，按分期的还款日还就可以"
    if kept:
        return head + "，已经按承诺收到还款，谢谢您"
    if extension is not None and extension.moves:
        # 那我之前承诺27号还574.96那个还算吗: the extension granted since moved the days it was about
        new_day = max(move[3] for move in extension.moves)
        return (
            head + f"；之后您办理了延期 {extension.id}，逾期各期的还款日已顺延到{chinese_date(new_day)}，"
            f"现在以延期后的日期为准，在{chinese_date(new_day)}前还清逾期的各期就可以"
        )
    if promise.pay_on >= today_:
        return head + "，还没到日期，到时请按时还款"
    return (
        head + "，这个日期已经过了，我们还没有收到这笔还款。承诺没有兑现不会另外收费，但逾期和罚息仍在继续；"
        f"您可以现在还款、重新登记一个{PROMISE_MAX_DAYS_AHEAD}天内的还款日期，或者说“协商分期”“转人工”"
    )


def no_contact_that_day(day: date) -> str:
    return (
        f"我们的联系记录里，{chinese_date(day)}没有我们联系您的记录，对方可能不是我们的人。如果有人自称我们的工作人员、"
        "法院或警察，请谨防诈骗：不要向任何个人账户转账，还款只走App和官方渠道。工单里已经记下，核实后会答复您。"
    )


def rate_cap(loans) -> str:
    """超过24%了吧: each loan's own rate and the penalty, annualised, against 24% (never both at once
    on the same principal: an instalment's interest runs to its due date, the penalty after it)."""
    penalty = PENALTY_DAILY_RATE * 365 * 100
    rates = "；".join(f"借款 {loan.id} 年利率 {(loan.annual_rate * 100).normalize():f}%" for loan in loans)
    over = [loan for loan in loans if loan.annual_rate * 100 > 24]
    head = (
        f"按年化算您的借款：{rates}；逾期后，逾期的本金只按罚息年化{penalty.normalize():f}%计，这一期的利息只算到还款日，"
        "不会和罚息在同一段时间叠加；没有服务费、违约金或复利。"
    )
    if over or penalty > 24:
        names = "、".join(loan.id for loan in over) or "罚息"
        return head + f"其中{names}超过了年化24%，您可以说“转人工”申请复核。"
    return head + "各项都没有超过年化24%。"


def loan_rates(loans) -> str:
    """Each loan's own rate: its interest is in every instalment, apart from any penalty."""
    rates = "；".join(
        f"借款 {loan.id}（{loan.product}）年利率 {(loan.annual_rate * 100).normalize():f}%" for loan in loans
    )
    return f"您借款本身的利率：{rates}，按月等额本息，利息已经含在每期应还里；罚息只在逾期时另外按天计算。"


# The particular point a question about a public rule asks, said after the rule itself ------------

# What the 24% / 36% lines are (DOMAIN.md §2): not one legal line for every loan.
RATE_LINES = (
    "常说的24%、36%出自民间借贷的司法解释（2020年起民间借贷以一年期LPR的4倍为上限），持牌金融机构的贷款不直接适用；"
    "对这类贷款，法院通常把利息、罚息和各项费用合计超过年化24%的部分作为可以调减的参考。"
)
UPFRONT_DEDUCTION = (
    "按我们的产品规则，放款时不预先扣除利息或任何费用：合同上的借款本金全额打到您的银行卡，利息按这个本金计算；"
    "除了借款利息和逾期罚息，没有服务费、会员费、担保费或其他违约金。如果您实际到账比合同本金少，或者被要求另交过费用"
    "（包括交给自称我们工作人员的人），请保留到账和转账记录，说“转人工”由人工核查，也可以向金融消费者投诉热线12378反映。"
)

GRACE = (
    "没有宽限期：还款日当天任何时候还上都不算逾期；过了还款日还没还上的部分，从第二天起就算逾期，晚一天就是逾期一天，"
    f"按未还本金每天{POLICY_FIGURES['penalty_rate']}计罚息，没有别的费用。"
)
PENALTY_POINTS = (
    (signals.asks_grace_period, GRACE),
    (
        signals.asks_penalty_waiver,
        # (剩下的你们给免了 中不中, from someone no plan was open to: "办理协商分期后…" misled)
        "罚息按合同规则计算，这里不能在线减免；欠款的本金和利息也不能在线打折或免掉。"
        "符合条件的可以申请协商分期（纳入分期的部分不再产生罚息）或延期；如果有特殊困难"
        "（例如生病、失业），可以转人工说明情况，由人工按规定评估有没有别的办法。",
    ),
    (
        signals.asks_if_the_rate_is_fair,
        f"罚息按每天{POLICY_FIGURES['penalty_rate']}计，折合年化{POLICY_FIGURES['penalty_annual_rate']}，"
        "没有其他违约金，也不计复利；借款本身的利率写在借款合同里"
        "（说“利息是多少”可以查看）。"
        + RATE_LINES
        + "如果您对收费有异议，可以转人工申请复核，也可以向金融消费者投诉热线12378反映，"
        "或者通过法律途径解决。",
    ),
    (
        signals.asks_about_upfront_deduction,
        UPFRONT_DEDUCTION,
    ),
    (
        signals.thinks_hotline_waives,
        "12378是金融消费者投诉热线，对收费有异议可以打电话反映，监管会转给我们核查并答复您；但打了电话不等于减免，"
        "减免要按合同和我们的规定由人工评估。",
    ),
    (
        signals.asks_penalty_during_extension,
        "办理延期后，逾期各期的还款日往后移，到新的还款日之前不会再产生新的罚息；延期前已经产生的罚息仍然要还。",
    ),
)
# 到时候卡里钱不够扣会怎样: asked as a consequence or as how to avoid one, the same answer.
SHORT_BALANCE = (
    "关于卡里钱不够：到了还款日余额不够，自动扣款会扣不成功；还款日当天还不算逾期，过了还款日还没还上的部分才算逾期，"
    f"从逾期第一天起按未还本金每天{PENALTY_RATE}计罚息，除此之外没有其他违约金或扣款失败的费用。钱到了可以随时在App里"
    "点“立即还款”手动还；预计凑不齐的话，最好在还款日前说：可以申请延期、协商分期，或者登记一个还款承诺。"
)
CONSEQUENCE_POINTS = (
    (
        signals.asks_if_sued,
        "有没有被起诉，以法院的正式送达为准：起诉后，法院会把起诉状副本和开庭通知等法律文书送达给您（也可能通过法院官方的"
        "电话、短信平台或电子送达）；催收人员在电话或短信里自己说的“已经起诉”不算。我这里查不到公司有没有对您的借款启动诉讼，"
        "想确认可以转人工查询。",
    ),
    (
        signals.asks_if_withdrawing_a_contact_matters,
        "撤回紧急联系人的授权不会上报征信，也不算违约或逾期；它只决定我们联系不上您时能不能请对方转告您。以后在我们这里借款"
        "的审核，以届时App里的规定为准。",
    ),
    (
        signals.asks_about_home_visit,
        "按我们的联系规则，我们只通过短信、电话和邮件联系您，没有上门催收，也不会到您的单位找您，不会找村委会、居委会、"
        "邻居或老家的人，也不会向他们透露您的借款。如果有人自称我们的人"
        "说要到家里或已经到家里找您，请不要给对方任何钱，可以说“投诉”登记，遇到威胁可以报警。",
    ),
    (
        signals.asks_about_court_lists,
        "单纯的借款逾期不会直接进失信被执行人名单；只有在法院判决之后、有能力履行却拒不履行的，法院才可能这样处理"
        "（包括限制高消费）。",
    ),
    (
        signals.asks_about_card_freeze,
        "关于银行卡：我们不能冻结您的银行卡、工资卡或任何账户，也不会这样做；冻结存款只有法院在诉讼或强制执行中"
        "依法才能做（包括法院依申请采取的财产保全），都会有法院的法律文书。自动扣款只会从您绑定的还款卡扣当期应还的金额。",
    ),
    (signals.asks_about_short_balance, SHORT_BALANCE),
    (
        signals.asks_about_family_effect,
        "关于家人：逾期记录只记在您本人的征信报告上，不会出现在孩子、配偶或父母的征信里，家人也没有替您还款的义务；"
        "借款逾期本身不影响孩子上学、考试或考公。只有经法院判决、有能力履行却拒不履行而被法院限制高消费时，"
        "限制的范围里才包括子女就读高收费的私立学校；个别岗位的政审怎么看家庭成员被法院限制的情况，以招录单位的规定为准。",
    ),
)
CREDIT_POINTS = (
    CONSEQUENCE_POINTS
    + (
        (
            signals.asks_credit_after_relief,
            "办理分期或延期，已经发生的逾期记录不会因此消除（不良记录从逾期结束之日起保留5年）；之后按新的还款安排"
            "按时还款，就不会再产生新的逾期记录。",
        ),
    )
    + (
        (
            signals.asks_if_reported_yet,
            "您这笔借款是否已经报送、什么时候报送、报送到哪家征信机构，按借款合同的约定执行，我这里查不到；报送负面信息前"
            "我们会先通知您。想确认可以转人工查询，也可以自己查一份信用报告（每人每年2次免费），报告里能看到各笔借款的还款"
            "状态和逾期记录。",
        ),
    )
    + (
        (
            signals.asks_how_long_a_record_stays,
            "不良记录从逾期结束（也就是还清）那天起保留5年，5年后自动删除；还没还清的，这5年还没开始算，所以越早还清，"
            "记录越早开始计算、越早消除。花钱“洗白”“修复”都是骗局。",
        ),
    )
    + (  # 会不会上黑名单, read as a credit question, is asked too
        (
            signals.asks_which_credit_bureau,
            "您这笔借款报送到哪个征信机构（人民银行征信中心或百行征信），以借款合同里的约定为准；我这里查不到，"
            "需要的话可以转人工查询。",
        ),
    )
)


CREDIT_OBJECTION = (
    "如果信用报告上的记录和我们账上的不一样，您可以提出异议：向我们或向征信机构提出都可以，收到后20日内核查并答复您；"
    "对人民银行征信中心的报告，也可以打12363。异议不收任何费用，也不需要找任何“修复”中介。需要的话，我现在为您转人工受理。"
)


def instalments_of_a_period(ledger, first: date, last: date, day: date) -> str:
    """征信报告说我10月份逾期了，可我10月15号是按时还的: what our ledger has of each instalment due in that
    period — when it was paid against its due date."""
    rows = [(f"借款 {i.loan_id} 第{i.seq}期", i.due_date, i.paid_on) for loan in ledger.loans for i in loan.instalments]
    rows += [
        (f"分期计划 {plan.id} 第{i.seq}期", i.due_date, i.paid_on) for plan in ledger.plans for i in plan.instalments
    ]
    rows = sorted((r for r in rows if first <= r[1] <= last), key=lambda r: r[1])
    if not rows:
        return f"我们的账上，{chinese_date(first)}到{chinese_date(last)}之间您没有到期的款项。"
    lines = [f"我们的账上，{chinese_date(first)}到{chinese_date(last)}之间到期的是："]
    for name, due, paid_on in rows:
        if paid_on is not None and paid_on <= due:
            state = f"{chinese_date(paid_on)}还清，按时，没有逾期"
        elif paid_on is not None:
            state = f"{chinese_date(paid_on)}才还清，逾期 {(paid_on - due).days} 天"
        elif due < day:
            state = f"还没还清，已逾期 {(day - due).days} 天"
        else:
            state = "还没到还款日"
        lines.append(f"· {name}：应还日{chinese_date(due)}，{state}")
    return "\n".join(lines)


def credit_repair_point(text: str, day: date) -> Optional[str]:
    """The one-off credit repair of the PBOC notice (announced 2025-12-22), when asked about."""
    if not signals.asks_about_credit_repair(text):
        return None
    deadline = date(2026, 3, 31)
    when = (
        "这个还清的期限已经过了，之后还清的不在这次政策范围内；"
        if day > deadline
        else f"需要在{chinese_date(deadline)}前全额还清；"
    )
    return (
        "关于一次性信用修复政策：2020年1月1日至2025年12月31日期间发生、单笔不超过1万元的逾期，"
        f"在2026年3月31日前全额还清的，会自动不再展示（不是删除），不需要申请，也不收任何费用。{when}"
        "以“修复征信”名义收费的都是骗局。"
    )


def points_of(points, text: str) -> List[str]:
    return [said for asks, said in points if asks(text or "")]


def settings_points(text: str) -> List[str]:
    """那周末呢 / 微信不行吗, beside a contact setting: what cannot be set, said (h30b: unanswered)."""
    ours = (signals.asks_contact_on_weekends, signals.asks_contact_by_wechat)
    return [said for asks, said in CONTACT_POINTS if asks in ours and asks(text or "")]


WORKPLACE_POINT = (
    "我们不会为催收联系您的单位、学校、领导、老师或同事，也不会向任何人透露您的借款；只有您授权过的紧急联系人，在逾期超过30天、"
    "且连续7天联系不上您时，才会被请求转告您与我们联系，也不会说借款的事。紧急联系人里有同事的，可以随时撤回他的授权。"
)
PROMISE_PAUSES = (
    "登记还款承诺以后，到约定的日期之前，我们不会为逾期的款项给您打电话、发催收短信，也不会联系您的紧急联系人"
    "（还款日前的提醒照常）；到期没还上，联系才会恢复。"
)
DAYS_OFF = (
    "按日期暂停联系（比如某几天不打电话）这里设置不了。能由您设置的是联系时段（例如只在晚上6点到9点）和联系方式（例如只发短信）；"
    "登记一个还款日期（说“约定还款”）或办理分期、延期后，催收的电话也会随之停下。那几天确实不方便接电话的，可以转人工说明。"
)
CHASED_NOT_OVERDUE = (
    "没有逾期的时候，我们不会为催收联系您，只在还款日前3天发一条提醒。有人以逾期为由催您，那不是我们：请不要转账、"
    "不要点对方发的链接、不要给验证码；可以在这里说“投诉”登记，或者转人工核查有没有人冒用您的信息。"
)
CHANGE_BACK_LATER = (
    "联系设置设好后会一直有效，不能设一个到期自动恢复的时间；等您方便了，在这里说“联系方式恢复默认”"
    "（或者说想要的时段、方式）就能改回，马上生效。"
)
# 你们从哪弄到我号码的 我要求删掉我的号码 (a colleague who was called, h28b): where it came from, what
# is done at once (no more calls to it), and who takes a deletion — nothing of the borrower's loan.
NUMBER_FROM = (
    "按我们的规定，我们只联系借款人借款时自己填写的紧急联系人，借款人没有填写的号码我们不会联系，所以您的号码应该是借款人填写的。"
    "您没有同意过、不想再被联系的，把您的手机号发给我，马上登记不再联系这个号码；要求删除您的号码，请转人工登记，核实后会答复您。"
    "借款人的任何借款信息，我们都不会告诉您。"
)
CONTACT_POINTS = (
    (
        signals.tells_of_strain,
        "听得出您最近压力很大、睡不好，先照顾好自己。欠款的事可以慢慢商量；觉得撑不住的时候，心理援助热线 12356 随时有人接听。",
    ),
    (
        signals.asks_for_fewer_calls,
        "打电话的次数不能单独设置：逾期期间电话每天最多3次，这是上限。想少接电话，可以把联系时段设窄一些（例如说“只在晚上7点到9点"
        "联系我”），或者改成只发短信（说“以后只发短信”）。",
    ),
    (signals.asks_where_we_got_the_number, NUMBER_FROM),
    (signals.asks_to_change_back_later, CHANGE_BACK_LATER),
    (signals.says_chased_though_not_overdue, CHASED_NOT_OVERDUE),
    (
        signals.fears_contact_list_blast,
        "不会“爆通讯录”：我们不会读取或保存您手机里的通讯录，也不会给您通讯录里的人打电话、群发短信。我们只在上面说的情况下"
        "联系您自己登记并授权的紧急联系人，而且只请对方转告您与我们联系，不透露您的借款。如果有人这样威胁您，或者已经这样做了，"
        "可以说“投诉”登记，我们会核查。",
    ),
    (
        signals.asks_someone_else_to_handle,
        "为了保护您的隐私，借款的事只能和您本人沟通：家人不能代您查询或办理，我们也不会把借款情况告诉他。您可以自己登录后办理，"
        "需要时请家人陪着您操作。家人如果是您授权的紧急联系人，我们只会在联系不上您时请他转告您与我们联系。",
    ),
    (
        signals.asks_contact_during_relief,
        "办理协商分期或延期之后，按新的还款日还款，就不会再有逾期的催收联系，只有每期到期前3天的一条提醒；"
        "登记了还款承诺的，到约定的日期之前我们也不会为逾期联系您或您的紧急联系人，到期没还上，联系才会恢复；"
        "还没办下来之前，逾期的部分仍按上面的规则联系。",
    ),
    (
        signals.asks_contact_on_weekends,
        "周末和节假日也按同样的规则联系，同样只在每天 8:00–21:00 之间。您可以设置每天的联系时段和方式，"
        "目前不能按星期几设置。",
    ),
    (
        signals.asks_contact_by_wechat,
        "我们不通过微信、QQ联系您，也不会加您好友；联系方式只有短信、电话和邮件。您可以选其中一种作为联系方式，"
        "例如说“以后只发短信”。用微信加您、自称我们的人不是我们，请不要向对方转账或提供验证码。",
    ),
    (
        signals.asks_contact_outside_hours,
        "21:00 以后、8:00 以前我们不会联系您：电话和短信只在每天 8:00–21:00 之间，您设的联系时段也只能在这个范围里，"
        "例如说“只在下午2点到6点联系我”。如果在这个时间以外接到自称我们的电话，可以说“投诉”登记。",
    ),
    (
        signals.asks_how_often_contacted,
        "电话从逾期第3天起才可能打，每天最多3次；短信在逾期第1、3、7天各一条，第15天一封邮件。超过这个次数就是"
        "不符合我们规定的频繁联系，可以说“投诉”登记。",
    ),
    (
        signals.asks_how_to_tell_real_callers,
        "分辨是不是我们：我们的人员不会让您转账到任何个人账户，不会索要验证码或密码，也不会自称法院、警察或律师。"
        "接到自称我们的电话有疑问，可以挂断后在这里核实：验证身份后说“查看我的联系记录”，能看到我们联系您的每一次记录。",
    ),
)


# The relief rules (PRODUCT_TERMS), for a question about them before verification -------------------

# 分期是啥意思我不太懂: the word, plainly, before any figure (the example is the plan's own arithmetic).
PLAN_PLAINLY = (
    "简单说，分期就是把现在逾期要还的钱分成几个月慢慢还：可以分3、6或12个月，每个月还一样多，另外按每月1%收利息；"
    "办了以后，这部分钱不再算罚息。比如1000元分6期，每个月还 172.55 元。"
)
EXTENSION_PLAINLY = (
    "简单说，延期就是把逾期这几期的还款日往后挪7天、15天或30天，到新的日子再还；不收手续费，"
    "只是延期之前已经产生的罚息还要还。"
)
PLAN_RULE = (
    "协商分期的条件：有逾期未还的欠款、最长逾期不超过{days}天、目前没有进行中的分期计划。可以分3、6或12期，"
    "月利率1%，每期等额；第一期在接受方案满一个月的同一天还，纳入分期的部分从接受起不再产生罚息。"
).format(days=POLICY_FIGURES["plan_max_days_overdue"])


# 分期有没有手续费 期数越长利息越多吗 (h29a: the penalty rule, and a login asked for)
def plan_fee(day: date) -> str:
    """No fee, the rate, and what a longer term costs, shown on 1000 元 by the terms' own formula."""
    example = Decimal("1000.00")
    extra = {n: plan_quote(example, n, day).monthly * n - example for n in PLAN_TERMS}
    costs = "、".join(f"分{n}期共多付利息 {yuan(extra[n])} 元" for n in PLAN_TERMS)
    return (
        "协商分期不收手续费、服务费或其他任何费用，只按月利率1%计息，每期等额。期数越长，每期还得越少，但利息总额越多："
        f"比如 1000 元，{costs}。"
    )


EXTENSION_RULE = (
    "延期还款的条件：最长逾期不超过{days}天、没有进行中的分期计划、过去365天内没有办理过延期。可以延7天、15天或"
    "30天，逾期的各期一起往后移；延期不收手续费，只是延期前已经产生的罚息仍需支付。"
).format(days=POLICY_FIGURES["extension_max_days_overdue"])


def loans_borrowed(ledger) -> str:
    """当初借了多少: each loan as it was taken (the same line as the statement's)."""
    return "您借的：\n" + "\n".join(
        f"· 借款 {loan.id}（{loan.product}）：借款本金 {yuan(loan.principal)} 元，{loan.term_months}期，"
        f"{chinese_date(loan.start_date)} 起"
        for loan in ledger.loans
    )


def principal_left(ledger, day: date) -> str:
    """本金还剩多少: the principal not yet repaid, overdue and not yet due, per loan (interest and
    penalty apart; instalments taken into a plan are the plan's)."""
    lines, total = [], Decimal("0")
    for loan in ledger.loans:
        own = [i for i in loan.instalments if i.plan_id is None and i.unpaid_principal > 0]
        if not own:
            continue
        overdue = sum((i.unpaid_principal for i in own if i.due_date < day), Decimal("0"))
        later = sum((i.unpaid_principal for i in own if i.due_date >= day), Decimal("0"))
        total += overdue + later
        lines.append(f"· 借款 {loan.id}：逾期的本金 {yuan(overdue)} 元 + 未到期的本金 {yuan(later)} 元")
    if not lines:
        return "您的借款本金已经全部还清了。"
    planned = any(i.plan_id is not None and not i.is_settled for loan in ledger.loans for i in loan.instalments) or any(
        p.is_active for p in ledger.plans
    )
    return (
        f"您还没还的借款本金共 {yuan(total)} 元（不含利息和罚息）：\n"
        + "\n".join(lines)
        + ("\n另有已纳入协商分期的部分，按分期计划还。" if planned else "")
    )


PLAN_COVERS_ALL = (
    "协商分期是把您今天全部逾期应还的金额（各笔借款的逾期部分合在一起）一起分期，不能只分其中一笔；"
    "还没到期的各期不在分期里，仍按原来的还款日还。"
)


def plan_due_day(plan_id: str, next_due: Optional[date]) -> str:
    """分期每月20号还 能改到28号吗, from a borrower with a plan: the plan's own day, not a new plan."""
    then = f"下一期 {chinese_date(next_due)} 到期，" if next_due else ""
    return (
        f"您的分期计划 {plan_id} 每期的还款日是办理时定下的（接受方案满一个月的同一天起，每月同一天），"
        f"这里不能在线修改。{then}如果发工资的日子对不上，可以开启还款日前的提醒，提前把钱存进还款卡；"
        "确实需要调整，可以转人工说明情况。"
    )


DUE_DATE_POINTS = (
    (signals.asks_about_short_balance, SHORT_BALANCE),
    (
        signals.asks_debit_time,
        "还款日当天任何时候还上都不算逾期，从第二天起才算。自动扣款在还款日从绑定的银行卡扣，具体几点以银行处理为准；"
        "如果担心扣款时工资还没到，等钱到账后当天在App里点“立即还款”手动还就可以。",
    ),
    (
        signals.asks_to_move_due_date,
        "还款日是借款合同约定的，这里不能在线修改。如果是发工资的日子对不上，可以开启还款日前提醒；"
        "到期确实还不上时，可以申请延期或协商分期；想具体商量可以转人工。",
    ),
    (
        signals.asks_for_an_earlier_reminder,
        "还款提醒的时间按联系规则是每期到期前3天，这里不能改成更早；想更早记着，可以在手机日历里给每期还款日"
        "提前设一个提醒。",
    ),
)


def active_plan(plan, day: date, cost: bool) -> str:
    """我那个协商分期还剩几期 / 利息怎么这么多: the plan the borrower has — what is left, and its cost."""
    left = sorted((i for i in plan.instalments if i.paid_on is None), key=lambda i: i.due_date)
    paid = len(plan.instalments) - len(left)
    lines = [
        f"您的协商分期 {plan.id}：{chinese_date(plan.accepted_on)}办理，共{len(plan.instalments)}期，已还{paid}期，"
        f"还剩{len(left)}期，共 {yuan(sum((i.amount for i in left), Decimal('0')))} 元。"
    ]
    if left:
        lines.append(
            f"下一期 {chinese_date(left[0].due_date)} 应还 {yuan(left[0].amount)} 元，最后一期 {chinese_date(left[-1].due_date)}。"
        )
    if cost:
        total = sum((i.amount for i in plan.instalments), Decimal("0"))
        lines.append(
            f"分期的费用只有分期利息：把 {yuan(plan.restructured_amount)} 元分{plan.months}期，"
            f"月利率{POLICY_FIGURES['plan_rate']}，{plan.months}期共还 "
            f"{yuan(total)} 元，比分期的金额多 {yuan(total - plan.restructured_amount)} 元，这就是全部利息，没有手续费或其他费用；"
            "分期的这部分也不再产生罚息。"
        )
    return "\n".join(lines)


def instalments_left(ledger, day: date) -> str:
    """还剩几期: per loan and per active plan, how many instalments are left and when the last is due."""
    lines = []
    for loan in ledger.loans:
        unpaid = [i for i in loan.instalments if not i.is_settled and i.plan_id is None]
        in_plan = [i for i in loan.instalments if not i.is_settled and i.plan_id is not None]
        if not unpaid and not in_plan:
            continue
        settled = sum(1 for i in loan.instalments if i.is_settled)
        overdue = sum(1 for i in unpaid if i.due_date < day)
        line = f"· 借款 {loan.id}：共{len(loan.instalments)}期，已还清{settled}期"
        if unpaid:
            line += f"，还剩{len(unpaid)}期未还" + (f"（其中{overdue}期已逾期）" if overdue else "")
            line += f"，最后一期应还日 {chinese_date(max(i.due_date for i in unpaid))}"
        if in_plan:
            line += f"；另有{len(in_plan)}期已纳入协商分期"
        lines.append(line)
    for plan in ledger.plans:
        if not plan.is_active:
            continue
        left = [i for i in plan.instalments if i.paid_on is None]
        if left:
            lines.append(
                f"· 协商分期 {plan.id}：共{len(plan.instalments)}期，还剩{len(left)}期，"
                f"最后一期应还日 {chinese_date(max(i.due_date for i in left))}"
            )
    if not lines:
        return "您目前没有还没还完的借款。"
    return "\n".join(["还剩的期数："] + lines)


def inquiry_line(at, relation) -> str:
    """When someone else asked about the borrower here, and who they said they were."""
    who = f"（自称您的{relation}）" if relation else ""
    return f"{chinese_date(beijing_time(at).date())} {beijing_time(at):%H:%M}，有人{who}通过在线客服询问过您的借款"


def inquiries_about(inquiries) -> str:
    """有没有人来问过我的事: each time someone else asked about the borrower here, and what they learnt."""
    if not inquiries:
        return "没有人通过在线客服询问过您的借款。我们不会向您本人以外的任何人透露您的借款信息。"
    lines = [f"· {inquiry_line(at, relation)}" for at, relation in inquiries]
    return "询问过您借款的人：\n" + "\n".join(lines) + "\n我们没有向他们透露任何信息，包括您有没有借款。"


def other_lenders_note(names) -> str:
    """我花呗和借呗都逾期了 你们能帮我一起协商吗: what we can and cannot do for other lenders' debts."""
    return (
        f"{'、'.join(names)}不是我们的产品，那边的借款我们查不到，不能在这里还，也不能代为协商，"
        "请在它们自己的App里办理，或联系它们的官方客服。在我们这里的借款，我可以为您办理："
    )


def not_ours_to_look_up(names) -> str:
    """帮我查下花呗还欠多少: another lender's debt is not ours to see."""
    return (
        f"{'、'.join(names)}不是我们的产品，那边的欠款我们查不到，请在它们自己的App里查，或联系它们的官方客服。"
        "您在我们这里的借款，验证身份后我可以帮您查。"
    )


def not_us(names) -> str:
    """美团月付逾期了也是你们催收的吗 / 你们家跟网商贷是一家吗: no — and what is ours to do."""
    return (
        f"不是。{'、'.join(names)}不是我们的产品，和我们也不是一家，那边的借款、账单和催收我们都查不到、管不了，"
        "请联系它们的官方客服。在我们这里的借款，我可以为您查询和办理。"
    )


def other_lenders_collectors(names) -> str:
    """微粒贷的催收说要来我家 是你们的人吗: another lender's collectors are not ours."""
    them = "、".join(names)
    return (
        f"{them}不是我们的产品，它的催收人员也不是我们的人，我们查不到、也管不了那边的催收。遇到威胁、辱骂或到家里、单位骚扰，"
        f"可以向{them}的官方客服投诉，也可以拨打12378（银行保险消费者投诉热线）；人身安全受到威胁请报警（110）。"
        "我们的人员不会上门，只通过短信、电话和邮件联系，时间只在每天 8:00–21:00。"
    )


def calls_felt_too_many(log, breaches, day: date, prefs=None) -> str:
    """天天打电话烦死了: the rule, what we made in the last 7 days, any breach, and what lowers it."""
    since = day - timedelta(days=6)
    recent = [
        c for c in log if c.to == "borrower" and c.outcome not in NOT_MADE and since <= beijing_time(c.at).date() <= day
    ]
    calls = [c for c in recent if c.channel == "call"]
    per_day: dict = {}
    for call in calls:
        per_day[beijing_time(call.at).date()] = per_day.get(beijing_time(call.at).date(), 0) + 1
    busiest = max(per_day.values()) if per_day else 0
    others = len(recent) - len(calls)
    made = (
        f"最近7天我们给您打了 {len(calls)} 次电话（一天最多 {busiest} 次）" if calls else "最近7天我们没有给您打过电话"
    ) + (f"，发了 {others} 条短信或邮件。" if others else "，也没有发短信或邮件。" if not calls else "。")
    told = (
        "其中有不符合规定的联系，可以点“登记投诉”，我们会核查处理。"
        if breaches
        else "如果接到的电话比这多，或者在规定时间以外，可能不是我们打的，也可以点“登记投诉”，我们会核查。"
    )
    settings = []
    if prefs is not None and prefs.channel:
        settings.append(f"只用{CHANNEL_NAMES.get(prefs.channel, prefs.channel)}联系")
    if prefs is not None and prefs.window_start and prefs.window_end:
        settings.append(f"只在 {prefs.window_start}–{prefs.window_end} 联系")
    if settings:  # cnm 天天打电话, already set to SMS only: what is set, and a call against it is a complaint
        lower = (
            f"您已经设置了{'、'.join(settings)}，之后的联系都按这个来；如果还接到不符合这个设置的电话，"
            "那是违反您设置的，请点“登记投诉”。"
        )
    else:
        lower = "想少接电话，可以设成只发短信，或者只在您方便的时段联系。"
    return (
        "理解，电话多确实让人心烦。我们的规定是：逾期第3天起才可能打电话，每天最多3次，只在 8:00–21:00。"
        + made
        + told
        + lower
    )


def if_this_one_is_late(due: NextDue, unpaid_principal: Optional[Decimal], summary: OverdueSummary) -> str:
    """今天到期的那期我今天还不上 怎么办: when it falls due, that the day itself is not late, what each day after
    costs (the rule, on this instalment's principal), and what the borrower already owes beside it."""
    when = "今天" if due.due_date == today() else chinese_date(due.due_date)
    lines = [f"{when}到期的是{instalment_named(due)}，{yuan(due.amount)} 元。{when}之内还上都不算逾期。"]
    if unpaid_principal:
        per_day = penalty(unpaid_principal, 1)
        lines.append(
            f"还不上的话，从第二天起，这一期没还的本金 {yuan(unpaid_principal)} 元每天按{PENALTY_RATE}计罚息，"
            f"也就是每天 {yuan(per_day)} 元左右，没有别的违约金；还上一部分，罚息跟着少。"
        )
    else:
        lines.append(f"还不上的话，从第二天起，没还的本金每天按{PENALTY_RATE}计罚息，没有别的费用。")
    if summary.is_overdue:
        lines.append(
            f"另外您已经有逾期应还的 {yuan(summary.total)} 元（最长逾期 {summary.days_overdue} 天），罚息每天都在增加。"
        )
    lines.append("下面是您现在可以办的；都不合适的话，转人工商量。")
    return "\n".join(lines)


def still_to_repay(ledger, day: date, overdue_too: bool, overdue_total: Optional[Decimal] = None) -> str:
    """一共还欠多少: every instalment not yet due (principal and interest as scheduled) and what
    each active plan still asks, per loan and plan, with the total — an instalment due today said as
    such, and, beside the overdue total, the one sum of both (an elderly borrower asking for one figure
    got two, and today's 1033.62 counted as "not yet due", h34a)."""
    lines, total = [], Decimal("0")
    due_today = [
        (loan.id, i)
        for loan in ledger.loans
        for i in loan.instalments
        if not i.is_settled and i.plan_id is None and i.due_date == day
    ]
    for loan in ledger.loans:
        later = [i for i in loan.instalments if not i.is_settled and i.plan_id is None and i.due_date >= day]
        if not later:
            continue
        # (after an extension the penalty of the days before it is owed with the moved instalment: left
        # out, the same two instalments were 1444.68 in one answer and 1443.31 in the next, h29b)
        carried = sum((i.penalty_carried or Decimal("0") for i in later), Decimal("0"))
        amount = sum((i.unpaid_principal + i.unpaid_interest for i in later), Decimal("0")) + carried
        total += amount
        kept = f"（含延期前已经产生的罚息 {yuan(carried)} 元）" if carried else ""
        lines.append(f"· 借款 {loan.id}：还没到期的 {len(later)} 期，共 {yuan(amount)} 元{kept}")
    for plan in ledger.plans:
        left = [i for i in plan.instalments if i.paid_on is None] if plan.is_active else []
        if left:
            amount = sum((i.amount for i in left), Decimal("0"))
            total += amount
            lines.append(f"· 协商分期 {plan.id}：还剩 {len(left)} 期，共 {yuan(amount)} 元")
    if not lines:
        return "除了上面的逾期部分，您没有其他还没到期的应还款项了。" if overdue_too else "您的借款已经全部还清了。"
    title = "除了上面的逾期部分，" if overdue_too else ""
    for loan_id, i in due_today:
        lines.append(
            f"其中借款 {loan_id} 第{i.seq}期 {yuan(i.unpaid_principal + i.unpaid_interest)} 元是今天到期，"
            "今天还上不算逾期，明天起没还的本金才开始计罚息。"
        )
    if overdue_too and overdue_total:
        lines.append(
            f"逾期的 {yuan(overdue_total)} 元加上这些，按原计划一共还要还 {yuan(overdue_total + total)} 元"
            "（逾期部分越早还，罚息越少）。"
        )
    return (
        f"{title}按原来的还款计划还没到期的共 {yuan(total)} 元：\n"
        + "\n".join(lines)
        + "\n按期还就不会产生罚息；想一次还清，可以说“提前结清”，看今天结清要多少（不收以后各期的利息）。"
    )


def plan_and_loan_both_due(plan_ids) -> str:
    """是不是重复扣了: a plan covers what was overdue the day it was made; the loan's later
    instalments keep their own days."""
    return (
        f"不是重复扣款。协商分期 {'、'.join(plan_ids)} 只包括办理那天已经逾期的部分；借款里当时还没到期的各期不在分期里，"
        "仍按原来的还款日还。所以接下来分期和借款各有自己的应还款项："
    )


def everything_on_that_day(now: Decimal, then: Decimal, day: date) -> str:
    """All of the overdue, paid on a later day: that day's total (the penalty runs until then)."""
    return (
        f"今天逾期应还 {yuan(now)} 元；罚息每天还在增加，到{chinese_date(day)}要全部还清，需要还 {yuan(then)} 元"
        "（罚息算到那天）。承诺就按这个金额登记。"
    )


def total_on_day(now: Decimal, then: Decimal, day: date) -> str:
    """1号那天我总共要还多少: the overdue total on that day, penalty counted to it."""
    return (
        f"到{chinese_date(day)}，您逾期应还共 {yuan(then)} 元（罚息算到那天；今天是 {yuan(now)} 元）。"
        "那天还这个金额，逾期就全部还清了。"
    )


def with_that_days_dues(then: Decimal, dues, day: date) -> str:
    """…把逾期的加上第11期一起还 一共多少: that day's instalments beside the overdue total then."""
    due = sum((d.amount for d in dues), Decimal("0"))
    return "\n".join(
        [
            f"加上{chinese_date(day)}当天到期的：",
            *[next_due_line(d) for d in dues],
            f"那天一共要还 {yuan(then + due)} 元。",
        ]
    )


PLAN_PAID_OFF_EARLY = (
    "分期办理后，中途也可以一次还清剩下的各期：分期方案的提前结清金额由人工客服按方案核算，线上不直接报价；"
    "借款本身提前还款不收手续费，分期方案提前还清是否另有费用，以人工核算为准。"
)


def today_against(now: Decimal, then: Decimal, day: date) -> str:
    """今天还和明天还差多少: both overdue totals, and what makes the difference."""
    return (
        f"今天还清是 {yuan(now)} 元，{chinese_date(day)}还清是 {yuan(then)} 元，多 {yuan(then - now)} 元："
        f"多出的是这几天的罚息（没还的本金每天按{POLICY_FIGURES['penalty_rate']}计）。早一天还，就少一天罚息。"
    )


def plan_first_due(first: date) -> str:
    """首期能不能改到下个月初, about a plan: the rule's day, not a choice here."""
    return (
        f"分期的首期还款日按规则是接受方案满一个月的同一天（今天办理就是{chinese_date(first)}），之后每月同一天还，"
        "这里不能在线修改。如果这个日子不方便，可以开启还款日前的提醒；确实需要调整，可以转人工说明情况。"
    )


def due_that_day(day: date, dues) -> str:
    """28号那笔是多少: what falls due that day."""
    if not dues:
        return f"{chinese_date(day)}没有到期的款项。"
    total = sum((d.amount for d in dues), Decimal("0"))
    lines = [f"{chinese_date(day)}应还 {yuan(total)} 元：", *[next_due_line(d) for d in dues]]
    return "\n".join(lines)


def dues_together(dues, overdue_total: Decimal) -> str:
    """两笔加起来多少 我想一起还了: the instalments named, and their sum (and what is overdue beside)."""
    total = sum((d.amount for d in dues), Decimal("0"))
    lines = [f"这{len(dues)}笔加起来一共 {yuan(total)} 元：", *[next_due_line(d) for d in dues]]
    lines.append(
        "它们都还没到期：各自的还款日前还上就不算逾期。想现在一起提前还，怎么记账要按借款合同由人工客服办理，可以说“转人工”。"
    )
    if overdue_total > 0:
        lines.append(f"另外，已经逾期的 {yuan(overdue_total)} 元（罚息每天还在增加）最好先还上。")
    return "\n".join(lines)


def one_instalment_early(dues, overdue_total: Decimal) -> str:
    """我12月5号那期能不能提前还: that instalment, that it may be paid before its day, and by whom."""
    lines = [
        "可以在还款日之前先还这一期，还款日前还上就不算逾期："
        if len(dues) == 1
        else "这几期都还没到期，还款日前还上就不算逾期：",
        *[next_due_line(d) for d in dues],
        "在App“我的借款”里点“立即还款”就可以提前还，不收手续费；提前还一期不会让其他各期的还款日变化，"
        "这笔钱具体怎么记到各期上按借款合同执行，有疑问可以说“转人工”。想把整笔借款一次还清，说“提前结清”可以看今天的结清金额。",
    ]
    if overdue_total > 0:
        lines.append(f"另外，已经逾期的 {yuan(overdue_total)} 元（罚息每天还在增加）最好先还上。")
    return "\n".join(lines)


def beside_the_overdue(dues, overdue_total: Decimal) -> str:
    """还有28号那期要不要一起算进去: that day's instalment is not overdue; a promise is of what is."""
    due = sum((d.amount for d in dues), Decimal("0"))
    return "\n".join(
        [
            *[next_due_line(d) for d in dues],
            f"这一期还没到期，不算在逾期的 {yuan(overdue_total)} 元里：还款承诺只登记逾期的部分，这一期在它的还款日当天"
            f"或之前还上都不算逾期。想和逾期的一起还，合计 {yuan(overdue_total + due)} 元。",
        ]
    )


def month_dues(month: int, dues, overdue_total: Decimal, after=()) -> str:
    """12月份一共要还多少: what falls due that month, and what is already overdue beside it; with
    nothing left to pay that month, the next payment after it (`after`)."""
    due = sum((d.amount for d in dues), Decimal("0"))
    if not dues and overdue_total > 0:
        # 我这个月要还多少, 5 days overdue: "11月已经没有待还的款项了" came first — what is overdue is what is due
        lines = [
            f"{month}月要还的，是已经逾期的 {yuan(overdue_total)} 元（罚息每天还在增加），请尽快还上；"
            f"{month}月没有别的到期款项。"
        ]
        return "\n".join(lines + (["再下一笔：", *[next_due_line(d) for d in after]] if after else []))
    lines = (
        [f"{month}月要还的：", *[next_due_line(d) for d in dues], f"共 {yuan(due)} 元。"]
        if dues
        else [f"{month}月已经没有待还的款项了。"]
        + (["下一笔要还的：", *[next_due_line(d) for d in after]] if after else [])
    )
    if overdue_total > 0:
        lines.append(
            f"另外，已经逾期的 {yuan(overdue_total)} 元（罚息每天还在增加）要尽快还；加上它，"
            f"{month}月一共至少要还 {yuan(due + overdue_total)} 元。"
        )
    return "\n".join(lines)


def settle_verdict(amount: Decimal, result) -> str:
    """我一次还931.77就结清了对吧: yes or no first, with what that figure is."""
    total = result.total
    parts = [f"借款 {loan.loan_id} 今天结清要 {yuan(loan.total)} 元" for loan in result.quoted]
    plans = "；".join(
        f"协商分期 {p.plan_id} 还剩{p.instalments_left}期共 {yuan(p.amount_left)} 元，提前结清要人工按方案核算"
        for p in result.plans
    )
    for plan in result.plans:
        if amount == plan.amount_left:
            rest = f"另外，{'；'.join(parts)}。" if parts else ""
            return (
                f"不完全对：{yuan(amount)} 元是协商分期 {plan.plan_id} 剩下{plan.instalments_left}期的合计，"
                f"分期的提前结清要人工按方案核算，不一定就是这个数。{rest}"
            )
    if amount == total and not result.plans:
        return f"对，今天一次还 {yuan(amount)} 元就全部结清了（只在今天有效）。"
    for loan in result.quoted:
        if amount == loan.total and (len(result.quoted) > 1 or result.plans):
            others = [p for p in parts if not p.startswith(f"借款 {loan.loan_id} ")]
            rest = "；".join(others + ([plans] if plans else []))
            return f"{yuan(amount)} 元只结清借款 {loan.loan_id}；要全部结清，还有：{rest}。"
    head = f"不是：今天全部结清要 {yuan(total)} 元" if result.quoted else "不是"
    return head + (f"；{plans}。" if plans else "。")


def crisis_handoff_later(reference: str, now, can_call_back: bool) -> str:
    """The urgent handoff when no person can answer now, or cannot reach the writer: said as it is."""
    when = when_a_person_takes_over(now)
    back = "" if can_call_back else "您没有登录，客服没法主动联系您，"
    return (
        f"我已经为您优先登记了人工客服（编号 {reference}）。{when}，{back}在那之前请不要一个人扛着："
        "现在就可以拨打心理援助热线 12356，情况紧急请拨打 120 或 110，也可以给身边信任的人打个电话。欠款的事都可以先放一放。"
    )


CRISIS_FOLLOW_UP_AT_NIGHT = (
    "我在这里，您说的我都在听。现在人工客服还没上班，但您不是一个人：心理援助热线 12356 现在就可以打，情况紧急请拨打 120 或 110，"
    "身边信任的人也可以陪陪您。欠款的事可以慢慢商量。您愿意的话，跟我说说现在最让您难受的是什么。"
)


def plainly(summary) -> str:
    """我看不懂 你就说我要拿多少钱出来: the one figure, and why it grows."""
    return (
        f"简单说：今天还 {yuan(summary.total)} 元，逾期的就全部还清了。"
        "晚一天还，这个数会多一点点罚息，所以越早还越好。"
        "还款在我们的App里点“立即还款”；不会操作可以说“转人工”，客服一步一步教您。"
    )


# 我想先还一部分 这样后面每个月会少吗 还是期数变少, with nothing overdue (PRODUCT_TERMS: settlement is of a
# whole loan; a part prepaid is not a rule of ours to apply here).
PREPAY_PART = (
    "您目前没有逾期。线上可以办理的是整笔借款的提前结清（不收提前还款手续费，之后各期的利息不再收取）；"
    "只提前还一部分的话，是减少每期金额还是减少期数，要按您的借款合同由人工客服办理，可以说“转人工”。"
    "按期还款不会产生任何罚息。"
)


def promise_holds(amount: Decimal, pay_on: date, dues) -> str:
    """这个数包括28号那期没: what the promise's amount is, and what falls due before its day besides."""
    said = f"这个承诺登记的 {yuan(amount)} 元，是按已经逾期的款项算的"
    if not dues:
        return said + f"；到{chinese_date(pay_on)}之前，没有别的款项到期。"
    return (
        said
        + f"，不包括到{chinese_date(pay_on)}之前才到期的这些，它们按原来的还款日还，到期那天还上就不会有罚息：\n"
        + "\n".join(next_due_line(d) for d in dues)
    )


def latest_promise_day(day: date) -> str:
    last = day + timedelta(days=PROMISE_MAX_DAYS_AHEAD)
    return (
        f"还款承诺的日期最晚可以约到{chinese_date(last)}（今天起{PROMISE_MAX_DAYS_AHEAD}天以内）。"
        "再晚的日期不能在这里登记承诺；到时还不上的话，可以转人工商量别的办法。"
    )


def due_after_the_promise(due, pay_on: date) -> str:
    """12月10号那期也要加进去, promising by 12-04: it is not overdue by then — paid on its day, or early."""
    return (
        f"{next_due_line(due).lstrip('· ')}在承诺的日期（{chinese_date(pay_on)}）之后才到期，承诺只能包括到那天为止逾期的金额，"
        "所以它不能算进这个承诺；那一期在它的还款日当天或之前还上就不会有罚息，想提前还也可以。下面的承诺还是原来的金额："
    )


LEAVES_OUT = "注意：这个金额是已经逾期的部分，"


def promise_leaves_out(dues, pay_on: date, all_then: Decimal) -> str:
    """下周五全部还上, with an instalment due before then (today's): that it is not in the amount, what it
    is, and what everything would be on that day (h36b: 7642.35 was put, today's 1033.62 unsaid)."""
    return (
        f"{LEAVES_OUT}不包括到{chinese_date(pay_on)}之前到期的这些，它们按原来的还款日还，"
        "到期那天还上就没有罚息：\n"
        + "\n".join(next_due_line(d) for d in dues)
        + f"\n如果到{chinese_date(pay_on)}它们也没还，也会逾期；想连它们一起承诺，到那天一共是 {yuan(all_then)} 元，"
        "说“连这期一起”就按这个金额登记。"
    )


def two_parts_counted(first: Decimal, first_day: date, rest: Decimal, last_day: date, today: date) -> str:
    """明天先还500 剩下的下周五前再还1000: one promise of both, by the later day (one promise at a time)."""
    when = "今天" if first_day == today else chinese_date(first_day)
    return (
        f"好的。一次只能登记一个还款承诺，所以按两笔合计登记：{when}先还 {yuan(first)} 元，{chinese_date(last_day)}前再还 "
        f"{yuan(rest)} 元，合计 {yuan(first + rest)} 元，到{chinese_date(last_day)}为止还上就算兑现。"
    )


def part_now_counts(part: Optional[Decimal], first_day: Optional[date] = None, today: Optional[date] = None) -> str:
    """今天先还800 剩下的30号还清 / 这周五先还400 剩下的月底还清: what the promise is, and that the first
    part counts in it."""
    when = "今天" if first_day is None or first_day == today else chinese_date(first_day)
    first = f"{when}先还的 {yuan(part)} 元" if part is not None else f"{when}先还的一半"
    return (
        f"好的。一次只能登记一个还款承诺，所以下面登记的是到那天把逾期的全部还清；{first}算在里面，{when}还上的会从里面扣掉，"
        "到那天还剩多少就还多少。"
    )


def part_payment(total: Decimal, part: Optional[Decimal], plan_ok: bool, asked_if_allowed: bool = False) -> str:
    """只还一部分会怎么样: what a part payment leaves overdue (no allocation is promised: PAYMENT_ALLOCATION);
    可以先还一部分吗: that it may be, first."""
    if asked_if_allowed and (part is None or part < total):
        return "可以，随时都能先还一部分，在官方渠道还就行，不用先申请。" + part_payment(total, part, plan_ok)
    ways = f"剩下的可以登记一个{PROMISE_MAX_DAYS_AHEAD}天以内的还款日期（说“约定还款”），" + (
        "或者说“协商分期”“转人工”。" if plan_ok else "或者说“转人工”和客服商量。"
    )
    if part is not None and part >= total:
        return f"先还 {yuan(part)} 元就够还清目前逾期的 {yuan(total)} 元了，还清后就不再逾期，也不再产生罚息。"
    head = (
        f"先还 {yuan(part)} 元有用：这笔会从逾期的 {yuan(total)} 元里扣掉，还剩 {yuan(total - part)} 元（加上之后的罚息）。"
        if part is not None
        else "还一部分有用：还上的部分会从逾期金额里扣掉。"
    )
    return (
        head + "不过只要还有没还清的逾期款，就仍然算逾期，直到逾期的各期全部还清；没还的本金每天继续按"
        f"{POLICY_FIGURES['penalty_rate']}计罚息，还上的本金越多，之后每天的罚息越少。" + ways
    )


_NAMED_INSTALMENT = re.compile(r"第\s*(\d+|[一二三四五六七八九十]+)\s*期")
_EARLIEST = re.compile(r"最早|最久|最老|第一笔|最前面")
_CN_SEQ = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def covers_line(text: str, amount, summary) -> Optional[str]:
    """还1200够不够还第8期 / 能把最早那期还清吗: that instalment's figure today against the amount."""
    rows = sorted((row for loan in summary.loans for row in loan.instalments), key=lambda r: r.due_date)
    if amount is None or not rows:
        return None
    named = _NAMED_INSTALMENT.search(text)
    if named:
        seq = int(named.group(1)) if named.group(1).isdigit() else _CN_SEQ.get(named.group(1))
        rows = [r for r in rows if r.seq == seq]
    elif not _EARLIEST.search(text):
        return None
    if len(rows) != 1 and not (rows and not named):
        return None  # no such overdue instalment, or the same number on two loans
    row = rows[0]
    head = f"借款 {row.loan_id} 第{row.seq}期（{chinese_date(row.due_date)}到期）今天应还 {yuan(row.total)} 元"
    if amount >= row.total:
        return head + f"，{yuan(amount)} 元够还这一期的数，还多 {yuan(amount - row.total)} 元。"
    return head + f"，{yuan(amount)} 元还差 {yuan(row.total - amount)} 元。"


PROOF_TO_A_PERSON = (
    "对话里不能接收截图或文件。上面是我们账上收到的还款；如果您的那笔不在里面，点“转人工核查”，客服会告诉您怎么提交"
    "转账记录或付款凭证，并核对这笔钱。"
)
SENT_HERE_ONLY = (
    "明细只在这里给您看，不通过邮件、短信或快递发送，免得落到别人手里。要一份文件的话，点“开对账单”，我出具PDF下载链接，"
    "下载后您可以自己保存、打印或发到自己的邮箱。"
)


PAYMENT_ALLOCATION = (
    "部分还款先记到哪一期、先抵本金还是罚息，我们的产品规则里没有写明，以您还款时App还款页面上显示的为准，我这里不能替您指定；"
    "想先确认，可以转人工。"
    "不管记到哪一期，逾期各期没还的本金每天都按0.05%计罚息，所以还上的本金越多，之后每天的罚息就越少。"
)


# What a plan covers and costs, as the two answers below say it (with or without a term chosen).
_PLAN_COVERS = "分的是您今天全部逾期应还的 {amount} 元（各笔借款逾期的本金、利息和截至今天的罚息，合在一起）。"
_PLAN_COSTS = "分期的费用只有分期利息：月利率1%（折合年化约12%）"
_PLAN_REST = (
    "没有手续费或其他费用。纳入分期的部分从办理起不再产生罚息。还没到期的各期不在分期里，仍按原来的还款日照常还。"
)


def plan_explained(quote: PlanQuote) -> str:
    """分期手续费是多少 / 这多出来的是什么钱 / 没到期的还要照常还吗, at a plan's quote: what the plan is
    made of and what it costs, in this quote's figures."""
    extra = quote.total_repaid - quote.restructured_amount
    return (
        f"这个方案{_PLAN_COVERS.format(amount=yuan(quote.restructured_amount))}"
        f"{_PLAN_COSTS}，按等额每月还 {yuan(quote.monthly)} 元，"
        f"{quote.months}期共还 {yuan(quote.total_repaid)} 元，比现在多付 {yuan(extra)} 元；{_PLAN_REST}"
    )


def dues_beside_plan(quote: PlanQuote, ledger, day: date) -> str:
    """What the loans still ask, month by month, beside a plan's instalment (not taken into it)."""
    rows, since = [], day
    for due in quote.due_dates():
        others = [d for d in dues_between(ledger, since, due) if d.plan_id is None]
        since = due + timedelta(days=1)
        if others:
            extra = sum((d.amount for d in others), Decimal("0"))
            names = "、".join(
                f"{chinese_date(d.due_date)} {yuan(d.amount)} 元（借款 {d.loan_id} 第{d.seq}期）" for d in others
            )
            rows.append(
                f"· 到{chinese_date(due)}：分期 {yuan(quote.monthly)} 元 + {names} = {yuan(quote.monthly + extra)} 元"
            )
    if not rows:
        return "分期期间没有其他到期的款项，每月就是分期这一笔。"
    return "还没到期的各期不在分期里，照常要还；加起来是：\n" + "\n".join(rows)


def term_not_offered(months: int) -> str:
    """能分24期吗: the terms there are, and that this is not one of them."""
    terms = "、".join(f"{n}期" for n in PLAN_TERMS)
    longest = "最长就是12期" if months > max(PLAN_TERMS) else "请从这几种里选"
    return f"协商分期只能分{terms}，没有{months}期，{longest}；"


def terms_compared(amount: Decimal, quotes: Sequence[PlanQuote], named: Sequence[int]) -> Optional[str]:
    """分3期和分6期 利息差多少: the two terms named, side by side (shorter first)."""
    picked = sorted((q for q in quotes if q.months in set(named)), key=lambda q: q.months)
    if len(picked) < 2:
        return None
    short, long = picked[0], picked[-1]
    return (
        f"分{short.months}期和分{long.months}期相比：分{long.months}期每月少还 {yuan(short.monthly - long.monthly)} 元，"
        f"但总共多付 {yuan(long.total_repaid - short.total_repaid)} 元利息（分{short.months}期一共多付 "
        f"{yuan(short.total_repaid - amount)} 元，分{long.months}期一共多付 {yuan(long.total_repaid - amount)} 元）。"
    )


def plan_costs(amount: Decimal, quotes: Sequence[PlanQuote]) -> str:
    """分期手续费是多少, before a term is chosen: what each term costs over today's overdue total."""
    each = "、".join(f"分{q.months}期多付 {yuan(q.total_repaid - amount)} 元" for q in quotes)
    return f"分期{_PLAN_COVERS.format(amount=yuan(amount))}{_PLAN_COSTS}按等额每月还，{each}；{_PLAN_REST}"
