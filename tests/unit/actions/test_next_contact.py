"""“你们什么时候会联系我” answered from the contact engine's own plan for this borrower
(actions/conduct.py), not only from the general policy."""

from datetime import date, time

import pytest

from actions.conduct import ActionContactPolicy, next_planned_contact
from tests.unit.actions.test_questions_and_identity import demo_store, run, token_for, tracker  # noqa: F401

DAY = date(2026, 11, 20)


def test_the_next_contact_is_the_engines_plan(demo_store):  # noqa: F811
    upcoming = next_planned_contact("B006", DAY, time(9, 0))  # nothing planned for B006 until its reminder
    assert (upcoming.at.isoformat(), upcoming.channel, upcoming.purpose) == (
        "2026-11-22T14:30:00",
        "sms",
        "due_reminder",
    )
    first = next_planned_contact("B001", DAY, time(9, 0))
    assert (first.at.isoformat(), first.channel, first.to) == ("2026-11-20T10:36:00", "call", "borrower")
    later = next_planned_contact("B001", DAY, time(16, 0))  # after today's last call to the borrower
    assert (later.at.isoformat(), later.to, later.contact_name) == (
        "2026-11-20T18:24:00",
        "emergency_contact",
        "张建国",
    )


def test_settings_move_the_next_contact(demo_store):  # noqa: F811
    from datetime import datetime

    demo_store.set_preferences(
        "B006", datetime(2026, 11, 20, 1), window_start="18:00", window_end="20:00", channel="email"
    )
    upcoming = next_planned_contact("B006", DAY, time(9, 0))
    assert (upcoming.at.isoformat(), upcoming.channel) == ("2026-11-22T19:00:00", "email")


@pytest.mark.asyncio
async def test_a_verified_borrower_hears_when_we_will_contact_them_next(demo_store):  # noqa: F811
    messages, _ = await run(
        ActionContactPolicy(), tracker("你们什么时候会联系我", "ask_contact_policy", token_for("B006"))
    )
    assert messages[-1]["text"] == (
        "按您现在的还款情况和设置，我们下一次联系您预计在2026年11月22日（星期日） 14:30 前后，方式：短信（还款日前提醒）。"
        "联系只在 8:00–21:00 之间（您设置了时段的，只在您的时段内）。还款、办理分期或延期、登记还款承诺后，这个安排会随之变化。"
    )


@pytest.mark.asyncio
async def test_nobody_unverified_hears_a_plan(demo_store):  # noqa: F811
    messages, _ = await run(ActionContactPolicy(), tracker("你们什么时候会联系我", "ask_contact_policy"))
    assert [m.get("response") for m in messages] == ["utter_contact_policy", "utter_contact_history_needs_verification"]


@pytest.mark.asyncio
@pytest.mark.parametrize("text", ["查看我的联系记录", "你们最近都是怎么联系我的？打了几次电话？", "你们昨天联系过我吗"])
async def test_someone_unverified_asking_for_their_own_history_is_verified_first(demo_store, text):  # noqa: F811
    """It said "say 查看我的联系记录 to verify", and saying it got the same two messages again."""
    messages, events = await run(ActionContactPolicy(), tracker(text, "ask_contact_policy"))
    assert [m.get("response") for m in messages] == ["utter_contact_policy", "utter_need_verification"]
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert (slots["pending_request"], slots["needs_verification"]) == ("action_contact_history", True)


@pytest.mark.asyncio
async def test_the_history_asked_for_before_verification_is_given_after_it(demo_store):  # noqa: F811
    from actions.verification import ActionVerificationComplete
    from auth.tokens import mint_session_token
    from tests.unit.actions.test_questions_and_identity import CONVERSATION

    done = tracker(
        "123456",
        "inform",
        slots={
            "verification_outcome": "verified",
            "identity": mint_session_token("B004", CONVERSATION),
            "pending_request": "action_contact_history",
        },
    )
    messages, _ = await run(ActionVerificationComplete(), done)
    texts = [m.get("text") or m.get("response") for m in messages]
    assert texts[0] == "utter_verified"
    assert texts[1].startswith("您的联系记录：\n· 短信：共 1 次，最近一次 2026年5月1日 10:00")


def test_both_parents_asked_about_are_both_looked_up():
    """会找我爸妈要钱吗: answered for the father alone ("no father among your contacts") though the
    mother, a contact, had been called."""
    from collections import namedtuple

    from parsing.contact_changes import person_asked_about

    Contact = namedtuple("Contact", "name relation")
    contacts = [Contact("刘红", "母亲"), Contact("周杰", "同事")]
    assert person_asked_about("那你们会找我爸妈要钱吗", contacts) == ("父母", [contacts[0]])
    assert person_asked_about("你们打给我爸了吗", contacts) == ("父亲", [])


