"""One-time codes by SMS: 6 digits, valid 5 minutes; 5 wrong codes lock the phone for 30 minutes.

An unknown phone number is treated exactly like a known one from the outside (no account
enumeration): it gets a challenge, its wrong codes count, it can be locked; it just never verifies.
"""

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Optional

from auth.sms import SmsGateway
from auth.tokens import purpose_key
from loan_store.repository import Challenge, LoanStore
from rules.calendar import utc_now

CODE_TTL = timedelta(minutes=5)
MAX_WRONG_CODES = 5
LOCK_DURATION = timedelta(minutes=30)
# One client trying codes for many numbers: 20 wrong codes from one address lock it for 30 minutes.
MAX_WRONG_CODES_PER_CLIENT = int(os.environ.get("OTP_CLIENT_FAILURES", "20"))
# SMS costs money and can be used to harass someone: one code a minute per number, ten a day.
RESEND_AFTER = timedelta(seconds=int(os.environ.get("OTP_RESEND_SECONDS", "60")))
CODES_PER_DAY = int(os.environ.get("OTP_DAILY_CAP", "10"))


class CodeThrottled(Exception):
    """No new code now: `reason` is "too_soon" (wait `wait_seconds`) or "daily_cap"."""

    def __init__(self, reason: str, wait_seconds: int = 0) -> None:
        super().__init__(reason)
        self.reason, self.wait_seconds = reason, wait_seconds


@dataclass(frozen=True)
class CodeCheck:
    outcome: str  # "verified", "wrong", "expired", "locked", "unknown_challenge"
    borrower_id: Optional[str] = None
    attempts_left: int = 0
    locked_until: Optional[datetime] = None


class OtpService:
    def __init__(
        self,
        store: LoanStore,
        gateway: SmsGateway,
        clock: Callable[[], datetime] = utc_now,
        secret: Optional[str] = None,
    ) -> None:
        self.store, self.gateway, self.clock = store, gateway, clock
        self._secret = purpose_key("one-time codes", secret).encode()

    def _digest(self, kind: str, value: str) -> str:
        return hmac.new(self._secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()

    def locked_until(self, phone: str) -> Optional[datetime]:
        _, lock = self.store.guard(self._digest("phone", phone))
        return lock if lock is not None and lock > self.clock() else None

    def send_code(self, phone: str) -> str:
        """Starts a challenge for the phone and returns its id; the answer never tells whether
        the number is registered."""
        now = self.clock()
        phone_digest = self._digest("phone", phone)
        sent_today, last = self.store.codes_sent(phone_digest, now - timedelta(days=1))
        if last is not None and now - last < RESEND_AFTER:
            raise CodeThrottled("too_soon", int((RESEND_AFTER - (now - last)).total_seconds()) + 1)
        if sent_today >= CODES_PER_DAY:
            raise CodeThrottled("daily_cap")
        borrower = self.store.borrower_by_phone(phone)
        code = f"{secrets.randbelow(10 ** 6):06d}"
        challenge_id = self.store.save_challenge(
            phone_digest=phone_digest,
            borrower_id=borrower.id if borrower else None,
            code_digest=self._digest("code", code) if borrower else None,
            now=now,
            expires_at=now + CODE_TTL,
        )
        if borrower is not None:
            self.gateway.send(
                phone,
                f"【还款助手】您的验证码是{code}，5分钟内有效。请勿告诉任何人，工作人员不会索要验证码。",
                code,
            )
        return challenge_id

    def check_code(self, challenge_id: str, code: str, client: Optional[str] = None) -> CodeCheck:
        """`client`: the address (or WeChat openid) the channel saw the code come from."""
        found = self.store.challenge(challenge_id) if challenge_id else None
        if found is None:
            return CodeCheck("unknown_challenge")
        phone_digest, challenge = found
        now = self.clock()
        client_digest = self._digest("client", client) if client else None
        if client_digest is not None:
            _, client_lock = self.store.guard(client_digest)
            if client_lock is not None and client_lock > now:
                return CodeCheck("locked", locked_until=client_lock)
        result = self._check(phone_digest, challenge, challenge_id, code, now)
        if client_digest is not None and result.outcome in ("wrong", "locked"):
            _, client_lock = self.store.record_failed_code(
                client_digest, MAX_WRONG_CODES_PER_CLIENT, now + LOCK_DURATION, now
            )
            if client_lock is not None and result.outcome == "wrong":
                return CodeCheck("locked", locked_until=client_lock)
        return result

    def _check(self, phone_digest: str, challenge: Challenge, challenge_id: str, code: str, now: datetime) -> CodeCheck:
        attempts, lock = self.store.guard(phone_digest)
        if lock is not None and lock > now:
            return CodeCheck("locked", locked_until=lock)
        if lock is not None:
            attempts = 0
        if challenge.used_at is None and challenge.expires_at <= now:
            return CodeCheck("expired", attempts_left=MAX_WRONG_CODES - attempts)
        # Counted before it is compared: parallel guesses from many conversations each take a
        # place in the count, and none past the fifth is ever compared.
        attempts, lock = self.store.record_failed_code(phone_digest, MAX_WRONG_CODES, now + LOCK_DURATION, now)
        if attempts > MAX_WRONG_CODES:
            return CodeCheck("locked", locked_until=lock)
        right = (
            challenge.code_digest is not None
            and challenge.used_at is None
            and hmac.compare_digest(challenge.code_digest, self._digest("code", code or ""))
        )
        if right and self.store.mark_challenge_used(challenge_id, now):
            self.store.clear_guard(phone_digest)
            return CodeCheck("verified", borrower_id=challenge.borrower_id)
        if lock is not None:
            return CodeCheck("locked", locked_until=lock)
        return CodeCheck("wrong", attempts_left=MAX_WRONG_CODES - attempts)
