"""What the borrower owes and why: the overdue breakdown, due dates and penalty interest."""

import re
from calendar import monthrange
from datetime import date, timedelta
from decimal import Decimal
from typing import List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import wording
from actions.documents import figure_explained
from actions.forms import button, say_once_for_the_message
from actions.identity import BorrowerQuestion, about_their_own, question_text
from actions.store_access import in_thread, loan_store
from nlu.signals import (
    asks_a_days_amount,
    asks_a_days_difference,
    asks_about_upfront_deduction,
    asks_how_many_loans,
    asks_if_a_due_is_included,
    asks_if_part_payment_allowed,
    asks_if_the_rate_is_fair,
    asks_loan_rate,
    asks_original_amount,
    asks_payment_allocation,
    asks_principal_left,
    asks_total_left,
    asks_what_part_payment_does,
    asks_why_amounts_differ,
    cannot_pay_when_due,
    days_since_told_payment,
    disputes_days_overdue,
    means_half,
    offers_payment_proof,
    paid_an_unofficial_way,
    says_already_paid,
    tells_own_hardship,
    wants_it_plain,
    wants_it_sent,
)
from parsing.script import to_simplified
from parsing.values import amount_said_paid, arabic_numerals, month_named, parse_amount, parse_date, parse_days
from rules.calendar import today
from rules.money import round_cents, yuan
from rules.overdue import OverdueSummary, dues_between, first_due_per_source, overdue_on, overdue_summary, penalty
from rules.payments import POSTING_NOTE, payments_received
from rules.relief import add_months, plan_eligibility

RECENT_PAYMENTS = 5


async def summary_of(borrower_id: str) -> Optional[OverdueSummary]:
    ledger = await in_thread(loan_store().ledger, borrower_id)
    return overdue_summary(ledger, today()) if ledger else None


_DAY_OF_MONTH = re.compile(r"(\d{1,2}月)?\d{1,2}(?:号|日)")


def day_paid_said(text: str) -> Optional[date]:
    """16号我还的是871.66: the day a payment was made — the date parser's day, a month back when it lies
    ahead (a payment is never in the future; a month said and still ahead is none), or None."""
    plain = arabic_numerals(text or "")
    found = _DAY_OF_MONTH.search(plain)
    if not found or re.match(r"(?:的)?(?:那期|那笔|那一期|到期|的账单)", plain[found.end() :]):
        return None  # 12月5号那期我已经提前还了: the instalment's day, not the payment's
    now = today()
    day = parse_date(found.group(0), now)
    if day is not None and day > now:
        day = None if found.group(1) else add_months(day, -1)
    return day if day is not None and day <= now else None


def _unpaid_principal(ledger, due) -> Optional[Decimal]:
    """The principal still unpaid of a loan's instalment falling due (None for a plan's)."""
    for loan in ledger.loans:
        if loan.id == due.loan_id:
            for row in loan.instalments:
                if row.seq == due.seq:
                    return row.unpaid_principal
    return None


# 多出来的是什么钱 / 利息是多少: what of an instalment is principal and what interest.
WHAT_THE_MONEY_IS = re.compile(r"什么钱|啥钱|利息|多出来|多的|本金|哪来|哪儿来")
# 罚息是从哪天开始算的 / 从几号开始罚: the day the penalty began.
_FROM_WHEN = re.compile(
    r"(?:哪天|哪一天|几号|什么时候|啥时候|何时)(?:开始|起)(?:算|计|罚|收)?|从(?:哪天|几号|什么时候|啥时候)"
)


# "I already paid" told of a day gone (我上周还了300块 请问现在还剩多少): made, not supposed (it was taken off
# the overdue total a second time, h36a).
_PAID_BEFORE = re.compile(
    r"(?:上周|上礼拜|上星期|昨天|前天|上个?月|已经|早就|刚才|刚刚|前几天|那天|之前)[^，,。？?]{0,6}(?:还|转|付|交|扣)(?:了|过)"
)


