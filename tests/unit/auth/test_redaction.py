"""What a stored conversation may hold (auth/redaction.py) and the stores that apply it."""

import asyncio

import pytest

from auth.redaction import ENCRYPTED_PREFIX, REDACTED, decrypt_value, redact_text, stored_event
from auth.tokens import host_token_auth_time, mint_host_token, mint_session_token


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("我的手机13800138001", "我的手机138****8001"),
        ("手机号 138 0013 8001 谢谢", "手机号 138****8001 谢谢"),
        ("１３８００１３８００１", "138****8001"),
        ("+86 138-0013-8001", "+86 138****8001"),
        # Every spelling the phone and code parsers accept (#15 item 8).
        ("我的手机 138.0013.8001", "我的手机 138****8001"),
        ("138—0013—8001", "138****8001"),
        ("１３８－００１３－８００１", "138****8001"),
        ("138  0013  8001", "138****8001"),
        ("验证码 123.456", "验证码 *******"),
        ("验证码 12-34-56", "验证码 ********"),
        ("日期2026-11-20", "日期2026-11-20"),
        ("验证码是123456", "验证码是******"),
        ("身份证后四位3012", "身份证后四位****"),
        ("身份证号11010119900307123X", "身份证号******************"),
        ("银行卡6222020200112233445", "银行卡*******************"),
        ("分6期每月800，一万五也行", "分6期每月800，一万五也行"),
        ("下周五2026-12-04还", "下周五2026-12-04还"),
        ("方案编号P20261201-AB12", "方案编号P20261201-AB12"),
        # Chinese digits, which the parsers read as a number, are hidden as one
        ("我手机一三八零零一三八零零一", "我手机138****8001"),
        ("验证码九八一八二三", "验证码******"),
        ("一万五千", "一万五千"),
    ],
)
def test_typed_numbers_are_masked_and_figures_kept(typed, stored):
    assert redact_text(typed) == stored


def test_a_token_in_text_is_dropped():
    token = mint_host_token("B001")
    assert redact_text(f"我的token {token} 你看") == f"我的token {REDACTED} 你看"


def test_a_user_event_keeps_no_phone_code_or_token():
    token = mint_host_token("B001")
    event = {
        "event": "user",
        "text": "13800138001",
        "parse_data": {
            "text": "13800138001",
            "intent": {"name": "inform"},
            "entities": [{"entity": "phone", "value": "13800138001"}],
        },
        "metadata": {"auth_token": token, "wechat_binding": token, "channel": {"page": "web"}},
    }
    stored = stored_event(event)
    assert stored["text"] == "138****8001"
    assert stored["parse_data"]["entities"][0]["value"] == "138****8001"
    assert stored["parse_data"]["intent"] == {"name": "inform"}
    assert stored["metadata"] == {"auth_token": REDACTED, "wechat_binding": REDACTED, "channel": {"page": "web"}}
    assert event["text"] == "13800138001"  # the running conversation's event is left alone


def test_typed_slots_are_masked_and_other_slots_kept():
    assert stored_event({"event": "slot", "name": "otp_code", "value": "654321"})["value"] == "******"
    assert stored_event({"event": "slot", "name": "phone", "value": "13800138001"})["value"] == "138****8001"
    assert stored_event({"event": "slot", "name": "plan_term", "value": 6})["value"] == 6
    assert stored_event({"event": "slot", "name": "plan_amount", "value": "800000"})["value"] == "800000"


