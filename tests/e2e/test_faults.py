"""Faults: the borrower is never met with silence."""

from tests.e2e.test_rest_conversations import token


def test_action_server_down_gets_an_apology_in_the_same_turn(without_actions, sender):
    reply = without_actions.text(sender, "我欠多少钱", token("B001"))
    # Rasa's core fallback answers a failed action; our channels answer any turn left silent.
    assert reply == "抱歉，这条消息我暂时没能处理好。请稍后再试或换个说法；也可以说“转人工”联系客服。"
    # What needs no action still works (how to repay is an action now: it answers a failed debit
    # and someone who cannot work the app).
    assert "不是真人" in without_actions.text(sender, "你是机器人吗")


def test_the_apology_follows_the_borrowers_script(without_actions, sender):
    reply = without_actions.text(sender, "我欠多少錢", token("B001"))
    assert reply.startswith("抱歉，這條消息我暫時沒能處理好")
