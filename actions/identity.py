"""Who the conversation is about, and the base class of every question that needs a verified borrower.

Only two paths make a person verified: a valid host-app token in the message metadata
(`auth_token`), or the SMS-code form, which leaves our own session token in the `identity` slot.
Nothing the client sends as text, entities or slots can name a borrower.
"""

import logging
import re
import weakref
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Dict, List, Optional, Text, Type

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import wording
from actions.store_access import in_thread, loan_store
from auth.redaction import redact_text
from auth.tokens import TokenRefused, host_token_auth_time, verify_host_token, verify_session_token
from nlu.signals import (
    THEIR_PHONE,
    a_middleman_is_named,
    asks_about_a_link,
    asks_about_one_of_mine,
    asks_about_other_lenders_debts,
    asks_about_someone_else,
    asks_for_an_account,
    asks_how_many_left,
    asks_if_an_agency_is_ours,
    asks_if_impersonation_is_real,
    asks_not_to_be_contacted,
    asks_where_our_number_came_from,
    cannot_get_code,
    fears_identity_misuse,
    got_an_unasked_code,
    means_to_complain,
    names_a_scam_move,
    offers_to_pay_for_them,
    other_lenders_in,
    says_asked_for_a_code,
    says_debt_was_sold,
    says_gave_it_away,
    says_is_an_agent,
    says_is_an_official,
    says_is_the_borrower,
    says_not_paid_yet,
    says_not_the_borrower,
    says_paid_a_wrong_account,
    says_paid_someone_else,
    says_phone_not_theirs,
    says_scammed,
    says_someone_came_to_the_door,
    says_someone_else_got_a_code,
    tells_of_a_death,
    tells_of_hardship_news,
    uses_anothers_phone,
    wants_it_plain,
    wants_to_be_verified,
    writes_for_someone_else,
)
from parsing.contact_changes import person_asked_about, relation_in
from parsing.phones import PHONE_PATTERN, digits_of, find_phone, mask_phone
from parsing.script import to_simplified
from parsing.values import complaint_category
from rules.calendar import beijing_time, today, utc_now
from rules.wellbeing import CRISIS_LOOKBACK

logger = logging.getLogger(__name__)

QUESTIONS: Dict[Text, Type["BorrowerQuestion"]] = {}


