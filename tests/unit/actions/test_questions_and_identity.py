"""Every action of this slice, run over small trackers against the real store seeded from the fixture."""

import json
import re
import time

import jwt
import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import store_access
from actions.fallback import ActionFallback
from actions.handoff import ActionRequestHuman
from actions.overdue import ActionAskDueDate, ActionAskPenaltyInterest, ActionCheckOverdue
from actions.verification import ActionVerificationCancelled, ActionVerificationComplete, ValidateVerificationForm
from auth.tokens import mint_host_token, mint_session_token
from tests.conftest import TEST_SECRET

# What the lender's app puts in every token besides the subject (auth/tokens.py).
HOST_CLAIMS = {"iss": "huankuan-lender-app", "aud": "huankuan-assistant"}

CONVERSATION = "test-conversation"


@pytest.fixture(autouse=True)
def demo_store(tmp_path, monkeypatch, sqlite_store):
    monkeypatch.setenv("DATABASE_URL", sqlite_store.url)
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-11-20")
    monkeypatch.setenv("ASSISTANT_JWT_SECRET", TEST_SECRET)
    monkeypatch.setenv("SMS_OUTBOX", str(tmp_path / "sms.jsonl"))
    store_access.loan_store.cache_clear()
    store_access.otp_service.cache_clear()
    yield sqlite_store
    store_access.loan_store.cache_clear()
    store_access.otp_service.cache_clear()


def tracker(text="", intent="check_overdue", metadata=None, slots=None, events=None, ranking=None):
    user = {
        "event": "user",
        "text": text,
        "metadata": metadata or {},
        "input_channel": "rest",
        "parse_data": {"intent": {"name": intent, "confidence": 0.9}, "entities": []},
    }
    return Tracker.from_dict(
        {
            "sender_id": CONVERSATION,
            "slots": slots or {},
            "latest_message": {
                "text": text,
                "intent": {"name": intent},
                "entities": [],
                "intent_ranking": ranking or [],
            },
            "events": (events or []) + [user],
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action_name": "action_listen",
            "paused": False,
            "followup_action": None,
        }
    )


async def run(action, t):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {})
    return dispatcher.messages, events


def token_for(borrower_id):
    return {"auth_token": mint_host_token(borrower_id, secret=TEST_SECRET)}


def texts(messages):
    return [m.get("text") or m.get("response") for m in messages]


@pytest.mark.asyncio
async def test_signed_borrower_gets_the_itemised_breakdown():
    messages, events = await run(ActionCheckOverdue(), tracker("我欠多少钱", metadata=token_for("B001")))
    assert messages[0]["response"] == "utter_overdue_total"
    assert (messages[0]["overdue_total"], messages[0]["instalment_count"], messages[0]["days_overdue"]) == (
        "3363.24",
        3,
        71,
    )
    assert messages[1]["text"] == (
        "借款 L1001（消费贷），逾期 3363.24 元：\n"
        "· 第8期（应还日2026年9月10日，已逾期71天）：本金 1021.23 元 + 利息 78.93 元 + 罚息 36.25 元 = 1136.41 元\n"
        "· 第9期（应还日2026年10月10日，已逾期41天）：本金 1036.55 元 + 利息 63.61 元 + 罚息 21.25 元 = 1121.41 元\n"
        "· 第10期（应还日2026年11月10日，已逾期10天）：本金 1052.10 元 + 利息 48.06 元 + 罚息 5.26 元 = 1105.42 元"
    )
    assert messages[2]["response"] == "utter_overdue_next_steps"
    assert messages[2]["relief"] == "可以说“协商分期”或“转人工”。"
    far, _ = await run(ActionCheckOverdue(), tracker("我欠多少钱", metadata=token_for("B004")))
    assert far[-1]["relief"] == "可以说“转人工”，由客服和您协商。"  # 214 days: no plan to name
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    # The host token proves who asks in this message only: nothing about it is remembered.
    assert slots == {"needs_verification": False}


@pytest.mark.asyncio
async def test_borrower_with_two_loans_gets_both():
    messages, _ = await run(ActionCheckOverdue(), tracker(metadata=token_for("B005")))
    assert messages[0]["overdue_total"] == "1629.42"
    assert messages[1]["text"].startswith("借款 L5001（消费贷），逾期 532.46 元：")
    assert messages[2]["text"].startswith("借款 L5002（消费贷），逾期 1096.96 元：")


@pytest.mark.asyncio
async def test_current_borrower_hears_nothing_overdue_and_what_is_next():
    messages, _ = await run(ActionCheckOverdue(), tracker(metadata=token_for("B006")))
    assert texts(messages) == [
        "utter_nothing_overdue",
        "接下来的应还款项：\n· 2026年11月25日：916.80 元（借款 L6001 第10期）\n"
        "· 2026年12月1日：310.59 元（分期计划 P6001 第4期）",
    ]


@pytest.mark.asyncio
async def test_unverified_person_learns_nothing_and_is_asked_to_verify():
    messages, events = await run(ActionCheckOverdue(), tracker("我欠多少钱"))
    assert texts(messages) == ["utter_need_verification"]
    assert events == [
        SlotSet("pending_request", "action_check_overdue"),
        SlotSet("pending_text", "我欠多少钱"),
        SlotSet("needs_verification", True),
    ]


@pytest.mark.parametrize(
    "token",
    [
        jwt.encode({**HOST_CLAIMS, "sub": "B001", "exp": int(time.time()) - 10}, TEST_SECRET, algorithm="HS256"),
        jwt.encode({**HOST_CLAIMS, "sub": "B001", "exp": int(time.time()) + 60}, "forged", algorithm="HS256"),
        jwt.encode({**HOST_CLAIMS, "sub": "B999", "exp": int(time.time()) + 60}, TEST_SECRET, algorithm="HS256"),
        "garbage",
    ],
    ids=["expired", "forged", "not-a-borrower", "malformed"],
)
@pytest.mark.asyncio
async def test_refused_tokens_are_said_plainly(token):
    messages, events = await run(ActionCheckOverdue(), tracker(metadata={"auth_token": token}))
    assert texts(messages) == ["utter_token_refused", "utter_need_verification"]
    assert SlotSet("needs_verification", True) in events


@pytest.mark.asyncio
async def test_a_session_of_another_conversation_proves_nothing():
    stolen = mint_session_token("B001", "someone-else", secret=TEST_SECRET)
    messages, events = await run(ActionCheckOverdue(), tracker(slots={"identity": stolen}))
    assert texts(messages) == ["utter_need_verification"]
    assert SlotSet("identity", None) in events


@pytest.mark.asyncio
async def test_due_date_for_an_overdue_borrower():
    messages, _ = await run(ActionAskDueDate(), tracker(intent="ask_due_date", metadata=token_for("B001")))
    assert texts(messages) == [
        "您有 3 期已经过了还款日，目前逾期应还共 3363.24 元（最长逾期 71 天），建议尽早处理。说“欠多少”可以查看明细。",
        "接下来的还款日：\n· 2026年12月10日：1100.16 元（借款 L1001 第11期）",
    ]


@pytest.mark.asyncio
async def test_penalty_rule_and_own_figure():
    messages, _ = await run(
        ActionAskPenaltyInterest(), tracker(intent="ask_penalty_interest", metadata=token_for("B001"))
    )
    assert texts(messages) == [
        "utter_penalty_rule",
        "您目前的罚息共 62.76 元：\n"
        "· 借款 L1001 第8期：1021.23 元 × 0.05% × 71 天 = 36.25 元\n"
        "· 借款 L1001 第9期：1036.55 元 × 0.05% × 41 天 = 21.25 元\n"
        "· 借款 L1001 第10期：1052.10 元 × 0.05% × 10 天 = 5.26 元",
    ]


@pytest.mark.asyncio
async def test_no_penalty_for_a_current_borrower():
    messages, _ = await run(
        ActionAskPenaltyInterest(), tracker(intent="ask_penalty_interest", metadata=token_for("B003"))
    )
    assert texts(messages) == ["utter_penalty_rule", "utter_no_penalty"]


@pytest.mark.asyncio
async def test_a_code_read_off_the_borrowers_phone_by_someone_else_verifies_no_one(tmp_path):
    """我拿她手机看了 验证码398711 (a husband, his wife's number): verified as her, shown her schedule."""
    form = ValidateVerificationForm()
    slots = await form.validate_phone("13900139002", CollectingDispatcher(), tracker(), {})
    code = json.loads((tmp_path / "sms.jsonl").read_text(encoding="utf-8").splitlines()[-1])["code"]
    d = CollectingDispatcher()
    said = f"我拿她手机看了 验证码{code}"
    result = await form.validate_otp_code(said, d, tracker(said, slots={"otp_challenge": slots["otp_challenge"]}), {})
    assert result["verification_outcome"] == "stopped" and result["not_the_borrower"] is True
    from actions.verification import PHONE_NOT_THEIRS

    assert "identity" not in result and d.messages[0]["text"] == PHONE_NOT_THEIRS
    own = await form.validate_otp_code(
        code, CollectingDispatcher(), tracker(code, slots={"otp_challenge": slots["otp_challenge"]}), {}
    )
    assert own["verification_outcome"] == "verified"  # the code itself is still good for the borrower


@pytest.mark.asyncio
async def test_someone_who_says_they_are_not_the_borrower_at_the_number_gets_no_code(demo_store, tmp_path):  # noqa: F811
    """我不是借款人啊 我是他哥 我的号是13712345678, at the number asked for his complaint: a code was sent
    to his number and he was asked for it again and again."""
    form = ValidateVerificationForm()
    d = CollectingDispatcher()
    said = "我不是借款人啊 我是他哥 我的号是13712345678"
    got = await form.validate_phone(said, d, tracker(said), {})
    assert got["verification_outcome"] == "stopped" and got["not_the_borrower"] is True
    assert texts(d.messages) == ["utter_only_the_borrower"]
    assert not (tmp_path / "sms.jsonl").exists()
    stop = "我不是那个姓张的 这个号现在是我的 别再往这个号发催款短信了 15812345678"
    d = CollectingDispatcher()
    got = await form.validate_phone(stop, d, tracker(stop), {})
    assert got["not_the_borrower"] is True and texts(d.messages)[0] == "utter_refusal_kept"
    assert demo_store.refused_phones() == {"15812345678"}


@pytest.mark.asyncio
async def test_sms_verification_then_the_remembered_question(tmp_path):
    form = ValidateVerificationForm()
    dispatcher = CollectingDispatcher()
    slots = await form.validate_phone("我的手机号是１３８００１３８００１", dispatcher, tracker(), {})
    assert slots["phone"] == "138****8001" and slots["otp_challenge"]
    assert dispatcher.messages[0]["response"] == "utter_code_sent"
    assert dispatcher.messages[0]["masked_phone"] == "138****8001"
    code = json.loads((tmp_path / "sms.jsonl").read_text(encoding="utf-8").splitlines()[-1])["code"]
    result = await form.validate_otp_code(
        code, CollectingDispatcher(), tracker(slots={"otp_challenge": slots["otp_challenge"]}), {}
    )
    assert result["verification_outcome"] == "verified"
    done = tracker(
        slots={
            "identity": result["identity"],
            "verification_outcome": "verified",
            "pending_request": "action_check_overdue",
        }
    )
    messages, events = await run(ActionVerificationComplete(), done)
    assert texts(messages)[0] == "utter_verified"
    assert messages[1]["overdue_total"] == "3363.24"
    assert SlotSet("needs_verification", False) in events and SlotSet("pending_request", None) in events


