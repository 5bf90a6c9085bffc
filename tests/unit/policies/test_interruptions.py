"""The InterruptionPolicy (policies/interruptions.py) on trackers built from events with the real
domain and configuration, and the actions it runs (actions/interruptions.py) on the real store."""

from datetime import datetime

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop as SdkActiveLoop
from rasa_sdk.executor import CollectingDispatcher

from actions.interruptions import ASIDE_INTENTS, ActionAnswerAside, ActionCancelForm, ActionCrisisSupport, leave_form
from actions.store_access import loan_store
from nlu.clauses import MORE_TURNS
from policies.interruptions import InterruptionPolicy
from tests.conftest import ROOT
from tests.unit.actions.test_questions_and_identity import CONVERSATION, demo_store, run, texts, token_for  # noqa: F401

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
CONFIG = next(
    p
    for p in yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["policies"]
    if p["name"].endswith("InterruptionPolicy")
)


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    config = {**InterruptionPolicy.get_default_config(), **{k: v for k, v in CONFIG.items() if k != "name"}}
    return InterruptionPolicy(
        config,
        LocalModelStorage(tmp_path_factory.mktemp("m")),
        Resource("interruptions"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def user(text, intent, confidence=0.9):
    return UserUttered(text, {"name": intent, "confidence": confidence})


def in_plan_form(*after):
    return [
        ActionExecuted("action_listen"),
        user("能分期吗", "ask_instalment_plan"),
        ActionExecuted("action_offer_plan"),
        SlotSet("open_flow", "plan"),
        ActionExecuted("plan_form"),
        ActiveLoop("plan_form"),
        SlotSet("requested_slot", "plan_term"),
        ActionExecuted("action_listen"),
        *after,
    ]


def decide(policy, events):
    tracker = DialogueStateTracker.from_events(CONVERSATION, events, DOMAIN.slots)
    return policy.next_action(tracker, DOMAIN)


def test_aside_intents_of_the_configuration_all_have_an_answer():
    assert set(CONFIG["aside_intents"]) <= ASIDE_INTENTS


def test_a_side_question_in_a_form_is_answered_and_what_it_filled_is_undone(policy):
    events = in_plan_form(user("罚息怎么算", "ask_penalty_interest"), SlotSet("plan_term", "罚息怎么算"))
    assert decide(policy, events) == ("action_answer_aside", [SlotSet("plan_term", None)])
    assert decide(policy, events + [SlotSet("plan_term", None), ActionExecuted("action_answer_aside")]) == (
        "plan_form",
        [],
    )


def test_a_side_question_before_more_of_the_same_message_leaves_the_form_waiting(policy):
    """分6期吧 另外罚息还会涨吗: the penalty turn comes first; the form is not asked again before the
    turn that answers it (channels/script.py marks every turn but a message's last)."""
    aside = UserUttered(
        "另外罚息还会涨吗", {"name": "ask_penalty_interest", "confidence": 0.9}, metadata={MORE_TURNS: True}
    )
    events = in_plan_form(aside, SlotSet("plan_term", "另外罚息还会涨吗"))
    assert decide(policy, events) == ("action_answer_aside", [SlotSet("plan_term", None)])
    answered = events + [SlotSet("plan_term", None), ActionExecuted("action_answer_aside")]
    assert decide(policy, answered) == ("action_listen", [])


def test_an_answer_in_a_form_is_left_to_the_form(policy):
    assert decide(policy, in_plan_form(user("分6期", "ask_instalment_plan"), SlotSet("plan_term", "分6期"))) is None
    # An unsure guess is not taken for a side question either.
    assert decide(policy, in_plan_form(user("6个月吧", "ask_due_date", 0.4), SlotSet("plan_term", "6个月吧"))) is None


def test_outside_a_form_the_rules_decide(policy):
    assert decide(policy, [ActionExecuted("action_listen"), user("罚息怎么算", "ask_penalty_interest")]) is None


def test_crisis_words_come_first_in_any_intent_and_form(policy):
    events = in_plan_form(user("还不上我就跳楼", "ask_instalment_plan"), SlotSet("plan_term", "还不上我就跳楼"))
    assert decide(policy, events) == ("action_crisis_support", [])
    assert decide(policy, [ActionExecuted("action_listen"), user("活不下去了", "explain_hardship")]) == (
        "action_crisis_support",
        [],
    )
    assert decide(policy, events + [ActionExecuted("action_crisis_support")]) == ("action_listen", [])


def test_after_the_crisis_answer_what_is_not_a_request_is_still_heard_as_distress(policy):
    crisis = right_after_the_crisis_answer()
    despair = crisis + [user("没用的 谁也帮不了我", "deny")]
    assert decide(policy, despair) == ("action_crisis_follow_up", [])
    followed = despair + [ActionExecuted("action_crisis_follow_up")]
    assert decide(policy, followed) == ("action_listen", [])
    again = followed + [ActionExecuted("action_listen"), user("还是好累", "explain_hardship")]
    assert decide(policy, again) == ("action_crisis_follow_up", [])
    better = followed + [ActionExecuted("action_listen"), user("谢谢你，我好一点了", "nlu_fallback", 0.3)]
    assert decide(policy, better) == ("utter_crisis_better", [])
    # Feeling better with a request of their own: the request (h34b: the complaint was never filed)
    complaint = followed + [
        ActionExecuted("action_listen"),
        user("真的没事了。我就想投诉那个天天骂我的人，前天打的", "report_improper_collection", 0.9),
    ]
    assert decide(policy, complaint) is None
    # Their own question, even unsure, is answered as one — not the support text once more.
    asked = followed + [ActionExecuted("action_listen"), user("我冷静点了 那12期每个月多少来着", "nlu_fallback", 0.3)]
    assert decide(policy, asked) is None
    # A request of their own is answered as one; without a crisis before, 算了 is left to the rules.
    assert decide(policy, crisis + [user("我到底欠多少钱", "check_overdue", 0.95)]) is None
    assert decide(policy, [ActionExecuted("action_listen"), user("没用的", "deny")]) is None
    # 你们就知道要钱, right after: heard — it got "没太明白" with repayment buttons
    money = followed + [ActionExecuted("action_listen"), user("你们就知道要钱", "report_improper_collection", 0.7)]
    assert decide(policy, money) == ("action_crisis_follow_up", [])
    unsure = followed + [ActionExecuted("action_listen"), user("唉", "nlu_fallback", 0.3)]
    assert decide(policy, unsure) == ("action_crisis_follow_up", [])


def test_noise_answers_nothing(policy):
    events = in_plan_form(user("👍", "noise", 1.0), SlotSet("plan_term", "👍"))
    assert decide(policy, events) == ("utter_noise", [SlotSet("plan_term", None)])
    assert decide(policy, events + [ActionExecuted("utter_noise")]) == ("plan_form", [])
    assert decide(policy, [ActionExecuted("action_listen"), user("。。。", "noise", 1.0)]) == ("utter_noise", [])


def in_complaint_form(requested):
    """A complaint begun, its form asking for `requested`, waiting for the answer."""
    return [
        ActionExecuted("action_listen"),
        user("我要投诉", "report_improper_collection"),
        ActionExecuted("action_start_complaint"),
        ActionExecuted("complaint_form"),
        ActiveLoop("complaint_form"),
        SlotSet("requested_slot", requested),
        ActionExecuted("action_listen"),
    ]


def test_complaint_form_is_left_only_with_the_cancel_words(policy):
    # h35b: 算了不投了 投了你们也不管 — the cancel, then why (the form went on to its next question)
    category = in_complaint_form("complaint_category")
    assert decide(policy, category + [user("算了不投了 投了你们也不管", "deny", 0.93)]) == ("action_cancel_form", [])
    assert decide(policy, category + [user("算了 还是投诉吧 他骂我", "deny", 0.5)]) != ("action_cancel_form", [])
    start = in_complaint_form("complaint_others")
    assert decide(policy, start + [user("那算了", "deny", 1.0)]) == ("action_cancel_form", [])
    assert decide(policy, start + [user("没有", "deny")]) is None  # "nobody else": an answer
    assert decide(policy, start + [user("打给我同事了", "ask_contact_policy")]) is None
    # A complaint declined ends the form whatever the model read (我没要投诉 was asked again).
    assert decide(policy, start + [user("啥？我没要投诉", "report_improper_collection")]) == ("action_cancel_form", [])
    # A cancel, then a question: ended, not stored as the answer (it was kept as the caller).
    asked = user("先不弄了 我就想问问这样合规吗", "ask_contact_policy")
    assert decide(policy, start + [asked]) == ("action_cancel_form", [])
    assert decide(policy, start + [user("不清楚 是不是违规的啊", "ask_contact_policy")]) is None


@pytest.mark.parametrize("slot", ["complaint_when", "complaint_caller", "complaint_others"])
def test_a_question_at_a_complaint_detail_is_a_side_question_not_the_answer(policy, slot):
    """现在有几个投诉了, asked at "when did it happen" (the model's 0.55 under 0.6): it was kept as the
    time. A question with no such detail in it is answered, then the form asks again."""
    start = in_complaint_form(slot)
    assert decide(policy, start + [user("现在有几个投诉了", "ask_followup", 0.55)]) == ("action_answer_aside", [])
    assert decide(policy, start + [user("罚息怎么算的", "ask_penalty_interest", 0.25)]) is None  # below 0.3


def test_a_complaint_detail_with_a_question_word_in_it_is_still_the_answer(policy):
    start = in_complaint_form("complaint_when")
    assert decide(policy, start + [user("前几天晚上", "ask_followup", 0.55)]) is None  # 几, but a time
    assert decide(policy, start + [user("不记得", "ask_followup", 0.55)]) is None  # skipped
    # h34b: 哪天 read as a due-date question, though it is when, as near as they know
    assert decide(policy, start + [user("上周吧 具体哪天忘了", "ask_due_date", 0.9)]) is None
    assert decide(policy, start + [user("具体哪天要还款来着", "ask_due_date", 0.9)]) == ("action_answer_aside", [])
    # h35a: 没记 是个座机 at "who called" got "我是还款助手…不是真人"
    caller = in_complaint_form("complaint_caller")
    assert decide(policy, caller + [user("没记 是个座机", "bot_challenge", 0.9)]) == (
        "complaint_form",
        [SlotSet("complaint_caller", "没记 是个座机")],
    )
    assert decide(policy, caller + [user("你是机器人吗", "bot_challenge", 0.95)])[0] == "action_answer_aside"


def test_all_of_it_is_an_amount_in_the_promise_form_not_a_question_about_settling(policy):
    start = in_promise_form("promise_amount")
    for answer in ("全部", "全部还清", "都还上吧"):
        assert decide(policy, start + [user(answer, "ask_early_settlement")]) is None
    # Asked as a question it is one, answered aside.
    assert decide(policy, start + [user("全部还清要多少", "ask_early_settlement")])[0] == "action_answer_aside"
    # In another form it is what the model says.
    assert decide(policy, in_plan_form(user("全部还清", "ask_early_settlement")))[0] == "action_answer_aside"


def in_promise_form(requested):
    """月底能还, and the promise form asking for `requested`."""
    return [
        ActionExecuted("action_listen"),
        user("月底能还", "promise_to_pay"),
        ActionExecuted("action_offer_promise"),
        SlotSet("open_flow", "promise"),
        ActionExecuted("promise_form"),
        ActiveLoop("promise_form"),
        SlotSet("requested_slot", requested),
        ActionExecuted("action_listen"),
    ]


def test_less_than_promised_supposed_at_the_confirmation_is_a_question(policy):
    """如果到时候只凑到3000怎么办？ at a promise's confirmation: the promise became 3000."""
    start = in_promise_form("promise_confirmed")
    supposed = user("如果到时候只凑到3000怎么办？", "check_overdue", 1.0)  # DecisiveWords' reading
    assert decide(policy, start + [supposed])[0] == "action_answer_aside"


def test_an_arrangement_said_not_to_be_the_one_wanted_ends_the_form(policy):
    """不是延期 / 我没说要承诺, inside the form: it asked again, twice, and offered the way out."""
    start = in_promise_form("promise_confirmed")
    assert decide(policy, start + [user("我没说要承诺", "deny", 0.6)]) == ("action_cancel_form", [])
    assert decide(policy, in_plan_form(user("不是分期", "ask_instalment_plan", 0.8))) == ("action_cancel_form", [])
    assert decide(policy, start + [user("不是，我要延期", "ask_extension", 0.9)])[0] != "action_cancel_form"


def sdk_tracker(text, intent, loop=None, slots=None, metadata=None):
    return Tracker.from_dict(
        {
            "sender_id": CONVERSATION,
            "slots": slots or {},
            "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []},
            "events": [
                {
                    "event": "user",
                    "text": text,
                    "metadata": metadata or {},
                    "input_channel": "rest",
                    "parse_data": {"intent": {"name": intent, "confidence": 0.9}, "entities": []},
                }
            ],
            "latest_input_channel": "rest",
            "active_loop": {"name": loop} if loop else {},
            "latest_action_name": "action_listen",
            "paused": False,
            "followup_action": None,
        }
    )


DOMAIN_DICT = DOMAIN.as_dict()


@pytest.mark.asyncio
async def test_crisis_support_stores_an_urgent_handoff_and_leaves_the_form(monkeypatch):
    import actions.interruptions as interruptions

    monkeypatch.setattr(interruptions, "utc_now", lambda: datetime(2026, 11, 20, 3, 0))  # 11:00 in Beijing
    t = sdk_tracker(
        "我不想活了",
        "report_improper_collection",
        loop="complaint_form",
        slots={"complaint_category": "abusive_language"},
        metadata=token_for("B003"),
    )
    messages, events = await run(ActionCrisisSupport(), t)
    assert texts(messages)[0] == "utter_crisis_support"
    assert messages[1]["response"] == "utter_crisis_handoff"
    (handoff,) = loan_store().handoffs(CONVERSATION)
    assert messages[1]["handoff_reference"] == handoff.reference
    assert (handoff.urgent, handoff.borrower_id, handoff.summary.startswith("【紧急】")) == (True, "B003", True)
    assert loan_store().complaints("B003") == []
    # The channels learn of it (WeChat transfers to a live agent when one is online).
    assert messages[2]["custom"] == {"handoff": {"reference": handoff.reference, "topics": ["投诉催收"]}}


def test_leave_form_forgets_what_the_form_collected():
    t = sdk_tracker("", "deny", loop="complaint_form")
    events = leave_form(t, DOMAIN_DICT)
    assert events[0] == SdkActiveLoop(None)
    assert {e["name"] for e in events[1:]} == {
        "complaint_category",
        "complaint_when",
        "complaint_caller",
        "complaint_others",
        "open_flow",
        "form_stopped",
        "form_bad_answers",
        "pending_request",
        "pending_text",
        "requested_slot",
    }
    assert all(e["value"] is None for e in events[1:])
    # With enable_selective_domain the actions that leave a form are sent no domain: the form's slots
    # are still forgotten (a cancelled complaint's words were filed as its caller, h28a)
    assert leave_form(t, {}) == events


@pytest.mark.asyncio
async def test_cancel_form_says_nothing_was_filed():
    messages, events = await run(ActionCancelForm(), sdk_tracker("那算了", "deny", loop="complaint_form"))
    assert texts(messages) == ["utter_complaint_not_filed"]
    assert events[0] == SdkActiveLoop(None)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "intent, metadata, expected",
    [
        ("ask_how_to_repay", None, ["utter_how_to_repay", "utter_resume_form"]),
        ("bot_challenge", None, ["utter_iamabot", "utter_resume_form"]),
        ("check_overdue", None, ["utter_aside_figures_after_verification", "utter_resume_form"]),
        ("ask_penalty_interest", None, ["utter_penalty_rule", "utter_resume_form"]),
    ],
)
async def test_aside_answers(intent, metadata, expected):
    messages, _ = await run(ActionAnswerAside(), sdk_tracker("?", intent, loop="verification_form"))
    assert texts(messages) == expected


@pytest.mark.asyncio
async def test_an_aside_before_more_of_the_same_message_does_not_announce_the_form_again():
    t = sdk_tracker("罚息怎么算", "ask_penalty_interest", loop="plan_form", metadata={MORE_TURNS: True})
    messages, _ = await run(ActionAnswerAside(), t)
    assert texts(messages) == ["utter_penalty_rule"]


@pytest.mark.asyncio
async def test_did_you_call_my_mother_inside_a_form_gets_the_borrowers_own_answer():
    t = sdk_tracker(
        "另外我妈那边你们没打过电话吧", "ask_contact_policy", loop="extension_form", metadata=token_for("B004")
    )
    messages, _ = await run(ActionAnswerAside(), t)
    assert texts(messages)[0] == "utter_contact_policy"
    assert messages[1]["text"].startswith("我们联系过 刘红（母亲）")
    assert texts(messages)[-1] == "utter_resume_form"


@pytest.mark.asyncio
async def test_aside_gives_a_verified_borrower_their_own_figure():
    t = sdk_tracker("我现在罚息多少", "ask_penalty_interest", loop="plan_form", metadata=token_for("B001"))
    messages, _ = await run(ActionAnswerAside(), t)
    assert texts(messages)[0] == "utter_penalty_rule"
    assert messages[1]["text"].startswith("您目前的罚息共 62.76 元：")
    assert texts(messages)[-1] == "utter_resume_form"


@pytest.mark.parametrize(
    "requested, text, intent",
    [
        ("phone", "手机号13957218460 帮我查下还欠多少", "check_overdue"),
        ("phone", "我号码15190427736，罚息怎么算的", "ask_penalty_interest"),
        ("otp_code", "验证码482913 快点帮我看看欠款", "check_overdue"),
    ],
)
def test_the_number_asked_for_with_a_question_is_the_answer_in_verification(policy, requested, text, intent):
    events = [
        ActionExecuted("action_listen"),
        user("我欠多少钱", "check_overdue"),
        ActionExecuted("verification_form"),
        ActiveLoop("verification_form"),
        SlotSet("requested_slot", requested),
        ActionExecuted("action_listen"),
        user(text, intent),
        SlotSet(requested, text),
    ]
    assert decide(policy, events) is None
    events[-2:] = [user("罚息怎么算的", "ask_penalty_interest"), SlotSet(requested, "罚息怎么算的")]
    assert decide(policy, events)[0] == "action_answer_aside"


def in_verification(requested):
    """A question waiting for the verification form, which asks for `requested`."""
    return [
        ActionExecuted("action_listen"),
        user("我欠多少钱", "check_overdue"),
        ActionExecuted("verification_form"),
        ActiveLoop("verification_form"),
        SlotSet("requested_slot", requested),
        ActionExecuted("action_listen"),
    ]


def test_a_question_out_of_scope_in_verification_is_answered_not_taken_for_a_phone(policy):
    events = in_verification("phone")
    asked = events + [user("你们是正规持牌的吗 我怕是诈骗", "out_of_scope"), SlotSet("phone", "你们是正规持牌的吗")]
    assert decide(policy, asked) == ("action_answer_aside", [SlotSet("phone", None)])
    told = events + [user("138 我记不全了", "out_of_scope"), SlotSet("phone", "138 我记不全了")]
    assert decide(policy, told) is None


def test_a_lost_phone_in_verification_is_left_to_the_form(policy):
    events = in_verification("otp_code") + [
        user("我手机前两天掉了 号码还没补回来 收不到验证码怎么办", "check_overdue", 0.95)
    ]
    assert decide(policy, events) is None


def test_a_request_for_relief_while_the_code_is_awaited_is_answered_and_the_code_still_counts(policy):
    """验证码还没收到 延期要收费吗, at the code step: the verification was ended for the extension, and
    the code that then arrived was "not understood"."""
    at = in_verification("otp_code")
    asked = at + [user("验证码还没收到 延期要收费吗", "ask_extension", 0.93), SlotSet("otp_code", "验证码还没收到")]
    assert decide(policy, asked) == ("action_answer_aside", [SlotSet("otp_code", None)])
    phone = in_verification("phone") + [user("申请延期", "ask_extension", 0.95)]
    assert decide(policy, phone)[0] == "action_switch_flow"  # as before


@pytest.mark.asyncio
async def test_the_relief_asked_for_at_the_code_step_is_remembered_for_after_it(demo_store):  # noqa: F811
    messages, events = await run(
        ActionAnswerAside(), sdk_tracker("验证码还没收到 延期要收费吗", "ask_extension", loop="verification_form")
    )
    said = [m.get("text") or m.get("response") for m in messages]
    assert said[0].startswith("延期还款的条件：最长逾期不超过30天")
    assert said[1].startswith("短信偶尔会晚一两分钟")
    assert said[2:] == ["验证完成后，我接着为您看这件事。", "utter_resume_form"]
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"} == {
        "pending_request": "action_offer_extension",
        "pending_text": "验证码还没收到 延期要收费吗",
    }


