"""Low-confidence messages: first ask again (with the likely topics as buttons), then offer a human."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

# Button labels for the intents a borrower most likely meant.
TOPIC_LABELS = {
    "check_overdue": "查询欠款",
    "ask_due_date": "还款日",
    "ask_penalty_interest": "罚息",
    "ask_how_to_repay": "怎么还款",
    "ask_instalment_plan": "协商分期",
    "ask_extension": "延期还款",
    "report_improper_collection": "投诉催收",
    "ask_credit_record": "征信",
    "request_human": "转人工",
}


def previous_bot_action(tracker: Tracker) -> Text:
    """The last action before the current user message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return ""
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") or ""
    return ""


class ActionFallback(Action):
    def name(self) -> Text:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if previous_bot_action(tracker) == self.name():
            dispatcher.utter_message(
                text="还是没能理解您的意思，抱歉。需要为您转人工客服吗？",
                buttons=[
                    {"title": "转人工", "payload": "/request_human"},
                    {"title": "不用了", "payload": "/deny"},
                ],
            )
            return []
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        likely = [r["name"] for r in ranking if r.get("name") in TOPIC_LABELS][:3]
        if "request_human" not in likely:
            likely.append("request_human")
        dispatcher.utter_message(
            text="抱歉，我没太明白您的意思。您可以换个说法，或者选择您想问的：",
            buttons=[{"title": TOPIC_LABELS[name], "payload": f"/{name}"} for name in likely],
        )
        return []
