"""Everyday servicing actions (actions/servicing.py) over small trackers and the real store seeded
from the fixture: settlement, payments received, follow-ups, routes."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from actions.servicing import (
    ActionEarlySettlement,
    ActionFollowup,
    ActionHowToRepay,
    ActionOtherService,
    ActionPaymentHistory,
    route_of,
)
from tests.unit.actions.test_questions_and_identity import demo_store, run, token_for, tracker  # noqa: F401


def texts(messages):
    return [m.get("text") or m.get("response") for m in messages]


@pytest.mark.asyncio
async def test_settlement_is_itemised_for_each_loan_with_the_day_count():
    messages, _ = await run(
        ActionEarlySettlement(), tracker("提前结清要多少", "ask_early_settlement", token_for("B005"))
    )
    (answer,) = texts(messages)
    assert answer.startswith("按今天（2026年11月20日）计算的提前结清金额")
    assert "· 借款 L5001（" in answer and "今天一次性结清需还 1057.00 元" in answer
    assert (
        "逾期应还 532.46 元\n  + 未到期本金 518.77 元\n  + 第6期利息按天计 5.77 元（7.78 元 × 23 天 ÷ 31 天）" in answer
    )
    assert "今天一次性结清需还 3207.61 元" in answer and "全部结清合计 4264.61 元。" in answer


@pytest.mark.asyncio
async def test_settlement_of_b001_is_the_figure_of_the_terms():
    messages, _ = await run(ActionEarlySettlement(), tracker("一次性还清", "ask_early_settlement", token_for("B001")))
    assert "今天一次性结清需还 5525.81 元" in texts(messages)[0] and "合计" not in texts(messages)[0]


@pytest.mark.asyncio
async def test_a_loan_under_an_active_plan_is_refused_with_a_human_offered(demo_store):  # noqa: F811
    from datetime import date as day

    from rules.relief import plan_eligibility

    quote = plan_eligibility(demo_store.ledger("B001"), day(2026, 11, 20)).quotes[0]
    outcome = demo_store.accept_plan(
        "B001", quote.months, quote.restructured_amount, day(2026, 11, 20), "conv-s|plan", datetime(2026, 11, 20, 2)
    )
    assert outcome.plan is not None
    messages, _ = await run(ActionEarlySettlement(), tracker("提前还清", "ask_early_settlement", token_for("B001")))
    assert "这笔借款已经办理了协商分期，提前结清需要人工客服按分期方案核算，线上不直接报价。" in texts(messages)[0]
    assert "只在今天有效" not in texts(messages)[0]  # no amount was quoted
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工"]


@pytest.mark.asyncio
async def test_an_active_plan_is_named_in_the_settlement_answer_and_what_remains():
    messages, _ = await run(
        ActionEarlySettlement(), tracker("我想把所有欠款一次性结清", "ask_early_settlement", token_for("B006"))
    )
    (answer,) = texts(messages)
    assert "· 借款 L6001（消费贷）：今天一次性结清需还 2703.50 元" in answer
    assert (
        "· 协商分期 P6001：还有 3 期未还，共 931.77 元。分期方案的提前结清需要人工客服按方案核算，线上不直接报价。"
        in answer
    )
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工"]
    messages, _ = await run(ActionPaymentHistory(), tracker("还款记录", "ask_payment_history", token_for("B006")))
    assert "；协商分期 P6001 还有 3 期未还，共 931.77 元。" in texts(messages)[1]


@pytest.mark.asyncio
async def test_payment_history_lists_every_payment_and_what_remains():
    messages, _ = await run(ActionPaymentHistory(), tracker("还款记录", "ask_payment_history", token_for("B002")))
    history, remaining = texts(messages)
    assert history.startswith("我们收到的您的还款（共 ")
    assert "· 2026年11月16日：300.00 元（借款 L2001 第" in history
    assert remaining.startswith("还剩：目前逾期应还 573.03 元；未到期的本金还有 860.46 元")


@pytest.mark.asyncio
async def test_payments_of_a_period_asked_are_that_periods(demo_store):  # noqa: F811
    """上个月我还了多少 listed every payment ever made; a period asked gets what came in it."""
    from rules.payments import payments_received

    paid = [(p.paid_on, p.amount) for p in payments_received(demo_store.ledger("B002"))]
    october = [p for p in paid if p[0].year == 2026 and p[0].month == 10]
    messages, _ = await run(
        ActionPaymentHistory(), tracker("上个月我还了多少", "ask_payment_history", token_for("B002"))
    )
    head, *lines = texts(messages)[0].split("\n")
    assert (
        head == f"上个月（2026年10月1日到2026年10月31日）我们收到您的还款共 {len(october)} 笔，{october[0][1]:.2f} 元："
    )
    assert lines == [f"· 2026年10月15日：{october[0][1]:.2f} 元（借款 L2001 第4期）"]
    messages, _ = await run(ActionPaymentHistory(), tracker("上周我还了多少", "ask_payment_history", token_for("B002")))
    assert texts(messages)[0] == (
        "上周（2026年11月9日到2026年11月15日）我们的账上没有收到您的还款。在那之前最近的一笔是2026年10月15日的 "
        f"{october[0][1]:.2f} 元。那之后，2026年11月16日收到过 300.00 元。"
    )


@pytest.mark.asyncio
async def test_unverified_questions_ask_for_verification_first():
    for action in (ActionEarlySettlement(), ActionPaymentHistory(), ActionFollowup()):
        messages, events = await run(action, tracker("查一下", "ask_followup"))
        assert {"event": "slot", "name": "needs_verification", "value": True, "timestamp": None} in events
        assert not any("元" in (t or "") for t in texts(messages))


@pytest.mark.asyncio
async def test_nothing_to_follow_up():
    messages, _ = await run(ActionFollowup(), tracker("我的投诉怎么样了", "ask_followup", token_for("B003")))
    assert texts(messages) == ["utter_nothing_to_follow_up"]


@pytest.mark.asyncio
async def test_follow_up_names_complaints_handoffs_plans_and_a_missed_promise(demo_store):  # noqa: F811
    ticket, _ = demo_store.file_complaint(
        "B001", "conv-f", "threats", "说要上门", None, None, None, datetime(2026, 11, 19, 2, 0)
    )
    demo_store.record_promise(
        "B001", Decimal("500"), date(2026, 11, 18), date(2026, 11, 10), "conv-f|promise", datetime(2026, 11, 10, 1)
    )
    messages, _ = await run(ActionFollowup(), tracker("我之前答应的还款还算数吗", "ask_followup", token_for("B006")))
    # 还剩几期没还 每期多少 got the next instalment only: what is left, too
    assert (
        "· 分期方案 P6001：分6期，每月 310.59 元，还剩3期未还，共 931.77 元，下一期 2026年12月1日 应还 310.59 元"
        in texts(messages)[0]
    )
    messages, _ = await run(ActionFollowup(), tracker("我之前答应的还款还算数吗", "ask_followup", token_for("B001")))
    (answer,) = texts(messages)
    assert (
        f"· 投诉工单 {ticket.ticket}（威胁恐吓，提交于 2026年11月19日 10:00）：处理中，最晚 2026年11月19日 12:00 前答复"
        in answer
    )
    assert "2026年11月18日（星期三） 还 500.00 元，这个日期已经过了，我们还没有收到这笔还款" in answer


@pytest.mark.parametrize(
    "text, response",
    [
        ("还款卡想换成农行的", "utter_route_change_card"),
        ("扣款的银行卡能改吗", "utter_route_change_card"),
        ("昨天刚借的不想借了 能撤销吗", "utter_route_cancel_loan"),
        # an arrangement taken back, not a loan (it was told how to cancel a loan just taken)
        ("刚办的那个分期我后悔了 能取消吗", "utter_route_cancel_arrangement"),
        ("能撤销延期吗", "utter_route_cancel_arrangement"),
        ("额度能提高吗", "utter_route_limit"),
        ("还清了还能再借吗", "utter_route_new_loan"),
        ("这个你们能办吗", "utter_route_other_services"),
    ],
)
def test_routes(text, response):
    assert route_of(text) == response


@pytest.mark.asyncio
async def test_a_route_needs_no_verification():
    messages, events = await run(ActionOtherService(), tracker("我想换张扣款卡", "ask_other_service"))
    assert texts(messages) == ["utter_route_change_card"] and events == []


@pytest.mark.asyncio
async def test_a_plan_and_a_loan_instalment_both_due_is_explained_not_listed(demo_store):  # noqa: F811
    """我不是办了分期吗 怎么25号还要还916.8 是不是重复扣了 got only the plan's line."""
    messages, _ = await run(
        ActionFollowup(),
        tracker("我不是办了分期吗 怎么25号还要还916.8 是不是重复扣了", "ask_followup", token_for("B006")),
    )
    assert texts(messages) == [
        "不是重复扣款。协商分期 P6001 只包括办理那天已经逾期的部分；借款里当时还没到期的各期不在分期里，"
        "仍按原来的还款日还。所以接下来分期和借款各有自己的应还款项：\n"
        "· 2026年11月25日：916.80 元（借款 L6001 第10期）\n"
        "· 2026年12月1日：310.59 元（分期计划 P6001 第4期）"
    ]