@pytest.mark.asyncio
async def test_unknown_phone_gets_the_same_reply_and_no_sms(tmp_path):
    dispatcher = CollectingDispatcher()
    slots = await ValidateVerificationForm().validate_phone("13812345678", dispatcher, tracker(), {})
    (reply,) = dispatcher.messages
    assert (reply["response"], reply["masked_phone"]) == ("utter_code_sent", "138****5678")
    assert slots["otp_challenge"] and not (tmp_path / "sms.jsonl").exists()


@pytest.mark.asyncio
async def test_a_code_asked_for_another_number_says_only_a_registered_one_gets_it(tmp_path):
    """h36a: 验证码能不能发到我另一个号码15012345678上，原来那个号停机了 was told only "如果…是登记的号码，
    验证码已发出" — she would wait for a code that never comes. Whether the number is ours stays unsaid."""
    said = "验证码能不能发到我另一个号码15012345678上，原来那个号停机了"
    dispatcher = CollectingDispatcher()
    await ValidateVerificationForm().validate_phone(said, dispatcher, tracker(said), {})
    sent, how = dispatcher.messages
    assert (sent["response"], sent["masked_phone"]) == ("utter_code_sent", "150****5678")
    assert how["text"].startswith("验证码只会发到在我们这里登记的手机号，不能改发到别的号码。")
    assert how["buttons"] == [{"title": "转人工", "payload": "/request_human"}]


@pytest.mark.asyncio
async def test_five_wrong_codes_lock_verification(tmp_path):
    form = ValidateVerificationForm()
    slots = await form.validate_phone("13800138001", CollectingDispatcher(), tracker(), {})
    code = json.loads((tmp_path / "sms.jsonl").read_text(encoding="utf-8").splitlines()[-1])["code"]
    wrong = "000000" if code != "000000" else "111111"
    t = tracker(slots={"otp_challenge": slots["otp_challenge"]})
    replies = []
    for _ in range(5):
        d = CollectingDispatcher()
        result = await form.validate_otp_code(wrong, d, t, {})
        replies.append((d.messages[0]["response"], d.messages[0].get("attempts_left")))
    assert replies[:4] == [("utter_wrong_code", n) for n in (4, 3, 2, 1)]
    assert replies[4][0] == "utter_verification_locked"
    assert result["verification_outcome"] == "locked"
    d = CollectingDispatcher()
    again = await form.validate_phone("13800138001", d, tracker(), {})
    assert again["verification_outcome"] == "locked" and d.messages[0]["response"] == "utter_verification_locked"


@pytest.mark.asyncio
async def test_the_number_typed_again_while_a_code_is_awaited_sends_a_new_one_or_keeps_the_first(tmp_path):
    form = ValidateVerificationForm()
    first = await form.validate_phone("13800138001", CollectingDispatcher(), tracker(), {})
    t = tracker(slots={"otp_challenge": first["otp_challenge"], "phone": first["phone"]})
    d = CollectingDispatcher()
    too_soon = await form.validate_otp_code("13800138001", d, t, {})
    assert too_soon == {"otp_code": None}  # the first code still counts
    assert d.messages[0]["text"].startswith("验证码刚刚发过，请先查看短信")
    code = json.loads((tmp_path / "sms.jsonl").read_text(encoding="utf-8").splitlines()[-1])["code"]
    verified = await form.validate_otp_code(code, CollectingDispatcher(), t, {})
    assert verified["verification_outcome"] == "verified"


@pytest.mark.asyncio
async def test_how_a_person_reaches_the_borrower_is_told(demo_store, monkeypatch):
    """人工会给我打电话吗 after 转人工 got the collection contact rules: no call — the person answers
    in this chat, and the request made is said with when; before any request, the way to one."""
    from datetime import datetime, timezone

    import actions.handoff

    monkeypatch.setattr(actions.handoff, "utc_now", lambda: datetime(2026, 11, 20, 2, 30, tzinfo=timezone.utc))
    before, _ = await run(
        ActionRequestHuman(), tracker("人工会给我打电话吗", intent="request_human", metadata=token_for("B001"))
    )
    assert demo_store.handoffs(CONVERSATION) == []
    assert texts(before) == [
        "人工客服不会为此另外给您打电话，会在这个对话里回复您。",
        "接手时能看到这段对话，不用从头再说；转人工的话，人工客服会在服务时间（每天 9:00–21:00）尽快接手。"
        "需要的话点“转人工”。",
    ]
    await run(ActionRequestHuman(), tracker("转人工", intent="request_human", metadata=token_for("B001")))
    (ticket,) = demo_store.handoffs(CONVERSATION)
    after, _ = await run(
        ActionRequestHuman(), tracker("人工会给我打电话吗", intent="request_human", metadata=token_for("B001"))
    )
    assert texts(after) == [
        "人工客服不会为此另外给您打电话，会在这个对话里回复您。",
        f"已经登记的事项和答复时间：\n· 人工服务请求 {ticket.reference}：人工客服会在服务时间（每天 9:00–21:00）尽快接手",
    ]
    assert len(demo_store.handoffs(CONVERSATION)) == 1  # nothing made again


@pytest.mark.asyncio
async def test_handoff_is_stored_with_a_summary(demo_store):
    earlier = [{"event": "user", "text": "我欠多少钱", "parse_data": {"intent": {"name": "check_overdue"}}}]
    messages, _ = await run(
        ActionRequestHuman(), tracker("转人工", intent="request_human", metadata=token_for("B001"), events=earlier)
    )
    (ticket,) = demo_store.handoffs(CONVERSATION)
    assert messages[0]["response"] == "utter_handoff_created"
    assert messages[0]["handoff_reference"] == ticket.reference
    assert messages[0]["when"].endswith("尽快接手")
    assert ticket.borrower_id == "B001"
    assert ticket.summary == "已验证借款人 B001；渠道 rest；此前询问：check_overdue"
    # The channels learn of the handoff (WeChat passes it on to a live agent): the ticket and the
    # topics in words a borrower reads — no borrower id, no intent names.
    assert messages[1]["custom"] == {"handoff": {"reference": ticket.reference, "topics": ["欠款明细"]}}
    assert len(messages) == 2


@pytest.mark.asyncio
async def test_what_the_borrower_said_with_the_request_is_on_it(demo_store):
    """h28a: 转人工。我手上能凑大概5000，想跟人工谈谈能不能一次性了结 — the request's topics left out why;
    a number in the words is kept hidden."""
    said = "转人工。我手上能凑大概5000，想跟人工谈谈能不能一次性了结 我电话13600136004 晚上8点后方便"
    await run(ActionRequestHuman(), tracker(said, intent="request_human", metadata=token_for("B004")))
    (ticket,) = demo_store.handoffs(CONVERSATION)
    assert ticket.summary == (
        "已验证借款人 B004；渠道 rest；此前询问：无；本人留言："
        "转人工。我手上能凑大概5000，想跟人工谈谈能不能一次性了结 我电话136****6004 晚上8点后方便"
    )


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "text, first",
    [
        ("你们客服电话多少", "我们没有在这里公布客服电话号码。人工客服就在这个对话里接手"),
        ("人工客服电话发我一下", "我们没有在这里公布客服电话号码。人工客服就在这个对话里接手"),
        ("要等多久", "人工客服就在这个对话里接手"),
        ("人工客服几点上班", "人工客服就在这个对话里接手"),  # the hours, not a person (h13)
        ("转人工要等多久啊 晚上有人吗", "人工客服就在这个对话里接手"),  # how long a person takes (h15)
    ],
)
async def test_a_number_or_how_long_asked_is_told_and_nothing_is_stored(demo_store, monkeypatch, text, first):
    """客服电话多少 stored a handoff nobody asked for (and gave no answer about a number); 要等多久
    with nothing asked for began a verification. Told, with the way to a person as a button."""
    from datetime import datetime, timezone

    import actions.handoff

    monkeypatch.setattr(actions.handoff, "utc_now", lambda: datetime(2026, 11, 20, 2, 30, tzinfo=timezone.utc))
    messages, _ = await run(ActionRequestHuman(), tracker(text, intent="request_human", metadata=token_for("B001")))
    assert demo_store.handoffs(CONVERSATION) == []
    assert texts(messages) == [
        first + "，接手时能看到这段对话，不用从头再说；转人工的话，人工客服会在服务时间（每天 9:00–21:00）尽快接手。"
        "需要的话点“转人工”。"
    ]
    assert messages[0]["buttons"] == [{"title": "转人工", "payload": "/request_human"}]
    asked, _ = await run(ActionRequestHuman(), tracker("我要转人工 电话多少", intent="request_human"))
    assert len(demo_store.handoffs(CONVERSATION)) == 1  # a person asked for in so many words: one
    assert "我们没有在这里公布客服电话号码，人工客服会在这个对话里接手。" in texts(asked)  # and the number answered
    # 机器人听不懂 给我转真人 你们客服电话多少: it asked for another click
    real, _ = await run(
        ActionRequestHuman(), tracker("机器人听不懂 给我转真人 你们客服电话多少", intent="request_human")
    )
    # (the request already open is the one kept, and what was said added to it)
    assert any(t and t.startswith("已把您刚才说的补充到人工服务请求 H") for t in texts(real))
    assert "我们没有在这里公布客服电话号码，人工客服会在这个对话里接手。" in texts(real)


@pytest.mark.asyncio
async def test_the_loans_rate_alone_is_said_when_only_it_is_asked(demo_store):
    """年利率呢 was out of scope, and 我这笔贷款年利率是多少 got the overdue bill: the rate, alone."""
    for text in ("年利率呢", "我这笔贷款年利率是多少"):
        messages, _ = await run(ActionAskPenaltyInterest(), tracker(text, "ask_penalty_interest", token_for("B005")))
        assert texts(messages) == [
            "您借款本身的利率：借款 L5001（消费贷）年利率 18%；借款 L5002（消费贷）年利率 15%，按月等额本息，"
            "利息已经含在每期应还里；罚息只在逾期时另外按天计算。"
        ]


@pytest.mark.asyncio
async def test_fallback_asks_again_then_offers_a_human():
    ranking = [{"name": "ask_due_date", "confidence": 0.3}, {"name": "greet", "confidence": 0.2}]
    messages, _ = await run(ActionFallback(), tracker("嗯那个", intent="nlu_fallback", ranking=ranking))
    assert [b["title"] for b in messages[0]["buttons"]] == ["还款日", "转人工"]
    earlier = [
        {"event": "user", "text": "嗯那个"},
        {"event": "action", "name": "action_fallback"},
        {"event": "bot", "text": "抱歉"},
        {"event": "action", "name": "action_listen"},
    ]
    messages, _ = await run(ActionFallback(), tracker("啊", intent="nlu_fallback", events=earlier))
    assert messages[0]["text"] == "还是没能理解您的意思，抱歉。需要为您转人工客服吗？"
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/request_human", "/deny"]


