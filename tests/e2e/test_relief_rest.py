"""Relief end to end over REST: a plan accepted once and reflected in the next answer."""

import re

from loan_store.repository import LoanStore
from tests.e2e.test_rest_conversations import token


def stored(assistant, method, borrower_id):
    store = LoanStore(assistant.database_url)
    try:
        return getattr(store, method)(borrower_id)
    finally:
        store.engine.dispose()


def test_plan_accepted_once_and_reflected(assistant, sender):
    me = token("B005")
    offer = assistant.text(sender, "我想协商分期", me)
    assert "可以把您逾期应还的 1629.42 元（含截至今天的罚息）协商分期还" in offer
    assert "· 分6期：每月 281.15 元，共还 1686.90 元，首期 2026年12月20日" in offer
    ask = assistant.text(sender, "分6期", me)
    assert "您选择的方案：把 1629.42 元分6期，每月还 281.15 元" in ask and "确认办理吗？" in ask
    confirmed = assistant.text(sender, "确认", me)
    plan_id = re.search(r"计划编号 (P\d{8}[0-9A-F]{6})", confirmed).group(1)
    assert "分6期，每月还 281.15 元，首期还款日 2026年12月20日" in confirmed
    # Confirming again, or retrying the same message, creates nothing new.
    assistant.text(sender, "确认", me)
    assistant.text(sender, "/affirm", me)
    plans = stored(assistant, "plans", "B005")
    assert [p.id for p in plans] == [plan_id]
    assert plans[0].restructured == (("L5001", 5), ("L5002", 7), ("L5002", 8))
    owed = assistant.text(sender, "我现在还欠多少", me)
    assert "您目前没有逾期的款项" in owed
    assert f"281.15 元（分期计划 {plan_id} 第1期）" in owed
    again = assistant.text(sender, "还能再分期吗", me)
    assert f"您已经有一个进行中的分期计划 {plan_id}" in again


def test_cancel_stores_nothing(assistant, sender):
    me = token("B001")
    assistant.text(sender, "能分期吗", me)
    assistant.text(sender, "分3期", me)
    cancelled = assistant.text(sender, "算了", me)
    assert "已取消，没有为您办理任何变更" in cancelled
    assert stored(assistant, "plans", "B001") == []


def test_promise_in_one_message(assistant, sender):
    me = token("B001")
    ask = assistant.text(sender, "我下周五还五百", me)
    assert "您承诺在 2026年11月27日（星期五） 前还款 500.00 元。确认登记吗？" in ask
    done = assistant.text(sender, "确认", me)
    assert "已为您登记还款承诺" in done and "2026年11月27日（星期五） 前还款 500.00 元" in done
    (promise,) = stored(assistant, "promises", "B001")
    assert str(promise.amount) == "500.00" and promise.pay_on.isoformat() == "2026-11-27"


def test_extension_shows_every_moved_date(assistant, sender):
    me = token("B002")
    assert "可以申请延期还款" in assistant.text(sender, "能延期吗", me)
    ask = assistant.text(sender, "延期7天", me)
    assert "· 借款 L2001 第5期：2026年11月15日 → 2026年11月22日" in ask
    done = assistant.text(sender, "确认", me)
    assert "延期已办理" in done and "2026年11月22日（原 2026年11月15日）" in done
    assert len(stored(assistant, "extensions", "B002")) == 1


def test_a_term_in_the_first_message_goes_straight_to_its_quote(assistant, sender):
    me = token("B001")
    ask = assistant.text(sender, "我想分12期", me)
    # (an earlier test registered a B001 promise: the question says the plan would take it over)
    assert "您选择的方案：把 3363.24 元分12期，每月还 298.82 元，共还 3585.84 元，首期还款日 2026年12月20日。" in ask
    assert ask.endswith("确认办理吗？")
    assert "已取消" in assistant.text(sender, "不要了", me)
    assert stored(assistant, "plans", "B001") == []


def test_a_budget_picks_the_shortest_fitting_term(assistant, sender):
    me = token("B001")
    ask = assistant.text(sender, "每个月只能还八百", me)
    assert "按您每月大约 800.00 元的预算，最短可以分6期。" in ask
    assert "分6期，每月还 580.32 元" in ask
    assert "已取消" in assistant.text(sender, "算了", me)


def test_bad_answers_are_explained_then_the_ways_out_then_the_form_stops(assistant, sender):
    me = token("B001")
    assistant.text(sender, "协商分期", me)
    first = assistant.text(sender, "分5期", me)
    assert "协商分期只能分3期、6期、12期，没有5期" in first and "看起来这一步不太顺利" not in first
    second = assistant.say(sender, "分7期", me)
    assert "看起来这一步不太顺利" in second[0]["text"]
    assert [b["title"] for b in second[0]["buttons"]] == ["分3期", "分6期", "分12期", "算了", "转人工"]
    third = assistant.text(sender, "分9期", me)
    assert "这一步我们先停在这里，没有为您办理或保存任何内容。" in third and "您想分几期" not in third
    # Starting again works, and cancelling stores nothing.
    assistant.text(sender, "协商分期", me)
    assert "分6期，每月还 580.32 元" in assistant.text(sender, "分6期", me)
    assert "已取消" in assistant.text(sender, "不要了", me)
    assert stored(assistant, "plans", "B001") == []


def test_a_term_changed_with_a_remark_and_a_monthly_said_back_at_the_confirmation(assistant, sender):
    """h35b: 算了还是3期吧 利息少一点 got no reply at all (the slot's mapping skips a penalty question, the form
    extracted nothing), and 那这样我每个月就只用还580了对吧？ put the 12-month plan to confirm."""
    me = token("B001")
    assistant.text(sender, "能分期吗", me)
    assert "把 3363.24 元分6期，每月还 580.32 元" in assistant.text(sender, "6期", me)
    changed = assistant.text(sender, "算了还是3期吧 利息少一点", me)
    assert "您选择的方案：把 3363.24 元分3期，每月还 1143.58 元，共还 3430.74 元" in changed
    back = assistant.text(sender, "那这样我每个月就只用还1143了对吧？", me)
    assert "对，分3期每月还 1143.58 元，共还 3430.74 元。" in back and "分12期" not in back
    # (not confirmed: the other tests read B001 as the fixture has it)
    assert "已取消" in assistant.text(sender, "算了", me)
    assert stored(assistant, "plans", "B001") == []
