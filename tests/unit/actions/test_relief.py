"""Relief actions over small trackers and the real store: offer, choose, confirm, store once."""

from datetime import date
from decimal import Decimal

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import wording
from actions.hardship import ActionHardship
from actions.overdue import ActionAskPenaltyInterest
from actions.relief import (
    ActionAskExtensionConfirmed,
    ActionAskPlanConfirmed,
    ActionAskPromiseConfirmed,
    ActionOfferExtension,
    ActionOfferPlan,
    ActionOfferPromise,
    ActionSubmitExtension,
    ActionSubmitPlan,
    ActionSubmitPromise,
    ValidateExtensionForm,
    ValidatePlanForm,
    ValidatePromiseForm,
)
from actions.servicing import ActionEarlySettlement, ActionFollowup
from tests.unit.actions.test_questions_and_identity import (  # noqa: F401
    CONVERSATION,
    demo_store,
    run,
    texts,
    token_for,
    tracker,
)


def slot_values(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.asyncio
async def test_plan_offer_shows_the_three_quotes_as_buttons():
    messages, events = await run(
        ActionOfferPlan(), tracker("能分期吗", intent="ask_instalment_plan", metadata=token_for("B001"))
    )
    assert messages[0]["text"] == (
        "可以把您逾期应还的 3363.24 元（含截至今天的罚息）协商分期还，月利率1%：\n"
        "· 分3期：每月 1143.58 元，共还 3430.74 元，首期 2026年12月20日\n"
        "· 分6期：每月 580.32 元，共还 3481.92 元，首期 2026年12月20日\n"
        "· 分12期：每月 298.82 元，共还 3585.84 元，首期 2026年12月20日\n"
        "还没到期的各期不在分期里，仍按原来的还款日还；办理后，分期的这部分不再产生罚息。\n"
        "请选择分几期，或者告诉我您每个月大概能还多少。这只是报价，您确认后才会办理。"
    )
    assert [b["payload"] for b in messages[0]["buttons"]] == ["分3期", "分6期", "分12期"]
    assert slot_values(events) == {"needs_verification": False, "open_flow": "plan", "plan_amount": "3363.24"}
    # Several terms named is a comparison: every quote, none chosen for the borrower.
    for text in ("三个月六个月十二个月各要还多少", "6期和12期哪个划算"):
        compared, events = await run(
            ActionOfferPlan(), tracker(text, intent="ask_instalment_plan", metadata=token_for("B001"))
        )
        assert compared[:1] == messages and "plan_term" not in slot_values(events)
    # 哪个划算 asks for the difference too: said after the quotes
    assert [m["text"] for m in compared[1:]] == [
        "分6期和分12期相比：分12期每月少还 281.50 元，但总共多付 103.92 元利息（分6期一共多付 118.68 元，分12期一共多付 222.60 元）。"
    ]


@pytest.mark.parametrize(
    "text, term",
    [
        ("我想分6期", "6"),
        ("能不能分成十二个月", "12"),
        ("半年还清行吗", "6"),
        ("每个月只能还八百", "6"),
        ("一个月1500左右", "3"),
        # the income said is not the budget (退休金两千出头 一个月还一百五: quoted at 2000 a month)
        ("我一个月工资四千 每个月能还三百", "12"),
        ("我退休金两千出头 一个月还八百行不行", "6"),
    ],
)
@pytest.mark.asyncio
async def test_a_term_or_budget_in_the_first_message_picks_the_quote(text, term):
    _, events = await run(ActionOfferPlan(), tracker(text, intent="ask_instalment_plan", metadata=token_for("B001")))
    assert slot_values(events)["plan_term"] == term


@pytest.mark.asyncio
async def test_a_budget_too_low_offers_a_human():
    messages, events = await run(
        ActionOfferPlan(), tracker("每月只能还两百", intent="ask_instalment_plan", metadata=token_for("B001"))
    )
    assert messages[0]["response"] == "utter_plan_budget_too_low"
    assert (messages[0]["budget"], messages[0]["longest_monthly"]) == ("200.00", "298.82")
    assert messages[1]["buttons"] == [{"title": "转人工", "payload": "/request_human"}]
    assert slot_values(events)["open_flow"] is None


@pytest.mark.parametrize(
    "borrower_id, response, extra",
    [
        ("B004", "utter_plan_refused_too_long", {"days_overdue": 214}),
        ("B003", "utter_plan_refused_nothing_overdue", {}),
        (
            "B006",
            "utter_plan_refused_active_plan",
            {"plan_id": "P6001", "next_due": "2026年12月1日", "next_amount": "310.59"},
        ),
    ],
)
@pytest.mark.asyncio
async def test_ineligible_borrowers_hear_why_and_get_a_human(borrower_id, response, extra):
    messages, events = await run(
        ActionOfferPlan(), tracker("分期", intent="ask_instalment_plan", metadata=token_for(borrower_id))
    )
    assert messages[0]["response"] == response
    assert {k: messages[0][k] for k in extra} == extra
    if borrower_id == "B003":  # nothing overdue: what comes due, with a human (the test below)
        assert messages[1]["buttons"] == [{"title": "转人工", "payload": "/request_human"}]
    else:
        assert messages[1]["response"] == "utter_offer_human"


@pytest.mark.parametrize("text", ["我分期每个月20号还 能改到28号吗 发工资晚", "分期的还款日能不能调一下"])
@pytest.mark.asyncio
async def test_a_plans_own_due_day_asked_to_move_is_answered_not_refused_as_a_new_plan(text):
    messages, events = await run(
        ActionOfferPlan(), tracker(text, intent="ask_instalment_plan", metadata=token_for("B006"))
    )
    assert [m.get("text") or m.get("response") for m in messages] == [
        "您的分期计划 P6001 每期的还款日是办理时定下的（接受方案满一个月的同一天起，每月同一天），这里不能在线修改。"
        "下一期 2026年12月1日 到期，如果发工资的日子对不上，可以开启还款日前的提醒，提前把钱存进还款卡；"
        "确实需要调整，可以转人工说明情况。",
        "utter_offer_human",
    ]
    assert slot_values(events)["open_flow"] is None


@pytest.mark.asyncio
async def test_another_choice_while_asked_to_confirm_is_quoted_again():
    form = ValidatePlanForm()
    slots = {"plan_amount": "3363.24", "plan_term": "6", "identity": None}
    d = CollectingDispatcher()
    assert await form.validate_plan_confirmed("还是12个月吧，压力小一点", d, tracker(slots=slots), {}) == {
        "plan_term": "12",
        "plan_confirmed": None,
        "form_bad_answers": 0.0,
    }
    assert d.messages == []
    # A budget picks the shortest term it fits (3363.24 at 300 a month: 12 instalments).
    changed = await form.validate_plan_confirmed("每月只能三百", CollectingDispatcher(), tracker(slots=slots), {})
    assert changed["plan_term"] == "12"
    # The same choice again: said back, and the question asked once more (not an unusable answer).
    d = CollectingDispatcher()
    same = await form.validate_plan_confirmed("那就6期吧", d, tracker(slots=slots), {})
    assert same == {"plan_term": "6", "plan_confirmed": None, "form_bad_answers": 0.0}
    assert d.messages[0]["text"] == "好的，就是分6期。"
    # h28a: 不对不对 我刚说错了 600有点悬 每个月500还差不多 (read as a no) cancelled the plan; a no that gives
    # up keeps its figure out
    said = "哦好。不对不对，我刚说错了，600有点悬，每个月500还差不多"
    budget = await form.validate_plan_confirmed("no", CollectingDispatcher(), tracker(said, slots=slots), {})
    assert budget == {"plan_term": "12", "plan_confirmed": None, "form_bad_answers": 0.0}
    said = "不要了 每个月500都拿不出"
    no = await form.validate_plan_confirmed("no", CollectingDispatcher(), tracker(said, slots=slots), {})
    assert no["plan_confirmed"] == "no"
    extension = ValidateExtensionForm()
    days = await extension.validate_extension_confirmed(
        "还是15天吧", CollectingDispatcher(), tracker(slots={"extension_days": "7"}), {}
    )
    assert days == {"extension_days": "15", "extension_confirmed": None, "form_bad_answers": 0.0}


@pytest.mark.asyncio
async def test_form_reads_terms_and_explains_bad_answers():
    form = ValidatePlanForm()
    slots = {"plan_amount": "3363.24", "identity": None}
    assert (await form.validate_plan_term("分6期吧", CollectingDispatcher(), tracker(slots=slots), {}))[
        "plan_term"
    ] == "6"
    d = CollectingDispatcher()
    assert (await form.validate_plan_term("每月800", d, tracker(slots=slots), {}))["plan_term"] == "6"
    assert d.messages[0]["response"] == "utter_plan_budget_fits"
    bad = []
    for n in range(3):
        d = CollectingDispatcher()
        result = await form.validate_plan_term("分5期", d, tracker(slots={**slots, "form_bad_answers": float(n)}), {})
        bad.append((result, d.messages[0]["text"], [b["title"] for b in d.messages[0]["buttons"]]))
    # First: why, and what works. Second: the same and the ways out. Third: the form stops.
    assert bad[0] == (
        {"plan_term": None, "form_bad_answers": 1.0},
        "协商分期只能分3期、6期、12期，没有5期，请从这几种里选；也可以告诉我每个月大概能还多少（例如“每月800”）。",
        ["分3期", "分6期", "分12期"],
    )
    assert bad[1] == (
        {"plan_term": None, "form_bad_answers": 2.0},
        "协商分期只能分3期、6期、12期，没有5期，请从这几种里选；也可以告诉我每个月大概能还多少（例如“每月800”）。\n"
        "看起来这一步不太顺利。您可以直接点下面的选项，说“算了”取消，或者说“转人工”找客服。",
        ["分3期", "分6期", "分12期", "算了", "转人工"],
    )
    assert bad[2] == (
        {"plan_term": None, "form_stopped": True, "form_bad_answers": 0.0},
        "这一步我们先停在这里，没有为您办理或保存任何内容。需要时可以重新开始，或者转人工客服帮您处理。",
        ["转人工"],
    )


@pytest.mark.asyncio
async def test_one_quote_is_confirmed_then_stored_once(demo_store):
    slots = {"plan_amount": "3363.24", "plan_term": "6"}
    messages, _ = await run(ActionAskPlanConfirmed(), tracker(slots=slots))
    assert (
        messages[0]["text"]
        == "您选择的方案：把 3363.24 元分6期，每月还 580.32 元，共还 3481.92 元，首期还款日 2026年12月20日。确认办理吗？"
    )
    confirmed = {**slots, "plan_confirmed": "yes"}
    first, events = await run(
        ActionSubmitPlan(), tracker("确认", intent="affirm", metadata=token_for("B001"), slots=confirmed)
    )
    again, _ = await run(
        ActionSubmitPlan(), tracker("确认", intent="affirm", metadata=token_for("B001"), slots=confirmed)
    )
    (plan,) = [p for p in demo_store.plans("B001")]
    assert first[0]["response"] == again[0]["response"] == "utter_plan_accepted"
    assert (first[0]["plan_id"], first[0]["months"], first[0]["monthly"], first[0]["first_due"]) == (
        plan.id,
        6,
        "580.32",
        "2026年12月20日",
    )
    assert again[0]["plan_id"] == plan.id
    assert SlotSet("plan_term", None) in events and SlotSet("open_flow", None) in events


@pytest.mark.asyncio
async def test_declining_stores_nothing(demo_store):
    messages, _ = await run(
        ActionSubmitPlan(),
        tracker(
            "不要了",
            intent="deny",
            metadata=token_for("B001"),
            slots={"plan_amount": "3363.24", "plan_term": "6", "plan_confirmed": "no"},
        ),
    )
    assert texts(messages) == ["utter_relief_cancelled"]
    assert demo_store.plans("B001") == []


@pytest.mark.asyncio
async def test_extension_offer_confirm_and_store(demo_store):
    messages, events = await run(
        ActionOfferExtension(), tracker("能延期吗", intent="ask_extension", metadata=token_for("B002"))
    )
    assert messages[0]["response"] == "utter_extension_offer" and messages[0]["overdue_total"] == "573.03"
    assert [b["payload"] for b in messages[0]["buttons"]] == ["延期7天", "延期15天", "延期30天"]
    asked, _ = await run(
        ActionAskExtensionConfirmed(), tracker(metadata=token_for("B002"), slots={"extension_days": "15"})
    )
    # what is owed on the new day, and that no penalty runs meanwhile (15天的话到时候一共要还多少 罚息还会
    # 继续算吗 got the penalty formula only; h13 talk)
    assert asked[0]["text"] == (
        "延期15天后，这些还款日会顺延：\n· 借款 L2001 第5期：2026年11月15日 → 2026年11月30日\n"
        "到新的还款日，这几期一共要还 573.03 元（含已经产生的罚息 1.37 元）；延期期间不再产生新的罚息，"
        "过了新的还款日仍未还，才会重新开始计算。\n确认办理延期吗？"
    )
    later, _ = await run(
        ActionAskExtensionConfirmed(), tracker(metadata=token_for("B002"), slots={"extension_days": "30"})
    )
    # 30 days: 12-15, the day the next instalment falls due on its own (h13: "30天 到时候要还多少")
    assert "另外，2026年12月15日还有一期按原来的日子到期：871.65 元（借款 L2001 第6期）。" in later[0]["text"]
    done, _ = await run(
        ActionSubmitExtension(),
        tracker(metadata=token_for("B002"), slots={"extension_days": "15", "extension_confirmed": "yes"}),
    )
    (extension,) = demo_store.extensions("B002")
    assert done[0]["text"] == (
        f"延期已办理，编号 {extension.id}，延期15天。新的还款日：\n· 借款 L2001 第5期：2026年11月30日（原 2026年11月15日）\n"
        # the confirmation (and its PDF) named no penalty still owed
        "延期前已经产生的罚息共 1.37 元仍需支付，已计入新还款日的应还金额。\n"
        "请在新的还款日前还款；过了新的还款日仍未还，会重新开始计算罚息。"
    )
    # Nothing overdue now, but the 1.37 元 of penalty before the extension is still owed, and said.
    penalty, _ = await run(ActionAskPenaltyInterest(), tracker("罚息怎么算", metadata=token_for("B002")))
    assert texts(penalty) == [
        "utter_penalty_rule",
        "您目前没有逾期，不会产生新的罚息。办理延期之前已经产生的罚息 1.37 元仍需支付，"
        "和延期后的那一期一起还（借款 L2001 第5期 2026年11月30日）。",
    ]
    # Paying on a later day: the new days' penalty and the part kept, each shown (h28a: "549.43 元 ×
    # 0.05% × 3 天 = 2.19 元" — 3 days make 0.82; 2.19 held the 1.37 from before the extension)
    later, _ = await run(
        ActionAskPenaltyInterest(), tracker("那要是12月3号还，要多交多少罚息", metadata=token_for("B002"))
    )
    assert texts(later)[-1] == (
        "如果到2026年12月3日才还，那天会逾期的是：\n"
        "· 借款 L2001 第5期：549.43 元 × 0.05% × 3 天 = 0.82 元，加上延期前已经产生的罚息 1.37 元，共 2.19 元\n"
        "罚息共 2.19 元，那天连本带息要还 573.85 元。在各期还款日当天或之前还上，就没有罚息。"
    )
    # Settling today takes that penalty too (it was left out: 1427.29 instead of 1428.66).
    settle, _ = await run(
        ActionEarlySettlement(), tracker("一次性结清要多少", "ask_early_settlement", token_for("B002"))
    )
    assert "今天一次性结清需还 1428.66 元" in settle[0]["text"]
    assert "  + 延期前已产生的罚息 1.37 元" in settle[0]["text"]
    refused, _ = await run(ActionOfferExtension(), tracker(intent="ask_extension", metadata=token_for("B002")))
    assert refused[0]["response"] == "utter_extension_refused_recent" and refused[0]["granted_on"] == "2026年11月20日"
    # what there is instead: a promise when the day comes (h28a: only "人工可以帮您看看")
    from actions import wording

    assert [m.get("text") for m in refused[1:]] == [wording.IF_LATE_AFTER_AN_EXTENSION]


@pytest.mark.parametrize(
    "text, amount, day",
    [
        ("我下周五还500", "500.00", "2026-11-27"),
        ("月底前还八百", "800.00", "2026-11-30"),
        ("三天后还一千", "1000.00", "2026-11-23"),
        ("15号发工资还两千五", None, None),
    ],
)
@pytest.mark.asyncio
async def test_promise_offer_reads_amount_and_date(text, amount, day):
    messages, events = await run(
        ActionOfferPromise(), tracker(text, intent="promise_to_pay", metadata=token_for("B001"))
    )
    slots = slot_values(events)
    if amount is None:  # 15号 on the 20th is next month's 15th: more than 14 days ahead
        assert messages[0]["response"] == "utter_promise_too_far" and messages[0]["pay_on"] == "2026年12月15日"
        assert slots["open_flow"] is None
    else:
        assert (slots["promise_amount"], slots["promise_date"], slots["open_flow"]) == (amount, day, "promise")


@pytest.mark.parametrize(
    "borrower, offered, instead",
    [
        # B002 (5 days overdue) may have both; B001 (71 days) a plan only; B004 (214 days) neither.
        (
            "B002",
            ["协商分期", "申请延期", "转人工"],
            "如果近期确实还不上，可以看看协商分期、申请延期，或者转人工客服协商。",
        ),
        ("B001", ["协商分期", "转人工"], "如果近期确实还不上，可以看看协商分期，或者转人工客服协商。"),
        ("B004", ["转人工"], "您目前不能在线办理协商分期或延期，如果近期确实还不上，可以转人工客服协商。"),
    ],
)
@pytest.mark.asyncio
async def test_a_promise_too_far_offers_only_the_relief_the_borrower_can_have(borrower, offered, instead):
    messages, events = await run(
        ActionOfferPromise(), tracker("下个月20号还全部", intent="promise_to_pay", metadata=token_for(borrower))
    )
    (said,) = messages
    assert said["response"] == "utter_promise_too_far" and said["pay_on"] == "2026年12月20日"
    assert [b["title"] for b in said["buttons"]] == offered and said["instead"] == instead
    assert slot_values(events)["open_flow"] is None


@pytest.mark.parametrize(
    "borrower, instead, offered",
    [
        (
            "B005",
            "可以办协商分期，或者约定一个还款日期；也可以转人工客服协商。",
            ["协商分期", "约定还款日期", "转人工"],
        ),
        ("B004", "线上的分期也办不了，可以约定一个还款日期，或者转人工客服协商。", ["约定还款日期", "转人工"]),
    ],
)
@pytest.mark.asyncio
async def test_too_long_overdue_for_an_extension_names_a_plan_only_if_one_can_be_had(borrower, instead, offered):
    messages, _ = await run(
        ActionOfferExtension(), tracker("我要申请延期还款30天", intent="ask_extension", metadata=token_for(borrower))
    )
    assert messages[0]["response"] == "utter_extension_refused_too_long" and messages[0]["instead"] == instead
    assert [b["title"] for b in messages[0]["buttons"]] == offered and len(messages) == 1


@pytest.mark.asyncio
async def test_part_first_and_the_rest_in_instalments_is_not_a_monthly_budget():
    messages, events = await run(
        ActionOfferPlan(),
        tracker(
            "下个月10号才发工资 能不能先还八百 剩下的分期", intent="ask_instalment_plan", metadata=token_for("B001")
        ),
    )
    assert "plan_term" not in slot_values(events)
    assert messages[0]["text"].endswith(
        "如果先还一部分，到账后逾期总额会变少，分期按办理当天的逾期总额重新报价，到时再来办就行。"
    )


@pytest.mark.asyncio
async def test_one_loan_of_two_is_not_split_alone_and_its_amount_is_not_a_budget():
    messages, events = await run(
        ActionOfferPlan(),
        tracker("那另一笔6000的能单独分期吗", intent="ask_instalment_plan", metadata=token_for("B005")),
    )
    assert messages[0]["text"].startswith("可以把您逾期应还的 1629.42 元（含截至今天的罚息）协商分期还，月利率1%：")
    assert "\n协商分期会把您所有逾期的款项一起分期（借款 L5001、L5002），不能只分其中一笔。\n" in messages[0]["text"]
    assert "plan_term" not in slot_values(events)
    budget, events = await run(
        ActionOfferPlan(), tracker("每个月只能还六百", intent="ask_instalment_plan", metadata=token_for("B005"))
    )
    assert slot_values(events)["plan_term"] == "3" and budget[0]["response"] == "utter_plan_budget_fits"


@pytest.mark.asyncio
async def test_a_promise_before_anything_is_overdue_says_what_comes_due_and_what_late_means():
    messages, events = await run(
        ActionOfferPromise(),
        tracker("5号那期我还不上 能不能先还一半 剩下的月底", intent="promise_to_pay", metadata=token_for("B003")),
    )
    assert texts(messages) == [
        "utter_promise_nothing_overdue",
        "接下来的应还款项：\n· 2026年12月5日：710.79 元（借款 L3001 第6期）\n"
        "如果到期没能全部还上，从第二天起，没还的本金每天按0.05%计罚息，没有其他费用。"
        "到时可以登记14天以内的还款承诺，或者看看能不能申请延期；现在想先商量，也可以转人工。",
    ]
    assert [b["title"] for b in messages[1]["buttons"]] == ["转人工"] and slot_values(events)["open_flow"] is None


@pytest.mark.asyncio
async def test_no_with_another_choice_is_the_other_choice_not_a_cancel():
    """ "不对 还是15天吧" reads as deny (so the slot says no): the words name another choice."""
    d = CollectingDispatcher()
    got = await ValidateExtensionForm().validate_extension_confirmed(
        "no", d, tracker("不对 还是15天吧", "deny", slots={"extension_days": "7"}), {}
    )
    assert got == {"extension_days": "15", "extension_confirmed": None, "form_bad_answers": 0.0}
    got = await ValidatePlanForm().validate_plan_confirmed(
        "no", d, tracker("不是 我要分12期", "deny", slots={"plan_term": "6", "plan_amount": "3363.24"}), {}
    )
    assert got == {"plan_term": "12", "plan_confirmed": None, "form_bad_answers": 0.0}
    changed = await ValidateExtensionForm().validate_extension_confirmed(
        "一周太短了 换成半个月的", d, tracker("一周太短了 换成半个月的", slots={"extension_days": "7"}), {}
    )
    assert changed == {"extension_days": "15", "extension_confirmed": None, "form_bad_answers": 0.0}
    same = await ValidateExtensionForm().validate_extension_confirmed(
        "no", d, tracker("算了改成7天就行", "deny", slots={"extension_days": "7"}), {}
    )
    assert same == {"extension_days": "7", "extension_confirmed": None, "form_bad_answers": 0.0}  # not cancelled
    plain_no = await ValidateExtensionForm().validate_extension_confirmed(
        "no", d, tracker("不要了", "deny", slots={"extension_days": "7"}), {}
    )
    assert plain_no == {"extension_confirmed": "no", "form_bad_answers": 0.0} and d.messages == []


@pytest.mark.parametrize(
    "text, amount",
    [
        ("那小的那笔我下周三还清", "532.46"),  # it promised 1629.42, both loans' total
        ("L5002那笔下周三全部还上", "1096.96"),
        ("大的那笔下周三先还一半", "548.48"),
        ("下周三全部还清", "1629.42"),
    ],
)
@pytest.mark.asyncio
async def test_all_of_one_loan_named_is_that_loans_overdue(text, amount):
    _, events = await run(ActionOfferPromise(), tracker(text, intent="promise_to_pay", metadata=token_for("B005")))
    assert slot_values(events)["promise_amount"] == amount
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_amount(
        "小的那笔全部", d, tracker(metadata=token_for("B005")), {}
    )
    assert got["promise_amount"] == "532.46"


@pytest.mark.asyncio
async def test_a_promise_of_more_than_is_overdue_is_the_overdue_total():
    messages, events = await run(
        ActionOfferPromise(), tracker("下周三我还你们五千", intent="promise_to_pay", metadata=token_for("B005"))
    )
    assert messages[0]["text"] == (
        "您目前逾期应还共 1629.42 元，比 5000.00 元少，还款承诺就按 1629.42 元登记，还上就结清了逾期。"
        "如果想把还没到期的部分也一次还清，可以说“提前结清”，看今天的结清金额。"
    )
    assert slot_values(events)["promise_amount"] == "1629.42"
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_amount(
        "八百块吧", d, tracker("八百块吧", metadata=token_for("B002")), {}
    )
    assert got["promise_amount"] == "573.03" and d.messages[0]["text"].startswith("您目前逾期应还共 573.03 元")


@pytest.mark.parametrize(
    "text, intent, value, changed",
    [
        ("等等 还是下礼拜五吧", "promise_to_pay", "等等 还是下礼拜五吧", {"promise_date": "2026-11-27"}),
        ("不对 改成月底吧", "deny", "no", {"promise_date": "2026-11-30"}),
        ("不对 先还300", "deny", "no", {"promise_amount": "300.00"}),
        ("不对，六百，下周一", "deny", "no", {"promise_amount": "600.00", "promise_date": "2026-11-23"}),
        ("算了 还是全部还了吧", "deny", "no", {"promise_amount": "3363.24"}),
        ("算了还是先还一半吧", "deny", "no", {"promise_amount": "1681.62"}),  # it cancelled the promise
        ("不是500 是300块", "deny", "no", {"promise_amount": "300.00"}),  # a correction: it cancelled
        ("改一下 改成300 日子还是25号", "promise_to_pay", "改一下 改成300 日子还是25号", {"promise_amount": "300.00"}),
        # each change in its own clause: the date was lost to the amount's 改成
        (
            "哦今天就周五啊 那改下周五吧，金额也改成1000",
            "promise_to_pay",
            "哦今天就周五啊 那改下周五吧，金额也改成1000",
            {"promise_amount": "1000.00", "promise_date": "2026-11-27"},
        ),
    ],
)
@pytest.mark.asyncio
async def test_another_date_or_amount_at_the_promise_confirmation_is_asked_again(text, intent, value, changed):
    """At "确认登记？" the borrower changes their mind: the new figures, and the question again."""
    slots = {"promise_amount": "500.00", "promise_date": "2026-11-25"}
    got = await ValidatePromiseForm().validate_promise_confirmed(
        value, CollectingDispatcher(), tracker(text, intent, token_for("B001"), slots=slots), {}
    )
    assert got == dict(changed, promise_confirmed=None, form_bad_answers=0.0)


@pytest.mark.asyncio
async def test_the_promise_confirmation_changed_to_a_date_it_cannot_take_says_why():
    slots = {"promise_amount": "500.00", "promise_date": "2026-11-25"}
    far = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_confirmed(
        "no", far, tracker("不行 还是下个月15号吧", "deny", token_for("B001"), slots=slots), {}
    )
    assert got["form_stopped"] is True and far.messages[0]["response"] == "utter_promise_too_far"
    past = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_confirmed(
        "改成11月10号", past, tracker("改成11月10号", "promise_to_pay", token_for("B001"), slots=slots), {}
    )
    assert got == {"promise_date": None, "promise_confirmed": None, "form_bad_answers": 0.0}
    assert past.messages[0]["text"].startswith("这个日期已经过去了，请告诉我哪天还")
    same = CollectingDispatcher()
    for text, intent, value in (("确认", "affirm", "yes"), ("不要了", "deny", "no"), ("对 就25号", "affirm", "yes")):
        got = await ValidatePromiseForm().validate_promise_confirmed(
            value, same, tracker(text, intent, token_for("B001"), slots=slots), {}
        )
        assert got == {"promise_confirmed": value, "form_bad_answers": 0.0}
    assert same.messages == []


@pytest.mark.asyncio
async def test_a_day_given_when_the_amount_is_asked_is_kept():
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_amount(
        "下礼拜三", d, tracker("下礼拜三", metadata=token_for("B001")), {}
    )
    assert got == {"promise_date": "2026-11-25", "promise_amount": None}
    assert d.messages[0]["text"] == "好的，2026年11月25日（星期三）。那天打算还多少钱？例如“500元”“八百”，或者“全部”。"
    far = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_amount(
        "下个月15号", far, tracker(metadata=token_for("B001")), {}
    )
    assert got["form_stopped"] is True and got["promise_amount"] is None


@pytest.mark.asyncio
async def test_promise_dates_on_day_14_and_15():
    form = ValidatePromiseForm()
    ok = await form.validate_promise_date("12月4日", CollectingDispatcher(), tracker(), {})
    assert ok["promise_date"] == "2026-12-04"
    d = CollectingDispatcher()
    far = await form.validate_promise_date("12月5日", d, tracker(), {})
    assert far == {"promise_date": None, "form_stopped": True} and d.messages[0]["response"] == "utter_promise_too_far"


@pytest.mark.asyncio
async def test_promise_is_confirmed_in_full_and_stored_once(demo_store):
    slots = {"promise_amount": "500.00", "promise_date": "2026-11-27", "promise_confirmed": "yes"}
    first, _ = await run(ActionSubmitPromise(), tracker(metadata=token_for("B001"), slots=slots))
    await run(ActionSubmitPromise(), tracker(metadata=token_for("B001"), slots=slots))
    (promise,) = demo_store.promises("B001")
    assert first[0]["response"] == "utter_promise_recorded"
    assert (first[0]["amount"], first[0]["pay_on"], first[0]["promise_id"]) == (
        "500.00",
        "2026年11月27日（星期五）",
        promise.id,
    )
    assert (promise.amount, promise.pay_on) == (Decimal("500.00"), date(2026, 11, 27))


@pytest.mark.asyncio
async def test_a_plan_takes_over_a_running_promise_and_says_so(demo_store):  # noqa: F811
    promised = {"promise_amount": "1000.00", "promise_date": "2026-11-27", "promise_confirmed": "yes"}
    await run(ActionSubmitPromise(), tracker(metadata=token_for("B005"), slots=promised))
    (promise,) = demo_store.promises("B005")
    plan = {"plan_amount": "1629.42", "plan_term": "6"}
    asked, _ = await run(ActionAskPlanConfirmed(), tracker(metadata=token_for("B005"), slots=plan))
    assert asked[0]["text"].endswith(f"办理后，您之前的还款承诺 {promise.id} 由这个方案取代。确认办理吗？")
    done, _ = await run(ActionSubmitPlan(), tracker(metadata=token_for("B005"), slots=dict(plan, plan_confirmed="yes")))
    assert done[0]["response"] == "utter_plan_accepted"
    assert done[1]["text"] == (
        f"您之前的还款承诺 {promise.id}（2026年11月27日（星期五） 还 1000.00 元）由这个分期方案取代，"
        "不用再按承诺的日期还，按分期的还款日还就可以。"
    )
    assert [p.status for p in demo_store.promises("B005")] == ["covered"]
    followup, _ = await run(ActionFollowup(), tracker("我之前办的事怎么样了", "ask_followup", token_for("B005")))
    assert "已由之后办理的协商分期取代" in followup[0]["text"]


@pytest.mark.asyncio
async def test_changing_a_promise_says_so_before_and_after(demo_store):  # noqa: F811
    first = {"promise_amount": "500.00", "promise_date": "2026-11-27", "promise_confirmed": "yes"}
    await run(ActionSubmitPromise(), tracker(metadata=token_for("B001"), slots=first))
    (earlier,) = demo_store.promises("B001")
    change = {"promise_amount": "3000.00", "promise_date": "2026-11-30"}
    asked, _ = await run(ActionAskPromiseConfirmed(), tracker(metadata=token_for("B001"), slots=change))
    assert asked[0]["change"] == f"登记后会替换您之前的承诺 {earlier.id}。"
    change = {"promise_amount": "3363.24", "promise_date": "2026-11-30"}
    done, _ = await run(
        ActionSubmitPromise(), tracker(metadata=token_for("B001"), slots=dict(change, promise_confirmed="yes"))
    )
    assert done[0]["response"] == "utter_promise_recorded" and done[0]["amount"] == "3363.24"
    assert done[1]["text"] == (
        f"您之前的还款承诺 {earlier.id}（2026年11月27日（星期五） 还 500.00 元）已改为这一条，以新登记的日期和金额为准。"
    )
    assert [p.status for p in demo_store.promises("B001")] == ["replaced", "open"]
    followup, _ = await run(ActionFollowup(), tracker("我之前办的事怎么样了", "ask_followup", token_for("B001")))
    assert (
        f"· 还款承诺 {earlier.id}：2026年11月27日（星期五） 还 500.00 元，已改为之后登记的承诺" in followup[0]["text"]
    )
    others, _ = await run(ActionAskPromiseConfirmed(), tracker(metadata=token_for("B005"), slots=change))
    assert others[-1]["change"] == ""


@pytest.mark.asyncio
async def test_hardship_is_empathy_first_then_this_borrowers_options():
    messages, _ = await run(
        ActionHardship(), tracker("我失业了还不上", intent="explain_hardship", metadata=token_for("B002"))
    )
    assert texts(messages)[0] == "utter_hardship_empathy"
    assert messages[1]["options"] == "协商分期、申请延期、约定还款日期"


@pytest.mark.parametrize(
    "asked, menu", [("ask_extension", False), ("ask_instalment_plan", False), ("report_improper_collection", True)]
)
@pytest.mark.asyncio
async def test_a_story_before_a_request_for_relief_is_heard_and_the_request_answers(asked, menu):
    """孩子生病住院 手头很紧 能不能晚几天再还: empathy, then the extension — not the menu of every option first
    and the extension's question after it."""
    from nlu.clauses import FLOW_ASKED, MORE_TURNS

    metadata = {**token_for("B002"), MORE_TURNS: True, FLOW_ASKED: asked}
    messages, _ = await run(ActionHardship(), tracker("孩子生病住院 手头很紧", "explain_hardship", metadata))
    assert texts(messages) == ["utter_hardship_empathy"] + (["utter_hardship_options"] if menu else [])


@pytest.mark.asyncio
async def test_hardship_with_a_crisis_sign_offers_a_human_at_once():
    messages, _ = await run(
        ActionHardship(), tracker("压力太大了真的不想活了", intent="explain_hardship", metadata=token_for("B001"))
    )
    assert texts(messages) == ["utter_hardship_empathy", "utter_crisis_support"]
    assert messages[1]["buttons"] == [{"title": "马上转人工", "payload": "/request_human"}]


@pytest.mark.asyncio
async def test_values_set_from_the_first_message_pass_validation_again():
    # A form validates slots that were filled before it started.
    plan = await ValidatePlanForm().validate_plan_term(
        "6", CollectingDispatcher(), tracker(slots={"plan_amount": "3363.24"}), {}
    )
    assert plan == {"plan_term": "6", "form_bad_answers": 0.0}
    form = ValidatePromiseForm()
    amount = await form.validate_promise_amount("500.00", CollectingDispatcher(), tracker(), {})
    assert amount == {"promise_amount": "500.00", "form_bad_answers": 0.0}
    day = await form.validate_promise_date("2026-11-27", CollectingDispatcher(), tracker(), {})
    assert day == {"promise_date": "2026-11-27", "form_bad_answers": 0.0}


@pytest.mark.asyncio
async def test_a_question_about_fees_inside_the_extension_form_is_answered_not_counted_as_unusable():
    form = ValidateExtensionForm()
    d = CollectingDispatcher()
    asked = await form.validate_extension_days("延期的话要收手续费吗", d, tracker(slots={"form_bad_answers": 1.0}), {})
    assert asked == {"extension_days": None}  # the count of unusable answers stays where it was
    assert [m["text"] for m in d.messages] == ["延期不收手续费或其他任何费用；只是延期前已经产生的罚息仍需支付。"]
    d = CollectingDispatcher()
    at_confirm = await form.validate_extension_confirmed(
        "办这个要另外收钱不", d, tracker(slots={"extension_days": "7"}), {}
    )
    assert at_confirm == {"extension_confirmed": None} and len(d.messages) == 1


@pytest.mark.asyncio
async def test_the_extension_fee_asked_with_the_request_or_the_days_is_answered_too():
    fee = "延期不收手续费或其他任何费用；只是延期前已经产生的罚息仍需支付。"
    offered, _ = await run(
        ActionOfferExtension(), tracker("能不能晚几天还 延期要钱吗", intent="ask_extension", metadata=token_for("B002"))
    )
    assert offered[0]["text"] == fee and offered[1]["response"] == "utter_extension_offer"
    d = CollectingDispatcher()
    got = await ValidateExtensionForm().validate_extension_days("30天，延期要手续费吗", d, tracker(), {})
    assert got == {"extension_days": "30", "form_bad_answers": 0.0} and d.messages[0]["text"] == fee


@pytest.mark.parametrize(
    "action, text, rule",
    [
        (
            ActionOfferPlan,
            "协商分期一般要什么条件啊，最多分几期",
            "协商分期的条件：有逾期未还的欠款、最长逾期不超过180天",
        ),
        (ActionOfferExtension, "延期最多能延几天？要手续费吗", "延期还款的条件：最长逾期不超过30天"),
    ],
)
@pytest.mark.asyncio
async def test_a_question_about_the_relief_rules_is_answered_before_verification(action, text, rule):
    messages, events = await run(action(), tracker(text, intent="ask_instalment_plan"))
    said = [m.get("text") or m.get("response") for m in messages]
    # The rule answers the question; their own figures are offered, not a phone number asked for
    # (the phone prompt came back after every later question).
    assert said[0].startswith(rule) and said[1].startswith("想知道") and len(said) == 2
    assert messages[1]["buttons"][0]["payload"] in ("/ask_instalment_plan", "/ask_extension")
    assert slot_values(events)["needs_verification"] is False
    plain, events = await run(action(), tracker("我想分期", intent="ask_instalment_plan"))
    assert [m.get("text") or m.get("response") for m in plain] == ["utter_need_verification"]
    assert slot_values(events)["needs_verification"] is True


@pytest.mark.asyncio
async def test_half_where_an_amount_is_asked_is_half_the_overdue_total_to_the_cent():
    """我下周五能先还一半 / 一半啊: asked how much again and again."""
    messages, events = await run(
        ActionOfferPromise(), tracker("我下周五能先还一半", intent="promise_to_pay", metadata=token_for("B005"))
    )
    assert slot_values(events)["promise_amount"] == "814.71"  # 1629.42 / 2
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_amount(
        "一半啊", d, tracker("一半啊", metadata=token_for("B002")), {}
    )
    assert got["promise_amount"] == "286.52"  # 573.03 / 2, rounded half up
    assert d.messages == []


@pytest.mark.asyncio
async def test_the_amount_promised_with_a_date_too_far_holds_for_the_next_date():
    """我15号发工资，到时候都还上 (too far), then 那下周三行吗: asked how much all over again."""
    before = [
        {
            "event": "user",
            "text": "我12月15号发工资，到时候都还上",
            "parse_data": {"intent": {"name": "promise_to_pay"}},
        },
        {"event": "action", "name": "action_offer_promise"},
        {"event": "action", "name": "action_listen"},
    ]
    messages, events = await run(
        ActionOfferPromise(),
        tracker("那下周三行吗", intent="promise_to_pay", metadata=token_for("B002"), events=before),
    )
    assert slot_values(events)["promise_amount"] == "573.03"  # all of it, as said
    assert slot_values(events)["promise_date"] == "2026-11-25"
    other = [dict(before[0], parse_data={"intent": {"name": "check_overdue"}})] + before[1:]
    _, events = await run(
        ActionOfferPromise(), tracker("那下周三行吗", intent="promise_to_pay", metadata=token_for("B002"), events=other)
    )
    assert "promise_amount" not in slot_values(events)


@pytest.mark.asyncio
async def test_another_budget_said_alone_is_quoted():
    """那150呢 after 每个月只能还100: the policy runs the offer again (policies/interruptions.py)."""
    messages, events = await run(
        ActionOfferPlan(), tracker("那150呢", intent="nlu_fallback", metadata=token_for("B005"))
    )
    assert messages[0]["response"] == "utter_plan_budget_fits"
    assert (messages[0]["budget"], messages[0]["months"]) == ("150.00", 12)
    assert slot_values(events)["open_flow"] == "plan"


@pytest.mark.asyncio
async def test_one_loan_named_in_the_plan_form_is_told_the_plan_covers_the_total():
    """只分L5002那笔行不, asked the term: it cancelled the form (read as a no), and "L5002" could be
    read as 5002 yuan."""
    form = ValidatePlanForm()
    slots = {"plan_amount": "1629.42", "identity": None}
    d = CollectingDispatcher()
    got = await form.validate_plan_term("只分L5002那笔行不", d, tracker(slots=slots, metadata=token_for("B005")), {})
    assert got == {"plan_term": None}
    assert d.messages[0]["text"].startswith(
        "协商分期是把您今天全部逾期应还的金额（各笔借款的逾期部分合在一起）一起分期"
    )
    messages, events = await run(
        ActionOfferPlan(), tracker("能只分L5002那笔吗", intent="ask_instalment_plan", metadata=token_for("B005"))
    )
    assert messages[0]["text"].startswith("协商分期是把您今天全部逾期应还的金额")
    assert slot_values(events)["plan_amount"] == "1629.42"


@pytest.mark.asyncio
async def test_relief_for_other_lenders_debts_too_is_said_to_be_for_ours_only():
    """我花呗和借呗都逾期了 你们能帮我一起协商吗: "没太明白", or our plan as if it covered theirs."""
    from actions.fallback import ActionFallback

    messages, _ = await run(
        ActionOfferPlan(),
        tracker("花呗借呗都逾期了 能不能一起分期", intent="ask_instalment_plan", metadata=token_for("B001")),
    )
    assert (
        messages[0]["text"]
        == "这里只能为您在我们这里的借款办理；花呗、借呗的欠款我们查不到，需要联系它们的官方客服协商。"
    )
    assert "3363.24" in messages[1]["text"]  # then ours
    plain, _ = await run(
        ActionOfferPlan(), tracker("能分期吗", intent="ask_instalment_plan", metadata=token_for("B001"))
    )
    assert "3363.24" in plain[0]["text"]
    fallback, _ = await run(
        ActionFallback(), tracker("我花呗和借呗都逾期了 你们能帮我一起协商吗", intent="nlu_fallback")
    )
    assert fallback[0]["text"].startswith(
        "花呗、借呗不是我们的产品，那边的借款我们查不到，不能在这里还，也不能代为协商"
    )
    # h30b: … 不还会坐牢吗 went unanswered beside them (or alone was answered, and they not)
    jail, _ = await run(
        ActionFallback(),
        tracker("我借呗花呗也都逾期了 你们能一起帮我协商吗 不还会坐牢吗😭", intent="nlu_fallback"),
    )
    assert jail[0]["text"] == (
        "先回答您最担心的：普通的借款逾期属于民事纠纷，不是刑事犯罪，不会因为还不上钱就被抓，在哪个平台借的都一样。"
    )
    assert jail[1]["text"].startswith("借呗、花呗不是我们的产品")


@pytest.mark.asyncio
async def test_all_of_it_on_a_later_day_is_that_days_total(demo_store):  # noqa: F811
    """下个月1号全部还上 was promised as today's 573.03; on 12-01 the penalty has grown and 573.03 no
    longer clears it — and 1号那天我总共要还多少 got today's figures."""
    from actions.overdue import ActionCheckOverdue

    slots = {"promise_amount": "573.03", "promise_date": "2026-12-01"}
    asked, events = await run(ActionAskPromiseConfirmed(), tracker(metadata=token_for("B002"), slots=slots))
    assert asked[0]["text"] == (
        "今天逾期应还 573.03 元；罚息每天还在增加，到2026年12月1日要全部还清，需要还 576.06 元（罚息算到那天）。"
        "承诺就按这个金额登记。"
    )
    assert asked[1]["amount"] == "576.06" and slot_values(events)["promise_amount"] == "576.06"
    part, events = await run(
        ActionAskPromiseConfirmed(), tracker(metadata=token_for("B002"), slots=dict(slots, promise_amount="300.00"))
    )
    assert part[0]["amount"] == "300.00" and events == []  # a part promised is that part
    day, _ = await run(ActionCheckOverdue(), tracker("1号那天我总共要还多少", "check_overdue", token_for("B002")))
    assert texts(day) == [
        "到2026年12月1日，您逾期应还共 576.06 元（罚息算到那天；今天是 573.03 元）。那天还这个金额，逾期就全部还清了。"
    ]
    now, _ = await run(ActionCheckOverdue(), tracker("我现在欠多少 下周能还吗", "check_overdue", token_for("B002")))
    assert not texts(now)[0].startswith("到2026年")


@pytest.mark.asyncio
async def test_nothing_overdue_yet_is_told_what_comes_due_and_what_late_would_mean():
    """俺这个月能不能晚几天还 家里娃生病了 (B003, nothing overdue): "不需要延期" and a human, no date."""
    for action, first in (
        (ActionOfferExtension(), "utter_extension_refused_nothing_overdue"),
        (ActionOfferPlan(), "utter_plan_refused_nothing_overdue"),
    ):
        messages, _ = await run(
            action, tracker("俺这个月能不能晚几天还", intent="ask_extension", metadata=token_for("B003"))
        )
        assert texts(messages)[0] == first
        assert texts(messages)[1].startswith("接下来的应还款项：\n· 2026年12月5日：710.79 元")
        assert texts(messages)[1].endswith(wording.IF_LATE)
        assert len(messages) == 2
    # With a plan running (B006), no extension is offered for later (it was, after "期间不能再申请延期").
    held, _ = await run(
        ActionOfferPromise(), tracker("那我25号先还一半行不行", intent="promise_to_pay", metadata=token_for("B006"))
    )
    assert texts(held)[1].endswith(wording.IF_LATE_IN_A_PLAN) and "延期；" not in texts(held)[1]


@pytest.mark.asyncio
async def test_moving_a_plans_first_payment_is_told_the_rules_day():
    """首期还款日改成12月5号可以吗, at the plan's confirmation: "好的，就是分12期" (12月 read as the term)."""
    d = CollectingDispatcher()
    at = tracker(
        "首期还款日改成12月5号可以吗", metadata=token_for("B001"), slots={"plan_term": "12", "plan_amount": "3363.24"}
    )
    got = await ValidatePlanForm().validate_plan_confirmed("首期还款日改成12月5号可以吗", d, at, {})
    assert got == {"plan_confirmed": None}
    assert d.messages[0]["text"].startswith(
        "分期的首期还款日按规则是接受方案满一个月的同一天（今天办理就是2026年12月20日）"
    )
    d = CollectingDispatcher()
    got = await ValidatePlanForm().validate_plan_term(
        "首期能不能改到下个月初", d, tracker(metadata=token_for("B001")), {}
    )
    assert got == {"plan_term": None} and d.messages[0]["text"].startswith("分期的首期还款日按规则")
    # the term said with it is kept (分3期 第一期能不能1月再开始 asked the term again, h26a)
    d = CollectingDispatcher()
    got = await ValidatePlanForm().validate_plan_term(
        "分3期 第一期能不能1月再开始", d, tracker(metadata=token_for("B001")), {}
    )
    assert got == {"plan_term": "3", "form_bad_answers": 0.0} and d.messages[0]["text"].startswith(
        "分期的首期还款日按规则"
    )


@pytest.mark.asyncio
async def test_what_a_plan_costs_and_covers_is_answered_at_its_quote():
    """这多出来的是什么钱 / 分期手续费是多少 / 这1629是两笔都算进去了吗: the penalty rules again, or
    "请回复确认" and the same offer — the plan's own cost was never given."""
    slots = {"plan_amount": "3363.24", "plan_term": "12"}
    d = CollectingDispatcher()
    asked = tracker("分期手续费是多少 年化利率多少", metadata=token_for("B001"), slots=slots)
    got = await ValidatePlanForm().validate_plan_confirmed("分期手续费是多少 年化利率多少", d, asked, {})
    assert got == {"plan_confirmed": None}
    assert d.messages[0]["text"] == (
        "这个方案分的是您今天全部逾期应还的 3363.24 元（各笔借款逾期的本金、利息和截至今天的罚息，合在一起）。"
        "分期的费用只有分期利息：月利率1%（折合年化约12%），按等额每月还 298.82 元，12期共还 3585.84 元，"
        "比现在多付 222.60 元；没有手续费或其他费用。纳入分期的部分从办理起不再产生罚息。"
        "还没到期的各期不在分期里，仍按原来的还款日照常还。"
    )
    d = CollectingDispatcher()
    term = await ValidatePlanForm().validate_plan_term(
        "这多出来的是什么钱", d, tracker(metadata=token_for("B001"), slots={"plan_amount": "3363.24"}), {}
    )
    assert term == {"plan_term": None}
    assert "分3期多付 67.50 元、分6期多付 118.68 元、分12期多付 222.60 元" in d.messages[0]["text"]


@pytest.mark.asyncio
async def test_a_question_about_the_quote_with_a_figure_in_it_changes_nothing():
    """这1629是两笔都算进去了吗, at a 6-month plan's confirmation: 1629 was read as a monthly budget and a
    3-month plan put to the borrower instead."""
    slots = {"plan_amount": "1629.42", "plan_term": "6"}
    d = CollectingDispatcher()
    text = "这1629是两笔都算进去了吗"
    got = await ValidatePlanForm().validate_plan_confirmed(
        text, d, tracker(text, metadata=token_for("B005"), slots=slots), {}
    )
    assert got == {"plan_confirmed": None}
    assert d.messages[0]["text"].startswith("这个方案分的是您今天全部逾期应还的 1629.42 元")
    d = CollectingDispatcher()
    other = await ValidatePlanForm().validate_plan_confirmed(
        "每月五百行不行", d, tracker("每月五百行不行", metadata=token_for("B005"), slots=slots), {}
    )
    assert other["plan_term"] == "6"  # a budget said as one is still quoted (6 months fits 500)


@pytest.mark.asyncio
async def test_the_plan_explained_inside_its_form():
    from actions.relief import ActionExplainPlan

    chosen, _ = await run(
        ActionExplainPlan(), tracker("没到期的还要照常还吗", slots={"plan_amount": "1629.42", "plan_term": "6"})
    )
    assert (
        texts(chosen)[0].startswith("这个方案分的是您今天全部逾期应还的 1629.42 元")
        and "6期共还 1686.90 元" in texts(chosen)[0]
    )
    before, _ = await run(ActionExplainPlan(), tracker("分期手续费多少", slots={"plan_amount": "1629.42"}))
    assert "分3期多付 32.70 元、分6期多付 57.48 元、分12期多付 107.82 元" in texts(before)[0]


@pytest.mark.asyncio
async def test_all_of_it_follows_the_day_when_the_day_moves(demo_store):  # noqa: F811
    """还是全部还 改成下周五: all of it for 11-23 (573.86) stayed 573.86 when the day moved to 11-27."""
    slots = {"promise_amount": "573.86", "promise_date": "2026-11-27"}
    asked, events = await run(ActionAskPromiseConfirmed(), tracker(metadata=token_for("B002"), slots=slots))
    assert asked[0]["text"].startswith(
        "今天逾期应还 573.03 元；罚息每天还在增加，到2026年11月27日要全部还清，需要还 574.96 元"
    )
    assert slot_values(events)["promise_amount"] == "574.96"


@pytest.mark.asyncio
async def test_a_budget_quote_says_what_else_falls_due_in_the_plans_months():
    """每个月最多还300 got 6 months at 281.15, and nothing said the instalments not in the plan
    (526.55 on 11-28, 541.55 on 12-08 …) fall due beside it: 嗯嗯 stored a plan that did not fit."""
    messages, _ = await run(ActionOfferPlan(), tracker("每个月最多还300", metadata=token_for("B005")))
    assert (messages[0]["budget"], messages[0]["months"]) == ("300.00", 6)
    assert messages[1]["text"].split("\n")[:4] == [
        "请注意，还没到期的各期不在分期里，分期期间仍要照常还：",
        "· 2026年11月28日：526.55 元（借款 L5001 第6期）",
        "· 2026年12月8日：541.55 元（借款 L5002 第9期）",
        "· 2027年1月8日：541.55 元（借款 L5002 第10期）",
    ]
    assert messages[1]["text"].endswith(
        "这些月份加上分期的每月 281.15 元，要还的会超过您说的 300.00 元。如果这样还是还不上，可以说“转人工”一起商量。"
    )
    d = CollectingDispatcher()
    slots = {"plan_amount": "573.03", "identity": None}
    await ValidatePlanForm().validate_plan_term("每月300", d, tracker(slots=slots, metadata=token_for("B002")), {})
    assert len(d.messages) == 2 and "871.65 元（借款 L2001 第6期）" in d.messages[1]["text"]
    roomy = CollectingDispatcher()
    await ValidatePlanForm().validate_plan_term("每月1500", roomy, tracker(slots=slots, metadata=token_for("B002")), {})
    assert len(roomy.messages) == 1  # 194.84 + 871.65 fits 1500: nothing more to say


@pytest.mark.asyncio
async def test_the_plan_they_have_is_told_when_asked_about_not_a_new_one_refused():
    """我那个协商分期还剩几期 / 1800分6期每月310.59 利息怎么这么多 got "不能再申请新的协商分期"."""
    left, _ = await run(ActionOfferPlan(), tracker("我那个协商分期还剩几期", metadata=token_for("B006")))
    assert texts(left) == [
        "您的协商分期 P6001：2026年8月1日办理，共6期，已还3期，还剩3期，共 931.77 元。\n"
        "下一期 2026年12月1日 应还 310.59 元，最后一期 2027年2月1日。"
    ]
    cost, _ = await run(ActionOfferPlan(), tracker("1800分6期每月310.59 利息怎么这么多", metadata=token_for("B006")))
    assert texts(cost)[0].endswith(
        "分期的费用只有分期利息：把 1800.00 元分6期，月利率1%，6期共还 1863.54 元，比分期的金额多 63.54 元，"
        "这就是全部利息，没有手续费或其他费用；分期的这部分也不再产生罚息。"
    )
    again, _ = await run(ActionOfferPlan(), tracker("我想再分一次期", metadata=token_for("B006")))
    assert texts(again)[0] == "utter_plan_refused_active_plan"  # a new plan asked: refused, as before


@pytest.mark.asyncio
async def test_another_number_of_days_said_with_a_reason_after_it_is_the_new_choice():
    """ "改成30天吧 还是怕来不及" at 15 days' confirmation re-showed 15, and 确认 stored 15."""
    got = await ValidateExtensionForm().validate_extension_confirmed(
        "改成30天吧 还是怕来不及", CollectingDispatcher(), tracker(slots={"extension_days": "15"}), {}
    )
    assert got == {"extension_days": "30", "extension_confirmed": None, "form_bad_answers": 0.0}


@pytest.mark.asyncio
async def test_a_term_asked_about_is_explained_with_what_falls_due_beside_it():
    from actions.relief import ActionExplainPlan

    messages, _ = await run(
        ActionExplainPlan(),
        tracker(
            "分12期的话一共多出多少钱 那12月10号那期还要另外还吗 那每个月加起来得还多少啊",
            metadata=token_for("B001"),
            slots={"plan_amount": "3363.24"},
        ),
    )
    said = messages[0]["text"]
    assert "12期共还 3585.84 元，比现在多付 222.60 元" in said
    assert said.split("\n")[-2:] == [
        "· 到2026年12月20日：分期 298.82 元 + 2026年12月10日 1100.16 元（借款 L1001 第11期） = 1398.98 元",
        "· 到2027年1月20日：分期 298.82 元 + 2027年1月10日 1100.19 元（借款 L1001 第12期） = 1399.01 元",
    ]


@pytest.mark.asyncio
async def test_negotiating_directly_is_answered_yes_here():
    """那我自己能跟你們談嗎？怎麼談 was not understood (h13 talk): yes, here, no go-between, the ways."""
    from actions.hardship import NEGOTIATE_HERE

    messages, _ = await run(ActionHardship(), tracker("那我自己能跟你们谈吗？怎么谈", intent="explain_hardship"))
    assert texts(messages)[0] == NEGOTIATE_HERE
    assert "utter_hardship_empathy" not in texts(messages)
    assert texts(messages)[1] == "utter_hardship_options_unverified"


@pytest.mark.asyncio
async def test_a_plan_paid_off_early_asked_at_the_quote_is_answered():
    """12期的话中途想提前一次还完可以吗？要不要手续费: the fee answered, the payoff not (h13 talk)."""
    from actions.relief import ActionExplainPlan

    messages, _ = await run(
        ActionExplainPlan(),
        tracker("12期的话中途想提前一次还完可以吗？要不要手续费", slots={"plan_amount": "1629.42"}),
    )
    assert texts(messages)[0].endswith("\n" + wording.PLAN_PAID_OFF_EARLY)
    plain, _ = await run(ActionExplainPlan(), tracker("分期手续费多少", slots={"plan_amount": "1629.42"}))
    assert wording.PLAN_PAID_OFF_EARLY not in texts(plain)[0]


@pytest.mark.asyncio
async def test_two_terms_compared_are_compared():
    """分3期和分6期 利息差多少 got the three quotes, the difference asked for never said."""
    messages, events = await run(
        ActionOfferPlan(), tracker("分3期和分6期 利息差多少", intent="ask_instalment_plan", metadata=token_for("B001"))
    )
    assert messages[-1]["text"] == (
        "分3期和分6期相比：分6期每月少还 563.26 元，但总共多付 51.18 元利息（分3期一共多付 67.50 元，分6期一共多付 118.68 元）。"
    )
    assert "plan_term" not in slot_values(events)  # nothing chosen
    both, _ = await run(
        ActionOfferPlan(), tracker("分3期和分6期都说一下", intent="ask_instalment_plan", metadata=token_for("B001"))
    )
    assert not any((m.get("text") or "").startswith("分3期和分6期相比") for m in both)


@pytest.mark.asyncio
async def test_a_term_not_offered_is_said_not_to_be():
    """能分24期吗 got the 3/6/12 quotes, 24 never mentioned; 那18期呢 got "目前可以选择…"."""
    messages, events = await run(
        ActionOfferPlan(), tracker("能分24期吗", intent="ask_instalment_plan", metadata=token_for("B001"))
    )
    assert messages[0]["text"] == "协商分期只能分3期、6期、12期，没有24期，最长就是12期。"
    assert messages[1]["text"].startswith("可以把您逾期应还的 3363.24 元")
    assert "plan_term" not in slot_values(events)
    dispatcher = CollectingDispatcher()
    form = ValidatePlanForm()
    got = await form.validate_plan_term(
        "那18期呢",
        dispatcher,
        tracker("那18期呢", intent="ask_instalment_plan", metadata=token_for("B001"), slots={"plan_amount": "3363.24"}),
        {},
    )
    assert got == {"plan_term": None, "form_bad_answers": 1.0}
    assert [m["text"] for m in dispatcher.messages] == [
        "协商分期只能分3期、6期、12期，没有18期，最长就是12期；也可以告诉我每个月大概能还多少（例如“每月800”）。"
    ]


@pytest.mark.asyncio
async def test_a_plan_compared_with_an_extension_not_possible_says_so_first():
    """分期和延期哪个更划算啊 (71 days): the plan's quotes only, nothing of the extension."""
    messages, _ = await run(
        ActionOfferPlan(), tracker("分期和延期哪个更划算啊", "ask_instalment_plan", token_for("B001"))
    )
    assert messages[0]["text"] == "延期只能在逾期不超过30天时办理，您已逾期 71 天，办不了延期。"
    assert messages[1]["text"].startswith("可以把您逾期应还的 3363.24 元")
    plain, _ = await run(ActionOfferPlan(), tracker("能分期吗", "ask_instalment_plan", token_for("B001")))
    assert plain[0]["text"].startswith("可以把您逾期应还的 3363.24 元")
    both, _ = await run(ActionOfferPlan(), tracker("分期和延期哪个好", "ask_instalment_plan", token_for("B002")))
    assert both[0]["text"].startswith("可以把您逾期应还的 573.03 元")  # B002 can have either: nothing to say


@pytest.mark.asyncio
async def test_a_promise_after_an_extension_does_not_offer_another_extension(demo_store):  # noqa: F811
    """那我跟你们约12月1号还 行不, right after "一年内只能办一次": "…或者看看能不能申请延期"."""
    from datetime import datetime

    from actions import wording

    demo_store.grant_extension("B002", 15, date(2026, 11, 20), "k:e", datetime(2026, 11, 20, 2, 0))
    messages, _ = await run(
        ActionOfferPromise(), tracker("那我跟你们约12月1号还 行不", "promise_to_pay", token_for("B002"))
    )
    assert texts(messages)[-1].endswith(wording.IF_LATE_AFTER_AN_EXTENSION)
    assert "申请延期" not in texts(messages)[-1]
    # 12月15号要是还不上 再延15天行不 实在不行分期呢: the plan's "nothing overdue" said the same (h25a: it
    # suggested applying for an extension, the day one was granted)
    plan, _ = await run(ActionOfferPlan(), tracker("实在不行分期呢", "ask_instalment_plan", token_for("B002")))
    assert texts(plan)[0] == "utter_plan_refused_nothing_overdue"
    assert texts(plan)[-1].endswith(wording.IF_LATE_AFTER_AN_EXTENSION)


@pytest.mark.asyncio
async def test_another_term_said_with_a_yes_is_quoted_not_the_one_on_the_table_stored():
    """还是12期吧 确认, with 6 on the table: a 6-month plan was stored for someone who had just said 12."""
    slots = {"plan_amount": "3363.24", "plan_term": "6"}
    got = await ValidatePlanForm().validate_plan_confirmed(
        "yes", CollectingDispatcher(), tracker("还是12期吧 确认", "affirm", token_for("B001"), slots=slots), {}
    )
    assert got == {"plan_term": "12", "plan_confirmed": None, "form_bad_answers": 0.0}
    same = await ValidatePlanForm().validate_plan_confirmed(
        "yes", CollectingDispatcher(), tracker("6期 确认", "affirm", token_for("B001"), slots=slots), {}
    )
    assert same == {"plan_confirmed": "yes", "form_bad_answers": 0.0}
    changed = await ValidatePlanForm().validate_plan_confirmed(
        "等下 12期利息太多了 还是6期吧",
        CollectingDispatcher(),
        tracker(
            "等下 12期利息太多了 还是6期吧",
            "ask_penalty_interest",
            token_for("B001"),
            slots={**slots, "plan_term": "12"},
        ),
        {},
    )
    assert changed == {"plan_term": "6", "plan_confirmed": None, "form_bad_answers": 0.0}


@pytest.mark.asyncio
async def test_what_a_plan_or_an_extension_is_said_plainly_first():
    """分期是啥意思我不太懂 … 你说的分期到底是什么意思 (an elderly borrower): never explained."""
    from actions import wording
    from actions.relief import ActionOfferExtension

    own, _ = await run(ActionOfferPlan(), tracker("分期是啥意思我不太懂", "ask_instalment_plan", token_for("B005")))
    assert texts(own)[0] == wording.PLAN_PLAINLY and len(own) > 1
    public, _ = await run(ActionOfferPlan(), tracker("分期是啥意思我不太懂", "ask_instalment_plan"))
    assert texts(public)[0] == wording.PLAN_PLAINLY
    ext, _ = await run(ActionOfferExtension(), tracker("啥叫延期", "ask_extension", token_for("B002")))
    assert texts(ext)[0] == wording.EXTENSION_PLAINLY
    plain, _ = await run(ActionOfferPlan(), tracker("我想分期", "ask_instalment_plan", token_for("B005")))
    assert wording.PLAN_PLAINLY not in texts(plain)


def test_the_plain_example_is_the_plans_own_arithmetic():
    from datetime import date

    from actions import wording
    from rules.relief import plan_quote

    monthly = plan_quote(Decimal("1000.00"), 6, date(2026, 11, 20)).monthly
    assert f"比如1000元分6期，每个月还 {monthly} 元。" in wording.PLAN_PLAINLY


@pytest.mark.asyncio
async def test_part_today_and_the_rest_by_a_day_is_everything_by_that_day(demo_store):  # noqa: F811
    """俺今天先还800 剩下的月底30号还清 给俺记上: stored as 800.00 by the 30th (three corrections
    came back to 800); 月底全部还上 七千六那些 was 7600.00."""
    from actions import wording

    messages, events = await run(
        ActionOfferPromise(),
        tracker("俺今天先还800 剩下的月底30号还清 给俺记上", "promise_to_pay", token_for("B005")),
    )
    assert texts(messages)[0] == wording.part_now_counts(Decimal("800.00"))
    assert slot_values(events)["promise_amount"] == "1629.42" and slot_values(events)["promise_date"] == "2026-11-30"
    _, events = await run(
        ActionOfferPromise(), tracker("我月底30号全部还上 七千六那些", "promise_to_pay", token_for("B004"))
    )
    assert slot_values(events)["promise_amount"] == "7620.01"
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_amount(
        "全部啊 573那些", d, tracker("全部啊 573那些", metadata=token_for("B002")), {}
    )
    assert got["promise_amount"] == "573.03"


@pytest.mark.parametrize(
    "said, part, first, pay_on",
    [
        ("我这周五先还400 剩下的月底还清", "400.00", "今天", "2026-11-30"),  # h30: 7620.01 by the Friday (today)
        ("下周一先还500，剩下的25号还完", "500.00", "2026年11月23日", "2026-11-25"),
        ("下周五先还2000 剩下的月底", "2000.00", "2026年11月27日", "2026-11-30"),
        # h36b: a day of its own, no 先 (a part payment's answer came)
        ("25号能还2000，30号再还剩下的，能这样约吗", "2000.00", "2026年11月25日", "2026-11-30"),
    ],
)
@pytest.mark.asyncio
async def test_a_first_part_on_a_day_and_the_rest_by_a_later_day_is_everything_by_the_later_day(
    demo_store,  # noqa: F811
    said,
    part,
    first,
    pay_on,
):
    messages, events = await run(ActionOfferPromise(), tracker(said, "promise_to_pay", token_for("B004")))
    assert texts(messages)[0] == (
        f"好的。一次只能登记一个还款承诺，所以下面登记的是到那天把逾期的全部还清；{first}先还的 {part} 元算在里面，"
        f"{first}还上的会从里面扣掉，到那天还剩多少就还多少。"
    )
    assert slot_values(events)["promise_amount"] == "7620.01" and slot_values(events)["promise_date"] == pay_on


@pytest.mark.asyncio
async def test_a_term_changed_beside_a_question_is_the_term_put_to_confirm(demo_store):  # noqa: F811
    """h30a: 3期太紧了 6期每个月多少 and 改12期吧，12期一共多还多少利息？ at a plan's confirmation each put
    the term on the table again (a 确认 would have stored it); the new term now, with its cost."""
    from actions import wording
    from rules.relief import plan_quote

    slots = {"plan_amount": "1629.42", "plan_term": "3"}
    got = await ValidatePlanForm().validate_plan_confirmed(
        "3期太紧了 6期每个月多少",
        CollectingDispatcher(),
        tracker("3期太紧了 6期每个月多少", "ask_instalment_plan", token_for("B005"), slots=slots),
        {},
    )
    assert got["plan_term"] == "6" and got["plan_confirmed"] is None
    said = "压力太大了，改12期吧，12期一共多还多少利息？"
    d = CollectingDispatcher()
    got = await ValidatePlanForm().validate_plan_confirmed(
        said,
        d,
        tracker(said, "ask_instalment_plan", token_for("B001"), slots={"plan_amount": "3363.24", "plan_term": "6"}),
        {},
    )
    assert got["plan_term"] == "12" and got["plan_confirmed"] is None
    assert texts(d.messages) == [wording.plan_explained(plan_quote(Decimal("3363.24"), 12, date(2026, 11, 20)))]


@pytest.mark.asyncio
async def test_the_term_wanted_said_with_the_one_denied_is_quoted_again():
    """我要12期的 不是6期, at the 6-month plan's confirmation: "好的，已取消"."""
    slots = {"plan_amount": "3363.24", "plan_term": "6"}
    got = await ValidatePlanForm().validate_plan_confirmed(
        "no", CollectingDispatcher(), tracker("我要12期的 不是6期", "deny", token_for("B001"), slots=slots), {}
    )
    assert got["plan_term"] == "12" and got["plan_confirmed"] is None


@pytest.mark.asyncio
async def test_not_to_be_called_until_the_promise_is_answered_by_the_promise(demo_store):  # noqa: F811
    """周四周五在医院 那两天能别打电话给我吗 钱我下周一就还 (h23b) and 月底发工资了就还 能不能先别催了 (h22a):
    the promise form, the request ignored."""
    from actions import wording

    for text in ("周四周五在医院 那两天能别打电话给我吗 钱我下周一就还", "月底发工资了就还 能不能先别催了"):
        messages, _ = await run(ActionOfferPromise(), tracker(text, "promise_to_pay", token_for("B002")))
        assert texts(messages)[0] == wording.PROMISE_PAUSES, text
    plain, _ = await run(ActionOfferPromise(), tracker("我下周一还", "promise_to_pay", token_for("B002")))
    assert wording.PROMISE_PAUSES not in texts(plain)


@pytest.mark.parametrize(
    "text, amount, pay_on",
    [
        # h25a: each was stored (or offered for 确认) with another figure or day than said
        ("1635我28号拿不出来啊 只能800", "800.00", "2026-11-28"),
        ("月底28号发工资 到时候先还800", "800.00", "2026-11-28"),
        ("之前约了28号还800 能改到30号吗", "800.00", "2026-11-30"),
        ("之前约了28号还800 能改成1000吗", "1000.00", "2026-11-28"),
    ],
)
@pytest.mark.asyncio
async def test_a_promise_is_offered_with_the_figures_said(text, amount, pay_on):
    _, events = await run(ActionOfferPromise(), tracker(text, intent="promise_to_pay", metadata=token_for("B005")))
    assert (slot_values(events)["promise_amount"], slot_values(events)["promise_date"]) == (amount, pay_on)


@pytest.mark.asyncio
async def test_a_form_whose_borrower_can_no_longer_be_told_stops_storing_nothing(demo_store):  # noqa: F811
    """延期7天, sent without the site's token while the extension form was open: "系统暂时出了点问题"
    (the confirmation was built from nobody's ledger, h26b)."""
    from rasa_sdk.events import SlotSet

    from actions.forms import IDENTITY_LOST

    domain = {"forms": {"extension_form": {"required_slots": ["extension_days", "extension_confirmed"]}}, "slots": {}}
    dispatcher = CollectingDispatcher()
    events = await ValidateExtensionForm().run(dispatcher, tracker("延期7天", "ask_extension"), domain)
    assert [m.get("text") for m in dispatcher.messages] == [IDENTITY_LOST]
    assert SlotSet("form_stopped", True) in events
    assert demo_store.extensions("B002") == []
    # with the token, the same answer is read as before
    dispatcher = CollectingDispatcher()
    events = await ValidateExtensionForm().run(
        dispatcher, tracker("延期7天", "ask_extension", token_for("B002")), domain
    )
    assert IDENTITY_LOST not in [m.get("text") for m in dispatcher.messages]


@pytest.mark.asyncio
async def test_a_promise_changed_relative_to_the_one_made(demo_store):  # noqa: F811
    """27號还2000的承诺 能再加500吗 stayed 2000, 是加500 一共2500 became 500, 改到下下周五 金额不变 asked the
    amount again, twice (h26a)."""
    from datetime import datetime

    demo_store.record_promise(
        "B004", Decimal("2000.00"), date(2026, 11, 27), date(2026, 11, 20), "k:p", datetime(2026, 11, 20, 2, 0)
    )
    for text, amount in (
        ("27號还2000的承诺 能再加500吗", "2500.00"),
        ("是加500 一共2500", "2500.00"),
        ("改到下下周五 金额不变", "2000.00"),
    ):
        _, events = await run(ActionOfferPromise(), tracker(text, intent="promise_to_pay", metadata=token_for("B004")))
        assert slot_values(events)["promise_amount"] == amount, text
    # at the confirmation, the one on the table is what 再加 adds to
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_amount(
        "再加300", d, tracker("再加300", metadata=token_for("B004"), slots={"promise_amount": "2500.00"}), {}
    )
    assert got["promise_amount"] == "2800.00"


@pytest.mark.asyncio
async def test_the_amounts_own_words_in_its_slot_are_not_taken_for_the_amount_on_the_table():
    """都还上, where the amount is asked: the slot holds the words until they are read (it crashed)."""
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_amount(
        "都还上", d, tracker("都还上", "promise_to_pay", token_for("B004"), slots={"promise_amount": "都还上"}), {}
    )
    assert got["promise_amount"] == "7620.01"


@pytest.mark.asyncio
async def test_a_term_not_offered_asked_beside_another_lender_is_said_not_offered():
    """h28b: 借呗那边可以协商分期60期 你们能不能也分60期啊 was told 借呗 is not ours to look up, and then
    only the three terms."""
    from actions import wording

    said = "借呗那边可以协商分期60期 你们能不能也分60期啊"
    messages, _ = await run(ActionOfferPlan(), tracker(said, intent="ask_instalment_plan"))
    assert [m.get("text") for m in messages][:2] == [
        "协商分期只能分3期、6期、12期，没有60期，最长就是12期。",
        wording.PLAN_RULE,
    ]


@pytest.mark.asyncio
async def test_more_by_a_few_yuan_is_a_comparison():
    """h28a: 6期呢？6期一共要还多少，比3期多几块钱 got both quotes, not the difference."""
    from actions.relief import COMPARED

    assert COMPARED.search("6期一共要还多少，比3期多几块钱")


@pytest.mark.asyncio
async def test_the_term_of_a_plan_in_hand_is_not_changed_online():
    """h28a: 我后悔了，12期多付了两百多利息，能改成6期吗 (with a plan running) got the penalty rule."""
    messages, _ = await run(
        ActionOfferPlan(), tracker("我后悔了，能改成6期吗", intent="ask_instalment_plan", metadata=token_for("B006"))
    )
    assert [m.get("text") or m.get("response") for m in messages] == [
        "您的分期计划 P6001 已经生效，期数这里不能在线修改，也不能在线撤销。想调整期数，可以转人工，由客服按规定处理；"
        "在那之前请按现在的计划按时还款。",
        "utter_offer_human",
    ]


@pytest.mark.asyncio
async def test_a_fee_of_the_plan_asked_is_answered_with_what_a_longer_term_costs():
    """h29a: 分期有没有手续费 / 期数越长利息总共越多？ got the penalty rule, and a login asked for."""
    from actions import wording

    fee = wording.plan_fee(date(2026, 11, 20))
    assert fee == (
        "协商分期不收手续费、服务费或其他任何费用，只按月利率1%计息，每期等额。期数越长，每期还得越少，但利息总额越多："
        "比如 1000 元，分3期共多付利息 20.06 元、分6期共多付利息 35.30 元、分12期共多付利息 66.20 元。"
    )
    messages, _ = await run(ActionOfferPlan(), tracker("分期有没有手续费", intent="ask_instalment_plan"))
    assert [m.get("text") for m in messages][0] == fee


@pytest.mark.asyncio
async def test_whether_an_instalment_is_in_the_promise_is_answered_and_changes_nothing(demo_store):  # noqa: F811
    """h30a: 28号不是还有一期要到期吗 这个数包括它没, at the confirmation of 1637.03 by the 30th (B005): the
    28th became the promise's day (1635.51). Now: what the amount holds, the instalment due on the 28th
    apart, and nothing changed; 改成28号吧 still moves the day."""
    slots = {"promise_amount": "1637.03", "promise_date": "2026-11-30"}
    said = "28号不是还有一期要到期吗 这个数包括它没"
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, d, tracker(said, "promise_to_pay", token_for("B005"), slots=slots), {}
    )
    assert got == {"promise_confirmed": None}
    assert texts(d.messages) == [
        "这个承诺登记的 1637.03 元，是按已经逾期的款项算的，不包括到2026年11月30日之前才到期的这些，"
        "它们按原来的还款日还，到期那天还上就不会有罚息：\n· 2026年11月28日：526.55 元（借款 L5001 第6期）"
    ]
    moved = await ValidatePromiseForm().validate_promise_confirmed(
        "改成28号吧",
        CollectingDispatcher(),
        tracker("改成28号吧", "promise_to_pay", token_for("B005"), slots=slots),
        {},
    )
    assert moved["promise_date"] == "2026-11-28"


