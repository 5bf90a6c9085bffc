"""Rasa's templated responses, with the policy figures of rules/ as template variables in every
response (`{penalty_rate}`, `{contact_hours}` …; rules/figures.py): whoever utters a response — a
rule, a form, an action — the figure comes from the rule. A variable an action passes, or a slot,
is used as Rasa uses it."""

from typing import Any, Dict, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain

from rules.figures import POLICY_FIGURES


class PolicyFiguresNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)

    def generate_from_slots(
        self, utter_action: Text, filled_slots: Dict[Text, Any], output_channel: Text, **kwargs: Any
    ) -> Optional[Dict[Text, Any]]:
        return super().generate_from_slots(utter_action, filled_slots, output_channel, **{**POLICY_FIGURES, **kwargs})
