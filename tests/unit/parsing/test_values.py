"""Amounts, plan terms and dates in borrowers' words."""

from datetime import date
from decimal import Decimal

import pytest

from parsing.values import (
    others_contacted,
    others_of,
    parse_amount,
    parse_date,
    parse_days,
    parse_term_months,
    payments_period,
    when_of,
)

TODAY = date(2026, 11, 20)  # a Friday


@pytest.mark.parametrize(
    "text, amount",
    [
        ("八百", "800.00"),
        ("1.5万", "15000.00"),
        ("一万五", "15000.00"),
        ("两千五", "2500.00"),
        ("¥2,000", "2000.00"),
        ("一个月1500左右", "1500.00"),
        ("每个月只能还八百", "800.00"),
        ("每个月只能还八百，分六期", "800.00"),
        ("下周五还两千", "2000.00"),
        ("2万5", "25000.00"),
        ("我明天还五百块", "500.00"),
        ("1,200.50元", "1200.50"),
        ("月底还八百五", "850.00"),
        ("３０００", "3000.00"),
        ("分6期", None),
        ("15号", None),
        ("三天后", None),
        ("没钱", None),
        # 一 that counts nothing: "帮我登记一下" is not 1 元.
        ("下周五全部都还上，帮我登记一下", None),
        ("先还一点", None),
        ("一次性还一万二", "12000.00"),
        ("我一定还八百", "800.00"),
        ("先还一笔一千的", "1000.00"),
        ("下礼拜五全都还上", None),
        ("星期三还八百", "800.00"),
        # numbers that count something else, and figures too small to be money unless said so
        ("那不要替换，两个都要", None),
        ("你们跟微粒贷是一家吗 能一起分期吗", None),
        ("先还一半", None),
        ("就还五", None),
        ("还3成", None),
        ("5元", "5.00"),
        ("8块钱", "8.00"),
        ("还3百", "300.00"),
        ("1.5千", "1500.00"),
        # a rough range is its lower figure (一个月大概七八百吧 was not understood in the plan form)
        ("一个月大概七八百吧", "700.00"),
        ("每月两三百", "200.00"),
        ("三四千", "3000.00"),
        ("一两千", "1000.00"),
    ],
)
def test_amounts(text, amount):
    assert parse_amount(text) == (Decimal(amount) if amount else None)


@pytest.mark.parametrize(
    "text, months",
    [
        ("那就分最长的", 12),
        ("最短的吧", 3),
        ("最长能分几期", None),  # a question, not a choice
        ("分6期", 6),
        ("六个月", 6),
        ("半年", 6),
        ("12期", 12),
        ("十二期", 12),
        ("一年", 12),
        ("3个月", 3),
        ("分三期吧", 3),
        ("一个月1500左右", None),
        ("每个月还八百分两个月", 2),
        ("每个月只能还八百", None),
        ("好的", None),
    ],
)
def test_terms(text, months):
    assert parse_term_months(text) == months


@pytest.mark.parametrize(
    "text, day",
    [
        ("明天", date(2026, 11, 21)),
        ("后天", date(2026, 11, 22)),
        ("下周五", date(2026, 11, 27)),
        ("月底", date(2026, 11, 30)),
        ("这个月底前", date(2026, 11, 30)),
        ("下个月底", date(2026, 12, 31)),
        ("15号", date(2026, 12, 15)),
        ("25号", date(2026, 11, 25)),
        ("20号", date(2026, 11, 20)),
        ("三天后", date(2026, 11, 23)),
        ("3天后", date(2026, 11, 23)),
        ("两周后", date(2026, 12, 4)),
        ("12月1日", date(2026, 12, 1)),
        ("下个月5号", date(2026, 12, 5)),
        ("今天", date(2026, 11, 20)),
        ("31号", date(2026, 11, 30)),
        ("不知道", None),
        ("下周", None),
    ],
)
def test_dates(text, day):
    assert parse_date(text, TODAY) == day


@pytest.mark.parametrize(
    "text, days",
    [
        ("延期7天", 7),
        ("十五天", 15),
        ("30天", 30),
        ("宽限一周", 7),
        ("半个月", 15),
        ("推迟一个月", 30),
        ("好", None),
        ("一周不够 换成半个月的吧", 15),  # a change of mind: the new one
        ("还是算了", None),
    ],
)
def test_days(text, days):
    assert parse_days(text) == days