@pytest.mark.asyncio
async def test_whether_an_instalment_is_in_the_promise_asked_as_a_due_date_is_answered(demo_store):  # noqa: F811
    """h30a, live: 28号不是还有一期要到期吗 这个数包括它没 reads as a due-date question beside the promise form
    (the dates alone came and the question went unanswered): what the promise holds, then the form."""
    from rasa_sdk import Tracker

    from actions.overdue import ActionAskDueDate

    said = "28号不是还有一期要到期吗 这个数包括它没"
    t = tracker(
        said, "ask_due_date", token_for("B005"), slots={"promise_amount": "1637.03", "promise_date": "2026-11-30"}
    )
    state = t.current_state()
    state["active_loop"] = {"name": "promise_form"}
    messages, _ = await run(ActionAskDueDate(), Tracker.from_dict(state))
    assert texts(messages) == [
        "这个承诺登记的 1637.03 元，是按已经逾期的款项算的，不包括到2026年11月30日之前才到期的这些，"
        "它们按原来的还款日还，到期那天还上就不会有罚息：\n· 2026年11月28日：526.55 元（借款 L5001 第6期）"
    ]


@pytest.mark.parametrize(
    "said, value, expected",
    [
        # h31a: a no whose reason names a day put a new promise for that day
        ("不要了，那样27号的就没了", "no", {"promise_confirmed": "no"}),
        ("那就不改了，保留12月2号那个", "no", {"promise_confirmed": "no"}),
        # a question about a figure is not another figure (the form became 2000 on the Sunday)
        ("确认，那周日那两千要单独登记吗", None, {"promise_confirmed": None}),
        # the half, said after the whole was turned down (the whole stayed)
        ("哎不行 全部太多了 那天先还一半吧", None, {"promise_amount": "3810.01", "promise_confirmed": None}),
        # still changes: a day proposed, a change word
        ("那下周三行吗", None, {"promise_date": "2026-11-25", "promise_confirmed": None}),
        ("算了 改成下周五", "no", {"promise_date": "2026-11-27", "promise_confirmed": None}),
    ],
)
@pytest.mark.asyncio
async def test_what_a_promises_confirmation_answer_changes(demo_store, said, value, expected):  # noqa: F811
    slots = {"promise_amount": "7620.01", "promise_date": "2026-11-30"}
    got = await ValidatePromiseForm().validate_promise_confirmed(
        value or said, CollectingDispatcher(), tracker(said, "promise_to_pay", token_for("B004"), slots=slots), {}
    )
    got.pop("form_bad_answers", None)
    assert {k: v for k, v in got.items() if k in expected} == expected


