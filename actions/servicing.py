"""Everyday loan servicing (issue #17): the early settlement quote, the payments received, what
became of what was agreed or filed, and the official route for what the assistant does not do."""

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import wording
from actions.forms import button
from actions.identity import BorrowerQuestion, identify, previous_bot_action, question_text
from actions.overdue import (
    INSTALMENT_NUMBER,
    UNOFFICIAL_WAY,
    days_named,
    later_day_named,
)
from actions.store_access import in_thread, loan_store
from documents import lender_name
from nlu.signals import (
    asks_about_a_credit_card,
    asks_about_a_lost_phone,
    asks_about_a_missed_plan_payment,
    asks_about_double_charge,
    asks_if_part_payment_allowed,
    asks_settlement_discount,
    asks_to_add_contact,
    asks_to_change_phone,
    cannot_operate,
    channel_asked,
    days_since_told_payment,
    fears_retaliation,
    forgot_the_password,
    other_lenders_in,
    paid_an_unofficial_way,
    pays_another_way,
    pays_with_anothers_card,
    says_already_paid,
    says_app_fails,
    says_card_changed,
    says_charged_twice,
    says_contacted_despite_promise,
    says_debit_failed,
    undoes_an_arrangement,
    wants_the_app,
)
from parsing.script import to_simplified
from parsing.values import amount_said_paid, arabic_numerals, loans_named_by_principal, parse_amount, payments_period
from rules.calendar import chinese_date, today
from rules.figures import POLICY_FIGURES
from rules.money import ZERO, yuan
from rules.overdue import NextDue, dues_between, first_due_per_source, overdue_on, overdue_summary
from rules.payments import POSTING_NOTE, payments_received
from rules.settlement import NotQuoted, settlement

HUMAN_BUTTON = button("转人工", "/request_human")


# 还931.77就结清了对吧 / 是不是还2703.5就行: a figure of their own, asked to be confirmed.
CHECKS_A_FIGURE = re.compile(r"对吧|对不对|是吗|是不是|没错吧|就行|就够|就可以|就结清|就还清|就完了")


# 我12月5号那期能不能提前还 / 第9期可以先还吗: one instalment before its day, not the whole loan.
ONE_INSTALMENT = re.compile(
    rf"(?:\d{{1,2}}\s*[号日]|\d{{1,2}}\s*月份?(?=的|那)|{INSTALMENT_NUMBER})(?:的|那)?(?:一)?(?:期|笔)?[^，。？?]{{0,6}}"
    r"(?:提前还|先还|早点还|提早还|提前付|提前交)|"
    # 就只还12月那一期: the verb first (h36a: the whole settlement, twice)
    rf"(?:只还|先还|提前还|单独还)[^，。？?]{{0,4}}(?:\d{{1,2}}\s*[号日]|\d{{1,2}}\s*月份?|{INSTALMENT_NUMBER})(?:的|那)?(?:一)?(?:期|笔)"
)
WHOLE_LOAN = re.compile(r"结清|全部|一次性|所有|都还|全还|整笔")
# 不是全部结清: the whole loan declined, not asked
_NOT_WHOLE = re.compile(r"不是[^，,。？?]{0,6}|不要[^，,。？?]{0,6}|不用[^，,。？?]{0,6}|不想[^，,。？?]{0,6}")
_MONTH_OF_AN_INSTALMENT = re.compile(r"(?<![\d.])(\d{1,2})\s*月份?(?!\s*\d{1,2}\s*[号日])")
_SEQ = re.compile(INSTALMENT_NUMBER)


# 把逾期的全还了 / 逾期那部分: what is overdue only, not the whole loan.
OVERDUE_ONLY = re.compile(r"逾期(?:的|那部分|部分|那些|那几期)")


NO_SETTLEMENT_DISCOUNT = (
    "结清金额不能在线打折或减免；能省的是：提前结清不收手续费，以后各期的利息不再收取，越早结清罚息也越少。"
    "想商量减免，可以转人工。"
)


