"""Starts the action server and the Rasa server on the demo store, as `make run` does, for real
conversations over the REST webhook."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, TEST_SECRET
from tests.e2e import fake_wechat

MODEL = ROOT / "models" / "huankuan.tar.gz"
AS_OF = "2026-11-20"
CONVERSATION_LIMIT = 60  # turns a minute per conversation on the test servers
# The end-to-end tests verify the same demo phones many times a minute; the SMS throttles themselves
# are tested in tests/unit/auth/test_tokens_and_codes.py.
os.environ.setdefault("OTP_RESEND_SECONDS", "0")
os.environ.setdefault("OTP_DAILY_CAP", "100000")
# The shared secret every Rasa server of the tests shows the action servers (actions/server.py).
os.environ.setdefault("ACTION_SERVER_TOKEN", secrets.token_hex(32))
# What the contact engine shows the web chat to say a reminder in an open conversation.
os.environ.setdefault("CHANNEL_NOTIFY_TOKEN", secrets.token_hex(32))
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server not up after {seconds}s:\n{log.read_text(errors='replace')[-4000:]}")


class Assistant:
    def __init__(self, rasa_url: str, outbox: Path, database_url: str) -> None:
        self.rasa_url, self.outbox, self.database_url = rasa_url, outbox, database_url

    def say(self, sender: str, text: str, metadata: dict = None) -> list:
        body = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()

    def text(self, sender: str, text: str, metadata: dict = None) -> str:
        return "\n".join(m["text"] for m in self.say(sender, text, metadata) if "text" in m)  # not custom payloads

    def last_code(self, phone: str) -> str:
        lines = (
            [json.loads(l) for l in self.outbox.read_text(encoding="utf-8").splitlines()]
            if self.outbox.exists()
            else []
        )
        return [l["code"] for l in lines if l["phone"] == phone and l.get("code")][-1]  # not a notice

    def sms_count(self) -> int:
        return len(self.outbox.read_text(encoding="utf-8").splitlines()) if self.outbox.exists() else 0


def start_rasa(env: dict, port: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "python"),
            "-m",
            "rasa_patches",
            "run",
            "--model",
            str(MODEL),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
            "--port",
            str(port),
            "--interface",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(log, "w"),
        stderr=subprocess.STDOUT,
    )


def stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def wechat_platform():
    platform = fake_wechat.FakeWeChat(free_port()).start()
    yield platform
    platform.stop()


@pytest.fixture(scope="session")
def servers(tmp_path_factory, wechat_platform):
    assert MODEL.exists(), f"no trained model at {MODEL}: run `make train` first"
    work = tmp_path_factory.mktemp("e2e")
    rasa_port, action_port = free_port(), free_port()
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{work}/loan_store.db",
        ASSISTANT_TODAY=AS_OF,
        ASSISTANT_JWT_SECRET=TEST_SECRET,
        SMS_OUTBOX=str(work / "sms_outbox.jsonl"),
        ACTION_ENDPOINT=f"http://127.0.0.1:{action_port}/webhook",
        RASA_TELEMETRY_ENABLED="false",
        PYTHONPATH=str(ROOT),
        RASA_PORT=str(rasa_port),
        RATE_LIMIT_PER_ADDRESS="1000000",  # every test talks from 127.0.0.1
        # Many tests talk as B001 in one conversation: 20 turns a minute (the default) is reached by
        # the suite, depending on where the minute boundaries fall, and a refused turn fails a test
        # that has nothing to do with limits (test_fuzz checks the limit itself).
        RATE_LIMIT_PER_CONVERSATION=str(CONVERSATION_LIMIT),
        DOCUMENT_REQUESTS_PER_MINUTE="1000000",
        REDIS_URL=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
        WECHAT_TOKEN=fake_wechat.TOKEN,
        WECHAT_APPID=fake_wechat.APPID,
        WECHAT_SECRET=fake_wechat.SECRET,
        WECHAT_AES_KEY=fake_wechat.AES_KEY,
        WECHAT_COMPATIBLE="1",
        WECHAT_API_BASE=f"http://127.0.0.1:{wechat_platform.port}",
    )
    subprocess.run([str(BIN / "python"), "-m", "loan_store.seed", "--reset"], cwd=ROOT, env=env, check=True)
    logs = {name: work / f"{name}.log" for name in ("actions", "rasa")}
    actions = subprocess.Popen(
        [str(ROOT / "scripts" / "run-actions"), str(action_port)],
        cwd=ROOT,
        env=env,
        stdout=open(logs["actions"], "w"),
        stderr=subprocess.STDOUT,
    )
    rasa = start_rasa(env, rasa_port, logs["rasa"])
    try:
        wait_until_up(f"http://127.0.0.1:{action_port}/health", actions, logs["actions"])
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, logs["rasa"])
        yield Assistant(f"http://127.0.0.1:{rasa_port}", work / "sms_outbox.jsonl", env["DATABASE_URL"]), env, work
    finally:
        stop(rasa, actions)


@pytest.fixture(scope="session")
def assistant(servers):
    return servers[0]


@pytest.fixture(scope="session")
def slow_wechat(servers):
    """A second Rasa server on the same store whose passive-reply window is too short for any
    answer, so every reply goes through the customer-service API."""
    _, env, work = servers
    port = free_port()
    log = work / "rasa-slow.log"
    rasa = start_rasa(dict(env, WECHAT_PASSIVE_SECONDS="0.001"), port, log)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", rasa, log)
        yield f"http://127.0.0.1:{port}/webhooks/wechat/webhook"
    finally:
        stop(rasa)


@pytest.fixture(scope="session")
def slow_wechat_twin(servers, slow_wechat):
    """A third Rasa server like `slow_wechat`: two replicas that answer only through the
    customer-service API, sharing Redis as the cluster's replicas do."""
    _, env, work = servers
    port = free_port()
    log = work / "rasa-slow-twin.log"
    rasa = start_rasa(dict(env, WECHAT_PASSIVE_SECONDS="0.001"), port, log)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", rasa, log)
        yield f"http://127.0.0.1:{port}/webhooks/wechat/webhook"
    finally:
        stop(rasa)


@pytest.fixture
def sender():
    return f"e2e-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def without_actions(servers):
    """A Rasa server on the same store whose action server is unreachable."""
    _, env, work = servers
    port = free_port()
    log = work / "rasa-no-actions.log"
    rasa = start_rasa(dict(env, ACTION_ENDPOINT="http://127.0.0.1:9/webhook"), port, log)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", rasa, log)
        yield Assistant(f"http://127.0.0.1:{port}", work / "sms_outbox.jsonl", env["DATABASE_URL"])
    finally:
        stop(rasa)
