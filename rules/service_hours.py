"""When a person of the lender's service takes over a handoff (人工服务 9:00–21:00, Beijing)."""

from datetime import datetime

from rules.calendar import beijing_time

OPENS, CLOSES = 9, 21


def when_a_person_takes_over(now: datetime) -> str:
    """At 21:20 the borrower is told tomorrow from 9:00, not "as soon as possible"."""
    local = beijing_time(now)
    if OPENS <= local.hour < CLOSES:
        return "人工客服会在服务时间（每天 9:00–21:00）尽快接手"
    if local.hour >= CLOSES:
        return "现在已过人工服务时间（每天 9:00–21:00），人工客服明天 9:00 起会尽快接手"
    return "现在还不到人工服务时间（每天 9:00–21:00），人工客服今天 9:00 起会尽快接手"


def in_service_hours(now: datetime) -> bool:
    """Whether a person is at work now (Beijing time)."""
    return OPENS <= beijing_time(now).hour < CLOSES
