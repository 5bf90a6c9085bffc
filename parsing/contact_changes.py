"""What a borrower asks to change about how we contact them, in their words: withdraw an emergency
contact (by name or relation: 别打我妈), preferred hours (下午2点到6点, 晚上, 8点以后) or a channel
(只发短信). No Rasa import."""

import json
import re
from dataclasses import asdict, dataclass
from typing import ClassVar, List, Optional, Text, Union

from parsing.script import to_simplified
from parsing.values import arabic_numerals

RELATION_WORDS = {
    "父亲": r"我爸|爸爸|父亲|老爸|我爹|老汉儿|我老汉|老爷子",  # (老汉儿: Sichuan's father, h35a)
    "母亲": r"我妈|妈妈|母亲|老妈|我娘",
    "配偶": r"老婆|老公|爱人|配偶|媳妇|丈夫|妻子",
    "姐妹": r"(?<![表堂])(?:姐姐|妹妹)|姐妹|我姐|我妹",
    "兄弟": r"(?<![表堂])(?:哥哥|弟弟)|兄弟|我哥|我弟",
    "公婆或岳父母": r"婆婆|公公|岳父|岳母|丈母娘|老丈人|婆家|娘家",
    # 我表姐说你们打电话到她单位了: a cousin (单位 is where she was called, not a colleague of the borrower)
    **{cousin: cousin for cousin in ("表姐", "表妹", "表哥", "表弟", "堂姐", "堂妹", "堂哥", "堂弟")},
    "同事": r"同事|领导|单位|公司",  # last: a person named comes before the place they were called at
}
CHANNEL_WORDS = (
    ("sms", r"短信"),
    ("email", r"邮件|邮箱|email|e-mail|电邮"),
    # (改成打电话行吧: calls — only the hours were kept, h33b)
    ("call", r"只打电话|电话联系|打电话(?:就)?(?:行|可以)|^(?:打)?电话(?:吧|就行)?"),
)
# 只发邮件 电话短信都不要 / 只要邮件 不要短信: the one channel said with 只 decides (it stored SMS only)
_ONLY_CHANNEL = (
    # (只给我发邮件 别打电话别发短信: "only" said with whom — it was lost beside the two refused, h25b)
    ("email", r"只(?:能|准|许)?(?:给我|跟我|和我|对我)?(?:发|用|要|通过|走|接受|收)?(?:邮件|邮箱|email|e-mail|电邮)"),
    ("sms", r"只(?:能|准|许)?(?:给我|跟我|和我|对我)?(?:发|用|要|通过|走|接受|收)?短信"),
    ("call", r"只(?:能|准|许)?(?:给我|跟我|和我)?(?:打|用|要|通过|接)?电话"),
)
PERIODS = {
    "上午": ("08:00", "12:00"),
    "中午": ("12:00", "14:00"),
    "下午": ("14:00", "18:00"),
    "晚上": ("18:00", "21:00"),
    "傍晚": ("17:00", "21:00"),
}


# Contact happens 08:00–21:00 only, so a bare 1–7 o'clock in a request about contact hours is the
# afternoon or evening (7点以后 = 19:00 on), unless the words say morning.
MORNING = re.compile(r"早上|早晨|上午|凌晨|清早|一早")


def _minutes(said: Optional[str]) -> int:
    """半 → 30, 30 → 30, nothing → 0."""
    if not said:
        return 0
    return 30 if said == "半" else min(int(said), 59)


def _afternoon_if_early(hour: int, plain: Text) -> int:
    return hour + 12 if 1 <= hour < 8 and not MORNING.search(plain) else hour


# What the asker is to the borrower when they name the borrower from their side (我儿子借了钱: a parent).
_SEEN_FROM_THE_ASKER = {"子女": "父母", "父亲": "子女", "母亲": "子女", "兄弟": "兄弟姐妹", "姐妹": "兄弟姐妹"}


