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

from actions.wording import NUMBER_FROM
from nlu.signals import asks_to_delete_their_number, asks_where_we_got_the_number

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


# 你们是不是把我的信息卖给第三方催收公司了 我要求查看你们保存了我哪些个人信息 (h28b: only the chat's
# keeping was told, twice): not sold, the rights to know and access (PIPL arts 44–46), and who takes them.
ASKS_SOLD_OR_ACCESS = re.compile(
    r"卖给|卖了|出卖|倒卖|泄露给|给了?(?:第三方|外面|别的公司|催收公司)|第三方催收|外包|"
    r"(?:查看|查阅|看看|调取|复制)(?:你们)?(?:保存|存)?(?:了)?(?:我的?)?(?:哪些)?(?:个人)?(?:信息|资料|数据)"
)
DATA_RIGHTS = (
    "我们不会出售您的个人信息。受我们委托联系您的机构也只能按同样的规定、为同样的目的使用您的信息，我们对它们的行为负责；"
    "如果发现信息被卖给或泄露给了别人，可以说“投诉”登记。按《个人信息保护法》，您有权了解、查阅、复制和更正我们保存的您的个人信息，"
    "这类申请由人工客服受理，核实身份后书面答复您。"
)


class ActionDataKept(Action):
    """What is kept of the borrower and the chat; a request to delete it gets the right and its limits."""

    def name(self) -> Text:
        return "action_data_kept"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        if asks_where_we_got_the_number(text) or (
            tracker.get_slot("not_the_borrower") and asks_to_delete_their_number(text)
        ):
            # 那你们是从哪里拿到我号码的 能不能把我的信息删了, from someone who is not the borrower: the
            # borrower's retention text was told to them (h28b)
            dispatcher.utter_message(text=NUMBER_FROM, buttons=[{"title": "转人工", "payload": "/request_human"}])
            return []
        if ASKS_SOLD_OR_ACCESS.search(text):
            dispatcher.utter_message(text=DATA_RIGHTS, buttons=[{"title": "转人工", "payload": "/request_human"}])
        dispatcher.utter_message(response="utter_data_kept")
        if ASKS_DELETION.search(text):
            dispatcher.utter_message(text=DELETION, buttons=[{"title": "转人工", "payload": "/request_human"}])
        return []
