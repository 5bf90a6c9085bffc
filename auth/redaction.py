"""What a stored conversation may hold about the person in it.

The tracker store, the event broker and the logs keep the conversation, but never a full phone
number, a verification code, an ID or card number, or a token in clear:
- phone numbers are masked as the product shows them (138****8001);
- any other run of six or more digits (codes, ID numbers, card numbers) becomes asterisks, and
  so do the digits after 身份证/证件 (ID fragments);
- tokens (JWTs) in text and the token fields of message metadata are dropped;
- the conversation's session token is encrypted (Fernet, key derived from the server secret), so
  the store can resume a verified conversation but a copy of the store can't.
Plain Python over Rasa's event dictionaries; no Rasa import.
"""

import base64
import re
from functools import lru_cache
from typing import Any, Dict, Optional

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from auth.tokens import jwt_secret
from parsing.phones import SEPARATORS, SPELLED_PHONE, mask_phone, spelled_in_digits
from parsing.width import half_width

REDACTED = "[已隐去]"
# A number spelled with the separators the parsers accept (parsing/phones.py) is redacted as the
# parser would read it.
FULL_WIDTH_DIGIT = re.compile("[０-９]")
SPELLED_RUN = re.compile(rf"(?<![0-9])\d(?:{SEPARATORS}*\d)+(?![0-9])")
LONG_NUMBER = re.compile(r"(?<![A-Za-z0-9])\d(?: ?\d){5,}[Xx]?(?![0-9])")
ID_FRAGMENT = re.compile(r"((?:身份证|证件|身份證|證件)[^0-9]{0,8})(\d{3,5}[Xx]?)")
TOKEN = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]*")
# Metadata fields that carry credentials (host identity, WeChat binding) or the client's address.
SECRET_METADATA = frozenset({"auth_token", "wechat_binding", "token", "access_token", "client_address"})
# Slots that hold what the borrower typed (the number, the code, the remembered question, what a
# complaint says happened, when and to whom). complaint_caller keeps the collector's number the
# ticket needs.
TYPED_SLOTS = frozenset({"phone", "otp_code", "pending_text", "complaint_text", "complaint_when", "complaint_others"})
ENCRYPTED_SLOTS = frozenset({"identity"})
ENCRYPTED_PREFIX = "enc:"


def _mask_phone(match: "re.Match[str]") -> str:
    return mask_phone(match.group(0))


def redact_text(text: str) -> str:
    """The words as they may be stored: no full phone number, code, ID number or token."""
    if not isinstance(text, str) or not text:
        return text
    plain = FULL_WIDTH_DIGIT.sub(lambda m: half_width(m.group(0)), text)  # digits only: the words stay as typed
    plain = spelled_in_digits(plain)  # 一三七零零一三七零零三: read as a number by the parsers, hidden as one
    plain = TOKEN.sub(REDACTED, plain)
    plain = SPELLED_PHONE.sub(_mask_phone, plain)
    plain = SPELLED_RUN.sub(_hide_spelled_code, plain)
    plain = ID_FRAGMENT.sub(lambda m: m.group(1) + "*" * len(m.group(2)), plain)
    return LONG_NUMBER.sub(lambda m: "*" * len(m.group(0)), plain)


def _hide_spelled_code(match: "re.Match[str]") -> str:
    """Six digits with separators (123 456, 123.456, 12-34-56) are a code to the code parser."""
    digits = re.sub(r"\D", "", match.group(0))
    return "*" * len(match.group(0)) if len(digits) == 6 and digits != match.group(0) else match.group(0)


def _redact_strings(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [_redact_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_strings(v) for k, v in value.items()}
    return value


def _redact_metadata(metadata: Any) -> Any:
    if not isinstance(metadata, dict):
        return metadata
    return {
        key: (REDACTED if key in SECRET_METADATA else _redact_metadata(value) if isinstance(value, dict) else value)
        for key, value in metadata.items()
    }


@lru_cache(maxsize=4)
def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"huankuan tracker slots").derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_value(value: str, secret: Optional[str] = None) -> str:
    return ENCRYPTED_PREFIX + _fernet(secret or jwt_secret()).encrypt(value.encode()).decode()


def decrypt_value(value: Any, secret: Optional[str] = None) -> Any:
    """The clear value of an encrypted slot; a value that can't be decrypted (another secret) is
    forgotten, which only means the borrower verifies again."""
    if not isinstance(value, str) or not value.startswith(ENCRYPTED_PREFIX):
        return value
    try:
        return _fernet(secret or jwt_secret()).decrypt(value[len(ENCRYPTED_PREFIX) :].encode()).decode()
    except InvalidToken:
        return None


def stored_event(event: Dict[str, Any], secret: Optional[str] = None) -> Dict[str, Any]:
    """An event dictionary (Rasa's `Event.as_dict()`) as it may be stored or published."""
    kind = event.get("event")
    stored = dict(event)
    if kind == "user":
        stored["text"] = redact_text(stored.get("text"))
        if "parse_data" in stored:
            stored["parse_data"] = _redact_strings(stored["parse_data"])
        if "metadata" in stored:
            stored["metadata"] = _redact_metadata(stored["metadata"])
    elif kind == "slot":
        name, value = stored.get("name"), stored.get("value")
        if name in ENCRYPTED_SLOTS and isinstance(value, str) and not value.startswith(ENCRYPTED_PREFIX):
            stored["value"] = encrypt_value(value, secret)
        elif name in TYPED_SLOTS:
            stored["value"] = _redact_strings(value)
        elif name == "session_started_metadata":  # Rasa keeps the first message's metadata here
            stored["value"] = _redact_metadata(value)
    elif kind == "bot":
        stored["text"] = TOKEN.sub(REDACTED, stored.get("text") or "") or stored.get("text")
    if "metadata" in stored and kind != "user":
        stored["metadata"] = _redact_metadata(stored["metadata"])
    return stored