class ActionCheckOverdue(BorrowerQuestion):
    action_name = "action_check_overdue"
    numbers_name_a_loan = True
    counts_left = True

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        ledger = await in_thread(loan_store().ledger, borrower_id)
        if not ledger:
            dispatcher.utter_message(response="utter_no_loans")
            return []
        summary = overdue_summary(ledger, today())
        if summary.is_overdue and tells_own_hardship(question_text(tracker, self.action_name)):
            # 我上个月住院了所以没还上，现在到底欠多少: heard first (only the figures came back)
            say_once_for_the_message(dispatcher, tracker, wording.HARD_TIME_HEARD)
        if wants_it_sent(question_text(tracker, self.action_name)):
            # 欠款明细发我邮箱: said how it can be had (the e-mail part went unanswered)
            dispatcher.utter_message(text=wording.SENT_HERE_ONLY, buttons=[button("开对账单", "给我开个对账单")])
        asked = question_text(tracker, self.action_name)
        if not says_already_paid(asked) and await figure_explained(dispatcher, asked, borrower_id, ledger):
            return []  # 这个3207.61是什么钱: the line it is on, and what such a line is
        # 273.03我今天还上是不是就不算逾期了: a payment supposed, asked about — not one told as made
        # (那我今天还了280 30号还要还多少 / 那我27号还完1500还剩多少: 那我… then, supposed — it was answered
        # "您说还了 280.00 元，我们的账上没有")
        told = amount_said_paid(asked)
        made = _PAID_BEFORE.search(asked) or (  # (我还了300 还剩多少, with 300.00 received: that one)
            told is not None
            and any(p.amount == told for p in payments_received(ledger, RECENT_PAYMENTS))
            and not re.search(r"今天|明天|后天|的话|如果|要是|假如|^\s*那我", asked)
        )
        supposed = (
            not made
            and asks_what_part_payment_does(asked)
            and re.search(
                r"是不是|会不会|能不能|可不可以|的话|如果|要是|假如|^\s*那我|还要还多少|还剩多少|剩多少|\d+\s*号还",
                asked,
            )
        )
        paid_claim = says_already_paid(asked) and not supposed
        if asks_payment_allocation(question_text(tracker, self.action_name)):  # 先抵哪一期: said first
            asked = question_text(tracker, self.action_name)
            covers = wording.covers_line(asked, parse_amount(asked), summary)
            if covers:  # 还1200够不够还第8期: that instalment against the amount
                dispatcher.utter_message(text=covers)
            dispatcher.utter_message(text=wording.PAYMENT_ALLOCATION)
        if paid_claim:  # "I already paid": what the ledger received comes first
            received = payments_received(ledger, RECENT_PAYMENTS)
            dispatcher.utter_message(text=wording.payments_block(received))
            differs = wording.claimed_against_received(amount_said_paid(asked), received, day_paid_said(asked))
            if differs:  # 我还了600 (300.00 received): not left to the borrower to compare (a person is offered below)
                dispatcher.utter_message(text=differs)
            if offers_payment_proof(question_text(tracker, self.action_name)):
                # 截图在哪发 我要证明我还过钱了: no upload here — a person takes the proof and checks
                dispatcher.utter_message(
                    text=wording.PROOF_TO_A_PERSON, buttons=[button("转人工核查", "/request_human")]
                )
        if summary.is_overdue and disputes_days_overdue(asked) and not paid_claim:
            # 214天不可能 我哪有逾期这么久: where the days are counted from (it fell back, twice)
            dispatcher.utter_message(
                text=wording.days_counted(summary, payments_received(ledger, RECENT_PAYMENTS)),
                buttons=[button("转人工核实", "/request_human")],
            )
        if asks_original_amount(asked) or asks_how_many_loans(asked):
            # 当初借了多少 / 我在你们这是不是借了两笔: each loan, first
            dispatcher.utter_message(text=wording.loans_borrowed(ledger))
        if asks_principal_left(question_text(tracker, self.action_name)):  # 本金还剩多少: counted, first
            dispatcher.utter_message(text=wording.principal_left(ledger, today()))
        later = asks_a_days_difference(question_text(tracker, self.action_name))
        if later and summary.is_overdue and not paid_claim:
            # 今天还和明天还差多少: both totals, and what the difference is
            day = today() + timedelta(days=later)
            dispatcher.utter_message(text=wording.today_against(summary.total, overdue_on(ledger, today(), day), day))
            return []
        total_asked = asks_total_left(question_text(tracker, self.action_name))
        on_day = (  # the date parser (jionlp) only for words that name a later day's payment
            parse_date(question_text(tracker, self.action_name), today())
            if summary.is_overdue
            and not paid_claim
            and ON_THAT_DAY.search(question_text(tracker, self.action_name))
            and A_DAY.search(question_text(tracker, self.action_name))
            else None
        )
        month = (
            month_named(question_text(tracker, self.action_name), today())
            if on_day is None and not paid_claim and HOW_MUCH.search(question_text(tracker, self.action_name))
            else None
        )
        if month is not None:
            # 那我12月份一共要还多少钱: that month's dues, and what is overdue beside them
            first = max(date(*month, 1), today())
            last = date(month[0], month[1], monthrange(*month)[1])
            dues = dues_between(ledger, first, last)
            later = [] if dues else dues_between(ledger, last + timedelta(days=1), last + timedelta(days=400))
            after = [d for d in later if d.due_date == later[0].due_date] if later else []
            dispatcher.utter_message(text=wording.month_dues(month[1], dues, summary.total, after))
            return []
        if on_day is not None and on_day > today():
            # 1号那天我总共要还多少: that day's total, not today's
            then = overdue_on(ledger, today(), on_day)
            dispatcher.utter_message(text=wording.total_on_day(summary.total, then, on_day))
            words = question_text(tracker, self.action_name)
            due = dues_between(ledger, on_day, on_day) if TOGETHER.search(words) and AN_INSTALMENT.search(words) else []
            if due:  # 12月10号那天把逾期的加上第11期一起还 一共多少: that instalment too (it was left out)
                dispatcher.utter_message(text=wording.with_that_days_dues(then, due, on_day))
            part = parse_amount(words) if asks_what_part_payment_does(words) else None
            if part is not None and part < then:
                # 那我27号还完300还剩多少 到时候还算逾期不: what that part leaves on that day (it said the total only)
                dispatcher.utter_message(
                    text=f"那天还 {yuan(part)} 元的话，还剩 {yuan(then - part)} 元没还（加上之后的罚息），仍然算逾期，"
                    "直到逾期的各期全部还清。"
                )
            return []
        if not summary.is_overdue and asks_what_part_payment_does(question_text(tracker, self.action_name)):
            dispatcher.utter_message(
                text=wording.PREPAY_PART,
                buttons=[button("提前结清", "/ask_early_settlement"), button("转人工", "/request_human")],
            )
            return []  # 先还一部分 后面每个月会少吗: nothing overdue — what prepaying part does
        if not summary.is_overdue and paid_claim:
            # 我今天已经提前把12月5号那期还了 为啥还显示待还 会不会又扣我一次: how long it takes, and no
            # second debit (it got the schedule only)
            dispatcher.utter_message(
                text=f"{POSTING_NOTE}{NO_SECOND_DEBIT}", buttons=[button("转人工核查", "/request_human")]
            )
        if not summary.is_overdue:
            dispatcher.utter_message(response="utter_nothing_overdue")
            dues = first_due_per_source(summary)
            if dues:
                dispatcher.utter_message(text=wording.next_due_block("接下来的应还款项：", dues))
            if total_asked:  # 一共还欠多少: everything still to repay, not only "nothing overdue"
                dispatcher.utter_message(text=wording.still_to_repay(ledger, today(), overdue_too=False))
            return []
        if wants_it_plain(question_text(tracker, self.action_name)) and summary.is_overdue and not paid_claim:
            # 我看不懂 你就说我要拿多少钱出来就行了: one figure, plainly, and the way to get help paying
            dispatcher.utter_message(text=wording.plainly(summary), buttons=[button("转人工", "/request_human")])
            return []
        if asks_what_part_payment_does(question_text(tracker, self.action_name)) and not paid_claim:
            # 只还一部分会怎么样 还是算逾期吗: what is left overdue, and the penalty on it — said first
            part = parse_amount(question_text(tracker, self.action_name))
            if part is None and means_half(question_text(tracker, self.action_name)):
                part = round_cents(summary.total / 2)  # 先还一半行不行: half of what is overdue, to the cent
            if part is None and tracker.active_loop.get("name") == "promise_form":
                # 好 确认。剩下的钱怎么办: the promise's amount is the part (it was not answered)
                part = parse_amount(str(tracker.get_slot("promise_amount") or ""))
            plan_ok = plan_eligibility(ledger, today()).eligible
            allowed = asks_if_part_payment_allowed(question_text(tracker, self.action_name))
            dispatcher.utter_message(text=wording.part_payment(summary.total, part, plan_ok, allowed))
        dispatcher.utter_message(
            response="utter_overdue_total",
            overdue_total=yuan(summary.total),
            instalment_count=summary.instalment_count,
            days_overdue=summary.days_overdue,
        )
        if asks_why_amounts_differ(question_text(tracker, self.action_name)):
            # 为啥这期才571 下期871: each instalment's amount and what changed the overdue ones
            dispatcher.utter_message(
                text=wording.why_amounts_differ(
                    ledger, summary, WHAT_THE_MONEY_IS.search(question_text(tracker, self.action_name)) is not None
                )
            )
        else:
            for loan in summary.loans:
                dispatcher.utter_message(text=wording.loan_block(loan))
        if total_asked:
            dispatcher.utter_message(
                text=wording.still_to_repay(ledger, today(), overdue_too=True, overdue_total=summary.total)
            )
        if paid_claim:
            received = payments_received(ledger)
            ago = days_since_told_payment(question_text(tracker, self.action_name))
            told_day = today() - timedelta(days=ago) if ago is not None else None
            missing = (
                f"您说的{wording.chinese_date(told_day)}那笔还款，我们的账上还没有看到。"
                if told_day is not None and not any(p.paid_on >= told_day for p in received)
                else ""
            )
            if paid_an_unofficial_way(question_text(tracker, self.action_name)):
                dispatcher.utter_message(text=UNOFFICIAL_WAY)  # 通过支付宝还了573: not a way of ours
            dispatcher.utter_message(
                text=f"上面的金额已经扣除了我们收到的还款，剩下的还没还清，所以还显示逾期。{missing}{POSTING_NOTE}"
                "如果您的还款记录和这里不一致，请保留扣款凭证，我可以为您转人工核实。",
                buttons=[button("转人工核实", "/request_human"), button("怎么还款", "/ask_how_to_repay")],
            )
            return []
        # Only the relief the terms allow this borrower is named (214 days overdue: a human).
        plan_ok = plan_eligibility(ledger, today()).eligible
        dispatcher.utter_message(
            response="utter_overdue_next_steps",
            relief="可以说“协商分期”或“转人工”。" if plan_ok else "可以说“转人工”，由客服和您协商。",
        )
        return []


