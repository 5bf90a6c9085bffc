"""Contact-policy checks over every fixture borrower's log, and the complaint rules."""

from datetime import datetime, time, timedelta

import pytest

from rules.contact_policy import (
    ContactPerson,
    LoggedContact,
    breaches,
    complaint_urgency,
    history_to_borrower,
    preferred_hours_valid,
)
from tests.conftest import table_counts


def people(store, borrower_id):
    return [ContactPerson(c.name, c.relation, c.authorized) for c in store.emergency_contacts(borrower_id)]


def found(store, borrower_id):
    return [
        (b.contact.at, b.contact.contact_name, b.rule)
        for b in breaches(store.ledger(borrower_id), store.contact_log(borrower_id), people(store, borrower_id))
    ]


def test_b004_night_call_and_unauthorised_colleague_break_the_policy(store):
    assert found(store, "B004") == [
        (datetime(2026, 11, 18, 22, 40), None, "outside_hours"),
        (datetime(2026, 11, 19, 9, 15), "周杰", "unauthorised_contact"),
        (datetime(2026, 11, 19, 9, 15), "周杰", "emergency_contact_while_reachable"),
    ]


@pytest.mark.parametrize("borrower_id", ["B001", "B002", "B003", "B005", "B006"])
def test_every_other_fixture_log_keeps_the_policy(store, borrower_id):
    # Includes B001's call to 张建国 on 2026-11-01: 52 days overdue, not reached for 7 days.
    assert found(store, borrower_id) == []


def call(at, to="borrower", name=None, outcome="answered", id=1):
    return LoggedContact(id, at, "call", to, "collection", name, outcome)


def test_fourth_call_of_a_day_is_too_many(sqlite_store):
    day = datetime(2026, 11, 19, 9, 0)
    log = [call(day + timedelta(hours=h), id=h) for h in range(4)]
    assert [b.rule for b in breaches(sqlite_store.ledger("B001"), log, [])] == ["too_many_calls"]
    assert breaches(sqlite_store.ledger("B001"), log[:3], []) == []


def test_window_edges():
    ledger_free = []
    at_21 = call(datetime(2026, 11, 19, 21, 0))
    at_2101 = call(datetime(2026, 11, 19, 21, 1))
    at_0759 = call(datetime(2026, 11, 19, 7, 59))
    from rules.ledger import Ledger

    assert [b.rule for b in breaches(Ledger("X"), [at_21, at_2101, at_0759], ledger_free)] == [
        "outside_hours",
        "outside_hours",
    ]


def test_emergency_contact_before_30_days_breaks_the_policy(sqlite_store):
    # B001's first overdue instalment fell due on 2026-09-10: day 30 is 2026-10-10.
    log = [call(datetime(2026, 10, 10, 10, 0), to="emergency_contact", name="张建国", outcome=None)]
    assert [b.rule for b in breaches(sqlite_store.ledger("B001"), log, people(sqlite_store, "B001"))] == [
        "emergency_contact_too_early"
    ]
    later = [call(datetime(2026, 10, 11, 10, 0), to="emergency_contact", name="张建国", outcome=None)]
    assert breaches(sqlite_store.ledger("B001"), later, people(sqlite_store, "B001")) == []


def test_history_counts_and_last_contact(sqlite_store):
    history = {
        h.channel: (h.count, h.last.at if h.last else None)
        for h in history_to_borrower(sqlite_store.contact_log("B001"))
    }
    assert history == {
        "sms": (2, datetime(2026, 10, 11, 9, 2)),
        "call": (2, datetime(2026, 10, 12, 14, 0)),
        "email": (1, datetime(2026, 10, 25, 10, 0)),
    }
    # A call task queued for an agent (the contact engine's) is not a call made.
    queued = call(datetime(2026, 11, 20, 13, 12), outcome="queued")
    again = {h.channel: h.count for h in history_to_borrower(sqlite_store.contact_log("B001") + [queued])}
    assert again == {"sms": 2, "call": 2, "email": 1}


@pytest.mark.parametrize(
    "category, urgency, hours",
    [
        ("threats", "urgent", 2),
        ("impersonation", "urgent", 2),
        ("third_party", "urgent", 2),
        ("abusive_language", "normal", 24),
        ("outside_hours", "normal", 24),
        ("excessive_frequency", "normal", 24),
        ("other", "normal", 24),
    ],
)
def test_complaint_urgency(category, urgency, hours):
    assert complaint_urgency(category) == (urgency, timedelta(hours=hours))


def test_preferred_hours_must_sit_inside_the_window():
    assert preferred_hours_valid(time(9), time(12))
    assert preferred_hours_valid(time(8), time(21))
    assert not preferred_hours_valid(time(7), time(12))
    assert not preferred_hours_valid(time(18), time(22))
    assert not preferred_hours_valid(time(12), time(9))


def test_complaint_is_one_ticket_with_its_breaches(store):
    now = datetime(2026, 11, 20, 2, 0)
    ticket, repeated = store.file_complaint(
        "B004", "c1", "outside_hours", "前天晚上十点四十还打电话", "2026-11-18", None, None, now
    )
    again, repeated_again = store.file_complaint(
        "B004", "c2", "outside_hours", "前天晚上 十点四十还打电话", "2026-11-18", None, None, now
    )
    assert (repeated, repeated_again, again.ticket) == (False, True, ticket.ticket)
    assert (ticket.urgency, ticket.due_by) == ("normal", now + timedelta(hours=24))
    assert [(b.contact.at, b.rule) for b in ticket.breaches] == [
        (datetime(2026, 11, 18, 22, 40), "outside_hours"),
        (datetime(2026, 11, 19, 9, 15), "unauthorised_contact"),
        (datetime(2026, 11, 19, 9, 15), "emergency_contact_while_reachable"),
    ]
    assert table_counts(store)["complaints"] == 1 and table_counts(store)["complaint_breaches"] == 3


def test_withdrawing_an_authorisation_and_preferences_are_stored(store):
    now = datetime(2026, 11, 20, 2, 0)
    (father,) = store.emergency_contacts("B001")
    assert store.withdraw_authorisation("B004", father.id, now) is None  # not B004's contact
    assert store.withdraw_authorisation("B001", father.id, now).authorized is False
    assert store.emergency_contacts("B001")[0].authorized is False
    store.set_preferences("B001", now, window_start="09:00", window_end="12:00")
    prefs = store.set_preferences("B001", now, channel="sms")
    assert (prefs.window_start, prefs.window_end, prefs.channel, prefs.reminders) == ("09:00", "12:00", "sms", False)
