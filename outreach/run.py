"""Runs one day of the contact engine: plans every borrower's contacts (rules/contact_plan.py), makes
them through the gateways and logs each one under its plan key (loan_store/contact_runs.py).

Idempotent: a contact already logged as made is skipped; one logged as being sent when a run died
is finished first (the keyed gateways drop what they already took; WeChat's cannot, so it is logged
"unknown" and not sent again). Running the same day twice sends nothing twice.

    python -m outreach.run --day 2026-11-20 [--until 14:00]      (make contact-run DAY=2026-11-20)
"""

import argparse
import dataclasses
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Dict, Optional, Sequence

from sqlalchemy import select

from documents import lender_name
from loan_store import models
from loan_store.repository import LoanStore
from outreach.gateways import UNKNOWN, Gateways
from outreach.texts import message
from rules.calendar import today
from rules.contact_plan import DUE_REMINDER, PlannedContact, plan_day, reminder_fallback


class InjectedCrash(RuntimeError):
    """A run stopped on purpose between sending a contact and logging it (the tests' crash)."""


@dataclass
class RunResult:
    day: date
    borrowers: int = 0
    planned: int = 0
    made: Counter = field(default_factory=Counter)  # by channel
    skipped: int = 0  # already made by an earlier run
    finished: int = 0  # left "sending" by a run that died, finished now

    def as_dict(self) -> Dict:
        return {
            "day": self.day.isoformat(),
            "borrowers": self.borrowers,
            "planned": self.planned,
            "made": dict(sorted(self.made.items())),
            "skipped": self.skipped,
            "finished": self.finished,
        }