class ActionEarlySettlement(BorrowerQuestion):
    action_name = "action_early_settlement"
    numbers_name_a_loan = True
    public_answer = "utter_early_settlement_rule"
    own_figures_offer = {
        "text": "想知道您今天一次结清需要多少，验证身份后我可以马上算给您。",
        "buttons": [{"title": "验证后看我的结清金额", "payload": "/ask_early_settlement"}],
    }

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        lenders = other_lenders_in(question_text(tracker, self.action_name))
        if lenders:
            # 我想把借呗的钱提前还掉，今天一次结清要多少: our quote came alone, as if 借呗 were ours
            dispatcher.utter_message(
                text=f"{'、'.join(lenders)}不是我们的产品，那边的结清金额我们查不到，需要联系它们的官方客服。"
                "下面是您在我们这里的借款："
            )
        if asks_settlement_discount(question_text(tracker, self.action_name)):
            # 结清能便宜点吗: said before the quote (the quote alone, or nothing, came back)
            dispatcher.utter_message(text=NO_SETTLEMENT_DISCOUNT)
        ledger = await in_thread(loan_store().ledger, borrower_id)
        if not ledger or not ledger.loans:
            dispatcher.utter_message(response="utter_no_loans")
            return []
        text = question_text(tracker, self.action_name)
        early = one_instalment(ledger, to_simplified(text))
        if early:
            dispatcher.utter_message(
                text=wording.one_instalment_early(early, overdue_summary(ledger, today()).total),
                buttons=[HUMAN_BUTTON],
            )
            return []
        day = later_day_named(text)
        if day is not None and OVERDUE_ONLY.search(to_simplified(text)):
            # 下周五一次性把逾期的全还了要还多少: what is overdue, counted to that day (not a settlement)
            summary = overdue_summary(ledger, today())
            if summary.is_overdue:
                dispatcher.utter_message(
                    text=wording.total_on_day(summary.total, overdue_on(ledger, today(), day), day)
                )
                return []
        # 下周五（11月27号）把贷款一次性结清 那天要准备多少钱: that day's settlement (it was today's)
        result = settlement(ledger, day or today())
        named = parse_amount(text) if CHECKS_A_FIGURE.search(to_simplified(text)) else None
        if named is not None:  # 我一次还931.77就结清了对吧: yes or no, before the quote
            dispatcher.utter_message(text=wording.settle_verdict(named, result))
        by_principal = loans_named_by_principal(text, ledger.loans)
        one = [
            loan
            for loan in result.quoted
            if loan.loan_id in to_simplified(text).upper() or loan.loan_id in by_principal
        ]
        if len(one) == 1 and len(result.loans) > 1:  # 只结清L5001那笔可以吗: yes, that loan alone
            dispatcher.utter_message(
                text=f"可以，每笔借款都可以单独提前结清：只结清借款 {one[0].loan_id}，"
                f"{'那天' if day else '今天'}要还 {yuan(one[0].total)} 元。"
            )
            if by_principal:  # 我只想把6000块那笔提前结清: that loan's quote, not both (h30a)
                result = replace(result, loans=tuple(one), plans=())
        under_plan = result.plans or any(loan.not_quoted is NotQuoted.UNDER_PLAN for loan in result.loans)
        dispatcher.utter_message(
            text=wording.settlement_answer(result, day), buttons=[HUMAN_BUTTON] if under_plan else []
        )
        return []


def follows_a_settlement_quote(tracker: Tracker, text: str) -> bool:
    """如果12月3号还呢 / 到时候月底弄 那会儿多少 / 明天具体多少, right after a settlement quote: that day's
    quote asked (it got the promise's "no promise needed", or "暂时处理不了", h32a)."""
    return (
        previous_bot_action(tracker) == ActionEarlySettlement.action_name
        and later_day_named(text) is not None
        and not re.search(r"承诺|登记|约定", text)
    )


