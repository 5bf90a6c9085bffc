"""The analytics consumer on the real local RabbitMQ: Rasa's own Pika event broker publishes tracker
events to a queue of this test's own, `python -m analytics.consumer` stores them in SQLite, and
`python -m analytics.report` prints the exact figures. No server of the assistant is started."""

import asyncio
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime

import aio_pika
import pytest
from yarl import URL

from tests import rasa_events as turns
from tests.conftest import ROOT
from tests.rasa_events import Collector, Conversation
from tests.unit.analytics.test_analytics import BEIJING, EXPECTED_TABLE, two_days

RABBITMQ_URL = os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/")
SALT = "e2e-analytics-salt-0123456789abcdef"


async def _queue_length(name: str) -> int:
    connection = await aio_pika.connect(RABBITMQ_URL)
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(name, passive=True)
        return queue.declaration_result.message_count


def queue_length(name: str) -> int:
    return asyncio.run(_queue_length(name))


def wait_for(condition, seconds: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


async def _publish_with_rasa(bodies, queue: str, exchange: str) -> None:
    """Publishes as the Rasa server does: its PikaEventBroker, bound to our queue through an exchange
    of this test's own (Rasa's default exchange may carry another running assistant's events)."""
    from rasa.core.brokers.pika import PikaEventBroker

    url = URL(RABBITMQ_URL)
    broker = PikaEventBroker(
        url.host,
        url.user,
        url.password,
        port=url.port,
        queues=[queue],
        exchange_name=exchange,
        connection_attempts=3,
        retry_delay_in_seconds=1,
    )
    await broker.connect()
    before = asyncio.all_tasks()
    for body in bodies:
        broker.publish(body)
    # publish() leaves the sending to tasks; each ends when RabbitMQ confirmed its message.
    await asyncio.wait_for(asyncio.gather(*(asyncio.all_tasks() - before - {asyncio.current_task()})), timeout=60)
    assert not broker._unpublished_events, "Rasa's broker failed to publish some events"
    await broker.close()


async def _publish_raw(queue: str, *bodies: bytes) -> None:
    connection = await aio_pika.connect(RABBITMQ_URL)
    async with connection:
        channel = await connection.channel()
        for body in bodies:
            await channel.default_exchange.publish(aio_pika.Message(body), routing_key=queue)


async def _delete(queue: str, exchange: str) -> None:
    connection = await aio_pika.connect(RABBITMQ_URL)
    async with connection:
        channel = await connection.channel()
        await channel.queue_delete(queue)
        await channel.exchange_delete(exchange)


class Setup:
    def __init__(self, tmp_path) -> None:
        tag = uuid.uuid4().hex[:12]
        self.queue, self.exchange = f"huankuan-analytics-test-{tag}", f"huankuan-analytics-test-{tag}"
        self.db = tmp_path / "analytics.db"
        self.out = tmp_path / "report"
        self.env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            RABBITMQ_URL=RABBITMQ_URL,
            ANALYTICS_QUEUE=self.queue,
            ANALYTICS_DATABASE_URL=f"sqlite:///{self.db}",
            ANALYTICS_SALT=SALT,
            SQLALCHEMY_SILENCE_UBER_WARNING="1",
        )

    def publish(self, bodies) -> None:
        asyncio.run(_publish_with_rasa(bodies, self.queue, self.exchange))

    def drain(self, **env) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "analytics.consumer", "--drain"],
            cwd=ROOT,
            env=dict(self.env, **env),
            capture_output=True,
            text=True,
            timeout=180,
        )

    def report(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "analytics.report", "--out", str(self.out), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def rows(self) -> int:
        if not self.db.exists():
            return 0
        with sqlite3.connect(self.db) as db:
            try:
                return db.execute("select count(*) from analytics_events").fetchone()[0]
            except sqlite3.OperationalError:  # the consumer has not made the table yet
                return 0


@pytest.fixture
def setup(tmp_path):
    s = Setup(tmp_path)
    yield s
    asyncio.run(_delete(s.queue, s.exchange))


def kept(bodies) -> int:
    """How many of the events the store keeps a row for (user, bot, and actions but action_listen)."""
    return sum(
        1 for b in bodies if b["event"] in ("user", "bot") or (b["event"] == "action" and b["name"] != "action_listen")
    )


def report_tail(setup: Setup) -> str:
    return f"\n\nchart: {setup.out / 'analytics.png'}\ndata: {setup.out / 'analytics.json'}\n"


def test_the_report_counts_what_rasa_published(setup):
    bodies = two_days()
    setup.publish(bodies)
    assert queue_length(setup.queue) == len(bodies)
    drained = setup.drain()
    assert drained.returncode == 0, drained.stderr
    assert drained.stdout == f"stored={kept(bodies)} duplicate=0 ignored={len(bodies) - kept(bodies)} dropped=0\n"
    assert queue_length(setup.queue) == 0
    assert setup.report("--days", "2", "--until", "2026-11-21") == EXPECTED_TABLE + report_tail(setup)
    assert (setup.out / "analytics.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_same_event_delivered_twice_counts_once(setup):
    broker = Collector()
    c = Conversation("rest-twice", datetime(2026, 11, 20, 10, tzinfo=BEIJING), broker).start_session()
    turns.accepted_plan(c, "P20261120TWICE1")
    turns.handoff(c, "H20261120TWICE1")
    twice = [body for body in broker.bodies for _ in range(2)]
    setup.publish(twice)
    drained = setup.drain()
    assert drained.returncode == 0, drained.stderr
    assert drained.stdout == (
        f"stored={kept(broker.bodies)} duplicate={kept(broker.bodies)} "
        f"ignored={2 * (len(broker.bodies) - kept(broker.bodies))} dropped=0\n"
    )
    printed = setup.report("--days", "1", "--until", "2026-11-20")
    assert (
        "2026-11-20              1          0         0.0%         1               1                   0                  0                 0"
        in printed
    )
    assert "affirm                1              1          0         0.0%" in printed
    assert "request_human         1              1          0         0.0%" in printed
    data = json.loads((setup.out / "analytics.json").read_text(encoding="utf-8"))
    assert data["totals"] == {
        "conversations": 1,
        "contained": 0,
        "handoffs": 1,
        "plans_accepted": 1,
        "extensions_granted": 0,
        "promises_recorded": 0,
        "complaints_filed": 0,
    }


def test_a_message_is_acknowledged_only_once_stored(setup):
    broker = Collector()
    c = Conversation("rest-locked", datetime(2026, 11, 20, 10, tzinfo=BEIJING), broker).start_session()
    turns.filed_complaint(c, "C20261120LOCK01")
    setup.publish(broker.bodies)
    subprocess.run(
        [sys.executable, "-c", "from analytics.store import AnalyticsStore; AnalyticsStore().create_schema()"],
        cwd=ROOT,
        env=setup.env,
        check=True,
    )
    holder = sqlite3.connect(setup.db, isolation_level=None)
    holder.execute("begin immediate")  # another writer holds the database: every insert fails
    try:
        failed = setup.drain(ANALYTICS_DATABASE_URL=f"sqlite:///{setup.db}?timeout=0.5")
    finally:
        holder.execute("rollback")
        holder.close()
    assert failed.returncode == 1
    assert "drain failed, unacknowledged messages stay in the queue (OperationalError" in failed.stderr
    wait_for(
        lambda: queue_length(setup.queue) == len(broker.bodies), 30, "the unacknowledged message back in the queue"
    )
    assert setup.rows() == 0
    drained = setup.drain()
    assert drained.returncode == 0, drained.stderr
    assert drained.stdout.startswith(f"stored={kept(broker.bodies)} duplicate=0 ")
    assert queue_length(setup.queue) == 0
    setup.report("--days", "1", "--until", "2026-11-20")
    totals = json.loads((setup.out / "analytics.json").read_text(encoding="utf-8"))["totals"]
    assert (totals["conversations"], totals["complaints_filed"]) == (1, 1)


def test_a_message_that_is_no_tracker_event_is_dropped(setup):
    broker = Collector()
    Conversation("rest-noise", datetime(2026, 11, 20, 10, tzinfo=BEIJING), broker).start_session().user(
        "你好", "greet"
    ).action("utter_greet").listen()
    setup.publish(broker.bodies)
    asyncio.run(_publish_raw(setup.queue, b"not json", b'{"event": "user"}', "我欠多少钱".encode("gbk")))
    drained = setup.drain()
    assert drained.returncode == 0, drained.stderr
    assert (
        drained.stdout
        == f"stored={kept(broker.bodies)} duplicate=0 ignored={len(broker.bodies) - kept(broker.bodies)} dropped=3\n"
    )
    assert "我欠多少钱" not in drained.stderr and "not json" not in drained.stderr
    assert queue_length(setup.queue) == 0


class Relay:
    """A TCP relay in front of RabbitMQ that the test can cut and restore: RabbitMQ going away and
    coming back, as the consumer sees it, without touching the server others use."""

    def __init__(self, target: URL) -> None:
        self.target = (target.host, target.port)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._sockets: list = []
        self._listener = None
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close() alone would not
        except OSError:
            pass
        self._listener.close()
        with self._lock:
            for s in self._sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
            self._sockets = []


def test_the_consumer_reconnects_when_rabbitmq_goes_away(setup, tmp_path):
    bodies = two_days()
    half = len(bodies) // 2
    relay = Relay(URL(RABBITMQ_URL))
    relay.start()
    log = tmp_path / "consumer.log"
    consumer = subprocess.Popen(
        [sys.executable, "-m", "analytics.consumer"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=open(log, "w"),
        text=True,
        env=dict(setup.env, RABBITMQ_URL=str(URL(RABBITMQ_URL).with_port(relay.port))),
    )
    try:
        wait_for(lambda: "consuming queue" in log.read_text(), 60, "the consumer to connect")
        setup.publish(bodies[:half])
        wait_for(
            lambda: setup.rows() == kept(bodies[:half]) and queue_length(setup.queue) == 0, 60, "the first half stored"
        )
        relay.cut()
        wait_for(lambda: "reconnecting in" in log.read_text(), 30, "the consumer to notice")
        setup.publish(bodies[half:])
        time.sleep(2)  # at least one attempt to reconnect fails while RabbitMQ is away
        assert setup.rows() == kept(bodies[:half])
        relay.start()
        wait_for(lambda: setup.rows() == kept(bodies) and queue_length(setup.queue) == 0, 90, "the second half stored")
        assert log.read_text().count("consuming queue") >= 2
    finally:
        consumer.send_signal(signal.SIGTERM)
        out, _ = consumer.communicate(timeout=30)
        relay.cut()
    assert consumer.returncode == 0, log.read_text()[-3000:]
    # An event stored just before the cut but not yet acknowledged comes back as a duplicate: the
    # store's figures stay exact, whatever the consumer's duplicate count.
    assert re.fullmatch(rf"stored={kept(bodies)} duplicate=\d+ ignored=\d+ dropped=0\n", out), out
    assert setup.report("--days", "2", "--until", "2026-11-21") == EXPECTED_TABLE + report_tail(setup)