@pytest.mark.parametrize(
    "text, months", [("3期太多了 换成6期吧", 6), ("三个月六个月十二个月各要还多少", None), ("还是12个月吧", 12)]
)
def test_a_change_of_mind_names_the_term(text, months):
    assert parse_term_months(text) == months


def test_entity_values_are_normalised_and_deduplicated(monkeypatch):
    from rasa.shared.nlu.training_data.message import Message

    from nlu.entities import ValueEntities

    monkeypatch.setenv("ASSISTANT_TODAY", "2026-11-20")
    message = Message(
        data={
            "text": "下周五还八百",
            "entities": [
                {"entity": "amount", "value": "八百", "start": 4, "end": 6, "extractor": "DIETClassifier"},
            ],
        }
    )
    phone = Message(
        data={
            "text": "13800138001",
            "entities": [
                {"entity": "phone", "value": "13800138001", "start": 0, "end": 11, "extractor": "DIETClassifier"},
                {"entity": "phone", "value": "13800138001", "start": 0, "end": 11, "extractor": "RegexEntityExtractor"},
            ],
        }
    )
    ValueEntities().process([message, phone])
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("amount", "800.00"),
        ("pay_date", "2026-11-27"),
    ]
    assert [(e["entity"], e["value"]) for e in phone.get("entities")] == [("phone", "13800138001")]


def test_unparseable_dates_leave_no_traceback_with_the_borrowers_words(caplog):
    with caplog.at_level("DEBUG"):
        assert parse_date("能不能发信息提醒我还钱 13800138001", TODAY) is None
    assert "13800138001" not in caplog.text and "Traceback" not in caplog.text


@pytest.mark.parametrize(
    "text, read",
    [
        # written in traditional characters: 個, 號, 週, 塊 read as their simplified forms
        (("date", "下個月五號還"), date(2026, 12, 5)),
        (("date", "下週五先還一部分"), date(2026, 11, 27)),
        (("term", "分十二個月"), 12),
        (("days", "延後十五天"), 15),
        (("amount", "每個月還三百塊"), Decimal("300.00")),
    ],
)
def test_traditional_characters_read_as_simplified(text, read):
    kind, words = text
    parse = {
        "date": lambda w: parse_date(w, TODAY),
        "term": parse_term_months,
        "days": parse_days,
        "amount": parse_amount,
    }[kind]
    assert parse(words) == read


@pytest.mark.parametrize(
    "text, when",
    [
        ("上个礼拜五半夜打的", "2026-11-13 上个礼拜五半夜"),
        ("上星期三下午", "2026-11-11 上星期三下午"),
        ("礼拜二上午打的", "2026-11-17 礼拜二上午"),
        ("上周 晚上11点多", "上周晚上11点"),
        ("前几天晚上", "前几天晚上"),
        ("不知道是谁 一个男的", None),
    ],
)
def test_when_it_happened_with_weeks_written_as_libai_or_xingqi(text, when):
    assert when_of(text, TODAY) == when


@pytest.mark.parametrize(
    "text, amount",
    [
        ("五百三十二块四毛六", Decimal("532.46")),  # it promised 532.00: the 0.46 was dropped
        ("532元4角6分", Decimal("532.46")),
        ("两千块零五毛", Decimal("2000.50")),
        ("800元5分", Decimal("800.05")),
        ("每月500块 6期", Decimal("500.00")),  # a term after the amount is no cents
        ("300块1个月", Decimal("300.00")),
        ("1000元 5号还", Decimal("1000.00")),
    ],
)
def test_jiao_and_fen_after_the_yuan_are_the_cents(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    "text, day",
    [
        ("那我这个月底能还一千五行不行 剩下的下个月", date(2026, 11, 30)),  # it was read as 12-31
        ("下个月底", date(2026, 12, 31)),
        ("大概下个月初吧", date(2026, 12, 1)),  # it was not read at all: the date was asked again
        ("我说了下个月初啊 就1号吧", date(2026, 12, 1)),
        ("月初", date(2026, 12, 1)),
        ("下个月中旬", date(2026, 12, 15)),
    ],
)
def test_the_start_middle_and_end_of_a_month(text, day):
    assert parse_date(text, TODAY) == day


