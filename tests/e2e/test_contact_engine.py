"""The contact engine as it runs (#19): the scheduler process runs the pinned day on start and keeps
its 15-minute job in SQL; a second start sends nothing twice; a bound borrower who turned reminders on
gets the due-date reminder as a WeChat template message (the fake WeChat platform)."""

import json
import os
import subprocess
import sys
import time
from datetime import date, datetime

from sqlalchemy import create_engine, text

from auth.sms import KeyedOutbox, OutboxGateway
from channels.wechat_api import WeChatApi
from loan_store.repository import LoanStore
from loan_store.seed import seed
from outreach.gateways import Gateways
from outreach.run import ContactRun
from tests.conftest import ROOT, TEST_SECRET
from tests.e2e import fake_wechat


def engine_rows(url):
    db = create_engine(url)
    with db.connect() as c:
        rows = c.execute(text("SELECT plan_key, outcome FROM contact_log WHERE plan_key IS NOT NULL")).all()
        jobs = c.execute(text("SELECT id, next_run_time FROM scheduled_jobs")).all()
    db.dispose()
    return rows, jobs


def start_scheduler(env):
    return subprocess.Popen(
        [sys.executable, "-m", "outreach.scheduler"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_the_scheduler_runs_the_day_on_start_and_keeps_its_job(tmp_path):
    url = f"sqlite:///{tmp_path}/store.db"
    seed(LoanStore(url), reset=True)
    env = dict(
        os.environ,
        DATABASE_URL=url,
        ASSISTANT_TODAY="2026-11-22",
        ASSISTANT_JWT_SECRET=TEST_SECRET,
        SMS_OUTBOX=str(tmp_path / "sms.jsonl"),
        EMAIL_OUTBOX=str(tmp_path / "email.jsonl"),
        CALL_QUEUE=str(tmp_path / "calls.jsonl"),
        PYTHONPATH=str(ROOT),
        CONTACT_RUN_UNTIL="23:59",  # the whole pinned day at once, whatever the clock says
    )
    for attempt in range(2):  # the second start finds everything made: nothing twice
        process = start_scheduler(env)
        try:
            summary = None
            for line in process.stdout:  # the run of the day on start, then the scheduler waits
                if "contact run: " in line:
                    summary = json.loads(line.split("contact run: ", 1)[1])
                if "Scheduler started" in line:
                    break
            rows, jobs = engine_rows(url)
        finally:
            process.terminate()
            process.communicate(timeout=20)
        assert summary["made"] == ({"call": 12, "sms": 2} if attempt == 0 else {})
        assert len(rows) == 14 and all(outcome in ("sent", "queued") for _, outcome in rows)
        ((job_id, next_run),) = jobs
        assert job_id == "contact-day"
        assert time.time() < next_run <= time.time() + 15 * 60  # every 15 minutes
    sms = (tmp_path / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(sms) == 2


def test_a_bound_borrower_with_reminders_on_is_reminded_on_wechat(wechat_platform, tmp_path):
    url = f"sqlite:///{tmp_path}/store.db"
    store = LoanStore(url)
    seed(store, reset=True)
    assert store.borrower("B006").wechat_openid == "oWX0006zhaolei"  # bound in the fixture
    store.set_preferences("B006", datetime(2026, 11, 1), reminders=True)
    api = WeChatApi(f"http://127.0.0.1:{wechat_platform.port}", fake_wechat.APPID, fake_wechat.SECRET)
    gateways = Gateways(
        sms=OutboxGateway(str(tmp_path / "sms.jsonl")),
        email=KeyedOutbox(str(tmp_path / "email.jsonl")),
        calls=KeyedOutbox(str(tmp_path / "calls.jsonl")),
        wechat=api,
        template_id="TPL-due-reminder",
    )
    before = len(wechat_platform.templates)
    result = ContactRun(store, gateways, lender="示例消费金融").run_day(date(2026, 11, 22))
    assert result.made["wechat"] == 1 and result.made["sms"] == 1  # B002's overdue notice stays an SMS
    (sent,) = wechat_platform.templates[before:]
    assert (sent["touser"], sent["template_id"]) == ("oWX0006zhaolei", "TPL-due-reminder")
    assert sent["data"]["content"]["value"].startswith(
        "【示例消费金融】您好，您有一笔 916.80 元的还款将于2026年11月25日到期"
    )
    again = ContactRun(store, gateways, lender="示例消费金融").run_day(date(2026, 11, 22))
    assert again.made["wechat"] == 0 and len(wechat_platform.templates) == before + 1
    store.engine.dispose()
