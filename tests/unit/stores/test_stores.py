"""Rasa's stores as endpoints.yml picks them from the environment (stores/)."""

import asyncio
import json
import threading
import uuid

import pytest

from stores.locks import LockStoreFromEnv, SerialisedRedisLockStore

REDIS = "redis://127.0.0.1:6379/12"


def test_without_a_url_locks_are_in_memory(monkeypatch):
    from rasa.core.lock_store import InMemoryLockStore

    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    assert isinstance(LockStoreFromEnv().inner, InMemoryLockStore)


def test_tickets_issued_at_the_same_moment_by_two_replicas_are_all_different():
    conversation = f"lock-{uuid.uuid4().hex[:8]}"
    replicas = [SerialisedRedisLockStore(REDIS), SerialisedRedisLockStore(REDIS)]
    tickets, barrier = [], threading.Barrier(8)

    def take(store):
        barrier.wait()
        tickets.append(store.issue_ticket(conversation, 30))

    threads = [threading.Thread(target=take, args=(replicas[i % 2],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == list(range(8))
    replicas[0].delete_lock(conversation)


def two_turns(a, b, conversation, lifetime, first_holds):
    """The first turn takes the lock and holds it; the second message of the conversation arrives
    meanwhile. Returns the order in which the turns started and ended."""
    order = []

    async def turn(store, name, hold):
        async with store.lock(conversation, lock_lifetime=lifetime, wait_time_in_seconds=0.05):
            order.append(f"{name} start")
            await asyncio.sleep(hold)
            order.append(f"{name} end")

    async def both():
        first = asyncio.create_task(turn(a, "first", first_holds))
        await asyncio.sleep(0.05)
        await asyncio.gather(first, turn(b, "second", 0))

    asyncio.run(both())
    return order


def test_a_second_message_waits_for_the_first():
    conversation = f"lock-{uuid.uuid4().hex[:8]}"
    a, b = LockStoreFromEnv.__new__(LockStoreFromEnv), LockStoreFromEnv.__new__(LockStoreFromEnv)
    a.inner, b.inner = SerialisedRedisLockStore(REDIS), SerialisedRedisLockStore(REDIS)
    assert two_turns(a, b, conversation, 30, 0.5) == ["first start", "first end", "second start", "second end"]


@pytest.mark.parametrize("backend", ["redis", "memory"])
def test_a_turn_slower_than_the_lock_lifetime_keeps_the_conversation_to_itself(backend):
    """#15 item 10: the first turn holds its lock three lifetimes long; the second message of the
    conversation still waits for it (without the refresh its ticket ran out and both ran at once)."""
    from rasa.core.lock_store import InMemoryLockStore

    conversation = f"lock-{uuid.uuid4().hex[:8]}"
    a, b = LockStoreFromEnv.__new__(LockStoreFromEnv), LockStoreFromEnv.__new__(LockStoreFromEnv)
    if backend == "redis":
        a.inner, b.inner = SerialisedRedisLockStore(REDIS), SerialisedRedisLockStore(REDIS)
    else:
        a.inner = b.inner = InMemoryLockStore()
    order = two_turns(a, b, conversation, 0.6, 1.8)
    assert order == ["first start", "first end", "second start", "second end"]
    assert a.get_lock(conversation) is None  # cleaned up


def _numbers(lock):
    return None if lock is None else [ticket.number for ticket in lock.tickets]


def test_the_redis_lock_keeps_tickets_as_rasas_in_memory_lock_does():
    """The same steps on Rasa's in-memory lock store and on ours (Lua scripts on Redis) leave the
    same tickets, read back by Rasa's own TicketLock."""
    import time

    from rasa.core.lock_store import InMemoryLockStore

    conversation = f"lock-{uuid.uuid4().hex[:8]}"
    ours, rasas = SerialisedRedisLockStore(REDIS), InMemoryLockStore()
    seen = {"ours": [], "rasa": []}
    for name, store in (("ours", ours), ("rasa", rasas)):
        record = seen[name].append
        record(store.issue_ticket(conversation, 30))
        record(store.issue_ticket(conversation, 0.05))  # expires while the first is served
        record(store.issue_ticket(conversation, 30))
        record(_numbers(store.get_lock(conversation)))
        time.sleep(0.1)
        store.update_lock(conversation)
        record(_numbers(store.get_lock(conversation)))
        store.cleanup(conversation, 0)
        record(_numbers(store.get_lock(conversation)))
        record(store.get_lock(conversation).is_locked(2))
        store.cleanup(conversation, 2)
        record(_numbers(store.get_lock(conversation)))
        record(store.issue_ticket(conversation, 0.05))
        time.sleep(0.1)
        record(store.issue_ticket(conversation, 30))  # the expired one is gone: numbering starts again
        store.cleanup(conversation, 0)
        record(_numbers(store.get_lock(conversation)))
    assert seen["ours"] == seen["rasa"] == [0, 1, 2, [0, 1, 2], [0, 2], [2], False, None, 0, 0, None]


def test_a_redis_ticket_expires_when_rasa_says_it_does():
    import time

    conversation = f"lock-{uuid.uuid4().hex[:8]}"
    store = SerialisedRedisLockStore(REDIS)
    before = time.time()
    store.issue_ticket(conversation, 60)
    (ticket,) = store.get_lock(conversation).tickets
    assert before + 60 <= ticket.expires <= time.time() + 60
    assert store.get_lock(conversation).conversation_id == conversation
    store.cleanup(conversation, 0)


def test_the_broker_connects_with_a_long_heartbeat_to_its_own_exchange(monkeypatch):
    """On the local RabbitMQ."""
    from stores.broker import EventBrokerFromEnv, router_name

    monkeypatch.setenv("EVENT_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")
    monkeypatch.setenv("EVENT_BROKER_EXCHANGE", f"huankuan-test-{uuid.uuid4().hex[:6]}")
    monkeypatch.setenv("EVENT_BROKER_QUEUE", f"huankuan-test-{uuid.uuid4().hex[:6]}")

    async def connect_and_close():
        broker = await EventBrokerFromEnv.from_endpoint_config(None)
        try:
            assert not broker.is_ready()  # connects on the first event
            await broker._connected()
            assert broker.is_ready()
            assert broker._configure_url() == "amqp://guest:guest@127.0.0.1:5672/?heartbeat=600"
            channel = await broker._connection.channel()
            await channel.queue_delete(broker.queues[0])
            await channel.exchange_delete(router_name(broker.queues[0]))
            await channel.exchange_delete(broker.exchange_name)
        finally:
            await broker.close()

    asyncio.run(connect_and_close())


def test_the_analytics_queue_gets_the_events_it_reads_and_the_exchange_still_gets_all(monkeypatch):
    """On the local RabbitMQ: a queue another team bound to Rasa's fanout exchange receives every
    event as Rasa publishes it; the analytics queue, bound straight to that exchange by an earlier
    version, now receives only the user, bot and action events (not action_listen), in order, with
    the same bodies."""
    from datetime import datetime, timedelta, timezone

    import aio_pika

    from analytics.events import COUNTED_EVENTS
    from stores.broker import EventBrokerFromEnv, router_name
    from tests.rasa_events import Collector, Conversation, filed_complaint

    url = "amqp://guest:guest@127.0.0.1:5672/"
    tag = uuid.uuid4().hex[:6]
    exchange, queue, others = f"huankuan-test-{tag}", f"huankuan-test-{tag}", f"huankuan-test-{tag}-lender"
    monkeypatch.setenv("EVENT_BROKER_URL", url)
    monkeypatch.setenv("EVENT_BROKER_EXCHANGE", exchange)
    monkeypatch.setenv("EVENT_BROKER_QUEUE", queue)
    collected = Collector()
    c = Conversation(
        "routing", datetime(2026, 11, 20, 10, tzinfo=timezone(timedelta(hours=8))), collected
    ).start_session()
    filed_complaint(c.user("你好", "greet").action("utter_greet").listen(), "C20261120ROUTE1")
    bodies = collected.bodies
    assert {b["event"] for b in bodies} - set(COUNTED_EVENTS)  # slots, session start: some to leave out

    async def drained(channel, name):
        q = await channel.declare_queue(name, durable=True)
        got = []
        while (message := await q.get(no_ack=True, fail=False)) is not None:
            got.append(json.loads(message.body))
        return got

    async def publish_and_read():
        connection = await aio_pika.connect(url)
        async with connection:
            channel = await connection.channel()
            fanout = await channel.declare_exchange(exchange, type=aio_pika.ExchangeType.FANOUT)
            for name in (others, queue):  # the analytics queue as an earlier version bound it
                await (await channel.declare_queue(name, durable=True)).bind(fanout, "")
            broker = await EventBrokerFromEnv.from_endpoint_config(None)
            try:
                for body in bodies:
                    await broker._publish(body)
            finally:
                await broker.close()
            try:
                return await drained(channel, queue), await drained(channel, others)
            finally:
                for name in (queue, others):
                    await channel.queue_delete(name)
                await channel.exchange_delete(router_name(queue))
                await channel.exchange_delete(exchange)

    analytics, lender = asyncio.run(publish_and_read())
    assert lender == bodies
    kept = [b for b in bodies if b["event"] in COUNTED_EVENTS and b.get("name") != "action_listen"]
    assert analytics == kept
    assert [(b["event"], b.get("name")) for b in analytics] == [
        ("action", "action_session_start"),
        ("user", None),
        ("action", "utter_greet"),
        ("user", None),
        ("action", "action_start_complaint"),
        ("bot", None),
        ("action", "complaint_form"),
        ("action", "action_submit_complaint"),
        ("bot", None),
        ("bot", None),
    ]
    assert len(bodies) == 20


def test_no_broker_without_a_url(monkeypatch):
    from stores.broker import EventBrokerFromEnv

    monkeypatch.delenv("EVENT_BROKER_URL", raising=False)
    assert asyncio.run(EventBrokerFromEnv.from_endpoint_config(None)) is None
