"""REST identity is bound to a credential, not to a conversation name (issue #15, items 1 and 9):
a host token proves who asks only in its own message; a message must name its conversation and may
not name another channel's; a long message is read to 2,000 characters and a huge body is refused;
with REST_API_KEY the calling backend must show it."""

import requests

from channels.rest import TOO_LONG
from tests.e2e.conftest import free_port, start_rasa, stop, wait_until_up
from tests.e2e.test_rest_conversations import token

FIGURES = "3363.24"


def post(assistant, body, headers=None):
    return requests.post(f"{assistant.rasa_url}/webhooks/rest/webhook", json=body, headers=headers or {}, timeout=60)


def test_a_host_token_proves_nothing_for_the_next_message(assistant, sender):
    assert FIGURES in assistant.text(sender, "我欠多少钱", token("B001"))
    later = assistant.text(sender, "我欠多少钱")
    assert FIGURES not in later and "需要先确认您的身份" in later


def test_a_plan_quoted_with_a_token_cannot_be_confirmed_without_it(assistant, sender, servers):
    assert FIGURES in assistant.text(sender, "我想协商分期", token("B001"))
    # the next message without the login: the form stops there, storing nothing (h26b: it crashed)
    assert "现在无法确认是借款人本人在操作" in assistant.text(sender, "分6期")
    assert "确认办理吗" not in assistant.text(sender, "确认")
    from tests.e2e.test_relief_rest import stored

    assert stored(assistant, "plans", "B001") == []


def test_a_message_must_name_its_conversation(assistant):
    missing = post(assistant, {"message": "我欠多少钱"})
    assert missing.status_code == 400 and "sender" in missing.json()[0]["text"]
    assert post(assistant, {"sender": "", "message": "你好"}).status_code == 400
    assert post(assistant, {"sender": "x" * 200, "message": "你好"}).status_code == 400
    assert post(assistant, {"sender": "e2e-ok", "message": 12}).status_code == 400


def test_other_channels_conversations_are_refused(assistant):
    for foreign in ("web-0123456789abcdef0123456789abcdef", "anon-5f1d", "oWX-8h2kL0pQ9zYtR3uVw1xNmB4c"):
        reply = post(assistant, {"sender": foreign, "message": "我欠多少钱"})
        assert reply.status_code == 403, foreign
        assert reply.json() == [{"recipient_id": foreign, "text": "这个会话编号属于其他渠道，不能通过这个接口使用。"}]


def test_long_messages_are_read_to_2000_characters_and_huge_bodies_refused(assistant, sender):
    long = post(assistant, {"sender": sender, "message": "罚息怎么算？" * 500})
    assert long.status_code == 200 and "罚息的计算规则" in long.json()[0]["text"]
    huge = post(assistant, {"sender": sender, "message": "你好", "metadata": {"x": "a" * 100_000}})
    assert huge.status_code == 413
    # the words of the refusal, not Sanic's bare page (h34b: ~12,000 characters got no reply at all)
    assert huge.json() == [{"text": TOO_LONG}]
    story = post(assistant, {"sender": sender, "message": "我真的很难。" * 3000})
    assert story.status_code == 413 and story.json() == [{"text": TOO_LONG}]


def test_with_an_api_key_the_caller_must_show_it(servers, tmp_path):
    _, env, _ = servers
    port = free_port()
    key = "rest-key-for-this-test-0123456789abcdef"
    log = tmp_path / "rasa.log"
    rasa = start_rasa(dict(env, REST_API_KEY=key, RASA_PORT=str(port)), port, log)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", rasa, log)
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        body = {"sender": "e2e-key", "message": "你好"}
        assert requests.post(url, json=body, timeout=60).status_code == 401
        assert requests.post(url, json=body, headers={"Authorization": "Bearer wrong"}, timeout=60).status_code == 401
        ok = requests.post(url, json=body, headers={"Authorization": f"Bearer {key}"}, timeout=60)
        assert ok.status_code == 200 and ok.json()[0]["text"].startswith("您好，我是还款助手")
    finally:
        stop(rasa)
