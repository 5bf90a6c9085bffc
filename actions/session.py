"""The borrower ends the session: every slot is forgotten at once, the verification included, and
host logins from before this moment no longer count in this conversation (actions/identity.py).
The channel is told too (`{"session_ended": true}`), so the web chat can wipe what the browser
kept of the conversation."""

import re
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


# 我想注销账户 把我的个人信息全部删掉 / 根据个人信息保护法我有权要求删除吧: deletion, not only what is kept.
ASKS_DELETION = re.compile(r"删除|删掉|删了|注销|销户|清除|抹掉|个人信息保护法|个保法|不想让你们保存")
DELETION = (
    "您说得对，按《个人信息保护法》，您有权要求删除您的个人信息。不过借款还没有结清时，借款合同、还款记录和核实身份所需的信息"
    "是履行合同所必需的，不能删除；结清之后，这些记录也要按法律法规要求的期限保存，期间只做保存，不再用于其他用途。"
    "不再需要的信息（例如营销推送）可以删除或停止使用。注销账户和删除申请由人工客服受理并书面答复您，需要的话我现在为您转人工。"
)


class ActionDataKept(Action):
    """What is kept of the borrower and the chat; a request to delete it gets the right and its limits."""

    def name(self) -> Text:
        return "action_data_kept"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_data_kept")
        if ASKS_DELETION.search((tracker.latest_message or {}).get("text") or ""):
            dispatcher.utter_message(text=DELETION, buttons=[{"title": "转人工", "payload": "/request_human"}])
        return []
