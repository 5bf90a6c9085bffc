"""The one form-validation base class: explains a bad answer with the valid options, counts
repeated bad answers, and after the third asks whether to go on (or cancel, or reach a human)."""
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.identity import identify

BAD_ANSWERS_BEFORE_ASKING = 3


def button(title: Text, payload: Text) -> Dict[Text, Text]:
    return {"title": title, "payload": payload}


class BorrowerForm(FormValidationAction, ABC):
    @abstractmethod
    def name(self) -> Text:
        """validate_<form name>"""

    def bad_answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: Text,
        explanation: Text,
        options: Optional[List[Dict[Text, Text]]] = None,
    ) -> Dict[Text, Any]:
        """Says why the answer does not work and what does; returns the slot reset."""
        count = int(tracker.get_slot("form_bad_answers") or 0) + 1
        if count >= BAD_ANSWERS_BEFORE_ASKING:
            dispatcher.utter_message(
                text=f"{explanation}\n看起来这一步不太顺利。要继续办理吗？可以直接点下面的选项，说“算了”取消，或者说“转人工”找客服。",
                buttons=(options or []) + [button("算了", "/deny"), button("转人工", "/request_human")],
            )
            count = 0
        else:
            dispatcher.utter_message(text=explanation, buttons=options or [])
        return {slot: None, "form_bad_answers": float(count)}

    @staticmethod
    def good_answer(values: Dict[Text, Any]) -> Dict[Text, Any]:
        return {**values, "form_bad_answers": 0.0}


def reset_form(slots) -> List[EventType]:
    """The full reset after a form: its own slots and the offer state."""
    return [SlotSet(s, None) for s in slots] + [
        SlotSet("relief_offer", None), SlotSet("relief_stop", None), SlotSet("form_bad_answers", None),
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
        if tracker.get_slot("relief_stop"):  # the form already said why it stopped
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