def relation_in(text: Text) -> Optional[str]:
    """Who the words say the person is to the borrower (老婆 → 配偶, 同事 …), if they say; the
    borrower named from the asker's side (我儿子在你们这借了钱) makes the asker a parent."""
    text = to_simplified(text or "")  # 別打給我媽: either script
    said = re.search(r"我(?:就|只)?是(?:他|她|借款人|欠款人|这个人)的?", text)
    if said:  # 我是借款人的女儿 我爸在你们这借了钱: what follows 我是…的 (not 我爸, read as a father)
        for relation, pattern in THIRD_PARTY_WORDS.items():
            if re.match(rf"(?:{pattern})", text[said.end() : said.end() + 4]):
                return relation
    if not said:
        for relation, pattern in THIRD_PARTY_WORDS.items():
            mine = re.search(rf"我(?:的|家|家的)?(?:{pattern})", text)
            if mine and relation in _SEEN_FROM_THE_ASKER:
                return _SEEN_FROM_THE_ASKER[relation]
            if mine:
                return relation  # 我老公 / 我同事 / 我朋友: the same both ways
    for relation, pattern in THIRD_PARTY_WORDS.items():
        if re.search(pattern, text or ""):
            return relation
    return None


THIRD_PARTY_WORDS = {
    # first: 表哥 is not a brother, 舅妈 not a mother
    "亲戚": r"表哥|表姐|表弟|表妹|堂哥|堂姐|堂弟|堂妹|舅|姑|叔|姨|亲戚",
    "配偶": r"老婆|老公|爱人|配偶|媳妇|丈夫|妻子|对象",
    "父亲": r"爸|父亲|我爹",
    "母亲": r"妈|母亲|我娘",
    "子女": r"儿子|女儿|孩子",
    "兄弟": r"哥|弟",
    "姐妹": r"姐|妹",
    "同事": r"同事|领导|单位|公司|老板",
    "朋友": r"朋友|同学|室友",
}


_BACK_TO_DEFAULT = re.compile(
    r"(?:恢复|改回|回到|换回|调回|设回)(?:成|到|为)?(?:默认|原来|之前|以前|原先)[^，。？?]{0,4}(?:时间|时段)|"
    r"(?:时间|时段)[^，。？?]{0,6}(?:恢复|改回|换回|调回)(?:成|到|为)?(?:默认|原来|之前|原先)?|"
    r"(?:时间|时段)(?:不限|不用限制|随便|都行|都可以)|不限(?:制)?(?:联系)?(?:时间|时段)"
)


# 下午2点到6点 / 19:00-20:00 / 12点到1点半: a span of hours (the minutes kept)
_SPAN = re.compile(
    r"(\d{1,2})\s*[点:：]\s*(\d{2}|半)?\s*分?\s*(?:到|至|-|~|—)\s*(?:下午|晚上)?\s*(\d{1,2})\s*(?:[点:：]\s*(\d{2}|半)?)?"
)


def names_a_span_of_hours(text: Text) -> bool:
    """改成晚上九点半到十点半 / 19:00-20:00: from one hour to another, as hours_in reads it."""
    return bool(_SPAN.search(arabic_numerals(re.sub(r"两(?=\s*[点:：])", "2", to_simplified(text or "")))))


