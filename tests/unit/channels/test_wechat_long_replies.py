"""WeChat cuts a text message past 2,048 bytes (#18): a long answer goes as several customer-service
messages, split between lines, in order, nothing lost — sent to a fake of WeChat's platform."""

import asyncio
import socket

from rasa.core.channels.channel import CollectingOutputChannel

from channels.wechat import MAX_TEXT_BYTES, WeChatApi, WeChatInput, split_for_wechat
from loan_store.repository import LoanStore
from tests.e2e import fake_wechat

LONG = "\n".join(
    f"· 借款 L500{n % 2 + 1} 第{n}期（应还日2026年{n % 12 + 1}月15日）：本金 300.00 元 + 罚息 12.34 元"
    for n in range(1, 60)
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_short_text_is_one_message():
    assert split_for_wechat("您当前逾期应还共 1629.42 元") == ["您当前逾期应还共 1629.42 元"]


def test_long_text_is_cut_between_lines_within_the_limit():
    parts = split_for_wechat(LONG)
    assert len(parts) > 1 and all(len(p.encode()) <= MAX_TEXT_BYTES for p in parts)
    assert "\n".join(parts) == LONG  # in order, nothing lost, cut only at line ends


def test_a_single_line_longer_than_the_limit_is_cut_between_characters():
    line = "逾" * 1500  # 4,500 bytes
    parts = split_for_wechat(line)
    assert "".join(parts) == line and all(len(p.encode()) <= MAX_TEXT_BYTES for p in parts)


def test_a_long_answer_arrives_as_several_messages_in_order(tmp_path):
    platform = fake_wechat.FakeWeChat(free_port()).start()
    try:
        channel = WeChatInput.__new__(WeChatInput)
        channel.api = WeChatApi(f"http://127.0.0.1:{platform.port}", fake_wechat.APPID, fake_wechat.SECRET)
        channel._store = LoanStore(f"sqlite:///{tmp_path}/loan_store.db")  # nothing undelivered to tell
        channel._store.create_schema()
        collector = CollectingOutputChannel()
        collector.messages.append({"recipient_id": "o1", "text": LONG})

        async def deliver():
            done = asyncio.get_running_loop().create_future()
            done.set_result(None)
            await channel._deliver("oLongAnswer", collector, done)

        asyncio.run(deliver())
        sent = platform.sends_to("oLongAnswer")
        assert len(sent) == len(split_for_wechat(LONG)) > 1 and "\n".join(sent) == LONG
    finally:
        platform.stop()
