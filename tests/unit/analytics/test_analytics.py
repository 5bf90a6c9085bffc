"""The analytics store and report on a real database, fed tracker events that Rasa's own code shaped
(tests/rasa_events.py): exact figures per day and per intent, each event once, nothing personal."""

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest
import yaml

from analytics import report
from analytics.store import (
    DUPLICATE,
    IGNORED,
    SIGNALS,
    STORED,
    AnalyticsStore,
    DayFigures,
    IntentFigures,
    MalformedEvent,
    analytics_salt,
)
from tests import rasa_events as turns
from tests.conftest import ROOT
from tests.rasa_events import Collector, Conversation, question, say

BEIJING = timezone(timedelta(hours=8))
DAY1, DAY2 = date(2026, 11, 20), date(2026, 11, 21)
# Conversation ids as our channels make them: REST senders, a WeChat openid, a phone number.
SENDERS = {
    "A": "13800138000",
    "B": "wx-oFq3x2Tn8sLm0aZ",
    "C": "rest-c3",
    "D": "web-9f8e7d6c5b4a",
    "E": "rest-e5",
    "F": "rest-f6",
}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


def two_days() -> list:
    """Day 1: A accepts a plan (and the confirmation arrives twice), B files a complaint, C is handed
    off (asking twice), D gets an extension and records a promise, E declines a plan, is refused an
    extension and asks about the contact policy. Day 2: A asks again, F is handed off, C asks for a
    human again (the same open request)."""
    broker = Collector()
    a = Conversation(SENDERS["A"], at(DAY1, 9), broker).start_session()
    question(a, "我欠多少钱", "check_overdue", "action_check_overdue", "您目前逾期应还 3363.24 元。")
    question(a, "能分期吗", "ask_instalment_plan", "action_offer_plan", "可以把您逾期应还的 3363.24 元协商分期还。")
    turns.accepted_plan(a, "P20261120A1B2C3")
    turns.accepted_plan(a, "P20261120A1B2C3")
    b = Conversation(SENDERS["B"], at(DAY1, 10), broker).start_session()
    turns.filed_complaint(b, "C20261120D4E5F6")
    c = Conversation(SENDERS["C"], at(DAY1, 11), broker).start_session()
    question(c, "你好", "greet", "utter_greet", "您好，我是还款助手。")
    turns.handoff(c, "H20261120AAAAAA")
    turns.handoff(c, "H20261120AAAAAA")
    d = Conversation(SENDERS["D"], at(DAY1, 14), broker).start_session()
    d.user("能延期吗", "ask_extension").action(
        "action_offer_extension", say(response="utter_extension_offer", overdue_total="3363.24")
    ).listen()
    turns.granted_extension(d, "E20261120BBBBBB")
    d.user("我下周五还500", "promise_to_pay").action("action_offer_promise").listen()
    turns.recorded_promise(d, "R20261120CCCCCC")
    e = Conversation(SENDERS["E"], at(DAY1, 23, 30), broker).start_session()
    turns.declined_plan(e)
    turns.refused_extension(e)
    question(e, "你们几点可以给我打电话", "ask_contact_policy", "action_contact_policy", "您的联系记录：……")
    a.clock = at(DAY2, 8).timestamp()
    question(a, "还差多少", "check_overdue", "action_check_overdue", "您目前逾期应还 3363.24 元。")
    f = Conversation(SENDERS["F"], at(DAY2, 12), broker).start_session()
    turns.handoff(f, "H20261121BBBBBB")
    c.clock = at(DAY2, 15).timestamp()
    turns.handoff(c, "H20261120AAAAAA")
    return broker.bodies


@pytest.fixture(scope="module")
def published():
    return two_days()


def new_store(url: str) -> AnalyticsStore:
    store = AnalyticsStore(url, salt="unit-test-salt-0123456789abcdef0123")
    store.drop_schema()
    store.create_schema()
    return store


@pytest.fixture
def analytics(tmp_path):
    store = new_store(f"sqlite:///{tmp_path}/analytics.db")
    yield store
    store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_analytics(request, tmp_path):
    url = f"sqlite:///{tmp_path}/analytics.db" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    store = new_store(url)
    yield store
    store.drop_schema()
    store.engine.dispose()


