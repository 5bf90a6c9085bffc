"""A borrower writing traditional characters gets traditional replies with the same figures."""

from tests.e2e.test_rest_conversations import token


def test_b001_in_traditional_characters(assistant, sender):
    me = token("B001")
    owed = assistant.text(sender, "請問我現在欠你們多少錢", me)
    assert "您當前逾期應還共 3363.24 元，共 3 期，最長已逾期 71 天。" in owed
    assert (
        "· 第8期（應還日2026年9月10日，已逾期71天）：本金 1021.23 元 + 利息 78.93 元 + 罰息 36.25 元 = 1136.41 元"
        in owed
    )
    penalty = assistant.text(sender, "罰息是怎麼算的", me)
    assert "您目前的罰息共 62.76 元" in penalty
    # A neutral message (digits, a payload) keeps the conversation's script.
    offer = assistant.say(sender, "我想協商分期", me)
    assert any("協商分期" in m.get("text", "") for m in offer)
    titles = [b["title"] for m in offer for b in m.get("buttons", [])]
    assert titles == ["分3期", "分6期", "分12期"]
    assert "已取消" in assistant.text(sender, "/deny", me)


def test_anonymous_traditional_verification(assistant, sender):
    first = assistant.text(sender, "我欠多少錢")
    assert "為了保護您的隱私" in first
    sent = assistant.text(sender, "13800138001")
    assert "138****8001" in sent and "驗證碼" in sent
    verified = assistant.text(sender, assistant.last_code("13800138001"))
    assert "身份驗證成功" in verified and "3363.24" in verified
