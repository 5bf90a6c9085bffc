"""The compliance check behind the contact report (issue #19, item 4): every logged contact judged by
the contact policy (rules/contact_policy.breaches, the same checks complaints are matched with) and
by the borrower's own settings as they stood at that moment — their chosen hours, their preferred
channel, the emergency contacts they had withdrawn, the channels an open complaint had paused.

How the settings are read (the planner's reading, rules/contact_plan.py): chosen hours and a
preferred channel are about contacting the borrower, so they judge contacts to the borrower; email is
a stored message, so hours do not apply to it. A borrower who prefers SMS or email is contacted that
way only, except for the WeChat due-date reminder they turned on. A paused "call" covers every call,
a paused "emergency_call" calls to emergency contacts.

Pure functions: no store, no clock. Every moment is local time (Asia/Shanghai), as in the contact log.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Dict, List, Optional, Sequence, Tuple

from rules.contact_plan import DUE_REMINDER, EMERGENCY, Settings
from rules.contact_policy import (
    BREACH_FREQUENCY,
    BREACH_HOURS,
    BREACH_REACHABLE,
    BREACH_TOO_EARLY,
    BREACH_UNAUTHORISED,
    UNREACHABLE_DAYS,
    ContactPerson,
    LoggedContact,
    breaches,
)
from rules.ledger import Ledger

BREACH_CHOSEN_HOURS = "outside_chosen_hours"
BREACH_CHANNEL = "not_preferred_channel"
BREACH_WITHDRAWN = "withdrawn_contact_called"
BREACH_PAUSED = "channel_paused_by_complaint"

# What the lender's staff read beside each rule id.
RULE_TEXT: Dict[str, str] = {
    BREACH_HOURS: "在 08:00–21:00 之外联系",
    BREACH_FREQUENCY: "同一天给借款人打电话超过 3 次",
    BREACH_UNAUTHORISED: "联系了借款人未授权的人",
    BREACH_TOO_EARLY: "逾期未满 30 天就联系了紧急联系人",
    BREACH_REACHABLE: "借款人前 7 天内联系得上，仍联系了紧急联系人",
    BREACH_CHOSEN_HOURS: "在借款人选择的时段之外联系",
    BREACH_CHANNEL: "没有按借款人选择的渠道联系",
    BREACH_WITHDRAWN: "借款人撤回授权后仍联系了该紧急联系人",
    BREACH_PAUSED: "投诉未答复期间仍使用被投诉的渠道联系",
}
RULES = tuple(RULE_TEXT)  # the order a contact's findings are listed in: the policy's own, then the settings'
CHANNELS = ("sms", "call", "email", "wechat")
CHANNEL_TEXT = {"sms": "短信", "call": "电话", "email": "邮件", "wechat": "微信", "webchat": "网页聊天"}
# Where the due-date reminders a borrower turned on may reach them whatever channel they prefer.
REMINDER_CHANNELS = ("wechat", "webchat")


@dataclass(frozen=True)
class SettingsChange:
    since: datetime
    settings: Settings  # as they stood after the change


@dataclass(frozen=True)
class ListedContact:
    """An emergency contact as the borrower listed them, and when they withdrew the authorisation."""

    name: str
    relation: str
    authorised: bool  # when listed (a withdrawn contact was authorised until withdrawn_at)
    withdrawn_at: Optional[datetime] = None


@dataclass(frozen=True)
class ChannelPause:
    """A channel an open complaint pauses, from the moment it was filed until it is answered."""

    channel: str  # sms, call, email, emergency_call
    since: datetime
    ticket: str
    until: Optional[datetime] = None  # None: not answered yet


@dataclass(frozen=True)
class ContactRecord:
    """All the report knows of one borrower: the log (from at least 7 days before the range, for
    the policy's look-back), the ledger, and the settings, contacts and pauses over time."""

    borrower_id: str
    ledger: Ledger
    log: Tuple[LoggedContact, ...]
    settings: Tuple[SettingsChange, ...] = ()
    contacts: Tuple[ListedContact, ...] = ()
    pauses: Tuple[ChannelPause, ...] = ()


@dataclass(frozen=True)
class Finding:
    contact: LoggedContact
    rule: str
    detail: str = ""

    @property
    def description(self) -> str:
        return RULE_TEXT[self.rule] + (f"（{self.detail}）" if self.detail else "")


def settings_at(history: Sequence[SettingsChange], moment: datetime) -> Settings:
    """The settings in force at `moment`: the last change made at or before it, else none chosen."""
    in_force = Settings()
    for change in sorted(history, key=lambda c: c.since):
        if change.since > moment:
            break
        in_force = change.settings
    return in_force


def look_back(first: date) -> date:
    """The first day of log the policy needs to judge contacts from `first` on."""
    return first - timedelta(days=UNREACHABLE_DAYS + 1)


def _by_settings(contact: LoggedContact, record: ContactRecord) -> List[Finding]:
    found: List[Finding] = []
    settings = settings_at(record.settings, contact.at)
    if contact.to == "borrower":
        chosen = settings.window_start is not None or settings.window_end is not None
        start, end = settings.window
        if chosen and contact.channel != "email" and not start <= contact.at.time() <= end:
            found.append(Finding(contact, BREACH_CHOSEN_HOURS, f"选择的时段 {start:%H:%M}–{end:%H:%M}"))
        preferred = settings.channel
        reminder_asked = contact.channel in REMINDER_CHANNELS and contact.purpose == DUE_REMINDER and settings.reminders
        # (calls only: an SMS is the channel refused — 不要发短信 短信我老婆会看到; the notices go by e-mail)
        refused = preferred == "call" and contact.channel == "sms"
        if ((preferred in ("sms", "email") and contact.channel != preferred) or refused) and not reminder_asked:
            found.append(
                Finding(
                    contact,
                    BREACH_CHANNEL,
                    f"选择了{CHANNEL_TEXT[preferred]}，实际用了{CHANNEL_TEXT.get(contact.channel, contact.channel)}",
                )
            )
    if contact.to == "emergency_contact":
        for person in record.contacts:
            if person.name == contact.contact_name and person.withdrawn_at and person.withdrawn_at <= contact.at:
                found.append(Finding(contact, BREACH_WITHDRAWN, f"{person.withdrawn_at:%Y-%m-%d %H:%M} 撤回"))
                break
    for pause in record.pauses:
        covers = pause.channel == contact.channel or (
            pause.channel == EMERGENCY and contact.channel == "call" and contact.to == "emergency_contact"
        )
        if covers and pause.since <= contact.at and (pause.until is None or contact.at < pause.until):
            found.append(Finding(contact, BREACH_PAUSED, f"投诉 {pause.ticket}"))
            break
    return found


def audit(record: ContactRecord, first: date, last: date) -> List[Finding]:
    """Every breach of the borrower's contacts made from `first` to `last` (days inclusive), by
    contact time, then in the order of RULES."""
    people = [ContactPerson(p.name, p.relation, p.authorised or p.withdrawn_at is not None) for p in record.contacts]
    found = [Finding(b.contact, b.rule) for b in breaches(record.ledger, record.log, people)]
    for contact in record.log:
        found += _by_settings(contact, record)
    in_range = [f for f in found if first <= f.contact.at.date() <= last]
    return sorted(in_range, key=lambda f: (f.contact.at, f.contact.id, RULES.index(f.rule)))


@dataclass(frozen=True)
class DayCount:
    day: date
    by_channel: Dict[str, int]  # every channel of CHANNELS, and any other seen
    breaches: int  # contacts that day with at least one breach


def per_day(contacts: Sequence[LoggedContact], findings: Sequence[Finding], first: date, last: date) -> List[DayCount]:
    """Contacts per day and channel from `first` to `last`, days without contacts included."""
    counts: Dict[date, Counter] = {}
    for contact in contacts:
        counts.setdefault(contact.at.date(), Counter())[contact.channel] += 1
    breached: Dict[date, set] = {}
    for finding in findings:
        breached.setdefault(finding.contact.at.date(), set()).add(finding.contact.id)
    seen = sorted({c for counter in counts.values() for c in counter} - set(CHANNELS))
    days = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        counter = counts.get(day, Counter())
        days.append(DayCount(day, {c: counter[c] for c in CHANNELS + tuple(seen)}, len(breached.get(day, ()))))
    return days
