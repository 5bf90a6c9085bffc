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


def test_the_limiter_stays_bounded_even_when_every_key_is_refused(monkeypatch):
    """A flood of new keys, each refused after its first message, cannot grow the limiter without end."""
    monkeypatch.setattr(RateLimiter, "MAX_KEYS", 100)
    limiter = RateLimiter(1, window=60)
    for n in range(1000):
        assert limiter.allow(f"k{n}", now=1) is True
        assert limiter.allow(f"k{n}", now=1) is False
    assert len(limiter._seen) <= 101
    assert limiter.allow("k999", now=1) is False  # the busiest, newest keys are kept


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


@pytest.mark.parametrize(
    "connecting, forwarded, address",
    [
        ("203.0.113.7", None, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not from our proxy: the header is anyone's to write
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),  # through our nginx
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the client's own first hop is not believed
        ("127.0.0.1", None, "127.0.0.1"),
        (None, None, "unknown"),
    ],
)
def test_the_client_address_behind_trusted_proxies(monkeypatch, connecting, forwarded, address):
    """#15 item 5: behind nginx every client had nginx's address, and one client exhausted everyone's limit."""
    from channels.limits import client_address

    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert client_address(connecting, forwarded) == address


def test_other_trusted_proxies(monkeypatch):
    from channels.limits import client_address

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8")
    assert client_address("10.1.2.3", "198.51.100.1, 10.9.9.9") == "198.51.100.1"
    assert client_address("127.0.0.1", "198.51.100.1") == "127.0.0.1"


def test_limits_are_shared_by_replicas_through_redis(monkeypatch):
    """#15 item 5: two replicas count against one limit (Redis), not each its own share."""
    import uuid

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/11")
    monkeypatch.setenv("RATE_LIMIT_PER_CONVERSATION", "3")
    monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS", "1000")
    a, b = ChannelLimits(), ChannelLimits()
    conversation = f"shared-{uuid.uuid4().hex}"
    assert [
        a.allow(conversation, "198.51.100.1"),
        b.allow(conversation, "198.51.100.2"),
        a.allow(conversation, "198.51.100.3"),
        b.allow(conversation, "198.51.100.4"),
    ] == [True, True, True, False]
    assert a.allow(f"{conversation}-other", "198.51.100.1") is True
