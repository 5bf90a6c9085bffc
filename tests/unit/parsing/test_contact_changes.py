"""What a borrower asks to change about being contacted (parsing/contact_changes.py), typed, and kept
in the `contact_change` slot between the question and the confirmation."""

from collections import namedtuple

import pytest

from parsing.contact_changes import (
    ContactChannel,
    ContactHours,
    WithdrawContact,
    change_from_slot,
    change_to_slot,
    wanted_change,
)

Contact = namedtuple("Contact", "id name relation authorized")
CONTACTS = [Contact(7, "王芳", "母亲", True), Contact(8, "李强", "同事", False)]


@pytest.mark.parametrize(
    "text, change",
    [
        ("别再打给我妈了", WithdrawContact(7, "王芳", "母亲")),
        ("撤回王芳的紧急联系人授权", WithdrawContact(7, "王芳", "母亲")),
        ("撤掉她", WithdrawContact(7, "王芳", "母亲")),  # the one authorised (it got the contact rules)
        ("我紧急联系人填的谁？我想撤掉", WithdrawContact(7, "王芳", "母亲")),
        ("以后下午2点到6点再联系我", ContactHours("14:00", "18:00")),
        ("只在上午联系我", ContactHours("08:00", "12:00")),
        ("别打电话了 发短信就行", ContactChannel("sms")),
        ("以后发邮件吧", ContactChannel("email")),
        ("你们好", None),
        # Contact is 08:00–21:00, so a bare 1–7 o'clock is the afternoon or evening.
        ("还是7点以后吧", ContactHours("19:00", "21:00")),
        ("5点以前联系", ContactHours("08:00", "17:00")),
        ("1点到5点之间打", ContactHours("13:00", "17:00")),
        ("早上7点以后", ContactHours("07:00", "21:00")),  # said as morning: refused as outside the window
        ("9点以后再打", ContactHours("09:00", "21:00")),
        ("改成晚上十点到十二点打给我", ContactHours("22:00", "24:00")),  # refused: outside 08:00–21:00
        ("晚上7点到9点", ContactHours("19:00", "21:00")),
        ("上午10点到下午2点", ContactHours("10:00", "14:00")),
        ("联系时间改成下午两点到五点", ContactHours("14:00", "17:00")),
        # The hours NOT wanted: the rest of the window (one 确认 stored the very hours refused).
        ("晚上七点以后别联系我", ContactHours("08:00", "19:00")),
        ("晚上8点以后不要再打给我了", ContactHours("08:00", "20:00")),
        ("中午12点前别联系我，我上夜班白天睡觉", ContactHours("12:00", "21:00")),
        ("以后别打电话了，晚上7点以后再联系", ContactHours("19:00", "21:00")),
        ("别在晚上8点以后打给我", ContactHours("08:00", "20:00")),  # 两点: it read as the whole afternoon
        ("不对，还是傍晚七点以后吧", ContactHours("19:00", "21:00")),
        ("不对 改成晚上八点", ContactHours("20:00", "21:00")),  # one hour of the evening: from then (it was 18:00)
        ("只在晚上联系我", ContactHours("18:00", "21:00")),
        # h22b: evenings became mornings, e-mail only became SMS only
        ("那不行 白天不要 那就还是6点到9点吧", ContactHours("18:00", "21:00")),  # it stored 08:00–09:00
        ("不是上午！！是晚上10点到11点", ContactHours("22:00", "23:00")),  # it stored 10:00–21:00 (refused now)
        ("早上7点到9点", ContactHours("07:00", "09:00")),  # said as morning: as said (refused: before 8:00)
        ("以后能不能只发邮件 电话短信都不要", ContactChannel("email")),  # it offered SMS only
        ("不对 我说的是只要邮件 email 不要短信", ContactChannel("email")),
        ("邮件也别发了 只发短信", ContactChannel("sms")),
        # the half hour kept (12:00–13:30 was stored as 12:00–13:00, h26a)
        ("改成中午12点到1点半", ContactHours("12:00", "13:30")),
        ("12:00-13:30", ContactHours("12:00", "13:30")),
        ("晚上7点半到9点", ContactHours("19:30", "21:00")),
        ("行 那以后只在晚上六点半以后联系我", ContactHours("18:30", "21:00")),  # (it was 18:00)
        ("早上九点半以前别打", ContactHours("09:30", "21:00")),
    ],
)
def test_wanted_change(text, change):
    assert wanted_change(text, CONTACTS) == change


