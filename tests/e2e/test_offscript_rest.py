"""Off-script conversations over REST, as borrowers write (issue #14): a greeting or a story around
the request, colloquial requests, two questions at once, forms that never trap, 全部 as an amount,
crisis words inside a form, "I already paid", noise, traditional characters. Our own phrasings."""

from loan_store.repository import LoanStore
from tests.e2e.test_rest_conversations import token

STOPPED = "这一步我们先停在这里，没有为您办理或保存任何内容。"
ASK_PHONE = "请输入您在我们这里登记的11位手机号码。"
PENALTY_RULE = "罚息的计算规则：只有逾期未还的本金会产生罚息，每天0.05%"
CREDIT = "关于征信：逾期信息可能会按规定报送征信系统"
CRISIS = "您的安全比任何欠款都重要。"
NOISE = "我在的。请直接告诉我您想办什么"


def stored(assistant, method, *args):
    store = LoanStore(assistant.database_url)
    try:
        return getattr(store, method)(*args)
    finally:
        store.engine.dispose()


def test_greeting_and_politeness_around_the_request(assistant, sender):
    reply = assistant.text(sender, "哈喽在吗？帮我查查还欠你们多少钱呀 谢谢🙏", token("B001"))
    assert "您当前逾期应还共 3363.24 元，共 3 期，最长已逾期 71 天。" in reply


def test_colloquial_requests(assistant, sender):
    assert "可以申请延期还款" in assistant.text(sender, "能宽限我几天不", token("B002"))
    budget = assistant.text(f"{sender}-b", "我每个月最多拿得出三百块", token("B005"))
    assert "按您每月大约 300.00 元的预算，最短可以分6期。" in budget
    assert "把 1629.42 元分6期，每月还 281.15 元" in budget


def test_a_story_then_the_request(assistant, sender):
    reply = assistant.text(
        sender,
        "去年开始生意一直不好，老婆又生病住院，家里开销很大，实在周转不过来，能不能分12期慢慢还",
        token("B005"),
    )
    assert "听到您现在的困难，真的很不容易" in reply
    assert (
        "您选择的方案：把 1629.42 元分12期，每月还 144.77 元，共还 1737.24 元，首期还款日 2026年12月20日。确认办理吗？"
        in reply
    )


def test_two_questions_in_one_message_both_answered(assistant, sender):
    reply = assistant.text(sender, "罚息到底怎么算的？还有这个会不会影响征信")
    assert PENALTY_RULE in reply and CREDIT in reply
    # A public question is answered before the one that needs verification.
    mixed = [m.get("text", "") for m in assistant.say(f"{sender}-2", "我现在欠多少钱 顺便问下会不会上征信")]
    assert CREDIT in mixed[0] and mixed[-1] == ASK_PHONE


def test_verification_never_traps(assistant, sender):
    assert ASK_PHONE in assistant.text(sender, "帮我看看欠款")
    # A question about a public rule is answered, and the form asks again.
    aside = assistant.text(sender, "逾期了你们会不会去法院告我")
    assert "普通的借款逾期属于民事纠纷，不是刑事犯罪" in aside and aside.endswith(ASK_PHONE)
    first = assistant.say(sender, "啥手机号")
    second = assistant.say(sender, "qwer")
    assert "不是一个有效的11位手机号码" in first[0]["text"] and not first[0].get("buttons")
    assert "看起来这一步不太顺利" in second[0]["text"]
    assert [b["title"] for b in second[0]["buttons"]] == ["算了", "转人工"]
    third = assistant.text(sender, "zzz")
    assert STOPPED in third and ASK_PHONE not in third
    assert PENALTY_RULE in assistant.text(sender, "罚息怎么算")


def test_cancel_words_end_every_form_and_store_nothing(assistant, sender):
    b1, b2, b3 = token("B001"), token("B002"), token("B003")
    assistant.text(f"{sender}-plan", "想分期还", b1)
    assert "已取消，没有为您办理任何变更" in assistant.text(f"{sender}-plan", "先不弄了", b1)
    assistant.text(f"{sender}-ext", "能延期吗", b2)
    assert "已取消，没有为您办理任何变更" in assistant.text(f"{sender}-ext", "以后再说", b2)
    assistant.text(f"{sender}-promise", "我打算下周一还钱", b2)
    assert "已取消，没有为您办理任何变更" in assistant.text(f"{sender}-promise", "不办了", b2)
    assistant.text(f"{sender}-complaint", "我要投诉你们的催收员", b3)
    assert "这次没有登记投诉" in assistant.text(f"{sender}-complaint", "那算了", b3)
    assistant.text(f"{sender}-verify", "查一下我的账单")
    assert "已取消身份验证" in assistant.text(f"{sender}-verify", "算了")
    assert stored(assistant, "plans", "B001") == []
    assert stored(assistant, "complaints", "B003") == []
    assert stored(assistant, "extensions", "B002") == []
    assert stored(assistant, "promises", "B002") == []


