"""The one place that decides how this deployment runs. Development — the demo pages, the default
development secrets — only when ASSISTANT_ENV says `development` explicitly (`make` does for the
local commands); anything else, unset included, is production, which refuses to start without
real secrets."""

import os


def development() -> bool:
    return os.environ.get("ASSISTANT_ENV", "").strip().lower() == "development"


def production() -> bool:
    return not development()