@pytest.mark.parametrize(
    "change", [WithdrawContact(7, "王芳", "母亲"), ContactHours("09:00", "12:00"), ContactChannel("call")]
)
def test_a_change_survives_the_slot(change):
    assert change_from_slot(change_to_slot(change)) == change


def test_the_slot_keeps_the_format_conversations_already_hold():
    """A conversation stored before the change was typed continues: same JSON, same meaning."""
    assert change_to_slot(WithdrawContact(7, "王芳", "母亲")) == (
        '{"kind": "withdraw", "contact_id": 7, "name": "王芳", "relation": "母亲"}'
    )
    assert change_from_slot('{"kind": "hours", "start": "09:00", "end": "12:00"}') == ContactHours("09:00", "12:00")


@pytest.mark.parametrize(
    "text, changes",
    [
        (
            "别再打我妈电话了！她身体不好 以后只能晚上7点以后打给我",
            [WithdrawContact(7, "王芳", "母亲"), ContactHours("19:00", "21:00")],
        ),
        ("别打我妈了，只发短信给我", [WithdrawContact(7, "王芳", "母亲"), ContactChannel("sms")]),
        # The hours said of the contact are about her, not a setting of the borrower's.
        ("别在晚上打给我妈", [WithdrawContact(7, "王芳", "母亲")]),
        ("只在上午联系我", [ContactHours("08:00", "12:00")]),
        ("你们好", []),
        # Two contacts named together in one request: both (only the mother was withdrawn).
        ("别再给我同事和我妈打电话", [WithdrawContact(7, "王芳", "母亲"), WithdrawContact(8, "李强", "同事")]),
        (
            "我妈我同事都别打了 只发短信",
            [WithdrawContact(7, "王芳", "母亲"), WithdrawContact(8, "李强", "同事"), ContactChannel("sms")],
        ),
        ("别打我妈 打我同事吧", [WithdrawContact(7, "王芳", "母亲")]),  # the other one named is not withdrawn
        # "only e-mail" said with whom, beside the two refused: it was lost (h25b)
        (
            "以后只给我发邮件 别打电话别发短信 也别找我妈王芳",
            [WithdrawContact(7, "王芳", "母亲"), ContactChannel("email")],
        ),
        ("只给我打电话 别发短信", [ContactChannel("call")]),
        # back to every channel (an e-mail-only borrower had no way back, h25a)
        ("联系方式恢复默认", [ContactChannel("any")]),
        ("回国了 短信电话都可以了", [ContactChannel("any")]),
        ("电话也可以打了", [ContactChannel("any")]),
    ],
)
def test_every_change_asked_for_at_once(text, changes):
    from parsing.contact_changes import wanted_changes

    assert wanted_changes(text, CONTACTS) == changes


def test_several_changes_in_the_slot_and_a_new_one_replacing_its_own_kind():
    from parsing.contact_changes import changes_from_slot, changes_to_slot, merged_changes

    both = [WithdrawContact(7, "王芳", "母亲"), ContactHours("19:00", "21:00")]
    assert changes_from_slot(changes_to_slot(both)) == both
    assert changes_from_slot(change_to_slot(both[0])) == both[:1]  # one is kept as it always was
    assert changes_to_slot(both[:1]) == change_to_slot(both[0])
    assert merged_changes(both, [ContactHours("08:00", "12:00")]) == [both[0], ContactHours("08:00", "12:00")]
    assert merged_changes(both[:1], [ContactChannel("sms")]) == [both[0], ContactChannel("sms")]


def test_several_contacts_and_a_contact_taken_back():
    from parsing.contact_changes import revised_changes, wanted_changes

    contacts = CONTACTS + [Contact(9, "王丽", "姐妹", True)]
    both = wanted_changes("别给我妹王丽打电话了，我妈那边也别打了", contacts)
    assert both == [WithdrawContact(9, "王丽", "姐妹"), WithdrawContact(7, "王芳", "母亲")]
    pending = wanted_changes("不要再打给我姐了，以后电话改成邮件", contacts)
    assert revised_changes(pending, "等等，我姐那个先保留，只改邮件", contacts) == [ContactChannel("email")]
    assert revised_changes(pending, "确认", contacts) is None
    assert revised_changes(pending, "还有我妈也别打了", contacts) == pending + [WithdrawContact(7, "王芳", "母亲")]