def test_everything_as_the_promised_amount(assistant, sender):
    me = token("B004")
    assert "您打算还多少钱？" in assistant.text(sender, "我月底前还", me)
    ask = assistant.text(sender, "都还上", me)
    # all of what is overdue today, with the penalty counted to the day of the promise
    assert "今天逾期应还 7620.01 元；罚息每天还在增加，到2026年11月30日要全部还清，需要还 7651.94 元" in ask
    assert "您承诺在 2026年11月30日（星期一） 前还款 7651.94 元。确认登记吗？" in ask
    # 全部还清 there is the amount too, not a question about settling early.
    assert "您打算还多少钱？" in assistant.text(f"{sender}-2", "我月底前还", me)
    ask = assistant.text(f"{sender}-2", "全部还清", me)
    assert "您承诺在 2026年11月30日（星期一） 前还款 7651.94 元。确认登记吗？" in ask
    assert "提前结清" not in ask
    assert stored(assistant, "promises", "B004") == []


def test_crisis_words_inside_a_complaint(assistant, sender):
    me = token("B003")
    assistant.text(sender, "催收天天打电话骂我", me)
    reply = assistant.text(sender, "再这么逼我，我就从楼上跳下去", me)
    assert reply.startswith(CRISIS)
    assert "12356" in reply and "我已经为您优先登记了人工客服" in reply
    (handoff,) = stored(assistant, "handoffs", sender)
    assert handoff.urgent is True and handoff.borrower_id == "B003"
    assert stored(assistant, "complaints", "B003") == []
    # The form is gone: the next message is read as itself.
    assert "我们的联系规则" in assistant.text(sender, "你们一般几点给我打电话", me)


def test_i_already_paid(assistant, sender):
    reply = assistant.text(sender, "钱我前天就转过去了 怎么还说我逾期", token("B002"))
    assert "我们最近收到的还款：\n· 2026年11月16日：300.00 元（借款 L2001 第5期）" in reply
    assert "您当前逾期应还共 573.03 元，共 1 期，最长已逾期 5 天。" in reply
    assert "最迟下一个工作日显示" in reply and "转人工核实" in reply


def test_i_already_paid_told_in_two_clauses_is_one_answer(assistant, sender):
    texts = [m.get("text", "") for m in assistant.say(sender, "我之前已经还了一笔了 为啥还显示逾期", token("B002"))]
    assert sum("我们最近收到的还款" in t for t in texts) == 1
    assert sum("您当前逾期应还共 573.03 元" in t for t in texts) == 1
    assert not any("我们收到的您的还款（共" in t for t in texts)  # not the payment history as well


def test_giving_up_on_verification_is_told_a_person_can_help(assistant, sender):
    assert ASK_PHONE in assistant.text(sender, "帮我查下还差多少")
    messages = assistant.say(sender, "手机号早换了 原来那个不用了")
    assert messages[0]["text"] == "好的，已取消身份验证。需要时您可以随时再来查询。"
    assert "由人工客服用其他方式核实身份" in messages[1]["text"]
    assert [b["title"] for b in messages[1]["buttons"]] == ["转人工"]


def test_noise_is_not_consent(assistant, sender):
    me = token("B001")
    assert NOISE in assistant.text(sender, "。。。", me)
    assert NOISE in assistant.text(sender, "🙏🙏🙏", me)
    reply = assistant.text(sender, "罚息多少", me)
    assert "您目前的罚息共 62.76 元" in reply
    assert stored(assistant, "handoffs", sender) == []
    # Inside a form noise answers nothing, and the form asks its question again.
    assistant.text(f"{sender}-form", "能分期吗", me)
    inside = assistant.text(f"{sender}-form", "👍", me)
    assert NOISE in inside and "您想分几期" in inside
    assert "您选择的方案" not in inside
    assert stored(assistant, "plans", "B001") == []


def test_traditional_characters_phrased_our_own_way(assistant, sender):
    reply = assistant.text(sender, "我的帳單到底還差多少沒繳", token("B001"))
    assert "逾期應還共 3363.24 元" in reply


def test_a_plan_asked_for_inside_the_promise_form(assistant, sender):
    me = token("B004")  # 214 days overdue: no plan online, so the switch says why and stores nothing
    assert "您打算还多少钱？" in assistant.text(sender, "我下周还钱", me)
    switched = assistant.text(sender, "每个月只能还五百", me)
    assert "刚才那一项先不办了，没有保存任何内容" in switched
    assert "您目前最长已逾期 214 天，超过了线上协商分期的180天上限，我没法在这里为您办理分期。" in switched
    assert stored(assistant, "promises", "B004") == [] and stored(assistant, "plans", "B004") == []