@pytest.mark.asyncio
async def test_everything_still_to_repay_when_asked_in_all(demo_store):  # noqa: F811
    """一共还欠多少 from a borrower with nothing overdue got only "nothing overdue" and two dates."""
    from actions.overdue import ActionCheckOverdue

    messages, _ = await run(ActionCheckOverdue(), tracker("一共还欠多少", "check_overdue", token_for("B006")))
    said = texts(messages)
    assert said[-1] == (
        "按原来的还款计划还没到期的共 3682.18 元：\n"
        "· 借款 L6001：还没到期的 3 期，共 2750.41 元\n"
        "· 协商分期 P6001：还剩 3 期，共 931.77 元\n"
        "按期还就不会产生罚息；想一次还清，可以说“提前结清”，看今天结清要多少（不收以后各期的利息）。"
    )
    plain, _ = await run(ActionCheckOverdue(), tracker("我欠多少", "check_overdue", token_for("B006")))
    assert not any(t.startswith("按原来的还款计划") for t in texts(plain))


@pytest.mark.asyncio
async def test_everything_still_to_repay_after_an_extension_holds_the_penalty_kept(demo_store):  # noqa: F811
    """h29b: after an extension the same two instalments were 1444.68 in one answer and 1443.31 in the
    next (the 1.37 of penalty before the extension left out)."""
    from actions.overdue import ActionCheckOverdue
    from rules.calendar import utc_now

    demo_store.grant_extension("B002", 30, date(2026, 11, 20), "k:e30", utc_now())
    messages, _ = await run(ActionCheckOverdue(), tracker("一共还欠多少", "check_overdue", token_for("B002")))
    assert "· 借款 L2001：还没到期的 2 期，共 1444.68 元（含延期前已经产生的罚息 1.37 元）" in texts(messages)[-1]