def test_a_cousin_called_at_her_workplace_is_the_cousin_not_a_colleague():
    """我表姐说你们打电话到她单位了: "您登记的紧急联系人里没有您的同事" (单位 read as the borrower's)."""
    from collections import namedtuple

    from parsing.contact_changes import person_asked_about

    Contact = namedtuple("Contact", "name relation")
    contacts = [Contact("王丽", "姐妹"), Contact("周杰", "同事")]
    assert person_asked_about("我表姐说你们打电话到她单位了", contacts) == ("表姐", [])
    assert person_asked_about("你们是不是打给我堂哥了", contacts) == ("堂哥", [])
    assert person_asked_about("你们给我姐打电话了吗", contacts) == ("姐妹", [contacts[0]])
    assert person_asked_about("你们打到我单位了", contacts) == ("同事", [contacts[1]])


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "text, point",
    [
        ("分期以后还会有人打电话催我吗", "办理协商分期或延期之后，按新的还款日还款，就不会再有逾期的催收联系"),
        ("周末也催吗", "周末和节假日也按同样的规则联系，同样只在每天 8:00–21:00 之间。"),
        ("你们催收用什么号码打 我怎么分辨是不是骗子", "分辨是不是我们：我们的人员不会让您转账到任何个人账户"),
        ("能用微信联系我吗 电话老接不到", "我们不通过微信、QQ联系您，也不会加您好友；联系方式只有短信、电话和邮件。"),
        ("晚上10点以后你们还会打吗", "21:00 以后、8:00 以前我们不会联系您"),
        ("半夜會不會打給我", "21:00 以后、8:00 以前我们不会联系您"),
        ("你们一天要打几次电话啊", "电话从逾期第3天起才可能打，每天最多3次"),
    ],
)
async def test_the_point_of_a_contact_rule_question_is_answered_and_the_history_not_repeated(demo_store, text, point):  # noqa: F811
    """Verified, every contact question got the whole twenty-line history, and the point asked was
    not in it (分期以后还催吗 / 周末也打吗 / 号码是哪个). The point comes first, then the rules it is
    part of (the rules first read as a dump before the answer)."""
    for metadata in (None, token_for("B004")):
        messages, _ = await run(ActionContactPolicy(), tracker(text, "ask_contact_policy", metadata))
        said = [m.get("text") or m.get("response") for m in messages]
        assert said[0].startswith(point) and said[1] == "utter_contact_policy"
        assert not [s for s in said if s.startswith("您的联系记录")]
    verified, _ = await run(ActionContactPolicy(), tracker(text, "ask_contact_policy", token_for("B004")))
    assert (
        verified[-1]["text"] == "想看我们联系您和紧急联系人的每一次记录、您现在的联系设置，可以说“查看我的联系记录”。"
    )
    plain, _ = await run(
        ActionContactPolicy(), tracker("你们会打我家人电话吗", "ask_contact_policy", token_for("B004"))
    )
    assert [m for m in plain if (m.get("text") or "").startswith("您的联系记录")]  # the history, as before


@pytest.mark.asyncio
async def test_will_you_tell_my_workplace_gets_the_rule_and_the_history(demo_store):  # noqa: F811
    """那会不会通知我单位？我领导要是知道了我饭碗就没了 got "没太明白" (B004's colleague was called against the rules)."""
    from actions import wording

    text = "那会不会通知我单位？我领导要是知道了我饭碗就没了"
    messages, _ = await run(ActionContactPolicy(), tracker(text, "ask_contact_policy", token_for("B004")))
    said = [m.get("text") or m.get("response") for m in messages]
    assert said[:2] == [wording.WORKPLACE_POINT, "utter_contact_policy"]  # the point asked, first
    assert any("联系了您没有授权的人" in (s or "") for s in said)  # the breach, in the history


@pytest.mark.asyncio
async def test_a_borrower_talking_with_us_is_reachable_and_no_emergency_contact_is_planned(demo_store):  # noqa: F811
    """ "下一次联系您预计在…16:40 前后，方式：联系您授权的紧急联系人张建国", said to the borrower while chatting
    (three talks): being here, identified, is being reachable — noted, and the plan reads it."""
    from datetime import datetime

    later = next_planned_contact("B001", DAY, time(16, 0))
    assert (later.to, later.contact_name) == ("emergency_contact", "张建国")  # before: the fixture's plan
    await run(ActionContactPolicy(), tracker("我欠多少", "check_overdue", token_for("B001")))
    seen = demo_store.borrower_last_seen("B001")
    assert seen is not None and seen.date() == DAY
    # What comes after the moment they were seen (the wall clock's time of day: after 21:00 it is the
    # next day's plan; planning from 16:00 with a 21:06 "seen" failed every evening)
    after = next_planned_contact("B001", DAY, seen.time())
    assert after is None or after.to == "borrower"
    # an earlier moment seen as well plans no emergency contact either (the plan it was compared with was
    # planned from the wall clock's time: after midnight, 11:15 against 17:45 — it failed every night)
    demo_store.note_borrower_seen("B001", datetime(2026, 11, 20, 15, 0))
    again = next_planned_contact("B001", DAY, max(seen.time(), time(16, 0)))
    assert again is None or again.to == "borrower"