def hours_in(text: Text) -> Optional[tuple]:
    text = to_simplified(text or "")  # 別打給我媽: either script
    if _BACK_TO_DEFAULT.search(text):  # 联系时间改回默认 / 恢复原来的时段: the whole window again
        return "08:00", "21:00"
    text = re.sub(
        r"早(?=\s*[\d一二三四五六七八九十两])", "早上", re.sub(r"晚(?=\s*[\d一二三四五六七八九十两])", "晚上", text)
    )
    plain = arabic_numerals(re.sub(r"两(?=\s*[点:：])", "2", text))  # 两点 is 2 o'clock
    plain = re.sub(r"(?:不是|不要|别在?)(?:早上|上午|早晨)", "", plain)  # 不是上午！！是晚上10点到11点: not the morning
    # 你刚才说今天下午要打我爸电话？？ / 她一晚上没睡着: when something happened, not hours wanted (it
    # proposed 14:00–18:00 and 18:00–21:00)
    plain = re.sub(
        r"(?:今天|明天|昨天|前天|后天|今|昨|明)(?:天)?(?:早上|上午|中午|下午|晚上|傍晚)|[一整1]晚上?|整夜", "", plain
    )
    span = _SPAN.search(plain)
    if span:
        start, end = int(span.group(1)), int(span.group(3))
        # 12点到1点半 / 12:00-13:30: the minutes kept (the half hour was dropped, h26a)
        start_min, end_min = _minutes(span.group(2)), _minutes(span.group(4))
        if start < 8 and end <= 9 and start < end and not MORNING.search(plain):
            # 还是6点到9点吧: 18:00–21:00 — 6 o'clock in the morning is outside the window (it stored 08:00–09:00)
            start, end = start + 12, end + 12
        elif ("下午" in plain or "晚上" in plain) and end <= 12:
            end += 12  # 晚上十点到十二点: 22:00–24:00 (outside the window, and said so)
            if start < 8 or ("晚上" in plain and start < 12 and not MORNING.search(plain)):
                start += 12
        elif end < 8:  # 1点到5点: the afternoon
            start, end = _afternoon_if_early(start, plain), _afternoon_if_early(end, plain)
        said = f"{start:02d}:{start_min:02d}", f"{end:02d}:{end_min:02d}"
        if _span_refused(plain, span):
            # 中午12点到2点别打 / 别在6点到8点打: those hours NOT wanted (it stored 12:00–14:00, the very hours
            # refused) — the rest of the window when it is one span, else asked, not guessed
            if said[0] <= "08:00" < said[1]:
                return said[1], "21:00"
            if said[0] < "21:00" <= said[1]:
                return "08:00", said[0]
            return None
        return said
    evening = "下午" in plain or "晚上" in plain or "傍晚" in plain
    # (晚上六点半以后: 18:30, the half hour kept — it was 18:00)
    after = re.search(r"(\d{1,2})\s*点\s*(半|\d{2})?\s*分?\s*(?:以后|之后|后)", plain)
    before = re.search(r"(\d{1,2})\s*点\s*(半|\d{2})?\s*分?\s*(?:以前|之前|前)", plain)

    # 晚上七点以后别联系我 / 中午12点前别打: the hours NOT wanted — the rest of the window is.
    def refused(found) -> bool:  # 7点以后别打 / 别在晚上9点以后打
        after_it = re.match(r"[^，,。；;]{0,4}?(?:别|不要|不准|不许|不能|勿)", plain[found.end() :])
        before_it = re.search(r"(?:别|不要|不准|不许|不能|勿)[^，,。；;]{0,4}$", plain[: found.start()])
        return bool(after_it or before_it)

    afters = list(re.finditer(r"(\d{1,2})\s*点\s*(半|\d{2})?\s*分?\s*(?:以后|之后|后)", plain))
    if len(afters) >= 2 and any(map(refused, afters)) and not all(map(refused, afters)):
        # 晚上八点以后别打了 早上九点以后再打: the end refused and the start wanted, both (the start was
        # dropped: 08:00–20:00, h32b)
        def hour(found) -> str:
            said = int(found.group(1))
            lead = plain[max(0, found.start() - 3) : found.start()]
            if re.search(r"晚上|下午|傍晚", lead) and said < 12:
                said += 12
            return f"{said:02d}:{_minutes(found.group(2)):02d}"

        end = min(hour(f) for f in afters if refused(f))
        start = max(hour(f) for f in afters if not refused(f))
        if start < end:
            return start, end
    if after:
        start = _afternoon_if_early(int(after.group(1)) + (12 if evening and int(after.group(1)) < 12 else 0), plain)
        at = f"{start:02d}:{_minutes(after.group(2)):02d}"
        return ("08:00", at) if refused(after) else (at, "21:00")
    if before:
        end = _afternoon_if_early(int(before.group(1)) + (12 if evening and int(before.group(1)) < 12 else 0), plain)
        at = f"{end:02d}:{_minutes(before.group(2)):02d}"
        return (at, "21:00") if refused(before) else ("08:00", at)
    at = re.search(r"(\d{1,2})\s*点", plain)
    if at and evening and int(at.group(1)) < 9:  # 不对 晚上八点: from 20:00 (it became 18:00, the evening)
        return f"{int(at.group(1)) + 12:02d}:00", "21:00"
    for word, period in PERIODS.items():
        if word in plain:
            if _period_refused(word).search(plain):
                # 晚上别打 / 别在晚上打 / 上午不要打电话: that part of the day NOT wanted — the rest of the
                # window, when it is one span (h29: "晚上别打" stored 18:00–21:00, the evening only)
                if period[1] == "21:00":
                    return "08:00", period[0]
                if period[0] == "08:00":
                    return period[1], "21:00"
                return None  # 中午别打: the rest is two spans — asked, not guessed
            return period
    return None


