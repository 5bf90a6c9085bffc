"""Tables of the loan store. Money is Numeric (exact decimals), never a float."""

from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.types import TypeDecorator

Base = declarative_base()


class ExactDecimal(TypeDecorator):
    """NUMERIC where the database has it; text on SQLite, whose NUMERIC goes through a float."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__(precision, scale, asdecimal=True)
        self.precision, self.scale = precision, scale

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(self.precision + 2))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money must never pass through a float")
        exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-self.scale))
        return str(exact) if dialect.name == "sqlite" else exact

    def process_result_value(self, value, dialect):
        if value is None or isinstance(value, Decimal):  # PostgreSQL's NUMERIC comes as a Decimal already
            return value
        return Decimal(str(value))


MONEY = ExactDecimal(14, 2)


class Borrower(Base):
    __tablename__ = "borrowers"
    id = Column(String(16), primary_key=True)
    name = Column(String(64), nullable=False)
    phone = Column(String(20), nullable=False, unique=True)
    id_last4 = Column(String(4), nullable=False)
    wechat_openid = Column(String(64), unique=True)
    emergency_contacts = relationship("EmergencyContact", order_by="EmergencyContact.id")
    loans = relationship("Loan", order_by="Loan.id")
    plans = relationship("Plan", order_by="Plan.id")


class EmergencyContact(Base):
    __tablename__ = "emergency_contacts"
    id = Column(Integer, primary_key=True, autoincrement=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    name = Column(String(64), nullable=False)
    relation = Column(String(32), nullable=False)
    phone = Column(String(20), nullable=False)
    authorized = Column(Boolean, nullable=False)
    withdrawn_at = Column(DateTime)  # when the borrower withdrew the authorisation


class Loan(Base):
    __tablename__ = "loans"
    id = Column(String(16), primary_key=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    product = Column(String(32), nullable=False)
    principal = Column(MONEY, nullable=False)
    annual_rate = Column(ExactDecimal(8, 6), nullable=False)
    term_months = Column(Integer, nullable=False)
    start_date = Column(Date, nullable=False)
    repayment_method = Column(String(32), nullable=False)
    instalments = relationship("Instalment", order_by="Instalment.seq")


class Instalment(Base):
    """One monthly instalment and what has been paid of it."""

    __tablename__ = "instalments"
    __table_args__ = (UniqueConstraint("loan_id", "seq"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    loan_id = Column(String(16), ForeignKey("loans.id"), nullable=False, index=True)
    seq = Column(Integer, nullable=False)
    due_date = Column(Date, nullable=False)
    principal = Column(MONEY, nullable=False)
    interest = Column(MONEY, nullable=False)
    paid_principal = Column(MONEY, nullable=False)
    paid_interest = Column(MONEY, nullable=False)
    paid_on = Column(Date)
    # The plan this instalment was restructured into, if any (it then stops accruing penalty).
    plan_id = Column(String(24), ForeignKey("plans.id"))
    # After an extension: the penalty already accrued stays owed, and new penalty accrues only
    # from penalty_since (the moved due date or the day of the extension, whichever is later).
    penalty_carried = Column(MONEY, nullable=False, default=Decimal("0.00"))
    penalty_since = Column(Date)


class Plan(Base):
    __tablename__ = "plans"
    id = Column(String(24), primary_key=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    source_loan_id = Column(String(16))
    status = Column(String(16), nullable=False)
    accepted_on = Column(Date, nullable=False)
    restructured_amount = Column(MONEY, nullable=False)
    months = Column(Integer, nullable=False)
    monthly_rate = Column(ExactDecimal(6, 4), nullable=False)
    note = Column(Text)
    # Same conversation + same quote → the same plan, however often it is confirmed or retried.
    request_key = Column(String(200), unique=True)
    created_at = Column(DateTime)
    instalments = relationship("PlanInstalment", order_by="PlanInstalment.seq")
    __table_args__ = (
        # At most one active plan per borrower, whatever races the application loses.
        Index(
            "one_active_plan_per_borrower",
            "borrower_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )


class PlanInstalment(Base):
    __tablename__ = "plan_instalments"
    __table_args__ = (UniqueConstraint("plan_id", "seq"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    plan_id = Column(String(24), ForeignKey("plans.id"), nullable=False, index=True)
    seq = Column(Integer, nullable=False)
    due_date = Column(Date, nullable=False)
    amount = Column(MONEY, nullable=False)
    paid_on = Column(Date)


class Extension(Base):
    """A granted extension (延期还款): every overdue instalment moved back by `days`."""

    __tablename__ = "extensions"
    id = Column(String(24), primary_key=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    days = Column(Integer, nullable=False)
    granted_on = Column(Date, nullable=False)
    status = Column(String(16), nullable=False, default="granted")
    request_key = Column(String(200), unique=True)
    created_at = Column(DateTime, nullable=False)
    items = relationship("ExtensionItem", order_by="ExtensionItem.id")


class ExtensionItem(Base):
    __tablename__ = "extension_items"
    id = Column(Integer, primary_key=True, autoincrement=True)
    extension_id = Column(String(24), ForeignKey("extensions.id"), nullable=False, index=True)
    loan_id = Column(String(16), ForeignKey("loans.id"), nullable=False)
    seq = Column(Integer, nullable=False)
    old_due_date = Column(Date, nullable=False)
    new_due_date = Column(Date, nullable=False)
    penalty_carried = Column(MONEY, nullable=False)


class Promise(Base):
    """A promise to pay (承诺还款): an amount by a date within 14 days."""

    __tablename__ = "promises"
    id = Column(String(24), primary_key=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    amount = Column(MONEY, nullable=False)
    pay_on = Column(Date, nullable=False)
    promised_on = Column(Date, nullable=False)
    status = Column(String(16), nullable=False, default="open")
    request_key = Column(String(200), unique=True)
    created_at = Column(DateTime, nullable=False)


class ContactLogEntry(Base):
    __tablename__ = "contact_log"
    id = Column(Integer, primary_key=True, autoincrement=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    channel = Column(String(16), nullable=False)
    to = Column(String(32), nullable=False)
    contact_name = Column(String(64))
    purpose = Column(String(32), nullable=False)
    outcome = Column(String(32))
    agent = Column(String(16))
    # A contact the engine made: its plan key (one contact, however often its day is run).
    plan_key = Column(String(200), unique=True)


class BorrowerSeen(Base):
    """When the borrower last talked with the assistant, identified (local time): they were reachable
    then — the contact engine calls no emergency contact to find someone who was just here."""

    __tablename__ = "borrower_seen"
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), primary_key=True)
    at = Column(DateTime, nullable=False)


class WeChatBinding(Base):
    """An openid bound to a borrower after SMS verification in the Official Account."""

    __tablename__ = "wechat_bindings"
    openid = Column(String(64), primary_key=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    bound_at = Column(DateTime, nullable=False)


class ThirdPartyInquiry(Base):
    """Someone who is not the borrower asked about them (PRODUCT_TERMS: they learn nothing, and the
    borrower will be told). Nothing the asker said is kept but who they said they were."""

    __tablename__ = "third_party_inquiries"
    id = Column(Integer, primary_key=True, autoincrement=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    asked_at = Column(DateTime, nullable=False)
    relation = Column(String(16))  # as they said: 配偶, 母亲, 同事 … or unknown
    told_at = Column(DateTime)  # when the borrower was told (their next verified question)


class ContactRefusal(Base):
    """A person who is not a borrower asked not to be contacted about anyone's loan (an emergency
    contact, a colleague): no contact reaches this phone again, whoever's authorisation says so."""

    __tablename__ = "contact_refusals"
    phone = Column(String(20), primary_key=True)
    refused_at = Column(DateTime, nullable=False)


