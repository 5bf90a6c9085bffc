"""Server processes of the benchmark: free ports, launching and stopping, and their memory and CPU
read from /proc (Linux; psutil is not among the installed packages)."""

import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

PAGE_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Launched:
    """A process this benchmark started, in a process group of its own (its id is the group's id)."""

    label: str
    process: subprocess.Popen
    log: Path
    started_at: float  # time.monotonic() just before the launch

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


STARTED: List[Launched] = []  # everything launched and not yet stopped, for the exit handler


def launch(label: str, argv: List[str], cwd: Path, env: Dict[str, str], log: Path) -> Launched:
    log.parent.mkdir(parents=True, exist_ok=True)
    started_at = time.monotonic()
    with open(log, "w") as out:
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    launched = Launched(label, process, log, started_at)
    STARTED.append(launched)
    return launched


def stop(*launched: Launched, grace: float = 30.0) -> None:
    """SIGTERM to each process we started, then SIGKILL to its own process group if it lingers."""
    for item in launched:
        if item.alive():
            try:
                item.process.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
    for item in launched:
        try:
            item.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(item.pid, signal.SIGKILL)  # children left behind in its group (started with a new session)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            item.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        if item in STARTED:
            STARTED.remove(item)


def stop_everything() -> None:
    stop(*list(STARTED), grace=15.0)


def _stat(pid: int) -> Optional[List[str]]:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name is in parentheses and may hold spaces
    return [raw[: raw.index("(")].strip(), raw[raw.index("(") + 1 : raw.rindex(")")]] + raw[
        raw.rindex(")") + 2 :
    ].split()


def descendants(root: int) -> List[int]:
    """root and every process under it (by parent id), from one scan of /proc."""
    parents: Dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields:
                parents[int(entry)] = int(fields[3])
    found, frontier = [root], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return [pid for pid in found if pid in parents]


def rss_bytes(pid: int) -> Optional[int]:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return 0  # a zombie has no VmRSS


def cpu_seconds(pid: int) -> Optional[float]:
    fields = _stat(pid)
    if not fields:
        return None
    return (int(fields[13]) + int(fields[14])) / PAGE_TICKS  # utime + stime


def thread_count(pid: int) -> Optional[int]:
    fields = _stat(pid)
    return int(fields[19]) if fields else None


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def role_of(cmdline: str) -> str:
    if "nginx" in cmdline:
        return "nginx worker" if "worker" in cmdline else "nginx"
    # Our launchers: `python -m actions.server` and `python -m rasa_patches run` (scripts/run-*).
    if "rasa run actions" in cmdline or "rasa_sdk" in cmdline or "-m actions.server" in cmdline:
        return "action server"
    if "rasa run" in cmdline or "rasa_patches run" in cmdline:
        return "rasa server"
    if "analytics.consumer" in cmdline:
        return "analytics consumer"
    if "run-cluster" in cmdline:
        return "run-cluster script"
    if cmdline.startswith(("bash", "/bin/bash", "sh ", "/bin/sh")):
        return "shell"
    return (cmdline.split() or ["?"])[0].rsplit("/", 1)[-1]


def _machine_ticks() -> List[int]:
    return [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]


