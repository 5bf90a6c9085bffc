"""Two questions in one message (nlu/clauses.py): where a message is cut, and which turns come of it.

The parse here is a fixed table standing in for the trained model's answer for each clause (the
model itself is exercised over REST in tests/e2e/test_offscript_rest.py)."""

import asyncio

import pytest

from nlu.clauses import answering, clauses, last_question_at, second_question_at, separate_questions

PARSES = {
    "等等 我现在到底欠多少？": ("check_overdue", 0.9),  # (asks: kept after the cancel said last)
    "我欠多少钱": ("check_overdue", 0.95),
    "另外会不会上征信": ("ask_credit_record", 0.9),
    "会不会上征信": ("ask_credit_record", 0.9),
    "罚息怎么算": ("ask_penalty_interest", 0.9),
    "还有怎么还款": ("ask_how_to_repay", 0.88),
    "您好": ("greet", 0.99),
    "因为住院了": ("explain_hardship", 0.8),
    "能不能晚点还": ("ask_extension", 0.9),
    "能分期吗": ("ask_instalment_plan", 0.93),
    "分6期": ("ask_instalment_plan", 0.9),
    "能延期吗": ("ask_extension", 0.9),
    "嗯": ("affirm", 0.4),
    "我欠多少": ("check_overdue", 0.5),
    "您好，罚息怎么算": ("ask_penalty_interest", 0.9),
    "我失业了": ("explain_hardship", 0.9),
    "您好呀，我失业了": ("greet", 0.8),
    "因为住院了，我欠多少钱": ("check_overdue", 0.9),
    "帮我登出": ("end_session", 0.9),
    "对了我的聊天记录你们会留着吗": ("ask_data_kept", 0.9),
    "我是张伟": ("third_party_inquiry", 0.9),
    "我现在欠多少钱": ("check_overdue", 0.95),
    "我之前已经还了一笔了": ("ask_payment_history", 0.8),
    "为啥还显示逾期": ("check_overdue", 0.9),
    "昨天已经还了": ("promise_to_pay", 0.8),
    "我要投诉": ("report_improper_collection", 0.9),
    "钱都扣了怎么还没到账": ("ask_how_to_repay", 0.8),
    "催收骂人": ("report_improper_collection", 0.9),
    "有人让我把钱打到他私人账户": ("ask_about_middleman", 0.95),
    "说能停息挂账": ("ask_instalment_plan", 0.9),
    "这是真的吗": ("ask_overdue_consequences", 0.42),
    "真的假的": ("ask_overdue_consequences", 0.8),
    "我还是月底先还五百块吧": ("promise_to_pay", 0.9),
    "直接分期吧": ("ask_instalment_plan", 0.9),
    "我就想问问这样合规吗": ("ask_contact_policy", 0.9),
    "收到一封簡訊說我已被立案": ("ask_overdue_consequences", 0.8),
    "是你們發的嗎": ("ask_contact_policy", 0.9),
    "收到一封簡訊說我已被立案，是你們發的嗎": ("ask_overdue_consequences", 0.9),
    "我妈说你们打电话给她了": ("out_of_scope", 0.5),
    "我妈说你们打电话给她了，我想问我欠了多少": ("check_overdue", 0.9),
    "问我欠了多少": ("check_overdue", 0.95),
    "我想问我欠了多少": ("check_overdue", 0.95),
    "能不能别再打给她": ("request_stop_contacting_others", 0.9),
    "好，确认": ("affirm", 0.95),
    "到时候会自动从卡里扣吗": ("ask_due_date", 0.85),
    "延期要收手续费吗": ("ask_extension", 0.9),
    "另外我想了想还是30天保险点": ("ask_extension", 0.8),
    "改成30天吧": ("ask_extension", 0.9),
    "哦30号是周一啊": ("promise_to_pay", 0.8),
    "那提前到28号周六吧": ("promise_to_pay", 0.9),
    "钱数不变": ("check_overdue", 0.8),
    "有个自称律师的人打电话说已经对我立案了": ("report_improper_collection", 0.99),
    "是不是你们的人": ("ask_contact_policy", 0.89),
    "我分期每期都按时还的": ("ask_instalment_plan", 0.7),
    "为什么昨天还收到催收短信说我逾期": ("report_improper_collection", 0.57),
    "这样会不会影响我征信": ("ask_credit_record", 1.0),
    "人工大概多久联系我": ("request_human", 0.9),
    "我白天上班": ("request_stop_contacting_others", 0.39),
    "晚上8点后方便": ("request_stop_contacting_others", 0.71),
    "以后只在晚上8点后打给我": ("request_stop_contacting_others", 0.95),
    "下周五发工资": ("promise_to_pay", 0.9),
    "哦，改成12月3号吧": ("promise_to_pay", 0.99),
    "金额2500": ("check_overdue", 0.56),
    "会影响我征信吗": ("ask_credit_record", 1.0),
    "改成每月三百左右吧": ("ask_instalment_plan", 0.7),
    "这样期数多了要多交手续费吗": ("ask_penalty_interest", 0.74),
    "到时候一次性结清要准备多少钱": ("ask_early_settlement", 0.95),
    "下周五发工资 我打算那天把钱全部结清": ("promise_to_pay", 0.9),
    "到时候要准备多少": ("check_overdue", 0.8),
}


async def parse(text):
    name, confidence = PARSES.get(text, ("out_of_scope", 0.3))
    return {"intent": {"name": name, "confidence": confidence}}


