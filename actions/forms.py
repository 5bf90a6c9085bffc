"""The one form-validation base class: explains a bad answer with the valid options; after the
second unusable answer in a row it also offers the ways out as buttons (cancel, a human), and the
third ends the form without storing anything — nobody gets the same prompt three times."""

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.identity import identify, latest_metadata
from nlu.clauses import WHOLE_MESSAGE
from nlu.signals import asks_if_reversible, asks_when_it_takes_effect

BAD_ANSWERS_BEFORE_WAYS_OUT = 2
BAD_ANSWERS_BEFORE_STOPPING = 3
WAYS_OUT = "看起来这一步不太顺利。您可以直接点下面的选项，说“算了”取消，或者说“转人工”找客服。"
STOPPED = "这一步我们先停在这里，没有为您办理或保存任何内容。需要时可以重新开始，或者转人工客服帮您处理。"


# What a confirmation commits to: when it takes effect, and whether it can be undone (PRODUCT_TERMS).
ONCE_CONFIRMED_DEFAULT = (
    "确认后马上登记、马上生效；登记好的分期、延期或还款承诺，在这里不能自己撤销，需要改的话可以转人工处理。"
    "没确认之前，说“不要了”就什么都不会保存。"
)
ONCE_CONFIRMED = {
    "contact_control_confirmed": "确认后马上生效，对之后的每一次联系都有效；以后想改，随时在这里说就行，比如“联系方式恢复默认”。",
    "reminder_confirmed": "确认后马上生效；以后不想要了，随时在这里说“关闭提醒”就行。",
}


def button(title: Text, payload: Text) -> Dict[Text, Text]:
    return {"title": title, "payload": payload}


# The answer to every "shall I store this?" question: the words the re-prompts ask for.
YES_NO = [button("确认", "/affirm"), button("不要了", "/deny")]


IDENTITY_LOST = (
    "现在无法确认是借款人本人在操作（登录可能已经失效），刚才的办理没有保存，什么都没有改变。"
    "请重新登录，或者说“验证身份”，之后再办理。"
)


class BorrowerForm(FormValidationAction, ABC):
    # Whether the form works on a verified borrower's own data (a plan, a promise, their settings):
    # if who writes can no longer be told to be them mid-form (the site's token dropped, or "我是他老婆"),
    # the form stops, storing nothing (it crashed on a ledger of nobody: "系统暂时出了点问题", h26b).
    needs_borrower: bool = False

    @abstractmethod
    def name(self) -> Text:
        """validate_<form name>"""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if self.needs_borrower and not tracker.get_slot("form_stopped"):
            check = await identify(tracker)
            if check.borrower_id is None:
                dispatcher.utter_message(text=IDENTITY_LOST)
                return check.events + [SlotSet("form_stopped", True), SlotSet("requested_slot", None)]
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        """None once the form was stopped (form_stopped): the form ends and stores nothing."""
        return [] if tracker.get_slot("form_stopped") else domain_slots

    def bad_answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: Text,
        explanation: Text,
        options: Optional[List[Dict[Text, Text]]] = None,
    ) -> Dict[Text, Any]:
        """Says why the answer does not work and what does; returns the slot reset (or the stop)."""
        return repeated_bad_answer(dispatcher, tracker, slot, explanation, options)

    @staticmethod
    def good_answer(values: Dict[Text, Any]) -> Dict[Text, Any]:
        return {**values, "form_bad_answers": 0.0}


def repeated_bad_answer(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    slot: Text,
    explanation: Text,
    options: Optional[List[Dict[Text, Text]]] = None,
    stopped: Optional[Dict[Text, Any]] = None,
) -> Dict[Text, Any]:
    """First unusable answer: why, and what works. Second in a row: the same plus the ways out as
    buttons. Third: the form stops (`stopped` are the slots that end it; form_stopped by default)."""
    count = int(tracker.get_slot("form_bad_answers") or 0) + 1
    ways_out = [button("算了", "/deny"), button("转人工", "/request_human")]
    said = (tracker.latest_message or {}).get("text") or ""
    if slot.endswith("_confirmed") and (asks_if_reversible(said) or asks_when_it_takes_effect(said)):
        # 确认了以后还能反悔吗 / 是不是设了马上就生效: answered, then the same question (no bad answer counted)
        dispatcher.utter_message(text=ONCE_CONFIRMED.get(slot, ONCE_CONFIRMED_DEFAULT))
        dispatcher.utter_message(text=explanation, buttons=options or [])
        return {slot: None}
    if count >= BAD_ANSWERS_BEFORE_STOPPING:
        dispatcher.utter_message(text=STOPPED, buttons=[button("转人工", "/request_human")])
        return {**(stopped or {slot: None, "form_stopped": True}), "form_bad_answers": 0.0}
    if count >= BAD_ANSWERS_BEFORE_WAYS_OUT:
        dispatcher.utter_message(text=f"{explanation}\n{WAYS_OUT}", buttons=(options or []) + ways_out)
    else:
        dispatcher.utter_message(text=explanation, buttons=options or [])
    return {slot: None, "form_bad_answers": float(count)}


def reset_form(slots) -> List[EventType]:
    """The full reset after a form: its own slots and the offer state."""
    return [SlotSet(s, None) for s in slots] + [
        SlotSet("open_flow", None),
        SlotSet("form_stopped", None),
        SlotSet("form_bad_answers", None),
    ]


class ConfirmedChange(Action, ABC):
    """The submit step of every form that changes stored data: resets the form, and stores only
    what the verified borrower explicitly confirmed."""

    slots: tuple = ()
    confirmed_slot: Text = ""
    declined_response: Text = "utter_relief_cancelled"

    def ready(self, tracker: Tracker) -> bool:
        """Whether everything needed for the change is there (beyond the confirmation)."""
        return True

    @abstractmethod
    async def store(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: Text) -> None:
        """Writes the confirmed change and tells the borrower."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        events = reset_form(self.slots)
        if tracker.get_slot("form_stopped"):  # the form already said why it stopped
            return events
        if tracker.get_slot(self.confirmed_slot) != "yes" or not self.ready(tracker):
            dispatcher.utter_message(response=self.declined_response)
            return events
        borrower_id = (await identify(tracker)).borrower_id
        if borrower_id is None:
            dispatcher.utter_message(response="utter_need_verification")
            return events
        await self.store(dispatcher, tracker, borrower_id)
        return events


def say_once_for_the_message(dispatcher: CollectingDispatcher, tracker: Tracker, text: Text, **kwargs: Any) -> None:
    """Says the text unless an earlier turn cut from the same message (nlu/clauses.py) said it."""
    whole = latest_metadata(tracker).get(WHOLE_MESSAGE)
    if whole:
        for event in reversed(tracker.events):
            if event.get("event") == "bot" and event.get("text") == text:
                return
            if event.get("event") == "user" and (event.get("metadata") or {}).get(WHOLE_MESSAGE) != whole:
                break
    dispatcher.utter_message(text=text, **kwargs)
