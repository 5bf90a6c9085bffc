"""Written documents (PRODUCT_TERMS "Documents"): a statement of the borrower's loans today, and a
confirmation of each plan, extension or promise they agreed to — as PDF, with the lines the chat
shows, delivered by a short-lived link that works once and only for this borrower."""

import itertools
import os
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import wording
from actions.forms import button
from actions.identity import BorrowerQuestion, latest_metadata, question_text
from actions.store_access import in_thread, loan_store
from documents import lender_name
from documents.pdf import DocumentContent, Section, render_pdf
from loan_store.documents import new_document_reference
from nlu import signals
from nlu.clauses import WHOLE_MESSAGE
from nlu.script import fix_typos
from parsing.phones import mask_phone
from rules.calendar import chinese_date, today, utc_now
from rules.figures import POLICY_FIGURES
from rules.ledger import Ledger
from rules.money import ZERO, yuan
from rules.overdue import first_due_per_source, overdue_summary
from rules.payments import payments_received
from rules.settlement import settlement

DOWNLOAD_PATH = "/webhooks/documents/download/"
CHECK_PATH = "/webhooks/documents/check/"

TITLES = {
    "statement": "对账单",
    "plan": "分期方案确认书",
    "extension": "延期还款确认书",
    "promise": "还款承诺确认书",
}
ARRANGEMENTS = {"plan": "分期方案", "extension": "延期", "promise": "还款承诺"}
PLAN_STATUS = {"active": "生效中", "completed": "已还清", "cancelled": "已取消", "broken": "已失效"}

# Which documents a request names; none named → the statement. 分期乐 is a product, not a plan.
_KINDS = (
    ("settled", re.compile(r"结清证明|結清證明|结清凭证|還清證明|还清证明|结清的?证明|無欠款證明|无欠款证明|结清")),
    ("plan", re.compile(r"分期(?!乐|樂)|协商方案|協商方案|还款方案|還款方案")),
    ("extension", re.compile(r"延期|展期|顺延")),
    (
        "promise",
        # (我之前跟你们约了27号还800 … 证明我跟你们约好了: the promise's, not a statement)
        re.compile(
            r"承诺|承諾|答应[^，。？?]{0,8}还|约定(?:的|了)?还款|保证(?:过|了)?还|说好[^，。？?]{0,8}还|约(?:了|好)[^，。？?]{0,8}还|约好了"
        ),
    ),
    ("statement", re.compile(r"对账|對賬|对帐|對帳|账单|賬單|帐单|明细|明細|流水")),
    ("contract", re.compile(r"合同|合約|借款协议|借款協議|贷款协议|貸款協議")),
)
CONTRACT_NOTE = (
    "借款合同是您借款时在App里签署的电子合同，不在这里出具：可以在App“我的借款—借款详情—借款合同”里查看和下载。"
    "需要盖章的纸质合同，可以转人工申请。"
)


def public_base_url() -> str:
    """Where borrowers reach this server (links in documents and chats): PUBLIC_BASE_URL, else
    this machine's Rasa port."""
    configured = os.environ.get("PUBLIC_BASE_URL", "").strip().rstrip("/")
    return configured or f"http://localhost:{os.environ.get('RASA_PORT', '5005')}"


_NOT_THIS = re.compile(r"(?:不是|不要|不用|别|而不是|并非)[^，,。；;]{0,3}$")
_NOT_NEEDED = re.compile(r"[^，,。；;]{0,3}?(?:就|也)?(?:不用|不要|不需要|免了|算了)")  # 对账单就不用了
# (把协议发我一份, right after a plan: the plan's confirmation — a statement was issued)
_CONFIRMATION = re.compile(
    r"确认单|确认书|确认函|确认信|回执|凭证|凭条|證明|证明|書面|书面|(?<!借款|贷款)协议|(?<!借款|貸款)協議|单子|"
    # 发个确认给我 / 给我一份确认 (h28a: a statement was issued, right after a plan)
    r"[发發给給开開出来來]我?(?:[个個]|一[个個]|一?份|一?[张張])[确確][认認]|[确確][认認][给給发發]我"
)
# 写着每期多少的单子 / 写清楚我每个月还多少: the schedule of each instalment (a plan's, where one is running)
_EACH_INSTALMENT = re.compile(r"每期|每一期|每个月|每月|(?:几|\d+)期")
# What each arrangement's confirmation is issued after, in a conversation.
_MADE_BY = {"action_submit_plan": "plan", "action_submit_extension": "extension", "action_submit_promise": "promise"}


