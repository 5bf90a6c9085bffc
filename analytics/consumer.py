"""The analytics consumer: reads the tracker events Rasa's Pika event broker publishes into the analytics store.

`python -m analytics.consumer` runs until SIGINT or SIGTERM; `--drain` stops once the queue is
empty (a backfill, or a test). RABBITMQ_URL (default amqp://guest:guest@127.0.0.1:5672/) and
ANALYTICS_QUEUE (default huankuan_events) say where to read; when unset, the Rasa server's own
EVENT_BROKER_URL and EVENT_BROKER_QUEUE (stores/broker.py) are used, so one setting serves both.
The queue is declared durable, as Rasa declares it, so either side may start first.

A message is acknowledged only once the store holds its event, so an event is lost neither when
the consumer dies nor when the database is down; one delivered again is stored once (the store is
idempotent per event). Messages that are not tracker events are dropped (rejected, not requeued).
When RabbitMQ goes away, or the store fails, the consumer reconnects with a growing pause
(1 s doubling to 30 s); the unacknowledged messages come back in their order.
Messages are handled in queue order, because the store reads an event's outcome from the events
before it: run one consumer per queue. A message and those arriving within BATCH_SECONDS after it
(at most PREFETCH) are stored in one transaction: one commit per event cost the cluster more CPU
than the rest of the consumer (docs/performance.md).
"""

import argparse
import asyncio
import json
import logging
import os
import signal
from collections import Counter
from typing import Any, List, Optional, Tuple

import aio_pika
from aio_pika.abc import AbstractIncomingMessage
from yarl import URL

from analytics.store import AnalyticsStore, MalformedEvent

logger = logging.getLogger("analytics.consumer")  # not __main__ under python -m

DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_QUEUE = "huankuan_events"
PREFETCH = 200
BATCH_SECONDS = 0.2  # how long a message may wait for others to share its transaction
POLL_SECONDS = 0.02
FIRST_PAUSE, LONGEST_PAUSE = 1.0, 30.0
CONNECT_TIMEOUT = 10.0
_LOST, _STOP = object(), object()


def _setting(*names: str, default: str) -> str:
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return default


def rabbitmq_url() -> str:
    return _setting("RABBITMQ_URL", "EVENT_BROKER_URL", default=DEFAULT_RABBITMQ_URL)


def queue_name() -> str:
    return _setting("ANALYTICS_QUEUE", "EVENT_BROKER_QUEUE", default=DEFAULT_QUEUE)


def _where(url: str) -> str:
    """The broker's address without the credentials, for the log."""
    parsed = URL(url)
    return f"{parsed.host}:{parsed.port}"


