"""Complaints, contact history, contact controls and what overdue means, over the real store."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.conduct import (
    ActionContactPolicy,
    ActionCreditRecord,
    ActionOfferContactControl,
    ActionOverdueConsequences,
    ActionPreventionTips,
    ActionStartComplaint,
    ActionSubmitComplaint,
    ActionSubmitContactControl,
    ActionSubmitReminder,
    ValidateComplaintForm,
    ValidateContactControlForm,
)
from tests.unit.actions.test_questions_and_identity import (  # noqa: F401
    CONVERSATION,
    demo_store,
    run,
    texts,
    token_for,
    tracker,
)
from tests.unit.actions.test_relief import slot_values


@pytest.mark.asyncio
async def test_the_first_message_fills_what_it_says():
    _, events = await run(
        ActionStartComplaint(),
        tracker("昨晚十点多催收打电话骂我", intent="report_improper_collection", metadata=token_for("B004")),
    )
    slots = slot_values(events)
    assert (slots["complaint_category"], slots["complaint_when"], slots["open_flow"]) == (
        "abusive_language",
        "2026-11-19 昨晚十点",
        "complaint",
    )
    assert "complaint_caller" not in slots and "complaint_others" not in slots
    assert slots["complaint_text"] == "昨晚十点多催收打电话骂我"


@pytest.mark.asyncio
async def test_a_place_in_the_story_is_not_someone_contacted():
    """我在公司上班的时候…: the complaint's "who else was contacted" was filled with 公司."""
    _, events = await run(
        ActionStartComplaint(),
        tracker(
            "我在公司上班的时候他们连打了五个电话骂我", intent="report_improper_collection", metadata=token_for("B004")
        ),
    )
    assert "complaint_others" not in slot_values(events)
    _, told = await run(
        ActionStartComplaint(),
        tracker("他们打电话到我公司 领导都知道了", intent="report_improper_collection", metadata=token_for("B004")),
    )
    assert slot_values(told)["complaint_others"] == "公司、领导"


@pytest.mark.asyncio
async def test_a_complaint_about_a_payment_that_does_not_show_gets_the_ledger_not_the_complaint_form():
    messages, events = await run(
        ActionStartComplaint(),
        tracker("我要投诉，钱扣了没到账", intent="report_improper_collection", metadata=token_for("B002")),
    )
    assert messages[0]["text"].startswith("我们最近收到的还款：\n· 2026年11月16日：300.00 元（借款 L2001 第5期）")
    assert [b["title"] for b in messages[-1]["buttons"]] == ["转人工核实", "怎么还款"]
    slots = slot_values(events)
    assert slots["open_flow"] is None and "complaint_text" not in slots


@pytest.mark.parametrize("said", ["你们烦不烦", "天天打电话烦死了"])
@pytest.mark.asyncio
async def test_contacts_felt_too_many_before_verification_get_the_rule_not_a_login(said):
    """h35a: an anonymous 你们烦不烦 began the complaint's verification ("请输入…手机号码")."""
    messages, events = await run(ActionStartComplaint(), tracker(said, intent="report_improper_collection"))
    assert texts(messages) == [
        "抱歉让您觉得烦了。按我们的规定，电话只在每天 8:00–21:00 之间打，一天最多 3 次，也不会跟您的家人、同事说欠款的事。",
        "想看我们具体联系了您几次，或者改成只发短信、只在某个时段联系，需要先验证身份；觉得我们的人违规了，可以登记投诉。",
    ]
    assert [b["title"] for b in messages[-1]["buttons"]] == ["验证身份", "登记投诉", "转人工"]
    assert slot_values(events)["needs_verification"] is False and "pending_request" not in slot_values(events)


@pytest.mark.asyncio
async def test_a_complaint_before_verification_hears_the_rules_and_why_we_ask_who_they_are():
    messages, events = await run(
        ActionStartComplaint(), tracker("催收天天打给我老板 这算不算违规", intent="report_improper_collection")
    )
    assert texts(messages) == ["utter_complaint_before_verification", "utter_need_verification"]
    slots = slot_values(events)
    assert (slots["pending_request"], slots["needs_verification"], slots["open_flow"]) == (
        "action_start_complaint",
        True,
        None,
    )


@pytest.mark.parametrize(
    "text, category",
    [
        # Insulted and threatened with the family being told: the threat (urgent) is the category.
        ("就这两天 都是晚上 那人骂我骗子 说要让我全家都知道", "threats"),
        ("说让你单位都知道你欠钱不还", "threats"),
        ("打电话说他是XX区法院的 骂我老赖", "impersonation"),
        ("他骂我", "abusive_language"),
        # a curse and a picture to be sent to the contacts: filed as "contacted a third party"
        ("你们的人昨天打电话骂我 说我全家死光 还说要把我照片P成通缉令发到通讯录里", "threats"),
    ],
)
def test_the_most_serious_conduct_named_is_the_category(text, category):
    from parsing.values import complaint_category

    assert complaint_category(text) == category


@pytest.mark.asyncio
async def test_a_complaint_about_a_day_we_did_not_contact_them_warns_of_fraud(demo_store):  # noqa: F811
    slots = {
        "complaint_category": "impersonation",
        "complaint_text": "打电话说他是区法院的 骂我老赖 这是你们的人吗",
        "complaint_when": "2026-11-19 昨天",
        "complaint_caller": "不详",
        "complaint_others": "无",
    }
    messages, _ = await run(ActionSubmitComplaint(), tracker(metadata=token_for("B002"), slots=slots))
    assert texts(messages)[1] == (
        "我们的联系记录里，2026年11月19日没有我们联系您的记录，对方可能不是我们的人。如果有人自称我们的工作人员、"
        "法院或警察，请谨防诈骗：不要向任何个人账户转账，还款只走App和官方渠道。工单里已经记下，核实后会答复您。"
    )
    assert texts(messages)[2] == "utter_complaint_next_steps"


@pytest.mark.asyncio
async def test_unknown_answers_can_be_skipped():
    form = ValidateComplaintForm()
    assert (await form.validate_complaint_caller("不清楚", CollectingDispatcher(), tracker(), {}))[
        "complaint_caller"
    ] == "不详"
    assert (await form.validate_complaint_others("没有", CollectingDispatcher(), tracker(), {}))[
        "complaint_others"
    ] == "无"
    assert (await form.validate_complaint_caller("工号C-215", CollectingDispatcher(), tracker(), {}))[
        "complaint_caller"
    ] == "C-215"
    assert (await form.validate_complaint_category("冒充公检法或律师", CollectingDispatcher(), tracker(), {}))[
        "complaint_category"
    ] == "impersonation"


@pytest.mark.asyncio
async def test_the_kind_answered_with_a_story_keeps_the_time_and_who_else_too():
    """上周三晚上11点多打电话骂我 号码95开头的, as the answer to "which kind": the time and the caller
    were asked again (and the words lost); the button's word alone fills the kind only."""
    form = ValidateComplaintForm()
    got = await form.validate_complaint_category(
        "上周三晚上11点多打电话骂我 号码95开头的",
        CollectingDispatcher(),
        tracker(slots={"complaint_text": "我要投诉你们催收"}),
        {},
    )
    assert got == {
        "complaint_category": "abusive_language",
        "complaint_when": "2026-11-11 上周三晚上11点",
        "complaint_caller": "95开头的号码",
        "complaint_text": "我要投诉你们催收；上周三晚上11点多打电话骂我 号码95开头的",
        "form_bad_answers": 0.0,
    }
    plain = await form.validate_complaint_category("辱骂", CollectingDispatcher(), tracker(), {})
    assert plain == {"complaint_category": "abusive_language", "form_bad_answers": 0.0}
    known = await form.validate_complaint_category(
        "昨晚骂我", CollectingDispatcher(), tracker(slots={"complaint_when": "2026-11-18"}), {}
    )
    assert "complaint_when" not in known  # what was told before is not overwritten


@pytest.mark.asyncio
async def test_an_answer_that_belongs_to_another_question_goes_there():
    """Nothing stored where it does not belong: 我要投诉 is no time, a time given for the caller is
    the time, a number given for "who else" is the caller, and part of a number is kept."""
    form = ValidateComplaintForm()
    d = CollectingDispatcher()
    got = await form.validate_complaint_when("我要投诉", d, tracker(), {})
    assert got == {"complaint_when": None, "form_bad_answers": 1.0}
    assert d.messages[0]["text"] == "好的，正在为您登记投诉，还差这一个问题；不记得可以说“不清楚”，我直接登记。"
    twice = await form.validate_complaint_when("我就是要投诉", d, tracker(slots={"form_bad_answers": 1.0}), {})
    assert twice == {"complaint_when": "不详", "form_bad_answers": 0.0}  # not kept as the time
    none_yet = await form.validate_complaint_when("昨晚十点多", d, tracker(), {})
    assert none_yet["complaint_when"] != "不详"
    caller = CollectingDispatcher()
    asked_again = await form.validate_complaint_caller("我要投诉", caller, tracker(), {})
    assert asked_again == {"complaint_caller": None, "form_bad_answers": 1.0}  # it was kept as the caller
    assert caller.messages[0]["text"].startswith("好的，正在为您登记投诉")
    others = await form.validate_complaint_others("我要投诉", CollectingDispatcher(), tracker(), {})
    assert others == {"complaint_others": None, "form_bad_answers": 1.0}
    again = await form.validate_complaint_when("说了你们去查啊", d, tracker(slots={"form_bad_answers": 1.0}), {})
    assert again == {"complaint_when": "说了你们去查啊", "form_bad_answers": 0.0}  # taken as written, never a trap
    late = await form.validate_complaint_caller(
        "昨晚23:30左右", CollectingDispatcher(), tracker(slots={"complaint_when": "不详"}), {}
    )
    assert late == {"complaint_when": "2026-11-19 昨晚", "complaint_caller": None}
    number = await form.validate_complaint_others(
        "号码 010-6555xxxx", CollectingDispatcher(), tracker(slots={"complaint_caller": "不详"}), {}
    )
    assert number == {"complaint_caller": "010-6555开头的号码", "complaint_others": None}
    again = await form.validate_complaint_caller(
        "昨天上午九点多", CollectingDispatcher(), tracker(slots={"complaint_when": "2026-11-19 昨晚"}), {}
    )
    assert again == {"complaint_caller": None, "form_bad_answers": 1.0}
    part = await form.validate_complaint_caller("好像是95开头的号码 记不全了", CollectingDispatcher(), tracker(), {})
    assert part["complaint_caller"] == "95开头的号码"


@pytest.mark.asyncio
async def test_filing_names_every_breach_and_the_regulator(demo_store):
    slots = {
        "complaint_category": "threats",
        "complaint_text": "催收说要让我坐牢还打给我同事",
        "complaint_when": "2026-11-19",
        "complaint_caller": "C-215",
        "complaint_others": "同事",
    }
    messages, _ = await run(ActionSubmitComplaint(), tracker(metadata=token_for("B004"), slots=slots))
    (ticket,) = demo_store.complaints("B004")
    assert messages[0]["text"].startswith(
        f"已为您登记投诉，工单号 {ticket.ticket}（类别：威胁恐吓）。我们会在2小时内答复您"
    )
    # What the ticket holds is said back, so a wrong detail can be put right (it was filed unseen).
    assert messages[0]["text"].split("\n", 1)[1] == (
        "登记的内容：\n· 时间：2026年11月19日\n· 来电号码或工号：C-215\n· 被联系的其他人：同事\n"
        "· 您说的经过：“催收说要让我坐牢还打给我同事”\n有不对或要补充的，直接说“补充：……”，会加到这张工单里。"
    )
    assert messages[1]["text"] == (
        "我们核对了您的联系记录，以下联系不符合规定，已附在工单里：\n"
        "· 11月18日 22:40 的来电不符合我们的联系时间规定（只在 8:00–21:00 联系）\n"
        "· 11月19日 09:15 的来电（联系的是 周杰）联系了您没有授权的人，不符合我们的规定\n"
        "· 11月19日 09:15 的来电（联系的是 周杰）不符合紧急联系人规定（您此前7天内可以联系上，不应联系紧急联系人）"
    )
    assert messages[2]["response"] == "utter_complaint_next_steps"
    again, _ = await run(ActionSubmitComplaint(), tracker(metadata=token_for("B004"), slots=slots))
    assert again[0]["text"].startswith(f"这条投诉我们已经收到过，工单号 {ticket.ticket}")
    assert len(demo_store.complaints("B004")) == 1
    assert (ticket.urgency, ticket.caller, ticket.others_contacted) == ("urgent", "C-215", "同事")


