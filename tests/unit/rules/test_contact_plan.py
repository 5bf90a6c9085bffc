"""The contact planner (rules/contact_plan.py): exact plans for chosen days, and properties over
generated ledgers, settings, contacts, logs, promises and complaints — no planned contact ever
breaks the policy or the borrower's settings."""

import dataclasses
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.contact_plan import (
    COLLECTION,
    DUE_REMINDER,
    LOCATE,
    OVERDUE_NOTICE,
    OpenPromise,
    Person,
    Settings,
    Situation,
    as_logged,
    days_behind,
    plan_day,
)
from rules.contact_policy import (
    MAX_CALLS_A_DAY,
    WINDOW_END,
    WINDOW_START,
    ContactPerson,
    LoggedContact,
    borrower_reached_before,
    breaches,
)
from rules.ledger import Instalment, Ledger, Loan

DUE = date(2026, 11, 10)


def ledger(due=DUE, paid=False, seqs=1):
    rows = tuple(
        Instalment(
            "L1",
            seq,
            due + timedelta(days=30 * (seq - 1)),
            Decimal("100.00"),
            Decimal("10.00"),
            Decimal("100.00") if paid else Decimal("0.00"),
            Decimal("10.00") if paid else Decimal("0.00"),
        )
        for seq in range(1, seqs + 1)
    )
    return Ledger("B", loans=(Loan("L1", "消费贷", Decimal("1000"), Decimal("0.18"), 12, date(2026, 1, 10), rows),))


def plan(day, **kwargs):
    return [
        (c.at.strftime("%H:%M"), c.channel, c.to, c.purpose, c.seq) for c in plan_day(Situation("B", **kwargs), day)
    ]


def test_three_days_before_a_due_date_one_sms():
    assert plan(DUE - timedelta(days=3), ledger=ledger()) == [("14:30", "sms", "borrower", DUE_REMINDER, 1)]
    assert plan(DUE - timedelta(days=2), ledger=ledger()) == []
    assert plan(DUE - timedelta(days=3), ledger=ledger(paid=True)) == []


def test_the_overdue_days_of_the_policy():
    kinds = {d: [(c[1], c[3]) for c in plan(DUE + timedelta(days=d), ledger=ledger())] for d in range(0, 32)}
    assert kinds[0] == [] and kinds[2] == []
    assert kinds[1] == [("sms", OVERDUE_NOTICE)]
    assert kinds[3] == [("sms", OVERDUE_NOTICE), ("call", COLLECTION)]
    assert kinds[4] == [("call", COLLECTION)]
    assert kinds[7] == [("sms", OVERDUE_NOTICE), ("call", COLLECTION)]
    assert kinds[15] == [("email", OVERDUE_NOTICE), ("call", COLLECTION), ("call", COLLECTION)]
    assert kinds[30] == [("call", COLLECTION)] * 2
    assert kinds[31] == [("call", COLLECTION)] * 3  # no emergency contact listed


def test_emergency_contacts_only_authorised_only_when_unreachable():
    day = DUE + timedelta(days=31)
    people = (Person("王芳", False), Person("李强", True))
    assert plan(day, ledger=ledger(), contacts=people)[-1] == ("18:24", "call", "emergency_contact", LOCATE, 1)
    (call,) = [c for c in plan_day(Situation("B", ledger(), contacts=people), day) if c.to == "emergency_contact"]
    assert call.contact_name == "李强"
    answered = (
        LoggedContact(
            1, datetime.combine(day - timedelta(days=2), time(10)), "call", "borrower", COLLECTION, outcome="answered"
        ),
    )
    assert [c for c in plan(day, ledger=ledger(), contacts=people, log=answered) if c[2] == "emergency_contact"] == []
    nobody = (Person("王芳", False),)
    assert [c for c in plan(day, ledger=ledger(), contacts=nobody) if c[2] == "emergency_contact"] == []


