"""Creates the loan store's tables and loads the demo fixture into an empty store.

python -m loan_store.seed            seed if empty
python -m loan_store.seed --reset    drop everything and seed again (tests, demos)
"""

import argparse
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

from loan_store import models
from loan_store.repository import LoanStore, database_url

FIXTURE = Path(__file__).resolve().parent / "seed" / "loan_store.yml"


def read_fixture(path: Path = FIXTURE) -> Dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _day(value: Any) -> Optional[date]:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _money(value: Any) -> Decimal:
    return Decimal(str(value))


def load_fixture(store: LoanStore, fixture: Dict[str, Any]) -> None:
    with store.session() as s:
        for b in fixture["borrowers"]:
            s.add(
                models.Borrower(
                    id=b["id"],
                    name=b["name"],
                    phone=str(b["phone"]),
                    id_last4=str(b["id_last4"]),
                    wechat_openid=b.get("wechat_openid"),
                )
            )
            s.flush()
            for c in b.get("emergency_contacts", []):
                s.add(
                    models.EmergencyContact(
                        borrower_id=b["id"],
                        name=c["name"],
                        relation=c["relation"],
                        phone=str(c["phone"]),
                        authorized=bool(c["authorized"]),
                    )
                )
            for p in b.get("plans", []):
                s.add(
                    models.Plan(
                        id=p["id"],
                        borrower_id=b["id"],
                        source_loan_id=p.get("source_loan_id"),
                        status=p["status"],
                        accepted_on=_day(p["accepted_on"]),
                        restructured_amount=_money(p["restructured_amount"]),
                        months=int(p["months"]),
                        monthly_rate=_money(p["monthly_rate"]),
                        note=p.get("note"),
                    )
                )
                s.flush()
                for i in p.get("instalments", []):
                    s.add(
                        models.PlanInstalment(
                            plan_id=p["id"],
                            seq=int(i["seq"]),
                            due_date=_day(i["due_date"]),
                            amount=_money(i["amount"]),
                            paid_on=_day(i.get("paid_on")),
                        )
                    )
            for loan in b.get("loans", []):
                s.add(
                    models.Loan(
                        id=loan["id"],
                        borrower_id=b["id"],
                        product=loan["product"],
                        principal=_money(loan["principal"]),
                        annual_rate=_money(loan["annual_rate"]),
                        term_months=int(loan["term_months"]),
                        start_date=_day(loan["start_date"]),
                        repayment_method=loan["repayment_method"],
                    )
                )
                s.flush()
                for i in loan.get("instalments", []):
                    s.add(
                        models.Instalment(
                            loan_id=loan["id"],
                            seq=int(i["seq"]),
                            due_date=_day(i["due_date"]),
                            principal=_money(i["principal"]),
                            interest=_money(i["interest"]),
                            paid_principal=_money(i["paid_principal"]),
                            paid_interest=_money(i["paid_interest"]),
                            paid_on=_day(i.get("paid_on")),
                        )
                    )
            for entry in b.get("contact_log", []):
                s.add(
                    models.ContactLogEntry(
                        borrower_id=b["id"],
                        at=datetime.fromisoformat(str(entry["at"])),
                        channel=entry["channel"],
                        to=entry["to"],
                        contact_name=entry.get("contact_name"),
                        purpose=entry["purpose"],
                        outcome=entry.get("outcome"),
                        agent=entry.get("agent"),
                    )
                )


def seed(store: LoanStore, reset: bool = False) -> bool:
    """Returns True when the fixture was loaded, False when the store already held data."""
    if reset:
        store.drop_schema()
    store.create_schema()
    if not store.is_empty():
        return False
    load_fixture(store, read_fixture())
    return True


def create_database(url: str) -> None:
    """Creates the PostgreSQL database the URL names when it is missing (the cluster's first start)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    if not target.drivername.startswith("postgresql") or not target.database:
        return
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            ).first()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    finally:
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reset", action="store_true", help="drop all tables and seed again")
    parser.add_argument(
        "--create-database", action="store_true", help="create the PostgreSQL database first if missing"
    )
    args = parser.parse_args()
    if args.create_database:
        create_database(database_url())
    store = LoanStore()
    loaded = seed(store, reset=args.reset)
    where = store.engine.url.render_as_string(hide_password=True)
    print(f"loan store {where}: {'seeded from the demo fixture' if loaded else 'already holds data, left as it is'}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main()
