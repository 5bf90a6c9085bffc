"""The action server package: translates conversations to the loan store and the rules."""
