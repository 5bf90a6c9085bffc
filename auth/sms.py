"""SMS gateway interface and the development gateway that writes to a JSON-lines outbox."""

import json
import os
import threading
from datetime import datetime, timezone
from typing import Protocol


class SmsGateway(Protocol):
    def send(self, phone: str, text: str, code: str) -> None: ...


class OutboxGateway:
    """Appends {phone, code, text, sent_at} per line to SMS_OUTBOX (default var/sms_outbox.jsonl)."""

    _lock = threading.Lock()

    def __init__(self, path: str = "") -> None:
        self.path = path or os.environ.get("SMS_OUTBOX", "").strip() or "var/sms_outbox.jsonl"

    def send(self, phone: str, text: str, code: str) -> None:
        folder = os.path.dirname(self.path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        line = json.dumps(
            {"phone": phone, "code": code, "text": text, "sent_at": datetime.now(timezone.utc).isoformat()},
            ensure_ascii=False,
        )
        with self._lock, open(self.path, "a", encoding="utf-8") as outbox:
            outbox.write(line + "\n")
