"""Our dialogue policies (Rasa graph components)."""