@pytest.mark.asyncio
async def test_history_of_b001():
    messages, _ = await run(
        ActionContactPolicy(), tracker("你们联系过我几次", intent="ask_contact_policy", metadata=token_for("B001"))
    )
    assert messages[0]["response"] == "utter_contact_policy"
    assert messages[1]["text"] == (
        "您的联系记录：\n· 短信：共 2 次，最近一次 2026年10月11日 09:02\n· 电话：共 2 次，最近一次 2026年10月12日 14:00\n"
        "· 邮件：共 1 次，最近一次 2026年10月25日 10:00\n联系过您的紧急联系人：\n"
        "· 2026年11月1日 11:00 致电 张建国（父亲），目的：请对方转告您与我们联系"
    )


@pytest.mark.asyncio
async def test_the_history_names_what_broke_the_policy():
    """B004's log has a call at 22:40 and a call to a colleague he never authorised: the history
    says they broke our rules and offers the complaint, not only lists them."""
    messages, _ = await run(
        ActionContactPolicy(), tracker("我妈说你们打她电话了", intent="ask_contact_policy", metadata=token_for("B004"))
    )
    (said,) = [m for m in messages if (m.get("text") or "").startswith("您的联系记录里，以下联系不符合我们的规定：")]
    assert said["text"] == (
        "您的联系记录里，以下联系不符合我们的规定：\n"
        "· 11月18日 22:40 的来电不符合我们的联系时间规定（只在 8:00–21:00 联系）\n"
        "· 11月19日 09:15 的来电（联系的是 周杰）联系了您没有授权的人，不符合我们的规定\n"
        "· 11月19日 09:15 的来电（联系的是 周杰）不符合紧急联系人规定（您此前7天内可以联系上，不应联系紧急联系人）\n"
        "这是我们的问题，很抱歉。可以说“投诉”登记，我们会核查处理并答复您。"
    )
    assert [b["title"] for b in said["buttons"]] == ["投诉"]


@pytest.mark.asyncio
async def test_unverified_person_gets_the_policy_only():
    messages, _ = await run(ActionContactPolicy(), tracker("你们会打给我家人吗", intent="ask_contact_policy"))
    assert texts(messages) == ["utter_contact_policy", "utter_contact_history_needs_verification"]


@pytest.mark.parametrize(
    "text, change",
    [
        ("别再给我爸打电话了", {"kind": "withdraw", "name": "张建国", "relation": "父亲"}),
        ("不要联系张建国", {"kind": "withdraw", "name": "张建国", "relation": "父亲"}),
        ("只在上午联系我", {"kind": "hours", "start": "08:00", "end": "12:00"}),
        ("下午2点到5点打给我", {"kind": "hours", "start": "14:00", "end": "17:00"}),
        ("以后只发短信别打电话", {"kind": "channel", "channel": "sms"}),
    ],
)
@pytest.mark.asyncio
async def test_contact_controls_are_read_and_named_back(text, change):
    import json

    _, events = await run(
        ActionOfferContactControl(), tracker(text, intent="request_stop_contacting_others", metadata=token_for("B001"))
    )
    stored = json.loads(slot_values(events)["contact_change"])
    stored.pop("contact_id", None)
    assert stored == change


@pytest.mark.asyncio
async def test_every_contact_stopped_is_said_not_to_be_a_setting_before_the_ones_there_are():
    """帮我把所有的联系方式都关了 got the three settings, the request itself never answered."""
    messages, events = await run(
        ActionOfferContactControl(),
        tracker(
            "帮我把所有的联系方式都关了 我不想再收到任何消息",
            intent="request_stop_contacting_others",
            metadata=token_for("B001"),
        ),
    )
    assert texts(messages)[0] == (
        "完全停止联系我们做不到：我们只按联系规则联系您——还款日前3天一条提醒短信，逾期后才有催收的短信和电话"
        "（只在 8:00–21:00 之间，次数有上限；紧急联系人只在规定的情况下联系，而且只请对方转告您）。"
        "按时还款、还上逾期的款项，或者办理分期、延期后，联系会随之减少。下面这些可以由您来定："
    )
    assert texts(messages)[1].startswith("您可以：撤回某位紧急联系人的授权")
    assert "contact_change" not in slot_values(events)
    both, both_events = await run(
        ActionOfferContactControl(),
        tracker(
            "那能不能这段时间别给我打电话发短信了", intent="request_stop_contacting_others", metadata=token_for("B001")
        ),
    )
    assert texts(both)[0].startswith("完全停止联系我们做不到")  # not "以后只通过短信联系您，对吗？"
    assert "contact_change" not in slot_values(both_events)
    one, _ = await run(
        ActionOfferContactControl(),
        tracker("能调整一下联系方式吗", intent="request_stop_contacting_others", metadata=token_for("B001")),
    )
    assert texts(one)[0].startswith("您可以：")


@pytest.mark.parametrize("text", ["晚上10点以后再打", "我上夜班 白天睡觉 改成晚上十点到十二点打给我"])
@pytest.mark.asyncio
async def test_hours_outside_the_window_are_explained(text):
    messages, events = await run(
        ActionOfferContactControl(),
        tracker(text, intent="request_stop_contacting_others", metadata=token_for("B001")),
    )
    assert texts(messages) == ["utter_hours_outside_window"]
    assert "contact_change" not in slot_values(events) and slot_values(events)["open_flow"] is None


@pytest.mark.asyncio
async def test_another_change_at_the_confirmation_is_asked_about_again():
    """Asked to confirm 08:00–12:00, the borrower says "还是7点以后吧": 19:00–21:00 is asked about
    instead (not "请回复确认" until the form stops); early morning is explained, nothing changed."""
    import json

    asked = {"contact_change": '{"kind": "hours", "start": "08:00", "end": "12:00"}'}
    form = ValidateContactControlForm()
    d = CollectingDispatcher()
    got = await form.validate_contact_control_confirmed(
        "还是7点以后吧", d, tracker("还是7点以后吧", metadata=token_for("B001"), slots=asked), {}
    )
    assert json.loads(got.pop("contact_change")) == {"kind": "hours", "start": "19:00", "end": "21:00"}
    assert got == {"contact_control_confirmed": None, "form_bad_answers": 0.0} and d.messages == []
    d = CollectingDispatcher()
    got = await form.validate_contact_control_confirmed(
        "早上6点以后", d, tracker("早上6点以后", metadata=token_for("B001"), slots=asked), {}
    )
    assert got == {"contact_control_confirmed": None} and d.messages[0]["response"] == "utter_hours_outside_window"
    # "不对，…" reads as a no: the change it names is asked about, nothing is cancelled.
    d = CollectingDispatcher()
    got = await form.validate_contact_control_confirmed(
        "no", d, tracker("不对，还是傍晚七点以后吧", "deny", metadata=token_for("B001"), slots=asked), {}
    )
    assert json.loads(got.pop("contact_change")) == {"kind": "hours", "start": "19:00", "end": "21:00"}
    assert got == {"contact_control_confirmed": None, "form_bad_answers": 0.0}
    plain = await form.validate_contact_control_confirmed(
        "no", d, tracker("不要了", "deny", metadata=token_for("B001"), slots=asked), {}
    )
    assert plain == {"contact_control_confirmed": "no", "form_bad_answers": 0.0}


@pytest.mark.asyncio
async def test_withdrawal_is_stored_and_shown(demo_store):
    _, events = await run(
        ActionOfferContactControl(),
        tracker("别再打给我爸了", intent="request_stop_contacting_others", metadata=token_for("B001")),
    )
    change = slot_values(events)["contact_change"]
    done, _ = await run(
        ActionSubmitContactControl(),
        tracker(metadata=token_for("B001"), slots={"contact_change": change, "contact_control_confirmed": "yes"}),
    )
    assert (
        done[0]["text"] == "已撤回 张建国 的紧急联系人授权，之后的每一次联系都会按这个设置执行，我们不会再联系 张建国。"
    )
    assert demo_store.emergency_contacts("B001")[0].authorized is False
    shown, _ = await run(ActionContactPolicy(), tracker(intent="ask_contact_policy", metadata=token_for("B001")))
    assert "· 紧急联系人 张建国（父亲）：未授权，不会联系" in shown[2]["text"]


@pytest.mark.asyncio
async def test_two_changes_asked_together_are_confirmed_and_stored_together(demo_store):  # noqa: F811
    """别再打我爸电话了 … 以后只能晚上7点以后打给我: both asked, both confirmed, both kept — and a
    second change named at the confirmation joins the first instead of replacing it."""
    import json

    from actions.conduct import ActionAskContactControlConfirmed

    text = "别再打我爸电话了！他身体不好 以后只能晚上7点以后打给我"
    _, events = await run(
        ActionOfferContactControl(), tracker(text, intent="request_stop_contacting_others", metadata=token_for("B001"))
    )
    both = slot_values(events)["contact_change"]
    assert [c["kind"] for c in json.loads(both)] == ["withdraw", "hours"]
    asked, _ = await run(
        ActionAskContactControlConfirmed(), tracker(metadata=token_for("B001"), slots={"contact_change": both})
    )
    assert asked[0]["text"] == (
        "跟您确认这几项设置：\n1）撤回 张建国（父亲）的紧急联系人授权，之后不再联系 张建国\n"
        "2）以后只在每天 19:00–21:00 之间联系您\n都确认吗？"
    )
    done, _ = await run(
        ActionSubmitContactControl(),
        tracker(metadata=token_for("B001"), slots={"contact_change": both, "contact_control_confirmed": "yes"}),
    )
    assert [m["text"][:9] for m in done] == ["已撤回 张建国 的", "已设置：以后只在每"]
    assert demo_store.emergency_contacts("B001")[0].authorized is False
    # At the confirmation of one, another of a different kind joins it.
    withdraw = json.dumps(
        {"kind": "withdraw", "contact_id": 1, "name": "张建国", "relation": "父亲"}, ensure_ascii=False
    )
    got = await ValidateContactControlForm().validate_contact_control_confirmed(
        "以后只能晚上7点以后打给我",
        CollectingDispatcher(),
        tracker("以后只能晚上7点以后打给我", metadata=token_for("B002"), slots={"contact_change": withdraw}),
        {},
    )
    assert [c["kind"] for c in json.loads(got["contact_change"])] == ["withdraw", "hours"]


@pytest.mark.asyncio
async def test_consequences_are_personal_and_truthful():
    messages, _ = await run(
        ActionOverdueConsequences(), tracker(intent="ask_overdue_consequences", metadata=token_for("B001"))
    )
    assert messages[1]["text"].startswith("就您的情况：您目前最长已逾期 71 天，逾期应还共 3363.24 元。已经超过30天")
    short, _ = await run(
        ActionOverdueConsequences(), tracker(intent="ask_overdue_consequences", metadata=token_for("B002"))
    )
    assert "还没有超过30天，我们不会联系您的紧急联系人。" in short[1]["text"]
    credit, _ = await run(ActionCreditRecord(), tracker(intent="ask_credit_record", metadata=token_for("B003")))
    assert credit[1]["text"] == "您目前没有逾期的款项，按时还款就不会产生新的罚息或新的逾期记录。"


@pytest.mark.asyncio
async def test_reminder_offer_is_stored(demo_store):
    _, events = await run(ActionPreventionTips(), tracker(intent="ask_prevention_tips", metadata=token_for("B001")))
    assert slot_values(events)["open_flow"] == "reminder"
    done, _ = await run(
        ActionSubmitReminder(), tracker(metadata=token_for("B001"), slots={"reminder_confirmed": "yes"})
    )
    assert texts(done) == ["utter_reminder_set"] and demo_store.preferences("B001").reminders is True
    again, events = await run(ActionPreventionTips(), tracker(intent="ask_prevention_tips", metadata=token_for("B001")))
    assert texts(again) == ["utter_prevention_tips", "utter_reminders_already_on"]


@pytest.mark.asyncio
async def test_a_category_set_from_the_first_message_passes_validation_again():
    result = await ValidateComplaintForm().validate_complaint_category(
        "abusive_language", CollectingDispatcher(), tracker(), {}
    )
    assert result == {"complaint_category": "abusive_language", "form_bad_answers": 0.0}


