"""SMS gateway interface and the development gateway that writes to a JSON-lines outbox.

One interface for the one-time codes and the contact engine's notices; a real provider plugs in
behind it. A message sent with a `key` goes out once per key (real providers take a client message
id for this), so a contact run that crashed and runs again never sends it twice."""

import json
import os
import threading
from datetime import datetime, timezone
from typing import Dict, Optional, Protocol, Set


class SmsGateway(Protocol):
    def send(self, phone: str, text: str, code: str = "", key: str = "") -> None: ...


class KeyedOutbox:
    """A JSON-lines outbox: one record per line, at most one per key (records without a key always go)."""

    _lock = threading.Lock()

    def __init__(self, path: str) -> None:
        self.path = path
        self._keys: Optional[Set[str]] = None  # read from the file once, then kept

    def put(self, record: Dict, key: str = "") -> bool:
        """False when the key was taken before (nothing written)."""
        folder = os.path.dirname(self.path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        with self._lock:
            if key and self._keys is None:
                self._keys = set()
                if os.path.exists(self.path):
                    with open(self.path, encoding="utf-8") as lines:
                        self._keys = {json.loads(line).get("key") or "" for line in lines if line.strip()} - {""}
            if key and key in self._keys:
                return False
            line = {**record, "key": key, "sent_at": datetime.now(timezone.utc).isoformat()}
            with open(self.path, "a", encoding="utf-8") as outbox:
                outbox.write(json.dumps(line, ensure_ascii=False) + "\n")
            if key:
                self._keys.add(key)
            return True


class OutboxGateway:
    """Appends {phone, code, text, key, sent_at} per line to SMS_OUTBOX (default var/sms_outbox.jsonl)."""

    def __init__(self, path: str = "") -> None:
        self.path = path or os.environ.get("SMS_OUTBOX", "").strip() or "var/sms_outbox.jsonl"
        self.outbox = KeyedOutbox(self.path)

    def send(self, phone: str, text: str, code: str = "", key: str = "") -> None:
        self.outbox.put({"phone": phone, "code": code, "text": text}, key)
