"""Documents issued to borrowers, their download links and the genuineness check.

A link is a random token (only its SHA-256 is stored): it expires, works once, and refuses a
request that shows the login of someone else — or, when it was issued in a logged-in conversation,
any request that does not show that borrower's login."""

import hashlib
import secrets
import string
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Optional

from sqlalchemy import select, update

from loan_store import models
from loan_store.base import StoreBase

LINK_TTL = timedelta(minutes=10)
# 8 characters of 32 (no 0/O/1/I): 40 bits, unguessable at the check endpoint's rate limit.
_REFERENCE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1I")


def new_document_reference(day: date) -> str:
    return f"D{day:%Y%m%d}" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class LinkRefused(str, Enum):
    UNKNOWN = "unknown"  # no such link (a typo, or made up)
    EXPIRED = "expired"
    USED = "used"
    NOT_YOURS = "not_yours"  # the login shown is someone else's, or none where one is needed


@dataclass(frozen=True)
class IssuedLink:
    token: str  # goes into the URL, never stored
    reference: str
    expires_at: datetime


@dataclass(frozen=True)
class Download:
    reference: str
    kind: str
    title: str
    pdf: Optional[bytes] = None
    refused: Optional[LinkRefused] = None


class DocumentStore(StoreBase):
    def issue_document(
        self,
        reference: str,
        borrower_id: str,
        kind: str,
        title: str,
        pdf: bytes,
        now: datetime,
        needs_login: bool,
    ) -> IssuedLink:
        """Stores the document as issued and one download link for it."""
        token = secrets.token_urlsafe(32)
        with self.session() as s:
            s.add(
                models.Document(
                    reference=reference,
                    borrower_id=borrower_id,
                    kind=kind,
                    title=title,
                    issued_at=now,
                    sha256=digest(pdf),
                    pdf=pdf,
                )
            )
            s.flush()
            s.add(
                models.DocumentLink(
                    token_digest=digest(token.encode()),
                    reference=reference,
                    borrower_id=borrower_id,
                    needs_login=needs_login,
                    created_at=now,
                    expires_at=now + LINK_TTL,
                )
            )
        return IssuedLink(token, reference, now + LINK_TTL)

    def redeem_link(self, token: str, now: datetime, shown_borrower: Optional[str]) -> Download:
        """The document behind a link, once. `shown_borrower` is whose login the request shows
        (None: none). A refused request uses nothing up: the borrower's own click still works."""
        key = digest((token or "").encode())
        with self.session() as s:
            link = s.get(models.DocumentLink, key)
            if link is None:
                return Download("", "", "", refused=LinkRefused.UNKNOWN)
            document = s.get(models.Document, link.reference)
            head = (document.reference, document.kind, document.title)
            if shown_borrower is not None and shown_borrower != link.borrower_id:
                return Download(*head, refused=LinkRefused.NOT_YOURS)
            if link.needs_login and shown_borrower is None:
                return Download(*head, refused=LinkRefused.NOT_YOURS)
            if link.used_at is not None:
                return Download(*head, refused=LinkRefused.USED)
            if now >= link.expires_at:
                return Download(*head, refused=LinkRefused.EXPIRED)
            # Whoever wins this update has the one download (two clicks at once: one PDF).
            taken = s.execute(
                update(models.DocumentLink)
                .where(models.DocumentLink.token_digest == key, models.DocumentLink.used_at.is_(None))
                .values(used_at=now)
            ).rowcount
            if taken != 1:
                return Download(*head, refused=LinkRefused.USED)
            return Download(*head, pdf=document.pdf)

    def is_genuine(self, reference: str) -> bool:
        with self.session() as s:
            return s.get(models.Document, (reference or "").strip().upper()) is not None

    def reference_of_pdf(self, pdf: bytes) -> Optional[str]:
        """The reference of the document with exactly these bytes, if we issued it."""
        with self.session() as s:
            return s.execute(
                select(models.Document.reference).where(models.Document.sha256 == digest(pdf))
            ).scalar_one_or_none()

    def documents_of(self, borrower_id: str) -> list:
        with self.session() as s:
            rows = s.execute(
                select(models.Document.reference, models.Document.kind, models.Document.issued_at)
                .where(models.Document.borrower_id == borrower_id)
                .order_by(models.Document.issued_at, models.Document.reference)
            ).all()
            return [tuple(r) for r in rows]