# 1号那天我总共要还多少 / 到月底要还多少: what a later day asks (not 我现在欠多少 下周能还吗).
# 第11期 / 第九期: an instalment by its number (the number is group 1).
INSTALMENT_NUMBER = r"第\s*([\d一二三四五六七八九十]{1,3})\s*期"
AN_INSTALMENT = re.compile(rf"{INSTALMENT_NUMBER}|那一?期|当期|这一?期|当天到期|那天到期")
TOGETHER = re.compile(r"加起来|一共|总共|合计|一起还|一块还|一起")
_A_DAY_NAMED = re.compile(r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[号日]")


def days_named(text: str) -> List[date]:
    """The days of the month a message names, each once, in order (28号 … 12月8号), as dates ahead."""
    found: List[date] = []
    for match in _A_DAY_NAMED.finditer(text or ""):
        day = parse_date(match.group(0), today())
        if day is not None and day >= today() and day not in found:
            found.append(day)
    return found


WITHIN_DAYS = 62  # a quote for a day further ahead means little: nothing is paid until then, it assumes


_LATE_BY = re.compile(r"(?:晚|拖|迟|推迟|延后|晚了|拖了)\s*(?:个|上)?\s*(\d+)\s*天")
# 晚个三四天: a rough range of days — the later one (the penalty at most), not 34 (cn2an's reading).
_DAYS_RANGE = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])(?=\s*天)")