def one_instalment(ledger, text: str) -> List[NextDue]:
    """The instalments not yet due that a question about paying one of them early names (by its day
    or its number), or none: the question is then about the whole loan."""
    if not ONE_INSTALMENT.search(text) or WHOLE_LOAN.search(_NOT_WHOLE.sub("", text)):
        return []
    ahead = dues_between(ledger, today(), today() + timedelta(days=400))
    named = _SEQ.search(text)
    if named:
        seq = arabic_numerals(named.group(1))
        return [d for d in ahead if str(d.seq) == seq]
    month = _MONTH_OF_AN_INSTALMENT.search(arabic_numerals(text))
    if month:  # 12月那期: the instalments due that month (the first month of that number ahead)
        wanted = int(month.group(1))
        months = [d for d in ahead if d.due_date.month == wanted]
        return [d for d in months if (d.due_date.year, d.due_date.month) == (months[0].due_date.year, wanted)]
    days = days_named(text)
    return [d for d in ahead if d.due_date in days]


class ActionPaymentHistory(BorrowerQuestion):
    action_name = "action_payment_history"
    numbers_name_a_loan = True
    counts_left = True

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        ledger = await in_thread(loan_store().ledger, borrower_id)
        if not ledger or not ledger.loans:
            dispatcher.utter_message(response="utter_no_loans")
            return []
        asked = question_text(tracker, self.action_name)
        period = payments_period(asked, today())
        if period is not None:  # 上个月我还了多少: that month's (every payment ever was listed)
            dispatcher.utter_message(text=wording.payments_in_period(*period, payments_received(ledger)))
        else:
            dispatcher.utter_message(text=wording.payment_history(payments_received(ledger)))
        if says_charged_twice(asked):
            # 11月5号那期你们从我卡里扣了两次710.79！！多扣的钱什么时候退: what came, and a person to check (the
            # list alone came, h36a)
            dispatcher.utter_message(
                text=charged_twice_answer(asked, payments_received(ledger)), buttons=[HUMAN_BUTTON]
            )
        elif says_already_paid(asked):
            # 我昨天晚上用支付宝转了1000块给你们 到了没 / 前天转了260块进去 收到没有: whether it came, in so many
            # words (the list alone came, and "not received" was never said, h31a)
            await say_whether_it_came(dispatcher, asked, payments_received(ledger))
        summary = overdue_summary(ledger, today())
        remaining = settlement(ledger, today())
        left = [f"目前逾期应还 {yuan(summary.total)} 元" if summary.is_overdue else "目前没有逾期"]
        future = sum((loan.future_principal for loan in remaining.quoted), ZERO)
        if future > 0:
            left.append(f"未到期的本金还有 {yuan(future)} 元，按各期还款日还")
        left += [
            f"协商分期 {p.plan_id} 还有 {p.instalments_left} 期未还，共 {yuan(p.amount_left)} 元"
            for p in remaining.plans
        ]
        dispatcher.utter_message(
            text="还剩：" + "；".join(left) + "。说“欠多少”可以看逾期明细，说“提前结清”可以看今天一次还清要多少。"
        )
        return []


def charged_twice_answer(asked: str, received) -> str:
    """扣了两次710.79 多扣的钱什么时候退: what the ledger received of that amount — a second debit the
    ledger does not have was not received by us — and a person to check the bank's record."""
    amount = amount_said_paid(asked) or parse_amount(asked)
    same = [p for p in received if amount is not None and p.amount == amount]
    if amount is not None and same:
        head = (
            f"我们的账上，{yuan(amount)} 元的还款收到 {len(same)} 笔："
            + "、".join(chinese_date(p.paid_on) for p in same)
            + "。"
        )
    elif amount is not None:
        head = f"我们的账上没有收到 {yuan(amount)} 元的还款。"
    else:
        head = "我们的账上每笔还款都列在上面。"
    offset = (
        "多的那笔能不能抵下一期，要人工核实到账后按您的意思处理（抵下一期或者退回），这里不能直接划转。"
        if re.search(r"抵|顶|算到|算作|当作|留着", asked)
        else ""
    )
    return (
        head + "如果您的银行卡显示扣了两次，而我们账上只有一笔，多出来的那笔没有到我们这里，可能是银行那边还在处理；"
        "请保留银行的扣款记录（截图或流水），转人工为您核查，核实是多扣的会按原路给您处理，不需要您再付任何费用。"
        + offset
    )


