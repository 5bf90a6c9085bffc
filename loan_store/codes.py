"""One-time codes, the attempts against them and the lockouts."""

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Tuple

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from loan_store import models
from loan_store.base import StoreBase


@dataclass(frozen=True)
class Challenge:
    id: str
    borrower_id: Optional[str]
    code_digest: Optional[str]
    expires_at: datetime
    used_at: Optional[datetime]


class CodeStore(StoreBase):
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
