"""WeChat Official Account (服务号) channel at /webhooks/wechat/webhook.

wechatpy checks signatures, decrypts and encrypts safe-mode messages, parses messages and renders
reply XML. Every message reaches the assistant once (dedup by MsgId: Redis when REDIS_URL is set,
memory otherwise). A reply ready within the passive window goes back in the HTTP response; a
slower one is answered `success` at once and delivered through the customer-service message API
(channels/wechat_api.py: one access token shared by the replicas). A bound openid is a verified
borrower: the channel vouches for it with a short-lived signed token in the metadata, as the
lender's app does.

An answer WeChat refuses to deliver (45015: more than 48 hours after the borrower's last message)
is recorded, and the borrower is told once, before the answer to their next message. A handoff to
a human, while one of the account's customer-service agents is online, passes the conversation on
to WeChat's customer-service system (the transfer reply), after the ticket's text and summary. The
menu's clicks (channels/wechat_menu.json) are the messages their buttons stand for.
"""

import asyncio
import hashlib
import logging
import os
import time
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.replies import BaseReply, TextReply, TransferCustomerServiceReply
from wechatpy.utils import check_signature

from auth.mode import production
from auth.tokens import mint_host_token, mint_wechat_binding
from channels import wechat_menu
from channels.limits import SLOW_DOWN, ChannelLimits
from channels.script import answer_in_borrowers_script, conversation_script
from channels.wechat_api import DEFAULT_API_BASE, OUTSIDE_WINDOW, WeChatApi
from loan_store.repository import LoanStore
from nlu.script import to_traditional

logger = logging.getLogger(__name__)

PLEASE_TYPE = "抱歉，我目前只能看懂文字消息，请直接打字告诉我您想办理什么。"
UNDELIVERED = "抱歉，之前有一条回复因超过微信 48 小时的回复期限没能送达，需要的话请再问我一次。"
HANDOFF_SUMMARY = "正在为您转接在线人工客服（工单 {reference}）。{topics}"
# Sending the ticket's text and summary before the transfer reply must leave the passive reply in time.
HANDOFF_SEND_SECONDS = 1.5
DEDUP_SECONDS = 300
# A signed request is accepted only within 5 minutes of its timestamp, and each (timestamp, nonce)
# only once: a logged URL cannot be replayed. Nonces are remembered a little longer than the window.
TIMESTAMP_WINDOW_SECONDS = 300
NONCE_SECONDS = 2 * TIMESTAMP_WINDOW_SECONDS


class Dedup:
    """First sight of a key wins; Redis makes that hold across Rasa instances."""

    def __init__(self, redis_url: Optional[str], prefix: str = "wechat:msg:", seconds: int = DEDUP_SECONDS) -> None:
        self._values: Dict[str, Tuple[float, str]] = {}
        self._redis = None
        self.prefix, self.seconds = prefix, seconds
        if redis_url:
            import redis.asyncio as aioredis

            self._redis = aioredis.from_url(redis_url)

    async def first(self, key: str) -> bool:
        return await self.first_with(key, "1") == "first"

    async def first_with(self, key: str, value: str) -> str:
        """ "first" the first time a key is seen; then "same" when it comes with the same value
        again (a retry), "other" when with another."""
        if self._redis is not None:
            if await self._redis.set(f"{self.prefix}{key}", value, nx=True, ex=self.seconds):
                return "first"
            seen = await self._redis.get(f"{self.prefix}{key}")
            return "same" if seen is not None and seen.decode() == value else "other"
        now = time.monotonic()
        for old in [k for k, (at, _) in self._values.items() if now - at > self.seconds]:
            del self._values[old]
        if key in self._values:
            return "same" if self._values[key][1] == value else "other"
        self._values[key] = (now, value)
        return "first"


# WeChat cuts a text message past 2,048 bytes: longer answers go as several, split between lines.
MAX_TEXT_BYTES = 2048


def split_for_wechat(text: str, limit: int = MAX_TEXT_BYTES) -> List[str]:
    """The text in parts of at most `limit` UTF-8 bytes, cut between lines (a single longer line is
    cut between characters), in order; nothing lost."""
    parts: List[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode()) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(line.encode()) > limit:
            cut = limit
            while len(line[:cut].encode()) > limit:
                cut -= 1
            parts.append(line[:cut])
            line = line[cut:]
        current = line
    if current or not parts:
        parts.append(current)
    return [part for part in parts if part.strip()] or [text]


