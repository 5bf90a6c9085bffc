"""Above the rules, for every turn and every form: a crisis is answered first, noise is never taken
as an answer, a side question inside a form is answered and the form resumes, and a form whose
answers are free text is still left with the cancel words.

Rasa's rules would need one rule per form and per side question (and cannot undo what slot
extraction already took from the side question); this policy does it once. It predicts only in
those cases, with priority above the RulePolicy, and says nothing otherwise.
"""

import logging
import re
from datetime import date
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.core.constants import POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from nlu.clauses import MORE_TURNS, clauses
from nlu.signals import (
    THEIR_PHONE,
    adds_to_complaint,
    asks,
    asks_about_the_plan_quoted,
    asks_for_new_code,
    asks_if_a_due_is_included,
    asks_if_chased_meanwhile,
    asks_if_family_must_pay,
    asks_not_to_be_contacted,
    asks_who_we_are,
    cancels_then_asks,
    cannot_get_code,
    declines_an_arrangement,
    declines_complaint,
    doubts_we_are_genuine,
    follows_up_on_credit,
    goes_on_after_all,
    is_cancel,
    is_everything_answer,
    means_to_complain,
    says_it_was_mistyped,
    says_not_the_borrower,
    says_scammed,
    says_the_line_is_busy,
    tells_caller_detail,
    undoes_an_arrangement,
    wants_no_calls,
    wants_no_pressure,
)
from parsing.phones import find_code, find_phone
from parsing.values import (
    after_change_word,
    caller_of,
    complaint_category,
    is_nobody,
    is_skip,
    others_of,
    parse_amount,
    parse_days,
    parse_term_months,
    when_of,
)
from rules.relief import EXTENSION_CHOICES, PLAN_TERMS
from rules.wellbeing import CRISIS_LOOKBACK, suggests_crisis

logger = logging.getLogger(__name__)

CRISIS_ACTION = "action_crisis_support"
CRISIS_FOLLOW_UP = "action_crisis_follow_up"
# After a crisis answer, what is not a request of its own ("没用的 谁也帮不了我", "嗯", "算了") is
# heard as the same person still in distress, not closed with "好的，没关系".
_FORGOT_THE_DAY = re.compile(r"忘了|忘记了|不记得|记不清|记不太清|想不起|说不准|不确定")
CONTACT_CONTROL = "action_offer_contact_control"
CREDIT_ACTION = "action_credit_record"
VERIFICATION_CANCELLED = "action_verification_cancelled"


def _answered_in_form(tracker: DialogueStateTracker, text: Text) -> Tuple[Text, List[Event]]:
    """The active form, with the words as the answer to what it asks: the slot's mapping may skip the
    intent the words were read as, and a form that extracts nothing is rejected."""
    requested = tracker.get_slot("requested_slot")
    return tracker.active_loop_name, ([SlotSet(requested, text)] if requested else [])


def _cancel_then_a_remark(text: Text) -> bool:
    """算了不投了 投了你们也不管: the cancel, then only why — no question, no answer, no new complaint (the form
    went on to its next question, h35b)."""
    pieces = clauses(text)
    if len(pieces) < 2 or not is_cancel(pieces[0]):
        return False
    rest = text[text.find(pieces[1]) :]
    return (
        not asks(rest)
        and not means_to_complain(rest)
        and complaint_category(rest) is None
        and not re.search(r"\d", rest)
    )


