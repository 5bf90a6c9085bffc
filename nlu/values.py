"""Values in borrowers' words → numbers and dates: money amounts, plan terms, relative dates.

Chinese numerals go through cn2an (一万五 → 15000, 两千五 → 2500, 八百 → 800) and dates through
jionlp's time parser; this layer adds what those libraries get wrong or do not know for our
borrowers (1.5万, ¥2,000, 月底, a bare 15号 that has already passed this month, N周后).
No Rasa import: actions and NLU components both use it.
"""
import calendar
import logging
import re
import time
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Optional

import cn2an

from rules.relief import add_months

logger = logging.getLogger(__name__)

_NUMBER = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万|w|W)?(?P<rest>\d)?(?!\d)\s*(?P<after>个月|期|天|号|日|周|星期|月|年|点|次|%|岁)?"
)
_MONEY_UNIT = re.compile(r"^\s*(元|块|圆|rmb|RMB)")
_TERM = re.compile(r"(\d+)\s*(?:期|个月|个月份|月)")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 2,000 → 2000
    return text.replace("¥", "").replace("￥", "")


def _arabic(text: str) -> str:
    text = re.sub(r"两(?=[周天个星期月年期])", "二", text)  # cn2an reads 两千 but not 两周
    try:
        return cn2an.transform(text, "cn2an")
    except Exception:  # cn2an raises on some mixed strings; keep the text as it is
        return text


def parse_amount(text: str) -> Optional[Decimal]:
    """The money amount in a message (八百, 1.5万, 一万五, ¥2,000, 1500左右), or None."""
    plain = _arabic(_plain(text))
    for match in _NUMBER.finditer(plain):
        if match.group("after"):
            continue  # 6期, 3天, 15号, 12个月: not money
        start = match.start()
        if start > 0 and plain[start - 1] in "第周":
            continue
        try:
            value = Decimal(match.group("num"))
        except InvalidOperation:
            continue
        if match.group("wan"):
            value *= 10000
            if match.group("rest"):  # 2万5 = 25000
                value += Decimal(match.group("rest")) * 1000
        elif match.group("rest"):
            continue
        if value > 0:
            return value.quantize(Decimal("0.01"))
    return None


def parse_term_months(text: str) -> Optional[int]:
    """An instalment term in months (分6期, 六个月, 半年, 12期, 一年), or None."""
    plain = _plain(text)
    if "半年" in plain:
        return 6
    if re.search(r"(一|1)\s*年", plain) and not re.search(r"\d+\s*(期|个月)", _arabic(plain)):
        return 12
    for match in _TERM.finditer(_arabic(plain)):
        if int(match.group(1)) > 1:  # 一个月 / 每个月 is "per month", not a term
            return int(match.group(1))
    return None


def parse_days(text: str) -> Optional[int]:
    """A number of days (7天, 十五天, 一周, 半个月, 一个月), or None."""
    plain = _plain(text)
    match = re.search(r"(\d+)\s*(?:天|日)", _arabic(plain))
    if match:
        return int(match.group(1))
    if re.search(r"(?:一|1)\s*个?(?:星期|周)", plain):
        return 7
    if "半个月" in plain:
        return 15
    if re.search(r"(?:一|1)\s*个月", plain):
        return 30
    return None


def parse_date(text: str, today: date) -> Optional[date]:
    """A payment date relative to today (明天, 下周五, 月底, 15号, 三天后, 12月1日), or None."""
    plain = _plain(text)
    if re.search(r"月底|月末|这个月底|本月底", plain):
        if "下个月" in plain or "下月" in plain:
            nxt = add_months(today.replace(day=1), 1)
            return nxt.replace(day=calendar.monthrange(nxt.year, nxt.month)[1])
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    arabic = _arabic(plain)
    weeks = re.search(r"(\d+)\s*(?:周|个星期|星期)[之以]?后", arabic)
    if weeks:
        return today + timedelta(weeks=int(weeks.group(1)))
    bare_day = re.fullmatch(r".*?(?<![月\d])(\d{1,2})\s*[号日](?:之前|前|那天)?.*", arabic)
    if bare_day and not re.search(r"\d+\s*月\s*\d", arabic) and "下个月" not in arabic and "下月" not in arabic:
        wanted = int(bare_day.group(1))
        if 1 <= wanted <= 31:
            this_month = date(today.year, today.month, min(wanted, calendar.monthrange(today.year, today.month)[1]))
            if this_month >= today:
                return this_month
            nxt = add_months(today.replace(day=1), 1)
            return date(nxt.year, nxt.month, min(wanted, calendar.monthrange(nxt.year, nxt.month)[1]))
    return _jionlp_date(plain, today)


def _jionlp_date(text: str, today: date) -> Optional[date]:
    import jionlp  # imported late: it loads its dictionaries on first use

    base = time.mktime(datetime(today.year, today.month, today.day, 12, 0).timetuple())
    try:
        parsed = jionlp.parse_time(text, time_base=base)
    except Exception:
        return None
    if parsed.get("type") != "time_point":
        return None
    start, end = parsed["time"][0][:10], parsed["time"][1][:10]
    if start != end:
        return None  # a span (下周, 这个月) is not a date to pay on
    return date.fromisoformat(start)
