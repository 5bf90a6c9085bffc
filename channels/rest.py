"""Rasa's REST channel (/webhooks/rest/webhook), answering in the borrower's script and rate-limited
per conversation and per client address.

REST is a server-to-server door: with REST_API_KEY set (required in production) the calling backend
must send `Authorization: Bearer <key>`. A message must name its conversation (`sender`), and may not
name one of another channel's (web chat, WeChat), whose ids are only ever used inside that channel.
A host token proves who asks only in the message that carries it (actions/identity.py)."""

import hmac
import os
import re

from rasa.core.channels.rest import RestInput
from sanic import response
from sanic.exceptions import PayloadTooLarge

from auth.tokens import production, require_secret
from channels.limits import MAX_MESSAGE_CHARS, MAX_REQUEST_BYTES, SLOW_DOWN, ChannelLimits, client_address
from channels.script import answer_in_borrowers_script

MIN_API_KEY = 32
SENDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}")
# Conversation ids of the other channels: web chat (web-…, anon-…) and WeChat openids (28 characters).
FOREIGN_SENDER = re.compile(r"(?:web-|anon-).*|o[A-Za-z0-9_-]{27}")
BAD_REQUEST = "请求格式不正确：需要 JSON，包含 sender（会话编号）和 message（文字）。"
FOREIGN = "这个会话编号属于其他渠道，不能通过这个接口使用。"
UNAUTHORISED = "这个接口需要调用方的凭证。"
TOO_LONG = "这条消息太长了，我没法读完。请把想问的事简短地说一下（2000字以内），或者分几条发；也可以说“转人工”。"


def api_key() -> str:
    key = os.environ.get("REST_API_KEY", "")
    if production() and len(key) < MIN_API_KEY:
        raise RuntimeError(
            f"ASSISTANT_ENV=production needs REST_API_KEY ({MIN_API_KEY}+ characters) for the REST channel"
        )
    return key


class BorrowerRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials):
        require_secret()  # in production the Rasa server refuses to start without a real secret
        api_key()  # … and without a key for the REST callers
        return cls()

    def blueprint(self, on_new_message):
        hook = super().blueprint(answer_in_borrowers_script(on_new_message))
        limits = ChannelLimits()
        key = api_key()

        @hook.listener("before_server_start")
        async def limit_request_size(app, _loop):
            app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, MAX_REQUEST_BYTES)

            async def too_large(_request, _exception):
                # a body over the limit got Sanic's bare 413 and no words at all (h34b: ~12,000 characters)
                return response.json([{"text": TOO_LONG}], status=413)

            app.error_handler.add(PayloadTooLarge, too_large)

        @hook.middleware("request")
        async def check_request(request):
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            if key:
                given = request.headers.get("authorization", "")
                if not hmac.compare_digest(given.encode(), f"Bearer {key}".encode()):
                    return response.json([{"text": UNAUTHORISED}], status=401)
            try:
                body = request.json
            except Exception:
                body = None
            if not isinstance(body, dict):
                return response.json([{"text": BAD_REQUEST}], status=400)
            sender, message = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not SENDER.fullmatch(sender) or not isinstance(message, str):
                return response.json([{"text": BAD_REQUEST}], status=400)
            if FOREIGN_SENDER.fullmatch(sender):
                return response.json([{"recipient_id": sender, "text": FOREIGN}], status=403)
            if len(message) > MAX_MESSAGE_CHARS:  # as the web chat: the first 2,000 characters are read
                body["message"] = message[:MAX_MESSAGE_CHARS]
            address = client_address(request.ip, request.headers.get("x-forwarded-for"))
            if not limits.allow(sender, address):
                return response.json([{"recipient_id": sender, "text": SLOW_DOWN}], status=429)
            # Who sent it, as we saw it (the code-failure cap counts per client); never the caller's say.
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else {}
            body["metadata"] = {**metadata, "client_address": address}
            return None

        return hook
