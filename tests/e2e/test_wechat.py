"""The WeChat Official Account channel against a fake WeChat platform on loopback."""

import time
import uuid

import pytest
import requests

from tests.e2e import fake_wechat


@pytest.fixture
def webhook(assistant):
    return f"{assistant.rasa_url}/webhooks/wechat/webhook"


def test_server_check_echoes_only_with_a_valid_signature(webhook):
    timestamp, nonce = str(int(time.time())), "12345"
    good = {
        "signature": fake_wechat.FakeWeChat.signature(timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "echostr": "hello-wechat",
    }
    assert requests.get(webhook, params=good, timeout=10).text == "hello-wechat"
    bad = dict(good, signature="f" * 40)
    reply = requests.get(webhook, params=bad, timeout=10)
    assert (reply.status_code, reply.text) == (403, "forbidden")


def test_bound_openid_asks_what_they_owe(webhook, wechat_platform):
    (reply,) = wechat_platform.post(webhook, wechat_platform.message_xml("oWX0001zhangwei", "我欠多少钱"))
    text = wechat_platform.reply_text(reply)
    assert "您当前逾期应还共 3363.24 元，共 3 期，最长已逾期 71 天。" in text
    assert "· 第8期（应还日2026年9月10日，已逾期71天）" in text


def test_safe_mode_encrypts_both_ways(webhook, wechat_platform):
    (reply,) = wechat_platform.post(webhook, wechat_platform.message_xml("oWX0001zhangwei", "罚息怎么算"), encrypt=True)
    assert "<Encrypt>" in reply.text
    assert "您目前的罚息共 62.76 元" in wechat_platform.reply_text(reply, encrypted=True)


def test_retries_with_the_same_msgid_reach_the_assistant_once(webhook, wechat_platform, assistant):
    xml = wechat_platform.message_xml("oWX0003wangfang", "转人工")
    replies = wechat_platform.post(webhook, xml, retries=2)
    texts = [wechat_platform.reply_text(r) for r in replies]
    assert "已为您登记人工服务请求" in texts[0]
    assert texts[1:] == ["", ""]  # answered `success`, not processed again
    from loan_store.repository import LoanStore

    store = LoanStore(assistant.database_url)
    assert len(store.handoffs("oWX0003wangfang")) == 1
    store.engine.dispose()


def test_subscribe_gets_the_welcome_and_other_types_are_asked_to_type(webhook, wechat_platform):
    (welcome,) = wechat_platform.post(
        webhook, wechat_platform.message_xml("oWX0002lina", msg_type="event", Event="subscribe")
    )
    assert "我是还款助手" in wechat_platform.reply_text(welcome)
    (image,) = wechat_platform.post(
        webhook, wechat_platform.message_xml("oWX0002lina", msg_type="image", PicUrl="http://x/y.jpg", MediaId="m1")
    )
    assert wechat_platform.reply_text(image) == "抱歉，我目前只能看懂文字消息，请直接打字告诉我您想办理什么。"
    (voice,) = wechat_platform.post(
        webhook,
        wechat_platform.message_xml(
            "oWX0002lina", msg_type="voice", MediaId="v1", Format="amr", Recognition="我欠多少钱"
        ),
    )
    assert "573.03" in wechat_platform.reply_text(voice)


def test_bad_signatures_and_malformed_xml_never_reach_the_assistant(webhook, wechat_platform, assistant):
    from loan_store.repository import LoanStore

    (forged,) = wechat_platform.post(
        webhook, wechat_platform.message_xml("oWX0005chenjing", "转人工"), bad_signature=True
    )
    assert forged.status_code == 403
    timestamp, nonce = str(int(time.time())), "999"
    params = {"signature": fake_wechat.FakeWeChat.signature(timestamp, nonce), "timestamp": timestamp, "nonce": nonce}
    broken = requests.post(webhook, params=params, data="<xml><FromUserName>oWX0005chenjing".encode(), timeout=10)
    assert broken.status_code == 400
    store = LoanStore(assistant.database_url)
    assert store.handoffs("oWX0005chenjing") == []
    store.engine.dispose()


def test_unbound_openid_verifies_once_by_sms_and_is_bound(webhook, wechat_platform, assistant):
    openid = "oWXnewcomer0001"
    say = lambda text: wechat_platform.reply_text(
        wechat_platform.post(webhook, wechat_platform.message_xml(openid, text))[0]
    )
    assert "需要先确认您的身份" in say("我欠多少钱")
    assert "6位验证码已通过短信发出" in say("13700137003")
    done = say(assistant.last_code("13700137003"))
    assert "身份验证成功" in done and "已将这个微信绑定到您的账户" in done and "您目前没有逾期的款项" in done
    assert "2026年12月5日：710.79 元" in say("下一期什么时候还")  # bound: no verification any more
    from loan_store.repository import LoanStore

    store = LoanStore(assistant.database_url)
    assert store.borrower_by_openid(openid).id == "B003"
    store.engine.dispose()


def test_a_slow_reply_goes_through_the_api_exactly_once(slow_wechat, wechat_platform):
    openid = "oWX0006zhaolei"
    replies = wechat_platform.post(slow_wechat, wechat_platform.message_xml(openid, "我欠多少钱"), retries=2)
    assert [r.text for r in replies] == ["success", "success", "success"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not wechat_platform.sends_to(openid):
        time.sleep(0.2)
    time.sleep(1.0)
    (sent,) = wechat_platform.sends_to(openid)
    assert "您目前没有逾期的款项" in sent
    assert wechat_platform.tokens_issued >= 1


def test_one_msgid_sent_to_two_instances_is_processed_once(webhook, slow_wechat, wechat_platform, assistant):
    from loan_store.repository import LoanStore

    openid = "oWX0004liuyang"
    xml = wechat_platform.message_xml(openid, "转人工")
    first = wechat_platform.post(webhook, xml)[0]
    second = wechat_platform.post(slow_wechat, xml)[0]  # the other replica sees the same MsgId in Redis
    assert "已为您登记人工服务请求" in wechat_platform.reply_text(first)
    assert second.text == "success"
    time.sleep(2)
    assert wechat_platform.sends_to(openid) == []  # the second instance never ran the assistant
    store = LoanStore(assistant.database_url)
    assert len(store.handoffs(openid)) == 1
    store.engine.dispose()


def test_a_signed_url_is_good_for_one_body_and_only_while_fresh(webhook, wechat_platform, assistant):
    """#15 item 3: a logged URL cannot be replayed, and an old signature is refused."""
    from loan_store.repository import LoanStore

    xml = wechat_platform.message_xml("oWX0005chenjing", "你好").encode()
    timestamp, nonce = str(int(time.time())), uuid.uuid4().hex  # Redis remembers nonces across test runs
    params = {"signature": fake_wechat.FakeWeChat.signature(timestamp, nonce), "timestamp": timestamp, "nonce": nonce}
    assert requests.post(webhook, params=params, data=xml, timeout=30).status_code == 200
    # The same request again is WeChat's retry (answered, not processed twice); the same URL with a
    # body of someone else's making is a replay.
    assert requests.post(webhook, params=params, data=xml, timeout=30).status_code == 200
    forged = wechat_platform.message_xml("oWX0005chenjing", "转人工").encode()
    assert requests.post(webhook, params=params, data=forged, timeout=30).status_code == 403
    old = str(int(time.time()) - 301)
    stale = {"signature": fake_wechat.FakeWeChat.signature(old, nonce), "timestamp": old, "nonce": nonce}
    assert requests.post(webhook, params=stale, data=xml, timeout=30).status_code == 403
    future = str(int(time.time()) + 400)
    ahead = {"signature": fake_wechat.FakeWeChat.signature(future, nonce), "timestamp": future, "nonce": nonce}
    assert requests.post(webhook, params=ahead, data=xml, timeout=30).status_code == 403
    store = LoanStore(assistant.database_url)
    assert store.handoffs("oWX0005chenjing") == []
    store.engine.dispose()


def test_production_refuses_wechat_without_safe_mode(monkeypatch):
    from channels.wechat import WeChatInput

    monkeypatch.setenv("ASSISTANT_ENV", "production")
    monkeypatch.setenv("WECHAT_TOKEN", fake_wechat.TOKEN)
    monkeypatch.setenv("WECHAT_AES_KEY", fake_wechat.AES_KEY)
    monkeypatch.setenv("WECHAT_COMPATIBLE", "1")
    with pytest.raises(RuntimeError, match="safe mode"):
        WeChatInput()
    monkeypatch.delenv("WECHAT_COMPATIBLE")
    assert WeChatInput().crypto is not None
    monkeypatch.delenv("WECHAT_AES_KEY")
    with pytest.raises(RuntimeError, match="safe mode"):
        WeChatInput()


def test_a_bound_borrower_gets_a_document_link_that_opens_in_wechats_browser(webhook, wechat_platform, assistant):
    """#17 on WeChat: the link comes in the text; WeChat's browser shows no login, so the link
    alone opens the PDF, once."""
    import re

    from tests.pdf_reading import pdf_text

    (reply,) = wechat_platform.post(webhook, wechat_platform.message_xml("oWX0001zhangwei", "给我开个对账单"))
    text = wechat_platform.reply_text(reply)
    assert "已为您出具《对账单》，凭证编号 D" in text
    path = re.search(r"/webhooks/documents/download/[A-Za-z0-9_-]+", text).group(0)
    first = requests.get(assistant.rasa_url + path, timeout=10)
    assert first.status_code == 200 and "今天一次性结清需还5525.81元" in re.sub(r"\s+", "", pdf_text(first.content))
    assert requests.get(assistant.rasa_url + path, timeout=10).status_code == 410


# #18: one access token across replicas, the 48-hour window, handoff to a live agent, the menu -----


def handoff_text(reference: str) -> str:
    """The handoff's text as the clock stands (after 21:00 Beijing it says tomorrow from 9:00; the
    three wordings are asserted with fixed times in tests/unit)."""
    from rules.calendar import utc_now
    from rules.service_hours import when_a_person_takes_over

    return f"已为您登记人工服务请求，编号 {reference}。{when_a_person_takes_over(utc_now())}，并已看到这段对话的摘要，您不需要从头再说一遍。"


# B003's answer to 我欠多少钱 (through the action server: never quick enough for a passive reply on
# the slow replicas).
NOTHING_OVERDUE = "您目前没有逾期的款项。\n\n接下来的应还款项：\n· 2026年12月5日：710.79 元（借款 L3001 第6期）"


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return condition()


def bound_openid(assistant, borrower_id: str) -> str:
    """A new WeChat user of a demo borrower, bound as after SMS verification: a conversation of its own."""
    from loan_store.repository import LoanStore

    openid = f"oWXe2e{uuid.uuid4().hex[:16]}"
    store = LoanStore(assistant.database_url)
    assert store.bind_openid(borrower_id, openid)
    store.engine.dispose()
    return openid


def test_two_replicas_share_one_access_token(slow_wechat, slow_wechat_twin, wechat_platform, assistant):
    """WeChat invalidates the previous token at each fetch: replicas fetching their own would keep
    refusing each other's messages. Here the token runs out and six messages to two replicas, at
    once, all need a new one: one fetch, every answer delivered once."""
    import threading

    wechat_platform.expire_token()
    before = wechat_platform.tokens_issued
    openids = {bound_openid(assistant, "B003"): (slow_wechat, slow_wechat_twin)[n % 2] for n in range(6)}
    posts = [
        threading.Thread(target=wechat_platform.post, args=(replica, wechat_platform.message_xml(openid, "我欠多少钱")))
        for openid, replica in openids.items()
    ]
    for post in posts:
        post.start()
    for post in posts:
        post.join()
    assert wait_for(lambda: all(wechat_platform.sends_to(openid) for openid in openids))
    time.sleep(1.0)
    assert {openid: wechat_platform.sends_to(openid) for openid in openids} == {o: [NOTHING_OVERDUE] for o in openids}
    assert wechat_platform.tokens_issued - before == 1


def test_an_answer_outside_the_48_hours_is_recorded_and_owned_up_to_once(
    webhook, slow_wechat, wechat_platform, assistant
):
    from loan_store.repository import LoanStore

    openid = bound_openid(assistant, "B003")
    store = LoanStore(assistant.database_url)
    wechat_platform.outside_window.add(openid)  # the answer comes too late: WeChat says 45015
    try:
        (accepted,) = wechat_platform.post(slow_wechat, wechat_platform.message_xml(openid, "我欠多少钱"))
        assert accepted.text == "success"
        (failure,) = wait_for(lambda: store.undelivered(openid))
    finally:
        wechat_platform.outside_window.discard(openid)  # the borrower writes again: the window is open
    assert (failure.conversation_id, failure.channel, failure.errcode, failure.told_at) == (
        openid,
        "wechat",
        45015,
        None,
    )
    assert wechat_platform.sends_to(openid) == []
    (reply,) = wechat_platform.post(webhook, wechat_platform.message_xml(openid, "我欠多少钱"))
    assert wechat_platform.reply_text(reply) == (
        "抱歉，之前有一条回复因超过微信 48 小时的回复期限没能送达，需要的话请再问我一次。\n\n" + NOTHING_OVERDUE
    )
    (told,) = store.undelivered(openid)
    assert told.told_at is not None and told.failed_at <= told.told_at
    (again,) = wechat_platform.post(webhook, wechat_platform.message_xml(openid, "我欠多少钱"))
    assert wechat_platform.reply_text(again) == NOTHING_OVERDUE  # told once
    store.engine.dispose()


def test_a_handoff_goes_to_an_online_agent_after_the_ticket_and_its_summary(webhook, wechat_platform, assistant):
    from loan_store.repository import LoanStore

    openid = bound_openid(assistant, "B002")
    (owed,) = wechat_platform.post(webhook, wechat_platform.message_xml(openid, "我欠多少钱"))
    assert "573.03" in wechat_platform.reply_text(owed)
    wechat_platform.online_agents = ["kf2001@gh_lender_account"]
    try:
        (reply,) = wechat_platform.post(webhook, wechat_platform.message_xml(openid, "转人工"), encrypt=True)
    finally:
        wechat_platform.online_agents = []
    transfer = wechat_platform.reply_xml(reply, encrypted=True)
    assert (transfer["MsgType"], transfer["ToUserName"], transfer["FromUserName"]) == (
        "transfer_customer_service",
        openid,
        fake_wechat.ACCOUNT,
    )
    store = LoanStore(assistant.database_url)
    (ticket,) = store.handoffs(openid)
    store.engine.dispose()
    assert (ticket.borrower_id, ticket.status, ticket.summary) == (
        "B002",
        "open",
        "已验证借款人 B002；渠道 wechat；此前询问：check_overdue",
    )
    assert wechat_platform.sends_to(openid) == [
        handoff_text(ticket.reference),
        f"正在为您转接在线人工客服（工单 {ticket.reference}）。您之前咨询了：欠款明细。",
    ]


def test_a_handoff_with_no_agent_online_stays_a_ticket_and_its_text(webhook, wechat_platform, assistant):
    from loan_store.repository import LoanStore

    openid = bound_openid(assistant, "B002")
    assert wechat_platform.online_agents == []
    (reply,) = wechat_platform.post(webhook, wechat_platform.message_xml(openid, "转人工"))
    store = LoanStore(assistant.database_url)
    (ticket,) = store.handoffs(openid)
    store.engine.dispose()
    assert wechat_platform.reply_text(reply) == (handoff_text(ticket.reference))
    assert (ticket.borrower_id, ticket.summary) == ("B002", "已验证借款人 B002；渠道 wechat；此前询问：无")
    assert wechat_platform.sends_to(openid) == []


def test_the_menu_command_creates_exactly_the_files_menu_with_the_shared_token(servers, wechat_platform):
    """`python -m channels.wechat_menu` (`make wechat-menu`) at deploy time: the file's menu, as it is;
    the second run reuses the token the replicas share instead of invalidating it."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    _, env, _ = servers
    menus_before = len(wechat_platform.menus)
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "channels.wechat_menu"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, "menu created from wechat_menu.json\n", "")
        runs.append(wechat_platform.tokens_issued)
    menu = json.loads((ROOT / "channels" / "wechat_menu.json").read_text(encoding="utf-8"))["menu"]
    assert wechat_platform.menus[menus_before:] == [menu, menu]
    assert runs[1] == runs[0]


# What each button's answer starts with, for B001: the same as typing 我欠多少钱, 协商分期, 投诉催收 ….
CLICKS = {
    "CHECK_OVERDUE": "您当前逾期应还共 3363.24 元，共 3 期，最长已逾期 71 天。明细如下：\n\n借款 L1001（消费贷），逾期 3363.24 元：",
    "RELIEF": "可以把您逾期应还的 3363.24 元（含截至今天的罚息）协商分期还，月利率1%：\n"
    "· 分3期：每月 1143.58 元，共还 3430.74 元，首期 2026年12月20日\n",
    "COMPLAINT": "非常抱歉给您带来这样的困扰，我们的催收人员不得威胁、辱骂您，也不得向任何第三方透露您的债务。"
    "我帮您登记投诉，只需要几个简单的问题，不清楚的可以跳过。\n\n请问发生的是哪一类情况？\n"
    "（可回复：辱骂 / 威胁恐吓 / 联系或告知第三方 / 联系过于频繁 / 非规定时间联系 / 冒充公检法或律师 / 其他）",
    "CONTACT": "我们的联系规则：到期前3天发一条提醒短信；",
    "HUMAN": "已为您登记人工服务请求，编号 ",
}


@pytest.mark.parametrize("key", sorted(CLICKS))
def test_each_menu_button_gets_the_answer_to_what_it_says(key, webhook, wechat_platform, assistant):
    from loan_store.repository import LoanStore

    openid = bound_openid(assistant, "B001")
    (reply,) = wechat_platform.post(
        webhook, wechat_platform.message_xml(openid, msg_type="event", Event="CLICK", EventKey=key)
    )
    text = wechat_platform.reply_text(reply)
    assert text.startswith(CLICKS[key])
    store = LoanStore(assistant.database_url)
    tickets = store.handoffs(openid)
    store.engine.dispose()
    if key == "CONTACT":
        assert "您的联系记录：\n· 短信：共 2 次，最近一次 2026年10月11日 09:02\n" in text
    if key == "HUMAN":
        assert [(t.borrower_id, t.summary) for t in tickets] == [
            ("B001", "已验证借款人 B001；渠道 wechat；此前询问：无")
        ]
        assert text == handoff_text(tickets[0].reference)
    else:
        assert tickets == []


def test_a_click_on_a_button_no_longer_in_the_menu_is_asked_to_type(webhook, wechat_platform):
    (reply,) = wechat_platform.post(
        webhook, wechat_platform.message_xml("oWX0002lina", msg_type="event", Event="CLICK", EventKey="OLD_BUTTON")
    )
    assert wechat_platform.reply_text(reply) == "抱歉，我目前只能看懂文字消息，请直接打字告诉我您想办理什么。"