@pytest.mark.parametrize(
    "said, expected",
    [
        # a part on one day and the rest by a later one, said again at the confirmation: everything by the
        # later day (it put everything by the Friday)
        ("下礼拜五先还一千 剩下的月底还清", {"promise_amount": "1629.42", "promise_date": "2026-11-30"}),
        # both parts named: their sum, by the later day
        ("还是明天先还五百 剩下的下周五前再还800吧", {"promise_amount": "1300.00", "promise_date": "2026-11-27"}),
    ],
)
@pytest.mark.asyncio
async def test_a_promise_in_two_parts_said_at_the_confirmation(demo_store, said, expected):  # noqa: F811
    slots = {"promise_amount": "1634.75", "promise_date": "2026-11-27"}
    dispatcher = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, dispatcher, tracker(said, "promise_to_pay", token_for("B005"), slots=slots), {}
    )
    assert {k: got.get(k, slots[k]) for k in expected} == expected and got["promise_confirmed"] is None
    assert "请告诉我" not in " ".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.asyncio
async def test_never_mind_then_another_budget_is_the_budget():
    """h31a: 那算了 改成每月三百左右吧, at the 3-month plan's confirmation: "已取消"."""
    slots = {"plan_amount": "1629.42", "plan_term": "3"}
    said = "那算了，改成每月三百左右吧"
    got = await ValidatePlanForm().validate_plan_confirmed(
        "no", CollectingDispatcher(), tracker(said, "deny", token_for("B005"), slots=slots), {}
    )
    assert got["plan_term"] == "6" and got["plan_confirmed"] is None
    plain = await ValidatePlanForm().validate_plan_confirmed(
        "no", CollectingDispatcher(), tracker("算了 不办了", "deny", token_for("B005"), slots=slots), {}
    )
    assert plain["plan_confirmed"] == "no"