def turns(text):
    return asyncio.run(separate_questions(text, parse))


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("1.我现在总共欠多少 2.罚息能不能减免", ["1.我现在总共欠多少", "2.罚息能不能减免"]),  # only 2 was answered
        ("1、我欠多少 2、能分期吗", ["1、我欠多少", "2、能分期吗"]),
        ("我欠了1.5万", ["我欠了1.5万"]),  # a decimal is not a list
        ("我欠多少钱？另外会不会上征信", ["我欠多少钱", "另外会不会上征信"]),
        # A short opener goes with what follows it (等等 was read as "wait" = an extension).
        ("您好，罚息怎么算还有怎么还款", ["您好，罚息怎么算", "还有怎么还款"]),
        ("等等 还是12期好了，每个月少点", ["等等，还是12期好了", "每个月少点"]),
        ("能分期吗 会不会上征信", ["能分期吗", "会不会上征信"]),
        ("因为住院了，能不能晚点还", ["因为住院了", "能不能晚点还"]),
        ("我欠多少钱", ["我欠多少钱"]),
        ("好，嗯，行", ["好，嗯，行"]),
        # A space between Chinese words, a question particle, an emoji: each a pause.
        ("还款日是哪天 然后能不能往后推几天", ["还款日是哪天", "然后能不能往后推几天"]),
        ("几号扣款啊罚息是怎么算的", ["几号扣款啊", "罚息是怎么算的"]),
        ("老是打给我同事😡这个月到底欠多少", ["老是打给我同事", "这个月到底欠多少"]),
        # Not inside words, nor inside a phone number.
        ("罚息怎么算", ["罚息怎么算"]),
        ("L6001那笔贷款我想25号那天一次性结清，要多少钱", ["L6001那笔贷款我想25号那天一次性结清，要多少钱"]),  # h31a
        ("28号不是还有一期要到期吗 这个数包括它没", ["28号不是还有一期要到期吗", "这个数包括它没"]),  # h30a
        ("手机号 138 0013 8001", ["手机号 138 0013 8001"]),
    ],
)
def test_clauses(text, pieces):
    assert clauses(text) == pieces


def test_public_question_first_then_the_borrowers_figures():
    assert turns("我欠多少钱？另外会不会上征信") == ["另外会不会上征信", "我欠多少钱"]


def test_a_notice_and_whether_it_is_ours_are_one_question():
    """收到簡訊說我已被立案 / 是你們發的嗎 was cut in two: the second, alone, got the contact rules and
    the notice was never answered."""
    assert turns("收到一封簡訊說我已被立案 是你們發的嗎？") == ["收到一封簡訊說我已被立案 是你們發的嗎？"]
    assert turns("我欠多少钱？另外会不会上征信") == ["另外会不会上征信", "我欠多少钱"]  # others still cut


def test_a_greeting_stays_with_its_question():
    assert turns("您好，罚息怎么算还有怎么还款") == ["还有怎么还款", "您好，罚息怎么算"]


def test_a_story_is_its_own_turn_before_the_request():
    assert turns("因为住院了，能不能晚点还") == ["因为住院了", "能不能晚点还"]


def test_a_turn_that_does_not_read_as_its_question_goes_with_the_next():
    # "您好呀" + "我失业了" reads as a greeting as a whole: no turn of its own, it joins the question.
    assert turns("您好呀，我失业了，能延期吗") == ["您好呀，我失业了，能延期吗"]


def test_a_story_before_questions_only_is_context_not_a_turn():
    # Empathy and relief options belong before a request for relief, not before "how much do I owe".
    assert turns("因为住院了，我欠多少钱？会不会上征信") == ["会不会上征信", "因为住院了，我欠多少钱"]


def test_one_question_said_twice_is_one_turn():
    assert turns("能分期吗，分6期") == ["能分期吗，分6期"]


def test_of_two_requests_that_open_forms_the_first_is_answered_and_the_second_waits():
    plan = asyncio.run(answering("能分期吗，能延期吗", parse))
    assert (plan.turns, plan.later) == (["能分期吗"], ["能延期吗"])
    # With a public question beside them, that is answered first, as always.
    plan = asyncio.run(answering("能分期吗，会不会上征信，能延期吗", parse))
    assert (plan.turns, plan.later) == (["会不会上征信", "能分期吗"], ["能延期吗"])
    # A story before them stays its own turn before the request for relief.
    plan = asyncio.run(answering("因为住院了，能分期吗，能延期吗", parse))
    assert (plan.turns, plan.later) == (["因为住院了", "能分期吗"], ["能延期吗"])
    # the story's turn is told which request comes after it (it answered with a menu of all of them first)
    assert plan.flow == "ask_instalment_plan"
    assert asyncio.run(answering("因为住院了，我欠多少钱？会不会上征信", parse)).flow is None


def test_what_a_middleman_sells_is_part_of_the_question_about_them():
    plan = asyncio.run(answering("有人让我把钱打到他私人账户 说能停息挂账 这是真的吗", parse))
    assert (plan.turns, plan.later) == (["有人让我把钱打到他私人账户 说能停息挂账 这是真的吗"], [])
    short = asyncio.run(answering("有人让我把钱打到他私人账户，真的假的", parse))
    assert short.turns == ["有人让我把钱打到他私人账户，真的假的"]  # a short question asks about it
    # A question of the borrower's own beside it is still answered.
    plan = asyncio.run(answering("有人让我把钱打到他私人账户，另外会不会上征信", parse))
    assert plan.turns == ["有人让我把钱打到他私人账户", "另外会不会上征信"]


def test_nothing_waits_when_one_request_opens_a_form():
    assert asyncio.run(answering("我欠多少钱？另外会不会上征信", parse)).later == []
    assert asyncio.run(answering("能分期吗，分6期", parse)).later == []


def test_unsure_clauses_do_not_split():
    assert turns("嗯，我欠多少") == ["嗯，我欠多少"]


