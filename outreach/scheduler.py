"""The contact engine's schedule: a scheduler process (APScheduler, its jobs kept in SQL) that runs
each day's contacts at 08:00 Asia/Shanghai and, on start, the current day at once (a run is
idempotent, so a restart or a second scheduler sends nothing twice). `make run` starts it beside the
servers, on the day ASSISTANT_TODAY pins.

    python -m outreach.scheduler            (SCHEDULER_DATABASE_URL, default: the loan store's URL)
"""

import json
import logging
import os
import sys

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from loan_store.base import database_url
from loan_store.repository import LoanStore
from outreach.gateways import Gateways
from outreach.run import ContactRun
from rules.calendar import today

logger = logging.getLogger("outreach.scheduler")
JOB_ID = "contact-day"
RUN_AT = {"hour": 8, "minute": 0}


def run_today() -> dict:
    """The job: today's contacts (the whole day, each with its planned time inside the window)."""
    store = LoanStore()
    try:
        store.create_schema()
        result = ContactRun(store, Gateways.from_environment()).run_day(today()).as_dict()
    finally:
        store.engine.dispose()
    logger.info("contact run: %s", json.dumps(result, ensure_ascii=False))
    return result


def scheduler() -> BlockingScheduler:
    url = os.environ.get("SCHEDULER_DATABASE_URL", "").strip() or database_url()
    jobs = BlockingScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=url, tablename="scheduled_jobs")}, timezone="Asia/Shanghai"
    )
    jobs.add_job(
        "outreach.scheduler:run_today",
        CronTrigger(timezone="Asia/Shanghai", **RUN_AT),
        id=JOB_ID,
        replace_existing=True,
        coalesce=True,
        misfire_grace_time=6 * 3600,
        max_instances=1,
    )
    return jobs


def main() -> int:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(name)s %(message)s")
    jobs = scheduler()
    run_today()  # the day so far, at once
    jobs.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
