"""Documents door of the Rasa server (/webhooks/documents/): the borrower's one-time download, and
the lender's staff's genuineness check.

GET  /webhooks/documents/download/<link>   the PDF, once, within 10 minutes of issue; 404 unknown
     link, 410 expired or already used, 403 when the request shows another person's login (or
     none, for a link issued in a logged-in conversation). The login is the host app's token in
     `Authorization: Bearer …`, as the web chat sends it.
GET  /webhooks/documents/check/<reference> {"reference", "genuine"}: nothing more.
POST /webhooks/documents/check             body: a PDF → {"genuine", "reference"}: genuine only when
     it is byte for byte a document we issued (an altered figure is not genuine).
Every address is rate-limited; nothing here reads the conversation.
"""

import asyncio
import os
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from auth.tokens import TokenRefused, verify_host_token
from channels.limits import MAX_REQUEST_BYTES, RateLimiter, SharedWindow, client_address, env_limit
from loan_store.documents import LinkRefused
from loan_store.repository import LoanStore
from rules.calendar import utc_now

REFERENCE = re.compile(r"^D\d{8}[A-Z0-9]{8}$")
LINK = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}
REFUSALS = {
    LinkRefused.UNKNOWN: (404, "这个下载链接无效。请回到对话中说“对账单”重新获取。"),
    LinkRefused.EXPIRED: (410, "这个下载链接已过期（10分钟内有效）。请回到对话中说“对账单”重新获取。"),
    LinkRefused.USED: (410, "这个下载链接已经用过了（每个链接只能下载一次）。请回到对话中重新获取。"),
    LinkRefused.NOT_YOURS: (403, "这个文件只能由借款人本人在登录状态下下载。"),
}
FILENAMES = {"statement": "statement", "plan": "plan-confirmation", "extension": "extension-confirmation"}


def _text(status: int, message: str) -> response.HTTPResponse:
    return response.text(message, status=status, headers=HEADERS)


def shown_login(request: Request) -> Optional[str]:
    """The borrower whose login the request shows; "" for a login that proves nothing."""
    header = request.headers.get("authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return ""
    try:
        return verify_host_token(token.strip())
    except TokenRefused:
        return ""


class DocumentDoor(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "documents"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "DocumentDoor":
        return cls()

    def __init__(self) -> None:
        self._store: Optional[LoanStore] = None
        per_minute = env_limit("DOCUMENT_REQUESTS_PER_MINUTE", 30)
        redis_url = os.environ.get("REDIS_URL", "").strip()
        self.per_address = SharedWindow(redis_url, per_minute, "d") if redis_url else RateLimiter(per_minute)

    def store(self) -> LoanStore:
        if self._store is None:
            self._store = LoanStore()
        return self._store

    def _allowed(self, request: Request) -> bool:
        address = client_address(request.ip, request.headers.get("x-forwarded-for"))
        return self.per_address.allow(f"a:{address}")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        door = Blueprint("documents", __name__)
        channel = self

        @door.route("/download/<link>", methods=["GET"])
        async def download(request: Request, link: str) -> response.HTTPResponse:
            if not channel._allowed(request):
                return _text(429, "请求太频繁，请稍后再试。")
            if not LINK.match(link or ""):
                return _text(*REFUSALS[LinkRefused.UNKNOWN])
            got = await asyncio.to_thread(channel.store().redeem_link, link, utc_now(), shown_login(request))
            if got.refused is not None:
                return _text(*REFUSALS[got.refused])
            name = f"{FILENAMES.get(got.kind, got.kind + '-confirmation')}-{got.reference}.pdf"
            return response.raw(
                got.pdf,
                content_type="application/pdf",
                headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
            )

        @door.route("/check/<reference>", methods=["GET"])
        async def check(request: Request, reference: str) -> response.HTTPResponse:
            if not channel._allowed(request):
                return _text(429, "请求太频繁，请稍后再试。")
            reference = (reference or "").strip().upper()
            genuine = bool(REFERENCE.match(reference)) and await asyncio.to_thread(
                channel.store().is_genuine, reference
            )
            return response.json({"reference": reference[:32], "genuine": genuine}, headers=HEADERS)

        @door.route("/check", methods=["POST"])
        async def check_file(request: Request) -> response.HTTPResponse:
            if not channel._allowed(request):
                return _text(429, "请求太频繁，请稍后再试。")
            body = request.body or b""
            if not body.startswith(b"%PDF-") or len(body) > MAX_REQUEST_BYTES:
                return response.json(
                    {"genuine": False, "error": f"请上传我们出具的 PDF 文件（不超过 {MAX_REQUEST_BYTES // 1024} KB）"},
                    status=400,
                    headers=HEADERS,
                )
            reference = await asyncio.to_thread(channel.store().reference_of_pdf, body)
            return response.json({"genuine": reference is not None, "reference": reference}, headers=HEADERS)

        return door
