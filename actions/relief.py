"""Relief: instalment plans, extensions and promises to pay, from quote to stored agreement.

Each starts with a borrower question (eligibility and the offer), then a form collects the
choice and an explicit confirmation, and a submit action stores it once (the store is idempotent
per conversation and quote) and resets the form's slots.
"""

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import wording
from actions.forms import YES_NO, BorrowerForm, ConfirmedChange, button, say_once_for_the_message
from actions.identity import BorrowerQuestion, identify, latest_metadata, question_text, question_value
from actions.overdue import days_named
from actions.servicing import ActionEarlySettlement, follows_a_settlement_quote
from actions.store_access import in_thread, loan_store
from nlu.clauses import WHOLE_MESSAGE
from nlu.signals import (
    PLAN_PAID_OFF_EARLY,
    asks,
    asks_about_other_lenders_debts,
    asks_about_the_plan_quoted,
    asks_for_days_off,
    asks_how_many_left,
    asks_if_a_due_is_included,
    asks_if_chased_meanwhile,
    asks_latest_promise_day,
    asks_not_to_be_chased,
    asks_plan_fee,
    asks_to_move_due_date,
    asks_to_move_first_due,
    is_cancel,
    means_everything,
    means_half,
    names_a_term_change,
    names_one_loan,
    other_lenders_in,
    says_it_was_mistyped,
    term_asked_about,
)
from parsing.script import to_simplified
from parsing.values import (
    after_change_word,
    budget_amount,
    changed_clause,
    monthly_budget,
    named_terms,
    parse_amount,
    parse_date,
    parse_days,
    parse_term_months,
    part_first_rest_later,
    part_now_rest_later,
    promised_amount,
)
from rules.calendar import chinese_date, today, utc_now
from rules.figures import POLICY_FIGURES
from rules.money import round_cents, yuan
from rules.overdue import dues_between, first_due_per_source, overdue_on, overdue_summary
from rules.relief import (
    EXTENSION_CHOICES,
    EXTENSION_COOLDOWN_DAYS,
    PLAN_TERMS,
    PROMISE_MAX_DAYS_AHEAD,
    PromiseProblem,
    Refusal,
    add_months,
    extension_eligibility,
    extension_moves,
    plan_eligibility,
    plan_quote,
    promise_problem,
    quote_for_budget,
)

PLAN_SLOTS = ("plan_term", "plan_amount", "plan_confirmed")
EXTENSION_SLOTS = ("extension_days", "extension_confirmed")
PROMISE_SLOTS = ("promise_amount", "promise_date", "promise_confirmed")
TERM_BUTTONS = [button(f"分{n}期", f"分{n}期") for n in PLAN_TERMS]
# 不要了 每个月500都拿不出: a no with a figure in it, still a no
GIVES_UP = re.compile(r"不要了|不办了|算了|取消|不分了|不分期了|还不起|拿不出|付不起|还不上|不用了")
MONTHLY = re.compile(r"每个?月|一个月|月供|一月|每期|一期|月还|月均")
UP_FRONT = re.compile(r"先(?:还|付|交|打)[^，,。]{0,4}\d|先(?:还|付|交|打)[^，,。]{0,2}[一二两三四五六七八九十百千万]")
EXTENSION_BUTTONS = [button(f"延期{n}天", f"延期{n}天") for n in EXTENSION_CHOICES]


# (那5号周六呢: another day put, as a question — h37b: "请回复确认" and the same prompt)
_PROPOSES = re.compile(
    r"行吗|行不行|行不|可以吗|可不可以|可以不|好吗|成吗|中不中|能不能|能吗|怎么样|如何|吧[？?]?$|^那[^，,。？?]{1,8}呢"
)


def asks_not_proposes(text: Text) -> bool:
    """那周日那两千要单独登记吗: a question about the figures, not another one put (那下周三行吗 proposes)."""
    return asks(text) and not _PROPOSES.search(text)


_WHAT_REPLACING_MEANS = re.compile(
    r"替换[^，,。？?]{0,6}(?:啥|什么|意思|不算|没了|作废|还算)|(?:之前|原来|上次)[^，,。？?]{0,10}(?:不算了|没了|作废)"
)
REPLACING_MEANS = (
    "一次只能有一个有效的还款承诺：登记这个新的，之前那个就不再算数（记录会保留）。如果两次都要还，可以登记到后一个日期把"
    "逾期的全部还清，前面先还的部分会算在里面、从里面扣掉；想保留之前那个，就说“不要了”。"
)
_AN_INSTALMENT_BY_DAY = re.compile(
    r"(?:今天|明天|后天|\d{1,2}\s*[号日]|月底)(?:要|才)?(?:到期)?(?:的)?(?:这|那)(?:一)?期|(?:今天|明天|\d{1,2}\s*[号日])到期的"
)
_KEEP_THE_ONE_BEFORE = re.compile(
    r"(?:还是)?按(?:照)?(?:原来|之前|以前|上次)(?:的|那个|那样)|(?:原来|之前|上次)(?:的)?那个(?:就行|吧|来|不变|留着)|"
    r"不改了|不用改了|不替换|不要替换|别替换|不能替换|保留(?:原来|之前|上次)?(?:的|那个)?|留着(?:原来|之前)?"
)


def keeps_the_one_before(text: Text) -> bool:
    """算了 不改了，还是按原来12月1号那个来 / 不要替换: the promise already made stays."""
    return bool(_KEEP_THE_ONE_BEFORE.search(to_simplified(text or "")))


def cancels_first(text: Text) -> bool:
    """不要了，那样27号的就没了: the first words end it; the rest only says why."""
    parts = re.split(r"[，,。.!！\s]+", text.strip(), maxsplit=1)
    first = parts[0]
    if first in ("不要", "不用", "不了", "不行", "别") and len(parts) > 1:
        # 不要，因为27号那笔我肯定会还的: a bare no, then why
        return bool(re.match(r"(?:因为|因為|反正|毕竟|那样|这样|不然|否则)", parts[1]))
    return bool(first) and is_cancel(first)


def typed(tracker: Tracker) -> Text:
    """The borrower's own words of this turn (not a button's payload)."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text


def changed_choice(tracker: Tracker, parse: Callable[[Text], Optional[int]], choices, slot: Text) -> Optional[Text]:
    """A confirmation answered with a no that names another choice (不对 还是15天吧): that choice."""
    said = typed(tracker)
    choice = parse(after_change_word(said))
    changed = after_change_word(said) != said  # 算了改成7天就行, with 7 already chosen: asked again, not cancelled
    return str(choice) if choice in choices and (str(choice) != tracker.get_slot(slot) or changed) else None


def share_of_total(text: Text, total: Decimal) -> Optional[Decimal]:
    """全部 / 都还上: today's overdue total; 先还一半: half of it, to the cent; otherwise None."""
    if means_everything(text):
        return total
    if means_half(text):
        return round_cents(total / 2)
    return None


_SMALLER = re.compile(r"(?:小|少)的?那笔|(?:金额|钱)(?:小|少)的|少一点的那笔|小一点的那笔")
_LARGER = re.compile(r"(?:大|多)的?那笔|(?:金额|钱)(?:大|多)的|多一点的那笔|大一点的那笔")
_NTH = re.compile(r"第([一二两三1-3])笔")


