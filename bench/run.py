"""`make bench`: measures the stock `rasa init` bot, this assistant (one instance) and the cluster
in one run, and writes bench.json, bench.png and a summary of ratios to the stock bot.

python -m bench.run --out reports/bench [--duration 20] [--targets stock,ours,cluster] [--train-ours]
"""

import argparse
import asyncio
import atexit
import datetime
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Dict, List, Optional

from bench import breakdown, chart, contacts, documents, load, profiles, targets
from bench.processes import (
    CpuMeter,
    MemorySampler,
    busy_processes,
    command_line,
    descendants,
    role_of,
    rss_bytes,
    stop_everything,
    wait_for_idle,
)

WORK = targets.ROOT / "var" / "bench"
# Environment the servers inherit from whoever runs the bench and that changes what is measured.
INHERITED = (
    "TRACKER_STORE_URL",
    "LOCK_STORE_URL",
    "EVENT_BROKER_URL",
    "REDIS_URL",
    "TF_INTER_OP_PARALLELISM_THREADS",
    "TF_INTRA_OP_PARALLELISM_THREADS",
    "OMP_NUM_THREADS",
    "ASSISTANT_ENV",
)
BUSY_PCT = 25  # CPU of other processes (% of one core) above which a level counts as measured on a busy machine
ISSUE_TARGETS = {
    "single_vs_stock_throughput": 1.0,
    "cluster_vs_stock_throughput": 1.6,
    "p95_at_half_saturation_ms": 150,
}

METHOD = {
    "load": (
        "aiohttp clients on this machine post whole conversations to the REST webhook; each "
        "conversation has a fresh sender id. Closed loop: N conversations at once, each sending its next "
        "message when the previous one is answered, for --duration seconds per level; throughput = "
        "correct replies completed inside the window / duration. A reply is correct when it is HTTP 200 and "
        "holds a known piece of the right answer (e.g. 3363.24 for 我欠多少钱); anything else is an error "
        "and is left out of the latencies."
    ),
    "saturation": "the highest closed-loop throughput over the concurrency levels",
    "capacity": (
        "an estimate that hardly depends on other work on the machine: from the servers' CPU per correct "
        "reply, min(1 core / CPU per reply of the busiest process, all cores / CPU per reply of all server "
        "processes); the best over the levels"
    ),
    "half_saturation": (
        "open loop at a constant message rate of 50% of saturation for --duration seconds; "
        "messages of one conversation are ~2 s apart (interleaved conversations), a message waits "
        "for its predecessor's answer; latency_ms is from send to answer, "
        "latency_from_schedule_ms from the scheduled send (it would show queueing)"
    ),
    "rss": "VmRSS of every process under each launched server process, from /proc once a second during load",
    "cpu": "CPU time of each server process, of the load generator and of the whole machine per level, in % of one core",
    "startup": "from the launch of the first server process to the first correct answer (includes model loading)",
    "training": (
        "stock: wall time of `rasa init --no-prompt` (trains NLU + core) with an empty cache; ours: "
        "`rasa train` into a temporary directory with an empty cache, only with --train-ours"
    ),
    "server_side": breakdown.__doc__.strip(),
    "ratios": "ours (or cluster) divided by the stock bot, measured in the same run on the same machine",
    "paired": (
        "after every target's own figures, all targets stay up and take turns, each at the concurrency "
        "where it saturated (its best level), for --duration seconds each, --rounds times, the order reversed every other round (stock, ours, "
        "cluster, then cluster, ours, stock, ...); each round gives a ratio of targets measured within a minute "
        "of each other, and the median over the rounds is the throughput ratio of record: on this machine the "
        "stock bot's own throughput moved by up to 40 % between runs minutes apart. After each turn of the cluster "
        "its analytics consumer catches up before the next turn begins (analytics_after_turn)"
    ),
}


class Interrupted(BaseException):
    """SIGTERM or Ctrl-C: stop measuring, stop the servers, still write what was measured."""