async def say_whether_it_came(dispatcher: CollectingDispatcher, asked: str, received) -> None:
    """A payment told of, against what the ledger received: the amount not there, or nothing since the
    day told; the unofficial way warned of; a person offered to check."""
    differs = wording.claimed_against_received(amount_said_paid(asked), received)
    ago = days_since_told_payment(asked)
    told_day = today() - timedelta(days=ago) if ago is not None else None
    if differs is None and told_day is not None and not any(p.paid_on >= told_day for p in received):
        differs = f"您说的{chinese_date(told_day)}那笔还款，我们的账上还没有看到。"
    if paid_an_unofficial_way(asked):
        dispatcher.utter_message(text=UNOFFICIAL_WAY)
    if differs:
        dispatcher.utter_message(text=differs + POSTING_NOTE, buttons=[HUMAN_BUTTON])


NO_RETALIATION = (
    "不会。投诉是您的权利，投诉不会影响您的借款处理，已经办好的延期、分期或还款承诺也照样有效，任何人都不得因为投诉为难或报复您；"
    "如果有人这样做，这本身就可以再投诉，"
    "也可以向金融消费者投诉热线12378反映。"
)


CANCELS_A_PROMISE = re.compile(
    r"(?:取消|撤销|撤回|作废|不算了|不要了)[^，,。？?]{0,6}承诺|承诺[^，,。？?]{0,8}(?:取消|撤销|撤回|作废|不算了|不要了)"
)
PROMISE_NOT_CANCELLED = (
    "已经登记的还款承诺不用取消，这里也取消不了：到期没还上，不会因为承诺另外收费，只是逾期和罚息照常计算，暂停的联系会恢复。"
    "如果那天确实还不上，可以现在登记一个14天以内的新日期（新的会替换原来的），或者说“协商分期”“转人工”商量。"
)


