"""Answers in the borrower's script: the one place where bot text becomes traditional Chinese.

Every input channel of ours wraps Rasa's on_new_message with `answer_in_borrowers_script`: a
borrower who writes in traditional characters gets every bot message (responses, composed
figures, button titles) converted with OpenCC; payloads stay as they are. A message that could be
either script (digits, 好的, a button payload) keeps the conversation's last script.
"""
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from nlu.script import script_of, to_traditional

MAX_CONVERSATIONS = 100_000
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


def answer_in_borrowers_script(
    on_new_message: Callable[[UserMessage], Awaitable[Any]]
) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handler(message: UserMessage) -> Any:
        if conversation_script(message.sender_id, message.text or "") == "traditional":
            message.output_channel = TraditionalOutput(message.output_channel)
        return await on_new_message(message)

    return handler
