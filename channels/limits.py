"""Rate limits per conversation and per client address, for every channel of ours.

With REDIS_URL set the counts are kept in Redis, so every replica counts against the same limit
(a fixed one-minute window, INCR + EXPIRE; the `limits` library would need packaging ≥ 21, which
Rasa 3.6 refuses); in memory otherwise. The client address is the connecting one, or, when that is a
trusted proxy (TRUSTED_PROXIES, loopback by default: our nginx), the last address before the
proxies in X-Forwarded-For. WeChat is limited per openid (its requests all come from Tencent)."""

import ipaddress
import logging
import os
import time
from collections import defaultdict, deque
from typing import Deque, Dict, Optional

SLOW_DOWN = "您发送得有点快，请稍等片刻再发。如需帮助，也可以说“转人工”。"
# Every channel reads at most this much of a message, and no request body may be larger.
MAX_MESSAGE_CHARS = 2000
MAX_REQUEST_BYTES = 64 * 1024
WINDOW_SECONDS = 60.0


def env_limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


class RateLimiter:
    """A sliding window of message times per key."""

    def __init__(self, per_window: int, window: float = WINDOW_SECONDS) -> None:
        self.per_window, self.window = per_window, window
        self._seen: Dict[str, Deque[float]] = defaultdict(deque)

    MAX_KEYS = 200_000

    def allow(self, key: str, now: float = None) -> bool:
        now = time.monotonic() if now is None else now
        if len(self._seen) > self.MAX_KEYS:  # bounded, whether the keys were let through or refused
            self._forget_idle(now)
        times = self._seen[key]
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) >= self.per_window:
            return False
        times.append(now)
        return True

    def _forget_idle(self, now: float) -> None:
        """Keys with nothing in the window go; if every key is busy, the oldest half goes."""
        idle = [k for k, v in self._seen.items() if not v or now - v[-1] > self.window]
        if len(idle) < len(self._seen) // 2:
            idle = sorted(self._seen, key=lambda k: self._seen[k][-1] if self._seen[k] else 0)[: len(self._seen) // 2]
        for stale in idle:
            del self._seen[stale]


logger = logging.getLogger(__name__)


class SharedWindow:
    """At most `per_window` per key in each window, counted in Redis across replicas."""

    def __init__(self, redis_url: str, per_window: int, kind: str, window: float = WINDOW_SECONDS) -> None:
        import redis

        self.red = redis.Redis.from_url(redis_url, socket_timeout=2)
        self.per_window, self.kind, self.window = per_window, kind, int(window)

    def allow(self, key: str, now: float = None) -> bool:
        now = time.time() if now is None else now
        bucket = f"huankuan:rate:{self.kind}:{key}:{int(now // self.window)}"
        try:
            pipe = self.red.pipeline()
            pipe.incr(bucket)
            pipe.expire(bucket, self.window * 2)
            count = pipe.execute()[0]
        except Exception as error:  # Redis away: the messages go through rather than nobody's
            logger.warning("rate limit store unavailable: %s", type(error).__name__)
            return True
        return int(count) <= self.per_window


def trusted_proxies() -> list:
    configured = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")
    return [ipaddress.ip_network(p.strip(), strict=False) for p in configured.split(",") if p.strip()]


def _trusted(address: str, proxies: list) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(connecting: Optional[str], forwarded_for: Optional[str] = None) -> str:
    """Who is really asking: the connecting address, or behind trusted proxies the last address in
    X-Forwarded-For that is not one of them (the ones before it are the client's own to choose)."""
    connecting = (connecting or "").strip() or "unknown"
    proxies = trusted_proxies()
    if not forwarded_for or not _trusted(connecting, proxies):
        return connecting
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if not _trusted(hop, proxies):
            return hop
    return connecting


class ChannelLimits:
    def __init__(self) -> None:
        redis_url = os.environ.get("REDIS_URL", "").strip()
        per_conversation = env_limit("RATE_LIMIT_PER_CONVERSATION", 20)
        per_address = env_limit("RATE_LIMIT_PER_ADDRESS", 120)
        if redis_url:
            self.conversations = SharedWindow(redis_url, per_conversation, "c")
            self.addresses = SharedWindow(redis_url, per_address, "a")
        else:
            self.conversations = RateLimiter(per_conversation)
            self.addresses = RateLimiter(per_address)

    def allow(self, conversation: str, address: str) -> bool:
        return self.conversations.allow(f"c:{conversation}") and self.addresses.allow(f"a:{address}")