def previous_bot_action(tracker: Tracker) -> Text:
    """The last action before the current user message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return ""
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") or ""
    return ""


def recent_user_texts(tracker: Tracker, turns: int) -> List[Text]:
    """What the writer said in the last few messages before this one."""
    users = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return users[-turns - 1 : -1]


def question_text(tracker: Tracker, action_name: Text) -> Text:
    """The words of the question: kept across verification, else the latest message."""
    if tracker.get_slot("pending_request") == action_name and tracker.get_slot("pending_text"):
        return tracker.get_slot("pending_text")
    return (tracker.latest_message or {}).get("text") or ""


def question_value(tracker: Tracker, action_name: Text, entity: Text, parse: Callable[[Text], Any]) -> Any:
    """An entity of the question, already normalised by the NLU (nlu/entities.py); parsed from
    the remembered words when the question was asked before verification."""
    if tracker.get_slot("pending_request") != action_name:
        values = list(tracker.get_latest_entity_values(entity))
        if values:
            return values[0]
    return parse(question_text(tracker, action_name))


def latest_metadata(tracker: Tracker) -> Dict[Text, Any]:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            metadata = event.get("metadata") or {}
            return metadata if isinstance(metadata, dict) else {}
    return {}


@dataclass
class IdentityCheck:
    borrower_id: Optional[str] = None
    token_refused: bool = False
    events: List[EventType] = field(default_factory=list)


# store → borrower → when this process last noted them seen (a store's own: tests open many)
_SEEN_WRITTEN: "weakref.WeakKeyDictionary[Any, Dict[str, datetime]]" = weakref.WeakKeyDictionary()
SEEN_EVERY = timedelta(minutes=10)


async def note_seen(borrower_id: str) -> None:
    """The identified borrower is talking with us now (the contact engine reads it: reachable)."""
    now = datetime.combine(today(), beijing_time(utc_now()).time())
    store = loan_store()
    written = _SEEN_WRITTEN.setdefault(store, {})
    last = written.get(borrower_id)
    if last is not None and timedelta(0) <= now - last < SEEN_EVERY:
        return
    written[borrower_id] = now
    try:
        await in_thread(store.note_borrower_seen, borrower_id, now)
    except Exception:  # the answer matters more than this note
        logger.warning("could not note the borrower as seen", exc_info=True)


async def identify(tracker: Tracker) -> IdentityCheck:
    check = await _identify(tracker)
    if check.borrower_id:
        await note_seen(check.borrower_id)
    if (
        tracker.get_slot("not_the_borrower")
        and not tracker.get_slot("phone_not_theirs")
        and says_is_the_borrower((tracker.latest_message or {}).get("text") or "")
    ):
        # 老公回来了 我是张伟本人: said in so many words — the login counts again, or the code is sent
        check.events = check.events + [SlotSet("not_the_borrower", False)]
    return check


async def _identify(tracker: Tracker) -> IdentityCheck:
    if tracker.get_slot("not_the_borrower") and (
        tracker.get_slot("phone_not_theirs")
        or not says_is_the_borrower((tracker.latest_message or {}).get("text") or "")
    ):
        # (我是她老公 她手机在我这 … 逗你的 我就是本人: whoever holds the phone, the login on it no longer
        # tells who writes — nothing of the loan in this chat, h29b: the full schedule was shown)
        # 我不是本人 我是他老婆 他手机在我这: whoever writes said they are not the borrower — nothing
        # of the loan from here on, logged in or not, until they say they are (and, without a
        # login, verify by the code sent to the borrower's phone).
        return IdentityCheck()
    token = latest_metadata(tracker).get("auth_token")
    ended_at = tracker.get_slot("session_ended_at")
    if token and ended_at and host_token_auth_time(token) <= float(ended_at):
        token = None  # the borrower ended the session after that login: it no longer counts here
    if token:
        try:
            borrower_id = verify_host_token(token)
            if await in_thread(loan_store().borrower, borrower_id) is None:
                raise TokenRefused("subject is not a borrower")
        except TokenRefused as refused:
            logger.info("host token refused: %s", refused.reason)
            return IdentityCheck(token_refused=True)
        # Valid for the message that carries it: the host app sends it with every message, and a
        # conversation id alone (which a REST client chooses) must never stand in for it later.
        return IdentityCheck(borrower_id)
    session = tracker.get_slot("identity")
    if session:
        try:
            return IdentityCheck(verify_session_token(session, tracker.sender_id))
        except TokenRefused as refused:
            logger.info("session token refused: %s", refused.reason)
            return IdentityCheck(events=[SlotSet("identity", None)])
    return IdentityCheck()


# 我的罚息多少 / 我欠的 / 帮我算算 / 我这个: the writer's own loan, not the rule.
_THEIR_OWN = re.compile(
    r"我(?:的|这|那|现在|目前|欠|还欠|该|得|应该|一共|总共|到底|已经|逾期)|俺|咱|本人|帮我|给我|替我|我家|我要结清|我想结清|我想提前|"
    r"^(?:查|看)|查一下|查下|查查|看一下|看看"
)


# 提前结清要多少钱 / 罚息是多少: a sum asked, which only their own loan has.
_HOW_MUCH_ASKED = re.compile(r"多少|几多|金额|要还几|得还几")


def about_their_own(text: Text) -> bool:
    return bool(_THEIR_OWN.search(to_simplified(text or "")))


_OURS_TOO = re.compile(
    r"你们这|你们家|你们那|在你们|欠你们|你们的|还款助手|消费贷|经营贷|"
    # 借呗那边可以分60期 你们能不能也分60期: the same asked of us (h28b: told 借呗 is not ours to look up)
    r"你们(?:能不能|可不可以|能|可以)?也(?:分|给我|能|可以|办|延|减)"
)
RULE_TOLD_NOT_THE_LOAN = "以上是对所有借款人都一样的规则；某一笔借款的金额和明细只对借款人本人开放。"
SPEAKS_FOR_THEM = re.compile(
    r"我(?:就|只)?是(?!同事|朋友|亲戚|家人|邻居)(?:[\u4e00-\u9fff]{2,4}[\s,，、])?[\u4e00-\u9fff]{2,4}的(?:哥哥|姐姐|弟弟|妹妹|爸爸|妈妈|父亲|母亲|老公|老婆|丈夫|妻子|爱人|儿子|女儿|家属)(?!介绍|推荐)|"
    r"我(?:就)?是(?:他|她)的?(?:老婆|妻子|爱人|媳妇|老公|丈夫|妈|妈妈|母亲|爸|爸爸|父亲|儿子|女儿|哥哥?|姐姐?|弟弟?|妹妹?|"
    r"同事|朋友|家人|家属|亲戚|领导|室友|紧急联系人)|用(?:他|她)的?(?:手机|账号|微信)"
)


def speaks_for_them(text: str) -> bool:
    """我是他老婆 / 我是张伟老婆 他手机在我这 / 我姐让我帮她看看: the writer speaks for the borrower."""
    return bool(SPEAKS_FOR_THEM.search(text)) or writes_for_someone_else(text) or uses_anothers_phone(text)


# The writer says they are not the borrower whose session this is (我不是本人 / 我只是他的朋友).
NOT_ME = re.compile(r"我不是(?:借款人)?本人|我不是借款人|不是本人在(?:用|操作)|我只是(?:他|她)的")
OWN_PHONE = re.compile(r"我(?:的)?(?:手机号码?|电话号?码?|号码|手机)(?:是)?[:：\s]*1\d{10}")


GAVE_IT_AWAY = (
    "别着急，现在马上做这几件事：1）修改手机银行、支付宝、微信等的登录密码和支付密码；2）打银行卡背面的客服电话，"
    "说明情况，必要时先冻结银行卡；3）拨打96110反诈专线或110报警，保留短信、链接和转账记录。之后再收到的任何验证码都不要"
    "告诉别人。想核查您在我们这里的借款有没有异常，可以转人工。"
)
CODE_ASKED_FOR = (
    "请不要把验证码发给任何人，包括自称我们客服、催收或银行的人。我们的工作人员绝不会索要验证码、密码或银行卡信息；"
    "验证码只在您自己要验证身份时，由您在这里输入。如果已经把验证码告诉了别人，请尽快修改相关账户的密码，"
    "需要的话可以转人工核实。"
)
LINK_CHECK = (
    "不要点。我们的短信只有还款日前提醒和逾期通知，不带让您点进去还款或填写信息的链接，也不会让您加微信、QQ；还款只走我们的"
    "App或官网。这样的短信请直接删除，也不要回拨里面的号码；如果已经点了或填了信息，请马上修改相关密码，可以拨打96110反诈专线"
    "咨询，也可以说“投诉”登记，我们会核查。"
)
SCAM_MOVES = (
    "不要照做。我们不会让您下载会议软件或其他App、共享屏幕、开远程协助，也没有需要“注销账户”或“清除逾期记录”"
    "这类操作——这些是常见的诈骗手法：共享屏幕会让对方看到您的验证码、银行卡和密码。请挂断电话，不要转账；"
    "已经装了对方的软件，请马上卸载并修改银行卡和支付密码。可以拨打96110反诈专线咨询，也可以转人工核实那通电话是不是我们打的。"
)
# 让我转6000到一张卡上就能消除记录 靠谱吗: the record "cleared" for money (it got the screen-sharing text, h26b).
RECORD_CLEARED_FOR_MONEY = (
    "不靠谱，请不要转。逾期记录不能靠转账或任何人“操作”清除：我们不会让您把钱转到任何个人账户或银行卡，"
    "也没有委托任何人收费“消除记录”；还款只在我们的App或官网里用您绑定的银行卡操作。征信上的记录按规定更新，"
    "还清后从还清之日起保留5年。这种说法是常见的诈骗，可以拨打96110反诈专线咨询，也可以转人工核实。"
)
# 我还没转呢 就是问问, after that answer: good — and the same, plainly.
NOT_PAID_YET = "那就好，请不要转。任何让您把钱转到个人账户或银行卡、说能“消除记录”“停息挂账”的都不是我们；还款只走我们的App或官网。"


NO_HOME_VISITS = (
    "我们没有上门催收，也从不派人上门收钱。自称我们的人到家里要钱、让扫码，请不要给，觉得不安全请马上报警（110）；"
    "之后可以在这里登记投诉，我们会核查。"
)


def scam_moves(text: Text) -> Text:
    """The answer to the scam's move named: money for a record cleared, or the screen / app / 注销 moves."""
    folded = to_simplified(text or "")
    if re.search(r"(?:清除|消除|删除|洗白|修复)(?:逾期)?(?:记录|征信)", folded) and not re.search(
        r"共享屏幕|屏幕共享|分享屏幕|会议|远程|注销|销户", folded
    ):
        return RECORD_CLEARED_FOR_MONEY
    return SCAM_MOVES


