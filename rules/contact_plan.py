"""The contact planner (issue #19): for one borrower and one day, the contacts the lender makes under
PRODUCT_TERMS' contact policy, shaped by the borrower's own settings, by what they agreed (an open
promise, a plan, an extension) and by an open complaint about how they were contacted.

The policy: SMS 3 days before a due date; when overdue, SMS on days 1, 3 and 7, calls from day 3
(at most 3 a day), an email on day 15; emergency contacts only after 30 days, only when the
borrower could not be reached for the 7 days before, only those authorised, only to pass on a
message. Everything between 08:00 and 21:00, inside the borrower's own hours when they chose some.

How the borrower's settings shape it (our reading of "a preferred channel takes effect for every
later contact"): a borrower who prefers SMS or email gets every notice that way and no calls; one
who prefers calls, or names nothing, gets the policy as it stands. A borrower who turned reminders
on and bound WeChat gets the due-date reminder there instead of by SMS. An open promise pauses
every overdue contact until its date; an active plan's restructured instalments are not overdue
(the ledger says so); an extension moved the due dates (the ledger again). An open complaint about
contact pauses the channel it is about until it is answered.

Pure functions: no store, no clock. Times are local (Asia/Shanghai), as in the contact log.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import FrozenSet, List, Optional, Sequence, Tuple

from rules.contact_policy import (
    EMERGENCY_AFTER_DAYS,
    MAX_CALLS_A_DAY,
    UNREACHABLE_DAYS,
    WINDOW_END,
    WINDOW_START,
    LoggedContact,
    borrower_reached_before,
)
from rules.ledger import Ledger

REMINDER_DAYS_BEFORE = 3
OVERDUE_SMS_DAYS = (1, 3, 7)
CALLS_FROM_DAY = 3
EMAIL_DAY = 15
CHANNELS = ("sms", "call", "email")  # what a borrower may prefer
EMERGENCY = "emergency_call"  # what a complaint about third parties pauses

DUE_REMINDER = "due_reminder"
OVERDUE_NOTICE = "overdue_notice"
COLLECTION = "collection"
LOCATE = "locate_borrower"


@dataclass(frozen=True)
class Settings:
    """The borrower's contact settings on the day (PRODUCT_TERMS: hours, channel, reminders)."""

    window_start: Optional[time] = None
    window_end: Optional[time] = None
    channel: Optional[str] = None
    reminders: bool = False

    @property
    def window(self) -> Tuple[time, time]:
        """The hours contact may happen in: the borrower's, never outside the policy's."""
        start = max(self.window_start or WINDOW_START, WINDOW_START)
        end = min(self.window_end or WINDOW_END, WINDOW_END)
        return (start, end) if start < end else (WINDOW_START, WINDOW_END)


@dataclass(frozen=True)
class Person:
    """An emergency contact as the borrower left them: authorised and not withdrawn, or not."""

    name: str
    authorised: bool


@dataclass(frozen=True)
class OpenPromise:
    amount: Decimal
    promised_on: date
    pay_on: date


@dataclass(frozen=True)
class Situation:
    """Everything the planner knows of one borrower on a day."""

    borrower_id: str
    ledger: Ledger
    settings: Settings = field(default_factory=Settings)
    contacts: Tuple[Person, ...] = ()
    log: Tuple[LoggedContact, ...] = ()  # at least the last 8 days of the contact log
    promises: Tuple[OpenPromise, ...] = ()
    paused: FrozenSet[str] = frozenset()  # channels an open complaint is about (sms, call, email, emergency_call)
    wechat_bound: bool = False
    last_seen: Optional[datetime] = None  # when they last talked with the assistant, identified (local time)


@dataclass(frozen=True)
class PlannedContact:
    borrower_id: str
    at: datetime  # local time
    channel: str  # sms, call, email, wechat
    to: str  # borrower, emergency_contact
    purpose: str
    seq: int = 1  # the n-th of its kind that day
    contact_name: Optional[str] = None

    @property
    def key(self) -> str:
        """The same contact, however often the day is planned: what makes sending idempotent."""
        return "|".join(
            [self.borrower_id, self.at.date().isoformat(), self.channel, self.to, self.contact_name or "", self.purpose]
            + [str(self.seq)]
        )


def days_behind(ledger: Ledger, day: date) -> int:
    """How many days the oldest unpaid payment is past due: a loan instalment (one restructured into
    a plan is the plan's) or an instalment of an active plan."""
    days = 0
    for loan in ledger.loans:
        for row in loan.instalments:
            if row.plan_id is None and row.due_date < day and not row.is_settled:
                days = max(days, (day - row.due_date).days)
    for plan in ledger.plans:
        if plan.is_active:
            for row in plan.instalments:
                if row.paid_on is None and row.due_date < day:
                    days = max(days, (day - row.due_date).days)
    return days


def falls_due_on(ledger: Ledger, day: date) -> bool:
    loans = any(
        row.plan_id is None and row.due_date == day and not row.is_settled
        for loan in ledger.loans
        for row in loan.instalments
    )
    plans = any(
        plan.is_active and row.paid_on is None and row.due_date == day
        for plan in ledger.plans
        for row in plan.instalments
    )
    return loans or plans


