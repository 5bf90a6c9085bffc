"""The async load generator: whole conversations over the REST webhook, closed-loop at a fixed
number of concurrent conversations, or open-loop at a constant message rate."""

import asyncio
import itertools
import math
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

import aiohttp
import numpy


@dataclass(frozen=True)
class Message:
    text: str
    expect: str  # a piece of the right answer; a reply without it counts as an error


@dataclass(frozen=True)
class Script:
    """One borrower's (or the stock bot's user's) conversation, message after message."""

    messages: Sequence[Message]
    metadata: Callable[[], Optional[dict]] = lambda: None


@dataclass
class Turn:
    started: float
    ended: float
    ok: bool
    error: str = ""
    reply: str = ""  # what came back, kept for an error
    scheduled: Optional[float] = None  # open loop: when the message was due

    @property
    def seconds(self) -> float:
        return self.ended - self.started


@dataclass
class TurnLog:
    turns: List[Turn] = field(default_factory=list)
    errors: Dict[str, int] = field(default_factory=dict)
    lateness: List[float] = field(default_factory=list)  # open loop: actual send − scheduled send
    examples: Dict[str, str] = field(default_factory=dict)  # the first reply of each kind of error

    def add(self, turn: Turn) -> None:
        self.turns.append(turn)
        if not turn.ok:
            self.errors[turn.error] = self.errors.get(turn.error, 0) + 1
            self.examples.setdefault(turn.error, turn.reply[:300])


def latency_summary(seconds: Sequence[float]) -> Dict[str, Optional[float]]:
    if not seconds:
        return {"p50": None, "p95": None, "p99": None, "mean": None, "max": None, "n": 0}
    ms = numpy.asarray(seconds) * 1000.0
    return {
        "p50": round(float(numpy.percentile(ms, 50)), 1),
        "p95": round(float(numpy.percentile(ms, 95)), 1),
        "p99": round(float(numpy.percentile(ms, 99)), 1),
        "mean": round(float(ms.mean()), 1),
        "max": round(float(ms.max()), 1),
        "n": int(ms.size),
    }


def reply_text(replies) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies if isinstance(r, dict))