def test_free_text_slots_are_redacted_too():
    """#15 item 8: what a complaint says is typed by the borrower, and kept redacted."""
    said = "催收打我138.0013.8001，还打给我妈 139 0000 1111，验证码123456他也问了"
    assert stored_event({"event": "slot", "name": "complaint_text", "value": said})["value"] == (
        "催收打我138****8001，还打给我妈 139****1111，验证码******他也问了"
    )
    assert (
        stored_event({"event": "slot", "name": "complaint_others", "value": "我妈 13900001111"})["value"]
        == "我妈 139****1111"
    )
    # The collector's number is what the ticket is about; validated figures stay as they are.
    assert stored_event({"event": "slot", "name": "complaint_caller", "value": "02112345678"})["value"] == "02112345678"
    assert stored_event({"event": "slot", "name": "promise_amount", "value": "3363.24"})["value"] == "3363.24"
    assert stored_event({"event": "slot", "name": "promise_date", "value": "2026-11-27"})["value"] == "2026-11-27"


def test_the_session_start_metadata_keeps_no_token():
    event = {"event": "slot", "name": "session_started_metadata", "value": {"auth_token": mint_host_token("B001")}}
    assert stored_event(event)["value"] == {"auth_token": REDACTED}


def test_the_session_token_is_stored_encrypted_and_opened_again():
    session = mint_session_token("B001", "conv-1")
    stored = stored_event({"event": "slot", "name": "identity", "value": session})
    assert (
        stored["value"].startswith(ENCRYPTED_PREFIX)
        and "B001" not in stored["value"]
        and session not in stored["value"]
    )
    assert decrypt_value(stored["value"]) == session
    assert stored_event(stored) == stored  # never encrypted twice


def test_a_value_encrypted_under_another_secret_is_forgotten():
    stored = stored_event({"event": "slot", "name": "identity", "value": "x"}, secret="a" * 40)
    assert decrypt_value(stored["value"], secret="b" * 40) is None


def test_auth_time_is_when_the_person_logged_in():
    assert host_token_auth_time(mint_host_token("B001", auth_time=1700000000)) == 1700000000
    assert host_token_auth_time("not a token") == 0.0


def test_the_tracker_store_keeps_redacted_events_and_gives_back_live_ones(tmp_path, monkeypatch):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from sqlalchemy import create_engine, text

    from stores.tracker import PrivateTrackerStore
    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path}/tracker.db"
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = PrivateTrackerStore(domain=domain)
    session = mint_session_token("B001", "conv-9")
    tracker = DialogueStateTracker.from_events(
        "conv-9",
        [
            ActionExecuted("action_listen"),
            UserUttered("我手机13800138001", {"name": "inform"}, metadata={"auth_token": mint_host_token("B001")}),
            SlotSet("phone", "13800138001"),
            SlotSet("identity", session),
        ],
        domain.slots,
    )
    asyncio.run(store.save(tracker))
    rows = [r[0] for r in create_engine(url).connect().execute(text("select data from events order by id"))]
    assert len(rows) == 4
    dump = "\n".join(rows)
    assert "13800138001" not in dump and session not in dump and "eyJ" not in dump
    assert '"text": "\\u6211\\u624b\\u673a138****8001"' in dump
    again = asyncio.run(store.retrieve("conv-9"))
    assert again.get_slot("identity") == session
    assert again.get_slot("phone") == "138****8001"
    assert [e.as_dict()["event"] for e in again.events] == ["action", "user", "slot", "slot"]


def test_production_refuses_a_tracker_store_in_memory(monkeypatch):
    from rasa.shared.exceptions import RasaException

    from stores.tracker import PrivateTrackerStore

    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    monkeypatch.setenv("ASSISTANT_ENV", "production")
    with pytest.raises(RasaException, match="TRACKER_STORE_URL"):
        PrivateTrackerStore()


def test_sql_store_arguments_split_a_postgres_url():
    from stores.tracker import sql_store_arguments

    assert sql_store_arguments("postgresql://postgres:pw@127.0.0.1:5432/huankuan_tracker") == {
        "dialect": "postgresql",
        "db": "huankuan_tracker",
        "host": "127.0.0.1",
        "port": 5432,
        "username": "postgres",
        "password": "pw",
        "login_db": "postgres",
    }
    assert sql_store_arguments("sqlite:///var/tracker.db") == {"dialect": "sqlite", "db": "var/tracker.db"}


