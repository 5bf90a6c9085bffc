"""Who the person in the conversation is: signed identity tokens, one-time SMS codes, lockout."""