class ContactPreference(Base):
    """The borrower's contact controls: hours within the window, a channel, due-date reminders."""

    __tablename__ = "contact_preferences"
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), primary_key=True)
    window_start = Column(String(5))  # "HH:MM", within 08:00–21:00
    window_end = Column(String(5))
    channel = Column(String(16))  # sms, call, email
    reminders = Column(Boolean, nullable=False, default=False)
    updated_at = Column(DateTime, nullable=False)


class ContactPreferenceChange(Base):
    """Each change of a borrower's contact controls, as they stood after it: the compliance report
    judges a contact by the settings in force when it was made, not by today's."""

    __tablename__ = "contact_preference_history"
    __table_args__ = (Index("ix_contact_preference_history_borrower", "borrower_id", "changed_at"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False)
    changed_at = Column(DateTime, nullable=False)  # UTC, like every stored moment
    window_start = Column(String(5))
    window_end = Column(String(5))
    channel = Column(String(16))
    reminders = Column(Boolean, nullable=False)


class Complaint(Base):
    """A complaint about collection (投诉) with its ticket number, urgency and due-by time."""

    __tablename__ = "complaints"
    ticket = Column(String(24), primary_key=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    conversation_id = Column(String(128), nullable=False)
    category = Column(String(32), nullable=False)
    description = Column(Text, nullable=False)  # the borrower's own words
    occurred = Column(String(64))
    caller = Column(String(64))
    others_contacted = Column(String(128))
    urgency = Column(String(16), nullable=False)
    due_by = Column(DateTime, nullable=False)
    status = Column(String(16), nullable=False, default="open")
    dedup_key = Column(String(64), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False)
    breaches = relationship("ComplaintBreach", order_by="ComplaintBreach.id")


class ComplaintNote(Base):
    """What the borrower added to a complaint after it was filed (补充: 他还骂我是老赖), in their words."""

    __tablename__ = "complaint_notes"
    id = Column(Integer, primary_key=True, autoincrement=True)
    ticket = Column(String(24), ForeignKey("complaints.ticket"), nullable=False, index=True)
    text = Column(Text, nullable=False)
    added_at = Column(DateTime, nullable=False)


class ComplaintBreach(Base):
    """A logged contact that broke the contact policy, attached to a complaint."""

    __tablename__ = "complaint_breaches"
    id = Column(Integer, primary_key=True, autoincrement=True)
    ticket = Column(String(24), ForeignKey("complaints.ticket"), nullable=False, index=True)
    contact_log_id = Column(Integer, ForeignKey("contact_log.id"), nullable=False)
    rule = Column(String(48), nullable=False)


class HandoffRequest(Base):
    """A request to be served by a human agent, with a short summary for the agent."""

    __tablename__ = "handoff_requests"
    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(24), nullable=False, unique=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"))
    summary = Column(Text, nullable=False)
    status = Column(String(16), nullable=False, default="open")
    created_at = Column(DateTime, nullable=False)
    # A sign of crisis: served before every other request.
    urgent = Column(Boolean, nullable=False, default=False, server_default=text("false"))


class UndeliveredAnswer(Base):
    """An answer the channel could not deliver (WeChat: outside the 48 hours after the borrower's
    last message), kept until the borrower is told, the next time they write. Not the answer's
    text: it may hold figures, and the borrower can simply ask again."""

    __tablename__ = "undelivered_answers"
    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    channel = Column(String(16), nullable=False)
    errcode = Column(Integer, nullable=False)
    failed_at = Column(DateTime, nullable=False)
    told_at = Column(DateTime)


class OtpChallenge(Base):
    """A one-time code sent (or, for an unknown number, pretended sent) to a phone."""

    __tablename__ = "otp_challenges"
    id = Column(String(32), primary_key=True)
    phone_digest = Column(String(64), nullable=False, index=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"))
    code_digest = Column(String(64))
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False)
    used_at = Column(DateTime)


class VerificationGuard(Base):
    """Wrong codes per phone and the lock they cause (5 wrong → 30 minutes)."""

    __tablename__ = "verification_guards"
    phone_digest = Column(String(64), primary_key=True)
    failed_attempts = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime)


class Document(Base):
    """A document issued to a borrower (statement or confirmation): the PDF exactly as issued, and
    its digest, so the lender's staff can tell a genuine one from an altered one."""

    __tablename__ = "documents"
    reference = Column(String(32), primary_key=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False, index=True)
    kind = Column(String(16), nullable=False)  # statement, plan, extension, promise
    title = Column(String(64), nullable=False)
    issued_at = Column(DateTime, nullable=False)
    sha256 = Column(String(64), nullable=False, index=True)
    pdf = Column(LargeBinary, nullable=False)


class DocumentLink(Base):
    """One issue of a download link: only its digest is kept; it expires and works once. A link
    issued in a logged-in conversation also needs that login to be shown when it is used."""

    __tablename__ = "document_links"
    token_digest = Column(String(64), primary_key=True)
    reference = Column(String(32), ForeignKey("documents.reference"), nullable=False, index=True)
    borrower_id = Column(String(16), ForeignKey("borrowers.id"), nullable=False)
    needs_login = Column(Boolean, nullable=False)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False)
    used_at = Column(DateTime)
