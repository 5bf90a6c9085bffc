"""The SMS-code verification form: phone number, then the 6-digit code; then the remembered question."""

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import wording
from actions.forms import button, repeated_bad_answer
from actions.identity import (
    QUESTIONS,
    BorrowerQuestion,
    identify,
    latest_metadata,
    recent_user_texts,
    refuse_contact,
)
from actions.relief import relief_options
from actions.store_access import in_thread, loan_store, otp_service
from auth.otp import RESEND_AFTER, CodeThrottled
from auth.tokens import TokenRefused, mint_session_token, verify_session_token, verify_wechat_binding
from nlu.signals import (
    THEIR_PHONE,
    asks_for_new_code,
    asks_how_long_to_wait,
    asks_if_another_lender_is_us,
    asks_not_to_be_contacted,
    asks_when_answered,
    asks_where_code_goes,
    asks_why_the_number,
    called_from,
    cannot_get_code,
    doubts_we_are_genuine,
    other_lenders_named,
    refuses_the_number,
    says_a_stranger,
    says_code_not_come,
    says_is_the_borrower,
    says_not_the_borrower,
    says_phone_not_theirs,
)
from parsing.phones import digits_of, find_code, find_phone, mask_phone
from rules.calendar import beijing_time, utc_now
from rules.service_hours import when_a_person_takes_over

FORM_SLOTS = ("phone", "otp_code", "otp_challenge", "verification_outcome", "form_bad_answers")
# The third unusable answer ends the form: nothing verified, nothing sent again.
PHONE_NOT_THEIRS = (
    "这个对话里说过这部手机（或这个号码）是别人的，所以不能在这里用短信验证码验证身份：验证码只能由号码的主人本人使用，"
    "我们也不会向借款人以外的任何人透露借款信息。借款人本人请用自己的手机登录App，或者自己来问我；需要帮助可以转人工，"
    "人工客服会用其他方式核实身份。"
)


# 尽快是多快 / 到底几分钟有人回我: how soon a person answers, asked at the number
WHEN_A_PERSON = re.compile(r"尽快是多快|几分钟(?:能)?有人|多久(?:能)?有人|多快(?:能)?有人|什么时候有人")


async def leave_alone_or_say(dispatcher: CollectingDispatcher, said: Text, **why: Any) -> None:
    """Someone who is not the borrower, at the verification: their own number kept as one not to be
    contacted when they ask (这个号现在是我的 别再往这个号发了 158…); otherwise why no code is sent."""
    own = find_phone(said)
    if own and asks_not_to_be_contacted(said) and not THEIR_PHONE.search(said):
        await refuse_contact(dispatcher, own, said)
    else:
        dispatcher.utter_message(buttons=[button("转人工", "/request_human")] if "text" in why else [], **why)


STOPPED = {"phone": "-", "otp_code": "-", "otp_challenge": None, "verification_outcome": "stopped"}
INVALID_PHONE = (
    "这看起来不是一个有效的11位手机号码。验证需要您在我们这里登记的手机号（例如 138 开头的11位数字），"
    "我会发一个6位验证码到这个号码。罚息规则、还款方式、联系规则这些问题不用验证也可以直接问我。"
)
NO_CODE_YET = (
    "短信偶尔会晚一两分钟，请稍等一下再看看；如果登记的手机号已经停用或不在身边，可以转人工，"
    "由人工客服用其他方式核实身份后为您办理。"
)
# (h28b: "好的，我重新发送" and then the number asked for read as a contradiction — the number is not
# kept, so it is asked again, and said so)
NEW_CODE = (
    "好的，重新发一个：为了安全，手机号不保留，请再输入一次您登记的手机号，我马上重新发送"
    f"（同一号码{int(RESEND_AFTER.total_seconds())}秒内只能发一次）。刚才的验证码如果已经收到，直接输入验证码也可以。"
)
CODE_NEEDS_PHONE = "验证码会发到您在我们这里登记的手机号上。请先输入这个11位手机号，我马上发送。"
# 短信上写着请勿告诉任何人 你不会是骗子吧: whether to type the code here at all.
GENUINE = (
    "您谨慎是对的。短信里的“请勿告诉任何人”，是说不要把验证码告诉任何人，包括打电话或发消息向您要验证码的人；"
    "在这里输入，是您本人在我们的官方页面（App、官网或服务号）里验证身份，验证码只用这一次、5分钟内有效，"
    "只能用来确认是您本人，不能用来扣款、支付或转走您的钱。"
    "如果您不确定这个页面是不是我们的，可以不输入，直接打开我们的App登录后查询，或者说“转人工”。"
)
WHY_PHONE = (
    "要您的手机号，是为了给登记的这个号码发一条验证码，确认是您本人在查，别人就查不到您的借款。验证码只能用来确认身份，"
    "不能用来扣款、支付或转走您的钱；我们也不会打电话或发消息向您要验证码。不放心的话，可以直接打开我们的App登录后查询，"
    "或者说“算了”。"
)
INVALID_CODE = "验证码是短信里的6位数字，请直接输入这6位数字。如果没收到短信，可以说“算了”，稍后再试。"