@pytest.mark.parametrize(
    "said, expected",
    [
        # h32a: the promise already made stays (3000 on 12-01 was put to replace it)
        ("算了 不改了，还是按原来12月1号那个来", {"promise_confirmed": "no"}),
        ("不要，因為27號那筆我肯定會還的，不能替換掉", {"promise_confirmed": "no"}),
        # a question about replacing, answered, nothing changed
        ("替换掉是啥意思 今天说好还的那一半就不算了？", {"promise_confirmed": None}),
        ("28号还有一期要到期吧，那期算在30号剩下的里面吗", {"promise_confirmed": None}),
    ],
)
@pytest.mark.asyncio
async def test_keeping_the_promise_before_and_questions_at_the_confirmation(demo_store, said, expected):  # noqa: F811
    slots = {"promise_amount": "3000.00", "promise_date": "2026-12-01"}
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, CollectingDispatcher(), tracker(said, "promise_to_pay", token_for("B004"), slots=slots), {}
    )
    got.pop("form_bad_answers", None)
    assert got == expected


@pytest.mark.asyncio
async def test_an_amount_with_todays_instalment_by_the_promised_day(demo_store):  # noqa: F811
    """h32a: at 7655.13 by 12-01, 那金额改成8700吧 把今天这期一起还了 moved the day to today and cut the amount to
    today's 7620.01 ("还上就结清了逾期", untrue for 12-01). The day stays; the cap is what is overdue by 12-01."""
    from rules.overdue import overdue_summary

    slots = {"promise_amount": "7655.13", "promise_date": "2026-12-01"}
    said = "那金额改成8700吧 把今天这期一起还了"
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, CollectingDispatcher(), tracker(said, "promise_to_pay", token_for("B004"), slots=slots), {}
    )
    by_then = overdue_summary(demo_store.ledger("B004"), date(2026, 12, 1)).total
    assert "promise_date" not in got
    assert got["promise_amount"] == str(by_then) and by_then > Decimal("7655.13")