def total_meant(text: Text, summary) -> Decimal:
    """The overdue total the words mean: one loan's when they name it (L5001 / 小的那笔 / 第二笔)
    among several overdue, else all of it (那小的那笔我下周三还清 promised both loans' total)."""
    owed = [loan for loan in summary.loans if loan.total > 0]
    if len(owed) < 2:
        return summary.total
    plain = text or ""
    named = [loan for loan in owed if loan.loan_id.lower() in plain.lower()]
    if len(named) == 1:
        return named[0].total
    if _SMALLER.search(plain):
        return min(loan.total for loan in owed)
    if _LARGER.search(plain):
        return max(loan.total for loan in owed)
    nth = _NTH.search(plain)
    if nth:
        index = {"一": 1, "二": 2, "两": 2, "三": 3}.get(nth.group(1)) or int(nth.group(1))
        if index <= len(owed):
            return owed[index - 1].total
    return summary.total


def ours_only(dispatcher: CollectingDispatcher, tracker: Tracker, action_name: Text) -> None:
    """花呗借呗都逾期了 能一起协商吗: only loans with us are arranged here — said before ours are (the
    other lenders may be named in another clause of the message: 被裁了 花呗借呗都逾期了 能不能少还点)."""
    text = str(latest_metadata(tracker).get(WHOLE_MESSAGE) or question_text(tracker, action_name))
    if asks_about_other_lenders_debts(text):
        names = "、".join(other_lenders_in(text))
        dispatcher.utter_message(
            text=f"这里只能为您在我们这里的借款办理；{names}的欠款我们查不到，需要联系它们的官方客服协商。"
        )


async def current_ledger(borrower_id: str):
    return await in_thread(loan_store().ledger, borrower_id)


async def relief_options(borrower_id: str, ledger=None) -> List[Dict[Text, Any]]:
    """What this borrower can have online today, as buttons: a plan and an extension, each only
    when the terms allow it — never an offer the next step would refuse."""
    ledger = ledger if ledger is not None else await current_ledger(borrower_id)
    day = today()
    last = await in_thread(loan_store().last_extension_date, borrower_id)
    options = []
    if plan_eligibility(ledger, day).eligible:
        options.append(button("协商分期", "/ask_instalment_plan"))
    if extension_eligibility(ledger, day, last).eligible:
        options.append(button("申请延期", "/ask_extension"))
    return options


def budget_note(ledger, budget: Decimal, quote) -> Optional[str]:
    """每个月最多还300: the quote fits, but the instalments not in the plan still fall due in its
    months — said, with what they are, when the two together pass the budget."""
    day = today()
    last = add_months(day, quote.months)
    due = sorted(
        (i for loan in ledger.loans for i in loan.instalments if i.plan_id is None and not i.is_settled),
        key=lambda i: i.due_date,
    )
    due = [i for i in due if day <= i.due_date <= last]
    if not due or all(quote.monthly + i.unpaid_principal + i.unpaid_interest <= budget for i in due):
        return None
    lines = [
        f"· {chinese_date(i.due_date)}：{yuan(i.unpaid_principal + i.unpaid_interest)} 元（借款 {i.loan_id} 第{i.seq}期）"
        for i in due[:3]
    ]
    more = f"\n· ……共 {len(due)} 期" if len(due) > 3 else ""
    return (
        "请注意，还没到期的各期不在分期里，分期期间仍要照常还：\n"
        + "\n".join(lines)
        + more
        + f"\n这些月份加上分期的每月 {yuan(quote.monthly)} 元，要还的会超过您说的 {yuan(budget)} 元。"
        "如果这样还是还不上，可以说“转人工”一起商量。"
    )


async def verified_borrower(tracker: Tracker) -> Optional[str]:
    return (await identify(tracker)).borrower_id