def test_payloads_and_single_questions_pass_through():
    assert turns("/affirm") == ["/affirm"]
    assert turns("我欠多少钱") == ["我欠多少钱"]


def test_ending_the_session_comes_after_what_else_was_asked():
    assert turns("帮我登出 对了我的聊天记录你们会留着吗") == ["对了我的聊天记录你们会留着吗", "帮我登出"]


def test_a_borrower_saying_who_they_are_is_not_someone_else_asking():
    assert turns("你好，我是张伟，我现在欠多少钱") == ["你好，我是张伟，我现在欠多少钱"]


def test_a_payment_told_before_asking_why_it_is_still_overdue_is_one_question():
    assert turns("我之前已经还了一笔了 为啥还显示逾期") == ["我之前已经还了一笔了 为啥还显示逾期"]
    assert turns("昨天已经还了，为啥还显示逾期") == ["昨天已经还了，为啥还显示逾期"]


def test_a_complaint_about_a_payment_that_does_not_show_is_one_question():
    assert turns("我要投诉 钱都扣了怎么还没到账") == ["我要投诉 钱都扣了怎么还没到账"]
    # Collectors' conduct named beside a payment is a complaint of its own.
    assert turns("钱都扣了怎么还没到账，催收骂人") == ["钱都扣了怎么还没到账", "催收骂人"]


def test_a_question_someone_else_asked_the_borrower_is_part_of_the_story():
    # 问我欠了多少 is what her mother asked her: only the request to stop is the borrower's.
    text = "我妈说你们打电话给她了 问我欠了多少 能不能别再打给她"
    assert turns(text) == [text]
    # The borrower's own question after the same story is answered as one.
    assert turns("我妈说你们打电话给她了 我想问我欠了多少 能不能别再打给她") == [
        "我妈说你们打电话给她了，我想问我欠了多少",
        "能不能别再打给她",
    ]


def test_a_payment_told_does_not_swallow_another_question():
    assert turns("我之前已经还了一笔了，另外会不会上征信") == ["另外会不会上征信", "我之前已经还了一笔了"]


@pytest.mark.parametrize(
    "text, first",
    [
        ("我要人工 另外你们是不是会上征信", "我要人工 "),
        ("欠多少？罚息怎么算", "欠多少？"),
        ("欠多少??? 罚息怎么算", "欠多少??? "),
        ("罚息怎么计算的 还有会不会影响征信", "罚息怎么计算的 "),
        ("罚息怎么计算的，还有会不会影响征信", "罚息怎么计算的，"),
        ("怎么开自动还款顺便问下我欠多少", "怎么开自动还款"),
        ("先登出吧 然后问下多久上征信", "先登出吧 "),
        ("延期能办吗？对了，要收费吗", "延期能办吗？"),
    ],
)
def test_a_second_question_marked_as_one(text, first):
    assert text[: second_question_at(text)] == first


@pytest.mark.parametrize(
    "text",
    [
        "我还有多少没还",  # 还有 inside one question: "how much do I still have to pay"
        "现在还有多少要还",
        "欠多少？",  # nothing after the question mark
        "欠多少？？😭",
        "另外问下征信",  # the mark opens the message: one question
        "能不能晚两天还",
        "",
    ],
)
def test_no_second_question(text):
    assert second_question_at(text) is None


def test_the_last_clause_when_it_asks():
    text = "最近手头紧，上个月工资没发，想问下我现在欠多少"
    assert text[last_question_at(text) :] == "想问下我现在欠多少"
    assert last_question_at("最近手头紧，上个月工资没发") is None
    assert last_question_at("我现在欠多少") is None


def test_in_a_form_the_words_before_the_question_are_its_answer_and_come_after_it():
    """15天吧。对了延期会不会上征信: the question first (the form waits), then the answer."""
    text = "15天吧。会不会上征信"
    plan = asyncio.run(answering(text, parse, in_form=True))
    assert plan.turns == ["会不会上征信", "15天吧"]
    assert asyncio.run(answering(text, parse)).turns == [text]  # outside a form: one question
    filler = asyncio.run(answering("嗯那个，会不会上征信", parse, in_form=True))
    assert filler.turns == ["嗯那个，会不会上征信"]  # a filler is no answer
    # 等一下 has a 一 in it, and was taken as the answer: the confirmation was asked twice in one turn
    wait = asyncio.run(answering("等一下，会不会上征信", parse, in_form=True))
    assert wait.turns == ["等一下，会不会上征信"]
    one = asyncio.run(answering("一期吧，会不会上征信", parse, in_form=True))
    assert one.turns == ["会不会上征信", "一期吧"]
    # h28a: the new answer said with a change word, after a question the model reads as the form's own
    # request, waited as "another request" and the old choice was put again
    text = "延期要收手续费吗？另外我想了想还是30天保险点，改成30天吧"
    changed = asyncio.run(answering(text, parse, in_form=True))
    assert (changed.turns, changed.later) == (["延期要收手续费吗", "另外我想了想还是30天保险点，改成30天吧"], [])
    # …and a change with its reasons, nothing asked, is one answer the form reads whole
    text = "哦30号是周一啊，那提前到28号周六吧，周末我方便去弄，钱数不变"
    assert asyncio.run(answering(text, parse, in_form=True)).turns == [text]


