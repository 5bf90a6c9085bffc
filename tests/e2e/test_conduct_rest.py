"""Collection conduct end to end over REST: complaint, history, third parties."""

import re

import pytest

from loan_store.repository import LoanStore
from tests.e2e.test_rest_conversations import FIGURE, token


def test_complaint_ticket_stored_once_with_breaches_named(assistant, sender):
    me = token("B004")
    first = assistant.text(sender, "前天晚上十点四十催收打电话骂我", me)
    assert "我帮您登记投诉" in first and "来电号码或对方的工号" in first
    assistant.text(sender, "不清楚", me)
    filed = assistant.text(sender, "还打给了我同事周杰", me)
    ticket = re.search(r"工单号 (T\d{8}[0-9A-F]{6})", filed).group(1)
    assert "11月18日 22:40 的来电不符合我们的联系时间规定" in filed
    assert "11月19日 09:15 的来电（联系的是 周杰）联系了您没有授权的人" in filed
    assert "12378" in filed
    # The same complaint again is the same ticket.
    assistant.text(sender, "前天晚上十点四十催收打电话骂我", me)
    assistant.text(sender, "不清楚", me)
    again = assistant.text(sender, "还打给了我同事周杰", me)
    assert f"这条投诉我们已经收到过，工单号 {ticket}" in again
    store = LoanStore(assistant.database_url)
    (stored,) = store.complaints("B004")
    store.engine.dispose()
    # A colleague contacted, said at "who else", makes it urgent and joins the description.
    assert (stored.ticket, stored.category, stored.description) == (
        ticket,
        "third_party",
        "前天晚上十点四十催收打电话骂我；还打给了我同事周杰",
    )
    assert "我们会在2小时内答复您" in filed
    assert len(stored.breaches) == 3


def test_history_of_b001(assistant, sender):
    reply = assistant.text(sender, "你们联系过我几次", token("B001"))
    assert "· 短信：共 2 次，最近一次 2026年10月11日 09:02" in reply
    assert "· 2026年11月1日 11:00 致电 张建国（父亲），目的：请对方转告您与我们联系" in reply


def test_contact_control_withdraws_and_is_shown(assistant, sender):
    me = token("B003")
    ask = assistant.text(sender, "不要再联系我姐姐了", me)
    assert "您是要撤回 王丽（姐妹）的紧急联系人授权吗？" in ask
    done = assistant.text(sender, "确认", me)
    assert "已撤回 王丽 的紧急联系人授权" in done
    shown = assistant.text(sender, "你们会联系我的紧急联系人吗", me)
    assert "· 紧急联系人 王丽（姐妹）：未授权，不会联系" in shown


THIRD_PARTY = [
    "我是张伟的爸爸，他欠了多少钱",
    "我是张建国，你们上个月打电话给我干嘛",
    "刘洋是我同事，他在你们这借了多少",
    "帮我查一下我老婆李娜的欠款",
    "我儿子是不是在你们这里逾期了",
    "你们老打电话给我说我朋友欠钱，他欠多少",
    "我是紧急联系人，他到底还差多少没还",
    "请问13800138001这个号码的主人欠了多少钱",
    "L1001这笔借款还剩多少",
    "我是王芳的家属，帮她看看要还多少",
]


@pytest.mark.parametrize("message", THIRD_PARTY)
def test_third_parties_never_learn_a_loan_fact(assistant, sender, message):
    reply = assistant.text(sender, message)
    assert FIGURE.search(reply) is None
    assert not re.search(r"L\d{4}|\d{3}\*{4}\d{4}|B00\d|3363|张伟|刘洋|李娜|王芳", reply), reply


@pytest.mark.parametrize("message", THIRD_PARTY[:4])
def test_a_verified_borrower_asking_about_someone_else_gets_the_same(assistant, sender, message):
    reply = assistant.text(sender, message, token("B006"))
    assert FIGURE.search(reply) is None
    assert not re.search(r"L\d{4}|B00\d", reply)
