"""Tests of 还款助手: unit (store, rules, auth, actions), conversations, NLU hold-out, end to end."""