class Consumer:
    def __init__(self, store: AnalyticsStore, url: str, queue: str) -> None:
        self.store, self.url, self.queue = store, url, queue
        self.counts: Counter = Counter()  # stored / duplicate / ignored / dropped

    async def handle(self, message: AbstractIncomingMessage) -> None:
        await self.handle_batch([message])

    async def handle_batch(self, messages: List[AbstractIncomingMessage]) -> None:
        """Stores the events of messages taken in queue order, in one transaction, then
        acknowledges them with one acknowledgement (AMQP's `multiple`: every delivery up to the
        last stored one; the channel delivers in order and a batch is all that is unsettled);
        one that is no tracker event is rejected first, on its own."""
        parsed: List[Tuple[AbstractIncomingMessage, Any]] = []
        for message in messages:
            try:
                parsed.append((message, json.loads(message.body)))
            except ValueError:  # not JSON, or not UTF-8
                await self._drop(message, "not JSON")
        if not parsed:
            return
        outcomes = await asyncio.to_thread(self.store.record_many, [event for _, event in parsed])
        last_stored = None
        for (message, _), outcome in zip(parsed, outcomes, strict=False):
            if isinstance(outcome, MalformedEvent):
                await self._drop(message, str(outcome))
            else:
                last_stored = message
                self.counts[outcome] += 1
        if last_stored is not None:
            await last_stored.ack(multiple=True)

    async def _drop(self, message: AbstractIncomingMessage, why: str) -> None:
        # Never the body in the log: it may hold the borrower's words.
        logger.warning("dropped a message that is not a tracker event (%s, %d bytes)", why, len(message.body))
        await message.reject(requeue=False)
        self.counts["dropped"] += 1

    async def _open(self) -> aio_pika.abc.AbstractConnection:
        return await aio_pika.connect(self.url, timeout=CONNECT_TIMEOUT)

    async def drain(self) -> Counter:
        """Handles every message in the queue, then returns the counts. Any failure is raised."""
        connection = await self._open()
        async with connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(self.queue, durable=True)
            while True:
                message = await queue.get(no_ack=False, fail=False, timeout=CONNECT_TIMEOUT)
                if message is None:
                    return self.counts
                await self.handle(message)

    async def _consume(self, stop: asyncio.Event) -> None:
        """One connection's life: returns when stopped, raises when the connection is lost."""
        connection = await self._open()
        inbox: asyncio.Queue = asyncio.Queue()
        connection.close_callbacks.add(lambda *_: inbox.put_nowait(_LOST))
        async with connection:
            channel = await connection.channel()
            channel.close_callbacks.add(lambda *_: inbox.put_nowait(_LOST))
            await channel.set_qos(prefetch_count=PREFETCH)
            queue = await channel.declare_queue(self.queue, durable=True)
            await queue.consume(inbox.put)
            logger.info("consuming queue %s on %s", self.queue, _where(self.url))
            stopping = asyncio.ensure_future(stop.wait())
            stopping.add_done_callback(lambda _: inbox.put_nowait(_STOP))
            try:
                while True:
                    batch = await self._batch(inbox)
                    signal_ = batch.pop() if batch[-1] is _STOP or batch[-1] is _LOST else None
                    if batch:
                        await self.handle_batch(batch)
                    if signal_ is _STOP:
                        return
                    if signal_ is _LOST:
                        raise ConnectionError("connection to RabbitMQ lost")
            finally:
                stopping.cancel()

    @staticmethod
    async def _batch(inbox: asyncio.Queue) -> list:
        """The next message and what follows it within BATCH_SECONDS (at most PREFETCH), ending
        early at a stop or a lost connection. What has arrived is taken at once and the inbox is
        looked at again every POLL_SECONDS (a timed wait per message, as before, cost the same CPU:
        7.18 vs 7.10 s for 8,340 events; most of the consumer's time is aiormq reading frames)."""
        loop = asyncio.get_running_loop()
        batch = [await inbox.get()]
        deadline = loop.time() + BATCH_SECONDS
        while len(batch) < PREFETCH and batch[-1] is not _STOP and batch[-1] is not _LOST:
            if not inbox.empty():
                batch.append(inbox.get_nowait())
                continue
            left = deadline - loop.time()
            if left <= 0:
                break
            await asyncio.sleep(min(left, POLL_SECONDS))
        return batch

    async def run(self, stop: asyncio.Event) -> None:
        """Consumes until `stop` is set, reconnecting whenever RabbitMQ or the store fails."""
        pause = FIRST_PAUSE
        while not stop.is_set():
            handled = sum(self.counts.values())
            try:
                await self._consume(stop)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if sum(self.counts.values()) > handled:
                    pause = FIRST_PAUSE  # it worked for a while: try again soon
                logger.warning(
                    "analytics consumer interrupted (%s: %s); reconnecting in %.0f s",
                    type(error).__name__,
                    error,
                    pause,
                )
                try:
                    await asyncio.wait_for(stop.wait(), timeout=pause)
                except asyncio.TimeoutError:
                    pass
                pause = min(pause * 2, LONGEST_PAUSE)


async def _run_until_signalled(consumer: Consumer) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await consumer.run(stop)


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description="Store Rasa's tracker events from RabbitMQ for the analytics report.")
    parser.add_argument("--drain", action="store_true", help="stop once the queue is empty")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("aiormq").setLevel(logging.WARNING)
    logging.getLogger("aio_pika").setLevel(logging.WARNING)
    store = AnalyticsStore()
    store.create_schema()
    consumer = Consumer(store, rabbitmq_url(), queue_name())
    if args.drain:
        try:
            counts = asyncio.run(consumer.drain())
        except Exception as error:
            logger.error(
                "drain failed, unacknowledged messages stay in the queue (%s: %s)", type(error).__name__, error
            )
            return 1
    else:
        asyncio.run(_run_until_signalled(consumer))
        counts = consumer.counts
    print(" ".join(f"{key}={counts[key]}" for key in ("stored", "duplicate", "ignored", "dropped")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