def _days_upper(text: str) -> str:
    return _DAYS_RANGE.sub(lambda m: m.group(2), text or "")


_PAID_ON = re.compile(r"((?:\d{1,2}\s*月\s*)?\d{1,2}\s*[号日])(?:才|再|就)?(?:能)?(?:发了?工资(?:就)?)?还")
_THAT_INSTALMENT = re.compile(r"((?:\d{1,2}\s*月\s*)?\d{1,2}\s*[号日])(?:的)?那期")


def later_day_named(text: str, ledger=None) -> Optional[date]:
    """The later day a question about paying names (下周五 / 11月27号 / 月底), within two months: 12月10号那期
    如果15号才还 → the 15th (it took the 10th: "没有任何罚息"); 晚5天 → five days after the instalment named or
    the next one due."""
    plain = arabic_numerals(_days_upper(text))
    late = _LATE_BY.search(plain)
    if late and ledger is not None:
        named = _THAT_INSTALMENT.search(plain)
        base = parse_date(named.group(1), today()) if named else None
        if base is None:
            dues = dues_between(ledger, today() + timedelta(days=1), today() + timedelta(days=WITHIN_DAYS))
            base = dues[0].due_date if dues else None
        if base is not None:
            return base + timedelta(days=int(late.group(1)))
    if not A_DAY.search(text or "") or re.search(r"今天|现在|目前", text or ""):
        return None
    paid_on = [m.group(1) for m in _PAID_ON.finditer(plain)]
    day = parse_date(paid_on[-1], today()) if paid_on else None
    day = day or parse_date(text, today())
    return day if day is not None and today() < day <= today() + timedelta(days=WITHIN_DAYS) else None