@pytest.mark.asyncio
async def test_a_phone_number_alone_is_asked_what_it_is_for_and_no_code_is_sent():
    messages, events = await run(ActionFallback(), tracker("13957218460", intent="inform"))
    assert messages[0]["text"] == (
        "收到您的手机号。请告诉我您想查询或办理什么，需要核实身份时我会请您输入这个号码、给它发验证码："
    )
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        "/check_overdue",
        "/ask_instalment_plan",
        "/ask_extension",
        "/request_human",
    ]
    assert events == []


@pytest.mark.asyncio
async def test_giving_up_on_verification_hears_that_a_person_can_verify_another_way():
    # "手机号换了" / "不记得手机号了": the registered phone may be gone; a person can still help.
    messages, events = await run(ActionVerificationCancelled(), tracker("手机号换了 原来那个不用了", intent="deny"))
    assert texts(messages) == ["utter_verification_cancelled", "utter_verification_other_way"]
    assert SlotSet("needs_verification", False) in events
    # A plain "不用了" with no trouble is not told about lost phones.
    plain, _ = await run(ActionVerificationCancelled(), tracker("不用了", intent="deny"))
    assert texts(plain) == ["utter_verification_cancelled"]


@pytest.mark.asyncio
async def test_asking_for_a_person_during_verification_is_not_told_to_ask_for_one():
    messages, _ = await run(ActionVerificationCancelled(), tracker("转人工", intent="request_human"))
    assert texts(messages) == ["utter_verification_cancelled"]


@pytest.mark.asyncio
async def test_a_number_given_with_the_question_is_taken_when_the_form_starts():
    form = ValidateVerificationForm()
    asked = {"pending_text": "我手机号13800138001，帮我查下欠多少", "requested_slot": None}
    assert await form.extract_phone(CollectingDispatcher(), tracker(slots=asked), {}) == {"phone": "13800138001"}
    # Not once the form is asking, nor without a number, nor when a number is already there.
    for slots in (
        {**asked, "requested_slot": "phone"},
        {"pending_text": "帮我查下欠多少", "requested_slot": None},
        {**asked, "phone": "138****8001"},
        # h31b: the number that called is not the writer's (a code was said to be sent to it)
        {"pending_text": "刚才有个17012345678打电话给我说是你们公司的催收 是真的吗", "requested_slot": None},
    ):
        assert await form.extract_phone(CollectingDispatcher(), tracker(slots=slots), {}) == {}


@pytest.mark.asyncio
async def test_a_person_whose_phone_cannot_get_the_code_is_offered_a_human_not_a_code():
    """手机丢了收不到验证码: no code is sent to a phone they do not have, in any step."""
    from actions.fallback import ActionFallback
    from actions.verification import STOPPED

    messages, events = await run(ActionCheckOverdue(), tracker("手机丢了收不到验证码 帮我查下还欠多少 急"))
    assert texts(messages) == ["utter_verification_other_way"]
    assert not any(e.get("name") == "needs_verification" and e.get("value") for e in events)
    # said to be false, as the rules expect (我手机号换了 原来那个停机了 还能查我的账吗: Rasa's "没能处理好" after it)
    assert {"event": "slot", "name": "needs_verification", "value": False, "timestamp": None} in events
    form, d = ValidateVerificationForm(), CollectingDispatcher()
    assert await form.validate_phone("我原来的号码停用了", d, tracker(), {}) == STOPPED
    assert d.messages[0]["response"] == "utter_verification_other_way"
    d = CollectingDispatcher()
    assert await form.validate_otp_code("没收到验证码啊", d, tracker(), {}) == {"otp_code": None}
    assert d.messages[0]["text"].startswith("短信偶尔会晚一两分钟") and d.messages[0]["buttons"][0]["title"] == "转人工"
    fallback, _ = await run(ActionFallback(), tracker("我换号了 怎么办", "nlu_fallback"))
    assert texts(fallback) == ["utter_verification_other_way"]


@pytest.mark.parametrize("text", ["验证码没收到啊 重新发一个", "再发一次", "能不能重发下验证码"])
@pytest.mark.asyncio
async def test_asking_for_another_code_asks_for_the_number_again(text):
    d = CollectingDispatcher()
    got = await ValidateVerificationForm().validate_otp_code(text, d, tracker(), {})
    assert got == {"otp_code": None, "phone": None, "form_bad_answers": 0.0}  # the number is asked next
    assert d.messages[0]["text"] == (
        "好的，重新发一个：为了安全，手机号不保留，请再输入一次您登记的手机号，我马上重新发送（同一号码60秒内只能发一次）。"
        "刚才的验证码如果已经收到，直接输入验证码也可以。"
    )


@pytest.mark.asyncio
async def test_the_loans_own_rate_is_said_when_asked_beside_the_penalty():
    messages, _ = await run(
        ActionAskPenaltyInterest(), tracker("利息又是怎么回事 年化多少", "ask_penalty_interest", token_for("B005"))
    )
    assert texts(messages)[1] == (
        "您借款本身的利率：借款 L5001（消费贷）年利率 18%；借款 L5002（消费贷）年利率 15%，按月等额本息，"
        "利息已经含在每期应还里；罚息只在逾期时另外按天计算。"
    )
    only_penalty, _ = await run(
        ActionAskPenaltyInterest(), tracker("罚息怎么算", "ask_penalty_interest", token_for("B005"))
    )
    assert not any("年利率" in (t or "") for t in texts(only_penalty))


@pytest.mark.asyncio
async def test_asking_to_verify_verifies_then_asks_what_to_do(demo_store):  # noqa: F811
    """我要验证身份 / 我要登录 ended the session (read as logging out)."""
    from actions.verification import ActionStartVerification

    messages, events = await run(ActionStartVerification(), tracker("我要验证身份", "start_verification"))
    assert [m.get("response") for m in messages] == ["utter_need_verification"]
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert (slots["pending_request"], slots["needs_verification"]) == ("action_start_verification", True)
    known, _ = await run(ActionStartVerification(), tracker("我要登录", "start_verification", token_for("B002")))
    assert [m.get("response") for m in known] == ["utter_what_can_i_do"]
    assert [b["title"] for b in known[0]["buttons"]] == ["查欠款", "协商分期", "申请延期", "联系记录", "转人工"]
    far, _ = await run(ActionStartVerification(), tracker("我要登录", "start_verification", token_for("B001")))
    # 71 days overdue: no extension is offered that the next step would refuse
    assert [b["title"] for b in far[0]["buttons"]] == ["查欠款", "协商分期", "联系记录", "转人工"]


@pytest.mark.asyncio
async def test_a_request_that_restarted_verification_is_not_taken_for_a_wrong_number():
    """申请延期 pressed at the phone step: the form starts again for it, and that message is not
    answered with "this is not a valid phone number"."""
    switched = tracker("/ask_extension", "ask_extension")
    switched.events.append({"event": "action", "name": "action_switch_flow"})
    dispatcher = CollectingDispatcher()
    assert await ValidateVerificationForm().validate_phone("/ask_extension", dispatcher, switched, {}) == {}
    assert dispatcher.messages == []
    wrong = CollectingDispatcher()
    assert (await ValidateVerificationForm().validate_phone("你好", wrong, tracker("你好", "greet"), {}))[
        "phone"
    ] is None
    assert [m["response"] for m in wrong.messages] == ["utter_invalid_phone"]


@pytest.mark.asyncio
async def test_the_loans_own_interest_asked_before_verification_is_told_apart_from_the_penalty(demo_store):  # noqa: F811
    """利息是多少 got the penalty rule alone, after the assistant had said to ask it for the rate."""
    messages, _ = await run(ActionAskPenaltyInterest(), tracker("利息是多少", "ask_penalty_interest"))
    assert texts(messages) == [
        "utter_penalty_rule",
        "借款本身的利息（不是罚息）按借款合同约定的利率计算，已经含在每期应还里；验证身份后我可以告诉您每笔借款的年利率。",
        "utter_need_verification",
    ]
    verified, _ = await run(
        ActionAskPenaltyInterest(), tracker("利息是多少", "ask_penalty_interest", token_for("B001"))
    )
    assert not [t for t in texts(verified) if t.startswith("借款本身的利息（不是罚息）")]
    assert [t for t in texts(verified) if t.startswith("您借款本身的利率：借款 L1001")]
    penalty, events = await run(ActionAskPenaltyInterest(), tracker("罚息怎么算", "ask_penalty_interest"))
    # the rule asked, not their own loan: the rule, and their figures offered — no login begun (h26b/h27b:
    # 不用登 就问问 was then read as a wrong phone number)
    assert texts(penalty) == ["utter_penalty_rule", "想看您自己借款的罚息明细，验证身份后我可以马上算给您。"]
    assert penalty[-1]["buttons"] == [{"title": "验证后看我的罚息", "payload": "/ask_penalty_interest"}]
    assert SlotSet("needs_verification", False) in events
    mine, _ = await run(ActionAskPenaltyInterest(), tracker("我的罚息怎么算的", "ask_penalty_interest"))
    assert texts(mine) == ["utter_penalty_rule", "utter_need_verification"]
    pressed, _ = await run(ActionAskPenaltyInterest(), tracker("/ask_penalty_interest", "ask_penalty_interest"))
    assert texts(pressed)[-1] == "utter_need_verification"  # the offer's button: the login, not the offer again


@pytest.mark.parametrize(
    "utc, said",
    [
        ("2026-11-20T05:00:00", "人工客服会在服务时间（每天 9:00–21:00）尽快接手"),  # 13:00 Beijing
        ("2026-11-20T13:20:00", "现在已过人工服务时间（每天 9:00–21:00），人工客服明天 9:00 起会尽快接手"),  # 21:20
        ("2026-11-19T22:30:00", "现在还不到人工服务时间（每天 9:00–21:00），人工客服今天 9:00 起会尽快接手"),  # 06:30
    ],
)
def test_a_handoff_after_hours_says_when_a_person_takes_over(utc, said):
    """At 21:20 it said "in service hours, as soon as possible" and never that it means tomorrow."""
    from datetime import datetime

    from rules.service_hours import when_a_person_takes_over

    assert when_a_person_takes_over(datetime.fromisoformat(utc)) == said


@pytest.mark.asyncio
async def test_the_principal_left_is_counted_when_asked(demo_store):  # noqa: F811
    """本金还剩多少 got the overdue breakdown alone. B001's loan: instalments 8–10 overdue
    (1021.23 + 1036.55 + 1052.10), 11–12 not yet due (1067.88 + 1083.93)."""
    messages, _ = await run(ActionCheckOverdue(), tracker("本金还剩多少", "check_overdue", token_for("B001")))
    assert texts(messages)[0] == (
        "您还没还的借款本金共 5261.69 元（不含利息和罚息）：\n· 借款 L1001：逾期的本金 3109.88 元 + 未到期的本金 2151.81 元"
    )
    planned, _ = await run(ActionCheckOverdue(), tracker("还差多少本金", "check_overdue", token_for("B006")))
    assert texts(planned)[0].endswith("\n另有已纳入协商分期的部分，按分期计划还。")
    plain, _ = await run(ActionCheckOverdue(), tracker("我欠多少", "check_overdue", token_for("B001")))
    assert not [t for t in texts(plain) if t and t.startswith("您还没还的借款本金")]