@pytest.mark.parametrize("url", ["", "sqlite"])
def test_a_conversation_saved_retrieved_and_saved_again_keeps_every_event_once(tmp_path, monkeypatch, url):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered

    from stores.tracker import PrivateTrackerStore
    from tests.conftest import ROOT

    if url:
        monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path}/tracker.db")
    else:
        monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = PrivateTrackerStore(domain=domain)
    session = mint_session_token("B002", "conv-7")
    first = store.init_tracker("conv-7")
    for event in (
        ActionExecuted("action_listen"),
        UserUttered("验证码 654321", {"name": "inform"}),
        SlotSet("identity", session),
        SlotSet("otp_code", "654321"),
    ):
        first.update(event)
    asyncio.run(store.save(first))
    live = asyncio.run(store.retrieve("conv-7"))
    assert live.get_slot("identity") == session and live.get_slot("otp_code") == "******"
    assert [e.value for e in live.events if isinstance(e, SlotSet)] == [session, "******"]
    live.update(UserUttered("我欠多少钱", {"name": "check_overdue"}))
    asyncio.run(store.save(live))
    again = asyncio.run(store.retrieve("conv-7"))
    assert [e.as_dict()["event"] for e in again.events] == ["action", "user", "slot", "slot", "user"]
    assert again.latest_message.text == "我欠多少钱" and again.get_slot("identity") == session
    assert again.events[1].text == "验证码 ******"