@pytest.mark.parametrize(
    "text, months", [("首期还款日改成12月5号可以吗", None), ("12月份开始还", None), ("分12月", 12)]
)
def test_a_month_with_a_day_is_a_date_not_a_term(text, months):
    assert parse_term_months(text) == months


@pytest.mark.parametrize(
    "text, day",
    [
        ("过完年就是2月底吧", date(2027, 2, 28)),  # it was registered as 11-30
        ("那一千块我下周五还 剩下两千多二月底还", date(2026, 11, 27)),  # the first day named, not 11-30
        ("十一月底", date(2026, 11, 30)),
        ("明天还一半 月底还剩下的", date(2026, 11, 21)),
    ],
)
def test_a_named_months_end_and_the_first_day_named(text, day):
    assert parse_date(text, TODAY) == day


def test_a_time_corrected_in_the_same_breath_is_the_last_one():
    """前天下午，不对，是昨天下午三点左右 was kept as 11-18 (前天下午昨天下午三点) and checked against
    the wrong day's log (h14 talk)."""
    from datetime import date

    from parsing.values import when_of

    assert when_of("前天下午，不对，是昨天下午三点左右", date(2026, 11, 20)) == "2026-11-19 昨天下午三点"
    assert when_of("前天下午", date(2026, 11, 20)) == "2026-11-18 前天下午"


@pytest.mark.parametrize(
    "story, others",
    [
        ("我在公司上班的时候他们打电话骂我", None),  # where the borrower was, not who was called
        ("他们打电话到我公司 领导都知道了", "公司、领导"),
        ("你们的人给我妈打电话说我欠钱不还", "我妈"),
        ("我同事都接到你们电话了", "同事"),
        ("昨天还打给我老婆了", "老婆"),
        ("爆我通讯录", "通讯录"),
        ("我妈身体不好 我不想让她知道", None),  # a worry, not a contact
        ("我跟我妈住在一起 晚上十一点打电话", None),
        # only threatened: not contacted (说要去我单位找我领导 was kept as the boss contacted)
        ("催收说要去我单位找我领导", None),
        ("扬言要爆我通讯录", None),
        ("已经打到我公司了，还说要找我爸", "公司"),
        ("我妈接到电话了 还说要去我单位", "我妈"),
        # h28a: a threat to send someone to the parents was filed as 我爸 contacted
        ("说再不还钱就派人去我老家找我爸妈，还说要让我坐牢", None),
        ("他们打电话给我爸妈了", "我爸妈"),
    ],
)
def test_who_else_a_story_says_was_contacted(story, others):
    assert others_contacted(story) == others


@pytest.mark.parametrize(
    "answer, others",
    [
        ("我妈", "我妈"),
        ("同事和领导都接到了", "同事、领导"),
        ("他说要去我单位找我领导", "没有，但对方扬言要联系单位、领导"),
        ("威胁说要上门找我家人", "没有，但对方扬言要联系家人"),
        ("打给我老婆了 还说要去我单位", "老婆"),
        ("没人", None),
    ],
)
def test_who_else_was_contacted_as_the_answer_to_the_question(answer, others):
    assert others_of(answer) == others


@pytest.mark.parametrize(
    "text, named",
    [
        ("一周太短了 换成半个月的", "半个月的"),
        ("不是3810 是3000块", "3000块"),  # a correction (read as a no, it cancelled the promise)
        ("不是6期，是12期", "12期"),
        ("不是周五 我说的是下周五", "下周五"),
        ("不是延期，我就是承诺下周五27号还清", "不是延期，我就是承诺下周五27号还清"),  # no 是 of a correction
        ("确认", "确认"),
    ],
)
def test_what_a_change_of_mind_names(text, named):
    from parsing.values import after_change_word

    assert after_change_word(text) == named


@pytest.mark.parametrize(
    "text, caller",
    [
        ("我是B004本人 你们的人昨天打电话骂我 说我全家死光", None),  # it stored 来电号码或工号：B004
        ("让我加一个QQ联系法官。我B001的", None),
        ("工号C-215的人骂我", "C-215"),
        ("我账号B004 他号码是17088886666", "17088886666"),
    ],
)
def test_the_borrowers_own_id_is_not_the_callers(text, caller):
    from parsing.values import caller_of

    assert caller_of(text) == caller


