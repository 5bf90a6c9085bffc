"""Relief: plans, extensions and promises, each written in one transaction with the borrower row locked,
re-checking eligibility on the stored figures, idempotent per request key."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import List, Optional, Tuple, Union

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from loan_store import models
from loan_store.base import StoreBase, borrowers_key, new_reference
from loan_store.borrowers import borrower_with_ledger, ledger_of
from rules.relief import (
    ExtensionEligibility,
    PlanEligibility,
    PromiseProblem,
    Refusal,
    extension_eligibility,
    extension_moves,
    plan_eligibility,
    plan_quote,
    promise_problem,
)


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
    source_loan_id: Optional[str] = None  # a loan taken into the plan whole (and closed)


@dataclass(frozen=True)
class PlanOutcome:
    plan: Optional[StoredPlan] = None
    refused: Optional[Refusal] = None
    eligibility: Optional[PlanEligibility] = None
    repeated: bool = False  # the same request was already stored
    covered: Tuple["StoredPromise", ...] = ()  # running promises the plan now stands for


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
    refused: Optional[Refusal] = None
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
    refused: Union[Refusal, PromiseProblem, None] = None
    repeated: bool = False
    replaced: Tuple[StoredPromise, ...] = ()  # the borrower's earlier open promises this one changed


class ReliefStore(StoreBase):
    def _plan_by_key(self, s: Session, borrower_id: str, request_key: str) -> Optional[StoredPlan]:
        row = s.execute(
            select(models.Plan).where(models.Plan.request_key == borrowers_key(borrower_id, request_key))
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
            row.source_loan_id,
        )

    @staticmethod
    def _running_promises(s: Session, borrower_id: str, today: date) -> List[models.Promise]:
        query = select(models.Promise).where(
            models.Promise.borrower_id == borrower_id,
            models.Promise.status == "open",
            models.Promise.pay_on >= today,
        )
        return list(s.execute(query).scalars().all())

    def running_promises(self, borrower_id: str, today: date) -> List[StoredPromise]:
        """Open promises whose day has not passed."""
        with self.session() as s:
            return [self._stored_promise(r) for r in self._running_promises(s, borrower_id, today)]

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
                row = borrower_with_ledger(s, borrower_id, for_update=True)
                if row is None:
                    return PlanOutcome(refused=Refusal.NO_BORROWER)
                current = ledger_of(row)
                eligibility = plan_eligibility(current, today)
                if not eligibility.eligible:
                    return PlanOutcome(refused=eligibility.reason, eligibility=eligibility)
                if eligibility.summary.total != restructured_amount:
                    return PlanOutcome(refused=Refusal.QUOTE_CHANGED, eligibility=eligibility)
                quote = plan_quote(restructured_amount, months, today)
                loans = {r.loan_id for r in eligibility.summary.loans}
                plan = models.Plan(
                    id=new_reference("P", today),
                    borrower_id=borrower_id,
                    source_loan_id=next(iter(loans)) if len(loans) == 1 else None,
                    status="active",
                    accepted_on=today,
                    restructured_amount=restructured_amount,
                    months=months,
                    monthly_rate=Decimal("0.01"),
                    request_key=borrowers_key(borrower_id, request_key),
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
                # A promise to pay what the plan now takes over is not due any more: kept, marked
                # covered, and no longer pauses contact (the plan's own schedule does).
                running = self._running_promises(s, borrower_id, today)
                for promise in running:
                    promise.status = "covered"
                s.flush()
                covered = tuple(self._stored_promise(p) for p in running)
                return PlanOutcome(plan=self._load_plan(s, plan.id), covered=covered)
        except IntegrityError:
            # A concurrent confirmation won the race: report what it stored.
            with self.session() as s:
                existing = self._plan_by_key(s, borrower_id, request_key)
                if existing is not None:
                    return PlanOutcome(plan=existing, repeated=True)
            return PlanOutcome(refused=Refusal.ACTIVE_PLAN)

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
                        models.Extension.request_key == borrowers_key(borrower_id, request_key)
                    )
                ).scalar_one_or_none()
                if existing is not None:
                    return ExtensionOutcome(extension=self._stored_extension(existing), repeated=True)
                row = borrower_with_ledger(s, borrower_id, for_update=True)
                if row is None:
                    return ExtensionOutcome(refused=Refusal.NO_BORROWER)
                eligibility = extension_eligibility(ledger_of(row), today, self.last_extension_on(s, borrower_id))
                if not eligibility.eligible:
                    return ExtensionOutcome(refused=eligibility.reason, eligibility=eligibility)
                moves = extension_moves(eligibility.summary, days)
                extension = models.Extension(
                    id=new_reference("E", today),
                    borrower_id=borrower_id,
                    days=days,
                    granted_on=today,
                    status="granted",
                    request_key=borrowers_key(borrower_id, request_key),
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
                        models.Extension.request_key == borrowers_key(borrower_id, request_key)
                    )
                ).scalar_one_or_none()
                if existing is not None:
                    return ExtensionOutcome(extension=self._stored_extension(existing), repeated=True)
            return ExtensionOutcome(refused=Refusal.RECENT_EXTENSION)

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
                    select(models.Promise).where(models.Promise.request_key == borrowers_key(borrower_id, request_key))
                ).scalar_one_or_none()
                if existing is not None:
                    return PromiseOutcome(promise=self._stored_promise(existing), repeated=True)
                if s.get(models.Borrower, borrower_id, with_for_update=True) is None:
                    return PromiseOutcome(refused=Refusal.NO_BORROWER)
                # A new promise while one is still running is a change of it (能改成月底还吗): the
                # earlier one is marked replaced — kept, never deleted — and no longer pauses contact.
                running = self._running_promises(s, borrower_id, today)
                for earlier in running:
                    earlier.status = "replaced"
                replaced = tuple(self._stored_promise(r) for r in running)
                row = models.Promise(
                    id=new_reference("C", today),
                    borrower_id=borrower_id,
                    amount=amount,
                    pay_on=pay_on,
                    promised_on=today,
                    status="open",
                    request_key=borrowers_key(borrower_id, request_key),
                    created_at=now,
                )
                s.add(row)
                s.flush()
                return PromiseOutcome(promise=self._stored_promise(row), replaced=replaced)
        except IntegrityError:
            with self.session() as s:
                existing = s.execute(
                    select(models.Promise).where(models.Promise.request_key == borrowers_key(borrower_id, request_key))
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
