"""Rasa's REST channel (/webhooks/rest/webhook), answering in the borrower's script and rate-limited
per conversation and per client address."""
from rasa.core.channels.rest import RestInput
from sanic import response

from auth.tokens import require_secret
from channels.limits import SLOW_DOWN, ChannelLimits
from channels.script import answer_in_borrowers_script


class BorrowerRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials):
        require_secret()  # in production the Rasa server refuses to start without a real secret
        return cls()

    def blueprint(self, on_new_message):
        hook = super().blueprint(answer_in_borrowers_script(on_new_message))
        limits = ChannelLimits()

        @hook.middleware("request")
        async def rate_limit(request):
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            try:
                sender = str((request.json or {}).get("sender") or "default")
            except Exception:
                return response.json([{"text": "请求格式不正确。"}], status=400)
            if not limits.allow(sender, request.ip or "unknown"):
                return response.json([{"recipient_id": sender, "text": SLOW_DOWN}], status=429)
            return None

        return hook