@pytest.mark.asyncio
async def test_two_instalments_due_the_same_day_after_an_extension_are_both_said(demo_store):  # noqa: F811
    """After a 30-day extension B002's 5th instalment falls on 12月15日, the 6th's own day: the
    answer named the 5th alone, and the borrower would have paid too little."""
    from datetime import date

    from actions.overdue import ActionAskDueDate
    from rules.calendar import utc_now

    demo_store.grant_extension("B002", 30, date(2026, 11, 20), "ext-30", utc_now())
    messages, _ = await run(
        ActionAskDueDate(), tracker("12月15号那天一共要还多少钱", "ask_due_date", token_for("B002"))
    )
    assert texts(messages) == [
        "接下来的还款日：\n· 2026年12月15日：573.03 元（借款 L2001 第5期）\n· 2026年12月15日：871.65 元（借款 L2001 第6期）"
        "\n2026年12月15日合计应还 1444.68 元。"
    ]


@pytest.mark.asyncio
async def test_a_handoff_taken_back_is_withdrawn_not_made_again(demo_store):  # noqa: F811
    """算了 取消人工吧 answered "已为您登记人工服务请求" with the same ticket, still open."""
    await run(ActionRequestHuman(), tracker("转人工", intent="request_human", metadata=token_for("B003")))
    (ticket,) = demo_store.handoffs(CONVERSATION)
    messages, _ = await run(ActionRequestHuman(), tracker("算了 取消人工吧", intent="request_human"))
    assert texts(messages) == [f"好的，已撤回人工服务请求 {ticket.reference}。还有问题可以直接问我。"]
    assert [t.status for t in demo_store.handoffs(CONVERSATION)] == ["withdrawn"]
    again, _ = await run(ActionRequestHuman(), tracker("人工不用了", intent="request_human"))
    assert texts(again) == ["好的，不转人工。还有问题可以直接问我。"]


@pytest.mark.asyncio
async def test_a_plain_cancel_right_after_a_handoff_withdraws_it(demo_store):  # noqa: F811
    """算了不用了 取消吧, right after 给我转真人客服: "好的，没关系", and the ticket stayed (the policy sends
    the cancel here); 那个人工的单子撤了没 asked the ticket back too."""
    await run(ActionRequestHuman(), tracker("给我转真人客服！！！", intent="request_human", metadata=token_for("B002")))
    (ticket,) = demo_store.handoffs(CONVERSATION)
    messages, _ = await run(ActionRequestHuman(), tracker("算了不用了 取消吧", intent="deny"))
    assert texts(messages) == [f"好的，已撤回人工服务请求 {ticket.reference}。还有问题可以直接问我。"]
    assert [t.status for t in demo_store.handoffs(CONVERSATION)] == ["withdrawn"]
    await run(ActionRequestHuman(), tracker("转人工", intent="request_human", metadata=token_for("B002")))
    asked, _ = await run(ActionRequestHuman(), tracker("那个人工的单子撤了没？别让人打给我", intent="request_human"))
    assert texts(asked)[0].startswith("好的，已撤回人工服务请求 H")
    assert [t.status for t in demo_store.handoffs(CONVERSATION)] == ["withdrawn", "withdrawn"]


@pytest.mark.asyncio
async def test_a_payment_said_to_be_made_yesterday_and_not_in_the_ledger_is_said_so(demo_store):  # noqa: F811
    messages, _ = await run(
        ActionCheckOverdue(), tracker("昨天我还了500块 你们收到没", "check_overdue", token_for("B002"))
    )
    told = [t for t in texts(messages) if t and t.startswith("上面的金额已经扣除了我们收到的还款")]
    assert told and "您说的2026年11月19日那笔还款，我们的账上还没有看到。" in told[0]


@pytest.mark.asyncio
async def test_when_will_you_answer_after_a_complaint_makes_no_handoff(demo_store):  # noqa: F811
    """多久给我回复, right after a complaint, was read as asking for a person and made a handoff."""
    from rules.calendar import utc_now

    ticket, _ = demo_store.file_complaint("B004", CONVERSATION, "threats", "说要上门", None, None, None, utc_now())
    messages, _ = await run(ActionRequestHuman(), tracker("多久给我回复", "request_human", token_for("B004")))
    assert texts(messages)[0].startswith(f"已经登记的事项和答复时间：\n· 投诉工单 {ticket.ticket}（威胁恐吓")
    assert demo_store.handoffs(CONVERSATION) == []
    nothing, _ = await run(ActionRequestHuman(), tracker("多久给我回复", "request_human", token_for("B003")))
    assert nothing[0]["response"] == "utter_handoff_created"  # nothing made before: a person, as asked


@pytest.mark.asyncio
async def test_what_was_borrowed_is_said_when_asked(demo_store):  # noqa: F811
    """我借的时候借了多少来着 got the contact history (read as someone else's question)."""
    messages, _ = await run(ActionCheckOverdue(), tracker("我借的时候借了多少来着", "check_overdue", token_for("B005")))
    assert texts(messages)[0] == (
        "您借的：\n· 借款 L5001（消费贷）：借款本金 3000.00 元，6期，2026年5月28日 起\n"
        "· 借款 L5002（消费贷）：借款本金 6000.00 元，12期，2026年3月8日 起"
    )


@pytest.mark.asyncio
async def test_when_will_someone_contact_me_after_a_handoff_is_when_the_handoff_is_answered(demo_store):  # noqa: F811
    """啥时候有人联系我, right after 转人工, read as a contact-rule question, got the contact rules and
    the whole history; with nothing open it is the rules, as before."""
    from actions.conduct import ActionContactPolicy

    before, _ = await run(ActionContactPolicy(), tracker("啥时候有人联系我", "ask_contact_policy", token_for("B002")))
    assert texts(before)[0] == "utter_contact_policy"
    await run(ActionRequestHuman(), tracker("转人工", "request_human", token_for("B002")))
    (handoff,) = demo_store.handoffs(CONVERSATION)
    after, _ = await run(ActionContactPolicy(), tracker("啥时候有人联系我", "ask_contact_policy", token_for("B002")))
    assert texts(after)[0].startswith(f"已经登记的事项和答复时间：\n· 人工服务请求 {handoff.reference}：")
    assert len(after) == 1


@pytest.mark.asyncio
async def test_a_new_code_asked_for_before_any_number_is_told_where_codes_go(tmp_path):
    """重新发一个验证码 at the phone step got "not a valid 11-digit number"; a number read out in
    Chinese digits is a number."""
    form = ValidateVerificationForm()
    d = CollectingDispatcher()
    assert await form.validate_phone("重新发一个验证码", d, tracker(), {}) == {"phone": None}
    assert d.messages[0]["text"] == "验证码会发到您在我们这里登记的手机号上。请先输入这个11位手机号，我马上发送。"
    spoken = await form.validate_phone("一三八零零一三八零零一", CollectingDispatcher(), tracker(), {})
    assert spoken["phone"] == "138****8001" and spoken["otp_challenge"]


@pytest.mark.asyncio
async def test_where_is_the_person_right_after_a_handoff_is_when_they_take_over(demo_store):  # noqa: F811
    """人呢？？ after 转人工 got "没太明白"."""
    await run(ActionRequestHuman(), tracker("转人工", "request_human", token_for("B004")))
    (handoff,) = demo_store.handoffs(CONVERSATION)
    messages, _ = await run(ActionRequestHuman(), tracker("人呢？？", "request_human", token_for("B004")))
    assert texts(messages)[0].startswith(f"已经登记的事项和答复时间：\n· 人工服务请求 {handoff.reference}：")
    assert len(demo_store.handoffs(CONVERSATION)) == 1


@pytest.mark.asyncio
async def test_a_new_code_asks_for_the_number_once_and_the_first_code_still_counts(tmp_path):
    """没收到短信 能重发吗 at the code step: "请再输入一次您登记的手机号" and then "请输入短信中的6位验证码" —
    two prompts at once, for two different things."""
    form = ValidateVerificationForm()
    sent = await form.validate_phone("13800138001", CollectingDispatcher(), tracker(), {})
    d = CollectingDispatcher()
    again = await form.validate_otp_code(
        "没收到短信 能重发吗", d, tracker(slots={"otp_challenge": sent["otp_challenge"]}), {}
    )
    assert again == {"otp_code": None, "phone": None, "form_bad_answers": 0.0}  # the form asks the number next
    assert d.messages[0]["text"].startswith("好的，重新发一个：")
    code = json.loads((tmp_path / "sms.jsonl").read_text(encoding="utf-8").splitlines()[-1])["code"]
    late = await form.validate_phone(
        code, CollectingDispatcher(), tracker(slots={"otp_challenge": sent["otp_challenge"]}), {}
    )
    assert late["verification_outcome"] == "verified" and late["phone"] == "****"


@pytest.mark.asyncio
async def test_a_part_paid_instalment_says_what_it_was_and_what_was_paid(demo_store):  # noqa: F811
    """为啥下期要还871.65 这期才571多 got the dates only: nothing said the 300.00 paid on 11-16."""
    messages, _ = await run(ActionCheckOverdue(), tracker("欠多少", metadata=token_for("B002")))
    assert texts(messages)[1] == (
        "借款 L2001（消费贷），逾期 573.03 元：\n"
        "· 第5期（应还日2026年11月15日，已逾期5天）：本金 549.43 元 + 利息 22.23 元 + 罚息 1.37 元 = 573.03 元"
        "（本期应还 871.66 元，2026年11月16日已还 300.00 元）"
    )
    why, _ = await run(ActionAskDueDate(), tracker("为啥下期要还871.65 这期才571多", "ask_due_date", token_for("B002")))
    assert texts(why)[1] == (
        "每期应还的本金加利息按等额本息计算，同一笔借款每期基本一样（最后一期可能差几分的尾差）：\n"
        "· 借款 L2001：每期 871.65–871.66 元\n"
        "金额不一样的是逾期的这几期：\n"
        "· 借款 L2001 第5期原应还 871.66 元，2026年11月16日已还 300.00 元，剩 571.66 元，加罚息 1.37 元 = 573.03 元"
    )
    assert texts(why)[2] == "接下来的还款日：\n· 2026年12月15日：871.65 元（借款 L2001 第6期）"
    asked_as_owed, _ = await run(
        ActionCheckOverdue(), tracker("这期怎么才五百多 平时不是八百七吗", metadata=token_for("B002"))
    )
    assert texts(asked_as_owed)[1] == texts(why)[1]  # the same why, not the breakdown again beside it
    plain, _ = await run(ActionAskDueDate(), tracker("下次哪天还", "ask_due_date", token_for("B002")))
    assert not any("等额本息" in (t or "") for t in texts(plain))


@pytest.mark.asyncio
async def test_over_24_percent_is_answered_with_the_borrowers_own_rates(demo_store):  # noqa: F811
    """罚息加利息超过24%了吧 这合法吗 got the penalty rule twice and no word on 24%."""
    messages, _ = await run(
        ActionAskPenaltyInterest(), tracker("罚息加利息超过24%了吧 这合法吗", "ask_penalty_interest", token_for("B005"))
    )
    said = texts(messages)
    assert "utter_penalty_rule" not in said  # the rule's figures are in the point: said once
    assert "常说的24%、36%出自民间借贷的司法解释" in said[0]
    assert said[1] == (
        "按年化算您的借款：借款 L5001 年利率 18%；借款 L5002 年利率 15%；逾期后，逾期的本金只按罚息年化18.25%计，"
        "这一期的利息只算到还款日，不会和罚息在同一段时间叠加；没有服务费、违约金或复利。各项都没有超过年化24%。"
    )
    assert said[2].startswith("您目前的罚息共 ")


