"""The repository: the only place that talks SQL to the loan store.

Every public method opens its own session and returns plain values, so callers (the actions run
them in a worker thread) never share a session across requests.
"""
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator, List, Optional, Tuple

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload, sessionmaker

from loan_store import models
from rules import ledger

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
class HandoffTicket:
    reference: str
    conversation_id: str
    borrower_id: Optional[str]
    summary: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class Challenge:
    id: str
    borrower_id: Optional[str]
    code_digest: Optional[str]
    expires_at: datetime
    used_at: Optional[datetime]


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            folder = os.path.dirname(url[len("sqlite:///"):])
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

    def drop_schema(self) -> None:
        models.Base.metadata.drop_all(self.engine)

    def is_empty(self) -> bool:
        with self.session() as s:
            return s.execute(select(func.count()).select_from(models.Borrower)).scalar_one() == 0

    # Borrowers -----------------------------------------------------------------------------

    @staticmethod
    def _profile(row: models.Borrower) -> BorrowerProfile:
        return BorrowerProfile(row.id, row.name, row.phone, row.id_last4, row.wechat_openid)

    def borrower(self, borrower_id: str) -> Optional[BorrowerProfile]:
        with self.session() as s:
            row = s.get(models.Borrower, borrower_id)
            return self._profile(row) if row else None

    def borrower_by_phone(self, phone: str) -> Optional[BorrowerProfile]:
        with self.session() as s:
            row = s.execute(select(models.Borrower).where(models.Borrower.phone == phone)).scalar_one_or_none()
            return self._profile(row) if row else None

    # Ledger ---------------------------------------------------------------------------------

    def ledger(self, borrower_id: str) -> Optional[ledger.Ledger]:
        """The borrower's loans, instalments and plans, read in one session."""
        with self.session() as s:
            row = s.execute(
                select(models.Borrower)
                .where(models.Borrower.id == borrower_id)
                .options(
                    selectinload(models.Borrower.loans).selectinload(models.Loan.instalments),
                    selectinload(models.Borrower.plans).selectinload(models.Plan.instalments),
                )
            ).scalar_one_or_none()
            if row is None:
                return None
            loans = tuple(
                ledger.Loan(
                    id=loan.id,
                    product=loan.product,
                    principal=loan.principal,
                    annual_rate=loan.annual_rate,
                    term_months=loan.term_months,
                    start_date=loan.start_date,
                    instalments=tuple(
                        ledger.Instalment(
                            loan_id=loan.id,
                            seq=i.seq,
                            due_date=i.due_date,
                            principal=i.principal,
                            interest=i.interest,
                            paid_principal=i.paid_principal,
                            paid_interest=i.paid_interest,
                            paid_on=i.paid_on,
                            plan_id=i.plan_id,
                        )
                        for i in loan.instalments
                    ),
                )
                for loan in row.loans
            )
            plans = tuple(
                ledger.Plan(
                    id=plan.id,
                    status=plan.status,
                    accepted_on=plan.accepted_on,
                    restructured_amount=plan.restructured_amount,
                    months=plan.months,
                    instalments=tuple(
                        ledger.PlanInstalment(i.seq, i.due_date, i.amount, i.paid_on)
                        for i in plan.instalments
                    ),
                )
                for plan in row.plans
            )
            return ledger.Ledger(borrower_id=row.id, loans=loans, plans=plans)

    # Handoff to a human ---------------------------------------------------------------------

    def create_handoff(
        self, conversation_id: str, borrower_id: Optional[str], summary: str, now: datetime
    ) -> HandoffTicket:
        """One open request per conversation: asking again returns the same ticket."""
        with self.session() as s:
            existing = s.execute(
                select(models.HandoffRequest).where(
                    models.HandoffRequest.conversation_id == conversation_id,
                    models.HandoffRequest.status == "open",
                )
            ).scalars().first()
            if existing is not None:
                if borrower_id and not existing.borrower_id:
                    existing.borrower_id = borrower_id
                existing.summary = summary
                row = existing
            else:
                row = models.HandoffRequest(
                    reference=f"H{now:%Y%m%d}{secrets.token_hex(3).upper()}",
                    conversation_id=conversation_id,
                    borrower_id=borrower_id,
                    summary=summary,
                    status="open",
                    created_at=now,
                )
                s.add(row)
            s.flush()
            return HandoffTicket(
                row.reference, row.conversation_id, row.borrower_id, row.summary, row.status, row.created_at
            )

    def handoffs(self, conversation_id: Optional[str] = None) -> List[HandoffTicket]:
        with self.session() as s:
            query = select(models.HandoffRequest).order_by(models.HandoffRequest.id)
            if conversation_id is not None:
                query = query.where(models.HandoffRequest.conversation_id == conversation_id)
            return [
                HandoffTicket(r.reference, r.conversation_id, r.borrower_id, r.summary, r.status, r.created_at)
                for r in s.execute(query).scalars()
            ]

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
        """Counts one wrong code; the max-th wrong code sets the lock. Returns (count, lock)."""
        with self.session() as s:
            row = s.get(models.VerificationGuard, phone_digest, with_for_update=True)
            if row is None:
                row = models.VerificationGuard(phone_digest=phone_digest, failed_attempts=0)
                s.add(row)
            if row.locked_until is not None and row.locked_until <= now:
                row.failed_attempts, row.locked_until = 0, None
            row.failed_attempts += 1
            if row.failed_attempts >= max_attempts:
                row.locked_until = lock_until
            s.flush()
            return row.failed_attempts, row.locked_until

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