@pytest.mark.parametrize(
    "action, text, point",
    [
        (
            "penalty",
            "罚息能不能免掉 我只还本金行不行",
            "罚息按合同规则计算，这里不能在线减免；欠款的本金和利息也不能在线打折或免掉。",
        ),
        ("penalty", "就是减免 我还五千 剩下的你们给免了 中不中", "罚息按合同规则计算，这里不能在线减免；"),
        ("contact", "我听说逾期了你们会爆通讯录 是不是真的", "不会“爆通讯录”：我们不会读取或保存您手机里的通讯录"),
        ("penalty", "利率18%是不是太高了 合法吗", "罚息按每天0.05%计，折合年化18.25%"),
        ("penalty", "罚息是不是超过了法律上限", "罚息按每天0.05%计，折合年化18.25%"),
        ("penalty", "延期这15天里还会继续算罚息吗", "办理延期后，逾期各期的还款日往后移"),
        ("consequences", "失信名单到底会不会上？", "单纯的借款逾期不会直接进失信被执行人名单"),
        ("credit", "会上人行征信还是百行", "您这笔借款报送到哪个征信机构"),
        ("consequences", "逾期会不会影响孩子以后考公务员啊", "关于家人：逾期记录只记在您本人的征信报告上"),
        ("consequences", "会不会来我家上门啊", "按我们的联系规则，我们只通过短信、电话和邮件联系您，没有上门催收"),
        ("credit", "延期以后还会上征信吗", "办理分期或延期，已经发生的逾期记录不会因此消除"),
        ("consequences", "會不會連累家裡人", "关于家人：逾期记录只记在您本人的征信报告上"),
        ("credit", "我上了征信 我儿子政审会受影响吗", "关于家人：逾期记录只记在您本人的征信报告上"),
        ("credit", "听说有个一次性信用修复 我能用吗", "关于一次性信用修复政策：2020年1月1日至2025年12月31日"),
    ],
)
@pytest.mark.asyncio
async def test_the_point_a_rule_question_asks_is_answered_after_the_rule(action, text, point):
    """The rule alone answered 罚息能免吗 / 合法吗 / 失信吗 with the same formula or text."""
    from actions.overdue import ActionAskPenaltyInterest

    actions = {
        "penalty": (ActionAskPenaltyInterest(), "ask_penalty_interest"),
        "consequences": (ActionOverdueConsequences(), "ask_overdue_consequences"),
        "credit": (ActionCreditRecord(), "ask_credit_record"),
        "contact": (ActionContactPolicy(), "ask_contact_policy"),
    }
    act, intent = actions[action]
    for metadata in (None, token_for("B001")):  # before verification and after
        messages, _ = await run(act, tracker(text, intent=intent, metadata=metadata))
        assert [m["text"] for m in messages if (m.get("text") or "").startswith(point)], messages
    plain, _ = await run(act, tracker("罚息怎么算" if action == "penalty" else "会怎样", intent=intent))
    assert not [m for m in plain if (m.get("text") or "").startswith(point)]


def test_the_credit_repair_deadline_is_said_as_passed_or_to_come():
    from datetime import date

    from actions.wording import credit_repair_point

    assert "这个还清的期限已经过了" in credit_repair_point("信用修复", date(2026, 11, 20))
    assert "需要在2026年3月31日前全额还清" in credit_repair_point("信用修复", date(2026, 2, 1))
    assert credit_repair_point("征信多久恢复", date(2026, 11, 20)) is None


@pytest.mark.asyncio
async def test_moving_the_due_date_is_answered_before_the_dates():
    from actions.conduct import ActionPreventionTips
    from actions.overdue import ActionAskDueDate

    point = "还款日是借款合同约定的，这里不能在线修改。"
    due, _ = await run(ActionAskDueDate(), tracker("能不能改成每月15号还", "ask_due_date", token_for("B003")))
    assert due[0]["text"].startswith(point) and len(due) > 1
    tips, _ = await run(ActionPreventionTips(), tracker("还款日能不能调到工资日之后", "ask_prevention_tips"))
    assert tips[0]["text"].startswith(point) and tips[1]["response"] == "utter_prevention_tips"
    plain, _ = await run(ActionAskDueDate(), tracker("我几号还款", "ask_due_date", token_for("B003")))
    assert not plain[0].get("text", "").startswith(point)


@pytest.mark.parametrize(
    "borrower, text, first",
    [
        ("B001", "你们是不是给我爸打电话了？", "我们联系过 张建国（父亲）1 次，最近一次是 2026年11月1日"),
        (
            "B002",
            "你们有没有打我老公电话",
            "我们的记录里没有联系过 王强（配偶）；如果有人以我们的名义联系了对方，那不在我们的记录里，您说的我们一样会登记核查。",
        ),
        (
            "B004",
            "你们打我同事电话了吧",
            "我们联系过 周杰（同事）1 次，最近一次是 2026年11月19日 09:15，目的是请对方转告您与我们联系；对方不是您授权的联系人",
        ),
        (
            "B001",
            "你们是不是打我同事电话了",
            "您登记的紧急联系人里没有您的同事，我们的记录里也没有联系过登记名单以外的人。",
        ),
        ("B003", "你们联系过我老婆吗", "您登记的紧急联系人里没有您的配偶，我们的记录里也没有联系过登记名单以外的人。"),
    ],
)
@pytest.mark.asyncio
async def test_did_you_call_my_father_is_answered_yes_or_no_first(borrower, text, first):
    messages, _ = await run(
        ActionContactPolicy(), tracker(text, intent="ask_contact_policy", metadata=token_for(borrower))
    )
    assert texts(messages)[0] == "utter_contact_policy"
    assert messages[1]["text"].startswith(first), messages[1]["text"]
    assert messages[2]["text"].startswith("您的联系记录：")


@pytest.mark.parametrize(
    "borrower, text, on_file",
    [
        (
            "B003",
            "她又不是我紧急联系人 你们哪来的号码",
            "您登记的紧急联系人是 王丽（姐妹，已授权）：是您申请借款时自己填写的，号码也来自您填写的资料，我们没有从别处获取。"
            "如果不想让我们联系王丽，说“撤回王丽的授权”，马上生效。如果您确实没有填写过，请转人工核查。",
        ),
        (
            "B004",
            "我根本没填过紧急联系人",
            "您登记的紧急联系人是 刘红（母亲，已授权）、周杰（同事，未授权）：是您申请借款时自己填写的，号码也来自您填写的资料，"
            "我们没有从别处获取。如果不想让我们联系刘红，说“撤回刘红的授权”，马上生效。如果您确实没有填写过，请转人工核查。",
        ),
    ],
)
@pytest.mark.asyncio
async def test_a_contact_disputed_is_answered_with_who_is_on_file(borrower, text, on_file):
    """她又不是我紧急联系人 你们哪来的号码 (B003, whose sister is authorised): the rules and the
    history, the question unanswered."""
    messages, _ = await run(
        ActionContactPolicy(), tracker(text, intent="ask_contact_policy", metadata=token_for(borrower))
    )
    assert on_file in texts(messages)
    plain, _ = await run(
        ActionContactPolicy(), tracker("你们一般怎么联系我", intent="ask_contact_policy", metadata=token_for(borrower))
    )
    assert not any(t.startswith("您登记的紧急联系人是") for t in texts(plain))


@pytest.mark.asyncio
async def test_a_contact_taken_back_at_the_confirmation_is_dropped_and_several_contacts_are_kept(demo_store):  # noqa: F811
    import json

    from parsing.contact_changes import changes_from_slot

    _, events = await run(
        ActionOfferContactControl(),
        tracker(
            "别给我同事周杰打电话了，我妈那边也别打了，要联系就发短信",
            intent="request_stop_contacting_others",
            metadata=token_for("B004"),
        ),
    )
    asked = slot_values(events)["contact_change"]
    # 周杰 is no authorised contact (said so); 刘红 and the SMS are asked about together.
    assert [(c["kind"], c.get("name")) for c in json.loads(asked)] == [("withdraw", "刘红"), ("channel", None)]
    form = ValidateContactControlForm()
    got = await form.validate_contact_control_confirmed(
        "等等，我妈那个先保留，只改短信",
        CollectingDispatcher(),
        tracker("等等，我妈那个先保留，只改短信", metadata=token_for("B004"), slots={"contact_change": asked}),
        {},
    )
    assert [type(c).__name__ for c in changes_from_slot(got["contact_change"])] == ["ContactChannel"]
    kept = await form.validate_contact_control_confirmed(
        "我妈还是保留吧",
        CollectingDispatcher(),
        tracker("我妈还是保留吧", metadata=token_for("B004"), slots={"contact_change": asked}),
        {},
    )
    assert [type(c).__name__ for c in changes_from_slot(kept["contact_change"])] == ["ContactChannel"]
    assert kept["contact_control_confirmed"] is None


def test_the_due_date_reminder_line_says_what_is_sent_either_way():
    from actions.wording import contact_settings
    from loan_store.conduct import Preferences

    off = contact_settings(Preferences(), [])
    assert "· 还款日前提醒：按联系规则到期前3天发一条提醒（短信）" in off
    # by the channel chosen: calls only sends it by e-mail (h34b: the forecast said SMS to one who refused it)
    calls = contact_settings(Preferences(channel="call"), [])
    assert "· 还款日前提醒：按联系规则到期前3天发一条提醒（您只要电话，提醒改用邮件）" in calls
    email = contact_settings(Preferences(channel="email"), [])
    assert "· 还款日前提醒：按联系规则到期前3天发一条提醒（邮件）" in email
    on = contact_settings(Preferences(reminders=True), [])
    assert "· 还款日前提醒：已开启（到期前3天发一条提醒；绑定了微信服务号的，发到微信）" in on


@pytest.mark.asyncio
async def test_words_added_to_a_filed_complaint_are_kept_with_it_not_filed_anew(demo_store):  # noqa: F811
    """我想补充一下刚才的投诉… opened a second complaint form; 不是新投诉，是给工单…补充 looped."""
    from rules.calendar import utc_now

    first, _ = demo_store.file_complaint("B004", "c1", "abusive_language", "催收员骂我", None, None, None, utc_now())
    before = len(demo_store.complaints("B004"))
    messages, events = await run(
        ActionStartComplaint(),
        tracker("我想补充一下刚才的投诉，那个催收员还骂我是老赖", "report_improper_collection", token_for("B004")),
    )
    assert texts(messages) == [
        f"已把您补充的内容记到投诉 {first.ticket} 里：“那个催收员还骂我是老赖”。处理的同事会一并核查，答复时间不变。"
    ]
    assert slot_values(events)["open_flow"] is None
    assert demo_store.complaint_notes(first.ticket) == ["那个催收员还骂我是老赖"]
    assert len(demo_store.complaints("B004")) == before
    assert demo_store.complaints("B004")[-1].description == "催收员骂我"  # the complaint itself unchanged
    # The number alone: the words are asked for; a number that is not theirs is said so.
    asked, _ = await run(
        ActionStartComplaint(),
        tracker(f"不是新投诉，是给工单 {first.ticket} 补充情况", "report_improper_collection", token_for("B004")),
    )
    assert texts(asked)[0].startswith(f"好的，是补充投诉 {first.ticket}。请把要补充的内容发给我")
    other, _ = await run(
        ActionStartComplaint(),
        tracker("给工单 T20261120ZZZZZZ 补充：他还骂人", "report_improper_collection", token_for("B001")),
    )
    assert texts(other) == ["您名下没有编号为 T20261120ZZZZZZ 的投诉，请核对一下编号；也可以直接说要投诉的情况。"]
    assert demo_store.complaint_notes(first.ticket) == ["那个催收员还骂我是老赖"]
    # With no complaint filed, an addition is a complaint: the form starts.
    new, events = await run(
        ActionStartComplaint(),
        tracker("补充一下 催收昨晚11点打电话骂我", "report_improper_collection", token_for("B002")),
    )
    assert texts(new)[0] == "utter_complaint_sorry" and slot_values(events)["open_flow"] == "complaint"


@pytest.mark.asyncio
async def test_conduct_told_beside_a_question_gets_a_complaint_offered_not_begun(demo_store):  # noqa: F811
    """催收说要上门 还说要通知我单位，是真的吗？我会坐牢吗: the question was answered, then a complaint
    form began unasked (and the next question was taken for its time)."""
    whole = "催收说要起诉我还要上门，还说要通知我单位，是真的吗？我会坐牢吗"
    meta = {**token_for("B004"), "whole_message": whole}
    messages, events = await run(
        ActionStartComplaint(),
        tracker("催收说要起诉我还要上门，还说要通知我单位，", "report_improper_collection", meta),
    )
    assert texts(messages) == [
        "您说的催收人员的这些说法和做法，不符合我们的规定。需要的话，我可以帮您登记投诉，我们会核查处理并答复您。"
    ]
    assert messages[0]["buttons"] == [
        {"title": "登记投诉", "payload": "/report_improper_collection"},
        {"title": "不用了", "payload": "/deny"},
    ]
    assert slot_values(events)["open_flow"] is None
    # Asked for in the same message (我要投诉), or alone, the form begins.
    asked = {**token_for("B004"), "whole_message": "我要投诉 催收说要上门 这合法吗"}
    begun, events = await run(
        ActionStartComplaint(), tracker("我要投诉 催收说要上门", "report_improper_collection", asked)
    )
    assert texts(begun)[0] == "utter_complaint_sorry" and slot_values(events)["open_flow"] == "complaint"
    alone, events = await run(
        ActionStartComplaint(), tracker("催收说要上门", "report_improper_collection", token_for("B004"))
    )
    assert texts(alone)[0] == "utter_complaint_sorry" and slot_values(events)["open_flow"] == "complaint"


