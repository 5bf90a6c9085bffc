"""Signed identity: the host app's token (HS256 with the secret shared with the lender's app; `sub` =
borrower id, `exp`, `iss` and `aud` required), and the short-lived session token the assistant keeps
once a person has been verified by SMS code. Everything of the assistant's own is signed or keyed
with a key derived for its one purpose (HKDF), never with the shared secret itself."""

import functools
import os
import time
from typing import Optional

import jwt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from auth.mode import production

ALGORITHM = "HS256"
# What the lender's app puts in its tokens: who issued it, and for whom.
HOST_AUDIENCE = "huankuan-assistant"
SESSION_AUDIENCE = "huankuan-assistant-session"
SESSION_TTL_SECONDS = 30 * 60


class TokenRefused(Exception):
    """A token that does not prove anything; `reason` is for logs, never for the borrower."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


DEVELOPMENT_SECRET = "dev-only-secret-not-for-production"  # what `make` sets outside production
MIN_PRODUCTION_SECRET = 32


def jwt_secret() -> str:
    secret = os.environ.get("ASSISTANT_JWT_SECRET", "")
    if not secret:
        raise RuntimeError("ASSISTANT_JWT_SECRET is not set: identity tokens cannot be checked")
    if production() and (secret == DEVELOPMENT_SECRET or len(secret) < MIN_PRODUCTION_SECRET):
        raise RuntimeError(
            f"production (ASSISTANT_ENV is not 'development') needs a real ASSISTANT_JWT_SECRET (at least {MIN_PRODUCTION_SECRET} "
            "characters, not the development default)"
        )
    return secret


def host_issuer() -> str:
    return os.environ.get("ASSISTANT_TOKEN_ISSUER", "huankuan-lender-app")


@functools.lru_cache(maxsize=32)
def _derived(secret: str, purpose: str) -> str:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"huankuan {purpose}".encode()).derive(
        secret.encode()
    )
    return key.hex()


def purpose_key(purpose: str, secret: Optional[str] = None) -> str:
    """A key for one purpose only (session tokens, code digests, web conversation ids …), derived
    from the secret: a key that leaks from one use opens nothing else."""
    return _derived(secret or jwt_secret(), purpose)


def require_secret() -> None:
    """Called when a server starts: in production it refuses to start without a real secret."""
    jwt_secret()


def verify_host_token(token: str, secret: Optional[str] = None) -> str:
    """The borrower id the host app vouches for, or TokenRefused."""
    if not isinstance(token, str) or not token.strip():
        raise TokenRefused("empty token")
    try:
        claims = jwt.decode(
            token.strip(),
            secret or jwt_secret(),
            algorithms=[ALGORITHM],
            audience=HOST_AUDIENCE,
            issuer=host_issuer(),
            options={"require": ["exp", "sub", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError as error:
        raise TokenRefused("expired") from error
    except jwt.InvalidTokenError as error:
        raise TokenRefused(type(error).__name__) from error
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.strip():
        raise TokenRefused("no subject")
    return subject.strip()


def mint_host_token(
    borrower_id: str, ttl_seconds: int = 3600, secret: Optional[str] = None, auth_time: Optional[float] = None
) -> str:
    """What the lender's app does for a logged-in borrower (used by demos, tests and our channels).
    `auth_time` is when the person logged in (default: now), as in OpenID Connect."""
    now = int(time.time())
    claims = {
        "sub": borrower_id,
        "iss": host_issuer(),
        "aud": HOST_AUDIENCE,
        "iat": now,
        "exp": now + ttl_seconds,
        "auth_time": now if auth_time is None else auth_time,
    }
    return jwt.encode(claims, secret or jwt_secret(), algorithm=ALGORITHM)


def host_token_auth_time(token: str) -> float:
    """When the person behind a host token logged in (auth_time, else iat); read without checking
    the signature, so use it only to ignore a token, never to accept one."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return 0.0
    value = claims.get("auth_time", claims.get("iat", 0))
    return float(value) if isinstance(value, (int, float)) else 0.0


def mint_session_token(borrower_id: str, conversation_id: str, secret: Optional[str] = None) -> str:
    """Bound to one conversation, so copying it into another conversation proves nothing."""
    now = int(time.time())
    return jwt.encode(
        {
            "sub": borrower_id,
            "conv": conversation_id,
            "aud": SESSION_AUDIENCE,
            "iat": now,
            "exp": now + SESSION_TTL_SECONDS,
        },
        purpose_key("session tokens", secret),
        algorithm=ALGORITHM,
    )


def verify_session_token(token: str, conversation_id: str, secret: Optional[str] = None) -> str:
    try:
        claims = jwt.decode(
            token,
            purpose_key("session tokens", secret),
            algorithms=[ALGORITHM],
            audience=SESSION_AUDIENCE,
            options={"require": ["exp", "sub", "conv", "aud"]},
        )
    except jwt.InvalidTokenError as error:
        raise TokenRefused(type(error).__name__) from error
    if claims["conv"] != conversation_id:
        raise TokenRefused("token of another conversation")
    return claims["sub"]


WECHAT_AUDIENCE = "huankuan-wechat-binding"


def mint_wechat_binding(openid: str, secret: Optional[str] = None) -> str:
    """Vouches, from the WeChat channel, that this conversation comes from `openid`."""
    now = int(time.time())
    return jwt.encode(
        {"sub": openid, "aud": WECHAT_AUDIENCE, "iat": now, "exp": now + 600},
        purpose_key("wechat bindings", secret),
        algorithm=ALGORITHM,
    )


def verify_wechat_binding(token: str, secret: Optional[str] = None) -> str:
    try:
        claims = jwt.decode(
            token,
            purpose_key("wechat bindings", secret),
            algorithms=[ALGORITHM],
            audience=WECHAT_AUDIENCE,
            options={"require": ["exp", "sub", "aud"]},
        )
    except jwt.InvalidTokenError as error:
        raise TokenRefused(type(error).__name__) from error
    return claims["sub"]