def offer_human(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(response="utter_offer_human", buttons=[button("转人工", "/request_human")])


# Instalment plan ---------------------------------------------------------------------------------


# 利息怎么这么多 / 分期手续费多少: what the plan they have costs.
PLAN_COST = re.compile(r"利息|手续费|费用|怎么这么多|这么贵|太贵|多收|多出")


async def extended_lately(borrower_id: str) -> bool:
    """An extension granted within the cooldown: no other one can be, so none is suggested."""
    last = await in_thread(loan_store().last_extension_date, borrower_id)
    return last is not None and (today() - last).days < EXTENSION_COOLDOWN_DAYS


def explain_plan_refusal(
    dispatcher: CollectingDispatcher, eligibility, text: Text = "", extended_this_year: bool = False
) -> None:
    if eligibility.reason == Refusal.ACTIVE_PLAN:
        plan = eligibility.active_plan
        nxt = plan.next_payment()
        if asks_to_move_due_date(text):  # 分期每月20号还 能改到28号吗: the plan's own day, not a new plan
            dispatcher.utter_message(text=wording.plan_due_day(plan.id, nxt.due_date if nxt else None))
            offer_human(dispatcher)
            return
        if names_a_term_change(text):
            # 12期多付了两百多利息，能改成6期吗: the plan in hand changed — not online (the penalty rule, h28a)
            dispatcher.utter_message(
                text=f"您的分期计划 {plan.id} 已经生效，期数这里不能在线修改，也不能在线撤销。"
                "想调整期数，可以转人工，由客服按规定处理；在那之前请按现在的计划按时还款。"
            )
            offer_human(dispatcher)
            return
        if asks_how_many_left(text) or PLAN_COST.search(text):
            # 我那个协商分期还剩几期 / 1800分6期每月310.59 利息怎么这么多: about the plan they have
            dispatcher.utter_message(text=wording.active_plan(plan, today(), cost=bool(PLAN_COST.search(text))))
            return
        dispatcher.utter_message(
            response="utter_plan_refused_active_plan",
            plan_id=plan.id,
            next_due=chinese_date(nxt.due_date) if nxt else "—",
            next_amount=yuan(nxt.amount) if nxt else "0.00",
        )
    elif eligibility.reason == Refusal.TOO_LONG_OVERDUE:
        dispatcher.utter_message(response="utter_plan_refused_too_long", days_overdue=eligibility.summary.days_overdue)
    elif eligibility.reason == Refusal.AMOUNT_TOO_SMALL:
        dispatcher.utter_message(
            response="utter_plan_refused_amount_too_small", overdue_total=yuan(eligibility.summary.total)
        )
    else:
        dispatcher.utter_message(response="utter_plan_refused_nothing_overdue")
        # (12月15号要是还不上 再延15天行不, the day an extension was granted: "看看能不能申请延期", h25a)
        if what_comes_due(dispatcher, eligibility.summary, extended_this_year):
            return
    offer_human(dispatcher)


def what_comes_due(dispatcher: CollectingDispatcher, summary, extended_this_year: bool = False) -> bool:
    """Nothing overdue (俺这个月能不能晚几天还 家里娃生病了): what comes due, and what a late payment
    would mean and allow — not a bare "no need" and a human."""
    dues = first_due_per_source(summary) if summary is not None else []
    if not dues:
        return False
    if any(d.plan_id for d in dues):
        if_late = wording.IF_LATE_IN_A_PLAN
    else:
        if_late = wording.IF_LATE_AFTER_AN_EXTENSION if extended_this_year else wording.IF_LATE
    dispatcher.utter_message(
        text=wording.next_due_block("接下来的应还款项：", dues) + "\n" + if_late,
        buttons=[button("转人工", "/request_human")],
    )
    return True


class ActionOfferPlan(BorrowerQuestion):
    action_name = "action_offer_plan"
    reset_while_unverified = ("open_flow",)

    offered_after_rule = {
        "text": "想知道按您的欠款每期还多少，验证身份后我可以马上算给您。",
        "buttons": [button("验证后看我的分期方案", "/ask_instalment_plan")],
    }

    def public_points(self, text: Text) -> List[Text]:
        # 分期要什么条件 最多分几期, before verification: the rule, then their own quotes on request
        plainly = [wording.PLAN_PLAINLY] if term_asked_about(text) == "分期" else []
        term = parse_term_months(text)
        # 你们能不能也分60期: not a term there is — said in so many words (only 3/6/12 were listed, h28b)
        longer = [wording.term_not_offered(term).rstrip("；") + "。"] if term and term not in PLAN_TERMS else []
        fee = [wording.plan_fee(today())] if asks_plan_fee(text) else []
        return plainly + longer + fee + ([wording.PLAN_RULE] if asks(text) else [])

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        ours_only(dispatcher, tracker, self.action_name)
        if term_asked_about(question_text(tracker, self.action_name)) == "分期":
            dispatcher.utter_message(text=wording.PLAN_PLAINLY)  # 分期是啥意思我不太懂: the word, first
        if asks_plan_fee(question_text(tracker, self.action_name)):
            dispatcher.utter_message(text=wording.plan_fee(today()))  # 分期有没有手续费: no, first
        eligibility = plan_eligibility(await current_ledger(borrower_id), today())
        if not eligibility.eligible:
            explain_plan_refusal(
                dispatcher, eligibility, question_text(tracker, self.action_name), await extended_lately(borrower_id)
            )
            return [SlotSet("open_flow", None)]
        amount = eligibility.summary.total
        events: List[EventType] = [SlotSet("open_flow", "plan"), SlotSet("plan_amount", str(amount))]
        await say_if_no_extension(dispatcher, question_text(tracker, self.action_name), borrower_id)
        if names_one_loan(question_text(tracker, self.action_name)):  # 只分L5002那笔: the whole total
            dispatcher.utter_message(text=wording.PLAN_COVERS_ALL)
        term = question_value(tracker, self.action_name, "instalment_count", parse_term_months)
        term = int(term) if term else None
        comparing = len(named_terms(question_text(tracker, self.action_name))) > 1
        if comparing:  # 三个月六个月十二个月各要还多少: every quote, nothing chosen
            term = None
        budget = None
        if not term and not comparing:
            words = question_text(tracker, self.action_name)
            budget = budget_amount(words)  # (退休金两千出头 一个月还一百五: 150, not the income)
            if budget is not None and (
                (budget >= amount and not MONTHLY.search(words)) or UP_FRONT.search(words)
            ):  # 那另一笔6000的能单独分期吗 / 先还八百 剩下的分期: not what fits each month
                budget = None
        if term and term not in PLAN_TERMS:
            # 能分24期吗: not one of the terms — said, before the ones there are (it showed them only)
            dispatcher.utter_message(text=wording.term_not_offered(term).rstrip("；") + "。")
        if term in PLAN_TERMS:
            events.append(SlotSet("plan_term", str(term)))
        elif budget is not None:
            chosen = quote_for_budget(eligibility.quotes, budget)
            if chosen is None:
                dispatcher.utter_message(
                    response="utter_plan_budget_too_low",
                    budget=yuan(budget),
                    longest_monthly=yuan(eligibility.quotes[-1].monthly),
                )
                offer_human(dispatcher)
                return [SlotSet("open_flow", None)]
            dispatcher.utter_message(response="utter_plan_budget_fits", budget=yuan(budget), months=chosen.months)
            note = budget_note(await current_ledger(borrower_id), budget, chosen)
            if note:
                dispatcher.utter_message(text=note)
            events.append(SlotSet("plan_term", str(chosen.months)))
        else:
            dispatcher.utter_message(
                text=wording.plan_quotes(
                    amount, eligibility.quotes, [loan.loan_id for loan in eligibility.summary.loans]
                )
                + ("\n" + wording.PAY_PART_FIRST if UP_FRONT.search(question_text(tracker, self.action_name)) else ""),
                buttons=TERM_BUTTONS,
            )
            words = question_text(tracker, self.action_name)
            compared = (
                wording.terms_compared(amount, eligibility.quotes, named_terms(words))
                if comparing and COMPARED.search(words)
                else None
            )
            if compared:  # 分3期和分6期 利息差多少: the difference itself, not only both quotes
                dispatcher.utter_message(text=compared)
        return events


# 分3期和分6期 利息差多少 / 哪个划算: two terms compared.
COMPARED = re.compile(r"差|区别|哪个|比较|划算|相比|多多少|少多少|不一样|多几|少几|贵多少|便宜多少|多出")


class ValidatePlanForm(BorrowerForm):
    needs_borrower = True

    def name(self) -> Text:
        return "validate_plan_form"

    async def validate_plan_term(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text = str(value or "")
        if asks_about_the_plan_quoted(text) and parse_term_months(text) is None and parse_amount(text) is None:
            # 分期手续费是多少, when asked how many months: the cost of each quote, then the term again
            amount = Decimal(tracker.get_slot("plan_amount"))
            quotes = [plan_quote(amount, months, today()) for months in PLAN_TERMS]
            dispatcher.utter_message(text=wording.plan_costs(amount, quotes))
            return {"plan_term": None}
        if asks_to_move_first_due(text):  # 首期能不能改到下个月初: the rule's day, and the term asked again
            dispatcher.utter_message(text=wording.plan_first_due(add_months(today(), 1)))
            said = parse_term_months(text)  # 分3期 第一期能不能1月再开始: the term said too is kept (h26a)
            return self.good_answer({"plan_term": str(said)}) if said in PLAN_TERMS else {"plan_term": None}
        term = int(text) if text.isdigit() else parse_term_months(text)  # "6" was set from the first message
        if term in PLAN_TERMS:
            return self.good_answer({"plan_term": str(term)})
        if names_one_loan(text):  # 只分L5002那笔行不: it cancelled the form (read as a no)
            dispatcher.utter_message(text=wording.PLAN_COVERS_ALL)
            return {"plan_term": None}
        budget = budget_amount(text) if term is None else None
        if budget is not None:
            amount = Decimal(tracker.get_slot("plan_amount"))
            quotes = tuple(plan_quote(amount, n, today()) for n in PLAN_TERMS)
            chosen = quote_for_budget(quotes, budget)
            if chosen is None:
                dispatcher.utter_message(
                    response="utter_plan_budget_too_low",
                    budget=yuan(budget),
                    longest_monthly=yuan(quotes[-1].monthly),
                )
                offer_human(dispatcher)
                return {"plan_term": None, "form_stopped": True}
            dispatcher.utter_message(response="utter_plan_budget_fits", budget=yuan(budget), months=chosen.months)
            borrower_id = await verified_borrower(tracker)
            note = budget_note(await current_ledger(borrower_id), budget, chosen) if borrower_id else None
            if note:
                dispatcher.utter_message(text=note)
            return self.good_answer({"plan_term": str(chosen.months)})
        # 那18期呢: not one of the terms, said so (it was "目前可以选择…", as to an unclear answer)
        why = wording.term_not_offered(term) if term else f"目前可以选择分{POLICY_FIGURES['plan_terms']}，"
        return self.bad_answer(
            dispatcher,
            tracker,
            "plan_term",
            f"{why}也可以告诉我每个月大概能还多少（例如“每月800”）。",
            TERM_BUTTONS,
        )

    async def validate_plan_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if asks_to_move_first_due(typed(tracker)):
            # 首期还款日改成12月5号可以吗: "好的，就是分12期" (12月 read as a term) — the rule's day, asked again
            dispatcher.utter_message(text=wording.plan_first_due(add_months(today(), 1)))
            return {"plan_confirmed": None}
        other = changed_choice(tracker, parse_term_months, PLAN_TERMS, "plan_term") if value == "no" else None
        if other is not None:  # "不对 还是12期吧": not a no, another choice
            return self.good_answer({"plan_term": other, "plan_confirmed": None})
        named = parse_term_months(after_change_word(typed(tracker)))
        if value == "yes" and named in PLAN_TERMS and str(named) != tracker.get_slot("plan_term"):
            # 还是12期吧 确认, with 6 on the table: that term quoted to confirm, not the one on the table
            # stored (a 6-month plan was stored for someone who had just said 12)
            return self.good_answer({"plan_term": str(named), "plan_confirmed": None})
        words = typed(tracker)
        gives_up = GIVES_UP.search(words) and not (after_change_word(words) != words and cancels_first(words))
        if value == "no" and MONTHLY.search(words) and not gives_up and monthly_budget(words):
            # (那算了 改成每月三百左右吧: "never mind that", then another budget — it was cancelled, h31a)
            # 不对不对 我刚说错了 600有点悬 每个月500还差不多: another budget, not a no (it was cancelled, h28a)
            value = words
        if value in ("yes", "no"):
            return self.good_answer({"plan_confirmed": value})
        # "还是12个月吧" / "每月五百行不行" while asked to confirm: another choice, quoted again.
        text = str(value or "")
        if asks_about_the_plan_quoted(text):
            # 分期手续费是多少 / 这1629是两笔都算进去了吗 没到期的还要照常还吗: answered with this quote's
            # figures, then asked again (1629 was read as a budget and a 3-month plan put instead)
            changed = parse_term_months(text) if after_change_word(text) != text else None
            term = str(changed) if changed in PLAN_TERMS else tracker.get_slot("plan_term")
            quote = plan_quote(Decimal(tracker.get_slot("plan_amount")), int(term), today())
            say_once_for_the_message(dispatcher, tracker, wording.plan_explained(quote))
            if term != tracker.get_slot("plan_term"):
                # 改12期吧，12期一共多还多少利息: the new term's cost, and that term put to confirm (the 6-month
                # one was explained and put again, h30a)
                return self.good_answer({"plan_term": term, "plan_confirmed": None})
            return {"plan_confirmed": None}
        term = parse_term_months(after_change_word(text))  # 12期利息太多了 还是6期吧: the term changed to
        budget = (
            monthly_budget(text)
            if MONTHLY.search(text) or len(re.sub(r"\W", "", text)) <= 8 or says_it_was_mistyped(text)
            else None
        )
        current = tracker.get_slot("plan_term")
        if term is None and budget is not None and current and str(current).isdigit():
            quoted = plan_quote(Decimal(tracker.get_slot("plan_amount")), int(current), today())
            if abs(budget - quoted.monthly) < 1:
                # 那这样我每个月就只用还580了对吧？: this quote's monthly, said back — yes, this one (it was read as
                # a budget of 580, under 580.32, and the 12-month plan put to confirm instead, h35b)
                dispatcher.utter_message(
                    text=f"对，分{quoted.months}期每月还 {yuan(quoted.monthly)} 元，共还 {yuan(quoted.total_repaid)} 元。"
                )
                return {"plan_confirmed": None}
        if term is None and budget is not None:
            amount = Decimal(tracker.get_slot("plan_amount"))
            chosen = quote_for_budget(tuple(plan_quote(amount, n, today()) for n in PLAN_TERMS), budget)
            term = chosen.months if chosen else None
        if term in PLAN_TERMS:
            if str(term) == tracker.get_slot("plan_term"):
                dispatcher.utter_message(text=f"好的，就是分{term}期。")
            return self.good_answer({"plan_term": str(term), "plan_confirmed": None})
        return self.bad_answer(
            dispatcher, tracker, "plan_confirmed", "请回复“确认”办理这个方案，或者“不要了”取消。", YES_NO
        )


BESIDE = re.compile(r"另外|加起来|照常|没到期|一起|合计|总共|一共要还")


class ActionExplainPlan(Action):
    """A question about the plan quoted, inside the plan form (policies/interruptions.py): what it
    covers and costs, in its own figures; the form then asks its question again."""

    def name(self) -> Text:
        return "action_explain_plan"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        amount = Decimal(tracker.get_slot("plan_amount") or "0")
        # The whole message, when it was cut into turns: each turn gives the same answer, said once.
        words = str(latest_metadata(tracker).get(WHOLE_MESSAGE) or (tracker.latest_message or {}).get("text") or "")
        named = parse_term_months(words)  # 分12期的话一共多出多少钱: that term, asked about, not chosen
        term = named if named in PLAN_TERMS else tracker.get_slot("plan_term")
        quote = plan_quote(amount, int(term), today()) if term and str(term).isdigit() else None
        if quote is not None:
            text = wording.plan_explained(quote)
        else:
            text = wording.plan_costs(amount, [plan_quote(amount, n, today()) for n in PLAN_TERMS])
        borrower_id = await verified_borrower(tracker)
        if quote is not None and borrower_id and BESIDE.search(words):
            # 那12月10号那期还要另外还吗 每个月加起来得还多少: what falls due beside the plan, month by month
            beside = wording.dues_beside_plan(quote, await current_ledger(borrower_id), today())
            text = text + ("\n" + beside if beside else "")
        if PLAN_PAID_OFF_EARLY.search(words):  # 中途想提前一次还完可以吗: yes, and who works out the sum
            text += "\n" + wording.PLAN_PAID_OFF_EARLY
        say_once_for_the_message(dispatcher, tracker, text)
        return []


class ActionAskPlanConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_plan_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        quote = plan_quote(Decimal(tracker.get_slot("plan_amount")), int(tracker.get_slot("plan_term")), today())
        question = wording.plan_confirmation_question(quote)
        borrower_id = await verified_borrower(tracker)
        running = await in_thread(loan_store().running_promises, borrower_id, today()) if borrower_id else []
        if running:  # 分期了我之前那个27号还1000的承诺还算吗: said before it is asked
            ids = "、".join(p.id for p in running)
            question = question.replace("确认办理吗？", f"办理后，您之前的还款承诺 {ids} 由这个方案取代。确认办理吗？")
        dispatcher.utter_message(text=question, buttons=YES_NO)
        return []


class ActionSubmitPlan(ConfirmedChange):
    slots = PLAN_SLOTS
    confirmed_slot = "plan_confirmed"

    def name(self) -> Text:
        return "action_submit_plan"

    async def store(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: Text) -> None:
        months, amount, day = int(tracker.get_slot("plan_term")), Decimal(tracker.get_slot("plan_amount")), today()
        outcome = await in_thread(
            loan_store().accept_plan,
            borrower_id,
            months,
            amount,
            day,
            f"{tracker.sender_id}:plan:{months}:{amount}:{day}",
            utc_now(),
        )
        if outcome.plan is not None:
            plan = outcome.plan
            dispatcher.utter_message(
                response="utter_plan_accepted",
                plan_id=plan.id,
                months=plan.months,
                monthly=yuan(plan.monthly),
                first_due=chinese_date(plan.first_due),
            )
            if outcome.covered:
                dispatcher.utter_message(text=wording.promises_covered(outcome.covered))
        elif outcome.refused == Refusal.QUOTE_CHANGED:
            dispatcher.utter_message(response="utter_plan_quote_changed")
        else:
            explain_plan_refusal(dispatcher, outcome.eligibility)


# Extension -----------------------------------------------------------------------------------------


def explain_extension_refusal(dispatcher: CollectingDispatcher, eligibility, ledger=None) -> None:
    if eligibility.reason == Refusal.RECENT_EXTENSION:
        dispatcher.utter_message(
            response="utter_extension_refused_recent", granted_on=chinese_date(eligibility.last_granted_on)
        )
        # 那30号我要是还不上，还能再延一次吗: what there is instead (only "人工可以帮您看看" was said, h28a)
        if eligibility.summary is not None and not eligibility.summary.is_overdue:
            dispatcher.utter_message(
                text=wording.IF_LATE_AFTER_AN_EXTENSION, buttons=[button("转人工", "/request_human")]
            )
            return
        dispatcher.utter_message(text=wording.INSTEAD_OF_A_SECOND_EXTENSION)
    elif eligibility.reason == Refusal.TOO_LONG_OVERDUE:
        # A plan is named only to whom the terms allow one (B004, 214 days: neither).
        # What there is instead, as buttons in the same message (a line 人工可以帮您看看 came apart from it).
        plan_ok = ledger is not None and plan_eligibility(ledger, today()).eligible
        dispatcher.utter_message(
            response="utter_extension_refused_too_long",
            days_overdue=eligibility.summary.days_overdue,
            instead="可以办协商分期，或者约定一个还款日期；也可以转人工客服协商。"
            if plan_ok
            else "线上的分期也办不了，可以约定一个还款日期，或者转人工客服协商。",
            buttons=([button("协商分期", "/ask_instalment_plan")] if plan_ok else [])
            + [button("约定还款日期", "/promise_to_pay"), button("转人工", "/request_human")],
        )
        return
    elif eligibility.reason == Refusal.ACTIVE_PLAN:
        dispatcher.utter_message(response="utter_extension_refused_active_plan")
    else:
        dispatcher.utter_message(response="utter_extension_refused_nothing_overdue")
        if what_comes_due(dispatcher, eligibility.summary):
            return
    offer_human(dispatcher)


_NAMES_EXTENSION = re.compile(r"延期|展期|缓几天|往后推|往后延")


async def say_if_no_extension(dispatcher: CollectingDispatcher, text: Text, borrower_id: str) -> bool:
    """分期和延期哪个更划算 / 能分期吗？还是只能延期 (71 days): the extension named is not one they can
    have, said in a line (only the plan was quoted); True when said."""
    if not _NAMES_EXTENSION.search(text or ""):
        return False
    ledger = await current_ledger(borrower_id)
    eligibility = extension_eligibility(ledger, today(), await in_thread(loan_store().last_extension_date, borrower_id))
    if eligibility.eligible:
        return False
    dispatcher.utter_message(text=wording.no_extension_line(eligibility))
    return True


# 延期有啥条件 多久能办一次 / 什么情况下能延期: the rule asked for.
_ASKS_CONDITIONS = re.compile(r"条件|多久能办|多久一次|能办几次|几次|什么情况下|怎么才能|要求|门槛|规定")


class ActionOfferExtension(BorrowerQuestion):
    action_name = "action_offer_extension"
    reset_while_unverified = ("open_flow",)

    offered_after_rule = {
        "text": "想知道您能不能延期、延到哪天，验证身份后我可以马上告诉您。",
        "buttons": [button("验证后看我能否延期", "/ask_extension")],
    }

    def public_points(self, text: Text) -> List[Text]:
        # 延期最多能延几天 要手续费吗, before verification: the rule, then whether they can have it
        plainly = [wording.EXTENSION_PLAINLY] if term_asked_about(text) == "延期" else []
        return plainly + ([wording.EXTENSION_RULE] if asks(text) else [])

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        if term_asked_about(question_text(tracker, self.action_name)) == "延期":
            dispatcher.utter_message(text=wording.EXTENSION_PLAINLY)  # 啥叫延期: the word, first
        ours_only(dispatcher, tracker, self.action_name)
        last = await in_thread(loan_store().last_extension_date, borrower_id)
        ledger = await current_ledger(borrower_id)
        eligibility = extension_eligibility(ledger, today(), last)
        if not eligibility.eligible:
            if _ASKS_CONDITIONS.search(question_text(tracker, self.action_name)):
                # 延期有啥条件 多久能办一次: the rule, then why not now (only "不需要延期" came, h37a)
                dispatcher.utter_message(text=wording.EXTENSION_RULE)
            explain_extension_refusal(dispatcher, eligibility, ledger)
            return [SlotSet("open_flow", None)]
        events: List[EventType] = [SlotSet("open_flow", "extension")]
        answered_fee_question(question_text(tracker, self.action_name), dispatcher)  # 能晚几天还吗 延期要钱吗
        days = parse_days(question_text(tracker, self.action_name))
        if days in EXTENSION_CHOICES:
            events.append(SlotSet("extension_days", str(days)))
        else:
            dispatcher.utter_message(
                response="utter_extension_offer",
                overdue_total=yuan(eligibility.summary.total),
                buttons=EXTENSION_BUTTONS,
            )
        return events


# "延期要收手续费吗" inside the extension form: answered (PRODUCT_TERMS has no fee for it), and the
# form's question asked again — not an unusable answer.
EXTENSION_FEE_QUESTION = re.compile(r"手续费|服务费|费用|收费|收钱|要钱|额外.{0,2}钱")
EXTENSION_FEE = "延期不收手续费或其他任何费用；只是延期前已经产生的罚息仍需支付。"


def answered_fee_question(text: str, dispatcher: CollectingDispatcher) -> bool:
    if not EXTENSION_FEE_QUESTION.search(text):
        return False
    dispatcher.utter_message(text=EXTENSION_FEE)
    return True


class ValidateExtensionForm(BorrowerForm):
    needs_borrower = True

    def name(self) -> Text:
        return "validate_extension_form"

    async def validate_extension_days(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text = str(value or "")
        days = int(text) if text.isdigit() else parse_days(text)
        if days in EXTENSION_CHOICES:
            answered_fee_question(text, dispatcher)  # 30天，延期要手续费吗: both answered
            return self.good_answer({"extension_days": str(days)})
        if answered_fee_question(text, dispatcher):
            return {"extension_days": None}
        return self.bad_answer(
            dispatcher,
            tracker,
            "extension_days",
            f"延期可以选择{POLICY_FIGURES['extension_choices']}。",
            EXTENSION_BUTTONS,
        )

    async def validate_extension_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        other = changed_choice(tracker, parse_days, EXTENSION_CHOICES, "extension_days") if value == "no" else None
        if other is not None:  # "不对 还是15天吧": not a no, another choice
            return self.good_answer({"extension_days": other, "extension_confirmed": None})
        if value in ("yes", "no"):
            return self.good_answer({"extension_confirmed": value})
        days = parse_days(after_change_word(str(value or "")))  # "一周太短了 换成半个月的": the new choice
        if days in EXTENSION_CHOICES:
            if str(days) == tracker.get_slot("extension_days"):
                dispatcher.utter_message(text=f"好的，就是延期{days}天。")
            return self.good_answer({"extension_days": str(days), "extension_confirmed": None})
        if answered_fee_question(str(value or ""), dispatcher):
            return {"extension_confirmed": None}
        return self.bad_answer(
            dispatcher, tracker, "extension_confirmed", "请回复“确认”办理延期，或者“不要了”取消。", YES_NO
        )


class ActionAskExtensionConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_extension_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        borrower_id = await verified_borrower(tracker)
        days = int(tracker.get_slot("extension_days"))
        ledger = await current_ledger(borrower_id)
        summary = overdue_summary(ledger, today())
        moves = extension_moves(summary, days)
        latest = max((m.new_due for m in moves), default=today())
        beside = [d for d in dues_between(ledger, today() + timedelta(days=1), latest) if not d.plan_id]
        dispatcher.utter_message(text=wording.extension_question(days, moves, summary.total, beside), buttons=YES_NO)
        return []


class ActionSubmitExtension(ConfirmedChange):
    slots = EXTENSION_SLOTS
    confirmed_slot = "extension_confirmed"

    def name(self) -> Text:
        return "action_submit_extension"

    async def store(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: Text) -> None:
        days, day = int(tracker.get_slot("extension_days")), today()
        outcome = await in_thread(
            loan_store().grant_extension,
            borrower_id,
            days,
            day,
            f"{tracker.sender_id}:extension:{days}:{day}",
            utc_now(),
        )
        if outcome.extension is None:
            explain_extension_refusal(dispatcher, outcome.eligibility, await current_ledger(borrower_id))
            return
        dispatcher.utter_message(text=wording.extension_granted(outcome.extension))


# Promise to pay --------------------------------------------------------------------------------------


class ActionOfferPromise(BorrowerQuestion):
    action_name = "action_offer_promise"
    reset_while_unverified = ("open_flow",)

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        if follows_a_settlement_quote(tracker, question_text(tracker, self.action_name)):
            # 如果12月3号还呢, right after a settlement quote: that day's quote (h32a)
            return await ActionEarlySettlement().answer(dispatcher, tracker, borrower_id) + [SlotSet("open_flow", None)]
        ours_only(dispatcher, tracker, self.action_name)
        summary = overdue_summary(await current_ledger(borrower_id), today())
        if not summary.is_overdue:
            # 25号那期我还不上 能不能先还一半: nothing to promise yet — what comes due, and what a
            # late or partial payment would mean, with a person to talk to.
            dispatcher.utter_message(response="utter_promise_nothing_overdue")
            what_comes_due(dispatcher, summary, await extended_lately(borrower_id))
            return [SlotSet("open_flow", None)]
        events: List[EventType] = [SlotSet("open_flow", "promise")]
        asked = question_text(tracker, self.action_name)
        if asks_latest_promise_day(asked):  # 那最晚能约到哪天: said, then the promise asked for
            dispatcher.utter_message(text=wording.latest_promise_day(today()))
        running = await running_promise_amount(borrower_id)
        # (not the regex's first figure: 1635我28号拿不出来啊 只能800 is 800; 之前约了28号还800 能改成1000吗 is 1000;
        # 再加500 / 金额不变 of the promise already made)
        amount = promised_amount(
            changed_clause(asked, lambda part: promised_amount(part, running) is not None) or asked, running
        )
        amount = Decimal(str(amount)) if amount is not None else None
        if asks_for_days_off(asked) or asks_not_to_be_chased(asked):
            # 周四周五在医院 那两天能别打电话给我吗 钱我下周一就还: the promise is the answer — said (ignored)
            dispatcher.utter_message(text=wording.PROMISE_PAUSES)
        if amount is not None and means_everything(asked):
            amount = None  # 月底全部还上 7600那些: everything, to the cent (it was 7600.00), of the day below
        in_two = in_two_parts(asked, summary.total)
        if in_two is not None:
            amount, _, said = in_two
            dispatcher.utter_message(text=said)
        if amount is None:  # 全部 / 都还上 / 先还一半: of today's overdue total (or the one loan named)
            amount = share_of_total(asked, total_meant(asked, summary))
        if amount is None:  # 15号都还上 (too far), then 那下周三行吗: the amount said just before still holds
            amount = amount_of_the_promise_before(tracker, summary.total)
        if amount is not None and amount > summary.total:
            dispatcher.utter_message(text=wording.promise_capped(amount, summary.total))
            amount = summary.total
        pay_on = question_value(tracker, self.action_name, "pay_date", lambda text: parse_date(text, today()))
        pay_on = date.fromisoformat(pay_on) if isinstance(pay_on, str) else pay_on
        moved = changed_clause(asked, lambda part: parse_date(part, today()) is not None)
        if moved is not None:  # 之前约了28号还800 能改到30号吗: the day it is moved to (it was the 28th)
            pay_on = parse_date(moved, today())
        if in_two is not None and in_two[1] is not None:
            pay_on = in_two[1]
        if amount is not None:
            events.append(SlotSet("promise_amount", str(amount)))
        if pay_on is not None:
            problem = promise_problem(Decimal("1"), pay_on, today())
            if problem == PromiseProblem.TOO_FAR:
                await explain_promise_too_far(dispatcher, pay_on, borrower_id)
                return [SlotSet("open_flow", None)]
            if not problem:
                events.append(SlotSet("promise_date", pay_on.isoformat()))
        if amount is None:
            dispatcher.utter_message(response="utter_promise_overdue_total", overdue_total=yuan(summary.total))
        return events


def in_two_parts(said: Text, total: Decimal) -> Optional[Tuple[Decimal, Optional[date], Text]]:
    """A promise said in two parts, read as one (one promise at a time): (the amount, the day — None when
    only the part now has one — and what is said back). 这周五先还400 剩下的月底还清 is everything by the
    later day, the first part in it (it was everything by the Friday, h30); 明天先还500 剩下的下周五前再还1000
    is the two parts, not everything (h33a: 7642.35 was put for someone who said 1500); 今天先还800 剩下的
    30号还清 is everything (it was 800 by the 30th). None when the words are not a promise in two parts."""
    split = part_first_rest_later(said, today())
    if split is not None and (split[0] is None or split[0] < total):  # (None: 一半 first)
        rest = parse_amount(re.split(r"剩下|剩余|其余", said)[-1]) if re.search(r"剩下|剩余|其余", said) else None
        if split[0] is not None and rest is not None and split[0] + rest < total:
            return split[0] + rest, split[2], wording.two_parts_counted(split[0], split[1], rest, split[2], today())
        return total, split[2], wording.part_now_counts(split[0], split[1], today())
    now = part_now_rest_later(said)
    if now is not None and now < total:
        return total, None, wording.part_now_counts(now)
    return None


async def running_promise_amount(borrower_id: Optional[str]) -> Optional[Decimal]:
    """The amount of the borrower's promise in force (the latest), which 再加500 / 金额不变 refer to."""
    if not borrower_id:
        return None
    running = await in_thread(loan_store().running_promises, borrower_id, today())
    return running[-1].amount if running else None


def amount_of_the_promise_before(tracker: Tracker, total: Decimal) -> Optional[Decimal]:
    """The amount of the borrower's message before this one, when that message promised too and
    nothing was stored since (its date was refused): 我15号发工资都还上 → 那下周三行吗."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "promise_confirmed" and event.get("value") == "yes":
            return None
        if event.get("event") != "user":
            continue
        if not seen_latest:
            seen_latest = True
            continue
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") != "promise_to_pay":
            return None
        text = event.get("text") or ""
        amount = promised_amount(text)
        if amount is not None:
            return min(Decimal(str(amount)), total)
        return share_of_total(text, total)
    return None


async def explain_promise_too_far(dispatcher: CollectingDispatcher, pay_on: date, borrower_id: Optional[str]) -> None:
    """A date beyond the promise window: the relief this borrower can actually have, or a human."""
    options = await relief_options(borrower_id) if borrower_id else []
    names = "、".join(b["title"] for b in options)
    dispatcher.utter_message(
        response="utter_promise_too_far",
        pay_on=chinese_date(pay_on),
        max_days=PROMISE_MAX_DAYS_AHEAD,
        # (那5号周六呢: the last day it may take, said — h37b asked for it twice)
        last_day=wording.full_date(today() + timedelta(days=PROMISE_MAX_DAYS_AHEAD)),
        instead=f"如果近期确实还不上，可以看看{names}，或者转人工客服协商。"
        if names
        else "您目前不能在线办理协商分期或延期，如果近期确实还不上，可以转人工客服协商。",
        buttons=options + [button("转人工", "/request_human")],
    )


# 连这期一起 / 今天那期也算进去 / 都包括进去: the instalments falling due before the promise's day, in it.
_WITH_THE_DUES = re.compile(
    r"连[^，,。？?]{0,8}(?:一起|一块|一并)|(?:一起|也|都|一并)(?:要)?(?:算|包括|包含|加|放)(?:进去|进来|上|在里面|里面)|"
    r"(?:算上|加上|包括)(?:它|那期|这期|今天那期|今天这期|今天的)"
)


class ValidatePromiseForm(BorrowerForm):
    needs_borrower = True

    def name(self) -> Text:
        return "validate_promise_form"

    async def validate_promise_amount(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        # the amount on the table (the slot holds the words being validated until they are read: only a
        # figure counts — "都还上" there crashed the form, CI) or else the promise in force
        on_table = str(tracker.get_slot("promise_amount") or "")
        current = (
            Decimal(on_table)
            if re.fullmatch(r"\d+(?:\.\d+)?", on_table)
            else await running_promise_amount((await identify(tracker)).borrower_id)
        )
        amount = promised_amount(str(value or ""), current)
        if amount is not None and means_everything(str(value or "")) and not re.fullmatch(r"\d+\.\d{2}", str(value)):
            # 全部啊 573那些: everything, to the cent (it was 573.00) — the figure said is only how it is remembered
            amount = None
        if amount is None and (means_everything(str(value or "")) or means_half(str(value or ""))):
            borrower_id = (await identify(tracker)).borrower_id
            if borrower_id is not None:  # 全部 / 都还上 / 一半: of today's overdue total (or the one loan named)
                total = total_meant(str(value or ""), overdue_summary(await current_ledger(borrower_id), today()))
                amount = share_of_total(str(value or ""), total) or None
        if amount is not None and amount > 0:
            if re.fullmatch(r"\d+\.\d{2}", str(value)):  # set from the first message
                return self.good_answer({"promise_amount": str(amount)})
            borrower_id = (await identify(tracker)).borrower_id
            owed = overdue_summary(await current_ledger(borrower_id), today()).total if borrower_id else None
            day = tracker.get_slot("promise_date")
            by = date.fromisoformat(day) if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(day)) else None
            if owed is not None and by is not None and by > today():
                # what is overdue by the promise's day, instalments falling due before it included (8700 to
                # pay today's instalment too by 12-01 was cut to today's 7620.01, "还上就结清了逾期", h32a)
                owed = max(owed, overdue_summary(await current_ledger(borrower_id), by).total)
            else:
                by = None
            if owed is not None and amount > owed > 0:  # 八百块吧 全还了, with 573.03 overdue
                dispatcher.utter_message(text=wording.promise_capped(amount, owed, by))
                amount = owed
            found = {"promise_amount": str(amount)}
            pay_on = parse_date(str(value or ""), today())
            if pay_on is not None and not tracker.get_slot("promise_date"):
                found.update(await self.validate_promise_date(str(value), dispatcher, tracker, domain))
            return self.good_answer(found)
        pay_on = parse_date(str(value or ""), today())
        if pay_on is not None and not tracker.get_slot("promise_date"):
            # 下礼拜三 when asked how much: the day is kept, and the amount asked for again.
            found = await self.validate_promise_date(str(value), dispatcher, tracker, domain)
            if found.get("promise_date"):
                dispatcher.utter_message(
                    text=f"好的，{wording.full_date(date.fromisoformat(found['promise_date']))}。那天打算还多少钱？"
                    "例如“500元”“八百”，或者“全部”。"
                )
                return {"promise_date": found["promise_date"], "promise_amount": None}
            return {**found, "promise_amount": None}
        return self.bad_answer(
            dispatcher, tracker, "promise_amount", "请告诉我您打算还多少钱，例如“500元”“八百”，或者“全部”。"
        )

    async def validate_promise_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        try:
            pay_on = date.fromisoformat(str(value))  # set from the first message
        except ValueError:
            pay_on = parse_date(str(value or ""), today())
        problem = promise_problem(Decimal("1"), pay_on, today()) if pay_on else PromiseProblem.NO_DATE
        if not problem:
            return self.good_answer({"promise_date": pay_on.isoformat()})
        if problem == PromiseProblem.TOO_FAR:
            await explain_promise_too_far(dispatcher, pay_on, (await identify(tracker)).borrower_id)
            return {"promise_date": None, "form_stopped": True}
        explanation = "这个日期已经过去了，" if problem == PromiseProblem.PAST else ""
        return self.bad_answer(
            dispatcher,
            tracker,
            "promise_date",
            f"{explanation}请告诉我哪天还，需要在今天起{PROMISE_MAX_DAYS_AHEAD}天以内，例如“明天”“下周五”“月底”或“15号”。",
        )

    async def validate_promise_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text = typed(tracker)
        borrower_id = await verified_borrower(tracker)
        if borrower_id and asks_if_a_due_is_included(text) and after_change_word(text) == text:
            # 28号不是还有一期要到期吗 这个数包括它没: what the amount holds, and what falls due before the day
            # apart from it — nothing changed (the 28th became the promise's day, h30a)
            ledger = await current_ledger(borrower_id)
            pay_on = date.fromisoformat(tracker.get_slot("promise_date"))
            dues = dues_between(ledger, today(), pay_on)  # (today's own, not yet overdue, too: h36b)
            dispatcher.utter_message(
                text=wording.promise_holds(Decimal(tracker.get_slot("promise_amount")), pay_on, dues)
            )
            return {"promise_confirmed": None}
        if asks_if_chased_meanwhile(text):
            # 27号我先还了3000以后，到3号之前你们还会打电话催我吗: no — answered, the promise put stays (the 3000 and
            # the 27th were put in its place, h37b)
            dispatcher.utter_message(text=wording.PROMISE_PAUSES)
            return {"promise_confirmed": None}
        if asks_latest_promise_day(text):  # 最晚能约到哪天: said; the day put stays until another is named
            dispatcher.utter_message(text=wording.latest_promise_day(today()))
            return {"promise_confirmed": None}
        changed = await self.changed_promise(dispatcher, tracker, domain)
        if changed is not None:  # 等等 还是下礼拜五吧 / 不对 先还300: asked again with the new figures
            return changed
        if value in ("yes", "no"):
            return self.good_answer({"promise_confirmed": value})
        return self.bad_answer(
            dispatcher, tracker, "promise_confirmed", "请回复“确认”登记这个还款承诺，或者“不要了”取消。", YES_NO
        )

    async def changed_promise(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Optional[Dict[Text, Any]]:
        """Another date or amount named at the confirmation, read as the form reads a first answer
        (a date too far or already past is explained there); None when the words change nothing."""
        said = typed(tracker)
        if _WHAT_REPLACING_MEANS.search(to_simplified(said)):
            # 替换掉是啥意思 今天说好还的那一半就不算了？: answered (asked to confirm again, unanswered, h32a)
            dispatcher.utter_message(text=REPLACING_MEANS)
            return {"promise_confirmed": None}
        if keeps_the_one_before(said):
            # 算了 不改了，还是按原来12月1号那个来: the promise already made stays (3000 on 12-01 was put, to
            # replace it, h32a)
            return self.good_answer({"promise_confirmed": "no"})
        if after_change_word(said) == said and (cancels_first(said) or asks_not_proposes(said)):
            # 不要了，那样27号的就没了 / 那就不改了，保留12月2号那个: a no, its reason naming a day (a new promise for
            # that day was put, h31a); 确认，那周日那两千要单独登记吗: a question about a figure, not a new one
            return None
        borrower_id = await verified_borrower(tracker)
        if borrower_id and _WITH_THE_DUES.search(said):
            pay_on = date.fromisoformat(tracker.get_slot("promise_date"))
            ledger = await current_ledger(borrower_id)
            named = parse_amount(after_change_word(said))
            after = [
                d
                for d in dues_between(ledger, pay_on + timedelta(days=1), pay_on + timedelta(days=62))
                if d.due_date in days_named(said) or (named is not None and d.amount == named)
            ]
            if after:
                # 我说了12月10号那期1100.16也要加进去, promising by 12-04: it falls due after — said, the promise
                # put stays (1100.16 was put in its place, h37b)
                dispatcher.utter_message(text=wording.due_after_the_promise(after[0], pay_on))
                return {"promise_confirmed": None}
        if borrower_id and _WITH_THE_DUES.search(said) and parse_amount(after_change_word(said)) is None:
            # 连这期一起 / 今天那期也算进去: everything overdue on the promise's day, the instalments falling due
            # before it included
            pay_on = date.fromisoformat(tracker.get_slot("promise_date"))
            everything = overdue_summary(await current_ledger(borrower_id), pay_on).total
            if str(everything) != tracker.get_slot("promise_amount"):
                return self.good_answer({"promise_amount": str(everything), "promise_confirmed": None})
        in_two = (
            in_two_parts(said, overdue_summary(await current_ledger(borrower_id), today()).total)
            if borrower_id
            else None
        )
        if in_two is not None:
            # 下礼拜五先还一千 剩下的月底还清, said again at the confirmation: read as the first message reads
            # it (everything was put by the Friday)
            amount, day, told = in_two
            found: Dict[Text, Any] = {}
            if day is not None and day.isoformat() != tracker.get_slot("promise_date"):
                found = await self.validate_promise_date(day.isoformat(), dispatcher, tracker, domain)
                if found.get("form_stopped"):
                    return found
            dispatcher.utter_message(text=told)
            found.pop("form_bad_answers", None)
            return self.good_answer(dict(found, promise_amount=str(amount), promise_confirmed=None))
        words = after_change_word(said)
        found = {}
        # 那改下周五吧，金额也改成1000: each change in its own clause (the date was lost to the amount's)
        # (把今天这期一起还了: an instalment named by its day, not the promise's day — it became today, h32a)
        unnamed = _AN_INSTALMENT_BY_DAY.sub("这期", typed(tracker))
        day_words = changed_clause(unnamed, lambda part: parse_date(part, today()) is not None) or (
            _AN_INSTALMENT_BY_DAY.sub("这期", words)
        )
        pay_on = parse_date(day_words, today())
        if pay_on is not None and pay_on.isoformat() != tracker.get_slot("promise_date"):
            found.update(await self.validate_promise_date(day_words, dispatcher, tracker, domain))
        # 改一下 改成3000 日子还是月底: the amount of its own clause (the date's 还是 took the words)
        words = changed_clause(typed(tracker), lambda part: parse_amount(part) is not None) or words
        named = parse_amount(words) is not None or means_everything(words) or means_half(words)
        if named and "form_stopped" not in found:
            amount = await self.validate_promise_amount(words, dispatcher, tracker, domain)
            if amount.get("promise_amount") not in (None, tracker.get_slot("promise_amount")):
                found["promise_amount"] = amount["promise_amount"]
        found.pop("form_bad_answers", None)
        return self.good_answer(dict(found, promise_confirmed=None)) if found else None


def _said_for_this_promise(tracker: Tracker, pay_on: date) -> bool:
    """What the promise's amount leaves out was said already, for this day, since the promise was offered
    (asked to confirm again, it came twice, h36b)."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == "action_offer_promise":
            return False
        text = str(event.get("text") or "") if event.get("event") == "bot" else ""
        if text.startswith(wording.LEAVES_OUT) and chinese_date(pay_on) in text:
            return True
    return False


class ActionAskPromiseConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_promise_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        borrower_id = await verified_borrower(tracker)
        day = today()
        running = [
            p
            for p in (await in_thread(loan_store().promises, borrower_id) if borrower_id else [])
            if p.status == "open" and p.pay_on >= day
        ]
        amount, pay_on = (
            Decimal(tracker.get_slot("promise_amount")),
            date.fromisoformat(tracker.get_slot("promise_date")),
        )
        events: List[EventType] = []
        if borrower_id:
            ledger = await current_ledger(borrower_id)
            now, then = overdue_summary(ledger, day).total, overdue_on(ledger, day, pay_on)
            everything = overdue_summary(ledger, pay_on).total if pay_on > day else then
            if amount >= now > 0 and amount not in (then, everything):
                # all of it (today's, or another day's before the date moved) — 下个月1号全部还上: all of it on
                # that day is more than today's total (penalty goes on)
                dispatcher.utter_message(text=wording.everything_on_that_day(now, then, pay_on))
                amount = then
                events.append(SlotSet("promise_amount", str(then)))
            dues = dues_between(ledger, day, pay_on) if pay_on > day else []
            if amount == then and dues and everything > then and not _said_for_this_promise(tracker, pay_on):
                # 下周五全部还上, with today's instalment due: not in it — said, and how to have it in (h36b)
                dispatcher.utter_message(text=wording.promise_leaves_out(dues, pay_on, everything))
        dispatcher.utter_message(
            response="utter_ask_promise_confirmed",
            amount=yuan(amount),
            pay_on=wording.full_date(pay_on),
            change=f"登记后会替换您之前的承诺 {'、'.join(p.id for p in running)}。" if running else "",
            buttons=YES_NO,
        )
        return events


class ActionSubmitPromise(ConfirmedChange):
    slots = PROMISE_SLOTS
    confirmed_slot = "promise_confirmed"

    def name(self) -> Text:
        return "action_submit_promise"

    async def store(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: Text) -> None:
        amount = Decimal(tracker.get_slot("promise_amount"))
        pay_on, day = date.fromisoformat(tracker.get_slot("promise_date")), today()
        outcome = await in_thread(
            loan_store().record_promise,
            borrower_id,
            amount,
            pay_on,
            day,
            f"{tracker.sender_id}:promise:{amount}:{pay_on}:{day}",
            utc_now(),
        )
        if outcome.promise is None:
            dispatcher.utter_message(response="utter_promise_not_stored")
            return
        dispatcher.utter_message(
            response="utter_promise_recorded",
            promise_id=outcome.promise.id,
            amount=yuan(outcome.promise.amount),
            pay_on=wording.full_date(outcome.promise.pay_on),
        )
        if outcome.replaced:
            dispatcher.utter_message(text=wording.promises_replaced(outcome.replaced))