def test_found_by_talking_to_it(assistant, sender):
    """Conversations a tester of ours had with it on 2026-12-06, in other words."""
    # Cancel words in a row end the complaint form, and nothing is filed.
    b6 = token("B006")
    assistant.text(f"{sender}-c", "前天有人冒充律师打电话吓唬我", b6)
    assistant.text(f"{sender}-c", "记不得了", b6)
    assert "这次没有登记投诉" in assistant.text(f"{sender}-c", "算了算了，不投诉了", b6)
    assert stored(assistant, "complaints", "B006") == []
    # "登记一下" is not an amount of 1 元.
    ask = assistant.text(f"{sender}-p", "下礼拜五我把欠的全都还上 你帮我登记一下", token("B004"))
    assert "前还款 7642.35 元。确认登记吗？" in ask  # 7620.01 today, penalty to 11-27
    # A borrower who says their name is the borrower; the story ends in the question that is answered.
    b1 = token("B001")
    owed = assistant.text(f"{sender}-n", "您好 我叫张伟 这两个月没发工资 想问问我一共还欠你们多少", b1)
    assert "您当前逾期应还共 3363.24 元" in owed and "还款义务" not in owed
    # Another choice while asked to confirm is quoted again.
    assistant.text(f"{sender}-q", "想分期 一个月顶多八百", b1)
    requote = assistant.text(f"{sender}-q", "要不还是分12个月吧", b1)
    assert "把 3363.24 元分12期，每月还 298.82 元" in requote and "请回复" not in requote
    assert "已取消" in assistant.text(f"{sender}-q", "不要了", b1)
    assert stored(assistant, "plans", "B001") == []
    # Crisis words inside a request come first.
    assert assistant.text(f"{sender}-x", "天天被催 活着都没啥意思了 能晚几天还吗", token("B003")).startswith(CRISIS)
    # Thanks before a request is politeness around it.
    assert "登记投诉需要知道是哪笔借款" in assistant.text(f"{sender}-t", "好的谢谢，那我要投诉你们的催收")
    # Two requests that each open a form: the second is named back, not dropped.
    both = assistant.text(f"{sender}-2", "帮我办个延期 另外以后只给我发短信", token("B002"))
    assert "您想延期多久" in both and "您还提到了：“另外以后只给我发短信”。我们一次办一件" in both
    # …unless the first opened nothing (B003 owes nothing yet): the second is taken at once
    none_open = assistant.text(f"{sender}-3", "帮我办个延期 另外以后只给我发短信", token("B003"))
    assert "您目前没有逾期的款项，不需要延期。" in none_open and "以后只通过短信联系您，对吗？" in none_open
    assert "一次办一件" not in none_open
    # A number given with the question is taken at once (B006's, which no other test texts).
    started = assistant.text(f"{sender}-v", "我手机号13300133006，帮我查下欠多少")
    assert "133****3006 是在我们这里登记的号码，6位验证码已通过短信发出" in started and ASK_PHONE not in started
    # A "complaint" about a payment that does not show gets the ledger and a person, not the collectors' form.
    paid = assistant.text(f"{sender}-m", "我要投诉 钱都扣了怎么还没到账", token("B002"))
    assert "我们最近收到的还款" in paid and "转人工核实" in paid and "哪一类情况" not in paid


def test_a_side_question_with_the_forms_answer_in_one_message(assistant, sender):
    """分6期吧 另外罚息还会涨吗: the penalty first, then the confirmation — the term is not asked for
    again in between."""
    b1 = token("B001")
    assistant.text(sender, "我想分期还", b1)
    replies = [m.get("text", "") for m in assistant.say(sender, "分6期吧 另外罚息还会涨吗", b1)]
    assert replies[0].startswith(PENALTY_RULE) and replies[1].startswith("您目前的罚息共 62.76 元：")
    assert replies[2:] == [
        "您选择的方案：把 3363.24 元分6期，每月还 580.32 元，共还 3481.92 元，首期还款日 2026年12月20日。确认办理吗？"
    ]


def test_another_date_at_the_promise_confirmation_is_asked_again(assistant, sender):
    b5 = token("B005")
    asked = assistant.text(sender, "我下周三能还500", b5)
    assert "您承诺在 2026年11月25日（星期三） 前还款 500.00 元。确认登记吗？" in asked
    again = assistant.text(sender, "等等 还是下礼拜五吧", b5)
    assert "您承诺在 2026年11月27日（星期五） 前还款 500.00 元。确认登记吗？" in again
    assert stored(assistant, "promises", "B005") == []
    done = assistant.text(sender, "确认", b5)
    (promise,) = stored(assistant, "promises", "B005")
    assert f"编号 {promise.id}：2026年11月27日（星期五） 前还款 500.00 元" in done


