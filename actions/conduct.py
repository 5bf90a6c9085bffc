"""Collection conduct: complaints with policy cross-checks, contact history, contact controls,
and what being overdue means for this borrower."""

import re
from datetime import date, time
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import wording
from actions.forms import YES_NO, BorrowerForm, ConfirmedChange, button, reset_form, say_once_for_the_message
from actions.handoff import ABOUT_THE_BOT, ActionRequestHuman, note_for_the_agent, when_answered
from actions.identity import BorrowerQuestion, identify, latest_metadata, previous_bot_action, question_text
from actions.overdue import ActionCheckOverdue
from actions.servicing import ActionEarlySettlement, follows_a_settlement_quote
from actions.store_access import in_thread, loan_store
from nlu.clauses import WHOLE_MESSAGE
from nlu.signals import (
    addition_of,
    adds_to_complaint,
    agrees_to_the_change,
    asks,
    asks_about_workplace,
    asks_for_days_off,
    asks_if_a_collectors_claim_is_true,
    asks_if_a_legal_notice_is_ours,
    asks_if_a_message_is_ours,
    asks_if_another_lender_is_us,
    asks_if_impersonation_is_real,
    asks_own_contact_history,
    asks_to_change_a_contact,
    asks_to_change_back_later,
    asks_when_answered,
    asks_who_asked_about_me,
    calls_annoy,
    complaint_ticket_in,
    disputes_contact_on_file,
    disputes_credit_record,
    follows_up_on_credit,
    hours_for_every_contact,
    means_to_complain,
    names_other_lenders_collectors,
    other_lenders_in,
    says_not_the_borrower,
    says_paid_but_not_showing,
    tells_of_hardship_news,
    tells_of_violence_threatened,
    wants_no_contact_at_all,
)
from parsing.contact_changes import (
    ANY_CHANNEL,
    ContactChannel,
    ContactHours,
    WithdrawContact,
    changes_from_slot,
    changes_to_slot,
    person_asked_about,
    relations_not_listed,
    revised_changes,
    wanted_changes,
)
from parsing.values import (
    after_change_word,
    caller_of,
    complaint_category,
    is_nobody,
    is_skip,
    others_contacted,
    others_of,
    payments_period,
    period_asked,
    when_of,
)
from rules.calendar import beijing_time, today, utc_now
from rules.contact_plan import PlannedContact, plan_days
from rules.contact_policy import (
    COMPLAINT_CATEGORIES,
    EMERGENCY_AFTER_DAYS,
    NOT_MADE,
    WINDOW_END,
    WINDOW_START,
    complaint_urgency,
    emergency_contacts_reached,
    history_to_borrower,
    preferred_hours_valid,
)
from rules.figures import POLICY_FIGURES
from rules.overdue import overdue_summary

UNKNOWN = "不详"
STORED_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}\b")  # 2026-11-18 前天晚上十点: as when_of writes it
CHECKED_AGAINST_LOG = "不记得也没关系，这一项先记为“不详”，我们会对照自己的联系记录核查。"
NOBODY = "无"
COMPLAINT_SLOTS = ("complaint_category", "complaint_text", "complaint_when", "complaint_caller", "complaint_others")
CATEGORY_BUTTONS = [button(wording.CATEGORY_NAMES[c], wording.CATEGORY_NAMES[c]) for c in COMPLAINT_CATEGORIES]


def category_from_answer(text: Text) -> Optional[Text]:
    for key, name in wording.CATEGORY_NAMES.items():
        if name in text:
            return key
    return complaint_category(text)


# Complaints --------------------------------------------------------------------------------------


async def add_to_complaint(dispatcher: CollectingDispatcher, borrower_id: Text, text: Text) -> bool:
    """我想补充一下刚才的投诉，他还骂人了: kept with the complaint it names (or the latest one),
    not filed as a new one. False when the borrower has no complaint to add to."""
    store = loan_store()
    tickets = await in_thread(store.complaints, borrower_id)
    named = complaint_ticket_in(text)
    ticket = next((t for t in tickets if t.ticket == named), None) if named else (tickets[-1] if tickets else None)
    if ticket is None:
        if named:  # a number that is not one of theirs: said so, nothing filed or changed
            dispatcher.utter_message(
                text=f"您名下没有编号为 {named} 的投诉，请核对一下编号；也可以直接说要投诉的情况。"
            )
            return True
        return False
    addition = addition_of(text)
    if len(re.sub(r"\W", "", addition)) < 5:  # 不是新投诉，是给工单…补充情况: the words are still to come
        dispatcher.utter_message(
            text=f"好的，是补充投诉 {ticket.ticket}。请把要补充的内容发给我，开头写“补充：”，例如“补充：他还说要去我单位”。"
        )
        return True
    await in_thread(store.add_to_complaint, borrower_id, ticket.ticket, addition, utc_now())
    dispatcher.utter_message(
        text=f"已把您补充的内容记到投诉 {ticket.ticket} 里：“{addition[:200]}”。处理的同事会一并核查，" "答复时间不变。"
    )
    return True


ADD_NEEDS_VERIFYING = (
    "补充的内容要记到您名下的投诉里，需要先确认您的身份：验证后再发给我就行。不方便验证的话，可以说“转人工”，"
    "客服会记下来。"
)
NOTHING_TO_ADD_TO = "您名下目前没有投诉可以补充。要投诉的话，点“投诉”或者直接说发生了什么，我帮您登记。"


class ActionAddToComplaint(Action):
    """工号好像是A1023, right after a complaint was filed: kept with that complaint."""

    def name(self) -> Text:
        return "action_add_to_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        check = await identify(tracker)
        text = (tracker.latest_message or {}).get("text") or ""
        ended: List[EventType] = []
        if (tracker.active_loop or {}).get("name") == "complaint_form":
            # 把10点40那个补到刚才那个单子里就行, in a second complaint's form: that form ends, nothing of it filed
            from actions.interruptions import leave_form  # (interruptions imports this module)

            ended = leave_form(tracker, domain)
            dispatcher.utter_message(text="好的，不另外登记新的投诉。")
        if check.borrower_id is None:
            # 补充：… from someone not verified: where it can go (it got "这条消息我暂时没能处理好")
            dispatcher.utter_message(
                text=ADD_NEEDS_VERIFYING,
                buttons=[button("验证身份", "/start_verification"), button("转人工", "/request_human")],
            )
        elif not await add_to_complaint(dispatcher, check.borrower_id, text):
            dispatcher.utter_message(text=NOTHING_TO_ADD_TO, buttons=[button("投诉", "/report_improper_collection")])
        return check.events + ended


HOURS_ASKED = re.compile(r"几点到几点|几点(?:能|可以)打|什么时间(?:能|可以)打|规定几点|算不算违规|算违规吗")
HOURS_RULE = f"按我们的规定，电话和短信只在每天 {POLICY_FIGURES['contact_hours']} 之间。"
# 能不能别再联系我妈了: a request to stop contact; 打给我妈了 / 我妈接到了: contact told.
STOP_ASKED = re.compile(r"(?:别|不要|不准|不许|停止)(?:再)?(?:联系|打给|打电话给|找|骚扰|打扰)")
_CONTACT_VERB = re.compile(r"(?:联系|打给|打电话给|找|骚扰|打扰)(?:过)?[^，,。？?]{0,4}了|接到|收到")


def contact_told(text: Text) -> bool:
    """打给我妈了 / 我妈接到了: a contact told — not one asked to stop (别再联系我妈了)."""
    return any(not STOP_ASKED.search(text[max(0, m.start() - 4) : m.end()]) for m in _CONTACT_VERB.finditer(text))


IMPERSONATION_ANSWER = (
    f"这不是我们的做法：{wording.NOT_AS_AUTHORITIES}。{wording.NOT_A_CRIME}；"
    "真正的起诉由法院按法定程序送达文书。对方让您转账的话请不要转。这通电话我们帮您登记投诉、核查："
)


