"""The production topology fails closed (issue #15, item 2): scripts/run-cluster runs in production
unless told otherwise, so with the development secret it does not start. (An e2e test: it needs
nginx, which `make e2e` installs.)"""

import os
import subprocess

import requests

from tests.conftest import ROOT


def test_the_cluster_starts_in_production_unless_told(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("ASSISTANT_ENV", "REST_API_KEY")}
    env.update(
        ASSISTANT_JWT_SECRET="dev-only-secret-not-for-production",
        DATABASE_URL=f"sqlite:///{tmp_path}/l.db",
        CLUSTER_RUN_DIR=str(tmp_path / "cluster"),
        CLUSTER_PORT="1",
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [str(ROOT / "scripts" / "run-cluster")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode != 0
    assert "ASSISTANT_JWT_SECRET" in result.stdout + result.stderr + "".join(
        p.read_text(errors="replace") for p in (tmp_path / "cluster" / "log").glob("*.log")
    )


def listening_addresses(port):
    """The local addresses a TCP port listens on, from /proc/net/tcp (IPv4, state 0A = LISTEN)."""
    found = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def test_the_action_server_listens_on_loopback_only(tmp_path):
    """#15 item 7: only the Rasa servers of this machine can call the actions."""
    from tests.e2e.conftest import free_port, stop, wait_until_up

    port = free_port()
    log = tmp_path / "actions.log"
    env = {k: v for k, v in os.environ.items() if k != "ACTION_SERVER_HOST"}
    server = subprocess.Popen(
        [str(ROOT / "scripts" / "run-actions"), str(port)],
        cwd=ROOT,
        env=env,
        stdout=open(log, "w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", server, log)
        assert listening_addresses(port) == {"127.0.0.1"}
    finally:
        stop(server)


def test_the_action_server_answers_only_callers_showing_the_shared_secret(tmp_path):
    """#15 item 7: a process on this machine that is not our Rasa server runs no action."""
    from tests.e2e.conftest import free_port, stop, wait_until_up

    port, secret = free_port(), "s" * 40
    log = tmp_path / "actions.log"
    server = subprocess.Popen(
        [str(ROOT / "scripts" / "run-actions"), str(port)],
        cwd=ROOT,
        env=dict(os.environ, ACTION_SERVER_TOKEN=secret),
        stdout=open(log, "w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", server, log)
        call = {
            "next_action": "action_contact_policy",
            "sender_id": "x",
            "version": "3.6.21",
            "tracker": {"sender_id": "x", "slots": {}, "latest_message": {}, "events": []},
        }
        url = f"http://127.0.0.1:{port}"
        for headers in (
            {},
            {"Authorization": "Bearer " + "t" * 40},
            {"Authorization": secret},
            {"Authorization": f"Bearer {secret}x"},
        ):
            assert requests.post(f"{url}/webhook", json=call, headers=headers, timeout=10).status_code == 401
            assert requests.get(f"{url}/actions", headers=headers, timeout=10).status_code == 401
        shown = {"Authorization": f"Bearer {secret}"}
        listed = requests.get(f"{url}/actions", headers=shown, timeout=10)
        assert listed.status_code == 200 and {"name": "action_contact_policy"} in listed.json()
        answered = requests.post(f"{url}/webhook", json=call, headers=shown, timeout=30)
        assert answered.status_code == 200 and answered.json()["responses"]
    finally:
        stop(server)


def test_the_action_server_does_not_start_without_a_shared_secret(tmp_path):
    for given in (None, "too-short"):
        env = {k: v for k, v in os.environ.items() if k != "ACTION_SERVER_TOKEN"}
        if given:
            env["ACTION_SERVER_TOKEN"] = given
        result = subprocess.run(
            [str(ROOT / "scripts" / "run-actions"), "1"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode != 0
        assert "ACTION_SERVER_TOKEN (32+ characters) is required" in result.stderr
