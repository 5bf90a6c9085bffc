"""Answers a channel could not deliver (#18, WeChat's 48-hour window), in the real store (SQLite and
PostgreSQL): recorded, and taken once when the borrower is told."""

from datetime import datetime

from loan_store.deliveries import UndeliveredAnswer

FAILED = datetime(2026, 11, 20, 2, 0)
TOLD = datetime(2026, 11, 23, 9, 30)


def test_two_failures_are_told_once_and_only_in_their_conversation(store):
    store.record_undelivered("oWXlate", "wechat", 45015, FAILED)
    store.record_undelivered("oWXlate", "wechat", 45015, FAILED)
    store.record_undelivered("oWXother", "wechat", 45015, FAILED)
    assert store.take_undelivered("oWXlate", TOLD) == 2
    assert store.take_undelivered("oWXlate", TOLD) == 0
    assert store.undelivered("oWXlate") == [UndeliveredAnswer("oWXlate", "wechat", 45015, FAILED, TOLD)] * 2
    assert store.undelivered("oWXother") == [UndeliveredAnswer("oWXother", "wechat", 45015, FAILED, None)]


def test_a_conversation_with_nothing_undelivered_has_nothing_to_tell(store):
    assert store.take_undelivered("oWX0001zhangwei", TOLD) == 0
    assert store.undelivered("oWX0001zhangwei") == []