@pytest.mark.asyncio
async def test_two_parts_each_with_an_amount_are_their_sum_by_the_later_day(demo_store):  # noqa: F811
    """h33a: 明天先还500 剩下的下周五前再还1000 put everything (7642.35) by the Friday for someone who said 1500."""
    messages, events = await run(
        ActionOfferPromise(), tracker("明天先还500 剩下的下周五前再还1000", "promise_to_pay", token_for("B004"))
    )
    assert texts(messages)[0] == (
        "好的。一次只能登记一个还款承诺，所以按两笔合计登记：2026年11月21日先还 500.00 元，2026年11月27日前再还 1000.00 元，"
        "合计 1500.00 元，到2026年11月27日为止还上就算兑现。"
    )
    assert slot_values(events)["promise_amount"] == "1500.00" and slot_values(events)["promise_date"] == "2026-11-27"


@pytest.mark.asyncio
async def test_a_quotes_monthly_said_back_is_that_quote_and_a_corrected_budget_is_a_budget():
    """h35b: 那这样我每个月就只用还581了对吧？ (6 × 580.32 on the table) was read as a budget of 580 and the
    12-month plan put to confirm; 多打了个0 是300 kept the 3000-a-month quote; 算了还是3期吧 利息少一点 kept 6."""
    form = ValidatePlanForm()
    slots = {"plan_amount": "3363.24", "plan_term": "6", "identity": None}
    d = CollectingDispatcher()
    back = await form.validate_plan_confirmed("那这样我每个月就只用还580了对吧？", d, tracker(slots=slots), {})
    assert back == {"plan_confirmed": None}
    assert d.messages[0]["text"] == "对，分6期每月还 580.32 元，共还 3481.92 元。"
    corrected = await form.validate_plan_confirmed(
        "多打了个0 是300", CollectingDispatcher(), tracker(slots={**slots, "plan_term": "3"}), {}
    )
    assert corrected["plan_term"] == "12"  # 300 a month fits only 12 × 298.82
    three = await form.validate_plan_confirmed(
        "算了还是3期吧 利息少一点", CollectingDispatcher(), tracker(slots=slots), {}
    )
    assert three["plan_term"] == "3"
    # a budget well apart from the quote is still a budget
    lower = await form.validate_plan_confirmed("每月只能三百", CollectingDispatcher(), tracker(slots=slots), {})
    assert lower["plan_term"] == "12"