@pytest.mark.parametrize(
    "text, first, rest",
    [
        ("不分期了 我还是月底先还五百块吧", "不分期了", "我还是月底先还五百块吧"),
        ("还是不要延期了，直接分期吧", "还是不要延期了", "直接分期吧"),
        ("先不弄了 我就想问问这样合规吗", "先不弄了", "我就想问问这样合规吗"),
    ],
)
def test_in_a_form_a_cancel_then_another_request_ends_the_form_first(text, first, rest):
    """不分期了 我还是月底先还五百块吧, at the plan's confirmation, was read as a budget of 500: another
    plan was put to the borrower and 对 stored it. The cancel is a turn of its own, first."""
    assert asyncio.run(answering(text, parse, in_form=True)).turns == [first, rest]
    assert asyncio.run(answering(text, parse)).turns == [text]  # outside a form: as before
    assert asyncio.run(answering("不分期了 嗯", parse, in_form=True)).turns == ["不分期了 嗯"]  # nothing after it


def test_a_complaint_declined_in_a_form_ends_it_before_the_question():
    PARSES["我不想投诉"] = ("deny", 0.9)
    PARSES["我就想知道他们会不会真的去找村委会"] = ("ask_overdue_consequences", 0.9)
    got = asyncio.run(answering("我不想投诉，我就想知道他们会不会真的去找村委会", parse, in_form=True))
    assert got.turns == ["我不想投诉", "我就想知道他们会不会真的去找村委会"]


def test_an_arrangement_declined_in_a_form_ends_it_before_the_one_wanted():
    """不是延期，我就是承诺下周五27号还清, in the extension form: the promise waited ("一次办一件")."""
    PARSES["不是延期"] = ("deny", 0.5)
    PARSES["我就是承诺下周五27号还清"] = ("promise_to_pay", 0.95)
    got = asyncio.run(answering("不是延期，我就是承诺下周五27号还清", parse, in_form=True))
    assert got.turns == ["不是延期", "我就是承诺下周五27号还清"]


def test_an_amount_asked_against_an_instalment_is_one_question():
    """我今天先还1200，能把最早那期还清吗？还剩多少: the first clause alone read as a promise."""
    PARSES["我今天先还1200"] = ("promise_to_pay", 0.95)
    PARSES["能把最早那期还清吗"] = ("check_overdue", 0.8)
    text = "我今天先还1200，能把最早那期还清吗？还剩多少"
    assert turns(text) == [text]


def test_two_clauses_about_a_middleman_are_one_story():
    PARSES["前几天有个自称你们催收的人让我转到他个人卡上"] = ("ask_about_middleman", 0.95)
    PARSES["我给他转了3000块 这钱算我还了没有"] = ("ask_about_middleman", 0.95)
    text = "前几天有个自称你们催收的人让我转到他个人卡上，我给他转了3000块 这钱算我还了没有"
    assert turns(text) == [text]


def test_a_preface_and_list_numbers_do_not_lose_the_first_question():
    """三个问题：1.我下次什么时候还、还多少 2.… 3.…: the first was read whole with 三个问题： and went unanswered."""
    PARSES["三个问题："] = ("affirm", 0.69)
    PARSES["我下次什么时候还、还多少"] = ("ask_due_date", 0.84)
    PARSES["三个问题：，1.我下次什么时候还、还多少"] = ("affirm", 0.6)
    PARSES["能不能把扣款卡换成招行的"] = ("ask_other_service", 0.8)
    PARSES["给我开一张结清证明"] = ("ask_document", 1.0)
    text = "三个问题：1.我下次什么时候还、还多少 2.能不能把扣款卡换成招行的 3.给我开一张结清证明"
    assert turns(text) == ["2.能不能把扣款卡换成招行的", "三个问题：1.我下次什么时候还、还多少", "3.给我开一张结清证明"]


def test_a_yes_before_a_question_in_a_form_is_the_answer_after_the_question():
    """好 确认 到时候会自动从卡里扣吗, at a confirmation: the question was answered, the yes lost, and the
    confirmation asked again."""
    got = asyncio.run(answering("好 确认 到时候会自动从卡里扣吗", parse, in_form=True))
    assert got.turns == ["到时候会自动从卡里扣吗", "好 确认"]
    assert asyncio.run(answering("好 确认 到时候会自动从卡里扣吗", parse)).turns == ["好 确认 到时候会自动从卡里扣吗"]
    # however unsure the model is of the question
    PARSES["会自动扣款吗"] = ("ask_due_date", 0.55)
    assert asyncio.run(answering("确认 会自动扣款吗", parse, in_form=True)).turns == ["会自动扣款吗", "确认"]
    # a change with it is left to the form whole (a figure or a day in the question)
    assert asyncio.run(answering("好 能改成15号吗", parse, in_form=True)).turns == ["好 能改成15号吗"]


def test_a_short_balance_on_the_debit_day_is_one_question():
    text = "亲 今天还款日 卡里钱不够 晚一天还有事吗 会不会扣我罚金"
    assert turns(text) == [text]  # 今天还款日 alone began a verification, the rest taken for a phone


def test_a_cancel_said_last_in_a_form_ends_it_first():
    """等等 我现在到底欠多少？先别登记, at a promise's confirmation: the promise asked to be confirmed again."""
    PARSES["等等 我现在到底欠多少"] = ("check_overdue", 0.9)
    got = asyncio.run(answering("等等 我现在到底欠多少？先别登记", parse, in_form=True))
    assert got.turns == ["先别登记", "等等 我现在到底欠多少？"]


def test_really_after_a_question_is_the_same_question():
    """我表姐说你们打电话到她单位了 真的假的 还有我这个月还差多少没还: 真的假的 was merged away and the
    first question went unanswered."""
    PARSES["我表姐说你们打电话到她单位了"] = ("ask_contact_policy", 1.0)
    PARSES["我表姐说你们打电话到她单位了，真的假的"] = ("ask_contact_policy", 1.0)
    PARSES["还有我这个月还差多少没还"] = ("check_overdue", 1.0)
    assert turns("我表姐说你们打电话到她单位了 真的假的 还有我这个月还差多少没还") == [
        "我表姐说你们打电话到她单位了，真的假的",
        "还有我这个月还差多少没还",
    ]


