"""The production topology fails closed (issue #15, item 2): scripts/run-cluster runs in production
unless told otherwise, so with the development secret it does not start. (An e2e test: it needs
nginx, which `make e2e` installs.)"""
import os
import subprocess

from tests.conftest import ROOT


def test_the_cluster_starts_in_production_unless_told(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("ASSISTANT_ENV", "REST_API_KEY")}
    env.update(ASSISTANT_JWT_SECRET="dev-only-secret-not-for-production", DATABASE_URL=f"sqlite:///{tmp_path}/l.db",
               CLUSTER_RUN_DIR=str(tmp_path / "cluster"), CLUSTER_PORT="1", PYTHONPATH=str(ROOT))
    result = subprocess.run([str(ROOT / "scripts" / "run-cluster")], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode != 0
    assert "ASSISTANT_JWT_SECRET" in result.stdout + result.stderr + "".join(
        p.read_text(errors="replace") for p in (tmp_path / "cluster" / "log").glob("*.log"))
