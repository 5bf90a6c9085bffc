"""The WeChat API client without Redis (one process): one access token, renewed once when WeChat
refuses it however many messages need it at that moment — against the fake WeChat platform."""

import asyncio
import socket

from channels.wechat_api import WeChatApi
from tests.e2e import fake_wechat


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_expired_token_is_renewed_once_for_messages_sent_at_once():
    platform = fake_wechat.FakeWeChat(free_port()).start()
    try:
        api = WeChatApi(f"http://127.0.0.1:{platform.port}", fake_wechat.APPID, fake_wechat.SECRET)

        async def send_all():
            first = await api.send_text("oFirst", "您好")
            platform.expire_token()
            rest = await asyncio.gather(*(api.send_text(f"o{n}", f"第{n}条") for n in range(5)))
            return [first, *rest]

        assert asyncio.run(send_all()) == [0] * 6
        assert platform.tokens_issued == 2
        assert sorted(s["text"]["content"] for s in platform.sent) == sorted(["您好"] + [f"第{n}条" for n in range(5)])
    finally:
        platform.stop()
