"""Phone numbers and one-time codes as borrowers type them, and the one phone mask. A number may be
written with full-width digits, +86 in front, and spaces, dashes of any width, dots or middle
dots between its digits (138 0013 8001, 138－0013－8001, 138.0013.8001); the redaction of what the
stores keep (auth/redaction.py) hides every spelling these parsers accept."""

import re
from typing import Optional

from parsing.width import half_width

# The one definition of a mainland mobile number, and what may stand between its digits.
MOBILE = r"1[3-9]\d{9}"
SEPARATORS = r"[\s\-－—–.·]"
PHONE_PATTERN = re.compile(rf"(?<!\d)(?:\+?86)?({MOBILE})(?!\d)")
CODE_PATTERN = re.compile(r"(?<!\d)(\d{6})(?!\d)")
# A mobile number spelled with separators, as it stands in a text (for redaction).
SPELLED_PHONE = re.compile(rf"(?<![0-9])1[3-9]\d(?:{SEPARATORS}*\d){{8}}(?![0-9])")  # MOBILE, separators allowed
_BETWEEN_DIGITS = re.compile(rf"(?<=[\d+]){SEPARATORS}+(?=\d)")
# A number read out in Chinese digits (一三七零零一三七零零三, 幺 for 1): six or more in a row.
_CN_DIGIT = "零〇一二三四五六七八九幺"
CHINESE_DIGIT_RUN = re.compile(rf"[{_CN_DIGIT}](?:{SEPARATORS}*[{_CN_DIGIT}]){{5,}}")
_AS_DIGITS = str.maketrans(_CN_DIGIT, "001234567891")


# 1860000八八八八: a mobile number begun in digits and ended in Chinese digits (seven or more in all).
MIXED_DIGIT_RUN = re.compile(rf"(?<![0-9{_CN_DIGIT}])1(?:{SEPARATORS}*[0-9{_CN_DIGIT}]){{6,}}")


def spelled_in_digits(text: str) -> str:
    """一三七零零一三七零零三 → 13700137003 (runs of six or more Chinese digits only: 一一 stays), and
    1860000八八八八 → 18600008888 (a run of seven or more mixing both)."""
    text = CHINESE_DIGIT_RUN.sub(lambda m: m.group(0).translate(_AS_DIGITS), text or "")

    def mixed(m: "re.Match") -> str:
        run = m.group(0)
        return run.translate(_AS_DIGITS) if re.search(r"\d", run) and re.search(f"[{_CN_DIGIT}]", run) else run

    return MIXED_DIGIT_RUN.sub(mixed, text)


def digits_of(text: str) -> str:
    """Full-width digits read like ASCII ones, and a run of Chinese digits as digits; separators
    between digits do not matter. (+86 before a phone number is the phone pattern's business: a
    code may start with 86.)"""
    return _BETWEEN_DIGITS.sub("", spelled_in_digits(half_width(text or "")))


# 13900139003 不对 是13900139002 / 打错了 应该是…: the number said after a correction is the one meant.
_CORRECTED = re.compile(r"不对|不是|错了|打错|输错|说错|应该是|更正|改成|是这个")


def find_phone(text: str) -> Optional[str]:
    """The mobile number in the words; of two, the one after a correction (the code went to the first,
    the number just withdrawn, h27a)."""
    plain = digits_of(text)
    found = [m.group(1) for m in PHONE_PATTERN.finditer(plain)]
    if not found:
        return None
    if len(found) > 1 and _CORRECTED.search(text or ""):
        return found[-1]
    if len(found) > 1:
        # 你们用17012345678打给我…我号码是13822223333 别再打了: the writer's own, said as theirs (the number
        # that called was refused, h33b)
        own = _OWN_NUMBER.search(plain)
        if own:
            return own.group(1)
    return found[0]


_OWN_NUMBER = re.compile(r"我(?:的|自己的?)?(?:号码|手机号码?|电话号码?|手机|号)(?:是|为|：|:)?\s*(1[3-9]\d{9})")


def find_code(text: str) -> Optional[str]:
    plain = digits_of(text)
    if PHONE_PATTERN.search(plain):
        return None
    match = CODE_PATTERN.search(plain)
    return match.group(1) if match else None


def mask_phone(phone: str) -> str:
    """138****8001: the first three and last four digits of the number, whatever its spelling."""
    digits = re.sub(r"\D", "", phone or "")
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 7 else "****"