def _span_refused(plain: Text, span) -> bool:
    after_it = re.match(r"[^，,。；;\d]{0,5}?(?:别|不要|不准|不许|不能|勿|不方便|不行|没空)", plain[span.end() :])
    before_it = re.search(
        r"(?:别|不要|不准|不许|不能|勿)(?:在|于)?(?:早上|上午|中午|下午|晚上|傍晚)?$", plain[: span.start()]
    )
    return bool(after_it or before_it)


def _period_refused(word: str) -> "re.Pattern":
    return re.compile(
        rf"{word}[^，,。；;\d]{{0,3}}(?:别|不要|不准|不许|不能|勿|不方便)|(?:别|不要|不准|不许|不能|勿)(?:在)?{word}"
    )


@dataclass(frozen=True)
class WithdrawContact:
    """Stop contacting one emergency contact (their authorisation withdrawn)."""

    contact_id: int
    name: str
    relation: str
    kind: ClassVar[str] = "withdraw"


@dataclass(frozen=True)
class ContactHours:
    """Contact only between these hours ("HH:MM")."""

    start: str
    end: str
    kind: ClassVar[str] = "hours"


ANY_CHANNEL = "any"  # every channel, as by default (stored as no channel chosen)


@dataclass(frozen=True)
class ContactChannel:
    """Contact only by this channel (sms, call, email), or by every one again (ANY_CHANNEL)."""

    channel: str
    kind: ClassVar[str] = "channel"


ContactChange = Union[WithdrawContact, ContactHours, ContactChannel]
_KINDS = {kind.kind: kind for kind in (WithdrawContact, ContactHours, ContactChannel)}


def _as_data(change: ContactChange) -> dict:
    return {"kind": change.kind, **asdict(change)}


def _from_data(data: dict) -> ContactChange:
    data = dict(data)
    kind = _KINDS[data.pop("kind")]
    if kind is WithdrawContact:
        data["contact_id"] = int(data["contact_id"])
    return kind(**data)


def change_to_slot(change: ContactChange) -> str:
    """As the `contact_change` slot keeps it between the question and the confirmation."""
    return json.dumps(_as_data(change), ensure_ascii=False)


def change_from_slot(value: str) -> ContactChange:
    return _from_data(json.loads(value))


def _pieces(text: Text) -> List[Text]:
    """The text cut at punctuation and spaces: each request of a message of several."""
    return [p for p in re.split(r"[，,。；;！!？?\s]+", text or "") if p]


def _named(text: Text, contacts) -> list:
    """The borrower's contacts the words name, by name or by relation (我妈), in that order."""
    named = [c for c in contacts if c.name and c.name in (text or "")]
    for relation, pattern in RELATION_WORDS.items():
        if re.search(pattern, text or ""):
            named += [c for c in contacts if c.relation == relation and c not in named]
    if _FAMILY_WORDS.search(text or ""):  # 别再打我家里人和同事的电话了: every relative (the mother was left, h30b)
        named += [c for c in contacts if c.relation != "同事" and c not in named]
    return named


_FAMILY_WORDS = re.compile(r"家里人|家人|家属|亲人|亲属|家里的人")


def wanted_changes(text: Text, contacts) -> List[ContactChange]:
    """Every change the borrower asks for: each contact to stop contacting (别给我同事周杰打电话了，我妈
    那边也别打了: both), then hours and a channel, one each (别再打我妈电话了 以后只能晚上7点以后打给我)."""
    text = to_simplified(text or "").replace("俺", "我")  # 別打給我媽 / 別找俺哥: either script, the dialect's 我
    found = [(piece, _withdrawals(piece, contacts)) for piece in _pieces(text)]
    withdrawals: List[ContactChange] = list(dict.fromkeys(w for _, ws in found for w in ws))
    naming = [piece for piece, _ in found if _named(piece, contacts)]
    if not withdrawals and (not naming or any(_only_names_someone(piece, contacts) for piece in naming)):
        # 别再给 我妈 打电话: the words spread over the pieces — not 别发短信了 我老婆会看到, where the wife
        # is why, not whom (her withdrawal was put to confirm beside the channel, h34b)
        withdrawals = _withdrawals(text, contacts)
    # 别在晚上打给我妈: the hours there are about her, not a setting of the borrower's
    rest = "，".join(piece for piece, ws in found if not ws) if withdrawals else text
    changes = [c for c in (_hours(rest), _channel(rest)) if c is not None]
    if not changes and _ALL_BACK.search(rest):
        # 不是分期！是联系方式和时间，改回默认 / 都恢复默认: the hours and the channels, both (h29a: read as
        # nothing, then as a plan)
        changes = [ContactHours("08:00", "21:00"), ContactChannel(ANY_CHANNEL)]
    return withdrawals + changes


