"""What the contact engine reads and writes (issue #19): every borrower's situation on a day, read in
batches (memory bounded whatever the store's size), and the contacts made, written to the contact
log — the log the complaint cross-check and the compliance report read.

A planned contact is logged under its plan key before it is sent (outcome "sending") and marked when
sent: a run that crashes between the two finds the row and finishes it (the gateways drop a key they
have seen, so nothing goes out twice); a key already sent is never sent again."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Dict, Iterator, List, Optional, Sequence

from sqlalchemy import Numeric, cast, delete, select, update
from sqlalchemy.exc import IntegrityError

from loan_store import models
from loan_store.base import StoreBase
from loan_store.borrowers import _instalment, _loan, _plan
from rules import ledger as ledger_rules
from rules.contact_plan import EMERGENCY, OpenPromise, Person, PlannedContact, Settings, Situation
from rules.contact_policy import LoggedContact

BATCH = 500
LOG_DAYS = 8  # the planner looks at the 7 days before a contact, and at today's calls
# An open complaint about contact pauses the channel it is about: third parties → emergency calls;
# a complaint that names SMS or email → that channel; any other complaint about contact → calls.
CONTACT_CATEGORIES = {
    "abusive_language",
    "threats",
    "excessive_frequency",
    "outside_hours",
    "impersonation",
    "third_party",
}


def paused_by(category: str, description: str) -> str:
    if category == "third_party":
        return EMERGENCY
    if "短信" in description or "簡訊" in description:
        return "sms"
    if "邮件" in description or "郵件" in description:
        return "email"
    return "call"


def _time(text: Optional[str]) -> Optional[time]:
    try:
        return time.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Recipient:
    borrower_id: str
    phone: str
    name: str
    openid: Optional[str]


class ContactRunStore(StoreBase):
    def borrower_ids(self, after: str = "", limit: int = BATCH) -> List[str]:
        with self.engine.connect() as c:
            query = (
                select(models.Borrower.id).where(models.Borrower.id > after).order_by(models.Borrower.id).limit(limit)
            )
            return [r[0] for r in c.execute(query)]

    def situations(self, day: date, batch: int = BATCH) -> Iterator[Situation]:
        """Every borrower's situation on `day`, by borrower id, `batch` borrowers at a time."""
        after = ""
        while True:
            ids = self.borrower_ids(after, batch)
            if not ids:
                return
            yield from self.situations_of(ids, day)
            after = ids[-1]

    def situations_of(self, ids: Sequence[str], day: date) -> List[Situation]:
        """The situations of these borrowers on `day`; each ledger holds what is still owed (settled
        instalments are not read)."""
        t = {
            name: getattr(models, name).__table__
            for name in (
                "Loan",
                "Instalment",
                "Plan",
                "PlanInstalment",
                "ContactPreference",
                "EmergencyContact",
                "ContactLogEntry",
                "Promise",
                "Complaint",
                "WeChatBinding",
                "Borrower",
                "BorrowerSeen",
            )
        }
        with self.engine.connect() as c:
            loans = defaultdict(list)
            for row in c.execute(select(t["Loan"]).where(t["Loan"].c.borrower_id.in_(ids)).order_by(t["Loan"].c.id)):
                loans[row.borrower_id].append(row)
            loan_ids = [row.id for rows in loans.values() for row in rows]
            rows_of = defaultdict(list)
            # Only what is still owed: the planner never looks at a settled instalment, and they are
            # most of the rows (reading them was most of a day's planning time; docs/performance.md).
            i = t["Instalment"]
            owed = (cast(i.c.principal, Numeric(14, 2)) > cast(i.c.paid_principal, Numeric(14, 2))) | (
                cast(i.c.interest, Numeric(14, 2)) > cast(i.c.paid_interest, Numeric(14, 2))
            )
            for start in range(0, len(loan_ids), 1000):
                query = select(i).where(i.c.loan_id.in_(loan_ids[start : start + 1000]), owed)
                for row in c.execute(query.order_by(t["Instalment"].c.loan_id, t["Instalment"].c.seq)):
                    rows_of[row.loan_id].append(_instalment(row))
            plans = defaultdict(list)
            for row in c.execute(select(t["Plan"]).where(t["Plan"].c.borrower_id.in_(ids)).order_by(t["Plan"].c.id)):
                plans[row.borrower_id].append(row)
            plan_rows = defaultdict(list)
            plan_ids = [p.id for rows in plans.values() for p in rows]
            if plan_ids:
                query = select(t["PlanInstalment"]).where(t["PlanInstalment"].c.plan_id.in_(plan_ids))
                for row in c.execute(query.order_by(t["PlanInstalment"].c.plan_id, t["PlanInstalment"].c.seq)):
                    plan_rows[row.plan_id].append(row)
            prefs = {
                r.borrower_id: r
                for r in c.execute(select(t["ContactPreference"]).where(t["ContactPreference"].c.borrower_id.in_(ids)))
            }
            people = defaultdict(list)
            query = select(t["EmergencyContact"]).where(t["EmergencyContact"].c.borrower_id.in_(ids))
            refused = set(c.execute(select(models.ContactRefusal.phone)).scalars())  # they asked: never again
            for row in c.execute(query.order_by(t["EmergencyContact"].c.id)):
                allowed = bool(row.authorized) and row.withdrawn_at is None and row.phone not in refused
                people[row.borrower_id].append(Person(row.name, allowed))
            logs = defaultdict(list)
            since = datetime.combine(day - timedelta(days=LOG_DAYS), time(0))
            log = t["ContactLogEntry"]
            query = select(log).where(
                log.c.borrower_id.in_(ids),
                log.c.at >= since,
                log.c.at < datetime.combine(day + timedelta(days=1), time(0)),
            )
            for row in c.execute(query.order_by(log.c.at)):
                logs[row.borrower_id].append(
                    LoggedContact(
                        row.id, row.at, row.channel, row.to, row.purpose, row.contact_name, row.outcome, row.agent
                    )
                )
            promises = defaultdict(list)
            query = select(t["Promise"]).where(t["Promise"].c.borrower_id.in_(ids), t["Promise"].c.status == "open")
            for row in c.execute(query):
                promises[row.borrower_id].append(OpenPromise(row.amount, row.promised_on, row.pay_on))
            paused = defaultdict(set)
            complaint = t["Complaint"]
            query = select(complaint).where(complaint.c.borrower_id.in_(ids), complaint.c.status == "open")
            for row in c.execute(query):
                if row.category in CONTACT_CATEGORIES:
                    paused[row.borrower_id].add(paused_by(row.category, row.description or ""))
            bound = {
                r[0]
                for r in c.execute(
                    select(t["WeChatBinding"].c.borrower_id).where(t["WeChatBinding"].c.borrower_id.in_(ids))
                )
            }
            seen = {
                r.borrower_id: r.at
                for r in c.execute(select(t["BorrowerSeen"]).where(t["BorrowerSeen"].c.borrower_id.in_(ids)))
            }
            # (by primary key, then filtered here: `wechat_openid IS NOT NULL` in SQL walks its whole index)
            query = select(t["Borrower"].c.id, t["Borrower"].c.wechat_openid).where(t["Borrower"].c.id.in_(ids))
            bound |= {r.id for r in c.execute(query) if r.wechat_openid}
        out = []
        for borrower_id in ids:
            book = ledger_rules.Ledger(
                borrower_id=borrower_id,
                loans=tuple(_loan(row, rows_of[row.id]) for row in loans[borrower_id]),
                plans=tuple(_plan(row, plan_rows[row.id]) for row in plans[borrower_id]),
            )
            p = prefs.get(borrower_id)
            settings = (
                Settings(_time(p.window_start), _time(p.window_end), p.channel, bool(p.reminders)) if p else Settings()
            )
            out.append(
                Situation(
                    borrower_id,
                    book,
                    settings,
                    tuple(people[borrower_id]),
                    tuple(logs[borrower_id]),
                    tuple(promises[borrower_id]),
                    frozenset(paused[borrower_id]),
                    borrower_id in bound,
                    seen.get(borrower_id),
                )
            )
        return out

    def recipients(self, ids: Sequence[str]) -> Dict[str, Recipient]:
        with self.engine.connect() as c:
            b = models.Borrower.__table__
            rows = c.execute(select(b.c.id, b.c.phone, b.c.name, b.c.wechat_openid).where(b.c.id.in_(list(ids)))).all()
            w = models.WeChatBinding.__table__
            bound = {r.borrower_id: r.openid for r in c.execute(select(w).where(w.c.borrower_id.in_(list(ids))))}
        return {r.id: Recipient(r.id, r.phone, r.name, r.wechat_openid or bound.get(r.id)) for r in rows}

    def emergency_phone(self, borrower_id: str, name: str) -> Optional[str]:
        with self.session() as s:
            row = (
                s.execute(
                    select(models.EmergencyContact).where(
                        models.EmergencyContact.borrower_id == borrower_id, models.EmergencyContact.name == name
                    )
                )
                .scalars()
                .first()
            )
            return row.phone if row else None

    # The log --------------------------------------------------------------------------------------

    def logged_outcome(self, key: str) -> Optional[str]:
        with self.engine.connect() as c:
            row = c.execute(
                select(models.ContactLogEntry.outcome).where(models.ContactLogEntry.plan_key == key)
            ).first()
        return None if row is None else (row[0] or "")

    def begin_contact(self, planned: PlannedContact) -> bool:
        """Logs the contact as being sent; False when its key was logged before (sent, or a crashed
        attempt to finish)."""
        try:
            with self.session() as s:
                s.add(
                    models.ContactLogEntry(
                        borrower_id=planned.borrower_id,
                        at=planned.at,
                        channel=planned.channel,
                        to=planned.to,
                        contact_name=planned.contact_name,
                        purpose=planned.purpose,
                        outcome="sending",
                        plan_key=planned.key,
                    )
                )
            return True
        except IntegrityError:
            return False

    def finish_contact(self, key: str, outcome: str) -> None:
        with self.session() as s:
            s.execute(
                update(models.ContactLogEntry).where(models.ContactLogEntry.plan_key == key).values(outcome=outcome)
            )

    def forget_contact(self, key: str) -> None:
        """A contact begun but not made (the in-chat reminder found no open chat)."""
        with self.session() as s:
            s.execute(delete(models.ContactLogEntry).where(models.ContactLogEntry.plan_key == key))