@pytest.mark.parametrize(
    "text, budget",
    [
        ("我一个月退休金两千出头一个月还一百五行不行", "150.00"),
        ("不对不对 两千是我退休金 我说的是一个月还150", "150.00"),
        ("每个月能还800", "800.00"),
        ("我一个月就挣两千", None),
    ],
)
def test_a_budget_is_what_can_be_paid_not_what_is_earned(text, budget):
    from parsing.values import budget_amount

    assert budget_amount(text) == (Decimal(budget) if budget else None)


@pytest.mark.parametrize(
    "text, period",
    [
        ("你们上周给我打了几次电话", ("上周", date(2026, 11, 9), date(2026, 11, 15))),  # 2026-11-20 is a Friday
        ("这周打了几次", ("这周", date(2026, 11, 16), date(2026, 11, 20))),
        ("上个月", ("上个月", date(2026, 10, 1), date(2026, 10, 31))),
        ("最近一个月联系了我几次", ("最近一个月", date(2026, 10, 22), date(2026, 11, 20))),
        ("11月9号到15号之间", ("11月9日到11月15日", date(2026, 11, 9), date(2026, 11, 15))),
        ("你们打过我电话吗", None),
    ],
)
def test_the_period_a_question_names(text, period):
    from parsing.values import period_asked

    assert period_asked(text, date(2026, 11, 20)) == period


@pytest.mark.parametrize(
    "text, said",
    [
        ("那为啥30号还要还573 我不是还了300了吗 这期到底多少钱", "300.00"),  # "您说还了 573.00 元" (h23a)
        ("喂 我16号都还了300块了 咋个还给我发短信说我逾期", "300.00"),
        ("600", "600.00"),
    ],
)
def test_the_amount_said_to_be_paid(text, said):
    from parsing.values import amount_said_paid

    assert amount_said_paid(text) == Decimal(said)


@pytest.mark.parametrize(
    "text, term", [("我要12期的 不是6期", 12), ("不要3期 要6期", 6), ("三个月六个月十二个月各要还多少", None)]
)
def test_the_term_not_denied(text, term):
    """我要12期的 不是6期, at the 6-month plan's confirmation: "已取消"."""
    assert parse_term_months(text) == term


@pytest.mark.parametrize(
    "text, amount",
    [
        ("1635我28号拿不出来啊 只能800", Decimal("800.00")),  # it was 1635 (h25a)
        ("3000还不了 先还1000", Decimal("1000.00")),
        ("1635拿不出来", None),  # only a figure refused: none promised
        ("28号还800", Decimal("800.00")),
    ],
)
def test_a_figure_said_not_to_be_payable_is_not_the_promise(text, amount):
    from parsing.values import promised_amount

    assert promised_amount(text) == amount


def test_a_day_of_a_month_is_not_an_amount_and_a_day_at_the_months_end_is_that_day():
    """是改到30号 11月30 became a promise of 30.00 元; 月底28号发工资 became the 30th (h25a)."""
    assert parse_amount("是改到30号 11月30") is None
    assert parse_amount("11月30还500") == Decimal("500.00")
    assert parse_date("月底28号发工资 到时候先还800", TODAY) == date(2026, 11, 28)
    assert parse_date("月底还", TODAY) == date(2026, 11, 30)


@pytest.mark.parametrize(
    "text, everything",
    [
        ("不对 是28号还800 不是今天 也还不了全部", False),  # it stored the total (h25a)
        ("全部还不上", False),
        ("没法一次性还清", False),
        ("月底全部还上", True),
        ("啊 全部可能不行 先还一半吧", False),  # (h26a: the total was put to confirm again)
        ("都还上", True),
    ],
)
def test_everything_refused_is_not_everything(text, everything):
    from nlu.signals import means_everything

    assert means_everything(text) is everything