# 联系方式和时间，改回默认 / 设置都恢复默认 / 刚才改的都改回去: every setting back to the default
_ALL_BACK = re.compile(
    r"(?:方式|时间|时段)(?:和|跟|与|、|以及)(?:联系)?(?:方式|时间|时段)[^。？?]{0,8}(?:恢复|改回|换回|调回)|"
    r"(?:设置|都|全部|全都)(?:恢复|改回|换回|调回)(?:成|到|为)?(?:默认|原来|原样|之前)|(?:恢复|改回)(?:成|到)?默认设置"
)


_KEEP = re.compile(r"保留|留着|先不撤|不用撤|不撤了|别撤|不用管|可以留|就不用了|不用停")
_ONLY = re.compile(r"只改|只要|只换|只需要|就改")


_DROP = re.compile(r"不要了|不用了|算了|取消|去掉|不改了|不用改|别改|不换了|不用换|删掉|撤掉")
_REDIRECT = re.compile(r"还是|改成|换成|改为|改到|换到")


def _kind_of(piece: Text) -> Optional[type]:
    if re.search(r"短信|邮件|邮箱|电话|微信|方式|渠道", piece):
        return ContactChannel
    if re.search(r"时间|时段|点|上午|下午|晚上|中午|傍晚", piece):
        return ContactHours
    return None


def _drops(piece: Text) -> bool:
    """短信那个不要了 takes a change back; 算了还是改成晚上8点 names another one instead."""
    found = _DROP.search(piece)
    return bool(found) and not _REDIRECT.search(piece[found.end() :])


def dropped_kinds(text: Text) -> set:
    """短信那个不要了 / 时间就不改了, at the confirmation: the kinds of change taken back."""
    text = to_simplified(text or "")  # 別打給我媽: either script
    return {_kind_of(p) for p in _pieces(text) if _drops(p) and _kind_of(p)}


def kept_contacts(text: Text, contacts) -> List[int]:
    """我姐那个先保留 / 她可以留着: the contacts the words take back from a withdrawal."""
    text = to_simplified(text or "")  # 別打給我媽: either script
    return [c.id for piece in _pieces(text) if _KEEP.search(piece) for c in _named(piece, contacts)]


_NTH = re.compile(r"第\s*([一二三四1-4])\s*(?:个|项|条|点)?\s*(?P<no>不要|不用|取消|去掉|算了|别|不改|不办)?")
_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4}


def _numbered(pending: List[ContactChange], text: Text) -> Optional[List[ContactChange]]:
    """第一个要 第二个不要, at a confirmation of numbered changes: those kept (it cancelled both)."""
    said = list(_NTH.finditer(text))
    if not said or len(pending) < 2:
        return None
    kept, dropped = set(), set()
    for m in said:
        index = _ORDINALS.get(m.group(1)) or int(m.group(1))
        (dropped if m.group("no") else kept).add(index - 1)
    chosen = [c for i, c in enumerate(pending) if i not in dropped and (i in kept or not kept)]
    return chosen if chosen != pending else None


# 不对 是周杰不是刘红 我妈可以联系, at 刘红's withdrawal: 周杰 instead (it was only cancelled, h27a).
_SWAP = re.compile(
    r"是(?P<new>[\u4e00-\u9fff]{1,4}?)(?:[，,\s]*)不是(?P<old>[\u4e00-\u9fff]{1,4})|"
    r"不是(?P<old2>[\u4e00-\u9fff]{1,4}?)(?:[，,\s]*)(?:而)?是(?P<new2>[\u4e00-\u9fff]{1,4})"
)


