"""Two questions in one message: the clauses of a message, and which of them to answer as turns
of their own (and in what order). No Rasa import: the channels decide with the model's parse.
"""

import re
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Dict, List, Optional, Sequence

from nlu.signals import (
    THEIR_PHONE,
    asks,
    asks_about_a_missed_plan_payment,
    asks_about_short_balance,
    asks_if_a_due_is_included,
    asks_if_chased_meanwhile,
    asks_if_impersonation_is_real,
    asks_if_part_payment_allowed,
    asks_not_to_be_contacted,
    asks_payment_allocation,
    asks_the_penalty,
    asks_to_move_due_date,
    asks_what_was_arranged,
    declines_an_arrangement,
    declines_complaint,
    fears_contact_list_blast,
    is_cancel,
    is_reported_question,
    means_to_complain,
    names_a_day,
    names_a_later_day,
    notice_kept_with_its_question,
    refers_back_to_a_day,
    says_chased_though_not_overdue,
    says_not_the_borrower,
    says_paid_but_not_showing,
    tells_of_a_loan_paid_off,
)
from parsing.phones import find_phone
from parsing.script import to_simplified
from parsing.values import complaint_category
from rules.wellbeing import suggests_crisis

_CJK = r"[\u4e00-\u9fff]"
_BOUNDARY = re.compile(
    r"[？?！!。；;，,\n\U0001F300-\U0001FAFF\u2600-\u27BF]+\s*|\s{2,}|"
    rf"(?<={_CJK})\s+(?={_CJK})|"  # a space between two words of Chinese is a pause
    rf"(?<=[吗呢啊呀])(?={_CJK})|"  # a question particle ends a question
    # (28号不是还有一期要到期吗: a question in itself, not two — cut, "28号不是" read as a no, h30a)
    r"(?=另外|顺便|再问|以及|然后|同时想问)|(?<!不是)(?<!难道)(?=还有)|"
    # a numbered list (1.我欠多少 2.罚息能减免吗 / 第一…第二…): each number begins a question
    r"\s*(?<![\d.．])(?=[1-9][.、．)）](?![\d]))|(?=第[二三四五][，,、\s]|其次)"
)
MIN_CLAUSE_CHARS = 3
# 投诉：… / 【投诉】… / 补充：…: the whole message is one complaint, or one addition to it
_DECLARED_COMPLAINT = re.compile(
    r"^\s*(?:【)?(?:(?:我要|我想|我)?(?:投诉|举报)(?:一下)?|(?:我要|我想|再)?补充(?:一下|一点|投诉)?)(?:】)?\s*[:：】]"
)
# 我15号发工资 / 工资每月10号才发: when pay comes, with no repaying said — a reason, not a promise.
_ONLY_PAYDAY = re.compile(
    r"^(?!.*还)[^，,。？?]{0,12}(?:发工资|工资[^，,。？?]{0,6}(?:发|到账|下来))[^，,。？?还]{0,6}$"
)
# 另外问一下 / 顺便问问 / 对了我想问: a question of its own announced, after a complaint said whole.
_ASIDE_AFTER = re.compile(
    r"(?<=[。！!？?，,\s])(?:另外|顺便|对了|还有)[，,\s]*(?:我)?(?:想|再)?问(?:一下|下|问|个事|一句)?"
)
_ASIDE_TO_US = re.compile(r"(?<=[。！!？?，,\s])(?:还有|另外|对了|顺便)[，,]")
_ONLY_WHY = re.compile(r"^\s*(?:因为|反正|毕竟|那样|这样(?:的话)?|不然|否则|要不然)")
_NEVER_MIND = re.compile(r"^(?:那|哎|唉|嗯)?[，,\s]*算了(?:吧)?$")
_BARE_HOW_MUCH = re.compile(
    r"^(?:那|那么)?(?:要|得|一共|总共|大概|需要|一共要|总共要)?(?:还|准备|付|交|转)?(?:多少|多少钱|几块|几千)(?:钱)?[啊呀呢吗]?[?？!！。]*$"
)
# 1.我下次什么时候还、还多少: the number of a list is not part of the question (the model read it less
# surely, and the first of three questions went unanswered)
_PREFACE = re.compile(r"^[^，,。？?]{0,12}[：:]\s*$")
_LIST_MARK = re.compile(r"^\s*(?:[1-9][.、．)）]|第[一二三四五][，,、\s]?|其次[，,、\s]?)\s*")
# In the metadata of every turn cut from a message but its last: a form does not ask its question
# again after a side question there, as the next turn may be its answer (分6期吧 另外罚息还涨吗).
MORE_TURNS = "more_turns_follow"
# The request that opens a form, answered in the message's last turn (Answering.flow).
FLOW_ASKED = "flow_asked"
# The message a turn was cut from, when the channel answers it in several turns.
WHOLE_MESSAGE = "whole_message"
# Where a second question is marked as one: a word that announces it (还有 only after a pause: 我还有
# 多少没还 is one question), or a question mark with more words after it.
_SECOND = re.compile(
    r"另外|顺便|对了|然后(?:问|想问|再问)|再问|以及|同时想问|(?<=[\s,，。;；吗呢啊呀])还有|[？?]+\s*(?=[^\W_])"
)