def system_cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine so far (all cores), steal included."""
    ticks = _machine_ticks()
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return (sum(ticks[:8]) - idle) / PAGE_TICKS


def steal_seconds() -> float:
    """CPU seconds the hypervisor gave to someone else while this machine wanted them (all cores)."""
    ticks = _machine_ticks()
    return ticks[7] / PAGE_TICKS if len(ticks) > 7 else 0.0


SERVER_ROLES = ("rasa server", "action server", "nginx", "nginx worker", "analytics consumer")
TRANSIENT = ("sleep", "curl")  # the start-up polls of run-cluster


@dataclass
class ProcessMemory:
    pid: int
    role: str
    cmdline: str
    samples: List[int] = field(default_factory=list)

    def summary(self) -> Dict[str, object]:
        mib = [s / 2**20 for s in self.samples]
        return {
            "pid": self.pid,
            "role": self.role,
            "cmdline": self.cmdline[:200],
            "rss_mib_max": round(max(mib), 1) if mib else None,
            "rss_mib_mean": round(sum(mib) / len(mib), 1) if mib else None,
            "rss_mib_last": round(mib[-1], 1) if mib else None,
            "samples": len(mib),
        }


class MemorySampler:
    """Samples the RSS of every process under the given roots every `interval` seconds, in a thread
    (a /proc read costs microseconds, so the load generator is not disturbed)."""

    def __init__(self, roots: List[int], interval: float = 1.0) -> None:
        self.roots, self.interval = roots, interval
        self.processes: Dict[int, ProcessMemory] = {}
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def sample_once(self) -> None:
        for root in self.roots:
            for pid in descendants(root):
                rss = rss_bytes(pid)
                if rss is None:
                    continue
                if pid not in self.processes:
                    cmd = command_line(pid)
                    self.processes[pid] = ProcessMemory(pid, role_of(cmd), cmd)
                self.processes[pid].samples.append(rss)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample_once()

    def __enter__(self) -> "MemorySampler":
        self.sample_once()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
        self.sample_once()

    def summary(self) -> Dict[str, object]:
        rows = [
            p.summary() for p in self.processes.values() if p.samples and max(p.samples) > 0 and p.role not in TRANSIENT
        ]
        return {
            "processes": rows,
            "total_rss_mib_max": round(sum(r["rss_mib_max"] for r in rows), 1),
            "server_rss_mib_max": round(sum(r["rss_mib_max"] for r in rows if r["role"] in SERVER_ROLES), 1),
        }


class CpuMeter:
    """CPU used by each process under the roots, the bench process and the whole machine between
    start() and stop(), as a percentage of one core."""

    def __init__(self, roots: List[int]) -> None:
        self.roots = roots

    def _read(self) -> Dict[int, float]:
        seconds = {}
        for root in self.roots:
            for pid in descendants(root):
                value = cpu_seconds(pid)
                if value is not None:
                    seconds[pid] = value
        return seconds

    def start(self) -> None:
        self._t0, self._procs0 = time.monotonic(), self._read()
        self._self0, self._system0 = cpu_seconds(os.getpid()) or 0.0, system_cpu_seconds()
        self._steal0 = steal_seconds()

    def stop(self, messages: int = 0) -> Dict[str, object]:
        """`messages`: correct replies in the interval, for the CPU each one cost."""
        elapsed = max(time.monotonic() - self._t0, 1e-9)
        procs1 = self._read()
        per_role: Dict[str, float] = {}
        per_process: Dict[str, float] = {}
        for pid, value in procs1.items():
            role = role_of(command_line(pid))
            used = value - self._procs0.get(pid, 0.0)
            per_role[role] = per_role.get(role, 0.0) + used
            if role in SERVER_ROLES:
                per_process[f"{role} {pid}"] = used
        ours = sum(per_role.values())
        bench = (cpu_seconds(os.getpid()) or 0.0) - self._self0
        machine = system_cpu_seconds() - self._system0
        return {
            "seconds": round(elapsed, 2),
            "servers_by_role_pct_of_one_core": {k: round(100 * v / elapsed, 1) for k, v in sorted(per_role.items())},
            "servers_pct": round(100 * ours / elapsed, 1),
            "load_generator_pct": round(100 * bench / elapsed, 1),
            "machine_pct": round(100 * machine / elapsed, 1),
            "other_processes_pct": round(100 * max(machine - ours - bench, 0.0) / elapsed, 1),
            # part of other_processes_pct: the host running other machines on these cores
            "steal_pct": round(100 * (steal_seconds() - self._steal0) / elapsed, 1),
            "cores": os.cpu_count(),
            **(self._per_message(per_role, per_process, messages) if messages else {}),
        }

    @staticmethod
    def _per_message(per_role: Dict[str, float], per_process: Dict[str, float], messages: int) -> Dict[str, object]:
        """CPU per answered message hardly depends on what else runs on the machine, unlike
        wall-clock throughput. From it, what these servers could answer per second on idle cores:
        a Python server process does its work on one core at a time (the GIL; TensorFlow's own
        threads aside), so the busiest process caps the rate at one core / its CPU per message,
        and all processes together at all cores / their total."""
        servers = {role: seconds for role, seconds in per_role.items() if role in SERVER_ROLES}
        total_ms = 1000 * sum(servers.values()) / messages
        busiest_ms = 1000 * max(per_process.values(), default=0.0) / messages
        caps = [
            v
            for v in (
                1000 / busiest_ms if busiest_ms else None,
                1000 * (os.cpu_count() or 1) / total_ms if total_ms else None,
            )
            if v
        ]
        return {
            "server_cpu_ms_per_message": round(total_ms, 1),
            "server_cpu_ms_per_message_by_role": {r: round(1000 * v / messages, 1) for r, v in sorted(servers.items())},
            "capacity_estimate_msgs_per_s": round(min(caps), 1) if caps else None,
        }


def busy_processes(pattern_words=("rasa train", "pytest")) -> List[str]:
    """Other work that would disturb a benchmark (what `pgrep -af "rasa train|pytest"` shows)."""
    mine = {os.getpid()}
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in mine:
            cmd = command_line(int(entry))
            if any(word in cmd for word in pattern_words):
                found.append(f"{entry} {cmd[:160]}")
    return found


def wait_for_idle(seconds: float, say: Callable[[str], None]) -> Dict[str, object]:
    """Until no `rasa train` or `pytest` runs, at most `seconds`; what was still running, and the load."""
    started = time.monotonic()
    busy = busy_processes()
    while busy and time.monotonic() - started < seconds:
        say(f"the machine is busy, waiting ({len(busy)}): {busy[0]}")
        time.sleep(30)
        busy = busy_processes()
    return {
        "waited_s": round(time.monotonic() - started),
        "busy_at_start": busy,
        "loadavg_at_start": [round(v, 2) for v in os.getloadavg()],
    }
