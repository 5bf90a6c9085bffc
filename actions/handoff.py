"""Reaching a human: stores a handoff request with a short summary for the agent."""

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import wording
from actions.identity import identify, latest_metadata, previous_bot_action
from actions.store_access import in_thread, loan_store
from auth.redaction import redact_text
from loan_store.handoffs import NOTE_MARK
from nlu.clauses import WHOLE_MESSAGE
from nlu.signals import (
    asks_for_a_phone_number,
    asks_how_a_person_reaches_me,
    asks_how_long_to_wait,
    asks_service_hours,
    asks_when_answered,
    cancels_handoff,
)
from rules.calendar import utc_now
from rules.service_hours import when_a_person_takes_over

SUMMARY_TURNS = 8
# What the borrower asked about, in words both the borrower and a live agent read (the stored
# summary keeps the intent names for the lender's ticket system).
TOPICS = {
    "check_overdue": "欠款明细",
    "ask_due_date": "还款日",
    "ask_penalty_interest": "罚息",
    "ask_how_to_repay": "还款方式",
    "promise_to_pay": "还款承诺",
    "ask_instalment_plan": "协商分期",
    "ask_extension": "延期还款",
    "explain_hardship": "还款困难",
    "report_improper_collection": "投诉催收",
    "ask_contact_policy": "联系规则",
    "request_stop_contacting_others": "联系设置",
    "ask_overdue_consequences": "逾期后果",
    "ask_credit_record": "征信",
    "ask_early_settlement": "提前结清",
    "ask_payment_history": "还款记录",
    "ask_followup": "办理进度",
    "ask_document": "对账单与凭证",
    "ask_other_service": "其他业务",
}


def topics_of(tracker: Tracker) -> List[str]:
    """The borrower's topics in this conversation, first asked first, each once."""
    names = [
        (e.get("parse_data") or {}).get("intent", {}).get("name") for e in tracker.events if e.get("event") == "user"
    ]
    return list(dict.fromkeys(TOPICS[n] for n in names if n in TOPICS))[-SUMMARY_TURNS:]


# 转人工 / 我要找人工客服: the request alone, nothing more said (no note kept).
_BARE_REQUEST = re.compile(r"转人工|人工服务|人工客服|人工|真人|客服|我要|我想|帮我|请|麻烦|找|给我|转|吧|呢|啊|[\W_]")
NOTE_CHARS = 200


def borrowers_note(tracker: Tracker) -> str:
    """What the borrower said with the request, when it says more than the request (我手上能凑5000 想谈
    一次性了结 / 晚上8点后方便): phone numbers and codes hidden (h28a: the purpose was not on the request)."""
    text = str(latest_metadata(tracker).get(WHOLE_MESSAGE) or (tracker.latest_message or {}).get("text") or "")
    if text.startswith("/") or len(_BARE_REQUEST.sub("", text)) < 4:
        return ""
    return f"{NOTE_MARK}{redact_text(text)[:NOTE_CHARS]}"


def conversation_summary(tracker: Tracker, borrower_id) -> str:
    """What the agent needs first: who (if verified) and what was asked, by intent, and what the
    borrower said with the request itself (redacted)."""
    intents = [
        (e.get("parse_data") or {}).get("intent", {}).get("name") for e in tracker.events if e.get("event") == "user"
    ]
    asked = [name for name in intents if name and name != "request_human"][-SUMMARY_TURNS:]
    who = f"已验证借款人 {borrower_id}" if borrower_id else "未验证身份的访客"
    return (
        f"{who}；渠道 {tracker.get_latest_input_channel() or '未知'}；此前询问：{'、'.join(asked) or '无'}"
        + borrowers_note(tracker)
    )


async def when_answered(dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id) -> bool:
    """The open handoff of this conversation and the borrower's open complaints, with when each is
    answered; False when there is neither (a person is then asked for, as the words say)."""
    store = loan_store()
    handoffs = [t for t in await in_thread(store.handoffs, tracker.sender_id) if t.status == "open"]
    complaints = (
        [t for t in await in_thread(store.complaints, borrower_id) if t.status == "open"] if borrower_id else []
    )
    if not handoffs and not complaints:
        return False
    lines = [wording.complaint_status_line(t) for t in complaints[-2:]]
    lines += [f"· 人工服务请求 {t.reference}：{when_a_person_takes_over(utc_now())}" for t in handoffs[-1:]]
    dispatcher.utter_message(text="已经登记的事项和答复时间：\n" + "\n".join(lines))
    if any(t.urgent for t in handoffs):
        # 客服什么时候打给我？我现在就想跟人说说话, after the crisis answer: someone to talk to now, too
        dispatcher.utter_message(text=TALK_NOW)
    return True


def handoff_asked_last(tracker: Tracker) -> bool:
    """Whether the answer to the message before this one was the handoff (转人工, then 我晚上8点后方便)."""
    return previous_bot_action(tracker) == ActionRequestHuman.NAME


