"""Collection conduct: the contact log, emergency contacts and their authorisation, contact preferences
(with every change kept), complaints; and what the compliance report reads of them."""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Optional, Sequence, Tuple

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
    refused: bool = False  # the person asked us never to contact them (ContactRefusal)
    withdrawn_at: Optional[datetime] = None  # when the borrower withdrew the authorisation (UTC)

    def authorised_at(self, moment: datetime) -> bool:
        """Whether a contact at that moment was authorised: still is, or was withdrawn after it."""
        return self.authorized or (self.withdrawn_at is not None and self.withdrawn_at > moment)


@dataclass(frozen=True)
class Preferences:
    window_start: Optional[str] = None
    window_end: Optional[str] = None
    channel: Optional[str] = None
    reminders: bool = False


@dataclass(frozen=True)
class PreferenceChange:
    changed_at: datetime  # UTC
    preferences: Preferences


@dataclass(frozen=True)
class ContactAuthorisation:
    name: str
    relation: str
    authorized: bool  # now
    withdrawn_at: Optional[datetime]  # UTC; set when the borrower withdrew it


@dataclass(frozen=True)
class ComplaintSummary:
    ticket: str
    category: str
    description: str
    filed_at: datetime  # UTC
    status: str
    contact_log_ids: Tuple[int, ...]  # the log entries attached to the ticket


