"""Written documents (PDF): what they say is composed by the actions, how they look is here; and the
lender's name as everything written to a borrower states it."""

import os

DEFAULT_LENDER = "示例消费金融（演示）"


def lender_name() -> str:
    """LENDER_NAME, else the demo lender's name."""
    return os.environ.get("LENDER_NAME", "").strip() or DEFAULT_LENDER