def test_whether_a_part_may_be_paid_with_its_example_is_one_question():
    """我是问可以还一部分吗 比如先还500 剩下的下个月: the example alone read as a promise, and the plan in
    hand was dropped for one."""
    text = "我是问可以还一部分吗 比如先还500 剩下的下个月"
    PARSES["比如先还500 剩下的下个月"] = ("promise_to_pay", 0.95)
    PARSES["我是问可以还一部分吗"] = ("check_overdue", 1.0)
    assert asyncio.run(answering(text, parse, in_form=True)).turns == [text]
    assert turns(text) == [text]
    # with another question beside it, both are asked
    PARSES["能不能先还点"] = ("check_overdue", 1.0)
    PARSES["另外我的征信会受影响吗"] = ("ask_credit_record", 0.95)
    assert turns("能不能先还点 另外我的征信会受影响吗") == ["另外我的征信会受影响吗", "能不能先还点"]


def test_a_plan_instalment_late_and_whether_the_plan_stands_is_one_question():
    """12月1號那期要是晚幾天會怎樣？分期會作廢嗎: the consequences of being overdue, and "您目前沒有逾期"."""
    text = "12月1號那期要是晚幾天會怎樣？分期會作廢嗎"
    PARSES["12月1號那期要是晚幾天會怎樣"] = ("ask_overdue_consequences", 0.9)
    PARSES["分期會作廢嗎"] = ("ask_instalment_plan", 0.8)
    assert turns(text) == [text]


def test_a_cancel_after_a_filler_in_a_form_ends_it_before_the_rest():
    """等等，那我还是不办了，我月底一次性还, at an extension's confirmation: asked to confirm again."""
    PARSES["我月底一次性还"] = ("promise_to_pay", 0.95)
    got = asyncio.run(answering("等等，那我还是不办了，我月底一次性还", parse, in_form=True))
    assert got.turns == ["那我还是不办了", "我月底一次性还"]


@pytest.mark.parametrize(
    "text, cancel",
    [
        ("等一下先不弄了 我跟老婆商量一下", "先不弄了"),
        ("那算了，我回去跟老公商量商量", "那算了，我回去跟老公商量商量"),  # a cancel whole (is_cancel)
    ],
)
def test_a_cancel_then_a_remark_is_the_cancel_alone(text, cancel):
    """等一下先不弄了 我跟老婆商量一下, in the plan form: "已取消", then "好的，没关系" to the remark."""
    PARSES["我跟老婆商量一下"] = ("deny", 1.0)
    PARSES["我回去跟老公商量商量"] = ("deny", 0.9)
    assert asyncio.run(answering(text, parse, in_form=True)).turns == [cancel]


def test_a_yes_naming_what_it_confirms_before_a_question_is_the_yes_after_it():
    PARSES["那我爸现在知道我欠了多少钱吗"] = ("ask_contact_policy", 1.0)
    got = asyncio.run(answering("确认撤回。那我爸现在知道我欠了多少钱吗", parse, in_form=True))
    assert got.turns == ["那我爸现在知道我欠了多少钱吗", "确认撤回"]


def test_a_cancel_word_first_in_a_form_ends_it_before_the_question_after_it():
    """算了 我之前投诉过了 那个处理到哪了, in the complaint form: "这次没有登记投诉" and the question lost."""
    PARSES["我之前投诉过了 那个处理到哪了"] = ("ask_followup", 0.99)
    got = asyncio.run(answering("算了 我之前投诉过了 那个处理到哪了", parse, in_form=True))
    assert got.turns == ["算了", "我之前投诉过了 那个处理到哪了"]
    assert asyncio.run(answering("算了算了", parse, in_form=True)).turns == ["算了算了"]
    # another answer after the cancel word is the form's to take, whole
    assert asyncio.run(answering("算了 还是全部还了吧", parse, in_form=True)).turns == ["算了 还是全部还了吧"]
    assert asyncio.run(answering("算了 改成下周五吧", parse, in_form=True)).turns == ["算了 改成下周五吧"]


def test_a_list_numbered_without_marks_is_each_its_own_question():
    """1提前还款收不收手续费 2你们一般几点打电话 3能不能改成只发短信: only the contact rules were answered."""
    assert clauses("1提前还款收不收手续费 2你们一般几点打电话 3能不能改成只发短信") == [
        "1、提前还款收不收手续费",
        "2、你们一般几点打电话",
        "3、能不能改成只发短信",
    ]
    assert clauses("3天后还 2期一起") == ["3天后还 2期一起"]  # not counting up from 1: no list


def test_the_monthly_figure_after_a_plan_asked_is_the_plans():
    """这笔贷款最多能分几个月 每月要多少: 每月要多少 read as a settlement, and a settlement quote came first."""
    PARSES["这笔贷款最多能分几个月"] = ("ask_instalment_plan", 0.98)
    PARSES["每月要多少"] = ("ask_early_settlement", 0.85)
    assert turns("这笔贷款最多能分几个月 每月要多少") == ["这笔贷款最多能分几个月 每月要多少"]


def test_a_yes_then_another_request_is_the_yes_first():
    """确认 另外下个月15号再还剩下的也帮我登记上, at the promise's confirmation: read whole as a new promise,
    and the one confirmed was never stored."""
    got = asyncio.run(answering("确认 另外下个月15号再还剩下的也帮我登记上", parse, in_form=True))
    assert got.turns == ["确认", "另外下个月15号再还剩下的也帮我登记上"]
    change = asyncio.run(answering("好的 还是改成下周五吧", parse, in_form=True))
    assert change.turns == ["好的 还是改成下周五吧"]  # a change of what is confirmed: the form's
    outside = asyncio.run(answering("好的 另外我想问下", parse))
    assert outside.turns == ["好的 另外我想问下"]  # no form: nothing to confirm


