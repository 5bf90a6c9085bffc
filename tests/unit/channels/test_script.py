"""Normalisers and the one place that answers in the borrower's script."""

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

import rasa_patches
from channels.script import answer_in_borrowers_script, conversation_script
from nlu.normalise import TextNormaliser
from nlu.script import fix_typos, script_of, tidy, to_simplified, to_traditional
from parsing.width import half_width

rasa_patches.install_all()  # as the Rasa server does at start (our channels need it)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("我欠多少錢", "我欠多少钱"),
        ("預期了怎麼辦", "逾期了怎么办"),
        ("轻人工", "请人工"),
        ("征心有影响吗", "征信有影响吗"),
        ("１３８００１３８００１", "13800138001"),
        ("我想分期😭😭", "我想分期  "),
        ("Ｈｉ　你好", "Hi 你好"),
        ("还款日其是几号", "还款日期是几号"),
        ("\x07验证码", " 验证码"),
    ],
)
def test_normaliser(raw, clean):
    assert TextNormaliser.normalise(raw) == clean
    assert len(TextNormaliser.normalise(raw)) == len(raw)  # entity offsets stay valid


def test_each_normaliser_alone():
    assert half_width("ＡＢＣ１２３！") == "ABC123!"
    assert to_simplified("徵信報告") == "征信报告"
    assert to_traditional("您当前逾期应还共 3363.24 元") == "您當前逾期應還共 3363.24 元"
    assert fix_typos("预期罚习") == "逾期罚息"
    assert tidy("好👍") == "好 "


@pytest.mark.parametrize(
    "text, script",
    [("我欠多少錢", "traditional"), ("我欠多少钱", "simplified"), ("好的", ""), ("123456", ""), ("/affirm", "")],
)
def test_script_of(text, script):
    assert script_of(text) == script


def test_a_conversation_keeps_its_script_through_neutral_messages():
    assert conversation_script("c-1", "我欠多少錢") == "traditional"
    assert conversation_script("c-1", "123456") == "traditional"
    assert conversation_script("c-1", "/affirm") == "traditional"
    assert conversation_script("c-1", "我欠多少钱") == "simplified"
    assert conversation_script("c-2", "好的") == "simplified"


@pytest.mark.asyncio
async def test_traditional_borrower_gets_traditional_text_and_buttons():
    collector = CollectingOutputChannel()

    async def assistant(message):
        await message.output_channel.send_response(
            message.sender_id,
            {
                "text": "您当前逾期应还共 3363.24 元",
                "buttons": [{"title": "转人工", "payload": "/request_human"}],
            },
        )

    await answer_in_borrowers_script(assistant)(UserMessage("請問我欠多少", collector, "c-3"))
    (sent,) = collector.messages
    assert sent["text"] == "您當前逾期應還共 3363.24 元"
    assert sent["buttons"] == [{"title": "轉人工", "payload": "/request_human"}]


@pytest.mark.asyncio
async def test_simplified_borrower_is_left_alone():
    collector = CollectingOutputChannel()

    async def assistant(message):
        await message.output_channel.send_response(message.sender_id, {"text": "您当前逾期应还"})

    await answer_in_borrowers_script(assistant)(UserMessage("我欠多少钱", collector, "c-4"))
    assert collector.messages[0]["text"] == "您当前逾期应还"


@pytest.mark.asyncio
async def test_silence_becomes_an_apology():
    from channels.script import APOLOGY

    collector = CollectingOutputChannel()

    async def silent(message):
        return None

    async def broken(message):
        raise RuntimeError("action server down")

    await answer_in_borrowers_script(silent)(UserMessage("我欠多少钱", collector, "c-5"))
    await answer_in_borrowers_script(broken)(UserMessage("我欠多少钱", collector, "c-5"))
    assert [m["text"] for m in collector.messages] == [APOLOGY, APOLOGY]


@pytest.mark.asyncio
async def test_the_same_words_twice_in_one_reply_are_said_once():
    """h28b: 您目前没有逾期的款项 four times in one reply (each part of a message answered)."""
    collector = CollectingOutputChannel()

    async def assistant(message):
        for text in ("您目前没有逾期的款项。", "提前结清不收手续费。", "您目前没有逾期的款项。"):
            await message.output_channel.send_response(message.sender_id, {"text": text})
        await message.output_channel.send_response(
            message.sender_id,
            {"text": "提前结清不收手续费。", "buttons": [{"title": "转人工", "payload": "/request_human"}]},
        )

    await answer_in_borrowers_script(assistant)(UserMessage("我有逾期吗 结清收费吗", collector, "c-6"))
    assert [m["text"] for m in collector.messages] == [
        "您目前没有逾期的款项。",
        "提前结清不收手续费。",
        "提前结清不收手续费。",
    ]
    assert collector.messages[-1]["buttons"] == [{"title": "转人工", "payload": "/request_human"}]
    # another message says it again
    await answer_in_borrowers_script(assistant)(UserMessage("再说一遍", collector, "c-6"))
    assert len(collector.messages) == 6


