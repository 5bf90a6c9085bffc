"""Payments the ledger received (rules/payments.py) and the "I already paid" answer, on the real
store seeded from the fixture; "全部" as a promised amount; verification that never traps."""

from datetime import date
from decimal import Decimal

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.overdue import ActionCheckOverdue
from actions.relief import ValidatePromiseForm
from actions.store_access import loan_store
from actions.verification import ValidateVerificationForm
from rules.payments import Payment, payments_received
from tests.unit.actions.test_questions_and_identity import demo_store, run, texts, token_for, tracker  # noqa: F401


def test_payments_most_recent_first():
    received = payments_received(loan_store().ledger("B002"), limit=3)
    assert received == [
        Payment(date(2026, 11, 16), Decimal("300.00"), "L2001", 5),
        Payment(date(2026, 10, 15), Decimal("871.66"), "L2001", 4),
        Payment(date(2026, 9, 15), Decimal("871.66"), "L2001", 3),
    ]


def test_every_payment_is_counted_once():
    ledger = loan_store().ledger("B005")
    paid = sum((r.paid_principal + r.paid_interest for loan in ledger.loans for r in loan.instalments), Decimal("0"))
    plan_paid = sum((r.amount for plan in ledger.plans for r in plan.instalments if r.paid_on), Decimal("0"))
    assert sum((p.amount for p in payments_received(ledger)), Decimal("0")) == paid + plan_paid


@pytest.mark.asyncio
async def test_already_paid_shows_what_was_received_and_what_is_still_due():
    messages, _ = await run(ActionCheckOverdue(), tracker("我昨天已经还了怎么还是逾期", metadata=token_for("B002")))
    assert messages[0]["text"] == (
        "我们最近收到的还款：\n"
        "· 2026年11月16日：300.00 元（借款 L2001 第5期）\n"
        "· 2026年10月15日：871.66 元（借款 L2001 第4期）\n"
        "· 2026年9月15日：871.66 元（借款 L2001 第3期）\n"
        "· 2026年8月15日：871.66 元（借款 L2001 第2期）\n"
        "· 2026年7月15日：871.66 元（借款 L2001 第1期）"
    )
    assert (messages[1]["response"], messages[1]["overdue_total"]) == ("utter_overdue_total", "573.03")
    assert messages[2]["text"].startswith("借款 L2001（消费贷），逾期 573.03 元：")
    assert "最迟下一个工作日显示" in messages[3]["text"]
    # The payment told of (yesterday, 11-19) is not in the ledger: said so, not that it was deducted.
    assert messages[3]["text"].startswith(
        "上面的金额已经扣除了我们收到的还款，剩下的还没还清，所以还显示逾期。您说的2026年11月19日那笔还款，我们的账上还没有看到。"
    )
    assert [b["title"] for b in messages[3]["buttons"]] == ["转人工核实", "怎么还款"]
    recorded, _ = await run(ActionCheckOverdue(), tracker("我上周已经还了怎么还是逾期", metadata=token_for("B002")))
    assert "账上还没有看到" not in recorded[3]["text"]  # no day said: nothing claimed missing


@pytest.mark.asyncio
async def test_an_amount_said_to_be_paid_is_compared_with_what_was_received():
    """我上周在app上还了600 怎么还显示逾期, with 300.00 received: the list was shown and the
    difference left to the borrower to find."""
    messages, _ = await run(
        ActionCheckOverdue(), tracker("我上周在app上还了600 怎么还显示逾期", metadata=token_for("B002"))
    )
    assert messages[1]["text"] == (
        "您说还了 600.00 元，我们的账上没有这个金额的还款：最近一次是2026年11月16日收到的 300.00 元。"
        "如果您付出去的确实是 600.00 元，请保留付款截图或银行流水，转人工核实这笔钱的去向。"
    )
    assert messages[2]["response"] == "utter_overdue_total"
    same, _ = await run(ActionCheckOverdue(), tracker("我16号还了300 怎么还显示逾期", metadata=token_for("B002")))
    assert same[1]["response"] == "utter_overdue_total"  # the amount received: nothing to compare


