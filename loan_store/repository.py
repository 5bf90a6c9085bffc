"""The repository: the only place that talks SQL to the loan store.

Every public method opens its own session and returns plain values, so callers (the actions run
them in a worker thread) never share a session across requests.
"""

import hashlib
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Iterator, List, Optional, Tuple

from sqlalchemy import bindparam, create_engine, func, inspect, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from loan_store import models
from rules import ledger
from rules.contact_policy import Breach, ContactPerson, LoggedContact, breaches, complaint_urgency
from rules.relief import (
    ExtensionEligibility,
    PlanEligibility,
    extension_eligibility,
    extension_moves,
    plan_eligibility,
    plan_quote,
    promise_problem,
)

DEFAULT_URL = "sqlite:///var/loan_store.db"


def database_url() -> str:
    return os.environ.get("DATABASE_URL", "").strip() or DEFAULT_URL


@dataclass(frozen=True)
class BorrowerProfile:
    id: str
    name: str
    phone: str
    id_last4: str
    wechat_openid: Optional[str]


@dataclass(frozen=True)
class StoredPlan:
    id: str
    borrower_id: str
    status: str
    accepted_on: date
    restructured_amount: Decimal
    months: int
    monthly: Decimal
    first_due: date
    restructured: Tuple[Tuple[str, int], ...]  # (loan id, instalment seq)


@dataclass(frozen=True)
class PlanOutcome:
    plan: Optional[StoredPlan] = None
    refused: str = ""  # why not: an eligibility reason, or "quote_changed"
    eligibility: Optional[PlanEligibility] = None
    repeated: bool = False  # the same request was already stored


@dataclass(frozen=True)
class StoredExtension:
    id: str
    borrower_id: str
    days: int
    granted_on: date
    moves: Tuple[Tuple[str, int, date, date, Decimal], ...]  # loan, seq, old due, new due, penalty kept


@dataclass(frozen=True)
class ExtensionOutcome:
    extension: Optional[StoredExtension] = None
    refused: str = ""
    eligibility: Optional[ExtensionEligibility] = None
    repeated: bool = False


@dataclass(frozen=True)
class StoredPromise:
    id: str
    borrower_id: str
    amount: Decimal
    pay_on: date
    promised_on: date
    status: str


@dataclass(frozen=True)
class PromiseOutcome:
    promise: Optional[StoredPromise] = None
    refused: str = ""
    repeated: bool = False


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


@dataclass(frozen=True)
class HandoffTicket:
    reference: str
    conversation_id: str
    borrower_id: Optional[str]
    summary: str
    status: str
    created_at: datetime
    urgent: bool = False


@dataclass(frozen=True)
class Challenge:
    id: str
    borrower_id: Optional[str]
    code_digest: Optional[str]
    expires_at: datetime
    used_at: Optional[datetime]


def _borrower_with_ledger(s: Session, borrower_id: str, for_update: bool = False) -> Optional[models.Borrower]:
    query = (
        select(models.Borrower)
        .where(models.Borrower.id == borrower_id)
        .options(
            selectinload(models.Borrower.loans).selectinload(models.Loan.instalments),
            selectinload(models.Borrower.plans).selectinload(models.Plan.instalments),
        )
    )
    if for_update:
        query = query.with_for_update(of=models.Borrower)
    return s.execute(query).scalar_one_or_none()


# One mapping from stored columns to the ledger, for the ORM objects the writes lock and for the
# plain rows `ledger()` reads (a row's columns carry a prefix: `_Prefixed` reads them by name).
def _instalment(i: Any) -> ledger.Instalment:
    return ledger.Instalment(
        loan_id=i.loan_id,
        seq=i.seq,
        due_date=i.due_date,
        principal=i.principal,
        interest=i.interest,
        paid_principal=i.paid_principal,
        paid_interest=i.paid_interest,
        paid_on=i.paid_on,
        plan_id=i.plan_id,
        penalty_carried=i.penalty_carried if i.penalty_carried is not None else Decimal("0.00"),
        penalty_since=i.penalty_since,
    )