def test_after_asking_about_someone_else_stop_calling_me_is_that_person_asking_to_be_left_alone(policy):
    """那你们能别再打我电话吗, from the one who asked about her husband: not the borrower's contact
    settings (which would ask her to verify as the borrower)."""
    events = [
        ActionExecuted("action_listen"),
        user("我老公是不是在你们这借钱了", "third_party_inquiry"),
        ActionExecuted("action_third_party"),
        ActionExecuted("action_listen"),
        user("那你们能别再打我电话吗", "request_stop_contacting_others"),
    ]
    assert decide(policy, events) == ("action_third_party", [])
    alone = [ActionExecuted("action_listen"), user("那你们能别再打我电话吗", "request_stop_contacting_others")]
    assert decide(policy, alone) is None  # a borrower's own request: the rules decide
    assert decide(policy, events + [ActionExecuted("action_third_party")]) == ("action_listen", [])


def test_why_not_after_a_refused_offer_is_answered_not_taken_for_a_no(policy):
    refused = [
        ActionExecuted("action_listen"),
        user("我想分期还", "ask_instalment_plan"),
        ActionExecuted("action_offer_plan"),
        SlotSet("open_flow", None),
        ActionExecuted("action_listen"),
    ]
    assert decide(policy, refused + [user("为什么不行，我又不是不还", "deny")]) == ("utter_why_not_online", [])
    assert decide(policy, refused + [user("不用了", "deny")]) is None  # a plain no: the rules decide
    assert decide(policy, refused + [user("为什么不行", "deny"), ActionExecuted("utter_why_not_online")]) == (
        "action_listen",
        [],
    )


