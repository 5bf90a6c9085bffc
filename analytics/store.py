"""The analytics store: the few facts of each tracker event that the lender's report counts, each once.

Rasa's event broker publishes every tracker event as `{"sender_id": …, **event.as_dict()}`. The
store keeps one row per `user`, `bot` and `action` event (not `action_listen`), keyed by a digest
of sender id, timestamp, event type and name, so an event delivered twice is stored once. A row
holds only: a keyed digest of the sender id (the conversation), the time and the day (Asia/Shanghai),
the event type, the intent / response / action name, and for a bot event that reports a stored
record, which outcome it was and a keyed digest of the record's reference. Never message text,
entities, slot values, metadata or the input channel. The key is ANALYTICS_SALT (HMAC-SHA256).

How each figure is derived (the signal is the bot response an action sends only after the store
wrote the record; the `action` event alone is logged whatever the outcome, even when the action
failed, and every outcome resets the same slots, so neither can tell a stored record from a refusal):

- conversation: a conversation id with at least one `user` event that day (one borrower talking on
  two days counts on both).
- handoff: `utter_handoff_created` after `action_request_human` (uttered once the request is
  stored); once per `handoff_reference`, since asking again returns the open request.
- contained: a conversation of that day without any handoff that day.
- plan accepted: `utter_plan_accepted` after `action_submit_plan`; once per `plan_id` (a repeated
  confirmation returns the same plan).
- promise recorded: `utter_promise_recorded` after `action_submit_promise`; once per `promise_id`.
- complaint filed: `utter_complaint_next_steps` after `action_submit_complaint` (sent only once the
  ticket is filed); per event, since the ticket number is only in the composed text, which is not read.
- extension granted: `action_submit_extension` tells a granted extension in composed text, without a
  response name; every other outcome of it is a named response (a refusal, `utter_relief_cancelled`,
  `utter_need_verification`) or nothing. So: the first bot event after that action, with no
  response name. Per event.
- by intent: `parse_data.intent.name` of each `user` event.

"After the action" means: the latest `action` event of the conversation, with no `user` event since.
This relies on the queue's order (Rasa publishes a conversation's events in tracker order, one turn
at a time): run one consumer per queue.
"""

import hashlib
import hmac
import os
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    case,
    create_engine,
    exists,
    func,
    select,
)
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError

from analytics.events import COUNTED_EVENTS
from auth.mode import production
from rules.calendar import SHANGHAI

DEFAULT_URL = "sqlite:///var/analytics.db"
DEV_SALT = "dev-only-analytics-salt-not-for-production"
STORED, DUPLICATE, IGNORED = "stored", "duplicate", "ignored"
NO_INTENT = "(no intent)"
LATEST_TIMESTAMP = 32503680000  # 3000-01-01: anything later is not a time Rasa wrote


@dataclass(frozen=True)
class Signal:
    """A bot event that means a record was stored."""

    outcome: str
    action: str  # the action that sends it only after storing
    response: Optional[str]  # its response name; None for composed text
    reference: Optional[str] = None  # the response variable naming the stored record
    first_message_only: bool = False


SIGNALS = (
    Signal("handoff", "action_request_human", "utter_handoff_created", reference="handoff_reference"),
    Signal("plan_accepted", "action_submit_plan", "utter_plan_accepted", reference="plan_id"),
    Signal("promise_recorded", "action_submit_promise", "utter_promise_recorded", reference="promise_id"),
    Signal("complaint_filed", "action_submit_complaint", "utter_complaint_next_steps"),
    Signal("extension_granted", "action_submit_extension", None, first_message_only=True),
)

metadata = MetaData()

events = Table(
    "analytics_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # arrival order
    Column("event_key", String(64), nullable=False, unique=True),
    Column("conversation", String(64), nullable=False),
    Column("occurred_at", DateTime, nullable=False),  # UTC
    Column("day", Date, nullable=False),  # Asia/Shanghai
    Column("event", String(16), nullable=False),  # user | bot | action
    Column("name", String(128)),  # intent, response or action name
    Column("outcome", String(32)),
    Column("reference", String(64)),
    Column("repeated", Boolean, nullable=False, default=False),  # a reference already counted
    Index("ix_analytics_events_conversation", "conversation", "id"),
    Index("ix_analytics_events_day", "day", "event"),
)


# The consumer's statements, built once: building them per event (and their cache keys) was most of
# its CPU (docs/performance.md).
_STORED_BEFORE = select(events.c.id).where(events.c.event_key == bindparam("key"))
_COUNTED_BEFORE = (
    select(events.c.id)
    .where(events.c.outcome == bindparam("outcome"), events.c.reference == bindparam("reference"))
    .limit(1)
)
_LATEST_TURN = (
    select(events.c.id, events.c.event, events.c.name)
    .where(events.c.conversation == bindparam("conversation"), events.c.event.in_(("user", "action")))
    .order_by(events.c.id.desc())
    .limit(1)
)
_BOT_SINCE = (
    select(events.c.id)
    .where(
        events.c.conversation == bindparam("conversation"), events.c.event == "bot", events.c.id > bindparam("since")
    )
    .limit(1)
)
_INSERT = events.insert()


