"""The intent classifier: TF-IDF of character 1–3-grams and of jieba word 1–2-grams of the
normalised text, and a linear SVM (scikit-learn; a logistic regression on request). Chosen by
measurement over DIET and the logistic regression on the hold-out and the real-language set
(docs/nlu.md): more accurate than either, trained in seconds. The SVM's margins become confidences
by a softmax with a temperature, so that the FallbackClassifier's threshold means something.

Three rules of the intent guide (nlu/INTENTS.md) are the classifier's own (the last two switched by
`first_question`):
- `decided_elsewhere`: intents the words decide (noise: nothing to read, nlu/decisive.py) are not
  learnt, so "我要结清!!!" is never taken for noise because of its exclamation marks;
- `first_question`: two questions in one message, the second marked as one (另外 / 还有 / 顺便 / a
  question mark with more after it), are labelled by the first: when both halves read confidently as
  different questions or requests, the message gets the first half's intent. (The channels answer
  both as turns of their own, nlu/clauses.py; this is what a single parse says.)
- a story followed by a question ("最近手头紧…想问下我现在到底欠多少") that reads as the story as a
  whole gets the question's intent when its last clause asks and reads confidently as one: the
  request beats the story around it.
"""

import logging
import re
from typing import Any, Dict, List, Optional, Text

import joblib
import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from nlu.clauses import ACTIONABLE, MIN_CONFIDENCE, last_question_at, second_question_at

logger = logging.getLogger(__name__)
MODEL_FILE = "linear_intents.joblib"
STORY = "explain_hardship"


def _sounds(text: Text) -> Text:
    """The text as toneless pinyin syllables (pypinyin ships its dictionary): sound-alike typos
    (预期/逾期, 分其/分期) read the same."""
    from pypinyin import lazy_pinyin

    return " ".join(s for s in lazy_pinyin(text or "", errors="ignore") if s.strip())


_PHONE = re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")  # 13912345678, 139 1234 5678, 139-1234-5678
_CODE = re.compile(r"(?<!\d)(?<!\d\s)\d(?:\s?\d){5}(?!\s?\d)")  # 482913, 4 8 2 9 1 3


def _shape(text: Text) -> Text:
    """A phone number and a six-digit code as one sign each: which digits they are says nothing of
    the intent, and their n-grams would otherwise pull a request that gives a number (我要查欠款
    手机号139…) towards whatever other numbers were trained."""
    return _CODE.sub("Ⓒ", _PHONE.sub("Ⓟ", text or ""))


def _words(message: Message, start: int = 0, end: Optional[int] = None) -> Text:
    """The message's words (its tokens), or those between two offsets."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    return " ".join(
        _shape(t.text) for t in tokens if t.text.strip() and t.start >= start and (end is None or t.end <= end)
    )


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "char_ngrams": [1, 3],
            "word_ngrams": [1, 2],
            "pinyin_ngrams": None,
            "classifier": "svm",
            "C": 1.0,
            "temperature": 3.0,
            "max_iter": 3000,
            "ranking_length": 10,
            "decided_elsewhere": ["noise"],
            "first_question": True,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[Dict[Text, Any]] = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def _features(self, chars: List[Text], words: List[Text]):
        chars = [_shape(t) for t in chars]
        parts = [self.model["chars"].transform(chars), self.model["words"].transform(words)]
        if self.model.get("sounds") is not None:
            parts.append(self.model["sounds"].transform([_sounds(t) for t in chars]))
        return scipy.sparse.hstack(parts).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        elsewhere = set(self.config["decided_elsewhere"] or [])
        examples = [m for m in training_data.intent_examples if m.get(INTENT) and m.get(INTENT) not in elsewhere]
        if len({m.get(INTENT) for m in examples}) < 2:
            logger.warning("LinearIntentClassifier needs two intents or more; nothing trained")
            return self._resource
        self.model = {
            "chars": TfidfVectorizer(analyzer="char", ngram_range=tuple(self.config["char_ngrams"]), sublinear_tf=True),
            "words": TfidfVectorizer(
                token_pattern=r"\S+", lowercase=True, ngram_range=tuple(self.config["word_ngrams"]), sublinear_tf=True
            ),
        }
        if self.config["pinyin_ngrams"]:
            self.model["sounds"] = TfidfVectorizer(
                token_pattern=r"\S+", ngram_range=tuple(self.config["pinyin_ngrams"]), sublinear_tf=True
            )
        chars = [_shape(m.get(TEXT)) for m in examples]
        if self.model.get("sounds") is not None:
            self.model["sounds"].fit([_sounds(t) for t in chars])
        self.model["chars"].fit(chars)
        self.model["words"].fit([_words(m) for m in examples])
        if self.config["classifier"] == "svm":
            classifier = LinearSVC(C=self.config["C"], max_iter=self.config["max_iter"], random_state=0)
        else:
            classifier = LogisticRegression(C=self.config["C"], max_iter=self.config["max_iter"])
        classifier.fit(self._features(chars, [_words(m) for m in examples]), [m.get(INTENT) for m in examples])
        self.model["classifier"] = classifier
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self.model, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LinearIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("LinearIntentClassifier: no trained model found; it will not classify")
            model = None
        return cls(config, model_storage, resource, model)

    def _probabilities(self, chars: List[Text], words: List[Text]) -> np.ndarray:
        features = self._features(chars, words)
        classifier = self.model["classifier"]
        if hasattr(classifier, "predict_proba"):
            return classifier.predict_proba(features)
        margins = classifier.decision_function(features) * self.config["temperature"]
        margins = np.exp(margins - margins.max(axis=1, keepdims=True))
        return margins / margins.sum(axis=1, keepdims=True)

    def _first_question(self, message: Message, whole: np.ndarray) -> np.ndarray:
        """The first question's probabilities when the message asks two, marked as two; else whole."""
        text = message.get(TEXT) or ""
        at = second_question_at(text)
        if at is None:
            return whole
        halves = self._probabilities([text[:at], text[at:]], [_words(message, end=at), _words(message, start=at)])
        names = self.model["classifier"].classes_
        first, second = (int(np.argmax(row)) for row in halves)
        if (
            first != second
            and first != int(np.argmax(whole))
            and all(
                names[i] in ACTIONABLE and row[i] >= MIN_CONFIDENCE
                for i, row in zip((first, second), halves, strict=True)
            )
        ):
            return halves[0]
        return whole

    def _question_after_a_story(self, message: Message, whole: np.ndarray) -> np.ndarray:
        """The last clause's probabilities when the message reads as a story that ends in a question."""
        names = self.model["classifier"].classes_
        if names[int(np.argmax(whole))] != STORY:
            return whole
        text = message.get(TEXT) or ""
        at = last_question_at(text)
        if at is None:
            return whole
        (last,) = self._probabilities([text[at:]], [_words(message, start=at)])
        best = int(np.argmax(last))
        return last if names[best] in ACTIONABLE and last[best] >= MIN_CONFIDENCE else whole

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        probabilities = self._probabilities(texts, [_words(m) for m in messages])
        names = self.model["classifier"].classes_
        for message, row in zip(messages, probabilities, strict=False):
            if self.config["first_question"]:
                row = self._question_after_a_story(message, self._first_question(message, row))
            order = np.argsort(row)[::-1][: self.config["ranking_length"]]
            ranking = [{INTENT_NAME_KEY: str(names[i]), PREDICTED_CONFIDENCE_KEY: float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