@pytest.mark.parametrize("text", ["你们是哪家公司啊", "这是哪个公司的客服", "你们公司叫什么名字"])
def test_who_are_you_is_answered_with_the_lender(policy, text):
    asked = [ActionExecuted("action_listen"), user(text, "out_of_scope")]
    assert decide(policy, asked) == ("action_who_we_are", [])
    assert decide(policy, asked + [ActionExecuted("action_who_we_are")]) == ("action_listen", [])


@pytest.mark.asyncio
async def test_who_we_are_names_the_lender_and_inside_a_form_is_a_side_question(monkeypatch):
    from actions.interruptions import ActionWhoWeAre

    monkeypatch.setenv("LENDER_NAME", "安心消费金融")
    messages, _ = await run(ActionWhoWeAre(), sdk_tracker("你们是哪家公司", "out_of_scope"))
    assert messages[0]["text"].startswith("这里是安心消费金融的在线还款助手。还款和办理业务只走安心消费金融的App")
    aside, _ = await run(
        ActionAnswerAside(), sdk_tracker("你们是正规持牌的吗", "out_of_scope", loop="verification_form")
    )
    assert aside[0]["text"].startswith("这里是安心消费金融的在线还款助手") and texts(aside)[-1] == "utter_resume_form"


def test_a_question_at_a_confirmation_is_a_side_question_even_when_the_model_is_less_sure(policy):
    """你们之前给他打过电话没, at "确认吗？": it was told "请回复确认…" (the model's 0.45 was under 0.6)."""
    confirming = in_plan_form(
        user("分6期", "inform"),
        SlotSet("plan_term", "6"),
        ActionExecuted("plan_form"),
        SlotSet("requested_slot", "plan_confirmed"),
        ActionExecuted("action_listen"),
    )
    asked = confirming + [user("你们之前给他打过电话没", "ask_contact_policy", 0.45)]
    assert decide(policy, asked) == ("action_answer_aside", [])
    assert decide(policy, confirming + [user("嗯 可以", "affirm", 0.45)]) is None
    unsure = in_plan_form(user("你们之前给他打过电话没", "ask_contact_policy", 0.45))
    assert decide(policy, unsure) is None  # elsewhere in a form, the threshold is as before