@pytest.mark.asyncio
async def test_a_relative_who_is_no_contact_is_said_so_and_nobody_else_offered(demo_store):  # noqa: F811
    """我要撤回我妈的紧急联系人 (B002's only contact is her husband): it offered to withdraw him, twice."""
    messages, events = await run(
        ActionOfferContactControl(),
        tracker("我要撤回我妈的紧急联系人", "request_stop_contacting_others", token_for("B002")),
    )
    assert texts(messages)[0] == (
        "您登记的紧急联系人里没有您的母亲，我们不会联系不在您名单里的人。如果有人以我们的名义联系了您的母亲，可以说“投诉”登记，我们会核查。"
    )
    assert slot_values(events)["open_flow"] is None and "contact_change" not in slot_values(events)
    mine, events = await run(
        ActionOfferContactControl(),
        tracker("别再打我老公王强电话了", "request_stop_contacting_others", token_for("B002")),
    )
    assert slot_values(events)["open_flow"] == "contact_control"


@pytest.mark.asyncio
async def test_a_detail_named_as_going_into_the_complaint_is_added(demo_store):  # noqa: F811
    from actions.conduct import ActionAddToComplaint
    from rules.calendar import utc_now

    first, _ = demo_store.file_complaint("B005", "c5", "abusive_language", "催收骂我", None, None, None, utc_now())
    messages, _ = await run(ActionAddToComplaint(), tracker("工号好像是A1023", "inform", token_for("B005")))
    assert texts(messages) == [
        f"已把您补充的内容记到投诉 {first.ticket} 里：“工号好像是A1023”。处理的同事会一并核查，答复时间不变。"
    ]
    _, events = await run(
        ActionStartComplaint(), tracker("把工号B2048加到投诉里", "report_improper_collection", token_for("B005"))
    )
    assert demo_store.complaint_notes(first.ticket) == ["工号好像是A1023", "工号B2048"]
    assert slot_values(events)["open_flow"] is None


@pytest.mark.asyncio
async def test_an_addition_with_no_complaint_to_add_to_says_where_it_can_go(demo_store):  # noqa: F811
    """补充 from someone not verified, or with no complaint: "这条消息我暂时没能处理好" (utter_default)."""
    from actions.conduct import ADD_NEEDS_VERIFYING, NOTHING_TO_ADD_TO, ActionAddToComplaint

    anonymous, _ = await run(ActionAddToComplaint(), tracker("补充一下 他用的号码是170开头的", "inform"))
    assert texts(anonymous) == [ADD_NEEDS_VERIFYING]
    assert [b["payload"] for b in anonymous[0]["buttons"]] == ["/start_verification", "/request_human"]
    none, _ = await run(ActionAddToComplaint(), tracker("补充一下 他用的号码是170开头的", "inform", token_for("B003")))
    assert texts(none) == [NOTHING_TO_ADD_TO]
    assert demo_store.complaints("B003") == []


@pytest.mark.asyncio
async def test_another_lenders_collectors_are_said_not_to_be_ours_and_no_complaint_is_begun(demo_store):  # noqa: F811
    """借呗的催收天天打电话骂我 began a complaint about our collectors (after a phone number); 微粒贷的
    催收说要上门 是你们的人吗 offered one."""
    from actions.conduct import ActionContactPolicy

    messages, events = await run(
        ActionStartComplaint(), tracker("借呗的催收天天打电话骂我", "report_improper_collection")
    )
    assert texts(messages) == [
        "借呗不是我们的产品，它的催收人员也不是我们的人，我们查不到、也管不了那边的催收。遇到威胁、辱骂或到家里、单位骚扰，"
        "可以向借呗的官方客服投诉，也可以拨打12378（银行保险消费者投诉热线）；人身安全受到威胁请报警（110）。"
        "我们的人员不会上门，只通过短信、电话和邮件联系，时间只在每天 8:00–21:00。"
    ]
    assert messages[0]["buttons"] == [{"title": "是自称你们的人，我要投诉", "payload": "/report_improper_collection"}]
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}["open_flow"] is None
    asked, _ = await run(
        ActionContactPolicy(), tracker("微粒贷的催收说要上门 是你们的人吗", "ask_contact_policy", token_for("B003"))
    )
    assert texts(asked)[0].startswith("微粒贷不是我们的产品，它的催收人员也不是我们的人")
    assert texts(asked)[1] == "utter_contact_policy"
    own, _ = await run(
        ActionStartComplaint(), tracker("催收天天打电话骂我", "report_improper_collection", token_for("B004"))
    )
    assert texts(own)[0] == "utter_complaint_sorry"  # our own collectors: the complaint, as before


@pytest.mark.asyncio
async def test_calls_felt_too_many_get_the_rule_and_the_log_not_a_complaint_form(demo_store):  # noqa: F811
    """天天打电话烦死了 began the complaint form (and elsewhere was told it broke our rules)."""
    messages, events = await run(
        ActionStartComplaint(), tracker("天天打电话烦死了", "report_improper_collection", token_for("B002"))
    )
    (said,) = texts(messages)
    assert said.startswith(
        "理解，电话多确实让人心烦。我们的规定是：逾期第3天起才可能打电话，每天最多3次，只在 8:00–21:00。"
    )
    assert "最近7天我们没有给您打过电话，发了 1 条短信或邮件。如果接到的电话比这多" in said
    four, _ = await run(
        ActionStartComplaint(), tracker("你们一直打电话 烦死了", "report_improper_collection", token_for("B004"))
    )
    assert "最近7天我们给您打了 2 次电话（一天最多 1 次）。其中有不符合规定的联系，可以点“登记投诉”" in texts(four)[0]
    assert [b["title"] for b in messages[0]["buttons"]] == ["只发短信", "只在下午联系", "登记投诉"]
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}["open_flow"] is None
    assert demo_store.complaints("B002") == []
    told, _ = await run(
        ActionStartComplaint(), tracker("我要投诉 天天打电话烦死了", "report_improper_collection", token_for("B002"))
    )
    assert texts(told)[0] == "utter_complaint_sorry"  # a complaint asked for is one


@pytest.mark.asyncio
async def test_a_complaint_about_the_assistant_goes_to_a_person_not_the_collectors_form(demo_store):  # noqa: F811
    """我要投诉这个机器人 opened the collectors' complaint form and ended with "no contact of ours that day"."""
    messages, events = await run(
        ActionStartComplaint(), tracker("我要投诉这个机器人 答非所问", "report_improper_collection", token_for("B001"))
    )
    (handoff,) = demo_store.handoffs(CONVERSATION)
    assert texts(messages)[0] == "很抱歉我的回答没能帮到您。您的意见已经写进转人工的请求里，人工客服会看到这段对话。"
    assert messages[1]["response"] == "utter_handoff_created" and handoff.summary.startswith("【对在线助手不满】")
    assert demo_store.complaints("B001") == []
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}["open_flow"] is None


@pytest.mark.asyncio
async def test_a_supervisor_asked_for_is_noted_and_said(demo_store):  # noqa: F811
    from actions.handoff import ActionRequestHuman

    messages, _ = await run(ActionRequestHuman(), tracker("不要客服 我要主管 经理", "request_human", token_for("B001")))
    (handoff,) = demo_store.handoffs(CONVERSATION)
    assert handoff.summary.startswith("【要求主管处理】")
    assert texts(messages)[1] == "您要求由主管处理，这一点已经注明在请求里，会由主管或值班负责人跟进。"


@pytest.mark.asyncio
async def test_is_this_legal_is_answered_before_a_complaint_is_offered(demo_store):  # noqa: F811
    """你们那个催收员说我再不还就要去我公司闹 这样合法吗 began the complaint form; the question was never answered."""
    messages, events = await run(
        ActionStartComplaint(),
        tracker("你们那个催收员说我再不还就要去我公司闹 这样合法吗", "report_improper_collection", token_for("B001")),
    )
    assert texts(messages)[0].startswith("不合法，也不符合我们的规定")
    assert messages[0]["buttons"][0] == {"title": "登记投诉", "payload": "/report_improper_collection"}
    assert slot_values(events)["open_flow"] is None
    asked, _ = await run(
        ActionStartComplaint(),
        tracker("我要投诉 催收说要去我公司闹 这合法吗", "report_improper_collection", token_for("B001")),
    )
    assert texts(asked)[0] == "utter_complaint_sorry"  # a complaint asked for is begun


@pytest.mark.asyncio
async def test_a_complaint_naming_a_relative_first_hears_what_our_log_holds_of_them():
    """我妈说你们半夜给她打电话 began the form and never said whether we had called her."""
    messages, events = await run(
        ActionStartComplaint(),
        tracker("我妈说你们半夜给她打电话 这事我要个说法", "report_improper_collection", token_for("B004")),
    )
    assert texts(messages)[:2] == [
        "utter_complaint_sorry",
        "先说我们的记录：我们联系过 刘红（母亲）1 次，最近一次是 2026年6月10日 15:00，目的是请对方转告您与我们联系。",
    ]
    assert slot_values(events)["open_flow"] == "complaint"  # the form goes on: the complaint is theirs to make
    never, _ = await run(
        ActionStartComplaint(),
        tracker("你们催收打电话给我老公骂人 我要投诉", "report_improper_collection", token_for("B002")),
    )
    assert texts(never)[1] == (
        "先说我们的记录：我们的记录里没有联系过 王强（配偶）；如果有人以我们的名义联系了对方，那不在我们的记录里，您说的我们一样会登记核查。"
    )
    nobody, _ = await run(
        ActionStartComplaint(), tracker("昨晚十点多催收打电话骂我", "report_improper_collection", token_for("B004"))
    )
    assert not any("先说我们的记录" in (t or "") for t in texts(nobody))


@pytest.mark.asyncio
async def test_a_legal_notice_asked_about_gets_what_we_send_and_our_log():
    """我收到短信说已移交法务 是你们发的吗 got what being overdue means."""
    from actions import wording

    messages, _ = await run(
        ActionOverdueConsequences(),
        tracker("我收到短信说已移交法务 是你们发的吗", "ask_overdue_consequences", token_for("B002")),
    )
    assert texts(messages) == [
        wording.LEGAL_NOTICE_CHECK,
        "我们的记录里最近联系您的是：\n· 2026年11月16日 09:00 短信（逾期提醒）\n· 2026年11月12日 09:00 短信（到期提醒）",
    ]
    anonymous, _ = await run(
        ActionOverdueConsequences(), tracker("我收到短信说已移交法务 是你们发的吗", "ask_overdue_consequences")
    )
    assert texts(anonymous) == [wording.LEGAL_NOTICE_CHECK]
    # 今天有个自称法院的人打电话说要立案抓我 是你们的人吗: a call, and no arrest for a debt (h13 talk)
    called, _ = await run(
        ActionOverdueConsequences(),
        tracker("今天有个自称法院的人打电话说要立案抓我，是你们的人吗", "ask_overdue_consequences", token_for("B002")),
    )
    assert texts(called)[0] == wording.CALLED_AS_A_COURT
    assert texts(called)[1].startswith("我们的记录里最近联系您的是：")


@pytest.mark.asyncio
async def test_a_stay_in_hospital_is_heard_before_the_contact_settings():
    """住院这段时间能不能别打电话 got the settings menu only."""
    from actions import wording

    messages, _ = await run(
        ActionOfferContactControl(),
        tracker("住院这段时间能不能别打电话", "request_stop_contacting_others", token_for("B001")),
    )
    assert messages[0]["text"] == wording.PAUSE_FOR_HARDSHIP
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工"]
    assert messages[1]["text"].startswith("您可以：撤回某位紧急联系人的授权")


@pytest.mark.asyncio
async def test_details_said_at_a_later_step_are_all_kept():
    """昨天早上九点多 打电话的还说我不还就让我坐牢 工号好像是C-215, at "when": only the time was taken,
    the agent's id was asked again, and the threat was lost from the ticket."""
    form = ValidateComplaintForm()
    slots = {"complaint_category": "abusive_language", "complaint_text": "催收打电话骂我"}
    got = await form.validate_complaint_when(
        "昨天早上九点多 打电话的还说我不还就让我坐牢 工号好像是C-215",
        CollectingDispatcher(),
        tracker(slots=slots),
        {},
    )
    assert got == {
        "complaint_when": "2026-11-19 昨天早上九点",
        "complaint_caller": "C-215",
        "complaint_category": "threats",
        "complaint_text": "催收打电话骂我；昨天早上九点多 打电话的还说我不还就让我坐牢 工号好像是C-215",
        "form_bad_answers": 0.0,
    }
    plain = await form.validate_complaint_when("昨晚十点多", CollectingDispatcher(), tracker(slots=slots), {})
    assert plain == {"complaint_when": "2026-11-19 昨晚十点", "form_bad_answers": 0.0}


