"""Two questions in one message (nlu/clauses.py): where a message is cut, and which turns come of it.

The parse here is a fixed table standing in for the trained model's answer for each clause (the
model itself is exercised over REST in tests/e2e/test_offscript_rest.py)."""

import asyncio

import pytest

from nlu.clauses import clauses, separate_questions

PARSES = {
    "我欠多少钱": ("check_overdue", 0.95),
    "另外会不会上征信": ("ask_credit_record", 0.9),
    "会不会上征信": ("ask_credit_record", 0.9),
    "罚息怎么算": ("ask_penalty_interest", 0.9),
    "还有怎么还款": ("ask_how_to_repay", 0.88),
    "您好": ("greet", 0.99),
    "因为住院了": ("explain_hardship", 0.8),
    "能不能晚点还": ("ask_extension", 0.9),
    "能分期吗": ("ask_instalment_plan", 0.93),
    "分6期": ("ask_instalment_plan", 0.9),
    "能延期吗": ("ask_extension", 0.9),
    "嗯": ("affirm", 0.4),
    "我欠多少": ("check_overdue", 0.5),
    "您好，罚息怎么算": ("ask_penalty_interest", 0.9),
    "我失业了": ("explain_hardship", 0.9),
    "您好呀，我失业了": ("greet", 0.8),
    "因为住院了，我欠多少钱": ("check_overdue", 0.9),
}


async def parse(text):
    name, confidence = PARSES.get(text, ("out_of_scope", 0.3))
    return {"intent": {"name": name, "confidence": confidence}}


def turns(text):
    return asyncio.run(separate_questions(text, parse))


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("我欠多少钱？另外会不会上征信", ["我欠多少钱", "另外会不会上征信"]),
        ("您好，罚息怎么算还有怎么还款", ["您好", "罚息怎么算", "还有怎么还款"]),
        ("能分期吗 会不会上征信", ["能分期吗", "会不会上征信"]),
        ("因为住院了，能不能晚点还", ["因为住院了", "能不能晚点还"]),
        ("我欠多少钱", ["我欠多少钱"]),
        ("好，嗯，行", ["好，嗯，行"]),
        # A space between Chinese words, a question particle, an emoji: each a pause.
        ("还款日是哪天 然后能不能往后推几天", ["还款日是哪天", "然后能不能往后推几天"]),
        ("几号扣款啊罚息是怎么算的", ["几号扣款啊", "罚息是怎么算的"]),
        ("老是打给我同事😡这个月到底欠多少", ["老是打给我同事", "这个月到底欠多少"]),
        # Not inside words, nor inside a phone number.
        ("罚息怎么算", ["罚息怎么算"]),
        ("手机号 138 0013 8001", ["手机号 138 0013 8001"]),
    ],
)
def test_clauses(text, pieces):
    assert clauses(text) == pieces


def test_public_question_first_then_the_borrowers_figures():
    assert turns("我欠多少钱？另外会不会上征信") == ["另外会不会上征信", "我欠多少钱"]


def test_a_greeting_stays_with_its_question():
    assert turns("您好，罚息怎么算还有怎么还款") == ["还有怎么还款", "您好，罚息怎么算"]


def test_a_story_is_its_own_turn_before_the_request():
    assert turns("因为住院了，能不能晚点还") == ["因为住院了", "能不能晚点还"]


def test_a_turn_that_does_not_read_as_its_question_goes_with_the_next():
    # "您好呀" + "我失业了" reads as a greeting as a whole: no turn of its own, it joins the question.
    assert turns("您好呀，我失业了，能延期吗") == ["您好呀，我失业了，能延期吗"]


def test_a_story_before_questions_only_is_context_not_a_turn():
    # Empathy and relief options belong before a request for relief, not before "how much do I owe".
    assert turns("因为住院了，我欠多少钱？会不会上征信") == ["会不会上征信", "因为住院了，我欠多少钱"]


def test_one_question_said_twice_is_one_turn():
    assert turns("能分期吗，分6期") == ["能分期吗，分6期"]


def test_two_requests_that_open_forms_are_not_split():
    assert turns("能分期吗，能延期吗") == ["能分期吗，能延期吗"]


def test_unsure_clauses_do_not_split():
    assert turns("嗯，我欠多少") == ["嗯，我欠多少"]


def test_payloads_and_single_questions_pass_through():
    assert turns("/affirm") == ["/affirm"]
    assert turns("我欠多少钱") == ["我欠多少钱"]