DAY1_FIGURES = DayFigures(
    DAY1,
    conversations=5,
    contained=4,
    handoffs=1,
    plans_accepted=1,
    extensions_granted=1,
    promises_recorded=1,
    complaints_filed=1,
)
DAY2_FIGURES = DayFigures(
    DAY2,
    conversations=3,
    contained=1,
    handoffs=1,
    plans_accepted=0,
    extensions_granted=0,
    promises_recorded=0,
    complaints_filed=0,
)
INTENT_FIGURES = [
    IntentFigures("affirm", 5, 3, 3),
    IntentFigures("request_human", 4, 3, 0),
    IntentFigures("check_overdue", 2, 2, 2),
    IntentFigures("ask_contact_policy", 1, 1, 1),
    IntentFigures("ask_extension", 1, 1, 1),
    IntentFigures("ask_instalment_plan", 1, 1, 1),
    IntentFigures("deny", 1, 1, 1),
    IntentFigures("greet", 1, 1, 0),
    IntentFigures("promise_to_pay", 1, 1, 1),
    IntentFigures("report_improper_collection", 1, 1, 1),
]


def test_two_days_give_the_exact_figures_per_day(any_analytics, published):
    for body in published:
        any_analytics.record(body)
    assert any_analytics.daily(DAY1, DAY2) == [DAY1_FIGURES, DAY2_FIGURES]
    assert any_analytics.span() == (DAY1, DAY2)


def test_two_days_give_the_exact_figures_per_intent(any_analytics, published):
    for body in published:
        any_analytics.record(body)
    assert any_analytics.intents(DAY1, DAY2) == INTENT_FIGURES
    assert any_analytics.intents(DAY2, DAY2) == [
        IntentFigures("request_human", 2, 2, 0),
        IntentFigures("check_overdue", 1, 1, 1),
    ]


def test_the_redacted_stream_the_cluster_publishes_gives_the_same_figures(analytics, published):
    """Our tracker store publishes events redacted (auth/redaction.py): the signals survive it."""
    from auth.redaction import stored_event

    for body in published:
        analytics.record(stored_event(body))
    assert analytics.daily(DAY1, DAY2) == [DAY1_FIGURES, DAY2_FIGURES]
    assert analytics.intents(DAY1, DAY2) == INTENT_FIGURES


def test_the_consumer_reads_the_rasa_servers_broker_settings_unless_told_otherwise(monkeypatch):
    from analytics import consumer

    for name in ("RABBITMQ_URL", "EVENT_BROKER_URL", "ANALYTICS_QUEUE", "EVENT_BROKER_QUEUE"):
        monkeypatch.delenv(name, raising=False)
    assert (consumer.rabbitmq_url(), consumer.queue_name()) == ("amqp://guest:guest@127.0.0.1:5672/", "huankuan_events")
    monkeypatch.setenv("EVENT_BROKER_URL", "amqp://u:p@10.0.0.5:5672/")
    monkeypatch.setenv("EVENT_BROKER_QUEUE", "events_b")
    assert (consumer.rabbitmq_url(), consumer.queue_name()) == ("amqp://u:p@10.0.0.5:5672/", "events_b")
    monkeypatch.setenv("RABBITMQ_URL", "amqp://a:b@10.0.0.6:5672/")
    monkeypatch.setenv("ANALYTICS_QUEUE", "events_a")
    assert (consumer.rabbitmq_url(), consumer.queue_name()) == ("amqp://a:b@10.0.0.6:5672/", "events_a")


def test_an_event_delivered_twice_is_stored_once(analytics, published):
    first = [analytics.record(body) for body in published]
    again = [analytics.record(body) for body in published]
    kept = sum(
        1
        for body in published
        if body["event"] in ("user", "bot") or (body["event"] == "action" and body["name"] != "action_listen")
    )
    assert first.count(STORED) == kept and first.count(DUPLICATE) == 0
    assert again.count(STORED) == 0 and again.count(DUPLICATE) == kept
    assert first.count(IGNORED) == again.count(IGNORED) == len(published) - kept
    assert analytics.daily(DAY1, DAY2) == [DAY1_FIGURES, DAY2_FIGURES]
    with sqlite3.connect(analytics.url[len("sqlite:///") :]) as db:
        assert db.execute("select count(*) from analytics_events").fetchone()[0] == kept


