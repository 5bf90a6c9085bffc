"""Chinese script and spelling: traditional ↔ simplified (OpenCC), common lending typos, emoji.

Every function maps one character to one character, so entity offsets in training data stay valid.
No Rasa import: the NLU normaliser and the channels both use it.
"""

import re
import unicodedata

from parsing.script import to_simplified, to_traditional  # noqa: F401 (the NLU's names for them)

# Homophone and keyboard slips seen in lenders' customer-service logs, same length as the fix.
TYPOS = {
    "预期": "逾期",
    "玉期": "逾期",
    "逾其": "逾期",
    "于期": "逾期",
    "轻人工": "请人工",
    "请人公": "请人工",
    "转人公": "转人工",
    "人公": "人工",
    "征心": "征信",
    "争信": "征信",
    "正信": "征信",
    "征性": "征信",
    "罚习": "罚息",
    "发息": "罚息",
    "罚细": "罚息",
    "罚惜": "罚息",
    "罚西": "罚息",
    "还款日其": "还款日期",
    "分其": "分期",
    "延其": "延期",
    "展其": "展期",
    "催手": "催收",
    "摧收": "催收",
    "崔收": "催收",
    "验正码": "验证码",
    "严证码": "验证码",
    "协伤": "协商",
    "协尚": "协商",
    "胁商": "协商",
    "利系": "利息",
    "催受": "催收",
}
_TYPO = re.compile("|".join(sorted(map(re.escape, TYPOS), key=len, reverse=True)))


def script_of(text: str) -> str:
    """'traditional', 'simplified', or '' when the text could be either (digits, 好的, /affirm)."""
    if not text or text.startswith("/"):
        return ""
    if to_simplified(text) != text:
        return "traditional"
    if to_traditional(text) != text:
        return "simplified"
    return ""


def fix_typos(text: str) -> str:
    return _TYPO.sub(lambda m: TYPOS[m.group(0)], text)


def tidy(text: str) -> str:
    """Emoji and other symbols, control and format characters become spaces."""
    return "".join(
        " " if unicodedata.category(ch) in ("So", "Cs", "Co", "Cn", "Cc", "Cf") and ch not in "\n\t" else ch
        for ch in text
    )