def test_must_i_still_pay_right_after_the_crisis_answer_is_told_it_can_wait(policy):
    crisis = [
        ActionExecuted("action_listen"),
        user("撑不下去了 想从楼上跳下去", "explain_hardship"),
        ActionExecuted("action_crisis_support"),
        ActionExecuted("action_listen"),
    ]
    assert decide(policy, crisis + [user("谢谢。。那我现在还要还钱吗", "ask_how_to_repay")]) == (
        "utter_crisis_money",
        [],
    )
    assert decide(policy, crisis + [user("你们几点打电话", "ask_contact_policy")]) is None


def test_a_callers_detail_right_after_a_complaint_is_kept_with_it(policy):
    """工号好像是A1023, after the complaint was filed, got "好的。请问您想办理什么" and was lost."""
    filed = [
        ActionExecuted("action_listen"),
        user("不清楚", "deny"),
        ActionExecuted("complaint_form"),
        ActiveLoop(None),
        ActionExecuted("action_submit_complaint"),
        ActionExecuted("action_listen"),
    ]
    assert decide(policy, filed + [user("工号好像是A1023", "inform", 0.4)]) == ("action_add_to_complaint", [])
    assert decide(policy, filed + [user("谢谢", "thank")]) is None


def test_another_budget_right_after_one_too_low_is_quoted(policy):
    """每个月只能还100 (too low), then 那150呢: "抱歉，我没太明白"."""
    too_low = [
        ActionExecuted("action_listen"),
        user("每个月只能还100块", "ask_instalment_plan"),
        ActionExecuted("action_offer_plan"),
        SlotSet("needs_verification", False),
        SlotSet("open_flow", None),
        ActionExecuted("action_listen"),
    ]
    asked = too_low + [user("那150呢", "nlu_fallback", 0.3)]
    assert decide(policy, asked) == ("action_offer_plan", [])
    offered = asked + [ActionExecuted("action_offer_plan"), SlotSet("open_flow", "plan")]
    assert decide(policy, offered) == ("plan_form", [])
    still_low = asked + [ActionExecuted("action_offer_plan"), SlotSet("open_flow", None)]
    assert decide(policy, still_low) == ("action_listen", [])
    assert decide(policy, too_low + [user("好的谢谢", "thank")]) is None


def test_a_question_about_the_plan_quoted_is_the_forms_own(policy):
    """分期手续费是多少 年化利率多少 at the plan's confirmation was answered as a side question about the
    penalty (the rules again); the quote's own cost is the form's to say."""
    at = in_plan_form(SlotSet("requested_slot", "plan_confirmed"), ActionExecuted("action_listen"))
    asked = at + [user("分期手续费是多少 年化利率多少", "ask_penalty_interest", 0.55)]
    assert decide(policy, asked) == ("action_explain_plan", [])
    # read as how to pay (it got the repayment channels): the quote's own answer too, then the form
    covers = at + [user("没到期的还要照常还吗", "ask_how_to_repay", 0.9)]
    assert decide(policy, covers)[0] == "action_explain_plan"
    assert decide(policy, covers + [ActionExecuted("action_explain_plan")]) == ("plan_form", [])
    assert decide(policy, at + [user("罚息怎么算的", "ask_penalty_interest", 0.9)])[0] == "action_answer_aside"
    # 对了 28号那期526.55要不要另外还, read as a promise: it was taken as a budget of 526.55
    beside = in_plan_form(user("对了 28号那期526.55要不要另外还？", "promise_to_pay", 0.35))
    assert decide(policy, beside)[0] == "action_explain_plan"


def test_a_middlemans_fee_inside_the_plan_form_is_the_warning_not_the_quote(policy):
    at = in_plan_form()
    asked = at + [user("有个人说交三千块手续费就能帮我停息挂账 钱转他卡上 能信吗", "ask_about_middleman", 0.95)]
    assert decide(policy, asked)[0] == "action_answer_aside"


def at_contact_confirmation():
    return [
        ActionExecuted("action_listen"),
        user("撤回我妈的紧急联系人", "request_stop_contacting_others"),
        ActionExecuted("action_offer_contact_control"),
        ActionExecuted("contact_control_form"),
        ActiveLoop("contact_control_form"),
        SlotSet("requested_slot", "contact_control_confirmed"),
        ActionExecuted("action_listen"),
    ]


def test_a_question_about_the_rules_at_a_settings_confirmation_is_answered(policy):
    """那撤了以后你们会不会天天打我, at "确认撤回吗": "请回复确认或者不要了", twice."""
    start = at_contact_confirmation()
    asked = user("那撤了以后你们会不会天天打我", "ask_contact_policy")
    assert decide(policy, start + [asked]) == ("action_answer_aside", [])
    # another setting said at the confirmation stays the form's (it revises the change)
    assert decide(policy, start + [user("那改成只发短信吧？", "ask_contact_policy")]) is None
    # 撤回之后…会不会: what follows a withdrawal, asked (撤回 read as a setting, it was asked again)
    after = user("等一下，撤回之后你们会不会就天天打我电话了？", "ask_contact_policy", 0.91)
    assert decide(policy, start + [after]) == ("action_answer_aside", [])
    assert decide(policy, start + [user("撤回我爸的吧？", "ask_contact_policy")]) is None
    # 那短信一天会发几条？半夜会发吗: a question, not "SMS in the evenings" (a window was invented)
    rules = user("那短信一天会发几条？半夜会发吗", "ask_contact_policy", 0.8)
    assert decide(policy, start + [rules]) == ("action_answer_aside", [])


def test_a_complaint_at_a_settings_confirmation_leaves_the_setting_and_begins_the_complaint(policy):
    """我要投诉他们, at "确认撤回吗": "请回复确认或者不要了" again."""
    start = at_contact_confirmation()
    complaint = user("先不撤了 我要投诉他们", "report_improper_collection", 0.93)
    assert decide(policy, start + [complaint])[0] == "action_switch_flow"
    switched = start + [complaint, ActionExecuted("action_switch_flow")]
    assert decide(policy, switched) == ("action_start_complaint", [])
    started = switched + [
        ActionExecuted("action_start_complaint"),
        SlotSet("needs_verification", False),
        SlotSet("open_flow", "complaint"),
    ]
    assert decide(policy, started) == ("complaint_form", [])
    # a complaint the model is unsure of, or one that does not say so, stays the form's
    assert decide(policy, start + [user("我要投诉他们", "report_improper_collection", 0.6)]) is None
    assert decide(policy, start + [user("他们骂我妈", "report_improper_collection", 0.9)]) is None