def test_telling_a_spouse_and_a_visit_to_the_workplace_are_named():
    """你们的人跟我老公说我欠钱不还 named no kind; 再不还就去我单位 was taken as "who else"."""
    from parsing.values import complaint_category

    assert complaint_category("你们的人跟我老公说我欠钱不还") == "third_party"
    assert complaint_category("那人还说再不还就去我单位") == "threats"
    assert complaint_category("我去单位上班了") is None


@pytest.mark.asyncio
async def test_a_change_of_mind_after_suan_le_is_another_change_and_late_hours_end_at_nine():
    """以后只在中午12点到1点 → 算了还是改成晚上8点到10点吧: "好的，这些都先不改" and cancelled."""
    import json

    form = ValidateContactControlForm()
    asked = {"contact_change": '{"kind": "hours", "start": "12:00", "end": "13:00"}'}
    d = CollectingDispatcher()
    got = await form.validate_contact_control_confirmed(
        "算了还是改成晚上8点到10点吧",
        d,
        tracker("算了还是改成晚上8点到10点吧", metadata=token_for("B002"), slots=asked),
        {},
    )
    assert json.loads(got.pop("contact_change")) == {"kind": "hours", "start": "20:00", "end": "21:00"}
    assert got == {"contact_control_confirmed": None, "form_bad_answers": 0.0}
    assert d.messages[0]["text"] == "我们最晚只在 21:00 前、最早 08:00 后联系，所以按 20:00–21:00 为您设置。"


@pytest.mark.asyncio
async def test_a_question_at_a_complaint_detail_is_not_kept_as_the_detail():
    """你们自己系统里查不到吗 还问我 was filed as "来电号码或工号：你们自己系统里查不到吗 还问我"."""
    from actions.conduct import CHECKED_AGAINST_LOG

    form = ValidateComplaintForm()
    d = CollectingDispatcher()
    got = await form.validate_complaint_caller("你们自己系统里查不到吗 还问我", d, tracker(), {})
    assert got == {"complaint_caller": "不详", "form_bad_answers": 0.0}
    assert d.messages[0]["text"] == CHECKED_AGAINST_LOG
    again = await form.validate_complaint_when(
        "你们为啥要催我 是不是搞错人了", CollectingDispatcher(), tracker(slots={"form_bad_answers": 1.0}), {}
    )
    assert again["complaint_when"] == "不详"


@pytest.mark.asyncio
async def test_a_call_made_while_a_contact_was_authorised_is_not_called_a_breach_after_a_withdrawal(demo_store):
    """After 刘红's authorisation was withdrawn, the June call to her was called a breach."""
    from datetime import datetime

    from actions.conduct import ActionContactHistory

    (mother,) = [c for c in demo_store.emergency_contacts("B004") if c.name == "刘红"]
    demo_store.withdraw_authorisation("B004", mother.id, datetime(2026, 11, 20, 1, 0))
    messages, _ = await run(
        ActionContactHistory(), tracker("你们是不是给我妈打过电话", "ask_contact_policy", token_for("B004"))
    )
    assert texts(messages)[0] == (
        "我们联系过 刘红（母亲）1 次，最近一次是 2026年6月10日 15:00，目的是请对方转告您与我们联系；"
        "当时对方是您授权的联系人，您现在已经撤回授权，以后不会再联系对方。"
    )


@pytest.mark.asyncio
async def test_a_family_member_cannot_handle_the_loan_for_the_borrower():
    """我老公能不能以后帮我处理 你们跟他说就行 got the whole contact policy and log."""
    messages, _ = await run(
        ActionContactPolicy(),
        tracker("我老公能不能以后帮我处理 你们跟他说就行", "ask_contact_policy", token_for("B002")),
    )
    assert any((t or "").startswith("为了保护您的隐私，借款的事只能和您本人沟通") for t in texts(messages))


@pytest.mark.asyncio
async def test_consequences_say_nobody_is_called_when_no_contact_is_authorised(demo_store):
    """After 刘红 was withdrawn, B004 was still told "我们可能联系您授权的紧急联系人"; and 你们真的会去我单位吗
    got the same block again without "we never come to your workplace"."""
    from datetime import datetime

    (mother,) = [c for c in demo_store.emergency_contacts("B004") if c.name == "刘红"]
    demo_store.withdraw_authorisation("B004", mother.id, datetime(2026, 11, 20, 1, 0))
    messages, _ = await run(
        ActionOverdueConsequences(), tracker("你们真的会去我单位吗", "ask_overdue_consequences", token_for("B004"))
    )
    said = texts(messages)
    assert any(
        (t or "").startswith("按我们的联系规则，我们只通过短信、电话和邮件联系您，没有上门催收，也不会到您的单位找您")
        for t in said
    )
    assert "但您现在没有授权的紧急联系人，我们不会联系您的任何亲友。" in said[-1]