def test_a_redelivery_out_of_order_changes_nothing(analytics, published):
    """A message requeued after a lost connection comes back after later ones."""
    for body in published:
        analytics.record(body)
    plan = next(b for b in published if (b.get("metadata") or {}).get("utter_action") == "utter_plan_accepted")
    assert analytics.record(plan) == DUPLICATE
    assert analytics.daily(DAY1, DAY1) == [DAY1_FIGURES]


def figures_of(build) -> DayFigures:
    broker = Collector()
    build(Conversation("rest-x", at(DAY1, 10), broker).start_session())
    store = AnalyticsStore("sqlite://", salt="unit-test-salt-0123456789abcdef0123")
    store.create_schema()
    for body in broker.bodies:
        store.record(body)
    return store.daily(DAY1, DAY1)[0]


def test_a_plan_confirmed_twice_counts_once_and_a_declined_one_not_at_all():
    def build(c):
        turns.declined_plan(c)
        turns.accepted_plan(c, "P1")
        turns.accepted_plan(c, "P1")

    assert figures_of(build).plans_accepted == 1


def test_only_a_granted_extension_counts():
    assert figures_of(lambda c: turns.granted_extension(c, "E1")).extensions_granted == 1
    assert figures_of(turns.refused_extension).extensions_granted == 0
    # A composed answer of another action is no extension, nor is one after the borrower spoke again.
    assert (
        figures_of(
            lambda c: question(c, "联系规定", "ask_contact_policy", "action_contact_policy", "……")
        ).extensions_granted
        == 0
    )
    assert (
        figures_of(
            lambda c: c.user("确认", "affirm")
            .action("action_submit_extension")
            .listen()
            .user("好的", "affirm")
            .action("action_fallback", say(text="抱歉，我没太明白您的意思。"))
            .listen()
        ).extensions_granted
        == 0
    )


def test_a_signal_response_sent_by_any_other_action_counts_nothing():
    """Only the action that stores the record sends these after storing; a rule uttering the
    response directly, or a failed submit followed by another action's answer, stores nothing."""

    def build(c):
        c.user("好", "affirm").action(
            "utter_plan_accepted",
            say(response="utter_plan_accepted", plan_id="P9", months=3, monthly="1.00", first_due="x"),
        ).listen()
        c.user("确认", "affirm").action("action_submit_complaint").action("action_listen").listen()
        c.user("嗯", "affirm").action("utter_complaint_next_steps", say(response="utter_complaint_next_steps")).listen()
        c.user("人工", "request_human").action(
            "action_fallback", say(response="utter_handoff_created", handoff_reference="H9")
        ).listen()

    figures = figures_of(build)
    assert (figures.plans_accepted, figures.complaints_filed, figures.handoffs, figures.contained) == (0, 0, 0, 1)


def test_the_day_is_the_day_in_beijing(analytics):
    broker = Collector()
    late = Conversation("rest-late", datetime(2026, 11, 20, 16, 30, tzinfo=timezone.utc), broker).start_session()
    question(late, "你好", "greet", "utter_greet", "您好")  # 00:30 on the 21st in Beijing
    for body in broker.bodies:
        analytics.record(body)
    assert [d.conversations for d in analytics.daily(DAY1, DAY2)] == [0, 1]


def test_quiet_days_are_reported_as_zeros(analytics, published):
    for body in published:
        analytics.record(body)
    quiet = analytics.daily(date(2026, 11, 18), date(2026, 11, 19))
    assert quiet == [
        DayFigures(date(2026, 11, 18), 0, 0, 0, 0, 0, 0, 0),
        DayFigures(date(2026, 11, 19), 0, 0, 0, 0, 0, 0, 0),
    ]


