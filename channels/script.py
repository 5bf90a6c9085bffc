"""Answers in the borrower's script, and never with silence: the one wrapper every channel of ours
puts around Rasa's on_new_message.

When the assistant produced no message for a turn (the action server down or too slow, an error
anywhere), the borrower gets an apology and a way forward in the same turn: Rasa alone says nothing.
When an action failed in a turn (Rasa logs it and carries on without the action's events; the
failure reaches us through rasa_patches/turn_failures.py, never by reading Rasa's log), the
slots and the active form are put back as they were before the message, so the borrower's retry
is handled as if it were the first: a plan confirmed
while the action server was down is confirmed again, not lost (stored changes have request keys,
so a retry never stores twice).

Every input channel of ours wraps Rasa's on_new_message with `answer_in_borrowers_script`: a
borrower who writes in traditional characters gets every bot message (responses, composed
figures, button titles) converted with OpenCC; payloads stay as they are. A message that could be
either script (digits, 好的, a button payload) keeps the conversation's last script.
"""

import json
import logging
import os
import re
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Text, Tuple

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic

import rasa_patches
from nlu.clauses import (
    FLOW,
    FLOW_ASKED,
    MORE_TURNS,
    WHOLE_MESSAGE,
    Answering,
    answering,
    clauses,
    starts_with_cancel,
)
from nlu.script import script_of, to_simplified, to_traditional
from rasa_patches import turn_failures

logger = logging.getLogger(__name__)
MAX_CONVERSATIONS = 100_000
APOLOGY = "抱歉，系统暂时出了点问题，这条消息没能处理完。请稍后再试，或者说“转人工”联系客服。"
_scripts: "OrderedDict[Text, str]" = OrderedDict()


def _require_failure_notes() -> None:
    if not rasa_patches.installed("turn_failures"):
        raise RuntimeError(
            "our channels need rasa_patches installed (a failed turn must be noticed): start the Rasa server "
            "with `python -m rasa_patches run …` (scripts/run-servers), not `rasa run`"
        )


async def forget_failed_turn(sender_id: Text, since: float) -> None:
    """Puts the conversation back in the state it was in before the borrower's message: the slots
    and the active form as they were (Rasa's own rewind can't be used: inside a form it rewinds
    past the form's start, because Rasa compacts the form's turns)."""
    try:
        agent = Sanic.get_app().ctx.agent
    except Exception:  # no running Rasa server (unit tests of the channels)
        return
    try:
        async with agent.lock_store.lock(sender_id):
            tracker = await agent.tracker_store.retrieve(sender_id)
            if tracker is None:
                return
            events = list(tracker.events)
            failed = next(
                (
                    i
                    for i in range(len(events) - 1, -1, -1)
                    if isinstance(events[i], UserUttered) and (events[i].timestamp or 0) >= since
                ),
                None,
            )
            if failed is None:
                return
            before = DialogueStateTracker.from_events(sender_id, events[:failed], agent.domain.slots)
            restore: List[Any] = [
                SlotSet(name, slot.value)
                for name, slot in before.slots.items()
                if name in tracker.slots and tracker.slots[name].value != slot.value
            ]
            if before.active_loop_name != tracker.active_loop_name:
                restore.append(ActiveLoop(before.active_loop_name))
            if restore:
                for event in restore:
                    tracker.update(event)
                await agent.tracker_store.save(tracker)
    except Exception:  # the stores themselves are down: nothing of the turn was kept anyway
        logger.exception("could not restore the conversation after a failed turn")


def conversation_script(sender_id: Text, text: Text) -> str:
    seen = script_of(text or "")
    if seen:
        _scripts[sender_id] = seen
        _scripts.move_to_end(sender_id)
        while len(_scripts) > MAX_CONVERSATIONS:
            _scripts.popitem(last=False)
        return seen
    return _scripts.get(sender_id, "simplified")


def script_of_conversation(sender_id: Text) -> str:
    """The script the conversation is answered in now (without a message to judge by)."""
    return _scripts.get(sender_id, "simplified")