# Questions anyone may ask (no verification, no form): answered first. A third party's question is
# not a turn of its own: "我是张伟" reads as someone else asking, and the third party's answer
# ("您本人没有任何还款义务") told to a borrower would be false.
PUBLIC = frozenset(
    {
        "ask_how_to_repay",
        "ask_contact_policy",
        "ask_overdue_consequences",
        "ask_credit_record",
        "ask_data_kept",
        "ask_about_middleman",
        "ask_other_service",
    }
)
# Questions about the borrower's own figures: answered next (verification first when needed).
ACCOUNT = frozenset(
    {
        "check_overdue",
        "ask_due_date",
        "ask_penalty_interest",
        "ask_early_settlement",
        "ask_payment_history",
        "ask_followup",
        "ask_document",
    }
)
# Requests that open a form: at most one per message, answered last.
FLOW = frozenset(
    {
        "ask_instalment_plan",
        "ask_extension",
        "promise_to_pay",
        "report_improper_collection",
        "request_stop_contacting_others",
        "ask_prevention_tips",
    }
)
# The requests for relief a hardship story may come before as a turn of its own.
RELIEF = frozenset({"ask_instalment_plan", "ask_extension", "promise_to_pay"})
# A human: asked for first, so that whatever else was asked is on the agent's summary.
HUMAN = frozenset({"request_human"})
# A hardship story before a request for relief: its own turn first (empathy), then the request.
CONTEXT = frozenset({"explain_hardship"})
# Ending the verified session: after everything else asked in the same message.
SESSION = frozenset({"end_session"})
# In a form, the words before the first question are the form's answer (15天吧。对了延期会不会上征信):
# a turn of their own, after the questions, so the form takes them once the questions are answered.
FORM_ANSWER = "form_answer"
# What such an answer has in it: a figure, a day, a term, 全部 (not a filler such as 嗯 那个).
_ANSWER_LIKE = re.compile(r"[0-9一二三四五六七八九十两半百千万]|全部|都还|明天|后天|下周|下礼拜|月底|号|点")
# …but not the 一 of a filler (等一下，撤回之后你们会不会天天打我 was cut, and 等一下 taken as the answer).
# 算了 我之前投诉过了 那个处理到哪了: a cancel word, then something else.
_CANCEL_FIRST = re.compile(
    r"^\s*((?:那)?算了(?:算了)?|不要了|不办了|先不弄了|不弄了|以后再说|不用了|不投诉了)[，,。\s]+(\S.*)$", re.DOTALL
)
# 每月要多少 / 每期还多少, right after a plan asked: the plan's monthly figure.
_PER_MONTH = re.compile(
    r"^(?:那)?(?:每个?月|每期|一个月)(?:要|得|需要)?(?:还)?(?:多少|几)(?:钱|块)?(?:啊|呢|呀)?[?？]*$"
)
# 等等，那我还是不办了: a "wait" before the words of a turn.
_WAIT = re.compile(r"^(?:等等|等一下|等下|稍等|哦|嗯|啊)+[，,\s]*")
_FILLER = re.compile(r"等一下|等一等|等等|稍等|一下|一会儿?|有一点|一点点")


def starts_with_cancel(text: str) -> bool:
    """算了，你就告诉我她是不是逾期了就行: a cancel word, then more (one clause: 算了 is too short for one)."""
    return bool(_CANCEL_FIRST.match(text or ""))