UNASKED_CODE = (
    "收到没申请过的验证码，说明有人在我们这里输入了您的手机号。没有这条验证码，对方什么也查不到、办不了，您的借款信息是安全的；"
    "请不要把验证码告诉任何人，包括自称我们客服的人。如果反复收到，或者担心有人冒用您的信息，可以转人工核查。"
)
BEREAVEMENT = (
    "非常抱歉听到这个消息，请您节哀。借款人去世的情况，由人工客服按专门的流程处理：不需要您在这里登录或验证，"
    "也不需要现在替他/她还钱。按《民法典》，继承人只在所继承遗产的实际价值范围内清偿逝者的债务；没有继承遗产或"
    "放弃继承的，不用替逝者还。已为您登记人工服务（编号 {reference}），客服会联系您核实情况，之后的联系安排也会一并处理。"
)
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dXx])")
NO_ID_LOOKUP = "我们不会按身份证号查询任何人的借款。身份证号是敏感的个人信息，请不要在对话里发送自己或别人的身份证号。"
HARDSHIP_NEWS = (
    "听到这个消息很难过，希望他/她早日好起来。这种情况可以转人工说明，由人工客服按规定处理（包括是否暂停催收联系），"
    "在这期间不必由您来处理任何还款。"
)
# 他手机号是137…: the borrower's number given by someone else, never theirs to stop calls to.
SUBMIT_PAPERS = re.compile(
    r"(?:怎么|如何|在哪|哪里|往哪)(?:提交|递交|寄|交|发)[^，。？?]{0,6}(?:委托书|授权书|律师函|材料|文件)|委托书(?:怎么|如何|往哪|寄到哪)"
)
PAPERS_FORMALLY = (
    "委托书、律师函等书面材料不在在线对话里受理：请通过正式渠道寄送到我们公司，转人工可以告知接收地址和方式；"
    "收到并核实后，由专门的同事与您联系。借款人本人随时可以直接在这里查询和办理。"
)
OFFICIAL_REQUEST = (
    "在线对话里无法核实对方的身份，所以这里不提供任何人的借款信息。公安、法院等机关依法调取信息，请通过正式的"
    "协查函或法律文书联系我们公司，转人工可以告知递交方式；情况紧急、涉及人身安全的，请直接拨打110。"
)
OWN_NUMBER = (
    "{phone} 是您本人的号码：我们不会用它查询或透露任何人的借款信息。不希望我们再因为别人的借款联系这个号码，"
    "点“别再打给我”就能登记；要投诉我们的人打给您，点“转人工投诉”，客服会登记并答复您。"
)


def say_own_number(dispatcher: CollectingDispatcher, phone: Text) -> None:
    """A third party's own number: what it is kept for, and the ways on (stop calls, complain)."""
    dispatcher.utter_message(
        text=OWN_NUMBER.format(phone=mask_phone(phone)),
        buttons=[
            {"title": "别再打给我", "payload": f"别再打给我 {phone}"},
            {"title": "转人工投诉", "payload": "/request_human"},
        ],
    )


NO_ACCOUNT = (
    "我们不会给任何人提供收款账号或收款码，也请不要把钱转给自称我们工作人员的任何人。借款只能由借款人本人在我们的App或官网里"
    "还款；家人想帮忙，可以陪借款人一起操作。"
)
BEREAVED_NEXT = (
    "这件事已经转给人工客服，由他们按专门的流程和您一起处理，您不需要现在还任何钱。办理时一般需要：逝者的死亡证明、"
    "您和逝者的关系证明（例如户口本或出生证明）、您本人的身份证；借款的具体情况，人工客服核实这些之后会告诉您，"
    "也会说明继承人只在继承的遗产范围内承担、放弃继承就不用承担。人工客服接手后会在这里回复您。"
)
OTHERS_LOAN_TO_A_BORROWER = (
    "其他人的借款，即使是家人的，我们也不能查询或透露，包括是否有借款；请对方本人登录或验证身份后查询。"
    "您自己的借款，可以随时问我。"
)


PLAINLY_NOT_YOURS = "不用您还。您没有任何还款义务；只要转告借款人本人联系我们就行。"
# 我根本没在你们这借过钱 / 会不会有人冒用我的身份证借了钱: how to find out, and what to do (it was asked for
# "the borrower's phone", then told what data the chat keeps).
# (先别转钱… leads only where a demand was told: 我妹妹用我身份证借过钱吗 我好担心 told of none)
NO_MONEY_NO_LINK = "先别转钱，也别点短信里的链接。"
A_DEMAND_TOLD = re.compile(r"短信|简讯|信息|催|电话|链接|让我还|说我欠|转账|打钱")
ID_MISUSE = (
    "想确认在我们这里有没有以您名义的借款：在这里输入您本人的手机号，验证后我帮您查；"
    "也可以在中国人民银行征信中心免费查一次本人信用报告，看有没有不认识的贷款。如果真有不是您借的，请报警（110），"
    "并转人工登记，我们会核查；收到的催款如果不是我们发的，很可能是诈骗，可以打96110反诈专线。"
)


LOAN_DISPUTED = (
    "如果其中有不是您本人借的（身份被冒用），请先报警（110）并保留报警回执，再转人工登记申诉，我们会核查借款时的"
    "申请和放款记录；也可以在中国人民银行征信中心免费查一次本人信用报告，看有没有其他不认识的贷款。"
)


def id_misuse(text: Text) -> Text:
    """会不会有人冒用我的身份证借了钱: how to find out — and, with a demand told, not to pay or click first."""
    return (NO_MONEY_NO_LINK if A_DEMAND_TOLD.search(to_simplified(text or "")) else "") + ID_MISUSE


# Where someone unsure whether a loan is theirs goes next: verified here, or a person.
CHECK_OR_PERSON = [
    {"title": "查一查我有没有借款", "payload": "/start_verification"},
    {"title": "转人工", "payload": "/request_human"},
]
CODE_PASSED_ON = re.compile(
    r"验证码[^。？?]{0,12}(?:告诉|转告|发给|给|念给|报给)(?:我|你)|(?:让|叫)(?:她|他)[^。？?]{0,8}验证码"
)
CODE_IS_THEIRS = (
    "不行。验证码只能由借款人本人在自己的手机上收、自己输入，不能转告任何人，包括家人——这是为了保护对方的账户，"
    "也是我们对每一位客户的做法。请对方本人来这里验证，或者登录我们的App查询；您本人没有任何还款义务。"
)


