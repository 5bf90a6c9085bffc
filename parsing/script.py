"""Traditional ↔ simplified (OpenCC), one character for one, so offsets stay valid. Here, not in
nlu/, because the parsers of amounts, dates and contact changes read what the borrower typed, in
either script, and must not load the NLU."""

import functools
import re

import opencc


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")  # the traditional forms most borrowers write (為, 裡)


def _per_character(converter: opencc.OpenCC, text: str) -> str:
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, converter.convert(ch)) for ch in text))


def to_simplified(text: str) -> str:
    return _per_character(_t2s(), text)


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


# 分6其 / 6其吧 / 十二其: a term typed with 其 for 期 (not 其中 / 其他 / 其实 / 其余).
_TERM_TYPO = re.compile(r"(?<=[\d一二三四五六七八九十两])其(?![中他实余它次])")


def fix_term_typo(text: str) -> str:
    """分6其 → 分6期 (the same length: offsets into the text still hold)."""
    return _TERM_TYPO.sub("期", text)