def _unlock_time(locked_until) -> str:
    local = beijing_time(locked_until)
    return f"{local:%H:%M}"


def _locked(dispatcher: CollectingDispatcher, locked_until) -> Dict[Text, Any]:
    dispatcher.utter_message(response="utter_verification_locked", unlock_time=_unlock_time(locked_until))
    return {"otp_code": "-", "verification_outcome": "locked", "otp_challenge": None}


async def signed_in_meanwhile(tracker: Tracker) -> Optional[Dict[Text, Any]]:
    """The borrower logged in to the host app while the form waited: verified without a code."""
    check = await identify(tracker)
    if check.borrower_id is None:
        return None
    return {
        "phone": "-",
        "otp_code": "-",
        "otp_challenge": None,
        "verification_outcome": "verified",
        "identity": mint_session_token(check.borrower_id, tracker.sender_id),
    }


def switched_this_turn(tracker: Tracker) -> bool:
    """Whether the latest message switched to another request (policies/interruptions.py)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") == "action_switch_flow":
            return True
    return False


CODE_TO_REGISTERED_ONLY = (
    "验证码只会发到在我们这里登记的手机号，不能改发到别的号码。原来登记的号码停机或不用了的话，请转人工，"
    "客服会用其他方式核实您的身份，也可以帮您更换登记的号码。"
)


class ValidateVerificationForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_verification_form"

    async def extract_phone(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """ "我手机号138…，帮我查下欠多少": a number given with the question is taken at once, not
        asked for again (only when the form starts; the number is validated like any answer)."""
        if tracker.get_slot("requested_slot") is None and not tracker.get_slot("phone"):
            pending = tracker.get_slot("pending_text") or ""
            found = find_phone(pending)
            if found and not called_from(pending, found):  # (有个170…打电话给我: the caller's, not theirs)
                return {"phone": found}
        return {}

    async def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        signed_in = await signed_in_meanwhile(tracker)
        if signed_in:
            return signed_in
        said = str(value or "")
        if tracker.get_slot("phone_not_theirs") or (not find_code(said) and says_phone_not_theirs(said)):
            # 13500135005 是我妈妈的 家里就这一个手机 / (earlier) 他手机在我这, then 其实我就是本人: a code to that
            # phone proves nothing about who writes — a child and a wife were shown the loans (h24b)
            await leave_alone_or_say(dispatcher, said, text=PHONE_NOT_THEIRS)
            return {**STOPPED, "not_the_borrower": True, "phone_not_theirs": True}
        if tracker.get_slot("not_the_borrower"):  # a third party's chat never sends the borrower a code
            dispatcher.utter_message(response="utter_only_the_borrower")
            return STOPPED
        if not find_code(said) and says_not_the_borrower(said):
            # 我不是借款人啊 我是他哥 我的号是137… / 我不是借款的 别再打给我: not the borrower — no code
            # (one was sent to the brother's number, and he was asked for it again and again)
            await leave_alone_or_say(dispatcher, said, response="utter_only_the_borrower")
            return {**STOPPED, "not_the_borrower": True}
        if tracker.get_slot("otp_challenge") and find_code(str(value or "")) and not find_phone(str(value or "")):
            # the code of the SMS already sent, typed where the number was asked again (after 重新发一个)
            checked = await self.validate_otp_code(value, dispatcher, tracker, domain)
            return {"phone": "****", **checked}  # the code is asked next (or the number, if it expired)
        if switched_this_turn(tracker):
            # The form starts again for another request made at the phone step (申请延期): that
            # message was taken from the old form and put back; it is not an answer to this one.
            return {}
        phone = find_phone(str(value or ""))
        if (
            asks_not_to_be_contacted(said)
            and not THEIR_PHONE.search(said)
            and not says_is_the_borrower(said)
            and any(says_a_stranger(t) for t in [said, *recent_user_texts(tracker, 4)])
        ):
            # 别再打给我 13811223344 / 别再打给我, at the number: left alone, not sent a code (an OTP went to the
            # number of someone who wanted off the list, and the refusal was never kept, h32b)
            if phone:
                await refuse_contact(dispatcher, phone, said)
            else:
                dispatcher.utter_message(response="utter_refusal_needs_phone")
            return {**STOPPED, "not_the_borrower": True}
        if phone is None and (asks_when_answered(said) or asks_how_long_to_wait(said) or WHEN_A_PERSON.search(said)):
            # 我问的是人工多久回复！！！ at the number: "不是有效的手机号码" (h24a) — when, honestly, then the number
            dispatcher.utter_message(
                text=f"{when_a_person_takes_over(utc_now())}，就在这个对话里回复您，接手时能看到这段对话；"
                "具体几分钟我没法保证。查询或办理借款的事需要先验证身份，不想现在验证，说“算了”就行。"
            )
            return {"phone": None}
        named = other_lenders_named(str(value or ""))
        if phone is None and named and asks_if_another_lender_is_us(str(value or "")):
            # 先回答我你们是不是分期乐 别的平台的你们能一起处理吗, at the number: "不是有效的手机号码"
            dispatcher.utter_message(text=wording.not_us(named))
            return {"phone": None}
        if phone is None and refuses_the_number(str(value or "")) and not tracker.get_slot("form_bad_answers"):
            # 我不想给, the first time: why it is asked and the ways out, counted as an unusable answer (it was
            # "not a valid number"); said again, the usual steps follow
            dispatcher.utter_message(
                text=WHY_PHONE, buttons=[button("算了", "/deny"), button("转人工", "/request_human")]
            )
            return {"phone": None, "form_bad_answers": 1.0}
        if phone is None and (doubts_we_are_genuine(str(value or "")) or asks_why_the_number(str(value or ""))):
            # 为啥要手机号 你们不是骗子吧 验证码给你了会不会被盗刷: why, and that a code moves no money (it got
            # the consequences of being overdue and "not a valid number")
            dispatcher.utter_message(
                text=WHY_PHONE, buttons=[button("算了", "/deny"), button("转人工", "/request_human")]
            )
            return {"phone": None}
        if phone is None and cannot_get_code(str(value or "")):  # 手机丢了 / 号码停用了
            dispatcher.utter_message(response="utter_verification_other_way")
            return STOPPED
        if phone is None and (asks_for_new_code(str(value or "")) or "验证码" in str(value or "")):
            # 重新发一个验证码, before any number was given: where the code goes, not "not a valid number"
            dispatcher.utter_message(text=CODE_NEEDS_PHONE)
            return {"phone": None}
        if phone is None:
            if not tracker.get_slot("form_bad_answers"):
                digits = re.search(r"\d{7,}", digits_of(str(value or "")))
                if digits and len(digits.group(0)) != 11:
                    # 我手机1350013500: how many digits it had, not only "not a valid number"
                    dispatcher.utter_message(
                        text=f"您输入的号码是{len(digits.group(0))}位数字，手机号应该是11位，请核对后再输入一次"
                        "（中间带空格也可以，例如 138 0013 8001）。如不想继续验证，请说“算了”。"
                    )
                    return {"phone": None, "form_bad_answers": 1.0}
                dispatcher.utter_message(response="utter_invalid_phone")
                return {"phone": None, "form_bad_answers": 1.0}
            return repeated_bad_answer(dispatcher, tracker, "phone", INVALID_PHONE, stopped=STOPPED)
        service = otp_service()
        locked_until = await in_thread(service.locked_until, phone)
        if locked_until is not None:
            return {"phone": mask_phone(phone), **_locked(dispatcher, locked_until)}
        try:
            challenge = await in_thread(service.send_code, phone)
        except CodeThrottled as throttled:
            if throttled.reason == "too_soon":
                dispatcher.utter_message(
                    text=f"验证码刚刚发过，请先查看短信；如果没有收到，请 {throttled.wait_seconds} 秒后再输入一次手机号。"
                )
            else:
                dispatcher.utter_message(
                    text="这个号码今天获取验证码的次数已经用完，请明天再试；着急的话可以说“转人工”。",
                    buttons=[{"title": "转人工", "payload": "/request_human"}],
                )
            return {"phone": None}
        dispatcher.utter_message(response="utter_code_sent", masked_phone=mask_phone(phone))
        if cannot_get_code(str(value or "")):
            # 验证码能不能发到我另一个号码150…上，原来那个号停机了: only a registered number gets one — said, with
            # the way for a number no longer in use (she would wait for a code that never comes, h36a)
            dispatcher.utter_message(text=CODE_TO_REGISTERED_ONLY, buttons=[button("转人工", "/request_human")])
        # Only the masked number stays in the conversation; the challenge id points to the rest.
        return {"phone": mask_phone(phone), "otp_challenge": challenge, "form_bad_answers": 0.0}

    async def validate_otp_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        signed_in = await signed_in_meanwhile(tracker)
        if signed_in:
            return signed_in
        if tracker.get_slot("phone_not_theirs") or says_phone_not_theirs(str(value or "")):
            # 我拿她手机看了 验证码398711: a code read off the borrower's phone by someone else verifies no one
            # (a husband was verified as his wife and shown her schedule)
            dispatcher.utter_message(text=PHONE_NOT_THEIRS, buttons=[button("转人工", "/request_human")])
            return {**STOPPED, "not_the_borrower": True, "phone_not_theirs": True}
        if says_not_the_borrower(str(value or "")):
            dispatcher.utter_message(response="utter_only_the_borrower")
            return {**STOPPED, "not_the_borrower": True}
        code = find_code(str(value or ""))
        phone = find_phone(str(value or "")) if code is None else None
        if phone is not None:  # the number again while a code is awaited: a new code for it
            sent = await self.validate_phone(phone, dispatcher, tracker, domain)
            if sent.get("otp_challenge"):
                return {**sent, "otp_code": None}
            return {"otp_code": None}  # too soon or locked (said why): the code already sent still counts
        if code is None and asks_for_new_code(str(value or "")):
            # 重新发一个: the number is asked for once more (the code goes to it); the code already sent
            # still counts if it comes instead (it was asked for the number and the code at once).
            dispatcher.utter_message(text=NEW_CODE)
            return {"otp_code": None, "phone": None, "form_bad_answers": 0.0}
        if code is None and asks_where_code_goes(str(value or "")):
            # 验证码是发到我手机上吗 我手机在我儿子那: to the number given, and what to do without it
            dispatcher.utter_message(
                text=f"验证码发到您刚才输入的号码 {tracker.get_slot('phone') or ''} 上，5分钟内有效。手机不在身边的话，"
                "可以拿到手机后再说一次“查欠款”，我重新发；也可以说“转人工”用其他方式核实。",
                buttons=[{"title": "转人工", "payload": "/request_human"}],
            )
            return {"otp_code": None}
        if code is None and doubts_we_are_genuine(str(value or "")):
            dispatcher.utter_message(text=GENUINE, buttons=[{"title": "转人工", "payload": "/request_human"}])
            return {"otp_code": None}  # a fair worry, not an unusable answer: the code still counts
        if code is None and (cannot_get_code(str(value or "")) or says_code_not_come(str(value or ""))):
            # 没收到验证码 / 没收到啊 是不是要等一会: not an unusable answer
            dispatcher.utter_message(text=NO_CODE_YET, buttons=[{"title": "转人工", "payload": "/request_human"}])
            return {"otp_code": None}
        if code is None:
            if not tracker.get_slot("form_bad_answers"):
                dispatcher.utter_message(response="utter_invalid_code_format")
                return {"otp_code": None, "form_bad_answers": 1.0}
            return repeated_bad_answer(dispatcher, tracker, "otp_code", INVALID_CODE, stopped=STOPPED)
        result = await in_thread(
            otp_service().check_code,
            tracker.get_slot("otp_challenge") or "",
            code,
            latest_metadata(tracker).get("client_address"),
        )
        if result.outcome == "verified":
            return {
                "otp_code": "-",
                "otp_challenge": None,
                "verification_outcome": "verified",
                "identity": mint_session_token(result.borrower_id, tracker.sender_id),
            }
        if result.outcome == "locked":
            return _locked(dispatcher, result.locked_until)
        if result.outcome == "wrong":
            dispatcher.utter_message(response="utter_wrong_code", attempts_left=result.attempts_left)
            return {"otp_code": None}
        dispatcher.utter_message(response="utter_code_expired")
        return {"otp_code": None, "phone": None, "otp_challenge": None}


def _reset() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [
        SlotSet("needs_verification", False),
        SlotSet("pending_request", None),
        SlotSet("pending_text", None),
        SlotSet("open_flow", None),
    ]


class ActionVerificationComplete(Action):
    """Runs when the form ends: answers the remembered question, or says why it cannot."""

    def name(self) -> Text:
        return "action_verification_complete"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        events = _reset()
        if tracker.get_slot("verification_outcome") != "verified":
            return events
        borrower_id = verify_session_token(tracker.get_slot("identity"), tracker.sender_id)
        dispatcher.utter_message(response="utter_verified")
        binding = latest_metadata(tracker).get("wechat_binding")
        if binding:
            try:
                openid = verify_wechat_binding(binding)
            except TokenRefused:
                openid = None
            if openid and await in_thread(loan_store().bind_openid, borrower_id, openid):
                dispatcher.utter_message(response="utter_wechat_bound")
        question = QUESTIONS.get(tracker.get_slot("pending_request") or "")
        if question is not None:
            events += await question().answer(dispatcher, tracker, borrower_id)
        return events


class ActionVerificationCancelled(Action):
    def name(self) -> Text:
        return "action_verification_cancelled"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        # Someone who gives up here may have lost the phone the loan is registered to: a person can
        # verify them another way (not said when they asked for the person already).
        asked_for_human = (tracker.latest_message.get("intent") or {}).get("name") == "request_human"
        said = tracker.latest_message.get("text") or ""
        struggled = bool(tracker.get_slot("form_bad_answers")) or cannot_get_code(said) or "忘" in said
        dispatcher.utter_message(response="utter_verification_cancelled")
        if struggled and not asked_for_human:  # a plain 不用了 is not told about a lost phone
            dispatcher.utter_message(response="utter_verification_other_way")
        return _reset()


# 那我换个号验证 13800138001, already verified: one person's loans a conversation (it said "您的身份已经确认"
# and then "收到您的手机号", h34b).
SWITCH_NUMBER = (
    "这次对话已经用 {mine} 验证过了，一次对话只能查询和办理这一个号码名下的借款。要用另一个号码验证，请先说“退出登录”"
    "结束这次验证，再重新验证；别人名下的借款，需要本人自己来查。"
)


async def another_number_given(dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> bool:
    """A verified conversation given another phone number: said so, and nothing else done with it."""
    phone = find_phone((tracker.latest_message or {}).get("text") or "")
    if not phone:
        return False
    profile = await in_thread(loan_store().borrower, borrower_id)
    if profile is None or profile.phone == phone:
        return False
    dispatcher.utter_message(
        text=SWITCH_NUMBER.format(mine=mask_phone(profile.phone)),
        buttons=[button("退出登录", "/end_session"), button("转人工", "/request_human")],
    )
    return True


class ActionStartVerification(BorrowerQuestion):
    """我要验证身份 / 我要登录, with nothing asked yet: the form, then what they want to do."""

    action_name = "action_start_verification"
    asks_to_verify = True

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        return events + ([SlotSet("not_the_borrower", False)] if tracker.get_slot("not_the_borrower") else [])

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        if await another_number_given(dispatcher, tracker, borrower_id):
            return []
        # Only the relief the terms allow this borrower (71 days overdue: no extension button).
        relief = await relief_options(borrower_id)
        dispatcher.utter_message(
            response="utter_what_can_i_do",
            buttons=[button("查欠款", "/check_overdue")]
            + relief
            + [button("联系记录", "/ask_contact_policy"), button("转人工", "/request_human")],
        )
        return []