NO_SECOND_DEBIT = (
    "入账后，那一期就算已还，到还款日不会再扣一次；如果到还款日前一天App里还显示待还，请先不要重复还款，转人工核查。"
)
ON_THAT_DAY = re.compile(
    r"^(?!.*(?:现在|目前|今天|当前)).*(?:那天|到时候|那时|到了?(?:下|这|本|明|后|月|\d|[一二三四五六七八九十])|要还|得还|需要还|该还|"
    r"要多少|需要多少|得多少|准备多少)"
)
HOW_MUCH = re.compile(r"多少|一共|总共|合计|几多|呢")
A_DAY = re.compile(r"[号日]|月[底初中末]|周|礼拜|星期|明天|后天|天后|那天|到时候|那时")
UNOFFICIAL_WAY = (
    "注意：我们不通过支付宝、微信转账或任何个人账户收款，还款只在我们的App或官网“立即还款”里用绑定的银行卡操作。"
    "如果钱是转给了个人或扫了别人给的二维码，这笔钱不会记到您的借款上，可能遇到了诈骗：请保留转账记录，"
    "尽快联系支付平台并报警（110）。"
)


class ActionAskDueDate(BorrowerQuestion):
    action_name = "action_ask_due_date"
    numbers_name_a_loan = True
    counts_left = True

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        for point in wording.points_of(wording.DUE_DATE_POINTS, question_text(tracker, self.action_name)):
            dispatcher.utter_message(text=point)  # 能不能改成每月15号还: first, then the dates as they are
        asked = question_text(tracker, self.action_name)
        if tracker.active_loop.get("name") == "promise_form" and asks_if_a_due_is_included(asked):
            # 28号不是还有一期要到期吗 这个数包括它没, at a promise's confirmation: what the amount holds and what
            # falls due apart from it (the due dates alone came, and the question went unanswered, h30a)
            amount, pay_on = tracker.get_slot("promise_amount"), tracker.get_slot("promise_date")
            if amount and pay_on:
                ledger = await in_thread(loan_store().ledger, borrower_id)
                day = date.fromisoformat(pay_on)
                dues = dues_between(ledger, today() + timedelta(days=1), day)
                dispatcher.utter_message(text=wording.promise_holds(Decimal(amount), day, dues))
                return []
        summary = await summary_of(borrower_id)
        if summary is None:
            dispatcher.utter_message(response="utter_no_loans")
            return []
        text = question_text(tracker, self.action_name)
        if cannot_pay_when_due(text) and summary.next_due:
            # 今天到期的那期我今天还不上 怎么办 会不会又罚: the payment, what being late costs each day, and what
            # this borrower can still have (the hardship text came, or the penalty list, h34b)
            from actions.relief import relief_options  # (relief imports this module)

            ledger = await in_thread(loan_store().ledger, borrower_id)
            due = first_due_per_source(summary)[0]
            dispatcher.utter_message(
                text=wording.if_this_one_is_late(due, _unpaid_principal(ledger, due), summary),
                buttons=await relief_options(borrower_id, ledger)
                + ([button("约定还款日期", "/promise_to_pay")] if summary.is_overdue else [])
                + [button("转人工", "/request_human")],
            )
            return []
        day = parse_date(text, today()) if asks_a_days_amount(text) else None
        if day is not None and day < today() and (today() - day).days > 31:
            try:
                day = day.replace(year=day.year + 1)  # 1月8号, said in November: the coming January
            except ValueError:  # 2月29号 in a year without one
                day = None
        if day is not None and day >= today() and day not in {d.due_date for d in first_due_per_source(summary)}:
            # 那这个月28号那笔是多少钱: what falls due that day, first (the next days are said below)
            ledger = await in_thread(loan_store().ledger, borrower_id)
            dispatcher.utter_message(text=wording.due_that_day(day, dues_between(ledger, day, day)))
        together = days_named(text) if TOGETHER.search(text) else []
        beside = False
        if len(together) >= 2:
            # 28号那笔是多少 12月8号那笔又是多少 两笔加起来多少 我想一起还了: each, and their sum
            ledger = await in_thread(loan_store().ledger, borrower_id)
            both = [d for day in together for d in dues_between(ledger, day, day)]
            if both:
                dispatcher.utter_message(text=wording.dues_together(both, summary.total))
        elif together and summary.is_overdue:
            # 还有28号那期要不要一起算进去 (in a promise): it is not overdue, and a promise is of what is
            ledger = await in_thread(loan_store().ledger, borrower_id)
            one = dues_between(ledger, together[0], together[0])
            if one:
                dispatcher.utter_message(text=wording.beside_the_overdue(one, summary.total))
                beside = True
        dues = first_due_per_source(summary)
        if summary.is_overdue and not beside:  # the overdue total was just said beside that day's
            dispatcher.utter_message(
                text=(
                    f"您有 {summary.instalment_count} 期已经过了还款日，目前逾期应还共 {yuan(summary.total)} 元"
                    f"（最长逾期 {summary.days_overdue} 天），建议尽早处理。说“欠多少”可以查看明细。"
                )
            )
        if asks_why_amounts_differ(question_text(tracker, self.action_name)):
            ledger = await in_thread(loan_store().ledger, borrower_id)  # 为啥下期871.65 这期才571
            dispatcher.utter_message(
                text=wording.why_amounts_differ(
                    ledger, summary, WHAT_THE_MONEY_IS.search(question_text(tracker, self.action_name)) is not None
                )
            )
        if dues:
            dispatcher.utter_message(text=wording.next_due_block("接下来的还款日：", dues))
        elif not summary.is_overdue:
            dispatcher.utter_message(response="utter_no_loans")
        return []