def test_a_complaint_declined_ends_the_form_and_a_human_asked_for_with_it_is_reached(assistant, sender):
    b1 = token("B001")
    assistant.text(sender, "我要投诉", b1)
    assert "这次没有登记投诉" in assistant.text(sender, "啥？我没要投诉", b1)
    assistant.text(f"{sender}-2", "我要投诉", b1)
    human = assistant.text(f"{sender}-2", "我没有要投诉！！！叫你们真人来", b1)
    assert "已为您登记人工服务请求" in human and "请问发生的是哪一类情况" not in human
    assert stored(assistant, "complaints", "B001") == []


def test_a_middleman_asking_for_money_gets_the_warning_not_a_form(assistant, sender):
    replies = assistant.say(sender, "有人自称你们合作的律所 让我把钱打到他私人账户 说能停息挂账 这是真的吗？")
    assert [m.get("text", "")[:15] for m in replies] == ["请不要转账，这不是我们的做法。"]
    assert [b["title"] for b in replies[0]["buttons"]] == ["投诉登记", "转人工"]


def test_the_forms_answer_before_a_side_question_is_kept(assistant, sender):
    b2 = token("B002")
    assistant.text(sender, "能延期几天吗", b2)
    replies = [m.get("text", "") for m in assistant.say(sender, "15天吧。对了延期会不会上征信啊", b2)]
    # the point asked (does an extension clear the record), then the credit rules (h26b), then the form
    assert replies[0].startswith("办理分期或延期，已经发生的逾期记录不会因此消除") and replies[1].startswith(CREDIT)
    assert replies[-1].startswith("延期15天后，这些还款日会顺延：") and replies[-1].endswith("确认办理延期吗？")
    assert not any("您想延期多久" in r for r in replies)


def test_found_by_talking_to_it_on_2026_12_07(assistant, sender):
    """Each of these went wrong in a talk on the build of 2026-12-06."""
    b4 = token("B004")
    # Her mother's question, told, is not the borrower's: the whole bill was sent with the rest.
    told = assistant.text(sender, "我媽說你們打電話給她了 問我欠了多少 能不能別再打給她", b4)
    assert "7620.01" not in told and "逾期應還" not in told
    assert told.endswith("您是要撤回 劉紅（母親）的緊急聯繫人授權嗎？撤回後我們不會再聯繫 劉紅。")
    # Giving up on the verification with a question: cancelled, and the question answered.
    assistant.text(f"{sender}-2", "我想投訴 昨晚11點還在打電話 還罵我")
    assistant.text(f"{sender}-2", "13800138001")
    given_up = [m.get("text", "") for m in assistant.say(f"{sender}-2", "哎 先不弄了 我就想知道他们这样犯法不")]
    assert given_up[0] == "好的，已取消身份验证。需要时您可以随时再来查询。"
    assert given_up[1].startswith("我们的联系规则：") and "所有电话和短信只在每天 8:00–21:00 之间" in given_up[1]
    # One instalment early is that instalment (it got the whole loan's settlement).
    early = assistant.text(f"{sender}-3", "我12月5号那期能不能提前还", token("B003"))
    assert early.startswith("可以在还款日之前先还这一期") and "· 2026年12月5日：710.79 元（借款 L3001 第6期）" in early
    # Too little money in the card on the day (it got the tips, the day never named).
    short = assistant.text(f"{sender}-4", "到时候卡里钱不够扣会怎样")
    assert short.startswith("关于卡里钱不够：到了还款日余额不够，自动扣款会扣不成功")  # the point asked, first (h27b)
    # A complaint at a setting's confirmation: the setting left, the complaint begun (it was asked to confirm).
    contacts = stored(assistant, "emergency_contacts", "B004")
    assistant.text(f"{sender}-5", "撤回我妈的紧急联系人授权", b4)
    switched = assistant.text(f"{sender}-5", "先不撤了 我要投诉他们", b4)
    assert (
        switched.startswith("好的，刚才那一项先不办了，没有保存任何内容。") and "请问发生的是哪一类情况？" in switched
    )
    assert stored(assistant, "emergency_contacts", "B004") == contacts  # nothing withdrawn
    # An instalment not yet due asked about at a promise's amount: answered, and the amount asked again.
    b5 = token("B005")
    promised = stored(assistant, "promises", "B005")  # other tests of the run may have stored some
    assistant.text(f"{sender}-6", "我想下周五还钱", b5)
    beside = [m.get("text", "") for m in assistant.say(f"{sender}-6", "还有28号那期要不要一起算进去", b5)]
    assert beside[0].endswith("想和逾期的一起还，合计 2155.97 元。") and beside[-1] == "您打算还多少钱？"
    assert stored(assistant, "promises", "B005") == promised
