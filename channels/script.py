"""Answers in the borrower's script, and never with silence: the one wrapper every channel of ours
puts around Rasa's on_new_message.

When the assistant produced no message for a turn (the action server down or too slow, an error
anywhere), the borrower gets an apology and a way forward in the same turn: Rasa alone says nothing.

Every input channel of ours wraps Rasa's on_new_message with `answer_in_borrowers_script`: a
borrower who writes in traditional characters gets every bot message (responses, composed
figures, button titles) converted with OpenCC; payloads stay as they are. A message that could be
either script (digits, 好的, a button payload) keeps the conversation's last script.
"""
import logging
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from nlu.script import script_of, to_traditional

logger = logging.getLogger(__name__)
MAX_CONVERSATIONS = 100_000
APOLOGY = "抱歉，系统暂时出了点问题，这条消息没能处理完。请稍后再试，或者说“转人工”联系客服。"
_scripts: "OrderedDict[Text, str]" = OrderedDict()


def conversation_script(sender_id: Text, text: Text) -> str:
    seen = script_of(text or "")
    if seen:
        _scripts[sender_id] = seen
        _scripts.move_to_end(sender_id)
        while len(_scripts) > MAX_CONVERSATIONS:
            _scripts.popitem(last=False)
        return seen
    return _scripts.get(sender_id, "simplified")


def traditional_message(message: Dict[Text, Any]) -> Dict[Text, Any]:
    converted = dict(message)
    if isinstance(converted.get("text"), str):
        converted["text"] = to_traditional(converted["text"])
    if converted.get("buttons"):
        converted["buttons"] = [
            {**b, "title": to_traditional(b.get("title", ""))} if isinstance(b, dict) else b for b in converted["buttons"]
        ]
    if converted.get("quick_replies"):
        converted["quick_replies"] = [
            {**b, "title": to_traditional(b.get("title", ""))} if isinstance(b, dict) else b for b in converted["quick_replies"]
        ]
    return converted


class TraditionalOutput(OutputChannel):
    """Wraps any output channel and converts what it sends to traditional characters."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner

    def name(self) -> Text:  # type: ignore[override]  # channel-specific responses follow the real channel
        return self.inner.name()

    def __getattr__(self, item: str) -> Any:
        return getattr(self.inner, item)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        await self.inner.send_response(recipient_id, traditional_message(message))


class CountingOutput(OutputChannel):
    """Counts what the assistant sends in one turn."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner, self.sent = inner, 0

    def name(self) -> Text:  # type: ignore[override]
        return self.inner.name()

    def __getattr__(self, item: str) -> Any:
        return getattr(self.inner, item)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)


def answer_in_borrowers_script(
    on_new_message: Callable[[UserMessage], Awaitable[Any]]
) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handler(message: UserMessage) -> Any:
        counting = CountingOutput(message.output_channel)
        traditional = conversation_script(message.sender_id, message.text or "") == "traditional"
        message.output_channel = TraditionalOutput(counting) if traditional else counting
        result = None
        try:
            result = await on_new_message(message)
        except Exception:  # the borrower still gets an answer; the error goes to the log
            logger.exception("message handling failed for a conversation")
        if counting.sent == 0:
            await message.output_channel.send_response(message.sender_id, {"text": APOLOGY})
        return result

    return handler