async def send(
    session: aiohttp.ClientSession, url: str, sender: str, message: Message, metadata: Optional[dict], timeout: float
) -> Turn:
    body = {"sender": sender, "message": message.text}
    if metadata is not None:
        body["metadata"] = metadata
    started = time.monotonic()
    try:
        async with session.post(url, json=body, timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            replies = await response.json(content_type=None) if response.status == 200 else None
            ended = time.monotonic()
            if response.status != 200:
                return Turn(started, ended, False, f"HTTP {response.status}")
    except asyncio.TimeoutError:
        return Turn(started, time.monotonic(), False, "timeout")
    except (aiohttp.ClientError, ValueError) as error:
        return Turn(started, time.monotonic(), False, type(error).__name__)
    if not replies:
        return Turn(started, ended, False, "no reply")
    if message.expect not in reply_text(replies):
        return Turn(started, ended, False, f"unexpected reply to {message.text!r}", reply=reply_text(replies))
    return Turn(started, ended, True)


def new_sender(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def connector(limit: int) -> aiohttp.TCPConnector:
    return aiohttp.TCPConnector(limit=max(limit, 1) + 4, force_close=False)


async def closed_loop(
    url: str, script: Script, concurrency: int, duration: float, prefix: str, timeout: float = 60.0
) -> Dict[str, object]:
    """`concurrency` conversations at once, each sending its next message as soon as the previous
    one is answered, a new conversation starting when one ends; for `duration` seconds."""
    log = TurnLog()
    async with aiohttp.ClientSession(connector=connector(concurrency)) as session:
        start = time.monotonic()
        deadline = start + duration

        async def conversation_loop() -> None:
            while time.monotonic() < deadline:
                sender, metadata = new_sender(prefix), script.metadata()
                for message in script.messages:
                    if time.monotonic() >= deadline:
                        return
                    log.add(await send(session, url, sender, message, metadata, timeout))

        await asyncio.gather(*(conversation_loop() for _ in range(concurrency)))
        finished = time.monotonic()
    in_window = [t for t in log.turns if t.ok and t.ended <= deadline]
    return {
        "mode": "closed loop",
        "concurrency": concurrency,
        "duration_s": duration,
        "messages_sent": len(log.turns),
        "messages_ok": sum(t.ok for t in log.turns),
        "errors": log.errors,
        "error_examples": log.examples,
        "throughput_msgs_per_s": round(len(in_window) / duration, 2),
        "latency_ms": latency_summary([t.seconds for t in log.turns if t.ok]),
        "drain_s": round(finished - deadline, 2),
    }


async def constant_rate(
    url: str,
    script: Script,
    rate: float,
    duration: float,
    prefix: str,
    think_seconds: float = 2.0,
    timeout: float = 60.0,
) -> Dict[str, object]:
    """Open loop: messages are scheduled at `rate` per second whatever the latency. Conversations
    interleave so that one borrower's consecutive messages are about `think_seconds` apart; a
    message whose predecessor is still unanswered waits for it (a person reads before typing),
    and that wait is reported as lateness."""
    per_message = len(script.messages)
    interleave = max(1, math.ceil(rate * think_seconds))  # conversations in flight at once
    total_slots = int(rate * duration)
    log = TurnLog()
    async with aiohttp.ClientSession(connector=connector(interleave * 2)) as session:
        start = time.monotonic() + 0.2

        def slot_time(conversation: int, k: int) -> float:
            block, lane = divmod(conversation, interleave)
            return start + (block * per_message * interleave + k * interleave + lane) / rate

        async def one_conversation(conversation: int) -> None:
            sender, metadata = new_sender(prefix), script.metadata()
            for k, message in enumerate(script.messages):
                scheduled = slot_time(conversation, k)
                if scheduled - start >= total_slots / rate:
                    return
                await asyncio.sleep(max(0.0, scheduled - time.monotonic()))
                log.lateness.append(max(0.0, time.monotonic() - scheduled))
                turn = await send(session, url, sender, message, metadata, timeout)
                turn.scheduled = scheduled
                log.add(turn)

        conversations = []
        for conversation in itertools.count():
            if slot_time(conversation, 0) - start >= total_slots / rate:
                break
            conversations.append(one_conversation(conversation))
        await asyncio.gather(*conversations)
        finished = time.monotonic()
    ok = [t for t in log.turns if t.ok]
    return {
        "mode": "open loop, constant rate",
        "target_rate_msgs_per_s": round(rate, 2),
        "achieved_rate_msgs_per_s": round(len(ok) / max(finished - start, 1e-9), 2),
        "duration_s": duration,
        "think_seconds": think_seconds,
        "conversations_interleaved": interleave,
        "messages_sent": len(log.turns),
        "messages_ok": len(ok),
        "errors": log.errors,
        "error_examples": log.examples,
        "latency_ms": latency_summary([t.seconds for t in ok]),
        "latency_from_schedule_ms": latency_summary([t.ended - t.scheduled for t in ok]),
        "send_lateness_ms": latency_summary(log.lateness),
    }


async def one_conversation(url: str, script: Script, prefix: str, timeout: float = 120.0) -> List[Dict[str, object]]:
    """One conversation, message by message, with the replies: the sample transcript and warm-up."""
    transcript = []
    async with aiohttp.ClientSession() as session:
        sender, metadata = new_sender(prefix), script.metadata()
        for message in script.messages:
            body = {"sender": sender, "message": message.text}
            if metadata is not None:
                body["metadata"] = metadata
            started = time.monotonic()
            async with session.post(url, json=body, timeout=aiohttp.ClientTimeout(total=timeout)) as response:
                replies = await response.json(content_type=None) if response.status == 200 else []
            text = reply_text(replies or [])
            transcript.append(
                {
                    "user": message.text,
                    "status": response.status,
                    "bot": text,
                    "ms": round((time.monotonic() - started) * 1000, 1),
                    "expected_found": message.expect in text,
                }
            )
    return transcript