def test_an_answer_seven_days_ago_in_the_morning_forbids_this_mornings_emergency_call():
    """Answered at 10:00 seven days ago: a call to their contact at 09:48 today is within the 7 days
    (it was planned: the days were counted back from the end of today's window; found by the
    property test)."""
    day = DUE + timedelta(days=40)
    people = (Person("李强", True),)
    answered = (
        LoggedContact(
            1, datetime.combine(day - timedelta(days=7), time(10)), "sms", "borrower", COLLECTION, outcome="answered"
        ),
    )
    assert [c for c in plan(day, ledger=ledger(), contacts=people, log=answered) if c[2] == "emergency_contact"] == []
    a_day_earlier = (dataclasses.replace(answered[0], at=answered[0].at - timedelta(days=1)),)
    assert [c[2] for c in plan(day, ledger=ledger(), contacts=people, log=a_day_earlier)].count(
        "emergency_contact"
    ) == 1


def test_the_borrowers_hours_and_channel():
    day = DUE + timedelta(days=3)
    evening = Settings(time(18, 0), time(20, 0))
    assert plan(day, ledger=ledger(), settings=evening) == [
        ("18:40", "sms", "borrower", OVERDUE_NOTICE, 1),
        ("19:20", "call", "borrower", COLLECTION, 1),
    ]
    assert plan(day, ledger=ledger(), settings=Settings(channel="email")) == [
        ("14:30", "email", "borrower", OVERDUE_NOTICE, 1)
    ]
    # calls only: the notice a call cannot carry goes by e-mail, never by the SMS refused (h34b)
    assert plan(day, ledger=ledger(), settings=Settings(channel="call")) == [
        ("12:20", "email", "borrower", OVERDUE_NOTICE, 1),
        ("16:40", "call", "borrower", COLLECTION, 1),
    ]
    assert plan(DUE - timedelta(days=3), ledger=ledger(), settings=Settings(channel="call")) == [
        ("14:30", "email", "borrower", DUE_REMINDER, 1)
    ]


def test_reminders_on_and_wechat_bound_remind_there():
    day = DUE - timedelta(days=3)
    assert plan(day, ledger=ledger(), settings=Settings(reminders=True), wechat_bound=True)[0][1] == "wechat"
    assert plan(day, ledger=ledger(), settings=Settings(reminders=True))[0][1] == "sms"


def test_an_open_promise_pauses_overdue_contact_until_its_date():
    promise = (OpenPromise(Decimal("110.00"), DUE + timedelta(days=2), DUE + timedelta(days=8)),)
    assert plan(DUE + timedelta(days=3), ledger=ledger(), promises=promise) == []
    assert plan(DUE + timedelta(days=8), ledger=ledger(), promises=promise) == []
    assert [c[1] for c in plan(DUE + timedelta(days=9), ledger=ledger(), promises=promise)] == ["call"]


def test_a_complaint_pauses_the_channel_it_is_about():
    day = DUE + timedelta(days=3)
    assert [c[1] for c in plan(day, ledger=ledger(), paused=frozenset({"call"}))] == ["sms"]
    assert [c[1] for c in plan(day, ledger=ledger(), paused=frozenset({"sms"}))] == ["call"]


def test_calls_already_made_today_count():
    day = DUE + timedelta(days=31)
    made = tuple(LoggedContact(i, datetime.combine(day, time(9, i)), "call", "borrower", COLLECTION) for i in range(2))
    assert [(c[1], c[4]) for c in plan(day, ledger=ledger(), log=made)] == [("call", 3)]  # the third, not a first again


def test_the_same_day_planned_twice_is_the_same_plan():
    situation = Situation("B", ledger(), contacts=(Person("李强", True),))
    day = DUE + timedelta(days=31)
    assert [c.key for c in plan_day(situation, day)] == [c.key for c in plan_day(situation, day)]
    assert len({c.key for c in plan_day(situation, day)}) == 4


# Properties ---------------------------------------------------------------------------------------

