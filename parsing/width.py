"""The one full-width fold: １３８ → 138, Ａ → A, full-width punctuation and the ideographic space →
ASCII; CJK characters are left alone."""

from typing import Text

_FOLD = {0x3000: " ", **{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}}


def half_width(text: Text) -> Text:
    return (text or "").translate(_FOLD)
