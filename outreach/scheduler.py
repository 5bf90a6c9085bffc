"""The contact engine's schedule: a scheduler process (APScheduler, its job kept in SQL) that every
15 minutes makes the contacts of the day that are due by then, and once at its start. Each run plans
the day afresh with the settings as they are at that moment, so a borrower who says "别打电话了" at
10:00 gets no call after it; a run is idempotent, so a restart or a second scheduler sends nothing
twice. `make run` starts it beside the servers, on the day ASSISTANT_TODAY pins.

    python -m outreach.scheduler
      SCHEDULER_DATABASE_URL   where the job is kept (default: the loan store's URL)
      CONTACT_RUN_EVERY_MINUTES  15
      CONTACT_RUN_UNTIL        HH:MM instead of the clock (23:59: the whole pinned day at once, for demos)
"""

import json
import logging
import os
import sys
from datetime import time
from typing import Optional

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from loan_store.base import database_url
from loan_store.repository import LoanStore
from outreach.gateways import Gateways
from outreach.run import ContactRun
from rules.calendar import beijing_time, today, utc_now

logger = logging.getLogger("outreach.scheduler")
JOB_ID = "contact-day"


def until_now() -> Optional[time]:
    pinned = os.environ.get("CONTACT_RUN_UNTIL", "").strip()
    return time.fromisoformat(pinned) if pinned else beijing_time(utc_now()).time()


def run_today() -> dict:
    """The job: today's contacts that are due by now (Asia/Shanghai)."""
    store = LoanStore()
    try:
        store.create_schema()
        result = ContactRun(store, Gateways.from_environment()).run_day(today(), until_now()).as_dict()
    finally:
        store.engine.dispose()
    logger.info("contact run: %s", json.dumps(result, ensure_ascii=False))
    return result


def scheduler() -> BlockingScheduler:
    url = os.environ.get("SCHEDULER_DATABASE_URL", "").strip() or database_url()
    every = int(os.environ.get("CONTACT_RUN_EVERY_MINUTES", "15"))
    jobs = BlockingScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=url, tablename="scheduled_jobs")}, timezone="Asia/Shanghai"
    )
    jobs.add_job(
        "outreach.scheduler:run_today",
        IntervalTrigger(minutes=every, timezone="Asia/Shanghai"),
        id=JOB_ID,
        replace_existing=True,
        coalesce=True,
        misfire_grace_time=3600,
        max_instances=1,
    )
    return jobs


def main() -> int:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(name)s %(message)s")
    jobs = scheduler()
    run_today()  # what is due so far, at once
    jobs.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
