"""The contact policy (PRODUCT_TERMS "How and when we contact borrowers") as checks over the log,
and the complaint rules (categories, urgency, due-by)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from rules.ledger import Ledger

WINDOW_START, WINDOW_END = time(8, 0), time(21, 0)
MAX_CALLS_A_DAY = 3
EMERGENCY_AFTER_DAYS = 30
UNREACHABLE_DAYS = 7

BREACH_HOURS = "outside_hours"
BREACH_FREQUENCY = "too_many_calls"
BREACH_TOO_EARLY = "emergency_contact_too_early"
BREACH_REACHABLE = "emergency_contact_while_reachable"
BREACH_UNAUTHORISED = "unauthorised_contact"

COMPLAINT_CATEGORIES = (
    "abusive_language",
    "threats",
    "third_party",
    "excessive_frequency",
    "outside_hours",
    "impersonation",
    "other",
)
URGENT_CATEGORIES = {"threats", "impersonation", "third_party"}


@dataclass(frozen=True)
class LoggedContact:
    id: int
    at: datetime  # local time, Asia/Shanghai
    channel: str  # sms, call, email
    to: str  # borrower, emergency_contact
    purpose: str
    contact_name: Optional[str] = None
    outcome: Optional[str] = None
    agent: Optional[str] = None


@dataclass(frozen=True)
class ContactPerson:
    name: str
    relation: str
    authorized: bool


@dataclass(frozen=True)
class Breach:
    contact: LoggedContact
    rule: str


def within_window(moment: datetime) -> bool:
    return WINDOW_START <= moment.time() <= WINDOW_END


def days_overdue_on(ledger: Ledger, day: date) -> int:
    """How many days overdue the borrower was on a past day, from due and paid-on dates. An
    instalment still not settled was unpaid then too, whatever its paid_on (a part payment's date)."""
    days = 0
    for loan in ledger.loans:
        for inst in loan.instalments:
            unpaid_then = inst.paid_on is None or inst.paid_on >= day or not inst.is_settled
            if inst.due_date < day and unpaid_then:
                days = max(days, (day - inst.due_date).days)
    return days


def borrower_reached_before(log: Sequence[LoggedContact], moment: datetime) -> bool:
    """Whether the borrower answered us in the 7 days before `moment`."""
    since = moment - timedelta(days=UNREACHABLE_DAYS)
    return any(c.to == "borrower" and c.outcome == "answered" and since <= c.at < moment for c in log)


def breaches(ledger: Ledger, log: Sequence[LoggedContact], contacts: Sequence[ContactPerson]) -> List[Breach]:
    """Every logged contact that broke the policy, with the rule it broke (a contact may break several)."""
    found: List[Breach] = []
    calls_per_day = Counter(c.at.date() for c in log if c.channel == "call" and c.to == "borrower")
    counted_days = set()
    people: Dict[str, ContactPerson] = {p.name: p for p in contacts}
    for contact in sorted(log, key=lambda c: c.at):
        if contact.channel in ("call", "sms") and not within_window(contact.at):
            found.append(Breach(contact, BREACH_HOURS))
        if (
            contact.channel == "call"
            and contact.to == "borrower"
            and calls_per_day[contact.at.date()] > MAX_CALLS_A_DAY
        ):
            if contact.at.date() not in counted_days:
                counted_days.add(contact.at.date())
                found.append(Breach(contact, BREACH_FREQUENCY))
        if contact.to == "emergency_contact":
            person = people.get(contact.contact_name or "")
            if person is None or not person.authorized:
                found.append(Breach(contact, BREACH_UNAUTHORISED))
            if days_overdue_on(ledger, contact.at.date()) <= EMERGENCY_AFTER_DAYS:
                found.append(Breach(contact, BREACH_TOO_EARLY))
            if borrower_reached_before(log, contact.at):
                found.append(Breach(contact, BREACH_REACHABLE))
    return found


@dataclass(frozen=True)
class ChannelHistory:
    channel: str
    count: int
    last: Optional[LoggedContact]


# A call task the contact engine queued for an agent is not a call made until the agent logs it:
# the borrower's history ("how often did you call me") counts only contacts that happened.
NOT_MADE = frozenset({"queued"})


def history_to_borrower(log: Iterable[LoggedContact]) -> List[ChannelHistory]:
    by_channel: Dict[str, List[LoggedContact]] = {"sms": [], "call": [], "email": []}
    for contact in log:
        if contact.to == "borrower" and contact.outcome not in NOT_MADE:
            by_channel.setdefault(contact.channel, []).append(contact)
    return [
        ChannelHistory(channel, len(items), max(items, key=lambda c: c.at) if items else None)
        for channel, items in by_channel.items()
    ]


def emergency_contacts_reached(log: Iterable[LoggedContact]) -> List[LoggedContact]:
    return sorted((c for c in log if c.to == "emergency_contact" and c.outcome not in NOT_MADE), key=lambda c: c.at)


def complaint_urgency(category: str) -> Tuple[str, timedelta]:
    """Urgent (2 hours) for threats, impersonation or disclosure to third parties; else 24 hours."""
    if category in URGENT_CATEGORIES:
        return "urgent", timedelta(hours=2)
    return "normal", timedelta(hours=24)


def preferred_hours_valid(start: time, end: time) -> bool:
    return WINDOW_START <= start < end <= WINDOW_END