def _swapped(pending: List[ContactChange], text: Text, contacts) -> Optional[List[ContactChange]]:
    found = _SWAP.search(text)
    if not found:
        return None
    new_words, old_words = found.group("new") or found.group("new2"), found.group("old") or found.group("old2")
    new, old = _named(new_words, contacts), _named(old_words, contacts)
    withdrawn = [c for c in pending if isinstance(c, WithdrawContact) and any(o.id == c.contact_id for o in old)]
    if len(new) != 1 or not withdrawn:
        return None
    rest = [c for c in pending if c not in withdrawn]
    return [WithdrawContact(new[0].id, new[0].name, new[0].relation)] + rest


def revised_changes(
    pending: List[ContactChange], text: Text, contacts, changed_to: Optional[Text] = None
) -> Optional[List[ContactChange]]:
    """What the borrower's words at the confirmation make of the pending changes, or None when they
    change nothing: contacts taken back are dropped, "只改邮件" keeps only what it names, "第一个要 第二个
    不要" keeps the one, and a new change replaces the pending one of its kind (another contact is added)."""
    text = to_simplified(text or "")
    numbered = _numbered(pending, text)
    if numbered is not None:
        return numbered
    swapped = _swapped(pending, text, contacts)
    if swapped is not None:
        return swapped
    changed_to = None if changed_to is None else to_simplified(changed_to)
    kept = kept_contacts(text, contacts)
    dropped = dropped_kinds(text)  # 短信那个不要了 / 时间就不改了: that kind of change taken back
    said = text if changed_to is None else changed_to  # 不对，还是傍晚七点以后吧: what follows 还是
    pieces = [p for p in _pieces(said) if not _KEEP.search(p) and not (_drops(p) and _kind_of(p))]
    new = [c for c in wanted_changes("，".join(pieces), contacts) if type(c) not in dropped]
    if not kept and not new and not dropped:
        return None
    base = [
        c for c in pending if not (isinstance(c, WithdrawContact) and c.contact_id in kept) and type(c) not in dropped
    ]
    if _ONLY.search(text or "") and new:
        return new
    return merged_changes(base, new)


def wanted_change(text: Text, contacts) -> Optional[ContactChange]:
    """The first change the borrower asks for (see wanted_changes), or None."""
    found = wanted_changes(text, contacts)
    return found[0] if found else None


# 别再给我同事和我妈打电话 / 我妈我姐都别打了: every contact named together, not the first only
_TOGETHER = re.compile(r"和|跟|与|及|还有|、|都|也")


_CONTACT_FILLER = re.compile(r"[我的了也再给打电话联系找那边这边里那个还有和跟都]")


def _only_names_someone(piece: Text, contacts) -> bool:
    """我妈 / 我妈那边 / 给我同事打: a piece that is the person and at most a contact verb."""
    named = _named(piece, contacts)
    if not named:
        return False
    left = piece
    for c in named:
        left = left.replace(c.name, "")
    for pattern in RELATION_WORDS.values():
        left = re.sub(pattern, "", left)
    return len(_CONTACT_FILLER.sub("", _FAMILY_WORDS.sub("", left))) <= 1


def _withdrawals(text: Text, contacts) -> List[WithdrawContact]:
    """The contacts one request withdraws: the first named, and the others when the words name them
    together (和 / 还有 / 都)."""
    first = _withdrawal(text, contacts)
    if first is None:
        return []
    named = _named(text, contacts)
    together = named if len(named) > 1 and _TOGETHER.search(text) else named[:1]
    return [first] + [WithdrawContact(c.id, c.name, c.relation) for c in together if c.id != first.contact_id]


def _withdrawal(text: Text, contacts) -> Optional[WithdrawContact]:
    named = _named(text, contacts)
    stop_words = re.search(r"别|不要|不准|不许|停止|取消|撤回|撤销|撤掉|撤了|删掉|删了|去掉|不想让|别再", text)
    if named and (stop_words or "紧急联系人" in text):
        target = named[0]
        return WithdrawContact(target.id, target.name, target.relation)
    if any(re.search(pattern, text) for pattern in RELATION_WORDS.values()):
        return None  # 撤回我妈的紧急联系人, with no mother among them: nobody else is taken for her
    if re.search(r"紧急联系人|授权|[他她]的|[他她](?:吧|了|$)", text) and stop_words:  # 对 撤回她的: the one authorised
        authorised = [c for c in contacts if c.authorized]
        if len(authorised) == 1:
            c = authorised[0]
            return WithdrawContact(c.id, c.name, c.relation)
    return None