@dataclass(frozen=True)
class LogEntry:
    contact: LoggedContact
    plan_key: Optional[str]  # set when the contact engine made it


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
            refused = set(
                s.execute(
                    select(models.ContactRefusal.phone).where(models.ContactRefusal.phone.in_([r.phone for r in rows]))
                ).scalars()
            )
            return [
                EmergencyContactRecord(
                    r.id, r.name, r.relation, r.phone, r.authorized, r.phone in refused, r.withdrawn_at
                )
                for r in rows
            ]

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
            return EmergencyContactRecord(
                row.id, row.name, row.relation, row.phone, row.authorized, withdrawn_at=row.withdrawn_at
            )

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
            s.add(
                models.ContactPreferenceChange(
                    borrower_id=borrower_id,
                    changed_at=now,
                    window_start=row.window_start,
                    window_end=row.window_end,
                    channel=row.channel,
                    reminders=bool(row.reminders),
                )
            )
            s.flush()
            return Preferences(row.window_start, row.window_end, row.channel, bool(row.reminders))

    def preference_history(self, borrower_ids: Sequence[str]) -> Dict[str, List[PreferenceChange]]:
        """Every borrower's settings changes, oldest first. Settings stored before the history was
        kept count from their last change (all that is known of them)."""
        ids = list(borrower_ids)
        out: Dict[str, List[PreferenceChange]] = {borrower_id: [] for borrower_id in ids}
        history = models.ContactPreferenceChange.__table__
        current = models.ContactPreference.__table__
        with self.engine.connect() as c:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                query = (
                    select(history)
                    .where(history.c.borrower_id.in_(chunk))
                    .order_by(history.c.borrower_id, history.c.changed_at, history.c.id)
                )
                for r in c.execute(query):
                    out[r.borrower_id].append(
                        PreferenceChange(
                            r.changed_at, Preferences(r.window_start, r.window_end, r.channel, bool(r.reminders))
                        )
                    )
                for r in c.execute(select(current).where(current.c.borrower_id.in_(chunk))):
                    if not out[r.borrower_id]:
                        out[r.borrower_id].append(
                            PreferenceChange(
                                r.updated_at, Preferences(r.window_start, r.window_end, r.channel, bool(r.reminders))
                            )
                        )
        return out

    def preferences_at(self, borrower_id: str, moment: datetime) -> Preferences:
        """The settings in force at a stored moment (UTC): the last change made at or before it."""
        in_force = Preferences()
        for change in self.preference_history([borrower_id])[borrower_id]:
            if change.changed_at > moment:
                break
            in_force = change.preferences
        return in_force

    def contact_authorisations(self, borrower_ids: Sequence[str]) -> Dict[str, List[ContactAuthorisation]]:
        """Every borrower's emergency contacts, with when an authorisation was withdrawn."""
        ids = list(borrower_ids)
        out: Dict[str, List[ContactAuthorisation]] = {borrower_id: [] for borrower_id in ids}
        table = models.EmergencyContact.__table__
        with self.engine.connect() as c:
            for start in range(0, len(ids), 500):
                query = select(table).where(table.c.borrower_id.in_(ids[start : start + 500])).order_by(table.c.id)
                for r in c.execute(query):
                    out[r.borrower_id].append(
                        ContactAuthorisation(r.name, r.relation, bool(r.authorized), r.withdrawn_at)
                    )
        return out

    def complaint_summaries(self, borrower_ids: Sequence[str]) -> Dict[str, List[ComplaintSummary]]:
        """Every borrower's complaints, oldest first, with the log entries attached to each."""
        ids = list(borrower_ids)
        out: Dict[str, List[ComplaintSummary]] = {borrower_id: [] for borrower_id in ids}
        complaint, attached = models.Complaint.__table__, models.ComplaintBreach.__table__
        with self.engine.connect() as c:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = c.execute(
                    select(complaint)
                    .where(complaint.c.borrower_id.in_(chunk))
                    .order_by(complaint.c.created_at, complaint.c.ticket)
                ).all()
                entries: Dict[str, List[int]] = {}
                if rows:
                    query = (
                        select(attached.c.ticket, attached.c.contact_log_id)
                        .where(attached.c.ticket.in_([r.ticket for r in rows]))
                        .order_by(attached.c.id)
                    )
                    for ticket, entry in c.execute(query):
                        if entry not in entries.setdefault(ticket, []):
                            entries[ticket].append(entry)
                for r in rows:
                    out[r.borrower_id].append(
                        ComplaintSummary(
                            r.ticket,
                            r.category,
                            r.description,
                            r.created_at,
                            r.status,
                            tuple(entries.get(r.ticket, ())),
                        )
                    )
        return out

    def _borrowers_between(self, table, column: str, since: datetime, until: datetime) -> List[str]:
        with self.engine.connect() as c:
            moment = table.c[column]
            query = (
                select(table.c.borrower_id)
                .where(moment >= since, moment < until)
                .distinct()
                .order_by(table.c.borrower_id)
            )
            return [r[0] for r in c.execute(query)]

    def contact_log_borrowers(self, since: datetime, until: datetime) -> List[str]:
        """The borrowers with a logged contact in [since, until), by id."""
        return self._borrowers_between(models.ContactLogEntry.__table__, "at", since, until)

    def complaint_borrowers(self, since: datetime, until: datetime) -> List[str]:
        """The borrowers who filed a complaint in [since, until) (stored moments, UTC), by id."""
        return self._borrowers_between(models.Complaint.__table__, "created_at", since, until)

    def contact_log_of(
        self, borrower_ids: Sequence[str], since: datetime, until: datetime
    ) -> Dict[str, List[LogEntry]]:
        """The borrowers' contact log in [since, until) (local time, as logged), by time."""
        ids = list(borrower_ids)
        out: Dict[str, List[LogEntry]] = {borrower_id: [] for borrower_id in ids}
        log = models.ContactLogEntry.__table__
        with self.engine.connect() as c:
            for start in range(0, len(ids), 500):
                query = (
                    select(log)
                    .where(log.c.borrower_id.in_(ids[start : start + 500]), log.c.at >= since, log.c.at < until)
                    .order_by(log.c.borrower_id, log.c.at, log.c.id)
                )
                for r in c.execute(query):
                    out[r.borrower_id].append(LogEntry(self._logged(r), r.plan_key))
        return out

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

    def _breaches(self, s: Session, row: models.Borrower) -> List[Breach]:
        """Every contact in the borrower's log that broke the policy (rules/contact_policy.py)."""
        log = [
            self._logged(r)
            for r in s.execute(
                select(models.ContactLogEntry).where(models.ContactLogEntry.borrower_id == row.id)
            ).scalars()
        ]
        people = [
            ContactPerson(c.name, c.relation, c.authorized or c.withdrawn_at is not None)
            for c in s.execute(
                select(models.EmergencyContact).where(models.EmergencyContact.borrower_id == row.id)
            ).scalars()
        ]
        return breaches(ledger_of(row), log, people)

    def contact_breaches(self, borrower_id: str) -> List[Breach]:
        """What the borrower's contact history holds against the policy, for them to see."""
        with self.session() as s:
            row = borrower_with_ledger(s, borrower_id)
            return self._breaches(s, row) if row is not None else []

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
                for breach in self._breaches(s, row):
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

    def add_to_complaint(self, borrower_id: str, ticket: str, text: str, now: datetime) -> bool:
        """Keeps the borrower's addition to one of their own complaints (the complaint itself is not
        changed); False when the ticket is not theirs."""
        with self.session() as s:
            row = s.get(models.Complaint, ticket)
            if row is None or row.borrower_id != borrower_id:
                return False
            s.add(models.ComplaintNote(ticket=ticket, text=text[:2000], added_at=now))
            return True

    def complaint_notes(self, ticket: str) -> List[str]:
        with self.session() as s:
            rows = s.execute(
                select(models.ComplaintNote.text)
                .where(models.ComplaintNote.ticket == ticket)
                .order_by(models.ComplaintNote.id)
            )
            return [text for (text,) in rows]

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

    # Third parties who asked about a borrower (they learn nothing; the borrower is told) ----------

    def note_third_party_inquiry(
        self, now: datetime, relation: Optional[str], phone: Optional[str] = None, borrower_id: Optional[str] = None
    ) -> None:
        """Keeps that someone asked about the borrower with this phone (or this borrower). Says
        nothing back: whether the phone is a customer's must not show in the answer."""
        with self.session() as s:
            if borrower_id is None and phone:
                borrower_id = s.execute(
                    select(models.Borrower.id).where(models.Borrower.phone == phone)
                ).scalar_one_or_none()
            if borrower_id is None or s.get(models.Borrower, borrower_id) is None:
                return
            s.add(models.ThirdPartyInquiry(borrower_id=borrower_id, asked_at=now, relation=relation))

    def note_borrower_seen(self, borrower_id: str, at: datetime) -> None:
        """The borrower talked with the assistant at `at` (local time), identified."""
        with self.session() as s:
            row = s.get(models.BorrowerSeen, borrower_id)
            if row is None:
                s.add(models.BorrowerSeen(borrower_id=borrower_id, at=at))
            elif row.at < at:
                row.at = at

    def borrower_last_seen(self, borrower_id: str) -> Optional[datetime]:
        with self.session() as s:
            row = s.get(models.BorrowerSeen, borrower_id)
            return row.at if row else None

    def refuse_contact(self, phone: str, now: datetime) -> None:
        """Keeps that the person with this phone asked not to be contacted about others' loans. Says
        nothing back: whether the phone is anyone's contact must not show in the answer."""
        with self.session() as s:
            if s.get(models.ContactRefusal, phone) is None:
                s.add(models.ContactRefusal(phone=phone, refused_at=now))

    def refused_phones(self) -> set:
        with self.session() as s:
            return set(s.execute(select(models.ContactRefusal.phone)).scalars())

    @staticmethod
    def _inquiries(borrower_id: str, untold_only: bool):
        query = select(models.ThirdPartyInquiry).where(models.ThirdPartyInquiry.borrower_id == borrower_id)
        if untold_only:
            query = query.where(models.ThirdPartyInquiry.told_at.is_(None)).with_for_update()
        return query.order_by(models.ThirdPartyInquiry.asked_at)

    def third_party_inquiries(self, borrower_id: str) -> List[Tuple[datetime, Optional[str]]]:
        """Every time someone else asked about the borrower (when, who they said they were)."""
        with self.session() as s:
            rows = s.execute(self._inquiries(borrower_id, untold_only=False)).scalars().all()
            return [(r.asked_at, r.relation) for r in rows]

    def take_third_party_inquiries(self, borrower_id: str, now: datetime) -> List[Tuple[datetime, Optional[str]]]:
        """What the borrower has not been told yet (when, who they said they were), now marked told."""
        with self.session() as s:
            rows = s.execute(self._inquiries(borrower_id, untold_only=True)).scalars().all()
            for row in rows:
                row.told_at = now
            return [(row.asked_at, row.relation) for row in rows]