@pytest.mark.asyncio
async def test_a_settlement_figure_of_their_own_is_confirmed_or_not_first(demo_store):  # noqa: F811
    """我一次還931.77就結清了對吧 got the quote again, with no yes or no."""
    from actions.servicing import ActionEarlySettlement

    plan, _ = await run(
        ActionEarlySettlement(), tracker("我一次還931.77就結清了對吧", "ask_early_settlement", token_for("B006"))
    )
    assert texts(plan)[0] == (
        "不完全对：931.77 元是协商分期 P6001 剩下3期的合计，分期的提前结清要人工按方案核算，不一定就是这个数。"
        "另外，借款 L6001 今天结清要 2703.50 元。"
    )
    messages, _ = await run(
        ActionEarlySettlement(), tracker("今天还3363.24就全部结清了对吧", "ask_early_settlement", token_for("B001"))
    )
    assert texts(messages)[0].startswith("不是：今天全部结清要 ")
    plain, _ = await run(ActionEarlySettlement(), tracker("提前结清要多少", "ask_early_settlement", token_for("B001")))
    assert not texts(plain)[0].startswith(("不是", "对", "不完全对"))


@pytest.mark.parametrize(
    "text",
    [
        "等等 刚才那个撤销 我怕到时候还不上",
        "撤销承诺",
        "取消分期计划 P202611208D3065",
        "刚才那个分期撤销吧 我老婆说不行",
    ],
)
def test_undoing_what_was_just_stored_is_the_arrangement_route(text):
    """刚才那个撤销 was not understood, 撤销承诺 opened a new promise, and 取消刚才登记的那个 said
    "已取消，没有为您办理任何变更" while the promise stood."""
    from nlu.decisive import decided_intent  # noqa: F401

    assert route_of(text) == "utter_route_cancel_arrangement"


@pytest.mark.asyncio
async def test_a_failed_debit_and_fear_of_retaliation_are_answered(demo_store):  # noqa: F811
    from actions.servicing import DEBIT_FAILED, NO_RETALIATION, ActionHowToRepay

    failed, _ = await run(ActionHowToRepay(), tracker("扣款failed了三次 我卡里明明有钱", "ask_how_to_repay"))
    assert [m.get("text") or m.get("response") for m in failed] == ["utter_how_to_repay", DEBIT_FAILED]
    afraid, _ = await run(
        ActionFollowup(), tracker("都过了两小时了 没人理我 你们会不会报复我", "ask_followup", token_for("B004"))
    )
    assert afraid[0]["text"] == NO_RETALIATION


@pytest.mark.asyncio
async def test_a_promise_made_before_an_extension_says_the_extended_day_counts(demo_store):  # noqa: F811
    """那我之前承诺27号还574.96那个还算吗 现在到底什么时候还多少: both were listed side by side."""
    now = datetime(2026, 11, 20, 2, 0)
    promise = demo_store.record_promise("B002", Decimal("574.96"), date(2026, 11, 27), date(2026, 11, 20), "k:p", now)
    extension = demo_store.grant_extension("B002", 15, date(2026, 11, 20), "k:e", now)
    messages, _ = await run(ActionFollowup(), tracker("我之前那个承诺还算吗", "ask_followup", token_for("B002")))
    line = [row for row in messages[0]["text"].split("\n") if promise.promise.id in row][0]
    assert line == (
        f"· 还款承诺 {promise.promise.id}：2026年11月27日（星期五） 还 574.96 元；之后您办理了延期 {extension.extension.id}，"
        "逾期各期的还款日已顺延到2026年11月30日，现在以延期后的日期为准，在2026年11月30日前还清逾期的各期就可以"
    )


@pytest.mark.asyncio
async def test_paying_by_wechat_to_a_person_is_never_the_way(demo_store):  # noqa: F811
    from actions.servicing import NOT_BY_TRANSFER, ActionHowToRepay

    messages, _ = await run(ActionHowToRepay(), tracker("能不能用微信转给你们客服 我app打不开", "ask_how_to_repay"))
    assert [m.get("text") or m.get("response") for m in messages] == ["utter_how_to_repay", NOT_BY_TRANSFER]
    assert route_of("那能撤销吗 我不想分了") == "utter_route_cancel_arrangement"
    # app我删了 登不上去 密码忘了 你直接告诉我卡号我转过去不行吗 ("暂时处理不了", twice): how to get back in
    from actions.servicing import FORGOT_PASSWORD

    locked, _ = await run(
        ActionHowToRepay(), tracker("app我删了 登不上去 密码忘了 你直接告诉我卡号我转过去不行吗", "ask_how_to_repay")
    )
    assert [m.get("text") or m.get("response") for m in locked] == [
        "utter_how_to_repay",
        FORGOT_PASSWORD,
        NOT_BY_TRANSFER,
    ]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "text, last",
    [
        ("支付宝能还不", "请不要用支付宝把钱转给任何人，包括自称我们工作人员的人：这样的钱记不到您的借款上。"),
        ("可以用微信还吗", "请不要用微信把钱转给任何人，包括自称我们工作人员的人：这样的钱记不到您的借款上。"),
        ("現金能還嗎", "也请不要把现金交给任何人，包括自称我们工作人员的人：这样的钱记不到您的借款上。"),
    ],
)
async def test_one_way_of_paying_asked_about_is_answered_alone(text, last):
    """支付宝能还不 got the whole channels paragraph."""
    from actions.servicing import ActionHowToRepay

    messages, _ = await run(ActionHowToRepay(), tracker(text, "ask_how_to_repay"))
    channel = {"支付宝能还不": "支付宝", "可以用微信还吗": "微信", "現金能還嗎": "现金"}[text]
    assert texts(messages) == [
        f"不能用{channel}还。还款只在我们的App或官网“我的借款”里点“立即还款”，用绑定的银行卡付；还款日卡里余额够也会自动扣款。"
        + last
    ]
    plain, _ = await run(ActionHowToRepay(), tracker("怎么还款", "ask_how_to_repay"))
    assert texts(plain) == ["utter_how_to_repay"]