NOT_A_REQUEST = frozenset({"deny", "goodbye", "explain_hardship", "out_of_scope", "nlu_fallback", "noise"})
CRISIS_BETTER = "utter_crisis_better"
_DESPAIR = re.compile(
    r"没用|帮不了|没人|不想活|活着|好累|太累|绝望|撑不下去|没意思|想死|受不了|崩溃|完了|没办法|没希望|没救"
)
CRISIS_MONEY = "utter_crisis_money"
_ONLY_MONEY = re.compile(r"就知道要钱|只知道要钱|只认钱|就会要钱|眼里只有钱")
MONEY_NOW = frozenset(
    {"ask_how_to_repay", "check_overdue", "promise_to_pay", "ask_due_date", "ask_overdue_consequences"}
)
_MUST_I_PAY = re.compile(r"(?:要|得|必须|需要|用)(?:继续)?还(?:钱|款)?(?:吗|嘛|么|不)|还钱吗|还款吗|要不要还|还不还")
_BETTER = re.compile(
    r"好一点|好多了|好些了|冷静|没事了|缓过来|平静|放心吧|好点了|我下来了|已经下来了|回到(?:宿舍|家|房间)了"
)
# A few turns on, only despair said plainly is heard as still in crisis (没办法 那我分期吧 is a request).
_DESPAIR_STILL = re.compile(r"没意思|没用的|不想活|撑不下去|绝望|崩溃|活着|想死|谁也帮不了")
ASIDE_ACTION = "action_answer_aside"
# 一个月五百左右吧 / 分期 / 每个月: a plan asked for inside the promise form (not 其实只能还五百).
_A_PLAN = re.compile(r"分期|分\s*\d|分[一二三六十]+期|几期|每个?月|一个月|月供|按月")
# Words that make a message at a confirmation a setting of its own (那改成只发短信吧？), not a question.
# (撤回之后你们会不会天天打我: what follows a withdrawal, asked — not a setting; 那短信一天会发几条？
# 半夜会发吗: a question about the rules — a channel or a time of day named is no setting without a
# word that sets it; it was taken as an evening-only window)
_A_SETTING = re.compile(
    r"改|换|只[发在用打要]|以后只|\d+点(?:到|至|-|~|—)|撤回(?!之后|以后|后|了以后|的话)|不要再|别再|设成|调成|也别"
)
EXPLAIN_PLAN = "action_explain_plan"
# 能不能改成延期 / 还是分期吧: another arrangement asked for in so many words (not 我30号承诺还的700还用还吗).
_ASKS_FOR_ANOTHER = re.compile(
    r"(?:改成|换成|改为|还是|我要|我想|想要|不如|直接)(?:办)?(?:申请)?(?:延期|展期|分期|承诺|宽限)"
)
# What a question about the plan quoted may be read as (not a middleman's 手续费, which is a warning).
QUOTE_QUESTION_READ_AS = frozenset(
    {
        "ask_instalment_plan",
        "ask_penalty_interest",
        "ask_how_to_repay",
        "check_overdue",
        "ask_early_settlement",
        "ask_due_date",
        "out_of_scope",
        "nlu_fallback",
        "inform",
        "affirm",
        "deny",
        "promise_to_pay",  # 对了 28号那期526.55要不要另外还 (read as a budget of 526.55, a plan put to confirm)
    }
)
THIRD_PARTY_ACTION = "action_third_party"
WHY_NOT_ACTION = "utter_why_not_online"
WHO_WE_ARE_ACTION = "action_who_we_are"
OFFERS = frozenset({"action_offer_plan", "action_offer_extension", "action_offer_promise"})
_WHY_NOT = re.compile(r"为什么|为啥|凭什么|怎么就|咋就|怎么不行|怎么不能|不是不还|又不是|怎么办|咋办|该怎么|那怎么弄")
THIRD_PARTY_INTENT = "third_party_inquiry"
NOISE_ACTION = "utter_noise"
FALLBACK_ACTION = "action_fallback"
ASKED_FOR_REFUSAL_PHONE = "utter_refusal_needs_phone"
CANCEL_ACTION = "action_cancel_form"
SWITCH_ACTION = "action_switch_flow"
HUMAN_ACTION = "action_request_human"
# 我要投诉, at a contact setting's confirmation: that setting is left and the complaint begins (it was
# asked to confirm again). Not from the verification or the relief forms: their words are kept there.
COMPLAINT_INTENT = "report_improper_collection"
COMPLAINT_FLOW = ("action_start_complaint", "complaint_form")
MIDDLEMAN_ACTION = "action_middleman_warning"
SUBMIT_COMPLAINT = "action_submit_complaint"
ADD_TO_COMPLAINT = "action_add_to_complaint"
PLAN_OFFER = "action_offer_plan"
# A short message with another figure, right after a plan offer (那150呢 / 三百行不行 / 每月200可以吗).
_ANOTHER_BUDGET = re.compile(
    r"^[^，。？?]{0,4}\d+[^，。？?]{0,8}[呢吗嘛行可好？?]|^[^，。？?]{0,4}[一二两三四五六七八九十百千]+[^，。？?]{0,8}[呢吗嘛行可好？?]"
)
NOISE_INTENT = "noise"
# Sent by the web chat when a borrower comes back after a gap or on another device (never typed).
RESUME_INTENT = "resume_conversation"
RESUME_ACTION = "action_resume_conversation"


