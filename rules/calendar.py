"""What "today" is for the product (PRODUCT_TERMS "Money and dates"), and the two clocks: the
stores keep UTC without a zone (`utc_now`), borrowers are told Beijing time (`beijing_time`)."""

import os
from datetime import date, datetime, timedelta, timezone

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


def today() -> date:
    """ASSISTANT_TODAY when it holds an ISO date, else the date in Asia/Shanghai."""
    pinned = os.environ.get("ASSISTANT_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError as error:
            raise ValueError(f"ASSISTANT_TODAY must be an ISO date like 2026-11-20, not {pinned!r}") from error
    return datetime.now(SHANGHAI).date()


def chinese_date(day: date) -> str:
    """2026-11-20 → 2026年11月20日, the full date as borrowers read it."""
    return f"{day.year}年{day.month}月{day.day}日"


def utc_now() -> datetime:
    """Now, in UTC without a zone: how every stored moment is kept. With ASSISTANT_TODAY pinned it
    is that day at the present time of day in Asia/Shanghai, as the contact scheduler already
    reads it: a complaint or a handoff made in a demo gets the demo's today in its reference and
    due time, not a date weeks from the figures beside it."""
    real = datetime.now(timezone.utc)
    if not os.environ.get("ASSISTANT_TODAY", "").strip():
        return real.replace(tzinfo=None)
    local = real.astimezone(SHANGHAI)
    return datetime.combine(today(), local.timetz()).astimezone(timezone.utc).replace(tzinfo=None)


def beijing_time(stored: datetime) -> datetime:
    """A stored moment (UTC without a zone) as the borrower's clock shows it, still without a zone."""
    return stored.replace(tzinfo=timezone.utc).astimezone(SHANGHAI).replace(tzinfo=None)