START = date(2026, 10, 1)
window_times = st.integers(min_value=8 * 4, max_value=21 * 4).map(lambda q: time(q // 4, (q % 4) * 15))


@st.composite
def situations(draw):
    due = START + timedelta(days=draw(st.integers(min_value=-60, max_value=60)))
    book = ledger(
        due, paid=draw(st.booleans()) and draw(st.booleans()), seqs=draw(st.integers(min_value=1, max_value=4))
    )
    a, b = sorted([draw(window_times), draw(window_times)])
    chosen = Settings(
        a if a < b and draw(st.booleans()) else None,
        b if a < b and draw(st.booleans()) else None,
        draw(st.sampled_from((None, "sms", "call", "email"))),
        draw(st.booleans()),
    )
    people = tuple(
        Person(f"联系人{i}", draw(st.booleans())) for i in range(draw(st.integers(min_value=0, max_value=3)))
    )
    day = START + timedelta(days=draw(st.integers(min_value=0, max_value=90)))
    log = tuple(
        LoggedContact(
            i,
            datetime.combine(day - timedelta(days=draw(st.integers(min_value=0, max_value=9))), draw(window_times)),
            draw(st.sampled_from(("sms", "call", "email"))),
            "borrower",
            COLLECTION,
            outcome=draw(st.sampled_from((None, "answered", "no_answer"))),
        )
        for i in range(draw(st.integers(min_value=0, max_value=6)))
    )
    log = tuple(c for c in log if c.at.date() < day or c.at.time() < time(8, 30))  # today's so far: early only
    promises = tuple(
        OpenPromise(
            Decimal("50.00"),
            day - timedelta(days=draw(st.integers(0, 5))),
            day + timedelta(days=draw(st.integers(-3, 10))),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=1)))
    )
    paused = frozenset(draw(st.sets(st.sampled_from(("sms", "call", "email", "emergency_call")))))
    situation = Situation("B", book, chosen, people, log, promises, paused, draw(st.booleans()))
    return situation, day


@settings(max_examples=600, deadline=None)
@given(situations())
def test_no_planned_contact_breaks_the_policy_or_the_borrowers_settings(drawn):
    situation, day = drawn
    planned = plan_day(situation, day)
    start, end = situation.settings.window
    behind = days_behind(situation.ledger, day)
    for contact in planned:
        assert contact.at.date() == day
        assert WINDOW_START <= contact.at.time() <= WINDOW_END and start <= contact.at.time() <= end
        assert contact.channel not in situation.paused
        if situation.settings.channel in ("sms", "email"):
            assert contact.channel in (situation.settings.channel, "wechat")
        if situation.settings.channel == "call":
            assert contact.channel != "sms"
        if contact.purpose == DUE_REMINDER:
            assert contact.channel != "call"
        else:
            assert behind > 0 and not any(p.promised_on <= day <= p.pay_on for p in situation.promises)
        if contact.channel == "call" and contact.to == "borrower":
            assert behind >= 3
        if contact.purpose == OVERDUE_NOTICE:
            assert behind in (1, 3, 7, 15)
        if contact.to == "emergency_contact":
            assert behind > 30 and "emergency_call" not in situation.paused
            assert contact.contact_name in [p.name for p in situation.contacts if p.authorised]
            assert not borrower_reached_before(situation.log, contact.at)
    calls = [c for c in planned if c.channel == "call" and c.to == "borrower"]
    earlier = [c for c in situation.log if c.channel == "call" and c.to == "borrower" and c.at.date() == day]
    assert len(calls) + len(earlier) <= MAX_CALLS_A_DAY or not calls
    assert len({c.key for c in planned}) == len(planned)
    # The policy's own breach checks (the ones complaints are checked with) find nothing planned.
    people = [ContactPerson(p.name, "", p.authorised) for p in situation.contacts]
    found = breaches(situation.ledger, list(situation.log) + as_logged(planned), people)
    assert [b for b in found if b.contact.id >= 1_000_000] == []


def test_a_borrower_who_talked_with_the_assistant_is_reachable():
    """Their brother was to be called at 16:40 while they were chatting (three talks said so): talking
    with the assistant, identified, within the 7 days, is being reachable."""
    day = DUE + timedelta(days=40)
    people = (Person("陈刚", True),)
    assert [c[2] for c in plan(day, ledger=ledger(), contacts=people)].count("emergency_contact") == 1
    for seen in (datetime.combine(day, time(9, 30)), datetime.combine(day - timedelta(days=6), time(20))):
        assert [c[2] for c in plan(day, ledger=ledger(), contacts=people, last_seen=seen)].count(
            "emergency_contact"
        ) == 0
    long_ago = datetime.combine(day - timedelta(days=8), time(20))
    assert [c[2] for c in plan(day, ledger=ledger(), contacts=people, last_seen=long_ago)].count(
        "emergency_contact"
    ) == 1
