"""The statement PDF's time (#17's target: B005's statement, two loans, in under a second): the
statement built from a freshly seeded SQLite store and rendered, repeated; the median and the
ratio to the target, beside the time of the chat's own overdue answer for the same borrower.

`python -m bench.documents` prints it alone; `make bench` records it in bench.json."""

import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict

TARGET_SECONDS = 1.0


def measure(reps: int = 20, borrower_id: str = "B005") -> Dict[str, object]:
    os.environ.setdefault("ASSISTANT_TODAY", "2026-11-20")
    os.environ.setdefault("ASSISTANT_JWT_SECRET", secrets.token_urlsafe(36))  # importing actions/ needs one
    from actions.documents import statement_sections
    from documents.pdf import DocumentContent, render_pdf
    from loan_store.repository import LoanStore
    from loan_store.seed import seed
    from rules.calendar import today
    from rules.overdue import overdue_summary

    with tempfile.TemporaryDirectory() as folder:
        store = LoanStore(f"sqlite:///{folder}/bench.db")
        seed(store, reset=True)
        profile = store.borrower(borrower_id)

        def statement() -> bytes:
            ledger = store.ledger(borrower_id)
            content = DocumentContent(
                "对账单", "bench", "D20261120BENCHBEN", today(), profile.name, statement_sections(ledger)
            )
            return render_pdf(content)

        def chat_answer() -> None:
            overdue_summary(store.ledger(borrower_id), today())

        first_started = time.perf_counter()
        size = len(statement())  # the first one also loads and subsets the font
        first = time.perf_counter() - first_started
        pdf_times, chat_times = [], []
        for _ in range(reps):
            started = time.perf_counter()
            statement()
            pdf_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            chat_answer()
            chat_times.append(time.perf_counter() - started)
        store.engine.dispose()
    median = statistics.median(pdf_times)
    return {
        "borrower": borrower_id,
        "reps": reps,
        "pdf_bytes": size,
        "first_statement_s": round(first, 4),
        "statement_median_s": round(median, 4),
        "statement_max_s": round(max(pdf_times), 4),
        "chat_answer_median_s": round(statistics.median(chat_times), 5),
        "statement_vs_chat_answer": round(median / statistics.median(chat_times), 1),
        "statement_vs_target": round(median / TARGET_SECONDS, 3),
        "under_target": max(pdf_times + [first]) < TARGET_SECONDS,
    }


if __name__ == "__main__":
    figures = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    out = Path("reports/bench")
    out.mkdir(parents=True, exist_ok=True)
    (out / "documents.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