def test_a_withdrawn_handoff_is_said_to_be_withdrawn():
    """It said "withdrawn，人工客服会在服务时间尽快联系您"."""
    from types import SimpleNamespace

    from actions.wording import handoff_status_line

    ticket = SimpleNamespace(
        urgent=False, reference="H20261120F6F3FD", created_at=datetime(2026, 11, 20, 2, 0), status="withdrawn"
    )
    assert handoff_status_line(ticket) == "· 人工服务请求 H20261120F6F3FD（提交于 2026年11月20日 10:00）：已由您撤回"


@pytest.mark.asyncio
async def test_one_loan_settled_alone_is_said_yes_with_its_figure(demo_store):  # noqa: F811
    """只結清L5001那筆可以嗎 got both quotes again."""
    messages, _ = await run(
        ActionEarlySettlement(), tracker("只結清L5001那筆可以嗎", "ask_early_settlement", token_for("B005"))
    )
    assert messages[0]["text"] == "可以，每笔借款都可以单独提前结清：只结清借款 L5001，今天要还 1057.00 元。"
    # h30a: 我只想把6000块那笔提前结清，3000那笔先不动: both were listed — that loan, by what was borrowed, alone
    named, _ = await run(
        ActionEarlySettlement(),
        tracker(
            "我只想把6000块那笔提前结清，3000那笔先不动，今天要还多少？", "ask_early_settlement", token_for("B005")
        ),
    )
    assert named[0]["text"] == "可以，每笔借款都可以单独提前结清：只结清借款 L5002，今天要还 3207.61 元。"
    assert "L5002" in named[1]["text"] and "L5001" not in named[1]["text"]


@pytest.mark.asyncio
async def test_a_missed_plan_payment_asked_about_is_not_an_undoing():
    """如果分期中间有一个月没还上 分期会作废吗 was told a plan cannot be undone online: not in the
    terms — said so, with a reminder and a person."""
    from actions.servicing import MISSED_PLAN_PAYMENT, ActionOtherService

    messages, _ = await run(
        ActionOtherService(), tracker("如果分期中间有一个月没还上 分期会作废吗", "ask_other_service")
    )
    assert texts(messages) == [MISSED_PLAN_PAYMENT]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/ask_prevention_tips", "/request_human"]
    undo, _ = await run(ActionOtherService(), tracker("刚办的那个分期我后悔了 能取消吗", "ask_other_service"))
    assert texts(undo) == ["utter_route_cancel_arrangement"]


@pytest.mark.asyncio
async def test_a_settlement_or_the_overdue_on_a_later_day_is_that_days(demo_store):  # noqa: F811
    """下周五（11月27号）把贷款一次性结清 那天要准备多少钱 got today's 4806.25; 下周五一次性把逾期的全还了
    要还多少 got today's whole settlement (h13 talk)."""
    settle, _ = await run(
        ActionEarlySettlement(),
        tracker(
            "我打算下周五（11月27号）把贷款一次性结清，那天要准备多少钱？", "ask_early_settlement", token_for("B003")
        ),
    )
    (answer,) = texts(settle)
    assert answer.startswith("按2026年11月27日那天计算的提前结清金额（假设在那之前不再还款）")
    assert "· 借款 L3001（消费贷）：那天一次性结清需还 4817.41 元" in answer
    assert "第6期利息按天计 35.07 元（47.82 元 × 22 天 ÷ 30 天）" in answer
    overdue, _ = await run(
        ActionEarlySettlement(),
        tracker("那如果我下周五一次性把逾期的全还了要还多少", "ask_early_settlement", token_for("B001")),
    )
    assert texts(overdue) == [
        "到2026年11月27日，您逾期应还共 3374.13 元（罚息算到那天；今天是 3363.24 元）。那天还这个金额，逾期就全部还清了。"
    ]
    today_only, _ = await run(
        ActionEarlySettlement(), tracker("提前结清要多少", "ask_early_settlement", token_for("B003"))
    )
    assert texts(today_only)[0].startswith("按今天（2026年11月20日）计算的提前结清金额")


@pytest.mark.asyncio
async def test_a_phone_number_to_change_is_told_where():
    """换手机号怎么弄 was out of scope (h14 talk)."""
    from actions.servicing import CHANGE_PHONE

    messages, _ = await run(ActionOtherService(), tracker("换手机号怎么弄？", "ask_other_service"))
    assert texts(messages) == [CHANGE_PHONE]