@pytest.mark.asyncio
async def test_the_days_overdue_disputed_are_said_where_they_are_counted_from():
    """214天不可能 我哪有逾期这么久 fell back, twice."""
    messages, _ = await run(ActionCheckOverdue(), tracker("214天不可能 我哪有逾期这么久", metadata=token_for("B004")))
    ledger = loan_store().ledger("B004")
    first = min((r for loan in ledger.loans for r in loan.instalments if r.paid_on is None), key=lambda r: r.due_date)
    assert (first.seq, first.due_date, (date(2026, 11, 20) - first.due_date).days) == (15, date(2026, 4, 20), 214)
    assert messages[0]["text"] == (
        "逾期天数从最早一期没还清的应还日算起：借款 L4001 第15期，应还日是2026年4月20日，到今天（2026年11月20日）是 214 天。"
        "我们账上最近一次收到您的还款是2026年3月20日的 1033.62 元（借款 L4001 第14期）。"
        "如果您记得这一期已经还过，请保留付款截图或银行流水，转人工核实。"
    )
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工核实"]
    assert messages[1]["response"] == "utter_overdue_total" and messages[1]["days_overdue"] == 214


@pytest.mark.asyncio
async def test_a_plain_question_gets_no_payment_list():
    messages, _ = await run(ActionCheckOverdue(), tracker("我还欠多少", metadata=token_for("B002")))
    assert texts(messages)[0] == "utter_overdue_total"


@pytest.mark.asyncio
@pytest.mark.parametrize("words", ["全部", "都还上", "一次性全部还清"])
async def test_everything_is_todays_overdue_total(words):
    result = await ValidatePromiseForm().validate_promise_amount(
        words, CollectingDispatcher(), tracker(words, intent="promise_to_pay", metadata=token_for("B001")), {}
    )
    assert result == {"promise_amount": "3363.24", "form_bad_answers": 0.0}


@pytest.mark.asyncio
@pytest.mark.parametrize("typed, count", [("我手机1350013500", 10), ("138001380012", 12), ("138 0013 800", 10)])
async def test_a_number_with_a_digit_missing_or_extra_is_told_how_many_it_had(typed, count):
    """我手机1350013500 got "not a valid phone number" and nothing about what was wrong with it."""
    d = CollectingDispatcher()
    result = await ValidateVerificationForm().validate_phone(typed, d, tracker(typed), {})
    assert result == {"phone": None, "form_bad_answers": 1.0}
    assert texts(d.messages) == [
        f"您输入的号码是{count}位数字，手机号应该是11位，请核对后再输入一次（中间带空格也可以，例如 138 0013 8001）。"
        "如不想继续验证，请说“算了”。"
    ]


@pytest.mark.asyncio
async def test_verification_explains_then_offers_ways_out_then_stops():
    form, outcomes = ValidateVerificationForm(), []
    for count in (None, 1.0, 2.0):
        d = CollectingDispatcher()
        result = await form.validate_phone("不告诉你", d, tracker("不告诉你", slots={"form_bad_answers": count}), {})
        outcomes.append((result, texts(d.messages), [b["title"] for m in d.messages for b in m.get("buttons", [])]))
    # (a refusal, the first time: why the number is asked, and the ways out — h31b)
    assert outcomes[0][0] == {"phone": None, "form_bad_answers": 1.0} and outcomes[0][2] == ["算了", "转人工"]
    assert outcomes[0][1][0].startswith("要您的手机号，是为了给登记的这个号码发一条验证码")
    assert outcomes[1][0] == {"phone": None, "form_bad_answers": 2.0}
    assert "罚息规则、还款方式、联系规则这些问题不用验证也可以直接问我" in outcomes[1][1][0]
    assert outcomes[1][2] == ["算了", "转人工"]
    assert outcomes[2][0] == {
        "phone": "-",
        "otp_code": "-",
        "otp_challenge": None,
        "verification_outcome": "stopped",
        "form_bad_answers": 0.0,
    }
    assert outcomes[2][2] == ["转人工"]


@pytest.mark.asyncio
async def test_how_many_instalments_are_left_is_counted():
    from actions.overdue import ActionAskDueDate

    messages, _ = await run(ActionAskDueDate(), tracker("还剩几期没还", "ask_due_date", token_for("B001")))
    assert messages[-1]["text"] == (
        "还剩的期数：\n· 借款 L1001：共12期，已还清7期，还剩5期未还（其中3期已逾期），最后一期应还日 2027年1月10日"
    )
    plan, _ = await run(ActionAskDueDate(), tracker("我还有几期要还", "ask_due_date", token_for("B006")))
    assert plan[-1]["text"].endswith("· 协商分期 P6001：共6期，还剩3期，最后一期应还日 2027年2月1日")
    plain, _ = await run(ActionAskDueDate(), tracker("几号还款", "ask_due_date", token_for("B001")))
    assert not plain[-1]["text"].startswith("还剩的期数")


