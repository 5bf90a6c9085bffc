"""Rasa's own stores, chosen from the environment by `endpoints.yml`: the tracker store (SQL when
TRACKER_STORE_URL is set, in memory otherwise; always redacted), the lock store (Redis when
LOCK_STORE_URL is set) and the event broker (RabbitMQ when EVENT_BROKER_URL is set). Our changes
to Rasa's engine are not here: see rasa_patches/."""