def test_a_kind_of_change_taken_back_at_the_confirmation_is_dropped():
    """短信那个不要了 还是可以打电话 就时间改一下: asked again with both, then 嗯确认 stored SMS-only too."""
    from parsing.contact_changes import revised_changes
    from parsing.values import after_change_word

    pending = [ContactChannel("sms"), ContactHours("19:00", "21:00")]
    said = "短信那个不要了 还是可以打电话 就时间改一下"
    assert revised_changes(pending, said, CONTACTS, after_change_word(said)) == [ContactHours("19:00", "21:00")]
    assert revised_changes(pending, "时间就不改了", CONTACTS) == [ContactChannel("sms")]
    assert revised_changes(pending, "都不要了", CONTACTS) is None  # a plain no: the form's own answer


@pytest.mark.parametrize(
    "text, amount",
    [
        ("只分L5002那笔行不", None),  # a loan's reference, not 5002 yuan
        ("L1001先还500", "500.00"),
        ("我手机尾号3721 先还300", "300.00"),
        ("手机号13800138001 下周还500", "500.00"),
        ("工号A1023", None),
        ("rmb500", "500.00"),
    ],
)
def test_a_reference_or_a_phone_is_never_an_amount(text, amount):
    from parsing.values import parse_amount

    found = parse_amount(text)
    assert (str(found) if found is not None else None) == amount


def test_a_loans_reference_is_not_a_year():
    """L2001那笔 下周五先还300 asked the day again: 2001 was taken for a year."""
    from datetime import date

    from parsing.values import parse_date

    assert parse_date("L2001那笔 下周五先还300", date(2026, 11, 20)) == date(2026, 11, 27)


@pytest.mark.parametrize(
    "text, change",
    [
        ("別再打給我媽了", WithdrawContact(7, "王芳", "母亲")),
        ("別打給王芳", WithdrawContact(7, "王芳", "母亲")),
        ("以後只在晚上聯繫我", ContactHours("18:00", "21:00")),
        ("別打電話了 發短信就行", ContactChannel("sms")),
    ],
)
def test_a_change_in_traditional_characters(text, change):
    assert wanted_change(text, CONTACTS) == change


def test_the_person_asked_about_in_traditional_characters():
    from parsing.contact_changes import person_asked_about

    assert person_asked_about("請問我媽接到電話說我欠錢 是你們打的嗎", CONTACTS) == ("母亲", [CONTACTS[0]])
    assert person_asked_about("你們打給我同事了嗎", CONTACTS) == ("同事", [CONTACTS[1]])


def test_the_one_authorised_contact_named_by_a_pronoun():
    """对 撤回她的, after the menu offered to withdraw the only authorised contact: a generic menu again."""
    one = [Contact(7, "王芳", "母亲", True), Contact(8, "李强", "同事", False)]
    assert wanted_change("对 撤回她的", one) == WithdrawContact(7, "王芳", "母亲")
    assert wanted_change("撤回授权", one) == WithdrawContact(7, "王芳", "母亲")
    two = [Contact(7, "王芳", "母亲", True), Contact(9, "王刚", "兄弟", True)]
    assert wanted_change("对 撤回她的", two) is None  # which one: not guessed


@pytest.mark.parametrize(
    "text, change",
    [
        ("能不能先别给他发短信打电话 他在ICU", None),  # it offered "以后只通过短信联系您"
        ("别再发短信了", None),
        ("别发短信了 打电话就行", ContactChannel("call")),
        ("不要再打了 发短信吧", ContactChannel("sms")),
    ],
)
def test_no_sms_is_not_sms_only(text, change):
    assert wanted_change(text, CONTACTS) == change


