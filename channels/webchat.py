"""The web chat widget's socket.io channel: identity checked at connect, conversation id derived
from it, and the verified borrower handed to the actions in a way the client cannot forge.

- Logged in: the host page passes the host app's token (`auth.token`); the conversation id is a
  keyed digest of the borrower id, so the same borrower finds the same conversation after a
  reload, and nobody can name another person's conversation.
- Anonymous: the server issues a signed session token with a random conversation id; the widget
  keeps it for reloads. SMS-code verification then applies as on every channel.
Client-sent metadata is dropped; the channel puts a fresh short-lived token in the metadata.
Rooms are entered with an await (Rasa 3.6's own channel loses replies with python-socketio ≥ 5.10).
When the borrower ends the session the widget is sent `session_ended` and wipes what the browser
kept (transcript, anonymous session).
"""

import asyncio
import hashlib
import hmac
import inspect
import logging
import os
import secrets
import time
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import jwt
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from socketio import AsyncServer

from auth.tokens import ALGORITHM, TokenRefused, mint_host_token, purpose_key, verify_host_token
from channels.limits import MAX_MESSAGE_CHARS, SLOW_DOWN, ChannelLimits, client_address
from channels.script import answer_in_borrowers_script, script_of_conversation, traditional_message
from loan_store.repository import LoanStore

logger = logging.getLogger(__name__)
ANON_AUDIENCE = "huankuan-webchat-anonymous"


class WebChatOutput(SocketIOOutput):
    """Rasa's socket.io output, with custom payloads sent as data (Rasa 3.6 spreads them into
    `emit`'s keyword arguments): the end of a session becomes the `session_ended` event."""

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        if json_message.get("session_ended"):
            await self.sio.emit("session_ended", {}, room=recipient_id)
        else:
            await self.sio.emit(self.bot_message_evt, {"custom": json_message}, room=recipient_id)


def allowed_origins() -> Any:
    configured = os.environ.get("WEBCHAT_ORIGINS", "").strip()
    if configured == "*":
        return "*"
    if configured:
        return [o.strip() for o in configured.split(",") if o.strip()]
    port = os.environ.get("RASA_PORT", "5005")
    return [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]


MAX_REPLAYED = 50


def replayed_message(event: BotUttered) -> Dict[Text, Any]:
    """A bot message as the socket first sent it, rebuilt from the tracker's event."""
    data = event.data or {}
    message: Dict[Text, Any] = {"text": event.text} if event.text else {}
    for key in ("buttons", "quick_replies", "custom"):
        if data.get(key):
            message[key] = data[key]
    return message


async def missed_messages(conversation: Text, since: float, shown: int) -> list:
    """What the assistant said in a conversation after `since` (the server's time of the borrower's
    last message this browser knows was received), without the first `shown` of it, which the
    browser already has; in the conversation's script."""
    try:
        from sanic import Sanic

        agent = Sanic.get_app().ctx.agent
        # After the turn in flight, if any: its answer is only in the tracker once it is over.
        async with agent.lock_store.lock(conversation, wait_time_in_seconds=0.1):
            tracker = await agent.tracker_store.retrieve(conversation)
    except Exception:  # no store to read: nothing to replay
        logger.exception("replay: the conversation could not be read")
        return []
    if tracker is None:
        return []
    said = [e for e in tracker.events if isinstance(e, BotUttered) and (e.timestamp or 0) > since]
    messages = [m for m in (replayed_message(e) for e in said[max(shown, 0) :]) if m][:MAX_REPLAYED]
    if script_of_conversation(conversation) == "traditional":
        messages = [traditional_message(m) for m in messages]
    return messages


def resume_after_seconds() -> float:
    try:
        return 60 * float(os.environ.get("WEBCHAT_RESUME_AFTER_MINUTES", "30"))
    except ValueError:
        return 1800.0


async def comes_back(conversation: Text, has_transcript: bool, now: float) -> bool:
    """Whether a browser that just connected resumes the conversation rather than continuing it: the
    borrower wrote before, and either this browser shows nothing of it (another device, or a new
    tab) or the last message is older than WEBCHAT_RESUME_AFTER_MINUTES."""
    try:
        from sanic import Sanic

        agent = Sanic.get_app().ctx.agent
        # After the turn in flight, if any: another device's message being answered right now is
        # only in the tracker once its turn is over (the lock Rasa holds for the turn).
        async with agent.lock_store.lock(conversation, wait_time_in_seconds=0.1):
            tracker = await agent.tracker_store.retrieve(conversation)
    except Exception:
        logger.exception("resume: the conversation could not be read")
        return False
    users = [e for e in (tracker.events if tracker else []) if isinstance(e, UserUttered)]
    if not users:
        return False
    return not has_transcript or now - (users[-1].timestamp or 0) >= resume_after_seconds()