# 真的假的 / 是真的吗, after a question: the same question (it was answered as the consequences).
_REALLY = re.compile(r"^(?:真的假的|是真的吗|真的吗|是不是真的|真的假的啊|真假)[?？!！。~～啊呀]*$")
_YES_WORD = (
    r"(?:好的?|好吧|确认(?:撤回|办理|登记|修改|设置|提交)?|确定|可以|行|对|是的?|没问题|同意|嗯+|ok)[啊吧呀的了]*"
)
_YES_FIRST = re.compile(rf"^\s*((?:{_YES_WORD}[\s，,。.!！、]+)+)(?=\S)(.+)$", re.IGNORECASE | re.DOTALL)
# A yes before a question, at a form's confirmation (好 确认 到时候会自动从卡里扣吗): the answer too — it
# was lost, and the confirmation asked again.
_YES = re.compile(rf"^(?:{_YES_WORD})+$", re.IGNORECASE)
# After a yes: something more asked for (另外… / 还有… / 也帮我…), not a change of what is confirmed.
_ALSO = re.compile(r"^(?:另外|还有|顺便|然后|再帮我)|也(?:帮我|给我|要)|再(?:帮我)?(?:登记|办)一个")
_CHANGE = re.compile(r"改成|换成|改为|改到|换到|还是|不是|提前到|推迟到|推到|挪到|延到")
ORDER = (HUMAN, CONTEXT, PUBLIC, ACCOUNT, frozenset({FORM_ANSWER}), FLOW, SESSION)
# 我白天上班，晚上8点后方便: when one can be reached; 以后只在… / 改成… would set it.
_AVAILABLE = re.compile(r"方便|有空|能接|可以接|接得了|在家|下班")
_SETS_CONTACT = re.compile(r"以后|只在|只能|改成|改为|设置|设成|别|不要|不准|不许|都别")
ORDER_IN_FORM = (HUMAN, CONTEXT, PUBLIC, ACCOUNT, FLOW, frozenset({FORM_ANSWER}), SESSION)
# What a clause must read as to be answered on its own (a story alone is not a question).
ACTIONABLE = HUMAN | PUBLIC | ACCOUNT | FLOW | SESSION
MIN_CONFIDENCE = 0.7
# What a clause that tells of a payment reads as, in a message that says it was paid ("我要投诉 钱都扣
# 了怎么还没到账": a complaint that names no conduct of collectors is about the payment).
PAID_STORY = frozenset({"ask_payment_history", "promise_to_pay", "check_overdue", "ask_how_to_repay"})
COMPLAINT = "report_improper_collection"
MIDDLEMAN = "ask_about_middleman"


# 1提前还款收不收手续费 2你们一般几点打电话 3能不能改成只发短信: a list numbered without marks
_BARE_NUMBER = re.compile(r"(?:^|(?<=\s))([1-9])(?=[\u4e00-\u9fff])")


def _marked_list(text: str) -> str:
    """1… 2… 3…, each number at the start or after a space and counting up from 1: marked as a list
    (1、) so that each is a question (only the first was answered); anything else unchanged."""
    numbers = [int(m.group(1)) for m in _BARE_NUMBER.finditer(text)]
    if len(numbers) < 2 or numbers != list(range(1, len(numbers) + 1)):
        return text
    return _BARE_NUMBER.sub(lambda m: m.group(1) + "、", text)


def clauses(text: str) -> List[str]:
    """The message cut at sentence punctuation, commas and the words that start another question
    (另外 / 还有 / 顺便问下 …); pieces too short to be a question stay with their neighbour."""
    pieces = [p.strip() for p in _BOUNDARY.split(_marked_list(text or "")) if p and p.strip()]
    merged: List[str] = []
    for piece in pieces:
        if merged and (len(re.sub(r"\W", "", piece)) < MIN_CLAUSE_CHARS or _BARE_HOW_MUCH.match(piece)):
            # (L6001那笔贷款我想25号那天一次性结清，要多少钱: the figure of what was just said — cut, it was
            # today's quote and the day a promise, h31a)
            merged[-1] += "，" + piece
        else:
            merged.append(piece)
    if len(merged) > 1 and len(re.sub(r"\W", "", merged[0])) < MIN_CLAUSE_CHARS:
        merged[:2] = [merged[0] + "，" + merged[1]]  # 等等 还是12期好了: a short opener goes with what follows
    return merged


def last_question_at(text: str) -> Optional[int]:
    """Where the message's last clause starts when it is a question (a story, then "想问下我现在欠
    多少"), or None: a single clause, or a last clause that asks nothing."""
    pieces = clauses(text)
    if len(pieces) < 2 or not asks(pieces[-1]):
        return None
    return text.rfind(pieces[-1])


def second_question_at(text: str) -> Optional[int]:
    """Where an explicitly marked second question starts (另外 / 还有 / 顺便问下 / 对了 / a question
    mark followed by more words), or None; a mark in the first two characters marks nothing."""
    found = _SECOND.search(text or "")
    if found is None or len(re.sub(r"\W", "", text[: found.start()])) < 2:
        return None
    at = found.end() if text[found.start()] in "？?" else found.start()
    return at if re.search(r"[^\W_]", text[at:]) else None


@dataclass
class Part:
    text: str
    intent: str


def _intent(parse: Dict) -> Optional[str]:
    intent = parse.get("intent") or {}
    name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
    if name in ACTIONABLE | CONTEXT and confidence >= MIN_CONFIDENCE:
        return name
    return None


# 改成下周五还1000 / 再办一个: a new arrangement asked for beside the question about the old one
_NEW_ONE_ASKED = re.compile(r"改成|换成|重新|再办|再登记|新的|申请|我要(?:分期|延期)")


