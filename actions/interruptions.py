"""What the InterruptionPolicy (policies/interruptions.py) runs: the crisis answer with an urgent
handoff, a side question answered inside a form, and a free-text form left with the cancel words."""

import functools
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import wording
from actions.conduct import ActionContactPolicy, ActionCreditRecord, ActionOverdueConsequences
from actions.forms import button
from actions.handoff import conversation_summary, topics_of
from actions.identity import QUESTIONS, ActionMiddlemanWarning, ActionThirdParty, identify, latest_metadata
from actions.relief import (
    ActionOfferPlan,  # noqa: F401 (importing it registers the relief offers)
    say_if_no_extension,
)
from actions.servicing import (
    ActionHowToRepay,
    ActionOtherService,  # (importing it registers its borrower questions)
)
from actions.session import ActionDataKept
from actions.store_access import in_thread, loan_store
from actions.verification import NO_CODE_YET
from documents import lender_name
from nlu.clauses import MORE_TURNS
from nlu.signals import (
    THEIR_PHONE,
    asks_if_family_must_pay,
    asks_not_to_be_contacted,
    asks_to_move_due_date,
    asks_who_we_are,
    cannot_get_code,
    declines_complaint,
    says_not_the_borrower,
    says_the_line_is_busy,
    undoes_an_arrangement,
    wants_no_calls,
    wants_no_pressure,
)
from parsing.phones import find_phone, mask_phone
from rules.calendar import today, utc_now
from rules.relief import add_months
from rules.service_hours import in_service_hours
from rules.wellbeing import harm_kind, harm_under_way

# Slots that only mean something while a form runs; cleared with the form.
FLOW_SLOTS = ("open_flow", "form_stopped", "form_bad_answers", "pending_request", "pending_text", "requested_slot")

# Side questions answered by a response alone, whoever asks.
PUBLIC_ANSWERS = {
    "greet": "utter_aside_greet",
    "thank": "utter_aside_thank",
    "bot_challenge": "utter_iamabot",
    "ask_prevention_tips": "utter_prevention_tips",
    "explain_hardship": "utter_hardship_empathy",
}
# Side questions about the borrower's own figures: the full answer once verified.
ACCOUNT_ANSWERS = {
    "check_overdue": ("action_check_overdue", "utter_aside_figures_after_verification"),
    "ask_due_date": ("action_ask_due_date", "utter_aside_figures_after_verification"),
    "ask_penalty_interest": ("action_ask_penalty_interest", "utter_penalty_rule"),
    "ask_early_settlement": ("action_early_settlement", "utter_early_settlement_rule"),
    "ask_payment_history": ("action_payment_history", "utter_aside_figures_after_verification"),
    "ask_followup": ("action_followup", "utter_aside_figures_after_verification"),
    "ask_document": ("action_send_document", "utter_document_rule"),
}
# Side questions whose own action answers anyone (personalised when verified).
ACTION_ANSWERS = {
    # 另外我妈那边你们没打过电话吧, inside a form: the policy, and once verified the borrower's own
    # contacts (whom we called, when) — not the policy alone.
    "ask_contact_policy": ActionContactPolicy,
    "ask_overdue_consequences": ActionOverdueConsequences,
    "ask_credit_record": ActionCreditRecord,
    "ask_other_service": ActionOtherService,
    "third_party_inquiry": ActionThirdParty,
    "ask_about_middleman": ActionMiddlemanWarning,
    "ask_data_kept": ActionDataKept,
    "ask_how_to_repay": ActionHowToRepay,
}
ASIDE_INTENTS = frozenset(PUBLIC_ANSWERS) | frozenset(ACCOUNT_ANSWERS) | frozenset(ACTION_ANSWERS)
# A request for relief while the code is awaited (延期要收费吗): its public rule now, and the request
# itself once the code is given — the verification goes on (it was ended, and the code sent was lost).
VERIFIED_FOR = {
    "ask_instalment_plan": "action_offer_plan",
    "ask_extension": "action_offer_extension",
    "promise_to_pay": "action_offer_promise",
}


@functools.lru_cache(maxsize=1)
def form_slots() -> Dict[Text, List[Text]]:
    """Each form's required slots, read from domain.yml once: with enable_selective_domain (endpoints.yml)
    Rasa sends the domain only to the forms' validate_* actions — the actions that leave a form got
    none, and forgot nothing (a cancelled complaint's "算了先不投诉了…" was filed as its caller, h28a)."""
    with open(Path(__file__).resolve().parents[1] / "domain.yml", encoding="utf-8") as f:
        forms = (yaml.safe_load(f) or {}).get("forms") or {}
    return {name: list((form or {}).get("required_slots") or []) for name, form in forms.items()}