async def note_for_the_agent(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> bool:
    """Words said right after the handoff added to its ticket, and said so; False when the answer
    before was not the handoff, or no ticket of this conversation is open."""
    if not handoff_asked_last(tracker):
        return False
    ticket = await in_thread(loan_store().add_handoff_note, tracker.sender_id, redact_text(text)[:NOTE_CHARS])
    if ticket is None:
        return False
    dispatcher.utter_message(text=added_to_ticket(ticket.reference))
    return True


def added_to_ticket(reference: str) -> str:
    return (
        f"已把您刚才说的补充到人工服务请求 {reference} 上，接手的客服会看到。"
        f"{when_a_person_takes_over(utc_now())}，会在这个对话里回复您。"
    )


IN_THIS_CHAT = "人工客服不会为此另外给您打电话，会在这个对话里回复您。"
TALK_NOW = (
    "在客服接手之前，如果现在就想找人说说话，心理援助热线 12356 随时有人接听；我也一直在这里，您想说什么都可以跟我说。"
)


SUPERVISOR = re.compile(r"主管|经理|领导|负责人|上级|管事的|老板")
ABOUT_THE_BOT = re.compile(
    r"机器人|智能客服|这个助手|在线助手|人工智能|\bAI\b|ai客服|这个系统|你这个破|答非所问|听不懂人话"
)


# 客服电话多少, said with a person asked for at once
PHONE_LINE = re.compile(r"(?:客服|人工|热线|官方)(?:的)?(?:电话|热线)|电话(?:号码)?(?:是)?多少")


class ActionRequestHuman(Action):
    NAME = "action_request_human"

    def name(self) -> Text:
        return self.NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        check = await identify(tracker)
        text = (tracker.latest_message or {}).get("text") or ""
        if asks_when_answered(text):
            # 多久给我回复 / 啥时候有人联系我: what was already made is answered, nothing made again
            said = await when_answered(dispatcher, tracker, check.borrower_id)
            if said:
                return check.events
        if asks_how_a_person_reaches_me(text):
            # 人工会给我打电话吗: no call for this — the person answers here, when (already asked or not)
            dispatcher.utter_message(text=IN_THIS_CHAT)
            if await when_answered(dispatcher, tracker, check.borrower_id):
                return check.events
        if (
            asks_how_a_person_reaches_me(text)
            or asks_how_long_to_wait(text)
            or asks_for_a_phone_number(text)
            or asks_service_hours(text)
        ):
            # 要等多久 with nothing asked for yet / 客服电话多少: told, and a person only if they want one
            dispatcher.utter_message(
                text=("我们没有在这里公布客服电话号码。" if asks_for_a_phone_number(text) else "")
                + ("" if asks_how_a_person_reaches_me(text) else "人工客服就在这个对话里接手，")
                + "接手时能看到这段对话，不用从头再说；转人工的话，"
                + when_a_person_takes_over(utc_now())
                + "。需要的话点“转人工”。",
                buttons=[{"title": "转人工", "payload": "/request_human"}],
            )
            return check.events
        withdrawing = ((tracker.latest_message or {}).get("intent") or {}).get("name") == "deny"
        if cancels_handoff(text) or withdrawing:  # 算了不用了 取消吧, right after the request (the policy)
            withdrawn = await in_thread(loan_store().withdraw_handoffs, tracker.sender_id)
            dispatcher.utter_message(
                text=f"好的，已撤回人工服务请求 {'、'.join(withdrawn)}。还有问题可以直接问我。"
                if withdrawn
                else "好的，不转人工。还有问题可以直接问我。"
            )
            return check.events
        supervisor = bool(SUPERVISOR.search(text))
        about_bot = bool(ABOUT_THE_BOT.search(text))
        open_before = {
            t.reference for t in await in_thread(loan_store().handoffs, tracker.sender_id) if t.status == "open"
        }
        ticket = await in_thread(
            loan_store().create_handoff,
            tracker.sender_id,
            check.borrower_id,
            ("【要求主管处理】" if supervisor else "")
            + ("【对在线助手不满】" if about_bot else "")
            + conversation_summary(tracker, check.borrower_id),
            utc_now(),
        )
        if about_bot:  # 我要投诉这个机器人: heard as that, not as a complaint about collectors
            dispatcher.utter_message(
                text="很抱歉我的回答没能帮到您。您的意见已经写进转人工的请求里，人工客服会看到这段对话。"
            )
        if PHONE_LINE.search(text):  # 给我转真人 你们客服电话多少: the person, and the number question answered
            dispatcher.utter_message(text="我们没有在这里公布客服电话号码，人工客服会在这个对话里接手。")
        if ticket.reference in open_before and borrowers_note(tracker):
            # 转人工, then 让客服明天下午2点到4点之间给我打电话: added to the ticket already made
            dispatcher.utter_message(text=added_to_ticket(ticket.reference))
        else:
            dispatcher.utter_message(
                response="utter_handoff_created",
                handoff_reference=ticket.reference,
                when=when_a_person_takes_over(utc_now()),
            )
        if supervisor:  # 不要客服 我要主管: said where the request goes
            dispatcher.utter_message(text="您要求由主管处理，这一点已经注明在请求里，会由主管或值班负责人跟进。")
        # For the channels: WeChat passes the conversation on to its own live agents when one is
        # online (channels/wechat.py); the others show only the text.
        dispatcher.utter_message(
            json_message={"handoff": {"reference": ticket.reference, "topics": topics_of(tracker)}}
        )
        return check.events