@pytest.mark.parametrize("url", ["", "sqlite"])
def test_the_broker_gets_every_stored_event_once_redacted(tmp_path, monkeypatch, url):
    from rasa.core.brokers.broker import EventBroker
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered

    from stores.tracker import PrivateTrackerStore
    from tests.conftest import ROOT

    class Recorder(EventBroker):
        def __init__(self):
            self.published = []

        def publish(self, event):
            self.published.append(event)

    if url:
        monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path}/tracker.db")
    else:
        monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    broker = Recorder()
    store = PrivateTrackerStore(domain=Domain.load(str(ROOT / "domain.yml")), event_broker=broker)
    tracker = asyncio.run(store.get_or_create_tracker("conv-8"))  # created and saved: not handed out before
    tracker.update(UserUttered("13800138001", {"name": "inform"}))
    tracker.update(SlotSet("phone", "13800138001"))
    asyncio.run(store.save(tracker))
    tracker.update(ActionExecuted("verification_form"))
    asyncio.run(store.save(tracker))  # the same turn saved again: only the new event
    later = asyncio.run(store.retrieve("conv-8"))
    later.update(UserUttered("我欠多少钱", {"name": "check_overdue"}))
    asyncio.run(store.save(later))
    assert [(e["event"], e.get("text") or e.get("value") or e.get("name")) for e in broker.published] == [
        ("action", "action_listen"),
        ("user", "138****8001"),
        ("slot", "138****8001"),
        ("action", "verification_form"),
        ("user", "我欠多少钱"),
    ]
    assert {e["sender_id"] for e in broker.published} == {"conv-8"}
    stored = asyncio.run(store.retrieve("conv-8"))
    assert [e.as_dict() for e in stored.events] == [
        {k: v for k, v in e.items() if k != "sender_id"} for e in broker.published
    ]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_sql_store_writes_the_rows_rasas_own_sql_store_writes(tmp_path, monkeypatch, request, backend):
    """Ours inserts a turn's events in one statement and reads back only their JSON; the rows are
    the ones Rasa's SQLTrackerStore.save writes for the same redacted events, and Rasa's store reads
    ours back as the same tracker."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from sqlalchemy import create_engine, text

    from stores.tracker import PrivateTrackerStore, sql_store_arguments
    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path}/ours.db" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    domain = Domain.load(str(ROOT / "domain.yml"))
    ours = PrivateTrackerStore(domain=domain)
    sender = f"rows-{backend}-{tmp_path.name[-12:]}"
    tracker = asyncio.run(ours.get_or_create_tracker(sender))
    turn = [
        UserUttered(
            "我手机13800138001", {"name": "inform", "confidence": 0.9}, [{"entity": "phone", "value": "13800138001"}]
        ),
        SlotSet("phone", "13800138001"),
        ActionExecuted("utter_ask_code"),
        BotUttered("请输入验证码"),
        ActionExecuted("action_listen"),
    ]
    for event in turn:
        tracker.update(event)
    asyncio.run(ours.save(tracker))

    rasas = SQLTrackerStore(domain=domain, **sql_store_arguments(f"sqlite:///{tmp_path}/rasa.db"))
    asyncio.run(rasas.save(ours._stored(tracker)))
    columns = "sender_id, type_name, timestamp, intent_name, action_name, data"

    def rows(engine_url):
        engine = create_engine(engine_url)
        with engine.connect() as connection:
            found = [
                tuple(r)
                for r in connection.execute(
                    text(f"select {columns} from events where sender_id = :s order by id"), {"s": sender}
                )
            ]
        engine.dispose()
        return found

    written = rows(url)
    assert written == rows(f"sqlite:///{tmp_path}/rasa.db")
    assert [r[1] for r in written] == ["action", "user", "slot", "action", "bot", "action"]
    assert written[1][3] == "inform" and written[3][4] == "utter_ask_code"
    assert "13800138001" not in "".join(r[5] for r in written)
    read_by_rasa = asyncio.run(SQLTrackerStore(domain=domain, **sql_store_arguments(url)).retrieve(sender))
    read_by_ours = asyncio.run(ours.retrieve(sender))
    assert [e.as_dict() for e in read_by_ours.events] == [e.as_dict() for e in read_by_rasa.events]
    assert read_by_ours.get_slot("phone") == "138****8001"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_sql_store_reads_the_sessions_rasas_own_sql_store_reads(tmp_path, monkeypatch, request, backend):
    """Ours runs Rasa's query built once, on a plain connection: for a conversation of two sessions
    it gives the last session (retrieve), all of them (retrieve_full_tracker) and the count of the
    last one exactly as Rasa's SQLTrackerStore does."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered

    from stores.tracker import PrivateTrackerStore, sql_store_arguments
    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path}/ours.db" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    domain = Domain.load(str(ROOT / "domain.yml"))
    ours = PrivateTrackerStore(domain=domain)
    rasas = SQLTrackerStore(domain=domain, **sql_store_arguments(url))
    sender = f"sessions-{backend}-{tmp_path.name[-12:]}"
    assert asyncio.run(ours.retrieve(sender)) is None and ours.inner.stored_count(sender) == 0
    tracker = ours.init_tracker(sender)
    day_one = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("你好", {"name": "greet"}),
        ActionExecuted("utter_greet"),
        BotUttered("您好"),
        ActionExecuted("action_listen"),
    ]
    for number, event in enumerate(day_one):
        event.timestamp = 1763600000.0 + number
        tracker.update(event)
    asyncio.run(ours.save(tracker))
    day_two = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("我欠多少钱", {"name": "check_overdue"}),
    ]
    for number, event in enumerate(day_two):
        event.timestamp = 1763690000.0 + number
        tracker.update(event)
    asyncio.run(ours.save(tracker))

    def dicts(found):
        return [e.as_dict() for e in found.events]

    last, full = asyncio.run(ours.retrieve(sender)), asyncio.run(ours.retrieve_full_tracker(sender))
    assert dicts(last) == dicts(asyncio.run(rasas.retrieve(sender)))
    assert dicts(full) == dicts(asyncio.run(rasas.retrieve_full_tracker(sender)))
    assert [e["event"] for e in dicts(last)] == ["session_started", "action", "user"]
    assert [e["timestamp"] for e in dicts(full)] == [e.timestamp for e in day_one + day_two]
    assert ours.inner.stored_count(sender) == 3
