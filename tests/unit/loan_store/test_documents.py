"""Documents and their links in the real store (SQLite and PostgreSQL): a link works once, within
its 10 minutes, for its borrower only; a refused request uses nothing up; the check tells a
document we issued from one we did not, byte for byte."""

from datetime import date, datetime, timedelta

from loan_store.documents import LINK_TTL, LinkRefused, digest, new_document_reference
from tests.conftest import table_counts

NOW = datetime(2026, 11, 20, 2, 0)
PDF = b"%PDF-1.4 statement of B001"


def issue(store, borrower="B001", needs_login=False, pdf=PDF):
    reference = new_document_reference(date(2026, 11, 20))
    return store.issue_document(reference, borrower, "statement", "对账单", pdf, NOW, needs_login)


def test_references_are_dated_and_unguessable():
    references = {new_document_reference(date(2026, 11, 20)) for _ in range(200)}
    assert len(references) == 200
    assert all(r.startswith("D20261120") and len(r) == 17 for r in references)
    assert not any(c in r[9:] for r in references for c in "0O1I")


def test_a_link_works_once(store):
    link = issue(store)
    first = store.redeem_link(link.token, NOW + timedelta(minutes=1), None)
    assert (first.pdf, first.reference, first.refused) == (PDF, link.reference, None)
    again = store.redeem_link(link.token, NOW + timedelta(minutes=2), None)
    assert (again.pdf, again.refused) == (None, LinkRefused.USED)


def test_a_link_expires_after_ten_minutes(store):
    link = issue(store)
    assert link.expires_at == NOW + LINK_TTL == NOW + timedelta(minutes=10)
    late = store.redeem_link(link.token, NOW + timedelta(minutes=10), None)
    assert (late.pdf, late.refused) == (None, LinkRefused.EXPIRED)


def test_someone_elses_login_is_refused_and_uses_nothing_up(store):
    link = issue(store)
    other = store.redeem_link(link.token, NOW, "B005")
    assert (other.pdf, other.refused) == (None, LinkRefused.NOT_YOURS)
    forged = store.redeem_link(link.token, NOW, "")  # a login that proved nothing
    assert forged.refused is LinkRefused.NOT_YOURS
    mine = store.redeem_link(link.token, NOW, "B001")
    assert mine.pdf == PDF


def test_a_link_issued_to_a_logged_in_borrower_needs_that_login(store):
    link = issue(store, needs_login=True)
    assert store.redeem_link(link.token, NOW, None).refused is LinkRefused.NOT_YOURS
    assert store.redeem_link(link.token, NOW, "B001").pdf == PDF


def test_an_unknown_link_is_refused(store):
    issue(store)
    assert store.redeem_link("made-up-link-0123456789abcdef", NOW, None).refused is LinkRefused.UNKNOWN


def test_only_the_links_digest_is_stored(store):
    from loan_store import models

    link = issue(store)
    with store.session() as s:
        (row,) = s.query(models.DocumentLink).all()
        assert row.token_digest == digest(link.token.encode()) != link.token
        assert row.borrower_id == "B001"


def test_the_check_knows_our_references_and_our_bytes(store):
    link = issue(store)
    assert store.is_genuine(link.reference) and store.is_genuine(link.reference.lower())
    assert not store.is_genuine("D20261120ZZZZZZZZ")
    assert store.reference_of_pdf(PDF) == link.reference
    assert store.reference_of_pdf(PDF.replace(b"B001", b"B002")) is None


def test_each_issue_is_its_own_document_and_link(store):
    before = table_counts(store)
    first, second = issue(store), issue(store)
    assert first.reference != second.reference and first.token != second.token
    after = table_counts(store)
    assert (after["documents"] - before["documents"], after["document_links"] - before["document_links"]) == (2, 2)
    assert store.documents_of("B001") == sorted(
        [(first.reference, "statement", NOW), (second.reference, "statement", NOW)], key=lambda r: r[0]
    )