@pytest.mark.asyncio
async def test_half_first_and_the_rest_by_a_later_day_is_everything_by_the_later_day(demo_store):  # noqa: F811
    """h36b: 这周日还一半，12月3号把剩下的还清 was put to confirm with no word of the half or of one promise."""
    said = "这周日还一半，12月3号把剩下的还清"
    messages, events = await run(ActionOfferPromise(), tracker(said, "promise_to_pay", token_for("B004")))
    assert texts(messages)[0].startswith(
        "好的。一次只能登记一个还款承诺，所以下面登记的是到那天把逾期的全部还清；2026年11月22日先还的一半算在里面"
    )
    assert slot_values(events)["promise_amount"] == "7620.01" and slot_values(events)["promise_date"] == "2026-12-03"


@pytest.mark.asyncio
async def test_what_a_promise_of_everything_leaves_out_is_said_and_can_be_put_in(demo_store):  # noqa: F811
    """h36b: 我下周五能把欠的全部还上 put 7642.35 by 11-27 — today's instalment (1033.62, due today) unsaid, and
    overdue itself by then; 那期算不算在里面 got the whole breakdown."""
    from rules.overdue import overdue_summary

    everything = overdue_summary(demo_store.ledger("B004"), date(2026, 11, 27)).total
    slots = {"promise_amount": "7642.35", "promise_date": "2026-11-27"}
    messages, _ = await run(ActionAskPromiseConfirmed(), tracker(metadata=token_for("B004"), slots=slots))
    assert texts(messages)[0] == (
        "注意：这个金额是已经逾期的部分，不包括到2026年11月27日之前到期的这些，它们按原来的还款日还，到期那天还上就没有罚息：\n"
        "· 2026年11月20日（今天到期）：1033.62 元（借款 L4001 第22期）\n"
        f"如果到2026年11月27日它们也没还，也会逾期；想连它们一起承诺，到那天一共是 {everything} 元，说“连这期一起”就按这个金额登记。"
    )
    # asked to confirm again: not said twice
    said_before = [{"event": "action", "name": "action_offer_promise"}, {"event": "bot", "text": texts(messages)[0]}]
    again, _ = await run(
        ActionAskPromiseConfirmed(), tracker(metadata=token_for("B004"), slots=slots, events=said_before)
    )
    assert [t for t in texts(again) if t.startswith("注意：")] == []
    # 连这期一起: everything by that day
    got = await ValidatePromiseForm().validate_promise_confirmed(
        "那就连这期一起",
        CollectingDispatcher(),
        tracker("那就连这期一起", "affirm", token_for("B004"), slots=slots),
        {},
    )
    assert got["promise_amount"] == str(everything) and got["promise_confirmed"] is None
    # 那期算不算在里面: answered, nothing changed — today's instalment named
    d = CollectingDispatcher()
    said = "等等，今天不是还有一期到期吗？那期算不算在里面？"
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, d, tracker(said, "check_overdue", token_for("B004"), slots=slots), {}
    )
    assert got == {"promise_confirmed": None}
    assert "· 2026年11月20日（今天到期）：1033.62 元（借款 L4001 第22期）" in d.messages[0]["text"]