# The loan's own interest, not (only) the penalty: 利息 / 利率 / 年化 said without 罚.
PER_DAY = re.compile(r"一天|每天|每日|每一天|日多|天天|一日")
ASKS_LOAN_RATE = re.compile(r"(?<!罚)利息|利率|年化")
HOW_IT_WORKS = re.compile(r"怎么回事|怎么算|怎么计算|为什么|为啥|咋算")


def penalty_example(text: str) -> Optional[str]:
    """按2000本金15天算大概多少钱: the rule worked out for the figures named (anyone may ask it)."""
    days = parse_days(text)
    amount = parse_amount(text)
    if days is None or amount is None or not 0 < days <= 3650 or amount < 10:
        return None
    owed = penalty(amount, days)
    return (
        f"按您说的算：未还本金 {yuan(amount)} 元逾期 {days} 天，罚息 = {yuan(amount)} × 0.05% × {days} = {yuan(owed)} 元；"
        f"也就是每天 {yuan(penalty(amount, 1))} 元左右。罚息只按逾期未还的本金算，不计复利，没有其他违约金。"
    )


class ActionAskPenaltyInterest(BorrowerQuestion):
    action_name = "action_ask_penalty_interest"
    numbers_name_a_loan = True
    public_answer = "utter_penalty_rule"
    own_figures_offer = {
        "text": "想看您自己借款的罚息明细，验证身份后我可以马上算给您。",
        "buttons": [{"title": "验证后看我的罚息", "payload": "/ask_penalty_interest"}],
    }

    def wants_own_figures(self, text: str) -> bool:
        if penalty_example(text) and not about_their_own(text):
            return False  # 2000块逾期15天罚息多少: worked out for the figures named, theirs to name
        return super().wants_own_figures(text) or bool(ASKS_LOAN_RATE.search(text))  # 利息是多少: their rate

    def public_answer_for(self, text: str) -> Optional[str]:
        # 砍头息: not the penalty — unless the penalty is asked too (罚息怎么算的 是不是还有违约金 砍头息: the
        # rule was left out, h25a)
        if asks_about_upfront_deduction(text) and not re.search(r"罚息|罚金|滞纳金", to_simplified(text or "")):
            return None
        return self.public_answer

    def public_points(self, text: str) -> List[str]:
        points = wording.points_of(wording.PENALTY_POINTS, text)
        example = penalty_example(text)
        if example:  # 2000块逾期15天罚息多少: worked out (the rule alone came twice, then a phone asked, h27b)
            points.insert(0, example)
        if ASKS_LOAN_RATE.search(text):  # 利息是多少, before verification: the loan's rate is theirs to see
            points.append(
                "借款本身的利息（不是罚息）按借款合同约定的利率计算，已经含在每期应还里；验证身份后我可以告诉您每笔借款的年利率。"
            )
        return points

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        text = question_text(tracker, self.action_name)
        upfront = asks_about_upfront_deduction(text)
        # 年利率呢 / 这笔贷款年利率是多少: the rate alone (利息是怎么回事 年化多少 gets the rules too)
        only_rate = (
            asks_loan_rate(text)
            and not upfront
            and not asks_if_the_rate_is_fair(text)
            and not HOW_IT_WORKS.search(text)
        )
        points = wording.points_of(wording.PENALTY_POINTS, text)
        if wording.GRACE in points:  # 有没有宽限期: no — said first, before the rule
            dispatcher.utter_message(text=points.pop(points.index(wording.GRACE)))
        ledger = await in_thread(loan_store().ledger, borrower_id)
        summary = overdue_summary(ledger, today()) if ledger else None
        why_each = (
            asks_why_amounts_differ(text)
            and "罚" not in to_simplified(text)
            and (summary is None or not summary.is_overdue)
        )
        if not upfront and not asks_if_the_rate_is_fair(text) and not only_rate and not why_each:
            # (为什么每期要还710.79 多出来的是什么钱: no penalty asked — not its rule first, h36a)
            # 这算砍头息吧: the money paid out; 超过24%了吧: the rates (the rule's figures are in that point)
            dispatcher.utter_message(response="utter_penalty_rule")
        for point in points:
            dispatcher.utter_message(text=point)
        if ledger and upfront:
            dispatcher.utter_message(text=wording.loans_borrowed(ledger))
            return []
        if ledger and asks_if_the_rate_is_fair(text):
            dispatcher.utter_message(text=wording.rate_cap(ledger.loans))  # 超过24%了吧: their own figures
        elif ledger and ASKS_LOAN_RATE.search(text):
            # 利息又是怎么回事 年化多少: the loan's own rate, apart from the penalty
            dispatcher.utter_message(text=wording.loan_rates(ledger.loans))
            if only_rate:  # 年利率呢: that alone (not the penalty's rule and figures)
                return []
        if ledger and summary is not None and "期" in text and asks_why_amounts_differ(text):
            # 为啥10月那期要还552 11月那期才544: each instalment and what changed it
            dispatcher.utter_message(
                text=wording.why_amounts_differ(ledger, summary, WHAT_THE_MONEY_IS.search(text or "") is not None)
            )
            return []
        about_a_later_one = bool(
            _LATE_BY.search(arabic_numerals(_days_upper(text))) or _THAT_INSTALMENT.search(arabic_numerals(text))
        )
        day = (
            later_day_named(text, ledger)
            if ledger and (summary is None or not summary.is_overdue or about_a_later_one)
            else None
        )
        then = overdue_summary(ledger, day) if day is not None else None
        if then is not None and then.is_overdue:
            # 如果12月2号才还 要多交多少罚息 给个数 (nothing overdue yet): that day's penalty, to the cent
            lines = [f"如果到{wording.chinese_date(day)}才还，那天会逾期的是："]
            lines += [wording.penalty_line(row) for loan in then.loans for row in loan.instalments]
            lines.append(
                f"罚息共 {yuan(then.penalty)} 元，那天连本带息要还 {yuan(then.total)} 元。在各期还款日当天或之前还上，就没有罚息。"
            )
            dispatcher.utter_message(text="\n".join(lines))
            return []
        if summary is None or not summary.is_overdue:
            # After an extension nothing is overdue, but the penalty of the days before it is owed.
            carried = [
                i for loan in (ledger.loans if ledger else ()) for i in loan.instalments if i.penalty_carried > 0
            ]
            carried = [i for i in carried if not i.is_settled]
            if carried:
                dispatcher.utter_message(text=wording.carried_penalty(carried))
            else:
                dispatcher.utter_message(response="utter_no_penalty")
            return []
        lines = [f"您目前的罚息共 {yuan(summary.penalty)} 元："]
        lines += [wording.penalty_line(row) for loan in summary.loans for row in loan.instalments]
        if _FROM_WHEN.search(text):
            # 罚息是从哪天开始算的: the day each instalment's penalty began (only the formula came, h36a)
            for row in (row for loan in summary.loans for row in loan.instalments):
                days = row.days_overdue if row.penalty_days is None else row.penalty_days
                lines.append(
                    f"借款 {row.loan_id} 第{row.seq}期{wording.chinese_date(row.due_date)}到期，罚息从"
                    f"{wording.chinese_date(today() - timedelta(days=days - 1))}起算，到今天共 {days} 天。"
                )
        if PER_DAY.search(text):
            # 罚息一天多少 / 每日会再加几多钱: what each further day adds (the total alone, h27b / m29)
            principal = sum((row.unpaid_principal for loan in summary.loans for row in loan.instalments), Decimal("0"))
            lines.append(
                f"按现在逾期未还的本金 {yuan(principal)} 元，每晚还一天，罚息增加 {yuan(penalty(principal, 1))} 元左右"
                "（各期分别计算，四舍五入到分）。"
            )
        dispatcher.utter_message(text="\n".join(lines))
        return []