@pytest.mark.asyncio
async def test_one_instalment_paid_early_is_that_instalment_not_the_whole_loan():
    """我12月5号那期能不能提前还 got the settlement of the whole loan (4806.25), the instalment unnamed."""
    messages, _ = await run(
        ActionEarlySettlement(), tracker("我12月5号那期能不能提前还", "ask_early_settlement", token_for("B003"))
    )
    assert texts(messages) == [
        "可以在还款日之前先还这一期，还款日前还上就不算逾期：\n"
        "· 2026年12月5日：710.79 元（借款 L3001 第6期）\n"
        "在App“我的借款”里点“立即还款”就可以提前还，不收手续费；提前还一期不会让其他各期的还款日变化，"
        "这笔钱具体怎么记到各期上按借款合同执行，有疑问可以说“转人工”。想把整笔借款一次还清，说“提前结清”可以看今天的结清金额。"
    ]
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工"]
    # With something overdue beside it, that is said too; 结清 in the question is the whole loan.
    beside, _ = await run(
        ActionEarlySettlement(), tracker("12月10号那期能不能提前还", "ask_early_settlement", token_for("B001"))
    )
    assert texts(beside)[0].endswith("另外，已经逾期的 3363.24 元（罚息每天还在增加）最好先还上。")
    assert "· 2026年12月10日：1100.16 元（借款 L1001 第11期）" in texts(beside)[0]
    whole, _ = await run(
        ActionEarlySettlement(), tracker("第6期和后面的能不能一起提前结清", "ask_early_settlement", token_for("B003"))
    )
    assert "今天一次性结清需还 4806.25 元" in texts(whole)[0]


@pytest.mark.asyncio
async def test_a_contact_to_add_is_routed_not_looked_up():
    messages, _ = await run(
        ActionOtherService(),
        tracker("那能不能加个我弟 张伟 13912345678 以后有事找他", "ask_other_service", token_for("B001")),
    )
    assert texts(messages) == [
        "新增、更换紧急联系人或恢复已撤回的授权，这里不能办理：需要转人工，由客服核实后办理。这里可以撤回已授权联系人的授权，"
        "或者设置我们联系您本人的时段和方式。"
    ]


@pytest.mark.asyncio
@pytest.mark.parametrize("text", ["我丢了手机 能先冻结吗", "手机被偷了 账户会不会被人盗用", "手機丟了 能凍結帳戶嗎"])
async def test_a_lost_phone_is_told_what_to_do_first_and_that_a_person_handles_the_account(text):
    """我丢了手机 能先冻结吗 got the data-retention answer."""
    from nlu.decisive import decided_intent  # noqa: F401
    from tests.unit.nlu.test_signals import decided_for

    assert decided_for(text, "out_of_scope", 0.6) == "ask_other_service"
    assert decided_for(text, "ask_data_kept", 0.9) == "ask_other_service"
    messages, _ = await run(ActionOtherService(), tracker(text, "ask_other_service"))
    assert texts(messages) == [
        "手机丢了，先做这两件事：1. 打运营商客服电话挂失手机卡（补卡后号码不变），这样别人收不到发给这个号码的验证码；"
        "2. 转人工，由人工客服用其他方式核实您的身份后处理账户安全的事。"
        "这里不能冻结账户。手机丢失期间借款照常计算，到期日和罚息都不变；补好卡后随时可以在这里查询和办理。"
    ]
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工"]
    assert decided_for("手机丢了 收不到验证码", "nlu_fallback", 0.3) != "ask_other_service"  # the code: a person


@pytest.mark.asyncio
async def test_another_lenders_settlement_asked_is_said_not_ours_before_our_quote(demo_store):  # noqa: F811
    """我想把借呗的钱提前还掉，今天一次结清要多少 (B003): our own quote of 4806.25, as if 借呗 were ours."""
    messages, _ = await run(
        ActionEarlySettlement(),
        tracker("我想把借呗的钱提前还掉，今天一次结清要多少💰", "ask_early_settlement", token_for("B003")),
    )
    assert (
        texts(messages)[0]
        == "借呗不是我们的产品，那边的结清金额我们查不到，需要联系它们的官方客服。下面是您在我们这里的借款："
    )
    assert "今天一次性结清需还 4806.25 元" in texts(messages)[1]


@pytest.mark.asyncio
async def test_a_discount_on_settling_is_said_not_to_be_had_online_before_the_quote(demo_store):  # noqa: F811
    from actions.servicing import NO_SETTLEMENT_DISCOUNT

    messages, _ = await run(
        ActionEarlySettlement(), tracker("结清能便宜点吗", "ask_early_settlement", token_for("B003"))
    )
    assert texts(messages)[0] == NO_SETTLEMENT_DISCOUNT
    assert "今天一次性结清需还 4806.25 元" in texts(messages)[1]


@pytest.mark.asyncio
async def test_an_agreement_said_to_have_been_made_by_phone_is_told_not_on_file(demo_store):  # noqa: F811
    """电话里跟姓李的客服说好了 25号先还1000 算不算数 (nothing on file) got only "nothing in progress" (h25a)."""
    from actions.servicing import NO_PROMISE_ON_FILE

    text = "电话里跟姓李的客服说好了 25号先还1000 今天又有人打电话来催 算不算数"
    messages, _ = await run(ActionFollowup(), tracker(text, "ask_followup", token_for("B001")))
    assert [m.get("text") for m in messages] == [NO_PROMISE_ON_FILE]
    assert messages[0]["buttons"] == [{"title": "登记还款承诺", "payload": "/promise_to_pay"}]
    demo_store.record_promise(
        "B001", Decimal("1000.00"), date(2026, 11, 25), date(2026, 11, 20), "k:p", datetime(2026, 11, 20, 2, 0)
    )
    on_file, _ = await run(ActionFollowup(), tracker(text, "ask_followup", token_for("B001")))
    assert NO_PROMISE_ON_FILE not in [m.get("text") for m in on_file]
    assert on_file[-1]["text"].startswith("您在我们这里办理或提交过的事项：")