class ActionFollowup(BorrowerQuestion):
    action_name = "action_followup"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        kept = refusal_kept_here(tracker)
        if kept and not (await identify(tracker)).borrower_id:
            # 真的登记上了吗 给个凭证号, after "别再打给我" was kept: yes, and how it stands (it got the
            # generic "告诉我打给您的手机号…", as if nothing had been kept, h26a)
            dispatcher.utter_message(text=REFUSAL_STANDS.format(masked=kept))
            return [SlotSet("needs_verification", False)]
        return await super().run(dispatcher, tracker, domain)

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        store, day = loan_store(), today()
        if CANCELS_A_PROMISE.search(question_text(tracker, self.action_name)):
            # 我之前那个25号的承诺能取消吗 这周发不了工资了: what a promise not kept means, and what can be done
            # instead (a list came, then "没太明白", h33a)
            dispatcher.utter_message(
                text=PROMISE_NOT_CANCELLED,
                buttons=[button("协商分期", "/ask_instalment_plan"), button("转人工", "/request_human")],
            )
            return []
        running = await in_thread(store.running_promises, borrower_id, day)
        if running and says_contacted_despite_promise(question_text(tracker, self.action_name)):
            # 我不是已经登记了27号还款吗 怎么今天还有催收打电话过来: the rule, and our log since the promise (only
            # the list of what stands came, h36a)
            log = await in_thread(store.contact_log, borrower_id)
            dispatcher.utter_message(
                text=wording.contacts_since_promise(running[-1], log),
                buttons=[button("登记投诉", "/report_improper_collection"), button("转人工", "/request_human")],
            )
            return []
        active = [p.id for p in await in_thread(store.plans, borrower_id) if p.status == "active"]
        if active and asks_about_double_charge(question_text(tracker, self.action_name)):
            # 我不是办了分期吗 怎么25号还要还916.8 是不是重复扣了: the loan's own instalment, explained
            summary = overdue_summary(await in_thread(store.ledger, borrower_id), day)
            dispatcher.utter_message(
                text=wording.plan_and_loan_both_due(active)
                + "\n"
                + wording.next_due_block("", first_due_per_source(summary)).lstrip("\n")
            )
            return []
        if fears_retaliation(question_text(tracker, self.action_name)):
            dispatcher.utter_message(text=NO_RETALIATION)  # 你们会不会报复我: no, and where to go if so
        complaints = await in_thread(store.complaints, borrower_id)
        handoffs = await in_thread(store.handoffs_of, borrower_id)
        plans = await in_thread(store.plans, borrower_id)
        extensions = await in_thread(store.extensions, borrower_id)
        promises = await in_thread(store.promises, borrower_id)
        ledger = await in_thread(store.ledger, borrower_id)
        lines: List[str] = []
        lines += [wording.complaint_status_line(c) for c in complaints]
        lines += [wording.handoff_status_line(h) for h in handoffs]
        # 我刚才都改了些啥: the contact settings changed from the defaults too (they were never said, h26a)
        changed = wording.settings_changed(
            await in_thread(store.preferences, borrower_id), await in_thread(store.emergency_contacts, borrower_id)
        )
        lines += [changed] if changed else []
        plan_rows = {p.id: p for p in (ledger.plans if ledger else ())}
        for plan in plans:
            if plan.status == "active":
                row = plan_rows.get(plan.id)
                lines.append(wording.plan_status_line(plan, row))
        lines += [wording.extension_status_line(e) for e in extensions]
        paid = payments_received(ledger) if ledger else []
        for promise in promises:
            received = sum((p.amount for p in paid if promise.promised_on <= p.paid_on <= promise.pay_on), ZERO)
            later = [e for e in extensions if e.granted_on >= promise.promised_on]
            lines.append(
                wording.promise_status_line(promise, received >= promise.amount, day, later[-1] if later else None)
            )
        if _AN_AGREEMENT_TOLD.search(question_text(tracker, self.action_name)) and not (
            promises or plans or extensions
        ):
            # 电话里跟客服说好了25号先还1000 算不算数, with no arrangement ever made: said so, and how to make
            # one (h25a: it got only "nothing in progress", then a promise put to confirm, unanswered)
            if lines:
                dispatcher.utter_message(text="\n".join(["您在我们这里办理或提交过的事项："] + lines))
            dispatcher.utter_message(
                text=NO_PROMISE_ON_FILE, buttons=[{"title": "登记还款承诺", "payload": "/promise_to_pay"}]
            )
            return []
        if not lines:
            dispatcher.utter_message(response="utter_nothing_to_follow_up")
            return []
        dispatcher.utter_message(text="\n".join(["您在我们这里办理或提交过的事项："] + lines))
        return []


def refusal_kept_here(tracker: Tracker) -> Optional[Text]:
    """The masked number kept as "do not contact" in this conversation, if one was."""
    for event in reversed(tracker.events):
        metadata = event.get("metadata") or {} if event.get("event") == "bot" else {}
        if metadata.get("utter_action") == "utter_refusal_kept":
            return metadata.get("masked_phone") or None
    return None


REFUSAL_STANDS = (
    "登记上了：{masked} 已经在“不再联系”的名单里，从登记那一刻起生效，我们不会再因为别人的借款给这个号码打电话或发短信。"
    "这个登记没有单独的凭证号；之后如果还接到自称我们的电话，可以在这里说“投诉”登记，或者转人工核查。"
)
_AN_AGREEMENT_TOLD = re.compile(r"说好了?|说定了?|约了|约好|约的|答应了?|答应的|讲好了?")
NO_PROMISE_ON_FILE = (
    "系统里没有登记过您说的这个还款约定，您在我们这里没有还款承诺、分期或延期的记录。电话里口头说好、没有登记下来的，不会让逾期的联系停下；"
    "您可以现在在这里登记，比如说“25号还1000”，登记后到约定的日期之前，我们不会为逾期联系您和您的紧急联系人。"
)


