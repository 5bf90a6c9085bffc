"""The tracker store of endpoints.yml.

TRACKER_STORE_URL (an SQLAlchemy URL: postgresql://user@host:5432/db, sqlite:///var/tracker.db)
selects Rasa's SQL tracker store; without it conversations live in memory, which production mode
(ASSISTANT_ENV=production) refuses, because a restart would lose them. Whatever the store, what it
keeps and what it publishes to the event broker is redacted (auth/redaction.py): the store sees
stored events, the running conversation sees live ones.
"""

import itertools
import json
import os
from typing import Any, Dict, Iterable, List, Optional, Text

import sqlalchemy
import sqlalchemy.orm
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import (
    POSTGRESQL_SCHEMA,
    InMemoryTrackerStore,
    SQLTrackerStore,
    TrackerStore,
    create_engine_kwargs,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import make_url

from auth.redaction import ENCRYPTED_SLOTS, decrypt_value, stored_event
from auth.tokens import production
from rasa_patches import turn_failures

STORED_EVENTS = "_huankuan_stored_events"  # on a tracker: how many of its events are stored


def sql_store_arguments(url: str) -> Dict[str, Any]:
    """Rasa's SQLTrackerStore takes the parts of a URL, not the URL."""
    parsed = make_url(url)
    arguments: Dict[str, Any] = {"dialect": parsed.drivername, "db": parsed.database or "rasa.db"}
    if parsed.host:
        arguments.update(host=parsed.host, port=parsed.port, username=parsed.username, password=parsed.password)
    if parsed.drivername.startswith("postgresql"):
        arguments["login_db"] = "postgres"  # creates the tracker database when it is missing
    if parsed.query:
        arguments["query"] = dict(parsed.query)
    return arguments


def _checked_connections(store: SQLTrackerStore) -> None:
    """Rasa's engine hands out pooled connections unchecked: after a database restart every one of
    them fails once. Ours checks each connection before use, so the store recovers by itself."""
    engine_url = store.engine.url
    store.engine.dispose()
    store.engine = sqlalchemy.create_engine(engine_url, pool_pre_ping=True, **create_engine_kwargs(engine_url))
    store.sessionmaker = sqlalchemy.orm.session.sessionmaker(bind=store.engine)


_EVENTS = SQLTrackerStore.SQLEvent.__table__
# Rasa's `_event_query`, built once: building it through the ORM for every retrieve (a subquery, its
# column proxies, the cache key) and opening an ORM session cost more CPU than reading the rows did.
_SESSION_START = (
    sqlalchemy.select(sqlalchemy.func.max(_EVENTS.c.timestamp))
    .where(_EVENTS.c.sender_id == sqlalchemy.bindparam("sender_id"), _EVENTS.c.type_name == SessionStarted.type_name)
    .scalar_subquery()
)
_ALL_SESSIONS = (
    sqlalchemy.select(_EVENTS.c.data)
    .where(_EVENTS.c.sender_id == sqlalchemy.bindparam("sender_id"))
    .order_by(_EVENTS.c.id)
)
# Events from the latest `SessionStarted` on, or all of them when there is none (as Rasa's query).
_LAST_SESSION = _ALL_SESSIONS.where(sqlalchemy.or_(_EVENTS.c.timestamp >= _SESSION_START, _SESSION_START.is_(None)))
_LAST_SESSION_COUNT = sqlalchemy.select(sqlalchemy.func.count()).select_from(_LAST_SESSION.subquery())
_INSERT = _EVENTS.insert()


class TurnSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, same table, same rows, written a turn at a time: Rasa's `save`
    counted the conversation's stored events with a query and built an ORM object per event — `PrivateTrackerStore` knows which events are new
    (the count it handed out) and `insert` writes them in one INSERT. Reading runs Rasa's query,
    built once, on a plain connection, and takes only the events' JSON."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if os.environ.get(POSTGRESQL_SCHEMA):
            with self.session_scope():  # Rasa's check that the schema exists, once instead of per session
                pass

    def stored_count(self, sender_id: Text) -> int:
        """How many events of the conversation's last session are stored (Rasa's count)."""
        with self.engine.connect() as connection:
            return connection.execute(_LAST_SESSION_COUNT, {"sender_id": sender_id}).scalar_one()

    def insert(self, sender_id: Text, events: List[Dict[str, Any]]) -> None:
        """Stores these events (`Event.as_dict()`s) after the conversation's others, in the rows
        Rasa's `save` writes."""
        if not events:
            return
        rows = [
            {
                "sender_id": sender_id,
                "type_name": data["event"],
                "timestamp": data.get("timestamp"),
                "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                "action_name": data.get("name"),
                "data": json.dumps(data),
            }
            for data in events
        ]
        with self.engine.begin() as connection:
            connection.execute(_INSERT, rows)

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        query = _ALL_SESSIONS if fetch_events_from_all_sessions else _LAST_SESSION
        with self.engine.connect() as connection:
            events = [json.loads(data) for data in connection.execute(query, {"sender_id": sender_id}).scalars()]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None


class PrivateTrackerStore(TrackerStore):
    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[Text] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        url = os.environ.get("TRACKER_STORE_URL", "").strip()
        if url:
            self.inner: TrackerStore = TurnSQLTrackerStore(domain=domain, **sql_store_arguments(url))
            _checked_connections(self.inner)
        elif production():
            raise RasaException("production mode needs a persistent tracker store: set TRACKER_STORE_URL")
        else:
            self.inner = InMemoryTrackerStore(domain)
        super().__init__(domain, None, **kwargs)
        self.broker = event_broker  # ours publishes what it stored (redacted), after storing it

    @property
    def domain(self) -> Domain:
        return self.inner.domain

    @domain.setter
    def domain(self, domain: Optional[Domain]) -> None:
        if hasattr(self, "inner"):
            self.inner.domain = domain or Domain.empty()

    def _stored(self, tracker: DialogueStateTracker) -> DialogueStateTracker:
        """The tracker as the store may keep it. Stores only read a tracker's events, so the
        redacted events are put in a new tracker as they are, without replaying them; an event
        that redaction leaves alone is kept as it is."""
        events = []
        for event in tracker.events:
            data = event.as_dict()
            redacted = stored_event(data)
            events.append(event if redacted == data else Event.from_parameters(redacted))
        stored = DialogueStateTracker(
            tracker.sender_id, self.domain.slots, max_event_history=tracker._max_event_history
        )
        stored.events = stored._create_events(events)
        return stored

    @staticmethod
    def _opened(tracker: Optional[DialogueStateTracker]) -> Optional[DialogueStateTracker]:
        """The stored tracker as the running conversation needs it: encrypted slot values opened
        in its events and in its slots (the store has just replayed the events; no second replay)."""
        if tracker is None:
            return None
        for event in tracker.events:
            if isinstance(event, SlotSet) and event.key in ENCRYPTED_SLOTS:
                event.value = decrypt_value(event.value)
        for name in ENCRYPTED_SLOTS:
            slot = tracker.slots.get(name)
            if slot is not None and slot.value is not None:
                slot.value = decrypt_value(slot.value)
        return tracker

    @staticmethod
    def _stored_data(event: Event) -> Dict[str, Any]:
        """One event as the store keeps it: what `_stored` gives the inner store, as it writes it."""
        data = event.as_dict()
        redacted = stored_event(data)
        return data if redacted == data else Event.from_parameters(redacted).as_dict()

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await self._save(tracker)
        except Exception:  # Rasa's fail-safe wrapper logs it and goes on in memory; the turn's channel is told
            turn_failures.note(turn_failures.STORE)
            raise

    async def _save(self, tracker: DialogueStateTracker) -> None:
        known = getattr(tracker, STORED_EVENTS, None)
        if isinstance(self.inner, TurnSQLTrackerStore):
            if known is None:  # not handed out by this store (Rasa's fail-safe wrapper creates new ones)
                known = self.inner.stored_count(tracker.sender_id)
            # The SQL store only adds the events after the stored ones: only those are redacted.
            new = [self._stored_data(event) for event in itertools.islice(tracker.events, known, None)]
            self.inner.insert(tracker.sender_id, new)
            if self.broker is not None:
                for data in new:  # the body Rasa's stores publish
                    self.broker.publish({"sender_id": tracker.sender_id, **data})
            setattr(tracker, STORED_EVENTS, len(tracker.events))
            return
        stored = self._stored(tracker)
        if self.broker is not None and known is None:  # a tracker this store did not hand out
            before = await self.inner.retrieve(tracker.sender_id)
            known = len(before.events) if before else 0
        await self.inner.save(stored)
        if self.broker is not None:
            # Rasa's stores find the new events by retrieving (and replaying) the conversation again;
            # the lock store keeps one turn of a conversation at a time, so the count taken when
            # this tracker was handed out tells which events are new.
            await self._stream_new_events(self.broker, list(stored.events)[known:], tracker.sender_id)
        setattr(tracker, STORED_EVENTS, len(tracker.events))

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        try:
            return self._handed_out(self._opened(await self.inner.retrieve(sender_id)))
        except Exception:
            turn_failures.note(turn_failures.STORE)
            raise

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        try:
            return self._opened(await self.inner.retrieve_full_tracker(conversation_id))
        except Exception:
            turn_failures.note(turn_failures.STORE)
            raise

    @staticmethod
    def _handed_out(tracker: Optional[DialogueStateTracker]) -> Optional[DialogueStateTracker]:
        if tracker is not None:
            setattr(tracker, STORED_EVENTS, len(tracker.events))
        return tracker

    async def keys(self) -> Iterable[Text]:
        return await self.inner.keys()