def test_a_callers_demand_told_is_no_promise():
    """…自称你们法务部的人给我打电话，说我涉嫌诈骗，让我今天下午5点前还清，不然拘留15天 … 我是真的要坐牢了吗:
    the reassurance, then "您承诺在…前还款 7623.18 元…确认登记吗？" — the caller's deadline put as a promise."""
    text = "有个自称你们法务部的人给我打电话，让我今天下午5点前还清，我是真的要坐牢了吗"
    PARSES["有个自称你们法务部的人给我打电话"] = ("report_improper_collection", 0.9)
    PARSES["让我今天下午5点前还清"] = ("promise_to_pay", 0.98)
    PARSES["我是真的要坐牢了吗"] = ("ask_overdue_consequences", 0.95)
    turns = asyncio.run(answering(text, parse)).turns
    # told with the question, never a turn of its own (now the whole call asked about is one turn)
    assert "让我今天下午5点前还清" not in turns and any(
        t.endswith("让我今天下午5点前还清，我是真的要坐牢了吗") for t in turns
    )


def test_whether_an_arrangement_still_stands_is_one_question():
    """那我下周三还那个承诺还有效吧？没被分期取代吧: cut in two, the first clause opened a new promise
    ("您打算还多少钱？", twice)."""
    text = "那我下周三还那个承诺还有效吧？没被分期取代吧"
    PARSES["那我下周三还那个承诺还有效吧"] = ("promise_to_pay", 0.99)
    PARSES["没被分期取代吧"] = ("ask_instalment_plan", 0.97)
    assert asyncio.run(answering(text, parse)).turns == [text]


def test_the_address_book_feared_is_one_question():
    """…我听说逾期了你们会爆通讯录 给我所有联系人打电话 是不是真的 我还没逾期 但是下个月可能还不上了: cut in
    four, 我还没逾期 began a login and the question itself waited ("我们一次办一件")."""
    text = (
        "在不在 问一下哈 我听说逾期了你们会爆通讯录 给我所有联系人打电话 是不是真的 我还没逾期 但是下个月可能还不上了"
    )
    assert asyncio.run(answering(text, parse)).turns == [text]


def test_whether_the_penalty_still_runs_is_not_whether_an_arrangement_stands():
    PARSES["可以延期一个月吗"] = ("ask_extension", 0.95)
    PARSES["延期以后罚息还算不算"] = ("ask_penalty_interest", 0.95)
    turns = asyncio.run(answering("可以延期一个月吗，延期以后罚息还算不算", parse)).turns
    assert turns == ["延期以后罚息还算不算", "可以延期一个月吗"]


def test_a_yes_then_a_question_of_its_own_naming_a_day_is_both():
    """好 确认 对了我之前好像登记过一个25号还的 那个还算数吗, at an extension's confirmation: asked again."""
    got = asyncio.run(answering("好 确认 对了我之前好像登记过一个25号还的 那个还算数吗", parse, in_form=True))
    assert got.turns == ["对了我之前好像登记过一个25号还的 那个还算数吗", "好 确认"]


def test_a_request_with_the_borrowers_number_is_the_request_then_the_number():
    """好的怎么验证我手机号是13500135005 / a long question ending in the number: read whole it fell back to
    "收到您的手机号。请告诉我您想查询或办理什么" — the question was lost."""
    PARSES["好的怎么验证我手机号是13500135005"] = ("inform", 0.6)
    PARSES["好的怎么验证"] = ("start_verification", 0.9)
    assert asyncio.run(answering("好的怎么验证我手机号是13500135005", parse)).turns == ["好的怎么验证", "13500135005"]
    PARSES["我不认识他 别再打给我 15811112222"] = ("third_party_inquiry", 1.0)
    stop = "我不认识他 别再打给我 15811112222"
    assert asyncio.run(answering(stop, parse)).turns == [stop]  # their number, kept with the refusal
    PARSES["查下我欠多少 13800138001"] = ("check_overdue", 1.0)
    assert asyncio.run(answering("查下我欠多少 13800138001", parse)).turns == ["查下我欠多少 13800138001"]


def test_the_borrowers_number_said_after_two_questions_goes_with_the_first():
    """我想问下我这个月要还多少 还有能不能晚几天 手机号13900139002: the verification the first question began
    asked for the number again (it had gone with the second)."""
    PARSES["我想问下我这个月要还多少"] = ("check_overdue", 0.95)
    PARSES["还有能不能晚几天，手机号13900139002"] = ("ask_extension", 0.9)
    PARSES["还有能不能晚几天"] = ("ask_extension", 0.9)
    plan = asyncio.run(answering("我想问下我这个月要还多少 还有能不能晚几天 手机号13900139002", parse))
    assert plan.turns[0] == "我想问下我这个月要还多少 13900139002"


def test_a_remark_then_a_cancel_is_the_cancel_alone():
    """哎呀等下 我还没跟老婆说 先不登记了, at a promise's confirmation: 已取消, then "没太明白" to the remark."""
    PARSES["先不登记了"] = ("deny", 0.95)
    got = asyncio.run(answering("哎呀等下 我还没跟老婆说 先不登记了", parse, in_form=True))
    assert got.turns == ["先不登记了"]