@pytest.mark.asyncio
async def test_a_part_not_understood_after_an_answer_is_named_not_the_whole_menu():
    """h29b: a good answer about a failed debit, then "抱歉，我没太明白您的意思…" and its menu for the
    message's last part."""
    from channels.script import CountingOutput

    collector = CollectingOutputChannel()
    counting = CountingOutput(collector)
    counting.turn_text = "扣款为什么失败了"
    await counting.send_response("c-7", {"text": "自动扣款失败，常见原因是…"})
    counting.turn_text = "扣不了算谁的罚息？"
    menu = {"text": "抱歉，我没太明白您的意思。您可以换个说法，或者选择您想问的：", "buttons": [{"title": "转人工"}]}
    await counting.send_response("c-7", menu)
    assert collector.messages[-1] == {
        "recipient_id": "c-7",
        "text": "您还说了“扣不了算谁的罚息”，这一句我没看明白，可以换个说法再问我。",
    }
    alone = CollectingOutputChannel()
    await CountingOutput(alone).send_response("c-8", menu)  # nothing answered before it: the menu
    assert "我没太明白您的意思" in str(alone.messages[0]) and "转人工" in str(alone.messages[0])


def test_a_typed_button_title_is_its_payload():
    """WeChat shows buttons as text to type back; web borrowers type them too: whatever the
    spacing, punctuation or script."""
    from channels.script import typed_button

    offered = [{"title": "开启提醒", "payload": "/affirm"}, {"title": "不用了", "payload": "/deny"}]
    assert typed_button("开启提醒", offered) == "/affirm"
    assert typed_button(" 开启 提醒！", offered) == "/affirm"
    assert typed_button("開啟提醒", offered) == "/affirm"
    assert typed_button("不用了。", offered) == "/deny"
    assert typed_button("开启提醒吧", offered) is None  # not a title: the model reads it
    assert typed_button("/deny", offered) is None
    assert typed_button("开启提醒", []) is None


@pytest.mark.parametrize("redis_url", ["", "redis://127.0.0.1:6379/14"], ids=["memory", "redis"])
@pytest.mark.asyncio
async def test_the_buttons_offered_are_only_those_since_the_last_message(redis_url, monkeypatch):
    """In this process, or in Redis for every replica (the Redis of the test machines, db 14)."""
    import uuid

    from channels.script import OfferedButtons

    monkeypatch.setenv("REDIS_URL", redis_url)
    kept, conversation = OfferedButtons(), f"c-{uuid.uuid4().hex[:8]}"
    await kept.keep(conversation, [{"title": "开启提醒", "payload": "/affirm"}])
    assert await kept.take(conversation) == [{"title": "开启提醒", "payload": "/affirm"}]
    assert await kept.take(conversation) == []  # read once: the next message is past them
    await kept.keep(conversation, [])
    assert await kept.take(conversation) == []


@pytest.mark.parametrize(
    "text, read",
    [
        ("能不能waive掉penalty", "能不能减免   掉罚息     "),
        ("Can I get an Extension?", "Can I get an 延期       ?"),
        ("我的app打不开", "我的app打不开"),  # not a lending word
        # asked all in English (h13: the repayment question got a request for a phone number)
        ("How do I repay my loan?", "怎么       还款    my 借款  ?"),
        ("check一下我的loan balance", "check一下我的借款   欠款     "),
    ],
)
def test_english_lending_words_read_as_chinese_of_the_same_length(text, read):
    assert fix_typos(text) == read and len(fix_typos(text)) == len(text)


@pytest.mark.parametrize(
    "text, read",
    [
        # h34a: the net slang's 我 and 咩有 (not understood); 偶尔 stays itself
        ("偶的钱还咩有还清 你们又打电话给偶", "我的钱还没有还清 你们又打电话给我"),
        ("偶系在工地搬砖", "我是在工地搬砖"),
        ("偶尔会忘记还款", "偶尔会忘记还款"),
        ("我是借款人的配偶，他的账单能发给我吗", "我是借款人的配偶，他的账单能发给我吗"),
        ("我配偶的手机", "我配偶的手机"),
    ],
)
def test_dialect_words_read_as_plain_mandarin(text, read):
    assert fix_typos(text) == read and len(fix_typos(text)) == len(text)