def _loan(loan: Any, instalments: Iterable[ledger.Instalment]) -> ledger.Loan:
    return ledger.Loan(
        id=loan.id,
        product=loan.product,
        principal=loan.principal,
        annual_rate=loan.annual_rate,
        term_months=loan.term_months,
        start_date=loan.start_date,
        instalments=tuple(instalments),
    )


def _plan(plan: Any, instalments: Iterable[Any]) -> ledger.Plan:
    return ledger.Plan(
        id=plan.id,
        status=plan.status,
        accepted_on=plan.accepted_on,
        restructured_amount=plan.restructured_amount,
        months=plan.months,
        instalments=tuple(ledger.PlanInstalment(i.seq, i.due_date, i.amount, i.paid_on) for i in instalments),
    )


def _ledger_of(row: models.Borrower) -> ledger.Ledger:
    return ledger.Ledger(
        borrower_id=row.id,
        loans=tuple(_loan(loan, (_instalment(i) for i in loan.instalments)) for loan in row.loans),
        plans=tuple(_plan(plan, plan.instalments) for plan in row.plans),
    )


class _Prefixed:
    """A joined row's columns of one table, by their names (`i_seq` read as `seq`)."""

    __slots__ = ("row", "prefix")

    def __init__(self, row: Any, prefix: str) -> None:
        self.row, self.prefix = row, prefix

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, self.prefix + name)


def _labelled(table, prefix: str) -> list:
    return [column.label(prefix + column.name) for column in table.c]


_BORROWERS, _LOANS, _INSTALMENTS = models.Borrower.__table__, models.Loan.__table__, models.Instalment.__table__
_PLANS, _PLAN_INSTALMENTS = models.Plan.__table__, models.PlanInstalment.__table__
# The reads every answer makes, built once: building a statement (and its cache key) per call, and
# an ORM session around it, cost more CPU than the database did (borrower 1.55 ms, ledger 4.25 ms
# of CPU per call on PostgreSQL, measured).
_BORROWER = select(*_BORROWERS.c).where(_BORROWERS.c.id == bindparam("borrower_id"))
_LOANS_READ = (
    select(_BORROWERS.c.id, *_labelled(_LOANS, "l_"), *_labelled(_INSTALMENTS, "i_"))
    .select_from(_BORROWERS)
    .outerjoin(_LOANS, _LOANS.c.borrower_id == _BORROWERS.c.id)
    .outerjoin(_INSTALMENTS, _INSTALMENTS.c.loan_id == _LOANS.c.id)
    .where(_BORROWERS.c.id == bindparam("borrower_id"))
    .order_by(_LOANS.c.id, _INSTALMENTS.c.seq)
)
_PLANS_READ = (
    select(*_labelled(_PLANS, "p_"), *_labelled(_PLAN_INSTALMENTS, "i_"))
    .select_from(_PLANS)
    .outerjoin(_PLAN_INSTALMENTS, _PLAN_INSTALMENTS.c.plan_id == _PLANS.c.id)
    .where(_PLANS.c.borrower_id == bindparam("borrower_id"))
    .order_by(_PLANS.c.id, _PLAN_INSTALMENTS.c.seq)
)


def _ledger_read(c: Connection, borrower_id: str) -> Optional[ledger.Ledger]:
    """Two queries: the borrower's loans with their instalments, and their plans with theirs."""
    rows = c.execute(_LOANS_READ, {"borrower_id": borrower_id}).all()
    if not rows:
        return None
    loans: dict = {}  # loan id → (the loan's columns, its instalments), in query order
    for r in rows:
        if r.l_id is not None:
            items = loans.setdefault(r.l_id, (_Prefixed(r, "l_"), []))[1]
            if r.i_id is not None:
                items.append(_instalment(_Prefixed(r, "i_")))
    plans: dict = {}
    for r in c.execute(_PLANS_READ, {"borrower_id": borrower_id}):
        items = plans.setdefault(r.p_id, (_Prefixed(r, "p_"), []))[1]
        if r.i_id is not None:
            items.append(_Prefixed(r, "i_"))
    return ledger.Ledger(
        borrower_id=borrower_id,
        loans=tuple(_loan(loan, items) for loan, items in loans.values()),
        plans=tuple(_plan(plan, items) for plan, items in plans.values()),
    )


