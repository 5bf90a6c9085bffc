"""Tracker events exactly as Rasa 3.6's event broker publishes them, made by Rasa's own code.

A `Conversation` plays turns onto a real DialogueStateTracker: the action server's messages are
what rasa_sdk's dispatcher produces (the same calls as in actions/*.py), turned into bot events by
Rasa's RemoteAction with the domain's responses, and every turn is saved through Rasa's tracker
store, whose streaming step builds the published bodies (`{"sender_id": …, **event.as_dict()}`).
"""

import asyncio
import functools
import json
import uuid
from datetime import datetime
from typing import Any, Dict, List, Optional

from rasa_sdk.executor import CollectingDispatcher

from tests.conftest import ROOT


@functools.lru_cache(maxsize=1)
def rasa_parts():
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(ROOT / "domain.yml"))
    return domain, TemplatedNaturalLanguageGenerator(domain.responses), RemoteAction, CollectingOutputChannel


class Collector:
    """An event broker that keeps what is published."""

    def __init__(self) -> None:
        self.bodies: List[Dict[str, Any]] = []

    def publish(self, event: Dict[str, Any], headers: Optional[Dict[str, str]] = None) -> None:
        self.bodies.append(json.loads(json.dumps(event)))  # what goes over the wire


class Conversation:
    """One conversation, turn by turn; each event one and a half seconds after the previous one."""

    def __init__(self, sender_id: str, start: datetime, broker: Any) -> None:
        from rasa.core.tracker_store import InMemoryTrackerStore
        from rasa.shared.core.trackers import DialogueStateTracker

        domain = rasa_parts()[0]
        self.sender_id, self.clock = sender_id, start.timestamp()
        self.store = InMemoryTrackerStore(domain, event_broker=broker)
        self.tracker = DialogueStateTracker(sender_id, domain.slots)
        self._pending: list = []

    def _at(self) -> float:
        self.clock += 1.5
        return self.clock

    def _event(self, event) -> None:
        event.timestamp = self._at()
        self._pending.append(event)

    def start_session(self) -> "Conversation":
        from rasa.shared.core.events import ActionExecuted, SessionStarted

        self._event(ActionExecuted("action_session_start", policy=None, confidence=1.0))
        self._event(SessionStarted())
        self._event(ActionExecuted("action_listen"))
        return self

    def user(self, text: str, intent: Optional[str], confidence: float = 0.97) -> "Conversation":
        from rasa.shared.core.events import UserUttered

        parse_data = {
            "text": text,
            "intent": {"name": intent, "confidence": confidence} if intent else {"name": None, "confidence": 0.0},
            "entities": [],
            "intent_ranking": [{"name": intent, "confidence": confidence}] if intent else [],
            "message_id": uuid.uuid4().hex,
            "metadata": {},
        }
        self._event(
            UserUttered(
                text,
                parse_data["intent"],
                [],
                parse_data,
                input_channel="rest",
                message_id=parse_data["message_id"],
                metadata={},
            )
        )
        return self

    def action(self, name: str, *messages: Dict[str, Any], slots: Optional[Dict[str, Any]] = None) -> "Conversation":
        """The action, then its messages as Rasa makes bot events of them, then the slots it sets."""
        from rasa.shared.core.events import ActionExecuted, SlotSet

        domain, nlg, remote_action, output_channel = rasa_parts()
        self._event(ActionExecuted(name, policy="RulePolicy", confidence=1.0))
        responses = json.loads(json.dumps(list(messages)))  # as they come back from the action server
        for bot in asyncio.run(remote_action._utter_responses(responses, output_channel(), nlg, self.tracker)):
            self._event(bot)
        for slot, value in (slots or {}).items():
            self._event(SlotSet(slot, value))
        return self

    def listen(self) -> "Conversation":
        """The end of a turn: Rasa saves the tracker, and its store publishes the new events."""
        from rasa.shared.core.events import ActionExecuted

        self._event(ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0))
        domain = rasa_parts()[0]
        for event in self._pending:
            self.tracker.update(event, domain)
        self._pending = []
        asyncio.run(self.store.save(self.tracker))
        return self


