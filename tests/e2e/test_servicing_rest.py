"""Everyday servicing end to end over REST (#17): the early settlement quote, payments received,
follow-ups and the official routes, with both servers and the demo store."""

from tests.e2e.test_rest_conversations import token


def test_early_settlement_quote_to_the_cent(assistant, sender):
    answer = assistant.text(sender, "你好，我想把消费贷提前还清，今天要还多少？", token("B003"))
    assert "按今天（2026年11月20日）计算的提前结清金额，没有提前还款手续费" in answer
    assert "今天一次性结清需还 4806.25 元" in answer
    assert "  + 第6期利息按天计 23.91 元（47.82 元 × 15 天 ÷ 30 天）" in answer


def test_an_unverified_settlement_question_gets_the_rule_then_verification(assistant, sender):
    answer = assistant.text(sender, "提前结清要多少钱")
    assert "可以随时提前结清，没有提前还款手续费" in answer
    assert "11位手机号码" in answer and "4806.25" not in answer and "元 × " not in answer
    # the rule alone asked (no sum, nobody's own loan): their figure offered, no login begun (h27b)
    rule = assistant.text(f"{sender}-2", "提前结清有没有手续费")
    assert "可以随时提前结清，没有提前还款手续费" in rule and "11位手机号码" not in rule
    assert "验证身份后我可以马上算给您" in rule


def test_payment_history_and_what_remains(assistant, sender):
    answer = assistant.text(sender, "帮我查一下我的还款记录", token("B003"))
    assert answer.startswith("我们收到的您的还款（共 ")
    assert "还剩：目前没有逾期；未到期的本金还有 4782.34 元，按各期还款日还。" in answer


def test_follow_up_names_what_is_open(assistant, sender):
    """B006's plan of the fixture (other modules of this run may add more; nothing open: unit tests)."""
    answer = assistant.text(sender, "我之前办的分期现在怎么样了", token("B006"))
    assert answer.startswith("您在我们这里办理或提交过的事项：")
    assert "· 分期方案 P6001：分6期，每月 " in answer and "，下一期 2026年12月1日 应还 310.59 元" in answer


def test_what_the_assistant_does_not_do_gets_its_route_not_a_fallback(assistant, sender):
    answer = assistant.text(sender, "还款卡想换成建行的卡 怎么换")
    assert answer == "更换还款（扣款）银行卡，请在App“我的—银行卡”里绑定新卡并设为还款卡，这里不能代为更换。"


def test_a_typed_button_title_answers_the_question_that_offered_it(assistant, sender):
    """The reminder offer's button typed, not pressed (as on WeChat, where buttons are text)."""
    from loan_store.repository import LoanStore

    offer = assistant.text(sender, "怎样才能避免下次再逾期", token("B003"))
    assert "要为您开启每期还款日前的提醒吗？" in offer
    store = LoanStore(assistant.database_url)
    assert store.preferences("B003").reminders is False
    assert assistant.text(sender, "开启提醒", token("B003")) == "已为您开启还款日前的提醒。"
    assert store.preferences("B003").reminders is True
    store.engine.dispose()