@pytest.mark.parametrize(
    "text",
    ["联系时间改回默认", "把联系时段改成早8点到晚9点", "时段恢复成原来的", "联系时间不限"],
)
def test_hours_back_to_the_whole_window(text):
    """After 12:00-13:00 was set, these were not understood or got the rules with nothing changed."""
    assert wanted_change(text, CONTACTS) == ContactHours("08:00", "21:00")


def test_the_asker_said_as_the_borrowers_child_is_not_read_from_the_borrower_named_after():
    """我是借款人的女儿 我爸在你们这借了钱 was noted as the borrower's father (from 我爸)."""
    from parsing.contact_changes import relation_in

    assert relation_in("我是借款人的女儿 我爸在你们这借了钱") == "子女"
    assert relation_in("我是他老婆") == "配偶"
    assert relation_in("我儿子在你们这借了钱") == "父母"
    assert relation_in("我是借款人 查一下") is None


def test_no_email_is_not_email_only():
    """邮件呢？邮件也别发了 was put to confirm as "以后只通过邮件联系您" (h13 talk)."""
    from parsing.contact_changes import ContactChannel, _channel

    assert _channel("邮件呢？邮件也别发了") is None
    assert _channel("别发邮件了 只发短信") == ContactChannel("sms")
    assert _channel("只发邮件") == ContactChannel("email")


def test_numbered_changes_kept_and_dropped_at_the_confirmation():
    """第一个要 第二个不要 我没说要改时间 (1 撤回张建国, 2 14:00–18:00): both were cancelled."""
    from parsing.contact_changes import revised_changes

    pending = [WithdrawContact(7, "王芳", "母亲"), ContactHours("14:00", "18:00")]
    assert revised_changes(pending, "第一个要 第二个不要 我没说要改时间", CONTACTS) == pending[:1]
    assert revised_changes(pending, "第二个不要", CONTACTS) == pending[:1]
    assert revised_changes(pending, "只要第二个", CONTACTS) == pending[1:]
    assert revised_changes(pending, "确认", CONTACTS) is None


@pytest.mark.parametrize(
    "text",
    ["你刚才说今天下午要打我爸电话？？别打 我在处理了", "我妈说有人打电话给她 她一晚上没睡着 以后能别打给我妈吗"],
)
def test_when_something_happened_is_no_hours_wanted(text):
    """It proposed 14:00–18:00 and 18:00–21:00 to people who had asked for no hours."""
    from parsing.contact_changes import hours_in

    assert hours_in(text) is None


def test_the_contact_said_instead_at_a_withdrawals_confirmation():
    """不对 我说错了 是周杰不是刘红 我妈可以联系, at 刘红's withdrawal: only cancelled (h27a)."""
    from parsing.contact_changes import revised_changes

    pending = [WithdrawContact(7, "王芳", "母亲")]
    for text in ("不对 我说错了 是李强不是王芳 我妈可以联系", "不是我妈 是我同事"):
        assert revised_changes(pending, text, CONTACTS) == [WithdrawContact(8, "李强", "同事")]
    assert revised_changes(pending, "是我说错了", CONTACTS) is None


def test_the_channel_changed_to_is_the_one_after_the_change_word():
    from parsing.contact_changes import wanted_changes

    """h28a: 我之前好像设成只发邮件了，改回短信吧 put e-mail only to confirm."""
    assert wanted_changes("我之前好像设成只发邮件了，改回短信吧", []) == [ContactChannel("sms")]
    assert wanted_changes("以前是只打电话 现在换成只发邮件", []) == [ContactChannel("email")]
    assert wanted_changes("以后只发邮件", []) == [ContactChannel("email")]


def test_every_setting_back_to_the_default_at_once():
    """h29a: 不是分期！是联系方式和时间，改回默认 was read as nothing."""
    from parsing.contact_changes import wanted_changes

    both = [ContactHours("08:00", "21:00"), ContactChannel("any")]
    assert wanted_changes("不是分期！是联系方式和时间，改回默认", []) == both
    assert wanted_changes("设置都恢复默认", []) == both
    assert wanted_changes("联系时间恢复默认", []) == [ContactHours("08:00", "21:00")]