@pytest.mark.asyncio
async def test_paid_by_alipay_is_told_it_is_not_a_way_of_ours(demo_store):  # noqa: F811
    """我昨天已经通过支付宝还了573: only "not seen yet, a person can check" — no word that Alipay is
    not a way of ours and the money may have gone to a scammer."""
    from actions.overdue import UNOFFICIAL_WAY, ActionCheckOverdue

    messages, _ = await run(
        ActionCheckOverdue(), tracker("我昨天已经通过支付宝还了573", "check_overdue", token_for("B002"))
    )
    said = texts(messages)
    assert UNOFFICIAL_WAY in said
    assert said.index(UNOFFICIAL_WAY) == len(said) - 2  # before what to do next
    plain, _ = await run(ActionCheckOverdue(), tracker("我昨天已经在app上还了573", "check_overdue", token_for("B002")))
    assert UNOFFICIAL_WAY not in texts(plain)


@pytest.mark.asyncio
async def test_how_a_part_payment_is_applied_is_said_first(demo_store):  # noqa: F811
    from actions import wording

    messages, _ = await run(
        ActionCheckOverdue(), tracker("如果我今天先还1000 是先抵哪一期", "check_overdue", token_for("B001"))
    )
    assert texts(messages)[0] == wording.PAYMENT_ALLOCATION
    assert messages[1]["response"] == "utter_overdue_total"


@pytest.mark.asyncio
async def test_an_instalment_not_yet_due_asked_about_beside_the_overdue():
    """还有28号那期要不要一起算进去, in the promise form, was taken as the promise's day and amount."""
    from actions.overdue import ActionAskDueDate

    messages, _ = await run(
        ActionAskDueDate(), tracker("还有28号那期要不要一起算进去", "ask_due_date", token_for("B005"))
    )
    assert texts(messages)[0] == (
        "· 2026年11月28日：526.55 元（借款 L5001 第6期）\n"
        "这一期还没到期，不算在逾期的 1629.42 元里：还款承诺只登记逾期的部分，这一期在它的还款日当天"
        "或之前还上都不算逾期。想和逾期的一起还，合计 2155.97 元。"
    )
    assert not any(t.startswith("您有 3 期已经过了还款日") for t in texts(messages))  # said once, above
    assert texts(messages)[-1].startswith("接下来的还款日：")


@pytest.mark.asyncio
async def test_what_is_left_after_a_promise_of_part_is_said_with_the_promise_as_the_part():
    """好 确认。剩下的钱怎么办, at B004's promise of 2500: asked again, then registered, the question lost."""
    t = tracker("剩下的钱怎么办", metadata=token_for("B004"), slots={"promise_amount": "2500.00"})
    t.active_loop = {"name": "promise_form"}
    messages, _ = await run(ActionCheckOverdue(), t)
    assert texts(messages)[0].startswith(
        "先还 2500.00 元有用：这笔会从逾期的 7620.01 元里扣掉，还剩 5120.01 元（加上之后的罚息）。"
    )


@pytest.mark.asyncio
async def test_a_hard_time_told_with_the_question_is_heard_and_not_taken_for_a_payment():
    """我上个月住院了所以没还上，现在到底欠你们多少钱？为啥这么多: "我们最近收到的还款" (没还上 read as paid)
    and nothing of the hospital."""
    from actions.wording import HARD_TIME_HEARD

    text = "我上个月住院了所以没还上，现在到底欠你们多少钱？为啥这么多"
    messages, _ = await run(ActionCheckOverdue(), tracker(text, metadata=token_for("B001")))
    assert texts(messages)[0] == HARD_TIME_HEARD
    assert messages[1]["response"] == "utter_overdue_total"
    assert not [t for t in texts(messages) if t and t.startswith("我们最近收到的还款")]


@pytest.mark.asyncio
async def test_how_many_loans_asked_with_next_months_dues_names_both_loans():
    """我在你们这是不是借了两笔？下个月分别要还多少 (B005): only L5002's December due, nothing of two loans."""
    messages, _ = await run(
        ActionCheckOverdue(), tracker("我在你们这是不是借了两笔？下个月分别要还多少", metadata=token_for("B005"))
    )
    first = texts(messages)[0]
    assert first.startswith("您借的：\n· 借款 L5001") and "\n· 借款 L5002" in first