def test_a_rate_over_24_percent_is_named_and_a_review_offered():
    from decimal import Decimal

    from actions.wording import rate_cap
    from rules.ledger import Loan

    loan = Loan("L9", "消费贷", Decimal("1000"), Decimal("0.3"), 12, __import__("datetime").date(2026, 1, 1))
    assert rate_cap([loan]).endswith("其中L9超过了年化24%，您可以说“转人工”申请复核。")


@pytest.mark.asyncio
async def test_money_kept_back_at_payout_is_answered_not_the_penalty_rule(demo_store):  # noqa: F811
    """放款的时候扣了我500服务费 这算砍头息吧 was not understood."""
    messages, _ = await run(
        ActionAskPenaltyInterest(),
        tracker("放款的时候扣了我500服务费 这算砍头息吧", "ask_penalty_interest", token_for("B002")),
    )
    said = texts(messages)
    assert said[0].startswith("按我们的产品规则，放款时不预先扣除利息或任何费用")
    assert said[1] == "您借的：\n· 借款 L2001（消费贷）：借款本金 5000.00 元，6期，2026年6月15日 起"
    assert len(said) == 2
    public, _ = await run(ActionAskPenaltyInterest(), tracker("到账少了八百 这是砍头息吗", "ask_penalty_interest"))
    assert texts(public)[0].startswith("按我们的产品规则，放款时不预先扣除利息或任何费用")
    assert "utter_penalty_rule" not in texts(public)
    assert texts(public)[-1] == "utter_need_verification"
    # the penalty asked too: its rule as well (h25a: 罚息怎么算的 … 砍头息 left the rule out)
    both, _ = await run(
        ActionAskPenaltyInterest(), tracker("罚息怎么算的啊 是不是还有什么违约金 砍头息", "ask_penalty_interest")
    )
    assert "utter_penalty_rule" in texts(both) and texts(both)[-1].startswith("想看您自己借款的罚息明细")


@pytest.mark.asyncio
async def test_the_borrower_back_at_the_phone_is_answered_again(demo_store):  # noqa: F811
    """After 我是他老婆, 老公回来了 我是张伟本人 现在欠多少 got the refusal, with no way on."""
    back, events = await run(
        ActionCheckOverdue(),
        tracker("老公回来了 我是张伟本人 现在欠多少", metadata=token_for("B001"), slots={"not_the_borrower": True}),
    )
    assert back[0]["overdue_total"] == "3363.24"
    assert SlotSet("not_the_borrower", False) in events
    anonymous, events = await run(
        ActionCheckOverdue(), tracker("不是 钱是我借的 还差多少", slots={"not_the_borrower": True})
    )
    assert texts(anonymous) == ["utter_need_verification"]  # the code goes to the registered phone
    assert SlotSet("not_the_borrower", False) in events
    still, _ = await run(ActionCheckOverdue(), tracker("还欠多少", slots={"not_the_borrower": True}))
    assert texts(still) == ["utter_only_the_borrower"]


@pytest.mark.asyncio
async def test_two_overdue_instalments_differ_by_their_penalty(demo_store):  # noqa: F811
    messages, _ = await run(
        ActionCheckOverdue(), tracker("为啥我10月那期要还552 11月那期才544 不是等额本息吗", metadata=token_for("B005"))
    )
    assert texts(messages)[1].split("\n")[1:] == [
        "· 借款 L5001：每期 526.55–526.58 元",
        "· 借款 L5002：每期 541.54–541.55 元",
        "金额不一样的是逾期的这几期：",
        "· 借款 L5001 第5期 526.58 元，逾期加罚息 5.88 元 = 532.46 元",
        "· 借款 L5002 第7期 541.55 元，逾期加罚息 10.81 元 = 552.36 元",
        "· 借款 L5002 第8期 541.55 元，逾期加罚息 3.05 元 = 544.60 元",
    ]
    assert len(messages) == 3  # the breakdown is not said again beside it
    penalty, _ = await run(
        ActionAskPenaltyInterest(),
        tracker("为啥我10月那期要还552 11月那期才544 不是等额本息吗", "ask_penalty_interest", token_for("B005")),
    )
    assert texts(penalty)[1] == texts(messages)[1]  # read as a penalty question: the same why


@pytest.mark.parametrize("text", ["没收到啊 是不是要等一会", "怎么还没来", "收不到"])
@pytest.mark.asyncio
async def test_a_code_not_come_yet_is_not_an_unusable_answer(text):
    """没收到啊 是不是要等一会 got "验证码是6位数字，请重新输入"."""
    from actions.verification import NO_CODE_YET

    d = CollectingDispatcher()
    got = await ValidateVerificationForm().validate_otp_code(text, d, tracker(), {})
    assert got == {"otp_code": None}  # no bad answer counted: the code already sent still counts
    assert d.messages[0]["text"] == NO_CODE_YET


@pytest.mark.asyncio
async def test_a_worry_that_we_are_not_genuine_is_answered_at_the_code_step():
    """短信上写着请勿告诉任何人 你不会是骗子吧 got "验证码是6位数字"."""
    d = CollectingDispatcher()
    got = await ValidateVerificationForm().validate_otp_code(
        "短信上写着请勿告诉任何人 你不会是骗子吧", d, tracker(), {}
    )
    assert got == {"otp_code": None}
    assert d.messages[0]["text"].startswith("您谨慎是对的。短信里的“请勿告诉任何人”，是说不要把验证码告诉任何人")
    assert [b["title"] for b in d.messages[0]["buttons"]] == ["转人工"]


@pytest.mark.asyncio
async def test_what_a_part_payment_leaves_overdue_is_said_first(demo_store):  # noqa: F811
    """我不分期 我就问还1500以后 剩下的还算逾期吗 got a plan quote, then "先办上面这一件"."""
    messages, _ = await run(
        ActionCheckOverdue(), tracker("我不分期 我就问还1500以后 剩下的还算逾期吗", metadata=token_for("B001"))
    )
    assert texts(messages)[0] == (
        "先还 1500.00 元有用：这笔会从逾期的 3363.24 元里扣掉，还剩 1863.24 元（加上之后的罚息）。不过只要还有没还清的"
        "逾期款，就仍然算逾期，直到逾期的各期全部还清；没还的本金每天继续按0.05%计罚息，还上的本金越多，之后每天的罚息越少。"
        "剩下的可以登记一个14天以内的还款日期（说“约定还款”），或者说“协商分期”“转人工”。"
    )
    assert messages[1]["response"] == "utter_overdue_total"
    far, _ = await run(ActionCheckOverdue(), tracker("只还一部分会怎么样", metadata=token_for("B004")))
    assert texts(far)[0].startswith("还一部分有用：还上的部分会从逾期金额里扣掉。")
    assert texts(far)[0].endswith("或者说“转人工”和客服商量。")  # 214 days: no plan to name
    whole, _ = await run(ActionCheckOverdue(), tracker("我先还600 剩下的还算逾期吗", metadata=token_for("B002")))
    assert texts(whole)[0] == "先还 600.00 元就够还清目前逾期的 573.03 元了，还清后就不再逾期，也不再产生罚息。"
    # 我是问可以还一部分吗 比如先还500 剩下的下个月: that it may be, first (it became a plan's budget)
    allowed, _ = await run(
        ActionCheckOverdue(), tracker("我是问可以还一部分吗 比如先还500 剩下的下个月", metadata=token_for("B002"))
    )
    assert texts(allowed)[0].startswith(
        "可以，随时都能先还一部分，在官方渠道还就行，不用先申请。先还 500.00 元有用：这笔会从逾期的 573.03 元里扣掉，"
        "还剩 73.03 元（加上之后的罚息）。"
    )
    # 先还一半行不行 (fell back, three times): that it may be, and what half is, to the cent
    half, _ = await run(ActionCheckOverdue(), tracker("那先还一半行不", metadata=token_for("B002")))
    assert texts(half)[0].startswith(
        "可以，随时都能先还一部分，在官方渠道还就行，不用先申请。先还 286.52 元有用：这笔会从逾期的 573.03 元里扣掉，"
        "还剩 286.51 元（加上之后的罚息）。"
    )


@pytest.mark.asyncio
async def test_someone_who_cannot_follow_the_breakdown_gets_one_figure(demo_store):  # noqa: F811
    """还是不懂 你就说我要拿多少钱出来就行了 got the three-instalment breakdown again."""
    messages, _ = await run(
        ActionCheckOverdue(), tracker("还是不懂 你就说我要拿多少钱出来就行了", metadata=token_for("B001"))
    )
    assert texts(messages) == [
        "简单说：今天还 3363.24 元，逾期的就全部还清了。晚一天还，这个数会多一点点罚息，所以越早还越好。"
        "还款在我们的App里点“立即还款”；不会操作可以说“转人工”，客服一步一步教您。"
    ]
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工"]


@pytest.mark.asyncio
async def test_someone_who_cannot_work_the_app_is_offered_help_to_pay():
    """我不会用手机银行 got the app's instructions and nothing else."""
    from actions.servicing import HELP_TO_PAY, ActionHowToRepay

    messages, _ = await run(ActionHowToRepay(), tracker("我不会用手机银行", "ask_how_to_repay"))
    assert texts(messages) == ["utter_how_to_repay", HELP_TO_PAY]
    plain, _ = await run(ActionHowToRepay(), tracker("怎么还款", "ask_how_to_repay"))
    assert texts(plain) == ["utter_how_to_repay"]


@pytest.mark.asyncio
async def test_someone_who_wants_the_app_is_told_where_it_is_had():
    """我要下载你们的软件来还钱啊 was not understood, then "not a valid phone number"."""
    from actions.servicing import ActionHowToRepay
    from documents import lender_name

    messages, _ = await run(ActionHowToRepay(), tracker("我要下载你们的软件来还钱啊", "ask_how_to_repay"))
    lender = lender_name()
    assert texts(messages) == [
        "utter_how_to_repay",
        f"{lender}的App请在手机自带的应用商店里搜索“{lender}”下载，或者从{lender}官网下载；"
        "不要点短信里或陌生人发来的下载链接。装好后用借款时的手机号登录，在“我的借款”里点“立即还款”。"
        "不会装的话，可以请家人帮忙，或者说“转人工”，客服一步一步教您。",
    ]


@pytest.mark.asyncio
async def test_the_hour_of_the_debit_is_answered_with_the_due_day_rule(demo_store):  # noqa: F811
    """自动扣款是几点扣 我工资下午才到 got the due dates again."""
    messages, _ = await run(
        ActionAskDueDate(), tracker("自动扣款是几点扣 我工资下午才到", "ask_due_date", token_for("B003"))
    )
    assert texts(messages)[0].startswith("还款日当天任何时候还上都不算逾期，从第二天起才算。")
    plain, _ = await run(ActionAskDueDate(), tracker("下次哪天还", "ask_due_date", token_for("B003")))
    assert not any("几点" in (t or "") for t in texts(plain))


