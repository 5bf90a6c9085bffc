"""Where contacts go. SMS through the one SMS gateway interface (auth/sms.py: the development outbox
here, a provider in production); an email as a stored message and a call as a task for the
lender's dialer, each in a JSON-lines outbox keyed like the SMS one; a WeChat template message
through the Official Account's API for a borrower with a bound openid; an in-chat reminder in a web
conversation the borrower has open now. Every gateway here drops a key it has already taken, except
WeChat's and the web chat's, which cannot: such a reminder whose run crashed mid-send is logged as
"unknown", never sent again."""

import asyncio
import os
from typing import Optional

import requests

from auth.sms import KeyedOutbox, OutboxGateway, SmsGateway

SENT, QUEUED, STORED, UNKNOWN = "sent", "queued", "stored", "unknown"


class InChatNotifier:
    """The web chat's in-chat reminder (channels/webchat.py /webhooks/webchat/notify): delivered only
    if the borrower has the web conversation open now."""

    def __init__(self, base_url: str, token: str) -> None:
        self.url, self.token = base_url.rstrip("/") + "/webhooks/webchat/notify", token

    @classmethod
    def from_environment(cls) -> Optional["InChatNotifier"]:
        token = os.environ.get("CHANNEL_NOTIFY_TOKEN", "")
        if len(token) < 32:
            return None
        base = (
            os.environ.get("WEBCHAT_NOTIFY_URL", "").strip()
            or f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"
        )
        return cls(base, token)

    def deliver(self, borrower_id: str, text: str) -> bool:
        try:
            reply = requests.post(
                self.url,
                json={"borrower_id": borrower_id, "text": text},
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=5,
            )
            return reply.status_code == 200 and reply.json().get("delivered") is True
        except requests.RequestException:
            return False  # the server is away: the reminder goes by another channel


class Gateways:
    def __init__(
        self,
        sms: Optional[SmsGateway] = None,
        email: Optional[KeyedOutbox] = None,
        calls: Optional[KeyedOutbox] = None,
        wechat=None,
        template_id: str = "",
        in_chat: Optional[InChatNotifier] = None,
    ) -> None:
        self.sms = sms or OutboxGateway()
        self.email = email or KeyedOutbox(os.environ.get("EMAIL_OUTBOX", "").strip() or "var/email_outbox.jsonl")
        self.calls = calls or KeyedOutbox(os.environ.get("CALL_QUEUE", "").strip() or "var/call_queue.jsonl")
        self.wechat = wechat  # channels.wechat_api.WeChatApi, when the Official Account is configured
        self.template_id = template_id or os.environ.get("WECHAT_REMINDER_TEMPLATE_ID", "")
        self.in_chat = in_chat

    @property
    def has_wechat(self) -> bool:
        return self.wechat is not None and bool(self.template_id)

    @classmethod
    def from_environment(cls) -> "Gateways":
        wechat = None
        if os.environ.get("WECHAT_APPID") and os.environ.get("WECHAT_SECRET"):
            from channels.wechat_api import DEFAULT_API_BASE, WeChatApi

            wechat = WeChatApi(
                os.environ.get("WECHAT_API_BASE", DEFAULT_API_BASE),
                os.environ["WECHAT_APPID"],
                os.environ["WECHAT_SECRET"],
                os.environ.get("REDIS_URL", "").strip() or None,
            )
        return cls(wechat=wechat, in_chat=InChatNotifier.from_environment())

    def send_sms(self, phone: str, text: str, key: str) -> str:
        self.sms.send(phone, text, key=key)
        return SENT

    def send_email(self, borrower_id: str, text: str, key: str) -> str:
        self.email.put({"borrower_id": borrower_id, "subject": "还款提醒", "text": text}, key)
        return STORED

    def queue_call(self, phone: str, to: str, text: str, key: str) -> str:
        self.calls.put({"phone": phone, "to": to, "script": text}, key)
        return QUEUED

    def send_wechat(self, openid: str, text: str, key: str) -> str:
        body = {"touser": openid, "template_id": self.template_id, "data": {"content": {"value": text}}}
        reply = asyncio.run(self.wechat.call("POST", "/cgi-bin/message/template/send", body))
        return SENT if int(reply.get("errcode", 0)) == 0 else f"failed_{reply.get('errcode')}"
