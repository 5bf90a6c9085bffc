"""Handoff requests to a human."""

from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional

from sqlalchemy import select

from loan_store import models
from loan_store.base import StoreBase, new_reference


@dataclass(frozen=True)
class HandoffTicket:
    reference: str
    conversation_id: str
    borrower_id: Optional[str]
    summary: str
    status: str
    created_at: datetime
    urgent: bool = False


def _ticket(r: models.HandoffRequest) -> HandoffTicket:
    return HandoffTicket(
        r.reference, r.conversation_id, r.borrower_id, r.summary, r.status, r.created_at, bool(r.urgent)
    )


NOTE_MARK = "；本人留言："


def with_earlier_notes(summary: str, earlier: str) -> str:
    """A summary made again for a ticket already open keeps what the borrower said with the earlier
    requests (转人工 我想一次性了结, then 让客服下午2点后打给我: both are the agent's to read)."""
    if NOTE_MARK not in earlier:
        return summary
    kept = earlier.split(NOTE_MARK, 1)[1]
    if NOTE_MARK not in summary:
        return summary + NOTE_MARK + kept
    base, new = summary.split(NOTE_MARK, 1)
    return summary if new in kept.split("／") else base + NOTE_MARK + kept + "／" + new


def _open_of(conversation_id: str):
    """The open requests of a conversation (a query to narrow and order)."""
    return select(models.HandoffRequest).where(
        models.HandoffRequest.conversation_id == conversation_id, models.HandoffRequest.status == "open"
    )


class HandoffStore(StoreBase):
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
                s.execute(_open_of(conversation_id).where(who).order_by(models.HandoffRequest.id)).scalars().first()
            )
            if existing is not None:
                if borrower_id and not existing.borrower_id:
                    existing.borrower_id = borrower_id
                existing.summary = with_earlier_notes(summary, existing.summary)
                existing.urgent = bool(existing.urgent or urgent)
                row = existing
            else:
                row = models.HandoffRequest(
                    reference=new_reference("H", now),
                    conversation_id=conversation_id,
                    borrower_id=borrower_id,
                    summary=summary,
                    status="open",
                    created_at=now,
                    urgent=urgent,
                )
                s.add(row)
            s.flush()
            return _ticket(row)

    def add_handoff_note(self, conversation_id: str, note: str) -> Optional[HandoffTicket]:
        """我晚上8点以后才方便, said right after the request: added to the conversation's open ticket
        (the latest), not made a ticket of its own. None when no ticket is open."""
        with self.session() as s:
            row = s.execute(_open_of(conversation_id).order_by(models.HandoffRequest.id.desc())).scalars().first()
            if row is None:
                return None
            row.summary = with_earlier_notes(row.summary.split(NOTE_MARK, 1)[0] + NOTE_MARK + note, row.summary)
            s.flush()
            return _ticket(row)

    def withdraw_handoffs(self, conversation_id: str) -> List[str]:
        """算了 取消人工吧: the conversation's open requests are withdrawn (an urgent one, made on a
        sign of crisis, stays open: a person still checks in). The references withdrawn."""
        with self.session() as s:
            rows = s.execute(
                select(models.HandoffRequest).where(
                    models.HandoffRequest.conversation_id == conversation_id,
                    models.HandoffRequest.status == "open",
                    models.HandoffRequest.urgent.is_(False),
                )
            ).scalars()
            withdrawn = []
            for row in rows:
                row.status = "withdrawn"
                withdrawn.append(row.reference)
            return withdrawn

    def handoffs_of(self, borrower_id: str) -> List[HandoffTicket]:
        """A borrower's own handoff requests, oldest first (whatever conversation they came from)."""
        with self.session() as s:
            query = (
                select(models.HandoffRequest)
                .where(models.HandoffRequest.borrower_id == borrower_id)
                .order_by(models.HandoffRequest.id)
            )
            return [_ticket(r) for r in s.execute(query).scalars()]

    def handoffs(self, conversation_id: Optional[str] = None) -> List[HandoffTicket]:
        with self.session() as s:
            query = select(models.HandoffRequest).order_by(models.HandoffRequest.id)
            if conversation_id is not None:
                query = query.where(models.HandoffRequest.conversation_id == conversation_id)
            return [_ticket(r) for r in s.execute(query).scalars()]
