"""Text in borrowers' words → values, the one home of every parser (no Rasa, no database): phone
numbers, codes and the one phone mask (phones.py), the one full-width fold (width.py), amounts,
terms, dates and complaint details (values.py), contact changes (contact_changes.py). The NLU,
the actions and auth all import from here."""