def kinds_asked(text: Text, made: Optional[str] = None) -> List[str]:
    """The documents a message names, in a stable order — not those it declines (要延期的确认书，不是
    对账单); a confirmation named without its kind is of what was just `made`; else the statement."""
    text = fix_typos(text or "")  # 开个节清证明给我: the settlement certificate (a statement was issued)
    found = [
        kind
        for kind, pattern in _KINDS
        if any(
            not _NOT_THIS.search(text[: m.start()]) and not _NOT_NEEDED.match(text[m.end() :])
            for m in pattern.finditer(text)
        )
    ]
    if not found and made and _CONFIRMATION.search(text):
        return [made]  # 给我个书面的确认单, right after an extension: the extension's
    return found or ["statement"]


def last_issued(tracker: Tracker) -> Optional[str]:
    """The kind of the document this conversation last issued, if any."""
    kinds = {title: kind for kind, title in TITLES.items()}
    for event in reversed(tracker.events):
        custom = ((event.get("data") or {}).get("custom") or {}) if event.get("event") == "bot" else {}
        title = (custom.get("document") or {}).get("title") if isinstance(custom, dict) else None
        if title in kinds:
            return kinds[title]
    return None


def just_made(tracker: Tracker) -> Optional[str]:
    """The arrangement this conversation last stored (plan, extension or promise), if any."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in _MADE_BY:
            return _MADE_BY[event["name"]]
    return None


def statement_sections(ledger: Ledger) -> Tuple[Section, ...]:
    """The statement: the same lines the chat shows for "欠多少", the due dates, the early
    settlement quote and the payments received — all as of today."""
    day = today()
    summary = overdue_summary(ledger, day)
    loans = tuple(
        f"借款 {loan.id}（{loan.product}）：借款本金 {yuan(loan.principal)} 元，{loan.term_months}期，"
        f"{chinese_date(loan.start_date)} 起"
        for loan in ledger.loans
    )
    sections = [Section("借款概况", loans)]
    if summary.is_overdue:
        overdue = [
            f"您当前逾期应还共 {yuan(summary.total)} 元，共 {summary.instalment_count} 期，"
            f"最长已逾期 {summary.days_overdue} 天。明细如下："
        ]
        for loan in summary.loans:
            overdue += wording.loan_block(loan).split("\n")
        sections.append(Section("逾期应还", tuple(overdue)))
    else:
        sections.append(Section("逾期应还", ("目前没有逾期。",)))
    dues = first_due_per_source(summary)
    if dues:
        sections.append(Section("接下来的应还款项", tuple(wording.next_due_line(d) for d in dues)))
    quote = settlement(ledger, day)
    lines = [line for block in wording.settlement_lines(quote) for line in block.split("\n")]
    sections.append(Section(f"提前结清（按{chinese_date(day)}计算，当日有效）", tuple(lines)))
    paid = payments_received(ledger)
    received = [wording.payment_line(p) for p in paid] or ["尚未收到还款。"]
    if paid:
        received.insert(0, f"共 {len(paid)} 笔，{yuan(sum((p.amount for p in paid), ZERO))} 元，最近的在前：")
    sections.append(Section("已收到的还款", tuple(received)))
    return tuple(sections)


def plan_sections(plans, ledger: Ledger) -> Tuple[Section, ...]:
    schedules = {plan.id: plan for plan in ledger.plans}
    sections = []
    for plan in plans:
        row = schedules.get(plan.id)
        schedule = row.instalments if row else ()
        total = sum((i.amount for i in schedule), ZERO)
        lines = [
            f"办理日期：{chinese_date(plan.accepted_on)}；状态：{PLAN_STATUS.get(plan.status, plan.status)}",
            f"把逾期应还的 {yuan(plan.restructured_amount)} 元分{plan.months}期，每月还 {yuan(plan.monthly)} 元，"
            f"共还 {yuan(total)} 元，首期还款日 {chinese_date(plan.first_due)}。",
            "纳入分期的原借款："
            + (
                "、".join(f"借款 {loan} 第{seq}期" for loan, seq in plan.restructured)
                or (f"借款 {plan.source_loan_id}（全部纳入分期，原借款已结清）" if plan.source_loan_id else "—")
            ),
            "还款计划：",
        ]
        lines += [
            f"  第{i.seq}期 {chinese_date(i.due_date)}：{yuan(i.amount)} 元"
            + (f"（{chinese_date(i.paid_on)} 已还）" if i.paid_on else "")
            for i in schedule
        ]
        sections.append(Section(f"分期方案 {plan.id}", tuple(lines)))
    return tuple(sections)


# What a line of the statement is, by the words it has (the first that fits): said after the line
# when a borrower asks what a figure on it is.
_WHAT_A_LINE_IS = (
    (
        "按天计",
        "提前结清时，下一期的利息只收到今天为止：这一期的利息 × 已经过去的天数 ÷ 这一期的天数。按期还款就不收这一笔，"
        "下一期照常收整期利息。",
    ),
    ("未到期本金", "还没到还款日的各期本金。提前结清要一次还上；不提前结清，就按各期的还款日还。"),
    ("一次性结清需还", "今天把这笔借款一次还清要还的钱（提前结清），只在今天有效，明天会按天重新算。"),
    ("全部结清合计", "今天把所有借款一次还清的合计（提前结清），只在今天有效。"),
    (
        "罚息",
        f"这一期到期没还：本金和利息是合同里这一期本来要还的，罚息是从到期第二天起，没还的本金每天按"
        f"{POLICY_FIGURES['penalty_rate']}算的，没有别的费用。",
    ),
    ("逾期应还共", "所有已经到期、还没还的合计，下面是每一期的明细。"),
    ("逾期", "这笔借款已经到期、还没还的合计。"),
    ("已还", "分期方案里已经还上的一期。"),
    ("借款本金", "这是借款合同的本金，不是现在要还的金额。"),
    ("每月还", "分期方案：逾期的金额分成几期，每月还的钱。"),
)
_WHAT_A_SECTION_IS = {
    "已收到的还款": "这是我们收到的一笔还款。",
    "接下来的应还款项": "这是还没到期的下一期，到期那天还上就不会有罚息。",
}


def what_a_figure_is(figure, sections: Sequence[Section]) -> Optional[str]:
    """对账单上那个10.50是啥: the lines of the borrower's statement (and plans) that show the figure, each
    with what such a line is; None when no line shows it."""
    shown = f"{yuan(figure)} 元"
    found = [(s, i) for s in sections for i, line in enumerate(s.lines) if shown in line]
    if not found:
        return None
    said = [f"您问的 {shown}，在您的账目里是这样来的（按今天计算）："]
    for section, index in found[:3]:
        line = section.lines[index]
        meaning = _WHAT_A_SECTION_IS.get(section.heading) or next(
            (m for word, m in _WHAT_A_LINE_IS if word in line), ""
        )
        said.append(f"【{section.heading}】{line.strip().lstrip('·+ ')}" + (f"\n{meaning}" if meaning else ""))
        said += [f"  {part.strip()}" for part in _lines_under(section.lines, index)]
    return "\n".join(said)


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" ")) + (1 if line.lstrip().startswith("·") else 0)


def _lines_under(lines: Sequence[str], index: int) -> List[str]:
    """The lines a line of a section introduces: those indented under it, or — a total that ends with
    "：" (明细如下：) — the rest of the section."""
    rest = list(lines[index + 1 :])
    if not rest:
        return []
    if lines[index].endswith("：") and _depth(rest[0]) <= _depth(lines[index]):
        return rest
    return list(itertools.takewhile(lambda line: _depth(line) > _depth(lines[index]), rest))


async def figure_explained(dispatcher: CollectingDispatcher, text: Text, borrower_id: str, ledger: Ledger) -> bool:
    """A figure asked about (10.50是啥), said with the line it is on; True when it was."""
    figure = signals.figure_asked_about(text)
    if figure is None:
        return False
    plans = [p for p in await in_thread(loan_store().plans, borrower_id) if p.status == "active"]
    said = what_a_figure_is(figure, statement_sections(ledger) + plan_sections(plans, ledger))
    if said is None:
        dispatcher.utter_message(
            text=f"您说的 {yuan(figure)} 元，在您今天的账目里没有找到。对账单和通知上的金额是按出具那天算的，罚息每天会变，"
            "旧的单子上的数和今天的可能不一样；您可以说“欠多少”看今天的明细，或者转人工核对。",
            buttons=[button("欠多少", "/check_overdue"), button("转人工", "/request_human")],
        )
        return True
    dispatcher.utter_message(text=said)
    return True


# Settings and complaints have no written confirmation of their own (PRODUCT_TERMS "Documents").
_NOT_A_DOCUMENT = re.compile(r"设置|联系方式|联系时间|授权|投诉|工单")
NO_PAPER_FOR_SETTINGS = (
    "联系设置和投诉没有单独的书面确认书：设置在这里说“查看我的联系记录”随时能看到，改过的都已经生效；"
    "投诉有工单号，凭它可以在这里问处理进度。能出具的书面文件是对账单，以及分期、延期、还款承诺的确认书。"
)


def key_line(section: Section) -> str:
    """What an arrangement's confirmation says, for the chat: its second line, with the list that
    line introduces (an extension's "新的还款日：" was said alone, then "下载链接…", h26a)."""
    line = section.lines[1]
    if line.endswith("：") or line.endswith(":"):
        items = list(itertools.takewhile(lambda x: x.startswith("· "), section.lines[2:]))
        line += "；".join(item[2:] for item in items) + ("。" if items else "")
    return line


def extension_sections(extensions) -> Tuple[Section, ...]:
    return tuple(
        Section(
            f"延期 {e.id}",
            (f"办理日期：{chinese_date(e.granted_on)}",) + tuple(wording.extension_granted(e).split("\n")),
        )
        for e in extensions
    )


# Each promise's standing, said on its confirmation (a replaced one read as a second live promise, h26a).
PROMISE_STANDING = {
    "open": "状态：有效",
    "replaced": "状态：已被之后登记的承诺取代，不再有效",
    "covered": "状态：已纳入分期方案，不再单独有效",
}


def promise_sections(promises) -> Tuple[Section, ...]:
    """Every promise, those in force first, each with its standing."""
    ordered = sorted(promises, key=lambda p: p.status != "open")
    return tuple(
        Section(
            f"还款承诺 {p.id}",
            (
                f"登记日期：{chinese_date(p.promised_on)}",
                f"承诺于 {wording.full_date(p.pay_on)} 前还款 {yuan(p.amount)} 元。",
                PROMISE_STANDING.get(p.status, f"状态：{p.status}"),
            ),
        )
        for p in ordered
    )


# 结清证明, before the loans are repaid: when it can be had, what it is, and where a sealed one comes from.
SETTLED_LATER = (
    "结清证明要在借款全部还清之后开具：还清当天起，在这里说“结清证明”就能马上拿到PDF，上面有凭证编号，我们的工作人员"
    "可以核验真伪；需要盖章的纸质证明，可以转人工申请。您目前还有未还清的借款，需要的话我可以先出具今天的对账单"
    "（上面有每笔借款今天结清需要还的金额）。"
)


@dataclass(frozen=True)
class Issued:
    kind: str
    title: str
    reference: str
    url: str
    path: str
    minutes: int


class ActionSendDocument(BorrowerQuestion):
    action_name = "action_send_document"
    numbers_name_a_loan = True
    public_answer = "utter_document_rule"
    # 你们能不能告诉我我的借款合同在哪看, before verification: where the contract is — nobody is verified
    # for it (it got the list of our documents and a phone number asked for)
    offered_after_rule = {
        "text": "对账单和确认书这类凭证，验证身份后我可以在这里为您出具。",
        "buttons": [button("开对账单", "给我开个对账单"), button("转人工", "/request_human")],
    }

    def public_answer_for(self, text: Text) -> Optional[Text]:
        return None if self._contract_only(text) else self.public_answer

    def public_points(self, text: Text) -> List[Text]:
        return [CONTRACT_NOTE] if self._contract_only(text) else []

    @staticmethod
    def _contract_only(text: Text) -> bool:
        return kinds_asked(text, None) == ["contract"]

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, borrower_id: str) -> List[EventType]:
        store = loan_store()
        ledger = await in_thread(store.ledger, borrower_id)
        if not ledger or not ledger.loans:
            dispatcher.utter_message(response="utter_no_loans")
            return []
        profile = await in_thread(store.borrower, borrower_id)
        # A link issued in a logged-in web or REST conversation also needs that login to open; on
        # WeChat the link opens in WeChat's browser, which has no login to show: the link is the key.
        channel = tracker.get_latest_input_channel()
        needs_login = bool(latest_metadata(tracker).get("auth_token")) and channel != "wechat"
        asked = question_text(tracker, self.action_name)
        if await figure_explained(dispatcher, asked, borrower_id, ledger):
            return []  # 对账单上那个10.50是啥: the line it is on (a statement was issued again)
        wanted = kinds_asked(asked, just_made(tracker))
        named = any(p.search(fix_typos(asked)) for _, p in _KINDS)
        whole = str(latest_metadata(tracker).get(WHOLE_MESSAGE) or "")
        if not named and whole and whole != asked and kinds_asked(whole, just_made(tracker)) != ["statement"]:
            # 我8月份办的那个分期，当时没拿到任何书面的东西，现在能补一份吗: the kind is named in another
            # clause of the message (现在能补一份吗 alone issued a statement, h30a)
            wanted = kinds_asked(whole, just_made(tracker))
        elif not named and _EACH_INSTALMENT.search(asked):
            plans = [p for p in await in_thread(store.plans, borrower_id) if p.status == "active"]
            if plans:  # 我要那种写着6期每期281的单子, with a plan: the plan's (a second statement came, h30a)
                wanted = ["plan"]
        again = signals.says_link_failed(asked) and not named
        if again and not last_issued(tracker):
            # 链接过期了, with no document issued here: none is made unasked (and a link from elsewhere is
            # not ours to open)
            dispatcher.utter_message(
                text="这次对话里我还没有给您发过下载链接。需要对账单或确认书的话，点下面的按钮或直接说要哪一份；"
                "别处收到的链接请不要点，我们的凭证只在这里出具。",
                buttons=[button("开对账单", "给我开个对账单"), button("转人工", "/request_human")],
            )
            return []
        if again:
            # 这个链接打不开了怎么办: the same document, issued again (a link opens once, for 10 minutes)
            wanted = [last_issued(tracker)]
            dispatcher.utter_message(
                text="下载链接只能用一次，而且很快会过期，用过或过期就打不开了。我重新为您出具一份："
            )
        notes: List[str] = []
        if not named and _NOT_A_DOCUMENT.search(asked) and not again:
            # 这些设置能给我个书面确认吗 / 把我投诉的和设置的都写上: no paper for those — said, with where
            # they are seen (a plain statement was issued, without them, h26a)
            dispatcher.utter_message(
                text=NO_PAPER_FOR_SETTINGS,
                buttons=[button("查看我的联系设置", "查看我的联系记录"), button("开对账单", "给我开个对账单")],
            )
            return []
        if "settled" in wanted:
            others = [k for k in wanted if k != "settled"]
            owed = settlement(ledger, today())
            if (owed.quoted or owed.plans) and not others:
                # 还完以后去哪开结清证明 多久能拿到 有没有盖章的: when and how — not a statement issued unasked
                dispatcher.utter_message(
                    text=SETTLED_LATER,
                    buttons=[button("开对账单", "给我开个对账单"), button("转人工", "/request_human")],
                )
                return []
            if owed.quoted or owed.plans:  # (a loan under a plan is owed too: a statement was issued unasked)
                notes.append("结清证明要在借款全部还清后才能开具，您目前还有未还清的借款。")
            wanted = others or ["statement"]
        if "contract" in wanted:
            # 我要借款合同: not a document of ours here (it got the statement) — where it is, and a person.
            wanted = [k for k in wanted if k != "contract"]
            if not wanted:
                dispatcher.utter_message(text=CONTRACT_NOTE, buttons=[button("转人工", "/request_human")])
                return []
            notes.append(CONTRACT_NOTE)
        issued: List[Issued] = []
        said_in_chat: Dict[str, str] = {}
        for kind in dict.fromkeys(wanted):
            sections = await self._sections(kind, borrower_id, ledger)
            if not sections:
                notes.append(f"您名下没有已办理的{ARRANGEMENTS[kind]}，所以没有{TITLES[kind]}可以出具。")
                continue
            issued.append(await self._issue(kind, sections, borrower_id, profile, needs_login))
            if kind in ARRANGEMENTS and len(sections) == 1 and len(sections[0].lines) > 1:
                # 我答应你们哪天还钱来着 把那个承诺的确认书发我一份 … 我手机打不开pdf: what it says, said here too
                said_in_chat[issued[-1].reference] = key_line(sections[0])
        if not issued:
            # 给我开个延期的证明, with no extension: nothing else is issued unasked — offered instead.
            for note in notes:
                dispatcher.utter_message(text=note)
            dispatcher.utter_message(
                text="需要的话，我可以为您出具今天的对账单。", buttons=[button("开对账单", "给我开个对账单")]
            )
            return []
        if signals.asks_for_delivery(question_text(tracker, self.action_name)):
            notes.append(
                "凭证只在这里以下载链接的方式给您，不通过邮件、短信或快递寄送，免得落到别人手里；"
                "下载好的文件您可以自己保存、打印或交给需要的单位（链接本身请不要转发）。需要盖章的纸质件，可以转人工咨询。"
            )
        for note in notes:
            dispatcher.utter_message(text=note)
        web_chat = channel == "webchat"  # the widget draws its own button
        for doc in issued:
            summary = said_in_chat.get(doc.reference)
            text = (
                f"已为您出具《{doc.title}》，凭证编号 {doc.reference}"
                + (f"，上面写明：{summary}" if summary else "，金额与对话中显示的一致。")
                + f"下载链接{doc.minutes}分钟内有效，只能下载一次，只限您本人使用"
            )
            text += "：" if web_chat else f"：\n{doc.url}"
            dispatcher.utter_message(
                text=text,
                json_message={
                    "document": {
                        "title": doc.title,
                        "reference": doc.reference,
                        "url": doc.url,
                        "path": doc.path,
                        "expires_in_minutes": doc.minutes,
                    }
                },
            )
        dispatcher.utter_message(response="utter_document_after")
        return []

    @staticmethod
    async def _sections(kind: str, borrower_id: str, ledger: Ledger) -> Sequence[Section]:
        store = loan_store()
        if kind == "statement":
            return statement_sections(ledger)
        if kind == "plan":
            return plan_sections(await in_thread(store.plans, borrower_id), ledger)
        if kind == "extension":
            return extension_sections(await in_thread(store.extensions, borrower_id))
        return promise_sections(await in_thread(store.promises, borrower_id))

    @staticmethod
    async def _issue(kind: str, sections, borrower_id: str, profile, needs_login: bool) -> Issued:
        store, now = loan_store(), utc_now()
        issued_on = today()
        reference = new_document_reference(issued_on)
        base = public_base_url()
        content = DocumentContent(
            title=TITLES[kind],
            lender=lender_name(),
            reference=reference,
            issued_on=issued_on,
            borrower=f"{profile.name if profile else ''}（手机 {mask_phone(profile.phone) if profile else ''}）",
            sections=tuple(sections),
            notes=(
                "金额单位：元。逾期金额、罚息和提前结清金额按出具日计算，之后按天变化。",
                f"本凭证的真伪可凭编号 {reference} 在 {base}{CHECK_PATH}{reference} 核验。",
            ),
        )
        pdf = await in_thread(render_pdf, content)
        link = await in_thread(store.issue_document, reference, borrower_id, kind, TITLES[kind], pdf, now, needs_login)
        path = DOWNLOAD_PATH + link.token
        minutes = int((link.expires_at - now).total_seconds() // 60)
        return Issued(kind, TITLES[kind], reference, base + path, path, minutes)
