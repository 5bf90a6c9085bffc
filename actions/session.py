"""The borrower ends the session: every slot is forgotten at once, the verification included, and
host logins from before this moment no longer count in this conversation (actions/identity.py)."""
import time
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher


class ActionEndSession(Action):
    def name(self) -> Text:
        return "action_end_session"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_session_ended")
        return [ActiveLoop(None), AllSlotsReset(), SlotSet("session_ended_at", time.time())]