class MalformedEvent(ValueError):
    """A message that is not a tracker event as Rasa publishes it."""


@dataclass(frozen=True)
class DayFigures:
    day: date
    conversations: int
    contained: int
    handoffs: int
    plans_accepted: int
    extensions_granted: int
    promises_recorded: int
    complaints_filed: int


@dataclass(frozen=True)
class IntentFigures:
    intent: str
    messages: int
    conversations: int
    contained: int


def database_url() -> str:
    return os.environ.get("ANALYTICS_DATABASE_URL", "").strip() or DEFAULT_URL


def analytics_salt() -> str:
    salt = os.environ.get("ANALYTICS_SALT", "").strip()
    if production() and (len(salt) < 32 or salt == DEV_SALT):
        raise RuntimeError(
            "ANALYTICS_SALT must be a real secret (32+ characters) in production (ASSISTANT_ENV is not 'development')"
        )
    return salt or DEV_SALT


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            folder = os.path.dirname(url[len("sqlite:///") :].split("?")[0])
            if folder:
                os.makedirs(folder, exist_ok=True)
        connect_args: Dict[str, Any] = {"check_same_thread": False}
        if "timeout" not in make_url(url).query:  # a URL may ask for a shorter lock wait
            connect_args["timeout"] = 30
        engine = create_engine(url, future=True, connect_args=connect_args)
        _real_sqlite_transactions(engine)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def _real_sqlite_transactions(engine: Engine) -> None:
    """Python's sqlite3 begins a transaction only before a write, so the report's several reads
    could see the consumer's commits between them (more contained conversations than
    conversations, seen in the cluster test). SQLAlchemy's documented recipe: the driver leaves
    transactions alone and every unit of work begins with BEGIN, so a report reads one snapshot."""

    @sqlalchemy_event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @sqlalchemy_event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