def test_other_events_are_ignored_and_non_events_refused(analytics):
    for ignored in (
        {"sender_id": "s", "event": "session_started", "timestamp": 1.0},
        {"sender_id": "s", "event": "slot", "timestamp": 1.0, "name": "identity", "value": "token"},
        {"sender_id": "s", "event": "action", "timestamp": 1.0, "name": "action_listen"},
    ):
        assert analytics.record(ignored) == IGNORED
    for bad in (
        [],
        {"event": "user", "timestamp": 1.0},
        {"sender_id": "s", "timestamp": 1.0},
        {"sender_id": "s", "event": "user", "timestamp": "yesterday"},
        {"sender_id": "s", "event": "bot"},
        {"sender_id": "s", "event": "user", "timestamp": float("nan")},
        {"sender_id": "s", "event": "user", "timestamp": 1e300},
    ):
        with pytest.raises(MalformedEvent):
            analytics.record(bad)
    assert analytics.span() is None
    # Odd but well-formed: kept, without an intent.
    assert (
        analytics.record({"sender_id": "s", "event": "user", "timestamp": 1795140000.0, "parse_data": ["?"]}) == STORED
    )
    assert analytics.intents(DAY1, DAY1) == [IntentFigures("(no intent)", 1, 1, 1)]


def test_nothing_personal_is_stored(analytics, published):
    for body in published:
        analytics.record(body)
    path = analytics.url[len("sqlite:///") :]
    analytics.engine.dispose()
    raw = open(path, "rb").read()
    secrets = list(SENDERS.values()) + [
        "P20261120A1B2C3",
        "C20261120D4E5F6",
        "H20261120AAAAAA",
        "E20261120BBBBBB",
        "R20261120CCCCCC",
        "3363.24",
        "580.32",
    ]
    words = {body["text"] for body in published if body.get("text")}
    assert words and all(s.encode() not in raw for s in secrets)
    assert all(w.encode() not in raw for w in words)
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute("pragma table_info(analytics_events)")]
        names = {row[0] for row in db.execute("select distinct name from analytics_events")}
    assert columns == [
        "id",
        "event_key",
        "conversation",
        "occurred_at",
        "day",
        "event",
        "name",
        "outcome",
        "reference",
        "repeated",
    ]
    assert all(
        n is None
        or n.startswith(("action_", "utter_"))
        or n.endswith("_form")
        or n in {i.intent for i in INTENT_FIGURES}
        for n in names
    )


def test_the_salt_keys_every_digest(monkeypatch):
    one, other = AnalyticsStore("sqlite://", salt="a" * 32), AnalyticsStore("sqlite://", salt="b" * 32)
    assert one.digest("conversation", "13800138000") != other.digest("conversation", "13800138000")
    assert len(one.digest("conversation", "13800138000")) == 64
    monkeypatch.setenv("ASSISTANT_ENV", "production")
    for weak in ("", "short", "dev-only-analytics-salt-not-for-production"):
        monkeypatch.setenv("ANALYTICS_SALT", weak)
        with pytest.raises(RuntimeError):
            analytics_salt()
    monkeypatch.setenv("ANALYTICS_SALT", "x" * 32)
    assert analytics_salt() == "x" * 32


def test_the_signals_name_real_actions_and_responses():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for signal in SIGNALS:
        assert signal.action in domain["actions"]
        assert signal.response is None or signal.response in domain["responses"]
        assert signal.reference is None or "{" + signal.reference + "}" in json.dumps(
            domain["responses"][signal.response], ensure_ascii=False
        )


