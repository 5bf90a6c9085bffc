"""The action server package: translates conversations to the loan store and the rules."""

from auth.tokens import require_secret

require_secret()  # no built-in secret: the action server refuses to start without a real one
