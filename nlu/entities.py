"""Entity values the actions can use as they are: amounts as yuan, terms as months, dates as ISO
days relative to today, phone numbers and codes as plain digits (a Rasa component of ours)."""

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from parsing.phones import find_code, find_phone
from parsing.values import parse_amount, parse_date, parse_days, parse_term_months
from rules.calendar import today

EXTRACTOR = "ValueEntities"


def normalised_value(entity: Text, raw: Text) -> Optional[Text]:
    if entity == "amount":
        amount = parse_amount(raw)
        return str(amount) if amount is not None else None
    if entity == "instalment_count":
        months = parse_term_months(raw) or (int(raw) if raw.isdigit() else None)
        return str(months) if months else None
    if entity == "phone":
        return find_phone(raw)
    if entity == "otp_code":
        return find_code(raw)
    return raw


def value_entities(text: Text) -> List[Dict[Text, Any]]:
    """Entities found by our parsers in the whole message (a date, a number of days)."""
    found: List[Dict[Text, Any]] = []
    day = parse_date(text, today()) if any(ch in text for ch in "天号日周月底末明后今") else None
    if day is not None:
        found.append(
            {"entity": "pay_date", "value": day.isoformat(), "start": 0, "end": len(text), "extractor": EXTRACTOR}
        )
    days = parse_days(text)
    if days is not None:
        found.append({"entity": "days", "value": str(days), "start": 0, "end": len(text), "extractor": EXTRACTOR})
    return found


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ValueEntities(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ValueEntities":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            kept, seen = [], set()
            for entity in message.get(ENTITIES, []):
                value = normalised_value(entity["entity"], entity.get("value") or text[entity["start"] : entity["end"]])
                key = (entity["entity"], value)
                if value is None or key in seen:  # drop unreadable and duplicate (regex + DIET) values
                    continue
                seen.add(key)
                kept.append({**entity, "value": value})
            message.set(ENTITIES, kept + value_entities(text), add_to_output=True)
        return messages