class ContactRun:
    def __init__(self, store: LoanStore, gateways: Gateways, lender: str = "") -> None:
        self.store, self.gateways = store, gateways
        self.lender = lender or lender_name()
        self._sent = 0

    def run_day(
        self,
        day: date,
        until: Optional[time] = None,
        crash_after: Optional[int] = None,
        only: Optional[Sequence[str]] = None,
    ) -> RunResult:
        """Every contact of `day` planned up to `until` (the whole day when None), for every borrower
        or `only` these. `crash_after`: stop after that many contacts were sent but before the last
        is marked (tests only)."""
        result = RunResult(day)
        self._sent, self._crash_after = 0, crash_after
        for situation in self.store.situations_of(list(only), day) if only else self.store.situations(day):
            result.borrowers += 1
            planned = [
                contact
                for contact in (
                    self._channel_of(c, situation)
                    for c in plan_day(situation, day)
                    if until is None or c.at.time() <= until
                )
                if contact is not None
            ]
            result.planned += len(planned)
            for contact in planned:
                self._make(contact, situation, day, result)
        self._finish_interrupted(day, result)
        return result

    def _channel_of(self, contact: PlannedContact, situation) -> Optional[PlannedContact]:
        """A WeChat reminder goes by the borrower's written channel (SMS unless they chose email)
        where the Official Account is not configured, and not at all when a complaint paused it."""
        if contact.channel == "wechat" and not self.gateways.has_wechat:
            fallback = reminder_fallback(situation)
            return dataclasses.replace(contact, channel=fallback) if fallback else None
        return contact

    def _in_chat(self, contact: PlannedContact, situation, day: date, result: RunResult) -> bool:
        """A due-date reminder for a borrower who turned reminders on goes into their web chat when
        they have it open now; True when it went (or an earlier run handled it)."""
        if not (self.gateways.in_chat and contact.purpose == DUE_REMINDER and situation.settings.reminders):
            return False
        if self.store.logged_outcome(contact.key) is not None:
            return False  # sent (or being sent) by its own channel: that path decides
        chat = dataclasses.replace(contact, channel="webchat")
        outcome = self.store.logged_outcome(chat.key)
        if outcome is not None:
            if outcome == "sending":  # a run died while telling the chat: it may have gone, never twice
                self.store.finish_contact(chat.key, UNKNOWN)
                result.finished += 1
            else:
                result.skipped += 1
            return True
        if not self.store.begin_contact(chat):
            result.skipped += 1
            return True
        text = message(contact.purpose, situation.ledger, day, self.lender)
        if self.gateways.in_chat.deliver(contact.borrower_id, text):
            self.store.finish_contact(chat.key, "sent")
            result.made["webchat"] += 1
            return True
        self.store.forget_contact(chat.key)  # not open: no contact was made
        return False

    def _make(self, contact: PlannedContact, situation, day: date, result: RunResult) -> None:
        if self._in_chat(contact, situation, day, result):
            return
        outcome = self.store.logged_outcome(contact.key)
        if outcome is not None and outcome != "sending":
            result.skipped += 1
            return
        if outcome is None and not self.store.begin_contact(contact):
            result.skipped += 1  # another run logged it a moment ago
            return
        if outcome == "sending":
            result.finished += 1
            if contact.channel in ("wechat", "webchat"):  # it may have gone: never twice
                self.store.finish_contact(contact.key, UNKNOWN)
                return
        done = self._send(contact, situation.ledger, day)
        self._sent += 1
        if self._crash_after is not None and self._sent >= self._crash_after:
            raise InjectedCrash(f"stopped after {self._sent} contacts")
        self.store.finish_contact(contact.key, done)
        result.made[contact.channel] += 1

    def _send(self, contact: PlannedContact, ledger, day: date) -> str:
        who = self.store.recipients([contact.borrower_id])[contact.borrower_id]
        text = message(contact.purpose, ledger, day, self.lender, contact.contact_name or "")
        if contact.to == "emergency_contact":
            phone = self.store.emergency_phone(contact.borrower_id, contact.contact_name or "") or ""
            return self.gateways.queue_call(phone, "emergency_contact", text, contact.key)
        if contact.channel == "sms":
            return self.gateways.send_sms(who.phone, text, contact.key)
        if contact.channel == "email":
            return self.gateways.send_email(contact.borrower_id, text, contact.key)
        if contact.channel == "call":
            return self.gateways.queue_call(who.phone, "borrower", text, contact.key)
        if contact.channel == "wechat" and who.openid:
            return self.gateways.send_wechat(who.openid, text, contact.key)
        return self.gateways.send_sms(who.phone, text, contact.key)

    def _finish_interrupted(self, day: date, result: RunResult) -> None:
        """Contacts of the day still "sending" that this run's plan no longer holds (the plan changed
        after the crash): the keyed gateways take them again, WeChat's are left "unknown"."""
        log = models.ContactLogEntry
        with self.store.session() as s:
            rows = (
                s.execute(
                    select(log).where(
                        log.outcome == "sending",
                        log.at >= datetime.combine(day, time(0)),
                        log.at <= datetime.combine(day, time(23, 59, 59)),
                    )
                )
                .scalars()
                .all()
            )
            pending = [
                PlannedContact(
                    r.borrower_id, r.at, r.channel, r.to, r.purpose, int(r.plan_key.rsplit("|", 1)[1]), r.contact_name
                )
                for r in rows
                if r.plan_key
            ]
        for contact in pending:
            situation = next(iter(self.store.situations_of([contact.borrower_id], day)))
            self._make(contact, situation, day, result)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Run one day of the contact engine.")
    parser.add_argument("--day", help="ISO date (default: today, or ASSISTANT_TODAY)")
    parser.add_argument("--until", help="HH:MM: only the contacts planned up to then")
    parser.add_argument("--borrower", action="append", help="only this borrower (repeatable)")
    args = parser.parse_args(argv)
    day = date.fromisoformat(args.day) if args.day else today()
    until = time.fromisoformat(args.until) if args.until else None
    store = LoanStore()
    store.create_schema()
    result = ContactRun(store, Gateways.from_environment()).run_day(day, until, only=args.borrower)
    print(json.dumps(result.as_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
