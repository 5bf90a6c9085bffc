"""One day of the contact engine (outreach/run.py) on the real store seeded from the fixture: the
exact contacts made and logged, nothing twice when the day runs again, and a run that crashes
between sending and logging finishes on the next run without sending anything twice."""

import json
from collections import Counter
from datetime import date, time

import pytest

from auth.sms import KeyedOutbox, OutboxGateway
from loan_store import models
from outreach.gateways import Gateways
from outreach.run import ContactRun, InjectedCrash

DAY = date(2026, 11, 22)


def engine(store, folder):
    gateways = Gateways(
        sms=OutboxGateway(str(folder / "sms.jsonl")),
        email=KeyedOutbox(str(folder / "email.jsonl")),
        calls=KeyedOutbox(str(folder / "calls.jsonl")),
    )
    return ContactRun(store, gateways, lender="示例消费金融")


def logged(store):
    with store.session() as s:
        rows = s.query(models.ContactLogEntry).filter(models.ContactLogEntry.plan_key.isnot(None))
        return sorted(
            (r.borrower_id, r.at.strftime("%m-%d %H:%M"), r.channel, r.to, r.purpose, r.outcome) for r in rows
        )


def lines(path):
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_a_day_makes_and_logs_exactly_the_planned_contacts(sqlite_store, tmp_path):
    result = engine(sqlite_store, tmp_path).run_day(DAY)
    assert result.as_dict() == {
        "day": "2026-11-22",
        "borrowers": 6,
        "planned": 14,
        "made": {"call": 12, "sms": 2},
        "skipped": 0,
        "finished": 0,
    }
    three = ("10:36", "13:12", "15:48")
    assert logged(sqlite_store) == sorted(
        [("B001", f"11-22 {t}", "call", "borrower", "collection", "queued") for t in three]
        + [("B005", f"11-22 {t}", "call", "borrower", "collection", "queued") for t in three]
        + [("B004", f"11-22 {t}", "call", "borrower", "collection", "queued") for t in ("11:15", "14:30", "17:45")]
        + [
            # more than 30 days behind, not reached in the 7 days before: one authorised contact, asked
            # only to pass on a message
            ("B001", "11-22 18:24", "call", "emergency_contact", "locate_borrower", "queued"),
            ("B005", "11-22 18:24", "call", "emergency_contact", "locate_borrower", "queued"),
            ("B002", "11-22 12:20", "sms", "borrower", "overdue_notice", "sent"),
            ("B002", "11-22 16:40", "call", "borrower", "collection", "queued"),
            ("B006", "11-22 14:30", "sms", "borrower", "due_reminder", "sent"),
        ]
    )
    sms = lines(tmp_path / "sms.jsonl")
    assert [(m["phone"], m["key"]) for m in sms] == [
        ("13900139002", "B002|2026-11-22|sms|borrower||overdue_notice|1"),
        ("13300133006", "B006|2026-11-22|sms|borrower||due_reminder|1"),
    ]  # borrower by borrower, in id order
    reminder = next(m for m in sms if m["key"].startswith("B006"))
    assert reminder["text"].startswith("【示例消费金融】您好，您有一笔 916.80 元的还款将于2026年11月25日到期")
    calls = lines(tmp_path / "calls.jsonl")
    assert len(calls) == 12 and len({c["key"] for c in calls}) == 12
    (relay,) = [c for c in calls if c["to"] == "emergency_contact" and c["key"].startswith("B001")]
    assert relay["script"].startswith("您好，这里是示例消费金融客服。麻烦您转告") and "元" not in relay["script"]


def test_the_same_day_run_again_sends_nothing_twice(sqlite_store, tmp_path):
    run = engine(sqlite_store, tmp_path)
    run.run_day(DAY)
    before = (logged(sqlite_store), lines(tmp_path / "sms.jsonl"), lines(tmp_path / "calls.jsonl"))
    again = run.run_day(DAY)
    assert again.made == Counter() and again.finished == 0
    assert (logged(sqlite_store), lines(tmp_path / "sms.jsonl"), lines(tmp_path / "calls.jsonl")) == before


@pytest.mark.parametrize("crash_after", [1, 5, 13])
def test_a_crash_between_sending_and_logging_resumes_without_duplicates(sqlite_store, tmp_path, crash_after):
    with pytest.raises(InjectedCrash):
        engine(sqlite_store, tmp_path).run_day(DAY, crash_after=crash_after)
    assert [r for r in logged(sqlite_store) if r[5] == "sending"] != []  # the one sent but not marked
    resumed = engine(sqlite_store, tmp_path).run_day(DAY)  # a new process: nothing kept in memory
    assert resumed.finished >= 1
    rows = logged(sqlite_store)
    assert len(rows) == 14 and not [r for r in rows if r[5] == "sending"]
    sms, calls = lines(tmp_path / "sms.jsonl"), lines(tmp_path / "calls.jsonl")
    assert (len(sms), len(calls)) == (2, 12)
    assert len({m["key"] for m in sms + calls}) == 14


def test_until_makes_only_what_is_due_by_then(sqlite_store, tmp_path):
    run = engine(sqlite_store, tmp_path)
    morning = run.run_day(DAY, until=time(12, 0))
    assert morning.made == Counter({"call": 3})
    rest = run.run_day(DAY)
    assert rest.made == Counter({"call": 9, "sms": 2}) and len(logged(sqlite_store)) == 14


def test_a_change_of_settings_during_the_day_holds_for_the_rest_of_it(sqlite_store, tmp_path):
    """The scheduler's runs through the day re-plan with the settings of that moment: after B001
    asks for SMS only at 12:00, none of the day's later calls is made."""
    from datetime import datetime

    run = engine(sqlite_store, tmp_path)
    run.run_day(DAY, until=time(12, 0))
    sqlite_store.set_preferences("B001", datetime(2026, 11, 22, 4, 0), channel="sms")  # 12:00 in Beijing
    run.run_day(DAY)
    assert [r[1:] for r in logged(sqlite_store) if r[0] == "B001"] == [
        ("11-22 10:36", "call", "borrower", "collection", "queued")
    ]


def test_both_databases_give_the_same_plan_and_read_only_what_is_owed(store):
    """SQLite keeps money as text, PostgreSQL as NUMERIC: the query that leaves settled instalments
    out must compare amounts as numbers on both."""
    from rules.contact_plan import plan_day

    situations = list(store.situations(DAY, batch=2))
    planned = [c for s in situations for c in plan_day(s, DAY)]
    assert Counter(c.channel for c in planned) == Counter({"call": 12, "sms": 2})
    b005 = next(s for s in situations if s.borrower_id == "B005")
    owed = [(r.loan_id, r.seq) for loan in b005.ledger.loans for r in loan.instalments]
    assert owed == [("L5001", 5), ("L5001", 6), ("L5002", 7), ("L5002", 8)] + [("L5002", n) for n in range(9, 13)]
    assert all(not r.is_settled for loan in b005.ledger.loans for r in loan.instalments)