def test_a_loan_paid_off_told_before_a_paper_asked_is_one_request():
    """以前借过一笔早就还清了 能开个结清证明吗: the story alone read as borrowing again (h25a)."""
    assert turns("以前借过一笔早就还清了 能开个结清证明吗") == ["以前借过一笔早就还清了 能开个结清证明吗"]


def test_a_no_then_a_reason_at_a_confirmation_is_the_no():
    """不用登记什么承诺 我直接还清就行了: read whole, 还清 became a promise of everything (h25a)."""
    assert asyncio.run(answering("不用登记什么承诺 我直接还清就行了", parse, in_form=True)).turns == [
        "不用登记什么承诺"
    ]


def test_a_later_day_and_its_penalty_are_one_question():
    """晚个三四天 8号9号还上 罚多少钱 会直接上征信吗: cut, 罚多少钱 alone got "没有任何罚息" (h25a)."""
    PARSES["会直接上征信吗"] = ("ask_credit_record", 0.95)
    assert turns("晚个三四天 8号9号还上 罚多少钱 会直接上征信吗") == [
        "晚个三四天 8号9号还上 罚多少钱",
        "会直接上征信吗",
    ]
    assert turns("罚息怎么算 会不会上征信") != ["罚息怎么算 会不会上征信"]  # no later day: still two


def test_whether_a_promise_stands_and_another_question_are_two():
    """我的承诺还在吗？还有我爸那边你们还会不会打电话: only the contacts were answered (h26a)."""
    PARSES["我的承诺还在吗"] = ("ask_followup", 0.9)
    PARSES["还有我爸那边你们还会不会打电话"] = ("ask_contact_policy", 0.95)
    assert turns("我的承诺还在吗？还有我爸那边你们还会不会打电话") == [
        "还有我爸那边你们还会不会打电话",
        "我的承诺还在吗",
    ]
    assert turns("那我下周三还那个承诺还有效吧？没被分期取代吧") == ["那我下周三还那个承诺还有效吧？没被分期取代吧"]


def test_a_request_with_the_number_in_traditional_characters_is_the_request_then_the_number():
    """我想查一下我的還款日 手機13700137003: the question was lost to "收到您的手机号" (h27a)."""
    PARSES["我想查一下我的還款日 手機13700137003"] = ("inform", 0.55)
    PARSES["我想查一下我的還款日"] = ("ask_due_date", 0.58)
    assert turns("我想查一下我的還款日 手機13700137003") == ["我想查一下我的還款日", "13700137003"]


def test_the_same_request_said_twice_is_one_not_one_waiting():
    """h28a: …明天法院来人，是不是你们的人？我要投诉 waited as "another request", its question unanswered."""
    text = "有个自称律师的人打电话说已经对我立案了，是不是你们的人？我要投诉"
    plan = asyncio.run(answering(text, parse))
    assert plan.later == []
    assert "".join(plan.turns).count("我要投诉") == 1 and plan.turns[0].startswith("有个自称律师的人")


def test_a_penalty_on_a_later_day_asked_with_a_question_mark_leaves_no_empty_turn():
    """h28a: 如果晚10天，15号再还，罚息大概多少钱？ — the "？" left after the question was a turn of its own
    ("我在的。请直接告诉我您想办什么")."""
    text = "如果晚10天，15号再还，罚息大概多少钱？"
    assert asyncio.run(answering(text, parse)).turns == ["如果晚10天，15号再还，罚息大概多少钱"]


def test_chased_though_paid_on_time_keeps_its_story_with_it():
    """h28b: 我分期每期都按时还的, cut off, was a plan applied for; the question it explains went with the
    credit question."""
    text = "我分期每期都按时还的 为什么昨天还收到催收短信说我逾期 这样会不会影响我征信"
    assert asyncio.run(answering(text, parse)).turns == [
        "我分期每期都按时还的 为什么昨天还收到催收短信说我逾期",
        "这样会不会影响我征信",
    ]


def test_when_a_person_may_call_is_said_with_the_request_for_one():
    """h28a: 人工大概多久联系我？我白天上班，晚上8点后方便 put a contact setting to confirm, twice."""
    text = "人工大概多久联系我？我白天上班，晚上8点后方便"
    assert asyncio.run(answering(text, parse)).turns == [text]
    setting = "人工大概多久联系我？以后只在晚上8点后打给我"
    assert asyncio.run(answering(setting, parse)).turns == ["人工大概多久联系我", "以后只在晚上8点后打给我"]


def test_a_reason_then_a_cancel_in_a_form_is_the_cancel():
    """h29a: 等会 我先去翻下通话记录把号码找出来，这个先不登了, at the complaint's caller step: taken as the caller."""
    text = "等会 我先去翻下通话记录把号码找出来，这个先不登了"
    assert asyncio.run(answering(text, parse, in_form=True)).turns[0] == "这个先不登了"


def test_a_call_impersonating_a_lawyer_asked_about_is_one_turn():
    """h29a: …自称XX律师事务所的律师打电话给我 说要起诉我 是你们的人吗 — cut, the complaint offer came twice."""
    text = "今天下午有个自称律师的人打电话给我 说要起诉我 是你们的人吗？我根本没逾期啊"
    assert asyncio.run(answering(text, parse)).turns == [text]


def test_a_question_of_a_day_said_before_it_keeps_the_day():
    """h30: 下周五发工资，到时候一次性结清要准备多少钱 was cut: 到时候… alone got today's settlement and
    下周五发工资 a promise. One question, with its day; a question with a day of its own is still cut."""
    said = "下周五发工资，到时候一次性结清要准备多少钱"
    assert turns(said) == [said]
    assert turns("下周五发工资 我打算那天把钱全部结清，到时候要准备多少？") == [
        "下周五发工资 我打算那天把钱全部结清，到时候要准备多少"
    ]
    assert turns("我欠多少钱？另外会不会上征信") == ["另外会不会上征信", "我欠多少钱"]


