"""Rasa's own stores, chosen from the environment by `endpoints.yml`: the tracker store (SQL when
TRACKER_STORE_URL is set, in memory otherwise; always redacted), the lock store (Redis when
LOCK_STORE_URL is set) and the event broker (RabbitMQ when EVENT_BROKER_URL is set).

`endpoints.yml` makes every Rasa process (`rasa run`, `rasa shell`, `rasa test`) import this
package, so it is also where three costs of the Rasa server measured in `make bench` are removed:
the action-result check builds its validator once (stores/action_results.py), an event's class
is found once per event name (stores/event_types.py), and the NLU and policy graphs run without
dask's scheduler (stores/graph_runner.py)."""
from stores import action_results, event_types, graph_runner

action_results.install()
event_types.install()
graph_runner.install()
