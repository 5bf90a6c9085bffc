"""The lender's product terms (PRODUCT_TERMS.md) as plain Python: no Rasa, no database."""