async def remember_said(conversation: Text, text: Text) -> None:
    """A message the channel sent on its own, kept in the conversation (a reload or another
    device shows it; the replay counts it)."""
    try:
        from sanic import Sanic

        agent = Sanic.get_app().ctx.agent
        async with agent.lock_store.lock(conversation):
            tracker = await agent.tracker_store.get_or_create_tracker(conversation)
            tracker.update(BotUttered(text, {}, {}, time.time()))
            await agent.tracker_store.save(tracker)
    except Exception:
        logger.exception("a message the channel sent could not be kept in the conversation")


LOGIN_EXPIRED = "您的登录已过期，为保护您的账户，这次对话已断开。请在App里重新登录后再来咨询。"


def login_expiry(token: str) -> float:
    """When the host token (already verified) runs out: the socket's login lasts no longer."""
    try:
        return float(jwt.decode(token, options={"verify_signature": False}).get("exp") or 0)
    except jwt.InvalidTokenError:
        return 0.0


def borrower_conversation(borrower_id: str) -> str:
    digest = hmac.new(
        purpose_key("web chat conversation ids").encode(), f"webchat:{borrower_id}".encode(), hashlib.sha256
    ).hexdigest()
    return f"web-{digest[:32]}"


def mint_anonymous_session() -> tuple:
    conversation = f"anon-{secrets.token_hex(16)}"
    now = int(time.time())
    token = jwt.encode(
        {"conv": conversation, "aud": ANON_AUDIENCE, "iat": now, "exp": now + 24 * 3600},
        purpose_key("web chat anonymous sessions"),
        algorithm=ALGORITHM,
    )
    return conversation, token


def anonymous_conversation(token: str) -> Optional[str]:
    try:
        return jwt.decode(
            token,
            purpose_key("web chat anonymous sessions"),
            algorithms=[ALGORITHM],
            audience=ANON_AUDIENCE,
            options={"require": ["exp", "conv"]},
        )["conv"]
    except jwt.InvalidTokenError:
        return None


class WebChatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebChatInput":
        credentials = credentials or {}
        return cls(credentials.get("socketio_path", "/socket.io"))

    def __init__(self, socketio_path: Text = "/socket.io") -> None:
        self.socketio_path = socketio_path
        self.sio: Optional[AsyncServer] = None
        self._store: Optional[LoanStore] = None

    def store(self) -> LoanStore:
        if self._store is None:
            self._store = LoanStore()
        return self._store

    def get_output_channel(self):
        return WebChatOutput(self.sio, "bot_uttered") if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=allowed_origins())
        self.sio = sio
        hook = SocketBlueprint(sio, self.socketio_path, "webchat_webhook", __name__)
        handle = answer_in_borrowers_script(on_new_message)
        channel = self
        limits = ChannelLimits()

        async def enter(sid: str, room: str) -> None:
            joined = sio.enter_room(sid, room)
            if inspect.isawaitable(joined):
                await joined

        @hook.route("/", methods=["GET"])
        async def health(_):
            return response.json({"status": "ok"})

        @hook.route("/notify", methods=["POST"])
        async def notify(request):
            """The contact engine's in-chat reminder (outreach/gateways.py): said in the borrower's web
            conversation if a browser has it open now, and kept in the conversation; otherwise
            {"delivered": false} and the engine uses another channel. Only with CHANNEL_NOTIFY_TOKEN."""
            expected = os.environ.get("CHANNEL_NOTIFY_TOKEN", "")
            shown = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if len(expected) < 32 or not hmac.compare_digest(shown.encode(), expected.encode()):
                return response.json({"error": "forbidden"}, status=403)
            body = request.json if isinstance(request.json, dict) else {}
            borrower_id, text = str(body.get("borrower_id") or ""), str(body.get("text") or "")[:MAX_MESSAGE_CHARS]
            if not borrower_id or not text:
                return response.json({"error": "borrower_id and text are required"}, status=400)
            conversation = borrower_conversation(borrower_id)
            if not list(sio.manager.get_participants("/", conversation)):
                return response.json({"delivered": False})
            await sio.emit("bot_uttered", {"text": text}, room=conversation)
            await remember_said(conversation, text)
            return response.json({"delivered": True})

        @sio.on("connect")
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            auth = auth if isinstance(auth, dict) else {}
            borrower_id, anon_token, login_until = None, None, None
            if auth.get("token"):
                try:
                    borrower_id = verify_host_token(str(auth["token"]))
                except TokenRefused as refused:
                    logger.info("webchat token refused: %s", refused.reason)
                    return False
                if await asyncio.to_thread(channel.store().borrower, borrower_id) is None:
                    return False
                conversation = borrower_conversation(borrower_id)
                login_until = login_expiry(str(auth["token"]))
            else:
                conversation = anonymous_conversation(str(auth.get("session") or "")) if auth.get("session") else None
                if conversation is None:
                    conversation, anon_token = mint_anonymous_session()
                else:
                    anon_token = str(auth["session"])
            # python-socketio's Sanic adapter puts 127.0.0.1 in REMOTE_ADDR: the request knows better.
            request = environ.get("sanic.request")
            address = client_address(
                getattr(request, "ip", None) or environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR")
            )
            await sio.save_session(
                sid,
                {
                    "conversation": conversation,
                    "borrower": borrower_id,
                    "address": address,
                    "since": time.time(),
                    "until": login_until,
                },
            )
            await enter(sid, conversation)
            await sio.emit("session_confirm", {"session_id": conversation, "session_token": anon_token}, room=sid)
            return True

        async def answer(sid: Text, session: Dict, text: Text, message_id: Text = "", ack: bool = True) -> None:
            conversation, borrower_id = session["conversation"], session.get("borrower")
            if not limits.allow(conversation, session.get("address", "unknown")):
                await sio.emit("bot_uttered", {"text": SLOW_DOWN}, room=sid)
                return
            if borrower_id and time.time() >= float(session.get("until") or 0):
                # The host app's login has run out: no more tokens are minted for it on this socket.
                await sio.emit("bot_uttered", {"text": LOGIN_EXPIRED}, room=sid)
                await sio.disconnect(sid)
                return
            metadata = (
                {"auth_token": mint_host_token(borrower_id, ttl_seconds=600, auth_time=session.get("since"))}
                if borrower_id
                else {}
            )
            metadata["client_address"] = session.get("address", "unknown")
            if ack:  # the server's time of receipt: a browser that reconnects asks for what came after it
                await sio.emit("user_received", {"id": message_id[:64], "at": time.time()}, room=sid)
            output = WebChatOutput(sio, "bot_uttered")
            await sio.emit("bot_typing", {"typing": True}, room=conversation)
            try:
                await handle(UserMessage(text, output, conversation, input_channel=channel.name(), metadata=metadata))
            finally:
                await sio.emit("bot_typing", {"typing": False}, room=conversation)
                await sio.emit("script", {"script": script_of_conversation(conversation)}, room=conversation)

        # Sockets whose borrower already wrote: a recap decided at connect comes too late for them.
        spoke: set = set()
        # One socket's events are handled in the order they came (python-socketio runs each in a
        # task of its own): a recap asked for at connect is over before the first message is
        # taken, so it can never land after that message and pause the form it began.
        in_turn: Dict[Text, asyncio.Lock] = {}

        def in_order(sid: Text) -> asyncio.Lock:
            return in_turn.setdefault(sid, asyncio.Lock())

        @sio.on("disconnect")
        async def disconnect(sid: Text) -> None:
            spoke.discard(sid)
            in_turn.pop(sid, None)

        @sio.on("user_uttered")
        async def user_uttered(sid: Text, data: Any) -> None:
            async with in_order(sid):
                session = await sio.get_session(sid)
                if not session or not isinstance(data, dict):
                    return
                spoke.add(sid)
                text = str(data.get("message") or "")[:MAX_MESSAGE_CHARS]
                await answer(sid, session, text, str(data.get("id") or ""))

        @sio.on("resume")
        async def resume(sid: Text, data: Any) -> None:
            """A browser that connected says whether it shows the conversation: back after a gap or
            on another device, the borrower gets a recap and any open form is asked about — unless
            the borrower has written from it already (the recap would pause the form just begun)."""
            async with in_order(sid):
                session = await sio.get_session(sid)
                if not session or not isinstance(data, dict) or sid in spoke:
                    return
                back = await comes_back(session["conversation"], bool(data.get("has_transcript")), time.time())
                if back:
                    await answer(sid, session, "/resume_conversation", ack=False)

        @sio.on("replay")
        async def replay(sid: Text, data: Any) -> None:
            """Answers sent while this browser was away (a dropped socket, a reload mid-answer)."""
            session = await sio.get_session(sid)
            if not session or not isinstance(data, dict):
                return
            try:
                since, shown = float(data.get("since")), int(data.get("shown") or 0)
            except (TypeError, ValueError):  # nothing to look for: the browser stops waiting
                await sio.emit("replayed", {"messages": []}, room=sid)
                return
            # All at once: the browser holds the answers that came live meanwhile until it has these,
            # and shows each once, in the order they were said.
            await sio.emit(
                "replayed", {"messages": await missed_messages(session["conversation"], since, shown)}, room=sid
            )

        return hook
