"""What the lender learns from the assistant's tracker events: the consumer, the store and the report."""