# What the assistant does not do: the official route, in one sentence.
ROUTES = (
    (  # 刚办的那个分期我后悔了 能取消吗: the arrangement, not the loan (it was told about cancelling a loan)
        "cancel_arrangement",
        r"(?:分期|延期|承诺|方案)[^，。？?]{0,10}(?:取消|撤销|撤回|后悔|不要了|作废|退掉|反悔)|"
        r"(?:取消|撤销|撤回|作废|退掉)[^，。？?]{0,6}(?:分期|延期|承诺|方案)",
        "utter_route_cancel_arrangement",
    ),
    ("card", r"换卡|换.{0,4}卡|改.{0,4}卡|还款卡|扣款卡|绑.{0,2}卡|银行卡.{0,6}(换|改|变)", "utter_route_change_card"),
    (
        "cancel",
        r"取消|撤销|撤回|退回|不想借了|不要了.{0,4}(借|贷)|后悔|退款|刚借|刚下款|刚申请",
        "utter_route_cancel_loan",
    ),
    ("limit", r"额度|提额|涨额|提高.{0,4}(额|度)|加额", "utter_route_limit"),
    ("new_loan", r"借|贷|下款|申请", "utter_route_new_loan"),
)


def route_of(text: Text) -> Text:
    if undoes_an_arrangement(text):  # 刚才那个撤销: the arrangement just made, not the loan
        return "utter_route_cancel_arrangement"
    for _, pattern, response in ROUTES:
        if re.search(pattern, text or ""):
            return response
    return "utter_route_other_services"


# 新增紧急联系人怎么弄: not done here; what is (withdrawing one).
ADD_CONTACT = (
    "新增、更换紧急联系人或恢复已撤回的授权，这里不能办理：需要转人工，由客服核实后办理。这里可以撤回已授权联系人的授权，"
    "或者设置我们联系您本人的时段和方式。"
)
CHANGE_PHONE = (
    "登记的手机号这里不能修改：请在App“我的—账户与安全”里更换，旧号码已经停用、收不到验证码的，可以转人工，"
    "由客服用其他方式核实身份后办理。换号后，提醒和验证码都会发到新号码。"
)

# 我丢了手机 能先冻结吗: what to do first, and that the account's safety is a person's to handle here
# (nothing in PRODUCT_TERMS freezes an account from the chat).
LOST_PHONE = (
    "手机丢了，先做这两件事：1. 打运营商客服电话挂失手机卡（补卡后号码不变），这样别人收不到发给这个号码的验证码；"
    "2. 转人工，由人工客服用其他方式核实您的身份后处理账户安全的事。"
    "这里不能冻结账户。手机丢失期间借款照常计算，到期日和罚息都不变；补好卡后随时可以在这里查询和办理。"
)


# 分期中间有一个月没还上 分期会作废吗: not in the product's terms — said so, and who can answer.
MISSED_PLAN_PAYMENT = (
    "分期期间如果有一期没按时还上，会怎么处理（例如方案是否失效、是否重新计罚息），我们的产品规则里没有写明，"
    "我不能替公司给您答复，可以转人工确认。为了不错过，可以开启还款日前的提醒；预计还不上时，越早联系我们越好。"
)


class ActionOtherService(Action):
    def name(self) -> Text:
        return "action_other_service"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if asks_about_a_lost_phone(text):  # 我丢了手机 能先冻结吗: it got the data-retention answer
            dispatcher.utter_message(text=LOST_PHONE, buttons=[button("转人工", "/request_human")])
            return []
        if asks_to_change_phone(text):  # 换手机号怎么弄: not here — where, and a person
            dispatcher.utter_message(text=CHANGE_PHONE, buttons=[button("转人工", "/request_human")])
            return []
        if asks_to_add_contact(text):  # 能不能加个我弟 张伟 139…: it was read as asking about his loan
            dispatcher.utter_message(text=ADD_CONTACT, buttons=[button("转人工", "/request_human")])
            return []
        if asks_about_a_missed_plan_payment(text):  # it was told a plan cannot be undone online
            dispatcher.utter_message(
                text=MISSED_PLAN_PAYMENT,
                buttons=[button("开启提醒", "/ask_prevention_tips"), button("转人工", "/request_human")],
            )
            return []
        if pays_with_anothers_card(text):  # 能绑我老婆的卡吗: whose card, not how to change one's own
            dispatcher.utter_message(text=ANOTHERS_CARD, buttons=[button("转人工", "/request_human")])
            return []
        dispatcher.utter_message(response=route_of(text))
        return []