def _opens_a_new_one(piece: str) -> bool:
    return bool(_NEW_ONE_ASKED.search(piece))


# What a request said with the borrower's own number may be, answered first (then the number, for the
# verification it needs): not a third party's, nor a refusal kept by their number (actions/identity.py).
_WITH_A_NUMBER = ACCOUNT | frozenset({"ask_instalment_plan", "ask_extension", "promise_to_pay", "start_verification"})


async def _request_then_number(text: str, parse: Callable[[str], Awaitable[Dict]]) -> Optional[List[str]]:
    """喂 我16号都还了300块了 咋个还给我发短信说我逾期嘛 … 13900139002: the question, then the number — read
    whole it fell back, and only "收到您的手机号" came back (the question was lost)."""
    phone = find_phone(text)
    if phone is None or says_not_the_borrower(text) or THEIR_PHONE.search(text) or asks_not_to_be_contacted(text):
        return None
    spelled = re.search(r"[-\s]?".join(phone), text)
    if spelled is None:
        return None
    rest = (text[: spelled.start()] + " " + text[spelled.end() :]).strip(" ，,。.")
    # (手機 / 號碼 too: in traditional characters the word stayed, and the question was lost, h27a)
    rest = re.sub(
        r"(?:我的?)?(?:手[机機]号?[码碼]?|手[机機]|[电電]话号?码?|[电電][话話]號?碼?|[号號][码碼])(?:是)?[:：\s]*$",
        "",
        rest,
    )
    rest = rest.strip(" ，,。.")
    if len(re.findall(r"[\u4e00-\u9fff]", rest)) < 4:
        return None
    if await _reads_as(text, _WITH_A_NUMBER, parse):
        return None  # read whole as the request: the form takes the number from it (pending_text)
    # (the words without the number need only lean to a request: 我想查一下我的還款日 at 0.58 was lost
    # whole to "收到您的手机号", h27a)
    return [rest, phone] if await _reads_as(rest, _WITH_A_NUMBER, parse, REQUEST_BESIDE_A_NUMBER) else None


REQUEST_BESIDE_A_NUMBER = 0.5


async def _reads_as(
    text: str, names: frozenset, parse: Callable[[str], Awaitable[Dict]], sure: float = MIN_CONFIDENCE
) -> bool:
    """The model reads these words, surely enough, as one of these intents."""
    intent = (await parse(text)).get("intent") or {}
    return intent.get("name") in names and float(intent.get("confidence") or 0) >= sure


async def _asked(turns: List[str], parse: Callable[[str], Awaitable[Dict]]) -> List[str]:
    """What follows a cancel, when any of it asks something; nothing when it is a remark (等一下先不弄了
    我跟老婆商量一下: "已取消", then "好的，没关系" to 商量一下 — two goodbyes to one message)."""
    for turn in turns:
        if _intent(await parse(turn)):
            return turns
    return []


@dataclass
class Answering:
    """What to answer of a message now (its turns), and the requests that open a form which have to
    wait: one form at a time, so the second of two is named back to the borrower, not lost."""

    turns: List[str]
    later: List[str] = field(default_factory=list)
    # The request that opens a form, answered in the last turn (a story before it is told so: the
    # relief it asks for is answered next, not offered first as a menu).
    flow: Optional[str] = None


# A clause that opens a question of its own after another (还有… / 另外… / 顺便问…).
_OF_ITS_OWN = re.compile(r"\s*(?:还有|另外|顺便|再问|然后|那|对了)")


async def separate_questions(text: str, parse: Callable[[str], Awaitable[Dict]]) -> List[str]:
    """The message as the turns to answer (see answering)."""
    return (await answering(text, parse)).turns


async def answering(text: str, parse: Callable[[str], Awaitable[Dict]], in_form: bool = False) -> Answering:
    """The message as the turns to answer (see _answering); the borrower's number, said anywhere in
    it, goes with the first turn too — the verification that turn starts takes it from there (我想问下我
    这个月要还多少 还有能不能晚几天 手机号139…: the number was asked for again)."""
    plan = await _answering(text, parse, in_form)
    phone = find_phone(text or "") if not in_form and len(plan.turns) > 1 else None
    if phone and not find_phone(plan.turns[0]) and plan.turns[-1] != phone:
        plan.turns[0] = f"{plan.turns[0]} {phone}"
    return plan