def _interrupt(*_) -> None:
    raise Interrupted()


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="reports/bench", help="directory for bench.json and bench.png")
    parser.add_argument(
        "--duration", type=float, default=20.0, help="seconds per concurrency level (and for the half-saturation run)"
    )
    parser.add_argument("--levels", default="1,10,50", help="concurrent conversations per level, comma-separated")
    parser.add_argument("--targets", default="stock,ours,cluster", help="which of stock, ours, cluster to measure")
    parser.add_argument("--breakdown-reps", type=int, default=5, help="repetitions of each server-side timing")
    parser.add_argument(
        "--reuse-stock",
        action="store_true",
        help="serve the stock bot trained by an earlier run (var/bench/stock) instead of training it again",
    )
    parser.add_argument(
        "--train-ours", action="store_true", help="also time `rasa train` of this project (into a temp dir)"
    )
    parser.add_argument(
        "--ours-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for our servers, e.g. TF_INTRA_OP_PARALLELISM_THREADS=1 (repeatable)",
    )
    parser.add_argument(
        "--idle-wait",
        type=float,
        default=900.0,
        help="seconds to wait for the machine to be idle (no rasa train, no pytest) before measuring",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="paired rounds at each target's saturation level after the per-target figures: every target once per "
        "round, back to back, all kept running (0: none)",
    )
    parser.add_argument(
        "--contacts",
        type=int,
        default=contacts.DEFAULT_BORROWERS,
        help="borrowers of the generated store the contact planning bench plans a day for (issue #19; 0: skip)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the measured levels, record py-spy flame graphs of our servers at 10 concurrent (needs py-spy)",
    )
    return parser.parse_args(argv)


def rss_by_role(running: targets.Running) -> Dict[str, float]:
    roles: Dict[str, float] = {}
    for launched in running.processes:
        for pid in descendants(launched.pid):
            rss = rss_bytes(pid) or 0
            role = role_of(command_line(pid))
            roles[role] = round(roles.get(role, 0.0) + rss / 2**20, 1)
    return roles