@pytest.mark.asyncio
async def test_a_monthly_day_asked_at_a_plan_is_the_plans_day():
    """20号我工资还没到 能不能每个月25号扣, at a plan's confirmation: the loan contract's due-date rule."""
    from actions.interruptions import ActionAnswerAside

    d = CollectingDispatcher()
    await ActionAnswerAside().run(
        d, sdk_tracker("20号我工资还没到 能不能每个月25号扣", "ask_due_date", loop="plan_form"), DOMAIN_DICT
    )
    assert d.messages[0]["text"].startswith(
        "分期的首期还款日按规则是接受方案满一个月的同一天（今天办理就是2026年12月20日），之后每月同一天还"
    )


def test_undoing_a_stored_arrangement_inside_a_form_ends_the_form(policy):
    start = in_plan_form()
    asked = user("我是要取消刚才登记的那个 C202611205EF2F4", "ask_other_service")
    assert decide(policy, start + [asked]) == ("action_cancel_form", [])


@pytest.mark.asyncio
async def test_the_form_dropped_for_an_undo_says_the_stored_one_needs_a_person():
    from actions.interruptions import ActionCancelForm

    d = CollectingDispatcher()
    await ActionCancelForm().run(
        d,
        sdk_tracker("我是要取消刚才登记的那个 C202611205EF2F4", "ask_other_service", loop="promise_form"),
        DOMAIN_DICT,
    )
    assert [m.get("text") or m.get("response") for m in d.messages] == [
        "好的，这一步先不办了，没有登记新的内容。",
        "utter_route_cancel_arrangement",
    ]


def test_a_days_choice_asked_as_a_question_is_the_choice(policy):
    """延15天的话是哪天还, asked how long: the due dates again, then "您想延期多久"."""
    start = [
        ActionExecuted("action_listen"),
        user("能延期吗", "ask_extension"),
        ActionExecuted("action_offer_extension"),
        ActionExecuted("extension_form"),
        ActiveLoop("extension_form"),
        SlotSet("requested_slot", "extension_days"),
        ActionExecuted("action_listen"),
    ]
    assert decide(policy, start + [user("延15天的话是哪天还", "ask_due_date")]) is None


def test_a_term_asked_about_at_the_plan_is_explained_not_chosen(policy):
    """分12期的话一共多出多少钱 那12月10号那期还要另外还吗: the breakdown, then 12 months chosen."""
    asked = user("分12期的话一共多出多少钱 那12月10号那期还要另外还吗 那每个月加起来得还多少啊", "check_overdue")
    assert decide(policy, in_plan_form(asked))[0] == "action_explain_plan"


@pytest.mark.asyncio
async def test_crisis_at_night_or_from_someone_we_cannot_call_says_when_and_the_lines_first(monkeypatch):
    """At 03:49 an anonymous writer was told "客服会尽快联系您" — nobody works at night, nor has their number."""
    import actions.interruptions as interruptions

    monkeypatch.setattr(interruptions, "utc_now", lambda: datetime(2026, 11, 19, 19, 49))  # 03:49 in Beijing
    messages, _ = await run(ActionCrisisSupport(), sdk_tracker("今晚就想结束这一切", "nlu_fallback"))
    said = messages[1]["text"]
    assert "现在还不到人工服务时间（每天 9:00–21:00），人工客服今天 9:00 起会尽快接手" in said
    assert "您没有登录，客服没法主动联系您" in said and "12356" in said and "120 或 110" in said
    follow = CollectingDispatcher()
    await interruptions.ActionCrisisFollowUp().run(
        follow, sdk_tracker("我就是想找人说说话", "nlu_fallback"), DOMAIN_DICT
    )
    assert follow.messages[0]["text"].startswith("我在这里，您说的我都在听。现在人工客服还没上班")


def test_another_amount_at_a_promise_is_its_amount_not_a_plan(policy):
    """其其实只能还五百, at the promise's confirmation: a 3-month plan was quoted."""
    start = [
        ActionExecuted("action_listen"),
        user("25号还", "promise_to_pay"),
        ActionExecuted("action_offer_promise"),
        ActionExecuted("promise_form"),
        ActiveLoop("promise_form"),
        SlotSet("requested_slot", "promise_confirmed"),
        ActionExecuted("action_listen"),
    ]
    assert decide(policy, start + [user("其其实只能还五百", "ask_instalment_plan", 0.8)]) is None
    switched = decide(policy, start + [user("一个月五百左右吧", "ask_instalment_plan", 0.8)])
    assert switched[0] == "action_switch_flow"


def test_a_complaint_declined_at_the_number_ends_the_verification(policy):
    """我不想投诉，我就想知道他们会不会真的去找村委会, at the number asked for a complaint: it was
    "not a valid phone number" (the model's 0.57 for the question is under the aside's line)."""
    declined = user("我不想投诉，我就想知道他们会不会真的去找村委会", "ask_overdue_consequences", 0.57)
    assert decide(policy, in_verification("phone") + [declined]) == ("action_cancel_form", [])
    assert decide(policy, in_verification("phone") + [user("13800138001", "inform")]) is None


@pytest.mark.asyncio
async def test_a_complaint_declined_in_verification_is_said_as_not_filed():
    from actions.interruptions import NO_COMPLAINT

    messages, events = await run(ActionCancelForm(), sdk_tracker("我不想投诉", "deny", loop="verification_form"))
    assert texts(messages) == [NO_COMPLAINT]
    assert events[0] == SdkActiveLoop(None)


def test_not_the_borrower_said_at_the_code_ends_the_verification_and_is_heard(policy):
    """我不是借款人！我就是要你们别再打我电话, at the code: "请输入6位验证码" (h14 talk)."""
    said = user("我不是借款人！我就是要你们别再打我电话", "request_stop_contacting_others", 0.8)
    assert decide(policy, in_verification("otp_code") + [said]) == ("action_third_party", [])
    assert decide(policy, in_verification("otp_code") + [user("482913", "inform")]) is None


def test_a_question_at_a_plans_confirmation_stays_with_the_plan(policy):
    """确认之前问下 首期能改到25号吗 我25号才有钱, at "确认办理吗": read as a promise, the plan was dropped
    and a promise begun ("我没说不办啊")."""
    start = [
        ActionExecuted("action_listen"),
        user("分6期", "ask_instalment_plan"),
        ActionExecuted("action_offer_plan"),
        SlotSet("open_flow", "plan"),
        ActionExecuted("plan_form"),
        ActiveLoop("plan_form"),
        SlotSet("requested_slot", "plan_confirmed"),
        ActionExecuted("action_listen"),
    ]
    asked = user("确认之前问下 首期能改到25号吗 我25号才有钱", "promise_to_pay", 0.86)
    assert decide(policy, start + [asked]) is None  # the form's own answer: the first due date's rule
    another = user("能不能改成延期啊", "ask_extension", 0.9)
    assert decide(policy, start + [another])[0] == "action_switch_flow"
    told = user("我还是下周五还500吧", "promise_to_pay", 0.9)
    assert decide(policy, start + [told])[0] == "action_switch_flow"


def test_a_plain_cancel_right_after_a_handoff_withdraws_it(policy):
    """算了不用了 取消吧, right after the handoff: "好的，没关系", and the ticket stayed."""
    asked = [
        ActionExecuted("action_listen"),
        user("给我转真人客服！！！", "request_human"),
        ActionExecuted("action_request_human"),
        ActionExecuted("action_listen"),
    ]
    cancel = user("算了不用了 取消吧", "deny", 0.95)
    assert decide(policy, asked + [cancel]) == ("action_request_human", [])
    assert decide(policy, asked + [cancel, ActionExecuted("action_request_human")]) == ("action_listen", [])
    # a cancel after anything else is the rules' (好的，没关系)
    other = [
        ActionExecuted("action_listen"),
        user("罚息怎么算", "ask_penalty_interest"),
        ActionExecuted("action_ask_penalty_interest"),
        ActionExecuted("action_listen"),
    ]
    assert decide(policy, other + [cancel]) is None


