"""Borrowers and their ledger: who they are, their openid binding, and the ledger every answer about money reads."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Iterable, List, Optional, Tuple

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from loan_store import models
from loan_store.base import StoreBase
from rules import ledger


@dataclass(frozen=True)
class BorrowerProfile:
    id: str
    name: str
    phone: str
    id_last4: str
    wechat_openid: Optional[str]


def borrower_with_ledger(s: Session, borrower_id: str, for_update: bool = False) -> Optional[models.Borrower]:
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


def ledger_of(row: models.Borrower) -> ledger.Ledger:
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
# an ORM session around it, cost more CPU than the database did (docs/performance.md).
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


class BorrowerStore(StoreBase):
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

    def ledger(self, borrower_id: str) -> Optional[ledger.Ledger]:
        """The borrower's loans, instalments and plans, read in one session: the ledger the ORM
        objects of `borrower_with_ledger` give (`ledger_of`), from plain rows, because every
        answer about money reads it (through the ORM it was most of the action server's time)."""
        with self.engine.connect() as c:
            return _ledger_read(c, borrower_id)