async def answer_third_party(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Someone asking about another person's loan (PRODUCT_TERMS "Identity and privacy"): no loan
    facts, how to reach us, and the borrower is told — when we know who they are: the phone the
    asker gave (the answer is the same whether it is a customer's or not), or the logged-in
    session the asker writes from."""
    text = to_simplified((tracker.latest_message or {}).get("text") or "")  # 我是他老婆 in either script
    check = await identify(tracker)
    if (
        check.borrower_id
        and not NOT_ME.search(text)
        and not speaks_for_them(text)
        and not tells_of_a_death(text)
        and not asks_about_someone_else(text)  # (帮我查我老婆的欠款: someone else's loan, said so)
        and (asks_not_to_be_contacted(text) or says_not_the_borrower(text))
    ):
        # 刘红是谁啊我不认识 … 你们别打给我儿子 (the logged-in borrower): "您本人没有任何还款义务", as to a
        # stranger — their own contacts instead, and how to withdraw one
        if fears_identity_misuse(text) and not asks_not_to_be_contacted(text):
            # 真不是我借的 我要申诉 被冒用了怎么办, from the logged-in borrower: the loans in their name, and
            # the way to dispute one (it got where the emergency contact came from, h25a)
            ledger = await in_thread(loan_store().ledger, check.borrower_id)
            dispatcher.utter_message(
                text=(wording.loans_borrowed(ledger) + "\n\n" if ledger and ledger.loans else "") + LOAN_DISPUTED,
                buttons=[{"title": "转人工登记申诉", "payload": "/request_human"}],
            )
            return check.events
        contacts = await in_thread(loan_store().emergency_contacts, check.borrower_id)
        asked = person_asked_about(text, contacts)
        if asked and not asked[1]:
            dispatcher.utter_message(text=wording.not_among_contacts(asked[0]))
        dispatcher.utter_message(text=wording.contacts_on_file(contacts))
        return check.events
    if tells_of_a_death(text):
        # 我爸爸上个月去世了 我们子女要替他还吗: condolences, what heirs owe, and a person at once — never
        # "早日好起来", nor a login asked of the family (DOMAIN: bereavement goes to a trained human).
        ticket = await in_thread(
            loan_store().create_handoff,
            tracker.sender_id,
            None,
            "【家属告知借款人去世】" + redact_text(text)[:300],
            utc_now(),
        )
        dispatcher.utter_message(text=BEREAVEMENT.format(reference=ticket.reference))
        return check.events + [SlotSet("not_the_borrower", True), SlotSet("bereaved", True)]
    if tracker.get_slot("bereaved"):
        # 他叫张伟 我该怎么处理 要我来还吗 / 需要什么材料, after telling of the death: still the family —
        # not "we will tell the borrower someone asked"
        if asks_for_an_account(text):
            dispatcher.utter_message(text=NO_ACCOUNT)
        dispatcher.utter_message(text=BEREAVED_NEXT, buttons=[{"title": "转人工", "payload": "/request_human"}])
        return check.events
    # 我是他姐姐 / 我不认识他: no code is sent to a borrower's phone from this chat after it
    # (陈静是我妹妹 她那笔借款逾期了吗 她让我帮她还, logged in: the borrower asks about someone else's loan —
    # not someone speaking for them; they were then asked to verify, and told later that a relative had
    # asked about their loan, h34b)
    one_of_mine = asks_about_one_of_mine(text)
    for_the_session = (speaks_for_them(text) and (SPEAKS_FOR_THEM.search(text) or not one_of_mine)) or (
        one_of_mine and await _names_the_session_borrower(text, check.borrower_id)  # 张伟是我老公 他那笔… in 张伟's
    )
    someone_else = (
        for_the_session or NOT_ME.search(text)  # in a logged-in session, said in so many words
        if check.borrower_id
        else says_not_the_borrower(text) or speaks_for_them(text)
    )
    marked = [SlotSet("not_the_borrower", True)] if someone_else else []
    if says_phone_not_theirs(text):  # 他手机在我这: no code sent to it from this chat counts, ever (h24b)
        marked.append(SlotSet("phone_not_theirs", True))
    hardship_told = tells_of_hardship_news(text)
    if hardship_told:  # 他出车祸住院了: a person first, with a human at once (before anything else asked)
        dispatcher.utter_message(text=HARDSHIP_NEWS, buttons=[{"title": "转人工", "payload": "/request_human"}])
    if asks_not_to_be_contacted(text):  # 我不认识他 别再打给我了: the asker is left alone, by their number
        if asks_for_an_account(text) or offers_to_pay_for_them(text):
            # 我不是他我能替他还吗？还有以后别打我电话了: both (the paying was dropped)
            dispatcher.utter_message(text=NO_ACCOUNT)
        await refuse_contact(dispatcher, None if THEIR_PHONE.search(text) else find_phone(text), text)
        return marked
    phone = find_phone(text)
    if phone and OWN_PHONE.search(text):  # 我号码139… 把我删了: the asker's own number, not the borrower's
        if not tracker.get_slot("bereaved") and len(re.sub(r"[\W\d_]", "", text)) <= 6:
            # 我手机号137…, alone, from a colleague who was called: theirs — what it is kept for, and
            # the ways on (with a question about the borrower, the question is answered instead)
            say_own_number(dispatcher, phone)
            return check.events + marked
        phone = None
    if ID_NUMBER.search(text):  # 帮我查一下这个身份证号 110…(someone else's): never looked up by it
        dispatcher.utter_message(text=NO_ID_LOOKUP)
    if says_is_an_official(text):  # 我是派出所民警 需要调取…: who cannot be checked here, and the formal way
        dispatcher.utter_message(text=OFFICIAL_REQUEST, buttons=[{"title": "转人工", "payload": "/request_human"}])
    if asks_for_an_account(text) or offers_to_pay_for_them(text):
        # 那我直接帮她还 你给我个账号 / 我想帮他还掉: how it can be paid, and no account to anyone
        dispatcher.utter_message(text=NO_ACCOUNT)
    if complaint_category(text) is not None or means_to_complain(text):
        # 我是他姐姐 你们催收员打电话骂我 / 我是他同事 你们打到我这来了 我要投诉: heard, and where it goes
        dispatcher.utter_message(
            text="很抱歉让您遇到这样的事。辱骂、威胁、向借款人以外的人施压，都是我们明令禁止的。"
            "转人工可以登记您的投诉（当时的时间、来电号码或对方自称的身份），核查后会答复您。",
            buttons=[{"title": "转人工登记投诉", "payload": "/request_human"}],
        )

    if CODE_PASSED_ON.search(text) and not check.borrower_id:
        # 验证码发他手机上我念给你: never (the privacy text again, and the phone asked for again)
        dispatcher.utter_message(text=CODE_IS_THEIRS)
        return check.events + marked
    if fears_identity_misuse(text) and not speaks_for_them(text) and not asks_about_someone_else(text):
        dispatcher.utter_message(text=id_misuse(text), buttons=CHECK_OR_PERSON)
        return check.events
    if wants_it_plain(text) and not check.borrower_id:
        # 太长了看不懂 你就说我要不要还钱, from the borrower's mother: one line (it got the long text again)
        dispatcher.utter_message(text=PLAINLY_NOT_YOURS)
        return check.events + marked
    # In a logged-in session the borrower is the one asked about only when the asker says they
    # speak for them (我是他老婆); a borrower asking about someone else (她让我查的) is not asked about.
    session_borrower = check.borrower_id if check.borrower_id and for_the_session else None
    earlier = phone is None and phone_given_before(tracker)  # that person is already noted
    known = phone or session_borrower or earlier
    if (phone or session_borrower) and not earlier:
        await in_thread(
            loan_store().note_third_party_inquiry,
            utc_now(),
            relation_in(text),
            phone,
            None if phone else session_borrower,
        )
    if check.borrower_id and not session_borrower:
        # 帮我查下我老婆欠多少, from a logged-in borrower: "you owe nothing" would be false to them.
        dispatcher.utter_message(text=OTHERS_LOAN_TO_A_BORROWER)
    else:
        dispatcher.utter_message(response="utter_third_party")
    dispatcher.utter_message(response="utter_third_party_will_tell" if known else "utter_third_party_leave_phone")
    return check.events + marked


# 你好 我是张建国，…: a writer who names themself.
_SELF_NAMED = re.compile(r"^(?:你好|您好|在吗)?[，,。!！\s]*我(?:是|叫)([\u4e00-\u9fff]{2,3})(?:本人)?[，,。!！\s]")
_NOT_A_NAME = frozenset({"借款人", "本人", "客户", "用户", "老客户", "你们的", "他们的", "机主", "户主"})


async def _names_the_session_borrower(text: str, borrower_id: Optional[str]) -> bool:
    if not borrower_id:
        return False
    profile = await in_thread(loan_store().borrower, borrower_id)
    return bool(profile and profile.name and profile.name in to_simplified(text))


# 他是我朋友 / 借款人张三: another person asked about, by who they are to the writer.
_OTHER_PERSON = re.compile(r"(?:他|她)是我(?:的)?(?:朋友|同学|同事|亲戚|邻居|室友)|借款人[\u4e00-\u9fff]{2,3}的")
_LOAN_REF = re.compile(r"(?<![A-Za-z0-9])[Ll]\d{4}(?!\d)")
_BORROWER_REF = re.compile(r"(?<![A-Za-z0-9])[Bb]\d{3}(?!\d)")


async def others_named(borrower_id: Text, text: Text, numbers_name_a_loan: bool = True) -> Optional[Text]:
    """A loan, a borrower or a phone named in a verified borrower's question that is not theirs:
    what to say first (the same whether it belongs to someone or to no one)."""
    phones = set(PHONE_PATTERN.findall(digits_of(text or ""))) if numbers_name_a_loan else set()
    loans = {m.group(0).upper() for m in _LOAN_REF.finditer(text or "")}
    people = {m.group(0).upper() for m in _BORROWER_REF.finditer(text or "")} - {borrower_id}
    if not phones and not loans and not people:
        return None
    store = loan_store()
    profile = await in_thread(store.borrower, borrower_id)
    ledger = await in_thread(store.ledger, borrower_id) if loans else None
    not_theirs = sorted(loans - {loan.id for loan in (ledger.loans if ledger else ())})
    other_phone = profile is not None and any(p != profile.phone for p in phones)
    if not not_theirs and not other_phone and not people:
        return None
    # Not echoed: what someone else's reference looks like is never repeated in this conversation.
    said = "您名下没有您说的这笔借款。" if not_theirs else ""
    if other_phone:
        said += "这个号码不是您登记的手机号。"
    return said + "这里只能查询和办理您本人的借款，其他人的借款（包括有没有借款）都不能查询。下面是您自己的："


def phone_given_before(tracker: Tracker) -> bool:
    """A phone number was in one of the conversation's earlier messages (someone's loan named by it)."""
    return any(find_phone(e.get("text") or "") for e in tracker.events[:-1] if e.get("event") == "user")


# 15012345678 还有你们怎么会有我号码的: the same answer whoever's contact the number is.
WHERE_THE_NUMBER_CAME_FROM = (
    "您的号码可能是有人在借款时填写的联系人号码，也可能是填错了号码，或者号码以前的主人留下的；是谁填的，我们不能告诉您。"
    "如果您认为自己的信息被人滥用，可以转人工投诉，我们会核查。"
)


async def refuse_contact(dispatcher: CollectingDispatcher, phone: Optional[str], asked: Text = "") -> None:
    """Someone who is not the borrower asked not to be contacted: with their number it is kept (the
    answer is the same whether the number is anyone's contact); without it, it is asked for. Where
    the number came from, when asked, is answered after."""
    if phone is None:
        dispatcher.utter_message(response="utter_refusal_needs_phone")
    else:
        await in_thread(loan_store().refuse_contact, phone, utc_now())
        dispatcher.utter_message(response="utter_refusal_kept", masked_phone=mask_phone(phone))
    if complaint_category(asked) is not None:
        # 18612345678，今天都打了五次了，晚上十点还在打: heard as a complaint, not only told our hours
        dispatcher.utter_message(
            text=HEARD_AS_A_COMPLAINT, buttons=[{"title": "转人工登记投诉", "payload": "/request_human"}]
        )
    if asks_where_our_number_came_from(asked):
        dispatcher.utter_message(
            text=WHERE_THE_NUMBER_CAME_FROM, buttons=[{"title": "转人工投诉", "payload": "/request_human"}]
        )


HEARD_AS_A_COMPLAINT = (
    "很抱歉这样打扰您，您说的情况不符合我们的规定。转人工可以登记您的投诉（大概的时间、来电号码、对方说了什么），"
    "我们会核查处理。"
)


async def tell_of_third_parties(dispatcher: CollectingDispatcher, borrower_id: str) -> None:
    """The borrower hears, once, that someone asked about them (and learnt nothing)."""
    asked = await in_thread(loan_store().take_third_party_inquiries, borrower_id, utc_now())
    if asked:
        lines = [wording.inquiry_line(at, relation) + "情况" for at, relation in asked]
        dispatcher.utter_message(text="提示：" + "；".join(lines) + "。我们没有透露任何信息。")


def warned_just_before(tracker: Tracker) -> bool:
    """The assistant's last action before this message was the middleman warning."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in ("action_listen", None):
            return event.get("name") == "action_middleman_warning"
    return False


# 让我把钱打到他私人账户 说能停息挂账: money asked for — the middleman warning, whoever they say they are.
_MONEY_ASKED = re.compile(r"私人|个人账户|个人卡|转账|转钱|打钱|打到|收款码|停息挂账|减免|手续费|服务费|收费")
# 我已经转了 / 打给他了: money sent (not the debt said to be "转给他们").
_MONEY_SENT = re.compile(
    r"(?:钱|款)[^，,。？?]{0,4}(?:转|打|付)(?:给|到)?了|已经(?:转|打|付)(?:了|过)|我(?:转|打|付)了\s*\d"
)
CODE_ON_ANOTHERS_PHONE = (
    "验证码会发到在这里输入的手机号。别人的手机收到我们的验证码，多半是有人输错了号码，或者有人拿这个号码在尝试验证；"
    "验证码只用来确认身份，不会扣钱，也不能用来借款。请让对方不要把验证码告诉任何人，直接忽略就好；"
    "如果反复收到，可以转人工帮忙查看。"
)
DEBT_SOLD_CHECK = (
    "借款有没有转给别的公司，这里不能凭对方一句话确认：债权真的转让，会由我们正式书面通知借款人本人，不会只靠一个电话或短信。"
    "在收到我们的正式通知之前，请只在我们的App或官网还款，不要向对方给的任何账户转账；可以转人工帮您核实。"
)
DEBT_NOT_SOLD_HERE = (
    "您的借款现在还在我们的账上，还款照常在我们的App或官网操作。债权真的转让，会由我们正式书面通知您本人，不会只靠一个电话或短信；"
    "没有收到我们的正式通知之前，请不要向对方给的任何账户转账。可以转人工帮您核实对方的说法。"
)
AGENCY_CHECK = (
    "对方是不是受我们委托，这里查不到，可以转人工帮您核实。不管对方说自己是谁，请记住：还款只在我们的App或官网里操作，"
    "不要把钱转到对方给的任何个人账户、银行卡或收款码，也不要加对方微信、下载别的App或共享屏幕；正规的联系不会这样要求您。"
    "对方如果威胁、辱骂或找您的家人同事，可以直接登记投诉。"
)


class ActionMiddlemanWarning(Action):
    """A middleman: an agent speaking for a borrower is refused (and nothing is verified from here
    after), money already paid to someone is told what to do now, anyone else is warned."""

    def name(self) -> Text:
        return "action_middleman_warning"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        if says_someone_else_got_a_code(text):  # 我朋友收到了你们的验证码: what it means, and not to pass it on
            dispatcher.utter_message(text=CODE_ON_ANOTHERS_PHONE)
            return []
        if says_debt_was_sold(text) and not _MONEY_SENT.search(text):
            # 资产管理公司说我的债转给他们了 那我到底还给谁: to us, until we say otherwise in writing (it was read
            # as money sent: "拨打110…", then "祝您一切顺利", h37a)
            check = await identify(tracker)
            dispatcher.utter_message(
                text=DEBT_NOT_SOLD_HERE if check.borrower_id else DEBT_SOLD_CHECK,
                buttons=[{"title": "转人工核实", "payload": "/request_human"}],
            )
            return check.events
        if (
            says_paid_someone_else(text)
            or (says_scammed(text) and warned_just_before(tracker))
            or (says_paid_a_wrong_account(text) and a_middleman_is_named(text))
        ):
            dispatcher.utter_message(response="utter_middleman_paid")
            return []
        if says_paid_a_wrong_account(text):  # 手滑转到别人卡上了 能退回来吗: a slip, not a scam (h34a)
            dispatcher.utter_message(text=WRONG_ACCOUNT, buttons=[{"title": "转人工", "payload": "/request_human"}])
            return []
        if says_gave_it_away(text):  # 我已经点了还输了验证码怎么办: done already — what to do now, first
            dispatcher.utter_message(
                text=GAVE_IT_AWAY,
                buttons=[{"title": "转人工", "payload": "/request_human"}],
            )
            return []
        if got_an_unasked_code(text):  # 我刚收到验证码 我没申请啊 是不是有人在用我手机号: what it means
            dispatcher.utter_message(text=UNASKED_CODE)
        if says_asked_for_a_code(text):
            dispatcher.utter_message(text=CODE_ASKED_FOR)
            if names_a_scam_move(text):  # …说要帮我注销 我要给吗: the move too (it ended her session)
                dispatcher.utter_message(text=scam_moves(text))
            return []
        if got_an_unasked_code(text):
            return []
        if asks_about_a_link(text):  # 那个链接我能点吗 会不会是钓鱼的: no (it got the contact rules, four times)
            dispatcher.utter_message(
                text=LINK_CHECK, buttons=[{"title": "投诉登记", "payload": "/report_improper_collection"}]
            )
            return []
        if names_a_scam_move(text):  # 让我下个会议软件共享屏幕 这个能弄吗: no, and why (it got "先别转钱")
            dispatcher.utter_message(text=scam_moves(text), buttons=[{"title": "转人工", "payload": "/request_human"}])
            return []
        if says_not_paid_yet(text):  # 我还没转呢 就是问问: good, and the same no (it got "没太明白", h26b)
            dispatcher.utter_message(text=NOT_PAID_YET)
            return []
        if says_is_an_agent(text) or (SUBMIT_PAPERS.search(text) and tracker.get_slot("not_the_borrower")):
            if SUBMIT_PAPERS.search(text):  # 那我怎么提交委托书: the formal way (the refusal alone, three times)
                dispatcher.utter_message(
                    text=PAPERS_FORMALLY, buttons=[{"title": "转人工", "payload": "/request_human"}]
                )
                return [] if (await identify(tracker)).borrower_id else [SlotSet("not_the_borrower", True)]
            dispatcher.utter_message(response="utter_agent_refused")
            return [] if (await identify(tracker)).borrower_id else [SlotSet("not_the_borrower", True)]
        if asks_if_an_agency_is_ours(text) and not _MONEY_ASKED.search(text):
            # 说是你们的合作催收公司，是真的吗: how to tell, and no money to them (money asked for: the warning)
            dispatcher.utter_message(
                text=AGENCY_CHECK,
                buttons=[
                    {"title": "转人工核实", "payload": "/request_human"},
                    {"title": "登记投诉", "payload": "/report_improper_collection"},
                ],
            )
            return []
        if asks_if_impersonation_is_real(text):  # …不转账到他给的账户就要抓我，是真的吗: no, first
            dispatcher.utter_message(text=NOT_REAL_NO_ARREST)
        if says_someone_came_to_the_door(text):  # 两个男的上门 让我扫码转账: nobody of ours comes to the door
            dispatcher.utter_message(text=NO_HOME_VISITS)
        dispatcher.utter_message(response="utter_middleman_warning")
        return []


WRONG_ACCOUNT = (
    "转到别人卡上的钱不算还款，我们这边收不到，您的欠款也不会因此减少。请尽快联系您转出用的银行或支付平台（银行客服、"
    "微信或支付宝的客服），说明是转错了账，请他们联系收款方退回；对方不肯退的，可以报警或通过法院要求返还。转账记录请保存好。"
    "以后还款请只在我们的App里操作，不要转给任何个人。"
)


# 有个自称你们法务的人…说我不转账就要抓我，是真的吗 (it was answered as if the money were gone)
NOT_REAL_NO_ARREST = f"不是真的。{wording.NOT_AS_AUTHORITIES}：{wording.NOT_A_CRIME}。"


HELD_PHONE = (
    "这次对话里刚才有人说，借款人的手机在他手上。为了保护借款人，这次对话里不再显示任何借款信息，发到这部手机的验证码也不能用来验证。"
    "如果您就是借款人本人，请用您自己的手机重新登录App或网页后再来问，或者转人工，由客服用其他方式核实。"
)


NO_LOGIN_AFTER_CRISIS = (
    "这件事现在不用您验证身份：您的情况已经优先转给了人工客服，您在这里说的他们接手时都能看到，会一并处理。"
    "欠款的事可以先放一放，您的安全最重要——心理援助热线 12356 随时有人接听。"
)
# The public rules that end by asking who they are (the complaint's): not said to someone just in crisis.
ASKS_FOR_A_LOGIN = ("utter_complaint_before_verification",)


def after_a_crisis(tracker: Tracker) -> bool:
    """The crisis answer was given in this conversation, a few turns ago at most."""
    return any(
        e.get("event") == "action" and e.get("name") == "action_crisis_support"
        for e in tracker.events[-CRISIS_LOOKBACK:]
    )


def login_held_since_crisis(tracker: Tracker) -> bool:
    """NO_LOGIN_AFTER_CRISIS was said since the last crisis answer: said once, it is not a wall (h28a:
    那我先验证一下身份吧 / 我真的没事了 就想知道一共欠多少 / 查询欠款 each got it again, three times)."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == "action_crisis_support":
            return False
        if event.get("event") == "bot" and (event.get("text") or "").startswith(NO_LOGIN_AFTER_CRISIS[:20]):
            return True
    return False


class BorrowerQuestion(Action, ABC):
    """A question about the borrower's own loans: answered for a verified borrower, otherwise the
    question is remembered and the verification form takes over (rules: needs_verification)."""

    action_name: Text = ""
    # Slots reset when the question waits for verification (keeps rules' slot sets consistent).
    reset_while_unverified: tuple = ()
    # What anyone may know of the answer (a public rule), said before asking who they are.
    public_answer: Optional[Text] = None
    # Whether "还剩几期" asked with this question is answered with the instalments left, counted.
    counts_left: bool = False
    # Said after the public rule instead of starting the verification, when the words only asked
    # about the rule (a message with buttons); None: the verification starts.
    offered_after_rule: Optional[Dict[Text, Any]] = None
    # Whether the question is "verify me" itself: said by someone who said they were not the
    # borrower, it is their word that they are (the code still goes to the registered phone).
    asks_to_verify: bool = False
    # Whether a phone number in the question names whose loan is asked about (13900139002欠了多少);
    # in a complaint or about contacts a number is a caller's or a relative's, not a loan's.
    numbers_name_a_loan: bool = False
    # What someone who said they are not the borrower is told instead of the question's answer (None:
    # utter_only_the_borrower).
    third_party_answer: Optional[Text] = None
    # Offered (a button) instead of the verification, after the public rule, when the words ask about
    # the rule and not about the writer's own loan (罚息怎么算的); None: the verification starts.
    own_figures_offer: Optional[Dict[Text, Any]] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.action_name:
            QUESTIONS[cls.action_name] = cls

    def name(self) -> Text:
        return self.action_name

    @abstractmethod
    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        """Answers the verified borrower."""

    def public_answer_for(self, text: Text) -> Optional[Text]:
        """The public rule said for these words (a question can ask about something else the rule
        is not about)."""
        return self.public_answer

    def public_points(self, text: Text) -> List[Text]:
        """The particular points of the public rule the words ask about (罚息能免吗), said after it."""
        return []

    def wants_own_figures(self, text: Text) -> bool:
        """Whether the words ask about the writer's own loan, not only the rule (see own_figures_offer);
        a button's payload (验证后看我的罚息) always does."""
        return (text or "").startswith("/") or about_their_own(text) or bool(_HOW_MUCH_ASKED.search(text or ""))

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        if asks_about_someone_else(text) or (
            # 我们是夫妻 共同债务 我有权知道吧？…多少钱你说个数: someone else, said — not a verification begun
            says_not_the_borrower(text)
            and not says_is_the_borrower(text)
            and not self.asks_to_verify
            and not (await identify(tracker)).borrower_id
        ):
            # 帮我查我老婆的欠款: whoever asks, nobody learns about another person's loan here.
            events = await answer_third_party(dispatcher, tracker)
            return (
                events
                + [SlotSet(slot, None) for slot in self.reset_while_unverified]
                + [SlotSet("needs_verification", False)]
            )
        check = await identify(tracker)
        self_named = _SELF_NAMED.match(to_simplified(question_text(tracker, self.action_name)))
        if (
            check.borrower_id
            and self_named
            and self_named.group(1) not in _NOT_A_NAME
            and not await _names_the_session_borrower(self_named.group(1), check.borrower_id)
        ):
            # 我是张建国，你们上个月打电话给我干嘛, in 赵磊's logged-in chat: someone else, by their own word (the
            # NLU reads 我是<name> as the writer's own question — 我是赵磊 想问下下期还多少, h37b)
            events = await answer_third_party(dispatcher, tracker)
            return (
                events
                + [SlotSet(slot, None) for slot in self.reset_while_unverified]
                + [SlotSet("needs_verification", False)]
            )
        if (
            check.borrower_id is None
            and tracker.get_slot("not_the_borrower")
            and tracker.get_slot("phone_not_theirs")
            and says_is_the_borrower(question_text(tracker, self.action_name))
        ):
            # 哎呀刚才逗你的 我就是本人: after "her phone is with me", neither the login on it nor a code sent
            # to it tells who writes (h29b: the full schedule was shown)
            dispatcher.utter_message(text=HELD_PHONE, buttons=[{"title": "转人工", "payload": "/request_human"}])
            return check.events + [SlotSet(slot, None) for slot in self.reset_while_unverified]
        if (
            check.borrower_id is None
            and tracker.get_slot("not_the_borrower")
            and not self.asks_to_verify
            and not says_is_the_borrower(question_text(tracker, self.action_name))
        ):
            # 我是他姐姐 … 查下他欠多少: no code goes to the borrower's phone from a third party's chat
            asked = question_text(tracker, self.action_name)
            rule = self.public_answer_for(asked)
            if rule and not tracker.get_slot("bereaved") and not self.third_party_answer:
                # 罚息怎么算 / 罚息是不是超过LPR四倍, from a lawyer or a relative: the public rule is anyone's
                # to know (it was refused); a particular loan's figures are still the borrower's alone
                dispatcher.utter_message(response=rule)
                for point in self.public_points(asked):
                    dispatcher.utter_message(text=point)
                dispatcher.utter_message(text=RULE_TOLD_NOT_THE_LOAN)
            elif tracker.get_slot("bereaved"):  # 我能拿到他的借款信息吗: the family of one who died
                dispatcher.utter_message(text=BEREAVED_NEXT, buttons=[{"title": "转人工", "payload": "/request_human"}])
            elif self.third_party_answer:  # 那前天晚上十点多打我的那个呢？我要投诉: their own complaint, heard
                dispatcher.utter_message(
                    text=self.third_party_answer, buttons=[{"title": "转人工登记投诉", "payload": "/request_human"}]
                )
            else:
                dispatcher.utter_message(response="utter_only_the_borrower")
            return (
                check.events
                + [SlotSet(slot, None) for slot in self.reset_while_unverified]
                + [SlotSet("needs_verification", False)]
            )
        if check.borrower_id:
            await tell_of_third_parties(dispatcher, check.borrower_id)
            foreign = await others_named(
                check.borrower_id, question_text(tracker, self.action_name), self.numbers_name_a_loan
            )
            if foreign:  # 帮我查一下L2001这笔 / 13900139002欠了多少: not theirs — said, then their own
                dispatcher.utter_message(text=foreign)
            answered = await self.answer(dispatcher, tracker, check.borrower_id)
            if self.counts_left and asks_how_many_left(question_text(tracker, self.action_name)):
                ledger = await in_thread(loan_store().ledger, check.borrower_id)  # 还剩几期: counted
                if ledger:
                    dispatcher.utter_message(text=wording.instalments_left(ledger, today()))
            return check.events + [SlotSet("needs_verification", False)] + answered
        if check.token_refused:
            dispatcher.utter_message(response="utter_token_refused")
        asked = question_text(tracker, self.action_name)
        if asks_about_other_lenders_debts(asked) and not _OURS_TOO.search(to_simplified(asked)):
            # 帮我查下花呗还欠多少: not ours to look up — said, with ours a button away (it asked for a
            # phone number, then read 花呗啊 支付宝那个 as a wrong one, h26b)
            dispatcher.utter_message(
                text=wording.not_ours_to_look_up(other_lenders_in(asked)),
                buttons=[{"title": "查我在这里的借款", "payload": "/start_verification"}],
            )
            return (
                check.events
                + [SlotSet(slot, None) for slot in self.reset_while_unverified]
                + [SlotSet("needs_verification", False)]
            )
        crisis = (
            after_a_crisis(tracker)
            and not login_held_since_crisis(tracker)
            and not self.asks_to_verify
            and not wants_to_be_verified(asked)
        )
        rule = self.public_answer_for(question_text(tracker, self.action_name))
        if rule and not (crisis and rule in ASKS_FOR_A_LOGIN):
            dispatcher.utter_message(response=rule)
        points = self.public_points(question_text(tracker, self.action_name))
        for point in points:
            dispatcher.utter_message(text=point)
        offer = self.offered_after_rule or self.own_figures_offer
        impersonal = bool(rule) and self.own_figures_offer is not None and not self.wants_own_figures(asked)
        if offer and (points and self.offered_after_rule or impersonal):
            # 分期要什么条件 最多分几期 / 罚息怎么算的: the rule answers it; their own figures are offered,
            # not a phone number asked for (which came back after every later question, and read 不用登
            # 就问问 as a wrong number, h26b / h27b).
            dispatcher.utter_message(**offer)
            return (
                check.events
                + [SlotSet(slot, None) for slot in self.reset_while_unverified]
                + [SlotSet("needs_verification", False)]
            )
        if cannot_get_code(question_text(tracker, self.action_name)):
            # 手机丢了收不到验证码 帮我查下欠多少: a code sent to that phone would trap them.
            dispatcher.utter_message(response="utter_verification_other_way")
            return (  # (needs_verification said: without it no rule followed — Rasa's "没能处理好")
                check.events
                + [SlotSet(slot, None) for slot in self.reset_while_unverified]
                + [SlotSet("needs_verification", False)]
            )
        if crisis:
            # 说这些有什么用 … 要是她知道了我真的会跳楼, just after the crisis answer: the complaint began a
            # login ("请输入…手机号码", and again after the next question) — no login asked of them now
            dispatcher.utter_message(
                text=NO_LOGIN_AFTER_CRISIS, buttons=[{"title": "马上转人工", "payload": "/request_human"}]
            )
            return (
                check.events
                + [SlotSet(slot, None) for slot in self.reset_while_unverified]
                + [SlotSet("needs_verification", False)]
            )
        dispatcher.utter_message(response="utter_need_verification")
        return (
            check.events
            + [SlotSet(slot, None) for slot in self.reset_while_unverified]
            + [
                SlotSet("pending_request", self.action_name),
                SlotSet("pending_text", ((tracker.latest_message or {}).get("text") or "")[:500]),
                SlotSet("needs_verification", True),
            ]
        )


class ActionThirdParty(Action):
    def name(self) -> Text:
        return "action_third_party"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if tracker.active_loop_name == "verification_form":
            # 我不是借款人 别再打我电话, at the number or the code: the verification ends, nothing of it kept
            from actions.interruptions import leave_form

            return leave_form(tracker, domain) + await self._answer(dispatcher, tracker, domain)
        return await self._answer(dispatcher, tracker, domain)

    async def _answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        if (
            not speaks_for_them(text)
            and not says_not_the_borrower(text)
            and not asks_about_someone_else(text)
            and not asks_not_to_be_contacted(text)
            and not find_phone(text)
            and not phone_given_before(tracker)
            and not _BORROWER_REF.search(text)  # 再帮我查下借款人B001的欠款 他是我朋友: someone else's (h25b)
            and not _OTHER_PERSON.search(text)
            and (await identify(tracker)).borrower_id
        ):
            # 你们凭什么打给他 / 你们跟他说我欠钱了没有, from the verified borrower: about their own
            # contacts — "you owe nothing" would be false. (Imported here: conduct imports this module.)
            from actions.conduct import ActionContactPolicy

            return await ActionContactPolicy().run(dispatcher, tracker, domain)
        return await answer_third_party(dispatcher, tracker)