def story_before_the_button(tracker: Tracker) -> Text:
    """The borrower's words that the answer offering "投诉登记" answered, when that button began the
    complaint; "" otherwise."""
    offered, seen_latest = False, False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if not seen_latest:
                seen_latest = True
                continue
            said = event.get("text") or ""
            return said[:2000] if offered and not said.startswith("/") else ""
        if event.get("event") == "bot" and seen_latest:
            buttons = ((event.get("data") or {}).get("buttons")) or []
            offered = offered or any(b.get("payload") == "/report_improper_collection" for b in buttons)
    return ""


def story_before_the_request(tracker: Tracker, request: Text) -> Text:
    """The borrower's message just before the one that only asked to complain (我要投诉), when it tells
    what a collector did; "" otherwise."""
    users = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    for index in range(len(users) - 1, 0, -1):
        if users[index] == request:
            before = users[index - 1]
            told = complaint_category(before) or others_contacted(before) or when_of(before, today())
            return before[:2000] if told and not before.startswith("/") else ""
    return ""


def story_told_lately(tracker: Tracker, request: Text, turns: int = 3) -> Text:
    """The latest of the borrower's few messages before this one that tells what a collector did (a
    category of improper collection in it); "" when none does."""
    users = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    if request in users:
        users = users[: len(users) - 1 - users[::-1].index(request)]
    for before in reversed(users[-turns:]):
        if not before.startswith("/") and complaint_category(before):
            return before[:2000]
    return ""


SAFETY_FIRST = (
    "您和家人的安全最要紧：如果觉得有人身危险，请马上拨打110报警。这样的威胁是严重违规，"
    "我马上为您登记成紧急投诉，2小时内会有人处理。"
)


def only_annoyed(text: Text) -> bool:
    """天天打电话烦死了 / 你们烦不烦: the contacts felt as too many — no breach told, no complaint meant."""
    return calls_annoy(text) and complaint_category(text) is None and not means_to_complain(text)


ANNOYED_BEFORE_LOGIN = (
    f"抱歉让您觉得烦了。按我们的规定，电话只在每天 {POLICY_FIGURES['contact_hours']} 之间打，一天最多 "
    f"{POLICY_FIGURES['max_calls_a_day']} 次，也不会跟您的家人、同事说欠款的事。"
)


class ActionStartComplaint(BorrowerQuestion):
    action_name = "action_start_complaint"
    reset_while_unverified = ("open_flow",)
    public_answer = "utter_complaint_before_verification"
    # 你们烦不烦, not logged in: the rule, and what can be done — not a login begun for a complaint nobody
    # asked to file (h35a)
    offered_after_rule = {
        "text": "想看我们具体联系了您几次，或者改成只发短信、只在某个时段联系，需要先验证身份；"
        "觉得我们的人违规了，可以登记投诉。",
        "buttons": [
            button("验证身份", "/start_verification"),
            button("登记投诉", "/report_improper_collection"),
            button("转人工", "/request_human"),
        ],
    }

    def public_answer_for(self, text: Text) -> Optional[Text]:
        return None if only_annoyed(text) else self.public_answer

    def public_points(self, text: Text) -> List[Text]:
        return [ANNOYED_BEFORE_LOGIN] if only_annoyed(text) else []

    third_party_answer = (
        f"很抱歉让您遇到这样的事。辱骂、威胁、在每天 {POLICY_FIGURES['contact_hours']} 以外打电话、向借款人以外的人施压，"
        "都是我们明令禁止的。"
        "您不是借款人，不用验证身份：转人工可以直接登记您的投诉（大概的时间、来电号码、对方说了什么），核查后会答复您。"
    )

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = question_text(tracker, self.action_name)
        if ABOUT_THE_BOT.search(text) and complaint_category(text) is None and "催" not in text:
            # 我要投诉这个机器人: about this assistant, not our collectors — a person, with the complaint noted
            return await ActionRequestHuman().run(dispatcher, tracker, domain) + [SlotSet("open_flow", None)]
        if names_other_lenders_collectors(text) and not text.startswith("/"):
            # 借呗的催收天天打电话骂我: another lender's collectors — whoever asks, before any verification
            say_once_for_the_message(
                dispatcher,
                tracker,
                wording.other_lenders_collectors(other_lenders_in(text)),
                buttons=[button("是自称你们的人，我要投诉", "/report_improper_collection")],
            )
            return [SlotSet("open_flow", None), SlotSet("needs_verification", False)]
        if asks_if_impersonation_is_real(text) and not text.startswith("/"):
            # 自称律师的人打电话说…要抓我 真的假的: answered before the complaint's questions (it went unanswered)
            say_once_for_the_message(dispatcher, tracker, IMPERSONATION_ANSWER)
        if tells_of_violence_threatened(text) and not text.startswith("/"):
            # 催收的人说要弄死我全家 我好害怕: their safety first, before any question (the form came, 110 last, h31b)
            say_once_for_the_message(dispatcher, tracker, SAFETY_FIRST)
        return await super().run(dispatcher, tracker, domain)

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        text = question_text(tracker, self.action_name)
        if says_paid_but_not_showing(text) and complaint_category(text) is None:
            # "我要投诉，钱扣了没到账": a payment that does not show, not collectors' conduct — what
            # the ledger received and what is still due, and a person to check the payment.
            return [SlotSet("open_flow", None)] + await ActionCheckOverdue().answer(dispatcher, tracker, borrower_id)
        if only_annoyed(text):
            # 天天打电话烦死了: not a complaint form begun, nor a breach claimed — the rule, what our
            # log holds, and the settings that make it fewer (a complaint stays one press away).
            store = loan_store()
            log = await in_thread(store.contact_log, borrower_id)
            broken = await in_thread(store.contact_breaches, borrower_id)
            prefs = await in_thread(store.preferences, borrower_id)
            settings = [] if prefs.channel else [button("只发短信", "以后只发短信")]
            settings += [] if prefs.window_start else [button("只在下午联系", "只在下午联系我")]
            dispatcher.utter_message(
                text=wording.calls_felt_too_many(log, broken, today(), prefs),
                buttons=settings + [button("登记投诉", "/report_improper_collection")],
            )
            return [SlotSet("open_flow", None)]
        if adds_to_complaint(text):
            added = await add_to_complaint(dispatcher, borrower_id, text)
            if added:
                return [SlotSet("open_flow", None)]
        whole = str(latest_metadata(tracker).get(WHOLE_MESSAGE) or "")
        if whole and whole != text and not means_to_complain(whole) and not text.startswith("/"):
            # 催收说要上门 还要通知我单位 是真的吗？我会坐牢吗: the question was answered; what the
            # collector did is a complaint offered, not one begun unasked.
            dispatcher.utter_message(
                text="您说的催收人员的这些说法和做法，不符合我们的规定。需要的话，我可以帮您登记投诉，我们会核查处理并答复您。",
                buttons=[button("登记投诉", "/report_improper_collection"), button("不用了", "/deny")],
            )
            return [SlotSet("open_flow", None)]
        if (
            ASKS_IF_ALLOWED.search(text)
            and not means_to_complain(text)
            and complaint_category(text) == "outside_hours"
            and not text.startswith("/")
        ):
            # 晚上十点多还打电话？这合规吗: the hours rule, and our own log's calls that broke it (it got
            # a line about threats and abuse)
            broken = await in_thread(loan_store().contact_breaches, borrower_id)
            dispatcher.utter_message(text=OUTSIDE_HOURS_ANSWER)
            if broken:
                dispatcher.utter_message(text=wording.history_breaches(broken))
            dispatcher.utter_message(
                text="需要的话，我可以帮您登记投诉，我们会核查处理并答复您。",
                buttons=[button("登记投诉", "/report_improper_collection"), button("不用了", "/deny")],
            )
            return [SlotSet("open_flow", None)]
        if ASKS_IF_ALLOWED.search(text) and not means_to_complain(text) and not text.startswith("/"):
            # 催收员说要去我公司闹 这样合法吗: the question answered first (no), then a complaint offered
            dispatcher.utter_message(
                text="不合法，也不符合我们的规定：催收人员不得威胁、辱骂您，不得到您的单位或家里闹，也不得向任何第三方透露"
                "您的债务。需要的话，我可以帮您登记投诉，我们会核查处理并答复您。",
                buttons=[button("登记投诉", "/report_improper_collection"), button("不用了", "/deny")],
            )
            return [SlotSet("open_flow", None)]
        dispatcher.utter_message(response="utter_complaint_sorry")
        open_ones = [t for t in await in_thread(loan_store().complaints, borrower_id) if t.status == "open"]
        if open_ones:
            # a second complaint the same day began as if there were none: the open one named, and how
            # to add to it — this one is filed as new
            dispatcher.utter_message(
                text="您已经有进行中的投诉：\n"
                + "\n".join(wording.complaint_status_line(t) for t in open_ones[-2:])
                + "\n如果是同一件事，直接说“补充：……”就会加到那张工单里；下面按一件新的投诉登记。"
            )
        if not text.startswith("/"):
            store = loan_store()
            contacts = await in_thread(store.emergency_contacts, borrower_id)
            asked = person_asked_about(text, contacts)
            if asked:  # 我妈说你们半夜给她打电话: what our log holds of her, before the form's questions
                log = await in_thread(store.contact_log, borrower_id)
                dispatcher.utter_message(
                    text="先说我们的记录："
                    + wording.contact_of_person(asked[0], asked[1], emergency_contacts_reached(log), contacts)
                )
        # (a button's payload is no one's words: "/report_improper_collection；两个都有…" was filed; the
        # story told just before the button offering the complaint is the complaint's, h26b: it was empty)
        told = story_before_the_button(tracker) if text.startswith("/") else text[:2000]
        if only_asks_to_complain(text):
            # 今天下午有兩個男的…跟鄰居講我欠錢不還 … 我要投訴: the story told just before the bare request is
            # the complaint's (h29b: "經過：我要投訴", and the time and the neighbours asked again)
            story = story_before_the_request(tracker, text)
            if story:
                told, text = f"{story}；{text}"[:2000], story
        elif not text.startswith("/") and complaint_category(text) is None:
            # 催收的说…打断我的腿…不想活了 (the crisis answer), then 嗯 我会打的 但是那个催收的我要投诉: the threat
            # told a little before is the complaint's (the ticket held no threat, h32b)
            story = story_told_lately(tracker, text)
            if story:
                told, text = f"{story}；{text}"[:2000], f"{story}；{text}"
        events: List[EventType] = [SlotSet("open_flow", "complaint"), SlotSet("complaint_text", told)]
        found = {
            "complaint_category": complaint_category(text),
            "complaint_when": when_of(text, today()),
            "complaint_caller": caller_of(text),
            "complaint_others": others_contacted(text),
        }
        events += [SlotSet(name, value) for name, value in found.items() if value]
        return events


