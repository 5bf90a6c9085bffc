"""Collection conduct: the contact log, emergency contacts and their authorisation, contact preferences, complaints."""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from loan_store import models
from loan_store.base import StoreBase, new_reference
from loan_store.borrowers import borrower_with_ledger, ledger_of
from rules.contact_policy import Breach, ContactPerson, LoggedContact, breaches, complaint_urgency


@dataclass(frozen=True)
class EmergencyContactRecord:
    id: int
    name: str
    relation: str
    phone: str
    authorized: bool


@dataclass(frozen=True)
class Preferences:
    window_start: Optional[str] = None
    window_end: Optional[str] = None
    channel: Optional[str] = None
    reminders: bool = False


@dataclass(frozen=True)
class ComplaintTicket:
    ticket: str
    borrower_id: str
    category: str
    description: str
    occurred: Optional[str]
    caller: Optional[str]
    others_contacted: Optional[str]
    urgency: str
    due_by: datetime
    status: str
    breaches: Tuple[Breach, ...]
    filed_at: Optional[datetime] = None


class ConductStore(StoreBase):
    @staticmethod
    def _logged(row: models.ContactLogEntry) -> LoggedContact:
        return LoggedContact(row.id, row.at, row.channel, row.to, row.purpose, row.contact_name, row.outcome, row.agent)

    def contact_log(self, borrower_id: str) -> List[LoggedContact]:
        with self.session() as s:
            rows = (
                s.execute(
                    select(models.ContactLogEntry)
                    .where(models.ContactLogEntry.borrower_id == borrower_id)
                    .order_by(models.ContactLogEntry.at, models.ContactLogEntry.id)
                )
                .scalars()
                .all()
            )
            return [self._logged(r) for r in rows]

    def emergency_contacts(self, borrower_id: str) -> List[EmergencyContactRecord]:
        with self.session() as s:
            rows = (
                s.execute(
                    select(models.EmergencyContact)
                    .where(models.EmergencyContact.borrower_id == borrower_id)
                    .order_by(models.EmergencyContact.id)
                )
                .scalars()
                .all()
            )
            return [EmergencyContactRecord(r.id, r.name, r.relation, r.phone, r.authorized) for r in rows]

    def withdraw_authorisation(
        self, borrower_id: str, contact_id: int, now: datetime
    ) -> Optional[EmergencyContactRecord]:
        """Withdraws one contact's authorisation; None when the contact is not this borrower's."""
        with self.session() as s:
            row = s.get(models.EmergencyContact, contact_id, with_for_update=True)
            if row is None or row.borrower_id != borrower_id:
                return None
            if row.authorized:
                row.authorized, row.withdrawn_at = False, now
            return EmergencyContactRecord(row.id, row.name, row.relation, row.phone, row.authorized)

    def preferences(self, borrower_id: str) -> Preferences:
        with self.session() as s:
            row = s.get(models.ContactPreference, borrower_id)
            if row is None:
                return Preferences()
            return Preferences(row.window_start, row.window_end, row.channel, bool(row.reminders))

    def set_preferences(self, borrower_id: str, now: datetime, **changes) -> Preferences:
        """Stores window_start/window_end, channel or reminders; other stored values stay."""
        allowed = {"window_start", "window_end", "channel", "reminders"}
        if set(changes) - allowed:
            raise ValueError(f"unknown preference {set(changes) - allowed}")
        with self.session() as s:
            row = s.get(models.ContactPreference, borrower_id, with_for_update=True)
            if row is None:
                row = models.ContactPreference(borrower_id=borrower_id, reminders=False, updated_at=now)
                s.add(row)
            for name, value in changes.items():
                setattr(row, name, value)
            row.updated_at = now
            s.flush()
            return Preferences(row.window_start, row.window_end, row.channel, bool(row.reminders))

    def _ticket_of(self, s: Session, row: models.Complaint) -> ComplaintTicket:
        entries = {
            e.id: e
            for e in s.execute(
                select(models.ContactLogEntry).where(models.ContactLogEntry.borrower_id == row.borrower_id)
            ).scalars()
        }
        attached = tuple(Breach(self._logged(entries[b.contact_log_id]), b.rule) for b in row.breaches)
        return ComplaintTicket(
            row.ticket,
            row.borrower_id,
            row.category,
            row.description,
            row.occurred,
            row.caller,
            row.others_contacted,
            row.urgency,
            row.due_by,
            row.status,
            attached,
            row.created_at,
        )

    def file_complaint(
        self,
        borrower_id: str,
        conversation_id: str,
        category: str,
        description: str,
        occurred: Optional[str],
        caller: Optional[str],
        others: Optional[str],
        now: datetime,
    ) -> Tuple[ComplaintTicket, bool]:
        """Stores the complaint with every policy breach in the borrower's log attached.
        The same complaint sent again (same borrower, category and words) is the same ticket."""
        words = "".join(description.split())
        dedup = hashlib.sha256(f"{borrower_id}|{category}|{words}".encode()).hexdigest()
        try:
            with self.session() as s:
                existing = s.execute(
                    select(models.Complaint).where(models.Complaint.dedup_key == dedup)
                ).scalar_one_or_none()
                if existing is not None:
                    return self._ticket_of(s, existing), True
                row = borrower_with_ledger(s, borrower_id, for_update=True)
                log = [
                    self._logged(r)
                    for r in s.execute(
                        select(models.ContactLogEntry).where(models.ContactLogEntry.borrower_id == borrower_id)
                    ).scalars()
                ]
                people = [
                    ContactPerson(c.name, c.relation, c.authorized or c.withdrawn_at is not None)
                    for c in s.execute(
                        select(models.EmergencyContact).where(models.EmergencyContact.borrower_id == borrower_id)
                    ).scalars()
                ]
                urgency, within = complaint_urgency(category)
                complaint = models.Complaint(
                    ticket=new_reference("T", now),
                    borrower_id=borrower_id,
                    conversation_id=conversation_id,
                    category=category,
                    description=description[:2000],
                    occurred=occurred,
                    caller=caller,
                    others_contacted=others,
                    urgency=urgency,
                    due_by=now + within,
                    status="open",
                    dedup_key=dedup,
                    created_at=now,
                )
                s.add(complaint)
                s.flush()
                for breach in breaches(ledger_of(row), log, people):
                    s.add(
                        models.ComplaintBreach(
                            ticket=complaint.ticket, contact_log_id=breach.contact.id, rule=breach.rule
                        )
                    )
                s.flush()
                s.refresh(complaint)
                return self._ticket_of(s, complaint), False
        except IntegrityError:
            with self.session() as s:
                existing = s.execute(select(models.Complaint).where(models.Complaint.dedup_key == dedup)).scalar_one()
                return self._ticket_of(s, existing), True

    def complaints(self, borrower_id: str) -> List[ComplaintTicket]:
        with self.session() as s:
            rows = (
                s.execute(
                    select(models.Complaint)
                    .where(models.Complaint.borrower_id == borrower_id)
                    .order_by(models.Complaint.created_at)
                )
                .scalars()
                .all()
            )
            return [self._ticket_of(s, r) for r in rows]