def right_after_the_crisis_answer():
    return [
        ActionExecuted("action_listen"),
        user("活着没意思 想从楼上跳下去算了", "explain_hardship"),
        ActionExecuted("action_crisis_support"),
        ActionExecuted("action_listen"),
    ]


def test_no_calls_wanted_after_the_crisis_answer_is_heard(policy):
    """我没事 就是说说 别让人给我打电话 我现在不想接电话: "我们的同事…会尽快联系您", the wish unheard."""
    crisis = right_after_the_crisis_answer()
    said = user("我没事 就是说说 别让人给我打电话 我现在不想接电话", "request_stop_contacting_others", 0.9)
    assert decide(policy, crisis + [said]) == ("action_crisis_follow_up", [])


@pytest.mark.asyncio
async def test_no_calls_wanted_after_the_crisis_answer_is_answered():
    from actions.interruptions import NO_CALLS_AFTER_CRISIS, ActionCrisisFollowUp

    d = CollectingDispatcher()
    await ActionCrisisFollowUp().run(d, sdk_tracker("别让人给我打电话 我现在不想接电话", "deny"), DOMAIN_DICT)
    assert [m["text"] for m in d.messages] == [NO_CALLS_AFTER_CRISIS]
    assert NO_CALLS_AFTER_CRISIS.startswith("好的，不给您打电话。同事会在这个对话里接手")


@pytest.mark.asyncio
async def test_no_calls_wanted_after_the_crisis_answer_is_stored_for_a_verified_borrower(demo_store):  # noqa: F811
    """h29b: "好的，不给您打电话" was said to B005, and the contact settings stayed at every channel."""
    from actions.interruptions import NO_CALLS_STORED_AFTER_CRISIS, ActionCrisisFollowUp

    d = CollectingDispatcher()
    said = "打了也没用 算了 你们至少能不能别再给我打电话了"
    await ActionCrisisFollowUp().run(d, sdk_tracker(said, "deny", metadata=token_for("B005")), DOMAIN_DICT)
    assert [m["text"] for m in d.messages] == [NO_CALLS_STORED_AFTER_CRISIS]
    assert demo_store.preferences("B005").channel == "sms"


def asked_for_the_refusal_phone(*after):
    return [
        ActionExecuted("action_listen"),
        user("你们别再打我电话了 我不认识这个人", "third_party_inquiry"),
        ActionExecuted("action_third_party"),
        BotUttered("请告诉我们打给您的那个手机号", metadata={"utter_action": "utter_refusal_needs_phone"}),
        SlotSet("not_the_borrower", True),
        ActionExecuted("action_listen"),
        *after,
    ]


def test_the_number_asked_for_to_stop_calls_is_kept_whatever_question_comes_with_it(policy):
    """15912345678 多久能生效？今晚还会打吗 was read as the contact rules, and no rule followed them:
    Rasa's "这条消息我暂时没能处理好"."""
    asked = user("15912345678 多久能生效？今晚还会打吗", "ask_contact_policy", 0.94)
    assert decide(policy, asked_for_the_refusal_phone(asked)) == ("action_fallback", [])
    assert decide(policy, asked_for_the_refusal_phone(asked, ActionExecuted("action_fallback"))) == (
        "action_listen",
        [],
    )
    theirs = user("他的手机号是15912345678 你们找他去", "ask_contact_policy", 0.94)
    assert decide(policy, asked_for_the_refusal_phone(theirs)) is None
    no_number = user("多久能生效？今晚还会打吗", "ask_contact_policy", 0.94)
    assert decide(policy, asked_for_the_refusal_phone(no_number)) is None


def test_a_question_about_a_figure_where_the_promise_amount_is_asked_is_answered_aside(policy):
    """就一期啊 最早那期多少来着: taken for an amount that was not one, the amount was asked again twice."""
    start = in_promise_form("promise_amount")
    asked = decide(policy, start + [user("最早那期多少来着", "check_overdue", 1.0)])
    assert asked[0] == "action_answer_aside"
    assert decide(policy, start + [user("我现在一共欠多少来着", "check_overdue", 0.8)])[0] == "action_answer_aside"
    # an amount, or all of it, is still the answer
    assert decide(policy, start + [user("最早那期的1136吧", "check_overdue", 0.8)]) is None
    assert decide(policy, start + [user("全部都还上", "check_overdue", 0.8)]) is None


@pytest.mark.asyncio
async def test_after_the_crisis_answer_someone_asking_not_to_be_pressed_is_heard(policy, monkeypatch):
    """能不能先别催我了，让我喘口气, right after the crisis answer: "抱歉，我没太明白您的意思"; and an anonymous
    writer, told "客服没法主动联系您", was then told "我们的同事…会尽快联系您"."""
    import actions.interruptions as interruptions

    after = right_after_the_crisis_answer()
    asked = user("能不能先别催我了，让我喘口气", "nlu_fallback", 0.3)
    assert decide(policy, after + [asked]) == ("action_crisis_follow_up", [])
    monkeypatch.setattr(interruptions, "utc_now", lambda: datetime(2026, 11, 20, 3, 0))  # 11:00 in Beijing
    spared = CollectingDispatcher()
    await interruptions.ActionCrisisFollowUp().run(
        spared, sdk_tracker("能不能先别催我了，让我喘口气", "nlu_fallback"), DOMAIN_DICT
    )
    assert [m["text"] for m in spared.messages] == [interruptions.NO_PRESSURE_AFTER_CRISIS]
    assert interruptions.NO_PRESSURE_AFTER_CRISIS.startswith("好的，现在不谈还款的事。")
    anonymous = CollectingDispatcher()
    await interruptions.ActionCrisisFollowUp().run(
        anonymous, sdk_tracker("我就是想找人说说话", "nlu_fallback"), DOMAIN_DICT
    )
    assert [m["text"] for m in anonymous.messages] == [interruptions.CRISIS_FOLLOW_UP_IN_CHAT]
    assert "会尽快联系您" not in interruptions.CRISIS_FOLLOW_UP_IN_CHAT


def test_another_choice_at_an_extensions_confirmation_is_its_answer_whatever_else_is_said(policy):
    """等等 工资下月15号才到，改成30天, with 15 days quoted: read as a promise (15号), the extension was
    dropped and a promise begun."""
    start = at_the_confirmation("extension", "我想延期", "ask_extension")
    assert decide(policy, start + [user("等等 工资下月15号才到，改成30天", "promise_to_pay", 0.85)]) is None
    switched = decide(policy, start + [user("算了我还是月底先还五百吧", "promise_to_pay", 0.95)])
    assert switched[0] == "action_switch_flow"


@pytest.mark.asyncio
async def test_a_worry_about_the_code_at_the_code_step_is_answered_by_the_form(policy):
    """等下，验证码会不会被你们拿去盗刷啊？ at the code: what data we keep (an aside on ask_data_kept)."""
    from actions.verification import GENUINE, ValidateVerificationForm

    worry = user("等下，验证码会不会被你们拿去盗刷啊？", "ask_data_kept", 0.8)
    assert decide(policy, in_verification("otp_code") + [worry]) is None
    d = CollectingDispatcher()
    got = await ValidateVerificationForm().validate_otp_code(
        "等下，验证码会不会被你们拿去盗刷啊？",
        d,
        sdk_tracker("等下，验证码会不会被你们拿去盗刷啊？", "ask_data_kept"),
        DOMAIN_DICT,
    )
    assert got == {"otp_code": None} and d.messages[0]["text"] == GENUINE
    assert "不能用来扣款、支付或转走您的钱" in GENUINE