def test_an_amount_after_a_changed_day_stays_with_the_forms_answer():
    """h31a: 哦 改成12月3号吧，金额2500，会影响我征信吗 at a promise's confirmation: the amount went with the credit
    question and the form kept 2000."""
    got = asyncio.run(answering("哦 改成12月3号吧，金额2500，会影响我征信吗", parse, in_form=True))
    assert got.turns == ["会影响我征信吗", "哦，改成12月3号吧，金额2500"]


def test_never_mind_then_a_new_answer_in_a_form_is_the_answer_not_a_cancel():
    """h31a: 那算了 改成每月三百左右吧，这样期数多了要多交手续费吗, at a plan's confirmation: "已取消"."""
    got = asyncio.run(answering("那算了 改成每月三百左右吧，这样期数多了要多交手续费吗", parse, in_form=True))
    assert got.turns == ["这样期数多了要多交手续费吗", "那算了，改成每月三百左右吧"]


def test_a_no_and_why_in_a_form_is_the_no_alone():
    """h32a: 不要了，因为27号那笔我肯定会还的 ended the form, then put a promise for the 27th."""
    got = asyncio.run(answering("不要了，因为27号那笔我肯定会还的", parse, in_form=True))
    assert got.turns == ["不要了"]


def test_a_message_that_opens_as_a_complaint_is_one_complaint():
    """h34b: 投诉：11月18号下午3点 号码… 打给我老婆赵敏，跟她说我欠钱不还 was cut, and the contact rules, the
    contact log and a promise came before the complaint, whose form asked the time again."""
    said = "投诉：11月18号下午3点 号码021-55556666 打给我老婆赵敏，跟她说我欠钱不还"
    assert turns(said) == [said]
    assert turns("【投诉】昨晚十点多 有人打电话骂我") == ["【投诉】昨晚十点多 有人打电话骂我"]
    # an addition, said whole (the first sentence, a correction, was lost: only 还有… was added)
    added = "补充：他没真的打给我领导，只是威胁说要打。还有他自称是什么法务部的，说要起诉我让我坐牢"
    assert turns(added) == [added]
    assert turns("我欠多少钱？另外会不会上征信") == ["另外会不会上征信", "我欠多少钱"]  # others still cut


def test_payday_beside_a_due_day_moved_is_its_reason():
    """h35b: 每期20号还 能不能改成15号？我15号发工资 was cut, and 我15号发工资 taken as a promise for the 15th."""
    PARSES["每期20号还 能不能改成15号"] = ("ask_due_date", 0.95)
    PARSES["我15号发工资"] = ("promise_to_pay", 0.84)
    PARSES["还款日能不能改到16号"] = ("ask_due_date", 0.95)
    assert turns("每期20号还 能不能改成15号？我15号发工资") == ["每期20号还 能不能改成15号？我15号发工资"]
    assert turns("我15号发工资，还款日能不能改到16号") == ["我15号发工资，还款日能不能改到16号"]


def test_a_cancel_word_then_more_in_a_form_is_two_turns_though_one_clause():
    """h36a: 算了，你就告诉我她是不是逾期了就行, at the code step: the form went on ("请输入…验证码")."""
    PARSES["你就告诉我她是不是逾期了就行"] = ("check_overdue", 0.9)
    plan = asyncio.run(answering("算了，你就告诉我她是不是逾期了就行", parse, in_form=True))
    assert plan.turns == ["算了", "你就告诉我她是不是逾期了就行"]
    assert asyncio.run(answering("算了 还是全部还了吧", parse, in_form=True)).turns == ["算了 还是全部还了吧"]


def test_a_question_announced_after_a_declared_complaint_is_its_own_turn():
    """h36b: 补充：…另外问一下，我投诉了会不会影响我的征信啊 — the question was stored in the addition, unanswered."""
    said = "补充：他还说我这种人就该去坐牢。另外问一下，我投诉了会不会影响我的征信啊？"
    assert turns(said) == ["补充：他还说我这种人就该去坐牢。", "另外问一下，我投诉了会不会影响我的征信啊？"]
    whole = "投诉：11月18号下午3点 打给我老婆，跟她说我欠钱不还，还有她问我是不是欠了很多"
    assert turns(whole) == [whole]  # 还有 with no question announced: part of the story


def test_contact_while_a_promise_runs_asked_in_a_form_is_one_turn():
    said = "27号我先还了3000以后，到3号之前你们还会打电话催我吗？"
    assert asyncio.run(answering(said, parse, in_form=True)).turns == [said]


def test_a_question_to_us_after_an_addition_is_its_own_turn():
    """h37b: 补充：…还有，处理结果你们怎么通知我，打电话还是短信？ was kept inside the note, unanswered."""
    said = "补充：我爸因为这事气得住院了。还有，处理结果你们怎么通知我，打电话还是短信？"
    assert turns(said) == ["补充：我爸因为这事气得住院了。", "还有，处理结果你们怎么通知我，打电话还是短信？"]


def test_a_story_before_a_complaint_is_part_of_it():
    """h37b: 你们打电话给我爸 我爸气得住院了 我要投诉 got the hardship answer (还不上款并不代表…) first."""
    PARSES["你们打电话给我爸"] = ("report_improper_collection", 0.9)
    PARSES["我爸气得住院了"] = ("explain_hardship", 0.9)
    PARSES["我要投诉"] = ("report_improper_collection", 0.95)
    assert turns("你们打电话给我爸，我爸气得住院了，我要投诉") == ["你们打电话给我爸，我爸气得住院了，我要投诉"]