EXPECTED_TABLE = """\
还款助手 analytics, 2026-11-20 to 2026-11-21 (days in Asia/Shanghai)

day         conversations  contained  containment  handoffs  plans accepted  extensions granted  promises recorded  complaints filed
----------  -------------  ---------  -----------  --------  --------------  ------------------  -----------------  ----------------
2026-11-20              5          4        80.0%         1               1                   1                  1                 1
2026-11-21              3          1        33.3%         1               0                   0                  0                 0
total                   8          5        62.5%         2               1                   1                  1                 1

By intent
intent                      messages  conversations  contained  containment
--------------------------  --------  -------------  ---------  -----------
affirm                             5              3          3       100.0%
request_human                      4              3          0         0.0%
check_overdue                      2              2          2       100.0%
ask_contact_policy                 1              1          1       100.0%
ask_extension                      1              1          1       100.0%
ask_instalment_plan                1              1          1       100.0%
deny                               1              1          1       100.0%
greet                              1              1          0         0.0%
promise_to_pay                     1              1          1       100.0%
report_improper_collection         1              1          1       100.0%"""


def test_the_report_prints_the_tables_and_draws_the_chart(analytics, published, tmp_path, monkeypatch, capsys):
    for body in published:
        analytics.record(body)
    assert report.render(report.build_report(analytics, DAY1, DAY2)) == EXPECTED_TABLE
    monkeypatch.setenv("ANALYTICS_DATABASE_URL", analytics.url)
    assert report.main(["--out", str(tmp_path / "out"), "--days", "3", "--until", "2026-11-21"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("还款助手 analytics, 2026-11-19 to 2026-11-21")
    assert "2026-11-19              0          0            —         0" in printed
    data = json.loads((tmp_path / "out" / "analytics.json").read_text(encoding="utf-8"))
    assert data["totals"] == {
        "conversations": 8,
        "contained": 5,
        "handoffs": 2,
        "plans_accepted": 1,
        "extensions_granted": 1,
        "promises_recorded": 1,
        "complaints_filed": 1,
    }
    assert [d["conversations"] for d in data["days"]] == [0, 5, 3]
    from PIL import Image

    with Image.open(tmp_path / "out" / "analytics.png") as chart:
        assert chart.format == "PNG" and chart.size[0] >= 800 and chart.size[1] >= 1200


def test_without_days_the_report_covers_the_stored_days(analytics, published):
    for body in published:
        analytics.record(body)
    assert report.period(analytics, None, None) == (DAY1, DAY2)
    assert report.period(analytics, 7, DAY2) == (date(2026, 11, 15), DAY2)


def test_a_batch_in_one_transaction_gives_what_one_at_a_time_gives(any_analytics, published):
    """The consumer stores what arrived meanwhile in one transaction: the same outcomes in order
    (a malformed message in the middle refused alone, an event repeated inside the batch stored
    once) and the same figures."""
    bad = {"sender_id": "s", "event": "user", "timestamp": "yesterday"}
    batch = published[:40] + [bad] + published[39:]  # published[39] twice, the second time in the same batch
    outcomes = any_analytics.record_many(batch)
    assert isinstance(outcomes[40], MalformedEvent) and str(outcomes[40]) == "no timestamp in seconds since the epoch"
    one_at_a_time = new_store("sqlite://")
    expected = [one_at_a_time.record(body) for body in published[:40]] + [
        one_at_a_time.record(b) for b in published[39:]
    ]
    assert outcomes[:40] + outcomes[41:] == expected and expected.count(DUPLICATE) == (
        0 if expected[39] == IGNORED else 1
    )
    assert any_analytics.daily(DAY1, DAY2) == [DAY1_FIGURES, DAY2_FIGURES]
    again = any_analytics.record_many(published)  # all delivered again: nothing new
    kinds = [new_store("sqlite://").record(body) for body in published]
    assert again == [IGNORED if kind == IGNORED else DUPLICATE for kind in kinds]
    assert any_analytics.daily(DAY1, DAY2) == [DAY1_FIGURES, DAY2_FIGURES]


def test_a_report_reads_one_snapshot_while_the_consumer_writes(tmp_path, published):
    import threading

    from sqlalchemy import func, select

    from analytics.store import events

    url = f"sqlite:///{tmp_path}/analytics.db"
    report_side, consumer_side = new_store(url), AnalyticsStore(url, salt="unit-test-salt-0123456789abcdef0123")
    report_side.record_many(published[:20])
    count = select(func.count()).select_from(events)
    with report_side.connection() as c:
        before = c.execute(count).scalar()
        writer = threading.Thread(target=consumer_side.record_many, args=(published[20:],))
        writer.start()
        writer.join(timeout=2)  # waits for the report's transaction; without one it would be done
        assert c.execute(count).scalar() == before
    writer.join(timeout=60)
    with report_side.connection() as c:
        assert c.execute(count).scalar() > before
    assert report_side.daily(DAY1, DAY2) == [DAY1_FIGURES, DAY2_FIGURES]


def test_the_consumer_batches_what_arrives_within_the_window_and_stops_at_a_signal():
    import asyncio

    from analytics import consumer

    async def scenario():
        inbox: asyncio.Queue = asyncio.Queue()
        loop = asyncio.get_running_loop()
        for item in ("a", "b"):
            inbox.put_nowait(item)
        loop.call_later(consumer.BATCH_SECONDS / 4, inbox.put_nowait, "c")  # within the window
        loop.call_later(consumer.BATCH_SECONDS * 3, inbox.put_nowait, "d")  # after it
        first = await consumer.Consumer._batch(inbox)
        second = await consumer.Consumer._batch(inbox)
        for item in ["e"] * (consumer.PREFETCH + 5):
            inbox.put_nowait(item)
        full = await consumer.Consumer._batch(inbox)
        inbox = asyncio.Queue()
        for item in ("f", consumer._STOP, "g"):
            inbox.put_nowait(item)
        stopped = await consumer.Consumer._batch(inbox)
        return first, second, len(full), stopped

    first, second, full, stopped = asyncio.run(scenario())
    assert first == ["a", "b", "c"] and second == ["d"] and full == consumer.PREFETCH
    assert stopped == ["f", consumer._STOP]


def test_the_consumer_settles_every_message_on_rabbitmq_with_one_acknowledgement_per_batch(analytics, published):
    """On the local RabbitMQ: the events and two messages that are no events go through the
    consumer; once it stops, nothing is left in the queue or comes back (every stored message was
    acknowledged, the others rejected), and the figures are those of the events."""
    import asyncio
    import uuid

    import aio_pika

    from analytics import consumer

    queue_name = f"huankuan_test_events_{uuid.uuid4().hex[:8]}"
    url = "amqp://guest:guest@127.0.0.1:5672/"
    bodies = [json.dumps(body).encode() for body in published]
    bodies.insert(3, b"not json")
    bodies.insert(10, json.dumps({"no": "event"}).encode())
    acknowledgements = []

    async def scenario():
        connection = await aio_pika.connect(url)
        async with connection:
            channel = await connection.channel()
            await channel.declare_queue(queue_name, durable=True)
            for body in bodies:
                await channel.default_exchange.publish(aio_pika.Message(body), routing_key=queue_name)
            reader = consumer.Consumer(analytics, url, queue_name)
            original_ack = aio_pika.IncomingMessage.ack

            async def counted_ack(message, multiple=False):
                acknowledgements.append(multiple)
                return await original_ack(message, multiple=multiple)

            aio_pika.IncomingMessage.ack = counted_ack
            stop = asyncio.Event()
            try:
                running = asyncio.ensure_future(reader.run(stop))
                for _ in range(200):
                    if sum(reader.counts.values()) == len(bodies):
                        break
                    await asyncio.sleep(0.05)
                stop.set()
                await running
            finally:
                aio_pika.IncomingMessage.ack = original_ack
            await asyncio.sleep(0.2)  # anything left unsettled is requeued when the consumer's connection closes
            left = (
                await channel.declare_queue(queue_name, durable=True, passive=True)
            ).declaration_result.message_count
            await channel.queue_delete(queue_name)
            return reader.counts, left

    counts, left = asyncio.run(scenario())
    assert left == 0
    assert counts["dropped"] == 2 and sum(counts.values()) == len(bodies)
    assert counts[STORED] + counts[IGNORED] == len(published)
    assert 1 <= len(acknowledgements) < len(published) and all(acknowledgements)
    assert analytics.daily(DAY1, DAY2) == [DAY1_FIGURES, DAY2_FIGURES]
