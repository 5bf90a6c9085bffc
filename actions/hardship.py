"""Hardship: empathy first, a human at once on any sign of crisis, then the options this borrower has."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import button
from actions.identity import identify, latest_metadata
from actions.relief import relief_options
from actions.store_access import in_thread, loan_store
from nlu.clauses import FLOW_ASKED, MORE_TURNS
from nlu.signals import wants_to_negotiate
from rules.calendar import today
from rules.overdue import overdue_summary
from rules.wellbeing import suggests_crisis

NEGOTIATE_HERE = (
    "可以，您本人直接跟我们谈就行，不需要通过任何中介或“协商机构”，也不收任何费用：就在这里，可以申请协商分期、延期还款，"
    "或者约定一个还款日期；想跟人谈，可以转人工。"
)

# The requests for relief a story may come before, in one message.
RELIEF_ASKED = frozenset({"ask_instalment_plan", "ask_extension", "promise_to_pay"})


class ActionHardship(Action):
    def name(self) -> Text:
        return "action_hardship"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        if wants_to_negotiate(text) and not suggests_crisis(text):
            # 我自己能跟你们谈吗 怎么谈: yes, here, with no go-between (it was not understood)
            dispatcher.utter_message(text=NEGOTIATE_HERE)
        else:
            dispatcher.utter_message(response="utter_hardship_empathy")
        if suggests_crisis(text):
            dispatcher.utter_message(response="utter_crisis_support", buttons=[button("马上转人工", "/request_human")])
            return []
        metadata = latest_metadata(tracker)
        if metadata.get(MORE_TURNS) and metadata.get(FLOW_ASKED) in RELIEF_ASKED:
            # 孩子生病住院 手头很紧 能不能晚几天再还: the relief asked for is answered next — not a menu of all of
            # them first (the options and then the extension's own question, twice over)
            return []
        check = await identify(tracker)
        if check.borrower_id is None:
            dispatcher.utter_message(
                response="utter_hardship_options_unverified",
                buttons=[
                    button("协商分期", "/ask_instalment_plan"),
                    button("申请延期", "/ask_extension"),
                    button("转人工", "/request_human"),
                ],
            )
            return check.events
        ledger = await in_thread(loan_store().ledger, check.borrower_id)
        options = await relief_options(check.borrower_id, ledger)
        if overdue_summary(ledger, today()).is_overdue:
            options.append(button("约定还款日期", "/promise_to_pay"))
        options.append(button("转人工", "/request_human"))
        names = "、".join(b["title"] for b in options[:-1])
        if names:
            dispatcher.utter_message(response="utter_hardship_options", options=names, buttons=options)
        else:
            dispatcher.utter_message(response="utter_hardship_no_online_option", buttons=options)
        return check.events
