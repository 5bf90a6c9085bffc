"""Rate limits per conversation and per client address, for every channel of ours."""
import os
import time
from collections import defaultdict, deque
from typing import Deque, Dict

SLOW_DOWN = "您发送得有点快，请稍等片刻再发。如需帮助，也可以说“转人工”。"
# Every channel reads at most this much of a message, and no request body may be larger.
MAX_MESSAGE_CHARS = 2000
MAX_REQUEST_BYTES = 64 * 1024
WINDOW_SECONDS = 60.0


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


class RateLimiter:
    """A sliding window of message times per key."""

    def __init__(self, per_window: int, window: float = WINDOW_SECONDS) -> None:
        self.per_window, self.window = per_window, window
        self._seen: Dict[str, Deque[float]] = defaultdict(deque)

    def allow(self, key: str, now: float = None) -> bool:
        now = time.monotonic() if now is None else now
        times = self._seen[key]
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) >= self.per_window:
            return False
        times.append(now)
        if len(self._seen) > 200_000:  # forget idle keys
            for stale in [k for k, v in self._seen.items() if not v or now - v[-1] > self.window][:100_000]:
                del self._seen[stale]
        return True


class ChannelLimits:
    def __init__(self) -> None:
        self.conversations = RateLimiter(_limit("RATE_LIMIT_PER_CONVERSATION", 20))
        self.addresses = RateLimiter(_limit("RATE_LIMIT_PER_ADDRESS", 120))

    def allow(self, conversation: str, address: str) -> bool:
        return self.conversations.allow(f"c:{conversation}") and self.addresses.allow(f"a:{address}")