@pytest.mark.asyncio
async def test_after_the_crisis_answer_a_bare_yes_is_still_heard_and_wanting_to_talk_now_gets_the_line(
    policy, demo_store
):  # noqa: F811
    """嗯, right after the crisis answer, got "请问您想办理什么"; 客服什么时候打给我？我现在就想跟人说说话 got
    the service hours only."""
    from actions.handoff import TALK_NOW, when_answered
    from rules.calendar import utc_now

    after = right_after_the_crisis_answer()
    assert decide(policy, after + [user("嗯", "affirm", 0.95)]) == ("action_crisis_follow_up", [])
    loan_store().create_handoff(CONVERSATION, "B001", "【紧急】对话中出现危机信号。", utc_now(), True)
    d = CollectingDispatcher()
    assert await when_answered(d, sdk_tracker("客服什么时候打给我？我现在就想跟人说说话", "ask_followup"), "B001")
    assert d.messages[-1]["text"] == TALK_NOW and "12356" in TALK_NOW


def test_whether_an_extension_can_be_had_at_a_plans_confirmation_is_answered_aside(policy):
    """那我能延期吗, at the plan's confirmation: "请回复“确认”办理这个方案…", the question ignored."""
    start = at_the_confirmation("plan", "能分期吗", "ask_instalment_plan")
    assert decide(policy, start + [user("那我能延期吗", "ask_extension", 0.9)])[0] == "action_answer_aside"
    assert decide(policy, start + [user("我不分期了 我要延期", "ask_extension", 0.95)])[0] == "action_switch_flow"


@pytest.mark.asyncio
async def test_an_extension_asked_about_at_a_plan_is_said_not_possible_when_it_is_not():
    from actions.interruptions import EXTENSION_INSTEAD_OF_PLAN

    asked = sdk_tracker("那我能延期吗", "ask_extension", loop="plan_form", metadata=token_for("B001"))
    messages, _ = await run(ActionAnswerAside(), asked)
    assert texts(messages)[0] == "延期只能在逾期不超过30天时办理，您已逾期 71 天，办不了延期。"
    able = sdk_tracker("那我能延期吗", "ask_extension", loop="plan_form", metadata=token_for("B002"))
    messages, _ = await run(ActionAnswerAside(), able)
    assert texts(messages)[0] == EXTENSION_INSTEAD_OF_PLAN


@pytest.mark.asyncio
async def test_a_worry_at_the_phone_step_is_answered_with_why_the_phone_is_asked(policy):
    """为啥要手机号 你们不是骗子吧 验证码给你了会不会被盗刷: the consequences, then "not a valid number"."""
    from actions.verification import WHY_PHONE, ValidateVerificationForm

    text = "为啥要手机号 你们不是骗子吧 验证码给你了会不会被盗刷"
    assert decide(policy, in_verification("phone") + [user(text, "ask_overdue_consequences", 0.7)]) is None
    d = CollectingDispatcher()
    got = await ValidateVerificationForm().validate_phone(
        text, d, sdk_tracker(text, "ask_overdue_consequences"), DOMAIN_DICT
    )
    assert got == {"phone": None} and d.messages[0]["text"] == WHY_PHONE
    assert [b["title"] for b in d.messages[0]["buttons"]] == ["算了", "转人工"]


def test_another_term_at_a_plans_confirmation_is_its_answer_whatever_else_is_said(policy):
    """等下 12期利息太多了 还是6期吧: the penalty rules, and the 12-month quote kept."""
    start = at_the_confirmation("plan", "我想分12期", "ask_instalment_plan")
    # the form's, explicitly, the words its answer (the slot's mapping skips a penalty question: the form found
    # nothing, the penalty rules came and the first term was put again, h35b)
    for said, read in [
        ("等下 12期利息太多了 还是6期吧", 0.9),
        ("算了还是3期吧 利息少一点", 0.34),
        ("多打了个0 是300", 0.4),
    ]:
        assert decide(policy, start + [user(said, "ask_penalty_interest", read)]) == (
            "plan_form",
            [SlotSet("plan_confirmed", said)],
        )
    assert decide(policy, start + [user("12期利息怎么这么多", "ask_penalty_interest", 0.9)])[0] != "plan_form"


def test_adding_to_the_complaint_filed_from_a_second_complaints_form_ends_that_form(policy):
    """不用再登记了 把10点40那个补到刚才那个单子里就行: the form's question again, until 取消."""
    filed = [
        ActionExecuted("action_listen"),
        user("催收骂我", "report_improper_collection"),
        ActionExecuted("action_submit_complaint"),
        ActionExecuted("action_listen"),
    ]
    second = filed + in_complaint_form("complaint_caller")[1:]
    added = user("不用再登记了 把10点40那个补到刚才那个单子里就行", "report_improper_collection", 0.8)
    assert decide(policy, second + [added]) == ("action_add_to_complaint", [])
    assert decide(policy, in_complaint_form("complaint_caller") + [added]) != ("action_add_to_complaint", [])


@pytest.mark.asyncio
async def test_adding_to_a_complaint_from_inside_a_form_ends_the_form(demo_store):  # noqa: F811
    from actions.conduct import ActionAddToComplaint
    from rules.calendar import utc_now

    first, _ = demo_store.file_complaint("B004", "c4", "outside_hours", "半夜打电话", None, None, None, utc_now())
    t = sdk_tracker(
        "不用再登记了 把10点40那个补到刚才那个单子里就行",
        "report_improper_collection",
        loop="complaint_form",
        metadata=token_for("B004"),
    )
    messages, events = await run(ActionAddToComplaint(), t)
    assert texts(messages)[0] == "好的，不另外登记新的投诉。"
    assert texts(messages)[1].startswith(f"已把您补充的内容记到投诉 {first.ticket} 里")
    assert {"event": "active_loop", "name": None, "timestamp": None} in events


def at_the_confirmation(flow, said, intent):
    """`said` asked for the `flow`'s arrangement, and its form asking to confirm the quote."""
    return [
        ActionExecuted("action_listen"),
        user(said, intent),
        ActionExecuted(f"action_offer_{flow}"),
        SlotSet("open_flow", flow),
        ActionExecuted(f"{flow}_form"),
        ActiveLoop(f"{flow}_form"),
        SlotSet("requested_slot", f"{flow}_confirmed"),
        ActionExecuted("action_listen"),
    ]


def test_a_few_turns_after_the_crisis_answer_despair_the_family_and_a_busy_line_are_still_heard(policy):
    """h23b: 算了 没意思 got "好的，没关系"; 欠的钱会不会落到我老婆孩子头上 got "没太明白" with repayment
    buttons; 12356打了占线 got "12356 随时有人接听" — each a few turns after the crisis answer."""
    crisis = right_after_the_crisis_answer()
    later = crisis + [
        user("我欠多少", "check_overdue", 0.95),
        ActionExecuted("action_check_overdue"),
        ActionExecuted("action_listen"),
    ]
    for text, intent in (
        ("算了 没意思", "deny"),
        ("我就想知道 欠的钱会不会落到我老婆孩子头上", "nlu_fallback"),
        ("12356打了占线", "nlu_fallback"),
    ):
        assert decide(policy, later + [user(text, intent, 0.6)]) == ("action_crisis_follow_up", []), text
    assert decide(policy, later + [user("没办法 那我分期吧", "ask_instalment_plan", 0.9)]) is None  # a request
    assert decide(policy, [ActionExecuted("action_listen"), user("算了 没意思", "deny")]) is None  # no crisis before


@pytest.mark.parametrize(
    "text",
    ["有时候觉得要是睡着了不醒过来也挺好的", "如果我不在了 这钱是不是就要我老婆孩子还了", "真想消失"],
)
def test_passive_wishes_not_to_live_are_a_crisis(policy, text):
    assert decide(policy, [ActionExecuted("action_listen"), user(text, "nlu_fallback", 0.3)]) == (
        "action_crisis_support",
        [],
    )


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "text, answer",
    [("12356打了占线", "LINE_BUSY_NOW"), ("如果我不在了 这钱是不是就要我老婆孩子还了", "FAMILY_NOT_LIABLE")],
)
async def test_a_busy_line_and_the_family_are_answered_after_the_crisis_answer(text, answer):
    from actions import interruptions

    d = CollectingDispatcher()
    await interruptions.ActionCrisisFollowUp().run(d, sdk_tracker(text, "nlu_fallback"), DOMAIN_DICT)
    assert [m["text"] for m in d.messages] == [getattr(interruptions, answer)]


