"""Chinese script and spelling: traditional ↔ simplified (OpenCC), common lending typos, emoji.

Every function maps one character to one character, so entity offsets in training data stay valid.
No Rasa import: the NLU normaliser and the channels both use it.
"""

import re
import unicodedata

from parsing.script import fix_term_typo, to_simplified, to_traditional  # noqa: F401 (the NLU's names for them)

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
    "换款": "还款",  # 提前换款要不要违约金
    "节清": "结清",  # 开个节清证明给我 (a statement was issued)
    "结青": "结清",  # 我要结青 (read as a document asked for)
    "失贩": "失败",  # 扣款失贩了咋办 (the failed debit went unsaid)
    "接清": "结清",
    # 那个廷期的凭正再给我一份 / 我的廷期办号了木有 (a statement was issued, h30a)
    "廷期": "延期",
    "凭正": "凭证",
    "办号了": "办好了",
    "承诺涵": "承诺函",
    "成诺": "承诺",  # 之前登记的那个成诺还款 (h32a)
    # 俺哥 / 俺妈: the dialect's 我 (以后别找俺哥 was not understood, h32b)
    "俺": "我",  # 给我出个承诺涵 (h31a)
    "确认涵": "确认函",
    "结庆": "结清",
    # dialect (木有钱啊 这个月整不了 能缓缓不: read as a no)
    "木有": "没有",
    "莫得": "没有",
    "整不了": "还不了",
    "咋整": "咋办",
    "换清": "还清",
    # 我这个月只能换一半另一半下个月换可以吗会不会上真心 (it fell back)
    "只能换": "只能还",
    "换一半": "还一半",
    "上真心": "上征信",
    "影响真心": "影响征信",
    # 偶的钱还咩有还清: 咩有 for 没有 (not understood, h34a); the slang's 偶 for 我 is _NET_SLANG_I below
    "咩有": "没有",
    "机械人": "机器人",  # 你系咪机械人嚟㗎 (Cantonese: are you a robot — not understood, h35a)
    "偶系": "我是",
    # 会不会影像我孩子考学 (the family point was not said)
    "会影像": "会影响",
    "影像我": "影响我",
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


# English words borrowers mix into Chinese (能不能waive掉penalty / 想extend几天), read as the Chinese
# word they stand for; the rest of the word's length is spaces, so offsets stay valid.
ENGLISH_TERMS = {
    "penalty": "罚息",
    "penalties": "罚息",
    "late fee": "罚息",
    "interest": "利息",
    "waive": "减免",
    "overdue": "逾期",
    "extension": "延期",
    "extend": "延期",
    "postpone": "延期",
    "delay": "延期",
    "installment": "分期",
    "installments": "分期",
    "instalment": "分期",
    "instalments": "分期",
    "repayment": "还款",
    "repay": "还款",
    "pay back": "还款",
    "loan": "借款",
    "debt": "欠款",
    "credit report": "征信",
    "credit record": "征信",
    "credit score": "征信",
    "customer service": "客服",
    "human agent": "人工",
    "collector": "催收",
    "collectors": "催收",
    "complaint": "投诉",
    "complain": "投诉",
    "harass": "骚扰",
    "due date": "还款日",
    "statement": "对账单",
    "settle": "结清",
    "pay off": "结清",
    "payoff": "结清",
    "income": "收入",
    "jobless": "失业",
    "unemployed": "失业",
    # a question asked all in English (How do I repay my loan?): its question words too
    "how do i": "怎么",
    "how can i": "怎么",
    "how to": "怎么",
    "how much": "多少",
    "balance": "欠款",
    "owe": "欠",
    "if i'm late": "逾期",
    "if i am late": "逾期",
    # please stop calling me. 我的号码 is 139… (h20: read as a number given for a query)
    "stop calling me": "别再打给我",
    "stop calling": "别再打",
    "don't call me": "别打给我",
    "do not call me": "别打给我",
    # I already paid everything yesterday via app / did you receive it (h14: 没太明白)
    "already paid": "已经还了",
    "i paid": "我还了",
    "paid": "还了",
    "yesterday": "昨天",
    "receive": "收到",
    "received": "收到",
}
_ENGLISH = re.compile(
    r"(?<![A-Za-z])(" + "|".join(sorted(map(re.escape, ENGLISH_TERMS), key=len, reverse=True)) + r")(?![A-Za-z])",
    re.IGNORECASE,
)


def _chinese_for(match: "re.Match[str]") -> str:
    word = ENGLISH_TERMS[match.group(0).lower()]
    return word + " " * (len(match.group(0)) - len(word))


# 我昨天换了500 怎么还欠那么多: 换 for 还 before a sum paid (h26b: the payment told was not looked for).
_PAID_A_SUM = re.compile(
    r"(?<![更交转兑切互置替])换(?=(?:了|过)\s*[\d一二两三四五六七八九十几百千]+(?:\.\d+)?\s*(?:块|元|多|$|[\s,，。？?!！]))"
)


# 偶的钱 / 打电话给偶 / 偶在工地: the net slang's 我 — not 配偶 / 偶尔 / 偶像 / 木偶 (h34a)
_NET_SLANG_I = re.compile(r"(?<![配佳木玩人无])偶(?=[的在要想欠还也都就去没不])|(?<=给)偶(?![尔像然遇])")


def fix_typos(text: str) -> str:
    """Lending typos (预期 → 逾期, 分6其 → 分6期, 换了500 → 还了500) and English lending words (penalty →
    罚息), each the same length."""
    fixed = _PAID_A_SUM.sub("还", _TYPO.sub(lambda m: TYPOS[m.group(0)], _NET_SLANG_I.sub("我", text)))
    return _ENGLISH.sub(_chinese_for, fix_term_typo(fixed))


def tidy(text: str) -> str:
    """Emoji and other symbols, control and format characters become spaces."""
    return "".join(
        " " if unicodedata.category(ch) in ("So", "Cs", "Co", "Cn", "Cc", "Cf") and ch not in "\n\t" else ch
        for ch in text
    )
