"""Written documents (PDF): what they say is composed by the actions, how they look is here."""