@pytest.mark.parametrize(
    "text, hours",
    [
        # a part of the day NOT wanted is the rest of the window (晚上别打 was stored as the evening only)
        ("还有晚上别打", ("08:00", "18:00")),
        ("别在晚上打", ("08:00", "18:00")),
        ("上午不方便", ("12:00", "21:00")),
        ("中午别打", None),  # the rest is two spans: asked, not guessed
        ("只在晚上联系我", ("18:00", "21:00")),
    ],
)
def test_a_part_of_the_day_refused_is_the_rest_of_the_window(text, hours):
    from parsing.contact_changes import hours_in

    assert hours_in(text) == hours


def test_family_named_as_such_is_every_relative():
    """h30b: 你们以后别再打我家里人和同事的电话了…我妈和我同事…都接到了 withdrew the colleague only."""
    from parsing.contact_changes import wanted_changes

    said = "你们以后别再打我家里人和同事的电话了行不行！！我妈和我同事李强都接到了"
    assert wanted_changes(said, CONTACTS) == [
        WithdrawContact(8, "李强", "同事"),
        WithdrawContact(7, "王芳", "母亲"),
    ]
    assert wanted_changes("别再打我同事电话了", CONTACTS) == [WithdrawContact(8, "李强", "同事")]


def test_an_end_refused_and_a_start_wanted_are_both_kept():
    """h32b: 晚上八点以后别打了孩子要睡觉 早上九点以后再打 was 08:00–20:00 (the start dropped)."""
    from parsing.contact_changes import hours_in

    assert hours_in("晚上八点以后别打了孩子要睡觉 早上九点以后再打") == ("09:00", "20:00")
    assert hours_in("晚上7点以后别联系我") == ("08:00", "19:00")
    assert hours_in("下午6点以后再打吧") == ("18:00", "21:00")


@pytest.mark.parametrize(
    "text, hours",
    [
        # hours said as a span and refused are NOT the hours wanted (中午12点到2点别打 was 12:00–14:00)
        ("中午12点到2点别打", None),  # the rest is two spans: asked, not guessed
        ("12点到1点半我午休不方便接", None),
        ("晚上6点到9点别打了", ("08:00", "18:00")),
        ("别在晚上七点到九点打", ("08:00", "19:00")),
        ("早上8点到10点我在开会别打电话", ("10:00", "21:00")),
        ("下午2点到6点打给我", ("14:00", "18:00")),  # a span wanted stays the span
        ("还是6点到9点吧", ("18:00", "21:00")),
    ],
)
def test_a_span_refused_is_the_rest_of_the_window(text, hours):
    from parsing.contact_changes import hours_in

    assert hours_in(text) == hours


@pytest.mark.parametrize(
    "text, channel",
    [
        ("短信 电话都行", "any"),  # it was SMS only: the space between the two
        ("短信或者电话都可以", "any"),
        ("打电话发短信都行 随便", "any"),
        ("邮件和短信都不要", "call"),  # two refused: the third (it was SMS only)
        ("电话 短信都不要了 发邮件", "email"),
        ("只发短信", "sms"),
        # h35b: the one channel undone is every channel again (SMS only was put to confirm, the opposite)
        ("想了想 只发短信那个还是撤销吧 电话也可以打", "any"),
        ("邮件不用 就电话短信", "any"),
    ],
)
def test_channels_said_together(text, channel):
    from parsing.contact_changes import wanted_changes

    assert wanted_changes(text, []) == [ContactChannel(channel)]


def test_a_person_said_as_the_reason_is_not_withdrawn():
    """h34b: 只打电话 不要发短信 短信我老婆会看到 put the wife's withdrawal to confirm beside the channel."""
    from parsing.contact_changes import wanted_changes

    wife = [Contact(9, "赵敏", "配偶", True)]
    assert wanted_changes("那就中午十二点到两点吧 只打电话 不要发短信 短信我老婆会看到", wife) == [
        ContactHours("12:00", "14:00"),
        ContactChannel("call"),
    ]
    assert wanted_changes("别发短信了 我老婆会看到", wife) == []
    # the person as whom, spread over the pieces, still is
    assert wanted_changes("别再给 我老婆 打电话", wife) == [WithdrawContact(9, "赵敏", "配偶")]
    assert wanted_changes("我老公那个紧急联系人 你们别找他", [Contact(3, "王强", "配偶", True)]) == [
        WithdrawContact(3, "王强", "配偶")
    ]
