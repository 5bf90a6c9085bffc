"""Planning a day of contacts for a generated store (issue #19's target: 100,000 borrowers on
PostgreSQL in under 60 s on this machine, memory bounded).

A store of N borrowers is generated, deterministically (random.Random(seed)), into a PostgreSQL
database of the bench's own and loaded with COPY; then the day 2026-11-20 is planned the way the
contact engine does it (`ContactRunStore.situations(day, batch)` streamed into `plan_day`), in a
fresh process per measurement so that each one's peak memory is its own: timed (wall, CPU of this
process and of its PostgreSQL backend) at several batch sizes, once more under tracemalloc for the
peak of Python allocations, and the same at N/10 (a store of its own: the first tenth of the big
one) to show the peak does not grow with N. One more run times every query of the reads and
EXPLAINs one batch of them.

python -m bench.contacts --borrowers 100000 --out reports/bench [--batches 200,500,2000] [--reuse] [--drop]

The databases (`huankuan_bench_contacts`, `huankuan_bench_contacts_tenth`) are dropped and made
again each run unless --reuse finds them as a run with the same N and seed left them; they are
kept afterwards (about 0.43 GB at N = 100,000) unless --drop."""

import argparse
import csv
import io
import json
import os
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock
from functools import lru_cache
from pathlib import Path
from random import Random
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from bench.processes import busy_processes, cpu_seconds, steal_seconds, system_cpu_seconds, wait_for_idle
from rules.contact_policy import complaint_urgency

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 20)
TARGET_SECONDS = 60.0
DEFAULT_BORROWERS = 100_000
DEFAULT_BATCHES = (200, 500, 2000)
SEED = 19
DATABASE = "huankuan_bench_contacts"
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
CHUNK = 5000  # borrowers generated and copied at a time
GENERATOR_VERSION = 1  # what --reuse checks besides N and the seed

# Columns as the COPY statements list them (ids of autoincrement tables are left to their sequences),
# tables in the order their foreign keys need.
COLUMNS: Dict[str, Tuple[str, ...]] = {
    "borrowers": ("id", "name", "phone", "id_last4", "wechat_openid"),
    "loans": (
        "id",
        "borrower_id",
        "product",
        "principal",
        "annual_rate",
        "term_months",
        "start_date",
        "repayment_method",
    ),
    "plans": (
        "id",
        "borrower_id",
        "source_loan_id",
        "status",
        "accepted_on",
        "restructured_amount",
        "months",
        "monthly_rate",
        "note",
        "request_key",
        "created_at",
    ),
    "instalments": (
        "loan_id",
        "seq",
        "due_date",
        "principal",
        "interest",
        "paid_principal",
        "paid_interest",
        "paid_on",
        "plan_id",
        "penalty_carried",
        "penalty_since",
    ),
    "plan_instalments": ("plan_id", "seq", "due_date", "amount", "paid_on"),
    "emergency_contacts": ("borrower_id", "name", "relation", "phone", "authorized", "withdrawn_at"),
    "extensions": ("id", "borrower_id", "days", "granted_on", "status", "request_key", "created_at"),
    "extension_items": ("extension_id", "loan_id", "seq", "old_due_date", "new_due_date", "penalty_carried"),
    "promises": ("id", "borrower_id", "amount", "pay_on", "promised_on", "status", "request_key", "created_at"),
    "contact_log": ("borrower_id", "at", "channel", "to", "contact_name", "purpose", "outcome", "agent", "plan_key"),
    "wechat_bindings": ("openid", "borrower_id", "bound_at"),
    "contact_preferences": ("borrower_id", "window_start", "window_end", "channel", "reminders", "updated_at"),
    "complaints": (
        "ticket",
        "borrower_id",
        "conversation_id",
        "category",
        "description",
        "occurred",
        "caller",
        "others_contacted",
        "urgency",
        "due_by",
        "status",
        "dedup_key",
        "created_at",
    ),
}

# Shares of borrowers by the state of their (first) loan on the day.
STATES = (("current", 0.50), ("late_1_2", 0.10), ("late_3_30", 0.12), ("late_31_plus", 0.08), ("settled", 0.20))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "建华",
    "志强",
)
RELATIONS = ("父亲", "母亲", "配偶", "兄弟", "姐妹", "同事", "朋友")
RATES_BP = (720, 1080, 1440, 1800, 2400)  # annual, basis points
COMPLAINTS = (
    ("excessive_frequency", "催收电话一天打了好几次"),
    ("outside_hours", "晚上十点还发短信催收"),
    ("third_party", "给我家人和同事打电话说我欠钱"),
    ("abusive_language", "催收员在电话里骂人"),
    ("threats", "说不还钱就上门"),
    ("impersonation", "有人冒充律师打电话"),
    ("excessive_frequency", "邮件一天发了三封"),
    ("other", "还款后额度没有恢复"),
)


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