@pytest.mark.asyncio
async def test_a_months_total_is_what_falls_due_that_month_and_what_is_overdue(demo_store):  # noqa: F811
    """那我12月份一共要还多少钱 got the overdue breakdown and everything left on the loans."""
    messages, _ = await run(ActionCheckOverdue(), tracker("那我12月份一共要还多少钱", metadata=token_for("B005")))
    assert texts(messages) == [
        "12月要还的：\n· 2026年12月8日：541.55 元（借款 L5002 第9期）\n共 541.55 元。\n"
        "另外，已经逾期的 1629.42 元（罚息每天还在增加）要尽快还；加上它，12月一共至少要还 2170.97 元。"
    ]
    this_month, _ = await run(ActionCheckOverdue(), tracker("这个月还要还多少", metadata=token_for("B003")))
    # nothing left to pay that month: the next payment after it (it said only "没有新到期的款项")
    assert texts(this_month) == [
        "11月已经没有待还的款项了。\n下一笔要还的：\n· 2026年12月5日：710.79 元（借款 L3001 第6期）"
    ]
    plan, _ = await run(ActionCheckOverdue(), tracker("12月份一共要还多少", metadata=token_for("B006")))
    assert "分期计划 P6001 第4期" in texts(plan)[0]
    # overdue, nothing else due this month: what is overdue first (it said "11月已经没有待还的款项了")
    overdue, _ = await run(ActionCheckOverdue(), tracker("我这个月要还多少", metadata=token_for("B002")))
    assert texts(overdue)[0] == (
        "11月要还的，是已经逾期的 573.03 元（罚息每天还在增加），请尽快还上；11月没有别的到期款项。\n"
        "再下一笔：\n· 2026年12月15日：871.65 元（借款 L2001 第6期）"
    )


@pytest.mark.asyncio
async def test_where_the_code_goes_is_said_at_the_code_step():
    """等下 验证码是发到我手机上吗 我手机在我儿子那 got "请重新输入"."""
    d = CollectingDispatcher()
    got = await ValidateVerificationForm().validate_otp_code(
        "等下 验证码是发到我手机上吗 我手机在我儿子那", d, tracker(slots={"phone": "138****8001"}), {}
    )
    assert got == {"otp_code": None}
    assert d.messages[0]["text"].startswith("验证码发到您刚才输入的号码 138****8001 上，5分钟内有效。")


@pytest.mark.asyncio
async def test_prepaying_part_with_nothing_overdue_is_said_for_what_it_is(demo_store):  # noqa: F811
    """我想先还一部分 比如还2000 这样后面每个月会少吗 got "不需要协商分期", then the full settlement."""
    from actions.wording import PREPAY_PART

    messages, _ = await run(
        ActionCheckOverdue(),
        tracker("我想先还一部分 比如还2000 这样后面每个月会少吗 还是期数变少", metadata=token_for("B003")),
    )
    assert texts(messages) == [PREPAY_PART]
    month, _ = await run(ActionCheckOverdue(), tracker("下个月呢", metadata=token_for("B001")))
    assert texts(month)[0].startswith("12月要还的：\n· 2026年12月10日：1100.16 元（借款 L1001 第11期）")


@pytest.mark.asyncio
async def test_a_days_amount_and_equal_instalments_are_answered(demo_store):  # noqa: F811
    """那这个月28号那笔是多少钱 got the payments received; 我每个月都是还这么多吗 the penalty rules."""
    day, _ = await run(ActionAskDueDate(), tracker("那这个月28号那笔是多少钱", "ask_due_date", token_for("B005")))
    assert "· 2026年11月28日：526.55 元（借款 L5001 第6期）" in texts(day)[-1]  # the next day: in the dates
    later, _ = await run(ActionAskDueDate(), tracker("1月8号那笔是多少钱", "ask_due_date", token_for("B005")))
    assert texts(later)[0] == "2027年1月8日应还 541.55 元：\n· 2027年1月8日：541.55 元（借款 L5002 第10期）"
    same, _ = await run(ActionAskDueDate(), tracker("我每个月都是还这么多吗", "ask_due_date", token_for("B003")))
    assert texts(same)[0].startswith("每期应还的本金加利息按等额本息计算，同一笔借款每期基本一样")


@pytest.mark.asyncio
async def test_an_amount_is_put_against_the_instalment_it_is_asked_about(demo_store):
    """我就问还1200够不够还第8期 / 能把最早那期还清吗: a promise was put to confirm; now that
    instalment's figure today against the amount (B001: 第8期 1136.41)."""
    for text in ("我就问还1200够不够还第8期", "我今天先还1200，能把最早那期还清吗？还剩多少"):
        messages, _ = await run(ActionCheckOverdue(), tracker(text, "check_overdue", token_for("B001")))
        assert texts(messages)[0] == (
            "借款 L1001 第8期（2026年9月10日到期）今天应还 1136.41 元，1200.00 元够还这一期的数，还多 63.59 元。"
        )
    short, _ = await run(ActionCheckOverdue(), tracker("还八百够还第9期吗", "check_overdue", token_for("B001")))
    assert texts(short)[0] == "借款 L1001 第9期（2026年10月10日到期）今天应还 1121.41 元，800.00 元还差 321.41 元。"
    none, _ = await run(ActionCheckOverdue(), tracker("还八百够还第3期吗", "check_overdue", token_for("B001")))
    assert not texts(none)[0].startswith("借款 L1001 第")  # no such overdue instalment: nothing made up


@pytest.mark.asyncio
async def test_figures_asked_by_email_are_said_here_and_the_statement_offered(demo_store):
    """欠款明细发我邮箱 顺便说下罚息咋算的: both figures right, the e-mail part unanswered."""
    from actions import wording

    messages, _ = await run(
        ActionCheckOverdue(), tracker("欠款明细发我邮箱 顺便说下罚息咋算的", "check_overdue", token_for("B001"))
    )
    assert texts(messages)[0] == wording.SENT_HERE_ONLY
    assert messages[0]["buttons"] == [{"title": "开对账单", "payload": "给我开个对账单"}]
    assert "utter_overdue_total" in texts(messages)
    plain, _ = await run(ActionCheckOverdue(), tracker("我欠多少钱", "check_overdue", token_for("B001")))
    assert wording.SENT_HERE_ONLY not in texts(plain)


@pytest.mark.asyncio
async def test_paying_tomorrow_is_put_against_today(demo_store):
    """今天还和明天还差多少: B001's 3363.24 today and one more day of penalty tomorrow, each
    instalment's penalty rounded to the cent for its own days (0.51 + 0.52 + 0.53 = 1.56 more)."""
    messages, _ = await run(ActionCheckOverdue(), tracker("今天还和明天还差多少", "check_overdue", token_for("B001")))
    assert texts(messages) == [
        "今天还清是 3363.24 元，2026年11月21日还清是 3364.80 元，多 1.56 元：多出的是这几天的罚息"
        "（没还的本金每天按0.05%计）。早一天还，就少一天罚息。"
    ]


@pytest.mark.asyncio
async def test_paying_ahead_that_does_not_show_is_told_when_it_posts_and_no_second_debit(demo_store):
    """我今天已经提前把12月5号那期710.79还了，为啥app里还显示待还？会不会到时候又扣我一次 (B003, nothing
    overdue) got the schedule only (h13 talk)."""
    from actions.overdue import NO_SECOND_DEBIT
    from rules.payments import POSTING_NOTE

    text = "我今天已经提前把12月5号那期710.79还了，为啥app里还显示待还？会不会到时候又扣我一次"
    messages, _ = await run(ActionCheckOverdue(), tracker(text, "check_overdue", token_for("B003")))
    assert POSTING_NOTE + NO_SECOND_DEBIT in texts(messages)


@pytest.mark.asyncio
async def test_two_days_instalments_asked_together_are_summed(demo_store):
    """…28号…是多少…12月8号那笔又是多少两笔加起来多少我想一起还了 (B005): both amounts, no total (h13)."""
    text = "28号那笔是多少 12月8号那笔又是多少 两笔加起来多少 我想一起还了"
    messages, _ = await run(ActionAskDueDate(), tracker(text, "ask_due_date", token_for("B005")))
    together = next(t for t in texts(messages) if t.startswith("这2笔加起来"))
    assert together.startswith(
        "这2笔加起来一共 1068.10 元：\n· 2026年11月28日：526.55 元（借款 L5001 第6期）\n"
        "· 2026年12月8日：541.55 元（借款 L5002 第9期）"
    )
    assert together.endswith("另外，已经逾期的 1629.42 元（罚息每天还在增加）最好先还上。")


@pytest.mark.asyncio
async def test_a_later_days_penalty_is_given_as_a_figure_before_anything_is_overdue(demo_store):
    """如果12月2号才还 要多交多少罚息 给个数 (B006, nothing overdue) got "您目前没有逾期" twice (h13):
    L6001's instalment of 11-25 is 7 days late on 12-02, 876.75 × 0.05% × 7 = 3.07."""
    messages, _ = await run(
        ActionAskPenaltyInterest(),
        tracker("如果12月2号才还 要多交多少罚息 给个数", "ask_penalty_interest", token_for("B006")),
    )
    assert texts(messages)[-1] == (
        "如果到2026年12月2日才还，那天会逾期的是：\n· 借款 L6001 第10期：876.75 元 × 0.05% × 7 天 = 3.07 元\n"
        "罚息共 3.07 元，那天连本带息要还 919.87 元。在各期还款日当天或之前还上，就没有罚息。"
    )


@pytest.mark.asyncio
async def test_what_is_overdue_on_a_later_day_asked_as_how_much(demo_store):
    messages, _ = await run(
        ActionCheckOverdue(), tracker("下周三全部逾期的还上，要多少", "check_overdue", token_for("B001"))
    )
    assert texts(messages)[0].startswith("到2026年11月25日，您逾期应还共 ")


@pytest.mark.asyncio
async def test_a_proof_of_payment_goes_to_a_person(demo_store):
    """截图在哪发？我要证明我还过钱了 got a statement issued (h14 talk)."""
    from actions import wording

    messages, _ = await run(
        ActionCheckOverdue(), tracker("截图在哪发？我要证明我还过钱了", "check_overdue", token_for("B002"))
    )
    assert texts(messages)[0].startswith("我们最近收到的还款：\n· 2026年11月16日：300.00 元")
    assert texts(messages)[1] == wording.PROOF_TO_A_PERSON


@pytest.mark.asyncio
async def test_less_than_owed_said_as_the_rest_is_what_stays_overdue(demo_store):
    """那剩下的273.03我今天还上是不是就不算逾期了 (B002 owes 573.03 after the 300 of 11-16) got credit text."""
    messages, _ = await run(
        ActionCheckOverdue(),
        tracker("那剩下的273.03我今天还上是不是就不算逾期了？", "check_overdue", token_for("B002")),
    )
    assert texts(messages)[0].startswith("先还 273.03 元有用：这笔会从逾期的 573.03 元里扣掉，还剩 300.00 元")


@pytest.mark.asyncio
async def test_that_days_instalment_named_beside_the_overdue_is_added(demo_store):  # noqa: F811
    """那我要是12月10号那天把逾期的加上第11期一起还 一共多少钱: 3394.34, the 11th left out."""
    messages, _ = await run(
        ActionCheckOverdue(),
        tracker("那我要是12月10号那天把逾期的加上第11期一起还 一共多少钱", metadata=token_for("B001")),
    )
    assert texts(messages) == [
        "到2026年12月10日，您逾期应还共 3394.34 元（罚息算到那天；今天是 3363.24 元）。那天还这个金额，逾期就全部还清了。",
        "加上2026年12月10日当天到期的：\n· 2026年12月10日：1100.16 元（借款 L1001 第11期）\n那天一共要还 4494.50 元。",
    ]
    plain, _ = await run(ActionCheckOverdue(), tracker("12月10号那天一共要还多少", metadata=token_for("B001")))
    assert len(texts(plain)) == 1


