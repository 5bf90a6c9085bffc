"""Access from the actions to the ground layer: one store per process, blocking work off the loop."""

import asyncio
import functools
from typing import Any, Callable, TypeVar

from auth.otp import OtpService
from auth.sms import OutboxGateway
from loan_store.repository import LoanStore

T = TypeVar("T")


@functools.lru_cache(maxsize=1)
def loan_store() -> LoanStore:
    # The engine (a connection pool) is shared; each repository call opens its own session.
    return LoanStore()


@functools.lru_cache(maxsize=1)
def otp_service() -> OtpService:
    return OtpService(loan_store(), OutboxGateway())


async def in_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Runs a blocking store or gateway call in a worker thread, keeping the event loop free."""
    return await asyncio.to_thread(function, *args, **kwargs)