def traditional_message(message: Dict[Text, Any]) -> Dict[Text, Any]:
    converted = dict(message)
    if isinstance(converted.get("text"), str):
        converted["text"] = to_traditional(converted["text"])
    if converted.get("buttons"):
        converted["buttons"] = [
            {**b, "title": to_traditional(b.get("title", ""))} if isinstance(b, dict) else b
            for b in converted["buttons"]
        ]
    if converted.get("quick_replies"):
        converted["quick_replies"] = [
            {**b, "title": to_traditional(b.get("title", ""))} if isinstance(b, dict) else b
            for b in converted["quick_replies"]
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
        self.inner, self.sent, self.texts, self.buttons = inner, 0, [], []
        self.turn_text = ""  # the words of the turn being answered, when a message was cut in several

    def name(self) -> Text:  # type: ignore[override]
        return self.inner.name()

    def __getattr__(self, item: str) -> Any:
        return getattr(self.inner, item)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if turn_failures.STORE in turn_failures.noted() and message.get("text") not in (
            APOLOGY,
            to_traditional(APOLOGY),
        ):
            return  # an answer from an empty conversation: the apology goes instead
        text = message.get("text") or ""
        if self.sent and self.turn_text and to_simplified(text).startswith(NOT_UNDERSTOOD):
            # 扣款为什么失败了…扣不了算谁的罚息: the rest of a message answered, one part not understood —
            # that part named, not the whole "没太明白" menu after a good answer (h29b)
            part = self.turn_text.strip(" ，,。.!！?？")[:30]
            said = f"您还说了“{part}”，这一句我没看明白，可以换个说法再问我。"
            traditional = to_simplified(text) != text
            message = {"text": to_traditional(said) if traditional else said}
            text = message["text"]
        if text and text in self.texts and not (message.get("buttons") or message.get("quick_replies")):
            # The same words again in one reply (two parts of a message answered by one action, h28b:
            # 您目前没有逾期的款项 four times): said once.
            return
        self.sent += 1
        self.texts.append(message.get("text") or "")
        self.buttons += [b for b in message.get("buttons") or message.get("quick_replies") or [] if isinstance(b, dict)]
        await self.inner.send_response(recipient_id, message)


# A button's title typed instead of pressed: on WeChat buttons are shown as "（可回复：开启提醒 / 不用了）"
# and can only be typed; in the web chat people type them too. What was offered since the
# borrower's last message is what the typed title means — its payload, not a new guess. The buttons
# of a turn are remembered when they are sent (in Redis when REDIS_URL is set, so that any replica
# knows them; else in this process): reading the conversation back for them cost every turn a
# tracker read (the bench's throughput fell from 2.2× to 1.65× the stock bot's).
MAX_TITLE_CHARS = 12
BUTTONS_KEPT_SECONDS = 24 * 3600


def _bare(text: Text) -> Text:
    return re.sub(r"[\W_]+", "", to_simplified(text or "")).lower()


def typed_button(text: Text, offered: Sequence[Dict[Text, Any]]) -> Optional[Text]:
    """The payload of the offered button whose title the message is (spaces, punctuation and script
    aside), or None."""
    bare = _bare(text)
    if not bare or len(bare) > MAX_TITLE_CHARS or text.strip().startswith("/"):
        return None
    for button in offered:
        payload = str(button.get("payload") or "")
        if payload and _bare(str(button.get("title") or "")) == bare:
            return payload
    return None


class OfferedButtons:
    """The buttons sent to each conversation since its borrower's last message."""

    def __init__(self) -> None:
        self._memory: "OrderedDict[Text, List[Dict[Text, Any]]]" = OrderedDict()
        self._redis: Any = None
        self._redis_url = (os.environ.get("REDIS_URL") or "").strip()

    def _client(self) -> Any:
        if self._redis is None and self._redis_url:
            import redis.asyncio as aioredis

            self._redis = aioredis.from_url(self._redis_url)
        return self._redis

    async def take(self, sender_id: Text) -> List[Dict[Text, Any]]:
        """What was offered, forgotten as it is read (a later message is past those buttons)."""
        client = self._client()
        if client is None:
            return self._memory.pop(sender_id, [])
        try:
            key = f"huankuan:buttons:{sender_id}"
            raw = (await client.pipeline().get(key).delete(key).execute())[0]
            return json.loads(raw) if raw else []
        except Exception as error:  # Redis away: the words go to the model as they are
            logger.warning("offered buttons unavailable: %s", type(error).__name__)
            return []

    async def keep(self, sender_id: Text, buttons: List[Dict[Text, Any]]) -> None:
        if not buttons:
            return
        offered = [{"title": str(b.get("title") or ""), "payload": str(b.get("payload") or "")} for b in buttons]
        client = self._client()
        if client is None:
            self._memory[sender_id] = offered
            self._memory.move_to_end(sender_id)
            while len(self._memory) > MAX_CONVERSATIONS:
                self._memory.popitem(last=False)
            return
        try:
            await client.set(f"huankuan:buttons:{sender_id}", json.dumps(offered), ex=BUTTONS_KEPT_SECONDS)
        except Exception as error:
            logger.warning("offered buttons not kept: %s", type(error).__name__)


OFFERED = OfferedButtons()


# The fallback's opening words (actions/fallback.py).
NOT_UNDERSTOOD = "抱歉，我没太明白"
# Said after the answers when a message asked for two things that each open a form.
LATER = "您还提到了：{later}。我们一次办一件，先办上面这一件；办完或不办了之后，再跟我说一声就行。"


async def turns_of(message: UserMessage) -> Tuple[List[UserMessage], List[str]]:
    """The borrower's message as the turns to answer: two questions in one message are answered
    one after the other (nlu/clauses.py decides with the model's parse of each clause); a second
    request that opens a form waits, and is named back (LATER)."""
    try:
        agent = Sanic.get_app().ctx.agent
    except Exception:  # no running Rasa server (unit tests of the channels)
        return [message], []
    if agent is None or not agent.is_ready():
        return [message], []
    in_form = False
    if len(clauses(message.text or "")) > 1 or starts_with_cancel(message.text or ""):
        # 15天吧。对了延期会不会上征信: in a form, the first part answers it (算了，你就告诉我…: the form ends)
        try:
            in_form = bool((await agent.processor.get_tracker(message.sender_id)).active_loop_name)
        except Exception:  # no tracker to read: answered as outside a form
            logger.debug("no tracker read for the turns of a message", exc_info=True)
    plan: Answering = await answering(message.text or "", agent.parse_message, in_form)
    if len(plan.turns) < 2 and not plan.later:
        return [message], []
    turns = [
        UserMessage(
            part,
            message.output_channel,
            message.sender_id,
            input_channel=message.input_channel,
            message_id=message.message_id if i == 0 else None,
            # Before the last turn a form is not asked again: the next turn may be its answer.
            metadata={**(message.metadata or {}), WHOLE_MESSAGE: message.text or ""}
            if i == len(plan.turns) - 1
            else {
                **(message.metadata or {}),
                MORE_TURNS: True,
                WHOLE_MESSAGE: message.text or "",
                FLOW_ASKED: plan.flow,
            },
        )
        for i, part in enumerate(plan.turns)
    ]
    return turns, plan.later


async def opens_a_form(text: str) -> bool:
    """The model reads these words as a request that opens a form of its own (FLOW)."""
    try:
        parsed = await Sanic.get_app().ctx.agent.parse_message(text)
    except Exception:
        logger.debug("no parse for a turn of a message", exc_info=True)
        return False
    return ((parsed.get("intent") or {}).get("name") or "") in FLOW


async def form_open(sender_id: str) -> bool:
    """A form is waiting for the borrower's answer (or the tracker cannot be read: assumed so)."""
    try:
        agent = Sanic.get_app().ctx.agent
        return bool((await agent.processor.get_tracker(sender_id)).active_loop_name)
    except Exception:
        logger.debug("no tracker read after the turns of a message", exc_info=True)
        return True


def answer_in_borrowers_script(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
) -> Callable[[UserMessage], Awaitable[Any]]:
    _require_failure_notes()

    async def handler(message: UserMessage) -> Any:
        counting = CountingOutput(message.output_channel)
        traditional = conversation_script(message.sender_id, message.text or "") == "traditional"
        message.output_channel = TraditionalOutput(counting) if traditional else counting
        result, since = None, time.time()
        with turn_failures.record() as failures:
            try:
                payload = typed_button(message.text or "", await OFFERED.take(message.sender_id))
                if payload is not None and payload != message.text:
                    message.text = payload
                turns, later = await turns_of(message)
                open_before = len(turns) > 1 and await form_open(message.sender_id)
                for i, turn in enumerate(turns):
                    counting.turn_text = turn.text if len(turns) > 1 else ""
                    # (the tracker first: the turn is parsed again only when a form did open)
                    if i and not open_before and await form_open(message.sender_id) and await opens_a_form(turn.text):
                        # 1提前还款收不收手续费 … 3能不能改成只发短信: a request that opens a form, after a
                        # form (the verification) this message opened, waits and is named back (it was
                        # taken for a phone number); a question is still the form's aside
                        later = [t.text for t in turns[i:]] + later
                        break
                    result = await on_new_message(turn)
                while later and not failures and not await form_open(message.sender_id):
                    # 为啥我不能分期？那我下个月10号先还2000行不行: the first request opened nothing (not
                    # possible online): the next is taken now, not named back as waiting for it
                    text, later = later[0], later[1:]
                    counting.turn_text = text
                    metadata = {**(message.metadata or {}), WHOLE_MESSAGE: message.text or ""}
                    turn = UserMessage(
                        text,
                        message.output_channel,
                        message.sender_id,
                        input_channel=message.input_channel,
                        metadata=metadata,
                    )
                    result = await on_new_message(turn)
                if later and not failures:
                    later_text = "、".join(f"“{part.strip('，,。 ')}”" for part in later)
                    await message.output_channel.send_response(
                        message.sender_id, {"text": LATER.format(later=later_text)}
                    )
            except Exception:  # the borrower still gets an answer; the error goes to the log
                logger.exception("message handling failed for a conversation")
                failures.append("message handling failed")
            if failures and turn_failures.STORE not in failures:
                await forget_failed_turn(message.sender_id, since)
            if counting.sent == 0 or (failures and not any(t.startswith("抱歉") for t in counting.texts)):
                await message.output_channel.send_response(message.sender_id, {"text": APOLOGY})
            await OFFERED.keep(message.sender_id, counting.buttons)
        return result

    return handler