@pytest.mark.asyncio
async def test_no_login_is_asked_of_someone_just_in_crisis(demo_store):  # noqa: F811
    """说这些有什么用 打电话的人说我不还就让我全家都知道 … 我真的会跳楼, right after the crisis answer: the
    complaint began a login, and it came back after the next question."""
    from actions.conduct import ActionStartComplaint
    from actions.identity import NO_LOGIN_AFTER_CRISIS

    crisis = [{"event": "action", "name": "action_crisis_support"}]
    said = "打电话的人说我不还就让我全家都知道 我妈身体不好"
    messages, events = await run(ActionStartComplaint(), tracker(said, "report_improper_collection", events=crisis))
    assert texts(messages) == [NO_LOGIN_AFTER_CRISIS]
    assert SlotSet("needs_verification", False) in events
    plain, events = await run(ActionStartComplaint(), tracker(said, "report_improper_collection"))
    assert texts(plain) == ["utter_complaint_before_verification", "utter_need_verification"]


@pytest.mark.asyncio
async def test_the_login_held_after_a_crisis_is_not_a_wall(demo_store):  # noqa: F811
    """h28a: after the crisis answer, 那我先验证一下身份吧 / 我真的没事了 就想知道一共欠多少 / 查询欠款 each got
    "这件事现在不用您验证身份", three times, with no way on."""
    from actions.identity import NO_LOGIN_AFTER_CRISIS

    crisis = [{"event": "action", "name": "action_crisis_support"}]
    for said in ("那我先验证一下身份吧，想看看欠你们多少", "我真的没事了，情绪好多了。就想知道一共欠多少"):
        messages, events = await run(ActionCheckOverdue(), tracker(said, events=crisis))
        assert texts(messages) == ["utter_need_verification"], said
        assert SlotSet("needs_verification", True) in events
    held = crisis + [{"event": "action", "name": "action_listen"}]
    messages, _ = await run(ActionCheckOverdue(), tracker("一共欠多少", events=held))
    assert texts(messages) == [NO_LOGIN_AFTER_CRISIS]
    # said once, the next question about their loan begins the login
    said_once = held + [{"event": "bot", "text": NO_LOGIN_AFTER_CRISIS}]
    messages, _ = await run(ActionCheckOverdue(), tracker("查询欠款", events=said_once))
    assert texts(messages) == ["utter_need_verification"]


@pytest.mark.asyncio
async def test_whether_we_are_another_lender_is_answered_at_the_number():
    """先回答我你们是不是分期乐 别的平台的你们能一起处理吗, at the number: "这看起来不是一个有效的11位手机号码"."""
    d = CollectingDispatcher()
    said = "先回答我你们是不是分期乐 别的平台的你们能一起处理吗"
    got = await ValidateVerificationForm().validate_phone(said, d, tracker(said), {})
    assert got == {"phone": None}
    assert d.messages[0]["text"].startswith("不是。分期乐不是我们的产品，和我们也不是一家")


@pytest.mark.parametrize(
    "borrower, text, day",
    [
        ("B003", "下个月那期晚5天还 罚息多少钱", "2026年12月10日"),  # due 12-05: "没有任何罚息" (h23a)
        ("B003", "我是说12月5号那期如果15号才还 罚息多少", "2026年12月15日"),  # the 5th was taken
        ("B002", "12月15号那期我20号发了工资就还 晚5天罚息是多少钱", "2026年12月20日"),  # overdue now: today's only
        # h25a: a rough range of days (cn2an read 三四 as 34) and two days named: the later one
        ("B003", "晚个三四天 8号9号还上 罚多少钱", "2026年12月9日"),
        ("B003", "下个月那期晚个三四天还 罚息多少", "2026年12月9日"),
    ],
)
@pytest.mark.asyncio
async def test_the_penalty_of_paying_a_later_instalment_late_is_worked_out(demo_store, borrower, text, day):  # noqa: F811
    from decimal import Decimal

    from rules.overdue import overdue_summary

    messages, _ = await run(ActionAskPenaltyInterest(), tracker(text, "ask_penalty_interest", token_for(borrower)))
    said = messages[-1]["text"]
    assert said.startswith(f"如果到{day}才还，那天会逾期的是：")
    y, m, d = (int(x) for x in day.replace("年", "-").replace("月", "-").rstrip("日").split("-"))
    from datetime import date

    then = overdue_summary(demo_store.ledger(borrower), date(y, m, d))
    assert f"罚息共 {then.penalty} 元，那天连本带息要还 {then.total} 元。" in said and then.penalty > Decimal("0")


@pytest.mark.asyncio
async def test_a_phone_said_to_be_someone_elses_verifies_no_one_in_that_chat(tmp_path):
    """13500135005 是我妈妈的 家里就这一个手机 (a child), and 他手机在我这 … 开玩笑的 其实我就是本人 (a wife):
    a code was sent, typed, and the loans shown (h24b)."""
    from actions.verification import PHONE_NOT_THEIRS

    form = ValidateVerificationForm()
    d = CollectingDispatcher()
    said = "13500135005 是我妈妈的 家里就这一个手机"
    got = await form.validate_phone(said, d, tracker(said), {})
    assert got["phone_not_theirs"] is True and got["verification_outcome"] == "stopped"
    assert d.messages[0]["text"] == PHONE_NOT_THEIRS and not (tmp_path / "sms.jsonl").exists()
    # said earlier in the chat, then "其实我就是本人" (which lifts not_the_borrower): still no code
    d = CollectingDispatcher()
    later = tracker("13800138001", slots={"phone_not_theirs": True, "not_the_borrower": False})
    got = await form.validate_phone("13800138001", d, later, {})
    assert got["verification_outcome"] == "stopped" and d.messages[0]["text"] == PHONE_NOT_THEIRS
    assert not (tmp_path / "sms.jsonl").exists()


@pytest.mark.parametrize(
    "text, part, left",
    [
        ("那我今天还了280 30号还要还多少？是575减280吗", "280.00", "293.03"),  # a new promise was put to her
    ],
)
@pytest.mark.asyncio
async def test_what_a_supposed_part_payment_leaves_is_worked_out(demo_store, text, part, left):  # noqa: F811
    messages, _ = await run(ActionCheckOverdue(), tracker(text, metadata=token_for("B002")))
    line = f"先还 {part} 元有用：这笔会从逾期的 573.03 元里扣掉，还剩 {left} 元（加上之后的罚息）。"
    assert any(t and t.startswith(line) for t in texts(messages))
    assert not any(t and t.startswith("您说还了") for t in texts(messages))


@pytest.mark.parametrize("text", ["早上好☀️ 我上周还了300块，请问现在还剩多少没还？", "我还了300 现在还剩多少"])
@pytest.mark.asyncio
async def test_a_part_already_paid_is_not_taken_off_again(demo_store, text):  # noqa: F811
    """h36a: 我上周还了300块 请问现在还剩多少 was answered "先还 300.00 元有用：…还剩 273.03 元" — the 300 of
    11-16 is in the 573.03 already."""
    messages, _ = await run(ActionCheckOverdue(), tracker(text, metadata=token_for("B002")))
    said = texts(messages)
    assert not any(t and "还剩 273.03" in t for t in said)
    assert said[0].startswith("我们最近收到的还款：\n· 2026年11月16日：300.00 元（借款 L2001 第5期）\n")
    assert "utter_overdue_total" in said


@pytest.mark.asyncio
async def test_the_day_the_penalty_began_is_said_when_asked(demo_store):  # noqa: F811
    from actions.overdue import ActionAskPenaltyInterest

    messages, _ = await run(
        ActionAskPenaltyInterest(), tracker("罚息是从哪天开始算的", "ask_penalty_interest", token_for("B002"))
    )
    assert (
        texts(messages)[-1].split("\n")[-1]
        == "借款 L2001 第5期2026年11月15日到期，罚息从2026年11月16日起算，到今天共 5 天。"
    )


@pytest.mark.asyncio
async def test_what_a_part_paid_on_a_later_day_leaves_then(demo_store):  # noqa: F811
    """那我27号还完1500还剩多少？到时候还算逾期不: "您说还了 1500.00 元，我们的账上没有" (h24b)."""
    messages, _ = await run(
        ActionCheckOverdue(), tracker("那我27号还完300还剩多少？到时候还算逾期不", metadata=token_for("B002"))
    )
    said = texts(messages)
    assert said[0].startswith("到2026年11月27日，您逾期应还共 574.96 元")
    assert said[1] == "那天还 300.00 元的话，还剩 274.96 元没还（加上之后的罚息），仍然算逾期，直到逾期的各期全部还清。"


@pytest.mark.asyncio
@pytest.mark.parametrize("said", ["我问的是人工多久回复！！！罚息个屁", "尽快是多快？？到底几分钟有人回我"])
async def test_when_a_person_answers_asked_at_the_number_is_answered_there(said):
    """…人工多久回复！！！ at the number: "这看起来不是一个有效的11位手机号码" (h24a)."""
    d = CollectingDispatcher()
    got = await ValidateVerificationForm().validate_phone(said, d, tracker(said), {})
    assert got == {"phone": None}
    assert "就在这个对话里回复您" in d.messages[0]["text"] and "具体几分钟我没法保证" in d.messages[0]["text"]


@pytest.mark.asyncio
async def test_the_penalty_for_figures_named_is_worked_out_for_anyone():
    """2000块逾期15天罚息多少 / 按2000本金15天算大概多少钱: the rule twice, then a phone number asked (h27b)."""
    from actions.overdue import penalty_example

    said = penalty_example("按2000本金15天算大概多少钱")
    assert said.startswith(
        "按您说的算：未还本金 2000.00 元逾期 15 天，罚息 = 2000.00 × 0.05% × 15 = 15.00 元；也就是每天 1.00 元左右。"
    )
    messages, _ = await run(ActionAskPenaltyInterest(), tracker("2000块逾期15天罚息多少", "ask_penalty_interest"))
    assert texts(messages)[1].startswith("按您说的算：未还本金 2000.00 元逾期 15 天")
    assert penalty_example("罚息怎么算") is None and penalty_example("逾期15天罚息多少") is None


@pytest.mark.asyncio
async def test_what_each_further_day_adds_is_said(demo_store):  # noqa: F811
    """罚息一天多少啊 我这笔 / 每日会再加几多钱: the total only (m29 / h27b)."""
    messages, _ = await run(
        ActionAskPenaltyInterest(), tracker("罚息一天多少啊 我这笔", "ask_penalty_interest", token_for("B002"))
    )
    said = texts(messages)[-1]
    assert said.endswith(
        "按现在逾期未还的本金 549.43 元，每晚还一天，罚息增加 0.27 元左右（各期分别计算，四舍五入到分）。"
    )
    plain, _ = await run(ActionAskPenaltyInterest(), tracker("我的罚息多少", "ask_penalty_interest", token_for("B002")))
    assert "每晚还一天" not in texts(plain)[-1]


