"""A fake WeChat platform on loopback: signs and encrypts like the real one, retries with the same
MsgId, issues access tokens (each new one invalidates the one before, as WeChat does), records
customer-service sends and menus, answers 45015 for openids outside the 48-hour window and lists
the customer-service agents online."""

import asyncio
import hashlib
import json
import random
import string
import threading
import time
from typing import Dict, List, Optional, Set

import requests
import xmltodict
from aiohttp import web
from wechatpy.crypto import WeChatCrypto

TOKEN = "fake-wechat-token"
APPID = "wx0000000000fake01"
SECRET = "fake-wechat-secret"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as WeChat issues them
ACCOUNT = "gh_lender_account"


class FakeWeChat:
    def __init__(self, port: int) -> None:
        self.port = port
        self.sent: List[Dict] = []
        self.tokens_issued = 0
        self.menus: List[Dict] = []
        self.templates: List[Dict] = []  # template messages sent (the contact engine's reminders)
        # Openids whose last message is more than 48 hours old: customer-service sends get 45015.
        self.outside_window: Set[str] = set()
        # The customer-service agents online (getonlinekflist); none unless a test says so.
        self.online_agents: List[str] = []
        self._current_token: Optional[str] = None
        self._expired = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._ready = threading.Event()
        self.crypto = WeChatCrypto(TOKEN, AES_KEY, APPID)
        self._msg_id = random.randint(10**15, 10**16)

    # The API side ---------------------------------------------------------------------------

    async def _token(self, request: web.Request) -> web.Response:
        if request.query.get("appid") != APPID or request.query.get("secret") != SECRET:
            return web.json_response({"errcode": 40013, "errmsg": "invalid appid"})
        self.tokens_issued += 1
        # Unique across test runs (Redis keeps a token between them); the previous one stops working.
        self._current_token, self._expired = f"ACCESS{self.tokens_issued}-{random.getrandbits(64):016x}", False
        return web.json_response({"access_token": self._current_token, "expires_in": 7200})

    def expire_token(self) -> None:
        """The current token runs out, as it does after 2 hours."""
        self._expired = True

    def _refused(self, request: web.Request) -> Optional[web.Response]:
        if request.query.get("access_token") != self._current_token:
            return web.json_response({"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"})
        if self._expired:
            return web.json_response({"errcode": 42001, "errmsg": "access_token expired"})
        return None

    async def _accepted_body(self, request: web.Request):
        """(body, None) for a request with the current token and a UTF-8 JSON body, else (None, refusal)."""
        refused = self._refused(request)
        if refused is not None:
            return None, refused
        return await self._json_body(request)

    async def _json_body(self, request: web.Request):
        """WeChat refuses \\u escapes in a body (40033): Chinese must come as UTF-8."""
        raw = await request.text()
        if "\\u" in raw:
            return None, web.json_response({"errcode": 40033, "errmsg": "invalid charset, include \\uxxxx"})
        return json.loads(raw), None

    async def _send(self, request: web.Request) -> web.Response:
        body, refused = await self._accepted_body(request)
        if refused is not None:
            return refused
        if body["touser"] in self.outside_window:
            return web.json_response(
                {"errcode": 45015, "errmsg": "response out of time limit or subscription is canceled"}
            )
        self.sent.append(body)
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    async def _template(self, request: web.Request) -> web.Response:
        body, refused = await self._accepted_body(request)
        if refused is not None:
            return refused
        if not body.get("touser") or not body.get("template_id"):
            return web.json_response({"errcode": 40037, "errmsg": "invalid template_id"})
        self.templates.append(body)
        return web.json_response({"errcode": 0, "errmsg": "ok", "msgid": len(self.templates)})

    async def _online_agents(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused is not None:
            return refused
        online = [
            {"kf_account": account, "status": 1, "kf_id": str(1001 + n), "accepted_case": 0}
            for n, account in enumerate(self.online_agents)
        ]
        return web.json_response({"kf_online_list": online})

    async def _create_menu(self, request: web.Request) -> web.Response:
        body, refused = await self._accepted_body(request)
        if refused is not None:
            return refused
        self.menus.append(body)
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_get("/cgi-bin/token", self._token)
        app.router.add_post("/cgi-bin/message/custom/send", self._send)
        app.router.add_get("/cgi-bin/customservice/getonlinekflist", self._online_agents)
        app.router.add_post("/cgi-bin/menu/create", self._create_menu)
        app.router.add_post("/cgi-bin/message/template/send", self._template)
        runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        self._loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        self._ready.set()
        self._loop.run_forever()

    def start(self) -> "FakeWeChat":
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)

    def sends_to(self, openid: str) -> List[str]:
        return [s["text"]["content"] for s in self.sent if s["touser"] == openid]

    # The user side: what WeChat posts to the webhook ------------------------------------------

    @staticmethod
    def signature(timestamp: str, nonce: str, token: str = TOKEN) -> str:
        return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()

    def message_xml(
        self, openid: str, content: Optional[str] = None, msg_type: str = "text", msg_id: Optional[int] = None, **fields
    ) -> str:
        self._msg_id += 1
        body = {"ToUserName": ACCOUNT, "FromUserName": openid, "CreateTime": str(int(time.time())), "MsgType": msg_type}
        if content is not None:
            body["Content"] = content
        body.update(fields)
        if msg_type != "event":
            body["MsgId"] = str(msg_id or self._msg_id)
        return xmltodict.unparse({"xml": body}, full_document=False)

    def post(self, url: str, xml: str, encrypt: bool = False, bad_signature: bool = False, retries: int = 0):
        """Posts like WeChat, retrying the very same request `retries` times; returns every reply."""
        timestamp, nonce = str(int(time.time())), "".join(random.choices(string.digits, k=9))
        params = {"timestamp": timestamp, "nonce": nonce, "signature": self.signature(timestamp, nonce)}
        if bad_signature:
            params["signature"] = "0" * 40
        data = xml
        if encrypt:
            wrapped = xmltodict.parse(self.crypto.encrypt_message(xml, nonce, timestamp))["xml"]
            data = xmltodict.unparse(
                {"xml": {"ToUserName": ACCOUNT, "Encrypt": wrapped["Encrypt"]}}, full_document=False
            )
            params.update(encrypt_type="aes", msg_signature=wrapped["MsgSignature"])
        replies = []
        for _ in range(retries + 1):
            replies.append(requests.post(url, params=params, data=data.encode("utf-8"), timeout=30))
        return replies

    def reply_xml(self, reply, encrypted: bool = False) -> Dict:
        xml = reply.text
        if encrypted:
            envelope = xmltodict.parse(xml)["xml"]
            xml = self.crypto.decrypt_message(xml, envelope["MsgSignature"], envelope["TimeStamp"], envelope["Nonce"])
        return xmltodict.parse(xml)["xml"]

    def reply_text(self, reply, encrypted: bool = False) -> str:
        if reply.text == "success":
            return ""
        return self.reply_xml(reply, encrypted)["Content"]