def say(text: Optional[str] = None, response: Optional[str] = None, **kwargs: Any) -> Dict[str, Any]:
    """One message as rasa_sdk's dispatcher sends it to Rasa."""
    dispatcher = CollectingDispatcher()
    dispatcher.utter_message(text=text, response=response, **kwargs)
    return dispatcher.messages[0]


# The turns below send what the actions send (actions/relief.py, conduct.py, handoff.py).


def accepted_plan(c: Conversation, plan_id: str) -> Conversation:
    return (
        c.user("确认", "affirm")
        .action("plan_form", slots={"plan_confirmed": "yes", "requested_slot": None})
        .action(
            "action_submit_plan",
            say(
                response="utter_plan_accepted", plan_id=plan_id, months=6, monthly="580.32", first_due="2026年12月20日"
            ),
            slots={"plan_term": None, "plan_amount": None, "plan_confirmed": None, "open_flow": None},
        )
        .listen()
    )


def declined_plan(c: Conversation) -> Conversation:
    return (
        c.user("算了", "deny")
        .action("plan_form", slots={"plan_confirmed": "no", "requested_slot": None})
        .action(
            "action_submit_plan",
            say(response="utter_relief_cancelled"),
            slots={"plan_term": None, "plan_amount": None, "plan_confirmed": None, "open_flow": None},
        )
        .listen()
    )


def granted_extension(c: Conversation, extension_id: str) -> Conversation:
    text = (
        f"延期已办理，编号 {extension_id}，延期15天。新的还款日：\n· 借款 L1001 第3期：2026年12月5日（原 2026年11月20日）\n"
        "请在新的还款日前还款；过了新的还款日仍未还，会重新开始计算罚息。"
    )
    return (
        c.user("确认", "affirm")
        .action("extension_form", slots={"extension_confirmed": "yes", "requested_slot": None})
        .action(
            "action_submit_extension",
            say(text=text),
            slots={"extension_days": None, "extension_confirmed": None, "open_flow": None},
        )
        .listen()
    )


def refused_extension(c: Conversation) -> Conversation:
    return (
        c.user("确认", "affirm")
        .action("extension_form", slots={"extension_confirmed": "yes", "requested_slot": None})
        .action(
            "action_submit_extension",
            say(response="utter_extension_refused_recent", granted_on="2026年11月2日"),
            say(response="utter_offer_human", buttons=[{"title": "转人工", "payload": "/request_human"}]),
            slots={"extension_days": None, "extension_confirmed": None, "open_flow": None},
        )
        .listen()
    )


def recorded_promise(c: Conversation, promise_id: str) -> Conversation:
    return (
        c.user("确认", "affirm")
        .action("promise_form", slots={"promise_confirmed": "yes", "requested_slot": None})
        .action(
            "action_submit_promise",
            say(
                response="utter_promise_recorded",
                promise_id=promise_id,
                amount="500.00",
                pay_on="2026年11月27日（星期五）",
            ),
            slots={"promise_amount": None, "promise_date": None, "promise_confirmed": None},
        )
        .listen()
    )


def filed_complaint(c: Conversation, ticket: str) -> Conversation:
    return (
        c.user("他们半夜打电话骂我", "report_improper_collection")
        .action(
            "action_start_complaint",
            say(response="utter_complaint_sorry"),
            slots={"open_flow": "complaint", "complaint_text": "他们半夜打电话骂我"},
        )
        .action("complaint_form", slots={"complaint_category": "abusive_language", "requested_slot": None})
        .action(
            "action_submit_complaint",
            say(
                text=f"已为您登记投诉，工单号 {ticket}（类别：辱骂）。我们会在24小时内答复您，最晚 11月21日 10:00。\n"
                "登记的内容：\n· 时间：不详\n· 来电号码或工号：不详\n· 您说的经过：“他们半夜打电话骂我”\n"
                "有不对或要补充的，直接说“补充：……”，会加到这张工单里。"
            ),
            say(response="utter_complaint_next_steps"),
            slots={"complaint_category": None, "complaint_text": None},
        )
        .listen()
    )


def handoff(c: Conversation, reference: str) -> Conversation:
    return (
        c.user("转人工", "request_human")
        .action("action_request_human", say(response="utter_handoff_created", handoff_reference=reference))
        .listen()
    )


def question(c: Conversation, text: str, intent: str, action: str, answer: str) -> Conversation:
    return c.user(text, intent).action(action, say(text=answer)).listen()
