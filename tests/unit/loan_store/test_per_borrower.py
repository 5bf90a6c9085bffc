"""Stored requests belong to a borrower, not to a conversation (issue #15, item 4): a second borrower
verifying in the same conversation on the same day gets their own plan, extension, promise and
handoff, never the first one's."""

from datetime import date, datetime
from decimal import Decimal

from tests.unit.rules.test_relief import AS_OF, NOW


def test_the_same_request_key_from_another_borrower_is_their_own_promise(store):
    first = store.record_promise("B001", Decimal("500.00"), date(2026, 11, 27), AS_OF, "conv:promise:500", NOW)
    second = store.record_promise("B004", Decimal("500.00"), date(2026, 11, 27), AS_OF, "conv:promise:500", NOW)
    assert not second.repeated and second.promise.id != first.promise.id
    assert [p.id for p in store.promises("B004")] == [second.promise.id]
    assert [p.id for p in store.promises("B001")] == [first.promise.id]


def test_the_same_request_key_from_another_borrower_is_their_own_plan(store):
    first = store.accept_plan("B001", 6, Decimal("3363.24"), AS_OF, "conv:plan", NOW)
    second = store.accept_plan("B005", 6, Decimal("1629.42"), AS_OF, "conv:plan", NOW)
    assert second.plan is not None and not second.repeated
    assert (second.plan.borrower_id, first.plan.borrower_id) == ("B005", "B001")
    assert [p.id for p in store.plans("B005")] == [second.plan.id]


def test_handoffs_of_two_borrowers_in_one_conversation_are_two_tickets(store):
    when = datetime(2026, 11, 20, 3, 0)
    anonymous = store.create_handoff("conv-h", None, "访客", when)
    first = store.create_handoff("conv-h", "B001", "B001", when)
    assert first.reference == anonymous.reference and first.borrower_id == "B001"  # taken over on verifying
    second = store.create_handoff("conv-h", "B005", "B005", when)
    assert second.reference != first.reference and second.borrower_id == "B005"
    again = store.create_handoff("conv-h", None, "访客", when)  # after the borrowers left
    assert again.reference not in (first.reference, second.reference) and again.borrower_id is None
    assert store.create_handoff("conv-h", "B005", "B005 again", when).reference == second.reference
    assert [(h.borrower_id, h.urgent) for h in store.handoffs("conv-h")] == [
        ("B001", False),
        ("B005", False),
        (None, False),
    ]
