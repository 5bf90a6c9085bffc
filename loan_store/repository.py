"""The repository: the only place that talks SQL to the loan store, one part per feature behind one
engine — borrowers and their ledger (borrowers.py), relief (relief.py), collection conduct
(conduct.py), handoffs (handoffs.py), documents (documents.py), the contact engine's reads and log
(contact_runs.py), one-time codes (codes.py), answers a channel could not deliver (deliveries.py);
the engine and the unit of work in base.py.

Every public method opens its own session and returns plain values, so callers (the actions run
them in a worker thread) never share a session across requests.
"""

from loan_store.base import DEFAULT_URL, StoreBase, database_url
from loan_store.borrowers import BorrowerProfile, BorrowerStore
from loan_store.codes import Challenge, CodeStore
from loan_store.conduct import ComplaintTicket, ConductStore, EmergencyContactRecord, Preferences
from loan_store.contact_runs import ContactRunStore
from loan_store.deliveries import DeliveryStore, UndeliveredAnswer
from loan_store.documents import DocumentStore
from loan_store.handoffs import HandoffStore, HandoffTicket
from loan_store.relief import (
    ExtensionOutcome,
    PlanOutcome,
    PromiseOutcome,
    ReliefStore,
    StoredExtension,
    StoredPlan,
    StoredPromise,
)

__all__ = [
    "DEFAULT_URL",
    "BorrowerProfile",
    "Challenge",
    "ComplaintTicket",
    "EmergencyContactRecord",
    "ExtensionOutcome",
    "HandoffTicket",
    "LoanStore",
    "PlanOutcome",
    "Preferences",
    "PromiseOutcome",
    "StoredExtension",
    "StoredPlan",
    "StoredPromise",
    "UndeliveredAnswer",
    "database_url",
]


class LoanStore(
    BorrowerStore,
    ReliefStore,
    ConductStore,
    HandoffStore,
    DocumentStore,
    ContactRunStore,
    CodeStore,
    DeliveryStore,
    StoreBase,
):
    """The loan store: every part, one engine."""
