"""The three systems under test — the stock `rasa init` bot, this assistant as one instance, and the
cluster of scripts/run-cluster — how each is trained, started on free ports and stopped."""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from bench.load import Message, Script
from bench.processes import Launched, free_port, launch, stop

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "huankuan.tar.gz"
AS_OF = "2026-11-20"
VERY_HIGH = "1000000000"  # rate limits out of the way: every bench conversation comes from 127.0.0.1
LAST_KNOWN_TRAINING = {
    "seconds_low": 95,
    "seconds_high": 105,
    "source": "README 'Measured figures' (rasa train from scratch, machine idle, 2026-12-01)",
}

STOCK_SCRIPT = Script(
    [  # the stock bot's own "sad path 1" story
        Message("hi", "Hey! How are you?"),
        Message("I am sad", "Here is something to cheer you up"),
        Message("yes", "Great, carry on!"),
        Message("bye", "Bye"),
    ]
)


def ours_script(token: str) -> Script:
    """A borrower signed in to the lender's app (B001, 71 days overdue on the fixture's as_of).
    The plan quote comes last: it opens the confirmation form, where a side question such as
    逾期了会怎样 gets the confirmation prompt again instead of an answer."""
    return Script(
        [
            Message("我欠多少钱", "3363.24"),
            Message("为什么有罚息", "62.76"),
            Message("逾期了会怎样", "民事"),
            Message("分6期每月还多少", "580.32"),
        ],
        metadata=lambda: {"auth_token": token},
    )


def selective_domain(endpoints: Path) -> bool:
    """Whether Rasa leaves the domain out of its action server requests (endpoints.yml)."""
    try:
        config = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return False
    return bool((config.get("action_endpoint") or {}).get("enable_selective_domain"))


@dataclass
class Running:
    name: str
    webhook: str
    api: Optional[str]  # base URL of the Rasa HTTP API (/model/parse, /conversations), when reachable
    action_webhook: Optional[str]
    processes: List[Launched]
    startup: Dict[str, object] = field(default_factory=dict)
    selective_domain: bool = False
    no_api_reason: str = ""

    def stop(self) -> None:
        stop(*reversed(self.processes))


class StartFailed(RuntimeError):
    pass


def base_env() -> Dict[str, str]:
    os.environ.setdefault("ACTION_SERVER_TOKEN", secrets.token_hex(32))  # one for all the servers a run starts
    return dict(
        os.environ,
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        PYTHONPATH=str(ROOT),
    )


def _get_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _post_json(url: str, body: dict, timeout: float = 120):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.loads(response.read() or b"null")


def wait_until_up(url: str, watched: List[Launched], seconds: float) -> float:
    """Seconds until GET url answers 200; StartFailed if a watched process dies or time runs out."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if _get_ok(url):
            return time.monotonic()
        for process in watched:
            if not process.alive():
                raise StartFailed(
                    f"{process.label} exited early (code {process.process.returncode}):\n" f"{process.log_tail()}"
                )
        time.sleep(0.2)
    raise StartFailed(f"{url} not up after {seconds:.0f} s:\n" + "\n".join(p.log_tail(1500) for p in watched))


def answering(
    running: Running, up_url: str, up_seconds: float, message: Message, metadata: Optional[dict]
) -> Tuple[float, float]:
    """When up_url first answered and when the first message got a real answer, watching all of
    running's processes; on failure the processes are stopped."""
    try:
        http_up = wait_until_up(up_url, running.processes, up_seconds)
        return http_up, first_answer(running.webhook, message, metadata, running.processes)
    except BaseException:
        running.stop()
        raise


def first_answer(
    webhook: str, message: Message, metadata: Optional[dict], watched: List[Launched], seconds: float = 240
) -> float:
    """time.monotonic() when the first message got a real answer (the first turn warms TensorFlow)."""
    started = time.monotonic()
    body = {"sender": f"bench-startup-{os.getpid()}-{time.time_ns()}", "message": message.text}
    if metadata is not None:
        body["metadata"] = metadata
    last = "nothing"
    while time.monotonic() - started < seconds:
        try:
            status, replies = _post_json(webhook, body)
            last = f"HTTP {status}: {json.dumps(replies, ensure_ascii=False)[:300]}"
            if status == 200 and replies and message.expect in "\n".join(str(r.get("text", "")) for r in replies):
                return time.monotonic()
        except (urllib.error.URLError, OSError, ValueError) as error:
            last = repr(error)
        for process in watched:
            if not process.alive():
                raise StartFailed(f"{process.label} exited early:\n{process.log_tail()}")
        body["sender"] += "x"
        time.sleep(0.2)
    raise StartFailed(
        f"no right answer to {message.text!r} from {webhook} after {seconds:.0f} s "
        f"(expected {message.expect!r}; last: {last})"
    )


