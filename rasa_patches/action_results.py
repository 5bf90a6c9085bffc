"""Rasa 3.6 checks every action server answer with `jsonschema.validate(result, schema)`, which
first checks the (large, constant) schema itself against the JSON Schema meta-schema and builds a
new validator: 40–69 ms per action call here, 44–49 % of the Rasa server's CPU in `make bench`'s
profile. This validates against validators built once, with the same errors and message.

An event of the answer must match exactly one of the schema's `oneOf` event schemas; each of them
fixes `event` to one name (`{"const": …}`, and `event` is required), so an event can only ever
match the one of its own name. Trying all 23 for every event was most of what was left of the
check (3.3 % of the cluster's Rasa server): an answer is first checked event by event against the
schema of the event's own name, with `oneOf` narrowed to it, which accepts exactly what the whole
schema accepts; only an answer that fails goes through the whole schema, for Rasa's error."""

import copy
from typing import Any, Dict, Text

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

SCHEMA = RemoteAction.action_response_format_spec()
VALIDATOR = validator_for(SCHEMA)(SCHEMA)
HINT = (
    ". Failed to validate Action server response from API, make sure your response from the Action "
    f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
)


def _event_validators() -> Dict[Text, Any]:
    """The schema of one event, per event name: the events' item schema with `oneOf` narrowed to
    the one alternative whose `event` is that name."""
    item = SCHEMA["properties"]["events"]["items"]
    validators = {}
    for alternative in item["oneOf"]:
        name = alternative["properties"]["event"]["const"]
        narrowed = copy.deepcopy(item)
        narrowed["oneOf"] = [alternative]
        validators[name] = validator_for(narrowed)(narrowed)
    return validators


EVENT_VALIDATORS = _event_validators()
RESPONSES_VALIDATOR = validator_for(SCHEMA)(SCHEMA["properties"]["responses"])


def _valid_by_event_name(result: Any) -> bool:
    if not isinstance(result, dict):
        return False
    if "responses" in result and not RESPONSES_VALIDATOR.is_valid(result["responses"]):
        return False
    events = result.get("events", [])
    if not isinstance(events, list):
        return False
    for event in events:
        name = event.get("event") if isinstance(event, dict) else None
        validator = EVENT_VALIDATORS.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    if _valid_by_event_name(result):
        return True
    error = best_match(VALIDATOR.iter_errors(result))
    if error is not None:
        error.message += HINT
        raise error
    return True


def install() -> None:
    validator_for(SCHEMA).check_schema(SCHEMA)  # what jsonschema.validate checked on every call
    RemoteAction._validate_action_result = validate_action_result
