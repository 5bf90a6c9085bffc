"""The lock store of endpoints.yml: Redis when LOCK_STORE_URL is set (redis://host:6379/1), in
memory otherwise (one Rasa process).

Rasa's RedisLockStore issues tickets by reading, changing and writing the lock back, so two
replicas taking a message of one conversation at the same moment can both be issued the first
ticket and both run. Every read-change-write here happens under a short Redis mutex (redis-py's
Lock), so messages of one conversation are processed one after another on any number of replicas.
"""
import os
from typing import Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.connection import parse_url

MUTEX_SECONDS = 10


class SerialisedRedisLockStore(RedisLockStore):
    def __init__(self, url: str) -> None:
        parts = parse_url(url)
        super().__init__(
            host=parts.get("host", "localhost"), port=int(parts.get("port", 6379)), db=int(parts.get("db", 1)),
            username=parts.get("username"), password=parts.get("password"), key_prefix="huankuan",
        )

    def _mutex(self, conversation_id: Text):
        return self.red.lock(f"{self.key_prefix}{conversation_id}:mutex", timeout=MUTEX_SECONDS, blocking_timeout=MUTEX_SECONDS)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)


class LockStoreFromEnv(LockStore):
    """Delegates to the store the environment names (Rasa builds custom lock stores by class)."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None) -> None:
        url = os.environ.get("LOCK_STORE_URL", "").strip()
        self.inner: LockStore = SerialisedRedisLockStore(url) if url else InMemoryLockStore()

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        return self.inner.get_lock(conversation_id)

    def delete_lock(self, conversation_id: Text) -> None:
        self.inner.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self.inner.save_lock(lock)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self.inner.issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        self.inner.update_lock(conversation_id)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        self.inner.cleanup(conversation_id, ticket_number)