@pytest.mark.asyncio
async def test_a_relatives_number_said_beside_crisis_words_is_kept(demo_store):  # noqa: F811
    """别再打给我 13811112222 … 真不想活了, from a father: the crisis answer, and the number was lost —
    said again after it, "好的，不给您打电话" answered something else (h26a)."""
    import actions.interruptions as interruptions

    text = "我儿子借的钱关我什么事 别再打给我了 13811112222 天天这样真不想活了"
    messages, _ = await run(ActionCrisisSupport(), sdk_tracker(text, "third_party_inquiry"))
    assert "13811112222" in demo_store.refused_phones()
    assert messages[-1]["text"] == interruptions.REFUSAL_KEPT_TOO.format(masked="138****2222")
    follow = CollectingDispatcher()
    await interruptions.ActionCrisisFollowUp().run(
        follow,
        sdk_tracker("别再打给我 13811113333", "request_stop_contacting_others", slots={"not_the_borrower": True}),
        DOMAIN_DICT,
    )
    assert "13811113333" in demo_store.refused_phones()
    assert follow.messages[0]["text"] == interruptions.REFUSAL_KEPT_TOO.format(masked="138****3333")


def test_the_kind_of_conduct_said_in_words_is_the_complaints_answer(policy):
    """上门 让我扫码转账, asked what kind of conduct it was: the repayment channels, three times (h26b)."""
    start = in_complaint_form("complaint_category")
    assert decide(policy, start + [user("上门 让我扫码转账", "ask_how_to_repay")]) is None
    assert decide(policy, start + [user("怎么还款", "ask_how_to_repay")]) == ("action_answer_aside", [])


def test_a_month_or_a_later_instalment_asked_at_the_plan_is_explained(policy):
    """12月一共要还多少 / 12月10号那期1100的 能不能一起放进分期里, at the plan's confirmation: the whole
    arrears, and the question ignored (h26a)."""
    confirming = in_plan_form(
        user("分3期", "inform"),
        SlotSet("plan_term", "3"),
        ActionExecuted("plan_form"),
        SlotSet("requested_slot", "plan_confirmed"),
        ActionExecuted("action_listen"),
    )
    assert decide(policy, confirming + [user("12月一共要还多少", "check_overdue")])[0] == "action_explain_plan"
    joined = user("12月10号那期1100的 能不能一起放进分期里", "ask_instalment_plan")
    assert decide(policy, confirming + [joined])[0] == "action_explain_plan"


@pytest.mark.asyncio
async def test_harm_under_way_hears_emergency_services_first(demo_store):  # noqa: F811
    """h29b: 刚吃了一把安眠药 就想跟人说说 got the same words as the first crisis message."""
    from actions.interruptions import EMERGENCY_NOW

    messages, _ = await run(ActionCrisisSupport(), sdk_tracker("刚吃了一把安眠药 就想跟人说说", "nlu_fallback"))
    assert messages[0]["text"] == EMERGENCY_NOW and messages[1]["response"] == "utter_crisis_support"
    plain, _ = await run(ActionCrisisSupport(), sdk_tracker("我不想活了", "nlu_fallback"))
    assert plain[0]["response"] == "utter_crisis_support"
    # h30b: 我站在楼顶了 was told to take the pill bottle along
    roof, _ = await run(ActionCrisisSupport(), sdk_tracker("算了查了也还不上 我站在楼顶了 不想活了", "nlu_fallback"))
    assert roof[0]["text"] == (
        "请现在就拨打 120（有危险也可以拨 110），或者马上告诉身边的人、让他们陪着您、送您去医院——现在就打，不要等。"
        "请先从边上退回来，到安全的地方坐下；打完电话告诉身边的人您在哪里。我一直在这里。"
    )


def test_a_contact_named_after_the_settings_menu_is_a_setting_not_a_third_party(policy):
    """h35a: 就是他 张建国 after the menu got the contact history; the menu's own 不要再联系张建国, after that
    third-party turn, got "that person asks to be left alone"."""
    menu = [
        ActionExecuted("action_listen"),
        user("以后别打我爸电话", "request_stop_contacting_others"),
        ActionExecuted("action_offer_contact_control"),
        ActionExecuted("action_listen"),
    ]
    assert decide(policy, menu + [user("就是他 张建国", "third_party_inquiry")]) == (
        "action_offer_contact_control",
        [],
    )
    after_third_party = menu + [
        user("就是他 张建国", "third_party_inquiry"),
        ActionExecuted("action_third_party"),
        ActionExecuted("action_listen"),
    ]
    assert decide(policy, after_third_party + [user("不要再联系张建国", "request_stop_contacting_others")]) is None
    # the person who asked about someone else, asking for themselves: still heard as that person
    assert decide(policy, after_third_party + [user("那你们能别再打我电话吗", "request_stop_contacting_others")]) == (
        "action_third_party",
        [],
    )


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("啥时候上", "ask_due_date", "action_credit_record"),  # it got the due dates
        ("那多久能消掉", "ask_credit_record", "action_credit_record"),
        ("已经上了吗", "nlu_fallback", "action_credit_record"),
        ("下个月几号还", "ask_due_date", None),  # another question: the rules decide
        ("那我申请分期", "ask_instalment_plan", None),
    ],
)
def test_a_short_follow_up_on_the_credit_answer_is_still_about_credit(policy, text, intent, expected):
    events = [
        ActionExecuted("action_listen"),
        user("逾期会上征信吗", "ask_credit_record"),
        ActionExecuted("action_credit_record"),
        ActionExecuted("action_listen"),
        user(text, intent),
    ]
    assert decide(policy, events) == ((expected, []) if expected else None)
    if expected:  # then the turn ends (no rule follows an action run on the policy's word: "没能处理好", h37a)
        assert decide(policy, events + [ActionExecuted(expected)]) == ("action_listen", [])


def test_whether_an_instalment_is_in_the_promise_is_the_forms_to_answer(policy):
    """h36b: 今天不是还有一期到期吗？那期算不算在里面 got the whole breakdown as an aside, unanswered."""
    said = "等等，今天不是还有一期到期吗？那期算不算在里面？"
    events = [
        ActionExecuted("action_listen"),
        user("我下周五能把欠的全部还上", "promise_to_pay"),
        ActionExecuted("action_offer_promise"),
        ActionExecuted("promise_form"),
        ActiveLoop("promise_form"),
        SlotSet("requested_slot", "promise_confirmed"),
        ActionExecuted("action_listen"),
        user(said, "check_overdue"),
    ]
    assert decide(policy, events) == ("promise_form", [SlotSet("promise_confirmed", said)])


def test_going_on_after_all_right_after_a_cancel_is_offered_again(policy):
    """h36b: 唉还是登记吧, right after the verification for a complaint was cancelled, got "没太明白"."""
    events = [
        ActionExecuted("action_listen"),
        user("算了", "deny"),
        ActionExecuted("action_verification_cancelled"),
        ActionExecuted("action_listen"),
        user("唉还是登记吧", "affirm"),
    ]
    assert decide(policy, events) == ("action_fallback", [])


def test_contact_while_the_promise_runs_asked_at_its_confirmation_is_the_forms(policy):
    said = "27号我先还了3000以后，到3号之前你们还会打电话催我吗？"
    events = [
        ActionExecuted("action_listen"),
        user("下周五27号先还3000，剩下的12月3号还清", "promise_to_pay"),
        ActionExecuted("action_offer_promise"),
        ActionExecuted("promise_form"),
        ActiveLoop("promise_form"),
        SlotSet("requested_slot", "promise_confirmed"),
        ActionExecuted("action_listen"),
        user(said, "ask_contact_policy"),
    ]
    assert decide(policy, events) == ("promise_form", [SlotSet("promise_confirmed", said)])
