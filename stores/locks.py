"""The lock store of endpoints.yml: Redis when LOCK_STORE_URL is set (redis://host:6379/1), in
memory otherwise (one Rasa process).

Rasa's RedisLockStore issues tickets by reading, changing and writing the lock back, so two
replicas taking a message of one conversation at the same moment can both be issued the first
ticket and both run. Here every read-change-write of a lock is one Lua script, which Redis runs
atomically: messages of one conversation are processed one after another on any number of
replicas, and a turn costs three round trips to Redis (issue, acquire, clean up) instead of eleven.
The lock is kept as Rasa keeps it (the JSON of `TicketLock.dumps`), so Rasa's own `get_lock` reads it.

A ticket is kept alive while its turn waits and runs (refreshed every third of its lifetime), so a
turn slower than the lifetime (an action call may take a minute) never lets the next message of the
conversation in beside it; a replica that dies stops refreshing, and its ticket runs out as before.
"""

import asyncio
import logging
import os
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.connection import parse_url

# Every script: KEYS[1] the lock, ARGV[1] now (the caller's clock, as Rasa's tickets use), ARGV[2]
# the conversation id. kept_tickets: the tickets that have not expired, but the one dropped.
_KEPT = """
local function kept_tickets(raw, now, drop)
  local kept, last = {}, -1
  if raw then
    local tickets = cjson.decode(raw).tickets
    if type(tickets) == 'table' then
      for _, text in ipairs(tickets) do
        local ticket = cjson.decode(text)
        if ticket.expires >= now and ticket.number ~= drop then
          kept[#kept + 1] = text
          last = ticket.number
        end
      end
    end
  end
  return kept, last
end
local function save(key, conversation_id, kept)
  local quoted = {}
  for i, text in ipairs(kept) do quoted[i] = cjson.encode(text) end
  redis.call('SET', key, '{"conversation_id": ' .. cjson.encode(conversation_id) ..
    ', "tickets": [' .. table.concat(quoted, ', ') .. ']}')
end
"""
# ARGV[3] the lifetime: the new ticket's number (Rasa: last issued + 1, or 0).
ISSUE = (
    _KEPT
    + """
local now = tonumber(ARGV[1])
local kept, last = kept_tickets(redis.call('GET', KEYS[1]), now, -1)
local number = last + 1
kept[#kept + 1] = '{"number": ' .. number .. ', "expires": ' .. string.format('%.6f', now + tonumber(ARGV[3])) .. '}'
save(KEYS[1], ARGV[2], kept)
return number
"""
)
# ARGV[3] the ticket served: dropped with the expired ones; no ticket left: the lock is deleted (Rasa's cleanup).
CLEANUP = (
    _KEPT
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local kept = kept_tickets(raw, tonumber(ARGV[1]), tonumber(ARGV[3]))
if #kept == 0 then redis.call('DEL', KEYS[1]) else save(KEYS[1], ARGV[2], kept) end
return #kept
"""
)
# Rasa's update_lock: expired tickets dropped, the lock kept even when empty.
UPDATE = (
    _KEPT
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local kept = kept_tickets(raw, tonumber(ARGV[1]), -1)
save(KEYS[1], ARGV[2], kept)
return #kept
"""
)


# ARGV[3] the ticket, ARGV[4] the lifetime: the ticket expires a lifetime from now (1 if it was there).
REFRESH = (
    _KEPT
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local now = tonumber(ARGV[1])
local kept = kept_tickets(raw, now, -1)
local found = 0
for i, text in ipairs(kept) do
  local ticket = cjson.decode(text)
  if ticket.number == tonumber(ARGV[3]) then
    kept[i] = '{"number": ' .. ticket.number .. ', "expires": ' .. string.format('%.6f', now + tonumber(ARGV[4])) .. '}'
    found = 1
  end
end
save(KEYS[1], ARGV[2], kept)
return found
"""
)
logger = logging.getLogger(__name__)


class SerialisedRedisLockStore(RedisLockStore):
    def __init__(self, url: str) -> None:
        parts = parse_url(url)
        super().__init__(
            host=parts.get("host", "localhost"),
            port=int(parts.get("port", 6379)),
            db=int(parts.get("db", 1)),
            username=parts.get("username"),
            password=parts.get("password"),
            key_prefix="huankuan",
        )
        self._issue = self.red.register_script(ISSUE)
        self._cleanup = self.red.register_script(CLEANUP)
        self._update = self.red.register_script(UPDATE)
        self._refresh = self.red.register_script(REFRESH)

    def refresh_ticket(self, conversation_id: Text, ticket: int, lifetime: float) -> bool:
        return bool(self._run(self._refresh, conversation_id, int(ticket), repr(float(lifetime))))

    def _run(self, script, conversation_id: Text, *args: Any) -> int:
        return int(script(keys=[self.key_prefix + conversation_id], args=[repr(time.time()), conversation_id, *args]))

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._run(self._issue, conversation_id, repr(float(lock_lifetime)))
        except Exception as error:  # as Rasa's issue_ticket reports it
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        self._run(self._update, conversation_id)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        self._run(self._cleanup, conversation_id, int(ticket_number))


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

    def refresh_ticket(self, conversation_id: Text, ticket: int, lifetime: float) -> bool:
        """The ticket expires a lifetime from now; False when it is no longer there."""
        if isinstance(self.inner, SerialisedRedisLockStore):
            return self.inner.refresh_ticket(conversation_id, ticket, lifetime)
        lock = self.inner.get_lock(conversation_id)
        mine = [t for t in (lock.tickets if lock else []) if t.number == ticket]
        for t in mine:
            t.expires = time.time() + lifetime
        if mine:
            self.inner.save_lock(lock)
        return bool(mine)

    async def _keep_alive(self, conversation_id: Text, ticket: int, lifetime: float) -> None:
        while True:
            await asyncio.sleep(max(lifetime / 3, 0.05))
            try:
                self.refresh_ticket(conversation_id, ticket, lifetime)
            except Exception as error:  # the lock store away: the turn goes on, the ticket may run out
                logger.warning("could not refresh a conversation lock: %s", type(error).__name__)

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's lock, with the ticket kept alive from issue to cleanup."""
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        keeper = asyncio.create_task(self._keep_alive(conversation_id, ticket, lock_lifetime))
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            keeper.cancel()
            self.cleanup(conversation_id, ticket)
