"""The borrower ends the session: every slot is forgotten at once, the verification included, and
host logins from before this moment no longer count in this conversation (actions/identity.py).
The channel is told too (`{"session_ended": true}`), so the web chat can wipe what the browser
kept of the conversation."""

import time
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

SESSION_ENDED = {"session_ended": True}


class ActionEndSession(Action):
    def name(self) -> Text:
        return "action_end_session"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_session_ended")
        dispatcher.utter_message(json_message=SESSION_ENDED)
        return [ActiveLoop(None), AllSlotsReset(), SlotSet("session_ended_at", time.time())]