@pytest.mark.asyncio
async def test_what_was_set_up_includes_the_contact_settings(demo_store):  # noqa: F811
    """我刚才都改了些啥, after SMS only, 12:00–14:00 and 王丽 withdrawn: the settings were never said (h26a)."""
    now = datetime(2026, 11, 20, 2, 0)
    demo_store.set_preferences("B003", now, window_start="12:00", window_end="14:00", channel="sms")
    (sister,) = demo_store.emergency_contacts("B003")
    demo_store.withdraw_authorisation("B003", sister.id, now)
    messages, _ = await run(ActionFollowup(), tracker("我刚才都改了些啥", "ask_followup", token_for("B003")))
    assert messages[-1]["text"] == (
        "您在我们这里办理或提交过的事项：\n· 联系设置：只在 12:00–14:00 之间联系；只用短信；不再联系 王丽（姐妹）"
    )


@pytest.mark.asyncio
async def test_a_refusal_kept_here_is_confirmed_when_doubted():
    """真的登记上了吗 给个凭证号, right after 别再打给我 was kept: the generic "告诉我打给您的手机号" (h26a)."""
    from actions.servicing import REFUSAL_STANDS

    kept = [
        {
            "event": "bot",
            "text": "已登记，马上生效",
            "metadata": {"utter_action": "utter_refusal_kept", "masked_phone": "138****2222"},
        },
        {"event": "action", "name": "action_listen"},
    ]
    messages, _ = await run(ActionFollowup(), tracker("真的登记上了吗 给个凭证号", "ask_followup", events=kept))
    assert [m.get("text") for m in messages] == [REFUSAL_STANDS.format(masked="138****2222")]


@pytest.mark.asyncio
async def test_a_failed_debit_before_anything_is_late_is_not_told_of_penalties(demo_store):  # noqa: F811
    """B003 (nothing overdue): 自动扣款失败了😭 会不会算逾期 was told "为了不再产生罚息" (h26b)."""
    from actions.servicing import DEBIT_FAILED, DEBIT_FAILED_NOTHING_LATE, ActionHowToRepay

    text = "自动扣款失败了😭 会不会算逾期"
    mine, _ = await run(ActionHowToRepay(), tracker(text, "ask_how_to_repay", token_for("B003")))
    assert DEBIT_FAILED_NOTHING_LATE in [m.get("text") for m in mine]
    late, _ = await run(ActionHowToRepay(), tracker(text, "ask_how_to_repay", token_for("B001")))
    assert DEBIT_FAILED in [m.get("text") for m in late]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "text, action, intent",
    [
        ("能不能用我老公的卡还", ActionHowToRepay, "ask_how_to_repay"),
        ("拿我妈的银行卡扣行吗 我的卡没钱", ActionHowToRepay, "ask_how_to_repay"),
        ("别人名下的卡能绑吗", ActionOtherService, "ask_other_service"),
        ("可以绑我老婆的卡当还款卡不", ActionOtherService, "ask_other_service"),
    ],
)
async def test_a_card_in_someone_elses_name_is_answered_plainly(text, action, intent):
    """能不能用我老公的卡还 got the whole channels paragraph, with nothing about whose card."""
    from actions.servicing import ANOTHERS_CARD

    messages, _ = await run(action(), tracker(text, intent))
    assert texts(messages) == [ANOTHERS_CARD]
    own, _ = await run(ActionOtherService(), tracker("我想换张卡扣款", "ask_other_service"))
    assert texts(own) == ["utter_route_change_card"]


@pytest.mark.asyncio
async def test_a_card_changed_before_the_day_is_told_to_bind_the_new_one():
    """h28b: 换了张银行卡 原来那张注销了 到时候自动扣款会不会扣不到 got the consequences of being overdue."""
    from actions.servicing import CARD_CHANGED

    said = "我下个月五号要还款 但是我换了张银行卡 原来那张注销了 到时候自动扣款会不会扣不到"
    messages, _ = await run(ActionHowToRepay(), tracker(said, "ask_how_to_repay"))
    assert texts(messages) == [CARD_CHANGED]


@pytest.mark.asyncio
async def test_a_payment_told_of_is_said_to_have_come_or_not(demo_store):  # noqa: F811
    """h31a: 我昨天晚上用支付宝转了1000块给你们 到了没 / 前天转了260块进去 收到没有: the list came, "not received"
    was never said. Said in so many words, with the unofficial way warned of; a payment that came, not."""
    from actions.overdue import UNOFFICIAL_WAY
    from actions.servicing import ActionPaymentHistory
    from rules.payments import POSTING_NOTE

    alipay, _ = await run(
        ActionPaymentHistory(),
        tracker("我昨天晚上用支付宝转了1000块给你们 到了没", "ask_payment_history", token_for("B004")),
    )
    assert UNOFFICIAL_WAY in texts(alipay)
    assert any(t and t.startswith("您说还了 1000.00 元") and t.endswith(POSTING_NOTE) for t in texts(alipay))
    came, _ = await run(
        ActionPaymentHistory(), tracker("我16号还了300 到账了吗", "ask_payment_history", token_for("B002"))
    )
    assert not any(t and t.startswith("您说还了") for t in texts(came))  # 300.00 on 11-16 is there