def _hours(text: Text) -> Optional[ContactHours]:
    hours = hours_in(text)
    return ContactHours(hours[0], hours[1]) if hours else None


_NO_SMS = re.compile(
    r"(?:别|不要|不准|不许|停止|停掉|取消)(?:再)?(?:给(?:他|她|我|我们|我家人?))?(?:发|收)?短信|短信[^，。？?]{0,3}(?:别|不要|不用)(?:再)?发"
)


_NO_EMAIL = re.compile(
    r"(?:别|不要|不准|不许|停止|停掉|取消)(?:再)?(?:给(?:他|她|我|我们))?(?:发)?(?:邮件|邮箱)|"
    r"(?:邮件|邮箱)[^，。？?]{0,3}(?:也)?(?:别|不要|不用)(?:再)?发"
)


# 联系方式恢复默认 / 短信电话都可以了 / 电话也可以打了: every channel again, the default (an e-mail-only
# borrower back from abroad had no way back, h25a).
_ANY_CHANNEL = re.compile(
    r"(?:恢复|改回|换回|回到|调回|设回)(?:成|到|为)?(?:默认|原来|之前|以前|原先)的?(?:联系)?(?:方式|渠道)|"
    r"(?:联系)?(?:方式|渠道)[^，。？?]{0,6}(?:恢复|改回|换回|调回)(?:成|到|为)?(?:默认|原来|之前|原先)?|"
    # 短信 电话都行 / 短信或者电话都可以 / 打电话发短信都行 (a space or 或者 between read as SMS only)
    r"(?:打|发)?(?:短信|电话|邮件)(?:[和、跟与,，/\s]|或者?|或是|还是)?(?:打|发)?(?:短信|电话|邮件)"
    r"(?:(?:[和、跟与,，/\s]|或者?|或是|还是)?(?:打|发)?(?:短信|电话|邮件))?\s*都(?:可以|行|能|没问题|ok)|"
    r"(?:电话|短信)也(?:可以|能|行)(?:打|发)?了?|"
    # 只发短信那个还是撤销吧 / 只用邮件的取消 / 就电话短信: the one channel undone — every one again (it put SMS
    # only to confirm, the opposite, h35b)
    r"只(?:发|用|打|要)?(?:短信|电话|邮件)(?:联系)?(?:那个|这个|那条|的)?(?:设置)?(?:还是|也)?"
    r"(?:撤销|撤了|取消|不要了|算了|去掉|恢复)|"
    r"就(?:打)?(?:电话|短信)(?:和|跟|、|\s)?(?:发)?(?:电话|短信)(?:吧|就行|就好)?$"
)


def asks_for_every_channel(text: Text) -> bool:
    """联系方式恢复默认 / 短信电话都可以了: back to every channel."""
    return bool(_ANY_CHANNEL.search(to_simplified(text or "").lower()))


_CHANNEL_OF = {"短信": "sms", "电话": "call", "邮件": "email", "邮箱": "email"}
_TWO_REFUSED = re.compile(
    r"(短信|电话|邮件|邮箱)(?:[和、跟与,，/\s]|或者?|还是)?(?:打|发)?(短信|电话|邮件|邮箱)\s*(?:都|也都|全都)(?:别|不要|不用|不想)"
)
_CHANGED_TO = re.compile(r"改回|换回|改成|换成|改为|改用|换用|还是用|还是发")


_SMS_TOO_MANY = re.compile(r"短信(?:太多|好多|太烦|烦死|都不看|我不看|看不过来)|不看短信|短信没用")