def _after_handoff(first="转人工"):
    """The events of a conversation whose last answer was the handoff."""
    return [
        {"event": "user", "text": first, "parse_data": {"intent": {"name": "request_human"}}},
        {"event": "action", "name": "action_request_human"},
        {"event": "action", "name": "action_listen"},
    ]


@pytest.mark.asyncio
async def test_when_the_agent_may_call_said_after_the_handoff_is_added_to_its_ticket(demo_store, monkeypatch):
    """h30: 转人工, then 让客服明天下午2点到4点之间给我打电话 — the time was answered but not on the ticket
    (and fell back); now it is added to the open ticket, both notes kept, no second ticket."""
    from datetime import datetime, timezone

    import actions.handoff

    monkeypatch.setattr(actions.handoff, "utc_now", lambda: datetime(2026, 11, 20, 2, 30, tzinfo=timezone.utc))
    await run(
        ActionRequestHuman(), tracker("转人工 我想一次性了结", intent="request_human", metadata=token_for("B001"))
    )
    (first,) = demo_store.handoffs(CONVERSATION)
    said = "让客服明天下午2点到4点之间给我打电话"
    messages, _ = await run(
        ActionRequestHuman(),
        tracker(
            said, intent="request_human", metadata=token_for("B001"), events=_after_handoff("转人工 我想一次性了结")
        ),
    )
    assert texts(messages) == [
        f"已把您刚才说的补充到人工服务请求 {first.reference} 上，接手的客服会看到。"
        "人工客服会在服务时间（每天 9:00–21:00）尽快接手，会在这个对话里回复您。",
        None,  # the handoff for the channel (WeChat's live agents), as at the request
    ]
    (ticket,) = demo_store.handoffs(CONVERSATION)
    assert ticket.reference == first.reference
    assert ticket.summary.endswith("；本人留言：转人工 我想一次性了结／" + said)


@pytest.mark.asyncio
async def test_hours_said_right_after_the_handoff_are_for_the_agent_not_every_contact(demo_store, monkeypatch):
    """h30: 转人工, then 我晚上8点以后才方便 became "以后只在每天 20:00–21:00 之间联系您，对吗？"; now on the
    ticket, and the setting for every contact offered as a button. Said with 以后只在…, it is the setting."""
    from datetime import datetime, timezone

    import actions.handoff
    from actions.conduct import ActionOfferContactControl

    monkeypatch.setattr(actions.handoff, "utc_now", lambda: datetime(2026, 11, 20, 2, 30, tzinfo=timezone.utc))
    before = demo_store.preferences("B005")
    await run(ActionRequestHuman(), tracker("转人工", intent="request_human", metadata=token_for("B005")))
    (first,) = demo_store.handoffs(CONVERSATION)
    messages, events = await run(
        ActionOfferContactControl(),
        tracker(
            "我晚上8点以后才方便",
            intent="request_stop_contacting_others",
            metadata=token_for("B005"),
            events=_after_handoff(),
        ),
    )
    assert texts(messages) == [
        f"已把您刚才说的补充到人工服务请求 {first.reference} 上，接手的客服会看到。"
        "人工客服会在服务时间（每天 9:00–21:00）尽快接手，会在这个对话里回复您。",
        "如果以后的提醒和催收联系也只想在 20:00–21:00，点下面的按钮设置。",
    ]
    assert messages[1]["buttons"] == [{"title": "以后也只在这个时间联系", "payload": "以后只在20:00到21:00之间联系我"}]
    assert events == [SlotSet("open_flow", None), SlotSet("needs_verification", False)]
    (ticket,) = demo_store.handoffs(CONVERSATION)
    assert ticket.summary.endswith("；本人留言：我晚上8点以后才方便")
    assert demo_store.preferences("B005") == before  # nothing set for every contact
    setting, events = await run(
        ActionOfferContactControl(),
        tracker(
            "以后只在晚上8点以后联系我",
            intent="request_stop_contacting_others",
            metadata=token_for("B005"),
            events=_after_handoff(),
        ),
    )
    assert SlotSet("open_flow", "contact_control") in events
    assert demo_store.handoffs(CONVERSATION)[0].summary.endswith("；本人留言：我晚上8点以后才方便")


@pytest.mark.asyncio
async def test_why_the_number_is_asked_is_answered_before_and_at_the_number():
    """h30b: 为啥要我手机号？你们不会是骗子吧, first, got "没太明白"; 你们怎么证明自己是正规的, at the number,
    got "not a valid number". Why, and how to check us, each time; nothing counted as a bad number."""
    from actions.verification import WHY_PHONE

    first, _ = await run(ActionFallback(), tracker("为啥要我手机号？你们不会是骗子吧", intent="nlu_fallback"))
    assert texts(first) == [WHY_PHONE]
    d = CollectingDispatcher()
    got = await ValidateVerificationForm().validate_phone("你们怎么证明自己是正规的", d, tracker(), {})
    assert got == {"phone": None}
    assert d.messages[0]["text"] == WHY_PHONE
    d = CollectingDispatcher()  # h31b: 我不想给, at the number: the second wrong number, the step ended
    got = await ValidateVerificationForm().validate_phone("我不想给", d, tracker(), {})
    assert got == {"phone": None, "form_bad_answers": 1.0} and d.messages[0]["text"] == WHY_PHONE
    d = CollectingDispatcher()  # h31b: 为什么要手机号, at the number: "not a valid number"
    got = await ValidateVerificationForm().validate_phone("为什么要手机号", d, tracker(), {})
    assert got == {"phone": None} and d.messages[0]["text"] == WHY_PHONE


@pytest.mark.asyncio
async def test_days_of_grace_asked_are_none_said_first(demo_store):  # noqa: F811
    """h36a: 过了一天算逾期吗？有没有宽限期 got "您目前没有逾期的款项，不需要延期"."""
    from actions.overdue import ActionAskPenaltyInterest
    from actions.wording import GRACE
    from tests.unit.nlu.test_signals import decided_for

    said = "过了一天算逾期吗？有没有宽限期"
    assert decided_for(said, "ask_extension") == "ask_penalty_interest"
    assert decided_for("能不能给我宽限几天", "ask_extension") == "ask_extension"
    messages, _ = await run(ActionAskPenaltyInterest(), tracker(said, "ask_penalty_interest", token_for("B003")))
    assert texts(messages)[0] == GRACE and GRACE.startswith("没有宽限期：还款日当天任何时候还上都不算逾期")


@pytest.mark.asyncio
async def test_what_of_an_instalment_is_interest_is_said_when_asked(demo_store):  # noqa: F811
    """h36a: 为什么每期要还710.79？多出来的是什么钱 got the penalty rule (nothing is overdue) and "每期一样"."""
    messages, _ = await run(
        ActionAskPenaltyInterest(),
        tracker("为什么每期要还710.79？多出来的是什么钱", "ask_penalty_interest", token_for("B003")),
    )
    assert texts(messages)[-1].split("\n")[-1] == (
        "  其中第6期（2026年12月5日）= 本金 662.97 元 + 利息 47.82 元；利息按年利率 12% 算，越往后利息越少、本金越多，每期合计不变。"
    )


@pytest.mark.asyncio
async def test_an_agency_said_to_be_ours_gets_how_to_tell_and_no_money_to_them():
    from actions.identity import AGENCY_CHECK, ActionMiddlemanWarning

    said = "有个“速借宝”的人给我打电话，说是你们的合作催收公司，是真的吗"
    messages, _ = await run(ActionMiddlemanWarning(), tracker(said, "ask_about_middleman"))
    assert texts(messages) == [AGENCY_CHECK]
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工核实", "登记投诉"]


@pytest.mark.asyncio
async def test_going_on_after_all_offers_the_cancelled_request_again():
    """h36b: 唉还是登记吧 after cancelling the complaint's verification got "没太明白"."""
    from actions.fallback import ActionFallback

    before = [
        {"event": "slot", "name": "pending_request", "value": "action_start_complaint"},
        {"event": "active_loop", "name": "verification_form"},
        {"event": "user", "text": "算了", "parse_data": {"intent": {"name": "deny"}}},
        {"event": "action", "name": "action_verification_cancelled"},
        {"event": "slot", "name": "pending_request", "value": None},
        {"event": "active_loop", "name": None},
        {"event": "action", "name": "action_listen"},
    ]
    messages, _ = await run(ActionFallback(), tracker("唉还是登记吧", "nlu_fallback", events=before))
    assert texts(messages) == ["好的。刚才的投诉已经取消了，点下面的按钮重新开始；刚才说过的内容需要再说一遍。"]
    assert messages[0]["buttons"] == [{"title": "重新投诉", "payload": "/report_improper_collection"}]


@pytest.mark.asyncio
async def test_a_debt_said_to_be_sold_is_ours_until_we_say_otherwise(demo_store):  # noqa: F811
    """h37a: 资产管理公司说债转给他们了 was answered as money already sent ("拨打110…")."""
    from actions.identity import DEBT_NOT_SOLD_HERE, DEBT_SOLD_CHECK, ActionMiddlemanWarning

    said = "有个资产管理公司打电话说我的债转给他们了 以后还给他们"
    mine, _ = await run(ActionMiddlemanWarning(), tracker(said, "ask_about_middleman", token_for("B005")))
    assert texts(mine) == [DEBT_NOT_SOLD_HERE]
    anyone, _ = await run(ActionMiddlemanWarning(), tracker(said, "ask_about_middleman"))
    assert texts(anyone) == [DEBT_SOLD_CHECK]
    sent, _ = await run(
        ActionMiddlemanWarning(), tracker("资产管理公司说债转给他们了 我已经转了3000过去", "ask_about_middleman")
    )
    assert texts(sent) == ["utter_middleman_paid"]


@pytest.mark.asyncio
async def test_our_code_on_someone_elses_phone_is_explained():
    """h37a: 我朋友收到了你们的验证码 got the contact rules."""
    from actions.identity import CODE_ON_ANOTHERS_PHONE, ActionMiddlemanWarning
    from tests.unit.nlu.test_signals import decided_for

    said = "我朋友说他收到了你们发的验证码 这是怎么回事"
    assert decided_for(said, "ask_contact_policy") == "ask_about_middleman"
    messages, _ = await run(ActionMiddlemanWarning(), tracker(said, "ask_about_middleman"))
    assert texts(messages) == [CODE_ON_ANOTHERS_PHONE]


@pytest.mark.asyncio
async def test_someone_naming_themself_in_anothers_logged_in_chat_is_a_third_party(demo_store):  # noqa: F811
    """CI (e2e): 我是张建国，你们上个月打电话给我干嘛 in 赵磊's (B006) logged-in chat showed his next dues once the
    NLU took 我是<name> as the writer's own question; the borrower naming themself still gets theirs."""
    from tests.unit.nlu.test_signals import decided_for

    assert decided_for("我是张建国，你们上个月打电话给我干嘛", "third_party_inquiry") == "third_party_inquiry"
    messages, _ = await run(ActionAskDueDate(), tracker("我是张建国，下期还多少", "ask_due_date", token_for("B006")))
    assert not any(re.search(r"\d+\.\d{2}", t or "") for t in texts(messages))
    own, _ = await run(ActionAskDueDate(), tracker("你好 我是赵磊 想问下下期还多少", "ask_due_date", token_for("B006")))
    assert any(re.search(r"\d+\.\d{2}", t or "") for t in texts(own))