@lru_cache(maxsize=None)
def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier), the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def _at(day: date, rng: Random, first_hour: int = 8, last_hour: int = 20) -> datetime:
    return datetime.combine(day, clock(rng.randint(first_hour, last_hour), rng.randrange(60)))


def _state(rng: Random) -> str:
    r = rng.random()
    for name, share in STATES:
        if r < share:
            return name
        r -= share
    return STATES[-1][0]


def _loan(rng: Random, loan_id: str, borrower_id: str, state: str, late_days: int, day: date, rows) -> List[list]:
    """One loan and its instalments (mutable lists, for a plan or an extension to change) placed so
    that the borrower is in `state` on `day`; equal principal, interest on what remains."""
    term = rng.randint(6, 24)
    principal = rng.randrange(20, 500) * 100 * 100  # cents: 2,000 to 50,000 yuan
    rate = rng.choice(RATES_BP)
    if state == "settled":  # the last instalment fell due up to about a year ago, all paid
        anchor, anchor_seq = day - timedelta(days=rng.randint(1, 400)), term
    elif state == "current":  # the next one falls due within a month
        anchor = day.replace(day=rng.randint(1, 28))
        if anchor < day:
            anchor = add_months(anchor, 1)
        anchor_seq = rng.randint(1, term)
    else:  # the oldest unpaid fell due `late_days` ago
        anchor, anchor_seq = day - timedelta(days=late_days), rng.randint(1, term)
    start = add_months(anchor, -anchor_seq)
    rows["loans"].append(
        (
            loan_id,
            borrower_id,
            "经营贷" if rng.random() < 0.2 else "消费贷",
            money(principal),
            f"0.{rate * 100:06d}",
            term,
            start,
            "equal_principal",
        )
    )
    each, remaining, out = principal // term, principal, []
    for seq in range(1, term + 1):
        due = add_months(anchor, seq - anchor_seq)
        part = each if seq < term else remaining
        interest = remaining * rate // 120000
        remaining -= part
        paid = due < day and (seq < anchor_seq or state == "settled")
        if paid:
            out.append([loan_id, seq, due, part, interest, part, interest, due - timedelta(days=rng.randint(0, 3))])
        elif seq == anchor_seq and due < day and rng.random() < 0.15:  # paid in part
            out.append([loan_id, seq, due, part, interest, part // 2, interest, None])
        else:
            out.append([loan_id, seq, due, part, interest, 0, 0, None])
        out[-1] += [None, 0, None]  # plan_id, penalty_carried, penalty_since
    return out


def _active_plan(rng: Random, i: int, borrower_id: str, instalments: List[list], late_days: int, day: date, rows):
    """The overdue instalments restructured into a plan accepted since they fell due."""
    plan_id = f"PB{i:07d}"
    overdue = [r for r in instalments if r[2] < day and r[7] is None]
    owed = sum(r[3] - r[5] + r[4] - r[6] for r in overdue)
    accepted = day - timedelta(days=rng.randint(0, min(late_days - 1, 75)))
    months = rng.choice((3, 6, 12))
    rows["plans"].append(
        (
            plan_id,
            borrower_id,
            overdue[0][0],
            "active",
            accepted,
            money(owed),
            months,
            "0.0100",
            None,
            f"{borrower_id}|bench-plan",
            datetime.combine(accepted, clock(10)),
        )
    )
    each = owed * (100 + months) // 100 // months
    for seq in range(1, months + 1):
        due = add_months(accepted, seq)
        paid = due if due < day and rng.random() < 0.8 else None
        rows["plan_instalments"].append((plan_id, seq, due, money(each), paid))
    for r in overdue:
        r[8] = plan_id


def _other_plan(rng: Random, i: int, borrower_id: str, loan_id: str, status: str, day: date, rows) -> None:
    """A plan no longer active (completed, or broken and the instalments back on the loan)."""
    plan_id = f"PB{i:07d}x"
    accepted = day - timedelta(days=rng.randint(120, 500))
    months = rng.choice((3, 6))
    owed = rng.randrange(10, 200) * 10000
    rows["plans"].append(
        (plan_id, borrower_id, loan_id, status, accepted, money(owed), months, "0.0100", None, None, None)
    )
    for seq in range(1, months + 1):
        due = add_months(accepted, seq)
        paid = due if status == "completed" or seq < 2 else None
        rows["plan_instalments"].append((plan_id, seq, due, money(owed // months), paid))


def _extension(rng: Random, i: int, borrower_id: str, instalments: List[list], late_days: int, day: date, rows):
    """An extension granted since the loan fell behind: every instalment overdue then moved back."""
    granted = day - timedelta(days=rng.randint(0, late_days - 1))
    days = rng.choice((7, 15, 30))
    extension_id = f"EB{i:07d}"
    rows["extensions"].append(
        (
            extension_id,
            borrower_id,
            days,
            granted,
            "granted",
            f"{borrower_id}|bench-ext",
            datetime.combine(granted, clock(11)),
        )
    )
    for r in instalments:
        if r[2] < granted and r[7] is None:
            old, new = r[2], r[2] + timedelta(days=days)
            carried = (r[3] - r[5]) * 5 * (granted - old).days // 10000  # 0.05 % a day
            rows["extension_items"].append((extension_id, r[0], r[1], old, new, money(carried)))
            r[2], r[9], r[10] = new, carried, max(new, granted)


def _log(rng: Random, borrower_id: str, overdue: bool, people: Sequence[str], day: date, rows) -> None:
    """Contacts of the last 8 days (some calls already today), and a few older ones."""
    made = []
    for _ in range(rng.randint(1, 8)):
        at = _at(day - timedelta(days=rng.randint(1, 8)), rng)
        if people and overdue and rng.random() < 0.08:
            made.append(
                (borrower_id, at, "call", "emergency_contact", rng.choice(people), "locate_borrower", "answered")
            )
        elif rng.random() < 0.6:
            answered = "answered" if rng.random() < 0.35 else "no_answer"
            made.append(
                (borrower_id, at, "call", "borrower", None, "collection" if overdue else "due_reminder", answered)
            )
        else:
            made.append(
                (borrower_id, at, "sms", "borrower", None, "overdue_notice" if overdue else "due_reminder", "sent")
            )
    if overdue and rng.random() < 0.1:  # a run of today already made some calls
        for _ in range(rng.randint(1, 2)):
            made.append((borrower_id, _at(day, rng, 9, 10), "call", "borrower", None, "collection", "no_answer"))
    for _ in range(rng.randint(0, 4)):
        at = _at(day - timedelta(days=rng.randint(9, 60)), rng)
        made.append((borrower_id, at, rng.choice(("sms", "call")), "borrower", None, "collection", "no_answer"))
    # an agent for each call; no plan key (made before the engine)
    rows["contact_log"].extend(r + (f"A{rng.randint(1, 60):03d}" if r[2] == "call" else None, None) for r in made)


def generate_borrower(rng: Random, i: int, day: date, rows: Dict[str, list]) -> None:
    """Borrower number i and everything of theirs, appended to `rows` (table → row tuples)."""
    borrower_id = f"G{i:07d}"
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    wechat = rng.random()
    openid = f"oBENCH{i:09d}" if wechat < 0.2 else None
    rows["borrowers"].append((borrower_id, name, f"19{i:09d}", f"{rng.randrange(10000):04d}", openid))
    if 0.2 <= wechat < 0.3:  # bound in the Official Account rather than known from the app
        rows["wechat_bindings"].append(
            (f"oBIND{i:09d}", borrower_id, datetime.combine(day, clock(8)) - timedelta(days=30))
        )
    state = _state(rng)
    late_days = {"late_1_2": (1, 2), "late_3_30": (3, 30), "late_31_plus": (31, 150)}.get(state, (0, 0))
    late_days = rng.randint(*late_days)
    overdue = late_days > 0
    first = _loan(rng, f"GL{i:07d}1", borrower_id, state, late_days, day, rows)
    others = []
    if rng.random() < 0.3:
        others = _loan(rng, f"GL{i:07d}2", borrower_id, "current" if rng.random() < 0.7 else "settled", 0, day, rows)
    if late_days >= 3 and rng.random() < 0.35:
        _active_plan(rng, i, borrower_id, first, late_days, day, rows)
    elif overdue and rng.random() < 0.12:
        _extension(rng, i, borrower_id, first, late_days, day, rows)
    if state == "settled" and rng.random() < 0.05:
        _other_plan(rng, i, borrower_id, first[0][0], "completed", day, rows)
    elif state == "late_31_plus" and rng.random() < 0.1:
        _other_plan(rng, i, borrower_id, first[0][0], "broken", day, rows)
    for r in first + others:
        r[3], r[4], r[5], r[6], r[9] = money(r[3]), money(r[4]), money(r[5]), money(r[6]), money(r[9])
        rows["instalments"].append(r)

    people = []
    for k in range(rng.choices((0, 1, 2, 3), (20, 40, 30, 10))[0]):
        person = rng.choice(SURNAMES) + rng.choice(GIVEN)
        withdrawn = (
            datetime.combine(day - timedelta(days=rng.randint(1, 100)), clock(12)) if rng.random() < 0.15 else None
        )
        authorised = rng.random() < 0.85
        rows["emergency_contacts"].append(
            (borrower_id, person, rng.choice(RELATIONS), f"18{i:07d}{k:02d}", authorised, withdrawn)
        )
        if authorised and withdrawn is None:
            people.append(person)
    if rng.random() < 0.3:
        start = end = None
        if rng.random() < 0.7:
            hour = rng.randint(8, 17)
            start = f"{hour:02d}:{rng.choice((0, 30)):02d}"
            end_hour = rng.randint(hour + 1, 21)
            end = f"{end_hour:02d}:{0 if end_hour == 21 else rng.choice((0, 30)):02d}"
        channel = rng.choice((None, "sms", "sms", "call", "email"))
        updated = datetime.combine(day - timedelta(days=rng.randint(1, 200)), clock(10))
        rows["contact_preferences"].append((borrower_id, start, end, channel, rng.random() < 0.5, updated))
    if rng.random() < (0.6 if overdue else 0.03):
        _log(rng, borrower_id, overdue, people, day, rows)
    if overdue and rng.random() < 0.17:
        promised = day - timedelta(days=rng.randint(0, 6))
        rows["promises"].append(
            (
                f"PRB{i:07d}",
                borrower_id,
                money(rng.randrange(5, 300) * 10000),
                promised + timedelta(days=rng.randint(1, 14)),
                promised,
                "open",
                f"{borrower_id}|bench-promise",
                datetime.combine(promised, clock(15)),
            )
        )
    if rng.random() < 0.04:  # an older promise, kept or broken
        promised = day - timedelta(days=rng.randint(30, 90))
        status = "kept" if rng.random() < 0.6 else "broken"
        rows["promises"].append(
            (f"PRB{i:07d}h", borrower_id, "500.00", promised + timedelta(days=7), promised, status, None, promised)
        )
    complaint = rng.random()
    if complaint < 0.04:  # half of them open, half answered
        category, words = rng.choice(COMPLAINTS)
        urgency, within = complaint_urgency(category)
        created = datetime.combine(day - timedelta(days=rng.randint(0, 3)), clock(rng.randint(8, 20)))
        rows["complaints"].append(
            (
                f"TB{i:07d}",
                borrower_id,
                f"bench-{borrower_id}",
                category,
                words,
                None,
                None,
                None,
                urgency,
                created + within,
                "open" if complaint < 0.02 else "answered",
                f"bench|{borrower_id}",
                created,
            )
        )


def _copy(cursor, rows: Dict[str, list]) -> None:
    for table, columns in COLUMNS.items():
        if not rows[table]:
            continue
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows[table])
        buffer.seek(0)
        names = ", ".join(f'"{c}"' for c in columns)
        cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)", buffer)


def database_url(name: str, server: str = SERVER_URL) -> str:
    from sqlalchemy.engine import make_url

    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _admin(statement: str, server: str = SERVER_URL):
    from sqlalchemy import create_engine, text

    engine = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    try:
        with engine.connect() as connection:
            result = connection.execute(text(statement))
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def generated_before(name: str, borrowers: int, seed: int, day: date) -> bool:
    """Whether the database holds what a run with the same N, seed and day generated (for --reuse)."""
    from sqlalchemy import create_engine, text

    if not _admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        return False
    engine = create_engine(database_url(name), future=True)
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT borrowers, seed, day, version FROM bench_generated")).first()
    except Exception:
        return False
    finally:
        engine.dispose()
    return row is not None and tuple(row) == (borrowers, seed, day, GENERATOR_VERSION)


def generate(
    name: str, borrowers: int, seed: int = SEED, day: date = DAY, server: str = SERVER_URL
) -> Dict[str, object]:
    """Drops and makes the database `name`, with the loan store's schema and N generated borrowers."""
    from sqlalchemy import text

    from loan_store.repository import LoanStore

    started = time.perf_counter()
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', server)
    _admin(f'CREATE DATABASE "{name}"', server)
    store = LoanStore(database_url(name, server))
    store.create_schema()
    rng = Random(seed)
    counts: Counter = Counter()
    build = copy = 0.0
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SET synchronous_commit = off")
        try:  # generated rows are consistent by construction: no foreign key trigger per row (superuser only)
            cursor.execute("SET session_replication_role = replica")
            fk_checks = False
        except Exception:
            raw.rollback()
            cursor.execute("SET synchronous_commit = off")
            fk_checks = True
        for first in range(1, borrowers + 1, CHUNK):
            t0 = time.perf_counter()
            rows: Dict[str, list] = {table: [] for table in COLUMNS}
            for i in range(first, min(first + CHUNK, borrowers + 1)):
                generate_borrower(rng, i, day, rows)
            t1 = time.perf_counter()
            _copy(cursor, rows)
            raw.commit()
            t2 = time.perf_counter()
            build, copy = build + t1 - t0, copy + t2 - t1
            counts.update({table: len(r) for table, r in rows.items()})
        cursor.close()
    finally:
        raw.close()
    t0 = time.perf_counter()
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
        connection.execute(text("CREATE TABLE bench_generated (borrowers int, seed int, day date, version int)"))
        connection.execute(
            text("INSERT INTO bench_generated VALUES (:n, :seed, :day, :v)"),
            {"n": borrowers, "seed": seed, "day": day, "v": GENERATOR_VERSION},
        )
        size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    vacuum = time.perf_counter() - t0
    store.engine.dispose()
    return {
        "database": name,
        "borrowers": borrowers,
        "rows": dict(counts),
        "rows_total": sum(counts.values()),
        "build_rows_s": round(build, 2),
        "copy_s": round(copy, 2),
        "vacuum_analyze_s": round(vacuum, 2),
        "total_s": round(time.perf_counter() - started, 2),
        "size_mib": round(size / 2**20, 1),
        "foreign_key_checks_while_copying": fk_checks,
    }


def store_shares(name: str) -> Dict[str, object]:
    """What the generated store holds, as shares of its borrowers (read back, not assumed)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url(name), future=True)
    queries = {
        "borrowers": "SELECT count(*) FROM borrowers",
        "with_two_loans": "SELECT count(*) FROM (SELECT borrower_id FROM loans GROUP BY 1 HAVING count(*) = 2) x",
        "with_active_plan": "SELECT count(*) FROM plans WHERE status = 'active'",
        "with_other_plan": "SELECT count(DISTINCT borrower_id) FROM plans WHERE status <> 'active'",
        "with_extension": "SELECT count(DISTINCT borrower_id) FROM extensions",
        "with_preferences": "SELECT count(*) FROM contact_preferences",
        "with_emergency_contacts": "SELECT count(DISTINCT borrower_id) FROM emergency_contacts",
        "with_withdrawn_contact": "SELECT count(DISTINCT borrower_id) FROM emergency_contacts WHERE withdrawn_at IS NOT NULL",
        "with_log_last_8_days": f"SELECT count(DISTINCT borrower_id) FROM contact_log WHERE at >= '{DAY - timedelta(days=8)}'",
        "with_open_promise": "SELECT count(DISTINCT borrower_id) FROM promises WHERE status = 'open'",
        "with_open_complaint": "SELECT count(DISTINCT borrower_id) FROM complaints WHERE status = 'open'",
        "with_wechat": "SELECT (SELECT count(*) FROM borrowers WHERE wechat_openid IS NOT NULL)"
        " + (SELECT count(*) FROM wechat_bindings)",
        "overdue_on_day": "SELECT count(DISTINCT l.borrower_id) FROM instalments i JOIN loans l ON l.id = i.loan_id"
        f" WHERE i.due_date < '{DAY}' AND i.paid_on IS NULL AND i.plan_id IS NULL",
    }
    try:
        with engine.connect() as connection:
            found = {key: connection.execute(text(q)).scalar_one() for key, q in queries.items()}
    finally:
        engine.dispose()
    n = found.pop("borrowers")
    return {"borrowers": n, **{key: round(value / n, 3) for key, value in found.items()}}


# Planning, in a process of its own ------------------------------------------------------------------


def _postgres_cpu(database: str) -> float:
    """CPU seconds so far of the PostgreSQL backends serving `database` (this machine's /proc)."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if cmd.startswith(b"postgres: ") and f" {database} ".encode() in cmd:
                total += cpu_seconds(int(entry)) or 0.0
    return total


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _peak_rss_mib() -> float:
    """This process's own peak RSS (VmHWM). ru_maxrss is not that on Linux: a child started by
    fork and exec keeps its parent's peak as a floor (the generating parent's ~150 MiB here)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return _maxrss_mib()


def plan_store(url: str, day: date, batch: int, trace: bool = False) -> Dict[str, object]:
    """Plans `day` for every borrower of the store, `batch` at a time, as the contact engine's run does."""
    from sqlalchemy.engine import make_url

    from loan_store.contact_runs import ContactRunStore
    from rules.contact_plan import plan_day

    database = make_url(url).database
    store = ContactRunStore(url)
    rss_before, peak_before = _maxrss_mib(), _peak_rss_mib()
    by_channel: Counter = Counter()
    by_purpose: Counter = Counter()
    borrowers = contacted = 0
    read_s = plan_s = 0.0
    if trace:
        tracemalloc.start()
    pg0, machine0, steal0 = _postgres_cpu(database), system_cpu_seconds(), steal_seconds()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    situations = store.situations(day, batch)
    while True:
        t0 = time.perf_counter()
        situation = next(situations, None)
        t1 = time.perf_counter()
        read_s += t1 - t0
        if situation is None:
            break
        planned = plan_day(situation, day)
        plan_s += time.perf_counter() - t1
        borrowers += 1
        contacted += bool(planned)
        for contact in planned:
            by_channel[contact.channel if contact.to == "borrower" else "emergency_call"] += 1
            by_purpose[contact.purpose] += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    postgres = (_postgres_cpu(database) - pg0) if not trace else None
    machine, steal = system_cpu_seconds() - machine0, steal_seconds() - steal0
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    store.engine.dispose()
    result: Dict[str, object] = {
        "batch": batch,
        "borrowers": borrowers,
        "borrowers_with_contacts": contacted,
        "contacts": sum(by_channel.values()),
        "by_channel": dict(sorted(by_channel.items())),
        "by_purpose": dict(sorted(by_purpose.items())),
        "wall_s": round(wall, 2),
        "us_per_borrower": round(1e6 * wall / max(borrowers, 1), 1),
        "cpu_s": round(cpu, 2),
        "reading_s": round(read_s, 2),  # queries and building the situations
        "planning_s": round(plan_s, 2),  # plan_day
        "ru_maxrss_mib_before": round(rss_before, 1),
        "ru_maxrss_mib_after": round(_maxrss_mib(), 1),
        "peak_rss_mib_before": round(peak_before, 1),  # VmHWM: after imports and the store's engine
        "peak_rss_mib_after": round(_peak_rss_mib(), 1),
    }
    if trace:
        result["tracemalloc_peak_mib"] = round(peak / 2**20, 2)
        result["note"] = "times under tracemalloc are slower; read the timed runs for time"
    else:
        result["postgres_cpu_s"] = round(postgres, 2)
        result["other_processes_pct"] = round(100 * max(machine - cpu - postgres, 0.0) / wall, 1)
        result["steal_pct"] = round(100 * steal / wall, 1)
    return result


def _table_of(statement: str) -> str:
    found = re.search(r"\bFROM (\w+)", statement)
    table = found.group(1) if found else "?"
    return f"{table} (next ids)" if " LIMIT " in statement else table


def _plan_nodes(node: Dict) -> List[str]:
    """An EXPLAIN plan's nodes, outermost first, each with the index it uses."""
    here = node["Node Type"] + (f" using {node['Index Name']}" if "Index Name" in node else "")
    return [here] + [n for child in node.get("Plans", []) for n in _plan_nodes(child)]


def read_breakdown(url: str, day: date, batch: int, sample_after: str) -> Dict[str, object]:
    """The SQL of the reads: time in each query (execute and fetch, psycopg2 fetches all rows in
    execute) over a whole run, then EXPLAIN ANALYZE of each query of one batch."""
    from sqlalchemy import event

    from loan_store.contact_runs import ContactRunStore

    store = ContactRunStore(url)
    spent: Counter = Counter()
    calls: Counter = Counter()
    captured: List[Tuple[str, object]] = []
    capturing = [False]

    @event.listens_for(store.engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_t0"] = time.perf_counter()
        if capturing[0]:
            captured.append((statement, parameters))

    @event.listens_for(store.engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):
        table = _table_of(statement)
        spent[table] += time.perf_counter() - conn.info.pop("bench_t0")
        calls[table] += 1

    started = time.perf_counter()
    borrowers = sum(1 for _ in store.situations(day, batch))
    wall = time.perf_counter() - started
    ids = store.borrower_ids(sample_after, batch)
    capturing[0] = True
    store.situations_of(ids, day)
    event.remove(store.engine, "before_cursor_execute", _before)
    explained = {}
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in captured:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, parameters)
            plan = cursor.fetchone()[0][0]
            nodes = _plan_nodes(plan["Plan"])
            explained[_table_of(statement)] = {
                "execution_ms": round(plan["Execution Time"], 2),
                "planning_ms": round(plan["Planning Time"], 2),
                "rows": plan["Plan"].get("Actual Rows"),
                "nodes": nodes,
            }
        raw.rollback()
    finally:
        raw.close()
    store.engine.dispose()
    total_sql = sum(spent.values())
    return {
        "batch": batch,
        "borrowers": borrowers,
        "wall_s": round(wall, 2),
        "sql_s": round(total_sql, 2),
        "sql_share_of_wall": round(total_sql / wall, 3),
        "sql_s_by_table": {k: round(v, 2) for k, v in spent.most_common()},
        "queries_by_table": dict(calls.most_common()),
        "explain_one_batch": {"after": sample_after, "borrowers": len(ids), "queries": explained},
    }


def _in_child(*args: str) -> Dict[str, object]:
    """One measurement in a fresh Python process: its peak memory is its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.contacts", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.contacts {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(
    borrowers: int = DEFAULT_BORROWERS,
    batches: Sequence[int] = DEFAULT_BATCHES,
    reuse: bool = False,
    drop: bool = False,
    seed: int = SEED,
    idle_wait: float = 900.0,
    say: Callable[[str], None] = print,
) -> Dict[str, object]:
    from loan_store.contact_runs import BATCH

    tenth = max(borrowers // 10, 1)
    report: Dict[str, object] = {
        "schema": "huankuan-bench-contacts/1",
        "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "day": DAY.isoformat(),
        "seed": seed,
        "borrowers": borrowers,
        "target_s": TARGET_SECONDS,
        "default_batch": BATCH,
        "machine": {"cores": os.cpu_count(), **wait_for_idle(idle_wait, lambda line: say(f"bench.contacts: {line}"))},
    }
    if report["machine"]["busy_at_start"]:
        say("bench.contacts: WARNING: still busy after waiting; measuring anyway, see machine.busy_at_start")
    stores = {}
    for label, n, name in (("full", borrowers, DATABASE), ("tenth", tenth, f"{DATABASE}_tenth")):
        if reuse and generated_before(name, n, seed, DAY):
            stores[label] = {"database": name, "borrowers": n, "reused": True}
        else:
            say(f"bench.contacts: generating {n} borrowers into {name}")
            stores[label] = generate(name, n, seed)
        stores[label]["shares"] = store_shares(name)
    report["stores"] = stores
    full_url, tenth_url = database_url(DATABASE), database_url(f"{DATABASE}_tenth")

    timed = {}
    for batch in batches:
        say(f"bench.contacts: planning {DAY} for {borrowers} borrowers, batch {batch}")
        timed[str(batch)] = _in_child("--plan", full_url, "--batch", str(batch))
    best = min(timed.values(), key=lambda r: r["wall_s"])
    if str(BATCH) not in timed:
        timed[str(BATCH)] = _in_child("--plan", full_url, "--batch", str(BATCH))
    default = timed[str(BATCH)]
    say(f"bench.contacts: the same under tracemalloc, and at {tenth} borrowers")
    traced_full = _in_child("--plan", full_url, "--batch", str(BATCH), "--trace")
    small = _in_child("--plan", tenth_url, "--batch", str(BATCH))
    traced_small = _in_child("--plan", tenth_url, "--batch", str(BATCH), "--trace")
    say("bench.contacts: timing the reads query by query")
    reads = _in_child("--reads", full_url, "--batch", str(BATCH), "--after", f"G{borrowers // 2:07d}")

    report["planning"] = {
        "by_batch": timed,
        "best_batch": best["batch"],
        "default_batch_result": default,
        "wall_s": default["wall_s"],
        "cpu_s": default["cpu_s"],
        "us_per_borrower": default["us_per_borrower"],
        "under_target": default["wall_s"] < TARGET_SECONDS,
        "vs_target": round(default["wall_s"] / TARGET_SECONDS, 3),
    }
    report["tenth"] = {"timed": small, "traced": traced_small}
    report["memory"] = {
        "tracemalloc_peak_mib": {
            str(borrowers): traced_full["tracemalloc_peak_mib"],
            str(tenth): traced_small["tracemalloc_peak_mib"],
        },
        "ru_maxrss_mib": {str(borrowers): default["ru_maxrss_mib_after"], str(tenth): small["ru_maxrss_mib_after"]},
        "ru_maxrss_mib_before_planning": default["ru_maxrss_mib_before"],
        "ru_maxrss_note": "on Linux a child started by fork and exec keeps its parent's peak as a floor: read peak_rss_mib",
        "peak_rss_mib": {str(borrowers): default["peak_rss_mib_after"], str(tenth): small["peak_rss_mib_after"]},
        "peak_rss_mib_before_planning": {
            str(borrowers): default["peak_rss_mib_before"],
            str(tenth): small["peak_rss_mib_before"],
        },
        "peak_rss_ratio": round(default["peak_rss_mib_after"] / small["peak_rss_mib_after"], 2),
        "peak_rss_growth_mib": {
            str(borrowers): round(default["peak_rss_mib_after"] - default["peak_rss_mib_before"], 1),
            str(tenth): round(small["peak_rss_mib_after"] - small["peak_rss_mib_before"], 1),
        },
        "borrowers_ratio": round(borrowers / tenth, 1),
        "tracemalloc_peak_ratio": round(traced_full["tracemalloc_peak_mib"] / traced_small["tracemalloc_peak_mib"], 2),
        "ru_maxrss_ratio": round(default["ru_maxrss_mib_after"] / small["ru_maxrss_mib_after"], 2),
    }
    report["contacts"] = {
        "by_channel": default["by_channel"],
        "by_purpose": default["by_purpose"],
        "total": default["contacts"],
        "borrowers_with_contacts": default["borrowers_with_contacts"],
    }
    report["reads"] = reads
    report["machine"]["busy_at_end"] = busy_processes()
    report["machine"]["loadavg_at_end"] = [round(v, 2) for v in os.getloadavg()]
    if drop:
        for name in (DATABASE, f"{DATABASE}_tenth"):
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        report["dropped"] = True
    return report


def summary(report: Dict[str, object]) -> str:
    p, m, c = report["planning"], report["memory"], report["contacts"]
    full = report["stores"]["full"]
    n, tenth = report["borrowers"], report["tenth"]["timed"]
    lines = [
        f"contact planning (issue #19), {report['started_at']}, day {report['day']}, {n} borrowers on PostgreSQL",
        (
            f"store: reused {full['database']}"
            if full.get("reused")
            else f"store: {full['rows_total']} rows generated in {full['build_rows_s']} s, copied in {full['copy_s']} s, "
            f"VACUUM ANALYZE {full['vacuum_analyze_s']} s, {full['total_s']} s in all, {full['size_mib']} MiB"
        ),
        f"planning at batch {report['default_batch']}: {p['wall_s']} s wall ({p['vs_target']} of the {report['target_s']:.0f} s target), "
        f"{p['cpu_s']} s CPU here + {p['default_batch_result']['postgres_cpu_s']} s in PostgreSQL, "
        f"{p['us_per_borrower']} µs/borrower (reading {p['default_batch_result']['reading_s']} s, plan_day "
        f"{p['default_batch_result']['planning_s']} s)",
        "by batch: "
        + ", ".join(
            f"{b}: {r['wall_s']} s ({r['us_per_borrower']} µs, {r['peak_rss_mib_after']} MiB)"
            for b, r in p["by_batch"].items()
        )
        + f"; best {p['best_batch']}",
        f"at {tenth['borrowers']} borrowers: {tenth['wall_s']} s, {tenth['us_per_borrower']} µs/borrower",
        f"memory: tracemalloc peak {m['tracemalloc_peak_mib']} MiB (ratio {m['tracemalloc_peak_ratio']} for "
        f"{m['borrowers_ratio']}× the borrowers), peak RSS {m['peak_rss_mib']} MiB (ratio {m['peak_rss_ratio']}; "
        f"{m['peak_rss_mib_before_planning']} MiB before planning; ru_maxrss {m['ru_maxrss_mib']} MiB)",
        f"contacts: {c['total']} for {c['borrowers_with_contacts']} borrowers, by channel {c['by_channel']}",
        f"reads: {report['reads']['sql_share_of_wall']:.0%} of the wall time in SQL, by table {report['reads']['sql_s_by_table']}",
    ]
    busy = report["machine"]["busy_at_start"] or report["machine"]["busy_at_end"]
    if busy:
        lines.append(f"WARNING: the machine was busy: {busy[:3]}")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--borrowers", type=int, default=DEFAULT_BORROWERS)
    parser.add_argument("--out", default="reports/bench", help="directory for contacts.json")
    parser.add_argument("--batches", default=",".join(map(str, DEFAULT_BATCHES)), help="batch sizes to compare")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--reuse", action="store_true", help="keep the stores a run with the same N and seed made")
    parser.add_argument("--drop", action="store_true", help="drop the bench's databases afterwards")
    parser.add_argument("--idle-wait", type=float, default=900.0, help="seconds to wait for no rasa train / pytest")
    # One measurement in this process (what measure() runs in a child), printed as one JSON line.
    parser.add_argument("--plan", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--reads", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, default=500, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--after", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.plan:
        print(json.dumps(plan_store(args.plan, DAY, args.batch, args.trace)))
        return 0
    if args.reads:
        print(json.dumps(read_breakdown(args.reads, DAY, args.batch, args.after)))
        return 0
    report = measure(
        args.borrowers,
        [int(b) for b in args.batches.split(",") if b.strip()],
        args.reuse,
        args.drop,
        args.seed,
        args.idle_wait,
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "contacts.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(summary(report))
    print(f"bench.contacts: wrote {out / 'contacts.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
