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
from typing import Callable, List, Optional, Tuple

import cn2an

from parsing.phones import MOBILE
from parsing.script import fix_term_typo, to_simplified
from rules.relief import PLAN_TERMS, add_months

logger = logging.getLogger(__name__)


class _QuietJioNLP(logging.Filter):
    """jionlp logs a traceback, with the borrower's words in it, for every string that is not a
    date; we only ask it and handle the answer, so those records are dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "jionlp" not in (record.pathname or "")


logging.getLogger().addFilter(_QuietJioNLP())

_NUMBER = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万|w|W)?(?P<rest>\d)?(?!\d)\s*"
    # what counts things other than money: 6期, 3天, 15号, 两个都要, 一家, 一半, 两笔
    r"(?P<after>个月|期|天|号|日|周|星期|月|年|点|次|%|岁|个|家|半|笔|条|项|人|张|份|遍|位|种|样|倍|成)?"
)
_MONEY_UNIT = re.compile(r"^\s*(元|块|圆|rmb|RMB)")
# 12月 alone is a term only when no day follows (首期改成12月5号: a date, not 12 months).
_TERM = re.compile(
    r"(?<![第\d])(\d+)\s*(?:期|个月|个月份|月(?!\s*\d|\s*[一二三四五六七八九十]+\s*[号日]|[初底中末]|份))"
)


def _plain(text: str) -> str:
    text = fix_term_typo(to_simplified(unicodedata.normalize("NFKC", text or "")))  # 下個月五號 / 分6其
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 2,000 → 2000
    return text.replace("¥", "").replace("￥", "")


def arabic_numerals(text: str) -> str:
    text = re.sub(r"两(?=[周天个星期月年期])", "二", text)  # cn2an reads 两千 but not 两周
    try:
        return cn2an.transform(text, "cn2an")
    except Exception:  # cn2an raises on some mixed strings; keep the text as it is
        return text


# 一 in words that count nothing: 登记一下, 先还一点, 一次性, 一起 (cn2an would make them 1下, 1点 …).
# (一半元旦前还上 was 10.50 元: 一半 is a share, 元旦 a day — h31a)
_NOT_A_NUMBER = re.compile(r"一(?=下|点|些|起|直|样|般|定|次|口气|笔|会|部分|共|切|旦|边|把|个人|趟|声|半)|元旦")


def _hundreds(match: re.Match) -> str:
    return str(Decimal(match.group(1)) * (100 if match.group(2) == "百" else 1000))


# A reference the assistant gave (借款 L1001, 计划 P6001, 工单 T2026…, 工号A1023): never an amount.
_REFERENCE = re.compile(
    r"(?<![A-Za-z])[A-Za-z]{1,2}\d{3,}[\dA-Za-z]*|(?:尾号|工号|编号|手机号|号码)(?:是|为)?\s*\d{3,}|1\d{10}"
)


_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# 七八百 / 两三千 / 五六百块: a rough range, said as two neighbouring figures before the unit.
_RANGE = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])(?=[十百千万])")


def _lower_of_range(text: str) -> str:
    """七八百 → 七百: the lower figure of a rough range (what the borrower is sure of)."""

    def lower(match: "re.Match") -> str:
        first, second = _DIGITS[match.group(1)], _DIGITS[match.group(2)]
        return match.group(1) if second == first + 1 else match.group(0)

    return _RANGE.sub(lower, text)


def parse_amount(text: str) -> Optional[Decimal]:
    """The money amount in a message (八百, 1.5万, 一万五, ¥2,000, 1500左右, 3百, 七八百 → 700), or None."""
    plain = arabic_numerals(_NOT_A_NUMBER.sub("", _REFERENCE.sub(" ", _lower_of_range(_plain(text)))))
    plain = re.sub(r"(\d+(?:\.\d+)?)\s*(百|千)(?![\d万])", _hundreds, plain)  # cn2an leaves 3百 / 1.5千 alone
    for match in _NUMBER.finditer(plain):
        if match.group("after"):
            continue  # 6期, 3天, 15号, 12个月: not money
        start = match.start()
        if (start > 0 and plain[start - 1] in "第周") or plain[max(0, start - 2) : start] in ("礼拜", "星期"):
            continue  # 第3期, 周5, 礼拜5, 星期5: not money
        if re.search(r"\d\s*月\s*$", plain[max(0, start - 4) : start]):
            continue  # 11月30: a day of a month, not 30.00 元 (h25a: 改到30号 11月30 became 30 元)
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
        if value < 10 and not _MONEY_UNIT.match(plain[match.end() :]):
            continue  # 就还五 / 那两个: a figure this small is money only when said to be (5元, 8块)
        if value > 0:
            return (value + _jiao_and_fen(plain[match.end() :])).quantize(Decimal("0.01"))
    return None


# 1635我28号拿不出来 / 全部还不了: a figure the borrower says they cannot pay.
_CANNOT_PAY = re.compile(r"拿不出|还不了|还不上|还不起|凑不齐|凑不够|没那么多|没有那么多|给不了|付不起|不够")
_CLAUSES = re.compile(r"[，,。；;！!？?\s]+")


_SUM = r"[\d一二两三四五六七八九十百千万.]+\s*(?:块|元)?"
# 是加500 一共2500: the whole said (it took 500, h26a).
_IN_ALL = re.compile(rf"(?:一共|总共|合计|加起来|总数)\s*(?:是|还|就)?\s*(?P<a>{_SUM})")
# 能再加500吗: more than the promise already made (it stayed 2000).
_MORE = re.compile(rf"(?:再|多)?加(?:上)?\s*(?P<a>{_SUM})")
# 改到下下周五 金额不变 / 还是原来那个数: the amount already promised (it asked again, twice).
_UNCHANGED = re.compile(
    r"金额不变|钱数不变|数目不变|数不变|金额(?:还是)?一样|一样的(?:钱|金额|数)|还是原来(?:那个数|的数|的金额|的钱|那么多)|原来的(?:金额|数)"
)


def promised_amount(text: str, current: Optional[Decimal] = None) -> Optional[Decimal]:
    """The amount a borrower says they will pay: parse_amount's, but not of a clause that says the
    figure cannot be paid (1635我28号拿不出来啊 只能800 → 800; it was 1635), and None when only such a
    clause names one. With a promise already made (`current`): 再加500 is 500 more, 金额不变 is it;
    一共2500 is always the whole."""
    plain = _plain(text)
    whole = _IN_ALL.search(plain)
    if whole and parse_amount(whole.group("a")) is not None:
        return parse_amount(whole.group("a"))
    if current is not None:
        more = _MORE.search(plain)
        if more and parse_amount(more.group("a")) is not None and not re.search(r"加到|加成", plain):
            return (Decimal(current) + parse_amount(more.group("a"))).quantize(Decimal("0.01"))
        if _UNCHANGED.search(plain):
            return Decimal(current).quantize(Decimal("0.01"))
    clauses = [c for c in _CLAUSES.split(text or "") if c]
    kept = [c for c in clauses if not (_CANNOT_PAY.search(c) and parse_amount(c) is not None)]
    return parse_amount("，".join(kept)) if len(kept) != len(clauses) else parse_amount(text)


# After 元/块: 四毛六 / 4角6分 / 零五毛 / 五 (块五 = 5角), the cents of the amount.
_CENTS = re.compile(
    r"^\s*(?:元|块|圆)(?:\s*零?\s*(?:(?P<jiao>\d)\s*(?:毛|角)(?:\s*(?P<fen>\d)(?![\d个期天号月日周年点次])\s*分?)?|"
    r"(?P<fen_only>\d)\s*分)|(?P<bare>\d)(?![\d个期天号月日周年点次%.]))"
)


def _jiao_and_fen(after: str) -> Decimal:
    """532块4毛6 → 0.46; 500块5 → 0.5; 100块钱 → 0."""
    cents = _CENTS.match(after)
    if cents is None:
        return Decimal("0")
    jiao = cents.group("jiao") or cents.group("bare") or "0"
    fen = cents.group("fen") or cents.group("fen_only") or "0"
    return Decimal(jiao) / 10 + Decimal(fen) / 100


_CHANGE_WORD = re.compile(
    r"换成|改成|改为|改到|换到|还是|要么|不如|提前到|推迟到|推到|挪到|延到|往后推到|"
    # 改12期吧 / 换6个月的: 改 or 换 right before what it changes to (h30a: the 6-month plan stayed)
    r"(?:改|换)(?=\s*[\d一二两三四五六七八九十半]+\s*(?:期|个月|天|号))"
)


_NAMES_A_VALUE = re.compile(r"[\d一二两三四五六七八九十半最周月号日全]|礼拜|星期|明天|后天|下|月底|月初")


_CLAUSE = re.compile(r"[，,。；;！!？?\s]+")
_CHANGED_IN_CLAUSE = re.compile(r"^.*?(?:换成|改成|改为|改到|换到|还是|要么|不如|提前到|推迟到|推到|挪到|延到|改|换)")


def changed_clause(text: str, names: Callable[[str], bool]) -> Optional[str]:
    """The words after the change word of the last clause that changes something `names` finds (哦今天就
    周五啊 那改下周五吧，金额也改成1000 → 下周五吧, for a date), or None."""
    for clause in reversed(_CLAUSE.split(text or "")):
        cut = _CHANGED_IN_CLAUSE.match(clause)
        if cut and names(clause[cut.end() :]):
            return clause[cut.end() :]
    return None


# 不是3810 是3000块 / 不是周五，是下周五: a correction — what follows the 是 (it was read as a no and cancelled)
_NOT_THIS_BUT = re.compile(
    r"不是[^，,。？?\s]{1,12}[，,。\s]*(?:而|应该|我说的|我要的)?是(?=[^，,。？?]*[\d一二两三四五六七八九十半周月号日全下])"
)


def after_change_word(text: str) -> str:
    """The words after the last 换成 / 改成 / 还是 … (一周太短了 换成半个月的 → 半个月的), or after the
    是 of 不是X是Y: what a change of mind names; the whole text when there is no such word."""
    corrected = _NOT_THIS_BUT.search(text or "")
    if corrected and not _CHANGE_WORD.search(text[corrected.end() :]):
        return text[corrected.end() :]
    found = list(_CHANGE_WORD.finditer(text or ""))
    for match in reversed(found):  # 改成30天吧 还是怕来不及: the change word that names something
        if _NAMES_A_VALUE.search(text[match.end() : match.end() + 10]):
            return text[match.end() :]
    return text[found[-1].end() :] if found else text


def named_terms(text: str) -> List[int]:
    """Every instalment term the words name, in order (三个月六个月十二个月各多少 → 3, 6, 12)."""
    plain = _plain(text)
    choice = r"(?!\s*(?:能|可以|是|多|几|要|的话|分几|有))"  # 最长能分几期 asks; 那就分最长的 chooses
    if re.search(rf"(?:最长|最久|期数最多|最多的?期){choice}", plain):
        return [max(PLAN_TERMS)]
    if re.search(rf"(?:最短|最快|期数最少|最少的?期){choice}", plain):
        return [min(PLAN_TERMS)]
    terms = [6] if "半年" in plain else []
    if re.search(r"(一|1)\s*年", plain) and not re.search(r"\d+\s*(期|个月)", arabic_numerals(plain)):
        terms.append(12)
    for match in _TERM.finditer(arabic_numerals(plain)):
        if int(match.group(1)) > 1 and int(match.group(1)) not in terms:  # 一个月 / 每个月: "per month"
            terms.append(int(match.group(1)))
    return terms


def parse_term_months(text: str) -> Optional[int]:
    """An instalment term in months (分6期, 六个月, 半年, 12期, 一年), or None — also when several are
    named (三个月六个月十二个月各要还多少: a comparison, not a choice) unless a change of mind says which
    (3期太多了 换成6期吧 → 6)."""
    tail = after_change_word(text)
    if tail != text and len(named_terms(tail)) == 1:
        return named_terms(tail)[0]
    if tail != text and named_terms(tail) and _NEW_ONE_FIRST.match(tail):
        # 那还是12期吧 3期压力太大: the one right after 还是, the other only why (it stayed on 3, h27a)
        return named_terms(tail)[0]
    terms = named_terms(text)
    if len(terms) > 1:  # 我要12期的 不是6期: the one not denied (it cancelled the plan)
        denied = set(named_terms("".join(m.group(0) for m in _DENIED_TERM.finditer(text))))
        terms = [t for t in terms if t not in denied]
    return terms[0] if len(terms) == 1 else None


_NEW_ONE_FIRST = re.compile(r"\s*[\d一二两三四五六七八九十]+\s*(?:期|个月)(?:的)?(?:吧|啊|呀|好了|算了)?[\s，,。.!！]")
_DENIED_TERM = re.compile(
    r"(?:不是|不要|而不是|别)\s*[\d一二两三四五六七八九十]+\s*(?:期|个月)|"
    # 3期太紧了 6期每个月多少: the one found too hard, then the one asked about (it stayed on 3, h30a)
    r"[\d一二两三四五六七八九十]+\s*(?:期|个月)(?:的)?(?:还是|也|实在|真的)?(?:太|有点|压力|不行|吃不消|扛不住|还不起|受不了)"
)


def parse_days(text: str) -> Optional[int]:
    """A number of days (7天, 十五天, 一周, 半个月, 一个月), or None; after a change of mind, the new
    one (一周不够 换成半个月的吧 → 15)."""
    tail = after_change_word(text)
    if tail != text:
        changed = _days_in(tail)
        if changed is not None:
            return changed
    return _days_in(text)


def _days_in(text: str) -> Optional[int]:
    plain = _plain(text)
    match = re.search(r"(\d+)\s*(?:天|日)", arabic_numerals(plain))
    if match:
        return int(match.group(1))
    if re.search(r"(?:一|1)\s*个?(?:星期|周|礼拜)", plain):
        return 7
    if re.search(r"(?:两|二|2)\s*个?(?:星期|周|礼拜)", plain):
        return 14
    if "半个月" in plain:
        return 15
    if re.search(r"(?:一|1)\s*个月", plain):
        return 30
    return None


def parse_date(text: str, today: date) -> Optional[date]:
    """A payment date relative to today (明天, 下周五, 月底, 15号, 三天后, 12月1日), or None."""
    plain = _REFERENCE.sub(" ", _plain(text))  # L2001 is a loan, not the year 2001
    nxt = add_months(today.replace(day=1), 1)
    end_of_month = re.search(r"月底|月末", plain)
    if end_of_month and re.match(
        r"(?:的|那个?)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[号日]", plain[end_of_month.end() :]
    ):
        # 月底28号发工资: the day named (it was the 30th)
        return parse_date(plain[end_of_month.end() :], today)
    if end_of_month:
        before = plain[: end_of_month.start()]
        if re.search(r"明天|后天|周|礼拜|星期|\d+\s*[号日]|[一二三四五六七八九十]+\s*[号日]", before):
            # 那一千块我下周五还 剩下两千多二月底还: the first day named is the promise's
            earlier = parse_date(before, today)
            if earlier is not None:
                return earlier
        named = re.search(r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:的)?(?:底|末)", arabic_numerals(plain))
        if named and not re.search(r"[下这本上]个?月", plain[: end_of_month.start()][-3:]):
            month = int(arabic_numerals(named.group(1))) if not named.group(1).isdigit() else int(named.group(1))
            if 1 <= month <= 12:  # 2月底: that month's end, this year's or next year's
                year = today.year if month >= today.month else today.year + 1
                return date(year, month, calendar.monthrange(year, month)[1])
        # 下个月底; but 这个月底还一千五 剩下的下个月 is this month's end (it was read as next month's)
        if re.search(r"下个?月(?:的)?(?:月底|月末|底)", plain):
            return nxt.replace(day=calendar.monthrange(nxt.year, nxt.month)[1])
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if re.search(r"月初", plain):  # 下个月初 / 月初 (said after the 1st: the next month's)
        return nxt if re.search(r"下个?月", plain) or today.day > 1 else today
    if re.search(r"月中|中旬", plain):  # 下个月中旬 / 月中: the 15th
        mid = today.replace(day=15)
        return nxt.replace(day=15) if re.search(r"下个?月", plain) or mid < today else mid
    arabic = arabic_numerals(plain)
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
    # (1月1号之前 / 元旦前: by that day, the day itself — jionlp reads no date in it)
    found = _jionlp_date(
        re.sub(r"([号日]|(?:周|礼拜|星期)[一二三四五六日天])(?:之前|以前|前)", r"\1", plain.replace("元旦", "1月1日")),
        today,
    )
    if found is not None and found < today - timedelta(days=183) and not _A_YEAR_SAID.search(plain):
        # 元旦 / 1月1号, said in November: the coming one (it was "这个日期已经过去了", h30a)
        return date(found.year + 1, found.month, min(found.day, calendar.monthrange(found.year + 1, found.month)[1]))
    if found is not None and today - timedelta(days=7) < found < today and _BARE_WEEKDAY.search(plain):
        # 周三还, said on a Friday: the coming Wednesday (it was two days ago)
        return found + timedelta(days=7)
    return found


_BARE_WEEKDAY = re.compile(r"^(?!.*(?:这|本|上|了|过|昨))(?:.*[^这本上下])?(?:周|礼拜|星期)[一二三四五六日天]")


_A_YEAR_SAID = re.compile(r"\d{2,4}\s*年|去年|今年|前年|明年|后年")


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


# Collection-conduct complaints ---------------------------------------------------------------------

_CATEGORY_WORDS = (
    (
        "impersonation",
        r"冒充|假装是|自称(是)?(律师|法院|法官|警察|公安|检察)|律师函|法院传票|公安局的|"
        r"(说|称)(他|她|自己|对方)?是[^，。]{0,8}(法院|法官|律师|警察|公安|检察|派出所)",
    ),
    (
        "threats",
        r"威胁|恐吓|吓唬|坐牢|抓你|抓我|起诉我|上门|找上门|曝光|弄死|后果自负|走着瞧|身败名裂|"
        # 说我全家死光 还要把我照片P成通缉令发到通讯录: a curse and a threat to publish (filed as third party)
        r"死光|死全家|全家死|不得好死|通缉令|[Pp]成|[Pp]图|爆(?:你|我)?(?:的)?通讯录|发(?:到|给)(?:你|我)?(?:的)?通讯录|"
        # 再不还就去我单位 / 要去你家里找你: a visit threatened
        r"(?:就|要|会)去[你我]?的?(?:单位|公司|家里|家|学校|老家)|"
        # 找人去你老家 把你家门口喷上欠债不还 / 说知道我孩子在哪个学校上学: threats, however told (filed as a
        # call at night, not urgent, h31b)
        r"(?:找|派|叫|带)(?:人|几个人|兄弟)(?:去|来|到)|喷(?:上|漆|字)|泼(?:油漆|漆|粪)|"
        r"知道[你我]?(?:的|家)?(?:孩子|小孩|女儿|儿子|家人|老婆|老公|爸妈|父母)(?:在|住|上学)|知道[你我](?:家)?住(?:在)?哪|"
        # a threat to tell others: 说要让我全家都知道 / 让你单位都知道
        r"让[你我]?(全家|家人|家里|亲戚|朋友|同事|单位|公司|所有人|身边的人)[^，。]{0,4}知道|(全家|所有人)都知道",
    ),
    (
        "third_party",
        # (上班时间一直打领导都看见了: the boss saw, not called — filed as disclosure, h32b)
        # (打给我哥说我欠钱不还: a brother — it was filed as calls too many, normal urgency, h36a)
        r"(打|联系|找|告诉|发)[^，。]{0,6}(家人|家里|我妈|我爸|父母|老婆|老公|爱人|对象|同事|领导|老板|上司|主管|单位|公司|朋友|亲戚|"
        # (not 儿子 / 女儿: 别老打我电话找我儿子了，我是他爸 is the parent, asking to be left alone)
        r"我哥|我姐|我弟|我妹|哥哥|姐姐|弟弟|妹妹|兄弟|姐妹|邻居|通讯录|紧急联系人)"
        r"(?![^，。]{0,2}(?:看见|看到|听见|在旁边|在边上))|"
        # 你们的人跟我老公说我欠钱不还: told to someone
        r"(跟|和|对|给)[^，。]{0,3}(家人|家里人|我妈|我爸|父母|老婆|老公|爱人|同事|领导|老板|上司|朋友|亲戚|我哥|我姐|我弟|我妹|"
        r"哥哥|姐姐|弟弟|妹妹|儿子|女儿|邻居)[^，。]{0,3}(说|讲|透露)",
    ),
    # (Cantonese: 闹我 / 讲粗口 / 问候我老母 — it was filed as a call at night only, h25a)
    (
        "abusive_language",
        r"骂|侮辱|辱骂|脏话|难听|羞辱|人身攻击|态度(很|特别|非常)?(差|恶劣)|闹我|闹人|粗口|爆粗|问候[^，。]{0,2}(老母|老妈|全家)|讲我老母",
    ),
    (
        "excessive_frequency",
        # (一天打五六个电话 / 一天给我打了五六个 / 打太多了: the category was asked again, h35a/h35b)
        r"一天(给我)?打(了)?(好多|十|几十|\d+|[三四五六七八九]|[三四五六七八九][四五六七八九]个)|"
        r"一天[^，。？?]{0,6}[三四五六七八九十\d]+个电话|频繁|不停(地)?打|轰炸|每天(都)?打|打爆|连续打|十几个|几十个|"
        r"打(得|的)?(太多|太勤|太频繁)|电话太多|次数太多",
    ),
    (
        "outside_hours",
        r"半夜|凌晨|深夜|晚上(快|差不多|将近|都)?(十|10|11|十一)点|夜里|(22|23|十一|十)点(多|半)?(以后|之后)?|大清早|早上(六|七|6|7)点|休息时间",
    ),
)
_HEDGE = r"(?:应该|好像|估计|大概|我觉得|应该是|可能)?"
_SKIP = re.compile(
    r"^\s*(不知道|不清楚|不太清楚|不记得|不太记得|忘了|记不清|跳过|没注意|不确定|算了|算了吧?不说了)"
    # 不知道 应该没有吧: not known — said as such (it was stored word for word as who else was called, h30b)
    rf"(?:[\s,，]*{_HEDGE}(?:没有|没)(?:吧|啊|呢|的)?)?"
    # 不清楚 怕他发给我朋友圈的人: not known, and a fear (the friends were stored as contacted, h31b)
    r"(?:[\s,，]*(?:就是|但是|不过)?(?:怕|担心|害怕)[^。？?]{0,24})?\s*[。.!！]?\s*$"
)
_NOBODY = re.compile(
    rf"^\s*{_HEDGE}(没有|没|无|没有别人|就我|只有我|只打给我|冇|冇人|冇其他人|冇别人|只打俾我|就打俾我|净系打俾我)(?:吧|啊|呢|的)?"
    r"(?:[\s,，]*(?:就|只|净系)?(?:打俾我|打给我|找我))?\s*[。.!！]?\s*$"
)


def complaint_category(text: str) -> Optional[str]:
    """The PRODUCT_TERMS complaint category a description falls under first, or None."""
    plain = _plain(text)
    for category, pattern in _CATEGORY_WORDS:
        if re.search(pattern, plain):
            return category
    return None


def is_skip(text: str) -> bool:
    """The borrower does not know or does not want to say."""
    return bool(_SKIP.match(_plain(text)))


def is_nobody(text: str) -> bool:
    return bool(_NOBODY.match(_plain(text)))


_CALLER = re.compile(rf"(?<!\d)({MOBILE}|0\d{{2,3}}-?\d{{7,8}}|400-?\d{{3}}-?\d{{4}}|95\d{{3,6}})(?!\d)")
_PARTIAL_NUMBER = re.compile(r"(?<!\d)(\d{2,4})\s*开头|尾号\s*(\d{3,4})|(?<!\d)(\d[\d-]{2,})[xX*＊]+")
_AGENT = re.compile(r"(?:工号|编号)?\s*(?<![A-Za-z])([A-Za-z]{1,3}-?\d{2,5})(?![A-Za-z\d])|工号\s*(\d{2,6})")
# 微信号叫cuishou888: a WeChat account that contacted them (its tail was taken as an agent id, h31b)
_WECHAT_ID = re.compile(r"(?:微信号?|vx|VX|wx)(?:是|叫|为|：|:)?\s*([A-Za-z][-_A-Za-z0-9]{5,19})")


# 我手机号13500135005 / 我的电话是138****8001: the writer's own number (h30b: stored as the caller's)
_THEIR_OWN_NUMBER = re.compile(
    r"我(?:的)?(?:手机|电话|号码|手机号|电话号|注册的?)(?:号码?)?(?:是|为|：|:)?\s*$|本人(?:手机|电话)?(?:号码?)?(?:是|：|:)?\s*$"
)
_THEIR_OWN_ID = re.compile(r"我(?:是|的)?$|本人$|(?:账号|账户|用户|客户|编号是我)(?:是|：|:)?$")


# 我一个月退休金两千出头 一个月还一百五行不行: the income said is not what can be paid (it quoted 2000 a month)
_INCOME = re.compile(
    r"(?:退休金|养老金|工资|月薪|薪水|收入|低保|补贴|每个?月(?:才|就|只)?(?:能)?(?:挣|赚)|一个月(?:才|就|只)?(?:能)?(?:挣|赚))"
    r"(?:才|就|只有|也就|一共|总共)?[^，,。；;还]{0,4}?[\d一二三四五六七八九十两百千万]+(?:\.\d+)?\s*(?:块|元)?(?:钱)?(?:出头|多|左右|来块)?|"
    # 两千是我退休金
    r"[\d一二三四五六七八九十两百千万]+(?:\.\d+)?\s*(?:块|元)?(?:钱)?(?:出头|多|左右)?(?:是|就是)(?:我的?)?(?:退休金|养老金|工资|月薪|收入|低保)"
)


def budget_amount(text: str) -> Optional[Decimal]:
    """What the borrower can pay, not what they earn (退休金两千出头 一个月还一百五: 150), or None."""
    rest = _INCOME.sub("，", text or "")
    return parse_amount(rest) if rest != (text or "") else parse_amount(text)


_PER_MONTH = re.compile(r"每个?月|一个月|月供|每期|月还|月均")


def monthly_budget(text: str) -> Optional[Decimal]:
    """What the borrower can pay each month, by the last "每个月" said (600有点悬，每个月500还差不多: 500,
    not the 600 withdrawn), else budget_amount of the whole."""
    found = list(_PER_MONTH.finditer(text or ""))
    if found:
        after = budget_amount(text[found[-1].start() :])
        if after is not None:
            return after
    return budget_amount(text)


def caller_of(text: str) -> Optional[str]:
    """A calling number or an agent id (C-215, 工号215) in the text, or None."""
    plain = _plain(text)
    for number in _CALLER.finditer(plain):
        if not _THEIR_OWN_NUMBER.search(plain[max(0, number.start() - 8) : number.start()]):
            return number.group(1)
    wechat = _WECHAT_ID.search(plain)
    if wechat:
        return f"微信号 {wechat.group(1)}"
    for agent in _AGENT.finditer(plain):
        if agent.group(1) and _THEIR_OWN_ID.search(plain[max(0, agent.start() - 4) : agent.start()]):
            continue  # 我是B004本人 / 我B001的: the borrower's own id (stored as the caller's)
        return (agent.group(1) or agent.group(2)).upper()
    part = next(  # 好像是95开头的号码 / 尾号3721: what they remember of it
        (
            p
            for p in _PARTIAL_NUMBER.finditer(plain)
            if not _THEIR_OWN_NUMBER.search(plain[max(0, p.start() - 8) : p.start()])
        ),
        None,
    )
    if part:
        if part.group(2):
            return f"尾号{part.group(2)}的号码"
        return f"{part.group(1) or part.group(3)}开头的号码"
    if _LANDLINE.search(plain):  # 没记 是个座机: a landline, number unknown (it got "我是还款助手…不是真人", h35a)
        return "座机（号码不详）"
    return None


_LANDLINE = re.compile(r"座机|固话|固定电话|办公电话")
_WHEN_WORDS = re.compile(
    # (这周天天这样: every day this week, not "这周天", h31b; 就这两三天吧: these days — "no time in it")
    r"(今天|昨天|昨晚|前天|前晚|刚才|刚刚|前几天|这两天|这几天|这两三天|最近几天|近几天|这些天|上个?月|"
    r"(?:上个?|这个?|本)(?:周|礼拜|星期)(?:[一二三四五六日]|天(?!天))?|最近|早上|上午|中午|"
    r"下午|晚上|半夜|凌晨|\d+\s*[月号日点]|[一二三四五六七八九十两]+\s*[月号日点]|(?:周|礼拜|星期)[一二三四五六日天])"
)


_CORRECTED = re.compile(r"不对[，,。\s]*(?:是|应该是)?|说错了[，,。\s]*(?:是)?|哦不[，,\s]*|应该是")


def when_of(text: str, today: date) -> Optional[str]:
    """When it happened, as written plus the date it means (2026-11-19 昨晚十点多), or None."""
    # 上礼拜一天给我打了五六个电话: one day of last week, not its Monday (stored as 11-09 上礼拜一, h36b)
    plain = re.sub(r"((?:上|这|本)?个?(?:周|礼拜|星期))一天(?!天)", r"\1某一天", _plain(text))
    corrected = _CORRECTED.split(plain)
    if len(corrected) > 1 and _WHEN_WORDS.search(corrected[-1]):
        plain = corrected[-1]  # 前天下午，不对，是昨天下午三点左右: the time said last (both were kept, the first used)
    denied = re.search(r"不是[^，,。\s]{1,8}[，,。\s]+", plain)
    if denied and _WHEN_WORDS.search(denied.group(0)) and _WHEN_WORDS.search(plain[denied.end() :]):
        plain = plain[denied.end() :]  # 不是1号，我爸说是11月2号上午接的: the day said instead (h29a: "1号11月2号")
    if not _WHEN_WORDS.search(plain):
        return None
    relative = {"前晚": 2, "前天": 2, "昨晚": 1, "昨天": 1, "今天": 0, "刚才": 0, "刚刚": 0}
    day = next((today - timedelta(days=n) for word, n in relative.items() if word in plain), None)
    bare = re.search(r"(?<![月\d])(\d{1,2})\s*[号日]", arabic_numerals(plain))
    if day is None and bare and not re.search(r"\d+\s*月", arabic_numerals(plain)):
        wanted = int(bare.group(1))
        month_start = today.replace(day=1) if wanted <= today.day else add_months(today.replace(day=1), -1)
        if re.search(r"上个?月", plain):  # 上个月12号晚上十点: last month's (it was this month's 12th, h32b)
            month_start = add_months(today.replace(day=1), -1)
        if wanted <= calendar.monthrange(month_start.year, month_start.month)[1]:
            day = month_start.replace(day=wanted)
    if day is None and re.search(r"[号日月]|(?:周|礼拜|星期)[一二三四五六日天]", plain):
        parsed = parse_date(plain, today)
        if parsed is not None and parsed > today:  # a past event: "18号" means this month's 18th
            parsed = None
        day = parsed
    # the words of the first time said, not every time word in the story (昨天晚上十点…今天我同事说 was
    # "昨天晚上十点今天", h33b)
    phrase, end = [], None
    for found in _WHEN_WORDS.finditer(plain):
        if end is not None and found.start() - end > 3:
            break
        phrase.append(found.group(0))
        end = found.end()
    words = "".join(phrase)[:24]
    return f"{day.isoformat()} {words}".strip() if day else words


_FAMILY = re.compile(
    r"(家人|家里人?|邻居|街坊|房东|我爸妈|爸妈|我妈|妈妈|母亲|我爸|爸爸|父亲|父母|老婆|老公|爱人|配偶|同事|领导|老板|上司|单位|公司|朋友|亲戚|"
    # (还打给我哥说我欠钱不还: 我哥 — the ticket said nobody else was contacted, h36a)
    r"哥哥|姐姐|弟弟|妹妹|我哥|我姐|我弟|我妹|儿子|女儿|通讯录|紧急联系人|"
    # (周杰跟我说他也接到了: 周杰, not "我说他", h33b)
    r"(?:(?![我他她说跟和就也都])[\u4e00-\u9fa5]){2,3}(?=也被|也接到))"
)


# 他说要去我单位找我领导 / 扬言要给我家人打电话: a person only threatened with contact (it was kept as
# contacted), unless the words say they were reached too.
_THREATENED_BEFORE = re.compile(
    r"(?:说要|说会|扬言|威胁(?:说|我)?要?|要去|会去|准备|还要|就要|再不还钱?就?要?|要上门|上门|派人(?:去|来|到)?|怕|担心|害怕)"
    # (还说要把我欠钱的事发给我通讯录所有人: threatened — it was kept as contacted, h36a)
    r"[^，。？?！!,]{0,10}$"
)


def _threatened(plain: str, match: "re.Match") -> bool:
    return bool(_THREATENED_BEFORE.search(plain[max(0, match.start() - 16) : match.start()])) and not (
        _CONTACTED_AFTER.search(plain[match.end() : match.end() + 12])
    )


def others_of(text: str) -> Optional[str]:
    """Who else was contacted, in the borrower's words, or None; a person only threatened with contact
    is said so (没有，但对方扬言要联系单位、领导)."""
    plain = _plain(text)
    matches = list(_FAMILY.finditer(plain))
    if not matches:
        return None
    reached = [m.group(1) for m in matches if not _threatened(plain, m)]
    if reached:
        return "、".join(dict.fromkeys(reached))
    return "没有，但对方扬言要联系" + "、".join(dict.fromkeys(m.group(1) for m in matches))


# Who else was contacted, in a story: a person named beside a contact (他们打电话到我公司 / 我同事都接到
# 了), not any mention (我在公司上班的时候他们打电话骂我 named 公司 as contacted).
_CONTACTED_BEFORE = re.compile(
    r"(?:打给|打到|打去|打电话到|打电话给|电话打到|给|联系(?:了)?|找(?:到|了)?|骚扰|通知|告诉|发给|发到|爆|问|连)"
    r"[^，。？?！!,]{0,3}$"
)
_CONTACTED_AFTER = re.compile(
    r"^[^，。？?！!,]{0,8}(?:接到|收到|被|那里|那边|那儿|知道|说你们|说有人|说催收|打电话问我)|"
    # 跟邻居讲我欠钱不还: told about the debt (h29b)
    r"^[^，。？?！!,]{0,2}(?:讲|说|透露)(?:了)?我(?:欠|借|不还|是老赖|赖账)"
)
_ALWAYS_CONTACTED = ("通讯录", "紧急联系人")


def others_contacted(text: str) -> Optional[str]:
    """Who else a story says was contacted, in the borrower's words, or None (see others_of for the
    answer to the question itself, where any person named is the answer)."""
    plain = _plain(text)
    found = [
        m.group(1)
        for m in _FAMILY.finditer(plain)
        if not _threatened(plain, m)
        and (
            m.group(1) in _ALWAYS_CONTACTED
            or _CONTACTED_BEFORE.search(plain[max(0, m.start() - 8) : m.start()])
            or _CONTACTED_AFTER.search(plain[m.end() : m.end() + 12])
        )
    ]
    return "、".join(dict.fromkeys(found)) if found else None


_MONTH_NAMED = re.compile(r"(这个月|本月|这月|下个月|下月)|(\d{1,2})\s*月份?(?![\d号日底初中末])")


def month_named(text: str, today: date) -> Optional[Tuple[int, int]]:
    """12月份一共要还多少 / 下个月要还多少: the (year, month) meant — the next such month from today."""
    match = _MONTH_NAMED.search(arabic_numerals(_plain(text)))
    if match is None:
        return None
    if match.group(1):
        ahead = 1 if match.group(1).startswith("下") else 0
        month = (today.month - 1 + ahead) % 12 + 1
        return (today.year + (today.month - 1 + ahead) // 12, month)
    month = int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return (today.year if month >= today.month else today.year + 1, month)


# 你们上周给我打了几次电话 / 11月9号到15号之间打了几个: the days a question about contact counts names.
_PERIOD_SPAN = re.compile(
    r"(\d{1,2})\s*月\s*(\d{1,2})\s*[号日]?\s*(?:到|至|-|~|—)\s*(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*[号日]?"
)


def period_asked(text: str, today: date) -> Optional[Tuple[str, date, date]]:
    """(what the words call it, first day, last day) of a period the text names, or None: 今天 / 昨天 /
    这周 / 上周 / 这个月 / 上个月 / 最近一周 / 最近一个月 / 11月9号到15号."""
    plain = arabic_numerals(_plain(text))
    span = _PERIOD_SPAN.search(plain)
    if span:
        first_month, first_day = int(span.group(1)), int(span.group(2))
        last_month, last_day = int(span.group(3) or first_month), int(span.group(4))
        try:
            start = date(today.year, first_month, first_day)
            end = date(today.year, last_month, last_day)
        except ValueError:
            return None
        if start > today:  # 12月20号到25号, said in January: last year's
            start, end = start.replace(year=today.year - 1), end.replace(year=today.year - 1)
        return (f"{start.month}月{start.day}日到{end.month}月{end.day}日", start, end) if start <= end else None
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)
    named = (
        (r"今天", ("今天", today, today)),
        (r"昨天", ("昨天", today - timedelta(days=1), today - timedelta(days=1))),
        (r"上(?:个)?(?:周|星期|礼拜)", ("上周", monday - timedelta(days=7), monday - timedelta(days=1))),
        (r"(?:这|本)(?:个)?(?:周|星期|礼拜)", ("这周", monday, today)),
        # (上上个月那笔: the month before last, not last month — talked to, 2026-12-07)
        (
            r"上上(?:个)?月",
            ("上上个月", add_months(first_of_month, -2), add_months(first_of_month, -1) - timedelta(days=1)),
        ),
        (r"上(?:个)?月", ("上个月", last_month_end.replace(day=1), last_month_end)),
        (r"(?:这|本)(?:个)?月", ("这个月", first_of_month, today)),
        (
            r"(?:最近|近|这)(?:一|1)?(?:周|个星期|礼拜)|(?:最近|近)(?:七|7)天",
            ("最近一周", today - timedelta(days=6), today),
        ),
        (r"(?:最近|近)(?:一|1)?个月|(?:最近|近)(?:三十|30)天", ("最近一个月", today - timedelta(days=29), today)),
    )
    for pattern, found in named:
        if re.search(pattern, plain):
            return found
    return None


# 10月份还了多少 / 9月还的钱: a month named in a question about what was paid — the last such month.
_PAST_MONTH = re.compile(r"(?<![\d.])(\d{1,2})\s*月份?(?!\s*\d{1,2}\s*[号日])(?![底初中])")
# 可我10月15号是按时还的: the month of a day said counts too, where a month is what is looked up.
_PAST_MONTH_OR_DAY = re.compile(r"(?<![\d.])(\d{1,2})\s*月份?(?![底初中])")


def payments_period(text: str, today: date, days_name_the_month: bool = False) -> Optional[Tuple[str, date, date]]:
    """The period a question about what was paid names, as period_asked reads it, or a month by its
    number — the last one by today (10月份还了多少, asked in November: this October); with
    days_name_the_month, 10月15号 names October too."""
    found = period_asked(text, today)
    if found is not None:
        return found
    named = (_PAST_MONTH_OR_DAY if days_name_the_month else _PAST_MONTH).search(arabic_numerals(_plain(text)))
    if named is None or not 1 <= int(named.group(1)) <= 12:
        return None
    month = int(named.group(1))
    year = today.year if month <= today.month else today.year - 1
    first = date(year, month, 1)
    last = (
        (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        if month != today.month or year != today.year
        else today
    )
    return (f"{year}年{month}月" if year != today.year else f"{month}月", first, last)


# 今天先还800 剩下的月底30号还清 / 俺今天先还800 剩下的30号还: part now, the rest by a day — the promise is
# everything by that day (it was stored as 800 by the 30th), today's part counted in it.
_PART_NOW_REST_LATER = re.compile(
    r"(?:今天|今日|现在|马上|先|"
    # 25号能还2000，30号再还剩下的: a day of its own, then what can be paid on it (h36b: a part payment's answer)
    r"\d{1,2}\s*[号日](?:能|可以|就|只能)?|(?:周|礼拜|星期)[一二三四五六日天](?:能|可以|就|只能)?)"
    r"[^，,。？?]{0,6}还\s*(?P<part>一半|[\d一二两三四五六七八九十百千万.]+)\s*(?:块|元)?[^。？?]{0,16}剩(?:下|余)"
)


def part_now_rest_later(text: str) -> Optional[Decimal]:
    """The part paid now, when the words promise the rest by a later day (今天先还800 剩下的30号还清) —
    not a first part on a later day (下周五先还2000 剩下的月底: "今天先还的 2000 算在里面", h26a)."""
    plain = _plain(text)
    found = _PART_NOW_REST_LATER.search(plain)
    if not found:
        return None
    lead = plain[max(0, found.start() - 12) : found.start() + 4]
    if not re.match(r"今天|今日|现在|马上", plain[found.start() :]) and _A_LATER_DAY_SAID.search(lead):
        return None
    return parse_amount(found.group("part"))


def part_first_rest_later(text: str, today: date) -> Optional[Tuple[Optional[Decimal], date, date]]:
    """这周五先还400 剩下的月底还清: (the part, the day it is paid, the day everything is) — the promise
    is everything by the later day (it was everything by the Friday: 还清 read as the whole amount, on
    the first day said); the part is None for 一半 (这周日还一半，12月3号把剩下的还清). None when the rest
    has no day of its own, or it is not after the first."""
    plain = _plain(text)

    def a_part(match) -> bool:
        return bool(parse_amount(match.group("part"))) or match.group("part") == "一半"

    # (欠的钱我想先还一部分，下周五先还三千，剩下的月底还清: the part said nearest the rest — 一部分 is no figure)
    found = next((m for m in reversed(list(_PART_NOW_REST_LATER.finditer(plain))) if a_part(m)), None)
    if found is None:
        later = [m.start() for m in re.finditer(r"(?:今天|今日|现在|马上|先)[^，,。？?]{0,6}还", plain)]
        found = next(
            (m for start in reversed(later) for m in [_PART_NOW_REST_LATER.match(plain, start)] if m and a_part(m)),
            None,
        )
    if not found:
        return None
    part = parse_amount(found.group("part"))
    # (the rest's day after 剩下, or between the part and it: 25号先还800，30号把剩下的全部还了 — h32a)
    rest_day = parse_date(plain[found.end() :], today) or parse_date(plain[found.end("part") :], today)
    first_day = parse_date(plain[: found.start("part")], today) or today
    if (part is None and found.group("part") != "一半") or rest_day is None or not first_day < rest_day:
        return None
    return part, first_day, rest_day


_A_LATER_DAY_SAID = re.compile(
    r"明天|后天|下周|下个?月|下礼拜|下星期|周[一二三四五六日天]|礼拜|星期|月底|月初|\d+\s*[号日]|[一二三四五六七八九十]+\s*[号日]"
)


# 那为啥30号还要还573 我不是还了300了吗: the amount said to be paid is the one by 还了 (it read 573).
_SAID_PAID = re.compile(
    # (晚还了一两天: days, not 12 yuan — "您说还了 12.00 元", h36b)
    r"(?:还了|已还|还过|转了|扣了|付了|交了)\s*(?P<a>[\d一二两三四五六七八九十百千万.]+)(?![\d一二两三四五六七八九十百千万.]|\s*(?:天|期|个月|月|号|日|次|年|周))\s*(?:块|元)?|"
    r"(?P<b>[\d一二两三四五六七八九十百千万.]+)\s*(?:块|元)?(?:钱)?(?:都|已经|早就)?(?:还了|还过|扣了|转了)"
)


def amount_said_paid(text: str) -> Optional[Decimal]:
    """The amount the words say was paid (我16号都还了300块了 → 300), else the amount named."""
    found = _SAID_PAID.search(_plain(text))
    if found:
        said = parse_amount(found.group("a") or found.group("b"))
        if said is not None:
            return said
    return parse_amount(text)


# 6000块那笔 / 借了三千的那个: a loan named by what was borrowed (not 3000那笔先不动: left alone)
_BY_PRINCIPAL = re.compile(
    r"(?P<a>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?:块钱|块|元)?(?:的)?\s*(?:那笔|那一笔|那个贷款|那个借款|那个)"
    r"(?P<after>[^，,。？?]{0,4})"
)
_LEFT_ALONE = re.compile(r"先不|不动|不用|不要|不结|别动|不管")


def loans_named_by_principal(text: str, loans) -> List[str]:
    """The ids of the loans the words name by the amount borrowed (我只想把6000块那笔提前结清，3000那笔先不动
    → the 6000 one; it listed both, h30a), in the order named."""
    named = []
    for m in _BY_PRINCIPAL.finditer(_plain(text)):
        if _LEFT_ALONE.search(m.group("after")):
            continue
        amount = parse_amount(m.group("a"))
        named += [loan.id for loan in loans if amount is not None and loan.principal == amount and loan.id not in named]
    return named