def test_cantonese_insults_and_nobody_else():
    """琴晚十一点几打电话闹我 讲我老母: filed as a call at night only; 冇 就打俾我 stored as someone else
    contacted (h25a)."""
    from parsing.values import complaint_category, is_nobody

    assert complaint_category("琴晚十一点几打电话嚟闹我 仲讲我老母") == "abusive_language"
    assert complaint_category("佢哋讲粗口") == "abusive_language"
    assert is_nobody("冇 就打俾我") and is_nobody("冇") and not is_nobody("打俾我阿妈")


def test_a_term_said_after_its_change_word_with_the_old_one_as_the_reason():
    """那还是12期吧 3期压力太大: it stayed on 3 (h27a)."""
    assert parse_term_months("那还是12期吧 3期压力太大") == 12
    assert parse_term_months("还是12期吧 6期每月还是太多") == 12
    assert parse_term_months("三个月六个月十二个月各要还多少") is None


@pytest.mark.parametrize(
    "text, amount",
    [
        ("不对不对，我刚说错了，600有点悬，每个月500还差不多", "500"),
        ("每个月能还300", "300"),
        ("一个月就能拿出两百", "200"),
        ("我工资3000 每月能拿500出来", "500"),
        ("500吧", "500"),
    ],
)
def test_the_monthly_budget_is_the_figure_after_the_last_per_month(text, amount):
    from parsing.values import monthly_budget

    assert monthly_budget(text) == Decimal(amount)


def test_a_day_denied_and_another_said_is_the_other():
    """h29a: 哦我记错了，不是1号，我爸说是11月2号上午接的 was kept as "1号11月2号" on the 1st."""
    assert when_of("哦我记错了，不是1号，我爸说是11月2号上午接的", date(2026, 11, 20)) == "2026-11-02 11月2号上午"
    assert when_of("不是昨天 是前天晚上", date(2026, 11, 20)) == "2026-11-18 前天晚上"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我这周五先还400 剩下的月底还清", ("400.00", "2026-11-20", "2026-11-30")),
        ("下周五先还2000 剩下的月底", ("2000.00", "2026-11-27", "2026-11-30")),  # the day before 先 (it was None)
        ("俺今天先还800 剩下的月底30号还清 给俺记上", ("800.00", "2026-11-20", "2026-11-30")),
        ("12月1号先还500 剩下的12月3号还", ("500.00", "2026-12-01", "2026-12-03")),
        ("今天先还800 剩下的慢慢还", None),  # the rest has no day
        ("我25号先还800，30号把剩下的全部还了，行不", ("800.00", "2026-11-25", "2026-11-30")),  # h32a: all on the 25th
        ("这周五先还400 剩下的这周五还清", None),  # not a later day
        ("我下周三还500", None),
    ],
)
def test_a_first_part_and_the_rest_by_a_later_day(text, expected):
    from parsing.values import part_first_rest_later

    found = part_first_rest_later(text, date(2026, 11, 20))
    assert (None if found is None else (str(found[0]), found[1].isoformat(), found[2].isoformat())) == expected


@pytest.mark.parametrize(
    "text, caller",
    [
        ("有人打电话说自己是派出所的 说我涉嫌诈骗 我手机号13500135005", None),  # h30b: stored as the caller
        ("有人冒充派出所 我手机号135****5005", None),  # (as kept while verifying: masked)
        ("我的电话是13800138001 打我的是0755-1234567", "0755-1234567"),
        ("昨晚17099887766打给我骂人", "17099887766"),
    ],
)
def test_the_writers_own_number_is_not_the_caller(text, caller):
    from parsing.values import caller_of

    assert caller_of(text) == caller


@pytest.mark.parametrize(
    "text, day",
    [
        ("元旦啊 1月1号", date(2027, 1, 1)),  # h30a: "这个日期已经过去了"
        ("元旦之前", date(2027, 1, 1)),
        ("1月1号之前", date(2027, 1, 1)),
        ("1月5号", date(2027, 1, 5)),
        ("今年1月5号", date(2026, 1, 5)),  # a year said is kept
        ("11月2号", date(2026, 11, 2)),  # a day just gone stays gone (a complaint's, a payment's)
    ],
)
def test_a_month_and_day_long_gone_is_the_coming_one(text, day):
    assert parse_date(text, TODAY) == day