def _borrowers_key(borrower_id: str, request_key: str) -> str:
    """A request key belongs to the borrower it was made for: the same words in the same
    conversation from another borrower are another request."""
    return f"{borrower_id}|{request_key}"


def _reference(prefix: str, day: date) -> str:
    return f"{prefix}{day:%Y%m%d}{secrets.token_hex(3).upper()}"


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            folder = os.path.dirname(url[len("sqlite:///") :])
            if folder:
                os.makedirs(folder, exist_ok=True)
        return create_engine(url, future=True, connect_args={"check_same_thread": False, "timeout": 30})
    return create_engine(url, future=True, pool_pre_ping=True)


class LoanStore:
    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url or database_url()
        self.engine = _make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def create_schema(self) -> None:
        models.Base.metadata.create_all(self.engine)
        # A store made before handoffs could be urgent gets the column (the only change since).
        columns = {c["name"] for c in inspect(self.engine).get_columns("handoff_requests")}
        if "urgent" not in columns:
            with self.engine.begin() as connection:
                connection.execute(
                    sql_text("ALTER TABLE handoff_requests ADD COLUMN urgent BOOLEAN NOT NULL DEFAULT false")
                )

    def drop_schema(self) -> None:
        models.Base.metadata.drop_all(self.engine)

    def is_empty(self) -> bool:
        with self.session() as s:
            return s.execute(select(func.count()).select_from(models.Borrower)).scalar_one() == 0

    # Borrowers -----------------------------------------------------------------------------

    @staticmethod
    def _profile(row: models.Borrower) -> BorrowerProfile:
        return BorrowerProfile(row.id, row.name, row.phone, row.id_last4, row.wechat_openid)

    def borrower_names(self) -> List[Tuple[str, str]]:
        """(id, name) of every borrower, by id: the development login page lists them."""
        with self.session() as s:
            return [(b.id, b.name) for b in s.query(models.Borrower).order_by(models.Borrower.id)]

    def borrower(self, borrower_id: str) -> Optional[BorrowerProfile]:
        with self.engine.connect() as c:
            row = c.execute(_BORROWER, {"borrower_id": borrower_id}).first()
        return self._profile(row) if row else None

    def borrower_by_phone(self, phone: str) -> Optional[BorrowerProfile]:
        with self.session() as s:
            row = s.execute(select(models.Borrower).where(models.Borrower.phone == phone)).scalar_one_or_none()
            return self._profile(row) if row else None

    def borrower_by_openid(self, openid: str) -> Optional[BorrowerProfile]:
        with self.session() as s:
            row = s.execute(select(models.Borrower).where(models.Borrower.wechat_openid == openid)).scalar_one_or_none()
            if row is None:
                binding = s.get(models.WeChatBinding, openid)
                row = s.get(models.Borrower, binding.borrower_id) if binding else None
            return self._profile(row) if row else None

    def bind_openid(self, borrower_id: str, openid: str, now: Optional[datetime] = None) -> bool:
        """Binds another WeChat openid to a verified borrower; False if someone else holds it."""
        holder = self.borrower_by_openid(openid)
        if holder is not None:
            return holder.id == borrower_id
        try:
            with self.session() as s:
                if s.get(models.Borrower, borrower_id) is None:
                    return False
                s.add(models.WeChatBinding(openid=openid, borrower_id=borrower_id, bound_at=now or datetime.utcnow()))
                return True
        except IntegrityError:
            return (self.borrower_by_openid(openid) or BorrowerProfile("", "", "", "", None)).id == borrower_id

    # Ledger ---------------------------------------------------------------------------------

    def ledger(self, borrower_id: str) -> Optional[ledger.Ledger]:
        """The borrower's loans, instalments and plans, read in one session: the ledger the ORM
        objects of `_borrower_with_ledger` give (`_ledger_of`), from plain rows, because every
        answer about money reads it (83 % of the action server's time, in the ORM, before)."""
        with self.engine.connect() as c:
            return _ledger_read(c, borrower_id)

    # Contact log, contacts, preferences --------------------------------------------------------

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

    # Complaints -------------------------------------------------------------------------------

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
                row = _borrower_with_ledger(s, borrower_id, for_update=True)
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
                    ticket=_reference("T", now),
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
                for breach in breaches(_ledger_of(row), log, people):
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

    # Handoff to a human ---------------------------------------------------------------------

    def create_handoff(
        self, conversation_id: str, borrower_id: Optional[str], summary: str, now: datetime, urgent: bool = False
    ) -> HandoffTicket:
        """One open request per conversation and person: asking again returns the same ticket (made
        urgent when this request is; an anonymous one is taken over by the borrower who verifies).
        Another borrower in the same conversation, or an anonymous visitor after a borrower, gets a
        ticket of their own."""
        with self.session() as s:
            who = (
                (models.HandoffRequest.borrower_id == borrower_id) | models.HandoffRequest.borrower_id.is_(None)
                if borrower_id
                else models.HandoffRequest.borrower_id.is_(None)
            )
            existing = (
                s.execute(
                    select(models.HandoffRequest)
                    .where(
                        models.HandoffRequest.conversation_id == conversation_id,
                        models.HandoffRequest.status == "open",
                        who,
                    )
                    .order_by(models.HandoffRequest.id)
                )
                .scalars()
                .first()
            )
            if existing is not None:
                if borrower_id and not existing.borrower_id:
                    existing.borrower_id = borrower_id
                existing.summary = summary
                existing.urgent = bool(existing.urgent or urgent)
                row = existing
            else:
                row = models.HandoffRequest(
                    reference=_reference("H", now),
                    conversation_id=conversation_id,
                    borrower_id=borrower_id,
                    summary=summary,
                    status="open",
                    created_at=now,
                    urgent=urgent,
                )
                s.add(row)
            s.flush()
            return HandoffTicket(
                row.reference,
                row.conversation_id,
                row.borrower_id,
                row.summary,
                row.status,
                row.created_at,
                bool(row.urgent),
            )

    def handoffs(self, conversation_id: Optional[str] = None) -> List[HandoffTicket]:
        with self.session() as s:
            query = select(models.HandoffRequest).order_by(models.HandoffRequest.id)
            if conversation_id is not None:
                query = query.where(models.HandoffRequest.conversation_id == conversation_id)
            return [
                HandoffTicket(
                    r.reference, r.conversation_id, r.borrower_id, r.summary, r.status, r.created_at, bool(r.urgent)
                )
                for r in s.execute(query).scalars()
            ]

    # Relief: plans, extensions, promises -------------------------------------------------------
    # Each runs in one transaction with the borrower row locked, re-checks eligibility on the
    # stored figures, and is idempotent per request key (a retried or repeated confirmation).

    def _plan_by_key(self, s: Session, borrower_id: str, request_key: str) -> Optional[StoredPlan]:
        row = s.execute(
            select(models.Plan).where(models.Plan.request_key == _borrowers_key(borrower_id, request_key))
        ).scalar_one_or_none()
        return self._load_plan(s, row.id) if row else None

    def _load_plan(self, s: Session, plan_id: str) -> StoredPlan:
        row = s.get(models.Plan, plan_id)
        restructured = s.execute(
            select(models.Instalment.loan_id, models.Instalment.seq)
            .where(models.Instalment.plan_id == plan_id)
            .order_by(models.Instalment.loan_id, models.Instalment.seq)
        ).all()
        first = min(row.instalments, key=lambda i: i.seq)
        return StoredPlan(
            row.id,
            row.borrower_id,
            row.status,
            row.accepted_on,
            row.restructured_amount,
            row.months,
            first.amount,
            first.due_date,
            tuple((r[0], r[1]) for r in restructured),
        )

    def accept_plan(
        self,
        borrower_id: str,
        months: int,
        restructured_amount: Decimal,
        today: date,
        request_key: str,
        now: datetime,
    ) -> PlanOutcome:
        """Stores the accepted quote as an active plan, or says why it cannot be stored."""
        try:
            with self.session() as s:
                existing = self._plan_by_key(s, borrower_id, request_key)
                if existing is not None:
                    return PlanOutcome(plan=existing, repeated=True)
                row = _borrower_with_ledger(s, borrower_id, for_update=True)
                if row is None:
                    return PlanOutcome(refused="no_borrower")
                current = _ledger_of(row)
                eligibility = plan_eligibility(current, today)
                if not eligibility.eligible:
                    return PlanOutcome(refused=eligibility.reason, eligibility=eligibility)
                if eligibility.summary.total != restructured_amount:
                    return PlanOutcome(refused="quote_changed", eligibility=eligibility)
                quote = plan_quote(restructured_amount, months, today)
                loans = {r.loan_id for r in eligibility.summary.loans}
                plan = models.Plan(
                    id=_reference("P", today),
                    borrower_id=borrower_id,
                    source_loan_id=next(iter(loans)) if len(loans) == 1 else None,
                    status="active",
                    accepted_on=today,
                    restructured_amount=restructured_amount,
                    months=months,
                    monthly_rate=Decimal("0.01"),
                    request_key=_borrowers_key(borrower_id, request_key),
                    created_at=now,
                    note="restructured the overdue instalments in full",
                )
                s.add(plan)
                s.flush()
                for seq, due in enumerate(quote.due_dates(), start=1):
                    s.add(models.PlanInstalment(plan_id=plan.id, seq=seq, due_date=due, amount=quote.monthly))
                overdue = {(r.loan_id, r.seq) for loan in eligibility.summary.loans for r in loan.instalments}
                for loan in row.loans:
                    for instalment in loan.instalments:
                        if (loan.id, instalment.seq) in overdue:
                            instalment.plan_id = plan.id
                s.flush()
                return PlanOutcome(plan=self._load_plan(s, plan.id))
        except IntegrityError:
            # A concurrent confirmation won the race: report what it stored.
            with self.session() as s:
                existing = self._plan_by_key(s, borrower_id, request_key)
                if existing is not None:
                    return PlanOutcome(plan=existing, repeated=True)
            return PlanOutcome(refused="active_plan")

    def plans(self, borrower_id: str) -> List[StoredPlan]:
        with self.session() as s:
            ids = (
                s.execute(select(models.Plan.id).where(models.Plan.borrower_id == borrower_id).order_by(models.Plan.id))
                .scalars()
                .all()
            )
            return [self._load_plan(s, plan_id) for plan_id in ids]

    @staticmethod
    def _stored_extension(row: models.Extension) -> StoredExtension:
        return StoredExtension(
            row.id,
            row.borrower_id,
            row.days,
            row.granted_on,
            tuple((i.loan_id, i.seq, i.old_due_date, i.new_due_date, i.penalty_carried) for i in row.items),
        )

    def last_extension_on(self, s: Session, borrower_id: str) -> Optional[date]:
        return s.execute(
            select(func.max(models.Extension.granted_on)).where(
                models.Extension.borrower_id == borrower_id, models.Extension.status == "granted"
            )
        ).scalar_one()

    def last_extension_date(self, borrower_id: str) -> Optional[date]:
        with self.session() as s:
            return self.last_extension_on(s, borrower_id)

    def grant_extension(
        self, borrower_id: str, days: int, today: date, request_key: str, now: datetime
    ) -> ExtensionOutcome:
        try:
            with self.session() as s:
                existing = s.execute(
                    select(models.Extension).where(
                        models.Extension.request_key == _borrowers_key(borrower_id, request_key)
                    )
                ).scalar_one_or_none()
                if existing is not None:
                    return ExtensionOutcome(extension=self._stored_extension(existing), repeated=True)
                row = _borrower_with_ledger(s, borrower_id, for_update=True)
                if row is None:
                    return ExtensionOutcome(refused="no_borrower")
                eligibility = extension_eligibility(_ledger_of(row), today, self.last_extension_on(s, borrower_id))
                if not eligibility.eligible:
                    return ExtensionOutcome(refused=eligibility.reason, eligibility=eligibility)
                moves = extension_moves(eligibility.summary, days)
                extension = models.Extension(
                    id=_reference("E", today),
                    borrower_id=borrower_id,
                    days=days,
                    granted_on=today,
                    status="granted",
                    request_key=_borrowers_key(borrower_id, request_key),
                    created_at=now,
                )
                s.add(extension)
                s.flush()
                by_key = {(m.loan_id, m.seq): m for m in moves}
                for loan in row.loans:
                    for instalment in loan.instalments:
                        move = by_key.get((loan.id, instalment.seq))
                        if move is None:
                            continue
                        instalment.due_date = move.new_due
                        instalment.penalty_carried = move.penalty_carried
                        instalment.penalty_since = max(move.new_due, today)
                        s.add(
                            models.ExtensionItem(
                                extension_id=extension.id,
                                loan_id=loan.id,
                                seq=instalment.seq,
                                old_due_date=move.old_due,
                                new_due_date=move.new_due,
                                penalty_carried=move.penalty_carried,
                            )
                        )
                s.flush()
                s.refresh(extension)
                return ExtensionOutcome(extension=self._stored_extension(extension))
        except IntegrityError:
            with self.session() as s:
                existing = s.execute(
                    select(models.Extension).where(
                        models.Extension.request_key == _borrowers_key(borrower_id, request_key)
                    )
                ).scalar_one_or_none()
                if existing is not None:
                    return ExtensionOutcome(extension=self._stored_extension(existing), repeated=True)
            return ExtensionOutcome(refused="recent_extension")

    def extensions(self, borrower_id: str) -> List[StoredExtension]:
        with self.session() as s:
            rows = (
                s.execute(
                    select(models.Extension)
                    .where(models.Extension.borrower_id == borrower_id)
                    .order_by(models.Extension.id)
                )
                .scalars()
                .all()
            )
            return [self._stored_extension(r) for r in rows]

    @staticmethod
    def _stored_promise(row: models.Promise) -> StoredPromise:
        return StoredPromise(row.id, row.borrower_id, row.amount, row.pay_on, row.promised_on, row.status)

    def record_promise(
        self, borrower_id: str, amount: Decimal, pay_on: date, today: date, request_key: str, now: datetime
    ) -> PromiseOutcome:
        problem = promise_problem(amount, pay_on, today)
        if problem:
            return PromiseOutcome(refused=problem)
        try:
            with self.session() as s:
                existing = s.execute(
                    select(models.Promise).where(models.Promise.request_key == _borrowers_key(borrower_id, request_key))
                ).scalar_one_or_none()
                if existing is not None:
                    return PromiseOutcome(promise=self._stored_promise(existing), repeated=True)
                if s.get(models.Borrower, borrower_id) is None:
                    return PromiseOutcome(refused="no_borrower")
                row = models.Promise(
                    id=_reference("C", today),
                    borrower_id=borrower_id,
                    amount=amount,
                    pay_on=pay_on,
                    promised_on=today,
                    status="open",
                    request_key=_borrowers_key(borrower_id, request_key),
                    created_at=now,
                )
                s.add(row)
                s.flush()
                return PromiseOutcome(promise=self._stored_promise(row))
        except IntegrityError:
            with self.session() as s:
                existing = s.execute(
                    select(models.Promise).where(models.Promise.request_key == _borrowers_key(borrower_id, request_key))
                ).scalar_one()
                return PromiseOutcome(promise=self._stored_promise(existing), repeated=True)

    def promises(self, borrower_id: str) -> List[StoredPromise]:
        with self.session() as s:
            rows = (
                s.execute(
                    select(models.Promise)
                    .where(models.Promise.borrower_id == borrower_id)
                    .order_by(models.Promise.created_at)
                )
                .scalars()
                .all()
            )
            return [self._stored_promise(r) for r in rows]

    # One-time codes and lockout ---------------------------------------------------------------

    def save_challenge(
        self,
        phone_digest: str,
        borrower_id: Optional[str],
        code_digest: Optional[str],
        now: datetime,
        expires_at: datetime,
    ) -> str:
        with self.session() as s:
            challenge_id = secrets.token_hex(16)
            s.add(
                models.OtpChallenge(
                    id=challenge_id,
                    phone_digest=phone_digest,
                    borrower_id=borrower_id,
                    code_digest=code_digest,
                    created_at=now,
                    expires_at=expires_at,
                )
            )
            return challenge_id

    def challenge(self, challenge_id: str) -> Optional[Tuple[str, Challenge]]:
        with self.session() as s:
            row = s.get(models.OtpChallenge, challenge_id)
            if row is None:
                return None
            return row.phone_digest, Challenge(row.id, row.borrower_id, row.code_digest, row.expires_at, row.used_at)

    def mark_challenge_used(self, challenge_id: str, now: datetime) -> bool:
        """True only for the first use: a code verifies once."""
        with self.session() as s:
            row = s.get(models.OtpChallenge, challenge_id, with_for_update=True)
            if row is None or row.used_at is not None:
                return False
            row.used_at = now
            return True

    def guard(self, phone_digest: str) -> Tuple[int, Optional[datetime]]:
        with self.session() as s:
            row = s.get(models.VerificationGuard, phone_digest)
            return (row.failed_attempts, row.locked_until) if row else (0, None)

    def record_failed_code(
        self, phone_digest: str, max_attempts: int, lock_until: datetime, now: datetime
    ) -> Tuple[int, Optional[datetime]]:
        """Counts one code attempt for the phone, atomically (one UPDATE adds 1 in the database,
        so parallel attempts from many conversations are all counted); the max-th sets the lock,
        a lock that has run out starts the count again. Returns (count, lock)."""
        guard = models.VerificationGuard
        mine = guard.phone_digest == phone_digest
        with self.session() as s:
            s.execute(update(guard).where(mine, guard.locked_until <= now).values(failed_attempts=0, locked_until=None))
            if s.execute(update(guard).where(mine).values(failed_attempts=guard.failed_attempts + 1)).rowcount == 0:
                insert = postgresql_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
                created = s.execute(
                    insert(guard).values(phone_digest=phone_digest, failed_attempts=1).on_conflict_do_nothing()
                )
                if created.rowcount == 0:  # another attempt created the row first: count on it
                    s.execute(update(guard).where(mine).values(failed_attempts=guard.failed_attempts + 1))
            s.execute(
                update(guard)
                .where(mine, guard.failed_attempts >= max_attempts, guard.locked_until.is_(None))
                .values(locked_until=lock_until)
            )
            count, lock = s.execute(select(guard.failed_attempts, guard.locked_until).where(mine)).one()
            return count, lock

    def codes_sent(self, phone_digest: str, since: datetime) -> Tuple[int, Optional[datetime]]:
        """How many codes were asked for this phone since a moment, and when the last one was."""
        challenge = models.OtpChallenge
        with self.session() as s:
            count, last = s.execute(
                select(func.count(), func.max(challenge.created_at)).where(
                    challenge.phone_digest == phone_digest, challenge.created_at >= since
                )
            ).one()
            return count, last

    def clear_guard(self, phone_digest: str) -> None:
        with self.session() as s:
            row = s.get(models.VerificationGuard, phone_digest)
            if row is not None:
                s.delete(row)

    # Figures for tests and reports ------------------------------------------------------------

    def table_counts(self) -> dict:
        with self.session() as s:
            return {
                table.name: s.execute(select(func.count()).select_from(table)).scalar_one()
                for table in models.Base.metadata.sorted_tables
            }
