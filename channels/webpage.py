"""The demo host pages and the widget's files, served by the Rasa server (sanic) under /webhooks/web/.

/webhooks/web/            anonymous help page with the widget
/webhooks/web/login       development-only login as any demo borrower (mints a token server-side)
/webhooks/web/loans?borrower=B001   the lender's "my loans" page, logged in
Every page carries a Content-Security-Policy without inline script; everything is served from here.
"""

import asyncio
import html
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from auth.mode import development
from auth.tokens import mint_host_token
from loan_store.repository import LoanStore

WEB = Path(__file__).resolve().parent.parent / "web"
STATIC = {
    "widget.js": (WEB / "widget.js", "application/javascript"),
    "widget.css": (WEB / "widget.css", "text/css"),
    "host.js": (WEB / "host.js", "application/javascript"),
    "markdown-it.min.js": (
        WEB / "node_modules" / "markdown-it" / "dist" / "browser" / "markdown-it.umd.min.js",
        "application/javascript",
    ),
    "purify.min.js": (WEB / "node_modules" / "dompurify" / "dist" / "purify.min.js", "application/javascript"),
    "socket.io.min.js": (
        WEB / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
        "application/javascript",
    ),
}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def page(title: str, body: str, token: str = "") -> response.HTTPResponse:
    template = (WEB / "page.html").read_text(encoding="utf-8")
    filled = (
        template.replace("{{title}}", html.escape(title))
        .replace("{{body}}", body)
        .replace("{{token}}", html.escape(token, quote=True))
    )
    return response.html(filled, headers=SECURITY_HEADERS)


class DemoPages(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "DemoPages":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        pages = Blueprint("demo_pages", __name__)

        @pages.route("/", methods=["GET"])
        async def anonymous(_: Request):
            return page(
                "帮助中心",
                "<h1>帮助中心</h1><p>有借款或还款问题？点右下角的“还款助手”在线咨询。</p>"
                + ('<p><a href="login">开发用：以演示借款人登录</a></p>' if development() else ""),
            )

        @pages.route("/login", methods=["GET"])
        async def login(_: Request):
            if not development():
                return response.text("not found", status=404)
            store = LoanStore()
            names = store.borrower_names()
            store.engine.dispose()
            links = "".join(
                f'<li><a href="loans?borrower={html.escape(i)}">{html.escape(n)}（{html.escape(i)}）</a></li>'
                for i, n in names
            )
            return page("开发用登录", f"<h1>开发用登录</h1><p>仅用于演示，生产环境不存在这个页面。</p><ul>{links}</ul>")

        @pages.route("/loans", methods=["GET"])
        async def loans(request: Request):
            if not development():
                return response.text("not found", status=404)
            borrower_id = request.args.get("borrower", "")
            store = LoanStore()
            borrower = await asyncio.to_thread(store.borrower, borrower_id)
            store.engine.dispose()
            if borrower is None:
                return response.text("unknown borrower", status=404)
            return page(
                "我的借款",
                f"<h1>我的借款</h1><p>{html.escape(borrower.name)}，您好。需要帮助请点右下角的“还款助手”。</p>",
                token=mint_host_token(borrower.id, ttl_seconds=3600),
            )

        @pages.route("/static/<name>", methods=["GET"])
        async def static(_: Request, name: str):
            if name not in STATIC:
                return response.text("not found", status=404)
            path, kind = STATIC[name]
            return await response.file(path, mime_type=kind, headers=SECURITY_HEADERS)

        return pages
