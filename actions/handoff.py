"""Reaching a human: stores a handoff request with a short summary for the agent."""

from datetime import datetime, timezone
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.identity import identify
from actions.store_access import in_thread, loan_store

SUMMARY_TURNS = 8


def conversation_summary(tracker: Tracker, borrower_id) -> str:
    """What the agent needs first: who (if verified) and what was asked, by intent, not raw text."""
    intents = [
        (e.get("parse_data") or {}).get("intent", {}).get("name") for e in tracker.events if e.get("event") == "user"
    ]
    asked = [name for name in intents if name and name != "request_human"][-SUMMARY_TURNS:]
    who = f"已验证借款人 {borrower_id}" if borrower_id else "未验证身份的访客"
    return f"{who}；渠道 {tracker.get_latest_input_channel() or '未知'}；此前询问：{'、'.join(asked) or '无'}"


class ActionRequestHuman(Action):
    def name(self) -> Text:
        return "action_request_human"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        check = await identify(tracker)
        ticket = await in_thread(
            loan_store().create_handoff,
            tracker.sender_id,
            check.borrower_id,
            conversation_summary(tracker, check.borrower_id),
            datetime.now(timezone.utc).replace(tzinfo=None),
        )
        dispatcher.utter_message(response="utter_handoff_created", handoff_reference=ticket.reference)
        return check.events