def profile(running: targets.Running, script: load.Script, seconds: float, out: Path) -> Dict[str, object]:
    spy = shutil.which("py-spy", path=str(targets.BIN)) or shutil.which("py-spy")
    if not spy:
        return {"profiled": False, "reason": "py-spy not installed (pip install py-spy into the venv)"}
    recorders, files = [], {}  # type: ignore[var-annotated]
    seen_roles: Dict[str, int] = {}
    for launched in running.processes:
        for pid in descendants(launched.pid):
            role = role_of(command_line(pid))
            if role not in ("rasa server", "action server") or seen_roles.get(role, 0) >= 1:
                continue  # one process of each kind: replicas run the same code
            seen_roles[role] = seen_roles.get(role, 0) + 1
            path = out / f"profile-{running.name}-{role.replace(' ', '-')}.speedscope.json"
            files[role] = path
            recorders.append(
                subprocess.Popen(
                    [
                        spy,
                        "record",
                        "--pid",
                        str(pid),
                        "--duration",
                        str(int(seconds)),
                        "--rate",
                        "100",
                        "--format",
                        "speedscope",
                        "--output",
                        str(path),
                        "--nonblocking",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            )
    time.sleep(1.0)
    level = asyncio.run(load.closed_loop(running.webhook, script, 10, seconds, f"bench-profile-{running.name}"))
    problems = []
    for recorder in recorders:
        try:
            _, err = recorder.communicate(timeout=seconds + 60)
        except subprocess.TimeoutExpired:
            recorder.kill()
            _, err = recorder.communicate()
        if recorder.returncode:
            problems.append(err.decode(errors="replace")[-500:])
    summaries = {role: profiles.hottest(path) for role, path in files.items() if path.exists()}
    return {
        "profiled": not problems,
        "files": {role: str(path) for role, path in files.items()},
        "problems": problems,
        "note": "py-spy at 100 Hz (non-blocking) during an extra 10-concurrent level, not part of the measured "
        "figures; open the files in https://www.speedscope.app",
        "level": {k: level[k] for k in ("throughput_msgs_per_s", "latency_ms")},
        "where_the_time_goes": summaries,
    }


def settled(roots: List[int]) -> Dict[str, object]:
    """The cluster's analytics consumer catching up after a level (bench/README.md): how far behind
    it was, how long it took, and the servers' CPU meanwhile (the consumer's share of a level's
    work that the level's own window did not see)."""
    meter = CpuMeter(roots)
    meter.start()
    caught_up = targets.analytics_settled()
    cpu = meter.stop(0)
    caught_up["consumer_cpu_s"] = (
        round(
            cpu.get("servers_by_role_pct_of_one_core", {}).get("analytics consumer", 0.0)
            * cpu.get("seconds", 0.0)
            / 100,
            2,
        )
        if cpu.get("seconds")
        else None
    )
    return caught_up


def measure(
    running: targets.Running, script: load.Script, args: argparse.Namespace, api_token: str, out: Path
) -> Dict[str, object]:
    levels = [int(v) for v in args.levels.split(",") if v.strip()]
    roots = [p.pid for p in running.processes]
    result: Dict[str, object] = {
        "measured": True,
        "startup": running.startup,
        "rss_after_start_mib": rss_by_role(running),
    }
    with MemorySampler(roots) as sampler:
        result["sample_conversation"] = asyncio.run(
            load.one_conversation(running.webhook, script, f"bench-sample-{running.name}")
        )
        asyncio.run(
            load.closed_loop(running.webhook, script, 4, min(5.0, args.duration), f"bench-warmup-{running.name}")
        )
        measured = []
        for concurrency in levels:
            print(f"bench: {running.name}: {concurrency} concurrent for {args.duration:.0f} s", flush=True)
            meter = CpuMeter(roots)
            meter.start()
            level = asyncio.run(
                load.closed_loop(
                    running.webhook, script, concurrency, args.duration, f"bench-{running.name}-c{concurrency}"
                )
            )
            level["cpu"] = meter.stop(level["messages_ok"])
            level["loadavg"] = [round(v, 2) for v in os.getloadavg()]
            if running.name == "cluster":
                level["analytics_after_level"] = settled(roots)
            measured.append(level)
            print(
                f"bench: {running.name}: {concurrency} concurrent: {level['throughput_msgs_per_s']} msg/s, "
                f"p95 {level['latency_ms']['p95']} ms, errors {level['errors'] or 0}",
                flush=True,
            )
        result["levels"] = measured
        best = max(measured, key=lambda l: l["throughput_msgs_per_s"])
        result["saturation"] = {
            "throughput_msgs_per_s": best["throughput_msgs_per_s"],
            "at_concurrency": best["concurrency"],
            "method": METHOD["saturation"],
            "capacity_estimate_msgs_per_s": max(
                (l["cpu"].get("capacity_estimate_msgs_per_s") or 0 for l in measured), default=None
            ),
            "capacity_method": METHOD["capacity"],
        }
        if best["throughput_msgs_per_s"] > 0:
            rate = best["throughput_msgs_per_s"] / 2
            print(f"bench: {running.name}: constant {rate:.1f} msg/s for {args.duration:.0f} s", flush=True)
            meter = CpuMeter(roots)
            meter.start()
            half = asyncio.run(
                load.constant_rate(running.webhook, script, rate, args.duration, f"bench-{running.name}-half")
            )
            half["cpu"] = meter.stop(half["messages_ok"])
            if running.name == "cluster":
                half["analytics_after_level"] = settled(roots)
            result["half_saturation"] = half
        result["rss_under_load"] = sampler.summary()
    if running.api:
        print(f"bench: {running.name}: server-side timing", flush=True)
        try:
            result["server_side"] = breakdown.run(
                running.api, api_token, script, args.breakdown_reps, running.action_webhook, running.selective_domain
            )
        except Exception as error:
            result["server_side"] = {"measured": False, "reason": f"not measured: {type(error).__name__}: {error}"}
    else:
        result["server_side"] = {"measured": False, "reason": running.no_api_reason}
    if args.profile:
        print(f"bench: {running.name}: profiling", flush=True)
        result["profile"] = profile(running, script, args.duration, out)
        if running.name == "cluster":  # the profiled level's backlog is not the next target's work
            result["profile"]["analytics_after_level"] = settled(roots)
    return result


def ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return round(a / b, 2) if a is not None and b not in (None, 0) else None


def dig(report: Dict, *keys):
    value = report
    for key in keys:
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and isinstance(key, int) and key < len(value):
            value = value[key]
        else:
            return None
    return value


def ratios(stock: Dict, other: Dict) -> Dict[str, object]:
    if not stock.get("measured") or not other.get("measured"):
        return {"measured": False, "reason": other.get("reason") or stock.get("reason")}

    def by_level(target):
        return {l["concurrency"]: l for l in target.get("levels", [])}

    s_levels, o_levels = by_level(stock), by_level(other)
    result = {
        "throughput_at_saturation": ratio(
            dig(other, "saturation", "throughput_msgs_per_s"), dig(stock, "saturation", "throughput_msgs_per_s")
        ),
        "capacity_estimate_on_idle_cores": ratio(
            dig(other, "saturation", "capacity_estimate_msgs_per_s"),
            dig(stock, "saturation", "capacity_estimate_msgs_per_s"),
        ),
        "p95_at_half_saturation": ratio(
            dig(other, "half_saturation", "latency_ms", "p95"), dig(stock, "half_saturation", "latency_ms", "p95")
        ),
        "per_concurrency": {
            str(c): {
                "throughput": ratio(o_levels[c]["throughput_msgs_per_s"], s_levels[c]["throughput_msgs_per_s"]),
                "p50": ratio(o_levels[c]["latency_ms"]["p50"], s_levels[c]["latency_ms"]["p50"]),
                "p95": ratio(o_levels[c]["latency_ms"]["p95"], s_levels[c]["latency_ms"]["p95"]),
                "p99": ratio(o_levels[c]["latency_ms"]["p99"], s_levels[c]["latency_ms"]["p99"]),
                "server_cpu_per_message": ratio(
                    o_levels[c]["cpu"].get("server_cpu_ms_per_message"),
                    s_levels[c]["cpu"].get("server_cpu_ms_per_message"),
                ),
            }
            for c in s_levels
            if c in o_levels
        },
        "server_rss_max": ratio(
            dig(other, "rss_under_load", "server_rss_mib_max"), dig(stock, "rss_under_load", "server_rss_mib_max")
        ),
        "startup_to_first_answer": ratio(
            dig(other, "startup", "seconds_to_first_answer"), dig(stock, "startup", "seconds_to_first_answer")
        ),
        "nlu_ms_mean": ratio(
            dig(other, "server_side", "mean_per_message_ms", "nlu_ms"),
            dig(stock, "server_side", "mean_per_message_ms", "nlu_ms"),
        ),
        "turn_ms_mean_unloaded": ratio(
            dig(other, "server_side", "mean_per_message_ms", "turn_ms"),
            dig(stock, "server_side", "mean_per_message_ms", "turn_ms"),
        ),
        "training": ratio(dig(other, "training", "seconds"), dig(stock, "training", "seconds")),
    }
    if result["training"] is None and dig(other, "training", "last_known"):
        known = other["training"]["last_known"]
        stock_s = dig(stock, "training", "seconds")
        if stock_s:
            result["training_indicative_from_last_known"] = (
                f"{known['seconds_low'] / stock_s:.2f}–{known['seconds_high'] / stock_s:.2f} "
                "(ours not measured in this run; README figure over this run's stock time)"
            )
    return result


def verdicts(report: Dict) -> Dict[str, object]:
    single, cluster = report["ratios"]["ours_single_vs_stock"], report["ratios"]["cluster_vs_stock"]

    def check(value, limit, higher_is_better=True):
        if value is None:
            return {"value": None, "target": limit, "met": None}
        return {"value": value, "target": limit, "met": value >= limit if higher_is_better else value <= limit}

    paired = report.get("paired") or {}

    def throughput(name, sequential):  # the paired median when measured, else the one-after-another ratio
        median = dig(paired, "ratios", name, "median")
        return dict(
            check(
                median if median is not None else sequential,
                ISSUE_TARGETS[f"{'single' if name == 'ours' else name}_vs_stock_throughput"],
            ),
            source="paired rounds (median)" if median is not None else "one target after another",
        )

    return {
        "single_vs_stock_throughput_at_saturation": throughput("ours", single.get("throughput_at_saturation")),
        "cluster_vs_stock_throughput_at_saturation": throughput("cluster", cluster.get("throughput_at_saturation")),
        "ours_p95_at_half_saturation_ms": check(
            dig(report, "targets", "ours", "half_saturation", "latency_ms", "p95"),
            ISSUE_TARGETS["p95_at_half_saturation_ms"],
            higher_is_better=False,
        ),
        "cluster_p95_at_half_saturation_ms": check(
            dig(report, "targets", "cluster", "half_saturation", "latency_ms", "p95"),
            ISSUE_TARGETS["p95_at_half_saturation_ms"],
            higher_is_better=False,
        ),
    }


def summary(report: Dict) -> str:
    lines = [
        f"make bench, {report['started_at']}, {report['machine']['cores']} cores, "
        f"{report['settings']['duration_s']:.0f} s per level"
    ]
    header = (
        f"{'target':10} {'conc':>5} {'msg/s':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'errors':>7} "
        f"{'cpu ms/msg':>10} {'others %':>8}"
    )
    doc = report.get("documents") or {}
    if doc:
        lines.append(
            f"statement PDF ({doc['borrower']}, {doc['pdf_bytes']} bytes): median {doc['statement_median_s']} s, "
            f"first {doc['first_statement_s']} s, {doc['statement_vs_target']} of the 1 s target, "
            f"{doc['statement_vs_chat_answer']}× the chat's overdue answer"
        )
    if (report.get("contacts") or {}).get("planning"):
        lines.append(contacts.summary(report["contacts"]))
    lines.append(header)
    for name, target in report["targets"].items():
        if not target.get("measured"):
            lines.append(f"{name:10} {target.get('reason')}")
            continue
        for level in target["levels"]:
            lat = level["latency_ms"]
            errors = sum(level["errors"].values())
            lines.append(
                f"{name:10} {level['concurrency']:>5} {level['throughput_msgs_per_s']:>8} "
                f"{lat['p50']!s:>8} {lat['p95']!s:>8} {lat['p99']!s:>8} {errors:>7} "
                f"{level['cpu'].get('server_cpu_ms_per_message')!s:>10} {level['cpu']['other_processes_pct']:>8}"
            )
        half = target.get("half_saturation") or {}
        lines.append(
            f"{name:10} saturation {dig(target, 'saturation', 'throughput_msgs_per_s')} msg/s measured, "
            f"{dig(target, 'saturation', 'capacity_estimate_msgs_per_s')} msg/s estimated on idle cores from CPU per message"
        )
        lines.append(
            f"{name:10} half-saturation {half.get('target_rate_msgs_per_s')} msg/s: "
            f"p50 {dig(half, 'latency_ms', 'p50')} p95 {dig(half, 'latency_ms', 'p95')} ms; "
            f"server RSS max {dig(target, 'rss_under_load', 'server_rss_mib_max')} MiB; "
            f"start-up {dig(target, 'startup', 'seconds_to_first_answer')} s; "
            f"training {dig(target, 'training', 'seconds') or 'not measured'}"
        )
        side = dig(target, "server_side", "mean_per_message_ms")
        if side:
            lines.append(
                f"{name:10} server side per message (unloaded, ms): turn {side['turn_ms']} = NLU {side['nlu_ms']}"
                f" + actions {side['actions_ms']} + policies and the rest {side['policies_and_rest_ms']}"
            )
    for key, label in (("ours_single_vs_stock", "ours-single / stock"), ("cluster_vs_stock", "cluster / stock")):
        r = report["ratios"][key]
        if not r.get("measured", True):
            lines.append(f"{label}: {r.get('reason')}")
            continue
        per = ", ".join(
            f"{c}: {v['throughput']}× msg/s, {v['p95']}× p95, {v['server_cpu_per_message']}× CPU/msg"
            for c, v in r["per_concurrency"].items()
        )
        lines.append(
            f"{label}: throughput at saturation {r['throughput_at_saturation']}× (capacity estimate from CPU "
            f"per message {r['capacity_estimate_on_idle_cores']}×); p95 at half saturation "
            f"{r['p95_at_half_saturation']}×; {per}; server RSS {r['server_rss_max']}×; start-up "
            f"{r['startup_to_first_answer']}×; NLU {r['nlu_ms_mean']}×; training "
            f"{r['training'] or r.get('training_indicative_from_last_known') or 'not measured'}"
        )
    paired = report.get("paired") or {}
    if paired.get("measured"):
        for name, r in paired["ratios"].items():
            lines.append(
                f"paired rounds at saturation ({name} at {paired['concurrency'][name]} concurrent, stock at "
                f"{paired['concurrency']['stock']}), {name} / stock: median {r['median']}× "
                f"(rounds: {', '.join(f'{v}×' for v in r['per_round'])})"
            )
    busy = [
        f"{name} {level['concurrency']}: {level['cpu']['other_processes_pct']}%"
        for name, target in report["targets"].items()
        if target.get("measured")
        for level in target.get("levels", [])
        if level["cpu"]["other_processes_pct"] > BUSY_PCT
    ]
    if busy:
        lines.append(
            f"WARNING: other processes used more than {BUSY_PCT}% of a core during: {', '.join(busy)} — "
            "these figures are from a busy machine"
        )
    for name, verdict in report["issue_8_targets"].items():
        met = {True: "met", False: "NOT met", None: "not measured"}[verdict["met"]]
        source = f" [{verdict['source']}]" if verdict.get("source") else ""
        lines.append(f"issue 8: {name}: {verdict['value']} (target {verdict['target']}): {met}{source}")
    return "\n".join(lines)


def paired_rounds(alive: Dict[str, tuple], found: Dict[str, Dict], args: argparse.Namespace) -> Dict[str, object]:
    if "stock" not in alive or len(alive) < 2 or args.rounds <= 0:
        return {
            "measured": False,
            "reason": "not measured: needs the stock bot and another target running, and --rounds > 0",
        }
    # each target at the concurrency of its own saturation (the stock bot peaks at 1, the cluster at 50)
    levels = {
        name: dig(found[name], "saturation", "at_concurrency")
        or max(int(v) for v in args.levels.split(",") if v.strip())
        for name in alive
    }
    names = [n for n in ("stock", "ours", "cluster") if n in alive]
    rounds = []
    for number in range(args.rounds):
        row: Dict[str, object] = {}
        for name in names if number % 2 == 0 else list(reversed(names)):
            running, script = alive[name]
            meter = CpuMeter([p.pid for p in running.processes])
            meter.start()
            level = asyncio.run(
                load.closed_loop(running.webhook, script, levels[name], args.duration, f"bench-{name}-round{number}")
            )
            cpu = meter.stop(level["messages_ok"])
            row[name] = {
                "concurrency": levels[name],
                "throughput_msgs_per_s": level["throughput_msgs_per_s"],
                "errors": level["errors"],
                "server_cpu_ms_per_message": cpu.get("server_cpu_ms_per_message"),
                "other_processes_pct": cpu.get("other_processes_pct"),
                "steal_pct": cpu.get("steal_pct"),
            }
            if name == "cluster":  # its consumer catches up before the next turn, which would measure it
                row[name]["analytics_after_turn"] = settled([p.pid for p in running.processes])
            print(
                f"bench: round {number + 1}/{args.rounds}: {name}: {level['throughput_msgs_per_s']} msg/s", flush=True
            )
        rounds.append(row)
    result: Dict[str, object] = {
        "measured": True,
        "concurrency": levels,
        "duration_s": args.duration,
        "method": METHOD["paired"],
        "rounds": rounds,
        "ratios": {},
    }
    for name in names[1:]:
        per_round = [ratio(r[name]["throughput_msgs_per_s"], r["stock"]["throughput_msgs_per_s"]) for r in rounds]
        known = sorted(v for v in per_round if v is not None)
        result["ratios"][name] = {
            "per_round": per_round,
            "median": known[len(known) // 2] if known else None,
            "low": known[0] if known else None,
            "high": known[-1] if known else None,
        }
    return result


def measure_all(
    args: argparse.Namespace,
    wanted: List[str],
    found: Dict[str, Dict],
    secret: str,
    api_token: str,
    borrower_token: str,
    extra_env: Dict[str, str],
    out: Path,
) -> Dict[str, object]:
    """Each target's own figures, one target at a time (the others started but idle), then the
    paired rounds; every target is stopped at the end."""
    alive: Dict[str, tuple] = {}
    try:
        for name in ("stock", "ours", "cluster"):
            if name not in wanted:
                found[name] = {"measured": False, "reason": "not measured: not in --targets"}
                continue
            try:
                if name == "stock":
                    if args.reuse_stock and targets.stock_model(WORK):
                        training = {
                            "measured": False,
                            "reason": "not measured: --reuse-stock served the model of an earlier run",
                        }
                    else:
                        print("bench: stock: rasa init (trains the stock bot)", flush=True)
                        training = targets.train_stock(WORK)
                    running = targets.start_stock(WORK, api_token)
                    script = targets.STOCK_SCRIPT
                elif name == "ours":
                    training = targets.train_ours(WORK) if args.train_ours else targets.ours_training_not_measured()
                    print("bench: ours: starting the action server and the Rasa server", flush=True)
                    running = targets.start_ours(WORK, secret, api_token, borrower_token, extra_env)
                    script = targets.ours_script(borrower_token)
                else:
                    if not targets.CLUSTER_SCRIPT.exists():
                        found[name] = {"measured": False, "reason": "not measured: scripts/run-cluster missing"}
                        continue
                    training = {
                        "measured": False,
                        "reason": "the cluster serves the same trained model as the single instance",
                    }
                    print("bench: cluster: scripts/run-cluster", flush=True)
                    running = targets.start_cluster(WORK, secret, borrower_token)
                    script = targets.ours_script(borrower_token)
            except targets.StartFailed as error:
                found[name] = {"measured": False, "reason": f"not measured: start failed: {error}"}
                print(f"bench: {name}: start failed: {str(error)[:800]}", flush=True)
                continue
            alive[name] = (running, script)
            try:
                found[name] = {"training": training, **measure(running, script, args, api_token, out)}
            except Exception as error:  # the other targets' figures still get written
                found[name] = {
                    "measured": False,
                    "reason": f"not measured: failed while measuring: {type(error).__name__}: {error}",
                    "logs": [str(p.log) for p in running.processes],
                }
                print(f"bench: {name}: failed while measuring: {error!r}", flush=True)
                running.stop()
                del alive[name]
        return paired_rounds({n: a for n, a in alive.items() if found[n].get("measured")}, found, args)
    finally:
        for name, (running, _) in alive.items():
            running.stop()
            if name == "cluster":
                found.setdefault(name, {})["cleanup_problems"] = targets.clean_cluster_stores()


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    out = Path(args.out)
    if not out.is_absolute():
        out = targets.ROOT / out
    out.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    atexit.register(stop_everything)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    wanted = [t.strip() for t in args.targets.split(",") if t.strip()]
    extra_env = dict(item.split("=", 1) for item in args.ours_env)

    # As `make bench` runs it (the Makefile exports ASSISTANT_ENV=development): `python -m bench.run`
    # alone started the servers in production mode, which refuse to start without REST_API_KEY.
    os.environ.setdefault("ASSISTANT_ENV", "development")
    secret = secrets.token_urlsafe(36)  # the bench's own identity secret, for our servers and the cluster
    api_token = secrets.token_urlsafe(24)  # the bench's own token of the Rasa HTTP API
    os.environ["ASSISTANT_JWT_SECRET"] = secret
    from auth.tokens import mint_host_token  # no Rasa import; what the lender's app does

    borrower_token = mint_host_token("B001", ttl_seconds=6 * 3600, secret=secret)

    report: Dict[str, object] = {
        "schema": "huankuan-bench/1",
        "started_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "python": sys.version.split()[0],
            "rasa": package_metadata.version("rasa"),
            "rasa_sdk": package_metadata.version("rasa-sdk"),
        },
        "settings": {
            "duration_s": args.duration,
            "concurrency_levels": [int(v) for v in args.levels.split(",")],
            "breakdown_reps": args.breakdown_reps,
            "targets": wanted,
            "ours_env": extra_env,
            "as_of": targets.AS_OF,
            "borrower": "B001 (signed host token in metadata.auth_token)",
            "inherited_env": {k: os.environ[k] for k in INHERITED if k in os.environ},
        },
        "method": METHOD,
        "targets": {},
    }
    report["machine"].update(wait_for_idle(args.idle_wait, lambda line: print(f"bench: {line}", flush=True)))
    if report["machine"]["busy_at_start"]:
        print("bench: WARNING: still busy after waiting; measuring anyway, see machine.busy_at_start", flush=True)

    # #17: B005's statement PDF, built and rendered in this process before any server starts.
    report["documents"] = documents.measure()
    # #19: a day of contacts planned for a generated store on PostgreSQL (its own databases, no servers).
    if args.contacts:
        try:
            report["contacts"] = contacts.measure(args.contacts, idle_wait=0)
            (out / "contacts.json").write_text(json.dumps(report["contacts"], ensure_ascii=False, indent=2), "utf-8")
        except Exception as error:  # no PostgreSQL here: the rest of the bench still runs
            report["contacts"] = {"measured": False, "reason": f"not measured: {error}"[:500]}

    found: Dict[str, Dict] = report["targets"]  # type: ignore[assignment]
    report["paired"] = {"measured": False, "reason": "not measured: the run was interrupted"}
    try:
        report["paired"] = measure_all(args, wanted, found, secret, api_token, borrower_token, extra_env, out)
    except Interrupted:
        print("bench: interrupted; writing what was measured", flush=True)
        for name in ("stock", "ours", "cluster"):
            if "measured" not in found.get(name, {}):
                found[name] = {
                    **found.get(name, {}),
                    "measured": False,
                    "reason": "not measured: the run was interrupted",
                }
        report["interrupted"] = True
    finally:
        stop_everything()

    report["ratios"] = {
        "ours_single_vs_stock": ratios(found["stock"], found["ours"]),
        "cluster_vs_stock": ratios(found["stock"], found["cluster"]),
    }
    report["issue_8_targets"] = verdicts(report)
    report["machine"]["loadavg_at_end"] = [round(v, 2) for v in os.getloadavg()]
    report["machine"]["busy_at_end"] = busy_processes()
    (out / "bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    chart.draw(report, out / "bench.png")
    text = summary(report)
    (out / "summary.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"bench: wrote {out / 'bench.json'} and {out / 'bench.png'}")
    return 143 if report.get("interrupted") else 0


if __name__ == "__main__":
    sys.exit(main())
