"""A simulated month of the contact engine over the fixture (#19), with the borrowers' changes made
through the chat's own actions on the day they make them: B001 withdraws their father as emergency
contact and then asks for SMS only; B002 promises to pay and does not (contact pauses, then
resumes); B005 promises and pays (contact stops). The exact contacts made and logged each day."""

from collections import defaultdict
from datetime import date, timedelta

import pytest

from actions.conduct import ActionOfferContactControl, ActionSubmitContactControl
from actions.relief import ActionSubmitPromise
from auth.sms import KeyedOutbox, OutboxGateway
from loan_store import models
from outreach.gateways import Gateways
from outreach.run import ContactRun
from tests.unit.actions.test_questions_and_identity import demo_store, run, token_for, tracker  # noqa: F401

START = date(2026, 11, 20)


async def chat_contact_change(borrower, text):
    _, events = await run(
        ActionOfferContactControl(), tracker(text, "request_stop_contacting_others", token_for(borrower))
    )
    change = next(e["value"] for e in events if e.get("name") == "contact_change")
    done, _ = await run(
        ActionSubmitContactControl(),
        tracker(metadata=token_for(borrower), slots={"contact_change": change, "contact_control_confirmed": "yes"}),
    )
    return done[0]["text"]


async def chat_promise(borrower, amount, day):
    slots = {"promise_amount": amount, "promise_date": day.isoformat(), "promise_confirmed": "yes"}
    done, _ = await run(ActionSubmitPromise(), tracker(metadata=token_for(borrower), slots=slots))
    assert done[0]["response"] == "utter_promise_recorded"


def pay_everything_overdue(store, borrower, day):
    """The lender's payment posting (outside the assistant): every instalment due by `day`, paid."""
    with store.session() as s:
        for loan in s.query(models.Loan).filter(models.Loan.borrower_id == borrower):
            for row in loan.instalments:
                if row.due_date <= day and row.plan_id is None:
                    row.paid_principal, row.paid_interest, row.paid_on = row.principal, row.interest, row.paid_on or day


@pytest.mark.asyncio
async def test_a_month_of_contacts_follows_what_each_borrower_said(demo_store, tmp_path, monkeypatch):  # noqa: F811
    engine = ContactRun(
        demo_store,
        Gateways(
            sms=OutboxGateway(str(tmp_path / "sms.jsonl")),
            email=KeyedOutbox(str(tmp_path / "email.jsonl")),
            calls=KeyedOutbox(str(tmp_path / "calls.jsonl")),
        ),
        lender="示例消费金融",
    )
    said = {}
    for offset in range(30):
        day = START + timedelta(days=offset)
        monkeypatch.setenv("ASSISTANT_TODAY", day.isoformat())
        if day == date(2026, 11, 20):
            await chat_promise("B002", "573.03", date(2026, 11, 27))  # and never pays
        if day == date(2026, 11, 21):
            said["withdraw"] = await chat_contact_change("B001", "别再打给我爸了")
            await chat_promise("B005", "1629.42", date(2026, 11, 25))
        if day == date(2026, 11, 22):
            said["sms only"] = await chat_contact_change("B001", "别打电话了 发短信就行")
        if day == date(2026, 11, 24):
            pay_everything_overdue(demo_store, "B005", day)  # the promise kept, early
        engine.run_day(day)
    assert said["withdraw"].startswith("已撤回 张建国 的紧急联系人授权")

    with demo_store.session() as s:
        rows = s.query(models.ContactLogEntry).filter(models.ContactLogEntry.plan_key.isnot(None)).all()
        made = defaultdict(list)
        for r in rows:
            made[r.borrower_id].append((r.at.strftime("%m-%d"), r.channel, r.to, r.purpose))
    summary = {b: sorted(v) for b, v in made.items()}

    calls = lambda who, days: [d for d, c, t, _ in summary[who] if c == "call" and t == "borrower" and d in days]  # noqa: E731
    # B001: three calls and a call to 张建国 on the 20th; the 21st after the withdrawal no emergency
    # call; from the 22nd (SMS only) no call at all: only the SMS before the 12-10 payment.
    assert [r for r in summary["B001"] if r[0] == "11-20"] == [("11-20", "call", "borrower", "collection")] * 3 + [
        ("11-20", "call", "emergency_contact", "locate_borrower")
    ]
    assert [r for r in summary["B001"] if r[0] == "11-21"] == [("11-21", "call", "borrower", "collection")] * 3
    assert [r for r in summary["B001"] if r[0] >= "11-22"] == [("12-07", "sms", "borrower", "due_reminder")]
    # B002: nothing while the promise runs (20th–27th); contact resumes on the 28th, the email on day 15.
    assert [r for r in summary["B002"] if r[0] <= "11-27"] == []
    assert calls("B002", {"11-28", "11-29"}) == ["11-28", "11-29"]
    assert ("11-30", "email", "borrower", "overdue_notice") in summary["B002"]
    assert calls("B002", {"11-30"}) == ["11-30", "11-30"]
    # B005: calls and its emergency contact before the promise; nothing overdue once it paid on the 24th.
    # B005: calls and its emergency contact on the 20th; silence while its promise runs (21st–24th)
    # and once it paid on the 24th; then its next payment (11-28) is missed and the policy starts
    # again from day 1: SMS on days 1, 3, 7, calls from day 3, the email and two calls on day 15.
    call, sms = ("call", "borrower", "collection"), ("sms", "borrower", "overdue_notice")
    expected = [("11-20",) + call] * 3 + [("11-20", "call", "emergency_contact", "locate_borrower")]
    expected += [("11-25", "sms", "borrower", "due_reminder"), ("11-29",) + sms, ("12-01",) + call, ("12-01",) + sms]
    expected += [(f"12-{d:02d}",) + call for d in range(2, 5)]
    expected += [("12-05",) + call, ("12-05", "sms", "borrower", "due_reminder"), ("12-05",) + sms]
    expected += [(f"12-{d:02d}",) + call for d in range(6, 13)]
    expected += [("12-13",) + call] * 2 + [("12-13", "email", "borrower", "overdue_notice")]
    expected += [(f"12-{d:02d}",) + call for d in range(14, 20) for _ in range(2)]
    assert summary["B005"] == expected
    # Every contact the engine made is in the log once, and the outboxes hold each key once.
    keys = [r.plan_key for r in rows]
    assert len(keys) == len(set(keys))