@pytest.mark.asyncio
async def test_a_day_asked_right_after_a_settlement_quote_is_that_days_quote(demo_store):  # noqa: F811
    """h32a: after today's quote, 如果12月3号还呢 got "no promise needed" and 明天具体多少 "暂时处理不了"."""
    from actions.fallback import ActionFallback
    from actions.relief import ActionOfferPromise

    earlier = [
        {"event": "user", "text": "我想一次性还清 要多少", "parse_data": {"intent": {"name": "ask_early_settlement"}}},
        {"event": "action", "name": "action_early_settlement"},
        {"event": "action", "name": "action_listen"},
    ]
    supposed, _ = await run(
        ActionOfferPromise(), tracker("如果12月3号还呢", "promise_to_pay", token_for("B003"), events=earlier)
    )
    assert "2026年12月3日" in texts(supposed)[0] and "结清" in texts(supposed)[0]
    tomorrow, _ = await run(
        ActionFallback(), tracker("明天具体多少", "nlu_fallback", token_for("B003"), events=earlier)
    )
    assert "结清" in texts(tomorrow)[0] and "2026年11月21日" in texts(tomorrow)[0]
    plain, _ = await run(ActionOfferPromise(), tracker("如果12月3号还呢", "promise_to_pay", token_for("B003")))
    assert "结清" not in texts(plain)[0]  # not after a quote: the promise's answer


@pytest.mark.asyncio
async def test_a_promise_asked_to_be_cancelled_is_told_what_not_keeping_it_means(demo_store):  # noqa: F811
    """h33a: 我之前那个25号的承诺能取消吗 这周发不了工资了 got a list; 帮我把这个承诺取消掉 "没太明白"."""
    from actions.servicing import PROMISE_NOT_CANCELLED

    messages, _ = await run(
        ActionFollowup(), tracker("我之前那个25号的承诺能取消吗 这周发不了工资了", "ask_followup", token_for("B002"))
    )
    assert texts(messages) == [PROMISE_NOT_CANCELLED]


@pytest.mark.asyncio
async def test_everything_still_to_repay_says_what_is_due_today_and_one_sum(demo_store):  # noqa: F811
    """h34a: an elderly borrower asking for the one figure got 7620.01 and "还没到期的 3 期 3100.74" — no
    sum, and the instalment due today (1033.62) among the "not yet due" with nothing said of it."""
    from actions.overdue import ActionAskDueDate, ActionCheckOverdue

    messages, _ = await run(ActionCheckOverdue(), tracker("一共还欠多少", "check_overdue", token_for("B004")))
    last = next(t for t in texts(messages) if t.startswith("除了上面的逾期部分"))
    assert "· 借款 L4001：还没到期的 3 期，共 3100.74 元" in last
    assert "其中借款 L4001 第22期 1033.62 元是今天到期，今天还上不算逾期，明天起没还的本金才开始计罚息。" in last
    assert "逾期的 7620.01 元加上这些，按原计划一共还要还 10720.75 元（逾期部分越早还，罚息越少）。" in last
    due, _ = await run(ActionAskDueDate(), tracker("今天有要还的吗", "ask_due_date", token_for("B004")))
    assert "· 2026年11月20日（今天到期）：1033.62 元（借款 L4001 第22期）" in texts(due)[-1]


@pytest.mark.asyncio
async def test_part_payments_and_credit_cards_asked_with_the_channels_are_answered(demo_store):  # noqa: F811
    """h34a: 就问问能不能部分还款 and 还有能不能用信用卡还 got the channels paragraph, the question unanswered."""
    from actions.servicing import CREDIT_CARD, PART_PAYMENT_ANYONE, ActionHowToRepay

    part, _ = await run(ActionHowToRepay(), tracker("我不想验证，就问问能不能部分还款", "ask_how_to_repay"))
    assert texts(part) == [PART_PAYMENT_ANYONE, "utter_how_to_repay"]
    assert PART_PAYMENT_ANYONE.startswith("可以，随时都能先还一部分") and "0.05%" in PART_PAYMENT_ANYONE
    card, _ = await run(ActionHowToRepay(), tracker("能不能用信用卡还", "ask_how_to_repay"))
    assert texts(card) == ["utter_how_to_repay", CREDIT_CARD]
    both, _ = await run(ActionHowToRepay(), tracker("支付宝能还吗？还有能不能用信用卡还", "ask_how_to_repay"))
    assert texts(both)[0].startswith("不能用支付宝还。") and texts(both)[1:] == [CREDIT_CARD]


@pytest.mark.asyncio
async def test_a_payment_due_that_cannot_be_made_gets_what_each_late_day_costs(demo_store):  # noqa: F811
    """h34b: 今天到期的那期1033多的 我今天还不上 怎么办 会不会又罚 got only the penalty list."""
    from actions.overdue import ActionAskDueDate

    said = "今天到期的那期1033多的 我今天还不上 怎么办 会不会又罚"
    messages, _ = await run(ActionAskDueDate(), tracker(said, "ask_due_date", token_for("B004")))
    (answer,) = messages
    assert answer["text"] == (
        "今天到期的是借款 L4001 第22期，1033.62 元。今天之内还上都不算逾期。\n"
        "还不上的话，从第二天起，这一期没还的本金 979.76 元每天按0.05%计罚息，也就是每天 0.49 元左右，没有别的违约金；"
        "还上一部分，罚息跟着少。\n"
        "另外您已经有逾期应还的 7620.01 元（最长逾期 214 天），罚息每天都在增加。\n"
        "下面是您现在可以办的；都不合适的话，转人工商量。"
    )
    # 214 days overdue: neither a plan nor an extension is offered, a promise and a person are
    assert [b["payload"] for b in answer["buttons"]] == ["/promise_to_pay", "/request_human"]
    # nothing overdue: the next payment, and both kinds of relief the terms allow
    b003, _ = await run(ActionAskDueDate(), tracker("12月5号那期还不上怎么办", "ask_due_date", token_for("B003")))
    assert b003[0]["text"].startswith("2026年12月5日到期的是借款 L3001 第6期，710.79 元。")
    assert "另外您已经有逾期" not in b003[0]["text"]