def leave_form(tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
    """Ends the active form and forgets everything it had collected."""
    loop = tracker.active_loop.get("name") if tracker.active_loop else None
    if not loop:
        return []
    form = (domain.get("forms") or {}).get(loop) or {}
    slots = list(form.get("required_slots") or form_slots().get(loop) or [])
    events: List[EventType] = [ActiveLoop(None)] + [SlotSet(s, None) for s in slots + list(FLOW_SLOTS)]
    if loop == "verification_form":
        events += [SlotSet(s, None) for s in ("otp_challenge", "verification_outcome")]
        events.append(SlotSet("needs_verification", False))
    return events


class ActionCrisisSupport(Action):
    """Words of self-harm or violence, anywhere: safety first, a human at once (urgent), whatever
    form was running is left (nothing half-collected is stored)."""

    def name(self) -> Text:
        return "action_crisis_support"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        said = (tracker.latest_message or {}).get("text") or ""
        if harm_under_way(said):
            dispatcher.utter_message(text=emergency_now(said))  # 刚吃了一把安眠药: 120 first, now
        dispatcher.utter_message(response="utter_crisis_support")
        check = await identify(tracker)
        ticket = await in_thread(
            loan_store().create_handoff,
            tracker.sender_id,
            check.borrower_id,
            "【紧急】对话中出现危机信号。" + conversation_summary(tracker, check.borrower_id),
            utc_now(),
            True,
        )
        if in_service_hours(utc_now()) and check.borrower_id:
            dispatcher.utter_message(response="utter_crisis_handoff", handoff_reference=ticket.reference)
        else:
            # 03:49, or a writer we cannot call back: no "会尽快联系您" that nobody can keep tonight
            dispatcher.utter_message(
                text=wording.crisis_handoff_later(ticket.reference, utc_now(), bool(check.borrower_id))
            )
        # WeChat passes it to a live agent at once when one is online (channels/wechat.py).
        dispatcher.utter_message(
            json_message={"handoff": {"reference": ticket.reference, "topics": topics_of(tracker)}}
        )
        await keep_a_refusal_said(dispatcher, tracker, check.borrower_id)
        return check.events + leave_form(tracker, domain)


async def keep_a_refusal_said(dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id) -> bool:
    """别再打给我 13811112222 …, from someone who is not the borrower, beside crisis words: the number
    kept too (after the crisis answer it was lost, and "不给您打电话" answered something else, h26a)."""
    said = (tracker.latest_message or {}).get("text") or ""
    phone = find_phone(said)
    someone_else = tracker.get_slot("not_the_borrower") or says_not_the_borrower(said) or not borrower_id
    if phone and someone_else and asks_not_to_be_contacted(said) and not THEIR_PHONE.search(said):
        await in_thread(loan_store().refuse_contact, phone, utc_now())
        dispatcher.utter_message(text=REFUSAL_KEPT_TOO.format(masked=mask_phone(phone)))
        return True
    return False


REFUSAL_KEPT_TOO = "另外，{masked} 这个号码已经登记：以后不会再因为别人的借款给它打电话或发短信。"


NO_CALLS_AFTER_CRISIS = (
    "好的，不给您打电话。同事会在这个对话里接手，用文字和您联系，您想回的时候再回就好。欠款的事不着急；"
    "想找人说说话的时候，心理援助热线 12356 随时有人接听。"
)


EMERGENCY_NOW = (
    "请现在就拨打 120（有危险也可以拨 110），或者马上告诉身边的人、让他们陪着您、送您去医院——现在就打，不要等。"
    "如果吃了药，把药瓶带上；打完电话把门打开。我一直在这里。"
)
# The one step said with 120, by what the words say is under way (pills: EMERGENCY_NOW itself).
FIRST_STEP = {
    "height": "请先从边上退回来，到安全的地方坐下；打完电话告诉身边的人您在哪里。",
    "cut": "用干净的毛巾或衣物用力按住伤口；打完电话把门打开。",
    "charcoal": "马上打开门窗、离开这个房间；打完电话把门打开。",
}


def emergency_now(text: str) -> str:
    """120 first, with the one step that fits what is under way (把药瓶带上 was said to someone on a roof)."""
    step = FIRST_STEP.get(harm_kind(text))
    if step is None:
        return EMERGENCY_NOW
    return EMERGENCY_NOW.split("如果吃了药")[0] + step + "我一直在这里。"


NO_CALLS_STORED_AFTER_CRISIS = (
    "好的，已经改成只发短信、不再给您打电话，马上生效；以后想改回，在这里说“联系方式恢复默认”就行。同事会在这个对话里接手，"
    "用文字和您联系，您想回的时候再回就好。欠款的事不着急；想找人说说话的时候，心理援助热线 12356 随时有人接听。"
)


EXTENSION_INSTEAD_OF_PLAN = "可以申请延期。要改办延期，先说“不要了”结束这个分期方案，再说“申请延期”。"
NO_PRESSURE_AFTER_CRISIS = (
    "好的，现在不谈还款的事。您的情况已经优先转给了人工客服，之后怎么联系、怎么还，他们会和您一起商量，不会逼您马上做决定。"
    "想找人说说话的时候，心理援助热线 12356 随时有人接听。"
)
CRISIS_FOLLOW_UP_IN_CHAT = (
    "我在这里，您说的我都在听。您不是一个人扛着：心理援助热线 12356 随时有人接听，身边信任的人也可以陪陪您。"
    "您没有登录，我们没法给您打电话，人工客服接手后会在这个对话里回复您。欠款的事可以慢慢商量。您愿意的话，跟我说说现在最让您难受的是什么。"
)


LINE_BUSY_NOW = (
    "热线占线的话，请过几分钟再拨一次 12356；如果您觉得自己现在可能有危险，请马上拨打 120 或 110，或者让身边的人陪着您。"
    "我在这里陪您，您想说什么都可以跟我说；人工客服也已经优先收到您的情况。"
)
FAMILY_NOT_LIABLE = (
    "不会落到您老婆孩子头上：这笔借款是您本人的，您的家人没有替您还款的义务，我们也不会向他们要这笔钱。"
    "您愿意说出来，我很感谢。您对家人来说比任何欠款都重要——如果现在有伤害自己的念头，请马上拨打心理援助热线 12356，"
    "紧急时拨打 120 或 110。欠款的事可以慢慢商量，人工客服会和您一起想办法。"
)


class ActionCrisisFollowUp(Action):
    """The person who was just given the crisis answer writes again without a request of their own
    ("没用的 谁也帮不了我"): they are still heard as in distress — the help line again, the urgent
    handoff already made, and an invitation to say more. Nothing is stored twice."""

    def name(self) -> Text:
        return "action_crisis_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        said = (tracker.latest_message or {}).get("text") or ""
        if says_the_line_is_busy(said):  # 12356打了占线: not "随时有人接听" again — what else, now
            dispatcher.utter_message(text=LINE_BUSY_NOW, buttons=[button("马上转人工", "/request_human")])
            return []
        if asks_if_family_must_pay(said):  # 如果我不在了 这钱是不是就要我老婆孩子还了: no — and them, first
            dispatcher.utter_message(text=FAMILY_NOT_LIABLE, buttons=[button("马上转人工", "/request_human")])
            return []
        if await keep_a_refusal_said(dispatcher, tracker, (await identify(tracker)).borrower_id):
            return []  # 别再打给我 13811112222, a relative just after the crisis answer: the number kept
        if wants_no_calls(said):
            # 我没事 就是说说 别让人给我打电话: heard — it was told again that someone would contact them;
            # a verified borrower's "no calls" is stored, as said (h29b: "不给您打电话", and the calls stayed on)
            borrower_id = (await identify(tracker)).borrower_id
            if borrower_id:
                await in_thread(loan_store().set_preferences, borrower_id, utc_now(), channel="sms")
                dispatcher.utter_message(text=NO_CALLS_STORED_AFTER_CRISIS)
            else:
                dispatcher.utter_message(text=NO_CALLS_AFTER_CRISIS)
            return []
        if wants_no_pressure(said):  # 能不能先别催我了，让我喘口气: it got "没太明白"
            dispatcher.utter_message(text=NO_PRESSURE_AFTER_CRISIS)
            return []
        if in_service_hours(utc_now()) and not (await identify(tracker)).borrower_id:
            # not logged in: nobody can call them back ("客服没法主动联系您" had just been said)
            dispatcher.utter_message(text=CRISIS_FOLLOW_UP_IN_CHAT, buttons=[button("马上转人工", "/request_human")])
            return []
        if in_service_hours(utc_now()):
            dispatcher.utter_message(
                response="utter_crisis_follow_up", buttons=[button("马上转人工", "/request_human")]
            )
        else:
            dispatcher.utter_message(text=wording.CRISIS_FOLLOW_UP_AT_NIGHT)
        return []


class ActionAnswerAside(Action):
    """A side question inside a form: answered, then the form asks its question again."""

    def name(self) -> Text:
        return "action_answer_aside"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""
        events: List[EventType] = []
        loop = tracker.active_loop.get("name") if tracker.active_loop else None
        if loop == "verification_form" and intent in VERIFIED_FOR:
            text = (tracker.latest_message or {}).get("text") or ""
            question = QUESTIONS[VERIFIED_FOR[intent]]()
            rule = question.public_answer_for(text)
            if rule:
                dispatcher.utter_message(response=rule)
            for point in question.public_points(text):
                dispatcher.utter_message(text=point)
            if cannot_get_code(text):  # 验证码还没收到 延期要收费吗: both heard
                dispatcher.utter_message(text=NO_CODE_YET, buttons=[button("转人工", "/request_human")])
            dispatcher.utter_message(text="验证完成后，我接着为您看这件事。")
            events += [SlotSet("pending_request", VERIFIED_FOR[intent]), SlotSet("pending_text", text[:500])]
        elif loop == "plan_form" and intent == "ask_extension":
            # 那我能延期吗, at a plan's confirmation: whether they can (it was asked to confirm again)
            check = await identify(tracker)
            events += check.events
            said = (tracker.latest_message or {}).get("text") or ""
            if not check.borrower_id or not await say_if_no_extension(dispatcher, said + "延期", check.borrower_id):
                dispatcher.utter_message(text=EXTENSION_INSTEAD_OF_PLAN)
        elif loop == "plan_form" and asks_to_move_due_date((tracker.latest_message or {}).get("text") or ""):
            # 能不能每个月25号扣, at a plan's confirmation: the plan's own day, not the loan's contract
            dispatcher.utter_message(text=wording.plan_first_due(add_months(today(), 1)))
        elif intent in PUBLIC_ANSWERS:
            dispatcher.utter_message(response=PUBLIC_ANSWERS[intent])
        elif intent in ACCOUNT_ANSWERS:
            action_name, unverified_answer = ACCOUNT_ANSWERS[intent]
            check = await identify(tracker)
            events += check.events
            if check.borrower_id:
                events += await QUESTIONS[action_name]().answer(dispatcher, tracker, check.borrower_id)
            else:
                dispatcher.utter_message(response=unverified_answer)
        elif intent in ACTION_ANSWERS:
            events += await ACTION_ANSWERS[intent]().run(dispatcher, tracker, domain)
        elif asks_who_we_are((tracker.latest_message or {}).get("text") or ""):
            await ActionWhoWeAre().run(dispatcher, tracker, domain)
        else:
            dispatcher.utter_message(response="utter_out_of_scope")
        more = bool(latest_metadata(tracker).get(MORE_TURNS))  # the rest of the message is next
        if loop == "verification_form" and SlotSet("not_the_borrower", True) in events:
            # 我不是借款人本人, at the phone step: the verification is over (no code to the borrower)
            return events + leave_form(tracker, domain)
        if loop and not more:
            dispatcher.utter_message(response="utter_resume_form")
        return events


class ActionWhoWeAre(Action):
    """你们是哪家公司 / 你们是正规持牌的吗: the lender's name, its only official channels, and a person
    to check with (policies/interruptions.py predicts it; inside a form it is a side question)."""

    def name(self) -> Text:
        return "action_who_we_are"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        lender = lender_name()
        dispatcher.utter_message(
            text=f"这里是{lender}的在线还款助手。还款和办理业务只走{lender}的App、官网和这个助手；我们不会让您转账到"
            "个人账户，也不会索要银行卡密码或验证码。想再核实的话，可以转人工。",
            buttons=[button("转人工", "/request_human")],
        )
        return []


# 刚才 / 之前 / 登记的 / C2026…: the words name something already stored, not the step now asked.
EARLIER = re.compile(r"刚才|之前|原来|上次|已经|登记的|办的|办了的|[CPE]20\d{6}")


NO_COMPLAINT = "好的，不登记投诉，也不用验证身份了，没有记录任何内容。"


class ActionCancelForm(Action):
    """The cancel words in a form whose answers are free text (a complaint): nothing is stored."""

    def name(self) -> Text:
        return "action_cancel_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        loop = tracker.active_loop.get("name") if tracker.active_loop else None
        responses = {"complaint_form": "utter_complaint_not_filed", "verification_form": "utter_verification_cancelled"}
        text = (tracker.latest_message or {}).get("text") or ""
        if loop != "verification_form" and undoes_an_arrangement(text) and EARLIER.search(text):
            # 我是要取消刚才登记的那个 C2026…: this form is dropped, and the one stored is not undone here
            dispatcher.utter_message(text="好的，这一步先不办了，没有登记新的内容。")
            dispatcher.utter_message(response="utter_route_cancel_arrangement")
            return leave_form(tracker, domain)
        if loop == "verification_form" and declines_complaint(text):
            # 我不想投诉 我就想知道…: what was not wanted is said as not done (not "verification cancelled")
            dispatcher.utter_message(text=NO_COMPLAINT, buttons=[button("转人工", "/request_human")])
            return leave_form(tracker, domain)
        dispatcher.utter_message(
            response=responses.get(loop, "utter_relief_cancelled"), buttons=[button("转人工", "/request_human")]
        )
        return leave_form(tracker, domain)


class ActionSwitchFlow(Action):
    """Inside a plan, extension or promise, a request for another of them: the first is left
    (nothing stored) and the other offered next (policies/interruptions.py)."""

    def name(self) -> Text:
        return "action_switch_flow"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if tracker.active_loop_name != "verification_form":  # nothing was being arranged there
            dispatcher.utter_message(response="utter_switch_flow")
        return leave_form(tracker, domain)


# A form left open, by what it was doing, and the message that starts it again from the beginning.
OPEN_FORMS = {
    "plan_form": ("协商分期", "/ask_instalment_plan"),
    "extension_form": ("延期还款", "/ask_extension"),
    "promise_form": ("登记还款承诺", "/promise_to_pay"),
    "complaint_form": ("投诉", "/report_improper_collection"),
    "contact_control_form": ("联系设置", "/request_stop_contacting_others"),
    "reminder_form": ("还款提醒设置", "/ask_prevention_tips"),
    "verification_form": ("身份验证", "/check_overdue"),
}
# A request a verification was for, by the action that waits for it: what to call it, and how to ask again.
_REQUESTS = {
    **{action: ("查询", f"/{intent}") for intent, (action, _) in ACCOUNT_ANSWERS.items()},
    "action_offer_plan": OPEN_FORMS["plan_form"],
    "action_offer_extension": OPEN_FORMS["extension_form"],
    "action_offer_promise": OPEN_FORMS["promise_form"],
    "action_start_complaint": OPEN_FORMS["complaint_form"],
    "action_offer_contact_control": OPEN_FORMS["contact_control_form"],
}


def cancelled_request(tracker: Tracker) -> Optional[Tuple[Text, Text]]:
    """(what it was, the payload that asks for it again) of the request a form just cancelled was
    for — a verification's waiting request, or the form's own — or None."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "pending_request" and event.get("value"):
            return _REQUESTS.get(event["value"])
        if event.get("event") == "active_loop" and event.get("name") in OPEN_FORMS:
            if event["name"] != "verification_form":
                return OPEN_FORMS[event["name"]]
    return None


_QUOTABLE = re.compile(r"\d{5,}")  # a phone number or a code is never repeated back


def last_words(tracker: Tracker) -> Text:
    """The borrower's last typed message before this one, if it can be repeated back."""
    for event in reversed(tracker.events[:-1] if tracker.events else []):
        if event.get("event") == "user":
            text = (event.get("text") or "").strip()
            if text and not text.startswith("/"):
                return "" if _QUOTABLE.search(text) else text
    return ""


class ActionResumeConversation(Action):
    """A borrower back after a gap or on another device (the web chat says so): a short recap, and
    a form left open is paused and asked about — never silently continued, so the first words on
    the new device are not taken as answers to it. Nothing half-collected is kept."""

    def name(self) -> Text:
        return "action_resume_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        loop = tracker.active_loop.get("name") if tracker.active_loop else None
        said = last_words(tracker)
        recap = f"欢迎回来。上次您说到：“{said[:40]}{'…' if len(said) > 40 else ''}”。" if said else "欢迎回来。"
        if loop in OPEN_FORMS:
            what, restart = OPEN_FORMS[loop]
            if loop == "verification_form":  # start again with the question that was waiting
                pending = tracker.get_slot("pending_request")
                restart = next((f"/{i}" for i, (a, _) in ACCOUNT_ANSWERS.items() if a == pending), restart)
            dispatcher.utter_message(
                text=f"{recap}您上次的{what}还没有完成，已经先暂停了。要继续办理吗？也可以直接问别的问题。",
                buttons=[button("继续办理", restart), button("不用了", "/deny")],
            )
            return leave_form(tracker, domain)
        dispatcher.utter_message(text=f"{recap}有什么可以继续帮您的？")
        return []