def moments(day: date, window: Tuple[time, time], count: int) -> List[datetime]:
    """`count` moments spread evenly inside the window, on the minute."""
    start = datetime.combine(day, window[0])
    span = (datetime.combine(day, window[1]) - start).total_seconds()
    return [start + timedelta(minutes=int(span * (i + 1) / (count + 1) // 60)) for i in range(count)]


def _notice_channel(situation: Situation, policy_channel: str) -> Optional[str]:
    """The channel a written notice goes by: the preferred written channel (e-mail for a borrower who
    chose calls only), else the policy's; None when that channel is paused by a complaint."""
    preferred = situation.settings.channel
    # Calls only (只打电话 不要发短信 短信我老婆会看到): a written notice cannot be a call (calls only from day 3
    # overdue), and SMS was refused — it goes by e-mail (it went by SMS, and the forecast said so, h34b).
    channel = preferred if preferred in ("sms", "email") else "email" if preferred == "call" else policy_channel
    return None if channel in situation.paused else channel


def reminder_fallback(situation: Situation) -> Optional[str]:
    """The channel a WeChat due-date reminder goes by where WeChat cannot carry it: the borrower's
    written channel as for any notice; None when a complaint paused it (then it is not sent)."""
    return _notice_channel(situation, "sms")


def _calls_allowed(situation: Situation) -> bool:
    return situation.settings.channel not in ("sms", "email") and "call" not in situation.paused


def _promise_pauses(situation: Situation, day: date) -> bool:
    return any(p.promised_on <= day <= p.pay_on for p in situation.promises)


def plan_day(situation: Situation, day: date) -> List[PlannedContact]:
    """The contacts due for this borrower on this day, in time order."""
    window = situation.settings.window
    out: List[Tuple[str, str, str, Optional[str], int]] = []  # channel, to, purpose, name, seq
    if falls_due_on(situation.ledger, day + timedelta(days=REMINDER_DAYS_BEFORE)):
        if situation.settings.reminders and situation.wechat_bound:
            out.append(("wechat", "borrower", DUE_REMINDER, None, 1))
        else:
            channel = _notice_channel(situation, "sms")
            if channel:
                out.append((channel, "borrower", DUE_REMINDER, None, 1))
    behind = days_behind(situation.ledger, day)
    if behind > 0 and not _promise_pauses(situation, day):
        if behind in OVERDUE_SMS_DAYS:
            channel = _notice_channel(situation, "sms")
            if channel:
                out.append((channel, "borrower", OVERDUE_NOTICE, None, 1))
        if behind == EMAIL_DAY:
            channel = _notice_channel(situation, "email")
            if channel:
                out.append((channel, "borrower", OVERDUE_NOTICE, None, 1))
        if behind >= CALLS_FROM_DAY and _calls_allowed(situation):
            wanted = 1 if behind < EMAIL_DAY else 2 if behind <= EMERGENCY_AFTER_DAYS else MAX_CALLS_A_DAY
            made = sum(1 for c in situation.log if c.channel == "call" and c.to == "borrower" and c.at.date() == day)
            # Numbered after the calls already made today: a day run again plans only what is left.
            out += [
                ("call", "borrower", COLLECTION, None, made + n)
                for n in range(1, max(0, min(wanted, MAX_CALLS_A_DAY) - made) + 1)
            ]
        out += _emergency_call(situation, day, behind, window)
    times = moments(day, window, len(out)) if out else []
    return [
        PlannedContact(situation.borrower_id, at, channel, to, purpose, seq, name)
        for at, (channel, to, purpose, name, seq) in zip(times, out, strict=True)
    ]


def _emergency_call(
    situation: Situation, day: date, behind: int, window
) -> List[Tuple[str, str, str, Optional[str], int]]:
    """One call a week, to the first authorised contact, once the borrower is more than 30 days
    behind and was not reached in the 7 days before — asking them only to pass on a message."""
    if behind <= EMERGENCY_AFTER_DAYS or EMERGENCY in situation.paused or "call" in situation.paused:
        return []
    if situation.settings.channel in ("sms", "email"):
        return []
    start_of_day = datetime.combine(day, window[0])
    # Reached in the 7 days before any moment of the window — or earlier on this day itself (an
    # answered 08:00 message makes an evening call to their mother one the policy forbids; and an
    # answer at 10:00 seven days ago forbids a call at 09:48 today: both found by the property test).
    if borrower_reached_before(situation.log, datetime.combine(day, window[1])) or borrower_reached_before(
        situation.log, start_of_day
    ):
        return []
    seen = situation.last_seen
    if seen is not None and start_of_day - timedelta(days=UNREACHABLE_DAYS) <= seen < datetime.combine(day, window[1]):
        # Talking with the assistant is being reachable: their brother was to be called at 16:40 while
        # they were chatting (three conversations said so)
        return []
    since = start_of_day - timedelta(days=UNREACHABLE_DAYS)
    if any(c.to == "emergency_contact" and since <= c.at for c in situation.log):
        return []
    allowed = [p for p in situation.contacts if p.authorised]
    return [("call", "emergency_contact", LOCATE, allowed[0].name, 1)] if allowed else []


def plan_days(situation: Situation, first: date, days: int) -> List[PlannedContact]:
    """The contacts of several days ahead, assuming nothing changes (for "when will you contact me")."""
    return [c for offset in range(days) for c in plan_day(situation, first + timedelta(days=offset))]


def as_logged(planned: Sequence[PlannedContact], first_id: int = 1_000_000) -> List[LoggedContact]:
    """Planned contacts as the log will show them (what the policy's breach checks read)."""
    return [
        LoggedContact(first_id + i, c.at, "call" if c.channel == "call" else c.channel, c.to, c.purpose, c.contact_name)
        for i, c in enumerate(planned)
    ]
