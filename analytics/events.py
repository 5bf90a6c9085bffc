"""The tracker events analytics reads: the event broker routes only these to the analytics queue
(stores/broker.py), the store keeps a row for each (of actions, not action_listen). No imports:
the Rasa server's broker reads this without loading the analytics store."""

COUNTED_EVENTS = ("user", "bot", "action")