# 这样合法吗 / 可以这样吗 / 他们能这么做吗: whether what the collector did is allowed.
OUTSIDE_HOURS_ANSWER = f"不合规。按我们的规定，电话和短信只在每天 {POLICY_FIGURES['contact_hours']} 之间，这个时间以外打来的电话不符合规定。"
ASKS_IF_ALLOWED = re.compile(
    r"合法吗|违法吗|合规吗|违规吗|犯法吗|可以这样吗|能这样吗|能这么做吗|可以这么做吗|有权(?:这样|这么)|"
    r"(?:这|这样|这么做)(?:正常|对)吗|正常不"
)


def details_told(tracker: Tracker, text: Text, asked: Text = "complaint_category") -> Dict[Text, Any]:
    """上周 晚上11点多打电话骂我, as the answer to "which kind" (or 昨天早上九点多 还骂了人 工号C-215
    as the answer to "when"): what the step asked, and also when it happened, who called and who
    else was contacted when the words say — not asked again — a threat or impersonation said later
    makes the complaint urgent, and the words are kept with the complaint's description."""
    if text.startswith("/") or text in wording.CATEGORY_NAMES.values() or text in COMPLAINT_CATEGORIES:
        return {}
    if STORED_VALUE.match(text) or text in (UNKNOWN, NOBODY):
        return {}  # a value the form filled from the first message, validated again: not new words
    found = {
        "complaint_when": when_of(text, today()),
        "complaint_caller": caller_of(text),
        "complaint_others": others_contacted(text) if asked != "complaint_others" else None,
    }
    # 等下号码我看错了，是0571-88662213 (a later step): a correction replaces what was kept (h29a: the
    # number withdrawn was filed)
    correcting = bool(_CORRECTION.search(text))
    if correcting and asked != "complaint_caller":
        found["complaint_caller"] = caller_of(corrected(text))
    told = {
        slot: value
        for slot, value in found.items()
        if value and slot != asked and (correcting or not tracker.get_slot(slot))
    }
    named, current = complaint_category(text), tracker.get_slot("complaint_category")
    if (
        asked != "complaint_category"
        and named
        and current
        and complaint_urgency(named)[0] == "urgent"
        and complaint_urgency(current)[0] != "urgent"
    ):
        told["complaint_category"] = named  # a threat told at "when": a threat now, answered within 2 hours
    described = tracker.get_slot("complaint_text") or ""
    # The words of a later step join the description when they tell more than its answer.
    enough = 4 if asked == "complaint_category" else 12
    if (len(re.sub(r"\W", "", text)) > enough or "complaint_category" in told) and text not in described:
        told["complaint_text"] = f"{described}；{text}".strip("；")[:2000]
    return told


def asked_back(tracker: Tracker, text: Text, asked: Text) -> Dict[Text, Any]:
    """A question at a detail step: any detail in it is kept, the question itself is not."""
    told = details_told(tracker, text, asked)
    told.pop("complaint_text", None)
    return told


def only_asks_to_complain(text: Text) -> bool:
    """我要投诉 / 我就是要投诉他, at a detail step: the complaint asked for again, no detail in it."""
    return (
        means_to_complain(text)
        and len(re.sub(r"\W", "", text)) <= 10
        and when_of(text, today()) is None
        and caller_of(text) is None
        and others_of(text) is None
    )


STILL_FILING = "好的，正在为您登记投诉，还差这一个问题；不记得可以说“不清楚”，我直接登记。"


_CORRECTION = re.compile(r"(?:哦|噢|啊|呃)?(?:不对|说错了|搞错了|记错了|错了)[，,。\s]*(?:应该)?(?:是)?")


_TAIL_CORRECTED = re.compile(
    r"(?:最后|尾号|后面|末尾|后)(?:[一二两三四四五]|\d)?(?:位|个数)?(?:是|为|应该是)?\s*(\d{1,4})(?!\d)"
)
# 说了记不清了啊 / 号码没看清 / 真忘了: not known (it was filed as the caller, h28a)
_FORGOT = re.compile(
    r"记不清|不记得|忘了|忘记了|不知道|不清楚|没注意|没看(?:清|到)?|想不起|没记(?:住|下|得)?|记不住|没存"
)