def _channel(text: Text) -> Optional[ContactChannel]:
    text = text.lower()
    changed = list(_CHANGED_TO.finditer(text))
    if changed:
        # 我之前好像设成只发邮件了，改回短信吧: what it is changed to, not the setting told (e-mail only was
        # put to confirm, h28a)
        named = _channel(text[changed[-1].end() :])
        if named is not None:
            return named
    if _ANY_CHANNEL.search(text):
        return ContactChannel(ANY_CHANNEL)
    both = _TWO_REFUSED.search(text)
    if both:  # 邮件和短信都不要: the third one (it read SMS only, one of the two refused)
        left = {"sms", "call", "email"} - {_CHANNEL_OF[both.group(1)], _CHANNEL_OF[both.group(2)]}
        return ContactChannel(left.pop()) if len(left) == 1 else None
    only = [channel for channel, pattern in _ONLY_CHANNEL if re.search(pattern, text)]
    if len(only) == 1:
        return ContactChannel(only[0])
    if _NO_EMAIL.search(text):
        # 邮件也别发了: no e-mail is not "e-mail only" (it offered exactly that)
        return ContactChannel("sms") if re.search(r"只(?:发)?短信|短信(?:就行|可以|照发)", text) else None
    if _NO_SMS.search(text):
        # 别给他发短信打电话 / 别再发短信了: no SMS is not "SMS only" (it offered exactly that)
        return ContactChannel("call") if re.search(r"只(?:打电话|电话)|打电话(?:就行|可以)", text) else None
    if re.search(r"别打电话|不要打电话|不要再打|别再打", text) and re.search(r"短信", text):
        return ContactChannel("sms")
    if _SMS_TOO_MANY.search(text) and re.search(r"电话", text):
        # 短信太多了 以后打电话就行: calls, not "只通过短信" (h32b: the opposite was put to confirm)
        return ContactChannel("call")
    for channel, pattern in CHANNEL_WORDS:
        if re.search(pattern, text):
            return ContactChannel(channel)
    return None


def changes_to_slot(changes: List[ContactChange]) -> str:
    """Several changes asked for at once, as the `contact_change` slot keeps them (one is kept as
    change_to_slot keeps it)."""
    if len(changes) == 1:
        return change_to_slot(changes[0])
    return json.dumps([_as_data(c) for c in changes], ensure_ascii=False)


def changes_from_slot(value: str) -> List[ContactChange]:
    data = json.loads(value)
    return [_from_data(item) for item in (data if isinstance(data, list) else [data])]


def merged_changes(pending: List[ContactChange], new: List[ContactChange]) -> List[ContactChange]:
    """What is asked at the confirmation: a new change replaces the pending one of its kind, and
    the others stay (别打我妈了 … 以后只能晚上7点以后打给我: both, not only the hours); a contact
    named is added to those already named."""

    def key(change: ContactChange):
        return (type(change), change.contact_id) if isinstance(change, WithdrawContact) else type(change)

    keys = {key(c) for c in new}
    return [c for c in pending if key(c) not in keys] + new


def person_asked_about(text: Text, contacts) -> Optional[tuple]:
    """你们是不是给我妈打电话了: the relation the words name and the borrower's contacts of it (by
    name or relation), or None when they name no one."""
    text = to_simplified(text or "")  # 別打給我媽: either script
    named = [c for c in contacts if c.name and c.name in (text or "")]
    if named:
        return named[0].relation, named
    if re.search(r"爸妈|父母|爹妈|二老", text or ""):  # 会找我爸妈要钱吗: both parents, either listed
        return "父母", [c for c in contacts if c.relation in ("父亲", "母亲")]
    for relation, pattern in RELATION_WORDS.items():  # by relation: also one no contact of theirs has
        if re.search(pattern, text or ""):
            return relation, [c for c in contacts if c.relation == relation]
    return None


def relations_not_listed(text: Text, contacts) -> List[Text]:
    """别再打给我爸张建国了，我妹妹张丽也别联系: the relations the words name that none of the borrower's
    contacts is (the sister went unanswered beside the father's withdrawal, h37b)."""
    text = to_simplified(text or "")
    listed = {c.relation for c in contacts if c.name and c.name in text} | {
        c.relation
        for c in contacts
        for relation, pattern in RELATION_WORDS.items()
        if c.relation == relation and re.search(pattern, text)
    }
    return [
        relation for relation, pattern in RELATION_WORDS.items() if re.search(pattern, text) and relation not in listed
    ]


def back_to_default(text: Text) -> bool:
    """时间和方式都改回原来默认的吧 / 联系方式和时间，改回默认: the default hours or every channel, asked
    for again (read by the NLU's decisive words as a contact setting, h29a)."""
    return any(c in (ContactHours("08:00", "21:00"), ContactChannel(ANY_CHANNEL)) for c in wanted_changes(text, []))