@pytest.mark.asyncio
async def test_the_latest_day_a_promise_may_take_is_said(demo_store):  # noqa: F811
    """h36b: 那最晚能约到哪天 got the overdue summary and the due dates."""
    from tests.unit.nlu.test_signals import decided_for

    said = "那最晚能约到哪天？"
    assert decided_for(said, "ask_due_date") == "promise_to_pay"
    latest = "还款承诺的日期最晚可以约到2026年12月4日（今天起14天以内）。再晚的日期不能在这里登记承诺；到时还不上的话，可以转人工商量别的办法。"
    messages, _ = await run(ActionOfferPromise(), tracker(said, "promise_to_pay", token_for("B004")))
    assert texts(messages)[0] == latest
    d = CollectingDispatcher()
    slots = {"promise_amount": "3000.00", "promise_date": "2026-11-30"}
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, d, tracker(said, "promise_to_pay", token_for("B004"), slots=slots), {}
    )
    assert got == {"promise_confirmed": None} and d.messages[0]["text"] == latest


@pytest.mark.asyncio
async def test_a_question_about_calls_at_a_promises_confirmation_changes_nothing(demo_store):  # noqa: F811
    """h37b: 27号我先还了3000以后，到3号之前你们还会打电话催我吗 — the promise put became 3000 by the 27th."""
    slots = {"promise_amount": "8701.52", "promise_date": "2026-12-03"}
    said = "27号我先还了3000以后，到3号之前你们还会打电话催我吗？"
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, d, tracker(said, "ask_contact_policy", token_for("B004"), slots=slots), {}
    )
    assert got == {"promise_confirmed": None} and d.messages[0]["text"] == wording.PROMISE_PAUSES


