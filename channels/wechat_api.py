"""WeChat's server API (customer-service messages, online agents, the menu), async, with one access
token per app id shared by every replica.

WeChat invalidates the previous access token each time a new one is fetched, so replicas that
fetched their own would keep breaking each other's. With REDIS_URL the token lives in Redis and
only the replica holding a Redis lock fetches; the others read it. Without Redis (one process) it
is kept in memory. A token WeChat refuses is replaced only if nobody has replaced it yet.
"""

import asyncio
import json
import time
from typing import Any, Dict, List, Optional

import aiohttp

DEFAULT_API_BASE = "https://api.weixin.qq.com"
# A token is given up 5 minutes before WeChat's 2 hours run out, so no request carries one that
# expires on the way.
TOKEN_MARGIN_SECONDS = 300
# How long a replica may hold the fetch lock (a dead one's lock lapses) and how long the others
# wait for it: more than a token fetch can take (the client times out at 10 s).
LOCK_SECONDS = 15
# Token expired (42001) or invalid (40001: someone fetched a newer one).
TOKEN_REFUSED = (40001, 42001)
# The customer-service API outside the 48 hours after the user's last message.
OUTSIDE_WINDOW = 45015


class WeChatApi:
    def __init__(self, base: str, appid: str, secret: str, redis_url: Optional[str] = None) -> None:
        self.base, self.appid, self.secret = base.rstrip("/"), appid, secret
        self._token: Optional[str] = None
        self._expires = 0.0
        self._lock = asyncio.Lock()
        self._redis = None
        if redis_url:
            import redis.asyncio as aioredis

            self._redis = aioredis.from_url(redis_url)
        self._key, self._lock_key = f"wechat:token:{appid}", f"wechat:token-lock:{appid}"

    async def _kept(self) -> Optional[str]:
        if self._redis is not None:
            token = await self._redis.get(self._key)
            return token.decode() if token is not None else None
        return self._token if time.monotonic() < self._expires else None

    async def _keep(self, token: str, lifetime: int) -> None:
        if self._redis is not None:
            await self._redis.set(self._key, token, ex=max(lifetime, 1))
        else:
            self._token, self._expires = token, time.monotonic() + lifetime

    async def access_token(self, session: aiohttp.ClientSession, refused: Optional[str] = None) -> str:
        """The app's current token. `refused` is one WeChat has just turned down: a new one is fetched
        unless another request (or replica) already replaced it."""
        token = await self._kept()
        if token and token != refused:
            return token
        async with self._lock:  # one fetch per process, and with Redis one per app
            if self._redis is None:
                return await self._fetch_unless_replaced(session, refused)
            async with self._redis.lock(self._lock_key, timeout=LOCK_SECONDS, blocking_timeout=LOCK_SECONDS):
                return await self._fetch_unless_replaced(session, refused)

    async def _fetch_unless_replaced(self, session: aiohttp.ClientSession, refused: Optional[str]) -> str:
        token = await self._kept()
        if token and token != refused:
            return token
        async with session.get(
            f"{self.base}/cgi-bin/token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        ) as reply:
            body = await reply.json(content_type=None)
        if "access_token" not in body:
            raise RuntimeError(f"WeChat token refused: {body.get('errcode')} {body.get('errmsg')}")
        await self._keep(body["access_token"], int(body.get("expires_in", 7200)) - TOKEN_MARGIN_SECONDS)
        return body["access_token"]

    async def call(
        self, method: str, path: str, payload: Optional[Dict[str, Any]] = None, timeout: float = 10
    ) -> Dict[str, Any]:
        """One API call with the shared token, retried once with a new token if WeChat refuses it.
        Bodies go as UTF-8 JSON, not \\u escapes: WeChat refuses those (errcode 40033) or shows them
        as they are."""
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8") if payload is not None else None
        headers = {"Content-Type": "application/json; charset=utf-8"} if data is not None else None
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            refused = None
            for _ in range(2):
                token = await self.access_token(session, refused)
                async with session.request(
                    method, f"{self.base}{path}", params={"access_token": token}, data=data, headers=headers
                ) as reply:
                    body = await reply.json(content_type=None)
                if body.get("errcode", 0) not in TOKEN_REFUSED:
                    break
                refused = token
            return body

    async def send_text(self, openid: str, text: str, timeout: float = 10) -> int:
        """A customer-service text message; WeChat's errcode (0 when sent)."""
        message = {"touser": openid, "msgtype": "text", "text": {"content": text}}
        body = await self.call("POST", "/cgi-bin/message/custom/send", message, timeout)
        return int(body.get("errcode", 0))

    async def online_agents(self, timeout: float) -> List[str]:
        """The accounts of the customer-service agents online now."""
        body = await self.call("GET", "/cgi-bin/customservice/getonlinekflist", timeout=timeout)
        return [agent.get("kf_account", "") for agent in body.get("kf_online_list") or []]

    async def create_menu(self, menu: Dict[str, Any]) -> Dict[str, Any]:
        return await self.call("POST", "/cgi-bin/menu/create", menu)

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.close()
