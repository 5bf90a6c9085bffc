"""Answers a channel could not deliver, and whether the borrower has been told."""

from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional

from sqlalchemy import select, update

from loan_store import models
from loan_store.base import StoreBase


@dataclass(frozen=True)
class UndeliveredAnswer:
    conversation_id: str
    channel: str
    errcode: int
    failed_at: datetime
    told_at: Optional[datetime]


class DeliveryStore(StoreBase):
    def record_undelivered(self, conversation_id: str, channel: str, errcode: int, now: datetime) -> None:
        with self.session() as s:
            s.add(
                models.UndeliveredAnswer(
                    conversation_id=conversation_id, channel=channel, errcode=errcode, failed_at=now
                )
            )

    def take_undelivered(self, conversation_id: str, now: datetime) -> int:
        """Marks every untold failure of a conversation told and says how many there were: one
        UPDATE, so two replicas answering at once tell the borrower once."""
        with self.session() as s:
            result = s.execute(
                update(models.UndeliveredAnswer)
                .where(
                    models.UndeliveredAnswer.conversation_id == conversation_id,
                    models.UndeliveredAnswer.told_at.is_(None),
                )
                .values(told_at=now)
                .execution_options(synchronize_session=False)
            )
            return result.rowcount

    def undelivered(self, conversation_id: str) -> List[UndeliveredAnswer]:
        with self.session() as s:
            query = (
                select(models.UndeliveredAnswer)
                .where(models.UndeliveredAnswer.conversation_id == conversation_id)
                .order_by(models.UndeliveredAnswer.id)
            )
            return [
                UndeliveredAnswer(r.conversation_id, r.channel, r.errcode, r.failed_at, r.told_at)
                for r in s.execute(query).scalars()
            ]