def _timestamp(event: Mapping[str, Any]) -> float:
    value = event.get("timestamp")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < LATEST_TIMESTAMP:
        raise MalformedEvent("no timestamp in seconds since the epoch")
    return float(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _name(event: Mapping[str, Any]) -> Optional[str]:
    kind = event["event"]
    if kind == "user":
        name = _mapping(_mapping(event.get("parse_data")).get("intent")).get("name")
    elif kind == "bot":
        name = _mapping(event.get("metadata")).get("utter_action")
    else:
        name = event.get("name")
    return name[:128] if isinstance(name, str) and name else None


class AnalyticsStore:
    def __init__(self, url: Optional[str] = None, salt: Optional[str] = None) -> None:
        self.url = url or database_url()
        self.engine = _make_engine(self.url)
        self._salt = (salt or analytics_salt()).encode()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        with self.engine.begin() as connection:
            yield connection

    def create_schema(self) -> None:
        metadata.create_all(self.engine)

    def drop_schema(self) -> None:
        metadata.drop_all(self.engine)

    def digest(self, *parts: str) -> str:
        return hmac.new(self._salt, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()

    # Recording ------------------------------------------------------------------------------

    def record(self, event: Mapping[str, Any]) -> str:
        """Stores what the report needs of one published tracker event: STORED, DUPLICATE (this
        event was stored before) or IGNORED (a kind of event the report does not count)."""
        checked = self._checked(event)
        if checked == IGNORED:
            return IGNORED
        try:
            with self.connection() as c:
                return self._store(c, checked)
        except IntegrityError:  # stored meanwhile by another consumer
            return DUPLICATE

    def record_many(self, events: Sequence[Any]) -> List[Union[str, MalformedEvent]]:
        """`record` of each event, in order, in one transaction (one commit for a batch of
        messages); a malformed event's place holds its MalformedEvent."""
        checked: List[Any] = []
        for event in events:
            try:
                checked.append(self._checked(event))
            except MalformedEvent as why:
                checked.append(why)
        try:
            with self.connection() as c:
                return [self._store(c, item) if isinstance(item, dict) else item for item in checked]
        except IntegrityError:  # another consumer stored one of them meanwhile: one at a time
            return [
                self.record(event) if isinstance(item, dict) else item
                for event, item in zip(events, checked, strict=False)
            ]

    def _checked(self, event: Any) -> Union[str, Dict[str, Any]]:
        """IGNORED, or what `_store` needs of the event; MalformedEvent when it is no tracker event."""
        if not isinstance(event, Mapping):
            raise MalformedEvent("not a JSON object")
        kind, sender_id = event.get("event"), event.get("sender_id")
        if not isinstance(kind, str) or not isinstance(sender_id, str) or not sender_id:
            raise MalformedEvent("no event type or sender id")
        if kind not in COUNTED_EVENTS:
            return IGNORED
        timestamp, name = _timestamp(event), _name(event)
        if kind == "action" and (name is None or name == "action_listen"):
            return IGNORED
        return {
            "key": self.digest("event", sender_id, repr(timestamp), kind, name or ""),
            "conversation": self.digest("conversation", sender_id),
            "moment": datetime.fromtimestamp(timestamp, timezone.utc),
            "kind": kind,
            "name": name,
            "metadata": _mapping(event.get("metadata")),
        }

    def _store(self, c: Connection, e: Dict[str, Any]) -> str:
        if c.execute(_STORED_BEFORE, {"key": e["key"]}).first() is not None:
            return DUPLICATE
        outcome, reference = (
            self._outcome(c, e["conversation"], e["name"], e["metadata"]) if e["kind"] == "bot" else (None, None)
        )
        repeated = (
            reference is not None
            and c.execute(_COUNTED_BEFORE, {"outcome": outcome, "reference": reference}).first() is not None
        )
        moment = e["moment"]
        c.execute(
            _INSERT,
            {
                "event_key": e["key"],
                "conversation": e["conversation"],
                "occurred_at": moment.replace(tzinfo=None),
                "day": moment.astimezone(SHANGHAI).date(),
                "event": e["kind"],
                "name": e["name"],
                "outcome": outcome,
                "reference": reference,
                "repeated": repeated,
            },
        )
        return STORED

    def _outcome(
        self, c: Connection, conversation: str, response: Optional[str], meta: Mapping[str, Any]
    ) -> Tuple[Optional[str], Optional[str]]:
        """Which record this bot event reports as stored, and the digest of its reference."""
        last = c.execute(_LATEST_TURN, {"conversation": conversation}).first()
        if last is None or last.event != "action":
            return None, None
        for signal in SIGNALS:
            if signal.action != last.name or signal.response != response:
                continue
            if (
                signal.first_message_only
                and c.execute(_BOT_SINCE, {"conversation": conversation, "since": last.id}).first() is not None
            ):
                return None, None
            value = meta.get(signal.reference) if signal.reference else None
            reference = self.digest("reference", signal.outcome, str(value)) if value not in (None, "") else None
            return signal.outcome, reference
        return None, None

    # Figures ----------------------------------------------------------------------------------

    def span(self) -> Optional[Tuple[date, date]]:
        """The first and the last day with a stored event."""
        with self.connection() as c:
            first, last = c.execute(select(func.min(events.c.day), func.max(events.c.day))).one()
        return (first, last) if first is not None else None

    @staticmethod
    def _handed_off(conversation, day):
        handoffs = events.alias("handoffs")
        return exists().where(
            handoffs.c.outcome == "handoff", handoffs.c.conversation == conversation, handoffs.c.day == day
        )

    def daily(self, first: date, last: date) -> List[DayFigures]:
        """Every day from first to last, days without events included."""
        users = and_(events.c.event == "user", events.c.day.between(first, last))
        with self.connection() as c:
            conversations = dict(
                c.execute(
                    select(events.c.day, func.count(events.c.conversation.distinct()))
                    .where(users)
                    .group_by(events.c.day)
                ).all()
            )
            contained = dict(
                c.execute(
                    select(events.c.day, func.count(events.c.conversation.distinct()))
                    .where(users, ~self._handed_off(events.c.conversation, events.c.day))
                    .group_by(events.c.day)
                ).all()
            )
            outcomes: Dict[Tuple[date, str], int] = defaultdict(int)
            for day, outcome, count in c.execute(
                select(events.c.day, events.c.outcome, func.count())
                .where(events.c.outcome.isnot(None), events.c.repeated.is_(False), events.c.day.between(first, last))
                .group_by(events.c.day, events.c.outcome)
            ):
                outcomes[(day, outcome)] = count
        figures = []
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            figures.append(
                DayFigures(
                    day=day,
                    conversations=conversations.get(day, 0),
                    contained=contained.get(day, 0),
                    handoffs=outcomes[(day, "handoff")],
                    plans_accepted=outcomes[(day, "plan_accepted")],
                    extensions_granted=outcomes[(day, "extension_granted")],
                    promises_recorded=outcomes[(day, "promise_recorded")],
                    complaints_filed=outcomes[(day, "complaint_filed")],
                )
            )
        return figures

    def intents(self, first: date, last: date) -> List[IntentFigures]:
        """Per intent: messages, conversations (per day) that used it, and how many of those were
        contained; most used first."""
        visits = (
            select(events.c.name, events.c.conversation, events.c.day, func.count().label("messages"))
            .where(events.c.event == "user", events.c.day.between(first, last))
            .group_by(events.c.name, events.c.conversation, events.c.day)
            .subquery()
        )
        contained = func.sum(case((self._handed_off(visits.c.conversation, visits.c.day), 0), else_=1))
        with self.connection() as c:
            rows = c.execute(
                select(visits.c.name, func.sum(visits.c.messages), func.count(), contained).group_by(visits.c.name)
            ).all()
        figures = [
            IntentFigures(name or NO_INTENT, int(messages), int(count), int(kept))
            for name, messages, count, kept in rows
        ]
        return sorted(figures, key=lambda f: (-f.messages, f.intent))