async def _answering(text: str, parse: Callable[[str], Awaitable[Dict]], in_form: bool = False) -> Answering:
    """The message as the turns to answer: itself, or each actionable question (with the words
    before it: a greeting stays with its question), in this order: a human, a hardship story,
    public questions, the borrower's own figures, the first request that opens a form, then ending
    the session; further requests that open a form wait (`later`)."""
    if not text or text.startswith("/"):
        return Answering([text])
    if suggests_crisis(text):
        # 你们那个姓李的催收再敢打我妈电话骂人 …我带刀过去捅死他: the crisis answer first, for the whole message
        # (cut, the complaint's part came first, h29b)
        return Answering([text])
    if not in_form and _DECLARED_COMPLAINT.match(to_simplified(text)):
        # 投诉：11月18号下午3点 号码021-55556666 打给我老婆赵敏，跟她说我欠钱不还: one complaint, said whole (cut,
        # the contact rules, the contact log and a promise came first, and the form asked the time again, h34b)
        aside = _ASIDE_AFTER.search(text) or next(
            # 补充：…还有，处理结果你们怎么通知我，打电话还是短信: a question to us after 还有 / 另外 (it was kept in the
            # addition, unanswered, h37b)
            (m for m in _ASIDE_TO_US.finditer(text) if re.search(r"你们|投诉|工单|处理", text[m.end() :])),
            None,
        )
        if aside and asks(text[aside.start() :]):
            # 补充：他还说我这种人就该去坐牢。另外问一下，我投诉了会不会影响我的征信啊: the addition whole, then the
            # question (it was stored in the addition, unanswered, h36b)
            return Answering([text[: aside.start()].rstrip(" ，,"), text[aside.start() :].strip()])
        return Answering([text])
    if in_form and (
        asks_if_a_due_is_included(text)
        # 27号我先还了3000以后，到3号之前你们还会打电话催我吗: one question about the time the promise runs (cut,
        # its first half became the promise, h37b)
        or (asks_if_chased_meanwhile(text) and re.search(r"之前|以前|期间|这段时间|到时候|以后|之后", text))
    ):
        # 等等，今天不是还有一期到期吗？那期算不算在里面: one question about the amount put to confirm (cut, the
        # first half got the whole breakdown and the second nothing, h36b)
        return Answering([text])
    if not in_form:
        split = await _request_then_number(text, parse)
        if split:
            return Answering(split)
    said_yes = _YES_FIRST.match(text) if in_form else None
    if (
        said_yes
        and asks(said_yes.group(2))
        and (
            not _ANSWER_LIKE.search(_FILLER.sub("", said_yes.group(2)))
            # 好 确认 对了我之前好像登记过一个25号还的 那个还算数吗: a question of its own, whatever figures
            # it names (the confirmation was asked again)
            or re.match(r"\s*(?:对了|另外|还有|顺便问一?下|我想问一?下)", said_yes.group(2))
        )
    ):
        # 好 确认 到时候会自动从卡里扣吗: the question (an aside at the confirmation, however sure the model
        # is of it), then the yes — it was lost, and the confirmation asked again
        return Answering([said_yes.group(2).strip(), said_yes.group(1).strip(" ，,。.!！、")])
    if said_yes and _ALSO.search(said_yes.group(2)) and not _CHANGE.search(said_yes.group(2)):
        # 确认 另外下个月15号再还剩下的也帮我登记上: the yes, then the next request (read whole as a new
        # promise, the one confirmed was never stored)
        return Answering([said_yes.group(1).strip(" ，,。.!！、"), said_yes.group(2).strip()])
    said_first = _CANCEL_FIRST.match(text)
    if (
        in_form
        and said_first
        and not is_cancel(text)
        # (算了 还是全部还了吧 / 算了 改成下周五: another answer to the form, which the form takes)
        and not _ANSWER_LIKE.search(_FILLER.sub("", said_first.group(2)))
        and not re.search(r"还是|改成|换成|改为|改到", said_first.group(2))
    ):
        # 算了 我之前投诉过了 那个处理到哪了, in the complaint form: the form ended, then the question
        # (算了，你就告诉我她是不是逾期了就行: one clause — 算了 is too short for one — still two turns)
        # (算了 kept with the rest, only the cancel was heard)
        after = await answering(said_first.group(2), parse)
        return Answering([said_first.group(1)] + await _asked(after.turns, parse), after.later)
    pieces = notice_kept_with_its_question(clauses(text))
    if len(pieces) < 2:
        return Answering([text])
    if (
        in_form
        and any(_CHANGE.search(p) and _ANSWER_LIKE.search(_FILLER.sub("", p)) for p in pieces)
        and not any(map(asks, pieces))
        and not any(map(is_cancel, pieces))
    ):
        # 哦30号是周一啊，那提前到28号周六吧，周末我方便去弄，钱数不变, at a promise's confirmation: one change of
        # the answer, with its reasons — the form reads it whole (cut, the first clause was an unusable
        # answer and the old promise was put again before the new one, h28a)
        return Answering([text])
    lead = _WAIT.sub("", pieces[0])
    if in_form and lead != pieces[0] and is_cancel(lead):
        # 等等，那我还是不办了，我月底一次性还, at an extension's confirmation: the form ended first (it was
        # asked to be confirmed again — 等等 kept the cancel from being one), then the rest
        rest = text[text.find(pieces[1]) :]
        after = await answering(rest, parse)
        return Answering([lead] + await _asked(after.turns, parse), after.later)
    if in_form and is_cancel(pieces[-1]) and not is_cancel(pieces[0]):
        # 等等 我现在到底欠多少？先别登记, at a promise's confirmation: the form ended first (the cancel,
        # said last, was not heard and the promise asked to be confirmed again), then the question
        rest = text[: text.rfind(pieces[-1])]
        # (哎呀等下 我还没跟老婆说 先不登记了: the remark before it asks nothing — "没太明白" came after 已取消)
        return Answering([pieces[-1]] + await _asked((await answering(rest, parse)).turns, parse))
    if (
        in_form
        and (is_cancel(pieces[0]) or declines_complaint(pieces[0]) or declines_an_arrangement(pieces[0]))
        # (那算了 改成每月三百左右吧，这样期数多了要多交手续费吗: "never mind that", then the new answer — the plan
        # was cancelled, h31a)
        and not (_NEVER_MIND.match(pieces[0]) and _CHANGE.search(pieces[1]) and _ANSWER_LIKE.search(pieces[1]))
    ):
        # 不分期了 我还是月底先还五百块吧, at the plan's confirmation: the form is ended first (it was
        # read as a budget and another plan was put to the borrower), then the rest is answered.
        rest = text[text.find(pieces[1]) :]
        if _ONLY_WHY.match(to_simplified(rest)):
            # 不要，因为27号那笔我肯定会还的，不能替换掉: the no, and why — not a new request (a promise for the 27th
            # was put, h32a)
            return Answering([pieces[0]])
        after = await answering(rest, parse)
        for turn in after.turns:
            if _intent(await parse(turn)):
                return Answering([pieces[0]] + after.turns, after.later)
        if is_cancel(pieces[0]) and not is_cancel(text) and not asks(rest):
            # 不用登记什么承诺 我直接还清就行了, at a promise's confirmation: the no, the rest only why (read whole,
            # 还清 became everything, put to the borrower to confirm, h25a)
            return Answering([pieces[0]])
    if not in_form and says_chased_though_not_overdue(text):
        # 我分期每期都按时还的 为什么昨天还收到催收短信说我逾期 … 会不会影响我征信: the story and the question
        # it is the reason for are one turn (cut, 我分期每期都按时还的 alone was a plan applied for, h28b)
        ends = next(
            (text.find(p) + len(p) for p in pieces if says_chased_though_not_overdue(text[: text.find(p) + len(p)])),
            len(text),
        )
        rest = text[ends:].strip(" ，,。.!！?？")
        after = await answering(rest, parse) if rest else Answering([])
        return Answering([text[:ends]] + [t for t in after.turns if t], after.later)
    if not in_form and asks_if_impersonation_is_real(text):
        # 今天下午有个自称XX律师事务所的律师打电话给我 说要起诉我 是你们的人吗: one question about one call (cut,
        # neither turn asked it whole and the complaint offer came twice, h29a)
        return Answering([text])
    if fears_contact_list_blast(text) and not in_form and not means_to_complain(text):
        # 我听说逾期了你们会爆通讯录 给我所有联系人打电话 是不是真的 我还没逾期…: one fear, one answer (cut in
        # four, "我还没逾期" began a login and the question itself waited)
        return Answering([text])
    if (
        asks_what_was_arranged(text)
        and not in_form
        and not any(map(_opens_a_new_one, pieces))
        and not re.search(r"罚息|利息|费", text)  # (可以延期一个月吗，延期以后罚息还算不算: two questions)
        # (我的承诺还在吗？还有我爸那边你们还会不会打电话: a second question of its own — it was dropped, h26a)
        and not any(asks(p) and not asks_what_was_arranged(p) and _OF_ITS_OWN.match(p) for p in pieces[1:])
    ):
        # 那我下周三还那个承诺还有效吧？没被分期取代吧: one question about what stands (cut, the first
        # clause opened a new promise: "您打算还多少钱？")
        return Answering([text])
    if not in_form and asks_to_move_due_date(text) and any(_ONLY_PAYDAY.search(p) for p in pieces):
        # 每期20号还 能不能改成15号？我15号发工资: the day moved, payday its reason (cut, 我15号发工资 alone
        # was a promise for the 15th: "您目前没有逾期的款项，还不需要登记还款承诺", h35b)
        return Answering([text])
    if not in_form and tells_of_a_loan_paid_off(text) and re.search(r"证明|凭证|回执", text):
        # 以前借过一笔早就还清了 能开个结清证明吗: one request, the story its reason (cut, the story read as
        # how to borrow again, h25a)
        return Answering([text])
    back = next((i for i, piece in enumerate(pieces) if i and refers_back_to_a_day(piece) and asks(piece)), None)
    if not in_form and back and any(map(names_a_day, pieces[:back])):
        # 下周五发工资，到时候一次性结清要准备多少钱: the question of that day, with the day (cut, 到时候 alone
        # was today's quote and 下周五发工资 a promise, h30), then the rest
        cut = text.find(pieces[back]) + len(pieces[back])
        rest = text[cut:].strip(" ，,。.!！?？~～…")
        after = await answering(rest, parse) if rest else Answering([])
        return Answering([text[:cut]] + [t for t in after.turns if t], after.later)
    asked_penalty = next((i for i, piece in enumerate(pieces) if asks_the_penalty(piece)), None)
    if (
        not in_form
        and asked_penalty
        and any(map(names_a_later_day, pieces[:asked_penalty]))
        and not names_a_later_day(pieces[asked_penalty])
    ):
        # 晚个三四天 8号9号还上 罚多少钱 会直接上征信吗: the penalty of paying on that day, one question (cut,
        # 罚多少钱 alone was "没有任何罚息"), then the rest
        cut = text.find(pieces[asked_penalty]) + len(pieces[asked_penalty])
        rest = text[cut:].strip(" ，,。.!！?？~～…")
        after = await answering(rest, parse) if rest else Answering([])
        return Answering([text[:cut]] + [t for t in after.turns if t], after.later)
    if asks_about_short_balance(text) and not in_form:
        # 今天还款日 卡里钱不够 晚一天还有事吗 会不会扣我罚金: one question (今天还款日 alone began a
        # verification, and the rest of the message was then taken for a phone number)
        return Answering([text])
    if asks_about_a_missed_plan_payment(text) and not any(map(asks_about_a_missed_plan_payment, pieces)):
        # 12月1号那期要是晚几天会怎样？分期会作废吗: one question, about the plan (cut in two, the
        # consequences of being overdue were read out and whether the plan stands went unanswered)
        return Answering([text])
    if any(map(asks_if_part_payment_allowed, pieces)) and sum(map(asks, pieces)) == 1:
        # 我是问可以还一部分吗 比如先还500 剩下的下个月: one question about an amount (the example
        # alone read as a promise, and the plan in hand was dropped for one)
        return Answering([text])
    if asks_payment_allocation(text) and not in_form:
        # 我今天先还1200，能把最早那期还清吗？还剩多少: one question about an amount (the first clause
        # alone read as a promise, and one was put to the borrower to confirm)
        return Answering([text])
    parts: List[Part] = []
    pending: List[str] = []
    # "我已经还了一笔 为啥还显示逾期": the payment told is part of the question about what is owed,
    # which is answered with the payments received (one turn, not a list of payments and then a bill).
    paid = says_paid_but_not_showing(text)
    preface = ""
    for piece in pieces:
        if not parts and not pending and _PREFACE.match(piece):
            # 三个问题： before a list: said, but no part of the first question (read whole with it, the
            # first question was not itself and went unanswered)
            preface = piece
            continue
        if parts and not pending and parts[-1].intent == "ask_instalment_plan" and _PER_MONTH.match(piece):
            parts[-1].text += "，" + piece  # 这笔贷款最多能分几个月 每月要多少: the plan's (it got a settlement quote)
            continue
        if parts and not pending and _REALLY.match(piece):
            parts[-1].text += "，" + piece  # 我表姐说你们打电话到她单位了 真的假的: about what was just said
            continue
        pending.append(piece)
        if is_reported_question(piece, text[: text.find(piece)]):
            continue  # 我妈说…，问我欠了多少: her question, told — part of the story, not asked here
        intent = _intent(await parse(_LIST_MARK.sub("", piece) or piece))
        if paid and (intent in PAID_STORY or (intent == COMPLAINT and complaint_category(piece) is None)):
            intent = "check_overdue"
        if in_form and _CHANGE.search(piece) and _ANSWER_LIKE.search(_FILLER.sub("", piece)) and not asks(piece):
            # 延期要收手续费吗？另外我想了想还是30天保险点，改成30天吧, in the extension form: the question, and
            # the form's new answer (it waited as another request, and the old one was put again, h28a)
            intent = FORM_ANSWER
        if intent is None:
            continue
        if (
            in_form
            and not parts
            and len(pending) > 1
            and intent not in FLOW
            and (
                _ANSWER_LIKE.search(_FILLER.sub("", "".join(pending[:-1])))
                or _YES.match(re.sub(r"[\W_]+", "", "".join(pending[:-1])))
            )
        ):
            parts.append(Part("，".join(pending[:-1]), FORM_ANSWER))  # the answer, then the question
            pending = pending[-1:]
        if (
            in_form
            and parts
            and parts[-1].intent == FORM_ANSWER
            and len(pending) > 1
            and _ANSWER_LIKE.search(_FILLER.sub("", "".join(pending[:-1])))
            and not any(map(asks, pending[:-1]))
        ):
            # 改成12月3号吧，金额2500，会影响我征信吗: the amount is the form's answer too (it went with the credit
            # question and was lost, h31a)
            parts[-1].text += "，" + "，".join(pending[:-1])
            pending = pending[-1:]
        if parts and parts[-1].intent == intent:  # the same question said twice: one turn
            parts[-1].text += "，" + "，".join(pending)
        else:
            parts.append(Part("，".join(pending), intent))
        pending = []
    if pending and parts:
        parts[-1].text += "，" + "，".join(pending)
    # A turn of several clauses must read, whole, as the question it stands for; one that does not
    # (a greeting and a story that read as a greeting) goes with the next turn instead.
    checked: List[Part] = []
    for index, part in enumerate(parts):
        if part.intent == FORM_ANSWER:
            checked.append(part)
            continue
        whole = _intent(await parse(part.text)) if "，" in part.text else part.intent
        if whole != part.intent and index + 1 < len(parts):
            parts[index + 1].text = part.text + "，" + parts[index + 1].text
            continue
        checked.append(part)
    parts = checked
    if preface and parts:
        parts[0].text = preface + parts[0].text
    # A story is its own turn only before a request for relief: before questions it is context, and
    # before a complaint its part (你们打给我爸 我爸气得住院了 我要投诉: the hardship answer came first, h37b).
    if not any(p.intent in RELIEF for p in parts):
        merged: List[Part] = []
        for index, part in enumerate(parts):
            if part.intent in CONTEXT and index + 1 < len(parts):
                parts[index + 1].text = part.text + "，" + parts[index + 1].text
                continue
            merged.append(part)
        parts = merged
    others = [p for p in parts if p.intent not in HUMAN]
    if (
        not in_form
        and len(others) < len(parts)
        and others
        and all(p.intent == "request_stop_contacting_others" and _AVAILABLE.search(p.text) for p in others)
        and not any(_SETS_CONTACT.search(p.text) for p in others)
    ):
        # 人工大概多久联系我？我白天上班，晚上8点后方便: when the person may call, said with the request
        # for one — not a contact setting put to confirm (twice, after "不用改设置", h28a)
        return Answering([text])
    # 有人让我打钱到他私人账户 说能停息挂账 真的吗: what a middleman sells (停息挂账, 分期, 减免) is
    # part of the question about them, not a request of the borrower's own.
    middleman = next((p for p in parts if p.intent == MIDDLEMAN), None)
    if middleman is not None:
        # 有个自称催收的让我转到他卡上 / 我给他转了3000 这钱算我还了没有: one story (it was warned "请不要
        # 转账" and then told what to do now, in two turns)
        for other in [p for p in parts if p.intent == MIDDLEMAN and p is not middleman]:
            middleman.text += "，" + other.text
        parts = [p for p in parts if p.intent != MIDDLEMAN or p is middleman]
        # …能减一半 真的假的: a short question after it asks about the middleman too
        taken = [p for p in parts if p.intent in FLOW or (p is not middleman and len(re.sub(r"\W", "", p.text)) <= 5)]
        for part in taken:
            middleman.text += "，" + part.text
        parts = [p for p in parts if not any(p is t for t in taken)]
    flows = [p for p in parts if p.intent in FLOW]
    for again in [p for p in flows[1:] if p.intent == flows[0].intent]:
        # 有个自称律师的人打电话说已经对我立案了 … 明天法院来人，是不是你们的人？我要投诉: the same request said
        # twice is one (the second waited as "another request", its question unanswered, h28a)
        flows[0].text += "，" + again.text
        parts = [p for p in parts if p is not again]
    flows = [p for p in parts if p.intent in FLOW]
    later = [p.text for p in flows[1:]]
    parts = [p for p in parts if p.intent not in FLOW or p is flows[0]]
    if len(parts) < 2 or all(p.intent in CONTEXT for p in parts):
        return Answering(["，".join(p.text for p in parts)] if later else [text], later)
    # In a form its answer comes last: the questions are asides the form waits through, and the form
    # asks its next question once, after them (the quote was put twice, before and after the aside).
    order = ORDER_IN_FORM if in_form else ORDER
    ordered: Sequence[Part] = [p for group in order for p in parts if p.intent in group]
    return Answering([p.text for p in ordered], later, flows[0].intent if flows else None)
