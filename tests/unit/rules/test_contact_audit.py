"""The compliance check behind the contact report (rules/contact_audit.py): each contact judged by the
policy's own checks and by the settings in force at that moment — a contact made before a change is
judged by the old settings, one made after by the new."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from rules.contact_audit import (
    ChannelPause,
    ContactRecord,
    ListedContact,
    SettingsChange,
    audit,
    per_day,
    settings_at,
)
from rules.contact_plan import DUE_REMINDER, Settings
from rules.contact_policy import LoggedContact, days_overdue_on
from rules.ledger import Instalment, Ledger, Loan

DUE = date(2026, 11, 10)
DAY = date(2026, 11, 20)  # 10 days overdue


def ledger(due=DUE, paid_principal="0.00", paid_on=None, paid_interest="0.00"):
    row = Instalment(
        "L1", 1, due, Decimal("100.00"), Decimal("10.00"), Decimal(paid_principal), Decimal(paid_interest), paid_on
    )
    return Ledger("B", loans=(Loan("L1", "消费贷", Decimal("100"), Decimal("0.18"), 1, date(2026, 10, 10), (row,)),))


def at(hour, minute=0, day=DAY):
    return datetime.combine(day, time(hour, minute))


def contact(id, moment, channel="call", to="borrower", purpose="collection", name=None):
    return LoggedContact(id, moment, channel, to, purpose, name)


def found(record, first=DAY, last=DAY):
    return [(f.contact.id, f.rule) for f in audit(record, first, last)]


def test_the_settings_in_force_are_the_last_change_before_the_moment():
    history = (
        SettingsChange(at(9), Settings(channel="sms")),
        SettingsChange(at(12), Settings(time(18), time(20), "sms")),
    )
    assert settings_at(history, at(8, 59)) == Settings()
    assert settings_at(history, at(9)) == Settings(channel="sms")
    assert settings_at(history, at(11, 59)) == Settings(channel="sms")
    assert settings_at(history, at(12)) == Settings(time(18), time(20), "sms")
    assert settings_at(history[::-1], at(13)) == Settings(time(18), time(20), "sms")  # order of the history


def test_a_contact_before_a_settings_change_is_judged_by_the_old_settings():
    record = ContactRecord(
        "B",
        ledger(),
        (contact(1, at(10)), contact(2, at(14)), contact(3, at(15), "sms", purpose="overdue_notice")),
        settings=(SettingsChange(at(12), Settings(time(18), time(20), "sms")),),
    )
    assert found(record) == [(2, "outside_chosen_hours"), (2, "not_preferred_channel"), (3, "outside_chosen_hours")]
    (call,) = [f for f in audit(record, DAY, DAY) if f.contact.id == 2 and f.rule == "not_preferred_channel"]
    assert call.description == "没有按借款人选择的渠道联系（选择了短信，实际用了电话）"
    (hours,) = [f for f in audit(record, DAY, DAY) if f.contact.id == 3]
    assert hours.description == "在借款人选择的时段之外联系（选择的时段 18:00–20:00）"


def test_chosen_hours_and_channel_are_about_the_borrower_and_email_has_no_hours():
    record = ContactRecord(
        "B",
        ledger(date(2026, 10, 1)),  # 50 days overdue
        (
            contact(1, at(9), "email", purpose="overdue_notice"),
            contact(2, at(9, 30), to="emergency_contact", purpose="locate_borrower", name="李强"),
        ),
        settings=(SettingsChange(at(8), Settings(time(18), time(20), "email")),),
        contacts=(ListedContact("李强", "朋友", True),),
    )
    assert found(record) == []


def test_a_reminder_the_borrower_turned_on_is_not_against_their_channel():
    for channel in ("wechat", "webchat"):
        reminder = contact(1, at(10), channel, purpose=DUE_REMINDER)
        on = ContactRecord(
            "B", ledger(), (reminder,), settings=(SettingsChange(at(8), Settings(channel="sms", reminders=True)),)
        )
        off = ContactRecord("B", ledger(), (reminder,), settings=(SettingsChange(at(8), Settings(channel="sms")),))
        assert found(on) == [] and found(off) == [(1, "not_preferred_channel")]
    notice = contact(1, at(10), "wechat", purpose="overdue_notice")
    record = ContactRecord(
        "B", ledger(), (notice,), settings=(SettingsChange(at(8), Settings(channel="sms", reminders=True)),)
    )
    assert audit(record, DAY, DAY)[0].description == "没有按借款人选择的渠道联系（选择了短信，实际用了微信）"


def test_an_emergency_contact_called_after_the_withdrawal_and_not_before():
    book = ledger(date(2026, 10, 1))  # 50 days overdue on DAY, never reached
    calls = tuple(
        contact(i, at(10, day=DAY + timedelta(days=i)), to="emergency_contact", purpose="locate_borrower", name="李强")
        for i in (0, 8)
    )
    record = ContactRecord("B", book, calls, contacts=(ListedContact("李强", "朋友", False, at(12)),))
    assert found(record, DAY, DAY + timedelta(days=8)) == [(8, "withdrawn_contact_called")]
    never = ContactRecord("B", book, calls, contacts=(ListedContact("李强", "朋友", False),))
    assert found(never, DAY, DAY + timedelta(days=8)) == [(0, "unauthorised_contact"), (8, "unauthorised_contact")]


def test_an_open_complaint_pauses_its_channel_from_when_it_was_filed():
    book = ledger(date(2026, 10, 1))
    log = (
        contact(1, at(9), "sms", purpose="overdue_notice"),
        contact(2, at(11), "sms", purpose="overdue_notice"),
        contact(3, at(11, 30)),
        contact(4, at(12), to="emergency_contact", purpose="locate_borrower", name="李强"),
    )
    people = (ListedContact("李强", "朋友", True),)
    sms = ContactRecord("B", book, log, contacts=people, pauses=(ChannelPause("sms", at(10), "T1"),))
    assert found(sms) == [(2, "channel_paused_by_complaint")]
    assert audit(sms, DAY, DAY)[0].description == "投诉未答复期间仍使用被投诉的渠道联系（投诉 T1）"
    third_party = ContactRecord("B", book, log, contacts=people, pauses=(ChannelPause("emergency_call", at(10), "T2"),))
    assert found(third_party) == [(4, "channel_paused_by_complaint")]
    calls = ContactRecord(
        "B", book, log, contacts=people, pauses=(ChannelPause("call", at(10), "T3", until=at(11, 45)),)
    )
    assert found(calls) == [(3, "channel_paused_by_complaint")]  # answered at 11:45: the 12:00 call is allowed


def test_the_policys_own_checks_are_named_in_its_order_and_only_inside_the_range():
    book = ledger(date(2026, 11, 1))  # 19 days overdue: too early for an emergency contact
    log = (
        contact(1, at(22, 40, DAY - timedelta(days=1))),
        contact(2, at(9)),
        contact(3, at(9, 15), to="emergency_contact", purpose="locate_borrower", name="周杰"),
    )
    record = ContactRecord("B", book, log, contacts=(ListedContact("周杰", "同事", False),))
    assert found(record) == [(3, "unauthorised_contact"), (3, "emergency_contact_too_early")]
    assert found(record, DAY - timedelta(days=1), DAY)[0] == (1, "outside_hours")


def test_a_part_paid_instalment_stays_overdue_for_the_policy():
    # The policy's days overdue on a past day read a paid_on date as "paid"; a part payment sets it
    # too, and an instalment with principal still unpaid is overdue (PRODUCT_TERMS) — the planner's
    # reading. Found by the simulated 60 days: B002's 300.00 paid on 11-16 of 871.66.
    part = ledger(date(2026, 11, 15), "300.00", date(2026, 11, 16))
    assert days_overdue_on(part, date(2026, 12, 16)) == 31
    full = ledger(date(2026, 11, 15), "100.00", date(2026, 11, 16), "10.00")
    assert days_overdue_on(full, date(2026, 11, 16)) == 1 and days_overdue_on(full, date(2026, 12, 16)) == 0
    call = contact(1, at(10, day=date(2026, 12, 16)), to="emergency_contact", purpose="locate_borrower", name="王强")
    record = ContactRecord("B", part, (call,), contacts=(ListedContact("王强", "配偶", True),))
    assert found(record, date(2026, 12, 16), date(2026, 12, 16)) == []


def test_contacts_per_day_and_channel_with_the_days_without_any():
    log = (
        contact(1, at(9), "sms"),
        contact(2, at(10)),
        contact(3, at(23)),
        contact(4, at(10, day=DAY + timedelta(days=2)), "email"),
    )
    record = ContactRecord("B", ledger(), log)
    days = per_day(log, audit(record, DAY, DAY + timedelta(days=2)), DAY, DAY + timedelta(days=2))
    assert [(d.day.day, d.by_channel, d.breaches) for d in days] == [
        (20, {"sms": 1, "call": 2, "email": 0, "wechat": 0}, 1),
        (21, {"sms": 0, "call": 0, "email": 0, "wechat": 0}, 0),
        (22, {"sms": 0, "call": 0, "email": 1, "wechat": 0}, 0),
    ]


def test_an_sms_to_a_borrower_who_chose_calls_only_is_against_their_channel():
    """h34b: 只打电话 不要发短信 短信我老婆会看到 — the notices still went by SMS, and no check saw it."""
    record = ContactRecord(
        "B",
        ledger(),
        (
            contact(1, at(10), "sms", purpose="overdue_notice"),
            contact(2, at(11), "email", purpose="overdue_notice"),
            contact(3, at(12)),
        ),
        settings=(SettingsChange(at(8), Settings(channel="call")),),
    )
    assert found(record) == [(1, "not_preferred_channel")]
    (sms,) = audit(record, DAY, DAY)
    assert sms.description == "没有按借款人选择的渠道联系（选择了电话，实际用了短信）"