@pytest.mark.parametrize(
    "text, day",
    [
        ("周三还", date(2026, 11, 25)),  # said on Friday the 20th: the coming one (it was the 18th)
        ("周三前", date(2026, 11, 25)),
        ("下周五前", date(2026, 11, 27)),  # (… 前: no date was read)
        ("这周三", date(2026, 11, 18)),  # this week's, said so
        ("周三还了500", date(2026, 11, 18)),  # a payment made
        ("周五", date(2026, 11, 20)),  # today
    ],
)
def test_a_bare_weekday_already_gone_this_week_is_the_coming_one(text, day):
    assert parse_date(text, TODAY) == day


def test_a_loan_named_by_what_was_borrowed():
    from collections import namedtuple

    from parsing.values import loans_named_by_principal

    Loan = namedtuple("Loan", "id principal")
    loans = [Loan("L5001", Decimal("3000.00")), Loan("L5002", Decimal("6000.00"))]
    assert loans_named_by_principal("我只想把6000块那笔提前结清，3000那笔先不动", loans) == ["L5002"]
    assert loans_named_by_principal("六千那笔结清多少", loans) == ["L5002"]
    assert loans_named_by_principal("结清要多少", loans) == []


@pytest.mark.parametrize(
    "text, skip, nobody",
    [
        ("不知道 应该没有吧", True, False),  # h30b: stored word for word as who else was called
        ("不太清楚 应该没有", True, False),
        ("应该没有吧", False, True),
        ("好像没有", False, True),
        ("没有", False, True),
        ("有 我妈", False, False),
    ],
)
def test_a_hedged_nobody_or_not_known(text, skip, nobody):
    from parsing.values import is_nobody, is_skip

    assert (is_skip(text), is_nobody(text)) == (skip, nobody)


def test_complaint_details_told_in_passing_h31b():
    """A threat told as a story (找人去你老家 … 知道我孩子在哪个学校上学) was filed as a call at night; 这周天天
    was "这周天" (a Sunday to come); a WeChat account's tail (cuishou888) was stored as agent HOU888;
    不清楚 怕他发给我朋友圈的人 stored the friends as contacted; 就这两三天吧 had "no time in it"."""
    from parsing.values import caller_of, complaint_category, is_skip, when_of

    story = "昨天晚上快十点一个男的打电话说再不还钱就找人去你老家 把你家门口喷上欠债不还 还说知道我孩子在哪个学校上学"
    assert complaint_category(story) == "threats"
    assert when_of("一天给我打十几个电话 这周天天这样", TODAY) == "这周"
    assert when_of("就这两三天吧", TODAY) == "这两三天"
    assert caller_of("是微信 微信号叫cuishou888") == "微信号 cuishou888"
    assert caller_of("工号C-215") == "C-215"
    assert is_skip("不清楚 怕他发给我朋友圈的人")


def test_a_share_and_a_holiday_are_not_amounts_and_the_part_said_nearest_the_rest_counts():
    """h31a: 另外一半元旦前还上 was "先还 10.50 元"; 我想先还一部分，下周五先还三千，剩下的月底还清 was one promise
    of everything by the Friday."""
    from parsing.values import part_first_rest_later

    assert parse_amount("我们厂25号发工资，发了先还一半，另外一半元旦前还上，行不") is None
    assert parse_amount("一千五") == Decimal("1500.00")
    said = "你好 我是刘洋，欠的钱我想先还一部分，下周五先还三千，剩下的月底还清，可以吗"
    assert part_first_rest_later(said, TODAY) == (Decimal("3000.00"), date(2026, 11, 27), date(2026, 11, 30))


def test_complaint_details_h32b():
    """上个月12号 was this month's 12th ("no record of ours" then); 打…领导都看见了 (the boss saw) was filed as a
    disclosure; the calling number said before 天天晚上十点多打给我 is not the writer's."""
    from nlu.signals import called_from
    from parsing.values import complaint_category, when_of

    assert when_of("投诉 上个月12号晚上十点你们还打电话催我", TODAY).startswith("2026-10-12")
    said = "你们的人一天给我打了十几个电话上班时间一直打领导都看见了我接起来就骂我说我是骗子不要脸我要投诉"
    assert complaint_category(said) != "third_party"
    assert complaint_category("你们打电话给我领导说我欠钱") == "third_party"
    assert called_from("投诉 17088886666这个号码天天晚上十点多打给我", "17088886666")
    assert not called_from("13800138001 我想查欠款 你们别打我了", "13800138001")


