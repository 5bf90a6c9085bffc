"""Normalises borrower text before the tokenizer: full-width → half-width, traditional →
simplified, common lending typos, emoji and control characters → spaces, and the greetings,
fillers and politeness around a request (您好，麻烦… 谢谢) → spaces, so "您好，帮我看下欠多少" is read
as the request it wraps, not as a greeting.

Each character maps to exactly one character, so entity offsets in training data stay valid.
"""

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.script import fix_typos, tidy, to_simplified
from nlu.signals import core_bounds
from parsing.width import half_width


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class TextNormaliser(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TextNormaliser":
        return cls()

    @staticmethod
    def normalise(text: Text) -> Text:
        plain = fix_typos(to_simplified(tidy(half_width(text))))
        start, end = core_bounds(plain)
        return " " * start + plain[start:end] + " " * (len(plain) - end)

    def _apply(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text:
                message.set(TEXT, self.normalise(text))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._apply(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        return self._apply(messages)
