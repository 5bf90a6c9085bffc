"""Rate limits and the production secret rule."""
import os
import subprocess
import sys

import pytest

from channels.limits import ChannelLimits, RateLimiter
from tests.conftest import ROOT


def test_sliding_window():
    limiter = RateLimiter(3, window=60)
    assert [limiter.allow("k", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("k", now=61) is True  # the first one left the window
    assert limiter.allow("other", now=3) is True


def test_limits_per_conversation_and_per_address(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_CONVERSATION", "2")
    monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS", "3")
    limits = ChannelLimits()
    assert [limits.allow("c1", "1.2.3.4") for _ in range(3)] == [True, True, False]
    assert limits.allow("c2", "1.2.3.4") is True
    assert limits.allow("c3", "1.2.3.4") is False  # the address is spent
    assert limits.allow("c3", "5.6.7.8") is True


@pytest.mark.parametrize("secret", ["", "dev-only-secret-not-for-production", "short"])
def test_production_servers_refuse_to_start_without_a_real_secret(secret):
    env = dict(os.environ, ASSISTANT_ENV="production", ASSISTANT_JWT_SECRET=secret, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", "import actions"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "ASSISTANT_JWT_SECRET" in result.stderr


def test_production_starts_with_a_real_secret():
    env = dict(os.environ, ASSISTANT_ENV="production", ASSISTANT_JWT_SECRET="x" * 40, PYTHONPATH=str(ROOT))
    assert subprocess.run([sys.executable, "-c", "import actions"], cwd=ROOT, env=env).returncode == 0


@pytest.mark.parametrize("mode", [None, "", "prod", "Production", "devel", "staging"])
def test_anything_but_an_explicit_development_is_production(mode):
    """#15 item 2: an unset or mistyped ASSISTANT_ENV fails closed, with the development secret refused."""
    env = {k: v for k, v in os.environ.items() if k != "ASSISTANT_ENV"}
    env.update(ASSISTANT_JWT_SECRET="dev-only-secret-not-for-production", PYTHONPATH=str(ROOT))
    if mode is not None:
        env["ASSISTANT_ENV"] = mode
    result = subprocess.run([sys.executable, "-c", "import actions"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "ASSISTANT_JWT_SECRET" in result.stderr


@pytest.mark.parametrize("mode", ["development", " Development "])
def test_development_only_when_said(monkeypatch, mode):
    from auth.mode import development, production
    from channels import webpage

    monkeypatch.setenv("ASSISTANT_ENV", mode)
    assert development() and not production() and webpage.development()
    monkeypatch.delenv("ASSISTANT_ENV")
    assert production() and not webpage.development()



@pytest.mark.asyncio
async def test_wechat_nonces_tell_a_retry_from_a_replay():
    from channels.wechat import Dedup

    nonces = Dedup(None, "test:nonce:", 600)
    assert await nonces.first_with("1764900000:abc", "digest-1") == "first"
    assert await nonces.first_with("1764900000:abc", "digest-1") == "same"  # WeChat's retry
    assert await nonces.first_with("1764900000:abc", "digest-2") == "other"  # a replayed URL, another body
    assert await nonces.first("msg-1") is True and await nonces.first("msg-1") is False