# 扣款failed了三次 我卡里明明有钱: why a debit fails, paying by hand now, and a person to check it.
_DEBIT_CAUSES = "自动扣款失败，常见原因是扣款那一刻卡里余额不够、超过了银行卡的单笔或单日限额、卡片状态异常，或者换过卡还没在App里更新。"
_DEBIT_CHECKED = "如果确认扣款时余额充足还是失败，可以转人工核查扣款记录。"
DEBIT_FAILED = (
    _DEBIT_CAUSES
    + "在还款日当天结束前，在App里点“立即还款”手动还上，就不算逾期、也没有罚息；已经过了还款日的，尽早还上可以少产生罚息。"
    + _DEBIT_CHECKED
)
# The same, to a borrower with nothing overdue (it told her "为了不再产生罚息", h26b).
DEBIT_FAILED_NOTHING_LATE = (
    _DEBIT_CAUSES
    + "您目前没有逾期：在还款日当天结束前，在App里点“立即还款”手动还上，就不算逾期、也不会有罚息。"
    + _DEBIT_CHECKED
)


# 能不能用微信转给你们客服 我app打不开: never to a person; the website or a person when the app fails.
FORGOT_PASSWORD = (
    "密码忘了、App删了都能解决：App请在手机自带的应用商店重新下载（不要点别人发来的下载链接），登录页按提示找回密码；"
    "自己弄不好的话，说“转人工”，客服帮您处理。我们不会给您一个卡号让您转账。"
)
NOT_BY_TRANSFER = (
    "请不要通过微信、支付宝或银行转账把钱转给任何人，包括自称我们客服或催收的人：这样的钱不会记到您的借款上。"
    "App打不开的话，可以在我们官网“我的借款”里还款，或者说“转人工”，客服帮您看看App的问题、告诉您其他官方还款方式。"
)


# 支付宝能还不: the way named, answered first and alone (it got the whole channels paragraph).
CHANNEL_NOT_OURS = "不能用{channel}还。还款只在我们的App或官网“我的借款”里点“立即还款”，用绑定的银行卡付；还款日卡里余额够也会自动扣款。"
NEVER_HANDED = {
    "现金": "也请不要把现金交给任何人，包括自称我们工作人员的人：这样的钱记不到您的借款上。",
    "柜台": "我们没有线下柜台收款，也请不要把现金交给任何人：这样的钱记不到您的借款上。",
    "银行柜台": "在银行柜台转账也记不到您的借款上，请不要把钱转给任何账户或个人。",
}
NEVER_TRANSFERRED = "请不要用{channel}把钱转给任何人，包括自称我们工作人员的人：这样的钱记不到您的借款上。"


CARD_CHANGED = (
    "自动扣款只从App里设为还款卡的那张卡扣。换了卡，请在还款日之前到App“我的—银行卡”里绑定新卡并设为还款卡；"
    "旧卡注销了还没换绑的，那天会扣款失败。扣款失败也不要紧：在还款日当天结束前，在App里点“立即还款”用新卡手动还上，"
    "就不算逾期、没有罚息。"
)
# 能不能用我老公的卡还: plainly (it got the channels paragraph); whose card may be bound is not in our
# terms, so the safe way and where to ask.
ANOTHERS_CARD = (
    "还款是在我们的App或官网“我的借款”里点“立即还款”，用您绑定的银行卡付。想用家人的钱还，最稳妥的是家人先把钱转到您自己的卡上，"
    "再由您在App里还；能不能把别人名下的卡绑成还款卡，以App绑卡页面的提示为准，也可以转人工问。"
    "请不要把钱转给任何个人账户，包括自称我们工作人员的人：这样的钱记不到您的借款上。"
)


PART_PAYMENT_ANYONE = (
    "可以，随时都能先还一部分，在官方渠道还就行，不用先申请。还上的部分会从逾期金额里扣掉；没还清之前仍算逾期，"
    f"没还的本金每天继续按{POLICY_FIGURES['penalty_rate']}计罚息。想知道自己还差多少，验证身份后说“欠多少”。"
)
# Which cards can be bound is the App's to say (not in our terms); borrowing to repay is what we never urge.
CREDIT_CARD = (
    "关于信用卡：还款是从您在App里绑定的还款卡扣，能绑哪类卡以App绑卡页面的提示为准。不建议刷信用卡或借新还旧来还这笔钱，"
    "那样负担只会更重；一时还不上，可以说“协商分期”或“转人工”商量。"
)