def handoff_of(messages: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The ticket of a handoff made in this turn (actions/handoff.py adds it as a custom payload)."""
    for message in messages:
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("handoff"), dict):
            return custom["handoff"]
    return None


def joined_text(messages: List[Dict[str, Any]]) -> str:
    """Several bot messages in one passive reply: WeChat allows one reply per message."""
    parts = []
    for message in messages:
        text = message.get("text") or ""
        buttons = [b.get("title") for b in message.get("buttons") or [] if b.get("title")]
        if buttons:
            text += "\n（可回复：" + " / ".join(buttons) + "）"
        if text:
            parts.append(text)
    return "\n\n".join(parts)


class WeChatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WeChatInput":
        return cls()

    def __init__(self) -> None:
        self.token = os.environ.get("WECHAT_TOKEN", "")
        self.appid = os.environ.get("WECHAT_APPID", "")
        aes_key = os.environ.get("WECHAT_AES_KEY", "")
        self.crypto = WeChatCrypto(self.token, aes_key, self.appid) if aes_key else None
        # 兼容模式: plaintext messages are accepted beside encrypted ones (WeChat's compatible mode).
        self.compatible = os.environ.get("WECHAT_COMPATIBLE", "") == "1"
        redis_url = os.environ.get("REDIS_URL", "").strip() or None
        self.api = WeChatApi(
            os.environ.get("WECHAT_API_BASE", DEFAULT_API_BASE),
            self.appid,
            os.environ.get("WECHAT_SECRET", ""),
            redis_url,
        )
        self.passive_seconds = float(os.environ.get("WECHAT_PASSIVE_SECONDS", "4.5"))
        self.dedup = Dedup(redis_url)
        self.nonces = Dedup(redis_url, "wechat:nonce:", NONCE_SECONDS)
        self.menu_clicks = wechat_menu.clicks()
        if production() and self.token and (self.crypto is None or self.compatible):
            raise RuntimeError(
                "production (ASSISTANT_ENV is not 'development') needs WeChat's safe mode: set "
                "WECHAT_AES_KEY and not WECHAT_COMPATIBLE (plaintext bodies are not signed)"
            )
        self._store: Optional[LoanStore] = None
        self.limits = ChannelLimits()

    def store(self) -> LoanStore:
        if self._store is None:
            self._store = LoanStore()
        return self._store

    def _signed(self, request: Request) -> bool:
        """Signed with our token, and recent (a timestamp within 5 minutes of now)."""
        args = request.args
        try:
            check_signature(self.token, args.get("signature", ""), args.get("timestamp", ""), args.get("nonce", ""))
            sent_at = int(args.get("timestamp", ""))
        except (InvalidSignatureException, ValueError):
            return False
        return bool(self.token) and abs(time.time() - sent_at) <= TIMESTAMP_WINDOW_SECONDS

    async def _fresh(self, request: Request) -> bool:
        """Signed, recent, and its (timestamp, nonce) never seen with another body: WeChat's own
        retry repeats the request whole (the MsgId dedup answers it); a logged URL with a body of
        someone else's making is refused."""
        if not self._signed(request):
            return False
        key = f"{request.args.get('timestamp', '')}:{request.args.get('nonce', '')}"
        return await self.nonces.first_with(key, hashlib.sha256(request.body or b"").hexdigest()) != "other"

    async def _metadata(self, openid: str) -> Dict[str, Any]:
        borrower = await asyncio.to_thread(self.store().borrower_by_openid, openid)
        if borrower is not None:
            # A linked account counts as logged in since the link, not since this message, so a borrower
            # who ends the session in this chat stays signed out of it (actions/identity.py).
            return {
                "auth_token": mint_host_token(borrower.id, ttl_seconds=600, auth_time=0),
                "client_address": f"openid:{openid}",
            }
        return {"wechat_binding": mint_wechat_binding(openid), "client_address": f"openid:{openid}"}

    def _reply(self, request: Request, openid: str, text: str) -> response.HTTPResponse:
        return self._render(request, TextReply(content=text, source=request.ctx.wechat_to, target=openid))

    def _transfer(self, request: Request, openid: str) -> response.HTTPResponse:
        return self._render(request, TransferCustomerServiceReply(source=request.ctx.wechat_to, target=openid))

    def _render(self, request: Request, reply: BaseReply) -> response.HTTPResponse:
        xml = reply.render()
        if getattr(request.ctx, "encrypted", False):
            xml = self.crypto.encrypt_message(xml, request.args.get("nonce", ""), request.args.get("timestamp"))
        return response.text(xml, content_type="application/xml")

    async def _with_notice(self, openid: str, text: str) -> str:
        """The answer, after a word about an earlier one that could not be delivered (once)."""
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        try:
            if not await asyncio.to_thread(self.store().take_undelivered, openid, now):
                return text
        except Exception as error:  # the store is down: the answer still goes
            logger.error("could not read undelivered answers: %s", error)
            return text
        notice = UNDELIVERED if conversation_script(openid, "") != "traditional" else to_traditional(UNDELIVERED)
        return f"{notice}\n\n{text}" if text else notice

    async def _agents_online(self, seconds: float) -> bool:
        if seconds <= 0:
            return False
        try:  # the whole check, a wait for another replica's token fetch included, within the window
            return bool(await asyncio.wait_for(self.api.online_agents(timeout=seconds), seconds))
        except Exception as error:  # no answer in time: the ticket and the bot's text, as without agents
            logger.warning("WeChat online agents unknown: %s", error)
            return False

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("wechat_webhook", __name__)
        handle = answer_in_borrowers_script(on_new_message)
        channel = self

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> response.HTTPResponse:
            if not channel._signed(request):
                return response.text("forbidden", status=403)
            return response.text(request.args.get("echostr", ""))

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            if not await channel._fresh(request):
                return response.text("forbidden", status=403)
            try:
                body = request.body.decode("utf-8")
                encrypted = request.args.get("encrypt_type") == "aes"
                if channel.crypto is not None and not encrypted and not channel.compatible:
                    return response.text("forbidden", status=403)  # safe mode: plaintext refused
                request.ctx.encrypted = encrypted and channel.crypto is not None
                if request.ctx.encrypted:
                    body = channel.crypto.decrypt_message(
                        body,
                        request.args.get("msg_signature", ""),
                        request.args.get("timestamp", ""),
                        request.args.get("nonce", ""),
                    )
                message = parse_message(body)
            except Exception as error:  # bad XML, wrong AES key or signature: never reaches the assistant
                logger.info("WeChat message refused: %s", type(error).__name__)
                return response.text("bad request", status=400)
            openid = message.source
            request.ctx.wechat_to = message.target
            key = str(
                getattr(message, "id", "")
                or f"{openid}:{message.create_time}:{getattr(message, 'event', '')}:{getattr(message, 'key', '')}"
            )
            if not await channel.dedup.first(key):
                return response.text("success")
            if not channel.limits.allow(openid, f"openid:{openid}"):  # Tencent's addresses are everyone's
                return channel._reply(request, openid, SLOW_DOWN)
            if message.type == "text":
                text = message.content
            elif message.type == "voice" and getattr(message, "recognition", None):
                text = message.recognition
            elif message.type == "event" and getattr(message, "event", "") == "subscribe":
                text = "/greet"
            elif (
                message.type == "event"
                and getattr(message, "event", "") == "click"
                and message.key in channel.menu_clicks
            ):
                text = channel.menu_clicks[message.key]
            else:
                return channel._reply(request, openid, PLEASE_TYPE)
            collector = CollectingOutputChannel()
            user = UserMessage(
                text, collector, openid, input_channel=channel.name(), metadata=await channel._metadata(openid)
            )
            deadline = time.monotonic() + channel.passive_seconds
            task = asyncio.ensure_future(handle(user))
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=channel.passive_seconds)
            except asyncio.TimeoutError:  # too late for a transfer reply: a handoff stays a ticket and its text
                task.add_done_callback(lambda done: asyncio.ensure_future(channel._deliver(openid, collector, done)))
                return response.text("success")
            handoff = handoff_of(collector.messages)
            if handoff is not None and await channel._agents_online(deadline - time.monotonic()):
                text = await channel._with_notice(openid, joined_text(collector.messages))
                topics = [str(t) for t in handoff.get("topics") or []]
                summary = HANDOFF_SUMMARY.format(
                    reference=handoff.get("reference", ""),
                    topics=f"您之前咨询了：{'、'.join(topics)}。" if topics else "",
                )
                await channel._send(openid, [text, summary], timeout=HANDOFF_SEND_SECONDS)
                return channel._transfer(request, openid)
            text = await channel._with_notice(openid, joined_text(collector.messages))
            if len(text.encode()) > MAX_TEXT_BYTES:  # one passive reply would be cut: several messages instead
                asyncio.ensure_future(channel._send(openid, split_for_wechat(text)))
                return response.text("success")
            return channel._reply(request, openid, text or "success")

        return hook

    async def _deliver(self, openid: str, collector: CollectingOutputChannel, task: "asyncio.Future") -> None:
        if task.exception() is not None:
            logger.error("assistant failed on a WeChat message: %s", task.exception())
            return
        text = await self._with_notice(openid, joined_text(collector.messages))
        await self._send(openid, split_for_wechat(text) if text else [])

    async def _send(self, openid: str, parts: List[str], timeout: float = 10) -> None:
        """Customer-service messages one after the other, so they arrive in order. Outside WeChat's
        48 hours the rest would fail too: the failure is recorded for the next message instead."""
        for part in parts:
            try:
                errcode = await self.api.send_text(openid, part, timeout)
            except Exception as error:
                logger.error("WeChat delivery failed: %s", error)
                return
            if errcode == OUTSIDE_WINDOW:
                now = datetime.now(timezone.utc).replace(tzinfo=None)
                try:
                    await asyncio.to_thread(self.store().record_undelivered, openid, "wechat", errcode, now)
                except Exception as error:
                    logger.error("could not record an undelivered WeChat answer: %s", error)
                return
            if errcode != 0:
                logger.warning("WeChat send refused: %s", errcode)
