"""Coming back after a gap or on another device (actions/interruptions.py): a recap in the
borrower's own words (never a phone number or a code), and an open form paused and asked about."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.interruptions import ActionResumeConversation, last_words
from tests.unit.actions.test_questions_and_identity import CONVERSATION, demo_store, run  # noqa: F401

DOMAIN = {"forms": {"plan_form": {"required_slots": ["plan_term", "plan_confirmed"]}}}


def came_back(said, loop=None, slots=None):
    events = [{"event": "user", "text": t, "parse_data": {"intent": {"name": "x"}}} for t in said]
    events.append(
        {"event": "user", "text": "/resume_conversation", "parse_data": {"intent": {"name": "resume_conversation"}}}
    )
    return Tracker.from_dict(
        {
            "sender_id": CONVERSATION,
            "slots": slots or {},
            "latest_message": {
                "text": "/resume_conversation",
                "intent": {"name": "resume_conversation"},
                "entities": [],
            },
            "events": events,
            "latest_input_channel": "webchat",
            "active_loop": {"name": loop} if loop else {},
            "latest_action_name": "action_listen",
            "paused": False,
            "followup_action": None,
        }
    )


@pytest.mark.asyncio
async def test_an_open_plan_is_paused_and_asked_about():
    dispatcher = CollectingDispatcher()
    events = await ActionResumeConversation().run(dispatcher, came_back(["你好", "我想协商分期"], "plan_form"), DOMAIN)
    messages = dispatcher.messages
    (message,) = messages
    assert message["text"] == (
        "欢迎回来。上次您说到：“我想协商分期”。您上次的协商分期还没有完成，已经先暂停了。要继续办理吗？也可以直接问别的问题。"
    )
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("继续办理", "/ask_instalment_plan"),
        ("不用了", "/deny"),
    ]
    assert {"event": "active_loop", "name": None} in [{k: e.get(k) for k in ("event", "name")} for e in events]
    assert {("plan_term", None), ("plan_confirmed", None), ("open_flow", None)} <= {
        (e["name"], e["value"]) for e in events if e["event"] == "slot"
    }


@pytest.mark.asyncio
async def test_verification_restarts_with_the_question_that_was_waiting():
    waiting = {"pending_request": "action_payment_history"}
    messages, _ = await run(
        ActionResumeConversation(), came_back(["我的还款记录", "13800138001"], "verification_form", waiting)
    )
    assert messages[0]["text"].startswith("欢迎回来。您上次的身份验证还没有完成")  # the phone is not repeated
    assert messages[0]["buttons"][0]["payload"] == "/ask_payment_history"


@pytest.mark.asyncio
async def test_without_an_open_form_only_the_recap():
    messages, events = await run(ActionResumeConversation(), came_back(["罚息怎么算"]))
    assert [m["text"] for m in messages] == ["欢迎回来。上次您说到：“罚息怎么算”。有什么可以继续帮您的？"]
    assert events == []


def test_codes_and_phones_are_never_repeated_back():
    assert last_words(came_back(["我欠多少", "246810"])) == ""
    assert last_words(came_back(["我欠多少", "/affirm"])) == "我欠多少"
    assert last_words(came_back([])) == ""