# 我不会用手机银行: the ways are the same, and help with them is a person away (never a stranger's).
HELP_TO_PAY = (
    "不会操作也没关系：可以请家人陪您在我们的App里点“立即还款”，或者说“转人工”，客服可以一步一步教您。"
    "请不要让陌生人替您操作，也不要把钱转给任何个人。"
)


class ActionHowToRepay(Action):
    """The official ways to pay; for someone who cannot work the app, help to do it."""

    def name(self) -> Text:
        return "action_how_to_repay"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        said = (tracker.latest_message or {}).get("text") or ""
        channel = channel_asked(said)
        if channel and not (says_app_fails(said) or says_debit_failed(said) or cannot_operate(said)):
            never = NEVER_HANDED.get(channel) or NEVER_TRANSFERRED.format(channel=channel)
            dispatcher.utter_message(text=CHANNEL_NOT_OURS.format(channel=channel) + never)
            if asks_about_a_credit_card(said) and "信用卡" not in channel:
                dispatcher.utter_message(text=CREDIT_CARD)  # 支付宝能还吗？还有能不能用信用卡还: both (h34a)
            return []
        if says_card_changed(said) and not (says_app_fails(said) or says_debit_failed(said)):
            # 换了张银行卡 原来那张注销了 到时候自动扣款会不会扣不到: the new card, bound before the day
            dispatcher.utter_message(text=CARD_CHANGED)
            return []
        if pays_with_anothers_card(said) and not (says_app_fails(said) or says_debit_failed(said)):
            dispatcher.utter_message(text=ANOTHERS_CARD, buttons=[button("转人工", "/request_human")])
            return []
        if asks_if_part_payment_allowed(said):  # 就问问能不能部分还款: yes, first (the channels alone came, h34a)
            dispatcher.utter_message(text=PART_PAYMENT_ANYONE)
        dispatcher.utter_message(response="utter_how_to_repay")
        if asks_about_a_credit_card(said):  # 还有能不能用信用卡还: answered, not dropped (h34a)
            dispatcher.utter_message(text=CREDIT_CARD)
        if forgot_the_password(said):  # app我删了 登不上去 密码忘了: how to get back in (it was out of scope)
            dispatcher.utter_message(text=FORGOT_PASSWORD)
        if pays_another_way(said) or says_app_fails(said):
            dispatcher.utter_message(text=NOT_BY_TRANSFER, buttons=[button("转人工", "/request_human")])
        if says_debit_failed((tracker.latest_message or {}).get("text") or ""):
            borrower_id = (await identify(tracker)).borrower_id
            ledger = await in_thread(loan_store().ledger, borrower_id) if borrower_id else None
            nothing_late = ledger is not None and not overdue_summary(ledger, today()).is_overdue
            dispatcher.utter_message(
                text=DEBIT_FAILED_NOTHING_LATE if nothing_late else DEBIT_FAILED,
                buttons=[button("转人工核查", "/request_human")],
            )
        if wants_the_app(said):  # 我要下载你们的软件来还钱啊: where the App is had, and never from a link
            lender = lender_name()
            dispatcher.utter_message(
                text=f"{lender}的App请在手机自带的应用商店里搜索“{lender}”下载，或者从{lender}官网下载；"
                "不要点短信里或陌生人发来的下载链接。装好后用借款时的手机号登录，在“我的借款”里点“立即还款”。"
                "不会装的话，可以请家人帮忙，或者说“转人工”，客服一步一步教您。",
                buttons=[button("转人工", "/request_human")],
            )
        if cannot_operate((tracker.latest_message or {}).get("text") or ""):
            dispatcher.utter_message(text=HELP_TO_PAY, buttons=[button("转人工", "/request_human")])
        return []