# --- the stock bot -------------------------------------------------------------------------------


def stock_model(work: Path) -> Optional[Path]:
    models = sorted((work / "stock" / "models").glob("*.tar.gz"))
    return models[-1] if models else None


def train_stock(work: Path) -> Dict[str, object]:
    """`rasa init --no-prompt` into a fresh directory (it trains the stock model), timed, with an
    empty training cache so nothing is reused from an earlier run."""
    project = work / "stock"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    cache = work / "cache-stock"
    shutil.rmtree(cache, ignore_errors=True)
    log = work / "logs" / "stock-init.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    argv = [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)]
    started = time.monotonic()
    with open(log, "w") as out:
        completed = subprocess.run(
            argv,
            cwd=ROOT,
            env=dict(base_env(), RASA_CACHE_DIRECTORY=str(cache)),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    seconds = time.monotonic() - started
    models = sorted((project / "models").glob("*.tar.gz"))
    if completed.returncode != 0 or not models:
        raise StartFailed(f"rasa init failed (code {completed.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
    return {
        "measured": True,
        "seconds": round(seconds, 1),
        "command": " ".join(argv[1:]),
        "note": "wall time of rasa init (project copy + full training, NLU and core), empty cache",
        "model_bytes": models[-1].stat().st_size,
    }


def start_stock(work: Path, api_token: str) -> Running:
    project = work / "stock"
    port = free_port()
    argv = [
        str(BIN / "rasa"),
        "run",
        "--model",
        "models",
        "--port",
        str(port),
        "--interface",
        "127.0.0.1",
        "--enable-api",
        "--auth-token",
        api_token,
    ]
    rasa = launch("stock rasa server", argv, project, base_env(), work / "logs" / "stock-rasa.log")
    url = f"http://127.0.0.1:{port}"
    running = Running("stock", f"{url}/webhooks/rest/webhook", url, None, [rasa])
    http_up, answered = answering(running, f"{url}/", 300, STOCK_SCRIPT.messages[0], None)
    running.startup = {
        "seconds_to_first_answer": round(answered - rasa.started_at, 2),
        "rasa_http_up_s": round(http_up - rasa.started_at, 2),
        "first_answer_latency_ms": round((answered - http_up) * 1000, 1),
        "action_server": "none: the stock endpoints.yml has no action_endpoint and its stories use no custom action",
    }
    return running


# --- this assistant, one instance ----------------------------------------------------------------


def ours_env(work: Path, secret: str, action_port: int, extra: Dict[str, str]) -> Dict[str, str]:
    store = work / "ours"
    store.mkdir(parents=True, exist_ok=True)
    return dict(
        base_env(),
        DATABASE_URL=f"sqlite:///{store / 'loan_store.db'}",
        ASSISTANT_TODAY=AS_OF,
        ASSISTANT_JWT_SECRET=secret,
        SMS_OUTBOX=str(store / "sms_outbox.jsonl"),
        RATE_LIMIT_PER_ADDRESS=VERY_HIGH,
        RATE_LIMIT_PER_CONVERSATION=VERY_HIGH,
        ACTION_PORT=str(action_port),
        ACTION_ENDPOINT=f"http://127.0.0.1:{action_port}/webhook",
        **extra,
    )


def start_ours(work: Path, secret: str, api_token: str, token: str, extra_env: Dict[str, str]) -> Running:
    """As scripts/run-servers does (action server first, then the Rasa server), plus the HTTP API
    with the bench's auth token, on a freshly seeded SQLite store."""
    if not MODEL.exists():
        raise StartFailed(f"no trained model at {MODEL}: run `make train` first")
    action_port, rasa_port = free_port(), free_port()
    env = ours_env(work, secret, action_port, extra_env)
    env["RASA_PORT"] = str(rasa_port)
    subprocess.run(
        [str(BIN / "python"), "-m", "loan_store.seed", "--reset"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    actions = launch(
        "action server",
        [str(ROOT / "scripts" / "run-actions"), str(action_port)],
        ROOT,
        env,
        work / "logs" / "ours-actions.log",
    )
    running = Running(
        "ours",
        f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
        f"http://127.0.0.1:{rasa_port}",
        f"http://127.0.0.1:{action_port}/webhook",
        [actions],
        selective_domain=selective_domain(ROOT / "endpoints.yml"),
    )
    try:
        actions_up = wait_until_up(f"http://127.0.0.1:{action_port}/health", [actions], 240)
        rasa = launch(
            "rasa server",
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
                str(rasa_port),
                "--interface",
                "127.0.0.1",
                "--cors",
                "*",
                "--enable-api",
                "--auth-token",
                api_token,
            ],
            ROOT,
            env,
            work / "logs" / "ours-rasa.log",
        )
        running.processes.append(rasa)
        http_up = wait_until_up(f"{running.api}/", [actions, rasa], 300)
        first = ours_script(token)
        answered = first_answer(running.webhook, first.messages[0], first.metadata(), [actions, rasa])
    except BaseException:
        running.stop()
        raise
    running.startup = {
        "seconds_to_first_answer": round(answered - actions.started_at, 2),
        "action_server_up_s": round(actions_up - actions.started_at, 2),
        "rasa_http_up_s": round(http_up - rasa.started_at, 2),
        "first_answer_latency_ms": round((answered - http_up) * 1000, 1),
        "note": "from the launch of the action server (scripts/run-servers starts it first and waits for "
        "its /health) to the first answered 我欠多少钱",
    }
    return running


def train_ours(work: Path) -> Dict[str, object]:
    """`rasa train` of this project into a temporary directory with an empty cache (--train-ours)."""
    with tempfile.TemporaryDirectory(dir=work) as out:
        log = work / "logs" / "ours-train.log"
        argv = [str(BIN / "rasa"), "train", "--out", out, "--fixed-model-name", "bench"]
        started = time.monotonic()
        with open(log, "w") as handle:
            completed = subprocess.run(
                argv,
                cwd=ROOT,
                env=dict(base_env(), RASA_CACHE_DIRECTORY=str(Path(out) / "cache")),
                stdout=handle,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        seconds = time.monotonic() - started
        model = Path(out) / "bench.tar.gz"
        if completed.returncode != 0 or not model.exists():
            return {"measured": False, "reason": f"rasa train failed (code {completed.returncode}), see {log}"}
        return {
            "measured": True,
            "seconds": round(seconds, 1),
            "command": "rasa train --out <tmp> (empty cache)",
            "model_bytes": model.stat().st_size,
        }


def ours_training_not_measured() -> Dict[str, object]:
    return {
        "measured": False,
        "reason": "not measured in this run (pass --train-ours)",
        "last_known": LAST_KNOWN_TRAINING,
        "model_bytes": MODEL.stat().st_size if MODEL.exists() else None,
    }


# --- the cluster ---------------------------------------------------------------------------------

CLUSTER_SCRIPT = ROOT / "scripts" / "run-cluster"
# The bench's own databases, lock/dedup Redis db and event queue, so that it neither reads nor
# fills what `make run-cluster` or the tests use; the tracker database and the queue are removed
# after the run.
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
CLUSTER_STORES = {
    "DATABASE_URL": f"{POSTGRES}/huankuan_bench",
    "TRACKER_STORE_URL": f"{POSTGRES}/huankuan_bench_tracker",
    "LOCK_STORE_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
    "EVENT_BROKER_URL": os.environ.get("BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/"),
    "EVENT_BROKER_QUEUE": "huankuan_bench_events",
    "ANALYTICS_DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'bench' / 'cluster' / 'analytics.db'}",
}


def _drop_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}"'))
    finally:
        admin.dispose()


def _delete_queue(url: str, queue: str) -> None:
    import asyncio

    import aio_pika

    from stores.broker import router_name

    async def delete() -> None:
        connection = await aio_pika.connect(url)
        try:
            channel = await connection.channel()
            await channel.queue_delete(queue)
            await channel.exchange_delete(router_name(queue))
        finally:
            await connection.close()

    asyncio.run(delete())


def queue_depth(url: str, queue: str) -> Optional[int]:
    """Messages waiting in the queue (None when RabbitMQ or the queue cannot be reached)."""
    import asyncio

    import aio_pika

    async def depth() -> int:
        connection = await aio_pika.connect(url)
        try:
            channel = await connection.channel()
            declared = await channel.declare_queue(queue, durable=True, passive=True)
            return declared.declaration_result.message_count
        finally:
            await connection.close()

    try:
        return asyncio.run(depth())
    except Exception:
        return None


def analytics_settled(timeout: float = 180.0) -> Dict[str, object]:
    """Waits until the analytics consumer has caught up with the cluster's event queue, so that a
    level does not pay for the events of the one before; says how far behind it was and for how long."""
    url, queue = CLUSTER_STORES["EVENT_BROKER_URL"], CLUSTER_STORES["EVENT_BROKER_QUEUE"]
    started = time.monotonic()
    backlog = depth = queue_depth(url, queue)
    while depth and time.monotonic() - started < timeout:
        time.sleep(0.5)
        depth = queue_depth(url, queue)
    return {
        "backlog_events": backlog,
        "seconds_to_catch_up": round(time.monotonic() - started, 1),
        "left_events": depth,
    }


def clean_cluster_stores() -> List[str]:
    """Removes the bench's tracker database and event queue; returns what could not be removed."""
    problems = []
    for what, remove in (
        ("tracker database", lambda: _drop_database(CLUSTER_STORES["TRACKER_STORE_URL"])),
        (
            "event queue",
            lambda: _delete_queue(CLUSTER_STORES["EVENT_BROKER_URL"], CLUSTER_STORES["EVENT_BROKER_QUEUE"]),
        ),
    ):
        try:
            remove()
        except Exception as error:  # reported, never fatal: the figures are already measured
            problems.append(f"{what}: {type(error).__name__}: {error}")
    return problems


def start_cluster(work: Path, secret: str, token: str) -> Running:
    """scripts/run-cluster in the foreground (until SIGTERM), nginx on CLUSTER_PORT, every port free,
    on the bench's own stores: a freshly seeded loan store and an empty tracker database."""
    port, lb_port = free_port(), free_port()
    rasa_ports, action_ports = [free_port() for _ in range(2)], [free_port() for _ in range(2)]
    env = dict(
        base_env(),
        **CLUSTER_STORES,
        CLUSTER_PORT=str(port),
        CLUSTER_ACTIONS_LB_PORT=str(lb_port),
        CLUSTER_RASA_PORTS=" ".join(map(str, rasa_ports)),
        CLUSTER_ACTION_PORTS=" ".join(map(str, action_ports)),
        CLUSTER_RUN_DIR=str(work / "cluster"),
        ASSISTANT_TODAY=AS_OF,
        ASSISTANT_JWT_SECRET=secret,
        RATE_LIMIT_PER_ADDRESS=VERY_HIGH,
        RATE_LIMIT_PER_CONVERSATION=VERY_HIGH,
    )
    (work / "cluster" / "analytics.db").unlink(missing_ok=True)
    try:
        _drop_database(CLUSTER_STORES["TRACKER_STORE_URL"])
        subprocess.run(
            [str(BIN / "python"), "-m", "loan_store.seed", "--create-database", "--reset"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    except subprocess.CalledProcessError as error:
        raise StartFailed(
            f"could not seed the bench loan store {CLUSTER_STORES['DATABASE_URL']}: "
            f"{error.stderr.decode(errors='replace')[-1500:]}"
        ) from error
    except Exception as error:
        raise StartFailed(f"the cluster's stores are not reachable: {type(error).__name__}: {error}") from error
    script = launch("run-cluster", [str(CLUSTER_SCRIPT)], ROOT, env, work / "logs" / "cluster.log")
    url = f"http://127.0.0.1:{port}"
    running = Running(
        "cluster",
        f"{url}/webhooks/rest/webhook",
        None,
        None,
        [script],
        no_api_reason=(
            "not measured: scripts/run-cluster starts its Rasa servers without --enable-api, so /model/parse "
            "is not served; the replicas run the same model and action code as the single instance, whose "
            "breakdown applies"
        ),
    )
    first = ours_script(token)
    http_up, answered = answering(running, f"{url}/", 600, first.messages[0], first.metadata())
    running.startup = {
        "seconds_to_first_answer": round(answered - script.started_at, 2),
        "nginx_up_s": round(http_up - script.started_at, 2),
        "first_answer_latency_ms": round((answered - http_up) * 1000, 1),
        "note": "from the launch of scripts/run-cluster (seeding excluded) to the first answered 我欠多少钱 "
        "through nginx; run-cluster starts both replicas of each kind in parallel",
        "stores": {k: v for k, v in CLUSTER_STORES.items()},
    }
    return running