@pytest.mark.asyncio
async def test_another_day_put_as_a_question_at_the_confirmation_is_read(demo_store):  # noqa: F811
    """h37b: 那5号周六呢，周末发工资 (12-05, past the 14 days) got "请回复确认" and the same prompt."""
    slots = {"promise_amount": "7664.71", "promise_date": "2026-12-04"}
    said = "那5号周六呢，周末发工资"
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, d, tracker(said, "promise_to_pay", token_for("B004"), slots=slots), {}
    )
    assert got.get("form_stopped") is True
    assert (
        d.messages[0]["response"] == "utter_promise_too_far" and d.messages[0]["last_day"] == "2026年12月4日（星期五）"
    )


@pytest.mark.asyncio
async def test_an_instalment_due_after_the_promise_asked_into_it_is_said_to_fall_after(demo_store):  # noqa: F811
    """h37b: 我说了12月10号那期1100.16也要加进去, promising everything by 12-04 — 1100.16 was put in its place."""
    slots = {"promise_amount": "3385.02", "promise_date": "2026-12-04"}
    said = "我说了12月10号那期1100.16也要加进去"
    d = CollectingDispatcher()
    got = await ValidatePromiseForm().validate_promise_confirmed(
        said, d, tracker(said, "promise_to_pay", token_for("B001"), slots=slots), {}
    )
    assert got == {"promise_confirmed": None}
    assert d.messages[0]["text"].startswith(
        "2026年12月10日：1100.16 元（借款 L1001 第11期）在承诺的日期（2026年12月4日）之后才到期"
    )


@pytest.mark.asyncio
async def test_the_extensions_conditions_asked_are_said_before_why_not_now(demo_store):  # noqa: F811
    """h37a: 延期有啥条件 多久能办一次 (B003, nothing overdue) got only "您目前没有逾期的款项，不需要延期"."""
    messages, _ = await run(
        ActionOfferExtension(), tracker("延期有啥条件 多久能办一次", "ask_extension", token_for("B003"))
    )
    assert texts(messages)[:2] == [wording.EXTENSION_RULE, "utter_extension_refused_nothing_overdue"]