@pytest.mark.asyncio
async def test_a_sum_said_paid_on_a_day_is_set_against_what_came_that_day(demo_store):  # noqa: F811
    """h35b: 不对啊 16号我还的是871.66 银行卡扣了871.66 不是300 got the same list again (871.66 came on
    other days, so the claim looked received)."""
    from actions.overdue import ActionCheckOverdue, day_paid_said

    said = "不对啊 16号我还的是871.66 银行卡扣了871.66 不是300"
    messages, _ = await run(ActionCheckOverdue(), tracker(said, "check_overdue", token_for("B002")))
    assert (
        "您说2026年11月16日还了 871.66 元，我们那天收到的是 300.00 元，相差 571.66 元。"
        "如果您付出去的确实是 871.66 元，请保留付款截图或银行流水，转人工核实这笔钱的去向。"
    ) in texts(messages)
    assert day_paid_said("12月5号那期我已经提前还了") is None
    assert day_paid_said("10月15号还的") == date(2026, 10, 15)
    assert day_paid_said("25号还了500") == date(2026, 10, 25)  # the 25th of this month is still to come


@pytest.mark.asyncio
async def test_money_taken_twice_is_set_against_what_came_with_a_person_offered(demo_store):  # noqa: F811
    """h36a: 11月5号那期你们从我卡里扣了两次710.79！！多扣的钱什么时候退 got the next due date."""
    from rules.payments import payments_received
    from tests.unit.nlu.test_signals import decided_for

    said = "11月5号那期你们从我卡里扣了两次710.79！！多扣的钱什么时候退"
    assert decided_for(said, "ask_due_date") == "ask_payment_history"
    assert decided_for("办了分期 怎么25号还要还916.8 是不是重复扣了", "ask_due_date") != "ask_payment_history"
    same = [p for p in payments_received(demo_store.ledger("B003")) if p.amount == Decimal("710.79")]
    messages, _ = await run(ActionPaymentHistory(), tracker(said, "ask_payment_history", token_for("B003")))
    answer = [m for m in messages if (m.get("text") or "").startswith("我们的账上，710.79 元的还款收到")]
    assert len(answer) == 1 and f"收到 {len(same)} 笔：" in answer[0]["text"]
    assert "请保留银行的扣款记录" in answer[0]["text"] and answer[0]["buttons"] == [
        {"title": "转人工", "payload": "/request_human"}
    ]


@pytest.mark.parametrize("said", ["想先把12月那期提前还了", "不是全部结清，就只还12月那一期，710.79那个"])
@pytest.mark.asyncio
async def test_one_months_instalment_paid_early_is_that_instalment(demo_store, said):  # noqa: F811
    """h36a: both got the whole settlement quote (4806.25)."""
    messages, _ = await run(ActionEarlySettlement(), tracker(said, "ask_early_settlement", token_for("B003")))
    assert texts(messages)[0].split("\n")[:2] == [
        "可以在还款日之前先还这一期，还款日前还上就不算逾期：",
        "· 2026年12月5日：710.79 元（借款 L3001 第6期）",
    ]


@pytest.mark.asyncio
async def test_contact_despite_a_promise_is_set_against_the_rule_and_our_log(demo_store):  # noqa: F811
    """h36a: 我不是已经登记了27号还款吗 怎么今天还有催收打电话过来 got the list of what stands."""
    from tests.unit.nlu.test_signals import decided_for

    said = "我不是已经登记了27号还款吗 怎么今天还有催收打电话过来"
    assert decided_for(said, "ask_followup") == "ask_followup"
    assert decided_for(said, "report_improper_collection") == "ask_followup"
    made = datetime(2026, 11, 20, 1)
    promise = demo_store.record_promise("B002", Decimal("574.96"), date(2026, 11, 27), date(2026, 11, 20), "k:p1", made)
    messages, _ = await run(ActionFollowup(), tracker(said, "ask_followup", token_for("B002")))
    assert texts(messages) == [
        f"您登记的还款承诺 {promise.promise.id}（2026年11月27日前还 574.96 元）生效期间，我们不会再为逾期给您打电话、"
        "发催收短信或邮件，直到2026年11月27日。我们的记录里，从2026年11月20日登记承诺起没有联系过您。如果有人以我们的名义"
        "打给您，那不在我们的记录里，可能不是我们的人，请不要向对方转账；可以登记投诉，我们会核查。"
    ]
    assert [b["title"] for b in messages[0]["buttons"]] == ["登记投诉", "转人工"]
    # made before the calls of our log: those are named, as against our rule
    demo_store.record_promise("B004", Decimal("7000"), date(2026, 11, 27), date(2026, 11, 16), "k:p2", made)
    messages, _ = await run(ActionFollowup(), tracker(said, "ask_followup", token_for("B004")))
    assert (
        "但我们的记录里，承诺之后还有联系：2026年11月17日 20:30 电话、2026年11月18日 22:40 电话、2026年11月19日 09:15 电话。"
        in (texts(messages)[0])
    )


def test_money_taken_twice_and_the_extra_asked_to_count_for_next_month():
    """h37a: 扣了两次 多的能不能抵下个月 — the second question went unanswered."""
    from actions.servicing import charged_twice_answer

    said = charged_twice_answer("我这个月被扣了两次871.66 多的能不能抵下个月", [])
    assert said.startswith("我们的账上没有收到 871.66 元的还款。")
    assert said.endswith(
        "多的那笔能不能抵下一期，要人工核实到账后按您的意思处理（抵下一期或者退回），这里不能直接划转。"
    )