@pytest.mark.asyncio
async def test_calls_felt_too_many_with_settings_already_made_say_them(demo_store):
    """cnm 天天打电话, already set to SMS only, 19:00–20:00: "可以设成只发短信" and a 只在下午联系 button."""
    from datetime import datetime

    demo_store.set_preferences(
        "B004", datetime(2026, 11, 20, 1, 0), window_start="19:00", window_end="20:00", channel="sms"
    )
    messages, _ = await run(
        ActionStartComplaint(), tracker("cnm 天天打电话", "report_improper_collection", token_for("B004"))
    )
    assert "您已经设置了只用短信联系、只在 19:00–20:00 联系，之后的联系都按这个来" in messages[0]["text"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["登记投诉"]


@pytest.mark.asyncio
async def test_a_time_and_a_number_said_at_who_else_are_kept_and_who_else_asked_again():
    """上周二下午 号码是0755开头的, at "who else was contacted": stored as the others contacted."""
    got = await ValidateComplaintForm().validate_complaint_others(
        "上周二下午 号码是0755开头的", CollectingDispatcher(), tracker(slots={"complaint_when": None}), {}
    )
    assert got == {
        "complaint_when": "2026-11-10 上周二下午",
        "complaint_caller": "0755开头的号码",
        "complaint_others": None,
    }


def test_a_call_near_eleven_at_night_is_outside_the_hours():
    from parsing.values import complaint_category

    assert complaint_category("前天晚上快11点了还打电话给我") == "outside_hours"


@pytest.mark.asyncio
async def test_a_time_the_form_filled_itself_is_not_added_to_the_description():
    """The first message's time, validated again when the form starts, joined the description."""
    got = await ValidateComplaintForm().validate_complaint_when(
        "2026-11-18 前天晚上十点",
        CollectingDispatcher(),
        tracker(slots={"complaint_text": "前天晚上十点四十催收打电话骂我"}),
        {},
    )
    assert got == {"complaint_when": "2026-11-18 前天晚上十点", "form_bad_answers": 0.0}


@pytest.mark.asyncio
async def test_an_in_law_named_in_a_complaint_is_looked_up_too():
    """我婆婆说你们打电话到她那去了: the complaint began with nothing said of her."""
    messages, _ = await run(
        ActionStartComplaint(),
        tracker("我婆婆说你们打电话到她那去了 她都八十多了 吓得不轻", "report_improper_collection", token_for("B004")),
    )
    assert texts(messages)[1] == (
        "先说我们的记录：您登记的紧急联系人里没有您的公婆或岳父母，我们的记录里也没有联系过登记名单以外的人。"
    )


@pytest.mark.asyncio
async def test_a_frozen_card_asked_about_is_answered_truthfully():
    """会不会冻结我银行卡 / 那银行卡会被冻结吗: the same consequences text twice, cards never named."""
    messages, _ = await run(ActionOverdueConsequences(), tracker("那银行卡会被冻结吗", "ask_overdue_consequences"))
    assert (
        texts(messages)
        == [  # the point asked first, then the rules (h27b)
            "关于银行卡：我们不能冻结您的银行卡、工资卡或任何账户，也不会这样做；冻结存款只有法院在诉讼或强制执行中"
            "依法才能做（包括法院依申请采取的财产保全），都会有法院的法律文书。自动扣款只会从您绑定的还款卡扣当期应还的金额。",
            "utter_overdue_consequences",
        ]
    )


@pytest.mark.asyncio
async def test_too_little_money_in_the_card_on_the_day_is_answered():
    """卡里钱不够会怎样 got the general consequences, the debit day never named."""
    messages, _ = await run(
        ActionOverdueConsequences(), tracker("到时候卡里钱不够扣会怎样", "ask_overdue_consequences")
    )
    tips, _ = await run(ActionPreventionTips(), tracker("到时候卡里钱不够扣会怎样", "ask_prevention_tips"))
    assert texts(tips)[:2] == [texts(messages)[0], "utter_prevention_tips"]
    assert (
        texts(messages)
        == [  # the point asked first, then the rules (h27b)
            "关于卡里钱不够：到了还款日余额不够，自动扣款会扣不成功；还款日当天还不算逾期，过了还款日还没还上的部分才算逾期，"
            "从逾期第一天起按未还本金每天0.05%计罚息，除此之外没有其他违约金或扣款失败的费用。钱到了可以随时在App里"
            "点“立即还款”手动还；预计凑不齐的话，最好在还款日前说：可以申请延期、协商分期，或者登记一个还款承诺。",
            "utter_overdue_consequences",
        ]
    )


@pytest.mark.asyncio
async def test_a_reminder_a_week_ahead_is_said_to_be_three_days(demo_store):  # noqa: F811
    """能不能提前一周提醒我还款 got "到期前3天" in passing and an offer, the week never answered."""
    messages, _ = await run(
        ActionPreventionTips(), tracker("能不能提前一周提醒我还款", "ask_prevention_tips", token_for("B003"))
    )
    assert texts(messages)[0] == (
        "还款提醒的时间按联系规则是每期到期前3天，这里不能改成更早；想更早记着，可以在手机日历里给每期还款日"
        "提前设一个提醒。"
    )
    plain, _ = await run(ActionPreventionTips(), tracker("怎么避免逾期", "ask_prevention_tips", token_for("B003")))
    assert not any("不能改成更早" in (t or "") for t in texts(plain))


@pytest.mark.asyncio
async def test_a_late_call_asked_about_gets_the_hours_rule_and_the_calls_that_broke_it(demo_store):  # noqa: F811
    """晚上十点多还打电话？这合规吗 got a line about threats and abuse (h13 talk); B004's log has the
    22:40 call."""
    from actions.conduct import OUTSIDE_HOURS_ANSWER

    messages, events = await run(
        ActionStartComplaint(), tracker("晚上十点多还打电话？这合规吗", "report_improper_collection", token_for("B004"))
    )
    assert (
        texts(messages)[0]
        == OUTSIDE_HOURS_ANSWER
        == ("不合规。按我们的规定，电话和短信只在每天 8:00–21:00 之间，这个时间以外打来的电话不符合规定。")
    )
    assert "· 11月18日 22:40 的来电不符合我们的联系时间规定（只在 8:00–21:00 联系）" in texts(messages)[1]
    assert demo_store.complaints("B004") == []  # offered, not filed


@pytest.mark.asyncio
async def test_whether_and_when_reported_is_answered_as_far_as_we_can(demo_store):  # noqa: F811
    """具体会往征信报什么内容？什么时候报？我现在是不是已经上征信了 got the general paragraph twice."""
    text = "具体会往征信报什么内容？什么时候报？我现在是不是已经上征信了"
    messages, _ = await run(ActionCreditRecord(), tracker(text, "ask_credit_record", token_for("B001")))
    assert texts(messages)[1] == "utter_credit_record"  # the point asked first, then the rules (h26b)
    assert texts(messages)[0].startswith(
        "您这笔借款是否已经报送、什么时候报送、报送到哪家征信机构，按借款合同的约定执行"
    )
    plain, _ = await run(ActionCreditRecord(), tracker("会上征信吗", "ask_credit_record", token_for("B001")))
    assert not any("是否已经报送" in (t or "") for t in texts(plain))


@pytest.mark.asyncio
async def test_someone_else_asking_about_calls_to_them_is_not_offered_the_borrowers_log(demo_store):  # noqa: F811
    """我是他妈 你们给我打过几次电话 got "验证身份后可以查看" and a button into the borrower's login (h13)."""
    from actions.conduct import NOT_THEIR_LOG

    messages, _ = await run(
        ActionContactPolicy(), tracker("我是他妈妈 你们给我打过几次电话 都什么时候打的", "ask_contact_policy")
    )
    assert texts(messages) == ["utter_contact_policy", NOT_THEIR_LOG]
    assert "utter_contact_history_needs_verification" not in texts(messages)


@pytest.mark.asyncio
async def test_a_complaint_about_messages_asks_for_the_senders_number_not_the_callers():
    """你们发短信说要起诉我 还说要通知我单位: asked for "来电号码", of a text message."""
    from actions.conduct import ASK_SENDER, ActionAskComplaintCaller

    sms, _ = await run(
        ActionAskComplaintCaller(),
        tracker("", "report_improper_collection", slots={"complaint_text": "你们发短信说要起诉我 还说要通知我单位"}),
    )
    assert texts(sms) == [ASK_SENDER] and [b["title"] for b in sms[0]["buttons"]] == ["不清楚，跳过"]
    assert ASK_SENDER.startswith("发信息的号码您记得吗")
    call, _ = await run(
        ActionAskComplaintCaller(),
        tracker("", "report_improper_collection", slots={"complaint_text": "半夜打电话骂我 还发短信"}),
    )
    assert texts(call) == ["utter_ask_complaint_caller"]


@pytest.mark.asyncio
async def test_whether_another_lender_is_us_is_answered_no_not_with_the_contact_rules():
    """你好 我美团月付逾期了也是你们催收的吗？还有你们家跟网商贷是一家吗 got the rules, history and settings."""
    text = "你好 我美团月付逾期了也是你们催收的吗？还有你们家跟网商贷是一家吗"
    messages, _ = await run(ActionContactPolicy(), tracker(text, "ask_contact_policy", token_for("B003")))
    assert texts(messages) == [
        "不是。美团月付、网商贷不是我们的产品，和我们也不是一家，那边的借款、账单和催收我们都查不到、管不了，"
        "请联系它们的官方客服。在我们这里的借款，我可以为您查询和办理。"
    ]
    assert [b["title"] for b in messages[0]["buttons"]] == ["查询欠款", "转人工"]
    ours, _ = await run(ActionContactPolicy(), tracker("你们会给我家人打电话吗", "ask_contact_policy"))
    assert texts(ours)[0] == "utter_contact_policy"


@pytest.mark.asyncio
async def test_a_call_as_a_lawyer_asked_about_is_answered_before_the_complaint():
    """昨天有个自称律师的人打电话…说我这是诈骗要抓我 真的假的: the complaint form began, 真的假的 unanswered."""
    from actions.conduct import IMPERSONATION_ANSWER

    text = "昨天有个自称律师的人打电话说明天就上门 还要通知我单位 说我这是诈骗要抓我 真的假的"
    messages, _ = await run(ActionStartComplaint(), tracker(text, "report_improper_collection", token_for("B004")))
    assert texts(messages)[0] == IMPERSONATION_ANSWER
    assert IMPERSONATION_ANSWER.startswith("这不是我们的做法：我们的人员不会自称律师、法院或警察")
    assert "不会因为还不上钱就被抓" in IMPERSONATION_ANSWER
    plain, _ = await run(
        ActionStartComplaint(), tracker("催收打电话骂我", "report_improper_collection", token_for("B004"))
    )
    assert IMPERSONATION_ANSWER not in texts(plain)


@pytest.mark.asyncio
async def test_a_complaint_begun_by_its_button_keeps_no_payload_as_the_borrowers_words():
    """The ticket read "您说的经过：“/report_improper_collection；两个都有，半夜打电话+打给我同事周杰”"."""
    from tests.unit.actions.test_relief import slot_values

    _, events = await run(
        ActionStartComplaint(), tracker("/report_improper_collection", "report_improper_collection", token_for("B004"))
    )
    assert slot_values(events)["complaint_text"] == ""
    _, told = await run(
        ActionStartComplaint(), tracker("昨晚十点多打电话骂我", "report_improper_collection", token_for("B004"))
    )
    assert slot_values(told)["complaint_text"] == "昨晚十点多打电话骂我"


@pytest.mark.asyncio
async def test_a_request_to_stop_contacting_family_at_who_else_is_not_family_contacted():
    """还有能不能别再联系我妈了, at "who else was contacted": filed as 被联系的其他人：我妈, the request lost."""
    d = CollectingDispatcher()
    got = await ValidateComplaintForm().validate_complaint_others(
        "还有能不能别再联系我妈了",
        d,
        tracker("还有能不能别再联系我妈了", "request_stop_contacting_others", token_for("B004")),
        {},
    )
    assert got == {"complaint_others": None}
    assert d.messages[0]["text"].startswith("好的，停止联系家人的事，登记完这张投诉就可以办")
    told = CollectingDispatcher()
    got = await ValidateComplaintForm().validate_complaint_others(
        "打给我妈了 还让她别再联系我", told, tracker("打给我妈了", "report_improper_collection", token_for("B004")), {}
    )
    assert got["complaint_others"] == "我妈"


@pytest.mark.asyncio
async def test_a_new_complaint_names_the_one_already_open(demo_store):  # noqa: F811
    """A second complaint the same day began as if there were none (h18)."""
    from rules.calendar import utc_now

    first, _ = demo_store.file_complaint("B002", "c2", "abusive_language", "催收骂我", None, None, None, utc_now())
    messages, _ = await run(
        ActionStartComplaint(), tracker("我还要投诉 又有人半夜打电话", "report_improper_collection", token_for("B002"))
    )
    said = texts(messages)
    assert said[0] == "utter_complaint_sorry"
    assert said[1].startswith(f"您已经有进行中的投诉：\n· 投诉工单 {first.ticket}（辱骂")
    assert said[1].endswith("如果是同一件事，直接说“补充：……”就会加到那张工单里；下面按一件新的投诉登记。")
    none_open, _ = await run(
        ActionStartComplaint(), tracker("催收半夜打电话", "report_improper_collection", token_for("B003"))
    )
    assert not any(t and t.startswith("您已经有进行中的投诉") for t in texts(none_open))


@pytest.mark.asyncio
async def test_the_hours_asked_at_who_called_are_answered_and_the_time_kept():
    """你先说你们规定几点到几点能打？晚上十点多那个算不算违规, at "who called": "这句话里没有号码或工号", twice."""
    from actions.conduct import OUTSIDE_HOURS_ANSWER

    text = "你先说你们规定几点到几点能打？晚上十点多那个算不算违规"
    d = CollectingDispatcher()
    got = await ValidateComplaintForm().validate_complaint_caller(
        text, d, tracker(text, "ask_contact_policy", token_for("B004")), {}
    )
    assert texts(d.messages) == [OUTSIDE_HOURS_ANSWER]
    assert got["complaint_caller"] is None and got["complaint_when"].endswith("晚上十点")


@pytest.mark.asyncio
async def test_is_this_normal_about_collectors_is_answered_before_a_complaint_is_offered():
    """催收的天天打我电话还说要去我老家找我爸妈 这正常吗: the complaint form began, the question unanswered."""
    messages, _ = await run(
        ActionStartComplaint(),
        tracker("催收的天天打我电话还说要去我老家找我爸妈 这正常吗", "report_improper_collection", token_for("B001")),
    )
    assert texts(messages)[0].startswith("不合法，也不符合我们的规定：催收人员不得威胁、辱骂您，不得到您的单位或家里闹")
    assert [b["title"] for b in messages[0]["buttons"]] == ["登记投诉", "不用了"]


@pytest.mark.asyncio
async def test_days_off_and_the_workplace_are_answered_at_the_contact_settings(demo_store):  # noqa: F811
    """下周一到周三千万别打我电话 能设置吗 (asked three times, never answered) and 以后绝对不要打我单位电话 也别找
    我同事 ("您登记的紧急联系人里没有您的同事…联系了您的家人")."""
    from actions import wording

    days, events = await run(
        ActionOfferContactControl(),
        tracker("下周一到周三千万别打我电话 能设置吗", "request_stop_contacting_others", token_for("B002")),
    )
    assert wording.DAYS_OFF in texts(days) and "contact_change" not in slot_values(events)
    work, _ = await run(
        ActionOfferContactControl(),
        tracker("以后绝对不要打我单位电话 也别找我同事", "request_stop_contacting_others", token_for("B002")),
    )
    assert texts(work)[0] == wording.WORKPLACE_POINT
    assert not any(t.startswith("您登记的紧急联系人里没有您的同事") for t in texts(work))


@pytest.mark.parametrize(
    "text, first",
    [
        (
            "你们上个月给我打了几次电话",
            "上个月（10月1日到10月31日）我们联系您：电话 1 次，短信 1 条，邮件 1 封；没有联系过您的紧急联系人。",
        ),
        (
            "这个月你们联系过我几次",
            "这个月（11月1日到11月20日）我们联系您：电话 0 次，短信 0 条，邮件 0 封；联系您的紧急联系人 1 次。"
            "这段时间我们没有直接联系过您本人；如果有人自称我们给您本人打了电话，那不在我们的记录里，可以说“投诉”登记，我们会核查。",
        ),
        (
            "我问的是9月10号到9月15号之间你们打了我几个电话",
            "9月10日到9月15日我们联系您：电话 1 次，短信 1 条，邮件 0 封；没有联系过您的紧急联系人。",
        ),
    ],
)
@pytest.mark.asyncio
async def test_contacts_in_a_period_are_counted_first(demo_store, text, first):  # noqa: F811
    """你们上周给我打了几次电话 … 我问的是11月9号到15号之间: the all-time totals, three times, never the week."""
    from actions.conduct import ActionContactHistory

    messages, _ = await run(ActionContactHistory(), tracker(text, "ask_contact_policy", token_for("B001")))
    assert texts(messages)[0] == first


@pytest.mark.asyncio
async def test_every_way_out_of_the_contact_answer_says_no_verification_is_needed(demo_store):  # noqa: F811
    """我的联系设置是什么 下次什么时候联系我, with a complaint open (B004), and 我是她登记的紧急联系人…: the
    answer, then "抱歉，这条消息我暂时没能处理好" — no rule follows an answer that leaves needs_verification unsaid."""
    from rasa_sdk.events import SlotSet

    from actions.conduct import NOT_THEIR_LOG
    from rules.calendar import utc_now

    demo_store.file_complaint("B004", "c1", "third_party", "打了我同事电话", None, None, None, utc_now())
    when, events = await run(
        ActionContactPolicy(), tracker("我的联系设置是什么 下次什么时候联系我", "ask_contact_policy", token_for("B004"))
    )
    assert texts(when)[0].startswith("已经登记的事项和答复时间：") and SlotSet("needs_verification", False) in events
    other, events = await run(
        ActionContactPolicy(), tracker("我是她登记的紧急联系人 你们打过我几次", "ask_contact_policy")
    )
    assert texts(other) == ["utter_contact_policy", NOT_THEIR_LOG]
    assert SlotSet("needs_verification", False) in events
    lender, events = await run(ActionContactPolicy(), tracker("你们跟借呗是一家吗", "ask_contact_policy"))
    assert SlotSet("needs_verification", False) in events


@pytest.mark.asyncio
async def test_yes_said_with_the_changes_own_verb_confirms_it():
    """对的 撤了吧, asked to confirm withdrawing 刘红: "请回复确认或者不要了" (h25a)."""
    asked = {"contact_change": '{"kind": "withdraw", "contact_id": 1, "name": "刘红", "relation": "母亲"}'}
    form = ValidateContactControlForm()
    for text in ("对的 撤了吧", "删掉吧"):
        d = CollectingDispatcher()
        got = await form.validate_contact_control_confirmed(
            text, d, tracker(text, metadata=token_for("B004"), slots=asked), {}
        )
        assert got["contact_control_confirmed"] == "yes" and d.messages == []


@pytest.mark.asyncio
async def test_every_channel_again_is_stored_as_the_default(demo_store):  # noqa: F811
    """回国了 短信电话都可以了, after 只发邮件: there was no way back to the default (h25a)."""
    from datetime import datetime

    from actions import wording

    demo_store.set_preferences("B003", datetime(2026, 11, 20, 2, 0), channel="email")
    _, events = await run(
        ActionOfferContactControl(),
        tracker("回国了 短信电话都可以了", intent="request_stop_contacting_others", metadata=token_for("B003")),
    )
    change = slot_values(events)["contact_change"]
    done, _ = await run(
        ActionSubmitContactControl(),
        tracker(metadata=token_for("B003"), slots={"contact_change": change, "contact_control_confirmed": "yes"}),
    )
    assert done[0]["text"] == "已设置：联系方式恢复默认，短信、电话和邮件都可以，对之后的每一次联系都生效。"
    assert demo_store.preferences("B003").channel is None
    # asked, at the confirmation of e-mail only, whether it can be changed back later: told how, asked again
    asked = {"contact_change": '{"kind": "channel", "channel": "email"}'}
    d = CollectingDispatcher()
    text = "就12月那段时间 回国了再改回来可以吗"
    got = await ValidateContactControlForm().validate_contact_control_confirmed(
        text, d, tracker(text, metadata=token_for("B003"), slots=asked), {}
    )
    assert got == {"contact_control_confirmed": None} and d.messages[0]["text"] == wording.CHANGE_BACK_LATER


@pytest.mark.asyncio
async def test_a_complaint_begun_by_the_offered_button_keeps_the_story(demo_store):  # noqa: F811
    """The 投诉登记 button under the answer to 两个男的上门…: the ticket's story was empty (h26b)."""
    from actions.conduct import ActionStartComplaint

    story = "刚才两个男的上门 说是你们公司的 让我扫码转账 不转就不走"
    before = [
        {"event": "user", "text": story, "parse_data": {"intent": {"name": "ask_about_middleman"}}},
        {
            "event": "bot",
            "text": "请不要转账",
            "data": {"buttons": [{"title": "投诉登记", "payload": "/report_improper_collection"}]},
        },
        {"event": "action", "name": "action_listen"},
    ]
    _, events = await run(
        ActionStartComplaint(),
        tracker("/report_improper_collection", "report_improper_collection", token_for("B001"), events=before),
    )
    assert {e.get("name"): e.get("value") for e in events}["complaint_text"] == story
    _, alone = await run(
        ActionStartComplaint(), tracker("/report_improper_collection", "report_improper_collection", token_for("B001"))
    )
    assert {e.get("name"): e.get("value") for e in alone}["complaint_text"] == ""


@pytest.mark.asyncio
async def test_whether_withdrawing_a_contact_costs_anything_is_answered_first(demo_store):  # noqa: F811
    """撤了我妹的授权 会影响我以后借钱吗 got the credit rules only (h26a)."""
    messages, _ = await run(
        ActionCreditRecord(), tracker("撤了我妹的授权 会影响我以后借钱吗", "ask_credit_record", token_for("B003"))
    )
    assert texts(messages)[0].startswith("撤回紧急联系人的授权不会上报征信，也不算违约或逾期")


@pytest.mark.asyncio
async def test_whether_a_confirmed_setting_can_be_undone_is_answered_at_the_confirmation():
    """确认了以后还能反悔吗 / 是不是设了马上就生效, at the confirmation: only "请回复确认…" (h27a)."""
    from actions.forms import ONCE_CONFIRMED

    asked = {"contact_change": '{"kind": "hours", "start": "09:00", "end": "12:00"}'}
    for text in ("确认了以后还能反悔吗？", "是不是设了马上就生效？"):
        d = CollectingDispatcher()
        got = await ValidateContactControlForm().validate_contact_control_confirmed(
            text, d, tracker(text, metadata=token_for("B002"), slots=asked), {}
        )
        assert got == {"contact_control_confirmed": None}
        assert d.messages[0]["text"] == ONCE_CONFIRMED["contact_control_confirmed"]


@pytest.mark.asyncio
async def test_a_callers_number_corrected_is_stored_corrected():
    """号码尾号是4421 哦不对 是4412 was stored word for word (h27a)."""
    from actions.conduct import ValidateComplaintForm, corrected

    assert corrected("号码尾号是4421 哦不对 是4412") == "4412"
    assert corrected("尾号4412") == "尾号4412"
    d = CollectingDispatcher()
    got = await ValidateComplaintForm().validate_complaint_caller(
        "号码尾号是4421 哦不对 是4412", d, tracker("号码尾号是4421 哦不对 是4412", metadata=token_for("B005")), {}
    )
    assert "4421" not in str(got["complaint_caller"]) and "4412" in str(got["complaint_caller"])
    # h28a: the ending of a number said whole, corrected — and "I don't remember" is not a caller
    assert corrected("号码是17099887766，不对，最后是7765，我看错了") == "17099887765"
    assert corrected("17099887766 不对 后四位是7765") == "17099887765"
    for said, caller in (("17099887766，不对，最后是7765", "17099887765"), ("说了记不清了啊", "不详")):
        got = await ValidateComplaintForm().validate_complaint_caller(
            said, CollectingDispatcher(), tracker(said, metadata=token_for("B005")), {}
        )
        assert got["complaint_caller"] == caller, said


@pytest.mark.asyncio
async def test_whether_a_suit_was_filed_is_answered_first():
    """现在起诉了没有, asked twice: the general consequences, word for word (h27b)."""
    messages, _ = await run(
        ActionOverdueConsequences(), tracker("我就问一句 现在起诉了没有", "ask_overdue_consequences")
    )
    assert texts(messages)[0].startswith("有没有被起诉，以法院的正式送达为准")
    assert texts(messages)[1] == "utter_overdue_consequences"


@pytest.mark.asyncio
async def test_a_call_said_in_another_part_of_the_message_is_answered_as_a_call():
    """h28b: 有个催收打电话说…要报警抓我 说已经立案了 让我坐劳 是真的吗, cut in turns: the turn that asked was
    told about text messages."""
    from actions import wording
    from nlu.clauses import WHOLE_MESSAGE

    whole = "今天有个催收打电话说我这个属于恶意偷欠 要报警抓我 说已经立案了 让我坐劳 是真的吗"
    part = "说已经立案了 让我坐劳 是真的吗"
    messages, _ = await run(
        ActionOverdueConsequences(),
        tracker(part, "ask_overdue_consequences", {**token_for("B004"), WHOLE_MESSAGE: whole}),
    )
    assert texts(messages)[0] == wording.CALLED_AS_A_COURT
    sms, _ = await run(
        ActionOverdueConsequences(), tracker("收到短信说已经立案了 是你们发的吗", "ask_overdue_consequences")
    )
    assert texts(sms)[0] == wording.LEGAL_NOTICE_CHECK


@pytest.mark.asyncio
async def test_a_correction_at_a_later_step_replaces_what_was_kept():
    """h29a: 等下号码我看错了，是0571-88662213…另外他们还给我同事周杰打了, at "who else": the number withdrawn
    was filed; 哦我记错了，不是1号…是11月2号上午接的。号码不知道, at "who called": the 1st was filed and the
    number asked twice."""
    from actions.conduct import ValidateComplaintForm

    form = ValidateComplaintForm()
    slots = {
        "complaint_when": "2026-11-18 前天晚上十点多",
        "complaint_caller": "0571-88662231",
        "complaint_text": "催我",
    }
    said = "等下号码我看错了，是0571-88662213，最后两位反了。另外他们还给我同事周杰打了"
    got = await form.validate_complaint_others(said, CollectingDispatcher(), tracker(said, slots=slots), {})
    assert (got["complaint_caller"], got["complaint_others"]) == ("0571-88662213", "同事")
    said = "哦我记错了，不是1号，我爸说是11月2号上午接的。号码不知道"
    slots = {"complaint_when": "2026-11-01 1号上午"}
    got = await form.validate_complaint_caller(said, CollectingDispatcher(), tracker(said, slots=slots), {})
    assert (got["complaint_when"], got["complaint_caller"]) == ("2026-11-02 11月2号上午", "不详")


@pytest.mark.asyncio
async def test_the_story_told_before_a_bare_request_to_complain_is_the_complaints(demo_store):  # noqa: F811
    """h29b: 今天下午有兩個男的說是你們公司外訪的…跟鄰居講我欠錢不還 … 我要投訴 (then verified): the ticket's
    story was "我要投訴", and the time and who else was contacted were asked again."""
    story = "今天下午有两个男的说是你们公司外访的 跟邻居讲我欠钱不还 还堵我家门口"
    earlier = [{"event": "user", "text": story}, {"event": "bot", "text": "……"}]
    _, events = await run(
        ActionStartComplaint(), tracker("我要投诉", "report_improper_collection", token_for("B005"), events=earlier)
    )
    slots = slot_values(events)
    assert slots["complaint_text"] == f"{story}；我要投诉"
    assert slots["complaint_when"] == "2026-11-20 今天下午" and slots["complaint_others"] == "邻居"


@pytest.mark.asyncio
async def test_weekends_and_wechat_asked_beside_a_setting_are_answered(demo_store):  # noqa: F811
    """h30b: 那周末呢 周末白天可以, at the confirmation of 18:00–21:00, got "请回复确认或不要了" and the weekend
    went unanswered; 以后有事微信上找我就行 别打电话 也别发短信 got the options without a word on WeChat."""
    from actions import wording

    weekend = next(said for asks, said in wording.CONTACT_POINTS if asks.__name__ == "asks_contact_on_weekends")
    wechat = next(said for asks, said in wording.CONTACT_POINTS if asks.__name__ == "asks_contact_by_wechat")
    asked = {"contact_change": '{"kind": "hours", "start": "18:00", "end": "21:00"}'}
    d = CollectingDispatcher()
    got = await ValidateContactControlForm().validate_contact_control_confirmed(
        "那周末呢", d, tracker("那周末呢", metadata=token_for("B003"), slots=asked), {}
    )
    assert got == {"contact_control_confirmed": None}  # asked again, no unusable answer counted
    assert texts(d.messages) == [weekend]
    messages, _ = await run(
        ActionOfferContactControl(),
        tracker("以后有事微信上找我就行 别打电话 也别发短信", "request_stop_contacting_others", token_for("B006")),
    )
    assert texts(messages)[0] == wechat


@pytest.mark.asyncio
async def test_the_week_asked_before_verifying_is_the_week_answered(demo_store):  # noqa: F811
    """h30b: 这礼拜你们给我打了几次电话, then the phone and the code: the all-time totals came, the week lost."""
    from datetime import date

    from actions import wording
    from actions.conduct import ActionContactHistory

    slots = {"pending_request": "action_contact_history", "pending_text": "这礼拜你们给我打了几次电话"}
    messages, _ = await run(ActionContactHistory(), tracker("123456", "otp_code", token_for("B004"), slots=slots))
    log = demo_store.contact_log("B004")
    assert texts(messages)[0] == wording.contacts_in_period("这周", date(2026, 11, 16), date(2026, 11, 20), log)


@pytest.mark.asyncio
async def test_strain_and_fewer_calls_are_heard_before_the_rules(demo_store):  # noqa: F811
    """h30b: 最近压力好大 天天失眠 你们能不能少打点电话 一天一次就行 got the rules and the history only."""
    messages, _ = await run(
        ActionContactPolicy(),
        tracker("最近压力好大 天天失眠 你们能不能少打点电话 一天一次就行", "ask_contact_policy", token_for("B002")),
    )
    assert texts(messages)[:2] == [
        "听得出您最近压力很大、睡不好，先照顾好自己。欠款的事可以慢慢商量；觉得撑不住的时候，心理援助热线 12356 随时有人接听。",
        "打电话的次数不能单独设置：逾期期间电话每天最多3次，这是上限。想少接电话，可以把联系时段设窄一些（例如说“只在晚上7点到9点"
        "联系我”），或者改成只发短信（说“以后只发短信”）。",
    ]


@pytest.mark.asyncio
async def test_violence_threatened_is_met_with_safety_first(demo_store):  # noqa: F811
    """h31b: 催收的人说要弄死我全家 我好害怕 went straight into the complaint's questions, 110 last."""
    from actions.conduct import SAFETY_FIRST

    messages, _ = await run(
        ActionStartComplaint(),
        tracker("催收的人说要弄死我全家 我好害怕", "report_improper_collection", token_for("B001")),
    )
    assert texts(messages)[0] == SAFETY_FIRST


@pytest.mark.asyncio
async def test_a_reminder_not_wanted_is_told_what_it_is_not_offered(demo_store):  # noqa: F811
    """h32b: 到期前那个提醒短信不用给我发了 我自己记得住 got "要为您开启每期还款日前的提醒吗？", twice."""
    from actions.conduct import REMINDER_IS_THE_RULE

    messages, events = await run(
        ActionPreventionTips(),
        tracker("到期前那个提醒短信不用给我发了 我自己记得住", "ask_prevention_tips", token_for("B006")),
    )
    assert texts(messages) == [REMINDER_IS_THE_RULE]
    assert slot_values(events)["open_flow"] is None


@pytest.mark.asyncio
async def test_a_threat_told_a_little_before_the_request_is_the_complaints(demo_store):  # noqa: F811
    """h32b: the threat (打断我的腿…知道我女儿在哪上学) was told with distress and met with the crisis answer;
    嗯 我会打的 但是那个催收的我要投诉 then filed a complaint with no threat in it."""
    story = "催收的说再不还钱就找人来打断我的腿 还说知道我女儿在哪上学 我真的撑不下去了"
    earlier = [
        {"event": "user", "text": story},
        {"event": "action", "name": "action_crisis_support"},
        {"event": "action", "name": "action_listen"},
    ]
    said = "嗯 我会打的 但是那个催收的我要投诉"
    _, events = await run(
        ActionStartComplaint(), tracker(said, "report_improper_collection", token_for("B006"), events=earlier)
    )
    slots = slot_values(events)
    assert story in slots["complaint_text"] and slots["complaint_category"] == "threats"


@pytest.mark.asyncio
async def test_a_collectors_threat_of_arrest_is_denied_and_a_complaint_offered(demo_store):  # noqa: F811
    """h34a: 你们的人说我不还钱就是诈骗，要报警抓我… 真的假的 got what our text messages are."""
    from actions.conduct import SAID_BY_OUR_PEOPLE, ActionOverdueConsequences

    said = "你们的人说我不还钱就是诈骗，要报警抓我，还说要发律师函，真的假的"
    messages, _ = await run(ActionOverdueConsequences(), tracker(said, "ask_overdue_consequences"))
    (answer,) = messages
    assert (
        answer["text"].startswith("不是真的。普通的借款逾期属于民事纠纷，不是刑事犯罪")
        and SAID_BY_OUR_PEOPLE in answer["text"]
    )
    assert [b["payload"] for b in answer["buttons"]] == ["/report_improper_collection", "/deny"]
    # a notice of unknown origin is still checked as one
    notice, _ = await run(
        ActionOverdueConsequences(), tracker("收到短信说已移交法务 是你们发的吗", "ask_overdue_consequences")
    )
    assert SAID_BY_OUR_PEOPLE not in " ".join(texts(notice))


@pytest.mark.asyncio
async def test_the_contact_named_right_after_the_settings_menu_is_the_one_withdrawn(demo_store):  # noqa: F811
    """h35a: 以后不准再打我老汉儿的电话了 got the menu (老汉儿 is Sichuan's father); 就是他 张建国 then got the whole
    contact history, and the menu's own button (不要再联系张建国) where the number came from."""
    import json

    father = next(c for c in demo_store.emergency_contacts("B001") if c.relation == "父亲")
    said, events = await run(
        ActionOfferContactControl(),
        tracker("以后不准再打我老汉儿的电话了", intent="request_stop_contacting_others", metadata=token_for("B001")),
    )
    assert json.loads(slot_values(events)["contact_change"])["contact_id"] == father.id
    menu = [
        {"event": "action", "name": "action_offer_contact_control"},
        {"event": "bot", "text": "您可以：撤回某位紧急联系人的授权…"},
        {"event": "action", "name": "action_listen"},
    ]
    _, events = await run(
        ActionOfferContactControl(),
        tracker(f"就是他 {father.name}", intent="third_party_inquiry", metadata=token_for("B001"), events=menu),
    )
    assert json.loads(slot_values(events)["contact_change"])["contact_id"] == father.id
    # without the menu just before, a name alone changes nothing
    _, events = await run(
        ActionOfferContactControl(),
        tracker(f"就是他 {father.name}", intent="third_party_inquiry", metadata=token_for("B001")),
    )
    assert "contact_change" not in slot_values(events)


@pytest.mark.asyncio
async def test_a_landline_and_more_of_the_story_at_who_called():
    """h35a: 没记 是个座机 got "我是还款助手…不是真人"; 第二天还打到我同事那 现在全公司都知道了 我要投诉 was stored
    as the caller."""
    form = ValidateComplaintForm()
    landline = await form.validate_complaint_caller("没记 是个座机", CollectingDispatcher(), tracker(), {})
    assert landline["complaint_caller"] == "座机（号码不详）"
    slots = {"complaint_text": "昨晚11点打电话骂我", "complaint_category": "abusive_language"}
    said = "第二天还打到我同事那 现在全公司都知道了 我要投诉"
    story = await form.validate_complaint_caller(said, CollectingDispatcher(), tracker(said, slots=slots), {})
    assert story["complaint_caller"] == "不详"
    assert story["complaint_others"] == "同事、公司"
    assert story["complaint_text"] == f"昨晚11点打电话骂我；{said}"
    # a caller described in words is still the caller
    man = await form.validate_complaint_caller("一个姓王的男的", CollectingDispatcher(), tracker(), {})
    assert man["complaint_caller"] == "一个姓王的男的"


@pytest.mark.parametrize(
    "said, starts",
    [
        ("啥时候上", "您这笔借款是否已经报送、什么时候报送"),
        ("那多久能消掉", "不良记录从逾期结束（也就是还清）那天起保留5年"),
        ("我还清了是不是马上就没了", "不良记录从逾期结束（也就是还清）那天起保留5年"),  # h37a: 没太明白
    ],
)
@pytest.mark.asyncio
async def test_a_follow_up_on_the_credit_answer_gets_its_point_not_the_answer_again(said, starts):
    before = [
        {"event": "user", "text": "逾期会上征信吗", "parse_data": {"intent": {"name": "ask_credit_record"}}},
        {"event": "action", "name": "action_credit_record"},
        {"event": "action", "name": "action_listen"},
    ]
    messages, _ = await run(ActionCreditRecord(), tracker(said, "ask_credit_record", token_for("B002"), events=before))
    assert len(messages) == 1 and messages[0]["text"].startswith(starts)
    # asked first, the same words get the whole answer (the rule, and this borrower's line)
    first, _ = await run(ActionCreditRecord(), tracker("征信多久能消掉", "ask_credit_record", token_for("B002")))
    assert texts(first)[0].startswith("不良记录从逾期结束") and "utter_credit_record" in texts(first)


@pytest.mark.asyncio
async def test_a_collectors_claim_asked_about_is_answered_then_a_complaint_offered():
    """h36a: 催收说我再不还就要起诉我，还要去我单位，是真的吗 began a complaint form ("大概是什么时候发生的？")
    and the question went unanswered."""
    from tests.unit.nlu.test_signals import decided_for

    said = "催收说我再不还就要起诉我，还要去我单位，是真的吗？"
    assert decided_for(said, "report_improper_collection") == "ask_overdue_consequences"
    assert decided_for("催收说要告诉我爸妈 我要投诉", "report_improper_collection") == "report_improper_collection"
    messages, _ = await run(ActionOverdueConsequences(), tracker(said, "ask_overdue_consequences", token_for("B002")))
    assert "utter_overdue_consequences" in texts(messages)
    assert messages[-1]["text"].startswith("催收人员如果拿起诉、来家里、找单位或家人这些话吓唬您")
    assert [b["title"] for b in messages[-1]["buttons"]] == ["登记投诉", "不用了"]


@pytest.mark.asyncio
async def test_a_credit_record_disputed_gets_what_our_ledger_has_and_how_to_object(demo_store):  # noqa: F811
    """h36a: 征信报告说我10月份逾期了，可我10月15号是按时还的！怎么申诉 got the general credit answer."""
    said = "征信报告说我10月份逾期了，可我10月15号是按时还的！怎么申诉？"
    messages, _ = await run(ActionCreditRecord(), tracker(said, "ask_credit_record", token_for("B002")))
    assert texts(messages)[0] == (
        "我们的账上，2026年10月1日到2026年10月31日之间到期的是：\n"
        "· 借款 L2001 第4期：应还日2026年10月15日，2026年10月15日还清，按时，没有逾期"
    )
    assert messages[1]["text"].startswith("如果信用报告上的记录和我们账上的不一样，您可以提出异议")
    assert [b["title"] for b in messages[1]["buttons"]] == ["转人工提出异议"]
    # an instalment not paid is said to be overdue still
    messages, _ = await run(
        ActionCreditRecord(), tracker("征信上说我9月逾期 有误吧", "ask_credit_record", token_for("B001"))
    )
    assert texts(messages)[0].split("\n")[1] == "· 借款 L1001 第8期：应还日2026年9月10日，还没还清，已逾期 71 天"


@pytest.mark.asyncio
async def test_someone_not_among_the_contacts_named_at_the_confirmation_is_told_so():
    """h36b: 别打我老婆电话，她不知道我借钱的事, at the confirmation of SMS only (B004 has no wife among her
    contacts): the same prompt came back as if nothing was said."""
    asked = {"contact_change": '{"kind": "channel", "channel": "sms"}'}
    said = "别打我老婆电话，她不知道我借钱的事"
    d = CollectingDispatcher()
    got = await ValidateContactControlForm().validate_contact_control_confirmed(
        said, d, tracker(said, "request_stop_contacting_others", metadata=token_for("B004"), slots=asked), {}
    )
    assert got == {"contact_control_confirmed": None}
    assert d.messages[0]["text"] == (
        "您登记的紧急联系人里没有您的配偶，我们不会联系不在您名单里的人。您的借款也不会跟您的家人、同事或任何其他人说。"
    )


def test_a_period_with_only_a_contacts_call_does_not_say_nobody_called(demo_store):  # noqa: F811
    """h36b: 可是你们昨天就打了周杰啊 got "这段时间我们没有联系过您…有人自称…不在我们的记录里" beside the call
    to 周杰 — read as a contradiction."""
    from datetime import date

    from actions import wording

    log = demo_store.contact_log("B004")
    line = wording.contacts_in_period("昨天", date(2026, 11, 19), date(2026, 11, 19), log)
    assert line.endswith(
        "；联系您的紧急联系人 1 次。这段时间我们没有直接联系过您本人；"
        "如果有人自称我们给您本人打了电话，那不在我们的记录里，可以说“投诉”登记，我们会核查。"
    )
    nobody = wording.contacts_in_period("11月1日到11月2日", date(2026, 11, 1), date(2026, 11, 2), log)
    assert nobody.endswith("可以说“投诉”登记，我们会核查。")


@pytest.mark.asyncio
async def test_an_addition_naming_a_date_is_kept_with_the_complaint(demo_store):  # noqa: F811
    """h37b: 補充：正確時間是11月17號下午三點 got the due dates, and 時間登記錯了，是17號不是18號 the promise's
    answer — no note stored for either."""
    from rules.calendar import utc_now
    from tests.unit.nlu.test_signals import decided_for

    for said, guessed in [
        ("補充：正確時間是11月17號下午三點", "ask_due_date"),
        ("补充：时间登记错了，不是11月9号，是10号", "deny"),
        ("時間登記錯了，是17號不是18號，能改嗎？", "promise_to_pay"),
    ]:
        assert decided_for(said, guessed) == "report_improper_collection", said
    first, _ = demo_store.file_complaint("B006", "c6", "abusive_language", "催收员骂我", None, None, None, utc_now())
    said = "補充：正確時間是11月17號下午三點"
    await run(ActionStartComplaint(), tracker(said, "report_improper_collection", token_for("B006")))
    assert demo_store.complaint_notes(first.ticket) == ["正确时间是11月17号下午三点"]  # kept simplified


@pytest.mark.parametrize(
    "borrower, said, missing",
    [
        ("B001", "别再打给我爸张建国了，我妹妹张丽也别联系", "姐妹"),
        ("B006", "别打给我老婆，也别打给我哥赵刚", "兄弟"),
    ],
)
@pytest.mark.asyncio
async def test_a_relative_not_among_the_contacts_beside_a_withdrawal_is_told_so(borrower, said, missing):
    """h37b: only the first relative was answered; the sister and the brother (no contacts of theirs) went
    unanswered, and the brother's name later put the wife to confirm again."""
    from actions.conduct import ActionOfferContactControl

    messages, events = await run(
        ActionOfferContactControl(),
        tracker(said, intent="request_stop_contacting_others", metadata=token_for(borrower)),
    )
    assert f"另外，您登记的紧急联系人里没有您的{missing}，我们不会联系不在您名单里的人。" in texts(messages)
    assert '"kind": "withdraw"' in slot_values(events)["contact_change"]


@pytest.mark.asyncio
async def test_a_bare_end_hour_while_evening_hours_are_set_is_the_evenings():
    """h37b: 怎么只到9点？我10点前都行的, asked to confirm 20:00–21:00, was put as 08:00–10:00."""
    asked = {"contact_change": '{"kind": "hours", "start": "20:00", "end": "21:00"}'}
    said = "怎么只到9点？我10点前都行的"
    d = CollectingDispatcher()
    got = await ValidateContactControlForm().validate_contact_control_confirmed(
        said, d, tracker(said, "request_stop_contacting_others", metadata=token_for("B006"), slots=asked), {}
    )
    assert got == {"contact_control_confirmed": None}  # the hours put stay, asked again
    assert d.messages[0]["text"] == "我们最晚只在 21:00 前、最早 08:00 后联系，所以按 20:00–21:00 为您设置。"