def corrected(text: Text) -> Text:
    """The words after the last correction (尾号是4421 哦不对 是4412 → 4412), when a value follows it; a
    corrected ending of a number said whole (17099887766，不对，最后是7765 → 17099887765)."""
    found = [m for m in _CORRECTION.finditer(text or "") if re.search(r"\w", text[m.end() :])]
    # (…最后是7765，我看错了: the correction that names a value, not the 错了 of the reason after it)
    named = [m for m in found if re.search(r"\d", text[m.end() :])]
    if not found:
        return text
    cut = (named or found)[-1]
    after = text[cut.end() :].strip()
    tail = _TAIL_CORRECTED.search(after)
    before = caller_of(text[: cut.start()])
    if tail and before and before.isdigit() and len(tail.group(1)) < len(before):
        return before[: -len(tail.group(1))] + tail.group(1)
    return after


def forgot(text: Text) -> bool:
    """A short answer that the borrower does not know it (no number in it)."""
    return bool(_FORGOT.search(text or "")) and not re.search(r"\d{3,}", text or "") and len(text or "") <= 20


class ValidateComplaintForm(BorrowerForm):
    def name(self) -> Text:
        return "validate_complaint_form"

    async def validate_complaint_category(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        category = value if value in COMPLAINT_CATEGORIES else category_from_answer(str(value or ""))
        if category is None and is_skip(str(value or "")):
            category = "other"
        if category in COMPLAINT_CATEGORIES:
            return self.good_answer({"complaint_category": category, **details_told(tracker, str(value or ""))})
        return self.bad_answer(
            dispatcher, tracker, "complaint_category", "请选择最接近的一类，也可以选“其他”。", CATEGORY_BUTTONS
        )

    async def validate_complaint_when(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = str(value or "")
        if is_skip(text):
            return self.good_answer({"complaint_when": UNKNOWN})
        if only_asks_to_complain(text):  # 我要投诉, said again: not the time (it was stored as one)
            if tracker.get_slot("form_bad_answers"):
                return self.good_answer({"complaint_when": UNKNOWN})
            dispatcher.utter_message(text=STILL_FILING)
            return {"complaint_when": None, "form_bad_answers": 1.0}
        when = when_of(text, today())
        if when is None and not tracker.get_slot("form_bad_answers"):
            # 我要投诉 / 你们查啊: no time in it — asked once more, then taken as written (never a trap).
            dispatcher.utter_message(
                text="这句话里没有时间。请说个大概的时间，例如“昨晚十点多”“11月18日下午”；不记得可以说“不清楚”。"
            )
            return {"complaint_when": None, "form_bad_answers": 1.0}
        if when is None and asks(text):  # a question the second time too: not kept as the time
            return self.good_answer({**asked_back(tracker, text, "complaint_when"), "complaint_when": UNKNOWN})
        return self.good_answer({"complaint_when": when or text[:64], **details_told(tracker, text, "complaint_when")})

    async def validate_complaint_caller(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = corrected(str(value or ""))  # 尾号是4421 哦不对 是4412: what follows the correction (h27a)
        if is_skip(text) or is_nobody(text) or forgot(text):
            # (没记 是个座机: what is known of it kept)
            return self.good_answer({"complaint_caller": caller_of(text) or UNKNOWN})
        if only_asks_to_complain(text):  # 我要投诉, said again: not who called (it was stored as the caller)
            if tracker.get_slot("form_bad_answers"):
                return self.good_answer({"complaint_caller": UNKNOWN})
            dispatcher.utter_message(text=STILL_FILING)
            return {"complaint_caller": None, "form_bad_answers": 1.0}
        caller = caller_of(text)
        when = when_of(text, today()) if caller is None else None
        raw = str(value or "")
        if when and _CORRECTION.search(raw) and tracker.get_slot("complaint_when") not in (None, UNKNOWN):
            # 哦我记错了，不是1号，是11月2号上午接的。号码不知道: the time corrected, and the number not known
            # (h29a: the 1st was filed, and the number asked twice in one reply)
            if _FORGOT.search(raw) and not re.search(r"\d{5,}", raw):
                return self.good_answer({"complaint_when": when, "complaint_caller": UNKNOWN})
            dispatcher.utter_message(text="好的，时间改过来了。")
            return {"complaint_when": when, "complaint_caller": None}
        if caller is None and asks(text) and (ASKS_IF_ALLOWED.search(text) or HOURS_ASKED.search(text)):
            # 你先说你们规定几点到几点能打？晚上十点多那个算不算违规: answered, then who called is asked again
            # (it was "这句话里没有号码或工号", twice)
            late = complaint_category(text) == "outside_hours"
            dispatcher.utter_message(text=OUTSIDE_HOURS_ANSWER if late else HOURS_RULE)
            kept = {"complaint_when": when} if when and tracker.get_slot("complaint_when") in (None, UNKNOWN) else {}
            return {**kept, "complaint_caller": None}
        if when and tracker.get_slot("complaint_when") in (None, UNKNOWN):
            # 昨晚23:30左右, given here: the time it happened, and the number is asked again.
            dispatcher.utter_message(text="好的，时间记下了。")
            return {"complaint_when": when, "complaint_caller": None}
        if when and not tracker.get_slot("form_bad_answers"):  # 昨天上午九点多: a time, not who called
            dispatcher.utter_message(
                text="这句话里没有号码或工号。您记得来电号码或对方的工号吗？不记得可以说“不清楚”。"
            )
            return {"complaint_caller": None, "form_bad_answers": 1.0}
        if caller is None and asks(text):
            # 你们自己系统里查不到吗 还问我: a question, not the caller — our log is checked instead
            dispatcher.utter_message(text=CHECKED_AGAINST_LOG)
            return self.good_answer({**asked_back(tracker, text, "complaint_caller"), "complaint_caller": UNKNOWN})
        if caller is None and (others_contacted(text) or complaint_category(text) or means_to_complain(text)):
            # 第二天还打到我同事那 现在全公司都知道了 我要投诉, at "who called": more of the story — kept with the
            # complaint (who else, what kind), the caller not known (it was stored as the caller, h35a)
            return self.good_answer({**details_told(tracker, text, "complaint_caller"), "complaint_caller": UNKNOWN})
        return self.good_answer(
            {"complaint_caller": caller or text[:64], **details_told(tracker, text, "complaint_caller")}
        )

    async def validate_complaint_others(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = str(value or "")
        if is_skip(text):
            return self.good_answer({"complaint_others": UNKNOWN})
        if is_nobody(text):
            return self.good_answer({"complaint_others": NOBODY})
        if only_asks_to_complain(text):  # 我要投诉, said again: nobody else named
            if tracker.get_slot("form_bad_answers"):
                return self.good_answer({"complaint_others": UNKNOWN})
            dispatcher.utter_message(text=STILL_FILING)
            return {"complaint_others": None, "form_bad_answers": 1.0}
        if STOP_ASKED.search(text) and not contact_told(text):
            # 还有能不能别再联系我妈了, at "who else was contacted": a request, not her contacted (she was
            # filed as contacted, and the request dropped) — it is done after the complaint
            dispatcher.utter_message(
                text="好的，停止联系家人的事，登记完这张投诉就可以办（点下面的按钮或直接再说一次）。先回答这一项：",
                buttons=[button("停止联系家人", text[:60])],
            )
            return {"complaint_others": None}
        others, caller = others_of(text), caller_of(text)
        if others is None and caller and tracker.get_slot("complaint_caller") in (None, UNKNOWN):
            # 号码 010-6555… given here: the caller's number, and who else was contacted is asked again.
            dispatcher.utter_message(text="好的，来电号码记下了。")
            told = details_told(tracker, text, "complaint_others")
            told.pop("complaint_text", None)
            return {**told, "complaint_caller": caller, "complaint_others": None}
        when = when_of(text, today())
        if others is None and when and not tracker.get_slot("form_bad_answers"):
            # 上周二下午 号码是0755开头的, here: kept where they belong, and who else was contacted asked again
            dispatcher.utter_message(text="好的，记下了。还有别人（家人、同事等）被联系过吗？没有可以说“没有”。")
            told = details_told(tracker, text, "complaint_others")
            return {**told, "complaint_others": None, "form_bad_answers": 1.0}
        if others is None and asks(text):
            dispatcher.utter_message(text=CHECKED_AGAINST_LOG)
            return self.good_answer({**asked_back(tracker, text, "complaint_others"), "complaint_others": UNKNOWN})
        return self.good_answer(
            {"complaint_others": others or text[:64], **details_told(tracker, text, "complaint_others")}
        )


def complaint_day(when: Optional[Text]):
    """The day of a complaint's "when" slot (2026-11-19 昨晚十点 → 2026-11-19), if it names one."""
    try:
        return date.fromisoformat(str(when or "")[:10])
    except ValueError:
        return None


# 你们发短信说要起诉我 还说要通知我单位: a message, not a call — its sender's number is asked for (the
# caller's was, and the borrower answered "不是电话 是短信").
BY_MESSAGE = re.compile(r"短信|信息|微信|消息|彩信")
ASK_SENDER = "发信息的号码您记得吗（例如106开头的号码，或对方留的工号）？不记得可以说“不清楚”。"


class ActionAskComplaintCaller(Action):
    def name(self) -> Text:
        return "action_ask_complaint_caller"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        told = tracker.get_slot("complaint_text") or ""
        if BY_MESSAGE.search(told) and not wording.A_CALL.search(told):
            dispatcher.utter_message(text=ASK_SENDER, buttons=[button("不清楚，跳过", "不清楚")])
        else:
            dispatcher.utter_message(response="utter_ask_complaint_caller")
        return []


class ActionSubmitComplaint(Action):
    def name(self) -> Text:
        return "action_submit_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        events = reset_form(COMPLAINT_SLOTS)
        if tracker.get_slot("form_stopped"):  # the form already said why it stopped
            return events
        if not tracker.get_slot("complaint_category"):
            dispatcher.utter_message(response="utter_complaint_not_filed")
            return events
        borrower_id = (await identify(tracker)).borrower_id
        if borrower_id is None:
            dispatcher.utter_message(response="utter_need_verification")
            return events
        ticket, repeated = await in_thread(
            loan_store().file_complaint,
            borrower_id,
            tracker.sender_id,
            tracker.get_slot("complaint_category"),
            tracker.get_slot("complaint_text") or "",
            tracker.get_slot("complaint_when"),
            tracker.get_slot("complaint_caller"),
            tracker.get_slot("complaint_others"),
            utc_now(),
        )
        dispatcher.utter_message(
            text=wording.complaint_filed(ticket, repeated) + "\n" + wording.complaint_recorded(ticket)
        )
        if ticket.breaches:
            dispatcher.utter_message(text=wording.complaint_breaches(ticket.breaches))
        else:
            day = complaint_day(tracker.get_slot("complaint_when"))
            if day is not None:
                log = await in_thread(loan_store().contact_log, borrower_id)
                if not any(c.at.date() == day and c.outcome not in NOT_MADE for c in log):
                    # 说他是法院的…这是你们的人吗: nothing of ours that day — it may not have been us.
                    dispatcher.utter_message(text=wording.no_contact_that_day(day))
        dispatcher.utter_message(response="utter_complaint_next_steps")
        return events


# Contact policy and history ----------------------------------------------------------------------


# 几次 / 多少次 / 几个电话 / 打了没有: a count or whether, asked of a period
COUNTED = re.compile(r"几次|多少次|几个|几条|几封|多少个|多少条|打了|打过|发了|发过|联系了|联系过|有没有打|有没有联系")


class ActionContactHistory(BorrowerQuestion):
    """The borrower's own contact history, settings and next contact (after the policy)."""

    action_name = "action_contact_history"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        store = loan_store()
        log = await in_thread(store.contact_log, borrower_id)
        prefs = await in_thread(store.preferences, borrower_id)
        contacts = await in_thread(store.emergency_contacts, borrower_id)
        # the question's words, kept across a verification (这礼拜你们给我打了几次电话, then the code: the
        # week was lost and the all-time totals came, h30b)
        asked_words = question_text(tracker, self.action_name)
        asked_words = "" if asked_words.startswith("/") else asked_words
        if asks_who_asked_about_me(asked_words):
            # 有没有人来问过我的事: every inquiry kept, told before or not
            inquiries = await in_thread(store.third_party_inquiries, borrower_id)
            dispatcher.utter_message(text=wording.inquiries_about(inquiries))
        period = period_asked(asked_words, today()) if COUNTED.search(asked_words) else None
        if period:  # 你们上周给我打了几次电话: that week's count first (it got the all-time totals only)
            dispatcher.utter_message(text=wording.contacts_in_period(*period, log))
        asked = person_asked_about(asked_words, contacts)
        if asked:  # 你们是不是给我妈打电话了: yes or no first, then the whole history
            dispatcher.utter_message(
                text=wording.contact_of_person(asked[0], asked[1], emergency_contacts_reached(log), contacts)
            )
        if disputes_contact_on_file(asked_words):
            # 她又不是我紧急联系人 你们哪来的号码: who is on file and that the borrower gave it (it got the
            # rules and the history, the question unanswered)
            dispatcher.utter_message(text=wording.contacts_on_file(contacts))
        dispatcher.utter_message(
            text=wording.contact_history(history_to_borrower(log), emergency_contacts_reached(log), contacts)
        )
        broken = await in_thread(store.contact_breaches, borrower_id)
        if broken:  # 我妈说你们打她电话了: a call that broke the policy is named as such, not only listed
            dispatcher.utter_message(
                text=wording.history_breaches(broken), buttons=[button("投诉", "/report_improper_collection")]
            )
        dispatcher.utter_message(text=wording.contact_settings(prefs, contacts))
        now = beijing_time(utc_now())
        upcoming = await in_thread(next_planned_contact, borrower_id, today(), now.time())
        dispatcher.utter_message(text=wording.next_contact(upcoming, LOOKAHEAD_DAYS))
        return []


NOT_THEIR_LOG = (
    "联系记录属于借款人的账户信息，这里不能向借款人以外的人展示。如果我们的电话或短信打扰到了您，点“别再打给我”并留下您的"
    "手机号，登记后就不会再因为别人的借款联系您；觉得对方的做法不当，可以转人工投诉，我们会核查答复。"
)


class ActionContactPolicy(Action):
    """The policy for anyone; the borrower's own history and settings only once verified. Someone
    not yet verified who asks for their own history (查看我的联系记录 / 你们打过我几次) is verified
    first — outside a form; inside one, they are told how."""

    def name(self) -> Text:
        return "action_contact_policy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        # Every way out says the verification is not needed (outside a form): without it no rule follows
        # and Rasa's "这条消息我暂时没能处理好" came after the answer.
        done: List[EventType] = [] if tracker.active_loop_name else [SlotSet("needs_verification", False)]
        if asks_when_answered(said(tracker)):
            # 啥时候有人联系我, right after asking for a person or filing a complaint: when that is
            # answered (it got the contact rules); with nothing open, the rules and the next contact.
            check = await identify(tracker)
            if await when_answered(dispatcher, tracker, check.borrower_id):
                return check.events + done
        whole = str(latest_metadata(tracker).get(WHOLE_MESSAGE) or said(tracker))
        if asks_if_another_lender_is_us(whole) and not names_other_lenders_collectors(whole):
            # 美团月付逾期了也是你们催收的吗？还有你们家跟网商贷是一家吗: no (it got the rules, history, settings)
            say_once_for_the_message(
                dispatcher,
                tracker,
                wording.not_us(other_lenders_in(whole)),
                buttons=[button("查询欠款", "/check_overdue"), button("转人工", "/request_human")],
            )
            return done
        if names_other_lenders_collectors(whole):  # 微粒贷的催收说要来我家 是你们的人吗: not ours, said first
            say_once_for_the_message(dispatcher, tracker, wording.other_lenders_collectors(other_lenders_in(whole)))
        points = wording.points_of(wording.CONTACT_POINTS, said(tracker))
        for point in points:  # 分期以后还会催吗 / 周末也打吗 / 怎么分辨是不是你们: the point asked, first
            dispatcher.utter_message(text=point)
        if asks_about_workplace(said(tracker)):
            # 会不会通知我单位: the rule, and (verified) the whole history below — a colleague called
            # against the rules is named there, not hidden behind a pointer
            dispatcher.utter_message(text=wording.WORKPLACE_POINT)
        dispatcher.utter_message(response="utter_contact_policy")  # then the rules it comes from
        in_form = bool(tracker.active_loop and tracker.active_loop.get("name"))
        check = await identify(tracker)
        if check.borrower_id is None and (tracker.get_slot("not_the_borrower") or says_not_the_borrower(whole)):
            # 我是他妈 你们给我打过几次电话: someone else — the borrower's log is not theirs to see, nor
            # a login to be offered (it steered the mother into the borrower's verification)
            dispatcher.utter_message(
                text=NOT_THEIR_LOG,
                buttons=[button("别再打给我", "别再打给我"), button("转人工投诉", "/request_human")],
            )
            return check.events + done
        if not in_form and asks_own_contact_history(said(tracker)):
            return await ActionContactHistory().run(dispatcher, tracker, domain)  # verified first if need be
        if check.borrower_id is not None and points:
            # A question about the rules, answered: the whole history is one message away, not repeated.
            dispatcher.utter_message(
                text="想看我们联系您和紧急联系人的每一次记录、您现在的联系设置，可以说“查看我的联系记录”。"
            )
        elif check.borrower_id is not None:
            await ActionContactHistory().answer(dispatcher, tracker, check.borrower_id)
        else:
            if check.token_refused:
                dispatcher.utter_message(response="utter_token_refused")
            dispatcher.utter_message(response="utter_contact_history_needs_verification")
        return check.events + ([] if in_form else [SlotSet("needs_verification", False)])


LOOKAHEAD_DAYS = 14


def next_planned_contact(borrower_id: Text, day, after: time) -> Optional[PlannedContact]:
    """The engine's next contact with this borrower as things stand (rules/contact_plan.py): later
    today, or on one of the next days — the same plan the contact engine will run."""
    (situation,) = loan_store().situations_of([borrower_id], day)
    for contact in plan_days(situation, day, LOOKAHEAD_DAYS):
        if contact.at.date() > day or contact.at.time() > after:
            return contact
    return None


# Contact controls ----------------------------------------------------------------------------------


def hours_allowed(start: Text, end: Text) -> bool:
    try:
        return preferred_hours_valid(time.fromisoformat(start), time.fromisoformat(end))
    except ValueError:  # 24:00 and the like
        return False


class ActionOfferContactControl(BorrowerQuestion):
    action_name = "action_offer_contact_control"
    reset_while_unverified = ("open_flow",)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        hours = [c for c in wanted_changes(text, []) if isinstance(c, ContactHours)]
        if hours and not hours_for_every_contact(text) and await note_for_the_agent(dispatcher, tracker, text):
            # 转人工, then 我晚上8点以后才方便: when the person may answer, on the ticket — and the same
            # hours for every later contact only when asked for (a button)
            start, end = hours[0].start, hours[0].end
            dispatcher.utter_message(
                text=f"如果以后的提醒和催收联系也只想在 {start}–{end}，点下面的按钮设置。",
                buttons=[button("以后也只在这个时间联系", f"以后只在{start}到{end}之间联系我")],
            )
            return [SlotSet("open_flow", None), SlotSet("needs_verification", False)]
        return await super().run(dispatcher, tracker, domain)

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        contacts = await in_thread(loan_store().emergency_contacts, borrower_id)
        text = question_text(tracker, self.action_name)
        for point in wording.settings_points(text):  # 以后有事微信上找我就行: no WeChat — said (h30b)
            dispatcher.utter_message(text=point)
        if asks_when_answered(text):  # 多久能有人联系我？我白天要上班只能晚上: when, first (then the hours)
            await when_answered(dispatcher, tracker, borrower_id)
        changes = wanted_changes(text, contacts)
        if not changes and previous_bot_action(tracker) == self.action_name:
            # 就是他 张建国, right after this menu asked what to change: that contact, withdrawn (h35a)
            named = [c for c in contacts if c.authorized and c.name and c.name in text]
            if len(named) == 1:
                changes = [WithdrawContact(named[0].id, named[0].name, named[0].relation)]
        if wants_no_contact_at_all(text):  # 别给我打电话发短信了: not "以后只通过短信联系您，对吗？"
            changes = [c for c in changes if not isinstance(c, ContactChannel)]
        asked = person_asked_about(text, contacts)
        if asks_to_change_a_contact(text) and not changes:
            # 紧急联系人我想换成我哥 张强 139…: not "your brother is not among your contacts"
            dispatcher.utter_message(
                text="这里只能撤回紧急联系人的授权，不能新增或更换紧急联系人：新的联系人需要对方本人同意，"
                "可以转人工办理。下面这些可以在这里直接设置：",
                buttons=[button("转人工", "/request_human")],
            )
            asked = None
        if any(isinstance(c, WithdrawContact) for c in changes):
            # 别再打给我爸张建国了，我妹妹张丽也别联系: the sister, not among the contacts, said so beside the father's
            # withdrawal (she went unanswered, h37b)
            for relation in relations_not_listed(text, contacts):
                dispatcher.utter_message(text="另外，" + wording.not_among_contacts(relation))
        if not changes and asked and not asked[1] and not asks_about_workplace(text):
            # 别打给我老婆了 / 撤回我妈的紧急联系人, with no such contact: said so, nobody else offered
            dispatcher.utter_message(
                text=wording.not_among_contacts(asked[0])
                + f"如果有人以我们的名义联系了您的{asked[0]}，可以说“投诉”登记，我们会核查。"
            )
        if not changes and tells_of_hardship_news(text):
            # 住院这段时间能不能别打电话: heard first — what can be set here, and a person for the rest
            dispatcher.utter_message(text=wording.PAUSE_FOR_HARDSHIP, buttons=[button("转人工", "/request_human")])
        if not changes and wants_no_contact_at_all(text):
            dispatcher.utter_message(text=wording.NO_CONTACT_AT_ALL)
        if not changes and asks_for_days_off(text):  # 下周一到周三千万别打我电话 能设置吗: no, and what can be
            dispatcher.utter_message(text=wording.DAYS_OFF, buttons=[button("转人工", "/request_human")])
        if not changes and asks_about_workplace(text) and not (asked and asked[1]):
            # 以后绝对不要打我单位电话 也别找我同事: we never do — said (it got "没有您的同事" and the tips)
            dispatcher.utter_message(text=wording.WORKPLACE_POINT)
            asked = None
        if not changes:
            dispatcher.utter_message(
                text=wording.contact_control_choices(contacts),
                buttons=[button(f"撤回{c.name}的授权", f"不要再联系{c.name}") for c in contacts if c.authorized]
                + [button("只在上午联系", "只在上午联系我"), button("只发短信", "以后只发短信")],
            )
            return [SlotSet("open_flow", None)]
        possible = [c for c in within_window(dispatcher, changes) if possible_change(dispatcher, c, contacts)]
        if not possible:
            return [SlotSet("open_flow", None)]
        return [
            SlotSet("open_flow", "contact_control"),
            SlotSet("contact_change", changes_to_slot(possible)),
        ]


def _in_the_evening(change, pending, said: Text):
    """An end hour said bare (10点前) while evening hours are being set: the evening's (22:00)."""
    evening = next((p for p in pending if isinstance(p, ContactHours) and p.start >= "12:00"), None)
    if (
        evening is None
        or not isinstance(change, ContactHours)
        or change.end > "12:00"
        or re.search(r"上午|早上|早晨|白天|中午|凌晨|am|AM", said)
    ):
        return change
    return ContactHours(evening.start, f"{int(change.end[:2]) + 12:02d}:{change.end[3:]}")


def within_window(dispatcher: CollectingDispatcher, changes):
    """晚上8点到10点: the part inside the window (20:00–21:00), said so — not refused outright."""
    kept = []
    for change in changes:
        if isinstance(change, ContactHours) and not hours_allowed(change.start, change.end):
            start = max(change.start, f"{WINDOW_START:%H:%M}")
            end = min(change.end, f"{WINDOW_END:%H:%M}")
            whole = (start, end) == (f"{WINDOW_START:%H:%M}", f"{WINDOW_END:%H:%M}")  # 早上6点以后: no narrowing
            if start < end and not whole and hours_allowed(start, end):
                dispatcher.utter_message(
                    text=f"我们最晚只在 {WINDOW_END:%H:%M} 前、最早 {WINDOW_START:%H:%M} 后联系，"
                    f"所以按 {start}–{end} 为您设置。"
                )
                change = ContactHours(start, end)
        kept.append(change)
    return kept


def possible_change(dispatcher: CollectingDispatcher, change, contacts) -> bool:
    """Whether a change can be made; says why not (hours outside 8–21, a contact already withdrawn)."""
    if isinstance(change, ContactHours) and not hours_allowed(change.start, change.end):
        dispatcher.utter_message(response="utter_hours_outside_window")
        return False
    if isinstance(change, WithdrawContact) and not next(c for c in contacts if c.id == change.contact_id).authorized:
        dispatcher.utter_message(response="utter_contact_already_withdrawn", name=change.name)
        return False
    return True


class ValidateContactControlForm(BorrowerForm):
    needs_borrower = True

    def name(self) -> Text:
        return "validate_contact_control_form"

    async def validate_contact_control_confirmed(
        self, value: Any, dispatcher, tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        # "还是7点以后吧" / "那还是只发短信" while asked to confirm — or "不对，还是傍晚七点以后吧", which
        # reads as a no: another change, asked about again.
        said = str(value or "") if value not in ("yes", "no") else (tracker.latest_message or {}).get("text") or ""
        borrower_id = (await identify(tracker)).borrower_id
        contacts = await in_thread(loan_store().emergency_contacts, borrower_id) if borrower_id else []
        pending = changes_from_slot(tracker.get_slot("contact_change"))
        typed_words = value != "yes" and not said.startswith("/")
        revised = revised_changes(pending, said, contacts, after_change_word(said)) if typed_words else None
        if revised:
            # 怎么只到9点？我10点前都行的, asked to confirm 20:00–21:00: 22:00, past the window — said, not put as
            # 08:00–10:00, the hours he had said he is at work (h37b)
            evening = [_in_the_evening(c, pending, said) for c in revised]
            if evening != revised:
                revised = within_window(dispatcher, evening)
        points = wording.settings_points(said) if not said.startswith("/") else []
        for point in points:  # 那周末呢 / 微信不行吗: answered, whatever else the words do (h30b)
            say_once_for_the_message(dispatcher, tracker, point)
        if revised is None and points and value not in ("yes", "no"):
            return {"contact_control_confirmed": None}  # a question, not an unusable answer: asked again
        asked = person_asked_about(said, contacts) if typed_words else None
        if revised is None and asked and not asked[1] and value not in ("yes", "no"):
            # 别打我老婆电话，她不知道我借钱的事, with no wife among the contacts: said so, the changes asked
            # again (the same prompt came back as if nothing was said, h36b)
            dispatcher.utter_message(text=wording.not_among_contacts(asked[0]) + wording.NOBODY_TOLD)
            return {"contact_control_confirmed": None}
        if revised is None or revised == pending:
            if value in ("yes", "no"):
                return self.good_answer({"contact_control_confirmed": value})
            if asks_to_change_back_later(said):  # 回国了再改回来可以吗: said how, and asked again (h25a)
                dispatcher.utter_message(text=wording.CHANGE_BACK_LATER)
                return {"contact_control_confirmed": None}
            if agrees_to_the_change(said):  # 对的 撤了吧: yes in the change's own verb (asked again, h25a)
                return self.good_answer({"contact_control_confirmed": "yes"})
            if revised is None:
                return self.bad_answer(
                    dispatcher, tracker, "contact_control_confirmed", "请回复“确认”或者“不要了”。", YES_NO
                )
            return {"contact_control_confirmed": None}  # the same changes named again: asked again
        if not revised:  # 都保留吧: nothing left to change
            dispatcher.utter_message(text="好的，这些都先不改。")
            return self.good_answer({"contact_control_confirmed": "no"})
        revised = within_window(dispatcher, revised)
        if not all(c in pending or possible_change(dispatcher, c, contacts) for c in revised):
            return {"contact_control_confirmed": None}  # said why; what was pending is asked again
        return self.good_answer({"contact_change": changes_to_slot(revised), "contact_control_confirmed": None})


class ActionAskContactControlConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_contact_control_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(
            text=wording.contact_changes_question(changes_from_slot(tracker.get_slot("contact_change"))), buttons=YES_NO
        )
        return []


class ActionSubmitContactControl(ConfirmedChange):
    slots = ("contact_change", "contact_control_confirmed")
    confirmed_slot = "contact_control_confirmed"

    def name(self) -> Text:
        return "action_submit_contact_control"

    def ready(self, tracker: Tracker) -> bool:
        return bool(tracker.get_slot("contact_change"))

    async def store(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: Text) -> None:
        store = loan_store()
        for change in changes_from_slot(tracker.get_slot("contact_change")):
            now = utc_now()
            if isinstance(change, WithdrawContact):
                done = await in_thread(store.withdraw_authorisation, borrower_id, change.contact_id, now)
                if done is None:
                    dispatcher.utter_message(
                        text=f"{change.name} 的授权这次没有撤回（可能已经撤回过），请在联系设置里查看。"
                    )
                    continue
            elif isinstance(change, ContactHours):
                await in_thread(
                    store.set_preferences, borrower_id, now, window_start=change.start, window_end=change.end
                )
            else:
                channel = None if change.channel == ANY_CHANNEL else change.channel  # (the default: every one)
                await in_thread(store.set_preferences, borrower_id, now, channel=channel)
            dispatcher.utter_message(text=wording.contact_change_done(change))


# What being overdue means --------------------------------------------------------------------------


def said(tracker: Tracker) -> Text:
    """The words of the latest message (not a button's payload)."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text


async def personal_line(tracker: Tracker, kind: Text) -> tuple:
    check = await identify(tracker)
    if check.borrower_id is None:
        return None, check
    ledger = await in_thread(loan_store().ledger, check.borrower_id)
    summary = overdue_summary(ledger, today())
    contacts = await in_thread(loan_store().emergency_contacts, check.borrower_id)
    authorised = any(c.authorized for c in contacts)  # none left: nobody is said to be called
    return wording.overdue_meaning(kind, summary, EMERGENCY_AFTER_DAYS, authorised), check


# 你们的人说… / 催收说…: what the words tell was said by someone calling for us.
OUR_PEOPLE_SAID = re.compile(
    r"(?:你们的?(?:人|催收|客服|工作人员|员工)|催收(?:员|的人|的)?)[^。？?！!]{0,4}(?:说|讲|威胁|吓唬|告诉我)"
)
SAID_BY_OUR_PEOPLE = (
    "催收人员这样说，是威胁和冒充，违反我们的规定。您可以登记投诉：威胁、冒充公检法或律师的投诉会在2小时内优先答复；"
    "记得的话，把来电时间和号码告诉我们。"
)


COLLECTOR_CLAIM_OFFER = (
    "催收人员如果拿起诉、来家里、找单位或家人这些话吓唬您，或者说的和上面不一样，都不符合我们的规定，"
    "您可以登记投诉，我们会核查处理。"
)


class ActionOverdueConsequences(Action):
    def name(self) -> Text:
        return "action_overdue_consequences"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        check = await identify(tracker)
        if check.borrower_id and follows_a_settlement_quote(tracker, said(tracker)):
            # 那要是25号呢, right after a settlement quote: that day's quote (the consequences came, h33a)
            await ActionEarlySettlement().answer(dispatcher, tracker, check.borrower_id)
            return check.events
        if asks_if_impersonation_is_real(said(tracker)) and OUR_PEOPLE_SAID.search(said(tracker)):
            # 你们的人说我不还钱就是诈骗，要报警抓我，还说要发律师函，真的假的: no — and said by our collector, it is a
            # complaint to make (it got what our text messages are, h34a)
            dispatcher.utter_message(
                text=f"不是真的。{wording.NOT_A_CRIME}，也不是诈骗；{wording.NOT_AS_AUTHORITIES}。{SAID_BY_OUR_PEOPLE}",
                buttons=[button("登记投诉", "/report_improper_collection"), button("不用了", "/deny")],
            )
            return check.events
        if asks_if_a_legal_notice_is_ours(said(tracker)) or asks_if_a_message_is_ours(said(tracker)):
            # 我收到短信说已移交法务 是你们发的吗: what we send, and what to do with what we don't
            check = await identify(tracker)
            # a call said to be a court's, not a message — in the whole message (h28b: 有个催收打电话说…,
            # cut in turns, the turn asked "是真的吗" and was told about text messages)
            called = wording.A_CALL.search(str(latest_metadata(tracker).get(WHOLE_MESSAGE) or said(tracker)))
            dispatcher.utter_message(text=wording.CALLED_AS_A_COURT if called else wording.LEGAL_NOTICE_CHECK)
            if check.borrower_id:
                log = await in_thread(loan_store().contact_log, check.borrower_id)
                dispatcher.utter_message(text=wording.our_messages(log))
            return check.events
        # the point asked (现在起诉了没有 / 会不会上门), first; then the rules it is part of (h27b: a yes/no
        # question asked twice got the general paragraph, word for word)
        for point in wording.points_of(wording.CONSEQUENCE_POINTS, said(tracker)):
            dispatcher.utter_message(text=point)
        dispatcher.utter_message(response="utter_overdue_consequences")
        line, check = await personal_line(tracker, "consequences")
        if line:
            dispatcher.utter_message(text=line)
        if asks_if_a_collectors_claim_is_true(said(tracker)):
            # 催收说…是真的吗: answered above; what the collector did is theirs to complain of (not begun unasked)
            dispatcher.utter_message(
                text=COLLECTOR_CLAIM_OFFER,
                buttons=[button("登记投诉", "/report_improper_collection"), button("不用了", "/deny")],
            )
        return check.events


class ActionCreditRecord(Action):
    def name(self) -> Text:
        return "action_credit_record"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        points = wording.points_of(wording.CREDIT_POINTS, said(tracker))
        whole = str(latest_metadata(tracker).get(WHOLE_MESSAGE) or said(tracker))
        period = payments_period(whole, today(), days_name_the_month=True)
        if disputes_credit_record(whole) and not said(tracker).startswith("/"):
            # 征信报告说我10月份逾期了，可我10月15号是按时还的！怎么申诉: what our ledger has of that month, and
            # how to object (the general answer came, h36a)
            check = await identify(tracker)
            if check.borrower_id and period is not None:
                ledger = await in_thread(loan_store().ledger, check.borrower_id)
                if ledger:
                    dispatcher.utter_message(
                        text=wording.instalments_of_a_period(ledger, period[1], period[2], today())
                    )
            dispatcher.utter_message(
                text=wording.CREDIT_OBJECTION, buttons=[button("转人工提出异议", "/request_human")]
            )
            return check.events
        if previous_bot_action(tracker) == self.name() and follows_up_on_credit(said(tracker)):
            # 啥时候上 / 那多久能消掉, right after this answer: the point asked, of the credit record — not the
            # whole answer again (or the due dates)
            points = points or wording.points_of(wording.CREDIT_POINTS, "征信" + said(tracker))
            if points:
                for point in points:
                    dispatcher.utter_message(text=point)
                return []
        # the point asked (是不是已经报了), first; then the rules it is part of (h26b: the rules read as
        # the whole answer)
        for point in points + [p for p in [wording.credit_repair_point(said(tracker), today())] if p]:
            dispatcher.utter_message(text=point)
        dispatcher.utter_message(response="utter_credit_record")
        line, check = await personal_line(tracker, "credit")
        if line:
            dispatcher.utter_message(text=line)
        return check.events


NO_REMINDER = re.compile(
    r"提醒[^，,。？?]{0,6}(?:不用|不要|别|不必)(?:再)?(?:给我)?发|(?:关掉|关闭|取消|停掉)[^，,。？?]{0,4}提醒|提醒[^，,。？?]{0,4}(?:关掉|关闭|取消|停掉)"
)
REMINDER_IS_THE_RULE = (
    "到期前3天的那一条提醒，是我们联系规则里固定的一条（每期只有这一条），目前不能单独关掉。可以改的是怎么收、什么时候收："
    "比如改成只发邮件，或者只在您方便的时段联系。"
)


class ActionPreventionTips(Action):
    """Tips for anyone; a verified borrower is offered a reminder before each due date."""

    def name(self) -> Text:
        return "action_prevention_tips"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if NO_REMINDER.search(said(tracker)):
            # 到期前那个提醒短信不用给我发了: what that message is and what can be set (it offered to turn a
            # reminder on, twice, h32b)
            dispatcher.utter_message(
                text=REMINDER_IS_THE_RULE,
                buttons=[button("只发邮件", "以后只发邮件"), button("改联系时段", "只在晚上7点到9点联系我")],
            )
            return [SlotSet("open_flow", None)]
        for point in wording.points_of(wording.DUE_DATE_POINTS, said(tracker)):
            dispatcher.utter_message(text=point)  # 还款日能不能调到工资日之后
        dispatcher.utter_message(response="utter_prevention_tips")
        check = await identify(tracker)
        if check.borrower_id is None:
            return check.events + [SlotSet("open_flow", None)]
        prefs = await in_thread(loan_store().preferences, check.borrower_id)
        if prefs.reminders:
            dispatcher.utter_message(response="utter_reminders_already_on")
            return check.events + [SlotSet("open_flow", None)]
        return check.events + [SlotSet("open_flow", "reminder")]


class ValidateReminderForm(BorrowerForm):
    needs_borrower = True

    def name(self) -> Text:
        return "validate_reminder_form"

    async def validate_reminder_confirmed(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value in ("yes", "no"):
            return self.good_answer({"reminder_confirmed": value})
        return self.bad_answer(
            dispatcher,
            tracker,
            "reminder_confirmed",
            "请回复“好的”开启提醒，或者“不用了”。",
            [button("开启提醒", "/affirm"), button("不用了", "/deny")],
        )


class ActionSubmitReminder(ConfirmedChange):
    slots = ("reminder_confirmed",)
    confirmed_slot = "reminder_confirmed"
    declined_response = "utter_reminder_not_set"

    def name(self) -> Text:
        return "action_submit_reminder"

    async def store(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: Text) -> None:
        await in_thread(loan_store().set_preferences, borrower_id, utc_now(), reminders=True)
        dispatcher.utter_message(response="utter_reminder_set")