def test_h33b_story_fields_and_numbers():
    """周杰跟我说他也接到了 stored "我说他" as who else was called, and the time "昨天晚上十点今天"; of two
    numbers, the one that called was refused instead of the writer's own; 改成打电话行吧 lost the channel."""
    from parsing.contact_changes import ContactChannel, wanted_changes
    from parsing.phones import find_phone
    from parsing.values import others_contacted, when_of

    story = (
        "跟你们说个事 昨天晚上十点多有个男的打给我 自称是什么律师事务所的张律师 说我再不还就起诉我 还说要通知我单位 "
        "结果今天我同事周杰跟我说他也接到电话了 说我欠钱不还 丢死人了"
    )
    assert others_contacted(story) == "同事"
    assert when_of(story, TODAY) == "2026-11-19 昨天晚上十点"
    said = "你们用17012345678打给我找一个叫李四的 我根本不认识他 我号码是13822223333 别再打了"
    assert find_phone(said) == "13822223333"
    assert ContactChannel("call") in wanted_changes("那我不要短信了 改成打电话行吧 下午两点到五点", [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("上个月我还了多少", ("上个月", date(2026, 10, 1), date(2026, 10, 31))),
        ("上上个月那笔是不是被扣了两回", ("上上个月", date(2026, 9, 1), date(2026, 9, 30))),  # not last month
        ("10月份还了几笔", ("10月", date(2026, 10, 1), date(2026, 10, 31))),
        ("九月还的钱到了吗", ("9月", date(2026, 9, 1), date(2026, 9, 30))),
        ("这个月还了多少", ("这个月", date(2026, 11, 1), date(2026, 11, 20))),
        ("11月还了多少", ("11月", date(2026, 11, 1), date(2026, 11, 20))),  # this month: up to today
        ("12月还了多少", ("2025年12月", date(2025, 12, 1), date(2025, 12, 31))),  # last December
        ("11月20号那笔到了没", None),  # a day, not a month
        ("月底还了多少", None),
        ("我一共还了多少", None),
    ],
)
def test_the_period_a_question_about_payments_names(text, expected):
    assert payments_period(text, date(2026, 11, 20)) == expected


def test_the_boss_called_is_a_third_party():
    """催收天天打给我老板 这算不算违规 had no category (and so read as calls felt too many)."""
    from parsing.values import complaint_category

    assert complaint_category("催收天天打给我老板 这算不算违规") == "third_party"
    assert complaint_category("他们跟我上司说我欠钱不还") == "third_party"


def test_days_after_a_payment_word_are_no_amount():
    """h36b: 如果我哪期晚还了一两天，会上征信吗 was answered "您说还了 12.00 元，我们的账上没有"."""
    from parsing.values import amount_said_paid

    assert amount_said_paid("如果我哪期晚还了一两天，会上征信吗？") is None
    assert amount_said_paid("晚还了两三天") is None
    assert amount_said_paid("我还了300块") == Decimal("300.00")


def test_one_day_of_last_week_is_not_its_monday():
    """h36b: 上礼拜一天给我打了五六个电话 was stored as occurred 2026-11-09 上礼拜一."""
    assert when_of("上礼拜一天给我打了五六个电话", date(2026, 11, 20)) == "上礼拜"
    assert when_of("上礼拜一打了五个", date(2026, 11, 20)) == "2026-11-09 上礼拜一"


def test_a_brother_called_is_a_third_party_and_a_contact_list_threatened_is_not_contacted():
    """h36a: 还打给我哥说我欠钱不还 was filed as calls too many with nobody else contacted; 还说要把我欠钱的事发给
    我通讯录所有人 (a threat) was kept as the contact list contacted."""
    from parsing.values import complaint_category, others_contacted

    told = "昨天晚上十点多还打电话给我，一天打了五六个，还打给我哥说我欠钱不还，我要投诉"
    assert complaint_category(told) == "third_party" and others_contacted(told) == "我哥"
    assert others_contacted("还说要把我欠钱的事发给我通讯录所有人") is None
    assert others_contacted("说要告诉我领导，还真打给我领导了") == "领导"