def gives_what_is_asked(text: Text, requested: Optional[Text]) -> bool:
    """The verification form's answer is in the words, whatever else they ask."""
    if requested == "phone":
        return find_phone(text) is not None
    return requested == "otp_code" and find_code(text) is not None


def tells_complaint_detail(text: Text, requested: Text) -> bool:
    """The complaint form's free-text answer is in the words (a time, a number or a name, who else),
    or they skip it; True for any other slot, whose answers are not free text."""
    if requested not in ("complaint_when", "complaint_caller", "complaint_others"):
        return True
    if is_skip(text) or is_nobody(text):
        return True
    found = {
        "complaint_when": lambda: when_of(text, date.today()),  # any day: only whether one is said
        "complaint_caller": lambda: caller_of(text),
        "complaint_others": lambda: others_of(text),
    }[requested]()
    return found is not None


def more_turns_follow(tracker: DialogueStateTracker) -> bool:
    """The latest turn is one of several cut from one message, and not its last (channels/script.py)."""
    message = tracker.latest_message
    return bool(message is not None and (message.metadata or {}).get(MORE_TURNS))


def _action_before_latest_message(tracker: DialogueStateTracker) -> Optional[Text]:
    """The last action (not listening) before the borrower's latest message."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return None
            seen_user = True
        elif seen_user and isinstance(event, ActionExecuted) and event.action_name != ACTION_LISTEN_NAME:
            return event.action_name
    return None


def _last_bot_response(tracker: DialogueStateTracker) -> Text:
    """The response name of the assistant's last message (BotUttered keeps it as utter_action)."""
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return (event.metadata or {}).get("utter_action") or ""
    return ""


def _ran_before(tracker: DialogueStateTracker, action: Text) -> bool:
    return any(isinstance(e, ActionExecuted) and e.action_name == action for e in tracker.events)


def _actions_since_user(tracker: DialogueStateTracker) -> List[Text]:
    names: List[Text] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name:
            names.append(event.action_name)
    return list(reversed(names))


def slots_before_latest_message(tracker: DialogueStateTracker, domain: Domain) -> List[Event]:
    """SlotSet events that put back every slot the latest message filled (slot extraction runs
    before any policy: a side question must not stay behind as the answer to the form)."""
    events = list(tracker.events)
    last_user = next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), None)
    if last_user is None:
        return []
    changed = {e.key for e in events[last_user + 1 :] if isinstance(e, SlotSet)}
    if not changed:
        return []
    before = DialogueStateTracker.from_events(tracker.sender_id, events[:last_user], domain.slots)
    return [SlotSet(name, before.get_slot(name)) for name in sorted(changed) if name in before.slots]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=False)
class InterruptionPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            POLICY_PRIORITY: 7,  # above the RulePolicy (6): it must win over a form's happy path
            # Intents answered inside any form, after which the form asks its question again.
            "aside_intents": [],
            # Per form, intents that are answers there rather than side questions.
            "answers_in_form": {},
            # Forms where "deny" is a valid answer (没有 / 不知道): only the cancel words end them.
            "cancel_by_words_in": [],
            # Forms that ask an amount: "全部" / "都还上" there is the answer (the overdue total),
            # never a question about settling early.
            "everything_answers_in": [],
            "min_aside_confidence": 0.6,
            "min_aside_confidence_at_confirmation": 0.3,
            # Inside one of these forms, a confident request for another of them switches to it:
            # intent -> [the action that offers it, its form].
            "switch_flows": {},
            "min_switch_confidence": 0.8,
        }

    def _offered_after_a_switch(self, tracker: DialogueStateTracker) -> bool:
        actions = _actions_since_user(tracker)
        return (
            len(actions) >= 2
            and actions[-2] == SWITCH_ACTION
            and actions[-1] in {offer for offer, _ in self._flows().values()}
        )

    def _flows(self) -> Dict[Text, Any]:
        """What a switch leads to, by the intent that asked for it: the relief flows of the config, and
        the complaint (from a contact setting)."""
        return {**self.config["switch_flows"], COMPLAINT_INTENT: COMPLAINT_FLOW}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        decided = self.next_action(tracker, domain)
        probabilities = self._default_predictions(domain)
        if decided is None:
            return self._prediction(probabilities)
        name, events = decided
        probabilities[domain.index_for_action(name)] = 1.0
        # "No user prediction" competes with a form's happy path, which would otherwise win.
        return self._prediction(probabilities, events=events, is_no_user_prediction=True)

    def next_action(self, tracker: DialogueStateTracker, domain: Domain) -> Optional[Tuple[Text, List[Event]]]:
        latest = tracker.latest_action_name
        loop = tracker.active_loop_name
        switch = self.config["switch_flows"]
        intent_now = ((tracker.latest_message.intent or {}).get("name") or "") if tracker.latest_message else ""
        if latest == HUMAN_ACTION and intent_now == "deny":
            return ACTION_LISTEN_NAME, []  # the request withdrawn (below): nothing more to do
        if latest == SWITCH_ACTION and intent_now in self._flows():
            return self._flows()[intent_now][0], []
        if (
            latest == PLAN_OFFER
            and intent_now != "ask_instalment_plan"
            and _actions_since_user(tracker) == [PLAN_OFFER]
        ):
            # 那150呢, after a budget too low: the offer ran on our word, not a rule's — its form next
            if tracker.get_slot("open_flow") == "plan":
                return "plan_form", []
            return ACTION_LISTEN_NAME, []
        if self._offered_after_a_switch(tracker):
            if tracker.get_slot("needs_verification"):
                return None  # the rules start the verification form after an offer
            if tracker.get_slot("open_flow"):
                return self._flows()[intent_now][1], []
            return ACTION_LISTEN_NAME, []  # not possible for this borrower: the offer said why
        if latest in (ASIDE_ACTION, NOISE_ACTION, EXPLAIN_PLAN):
            # A side question answered before the rest of the same message ("分6期吧 另外罚息还涨吗"):
            # the form waits for that next turn, which may be its answer, instead of asking again.
            return (loop, []) if loop and not more_turns_follow(tracker) else (ACTION_LISTEN_NAME, [])
        if latest in (
            CRISIS_ACTION,
            CRISIS_FOLLOW_UP,
            CRISIS_BETTER,
            CANCEL_ACTION,
            RESUME_ACTION,
            THIRD_PARTY_ACTION,
            WHY_NOT_ACTION,
            WHO_WE_ARE_ACTION,
            MIDDLEMAN_ACTION,
            CRISIS_MONEY,
            ADD_TO_COMPLAINT,
            FALLBACK_ACTION,
            # (啥时候上, after the credit answer, is this action on our word: no rule follows it — the
            # answer was followed by "这条消息我暂时没能处理好", h37a)
            CREDIT_ACTION,
        ):
            return ACTION_LISTEN_NAME, []
        if latest != ACTION_LISTEN_NAME or tracker.latest_message is None:
            return None
        message = tracker.latest_message
        text = message.text or ""
        intent = (message.intent or {}).get("name") or ""
        confidence = float((message.intent or {}).get("confidence") or 0.0)
        if not text.startswith("/") and suggests_crisis(text):
            return CRISIS_ACTION, []
        before = _action_before_latest_message(tracker)
        if (
            not loop
            and not text.startswith("/")
            and _last_bot_response(tracker) == ASKED_FOR_REFUSAL_PHONE
            and find_phone(text)
            and not THEIR_PHONE.search(text)
        ):  # 15912345678 多久能生效？今晚还会打吗, the number we asked for with a question: kept, and when
            return FALLBACK_ACTION, []
        if not loop and intent == "deny" and before == HUMAN_ACTION and not text.startswith("/"):
            # 算了不用了 取消吧, right after a person was asked for: the request withdrawn ("好的，没关系",
            # and the ticket stayed)
            return HUMAN_ACTION, []
        if not loop and before in (CANCEL_ACTION, VERIFICATION_CANCELLED) and goes_on_after_all(text):
            # 唉还是登记吧, right after a cancel: the cancelled request offered again (没太明白, h36b)
            return FALLBACK_ACTION, []
        if (
            not loop
            and before == CREDIT_ACTION
            and not text.startswith("/")
            and follows_up_on_credit(text)
            and intent not in self._flows()
            and intent != "request_human"
        ):
            # 啥时候上 / 那多久能消掉, right after the credit answer: still the credit record (it got the due
            # dates, or the whole answer again)
            return CREDIT_ACTION, []
        recent_crisis = any(
            isinstance(e, ActionExecuted) and e.action_name == CRISIS_ACTION
            for e in list(tracker.events)[-CRISIS_LOOKBACK:]
        )
        if (
            not text.startswith("/")
            and recent_crisis
            and (
                _DESPAIR_STILL.search(text)
                or says_the_line_is_busy(text)
                or asks_if_family_must_pay(text)
                or wants_no_calls(text)
                or wants_no_pressure(text)
            )
        ):
            # a few turns after the crisis answer: 算了 没意思 got "好的，没关系"; 欠的钱会不会落到我老婆孩子
            # 头上 got "没太明白" with repayment buttons; 12356打了占线 got "12356 随时有人接听"
            return CRISIS_FOLLOW_UP, []
        if not text.startswith("/") and before in (CRISIS_ACTION, CRISIS_FOLLOW_UP, CRISIS_BETTER, CRISIS_MONEY):
            # Right after the crisis answer: despair is heard again; feeling better is heard too; a
            # question of their own is answered as one (not the support text once more).
            if _DESPAIR.search(text) or wants_no_calls(text) or wants_no_pressure(text):
                # 别让人给我打电话 / 能不能先别催我了，让我喘口气: heard (the action; it got "没太明白")
                return CRISIS_FOLLOW_UP, []
            if (
                _BETTER.search(text)
                and not asks(text)
                and (intent in NOT_A_REQUEST or intent in ("thank", "affirm", "greet") or confidence < 0.5)
            ):
                # (真的没事了。我就想投诉那个天天骂我的人: the complaint, not "听到您好一点了" — h34b)
                return CRISIS_BETTER, []
            if intent in MONEY_NOW and _MUST_I_PAY.search(text):
                # 谢谢。。那我现在还要还钱吗: not the repayment channels — it can wait, a person will call
                return CRISIS_MONEY, []
            if (
                before == CRISIS_ACTION
                and not asks(text)
                and (
                    intent in NOT_A_REQUEST
                    or intent == "affirm"  # 嗯, right after: still heard (it got "请问您想办理什么")
                    or confidence < self.config["min_aside_confidence"]
                )
            ):
                return CRISIS_FOLLOW_UP, []
            if (intent in ("nlu_fallback", "out_of_scope") and not asks(text)) or _ONLY_MONEY.search(text):
                # 你们就知道要钱, right after: heard, not "没太明白" with repayment buttons
                return CRISIS_FOLLOW_UP, []
        if intent == NOISE_INTENT:
            return NOISE_ACTION, slots_before_latest_message(tracker, domain) if loop else []
        if intent == RESUME_INTENT and text.startswith("/"):
            return RESUME_ACTION, []
        if (
            loop == "verification_form"
            and not text.startswith("/")
            and (
                says_not_the_borrower(text) or (asks_not_to_be_contacted(text) and tracker.get_slot("not_the_borrower"))
            )
            and intent not in ("request_human", THIRD_PARTY_INTENT)  # a third party's question: the aside's
        ):  # 我不是借款人！我就是要你们别再打我电话, at the code: no verification — they are heard (a code was sent)
            return THIRD_PARTY_ACTION, []
        if (
            not loop
            and intent != THIRD_PARTY_INTENT
            and not text.startswith("/")
            and asks_not_to_be_contacted(text)
            and _ran_before(tracker, THIRD_PARTY_ACTION)
            # (不要再联系张建国, the borrower's own button after the settings menu: their contact withdrawn, not
            # "that person asks to be left alone" — it got where the contact's number came from, h35a)
            and re.search(r"我|本人|俺", text)
        ):  # 那你们能别再打我电话吗, after asking about someone else: that person asks to be left alone
            return THIRD_PARTY_ACTION, []
        if not loop and before == CONTACT_CONTROL and intent == THIRD_PARTY_INTENT and len(text) <= 12:
            # 就是他 张建国, right after the settings menu named 张建国: which contact — the settings (it got
            # the whole contact history, h35a)
            return CONTACT_CONTROL, []
        if (
            not loop
            and before == PLAN_OFFER
            and not tracker.get_slot("open_flow")
            and not text.startswith("/")
            and _ANOTHER_BUDGET.search(text)
            and parse_amount(text) is not None
        ):  # 那150呢 / 500行不行, right after a budget too low: another budget, quoted
            return PLAN_OFFER, []
        if (
            loop == "complaint_form"
            and not text.startswith("/")
            and adds_to_complaint(text)
            and _ran_before(tracker, SUBMIT_COMPLAINT)
        ):
            # 不用再登记了 把10点40那个补到刚才那个单子里就行, in a second complaint's form: added to the one
            # filed, this form ended (its question came back until 取消)
            return ADD_TO_COMPLAINT, []
        if not loop and before == SUBMIT_COMPLAINT and not text.startswith("/") and tells_caller_detail(text):
            return ADD_TO_COMPLAINT, []  # 工号好像是A1023, right after the complaint: kept with it
        if not loop and before == MIDDLEMAN_ACTION and not text.startswith("/") and says_scammed(text):
            return MIDDLEMAN_ACTION, []  # 已经被骗了2000, right after the warning: what to do now
        if (
            not loop
            and intent in ("out_of_scope", "nlu_fallback", "bot_challenge")
            and not text.startswith("/")
            and asks_who_we_are(text)
        ):  # 你们是哪家公司: the lender's name and its official channels (inside a form: a side question)
            return WHO_WE_ARE_ACTION, []
        if (
            not loop
            and intent in NOT_A_REQUEST
            and before in OFFERS
            and not tracker.get_slot("open_flow")
            and _WHY_NOT.search(text)
        ):  # 为什么不行，我又不是不还 — after an offer the terms refused: why, and who can still help
            return WHY_NOT_ACTION, []
        if not loop:
            return None
        if intent == "ask_other_service" and undoes_an_arrangement(text):
            # 取消刚才登记的那个, inside a form: the form ends (nothing stored) and what is stored is said
            return CANCEL_ACTION, []
        if loop in self.config["cancel_by_words_in"] and (
            is_cancel(text)
            or cancels_then_asks(text)
            or (declines_complaint(text) and intent != "request_human")
            or _cancel_then_a_remark(text)
        ):
            return CANCEL_ACTION, []
        if loop in ("plan_form", "extension_form", "promise_form") and declines_an_arrangement(text):
            # 不是延期 / 我没说要承诺: not the arrangement being made (it was asked again, twice)
            return CANCEL_ACTION, []
        if loop == "verification_form" and declines_complaint(text) and intent != "request_human":
            # 我不想投诉 我就想知道…, at the number asked for a complaint: no complaint, no verification
            return CANCEL_ACTION, []
        if loop in self.config["everything_answers_in"] and is_everything_answer(text):
            return None
        if (
            loop == "verification_form"
            and (cannot_get_code(text) or asks_for_new_code(text))
            and not (intent in switch and confidence >= self.config["min_switch_confidence"])
        ):
            return None  # 手机掉了 收不到验证码 怎么办: the form's own answer (a human), not an aside
        if (
            loop == "verification_form"
            and intent == "out_of_scope"
            and confidence >= self.config["min_aside_confidence"]
            and asks(text)
            and not re.search(r"\d", text)
        ):  # 你们是正规持牌的吗 我怕是诈骗: a question, not a wrong phone number
            return ASIDE_ACTION, slots_before_latest_message(tracker, domain)
        if (
            loop == "verification_form"
            and tracker.get_slot("requested_slot") in ("otp_code", "phone")
            and doubts_we_are_genuine(text)
            and intent not in ("request_human", "deny", "bot_challenge", "end_session")
        ):
            return None  # 等下，验证码会不会被你们拿去盗刷啊 / 你们不是骗子吧: the form answers it (it got what data we keep)
        if loop == "verification_form" and gives_what_is_asked(text, tracker.get_slot("requested_slot")):
            return None  # 手机号138… 帮我查下欠多少: the number is the answer, the question is already waiting
        if (
            loop == "verification_form"
            and intent in switch
            and confidence >= self.config["min_switch_confidence"]
            and not re.search(r"\d{4,}", text)
        ):
            if tracker.get_slot("requested_slot") == "otp_code":
                # 延期要收费吗, while the code is awaited: the rule, and the code still counts
                return ASIDE_ACTION, slots_before_latest_message(tracker, domain)
            # the 申请延期 button, or 分期要什么条件, at the phone step: verified for that request instead
            return SWITCH_ACTION, slots_before_latest_message(tracker, domain)
        if (
            loop == "promise_form"
            and tracker.get_slot("requested_slot") == "promise_confirmed"
            and (asks_if_a_due_is_included(text) or asks_if_chased_meanwhile(text))
        ):
            # 今天不是还有一期到期吗？那期算不算在里面: the form answers what its amount holds (the whole breakdown
            # came as an aside, the question unanswered, h36b)
            return _answered_in_form(tracker, text)
        if (
            loop == "plan_form"
            and not asks_about_the_plan_quoted(text)
            and (
                (after_change_word(text) != text and parse_term_months(after_change_word(text)) in PLAN_TERMS)
                # 多打了个0 是300: a budget said again, corrected (it got the penalty rules, the quote kept, h35b)
                or (says_it_was_mistyped(text) and parse_amount(text) is not None)
            )
        ):
            # 等下 12期利息太多了 还是6期吧 / 算了还是3期吧 利息少一点: another term — the form's, explicitly, with the
            # words as the answer (the slot's mapping skips a penalty question: the form found nothing, and the
            # penalty rules came and the 6-month plan was put again, h35b)
            return _answered_in_form(tracker, text)
        if (
            loop == "extension_form"
            and after_change_word(text) != text
            and parse_days(after_change_word(text)) in EXTENSION_CHOICES
        ):
            # 等等 工资下月15号才到，改成30天, at the confirmation: another choice (the 15号 in it read as a
            # promise's day, and the extension was dropped for one)
            return None
        if (
            loop == "promise_form"
            and intent == "ask_instalment_plan"
            and parse_amount(text) is not None
            and not _A_PLAN.search(text)
        ):
            return None  # 其实只能还五百, at the promise's confirmation: its amount (a plan was quoted instead)
        forms = {form for _, form in switch.values()}
        if (
            loop in forms
            and intent in switch
            and switch[intent][1] != loop
            and confidence >= self.config["min_switch_confidence"]
            and not (
                str(tracker.get_slot("requested_slot") or "").endswith("_confirmed")
                and asks(text)
                and not _ASKS_FOR_ANOTHER.search(text)
            )
        ):
            # …but a question at a confirmation (确认之前问下 首期能改到25号吗 我25号才有钱) is asked of the
            # arrangement on the table: the plan was dropped and a promise begun
            return SWITCH_ACTION, slots_before_latest_message(tracker, domain)
        if (
            loop == "contact_control_form"
            and intent == COMPLAINT_INTENT
            and confidence >= self.config["min_switch_confidence"]
            and means_to_complain(text)
        ):
            return SWITCH_ACTION, slots_before_latest_message(tracker, domain)
        if (
            loop == "extension_form"
            and tracker.get_slot("requested_slot") == "extension_days"
            and parse_days(text) in EXTENSION_CHOICES
        ):
            return None  # 延15天的话是哪天还: the choice — its confirmation says the new date
        if loop == "plan_form" and intent in QUOTE_QUESTION_READ_AS and asks_about_the_plan_quoted(text):
            # 分期手续费是多少 / 两笔都算进去了吗 没到期的还要照常还吗: the quote explains itself, and
            # the form asks again (read as how-to-pay, it got the repayment channels)
            return EXPLAIN_PLAN, slots_before_latest_message(tracker, domain)
        needed = self.config["min_aside_confidence"]
        requested = str(tracker.get_slot("requested_slot") or "")
        if (
            loop == "complaint_form"
            and requested == "complaint_category"
            and complaint_category(text)
            and not asks(text)
        ):
            return None  # 上门 让我扫码转账: the kind of conduct, in words (an aside took it three times, h26b)
        if (
            loop == "complaint_form"
            and requested == "complaint_caller"
            and intent == "bot_challenge"
            and tells_complaint_detail(text, requested)
            and not asks(text)
        ):
            return _answered_in_form(tracker, text)  # 没记 是个座机: a landline (机 read as "a machine?", h35a)
        if (
            loop == "complaint_form"
            and requested == "complaint_when"
            and _FORGOT_THE_DAY.search(text)
            and tells_complaint_detail(text, requested)
        ):
            return None  # 上周吧 具体哪天忘了: the time, as near as they know it (哪天 took it as a due-date question, h34b)
        if loop == "plan_form" and intent == "ask_extension" and requested.endswith("_confirmed") and asks(text):
            # 那我能延期吗, at the plan's confirmation: whether they can, and the plan waits (it was asked
            # to confirm again)
            return ASIDE_ACTION, slots_before_latest_message(tracker, domain)
        if asks(text) and (requested.endswith("_confirmed") or not tells_complaint_detail(text, requested)):
            # At "确认登记吗？" a question is a side question, even one the model is less sure of
            # (你们之前给他打过电话没): a yes or no never comes as one. Likewise at the complaint's
            # "when / who called / who else" a question with no such detail in it (现在有几个投诉了):
            # it would otherwise be kept as the answer.
            needed = self.config["min_aside_confidence_at_confirmation"]
        answers_here = (
            intent in self.config["answers_in_form"].get(loop, [])
            and not (
                # 那撤了以后你们会不会天天打我, at "确认撤回吗": a question about the rules, not a new setting
                requested.endswith("_confirmed") and asks(text) and not _A_SETTING.search(text)
            )
            and not (
                # 最早那期多少来着, where the promise's amount is asked: a question, no amount (it was
                # taken for an amount that was not one, and the amount asked for again)
                loop == "promise_form" and asks(text) and parse_amount(text) is None
            )
        )
        if intent in self.config["aside_intents"] and not answers_here and confidence >= needed:
            return ASIDE_ACTION, slots_before_latest_message(tracker, domain)
        return None
