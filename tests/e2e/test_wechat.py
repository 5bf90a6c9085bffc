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
